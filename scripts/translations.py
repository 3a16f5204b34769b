"""The English UI table, and the build of resources/translations/auditor_en.{ts,qm}.

    .venv/bin/python scripts/translations.py

Source strings are the Chinese ones in the code (``tr("…")``); a test checks
that each has an entry here. Contract content and the core's messages stay Chinese.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
EN = {
    "12345 热线服务合同履约考核": "12345 Hotline Contract Compliance Audit",
    # ---- issue 13: the inspector's day
    "60 天内的截止事项：人员材料报送、付款等": "Deadlines within 60 days: personnel files, payments…",
    "Excel 表格 (*.xlsx)": "Excel workbooks (*.xlsx)",
    "{kind}（{source}）": "{kind} ({source})",
    "{label} 已凭乙方电子签收登记签收：{by} {day}":
        "{label} received, signed electronically by the operator: {by} {day}",
    "{label} 已升级处理": "{label} escalated",
    "{label} 已整改（{day}）": "{label} rectified ({day})",
    "{label} 已核验关闭": "{label} checked and closed",
    "{label} 已签收：{by} {day}": "{label} received: {by} {day}",
    "{month}：单击进入该月的逐项录入": "{month}: click to open it in the walk-through",
    "{name}：{status}": "{name}: {status}",
    "{new} 与已导入的 {previous} 内容相同；替换只更新文件记录。":
        "{new} has the same content as {previous}; replacing it only updates the file record.",
    "{n} 份三天内到期：{numbers}": "{n} due within three days: {numbers}",
    "{n} 份通知书逾期未整改：{numbers}": "{n} notices overdue: {numbers}",
    "{what}中以下必需的列未能识别。请指出文件中对应的列（将为 {operator} 记住，可在“表头对应…”中更正）：":
        "These required columns of {what} were not recognised. Point out the file's column for each (remembered for"
        " {operator}; correctable under “Remembered headers…”):",
    "“{header}”一列不能同时作为“{a}”和“{b}”": "The column “{header}” cannot be both “{a}” and “{b}”",
    "“文书”菜单（Ctrl+P）预览并签发评分表、付款核算单和抽查记录，或打印空白现场检查表。随时按 F1 打开本页的使用说明。":
        "The Documents menu (Ctrl+P) previews and issues score sheets, payment statements and spot check records, o"
        "r prints the blank checklist. F1 opens the manual at the page in front.",
    "【示例数据】": "[Demo] ",
    "上一月": "Previous month",
    "上一步": "Back",
    "上限": "Limit",
    "下一月": "Next month",
    "下一步": "Next",
    "下一项": "Next",
    "下限": "Minimum",
    "不计入": "Excluded",
    "为 {operator} 记住的表头对应。选中后按“忘记所选”，下次导入时重新指定。":
        "Headers remembered for {operator}. Select and press “Forget selected” to map them again next time.",
    "乙方": "Operator",
    "乙方在回执签收栏电子签名后发回的 PDF：签收人和日期从签名中读取":
        "The PDF the operator signed in the receipt field: signer and date are read from the signature",
    "乙方报告整改完成的日期：默认今天，不能晚于今天":
        "The day the operator reported the rectification: today by default, never later",
    "乙方报送的文件": "The operator's files",
    "乙方报送的文件收到的日期（判断是否逾期报送）；默认今天":
        "The day the operator's files arrived (for late submission); today by default",
    "乙方的整改报告（PDF、图片或 Word 文件）": "The operator's rectification report (PDF, image or Word file)",
    "乙方签收的日期：默认今天，不能晚于今天": "The day the operator received it: today by default, never later",
    "人员缺口口径": "Staffing shortfall basis",
    "人员要求（原文）": "Staffing (as written)",
    "今天到期": "Due today",
    "从内置或自己的模板新建一份合同": "A new contract from a built-in or your own template",
    "从本月未处理的问题起草一份通知书": "Draft a notice from this month's open findings",
    "付款": "Installments",
    "付款分档": "Payment bands",
    "付款日": "Due date",
    "付款时间（原文）": "Due (as written)",
    "付款核算单": "Payment statement",
    "以往抽查": "Past checks",
    "以本月问题起草整改通知书": "Draft a rectification notice from the month's findings",
    "以本月问题起草通知书，签名签发后跟踪签收、整改和核验关闭；逾期的标红。":
        "Draft a notice from the month's findings, issue it signed, then follow receipt, rectification and closing;"
        " overdue ones are red.",
    "以检查人员证书签名并登记现场抽查记录（编号，此后不能修改）":
        "Sign and register the spot check record with the inspector's certificate (numbered, then unchangeable)",
    "以该月的问题（含本次抽查的缺岗、名单外人员）起草整改通知书":
        "Draft a rectification notice from that month's findings (this check's absences and unlisted staff too)",
    "作为证据保存（记录 SHA-256），与“已整改”在同一事务中登记":
        "Kept as evidence (SHA-256 recorded) in the same transaction as the step",
    "使用手册": "Manual",
    "保存本项并进入下一项（回车）": "Save this item and go to the next (Enter)",
    "保密承诺": "Confidentiality commitment",
    "先选择要考核的合同。合同的条款、指标和付款约定都在“合同”页中，可从模板新建或导入合同文件。":
        "First choose the contract. Its clauses, indicators and payments are on the Contracts page, where one is ma"
        "de from a template or imported.",
    "免考的理由，将印在评分表上": "Why the item is exempt; printed on the score sheet",
    "全部列": "All columns",
    "全部合同；选中一份查看和修改": "All contracts; select one to see and edit",
    "全部录入后定稿：本月结果和问题固定下来，此后修改须说明理由重新打开":
        "When all is entered: fixes the month's result and findings; a later change needs a reason to reopen",
    "全部录入后定稿：结果和问题固定下来。定稿前会请您确认。":
        "When all is entered, finalise: the result and findings are fixed. You are asked first.",
    "关闭本窗口（已打开的预览不受影响）": "Close this window (open previews stay)",
    "关闭本窗口，开始使用": "Close this and start",
    "内容": "Text",
    "再选择月份。月份前的圆点表示状态：绿色已定稿，橙色录入中，红色逾期未定稿。Ctrl+← / Ctrl+→ 切换月份。":
        "Then the month. The dot before it shows its state: green finalised, orange in progress, red overdue. Ctrl+"
        "← / Ctrl+→ change the month.",
    "分值": "Points",
    "分期考核评分表": "Installment score sheet",
    "刚录入 {item}：{verdict}": "Just entered {item}: {verdict}",
    "删除": "Removed",
    "别称": "Aliases",
    "剩余": "Left",
    "办理时限": "Time limit",
    "勾选纳入本通知书的问题；去掉勾选的问题留待以后处理":
        "Tick the findings this notice covers; unticked ones stay open for later",
    "升序排列": "Sort ascending",
    "单击表头排序；右键复制、导出或按列筛选；Ctrl+F 搜索":
        "Click a header to sort; right-click to copy, export or filter a column; Ctrl+F searches",
    "参加抽查的人员，多人用顿号分隔": "The inspectors, separated by 、",
    "参加检查的人员，多人用顿号分隔": "The inspectors, separated by 、",
    "双击查看完整身份证号（须说明理由，记入日志）；右键复制或导出":
        "Double-click to see a full ID number (a reason is asked and logged); right-click to copy or export",
    "变化": "Change",
    "变更（{n}）": "Changed ({n})",
    "只列出已结束的抽查。": "Only finished checks are listed.",
    "只在“{column}”列中搜索…": "Search only in “{column}”…",
    "只显示含有所输入文字的行（Ctrl+F）": "Show only the rows containing the text (Ctrl+F)",
    "可扣减": "Deductible",
    "各期付款：考核月份、得分、扣减和实付；选中一期看扣减明细":
        "Each installment: months, score, deductions, payable; select one for its deductions",
    "合同内在矛盾的检查结果": "Contradictions found in the contract",
    "合同原文": "As written",
    "合同名称": "Contract name",
    "合同总价": "Contract total",
    "合同标识": "Contract ID",
    "合同的全部内容（中文字段名；鼠标停在字段名上可看到它在合同文件中的位置）；双击值修改":
        "The whole contract (hover a field to see its place in the contract file); double-click a value to edit",
    "合同的各个版本；已定稿的月份按定稿时的版本考核": "The contract's versions; finalised months keep theirs",
    "合同编号": "Contract number",
    "否": "No",
    "回到上一步": "Back to the previous step",
    "回到上一项": "Back to the previous item",
    "在全部列中搜索": "Search all columns",
    "在哪一列中搜索": "Which column to search",
    "在回执上签字的乙方人员姓名": "The operator's person who signed the receipt",
    "在岗但不在人员名单上的人：登记后抽查不达标，并记为问题":
        "Someone at work who is not on the roster: the check then fails and it becomes a finding",
    "在新窗口中打开示例数据库试用（与正式数据分开）":
        "Open the demo database in a window of its own (apart from your data)",
    "在新窗口中打开虚构的示例数据库试用": "Open the made-up demo database in a new window",
    "在现场逐人核对：输入几个字找到人员，回车在岗，F2 请假，F3 缺岗。缺岗和名单外人员记为问题。":
        "On site, person by person: type a few characters, Enter present, F2 on leave, F3 absent. Absences and unli"
        "sted staff become findings.",
    "在职但未签保密承诺的人员；可多选（Ctrl/Shift+单击）":
        "Staff without a signed commitment; select several with Ctrl/Shift+click",
    "地址": "Address",
    "处理意见": "Action taken",
    "备注，将印在评分表上": "A note; printed on the score sheet",
    "复制": "Copy",
    "复制所选行": "Copy selected rows",
    "复制整个表格": "Copy the whole table",
    "大写": "In words",
    "季度划分": "Quarter alignment",
    "完成": "Done",
    "定稿": "Finalise",
    "定稿 {month}？": "Finalise {month}?",
    "定稿后本月结果和问题固定下来，撤销记录清空；此后修改须说明理由重新打开。":
        "Finalising fixes the month's result and findings and clears the undo history; a later change needs a reaso"
        "n to reopen.",
    "实测值、分子/分母、事件日志（按时限逐件判断）或免考":
        "A value, numerator/denominator, an event log (each case against the time limit) or exempt",
    "实测值，如 96.5 或 96.5%；回车保存并进入下一项": "Measured value, e.g. 96.5 or 96.5%; Enter saves and goes on",
    "对象": "For",
    "导入 12345 系统导出的本月工单记录，计算相关指标": "Import the month's work orders exported from the 12345 system",
    "导入乙方报送的{kind}（.xlsx、.xls 或 .csv；有误的文件整份不导入）":
        "Import the operator's {kind} (.xlsx, .xls or .csv; a file with errors is not imported at all)",
    "导入人员名单、工资表、五险一金和转账记录，再点“核对”：差异记为本月问题。":
        "Import roster, payroll, insurance and transfers, then Reconcile: differences become findings.",
    "导入合同文件（.json），全部校验通过才保存": "Import a contract file (.json); saved only if all of it is valid",
    "导出 Excel…": "Export Excel…",
    "导出为 Excel": "Export to Excel",
    "导出为 Excel…": "Export to Excel…",
    "尚未签发": "Not issued yet",
    "履约义务": "Obligations",
    "履约保证金": "Performance bond",
    "岗位": "Roles",
    "工单": "Work orders",
    "工单记录中有误的行": "The rows of the work orders with errors",
    "已在新窗口中打开示例数据：{path}": "Demo data opened in a new window: {path}",
    "已复制 {n} 行（制表符分隔，可直接粘贴到表格）":
        "Copied {n} rows (tab-separated, ready to paste into a spreadsheet)",
    "已定稿 {month}": "Finalised {month}",
    "已导入{kind}：{source}，{rows} 行": "Imported {kind}: {source}, {rows} rows",
    "已导出 {n} 行到 {path}": "Exported {n} rows to {path}",
    "已开始抽查：{n} 人应在岗": "Check started: {n} should be at work",
    "已忘记 {n} 个表头对应；下次导入时重新指定": "Forgot {n} remembered headers; they will be asked for next time",
    "已整改": "Rectified",
    "已标记": "Marked",
    "已签发 {number}，整改期限 {deadline}": "Issued {number}, due {deadline}",
    "已签发 {title} {number}": "Issued {title} {number}",
    "已签发：{numbers}": "Issued: {numbers}",
    "已记为本月问题，可纳入整改通知书。": "Recorded as this month's findings, ready for a notice.",
    "已记录 {n} 人签署保密承诺：{names}": "Recorded {n} signed commitments: {names}",
    "已记录保密义务检查：{status}": "Duty check recorded: {status}",
    "已起草 {label}（{n} 个问题）": "Drafted {label} ({n} findings)",
    "已转到 {month}": "Now showing {month}",
    "已重新打开 {month}": "Reopened {month}",
    "帮助": "Help",
    "应在岗的人员及核对结果；选中后按回车、F2 或 F3 记录":
        "Who should be at work and how they were found; select one and press Enter, F2 or F3",
    "开始": "Start",
    "开户银行": "Bank",
    "当前窗口已是示例数据": "This window is the demo already",
    "形式": "Form",
    "忘记所选": "Forget selected",
    "总件数（分母）；回车保存": "All cases (denominator); Enter saves",
    "总价大写": "Total in words",
    "恢复原顺序": "Original order",
    "所选行（未选则整个表格）复制为制表符分隔的文字（Ctrl+C）":
        "Copy the selected rows (or the whole table) as tab-separated text (Ctrl+C)",
    "手册内容；可选中文字复制": "The manual; text can be selected and copied",
    "手册的各节；单击查看": "The manual's sections; click one",
    "打开": "Open",
    "打开对应的页面": "Open the page for it",
    "打开所选抽查：未结束的继续核对，已结束的查看结果":
        "Open the selected check: an unfinished one to go on checking, a finished one to look at",
    "打开示例数据": "Open demo data",
    "扣减比例(%)": "Deduction (%)",
    "找不到使用手册文件（docs/manual.md）。": "The manual (docs/manual.md) was not found.",
    "把截图、导出表等文件作为本项证据保存（记录 SHA-256）":
        "Keep a screenshot, an export or another file as this item's evidence (its SHA-256 recorded)",
    "把所选合同导出为合同文件，可在另一台电脑导入": "Export the contract as a file to import elsewhere",
    "把未达标的工单导出为表格，交乙方核对": "Export the failing work orders for the operator to check",
    "把表格（按当前排序和搜索）导出为 .xlsx 文件": "Export the table (as sorted and searched) to an .xlsx file",
    "抽查不达标解约次数": "Failed spot checks giving a termination right",
    "抽查的地点，印在现场抽查记录上": "Where the check is made; printed on the record",
    "抽查的时间：按排班表列出此刻应在岗的人员（无排班表时为全部在职人员）":
        "When the check is made: the schedule gives who should be at work then (without one, all staff)",
    "指标编号前缀": "Indicator code prefix",
    "按所填时间列出应在岗人员，开始逐人核对": "List who should be at work at that time and start checking them",
    "按该期考核月份的结果；未定稿的月份为暂估。":
        "From the results of the installment's months; months not finalised are provisional.",
    "搜索": "Search",
    "搜索…": "Search…",
    "搜索…（Esc 清除）": "Search… (Esc clears)",
    "撤销上一步录入": "Undo the last entry",
    "放弃未保存的修改": "Drop the unsaved changes",
    "整改报告": "Rectification report",
    "整改报告 (*.pdf *.png *.jpg *.jpeg *.doc *.docx);;所有文件 (*)":
        "Rectification reports (*.pdf *.png *.jpg *.jpeg *.doc *.docx);;All files (*)",
    "整改日期": "Rectified on",
    "整改期限(天)": "Rectification period (days)",
    "文中出现的合同编号": "Contract numbers in the text",
    "文书": "Documents",
    "文书与帮助": "Documents and help",
    "文书针对的月份、期次或抽查": "The month, installment or spot check it is for",
    "文书（预览、签发、打印）…": "Documents (preview, issue, print)…",
    "文件中哪一列是“{field}”": "Which column of the file is “{field}”",
    "文件类别：文件中的表头 → 程序中的项目": "File kind: header in the file → field",
    "新增": "Added",
    "新手导览": "Guided tour",
    "无法启动新窗口；可用 --db {path} 打开。": "Could not start a new window; open it with --db {path}.",
    "日期（原文）": "Date (as written)",
    "时限内": "Within",
    "是": "Yes",
    "替换": "Replace",
    "替换后各人员的变化；身份证号只显示前四位和后四位":
        "What changes for each person; ID numbers show only their first and last four characters",
    "替换已导入的{kind}": "Replace the imported {kind}",
    "最低工资": "Minimum wage",
    "月度考核明细": "Month items",
    "服务地点": "Service place",
    "服务时间": "Service hours",
    "服务期": "Service term",
    "未导入 {name}：未指定表头": "{name} not imported: headers not mapped",
    "未替换：{kind}仍为 {source}": "Not replaced: the {kind} is still {source}",
    "未标记": "Unmarked",
    "未核对": "Not reconciled",
    "未生成示例数据": "Demo data not made",
    "未签发": "Not issued",
    "未结束": "Not finished",
    "未记录": "Not recorded",
    "未附整改报告。仍记为已整改？": "No rectification report attached. Record as rectified anyway?",
    "本合同的历次抽查；双击打开": "The contract's spot checks; double-click to open",
    "本月不达标项生成的问题（定稿时保存），可纳入整改通知书":
        "The findings of the month's failures (kept at finalising), for a notice",
    "本月发生的严重舆论事件数；回车保存": "Serious public-opinion incidents this month; Enter saves",
    "本月各项的要求、实测与结论；双击一行到逐项录入的该项":
        "The month's items, their targets, figures and verdicts; double-click to open one in the walk-through",
    "本月已导入 {previous}。用 {new} 替换它：新增 {a} 人，删除 {r} 人，变更 {c} 人。":
        "{previous} is imported for this month. Replacing it by {new}: {a} added, {r} removed, {c} changed.",
    "本月已录入的项数": "Items entered this month",
    "本月应录入的各项；√ 达标，× 不达标，○ 未录入，免 免考。单击跳到该项":
        "The items due this month; √ passed, × failed, ○ not entered, 免 exempt. Click to go there",
    "本月应考核的各项按顺序列在这里。右侧录入实测值，回车保存并进入下一项，结论立即显示。":
        "The month's items, in order. Enter the figure on the right; Enter saves and goes on; the verdict shows at "
        "once.",
    "本月检查该项保密义务的结果": "This month's check of the duty",
    "本月的考核指标、人员配置和人员名单（勾选框），打印后带到现场填写":
        "The month's indicators, staffing and roster (with tick boxes), to print and fill in on site",
    "本页的使用说明": "The manual for the page in front",
    "本项的证据文件；双击打开（先核对 SHA-256）": "This item's evidence; double-click to open (SHA-256 checked first)",
    "条件": "Condition",
    "条款": "Clause",
    "来源": "Source",
    "查看 {at} 的抽查结果": "The check of {at}",
    "查看或忘记为乙方记住的表头对应（指定错了可在此更正）":
        "See or forget the headers remembered for the operator (to correct a wrong mapping)",
    "查看通知书（已签发的为登记的签名件），可打印、另存（双击一行亦可）":
        "View the notice (an issued one as registered and signed), print or save it (or double-click a row)",
    "标记已签": "Mark as signed",
    "校验并保存修改，作为合同的新版本": "Check and save the changes as a new version",
    "核对名单、工资表、五险一金与转账记录，差异记为本月问题":
        "Check roster, payroll, insurance and transfers against each other; differences become findings",
    "核对完成：{n} 处差异，已记为本月问题": "Reconciled: {n} differences, recorded as findings",
    "核对完成：名单、工资、五险一金与转账记录一致": "Reconciled: roster, payroll, insurance and transfers agree",
    "核对结果": "Reconciliation",
    "核验人": "Checked by",
    "核验整改结果后关闭通知书及其问题": "Close the notice and its findings once the rectification is checked",
    "核验整改结果的人员": "Who checked the rectification",
    "格式版本": "Format version",
    "检查人员签名证书的口令": "The passphrase of the inspector's signing certificate",
    "检查情况的说明（未落实时写明问题，印在问题清单上）":
        "What was found (for a gap: the problem, printed with the findings)",
    "欢迎使用": "Welcome",
    "止": "To",
    "正在比较…": "Comparing…",
    "正在比较新旧文件…": "Comparing the new file with the imported one…",
    "正在生成{title}…": "Rendering the {title}…",
    "正在生成示例数据…": "Making the demo data…",
    "每日比例(%)": "Percent per day",
    "每月报送日": "Day of the month due",
    "每缺一人扣减比例(%)": "Deduction per missing person (%)",
    "每行一件：受理时间、办结时间（Tab 分隔，从表格粘贴）；Ctrl+回车保存":
        "One case a line: received, done (tab-separated, pasted from a spreadsheet); Ctrl+Enter saves",
    "比例(%)": "Percent",
    "比例（原文）": "Percent (as written)",
    "比较": "Comparator",
    "法定代表人": "Legal representative",
    "渠道": "Channels",
    "现场抽查条款": "Spot check clause",
    "现场抽查记录": "Spot check record",
    "现场抽查记录：已签发的为登记的签名件，否则为预览":
        "The spot check record: the registered, signed copy once issued, else a preview",
    "现场检查的地点，印在通知书上": "Where the inspection took place; printed on the notice",
    "现场检查的日期": "The day of the inspection",
    "现场检查表": "On-site checklist",
    "现场检查表（空白，现场手填）": "On-site checklist (blank, filled in by hand)",
    "生成未签名的预览（每页有“预览”字样），可打印、另存":
        "Make an unsigned preview (marked 预览 on every page) to print or save",
    "生效日期": "Effective",
    "由其他数据得出": "Derived",
    "甲方": "Purchaser",
    "电话": "Phone",
    "登记乙方报告已整改：日期和整改报告（作为证据保存）":
        "Record that the operator reports it rectified: the date and its report (kept as evidence)",
    "登记乙方签收：签收人和日期，或乙方电子签收的 PDF":
        "Record the operator's receipt: who and when, or the PDF it signed",
    "登记该期已付款的日期、金额和凭证；登记后本期数字冻结":
        "Record the payment's date, amount and voucher; the installment's figures are then frozen",
    "目标值": "Target",
    "目标值（原文）": "Target (as written)",
    "直接开始": "Start",
    "看下一步": "The next step",
    "确定": "OK",
    "示例数据": "Demo data",
    "税号": "Tax number",
    "税率(%)": "Tax rate (%)",
    "空白现场检查表…": "Blank on-site checklist…",
    "空白表格：带到现场手工填写，不编号、不签名、不登记。":
        "A blank form to fill in by hand on site: not numbered, signed or registered.",
    "第 {n} 项": "item {n}",
    "第{n}期（{due}）": "Installment {n} ({due})",
    "签发日期：默认今天，不能晚于今天": "Issue date: today by default, never later",
    "签发记录…": "Issue record…",
    "签署方": "Party",
    "签署日期记为 {day}；记录不能撤销。": "The signing date is recorded as {day}; this cannot be undone.",
    "签署栏": "Signature blocks",
    "签订后": "After signing",
    "签订后付款工作日数": "Working days after signing",
    "签订地点": "Signed at",
    "签订日期": "Signed on",
    "简称": "Short name",
    "约定解读": "Readings",
    "结束": "End",
    "结束导览": "End tour",
    "结束导览（Esc）；可随时从“帮助”菜单再看": "End the tour (Esc); it is in the Help menu any time",
    "结束并判定结果；不达标的人员记为本月问题，可纳入整改通知书":
        "Finish and judge the check; failures become this month's findings for a notice",
    "继续抽查（{at}）": "Going on with the check of {at}",
    "编号、以检查人员证书签名并登记；签发后不能修改":
        "Number, sign with the inspector's certificate and register; unchangeable afterwards",
    "编号、签名并登记；签发后不能修改": "Number, sign and register it; it cannot be changed afterwards",
    "考核内容": "Definition",
    "考核周期": "Frequency",
    "考核方式": "Scheme",
    "考核结束月": "Last month assessed",
    "考核规则": "Scoring",
    "考核评分表、分期考核评分表、付款核算单、现场抽查记录：先预览，再签名签发":
        "Score sheets, installment sheets, payment statements, spot check records: preview, then issue signed",
    "考核评分表（月度）": "Score sheet (month)",
    "考核起始月": "First month assessed",
    "联系人": "Contact",
    "舆论事件扣分档": "Incident steps",
    "舆论事件条款": "Incident clause",
    "舆论事件解约次数": "Incidents giving a termination right",
    "表头对应": "Remembered headers",
    "表头对应…": "Remembered headers…",
    "表格": "Table",
    "要求人数": "Required",
    "要生成的文书": "The document to make",
    "要考核的合同；各页面都显示所选合同": "The contract assessed; every page shows it",
    "解读": "Reading",
    "解除合同情形": "Termination",
    "计算方法": "Derivation",
    "记为已整改": "Record as rectified",
    "记为已整改后，{label} 等待核验关闭；此步不能撤销。":
        "Once recorded as rectified, {label} waits to be checked and closed; this cannot be undone.",
    "记录以下 {n} 人已签署保密承诺？": "Record that these {n} persons signed the confidentiality commitment?",
    "记录所选人员今天已签署保密承诺（先确认，记录不能撤销）":
        "Record that the selected persons signed today (confirmed first; cannot be undone)",
    "记录文号": "Record number",
    "该期的扣减明细；双击转到对应月份和指标": "The installment's deductions; double-click to open the month and item",
    "说明理由后重新打开已定稿的月份（理由记入历史）": "Reopen a finalised month, giving a reason (kept in the history)",
    "请为以下各项选择列：{fields}": "Choose a column for: {fields}",
    "请先在列表中选择已签保密承诺的人员": "First select in the list the persons who signed the commitment",
    "起": "From",
    "起草": "Draft",
    "起草一份更正并替代所选通知书的新通知书": "Draft a new notice that corrects and replaces the selected one",
    "起草整改通知书…": "Draft a notice…",
    "趋势图显示的指标": "The indicator the trend chart shows",
    "转到": "Go",
    "输入姓名或工号的几个字找到人员；回车记为在岗，F2 请假，F3 缺岗":
        "Type a few characters of a name or staff number; Enter marks present, F2 on leave, F3 absent",
    "达标的件数（分子）；回车保存": "Cases meeting the target (numerator); Enter saves",
    "还剩 {n} 天": "{n} days left",
    "这是 12345 热线服务合同履约考核程序。每月：逐项录入考核指标，导入乙方报送的人员与薪资文件，到现场抽查，定稿"
    "后起草并签发整改通知书和各类文书。\n\n第一次使用，可以先打开示例数据试一试（在新窗口中，与正式数据分开），或"
    "看一遍新手导览。随时按 F1 查看使用手册。":
        "This program audits 12345 hotline service contracts. Each month: enter the indicators, import the operator"
        "'s staff and payroll files, check on site, finalise, then draft and issue notices and documents.\n\nThe fi"
        "rst time, try the demo data (in a window of its own, apart from your data) or the guided tour. F1 opens th"
        "e manual any time.",
    "这是示例数据库：其中的合同月份、人员和问题都是虚构的，只供试用，不是正式的考核记录。":
        "This is the demo database: its months, people and findings are made up, to try things out; it is not an ag"
        "ency's records.",
    "进行中": "In progress",
    "违约处理": "Remedies",
    "退还工作日数": "Working days to return",
    "选择乙方的整改报告": "Choose the operator's rectification report",
    "选择整改报告": "Choose the rectification report",
    "逐一指出窗口中的主要部分": "Point out the main parts of the window, one by one",
    "逐项录入的上一项": "Previous item of the walk-through",
    "逐项录入的下一项": "Next item of the walk-through",
    "逾期 {n} 天": "{n} days overdue",
    "逾期天数": "Days late",
    "逾期未整改的处理意见，如约谈、扣款、解约":
        "What is done about the overdue notice: a meeting, a deduction, termination",
    "逾期未整改：记录处理意见": "Overdue: record what is done about it",
    "逾期违约金": "Late penalty",
    "重做刚撤销的录入": "Redo the entry just undone",
    "重新导入…": "Import again…",
    "键": "Key",
    "降序排列": "Sort descending",
    "页": "Page",
    "项目编号": "Project number",
    "预览…": "Preview…",
    "预览并签发本月考核评分表（Ctrl+P）": "Preview and issue the month's score sheet (Ctrl+P)",
    "默认今天，不能晚于今天": "Today by default, never later",
    "（名单中另有一人身份证号相同）": " (another roster row has the same ID number)",
    "（尚未记住任何表头）": "(no header remembered yet)",
    "（请选择）": "(choose)",
    "，整改报告已作为证据保存": ", its report kept as evidence",
    "；已据名单填入本月月均在岗人数": "; the month's average headcount filled in from the roster",
    "；未使用的列：{columns}": "; columns not used: {columns}",
    # ---- end of issue 13 strings
    "{n} 项": "{n} items", "{role}（月均）": "{role} (monthly average)", "上一项": "Previous",
    "不扣减": "No deductions", "不能定稿": "Cannot finalise", "不能重新打开": "Cannot reopen", "不达标": "Failed",
    "严重舆论事件数": "Serious public-opinion incidents", "事件": "Events", "事件数": "Incidents",
    "事件日志": "Event log", "人员": "Staff", "人员配置": "Staffing", "从模板新建…": "New from template…",
    "从模板新建合同": "New contract from template",
    "从表格粘贴两列：受理时间、办结时间（未办结留空）":
        "Paste two columns from a spreadsheet: received, done (blank if not done)",
    "付款时间": "Due", "付款核算": "Payments", "仪表盘": "Dashboard", "依据": "Basis", "保存修改": "Save changes",
    "值": "Value", "免考": "Exempt", "免考理由（必填）": "Reason for exemption (required)",
    "内部错误": "Internal error",
    "内部错误：{name}": "Internal error: {name}", "分子": "Numerator", "分子 / 分母": "Numerator / denominator",
    "分母": "Denominator", "取消": "Cancel",
    "可从履约保证金中扣除 {amount}": "Claimable from the performance bond: {amount}",
    "可拒绝付款：": "Payment may be refused: ", "合同": "Contracts",
    "合同检查（内在矛盾）：": "Contract lint (inconsistencies):",
    "合同：": "Contract:", "备注": "Note", "如 96.5 或 96.5%": "e.g. 96.5 or 96.5%", "字段": "Field", "实付": "Payable",
    "实测": "Measured", "实测值": "Measured value", "导入月度录入文件…": "Import month entries file…", "已定": "Final",
    "已定稿": "Finalised", "已导入 {contract} {period}": "Imported {contract} {period}",
    "已录入 {done}/{total}": "Entered {done}/{total}", "录入方式": "Entry", "得分": "Points",
    "得分 / 扣款": "Points / deduction", "得分 / 比例": "Score / band", "得分 {points}": "Points {points}",
    "扣减": "Deductions", "扣款": "Deduction", "扣款 {amount}": "Deduction {amount}", "指标趋势：": "Indicator trend:",
    "提示": "Note", "撤销": "Undo", "放弃修改": "Discard changes", "数值": "Value",
    "整改通知书…": "Rectification notice…", "文书功能尚未提供": "Documents are not available yet", "文件": "File",
    "文件 {name} 与录入时的 SHA-256 不一致，可能已被改动。":
        "The file {name} no longer matches the SHA-256 recorded when it was added; it may have been altered.",
    "新合同编号（小写字母、数字和连字符）：": "New contract id (lower-case letters, digits, hyphens):",
    "无法打开数据库": "Cannot open the database", "无法添加证据": "Cannot add evidence", "无法计算": "Cannot compute",
    "时限": "Time limit", "暂估": "Provisional",
    "暂估：未完成或未定稿的月份 {months}": "Provisional: months not complete or not finalised {months}",
    "月份": "Month", "月份：": "Month:", "月度汇总": "Month summary", "服务期各月": "Months of the service term",
    "期次": "Installment", "未保存": "Not saved", "未创建": "Not created", "未发现矛盾": "No inconsistencies found",
    "未完成：{items}": "Unfinished: {items}", "未定稿": "Not finalised", "未导入": "Not imported",
    "未录入": "Not entered",
    "未录入 {n} 项": "{n} items not entered", "本月严重舆论事件数": "Serious incidents this month",
    "本月定稿": "Finalise month", "本月得分 {score}": "Month score {score}",
    "本月扣减 {amount}": "Month deductions {amount}",
    "本月问题（不达标项生成，定稿时保存）：": "Findings of the month (from failures, stored when finalised):",
    "模板：": "Template:", "正在导入…": "Importing…", "正在打开…": "Opening…", "无法预览": "Cannot preview",
    "暂按不达标扣款 {amount}": "provisionally deducted as failed: {amount}",
    "正在校验…": "Validating…", "注意：": "Note: ",
    "添加证据…": "Add evidence…", "状态": "State", "理由": "Reason",
    "理由（将记入历史）：": "Reason (kept in history):",
    "界面语言": "Language", "界面语言将在重新启动后生效。": "The language takes effect after a restart.",
    "确认并下一项": "Accept and next",
    "程序遇到意外错误（{name}），当前操作未完成，已保存的数据不受影响。":
        "An unexpected error occurred ({name}); the current action was not completed and saved data is unaffected.",
    "第{n}期": "No. {n}",
    "第{n}期 应付 {gross}，扣减 {ded}，上期结转 {carry}，实付 {pay}（{words}）":
        "Installment {n}: due {gross}, deductions {ded}, carried in {carry}, payable {pay} ({words})",
    "类别": "Kind", "结果": "Result", "结转下期扣减 {amount}": "Carried to the next installment: {amount}",
    "编号": "Code",
    "编辑": "Edit", "缺口 {n} 人": "{n} persons short", "考核指标": "Indicator", "考核月份": "Months assessed",
    "考核评分表…": "Score sheet…", "要求": "Target", "要求 {n} 人": "{n} required", "警告": "Warning",
    "设置": "Settings",
    "证据已被改动": "Evidence altered", "证据：": "Evidence:", "详情已记录在 {path}": "Details were logged in {path}",
    "说明": "Detail", "请填写每个岗位的月均在岗人数": "Enter the monthly average headcount of every role",
    "近期截止事项（60 天内）": "Upcoming deadlines (60 days)", "退出": "Quit",
    "选择月度录入文件": "Choose a month entries file",
    "选择证据文件": "Choose an evidence file", "逐项录入": "Walk-through", "重做": "Redo", "重新打开…": "Reopen…",
    "重新打开已定稿月份": "Reopen a finalised month", "金额": "Amount", "错误": "Error", "项": "items",
    "（无）": "(none)",
    "{source}，{rows} 行，{day} 收到": "{source}, {rows} rows, received {day}",
    "乙方报送（收到日期）": "Operator's submissions (date received)", "人员与薪资": "Staff & payroll",
    "人员名单、工资与社保": "Roster, payroll and social insurance", "保密义务": "Confidentiality",
    "名单外在岗人员": "Person working, not on the roster",
    "名单月均在岗：{heads}；人员流失率 {rate}%": "Roster monthly average: {heads}; turnover {rate}%",
    "在岗": "Present", "地点": "Place", "姓名": "Name", "姓名：": "Name:", "导入…": "Import…",
    "尚有 {n} 项未检查": "{n} duties not checked yet", "尚未导入人员名单": "No roster imported yet", "岗位：": "Role:",
    "已全部检查": "All checked", "开始抽查": "Start check", "打开…": "Open…", "抽查不达标：": "Check failed: ",
    "抽查达标": "Check passed", "收到": " received",
    "收到日期应写作 YYYY-MM-DD": "Write the date received as YYYY-MM-DD",
    "收到日期：": "Received on:", "文件与行": "File and row", "无法开始": "Cannot start", "日期有误": "Wrong date",
    "时间": "Time", "未报送": "Not submitted", "未核": "Not checked", "未检查": "Not checked",
    "未签保密承诺的在职人员：": "Staff without a signed confidentiality commitment:",
    "标记所选人员已签保密承诺": "Mark the selected as signed", "核对": "Reconcile",
    "核对人员名单、工资表、五险一金缴纳记录与工资发放转账记录":
        "Reconcile roster, payroll, social insurance and salary transfers",
    "核对结果：": "Findings:", "检查人员": "Inspectors", "检查情况": "What was found", "现场抽查": "Spot check",
    "登记名单外在岗人员…": "Add a person not on the roster…", "第 {n} 行": "row {n}", "结束抽查": "Finish check",
    "缺岗": "Absent", "表格 (*.xlsx *.xls *.csv)": "Spreadsheets (*.xlsx *.xls *.csv)", "请假": "On leave",
    "身份证号": "ID number", "输入姓名或工号的几个字，回车=在岗，F2=请假，F3=缺岗":
        "Type part of a name or employee no.; Enter = present, F2 = on leave, F3 = absent",
    "选择{kind}": "Choose the {kind}", "（名单外）": " (not on roster)",
    "人员名单": "Roster", "排班表": "Schedule", "工资表": "Payroll",
    "五险一金缴纳记录": "Social insurance and housing fund",
    "工资发放转账记录": "Salary transfers", "已落实": "In place", "未落实": "Gap", "不适用": "Not applicable",
    "指定表头": "Map columns", "以下必需的列未能识别，请指出文件中对应的列（将为 {operator} 记住）：":
        "These required columns were not recognised; pick the file's column for each (remembered for {operator}):",
    "查看完整身份证号": "Show the full ID number", "理由（将记入日志）：": "Reason (logged):", "未显示": "Not shown",
    "完整身份证号": "Full ID number", "双击查看完整身份证号（须说明理由，记入日志）":
        "Double-click to show the full ID number (a reason is required and logged)",
    "应发工资": "Gross pay", "实发工资": "Net pay", "岗位类别": "Role", "入职日期": "Hire date",
    "离职日期": "Leave date",
    "学历": "Education", "同类管理经验年限": "Years of similar management", "日期": "Date", "班次": "Shift",
    "开始时间": "Start", "结束时间": "End", "养老保险": "Pension", "医疗保险": "Medical", "失业保险": "Unemployment",
    "工伤保险": "Work injury", "住房公积金": "Housing fund", "账号": "Account", "工号": "Employee no.",
    "报送期限": "Submission deadlines", "按时": "on time", "逾期": "late", "截止": "due",
    "两次输入的口令不一致": "The two passphrases differ", "乙方签收人：": "Received by (operator):",
    "共 {n} 页": "{n} pages", "关闭": "Close", "再次输入口令": "Repeat passphrase", "升级处理": "Escalate",
    "升级处理…": "Escalate…", "单位": "Organisation", "另存为": "Save as", "另存为…": "Save as…",
    "图片 (*.png *.jpg)": "Images (*.png *.jpg)", "处理意见：": "Decision:", "已升级处理": "Escalated",
    "已整改…": "Rectified…", "已整改待核验": "Rectified, to verify", "已核验关闭": "Verified and closed",
    "已签发": "Issued", "已签收": "Received", "已被替代": "Superseded",
    "手写签名（在框内书写）：": "Handwritten signature (write in the box):", "打印…": "Print…",
    "改用单位颁发的证书（.p12）…": "Use a certificate issued by the agency (.p12)…", "整改期限": "Deadline",
    "整改通知书": "Rectification notices",
    "文件已被改动或损坏，签名无效。": "The file was altered or is damaged; the signature is not valid.",
    "文件未签名。": "The file is not signed.", "文号": "Number", "无可纳入的问题": "No findings to include",
    "未完成": "Not done", "未生成": "Not generated",
    "本月没有未处理的问题（问题在月度定稿或核对时生成）。":
        "No open findings this month (findings are made when a month is finalised or reconciled).",
    "核验人：": "Verified by:", "核验关闭": "Verify and close", "核验关闭…": "Verify and close…",
    "核验文书签名…": "Verify a signed document…", "核验结果": "Verification", "检查人员签名": "Inspector's signature",
    "检查人员签名…": "Inspector's signature…", "检查地点": "Place of inspection", "检查日期": "Date of inspection",
    "检查日期应写作 YYYY-MM-DD": "Write the date of inspection as YYYY-MM-DD", "正在生成…": "Generating…",
    "正在生成并签名…": "Generating and signing…", "正在生成考核评分表…": "Generating the score sheet…",
    "正在签发…": "Issuing…", "清除": "Clear", "签发": "Issue", "签发…": "Issue…", "签名口令": "Passphrase",
    "签名口令：": "Passphrase:",
    "签名有效，文件未被改动。\n签名人：{who}（{org}）\n时间：{when}\n文号：{number}":
        "The signature is valid and the file unchanged.\nSigner: {who} ({org})\nTime: {when}\nNumber: {number}",
    "签收": "Receipt", "签收…": "Received…", "纳入通知书的问题：": "Findings to include:", "考核评分表": "Score sheet",
    "草稿": "Draft", "请填写姓名和单位": "Enter your name and organisation",
    "起草整改通知书": "Draft a rectification notice",
    "起草更正…": "Draft a correction…", "起草（本月问题）…": "Draft (this month's findings)…",
    "载入签名图片…": "Load image…", "选择签名图片": "Choose a signature image",
    "选择要核验的 PDF": "Choose the PDF to verify", "选择证书": "Choose a certificate", "问题数": "Findings",
    "预览 / 打印…": "Preview / print…",
    "首次签名前创建您的签名证书（EC P-256），由您设定的口令保护。":
        "Before signing for the first time, create your signing certificate (EC P-256), "
        "protected by a passphrase you choose.",
    "（逾期）": " (overdue)",
    "核验审计日志…": "Verify the audit log…", "审计日志": "Audit log",
    "审计日志完整：{n} 条记录，数据与记录一致。": "The audit log is complete: {n} entries, and the data matches them.",
    "\n……另有 {n} 处": "\n… and {n} more", "审计日志发现问题": "Audit log problems",
    "数据库在程序之外被改动过：": "The database was changed outside the app:",
    "备份…": "Back up…", "从备份恢复…": "Restore from backup…", "备份到": "Back up to",
    "备份 (*.zip)": "Backups (*.zip)",
    "未备份": "Not backed up", "已备份到 {path}": "Backed up to {path}", "选择备份": "Choose a backup",
    "不能恢复": "Cannot restore", "从备份恢复": "Restore from backup",
    "用该备份替换当前数据？当前数据库会保留一份副本。":
        "Replace the current data with this backup? A copy of the current database is kept.",
    "已恢复": "Restored",
    "已恢复。原数据库保留为 {kept}。\n请重新启动程序。":
        "Restored. The previous database is kept as {kept}.\nPlease start the app again.",
    "加密数据库": "Encrypted database", "数据库口令：": "Database passphrase:",
    "导出审计包…": "Export audit bundle…", "导入审计包…": "Import audit bundle…", "导出审计包": "Export audit bundle",
    "审计包 (*.auditor-bundle)": "Audit bundles (*.auditor-bundle)", "未导出": "Not exported",
    "已导出 {path}（身份证号已脱敏）": "Exported {path} (ID numbers masked)", "导入审计包": "Import audit bundle",
    "已导入": "Imported", "签名人：{who}\n新增 {added} 条，已有且相同 {same} 条":
        "Signed by: {who}\n{added} added, {same} already here and identical",
    # contract versions (ui/pages/contracts.py)
    "版本记录（已定稿的月份按定稿时的版本考核）：":
        "Versions (a finalised month is assessed under the version it was finalised with):",
    "第 {n} 版　{at}　{who}　{summary}": "Version {n}  {at}  {who}  {summary}", "第 {n} 版": "version {n}",
    "定稿月份：{months}": "Finalised months: {months}", "修改合同": "Edit contract",
    "未保存：已定稿的月份保持不变": "Not saved: the finalised months are unchanged",
    "已定稿的 {n} 个月份保留定稿时的合同版本，不重新考核：":
        "{n} finalised month(s) keep the contract version they were finalised under and are not reassessed:",
    "未定稿的 {n} 个月份将按修改后的合同重新考核：": "{n} open month(s) will be reassessed with the edited contract:",
    "已定稿的月份只能逐月说明理由重新打开、再次定稿后，才按新内容考核。":
        "A finalised month follows the new content only once reopened with a reason and finalised again.",
    "保存修改（只适用于未定稿的月份）？": "Save the changes (for open months only)?",
    "未改变：所填的值与现行内容相同": "Unchanged: the values are those already in force",
    "已保存为第 {n} 版：{summary}": "Saved as version {n}: {summary}",
    "；{kept} 个已定稿月份保留原版本，{open} 个未定稿月份按新版本重新考核":
        "; {kept} finalised month(s) keep their version, {open} open month(s) reassessed with the new one",
    # labels passed to tr() through variables
    "录入中": "In progress", "未开始": "Not started", "逾期未定稿": "Overdue", "未到期": "Not yet due",
    "无法读取文件：{reason}": "Cannot read the file: {reason}",
    "本机还没有机构根证书：将同时创建，请设定根证书口令（至少 8 个字符）并妥善保管。":
        "This machine has no agency root yet: it will be created now. "
        "Choose a root passphrase (at least 8 characters) and keep it safe.",
    "机构根证书口令": "Agency root passphrase",
    "机构根证书的口令：本机首次使用时创建根证书并以此口令加密保存；以后为检查人员签发证书时都须输入":
        "The agency root's passphrase: the root is created and encrypted with it on first use; "
        "it is asked whenever an inspector certificate is issued",
    "首次签名前由机构根证书为您签发签名证书（EC P-256），由您设定的口令保护。":
        "Before your first signature, the agency root issues your signing certificate (EC P-256), "
        "protected by a passphrase you choose.",
    "数据未改动。请重新启动程序。": "Nothing was changed. Please restart the program.",
    # signatures: trust, verification, identity, notices (issue date, receipt)
    "PDF 文件": "PDF file",
    "SHA-256 指纹": "SHA-256 fingerprint",
    "{name}\nSHA-256 指纹：{fingerprint}\n有效期至 {until}":
        "{name}\nSHA-256 fingerprint: {fingerprint}\nValid until {until}",
    "{name}，签发者：{issuer}，有效期至 {until}": "{name}, issued by {issuer}, valid until {until}",
    "{what} {name} 不是普通文件": "{what} {name} is not a regular file",
    "{what} {name} 过大（{mb} MB，最多 64 MB）": "{what} {name} is too large ({mb} MB, at most 64 MB)",
    "不受信任：{problem}": "Not trusted: {problem}",
    "与本机登记的原件一致": "Identical to the original in this machine's register",
    "与本机登记的原件不一致": "Differs from the original in this machine's register",
    "两次输入的根证书口令不一致": "The two root passphrases differ",
    "乙方电子签收的 PDF（回执签收栏已签名）": "The operator's countersigned PDF (receipt field signed)",
    "乙方签名后发回的 PDF": "The PDF the operator signed and sent back",
    "乙方签收": "Operator's receipt",
    "乙方签收人（纸质签收）": "Received by (signed on paper)",
    "二维码": "QR code",
    "二维码内容由受信任的检查人员签名，未被改动。":
        "The QR content was signed by a trusted inspector and has not been changed.",
    "二维码内容被改动或伪造。": "The QR content was changed or forged.",
    "二维码内容：": "QR code text:",
    "二维码有效": "QR code valid",
    "二维码被改动": "QR code altered",
    "保存": "Save",
    "信任": "Trust",
    "信任与证书": "Trust and certificates",
    "信任与证书…": "Trust and certificates…",
    "信任列表为空：所有签名的文书都将显示为“签名人不受信任”。":
        "The trust list is empty: every signed document will show as \"signer not trusted\".",
    "信任该根证书后，它签发的任何证书所签的文书都显示为“签名有效”。请通过电话或当面与签发单位核对上面的指纹。":
        "Once this root is trusted, documents signed with any certificate it issued show as \"signature valid\". "
        "Compare the fingerprint above with its issuer by telephone or in person.",
    "修订": "Revisions",
    "其他签名": "Other signature",
    "再次输入根证书口令": "Repeat the root passphrase",
    "创建机构根证书": "Create the agency root",
    "创建机构根证书…": "Create the agency root…",
    "加入信任列表": "Add to the trust list",
    "加入时间": "Added",
    "加入根证书（.cer/.crt/.pem）…": "Add a root certificate (.cer/.crt/.pem)…",
    "受信任的根证书": "Trusted root certificates",
    "受信任：证书由本机信任列表中的根证书签发":
        "Trusted: the certificate was issued by a root in this machine's trust list",
    "可信时间戳": "Trusted time stamp",
    "可选：检查人员证书（.cer），本机未见过签名人时需要":
        "Optional: the inspector's certificate (.cer), needed when this machine has not met the signer",
    "导入本单位颁发的证书（.p12）": "Import one issued by your agency (.p12)",
    "导出根证书": "Export the root certificate",
    "导出根证书（.cer）…": "Export the root certificate (.cer)…",
    "尚无乙方电子签收": "No electronic receipt by the operator yet",
    "尚未设置签名证书。": "No signing certificate yet.",
    "已导出": "Exported",
    "已导出到 {path}。\n把它交给乙方和其他办公室加入信任列表，并请对方核对指纹：\n{fingerprint}":
        "Exported to {path}.\nGive it to the operator and the other offices to add to their trust list, "
        "and ask them to check the fingerprint:\n{fingerprint}",
    "当前签名证书：": "Current signing certificate: ",
    "把“{name}”移出信任列表？\n此后它签发的证书所签的文书在本机核验时都显示为“签名人不受信任”。":
        "Remove \"{name}\" from the trust list?\n"
        "Documents signed with certificates it issued will then show as \"signer not trusted\" on this machine.",
    "文件已被改动": "The file was altered",
    "文件未被改动，但签名人不受信任：{problem}。本机无法确认签名人的身份，请勿当作有效文书。":
        "The file is unchanged, but the signer is not trusted: {problem}. "
        "This machine cannot confirm who signed it; do not treat it as a valid document.",
    "无法写入 {name}：{reason}": "Cannot write {name}: {reason}",
    "无法核验": "Cannot verify",
    "无法证明二维码真伪。": "The QR code cannot be shown to be genuine.",
    "无法证明真伪": "Cannot be shown genuine",
    "无法读取": "Cannot read",
    "无法读取{what} {name}：{reason}": "Cannot read {what} {name}: {reason}",
    "时间戳服务器地址“{url}”须以 http:// 或 https:// 开头，且不含空格":
        "The time-stamp server address \"{url}\" must start with http:// or https:// and contain no spaces",
    "时间戳服务器（RFC 3161）：": "Time-stamp server (RFC 3161):",
    "有效期": "Validity",
    "未签名": "Not signed",
    "未载入": "Not loaded",
    "本机登记簿中没有该文号": "This number is not in this machine's register",
    "本机的机构根证书": "This machine's agency root",
    "本机还没有机构根证书。"
    "创建后，可为本单位检查人员签发签名证书，并把根证书（.cer）交给乙方和其他办公室加入信任列表。":
        "This machine has no agency root yet. Once created, it issues your inspectors' signing certificates; "
        "give its certificate (.cer) to the operator and the other offices for their trust lists.",
    "核验": "Verify",
    "核验文书签名": "Verify a signed document",
    "根证书": "Root certificate",
    "根证书口令（至少 8 个字符）": "Root passphrase (at least 8 characters)",
    "根证书的私钥以此口令加密保存在数据库中；为检查人员签发证书时须输入。口令遗失后无法找回。":
        "The root's private key is kept in the database, encrypted with this passphrase; "
        "it is asked whenever an inspector certificate is issued. A lost passphrase cannot be recovered.",
    "由本机信任的根证书签发，可以签发文书。": "Issued by a root this machine trusts; it can sign documents.",
    "由本机的机构根证书签发新证书": "Issue one under this machine's agency root",
    "留空表示不用：签名时间为签名人电脑时间，核验时会注明。服务器不可用时照常签名，并注明未加时间戳。":
        "Empty: none (the signing time is the signer's clock; verification says so). "
        "An unreachable server does not stop signing.",
    "登记簿": "Register",
    "移出信任列表": "Remove from the trust list",
    "移出信任列表…": "Remove from the trust list…",
    "签发 {label}：编号、签名并登记，此后不能修改。":
        "Issue {label}: numbered, signed and registered; it cannot be changed afterwards.",
    "签发人": "Issued by",
    "签发日期": "Issue date",
    "签发机构": "Issuing authority",
    "签发者": "Issuer",
    "签名": "Signature",
    "签名人": "Signer",
    "签名人不受信任": "Signer not trusted",
    "签名图片": "signature image",
    "签名无效：与文件内容不符": "Invalid: the signature does not match the file's content",
    "签名时间": "Signing time",
    "签名有效": "Signature valid",
    "签收人": "Received by",
    "签收文件": "receipt file",
    "签收日期": "Date received",
    "粘贴或输入文书二维码中的文字（以 {prefix}; 开头）":
        "Paste or type the text of the document's QR code (starting with {prefix};)",
    "补发": "Back-dated issue",
    "补发理由（印在通知书上）：": "Reason for the earlier date (printed on the notice):",
    "证书": "Certificate",
    "证书 (*.cer *.crt *.pem *.der)": "Certificates (*.cer *.crt *.pem *.der)",
    "证书 (*.cer)": "Certificate (*.cer)",
    "证书口令": "Certificate passphrase",
    "证书指纹": "Certificate fingerprint",
    "证书文件": "certificate file",
    "请选择乙方签收的 PDF": "Choose the PDF the operator signed",
    "请选择证书文件": "Choose the certificate file",
    "输入证书口令后，这里显示签发者和是否受信任。":
        "Enter the certificate's passphrase to see its issuer and whether it is trusted.",
    "SHA-256 指纹：": "SHA-256 fingerprint: ",
    "。不要以此文件为准，请向签发单位索取原件。":
        ". Do not rely on this file; ask the issuing office for the original.",
    "乙方自有证书，不在本机信任列表中：只证明该证书的持有人已签收":
        "The operator's own certificate, not in this machine's trust list: "
        "it only shows that its holder received the notice",
    "创建": "Create",
    "选中一行可看完整指纹。": "Select a row to see the whole fingerprint.",
    "问题": "Problem",
    "这是本机的机构根证书：本机检查人员将不能再签发文书，直到重新加入。":
        "This is this machine's agency root: its inspectors cannot issue documents until it is added again.",
    "选择乙方签收的 PDF": "Choose the operator's countersigned PDF",
    "选择或拖入签名的 PDF": "Choose or drop a signed PDF",
    "选择文件…": "Choose file…",
    "选择根证书": "Choose a root certificate",
    "选择检查人员证书": "Choose the inspector's certificate",
    "选择证书…": "Choose certificate…",
    "（文件中未附证书链）": "(no certificate chain in the file)",
    "（未选择）": "(none chosen)",
    "（证书中无名称）": "(no name in the certificate)",
    # the contracts page: contract files (issue 12)
    "导入合同文件…": "Import contract file…", "导出合同文件…": "Export contract file…",
    "导入合同文件": "Import contract file", "导出合同文件": "Export contract file",
    "合同文件 (*.json)": "Contract files (*.json)", "已导入合同 {id}（{name}）": "Imported contract {id} ({name})",
    "已导出合同 {id} 到 {path}": "Exported contract {id} to {path}",
    "无法写入 {path}：{reason}": "Cannot write {path}: {reason}",
    # 工单记录 (issue 16)
    "工单记录": "Work orders", "导入工单记录…": "Import work orders…", "导出未达标工单…": "Export failing orders…",
    "导出未达标工单": "Export failing orders", "选择工单记录": "Choose a work-order export",
    "正在导入工单记录…": "Importing work orders…", "已取消导入，未做任何修改": "Import cancelled; nothing was changed",
    "本月尚未导入工单记录。导入后，由工单计算的指标将填入本月，乙方自报数另行保留。":
        "No work orders imported for this month. Once imported, the items they compute fill the month; "
        "the operator's own figures are kept beside them.",
    "{source}：{rows} 单，SHA-256 {sha}，{at} 导入": "{source}: {rows} orders, SHA-256 {sha}, imported {at}",
    "；按检查人员的选择剔除有误的 {n} 行": "; {n} bad rows left out by the inspector's choice",
    "已导出 {n} 单到 {path}": "Exported {n} orders to {path}",
    "指标": "Item", "名称": "Name", "工单计算": "From the records", "乙方自报": "Operator reported",
    "结论": "Verdict", "未计算": "Not computed", "达标": "Met", "未达标工单": "Failing orders",
    "计入工单": "Orders counted", "行": "Row", "完成时间": "Completed", "时限截止": "Due", "超时": "Late by",
    "情形": "Case", "工单记录有误": "Bad rows in the work orders",
    "{n} 行有误，未导入。逐行核对后，可选择剔除这些行：":
        "{n} rows are wrong; nothing was imported. Check them row by row; you may choose to leave them out:",
    "剔除以上 {n} 行后导入（剔除的行随导入记录保存）":
        "Import without these {n} rows (the rows left out are kept with the import)",
    "另有 {n} 处未列出": "{n} more not listed",
    "工单编号": "Order number", "工单类型": "Order type", "满意度": "Satisfaction", "受理时间": "Received",
    "首次回应时间": "First response", "办结时间": "Closed", "转办时间": "Transferred", "回访时间": "Follow-up call",
    "签收时间": "Signed for", "争议时间": "Disputed", "转派时间": "Re-dispatched", "是否转办": "Transferred?",
    "是否回访": "Followed up?", "是否退回": "Returned?", "是否二次交办": "Re-assigned?", "争议工单": "Disputed?",
    "需申诉": "To be appealed", "不合理工单": "Unreasonable", "承办单位原因": "Caused by the handling unit",
    # payments as they happen, approvals and holiday notices (issue 12, money paths)
    "登记付款…": "Record payment…", "登记第{n}期付款": "Record payment of installment {n}",
    "付款日期": "Paid on", "实付金额（元）": "Amount paid (yuan)", "实付金额": "Amount paid", "付款凭证": "Voucher",
    "选择…": "Choose…", "选择付款凭证": "Choose the payment voucher",
    "核算实付 {amount}。登记后本期数字冻结，此后考核月份的变动列入下一未付期次。":
        "Computed payable {amount}. Once recorded, this installment's figures are frozen; later changes in its "
        "months are adjusted on the next unpaid installment.",
    "已付 {day}": "Paid {day}", "正在登记付款…": "Recording the payment…", "未登记": "Not recorded",
    "未录入项目暂估扣减 {amount}": "Provisional deduction for items not entered {amount}",
    "甲方同意与节假日安排…": "Approvals and holiday notices…", "甲方同意与节假日安排": "Approvals and holiday notices",
    "合同：{name}": "Contract: {name}", "人员变更": "Staffing change", "离职同意": "Departure approval",
    "节假日安排": "Holiday notice", "起始月份": "First month", "结束月份": "Last month",
    "核准人数": "Approved headcount", "甲方同意日期": "Approved on", "文号或记录": "Reference (document number)",
    "登记人员变更": "Record staffing change", "离职人员": "Person leaving",
    "身份证号，或人员名单上的姓名、工号": "ID number, or the name or employee number on the roster",
    "登记离职同意": "Record departure approval", "年份": "Year", "放假": "Holiday", "调休上班": "Make-up workday",
    "如 国办发明电〔2026〕X号": "e.g. 国办发明电〔2026〕X号", "录入这一天": "Enter this day", "安排": "Arrangement",
    "通知文号": "Notice number", "上班": "Workday", "（本年尚未录入）": "(nothing entered for this year)",
    "正在登记…": "Recording…", "正在录入…": "Entering…",
    "已登记：{role} {first}～{last} 要求 {n} 人": "Recorded: {role} {first}–{last} requires {n}",
    "已登记 {person} 离职经甲方同意；相关月份已重新核对":
        "Recorded the approved departure of {person}; the months concerned were reconciled again",
    "{day} 已记为{kind}": "{day} recorded as {kind}", "调休上班日": "make-up workday", "放假日": "holiday",
    # tooltips on every field and button of the dialogs (issue 13)
    "RFC 3161 时间戳服务器的地址；留空则签名时间取签名人电脑的时间":
        "Address of the RFC 3161 time-stamp server; empty: the signing time is the signer's computer clock",
    "为您新建签名证书，由本机的机构根证书签发；需要根证书口令":
        "Make you a new signing certificate, issued by this machine's agency root; needs the root passphrase",
    "乙方在 PDF 回执签收栏电子签名后发回：签收人和日期从签名中读取，文件作为证据保存":
        "The operator signed the PDF receipt field and sent it back: signer and date are read from the signature,"
        " and the file is kept as evidence",
    "乙方在纸质回执上签收：填写签收人和日期": "The operator signed the paper receipt: enter the signer and the date",
    "二维码中记载的各项内容和签名人": "What the QR code records, and its signer",
    "人数要求经甲方同意变更的岗位（括号内为合同约定的人数）":
        "The role whose headcount the agency agreed to change (the contract's figure in brackets)",
    "从文件加入一个根证书；加入前显示其指纹，请与签发单位核对":
        "Trust a root certificate from a file; its fingerprint is shown first — check it with the issuer",
    "付款凭证（如银行回单）的文件，作为证据保存；可不填":
        "The payment voucher file (e.g. the bank slip), kept as evidence; optional",
    "以勾选的问题和上面的检查信息起草通知书；草稿签发后才生效":
        "Draft a notice from the ticked problems and the inspection details above; a draft takes effect only "
        "once issued",
    "以签名口令签名、编号并登记；签发后不能修改":
        "Sign with your passphrase, number and register it; it cannot be changed once issued",
    "使用本单位另行颁发的证书文件；须由本机信任的根证书签发才能签发文书":
        "Use a certificate file issued by your agency; it can issue documents only if a root this machine "
        "trusts issued it",
    "保存时间戳服务器地址：此后签名时向它申请时间戳":
        "Save the time-stamp server address: signatures from now on ask it for a time stamp",
    "保存签名证书和手写签名：此后签发的文书都以此签名":
        "Save the signing certificate and handwritten signature: documents issued from now on are signed with them",
    "保护签名证书的口令：每次签发文书时输入；遗失后无法找回，只能重新签发证书":
        "The passphrase protecting your signing certificate: entered each time you issue a document; if lost it "
        "cannot be recovered, only a new certificate issued",
    "关闭本窗口": "Close this window",
    "关闭通知书及其问题；关闭后不能再登记签收、整改或升级":
        "Close the notice and its problems; once closed, no receipt, rectification or escalation can be recorded",
    "再输入一次口令，防止输错": "Enter the passphrase again, to catch a typing mistake",
    "创建本机的机构根证书，用来为本单位检查人员签发签名证书；须设定根证书口令":
        "Create this machine's agency root, which issues your inspectors' signing certificates; needs a root "
        "passphrase",
    "创建机构根证书并加入本机信任列表；口令遗失后无法找回":
        "Create the agency root and trust it on this machine; a lost passphrase cannot be recovered",
    "剔除所列各行，导入其余工单": "Leave out the rows listed and import the other orders",
    "加入信任列表：它签发的证书所签的文书都将显示为“签名有效”":
        "Trust it: documents signed with certificates it issued will show as “Signature valid”",
    "加密根证书私钥的口令，至少 8 个字符：为检查人员签发证书时输入；遗失后无法找回":
        "The passphrase encrypting the root's private key, at least 8 characters: entered to issue inspectors' "
        "certificates; cannot be recovered if lost",
    "勾选后才能导入：这些行不计入考核，随导入记录保存":
        "Tick to allow the import: these rows are not counted, and are kept with the import record",
    "国务院办公厅节假日安排通知的文号，作为依据保存":
        "The number of the State Council's holiday notice, kept as the basis",
    "国务院节假日安排通知中的一天": "A day of the State Council's holiday notice",
    "实际支付的金额（元）：默认为核算实付，按银行回单填写":
        "The amount actually paid (yuan): the computed payable by default; enter it as on the bank slip",
    "录入这一天的安排：办理时限按工作日计算，会影响相关月份的考核结果":
        "Enter this day's arrangement: time limits count working days, so it changes the results of the months "
        "concerned",
    "忘记所选的表头对应：下次导入时重新指定":
        "Forget the selected header mappings: they are asked for again at the next import",
    "您所在的单位：写入签名证书；本机首次使用时也是机构根证书的单位":
        "Your agency: written into the signing certificate; on this machine's first use, also the agency root's",
    "您的姓名：写入签名证书，核验文书时显示为签名人":
        "Your name: written into the signing certificate and shown as the signer when documents are verified",
    "打印本文书；打印中可以取消": "Print this document; printing can be cancelled",
    "把所选根证书移出信任列表：它签发的证书所签的文书将显示为“签名人不受信任”":
        "Stop trusting the selected root: documents signed with certificates it issued will show as "
        "“Signer not trusted”",
    "把本文书原样另存为 PDF 文件；签名件另存后签名仍然有效":
        "Save this document unchanged as a PDF file; a signed copy stays valid",
    "把本机的机构根证书导出为 .cer 文件，交乙方和其他办公室加入信任列表":
        "Export this machine's agency root as a .cer file, for the operator and other offices to trust",
    "按所选的列继续导入，并为该乙方记住；以后导入时自动使用":
        "Go on importing with the chosen columns, remembered for this operator and used at later imports",
    "按核准人数考核的最后一个月": "The last month assessed against the approved headcount",
    "按核准人数考核的第一个月": "The first month assessed against the approved headcount",
    "文书二维码中的文字：用扫码枪扫入，或粘贴、输入": "The text of the document's QR code: scan, paste or type it",
    "有误的各行：行号、列和问题": "The wrong rows: row number, column and problem",
    "本单位名称，写入根证书": "Your agency's name, written into the root certificate",
    "核验二维码内容的签名是否有效、内容是否被改动":
        "Check whether the QR code's signature is valid and its content unaltered",
    "核验的详细结果：文号、登记簿、每个签名的签名人、证书和签名时间":
        "The details: number, register, and each signature's signer, certificate and signing time",
    "核验该 PDF 的签名、是否被改动、是否与本机登记的原件一致":
        "Check the PDF's signatures, whether it was altered, and whether it matches the original registered here",
    "清除框内的签名和载入的签名图片": "Clear the signature drawn in the box and any loaded picture",
    "用新文件替换本月已导入的同类文件，上面列出的变化随之生效":
        "Replace this month's imported file of this kind with the new one; the changes listed above take effect",
    "用鼠标或手写板在框内书写签名，印在您签发的文书上":
        "Write your signature in the box with the mouse or a pen tablet; it is printed on the documents you issue",
    "甲方同意变更的日期，不能晚于今天": "The day the agency approved the change; not later than today",
    "甲方同意的文号或会议纪要等记录，作为依据保存":
        "The approval's document number or minutes, kept as the basis",
    "甲方同意的该岗位人数：这些月份按此人数考核，不再按合同约定的人数":
        "The headcount the agency approved for the role: these months are assessed against it, not the "
        "contract's figure",
    "甲方同意离职的日期，不能晚于今天": "The day the agency approved the departure; not later than today",
    "甲方实际付款的日期（银行回单上的日期）": "The day the agency actually paid (the date on the bank slip)",
    "登记乙方已整改，整改报告作为证据保存；此步不能撤销":
        "Record the rectification, keeping the report as evidence; this step cannot be undone",
    "登记乙方已签收通知书": "Record that the operator received the notice",
    "登记本期付款：登记后本期数字冻结": "Record this installment's payment: its figures are then frozen",
    "登记甲方同意的人员变更：这些月份按核准人数考核；已定稿的月份须先重新打开":
        "Record the approved staffing change: these months are assessed against the approved headcount; "
        "finalised months must be reopened first",
    "登记离职经甲方同意：该人员离职不再记为问题，相关月份立即重新核对":
        "Record the approved departure: the person's leaving is no longer a problem, and the months concerned "
        "are reconciled again at once",
    "签名人的检查人员证书（.cer）；本机从未见过该签名人时才需要":
        "The signer's inspector certificate (.cer); needed only if this machine has never seen the signer",
    "经甲方同意离职的人员：身份证号，或人员名单上的姓名、工号":
        "The person whose departure the agency approved: ID number, or name or employee number on the roster",
    "自己的记录，如证书来自哪个单位、何时与谁核对了指纹":
        "Your own note, e.g. which agency the certificate came from, when and with whom the fingerprint was "
        "checked",
    "要查看或录入的年份；下面列出该年已录入的安排":
        "The year to look at or enter; the arrangements entered for it are listed below",
    "要核验的 PDF 的路径；也可把文件拖入本窗口，回车即核验":
        "Path of the PDF to verify; or drop the file on this window. Enter verifies it",
    "记录处理意见和日期；通知书仍可登记签收和整改":
        "Record the decision and its date; receipt and rectification can still be recorded",
    "证书文件的口令：输入后显示签发者和是否受信任；签发文书时也输入它":
        "The certificate file's passphrase: once entered, its issuer and trust are shown; also entered to issue "
        "documents",
    "该年已录入的放假日和调休上班日及其通知文号":
        "The holidays and make-up workdays entered for the year, with their notice numbers",
    "载入手写签名的图片（PNG 或 JPG），代替框内书写的签名":
        "Load a picture of your handwritten signature (PNG or JPG), instead of writing in the box",
    "这一天放假：不算工作日": "A holiday: not a working day",
    "这一天调休上班：算作工作日": "A make-up workday: counts as a working day",
    "选择付款凭证的文件": "Choose the payment voucher file",
    "选择本单位颁发的证书文件（.p12 或 .pfx）": "Choose the certificate file your agency issued (.p12 or .pfx)",
    "选择签名人的检查人员证书（.cer）": "Choose the signer's inspector certificate (.cer)",
    "选择要核验的 PDF，选定后立即核验": "Choose the PDF to verify; it is verified at once",
}


def write_ts(path: Path) -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="en">',
             "<context>", "    <name>auditor</name>"]
    for source, target in sorted(EN.items()):
        lines += ["    <message>", f"        <source>{escape(source)}</source>",
                  f"        <translation>{escape(target)}</translation>", "    </message>"]
    lines += ["</context>", "</TS>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    ts = ROOT / "resources" / "translations" / "auditor_en.ts"
    write_ts(ts)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    print(f"{ts.with_suffix('.qm')}: {len(EN)} strings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
