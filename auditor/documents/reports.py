"""考核评分表 (month or installment), 现场抽查记录 and 付款核算单: A4 tables in the embedded Song font.

The renderers only draw: every figure comes from the core's results. The
score sheet's annex (trend charts) is drawn by matplotlib as vector PDF pages
and appended, so nothing is rasterised.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ..calendar import format_date_cn
from ..model import Contract, Status
from ..money import amount_in_words, format_yuan
from ..scoring import InstallmentResult, MonthResult, format_measure
from .base import FONT, MM, keywords, register_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Paragraph, Table
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from ..staffing import SpotCheck, SpotEntry

# Draws one chart onto the Axes it is given (a slot of an annex page).
ChartDrawer = Callable[["Axes"], object]


def _styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib.styles import ParagraphStyle

    register_font()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=1, spaceAfter=4 * MM),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, alignment=1, spaceAfter=4 * MM),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "cellr": ParagraphStyle("cellr", parent=base, fontSize=9, leading=12, alignment=2),
        "h2": ParagraphStyle("h2", parent=base, fontSize=12, leading=18, spaceBefore=3 * MM, spaceAfter=2 * MM),
    }


class ReportRenderer:
    """Overridable steps: meta, story; page frame with the document number and '— n —'."""

    title = ""
    kind = ""

    def __init__(self, number: str = "", qr: str = "", note: str | None = None) -> None:
        self.number = number
        self.qr = qr
        self.note = note  # why the document was issued with an earlier date (printed)
        self.s = _styles()
        self.signature_box: tuple[int, tuple[float, float, float, float]] = (0, (0, 0, 0, 0))

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def annex_charts(self) -> list[ChartDrawer]:
        """Callables drawing one chart each onto a matplotlib Axes; empty for no annex."""
        return []

    def _frame(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawString(20 * MM, 287 * MM, self.number)
        canvas.drawCentredString(105 * MM, 10 * MM, f"— {doc.page} —")
        if doc.page == 1 and self.qr:
            from .base import draw_qr

            draw_qr(canvas, self.qr, 168 * MM, 266 * MM, 22 * MM)
            canvas.setFont(FONT, 5.5)
            canvas.drawRightString(190 * MM, 264 * MM, "扫码核验（auditor verify-code）")
        canvas.restoreState()

    def _note(self) -> list[Flowable]:
        return [self.p(f"补发说明：本文书签发日期早于同序列前一文书，理由：{self.note}", "small")] if self.note else []

    def render(self) -> bytes:
        from pypdf import PdfReader
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate

        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * MM, rightMargin=20 * MM, topMargin=18 * MM,
                                bottomMargin=18 * MM, title=self.title, subject=self.number, creator="auditor",
                                author="auditor", invariant=1, initialFontName=register_font(), initialFontSize=10,
                                keywords=[keywords(self.kind, self.number, self.qr)])  # a list of one: the same string
        doc.build(self.story() + [_SignatureBox(self)], onFirstPage=self._frame, onLaterPages=self._frame)
        pdf = buffer.getvalue()
        charts = self.annex_charts()
        if not charts:
            return pdf
        first = len(PdfReader(io.BytesIO(pdf)).pages) + 1
        return append_pages(pdf, chart_annex(charts, self.title, first))

    # shared pieces
    def p(self, text: str, style: str = "body") -> Paragraph:
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.s[style])

    def table(self, rows: Sequence[Sequence[object]], widths: list[float], header_rows: int = 1,
              right_cols: Iterable[int] = ()) -> Table:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        right = set(right_cols)
        cells = [[self.p(str(v), "cellr" if c in right and r >= header_rows else "cell") if not hasattr(v, "wrap")
                  else v for c, v in enumerate(row)] for r, row in enumerate(rows)]
        table = Table(cells, colWidths=widths, repeatRows=header_rows)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # the cell style's own font, used even for Paragraph cells
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        return table

    def signatures(self, contract: Contract, signature_png: bytes | None = None) -> list[Flowable]:
        from reportlab.platypus import Image, Spacer

        rows = [[f"甲方：{contract.party_a.name}", f"乙方：{contract.party_b.name}"],
                ["检查人员（签字）：", "乙方代表（签字）："], ["日期：", "日期："]]
        story: list[Flowable] = [Spacer(1, 8 * MM), self.table(rows, [85 * MM, 85 * MM], header_rows=0)]
        if signature_png:
            story.insert(1, Image(io.BytesIO(signature_png), width=36 * MM, height=13 * MM, hAlign="LEFT"))
        return story


def _signature_box_flowable() -> Callable[[ReportRenderer], Flowable]:
    from reportlab.platypus import Flowable

    class SignatureBox(Flowable):
        """Reserves room for the visible signature stamp and tells the renderer where it landed."""

        def __init__(self, renderer: ReportRenderer) -> None:
            super().__init__()
            self.renderer = renderer
            self.width, self.height = 62 * MM, 20 * MM

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return available_width, self.height + 4 * MM

        def draw(self) -> None:
            canvas = self.canv
            x = self._frame._width - self.width if hasattr(self, "_frame") else 108 * MM
            x1, y1 = canvas.absolutePosition(x, 0)
            self.renderer.signature_box = (canvas.getPageNumber() - 1, (x1, y1, x1 + self.width, y1 + self.height))
            canvas.saveState()
            canvas.setDash(1, 2)
            canvas.setStrokeGray(0.6)
            canvas.rect(x, 0, self.width, self.height)
            canvas.setFont(FONT, 7)
            canvas.setFillGray(0.5)
            canvas.drawString(x + 2, self.height - 8, "电子签名")
            canvas.restoreState()

    return SignatureBox


def _SignatureBox(renderer: ReportRenderer) -> Flowable:  # noqa: N802 — a flowable factory (reportlab is imported lazily)
    return _signature_box_flowable()(renderer)


def append_pages(pdf: bytes, extra: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in PdfReader(io.BytesIO(extra)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def chart_annex(charts: Sequence[ChartDrawer], title: str, first_page: int) -> bytes:
    """Two charts per A4 page as vector PDF (TrueType fonts embedded), numbered on from ``first_page``."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from ..charts import _font_family

    _font_family()
    rcParams["pdf.fonttype"] = 42
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Creator": "auditor"}) as pages:
        for n, start in enumerate(range(0, len(charts), 2)):
            page = Figure(figsize=(8.27, 11.69))
            page.text(0.5, 0.95, "附：趋势图", ha="center", fontsize=16)
            for slot, draw in enumerate(charts[start:start + 2]):
                draw(page.add_axes((0.12, 0.56 - slot * 0.45, 0.8, 0.33)))
            page.text(0.5, 0.03, f"— {first_page + n} —", ha="center", fontsize=12)
            pages.savefig(page)
    return buffer.getvalue()


class ScoreSheet(ReportRenderer):
    """考核评分表 for one month, or for an installment (its months, band and payable)."""

    def __init__(self, contract: Contract, months: list[MonthResult], installment: InstallmentResult | None = None,
                 number: str = "", qr: str = "", charts: list[ChartDrawer] | None = None,
                 signature_png: bytes | None = None, note: str | None = None) -> None:
        super().__init__(number, qr, note)
        self.kind = "installment" if installment else "score-sheet"
        self.contract, self.months, self.installment = contract, months, installment
        self.charts = charts or []
        self.signature_png = signature_png
        period = (f"第{installment.number}期（{months[0].period.label()}至{months[-1].period.label()}）"
                  if installment else months[0].period.label())
        self.title = f"{contract.name} 考核评分表 {period}"
        self.period_text = period

    def story(self) -> list[Flowable]:
        from reportlab.platypus import PageBreak

        c = self.contract
        story: list[Flowable] = [self.p("考核评分表", "title"),
                 self.p(f"{c.name}　{self.period_text}", "subtitle"),
                 self.p(f"甲方：{c.party_a.name}　　乙方：{c.party_b.name}　　合同编号："
                        f"{c.contract_no or c.project_no}　　合同总价：{format_yuan(c.total)}")]
        for n, month in enumerate(self.months):
            if n:
                story.append(PageBreak())
            story += self.month_table(month)
        if self.installment:
            story += self.installment_block(self.installment)
        story.append(self.p("本表采用的约定解读", "h2"))
        story += [self.p(f"{n}. {line}", "small") for n, line in enumerate(c.settings.readings(c.family), 1)]
        story += self._note()
        story += self.signatures(c, self.signature_png)
        return story

    def month_table(self, month: MonthResult) -> list[Flowable]:
        points = month.score is not None
        header = ["编号", "考核指标", "要求", "实测", "结果", "得分" if points else "扣款", "依据"]
        rows = [header]
        for item in month.items:
            money = (f"{item.points.normalize():f}" if item.points is not None else "") if points else \
                (format_yuan(item.deduction) if item.deduction else "—")
            rows.append([item.code, item.indicator.name, item.indicator.target_text,
                         format_measure(item.actual, item.indicator) if item.actual is not None else "—",
                         item.status.label if item.status is not Status.NOT_DUE else item.detail, money,
                         item.indicator.clause])
        roles = "、".join(f"{r.role.name} {r.actual if r.actual is not None else '未录入'}/{r.required}"
                         for r in month.roles)
        staffing_money = sum((d.amount for d in month.deductions if d.kind == "staffing"), start=Decimal(0))
        rows.append(["人员", f"月均在岗：{roles}", "", "", month.staffing_status.label,
                     format_yuan(staffing_money) if not points and staffing_money else "",
                     self.contract.clauses["staffing"]])
        for d in month.deductions:
            if d.kind in ("incident", "late"):
                rows.append(["", d.basis, "", "", "", format_yuan(d.amount), d.clause])
        story: list[Flowable] = [
            self.p(f"{month.period.label()}考核明细" + ("" if month.finalized else "（未定稿）"), "h2"),
            self.table(rows, [16 * MM, 36 * MM, 18 * MM, 21 * MM, 24 * MM, 23 * MM, 32 * MM], right_cols=[5])]
        total = (f"本月得分：{month.score:.2f} 分" if points else
                 f"本月扣减合计：{format_yuan(month.deduction_total)}（{amount_in_words(month.deduction_total)}）")
        story.append(self.p(total, "h2"))
        return story

    def installment_block(self, r: InstallmentResult) -> list[Flowable]:
        rows = [["项目", "金额 / 数值"],
                ["本期付款比例与金额", f"{r.installment.percent.normalize():f}%　{format_yuan(r.amount)}"]]
        if r.score is not None and r.band_percent is not None:
            rows += [["期内月度平均得分 X", f"{r.score:.2f}"], ["对应支付比例", f"{r.band_percent.normalize():f}%"],
                     ["按得分应付", format_yuan(r.gross)]]
        rows += [["本期扣减", format_yuan(r.deduction_total)], ["上期结转扣减", format_yuan(r.carried_in)],
                 ["本期实付", f"{format_yuan(r.payable)}（{amount_in_words(r.payable)}）"]]
        if r.carried_over:
            rows.append(["结转下期扣减", format_yuan(r.carried_over)])
        if r.bond_claim:
            rows.append(["可从履约保证金中扣除", format_yuan(r.bond_claim)])
        story: list[Flowable] = [
            self.p(f"第{r.number}期付款核算（{r.installment.due_text}，{r.installment.clause}）", "h2"),
            self.table(rows, [60 * MM, 110 * MM], right_cols=[1])]
        if r.provisional:
            unfinalized = "、".join(str(p) for p in r.unfinalized_months)
            story.append(self.p("注：以下月份尚未定稿，本核算为暂估：" + unfinalized, "small"))
        for line in r.refusal_conditions:
            story.append(self.p("注：" + line, "small"))
        return story

    def annex_charts(self) -> list[ChartDrawer]:
        return list(self.charts)


class PaymentStatement(ScoreSheet):
    """付款核算单: the installment block with each deduction listed, money in figures and 大写."""

    kind = "payment"
    installment: InstallmentResult  # always one here

    def __init__(self, contract: Contract, installment: InstallmentResult, number: str = "", qr: str = "",
                 signature_png: bytes | None = None, note: str | None = None) -> None:
        ReportRenderer.__init__(self, number, qr, note)
        self.contract, self.installment, self.months, self.charts = contract, installment, [], []
        self.signature_png = signature_png
        self.title = f"{contract.name} 第{installment.number}期付款核算单"

    def story(self) -> list[Flowable]:
        c, r = self.contract, self.installment
        story: list[Flowable] = [self.p("付款核算单", "title"), self.p(f"{c.name}　第{r.number}期", "subtitle"),
                 self.p(f"甲方：{c.party_a.name}　　乙方：{c.party_b.name}　　开户银行：{c.party_b.bank}　"
                        f"账号：{c.party_b.account}")]
        story += self.installment_block(r)
        rows = [["月份", "类别", "金额", "依据"]] + [[str(d.period), d.label, format_yuan(d.amount),
                                                 f"{d.basis}（{d.clause}）"] for d in r.deductions]
        if len(rows) > 1:
            story += [self.p("扣减明细", "h2"), self.table(rows, [18 * MM, 36 * MM, 27 * MM, 89 * MM], right_cols=[2])]
        story += self._note()
        story += self.signatures(c, self.signature_png)
        return story


class SpotCheckRecord(ReportRenderer):
    """现场抽查记录, signed by the inspector and the operator's representative."""

    kind = "spot-check"

    def __init__(self, contract: Contract, check: SpotCheck, entries: list[SpotEntry], number: str = "", qr: str = "",
                 signature_png: bytes | None = None, note: str | None = None) -> None:
        super().__init__(number, qr, note)
        self.contract, self.check, self.entries = contract, check, entries
        self.signature_png = signature_png
        self.title = f"{contract.name} 现场抽查记录"

    def story(self) -> list[Flowable]:
        from ..staffing import SPOT_STATUSES, spot_result

        c, check = self.contract, self.check
        when = dt.datetime.fromisoformat(check["started_at"])
        result = spot_result(c, self.entries)
        names = {r.key: r.name for r in c.roles}
        story: list[Flowable] = [self.p("现场抽查记录", "title"),
                 self.p(f"{c.name}", "subtitle"),
                 self.p(f"抽查时间：{format_date_cn(when.date())} {when:%H:%M}　　地点：{check['place']}　　"
                        f"检查人员：{check['inspectors']}")]
        rows: list[list[object]] = [["岗位", "要求人数", "在岗", "请假（已批准）", "缺岗", "未核"]]
        for role in c.roles:
            counts = result.by_role.get(role.key, {})
            rows.append([role.name, role.required, counts.get("present", 0), counts.get("leave", 0),
                         counts.get("absent", 0), counts.get("unmarked", 0)])
        story += [self.p("各岗位在岗情况", "h2"),
                  self.table(rows, [40 * MM, 26 * MM, 26 * MM, 30 * MM, 24 * MM, 24 * MM], right_cols=[1, 2, 3, 4, 5])]
        people: list[list[object]] = [["序号", "姓名", "工号", "岗位", "核查结果"]]
        people += [
            [n, e.name, e.employee_no, names.get(e.role, e.role),
             SPOT_STATUSES[e.status] + ("" if e.on_roster else "（不在名单）")] for n, e in enumerate(self.entries, 1)]
        story += [self.p("逐人核查", "h2"), self.table(people, [14 * MM, 36 * MM, 30 * MM, 40 * MM, 50 * MM])]
        verdict = "抽查不达标：" + "；".join(result.reasons) if result.failed else "抽查达标。"
        story.append(self.p(f"结论：{verdict}", "h2"))
        story += self._note()
        story += self.signatures(c, self.signature_png)
        return story
