"""The real (threaded) executors: results and errors come back to the GUI thread."""
import threading

from PySide6.QtWidgets import QApplication

from gui.executor import db_executor
from services.errors import ValidationError


def test_result_and_error_return_on_the_gui_thread(qtbot):
    ex = db_executor(synchronous=False)
    got = {}
    gui_thread = threading.current_thread()

    def done(value):
        got["value"] = (value, threading.current_thread() is gui_thread)

    def failed(exc):
        got["error"] = (exc, threading.current_thread() is gui_thread)

    def work():
        got["worker"] = threading.current_thread() is not gui_thread
        return 42

    def boom():
        raise ValidationError("填写有误")

    ex.submit(work, on_done=done)
    ex.submit(boom, on_error=failed)
    qtbot.waitUntil(lambda: "value" in got and "error" in got, timeout=5000)
    assert got["worker"] is True
    assert got["value"] == (42, True)
    exc, on_gui = got["error"]
    assert isinstance(exc, ValidationError) and exc.message == "填写有误" and on_gui
    ex.shutdown(wait=True)
    assert QApplication.instance() is not None


def test_database_work_is_serialized_on_one_worker(qtbot):
    ex = db_executor(synchronous=False)
    names, lock = set(), threading.Lock()

    def work():
        with lock:
            names.add(threading.current_thread().name)

    futures = [ex.submit(work) for _ in range(20)]
    for f in futures:
        f.result(timeout=5)
    assert len(names) == 1
    ex.shutdown(wait=True)
