"""A face is parsed once per machine: the metrics reportlab reads from it (character map, widths, glyph offsets)
are kept in the user's state folder and read back by the next process — the same font, byte for byte in
the documents it makes; a kept file that does not check out is parsed again."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from auditor.documents import fonts

ROOT = Path(__file__).resolve().parents[2]
FACES = ["AuditorSong-Regular.ttf", "AuditorSong-Bold.ttf", "AuditorHei-Regular.ttf", "AuditorKai-Regular.ttf"]


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.mark.parametrize("filename", FACES)
def test_a_kept_face_is_the_parsed_face(state, filename):
    face = fonts._shipped(filename, "x")
    parsed = TTFont(face.name, face.path)
    fonts._keep_metrics(face, parsed)
    kept = fonts._from_metrics(face)
    assert kept is not None
    assert set(kept.__dict__) == set(parsed.__dict__) and set(kept.face.__dict__) == set(parsed.face.__dict__)
    for key, value in parsed.face.__dict__.items():
        if key not in ("_ttf_data", "_pdfScale"):
            assert kept.face.__dict__[key] == value and type(kept.face.__dict__[key]) is type(value), key
    assert (kept.shapable, kept._asciiReadable, kept.face._pdfScale(517)) == (
        parsed.shapable, parsed._asciiReadable, parsed.face._pdfScale(517))
    text = "考核评分表河南省政务大数据中心¥258,720.00（第七条2）"
    assert kept.stringWidth(text, 10.5) == parsed.stringWidth(text, 10.5)
    glyphs = [ord(c) for c in text]
    assert kept.face.makeSubset(glyphs) == parsed.face.makeSubset(glyphs)


def test_a_damaged_or_stale_kept_file_is_parsed_again(state):
    face = fonts._shipped("AuditorHei-Regular.ttf", "x")
    fonts._keep_metrics(face, TTFont(face.name, face.path))
    kept = fonts._metrics_file(face)
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0x01                                       # one bit: the SHA-256 no longer matches
    kept.write_bytes(bytes(data))
    assert fonts._from_metrics(face) is None
    kept.write_bytes(b"")
    assert fonts._from_metrics(face) is None


def render(state: Path, out: Path) -> str:
    """A score sheet preview in a process of its own; what it parsed."""
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from reportlab.pdfbase import ttfonts
parsed = []
original = ttfonts.TTFontFile.extractInfo
ttfonts.TTFontFile.extractInfo = lambda self, *a: (parsed.append(self.filename), original(self, *a))[1]
from auditor.storage import open_store
from auditor.documents import service as docs
from tests.core.builders import record
store = open_store(":memory:")
henan = store.contracts.get("henan-2025")
record(store, henan, "2025-10", {{"HN-02": {{"value": "99"}}}}, headcount={{"frontline": "48.5", "support": 16,
       "management": 3}})
open({str(out)!r}, "wb").write(docs.score_sheet(store, "henan-2025", "2025-10").pdf)
print(len(parsed))
"""
    env = {"AUDITOR_STATE_DIR": str(state), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env,
                          cwd=state.parent).stdout.strip()


def test_the_next_process_parses_no_face_and_makes_the_same_document(state, tmp_path):
    assert int(render(state, tmp_path / "first.pdf")) >= 3                 # Song, its bold, Hei
    assert render(state, tmp_path / "second.pdf") == "0"
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "second.pdf").read_bytes()
