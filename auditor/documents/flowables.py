"""platypus flowables set by the typesetter: paragraphs, table cells, charts and the signature stamp's place.

Imported only when a report is rendered (reportlab at module level).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .platypus import Flowable
from .typeset import Line, Span, break_lines, draw_line, shape

if TYPE_CHECKING:
    from ..charts import Chart as ChartData


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    role: str = "body"
    align: str = "justify"       # justify, left, right, center
    before: float = 0.0
    after: float = 0.0
    keep_with_next: bool = False


class Text(Flowable):
    """A paragraph broken by the 禁则, each character in a face that has it; splits between lines."""

    def __init__(self, spans: Sequence[Span], style: Style, where: str, lines: list[Line] | None = None) -> None:
        super().__init__()
        self.spans, self.style, self.where = list(spans), style, where
        self.spaceBefore, self.spaceAfter = style.before, style.after
        self.keepWithNext = style.keep_with_next
        self._lines = lines
        self._width = -1.0
        self.glyphs = shape(self.spans, style.size, where) if lines is None else []  # refuses a missing glyph now

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._lines is None or self._width != available_width:
            if self.glyphs:
                from .typeset import Glyph

                fresh = [Glyph(g.char, g.face, g.advance) for g in self.glyphs]
                self.lines = break_lines(fresh, available_width, self.style.size,
                                         justify=self.style.align == "justify", max_gap=self.style.size / 6)
            else:
                self.lines = self._lines or []
            self._width = available_width
        self.width = available_width
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fit = int(available_height // self.style.leading)
        if fit < 2 or len(self.lines) - fit < 2 or fit >= len(self.lines):   # no lone line at either end
            return []
        first = Text(self.spans, self.style, self.where, self.lines[:fit])
        rest = Text(self.spans, self.style, self.where, self.lines[fit:])
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self) -> None:
        size, leading = self.style.size, self.style.leading
        for n, line in enumerate(self.lines):
            y = self.height - n * leading - (leading - size) / 2 - size * 0.88
            if self.style.align == "right":
                x = self.width - line.width
            elif self.style.align == "center":
                x = (self.width - line.width) / 2
            else:
                x = 0.0
            draw_line(self.canv, line, x, y)


class Chart(Flowable):
    """One chart of the annex, drawn onto the page as vector paths in the page's own fonts."""

    def __init__(self, chart: ChartData, width: float, height: float) -> None:
        super().__init__()
        self.chart, self.width, self.height = chart, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        from .chartdraw import draw_chart

        draw_chart(self.canv, self.chart, self.width, self.height)


class SignatureBox(Flowable):
    """Reserves the place of the visible signature stamp (inside the signature table) and tells the
    renderer where on which page it landed."""

    def __init__(self, report: Any, width: float, height: float) -> None:
        super().__init__()
        self.report, self.width, self.height = report, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x1, y1 = self.canv.absolutePosition(0, 0)
        self.report.signature_box = (self.canv.getPageNumber() - 1, (x1, y1, x1 + self.width, y1 + self.height))
