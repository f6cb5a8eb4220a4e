"""``discover -o DIR``: the sentra template folder pre-filled with the candidates.

``sentra.csv`` has one row per candidate (id, a name proposal, region, KBLI, as_of = the
listing's date) and ``enterprises.csv`` its firms with their known figures; the template's
other files have their headers only. ``README.md`` says what the officer must check and
complete; ``codebook.md`` is the template's codebook. ``umkm-kg validate DIR`` reads it.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from umkm_kg.discovery.groups import Discovery, Group
from umkm_kg.discovery.listing import Firm
from umkm_kg.discovery.report import REASONS, region_name
from umkm_kg.errors import UmkmKgError
from umkm_kg.loading import write_template
from umkm_kg.resources import resource_path

README = "discover_readme.md"  # the officer's guide, a text file in loaders/


def write_prefilled(
    found: Discovery,
    firms: dict[str, Firm],
    directory: str | Path,
    as_of: datetime.date,
    every: bool = False,
) -> list[Path]:
    """Write the pre-filled template of ``found``'s candidates into ``directory``."""
    folder = Path(directory)
    if folder.exists() and any(folder.iterdir()):
        raise UmkmKgError(f"{folder}: the folder is not empty; choose an empty or new folder")
    written = write_template(folder)
    (folder / "README.md").rename(folder / "codebook.md")
    groups = found.candidates(every)
    ids = {g.id: f"C{n:04d}" for n, g in enumerate(groups, start=1)}
    _write_rows(folder / "sentra.csv", [_sentra_row(g, ids[g.id], as_of) for g in groups])
    enterprise_rows = [
        _enterprise_row(firms.get(m.id), m.id, ids[g.id], g) for g in groups for m in g.members
    ]
    _write_rows(folder / "enterprises.csv", enterprise_rows)
    (folder / "README.md").write_text(_readme(found, groups, ids, as_of), encoding="utf-8")
    return [p for p in written if p.name != "README.md"] + [folder / "codebook.md"]


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writerows(rows)


def _sentra_row(group: Group, sentra_id: str, as_of: datetime.date) -> dict[str, str]:
    place = region_name(group.region).title()
    return {
        "sentra_id": sentra_id,
        "name": f"Sentra {group.label} {place}".strip(),
        "region_code": group.region,
        "kbli": group.kbli,
        "kbli_version": group.kbli_version,
        "as_of": as_of.isoformat(),
    }


def _enterprise_row(firm: Firm | None, firm_id: str, sentra_id: str, group: Group) -> dict:
    figures = firm.figures if firm else None
    name = firm.name if firm and firm.name else f"(nama belum diisi / name missing) {firm_id}"
    row = {
        "enterprise_id": firm_id,
        "sentra_id": sentra_id,
        "name": name,
        "kbli": group.kbli,
        "kbli_version": group.kbli_version,
    }
    if figures is not None:
        for column, value in (
            ("workers", figures.workers),
            ("net_assets_idr", figures.net_assets),
            ("capital_idr", figures.capital),
            ("annual_sales_idr", figures.annual_sales),
        ):
            if value is not None:
                row[column] = str(value)
    return row


def _readme(found: Discovery, groups: list[Group], ids: dict[str, str], as_of) -> str:
    guide = resource_path("loaders", README).read_text(encoding="utf-8")
    lines = [
        f"| {ids[g.id]} | {g.id} | {g.region} {region_name(g.region)} | {g.kbli} {g.label} | "
        f"{g.status} | {g.ikm_min}-{g.ikm_max} | {'' if g.lq is None else g.lq} |"
        for g in groups
    ]
    unresolved = [
        f"| {code} {region_name(code)} | {sum(c.values())} | "
        + ", ".join(f"{REASONS[k][0]} / {REASONS[k][1]}: {n}" for k, n in sorted(c.items()))
        + " |"
        for code, c in sorted(found.unresolved_activity.items())
    ]
    return guide.format(
        level=found.level,
        min_units=found.min_units,
        as_of=as_of.isoformat(),
        candidates="\n".join(lines) or "| | | | | | | |",
        unresolved="\n".join(unresolved) or "| | | |",
        no_region=sum(found.no_region.values()),
        duplicates=found.duplicates,
    )
