"""docs/contributing.md names only files, folders and tests that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "contributing.md"
TOP_LEVEL = {p.name for p in REPO.iterdir() if not p.name.startswith(".")} | {".ci"}
_CODE = re.compile(r"`([^`\n]+)`")


def named_paths(text: str) -> list[str]:
    """Every inline code span that is a path in the repository: it starts with a top-level
    file or folder (``loaders/``, ``pyproject.toml``...). Spans that hold spaces are commands."""
    paths = []
    for span in _CODE.findall(text):
        first = span.split("/", 1)[0].split("::", 1)[0]
        if " " not in span and first in TOP_LEVEL:
            paths.append(span)
    return paths


def missing(path: str, repo: Path) -> str | None:
    """Why ``path`` (``file``, ``folder/``, ``file::test_name`` or ``folder/<name>.ext``) does
    not hold in ``repo``; None when it does."""
    file, _, test = path.partition("::")
    if "<" in file:  # a placeholder: its folder must exist
        folder = repo / file.split("<", 1)[0]
        return None if folder.is_dir() else f"{path}: no folder {folder.relative_to(repo)}"
    if "*" in file:
        return None if list(repo.glob(file)) else f"{path}: matches nothing"
    target = repo / file
    if not target.exists():
        return f"{path}: does not exist"
    if test and not re.search(rf"^def {re.escape(test)}\(", target.read_text(), re.MULTILINE):
        return f"{path}: no test {test} in {file}"
    return None


def test_the_guide_names_paths_of_every_kind() -> None:
    paths = named_paths(GUIDE.read_text(encoding="utf-8"))
    assert len(paths) > 40
    assert {"shapes/criteria.ttl", "ontology/size-rules.toml", "loaders/<name>.toml"} <= set(paths)


def test_every_path_named_in_the_guide_exists() -> None:
    paths = named_paths(GUIDE.read_text(encoding="utf-8"))
    assert [problem for path in paths if (problem := missing(path, REPO))] == []


def test_every_test_named_in_the_guide_exists_in_a_named_test_file() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    files = [REPO / p for p in named_paths(text) if p.startswith("tests/") and p.endswith(".py")]
    sources = "\n".join(f.read_text(encoding="utf-8") for f in files if f.is_file())
    for name in re.findall(r"`(test_\w+)`", text):
        assert re.search(rf"^def {name}\(", sources, re.MULTILINE), name


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("loaders/nope.toml", "loaders/nope.toml: does not exist"),
        ("nowhere/<name>.rq", "nowhere/<name>.rq: no folder nowhere"),
        ("tests/project/test_contributing_guide.py::test_nothing", "no test test_nothing"),
        ("queries/*.nope", "queries/*.nope: matches nothing"),
    ],
)
def test_a_missing_path_is_reported(path: str, problem: str) -> None:
    assert problem in (missing(path, REPO) or "")


def test_existing_paths_pass() -> None:
    assert missing("queries/<name>.rq", REPO) is None
    assert missing("ontology/checks/*.rq", REPO) is None
    assert missing(f"tests/project/{Path(__file__).name}::test_existing_paths_pass", REPO) is None
