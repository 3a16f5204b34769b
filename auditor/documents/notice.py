"""整改通知书 (rectification notice), laid out after GB/T 9704-2012 on its 22 × 28 grid, with its 回执.

版头: the issuer's mark in red 小标宋, its top 35 mm into the block (7.2.2); the 发文字号 two lines below
it, the red rule 4 mm under the 发文字号 (7.2.4, 7.2.5). 主体: the title in 2号小标宋 two lines below the rule
(7.3.2); the text in 3号仿宋, first-level headings in 黑体, second-level ones in 楷体 (7.3.3); the 附件说明
one line below the text (7.3.4); the 署名 centred over the date, the date four characters in from the
right, the seal over both (7.3.5.1). The 回执 is the 附件, on a page of its own (8); the 版记 (抄送, 印发机关
and 印发日期 between rules) stands at the foot of the last page (7.4).

The failing work orders of a finding computed from the records (issue 16) follow the 回执 as 附件2, 附件3…
(8: each on a new page, 「附件N」 in 黑体 top left, its title on the third line), listed in the 附件说明 as
「附件：1.整改通知书回执」 with the others aligned under it (7.3.4). Their tables are set in 5号 (10.5 pt):
3号 cannot hold a row of full date-times in the 156 mm block, and GB/T 9704 leaves a table's size free. A
row takes one grid line (two lines of 5号) or more, the header is repeated atop every page, and at most
PRINTED_ROWS rows are printed; every order is in a CSV file embedded in the PDF (signed with it, its SHA-256
printed), which the operator can check order by order.

Page flow: a heading never ends a page, a paragraph leaves no single line at either end of a page, and the
落款 never stands on a page without text: when it does not fit, the last lines of the text go over with
it (7.3.5.1).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
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
from .typeset import Glyph, Line, Span, atoms, balanced, break_lines, draw_line, paragraph, shape

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

NUMERALS = "一二三四五六七八九十"
MARK_TOP = 35 * MM        # 7.2.2: the issuer's mark, top edge 35 mm below the top of the block
RULE_GAP = 4 * MM         # 7.2.5: the red rule 4 mm under the 发文字号
SEAL_R = 21 * MM          # a 42 mm official seal
BANJI_PT = 14             # 7.4: 版记 in 4号仿宋
ANNEX_PT = 10.5           # 5号: the order tables and their notes, two lines to a grid line
ANNEX_LEADING = 12.5
CELL_PAD = 1.5 * MM
PRINTED_ROWS = 500        # per annex; the embedded CSV holds every order


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
    annex: int = 0            # the 附件 listing its failing orders (0: none)


@dataclass(frozen=True)
class OrderAnnex:
    """A finding's failing work orders: every row under ``headers`` (the CSV), ``columns`` of them printed."""

    code: str
    title: str
    intro: str                                   # the figures, in the text's size, above the table
    headers: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...] = ()                # 「工单.xlsx（2025年10月，SHA-256 …）」 per file counted

    def csv(self) -> bytes:
        """Every order, exactly as computed (UTF-8 with a BOM, so Excel reads the Chinese)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(("序号", *self.headers))
        writer.writerows((str(n), *row) for n, row in enumerate(self.rows, start=1))
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.csv()).hexdigest()

    def filename(self, number: int) -> str:
        return f"附件{number}-{re.sub(r'[^0-9A-Za-z_-]', '', self.code) or 'orders'}-工单清单.csv"


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
    annexes: tuple[OrderAnnex, ...] = ()   # 附件2 … : failing work orders

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
    repeat: list[Row] | None = None   # a table row: its table's header, drawn first atop a new page


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
            see = f"；工单清单见附件{finding.annex}" if finding.annex else ""
            blocks.append(self.para([Span(head, "heading2"), Span(f"{finding.detail}（依据：{finding.clause}{see}）")],
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
        blocks.append(self.attachments())
        return blocks

    def attachments(self) -> Block:
        """附件说明 (7.3.4): 「附件：整改通知书回执」, or with several 「附件：1.整改通知书回执」 and each next
        number under the first, a long name turning under its own first character."""
        names = ["整改通知书回执", *(a.title for a in self.data.annexes)]
        if len(names) == 1:
            return self.para([Span("附件：整改通知书回执")], "附件说明", text=False)
        head = self.lines([Span("附件：")], "附件说明", indent=0)[0]
        start = LEFT + 2 * CELL + head.width
        rows: list[Row] = []
        for n, name in enumerate(names, start=1):
            label = self.lines([Span(f"{n}.")], "附件说明", indent=0)[0]
            x = start + label.width
            for i, line in enumerate(paragraph([Span(name)], LEFT + BLOCK_W - x, BODY_PT, "附件说明",
                                               scale=GRID_SCALE)):
                parts = [(line, x)] + ([(label, start)] if i == 0 else []) + ([(head, LEFT + 2 * CELL)]
                                                                            if i == 0 and n == 1 else [])
                rows.append(Row(_at(parts)))
        return Block(rows, together=True)

    def annex_label(self, number: int) -> str:
        """「附件」 alone when the 回执 is the only one, else 「附件1」, 「附件2」… (8)."""
        return f"附件{number}" if self.data.annexes else "附件"

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
        blocks = [self.annex_head(1), Block([Row(_centred(line)) for line in title], together=True), _blank(),
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

    def annex_head(self, number: int) -> Block:
        label = self.annex_label(number)
        return Block([*self.text_rows(self.lines([Span(label, "heading1")], label, indent=0), indent=0), Row()],
                     new_page=True, together=True)

    def order_annex(self, number: int, annex: OrderAnnex) -> list[Block]:
        """附件N: the title on the third line, the figures in the text's size, where they come from and where the
        whole list is in 5号, then the table, its header atop every page."""
        where = f"附件{number}"

        def set_title(text: str) -> list[Line]:
            return balanced(shape([Span(text, "title")], TITLE_PT, f"{where}标题", scale=GRID_SCALE),
                            BLOCK_W - 4 * CELL, TITLE_PT)

        title = set_title(annex.title)
        if len(title) > 1 and " " in annex.title:      # 「HN-02 网络工单回应率」 over 「不达标工单清单」
            head, _, tail = annex.title.rpartition(" ")
            title = set_title(head) + set_title(tail)
        total = len(annex.rows)
        shown = min(total, PRINTED_ROWS)
        count = (f"共 {total} 单，逐单列示如下。" if shown == total else
                 f"共 {total} 单，本附件列出前 {shown} 单，其余 {total - shown} 单见随附电子清单。")
        notes = [f"依据：{'；'.join(annex.sources)}。" if annex.sources else "",
                 f"电子清单：本通知书 PDF 内嵌文件「{annex.filename(number)}」，列出全部 {total} 单（含工单记录中的"
                 f"所在行），随本通知书一并签名，SHA-256 {annex.sha256}。"]
        blocks = [self.annex_head(number), Block([Row(_centred(line)) for line in title], together=True), _blank(),
                  self.para([Span(annex.intro + count)], f"{where}说明"),
                  self.small([Span(n) for n in notes if n], f"{where}依据", keep_next=True)]
        return blocks + self.table(("序号", *annex.columns),
                                   [(str(n), *(_printable(row[annex.headers.index(c)]) for c in annex.columns))
                                    for n, row in enumerate(annex.rows[:shown], start=1)], where)

    def small(self, spans: Sequence[Span], where: str, *, keep_next: bool = False) -> Block:
        """Text in 5号, two lines to a grid line, each span a paragraph of its own."""
        placed = [(line, LEFT + (2 * ANNEX_PT if i == 0 else 0)) for span in spans for i, line in enumerate(
            break_lines(shape([span], ANNEX_PT, where), BLOCK_W, ANNEX_PT, first_indent=2 * ANNEX_PT,
                        justify=False))]
        rows = [Row(_stacked(placed[k:k + 2]), text=True) for k in range(0, len(placed), 2)]
        return Block(rows, together=True, keep_next=keep_next)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], where: str) -> list[Block]:
        """A ruled table across the block in 5号: columns as wide as their content allows (a date-time turns
        after its date rather than squeezing the order number), each row one or more whole grid lines."""
        def cell(text: str, role: str, row: int, column: int) -> list[Glyph]:
            return shape([Span(text, role)], ANNEX_PT, f"{where}第 {row} 行「{headers[column]}」")

        head = [cell(h, "heading1", 0, k) for k, h in enumerate(headers)]
        body = [[cell(text, "body", r, k) for k, text in enumerate(row)] for r, row in enumerate(rows, start=1)]
        widths = _column_widths([[h, *(row[k] for row in body)] for k, h in enumerate(head)], BLOCK_W, CELL_PAD)
        header = _table_row(head, widths)
        blocks = [Block(header, together=True, keep_next=True)]
        blocks += [Block(_table_row(glyphs, widths), together=True, repeat=header) for glyphs in body]
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
                for row in block.repeat or []:
                    pages[-1].append((line, row))
                    line += 1
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
        annexes = [b for n, annex in enumerate(d.annexes, start=2) for b in self.order_annex(n, annex)]
        pages = self.paginate(main + self.receipt() + annexes, self.header_lines)
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
        _embed(c, [(annex.filename(n), annex.csv(), annex.title) for n, annex in enumerate(d.annexes, start=2)])
        c.save()
        return buffer.getvalue()


def _descent(font_name: str) -> float:
    """The descent (negative, in em) a PDF reader computes a character's bottom from."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face: Any = getFont(font_name).face  # type: ignore[attr-defined]  # a TTFont's
    return float(face.descent) / 1000


def _centred(line: Line) -> Draw:
    return lambda c, n, _page: draw_line(c, line, LEFT + (BLOCK_W - line.width) / 2, baseline(n, line.size))


def _at(parts: list[tuple[Line, float]]) -> Draw:
    def draw(c: Canvas, n: int, _page: int) -> None:
        for line, x in parts:
            draw_line(c, line, x, baseline(n, line.size))

    return draw


def _stacked(parts: list[tuple[Line, float]]) -> Draw:
    """Up to two 5号 lines in one grid line."""
    def draw(c: Canvas, n: int, _page: int) -> None:
        top = PAGE_H - TOP - n * PITCH - (PITCH - 2 * ANNEX_LEADING) / 2
        for k, (line, x) in enumerate(parts):
            draw_line(c, line, x, top - (ANNEX_LEADING - ANNEX_PT) / 2 - ANNEX_PT * 0.88 - k * ANNEX_LEADING)

    return draw


def _printable(text: str) -> str:
    """An operator's cell as it may be printed: a control, format or private-use character, or one no font
    has, is written as [U+XXXX] (the CSV keeps it exactly), so no crafted order number can stop a notice."""
    from .fonts import book

    fonts = book()

    def shown(char: str) -> str:
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp") or fonts.face_for(char) is None:
            return f"[U+{ord(char):04X}]"
        return char

    return "".join(shown(ch) for ch in text)


def _column_widths(columns: list[list[list[Glyph]]], total: float, pad: float) -> list[float]:
    """Each column at least its widest unbreakable run (and its header on one line); then whole columns
    given their natural width, the ones that need least first; what is left spread evenly."""
    def width(glyphs: list[Glyph]) -> float:
        return sum(g.advance for g in glyphs)

    least = [max([width(col[0])] + [max((a.width for a in atoms(c) if not a.space), default=0) for c in col[1:]])
             + 2 * pad for col in columns]
    natural = [max(width(c) for c in col) + 2 * pad for col in columns]
    if sum(least) >= total:
        return [total * w / sum(least) for w in least]
    widths = list(least)
    alike: list[list[int]] = []         # columns of one kind (the date-times) grow together or not at all
    for k in range(len(columns)):
        group = next((g for g in alike if abs(least[g[0]] - least[k]) < 3 and abs(natural[g[0]] - natural[k]) < 6),
                     None)
        if group is None:
            alike.append([k])
        else:
            group.append(k)
    for group in sorted(alike, key=lambda g: sum(natural[k] - least[k] for k in g)):
        grow = sum(natural[k] - widths[k] for k in group)
        if sum(widths) + grow <= total:
            for k in group:
                widths[k] = natural[k]
    spare = (total - sum(widths)) / len(widths)
    return [w + spare for w in widths]


def _table_row(cells: list[list[Glyph]], widths: list[float]) -> list[Row]:
    """One table row as whole grid lines (two 5号 lines each), ruled on every side; the lines are drawn
    centred in the row."""
    lines = [break_lines([Glyph(g.char, g.face, g.advance) for g in glyphs], w - 2 * CELL_PAD, ANNEX_PT,
                         justify=False) for glyphs, w in zip(cells, widths)]
    height = max(1, -(-max(len(ls) for ls in lines) // 2))

    def draw(c: Canvas, n: int, _page: int) -> None:
        top = PAGE_H - TOP - n * PITCH
        bottom = top - height * PITCH
        c.saveState()
        c.setLineWidth(0.5)
        c.line(LEFT, top, LEFT + BLOCK_W, top)
        c.line(LEFT, bottom, LEFT + BLOCK_W, bottom)
        x = LEFT
        c.line(x, top, x, bottom)
        for w in widths:
            x += w
            c.line(x, top, x, bottom)
        c.restoreState()
        x = LEFT
        for cell_lines, w in zip(lines, widths):
            first = top - (height * PITCH - len(cell_lines) * ANNEX_LEADING) / 2
            for k, line in enumerate(cell_lines):
                y = first - (ANNEX_LEADING - ANNEX_PT) / 2 - ANNEX_PT * 0.88 - k * ANNEX_LEADING
                draw_line(c, line, x + (w - line.width) / 2 if len(cell_lines) == 1 else x + CELL_PAD, y)
            x += w

    return [Row(draw)] + [Row() for _ in range(height - 1)]


def _embed(c: Canvas, files: list[tuple[str, bytes, str]]) -> None:
    """Files embedded in the PDF (/EmbeddedFiles): part of what is signed, listed by any reader's
    attachments pane."""
    if not files:
        return
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, PDFZCompress

    document: Any = c._doc  # type: ignore[attr-defined]
    names: list[tuple[str, Any]] = []
    for n, (name, data, description) in enumerate(files, start=2):
        stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                          "Params": PDFDictionary({"Size": len(data)})}), data, filters=[PDFZCompress])
        ref = document.Reference(stream)
        ascii_name = f"annex{n:03d}.csv"
        spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(ascii_name), "UF": PDFString(name),
                              "Desc": PDFString(description), "EF": PDFDictionary({"F": ref, "UF": ref})})
        names.append((ascii_name, document.Reference(spec)))
    flat: list[Any] = [x for key, ref in sorted(names) for x in (PDFString(key), ref)]
    document.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(flat)})})
