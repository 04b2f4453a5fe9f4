"""Answering real modal windows a test cannot route through the prompt seam (the start-up checks before
the app's context exists, the setup wizard, the login): each action runs on the next modal as it shows."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import current_test_generation


def answer_modals(*actions, attempts: int = 250) -> list[str]:
    """Run each action on the next modal dialog as soon as it shows (a user's click); returns their texts."""
    queue = list(actions)
    seen: list[str] = []
    state = {"left": attempts}
    generation = current_test_generation()

    def poll() -> None:
        if not queue or current_test_generation() != generation:
            return
        w = QApplication.activeModalWidget()
        # marked on the dialog itself: a later dialog may reuse a deleted one's Python wrapper
        if w is not None and w.isVisible() and not w.property("answered_by_test"):
            w.setProperty("answered_by_test", True)
            seen.append(w.text() if isinstance(w, QMessageBox) else w.windowTitle())
            queue.pop(0)(w)
        state["left"] -= 1
        if queue and state["left"] > 0:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def press(text: str):
    """An action for :func:`answer_modals`: click the message box's button labelled ``text``."""
    def act(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == text).click()
    return act
