"""What the township and county 证书 tabs share: styles, readable dates, fingerprints and subjects, the small
labels, and the tab's frame (a scrolling body, the permission check, ``sig_changed``)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from services.security.permissions import allowed

from ..context import AppContext, org_summary

WARN_DAYS = 30
WARN_STYLE = "color:#b91c1c; font-weight:bold;"
NOTICE_STYLE = ("background:#e9f7ee; border:1px solid #9fd5b1; border-radius:3px; padding:6px 10px;"
                "color:#14532d;")
OK_STYLE = "color:#166534;"


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


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    return label


def notice() -> QLabel:
    """A green "done, and here is what to do next" box under a step; hidden until used."""
    label = QLabel()
    label.setObjectName("Notice")
    label.setWordWrap(True)
    label.setStyleSheet(NOTICE_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class CertificatesTabBase(QWidget):
    """The 证书 tab's frame; a subclass builds its mode's content (``_build``) and fills it (``_refresh``)."""

    sig_changed = Signal()
    """A key, certificate, root or revocation changed (other pages may re-check readiness)."""

    permission = ""
    county_mode = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # blocking: the office's code names the files the tab proposes, read before the tab is built
        self.org = ctx.call_db(self, lambda: org_summary(ctx.ws))
        user = ctx.ws.current_user
        roles = user.roles if user else frozenset()
        self.can_manage = allowed(roles, self.permission)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(14, 14, 14, 14)
        self.body_layout.setSpacing(14)
        if not self.can_manage:
            self.body_layout.addWidget(hint(self.tr("管理密钥和证书需要纪委书记或系统管理员的权限。")))
        else:
            self._build()
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

    def _build(self) -> None:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        if self.can_manage:
            self._refresh()
