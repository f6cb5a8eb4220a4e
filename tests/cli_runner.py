"""Run the ``umkm-kg`` command line inside the test's process."""

from __future__ import annotations

import pytest

from umkm_kg.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``umkm-kg ARGS...``: its exit code, standard output and standard error."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
