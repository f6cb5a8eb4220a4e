"""Every catalogue question gives the same rows, with the same types, on the embedded store,
the Oxigraph server and Virtuoso (bulk-loaded): the same known data loaded three ways."""

from __future__ import annotations

import pytest

from tests.queries.helpers import canonical
from tests.queries.test_remote import PARAMETERS
from umkm_kg.catalogue import load_catalogue


@pytest.mark.parametrize("name", sorted(load_catalogue()))
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
