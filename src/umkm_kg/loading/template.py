"""The blank data-entry template: CSV files with their header rows and a codebook (README.md).

Everything written comes from the layout file (``loaders/template.toml``) and from the
ontology's allowed values (cooperation kinds, infrastructure kinds, roles, institution types),
so the template and the loader can never disagree.
"""

from __future__ import annotations

import csv
import errno
from pathlib import Path

from umkm_kg.errors import UmkmKgError
from umkm_kg.loading.layout import Column, Layout, Table, get_layout
from umkm_kg.loading.vocabularies import codelist_labels
from umkm_kg.loading.workbook import write_workbook

_TYPE_NAMES = {
    "text": ("teks", "text"),
    "integer": ("bilangan bulat", "whole number"),
    "money": ("rupiah", "rupiah"),
    "decimal": ("angka desimal", "decimal number"),
    "year": ("tahun (YYYY)", "year (YYYY)"),
    "date": ("tanggal (YYYY-MM-DD)", "date (YYYY-MM-DD)"),
    "boolean": ("ya/tidak", "yes/no"),
    "code": ("kode", "code"),
    "choice": ("pilihan", "choice"),
    "codelist": ("daftar nilai", "code list"),
    "ref": ("rujukan id", "id reference"),
    "region": ("kode/nama wilayah", "region code/name"),
}

_WRITING = """\
## Cara menulis nilai / How to write values

- Berkas CSV disimpan sebagai UTF-8 (Excel: *CSV UTF-8*), dipisah koma (atau titik koma).
  Nilai yang mengandung koma diapit tanda kutip: `"2,5 juta"`. / Save CSV as UTF-8,
  comma- (or semicolon-) separated; quote values that contain a comma.
- Rupiah: `1250000`, `Rp 1.250.000,00`, `500 juta`, `2,5 miliar`, `2,5 M`, `150 rb`. Nilai
  yang bisa dibaca dua cara, seperti `1.500` (1500 atau 1,5?), ditolak: tulis `1500` atau
  `1.500,00`. Nilai negatif ditolak. / Ambiguous values such as `1.500` are refused; negative
  money is refused.
- Ya/tidak: `ya`, `tidak` (juga `yes`/`no`, `true`/`false`). Kosong berarti tidak diketahui.
  / Empty means unknown.
- Daftar dipisah titik koma: `TENUN-01; TENUN-02`. / Lists are separated by semicolons.
- Kosongkan angka yang tidak diketahui; jangan menebak. / Leave unknown numbers empty.
- Jangan pernah menulis NIK, nama pemilik, jenis kelamin, umur atau pendidikan pemilik. /
  Never write a NIK or an owner's name, gender, age or education.
"""


def write_template(
    directory: str | Path, mapping: str = "template", *, workbook: bool = False
) -> list[Path]:
    """Write the blank template of a layout into ``directory`` (created if needed).

    CSV files with their header rows and a codebook (``README.md``); with ``workbook``, also
    ``<mapping>.xlsx`` with one sheet per table (the loader reads either). Returns the files
    written; refuses to overwrite existing files.
    """
    layout = get_layout(mapping)
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise UmkmKgError(f"{folder} is a file: give a new or empty folder for the template")
    targets = [folder / table.file for table in layout.tables] + [folder / "README.md"]
    if workbook:
        targets.append(folder / f"{layout.name}.xlsx")
    existing = [path.name for path in targets if path.exists()]
    if existing:
        raise UmkmKgError(
            f"{folder}: would overwrite {', '.join(existing)}; choose an empty or new folder"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = "a part of that path is a file" if error.errno == errno.ENOTDIR else error.strerror
        raise UmkmKgError(f"cannot make the folder {folder}: {reason}") from None
    for table in layout.tables:
        with (folder / table.file).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(column.name for column in table.columns)
    (folder / "README.md").write_text(codebook(layout), encoding="utf-8")
    if workbook:
        write_workbook(layout, folder / f"{layout.name}.xlsx")
    return targets


def codebook(layout: Layout) -> str:
    """The codebook of a layout, in Markdown: files, columns, types and allowed values."""
    parts = [
        f"# {layout.title.id} / {layout.title.en}\n",
        f"{layout.description.id}\n\n{layout.description.en}\n",
        "Dibuat dari / generated from `loaders/"
        f"{layout.path.name}` (umkm-kg). Kolom wajib ditandai **wajib** / required columns are "
        "marked **required**. Kolom lain boleh ditambahkan (diabaikan dengan peringatan) / "
        "extra columns are ignored with a warning.\n",
        _WRITING,
    ]
    parts += [_table_section(table) for table in layout.tables]
    return "\n".join(parts)


def _table_section(table: Table) -> str:
    required = "wajib / required" if table.required else "opsional / optional"
    lines = [
        f"## `{table.file}` ({required})\n",
        f"{table.description.id} / {table.description.en}\n",
        "| kolom / column | wajib / required | jenis / type | keterangan | description | contoh / "
        "example |",
        "|---|---|---|---|---|---|",
    ]
    for column in table.columns:
        kind = _TYPE_NAMES[column.type]
        if column.list:
            kind = (f"daftar {kind[0]}", f"list of {kind[1]}")
        aliases = f" (alias: {', '.join(column.aliases)})" if column.aliases else ""
        default = f" Default: `{column.default}`." if column.default is not None else ""
        lines.append(
            f"| `{column.name}`{aliases} | {'**ya / yes**' if column.required else ''} | "
            f"{kind[0]} / {kind[1]} | {_cell(column.description.id)}{default} | "
            f"{_cell(column.description.en)}{default} | `{_cell(column.example)}` |"
        )
    lines.append("")
    for column in table.columns:
        allowed = _allowed_values(column)
        if allowed:
            lines.append(f"Nilai `{column.name}` yang diizinkan / allowed values:\n")
            lines += allowed + [""]
    return "\n".join(lines)


def _allowed_values(column: Column) -> list[str]:
    if column.type == "codelist":
        return [
            f"- `{key}`: {label_id} / {label_en}".rstrip(" /:")
            for key, (label_id, label_en) in sorted(codelist_labels(column.codelist).items())
        ]
    if column.type == "choice":
        return [f"- `{key}` ({iri})" for key, iri in column.choices.items()]
    return []


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
