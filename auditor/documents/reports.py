"""考核评分表 (month or installment), 现场抽查记录 and 付款核算单: A4 tables in the document fonts.

The renderers only draw: every figure comes from the core's results. Text is set by the typesetter
(per-character font fallback, the 禁则) in flowables of its own; the score sheet's annex (trend charts) is
drawn by documents.chartdraw straight onto the same pages as vector paths, in the fonts already loaded. A preview
(not issued) carries a watermark on every page and no signature box.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..calendar import format_date_cn
from ..contract_text import readings as contract_readings
from ..model import Contract, Status
from ..money import amount_in_words, format_yuan
from ..scoring import InstallmentResult, MonthResult, format_measure
from ..serialize import installment_notes, month_notes, remainder_rows
from .base import FONT, MM, draw_label, draw_qr, fonts_info, keywords, register_font, used_fonts
from .typeset import Span

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Table
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from ..charts import Chart
    from ..staffing import SpotCheck, SpotEntry


def _styles() -> dict[str, Any]:
    from .flowables import Style

    return {
        "title": Style(20, 30, "title", "center", after=3 * MM),
        "subtitle": Style(11, 16, "body", "center", after=4 * MM),
        "body": Style(10.5, 16),
        "small": Style(8.5, 12),
        "cell": Style(9, 12, align="left"),
        "cellr": Style(9, 12, align="right"),
        "head": Style(9, 12, "heading1", "center"),
        "h2": Style(12, 18, "heading1", "left", before=3 * MM, after=2 * MM, keep_with_next=True),
        "total": Style(11, 18, "body", "left", before=1 * MM, after=2 * MM),
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

    @property
    def issued(self) -> bool:
        """Issued documents carry the signed QR code; a preview has none, and is not signed."""
        return bool(self.qr)

    @property
    def issue_date(self) -> dt.date | None:
        fields = dict(part.partition("=")[::2] for part in self.qr.split(";")[1:]) if self.qr else {}
        try:
            return dt.date.fromisoformat(fields.get("d", ""))
        except ValueError:
            return None

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def annex_charts(self) -> list[Chart]:
        """The charts of the annex; empty for none."""
        return []

    def _frame(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        from .base import watermark

        canvas.saveState()
        if not self.issued:
            watermark(canvas, "预 览")
        draw_label(canvas, self.number, 20 * MM, 287 * MM, 9, where="页眉文号")
        draw_label(canvas, f"— {doc.page} —", 105 * MM, 10 * MM, 9, where="页码", align="center")
        if doc.page == 1 and self.qr:
            draw_qr(canvas, self.qr, 168 * MM, 266 * MM, 22 * MM)
            draw_label(canvas, "扫码核验（auditor verify-code）", 190 * MM, 264 * MM, 5.5, where="二维码说明",
                       align="right")
        canvas.restoreState()

    def _note(self) -> list[Flowable]:
        return [self.p(f"补发说明：本文书签发日期早于同序列前一文书，理由：{self.note}", "small")] if self.note else []

    def render(self) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas as PdfCanvas
        from reportlab.platypus import SimpleDocTemplate

        class FontsCanvas(PdfCanvas):
            def save(self) -> None:
                fonts_info(self._doc, used_fonts(self))  # type: ignore[attr-defined]
                super().save()

        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * MM, rightMargin=20 * MM, topMargin=18 * MM,
                                bottomMargin=18 * MM, title=self.title, subject=self.number, creator="auditor",
                                author="auditor", invariant=1, initialFontName=register_font(), initialFontSize=10,
                                keywords=[keywords(self.kind, self.number, self.qr)])  # a list of one: the same string
        story = self.story()
        at = next((i for i, f in enumerate(story) if getattr(f, "signatures", False)), 0)
        if at:  # the signatures never open a page of their own
            from reportlab.platypus import KeepTogether

            story[at - 1:at + 1] = [KeepTogether([story[at - 1], *story[at]._content])]  # type: ignore[attr-defined]
        doc.build(story + self.annex(), onFirstPage=self._frame, onLaterPages=self._frame,
                  canvasmaker=FontsCanvas)
        return buffer.getvalue()

    def annex(self) -> list[Flowable]:
        """附：趋势图, two charts a page, on the document's own pages (vector, in its fonts)."""
        from reportlab.platypus import PageBreak

        from .flowables import Chart

        charts = self.annex_charts()
        story: list[Flowable] = []
        for n, chart in enumerate(charts):
            if n % 2 == 0:
                story += [PageBreak(), self.p("附：趋势图", "title")]
            story.append(Chart(chart, 170 * MM, 112 * MM))
        return story

    # shared pieces
    def p(self, text: str, style: str = "body", where: str = "") -> Flowable:
        from .flowables import Text

        return Text([Span(text, self.s[style].role)], self.s[style], where or text[:12])

    def cells(self, rows: Sequence[Sequence[object]], header_rows: int = 1, right_cols: Iterable[int] = (),
              name: str = "表格") -> list[list[object]]:
        """Each value as a typeset cell (flowables are kept), named for an error: 「表第 3 行「姓名」」."""
        right = set(right_cols)
        heads = [str(v) for v in rows[0]] if header_rows else []

        def cell(r: int, c: int, value: object) -> object:
            if hasattr(value, "wrap") or isinstance(value, list):
                return value
            style = "head" if r < header_rows else "cellr" if c in right else "cell"
            column = f"「{heads[c]}」" if c < len(heads) and heads[c] else f"第 {c + 1} 列"
            return self.p(str(value), style, where=f"{name}第 {r + 1} 行{column}")

        return [[cell(r, c, v) for c, v in enumerate(row)] for r, row in enumerate(rows)]

    def table(self, rows: Sequence[Sequence[object]], widths: list[float], header_rows: int = 1,
              right_cols: Iterable[int] = (), name: str = "表格") -> Table:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        table = Table(self.cells(rows, header_rows, right_cols, name), colWidths=widths, repeatRows=header_rows)
        commands: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, -1), FONT),  # else cells name Helvetica
                                           ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)))
        table.setStyle(TableStyle(commands))
        return table

    def signatures(self, contract: Contract, signature_png: bytes | None = None) -> list[Flowable]:
        """签字栏: white, rows tall enough to sign in (≥ 12 mm), the handwritten signature inside its cell,
        the date filled in for the issuing side; on an issued document a row holds the electronic
        signature's stamp, and the whole block stays on one page with what precedes it."""
        from reportlab.lib import colors
        from reportlab.platypus import Image, KeepTogether, Spacer, Table, TableStyle

        from .flowables import SignatureBox

        blank_date = "　　　　年　　月　　日"
        date = format_date_cn(self.issue_date) if self.issue_date else blank_date
        signed: object = "检查人员（签字）："
        if signature_png:
            signed = [self.p("检查人员（签字）：", "cell"),
                      Image(io.BytesIO(signature_png), width=40 * MM, height=12 * MM, kind="proportional",
                            hAlign="LEFT")]
        rows: list[list[object]] = [[f"甲方：{contract.party_a.name}", f"乙方：{contract.party_b.name}"],
                                    [signed, "乙方代表（签字）："], [f"日期：{date}", f"日期：{blank_date}"]]
        heights = [12 * MM, 20 * MM, 12 * MM]
        if self.issued:
            rows.append([[self.p("电子签名：", "cell"), SignatureBox(self, 62 * MM, 18 * MM)], ""])
            heights.append(26 * MM)
        table = Table(self.cells(rows, 0, name="签字栏"), colWidths=[85 * MM, 85 * MM], rowHeights=heights)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("BACKGROUND", (0, 0), (-1, -1), colors.white),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2 * MM)]))
        block = KeepTogether([Spacer(1, 6 * MM), table])
        setattr(block, "signatures", True)  # noqa: B010 — render() keeps it with what precedes it
        return [block]

    def readings(self, contract: Contract) -> list[Flowable]:
        """本表采用的约定解读: how the contract was read, one numbered line each (the contract's own data)."""
        story: list[Flowable] = [self.p("本表采用的约定解读", "h2")]
        story += [self.p(f"{n}. {line}", "small") for n, line in enumerate(contract_readings(contract), 1)]
        return story


class ScoreSheet(ReportRenderer):
    """考核评分表 for one month, or for an installment (its months, band and payable)."""

    def __init__(self, contract: Contract, months: list[MonthResult], installment: InstallmentResult | None = None,
                 number: str = "", qr: str = "", charts: list[Chart] | None = None,
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
        story += self.readings(c)
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
            self.table(rows, [16 * MM, 36 * MM, 18 * MM, 21 * MM, 24 * MM, 23 * MM, 32 * MM], right_cols=[5],
                       name=f"{month.period.label()}考核明细")]
        total = (f"本月得分：{month.score:.2f} 分" if points else
                 f"本月扣减合计：{format_yuan(month.deduction_total)}（{amount_in_words(month.deduction_total)}）")
        story.append(self.p(total, "total"))
        story += [self.p(line, "small") for line in month_notes(month)]  # as the CLI says them
        return story

    def installment_block(self, r: InstallmentResult) -> list[Flowable]:
        rows = [["项目", "金额 / 数值"],
                ["本期付款比例与金额", f"{r.installment.percent.normalize():f}%　{format_yuan(r.amount)}"]]
        if r.score is not None and r.band_percent is not None:
            rows += [["期内月度平均得分 X", str(r.score)], ["对应支付比例", f"{r.band_percent.normalize():f}%"],
                     ["按得分应付", format_yuan(r.gross)]]
        rows += [["本期扣减", format_yuan(r.deduction_total)], ["上期结转扣减", format_yuan(r.carried_in)],
                 ["本期实付", f"{format_yuan(r.payable)}（{amount_in_words(r.payable)}）"]]
        rows += [list(row) for row in remainder_rows(r)]
        story: list[Flowable] = [
            self.p(f"第{r.number}期付款核算（{r.installment.due_text}，{r.installment.clause}）", "h2"),
            self.table(rows, [60 * MM, 110 * MM], right_cols=[1], name="付款核算表")]
        story += [self.p(line, "small") for line in installment_notes(r)]  # as the CLI says them
        return story

    def annex_charts(self) -> list[Chart]:
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
            story += [self.p("扣减明细", "h2"), self.table(rows, [18 * MM, 36 * MM, 27 * MM, 89 * MM], right_cols=[2],
                                                            name="扣减明细表")]
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
                  self.table(rows, [40 * MM, 26 * MM, 26 * MM, 30 * MM, 24 * MM, 24 * MM], right_cols=[1, 2, 3, 4, 5],
                             name="各岗位在岗情况表")]
        people: list[list[object]] = [["序号", "姓名", "工号", "岗位", "核查结果"]]
        people += [
            [n, e.name, e.employee_no, names.get(e.role, e.role),
             SPOT_STATUSES[e.status] + ("" if e.on_roster else "（不在名单）")] for n, e in enumerate(self.entries, 1)]
        story += [self.p("逐人核查", "h2"), self.table(people, [14 * MM, 36 * MM, 30 * MM, 40 * MM, 50 * MM],
                                                       name="逐人核查表")]
        verdict = "抽查不达标：" + "；".join(result.reasons) if result.failed else "抽查达标。"
        story.append(self.p(f"结论：{verdict}", "total"))
        story += self._note()
        story += self.signatures(c, self.signature_png)
        return story
