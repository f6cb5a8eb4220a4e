"""How a page is answered: a Jinja2 template in the reader's language, with headers that keep
the browser on this machine (Content-Security-Policy ``default-src 'self'``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.templating import Jinja2Templates

from umkm_kg.server.web.language import LANGUAGES, language, texts

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_STATIC_TYPES = {".css": "text/css", ".js": "text/javascript"}


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """``template`` with ``context``, the language's texts (``t``) and the other language's
    link (``switch``)."""
    lang = language(request)
    other = next(code for code in LANGUAGES if code != lang)
    params = {**request.query_params, "lang": other}
    full = {"lang": lang, "t": texts(lang), "switch": "?" + urlencode(params), **context}
    return TEMPLATES.TemplateResponse(
        request, template, full, status_code=status, headers=SECURITY_HEADERS
    )


def not_found(request: Request) -> Response:
    """The page for a question, sentra or file that does not exist."""
    return render(request, "not_found.html", {}, status=404)


async def static_file(request: Request) -> Response:
    """The pages' own style sheet and script (``/static/NAME``), nothing else."""
    name = request.path_params["name"]
    path = STATIC / name
    if (
        "/" in name
        or name.startswith(".")
        or not path.is_file()
        or path.suffix not in _STATIC_TYPES
    ):
        return not_found(request)
    return FileResponse(path, media_type=_STATIC_TYPES[path.suffix], headers=SECURITY_HEADERS)
