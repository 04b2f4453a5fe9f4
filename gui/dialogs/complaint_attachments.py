"""信访件登记表, attachments: choose or drop files; a new complaint keeps them until it is saved, a saved one
stores each at once; open a stored one. A mixin of ``ComplaintForm`` (translations stay in its context)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from services.errors import DomainError

from ..form_widgets import dropped_files
from ..widgets import show_error


class ComplaintAttachments:
    """The 附件 of ``ComplaintForm``."""

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择附件"), "",
                                                self.tr("所有文件 (*);;图片 (*.jpg *.jpeg *.png *.tif *.tiff);;PDF (*.pdf)"))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Saved complaint: store each file now. New complaint: keep them until it is saved."""
        if not self.can_register:
            return
        if self.complaint_id is None:
            for path in paths:
                self.pending_files.append(path)
                self.attachments.add_row(path, path.name, path.stat().st_size, self.tr("保存时添加"))
            self._mark_dirty()
            return
        from services.storage import attachments
        problems = []
        for path in paths:
            try:
                self.ctx.call_db(self, lambda p=path: attachments.add_attachment(self.ws, ("complaint",
                                                                                          self.complaint_id), p))
            except DomainError as exc:
                problems.append(exc.message)
        self._load_attachments()
        self._load_timeline()
        if problems:
            show_error(self, DomainError("\n".join(problems)), self.tr("附件未保存"))

    def _store_pending_files(self) -> list[str]:
        from services.storage import attachments
        problems = []
        for path in self.pending_files:
            try:
                self.ctx.call_db(self, lambda p=path: attachments.add_attachment(self.ws, ("complaint",
                                                                                          self.complaint_id), p))
            except DomainError as exc:
                problems.append(exc.message)
        self.pending_files = []
        return problems

    def _load_attachments(self) -> None:
        from services.storage import attachments
        self.attachments.clear_rows()
        try:
            rows = self.ctx.call_db(self, lambda: attachments.list_attachments(self.ws, ("complaint",
                                                                                        self.complaint_id)))
        except DomainError as exc:
            self.attachments.add_row(None, exc.message, 0, "")
            return
        for a in rows:
            name = getattr(a, "filename", None) or getattr(a, "name", "")
            self.attachments.add_row(a.id, name, getattr(a, "size", 0) or 0, self.tr("已保存"))

    def open_attachment(self, key) -> None:
        if isinstance(key, Path):
            path = key
        elif key is None:
            return
        else:
            from services.storage import attachments
            try:
                path = self.ctx.call_db(self, lambda: attachments.open_attachment_path(self.ws, key))
            except DomainError as exc:
                show_error(self, exc)
                return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.can_register and dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.can_register and dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        files = dropped_files(event.mimeData())
        if files and self.can_register:
            event.acceptProposedAction()
            self.add_files(files)
