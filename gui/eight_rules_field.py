"""违反中央八项规定精神 as one form field: the flag and its sub-type (the lead and case forms)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from models.enums import EightRulesType

from .form_widgets import EnumCombo


class EightRulesField(QWidget):
    """``flag`` (QCheckBox) and ``sub_type`` (EnumCombo, enabled with the flag); ``sig_edited`` when the
    user changes either."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.flag = QCheckBox(self.tr("违反中央八项规定精神"), self)
        self.sub_type = EnumCombo(EightRulesType, allow_empty=True, empty_text=self.tr("（请选择问题类型）"), parent=self)
        self.sub_type.setEnabled(False)
        self._editable = True
        self.flag.toggled.connect(lambda on: self.sub_type.setEnabled(on and self._editable))
        self.flag.toggled.connect(lambda *_: self.sig_edited.emit())
        self.sub_type.activated.connect(lambda *_: self.sig_edited.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.flag)
        row.addWidget(self.sub_type, 1)

    def set_value(self, flag: bool, sub_type: str | None) -> None:
        blocked = self.flag.blockSignals(True), self.sub_type.blockSignals(True)
        self.flag.setChecked(bool(flag))
        self.sub_type.set_value(sub_type if flag else None)
        self.sub_type.setEnabled(bool(flag) and self._editable)
        self.flag.blockSignals(blocked[0])
        self.sub_type.blockSignals(blocked[1])

    def value(self) -> tuple[bool, str | None]:
        """(flag, sub-type); no sub-type without the flag."""
        flag = self.flag.isChecked()
        return flag, self.sub_type.value() if flag else None

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.flag.setEnabled(editable)
        self.sub_type.setEnabled(editable and self.flag.isChecked())
