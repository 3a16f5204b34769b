"""核验文书: a signed PDF, or the text of its printed QR code, checked against this machine's trust list
and register. Four outcomes that never look alike: valid (green), altered (red), untrusted (orange —
intact, but nobody this machine trusts vouches for the signer; never green), unsigned (grey).

Everything shown comes from a file the operator may have crafted (a signer's name is whatever its
certificate says), so it is always shown as plain text, never as markup.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from auditor.documents.payload import PREFIX
from auditor.errors import AuditorError
from auditor.storage import Store

from ..i18n import tr
from .trust import dialog_buttons, fit_to_screen, grouped, read_input

COLOURS = {"valid": "#1e8449", "altered": "#c0392b", "untrusted": "#d35400", "unsigned": "#7f8c8d"}
FIELD_NAMES = {"AuditorSignature": "签发人签名", "OperatorReceipt": "乙方签收签名"}


def headline(outcome: str) -> str:
    return {"valid": tr("签名有效"), "altered": tr("文件已被改动"), "untrusted": tr("签名人不受信任"),
            "unsigned": tr("未签名")}[outcome]


def outcome_icon(outcome: str, size: int = 48) -> QPixmap:
    """A disc in the outcome's colour with its own mark (✓ ✗ ! –), drawn, so no font can turn it into a box."""
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLOURS[outcome]))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    pen = QPen(QColor("white"), size / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    s = size / 48
    path = QPainterPath()
    if outcome == "valid":
        path.moveTo(13 * s, 25 * s)
        path.lineTo(21 * s, 33 * s)
        path.lineTo(35 * s, 16 * s)
    elif outcome == "altered":
        path.moveTo(15 * s, 15 * s)
        path.lineTo(33 * s, 33 * s)
        path.moveTo(33 * s, 15 * s)
        path.lineTo(15 * s, 33 * s)
    elif outcome == "untrusted":
        path.moveTo(24 * s, 11 * s)
        path.lineTo(24 * s, 27 * s)
    else:
        path.moveTo(14 * s, 24 * s)
        path.lineTo(34 * s, 24 * s)
    painter.drawPath(path)
    if outcome == "untrusted":
        painter.drawPoint(QPointF(24 * s, 36 * s))
    painter.end()
    return pixmap


class Banner(QWidget):
    """The outcome at a glance: icon, headline in the outcome's colour, and the sentence that explains it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.outcome = ""
        self.icon = QLabel()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.text)
        row = QHBoxLayout(self)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.setVisible(False)

    def show_outcome(self, outcome: str, title: str, text: str) -> None:
        self.outcome = outcome
        self.icon.setPixmap(outcome_icon(outcome))
        self.title.setText(title)
        self.title.setStyleSheet(f"color: {COLOURS[outcome]}")
        self.text.setText(text)
        self.setVisible(True)

    def colour(self) -> str:
        return COLOURS.get(self.outcome, "")


Row = tuple[str, str, "str | None"]  # label, value, colour


def _signature_rows(sig, role: str) -> list[Row]:
    from auditor.documents.signing import CLOCK_NOTE

    who = f"{sig.signer}（{sig.organization}）" if sig.organization and sig.organization != sig.signer else sig.signer
    rows: list[Row] = [(role, who or tr("（证书中无名称）"), None),
                       (tr("签发机构"), " → ".join(sig.chain) if sig.chain else tr("（文件中未附证书链）"), None)]
    if sig.trusted:
        rows.append((tr("信任"), tr("受信任：证书由本机信任列表中的根证书签发"), COLOURS["valid"]))
    elif sig.field == "OperatorReceipt":  # the operator signs with its own certificate: proof of receipt only
        rows.append((tr("信任"), tr("乙方自有证书，不在本机信任列表中：只证明该证书的持有人已签收"), None))
    else:
        rows.append((tr("信任"), tr("不受信任：{problem}").format(problem=sig.trust_problem), COLOURS["untrusted"]))
    rows.append((tr("证书指纹"), grouped(sig.fingerprint), None))
    when = f"{sig.signed_at:%Y-%m-%d %H:%M:%S}" if sig.signed_at else "—"
    source = tr("可信时间戳") if sig.time_source == "timestamp" else CLOCK_NOTE
    rows.append((tr("签名时间"), f"{when}（{source}）",
                 None if sig.time_source == "timestamp" else COLOURS["untrusted"]))
    if not sig.intact:
        rows.append((tr("签名"), tr("签名无效：与文件内容不符"), COLOURS["altered"]))
    return rows


def verification_rows(name: str, result) -> list[Row]:
    """What the details say, row by row: file, number and register, each signature, revisions, problems."""
    rows: list[Row] = [(tr("文件"), name, None)]
    if result.number:
        state, colour = {"match": (tr("与本机登记的原件一致"), COLOURS["valid"]),
                         "mismatch": (tr("与本机登记的原件不一致"), COLOURS["altered"]),
                         "not_registered": (tr("本机登记簿中没有该文号"), None)}[result.registered]
        rows += [(tr("文号"), result.number, None), (tr("登记簿"), state, colour)]
    for n, sig in enumerate(result.signatures):
        role = tr("签发人") if n == 0 else (tr("乙方签收") if sig.field == "OperatorReceipt" else tr("其他签名"))
        rows += [("", "", None), *_signature_rows(sig, role)]
    if result.kind == "notice" and result.receipt is None:
        rows += [("", "", None), (tr("乙方签收"), tr("尚无乙方电子签收"), None)]
    if result.revisions:
        shown = []
        for label in result.revisions:
            head, _, field = label.partition("：")
            shown.append(f"{head}：{FIELD_NAMES.get(field, field)}" if field else label)
        rows += [("", "", None), (tr("修订"), " → ".join(shown), None)]
    rows += [(tr("问题"), problem, COLOURS["altered"]) for problem in result.problems]
    return rows


def rows_html(rows: list[Row]) -> str:
    """Escaped: every value may come from a crafted file."""
    cells = []
    for label, value, colour in rows:
        if not label:
            cells.append('<tr><td colspan="2" style="font-size:4pt">&nbsp;</td></tr>')
            continue
        cells.append(f'<tr><td style="padding:1px 12px 1px 0; white-space:nowrap">{escape(label)}</td>'
                     f'<td style="padding:1px 0{";color:" + colour if colour else ""}">{escape(value)}</td></tr>')
    return f'<table cellspacing="0">{"".join(cells)}</table>'


def rows_text(rows: list[Row]) -> str:
    return "\n".join(f"{label}：{value}" for label, value, _ in rows if label)


class VerifyDialog(QDialog):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.result = None
        self.rows: list[Row] = []
        self.code_result = None
        self.setWindowTitle(tr("核验文书签名"))
        fit_to_screen(self, 860, 640)
        self.setAcceptDrops(True)
        self.tabs = QTabWidget()

        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("选择或拖入签名的 PDF"))
        self.choose_button = QPushButton(tr("选择文件…"))
        self.verify_button = QPushButton(tr("核验"))
        self.banner = Banner()
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.path.setToolTip(tr("要核验的 PDF 的路径；也可把文件拖入本窗口，回车即核验"))
        self.choose_button.setToolTip(tr("选择要核验的 PDF，选定后立即核验"))
        self.verify_button.setToolTip(tr("核验该 PDF 的签名、是否被改动、是否与本机登记的原件一致"))
        self.details.setToolTip(tr("核验的详细结果：文号、登记簿、每个签名的签名人、证书和签名时间"))
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.details, 1)
        self.tabs.addTab(page, tr("PDF 文件"))

        self.code = QPlainTextEdit()
        self.code.setPlaceholderText(tr("粘贴或输入文书二维码中的文字（以 {prefix}; 开头）").format(prefix=PREFIX))
        self.code.setMaximumHeight(110)
        self.cert_path = QLineEdit()
        self.cert_path.setPlaceholderText(tr("可选：检查人员证书（.cer），本机未见过签名人时需要"))
        self.cert_button = QPushButton(tr("选择证书…"))
        self.code_button = QPushButton(tr("核验"))
        self.code_banner = Banner()
        self.code_details = QTextBrowser()
        self.code.setToolTip(tr("文书二维码中的文字：用扫码枪扫入，或粘贴、输入"))
        self.cert_path.setToolTip(tr("签名人的检查人员证书（.cer）；本机从未见过该签名人时才需要"))
        self.cert_button.setToolTip(tr("选择签名人的检查人员证书（.cer）"))
        self.code_button.setToolTip(tr("核验二维码内容的签名是否有效、内容是否被改动"))
        self.code_details.setToolTip(tr("二维码中记载的各项内容和签名人"))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(tr("二维码内容：")))
        layout.addWidget(self.code)
        row = QHBoxLayout()
        row.addWidget(self.cert_path, 1)
        row.addWidget(self.cert_button)
        row.addWidget(self.code_button)
        layout.addLayout(row)
        layout.addWidget(self.code_banner)
        layout.addWidget(self.code_details, 1)
        self.tabs.addTab(page, tr("二维码"))

        buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.verify_button.clicked.connect(lambda: self.check_file(self.path.text().strip()))
        self.path.returnPressed.connect(lambda: self.check_file(self.path.text().strip()))
        self.cert_button.clicked.connect(lambda: self.choose_certificate())
        self.code_button.clicked.connect(lambda: self.check_code())

    # ------------------------------------------------------------- PDF
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择要核验的 PDF"), "", "PDF (*.pdf)")
        if path:
            self.check_file(path)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt name)
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.tabs.setCurrentIndex(0)
            self.check_file(urls[0])

    def check_file(self, path: str) -> str:
        """Verify ``path``; returns the outcome ("" when the file could not be read)."""
        from auditor.documents.service import verify

        if not path:
            return ""
        self.path.setText(path)
        self.tabs.setCurrentIndex(0)
        try:
            data = read_input(path, tr("文件"))
        except AuditorError as exc:
            self.result, self.rows = None, []
            self.banner.show_outcome("unsigned", tr("无法读取"), str(exc))
            self.details.clear()
            return ""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = verify(self.store, data)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.result = result
        self.banner.show_outcome(result.outcome, headline(result.outcome), self._sentence(result))
        self.rows = verification_rows(Path(path).name, result)
        self.details.setHtml(rows_html(self.rows))
        return result.outcome

    @staticmethod
    def _sentence(result) -> str:
        if result.outcome == "untrusted" and result.issuer is not None:
            return tr("文件未被改动，但签名人不受信任：{problem}。本机无法确认签名人的身份，请勿当作有效文书。").format(
                problem=result.issuer.trust_problem)
        if result.outcome == "altered":
            return result.summary + tr("。不要以此文件为准，请向签发单位索取原件。")
        if result.outcome == "unsigned":
            return "；".join(result.problems) or result.summary
        return result.summary

    def report_text(self) -> str:
        """What the PDF tab shows, as plain text (for the status bar, logs and tests)."""
        if not self.banner.outcome:
            return ""
        return "\n".join((self.banner.title.text(), self.banner.text.text(), rows_text(self.rows))).strip()

    # ------------------------------------------------------------- QR code
    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择检查人员证书"), "", tr("证书 (*.cer *.crt *.pem *.der)"))
        if path:
            self.cert_path.setText(path)

    def check_code(self, text: str | None = None, certificate: str | None = None) -> str:
        """Check a QR text (typed, pasted or scanned); returns the outcome, "" when it cannot be read."""
        from auditor.documents.payload import LABELS
        from auditor.documents.service import verify_code
        from auditor.pki import load_certificate

        if text is not None:
            self.code.setPlainText(text)
        if certificate is not None:
            self.cert_path.setText(certificate)
        self.tabs.setCurrentIndex(1)
        path = self.cert_path.text().strip()
        try:
            extra = [load_certificate(read_input(path, tr("证书文件")), Path(path).name)] if path else []
            check = verify_code(self.store, self.code.toPlainText(), extra)
        except AuditorError as exc:
            self.code_result = None
            self.code_banner.show_outcome("unsigned", tr("无法核验"), str(exc))
            self.code_details.clear()
            return ""
        self.code_result = check
        sentence = {"valid": tr("二维码内容由受信任的检查人员签名，未被改动。"),
                    "altered": tr("二维码内容被改动或伪造。"),
                    "untrusted": tr("无法证明二维码真伪。")}[check.outcome]
        if check.problems:
            sentence += " " + "；".join(check.problems)
        title = {"valid": tr("二维码有效"), "altered": tr("二维码被改动"),
                 "untrusted": tr("无法证明真伪")}[check.outcome]
        self.code_banner.show_outcome(check.outcome, title, sentence)
        from auditor.documents.service import KINDS

        rows: list[Row] = [(LABELS.get(key, key), KINDS[value][0] if key == "k" and value in KINDS else value, None)
                           for key, value in check.payload.fields.items()]
        if check.signer:
            rows.append((tr("签名人"), check.signer, None))
        self.code_details.setHtml(rows_html(rows))
        return check.outcome
