"""The data-entry template: written blank, filled in, loaded, and the values come back."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, XSD

from umkm_kg.errors import UmkmKgError
from umkm_kg.iris import enterprise_iri, institution_iri, kbli_iri, region_iri, sentra_iri
from umkm_kg.loading import available_mappings, get_layout, load_source, write_template
from umkm_kg.loading.vocabularies import codelist
from umkm_kg.namespaces import ADMS, INFRA, KIND, ROLE, ROV, UMKM

from .conftest import SENTRA, fill

SENTRA_IRI = sentra_iri("35.71.01.1002", "2020", "13122", "Sentra Uji Tenun")


def test_blank_template_has_every_file_with_its_header(tmp_path: Path) -> None:
    written = write_template(tmp_path / "t")
    layout = get_layout("template")
    assert {p.name for p in written} == {t.file for t in layout.tables} | {"README.md"}
    with (tmp_path / "t" / "cooperation.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[:4] == ["cooperation_id", "sentra_id", "kind", "partner_id"]
    assert "process" in header


def test_codebook_lists_the_ontologys_allowed_values(tmp_path: Path) -> None:
    write_template(tmp_path)
    codebook = (tmp_path / "README.md").read_text(encoding="utf-8")
    for name in ("kind", "infra", "role", "institution_type", "sentra_tier"):
        keys = codelist(name)
        assert keys, f"the ontology gives no {name} values"
        for key in keys:
            assert f"`{key}`" in codebook
    assert "`internal`" not in codebook  # a group of kinds, not a value
    assert "`monthly_turnover_idr`" in codebook


def test_template_refuses_to_overwrite(template: Path) -> None:
    with pytest.raises(UmkmKgError, match="overwrite"):
        write_template(template)


def test_round_trip_values_come_back(template: Path) -> None:
    _fill_round_trip(template)
    with load_source(template) as result:
        g = result.graph()
        assert result.rows_by_table == {"sentra": 1, "enterprises": 2, "institutions": 2,
                                        "cooperation": 2, "infrastructure": 2,
                                        "cluster_roles": 1, "equipment": 0,
                                        "observations": 0}  # fmt: skip
        assert result.rejected == [] and result.warnings == []
    _assert_sentra_comes_back(g)
    e1, e2 = _assert_enterprises_come_back(g)
    _assert_relations_come_back(g, e1, e2)


def _fill_round_trip(template: Path) -> None:
    fill(template, "enterprises", [
        {"enterprise_id": "E1", "sentra_id": "S1", "name": "Usaha Tenun 1",
         "nib": "9120001234567", "kbli": "13122", "workers": "4",
         "net_assets_idr": "Rp 45.000.000", "capital_idr": "50 juta",
         "annual_sales_idr": "2,5 miliar", "monthly_turnover_idr": "150 rb",
         "founded_year": "1990", "equipment": "ATBM: 4; alat ukel",
         "daily_capacity": "4", "capacity_unit": "sarung"},
        {"enterprise_id": "E2", "sentra_id": "S1", "name": "Usaha Tenun 2"},
    ])  # fmt: skip
    fill(template, "institutions", [
        {"institution_id": "PLN", "name": "PLN UP3 Kediri", "type": "utility",
         "region_code": "35.71"},
        {"institution_id": "BI", "name": "Bank Indonesia", "type": "central_bank"},
    ])  # fmt: skip
    fill(template, "cooperation", [
        {"cooperation_id": "K1", "sentra_id": "S1", "kind": "joint_production",
         "participants": "E1; E2", "trigger": "pesanan seragam", "input": "benang, desain",
         "process": "dibagi sesuai kapasitas", "output": "kain", "impact": "omzet naik",
         "year": "2016"},
        {"cooperation_id": "K2", "sentra_id": "S1", "kind": "subsidised_credit",
         "partner_id": "BI", "amount_idr": "50 juta", "interest_rate_pct": "4,5"},
    ])  # fmt: skip
    fill(template, "infrastructure", [
        {"sentra_id": "S1", "kind": "electricity", "provider": "PLN", "adequate": "ya",
         "use": "penerangan"},
        {"sentra_id": "S1", "kind": "clean_water", "provider": "PDAM atau air tanah",
         "use": "pewarnaan"},
    ])  # fmt: skip
    fill(template, "cluster_roles", [{"sentra_id": "S1", "member_id": "E1",
                                      "role": "core_industry"}])  # fmt: skip


def _assert_sentra_comes_back(g: Graph) -> None:
    s = SENTRA_IRI
    assert (s, RDF.type, UMKM.Sentra) in g
    assert g.value(s, DCTERMS.identifier) == Literal("S1")
    assert g.value(s, RDFS.label) == Literal("Sentra Uji Tenun", lang="id")
    assert g.value(s, UMKM.locatedIn) == region_iri("35.71.01.1002")
    assert g.value(s, ROV.orgActivity) == kbli_iri("2020", "13122")
    assert set(g.objects(s, UMKM.product)) == {
        Literal("sarung goyor", lang="id"),
        Literal("kain tenun ikat", lang="id"),
    }
    assert g.value(s, UMKM.foundingYear) == Literal("1946", datatype=XSD.gYear)
    assert g.value(s, UMKM.asOf) == Literal("2017-06-30", datatype=XSD.date)
    assert set(g.objects(s, UMKM.marketReach)) == {region_iri("35.71"), region_iri("35.05")}
    assert g.value(s, UMKM.monthlyTurnoverIDR).toPython() == Decimal(2_500_000_000)
    # region and KBLI nodes with their broader chains
    assert g.value(region_iri("35.71.01.1002"), SKOS.prefLabel) == Literal(
        "Bandar Kidul", lang="id"
    )
    assert (region_iri("35.71"), SKOS.broader, region_iri("35")) in g
    assert (kbli_iri("2020", "1312"), SKOS.broader, kbli_iri("2020", "131")) in g


def _assert_enterprises_come_back(g: Graph) -> tuple[URIRef, URIRef]:
    s = SENTRA_IRI
    # enterprises: by NIB, else by sentra scope + local id
    e1 = enterprise_iri("9120001234567", "", "E1")
    e2 = enterprise_iri(None, str(SENTRA_IRI).split("/id/", 1)[1], "E2")
    assert set(g.objects(s, ORG.hasMember)) == {e1, e2}
    assert g.value(e1, UMKM.workers) == Literal("4", datatype=XSD.nonNegativeInteger)
    assert g.value(e1, UMKM.netAssetsIDR).toPython() == Decimal(45_000_000)
    assert g.value(e1, UMKM.capitalIDR).toPython() == Decimal(50_000_000)
    assert g.value(e1, UMKM.annualSalesIDR).toPython() == Decimal(2_500_000_000)
    assert g.value(e1, UMKM.monthlyTurnoverIDR).toPython() == Decimal(150_000)
    assert g.value(e1, UMKM.dailyProductionCapacity).toPython() == Decimal(4)
    identifier = g.value(e1, ADMS.identifier)
    assert g.value(identifier, SKOS.notation) == Literal("9120001234567")
    assert g.value(identifier, DCTERMS.type) == UMKM.NIB
    equipment = {str(g.value(n, RDFS.label)): g.value(n, UMKM.quantity)
                 for n in g.objects(e1, UMKM.hasEquipment)}  # fmt: skip
    assert equipment == {"ATBM": Literal("4", datatype=XSD.nonNegativeInteger),
                         "alat ukel": None}  # fmt: skip
    assert g.value(e2, UMKM.workers) is None  # empty stays absent, never zero
    return e1, e2


def _assert_relations_come_back(g: Graph, e1: URIRef, e2: URIRef) -> None:
    s = SENTRA_IRI
    # institutions, typed by the ontology's template keys
    pln = institution_iri("PLN UP3 Kediri", "35.71")
    assert (pln, RDF.type, UMKM.Utility) in g
    assert (institution_iri("Bank Indonesia"), RDF.type, UMKM.CentralBank) in g
    # cooperation
    k1 = URIRef(f"{s}/cooperation/k1")
    assert g.value(k1, UMKM.cooperationKind) == KIND.joint_production
    assert set(g.objects(k1, UMKM.participant)) == {e1, e2}
    assert g.value(k1, UMKM.process) == Literal("dibagi sesuai kapasitas", lang="id")
    assert g.value(k1, UMKM.year) == Literal("2016", datatype=XSD.gYear)
    k2 = URIRef(f"{s}/cooperation/k2")
    assert g.value(k2, UMKM.partner) == institution_iri("Bank Indonesia")
    assert g.value(k2, UMKM.interestRatePercent).toPython() == Decimal("4.5")
    assert g.value(k2, UMKM.amountIDR).toPython() == Decimal(50_000_000)
    # infrastructure: provider as institution or as a name; adequate absent when unknown
    power = URIRef(f"{s}/infrastructure/electricity")
    assert g.value(power, UMKM.infrastructureKind) == INFRA.electricity
    assert g.value(power, UMKM.provider) == pln
    assert g.value(power, UMKM.adequate) == Literal(True)
    water = URIRef(f"{s}/infrastructure/clean_water")
    assert g.value(water, UMKM.providerName) == Literal("PDAM atau air tanah")
    assert g.value(water, UMKM.adequate) is None
    membership = next(g.subjects(ORG.role, ROLE.core_industry))
    assert g.value(membership, ORG.member) == e1
    assert g.value(membership, ORG.organization) == s


def test_loading_twice_gives_the_same_triples(template: Path) -> None:
    with load_source(template) as first, load_source(template) as second:
        assert sorted(first.ntriples_path.read_text().splitlines()) == sorted(
            second.ntriples_path.read_text().splitlines()
        )
        assert first.source.sha256 == second.source.sha256
        assert first.source.mapping == "template"


def test_workbook_with_the_same_sheets_loads_like_the_folder(
    template: Path, tmp_path: Path
) -> None:

    fill(template, "enterprises", [{"enterprise_id": "E1", "sentra_id": "S1",
                                    "name": "Usaha 1", "workers": "4",
                                    "annual_sales_idr": "1.250.000,50"}])  # fmt: skip
    workbook = _workbook_of(template)
    enterprises = workbook["enterprises"]
    header = [cell.value for cell in enterprises[1]]
    # number cells, as Excel stores them
    enterprises.cell(2, header.index("workers") + 1, 4)
    enterprises.cell(2, header.index("annual_sales_idr") + 1, 1250000.5)
    book = tmp_path / "data.xlsx"
    workbook.save(book)
    with load_source(template) as from_csv, load_source(book) as from_xlsx:
        assert set(from_csv.graph()) == set(from_xlsx.graph())


def test_utf8_bom_and_semicolons_are_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "bom"
    folder.mkdir()
    header = ";".join(["sentra_id", "nama", "kode_wilayah", "kbli"])
    (folder / "sentra.csv").write_bytes(
        b"\xef\xbb\xbf" + f"{header}\r\nS1;Sentra Bom;35.71;13122\r\n".encode()
    )
    with load_source(folder) as result:
        assert result.rows_loaded == 1
        assert (None, RDFS.label, Literal("Sentra Bom", lang="id")) in result.graph()


def test_available_mappings_names_the_template() -> None:
    infos = {info.name: info for info in available_mappings()}
    assert "template" in infos
    assert infos["template"].description.id and infos["template"].description.en


def test_blank_workbook_template_round_trip(tmp_path: Path) -> None:
    import openpyxl

    written = write_template(tmp_path / "t", workbook=True)
    book_path = tmp_path / "t" / "template.xlsx"
    assert book_path in written
    book = openpyxl.load_workbook(book_path)
    layout = get_layout("template")
    tables = [table.sheet for table in layout.tables]
    assert book.sheetnames == ["petunjuk", *tables, "contoh", "daftar_nilai"]
    sheet = book["sentra"]
    header = [cell.value for cell in sheet[1]]
    assert header == [column.name for column in layout.table("sentra").columns]
    values = dict(SENTRA, region_code="35.71")
    for index, name in enumerate(header, start=1):
        sheet.cell(row=2, column=index, value=values.get(name))
    book.save(book_path)
    with load_source(book_path) as result:
        graph = result.graph()
    sentra = sentra_iri("35.71", "2020", "13122", SENTRA["name"])
    assert graph.value(sentra, UMKM.locatedIn) == region_iri("35.71")
    assert graph.value(sentra, UMKM.monthlyTurnoverIDR).toPython() == Decimal(2_500_000_000)


def test_workbook_number_cells_are_read_exactly(template: Path, tmp_path: Path) -> None:

    fill(template, "cooperation", [{"cooperation_id": "K1", "sentra_id": "S1", "kind": "training"}])
    book = _workbook_of(template)
    sheet = book["cooperation"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("interest_rate_pct") + 1, 4.125)  # three decimals, a number
    sheet.cell(2, header.index("amount_idr") + 1, 1500)
    book["sentra"].cell(2, 3, 35.71)  # a region code typed as a number
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    with load_source(path) as result:
        graph = result.graph()
    cooperation = next(graph.subjects(UMKM.cooperationKind, KIND.training))
    assert graph.value(cooperation, UMKM.interestRatePercent).toPython() == Decimal("4.125")
    assert graph.value(cooperation, UMKM.amountIDR).toPython() == Decimal(1500)
    assert (None, UMKM.locatedIn, region_iri("35.71")) in graph


def test_a_temporary_output_lives_as_long_as_its_result(template: Path, tmp_path: Path) -> None:
    import gc

    result = load_source(template)
    path = result.ntriples_path
    assert path.is_file()
    del result
    gc.collect()
    assert not path.exists()
    kept = tmp_path / "kept.nt"
    with load_source(template, output=kept) as named:
        assert named.ntriples_path == kept
    assert kept.is_file()  # an output the caller named is never deleted


def test_the_sentra_records_which_tables_its_source_gave(tmp_path):
    """`given` in loaders/template.toml: a table the folder holds (even with its header alone)
    and the market_reach column are recorded on every sentra; what is left out is not."""
    from rdflib import URIRef

    from umkm_kg.namespaces import UMKM

    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "sentra.csv").write_text(
        "sentra_id,name,region_code,kbli\nS1,Sentra Uji,35.71,13122\n", encoding="utf-8"
    )
    (folder / "cooperation.csv").write_text(
        "cooperation_id,sentra_id,kind\n", encoding="utf-8"
    )
    with load_source(folder) as result:
        graph = result.graph()
    [sentra] = graph.subjects(UMKM.dataGiven, None, unique=True)
    assert set(graph.objects(sentra, UMKM.dataGiven)) == {UMKM.CooperationData}
    (folder / "sentra.csv").write_text(
        "sentra_id,name,region_code,kbli,market_reach\nS1,Sentra Uji,35.71,13122,\n",
        encoding="utf-8",
    )
    (folder / "cluster_roles.csv").write_text("sentra_id,member_id,role\n", encoding="utf-8")
    with load_source(folder) as result:
        given = set(result.graph().objects(URIRef(str(sentra)), UMKM.dataGiven))
    assert given == {UMKM.CooperationData, UMKM.ClusterRoleData, UMKM.MarketReachData}


def _workbook_of(folder: Path) -> openpyxl.Workbook:
    """A workbook with one sheet per CSV file of ``folder``, every cell as text."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = workbook.create_sheet(path.stem)
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    return workbook
