"""信访件登记表, 被反映人: the table of persons complained about, one editor widget per cell."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableWidget, QWidget

from models.enums import Rank
from services.casework import intake

from ..form_widgets import EnumCombo, YesNoCombo

SUBJECT_COLUMNS = ("name", "unit", "post", "rank", "is_party_member", "is_supervised_object")


class SubjectsTable(QTableWidget):
    """被反映人: one row per person; every cell is an editor widget."""

    sig_edited = Signal()
    """Any cell changed, or a row was added or removed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(SUBJECT_COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("单位"), self.tr("职务"), self.tr("职级"),
                                        self.tr("是否中共党员"), self.tr("是否监察对象")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 110), (2, 130), (3, 150), (4, 110), (5, 110)):
            self.setColumnWidth(col, width)
        self.setMinimumHeight(110)
        self.setMaximumHeight(190)

    def add_subject(self, values: dict | None = None) -> int:
        values = values or {}
        row = self.rowCount()
        self.insertRow(row)
        for col, key in enumerate(SUBJECT_COLUMNS[:3]):
            edit = QLineEdit(values.get(key) or "")
            edit.setFrame(False)
            edit.textEdited.connect(lambda *_: self.sig_edited.emit())
            self.setCellWidget(row, col, edit)
        rank = EnumCombo(Rank, allow_empty=True)
        rank.set_value(values.get("rank"))
        rank.currentIndexChanged.connect(lambda *_: self.sig_edited.emit())
        self.setCellWidget(row, 3, rank)
        for col, key in ((4, "is_party_member"), (5, "is_supervised_object")):
            combo = YesNoCombo()
            combo.set_value(values.get(key))
            combo.currentIndexChanged.connect(lambda *_: self.sig_edited.emit())
            self.setCellWidget(row, col, combo)
        self.setRowHeight(row, 30)
        self.sig_edited.emit()
        return row

    def remove_current(self) -> None:
        row = self.currentRow()
        if row < 0:
            row = self.rowCount() - 1
        if row >= 0:
            self.removeRow(row)
            self.sig_edited.emit()

    def editor(self, row: int, key: str) -> QWidget:
        return self.cellWidget(row, SUBJECT_COLUMNS.index(key))

    def subjects(self) -> list[intake.SubjectInput]:
        out = []
        for row in range(self.rowCount()):
            texts = [self.cellWidget(row, c).text().strip() for c in range(3)]
            rank = self.cellWidget(row, 3).value()
            party, supervised = self.cellWidget(row, 4).value(), self.cellWidget(row, 5).value()
            if not any(texts) and rank is None and party is None and supervised is None:
                continue  # an untouched empty row is not a person
            out.append(intake.SubjectInput(name=texts[0], unit=texts[1], post=texts[2], rank=rank,
                                           is_party_member=party, is_supervised_object=supervised))
        return out

    def set_read_only(self, read_only: bool) -> None:
        for row in range(self.rowCount()):
            for col in range(self.columnCount()):
                widget = self.cellWidget(row, col)
                if isinstance(widget, QLineEdit):
                    widget.setReadOnly(read_only)
                else:
                    widget.setEnabled(not read_only)
