"""Remember each window's and dialog's size and position, per class name, in QSettings.

``remember_geometry(widget, settings)`` restores right away (call it at the end of ``__init__``) and
saves whenever the widget is hidden or closed, which covers accept, reject and the close box.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
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
    screen = (parent.screen() if parent is not None else None) or widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    avail = screen.availableGeometry()
    min_size = widget.minimumSize()
    width = max(min(widget.width(), avail.width() - FRAME_ALLOWANCE_W), min_size.width())
    height = max(min(widget.height(), avail.height() - FRAME_ALLOWANCE_H), min_size.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)


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
