"""Preview a PDF (QtPdf) and print it through the system print dialog at actual size.

Printing draws each page at the printer's resolution onto the full A4 page, with
no scaling to the printable area, so the GB/T 9704 margins hold on paper.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from .i18n import tr


def load_document(pdf: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page at the printer's DPI onto the whole page; returns the pages printed."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = printer.resolution()
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(index, size)
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return document.pageCount()


class PdfPreviewDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, suggested_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 960)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.document, self._buffer = load_document(pdf, self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.info = QLabel(tr("共 {n} 页").format(n=self.document.pageCount()))
        self.print_button = QPushButton(tr("打印…"))
        self.save_button = QPushButton(tr("另存为…"))
        close = QPushButton(tr("关闭"))
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
            print_document(self.document, printer)

    def save_as(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("另存为"), self.suggested_name, "PDF (*.pdf)")
            if not path:
                return
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, tr("未保存"), str(exc))
