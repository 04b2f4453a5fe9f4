"""报送, township mode: sign and write the month's package to a USB stick, self-check it, the history.

Everything is done by services (``submission``, ``package.verify``); long work runs off the GUI thread
through ``gui.operations`` (signing on the database worker, 自检 on the export pool). The passphrase is asked each time and never kept.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout

from services.reporting import monthly_report
from services.security.permissions import allowed
from services.submission import keys, township
from services.submission.package import verify_package

from ..dialogs.verify_dialog import VerifyResultDialog
from ..interaction import Interaction, error_text
from ..local_times import local_time
from ..operations import DbOp, QueryOp
from ..settings.certificates_common import NOTICE_STYLE, WARN_STYLE
from ..usb_files import ask_passphrase, last_dir, remember_dir
from ..vocabulary import period_label
from ..widgets import sha_details
from .submission_common import (ERROR_STYLE, FAIL_FG, PASS_FG, SubmissionPageBase, empty, hint, recent_periods,
                                selectable, set_row, table)


GONE_FG = QColor("#6b7280")  # a history row whose package is no longer where it was written


class TownshipSubmissionPage(SubmissionPageBase):
    """报送 for a township: finalized months, package generation, 自检, 报送记录."""

    county_mode = False

    def _title(self) -> str:
        return self.tr("报送")

    def page_shown(self) -> None:
        self.refresh()

    def _build(self, lay: QVBoxLayout) -> None:
        self.cert_line = QLabel()
        self.head.addWidget(self.cert_line)

        months = QGroupBox(self.tr("已定稿的月报"))
        lm = QVBoxLayout(months)
        self.months_table = table([self.tr("报告期"), self.tr("版次"), self.tr("月报状态"), self.tr("定稿时间"),
                                   self.tr("报送情况")])
        self.months_table.setMinimumHeight(150)
        self.months_empty = empty(self.tr("近两年还没有定稿的月报。请先在“月报”中由纪委书记定稿，再回到这里生成报送包。"))
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
        self.select_hint = hint()
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
        self.result_name = selectable(QLabel())
        self.result_sha = selectable(QLabel())
        self.result_carry = selectable(QLabel())
        self.result_warn = selectable(hint())
        for w in (self.result_status, self.result_name, self.result_sha, self.result_carry, self.result_warn):
            lr.addWidget(w)
        self.result_box.hide()

        history = QGroupBox(self.tr("报送记录"))
        lh = QVBoxLayout(history)
        self.history_table = table([self.tr("报告期"), self.tr("版次"), self.tr("文件包"), self.tr("校验码"),
                                    self.tr("写入位置"), self.tr("生成时间"), self.tr("操作人")], stretch=4)
        self.history_empty = empty(self.tr("还没有生成过报送包。生成后，每一次写入U盘的报送包都记录在这里。"))
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
        subs = township.list_submissions(ws)
        status = None
        if allowed(self.roles, "keys.manage"):
            status = keys.key_status(ws)
        return found, subs, status

    def refresh(self) -> None:
        """Re-read the finalized months, the certificate state and the history."""
        QueryOp(self, self._load_township).success(self._fill).failure(self._load_failed).run()

    def _load_failed(self, exc: BaseException) -> None:
        self.months_table.setRowCount(0)
        self.months_table.hide()
        self.months_empty.setText(error_text(exc))
        self.months_empty.show()
        self.history_table.hide()
        self.generate_button.setEnabled(False)

    def _fill(self, loaded) -> None:
        months, subs, cert = loaded
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
            set_row(t, r, (period_label(row["period"]), row["revision"] or "", row["state"],
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
            # A package no longer where it was written (stick taken away, moved) keeps its row, marked.
            name = s["file_name"] if s["present"] else self.tr("{name}（文件已不在原位置）").format(name=s["file_name"])
            set_row(h, r, (period_label(s["period"]), s["revision"], name, s["sha256"][:16] + "…",
                            s["target"], local_time(s["created_at"]), s["created_by"]),
                    None if s["present"] else GONE_FG)
            h.item(r, 3).setToolTip(sha_details(s["sha256"]))
            if not s["present"]:
                h.item(r, 2).setToolTip(self.tr("生成时写入“{path}”，现在那里已没有这个文件包（U盘已取下，"
                                                "或文件已移动、删除）。").format(path=s["target"]))
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
            self.select_hint.setText(self.tr("将为{p}月报生成报送包。").format(p=period_label(period)))
        else:
            self.select_hint.setText(self.tr("请先在上表中选择一个月份。"))

    def generate_package(self, period: str | None = None) -> None:
        """Target folder (stick), passphrase, then sign + write + re-verify off the GUI thread.

        The end is ``sig_package_written`` (and ``last_result``), or the failure in the result box."""
        period = period or self.selected_period()
        if period is None or not allowed(self.roles, "package.create"):
            return
        title = self.tr("生成报送包")
        folder = Interaction.folder(self, self.tr("选择写入报送包的位置（如U盘）"), last_dir(self.ctx, "submission"))
        if not folder:
            return
        target = Path(folder)
        remember_dir(self.ctx, "submission", target)
        passphrase = ask_passphrase(self, title, self.tr("输入本单位签名私钥的口令（{p}月报）：")
                                    .format(p=period_label(period)))
        if passphrase is None:
            return
        make_zip = bool(self.form_combo.currentData())
        ws = self.ctx.ws
        DbOp(self, lambda: township.build_submission(ws, period, target, passphrase, make_zip=make_zip)) \
            .progress(self.tr("正在签名、写入并复核报送包……")).success(self._written).failure(self._generation_failed).run()

    def _written(self, result: township.SubmissionResult) -> None:
        self.last_result = result
        self._show_result(result)
        self.refresh()
        self.sig_package_written.emit(result)

    def _generation_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):  # a stick pulled out mid-way
            self._show_failure(self.tr("写入报送包失败：{e}。请检查U盘后重试。").format(e=exc.strerror or exc))
        else:
            self._show_failure(error_text(exc))

    def _show_failure(self, message: str) -> None:
        self.result_box.show()
        self.result_status.setText(self.tr("✗ 未生成报送包：{m}").format(m=message))
        self.result_status.setStyleSheet(ERROR_STYLE)
        for w in (self.result_name, self.result_sha, self.result_carry, self.result_warn):
            w.clear()
            w.hide()

    def _show_result(self, r: township.SubmissionResult) -> None:
        self.result_box.show()
        self.result_status.setText(self.tr("✓ {p}月报第 {n} 版报送包已写入并复核通过。")
                                   .format(p=period_label(r.period), n=r.revision))
        self.result_status.setStyleSheet(NOTICE_STYLE + "font-weight:bold;")
        self.result_name.setText(self.tr("文件包名称：{name}").format(name=r.file_name))
        self.result_sha.setText(self.tr("校验码：{sha}").format(sha=r.sha256))
        self.result_sha.setToolTip(self.tr("按 SHA-256 计算；县纪委可据此核对收到的文件包与写出的一致"))
        carry = self.tr("请携带：U盘中的文件夹“{name}”（{path}），整个文件夹交县纪委。").format(
            name=Path(r.folder).name, path=r.folder)
        if r.zip_path:
            carry += "\n" + self.tr("如需电子传送，请发送压缩包：{zip}").format(zip=r.zip_path)
        self.result_carry.setText(carry)
        self.result_warn.setText("\n".join(r.warnings))
        for w in (self.result_name, self.result_sha, self.result_carry):
            w.show()
        self.result_warn.setVisible(bool(r.warnings))

    def self_check(self, path: Path | str | None = None, kind: str = "folder") -> None:
        """自检: verify a package (folder or zip) against the installed county root; show every check.

        The root is read on the database worker, the package verified on the export pool; the
        result dialog is ``verify_dialog``."""
        if path is None:
            if kind == "zip":
                chosen = Interaction.open_path(self, self.tr("选择要自检的报送包压缩包"), last_dir(self.ctx, "submission"),
                                               self.tr("ZIP 压缩包 (*.zip)"))
            else:
                chosen = Interaction.folder(self, self.tr("选择要自检的报送包文件夹"), last_dir(self.ctx, "submission"))
            if not chosen:
                return
            path = chosen
        path = Path(path)
        remember_dir(self.ctx, "submission", path)
        ws = self.ctx.ws
        code = self.org.code if self.org else None
        title = self.tr("自检未完成")

        def verify(root: str) -> None:
            QueryOp(self, lambda: verify_package(path, root_pem=root, expected_org_code=code, now=ws.now()), pool=True) \
                .progress(self.tr("正在逐项核验报送包……")).error_title(title).success(self._show_check).run()

        QueryOp(self, lambda: keys.signing_material(ws).root_pem).error_title(title).success(verify).run()

    def _show_check(self, report) -> None:
        dialog = VerifyResultDialog(report, self, settings=self.ctx.settings, title=self.tr("报送包自检结果"))
        self.verify_dialog = dialog
        dialog.open()
