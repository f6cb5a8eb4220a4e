"""Build the compact reference files in ``reference/`` from ``../shared/data`` (re-runnable).

Run from the repository root::

    python -m umkm_kg.reference.build ../shared/data reference

It reads the Kemendagri 2025 region list, the BPS <-> Kemendagri crosswalk (2020), the BPS
2018 village list, the Wikidata 2016 kab/kota export and the KBLI 2020 codebook, and writes
gzip CSV files plus ``PROVENANCE.ttl`` (source, commit, licence, SHA-256 of every input).
KBLI 2025 is NOT converted: its compilation forbids redistributing modified copies, so the
package reads the user's own copy instead (:func:`umkm_kg.reference.use_kbli2025`).
The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from umkm_kg.reference.names import name_key, split_type_word


@dataclass(frozen=True)
class Source:
    """One upstream dataset: where it comes from and under which terms."""

    key: str
    title: str
    repository: str
    commit: str
    license: str
    files: tuple[str, ...]


SOURCES: tuple[Source, ...] = (
    Source(
        "kemendagri_2025",
        "Kode dan data wilayah administrasi pemerintahan, Kepmendagri 300.2.2-2138/2025",
        "https://github.com/cahyadsn/wilayah",
        "b7ad440a",
        "MIT (c) Cahya DSN; the decree itself is not subject to copyright (UU 28/2014 Pasal 42)",
        ("wilayah/kemendagri_2025.csv",),
    ),
    Source(
        "bps_bridge_2020",
        "Relasi kode wilayah BPS - Kemendagri 2020 (scraped from BPS)",
        "https://github.com/zakiego/Relasi-BPS-Kemendagri",
        "8d5e83e7",
        "none stated; BPS codes are official statistics (UU 28/2014 Pasal 42)",
        (
            "wilayah/bps_kemendagri_bridge_2020/provinsi.csv",
            "wilayah/bps_kemendagri_bridge_2020/kabkota.csv",
            "wilayah/bps_kemendagri_bridge_2020/kecamatan.csv",
        ),
    ),
    Source(
        "bps_mfd2018",
        "Wilayah Administratif Indonesia, BPS MFD 2018",
        "https://github.com/edwardsamuel/Wilayah-Administratif-Indonesia",
        "92f52a0f",
        "ODbL 1.0 (Open Database License); derived file bps_villages_2018.csv.gz is ODbL too",
        ("wilayah/bps_mfd2018/villages.csv",),
    ),
    Source(
        "wikidata_2016",
        "Wikidata QIDs of Indonesian provinces and kab/kota (2016 export)",
        "https://github.com/soluvas/opendata",
        "8860573b",
        "CC0 1.0",
        ("wilayah/wikidata_2016/province-ID.csv", "wilayah/wikidata_2016/locality-ID.csv"),
    ),
    Source(
        "kbli_2020",
        "Klasifikasi Baku Lapangan Usaha Indonesia 2020 (Peraturan BPS 2/2020), codebook",
        "https://github.com/najwan24/hsent_llm_curation",
        "fd59cfd9",
        "none stated; the regulation is not subject to copyright (UU 28/2014 Pasal 42)",
        ("kbli/kbli2020_codebook.csv",),
    ),
)

# The 2022 Papua split: new provinces and the law that made each (date of promulgation).
PAPUA_SPLIT: dict[str, tuple[str, str, date]] = {
    "93": ("91", "UU 14/2022 tentang Pembentukan Provinsi Papua Selatan", date(2022, 7, 25)),
    "94": ("91", "UU 15/2022 tentang Pembentukan Provinsi Papua Tengah", date(2022, 7, 25)),
    "95": ("91", "UU 16/2022 tentang Pembentukan Provinsi Papua Pegunungan", date(2022, 7, 25)),
    "96": ("92", "UU 29/2022 tentang Pembentukan Provinsi Papua Barat Daya", date(2022, 12, 8)),
}


def _rows(path: Path, header: bool = True) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    return rows[1:] if header else rows


def _dotted(code: str) -> str:
    """``3571011002`` -> ``35.71.01.1002``."""
    parts = [code[:2], code[2:4], code[4:6], code[6:]]
    return ".".join(part for part in parts if part)


def _write_gz(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0 and no file name: the same rows give byte-identical files
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out,
    ):
        out.write(buffer.getvalue().encode("utf-8"))


class _Regions:
    """The Kemendagri 2025 list with name indexes used while building."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.name: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        for code, name, level, _level_name, kind, parent, _flat in rows:
            self.name[code] = name.strip()
            self.kind[code] = kind or ("provinsi" if level == "1" else "kecamatan")
            if parent:
                self.children[parent].append(code)

    def key(self, code: str) -> str:
        return name_key(split_type_word(self.name[code])[1])

    def child_by_key(self, parent: str, key: str) -> str | None:
        hits = [c for c in self.children.get(parent, []) if self.key(c) == key]
        return hits[0] if len(hits) == 1 else None


def papua_changes(regions: _Regions, shared: Path) -> list[list[str]]:
    """Old (pre-2022) kab/kota and kecamatan codes -> their 2025 codes, matched by name."""
    changes: list[list[str]] = []
    for new_prov, (old_prov, law, when) in PAPUA_SPLIT.items():
        changes.append([old_prov, new_prov, regions.name[new_prov], when.isoformat(), law])
    new_kab_by_key: dict[tuple[str, str, str], str] = {}
    for new_prov in PAPUA_SPLIT:
        for kab in regions.children[new_prov]:
            new_kab_by_key[(PAPUA_SPLIT[new_prov][0], regions.kind[kab], regions.key(kab))] = kab
    kab_map: dict[str, str] = {}
    locality = shared / "wilayah/wikidata_2016/locality-ID.csv"
    for row in _rows(locality):
        old = row[6]
        kind = "kota" if row[3] == "CITY" else "kabupaten"
        new = new_kab_by_key.get((old[:2], kind, name_key(row[1])))
        if new and old != new:
            kab_map[old] = new
            prov = new[:2]
            law, when = PAPUA_SPLIT[prov][1], PAPUA_SPLIT[prov][2]
            changes.append([old, new, regions.name[new], when.isoformat(), law])
    for row in _rows(shared / "wilayah/bps_kemendagri_bridge_2020/kecamatan.csv"):
        old = _dotted(row[2])
        new_kab = kab_map.get(old[:5])
        if not new_kab:
            continue
        new = regions.child_by_key(new_kab, name_key(row[3]))
        if new and new != old:
            law, when = PAPUA_SPLIT[new[:2]][1], PAPUA_SPLIT[new[:2]][2]
            changes.append([old, new, regions.name[new], when.isoformat(), law])
    return sorted(changes)


def build(shared: Path, out: Path) -> dict[str, int]:
    """Convert ``shared`` (the ``data`` folder) into the reference files in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    regions = _Regions(_rows(shared / "wilayah/kemendagri_2025.csv"))
    region_rows = [[code, regions.name[code], regions.kind[code]] for code in regions.name]
    _write_gz(out / "regions.csv.gz", ["code", "name", "type"], region_rows)
    counts = {"regions": len(region_rows)}

    changes = papua_changes(regions, shared)
    with (out / "code_changes.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old_code", "new_code", "new_name", "valid_from", "source"])
        writer.writerows(changes)
    counts["code_changes"] = len(changes)
    renamed = {row[0]: row[1] for row in changes if row[0] not in regions.name}

    def current(code: str) -> str | None:
        """A code as of 2025: itself while it exists, else its successor after the split."""
        if code in regions.name:
            return code
        return renamed.get(code)

    bridge = _bps_bridge(shared, current)
    tables = {
        "bps_bridge_2020": (["code", "bps_code"], sorted(bridge.items())),
        "bps_villages_2018": (["code", "bps_code"], _bps_villages(shared, regions, bridge)),
        "wikidata": (["code", "qid"], _wikidata(shared, regions, current)),
        "kbli2020": (["code", "level", "title", "parent", "description"], _kbli(shared)),
    }
    for name, (header, rows) in tables.items():
        _write_gz(out / f"{name}.csv.gz", header, rows)
        counts[name] = len(rows)
    (out / "PROVENANCE.ttl").write_text(_provenance(shared, counts), encoding="utf-8")
    return counts


def _bps_bridge(shared: Path, current: Callable[[str], str | None]) -> dict[str, str]:
    """Kemendagri code (as of 2025) -> BPS code, from the 2020 bridge (first pair wins)."""
    bridge: dict[str, str] = {}
    for level in ("provinsi", "kabkota", "kecamatan"):
        for bps, _bps_name, dagri, _dagri_name in _rows(
            shared / f"wilayah/bps_kemendagri_bridge_2020/{level}.csv"
        ):
            code = current(_dotted(dagri))
            if code and code not in bridge:
                bridge[code] = bps
    return bridge


def _bps_villages(shared: Path, regions: _Regions, bridge: dict[str, str]) -> list:
    """Desa -> BPS village code (MFD 2018): the one village of the same name in the
    kecamatan the bridge pairs, when the name is unique on both sides."""
    villages: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for bps, parent, name in _rows(shared / "wilayah/bps_mfd2018/villages.csv", header=False):
        villages[parent].append((bps, name_key(name)))
    pairs: list[tuple[str, str]] = []
    for kec, bps_kec in bridge.items():
        if kec.count(".") != _KECAMATAN_DOTS:
            continue
        bps_by_key: dict[str, list[str]] = defaultdict(list)
        for bps, key in villages.get(bps_kec, []):
            bps_by_key[key].append(bps)
        desa_by_key: dict[str, list[str]] = defaultdict(list)
        for desa in regions.children.get(kec, []):
            desa_by_key[regions.key(desa)].append(desa)
        for key, desas in desa_by_key.items():
            if len(desas) == 1 and len(bps_by_key.get(key, [])) == 1:
                pairs.append((desas[0], bps_by_key[key][0]))
    return sorted(pairs)


def _wikidata(shared: Path, regions: _Regions, current: Callable[[str], str | None]) -> list:
    """Province and kab/kota -> Wikidata item, matched by name (and kind)."""
    qids: list[tuple[str, str]] = []
    province_by_key = {regions.key(c): c for c in regions.name if "." not in c}
    for row in _rows(shared / "wilayah/wikidata_2016/province-ID.csv"):
        code = province_by_key.get(name_key(row[1]))
        if code:
            qids.append((code, row[0]))
    for row in _rows(shared / "wilayah/wikidata_2016/locality-ID.csv"):
        code = current(row[6])
        kind = "kota" if row[3] == "CITY" else "kabupaten"
        if code and regions.kind[code] == kind and regions.key(code) == name_key(row[1]):
            qids.append((code, row[0]))
    return sorted(set(qids))


_KECAMATAN_DOTS = 2  # 35.71.01: a kecamatan code
_DIVISION = 2  # the KBLI level of a division (two digits), the level under a section (a letter)


def _kbli(shared: Path) -> list[list[str]]:
    """The KBLI 2020 codebook: code, level, title, parent, description."""
    rows: list[list[str]] = []
    section_of: dict[str, str] = {}
    for section, digit, code, title, description in _rows(shared / "kbli/kbli2020_codebook.csv"):
        level = int(digit)
        if level == _DIVISION:
            section_of[code] = section
        parent = "" if level == 1 else section_of[code] if level == _DIVISION else code[:-1]
        rows.append([code, str(level), " ".join(title.split()), parent, description.strip()])
    return rows


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _provenance(shared: Path, counts: dict[str, int]) -> str:
    lines = [
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix spdx: <http://spdx.org/rdf/terms#> .",
        "@prefix src: <https://w3id.org/umkm-kg/id/reference/source/> .",
        "@prefix ref: <https://w3id.org/umkm-kg/id/reference/> .",
        "",
        "# Written by umkm_kg.reference.build; do not edit by hand.",
    ]
    for source in SOURCES:
        lines += [
            "",
            f"src:{source.key} a prov:Entity ;",
            f'    dcterms:title "{source.title}" ;',
            f"    dcterms:source <{source.repository}/tree/{source.commit}> ;",
            f'    dcterms:license "{source.license}" ;',
        ]
        lines += [
            f'    dcterms:hasPart [ dcterms:identifier "{name}" ; '
            f'spdx:checksumValue "{_sha256(shared / name)}" ] ;'
            for name in source.files
        ]
        lines[-1] = lines[-1][:-2] + " ."
    derived = {
        "regions": ("regions.csv.gz", ["kemendagri_2025"]),
        "code_changes": (
            "code_changes.csv",
            ["kemendagri_2025", "wikidata_2016", "bps_bridge_2020"],
        ),
        "bps_bridge_2020": ("bps_bridge_2020.csv.gz", ["bps_bridge_2020", "kemendagri_2025"]),
        "bps_villages_2018": ("bps_villages_2018.csv.gz", ["bps_mfd2018", "bps_bridge_2020"]),
        "wikidata": ("wikidata.csv.gz", ["wikidata_2016", "kemendagri_2025"]),
        "kbli2020": ("kbli2020.csv.gz", ["kbli_2020"]),
    }
    for key, (file_name, used) in derived.items():
        sources = ", ".join(f"src:{name}" for name in used)
        lines += [
            "",
            f"ref:{key} a prov:Entity ;",
            f'    dcterms:identifier "{file_name}" ;',
            f"    prov:wasDerivedFrom {sources} ;",
            f"    dcterms:extent {counts[key]} .",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """``python -m umkm_kg.reference.build SHARED_DATA OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:  # noqa: PLR2004 - the two folders of the usage line
        raise SystemExit("usage: python -m umkm_kg.reference.build SHARED_DATA OUT_DIR")
    for name, count in build(Path(args[0]), Path(args[1])).items():
        print(f"{name}: {count} rows")


if __name__ == "__main__":
    main()
