"""Rows in the Jawa Timur portal layout, for tests."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from umkm_kg.namespaces import ID

HEADER = (
    "ID_DT_BINAAN_EXCEL,KAB_KOTA,KECAMATAN,JENIS_KEGIATAN,NAMA_USAHA,JENIS_KELAMIN,PENDIDIKAN,"
    "STATUS_USAHA,JENIS_LAPANGAN_USAHA,SERTIFIKasI,KLasIFIKasI_USAHA,DAPAT_KREDIT,"
    "PERLU_PINJAMAN_PIHAK_LUAR,INSTANSI_PEMBINAAN,TAHUN_MULAI_USAHA,UMUR,JML_TENAGA_KERJA_2019,"
    "JML_TENAGA_KERJA_2020,JML_TENAGA_KERJA_2021,OMSET_2019,OMSET_2020,OMSET_2021,"
    "BIAYA_PRODUKSI_2019,BIAYA_PRODUKSI_2020,BIAYA_PRODUKSI_2021,GAJI_KARYAWAN_2019,"
    "GAJI_KARYAWAN_2020,GAJI_KARYAWAN_2021,score,row_num"
)
MIKRO = "MIKRO: OMSET SATU TAHUN ANTARA 150 - 300 JUTA"


def firm(iri_id: str) -> URIRef:
    return ID[f"enterprise/jatim-umkm-binaan/{iri_id}"]


def row(
    number: int,
    kab: str = "[71] KOTA KEDIRI",
    kec: str = "MOJOROTO",
    omset_2021: str = "250000000",
    year: str = "2015",
    band: str = MIKRO,
    omset_2019: str = "100000000",
) -> str:
    """One portal row; the owner columns hold values that must never be loaded."""
    return (
        f"{number},{kab},{kec},TENUN IKAT,USAHA {number},PEREMPUAN,S1/ LEBIH,KOPERASI,"
        f'"[C] INDUSTRI PENGOLAHAN",,{band},TIDAK,YA,,{year},58,2,3,4,'
        f'{omset_2019},200000000,"{omset_2021}",,,,,,,19,1'
    )


def write(tmp_path: Path, lines: list[str], encoding: str = "utf-8", name: str = "j.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding=encoding)
    return path
