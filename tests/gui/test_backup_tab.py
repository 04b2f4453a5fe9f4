"""设置 → 备份与恢复 with a real workspace: local backup, encrypted export with progress and 取消, restore."""
from __future__ import annotations

import hashlib
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from gui.pages.backup_tab import BackupTab
from services.security import audit, users
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO

PASS = "usb-backup-1"
RESTORE_QUESTION = ("将用{what}恢复数据，此后录入的内容将不在恢复后的数据中。\n\n当前数据库将另存保留（数据目录中的"
                    "“….before-restore-时间”文件），不会删除。恢复后程序将重新打开，请重新登录。\n\n确定恢复吗？")


@pytest.fixture
def tab(admin_ctx, qtbot):
    # A 3 MiB attachment, so the export reports progress several times (once per MiB).
    blob = os.urandom(3 << 20)
    digest = hashlib.sha256(blob).hexdigest()
    folder = admin_ctx.ws.attachments_dir / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / digest).write_bytes(blob)
    t = BackupTab(admin_ctx)
    qtbot.addWidget(t)
    return t


def usernames(ws) -> set[str]:
    return {u["username"] for u in users.list_users(ws)}


def test_backup_now_lists_a_manual_backup(qtbot, tab):
    assert tab.table.isHidden() and "还没有本机备份" in tab.empty.text()
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "手动"
    assert tab.table.item(0, 3).text().endswith("-manual.sqlite3")
    assert "已备份并检查通过" in tab.notice.text()
    assert (tab.ctx.ws.backups_dir / tab.table.item(0, 3).text()).is_file()


def test_export_to_stick_shows_progress_and_writes_a_jjbak(qtbot, tab, dialogs):
    seen = []
    tab.sig_export_progress.connect(
        lambda done, total: seen.append((done, total, tab.progress_dialog.isVisible(), tab.progress_dialog.value())))
    dialogs.dirs.append(dialogs.save_dir)
    dialogs.texts += [PASS, PASS]
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    files = list(dialogs.save_dir.iterdir())
    assert len(files) == 1 and files[0].suffix == ".jjbak"
    assert tab.last_export == files[0]
    assert len(seen) >= 3 and all(visible for _, _, visible, _ in seen)
    assert seen[-1][0] == seen[-1][1]  # ends at 100 %
    values = [v for *_, v in seen]
    assert values == sorted(values) and 0 < values[0] < values[-1] == 1000
    assert "已写入并复核加密备份" in tab.notice.text()
    assert tab.progress_dialog is None  # closed


def test_cancel_leaves_no_file(qtbot, tab, dialogs):
    def press_cancel(done, total):
        button = next(b for b in tab.progress_dialog.findChildren(QPushButton) if b.text() == "取消")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    tab.sig_export_progress.connect(press_cancel)
    dialogs.dirs.append(dialogs.save_dir)
    dialogs.texts += [PASS, PASS]
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert list(dialogs.save_dir.iterdir()) == []  # not even a .part file
    assert tab.notice.text() == "已取消备份，没有写入任何备份文件。"


def test_mismatched_export_passphrases_write_nothing(qtbot, tab, dialogs, prompts):
    dialogs.dirs.append(dialogs.save_dir)
    dialogs.texts += [PASS, PASS + "x"]
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert prompts.texts("error") == ["两次输入的口令不一致，请重新操作。"]
    assert list(dialogs.save_dir.iterdir()) == []


def test_restore_round_trip_from_a_jjbak(qtbot, tab, dialogs, admin_ctx, prompts):
    ws = admin_ctx.ws
    users.create_user(ws, "li", "李四", "li-pass-12", ["clerk"])
    dialogs.dirs.append(dialogs.save_dir)
    dialogs.texts += [PASS, PASS]
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    backup_file = tab.last_export
    users.create_user(ws, "zhao", "赵六", "zhao-pass-12", ["clerk"])
    assert {"li", "zhao"} <= usernames(ws)

    # A wrong passphrase is refused before anything is closed.
    dialogs.opens.append(backup_file)
    dialogs.texts.append("wrong-pass-9")
    tab.restore_file_action.trigger()
    assert tab.notice.text() == "备份口令错误，无法解开备份文件：请核对口令（区分大小写）后重试。"
    assert "zhao" in usernames(ws)  # still open and unchanged
    assert prompts.texts() == []  # said in the tab, nothing asked

    done = []
    tab.sig_restore_done.connect(done.append)
    dialogs.opens.append(backup_file)
    dialogs.texts.append(PASS)
    prompts.answer(True)
    tab.restore_file_action.trigger()
    created = tab.notice.text().removeprefix(f"已用备份文件“{backup_file.name}”（").removesuffix("）恢复数据。请重新登录。")
    assert prompts.texts("confirm") == [RESTORE_QUESTION.format(what=f"备份文件“{backup_file.name}”（{created}）")]
    assert len(created) == 16  # 2026-11-20 09:30
    assert len(done) == 1
    new_ctx = done[0]
    try:
        assert new_ctx is not admin_ctx and tab.ctx is new_ctx
        assert new_ctx.ws.current_user is None  # the caller shows the login
        users.login(new_ctx.ws, "wang", ADMIN_PASSWORD)
        names = usernames(new_ctx.ws)
        assert "li" in names and "zhao" not in names
        assert list(new_ctx.ws.data_dir.glob("jijian*.before-restore-*"))
        with new_ctx.ws.reading() as s:
            restored = [e.username for e in audit.events_for(s, "backup", backup_file.name)
                        if e.action == "backup.restore"]
        assert restored == ["wang"]
        assert "请重新登录" in tab.notice.text()
    finally:
        new_ctx.close()


def test_restore_from_a_local_backup(qtbot, tab, admin_ctx, prompts):
    ws = admin_ctx.ws
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    users.create_user(ws, "zhao", "赵六", "zhao-pass-12", ["clerk"])
    tab.table.selectRow(0)
    done = []
    tab.sig_restore_done.connect(done.append)
    name, made = tab.table.item(0, 3).text(), tab.table.item(0, 0).text()[:16]
    prompts.answer(True)
    tab.restore_local_action.trigger()
    assert prompts.texts("confirm") == [RESTORE_QUESTION.format(what=f"本机备份“{name}”（{made}）")]
    new_ctx = done[0]
    try:
        users.login(new_ctx.ws, "wang", ADMIN_PASSWORD)
        assert "zhao" not in usernames(new_ctx.ws)
    finally:
        new_ctx.close()


def test_export_runs_off_the_gui_thread(qtbot, ctx, dialogs, today):
    """The real app's executor: the export runs on the database worker, progress comes back by signal."""
    from gui.context import create_app_context
    ctx.close()
    live = create_app_context(ctx.ws.data_dir, synchronous=False, today=lambda: today,
                              crypto=CHEAP_CRYPTO)
    try:
        users.login(live.ws, "wang", ADMIN_PASSWORD)
        tab = BackupTab(live)
        qtbot.addWidget(tab)
        qtbot.waitUntil(tab.table.isHidden)  # the list of local backups (none yet) has arrived
        dialogs.dirs.append(dialogs.save_dir)
        dialogs.texts += [PASS, PASS]
        with qtbot.waitSignal(tab.sig_backup_written, timeout=60000) as blocker:
            qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
            assert tab.progress_dialog is not None and tab.progress_dialog.isVisible()
        assert blocker.args[0].suffix == ".jjbak" and blocker.args[0].is_file()
        assert tab.progress_dialog is None and "已写入并复核" in tab.notice.text()
    finally:
        live.close()


def test_screen_renders(qtbot, tab, tmp_path, dialogs):
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    shots = []
    tab.sig_export_progress.connect(
        lambda d, t: shots.append(tab.progress_dialog.grab()) if not shots and d < t else None)
    dialogs.dirs.append(dialogs.save_dir)
    dialogs.texts += [PASS, PASS]
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert shots and not shots[0].isNull()
    shots[0].save(str(tmp_path / "backup_progress.png"))
    tab.resize(1280, 800)
    tab.show()
    qtbot.waitExposed(tab)
    image = tab.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "backup_tab.png"))
