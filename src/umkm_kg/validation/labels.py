"""Labels of the ontology's code-list terms as the validated data hold them (the ontology goes
beside the data): a cooperation kind or institution type by its label, never its key."""

from __future__ import annotations

from rdflib import Literal

from umkm_kg.validation.prepare import query_text
from umkm_kg.validation.sources import Selectable


class TermLabels:
    """Labels by term IRI and by template key, per language."""

    def __init__(self, source: Selectable) -> None:
        self._labels: dict[str, dict[str | None, str]] = {}
        for row in source.select(query_text("term-labels")):
            label = row["label"]
            lang = label.language if isinstance(label, Literal) else None
            for name in (str(row["term"]), str(row["key"])):
                self._labels.setdefault(name, {}).setdefault(lang, str(label))

    def label(self, term: object, lang: str) -> str:
        """The label of a term (an IRI or a template key) in ``lang``, else in any language,
        else the term itself."""
        found = self._labels.get(str(term), {})
        return found.get(lang) or found.get(None) or next(iter(found.values()), str(term))
