"""Hostile cases of the embedded store: killed loads, concurrent writers, bad and read-only folders.

A load is killed (SIGKILL, as ``kill -9``) at named stages of a real load in a subprocess
(``$UMKM_KG_STORE_FAULT``) and after timed delays; the reopened store must hold exactly the
old content or exactly the new (blank-node labels and load timestamps aside).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from tests.bench_synthetic import synthetic_folder
from umkm_kg.errors import UmkmKgError
from umkm_kg.store import EmbeddedStore
from umkm_kg.store.generations import FAULT_ENV, POINTER, StoreFolder, WriterLock

KNOWN_DATA = Path(__file__).resolve().parents[1] / "queries" / "fixtures" / "sentra.ttl"
REPO = Path(__file__).resolve().parents[2]
PROV = "http://www.w3.org/ns/prov#"
_TIMES = {PROV + "startedAtTime", PROV + "endedAtTime"}
LOADER = (
    "import sys\n"
    "from umkm_kg.store import EmbeddedStore\n"
    "store = EmbeddedStore(sys.argv[1], wait=float(sys.argv[3]))\n"
    "print('start', flush=True)\n"
    "store.load(sys.argv[2])\n"
    "print('loaded', flush=True)\n"
)
CLI = "import sys; from umkm_kg.cli import main; sys.argv[0] = 'umkm-kg'; main()"


def content(path: Path) -> Counter[str]:
    """The store's quads, blank nodes as ``_:b`` and load times as ``T``, counted."""
    if StoreFolder(path).current() is None:
        return Counter()  # no store (yet)
    reader = EmbeddedStore.open_read_only(path)
    try:
        quads = Counter()
        for quad in ox.Store.read_only(str(reader.location)):
            terms = [
                "_:b" if isinstance(term, ox.BlankNode) else str(term)
                for term in (quad.subject, quad.predicate, quad.object, quad.graph_name)
            ]
            if quad.predicate.value in _TIMES:
                terms[2] = "T"
            quads[" ".join(terms)] += 1
        return quads
    finally:
        reader.close()


def _generations(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.is_dir() and p.name.startswith("gen-"))


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **extra}
    env.pop(FAULT_ENV, None)
    env.update(extra)
    return env


def _loader(store: Path, source: Path, *, wait: float = 0, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", LOADER, str(store), str(source), str(wait)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(**env),
    )


def _cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        capture_output=True,
        text=True,
        env=_env(COLUMNS="200"),
        timeout=300,
        **kwargs,
    )


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Loads, each with the store before it (old), the source, and the store after (new): into
    a new store; a first load beside a large source (checkpoint, then the vocabulary graphs
    deleted) and beside a small one (the other graphs copied); the reload of a large source
    (copied) and of a small source beside a large one (checkpoint, delete)."""
    root = tmp_path_factory.mktemp("hostile-store")
    big_a = synthetic_folder(root / "a" / "big", 12, seed=1)
    big_b = synthetic_folder(root / "b" / "big", 12, seed=2)
    small_b = root / "b" / "sentra.ttl"
    small_b.write_text(
        KNOWN_DATA.read_text(encoding="utf-8") + '\n<urn:x:new> <urn:x:p> "changed" .\n',
        encoding="utf-8",
    )
    plans = {
        "new-store": ([], big_a),
        "first-load": ([big_a], KNOWN_DATA),
        "first-load-copy": ([KNOWN_DATA], big_a),
        "reload-copy": ([big_a], big_b),
        "reload-delete": ([big_a, KNOWN_DATA], small_b),
    }
    built = {}
    for name, (before, source) in plans.items():
        old = root / name / "old"
        with EmbeddedStore(old) as store:
            for path in before:
                store.load(path)
        new = root / name / "new"
        if old.exists():
            shutil.copytree(old, new)
        with EmbeddedStore(new) as store:
            store.load(source)
        built[name] = {"old": old, "source": source, "before": content(old), "after": content(new)}
    assert built["reload-copy"]["before"] != built["reload-copy"]["after"]
    return built


STAGES = {  # every stage at least once; the stage that shows each way of building the next
    "new-store": ["source-loaded", "pointer-written", "flipped"],
    "first-load": ["checkpointed", "deleting", "source-loaded", "flipped"],
    "first-load-copy": ["copying", "written"],
    "reload-copy": [
        "copying",
        "source-loaded",
        "written",
        "synced",
        "pointer-written",
        "flipped",
        "cleaning",
    ],
    "reload-delete": ["checkpointed", "deleting", "written", "cleaning"],
}
AFTER_FLIP = {"flipped", "cleaning"}
STAGE_CASES = [
    (scenario, stage, stage in AFTER_FLIP)
    for scenario, stages in STAGES.items()
    for stage in stages
]


@pytest.mark.parametrize(("scenario", "stage", "flipped"), STAGE_CASES)
def test_a_load_killed_at_a_stage_leaves_the_old_or_the_new_store(
    scenarios, tmp_path, scenario, stage, flipped
):
    plan = scenarios[scenario]
    store = tmp_path / "store"
    if plan["old"].exists():
        shutil.copytree(plan["old"], store)
    process = _loader(store, plan["source"], **{FAULT_ENV: stage})
    _, errors = process.communicate(timeout=300)
    assert process.returncode == -signal.SIGKILL, errors  # the stage was reached
    assert content(store) == plan["after" if flipped else "before"]


@pytest.mark.parametrize("scenario", ["new-store", "reload-copy"])
@pytest.mark.parametrize("delay_ms", [0, 300, 1000, 2000, 3500])
def test_a_load_killed_after_a_delay_leaves_the_old_or_the_new_store(
    scenarios, tmp_path, scenario, delay_ms
):
    plan = scenarios[scenario]
    store = tmp_path / "store"
    if plan["old"].exists():
        shutil.copytree(plan["old"], store)
    process = _loader(store, plan["source"])
    assert process.stdout.readline().strip() == "start"
    time.sleep(delay_ms / 1000)
    process.kill()
    process.communicate(timeout=60)
    assert content(store) in (plan["before"], plan["after"])


def test_the_next_load_removes_what_a_killed_load_left(scenarios, tmp_path):
    plan = scenarios["reload-copy"]
    store = tmp_path / "store"
    shutil.copytree(plan["old"], store)
    process = _loader(store, plan["source"], **{FAULT_ENV: "written"})
    process.communicate(timeout=300)
    assert len(_generations(store)) == 2  # the current one and the unfinished one
    with EmbeddedStore.open_read_only(store) as reader:  # a reader removes nothing
        assert reader.generation == _generations(store)[0]
    assert len(_generations(store)) == 2
    with EmbeddedStore(store) as writer:
        writer.load(plan["source"])
    assert len(_generations(store)) == 1
    assert content(store) == plan["after"]


def test_two_loads_at_once_land_whole_one_after_the_other(scenarios, tmp_path):
    store = tmp_path / "new-store"
    sources = [KNOWN_DATA, scenarios["reload-copy"]["source"]]
    processes = [_loader(store, source, wait=240) for source in sources]
    for process in processes:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    expected = tmp_path / "expected"
    with EmbeddedStore(expected) as one_by_one:
        for source in sources:
            one_by_one.load(source)
    assert content(store) == content(expected)
    assert len(_generations(store)) == 1


@pytest.mark.parametrize("wait", ["0", "0.5"])
def test_a_second_writer_is_refused_naming_the_first(scenarios, tmp_path, wait):
    store = tmp_path / "store"
    shutil.copytree(scenarios["first-load"]["old"], store)
    with WriterLock(StoreFolder(store), wait=0):
        result = _cli("load", str(KNOWN_DATA), "--store", str(store), "--wait", wait)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert f"pid {os.getpid()}" in message and f"kill {os.getpid()}" in message
    assert "--wait SECONDS" in message and "Traceback" not in result.stderr
    assert content(store) == scenarios["first-load"]["before"]


def test_a_waiting_writer_loads_once_the_first_is_done(scenarios, tmp_path):
    plan = scenarios["first-load"]
    store = tmp_path / "store"
    shutil.copytree(plan["old"], store)
    with WriterLock(StoreFolder(store), wait=0):
        process = _loader(store, plan["source"], wait=120)
        assert process.stdout.readline().strip() == "start"
        time.sleep(1.0)
        assert process.poll() is None  # waiting for the lock
    _, errors = process.communicate(timeout=300)
    assert process.returncode == 0, errors
    assert content(store) == plan["after"]


def test_a_reader_keeps_its_generation_until_it_refreshes(scenarios, tmp_path):
    plan = scenarios["first-load"]
    store = tmp_path / "store"
    shutil.copytree(plan["old"], store)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    with EmbeddedStore.open_read_only(store) as reader:
        assert reader.refresh() is False
        seen = reader.generation
        before = len(reader.select(graphs))
        process = _loader(store, plan["source"])
        assert process.wait(timeout=300) == 0
        assert (store / seen).is_dir()  # held by the reader: not removed
        assert len(reader.select(graphs)) == before
        assert reader.refresh() is True and reader.refresh() is False
        assert len(reader.select(graphs)) == before + 2
    with EmbeddedStore(store) as writer:
        writer.load(KNOWN_DATA)
    assert not (store / seen).exists()  # released: the next write removed it


def test_a_query_running_across_a_refresh_keeps_its_generation(scenarios, tmp_path):
    plan = scenarios["first-load"]
    store = tmp_path / "store"
    shutil.copytree(plan["old"], store)
    with EmbeddedStore.open_read_only(store) as reader:
        seen = reader.generation
        with reader.reading() as raw:
            with EmbeddedStore(store) as writer:
                writer.load(plan["source"])
            assert reader.refresh()
            with EmbeddedStore(store) as writer:
                writer.load(plan["source"])  # removes what no reader holds
            assert (store / seen).is_dir()
            assert len(raw) == sum(plan["before"].values())
    with EmbeddedStore(store) as writer:
        writer.load(plan["source"])
        assert _generations(store) == [writer.generation]


@pytest.mark.parametrize(
    ("update", "error"),
    [
        ("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }", None),
        ("DROP GRAPH <urn:x:no-such-graph>", "the update failed .*; the store is unchanged"),
        ("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> ", "not valid SPARQL"),
    ],
)
def test_an_update_is_all_or_nothing(scenarios, tmp_path, update, error):
    plan = scenarios["first-load"]
    store = tmp_path / "store"
    shutil.copytree(plan["old"], store)
    with EmbeddedStore(store) as writer:
        if error is None:
            writer.update(update)
        else:
            with pytest.raises(UmkmKgError, match=error):
                writer.update(update)
    grown = sum(content(store).values()) - sum(plan["before"].values())
    assert grown == (1 if error is None else 0)
    assert len(_generations(store)) == 1


@pytest.mark.parametrize("write", ["load", "add_graph", "update"])
def test_a_store_opened_read_only_refuses_writes(scenarios, write):
    before = scenarios["first-load"]["before"]
    with EmbeddedStore.open_read_only(scenarios["first-load"]["old"]) as reader:
        calls = {
            "load": lambda: reader.load(KNOWN_DATA, name="other"),
            "add_graph": lambda: reader.add_graph(Graph(), URIRef("urn:x:graph")),
            "update": lambda: reader.update("DROP ALL"),
        }
        with pytest.raises(UmkmKgError, match="read-only"):
            calls[write]()
    assert content(scenarios["first-load"]["old"]) == before


def test_opening_a_missing_store_read_only_is_a_clear_error(tmp_path):
    with pytest.raises(UmkmKgError, match="no store at .*load data first"):
        EmbeddedStore.open_read_only(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


@pytest.mark.parametrize(
    "where",
    ["new", "new/nested/deeper"],
)
@pytest.mark.parametrize(
    "body",
    [
        '<urn:x:a> <urn:x:b> "unterminated .\n',  # a syntax error half way through the load
        "<urn:x:e> a <https://w3id.org/umkm-kg/ontology#Enterprise> ;\n"
        "  <https://w3id.org/umkm-kg/ontology#workers> 3 , 4 .\n",  # figures refused
    ],
)
def test_a_failed_first_load_leaves_no_store_folder(tmp_path, where, body):
    source = tmp_path / "bad.ttl"
    source.write_text(KNOWN_DATA.read_text(encoding="utf-8") + body, encoding="utf-8")
    result = _cli("load", str(source), "--store", str(tmp_path / where))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unchanged" in result.stderr or "two values" in result.stderr
    assert not (tmp_path / "new").exists()


def _garbage_pointer(store: Path) -> None:
    (store / POINTER).write_text("../../etc\n", encoding="ascii")


def _missing_generation(store: Path) -> None:
    (store / POINTER).write_text("gen-9999\n", encoding="ascii")


def _garbage_current(store: Path) -> None:
    generation = (store / POINTER).read_text(encoding="ascii").strip()
    (store / generation / "CURRENT").write_bytes(b"\x00garbage\xff")


def _truncated_tables(store: Path) -> None:
    generation = (store / POINTER).read_text(encoding="ascii").strip()
    for table in (store / generation).glob("*.sst"):
        with table.open("r+b") as handle:
            handle.truncate(10)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_garbage_pointer, "not a generation"),
        (_missing_generation, "not a generation"),
        (_garbage_current, "cannot open the store"),
        (_truncated_tables, "cannot open the store|damaged|Corruption"),
    ],
)
@pytest.mark.parametrize("command", ["query", "load"])
def test_a_damaged_store_folder_is_one_clear_message(scenarios, tmp_path, damage, message, command):
    store = tmp_path / "store"
    shutil.copytree(scenarios["first-load"]["old"], store)
    damage(store)
    args = ["query", "support-overlap"] if command == "query" else ["load", str(KNOWN_DATA)]
    result = _cli(*args, "--store", str(store))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert any(part in " ".join(result.stderr.split()) for part in message.split("|"))


@pytest.mark.parametrize("command", ["query", "load"])
@pytest.mark.parametrize("place", ["a regular file", "under a regular file"])
def test_a_store_path_that_is_a_file_is_one_clear_message(tmp_path, command, place):
    file = tmp_path / "file"
    file.write_text("not a store", encoding="utf-8")
    store = file if place == "a regular file" else file / "store"
    args = ["query", "support-overlap"] if command == "query" else ["load", str(KNOWN_DATA)]
    result = _cli(*args, "--store", str(store))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(file) in result.stderr.replace("\n", "")
    assert file.read_text(encoding="utf-8") == "not a store"


def test_a_store_from_before_generations_is_read_then_migrated(tmp_path):
    legacy = tmp_path / "legacy"
    old = ox.Store(str(legacy))  # as earlier versions wrote it: RocksDB at the top
    old.bulk_load(path=str(KNOWN_DATA), to_graph=ox.NamedNode("urn:x:graph"))
    old.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("in the log")))
    del old  # not flushed: the last quad is only in RocksDB's write-ahead log
    known = len(list(ox.parse(path=str(KNOWN_DATA), format=ox.RdfFormat.TURTLE)))
    with EmbeddedStore(legacy) as store:
        assert len(store.select("SELECT * WHERE { ?s ?p ?o }")) == known + 1
        store.load(KNOWN_DATA, name="second")
        assert store.select("ASK { <urn:x:a> <urn:x:b> 'in the log' }")[0]["result"]
        assert len(store.select("SELECT * WHERE { GRAPH <urn:x:graph> { ?s ?p ?o } }")) == known
    assert (legacy / POINTER).is_file() and not (legacy / "CURRENT").exists()
    assert not list(legacy.glob("*.sst"))


def _read_only_run(store: Path, args: list[str], how: str) -> subprocess.CompletedProcess:
    """Run the CLI where ``store`` cannot be written: through a read-only bind mount (a user
    and mount namespace), or on folders without write permission (a user namespace, where the
    process has no capability over the files and their owner's bits apply)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available")
    if how == "read-only mount":
        view = store.parent / "read-only-view"
        view.mkdir()
        script = f'mount --bind -o ro "{store}" "{view}" && exec "{sys.executable}" -c "$0" "$@"'
        command = ["unshare", "-Urm", "sh", "-c", script, CLI, *args, "--store", str(view)]
    else:
        for path in [store, *store.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        command = ["unshare", "-U", sys.executable, "-c", CLI, *args, "--store", str(store)]
    result = subprocess.run(command, capture_output=True, text=True, env=_env(COLUMNS="200"))
    if result.returncode not in (0, 2):
        pytest.skip(f"no user namespace here: {result.stderr.strip()[-300:]}")
    return result


@pytest.mark.parametrize("how", ["read-only mount", "no write permission"])
@pytest.mark.parametrize("command", ["query", "load"])
def test_a_store_that_cannot_be_written_is_still_queried(scenarios, tmp_path, how, command):
    store = tmp_path / "store"
    shutil.copytree(scenarios["first-load"]["old"], store)
    before = sorted(str(p.relative_to(store)) for p in store.rglob("*"))
    args = ["query", "support-overlap"] if command == "query" else ["load", str(KNOWN_DATA)]
    result = _read_only_run(store, args, how)
    message = " ".join(result.stderr.split())
    if command == "query":
        assert result.returncode == 0, result.stderr
        assert "opened read-only" in message
        assert "KDR" in result.stdout or "Sentra" in result.stdout
    else:
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "cannot be written" in message and "loads are refused" in message
    assert sorted(str(p.relative_to(store)) for p in store.rglob("*")) == before
