"""The table of users both 用户管理 and 身份信息授权 show: username, name, roles and a state, one row selected."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..widgets import roles_text


class UserTable(QTableWidget):
    """Read-only rows of user dicts (``username``, ``display_name``, ``roles`` and what ``state_text`` reads)."""

    def __init__(self, headers: list[str]):
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rows: list[dict] = []

    def show_users(self, rows: list[dict], state_text: Callable[[dict], str]) -> None:
        self.rows = rows
        self.setRowCount(len(rows))
        for i, u in enumerate(rows):
            for j, text in enumerate((u["username"], u["display_name"], roles_text(u["roles"]), state_text(u))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u["username"])
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def usernames(self) -> list[str]:
        return [u["username"] for u in self.rows]

    def selected(self) -> dict | None:
        rows = self.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        self.selectRow(self.usernames().index(username))


class UserRows:
    """For a tab holding a ``UserTable`` as ``self.table``: its users by name, and the selected one."""

    table: UserTable

    def usernames(self) -> list[str]:
        return self.table.usernames()

    def selected(self) -> dict | None:
        return self.table.selected()

    def select(self, username: str) -> None:
        self.table.select(username)
