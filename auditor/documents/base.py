"""Shared page machinery: GB/T 9704-2012 geometry, the fonts' metadata, page numbers, watermarks, QR codes.

GB/T 9704-2012 (党政机关公文格式): A4; 天头 37 mm; 订口 28 mm; 版心 156 × 225 mm;
正文 3号 (16 pt), 22 lines × 28 characters; title 2号 (22 pt); page numbers
"— 1 —" in 4号 (14 pt), 7 mm below the text block, odd pages right and even
pages left, one character in from the edge.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fonts import BODY_FONT, body_font, book
from .typeset import Line, Span, draw_line, paragraph

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
GRID_SCALE = CELL / BODY_PT      # a full-width character's advance is one cell
FONT = BODY_FONT
RED = (0.8, 0.0, 0.0)


def register_font() -> str:
    """The shipped Song, registered with reportlab (parsed once per process)."""
    return body_font()


def line_of(text: str, size: float, where: str, role: str = "body", scale: float = 1.0) -> Line:
    """One unbroken line of ``text`` (labels, captions, page numbers), each character in a face that has it."""
    lines = paragraph([Span(text, role)], 1e6, size, where, scale=scale, justify=False)
    return lines[0]


def draw_label(canvas: Canvas, text: str, x: float, y: float, size: float, *, where: str, role: str = "body",
               align: str = "left", fill: tuple[float, float, float] = (0, 0, 0)) -> float:
    """A one-line label at baseline ``y``; ``align`` says what ``x`` is (left, center, right). Its width."""
    line = line_of(text, size, where, role)
    start = x - line.width / 2 if align == "center" else x - line.width if align == "right" else x
    draw_line(canvas, line, start, y, fill=fill)
    return line.width


def baseline(line: int, size: float = BODY_PT, pitch: float = PITCH) -> float:
    """The baseline of grid line ``line`` (0 = first) for text of ``size``, its em box centred in the line."""
    cell_top = PAGE_H - TOP - line * pitch
    return cell_top - (pitch - size) / 2 - size * 0.88


def page_number(canvas: Canvas, page: int) -> None:
    """— 1 — : 7 mm below the text block; odd pages one character in from the right, even from the left."""
    text = f"— {page} —"
    y = PAGE_H - TOP - BLOCK_H - 7 * MM - PAGE_NO_PT * 0.88
    if page % 2:
        draw_label(canvas, text, LEFT + BLOCK_W - CELL, y, PAGE_NO_PT, where="页码", align="right")
    else:
        draw_label(canvas, text, LEFT + CELL, y, PAGE_NO_PT, where="页码")


def watermark(canvas: Canvas, text: str = "草 稿") -> None:
    """A pale diagonal mark across the middle of the page, drawn first so the text stays on top."""
    canvas.saveState()
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(35)
    draw_label(canvas, text, 0, -24, 72, where="水印", role="heading1", align="center", fill=(0.86, 0.86, 0.86))
    canvas.restoreState()


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def lost_points(modules: Sequence[Sequence[bool]]) -> int:
    """reportlab's QRUtil.getLostPoint — the mask penalties of ISO/IEC 18004 as reportlab reads them — on
    strings and integers: the same score, in a tenth of the time (it is taken for each of the eight masks)."""
    rows = [bytes(map(bool, row)).translate(_DIGITS).decode("ascii") for row in modules]
    n = len(rows)
    score = 0
    for line in rows + ["".join(column) for column in zip(*rows)]:
        score += sum(len(run) - 2 for run in _RUN.findall(line))  # runs of five or more
    for line in rows:  # reportlab finds the finder-like pattern along rows only, one way, never at the end
        at = line.find(_FINDER)
        while 0 <= at < n - len(_FINDER):
            score += 40
            at = line.find(_FINDER, at + len(_FINDER))
    bits = [int(row[::-1], 2) for row in rows]  # bit c is column c
    inner = (1 << (n - 1)) - 1
    for upper, lower in zip(bits, bits[1:]):  # 2 × 2 blocks of one colour
        same = ~(upper ^ lower) & ~(upper ^ (upper >> 1)) & ~(lower ^ (lower >> 1)) & inner
        score += 3 * bin(same).count("1")
    dark = sum(row.count("1") for row in rows)
    return score + 10 * (abs(100 * dark // (n * n) - 50) // 5)


def _qrencoder() -> Any:
    """reportlab's QR encoder module (it imports only the standard library), loaded by itself: imported
    through its package it would first register every barcode widget reportlab has (7 ms). In a bundle
    without the source file, the package's."""
    import importlib.util
    import sys

    name = "auditor.documents._reportlab_qrencoder"
    module = sys.modules.get(name)
    if module is not None:
        return module
    import reportlab

    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location(name, path) if path.is_file() else None
    if spec is None or spec.loader is None:
        from reportlab.graphics.barcode import qrencoder

        return qrencoder
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module
    return module


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code of ``payload`` (level M) as rows of dark (True) and light modules."""
    qrencoder = _qrencoder()
    encoder: Any = qrencoder.QRCode

    class Code(encoder):  # type: ignore[misc]  # reportlab's encoder is untyped
        def getBestMaskPattern(self) -> int:  # noqa: N802 — reportlab's name
            scores = []
            for mask in range(8):
                self.makeImpl(True, mask)
                scores.append(lost_points(self.modules))
            return scores.index(min(scores))  # the first of equals, as reportlab picks

    code = Code(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    return [list(row) for row in code.modules]


class _Path:
    """Path operators written here (what ``canvas.drawPath`` asks of a path): a QR code's rectangles in whole
    modules, without reportlab's number formatting for each of their ~6,000 coordinates."""

    def __init__(self, code: str) -> None:
        self.code = code

    def getCode(self) -> str:  # noqa: N802 — reportlab's name
        return self.code


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (level M, 4-module quiet zone) as one vector path: each dark run of a row is one rectangle,
    drawn in module units (the page's scale set once)."""
    modules = qr_modules(payload)
    count = len(modules)
    runs = []
    for r, row in enumerate(modules):
        c = 0
        while c < count:
            if row[c]:
                start = c
                while c < count and row[c]:
                    c += 1
                runs.append(f"{start + 4} {count + 3 - r} {c - start} 1 re")
            else:
                c += 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size / (count + 8), size / (count + 8))
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(_Path("\n".join(runs)), fill=1, stroke=0)
    canvas.restoreState()


def keywords(kind: str, number: str, qr: str) -> str:
    """The PDF's /Keywords: kind, number and content hash, read back by verification from the signed
    revision only (a later change of the metadata is reported as an alteration)."""
    fields = dict(part.partition("=")[::2] for part in qr.split(";")[1:]) if qr else {}
    return f"auditor;kind={kind};number={number};sha256={fields.get('h', '')}"


def fonts_info(document: Any, used: Iterable[str]) -> None:
    """Record in the document information (/AuditorFonts) which font each role used and which fallbacks
    drew rare characters. It is part of the signed revision like the title."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString

    text = book().summary(used)

    class FontInfo(PDFInfo):
        def format(self, document: Any) -> bytes:
            from reportlab.pdfbase.pdfdoc import PDFDate

            formatter = getattr(self, "_dateFormatter", None)
            entries = {"Title": PDFString(self.title), "Author": PDFString(self.author),
                       "CreationDate": PDFDate(ts=document._timeStamp, dateFormatter=formatter),
                       "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
                       "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
                       "Trapped": PDFName(self.trapped), "AuditorFonts": PDFString(text)}
            entries["ModDate"] = entries["CreationDate"]
            return PDFDictionary(entries).format(document)

    info = FontInfo()
    info.__dict__.update(document.info.__dict__)
    document.info = info


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


def used_fonts(canvas: Canvas) -> set[str]:
    """The reportlab fonts a canvas's document has drawn with."""
    document: Any = canvas._doc  # type: ignore[attr-defined]  # reportlab's stubs leave it out
    return set(document.fontMapping)


def image_reader(png: bytes | None) -> ImageReader | None:
    if not png:
        return None
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(png))
