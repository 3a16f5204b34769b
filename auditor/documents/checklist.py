"""现场检查表（空白）: the form the inspector takes on site for one contract and month, filled in by hand.

The indicators due that month with their targets and clauses (实测 and 达标 left blank), the staffing grid
(each role's required number, the rest blank), the roster with a tick box per person for the spot check,
the confidentiality duties, and the signature table. Set by the same typesetter as the other documents
(per-character font fallback, the 禁则); never numbered, signed or registered, so it carries no QR code,
and no 「预览」 mark either: it is a form, and says so in its header.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..calendar import Period
from ..model import Contract, Indicator
from .base import MM, draw_label
from .reports import ReportRenderer

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from ..staffing import Person

BOX = "□"


@dataclass(frozen=True)
class ChecklistData:
    """What the form lists: the numbers come from the core, the renderer only draws."""

    contract: Contract
    period: Period
    indicators: tuple[Indicator, ...]       # due this month, not derived from other entries
    roster: tuple[Person, ...]              # the persons to tick, from ``roster_period``'s roster
    roster_period: Period | None            # the month whose roster that is (None: no roster yet)


class BlankChecklist(ReportRenderer):
    kind = "checklist"

    def __init__(self, data: ChecklistData) -> None:
        super().__init__()
        self.data = data
        self.title = f"{data.contract.name} 现场检查表 {data.period.label()}"

    def _frame(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        draw_label(canvas, "空白现场检查表 · 现场手工填写 · 不作为登记文书", 20 * MM, 287 * MM, 8, where="页眉")
        draw_label(canvas, f"— {doc.page} —", 105 * MM, 10 * MM, 9, where="页码", align="center")
        canvas.restoreState()

    def story(self) -> list[Flowable]:
        d, c = self.data, self.data.contract
        story: list[Flowable] = [
            self.p("现场检查表", "title"),
            self.p(f"{c.name}　{d.period.label()}", "subtitle"),
            self.p(f"甲方：{c.party_a.name}　　乙方：{c.party_b.name}　　合同编号：{c.contract_no or c.project_no}"),
            self.p("检查日期：＿＿＿＿年＿＿月＿＿日　＿＿时＿＿分　　检查地点：＿＿＿＿＿＿＿＿＿＿＿＿", "body"),
            self.p("检查人员：＿＿＿＿＿＿＿＿＿＿＿＿　　乙方陪同人员：＿＿＿＿＿＿＿＿＿＿＿＿", "body"),
        ]
        story += self._indicators() + self._staffing() + self._roster() + self._duties()
        story.append(self.p("说明：实测值按合同约定的口径填写；“达标”一栏勾选是或否。"
                            "回到单位后录入程序逐项考核。", "small"))
        story += self.signatures(c)
        return story

    def _indicators(self) -> list[Flowable]:
        rows: list[list[object]] = [["编号", "考核指标", "要求", "考核周期", "依据", "实测", "达标"]]
        for i in self.data.indicators:
            rows.append([i.code, i.name, i.target_text, i.frequency.label, i.clause, "", f"{BOX}是 {BOX}否"])
        if len(rows) == 1:
            rows.append(["", "本月无需现场考核的指标", "", "", "", "", ""])
        return [self.p("一、考核指标", "h2"),
                self.table(rows, [17 * MM, 37 * MM, 18 * MM, 16 * MM, 30 * MM, 26 * MM, 26 * MM], name="考核指标表")]

    def _staffing(self) -> list[Flowable]:
        c = self.data.contract
        rows: list[list[object]] = [["岗位", "要求人数", "实到", "请假（已批准）", "缺岗", "备注"]]
        rows += [[role.name, role.required, "", "", "", ""] for role in c.roles]
        rows.append(["合计", sum(role.required for role in c.roles), "", "", "", ""])
        return [self.p("二、人员配置", "h2"),
                self.p(f"依据：{c.clauses.get('staffing', '')}", "small"),
                self.table(rows, [40 * MM, 22 * MM, 22 * MM, 30 * MM, 22 * MM, 34 * MM], right_cols=[1],
                           name="人员配置表")]

    def _roster(self) -> list[Flowable]:
        d = self.data
        roles = {r.key: r.name for r in d.contract.roles}
        if d.roster_period is None:
            source = "尚未导入人员名单：按现场所见逐人填写。"
        elif d.roster_period == d.period:
            source = f"按 {d.period.label()} 人员名单。"
        else:
            source = (f"{d.period.label()}的人员名单尚未报送，按 {d.roster_period.label()} 人员名单；"
                      "名单外在岗人员填在表末空行。")
        rows: list[list[object]] = [["序号", "姓名", "工号", "岗位", "在岗", "请假", "缺岗", "备注"]]
        rows += [[n, p.name, p.employee_no, roles.get(p.role, p.role), BOX, BOX, BOX, ""]
                 for n, p in enumerate(d.roster, 1)]
        start = len(rows)
        rows += [[n, "", "", "", BOX, BOX, BOX, ""] for n in range(start, start + 5)]  # for persons not listed
        return [self.p("三、现场抽查（逐人勾选）", "h2"), self.p(source, "small"),
                self.table(rows, [12 * MM, 28 * MM, 22 * MM, 32 * MM, 14 * MM, 14 * MM, 14 * MM, 34 * MM],
                           name="现场抽查表")]

    def _duties(self) -> list[Flowable]:
        c = self.data.contract
        if not c.confidentiality:
            return []
        rows: list[list[object]] = [["保密义务", "依据", "检查结果"]]
        rows += [[duty.text, duty.clause, f"{BOX}已落实 {BOX}未落实 {BOX}不适用"] for duty in c.confidentiality]
        return [self.p("四、保密义务", "h2"), self.table(rows, [100 * MM, 25 * MM, 45 * MM], name="保密义务表")]
