"""信访件登记表: register a new complaint or show / edit / act on an existing one.

``ComplaintForm(ctx, complaint_id=None, parent=None)`` — a non-modal dialog. Every service call is a DbOp or
QueryOp (gui.operations); only reading the complaint as the form opens waits. Validation problems are shown at their fields, all at once. The complainant's identity of a
saved complaint is shown masked; 查看 (for permitted users) reveals it through ``intake.reveal_identity``,
which writes an audit event.

This module is the dialog itself (layout, loading, saving, validation, closing); its sections, the
identity, the attachments and the actions are mixins in complaint_sections / complaint_identity /
complaint_attachments / complaint_actions, the 被反映人 table is complaint_subjects.SubjectsTable.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QScrollArea, QTableWidget, QTabWidget, QVBoxLayout, QWidget)

from services.casework import intake
from services.errors import DomainError, ValidationError
from services.security.permissions import allowed

from ..geometry import remember_geometry
from ..interaction import Interaction
from ..operations import DbOp, QueryOp
from ..widgets import FormErrors, form_error_label, show_error
from .complaint_actions import ACTIONS, ComplaintActions
from .complaint_attachments import ComplaintAttachments
from .complaint_identity import IDENTITY_FIELDS, ComplaintIdentity
from .complaint_sections import ComplaintSections
from .complaint_subjects import SUBJECT_COLUMNS, SubjectsTable
from .repeat_dialog import RepeatDialog

__all__ = ["ACTIONS", "IDENTITY_FIELDS", "SUBJECT_COLUMNS", "ComplaintForm", "SubjectsTable"]


class ComplaintForm(ComplaintSections, ComplaintIdentity, ComplaintAttachments, ComplaintActions, QDialog):
    """The registration form (登记表) of one complaint."""

    sig_saved = Signal(int)
    """The complaint was saved or changed by an action: its id."""
    sig_open_item = Signal(str, int)
    """The user asked to open a linked item: ("lead", id), the lead 受理 made (its opener shows it)."""

    def __init__(self, ctx, complaint_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.workspace
        self.complaint_id = complaint_id
        self.view: intake.ComplaintView | None = None
        self.revealed: dict | None = None
        self.pending_files: list[Path] = []
        self._loading = False
        self._dirty = False
        self._repeat_answer: tuple[frozenset, int | None] | None = None   # (candidate ids asked about, answer)
        roles = self.ws.current_user.roles if self.ws.current_user else frozenset()
        self.can_register = allowed(roles, "complaint.register")
        self.can_decide = allowed(roles, "complaint.decide")
        self.setAcceptDrops(True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build()
        remember_geometry(self, ctx.settings)
        if complaint_id is None:
            self._start_new()
        else:
            self.load(complaint_id)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.errors = FormErrors(form_error_label(self))
        self.errors.route = self._route_problem
        self.title = QLabel(self)
        self.title.setObjectName("DialogTitle")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("DialogSubtitle")
        self.status = QLabel(self)
        self.status.setObjectName("PageNote")

        basic = self._build_basic()
        person = self._build_person()
        subj_box = self._build_subjects()
        problem = self._build_problem()
        att_box = self._build_attachments()

        grid = QGridLayout()
        grid.addWidget(basic, 0, 0)
        grid.addWidget(person, 0, 1)
        grid.addWidget(subj_box, 1, 0, 1, 2)
        grid.addWidget(problem, 2, 0, 1, 2)
        grid.addWidget(att_box, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        content = QWidget()
        content.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.timeline = QTableWidget(0, 3, self)
        self.timeline.setHorizontalHeaderLabels([self.tr("时间"), self.tr("操作人"), self.tr("事项")])
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.timeline.setColumnWidth(0, 150)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("登记信息"))
        self.tabs.addTab(self.timeline, self.tr("时间线"))

        actions_row = self._build_actions_row()

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state_label)
        self.lead_link = QLabel(self)   # the lead 受理 made, opened from here (its 八项规定 carried)
        self.lead_link.setTextFormat(Qt.TextFormat.RichText)
        self.lead_link.linkActivated.connect(lambda _: self.open_lead())   # the opener connects sig_open_item
        self.lead_link.hide()
        head.addWidget(self.lead_link)
        head.addStretch(1)
        head.addWidget(self.status)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.errors.general)
        lay.addLayout(actions_row)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save())
        self.resize(1100, 820)

        for w in (self.receiver, self.c_name, self.c_phone, self.c_id_number, self.c_address):
            w.textChanged.connect(self._mark_dirty)
        for w in (self.channel, self.kind, self.signature, self.discipline, self.eight_rules):
            w.currentIndexChanged.connect(self._mark_dirty)
        self.received_date.dateChanged.connect(self._mark_dirty)
        self.received_date.dateChanged.connect(lambda *_: self.errors.clear("received_date"))
        self.belongs_upper.toggled.connect(self._mark_dirty)
        self.referred_down.toggled.connect(self._mark_dirty)
        self.main_problem.textChanged.connect(self._mark_dirty)
        self.subjects.sig_edited.connect(self._mark_dirty)
        self.subjects.sig_edited.connect(lambda: self.errors.clear("subjects"))
        self.signature.currentIndexChanged.connect(self._signature_changed)
        self.signature.currentIndexChanged.connect(lambda *_: self.belongs_upper.isChecked() and self._apply_upper_level())

    # ------------------------------------------------------------------ state
    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def _start_new(self) -> None:
        self._loading = True
        self.title.setText(self.tr("新登记信访件"))
        self.state_label.setText(self.tr("编号在保存时自动生成"))
        self.setWindowTitle(self.tr("信访件登记 — 新登记"))
        self.received_date.set_value(self.ws.today())
        if self.ws.current_user:
            self.receiver.setText(self.ws.current_user.display_name)
        self.subjects.add_subject()
        self.reveal_button.hide()
        self.tabs.setTabEnabled(1, False)
        self.print_button.setEnabled(False)
        self._signature_changed()
        self._set_editable(self.can_register)
        self._loading = False
        self._dirty = False

    def open_lead(self) -> None:
        """Ask for the lead this complaint became (受理) in its own form (sig_open_item)."""
        if self.view is not None and self.view.lead_id:
            self.sig_open_item.emit("lead", self.view.lead_id)

    def load(self, complaint_id: int) -> None:
        """Show the saved complaint (identity masked), its attachments and timeline."""
        # blocking: the form shows the complaint as it opens
        self._show(self.ctx.call_db(self, lambda: intake.get_complaint(self.ws, complaint_id)))

    def _reload(self, then=None) -> None:
        """Show the complaint as stored now (after an action), then ``then()``."""
        complaint_id = self.complaint_id

        def shown(view) -> None:
            self._show(view)
            if then:
                then()

        QueryOp(self, lambda: intake.get_complaint(self.ws, complaint_id)).success(shown).run()

    def _show(self, view: intake.ComplaintView) -> None:
        self.complaint_id, self.view, self.revealed = view.id, view, None
        self._loading = True
        self.title.setText(self.tr("信访件 {number}").format(number=view.number))
        state = view.state_label
        if view.lead_id:
            state += self.tr("　已转为问题线索 {n}").format(n=view.lead_number)
        self.state_label.setText(state)
        roles = self.ws.current_user.roles if self.ws.current_user else frozenset()
        link_text = self.tr("查看线索")
        self.lead_link.setText(f'<a href="lead:{view.lead_id}">{link_text}</a>')
        self.lead_link.setVisible(bool(view.lead_id) and allowed(roles, "lead.view"))
        self.setWindowTitle(self.tr("信访件登记 — {number}").format(number=view.number))
        self.received_date.set_value(view.received_date)
        self.channel.set_value(view.channel)
        self.kind.set_value(view.kind)
        self.signature.set_value(view.signature)
        self.receiver.setText(view.receiver_name)
        self.belongs_upper.setChecked(view.belongs_upper)
        self.referred_down.setChecked(view.referred_down)
        self.main_problem.setPlainText(view.main_problem)
        self.discipline.set_value(view.discipline)
        self.eight_rules.set_value(view.eight_rules_type)
        self.subjects.setRowCount(0)
        for s in view.subjects:
            self.subjects.add_subject(s)
        if view.is_repeat:
            self.repeat_note.setText(self.tr("重复件，原件：{n}").format(n=view.original_number or "—"))
        self.repeat_note.setVisible(view.is_repeat)
        self._show_identity(view.identity_masked, masked=True)
        for edit in (self.c_phone, self.c_id_number):
            edit.setPlaceholderText("")
        self.reveal_button.setVisible(view.can_reveal)
        self.reveal_button.setEnabled(True)
        if view.has_identity:
            self.identity_note.setText(self.tr("身份信息已加密保存，仅显示部分内容。") +
                                       (self.tr("点击“查看”显示完整信息（将记入审计日志）。") if view.can_reveal else ""))
        else:
            self.identity_note.setText(self.tr("未登记反映人身份信息。"))
        editable = self.can_register and "edit" in view.actions
        self._set_editable(editable)
        for code, button in self.action_buttons.items():
            button.setVisible(self.can_decide and code in view.actions)
        self.tabs.setTabEnabled(1, True)
        self.print_button.setEnabled(True)
        self._load_attachments()
        self._load_timeline()
        self._loading = False
        self._dirty = False

    def _set_editable(self, editable: bool) -> None:
        for w in (self.channel, self.kind, self.signature, self.discipline, self.eight_rules, self.received_date,
                  self.belongs_upper, self.referred_down):
            w.setEnabled(editable)
        self.receiver.setReadOnly(not editable)
        self.main_problem.setReadOnly(not editable)
        self.subjects.set_read_only(not editable)
        self.add_subject_button.setVisible(editable)
        self.remove_subject_button.setVisible(editable)
        self.save_button.setVisible(editable)
        self.attachments.add_button.setVisible(self.can_register)
        if self.view is not None:
            for edit in (self.c_name, self.c_phone, self.c_id_number, self.c_address):
                edit.setReadOnly(self.revealed is None or not editable)
        self.cancel_button.setText(self.tr("取消") if editable else self.tr("关闭"))
        self._apply_upper_level()

    # ------------------------------------------------------------------ identity
    # ------------------------------------------------------------------ saving
    def collect(self) -> intake.ComplaintInput:
        upper = self.belongs_upper.isChecked()   # its disabled fields are not sent (_apply_upper_level)
        ident = dict.fromkeys(IDENTITY_FIELDS) if upper else self._identity_input()
        return intake.ComplaintInput(
            received_date=self.received_date.value(), channel=self.channel.value() or "",
            kind=self.kind.value() or "", signature=self.signature.value() or "",
            complainant_name=ident["name"], complainant_phone=ident["phone"],
            complainant_id_number=ident["id_number"], complainant_address=ident["address"],
            subjects=self.subjects.subjects(), main_problem="" if upper else self.main_problem.toPlainText().strip(),
            discipline=self.discipline.value(), eight_rules_type=self.eight_rules.value(),
            receiver_name=self.receiver.text().strip(), belongs_upper=self.belongs_upper.isChecked(),
            referred_down=self.referred_down.isChecked(),
            is_repeat=bool(self.view.is_repeat) if self.view else False,
            original_id=self.view.original_id if self.view else None, keep_identity=self._keeps_identity())

    def save(self, then=None) -> None:
        """Validate and save; ``then()`` once saved. Errors are shown at their fields; the input stays."""
        if not self.save_button.isVisible():
            return
        self.errors.clear()
        data = self.collect()
        if self.view is None:
            self._check_new(data, lambda data: self._write(data, then))
        else:
            self._write(data, then)

    def _write(self, data: intake.ComplaintInput, then) -> None:
        new, complaint_id = self.view is None, self.complaint_id
        if new:
            fn = lambda: intake.register_complaint(self.ws, data)  # noqa: E731
        else:
            seen = self.view.version   # a newer save from another desk is refused (ConcurrentEditError)
            fn = lambda: intake.update_complaint(self.ws, complaint_id, data, expected_version=seen)  # noqa: E731
        DbOp(self, fn).success(lambda view: self._saved(view, new, then)).failure(self._save_failed).run()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.show_validation(exc)
        else:
            show_error(self, exc)

    def _saved(self, view: intake.ComplaintView, new: bool, then) -> None:
        self.complaint_id = view.id

        def finish(failed: list[str]) -> None:
            self._show(view)
            self.status.setText(self.tr("已保存，编号 {n}").format(n=view.number) if new else self.tr("修改已保存"))
            self.sig_saved.emit(view.id)
            if failed:
                show_error(self, DomainError("\n".join(failed)), self.tr("部分附件未保存"))
            if then:
                then()

        if new:
            self._store_pending_files(finish)
        else:
            finish([])

    def _check_new(self, data: intake.ComplaintInput, go) -> None:
        """Check the form first (the service's own check, nothing written): problems are shown at their
        fields and nothing is asked. A valid form with earlier complaints that it may repeat gets the
        重复件 question; ``go`` gets the data to register (as new, or linked to the original chosen)."""
        def refused(exc: BaseException) -> None:
            if isinstance(exc, DomainError) and not isinstance(exc, ValidationError):
                go(data)   # the advice could not be made: the write says what it refuses, as before
            else:
                self._save_failed(exc)

        QueryOp(self, lambda: intake.check_new_complaint(self.ws, data)) \
            .success(lambda found: self._repeat_found(found, data, go)).failure(refused).run()

    def _repeat_found(self, found, data: intake.ComplaintInput, go) -> None:
        """Ask once per set of candidates: the same ones (or fewer) keep the answer given; a new one asks again."""
        if not found:
            go(data)
            return
        ids = frozenset(c.id for c in found)
        if self._repeat_answer is not None:
            asked, answer = self._repeat_answer
            if ids <= asked and (answer is None or answer in ids):
                go(self._as_repeat(data, answer))
                return
        dialog = RepeatDialog(found, self, self.ctx.settings)
        self.repeat_dialog = dialog
        code = dialog.exec()
        self.repeat_dialog = None
        if code == RepeatDialog.LINK:
            answer = dialog.chosen_id
        elif code == RepeatDialog.NOT_REPEAT:
            answer = None
        else:
            return
        self._repeat_answer = (ids, answer)
        go(self._as_repeat(data, answer))

    @staticmethod
    def _as_repeat(data: intake.ComplaintInput, original_id: int | None) -> intake.ComplaintInput:
        if original_id is None:
            return data
        return dataclasses.replace(data, is_repeat=True, original_id=original_id)

    def show_validation(self, error: ValidationError) -> None:
        """Every problem under its field (several per field joined), the first one in view and focused,
        their count beside 保存 (FormErrors.show)."""
        self.errors.show(error)

    def _route_problem(self, code: str | None) -> tuple[str | None, QWidget | None]:
        """``subjects[i].key`` → the 被反映人 message, focus on that cell's editor."""
        if not (code and code.startswith("subjects[")):
            return code, None
        try:
            row = int(code[len("subjects["):code.index("]")])
            key = code.split(".", 1)[1] if "." in code else "name"
            return "subjects", self.subjects.editor(row, key) if key in SUBJECT_COLUMNS else None
        except (ValueError, IndexError):
            return "subjects", None

    def field_error(self, code: str) -> str:
        """The message shown under field ``code`` ('' when none)."""
        label = self.errors.fields[code][1]
        return label.text() if not label.isHidden() else ""

    # ------------------------------------------------------------------ attachments
    # ------------------------------------------------------------------ actions, print, timeline
    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Esc, 取消 and the close box: unsaved changes are never dropped without asking."""
        if self._dirty:
            answer = self.ask_unsaved()
            if answer == "cancel":
                return
            if answer == "save":
                self.save(then=self._close)   # closes once saved; a refusal keeps the form open
                return
        self._close()

    def _close(self) -> None:
        self._dirty = False
        QDialog.reject(self)

    def ask_unsaved(self) -> str:
        """保存 / 放弃 / 取消 → "save" / "discard" / "cancel"."""
        choice = Interaction.choose(self, self.tr("登记表有尚未保存的修改。是否保存？"),
                                    [self.tr("保存"), self.tr("放弃"), self.tr("取消")], title=self.tr("尚未保存"))
        return {0: "save", 1: "discard"}.get(choice, "cancel")
