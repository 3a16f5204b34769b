"""Tooltips for the widgets of pages that do not set their own: what each field and button does, in one
sentence. A page's own tooltip always wins (only empty ones are filled), so a page may take these over."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .i18n import tr


def _fill(widget: QWidget | None, text: str) -> None:
    if widget is not None and not widget.toolTip():
        widget.setToolTip(text)


def explain(window) -> None:
    """The main window's own fields and the pages' widgets that have none."""
    _fill(window.contract_box, tr("要考核的合同；各页面都显示所选合同"))
    d = window.dashboard
    _fill(getattr(d, "deadlines", None), tr("60 天内的截止事项：人员材料报送、付款等"))
    _fill(getattr(d, "indicator_box", None), tr("趋势图显示的指标"))
    s = window.summary
    _fill(s.items_view, tr("本月各项的要求、实测与结论；双击一行到逐项录入的该项"))
    _fill(s.findings, tr("本月不达标项生成的问题（定稿时保存），可纳入整改通知书"))
    _fill(s.score_sheet_button, tr("预览并签发本月考核评分表（Ctrl+P）"))
    _fill(s.notice_button, tr("以本月问题起草整改通知书"))
    p = window.payments
    _fill(getattr(p, "view", None), tr("各期付款：考核月份、得分、扣减和实付；选中一期看扣减明细"))
    _fill(getattr(p, "deductions_view", None), tr("该期的扣减明细；双击转到对应月份和指标"))
    _fill(getattr(p, "record_button", None), tr("登记该期已付款的日期、金额和凭证；登记后本期数字冻结"))
    w = getattr(window, "workorders", None)
    if w is not None:
        _fill(getattr(w, "import_button", None), tr("导入 12345 系统导出的本月工单记录，计算相关指标"))
        _fill(getattr(w, "export_button", None), tr("把未达标的工单导出为表格，交乙方核对"))
        _fill(getattr(w, "rows", None), tr("工单记录中有误的行"))
    c = window.contracts_page
    _fill(c.list, tr("全部合同；选中一份查看和修改"))
    _fill(c.tree, tr("合同的全部内容（中文字段名；鼠标停在字段名上可看到它在合同文件中的位置）；双击值修改"))
    _fill(c.lint, tr("合同内在矛盾的检查结果"))
    _fill(getattr(c, "versions", None), tr("合同的各个版本；已定稿的月份按定稿时的版本考核"))
    _fill(c.new_button, tr("从内置或自己的模板新建一份合同"))
    _fill(getattr(c, "import_button", None), tr("导入合同文件（.json），全部校验通过才保存"))
    _fill(getattr(c, "export_button", None), tr("把所选合同导出为合同文件，可在另一台电脑导入"))
    _fill(c.save_button, tr("校验并保存修改，作为合同的新版本"))
    _fill(c.revert_button, tr("放弃未保存的修改"))


def explain_months(dashboard) -> None:
    """The dashboard's month buttons (made anew at each refresh)."""
    for period, button in getattr(dashboard, "month_buttons", {}).items():
        _fill(button, tr("{month}：单击进入该月的逐项录入").format(month=period.label()))
