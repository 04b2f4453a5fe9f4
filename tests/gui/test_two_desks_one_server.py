"""Two desks of one office on one PostgreSQL server database (issue 13, "The GUI works against the server").

Each desk is its own AppContext on its own data dir (two PCs), both on the same server database; two
clerks sign in, one on each. Desk A registers through the real complaint form; desk B's 信访登记 shows it
after 刷新; both open it, A saves, B's save is refused naming A and when, and B's form keeps B's text.
The setup wizard chooses the server: 测试连接 with a wrong password, then the right one; the choice is
remembered without the password; a second desk joins the office's database; at start an unreachable
server is said in Chinese and this PC's database can be chosen instead.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWizard
from sqlalchemy import select

from gui.app import configure_application
from gui.context import STATE_FILE, create_app_context
from gui.database_choice import ServerStartDialog, open_start_context, saved_server, state_settings
from gui.dialogs.complaint_form import ComplaintForm
from gui.main_window import MainWindow
from gui.setup_wizard import SetupWizard
from models import Complaint, User
from services.casework import intake
from services.security import setup, users
from services.storage import server_check
from services.storage.record_versions import KEEP
from tests.conftest import ADMIN_PASSWORD, published_up_to_2026
from tests.gui.conftest import type_text, when_modal
from tests.helpers import pg_cluster
from tests.helpers.crypto import CHEAP_CRYPTO

pytestmark = pytest.mark.postgresql_only

CLERK_PASSWORD = "clerk-pass-1"
GOOD_ID = "110101199003071233"


def show(qtbot, widget):
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def pick(combo, code) -> None:
    combo.setCurrentIndex(combo.findData(code))


def fill_new_complaint(form, qtbot) -> None:
    """A clerk's registration: a visit, real name, one 被反映人."""
    pick(form.channel, "visit")
    pick(form.kind, "accusation")
    pick(form.signature, "real_name")
    type_text(qtbot, form.main_problem, "反映其在低保评定中优亲厚友")
    type_text(qtbot, form.c_name, "赵铁柱")
    type_text(qtbot, form.c_phone, "13912345678")
    type_text(qtbot, form.c_id_number, GOOD_ID)
    for code, text in (("name", "李四"), ("unit", "青山村委会"), ("post", "村主任")):
        type_text(qtbot, form.subjects.editor(0, code), text)
    pick(form.subjects.editor(0, "rank"), "village_cadre")
    pick(form.subjects.editor(0, "is_party_member"), True)


@pytest.fixture
def no_password_file(monkeypatch, tmp_path):
    """No PGPASSFILE and no ~/.pgpass: the password must come from the form."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def desk(tmp_path, today, qapp, db_url):
    """``desk(name)``: an AppContext on its own data dir (a PC), on the test's server database."""
    configure_application(qapp)
    made = []

    def make(name: str):
        ctx = create_app_context(tmp_path / name, url=db_url, synchronous=True, today=lambda: today,
                                 crypto=CHEAP_CRYPTO)
        ctx.workspace.calendar_known_years = published_up_to_2026
        made.append(ctx)
        return ctx

    yield make
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, ComplaintForm):
            widget._dirty = False
    for ctx in made:
        ctx.close()


@pytest.fixture
def two_desks(desk):
    a = desk("desk_a")
    ws = a.workspace
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    users.create_user(ws, "li", "李娜", CLERK_PASSWORD, ["clerk"])
    users.create_user(ws, "zhang", "张强", CLERK_PASSWORD, ["clerk"])
    users.login(ws, "li", CLERK_PASSWORD)
    b = desk("desk_b")
    users.login(b.workspace, "zhang", CLERK_PASSWORD)
    return a, b


def test_one_desk_registers_the_other_sees_it_and_a_conflicting_save_is_refused(two_desks, qtbot, prompts):
    a, b = two_desks
    assert a.workspace.data_dir != b.workspace.data_dir
    assert a.workspace.engine.dialect.name == b.workspace.engine.dialect.name == "postgresql"
    win_a, win_b = MainWindow(a), MainWindow(b)
    qtbot.addWidget(win_a)
    qtbot.addWidget(win_b)
    show(qtbot, win_b)
    page_b = win_b.show_page("complaints")
    assert page_b.count_label.text() == "共 0 件"

    # Desk A: 李娜 registers a complaint through the form.
    show(qtbot, win_a)
    page_a = win_a.show_page("complaints")
    form = show(qtbot, page_a.new_complaint())
    assert form.subjects.rowCount() == 1
    fill_new_complaint(form, qtbot)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.view is not None and form.view.number == "XF2026-0001", prompts.texts("error")
    assert page_a.count_label.text() == "共 1 件"
    form.close()

    # Desk B hears nothing from desk A's context: its list shows the complaint after 刷新.
    assert page_b.count_label.text() == "共 0 件"
    qtbot.mouseClick(page_b.refresh_button, Qt.MouseButton.LeftButton)
    assert page_b.count_label.text() == "共 1 件"
    assert page_b.model.row_data(0)["number"] == "XF2026-0001"

    # Both open it; A saves first, then B's save is refused with who and when, B's text kept.
    form_a = show(qtbot, page_a.open_row(0))
    form_b = show(qtbot, page_b.open_row(0))
    type_text(qtbot, form_a.main_problem, "反映其在低保评定中优亲厚友（李娜补充）")
    qtbot.mouseClick(form_a.save_button, Qt.MouseButton.LeftButton)
    assert form_a.status.text() == "修改已保存"
    type_text(qtbot, form_b.main_problem, "反映其在危房改造中虚报冒领（张强补充）")
    qtbot.mouseClick(form_b.save_button, Qt.MouseButton.LeftButton)

    with b.workspace.reading() as s:
        row = s.execute(select(Complaint)).scalar_one()
        row_id, saved_problem, updated_at = row.id, row.main_problem, row.updated_at
        by = s.get(User, row.updated_by_id).display_name
    assert by == "李娜" and saved_problem == "反映其在低保评定中优亲厚友（李娜补充）"
    assert prompts.texts("error") == [
        f"信访件 XF2026-0001 已于 {updated_at.astimezone():%Y-%m-%d %H:%M} 由 李娜 修改，{KEEP}"]
    assert form_b.isVisible() and form_b.is_dirty()
    assert form_b.main_problem.toPlainText() == "反映其在危房改造中虚报冒领（张强补充）"
    assert form_b.status.text() != "修改已保存"
    assert intake.get_complaint(b.workspace, row_id).main_problem == saved_problem


# ---------------------------------------------------------------------------------------------- the wizard
def _empty_database(pg_server, name: str) -> str:
    pg_server.create_database(name)  # no template: no tables, as a server administrator makes it
    return name


def _fill_server(qtbot, choice, pg_server, database: str, password: str) -> None:
    # on the round indicator: a wide radio button takes clicks on its indicator and text only
    qtbot.mouseClick(choice.server, Qt.MouseButton.LeftButton, pos=QPoint(8, choice.server.height() // 2))
    assert choice.server.isChecked() and choice.fields.isEnabled()
    type_text(qtbot, choice.host, str(pg_server.socket_dir))
    type_text(qtbot, choice.port, str(pg_cluster.PORT))
    type_text(qtbot, choice.database, database)
    type_text(qtbot, choice.user, pg_cluster.APP_ROLE)
    type_text(qtbot, choice.password, password)


@pytest.fixture
def wizard_db(pg_server):
    name = _empty_database(pg_server, f"jj_wizard_{id(pg_server) % 100000}")
    yield name
    pg_server.drop_database(name)


def test_the_wizard_sets_up_the_office_on_a_server_then_a_second_desk_joins_it(
        make_ctx, pg_server, wizard_db, qtbot, no_password_file, tmp_path, today):
    blank = make_ctx()
    wizard = SetupWizard(blank)
    qtbot.addWidget(wizard)
    wizard.show()
    choice = wizard.db_page.choice
    assert wizard.currentPage() is wizard.db_page and choice.local.isChecked() and not choice.fields.isEnabled()

    _fill_server(qtbot, choice, pg_server, wizard_db, "wrong-password")
    qtbot.mouseClick(choice.test_button, Qt.MouseButton.LeftButton)
    assert choice.result.text() == "数据库用户 jj_app 的口令不正确（或服务器上没有这个用户）：请检查后重新输入"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.db_page and wizard.ctx is blank  # refused: still this PC's database

    type_text(qtbot, choice.password, pg_server.app_password)
    qtbot.mouseClick(choice.test_button, Qt.MouseButton.LeftButton)
    shown = f"jj_app@{pg_server.socket_dir}:{pg_cluster.PORT}/{wizard_db}"
    assert choice.result.text() == f"连接成功：数据库 {shown} 是空的，下一步将在其中设置本单位信息。"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.org_page
    server_ctx = wizard.ctx
    try:
        assert server_ctx is not blank and server_ctx.workspace.engine.dialect.name == "postgresql"
        assert not wizard.org_page.restore_button.isVisible()
        org, user = wizard.org_page, wizard.user_page
        type_text(qtbot, org.org_name, "青山镇纪委")
        type_text(qtbot, org.org_code, "QS001")
        type_text(qtbot, org.county_name, "云岭县纪委")
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        type_text(qtbot, user.username, "wang")
        type_text(qtbot, user.display_name, "王书记")
        type_text(qtbot, user.password, "secret-pass-1")
        type_text(qtbot, user.password2, "secret-pass-1")
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        assert wizard.result() == QDialog.DialogCode.Accepted and not wizard.joined
        assert pg_server.superuser_sql("SELECT name, code FROM organization", dbname=wizard_db) == \
            [("青山镇纪委", "QS001")]
        remembered = saved_server(server_ctx.settings)
        assert remembered == (f"postgresql+psycopg://jj_app@/{wizard_db}"
                              f"?host={str(pg_server.socket_dir).replace('/', '%2F')}&port={pg_cluster.PORT}")
        server_ctx.settings.sync()
        state_text = (tmp_path / "data" / STATE_FILE).read_text()
        assert pg_server.app_password not in state_text and "wrong-password" not in state_text
    finally:
        server_ctx.close()

    # A second desk: its own data dir, the same server database, which the office already uses.
    other = create_app_context(tmp_path / "desk2", synchronous=True, today=lambda: today, crypto=CHEAP_CRYPTO)
    wizard2 = SetupWizard(other)
    qtbot.addWidget(wizard2)
    wizard2.show()
    choice2 = wizard2.db_page.choice
    _fill_server(qtbot, choice2, pg_server, wizard_db, pg_server.app_password)
    qtbot.mouseClick(choice2.test_button, Qt.MouseButton.LeftButton)
    assert choice2.result.text() == "连接成功：该数据库已由 青山镇纪委（QS001）使用。完成后请用您在本单位的账户登录。"
    qtbot.mouseClick(wizard2.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    try:
        assert wizard2.result() == QDialog.DialogCode.Accepted and wizard2.joined
        assert wizard2.ctx.workspace.organization().code == "QS001"
        assert saved_server(wizard2.ctx.settings) == remembered
    finally:
        wizard2.ctx.close()


def test_a_database_of_another_program_is_refused(make_ctx, pg_server, wizard_db, qtbot, no_password_file):
    pg_server.superuser_sql("CREATE TABLE invoices (id int)", dbname=wizard_db)
    wizard = SetupWizard(make_ctx())
    qtbot.addWidget(wizard)
    wizard.show()
    choice = wizard.db_page.choice
    _fill_server(qtbot, choice, pg_server, wizard_db, pg_server.app_password)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    shown = f"jj_app@{pg_server.socket_dir}:{pg_cluster.PORT}/{wizard_db}"
    assert choice.result.text() == (f"数据库 {shown} 中已有其他程序的数据表（如 invoices），不能用于本系统："
                                    "请使用为本系统新建的空数据库")
    assert wizard.currentPage() is wizard.db_page and wizard.ctx.workspace.engine.dialect.name == "sqlite"


# ---------------------------------------------------------------------------------------------- at start-up
def _make(data_dir, today, made):
    def make(url):
        ctx = create_app_context(data_dir, url=url, synchronous=True, today=lambda: today, crypto=CHEAP_CRYPTO)
        made.append(ctx)
        return ctx
    return make


def test_an_unreachable_saved_server_is_said_and_this_pcs_database_can_be_chosen(
        qapp, tmp_path, today, no_password_file):
    configure_application(qapp)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    gone = "postgresql+psycopg://jj_app@/jijian?host=%2Ftmp%2Fno-such-server&port=5432"
    settings = state_settings(data_dir)
    settings.setValue("database/server_url", gone)
    settings.sync()
    seen: dict = {}

    def at_the_dialog(dialog) -> None:
        assert isinstance(dialog, ServerStartDialog)
        seen["reason"] = dialog.reason.text()
        seen["fields"] = (dialog.form.host.text(), dialog.form.database.text(), dialog.form.user.text())
        dialog.form.password.setText("some-password")
        dialog.connect_button.click()   # the connection test runs on its own thread; the dialog stays
        seen["failed"] = dialog.form.result.text()
        seen["still_open"] = dialog.isVisible()
        dialog.form.local.click()       # choose again: this PC's database
        dialog.connect_button.click()

    when_modal(at_the_dialog)
    made: list = []
    ctx = open_start_context(data_dir, saved_server(state_settings(data_dir)), _make(data_dir, today, made))
    try:
        assert seen == {"reason": "请输入服务器数据库的口令。", "fields": ("/tmp/no-such-server", "jijian", "jj_app"),
                        "failed": "无法连接数据库服务器 /tmp/no-such-server:5432：请检查服务器地址和端口、服务器是否已开机、"
                                  "网络是否连通",
                        "still_open": True}
        assert ctx is made[0] and ctx.workspace.engine.dialect.name == "sqlite"
        assert saved_server(ctx.settings) is None   # the choice is remembered: this PC's database
    finally:
        for c in made:
            c.close()


def test_a_saved_server_opens_with_pgpassfile_without_asking(qapp, tmp_path, today, pg_server, wizard_db,
                                                             monkeypatch):
    configure_application(qapp)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(pg_server.pgpass_line())
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    data_dir = tmp_path / "data"
    made: list = []
    url = pg_server.url(wizard_db, password=False)
    ctx = open_start_context(data_dir, url, _make(data_dir, today, made))
    try:
        assert ctx is made[0] and ctx.workspace.engine.dialect.name == "postgresql"
        assert ctx.workspace.engine.url.password is None   # libpq read the password file
        assert saved_server(ctx.settings) == url
    finally:
        for c in made:
            c.close()


def test_a_new_desk_joins_the_offices_server_and_is_asked_to_sign_in(make_ctx, pg_server, wizard_db, qtbot,
                                                                     no_password_file, tmp_path, today):
    from gui.app import ShellController
    from gui.login_dialog import LoginDialog
    from tests.helpers.gui_modals import answer_modals

    url = pg_server.url(wizard_db)
    office = create_app_context(tmp_path / "first_desk", url=url, synchronous=True, today=lambda: today,
                                crypto=CHEAP_CRYPTO)
    try:
        setup.initialize(office.workspace, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委",
                         mode="township", username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    finally:
        office.close()
    kinds: list[str] = []

    def in_the_wizard(wizard) -> None:
        kinds.append(type(wizard).__name__)
        choice = wizard.db_page.choice
        choice.server.click()
        for edit, text in ((choice.host, str(pg_server.socket_dir)), (choice.port, str(pg_cluster.PORT)),
                           (choice.database, wizard_db), (choice.user, pg_cluster.APP_ROLE),
                           (choice.password, pg_server.app_password)):
            edit.setText(text)
        wizard.button(QWizard.WizardButton.NextButton).click()  # tested on the way: the office's database

    def at_the_login(dialog) -> None:
        kinds.append(type(dialog).__name__)
        dialog.reject()

    answer_modals(in_the_wizard, at_the_login)
    blank = make_ctx()
    controller = ShellController(blank)
    try:
        assert controller.start() is False   # the sign-in was cancelled
        assert kinds == ["SetupWizard", LoginDialog.__name__]
        assert controller.ctx is not blank and controller.ctx.workspace.engine.dialect.name == "postgresql"
        assert controller.ctx.workspace.organization().code == "QS001"
        assert saved_server(controller.ctx.settings) == server_check.compose_url(
            str(pg_server.socket_dir), pg_cluster.PORT, wizard_db, pg_cluster.APP_ROLE)
    finally:
        controller.ctx.close()


def test_on_a_server_the_backup_tab_leaves_restoring_to_the_administrator(two_desks, qtbot, prompts):
    from gui.pages.backup_tab import BackupTab

    a, _b = two_desks
    users.login(a.workspace, "wang", ADMIN_PASSWORD)
    tab = show(qtbot, BackupTab(a))
    assert tab.export_button.isEnabled()    # 备份到U盘 works on a server too (services.storage.server_backup)
    assert not tab.restore_button.isEnabled()
    assert tab.restore_button.toolTip() == ("服务器数据库由服务器管理员恢复：在命令行用 jijian --db-url … restore 备份文件 "
                                            "恢复到一个新建的空数据库")


def test_a_password_in_the_db_url_is_refused_before_anything_connects(qapp, tmp_path, monkeypatch):
    from gui.app import run_gui
    from tests.helpers.gui_modals import answer_modals

    monkeypatch.delenv("JIJIAN_DB_URL", raising=False)
    said = answer_modals(lambda box: box.accept())
    code = run_gui(["--data-dir", str(tmp_path / "data"), "--db-url", "postgresql+psycopg://jj_app:pw123@db1/jijian"])
    assert code == 1
    assert said == ["数据库口令不能写在数据库地址里（命令行和环境变量会被他人看到）：请使用 PGPASSFILE 口令文件，或在提示时输入"]
    state = tmp_path / "data" / STATE_FILE
    assert not state.exists() or "pw123" not in state.read_text()
