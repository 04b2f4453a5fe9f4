"""A dialog that remembers its geometry can be dropped and garbage-collected without an error.

Dialogs in reference cycles (signals connected to their own methods) are freed by Python's cyclic
collector, which empties the geometry keeper's attributes while Qt still sends the dying widget
events through the keeper. That left a pending Python error which broke the next page to load
("工作台页面加载失败" right after signing in).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from gui.geometry import remember_geometry


class _CyclicDialog(QDialog):
    def __init__(self, settings: QSettings):
        super().__init__()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)  # a reference cycle, like the login dialog's
        self.me = self
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("标题"))
        lay.addWidget(self.buttons)
        self.resize(420, 300)
        remember_geometry(self, settings)


def test_collected_dialog_leaves_no_error(qapp, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    for _ in range(3):
        dialog = _CyclicDialog(settings)
        dialog.show()
        dialog.hide()
        del dialog
        gc.collect()
        qapp.processEvents()
        QDate(1900, 1, 1)  # raised the keeper's AttributeError when one was pending
    assert settings.value("geometry/_CyclicDialog") is not None  # saved on hide, as before
