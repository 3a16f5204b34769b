"""The month list shows each month's state at a glance: a coloured mark before its name, the state in its
tooltip — 已定稿, 录入中, 未开始, 逾期未定稿, 未到期 (the dashboard's words, auditor/deadlines.py's rule)."""
from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QComboBox

from auditor.calendar import Period
from auditor.deadlines import month_state
from auditor.model import Contract

from .i18n import tr

# state → (fill, outline, mark): strong enough to tell apart at 16 px, and a mark for those who do not see colour
MARKS = {"done": ("#1e8449", "#145a32", "✓"), "in_progress": ("#f39c12", "#b9770e", "…"),
         "not_started": ("#bdc3c7", "#7f8c8d", ""), "overdue": ("#c0392b", "#922b21", "!"),
         "future": ("#ffffff", "#aab7b8", "")}
LABELS = {"done": "已定稿", "in_progress": "录入中", "not_started": "未开始", "overdue": "逾期未定稿",
          "future": "未到期"}


@cache
def state_icon(state: str, size: int = 16) -> QIcon:
    fill, outline, mark = MARKS[state]
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp at 150 %
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(outline), 1.2))
    painter.setBrush(QColor(fill))
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    if mark:
        font = painter.font()
        font.setPixelSize(int(size * 0.6))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRectF(2, 2, size - 4, size - 4), Qt.AlignmentFlag.AlignCenter, mark)
    painter.end()
    return QIcon(pixmap)


def decorate(box: QComboBox, contract: Contract, statuses: dict[Period, str], today: dt.date) -> None:
    """Each month of ``box`` (item data: the period as text) with its state's icon and tooltip."""
    for index in range(box.count()):
        period = Period.parse(box.itemData(index))
        state = month_state(period, statuses.get(period), today, contract)
        box.setItemIcon(index, state_icon(state))
        box.setItemData(index, f"{period.label()}：{tr(LABELS[state])}", Qt.ItemDataRole.ToolTipRole)
        box.setItemData(index, state, Qt.ItemDataRole.UserRole + 1)
