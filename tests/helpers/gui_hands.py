"""A user's hand on the widgets, for the GUI tests: show a window, click, pick from a drop-down, sort by a
header, Ctrl+S, close a form with unsaved edits."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton

from tests.gui.conftest import when_modal

UNSAVED_QUESTION = "本表有尚未保存的修改。要保存吗？"


def show(qtbot, widget, size=None):
    """Show ``widget`` (at ``size``) and wait until it is on screen and the active window (keys go to it)."""
    if size:
        widget.resize(*size)
    with qtbot.waitExposed(widget):     # pytest-qt: the wait happens when the block ends
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def click(qtbot, button) -> None:
    """A mouse click on a button the user can see and press."""
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_button(dialog, text: str) -> None:
    """Click the visible button labelled ``text`` in ``dialog``."""
    for button in dialog.findChildren(QAbstractButton):
        if button.text() == text and button.isVisible():
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {dialog.windowTitle()!r}")


def choose(combo, code) -> None:
    """Pick the item whose data is ``code``, as a user's pick (``activated`` is emitted)."""
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def click_header(qtbot, view, column: int) -> None:
    """A real click on a header section (Qt toggles the sort indicator, the page re-queries)."""
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def ctrl_s(qtbot, widget) -> None:
    activate(qtbot, widget.window())
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def discard(qtbot, form, prompts=None) -> None:
    """Close a form with unsaved edits, answering 放弃 to the question it asks (through ``prompts``, the
    fixture, when the test has it)."""
    if prompts is None:
        when_modal(lambda box: click_button(box, "放弃"))
        form.close()
        qtbot.waitUntil(lambda: not form.isVisible(), timeout=3000)
        return
    asked = len(prompts.texts("choose"))
    prompts.answer("放弃")
    form.close()
    assert prompts.texts("choose")[asked:] == [UNSAVED_QUESTION]
    assert not form.isVisible()
