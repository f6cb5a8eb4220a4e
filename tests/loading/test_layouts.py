"""The engine is general: another layout (one CSV, reject_row, renames, nulls, number style,
dated observations) works with no Python; and layout IRIs agree with umkm_kg.iris."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from umkm_kg.errors import UmkmKgError
from umkm_kg.iris import region_iri
from umkm_kg.loading import get_layout, load_source
from umkm_kg.namespaces import ID, SIZE, UMKM

PORTAL = Path(__file__).parent / "fixtures" / "portal.toml"
ROWS = """\
ID,nama usaha,KAB_KOTA,SKALA,TENAGA_KERJA,OMSET_2019,NIK
1,Keripik Satu,[71] KOTA KEDIRI,Usaha Mikro,3,"1,500",3571010101010001
2,Keripik Dua,35.06,usaha kecil,-,"250,000,000.50",-
3,Keripik Tiga,[99] ANTAH BERANTAH,,2,100,
4,Keripik Empat,35.71,,-4,100,
5,Keripik Lima,35.71,,1,-100,
6,Keripik Enam,35.71,,1,100,,extra
7,Keripik Tujuh,35.71,,1,1.5 juta,
8,Keripik Delapan,35.71,Usaha Raksasa,1,100,
"""


@pytest.fixture
def portal_file(tmp_path: Path) -> Path:
    path = tmp_path / "firms.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def firm(number: int) -> URIRef:
    return ID[f"enterprise/portal/{number}"]


def test_bad_rows_are_rejected_and_the_rest_loads(portal_file: Path) -> None:
    with load_source(portal_file, PORTAL) as result:
        graph = result.graph()
        rejected = {(r.row, r.column) for r in result.rejected}
        assert result.rows_loaded == 3
    assert rejected == {(4, "KAB_KOTA"), (5, "TENAGA_KERJA"), (6, "OMSET_2019"),
                        (7, "field 8"), (9, "SKALA")}  # fmt: skip
    assert {str(r.file) for r in result.rejected} == {"firms.csv"}
    assert set(graph.subjects(UMKM.workers, None)) == {firm(1), firm(7)}
    assert (firm(7), None, None) in graph  # "1.5 juta" is unambiguous in English style


def test_renames_nulls_styles_and_observations(portal_file: Path) -> None:
    with load_source(portal_file, PORTAL) as result:
        graph = result.graph()
    assert graph.value(firm(1), UMKM.locatedIn) == region_iri("35.71")  # [71] = Kota Kediri
    assert graph.value(firm(2), UMKM.locatedIn) == region_iri("35.06")
    assert graph.value(firm(1), UMKM.reportedSizeClass) == SIZE.micro
    assert graph.value(firm(2), UMKM.reportedSizeClass) == SIZE.small
    assert graph.value(firm(2), UMKM.workers) is None  # "-" is a blank, not zero
    observation = graph.value(firm(1), UMKM.observation)
    assert observation == URIRef(f"{firm(1)}/observation/turnover-2019")
    assert graph.value(observation, UMKM.annualSalesIDR).toPython() == Decimal(1500)
    assert graph.value(observation, UMKM.year) == Literal("2019", datatype=XSD.gYear)
    second = graph.value(firm(2), UMKM.observation)
    assert graph.value(second, UMKM.annualSalesIDR).toPython() == Decimal("250000000.5")


def test_a_declared_but_unmapped_column_is_never_loaded(portal_file: Path) -> None:
    with load_source(portal_file, PORTAL) as result:
        assert "3571010101010001" not in result.ntriples_path.read_text(encoding="utf-8")
        assert result.warnings == []


def test_a_broken_layout_is_reported_with_its_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        PORTAL.read_text(encoding="utf-8").replace('type = "money"', 'type = "uang"'),
        encoding="utf-8",
    )
    with pytest.raises(UmkmKgError, match="broken.toml.*type 'uang'"):
        load_source(tmp_path, broken)
    with pytest.raises(UmkmKgError, match="unknown mapping 'nope'"):
        get_layout("nope")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('policy = "reject_row"', 'policy = "reject_row"\nbad_optional_cell = "skip"', "drop_cell"),
        ('type = "money"', 'type = "money"\nunresolved_property = "umkm:x"', "unresolved_prop"),
        ('type = "money"', 'type = "money"\nalso_within = "same_name"', "also_within"),
    ],
)
def test_the_listing_keys_of_a_layout_are_checked(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    broken = tmp_path / "broken.toml"
    text = PORTAL.read_text(encoding="utf-8")
    assert old in text
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UmkmKgError, match=f"broken.toml.*{message}"):
        get_layout(broken)


def test_a_fixed_node_iri_with_variables_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    text = PORTAL.read_text(encoding="utf-8") + '\n[[nodes]]\niri = "institution/{x}"\n'
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(UmkmKgError, match="holds no"):
        get_layout(broken)
