"""The result of verifying a submission package: every check with ✓/!/✗ and its reason, and a verdict.

A check that could not be made (no CRL: 证书吊销状态) is shown as "! 未核对" in amber, never as ✓.
"""
from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from services.submission.package import FAILED, PASSED, WARNING, status_of

from ..geometry import remember_geometry
from ..vocabulary import period_label

PASS_FG = QColor("#166534")
FAIL_FG = QColor("#b91c1c")
WARN_FG = QColor("#9a5b00")
VERDICT_OK = ("background:#e9f7ee; border:1px solid #9fd5b1; border-radius:3px; padding:8px 12px;"
              "color:#14532d; font-weight:bold;")
VERDICT_BAD = ("background:#fbeaea; border:1px solid #e8b4b4; border-radius:3px; padding:8px 12px;"
               "color:#7f1616; font-weight:bold;")


def _tr(text: str) -> str:
    return QCoreApplication.translate("VerifyResultDialog", text)


def check_fields(check: Any) -> tuple[str, str, str]:
    """(title, status, reason) of a ``Check`` or of its dict form (``ImportOutcome.checks``)."""
    if isinstance(check, dict):
        return str(check.get("title_zh", "")), status_of(check), str(check.get("reason_zh", ""))
    return check.title_zh, status_of(check), check.reason_zh


def _marks() -> dict[str, tuple[str, QColor]]:
    return {PASSED: (_tr("✓ 通过"), PASS_FG), WARNING: (_tr("! 未核对"), WARN_FG), FAILED: (_tr("✗ 未通过"), FAIL_FG)}


def fill_checks_table(table: QTableWidget, checks: Iterable[Any]) -> None:
    """Rows of 结果 / 检查项目 / 说明; failures in red, checks not made in amber."""
    rows = [check_fields(c) for c in checks]
    marks = _marks()
    table.setRowCount(len(rows))
    for r, (title, status, reason) in enumerate(rows):
        text, color = marks[status]
        mark = QTableWidgetItem(text)
        mark.setForeground(QBrush(color))
        mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        name = QTableWidgetItem(title)
        why = QTableWidgetItem(reason)
        why.setToolTip(reason)
        if status != PASSED:
            name.setForeground(QBrush(color))
            why.setForeground(QBrush(color))
        for c, item in enumerate((mark, name, why)):
            table.setItem(r, c, item)


def checks_table(parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, 3, parent)
    table.setHorizontalHeaderLabels([_tr("结果"), _tr("检查项目"), _tr("说明")])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    # Row heights follow the wrapped reasons as the dialog is resized.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
    table.setColumnWidth(0, 84)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def describe(org_name: str | None, org_code: str | None, period: str | None, revision: int | None) -> str:
    """"青山镇纪委（QS001） 2026年10月 第 1 版", leaving out what could not be read."""
    parts = []
    if org_name or org_code:
        parts.append(f"{org_name or ''}（{org_code}）" if org_code else str(org_name))
    if period:
        try:
            parts.append(period_label(period))
        except ValueError:
            parts.append(period)
    if revision:
        parts.append(_tr("第 {n} 版").format(n=revision))
    return " ".join(parts)


class VerifyResultDialog(QDialog):
    """Shows a ``VerifyReport`` (or any object with ``checks``/``accepted``): verdict line and table."""

    def __init__(self, report: Any, parent: QWidget | None = None, *, settings=None, title: str | None = None):
        super().__init__(parent)
        self.report = report
        checks = list(report.checks)
        statuses = [check_fields(c)[1] for c in checks]
        accepted = bool(getattr(report, "accepted", FAILED not in statuses))
        self.accepted_result = accepted
        self.setWindowTitle(title or self.tr("报送包核验结果"))
        what = describe(getattr(report, "org_name", None), getattr(report, "org_code", None),
                        getattr(report, "period", None), getattr(report, "revision", None))
        failed, unchecked = statuses.count(FAILED), statuses.count(WARNING)
        if accepted and unchecked:
            text = self.tr("通过：{k} 项检查通过，{u} 项未核对（共 {n} 项），见下表中标为“未核对”的说明。").format(
                k=statuses.count(PASSED), u=unchecked, n=len(checks))
        elif accepted:
            text = self.tr("通过：全部 {n} 项检查均通过，文件包完整、签名有效。").format(n=len(checks))
        else:
            text = self.tr("不通过：{k} 项检查未通过（共 {n} 项），见下表中红色的原因。").format(k=failed, n=len(checks))
        self.summary = QLabel(text)
        self.summary.setObjectName("VerifySummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(VERDICT_OK if accepted else VERDICT_BAD)
        self.subject = QLabel(what or self.tr("（无法读取文件包的单位和报告期）"))
        self.subject.setObjectName("PageLead")
        self.path_label = QLabel(self.tr("文件包：{path}").format(path=getattr(report, "path", "")))
        self.path_label.setObjectName("Hint")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = checks_table(self)
        fill_checks_table(self.table, checks)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        lay.addWidget(self.subject)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.path_label)
        lay.addWidget(buttons)
        self.resize(880, 600)
        if settings is not None:
            remember_geometry(self, settings)

    def rows(self) -> list[tuple[str, str, str]]:
        """(结果, 检查项目, 说明) as shown, for tests and copy-paste."""
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]
