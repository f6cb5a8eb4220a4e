"""The pages' two languages: Indonesian by default, English with ``?lang=en``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from starlette.requests import Request

LANGUAGES = ("id", "en")


def language(request: Request) -> str:
    """The language a page is shown in: ``lang`` of the URL when it is one we have, else id."""
    wanted = request.query_params.get("lang", "id")
    return wanted if wanted in LANGUAGES else "id"


@cache
def _texts() -> dict[str, dict[str, str]]:
    return json.loads((Path(__file__).parent / "texts.json").read_text(encoding="utf-8"))


def texts(lang: str) -> dict[str, str]:
    """Every fixed text of the pages in ``lang`` (key -> text)."""
    return {key: pair[lang] for key, pair in _texts().items()}
