"""The inspector's signing identity: a certificate issued under the agency root (created here on first use,
with a passphrase of its own) or an agency-issued .p12, and the handwritten signature (drawn or loaded).
A self-signed certificate is never offered: nobody could tell it from a forgery. The dialog shows who
issued the certificate and whether it chains to a root this machine trusts, before anything is stored."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditor import pki
from auditor.documents.service import Identity, signing_identity
from auditor.errors import AuditorError
from auditor.pki import SigningError
from auditor.storage import Store

from ..i18n import tr
from ..widgets.signature_pad import SignaturePad
from .trust import current_certificate, describe_status, dialog_buttons, fit_to_screen, read_input

TRUSTED_STYLE, UNTRUSTED_STYLE = "color: #1e8449", "color: #d35400"


def current_inspector(store: Store) -> dict | None:
    return store.trust.current_inspector()


def _password() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class IdentityDialog(QDialog):
    def __init__(self, store: Store, organization: str = "", parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("检查人员签名"))
        first_root = store.trust.agency_root() is None
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setFrameShape(QLabel.Shape.StyledPanel)
        self.current.setMargin(6)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.issue_mode = QRadioButton(tr("由本机的机构根证书签发新证书"))
        self.import_mode = QRadioButton(tr("导入本单位颁发的证书（.p12）"))
        modes = QButtonGroup(self)
        modes.addButton(self.issue_mode)
        modes.addButton(self.import_mode)
        self.issue_mode.setChecked(True)
        self.issue_mode.setToolTip(tr("为您新建签名证书，由本机的机构根证书签发；需要根证书口令"))
        self.import_mode.setToolTip(tr("使用本单位另行颁发的证书文件；须由本机信任的根证书签发才能签发文书"))

        self.name = QLineEdit()
        self.organization = QLineEdit(organization)
        self.passphrase = _password()
        self.repeat = _password()
        self.root_passphrase = _password()
        self.root_passphrase.setToolTip(tr("机构根证书的口令：本机首次使用时创建根证书并以此口令加密保存；"
                                           "以后为检查人员签发证书时都须输入"))
        self.root_repeat = _password()
        self.name.setToolTip(tr("您的姓名：写入签名证书，核验文书时显示为签名人"))
        self.organization.setToolTip(tr("您所在的单位：写入签名证书；本机首次使用时也是机构根证书的单位"))
        self.passphrase.setToolTip(tr("保护签名证书的口令：每次签发文书时输入；遗失后无法找回，只能重新签发证书"))
        for repeat in (self.repeat, self.root_repeat):
            repeat.setToolTip(tr("再输入一次口令，防止输错"))
        self.issue_box = QWidget()
        form = QFormLayout(self.issue_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("姓名"), self.name)
        form.addRow(tr("单位"), self.organization)
        form.addRow(tr("签名口令"), self.passphrase)
        form.addRow(tr("再次输入口令"), self.repeat)
        form.addRow(tr("机构根证书口令"), self.root_passphrase)
        if first_root:
            form.addRow(tr("再次输入根证书口令"), self.root_repeat)
        first = QLabel(tr("首次签名前由机构根证书为您签发签名证书（EC P-256），由您设定的口令保护。")
                       + ("\n" + tr("本机还没有机构根证书：将同时创建，请设定根证书口令（至少 8 个字符）并妥善保管。")
                          if first_root else ""))
        first.setWordWrap(True)
        form.insertRow(0, first)

        self.p12_path = ""
        self.import_button = QPushButton(tr("选择文件…"))
        self.p12_file = QLabel(tr("（未选择）"))
        self.import_button.setToolTip(tr("选择本单位颁发的证书文件（.p12 或 .pfx）"))
        self.p12_passphrase = _password()
        self.p12_passphrase.setToolTip(tr("证书文件的口令：输入后显示签发者和是否受信任；签发文书时也输入它"))
        self.p12_info = QLabel()
        self.p12_info.setWordWrap(True)
        self.p12_info.setTextFormat(Qt.TextFormat.PlainText)
        self.import_box = QWidget()
        form = QFormLayout(self.import_box)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.p12_file, 1)
        row.addWidget(self.import_button)
        form.addRow(tr("证书"), row)
        form.addRow(tr("证书口令"), self.p12_passphrase)
        form.addRow(self.p12_info)

        self.pad = SignaturePad()
        self.load_button = QPushButton(tr("载入签名图片…"))
        self.clear_button = QPushButton(tr("清除"))
        self.pad.setToolTip(tr("用鼠标或手写板在框内书写签名，印在您签发的文书上"))
        self.load_button.setToolTip(tr("载入手写签名的图片（PNG 或 JPG），代替框内书写的签名"))
        self.clear_button.setToolTip(tr("清除框内的签名和载入的签名图片"))
        self.loaded_png: bytes | None = None
        issue = QGroupBox()
        box = QVBoxLayout(issue)
        box.addWidget(self.issue_mode)
        box.addWidget(self.issue_box)
        box.addStretch(1)
        imported = QGroupBox()
        box = QVBoxLayout(imported)
        box.addWidget(self.import_mode)
        box.addWidget(self.import_box)
        drawn = QGroupBox(tr("手写签名（在框内书写）："))
        box = QHBoxLayout(drawn)
        box.addWidget(self.pad, 1)
        column = QVBoxLayout()
        column.addWidget(self.load_button)
        column.addWidget(self.clear_button)
        column.addStretch(1)
        box.addLayout(column)
        right = QVBoxLayout()
        right.addWidget(imported)
        right.addWidget(drawn, 1)
        columns = QHBoxLayout()
        columns.addWidget(issue, 1)
        columns.addLayout(right, 1)
        buttons = dialog_buttons(self, tr("保存"), on_ok=self.save,
                                 tip=tr("保存签名证书和手写签名：此后签发的文书都以此签名"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.import_button.clicked.connect(lambda: self.choose_p12())
        self.p12_passphrase.editingFinished.connect(self.inspect_p12)
        self.issue_mode.toggled.connect(self._mode_changed)
        self.load_button.clicked.connect(lambda: self.load_image())
        self.clear_button.clicked.connect(lambda: (self.pad.clear(), setattr(self, "loaded_png", None)))
        self._show_current()
        self._mode_changed()
        self.inspect_p12()
        fit_to_screen(self, 860, 540)

    def _show_current(self) -> None:
        known = current_certificate(self.store)
        if known is None:
            self.current.setText(tr("尚未设置签名证书。"))
            return
        trusted, text = describe_status(self.store, *known)
        self.current.setText(tr("当前签名证书：") + text)
        self.current.setStyleSheet(TRUSTED_STYLE if trusted else UNTRUSTED_STYLE)

    def _mode_changed(self) -> None:
        self.issue_box.setEnabled(self.issue_mode.isChecked())
        self.import_box.setEnabled(self.import_mode.isChecked())

    def choose_p12(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择证书"), "", "PKCS#12 (*.p12 *.pfx)")
            if not path:
                return
        self.p12_path = path
        self.p12_file.setText(Path(path).name)
        self.import_mode.setChecked(True)
        self.inspect_p12()

    def inspect_p12(self) -> bool | None:
        """Who issued the chosen certificate and whether this machine trusts it (None: cannot tell yet)."""
        self.p12_info.setVisible(bool(self.p12_path))
        if not self.p12_path or not self.p12_passphrase.text():
            self.p12_info.setText(tr("输入证书口令后，这里显示签发者和是否受信任。"))
            self.p12_info.setStyleSheet("")
            return None
        try:
            loaded = pki.load_identity(read_input(self.p12_path, tr("证书文件")),
                                       self.p12_passphrase.text().encode("utf-8"))
        except AuditorError as exc:
            self.p12_info.setText(str(exc))
            self.p12_info.setStyleSheet(UNTRUSTED_STYLE)
            return False
        trusted, text = describe_status(self.store, loaded.certificate, loaded.chain)
        self.p12_info.setText(text)
        self.p12_info.setStyleSheet(TRUSTED_STYLE if trusted else UNTRUSTED_STYLE)
        return trusted

    def load_image(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("选择签名图片"), "", tr("图片 (*.png *.jpg)"))
            if not path:
                return
        try:
            self.loaded_png = read_input(path, tr("签名图片"))
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未载入"), str(exc))

    def _issue(self) -> tuple[bytes, bytes, object]:
        name, org = self.name.text().strip(), self.organization.text().strip()
        if not name or not org:
            raise SigningError(tr("请填写姓名和单位"))
        if self.passphrase.text() != self.repeat.text():
            raise SigningError(tr("两次输入的口令不一致"))
        root_passphrase = self.root_passphrase.text().encode("utf-8")
        root = self.store.trust.agency_root()
        if root is None:
            if self.root_passphrase.text() != self.root_repeat.text():
                raise SigningError(tr("两次输入的根证书口令不一致"))
            root_p12, certificate = pki.create_root(org, root_passphrase)
            agency = pki.load_identity(root_p12, root_passphrase)
            passphrase = self.passphrase.text().encode("utf-8")
            p12, identity = pki.issue_inspector(agency, name, org, passphrase)
            # the root is stored only once the inspector's certificate exists: a refusal leaves nothing behind
            self.store.trust.add_agency_root(root_p12, certificate)
            return p12, passphrase, identity
        passphrase = self.passphrase.text().encode("utf-8")
        p12, identity = pki.issue_inspector(pki.load_identity(root[0], root_passphrase), name, org, passphrase)
        return p12, passphrase, identity

    def save(self) -> bool:
        try:
            if self.import_mode.isChecked():
                if not self.p12_path:
                    raise SigningError(tr("请选择证书文件"))
                p12 = read_input(self.p12_path, tr("证书文件"))
                passphrase = self.p12_passphrase.text().encode("utf-8")
                identity = pki.load_identity(p12, passphrase)
            else:
                p12, passphrase, identity = self._issue()
            signing_identity(self.store, Identity(p12, passphrase))  # e.g. the agency root was removed from trust
        except AuditorError as exc:
            QMessageBox.warning(self, tr("未保存"), str(exc))
            return False
        png = self.loaded_png or (None if self.pad.is_empty() else self.pad.to_png())
        self.store.trust.register_inspector(identity, p12, png)
        self.accept()
        return True
