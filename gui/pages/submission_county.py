"""报送, county mode: receive packages from a stick (every check, every reason) and the county-wide 汇总.

Everything is done by services (``county``); long work runs off the GUI thread through
``gui.operations`` (DbOp/QueryOp).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter,
                               QTabWidget, QVBoxLayout, QWidget)

from services.reporting import layout
from services.security.permissions import allowed
from services.submission import county

from ..dialogs.verify_dialog import VerifyResultDialog
from ..figures_table import build_figures_table, figures_width, fill_figures
from ..interaction import Interaction, error_text
from ..operations import DbOp, QueryOp
from ..settings.certificates_common import NOTICE_STYLE, WARN_STYLE
from ..usb_files import last_dir, remember_dir, save_file
from ..vocabulary import period_label, term
from .submission_common import ERROR_STYLE, FAIL_FG, PASS_FG, SubmissionPageBase, empty, hint, set_row, table


class CountySubmissionPage(SubmissionPageBase):
    """报送接收与汇总 for the county: 报送接收 and 汇总 tabs."""

    county_mode = True

    def _title(self) -> str:
        return self.tr("报送接收与汇总")

    def page_shown(self) -> None:
        self.load_consolidated()

    def _build(self, lay: QVBoxLayout) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_receive_tab(), self.tr("报送接收"))
        self.tabs.addTab(self._build_summary_tab(), self.tr("汇总"))
        lay.addWidget(self.tabs, 1)

    def _build_receive_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        lay.addWidget(hint(self.tr("插入乡镇交来的U盘，选择U盘或其中的文件夹：系统找出其中全部报送包，先复制到本机再逐项核验"
                                    "（文件完整性、两处电子签名、证书链和吊销状态、单位、报告期和版次），通过的才导入汇总。")))
        self.import_button = QPushButton(self.tr("选择文件夹或U盘并接收…"))
        self.import_button.setProperty("primary", "true")
        self.details_button = QPushButton(self.tr("查看所选文件包的核验详情…"))
        self.details_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        row.addWidget(self.details_button)
        lay.addLayout(row)
        self.import_summary = QLabel()
        self.import_summary.setWordWrap(True)
        self.import_summary.hide()
        lay.addWidget(self.import_summary)
        self.results_table = table([self.tr("乡镇"), self.tr("月份"), self.tr("版次"), self.tr("结果"),
                                    self.tr("原因")])
        self.results_table.setWordWrap(True)
        self.results_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.results_table, 1)
        self.results_empty = empty(self.tr("本次还没有接收文件包。接收后，每个文件包的核验结果（通过或拒收及原因）列在这里。"))
        lay.addWidget(self.results_empty, 1)
        self.results_table.hide()
        can = allowed(self.roles, "county.import")
        self.import_button.setEnabled(can)
        if not can:
            self.import_button.setToolTip(self.tr("您没有“接收乡镇报送包”的权限"))
        self.import_button.clicked.connect(lambda: self.import_from())
        self.details_button.clicked.connect(self.show_outcome_details)
        self.results_table.itemSelectionChanged.connect(
            lambda: self.details_button.setEnabled(bool(self.results_table.selectionModel().selectedRows())))
        self.results_table.doubleClicked.connect(lambda _i: self.show_outcome_details())
        return tab

    def import_from(self, path: Path | str | None = None) -> None:
        """Import every package under ``path`` (asks for a folder when None); fills the results table.

        The end is ``sig_imported(outcomes)``; a failure is said in the import summary line."""
        if path is None:
            chosen = Interaction.folder(self, self.tr("选择U盘或存放报送包的文件夹"), last_dir(self.ctx, "submission"))
            if not chosen:
                return
            path = chosen
        path = Path(path)
        remember_dir(self.ctx, "submission", path)
        ws = self.ctx.ws

        def imported(outcomes) -> None:
            self.outcomes = outcomes
            self._show_outcomes(path)
            self.sig_imported.emit(outcomes)
            self.load_consolidated()

        def failed(exc: BaseException) -> None:
            self.import_summary.setText(error_text(exc))
            self.import_summary.setStyleSheet(ERROR_STYLE)
            self.import_summary.show()

        DbOp(self, lambda: county.import_packages(ws, [path])).progress(self.tr("正在逐项核验并接收报送包……")) \
            .success(imported).failure(failed).run()

    def outcome_texts(self, o: county.ImportOutcome) -> tuple[str, str, str, str, str]:
        name = o.township_name or o.township_code or self.tr("（无法识别）")
        if o.township_name and o.township_code:
            name = f"{o.township_name}（{o.township_code}）"
        try:
            month = period_label(o.period) if o.period else ""
        except ValueError:
            month = o.period or ""
        result = {"imported": self.tr("通过"), "rejected": self.tr("拒收")}.get(o.status, self.tr("未导入"))
        if o.imported:
            why = (self.tr("已导入，取代已接收的第 {n} 版").format(n=o.superseded_revision) if o.superseded_revision
                   else self.tr("全部检查通过，已导入"))
        else:
            why = "\n".join(o.reasons)
        return name, month, str(o.revision or ""), result, why

    def _show_outcomes(self, path: Path) -> None:
        t = self.results_table
        t.setRowCount(len(self.outcomes))
        for r, o in enumerate(self.outcomes):
            set_row(t, r, self.outcome_texts(o), None if o.imported else FAIL_FG)
            t.item(r, 3).setForeground(QBrush(PASS_FG if o.imported else FAIL_FG))
            t.item(r, 0).setToolTip(o.path)
        t.setVisible(bool(self.outcomes))
        self.results_empty.setVisible(not self.outcomes)
        good = sum(1 for o in self.outcomes if o.imported)
        bad = len(self.outcomes) - good
        text = self.tr("从 {p} 接收 {n} 个文件包：通过 {g} 个，拒收或未导入 {b} 个。").format(
            p=path, n=len(self.outcomes), g=good, b=bad)
        self.import_summary.setText(text)
        self.import_summary.setStyleSheet(ERROR_STYLE if bad else NOTICE_STYLE)
        self.import_summary.show()

    def show_outcome_details(self) -> VerifyResultDialog | None:
        rows = self.results_table.selectionModel().selectedRows()
        if not rows:
            return None
        o = self.outcomes[rows[0].row()]
        checks = o.checks or [{"title_zh": self.tr("接收"), "passed": False, "reason_zh": r} for r in o.reasons]
        view = SimpleNamespace(checks=checks, accepted=o.imported, org_name=o.township_name,
                               org_code=o.township_code, period=o.period, revision=o.revision, path=o.path)
        dialog = VerifyResultDialog(view, self, settings=self.ctx.settings, title=self.tr("报送包核验详情"))
        if o.status == "replay":
            dialog.summary.setText(self.tr("未导入：") + "；".join(o.reasons))
        self.verify_dialog = dialog
        dialog.open()
        return dialog

    def _build_summary_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        self.year_combo = QComboBox()
        this_year = self.ctx.ws.today().year
        for y in range(this_year, this_year - 11, -1):
            self.year_combo.addItem(self.tr("{y}年").format(y=y), y)
        self.month_combo = QComboBox()
        for m in range(1, 13):
            self.month_combo.addItem(self.tr("{m}月").format(m=m), m)
        first = self.ctx.ws.today().replace(day=1) - dt.timedelta(days=1)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(first.year), 0))
        self.month_combo.setCurrentIndex(first.month - 1)
        self.pdf_button = QPushButton(self.tr("导出PDF…"))
        self.xlsx_button = QPushButton(self.tr("导出Excel…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("报告期：")))
        row.addWidget(self.year_combo)
        row.addWidget(self.month_combo)
        row.addWidget(self.refresh_button)
        self.summary_line = QLabel()
        self.summary_line.setWordWrap(True)
        row.addSpacing(12)
        row.addWidget(self.summary_line, 1)
        row.addWidget(self.pdf_button)
        row.addWidget(self.xlsx_button)
        lay.addLayout(row)

        self.figures_table, self.figure_rows = build_figures_table()
        self.figures_table.setMinimumWidth(figures_width(self.figures_table))   # no item name cut to "受理信…"
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("各乡镇报送情况（数字为元至本月）"))
        caption.setStyleSheet("font-weight:bold;")
        rl.addWidget(caption)
        heads = [self.tr("乡镇"), self.tr("报送"), self.tr("版次")]
        self.towns_table = table(heads + [term(layout.row_for(k).label) for k in layout.HEADLINE_KEYS])
        self.towns_table.horizontalHeader().setMinimumSectionSize(40)
        # the township's name as wide as it needs (the figures after it may scroll); the last column takes the rest
        self.towns_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        rl.addWidget(self.towns_table, 1)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        rl.addWidget(self.missing_label)
        self.narrative_label = hint()
        self.narrative_label.setProperty("document_text", True)  # the consolidated report's own (Chinese) words
        rl.addWidget(self.narrative_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.figures_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([self.figures_table.minimumWidth(), 640])
        lay.addWidget(splitter, 1)

        self.year_combo.currentIndexChanged.connect(lambda _i: self.load_consolidated())
        self.month_combo.currentIndexChanged.connect(lambda _i: self.load_consolidated())
        self.refresh_button.clicked.connect(lambda: self.load_consolidated())
        self.pdf_button.clicked.connect(lambda: self.export_consolidated("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export_consolidated("xlsx"))
        return tab

    def summary_period(self) -> str:
        return f"{self.year_combo.currentData():04d}-{self.month_combo.currentData():02d}"

    def set_summary_period(self, period: str) -> None:
        year, month = (int(x) for x in period.split("-"))
        self.year_combo.blockSignals(True)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.year_combo.blockSignals(False)
        self.month_combo.setCurrentIndex(month - 1)
        self.load_consolidated()

    def load_consolidated(self) -> None:
        """The 汇总 of the chosen month: summed figures, per-township table, 未报送 list (then ``sig_loaded``)."""
        period = self.summary_period()
        ws = self.ctx.ws
        QueryOp(self, lambda: county.consolidated_document(ws, period)) \
            .success(lambda doc: self._show_consolidated(period, doc)).failure(self._consolidation_failed).run()

    def _consolidation_failed(self, exc: BaseException) -> None:
        self.document = None
        fill_figures(self.figures_table, self.figure_rows, None)
        self.towns_table.setRowCount(0)
        self.summary_line.setText(error_text(exc))
        self.summary_line.setStyleSheet(WARN_STYLE)
        self.pdf_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)

    def _show_consolidated(self, period: str, doc: dict) -> None:
        self.document = doc
        fill_figures(self.figures_table, self.figure_rows, doc["figures"])
        towns = doc["townships"]
        t = self.towns_table
        t.setRowCount(len(towns))
        for r, town in enumerate(towns):
            figs = town["figures"] if town["submitted"] else None
            values = [layout.format_count(layout.get_figure(figs, k)["ytd"]) if figs else layout.NONE_TEXT
                      for k in layout.HEADLINE_KEYS]
            set_row(t, r, [town["name"],
                            self.tr("已报送") if town["submitted"] else self.tr("未报送"),
                            town["revision"] if town["submitted"] else layout.NONE_TEXT] + values,
                     None if town["submitted"] else FAIL_FG)
            t.item(r, 0).setToolTip(self.tr("单位代码 {c}").format(c=town["code"]))
            for c in range(2, t.columnCount()):
                t.item(r, c).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        missing = doc["not_submitted"]
        submitted = len(towns) - len(missing)
        self.summary_line.setText(self.tr("{p}：已报送 {s} 个乡镇，共 {n} 个").format(
            p=period_label(period), s=submitted, n=len(towns)))
        self.summary_line.setStyleSheet("")
        if not towns:
            self.missing_label.setText(self.tr("还没有登记乡镇：为乡镇签发证书时自动登记（设置 → 证书）。"))
            self.missing_label.setStyleSheet(WARN_STYLE)
        elif missing:
            self.missing_label.setText(self.tr("未报送（{n} 个）：{names}").format(
                n=len(missing), names="、".join(m["name"] for m in missing)))
            self.missing_label.setStyleSheet(WARN_STYLE)
        else:
            self.missing_label.setText(self.tr("各乡镇均已报送。"))
            self.missing_label.setStyleSheet("color:#166534;")
        self.narrative_label.setText(doc.get("narrative", ""))
        self.pdf_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)
        self.sig_loaded.emit(period)

    def export_consolidated(self, kind: str) -> None:
        """导出PDF / 导出Excel of the 汇总: render on the worker, ask where, write atomically."""
        period = self.summary_period()
        ws = self.ctx.ws
        fn = county.county_report_pdf if kind == "pdf" else county.county_report_xlsx
        QueryOp(self, lambda: fn(ws, period)).progress(self.tr("正在生成汇总表……")).error_title(self.tr("导出失败")) \
            .success(lambda data: self._save_consolidated(kind, period, data)).run()

    def _save_consolidated(self, kind: str, period: str, data: bytes) -> None:
        name = f"{self.org.name if self.org else ''}{layout.period_text(period)}{layout.COUNTY_TITLE}"
        if kind == "pdf":
            target = save_file(self, self.ctx, self.tr("导出PDF"), name + ".pdf", self.tr("PDF 文件 (*.pdf)"), data,
                               purpose="summary")
        else:
            target = save_file(self, self.ctx, self.tr("导出Excel"), name + ".xlsx",
                               self.tr("Excel 工作簿 (*.xlsx)"), data, purpose="summary")
        if target is not None:
            self.summary_line.setText(self.tr("已导出：{p}").format(p=target))
