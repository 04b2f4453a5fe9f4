"""Remember each window's and dialog's size and position, per class name, in QSettings.

``remember_geometry(widget, settings)`` restores right away (call it at the end of ``__init__``) and
saves whenever the widget is hidden or closed, which covers accept, reject and the close box.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QMainWindow, QWidget


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


class GeometryKeeper(QObject):
    """Event filter owned by the widget: saves on Hide/Close."""

    def __init__(self, widget: QWidget, settings: QSettings, key: str | None = None):
        super().__init__(widget)
        self._widget, self._settings, self._key = widget, settings, key
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self._widget and event.type() in (QEvent.Type.Hide, QEvent.Type.Close) \
                and not self._widget.isMinimized():
            save_geometry(self._widget, self._settings, self._key)
        return False


def remember_geometry(widget: QWidget, settings: QSettings, key: str | None = None) -> bool:
    """Restore the saved geometry now and save it whenever the widget goes away."""
    restored = restore_geometry(widget, settings, key)
    GeometryKeeper(widget, settings, key)
    return restored
