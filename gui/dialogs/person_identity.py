"""身份证号与廉政档案 of one person (被调查人 / 被反映人), reached from the person table's context menu.

The number is entered here (checked, encrypted by services.casework.person_identity) and shown only masked;
the table lists the person's leads and cases across the office (the rows sharing the number) with their
measures. The menu entry shows only for a user who may see identities; every opening is audited.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from services.casework import person_identity
from services.security.permissions import allowed

from ..interaction import Interaction, error_text
from ..operations import DbOp, QueryOp, context_of
from ..widgets import form_error_label, primary

__all__ = ["PersonIdentityDialog", "identity_actions", "install_identity_action", "open_identity"]


class PersonIdentityDialog(QDialog):
    """The masked number, a field to enter or clear it, and the 廉政档案 table."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PersonIdentityDialog", "类别"),
        QT_TRANSLATE_NOOP("PersonIdentityDialog", "编号"),
        QT_TRANSLATE_NOOP("PersonIdentityDialog", "立案/收到日期"),
        QT_TRANSLATE_NOOP("PersonIdentityDialog", "结案/办结日期"),
        QT_TRANSLATE_NOOP("PersonIdentityDialog", "单位职务"),
        QT_TRANSLATE_NOOP("PersonIdentityDialog", "处分处理"),
    )

    def __init__(self, ctx, person_id: int, name: str, parent: QWidget | None = None, *, seen: int | None = None,
                 on_version=None):
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        # the person's version the table shows: the number's save hands it back (a newer save from another
        # desk is refused); after this dialog's own save, ``on_version(new)`` keeps the table in step
        self.seen, self.on_version, self._saving = seen, on_version, False
        self.setWindowTitle(self.tr("身份证号与廉政档案 — {name}").format(name=name))
        self.number_label = QLabel()
        self.number = QLineEdit()
        self.number.setMaxLength(18)
        self.number.setPlaceholderText(self.tr("18位身份证号；留空保存即删除已录入的号码"))
        self.save_button = primary(QPushButton(self.tr("保存身份证号")))
        self.save_button.clicked.connect(self.save_number)
        self.error = form_error_label()
        self.message = QLabel()
        self.message.setObjectName("Hint")
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("身份证号")))
        row.addWidget(self.number, 1)
        row.addWidget(self.save_button)
        hint = QLabel(self.tr("同一身份证号的人员在各案件、线索中视为同一人：月报按人数统计时只计一次，"
                              "下表列出其全部案件、线索和处分处理。号码加密保存，仅显示脱敏后的前两位。"))
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.number_label)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addWidget(hint)
        lay.addWidget(QLabel(self.tr("廉政档案")))
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        self.resize(820, 420)
        self.load()

    def load(self) -> None:
        ws, pid = self.ctx.workspace, self.person_id
        QueryOp(self, lambda: person_identity.integrity_file(ws, pid)).success(self._show).run()

    def _show(self, f: person_identity.IntegrityFile) -> None:
        if self._saving and self.seen is not None and f.version in (self.seen, self.seen + 1):
            self.seen = f.version   # only this dialog's save since: the table's edits may follow it
            if self.on_version is not None:
                self.on_version(f.version)
        self._saving = False
        self.number_label.setText(self.tr("身份证号：{n}").format(n=f.id_number_masked or self.tr("未录入")))
        self.table.setRowCount(len(f.entries))
        for r, e in enumerate(f.entries):
            values = (e.kind, e.number, e.date.isoformat() if e.date else "", e.closed.isoformat() if e.closed else "",
                      " ".join(x for x in (e.unit, e.post) if x), "；".join(e.measures) or self.tr("（无）"))
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    def save_number(self) -> None:
        """保存身份证号: checked and stored, the number field cleared, the 廉政档案 re-read; refused at the field."""
        self.error.hide()
        ws, pid, text = self.ctx.workspace, self.person_id, self.number.text()
        if not text.strip() and not Interaction.confirm(
                self, self.tr("删除已录入的身份证号？删除后该人员不再与其他案件中的同一人合并统计。"), self.tr("删除身份证号")):
            return
        seen = self.seen
        DbOp(self, lambda: person_identity.set_id_number(ws, pid, text, expected_version=seen)) \
            .success(self._saved).failure(self._refused).run()

    def _saved(self, masked: str) -> None:
        self._saving = True
        self.number.clear()
        self.message.setText(self.tr("已保存身份证号：{n}").format(n=masked) if masked else self.tr("已删除身份证号"))
        self.load()

    def _refused(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.show()


def identity_actions(table) -> list[QAction]:
    """The table's context-menu entries for the signed-in user: 身份证号与廉政档案… only for a user who may see
    identities and cases (the others never see it; the services refuse them anyway)."""
    try:
        user = context_of(table).workspace.current_user
    except LookupError:
        user = None
    may = user is not None and allowed(user.roles, "identity.view") and allowed(user.roles, "case.view")
    table.identity_action.setVisible(may)
    return [table.identity_action] if may else []


def _menu(table, pos) -> None:
    actions = identity_actions(table)
    if actions:
        QMenu.exec(actions, table.viewport().mapToGlobal(pos), None, table)


def install_identity_action(table) -> QAction:
    """Add 身份证号与廉政档案… to a PersonTable's context menu (for its saved rows)."""
    action = QAction(table.tr("身份证号与廉政档案…"), table)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(lambda pos: _menu(table, pos))
    action.triggered.connect(lambda: open_identity(table))
    table.identity_action = action
    table.identity_dialog = None
    return action


def open_identity(table) -> PersonIdentityDialog | None:
    row = table.currentRow()
    person_id = table.row_id(row) if row >= 0 else None
    if person_id is None:
        Interaction.info(table, table.tr("请先选中一名已保存的人员（新增的人员保存后才能录入身份证号）。"),
                         table.tr("身份证号与廉政档案"))
        return None
    name_editor = table.editor(row, "name")
    name = name_editor.text() if isinstance(name_editor, QLineEdit) else ""
    dialog = PersonIdentityDialog(context_of(table), person_id, name, table.window(), seen=table.person_version(row),
                                  on_version=lambda version: table.keep_version(person_id, version))
    table.identity_dialog = dialog
    dialog.open()
    return dialog
