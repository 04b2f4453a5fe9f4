"""Background work for the GUI: one single worker for the database, a pool for exports and rendering.

SQLite has one writer, so every database call from the GUI goes through ``AppContext.db`` (one
thread). Exports, PDF rendering and verification go through ``AppContext.pool``. Results and errors
come back to the GUI thread by a queued Qt signal. ``synchronous=True`` (tests) runs everything inline.
"""
from __future__ import annotations

import sys
import threading
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

PROGRESS_DELAY_MS = 500


class Cancelled(Exception):
    """Raised by work that noticed its cancel flag; ``run_with_progress`` re-raises it."""


class CancelToken:
    """The cancel flag handed to long work; the work checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Stop here (raise ``Cancelled``) when the user asked to cancel."""
        if self._event.is_set():
            raise Cancelled()


class _Bridge(QObject):
    """Lives in the GUI thread; a callable emitted from any thread runs there (queued)."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class Executor(QObject):
    """Runs callables on worker threads (or inline); callbacks run on the GUI thread.

    ``failed`` is emitted for an error that had no ``on_error`` callback, so the main window can
    show it instead of losing it. ``error_seen`` is emitted (on the GUI thread) for every error of
    work run here or through ``run_with_progress``, handled or not, before the caller sees it: the
    main window watches it for an account disabled meanwhile.
    """

    failed = Signal(object)
    error_seen = Signal(object)

    def __init__(self, workers: int, name: str, *, synchronous: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.synchronous = synchronous
        self.name = name
        self._bridge = _Bridge()
        self._pool = None if synchronous else ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)

    def submit(self, fn: Callable[..., Any], *args, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None, **kwargs) -> Future:
        """Run ``fn(*args, **kwargs)``; then ``on_done(result)`` or ``on_error(exc)`` on the GUI thread."""
        if self._pool is None:
            future: Future = Future()
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's error path
                future.set_exception(exc)
                self._finish_error(exc, on_error)
            else:
                future.set_result(result)
                if on_done:
                    on_done(result)
            return future

        def work():
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001
                # bind now: ``exc`` is unset once the except block ends, before the GUI thread runs this
                self._bridge.deliver.emit(lambda error=exc: self._finish_error(error, on_error))
                raise
            if on_done:
                self._bridge.deliver.emit(lambda: on_done(result))
            return result

        return self._pool.submit(work)

    def _finish_error(self, exc: BaseException, on_error) -> None:
        self.error_seen.emit(exc)
        if on_error:
            on_error(exc)
        else:
            if not isinstance(exc, Cancelled):
                traceback.print_exception(exc, file=sys.stderr)
            self.failed.emit(exc)

    def shutdown(self, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)


def db_executor(*, synchronous: bool = False) -> Executor:
    """THE single worker for all database work."""
    return Executor(1, "jijian-db", synchronous=synchronous)


def export_pool(*, synchronous: bool = False) -> Executor:
    """Workers for exports, rendering and verification (not for database writes)."""
    return Executor(2, "jijian-export", synchronous=synchronous)


class _InputBlocker(QObject):
    """Swallows keyboard and mouse input while work runs, except inside the progress dialog."""

    BLOCKED = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
               QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.Shortcut}

    def __init__(self) -> None:
        super().__init__()
        self.allowed: QWidget | None = None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() not in self.BLOCKED:
            return False
        if self.allowed is not None and isinstance(obj, QWidget) and self.allowed.isAncestorOf(obj) \
                or obj is self.allowed:
            return False
        return isinstance(obj, QWidget) or event.type() == QEvent.Type.Shortcut


def run_with_progress(parent: QWidget | None, fn: Callable[[CancelToken], Any], title: str, *,
                      executor: Executor | None = None, cancellable: bool = True,
                      delay_ms: int = PROGRESS_DELAY_MS) -> Any:
    """Run ``fn(token)`` off the GUI thread and wait for it with the event loop running.

    A progress dialog appears only when the work takes longer than ``delay_ms``; its 取消 button
    sets the token (the work raises ``Cancelled`` when it sees it). Returns the result or raises
    the work's exception here, on the GUI thread. Database work must pass ``executor=ctx.db``;
    without an executor the work runs on a private thread (exports, rendering). With a
    synchronous executor it runs inline.
    """
    token = CancelToken()
    if executor is not None and executor.synchronous:
        try:
            return fn(token)
        except BaseException as exc:
            executor.error_seen.emit(exc)
            raise

    done = threading.Event()
    box: dict[str, Any] = {}
    loop = QEventLoop()
    notify = _Bridge()

    def finished() -> None:
        loop.quit()

    def work() -> None:
        try:
            box["result"] = fn(token)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
            box["error"] = exc
        finally:
            done.set()
            notify.deliver.emit(finished)

    if executor is None:
        threading.Thread(target=work, name="jijian-task", daemon=True).start()
    else:
        executor.submit(work)

    blocker = _InputBlocker()
    app = QCoreApplication.instance()
    app.installEventFilter(blocker)
    dialog: QProgressDialog | None = None

    def show_dialog() -> None:
        nonlocal dialog
        if done.is_set():
            return
        dialog = QProgressDialog(title, QCoreApplication.translate("run_with_progress", "取消") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(QCoreApplication.translate("run_with_progress", "请稍候"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)

        def cancel() -> None:
            token.cancel()
            dialog.setLabelText(QCoreApplication.translate("run_with_progress", "正在取消……"))
            dialog.show()

        dialog.canceled.connect(cancel)
        blocker.allowed = dialog
        dialog.show()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(show_dialog)
    timer.start(delay_ms)
    try:
        if not done.is_set():
            loop.exec()
    finally:
        timer.stop()
        app.removeEventFilter(blocker)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
    if "error" in box:
        if executor is not None:
            executor.error_seen.emit(box["error"])
        raise box["error"]
    return box.get("result")


def process_events() -> None:
    """Let queued results reach the GUI thread (for code that polls, e.g. scripts)."""
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
