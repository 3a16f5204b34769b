"""The 合同 page's 「导入合同文件…」 and 「导出合同文件…」: a third contract from a data file, offered as a
template afterwards; a hostile file refused with the JSON path named and nothing added."""
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from .helpers import open_window

CONTRACTS = Path(__file__).resolve().parents[1] / "data" / "contracts"
POINTS = CONTRACTS / "points-85-75-65.json"


@pytest.fixture
def window(qtbot, tmp_path):
    win = open_window(qtbot, tmp_path, "henan-2025", "2025-10", name="contract-import.db")
    win.tabs.setCurrentWidget(win.contracts_page)
    yield win
    win.store.close()


def listed(page) -> list[str]:
    return [page.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.list.count())]


def test_import_button_adds_the_contract_everywhere_and_keeps_its_template(window, qtbot, monkeypatch, tmp_path):
    page = window.contracts_page
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(POINTS), "合同文件 (*.json)"))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert listed(page) == ["henan-2025", "kaifeng-2026", "luoyang-2025"]
    assert page.current_id() == "kaifeng-2026"
    assert "已导入合同 kaifeng-2026" in page.message.text()
    # the window's contract chooser offers it, and the lint list shows its own (clean) data
    assert window.contract_box.findData("kaifeng-2026") >= 0
    assert [page.lint.item(i).text() for i in range(page.lint.count())] == ["未发现矛盾"]
    assert (tmp_path / "templates" / "kaifeng-2026.json").is_file()
    # 「从模板新建…」 offers the user template after the built-in ones
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: offered.append(items)
                        or ("kaifeng-2026", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("kaifeng-2027", True))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert offered == [["henan-2025", "luoyang-2025", "kaifeng-2026"]]
    assert window.store.contracts.get("kaifeng-2027").bands[0].minimum == 85


def test_a_hostile_file_is_refused_with_its_json_path_and_nothing_is_added(window, qtbot, monkeypatch, tmp_path):
    page = window.contracts_page
    data = json.loads(POINTS.read_text("utf-8"))
    data["indicators"][1]["points"] = 30          # a number where the template keeps text
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append((title, text)))
    assert page.import_file(str(hostile)) is None
    assert warned and warned[0][0] == "未导入" and "indicators[1].points" in warned[0][1]
    assert listed(page) == ["henan-2025", "luoyang-2025"]
    assert not (tmp_path / "templates").exists()


def test_export_button_writes_a_file_that_imports_back(window, qtbot, monkeypatch, tmp_path):
    page = window.contracts_page
    page.reload(select="luoyang-2025")
    out = tmp_path / "洛阳.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "合同文件 (*.json)"))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    exported = json.loads(out.read_text("utf-8"))
    assert exported == dict(window.store.contracts.get("luoyang-2025").data)
    assert [b["min"] for b in exported["scoring"]["bands"]] == ["90", "80", "70", "60", "0"]
    assert page.message.text() == f"已导出合同 luoyang-2025 到 {out}"
