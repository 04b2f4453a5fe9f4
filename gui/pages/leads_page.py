"""问题线索 page, and ``ItemListPage``: the list page the lead, case and ledger pages share.

A list page = filters + search + a QTableView over ``LazyTableModel`` (ids from ``services.casework.listing``,
sorted in SQL by header click), 即将到期 / 已超期 marks from ``services.deadlines.due_list``, 新建 (Ctrl+N),
导出Excel, and double-click / Enter to open the item's form.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLayout, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from models.enums import Disposition, LeadFollowUp, LeadSource, LeadState
from services.casework import listing
from services.deadlines import due_list
from services.deadlines.rules import DueStatus
from services.errors import DomainError

from ..date_field import link_range
from ..form_widgets import CheckCombo, DateEdit
from ..interaction import Interaction, error_text
from ..lazy_model import LazyTableModel, attach_sorting
from ..operations import QueryOp
from ..flow_layout import FlowLayout, group
from ..table_tips import full_text_tips, widen_to_headers
from ..widgets import primary, show_error, show_info
from .base import Page

DUE_COLUMN = ("due", QT_TRANSLATE_NOOP("Vocabulary", "时限"), False)  # its title shown through term()
OVERDUE_BG = QColor("#fde2e2")
DUE_SOON_BG = QColor("#fff4d6")
OVERDUE_FG = QColor("#9b1c1c")
DUE_SOON_FG = QColor("#8a5a00")


def due_marks(ws, entity: str) -> dict[int, tuple[str, str]]:
    """{item id: (status code, "已超期2个工作日：初步核实…")} — the worst open deadline of each item."""
    out: dict[int, tuple[str, str]] = {}
    for d in due_list.due_items(ws):
        if d.item_type != entity:
            continue
        text = f"{d.status.label}（{d.label}，{d.message}）"
        if d.item_id not in out or (d.status is DueStatus.OVERDUE and out[d.item_id][0] != DueStatus.OVERDUE.value):
            out[d.item_id] = (d.status.value, text)
    return out


def _page_text(text: str) -> str:
    """A list page's title or new-button text (declared with ``QT_TRANSLATE_NOOP("ItemListPage", …)``)."""
    return QCoreApplication.translate("ItemListPage", text)


class ItemListPage(Page):
    """Base of the list pages. Subclasses set ``entity``, ``title_text``, ``new_text`` and implement
    ``build_filters(layout)``, ``fill_query(q)`` and ``make_form(item_id)``."""

    entity = "lead"
    title_text = ""
    new_text = ""
    show_due = True

    sig_item_opened = Signal(int)
    """A form was opened for the item with this id."""

    def __init__(self, ctx, spec=None, parent: QWidget | None = None):
        super().__init__(ctx, spec, parent)
        self.forms: dict[int | None, QWidget] = {}
        self._due: dict[int, tuple[str, str]] = {}

        title = QLabel(_page_text(self.title_text))
        title.setObjectName("PageTitle")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索编号、姓名、单位、内容（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.new_button = primary(QPushButton(_page_text(self.new_text) + self.tr("（Ctrl+N）"), self))
        self.export_button = QPushButton(self.tr("导出Excel…"), self)
        self.new_button.clicked.connect(self.new_item)
        self.export_button.clicked.connect(self.export_dialog)
        self.reset_button = QPushButton(self.tr("清除筛选"), self)
        self.reset_button.clicked.connect(self.reset_filters)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("PageNote")
        head = QHBoxLayout()   # the count and 清除筛选 up here: the filter row keeps its combos whole at 1180 px
        head.addWidget(title)
        head.addWidget(self.count_label)
        head.addStretch(1)
        head.addWidget(self.search)
        head.addWidget(self.reset_button)
        head.addWidget(self.export_button)
        head.addWidget(self.new_button)

        self.date_from = DateEdit(self, allow_empty=True, empty_text=self.tr("（不限）"))
        self.date_to = DateEdit(self, allow_empty=True, empty_text=self.tr("（不限）"))
        link_range(self.date_from, self.date_to)
        filters = FlowLayout()   # wraps rather than squeezing a filter below its text
        filters.addWidget(group(QLabel(self.date_label()), self.date_from, QLabel(self.tr("至")), self.date_to,
                                parent=self))
        self.build_filters(filters)

        columns = list(listing.COLUMNS[self.entity])
        if self.show_due:  # the deadline mark right after the number, where the eye starts
            columns.insert(1, DUE_COLUMN)
        self.model = LazyTableModel(columns, self._fetch, page_size=100, cache_pages=20, parent=self,
                                    executor=ctx.db, role_hook=self._role)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(110)
        for key, width in self.column_widths().items():
            col = self.model.column_of(key)
            if col >= 0:
                self.view.setColumnWidth(col, width)
        widen_to_headers(self.view)
        attach_sorting(self.view, self.model, self.default_sort(), True)
        self.model.sig_sort_requested.connect(lambda *_: self.refresh())
        self.model.sig_fetch_failed.connect(lambda exc: show_error(self, exc))
        full_text_tips(self.view)
        self.view.doubleClicked.connect(lambda index: self.open_item(self.model.id_at(index.row())))
        self.view.activated.connect(lambda index: self.open_item(self.model.id_at(index.row())))
        self.empty = QLabel(self)
        self.empty.setObjectName("PageNote")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.search_hint = QLabel(self)
        self.search_hint.setObjectName("Hint")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        lay.addLayout(head)
        lay.addLayout(filters)
        lay.addWidget(self.search_hint)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textEdited.connect(lambda *_: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda *_: self.refresh())
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_item)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)

    # ---- for subclasses ----------------------------------------------------------------------------------
    def date_label(self) -> str:
        return self.tr("收到日期")

    def default_sort(self) -> str:
        return listing.DEFAULT_SORT[self.entity]

    def column_widths(self) -> dict[str, int]:
        return {"number": 115, "due": 180, "received_date": 100, "source": 110, "persons": 110, "summary": 220,
                "disposition": 90, "disposition_date": 100, "approved": 80, "result": 80, "result_date": 100}

    def build_filters(self, layout: QLayout) -> None:
        pass

    def fill_query(self, q: listing.ListQuery) -> None:
        pass

    def clear_filters(self) -> None:
        pass

    def make_form(self, item_id: int | None) -> QWidget:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def empty_text(self) -> str:
        return self.tr("没有符合条件的记录。")

    # ---- list ----------------------------------------------------------------------------------------------
    def query(self) -> listing.ListQuery:
        q = listing.ListQuery(entity=self.entity, date_from=self.date_from.value(), date_to=self.date_to.value(),
                              text=self.search.text().strip(), sort_key=self.model.sort_key or self.default_sort(),
                              descending=self.model.sort_descending if self.model.sort_key else True)
        self.fill_query(q)
        return q

    def query_ids(self, q: listing.ListQuery) -> list[int]:
        return listing.query_ids(self.ctx.workspace, q)

    def refresh(self) -> None:
        """Re-run the filter and sort in SQL; keep the selected item selected."""
        self._search_timer.stop()
        ws, entity, show_due = self.ctx.workspace, self.entity, self.show_due
        selected = self.current_id()
        q = self.query()

        def read() -> tuple[list[int], dict[int, tuple[str, str]]]:
            return self.query_ids(q), (due_marks(ws, entity) if show_due else {})

        QueryOp(self, read).success(lambda got: self._show_ids(q, selected, *got)).failure(self._list_failed).run()

    def _list_failed(self, exc: BaseException) -> None:
        """The list could not be read: say why where the list would be (an unexpected error also as a box)."""
        self.count_label.setText("")
        self.empty.setText(error_text(exc))
        self.empty.show()
        self.model.set_ids([])
        if not isinstance(exc, DomainError):
            Interaction.error(self, exc)

    def _show_ids(self, q: listing.ListQuery, selected: int | None, ids: list[int],
                  due: dict[int, tuple[str, str]]) -> None:
        self._due = due
        self.model.set_ids(ids)
        filtered = any((q.date_from, q.date_to, q.text, q.states, q.sources, q.ranks, q.disciplines))
        self.count_label.setText(self.tr("共 {n} 条").format(n=len(ids)))
        self.empty.setText(self.empty_text() if not filtered else self.tr("没有符合筛选条件的记录，可点击“清除筛选”。"))
        self.empty.setVisible(not ids)
        self.search_hint.setText(listing.search_hint(q.text))
        self.search_hint.setVisible(bool(self.search_hint.text()))
        if selected is not None:
            row = self.model.row_of(selected)
            if row >= 0:
                self.view.selectRow(row)

    def _fetch(self, ids: list[int]) -> dict[int, dict]:
        rows = listing.fetch_rows(self.ctx.workspace, self.entity, ids)
        out = {}
        for i, r in rows.items():
            values = dict(r.values)
            mark = self._due.get(i)
            values["due"] = mark[1] if mark else ""
            values["_due_status"] = mark[0] if mark else ""
            out[i] = values
        return out

    def _role(self, values, key: str, role: int):
        status = values.get("_due_status")
        if not status:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BG if status == DueStatus.OVERDUE.value else DUE_SOON_BG)
        if role == Qt.ItemDataRole.ForegroundRole and key == "due":
            return QBrush(OVERDUE_FG if status == DueStatus.OVERDUE.value else DUE_SOON_FG)
        if role == Qt.ItemDataRole.ToolTipRole:
            return values.get("due")
        return None

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def row_texts(self, key: str) -> list[str]:
        """The display texts of column ``key``, in list order (tests and checks)."""
        return [self.model.row_data(r).get(key, "") for r in range(self.model.rowCount())]

    def reset_filters(self) -> None:
        for w in (self.date_from, self.date_to):
            w.blockSignals(True)
            w.clear_value()
            w.blockSignals(False)
        self.search.clear()
        self.clear_filters()
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ---- forms ---------------------------------------------------------------------------------------------
    def new_item(self) -> QWidget | None:
        return self._show_form(None)

    def open_item(self, item_id: int | None) -> QWidget | None:
        if item_id is None:
            return None
        return self._show_form(item_id)

    def _show_form(self, item_id: int | None) -> QWidget | None:
        form = self.forms.get(item_id) if item_id is not None else None
        if form is not None and form.isVisible():
            form.raise_()
            form.activateWindow()
            return form
        form = self.open_form(lambda: self.make_form(item_id))
        if form is None:
            return None
        form.sig_saved.connect(lambda *_: self.refresh())
        form.finished.connect(lambda *_: self.refresh())
        self.forms[item_id] = form
        form.show()
        if item_id is not None:
            self.sig_item_opened.emit(item_id)
        return form

    # ---- export --------------------------------------------------------------------------------------------
    def export_to(self, path: Path) -> None:
        """Export the filtered, sorted list to ``path`` (.xlsx); then say how many rows went where.

        On the database worker: ``listing.export_xlsx`` reads and writes in one call (no snapshot to
        hand to the export pool). A path that cannot be written is the op's default failure (the
        service's ``FileWriteError``).
        """
        ws, q = self.ctx.workspace, self.query()
        (QueryOp(self, lambda: listing.export_xlsx(ws, q, path))
         .progress(QCoreApplication.translate("ItemListPage", "正在导出……"))
         .success(lambda n: show_info(self, self.tr("已导出 {n} 条记录到 {path}").format(n=n, path=path)))
         .run())

    def export_dialog(self) -> None:
        name = f"{_page_text(self.title_text)}.xlsx"
        path = Interaction.save_path(self, self.tr("导出Excel"), name, self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.export_to(Path(path))


class LeadsPage(ItemListPage):
    """问题线索: filters by 收到日期, 线索来源, 处置方式 and 办理状态; 新建线索; open a lead's form."""

    entity = "lead"
    title_text = QT_TRANSLATE_NOOP("ItemListPage", "问题线索")
    new_text = QT_TRANSLATE_NOOP("ItemListPage", "新建线索")

    def build_filters(self, layout: QLayout) -> None:
        self.sources = CheckCombo(LeadSource, self.tr("全部来源"), self)
        self.dispositions = CheckCombo(Disposition, self.tr("全部处置方式"), self)
        self.states = CheckCombo(LeadState, self.tr("全部状态"), self)
        self.followups = CheckCombo(LeadFollowUp, self.tr("全部函询事项"), self)   # 待函询回复, 已超期, 待评估
        # No label before each combo (its "全部…" text says what it filters): the bar fits a 1366 px screen.
        for label, w in ((self.tr("线索来源"), self.sources), (self.tr("处置方式"), self.dispositions),
                         (self.tr("状态"), self.states), (self.tr("函询事项"), self.followups)):
            w.setToolTip(label)
            layout.addWidget(w)
            w.sig_changed.connect(self.refresh)
            w.setMinimumWidth(130)

    def fill_query(self, q: listing.ListQuery) -> None:
        q.sources = self.sources.values()
        q.dispositions = self.dispositions.values()
        q.states = self.states.values()
        q.followups = self.followups.values()

    def clear_filters(self) -> None:
        for w in (self.sources, self.dispositions, self.states, self.followups):
            w.blockSignals(True)
            w.set_values([])
            w.blockSignals(False)

    def empty_text(self) -> str:
        return self.tr("还没有问题线索。信访件受理后自动生成线索，也可点击“新建线索”直接录入。")

    def make_form(self, item_id: int | None) -> QWidget:
        from ..dialogs.lead_form import LeadForm
        return LeadForm(self.ctx, item_id, parent=self)
