"""设置 → 证书, township mode (keys.manage): ① make the signing key and the request file (.csr) for the county,
② install the certificate the county issued together with the county root, ③ what is installed.
Files travel by USB; the passphrase is typed each time and never stored."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from services.errors import DomainError
from services.submission import keys

from ..local_times import local_date
from ..operations import DbOp, QueryOp
from ..usb_files import ask_passphrase, choose_open_file, read_file, save_file
from ..widgets import confirm, primary, show_error
from .certificates_common import (OK_STYLE, WARN_DAYS, WARN_STYLE, CertificatesTabBase, hint, notice, readable_subject,
                                  say, short_fp, value_label)


class TownshipCertificatesTab(CertificatesTabBase):
    """The township's signing key and certificate."""

    permission = "keys.manage"
    county_mode = False

    def _build(self) -> None:
        intro = hint(self.tr("报送月报时，报表和报送包要用本单位的电子签名。签名密钥只保存在本机，口令由纪委书记掌握，"
                              "系统不保存口令。按下面三步办理，文件用U盘往返县纪委。"))
        self.body_layout.addWidget(intro)

        step1 = QGroupBox(self.tr("第一步　生成签名密钥和证书申请文件"))
        l1 = QVBoxLayout(step1)
        l1.addWidget(hint(self.tr("设置私钥口令（至少 8 个字符，输入两次），系统生成签名密钥和证书申请文件（.csr）。"
                                   "请将申请文件保存到U盘，交县纪委签发证书。")))
        self.create_button = primary(QPushButton(self.tr("生成密钥和申请文件…")))
        self.resave_button = QPushButton(self.tr("再次保存申请文件…"))
        self.step1_state = value_label()
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.resave_button)
        row.addWidget(self.step1_state, 1)
        l1.addLayout(row)
        self.step1_notice = notice()
        l1.addWidget(self.step1_notice)
        self.body_layout.addWidget(step1)

        step2 = QGroupBox(self.tr("第二步　安装县纪委签发的证书"))
        l2 = QVBoxLayout(step2)
        l2.addWidget(hint(self.tr("县纪委签发后会交回两个文件：本单位的证书（如 QS001-证书.pem）和县纪委根证书"
                                   "（{root}）。依次选择这两个文件，再输入第一步设置的私钥口令。")
                          .format(root=keys.ROOT_HANDOUT_FILE)))
        self.install_button = primary(QPushButton(self.tr("安装证书…")))
        self.step2_state = value_label()
        row = QHBoxLayout()
        row.addWidget(self.install_button)
        row.addWidget(self.step2_state, 1)
        l2.addLayout(row)
        self.step2_notice = notice()
        l2.addWidget(self.step2_notice)
        self.body_layout.addWidget(step2)

        step3 = QGroupBox(self.tr("第三步　证书状态"))
        form = QFormLayout(step3)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.status_fields: dict[str, QLabel] = {}
        for key, label in (("org", self.tr("单位：")), ("subject", self.tr("证书主题：")),
                           ("serial", self.tr("证书序列号：")), ("valid_until", self.tr("有效期至：")),
                           ("days_left", self.tr("剩余天数：")), ("root_fingerprint", self.tr("县纪委根证书指纹：")),
                           ("warning", self.tr("提示："))):
            value = value_label()
            self.status_fields[key] = value
            form.addRow(label, value)
        self.status_fields["root_fingerprint"].setToolTip(
            self.tr("可与县纪委电话核对前几组字符，确认根证书没有被调换"))
        self.body_layout.addWidget(step3)

        self.create_button.clicked.connect(self.create_key)
        self.resave_button.clicked.connect(self.save_request_again)
        self.install_button.clicked.connect(self.install_certificate)

    def _refresh(self) -> None:
        QueryOp(self, lambda: keys.key_status(self.ctx.ws)).success(self._show_status).failure(self._status_failed).run()

    def _status_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            show_error(self, exc)
            return
        self.status_fields["warning"].setText(exc.message)  # said in ③, where the status would be

    def _show_status(self, st: dict) -> None:
        self.key_state = st
        f = self.status_fields
        f["org"].setText(f"{st['org_name']}（{st['org_code']}）")
        if st["has_key"]:
            self.step1_state.setText(self.tr("✓ 已生成签名密钥和证书申请文件"))
            self.step1_state.setStyleSheet(OK_STYLE)
            self.create_button.setText(self.tr("重新生成…"))
        else:
            self.step1_state.setText(self.tr("尚未生成"))
            self.step1_state.setStyleSheet("")
            self.create_button.setText(self.tr("生成密钥和申请文件…"))
        self.resave_button.setEnabled(bool(st["has_request"]))
        self.install_button.setEnabled(bool(st["has_key"]))
        if st["has_cert"]:
            self.step2_state.setText(self.tr("✓ 已安装证书"))
            self.step2_state.setStyleSheet(OK_STYLE)
        else:
            self.step2_state.setText(self.tr("尚未安装证书") if st["has_key"] else self.tr("请先完成第一步"))
            self.step2_state.setStyleSheet("")
        none = self.tr("（尚未安装证书）")
        f["subject"].setText(readable_subject(st["subject"]) or none)
        f["subject"].setToolTip(st["subject"] or "")
        f["serial"].setText(st["serial"] or "")
        f["valid_until"].setText(local_date(st["valid_until"]) if st["valid_until"] else "")
        days = st["days_left"]
        if st["has_cert"]:
            text = self.tr("已过期") if st["expired"] else self.tr("{n} 天").format(n=days)
            f["days_left"].setText(text)
            f["days_left"].setStyleSheet(WARN_STYLE if st["expired"] or days < WARN_DAYS else OK_STYLE)
        else:
            f["days_left"].setText("")
        f["root_fingerprint"].setText(short_fp(st["root_fingerprint"]) or self.tr("（尚未安装）"))
        warning = st["warning"] or ""
        if not st["has_cert"] and not warning:
            warning = self.tr("尚未安装证书，还不能生成报送包：请按第一步、第二步办理")
        elif st["has_cert"] and not st["expired"] and days < WARN_DAYS and not warning:
            warning = self.tr("签章证书将于 {n} 天后过期，请及早向县纪委申请新证书").format(n=days)
        f["warning"].setText(warning or self.tr("证书有效，可以生成报送包"))
        f["warning"].setStyleSheet(WARN_STYLE if warning else OK_STYLE)

    def _request_name(self) -> str:
        code = self.org.code if self.org else "jijian"
        return f"{code}-证书申请.csr"

    def create_key(self) -> None:
        """① passphrase twice → key + CSR (on the database worker: the key files and the audit event are
        written together) → save the .csr for the county."""
        title = self.tr("生成签名密钥")
        replace = bool(getattr(self, "key_state", {}).get("has_key"))
        if replace and not confirm(self, self.tr("本机已有签名密钥。重新生成后，原来的密钥和证书将停用（旧文件会另存保留），"
                                                 "必须把新的申请文件交县纪委重新签发证书。\n\n确定重新生成吗？"), title):
            return
        passphrase = ask_passphrase(self, title, self.tr("设置私钥口令（至少 8 个字符，请牢记，系统不保存）："),
                                    twice=True)
        if passphrase is None:
            return

        def created(csr: bytes) -> None:
            self.refresh()
            self.sig_changed.emit()
            self._save_request(csr)

        DbOp(self, lambda: keys.create_signing_key(self.ctx.ws, passphrase, replace=replace)) \
            .progress(self.tr("正在生成签名密钥……")).error_title(title).success(created).run()

    def _save_request(self, csr: bytes) -> None:
        target = save_file(self, self.ctx, self.tr("保存证书申请文件"), self._request_name(),
                           self.tr("证书申请文件 (*.csr)"), csr)
        if target is not None:
            say(self.step1_notice, self.tr("证书申请文件已保存：{p}\n请将此文件用U盘交县纪委。县纪委签发后，"
                                            "把交回的证书和根证书在“第二步”安装。").format(p=target))

    def save_request_again(self) -> None:
        QueryOp(self, lambda: keys.request_pem(self.ctx.ws)).success(self._save_request).run()

    def install_certificate(self) -> None:
        """② choose the certificate and 县纪委根证书.pem, the passphrase → install."""
        title = self.tr("安装证书")
        pem_filter = self.tr("证书文件 (*.pem *.crt *.cer);;所有文件 (*)")
        cert_path = choose_open_file(self, self.ctx, self.tr("选择县纪委签发的本单位证书"), pem_filter)
        if cert_path is None:
            return
        root_path = choose_open_file(self, self.ctx, self.tr("选择县纪委根证书（{root}）").format(root=keys.ROOT_HANDOUT_FILE), pem_filter)
        if root_path is None:
            return
        cert, root = read_file(self, cert_path), read_file(self, root_path)
        if cert is None or root is None:
            return
        passphrase = ask_passphrase(self, title, self.tr("输入私钥口令（第一步设置的口令）："))
        if passphrase is None:
            return

        def installed(st: dict) -> None:
            self.refresh()
            self.sig_changed.emit()
            say(self.step2_notice, self.tr("证书已安装，有效期至 {d}。现在可以在“报送”中生成报送包。")
                 .format(d=local_date(st["valid_until"])))

        # on the database worker: the certificate is checked against the key and installed with its audit event
        DbOp(self, lambda: keys.install_certificate(self.ctx.ws, cert, root, passphrase)) \
            .error_title(title).success(installed).run()
