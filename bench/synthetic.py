"""Deterministic synthetic national-scale data in the template format (CSV folder).

``python bench/synthetic.py --sentra 1000 --out DIR [--seed N] [--firms 35]`` writes
``sentra.csv``, ``enterprises.csv``, ``institutions.csv``, ``cooperation.csv`` and
``infrastructure.csv`` (the data-entry template, docs/template.md). The same seed always gives the
same files. About 60% of the sentra meet every cluster prerequisite; about 40% are generated
to miss one (``criterion_profile()`` says which; a sentra of 4 firms also misses the 30 similar
units and the turnover). Sentra of 32 firms or more have one member of another KBLI kelompok
and one medium member, which must not be counted.
Region codes are real Kemendagri kab/kota codes; names, NIBs and figures are invented.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

# Real Kemendagri kab/kota codes (Kepmendagri 300.2.2-2138/2025), spread over the provinces.
_REGION_CODES = (
    "11.01 11.14 12.04 12.17 12.75 13.10 14.04 15.05 16.07 17.03 18.06 19.04 31.72 32.10 "
    "32.75 33.09 33.22 33.76 35.08 35.21 35.75 35.71 35.06 51.01 52.05 53.08 53.21 61.12 "
    "62.11 63.10 64.74 71.08 72.06 73.06 73.22 74.08 75.04 81.05 82.07 92.02 94.03 95.08"
)
REGIONS = tuple(_REGION_CODES.split())

# KBLI 2020 kelompok of typical sentra (domain.md section 5) and what they make.
ACTIVITIES = {
    "13122": "kain tenun ikat",
    "13121": "kain tenun",
    "13134": "batik",
    "16291": "anyaman bambu",
    "23932": "gerabah",
    "31001": "mebel kayu",
    "10391": "tempe",
    "10392": "tahu",
    "10794": "keripik",
    "25932": "alat pertanian",
    "15201": "alas kaki",
}

# The criterion a failing sentra misses, with its share among the failing ones.
FAILURES = (
    "similar_small_units",
    "monthly_turnover",
    "technology_touch",
    "infrastructure",
    "market_network",
    "financial_institution",
    "sentra_minimum_units",
)
FAIL_SHARE = 0.4
INFRASTRUCTURE = (
    ("electricity", "PLN", "penerangan dan mesin"),
    ("transport", "Dinas PU", "bahan baku masuk, barang keluar"),
    ("telecommunication", "Telkom", "komunikasi dengan pemasok dan pembeli"),
    ("clean_water", "PDAM", "pencelupan dan pencucian"),
)
# Institutions every kab/kota gets: (key, type, name pattern).
INSTITUTIONS = (
    ("bank", "bank", "Bank Daerah {r}"),
    ("lkm", "microfinance", "LKM Sejahtera {r}"),
    ("univ", "university", "Universitas Negeri {r}"),
    ("dinkop", "local_government", "Dinas Koperasi dan UMKM {r}"),
    ("disperindag", "local_government", "Dinas Perindustrian dan Perdagangan {r}"),
    ("bi", "central_bank", "Kantor Perwakilan Bank Indonesia {r}"),
    ("buyer", "other", "CV Niaga Nusantara {r}"),
    ("supplier", "other", "UD Bahan Baku {r}"),
)

HEADERS = {
    "sentra": [
        "sentra_id",
        "name",
        "region_code",
        "kbli",
        "kbli_version",
        "product",
        "founded_year",
        "as_of",
        "market_reach",
        "market_prospect_clear",
        "monthly_turnover_idr",
    ],
    "enterprises": [
        "enterprise_id",
        "sentra_id",
        "name",
        "nib",
        "kbli",
        "workers",
        "net_assets_idr",
        "capital_idr",
        "annual_sales_idr",
        "monthly_turnover_idr",
        "founded_year",
    ],
    "institutions": ["institution_id", "name", "type", "region_code"],
    "cooperation": [
        "cooperation_id",
        "sentra_id",
        "kind",
        "partner_id",
        "participants",
        "trigger",
        "input",
        "output",
        "impact",
        "year",
        "amount_idr",
        "interest_rate_pct",
    ],
    "infrastructure": ["sentra_id", "kind", "provider", "adequate", "use"],
}


@dataclass
class Tables:
    """The rows of the five template files (missing columns are written empty)."""

    rows: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {name: [] for name in HEADERS}
    )

    def add(self, table: str, **values: object) -> None:
        self.rows[table].append({k: "" if v is None else str(v) for k, v in values.items()})


def criterion_profile(seed: int, index: int) -> str | None:
    """The criterion sentra number ``index`` is generated to miss, or None when it meets all."""
    rng = random.Random(f"{seed}:{index}:profile")
    if rng.random() >= FAIL_SHARE:
        return None
    return rng.choice(FAILURES)


def _small_firm(rng: random.Random, low_turnover: bool) -> dict[str, int]:
    """Figures of a micro or small firm under UU 20/2008 and PP 7/2021 alike."""
    sales = rng.randrange(24, 96) if low_turnover else rng.randrange(150, 2_000)
    sales *= 1_000_000
    return {
        "workers": rng.randrange(1, 20),
        "net_assets_idr": rng.randrange(10, 450) * 1_000_000,
        "capital_idr": rng.randrange(10, 450) * 1_000_000,
        "annual_sales_idr": sales,
        "monthly_turnover_idr": sales // 12,
    }


def _medium_firm(rng: random.Random) -> dict[str, int]:
    """Figures of a medium firm under UU 20/2008 and PP 7/2021 alike."""
    sales = rng.randrange(16, 45) * 1_000_000_000
    return {
        "workers": rng.randrange(20, 99),
        "net_assets_idr": rng.randrange(1, 9) * 1_000_000_000,
        "capital_idr": rng.randrange(6, 9) * 1_000_000_000,
        "annual_sales_idr": sales,
        "monthly_turnover_idr": sales // 12,
    }


def _member_count(rng: random.Random, fail: str | None, firms: int) -> int:
    """How many firms a sentra lists: too few or too similar for the criteria that fail."""
    if fail == "sentra_minimum_units":
        return 4
    if fail == "similar_small_units":
        return rng.randrange(20, 29)
    return max(32, rng.randrange(firms - 3, firms + 10))


def generate(sentra: int, seed: int = 2005, firms: int = 35) -> Tables:
    """Build the template rows of ``sentra`` synthetic sentra (deterministic in ``seed``)."""
    tables = Tables()
    used_regions: set[str] = set()
    nib_counter = 0
    for index in range(sentra):
        rng = random.Random(f"{seed}:{index}")
        fail = criterion_profile(seed, index)
        region = REGIONS[index % len(REGIONS)]
        used_regions.add(region)
        kbli = rng.choice(sorted(ACTIVITIES))
        product = ACTIVITIES[kbli]
        sentra_id = f"S{index + 1:05d}"
        as_of = f"{rng.choice((2019, 2020, 2022, 2023, 2024))}-{rng.randrange(1, 13):02d}-15"
        reach = ";".join(rng.sample(REGIONS, 3)) if fail != "market_network" else ""
        tables.add(
            "sentra",
            sentra_id=sentra_id,
            name=f"Sentra {product.title()} {index + 1}",
            region_code=region,
            kbli=kbli,
            kbli_version=2020,
            product=product,
            founded_year=rng.randrange(1946, 2015),
            as_of=as_of,
            market_reach=reach,
            market_prospect_clear="ya",
            monthly_turnover_idr="",
        )

        count = _member_count(rng, fail, firms)
        members = []
        for k in range(count):
            other_kbli = k >= count - 1 and count > 31  # one member of another kelompok
            medium = k == count - 2 and count > 31 and fail != "monthly_turnover"
            figures = _medium_firm(rng) if medium else _small_firm(rng, fail == "monthly_turnover")
            enterprise_id = f"{sentra_id}-E{k + 1:03d}"
            nib_counter += 1
            nib = f"{9_120_000_000_000 + nib_counter}" if rng.random() < 0.7 else ""
            members.append(enterprise_id)
            tables.add(
                "enterprises",
                enterprise_id=enterprise_id,
                sentra_id=sentra_id,
                name=f"Usaha {product.title()} {index + 1}-{k + 1}",
                nib=nib,
                kbli=rng.choice([c for c in ACTIVITIES if c != kbli]) if other_kbli else kbli,
                founded_year=rng.randrange(1970, 2020),
                **figures,
            )

        inst = {key: f"I-{region}-{key}" for key, _, _ in INSTITUTIONS}
        cooperation = [
            (
                "joint_production",
                "",
                4,
                {"trigger": "pesanan seragam", "output": "pesanan terpenuhi"},
            ),
            ("joint_procurement", inst["supplier"], 5, {"input": "benang"}),
            ("subsidised_credit", inst["dinkop"], 3, {"interest_rate_pct": 4}),
            ("training", inst["bi"], 6, {"output": "keterampilan manajemen"}),
            ("exhibition_facilitation", inst["disperindag"], 5, {}),
        ]
        if fail != "financial_institution":
            cooperation.append(("investment_credit", inst["bank"], 3, {"amount_idr": 250_000_000}))
            cooperation.append(
                ("working_capital_credit", inst["lkm"], 3, {"amount_idr": 25_000_000})
            )
        if fail != "technology_touch":
            cooperation.append(
                ("equipment_innovation", inst["univ"], 2, {"output": "alat penghitung"})
            )
        if fail != "market_network":
            cooperation.append(("market_linkage", inst["buyer"], 4, {}))
        for number, (kind, partner, size, extra) in enumerate(cooperation, start=1):
            tables.add(
                "cooperation",
                cooperation_id=f"{sentra_id}-C{number:02d}",
                sentra_id=sentra_id,
                kind=kind,
                partner_id=partner,
                participants=";".join(rng.sample(members, min(size, len(members)))),
                year=rng.randrange(2010, 2024),
                **extra,
            )

        for kind, provider, use in INFRASTRUCTURE:
            adequate = "tidak" if fail == "infrastructure" and kind == "transport" else "ya"
            tables.add(
                "infrastructure",
                sentra_id=sentra_id,
                kind=kind,
                provider=provider,
                adequate=adequate,
                use=use,
            )

    for region in sorted(used_regions):
        for key, kind, pattern in INSTITUTIONS:
            tables.add(
                "institutions",
                institution_id=f"I-{region}-{key}",
                name=pattern.format(r=region),
                type=kind,
                region_code=region,
            )
    return tables


def write(tables: Tables, out: Path) -> None:
    """Write the five CSV files of the template into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for name, header in HEADERS.items():
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(tables.rows[name])


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python bench/synthetic.py --sentra 1000 --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sentra", type=int, default=100, help="number of sentra (S=100, M=1000, L=10000)"
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write the CSV files to")
    parser.add_argument("--seed", type=int, default=2005, help="random seed (same seed, same data)")
    parser.add_argument("--firms", type=int, default=35, help="typical number of firms per sentra")
    args = parser.parse_args(argv)
    tables = generate(args.sentra, seed=args.seed, firms=args.firms)
    write(tables, args.out)
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in tables.rows.items())
    print(f"wrote {args.out}: {counts}")


if __name__ == "__main__":
    main()
