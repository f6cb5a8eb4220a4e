"""A small Jawa Timur listing with planted groups: candidates, near misses and edge cases."""

from __future__ import annotations

from pathlib import Path

from tests.linking.jatim_rows import HEADER

MAPPING = "jatim_umkm_binaan"
MIKRO = "MIKRO: OMSET SATU TAHUN ANTARA 150 - 300 JUTA"
KEDIRI, BLITAR = "[71] KOTA KEDIRI", "[72] KOTA BLITAR"


def _row(n: int, kab: str, kec: str, activity: str, name: str, omset: str = "250000000",
         workers: str = "3", band: str = MIKRO) -> str:  # fmt: skip
    return (
        f'{n},{kab},{kec},"{activity}","{name}",PEREMPUAN,S1/ LEBIH,UD,'
        f'"[C] INDUSTRI PENGOLAHAN",,{band},TIDAK,YA,,2015,58,2,3,{workers},'
        f"100000000,200000000,{omset},,,,,,,19,1"
    )


def planted_rows() -> list[str]:
    rows: list[str] = []
    n = 0

    def add(*args: str, **kwargs: str) -> None:
        nonlocal n
        n += 1
        rows.append(_row(n, *args, **kwargs))

    # A: exactly 5 IKM weavers in Mojoroto (35.71.01), one of them listed twice (row 6)
    for i in range(1, 6):
        add(KEDIRI, "MOJOROTO", "MEMBUAT KAIN TENUN", f"Tenun Ikat Bandar {i}")
    add(KEDIRI, "MOJOROTO", "membuat kain tenun", "TENUN IKAT  BANDAR 3")
    # B: 4 IKM + 1 large tempe makers in Kota (35.71.02): not a Sentra IKM
    for i in range(1, 5):
        add(KEDIRI, "KOTA", "PRODUKSI TEMPE", f"Tempe {i}")
    add(KEDIRI, "KOTA", "PENGRAJIN TEMPE", "Tempe Besar", omset="60000000000", workers="250",
        band="BESAR: OMSET SATU TAHUN > 50 MILYAR")  # fmt: skip
    # C: 4 known + 2 of unknown size tahu makers in Pesantren (35.71.03)
    for i in range(1, 5):
        add(KEDIRI, "PESANTREN", "TAHU", f"Tahu {i}")
    for i in range(5, 7):
        add(KEDIRI, "PESANTREN", "PRODUKSI TAHU", f"Tahu {i}", omset="", workers="", band="")
    # D: the same activity written five ways in Sukorejo (35.72.02)
    for i, text in enumerate(
        ["KRIPIK SINGKONG/ GLITHI", "keripik pisang", "MEMBUAT KERIPIK", "Kripik Tempe",
         "PRODUKSI KERUPUK"], start=1):  # fmt: skip
        add(BLITAR, "SUKOREJO", text, f"Camilan {i}")
    # E: 6 batik makers split over two kecamatan of Kota Blitar (3 + 3)
    for i in range(1, 4):
        add(BLITAR, "KEPANJENKIDUL", "BATIK TULIS", f"Batik K{i}")
        add(BLITAR, "SANANWETAN", "MEMBUAT BATIK", f"Batik S{i}")
    # unresolved: too vague; no activity text; a kecamatan that does not exist
    add(BLITAR, "SANANWETAN", "PRODUKSI MAKANAN", "Makanan 1")
    add(BLITAR, "SANANWETAN", "-", "Tanpa Kegiatan")
    add(BLITAR, "ATLANTIS", "BATIK", "Batik Hilang")
    return rows


def write_planted(folder: Path) -> Path:
    path = folder / "jatim_umkm_binaan_2024.csv"
    path.write_text("\n".join([HEADER, *planted_rows()]) + "\n", encoding="utf-8")
    return path
