"""信访件登记表, the form's sections: 收件信息, 反映人, 被反映人, 反映的问题, 附件 — each builds its group box
with its fields registered for error display. A mixin of ``ComplaintForm`` (translations stay in its context)."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from models.enums import Channel, ComplaintKind, Discipline, EightRulesType, Signature

from ..form_widgets import AttachmentList, DateEdit, EnumCombo
from ..widgets import FieldError
from .complaint_subjects import SubjectsTable


class ComplaintSections:
    """The group boxes of the 登记信息 tab, built in this order by ``ComplaintForm._build``."""

    def _build_basic(self) -> QGroupBox:
        """收件信息: date, channel, kind, signature, receiver, jurisdiction flags, the repeat note."""
        self.received_date = DateEdit(self)
        self.channel = EnumCombo(Channel, allow_empty=True, empty_text=self.tr("（请选择来源渠道）"))
        self.kind = EnumCombo(ComplaintKind, allow_empty=True, empty_text=self.tr("（请选择类型）"))
        self.signature = EnumCombo(Signature, allow_empty=True, empty_text=self.tr("（请选择署名情况）"))
        self.receiver = QLineEdit(self)
        self.belongs_upper = QCheckBox(self.tr("属上级纪委管辖（须在5个工作日内上报）"), self)
        self.referred_down = QCheckBox(self.tr("上级转办交办（须在5个工作日内受理或转办）"), self)
        self.upper_note = QLabel(self.tr(
            "属上级纪委管辖的信访件不得复制、摘抄检举控告内容（《纪检监察机关处理检举控告工作规则》第十五条）："
            "只登记收件信息、署名情况、被反映人和问题类别（事由），不填写反映的主要问题、反映人信息，不添加附件；"
            "原件请在5个工作日内报送上级纪委。"), self)
        self.upper_note.setObjectName("PageNote")
        self.upper_note.setWordWrap(True)
        self.upper_note.hide()
        self.belongs_upper.toggled.connect(lambda *_: self._apply_upper_level())
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
        f.addRow("", self.upper_note)
        f.addRow("", self.referred_down)
        self._row(f, "", self.repeat_note, "original_id")
        return basic

    def _build_person(self) -> QGroupBox:
        """反映人: the complainant's identity (encrypted; masked once saved) and 查看."""
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
        return person

    def _build_subjects(self) -> QGroupBox:
        """被反映人: the persons table with add / remove."""
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
        return subj_box

    def _build_problem(self) -> QGroupBox:
        """反映的问题: the main problem, its category, 八项规定."""
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
        return problem

    def _build_attachments(self) -> QGroupBox:
        """附件: the attachment list (files can be dropped on the window)."""
        self.attachments = AttachmentList(self)
        self.attachments.sig_add_requested.connect(self.choose_files)
        self.attachments.sig_files_dropped.connect(self.add_files)
        self.attachments.sig_open_requested.connect(self.open_attachment)
        att_box = QGroupBox(self.tr("附件（来信扫描件等，可直接拖入本窗口）"), self)
        QVBoxLayout(att_box).addWidget(self.attachments)
        return att_box

    def _apply_upper_level(self) -> None:
        """属上级纪委管辖 ticked: the note shows and the fields the rule does not allow are disabled (and not
        sent: ``collect``); unticked, they are as the form's state wants them again."""
        upper = self.belongs_upper.isChecked()
        self.upper_note.setVisible(upper)
        self.main_problem.setEnabled(not upper)
        self.attachments.add_button.setEnabled(not upper)
        if upper:
            for w in (self.c_name, self.c_phone, self.c_id_number, self.c_address):
                w.setEnabled(False)
        elif self.view is None:
            self._signature_changed()
        else:
            for w in (self.c_name, self.c_phone, self.c_id_number, self.c_address):
                w.setEnabled(True)

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
