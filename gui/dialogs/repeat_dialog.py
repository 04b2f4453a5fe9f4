"""重复件提示: earlier complaints about the same person; link this one as a repeat, or register it as new."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..widgets import primary


class RepeatDialog(QDialog):
    """Shows RepeatCandidate rows (number, date, subject, excerpt).

    ``exec()`` returns ``LINK`` (``chosen_id`` = the original chosen), ``NOT_REPEAT`` or ``QDialog.Rejected``.
    """

    LINK = 10
    NOT_REPEAT = 11

    def __init__(self, candidates: Sequence, parent: QWidget | None = None, settings=None):
        super().__init__(parent)
        self.candidates = list(candidates)
        self.chosen_id: int | None = None
        self.setWindowTitle(self.tr("可能是重复件"))
        intro = QLabel(self.tr("近两年内已登记过反映同一被反映人（姓名和单位相同），或同一反映人（电话或身份证号相同）的信访件。"
                               "如本件反映的是同一问题，请选中原件后点击“选择关联为重复件”；"
                               "反映的是新问题，请点击“不是重复件”。"), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.candidates), 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("收件日期"), self.tr("被反映人"),
                                              self.tr("相同之处"), self.tr("反映的主要问题")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, c in enumerate(self.candidates):
            values = [c.number, c.received_date.isoformat(), c.subject, c.match, c.problem_excerpt]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                if col == 4:
                    item.setToolTip(text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        if self.candidates:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda *_: self._link())

        self.link_button = primary(QPushButton(self.tr("选择关联为重复件"), self))
        self.new_button = QPushButton(self.tr("不是重复件"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.link_button.clicked.connect(self._link)
        self.new_button.clicked.connect(lambda: self.done(self.NOT_REPEAT))
        self.cancel_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.link_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.resize(760, 320)
        if settings is not None:
            from ..geometry import remember_geometry
            remember_geometry(self, settings)

    def select_number(self, number: str) -> bool:
        for row, c in enumerate(self.candidates):
            if c.number == number:
                self.table.selectRow(row)
                return True
        return False

    def _link(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen_id = self.candidates[rows[0].row()].id
        self.done(self.LINK)
