"""报送: township — sign and write the month's package to a USB stick, self-check, history;
county — receive packages from a stick (every check, every reason) and the county-wide 汇总.

Everything is done by services (``submission``, ``county``, ``package.verify``); long work runs off
the GUI thread through ``run_with_progress``. Passphrases are asked each time and never kept.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QMenu, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from models.enums import OrgMode
from services import county, keys, monthly_report, submission
from services.errors import DomainError
from services.package.verify import verify_package
from services.permissions import allowed
from services.reports import layout

from ..figures_table import build_figures_table, fill_figures
from ..context import AppContext, org_summary
from ..dialogs.verify_dialog import VerifyResultDialog
from ..executor import run_with_progress
from ..widgets import show_error
from .certificates_tab import NOTICE_STYLE, WARN_STYLE, ask_passphrase, last_dir, remember_dir, save_file

MONTHS_BACK = 24
FAIL_FG = QColor("#b91c1c")
PASS_FG = QColor("#166534")
ERROR_STYLE = ("background:#fbeaea; border:1px solid #e8b4b4; border-radius:3px; padding:6px 10px;"
               "color:#7f1616;")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubmissionPage", text)


def local_time(value: str | dt.datetime | None) -> str:
    if not value:
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def recent_periods(today: dt.date, count: int = MONTHS_BACK) -> list[str]:
    """This month and the ``count - 1`` before it, newest first, as "YYYY-MM"."""
    y, m = today.year, today.month
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def _table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1 if stretch is None else stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _set_row(t: QTableWidget, r: int, values, color: QColor | None = None) -> None:
    for c, v in enumerate(values):
        item = QTableWidgetItem("" if v is None else str(v))
        if color is not None:
            item.setForeground(QBrush(color))
        t.setItem(r, c, item)


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def _empty(text: str) -> QLabel:
    """An empty-state line that stands where its table would, text at the top."""
    label = _hint(text)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setContentsMargins(4, 8, 4, 8)
    return label


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


# ================================================================ the page

class SubmissionPage(QWidget):
    """The 报送 page. Built by the registry as ``SubmissionPage(ctx, spec=…)``."""

    sig_package_written = Signal(object)
    """A package was written and re-verified (a ``submission.SubmissionResult``)."""

    sig_imported = Signal(list)
    """County: packages were processed (a list of ``county.ImportOutcome``)."""

    sig_loaded = Signal(str)
    """County: the 汇总 of this period (``"YYYY-MM"``) is on screen."""

    def __init__(self, ctx: AppContext, spec: Any = None, parent: QWidget | None = None):
        if isinstance(spec, QWidget) and parent is None:
            spec, parent = None, spec
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        org = ctx.call_db(self, lambda: org_summary(ctx.ws))
        self.org = org
        self.county_mode = bool(org and org.mode == OrgMode.county.value)
        user = ctx.ws.current_user
        self.roles = user.roles if user else frozenset()
        title = QLabel(self.tr("报送") if not self.county_mode else self.tr("报送接收与汇总"))
        title.setObjectName("PageTitle")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        org_label = QLabel(org.name if org else "")
        org_label.setObjectName("PageLead")
        head.addWidget(org_label)
        head.addStretch(1)
        self.head = head
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 14)
        lay.setSpacing(10)
        lay.addLayout(head)
        self.last_result: submission.SubmissionResult | None = None
        self.outcomes: list[county.ImportOutcome] = []
        self.verify_dialog: VerifyResultDialog | None = None
        self.document: dict | None = None
        if self.county_mode:
            self._build_county(lay)
            self.load_consolidated()
        else:
            self._build_township(lay)
            self.refresh()

    def page_shown(self) -> None:
        if self.county_mode:
            self.load_consolidated()
        else:
            self.refresh()

    # ================================================================ township
    def _build_township(self, lay: QVBoxLayout) -> None:
        self.cert_line = QLabel()
        self.head.addWidget(self.cert_line)

        months = QGroupBox(self.tr("已定稿的月报"))
        lm = QVBoxLayout(months)
        self.months_table = _table([self.tr(h) for h in ("报告期", "版次", "月报状态", "定稿时间", "报送情况")])
        self.months_table.setMinimumHeight(150)
        self.months_empty = _empty(self.tr("近两年还没有定稿的月报。请先在“月报”中由纪委书记定稿，再回到这里生成报送包。"))
        lm.addWidget(self.months_table, 1)
        lm.addWidget(self.months_empty, 1)

        self.form_combo = QComboBox()
        self.form_combo.addItem(self.tr("文件夹（用U盘报送，推荐）"), False)
        self.form_combo.addItem(self.tr("文件夹和ZIP压缩包（另作电子传送）"), True)
        self.form_combo.setAccessibleName(self.tr("报送包形式"))
        self.generate_button = QPushButton(self.tr("生成报送包…"))
        self.generate_button.setProperty("primary", "true")
        self.check_button = QPushButton(self.tr("自检…"))
        self.check_button.setToolTip(self.tr("用已安装的县纪委根证书逐项核验一个报送包，与县纪委接收时的检查相同"))
        menu = QMenu(self.check_button)
        self.check_folder_action = menu.addAction(self.tr("检查报送包文件夹…"))
        self.check_zip_action = menu.addAction(self.tr("检查ZIP压缩包…"))
        self.check_button.setMenu(menu)
        bar = QHBoxLayout()
        self.select_hint = _hint()
        bar.addWidget(self.select_hint, 1)
        bar.addWidget(QLabel(self.tr("报送包形式：")))
        bar.addWidget(self.form_combo)
        bar.addWidget(self.generate_button)
        bar.addWidget(self.check_button)
        lm.addLayout(bar)

        self.result_box = QGroupBox(self.tr("报送结果"))
        lr = QVBoxLayout(self.result_box)
        self.result_status = QLabel()
        self.result_status.setWordWrap(True)
        self.result_name = _selectable(QLabel())
        self.result_sha = _selectable(QLabel())
        self.result_carry = _selectable(QLabel())
        self.result_warn = _selectable(_hint())
        for w in (self.result_status, self.result_name, self.result_sha, self.result_carry, self.result_warn):
            lr.addWidget(w)
        self.result_box.hide()

        history = QGroupBox(self.tr("报送记录"))
        lh = QVBoxLayout(history)
        self.history_table = _table([self.tr(h) for h in ("报告期", "版次", "文件包", "SHA-256", "写入位置", "生成时间",
                                                         "操作人")], stretch=4)
        self.history_empty = _empty(self.tr("还没有生成过报送包。生成后，每一次写入U盘的报送包都记录在这里。"))
        lh.addWidget(self.history_table, 1)
        lh.addWidget(self.history_empty, 1)

        lay.addWidget(months, 3)
        lay.addWidget(self.result_box)
        lay.addWidget(history, 2)

        self.months_table.itemSelectionChanged.connect(self._update_buttons)
        self.generate_button.clicked.connect(lambda: self.generate_package())
        self.check_folder_action.triggered.connect(lambda: self.self_check(kind="folder"))
        self.check_zip_action.triggered.connect(lambda: self.self_check(kind="zip"))

    def _load_township(self) -> tuple[list[tuple[str, list]], list[dict], dict | None]:
        ws = self.ctx.ws
        found = []
        for period in recent_periods(ws.today()):
            revs = monthly_report.revisions(ws, period)
            if revs:
                found.append((period, revs))
        subs = submission.list_submissions(ws)
        status = None
        if allowed(self.roles, "keys.manage"):
            status = keys.key_status(ws)
        return found, subs, status

    def refresh(self) -> None:
        """Re-read the finalized months, the certificate state and the history."""
        if self.county_mode:
            return
        try:
            months, subs, cert = self.ctx.call_db(self, self._load_township)
        except DomainError as exc:
            self.months_table.setRowCount(0)
            self.months_table.hide()
            self.months_empty.setText(exc.message)
            self.months_empty.show()
            self.history_table.hide()
            self.generate_button.setEnabled(False)
            return
        self.submissions = subs
        self._show_cert(cert)
        done = {(s["period"], s["revision"]): s for s in reversed(subs)}  # newest wins
        self.month_rows: list[dict] = []
        for period, revs in months:
            final = [r for r in revs if r.status != monthly_report.OPEN]
            current = next((r for r in reversed(final) if r.status == "finalized"), final[-1] if final else None)
            opened = revs[-1].status == monthly_report.OPEN
            state = current.status_label if current else ""
            if opened:
                state = self.tr("更正中（第 {n} 版未定稿）").format(n=revs[-1].revision)
            sent = done.get((period, current.revision)) if current else None
            if sent:
                text = self.tr("已生成报送包（{t}）").format(t=local_time(sent["created_at"]))
            else:
                older = [r.revision for r in final if (period, r.revision) in done]
                text = (self.tr("第 {old} 版已报送，第 {n} 版未报送").format(old=max(older), n=current.revision)
                        if older and current else self.tr("未生成报送包"))
            self.month_rows.append({"period": period, "revision": current.revision if current else None,
                                    "state": state, "finalized_at": local_time(current.finalized_at) if current else "",
                                    "submitted": sent is not None, "text": text})
        t = self.months_table
        selected = self.selected_period()
        t.setRowCount(len(self.month_rows))
        for r, row in enumerate(self.month_rows):
            _set_row(t, r, (layout.period_text(row["period"]), row["revision"] or "", row["state"],
                            row["finalized_at"], row["text"]))
            t.item(r, 4).setForeground(QBrush(PASS_FG if row["submitted"] else FAIL_FG))
        t.setVisible(bool(self.month_rows))
        self.months_empty.setVisible(not self.month_rows)
        periods = [row["period"] for row in self.month_rows]
        if periods:
            t.selectRow(periods.index(selected) if selected in periods else 0)
        h = self.history_table
        h.setRowCount(len(subs))
        for r, s in enumerate(subs):
            _set_row(h, r, (layout.period_text(s["period"]), s["revision"], s["file_name"], s["sha256"][:16] + "…",
                            s["target"], local_time(s["created_at"]), s["created_by"]))
            h.item(r, 3).setToolTip(s["sha256"])
        h.setVisible(bool(subs))
        self.history_empty.setVisible(not subs)
        self._update_buttons()

    def _show_cert(self, st: dict | None) -> None:
        if st is None:
            self.cert_line.setText("")
            self.cert_ready = None
            return
        ready = bool(st["has_cert"] and not st["expired"])
        self.cert_ready = ready
        if ready:
            text = self.tr("签名证书有效期至 {d}（剩余 {n} 天）").format(d=local_time(st["valid_until"])[:10],
                                                                 n=st["days_left"])
            if st["warning"]:
                text += "　" + st["warning"]
        else:
            text = (st["warning"] or self.tr("尚未安装签名证书")) + self.tr("（在“设置 → 证书”中办理）")
        self.cert_line.setText(text)
        self.cert_line.setStyleSheet(WARN_STYLE if st["warning"] or not ready else "color:#166534;")

    def selected_period(self) -> str | None:
        rows = self.months_table.selectionModel().selectedRows() if hasattr(self, "months_table") else []
        if not rows or not getattr(self, "month_rows", None):
            return None
        return self.month_rows[rows[0].row()]["period"]

    def _update_buttons(self) -> None:
        can = allowed(self.roles, "package.create")
        period = self.selected_period()
        self.generate_button.setEnabled(can and period is not None)
        if not can:
            self.select_hint.setText(self.tr("只有纪委书记可以生成报送包。"))
            self.generate_button.setToolTip(self.tr("只有纪委书记可以生成报送包"))
        elif period:
            self.select_hint.setText(self.tr("将为{p}月报生成报送包。").format(p=layout.period_text(period)))
        else:
            self.select_hint.setText(self.tr("请先在上表中选择一个月份。"))

    def generate_package(self, period: str | None = None) -> submission.SubmissionResult | None:
        """Target folder (stick), passphrase, then sign + write + re-verify off the GUI thread."""
        period = period or self.selected_period()
        if period is None or not allowed(self.roles, "package.create"):
            return None
        title = self.tr("生成报送包")
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择写入报送包的位置（如U盘）"), last_dir(self.ctx))
        if not folder:
            return None
        target = Path(folder)
        remember_dir(self.ctx, target)
        passphrase = ask_passphrase(self, title, self.tr("输入本单位签名私钥的口令（{p}月报）：")
                                    .format(p=layout.period_text(period)))
        if passphrase is None:
            return None
        make_zip = bool(self.form_combo.currentData())
        ws = self.ctx.ws
        try:
            result = run_with_progress(
                self, lambda _t: submission.build_submission(ws, period, target, passphrase, make_zip=make_zip),
                self.tr("正在签名、写入并复核报送包……"), executor=self.ctx.db, cancellable=False)
        except DomainError as exc:
            self._show_failure(exc.message)
            return None
        except OSError as exc:  # a stick pulled out mid-way
            self._show_failure(self.tr("写入报送包失败：{e}。请检查U盘后重试。").format(e=exc.strerror or exc))
            return None
        self.last_result = result
        self._show_result(result)
        self.refresh()
        self.sig_package_written.emit(result)
        return result

    def _show_failure(self, message: str) -> None:
        self.result_box.show()
        self.result_status.setText(self.tr("✗ 未生成报送包：{m}").format(m=message))
        self.result_status.setStyleSheet(ERROR_STYLE)
        for w in (self.result_name, self.result_sha, self.result_carry, self.result_warn):
            w.clear()
            w.hide()

    def _show_result(self, r: submission.SubmissionResult) -> None:
        self.result_box.show()
        self.result_status.setText(self.tr("✓ {p}月报第 {n} 版报送包已写入并复核通过。")
                                   .format(p=layout.period_text(r.period), n=r.revision))
        self.result_status.setStyleSheet(NOTICE_STYLE + "font-weight:bold;")
        self.result_name.setText(self.tr("文件包名称：{name}").format(name=r.file_name))
        self.result_sha.setText(self.tr("SHA-256：{sha}").format(sha=r.sha256))
        carry = self.tr("请携带：U盘中的文件夹“{name}”（{path}），整个文件夹交县纪委。").format(
            name=Path(r.folder).name, path=r.folder)
        if r.zip_path:
            carry += "\n" + self.tr("如需电子传送，请发送压缩包：{zip}").format(zip=r.zip_path)
        self.result_carry.setText(carry)
        self.result_warn.setText("\n".join(r.warnings))
        for w in (self.result_name, self.result_sha, self.result_carry):
            w.show()
        self.result_warn.setVisible(bool(r.warnings))

    def self_check(self, path: Path | str | None = None, kind: str = "folder") -> VerifyResultDialog | None:
        """自检: verify a package (folder or zip) against the installed county root; show every check."""
        if path is None:
            if kind == "zip":
                chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择要自检的报送包压缩包"), last_dir(self.ctx),
                                                        self.tr("ZIP 压缩包 (*.zip)"))
            else:
                chosen = QFileDialog.getExistingDirectory(self, self.tr("选择要自检的报送包文件夹"), last_dir(self.ctx))
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        remember_dir(self.ctx, path)
        ws = self.ctx.ws
        code = self.org.code if self.org else None
        try:
            root = keys.signing_material(ws).root_pem
            report = run_with_progress(
                self, lambda _t: verify_package(path, root_pem=root, expected_org_code=code, now=ws.now()),
                self.tr("正在逐项核验报送包……"), executor=self.ctx.pool, cancellable=False)
        except DomainError as exc:
            show_error(self, exc, self.tr("自检未完成"))
            return None
        dialog = VerifyResultDialog(report, self, settings=self.ctx.settings, title=self.tr("报送包自检结果"))
        self.verify_dialog = dialog
        dialog.open()
        return dialog

    # ================================================================ county
    def _build_county(self, lay: QVBoxLayout) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_receive_tab(), self.tr("报送接收"))
        self.tabs.addTab(self._build_summary_tab(), self.tr("汇总"))
        lay.addWidget(self.tabs, 1)

    def _build_receive_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(8)
        lay.addWidget(_hint(self.tr("插入乡镇交来的U盘，选择U盘或其中的文件夹：系统找出其中全部报送包，先复制到本机再逐项核验"
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
        self.results_table = _table([self.tr(h) for h in ("乡镇", "月份", "版次", "结果", "原因")])
        self.results_table.setWordWrap(True)
        self.results_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.results_table, 1)
        self.results_empty = _empty(self.tr("本次还没有接收文件包。接收后，每个文件包的核验结果（通过或拒收及原因）列在这里。"))
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

    def import_from(self, path: Path | str | None = None) -> list[county.ImportOutcome]:
        """Import every package under ``path`` (asks for a folder when None); fills the results table."""
        if path is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("选择U盘或存放报送包的文件夹"), last_dir(self.ctx))
            if not chosen:
                return []
            path = chosen
        path = Path(path)
        remember_dir(self.ctx, path)
        ws = self.ctx.ws
        try:
            outcomes = run_with_progress(self, lambda _t: county.import_packages(ws, [path]),
                                         self.tr("正在逐项核验并接收报送包……"), executor=self.ctx.db, cancellable=False)
        except DomainError as exc:
            self.import_summary.setText(exc.message)
            self.import_summary.setStyleSheet(ERROR_STYLE)
            self.import_summary.show()
            return []
        self.outcomes = outcomes
        self._show_outcomes(path)
        self.sig_imported.emit(outcomes)
        self.load_consolidated()
        return outcomes

    def outcome_texts(self, o: county.ImportOutcome) -> tuple[str, str, str, str, str]:
        name = o.township_name or o.township_code or self.tr("（无法识别）")
        if o.township_name and o.township_code:
            name = f"{o.township_name}（{o.township_code}）"
        try:
            month = layout.period_text(o.period) if o.period else ""
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
            _set_row(t, r, self.outcome_texts(o), None if o.imported else FAIL_FG)
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
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("各乡镇报送情况（数字为元至本月）"))
        caption.setStyleSheet("font-weight:bold;")
        rl.addWidget(caption)
        heads = ["乡镇", "报送", "版次"] + [layout.row_for(k).label for k in layout.HEADLINE_KEYS]
        self.towns_table = _table([self.tr(h) for h in heads], stretch=0)
        self.towns_table.horizontalHeader().setMinimumSectionSize(40)
        rl.addWidget(self.towns_table, 1)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        rl.addWidget(self.missing_label)
        self.narrative_label = _hint()
        rl.addWidget(self.narrative_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.figures_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([560, 640])
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

    def load_consolidated(self) -> dict | None:
        """The 汇总 of the chosen month: summed figures, per-township table, 未报送 list."""
        if not self.county_mode:
            return None
        period = self.summary_period()
        ws = self.ctx.ws
        try:
            doc = self.ctx.call_db(self, lambda: county.consolidated_document(ws, period))
        except DomainError as exc:
            self.document = None
            fill_figures(self.figures_table, self.figure_rows, None)
            self.towns_table.setRowCount(0)
            self.summary_line.setText(exc.message)
            self.summary_line.setStyleSheet(WARN_STYLE)
            self.pdf_button.setEnabled(False)
            self.xlsx_button.setEnabled(False)
            return None
        self.document = doc
        fill_figures(self.figures_table, self.figure_rows, doc["figures"])
        towns = doc["townships"]
        t = self.towns_table
        t.setRowCount(len(towns))
        for r, town in enumerate(towns):
            figs = town["figures"] if town["submitted"] else None
            values = [layout.format_count(layout.get_figure(figs, k)["ytd"]) if figs else layout.NONE_TEXT
                      for k in layout.HEADLINE_KEYS]
            _set_row(t, r, [town["name"],
                            self.tr("已报送") if town["submitted"] else self.tr("未报送"),
                            town["revision"] if town["submitted"] else layout.NONE_TEXT] + values,
                     None if town["submitted"] else FAIL_FG)
            t.item(r, 0).setToolTip(self.tr("单位代码 {c}").format(c=town["code"]))
            for c in range(2, t.columnCount()):
                t.item(r, c).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        missing = doc["not_submitted"]
        submitted = len(towns) - len(missing)
        self.summary_line.setText(self.tr("{p}：已报送 {s} 个乡镇，共 {n} 个").format(
            p=layout.period_text(period), s=submitted, n=len(towns)))
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
        return doc

    def export_consolidated(self, kind: str) -> Path | None:
        """导出PDF / 导出Excel of the 汇总: render on the worker, ask where, write atomically."""
        period = self.summary_period()
        ws = self.ctx.ws
        fn = county.county_report_pdf if kind == "pdf" else county.county_report_xlsx
        try:
            data = run_with_progress(self, lambda _t: fn(ws, period), self.tr("正在生成汇总表……"),
                                     executor=self.ctx.db, cancellable=False)
        except DomainError as exc:
            show_error(self, exc, self.tr("导出失败"))
            return None
        name = f"{self.org.name if self.org else ''}{layout.period_text(period)}{layout.COUNTY_TITLE}"
        if kind == "pdf":
            target = save_file(self, self.ctx, self.tr("导出PDF"), name + ".pdf", self.tr("PDF 文件 (*.pdf)"), data)
        else:
            target = save_file(self, self.ctx, self.tr("导出Excel"), name + ".xlsx",
                               self.tr("Excel 工作簿 (*.xlsx)"), data)
        if target is not None:
            self.summary_line.setText(self.tr("已导出：{p}").format(p=target))
        return target
