"""Shared page machinery: the embedded Song font, GB/T 9704-2012 geometry, page numbers, QR codes.

GB/T 9704-2012 (党政机关公文格式): A4; 天头 37 mm; 订口 28 mm; 版心 156 × 225 mm;
正文 3号 (16 pt), 22 lines × 28 characters; title 2号 (22 pt); page numbers
"— 1 —" in 4号 (14 pt), 7 mm below the text block, odd pages right and even
pages left, one character in from the edge.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..paths import resources_dir

if TYPE_CHECKING:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
BLOCK_W, BLOCK_H = 156 * MM, 225 * MM
LINES, CHARS = 22, 28
PITCH = BLOCK_H / LINES          # 10.227 mm between lines
CELL = BLOCK_W / CHARS           # 5.571 mm per character
BODY_PT, TITLE_PT, PAGE_NO_PT = 16, 22, 14
FONT = "AuditorSong"
RED = (0.8, 0.0, 0.0)
NO_LINE_START = "，。、；：？！）》」』】〕”’%,.;:?!)"


@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the shipped TrueType Song font with reportlab (embedded, subset, in every PDF)."""
    from reportlab.graphics import shapes
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(resources_dir() / "fonts" / "AuditorSong-Regular.ttf")))
    shapes.STATE_DEFAULTS["fontName"] = FONT  # drawings (the QR code) would otherwise reference Helvetica
    return FONT


def text_width(text: str, size: float = BODY_PT) -> float:
    """Width on the grid: every glyph's advance plus the grid's character spacing."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_font()
    return stringWidth(text, FONT, size) + len(text) * (CELL * size / BODY_PT - size)


def wrap_cjk(text: str, max_width: float = BLOCK_W, size: float = BODY_PT, first_indent: float = 0.0) -> list[str]:
    """Break into lines no wider than the text block.

    Chinese breaks between any two characters; a run of Latin letters and digits
    (a contract number, an amount) is kept whole; closing punctuation never
    starts a line (避头) — it is pulled back with the character before it.
    """
    import re

    lines: list[str] = []
    for paragraph in text.split("\n"):
        tokens = re.findall(r"[A-Za-z0-9¥.,%\-+/:（）()]+(?=[A-Za-z0-9])|[A-Za-z0-9¥.,%\-+/:]+|.", paragraph)
        current = ""
        limit = max_width - first_indent
        for token in tokens:
            if current and text_width(current + token, size) > limit + 0.01:
                if token[0] in NO_LINE_START:
                    lines.append(current[:-1])
                    current = current[-1]
                else:
                    lines.append(current)
                    current = ""
                limit = max_width
            current += token
        lines.append(current)
    return lines


@dataclass
class Grid:
    """Writes characters onto the 22 × 28 grid of a GB/T 9704 page, one cell per character."""

    canvas: Canvas
    line: int = 0
    page: int = 1

    def baseline(self, line: int, size: float = BODY_PT) -> float:
        cell_top = PAGE_H - TOP - line * PITCH
        return cell_top - (PITCH - size) / 2 - size * 0.88  # em box centred in its line

    def text(self, line_text: str, *, indent: int = 0, size: float = BODY_PT, align: str = "left",
             right_margin: int = 0, color: tuple[float, float, float] = (0, 0, 0), bold: bool = False) -> None:
        """One grid line: each character in its own cell (so the 28-character grid holds)."""
        c = self.canvas
        c.saveState()  # render mode and colours are graphics state: restore them after the line
        c.setFillColorRGB(*color)
        c.setStrokeColorRGB(*color)
        y = self.baseline(self.line, size)
        cell = CELL * size / BODY_PT
        width = text_width(line_text, size)
        if align == "center":
            x = LEFT + (BLOCK_W - width) / 2
        elif align == "right":
            x = LEFT + BLOCK_W - right_margin * CELL - width
        else:
            x = LEFT + indent * CELL
        text = c.beginText()
        text.setTextOrigin(x, y)
        text.setFont(FONT, size)
        if bold:  # the shipped Song has one weight: fill + thin stroke gives the title its weight
            text.setTextRenderMode(2)
            c.setLineWidth(size * 0.03)
        text.setCharSpace(cell - size)
        text.textOut(line_text)
        c.drawText(text)
        c.restoreState()

    def next_line(self, count: int = 1) -> bool:
        """Advance; True when a new page was started."""
        self.line += count
        if self.line >= LINES:
            self.new_page()
            return True
        return False

    def new_page(self) -> None:
        page_number(self.canvas, self.page)
        self.canvas.showPage()
        self.page += 1
        self.line = 0

    def paragraph(self, text: str, indent_first: int = 2, **kwargs: Any) -> None:
        """A paragraph: first line indented two characters (full-width spaces), wrapped to the block."""
        for line in wrap_cjk("\u3000" * indent_first + text):
            self.text(line, **kwargs)
            self.next_line()


def page_number(canvas: Canvas, page: int) -> None:
    """— 1 — : 7 mm below the text block; odd pages one character in from the right, even from the left."""
    text = f"— {page} —"
    canvas.setFont(FONT, PAGE_NO_PT)
    y = PAGE_H - TOP - BLOCK_H - 7 * MM - PAGE_NO_PT * 0.88
    width = canvas.stringWidth(text, FONT, PAGE_NO_PT)
    x = LEFT + BLOCK_W - CELL - width if page % 2 else LEFT + CELL
    canvas.drawString(x, y, text)


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (level M, 4-module quiet zone) as one vector path: each dark run of a row is one rectangle."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = code.getModuleCount()
    module = size / (count + 8)
    path = canvas.beginPath()
    for r, row in enumerate(code.modules):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                path.rect(x + (start + 4) * module, y + size - (r + 5) * module, (c - start) * module, module)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, fill=1, stroke=0)
    canvas.restoreState()


def keywords(kind: str, number: str, qr: str) -> str:
    """The PDF's /Keywords: kind, number and content hash, read back by verification from the signed
    revision only (a later change of the metadata is reported as an alteration)."""
    fields = dict(part.partition("=")[::2] for part in qr.split(";")[1:]) if qr else {}
    return f"auditor;kind={kind};number={number};sha256={fields.get('h', '')}"


def song_canvas(target: io.BytesIO, pagesize: tuple[float, float], **options: Any) -> Canvas:
    """A canvas whose every page starts in the embedded Song, so no page refers to a font it does not embed."""
    from reportlab.pdfgen import canvas as pdfcanvas

    register_font()
    return pdfcanvas.Canvas(target, pagesize=pagesize, invariant=1,
                            initialFontName=FONT,  # type: ignore[arg-type]  # types-reportlab says float: it is a name
                            **options)


def new_canvas(title: str, subject: str, keywords: str) -> tuple[Canvas, io.BytesIO]:
    buffer = io.BytesIO()
    c = song_canvas(buffer, (PAGE_W, PAGE_H), pageCompression=1, initialFontSize=BODY_PT)
    c.setTitle(title)
    c.setSubject(subject)
    c.setKeywords(keywords)
    c.setCreator("auditor")
    c.setAuthor("auditor")
    return c, buffer


def image_reader(png: bytes | None) -> ImageReader | None:
    if not png:
        return None
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))

