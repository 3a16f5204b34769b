"""The 公文 fonts: the office's own when installed, else the shipped OFL stand-ins, each parsed once.

GB/T 9704-2012 sets the title in 小标宋, the text in 仿宋, first-level headings in 黑体 and second-level
ones in 楷体. Government PCs have 方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体_GB2312; they are found by family
name (Windows: the font folders, read with fontTools; Linux: fontconfig, or the usual folders) and
embedded as TrueType subsets. reportlab embeds only TrueType outlines: a CFF font, or one whose licence
forbids embedding, is passed over for the shipped stand-in, and the reason is kept for the metadata.

A character the chosen face lacks is drawn from the next face that has it: the role's face, the text
face, the shipped Song (GBK), then the rare-character fonts (Noto Serif CJK SC's Ext A–G characters,
HanaMin for the rest of Ext A–F, LXGW WenKai for Ext G/H; Windows' SimSun-ExtB/ExtG when installed).
Every face is parsed by reportlab once per process and kept registered; the typesetter reads coverage
from the parsed face, so no font is read twice.
"""
from __future__ import annotations

import atexit
import io
import lzma
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import resources_dir

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont

BODY_FONT = "AuditorSong"  # the shipped GBK Song: the default face of every canvas, the QR drawing, the stamp


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    families: tuple[str, ...]  # the office's fonts, best first (Chinese and English family names)
    shipped: str
    shipped_family: str


ROLES: dict[str, Role] = {r.key: r for r in (
    Role("title", "标题（小标宋）", ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
                                 "方正小标宋", "华文中宋", "STZhongsong"),
         "AuditorSong-Bold.ttf", "Auditor Song Bold（Noto Serif CJK SC Bold）"),
    Role("body", "正文（仿宋）", ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong",
                               "方正仿宋_GBK", "FZFangSong-Z02"),
         "AuditorSong-Regular.ttf", "Auditor Song（Noto Serif CJK SC；无开源授权的仿宋可用）"),
    Role("heading1", "一级标题（黑体）", ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "华文黑体",
                                   "STHeiti"),
         "AuditorHei-Regular.ttf", "Auditor Hei（Noto Sans CJK SC Medium）"),
    Role("heading2", "二级标题（楷体）", ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03",
                                   "华文楷体", "STKaiti"),
         "AuditorKai-Regular.ttf", "Auditor Kai（霞鹜文楷 LXGW WenKai）"),
)}
RARE_SHIPPED = (("AuditorSongExt.ttf.xz", "Auditor Song Ext（Noto Serif CJK SC）"),
                ("AuditorHanaMinA.ttf.xz", "Auditor HanaMin A（花園明朝 HanaMin）"),
                ("AuditorHanaMinB.ttf.xz", "Auditor HanaMin B（花園明朝 HanaMin）"),
                ("AuditorKai-Regular.ttf", "Auditor Kai（霞鹜文楷 LXGW WenKai）"))
RARE_SYSTEM = ("SimSun-ExtB", "SimSun-ExtG", "MingLiU-ExtB", "Plangothic P1", "Plangothic P2")


@dataclass(frozen=True)
class Face:
    name: str  # the reportlab font name
    family: str
    path: str
    index: int = 0
    shipped: bool = True

    def describe(self) -> str:
        return f"{self.family}（{'内置' if self.shipped else '本机'}）"


def _shipped(filename: str, family: str) -> Face:
    return Face("AuditorSong" if filename == "AuditorSong-Regular.ttf" else Path(filename).name.split(".")[0],
                family, str(resources_dir() / "fonts" / filename))


# ------------------------------------------------------------------ finding installed fonts

def font_folders() -> list[Path]:
    """Where this system keeps fonts; ``AUDITOR_FONT_DIRS`` (os.pathsep-separated) replaces the list."""
    override = os.environ.get("AUDITOR_FONT_DIRS")
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
        local = os.environ.get("LOCALAPPDATA")
        return [windows] + ([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", home / ".local/share/fonts"]


def _names(font: object) -> set[str]:
    names: set[str] = set()
    for record in font["name"].names:  # type: ignore[index]
        if record.nameID in (1, 4, 16):
            try:
                names.add(record.toUnicode().strip())
            except (UnicodeDecodeError, ValueError):
                continue
    return names


def scan_folders(folders: Iterable[Path]) -> dict[str, tuple[str, int]]:
    """family name (every language's) → (file, index in a collection), TrueType-outline faces only, read
    from each file's name table (fontTools, lazily: the glyphs are not parsed)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError  # type: ignore[import-untyped]

    found: dict[str, tuple[str, int]] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            suffix = path.suffix.lower()
            if suffix not in (".ttf", ".ttc", ".otf") or not path.is_file():
                continue
            try:
                faces = TTCollection(str(path), lazy=True).fonts if suffix == ".ttc" else [TTFont(str(path), lazy=True)]
                for index, face in enumerate(faces):
                    if "glyf" in face:
                        for name in _names(face):
                            found.setdefault(name, (str(path), index))
            except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError):  # a broken file
                continue
    return found


_FC_LIST = ["fc-list", "--format", "%{file}\t%{index}\t%{fontformat}\t%{family}\n"]
_asked: subprocess.Popen[str] | None = None  # fc-list started ahead of need


def prefetch() -> None:
    """Start asking fontconfig now (a process of its own, ~10 ms) so the answer is there when the first
    character is typeset: a document command calls this before it reads the database and the identity."""
    global _asked
    with _lock:
        if (_asked is not None or book.cache_info().currsize or sys.platform == "win32"
                or "AUDITOR_FONT_DIRS" in os.environ):
            return
        try:
            _asked = subprocess.Popen(_FC_LIST, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        except OSError:
            return


def fontconfig_fonts() -> dict[str, tuple[str, int]] | None:
    """family → (file, index) from ``fc-list``, TrueType outlines only; None without fontconfig."""
    global _asked
    try:
        with _lock:
            asked, _asked = _asked, None
        if asked is not None:
            out, _ = asked.communicate(timeout=20)
            if asked.returncode:
                return None
        else:
            out = subprocess.run(_FC_LIST, capture_output=True, text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found: dict[str, tuple[str, int]] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or parts[2] != "TrueType":
            continue
        for family in parts[3].split(","):
            found.setdefault(family.strip(), (parts[0], int(parts[1] or 0)))
    return found


def installed_fonts() -> dict[str, tuple[str, int]]:
    if sys.platform != "win32" and "AUDITOR_FONT_DIRS" not in os.environ:
        listed = fontconfig_fonts()
        if listed is not None:
            return listed
    return scan_folders(font_folders())


# ------------------------------------------------------------------ registering, once per process

_lock = threading.RLock()  # documents are rendered on worker threads too
_registered: dict[str, ReportlabFont] = {}


def _patch_to_unicode() -> None:
    """reportlab writes each code point of a subset's ToUnicode map as four hex digits, so 𠮷 (U+20BB7)
    would be copied as two wrong characters; write UTF-16 (surrogate pairs) instead."""
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts.makeToUnicodeCMap, "auditor", False):
        return

    def make(fontname: str, subset: Sequence[int]) -> str:
        chars = [f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>" for i, v in enumerate(subset)]
        return "\n".join(["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
                          f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
                          f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
                          f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar", *chars,
                          "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])

    make.auditor = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


# ------------------------------------------------------------------ parsed once per machine

_METRICS_FORMAT = 1
_MAGIC = b"auditor font metrics\n"


def _metrics_file(face: Face) -> Path | None:
    """Where a face's parsed metrics are kept: this user's state folder (never a database's; it holds the audit
    anchors too), under a name made of the file (path, size, time), the face in it, reportlab's version and
    this format."""
    import hashlib

    from reportlab import Version

    from ..paths import state_dir

    if face.path.endswith(".xz"):
        return None
    try:
        stat = os.stat(face.path)
    except OSError:
        return None
    key = f"{_METRICS_FORMAT}|{Version}|{face.path}|{stat.st_size}|{stat.st_mtime_ns}|{face.index}"
    return state_dir() / "font-metrics" / f"{face.name}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.bin"


def _from_metrics(face: Face) -> ReportlabFont | None:
    """The face as reportlab would parse it, from the metrics a previous process kept, or None.

    reportlab reads a face's character map, widths and glyph offsets in Python — 35 ms for the 22,000
    glyphs of the shipped Song, 17 ms for the other faces, in every process that makes a document. Kept,
    they load in a fifth of that; the file's bytes are mapped, not read (only a subset's glyphs are). A
    kept file that does not check out (SHA-256) is ignored."""
    import gc
    import hashlib
    import marshal
    import mmap

    path = _metrics_file(face)
    try:
        data = path.read_bytes() if path is not None else b""
    except OSError:
        return None
    head = len(_MAGIC) + 32
    if not data.startswith(_MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(_MAGIC):head]:
        return None
    try:
        gc.disable()  # 45,000 small containers: no collection pass in the middle of making them
        try:
            state = marshal.loads(data[head:])
        finally:
            gc.enable()
        with open(face.path, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return _font(face, state, mapped)
    except (ValueError, EOFError, TypeError, KeyError, AttributeError, ArithmeticError, OSError):  # not a face's
        return None


def _font(face: Face, state: dict[str, object], data: object) -> ReportlabFont:
    """What ``TTFont(face.name, face.path)`` makes, from its face's kept state (a test compares the two)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace
    from reportlab.rl_config import unShapedFontGlob

    names = state.pop("__names__")
    if not isinstance(names, list):
        raise TypeError("names")
    parsed = TTFontFace.__new__(TTFontFace)
    parsed.__dict__.update(state)
    for name in names:
        parsed.__dict__[name] = TTFNameBytes(parsed.__dict__[name])
    units = parsed.unitsPerEm
    multiple = 1000 / units
    scale = (lambda x: x) if units == 1000 else (lambda x: x * multiple)
    parsed.__dict__.update(_pdfScale=scale, _ttf_data=data)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(fontName=face.name, face=parsed, encoding=TTEncoding(), state=WeakKeyDictionary(),
                         _asciiReadable=rl_config.ttfAsciiReadable)
    font.shapable = not any(fnmatch(face.name, pattern) for pattern in unShapedFontGlob or ())
    return font


def _keep_metrics(face: Face, font: ReportlabFont) -> None:
    """Keep the parsed face for the next process (best effort: a folder that cannot be written keeps none)."""
    import hashlib
    import marshal

    from reportlab.pdfbase.ttfonts import TTFNameBytes

    path = _metrics_file(face)
    if path is None:
        return
    state: dict[str, object] = {}
    names = []
    for key, value in font.face.__dict__.items():
        if key in ("_ttf_data", "_pdfScale"):
            continue
        if isinstance(value, TTFNameBytes):
            names.append(key)
            value = bytes(value)
        state[key] = value
    state["__names__"] = names
    try:
        payload = marshal.dumps(state)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(partial, path)
    except (ValueError, OSError):  # a value marshal cannot keep, no room, a read-only folder
        return


def _no_collection_at_exit() -> None:
    """A process that has made a document holds ~90,000 objects (the faces' tables, reportlab, the
    certificates' parsers); the collections Python runs while it shuts down walk them all, ~60 ms of a
    command that signs a score sheet. Frozen, they are left to die with the process."""
    import gc

    gc.freeze()


def register(face: Face) -> ReportlabFont:
    """The face as a registered reportlab font, parsed on first use (xz-compressed files unpacked in memory)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        font = _registered.get(face.name)
        if font is None:
            if not _registered:
                atexit.register(_no_collection_at_exit)
            _patch_to_unicode()
            font = _from_metrics(face)
            if font is None:
                source: str | io.BytesIO = face.path
                if face.path.endswith(".xz"):
                    source = io.BytesIO(lzma.decompress(Path(face.path).read_bytes()))
                font = TTFont(face.name, source, subfontIndex=face.index)
                _keep_metrics(face, font)
            pdfmetrics.registerFont(font)
            _registered[face.name] = font
        return font


def covers(face: Face, char: str) -> bool:
    return ord(char) in register(face).face.charToGlyph


@dataclass
class FontBook:
    """The faces of this process: one per role, and the fallbacks for characters they lack."""

    roles: dict[str, Face]
    rare: list[Face]
    notes: dict[str, str] = field(default_factory=dict)  # role → why the shipped stand-in is used
    _choice: dict[tuple[str, str], Face | None] = field(default_factory=dict)
    _chains: dict[str, list[Face]] = field(default_factory=dict)

    def chain(self, role: str) -> list[Face]:
        chain = self._chains.get(role)
        if chain is None:
            faces = [self.roles[role], self.roles["body"], _shipped("AuditorSong-Regular.ttf", "Auditor Song"),
                     *self.rare]
            unique: dict[str, Face] = {}
            for face in faces:
                unique.setdefault(face.name, face)
            chain = self._chains[role] = list(unique.values())
        return chain

    def face_for(self, char: str, role: str = "body") -> Face | None:
        """The first face of the role's chain that draws ``char``; None when none does."""
        key = (char, role)
        with _lock:
            if key not in self._choice:
                self._choice[key] = next((f for f in self.chain(role) if covers(f, char)), None)
            return self._choice[key]

    def summary(self, used: Iterable[str] = ()) -> str:
        """Which font each role used (and the fallbacks a document needed): the document's metadata and
        what the settings screen shows."""
        parts = [f"{ROLES[key].label}：{face.describe()}" + (f"（{self.notes[key]}）" if key in self.notes else "")
                 for key, face in self.roles.items()]
        role_names = {f.name for f in self.roles.values()}
        extra = sorted({f.describe() for f in self.rare if f.name in set(used) - role_names})
        if extra:
            parts.append("补字：" + "、".join(extra))
        return "；".join(parts)


def _embedding(path: str, index: int) -> str:
    """Why the font's licence forbids embedding a subset (OS/2 fsType), or "" when it allows it. reportlab's
    own check lets a restricted font through, so it is read here (fontTools, the OS/2 table alone)."""
    from fontTools.ttLib import TTFont

    fs_type = int(TTFont(path, lazy=True, fontNumber=index)["OS/2"].fsType)
    if fs_type & 0x000F == 0x0002:
        return "字体授权禁止嵌入（fsType 受限）"
    if fs_type & 0x0300:
        return "字体授权禁止子集嵌入（fsType）"
    return ""


def _system_face(family: str, installed: Mapping[str, tuple[str, int]]) -> tuple[Face | None, str]:
    from reportlab.pdfbase.ttfonts import TTFError

    path, index = installed[family]
    face = Face("Sys" + "".join(ch for ch in Path(path).stem if ch.isalnum())[:24] + f"_{index}", family, path, index,
                shipped=False)
    try:
        licence = _embedding(path, index)
        if licence:
            return None, f"本机的{family}不能嵌入：{licence}"
        register(face)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:  # CFF outlines, no embedding, damage
        return None, f"本机的{family}不能嵌入：{exc}"
    return face, ""


def build_book(installed: Mapping[str, tuple[str, int]]) -> FontBook:
    roles: dict[str, Face] = {}
    notes: dict[str, str] = {}
    for key, role in ROLES.items():
        chosen = None
        for family in role.families:
            if family in installed:
                chosen, problem = _system_face(family, installed)
                if chosen is not None:
                    break
                notes[key] = problem
        if chosen is None:
            notes.setdefault(key, "本机未安装" + "、".join(role.families[:2]))
        roles[key] = chosen or _shipped(role.shipped, role.shipped_family)
    rare = [_shipped(name, family) for name, family in RARE_SHIPPED]
    for family in RARE_SYSTEM:
        if family in installed:
            face, _ = _system_face(family, installed)
            if face is not None:
                rare.append(face)
    return FontBook(roles, rare, notes)


@lru_cache(maxsize=1)
def book() -> FontBook:
    """This process's fonts, found and chosen once."""
    with _lock:
        return build_book(installed_fonts())


def body_font() -> str:
    """The shipped Song, registered: every canvas starts in it, so no page names a font it does not embed.
    Streams are written deflated only: ASCII85 on top (reportlab's default) makes the embedded fonts a quarter
    larger and costs time in pure Python."""
    from reportlab import rl_config
    from reportlab.graphics import shapes

    register(_shipped("AuditorSong-Regular.ttf", "Auditor Song"))
    shapes.STATE_DEFAULTS["fontName"] = BODY_FONT  # drawings (the QR code) would otherwise name Helvetica
    rl_config.useA85 = 0
    return BODY_FONT
