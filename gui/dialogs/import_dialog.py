"""导入既有台账: pick an Excel workbook, check it (dry run), see every problem or the counts, then import.

The check (a QueryOp) and the import (a DbOp) run on the database worker, a progress dialog after 0.5 s
for a large file; the template is written on the export pool. The import is one transaction in ``services.interchange.ledger_import``: any problem and
nothing is written. 导入 is only enabled after a check of the same, unchanged file found no problem.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from services.interchange import ledger_import

from ..context import AppContext
from ..file_places import remember_folder, start_folder
from ..geometry import remember_geometry
from ..interaction import Interaction
from ..operations import DbOp, QueryOp
from ..widgets import confirm, primary, show_info

PROBLEM_HEADERS = (
    QT_TRANSLATE_NOOP("ImportLedgerDialog", "工作表"),
    QT_TRANSLATE_NOOP("ImportLedgerDialog", "行"),
    QT_TRANSLATE_NOOP("ImportLedgerDialog", "列"),
    QT_TRANSLATE_NOOP("ImportLedgerDialog", "原因"),
)
COUNT_HEADERS = (
    QT_TRANSLATE_NOOP("ImportLedgerDialog", "工作表"),
    QT_TRANSLATE_NOOP("ImportLedgerDialog", "条数"),
)


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class ImportLedgerDialog(QDialog):
    """检查 (dry run) → problems table or counts per sheet → 导入 (one transaction); 下载模板 writes the template."""

    sig_imported = Signal(dict)
    """Emitted after a successful import with the counts per sheet (工作表 → 条数)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: ledger_import.ImportResult | None = None
        self._checked: tuple[str, tuple[int, int] | None] | None = None  # (path, stamp) of a clean check
        self.setWindowTitle(self.tr("导入既有台账"))

        title = QLabel(self.tr("导入既有 Excel 台账"))
        title.setObjectName("DialogTitle")
        subtitle = QLabel(self.tr("可导入“信访件”“问题线索”“案件”“处分处理”“一案双查”五个工作表。先点“检查”："
                                  "系统逐行检查全部内容，不写入任何数据；没有问题时才能“导入”，"
                                  "导入时全部写入或全部不写入。格式不清楚时，请先下载模板。"))
        subtitle.setObjectName("DialogSubtitle")
        subtitle.setWordWrap(True)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("请选择 Excel 工作簿（.xlsx）"))
        self.path_edit.setAccessibleName(self.tr("工作簿文件"))
        self.browse_button = QPushButton(self.tr("选择文件…"))
        self.template_button = QPushButton(self.tr("下载模板…"))
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("工作簿：")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_row.addWidget(self.template_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.empty_hint = QLabel(self.tr("尚未检查。选择工作簿后点“检查”，检查结果（每个工作表的条数，"
                                         "或每一处问题所在的工作表、行、列和原因）显示在这里。"))
        self.empty_hint.setObjectName("Hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counts_table = self._table(COUNT_HEADERS)
        self.problems_table = self._table(PROBLEM_HEADERS)
        header = self.problems_table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems_table.setWordWrap(True)
        self.counts_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.stack = QStackedWidget()
        for w in (self.empty_hint, self.counts_table, self.problems_table):
            self.stack.addWidget(w)

        self.check_button = primary(QPushButton(self.tr("检查")))
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setEnabled(False)
        self.import_button.setToolTip(self.tr("检查通过后才能导入"))
        self.close_button = QPushButton(self.tr("关闭"))
        for b in (self.browse_button, self.template_button, self.import_button, self.close_button):
            b.setAutoDefault(False)
        self.check_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        lay.addWidget(title)
        lay.addWidget(subtitle)
        lay.addLayout(file_row)
        lay.addWidget(self.summary)
        lay.addWidget(self.stack, 1)
        lay.addLayout(buttons)

        self.browse_button.clicked.connect(self.browse)
        self.template_button.clicked.connect(self.save_template)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.path_edit.textChanged.connect(self._path_changed)
        self._show_summary("", error=False)
        self.resize(820, 560)
        remember_geometry(self, ctx.settings)

    def _table(self, headers: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels([self.tr(h) for h in headers])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        return table

    # ------------------------------------------------------------------ file
    def path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')
        return Path(text) if text else None

    def set_path(self, path: Path | str) -> None:
        self.path_edit.setText(str(path))

    def _last_dir(self) -> str:
        return str(start_folder(self.ctx.settings, "import"))

    def browse(self) -> None:
        path = Interaction.open_path(self, self.tr("选择要导入的台账"), self._last_dir(),
                                     self.tr("Excel 工作簿 (*.xlsx *.xlsm)"))
        if path:
            self.set_path(path)
            remember_folder(self.ctx.settings, "import", path)

    def save_template(self) -> None:
        """下载模板: ask where, write the empty template workbook there (a refusal says why, in Chinese)."""
        default = str(Path(self._last_dir()) / self.tr("台账导入模板.xlsx"))
        path = Interaction.save_path(self, self.tr("保存导入模板"), default, self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        QueryOp(self, lambda: ledger_import.write_template(target), pool=True) \
            .error_title(self.tr("模板未保存")).success(lambda _path: self._template_saved(target)).run()

    def _template_saved(self, target: Path) -> None:
        show_info(self, self.tr("模板已保存到：\n{path}\n\n按模板填写后，回到这里选择该文件并点“检查”。").format(path=target),
                  self.tr("下载模板"))

    def _path_changed(self, *_args) -> None:
        # a different file needs its own check before it can be imported
        if self._checked and self._checked[0] != self.path_edit.text().strip():
            self._checked = None
            self._set_ready(False)

    # ------------------------------------------------------------------ check / import
    def _run(self, dry_run: bool, then) -> None:
        """The check (``dry_run``, writes nothing) or the import, then ``then(result)``; an error is shown."""
        path = self.path()
        if path is None:
            self._show_summary(self.tr("请先选择要导入的 Excel 工作簿。"), error=True)
            return
        ws = self.ctx.ws
        op = QueryOp if dry_run else DbOp
        op(self, lambda: ledger_import.import_workbook(ws, path, dry_run=dry_run)) \
            .progress(self.tr("正在检查工作簿……") if dry_run else self.tr("正在导入……")) \
            .error_title(self.tr("检查未完成") if dry_run else self.tr("导入未完成")).success(then).run()

    def _set_ready(self, ready: bool) -> None:
        """导入 becomes the highlighted button once a check passed; otherwise 检查 is."""
        self.import_button.setEnabled(ready)
        for button, on in ((self.import_button, ready), (self.check_button, not ready)):
            button.setDefault(on)
            button.setProperty("primary", "true" if on else "false")
            button.style().unpolish(button)
            button.style().polish(button)
        if ready:
            self.import_button.setFocus()

    def check(self) -> None:
        """检查: a dry run; shows the counts or the problems; enables 导入 when clean."""
        self._checked = None
        self._set_ready(False)
        self._run(True, self._checked_result)

    def _checked_result(self, result: ledger_import.ImportResult) -> None:
        self._show_result(result)
        if result.ok:
            if sum(result.counts.values()) == 0:
                self._show_summary(self.tr("检查通过，但工作簿中没有可导入的数据行。请确认工作表名称与模板一致"
                                           "（信访件、问题线索、案件、处分处理、一案双查），数据从第 2 行开始。"),
                                   error=True)
            else:
                path = self.path()
                self._checked = (self.path_edit.text().strip(), _file_stamp(path))
                self._set_ready(True)
                self._show_summary(self.tr("检查通过，没有发现问题，共 {n} 条，可以导入：{detail}。{ignored}")
                                   .format(n=sum(result.counts.values()), detail=self._counts_text(result.counts),
                                           ignored=self._ignored_text(result)), error=False)
        else:
            self._show_summary(self.tr("发现 {n} 处问题，未导入任何数据。请按下表修改工作簿后重新检查。{ignored}")
                               .format(n=len(result.problems), ignored=self._ignored_text(result)), error=True)

    def run_import(self) -> None:
        """导入: only after a clean check of the same unchanged file; one transaction."""
        path = self.path()
        if self._checked is None or path is None:
            return
        if self._checked[1] != _file_stamp(path):
            self._checked = None
            self._set_ready(False)
            self._show_summary(self.tr("工作簿在检查之后被修改过，请重新检查。"), error=True)
            return
        total = sum(self.result.counts.values()) if self.result else 0
        if not confirm(self, self.tr("将导入 {n} 条记录（{detail}）。导入后会记入审计日志，确定导入吗？")
                       .format(n=total, detail=self._counts_text(self.result.counts)), self.tr("确认导入")):
            return
        self._checked = None
        self._set_ready(False)   # one import per clean check, whatever its outcome
        self._run(False, self._imported)

    def _imported(self, result: ledger_import.ImportResult) -> None:
        self._show_result(result)
        if result.imported:
            self._show_summary(self.tr("导入完成：{detail}。").format(detail=self._counts_text(result.counts)),
                               error=False)
            self.sig_imported.emit(dict(result.counts))
        else:
            self._show_summary(self.tr("发现 {n} 处问题，未导入任何数据。").format(n=len(result.problems)), error=True)

    # ------------------------------------------------------------------ display
    @staticmethod
    def _counts_text(counts: dict[str, int]) -> str:
        parts = [f"{sheet} {n} 条" for sheet, n in counts.items() if n]
        return "、".join(parts) if parts else "无"

    def _ignored_text(self, result: ledger_import.ImportResult) -> str:
        if not result.ignored_sheets:
            return ""
        return self.tr("（以下工作表名称不认识，已忽略：{names}）").format(names="、".join(result.ignored_sheets))

    def _show_summary(self, text: str, *, error: bool) -> None:
        self.summary.setObjectName("FormError" if error else "Hint")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def _show_result(self, result: ledger_import.ImportResult) -> None:
        self.result = result
        if result.problems:
            self.problems_table.setRowCount(len(result.problems))
            for r, p in enumerate(result.problems):
                cells = (p.sheet or self.tr("（整个工作簿）"), str(p.row) if p.row else "", p.column, p.reason_zh)
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c == 1:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if c == 3:
                        item.setToolTip(text)
                    self.problems_table.setItem(r, c, item)
            self.problems_table.resizeRowsToContents()
            self.stack.setCurrentWidget(self.problems_table)
            return
        self.counts_table.setRowCount(len(result.counts))
        for r, (sheet, n) in enumerate(result.counts.items()):
            self.counts_table.setItem(r, 0, QTableWidgetItem(sheet))
            item = QTableWidgetItem(str(n))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts_table.setItem(r, 1, item)
        self.stack.setCurrentWidget(self.counts_table)

    def problem_rows(self) -> list[tuple[str, str, str, str]]:
        """The problem table as shown (工作表, 行, 列, 原因)."""
        t = self.problems_table
        return [tuple(t.item(r, c).text() for c in range(4)) for r in range(t.rowCount())]

    def count_rows(self) -> dict[str, int]:
        t = self.counts_table
        return {t.item(r, 0).text(): int(t.item(r, 1).text()) for r in range(t.rowCount())}
