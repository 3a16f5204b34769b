"""Signatures in the app: the trust list, the identity, verification's four outcomes, issuing on a date,
receipt by countersignature, and the stamp shown in preview and print — real widgets, a real database."""
import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from auditor import notices, pki
from auditor.calendar import Period
from auditor.documents.signing import CLOCK_NOTE, countersign_receipt, sign_pdf
from tests.core.builders import PASS, inspector

from .helpers import finalised_october, open_window

OCT = Period(2025, 10)
GREEN = "#1e8449"



@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, today=dt.date(2025, 11, 17), prepare=finalised_october, name="t.db")
    yield win
    win.store.close()


@pytest.fixture
def shown(monkeypatch):
    """Every message box's text, instead of a modal box."""
    texts = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: texts.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return texts


def trust_dialog(qtbot, window):
    from ui.dialogs.trust import TrustDialog

    dialog = TrustDialog(window.store, "河南省政务大数据中心", window)
    qtbot.addWidget(dialog)
    return dialog


def draft(store, findings=None):
    ids = findings or [f.id for f in store.findings.list("henan-2025", OCT)]
    return notices.draft(store, store.contracts.get("henan-2025"), OCT, inspection_date=dt.date(2025, 11, 3),
                         place="省12345热线运营中心", inspectors="李全奇", finding_ids=ids)


def other_agency(tmp_path, name="郑州市政务服务中心"):
    """Another office's root (its .cer) and an inspector .p12 it issued."""
    p12, certificate = pki.create_root(name, b"other-root-pass")
    root_file = tmp_path / "other-root.pem"
    from cryptography.hazmat.primitives.serialization import Encoding

    root_file.write_bytes(certificate.public_bytes(Encoding.PEM))
    inspector_p12, identity = pki.issue_inspector(pki.load_identity(p12, b"other-root-pass"), "王行宇", name,
                                                  b"inspector-pass")
    p12_file = tmp_path / "wang.p12"
    p12_file.write_bytes(inspector_p12)
    return root_file, p12_file, identity


# ------------------------------------------------------------------ trust list

def test_agency_root_created_exported_and_refusals_shown(qtbot, window, tmp_path, shown):
    dialog = trust_dialog(qtbot, window)
    assert dialog.empty.isVisibleTo(dialog) and dialog.create_button.isVisibleTo(dialog)
    before = window.store.content_digest()
    assert not dialog.create_agency_root("河南省政务大数据中心", "root-pass-1", "root-pass-2")
    assert "两次输入的口令不一致" in shown[-1]
    assert not dialog.create_agency_root("河南省政务大数据中心", "short", "short")
    assert "口令至少 8 个字符" in shown[-1]
    assert not dialog.create_agency_root("  ", "root-pass-1", "root-pass-1")
    assert "证书须有名称和单位" in shown[-1]
    assert window.store.content_digest() == before and window.store.trust.agency_root() is None

    assert dialog.create_agency_root("河南省政务大数据中心", "root-pass-1", "root-pass-1")
    assert dialog.model.rowCount() == 1 and not dialog.empty.isVisibleTo(dialog)
    assert dialog.model.index(0, 0).data() == "文书签名根证书（河南省政务大数据中心）"
    fingerprint = window.store.trust.roots()[0].fingerprint
    from PySide6.QtCore import Qt

    assert dialog.model.index(0, 1).data().replace(" ", "") == fingerprint.upper()[:16] + "…"
    assert dialog.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).replace(" ", "") == fingerprint.upper()
    dialog.view.selectRow(0)
    assert dialog.selected_fingerprint.text().replace(" ", "").endswith(fingerprint.upper())   # whole, to compare
    assert dialog.export_button.isVisibleTo(dialog) and not dialog.create_button.isVisibleTo(dialog)
    assert dialog.export_agency_root(str(tmp_path / "agency.cer"))
    exported = pki.load_certificate((tmp_path / "agency.cer").read_bytes())
    assert pki.fingerprint(exported) == fingerprint and pki.is_self_signed(exported)


def test_add_and_remove_roots_with_every_refusal_as_a_message(qtbot, window, tmp_path, shown):
    dialog = trust_dialog(qtbot, window)
    root_file, _, identity = other_agency(tmp_path)
    leaf = tmp_path / "wang.cer"
    leaf.write_bytes(pki.der(identity.certificate))
    garbage = tmp_path / "garbage.cer"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    before = window.store.content_digest()
    assert not dialog.add_root(str(leaf), note="")
    assert "不是根证书（CA）" in shown[-1]
    assert not dialog.add_root(str(garbage), note="")
    assert "garbage.cer 不是有效的 X.509 证书" in shown[-1]
    assert not dialog.add_root(str(tmp_path), note="")          # a folder
    assert "不是普通文件" in shown[-1]
    assert window.store.content_digest() == before and dialog.model.rowCount() == 0

    assert dialog.add_root(str(root_file), note="郑州办公室，电话核对指纹 2025-11-17")
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 2).data() == "郑州办公室，电话核对指纹 2025-11-17"
    assert not dialog.remove_button.isEnabled()
    dialog.view.selectRow(0)
    assert dialog.remove_button.isEnabled()
    assert dialog.remove_selected(confirmed=True)
    assert dialog.model.rowCount() == 0 and window.store.trust.roots() == []


def test_time_stamp_server_setting(qtbot, window, shown):
    dialog = trust_dialog(qtbot, window)
    assert dialog.tsa.text() == ""
    assert not dialog.save_tsa("ftp://tsa.example.org")
    assert "须以 http:// 或 https:// 开头" in shown[-1]
    assert window.store.trust.setting("tsa_url") == ""
    assert dialog.save_tsa("  http://timestamp.example.org/tsa ")
    assert window.store.trust.setting("tsa_url") == "http://timestamp.example.org/tsa"
    assert dialog.save_tsa("")
    assert window.store.trust.setting("tsa_url") == ""


# ------------------------------------------------------------------ identity

def test_identity_import_shows_issuer_and_whether_it_is_trusted(qtbot, window, tmp_path, shown):
    from ui.dialogs.identity import IdentityDialog, current_inspector

    root_file, p12_file, _ = other_agency(tmp_path)
    dialog = IdentityDialog(window.store, "河南省政务大数据中心", window)
    qtbot.addWidget(dialog)
    assert "尚未设置签名证书" in dialog.current.text()
    dialog.choose_p12(str(p12_file))
    assert dialog.import_mode.isChecked() and not dialog.issue_box.isEnabled()
    dialog.p12_passphrase.setText("wrong-pass")
    assert dialog.inspect_p12() is False and "口令错误" in dialog.p12_info.text()
    dialog.p12_passphrase.setText("inspector-pass")
    assert dialog.inspect_p12() is False
    assert "签发者：文书签名根证书（郑州市政务服务中心）" in dialog.p12_info.text()
    assert "不受信任：本机信任列表为空" in dialog.p12_info.text()
    assert not dialog.save() and "不能用于签发文书" in shown[-1]
    assert current_inspector(window.store) is None

    assert trust_dialog(qtbot, window).add_root(str(root_file), note="")
    assert dialog.inspect_p12() is True and "由本机信任的根证书签发" in dialog.p12_info.text()
    assert dialog.save()
    assert current_inspector(window.store)["name"] == "王行宇"
    again = IdentityDialog(window.store, "", window)
    qtbot.addWidget(again)
    assert "当前签名证书：王行宇（郑州市政务服务中心）" in again.current.text()
    assert "由本机信任的根证书签发" in again.current.text()


def test_first_identity_asks_the_new_root_passphrase_twice(qtbot, window, shown):
    from ui.dialogs.identity import IdentityDialog, current_inspector

    dialog = IdentityDialog(window.store, "河南省政务大数据中心", window)
    qtbot.addWidget(dialog)
    dialog.name.setText("李全奇")
    dialog.passphrase.setText("pass-1234")
    dialog.repeat.setText("pass-1234")
    dialog.root_passphrase.setText("agency-root-1234")
    dialog.root_repeat.setText("agency-root-1243")
    before = window.store.content_digest()
    assert not dialog.save() and "两次输入的根证书口令不一致" in shown[-1]
    dialog.root_repeat.setText("agency-root-1234")
    dialog.passphrase.setText("123")
    dialog.repeat.setText("123")
    assert not dialog.save() and "口令至少 6 个字符" in shown[-1]
    assert window.store.content_digest() == before and window.store.trust.agency_root() is None
    dialog.passphrase.setText("pass-1234")
    dialog.repeat.setText("pass-1234")
    assert dialog.save()
    assert window.store.trust.agency_root() is not None and current_inspector(window.store)["name"] == "李全奇"


# ------------------------------------------------------------------ verification

@pytest.fixture
def issued(window, tmp_path):
    """A notice issued by a trusted inspector: (identity, number, signed PDF path)."""
    identity = inspector(window.store)
    notice, pdf = notices.issue(window.store, draft(window.store).id, dt.date(2025, 11, 17), identity=identity)
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    return identity, notice.number, path


def verify_dialog(qtbot, window):
    from ui.dialogs.verify import VerifyDialog

    dialog = VerifyDialog(window.store, window)
    qtbot.addWidget(dialog)
    return dialog


def test_the_four_outcomes_look_different(qtbot, window, tmp_path, issued):
    _, number, path = issued
    dialog = verify_dialog(qtbot, window)
    assert dialog.check_file(str(path)) == "valid"
    text = dialog.report_text()
    assert dialog.banner.colour() == GREEN and text.startswith("签名有效")
    assert "签发人：李全奇（河南省政务大数据中心）" in text
    assert "签发机构：文书签名根证书（河南省政务大数据中心）" in text
    assert CLOCK_NOTE in text                                     # no time-stamp server configured
    assert f"文号：{number}" in text and "与本机登记的原件一致" in text
    assert "修订：原始文档 → 签名：签发人签名" in text and "尚无乙方电子签收" in text

    altered = bytearray(path.read_bytes())
    altered[1000] ^= 1
    (tmp_path / "altered.pdf").write_bytes(bytes(altered))
    assert dialog.check_file(str(tmp_path / "altered.pdf")) == "altered"
    assert dialog.banner.colour() == "#c0392b" and dialog.report_text().startswith("文件已被改动")

    forged = pki.load_identity(pki.create_self_signed("李全奇", "河南省政务大数据中心", b"forger-pass"), b"forger-pass")
    (tmp_path / "forged.pdf").write_bytes(sign_pdf(notices.render_draft(window.store, draft(window.store).id), forged,
                                                   reason="伪造", location="x", box=(100, 100, 300, 160)).pdf)
    assert dialog.check_file(str(tmp_path / "forged.pdf")) == "untrusted"
    text = dialog.report_text()
    assert dialog.banner.colour() == "#d35400" != GREEN
    assert text.startswith("签名人不受信任") and "签名有效" not in text
    assert "自签名证书，不在信任列表中（任何人都能以任意名称制作）" in dialog.banner.text.text()

    (tmp_path / "plain.pdf").write_bytes(notices.render_draft(window.store, draft(window.store).id))
    assert dialog.check_file(str(tmp_path / "plain.pdf")) == "unsigned"
    assert dialog.banner.colour() == "#7f8c8d" and dialog.report_text().startswith("未签名")
    assert dialog.check_file(str(tmp_path / "missing.pdf")) == ""
    assert "无法读取" in dialog.report_text()


def test_signer_names_are_shown_as_text_never_as_markup(qtbot, window, tmp_path):
    name = '<img src="file:///etc/passwd"><b>李全奇</b>'
    forged = pki.load_identity(pki.create_self_signed(name, "河南省政务大数据中心", b"forger-pass"), b"forger-pass")
    pdf = sign_pdf(notices.render_draft(window.store, draft(window.store).id), forged, reason="x", location="x",
                   box=(100, 100, 300, 160)).pdf
    (tmp_path / "markup.pdf").write_bytes(pdf)
    dialog = verify_dialog(qtbot, window)
    assert dialog.check_file(str(tmp_path / "markup.pdf")) == "untrusted"
    assert name in dialog.details.toPlainText()


def test_the_operators_receipt_signature_is_shown(qtbot, window, tmp_path, issued):
    _, _, path = issued
    operator = pki.create_self_signed("武明亮", "河南龙翼信息技术有限公司", b"operator-pass")
    (tmp_path / "received.pdf").write_bytes(countersign_receipt(path.read_bytes(), operator, b"operator-pass",
                                                                name="武明亮"))
    dialog = verify_dialog(qtbot, window)
    assert dialog.check_file(str(tmp_path / "received.pdf")) == "valid"
    text = dialog.report_text()
    assert "乙方签收：武明亮（河南龙翼信息技术有限公司）" in text
    assert "签名：签发人签名 → 签名：乙方签收签名" in text and "尚无乙方电子签收" not in text


def test_qr_code_text_checked(qtbot, window, tmp_path, issued):
    _, number, _ = issued
    qr = window.store.register.get(number).qr
    dialog = verify_dialog(qtbot, window)
    assert dialog.check_code(qr) == "valid"
    assert dialog.code_banner.colour() == GREEN and number in dialog.code_details.toPlainText()
    deadline = next(part for part in qr.split(";") if part.startswith("x="))
    assert dialog.check_code(qr.replace(deadline, "x=2026-01-30")) == "altered"      # a later deadline
    assert dialog.code_banner.colour() == "#c0392b"
    assert dialog.check_code("hello") == ""
    assert "不是本程序文书的二维码内容" in dialog.code_banner.text.text()
    (tmp_path / "bad.cer").write_bytes(b"nope")
    assert dialog.check_code(qr, str(tmp_path / "bad.cer")) == ""
    assert "bad.cer 不是有效的 X.509 证书" in dialog.code_banner.text.text()


def test_verify_from_the_menu(qtbot, window, issued):
    _, _, path = issued
    text = window.verify_file(str(path))
    assert text.startswith("签名有效") and window.verify_dialog.isVisible()


# ------------------------------------------------------------------ notices: date, back-dating, receipt

def test_an_earlier_issue_date_asks_a_reason_then_retries(qtbot, window, monkeypatch, shown):
    inspector(window.store)
    page = window.notices
    ids = [f.id for f in window.store.findings.list("henan-2025", OCT)]
    first, second = draft(window.store, ids[:1]), draft(window.store, ids[1:])
    page.load(window.store.contracts.get("henan-2025"), OCT)
    page.select(first.id)
    page.do_issue(passphrase=PASS.decode(), on=dt.date(2025, 11, 17), wait=True)
    qtbot.waitUntil(lambda: notices.get(window.store, first.id).status == "issued", timeout=10000)

    asked = []
    monkeypatch.setattr(page, "ask_backdate_reason", lambda refusal: asked.append(refusal))
    page.select(second.id)
    page.do_issue(passphrase=PASS.decode(), on=dt.date(2025, 11, 10), wait=True)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=10000)
    assert "早于已签发的 豫政数整改〔2025〕1号（2025-11-17）" in asked[0]
    assert notices.get(window.store, second.id).status == "draft" and not shown   # declined: nothing issued

    monkeypatch.setattr(page, "ask_backdate_reason", lambda refusal: "现场检查当日未能签发，补发")
    page.select(second.id)
    page.do_issue(passphrase=PASS.decode(), on=dt.date(2025, 11, 10), wait=True)
    qtbot.waitUntil(lambda: notices.get(window.store, second.id).status == "issued", timeout=10000)
    document = window.store.register.get("豫政数整改〔2025〕2号")
    assert document.issued_on == dt.date(2025, 11, 10) and document.backdate_reason == "现场检查当日未能签发，补发"


def test_issue_dialog_defaults_to_today_and_refuses_later(qtbot):
    from ui.pages.notices import IssueDialog, chosen_date

    dialog = IssueDialog("草稿 #1", dt.date(2025, 11, 17))
    qtbot.addWidget(dialog)
    assert chosen_date(dialog.date) == dt.date(2025, 11, 17)
    dialog.date.setDate(dialog.date.date().addDays(100000))
    assert chosen_date(dialog.date) <= dt.date.today()


def test_receipt_from_the_operators_countersigned_pdf(qtbot, window, tmp_path, issued, shown):
    _, number, path = issued
    page = window.notices
    page.load(window.store.contracts.get("henan-2025"), OCT)
    page.select(notices.get(window.store, number).id)
    page.do_receive(signed_pdf=str(path))                        # not countersigned yet
    assert "回执签收栏中没有有效的乙方电子签名" in shown[-1] and page.selected().status == "issued"
    operator = pki.create_self_signed("武明亮", "河南龙翼信息技术有限公司", b"operator-pass")
    received = tmp_path / "received.pdf"
    received.write_bytes(countersign_receipt(path.read_bytes(), operator, b"operator-pass", name="武明亮"))
    page.do_receive(signed_pdf=str(received))
    notice = page.selected()
    assert notice.status == "received" and notice.received_by.startswith("武明亮（电子签名")


# ------------------------------------------------------------------ preview and print show the stamp

def _dark_pixels(image, box, page_height, dpi) -> int:
    """Near-black pixels inside ``box`` (PDF points, origin bottom left) of a page image."""
    x0, y0, x1, y1 = (round(v / 72 * dpi) for v in (box[0], page_height - box[3], box[2], page_height - box[1]))
    count = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 128 and max(colour.red(), colour.green(), colour.blue()) < 110:
                count += 1
    return count


def test_preview_and_print_show_the_signature_stamp(qtbot, window, tmp_path, issued):
    from pypdf import PdfReader
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from ui.pdf_preview import PdfPreviewDialog, load_document, print_document, render_page

    _, _, path = issued
    pdf = path.read_bytes()
    stamp = next(a.get_object() for a in PdfReader(str(path)).pages[1]["/Annots"]
                 if a.get_object()["/T"] == "AuditorSignature")
    box, height, dpi = [float(v) for v in stamp["/Rect"]], 841.89, 40
    raw = QPdfDocument()
    raw.load(str(path))
    assert _dark_pixels(render_page(raw, 1, dpi), box, height, dpi) == 0     # QtPdf alone: no stamp, flag or not
    shown_document, _buffer = load_document(pdf)
    assert _dark_pixels(render_page(shown_document, 1, dpi), box, height, dpi) > 50

    preview = PdfPreviewDialog(pdf, "通知书", "n.pdf")
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setResolution(dpi)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_document(preview.document, printer) == 3                  # the 回执 on a page of its own
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert _dark_pixels(render_page(printed, 1, dpi), box, height, dpi) > 50
    preview.save_as(str(tmp_path / "saved.pdf"))
    assert (tmp_path / "saved.pdf").read_bytes() == pdf                       # the signed original, not the copy


def test_a_damaged_pdf_is_previewed_as_it_is():
    from ui.pdf_preview import display_copy

    damaged = b"%PDF-1.7\n1 0 obj << /Type /Page /Annots [2 0 R] >> endobj\ntrailer << /Root 9 0 R >>\n%%EOF"
    assert display_copy(damaged) == damaged
