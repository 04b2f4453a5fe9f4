"""A page that states plainly what it will hold, and the page shown when a page module is broken."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("PageTitle")
    return label


class PlaceholderPage(QWidget):
    """Title, what the page will hold, and that it comes in a later version. Nothing pretends to work."""

    def __init__(self, ctx, spec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        card = QFrame()
        card.setObjectName("Card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(12)
        self.summary = QLabel(spec.display_summary())
        self.summary.setObjectName("PageLead")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(self.tr("（本页将在下一版本提供）"))
        self.note.setObjectName("PageNote")
        inner.addWidget(self.summary)
        inner.addWidget(self.note)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(16)
        lay.addWidget(_heading(spec.display_title()))
        lay.addWidget(card)
        lay.addStretch(1)

    def text(self) -> str:
        return f"{self.summary.text()}{self.note.text()}"


class ErrorPage(QWidget):
    """Shown instead of a page whose module failed to import or to build."""

    def __init__(self, spec, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.message = QLabel(self.tr("“{title}”页面加载失败，其他功能不受影响。请将下面的错误信息告知系统管理员。")
                              .format(title=spec.display_title()))
        self.message.setObjectName("FormError")
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(12)
        lay.addWidget(_heading(spec.display_title()))
        lay.addWidget(self.message)
        lay.addWidget(self.details, 1)
