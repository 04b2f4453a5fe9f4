"""设置 → 备份与恢复: local backups, 立即备份, 备份到… (encrypted, to a USB stick), 恢复….

Restoring replaces the database file, so it needs the workspace closed: ``perform_restore``
closes the context, restores, re-creates the context on the same data dir and records the
restore; the tab then emits ``sig_restore_done(new_ctx)`` and the main window / app shows the
login again (the identity keys are unlocked by the password, so nobody is signed in silently).
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMenu,
                               QProgressDialog, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from services.errors import AuthenticationError, DomainError
from services.security.permissions import allowed
from services.storage import backup, maintenance

from ..context import AppContext, create_app_context
from ..executor import run_with_progress
from ..interaction import Interaction
from ..operations import DbOp, QueryOp
from ..widgets import confirm, primary, show_error
from .certificates_tab import NOTICE_STYLE, ask_passphrase, last_dir, remember_dir

KIND_LABELS = {"daily": "每日自动", "exit": "退出时自动", "manual": "手动", "upgrade": "升级前自动"}
ERROR_STYLE = ("background:#fbeaea; border:1px solid #e8b4b4; border-radius:3px; padding:6px 10px;"
               "color:#7f1616;")
PROGRESS_STEPS = 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupTab", text)


def size_text(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{max(n, 0) / 1024:.0f} KB"


backup_now = maintenance.backup_now


class RestoreFailed(DomainError):
    """The restore did not happen; ``new_ctx`` is the context re-opened on the unchanged data."""

    def __init__(self, message: str, new_ctx: AppContext):
        super().__init__(message)
        self.new_ctx = new_ctx


def perform_restore(ctx: AppContext, file: Path | str, passphrase: str | None,
                    parent: QWidget | None = None, *, allow_foreign: bool = False) -> AppContext:
    """Close ``ctx``, restore ``file`` into its data dir, open a new context there and note the restore.

    Nobody is signed in on the returned context (the password unlocks the identity keys, so the
    caller shows the login). If the restore fails, the data dir is as it was and ``RestoreFailed``
    carries the re-opened context. ``allow_foreign``: the operator confirmed moving another PC's
    data into this fresh data dir (only the setup wizard offers it). The app's instance lock stays
    held throughout (the app holds it; the new context takes it again if the old one had it).
    """
    file = Path(file)
    ws = ctx.workspace
    data_dir, today, actor, crypto = ws.data_dir, ws.today, ws.current_user, ws.crypto
    locked = ws.instance_lock is not None
    translator, lang, demo, synchronous = ctx.translator, ctx.lang, ctx.demo, ctx.synchronous
    ctx.close()
    app = QCoreApplication.instance()
    if translator is not None and app is not None:
        app.installTranslator(translator)  # close() took it off; the new context keeps using it

    def reopen() -> AppContext:
        return create_app_context(data_dir, synchronous=synchronous, lang=lang, demo=demo, today=today,
                                  translator=translator, lock=locked, crypto=crypto)

    def work(_token) -> backup.RestoreResult:
        return maintenance.restore_backup(data_dir, file, passphrase, allow_foreign=allow_foreign)

    try:
        if synchronous:
            result = work(None)
        else:  # blocking: the workspace is closed while the database file is replaced
            result = run_with_progress(parent, work, _tr("正在恢复数据，请勿关闭程序……"), cancellable=False)
    except DomainError as exc:  # the data dir is as it was: re-opened and handed to the caller with the message
        raise RestoreFailed(exc.message, reopen()) from exc
    new_ctx = reopen()
    new_ws = new_ctx.workspace
    new_ws.current_user = actor  # the audit event names who restored; then nobody stays signed in
    try:
        maintenance.note_restore(new_ws, result, file)
    finally:
        new_ws.current_user = None
    return new_ctx


class _Relay(QObject):
    """Carries the worker's progress callbacks to the GUI thread (queued across threads)."""

    progressed = Signal(int, int)


class BackupTab(QWidget):
    """The 备份与恢复 tab."""

    sig_restore_done = Signal(object)
    """The database was replaced (or a failed restore re-opened it): the new ``AppContext``; the old one is closed."""

    sig_export_progress = Signal(int, int)
    """备份到…: bytes done, bytes total (for the progress bar)."""

    sig_backup_written = Signal(object)
    """A backup file was written: its ``Path`` (a local backup or an exported ``.jjbak``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        user = ctx.ws.current_user
        self.can_run = bool(user and allowed(user.roles, "backup.run"))
        self.progress_dialog: QProgressDialog | None = None
        self.last_export: Path | None = None
        self.backups: list[backup.BackupInfo] = []

        local = QGroupBox(self.tr("本机备份"))
        ll = QVBoxLayout(local)
        hint = QLabel(self.tr("程序每天第一次启动和每次退出时自动备份到数据目录的 backups 文件夹（保留最近 7 天和 4 周），"
                              "手动备份一直保留。本机备份防误操作和数据库损坏，不能防电脑丢失或硬盘损坏，"
                              "请定期“备份到U盘”并妥善保管。"))
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        ll.addWidget(hint)
        headers = [self.tr(h) for h in ("备份时间", "类型", "大小", "文件")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        ll.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("还没有本机备份。点“立即备份”做第一份。"))
        self.empty.setObjectName("Hint")
        ll.addWidget(self.empty)

        self.backup_button = primary(QPushButton(self.tr("立即备份")))
        self.export_button = QPushButton(self.tr("备份到U盘…"))
        self.export_button.setToolTip(self.tr("把数据库和全部附件加密写成一个 .jjbak 文件，保存到选择的文件夹（如U盘）"))
        self.restore_button = QPushButton(self.tr("恢复…"))
        menu = QMenu(self.restore_button)
        self.restore_local_action = menu.addAction(self.tr("从所选的本机备份恢复…"))
        self.restore_file_action = menu.addAction(self.tr("从U盘上的备份文件（.jjbak）恢复…"))
        self.restore_button.setMenu(menu)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 14, 14, 14)
        lay.setSpacing(10)
        lay.addWidget(local, 1)
        lay.addLayout(row)
        lay.addWidget(self.notice)
        if not self.can_run:
            no = QLabel(self.tr("备份与恢复需要纪委书记或系统管理员的权限。"))
            no.setObjectName("Hint")
            lay.addWidget(no)
        for w in (self.backup_button, self.export_button, self.restore_button):
            w.setEnabled(self.can_run)
        if self.ctx.ws.engine.dialect.name != "sqlite":  # a restore here would replace this PC's file, not the server
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip(self.tr("服务器数据库由服务器管理员恢复：在命令行用 jijian --db-url … restore 备份文件"
                                                   " 恢复到一个新建的空数据库"))

        self.backup_button.clicked.connect(self.backup_now)
        self.export_button.clicked.connect(lambda: self.export_to())
        self.restore_local_action.triggered.connect(lambda: self.restore_selected())
        self.restore_file_action.triggered.connect(lambda: self.restore_from_file())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    # ------------------------------------------------------------------ list
    def refresh(self) -> None:
        def failed(exc: BaseException) -> None:
            self._refused(exc, "{m}")
            self._show([])

        QueryOp(self, lambda: list(reversed(maintenance.list_local_backups(self.ctx.ws)))) \
            .success(self._show).failure(failed).run()

    def _show(self, backups: list[backup.BackupInfo]) -> None:
        self.backups = backups
        t = self.table
        t.setRowCount(len(self.backups))
        for r, b in enumerate(self.backups):
            values = (b.created.strftime("%Y-%m-%d %H:%M:%S"), self.tr(KIND_LABELS.get(b.kind, b.kind)),
                      size_text(b.size), b.path.name)
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(r, c, item)
        t.setVisible(bool(self.backups))
        self.empty.setVisible(not self.backups)
        self._selection_changed()

    def _selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_local_action.setEnabled(self._selected() is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet(ERROR_STYLE if error else NOTICE_STYLE)
        self.notice.setVisible(bool(text))

    def _refused(self, exc: BaseException, template: str) -> None:
        """A domain refusal in the tab's notice (``template`` around its message); anything else in a box."""
        if isinstance(exc, DomainError):
            self._say(template.format(m=exc.message), error=True)
        else:
            show_error(self, exc)

    # ------------------------------------------------------------------ backups
    def backup_now(self) -> None:
        def done(info: backup.BackupInfo) -> None:
            self.refresh()
            self._say(self.tr("已备份并检查通过：{name}（{size}）").format(name=info.path.name,
                                                                   size=size_text(info.size)))
            self.sig_backup_written.emit(info.path)

        DbOp(self, lambda: backup_now(self.ctx.ws)).progress(self.tr("正在备份……")).success(done) \
            .failure(lambda exc: self._refused(exc, self.tr("备份未完成：{m}"))).run()

    def export_to(self, folder: Path | str | None = None) -> Path | None:
        """备份到…: folder, passphrase twice, then the encrypted export with a progress bar and 取消."""
        title = self.tr("备份到U盘")
        if folder is None:
            folder = Interaction.folder(self, self.tr("选择保存备份的位置（如U盘）"), last_dir(self.ctx, "backup"))
            if not folder:
                return None
        folder = Path(folder)
        remember_dir(self.ctx, "backup", folder)
        passphrase = ask_passphrase(self, title, self.tr("设置这份备份的口令（至少 8 个字符）。恢复时要输入此口令，"
                                                         "忘记口令将无法恢复："), twice=True)
        if passphrase is None:
            return None
        dialog = QProgressDialog(self.tr("正在加密写入备份……"), self.tr("取消"), 0, PROGRESS_STEPS, self)
        dialog.setWindowTitle(title)
        dialog.setMinimumWidth(420)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        self.progress_dialog = dialog
        stop = threading.Event()

        def on_cancel() -> None:
            stop.set()
            dialog.setLabelText(self.tr("正在取消……"))

        dialog.canceled.connect(on_cancel)
        relay = _Relay(self)
        relay.progressed.connect(self._progress)
        dialog.show()
        ws = self.ctx.ws
        box: dict = {}

        def finished() -> None:
            dialog.canceled.disconnect(on_cancel)  # closing a QProgressDialog emits canceled
            dialog.hide()
            dialog.deleteLater()
            relay.deleteLater()
            self.progress_dialog = None

        def done(path: Path) -> None:
            finished()
            box["path"] = path
            self.last_export = path
            self._say(self.tr("已写入并复核加密备份：{p}\n请妥善保管U盘，口令另行记住，不要与U盘放在一起。").format(p=path))
            self.sig_backup_written.emit(path)

        def failed(exc: BaseException) -> None:
            finished()
            if isinstance(exc, backup.BackupCancelled) or stop.is_set():
                self._say(self.tr("已取消备份，没有写入任何备份文件。"), error=True)
            elif isinstance(exc, DomainError):
                self._say(self.tr("备份未完成：{m}").format(m=exc.message), error=True)
            else:
                show_error(self, exc, title)

        self.ctx.db.submit(maintenance.export_backup, ws, folder, passphrase,
                           progress=lambda d, t: relay.progressed.emit(d, t), cancelled=stop.is_set,
                           on_done=done, on_error=failed)
        return box.get("path")

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setValue(int(done * PROGRESS_STEPS / max(total, 1)))
        self.sig_export_progress.emit(done, total)

    # ------------------------------------------------------------------ restore
    def restore_selected(self) -> None:
        info = self._selected()
        if info is None:
            return
        self._restore(info.path, None, self.tr("本机备份“{name}”（{t}）").format(
            name=info.path.name, t=info.created.strftime("%Y-%m-%d %H:%M")))

    def restore_from_file(self, file: Path | str | None = None) -> None:
        title = self.tr("从备份文件恢复")
        if file is None:
            chosen = Interaction.open_path(self, self.tr("选择备份文件"), last_dir(self.ctx, "backup"),
                                           self.tr("加密备份 (*.jjbak)"))
            if not chosen:
                return
            file = chosen
        file = Path(file)
        remember_dir(self.ctx, "backup", file)
        passphrase = ask_passphrase(self, title, self.tr("输入这份备份的口令："))
        if passphrase is None:
            return

        def opened(meta: dict) -> None:
            created = str(meta.get("created", ""))[:16].replace("T", " ")
            self._restore(file, passphrase, self.tr("备份文件“{name}”（{t}）").format(name=file.name, t=created))

        def refused(exc: BaseException) -> None:
            self._refused(exc, "{m}" if isinstance(exc, AuthenticationError) else self.tr("不能用这份备份恢复：{m}"))

        # the passphrase is checked (the file decrypted) on the export pool, before anything is closed
        QueryOp(self, lambda: backup.inspect_encrypted(file, passphrase), pool=True) \
            .progress(self.tr("正在检查备份文件……")).success(opened).failure(refused).run()

    def _restore(self, file: Path, passphrase: str | None, what: str) -> AppContext | None:
        title = self.tr("恢复数据")
        text = self.tr("将用{what}恢复数据，此后录入的内容将不在恢复后的数据中。\n\n当前数据库将另存保留（数据目录中的"
                       "“….before-restore-时间”文件），不会删除。恢复后程序将重新打开，请重新登录。\n\n确定恢复吗？"
                       ).format(what=what)
        if not confirm(self, text, title):
            return None
        try:
            new_ctx = perform_restore(self.ctx, file, passphrase, self)
        except RestoreFailed as exc:
            self.ctx = exc.new_ctx
            self._say(self.tr("恢复未完成，数据保持原样：{m}").format(m=exc.message), error=True)
            self.sig_restore_done.emit(exc.new_ctx)
            return None
        self.ctx = new_ctx
        self.refresh()
        self._say(self.tr("已用{what}恢复数据。请重新登录。").format(what=what))
        self.sig_restore_done.emit(new_ctx)
        return new_ctx
