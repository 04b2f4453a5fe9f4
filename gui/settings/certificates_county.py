"""设置 → 证书, county mode (ca.manage): create the root once, issue certificates for the townships' requests,
revoke, export the revocation list. Files travel by USB; the root passphrase is typed each time and never stored."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from services.errors import StateError
from services.submission import county_ca, keys, pki

from ..local_times import local_date
from ..operations import DbOp, QueryOp
from ..usb_files import ask_passphrase, choose_open_file, read_file, save_file
from ..widgets import confirm, primary, show_error
from .certificates_common import (OK_STYLE, WARN_STYLE, CertificatesTabBase, hint, notice, readable_subject,
                                  say, short_fp, value_label)


class CountyCertificatesTab(CertificatesTabBase):
    """The county's root and the certificates it issued."""

    permission = "ca.manage"
    county_mode = True

    def _build(self) -> None:
        self.body_layout.addWidget(hint(self.tr(
            "县纪委是本县各乡镇电子签名的发证机构：先创建一次根证书，把根证书文件发给各乡镇；乡镇交来证书申请文件（.csr）后"
            "为其签发证书，证书文件交回乡镇安装。根证书私钥的口令由县纪委掌握，系统不保存。")))

        root_box = QGroupBox(self.tr("县纪委根证书"))
        lr = QVBoxLayout(root_box)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.root_state = value_label()
        self.root_subject = value_label()
        self.root_valid = value_label()
        self.root_fp = value_label()
        form.addRow(self.tr("状态："), self.root_state)
        form.addRow(self.tr("主题："), self.root_subject)
        form.addRow(self.tr("有效期至："), self.root_valid)
        form.addRow(self.tr("指纹："), self.root_fp)
        lr.addLayout(form)
        self.init_root_button = primary(QPushButton(self.tr("初始化根证书…")))
        self.export_root_button = QPushButton(self.tr("导出根证书（发给各乡镇）…"))
        row = QHBoxLayout()
        row.addWidget(self.init_root_button)
        row.addWidget(self.export_root_button)
        row.addStretch(1)
        lr.addLayout(row)
        self.root_notice = notice()
        lr.addWidget(self.root_notice)
        self.body_layout.addWidget(root_box)

        issued = QGroupBox(self.tr("签发的证书"))
        li = QVBoxLayout(issued)
        li.addWidget(hint(self.tr("选择乡镇交来的证书申请文件（.csr），输入根证书口令，保存签发的证书文件（.pem），"
                                   "连同根证书一起交回乡镇。证书有效期两年。")))
        self.issue_button = primary(QPushButton(self.tr("签发证书…")))
        self.revoke_button = QPushButton(self.tr("吊销所选证书…"))
        self.crl_button = QPushButton(self.tr("导出吊销列表…"))
        row = QHBoxLayout()
        row.addWidget(self.issue_button)
        row.addStretch(1)
        row.addWidget(self.revoke_button)
        row.addWidget(self.crl_button)
        li.addLayout(row)
        self.issue_notice = notice()
        li.addWidget(self.issue_notice)
        headers = [self.tr(h) for h in ("乡镇代码", "乡镇名称", "序列号", "有效期起", "有效期至", "状态", "吊销原因")]
        self.cert_table = QTableWidget(0, len(headers))
        self.cert_table.setHorizontalHeaderLabels(headers)
        self.cert_table.verticalHeader().hide()
        self.cert_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cert_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cert_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cert_table.setMinimumHeight(220)
        header = self.cert_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        li.addWidget(self.cert_table)
        self.cert_empty = hint(self.tr("还没有签发过证书。"))
        li.addWidget(self.cert_empty)
        self.body_layout.addWidget(issued)

        self.init_root_button.clicked.connect(self.init_root)
        self.export_root_button.clicked.connect(self.export_root)
        self.issue_button.clicked.connect(self.issue_certificate)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.crl_button.clicked.connect(self.export_crl)
        self.cert_table.itemSelectionChanged.connect(self._selection_changed)

    def _root_pem(self) -> bytes | None:
        """The root certificate, or None before 初始化根证书 (on the database worker)."""
        try:
            return county_ca.root_cert_pem(self.ctx.ws)
        except StateError:
            return None

    def _refresh(self) -> None:
        QueryOp(self, lambda: (self._root_pem(), county_ca.list_certificates(self.ctx.ws))) \
            .success(lambda got: self._show(*got)).run()

    def _show(self, root: bytes | None, certificates: list[dict]) -> None:
        self.has_root = root is not None
        if root is None:
            self.root_state.setText(self.tr("尚未创建根证书：请先“初始化根证书”"))
            self.root_state.setStyleSheet(WARN_STYLE)
            for label in (self.root_subject, self.root_valid, self.root_fp):
                label.setText("")
        else:
            cert = pki.load_certificate(root)
            self.root_state.setText(self.tr("✓ 已创建"))
            self.root_state.setStyleSheet(OK_STYLE)
            self.root_subject.setText(readable_subject(cert.subject.rfc4514_string()))
            self.root_subject.setToolTip(cert.subject.rfc4514_string())
            self.root_valid.setText(local_date(cert.not_valid_after_utc))
            self.root_fp.setText(short_fp(pki.fingerprint(cert)))
        self.init_root_button.setEnabled(root is None)
        for b in (self.export_root_button, self.issue_button, self.crl_button):
            b.setEnabled(root is not None)
        self.certificates = certificates
        t = self.cert_table
        t.setRowCount(len(self.certificates))
        for r, c in enumerate(self.certificates):
            values = (c["township_code"], c["township_name"], c["serial"], local_date(c["not_before"]),
                      local_date(c["not_after"]), c["status_label"], c["revocation_reason"])
            for col, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if c["status"] != "valid":
                    item.setForeground(Qt.GlobalColor.darkRed)
                t.setItem(r, col, item)
        t.setVisible(bool(self.certificates))
        self.cert_empty.setVisible(not self.certificates)
        self._selection_changed()

    def _selected_cert(self) -> dict | None:
        rows = self.cert_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.certificates[rows[0].row()]

    def _selection_changed(self) -> None:
        sel = self._selected_cert()
        self.revoke_button.setEnabled(bool(sel and sel["status"] != "revoked"))

    def _root_file_name(self) -> str:
        return keys.ROOT_HANDOUT_FILE

    # The root key's work (create, issue, revoke, the CRL) stays on the database worker: each service call
    # signs and records its audit event in one go, so there is no snapshot to hand to the export pool.
    def init_root(self) -> None:
        """Passphrase twice → create the root → save 县纪委根证书.pem to hand to the townships."""
        title = self.tr("初始化根证书")
        passphrase = ask_passphrase(self, title, self.tr("设置根证书私钥口令（至少 8 个字符，请牢记并妥善保管，系统不保存）："),
                                    twice=True)
        if passphrase is None:
            return

        def created(pem: bytes) -> None:
            self.refresh()
            self.sig_changed.emit()
            self._save_root(pem)

        DbOp(self, lambda: county_ca.init_root(self.ctx.ws, passphrase)) \
            .progress(self.tr("正在生成根证书……")).error_title(title).success(created).run()

    def _save_root(self, pem: bytes | None) -> None:
        if not pem:
            return
        target = save_file(self, self.ctx, self.tr("保存根证书"), self._root_file_name(),
                           self.tr("证书文件 (*.pem)"), pem)
        if target is not None:
            say(self.root_notice, self.tr("根证书已保存：{p}\n请将此文件发给各乡镇纪委，与各自的证书一起安装。")
                 .format(p=target))

    def export_root(self) -> None:
        QueryOp(self, self._root_pem).success(self._save_root).run()

    def issue_certificate(self) -> None:
        """Choose a .csr, the root passphrase → issue (asking before replacing a live one) → save the .pem."""
        title = self.tr("签发证书")
        path = choose_open_file(self, self.ctx, self.tr("选择乡镇的证书申请文件"),
                                self.tr("证书申请文件 (*.csr *.pem);;所有文件 (*)"))
        if path is None:
            return
        csr = read_file(self, path)
        if csr is None:
            return
        passphrase = ask_passphrase(self, title, self.tr("输入根证书私钥口令："))
        if passphrase is None:
            return
        self._issue(csr, passphrase, title, replace=False)

    def _issue(self, csr: bytes, passphrase: str, title: str, *, replace: bool) -> None:
        def refused(exc: BaseException) -> None:
            if replace or not isinstance(exc, StateError) or "替换" not in exc.message:
                show_error(self, exc, title)
                return
            text = exc.message.replace("如确需换发，请选择“替换”", "")
            if confirm(self, self.tr("{m}\n\n确定为其换发新证书吗？原证书在有效期内仍可使用，如需停用请吊销。")
                       .format(m=text.rstrip("；")), title):
                self._issue(csr, passphrase, title, replace=True)

        DbOp(self, lambda: county_ca.issue(self.ctx.ws, csr, passphrase, replace=replace)) \
            .success(self._issued).failure(refused).run()

    def _issued(self, pem: bytes) -> None:
        self.refresh()
        self.sig_changed.emit()
        cert = pki.load_certificate(pem)
        name, code = pki.org_of_certificate(cert)
        target = save_file(self, self.ctx, self.tr("保存签发的证书"), f"{code}-证书.pem",
                           self.tr("证书文件 (*.pem)"), pem)
        if target is not None:
            say(self.issue_notice, self.tr("已为{name}（{code}）签发证书，有效期至 {d}：{p}\n请将此文件连同根证书"
                                            "（{root}）交回乡镇安装。").format(
                name=name, code=code, d=local_date(cert.not_valid_after_utc), p=target, root=keys.ROOT_HANDOUT_FILE))

    def revoke_selected(self) -> None:
        sel = self._selected_cert()
        if sel is None or sel["status"] == "revoked":
            return
        title = self.tr("吊销证书")
        reason, ok = QInputDialog.getText(self, title, self.tr("吊销{name}（{code}）序列号 {s} 的证书。\n吊销原因：")
                                          .format(name=sel["township_name"], code=sel["township_code"],
                                                  s=sel["serial"]))
        if not ok:
            return
        passphrase = ask_passphrase(self, title, self.tr("输入根证书私钥口令："))
        if passphrase is None:
            return

        def revoked(_result: dict) -> None:
            self.refresh()
            self.sig_changed.emit()
            say(self.issue_notice, self.tr("已吊销{name}（{code}）序列号 {s} 的证书，此后用它签名的报送包将被拒收。"
                                            "吊销列表已更新，可“导出吊销列表”发给各乡镇。").format(
                name=sel["township_name"], code=sel["township_code"], s=sel["serial"]))

        DbOp(self, lambda: county_ca.revoke(self.ctx.ws, serial=sel["serial"], reason=reason, passphrase=passphrase)) \
            .error_title(title).success(revoked).run()

    def export_crl(self) -> None:
        title = self.tr("导出吊销列表")
        passphrase = ask_passphrase(self, title, self.tr("输入根证书私钥口令（签发新的吊销列表，有效 30 天）："))
        if passphrase is None:
            return

        def signed(pem: bytes) -> None:
            target = save_file(self, self.ctx, title, "CRL.pem", self.tr("吊销列表 (*.pem *.crl)"), pem)
            if target is not None:
                say(self.issue_notice, self.tr("吊销列表已保存：{p}").format(p=target))

        DbOp(self, lambda: county_ca.crl(self.ctx.ws, passphrase)).error_title(title).success(signed).run()
