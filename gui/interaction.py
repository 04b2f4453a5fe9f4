"""Every message box and file dialog the GUI puts to the user, behind one seam (git-cola's Interaction).

GUI code asks ``Interaction.confirm(...)``, ``Interaction.save_path(...)`` and so on, never
``QMessageBox``/``QFileDialog`` directly. Tests install a :class:`ScriptedInteraction` (the
``prompts`` fixture) that records what would have been shown and answers from a script, instead of
polling for modal windows with timers. Dialogs of our own (forms, wizards) are not prompts.
"""
from __future__ import annotations

import traceback
from collections import deque
from dataclasses import dataclass, field
from typing import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from services.errors import DomainError

from .file_places import anchored


def _tr(text: str) -> str:
    return QCoreApplication.translate("widgets", text)


def error_text(error: BaseException) -> str:
    """What the user reads for an error: a DomainError's Chinese message, else the generic sentence."""
    if isinstance(error, DomainError):
        return error.message
    return _tr("发生了意外错误，操作没有完成。请将详细信息告知系统管理员。")


class Interaction:
    """The real prompts: modal Qt message boxes and native file dialogs."""

    @staticmethod
    def error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
        """A DomainError's Chinese message as a warning; anything else as an unexpected error with details."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title or _tr("操作未完成"))
        box.setText(error_text(error))
        if not isinstance(error, DomainError):
            box.setIcon(QMessageBox.Icon.Critical)
            box.setDetailedText("".join(traceback.format_exception(error)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(_tr("确定"))
        box.exec()

    @staticmethod
    def info(parent: QWidget | None, message: str, title: str | None = None, details: str | None = None) -> None:
        """A notice; ``details`` (a full hash, a path) behind the box's 详细信息 button."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title or _tr("提示"))
        box.setText(message)
        if details:
            box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(_tr("确定"))
        box.exec()

    @staticmethod
    def confirm(parent: QWidget | None, message: str, title: str | None = None) -> bool:
        return Interaction.choose(parent, message, [_tr("确定"), _tr("取消")], title=title or _tr("请确认")) == 0

    @staticmethod
    def choose(parent: QWidget | None, message: str, buttons: Sequence[str], *, title: str | None = None,
               detail: str | None = None) -> int | None:
        """Ask with the given buttons (the first is the default, the last is 取消); the index, or None."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title or _tr("请确认"))
        box.setText(message)
        if detail:
            box.setInformativeText(detail)
        made = []
        for i, text in enumerate(buttons):
            role = QMessageBox.ButtonRole.AcceptRole if i == 0 else (
                QMessageBox.ButtonRole.RejectRole if i == len(buttons) - 1 else QMessageBox.ButtonRole.DestructiveRole)
            made.append(box.addButton(text, role))
        if made:
            box.setDefaultButton(made[0])
        box.exec()
        clicked = box.clickedButton()
        return made.index(clicked) if clicked in made else None

    @staticmethod
    def open_path(parent: QWidget | None, caption: str, start: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, caption, anchored(start), file_filter)
        return path or None

    @staticmethod
    def open_paths(parent: QWidget | None, caption: str, start: str, file_filter: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, caption, anchored(start), file_filter)
        return list(paths)

    @staticmethod
    def save_path(parent: QWidget | None, caption: str, start: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, caption, anchored(start), file_filter)
        return path or None

    @staticmethod
    def folder(parent: QWidget | None, caption: str, start: str) -> str | None:
        return QFileDialog.getExistingDirectory(parent, caption, anchored(start)) or None


@dataclass
class Shown:
    """One prompt a scripted run would have shown."""

    kind: str            # error, info, confirm, choose, open, save, folder
    text: str
    title: str | None = None
    details: str | None = None
    start: str | None = None  # where a file dialog would have opened
    buttons: tuple[str, ...] = ()  # the buttons of a choose


@dataclass
class ScriptedInteraction:
    """The test double: records prompts, answers from queues; an unscripted question fails loudly."""

    answers: deque = field(default_factory=deque)   # confirm → bool, choose → index or button text, paths → str
    shown: list[Shown] = field(default_factory=list)

    def answer(self, *values) -> "ScriptedInteraction":
        self.answers.extend(values)
        return self

    def texts(self, kind: str | None = None) -> list[str]:
        return [s.text for s in self.shown if kind is None or s.kind == kind]

    def _next(self, kind: str, text: str):
        if not self.answers:
            raise AssertionError(f"unscripted {kind} prompt: {text}")
        return self.answers.popleft()

    # the same signatures as Interaction
    def error(self, parent, error, title=None) -> None:
        self.shown.append(Shown("error", error_text(error), title))

    def info(self, parent, message, title=None, details=None) -> None:
        self.shown.append(Shown("info", message, title, details))

    def confirm(self, parent, message, title=None) -> bool:
        self.shown.append(Shown("confirm", message, title))
        return bool(self._next("confirm", message))

    def choose(self, parent, message, buttons, *, title=None, detail=None) -> int | None:
        self.shown.append(Shown("choose", message, title, buttons=tuple(buttons)))
        got = self._next("choose", message)
        if isinstance(got, str):
            return list(buttons).index(got)
        return got

    def open_path(self, parent, caption, start, file_filter) -> str | None:
        self.shown.append(Shown("open", caption, start=anchored(start)))
        return self._next("open", caption)

    def open_paths(self, parent, caption, start, file_filter) -> list[str]:
        self.shown.append(Shown("open", caption, start=anchored(start)))
        got = self._next("open", caption)
        return list(got) if isinstance(got, (list, tuple)) else [got]

    def save_path(self, parent, caption, start, file_filter) -> str | None:
        self.shown.append(Shown("save", caption, start=anchored(start)))
        return self._next("save", caption)

    def folder(self, parent, caption, start) -> str | None:
        self.shown.append(Shown("folder", caption, start=anchored(start)))
        return self._next("folder", caption)


PROMPT_METHODS = ("error", "info", "confirm", "choose", "open_path", "open_paths", "save_path", "folder")
