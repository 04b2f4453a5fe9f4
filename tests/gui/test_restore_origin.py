"""Whose data (issue 9, items 2 and 8) in the desktop app: another office's backup is refused in
设置 → 备份与恢复; a new PC takes its office's backup from the setup wizard only with the 迁入
checkbox ticked; a second start on a data dir another program holds says who holds it and exits."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton

from gui.app import APP_PROGRAM, run_gui
from gui.pages.backup_tab import BackupTab
from gui.setup_wizard import SetupWizard
from services.security import setup, users
from services.storage import backup, instance_lock, maintenance
from services.storage.instance_lock import locked_message, read_holder
from services.storage.workspace import open_workspace
from tests.helpers.cli import run, run_process, start_holder
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.gui_modals import answer_modals

PASS = "same-passphrase-2026"
FOREIGN = ("这份备份属于柳溪镇纪委（单位代码 LX002），而本数据目录属于青山镇纪委（单位代码 QS001）："
           "不能用其他单位的备份覆盖本单位的数据。")


@pytest.fixture
def office_b(tmp_path, dialogs):
    """柳溪镇纪委 (LX002) on its own data dir: its .jjbak on the stick (same passphrase) and a local backup."""
    ws = open_workspace(tmp_path / "B", crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name="柳溪镇纪委", org_code="LX002", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.create_user(ws, "liu", "刘五", "liu-pass-123", ["clerk"])
    exported = maintenance.export_backup(ws, dialogs.save_dir, PASS)
    local = maintenance.backup_now(ws)
    ws.close()
    return exported, local.path


def usernames(ws) -> list[str]:
    return sorted(u["username"] for u in users.list_users(ws))


def test_backup_tab_refuses_another_offices_jjbak(qtbot, admin_ctx, dialogs, office_b, prompts):
    tab = BackupTab(admin_ctx)
    qtbot.addWidget(tab)
    done = []
    tab.sig_restore_done.connect(done.append)
    dialogs.opens.append(office_b[0])
    dialogs.texts.append(PASS)
    prompts.answer(True)
    tab.restore_file_action.trigger()
    assert [text.endswith("确定恢复吗？") for text in prompts.texts("confirm")] == [True]
    assert tab.notice.text() == f"恢复未完成，数据保持原样：{FOREIGN}"
    new_ctx = done[0]
    try:
        assert new_ctx.ws.organization().code == "QS001"
        users.login(new_ctx.ws, "wang", ADMIN_PASSWORD)
        assert usernames(new_ctx.ws) == ["wang"]
        assert not list(new_ctx.ws.data_dir.glob("*.before-restore-*"))
    finally:
        new_ctx.close()


def test_backup_tab_refuses_another_offices_local_backup(qtbot, admin_ctx, office_b, prompts):
    # B's local backup (with its manifest) dropped into A's backups folder shows up in the list.
    for f in (office_b[1], backup.manifest_path_for(office_b[1])):
        shutil.copyfile(f, admin_ctx.ws.backups_dir / f.name)
    tab = BackupTab(admin_ctx)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    done = []
    tab.sig_restore_done.connect(done.append)
    prompts.answer(True)
    tab.restore_local_action.trigger()
    assert len(prompts.texts("confirm")) == 1
    assert tab.notice.text() == f"恢复未完成，数据保持原样：{FOREIGN}"
    new_ctx = done[0]
    try:
        users.login(new_ctx.ws, "wang", ADMIN_PASSWORD)
        assert usernames(new_ctx.ws) == ["wang"]
    finally:
        new_ctx.close()


def confirm_move(tick: bool, seen: dict):
    """The user's hand on the 从备份恢复 dialog: look at it, tick 迁入 (or not), press 恢复 / 取消."""
    def act(dialog: QDialog) -> None:
        box = dialog.findChild(QCheckBox)
        ok = next(b for b in dialog.findChildren(QPushButton) if b.text() == "恢复")
        seen.update(checkbox=box.isVisible(), ok_enabled=ok.isEnabled(), text=box.text())
        if tick:
            box.click()
            seen["ok_after_tick"] = ok.isEnabled()
            ok.click()
        else:
            next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消").click()
    return act


def test_new_pc_takes_its_offices_backup_only_with_the_checkbox(qtbot, blank_ctx, dialogs, office_b):
    wizard = SetupWizard(blank_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # 第一步 as it comes: this PC's database
    assert wizard.org_page.restore_button.isVisible()

    seen: dict = {}
    dialogs.opens.append(office_b[0])
    dialogs.texts.append(PASS)
    answer_modals(confirm_move(False, seen))
    qtbot.mouseClick(wizard.org_page.restore_button, Qt.MouseButton.LeftButton)
    assert seen == {"checkbox": True, "ok_enabled": False,
                    "text": "我确认：这是本单位的数据，要把它迁入这台新电脑（本机尚未设置任何单位）"}
    assert not wizard.restored and wizard.ctx is blank_ctx
    assert blank_ctx.ws.organization() is None  # nothing restored

    seen = {}
    dialogs.opens.append(office_b[0])
    dialogs.texts.append(PASS)
    answer_modals(confirm_move(True, seen))
    qtbot.mouseClick(wizard.org_page.restore_button, Qt.MouseButton.LeftButton)
    assert seen["checkbox"] is True and seen["ok_enabled"] is False and seen["ok_after_tick"] is True
    assert wizard.restored and wizard.result() == QDialog.DialogCode.Accepted
    new_ctx = wizard.ctx
    try:
        assert new_ctx is not blank_ctx and new_ctx.ws.current_user is None
        assert new_ctx.ws.organization().code == "LX002"
        users.login(new_ctx.ws, "wang", ADMIN_PASSWORD)
        assert usernames(new_ctx.ws) == ["liu", "wang"]
    finally:
        new_ctx.close()


def test_restore_without_the_flag_is_refused_by_the_service(blank_ctx, office_b):
    """What the unticked checkbox stands for: the service itself refuses, whatever the GUI does."""
    data_dir = blank_ctx.ws.data_dir
    blank_ctx.close()
    with pytest.raises(backup.BackupError) as exc:
        maintenance.restore_backup(data_dir, office_b[0], PASS)
    assert exc.value.message.startswith("本数据目录尚未初始化，而这份备份属于柳溪镇纪委（单位代码 LX002）。")


def test_second_start_says_who_holds_the_data_dir_and_exits(qapp, tmp_path):
    data_dir = tmp_path / "held"
    child = start_holder(data_dir)
    try:
        holder = read_holder(data_dir)
        seen = answer_modals(lambda box: box.accept())
        assert run_gui(["--data-dir", str(data_dir)]) == 1
        assert seen == [locked_message(data_dir.resolve(), holder)]
        assert "纪检桌面（桌面程序）（进程号 " + str(child.pid) in seen[0]
    finally:
        child.stdin.close()
        child.wait(timeout=30)


def test_the_app_holds_the_data_dir_until_it_exits(qapp, tmp_path):
    data_dir = tmp_path / "app"
    found = {}

    def while_the_wizard_is_open(wizard) -> None:
        found["holds"] = instance_lock.holds(data_dir)
        found["holder"] = read_holder(data_dir)
        r = run_process("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001",
                "--county-name", "云岭县纪委", env={"JIJIAN_PASSWORD": "secret-123"}, data_dir=data_dir)
        found["cli"] = (r.returncode, r.stderr)
        wizard.reject()

    answer_modals(while_the_wizard_is_open)
    assert run_gui(["--data-dir", str(data_dir)]) == 0  # the wizard was cancelled
    assert found["holds"] is True and found["holder"].program == APP_PROGRAM
    assert found["cli"] == (1, f"错误：{locked_message(data_dir.resolve(), found['holder'])}\n")
    assert not instance_lock.holds(data_dir)
    r = run("--user", "wang", "init", "--org-name", "青山镇纪委", "--org-code", "QS001",
            "--county-name", "云岭县纪委", env={"JIJIAN_PASSWORD": "secret-123"}, data_dir=data_dir)
    assert r.returncode == 0, r.stderr


def test_after_a_wizard_restore_the_app_asks_for_the_sign_in(qtbot, blank_ctx, dialogs, office_b):
    from PySide6.QtCore import QTimer

    from gui.app import ShellController
    from gui.login_dialog import LoginDialog

    dialogs.texts.append(PASS)
    kinds: list[str] = []
    seen: dict = {}

    def in_the_wizard(wizard) -> None:
        kinds.append(type(wizard).__name__)
        QTimer.singleShot(0, lambda: wizard.restore_from_backup(office_b[0]))

    def at_the_login(dialog) -> None:
        kinds.append(type(dialog).__name__)
        dialog.reject()

    answer_modals(in_the_wizard, confirm_move(True, seen), at_the_login)
    controller = ShellController(blank_ctx)
    try:
        assert controller.start() is False  # the sign-in was cancelled: no main window, nobody signed in
        assert kinds == ["SetupWizard", LoginDialog.__name__]
        assert controller.ctx is not blank_ctx and controller.window is None
        assert controller.ctx.ws.organization().code == "LX002" and controller.ctx.ws.current_user is None
    finally:
        if controller.ctx is not blank_ctx:
            controller.ctx.close()
