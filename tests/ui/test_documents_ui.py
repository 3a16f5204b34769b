"""Signing identity, notices page, preview and printing — real widgets over a real database."""
import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from auditor.calendar import Period
from auditor.storage import open_store
from ui.main_window import MainWindow

from .helpers import finalised_october, open_window

OCT = Period(2025, 10)



@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, today=dt.date(2025, 11, 17), prepare=finalised_october, name="d.db")
    yield win
    win.store.close()


def make_identity(qtbot, window):
    from ui.dialogs.identity import IdentityDialog

    dialog = IdentityDialog(window.store, "河南省政务大数据中心", window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("李全奇")
    dialog.passphrase.setText("pass-1234")
    dialog.repeat.setText("pass-1234")
    dialog.root_passphrase.setText("agency-root-1234")
    dialog.root_repeat.setText("agency-root-1234")      # the root is created now: its passphrase asked twice
    qtbot.mousePress(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 60))
    for x in range(20, 300, 20):
        qtbot.mouseMove(dialog.pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 70))
    assert not dialog.pad.is_empty()
    assert dialog.save()


def test_identity_with_a_drawn_signature(qtbot, window):
    from ui.dialogs.identity import current_inspector

    make_identity(qtbot, window)
    inspector = current_inspector(window.store)
    assert inspector["name"] == "李全奇" and len(inspector["fingerprint"]) == 64
    assert inspector["signature_png"].startswith(b"\x89PNG")


def test_draft_issue_preview_print_and_follow_up(qtbot, window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.pages.notices import DraftDialog
    from ui.pdf_preview import print_document

    make_identity(qtbot, window)
    page = window.notices
    window.tabs.setCurrentWidget(page)  # a page is read when shown
    dialog = DraftDialog(window.store, window.store.contracts.get("henan-2025"), OCT, "李全奇、王行宇", page)
    qtbot.addWidget(dialog)
    assert dialog.findings.count() == 2                      # HN-02 and the staffing shortfall
    dialog.date.setDate(QDate(2025, 11, 3))
    dialog.setResult(QDialog.DialogCode.Accepted)
    notice_id = page.do_draft(dialog=dialog)
    assert page.selected().status == "draft"
    page.do_issue(passphrase="pass-1234", wait=True)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().status == "issued", timeout=5000)
    notice = page.selected()
    assert notice.id == notice_id and notice.number == "豫政数整改〔2025〕1号"
    assert page.model.index(0, 3).data() == "2025-11-24"
    window.preview = None
    page.do_preview()                                        # read and readied on a worker, then shown
    qtbot.waitUntil(lambda: window.preview is not None, timeout=20000)
    preview = window.preview
    assert preview.document.pageCount() == 3                # two pages of notice, the 回执 (附件) on its own
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_document(preview.document, printer) == 3
    from pypdf import PdfReader

    printed = PdfReader(str(tmp_path / "printed.pdf"))
    box = printed.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)   # actual A4
    page.do_receive(by="武明亮")
    assert page.selected().status == "received"
    page.do_rectified(on=dt.date(2025, 11, 17))
    page.do_close(by="李全奇")
    assert page.selected().status == "closed"
    assert not page.buttons["issue"].isEnabled()


def test_score_sheet_from_the_summary(qtbot, window):
    window.open_document("score-sheet", wait=True)
    qtbot.waitUntil(lambda: getattr(window, "preview", None) is not None, timeout=10000)
    assert window.preview.document.pageCount() >= 2          # the sheet and its chart annex


def test_verify_file_says_altered(qtbot, window, tmp_path, monkeypatch):
    from auditor import notices, pki
    from auditor.documents.service import Identity

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    make_identity(qtbot, window)
    from ui.dialogs.identity import current_inspector

    identity = Identity(current_inspector(window.store)["p12"], b"pass-1234")
    draft = notices.draft(window.store, window.store.contracts.get("henan-2025"), OCT,
                          inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="李全奇")
    _, pdf = notices.issue(window.store, draft.id, dt.date(2025, 11, 17), identity=identity)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(pdf)
    altered = bytearray(pdf)
    altered[1000] ^= 1
    bad.write_bytes(bytes(altered))
    assert "签名有效" in window.verify_file(str(good))
    assert "签名后被改动" in window.verify_file(str(bad))
    self_made = pki.create_self_signed("李全奇", "河南省政务大数据中心", b"forger-pass")
    from auditor.documents.signing import sign_pdf

    forged = tmp_path / "forged.pdf"
    from auditor.documents.notice import NoticeRenderer

    notice = notices.get(window.store, draft.id)
    look_alike = NoticeRenderer(notices.notice_data(notice, notice.number, dt.date(2025, 11, 17))).render()
    forged.write_bytes(sign_pdf(look_alike, pki.load_identity(self_made, b"forger-pass"), reason="伪造", location="x",
                                box=(100, 100, 300, 160)).pdf)
    text = window.verify_file(str(forged))
    assert "不受信任" in text and "签名有效" not in text


def test_audit_check_warns_where_it_breaks(qtbot, window, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: warnings.append(a[2]))
    assert window.check_audit()
    # written outside any app transaction, as another program would: the trigger records it as pending
    window.store.db.execute("UPDATE findings SET detail = 'x' WHERE id = 1")
    assert not window.check_audit()
    assert "findings 第 1 行" in warnings[-1]


def test_backup_and_restore_from_the_menu(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    target = tmp_path / "menu-backup.zip"
    assert window.backup_to(str(target))
    from auditor.backup import check_backup

    assert check_backup(target)["schema_version"] >= 6
    bad = tmp_path / "not-a-backup.zip"
    bad.write_bytes(b"nope")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    assert not window.restore_from(str(bad))
    assert "不是本程序的备份文件" in warnings[0]
    db_path = window.store.path
    assert window.restore_from(str(target), confirmed=True)
    assert list(db_path.parent.glob("d.before-restore-*.db"))


def test_bundle_from_one_window_to_another(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    make_identity(qtbot, window)
    path = tmp_path / "henan.auditor-bundle"
    assert not window.export_bundle(str(path), passphrase="wrong")
    assert "口令错误" in warnings[-1]
    assert window.export_bundle(str(path), passphrase="pass-1234")
    office_store = open_store(tmp_path / "office.db")
    from auditor.pki import load_certificate

    office_store.trust.add_root(load_certificate(window.store.trust.agency_root()[1]))  # the office trusts the agency
    office = MainWindow(office_store, QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(office)
    assert office.import_bundle(str(path))
    assert office_store.months.status("henan-2025", OCT) == "open"          # the office finalises its own
    assert "对方已定稿" in office_store.months.history("henan-2025", OCT)[-1][2]
    office_store.close()
