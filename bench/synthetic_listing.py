"""Deterministic synthetic firm listing in the Jawa Timur portal layout (jatim_umkm_binaan).

``python bench/synthetic_listing.py --rows 350000 --out listing.csv [--seed N]`` writes one CSV
with the portal's columns, written the portal's way: ``[71] KOTA KEDIRI`` / ``[9] JEMBER``
kab/kota, upper-case kecamatan names of that kab/kota (some with typos, some of a neighbouring
kab/kota as the real file has), blanks and ``-``, plain rupiah digits, the portal's size bands.
The owner columns (gender, education, age) are filled with placeholder values so tests can show
they never reach the graph. Rows are streamed to disk: memory stays flat whatever ``--rows``.
``--target-mb`` writes rows until the file reaches that size instead.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from pathlib import Path

HEADER = (
    "ID_DT_BINAAN_EXCEL",
    "KAB_KOTA",
    "KECAMATAN",
    "JENIS_KEGIATAN",
    "NAMA_USAHA",
    "JENIS_KELAMIN",
    "PENDIDIKAN",
    "STATUS_USAHA",
    "JENIS_LAPANGAN_USAHA",
    "SERTIFIKasI",
    "KLasIFIKasI_USAHA",
    "DAPAT_KREDIT",
    "PERLU_PINJAMAN_PIHAK_LUAR",
    "INSTANSI_PEMBINAAN",
    "TAHUN_MULAI_USAHA",
    "UMUR",
    "JML_TENAGA_KERJA_2019",
    "JML_TENAGA_KERJA_2020",
    "JML_TENAGA_KERJA_2021",
    "OMSET_2019",
    "OMSET_2020",
    "OMSET_2021",
    "BIAYA_PRODUKSI_2019",
    "BIAYA_PRODUKSI_2020",
    "BIAYA_PRODUKSI_2021",
    "GAJI_KARYAWAN_2019",
    "GAJI_KARYAWAN_2020",
    "GAJI_KARYAWAN_2021",
    "score",
    "row_num",
)
SECTORS = (
    "[A] PERTANIAN, KEHUTANAN & PERIKANAN",
    "[C] INDUSTRI PENGOLAHAN",
    "[G] PERDAGANGAN BESAR & ECERAN; REPARASI MOBIL & MOTOR",
    "[I] PENYEDIAAN AKOMODASI DAN MAKAN MINUM",
    "[K] AKTIVITAS KEUANGAN DAN ASURANSI",
    "[R,S] AKTIVITAS JASA LAINNYA",
)
ACTIVITIES = ("PRODUKSI MAKANAN", "BATIK", "TENUN IKAT", "KERIPIK", "GERABAH", "MEBEL", "-")
BANDS = (  # (upper bound of annual turnover in rupiah, the portal's band)
    (150_000_000, "ULTRA MIKRO: OMSET SATU TAHUN < 150 JUTA"),
    (300_000_000, "MIKRO: OMSET SATU TAHUN ANTARA 150 - 300 JUTA"),
    (1_000_000_000, "KECIL 1: OMSET SATU TAHUN ANTARA 300 - 1 MILYAR"),
    (2_500_000_000, "KECIL 2: OMSET SATU TAHUN ANTARA 1 - 2,5 MILYAR"),
    (25_000_000_000, "MENENGAH 1: OMSET SATU TAHUN ANTARA 2,5 - 25 M"),
    (50_000_000_000, "MENENGAH 2: OMSET SATU TAHUN ANTARA 25 - 50 M"),
)
PLACEHOLDER_OWNER = ("PEREMPUAN", "TAMAT SLTA", "47")  # gender, education, age: never loaded


def _kabkota() -> list[tuple[str, list[str]]]:
    """``[NN] NAME`` of each Jawa Timur kab/kota, with its kecamatan names in upper case."""
    from umkm_kg.reference import children

    listing = []
    for kab in children("35"):
        number = kab.code[3:]
        name = kab.name.upper().replace("KABUPATEN ", "")
        labels = [f"[{number}] {name}"]
        if number.startswith("0"):
            labels.append(f"[{number[1]}] {name}")  # the portal writes [9] as well as [09]
        kecamatan = [k.name.upper() for k in children(kab.code)]
        listing += [(label, kecamatan) for label in labels]
    return listing


def _typo(rng: random.Random, name: str) -> str:
    position = rng.randrange(1, len(name) - 1)
    return name[:position] + rng.choice("AEIOUNMR") + name[position + 1 :]


def rows(count: int | None, seed: int = 2024) -> Iterator[list[str]]:
    """Rows of the listing; ``count=None`` never stops (the caller stops at a file size)."""
    rng = random.Random(seed)
    places = _kabkota()
    number = 0
    while count is None or number < count:
        number += 1
        label, kecamatan = rng.choice(places)
        draw = rng.random()
        if draw < 0.03:
            district = "-"
        elif draw < 0.06:
            district = _typo(rng, rng.choice(kecamatan))
        elif draw < 0.08:
            district = rng.choice(rng.choice(places)[1])  # a kecamatan of another kab/kota
        else:
            district = rng.choice(kecamatan)
        turnover = [int(rng.lognormvariate(17.5, 1.6)) // 1000 * 1000 for _ in range(3)]
        band = next(
            (b for limit, b in BANDS if turnover[2] <= limit), "BESAR: OMSET SATU TAHUN > 50 MILYAR"
        )
        workers = [str(max(0, int(rng.gauss(4, 3)))) for _ in range(3)]
        blank = lambda value: "" if rng.random() < 0.15 else value  # noqa: E731
        costs = [blank(str(t // 3 // 1000 * 1000)) for t in turnover]
        wages = [blank(str(t // 8 // 1000 * 1000)) for t in turnover]
        yield [
            str(100000 + number), label, district, rng.choice(ACTIVITIES),
            f"USAHA SINTETIS {number}",
            PLACEHOLDER_OWNER[0], PLACEHOLDER_OWNER[1], "PERSEORANGAN (BELUM ADA LEGALITAS)",
            rng.choice(SECTORS), "", band, rng.choice(("YA", "TIDAK")), "TIDAK", "",
            str(rng.randint(1990, 2021)), PLACEHOLDER_OWNER[2], *workers,
            *(blank(str(t)) for t in turnover), *costs, *wages, "19", "1",
        ]  # fmt: skip


def write(
    out: Path, count: int | None = None, seed: int = 2024, target_mb: float | None = None
) -> int:
    """Write the listing to ``out``; returns the number of data rows."""
    if count is None and target_mb is None:
        raise ValueError("give a row count or a target size")
    limit = int(target_mb * 1_000_000) if target_mb else None
    written = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows(count, seed):
            writer.writerow(row)
            written += 1
            if limit and written % 1000 == 0 and handle.tell() >= limit:
                break
    return written


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--rows N`` or ``--target-mb M``, ``--out FILE``, ``--seed S``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="number of firms")
    parser.add_argument("--target-mb", type=float, help="write until the file has this size")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--seed", type=int, default=2024, help="random seed (same seed, same data)")
    args = parser.parse_args(argv)
    count = write(args.out, args.rows, args.seed, args.target_mb)
    print(f"{count} rows -> {args.out}")


if __name__ == "__main__":
    main()
