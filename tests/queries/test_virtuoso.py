"""Every catalogue question gives the same rows, with the same types, on the embedded store,
the Oxigraph server and Virtuoso (bulk-loaded): the same known data loaded three ways."""

from __future__ import annotations

import pytest

from tests.queries.helpers import canonical
from tests.queries.test_remote import PARAMETERS
from umkm_kg.catalogue import load_catalogue

# Questions written or rewritten in other branches after the Virtuoso work: Virtuoso 7.2 refuses
# or answers them differently; open in issue 15 (say what it does, so that a fix turns these
# into failures to be removed: strict).
NOT_YET_PORTABLE = {
    "candidate-sentra": "Virtuoso 7.2: 'transitive start not given' (a path with both ends free)",
    "conflicting-values": "Virtuoso 7.2 gives 496 extra rows on the new pairs-of-graphs form",
    "specialised-regions": "Virtuoso 7.2: 'Bad dfe' compiling the LQ threshold filter",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason=NOT_YET_PORTABLE[name], strict=True),
        )
        if name in NOT_YET_PORTABLE
        else name
        for name in sorted(load_catalogue())
    ],
)
def test_virtuoso_answers_equal_embedded_and_oxigraph_server(embedded, remote, on_virtuoso, name):
    expected = canonical(embedded.query(name))
    assert canonical(remote.query(name)) == expected
    assert canonical(on_virtuoso.query(name)) == expected


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_virtuoso_answers_with_parameters(embedded, remote, on_virtuoso, name):
    params = PARAMETERS[name]
    expected = canonical(embedded.query(name, **params))
    assert expected  # the parameters select something on the known data
    assert canonical(remote.query(name, **params)) == expected
    assert canonical(on_virtuoso.query(name, **params)) == expected
