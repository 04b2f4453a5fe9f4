"""一案双查 ledger entry: the case and unit checked, and each leader's responsibility, outcome and basis."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from models.enums import AccountabilityMethod, LeaderPosition, LeadSource, LedgerOutcome, Responsibility
from services.casework import ledger_entries, listing
from services.casework.ledger_entries import LedgerLeaderInput
from services.errors import ValidationError

from ..editor_rows import EditorRowsTable
from ..form_widgets import DateEdit, EnumCombo
from ..geometry import remember_geometry
from ..operations import DbOp, QueryOp
from ..widgets import FieldError, FormErrors, form_error_label, primary
from .measure_form import ItemDialog, TimelineTable

LEADER_COLUMNS = [  # (key, header shown through term(), width)
    ("name", QT_TRANSLATE_NOOP("Vocabulary", "姓名"), 80),
    ("post", QT_TRANSLATE_NOOP("Vocabulary", "职务"), 130),
    ("position_type", QT_TRANSLATE_NOOP("Vocabulary", "岗位类别"), 120),
    ("responsibility", QT_TRANSLATE_NOOP("Vocabulary", "责任类型"), 100),
    ("outcome", QT_TRANSLATE_NOOP("Vocabulary", "处理结果"), 90),
    ("outcome_date", QT_TRANSLATE_NOOP("Vocabulary", "结果日期"), 110),
    ("accountability_method", QT_TRANSLATE_NOOP("Vocabulary", "追责方式"), 100),
    ("basis", QT_TRANSLATE_NOOP("Vocabulary", "追责依据"), 200),
]
_OUTCOME_KEYS = ("outcome", "outcome_date", "accountability_method", "basis")


class LeadersTable(EditorRowsTable):
    """Leaders checked, one row of editors each; 追责方式 is enabled only when the outcome is 追责."""

    field_prefix = "leaders"
    numbered_problems = False

    def __init__(self, parent: QWidget | None = None):
        super().__init__(list(LEADER_COLUMNS), parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.horizontalHeader().setStretchLastSection(True)

    def add_leader(self, x: dict | None = None) -> int:
        x = x or {}
        row = self.rowCount()
        self.insertRow(row)
        e: dict[str, QWidget] = {
            "name": QLineEdit(x.get("name", "")), "post": QLineEdit(x.get("post", "")),
            "position_type": EnumCombo(LeaderPosition, allow_empty=True, empty_text=self.tr("（未填）")),
            "responsibility": EnumCombo(Responsibility, allow_empty=True, empty_text=self.tr("（请选择）")),
            "outcome": EnumCombo(LedgerOutcome, allow_empty=True, empty_text=self.tr("（待定）")),
            "outcome_date": DateEdit(allow_empty=True, empty_text=self.tr("未填")),
            "accountability_method": EnumCombo(AccountabilityMethod, allow_empty=True, empty_text=self.tr("—")),
            "basis": QLineEdit(x.get("basis", "")),
        }
        e["position_type"].set_value(x.get("position_type"))
        e["responsibility"].set_value(x.get("responsibility"))
        e["outcome"].set_value(x.get("outcome"))
        e["outcome_date"].set_value(x.get("outcome_date"))
        e["accountability_method"].set_value(x.get("accountability_method"))
        for col, (key, _, _) in enumerate(LEADER_COLUMNS):
            w = e[key]
            if isinstance(w, QLineEdit):
                w.setFrame(False)
                w.textEdited.connect(lambda *_, r=row: self._edited(r))
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(lambda *_, r=row: self._edited(r))
            else:
                w.dateChanged.connect(lambda *_, r=row: self._edited(r))
            self.setCellWidget(row, col, w)
        e["outcome"].currentIndexChanged.connect(lambda *_, r=row: self._outcome_changed(r))
        self._append_row(e, x.get("id"), new=not x)
        self._outcome_changed(row)
        return row

    def _outcome_changed(self, row: int) -> None:
        e = self._editors[row]
        accountable = e["outcome"].value() == LedgerOutcome.held_accountable.value
        e["accountability_method"].setEnabled(accountable and e["outcome"].isEnabled())
        if not accountable:
            e["accountability_method"].set_value(None)

    def set_leaders(self, leaders: list[dict]) -> None:
        self._reset_rows()
        for x in leaders:
            self.add_leader(x)
        self._changed.clear()

    def leader_id(self, row: int) -> int | None:
        return self.row_id(row)

    def leader_input(self, row: int) -> LedgerLeaderInput:
        e = self._editors[row]
        return LedgerLeaderInput(name=e["name"].text().strip(), post=e["post"].text().strip(),
                                 position_type=e["position_type"].value(), responsibility=e["responsibility"].value() or "",
                                 outcome=e["outcome"].value(), outcome_date=e["outcome_date"].value(),
                                 accountability_method=e["accountability_method"].value(),
                                 basis=e["basis"].text().strip())

    def leaders(self) -> list[LedgerLeaderInput]:
        return [self.leader_input(r) for r in range(self.rowCount())]

    def lock_identity(self) -> None:
        """A saved entry: only the outcome columns stay editable (set_leader_outcome)."""
        for e in self._editors:
            for key, w in e.items():
                if key not in _OUTCOME_KEYS:
                    w.setEnabled(False)
        for row in range(self.rowCount()):
            self._outcome_changed(row)



class LedgerForm(ItemDialog):
    """A new 台账 entry (optionally for ``case_id``) or an existing one (``entry_id``)."""

    def __init__(self, ctx, entry_id: int | None = None, *, case_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.entry_id = entry_id
        self.view = None
        self._versions: dict = {}   # "entry" and leader id -> the version shown (``_remember``)
        today = ctx.workspace.today()
        self.heading = QLabel(self)
        self.heading.setObjectName("DialogTitle")
        self.case = QComboBox(self)
        self.case.setEditable(False)
        self.unit = QLineEdit(self)
        self.unit.setPlaceholderText(self.tr("如 青山镇农业农村办公室"))
        self.entry_date = DateEdit(self)
        self.entry_date.setMaximumWidth(180)
        self.entry_date.set_value(today)
        self.lead_source = EnumCombo(LeadSource, allow_empty=True, empty_text=self.tr("（未填）"), parent=self)
        self.problem_nature = QPlainTextEdit(self)
        self.problem_nature.setFixedHeight(56)
        self.evidence = QPlainTextEdit(self)
        self.evidence.setFixedHeight(56)
        self.general = form_error_label(self)
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for code, text, editor in (("case_id", self.tr("案件"), self.case), ("unit", self.tr("被检查单位"), self.unit),
                                   ("entry_date", self.tr("台账日期"), self.entry_date),
                                   ("lead_source", self.tr("线索来源"), self.lead_source),
                                   ("problem_nature", self.tr("问题性质"), self.problem_nature),
                                   ("evidence", self.tr("证据情况"), self.evidence)):
            form.addRow(text, editor)
            form.addRow("", self.errors.add(code, editor, FieldError(self)))
        self.leaders = LeadersTable(self)
        self.leaders.sig_edited.connect(self.set_dirty)
        self.leaders_error = form_error_label(self)
        self.leaders_field_error = self.errors.add("leaders", self.leaders, FieldError(self))
        self.add_leader_button = QPushButton(self.tr("增加领导干部"), self)
        self.remove_leader_button = QPushButton(self.tr("删除未保存的行"), self)
        self.add_leader_button.clicked.connect(lambda: self.leaders.add_leader())
        self.remove_leader_button.clicked.connect(self.leaders.remove_current_new)

        main = QWidget(self)
        ml = QVBoxLayout(main)
        ml.addLayout(form)
        hint = QLabel(self.tr("被检查的领导干部（主要领导、分管领导、纪检组织负责人）：处理结果为“追责”时须选择追责方式并填写追责依据。"))
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        ml.addWidget(hint)
        ml.addWidget(self.leaders, 1)
        ml.addWidget(self.leaders_field_error)
        ml.addWidget(self.leaders_error)
        lb = QHBoxLayout()
        lb.addWidget(self.add_leader_button)
        lb.addWidget(self.remove_leader_button)
        lb.addStretch(1)
        ml.addLayout(lb)
        self.timeline = TimelineTable(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(main, self.tr("台账"))
        self.tabs.addTab(self.timeline, self.tr("时间线"))

        self.save_button = primary(QPushButton(self.tr("保存"), self))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.errors.summary_label(self))   # 有 N 处需要修改
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.general)
        lay.addLayout(buttons)
        self.watch(self.case, self.unit, self.entry_date, self.lead_source, self.problem_nature, self.evidence)

        self._loading = True
        if entry_id is None:
            self._start_new(case_id)
        self._loading = False
        if entry_id is not None:
            self.load(entry_id)
        self.resize(1080, 700)
        remember_geometry(self, ctx.settings)

    def _start_new(self, case_id: int | None) -> None:
        ws = self.ctx.workspace
        self.setWindowTitle(self.tr("新建一案双查台账"))
        self.heading.setText(self.tr("新建一案双查台账"))

        def cases_list():
            ids = listing.query_ids(ws, listing.ListQuery(entity="case", sort_key="filing_date", descending=True))
            rows = listing.fetch_rows(ws, "case", ids)
            return [(i, rows[i]) for i in ids if i in rows]

        self.case.addItem(self.tr("（请选择案件）"), None)
        self._prefilled_source: str | None = None   # the case's 线索来源 shown, until the user picks another
        self.case.currentIndexChanged.connect(lambda *_: self._case_chosen())
        self.leaders.add_leader()
        self.leaders.clear_changed()
        self.tabs.setTabEnabled(1, False)
        QueryOp(self, cases_list).success(lambda items: self._fill_cases(items, case_id)).run()

    def _fill_cases(self, items, case_id: int | None) -> None:
        """The cases to choose from, newest first (arriving after the form is shown)."""
        loading, self._loading = self._loading, True
        for cid, row in items:
            self.case.addItem(f"{row['number']}  {row['title'] or row['persons']}", cid)
        if case_id is not None and self.case.findData(case_id) >= 0:
            self.case.setCurrentIndex(self.case.findData(case_id))
        self._loading = loading

    def _case_chosen(self) -> None:
        """A new entry starts with the chosen case's source (its lead's 线索来源) unless the user chose one."""
        ws, case_id = self.ctx.workspace, self.case.currentData()
        if self.entry_id is not None or case_id is None:
            return
        QueryOp(self, lambda: ledger_entries.case_source(ws, case_id)) \
            .success(lambda source: self._source_of_case(case_id, source)).run()

    def _source_of_case(self, case_id: int, source: str | None) -> None:
        if self.case.currentData() != case_id or self.lead_source.value() != self._prefilled_source:
            return   # another case meanwhile, or a source the user chose
        loading, self._loading = self._loading, True
        self.lead_source.set_value(source)
        self._prefilled_source = source
        self._loading = loading

    def load(self, entry_id: int) -> None:
        ws = self.ctx.workspace
        # blocking: the form shows the entry as it opens
        self._show(self.ctx.call_db(self, lambda: ledger_entries.get_ledger_entry(ws, entry_id)))

    def _show(self, v) -> None:
        self.entry_id, self.view = v.id, v
        self._remember(v)
        self._loading = True
        self.setWindowTitle(self.tr("一案双查台账 {n}").format(n=v.number))
        self.heading.setText(self.tr("一案双查台账 {n}（案件 {c}）").format(n=v.number, c=v.case_number))
        self.case.clear()
        self.case.addItem(v.case_number, v.case_id)
        self.unit.setText(v.unit)
        self.entry_date.set_value(v.entry_date)
        self.lead_source.set_value(v.lead_source)
        self.problem_nature.setPlainText(v.problem_nature)
        self.evidence.setPlainText(v.evidence)
        for w in (self.case, self.unit, self.entry_date, self.lead_source, self.problem_nature, self.evidence):
            w.setEnabled(False)   # a saved entry: its leaders' outcomes stay editable, and leaders can be added
        self.leaders.set_leaders(v.leaders)
        self.leaders.lock_identity()
        self.tabs.setTabEnabled(1, True)
        self.timeline.load(self.ctx, "ledger", v.id)
        self._loading = False
        self.set_dirty(False)

    def save(self, then=None) -> None:
        """Create the entry, or record the outcomes edited on a saved one (row by row); ``then()`` once saved."""
        ws = self.ctx.workspace
        self.leaders_error.hide()
        self.errors.clear()
        if self.entry_id is None:
            case_id = self.case.currentData()
            if case_id is None:
                self.errors.show(ValidationError(self.tr("请选择案件"), field="case_id"))
                return
            kwargs = dict(case_id=case_id, unit=self.unit.text().strip(), entry_date=self.entry_date.value(),
                          lead_source=self.lead_source.value() or "", problem_nature=self.problem_nature.toPlainText().strip(),
                          evidence=self.evidence.toPlainText().strip(), leaders=self.leaders.leaders())
            DbOp(self, lambda: ledger_entries.create_ledger_entry(ws, **kwargs)) \
                .success(lambda view: self._saved(view, then)).failure(self._failed).run()
            return

        entry_id = self.entry_id

        def write(row):
            # the versions shown (and those of this form's own saves since): a newer save from another
            # desk is refused (ConcurrentEditError), the row keeps its input
            x, lid = self.leaders.leader_input(row), self.leaders.leader_id(row)
            if lid is None:   # a leader added to the saved entry
                seen = self._versions.get("entry")
                return lambda: self._remember(ledger_entries.add_leader(ws, entry_id, x, expected_version=seen))
            seen = self._versions.get(lid)
            return lambda: self._remember(ledger_entries.set_leader_outcome(
                ws, lid, x.outcome or "", x.outcome_date, x.accountability_method, x.basis, expected_version=seen))

        def saved() -> None:
            entry_id = self.entry_id
            QueryOp(self, lambda: ledger_entries.get_ledger_entry(ws, entry_id)) \
                .success(lambda view: self._saved(view, then)).run()

        self.leaders.save_rows(self, self.leaders.changed_rows(), write, done=saved,
                               failed=lambda row, exc: self._failed(exc, row_of=lambda _i: row,
                                                                    prefix=f"leaders[{row}]."),
                               id_of=lambda view: view.leaders[-1]["id"])

    def _remember(self, view):
        """Keep the versions of a view just written or read (the next save hands them back)."""
        self._versions = {"entry": view.version, **{x["id"]: x["version"] for x in view.leaders}}
        return view

    def _saved(self, view, then) -> None:
        self._show(view)
        self.sig_saved.emit("ledger", view.id)
        if then:
            then()

    def _failed(self, exc: BaseException, row_of=lambda i: i, prefix: str = "") -> None:
        """A refusal at its leader's row or at the form's field; the input stays as typed."""
        if not isinstance(exc, ValidationError):
            self.show_failure(exc)
            return
        problems = [ValidationError(p.message, field=(prefix + p.field) if prefix and p.field else p.field)
                    for p in (exc.problems or [exc])]
        self.leaders.show_split(ValidationError(exc.message, field=exc.field, problems=problems),
                                self.leaders_error, self.errors, row_of)
