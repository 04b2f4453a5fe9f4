"""信访登记 page: filters, search, the lazy list of complaints, 新建 and 导出Excel.

``ComplaintsPage(ctx, spec=None, parent=None)`` (a ``Page``: it loads when shown). Filtering and sorting
run in SQL (``services.casework.listing.query_ids``); the table fetches only the rows on screen. Rows of items whose
deadline is near or past are tinted, and the status is also written in the 办理时限 column.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QSizePolicy, QStackedWidget, QTableView, QVBoxLayout, QWidget)

from models.enums import Channel, ComplaintFollowUp, ComplaintKind, ComplaintState, Discipline, Rank
from services.casework import listing
from services.deadlines import due_list
from services.errors import ValidationError
from services.security.permissions import allowed

from ..date_field import link_range
from ..form_widgets import CheckCombo, DateEdit
from ..interaction import Interaction
from ..lazy_model import LazyTableModel, attach_sorting
from ..operations import QueryOp
from ..flow_layout import FlowLayout, group
from ..table_tips import full_text_tips, widen_to_headers
from ..widgets import primary, show_error
from .base import Page

DUE_KEY = "due"
OVERDUE, DUE_SOON = "已超期", "即将到期"
TINTS = {OVERDUE: QColor("#fde2e2"), DUE_SOON: QColor("#fff4d6")}
SEARCH_DELAY_MS = 300


FRONT_KEYS = ("number", "received_date", "state", DUE_KEY)
"""On screen these come first: 办理状态 and 办理时限 are seen without scrolling at 1366×768."""


def complaint_columns() -> list[tuple[str, str, bool]]:
    every = [*listing.COLUMNS["complaint"], (DUE_KEY, "办理时限", False)]
    front = [c for key in FRONT_KEYS for c in every if c[0] == key]
    return front + [c for c in every if c[0] not in FRONT_KEYS]


class _EnterOpens(QObject):
    """Enter / Return on the table opens the current complaint."""

    def __init__(self, page: "ComplaintsPage"):
        super().__init__(page)
        self.page = page

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.page.open_current()
            return True
        return False


class ComplaintsPage(Page):
    """The complaints list with its filter bar."""

    sig_count_changed = Signal(int)
    """The list was re-queried: the number of complaints that fit the filters."""

    def __init__(self, ctx, spec=None, parent: QWidget | None = None):
        super().__init__(ctx, spec, parent)
        self.ws = ctx.workspace
        self.forms: list = []
        roles = self.ws.current_user.roles if self.ws.current_user else frozenset()
        self.can_register = allowed(roles, "complaint.register")
        self.can_see_identity = allowed(roles, "identity.view")
        self._build()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        title = QLabel(self.tr("信访登记"), self)
        title.setObjectName("PageTitle")
        self.new_button = primary(QPushButton(self.tr("新建 (Ctrl+N)"), self))
        self.new_button.clicked.connect(self.new_complaint)
        self.new_button.setVisible(self.can_register)
        self.export_button = QPushButton(self.tr("导出Excel…"), self)
        self.export_button.setToolTip(self.tr("导出当前筛选结果（不含反映人身份信息）"))
        self.export_button.clicked.connect(self.choose_export)
        self.refresh_button = QPushButton(self.tr("刷新 (F5)"), self)
        self.refresh_button.setToolTip(self.tr("重新读取列表（几台电脑共用服务器数据库时，显示其他人刚登记的信访件）"))
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        head.addWidget(self.export_button)
        head.addWidget(self.new_button)

        self.date_from = DateEdit(self, allow_empty=True, empty_text=self.tr("（不限）"))
        self.date_to = DateEdit(self, allow_empty=True, empty_text=self.tr("（不限）"))
        link_range(self.date_from, self.date_to)
        self.states = CheckCombo(ComplaintState, self.tr("全部状态"), self)
        self.channels = CheckCombo(Channel, self.tr("全部渠道"), self)
        self.kinds = CheckCombo(ComplaintKind, self.tr("全部类型"), self)
        self.ranks = CheckCombo(Rank, self.tr("全部职级"), self)
        self.disciplines = CheckCombo(Discipline, self.tr("全部类别"), self)
        self.followups = CheckCombo(ComplaintFollowUp, self.tr("全部办理事项"), self)   # 待反馈, 转办未回复…
        self.followups.setToolTip(self.tr("办理事项：待告知、待反馈、转办未回复及其已超期的"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索编号、被反映人姓名或单位、问题内容（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        # Only for users who may see identities: matched through keyed hashes, never plaintext.
        self.complainant = QLineEdit(self)
        self.complainant.setPlaceholderText(self.tr("反映人电话或身份证号"))
        self.complainant.setClearButtonEnabled(True)
        self.complainant.setMaximumWidth(200)
        self.complainant.setVisible(self.can_see_identity)
        self.complainant.returnPressed.connect(self.refresh)
        self.clear_button = QPushButton(self.tr("清除条件"), self)
        self.clear_button.clicked.connect(self.clear_filters)
        filters = FlowLayout()   # wraps rather than squeezing a filter below its text
        filters.addWidget(group(QLabel(self.tr("收件日期"), self), self.date_from, QLabel(self.tr("至"), self),
                                self.date_to, parent=self))
        for combo in (self.states, self.channels, self.kinds, self.ranks, self.disciplines, self.followups):
            combo.sig_changed.connect(self.refresh)
        for combo in (self.states, self.channels, self.kinds, self.ranks, self.disciplines):
            filters.addWidget(combo)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.complainant, 1)
        self.followups.setMinimumWidth(self.followups.sizeHint().width())   # the search field gives way, not it
        search_row.addWidget(self.followups)
        search_row.addWidget(self.clear_button)
        self.hint = QLabel(self)
        self.hint.setObjectName("PageNote")
        # A long hint (or an export path) wraps inside the row instead of widening the window.
        self.hint.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)   # its place (and the row's spacing) counted shown or not: no jump
        self.hint.setSizePolicy(policy)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("PageLead")
        search_row.addWidget(self.hint, 2)
        self.hint.hide()
        search_row.addWidget(self.count_label)
        self.date_from.dateChanged.connect(lambda *_: self.refresh())
        self.date_to.dateChanged.connect(lambda *_: self.refresh())
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda *_: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh)

        self.model = LazyTableModel(complaint_columns(), self._fetch_rows, page_size=100, cache_pages=20,
                                    parent=self, executor=self.ctx.db, role_hook=self._role)
        self.model.sig_fetch_failed.connect(lambda exc: show_error(self, exc))
        self.view = QTableView(self)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().hide()
        attach_sorting(self.view, self.model, "received_date", True)
        self.model.sig_sort_requested.connect(lambda *_: self.refresh())
        header = self.view.horizontalHeader()
        widths = {"number": 116, "received_date": 92, "channel": 104, "kind": 90, "signature": 70, "subjects": 130,
                  "units": 150, "ranks": 140, "discipline": 84, "main_problem": 280, "state": 76,
                  "state_date": 92, "is_repeat": 56, DUE_KEY: 80}
        for col, (key, _h, _s) in enumerate(self.model.columns):
            self.view.setColumnWidth(col, widths.get(key, 100))
        widen_to_headers(self.view)
        header.setStretchLastSection(True)
        full_text_tips(self.view)
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.view.installEventFilter(_EnterOpens(self))

        self.empty = QLabel(self)
        self.empty.setObjectName("PageLead")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addLayout(head)
        lay.addLayout(filters)
        lay.addLayout(search_row)
        lay.addWidget(self.stack, 1)
        # Window-wide: they work right after sign-in, when focus is still on the navigation list
        # (a page hidden in the stack has no active shortcuts, so pages never compete).
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_complaint)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.refresh)

    def _set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setToolTip(text)
        self.hint.setVisible(bool(text))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ------------------------------------------------------------------ data
    def query(self) -> listing.ListQuery:
        return listing.ListQuery(
            entity="complaint", date_from=self.date_from.value(), date_to=self.date_to.value(),
            states=self.states.values(), channels=self.channels.values(), kinds=self.kinds.values(),
            ranks=self.ranks.values(), disciplines=self.disciplines.values(), text=self.search.text().strip(),
            complainant=self.complainant.text().strip() if self.can_see_identity else "",
            followups=self.followups.values(),
            sort_key=self.model.sort_key or "received_date", descending=self.model.sort_descending)

    def has_filters(self) -> bool:
        q = self.query()
        return bool(q.date_from or q.date_to or q.states or q.channels or q.kinds or q.ranks or q.disciplines or q.text
                    or q.complainant or q.followups)

    def refresh(self, *_args) -> None:
        """Re-run the query in SQL; the list shows the new ids (rows are fetched as they are seen)."""
        self._search_timer.stop()
        q = self.query()
        self._set_hint(listing.search_hint(q.text))

        ws = self.ws
        QueryOp(self, lambda: listing.query_ids(ws, q)).success(self._show_ids).failure(self._query_failed).run()

    def _show_ids(self, ids: list[int]) -> None:
        current = self.current_id()
        self.model.set_ids(ids)
        self.count_label.setText(self.tr("共 {n} 件").format(n=len(ids)))
        if ids:
            self.stack.setCurrentWidget(self.view)
            row = self.model.row_of(current) if current is not None and len(ids) <= 100_000 else -1
            if row >= 0:
                self.view.selectRow(row)
            else:
                self.view.scrollToTop()
        else:
            if self.has_filters():
                self.empty.setText(self.tr("没有符合筛选条件的信访件。\n请修改搜索内容或筛选条件，或点击“清除条件”。"))
            elif self.can_register:
                self.empty.setText(self.tr("还没有登记信访件。\n点击右上角“新建”（Ctrl+N）登记来信、来访、来电或网络举报。"))
            else:
                self.empty.setText(self.tr("还没有登记信访件。信访件由信访登记员或纪委书记登记。"))
            self.stack.setCurrentWidget(self.empty)
        self.sig_count_changed.emit(len(ids))

    def _query_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field == "date_from":
            self._set_hint(exc.message)
            return
        show_error(self, exc)

    def _fetch_rows(self, ids: list[int]) -> dict[int, dict]:
        """One screen's rows with their 办理时限, read together on the DB worker."""
        rows = listing.fetch_rows(self.ws, "complaint", ids)
        due = due_list.complaint_due(self.ws, list(ids))
        out = {}
        for i, r in rows.items():
            d = due.get(i)
            status = d.status.label if d is not None and d.status.label in TINTS else ""
            text = (f"{d.label}{d.message}" if d.label else d.message) if status else ""
            out[i] = {**r.values, DUE_KEY: status, "due_text": text}
        return out

    def _role(self, values, key: str, role: int):
        status = values.get(DUE_KEY)
        if role == Qt.ItemDataRole.BackgroundRole and status in TINTS:
            return TINTS[status]
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "main_problem":
                return values.get("main_problem")
            if key == DUE_KEY and status:   # other cut cells show their full text (gui.table_tips)
                return values.get("due_text") or status
        return None

    def clear_filters(self) -> None:
        widgets = (self.date_from, self.date_to, self.search, self.states, self.channels, self.kinds, self.ranks,
                   self.disciplines, self.followups, self.complainant)
        for w in widgets:
            w.blockSignals(True)
        self.date_from.clear_value()
        self.date_to.clear_value()
        self.search.clear()
        self.complainant.clear()
        for combo in widgets[3:-1]:
            combo.set_values([])
        for w in widgets:
            w.blockSignals(False)
        self.refresh()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    # ------------------------------------------------------------------ actions
    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int):
        cid = self.model.id_at(row)
        return self.open_complaint(cid) if cid is not None else None

    def open_complaint(self, complaint_id: int | None):
        """Open the form of a complaint (None = a new one); returns the form."""
        from ..dialogs.complaint_form import ComplaintForm
        form = self.open_form(lambda: ComplaintForm(self.ctx, complaint_id, self.window()))
        if form is None:
            return None
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        form.sig_saved.connect(self._saved)
        form.sig_open_item.connect(lambda _kind, lead_id: self._open_lead(form, lead_id))
        form.destroyed.connect(lambda *_: self.forms.remove(form) if form in self.forms else None)
        self.forms.append(form)
        form.show()
        form.raise_()
        return form

    def _open_lead(self, complaint_form, lead_id: int):
        """The lead a complaint became (its form's 查看线索), over the complaint's form; returns the form."""
        from ..dialogs.lead_form import LeadForm
        form = self.open_form(lambda: LeadForm(self.ctx, lead_id, parent=complaint_form))
        if form is not None:
            complaint_form.lead_form = form
            form.show()
        return form

    def new_complaint(self):
        if not self.can_register:
            return None
        return self.open_complaint(None)

    def _saved(self, complaint_id: int) -> None:
        self.refresh()

    def choose_export(self) -> None:
        name = f"信访件清单-{self.ws.today().isoformat()}.xlsx"
        path = Interaction.save_path(self, self.tr("导出Excel"), name, self.tr("Excel 文件 (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the current filter's list to ``path`` (no identity); the hint then says how many went where.

        On the database worker: ``listing.export_xlsx`` reads and writes in one call (no snapshot to
        hand to the export pool). A path that cannot be written is the op's default failure.
        """
        ws, q = self.ws, self.query()
        (QueryOp(self, lambda: listing.export_xlsx(ws, q, path)).progress(self.tr("正在导出……"))
         .success(lambda n: self._set_hint(self.tr("已导出 {n} 件到 {path}").format(n=n, path=path))).run())

