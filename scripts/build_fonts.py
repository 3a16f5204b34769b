"""Build the shipped fallback fonts for the 公文 roles and for rare characters (all SIL OFL 1.1).

reportlab embeds TrueType outlines only, so the CFF-based Noto CJK faces are subset and their cubic
outlines converted to quadratic ones (cu2qu), as ``build_font.py`` does for the body font. Each file is
what a document needs when the office's own fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) are not
installed:

- ``AuditorSong-Bold.ttf``   标题 (小标宋 stand-in): Noto Serif CJK SC Bold, GB 2312 + symbols
- ``AuditorHei-Regular.ttf`` 一级标题 (黑体 stand-in): Noto Sans CJK SC Medium, GB 2312 + symbols
- ``AuditorKai-Regular.ttf`` 二级标题 (楷体 stand-in): LXGW WenKai, GB 2312 + symbols + its Ext G/H ideographs
- ``AuditorSongExt.ttf.xz``  every ideograph of Noto Serif CJK SC beyond the GBK body font (Ext A and the
  Ext B–G characters Chinese use), xz-compressed
- ``AuditorHanaMinA.ttf.xz`` / ``AuditorHanaMinB.ttf.xz``: HanaMin (GlyphWiki, OFL) for the rest of
  URO, Ext A and Ext B–F, xz-compressed

    apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai fonts-hanazono
    .venv/bin/python scripts/build_fonts.py
"""
from __future__ import annotations

import io
import lzma
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.build_font import EXTRA_RANGES, add_full_cmap, to_truetype  # noqa: E402

NOTO = Path("/usr/share/fonts/opentype/noto")
FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
IDEOGRAPHS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EE5F),
              (0x2F800, 0x2FA1F), (0x30000, 0x323AF)]


def gb2312() -> set[int]:
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def symbols() -> set[int]:
    return {c for lo, hi in EXTRA_RANGES for c in range(lo, hi + 1)}


def ideographs() -> set[int]:
    return {c for lo, hi in IDEOGRAPHS for c in range(lo, hi + 1)}


def sc_face(name: str) -> TTFont:
    collection = TTCollection(str(NOTO / name))
    return next(f for f in collection.fonts if " SC" in f["name"].getDebugName(4)
                and "Mono" not in f["name"].getDebugName(4))


def cut(font: TTFont, wanted: set[int]) -> TTFont:
    options = subset.Options()
    options.layout_features = []  # locl/vert would pull in thousands of JP/KR/vertical variants
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted & set(font.getBestCmap()))
    subsetter.subset(font)
    return font


def rename(font: TTFont, family: str, style: str, postscript: str) -> None:
    names = font["name"]
    names.names = [r for r in names.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 18)]
    for platform, encoding, language in ((3, 1, 0x409), (1, 0, 0)):
        names.setName(family, 1, platform, encoding, language)
        names.setName(style, 2, platform, encoding, language)
        names.setName(f"{family} {style}", 3, platform, encoding, language)
        names.setName(f"{family} {style}" if style != "Regular" else family, 4, platform, encoding, language)
        names.setName(postscript, 6, platform, encoding, language)


def save(font: TTFont, target: str, compress: bool = False) -> None:
    add_full_cmap(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    path = FONTS / target
    path.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME) if compress else data)
    print(f"{target}: {len(font.getBestCmap())} characters, {len(data) / 1e6:.1f} MB"
          + (f", {path.stat().st_size / 1e6:.1f} MB compressed" if compress else ""))


def covered(*names: str) -> set[int]:
    found: set[int] = set()
    for name in names:
        data = (FONTS / name).read_bytes()
        if name.endswith(".xz"):
            data = lzma.decompress(data)
        found |= set(TTFont(io.BytesIO(data), lazy=True).getBestCmap())
    return found


def main() -> None:
    common = gb2312() | symbols()
    targets = set(sys.argv[1:]) or {"bold", "hei", "kai", "ext", "hana"}
    if "bold" in targets:
        font = cut(sc_face("NotoSerifCJK-Bold.ttc"), common)
        to_truetype(font)
        rename(font, "Auditor Song", "Bold", "AuditorSong-Bold")
        save(font, "AuditorSong-Bold.ttf")
    if "hei" in targets:
        font = cut(sc_face("NotoSansCJK-Medium.ttc"), common)
        to_truetype(font)
        rename(font, "Auditor Hei", "Regular", "AuditorHei-Regular")
        save(font, "AuditorHei-Regular.ttf")
    if "kai" in targets:
        font = TTFont("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
        rare = {c for c in range(0x30000, 0x323B0)}  # Ext G and H: no other OFL font has them
        cut(font, common | rare)
        rename(font, "Auditor Kai", "Regular", "AuditorKai-Regular")
        save(font, "AuditorKai-Regular.ttf")
    if "ext" in targets:
        body = covered("AuditorSong-Regular.ttf")
        font = cut(sc_face("NotoSerifCJK-Regular.ttc"), ideographs() - body)
        to_truetype(font)
        rename(font, "Auditor Song Ext", "Regular", "AuditorSongExt-Regular")
        save(font, "AuditorSongExt.ttf.xz", compress=True)
    if "hana" in targets:
        have = covered("AuditorSong-Regular.ttf", "AuditorSongExt.ttf.xz")
        for letter in "AB":
            font = cut(TTFont(f"/usr/share/fonts/truetype/hanazono/HanaMin{letter}.ttf"), ideographs() - have)
            rename(font, f"Auditor HanaMin {letter}", "Regular", f"AuditorHanaMin{letter}-Regular")
            save(font, f"AuditorHanaMin{letter}.ttf.xz", compress=True)
            have |= set(font.getBestCmap())


if __name__ == "__main__":
    main()
