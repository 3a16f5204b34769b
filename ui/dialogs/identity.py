"""The inspector's signing identity: create an EC P-256 key (PKCS#12, passphrase) or import one, and the
handwritten signature (drawn on the pad or loaded from an image)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout)

from auditor.documents.signing import SigningError, certificate_fingerprint, create_identity
from auditor.errors import AuditorError
from auditor.storage import Store
from auditor.storage.db import now

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
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("首次签名前创建您的签名证书（EC P-256），由您设定的口令保护。")))
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
            if not name or not org:
                raise SigningError(tr("请填写姓名和单位"))
            if self.p12_path:
                p12 = Path(self.p12_path).read_bytes()
            else:
                if self.passphrase.text() != self.repeat.text():
                    raise SigningError(tr("两次输入的口令不一致"))
                p12 = create_identity(name, org, passphrase)
            fingerprint = certificate_fingerprint(p12, passphrase)
        except (AuditorError, OSError) as exc:
            QMessageBox.warning(self, tr("未保存"), str(exc))
            return False
        png = self.loaded_png or (None if self.pad.is_empty() else self.pad.to_png())
        with self.store.db.atomic():
            self.store.db.execute("INSERT INTO inspectors (name, organization, p12, fingerprint, signature_png, "
                                  "created_at) VALUES (?,?,?,?,?,?)", [name, org, p12, fingerprint, png, now()])
        self.accept()
        return True
