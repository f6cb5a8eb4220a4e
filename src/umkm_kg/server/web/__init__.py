"""The analyst's pages on ``umkm-kg serve`` (docs/web.md): home (what the store holds), catalogue,
sentra, enterprise and institution pages, search, validation dashboard, SPARQL editor.

Every page is a :func:`~umkm_kg.server.auth.reading_page` (GET, no token): the pages only read,
through the server's query processes. Indonesian by default, English with ``?lang=en``; no
script, style or font from outside this server (Content-Security-Policy ``default-src 'self'``).
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from umkm_kg.server.auth import reading_page
from umkm_kg.server.web import (
    catalogue_pages,
    editor_page,
    entity_pages,
    home_page,
    search_page,
    sentra_pages,
    validation_page,
)
from umkm_kg.server.web.rendering import static_file


def routes() -> list[BaseRoute]:
    """The pages' routes, for :func:`~umkm_kg.server.app.create_app`."""
    return [
        reading_page("/", home_page.home, name="home"),
        reading_page("/catalogue", catalogue_pages.index, name="catalogue"),
        reading_page("/catalogue/{name}", catalogue_pages.question, name="question"),
        reading_page("/catalogue/{name}/download", catalogue_pages.download, name="download"),
        reading_page("/sentra", sentra_pages.profile, name="sentra"),
        reading_page("/enterprise", entity_pages.enterprise, name="enterprise"),
        reading_page("/institution", entity_pages.institution, name="institution"),
        reading_page("/search", search_page.search, name="search"),
        reading_page("/validation", validation_page.dashboard, name="validation"),
        reading_page("/editor", editor_page.editor, name="editor"),
        reading_page("/static/{name}", static_file, name="static"),
    ]
