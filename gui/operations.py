"""Calling the domain from the GUI without blocking it (Anki's CollectionOp / QueryOp).

    DbOp(self, lambda: intake.register_complaint(ws, data)).success(self._saved).run()
    QueryOp(self, lambda: listing.query_ids(ws, q)).success(self.model.set_ids).run()
    QueryOp(self, lambda: render_pdf(snapshot), pool=True).progress(self.tr("正在生成PDF……")).run()

``fn`` runs on the single database worker (``pool=True``: on the export pool, for rendering,
signing and verification of a snapshot already read). ``success(result)`` and ``failure(exc)``
run on the GUI thread. Without a ``failure`` callback the error is shown through the prompt seam
(the DomainError's Chinese message), so call sites carry no try/except of their own. While the op
runs, keyboard and mouse input to the parent's window is ignored (no double save) but the GUI
thread keeps painting; a progress dialog appears only when the work outlasts ``PROGRESS_DELAY_MS``.
A ``DbOp`` that succeeded emits ``ctx.sig_data_changed`` so that pages showing data can refresh.

With a synchronous context (tests) everything runs inline, callbacks included, in call order.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from .executor import PROGRESS_DELAY_MS, CancelToken, Cancelled
from .interaction import Interaction


def _tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


def context_of(widget: QObject | None):
    """The AppContext a widget (or one of its parents) holds as ``ctx``."""
    node = widget
    while node is not None:
        ctx = getattr(node, "ctx", None)
        if ctx is not None and hasattr(ctx, "db"):
            return ctx
        node = node.parent()
    raise LookupError(f"no AppContext above {widget!r}")


class _WindowInputBlocker(QObject):
    """Ignores keyboard and mouse input to one window while its op runs (the progress dialog excepted)."""

    BLOCKED = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
               QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.Shortcut}

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.allowed: QWidget | None = None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() not in self.BLOCKED or not isinstance(obj, QWidget):
            return False
        if self.allowed is not None and (obj is self.allowed or self.allowed.isAncestorOf(obj)):
            return False
        return obj is self.window or self.window.isAncestorOf(obj)


class _Op:
    """One call of the domain: build, chain ``success``/``failure``/``progress``, then ``run()``."""

    writes = False

    def __init__(self, parent: QWidget | None, fn: Callable[..., Any], *, pool: bool = False, ctx=None) -> None:
        self.parent = parent
        self.fn = fn
        self.pool = pool
        self.ctx = ctx if ctx is not None else context_of(parent)
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._cancellable = False
        self._error_title: str | None = None

    def success(self, cb: Callable[[Any], None]) -> "_Op":
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> "_Op":
        """Handle the error here instead of the default message box."""
        self._failure = cb
        return self

    def error_title(self, title: str) -> "_Op":
        """The title of the default error box."""
        self._error_title = title
        return self

    def progress(self, label: str, *, cancellable: bool = False) -> "_Op":
        """Show ``label`` when the work outlasts the delay; ``cancellable``: ``fn`` receives a CancelToken."""
        self._label = label
        self._cancellable = cancellable
        return self

    # ------------------------------------------------------------------ running
    def _call(self, token: CancelToken):
        if self._cancellable:
            return self.fn(token)
        return self.fn()

    def run(self) -> None:
        executor = self.ctx.pool if self.pool else self.ctx.db
        token = CancelToken()
        if executor.synchronous:
            try:
                result = self._call(token)
            except BaseException as exc:  # noqa: BLE001 - handed to the failure path
                self._failed(exc)
            else:
                self._succeeded(result)
            return
        guard = _Guard(self.parent, self._label or _tr("正在处理，请稍候……"), token, self._cancellable)
        guard.start()

        def done(result) -> None:
            guard.stop()
            self._succeeded(result)

        def failed(exc: BaseException) -> None:
            guard.stop()
            self._failed(exc)

        executor.submit(self._call, token, on_done=done, on_error=failed)

    def _succeeded(self, result) -> None:
        if self.writes:
            self.ctx.sig_data_changed.emit()
        if self._success is not None:
            self._success(result)

    def _failed(self, exc: BaseException) -> None:
        self.ctx.db.error_seen.emit(exc)
        if isinstance(exc, Cancelled):
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            parent = self.parent if isinstance(self.parent, QWidget) and self.parent.isVisible() else None
            Interaction.error(parent, exc, self._error_title)


class DbOp(_Op):
    """A write: runs on the database worker; on success ``ctx.sig_data_changed`` is emitted."""

    writes = True


class QueryOp(_Op):
    """A read (``pool=True``: work on a snapshot on the export pool); changes nothing."""


class _Guard:
    """The op's hold on its window: input ignored at once, a progress dialog after the delay."""

    def __init__(self, parent: QWidget | None, label: str, token: CancelToken, cancellable: bool) -> None:
        self.window = parent.window() if isinstance(parent, QWidget) else None
        self.label, self.token, self.cancellable = label, token, cancellable
        self.blocker = _WindowInputBlocker(self.window) if self.window is not None else None
        self.dialog: QProgressDialog | None = None
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show)
        self.running = False

    def start(self) -> None:
        self.running = True
        if self.blocker is not None:
            QCoreApplication.instance().installEventFilter(self.blocker)
        self.timer.start(PROGRESS_DELAY_MS)

    def _show(self) -> None:
        if not self.running:
            return
        cancel_text = _tr("取消") if self.cancellable else ""
        self.dialog = QProgressDialog(self.label, cancel_text, 0, 0, self.window)
        self.dialog.setWindowTitle(_tr("请稍候"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not self.cancellable:
            self.dialog.setCancelButton(None)
        else:
            self.dialog.canceled.connect(self._cancel)
        if self.blocker is not None:
            self.blocker.allowed = self.dialog
        self.dialog.show()

    def _cancel(self) -> None:
        self.token.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(_tr("正在取消……"))
            self.dialog.show()

    def stop(self) -> None:
        self.running = False
        self.timer.stop()
        if self.blocker is not None:
            QCoreApplication.instance().removeEventFilter(self.blocker)
            self.blocker.deleteLater()
            self.blocker = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
