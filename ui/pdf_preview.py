"""Preview a PDF (QtPdf) and print it through the system print dialog at actual size, in vector form.

Printing hands the document itself over, never a picture of it: "print to PDF" writes the PDF (vector
text and paths, fonts embedded), and on systems with a CUPS spooler the PDF goes to the chosen printer
with ``lp`` (media A4, no scaling), which rasterises it at the printer's own resolution. Only where
neither exists (Windows' native printers) are pages drawn as images, one page at a time, at 300 dpi at
most, full page with no scaling so the GB/T 9704 margins hold on paper. It runs on a worker with
progress and Cancel.

A signed document's visible stamp is the appearance of a signature *widget* annotation. QtPdf never
draws widgets: it renders with PDFium's ``FPDF_RenderPageBitmap``, which skips them even with
``RenderFlag.Annotations`` (they are drawn only through a form-fill environment QtPdf does not set up),
and ``QPdfView`` in PySide6 6.12 has no render options at all. So preview and print show a *display
copy* in which every visible annotation's appearance is drawn into the page content, as any PDF reader
shows it; "save as" writes the original bytes, whose signature stays valid.
"""
from __future__ import annotations

import io
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from .i18n import tr

_HIDDEN, _NO_VIEW = 2, 32  # annotation flags (PDF 32000-1 §12.5.3)


def _normal_appearance(annotation):
    """The annotation's normal appearance stream (for a state dictionary, the one /AS names), or None."""
    from pypdf.generic import StreamObject

    ap = annotation.get("/AP")
    normal = ap.get_object().get("/N") if ap is not None else None
    normal = normal.get_object() if normal is not None else None
    if normal is not None and not isinstance(normal, StreamObject):
        state = annotation.get("/AS")
        normal = normal[state].get_object() if state is not None and state in normal else None
    return normal if isinstance(normal, StreamObject) else None


def _placement(rect, bbox, matrix) -> str | None:
    """The ``cm`` operator mapping the appearance's transformed BBox onto the annotation's Rect (§12.5.5)."""
    a, b, c, d, e, f = matrix
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    tx0, ty0 = min(x for x, _ in corners), min(y for _, y in corners)
    tx1, ty1 = max(x for x, _ in corners), max(y for _, y in corners)
    x0, y0, x1, y1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    if tx1 - tx0 <= 0 or ty1 - ty0 <= 0:
        return None
    sx, sy = (x1 - x0) / (tx1 - tx0), (y1 - y0) / (ty1 - ty0)
    return f"{sx:.6f} 0 0 {sy:.6f} {x0 - sx * tx0:.4f} {y0 - sy * ty0:.4f} cm"


def display_copy(pdf: bytes) -> bytes:
    """``pdf`` with each visible annotation appearance (signature stamps above all) drawn into its page,
    for QtPdf to show. Only for display; a file it cannot rework is shown as it is."""
    if b"/Annots" not in pdf:
        return pdf
    try:
        return _draw_appearances(pdf)
    except Exception as exc:  # noqa: BLE001 — the preview then lacks the stamps; the file itself is untouched
        logging.getLogger(__name__).warning("annotation appearances not drawn: %s", exc)
        return pdf


def _draw_appearances(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf), strict=False))
    changed = False
    for page in writer.pages:
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept, commands, streams = ArrayObject(), [], []
        for ref in annotations.get_object():
            annotation = ref.get_object()
            appearance = _normal_appearance(annotation)
            hidden = int(annotation.get("/F", 0)) & (_HIDDEN | _NO_VIEW)
            placement = None
            if appearance is not None and not hidden and annotation.get("/Subtype") != "/Popup":
                placement = _placement([float(v) for v in annotation["/Rect"]],
                                       [float(v) for v in appearance["/BBox"]],
                                       [float(v) for v in appearance.get("/Matrix", [1, 0, 0, 1, 0, 0])])
            if placement is None:
                kept.append(ref)
                continue
            name = f"/AuditorShown{len(streams)}"
            streams.append((name, appearance))
            commands.append(f"q {placement} {name} Do Q")
        if not streams:
            continue
        resources = page["/Resources"].get_object() if "/Resources" in page else DictionaryObject()
        xobjects = resources["/XObject"].get_object() if "/XObject" in resources else DictionaryObject()
        for name, stream in streams:
            xobjects[NameObject(name)] = stream.indirect_reference or writer._add_object(stream)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")  # the page's own graphics state is closed before the stamps are drawn
        after.set_data(("Q\n" + "\n".join(commands) + "\n").encode("ascii"))
        reference = page.raw_get("/Contents") if "/Contents" in page else ArrayObject()
        contents = reference.get_object()  # a stream (kept as its indirect reference) or an array of them
        old = list(contents) if isinstance(contents, ArrayObject) else [reference]
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *old, writer._add_object(after)])
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            del page["/Annots"]
        changed = True
    if not changed:
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def load_document(pdf: bytes, parent=None, shown: bytes | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QtPdf document of ``pdf`` as readers show it (annotation appearances drawn, see the module doc);
    ``shown``: that display copy, made beforehand (on a worker: pypdf's first use takes ~100 ms)."""
    shown = display_copy(pdf) if shown is None else shown
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(shown))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    document.shown_pdf = shown  # what printing hands over: the display copy's bytes
    return document, buffer


def render_page(document: QPdfDocument, index: int, dpi: float):
    """One page at ``dpi``, annotations included (those QtPdf can draw; widgets come from the display copy)."""
    points = document.pagePointSize(index)
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    return document.render(index, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)),
                           options)


MAX_BITMAP_DPI = 300


def _full_a4(printer: QPrinter) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def _pages_of(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf), strict=False).pages)


def spooler() -> str | None:
    """CUPS's ``lp``, where the system has one (Linux, macOS); None on Windows."""
    return None if sys.platform == "win32" else shutil.which("lp")


def print_pdf(pdf: bytes, printer: QPrinter, progress: Callable[[float, str], None] = lambda f, m="": None,
              cancelled: Callable[[], bool] = lambda: False, *, allow_spooler: bool = True) -> int:
    """Print ``pdf`` (the display copy: signature stamps drawn in) on ``printer``; returns the pages printed,
    0 when cancelled. Safe on a worker thread: it touches no widget."""
    _full_a4(printer)
    pages = _pages_of(pdf)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:     # print to file: the PDF itself
        progress(0.5, "")
        Path(printer.outputFileName()).write_bytes(pdf)
        progress(1.0, "")
        return pages
    lp = spooler() if allow_spooler else None
    if lp is not None:
        progress(0.3, "")
        spool(pdf, printer, lp, pages)
        progress(1.0, "")
        return pages
    return _print_bitmaps(pdf, printer, progress, cancelled)


def spool(pdf: bytes, printer: QPrinter, lp: str, pages: int) -> None:
    """The PDF to the chosen printer through CUPS: A4, actual size, the dialog's copies, pages and duplex."""
    command = [lp, "-n", str(max(1, printer.copyCount())), "-o", "media=A4", "-o", "fit-to-page=false",
               "-o", "scaling=100"]
    if printer.printerName():
        command[1:1] = ["-d", printer.printerName()]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
        command += ["-P", f"{printer.fromPage()}-{printer.toPage() or pages}"]
    if printer.duplex() in (QPrinter.DuplexMode.DuplexLongSide, QPrinter.DuplexMode.DuplexAuto):
        command += ["-o", "sides=two-sided-long-edge"]
    subprocess.run(command, input=pdf, check=True, capture_output=True, timeout=120)


def _print_bitmaps(pdf: bytes, printer: QPrinter, progress: Callable[[float, str], None],
                   cancelled: Callable[[], bool]) -> int:
    """The last resort: each page as an image at the printer's resolution, 300 dpi at most, drawn over the
    whole page; one page in memory at a time."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    count = document.pageCount()
    try:
        dpi = min(printer.resolution(), MAX_BITMAP_DPI)
        scale = printer.resolution() / dpi
        for index in range(count):
            if cancelled():
                printer.abort()
                return 0
            progress(index / count, f"{index + 1}/{count}")
            if index:
                printer.newPage()
            image = render_page(document, index, dpi)
            painter.save()
            painter.scale(scale, scale)
            painter.drawImage(0, 0, image)
            painter.restore()
    finally:
        painter.end()
    progress(1.0, "")
    return count


def print_document(document: QPdfDocument, printer: QPrinter, progress: Callable[[float, str], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> int:
    """Print a document loaded by ``load_document``; returns the pages printed."""
    return print_pdf(document.shown_pdf, printer, progress or (lambda f, m="": None), cancelled or (lambda: False))


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, suggested_name: str, parent=None, shown: bytes | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        from .fit import fit_window

        fit_window(self, 820, 960)  # its buttons stay on screen at 1366×768 and at 150 %
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.document, self._buffer = load_document(pdf, self, shown)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.info = QLabel(tr("共 {n} 页").format(n=self.document.pageCount()))
        self.print_button = QPushButton(tr("打印…"))
        self.save_button = QPushButton(tr("另存为…"))
        close = QPushButton(tr("关闭"))
        self.print_button.setToolTip(tr("打印本文书；打印中可以取消"))
        self.save_button.setToolTip(tr("把本文书原样另存为 PDF 文件；签名件另存后签名仍然有效"))
        close.setToolTip(tr("关闭本窗口"))
        row = QHBoxLayout()
        row.addWidget(self.info)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.accept)

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_on_worker(printer)

    def print_on_worker(self, printer: QPrinter):
        """Print on a worker thread with progress and Cancel; the window stays responsive."""
        from .workers import run_with_progress

        self.printer = printer  # kept alive while the worker uses it
        pdf = self.document.shown_pdf
        self.print_button.setEnabled(False)

        def done(pages: int) -> None:
            self.print_button.setEnabled(True)
            self.printed = pages

        def failed(error: BaseException) -> None:
            self.print_button.setEnabled(True)
            QMessageBox.warning(self, tr("打印…"), str(error))

        return run_with_progress(self, tr("打印…"), lambda progress, cancelled: print_pdf(
            pdf, printer, progress, cancelled), done, failed)

    def save_as(self, path: str | None = None) -> None:
        """The original bytes, never the display copy: the signature must stay valid."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("另存为"), self.suggested_name, "PDF (*.pdf)")
            if not path:
                return
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, tr("未保存"), str(exc))
