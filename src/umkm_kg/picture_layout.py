"""Plain geometry for the pictures we draw (the report's networks, the class diagram): boxes,
and labels placed where they overlap nothing already drawn."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CHAR_WIDTH = 0.62  # of the font size: wider than the average sans-serif letter, so boxes hold
LINE_HEIGHT = 1.25  # of the font size
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where on a line a label may sit, first choice first
ACROSS = (0, 1, -1, 2, -2, 3, -3)  # sideways shifts, in label heights


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle by its centre and size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    def overlaps(self, other: Box, gap: float = 2) -> bool:
        """Whether the two boxes, each grown by ``gap`` / 2, share any area."""
        return (
            abs(self.x - other.x) * 2 < self.width + other.width + gap
            and abs(self.y - other.y) * 2 < self.height + other.height + gap
        )

    def within(self, outer: Box) -> bool:
        """Whether the box lies wholly inside ``outer``."""
        return (
            abs(self.x - outer.x) * 2 <= outer.width - self.width
            and abs(self.y - outer.y) * 2 <= outer.height - self.height
        )


def text_box(lines: Sequence[str], x: float, y: float, size: float) -> Box:
    """The box a block of ``lines`` at font ``size`` takes, centred on (x, y)."""
    width = max((len(line) for line in lines), default=0) * size * CHAR_WIDTH + 4
    return Box(x, y, width, len(lines) * size * LINE_HEIGHT + 2)


def place_on_segment(
    lines: Sequence[str],
    start: tuple[float, float],
    end: tuple[float, float],
    taken: Iterable[Box],
    *,
    size: float,
    canvas: Box,
) -> Box | None:
    """A box for ``lines`` near the segment start-end overlapping none of ``taken`` and inside
    the canvas, or None when there is no such place (the caller then leaves the label out)."""
    taken = list(taken)
    (x1, y1), (x2, y2) = start, end
    length = max(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5, 1)
    normal = (-(y2 - y1) / length, (x2 - x1) / length)
    probe = text_box(lines, 0, 0, size)
    for shift in ACROSS:
        for t in ALONG:
            x = x1 + (x2 - x1) * t + normal[0] * shift * probe.height * 0.6
            y = y1 + (y2 - y1) * t + normal[1] * shift * probe.height * 0.6
            box = Box(x, y, probe.width, probe.height)
            if box.within(canvas) and not any(box.overlaps(other) for other in taken):
                return box
    return None
