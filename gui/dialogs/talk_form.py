"""谈话记录 of a lead or a case: the talks recorded on it, a form for a new one (type, date, place, at least two
distinct interviewers, the person, the summary, the signed record's scan) and 打印谈话记录 (services.casework.talks,
services.reporting.item_print.talk_sheet_pdf)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from models.enums import TalkKind
from services.casework import talks
from services.casework.talks import TalkInput
from services.reporting import item_print

from ..form_widgets import DateEdit
from ..geometry import remember_geometry
from ..interaction import Interaction
from ..operations import DbOp, QueryOp
from ..pdf_preview import PdfPreviewDialog
from ..widgets import FieldError, FormErrors, form_error_label, primary, show_refusal

__all__ = ["TalkForm", "talk_button"]

OTHER_PERSON = -1   # the person combo's "someone else" entry: name, unit and post typed in


class TalkForm(QDialog):
    """The talks of one lead (``lead``: a LeadView) or case (``case``: a CaseView)."""

    sig_saved = Signal(str, int)
    """A talk was recorded on (entity "lead"|"case", id)."""

    def __init__(self, ctx, *, lead=None, case=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        owner = lead if lead is not None else case
        self.entity = "lead" if lead is not None else "case"
        self.owner_id, self.owner_number = owner.id, owner.number
        self.talks: list = []
        self.children_forms: list[QWidget] = []
        what = self.tr("问题线索") if lead is not None else self.tr("案件")
        self.setWindowTitle(self.tr("谈话记录 — {what} {n}").format(what=what, n=owner.number))
        heading = QLabel(self.tr("{what} {n} 的谈话记录").format(what=what, n=owner.number), self)
        heading.setObjectName("DialogTitle")

        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("谈话日期"), self.tr("类型"), self.tr("谈话对象"),
                                              self.tr("谈话人"), self.tr("地点")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.print_button = QPushButton(self.tr("打印谈话记录"), self)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_selected)

        box = QGroupBox(self.tr("新增谈话记录（谈话须由至少2名不同人员进行）"), self)
        self.kind = QComboBox(self)
        disposition = getattr(lead, "disposition", None)
        for code in (talks.talk_kinds_for(disposition) if lead is not None else
                     [k.value for k in TalkKind if k is not TalkKind.inquiry_talk]):
            self.kind.addItem(TalkKind(code).label, code)
        self.talk_date = DateEdit(self)
        self.talk_date.setMaximumWidth(180)
        self.talk_date.set_value(ctx.workspace.today())
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(self.tr("如：镇纪委谈话室"))
        self.interviewers = QLineEdit(self)
        self.interviewers.setPlaceholderText(self.tr("至少2人，用顿号分隔，如：李四、赵六"))
        self.person = QComboBox(self)
        for p in owner.persons:
            self.person.addItem("，".join(x for x in (p.name, p.unit, p.post) if x), p.id)
        self.person.addItem(self.tr("其他人员（填写姓名、单位、职务）"), OTHER_PERSON)
        self.person.currentIndexChanged.connect(self._person_changed)
        self.person_name = QLineEdit(self)
        self.person_unit = QLineEdit(self)
        self.person_post = QLineEdit(self)
        self.summary = QPlainTextEdit(self)
        self.summary.setFixedHeight(90)
        self.attachment = QLineEdit(self)
        self.attachment.setPlaceholderText(self.tr("签字后的谈话记录扫描件（可不选）"))
        choose = QPushButton(self.tr("选择文件…"), self)
        choose.clicked.connect(self.choose_file)
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attachment, 1)
        attach_row.addWidget(choose)
        attach_box = QWidget(self)
        attach_box.setLayout(attach_row)
        attach_row.setContentsMargins(0, 0, 0, 0)
        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("kind", self.tr("谈话类型"), self.kind),
                                   ("talk_date", self.tr("谈话日期"), self.talk_date),
                                   ("place", self.tr("谈话地点"), self.place),
                                   ("interviewers", self.tr("谈话人"), self.interviewers),
                                   ("person_id", self.tr("谈话对象"), self.person),
                                   ("person_name", self.tr("姓名"), self.person_name),
                                   ("person_unit", self.tr("单位"), self.person_unit),
                                   ("person_post", self.tr("职务"), self.person_post),
                                   ("summary", self.tr("谈话内容摘要"), self.summary),
                                   ("path", self.tr("记录附件"), attach_box)):
            form.addRow(text, editor)
            form.addRow("", self.errors.add(code, editor, FieldError(self)))
        self.save_button = primary(QPushButton(self.tr("保存谈话记录"), self))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.errors.summary_label(self))   # 有 N 处需要修改
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(self.table, 1)
        lay.addWidget(box)
        lay.addWidget(self.general)
        lay.addLayout(buttons)
        self._person_changed()
        self.resize(820, 760)
        remember_geometry(self, ctx.settings)
        self.load()

    # ---- the list ----------------------------------------------------------------------------------------
    def _owner_kw(self) -> dict:
        return {"lead_id": self.owner_id} if self.entity == "lead" else {"case_id": self.owner_id}

    def load(self, select_id: int | None = None) -> None:
        ws, kw = self.ctx.workspace, self._owner_kw()
        QueryOp(self, lambda: talks.list_talks(ws, **kw)).success(lambda rows: self._fill(rows, select_id)).run()

    def _fill(self, rows, select_id: int | None) -> None:
        self.talks = list(rows)
        self.table.setRowCount(len(self.talks))
        for r, t in enumerate(self.talks):
            for c, text in enumerate((t.talk_date.isoformat(), t.kind_label, t.person_name, "、".join(t.interviewers),
                                      t.place)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        ids = [t.id for t in self.talks]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        self._selection_changed()

    def selected_talk(self):
        rows = self.table.selectionModel().selectedRows()
        return self.talks[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.print_button.setEnabled(self.selected_talk() is not None)

    # ---- the form ----------------------------------------------------------------------------------------
    def _person_changed(self, *_args) -> None:
        other = self.person.currentData() == OTHER_PERSON
        for w in (self.person_name, self.person_unit, self.person_post):
            w.setEnabled(other)

    def choose_file(self) -> None:
        path = Interaction.open_path(self, self.tr("选择谈话记录扫描件"), "",
                                     self.tr("所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.jpeg *.png *.tif *.tiff)"))
        if path:
            self.attachment.setText(path)

    def talk_input(self) -> TalkInput:
        pid = self.person.currentData()
        other = pid == OTHER_PERSON
        return TalkInput(kind=self.kind.currentData() or "", talk_date=self.talk_date.value(),
                         place=self.place.text(), interviewers=self.interviewers.text(),
                         person_name=self.person_name.text() if other else "",
                         person_unit=self.person_unit.text() if other else "",
                         person_post=self.person_post.text() if other else "",
                         person_id=None if other else pid, summary=self.summary.toPlainText(),
                         attachment=self.attachment.text().strip() or None, **self._owner_kw())

    def save(self) -> None:
        ws, data = self.ctx.workspace, self.talk_input()
        self.errors.clear()
        DbOp(self, lambda: talks.record_talk(ws, data)).success(self._saved).failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        show_refusal(self, self.errors, exc)

    def _saved(self, view) -> None:
        for w in (self.place, self.interviewers, self.person_name, self.person_unit, self.person_post,
                  self.attachment):
            w.clear()
        self.summary.clear()
        self.sig_saved.emit(self.entity, self.owner_id)
        self.load(select_id=view.id)

    # ---- printing ----------------------------------------------------------------------------------------
    def print_selected(self) -> None:
        talk = self.selected_talk()
        if talk is None:
            return
        ws = self.ctx.workspace
        # rendered on the database worker: talk_sheet_pdf reads and renders in one call
        QueryOp(self, lambda: item_print.talk_sheet_pdf(ws, talk.id)) \
            .success(lambda pdf: self._preview(pdf, talk)).run()

    def _preview(self, pdf: bytes, talk) -> None:
        title = self.tr("谈话记录 {n} {name} {d}").format(n=self.owner_number, name=talk.person_name,
                                                      d=talk.talk_date.isoformat())
        dialog = PdfPreviewDialog(pdf, title, self, settings=self.ctx.settings)
        self.children_forms.append(dialog)
        dialog.show()


def talk_button(form, entity: str) -> QPushButton:
    """A 谈话记录… button for the lead or case ``form`` (its ``view`` is the item shown): opens a TalkForm."""
    button = QPushButton(form.tr("谈话记录…"), form)

    def open_form() -> None:
        view = getattr(form, "view", None)
        if view is None:
            Interaction.info(form, form.tr("请先保存，再登记谈话记录。"))
            return
        talk = TalkForm(form.ctx, parent=form, **{entity: view})
        talk.sig_saved.connect(lambda *_: form.timeline.load(form.ctx, entity, view.id))
        form.children_forms.append(talk)
        talk.show()

    button.clicked.connect(open_form)
    return button
