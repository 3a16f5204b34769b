"""信任与证书: which roots this machine trusts, the agency's own root, and the time-stamp server.

A signature is only as good as the trust list: anyone can make a certificate in any name, so a root is
added only from a file the user chose, after seeing its fingerprint (to be compared with the issuer's by
another channel), and removed only after a confirmation that says what it changes.
"""
from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from auditor import pki
from auditor.errors import AuditorError, InputError
from auditor.storage import Store
from auditor.storage.trust_repo import TrustedRoot

from ..i18n import tr
from ..models.table_model import Column, ObjectTableModel
from ..pages.summary import make_table

MAX_FILE_BYTES = 64 * 2**20  # a certificate or a signed document: far below this


def read_input(path: str | Path, what: str) -> bytes:
    """A regular file of sane size (a FIFO or a huge file would hang or exhaust memory), or InputError."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(tr("{what} {name} 不是普通文件").format(what=what, name=path.name))
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(tr("{what} {name} 过大（{mb} MB，最多 64 MB）").format(
                what=what, name=path.name, mb=info.st_size // 2**20))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(tr("无法读取{what} {name}：{reason}").format(what=what, name=path.name,
                                                                   reason=exc.strerror)) from None


def write_output(path: str | Path, data: bytes) -> None:
    """Written beside, then renamed: a failure never leaves half a file under the chosen name."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(tr("无法写入 {name}：{reason}").format(name=target.name, reason=exc.strerror)) from None


def grouped(fingerprint: str) -> str:
    """A SHA-256 fingerprint in groups of four, as it is read aloud over the telephone."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4)).upper()


def issuer_name(certificate) -> str:
    from cryptography.x509.oid import NameOID

    def field(oid) -> str:
        values = certificate.issuer.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    name, org = field(NameOID.COMMON_NAME), field(NameOID.ORGANIZATION_NAME)
    return f"{name}（{org}）" if org and org != name else name or certificate.issuer.rfc4514_string()


def dialog_buttons(dialog: QDialog, ok: str | None = None, on_ok=None, tip: str = "") -> QDialogButtonBox:
    """OK/Cancel (or Close alone when ``ok`` is None) with the app's own words: Qt's are not translated.
    ``on_ok`` (default: accept) decides whether the dialog closes; ``tip`` says what OK does and what follows
    (取消 and 关闭 need none)."""
    if ok is None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
    else:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(tip)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def fit_to_screen(widget, width: int, height: int) -> None:
    """The size asked for, or less on a small (or 150 %-scaled) screen: nothing off-screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, int(available.width() * 0.95)), min(height, int(available.height() * 0.9))
    widget.resize(width, height)


def mono_font():
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class AddRootDialog(QDialog):
    """What is about to be trusted, with its fingerprint to compare, and a note."""

    def __init__(self, certificate, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("加入信任列表"))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setToolTip(tr("自己的记录，如证书来自哪个单位、何时与谁核对了指纹"))
        fingerprint = QLabel(grouped(pki.fingerprint(certificate)))
        fingerprint.setFont(mono_font())
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        for label, value in ((tr("证书"), pki.describe(certificate)), (tr("签发者"), issuer_name(certificate)),
                             (tr("有效期"), f"{certificate.not_valid_before_utc:%Y-%m-%d} — "
                                         f"{certificate.not_valid_after_utc:%Y-%m-%d}")):
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(label, shown)
        form.addRow(tr("SHA-256 指纹"), fingerprint)
        form.addRow(tr("备注"), self.note)
        warning = QLabel(tr("信任该根证书后，它签发的任何证书所签的文书都显示为“签名有效”。"
                            "请通过电话或当面与签发单位核对上面的指纹。"))
        warning.setWordWrap(True)
        buttons = dialog_buttons(self, tr("信任"),
                                 tip=tr("加入信任列表：它签发的证书所签的文书都将显示为“签名有效”"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(buttons)


class CreateRootDialog(QDialog):
    def __init__(self, organization: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("创建机构根证书"))
        self.organization = QLineEdit(organization)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.organization.setToolTip(tr("本单位名称，写入根证书"))
        self.passphrase.setToolTip(tr("加密根证书私钥的口令，至少 8 个字符：为检查人员签发证书时输入；遗失后无法找回"))
        self.repeat.setToolTip(tr("再输入一次口令，防止输错"))
        form = QFormLayout()
        form.addRow(tr("单位"), self.organization)
        form.addRow(tr("根证书口令（至少 8 个字符）"), self.passphrase)
        form.addRow(tr("再次输入口令"), self.repeat)
        note = QLabel(tr("根证书的私钥以此口令加密保存在数据库中；为检查人员签发证书时须输入。口令遗失后无法找回。"))
        note.setWordWrap(True)
        buttons = dialog_buttons(self, tr("创建"), tip=tr("创建机构根证书并加入本机信任列表；口令遗失后无法找回"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)


class _RootsModel(ObjectTableModel):
    """Elided cells show in full as a tooltip (the fingerprint too)."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            root = self.row_object(index.row())
            return grouped(root.fingerprint) if index.column() == 1 else super().data(index)
        return super().data(index, role)


class TrustDialog(QDialog):
    changed = Signal()

    def __init__(self, store: Store, organization: str = "", parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.organization = organization
        self.setWindowTitle(tr("信任与证书"))
        fit_to_screen(self, 900, 600)
        columns = (Column("subject", tr("根证书"), lambda r: r.subject),
                   Column("fingerprint", tr("SHA-256 指纹"), lambda r: grouped(r.fingerprint)[:19] + " …"),
                   Column("note", tr("备注"), lambda r: r.note),
                   Column("added", tr("加入时间"), lambda r: r.added_at[:19].replace("T", " ")))
        self.model: ObjectTableModel[TrustedRoot] = _RootsModel(columns, parent=self)
        self.view = make_table(self.model)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the note gives way; the rest is shown whole
        self.selected_fingerprint = QLabel()
        self.selected_fingerprint.setFont(mono_font())
        self.selected_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(tr("信任列表为空：所有签名的文书都将显示为“签名人不受信任”。"))
        self.empty.setStyleSheet("color: #d35400")
        self.add_button = QPushButton(tr("加入根证书（.cer/.crt/.pem）…"))
        self.remove_button = QPushButton(tr("移出信任列表…"))
        self.agency = QLabel()
        self.agency.setWordWrap(True)
        self.agency.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_button = QPushButton(tr("创建机构根证书…"))
        self.export_button = QPushButton(tr("导出根证书（.cer）…"))
        self.tsa = QLineEdit(store.trust.setting("tsa_url"))
        self.tsa.setPlaceholderText("http://…")
        self.tsa.setMaxLength(500)
        self.tsa_button = QPushButton(tr("保存"))
        self.add_button.setToolTip(tr("从文件加入一个根证书；加入前显示其指纹，请与签发单位核对"))
        self.remove_button.setToolTip(tr("把所选根证书移出信任列表：它签发的证书所签的文书将显示为“签名人不受信任”"))
        self.create_button.setToolTip(tr("创建本机的机构根证书，用来为本单位检查人员签发签名证书；须设定根证书口令"))
        self.export_button.setToolTip(tr("把本机的机构根证书导出为 .cer 文件，交乙方和其他办公室加入信任列表"))
        self.tsa.setToolTip(tr("RFC 3161 时间戳服务器的地址；留空则签名时间取签名人电脑的时间"))
        self.tsa_button.setToolTip(tr("保存时间戳服务器地址：此后签名时向它申请时间戳"))

        trusted = QGroupBox(tr("受信任的根证书"))
        box = QVBoxLayout(trusted)
        box.addWidget(self.view, 1)
        box.addWidget(self.selected_fingerprint)
        box.addWidget(self.empty)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        box.addLayout(row)
        own = QGroupBox(tr("本机的机构根证书"))
        box = QHBoxLayout(own)
        box.addWidget(self.agency, 1)
        column = QVBoxLayout()
        column.addWidget(self.create_button)
        column.addWidget(self.export_button)
        column.addStretch(1)
        box.addLayout(column)
        stamp = QGroupBox(tr("可信时间戳"))
        box = QVBoxLayout(stamp)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("时间戳服务器（RFC 3161）：")))
        row.addWidget(self.tsa, 1)
        row.addWidget(self.tsa_button)
        box.addLayout(row)
        hint = QLabel(tr("留空表示不用：签名时间为签名人电脑时间，核验时会注明。"
                         "服务器不可用时照常签名，并注明未加时间戳。"))
        hint.setWordWrap(True)
        box.addWidget(hint)
        buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(trusted, 1)
        layout.addWidget(own)
        layout.addWidget(stamp)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(lambda: self.add_root())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.create_button.clicked.connect(lambda: self.create_agency_root())
        self.export_button.clicked.connect(lambda: self.export_agency_root())
        self.tsa_button.clicked.connect(lambda: self.save_tsa())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # ------------------------------------------------------------- state
    def refresh(self) -> None:
        self.model.set_rows(self.store.trust.roots())
        self.empty.setVisible(self.model.rowCount() == 0)
        root = self.store.trust.agency_root()
        if root is None:
            self.agency.setText(tr("本机还没有机构根证书。创建后，可为本单位检查人员签发签名证书，"
                                   "并把根证书（.cer）交给乙方和其他办公室加入信任列表。"))
        else:
            certificate = pki.load_certificate(root[1])
            self.agency.setText(tr("{name}\nSHA-256 指纹：{fingerprint}\n有效期至 {until}").format(
                name=pki.describe(certificate), fingerprint=grouped(pki.fingerprint(certificate)),
                until=f"{certificate.not_valid_after_utc:%Y-%m-%d}"))
        self.create_button.setVisible(root is None)
        self.export_button.setVisible(root is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        root = self.selected()
        self.remove_button.setEnabled(root is not None)
        self.selected_fingerprint.setText(tr("SHA-256 指纹：") + grouped(root.fingerprint) if root is not None
                                          else tr("选中一行可看完整指纹。"))

    def selected(self) -> TrustedRoot | None:
        return self.view.current_object()

    def _refused(self, exc: AuditorError) -> bool:
        QMessageBox.warning(self, tr("未完成"), str(exc))
        return False

    def _done(self) -> bool:
        self.refresh()
        self.changed.emit()
        return True

    # ------------------------------------------------------------- actions
    def add_root(self, path: str | None = None, note: str | None = None) -> bool:
        """Trust a root from a file; ``note`` given means the user already confirmed (tests, scripts)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择根证书"), "",
                                                  tr("证书 (*.cer *.crt *.pem *.der)"))
            if not path:
                return False
        try:
            certificate = pki.load_certificate(read_input(path, tr("证书文件")), Path(path).name)
            if note is None:
                dialog = AddRootDialog(certificate, self)
                if not dialog.exec():
                    return False
                note = dialog.note.text().strip()
            self.store.trust.add_root(certificate, note)
        except AuditorError as exc:
            return self._refused(exc)
        return self._done()

    def remove_selected(self, confirmed: bool = False) -> bool:
        root = self.selected()
        if root is None:
            return False
        own = self.store.trust.agency_root()
        is_own = own is not None and pki.fingerprint(pki.load_certificate(own[1])) == root.fingerprint
        question = tr("把“{name}”移出信任列表？\n"
                      "此后它签发的证书所签的文书在本机核验时都显示为“签名人不受信任”。").format(name=root.subject)
        if is_own:
            question += "\n" + tr("这是本机的机构根证书：本机检查人员将不能再签发文书，直到重新加入。")
        if not confirmed and QMessageBox.question(self, tr("移出信任列表"), question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.store.trust.remove_root(root.fingerprint)
        except AuditorError as exc:
            return self._refused(exc)
        return self._done()

    def create_agency_root(self, organization: str | None = None, passphrase: str | None = None,
                           repeat: str | None = None) -> bool:
        if self.store.trust.agency_root() is not None:
            return False
        if passphrase is None:
            dialog = CreateRootDialog(self.organization, self)
            if not dialog.exec():
                return False
            organization, passphrase, repeat = (dialog.organization.text(), dialog.passphrase.text(),
                                                dialog.repeat.text())
        try:
            if passphrase != repeat:
                raise InputError(tr("两次输入的口令不一致"))
            p12, certificate = pki.create_root(organization or "", passphrase.encode("utf-8"))
            self.store.trust.add_agency_root(p12, certificate)
        except AuditorError as exc:
            return self._refused(exc)
        return self._done()

    def export_agency_root(self, path: str | None = None) -> bool:
        root = self.store.trust.agency_root()
        if root is None:
            return False
        certificate = pki.load_certificate(root[1])
        if not path:
            name = "".join(ch for ch in pki.subject_field(certificate, "O") if ch not in '\\/:*?"<>|') or "agency"
            path, _ = QFileDialog.getSaveFileName(self, tr("导出根证书"), f"{name}根证书.cer", tr("证书 (*.cer)"))
            if not path:
                return False
        try:
            write_output(path, root[1])
        except AuditorError as exc:
            return self._refused(exc)
        QMessageBox.information(self, tr("已导出"), tr("已导出到 {path}。\n把它交给乙方和其他办公室加入信任列表，"
                                                     "并请对方核对指纹：\n{fingerprint}").format(
            path=path, fingerprint=grouped(pki.fingerprint(certificate))))
        return True

    def save_tsa(self, url: str | None = None) -> bool:
        value = (self.tsa.text() if url is None else url).strip()
        try:
            if value and (not value.startswith(("http://", "https://")) or any(ch.isspace() for ch in value)):
                raise InputError(tr("时间戳服务器地址“{url}”须以 http:// 或 https:// 开头，且不含空格")
                                 .format(url=value))
            self.store.trust.set_setting("tsa_url", value)
        except AuditorError as exc:
            return self._refused(exc)
        self.tsa.setText(value)
        return self._done()


def current_certificate(store: Store) -> tuple[object, tuple] | None:
    """The newest registered inspector's certificate and the chain met with it, or None."""
    inspector = store.trust.current_inspector()
    if inspector is None or inspector["certificate"] is None:
        return None
    return pki.load_certificate(bytes(inspector["certificate"])), store.trust.chain_of(inspector["fingerprint"])


def describe_status(store: Store, certificate, chain) -> tuple[bool, str]:
    """(trusted, one paragraph): who the certificate names, who issued it, until when, and whether it
    chains to a root this machine trusts (and why not)."""
    trusted, problem = pki.chain_status(certificate, chain, store.trust.root_certificates())
    text = tr("{name}，签发者：{issuer}，有效期至 {until}").format(
        name=pki.describe(certificate), issuer=issuer_name(certificate),
        until=f"{certificate.not_valid_after_utc:%Y-%m-%d}")
    text += "\n" + (tr("由本机信任的根证书签发，可以签发文书。") if trusted
                    else tr("不受信任：{problem}").format(problem=problem))
    return trusted, text

