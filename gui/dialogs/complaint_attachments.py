"""信访件登记表, attachments: choose or drop files; a new complaint keeps them until it is saved, a saved one
stores each at once; open a stored one. A mixin of ``ComplaintForm`` (translations stay in its context)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from services.errors import DomainError

from ..form_widgets import dropped_files
from ..interaction import Interaction, error_text
from ..operations import DbOp, QueryOp
from ..widgets import show_error


class ComplaintAttachments:
    """The 附件 of ``ComplaintForm``."""

    def choose_files(self) -> None:
        paths = Interaction.open_paths(self, self.tr("选择附件"), "",
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
        self._store_files(paths, self._files_stored)

    def _files_stored(self, problems: list[str]) -> None:
        self._load_attachments()
        self._load_timeline()
        if problems:
            show_error(self, DomainError("\n".join(problems)), self.tr("附件未保存"))

    def _store_pending_files(self, done) -> None:
        paths, self.pending_files = self.pending_files, []
        self._store_files(paths, done)

    def _store_files(self, paths: list[Path], done) -> None:
        """Store each file with its own DbOp, in turn (one refused file does not stop the others);
        ``done(problems)`` with the messages of the refused ones."""
        from services.storage import attachments
        pending, problems, owner = list(paths), [], ("complaint", self.complaint_id)

        def step(_result=None) -> None:
            if not pending:
                done(problems)
                return
            path = pending.pop(0)

            def refused(exc: BaseException) -> None:
                problems.append(error_text(exc))
                step()

            DbOp(self, lambda: attachments.add_attachment(self.ws, owner, path)).success(step).failure(refused).run()

        step()

    def _load_attachments(self) -> None:
        from services.storage import attachments
        owner = ("complaint", self.complaint_id)

        def show(rows) -> None:
            self.attachments.clear_rows()
            for a in rows:
                name = getattr(a, "filename", None) or getattr(a, "name", "")
                self.attachments.add_row(a.id, name, getattr(a, "size", 0) or 0, self.tr("已保存"))

        def failed(exc: BaseException) -> None:   # the list says why it is empty
            self.attachments.clear_rows()
            self.attachments.add_row(None, error_text(exc), 0, "")

        QueryOp(self, lambda: attachments.list_attachments(self.ws, owner)).success(show).failure(failed).run()

    def open_attachment(self, key) -> None:
        if isinstance(key, Path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(key)))
            return
        if key is None:
            return
        from services.storage import attachments
        QueryOp(self, lambda: attachments.open_attachment_path(self.ws, key)) \
            .success(lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))).run()

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
