"""A pad to draw a handwritten signature with the mouse or a pen; exported as a transparent PNG."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget


class SignaturePad(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 130)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.strokes: list[QPainterPath] = []
        self._current: QPainterPath | None = None

    def clear(self) -> None:
        self.strokes.clear()
        self.update()

    def is_empty(self) -> bool:
        return not self.strokes

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._current = QPainterPath(QPointF(event.position()))
        self.strokes.append(self._current)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._current is not None:
            self._current.lineTo(QPointF(event.position()))
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self._current = None

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(Qt.GlobalColor.black, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            painter.drawPath(stroke)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DashLine))
        painter.drawLine(10, self.height() - 25, self.width() - 10, self.height() - 25)
        self._paint(painter)

    def to_png(self, scale: int = 3) -> bytes:
        """Transparent PNG at ``scale`` × the pad's size (sharp when printed)."""
        image = QImage(self.width() * scale, self.height() * scale, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(scale, scale)
        self._paint(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data)
