"""Region names as people write them: prefixes decide the level, spacing
and hyphen variants are one name, official short names are data, ambiguity is kept."""

from __future__ import annotations

import pytest

from umkm_kg.reference import lookup
from umkm_kg.reference.regions import other_names, region

# (as written, expected status, expected first code)
FOUND = [
    # short, former and later names shipped as data (reference/region_names.csv)
    ("DKI Jakarta", "31"),
    ("Provinsi DKI Jakarta", "31"),
    ("DKI", "31"),
    ("Jakarta", "31"),
    ("Daerah Khusus Jakarta", "31"),
    ("DI Yogyakarta", "34"),
    ("D.I. Yogyakarta", "34"),
    ("DIY", "34"),
    ("D.I.Y.", "34"),
    ("Prov. DI Yogyakarta", "34"),
    ("Nanggroe Aceh Darussalam", "11"),
    ("Irian Jaya Barat", "92"),
    # Jakarta's administrative kab/kota, with or without "Administrasi"
    ("Jakarta Selatan", "31.74"),
    ("Kota Adm. Jakarta Utara", "31.72"),
    ("Kota Administrasi Jakarta Timur", "31.75"),
    ("Jakarta Pusat", "31.71"),
    ("Kabupaten Kepulauan Seribu", "31.01"),
    ("Kab. Adm. Kepulauan Seribu", "31.01"),
    ("Kab. Administrasi Kepulauan Seribu", "31.01"),
    ("Kab Adm Kep Seribu", "31.01"),
    ("Kepulauan Seribu", "31.01"),
    # Kep. for Kepulauan
    ("Kab. Kep. Seribu", "31.01"),
    ("Kep. Riau", "21"),
    ("Kab. Kep. Mentawai", "13.09"),
    ("Kab. Kep. Sangihe", "71.03"),
    ("Kabupaten Kepulauan Anambas", "21.05"),
    ("Kota Tidore Kepulauan", "82.72"),
    # the prefix decides the level
    ("Kota Batu", "35.79"),
    ("Kec. Batu", "35.79.01"),
    ("Kota Malang", "35.73"),
    ("Kab Malang", "35.07"),
    ("Kab. Kediri", "35.06"),
    ("Kota Kediri", "35.71"),
    ("Kabupaten Kotabaru", "63.02"),
    ("Kota Bandung", "32.73"),
    ("Kec. Mojoroto", "35.71.01"),
    ("Kel. Bandar Kidul", "35.71.01.1002"),
    ("Desa Bandar Kidul", "35.71.01.1002"),  # "Desa" is written for kelurahan too
    ("Prov. Jawa Timur", "35"),
    ("Provinsi Jawa Timur", "35"),
    # spacing and hyphen variants
    ("Kabupaten Tolitoli", "72.04"),
    ("Kab. Toli-Toli", "72.04"),
    ("Kota Baubau", "74.72"),
    ("Kota Bau-Bau", "74.72"),
    ("Kab. Gunung Kidul", "34.03"),
    ("Gunungkidul", "34.03"),
    ("Kulonprogo", "34.01"),
    ("Kota Tanjungpinang", "21.72"),
    ("Pangkalpinang", "19.71"),
    ("Labuhan Batu", "12.10"),
    ("Kab. Fakfak", "92.03"),
    ("Lubuk Linggau", "16.73"),
    ("Kota Pematang Siantar", "12.72"),
    # Papua 2022: the new provinces and their kab/kota, old codes follow their successors
    ("Prov. Papua Selatan", "93"),
    ("Papua Tengah", "94"),
    ("Provinsi Papua Pegunungan", "95"),
    ("Papua Barat Daya", "96"),
    ("Kabupaten Merauke", "93.01"),
    ("Kab. Boven Digoel", "93.02"),
    ("Kabupaten Asmat", "93.04"),
    ("Kab. Nabire", "94.01"),
    ("Kab. Puncak Jaya", "94.02"),
    ("Kab. Mimika", "94.04"),
    ("Kabupaten Jayawijaya", "95.01"),
    ("Kabupaten Pegunungan Bintang", "95.02"),
    ("Kota Sorong", "96.71"),
    ("Kab. Raja Ampat", "96.03"),
    ("Kabupaten Tambrauw", "96.04"),
    ("91.01", "93.01"),
    ("91.02", "95.01"),
    ("Kota Jayapura", "91.71"),
]

# ambiguous: every plausible candidate, higher levels (provinsi, kab/kota) before desa
AMBIGUOUS = [
    ("Yogyakarta", ["34", "34.71", "18.10.02.2012"]),
    ("Malang", ["35.07", "35.73"]),
    ("Kediri", ["35.06", "35.71"]),
    ("Sorong", ["96.01", "96.71", "96.01.18"]),
    ("Jayapura", ["91.03", "91.71"]),
    ("Toli-Toli", ["72.04", "74.02.36.2001", "74.06.06.2007", "74.06.08.2005"]),
    ("Tolitoli", ["72.04", "74.02.36.2001", "74.06.06.2007", "74.06.08.2005"]),
    ("Bau Bau", ["74.72", "73.13.10.2018"]),
    ("Baubau", ["74.72", "73.13.10.2018"]),
    ("Mimika", ["94.04", "94.04.04.2004"]),
    ("Batu", ["35.79", "35.79.01"]),
    ("Papua", ["91", "94.02.08.2006"]),
]


def test_at_least_sixty_names_are_checked() -> None:
    assert len(FOUND) + len(AMBIGUOUS) >= 60


@pytest.mark.parametrize(("written", "code"), FOUND)
def test_name_as_people_write_it_is_found(written: str, code: str) -> None:
    match = lookup(written)
    assert match.status == "found", (written, [r.code for r in match.regions])
    assert match.regions[0].code == code


@pytest.mark.parametrize(("written", "codes"), AMBIGUOUS)
def test_ambiguous_name_lists_every_plausible_candidate_higher_levels_first(
    written: str, codes: list[str]
) -> None:
    match = lookup(written)
    assert match.status == "ambiguous"
    found = [r.code for r in match.regions]
    assert set(codes) <= set(found) and found[0] == codes[0]
    levels = [r.level for r in match.regions]
    assert levels == sorted(levels)


def test_kota_batu_ranks_the_city_first_and_lists_the_villages_of_that_name() -> None:
    match = lookup("Kota Batu")
    assert [r.code for r in match.regions] == ["35.79"]
    villages = [r for r in match.suggestions if r.level == 4]
    assert len(villages) >= 5 and all(r.name.replace(" ", "") == "KotaBatu" for r in villages[:5])
    desa = lookup("Desa Kota Batu")
    assert desa.status == "ambiguous" and all(r.level == 4 for r in desa.regions)


def test_short_names_carry_their_source() -> None:
    match = lookup("DKI Jakarta")
    assert "UU 29/2007" in match.note
    for other in other_names():
        assert region(other.code) is not None and other.source, other
        assert other.kind in ("short", "former", "later")
