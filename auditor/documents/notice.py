"""整改通知书 (rectification notice), laid out after GB/T 9704-2012 on its 22 × 28 grid, with its 回执.

版头: the issuer's mark in red 小标宋, its top 35 mm into the block (7.2.2); the 发文字号 two lines below
it, the red rule 4 mm under the 发文字号 (7.2.4, 7.2.5). 主体: the title in 2号小标宋 two lines below the rule
(7.3.2); the text in 3号仿宋, first-level headings in 黑体, second-level ones in 楷体 (7.3.3); the 附件说明
one line below the text (7.3.4); the 署名 centred over the date, the date four characters in from the
right, the seal over both (7.3.5.1). The 回执 is the 附件, on a page of its own (8); the 版记 (抄送, 印发机关
and 印发日期 between rules) stands at the foot of the last page (7.4).

Page flow: a heading never ends a page, a paragraph leaves no single line at either end of a page, and the
落款 never stands on a page without text: when it does not fit, the last lines of the text go over with
it (7.3.5.1).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..calendar import format_date_cn
from .base import (
    BLOCK_W,
    BODY_PT,
    CELL,
    GRID_SCALE,
    LEFT,
    LINES,
    MM,
    PAGE_H,
    PITCH,
    RED,
    TITLE_PT,
    TOP,
    baseline,
    draw_label,
    draw_qr,
    fonts_info,
    image_reader,
    keywords,
    new_canvas,
    page_number,
    used_fonts,
    watermark,
)
from .typeset import Line, Span, balanced, draw_line, paragraph, shape

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

NUMERALS = "一二三四五六七八九十"
MARK_TOP = 35 * MM        # 7.2.2: the issuer's mark, top edge 35 mm below the top of the block
RULE_GAP = 4 * MM         # 7.2.5: the red rule 4 mm under the 发文字号
SEAL_R = 21 * MM          # a 42 mm official seal
BANJI_PT = 14             # 7.4: 版记 in 4号仿宋


def chinese_ordinal(n: int) -> str:
    """一 … 十、十一 … 九十九、一百、一百零一、一百一十二 …"""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = chinese_ordinal(hundreds) + "百"
        if not rest:
            return head
        return head + ("零" + NUMERALS[rest - 1] if rest < 10 else ("一" if rest < 20 else "") + chinese_ordinal(rest))
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return NUMERALS[tens - 1] + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class NoticeFinding:
    title: str
    detail: str
    clause: str


@dataclass(frozen=True)
class NoticeData:
    number: str
    issuer: str
    addressee: str
    contract_name: str
    contract_no: str
    basis_clauses: str
    period_label: str
    inspection_date: dt.date
    place: str
    inspectors: str
    findings: tuple[NoticeFinding, ...]
    deadline: dt.date
    consequences: str
    issue_date: dt.date
    qr: str = ""
    signature_png: bytes | None = field(default=None, repr=False)
    supersedes: str = ""
    backdate_reason: str = ""
    cc: str = ""              # 抄送 (版记), empty when none
    printer: str = ""         # 印发机关 (版记), the issuer when empty

    @property
    def title(self) -> str:
        return f"关于{self.period_label}履约问题的整改通知书"

    @property
    def shown_number(self) -> str:
        return self.number or "（签发时编号）"


# draw(canvas, line on the page, page index)
Draw = Callable[["Canvas", int, int], None]


@dataclass
class Row:
    draw: Draw | None = None
    text: bool = False          # a line of the text proper (what the 落款 must share its page with)


@dataclass
class Block:
    rows: list[Row]
    together: bool = False      # never split over two pages
    keep_next: bool = False     # a heading: on the page of the first lines of what follows
    closing: bool = False       # the 落款: shares its page with at least two lines of text
    new_page: bool = False
    blank: bool = False         # spacing, dropped at the top of a page


def _blank() -> Block:
    return Block([Row()], blank=True)


class NoticeRenderer:
    """Overridable steps, as pretix's invoice renderer: header, title, body, closing, receipt, 版记."""

    def __init__(self, data: NoticeData) -> None:
        self.data = data
        self.signature_box: tuple[int, tuple[float, float, float, float]] = (0, (0, 0, 0, 0))
        self.receipt_box: tuple[int, tuple[float, float, float, float]] = (0, (0, 0, 0, 0))
        self.header_lines = 0

    # ------------------------------------------------------------ text → rows

    def lines(self, spans: list[Span], where: str, *, indent: int = 2, size: float = BODY_PT) -> list[Line]:
        return paragraph(spans, BLOCK_W, size, where, indent=indent * CELL, scale=GRID_SCALE)

    def text_rows(self, lines: list[Line], *, indent: int = 2, text: bool = True) -> list[Row]:
        def drawer(line: Line, x: float) -> Draw:
            return lambda c, n, _page: draw_line(c, line, x, baseline(n, line.size))

        return [Row(drawer(line, LEFT + (indent * CELL if i == 0 else 0)), text) for i, line in enumerate(lines)]

    def para(self, spans: list[Span], where: str, *, indent: int = 2, keep_next: bool = False,
             text: bool = True) -> Block:
        rows = self.text_rows(self.lines(spans, where, indent=indent), indent=indent, text=text)
        return Block(rows, together=keep_next, keep_next=keep_next)

    # ------------------------------------------------------------ the parts

    def header(self, c: Canvas) -> None:
        """版头 on the first page: the mark, the 发文字号 and the red rule; sets where the title starts."""
        d = self.data
        glyphs = shape([Span(d.issuer, "title")], 1, "发文机关标志")
        natural = sum(g.advance for g in glyphs) or 1
        size = min(36.0, BLOCK_W * 0.92 / natural)
        mark = balanced(shape([Span(d.issuer, "title")], size, "发文机关标志"), BLOCK_W, size)[0]
        mark_base = PAGE_H - TOP - MARK_TOP - size * 0.88
        draw_line(c, mark, LEFT + (BLOCK_W - mark.width) / 2, mark_base, fill=RED)
        mark_bottom = MARK_TOP + size
        number_line = -(-mark_bottom // PITCH) + 2       # 下空二行
        number_line = int(number_line)
        number = self.lines([Span(d.shown_number)], "发文字号", indent=0)[0]
        y = baseline(number_line)
        draw_line(c, number, LEFT + (BLOCK_W - number.width) / 2, y)
        descent = min(_descent(g.face) for g in number.glyphs) * BODY_PT
        rule_y = y + descent - RULE_GAP
        c.saveState()
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(0.35 * MM * 1.5)
        c.line(LEFT, rule_y, LEFT + BLOCK_W, rule_y)
        c.restoreState()
        rule_line = int((PAGE_H - TOP - rule_y) // PITCH)
        self.header_lines = rule_line + 3               # 分隔线下空二行编排标题

    def title_block(self) -> Block:
        lines = balanced(shape([Span(self.data.title, "title")], TITLE_PT, "标题", scale=GRID_SCALE),
                         BLOCK_W - 4 * CELL, TITLE_PT)
        return Block([Row(_centred(line)) for line in lines], together=True)

    def body(self) -> list[Block]:
        d = self.data
        blocks = [_blank(), self.para([Span(f"{d.addressee}：")], "主送机关", indent=0)]
        number = f"（合同编号：{d.contract_no}）" if d.contract_no else ""
        blocks.append(self.para([Span(
            f"根据《{d.contract_name}》{number}{d.basis_clauses}的约定，我单位于{format_date_cn(d.inspection_date)}"
            f"在{d.place}对你单位{d.period_label}的服务履约情况进行了检查（检查人员：{d.inspectors}），"
            "现将检查发现的问题和整改要求通知如下。")], "正文第一段（合同、地点、检查人员）"))
        blocks.append(self.para([Span("一、检查发现的问题", "heading1")], "一级标题", keep_next=True))
        for n, finding in enumerate(d.findings, start=1):
            head = f"（{chinese_ordinal(n)}）{finding.title}"
            if head[-1] not in "。！？":
                head += "。"
            blocks.append(self.para([Span(head, "heading2"), Span(f"{finding.detail}（依据：{finding.clause}）")],
                                    f"第 {n} 个问题"))
        blocks.append(self.para([Span("二、整改要求", "heading1")], "一级标题", keep_next=True))
        blocks.append(self.para([Span(f"请你单位自收到本通知之日起立即整改，于{format_date_cn(d.deadline)}前完成，"
                                      "并将整改情况书面报送我单位。")], "整改要求"))
        if d.consequences:
            blocks.append(self.para([Span(d.consequences)], "逾期后果"))
        if d.supersedes:
            blocks.append(self.para([Span(f"本通知替代{d.supersedes}，原通知作废。")], "替代说明"))
        if d.backdate_reason:
            blocks.append(self.para([Span(f"补发说明：本通知签发日期早于同序列前一文书，理由：{d.backdate_reason}")],
                                    "补发说明"))
        blocks.append(_blank())
        blocks.append(self.para([Span("附件：整改通知书回执")], "附件说明", text=False))
        return blocks

    def closing(self) -> Block:
        """落款: 署名 centred over the date, the date four characters in from the right, the seal over both
        (its top within a line of the text); the QR code on the left; the inspector's handwritten signature
        and the place of the electronic signature's stamp below the seal."""
        d = self.data
        date = self.lines([Span(format_date_cn(d.issue_date))], "成文日期", indent=0)[0]
        issuer = self.lines([Span(d.issuer)], "署名", indent=0)[0]
        date_x = LEFT + BLOCK_W - 4 * CELL - date.width
        centre = date_x + date.width / 2
        if centre + issuer.width / 2 > LEFT + BLOCK_W:        # a long name: keep it inside the block
            centre = LEFT + BLOCK_W - issuer.width / 2

        def draw(c: Canvas, n: int, page: int) -> None:
            top = PAGE_H - TOP - n * PITCH
            seal_y = top - 1.9 * PITCH
            c.saveState()
            c.setDash(2, 2)
            c.setStrokeColorRGB(*RED)
            c.circle(centre, seal_y, SEAL_R)
            c.restoreState()
            draw_label(c, "（盖章）", centre, seal_y - SEAL_R + 2.5 * MM, 9, where="印章", align="center", fill=RED)
            draw_line(c, issuer, centre - issuer.width / 2, baseline(n + 1))
            draw_line(c, date, date_x, baseline(n + 2))
            if d.qr:
                qr_top = top - PITCH
                draw_qr(c, d.qr, LEFT, qr_top - 26 * MM, 26 * MM)
                for k, text in enumerate((d.number, "扫码核验真伪", "auditor verify-code")):
                    draw_label(c, text, LEFT + 27 * MM, qr_top - 4 * MM - k * 3.2 * MM, 6.5, where="二维码说明")
            label_y = baseline(n + 4, 12)
            draw_label(c, "检查人员（签字）：", LEFT, label_y, 12, where="签字栏")
            signature = image_reader(d.signature_png)
            if signature is not None:
                c.drawImage(signature, LEFT + 36 * MM, label_y - 5 * MM, width=42 * MM, height=14 * MM,
                            mask="auto", preserveAspectRatio=True, anchor="sw")
            else:
                c.line(LEFT + 36 * MM, label_y - 1.5, LEFT + 78 * MM, label_y - 1.5)
            box_top = PAGE_H - TOP - (n + 4) * PITCH
            self.signature_box = (page, (LEFT + BLOCK_W - 68 * MM, box_top - 15 * MM, LEFT + BLOCK_W, box_top))

        return Block([Row(draw)] + [Row() for _ in range(5)], together=True, closing=True)

    def receipt(self) -> list[Block]:
        """The 回执, as the 附件: 「附件」 in 黑体 top left, its title on the third line (8)."""
        d = self.data
        title = balanced(shape([Span("整改通知书回执", "title")], TITLE_PT, "回执标题", scale=GRID_SCALE),
                         BLOCK_W - 4 * CELL, TITLE_PT)
        blocks = [Block([*self.text_rows(self.lines([Span("附件", "heading1")], "附件", indent=0), indent=0),
                         Row()], new_page=True, together=True),
                  Block([Row(_centred(line)) for line in title], together=True), _blank(),
                  self.para([Span(f"{d.issuer}：")], "回执主送机关", indent=0),
                  self.para([Span(f"我单位已收到{d.shown_number}《{d.title}》，将按要求于{format_date_cn(d.deadline)}"
                                  "前完成整改，并书面报告整改情况。")], "回执正文"), _blank()]
        addressee = self.lines([Span(f"{d.addressee}（盖章）")], "回执落款", indent=0)[0]
        dateline = self.lines([Span("年　　月　　日")], "回执日期", indent=0)[0]

        def draw(c: Canvas, n: int, page: int) -> None:
            width = draw_label(c, "签收人（签字）：", LEFT, baseline(n), BODY_PT, where="签收栏")
            c.line(LEFT + width + 1 * MM, baseline(n) - 2, LEFT + width + 42 * MM, baseline(n) - 2)
            width = draw_label(c, "签收日期：", LEFT, baseline(n + 1), BODY_PT, where="签收栏")
            draw_line(c, dateline, LEFT + width + 3 * CELL, baseline(n + 1))
            top = PAGE_H - TOP - n * PITCH
            box = (LEFT + BLOCK_W - 62 * MM, top - 2 * PITCH + 2 * MM, LEFT + BLOCK_W, top - 1 * MM)
            self.receipt_box = (page, box)
            c.saveState()
            c.setDash(1, 2)
            c.setStrokeGray(0.6)
            c.rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
            c.restoreState()
            draw_label(c, "乙方电子签收", LEFT + BLOCK_W - 61 * MM, top - 4.5 * MM, 7, where="签收栏",
                       fill=(0.5, 0.5, 0.5))
            draw_line(c, addressee, LEFT + BLOCK_W - 2 * CELL - addressee.width, baseline(n + 3))
            draw_line(c, dateline, LEFT + BLOCK_W - 2 * CELL - dateline.width, baseline(n + 4))

        blocks.append(Block([Row(draw)] + [Row() for _ in range(4)], together=True))
        return blocks

    def banji_rows(self) -> int:
        return 2 if self.data.cc else 1

    def banji(self, c: Canvas) -> None:
        """版记 at the foot of the last page: 抄送, then 印发机关 and 印发日期, a thick rule above and below and
        a thin one between (7.4), the last rule on the bottom edge of the block."""
        d = self.data
        rows = self.banji_rows()
        bottom = PAGE_H - TOP - LINES * PITCH
        c.saveState()
        c.setLineWidth(0.35 * MM)
        c.line(LEFT, bottom + rows * PITCH, LEFT + BLOCK_W, bottom + rows * PITCH)
        c.line(LEFT, bottom, LEFT + BLOCK_W, bottom)
        c.setLineWidth(0.25 * MM)
        for k in range(1, rows):
            c.line(LEFT, bottom + k * PITCH, LEFT + BLOCK_W, bottom + k * PITCH)
        c.restoreState()
        line = LINES - rows
        if d.cc:
            cc = self.lines([Span(f"抄送：{d.cc}。")], "抄送", indent=0, size=BANJI_PT)
            draw_line(c, cc[0], LEFT + CELL, baseline(line, BANJI_PT))
            line += 1
        printed = format_date_cn(d.issue_date) + "印发"
        draw_label(c, d.printer or d.issuer, LEFT + CELL, baseline(line, BANJI_PT), BANJI_PT, where="印发机关")
        draw_label(c, printed, LEFT + BLOCK_W - CELL, baseline(line, BANJI_PT), BANJI_PT, where="印发日期",
                   align="right")

    # ------------------------------------------------------------ pages

    @staticmethod
    def bind_closing(blocks: list[Block]) -> list[Block]:
        """The 落款 with the two last lines of text and what stands between them (the 附件说明), as one block
        that no page break can split: the 落款 never stands on a page without text (7.3.5.1)."""
        at = next(i for i, b in enumerate(blocks) if b.closing)
        start, texts = at, 0
        tail: list[Row] = []
        head: list[Block] = []
        while start > 0 and texts < 2:
            start -= 1
            rows = blocks[start].rows
            cut = len(rows)
            while cut > 0 and texts < 2:
                cut -= 1
                texts += rows[cut].text
            tail = rows[cut:] + tail
            if cut:                                     # the rest of that paragraph stays free to break
                head = [Block(rows[:cut])]
                break
        return [*blocks[:start], *head, Block(tail + blocks[at].rows, together=True), *blocks[at + 1:]]

    def paginate(self, blocks: list[Block], first_line: int) -> list[list[tuple[int, Row]]]:
        pages: list[list[tuple[int, Row]]] = [[]]
        line = first_line
        for i, block in enumerate(blocks):
            if block.blank and line == 0:
                continue
            size = len(block.rows)
            need = size if block.together else min(size, 2)       # no single line of a paragraph left behind
            if block.keep_next and i + 1 < len(blocks):
                need = size + min(2, len(blocks[i + 1].rows))
            if (block.new_page or line + need > LINES) and pages[-1]:
                pages.append([])
                line = 0
            room = LINES - line
            if not block.together and size - room == 1 and room >= 3:   # no last line alone atop the next page
                room -= 1
            for n, row in enumerate(block.rows):
                if line >= LINES or n == room:
                    pages.append([])
                    line = 0
                pages[-1].append((line, row))
                line += 1
        self._last_line = line
        return pages

    def render(self) -> bytes:
        d = self.data
        c, buffer = new_canvas(d.title, d.number or "草稿", keywords("notice", d.number, d.qr))
        self.canvas = c
        if not d.number:
            watermark(c)
        self.header(c)
        main = self.bind_closing([self.title_block(), *self.body(), self.closing()])
        pages = self.paginate(main + self.receipt(), self.header_lines)
        if self._last_line > LINES - self.banji_rows():
            pages.append([])
        for index, rows in enumerate(pages):
            if index:
                if not d.number:
                    watermark(c)
            for line, row in rows:
                if row.draw is not None:
                    row.draw(c, line, index)
            if index == len(pages) - 1:
                self.banji(c)
            page_number(c, index + 1)
            c.showPage()
        fonts_info(c._doc, used_fonts(c))  # type: ignore[attr-defined]
        c.save()
        return buffer.getvalue()


def _descent(font_name: str) -> float:
    """The descent (negative, in em) a PDF reader computes a character's bottom from."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face: Any = getFont(font_name).face  # type: ignore[attr-defined]  # a TTFont's
    return float(face.descent) / 1000


def _centred(line: Line) -> Draw:
    return lambda c, n, _page: draw_line(c, line, LEFT + (BLOCK_W - line.width) / 2, baseline(n, line.size))
