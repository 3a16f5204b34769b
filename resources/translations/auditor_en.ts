<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>auditor</name>
    <message>
        <source>
……另有 {n} 处</source>
        <translation>
… and {n} more</translation>
    </message>
    <message>
        <source>12345 热线服务合同履约考核</source>
        <translation>12345 Hotline Contract Compliance Audit</translation>
    </message>
    <message>
        <source>60 天内的截止事项：人员材料报送、付款等</source>
        <translation>Deadlines within 60 days: personnel files, payments…</translation>
    </message>
    <message>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 文件</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>RFC 3161 时间戳服务器的地址；留空则签名时间取签名人电脑的时间</source>
        <translation>Address of the RFC 3161 time-stamp server; empty: the signing time is the signer's computer clock</translation>
    </message>
    <message>
        <source>SHA-256 指纹</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>SHA-256 指纹：</source>
        <translation>SHA-256 fingerprint: </translation>
    </message>
    <message>
        <source>{day} 已记为{kind}</source>
        <translation>{day} recorded as {kind}</translation>
    </message>
    <message>
        <source>{kind}（{source}）</source>
        <translation>{kind} ({source})</translation>
    </message>
    <message>
        <source>{label} 已凭乙方电子签收登记签收：{by} {day}</source>
        <translation>{label} received, signed electronically by the operator: {by} {day}</translation>
    </message>
    <message>
        <source>{label} 已升级处理</source>
        <translation>{label} escalated</translation>
    </message>
    <message>
        <source>{label} 已整改（{day}）</source>
        <translation>{label} rectified ({day})</translation>
    </message>
    <message>
        <source>{label} 已核验关闭</source>
        <translation>{label} checked and closed</translation>
    </message>
    <message>
        <source>{label} 已签收：{by} {day}</source>
        <translation>{label} received: {by} {day}</translation>
    </message>
    <message>
        <source>{month}：单击进入该月的逐项录入</source>
        <translation>{month}: click to open it in the walk-through</translation>
    </message>
    <message>
        <source>{name}
SHA-256 指纹：{fingerprint}
有效期至 {until}</source>
        <translation>{name}
SHA-256 fingerprint: {fingerprint}
Valid until {until}</translation>
    </message>
    <message>
        <source>{name}，签发者：{issuer}，有效期至 {until}</source>
        <translation>{name}, issued by {issuer}, valid until {until}</translation>
    </message>
    <message>
        <source>{name}：{status}</source>
        <translation>{name}: {status}</translation>
    </message>
    <message>
        <source>{new} 与已导入的 {previous} 内容相同；替换只更新文件记录。</source>
        <translation>{new} has the same content as {previous}; replacing it only updates the file record.</translation>
    </message>
    <message>
        <source>{n} 份三天内到期：{numbers}</source>
        <translation>{n} due within three days: {numbers}</translation>
    </message>
    <message>
        <source>{n} 份通知书逾期未整改：{numbers}</source>
        <translation>{n} notices overdue: {numbers}</translation>
    </message>
    <message>
        <source>{n} 行有误，未导入。逐行核对后，可选择剔除这些行：</source>
        <translation>{n} rows are wrong; nothing was imported. Check them row by row; you may choose to leave them out:</translation>
    </message>
    <message>
        <source>{n} 项</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <source>{role}（月均）</source>
        <translation>{role} (monthly average)</translation>
    </message>
    <message>
        <source>{source}，{rows} 行，{day} 收到</source>
        <translation>{source}, {rows} rows, received {day}</translation>
    </message>
    <message>
        <source>{source}：{rows} 单，SHA-256 {sha}，{at} 导入</source>
        <translation>{source}: {rows} orders, SHA-256 {sha}, imported {at}</translation>
    </message>
    <message>
        <source>{what} {name} 不是普通文件</source>
        <translation>{what} {name} is not a regular file</translation>
    </message>
    <message>
        <source>{what} {name} 过大（{mb} MB，最多 64 MB）</source>
        <translation>{what} {name} is too large ({mb} MB, at most 64 MB)</translation>
    </message>
    <message>
        <source>{what}中以下必需的列未能识别。请指出文件中对应的列（将为 {operator} 记住，可在“表头对应…”中更正）：</source>
        <translation>These required columns of {what} were not recognised. Point out the file's column for each (remembered for {operator}; correctable under “Remembered headers…”):</translation>
    </message>
    <message>
        <source>“{header}”一列不能同时作为“{a}”和“{b}”</source>
        <translation>The column “{header}” cannot be both “{a}” and “{b}”</translation>
    </message>
    <message>
        <source>“文书”菜单（Ctrl+P）预览并签发评分表、付款核算单和抽查记录，或打印空白现场检查表。随时按 F1 打开本页的使用说明。</source>
        <translation>The Documents menu (Ctrl+P) previews and issues score sheets, payment statements and spot check records, or prints the blank checklist. F1 opens the manual at the page in front.</translation>
    </message>
    <message>
        <source>。不要以此文件为准，请向签发单位索取原件。</source>
        <translation>. Do not rely on this file; ask the issuing office for the original.</translation>
    </message>
    <message>
        <source>【示例数据】</source>
        <translation>[Demo] </translation>
    </message>
    <message>
        <source>上一月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>上班</source>
        <translation>Workday</translation>
    </message>
    <message>
        <source>上限</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>下一月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>下限</source>
        <translation>Minimum</translation>
    </message>
    <message>
        <source>不受信任：{problem}</source>
        <translation>Not trusted: {problem}</translation>
    </message>
    <message>
        <source>不合理工单</source>
        <translation>Unreasonable</translation>
    </message>
    <message>
        <source>不扣减</source>
        <translation>No deductions</translation>
    </message>
    <message>
        <source>不能定稿</source>
        <translation>Cannot finalise</translation>
    </message>
    <message>
        <source>不能恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>不能重新打开</source>
        <translation>Cannot reopen</translation>
    </message>
    <message>
        <source>不计入</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>不达标</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>与本机登记的原件一致</source>
        <translation>Identical to the original in this machine's register</translation>
    </message>
    <message>
        <source>与本机登记的原件不一致</source>
        <translation>Differs from the original in this machine's register</translation>
    </message>
    <message>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>两次输入的根证书口令不一致</source>
        <translation>The two root passphrases differ</translation>
    </message>
    <message>
        <source>严重舆论事件数</source>
        <translation>Serious public-opinion incidents</translation>
    </message>
    <message>
        <source>为 {operator} 记住的表头对应。选中后按“忘记所选”，下次导入时重新指定。</source>
        <translation>Headers remembered for {operator}. Select and press “Forget selected” to map them again next time.</translation>
    </message>
    <message>
        <source>为您新建签名证书，由本机的机构根证书签发；需要根证书口令</source>
        <translation>Make you a new signing certificate, issued by this machine's agency root; needs the root passphrase</translation>
    </message>
    <message>
        <source>乙方</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>乙方在 PDF 回执签收栏电子签名后发回：签收人和日期从签名中读取，文件作为证据保存</source>
        <translation>The operator signed the PDF receipt field and sent it back: signer and date are read from the signature, and the file is kept as evidence</translation>
    </message>
    <message>
        <source>乙方在回执签收栏电子签名后发回的 PDF：签收人和日期从签名中读取</source>
        <translation>The PDF the operator signed in the receipt field: signer and date are read from the signature</translation>
    </message>
    <message>
        <source>乙方在纸质回执上签收：填写签收人和日期</source>
        <translation>The operator signed the paper receipt: enter the signer and the date</translation>
    </message>
    <message>
        <source>乙方报告整改完成的日期：默认今天，不能晚于今天</source>
        <translation>The day the operator reported the rectification: today by default, never later</translation>
    </message>
    <message>
        <source>乙方报送的文件</source>
        <translation>The operator's files</translation>
    </message>
    <message>
        <source>乙方报送的文件收到的日期（判断是否逾期报送）；默认今天</source>
        <translation>The day the operator's files arrived (for late submission); today by default</translation>
    </message>
    <message>
        <source>乙方报送（收到日期）</source>
        <translation>Operator's submissions (date received)</translation>
    </message>
    <message>
        <source>乙方电子签收的 PDF（回执签收栏已签名）</source>
        <translation>The operator's countersigned PDF (receipt field signed)</translation>
    </message>
    <message>
        <source>乙方的整改报告（PDF、图片或 Word 文件）</source>
        <translation>The operator's rectification report (PDF, image or Word file)</translation>
    </message>
    <message>
        <source>乙方签名后发回的 PDF</source>
        <translation>The PDF the operator signed and sent back</translation>
    </message>
    <message>
        <source>乙方签收</source>
        <translation>Operator's receipt</translation>
    </message>
    <message>
        <source>乙方签收人（纸质签收）</source>
        <translation>Received by (signed on paper)</translation>
    </message>
    <message>
        <source>乙方签收人：</source>
        <translation>Received by (operator):</translation>
    </message>
    <message>
        <source>乙方签收的日期：默认今天，不能晚于今天</source>
        <translation>The day the operator received it: today by default, never later</translation>
    </message>
    <message>
        <source>乙方自报</source>
        <translation>Operator reported</translation>
    </message>
    <message>
        <source>乙方自有证书，不在本机信任列表中：只证明该证书的持有人已签收</source>
        <translation>The operator's own certificate, not in this machine's trust list: it only shows that its holder received the notice</translation>
    </message>
    <message>
        <source>争议工单</source>
        <translation>Disputed?</translation>
    </message>
    <message>
        <source>争议时间</source>
        <translation>Disputed</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>事件数</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>事件日志</source>
        <translation>Event log</translation>
    </message>
    <message>
        <source>二维码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>二维码中记载的各项内容和签名人</source>
        <translation>What the QR code records, and its signer</translation>
    </message>
    <message>
        <source>二维码内容由受信任的检查人员签名，未被改动。</source>
        <translation>The QR content was signed by a trusted inspector and has not been changed.</translation>
    </message>
    <message>
        <source>二维码内容被改动或伪造。</source>
        <translation>The QR content was changed or forged.</translation>
    </message>
    <message>
        <source>二维码内容：</source>
        <translation>QR code text:</translation>
    </message>
    <message>
        <source>二维码有效</source>
        <translation>QR code valid</translation>
    </message>
    <message>
        <source>二维码被改动</source>
        <translation>QR code altered</translation>
    </message>
    <message>
        <source>五险一金缴纳记录</source>
        <translation>Social insurance and housing fund</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>人员与薪资</source>
        <translation>Staff &amp; payroll</translation>
    </message>
    <message>
        <source>人员变更</source>
        <translation>Staffing change</translation>
    </message>
    <message>
        <source>人员名单</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>人员名单、工资与社保</source>
        <translation>Roster, payroll and social insurance</translation>
    </message>
    <message>
        <source>人员缺口口径</source>
        <translation>Staffing shortfall basis</translation>
    </message>
    <message>
        <source>人员要求（原文）</source>
        <translation>Staffing (as written)</translation>
    </message>
    <message>
        <source>人员配置</source>
        <translation>Staffing</translation>
    </message>
    <message>
        <source>人数要求经甲方同意变更的岗位（括号内为合同约定的人数）</source>
        <translation>The role whose headcount the agency agreed to change (the contract's figure in brackets)</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>从内置或自己的模板新建一份合同</source>
        <translation>A new contract from a built-in or your own template</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>从文件加入一个根证书；加入前显示其指纹，请与签发单位核对</source>
        <translation>Trust a root certificate from a file; its fingerprint is shown first — check it with the issuer</translation>
    </message>
    <message>
        <source>从本月未处理的问题起草一份通知书</source>
        <translation>Draft a notice from this month's open findings</translation>
    </message>
    <message>
        <source>从模板新建…</source>
        <translation>New from template…</translation>
    </message>
    <message>
        <source>从模板新建合同</source>
        <translation>New contract from template</translation>
    </message>
    <message>
        <source>从表格粘贴两列：受理时间、办结时间（未办结留空）</source>
        <translation>Paste two columns from a spreadsheet: received, done (blank if not done)</translation>
    </message>
    <message>
        <source>付款</source>
        <translation>Installments</translation>
    </message>
    <message>
        <source>付款凭证</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <source>付款凭证（如银行回单）的文件，作为证据保存；可不填</source>
        <translation>The payment voucher file (e.g. the bank slip), kept as evidence; optional</translation>
    </message>
    <message>
        <source>付款分档</source>
        <translation>Payment bands</translation>
    </message>
    <message>
        <source>付款日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>付款日期</source>
        <translation>Paid on</translation>
    </message>
    <message>
        <source>付款时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>付款时间（原文）</source>
        <translation>Due (as written)</translation>
    </message>
    <message>
        <source>付款核算</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>付款核算单</source>
        <translation>Payment statement</translation>
    </message>
    <message>
        <source>以下必需的列未能识别，请指出文件中对应的列（将为 {operator} 记住）：</source>
        <translation>These required columns were not recognised; pick the file's column for each (remembered for {operator}):</translation>
    </message>
    <message>
        <source>以勾选的问题和上面的检查信息起草通知书；草稿签发后才生效</source>
        <translation>Draft a notice from the ticked problems and the inspection details above; a draft takes effect only once issued</translation>
    </message>
    <message>
        <source>以往抽查</source>
        <translation>Past checks</translation>
    </message>
    <message>
        <source>以本月问题起草整改通知书</source>
        <translation>Draft a rectification notice from the month's findings</translation>
    </message>
    <message>
        <source>以本月问题起草通知书，签名签发后跟踪签收、整改和核验关闭；逾期的标红。</source>
        <translation>Draft a notice from the month's findings, issue it signed, then follow receipt, rectification and closing; overdue ones are red.</translation>
    </message>
    <message>
        <source>以检查人员证书签名并登记现场抽查记录（编号，此后不能修改）</source>
        <translation>Sign and register the spot check record with the inspector's certificate (numbered, then unchangeable)</translation>
    </message>
    <message>
        <source>以签名口令签名、编号并登记；签发后不能修改</source>
        <translation>Sign with your passphrase, number and register it; it cannot be changed once issued</translation>
    </message>
    <message>
        <source>以该月的问题（含本次抽查的缺岗、名单外人员）起草整改通知书</source>
        <translation>Draft a rectification notice from that month's findings (this check's absences and unlisted staff too)</translation>
    </message>
    <message>
        <source>仪表盘</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>住房公积金</source>
        <translation>Housing fund</translation>
    </message>
    <message>
        <source>作为证据保存（记录 SHA-256），与“已整改”在同一事务中登记</source>
        <translation>Kept as evidence (SHA-256 recorded) in the same transaction as the step</translation>
    </message>
    <message>
        <source>使用手册</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>使用本单位另行颁发的证书文件；须由本机信任的根证书签发才能签发文书</source>
        <translation>Use a certificate file issued by your agency; it can issue documents only if a root this machine trusts issued it</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>保存修改（只适用于未定稿的月份）？</source>
        <translation>Save the changes (for open months only)?</translation>
    </message>
    <message>
        <source>保存时间戳服务器地址：此后签名时向它申请时间戳</source>
        <translation>Save the time-stamp server address: signatures from now on ask it for a time stamp</translation>
    </message>
    <message>
        <source>保存本项并进入下一项（回车）</source>
        <translation>Save this item and go to the next (Enter)</translation>
    </message>
    <message>
        <source>保存签名证书和手写签名：此后签发的文书都以此签名</source>
        <translation>Save the signing certificate and handwritten signature: documents issued from now on are signed with them</translation>
    </message>
    <message>
        <source>保密义务</source>
        <translation>Confidentiality</translation>
    </message>
    <message>
        <source>保密承诺</source>
        <translation>Confidentiality commitment</translation>
    </message>
    <message>
        <source>保护签名证书的口令：每次签发文书时输入；遗失后无法找回，只能重新签发证书</source>
        <translation>The passphrase protecting your signing certificate: entered each time you issue a document; if lost it cannot be recovered, only a new certificate issued</translation>
    </message>
    <message>
        <source>信任</source>
        <translation>Trust</translation>
    </message>
    <message>
        <source>信任与证书</source>
        <translation>Trust and certificates</translation>
    </message>
    <message>
        <source>信任与证书…</source>
        <translation>Trust and certificates…</translation>
    </message>
    <message>
        <source>信任列表为空：所有签名的文书都将显示为“签名人不受信任”。</source>
        <translation>The trust list is empty: every signed document will show as "signer not trusted".</translation>
    </message>
    <message>
        <source>信任该根证书后，它签发的任何证书所签的文书都显示为“签名有效”。请通过电话或当面与签发单位核对上面的指纹。</source>
        <translation>Once this root is trusted, documents signed with any certificate it issued show as "signature valid". Compare the fingerprint above with its issuer by telephone or in person.</translation>
    </message>
    <message>
        <source>修改合同</source>
        <translation>Edit contract</translation>
    </message>
    <message>
        <source>修订</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>先选择要考核的合同。合同的条款、指标和付款约定都在“合同”页中，可从模板新建或导入合同文件。</source>
        <translation>First choose the contract. Its clauses, indicators and payments are on the Contracts page, where one is made from a template or imported.</translation>
    </message>
    <message>
        <source>免考</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <source>免考理由（必填）</source>
        <translation>Reason for exemption (required)</translation>
    </message>
    <message>
        <source>免考的理由，将印在评分表上</source>
        <translation>Why the item is exempt; printed on the score sheet</translation>
    </message>
    <message>
        <source>入职日期</source>
        <translation>Hire date</translation>
    </message>
    <message>
        <source>全部列</source>
        <translation>All columns</translation>
    </message>
    <message>
        <source>全部合同；选中一份查看和修改</source>
        <translation>All contracts; select one to see and edit</translation>
    </message>
    <message>
        <source>全部录入后定稿：本月结果和问题固定下来，此后修改须说明理由重新打开</source>
        <translation>When all is entered: fixes the month's result and findings; a later change needs a reason to reopen</translation>
    </message>
    <message>
        <source>全部录入后定稿：结果和问题固定下来。定稿前会请您确认。</source>
        <translation>When all is entered, finalise: the result and findings are fixed. You are asked first.</translation>
    </message>
    <message>
        <source>共 {n} 页</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>关闭本窗口</source>
        <translation>Close this window</translation>
    </message>
    <message>
        <source>关闭本窗口（已打开的预览不受影响）</source>
        <translation>Close this window (open previews stay)</translation>
    </message>
    <message>
        <source>关闭本窗口，开始使用</source>
        <translation>Close this and start</translation>
    </message>
    <message>
        <source>关闭通知书及其问题；关闭后不能再登记签收、整改或升级</source>
        <translation>Close the notice and its problems; once closed, no receipt, rectification or escalation can be recorded</translation>
    </message>
    <message>
        <source>其他签名</source>
        <translation>Other signature</translation>
    </message>
    <message>
        <source>养老保险</source>
        <translation>Pension</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>内部错误</source>
        <translation>Internal error</translation>
    </message>
    <message>
        <source>内部错误：{name}</source>
        <translation>Internal error: {name}</translation>
    </message>
    <message>
        <source>再次输入口令</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>再次输入根证书口令</source>
        <translation>Repeat the root passphrase</translation>
    </message>
    <message>
        <source>再输入一次口令，防止输错</source>
        <translation>Enter the passphrase again, to catch a typing mistake</translation>
    </message>
    <message>
        <source>再选择月份。月份前的圆点表示状态：绿色已定稿，橙色录入中，红色逾期未定稿。Ctrl+← / Ctrl+→ 切换月份。</source>
        <translation>Then the month. The dot before it shows its state: green finalised, orange in progress, red overdue. Ctrl+← / Ctrl+→ change the month.</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>分子</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>分子 / 分母</source>
        <translation>Numerator / denominator</translation>
    </message>
    <message>
        <source>分期考核评分表</source>
        <translation>Installment score sheet</translation>
    </message>
    <message>
        <source>分母</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>刚录入 {item}：{verdict}</source>
        <translation>Just entered {item}: {verdict}</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>创建本机的机构根证书，用来为本单位检查人员签发签名证书；须设定根证书口令</source>
        <translation>Create this machine's agency root, which issues your inspectors' signing certificates; needs a root passphrase</translation>
    </message>
    <message>
        <source>创建机构根证书</source>
        <translation>Create the agency root</translation>
    </message>
    <message>
        <source>创建机构根证书…</source>
        <translation>Create the agency root…</translation>
    </message>
    <message>
        <source>创建机构根证书并加入本机信任列表；口令遗失后无法找回</source>
        <translation>Create the agency root and trust it on this machine; a lost passphrase cannot be recovered</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>别称</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>剔除以上 {n} 行后导入（剔除的行随导入记录保存）</source>
        <translation>Import without these {n} rows (the rows left out are kept with the import)</translation>
    </message>
    <message>
        <source>剔除所列各行，导入其余工单</source>
        <translation>Leave out the rows listed and import the other orders</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>办结时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>加入信任列表</source>
        <translation>Add to the trust list</translation>
    </message>
    <message>
        <source>加入信任列表：它签发的证书所签的文书都将显示为“签名有效”</source>
        <translation>Trust it: documents signed with certificates it issued will show as “Signature valid”</translation>
    </message>
    <message>
        <source>加入时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>加入根证书（.cer/.crt/.pem）…</source>
        <translation>Add a root certificate (.cer/.crt/.pem)…</translation>
    </message>
    <message>
        <source>加密数据库</source>
        <translation>Encrypted database</translation>
    </message>
    <message>
        <source>加密根证书私钥的口令，至少 8 个字符：为检查人员签发证书时输入；遗失后无法找回</source>
        <translation>The passphrase encrypting the root's private key, at least 8 characters: entered to issue inspectors' certificates; cannot be recovered if lost</translation>
    </message>
    <message>
        <source>勾选后才能导入：这些行不计入考核，随导入记录保存</source>
        <translation>Tick to allow the import: these rows are not counted, and are kept with the import record</translation>
    </message>
    <message>
        <source>勾选纳入本通知书的问题；去掉勾选的问题留待以后处理</source>
        <translation>Tick the findings this notice covers; unticked ones stay open for later</translation>
    </message>
    <message>
        <source>医疗保险</source>
        <translation>Medical</translation>
    </message>
    <message>
        <source>升序排列</source>
        <translation>Sort ascending</translation>
    </message>
    <message>
        <source>升级处理</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>升级处理…</source>
        <translation>Escalate…</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>单击表头排序；右键复制、导出或按列筛选；Ctrl+F 搜索</source>
        <translation>Click a header to sort; right-click to copy, export or filter a column; Ctrl+F searches</translation>
    </message>
    <message>
        <source>参加抽查的人员，多人用顿号分隔</source>
        <translation>The inspectors, separated by 、</translation>
    </message>
    <message>
        <source>参加检查的人员，多人用顿号分隔</source>
        <translation>The inspectors, separated by 、</translation>
    </message>
    <message>
        <source>双击查看完整身份证号（须说明理由，记入日志）</source>
        <translation>Double-click to show the full ID number (a reason is required and logged)</translation>
    </message>
    <message>
        <source>双击查看完整身份证号（须说明理由，记入日志）；右键复制或导出</source>
        <translation>Double-click to see a full ID number (a reason is asked and logged); right-click to copy or export</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>受信任的根证书</source>
        <translation>Trusted root certificates</translation>
    </message>
    <message>
        <source>受信任：证书由本机信任列表中的根证书签发</source>
        <translation>Trusted: the certificate was issued by a root in this machine's trust list</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>变更（{n}）</source>
        <translation>Changed ({n})</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>另有 {n} 处未列出</source>
        <translation>{n} more not listed</translation>
    </message>
    <message>
        <source>只列出已结束的抽查。</source>
        <translation>Only finished checks are listed.</translation>
    </message>
    <message>
        <source>只在“{column}”列中搜索…</source>
        <translation>Search only in “{column}”…</translation>
    </message>
    <message>
        <source>只显示含有所输入文字的行（Ctrl+F）</source>
        <translation>Show only the rows containing the text (Ctrl+F)</translation>
    </message>
    <message>
        <source>可从履约保证金中扣除 {amount}</source>
        <translation>Claimable from the performance bond: {amount}</translation>
    </message>
    <message>
        <source>可信时间戳</source>
        <translation>Trusted time stamp</translation>
    </message>
    <message>
        <source>可扣减</source>
        <translation>Deductible</translation>
    </message>
    <message>
        <source>可拒绝付款：</source>
        <translation>Payment may be refused: </translation>
    </message>
    <message>
        <source>可选：检查人员证书（.cer），本机未见过签名人时需要</source>
        <translation>Optional: the inspector's certificate (.cer), needed when this machine has not met the signer</translation>
    </message>
    <message>
        <source>各期付款：考核月份、得分、扣减和实付；选中一期看扣减明细</source>
        <translation>Each installment: months, score, deductions, payable; select one for its deductions</translation>
    </message>
    <message>
        <source>合同</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <source>合同内在矛盾的检查结果</source>
        <translation>Contradictions found in the contract</translation>
    </message>
    <message>
        <source>合同原文</source>
        <translation>As written</translation>
    </message>
    <message>
        <source>合同名称</source>
        <translation>Contract name</translation>
    </message>
    <message>
        <source>合同总价</source>
        <translation>Contract total</translation>
    </message>
    <message>
        <source>合同文件 (*.json)</source>
        <translation>Contract files (*.json)</translation>
    </message>
    <message>
        <source>合同标识</source>
        <translation>Contract ID</translation>
    </message>
    <message>
        <source>合同检查（内在矛盾）：</source>
        <translation>Contract lint (inconsistencies):</translation>
    </message>
    <message>
        <source>合同的全部内容（中文字段名；鼠标停在字段名上可看到它在合同文件中的位置）；双击值修改</source>
        <translation>The whole contract (hover a field to see its place in the contract file); double-click a value to edit</translation>
    </message>
    <message>
        <source>合同的各个版本；已定稿的月份按定稿时的版本考核</source>
        <translation>The contract's versions; finalised months keep theirs</translation>
    </message>
    <message>
        <source>合同编号</source>
        <translation>Contract number</translation>
    </message>
    <message>
        <source>合同：</source>
        <translation>Contract:</translation>
    </message>
    <message>
        <source>合同：{name}</source>
        <translation>Contract: {name}</translation>
    </message>
    <message>
        <source>同类管理经验年限</source>
        <translation>Years of similar management</translation>
    </message>
    <message>
        <source>名单外在岗人员</source>
        <translation>Person working, not on the roster</translation>
    </message>
    <message>
        <source>名单月均在岗：{heads}；人员流失率 {rate}%</source>
        <translation>Roster monthly average: {heads}; turnover {rate}%</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>回到上一步</source>
        <translation>Back to the previous step</translation>
    </message>
    <message>
        <source>回到上一项</source>
        <translation>Back to the previous item</translation>
    </message>
    <message>
        <source>回访时间</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <source>国务院办公厅节假日安排通知的文号，作为依据保存</source>
        <translation>The number of the State Council's holiday notice, kept as the basis</translation>
    </message>
    <message>
        <source>国务院节假日安排通知中的一天</source>
        <translation>A day of the State Council's holiday notice</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg)</source>
        <translation>Images (*.png *.jpg)</translation>
    </message>
    <message>
        <source>在全部列中搜索</source>
        <translation>Search all columns</translation>
    </message>
    <message>
        <source>在哪一列中搜索</source>
        <translation>Which column to search</translation>
    </message>
    <message>
        <source>在回执上签字的乙方人员姓名</source>
        <translation>The operator's person who signed the receipt</translation>
    </message>
    <message>
        <source>在岗</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>在岗但不在人员名单上的人：登记后抽查不达标，并记为问题</source>
        <translation>Someone at work who is not on the roster: the check then fails and it becomes a finding</translation>
    </message>
    <message>
        <source>在新窗口中打开示例数据库试用（与正式数据分开）</source>
        <translation>Open the demo database in a window of its own (apart from your data)</translation>
    </message>
    <message>
        <source>在新窗口中打开虚构的示例数据库试用</source>
        <translation>Open the made-up demo database in a new window</translation>
    </message>
    <message>
        <source>在现场逐人核对：输入几个字找到人员，回车在岗，F2 请假，F3 缺岗。缺岗和名单外人员记为问题。</source>
        <translation>On site, person by person: type a few characters, Enter present, F2 on leave, F3 absent. Absences and unlisted staff become findings.</translation>
    </message>
    <message>
        <source>在职但未签保密承诺的人员；可多选（Ctrl/Shift+单击）</source>
        <translation>Staff without a signed commitment; select several with Ctrl/Shift+click</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>处理意见</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <source>处理意见：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <source>备份 (*.zip)</source>
        <translation>Backups (*.zip)</translation>
    </message>
    <message>
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>备注，将印在评分表上</source>
        <translation>A note; printed on the score sheet</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>复制所选行</source>
        <translation>Copy selected rows</translation>
    </message>
    <message>
        <source>复制整个表格</source>
        <translation>Copy the whole table</translation>
    </message>
    <message>
        <source>大写</source>
        <translation>In words</translation>
    </message>
    <message>
        <source>失业保险</source>
        <translation>Unemployment</translation>
    </message>
    <message>
        <source>如 96.5 或 96.5%</source>
        <translation>e.g. 96.5 or 96.5%</translation>
    </message>
    <message>
        <source>如 国办发明电〔2026〕X号</source>
        <translation>e.g. 国办发明电〔2026〕X号</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>季度划分</source>
        <translation>Quarter alignment</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>安排</source>
        <translation>Arrangement</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>完整身份证号</source>
        <translation>Full ID number</translation>
    </message>
    <message>
        <source>定稿</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <source>定稿 {month}？</source>
        <translation>Finalise {month}?</translation>
    </message>
    <message>
        <source>定稿后本月结果和问题固定下来，撤销记录清空；此后修改须说明理由重新打开。</source>
        <translation>Finalising fixes the month's result and findings and clears the undo history; a later change needs a reason to reopen.</translation>
    </message>
    <message>
        <source>定稿月份：{months}</source>
        <translation>Finalised months: {months}</translation>
    </message>
    <message>
        <source>实付</source>
        <translation>Payable</translation>
    </message>
    <message>
        <source>实付金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <source>实付金额（元）</source>
        <translation>Amount paid (yuan)</translation>
    </message>
    <message>
        <source>实发工资</source>
        <translation>Net pay</translation>
    </message>
    <message>
        <source>实测</source>
        <translation>Measured</translation>
    </message>
    <message>
        <source>实测值</source>
        <translation>Measured value</translation>
    </message>
    <message>
        <source>实测值、分子/分母、事件日志（按时限逐件判断）或免考</source>
        <translation>A value, numerator/denominator, an event log (each case against the time limit) or exempt</translation>
    </message>
    <message>
        <source>实测值，如 96.5 或 96.5%；回车保存并进入下一项</source>
        <translation>Measured value, e.g. 96.5 or 96.5%; Enter saves and goes on</translation>
    </message>
    <message>
        <source>实际支付的金额（元）：默认为核算实付，按银行回单填写</source>
        <translation>The amount actually paid (yuan): the computed payable by default; enter it as on the bank slip</translation>
    </message>
    <message>
        <source>审计包 (*.auditor-bundle)</source>
        <translation>Audit bundles (*.auditor-bundle)</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>审计日志发现问题</source>
        <translation>Audit log problems</translation>
    </message>
    <message>
        <source>审计日志完整：{n} 条记录，数据与记录一致。</source>
        <translation>The audit log is complete: {n} entries, and the data matches them.</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>For</translation>
    </message>
    <message>
        <source>导入 12345 系统导出的本月工单记录，计算相关指标</source>
        <translation>Import the month's work orders exported from the 12345 system</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>导入乙方报送的{kind}（.xlsx、.xls 或 .csv；有误的文件整份不导入）</source>
        <translation>Import the operator's {kind} (.xlsx, .xls or .csv; a file with errors is not imported at all)</translation>
    </message>
    <message>
        <source>导入人员名单、工资表、五险一金和转账记录，再点“核对”：差异记为本月问题。</source>
        <translation>Import roster, payroll, insurance and transfers, then Reconcile: differences become findings.</translation>
    </message>
    <message>
        <source>导入合同文件</source>
        <translation>Import contract file</translation>
    </message>
    <message>
        <source>导入合同文件…</source>
        <translation>Import contract file…</translation>
    </message>
    <message>
        <source>导入合同文件（.json），全部校验通过才保存</source>
        <translation>Import a contract file (.json); saved only if all of it is valid</translation>
    </message>
    <message>
        <source>导入审计包</source>
        <translation>Import audit bundle</translation>
    </message>
    <message>
        <source>导入审计包…</source>
        <translation>Import audit bundle…</translation>
    </message>
    <message>
        <source>导入工单记录…</source>
        <translation>Import work orders…</translation>
    </message>
    <message>
        <source>导入月度录入文件…</source>
        <translation>Import month entries file…</translation>
    </message>
    <message>
        <source>导入本单位颁发的证书（.p12）</source>
        <translation>Import one issued by your agency (.p12)</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>导出为 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>导出为 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>导出合同文件</source>
        <translation>Export contract file</translation>
    </message>
    <message>
        <source>导出合同文件…</source>
        <translation>Export contract file…</translation>
    </message>
    <message>
        <source>导出审计包</source>
        <translation>Export audit bundle</translation>
    </message>
    <message>
        <source>导出审计包…</source>
        <translation>Export audit bundle…</translation>
    </message>
    <message>
        <source>导出未达标工单</source>
        <translation>Export failing orders</translation>
    </message>
    <message>
        <source>导出未达标工单…</source>
        <translation>Export failing orders…</translation>
    </message>
    <message>
        <source>导出根证书</source>
        <translation>Export the root certificate</translation>
    </message>
    <message>
        <source>导出根证书（.cer）…</source>
        <translation>Export the root certificate (.cer)…</translation>
    </message>
    <message>
        <source>尚无乙方电子签收</source>
        <translation>No electronic receipt by the operator yet</translation>
    </message>
    <message>
        <source>尚有 {n} 项未检查</source>
        <translation>{n} duties not checked yet</translation>
    </message>
    <message>
        <source>尚未导入人员名单</source>
        <translation>No roster imported yet</translation>
    </message>
    <message>
        <source>尚未签发</source>
        <translation>Not issued yet</translation>
    </message>
    <message>
        <source>尚未设置签名证书。</source>
        <translation>No signing certificate yet.</translation>
    </message>
    <message>
        <source>履约义务</source>
        <translation>Obligations</translation>
    </message>
    <message>
        <source>履约保证金</source>
        <translation>Performance bond</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>岗位类别</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>岗位：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>工伤保险</source>
        <translation>Work injury</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>工单类型</source>
        <translation>Order type</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>工单计算</source>
        <translation>From the records</translation>
    </message>
    <message>
        <source>工单记录</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>工单记录中有误的行</source>
        <translation>The rows of the work orders with errors</translation>
    </message>
    <message>
        <source>工单记录有误</source>
        <translation>Bad rows in the work orders</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>工资发放转账记录</source>
        <translation>Salary transfers</translation>
    </message>
    <message>
        <source>工资表</source>
        <translation>Payroll</translation>
    </message>
    <message>
        <source>已付 {day}</source>
        <translation>Paid {day}</translation>
    </message>
    <message>
        <source>已保存为第 {n} 版：{summary}</source>
        <translation>Saved as version {n}: {summary}</translation>
    </message>
    <message>
        <source>已全部检查</source>
        <translation>All checked</translation>
    </message>
    <message>
        <source>已升级处理</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>已取消导入，未做任何修改</source>
        <translation>Import cancelled; nothing was changed</translation>
    </message>
    <message>
        <source>已在新窗口中打开示例数据：{path}</source>
        <translation>Demo data opened in a new window: {path}</translation>
    </message>
    <message>
        <source>已备份到 {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <source>已复制 {n} 行（制表符分隔，可直接粘贴到表格）</source>
        <translation>Copied {n} rows (tab-separated, ready to paste into a spreadsheet)</translation>
    </message>
    <message>
        <source>已定</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>已定稿</source>
        <translation>Finalised</translation>
    </message>
    <message>
        <source>已定稿 {month}</source>
        <translation>Finalised {month}</translation>
    </message>
    <message>
        <source>已定稿的 {n} 个月份保留定稿时的合同版本，不重新考核：</source>
        <translation>{n} finalised month(s) keep the contract version they were finalised under and are not reassessed:</translation>
    </message>
    <message>
        <source>已定稿的月份只能逐月说明理由重新打开、再次定稿后，才按新内容考核。</source>
        <translation>A finalised month follows the new content only once reopened with a reason and finalised again.</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>已导入 {contract} {period}</source>
        <translation>Imported {contract} {period}</translation>
    </message>
    <message>
        <source>已导入{kind}：{source}，{rows} 行</source>
        <translation>Imported {kind}: {source}, {rows} rows</translation>
    </message>
    <message>
        <source>已导入合同 {id}（{name}）</source>
        <translation>Imported contract {id} ({name})</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已导出 {n} 单到 {path}</source>
        <translation>Exported {n} orders to {path}</translation>
    </message>
    <message>
        <source>已导出 {n} 行到 {path}</source>
        <translation>Exported {n} rows to {path}</translation>
    </message>
    <message>
        <source>已导出 {path}（身份证号已脱敏）</source>
        <translation>Exported {path} (ID numbers masked)</translation>
    </message>
    <message>
        <source>已导出到 {path}。
把它交给乙方和其他办公室加入信任列表，并请对方核对指纹：
{fingerprint}</source>
        <translation>Exported to {path}.
Give it to the operator and the other offices to add to their trust list, and ask them to check the fingerprint:
{fingerprint}</translation>
    </message>
    <message>
        <source>已导出合同 {id} 到 {path}</source>
        <translation>Exported contract {id} to {path}</translation>
    </message>
    <message>
        <source>已开始抽查：{n} 人应在岗</source>
        <translation>Check started: {n} should be at work</translation>
    </message>
    <message>
        <source>已录入 {done}/{total}</source>
        <translation>Entered {done}/{total}</translation>
    </message>
    <message>
        <source>已忘记 {n} 个表头对应；下次导入时重新指定</source>
        <translation>Forgot {n} remembered headers; they will be asked for next time</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>已恢复。原数据库保留为 {kept}。
请重新启动程序。</source>
        <translation>Restored. The previous database is kept as {kept}.
Please start the app again.</translation>
    </message>
    <message>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <source>已整改…</source>
        <translation>Rectified…</translation>
    </message>
    <message>
        <source>已整改待核验</source>
        <translation>Rectified, to verify</translation>
    </message>
    <message>
        <source>已标记</source>
        <translation>Marked</translation>
    </message>
    <message>
        <source>已核验关闭</source>
        <translation>Verified and closed</translation>
    </message>
    <message>
        <source>已登记 {person} 离职经甲方同意；相关月份已重新核对</source>
        <translation>Recorded the approved departure of {person}; the months concerned were reconciled again</translation>
    </message>
    <message>
        <source>已登记：{role} {first}～{last} 要求 {n} 人</source>
        <translation>Recorded: {role} {first}–{last} requires {n}</translation>
    </message>
    <message>
        <source>已签发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>已签发 {number}，整改期限 {deadline}</source>
        <translation>Issued {number}, due {deadline}</translation>
    </message>
    <message>
        <source>已签发 {title} {number}</source>
        <translation>Issued {title} {number}</translation>
    </message>
    <message>
        <source>已签发：{numbers}</source>
        <translation>Issued: {numbers}</translation>
    </message>
    <message>
        <source>已签收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已落实</source>
        <translation>In place</translation>
    </message>
    <message>
        <source>已被替代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>已记为本月问题，可纳入整改通知书。</source>
        <translation>Recorded as this month's findings, ready for a notice.</translation>
    </message>
    <message>
        <source>已记录 {n} 人签署保密承诺：{names}</source>
        <translation>Recorded {n} signed commitments: {names}</translation>
    </message>
    <message>
        <source>已记录保密义务检查：{status}</source>
        <translation>Duty check recorded: {status}</translation>
    </message>
    <message>
        <source>已起草 {label}（{n} 个问题）</source>
        <translation>Drafted {label} ({n} findings)</translation>
    </message>
    <message>
        <source>已转到 {month}</source>
        <translation>Now showing {month}</translation>
    </message>
    <message>
        <source>已重新打开 {month}</source>
        <translation>Reopened {month}</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>应发工资</source>
        <translation>Gross pay</translation>
    </message>
    <message>
        <source>应在岗的人员及核对结果；选中后按回车、F2 或 F3 记录</source>
        <translation>Who should be at work and how they were found; select one and press Enter, F2 or F3</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>开始抽查</source>
        <translation>Start check</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>当前窗口已是示例数据</source>
        <translation>This window is the demo already</translation>
    </message>
    <message>
        <source>当前签名证书：</source>
        <translation>Current signing certificate: </translation>
    </message>
    <message>
        <source>录入中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>录入方式</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>录入这一天</source>
        <translation>Enter this day</translation>
    </message>
    <message>
        <source>录入这一天的安排：办理时限按工作日计算，会影响相关月份的考核结果</source>
        <translation>Enter this day's arrangement: time limits count working days, so it changes the results of the months concerned</translation>
    </message>
    <message>
        <source>形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>得分 / 扣款</source>
        <translation>Points / deduction</translation>
    </message>
    <message>
        <source>得分 / 比例</source>
        <translation>Score / band</translation>
    </message>
    <message>
        <source>得分 {points}</source>
        <translation>Points {points}</translation>
    </message>
    <message>
        <source>忘记所选</source>
        <translation>Forget selected</translation>
    </message>
    <message>
        <source>忘记所选的表头对应：下次导入时重新指定</source>
        <translation>Forget the selected header mappings: they are asked for again at the next import</translation>
    </message>
    <message>
        <source>总件数（分母）；回车保存</source>
        <translation>All cases (denominator); Enter saves</translation>
    </message>
    <message>
        <source>总价大写</source>
        <translation>Total in words</translation>
    </message>
    <message>
        <source>恢复原顺序</source>
        <translation>Original order</translation>
    </message>
    <message>
        <source>您所在的单位：写入签名证书；本机首次使用时也是机构根证书的单位</source>
        <translation>Your agency: written into the signing certificate; on this machine's first use, also the agency root's</translation>
    </message>
    <message>
        <source>您的姓名：写入签名证书，核验文书时显示为签名人</source>
        <translation>Your name: written into the signing certificate and shown as the signer when documents are verified</translation>
    </message>
    <message>
        <source>情形</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>due</translation>
    </message>
    <message>
        <source>所选行（未选则整个表格）复制为制表符分隔的文字（Ctrl+C）</source>
        <translation>Copy the selected rows (or the whole table) as tab-separated text (Ctrl+C)</translation>
    </message>
    <message>
        <source>手册内容；可选中文字复制</source>
        <translation>The manual; text can be selected and copied</translation>
    </message>
    <message>
        <source>手册的各节；单击查看</source>
        <translation>The manual's sections; click one</translation>
    </message>
    <message>
        <source>手写签名（在框内书写）：</source>
        <translation>Handwritten signature (write in the box):</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印本文书；打印中可以取消</source>
        <translation>Print this document; printing can be cancelled</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>打开对应的页面</source>
        <translation>Open the page for it</translation>
    </message>
    <message>
        <source>打开所选抽查：未结束的继续核对，已结束的查看结果</source>
        <translation>Open the selected check: an unfinished one to go on checking, a finished one to look at</translation>
    </message>
    <message>
        <source>打开示例数据</source>
        <translation>Open demo data</translation>
    </message>
    <message>
        <source>扣减</source>
        <translation>Deductions</translation>
    </message>
    <message>
        <source>扣减比例(%)</source>
        <translation>Deduction (%)</translation>
    </message>
    <message>
        <source>扣款</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <source>扣款 {amount}</source>
        <translation>Deduction {amount}</translation>
    </message>
    <message>
        <source>找不到使用手册文件（docs/manual.md）。</source>
        <translation>The manual (docs/manual.md) was not found.</translation>
    </message>
    <message>
        <source>承办单位原因</source>
        <translation>Caused by the handling unit</translation>
    </message>
    <message>
        <source>把“{name}”移出信任列表？
此后它签发的证书所签的文书在本机核验时都显示为“签名人不受信任”。</source>
        <translation>Remove "{name}" from the trust list?
Documents signed with certificates it issued will then show as "signer not trusted" on this machine.</translation>
    </message>
    <message>
        <source>把截图、导出表等文件作为本项证据保存（记录 SHA-256）</source>
        <translation>Keep a screenshot, an export or another file as this item's evidence (its SHA-256 recorded)</translation>
    </message>
    <message>
        <source>把所选合同导出为合同文件，可在另一台电脑导入</source>
        <translation>Export the contract as a file to import elsewhere</translation>
    </message>
    <message>
        <source>把所选根证书移出信任列表：它签发的证书所签的文书将显示为“签名人不受信任”</source>
        <translation>Stop trusting the selected root: documents signed with certificates it issued will show as “Signer not trusted”</translation>
    </message>
    <message>
        <source>把未达标的工单导出为表格，交乙方核对</source>
        <translation>Export the failing work orders for the operator to check</translation>
    </message>
    <message>
        <source>把本文书原样另存为 PDF 文件；签名件另存后签名仍然有效</source>
        <translation>Save this document unchanged as a PDF file; a signed copy stays valid</translation>
    </message>
    <message>
        <source>把本机的机构根证书导出为 .cer 文件，交乙方和其他办公室加入信任列表</source>
        <translation>Export this machine's agency root as a .cer file, for the operator and other offices to trust</translation>
    </message>
    <message>
        <source>把表格（按当前排序和搜索）导出为 .xlsx 文件</source>
        <translation>Export the table (as sorted and searched) to an .xlsx file</translation>
    </message>
    <message>
        <source>报送期限</source>
        <translation>Submission deadlines</translation>
    </message>
    <message>
        <source>抽查不达标解约次数</source>
        <translation>Failed spot checks giving a termination right</translation>
    </message>
    <message>
        <source>抽查不达标：</source>
        <translation>Check failed: </translation>
    </message>
    <message>
        <source>抽查的地点，印在现场抽查记录上</source>
        <translation>Where the check is made; printed on the record</translation>
    </message>
    <message>
        <source>抽查的时间：按排班表列出此刻应在岗的人员（无排班表时为全部在职人员）</source>
        <translation>When the check is made: the schedule gives who should be at work then (without one, all staff)</translation>
    </message>
    <message>
        <source>抽查达标</source>
        <translation>Check passed</translation>
    </message>
    <message>
        <source>指定表头</source>
        <translation>Map columns</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>指标编号前缀</source>
        <translation>Indicator code prefix</translation>
    </message>
    <message>
        <source>指标趋势：</source>
        <translation>Indicator trend:</translation>
    </message>
    <message>
        <source>按所填时间列出应在岗人员，开始逐人核对</source>
        <translation>List who should be at work at that time and start checking them</translation>
    </message>
    <message>
        <source>按所选的列继续导入，并为该乙方记住；以后导入时自动使用</source>
        <translation>Go on importing with the chosen columns, remembered for this operator and used at later imports</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>按核准人数考核的最后一个月</source>
        <translation>The last month assessed against the approved headcount</translation>
    </message>
    <message>
        <source>按核准人数考核的第一个月</source>
        <translation>The first month assessed against the approved headcount</translation>
    </message>
    <message>
        <source>按该期考核月份的结果；未定稿的月份为暂估。</source>
        <translation>From the results of the installment's months; months not finalised are provisional.</translation>
    </message>
    <message>
        <source>排班表</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>搜索…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <source>搜索…（Esc 清除）</source>
        <translation>Search… (Esc clears)</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>撤销上一步录入</source>
        <translation>Undo the last entry</translation>
    </message>
    <message>
        <source>收到</source>
        <translation> received</translation>
    </message>
    <message>
        <source>收到日期应写作 YYYY-MM-DD</source>
        <translation>Write the date received as YYYY-MM-DD</translation>
    </message>
    <message>
        <source>收到日期：</source>
        <translation>Received on:</translation>
    </message>
    <message>
        <source>改用单位颁发的证书（.p12）…</source>
        <translation>Use a certificate issued by the agency (.p12)…</translation>
    </message>
    <message>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>放假日</source>
        <translation>holiday</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>放弃未保存的修改</source>
        <translation>Drop the unsaved changes</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>数据库口令：</source>
        <translation>Database passphrase:</translation>
    </message>
    <message>
        <source>数据库在程序之外被改动过：</source>
        <translation>The database was changed outside the app:</translation>
    </message>
    <message>
        <source>数据未改动。请重新启动程序。</source>
        <translation>Nothing was changed. Please restart the program.</translation>
    </message>
    <message>
        <source>整改报告</source>
        <translation>Rectification report</translation>
    </message>
    <message>
        <source>整改报告 (*.pdf *.png *.jpg *.jpeg *.doc *.docx);;所有文件 (*)</source>
        <translation>Rectification reports (*.pdf *.png *.jpg *.jpeg *.doc *.docx);;All files (*)</translation>
    </message>
    <message>
        <source>整改日期</source>
        <translation>Rectified on</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改期限(天)</source>
        <translation>Rectification period (days)</translation>
    </message>
    <message>
        <source>整改通知书</source>
        <translation>Rectification notices</translation>
    </message>
    <message>
        <source>整改通知书…</source>
        <translation>Rectification notice…</translation>
    </message>
    <message>
        <source>文中出现的合同编号</source>
        <translation>Contract numbers in the text</translation>
    </message>
    <message>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>文书与帮助</source>
        <translation>Documents and help</translation>
    </message>
    <message>
        <source>文书二维码中的文字：用扫码枪扫入，或粘贴、输入</source>
        <translation>The text of the document's QR code: scan, paste or type it</translation>
    </message>
    <message>
        <source>文书功能尚未提供</source>
        <translation>Documents are not available yet</translation>
    </message>
    <message>
        <source>文书针对的月份、期次或抽查</source>
        <translation>The month, installment or spot check it is for</translation>
    </message>
    <message>
        <source>文书（预览、签发、打印）…</source>
        <translation>Documents (preview, issue, print)…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>文件 {name} 与录入时的 SHA-256 不一致，可能已被改动。</source>
        <translation>The file {name} no longer matches the SHA-256 recorded when it was added; it may have been altered.</translation>
    </message>
    <message>
        <source>文件与行</source>
        <translation>File and row</translation>
    </message>
    <message>
        <source>文件中哪一列是“{field}”</source>
        <translation>Which column of the file is “{field}”</translation>
    </message>
    <message>
        <source>文件已被改动</source>
        <translation>The file was altered</translation>
    </message>
    <message>
        <source>文件已被改动或损坏，签名无效。</source>
        <translation>The file was altered or is damaged; the signature is not valid.</translation>
    </message>
    <message>
        <source>文件未签名。</source>
        <translation>The file is not signed.</translation>
    </message>
    <message>
        <source>文件未被改动，但签名人不受信任：{problem}。本机无法确认签名人的身份，请勿当作有效文书。</source>
        <translation>The file is unchanged, but the signer is not trusted: {problem}. This machine cannot confirm who signed it; do not treat it as a valid document.</translation>
    </message>
    <message>
        <source>文件类别：文件中的表头 → 程序中的项目</source>
        <translation>File kind: header in the file → field</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>文号或记录</source>
        <translation>Reference (document number)</translation>
    </message>
    <message>
        <source>新合同编号（小写字母、数字和连字符）：</source>
        <translation>New contract id (lower-case letters, digits, hyphens):</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>新手导览</source>
        <translation>Guided tour</translation>
    </message>
    <message>
        <source>无可纳入的问题</source>
        <translation>No findings to include</translation>
    </message>
    <message>
        <source>无法写入 {name}：{reason}</source>
        <translation>Cannot write {name}: {reason}</translation>
    </message>
    <message>
        <source>无法写入 {path}：{reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>无法启动新窗口；可用 --db {path} 打开。</source>
        <translation>Could not start a new window; open it with --db {path}.</translation>
    </message>
    <message>
        <source>无法开始</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>无法核验</source>
        <translation>Cannot verify</translation>
    </message>
    <message>
        <source>无法添加证据</source>
        <translation>Cannot add evidence</translation>
    </message>
    <message>
        <source>无法计算</source>
        <translation>Cannot compute</translation>
    </message>
    <message>
        <source>无法证明二维码真伪。</source>
        <translation>The QR code cannot be shown to be genuine.</translation>
    </message>
    <message>
        <source>无法证明真伪</source>
        <translation>Cannot be shown genuine</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Cannot read</translation>
    </message>
    <message>
        <source>无法读取{what} {name}：{reason}</source>
        <translation>Cannot read {what} {name}: {reason}</translation>
    </message>
    <message>
        <source>无法读取文件：{reason}</source>
        <translation>Cannot read the file: {reason}</translation>
    </message>
    <message>
        <source>无法预览</source>
        <translation>Cannot preview</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>日期有误</source>
        <translation>Wrong date</translation>
    </message>
    <message>
        <source>日期（原文）</source>
        <translation>Date (as written)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>时间戳服务器地址“{url}”须以 http:// 或 https:// 开头，且不含空格</source>
        <translation>The time-stamp server address "{url}" must start with http:// or https:// and contain no spaces</translation>
    </message>
    <message>
        <source>时间戳服务器（RFC 3161）：</source>
        <translation>Time-stamp server (RFC 3161):</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>时限内</source>
        <translation>Within</translation>
    </message>
    <message>
        <source>时限截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>是否二次交办</source>
        <translation>Re-assigned?</translation>
    </message>
    <message>
        <source>是否回访</source>
        <translation>Followed up?</translation>
    </message>
    <message>
        <source>是否转办</source>
        <translation>Transferred?</translation>
    </message>
    <message>
        <source>是否退回</source>
        <translation>Returned?</translation>
    </message>
    <message>
        <source>暂估</source>
        <translation>Provisional</translation>
    </message>
    <message>
        <source>暂估：未完成或未定稿的月份 {months}</source>
        <translation>Provisional: months not complete or not finalised {months}</translation>
    </message>
    <message>
        <source>暂按不达标扣款 {amount}</source>
        <translation>provisionally deducted as failed: {amount}</translation>
    </message>
    <message>
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>替换后各人员的变化；身份证号只显示前四位和后四位</source>
        <translation>What changes for each person; ID numbers show only their first and last four characters</translation>
    </message>
    <message>
        <source>替换已导入的{kind}</source>
        <translation>Replace the imported {kind}</translation>
    </message>
    <message>
        <source>最低工资</source>
        <translation>Minimum wage</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>月度汇总</source>
        <translation>Month summary</translation>
    </message>
    <message>
        <source>月度考核明细</source>
        <translation>Month items</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>有误的各行：行号、列和问题</source>
        <translation>The wrong rows: row number, column and problem</translation>
    </message>
    <message>
        <source>服务地点</source>
        <translation>Service place</translation>
    </message>
    <message>
        <source>服务时间</source>
        <translation>Service hours</translation>
    </message>
    <message>
        <source>服务期</source>
        <translation>Service term</translation>
    </message>
    <message>
        <source>服务期各月</source>
        <translation>Months of the service term</translation>
    </message>
    <message>
        <source>期次</source>
        <translation>Installment</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>未保存：已定稿的月份保持不变</source>
        <translation>Not saved: the finalised months are unchanged</translation>
    </message>
    <message>
        <source>未创建</source>
        <translation>Not created</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>未发现矛盾</source>
        <translation>No inconsistencies found</translation>
    </message>
    <message>
        <source>未备份</source>
        <translation>Not backed up</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>未完成：{items}</source>
        <translation>Unfinished: {items}</translation>
    </message>
    <message>
        <source>未定稿</source>
        <translation>Not finalised</translation>
    </message>
    <message>
        <source>未定稿的 {n} 个月份将按修改后的合同重新考核：</source>
        <translation>{n} open month(s) will be reassessed with the edited contract:</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>未导入 {name}：未指定表头</source>
        <translation>{name} not imported: headers not mapped</translation>
    </message>
    <message>
        <source>未导出</source>
        <translation>Not exported</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>未录入</source>
        <translation>Not entered</translation>
    </message>
    <message>
        <source>未录入 {n} 项</source>
        <translation>{n} items not entered</translation>
    </message>
    <message>
        <source>未录入项目暂估扣减 {amount}</source>
        <translation>Provisional deduction for items not entered {amount}</translation>
    </message>
    <message>
        <source>未报送</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>未改变：所填的值与现行内容相同</source>
        <translation>Unchanged: the values are those already in force</translation>
    </message>
    <message>
        <source>未显示</source>
        <translation>Not shown</translation>
    </message>
    <message>
        <source>未替换：{kind}仍为 {source}</source>
        <translation>Not replaced: the {kind} is still {source}</translation>
    </message>
    <message>
        <source>未标记</source>
        <translation>Unmarked</translation>
    </message>
    <message>
        <source>未核</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>未核对</source>
        <translation>Not reconciled</translation>
    </message>
    <message>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>未生成</source>
        <translation>Not generated</translation>
    </message>
    <message>
        <source>未生成示例数据</source>
        <translation>Demo data not made</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>未签保密承诺的在职人员：</source>
        <translation>Staff without a signed confidentiality commitment:</translation>
    </message>
    <message>
        <source>未签发</source>
        <translation>Not issued</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>未结束</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <source>未落实</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>未计算</source>
        <translation>Not computed</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>未载入</source>
        <translation>Not loaded</translation>
    </message>
    <message>
        <source>未达标工单</source>
        <translation>Failing orders</translation>
    </message>
    <message>
        <source>未附整改报告。仍记为已整改？</source>
        <translation>No rectification report attached. Record as rectified anyway?</translation>
    </message>
    <message>
        <source>本单位名称，写入根证书</source>
        <translation>Your agency's name, written into the root certificate</translation>
    </message>
    <message>
        <source>本合同的历次抽查；双击打开</source>
        <translation>The contract's spot checks; double-click to open</translation>
    </message>
    <message>
        <source>本月不达标项生成的问题（定稿时保存），可纳入整改通知书</source>
        <translation>The findings of the month's failures (kept at finalising), for a notice</translation>
    </message>
    <message>
        <source>本月严重舆论事件数</source>
        <translation>Serious incidents this month</translation>
    </message>
    <message>
        <source>本月发生的严重舆论事件数；回车保存</source>
        <translation>Serious public-opinion incidents this month; Enter saves</translation>
    </message>
    <message>
        <source>本月各项的要求、实测与结论；双击一行到逐项录入的该项</source>
        <translation>The month's items, their targets, figures and verdicts; double-click to open one in the walk-through</translation>
    </message>
    <message>
        <source>本月定稿</source>
        <translation>Finalise month</translation>
    </message>
    <message>
        <source>本月尚未导入工单记录。导入后，由工单计算的指标将填入本月，乙方自报数另行保留。</source>
        <translation>No work orders imported for this month. Once imported, the items they compute fill the month; the operator's own figures are kept beside them.</translation>
    </message>
    <message>
        <source>本月已导入 {previous}。用 {new} 替换它：新增 {a} 人，删除 {r} 人，变更 {c} 人。</source>
        <translation>{previous} is imported for this month. Replacing it by {new}: {a} added, {r} removed, {c} changed.</translation>
    </message>
    <message>
        <source>本月已录入的项数</source>
        <translation>Items entered this month</translation>
    </message>
    <message>
        <source>本月应录入的各项；√ 达标，× 不达标，○ 未录入，免 免考。单击跳到该项</source>
        <translation>The items due this month; √ passed, × failed, ○ not entered, 免 exempt. Click to go there</translation>
    </message>
    <message>
        <source>本月应考核的各项按顺序列在这里。右侧录入实测值，回车保存并进入下一项，结论立即显示。</source>
        <translation>The month's items, in order. Enter the figure on the right; Enter saves and goes on; the verdict shows at once.</translation>
    </message>
    <message>
        <source>本月得分 {score}</source>
        <translation>Month score {score}</translation>
    </message>
    <message>
        <source>本月扣减 {amount}</source>
        <translation>Month deductions {amount}</translation>
    </message>
    <message>
        <source>本月检查该项保密义务的结果</source>
        <translation>This month's check of the duty</translation>
    </message>
    <message>
        <source>本月没有未处理的问题（问题在月度定稿或核对时生成）。</source>
        <translation>No open findings this month (findings are made when a month is finalised or reconciled).</translation>
    </message>
    <message>
        <source>本月的考核指标、人员配置和人员名单（勾选框），打印后带到现场填写</source>
        <translation>The month's indicators, staffing and roster (with tick boxes), to print and fill in on site</translation>
    </message>
    <message>
        <source>本月问题（不达标项生成，定稿时保存）：</source>
        <translation>Findings of the month (from failures, stored when finalised):</translation>
    </message>
    <message>
        <source>本机登记簿中没有该文号</source>
        <translation>This number is not in this machine's register</translation>
    </message>
    <message>
        <source>本机的机构根证书</source>
        <translation>This machine's agency root</translation>
    </message>
    <message>
        <source>本机还没有机构根证书。创建后，可为本单位检查人员签发签名证书，并把根证书（.cer）交给乙方和其他办公室加入信任列表。</source>
        <translation>This machine has no agency root yet. Once created, it issues your inspectors' signing certificates; give its certificate (.cer) to the operator and the other offices for their trust lists.</translation>
    </message>
    <message>
        <source>本机还没有机构根证书：将同时创建，请设定根证书口令（至少 8 个字符）并妥善保管。</source>
        <translation>This machine has no agency root yet: it will be created now. Choose a root passphrase (at least 8 characters) and keep it safe.</translation>
    </message>
    <message>
        <source>本页的使用说明</source>
        <translation>The manual for the page in front</translation>
    </message>
    <message>
        <source>本项的证据文件；双击打开（先核对 SHA-256）</source>
        <translation>This item's evidence; double-click to open (SHA-256 checked first)</translation>
    </message>
    <message>
        <source>机构根证书口令</source>
        <translation>Agency root passphrase</translation>
    </message>
    <message>
        <source>机构根证书的口令：本机首次使用时创建根证书并以此口令加密保存；以后为检查人员签发证书时都须输入</source>
        <translation>The agency root's passphrase: the root is created and encrypted with it on first use; it is asked whenever an inspector certificate is issued</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>查看 {at} 的抽查结果</source>
        <translation>The check of {at}</translation>
    </message>
    <message>
        <source>查看完整身份证号</source>
        <translation>Show the full ID number</translation>
    </message>
    <message>
        <source>查看或忘记为乙方记住的表头对应（指定错了可在此更正）</source>
        <translation>See or forget the headers remembered for the operator (to correct a wrong mapping)</translation>
    </message>
    <message>
        <source>查看通知书（已签发的为登记的签名件），可打印、另存（双击一行亦可）</source>
        <translation>View the notice (an issued one as registered and signed), print or save it (or double-click a row)</translation>
    </message>
    <message>
        <source>标记已签</source>
        <translation>Mark as signed</translation>
    </message>
    <message>
        <source>标记所选人员已签保密承诺</source>
        <translation>Mark the selected as signed</translation>
    </message>
    <message>
        <source>校验并保存修改，作为合同的新版本</source>
        <translation>Check and save the changes as a new version</translation>
    </message>
    <message>
        <source>核准人数</source>
        <translation>Approved headcount</translation>
    </message>
    <message>
        <source>核对</source>
        <translation>Reconcile</translation>
    </message>
    <message>
        <source>核对人员名单、工资表、五险一金缴纳记录与工资发放转账记录</source>
        <translation>Reconcile roster, payroll, social insurance and salary transfers</translation>
    </message>
    <message>
        <source>核对名单、工资表、五险一金与转账记录，差异记为本月问题</source>
        <translation>Check roster, payroll, insurance and transfers against each other; differences become findings</translation>
    </message>
    <message>
        <source>核对完成：{n} 处差异，已记为本月问题</source>
        <translation>Reconciled: {n} differences, recorded as findings</translation>
    </message>
    <message>
        <source>核对完成：名单、工资、五险一金与转账记录一致</source>
        <translation>Reconciled: roster, payroll, insurance and transfers agree</translation>
    </message>
    <message>
        <source>核对结果</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>核对结果：</source>
        <translation>Findings:</translation>
    </message>
    <message>
        <source>核算实付 {amount}。登记后本期数字冻结，此后考核月份的变动列入下一未付期次。</source>
        <translation>Computed payable {amount}. Once recorded, this installment's figures are frozen; later changes in its months are adjusted on the next unpaid installment.</translation>
    </message>
    <message>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>核验二维码内容的签名是否有效、内容是否被改动</source>
        <translation>Check whether the QR code's signature is valid and its content unaltered</translation>
    </message>
    <message>
        <source>核验人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>核验人：</source>
        <translation>Verified by:</translation>
    </message>
    <message>
        <source>核验关闭</source>
        <translation>Verify and close</translation>
    </message>
    <message>
        <source>核验关闭…</source>
        <translation>Verify and close…</translation>
    </message>
    <message>
        <source>核验审计日志…</source>
        <translation>Verify the audit log…</translation>
    </message>
    <message>
        <source>核验整改结果后关闭通知书及其问题</source>
        <translation>Close the notice and its findings once the rectification is checked</translation>
    </message>
    <message>
        <source>核验整改结果的人员</source>
        <translation>Who checked the rectification</translation>
    </message>
    <message>
        <source>核验文书签名</source>
        <translation>Verify a signed document</translation>
    </message>
    <message>
        <source>核验文书签名…</source>
        <translation>Verify a signed document…</translation>
    </message>
    <message>
        <source>核验的详细结果：文号、登记簿、每个签名的签名人、证书和签名时间</source>
        <translation>The details: number, register, and each signature's signer, certificate and signing time</translation>
    </message>
    <message>
        <source>核验结果</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>核验该 PDF 的签名、是否被改动、是否与本机登记的原件一致</source>
        <translation>Check the PDF's signatures, whether it was altered, and whether it matches the original registered here</translation>
    </message>
    <message>
        <source>根证书</source>
        <translation>Root certificate</translation>
    </message>
    <message>
        <source>根证书口令（至少 8 个字符）</source>
        <translation>Root passphrase (at least 8 characters)</translation>
    </message>
    <message>
        <source>根证书的私钥以此口令加密保存在数据库中；为检查人员签发证书时须输入。口令遗失后无法找回。</source>
        <translation>The root's private key is kept in the database, encrypted with this passphrase; it is asked whenever an inspector certificate is issued. A lost passphrase cannot be recovered.</translation>
    </message>
    <message>
        <source>格式版本</source>
        <translation>Format version</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>检查人员签名</source>
        <translation>Inspector's signature</translation>
    </message>
    <message>
        <source>检查人员签名…</source>
        <translation>Inspector's signature…</translation>
    </message>
    <message>
        <source>检查人员签名证书的口令</source>
        <translation>The passphrase of the inspector's signing certificate</translation>
    </message>
    <message>
        <source>检查地点</source>
        <translation>Place of inspection</translation>
    </message>
    <message>
        <source>检查情况</source>
        <translation>What was found</translation>
    </message>
    <message>
        <source>检查情况的说明（未落实时写明问题，印在问题清单上）</source>
        <translation>What was found (for a gap: the problem, printed with the findings)</translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation>Date of inspection</translation>
    </message>
    <message>
        <source>检查日期应写作 YYYY-MM-DD</source>
        <translation>Write the date of inspection as YYYY-MM-DD</translation>
    </message>
    <message>
        <source>模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>欢迎使用</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>正在导入工单记录…</source>
        <translation>Importing work orders…</translation>
    </message>
    <message>
        <source>正在录入…</source>
        <translation>Entering…</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>正在校验…</source>
        <translation>Validating…</translation>
    </message>
    <message>
        <source>正在比较…</source>
        <translation>Comparing…</translation>
    </message>
    <message>
        <source>正在比较新旧文件…</source>
        <translation>Comparing the new file with the imported one…</translation>
    </message>
    <message>
        <source>正在生成{title}…</source>
        <translation>Rendering the {title}…</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>正在生成并签名…</source>
        <translation>Generating and signing…</translation>
    </message>
    <message>
        <source>正在生成示例数据…</source>
        <translation>Making the demo data…</translation>
    </message>
    <message>
        <source>正在生成考核评分表…</source>
        <translation>Generating the score sheet…</translation>
    </message>
    <message>
        <source>正在登记…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <source>正在登记付款…</source>
        <translation>Recording the payment…</translation>
    </message>
    <message>
        <source>正在签发…</source>
        <translation>Issuing…</translation>
    </message>
    <message>
        <source>每日比例(%)</source>
        <translation>Percent per day</translation>
    </message>
    <message>
        <source>每月报送日</source>
        <translation>Day of the month due</translation>
    </message>
    <message>
        <source>每缺一人扣减比例(%)</source>
        <translation>Deduction per missing person (%)</translation>
    </message>
    <message>
        <source>每行一件：受理时间、办结时间（Tab 分隔，从表格粘贴）；Ctrl+回车保存</source>
        <translation>One case a line: received, done (tab-separated, pasted from a spreadsheet); Ctrl+Enter saves</translation>
    </message>
    <message>
        <source>比例(%)</source>
        <translation>Percent</translation>
    </message>
    <message>
        <source>比例（原文）</source>
        <translation>Percent (as written)</translation>
    </message>
    <message>
        <source>比较</source>
        <translation>Comparator</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>注意：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>添加证据…</source>
        <translation>Add evidence…</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>清除框内的签名和载入的签名图片</source>
        <translation>Clear the signature drawn in the box and any loaded picture</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>版本记录（已定稿的月份按定稿时的版本考核）：</source>
        <translation>Versions (a finalised month is assessed under the version it was finalised with):</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>现场抽查</source>
        <translation>Spot check</translation>
    </message>
    <message>
        <source>现场抽查条款</source>
        <translation>Spot check clause</translation>
    </message>
    <message>
        <source>现场抽查记录</source>
        <translation>Spot check record</translation>
    </message>
    <message>
        <source>现场抽查记录：已签发的为登记的签名件，否则为预览</source>
        <translation>The spot check record: the registered, signed copy once issued, else a preview</translation>
    </message>
    <message>
        <source>现场检查的地点，印在通知书上</source>
        <translation>Where the inspection took place; printed on the notice</translation>
    </message>
    <message>
        <source>现场检查的日期</source>
        <translation>The day of the inspection</translation>
    </message>
    <message>
        <source>现场检查表</source>
        <translation>On-site checklist</translation>
    </message>
    <message>
        <source>现场检查表（空白，现场手填）</source>
        <translation>On-site checklist (blank, filled in by hand)</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>理由（将记入历史）：</source>
        <translation>Reason (kept in history):</translation>
    </message>
    <message>
        <source>理由（将记入日志）：</source>
        <translation>Reason (logged):</translation>
    </message>
    <message>
        <source>生成未签名的预览（每页有“预览”字样），可打印、另存</source>
        <translation>Make an unsigned preview (marked 预览 on every page) to print or save</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Effective</translation>
    </message>
    <message>
        <source>用新文件替换本月已导入的同类文件，上面列出的变化随之生效</source>
        <translation>Replace this month's imported file of this kind with the new one; the changes listed above take effect</translation>
    </message>
    <message>
        <source>用该备份替换当前数据？当前数据库会保留一份副本。</source>
        <translation>Replace the current data with this backup? A copy of the current database is kept.</translation>
    </message>
    <message>
        <source>用鼠标或手写板在框内书写签名，印在您签发的文书上</source>
        <translation>Write your signature in the box with the mouse or a pen tablet; it is printed on the documents you issue</translation>
    </message>
    <message>
        <source>由其他数据得出</source>
        <translation>Derived</translation>
    </message>
    <message>
        <source>由本机信任的根证书签发，可以签发文书。</source>
        <translation>Issued by a root this machine trusts; it can sign documents.</translation>
    </message>
    <message>
        <source>由本机的机构根证书签发新证书</source>
        <translation>Issue one under this machine's agency root</translation>
    </message>
    <message>
        <source>甲方</source>
        <translation>Purchaser</translation>
    </message>
    <message>
        <source>甲方同意与节假日安排</source>
        <translation>Approvals and holiday notices</translation>
    </message>
    <message>
        <source>甲方同意与节假日安排…</source>
        <translation>Approvals and holiday notices…</translation>
    </message>
    <message>
        <source>甲方同意变更的日期，不能晚于今天</source>
        <translation>The day the agency approved the change; not later than today</translation>
    </message>
    <message>
        <source>甲方同意日期</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <source>甲方同意的文号或会议纪要等记录，作为依据保存</source>
        <translation>The approval's document number or minutes, kept as the basis</translation>
    </message>
    <message>
        <source>甲方同意的该岗位人数：这些月份按此人数考核，不再按合同约定的人数</source>
        <translation>The headcount the agency approved for the role: these months are assessed against it, not the contract's figure</translation>
    </message>
    <message>
        <source>甲方同意离职的日期，不能晚于今天</source>
        <translation>The day the agency approved the departure; not later than today</translation>
    </message>
    <message>
        <source>甲方实际付款的日期（银行回单上的日期）</source>
        <translation>The day the agency actually paid (the date on the bank slip)</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言将在重新启动后生效。</source>
        <translation>The language takes effect after a restart.</translation>
    </message>
    <message>
        <source>留空表示不用：签名时间为签名人电脑时间，核验时会注明。服务器不可用时照常签名，并注明未加时间戳。</source>
        <translation>Empty: none (the signing time is the signer's clock; verification says so). An unreachable server does not stop signing.</translation>
    </message>
    <message>
        <source>登记乙方已整改，整改报告作为证据保存；此步不能撤销</source>
        <translation>Record the rectification, keeping the report as evidence; this step cannot be undone</translation>
    </message>
    <message>
        <source>登记乙方已签收通知书</source>
        <translation>Record that the operator received the notice</translation>
    </message>
    <message>
        <source>登记乙方报告已整改：日期和整改报告（作为证据保存）</source>
        <translation>Record that the operator reports it rectified: the date and its report (kept as evidence)</translation>
    </message>
    <message>
        <source>登记乙方签收：签收人和日期，或乙方电子签收的 PDF</source>
        <translation>Record the operator's receipt: who and when, or the PDF it signed</translation>
    </message>
    <message>
        <source>登记人员变更</source>
        <translation>Record staffing change</translation>
    </message>
    <message>
        <source>登记付款…</source>
        <translation>Record payment…</translation>
    </message>
    <message>
        <source>登记名单外在岗人员…</source>
        <translation>Add a person not on the roster…</translation>
    </message>
    <message>
        <source>登记本期付款：登记后本期数字冻结</source>
        <translation>Record this installment's payment: its figures are then frozen</translation>
    </message>
    <message>
        <source>登记甲方同意的人员变更：这些月份按核准人数考核；已定稿的月份须先重新打开</source>
        <translation>Record the approved staffing change: these months are assessed against the approved headcount; finalised months must be reopened first</translation>
    </message>
    <message>
        <source>登记离职同意</source>
        <translation>Record departure approval</translation>
    </message>
    <message>
        <source>登记离职经甲方同意：该人员离职不再记为问题，相关月份立即重新核对</source>
        <translation>Record the approved departure: the person's leaving is no longer a problem, and the months concerned are reconciled again at once</translation>
    </message>
    <message>
        <source>登记第{n}期付款</source>
        <translation>Record payment of installment {n}</translation>
    </message>
    <message>
        <source>登记簿</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>登记该期已付款的日期、金额和凭证；登记后本期数字冻结</source>
        <translation>Record the payment's date, amount and voucher; the installment's figures are then frozen</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>目标值（原文）</source>
        <translation>Target (as written)</translation>
    </message>
    <message>
        <source>直接开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>看下一步</source>
        <translation>The next step</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>确认并下一项</source>
        <translation>Accept and next</translation>
    </message>
    <message>
        <source>示例数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>离职人员</source>
        <translation>Person leaving</translation>
    </message>
    <message>
        <source>离职同意</source>
        <translation>Departure approval</translation>
    </message>
    <message>
        <source>离职日期</source>
        <translation>Leave date</translation>
    </message>
    <message>
        <source>移出信任列表</source>
        <translation>Remove from the trust list</translation>
    </message>
    <message>
        <source>移出信任列表…</source>
        <translation>Remove from the trust list…</translation>
    </message>
    <message>
        <source>程序遇到意外错误（{name}），当前操作未完成，已保存的数据不受影响。</source>
        <translation>An unexpected error occurred ({name}); the current action was not completed and saved data is unaffected.</translation>
    </message>
    <message>
        <source>税号</source>
        <translation>Tax number</translation>
    </message>
    <message>
        <source>税率(%)</source>
        <translation>Tax rate (%)</translation>
    </message>
    <message>
        <source>空白现场检查表…</source>
        <translation>Blank on-site checklist…</translation>
    </message>
    <message>
        <source>空白表格：带到现场手工填写，不编号、不签名、不登记。</source>
        <translation>A blank form to fill in by hand on site: not numbered, signed or registered.</translation>
    </message>
    <message>
        <source>第 {n} 版</source>
        <translation>version {n}</translation>
    </message>
    <message>
        <source>第 {n} 版　{at}　{who}　{summary}</source>
        <translation>Version {n}  {at}  {who}  {summary}</translation>
    </message>
    <message>
        <source>第 {n} 行</source>
        <translation>row {n}</translation>
    </message>
    <message>
        <source>第 {n} 项</source>
        <translation>item {n}</translation>
    </message>
    <message>
        <source>第{n}期</source>
        <translation>No. {n}</translation>
    </message>
    <message>
        <source>第{n}期 应付 {gross}，扣减 {ded}，上期结转 {carry}，实付 {pay}（{words}）</source>
        <translation>Installment {n}: due {gross}, deductions {ded}, carried in {carry}, payable {pay} ({words})</translation>
    </message>
    <message>
        <source>第{n}期（{due}）</source>
        <translation>Installment {n} ({due})</translation>
    </message>
    <message>
        <source>签发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>签发 {label}：编号、签名并登记，此后不能修改。</source>
        <translation>Issue {label}: numbered, signed and registered; it cannot be changed afterwards.</translation>
    </message>
    <message>
        <source>签发…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <source>签发人</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>签发日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>签发日期：默认今天，不能晚于今天</source>
        <translation>Issue date: today by default, never later</translation>
    </message>
    <message>
        <source>签发机构</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <source>签发者</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>签发记录…</source>
        <translation>Issue record…</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>签名人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>签名人不受信任</source>
        <translation>Signer not trusted</translation>
    </message>
    <message>
        <source>签名人的检查人员证书（.cer）；本机从未见过该签名人时才需要</source>
        <translation>The signer's inspector certificate (.cer); needed only if this machine has never seen the signer</translation>
    </message>
    <message>
        <source>签名人：{who}
新增 {added} 条，已有且相同 {same} 条</source>
        <translation>Signed by: {who}
{added} added, {same} already here and identical</translation>
    </message>
    <message>
        <source>签名口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>签名口令：</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>签名图片</source>
        <translation>signature image</translation>
    </message>
    <message>
        <source>签名无效：与文件内容不符</source>
        <translation>Invalid: the signature does not match the file's content</translation>
    </message>
    <message>
        <source>签名时间</source>
        <translation>Signing time</translation>
    </message>
    <message>
        <source>签名有效</source>
        <translation>Signature valid</translation>
    </message>
    <message>
        <source>签名有效，文件未被改动。
签名人：{who}（{org}）
时间：{when}
文号：{number}</source>
        <translation>The signature is valid and the file unchanged.
Signer: {who} ({org})
Time: {when}
Number: {number}</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>签收…</source>
        <translation>Received…</translation>
    </message>
    <message>
        <source>签收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>签收文件</source>
        <translation>receipt file</translation>
    </message>
    <message>
        <source>签收日期</source>
        <translation>Date received</translation>
    </message>
    <message>
        <source>签收时间</source>
        <translation>Signed for</translation>
    </message>
    <message>
        <source>签署方</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>签署日期记为 {day}；记录不能撤销。</source>
        <translation>The signing date is recorded as {day}; this cannot be undone.</translation>
    </message>
    <message>
        <source>签署栏</source>
        <translation>Signature blocks</translation>
    </message>
    <message>
        <source>签订后</source>
        <translation>After signing</translation>
    </message>
    <message>
        <source>签订后付款工作日数</source>
        <translation>Working days after signing</translation>
    </message>
    <message>
        <source>签订地点</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <source>签订日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>粘贴或输入文书二维码中的文字（以 {prefix}; 开头）</source>
        <translation>Paste or type the text of the document's QR code (starting with {prefix};)</translation>
    </message>
    <message>
        <source>约定解读</source>
        <translation>Readings</translation>
    </message>
    <message>
        <source>纳入通知书的问题：</source>
        <translation>Findings to include:</translation>
    </message>
    <message>
        <source>经甲方同意离职的人员：身份证号，或人员名单上的姓名、工号</source>
        <translation>The person whose departure the agency approved: ID number, or name or employee number on the roster</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>结束导览</source>
        <translation>End tour</translation>
    </message>
    <message>
        <source>结束导览（Esc）；可随时从“帮助”菜单再看</source>
        <translation>End the tour (Esc); it is in the Help menu any time</translation>
    </message>
    <message>
        <source>结束并判定结果；不达标的人员记为本月问题，可纳入整改通知书</source>
        <translation>Finish and judge the check; failures become this month's findings for a notice</translation>
    </message>
    <message>
        <source>结束抽查</source>
        <translation>Finish check</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>End</translation>
    </message>
    <message>
        <source>结束月份</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>结转下期扣减 {amount}</source>
        <translation>Carried to the next installment: {amount}</translation>
    </message>
    <message>
        <source>继续抽查（{at}）</source>
        <translation>Going on with the check of {at}</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>编号、以检查人员证书签名并登记；签发后不能修改</source>
        <translation>Number, sign with the inspector's certificate and register; unchangeable afterwards</translation>
    </message>
    <message>
        <source>编号、签名并登记；签发后不能修改</source>
        <translation>Number, sign and register it; it cannot be changed afterwards</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>缺口 {n} 人</source>
        <translation>{n} persons short</translation>
    </message>
    <message>
        <source>缺岗</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>考核内容</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>考核周期</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>考核指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>考核方式</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <source>考核月份</source>
        <translation>Months assessed</translation>
    </message>
    <message>
        <source>考核结束月</source>
        <translation>Last month assessed</translation>
    </message>
    <message>
        <source>考核规则</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <source>考核评分表</source>
        <translation>Score sheet</translation>
    </message>
    <message>
        <source>考核评分表…</source>
        <translation>Score sheet…</translation>
    </message>
    <message>
        <source>考核评分表、分期考核评分表、付款核算单、现场抽查记录：先预览，再签名签发</source>
        <translation>Score sheets, installment sheets, payment statements, spot check records: preview, then issue signed</translation>
    </message>
    <message>
        <source>考核评分表（月度）</source>
        <translation>Score sheet (month)</translation>
    </message>
    <message>
        <source>考核起始月</source>
        <translation>First month assessed</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>自己的记录，如证书来自哪个单位、何时与谁核对了指纹</source>
        <translation>Your own note, e.g. which agency the certificate came from, when and with whom the fingerprint was checked</translation>
    </message>
    <message>
        <source>舆论事件扣分档</source>
        <translation>Incident steps</translation>
    </message>
    <message>
        <source>舆论事件条款</source>
        <translation>Incident clause</translation>
    </message>
    <message>
        <source>舆论事件解约次数</source>
        <translation>Incidents giving a termination right</translation>
    </message>
    <message>
        <source>节假日安排</source>
        <translation>Holiday notice</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>补发</source>
        <translation>Back-dated issue</translation>
    </message>
    <message>
        <source>补发理由（印在通知书上）：</source>
        <translation>Reason for the earlier date (printed on the notice):</translation>
    </message>
    <message>
        <source>表头对应</source>
        <translation>Remembered headers</translation>
    </message>
    <message>
        <source>表头对应…</source>
        <translation>Remembered headers…</translation>
    </message>
    <message>
        <source>表格</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>要查看或录入的年份；下面列出该年已录入的安排</source>
        <translation>The year to look at or enter; the arrangements entered for it are listed below</translation>
    </message>
    <message>
        <source>要核验的 PDF 的路径；也可把文件拖入本窗口，回车即核验</source>
        <translation>Path of the PDF to verify; or drop the file on this window. Enter verifies it</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>要求 {n} 人</source>
        <translation>{n} required</translation>
    </message>
    <message>
        <source>要求人数</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>要生成的文书</source>
        <translation>The document to make</translation>
    </message>
    <message>
        <source>要考核的合同；各页面都显示所选合同</source>
        <translation>The contract assessed; every page shows it</translation>
    </message>
    <message>
        <source>解读</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>解除合同情形</source>
        <translation>Termination</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>计入工单</source>
        <translation>Orders counted</translation>
    </message>
    <message>
        <source>计算方法</source>
        <translation>Derivation</translation>
    </message>
    <message>
        <source>记为已整改</source>
        <translation>Record as rectified</translation>
    </message>
    <message>
        <source>记为已整改后，{label} 等待核验关闭；此步不能撤销。</source>
        <translation>Once recorded as rectified, {label} waits to be checked and closed; this cannot be undone.</translation>
    </message>
    <message>
        <source>记录以下 {n} 人已签署保密承诺？</source>
        <translation>Record that these {n} persons signed the confidentiality commitment?</translation>
    </message>
    <message>
        <source>记录处理意见和日期；通知书仍可登记签收和整改</source>
        <translation>Record the decision and its date; receipt and rectification can still be recorded</translation>
    </message>
    <message>
        <source>记录所选人员今天已签署保密承诺（先确认，记录不能撤销）</source>
        <translation>Record that the selected persons signed today (confirmed first; cannot be undone)</translation>
    </message>
    <message>
        <source>记录文号</source>
        <translation>Record number</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书 (*.cer *.crt *.pem *.der)</source>
        <translation>Certificates (*.cer *.crt *.pem *.der)</translation>
    </message>
    <message>
        <source>证书 (*.cer)</source>
        <translation>Certificate (*.cer)</translation>
    </message>
    <message>
        <source>证书口令</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <source>证书指纹</source>
        <translation>Certificate fingerprint</translation>
    </message>
    <message>
        <source>证书文件</source>
        <translation>certificate file</translation>
    </message>
    <message>
        <source>证书文件的口令：输入后显示签发者和是否受信任；签发文书时也输入它</source>
        <translation>The certificate file's passphrase: once entered, its issuer and trust are shown; also entered to issue documents</translation>
    </message>
    <message>
        <source>证据已被改动</source>
        <translation>Evidence altered</translation>
    </message>
    <message>
        <source>证据：</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <source>该年已录入的放假日和调休上班日及其通知文号</source>
        <translation>The holidays and make-up workdays entered for the year, with their notice numbers</translation>
    </message>
    <message>
        <source>该期的扣减明细；双击转到对应月份和指标</source>
        <translation>The installment's deductions; double-click to open the month and item</translation>
    </message>
    <message>
        <source>详情已记录在 {path}</source>
        <translation>Details were logged in {path}</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>说明理由后重新打开已定稿的月份（理由记入历史）</source>
        <translation>Reopen a finalised month, giving a reason (kept in the history)</translation>
    </message>
    <message>
        <source>请为以下各项选择列：{fields}</source>
        <translation>Choose a column for: {fields}</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>On leave</translation>
    </message>
    <message>
        <source>请先在列表中选择已签保密承诺的人员</source>
        <translation>First select in the list the persons who signed the commitment</translation>
    </message>
    <message>
        <source>请填写姓名和单位</source>
        <translation>Enter your name and organisation</translation>
    </message>
    <message>
        <source>请填写每个岗位的月均在岗人数</source>
        <translation>Enter the monthly average headcount of every role</translation>
    </message>
    <message>
        <source>请选择乙方签收的 PDF</source>
        <translation>Choose the PDF the operator signed</translation>
    </message>
    <message>
        <source>请选择证书文件</source>
        <translation>Choose the certificate file</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Make-up workday</translation>
    </message>
    <message>
        <source>调休上班日</source>
        <translation>make-up workday</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <source>起始月份</source>
        <translation>First month</translation>
    </message>
    <message>
        <source>起草</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>起草一份更正并替代所选通知书的新通知书</source>
        <translation>Draft a new notice that corrects and replaces the selected one</translation>
    </message>
    <message>
        <source>起草整改通知书</source>
        <translation>Draft a rectification notice</translation>
    </message>
    <message>
        <source>起草整改通知书…</source>
        <translation>Draft a notice…</translation>
    </message>
    <message>
        <source>起草更正…</source>
        <translation>Draft a correction…</translation>
    </message>
    <message>
        <source>起草（本月问题）…</source>
        <translation>Draft (this month's findings)…</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Late by</translation>
    </message>
    <message>
        <source>趋势图显示的指标</source>
        <translation>The indicator the trend chart shows</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>身份证号，或人员名单上的姓名、工号</source>
        <translation>ID number, or the name or employee number on the roster</translation>
    </message>
    <message>
        <source>转到</source>
        <translation>Go</translation>
    </message>
    <message>
        <source>转办时间</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>转派时间</source>
        <translation>Re-dispatched</translation>
    </message>
    <message>
        <source>载入手写签名的图片（PNG 或 JPG），代替框内书写的签名</source>
        <translation>Load a picture of your handwritten signature (PNG or JPG), instead of writing in the box</translation>
    </message>
    <message>
        <source>载入签名图片…</source>
        <translation>Load image…</translation>
    </message>
    <message>
        <source>输入姓名或工号的几个字找到人员；回车记为在岗，F2 请假，F3 缺岗</source>
        <translation>Type a few characters of a name or staff number; Enter marks present, F2 on leave, F3 absent</translation>
    </message>
    <message>
        <source>输入姓名或工号的几个字，回车=在岗，F2=请假，F3=缺岗</source>
        <translation>Type part of a name or employee no.; Enter = present, F2 = on leave, F3 = absent</translation>
    </message>
    <message>
        <source>输入证书口令后，这里显示签发者和是否受信任。</source>
        <translation>Enter the certificate's passphrase to see its issuer and whether it is trusted.</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>达标的件数（分子）；回车保存</source>
        <translation>Cases meeting the target (numerator); Enter saves</translation>
    </message>
    <message>
        <source>近期截止事项（60 天内）</source>
        <translation>Upcoming deadlines (60 days)</translation>
    </message>
    <message>
        <source>还剩 {n} 天</source>
        <translation>{n} days left</translation>
    </message>
    <message>
        <source>这一天放假：不算工作日</source>
        <translation>A holiday: not a working day</translation>
    </message>
    <message>
        <source>这一天调休上班：算作工作日</source>
        <translation>A make-up workday: counts as a working day</translation>
    </message>
    <message>
        <source>这是 12345 热线服务合同履约考核程序。每月：逐项录入考核指标，导入乙方报送的人员与薪资文件，到现场抽查，定稿后起草并签发整改通知书和各类文书。

第一次使用，可以先打开示例数据试一试（在新窗口中，与正式数据分开），或看一遍新手导览。随时按 F1 查看使用手册。</source>
        <translation>This program audits 12345 hotline service contracts. Each month: enter the indicators, import the operator's staff and payroll files, check on site, finalise, then draft and issue notices and documents.

The first time, try the demo data (in a window of its own, apart from your data) or the guided tour. F1 opens the manual any time.</translation>
    </message>
    <message>
        <source>这是本机的机构根证书：本机检查人员将不能再签发文书，直到重新加入。</source>
        <translation>This is this machine's agency root: its inspectors cannot issue documents until it is added again.</translation>
    </message>
    <message>
        <source>这是示例数据库：其中的合同月份、人员和问题都是虚构的，只供试用，不是正式的考核记录。</source>
        <translation>This is the demo database: its months, people and findings are made up, to try things out; it is not an agency's records.</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>违约处理</source>
        <translation>Remedies</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>退还工作日数</source>
        <translation>Working days to return</translation>
    </message>
    <message>
        <source>选中一行可看完整指纹。</source>
        <translation>Select a row to see the whole fingerprint.</translation>
    </message>
    <message>
        <source>选择{kind}</source>
        <translation>Choose the {kind}</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>选择乙方的整改报告</source>
        <translation>Choose the operator's rectification report</translation>
    </message>
    <message>
        <source>选择乙方签收的 PDF</source>
        <translation>Choose the operator's countersigned PDF</translation>
    </message>
    <message>
        <source>选择付款凭证</source>
        <translation>Choose the payment voucher</translation>
    </message>
    <message>
        <source>选择付款凭证的文件</source>
        <translation>Choose the payment voucher file</translation>
    </message>
    <message>
        <source>选择备份</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <source>选择工单记录</source>
        <translation>Choose a work-order export</translation>
    </message>
    <message>
        <source>选择或拖入签名的 PDF</source>
        <translation>Choose or drop a signed PDF</translation>
    </message>
    <message>
        <source>选择整改报告</source>
        <translation>Choose the rectification report</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>选择月度录入文件</source>
        <translation>Choose a month entries file</translation>
    </message>
    <message>
        <source>选择本单位颁发的证书文件（.p12 或 .pfx）</source>
        <translation>Choose the certificate file your agency issued (.p12 or .pfx)</translation>
    </message>
    <message>
        <source>选择根证书</source>
        <translation>Choose a root certificate</translation>
    </message>
    <message>
        <source>选择检查人员证书</source>
        <translation>Choose the inspector's certificate</translation>
    </message>
    <message>
        <source>选择签名人的检查人员证书（.cer）</source>
        <translation>Choose the signer's inspector certificate (.cer)</translation>
    </message>
    <message>
        <source>选择签名图片</source>
        <translation>Choose a signature image</translation>
    </message>
    <message>
        <source>选择要核验的 PDF</source>
        <translation>Choose the PDF to verify</translation>
    </message>
    <message>
        <source>选择要核验的 PDF，选定后立即核验</source>
        <translation>Choose the PDF to verify; it is verified at once</translation>
    </message>
    <message>
        <source>选择证书</source>
        <translation>Choose a certificate</translation>
    </message>
    <message>
        <source>选择证书…</source>
        <translation>Choose certificate…</translation>
    </message>
    <message>
        <source>选择证据文件</source>
        <translation>Choose an evidence file</translation>
    </message>
    <message>
        <source>逐一指出窗口中的主要部分</source>
        <translation>Point out the main parts of the window, one by one</translation>
    </message>
    <message>
        <source>逐项录入</source>
        <translation>Walk-through</translation>
    </message>
    <message>
        <source>逐项录入的上一项</source>
        <translation>Previous item of the walk-through</translation>
    </message>
    <message>
        <source>逐项录入的下一项</source>
        <translation>Next item of the walk-through</translation>
    </message>
    <message>
        <source>通知文号</source>
        <translation>Notice number</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>late</translation>
    </message>
    <message>
        <source>逾期 {n} 天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days late</translation>
    </message>
    <message>
        <source>逾期未定稿</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>逾期未整改的处理意见，如约谈、扣款、解约</source>
        <translation>What is done about the overdue notice: a meeting, a deduction, termination</translation>
    </message>
    <message>
        <source>逾期未整改：记录处理意见</source>
        <translation>Overdue: record what is done about it</translation>
    </message>
    <message>
        <source>逾期违约金</source>
        <translation>Late penalty</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>重做刚撤销的录入</source>
        <translation>Redo the entry just undone</translation>
    </message>
    <message>
        <source>重新导入…</source>
        <translation>Import again…</translation>
    </message>
    <message>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>重新打开已定稿月份</source>
        <translation>Reopen a finalised month</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>键</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>问题数</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>降序排列</source>
        <translation>Sort descending</translation>
    </message>
    <message>
        <source>需申诉</source>
        <translation>To be appealed</translation>
    </message>
    <message>
        <source>页</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>项</source>
        <translation>items</translation>
    </message>
    <message>
        <source>项目编号</source>
        <translation>Project number</translation>
    </message>
    <message>
        <source>预览 / 打印…</source>
        <translation>Preview / print…</translation>
    </message>
    <message>
        <source>预览…</source>
        <translation>Preview…</translation>
    </message>
    <message>
        <source>预览并签发本月考核评分表（Ctrl+P）</source>
        <translation>Preview and issue the month's score sheet (Ctrl+P)</translation>
    </message>
    <message>
        <source>首次回应时间</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>首次签名前创建您的签名证书（EC P-256），由您设定的口令保护。</source>
        <translation>Before signing for the first time, create your signing certificate (EC P-256), protected by a passphrase you choose.</translation>
    </message>
    <message>
        <source>首次签名前由机构根证书为您签发签名证书（EC P-256），由您设定的口令保护。</source>
        <translation>Before your first signature, the agency root issues your signing certificate (EC P-256), protected by a passphrase you choose.</translation>
    </message>
    <message>
        <source>默认今天，不能晚于今天</source>
        <translation>Today by default, never later</translation>
    </message>
    <message>
        <source>（名单中另有一人身份证号相同）</source>
        <translation> (another roster row has the same ID number)</translation>
    </message>
    <message>
        <source>（名单外）</source>
        <translation> (not on roster)</translation>
    </message>
    <message>
        <source>（尚未记住任何表头）</source>
        <translation>(no header remembered yet)</translation>
    </message>
    <message>
        <source>（文件中未附证书链）</source>
        <translation>(no certificate chain in the file)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（未选择）</source>
        <translation>(none chosen)</translation>
    </message>
    <message>
        <source>（本年尚未录入）</source>
        <translation>(nothing entered for this year)</translation>
    </message>
    <message>
        <source>（证书中无名称）</source>
        <translation>(no name in the certificate)</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>，整改报告已作为证据保存</source>
        <translation>, its report kept as evidence</translation>
    </message>
    <message>
        <source>；{kept} 个已定稿月份保留原版本，{open} 个未定稿月份按新版本重新考核</source>
        <translation>; {kept} finalised month(s) keep their version, {open} open month(s) reassessed with the new one</translation>
    </message>
    <message>
        <source>；已据名单填入本月月均在岗人数</source>
        <translation>; the month's average headcount filled in from the roster</translation>
    </message>
    <message>
        <source>；按检查人员的选择剔除有误的 {n} 行</source>
        <translation>; {n} bad rows left out by the inspector's choice</translation>
    </message>
    <message>
        <source>；未使用的列：{columns}</source>
        <translation>; columns not used: {columns}</translation>
    </message>
</context>
</TS>
