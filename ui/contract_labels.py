"""The contract's fields in the inspector's words: the 合同 page shows these, never the JSON keys.

A key the table does not know (a field added to the schema later) is shown as it is, and a test keeps
every key of the shipped templates named here.
"""
from __future__ import annotations

from .i18n import tr

FIELD_LABELS = {
    "name": "合同名称", "contract_no": "合同编号", "project_no": "项目编号", "signed_on": "签订日期",
    "signed_place": "签订地点", "party_a": "甲方", "party_b": "乙方", "short_name": "简称", "address": "地址",
    "legal_rep": "法定代表人", "contact": "联系人", "phone": "电话", "bank": "开户银行", "account": "账号",
    "tax_no": "税号", "total": "合同总价", "total_in_words": "总价大写", "tax_rate": "税率(%)", "service": "服务期",
    "start": "开始", "end": "结束", "place": "服务地点", "hours": "服务时间", "bond": "履约保证金",
    "percent": "比例(%)", "amount": "金额", "amount_in_words": "大写", "form": "形式", "staffing": "人员配置",
    "roles": "岗位", "required": "要求人数", "indicators": "考核指标", "code": "编号", "definition": "考核内容",
    "comparator": "比较", "target": "目标值", "unit": "单位", "frequency": "考核周期", "points": "分值",
    "deduction_percent": "扣减比例(%)", "notes": "备注", "clause": "条款", "installments": "付款",
    "due": "付款日", "due_text": "付款时间（原文）", "first_month": "考核起始月", "last_month": "考核结束月",
    "deducts": "可扣减", "settings": "设置", "quarter_alignment": "季度划分", "staffing_basis": "人员缺口口径",
    "notice_deadline_days": "整改期限(天)", "minimum_wage": "最低工资", "scoring": "考核规则", "bands": "付款分档",
    "min": "下限", "late_penalty": "逾期违约金", "percent_per_day": "每日比例(%)", "obligations": "履约义务",
    "confidentiality": "保密义务", "text": "内容", "key": "键",
    "id": "合同标识", "schema_version": "格式版本", "family": "考核方式", "code_prefix": "指标编号前缀",
    "contract_numbers_in_text": "文中出现的合同编号", "after_signing": "签订后", "aliases": "别称",
    "as_written": "合同原文", "categories": "类别", "channels": "渠道", "date_text": "日期（原文）",
    "day_of_month": "每月报送日", "derivation": "计算方法", "derived": "由其他数据得出", "number": "期次",
    "due_working_days_after_signing": "签订后付款工作日数", "effective": "生效日期", "exclude": "不计入",
    "from": "起", "to": "止", "having": "条件", "incident_clause": "舆论事件条款", "incident_steps": "舆论事件扣分档",
    "incident_termination_count": "舆论事件解约次数", "limit": "上限", "marked": "已标记", "unmarked": "未标记",
    "numerator": "分子", "orders": "工单", "page": "页", "party": "签署方", "penalty_percent_per_person":
    "每缺一人扣减比例(%)", "percent_text": "比例（原文）", "reading": "解读", "readings": "约定解读",
    "remedies": "违约处理", "requirement_text": "人员要求（原文）", "return_working_days": "退还工作日数",
    "signature_blocks": "签署栏", "source": "来源", "spot_check_clause": "现场抽查条款",
    "spot_check_termination_count": "抽查不达标解约次数", "target_as_written": "目标值（原文）",
    "termination": "解除合同情形", "time_limit": "办理时限", "within": "时限内",
}


def field_label(key: str) -> str:
    """The Chinese (or, in English, the translated) label of a contract field."""
    return tr(FIELD_LABELS[key]) if key in FIELD_LABELS else key


def path_label(path: str) -> str:
    """A place in the contract file in words: 「staffing.roles[0].required」 → 「人员配置 › 岗位 1 › 要求人数」."""
    import re

    words = []
    for part in path.split("."):
        match = re.fullmatch(r"(\w*)((?:\[\d+\])*)", part)
        if not match:
            words.append(part)
            continue
        key, indexes = match.groups()
        if key:
            words.append(field_label(key))
        words += [tr("第 {n} 项").format(n=int(n) + 1) for n in re.findall(r"\[(\d+)\]", indexes)]
    return " › ".join(words)
