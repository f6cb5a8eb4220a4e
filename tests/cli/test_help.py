"""Every command explains itself: a summary in Indonesian and English and at least one
example in ``--help``; the README's command table names every registered command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer

from tests.cli_runner import run_cli
from umkm_kg import __version__
from umkm_kg.cli import _register_commands
from umkm_kg.cli_app import app

_register_commands()
ROOT = typer.main.get_command(app)
README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLE = "Contoh / example: umkm-kg"


def all_commands(group: click.Group = ROOT, path: tuple[str, ...] = ()) -> list[tuple]:
    """Every command and subcommand as (path of names, click command)."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found += all_commands(command, (*path, name))
    return found


COMMANDS = all_commands()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """``umkm-kg ARGS...``: its exit code and standard output."""
    code, out, _ = run_cli(capsys, *args)
    return code, out


def test_the_registry_is_complete() -> None:
    names = {path[0] for path, _ in COMMANDS}
    assert {"validate", "classify", "discover", "query", "queries", "reference"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_is_bilingual_with_an_example(capsys, monkeypatch, path, command) -> None:
    summary = (command.help or "").strip().split("\n\n")[0]
    indonesian, slash, english = summary.partition(" / ")
    assert slash and indonesian.strip() and english.strip(), (
        f"not 'Indonesian / English': {summary!r}"
    )
    assert (
        indonesian.split()[0].lower() != english.split()[0].lower()
    )  # two languages, not one twice
    monkeypatch.setenv("COLUMNS", "80")
    code, out = run(capsys, *path, "--help")
    assert code == 0
    examples = [line.strip(" │") for line in out.splitlines() if EXAMPLE in line]
    assert examples, f"umkm-kg {' '.join(path)} --help shows no example"
    declared = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    for example in examples:
        assert example.startswith(f"{EXAMPLE} {' '.join(path)}")  # whole on one line at 80
        for option in re.findall(r"(?<!\S)(--?[a-z][a-z-]*)", example):
            assert option in declared, f"{example!r}: {command.name} has no {option}"


def test_the_root_help_is_bilingual(capsys) -> None:
    code, out = run(capsys, "--help")
    assert code == 0
    assert "Graf pengetahuan" in out and "knowledge graph" in out and EXAMPLE in out


def test_version(capsys) -> None:
    assert run(capsys, "--version") == (0, f"{__version__}\n")
    assert run(capsys, "version") == (0, f"{__version__}\n")


def readme_commands() -> set[str]:
    """The command names in the first column of the README's "What you can do" table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## What you can do", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `umkm-kg")]
    assert rows, "no command table in the README"
    return {
        name for row in rows for name in re.findall(r"`umkm-kg ([a-z][a-z-]*)", row.split(" | ")[0])
    }


def test_every_command_is_in_the_readme_table() -> None:
    registered = {path[0] for path, _ in COMMANDS}
    listed = readme_commands()
    assert registered - listed == set(), "commands missing from the README table"
    assert listed - registered == set(), "the README table names commands that do not exist"
