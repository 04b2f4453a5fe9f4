"""DbOp/QueryOp on the real threaded executors: the GUI thread never waits, errors reach the user."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from gui.context import create_app_context
from gui.executor import PROGRESS_DELAY_MS, Cancelled
from gui.operations import DbOp, QueryOp
from services.errors import StateError


@pytest.fixture
def threaded_ctx(tmp_path, qapp):
    ctx = create_app_context(tmp_path / "data", synchronous=False)
    yield ctx
    ctx.close()


class Window(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.clicks = 0
        self.button = QPushButton("保存", self)
        self.button.clicked.connect(self._clicked)
        QVBoxLayout(self).addWidget(self.button)

    def _clicked(self):
        self.clicks += 1


@pytest.fixture
def window(qtbot, threaded_ctx):
    w = Window(threaded_ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_run_returns_before_the_work_ends_and_success_arrives_on_the_gui_thread(qtbot, window):
    release, got = threading.Event(), {}
    gui_thread = threading.current_thread()

    def work():
        release.wait(5)
        got["worker"] = threading.current_thread().name
        return 7

    DbOp(window, work).success(lambda r: got.update(result=r, on_gui=threading.current_thread() is gui_thread)).run()
    assert "result" not in got          # run() did not wait
    release.set()
    qtbot.waitUntil(lambda: "result" in got, timeout=5000)
    assert got == {"worker": got["worker"], "result": 7, "on_gui": True}
    assert got["worker"].startswith("jijian-db")


def test_a_domain_error_is_shown_in_chinese_without_a_try_except(qtbot, window, prompts):
    def work():
        raise StateError("该信访件已办结，不能再修改")

    DbOp(window, work).success(lambda r: pytest.fail("no success on error")).run()
    qtbot.waitUntil(lambda: bool(prompts.shown), timeout=5000)
    assert prompts.texts("error") == ["该信访件已办结，不能再修改"]


def test_a_failure_callback_replaces_the_default_box(qtbot, window, prompts):
    seen = []
    QueryOp(window, lambda: (_ for _ in ()).throw(StateError("无权查看"))).failure(seen.append).run()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert [e.message for e in seen] == ["无权查看"]
    assert prompts.shown == []


def test_clicks_on_the_window_are_ignored_while_the_op_runs(qtbot, window):
    release, done = threading.Event(), []
    DbOp(window, lambda: release.wait(5)).success(done.append).run()
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.button, Qt.Key.Key_Space)
    assert window.clicks == 0           # a double save cannot start
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == 1


def _progress_dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_progress_appears_only_after_the_delay(qtbot, window):
    done = []
    QueryOp(window, lambda: 1).progress("正在生成PDF……").success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    qtbot.wait(PROGRESS_DELAY_MS + 100)
    assert _progress_dialogs() == []     # a quick op shows nothing

    release = threading.Event()
    QueryOp(window, lambda: release.wait(5)).progress("正在生成PDF……").success(done.append).run()
    qtbot.waitUntil(lambda: bool(_progress_dialogs()), timeout=PROGRESS_DELAY_MS * 4)
    assert [d.labelText() for d in _progress_dialogs()] == ["正在生成PDF……"]
    release.set()
    qtbot.waitUntil(lambda: len(done) == 2 and not _progress_dialogs(), timeout=5000)


def test_cancel_stops_the_work_and_shows_nothing(qtbot, window, prompts):
    started, outcome = threading.Event(), []

    def work(token):
        started.set()
        while True:
            token.check()
            threading.Event().wait(0.01)

    QueryOp(window, work, pool=True).progress("正在核验……", cancellable=True).success(outcome.append).run()
    qtbot.waitUntil(lambda: bool(_progress_dialogs()), timeout=PROGRESS_DELAY_MS * 4)
    dialog = _progress_dialogs()[0]
    cancel = dialog.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _progress_dialogs(), timeout=5000)
    assert outcome == [] and prompts.shown == []


def test_pool_work_runs_off_the_database_worker(qtbot, window):
    names = []
    QueryOp(window, lambda: threading.current_thread().name, pool=True).success(names.append).run()
    qtbot.waitUntil(lambda: bool(names), timeout=5000)
    assert names[0].startswith("jijian-export")


def test_only_writes_announce_changed_data(qtbot, window, threaded_ctx):
    changed, done = [], []
    threaded_ctx.sig_data_changed.connect(lambda: changed.append(1))
    QueryOp(window, lambda: 1).success(done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert changed == []
    with qtbot.waitSignal(threaded_ctx.sig_data_changed, timeout=5000):
        DbOp(window, lambda: 2).run()


def test_synchronous_context_runs_inline_in_call_order(ctx, prompts):
    w = Window(ctx)
    order = []
    DbOp(w, lambda: order.append("work") or 3).success(lambda r: order.append(("success", r))).run()
    order.append("after run")
    DbOp(w, lambda: (_ for _ in ()).throw(Cancelled())).run()
    assert order == ["work", ("success", 3), "after run"]
    assert prompts.shown == []
