"""Remember each window's and dialog's size and position, per class name, in QSettings.

``remember_geometry(widget, settings)`` restores right away (call it at the end of ``__init__``) and
saves whenever the widget is hidden or closed, which covers accept, reject and the close box.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

# Room for what the window manager adds around a window (title bar, borders) on Windows and Linux.
FRAME_ALLOWANCE_W, FRAME_ALLOWANCE_H = 16, 40


def geometry_key(widget: QWidget, key: str | None = None) -> str:
    return f"geometry/{key or type(widget).__name__}"


def save_geometry(widget: QWidget, settings: QSettings, key: str | None = None) -> None:
    base = geometry_key(widget, key)
    settings.setValue(base, widget.saveGeometry())
    if isinstance(widget, QMainWindow):
        settings.setValue(base + "_state", widget.saveState())
    settings.sync()


def restore_geometry(widget: QWidget, settings: QSettings, key: str | None = None) -> bool:
    """True when a saved geometry was applied."""
    base = geometry_key(widget, key)
    value = settings.value(base)
    if not isinstance(value, (QByteArray, bytes)) or not value:
        return False
    ok = widget.restoreGeometry(QByteArray(value))
    state = settings.value(base + "_state")
    if isinstance(widget, QMainWindow) and isinstance(state, (QByteArray, bytes)) and state:
        widget.restoreState(QByteArray(state))
    return bool(ok)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a window that would not fit on its screen (a 1366×768 laptop), keeping its minimum size.

    Call after the default ``resize``: a dialog designed 820 px tall must not put its buttons below
    the taskbar. The position is left alone, so Qt still centres a dialog over its parent.
    """
    parent = widget.parentWidget()
    # a window not yet created has no screen of its own: asking it (QWidget.screen) can touch a screen
    # a destroyed window left behind, so take the parent's, its own once created, else the primary one
    own = widget.screen() if widget.windowHandle() is not None else None
    screen = (parent.screen() if parent is not None else None) or own or QGuiApplication.primaryScreen()
    if screen is None:
        return
    avail = screen.availableGeometry()
    frame_w, frame_h = _frame_extra(widget)
    min_size = widget.minimumSize()
    width = max(min(widget.width(), avail.width() - frame_w), min_size.width())
    height = max(min(widget.height(), avail.height() - frame_h), min_size.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    if widget.isWindow() and (widget.isVisible() or widget.testAttribute(Qt.WidgetAttribute.WA_Moved)):
        # a restored or shown window lies inside the available area (never below the taskbar)
        frame = widget.frameGeometry()
        x = min(max(frame.x(), avail.left()), max(avail.left(), avail.right() + 1 - (width + frame_w)))
        y = min(max(frame.y(), avail.top()), max(avail.top(), avail.bottom() + 1 - (height + frame_h)))
        if (x, y) != (frame.x(), frame.y()):
            widget.move(x, y)


def _frame_extra(widget: QWidget) -> tuple[int, int]:
    """What the window manager adds around ``widget`` (known once shown; the allowance before)."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    if widget.isVisible() and (extra_w or extra_h):
        return extra_w, extra_h
    return FRAME_ALLOWANCE_W, FRAME_ALLOWANCE_H


class ScreenFit(QObject):
    """Keeps a top-level window within its screen's available area: on show and whenever it is resized
    (a page switch whose page wants more room must not push the window past the screen). A move by the
    user is left alone."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self._widget = widget
        self._fitting = False
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        widget = getattr(self, "_widget", None)
        if widget is not None and obj is widget and not getattr(self, "_fitting", True) and event.type() in (
                QEvent.Type.Show, QEvent.Type.Resize) and not widget.isMaximized() \
                and not widget.isMinimized() and not widget.isFullScreen():
            self._fitting = True
            try:
                fit_to_screen(widget)
            finally:
                self._fitting = False
        return False


class GeometryKeeper(QObject):
    """Event filter owned by the widget: saves on Hide/Close."""

    def __init__(self, widget: QWidget, settings: QSettings, key: str | None = None):
        super().__init__(widget)
        self._widget, self._settings, self._key = widget, settings, key
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        # While Python's cyclic collector frees a dialog, this keeper's attributes are already gone but
        # Qt still routes the dying widget's events here: ignore them rather than leave an error pending.
        widget = getattr(self, "_widget", None)
        if widget is not None and obj is widget and event.type() in (QEvent.Type.Hide, QEvent.Type.Close) \
                and not widget.isMinimized():
            save_geometry(widget, self._settings, self._key)
        return False


def remember_geometry(widget: QWidget, settings: QSettings, key: str | None = None) -> bool:
    """Restore the saved geometry now (fitted to the screen) and save it whenever the widget goes away."""
    restored = restore_geometry(widget, settings, key)
    fit_to_screen(widget)
    GeometryKeeper(widget, settings, key)
    return restored
