"""月报 page, the revisions: 定稿 and 更正 (secretary only), the 修订历史 tab with each revision's frozen
PDF. A mixin of ``ReportPage`` (translations stay in its context)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from services.reporting import monthly_report
from services.security.permissions import allowed

from ..local_times import local_time
from ..operations import DbOp, QueryOp
from ..print_pdf import LoadedPdf
from ..vocabulary import period_label
from ..widgets import confirm, sha_details, show_error, show_info

HISTORY_HEADERS = (
    QT_TRANSLATE_NOOP("Revisions", "版次"),
    QT_TRANSLATE_NOOP("Revisions", "状态"),
    QT_TRANSLATE_NOOP("Revisions", "定稿时间"),
    QT_TRANSLATE_NOOP("Revisions", "定稿人"),
    QT_TRANSLATE_NOOP("Revisions", "校验码"),
    QT_TRANSLATE_NOOP("Revisions", "更正原因"),
)


class Revisions:
    """定稿, 更正 and the 修订历史 tab of ``ReportPage``."""

    def _build_history_tab(self) -> QWidget:
        tab = QWidget()
        self.history_table = QTableWidget(0, len(HISTORY_HEADERS))
        self.history_table.setHorizontalHeaderLabels([self.tr(h) for h in HISTORY_HEADERS])
        self.history_table.verticalHeader().hide()
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HISTORY_HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.history_table.setMaximumHeight(170)
        self.history_empty = QLabel(self.tr("本月报尚未定稿，还没有修订版本。定稿后，每一版都保存在这里，可随时查看和打印。"))
        self.history_empty.setObjectName("Hint")
        self.history_empty.setWordWrap(True)
        self._no_pdf = QPdfDocument(self)
        self.history_view = QPdfView()
        self.history_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.history_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.history_note = QLabel()
        self.history_note.setObjectName("Hint")
        self.history_note.setWordWrap(True)
        self.history_print = QPushButton(self.tr("预览/打印此版…"))
        self.history_print.setEnabled(False)
        self.history_print.clicked.connect(self._preview_selected_revision)
        self.history_table.itemSelectionChanged.connect(self._history_selected)
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(6)
        lay.addWidget(self.history_empty)
        lay.addWidget(self.history_table)
        row = QHBoxLayout()
        row.addWidget(self.history_note, 1)
        row.addWidget(self.history_print)
        lay.addLayout(row)
        lay.addWidget(self.history_view, 100)
        lay.addStretch(1)  # takes the room while no PDF is shown
        return tab

    def _fill_history(self, history: list[monthly_report.RevisionView]) -> None:
        self.history_table.blockSignals(True)
        self.history_table.clearSelection()
        self.history_table.setRowCount(len(history))
        for r, rev in enumerate(history):
            sha = (rev.sha256 or "")[:8] + ("…" if rev.sha256 else "")
            cells = (self.tr("第{n}版").format(n=rev.revision), rev.status_label, local_time(rev.finalized_at),
                     rev.finalized_by, sha, rev.correction_reason)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, rev.revision)
                if c == 4 and rev.sha256:
                    item.setToolTip(sha_details(rev.sha256))
                if c == 5 and rev.correction_reason:
                    item.setToolTip(rev.correction_reason)
                self.history_table.setItem(r, c, item)
        self.history_table.blockSignals(False)
        self.history_table.setVisible(bool(history))
        self.history_empty.setVisible(not history)
        self._show_history_pdf(None)
        self.history_note.setText(self.tr("选择一个版次，即在下方显示该版定稿时冻结的 PDF。") if history else "")

    def finalize(self) -> bool:
        """定稿 (secretary only): confirm, save pending edits, freeze; says so after, the hash (校验码) in 详细信息.

        True when the 定稿 was started; its end is ``sig_finalized``."""
        if not allowed(self.roles, "report.finalize") or self.is_finalized() or self.doc is None:
            return False
        if not self._save_before_output():
            return False
        n = self.doc.get("revision")
        message = self.tr("定稿将冻结{p}月报第{n}版：本月的统计数字、情况说明、表尾和 PDF 一并存档并生成校验码，"
                          "此后不能再修改；如发现错误，只能通过“更正”生成新的修订版。\n\n确定定稿吗？") \
            .format(p=period_label(self._period), n=n)
        if not confirm(self, message, self.tr("月报定稿")):
            return False
        ws, period = self.ctx.ws, self._period

        def finalized(view) -> None:
            self.refresh()
            self.sig_finalized.emit(period, view.revision)
            show_info(self, self.tr("{p}月报已定稿（第{n}版），已存档并生成校验码，存档内容此后若被改动即可发现。")
                      .format(p=period_label(period), n=view.revision), self.tr("定稿完成"),
                      details=sha_details(view.sha256))

        DbOp(self, lambda: monthly_report.finalize(ws, period)).progress(self.tr("正在定稿……")) \
            .error_title(self.tr("定稿未完成")).success(finalized).run()
        return True

    def correct(self) -> bool:
        """更正: ask the reason and open the next revision as a draft (True when started)."""
        if not allowed(self.roles, "report.finalize") or not self.is_finalized():
            return False
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("月报更正"))
        dialog.setLabelText(self.tr("请填写更正原因（记入修订历史和审计日志）："))
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
        dialog.setOkButtonText(self.tr("开始更正"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.resize(460, 260)
        if not dialog.exec():
            return False
        reason = dialog.textValue().strip()
        ws, period = self.ctx.ws, self._period
        DbOp(self, lambda: monthly_report.correct(ws, period, reason)).progress(self.tr("正在处理……")) \
            .error_title(self.tr("更正未完成")).success(lambda _: self.refresh()).run()
        return True

    def selected_revision(self) -> int | None:
        rows = self.history_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.history_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _history_selected(self) -> None:
        number = self.selected_revision()
        rev = next((h for h in self.history if h.revision == number), None)
        if rev is None or not rev.sha256:
            self._show_history_pdf(None)
            if rev is not None:
                self.history_note.setText(self.tr("第{n}版正在更正，尚未定稿，还没有冻结的 PDF。").format(n=rev.revision))
            return
        ws, period = self.ctx.ws, self._period

        def shown(frozen) -> None:
            self._show_history_pdf(frozen.pdf)
            self.history_note.setText(self.tr("第{n}版（{status}）定稿时冻结的 PDF：")
                                      .format(n=rev.revision, status=rev.status_label))
            self.history_note.setToolTip(rev.sha256)

        def failed(exc: BaseException) -> None:
            self._show_history_pdf(None)
            show_error(self, exc, self.tr("无法显示该版次"))

        QueryOp(self, lambda: monthly_report.get_revision(ws, period, number)).success(shown).failure(failed).run()

    def _show_history_pdf(self, pdf: bytes | None) -> None:
        old, self._history_pdf = self._history_pdf, (LoadedPdf(pdf) if pdf is not None else None)
        self.history_view.setDocument(self._history_pdf.document if self._history_pdf else self._no_pdf)
        if old is not None:
            old.close()
        self.history_pdf_bytes = pdf
        self.history_view.setVisible(pdf is not None)
        self.history_print.setEnabled(pdf is not None)

    def history_page_count(self) -> int:
        return self._history_pdf.page_count if self._history_pdf else 0

    def _preview_selected_revision(self) -> None:
        number = self.selected_revision()
        if number is not None and self.history_pdf_bytes:
            self.open_preview(self.history_pdf_bytes, self._title(number))
