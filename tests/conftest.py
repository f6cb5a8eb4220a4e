"""Fixtures shared by all test folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only real public data beside the checkout; skips when it is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"../shared/data not found at {data}: real-data tests need the shared folder")
    return data
