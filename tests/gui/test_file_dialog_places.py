"""File dialogs start in a sensible folder per purpose and speak Chinese (Qt's own qtbase_zh_CN catalogue)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from gui.context import load_translator
from gui.dialogs.import_dialog import ImportLedgerDialog
from gui.file_places import default_folder, start_folder
from gui.pages.backup_tab import BackupTab
from gui.usb_files import last_dir, remember_dir


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder of our own (Qt reads $HOME and the XDG user dirs each time)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def test_start_folder_is_documents_else_home_never_the_program_folder(home, admin_ctx):
    assert default_folder() == home                      # no Documents folder: home
    (home / "Documents").mkdir()
    assert default_folder() == home / "Documents"
    assert last_dir(admin_ctx, "backup") == str(home / "Documents")

    program = Path(sys.executable).resolve().parent  # remembered by an old version: not used
    admin_ctx.settings.setValue("files/last_dir/backup", str(program))
    assert start_folder(admin_ctx.settings, "backup") == home / "Documents"
    admin_ctx.settings.setValue("files/last_dir/backup", "")  # relative or empty (the working dir): not used
    assert start_folder(admin_ctx.settings, "backup") == home / "Documents"


def test_last_folder_remembered_per_purpose_and_forgotten_when_gone(home, tmp_path, admin_ctx):
    (home / "Documents").mkdir()
    stick = tmp_path / "U盘"
    stick.mkdir()
    (stick / "备份.jjbak").write_bytes(b"x")
    remember_dir(admin_ctx, "backup", stick / "备份.jjbak")
    assert last_dir(admin_ctx, "backup") == str(stick)
    assert last_dir(admin_ctx, "submission") == str(home / "Documents")   # another purpose keeps its own
    stick.joinpath("备份.jjbak").unlink()
    stick.rmdir()                                                       # the stick was taken out
    assert last_dir(admin_ctx, "backup") == str(home / "Documents")


def test_backup_dialog_opens_in_documents_then_in_the_folder_chosen(home, tmp_path, admin_ctx, prompts, qtbot,
                                                                   monkeypatch):
    (home / "Documents").mkdir()
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))  # the passphrase: cancelled
    tab = BackupTab(admin_ctx)
    qtbot.addWidget(tab)
    prompts.answer(str(stick))
    assert tab.export_to() is None
    prompts.answer(None)
    tab.export_to()
    folders = [s for s in prompts.shown if s.kind == "folder"]
    assert [f.start for f in folders] == [str(home / "Documents"), str(stick)]

    dialog = ImportLedgerDialog(admin_ctx)            # 导入 has its own memory: still Documents
    qtbot.addWidget(dialog)
    prompts.answer(None)
    dialog.browse()
    assert prompts.shown[-1].kind == "open"
    assert prompts.shown[-1].start == str(home / "Documents")


def test_a_bare_file_name_is_saved_under_documents_not_the_program_folder(home, prompts):
    from gui.interaction import Interaction

    (home / "Documents").mkdir()
    prompts.answer(None, None)
    Interaction.save_path(None, "另存为PDF", "报表.pdf", "PDF 文件 (*.pdf)")
    Interaction.open_path(None, "选择附件", "", "")
    assert [s.start for s in prompts.shown] == [str(home / "Documents" / "报表.pdf"), str(home / "Documents")]


def test_qt_own_strings_are_chinese_for_zh_and_english_for_en(qapp):
    translator = load_translator("zh")
    try:
        assert translator is not None
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    english = load_translator("en")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    finally:
        if english is not None:
            QCoreApplication.removeTranslator(english)
