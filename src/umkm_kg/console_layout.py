"""Tables that stay readable in a narrow terminal (80 columns).

A :class:`Records` is rendered as a Rich table when the table fits the console at its
narrowest without breaking a name; otherwise as stacked blocks, one per record: its name on a
line of its own, then one ``heading: value`` line per other column. The choice is made when the
console draws it, so the same object serves a 200-column terminal, an 80-column one and a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column as TableColumn
from rich.table import Table
from rich.text import Text

Cell = str | Text
UNBOUNDED = 100_000
EMPTY = ("", "-", "–")  # cells a stacked block leaves out


@dataclass(frozen=True)
class Column:
    """A column: its heading; ``name`` columns are never broken inside a word or a line."""

    heading: str
    name: bool = False
    justify: str = "left"


@dataclass
class Records:
    """Rows under columns, drawn as a table or, where that does not fit, as stacked blocks.

    ``title_columns`` are the indexes of the cells that make a block's first line (by default
    the ``name`` columns); the other cells follow as ``heading: value`` lines, empty ones left
    out. ``caption`` lines follow the table or the blocks.
    """

    columns: Sequence[Column]
    rows: list[Sequence[Cell]] = field(default_factory=list)
    title: str | None = None
    caption: str | None = None
    title_columns: Sequence[int] | None = None
    styles: list[str | None] = field(default_factory=list)
    min_table_width: int = 0  # below this console width, blocks even where the table fits

    def add_row(self, *cells: Cell, style: str | None = None) -> None:
        """One record, its cells in the order of the columns."""
        self.rows.append(cells)
        self.styles.append(style)

    def table(self) -> Table:
        """The wide layout: a Rich table whose name columns are never wrapped."""
        title = None if self.title is None else Text(self.title, style="italic")
        caption = None if self.caption is None else Text(self.caption)
        table = Table(title=title, caption=caption, caption_justify="left")  # text, not markup
        for column in self.columns:
            table.add_column(column.heading, no_wrap=column.name, justify=column.justify)
        for cells, style in zip(self.rows, self.styles, strict=True):
            table.add_row(*(_text(cell) for cell in cells), style=style)
        return table

    def blocks(self, width: int = 80) -> Group:
        """The narrow layout: one block per record, a blank line between blocks; the title
        cells share the first line when they fit in ``width``, else each has its own."""
        heads = self._title_columns()
        parts: list[RenderableType] = []
        if self.title:
            parts.append(Text(self.title, style="bold"))
        for cells, style in zip(self.rows, self.styles, strict=True):
            parts.append(Text(""))
            fields = [
                (self.columns[i].heading, _text(cell))
                for i, cell in enumerate(cells)
                if i not in heads and _text(cell).plain.strip() not in EMPTY
            ]
            titles = [_text(cells[i]) for i in heads if _text(cells[i]).plain]
            head = Text("  ").join(titles)
            if head.cell_len > width:
                head = Text("\n").join(titles)
            parts.append(stacked_block(head, fields, style))
        if self.caption:
            parts += [Text(""), Text(self.caption)]
        return Group(*parts)

    def _title_columns(self) -> list[int]:
        if self.title_columns is not None:
            return list(self.title_columns)
        return [i for i, column in enumerate(self.columns) if column.name][:1] or [0]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table()
        wide = options.max_width >= self.min_table_width and fits(console, options, table)
        yield table if wide else self.blocks(options.max_width)


def fits(console: Console, options: ConsoleOptions, table: Table) -> bool:
    """True when ``table`` fits the width the console offers with no word broken and no
    name column wrapped; then its column widths are set so that Rich draws it that way.

    Rich's own layout shrinks the widest columns first and may cut a short one to an
    ellipsis even where every column's longest word would fit, so the spare width beyond
    each column's narrowest is shared here in proportion to what each column could use.
    """
    unbounded = options.update_width(UNBOUNDED)
    ranges = [_column_range(console, unbounded, column) for column in table.columns]
    overhead = Measurement.get(console, unbounded, table).maximum - sum(hi for _, hi in ranges)
    if sum(hi for _, hi in ranges) + overhead <= options.max_width:
        return True
    spare = options.max_width - overhead - sum(lo for lo, _ in ranges)
    if spare < 0:
        return False
    wants = [hi - lo for lo, hi in ranges]
    for column, (lo, _), want in zip(table.columns, ranges, wants, strict=True):
        column.width = lo + spare * want // max(1, sum(wants))
    return True


def _column_range(
    console: Console, options: ConsoleOptions, column: TableColumn
) -> tuple[int, int]:
    """The narrowest and widest content width of a table column (padding not included);
    a ``no_wrap`` column is as wide as its widest cell."""
    lows, highs = [0], [0]
    for cell in (column.header, *column.cells):
        measured = Measurement.get(console, options, cell)
        lows.append(measured.maximum if column.no_wrap else measured.minimum)
        highs.append(measured.maximum)
    return max(lows), max(highs)


def stacked_block(
    head: Text, fields: Iterable[tuple[str, Text]], style: str | None = None
) -> Group:
    """A record's block: ``head`` in bold, then its fields indented (wrapped lines hang)."""
    head = head.copy()
    head.stylize("bold")
    if style:
        head.stylize(style)
    lines: list[RenderableType] = [head]
    for heading, value in fields:
        if "\n" in value.plain:  # a list: the heading, then one indented line per item
            lines.append(Padding(Text(f"{heading}:", style="dim"), (0, 0, 0, 2), expand=False))
            lines += [Padding(item, (0, 0, 0, 4), expand=False) for item in value.split("\n")]
            continue
        line = Text.assemble((f"{heading}: ", "dim"), value)
        lines.append(Padding(line, (0, 0, 0, 2), expand=False))
    return Group(*lines)


def _text(cell: Cell) -> Text:
    """A cell as Rich text; a plain string is data, never markup."""
    return cell if isinstance(cell, Text) else Text(cell)
