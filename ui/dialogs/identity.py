"""The inspector's signing identity: a certificate issued under the agency root (created here on first use,
with a passphrase of its own) or an agency-issued .p12, and the handwritten signature (drawn or loaded).
A self-signed certificate is never offered: nobody could tell it from a forgery."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout)

from auditor import pki
from auditor.documents.service import Identity, signing_identity
from auditor.errors import AuditorError
from auditor.pki import SigningError
from auditor.storage import Store

from ..i18n import tr
from ..widgets.signature_pad import SignaturePad


def current_inspector(store: Store) -> dict | None:
    row = store.db.execute("SELECT id, name, organization, p12, fingerprint, signature_png FROM inspectors "
                           "ORDER BY id DESC LIMIT 1").fetchone()
    return dict(zip(("id", "name", "organization", "p12", "fingerprint", "signature_png"), row)) if row else None


class IdentityDialog(QDialog):
    def __init__(self, store: Store, organization: str = "", parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("检查人员签名"))
        self.name = QLineEdit()
        self.organization = QLineEdit(organization)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.root_passphrase = QLineEdit()
        self.root_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.root_passphrase.setToolTip(tr("机构根证书的口令：本机首次使用时创建根证书并以此口令加密保存；"
                                           "以后为检查人员签发证书时都须输入"))
        self.p12_path = ""
        self.import_button = QPushButton(tr("改用单位颁发的证书（.p12）…"))
        self.pad = SignaturePad()
        self.load_button = QPushButton(tr("载入签名图片…"))
        self.clear_button = QPushButton(tr("清除"))
        self.loaded_png: bytes | None = None
        form = QFormLayout()
        form.addRow(tr("姓名"), self.name)
        form.addRow(tr("单位"), self.organization)
        form.addRow(tr("签名口令"), self.passphrase)
        form.addRow(tr("再次输入口令"), self.repeat)
        form.addRow(tr("机构根证书口令"), self.root_passphrase)
        layout = QVBoxLayout(self)
        first = store.trust.agency_root() is None
        layout.addWidget(QLabel(tr("首次签名前由机构根证书为您签发签名证书（EC P-256），由您设定的口令保护。")
                                + ("\n" + tr("本机还没有机构根证书：将同时创建，请设定根证书口令（至少 8 个字符）并妥善保管。")
                                   if first else "")))
        layout.addLayout(form)
        layout.addWidget(self.import_button)
        layout.addWidget(QLabel(tr("手写签名（在框内书写）：")))
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.import_button.clicked.connect(self.choose_p12)
        self.load_button.clicked.connect(self.load_image)
        self.clear_button.clicked.connect(lambda: (self.pad.clear(), setattr(self, "loaded_png", None)))

    def choose_p12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择证书"), "", "PKCS#12 (*.p12 *.pfx)")
        if path:
            self.p12_path = path
            self.import_button.setText(Path(path).name)

    def load_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择签名图片"), "", tr("图片 (*.png *.jpg)"))
        if path:
            self.loaded_png = Path(path).read_bytes()

    def save(self) -> bool:
        name, org = self.name.text().strip(), self.organization.text().strip()
        passphrase = self.passphrase.text().encode("utf-8")
        try:
            if self.p12_path:
                p12 = Path(self.p12_path).read_bytes()
                identity = pki.load_identity(p12, passphrase)
            else:
                if not name or not org:
                    raise SigningError(tr("请填写姓名和单位"))
                if self.passphrase.text() != self.repeat.text():
                    raise SigningError(tr("两次输入的口令不一致"))
                root_passphrase = self.root_passphrase.text().encode("utf-8")
                root = self.store.trust.agency_root()
                if root is None:
                    root_p12, certificate = pki.create_root(org, root_passphrase)
                    self.store.trust.add_agency_root(root_p12, certificate)
                    root = self.store.trust.agency_root()
                p12, identity = pki.issue_inspector(pki.load_identity(root[0], root_passphrase), name, org, passphrase)
            signing_identity(self.store, Identity(p12, passphrase))
        except (AuditorError, OSError) as exc:
            QMessageBox.warning(self, tr("未保存"), str(exc))
            return False
        png = self.loaded_png or (None if self.pad.is_empty() else self.pad.to_png())
        self.store.trust.register_inspector(identity, p12, png)
        self.accept()
        return True
