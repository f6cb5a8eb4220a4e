"""The data-entry workbook an officer fills in: instructions, explained headers, drop-downs.

Everything comes from the layout file (``loaders/template.toml``) and the ontology's code
lists, as the CSV template and the codebook do: a petunjuk (instructions) sheet first, one
sheet per table whose headers carry a comment (meaning, required or optional, type, an
example), drop-down lists for every closed vocabulary (read from a sheet of allowed values),
whole columns formatted as text (so ``35.71`` and a NIB's leading zeros stay as written), and a
contoh (example) sheet. The loader reads the filled workbook (``umkm-kg load FILE.xlsx``).
"""

from __future__ import annotations

import re
from pathlib import Path

from umkm_kg.loading.layout import Column, Layout, Table
from umkm_kg.loading.vocabularies import codelist_labels
from umkm_kg.spreadsheet_cells import set_text

INSTRUCTIONS = "petunjuk"
VALUES = "daftar_nilai"
EXAMPLES = "contoh"
_ROWS = 2000  # rows given text format and drop-downs beyond the whole-column style
_REQUIRED_FILL = "FFF2CC"
_ALTERNATIVES = re.compile(r"^\^\(([\w|]+)\)\$$")  # a pattern such as ^(2020|2025)$

_STEPS = (
    ("Isi lembar-lembar dari kiri ke kanan: setiap lembar merujuk id dari lembar sebelumnya.",
     "Fill the sheets from left to right: each sheet refers to ids of the sheets before it."),
    ("Judul kolom berwarna kuning wajib diisi; arahkan kursor ke judul untuk penjelasannya.",
     "Yellow headers are required; hover over a header to read what it means."),
    ("Kolom dengan daftar pilihan hanya menerima nilai dari daftar (lembar daftar_nilai).",
     "Columns with a drop-down accept only the values of their list (sheet daftar_nilai)."),
    ("Kosongkan angka yang tidak diketahui; jangan menebak. Jangan menulis NIK atau nama pemilik.",
     "Leave unknown numbers empty; do not guess. Never write a NIK or an owner's name."),
    ("Rupiah: 1250000, Rp 1.250.000,00, 500 juta, 2,5 miliar. Ya/tidak: ya atau tidak.",
     "Rupiah: 1250000, Rp 1.250.000,00, 500 juta, 2,5 miliar. Yes/no: ya or tidak."),
    ("Simpan berkas sebagai .xlsx, lalu: umkm-kg validate BERKAS.xlsx",
     "Save the file as .xlsx, then run: umkm-kg validate FILE.xlsx"),
)  # fmt: skip


def write_workbook(layout: Layout, path: Path) -> None:
    """Write the workbook of ``layout`` to ``path``."""
    from openpyxl import Workbook

    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS
    values = book.create_sheet(VALUES)
    lists = _value_lists(layout, values)
    for table in layout.tables:
        _table_sheet(book.create_sheet(table.sheet), table, lists)
    _instructions(instructions, layout)
    _examples(book.create_sheet(EXAMPLES), layout)
    book.move_sheet(VALUES, offset=len(book.sheetnames))
    book.save(path)


def allowed_values(column: Column) -> list[str] | None:
    """The closed list of values a column takes (as the drop-down offers them), else None."""
    if column.list:
        return None  # several values in one cell: a drop-down cannot offer combinations
    if column.type == "codelist":
        labels = codelist_labels(column.codelist)
        indonesian = [label_id for label_id, _ in labels.values()]
        unique = all(indonesian) and len(set(indonesian)) == len(indonesian)
        return sorted(indonesian) if unique else sorted(labels)
    if column.type == "choice":
        return sorted(column.choices)
    if column.type == "boolean":
        return ["ya", "tidak"]
    match = _ALTERNATIVES.match(column.pattern or "")
    return match.group(1).split("|") if match else None


def header_note(column: Column) -> str:
    """The comment on a header: meaning in both languages, required or not, type, example."""
    need = "WAJIB / required" if column.required else "opsional / optional"
    parts = [f"{column.name} ({need})", column.description.id, column.description.en]
    if column.pattern_hint.id:
        parts.append(f"Bentuk / form: {column.pattern_hint.id} / {column.pattern_hint.en}")
    if column.list:
        parts.append("Beberapa nilai dipisah ';' / several values separated by ';'")
    if column.example:
        parts.append(f"Contoh / example: {column.example}")
    return "\n".join(part for part in parts if part)


def _value_lists(layout: Layout, sheet) -> dict[str, str]:  # an openpyxl sheet
    """One column of allowed values per closed column; its range formula by column name."""
    from openpyxl.utils import get_column_letter

    ranges: dict[str, str] = {}
    index = 0
    for table in layout.tables:
        for column in table.columns:
            allowed = allowed_values(column)
            if not allowed:
                continue
            index += 1
            letter = get_column_letter(index)
            sheet.cell(row=1, column=index, value=f"{table.sheet}.{column.name}")
            for row, value in enumerate(allowed, start=2):
                cell = sheet.cell(row=row, column=index, value=value)
                cell.data_type = "s"
            ranges[f"{table.name}.{column.name}"] = (
                f"{VALUES}!${letter}$2:${letter}${len(allowed) + 1}"
            )
            sheet.column_dimensions[letter].width = 28
    return ranges


def _table_sheet(sheet, table: Table, lists: dict[str, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        set_text(cell, column.name)  # a string, never a formula
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL)
        note = Comment(header_note(column), "umkm-kg")
        note.width, note.height = 320, 160
        cell.comment = note
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.name) + 2)
        sheet.column_dimensions[letter].number_format = "@"
        for row in range(2, _ROWS + 2):
            sheet.cell(row=row, column=index).number_format = "@"
        formula = lists.get(f"{table.name}.{column.name}")
        if formula:
            check = DataValidation(type="list", formula1=f"={formula}", allow_blank=True)
            check.error = f"Pilih dari daftar / choose from the list ({column.name})"
            check.errorTitle = column.name
            check.prompt = column.description.id
            check.add(f"{letter}2:{letter}{_ROWS + 1}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"


def _instructions(sheet, layout: Layout) -> None:  # an openpyxl sheet
    from openpyxl.styles import Alignment, Font

    sheet.append([f"{layout.title.id} / {layout.title.en}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([layout.description.id])
    sheet.append([layout.description.en])
    sheet.append([])
    sheet.append(["Langkah / steps"])
    for number, (text_id, text_en) in enumerate(_STEPS, start=1):
        sheet.append([f"{number}. {text_id}", text_en])
    sheet.append([])
    sheet.append(["Lembar / sheet", "Untuk apa / what it is for", "Wajib / required"])
    for table in layout.tables:
        sheet.append(
            [
                table.sheet,
                f"{table.description.id} / {table.description.en}",
                "ya / yes" if table.required else "tidak / no",
            ]
        )
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value in ("Langkah / steps", "Lembar / sheet"):
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 16


def _examples(sheet, layout: Layout) -> None:  # an openpyxl sheet
    from openpyxl.styles import Font

    for table in layout.tables:
        sheet.append([f"{table.sheet} ({table.file})"])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([column.name for column in table.columns])
        sheet.append([column.example for column in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
        sheet.append([])
