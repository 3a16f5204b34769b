"""The typesetter and the fonts: the 禁则 on random text, a named refusal instead of a box, fonts found by name."""
import datetime as dt
import io
import random
import shutil

import pytest

from auditor import notices
from auditor.calendar import Period
from auditor.documents import fonts
from auditor.documents.notice import NoticeFinding, NoticeRenderer
from auditor.documents.typeset import CLOSING, OPENING, MissingGlyph, Span, paragraph
from auditor.errors import InputError
from auditor.service import finalize_month

from .builders import digest, inspector, record
from .test_document_layout import TOKENS, check_lines, notice_data

OCT = Period(2025, 10)
WORDS = ["网络工单回应率", "知识库", "未达标", "扣减", "合同要求", "实测", "人员不足", "运营中心", "热线", "整改",
         "一线员工", "管理人员", "第十一条", "表第2项", "依据", "王䶮", "𠮷田雅", "宋𬌗", "郑鿏"]
MARKS = list("，。、；：？！") + ["（", "）", "《", "》", "「", "」", "“", "”", "……", "——"]


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(8, 40)):
        kind = rng.random()
        if kind < 0.45:
            parts.append(rng.choice(WORDS))
        elif kind < 0.7:
            parts.append(rng.choice(MARKS))
        elif kind < 0.78:
            parts.append(f"¥{rng.randrange(1, 10**7):,}.{rng.randrange(100):02d}")
        elif kind < 0.85:
            parts.append(f"{rng.randrange(100)}.{rng.randrange(100):02d}%")
        elif kind < 0.92:
            kind_of_tender = rng.choice(["GKZB", "JZCS", "DYLY"])
            parts.append(f"YS{rng.randrange(2020, 2030)}-FW-{kind_of_tender}-{rng.randrange(1000):03d}")
        else:
            parts.append(f"{rng.randrange(110000, 660000)}********{rng.randrange(1000):03d}{rng.choice('0123456789X')}")
        if kind >= 0.7:     # a figure or a code stands between words or marks, as in a finding
            parts.append(rng.choice(WORDS[:14] + MARKS))
    return "".join(parts)


def test_two_hundred_random_findings_obey_the_line_breaking_rules():
    rng = random.Random(14)
    findings = tuple(NoticeFinding(random_text(rng)[:30], random_text(rng), "第十一条") for _ in range(200))
    data = notice_data(0)
    pdf = NoticeRenderer(data.__class__(**{**data.__dict__, "findings": findings})).render()
    checked = check_lines(pdf, [f.title + " " + f.detail for f in findings])
    assert checked > 1000


def test_line_breaking_rules_on_each_line_directly():
    rng = random.Random(9704)
    for _ in range(200):
        source = random_text(rng)
        width = rng.choice([120, 200, 300, 442])
        lines = paragraph([Span(source)], width, 12, "测试")
        assert "".join(line.text for line in lines).replace(" ", "") == source.replace(" ", "")
        for n, line in enumerate(lines):
            assert line.width <= width + 0.01, line.text
            alone = n and not TOKENS.sub("", lines[n - 1].text)   # the line above is one unbreakable figure
            if n and line.text and not alone:                      # filling it: nothing can come down with the mark
                assert line.text[0] not in CLOSING and not line.text.startswith(("……", "——")), line.text
            figure_below = n < len(lines) - 1 and not TOKENS.sub("", lines[n + 1].text).strip("".join(CLOSING))
            if n < len(lines) - 1 and line.text and not figure_below:
                assert line.text[-1] not in OPENING, line.text
        for token in TOKENS.findall(source):
            if paragraph([Span(token)], 1e6, 12, "")[0].width <= width:     # one that fits a line is never split
                assert any(token in line.text for line in lines), (token, [line.text for line in lines])


def test_a_closing_mark_is_squeezed_in_rather_than_starting_a_line():
    from auditor.documents.base import BLOCK_W, GRID_SCALE

    lines = paragraph([Span("测" * 27 + "）。后面")], BLOCK_W, 16, "测试", scale=GRID_SCALE)
    assert lines[0].text == "测" * 27 + "）。"                     # 29 characters in 28 cells: the marks compressed
    assert lines[0].width <= BLOCK_W + 0.01


def test_a_character_no_font_has_stops_issuing_and_names_it(store):
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    blank = next(chr(c) for c in range(0x30000, 0x3134A) if fonts.book().face_for(chr(c)) is None)
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇")
    findings = [dict(f) for f in draft.content["findings"]]
    findings[1]["detail"] = "负责人王" + blank + "未到岗"
    notices.update_draft(store, draft.id, findings=findings)
    identity = inspector(store)
    before = store.content_digest()
    with pytest.raises(InputError) as refused:
        notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=identity)
    message = str(refused.value)
    assert f"U+{ord(blank):04X}" in message and blank in message and "第 2 个问题" in message
    assert isinstance(refused.value, MissingGlyph)
    assert store.content_digest() == before                    # nothing numbered, nothing registered
    assert notices.get(store, draft.id).status == "draft"


def test_a_person_no_font_can_print_is_named_on_the_spot_check(store):
    from auditor.documents import service as docs
    from auditor.staffing import SpotEntry

    blank = next(chr(c) for c in range(0x30000, 0x3134A) if fonts.book().face_for(chr(c)) is None)
    check = store.personnel.start_spot_check("henan-2025", dt.datetime(2025, 10, 9, 10), "二楼", "李全奇", [])
    store.personnel.mark(check, SpotEntry("p1", "张伟", "A001", "frontline", True, "present"))
    store.personnel.mark(check, SpotEntry("p2", "李" + blank, "A002", "frontline", True, "present"))
    with pytest.raises(MissingGlyph, match="逐人核查表第 3 行「姓名」"):
        docs.spot_check_record(store, check)


def renamed(source: str, family: str, target, fs_type: int = 0) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    font["name"].names = [r for r in font["name"].names if r.nameID not in (1, 4, 16)]
    for name_id in (1, 4):
        font["name"].setName(family, name_id, 3, 1, 0x804)
    font["OS/2"].fsType = fs_type
    font.save(str(target))


def test_the_offices_fonts_are_found_by_family_name_and_used(tmp_path):
    kai = str(fonts.resources_dir() / "fonts" / "AuditorKai-Regular.ttf")
    hei = str(fonts.resources_dir() / "fonts" / "AuditorHei-Regular.ttf")
    folder = tmp_path / "Fonts"
    folder.mkdir()
    renamed(kai, "楷体_GB2312", folder / "SIMKAI.TTF")
    renamed(hei, "黑体", folder / "simhei.ttf", fs_type=0x0002)      # restricted licence: may not be embedded
    shutil.copy(fonts.resources_dir() / "fonts" / "LICENSE-OFL.txt", folder / "readme.ttf")   # not a font at all
    installed = fonts.scan_folders([folder])
    assert installed["楷体_GB2312"] == (str(folder / "SIMKAI.TTF"), 0)
    book = fonts.build_book(installed)
    assert not book.roles["heading2"].shipped and book.roles["heading2"].family == "楷体_GB2312"
    assert book.roles["heading1"].shipped                          # passed over, and why is said
    assert "不能嵌入" in book.notes["heading1"]
    summary = book.summary()
    assert "二级标题（楷体）：楷体_GB2312（本机）" in summary and "Auditor Hei" in summary


def test_found_in_the_folders_named_by_the_environment(tmp_path, monkeypatch):
    folder = tmp_path / "fonts"
    folder.mkdir()
    renamed(str(fonts.resources_dir() / "fonts" / "AuditorSong-Bold.ttf"), "方正小标宋简体", folder / "FZXBSJW.TTF")
    monkeypatch.setenv("AUDITOR_FONT_DIRS", str(folder))
    assert fonts.font_folders() == [folder]
    assert "方正小标宋简体" in fonts.installed_fonts()


def test_every_font_is_parsed_once_per_process(store):
    """The second document of a process reads no font file: fontTools is never called, reportlab's faces
    are registered once."""
    from fontTools import ttLib

    from auditor.documents import service as docs

    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    identity = inspector(store)
    docs.score_sheet(store, "henan-2025", "2025-10", identity)
    opened = []
    original = ttLib.TTFont.__init__

    def counting(self, *args, **kwargs):
        opened.append(args[:1])
        return original(self, *args, **kwargs)

    registered = dict(fonts._registered)
    ttLib.TTFont.__init__ = counting
    try:
        docs.score_sheet(store, "henan-2025", "2025-10", identity)
    finally:
        ttLib.TTFont.__init__ = original
    assert opened == []
    assert fonts._registered == registered


def test_astral_characters_copy_back_as_themselves():
    from pypdf import PdfReader

    pdf = NoticeRenderer(notice_data(1)).render()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "𠮷田雅" in text and "宋𬌗" in text


__all__ = ["digest"]
