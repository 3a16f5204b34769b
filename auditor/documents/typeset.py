"""Chinese typesetting for the documents: a face for every character, lines broken by the 禁则.

Every character is checked against the face chosen for its role before anything is drawn, and drawn
from the first face of the fallback chain that has it; one that no face has stops the document with an
``InputError`` naming it (U+XXXX and the character) and where it is. A silent box is never printed.

Lines break between any two Chinese characters, but never

- before closing punctuation (，。、；：？！）」』》〉】… may not start a line: 避头),
- after opening punctuation (（「『《〈【 may not end one: 避尾),
- inside a run of Latin letters and digits with its inner marks: amounts (¥64,680.00), percentages
  (95.37%), codes (YS2025-FW-GKZB-001), masked ID numbers (4101**********1234), or inside ……/——.

When a closing mark would start the next line, the line's full-width punctuation is squeezed (压缩, up to
half an em each) to take it in; when that is not enough, the last character goes down with it (推出) and
the line is spaced out to the full measure. Nothing ever runs past the measure.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InputError
from .fonts import FontBook, book, register

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

CLOSING = set("，。、；：？！）」』》〉】〕〗〙〛”’…‥·・%‰℃,.;:?!)]}")
OPENING = set("（「『《〈【〔〖〘〚“‘([{")
LEFT_INK = set("，。、；：？！）」』》〉】〕〗〙〛”’")   # full-width marks whose right half is blank
RIGHT_INK = set("（「『《〈【〔〖〘〚“‘")                # and those whose left half is
_ATOM = re.compile(
    r"[¥￥$≥≤＞＜><±~～+−-]?[0-9A-Za-z*]+(?:[.,:/_·'×*-][0-9A-Za-z*]+)*[%‰]?"  # numbers, amounts, codes, IDs
    r"|……|——|⋯⋯|\s+|.", re.S)
_ASCII_SPACE = re.compile(r"[ \t\r\n]+")


class MissingGlyph(InputError):
    """A character that no installed or shipped font can draw."""


@dataclass(frozen=True)
class Span:
    text: str
    role: str = "body"


@dataclass
class Glyph:
    char: str
    face: str
    advance: float
    squeeze: float = 0.0   # width taken off a full-width mark
    shift: float = 0.0     # drawn this far left (a squeezed opening mark loses its blank left half)


@dataclass
class Atom:
    glyphs: list[Glyph]

    @property
    def width(self) -> float:
        return sum(g.advance - g.squeeze for g in self.glyphs)

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def space(self) -> bool:
        return self.glyphs[0].char in " \t"

    @property
    def no_start(self) -> bool:
        return self.glyphs[0].char in CLOSING or self.text in ("……", "——", "⋯⋯")

    @property
    def no_end(self) -> bool:
        return self.glyphs[-1].char in OPENING


@dataclass
class Line:
    """Glyphs with their x offsets from the line's start, in points."""

    glyphs: list[Glyph] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    size: float = 16.0

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def width(self) -> float:
        if not self.glyphs:
            return 0.0
        last = self.glyphs[-1]
        return self.xs[-1] + last.advance - last.squeeze


def shape(spans: Sequence[Span], size: float, where: str, *, scale: float = 1.0,
          fonts: FontBook | None = None) -> list[Glyph]:
    """Each character with the face that draws it and its advance (``scale`` fits the GB/T 9704 grid)."""
    fonts = fonts or book()
    glyphs: list[Glyph] = []
    for span in spans:
        for char in span.text:
            if char in "\n\r\t":
                char = " "
            face = fonts.face_for(char, span.role)
            if face is None:
                raise MissingGlyph(f"无法排印字符 U+{ord(char):04X}「{char}」（{where}）："
                                   "本机字体和内置字体都没有这个字形，"
                                   "请安装含该字的字体（如 SimSun-ExtB/ExtG）或改用通用字后再签发")
            glyphs.append(Glyph(char, face.name, _advance(char, face.name, size) * scale))
    return glyphs


def atoms(glyphs: list[Glyph]) -> list[Atom]:
    text = "".join(g.char for g in glyphs)
    found, position = [], 0
    for match in _ATOM.finditer(text):
        found.append(Atom(glyphs[position:position + len(match.group())]))
        position += len(match.group())
    return found


def _squeezable(glyph: Glyph, size: float) -> float:
    """Half an em for a full-width mark (its blank half), else nothing."""
    if glyph.char in LEFT_INK | RIGHT_INK and glyph.advance >= 0.8 * size:
        return glyph.advance / 2 - glyph.squeeze
    return 0.0


def _place(atoms_: list[Atom], width: float, size: float, *, justify: bool, squeeze: float = 0.0,
           max_gap: float | None = None) -> Line:
    """Lay out one line's atoms: squeeze ``squeeze`` points out of its marks, last first, or spread the
    slack between atoms when ``justify`` (left ragged instead when that opens gaps wider than ``max_gap``)."""
    while atoms_ and atoms_[-1].space:
        atoms_ = atoms_[:-1]
    glyphs = [g for a in atoms_ for g in a.glyphs]
    for glyph in reversed(glyphs):
        if squeeze <= 0.005:
            break
        take = min(_squeezable(glyph, size), squeeze)
        if take > 0:
            glyph.squeeze += take
            if glyph.char in RIGHT_INK:
                glyph.shift += take
            squeeze -= take
    natural = sum(a.width for a in atoms_)
    gap = (width - natural) / (len(atoms_) - 1) if justify and len(atoms_) > 1 and natural < width else 0.0
    if max_gap is not None and gap > max_gap:
        gap = 0.0
    line = Line(size=size)
    x = 0.0
    for atom in atoms_:
        for glyph in atom.glyphs:
            line.glyphs.append(glyph)
            line.xs.append(x - glyph.shift)
            x += glyph.advance - glyph.squeeze
        x += gap
    return line


def _pieces(atom: Atom) -> list[Atom]:
    """A run too long for any line, cut after its hyphens and slashes (YS2025-|FW-|GKZB-|001), or, with none,
    between characters."""
    pieces: list[Atom] = []
    start = 0
    for i, glyph in enumerate(atom.glyphs):
        if glyph.char in "-/_" and i + 1 < len(atom.glyphs):
            pieces.append(Atom(atom.glyphs[start:i + 1]))
            start = i + 1
    pieces.append(Atom(atom.glyphs[start:]))
    return pieces if len(pieces) > 1 else [Atom([g]) for g in atom.glyphs]


def break_lines(glyphs: list[Glyph], width: float, size: float, *, first_indent: float = 0.0,
                justify: bool = True, max_gap: float | None = None) -> list[Line]:
    """Greedy line breaking under the 禁则 (see the module doc); the last line is not spread out."""
    pending = atoms(glyphs)
    lines: list[Line] = []
    current: list[Atom] = []
    limit = width - first_indent
    taken = 0.0  # the width of ``current``, kept as it grows (summing it again at every atom is quadratic)

    def take(more: list[Atom]) -> None:
        nonlocal taken
        current.extend(more)
        taken += sum(a.width for a in more)

    def drop() -> Atom:
        nonlocal taken
        atom = current.pop()
        taken -= atom.width
        return atom

    def flush(squeeze: float = 0.0) -> None:
        nonlocal current, limit, taken
        lines.append(_place(current, limit, size, justify=justify, squeeze=squeeze, max_gap=max_gap))
        current = []
        taken = 0.0
        limit = width

    index = 0
    while index < len(pending):
        atom = pending[index]
        if atom.space and not current:
            index += 1
            continue
        if atom.width > width + 0.01 and len(atom.glyphs) > 1:  # a code longer than the line: split it, once
            pending[index:index + 1] = _pieces(atom)
            continue
        if taken + atom.width <= limit + 0.01 or not current:
            take([atom])
            index += 1
            continue
        if atom.space:
            flush()
            index += 1
            continue
        if atom.no_start:  # squeeze it in, with the marks that follow it (）。): none may start the next line
            end = index + 1
            while end < len(pending) and pending[end].no_start:
                end += 1
            group = pending[index:end]
            over = taken + sum(a.width for a in group) - limit
            room = sum(_squeezable(g, size) for a in [*current, *group] for g in a.glyphs)
            if room >= over - 0.01:
                take(group)
                flush(squeeze=over)
                index = end
                continue
        carry: list[Atom] = []
        if atom.no_start or current[-1].no_end:
            while current and (current[-1].no_end or (carry or [atom])[0].no_start):
                carry.insert(0, drop())
            while current and current[-1].space:
                drop()
            if not current:  # nothing may be left behind: keep the marks together on this line
                take(carry)
                carry = []
        flush()
        take(carry)
    lines.append(_place(current, limit, size, justify=False))
    return lines


def balanced(glyphs: list[Glyph], width: float, size: float) -> list[Line]:
    """A title: as few lines as fit, of even length (GB/T 9704 7.3.2: 排列对称)."""
    lines = break_lines(glyphs, width, size, justify=False)
    if len(lines) < 2:
        return lines
    total = sum(g.advance for g in glyphs)
    trial = total / len(lines)
    while trial < width:
        attempt = break_lines([Glyph(g.char, g.face, g.advance) for g in glyphs], trial + 0.5, size, justify=False)
        if len(attempt) <= len(lines):
            return attempt
        trial += size / 2
    return lines


def paragraph(spans: Sequence[Span], width: float, size: float, where: str, *, indent: float = 0.0,
              scale: float = 1.0, justify: bool = True) -> list[Line]:
    return break_lines(shape(spans, size, where, scale=scale), width, size, first_indent=indent, justify=justify)


def draw_line(canvas: Canvas, line: Line, x: float, y: float, *, fill: tuple[float, float, float] = (0, 0, 0)) -> None:
    """One line at baseline ``y``: runs of one face and even spacing become one text run each."""
    if not line.glyphs:
        return
    canvas.saveState()
    canvas.setFillColorRGB(*fill)
    text = canvas.beginText()
    run: list[int] = []

    def out(indices: list[int]) -> None:
        first = line.glyphs[indices[0]]
        text.setTextOrigin(x + line.xs[indices[0]], y)
        text.setFont(first.face, line.size)
        spacing = 0.0
        if len(indices) > 1:
            spacing = line.xs[indices[1]] - line.xs[indices[0]] - _natural(first, line.size)
        text.setCharSpace(spacing)
        text.textOut("".join(line.glyphs[i].char for i in indices))

    for i, glyph in enumerate(line.glyphs):
        if run:
            first = line.glyphs[run[0]]
            prev = line.glyphs[run[-1]]
            spacing = line.xs[run[1]] - line.xs[run[0]] - _natural(first, line.size) if len(run) > 1 else None
            step = line.xs[i] - line.xs[run[-1]] - _natural(prev, line.size)
            if glyph.face != first.face or (spacing is not None and abs(step - spacing) > 0.01):
                out(run)
                run = []
        run.append(i)
    out(run)
    canvas.drawText(text)
    canvas.restoreState()


def _natural(glyph: Glyph, size: float) -> float:
    return _advance(glyph.char, glyph.face, size)


@lru_cache(maxsize=16384)
def _advance(char: str, face: str, size: float) -> float:
    """A character's width in a registered face (faces are never re-registered under another font)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(char, face, size)


def faces_used(lines: Iterable[Line]) -> set[str]:
    return {g.face for line in lines for g in line.glyphs}


def plain(text: str) -> str:
    """Runs of ASCII white space as one space: a document's text never depends on stray line breaks."""
    return _ASCII_SPACE.sub(" ", text)


__all__ = ["Span", "Line", "MissingGlyph", "shape", "break_lines", "balanced", "paragraph", "draw_line", "register"]
