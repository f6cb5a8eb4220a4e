"""Progress of ``load``, ``convert``, ``validate``, ``link`` and ``discover`` on stderr.

Each command runs in a child process three ways: stderr on a pseudo-terminal (progress shown),
stderr piped (nothing extra), and on the terminal with ``--quiet`` (nothing extra). stdout is
always a pipe: its bytes must be the same whether or not progress is drawn.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KEDIRI = REPO / "examples" / "kediri-tenun-ikat"
ILLUSTRATIVE = REPO / "examples" / "illustrative"
# What the display draws whatever the stage: the bar, and hiding the cursor while it runs.
DRAWN = ("━", "\x1b[?25l")

# command, its arguments (run in a fresh folder), stage texts the display must show
COMMANDS = {
    "load": (["load", str(KEDIRI), "--store", "store"], ["store: bulk load", "size assessments"]),
    "convert": (["convert", str(KEDIRI), "-o", "kediri.ttl"], ["write kediri.ttl", "read "]),
    "validate": (["validate", str(KEDIRI), "--format", "json"], ["checks", "queries"]),
    "link": (
        ["link", str(KEDIRI), str(ILLUSTRATIVE), "-o", "links.sssom.tsv"],
        ["compare", "records"],
    ),
    "discover": (
        ["discover", str(KEDIRI), "--format", "csv"],
        ["read firms", "location quotients"],
    ),
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    return {**env, "TERM": "xterm-256color"}


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-c", "from umkm_kg.cli import main; main()", *args]


def _on_terminal(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """Run with stderr on an 80-column pseudo-terminal: exit code, stdout, what the terminal
    received."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    received: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal's other side closed
                return
            if not data:
                return
            received.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run(
            _command(args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
            cwd=cwd,
            env=_env(),
            timeout=600,
            check=False,
        )
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    return done.returncode, done.stdout, b"".join(received).decode("utf-8", "replace")


def _piped(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(args), capture_output=True, cwd=cwd, env=_env(), timeout=600, check=False
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_progress_on_a_terminal_only(name: str, tmp_path: Path) -> None:
    args, stages = COMMANDS[name]
    for mode in ("terminal", "piped", "quiet"):
        (tmp_path / mode).mkdir()
    code, stdout, terminal = _on_terminal(args, tmp_path / "terminal")
    piped = _piped(args, tmp_path / "piped")
    quiet_code, quiet_stdout, quiet_terminal = _on_terminal([*args, "-q"], tmp_path / "quiet")

    assert code == piped.returncode == quiet_code
    assert code in (0, 1), piped.stderr.decode()  # validate: 1 = a sentra not ready
    for stage in stages:
        assert stage in terminal, f"{stage!r} not drawn on the terminal: {terminal!r}"
    assert any(mark in terminal for mark in DRAWN)
    for shown in (piped.stderr.decode(), quiet_terminal):
        assert not any(mark in shown for mark in DRAWN), shown
        assert not any(stage in shown for stage in stages), shown
    assert stdout == piped.stdout == quiet_stdout  # the data on stdout never changes


def test_json_and_csv_on_stdout_parse_with_progress_on(tmp_path: Path) -> None:
    import csv
    import io
    import json

    _, validated, terminal = _on_terminal(COMMANDS["validate"][0], tmp_path)
    assert "checks" in terminal
    report = json.loads(validated)
    assert [s["status"] for s in report["sentra"]]
    _, found, terminal = _on_terminal(COMMANDS["discover"][0], tmp_path)
    assert "read firms" in terminal
    rows = list(csv.reader(io.StringIO(found.decode("utf-8"))))
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_the_display_fits_80_columns(tmp_path: Path) -> None:
    """No line the display draws is wider than the terminal (Rich would wrap it)."""
    import re

    _, _, terminal = _on_terminal(COMMANDS["load"][0], tmp_path)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal)
    lines = [line for part in plain.split("\r") for line in part.split("\n")]
    assert any("store: bulk load" in line for line in lines)
    assert max(map(len, lines)) <= 80
