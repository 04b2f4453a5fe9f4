"""The page shown instead of a page that failed to build (the rest of the app keeps working)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ErrorPage(QWidget):
    """Shown instead of a page whose class raised while it was built."""

    def __init__(self, spec, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        heading = QLabel(spec.display_title())
        heading.setObjectName("PageTitle")
        self.message = QLabel(self.tr("“{title}”页面加载失败，其他功能不受影响。请将下面的错误信息告知系统管理员。")
                              .format(title=spec.display_title()))
        self.message.setObjectName("FormError")
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(12)
        lay.addWidget(heading)
        lay.addWidget(self.message)
        lay.addWidget(self.details, 1)
