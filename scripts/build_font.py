"""Build resources/fonts/AuditorSong-Regular.ttf once, from Noto Serif CJK SC (OFL-1.1).

reportlab embeds only TrueType outlines and draws blanks for missing glyphs,
so the OTF/CFF Noto font is subset to GBK plus the symbols documents use and
its cubic outlines are converted to quadratic (cu2qu).

    apt-get install fonts-noto-cjk
    .venv/bin/python scripts/build_font.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
TARGET = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "AuditorSong-Regular.ttf"
FAMILY = "Auditor Song"
EXTRA_RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x218F),
                (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
                (0x2600, 0x26FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]


def gbk_characters() -> set[int]:
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gbk")))
            except UnicodeDecodeError:
                pass
    return chars


def to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def add_full_cmap(font: TTFont) -> None:
    """A format-12 subtable: 22k characters overflow format 4's 64 KB, and Qt then misses some."""
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    mapping = font["cmap"].getBestCmap()
    tables = []
    for platform, encoding in ((0, 4), (3, 10)):
        table = CmapSubtable.newSubtable(12)
        table.platformID, table.platEncID, table.language = platform, encoding, 0
        table.cmap = dict(mapping)
        tables.append(table)
    font["cmap"].tables = tables


def rename(font: TTFont) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("AuditorSong-Regular", record.nameID, record.platformID, record.platEncID, record.langID)
    names.names = [r for r in names.names if r.nameID not in (17,)]


def main() -> None:
    collection = TTCollection(str(SOURCE))
    font = next(f for f in collection.fonts if "SC" in f["name"].getDebugName(1))
    wanted = gbk_characters() | {c for lo, hi in EXTRA_RANGES for c in range(lo, hi + 1)}
    options = subset.Options()
    options.layout_features = []  # locl/vert would pull in ~18k JP/KR/vertical variants
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    to_truetype(font)
    add_full_cmap(font)
    rename(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    cmap = TTFont(str(TARGET))["cmap"].getBestCmap()
    missing = sorted(c for c in gbk_characters() if c not in cmap)
    print(f"{TARGET.name}: {len(cmap)} characters, {TARGET.stat().st_size / 1e6:.1f} MB; "
          f"GBK characters without a glyph: {len(missing)} {''.join(map(chr, missing[:20]))}")


if __name__ == "__main__":
    sys.exit(main())
