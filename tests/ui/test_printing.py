"""Printing hands the document over in vector form, off the GUI thread; a bitmap only as a last resort, ≤ 300 dpi."""
import datetime as dt
import io
import subprocess

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from auditor import notices
from auditor.calendar import Period
from auditor.service import finalize_month
from tests.core.builders import inspector, record

OCT = Period(2025, 10)


@pytest.fixture
def signed_notice(tmp_path):
    from auditor.storage import open_store

    store = open_store(tmp_path / "p.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="运营中心",
                          inspectors="李全奇、王䶮")
    _, pdf = notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store))
    store.close()
    return pdf


def pdf_printer(path, dpi: int = 1200) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(dpi)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_to_pdf_on_a_worker_is_vector_with_the_stamp(qtbot, tmp_path, signed_notice):
    from ui.pdf_preview import PdfPreviewDialog

    preview = PdfPreviewDialog(signed_notice, "通知书", "n.pdf")
    qtbot.addWidget(preview)
    target = tmp_path / "printed.pdf"
    preview.print_on_worker(pdf_printer(target))
    qtbot.waitUntil(lambda: getattr(preview, "printed", 0) == preview.document.pageCount(), timeout=20000)
    printed = target.read_bytes()
    reader = PdfReader(io.BytesIO(printed))
    assert len(reader.pages) == preview.document.pageCount()
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "整改通知书" in text and "王䶮" in text                    # text, not pictures of it
    assert "电子签名：李全奇" in text                                  # the visible signature appearance
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    assert "AuditorSong" in fonts and "yes" in fonts
    images = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) <= 3                        # no page is an image (the QR is a path)
    assert len(printed) < 1_000_000


def test_the_bitmap_fallback_stays_at_300_dpi_and_can_be_cancelled(qtbot, tmp_path, signed_notice):
    from ui.pdf_preview import MAX_BITMAP_DPI, _print_bitmaps, display_copy

    shown = display_copy(signed_notice)
    target = tmp_path / "bitmap.pdf"
    seen = []
    assert _print_bitmaps(shown, pdf_printer(target, 1200), lambda f, m="": seen.append(f), lambda: False) >= 2
    listing = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    dpis = [int(line.split()[12]) for line in listing]
    assert dpis and max(dpis) <= MAX_BITMAP_DPI + 1 and min(dpis) >= MAX_BITMAP_DPI - 1
    assert seen[-1] == 1.0
    assert _print_bitmaps(shown, pdf_printer(tmp_path / "cancelled.pdf", 1200), lambda f, m="": None,
                          lambda: True) == 0


def test_a_printer_gets_the_pdf_through_the_spooler(qtbot, tmp_path, signed_notice):
    from ui import pdf_preview

    spooled = tmp_path / "spooled.pdf"
    arguments = tmp_path / "args.txt"
    fake = tmp_path / "lp"
    fake.write_text(f'#!/bin/sh\nprintf "%s " "$@" > {arguments}\ncat > {spooled}\n')
    fake.chmod(0o755)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setCopyCount(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 2)
    shown = pdf_preview.display_copy(signed_notice)
    pdf_preview.spool(shown, printer, str(fake), 3)
    assert spooled.read_bytes() == shown                               # the vector document itself
    said = arguments.read_text()
    assert "media=A4" in said and "-n 2" in said and "-P 1-2" in said and "scaling=100" in said


def test_a_rare_name_in_the_signature_stamp_is_printed(tmp_path):
    from auditor.storage import open_store
    from ui.pdf_preview import display_copy

    store = open_store(tmp_path / "r.db")
    henan = store.contracts.get("henan-2025")
    record(store, henan, "2025-10", {"HN-02": {"value": "99"}},
           headcount={"frontline": "48.5", "support": 16, "management": 3})
    finalize_month(store, henan, OCT)
    draft = notices.draft(store, henan, OCT, inspection_date=dt.date(2025, 11, 3), place="现场", inspectors="王䶮")
    _, pdf = notices.issue(store, draft.id, dt.date(2025, 11, 17), identity=inspector(store, name="王䶮"))
    store.close()
    shown = subprocess.run(["pdftotext", "-", "-"], input=display_copy(pdf), capture_output=True, check=True).stdout
    assert "电子签名：王䶮" in shown.decode("utf-8")
