"""Language and font: Qt's own dialogs speak Chinese, the undo menu and the 合同 page name things in the
inspector's words, and the interface is set in the system's Chinese sans, never the documents' Song."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from auditor.paths import resources_dir
from ui.contract_labels import FIELD_LABELS
from ui.i18n import install_language

from .helpers import open_window


@pytest.fixture
def chinese(qapp):
    install_language(qapp, "zh_CN")
    yield
    install_language(qapp, "zh_CN")


def test_qt_standard_buttons_and_file_dialog_are_chinese(qtbot, chinese):
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert [b.text() for b in buttons.buttons()] == ["确定", "取消"]
    box = QMessageBox(QMessageBox.Icon.Question, "定稿", "定稿？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"是(&Y)", "否(&N)"}
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = dialog.findChild(QDialogButtonBox).buttons()
    assert {b.text() for b in labels} >= {"取消"}
    assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "文件名称(&N)："
    assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "打开(&O)"


def test_print_dialog_is_chinese(qtbot, chinese):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印"


def test_undo_menu_names_the_month_fact_in_chinese(qtbot, tmp_path, chinese):
    window = open_window(qtbot, tmp_path)
    page = window.walkthrough
    page.step_list.setCurrentRow(page.steps.index("__staffing__"))
    for key, value in (("frontline", "50"), ("support", "16"), ("management", "4")):
        page.role_edits[key].setText(value)
    assert page.save_step()
    assert window.undo_action.text() == "撤销 2025年10月 人员配置"
    window.undo_stack.undo()
    assert window.redo_action.text() == "重做 2025年10月 人员配置"
    window.store.close()


def test_contract_page_shows_chinese_labels_not_json_keys(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.tabs.setCurrentWidget(window.contracts_page)
    tree = window.contracts_page.tree
    shown = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert "合同名称" in shown and "履约保证金" in shown
    assert not any(ch.isascii() and ch.isalpha() for text in shown for ch in text), shown
    assert tree.topLevelItem(shown.index("合同名称")).toolTip(0) == "name"   # the key, for whoever edits the file
    duties = tree.topLevelItem(shown.index("保密义务"))
    assert duties.child(0).text(0).startswith("1. 保密信息只能由接收方")       # an item by its text, not its key
    lint = [window.contracts_page.lint.item(i).text() for i in range(window.contracts_page.lint.count())]
    assert any("签订日期：" in line for line in lint) and not any("signed_on" in line for line in lint)
    window.store.close()


def test_every_key_of_the_shipped_contracts_has_a_chinese_label():
    keys: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for path in (resources_dir() / "contracts").glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert keys - set(FIELD_LABELS) == set()


def test_interface_font_is_the_system_cjk_sans_and_never_song(qapp):
    from ui.fonts import install_app_font, system_cjk_sans

    before = qapp.font()
    try:
        family = install_app_font(qapp)
        assert family == system_cjk_sans() == "Noto Sans CJK SC"      # what this Linux machine has
        assert "Song" not in qapp.font().family()
    finally:
        qapp.setFont(before)


def test_without_a_system_cjk_font_the_shipped_sans_draws_the_interface(tmp_path):
    (tmp_path / "fonts.conf").write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{tmp_path}/none</dir>"
        f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    code = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication
        from ui.fonts import install_app_font
        app = QApplication([])
        print(install_app_font(app), "|", ",".join(app.font().families()))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
                              "PATH": "", "HOME": str(tmp_path)})
    assert out.stdout.strip() == "Auditor Hei | Auditor Hei,Auditor Song"
