"""The user at the USB stick, for the 证书/报送/备份 tests: the passphrases typed into QInputDialog and the
files picked in the prompt seam's file dialogs (a save goes to the stick under the name the app proposes).
Message boxes stay with the ``prompts`` fixture; install this after it (the ``dialogs`` fixture does)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog

from gui.interaction import Interaction


class FakeDialogs:
    """Queues of what the user types (``texts``) and opens (``opens``, ``dirs``); ``saved`` and ``prompts``
    (the passphrase prompts' labels) record what was asked."""

    def __init__(self, monkeypatch, save_dir: Path):
        self.texts: list[str] = []
        self.opens: list[Path] = []
        self.dirs: list[Path] = []
        self.save_dir = save_dir
        self.prompts: list[str] = []
        self.saved: list[Path] = []

        def get_text(parent, title, label, *args, **kwargs):
            self.prompts.append(label)
            if not self.texts:
                return "", False
            return self.texts.pop(0), True

        def open_path(parent, caption, start, file_filter):
            return str(self.opens.pop(0)) if self.opens else None

        def folder(parent, caption, start):
            return str(self.dirs.pop(0)) if self.dirs else None

        def save_path(parent, caption, start, file_filter):
            target = self.save_dir / Path(start).name
            self.saved.append(target)
            return str(target)

        monkeypatch.setattr(QInputDialog, "getText", get_text)
        monkeypatch.setattr(Interaction, "open_path", staticmethod(open_path))
        monkeypatch.setattr(Interaction, "folder", staticmethod(folder))
        monkeypatch.setattr(Interaction, "save_path", staticmethod(save_path))
