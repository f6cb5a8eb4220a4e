"""A Virtuoso Open Source server on 127.0.0.1 (Debian ``virtuoso-opensource``), and its SQL.

:class:`VirtuosoServer` writes a ``virtuoso.ini`` into a folder of its own (the database, its
log and the bulk loader's allowed folders there), sets the ``dba`` password once with the
binary's ``+pwdold dba +pwddba ...`` run, starts ``virtuoso-t`` on free loopback ports and
stops it. :func:`run_sql` runs SQL through ``isql-vt`` (the bulk loader, users, grants).
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.store.oxigraph_server import HOST, free_port, stop_process

_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = {checkpoint_minutes}
O_DIRECT = 0
CaseMode = 2
DirsAllowed = {dirs_allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {folder}
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


def virtuoso_binary(name: str = "virtuoso-t") -> Path:
    """``virtuoso-t`` (or ``isql-vt``) on PATH, as the Debian package installs them."""
    found = shutil.which(name)
    if found is None:
        raise UmkmKgError(
            f"{name} was not found (install Virtuoso: apt-get install virtuoso-opensource)"
        )
    return Path(found)


class VirtuosoServer:
    """A ``virtuoso-t`` process with its database in ``folder``, on 127.0.0.1 only.

    ``buffers`` is Virtuoso's ``NumberOfBuffers`` (8 kB pages held in memory: 20,000 is
    160 MB; Virtuoso suggests about 85,000 per GB of RAM it may use).
    """

    def __init__(
        self,
        folder: Path,
        *,
        password: str | None = None,
        dirs_allowed: tuple[Path, ...] = (),
        buffers: int = 20_000,
        checkpoint_minutes: int = 1,
    ) -> None:
        self.folder = Path(folder).resolve()
        # 16 characters, a letter first: longer passwords given to +pwddba did not log in
        self.password = password or "umkm" + secrets.token_hex(6)
        self.dirs_allowed = tuple(Path(d).resolve() for d in dirs_allowed)
        self.buffers = buffers
        self.checkpoint_minutes = checkpoint_minutes
        self.http_port = free_port()
        self.sql_port = free_port()
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The base URL; ``{url}/sparql`` answers queries, ``{url}/sparql-auth`` updates too."""
        return f"http://{HOST}:{self.http_port}"

    @property
    def sql_address(self) -> str:
        """``127.0.0.1:PORT`` of the SQL (isql/ODBC) listener."""
        return f"{HOST}:{self.sql_port}"

    def start(self, timeout: float = 180) -> VirtuosoServer:
        """Write the ini, set the password on a new database, start and wait for HTTP."""
        binary = virtuoso_binary()
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self._write_ini()
        if not (self.folder / "virtuoso.db").exists():
            # one-shot run: creates the database, changes dba's password, checkpoints, exits
            subprocess.run(
                [str(binary), "+configfile", str(ini), "+foreground", "+pwdold", "dba",
                 "+pwddba", self.password],
                cwd=self.folder, capture_output=True, text=True, timeout=timeout, check=False,
            )  # fmt: skip
        self._process = subprocess.Popen(
            [str(binary), "+configfile", str(ini), "+foreground"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                raise UmkmKgError(f"Virtuoso did not start: see {self.folder / 'virtuoso.log'}")
            try:
                with urllib.request.urlopen(f"{self.url}/sparql?query=ASK%7B%7D", timeout=2):
                    pass
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
                continue
            try:
                self.sql("SELECT 1;")  # the password set by the one-shot run works
            except UmkmKgError:
                self.stop()
                raise
            return self
        self.stop()
        raise UmkmKgError(f"Virtuoso did not answer on {self.url} within {timeout:g} s")

    def sql(self, statements: str) -> str:
        """Run SQL statements as ``dba`` (see :func:`run_sql`)."""
        return run_sql(self.sql_address, "dba", self.password, statements)

    def add_sparql_user(self, user: str, password: str) -> None:
        """A user who may update through ``/sparql-auth`` (HTTP digest authentication)."""
        self.sql(
            f"DB.DBA.USER_CREATE('{_sql_word(user)}', '{_sql_word(password)}');\n"
            f'GRANT SPARQL_UPDATE TO "{_sql_word(user)}";'
        )

    @property
    def pid(self) -> int | None:
        """The server process's id while it runs."""
        return self._process.pid if self._process is not None else None

    def stop(self) -> None:
        """Checkpoint-free shutdown: terminate, then kill after 30 s."""
        if self._process is not None:
            stop_process(self._process, grace=30)
        self._process = None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _write_ini(self) -> Path:
        allowed = ", ".join([".", *(str(d) for d in self.dirs_allowed)])
        ini = self.folder / "virtuoso.ini"
        ini.write_text(
            _INI.format(
                folder=self.folder,
                host=HOST,
                sql_port=self.sql_port,
                http_port=self.http_port,
                dirs_allowed=allowed,
                buffers=self.buffers,
                dirty_buffers=self.buffers * 3 // 4,
                checkpoint_minutes=self.checkpoint_minutes,
            ),
            encoding="utf-8",
        )
        return ini


def run_sql(address: str, user: str, password: str, statements: str, timeout: float = 3600) -> str:
    """Run SQL through ``isql-vt`` at ``address`` (HOST:PORT); its output, or an error.

    isql reads the statements from stdin and goes on after a failed one, so its output is
    searched for Virtuoso's error lines (``*** Error``).
    """
    isql = virtuoso_binary("isql-vt")
    try:
        done = subprocess.run(
            [str(isql), address, user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
            input=statements, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise UmkmKgError(f"isql at {address} did not finish within {timeout:g} s") from None
    output = done.stdout + done.stderr
    errors = [line for line in output.splitlines() if "*** Error" in line or "[ISQL]" in line]
    if done.returncode != 0 or errors:
        detail = "; ".join(errors) or output.strip()[-500:]
        raise UmkmKgError(f"Virtuoso SQL at {address} failed: {detail}")
    return done.stdout


def _sql_word(text: str) -> str:
    """A user name or password as it may appear in a quoted SQL literal (no quotes inside)."""
    if any(ch in text for ch in "'\"\\;\n"):
        raise UmkmKgError("Virtuoso user names and passwords here may not contain quotes or ';'")
    return text
