"""整改通知书 (rectification notice), laid out after GB/T 9704-2012 on its 22 × 28 grid, with a receipt part."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..calendar import format_date_cn
from .base import (
    BLOCK_W,
    CELL,
    LEFT,
    LINES,
    MM,
    PAGE_H,
    PITCH,
    RED,
    TITLE_PT,
    TOP,
    Grid,
    draw_qr,
    image_reader,
    keywords,
    new_canvas,
    page_number,
    wrap_cjk,
)

NUMERALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
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

    @property
    def title(self) -> str:
        return f"关于{self.period_label}履约问题的整改通知书"

    @property
    def shown_number(self) -> str:
        return self.number or "（签发时编号）"


class NoticeRenderer:
    """Overridable steps, as pretix's invoice renderer: header, title, body, closing, receipt."""

    def __init__(self, data: NoticeData) -> None:
        self.data = data
        self.signature_box: tuple[int, tuple[float, float, float, float]] = (0, (0, 0, 0, 0))
        self.receipt_box: tuple[int, tuple[float, float, float, float]] = (0, (0, 0, 0, 0))

    def render(self) -> bytes:
        d = self.data
        self.canvas, buffer = new_canvas(d.title, d.number or "草稿", keywords("notice", d.number, d.qr))
        self.grid = Grid(self.canvas)
        if not d.number:
            self._watermark()
        self.header()
        self.title()
        self.body()
        self.closing()
        self.receipt()
        page_number(self.canvas, self.grid.page)
        self.canvas.showPage()
        self.canvas.save()
        return buffer.getvalue()

    def _watermark(self) -> None:
        c = self.canvas
        c.saveState()
        c.setFillColorRGB(0.85, 0.85, 0.85)
        c.setFont("AuditorSong", 72)
        c.translate(105 * MM, 150 * MM)
        c.rotate(35)
        c.drawCentredString(0, 0, "草 稿")
        c.restoreState()

    def header(self) -> None:
        d, g, c = self.data, self.grid, self.canvas
        g.text(d.issuer, size=26, align="center", color=RED, bold=True)
        g.next_line(2)
        g.text(d.shown_number, align="center")
        rule_y = PAGE_H - TOP - (g.line + 1) * PITCH + 2 * MM
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(1.2)
        c.line(LEFT, rule_y, LEFT + BLOCK_W, rule_y)
        c.setStrokeColorRGB(0, 0, 0)
        g.next_line(2)

    def title(self) -> None:
        g = self.grid
        for line in wrap_cjk(self.data.title, BLOCK_W - 4 * CELL, TITLE_PT):
            g.text(line, size=TITLE_PT, align="center", bold=True)
            g.next_line()
        g.next_line()

    def body(self) -> None:
        d, g = self.data, self.grid
        g.text(f"{d.addressee}：")
        g.next_line()
        number = f"（合同编号：{d.contract_no}）" if d.contract_no else ""
        g.paragraph(f"根据《{d.contract_name}》{number}{d.basis_clauses}的约定，我单位于"
                    f"{format_date_cn(d.inspection_date)}在{d.place}对你单位{d.period_label}的服务履约情况进行了检查"
                    f"（检查人员：{d.inspectors}），发现以下问题：")
        for n, finding in enumerate(d.findings, start=1):
            g.paragraph(f"{chinese_ordinal(n)}、{finding.title}。{finding.detail}（依据：{finding.clause}）")
        g.paragraph(f"请你单位自收到本通知之日起立即整改，于{format_date_cn(d.deadline)}前完成，"
                    "并将整改情况书面报送我单位。")
        if d.consequences:
            g.paragraph(d.consequences)
        if d.supersedes:
            g.paragraph(f"本通知替代{d.supersedes}，原通知作废。")
        if d.backdate_reason:
            g.paragraph(f"补发说明：本通知签发日期早于同序列前一文书，理由：{d.backdate_reason}")

    def closing(self) -> None:
        """落款: issuer and date, right, four characters in; seal area; signature; QR code on the left."""
        d, g, c = self.data, self.grid, self.canvas
        if g.line + 5 > LINES:
            g.new_page()
        g.next_line()
        top_line = g.line
        if d.qr:
            qr_top = PAGE_H - TOP - top_line * PITCH
            draw_qr(c, d.qr, LEFT, qr_top - 26 * MM, 26 * MM)
            c.setFont("AuditorSong", 6.5)
            for n, text in enumerate((d.number, "扫码核验真伪", "auditor verify-code")):
                c.drawString(LEFT + 27 * MM, qr_top - 4 * MM - n * 3.2 * MM, text)
        g.text(d.issuer, align="right", right_margin=4)
        g.next_line()
        g.text(format_date_cn(d.issue_date), align="right", right_margin=4)
        seal_cx = LEFT + BLOCK_W - 4 * CELL - 4.5 * CELL
        seal_cy = PAGE_H - TOP - (top_line + 1) * PITCH
        c.saveState()
        c.setDash(2, 2)
        c.setStrokeColorRGB(*RED)
        c.circle(seal_cx, seal_cy, 19 * MM)
        c.setFillColorRGB(*RED)
        c.setFont("AuditorSong", 9)
        c.drawCentredString(seal_cx, seal_cy - 17 * MM, "（盖章）")
        c.restoreState()
        g.next_line(2)
        label_y = g.baseline(g.line)
        c.setFont("AuditorSong", 12)
        c.drawString(LEFT, label_y, "检查人员（签字）：")
        # the cryptographic signature's visible stamp goes here, right of the handwritten one
        self.signature_box = (g.page - 1, (LEFT + 84 * MM, label_y - 10 * MM, LEFT + 152 * MM, label_y + 4 * MM))
        signature = image_reader(d.signature_png)
        if signature is not None:
            c.drawImage(signature, LEFT + 36 * MM, label_y - 4 * MM, width=40 * MM, height=14 * MM, mask="auto",
                        preserveAspectRatio=True)
        else:
            c.line(LEFT + 36 * MM, label_y - 1, LEFT + 76 * MM, label_y - 1)
        g.next_line(3)

    def receipt(self) -> None:
        d, g, c = self.data, self.grid, self.canvas
        if g.line + 8 > LINES:
            g.new_page()
        cut_y = PAGE_H - TOP - g.line * PITCH + PITCH / 2
        c.saveState()
        c.setDash(4, 3)
        c.line(LEFT - 10 * MM, cut_y, LEFT + BLOCK_W + 10 * MM, cut_y)
        c.setFont("AuditorSong", 9)
        c.drawCentredString(LEFT + BLOCK_W / 2, cut_y + 2, "（沿此线剪下，签收后交回）")
        c.restoreState()
        g.next_line()
        g.text("回　执", align="center", bold=True)
        g.next_line()
        g.text(f"{d.issuer}：")
        g.next_line()
        g.paragraph(f"我单位已收到{d.shown_number}《{d.title}》，将按要求于{format_date_cn(d.deadline)}前完成整改并书面报告。")
        g.text("签收人（签字）：＿＿＿＿＿＿　签收日期：＿＿＿＿年＿＿月＿＿日")
        # the operator's electronic signature field (empty until it countersigns), on the line below
        y = g.baseline(g.line)
        self.receipt_box = (g.page - 1, (LEFT + 2 * CELL, y - 12 * MM, LEFT + 2 * CELL + 50 * MM, y - 1 * MM))
        g.next_line()
        g.text(f"{d.addressee}（盖章）", align="right", right_margin=2)
