"""Query results as rows of Python values, the same whichever store answered."""

from __future__ import annotations

from typing import Any


class Rows(list):
    """A list of rows (``dict`` of variable -> value, ``None`` where unbound) with its columns.

    IRIs are ``rdflib.URIRef`` (a ``str``); literals are Python values (int, Decimal, date,
    bool, str; ``xsd:gYear`` as int).
    """

    def __init__(self, variables: list[str], rows: list[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.variables = list(variables)

    def to_df(self):  # noqa: ANN201 - pandas is optional
        """The rows as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError as error:
            from umkm_kg.errors import UmkmKgError

            raise UmkmKgError("query_df needs pandas: pip install pandas") from error
        return pandas.DataFrame(list(self), columns=self.variables)
