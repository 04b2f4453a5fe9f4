"""设置 → 证书: the township's signing key and certificate, or the county's root and issued certificates.

Township: ① make the key and the request file (.csr) for the county, ② install the certificate the
county issued together with the county root, ③ what is installed. County: create the root once,
issue certificates for requests, revoke, export the revocation list. Files travel by USB; the
passphrases are typed each time and never stored.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QPushButton, QScrollArea, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import OrgMode
from services import county_ca, keys, pki
from services.errors import DomainError, StateError
from services.files import atomic_write_bytes
from services.permissions import allowed

from ..context import AppContext, org_summary
from ..widgets import confirm, primary, show_error

LAST_DIR_KEY = "files/last_usb_dir"
WARN_DAYS = 30
WARN_STYLE = "color:#b91c1c; font-weight:bold;"
NOTICE_STYLE = ("background:#e9f7ee; border:1px solid #9fd5b1; border-radius:3px; padding:6px 10px;"
                "color:#14532d;")
OK_STYLE = "color:#166534;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CertificatesTab", text)


# ---------------------------------------------------------------- small shared helpers (also used by 报送, 备份)

def ask_passphrase(parent: QWidget | None, title: str, label: str, *, twice: bool = False) -> str | None:
    """Ask for a passphrase (masked); ``twice`` asks again to confirm. None when cancelled or mismatched."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    if not ok:
        return None
    if twice:
        again, ok = QInputDialog.getText(parent, title, _tr("请再次输入口令："), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if again != text:
            show_error(parent, StateError(_tr("两次输入的口令不一致，请重新操作。")), title)
            return None
    return text


def last_dir(ctx: AppContext) -> str:
    return str(ctx.settings.value(LAST_DIR_KEY, str(Path.home())) or Path.home())


def remember_dir(ctx: AppContext, path: Path) -> None:
    ctx.settings.setValue(LAST_DIR_KEY, str(path if path.is_dir() else path.parent))


def choose_open_file(parent: QWidget, ctx: AppContext, caption: str, file_filter: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, last_dir(ctx), file_filter)
    if not path:
        return None
    remember_dir(ctx, Path(path))
    return Path(path)


def save_file(parent: QWidget, ctx: AppContext, caption: str, default_name: str, file_filter: str,
              data: bytes) -> Path | None:
    """Ask where, then write ``data`` atomically; errors (stick full, read-only) are shown. The path or None."""
    suffix = Path(default_name).suffix
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(Path(last_dir(ctx)) / default_name), file_filter)
    if not path:
        return None
    target = Path(path)
    if suffix and target.suffix.lower() != suffix.lower():
        target = target.with_name(target.name + suffix)
    try:
        atomic_write_bytes(target, data)
    except DomainError as exc:
        show_error(parent, exc, _tr("文件未保存"))
        return None
    remember_dir(ctx, target)
    return target


def read_file(parent: QWidget, path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        show_error(parent, StateError(_tr("无法读取文件 {p}：{e}").format(p=path, e=exc.strerror or exc)))
        return None


def local_date(value: str | dt.datetime | None) -> str:
    if not value:
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d")


def short_fp(fingerprint: str | None) -> str:
    """"ab12 cd34 … " groups of four, so it can be read aloud over the phone."""
    if not fingerprint:
        return ""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4)).upper()


def readable_subject(rfc4514: str | None) -> str:
    """"2.5.4.5=QS001,CN=青山镇纪委,O=…" → "青山镇纪委（编号 QS001）"."""
    if not rfc4514:
        return ""
    parts = dict(p.split("=", 1) for p in rfc4514.split(",") if "=" in p)
    name = parts.get("CN") or parts.get("O") or rfc4514
    code = parts.get("2.5.4.5") or parts.get("serialNumber")
    return f"{name}（编号 {code}）" if code else name


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def _notice() -> QLabel:
    """A green "done, and here is what to do next" box under a step; hidden until used."""
    label = QLabel()
    label.setObjectName("Notice")
    label.setWordWrap(True)
    label.setStyleSheet(NOTICE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _value() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class CertificatesTab(QWidget):
    """The 证书 tab; its content depends on the installation's mode (township or county)."""

    sig_changed = Signal()
    """A key, certificate, root or revocation changed (other pages may re-check readiness)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        org = ctx.call_db(self, lambda: org_summary(ctx.ws))
        self.org = org
        self.county_mode = bool(org and org.mode == OrgMode.county.value)
        user = ctx.ws.current_user
        roles = user.roles if user else frozenset()
        self.can_manage = allowed(roles, "ca.manage" if self.county_mode else "keys.manage")
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(14, 14, 14, 14)
        self.body_layout.setSpacing(14)
        if not self.can_manage:
            self.body_layout.addWidget(_hint(self.tr("管理密钥和证书需要纪委书记或系统管理员的权限。")))
        elif self.county_mode:
            self._build_county()
        else:
            self._build_township()
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)
        if self.can_manage:
            self.refresh()

    def _db(self, fn: Callable[[], Any], title: str = "") -> Any:
        return self.ctx.call_db(self, fn, title)

    # ================================================================ township
    def _build_township(self) -> None:
        intro = _hint(self.tr("报送月报时，报表和报送包要用本单位的电子签名。签名密钥只保存在本机，口令由纪委书记掌握，"
                              "系统不保存口令。按下面三步办理，文件用U盘往返县纪委。"))
        self.body_layout.addWidget(intro)

        step1 = QGroupBox(self.tr("第一步　生成签名密钥和证书申请文件"))
        l1 = QVBoxLayout(step1)
        l1.addWidget(_hint(self.tr("设置私钥口令（至少 8 个字符，输入两次），系统生成签名密钥和证书申请文件（.csr）。"
                                   "请将申请文件保存到U盘，交县纪委签发证书。")))
        self.create_button = primary(QPushButton(self.tr("生成密钥和申请文件…")))
        self.resave_button = QPushButton(self.tr("再次保存申请文件…"))
        self.step1_state = _value()
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.resave_button)
        row.addWidget(self.step1_state, 1)
        l1.addLayout(row)
        self.step1_notice = _notice()
        l1.addWidget(self.step1_notice)
        self.body_layout.addWidget(step1)

        step2 = QGroupBox(self.tr("第二步　安装县纪委签发的证书"))
        l2 = QVBoxLayout(step2)
        l2.addWidget(_hint(self.tr("县纪委签发后会交回两个文件：本单位的证书（如 QS001-证书.pem）和县纪委根证书"
                                   "（ROOT.pem）。依次选择这两个文件，再输入第一步设置的私钥口令。")))
        self.install_button = primary(QPushButton(self.tr("安装证书…")))
        self.step2_state = _value()
        row = QHBoxLayout()
        row.addWidget(self.install_button)
        row.addWidget(self.step2_state, 1)
        l2.addLayout(row)
        self.step2_notice = _notice()
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
            value = _value()
            self.status_fields[key] = value
            form.addRow(label, value)
        self.status_fields["root_fingerprint"].setToolTip(
            self.tr("可与县纪委电话核对前几组字符，确认根证书没有被调换"))
        self.body_layout.addWidget(step3)

        self.create_button.clicked.connect(self.create_key)
        self.resave_button.clicked.connect(self.save_request_again)
        self.install_button.clicked.connect(self.install_certificate)

    def _refresh_township(self) -> None:
        try:
            st = self._db(lambda: keys.key_status(self.ctx.ws))
        except DomainError as exc:
            self.status_fields["warning"].setText(exc.message)
            return
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

    def create_key(self) -> Path | None:
        """① passphrase twice → key + CSR → save the .csr for the county. The saved path or None."""
        title = self.tr("生成签名密钥")
        replace = bool(getattr(self, "key_state", {}).get("has_key"))
        if replace and not confirm(self, self.tr("本机已有签名密钥。重新生成后，原来的密钥和证书将停用（旧文件会另存保留），"
                                                 "必须把新的申请文件交县纪委重新签发证书。\n\n确定重新生成吗？"), title):
            return None
        passphrase = ask_passphrase(self, title, self.tr("设置私钥口令（至少 8 个字符，请牢记，系统不保存）："),
                                    twice=True)
        if passphrase is None:
            return None
        try:
            csr = self._db(lambda: keys.create_signing_key(self.ctx.ws, passphrase, replace=replace))
        except DomainError as exc:
            show_error(self, exc, title)
            return None
        self.refresh()
        self.sig_changed.emit()
        return self._save_request(csr)

    def _save_request(self, csr: bytes) -> Path | None:
        target = save_file(self, self.ctx, self.tr("保存证书申请文件"), self._request_name(),
                           self.tr("证书申请文件 (*.csr)"), csr)
        if target is not None:
            _say(self.step1_notice, self.tr("证书申请文件已保存：{p}\n请将此文件用U盘交县纪委。县纪委签发后，"
                                            "把交回的证书和根证书在“第二步”安装。").format(p=target))
        return target

    def save_request_again(self) -> Path | None:
        try:
            csr = self._db(lambda: keys.request_pem(self.ctx.ws))
        except DomainError as exc:
            show_error(self, exc)
            return None
        return self._save_request(csr)

    def install_certificate(self) -> bool:
        """② choose CERT.pem and ROOT.pem, the passphrase → install."""
        title = self.tr("安装证书")
        pem_filter = self.tr("证书文件 (*.pem *.crt *.cer);;所有文件 (*)")
        cert_path = choose_open_file(self, self.ctx, self.tr("选择县纪委签发的本单位证书"), pem_filter)
        if cert_path is None:
            return False
        root_path = choose_open_file(self, self.ctx, self.tr("选择县纪委根证书（ROOT.pem）"), pem_filter)
        if root_path is None:
            return False
        cert, root = read_file(self, cert_path), read_file(self, root_path)
        if cert is None or root is None:
            return False
        passphrase = ask_passphrase(self, title, self.tr("输入私钥口令（第一步设置的口令）："))
        if passphrase is None:
            return False
        try:
            st = self._db(lambda: keys.install_certificate(self.ctx.ws, cert, root, passphrase))
        except DomainError as exc:
            show_error(self, exc, title)
            return False
        self.refresh()
        self.sig_changed.emit()
        _say(self.step2_notice, self.tr("证书已安装，有效期至 {d}。现在可以在“报送”中生成报送包。")
             .format(d=local_date(st["valid_until"])))
        return True

    # ================================================================ county
    def _build_county(self) -> None:
        self.body_layout.addWidget(_hint(self.tr(
            "县纪委是本县各乡镇电子签名的发证机构：先创建一次根证书，把根证书文件发给各乡镇；乡镇交来证书申请文件（.csr）后"
            "为其签发证书，证书文件交回乡镇安装。根证书私钥的口令由县纪委掌握，系统不保存。")))

        root_box = QGroupBox(self.tr("县纪委根证书"))
        lr = QVBoxLayout(root_box)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.root_state = _value()
        self.root_subject = _value()
        self.root_valid = _value()
        self.root_fp = _value()
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
        self.root_notice = _notice()
        lr.addWidget(self.root_notice)
        self.body_layout.addWidget(root_box)

        issued = QGroupBox(self.tr("签发的证书"))
        li = QVBoxLayout(issued)
        li.addWidget(_hint(self.tr("选择乡镇交来的证书申请文件（.csr），输入根证书口令，保存签发的证书文件（.pem），"
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
        self.issue_notice = _notice()
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
        self.cert_empty = _hint(self.tr("还没有签发过证书。"))
        li.addWidget(self.cert_empty)
        self.body_layout.addWidget(issued)

        self.init_root_button.clicked.connect(self.init_root)
        self.export_root_button.clicked.connect(self.export_root)
        self.issue_button.clicked.connect(self.issue_certificate)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.crl_button.clicked.connect(self.export_crl)
        self.cert_table.itemSelectionChanged.connect(self._selection_changed)

    def _root_pem(self) -> bytes | None:
        try:
            return county_ca.root_cert_pem(self.ctx.ws)
        except StateError:
            return None

    def _refresh_county(self) -> None:
        root = self._root_pem()
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
        try:
            self.certificates = self._db(lambda: county_ca.list_certificates(self.ctx.ws))
        except DomainError as exc:
            show_error(self, exc)
            self.certificates = []
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
        return "ROOT.pem"

    def init_root(self) -> Path | None:
        """Passphrase twice → create the root → save ROOT.pem to hand to the townships."""
        title = self.tr("初始化根证书")
        passphrase = ask_passphrase(self, title, self.tr("设置根证书私钥口令（至少 8 个字符，请牢记并妥善保管，系统不保存）："),
                                    twice=True)
        if passphrase is None:
            return None
        try:
            pem = self._db(lambda: county_ca.init_root(self.ctx.ws, passphrase))
        except DomainError as exc:
            show_error(self, exc, title)
            return None
        self.refresh()
        self.sig_changed.emit()
        return self._save_root(pem)

    def _save_root(self, pem: bytes) -> Path | None:
        target = save_file(self, self.ctx, self.tr("保存根证书"), self._root_file_name(),
                           self.tr("证书文件 (*.pem)"), pem)
        if target is not None:
            _say(self.root_notice, self.tr("根证书已保存：{p}\n请将此文件发给各乡镇纪委，与各自的证书一起安装。")
                 .format(p=target))
        return target

    def export_root(self) -> Path | None:
        pem = self._root_pem()
        return self._save_root(pem) if pem else None

    def issue_certificate(self) -> Path | None:
        """Choose a .csr, the root passphrase → issue (asking before replacing a live one) → save the .pem."""
        title = self.tr("签发证书")
        path = choose_open_file(self, self.ctx, self.tr("选择乡镇的证书申请文件"),
                                self.tr("证书申请文件 (*.csr *.pem);;所有文件 (*)"))
        if path is None:
            return None
        csr = read_file(self, path)
        if csr is None:
            return None
        passphrase = ask_passphrase(self, title, self.tr("输入根证书私钥口令："))
        if passphrase is None:
            return None
        replace = False
        while True:
            try:
                pem = self._db(lambda: county_ca.issue(self.ctx.ws, csr, passphrase, replace=replace))
                break
            except StateError as exc:
                if replace or "替换" not in exc.message:
                    show_error(self, exc, title)
                    return None
                text = exc.message.replace("如确需换发，请选择“替换”", "")
                if not confirm(self, self.tr("{m}\n\n确定为其换发新证书吗？原证书在有效期内仍可使用，如需停用请吊销。")
                               .format(m=text.rstrip("；")), title):
                    return None
                replace = True
            except DomainError as exc:
                show_error(self, exc, title)
                return None
        self.refresh()
        self.sig_changed.emit()
        cert = pki.load_certificate(pem)
        name, code = pki.org_of_certificate(cert)
        target = save_file(self, self.ctx, self.tr("保存签发的证书"), f"{code}-证书.pem",
                           self.tr("证书文件 (*.pem)"), pem)
        if target is not None:
            _say(self.issue_notice, self.tr("已为{name}（{code}）签发证书，有效期至 {d}：{p}\n请将此文件连同根证书"
                                            "（ROOT.pem）交回乡镇安装。").format(
                name=name, code=code, d=local_date(cert.not_valid_after_utc), p=target))
        return target

    def revoke_selected(self) -> bool:
        sel = self._selected_cert()
        if sel is None or sel["status"] == "revoked":
            return False
        title = self.tr("吊销证书")
        reason, ok = QInputDialog.getText(self, title, self.tr("吊销{name}（{code}）序列号 {s} 的证书。\n吊销原因：")
                                          .format(name=sel["township_name"], code=sel["township_code"],
                                                  s=sel["serial"]))
        if not ok:
            return False
        passphrase = ask_passphrase(self, title, self.tr("输入根证书私钥口令："))
        if passphrase is None:
            return False
        try:
            self._db(lambda: county_ca.revoke(self.ctx.ws, serial=sel["serial"], reason=reason,
                                              passphrase=passphrase))
        except DomainError as exc:
            show_error(self, exc, title)
            return False
        self.refresh()
        self.sig_changed.emit()
        _say(self.issue_notice, self.tr("已吊销{name}（{code}）序列号 {s} 的证书，此后用它签名的报送包将被拒收。"
                                        "吊销列表已更新，可“导出吊销列表”发给各乡镇。").format(
            name=sel["township_name"], code=sel["township_code"], s=sel["serial"]))
        return True

    def export_crl(self) -> Path | None:
        title = self.tr("导出吊销列表")
        passphrase = ask_passphrase(self, title, self.tr("输入根证书私钥口令（签发新的吊销列表，有效 30 天）："))
        if passphrase is None:
            return None
        try:
            pem = self._db(lambda: county_ca.crl(self.ctx.ws, passphrase))
        except DomainError as exc:
            show_error(self, exc, title)
            return None
        target = save_file(self, self.ctx, title, "CRL.pem", self.tr("吊销列表 (*.pem *.crl)"), pem)
        if target is not None:
            _say(self.issue_notice, self.tr("吊销列表已保存：{p}").format(p=target))
        return target

    # ================================================================
    def refresh(self) -> None:
        if not self.can_manage:
            return
        if self.county_mode:
            self._refresh_county()
        else:
            self._refresh_township()
