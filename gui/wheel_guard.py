"""Scrolling a long form with the mouse wheel must not change the combo box or date under the pointer.

Qt's combo boxes and spin boxes (dates included) take wheel events even without focus, so a clerk
scrolling the registration form could silently switch 问题类别 or a date. The guard, installed once on
the application, hands such a wheel event to the enclosing scroll area instead (the form scrolls); a field
the user has clicked into (focused) still reacts to the wheel as usual.

Qt gives a widget whose focus policy includes ``WheelFocus`` (combo boxes and spin boxes have it) the focus
on a real (spontaneous) wheel event *before* any event filter sees the event, so the guard would find the
field focused and let the wheel change it. The guard therefore also turns ``WheelFocus`` into
``StrongFocus`` on every guarded widget as it is polished: a click or Tab focuses it, the wheel never does.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Application event filter; see the module docstring."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, GUARDED):
            no_wheel_focus(obj)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(obj, GUARDED):
            return False
        widget: QWidget = obj
        if widget.hasFocus():
            return False
        area = _scrollable_ancestor(widget, event.angleDelta().y() or event.angleDelta().x(),
                                    vertical=event.angleDelta().y() != 0)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True


def no_wheel_focus(widget: QWidget) -> None:
    """A wheel over ``widget`` no longer focuses it (see the module docstring)."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scrollable_ancestor(widget: QWidget, delta: int, vertical: bool) -> QAbstractScrollArea | None:
    """The nearest enclosing scroll area that can still move that way (a table in a form may be at its end)."""
    parent = widget.parentWidget()
    while parent is not None and not widget.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            bar = parent.verticalScrollBar() if vertical else parent.horizontalScrollBar()
            if (delta < 0 and bar.value() < bar.maximum()) or (delta > 0 and bar.value() > bar.minimum()):
                return parent
        widget, parent = parent, parent.parentWidget()
    return None


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """Install the guard on ``app`` (once; the guard is owned by the application)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
