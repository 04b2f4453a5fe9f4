"""信访件登记表: register a new complaint or show / edit / act on an existing one.

``ComplaintForm(ctx, complaint_id=None, parent=None)`` — a non-modal dialog. Every service call goes through
``ctx.call_db``. Validation problems are shown at their fields, all at once. The complainant's identity of a
saved complaint is shown masked; 查看 (for permitted users) reveals it through ``intake.reveal_identity``,
which writes an audit event.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QFileDialog, QFormLayout, QFrame,
                               QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from models.enums import Channel, ComplaintKind, Discipline, EightRulesType, Rank, Signature
from services import intake
from services.errors import DomainError, ValidationError
from services.permissions import allowed

from ..form_widgets import ActionDialog, AttachmentList, DateEdit, EnumCombo, YesNoCombo, dropped_files
from ..geometry import remember_geometry
from ..widgets import FieldError, FormErrors, form_error_label, primary, show_error, show_info
from .repeat_dialog import RepeatDialog

IDENTITY_FIELDS = ("name", "phone", "id_number", "address")
SUBJECT_COLUMNS = ("name", "unit", "post", "rank", "is_party_member", "is_supervised_object")

# action code -> (button text, prompt title, text label, text required, multiline, text field code)
ACTIONS = {
    "accept": ("受理", "受理信访件", "", False, False, ""),
    "not_accept": ("不予受理", "不予受理", "不予受理理由", True, True, "reason"),
    "transfer": ("转办", "转办", "转办单位", True, False, "to_body"),
    "report_up": ("上报", "上报上级纪委", "上报说明", False, True, "note"),
    "conclude": ("办结", "办结", "办结情况", False, True, "note"),
    "acceptance_notice": ("受理告知", "记录受理告知", "", False, False, ""),
    "feedback": ("记录反馈", "记录反馈", "反馈情况", True, True, "note"),
}


class SubjectsTable(QTableWidget):
    """被反映人: one row per person; every cell is an editor widget."""

    sig_edited = Signal()
    """Any cell changed, or a row was added or removed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(SUBJECT_COLUMNS), parent)
        self.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("单位"), self.tr("职务"), self.tr("职级"),
                                        self.tr("是否中共党员"), self.tr("是否监察对象")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 110), (2, 130), (3, 150), (4, 110), (5, 110)):
            self.setColumnWidth(col, width)
        self.setMinimumHeight(110)
        self.setMaximumHeight(190)

    def add_subject(self, values: dict | None = None) -> int:
        values = values or {}
        row = self.rowCount()
        self.insertRow(row)
        for col, key in enumerate(SUBJECT_COLUMNS[:3]):
            edit = QLineEdit(values.get(key) or "")
            edit.setFrame(False)
            edit.textEdited.connect(lambda *_: self.sig_edited.emit())
            self.setCellWidget(row, col, edit)
        rank = EnumCombo(Rank, allow_empty=True)
        rank.set_value(values.get("rank"))
        rank.currentIndexChanged.connect(lambda *_: self.sig_edited.emit())
        self.setCellWidget(row, 3, rank)
        for col, key in ((4, "is_party_member"), (5, "is_supervised_object")):
            combo = YesNoCombo()
            combo.set_value(values.get(key))
            combo.currentIndexChanged.connect(lambda *_: self.sig_edited.emit())
            self.setCellWidget(row, col, combo)
        self.setRowHeight(row, 30)
        self.sig_edited.emit()
        return row

    def remove_current(self) -> None:
        row = self.currentRow()
        if row < 0:
            row = self.rowCount() - 1
        if row >= 0:
            self.removeRow(row)
            self.sig_edited.emit()

    def editor(self, row: int, key: str) -> QWidget:
        return self.cellWidget(row, SUBJECT_COLUMNS.index(key))

    def subjects(self) -> list[intake.SubjectInput]:
        out = []
        for row in range(self.rowCount()):
            texts = [self.cellWidget(row, c).text().strip() for c in range(3)]
            rank = self.cellWidget(row, 3).value()
            party, supervised = self.cellWidget(row, 4).value(), self.cellWidget(row, 5).value()
            if not any(texts) and rank is None and party is None and supervised is None:
                continue  # an untouched empty row is not a person
            out.append(intake.SubjectInput(name=texts[0], unit=texts[1], post=texts[2], rank=rank,
                                           is_party_member=party, is_supervised_object=supervised))
        return out

    def set_read_only(self, read_only: bool) -> None:
        for row in range(self.rowCount()):
            for col in range(self.columnCount()):
                widget = self.cellWidget(row, col)
                if isinstance(widget, QLineEdit):
                    widget.setReadOnly(read_only)
                else:
                    widget.setEnabled(not read_only)


class ComplaintForm(QDialog):
    """The registration form (登记表) of one complaint."""

    sig_saved = Signal(int)
    """The complaint was saved or changed by an action: its id."""

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
        self._repeat_answer: tuple | None = None   # (key of subjects+date, original id or None)
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
        self.title = QLabel(self)
        self.title.setObjectName("DialogTitle")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("DialogSubtitle")
        self.status = QLabel(self)
        self.status.setObjectName("PageNote")

        self.received_date = DateEdit(self)
        self.channel = EnumCombo(Channel, allow_empty=True, empty_text=self.tr("（请选择来源渠道）"))
        self.kind = EnumCombo(ComplaintKind, allow_empty=True, empty_text=self.tr("（请选择类型）"))
        self.signature = EnumCombo(Signature, allow_empty=True, empty_text=self.tr("（请选择署名情况）"))
        self.receiver = QLineEdit(self)
        self.belongs_upper = QCheckBox(self.tr("属上级纪委管辖（须在5个工作日内上报）"), self)
        self.referred_down = QCheckBox(self.tr("上级转办交办（须在5个工作日内受理或转办）"), self)
        self.repeat_note = QLabel(self)
        self.repeat_note.setObjectName("PageNote")
        self.repeat_note.hide()

        basic = QGroupBox(self.tr("收件信息"), self)
        f = QFormLayout(basic)
        self._row(f, self.tr("收件日期"), self.received_date, "received_date")
        self._row(f, self.tr("来源渠道"), self.channel, "channel")
        self._row(f, self.tr("类型"), self.kind, "kind")
        self._row(f, self.tr("署名情况"), self.signature, "signature")
        self._row(f, self.tr("接待人/登记人"), self.receiver, "receiver_name")
        f.addRow("", self.belongs_upper)
        f.addRow("", self.referred_down)
        self._row(f, "", self.repeat_note, "original_id")

        self.c_name, self.c_phone = QLineEdit(self), QLineEdit(self)
        self.c_id_number, self.c_address = QLineEdit(self), QLineEdit(self)
        self.c_id_number.setMaxLength(18)
        self.c_phone.setPlaceholderText(self.tr("手机号或带区号的固定电话"))
        self.c_id_number.setPlaceholderText(self.tr("18位居民身份证号码（选填）"))
        self.identity_note = QLabel(self)
        self.identity_note.setWordWrap(True)
        self.identity_note.setObjectName("PageNote")
        self.reveal_button = QPushButton(self.tr("查看"), self)
        self.reveal_button.setToolTip(self.tr("显示反映人完整身份信息（将记入审计日志）"))
        self.reveal_button.clicked.connect(self.reveal_identity)
        person = QGroupBox(self.tr("反映人（身份信息加密保存，严格保密）"), self)
        f = QFormLayout(person)
        self._row(f, self.tr("姓名"), self.c_name, "complainant_name")
        self._row(f, self.tr("联系电话"), self.c_phone, "complainant_phone")
        self._row(f, self.tr("身份证号"), self.c_id_number, "complainant_id_number")
        self._row(f, self.tr("单位或地址"), self.c_address, "complainant_address")
        note_row = QHBoxLayout()
        note_row.addWidget(self.reveal_button)
        note_row.addStretch(1)
        f.addRow(self.identity_note)
        f.addRow("", note_row)

        self.subjects = SubjectsTable(self)
        self.subjects_error = FieldError(self)
        self.errors.add("subjects", self.subjects, self.subjects_error)
        self.add_subject_button = QPushButton(self.tr("添加被反映人"), self)
        self.remove_subject_button = QPushButton(self.tr("删除所选"), self)
        self.add_subject_button.clicked.connect(lambda: self._focus_subject(self.subjects.add_subject()))
        self.remove_subject_button.clicked.connect(self.subjects.remove_current)
        subj_box = QGroupBox(self.tr("被反映人"), self)
        v = QVBoxLayout(subj_box)
        v.addWidget(self.subjects)
        v.addWidget(self.subjects_error)
        row = QHBoxLayout()
        row.addWidget(self.add_subject_button)
        row.addWidget(self.remove_subject_button)
        row.addStretch(1)
        v.addLayout(row)

        self.main_problem = QPlainTextEdit(self)
        self.main_problem.setPlaceholderText(self.tr("概括反映的主要问题：时间、地点、人物、事情经过"))
        self.main_problem.setMinimumHeight(110)
        self.discipline = EnumCombo(Discipline, allow_empty=True, empty_text=self.tr("（未分类）"))
        self.eight_rules = EnumCombo(EightRulesType, allow_empty=True, empty_text=self.tr("（不涉及）"))
        problem = QGroupBox(self.tr("反映的问题"), self)
        f = QFormLayout(problem)
        self._row(f, self.tr("反映的主要问题"), self.main_problem, "main_problem")
        self._row(f, self.tr("问题类别"), self.discipline, "discipline")
        self._row(f, self.tr("违反中央八项规定精神"), self.eight_rules, "eight_rules_type")

        self.attachments = AttachmentList(self)
        self.attachments.sig_add_requested.connect(self.choose_files)
        self.attachments.sig_files_dropped.connect(self.add_files)
        self.attachments.sig_open_requested.connect(self.open_attachment)
        att_box = QGroupBox(self.tr("附件（来信扫描件等，可直接拖入本窗口）"), self)
        QVBoxLayout(att_box).addWidget(self.attachments)

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

        self.action_buttons: dict[str, QPushButton] = {}
        actions_row = QHBoxLayout()
        for code, (text, *_rest) in ACTIONS.items():
            button = QPushButton(self.tr(text), self)
            button.clicked.connect(lambda _=False, c=code: self.run_action(c))
            button.hide()
            self.action_buttons[code] = button
            actions_row.addWidget(button)
        self.print_button = QPushButton(self.tr("打印登记表"), self)
        self.print_button.clicked.connect(self.print_sheet)
        actions_row.addWidget(self.print_button)
        actions_row.addStretch(1)
        self.save_button = primary(QPushButton(self.tr("保存 (Ctrl+S)"), self))
        self.cancel_button = QPushButton(self.tr("关闭"), self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        actions_row.addWidget(self.save_button)
        actions_row.addWidget(self.cancel_button)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state_label)
        head.addStretch(1)
        head.addWidget(self.status)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.errors.general)
        lay.addLayout(actions_row)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
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

    def _row(self, form: QFormLayout, label: str, editor: QWidget, code: str) -> None:
        box = QWidget(self)
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(editor)
        error = FieldError(box)
        v.addWidget(error)
        self.errors.add(code, editor, error)
        form.addRow(label, box)

    def _focus_subject(self, row: int) -> None:
        self.subjects.editor(row, "name").setFocus()

    # ------------------------------------------------------------------ state
    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self._dirty = True

    def is_dirty(self) -> bool:
        return self._dirty

    def _signature_changed(self, *_args) -> None:
        if self.view is not None:
            return  # a saved complaint shows its stored (masked) identity; see load() / reveal_identity()
        code = self.signature.value()
        enabled = code in (Signature.real_name.value, Signature.signed.value) and self.can_register
        for w in (self.c_name, self.c_phone, self.c_id_number, self.c_address):
            w.setEnabled(enabled)   # text typed before switching to 匿名 is kept, not silently erased
        hints = {Signature.real_name.value: self.tr("实名：须填写姓名，以及联系电话或单位、地址（至少一项）。"),
                 Signature.signed.value: self.tr("署名：须填写姓名，联系方式可不填。"),
                 Signature.anonymous.value: self.tr("匿名：不填写反映人信息。")}
        self.identity_note.setText(hints.get(code, self.tr("请先选择署名情况。")))

    def _identity_editable(self) -> bool:
        if not self.can_register:
            return False
        return self.view is None or (self.revealed is not None and "edit" in self.view.actions)

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

    def load(self, complaint_id: int) -> None:
        """Show the saved complaint (identity masked), its attachments and timeline."""
        view = self.ctx.call_db(self, lambda: intake.get_complaint(self.ws, complaint_id))
        self.complaint_id, self.view, self.revealed = view.id, view, None
        self._loading = True
        self.title.setText(self.tr("信访件 {number}").format(number=view.number))
        state = view.state_label
        if view.lead_id:
            state += self.tr("　已转为问题线索 {n}").format(n=view.lead_number)
        self.state_label.setText(state)
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

    def _show_identity(self, values: dict, *, masked: bool) -> None:
        for key, edit in zip(IDENTITY_FIELDS, (self.c_name, self.c_phone, self.c_id_number, self.c_address)):
            edit.setText(values.get(key) or "")
            edit.setReadOnly(masked or not self._identity_editable())
            edit.setEnabled(True)

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

    # ------------------------------------------------------------------ identity
    def reveal_identity(self) -> None:
        if self.complaint_id is None:
            return
        try:
            values = self.ctx.call_db(self, lambda: intake.reveal_identity(self.ws, self.complaint_id))
        except DomainError as exc:
            show_error(self, exc)
            return
        self._loading = True
        self.revealed = dict(values)
        self._show_identity(values, masked=False)
        self._loading = False
        self.reveal_button.setEnabled(False)
        self.identity_note.setText(self.tr("已显示完整身份信息（本次查看已记入审计日志）。请注意保密。"))
        self._load_timeline()

    def _identity_input(self) -> dict:
        current = {k: e.text().strip() for k, e in zip(IDENTITY_FIELDS, (self.c_name, self.c_phone, self.c_id_number,
                                                                         self.c_address))}
        if self.signature.value() == Signature.anonymous.value and self.view is None:
            return dict.fromkeys(IDENTITY_FIELDS)
        if self.view is not None:
            if self.revealed is None or current == {k: self.revealed.get(k) or "" for k in IDENTITY_FIELDS}:
                return dict.fromkeys(IDENTITY_FIELDS)   # unchanged: the service keeps what is stored
        return {k: (v or None) for k, v in current.items()}

    # ------------------------------------------------------------------ saving
    def collect(self) -> intake.ComplaintInput:
        ident = self._identity_input()
        return intake.ComplaintInput(
            received_date=self.received_date.value(), channel=self.channel.value() or "",
            kind=self.kind.value() or "", signature=self.signature.value() or "",
            complainant_name=ident["name"], complainant_phone=ident["phone"],
            complainant_id_number=ident["id_number"], complainant_address=ident["address"],
            subjects=self.subjects.subjects(), main_problem=self.main_problem.toPlainText().strip(),
            discipline=self.discipline.value(), eight_rules_type=self.eight_rules.value(),
            receiver_name=self.receiver.text().strip(), belongs_upper=self.belongs_upper.isChecked(),
            referred_down=self.referred_down.isChecked(),
            is_repeat=bool(self.view.is_repeat) if self.view else False,
            original_id=self.view.original_id if self.view else None)

    def save(self) -> bool:
        """Validate and save; True when saved. Errors are shown at their fields."""
        if not self.save_button.isVisible():
            return False
        self.errors.clear()
        data = self.collect()
        if self.view is None:
            choice = self._ask_repeat(data)
            if choice is False:
                return False
            if choice is not None:
                data = dataclasses.replace(data, is_repeat=True, original_id=choice)
        try:
            if self.view is None:
                view = self.ctx.call_db(self, lambda: intake.register_complaint(self.ws, data))
            else:
                view = self.ctx.call_db(self, lambda: intake.update_complaint(self.ws, self.complaint_id, data))
        except ValidationError as exc:
            self.show_validation(exc)
            return False
        except DomainError as exc:
            show_error(self, exc)
            return False
        new = self.view is None
        self.complaint_id = view.id
        failed = self._store_pending_files() if new else []
        self.load(view.id)
        self.status.setText(self.tr("已保存，编号 {n}").format(n=view.number) if new else self.tr("修改已保存"))
        self.sig_saved.emit(view.id)
        if failed:
            show_error(self, DomainError("\n".join(failed)), self.tr("部分附件未保存"))
        return True

    def _ask_repeat(self, data: intake.ComplaintInput):
        """None = register as new, an id = link as a repeat of it, False = the user cancelled."""
        named = [s for s in data.subjects if s.name]
        if not named or data.received_date is None:
            return None
        key = (tuple((s.name, s.unit) for s in named), data.received_date)
        if self._repeat_answer and self._repeat_answer[0] == key:
            return self._repeat_answer[1]
        try:
            found = self.ctx.call_db(self, lambda: intake.find_repeat_candidates(self.ws, named, data.received_date))
        except DomainError:
            return None
        if not found:
            return None
        dialog = RepeatDialog(found, self, self.ctx.settings)
        self.repeat_dialog = dialog
        code = dialog.exec()
        self.repeat_dialog = None
        if code == RepeatDialog.LINK:
            answer = dialog.chosen_id
        elif code == RepeatDialog.NOT_REPEAT:
            answer = None
        else:
            return False
        self._repeat_answer = (key, answer)
        return answer

    def show_validation(self, error: ValidationError) -> None:
        """Every problem under its field (several per field joined), the first field focused."""
        self.errors.clear()
        by_field: dict[str | None, list[str]] = {}
        first_focus: QWidget | None = None
        for p in error.problems or [error]:
            code = p.field
            target = None
            if code and code.startswith("subjects["):
                try:
                    row = int(code[len("subjects["):code.index("]")])
                    key = code.split(".", 1)[1] if "." in code else "name"
                    target = self.subjects.editor(row, key) if key in SUBJECT_COLUMNS else None
                except (ValueError, IndexError):
                    target = None
                code = "subjects"
            if code not in self.errors.fields:
                code = None
            by_field.setdefault(code, []).append(p.message)
            if first_focus is None and code is not None:
                first_focus = target or self.errors.fields[code][0]
        for code, messages in by_field.items():
            self.errors.set(code, "\n".join(messages))
        if first_focus is not None:
            self.tabs.setCurrentIndex(0)
            first_focus.setFocus()

    def field_error(self, code: str) -> str:
        """The message shown under field ``code`` ('' when none)."""
        label = self.errors.fields[code][1]
        return label.text() if not label.isHidden() else ""

    # ------------------------------------------------------------------ attachments
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
                self.attachments.add_row(path, path.name, path.stat().st_size, self.tr("保存时上传"))
            self._mark_dirty()
            return
        from services import attachments
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
        from services import attachments
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
        from services import attachments
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
            from services import attachments
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

    # ------------------------------------------------------------------ actions, print, timeline
    def run_action(self, code: str) -> None:
        if self.complaint_id is None:
            return
        if self._dirty:
            show_info(self, self.tr("登记信息有尚未保存的修改，请先保存（Ctrl+S）再办理。"))
            return
        text, title, text_label, required, multiline, field = ACTIONS[code]
        cid = self.complaint_id
        calls = {
            "accept": lambda d, t: intake.accept(self.ws, cid, d),
            "not_accept": lambda d, t: intake.not_accept(self.ws, cid, d, t),
            "transfer": lambda d, t: intake.transfer(self.ws, cid, d, t),
            "report_up": lambda d, t: intake.report_up(self.ws, cid, d, t),
            "conclude": lambda d, t: intake.conclude(self.ws, cid, d, t),
            "acceptance_notice": lambda d, t: intake.record_acceptance_notice(self.ws, cid, d),
            "feedback": lambda d, t: intake.record_feedback(self.ws, cid, d, t),
        }
        hint = ""
        if code == "accept" and self.view and self.view.kind == ComplaintKind.accusation.value:
            hint = self.tr("检举控告受理后将自动登记为问题线索（来源：信访举报）。")
        dialog = ActionDialog(self.tr(title), self.ws.today(), self, text_label=self.tr(text_label) if text_label else "",
                              text_required=required, multiline=multiline, hint=hint, text_field=field,
                              run=lambda d, t: self.ctx.call_db(self, lambda: calls[code](d, t)))
        self.action_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.action_dialog = None
        if not accepted:
            return
        view = dialog.result_value
        self.load(cid)
        message = self.tr("已{action}").format(action=self.tr(text))
        if code == "accept" and view is not None and view.lead_id:
            message += self.tr("，已生成问题线索 {n}").format(n=view.lead_number)
        self.status.setText(message)
        self.sig_saved.emit(cid)

    def print_sheet(self) -> None:
        if self.complaint_id is None:
            return
        from services import item_print

        from ..pdf_preview import PdfPreviewDialog
        try:
            pdf = self.ctx.call_db(self, lambda: item_print.complaint_sheet_pdf(self.ws, self.complaint_id))
            dialog = PdfPreviewDialog(pdf, self.tr("信访举报登记表 {n}").format(n=self.view.number), self,
                                      settings=self.ctx.settings, default_name=f"{self.view.number}.pdf")
        except DomainError as exc:
            show_error(self, exc)
            return
        self.preview = dialog
        self._load_timeline()  # printing the identity counts as a view
        dialog.exec()
        self.preview = None

    def _load_timeline(self) -> None:
        if self.complaint_id is None:
            return
        from services import timeline
        try:
            events = self.ctx.call_db(self, lambda: timeline.timeline(self.ws, "complaint", self.complaint_id))
        except DomainError as exc:
            events = []
            self.timeline.setToolTip(exc.message)
        self.timeline.setRowCount(len(events))
        for row, e in enumerate(events):
            at = e.at.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(e.at, "astimezone") else str(e.at)
            for col, text in enumerate((at, e.who, e.text_zh)):
                self.timeline.setItem(row, col, QTableWidgetItem(text))

    def timeline_texts(self) -> list[str]:
        return [self.timeline.item(r, 2).text() for r in range(self.timeline.rowCount())]

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Esc, 取消 and the close box: unsaved changes are never dropped without asking."""
        if self._dirty:
            answer = self.ask_unsaved()
            if answer == "cancel":
                return
            if answer == "save" and not self.save():
                return
        self._dirty = False
        super().reject()

    def ask_unsaved(self) -> str:
        """保存 / 放弃 / 取消 → "save" / "discard" / "cancel"."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("尚未保存"))
        box.setText(self.tr("登记表有尚未保存的修改。是否保存？"))
        save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        self.unsaved_box = box
        box.exec()
        self.unsaved_box = None
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"
