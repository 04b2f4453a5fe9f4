"""工作台: this month's headline counters so far beside the same days of last year's month, the reminder and
the due list, a 12-month trend."""
from __future__ import annotations

import math

from PySide6.QtCharts import QBarCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from services.deadlines import due_list
from services.deadlines.rules import DueStatus
from services.errors import PermissionDenied
from services.reporting import dashboard

from ..due_reminder import DueReminder
from ..table_tips import full_text_tips
from ..operations import QueryOp
from ..vocabulary import term, unknown_year_text
from .base import Page
from .leads_page import DUE_SOON_BG, DUE_SOON_FG, OVERDUE_BG, OVERDUE_FG

TREND_SERIES = [
    (QT_TRANSLATE_NOOP("DashboardPage", "收到信访举报"), "#9b1c1c"),
    (QT_TRANSLATE_NOOP("DashboardPage", "处置问题线索"), "#1d4ed8"),
    (QT_TRANSLATE_NOOP("DashboardPage", "立案"), "#047857"),
]
ITEM_LABELS = {"complaint": "信访件", "lead": "问题线索", "case": "案件"}


def nice_axis(top: int, ticks: int = 5) -> tuple[int, int]:
    """(maximum, step) of a count axis from 0 with about ``ticks`` round steps: 1, 2 or 5 times a power of ten
    (147 → 0/50/100/150, 46 → 0/10/…/50), never less than 1."""
    raw = max(top, 1) / ticks
    magnitude = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return max(step, math.ceil(top / step) * step), step


def month_label(ym: str, short: bool = False) -> str:
    """"2026-03" → "3月", or "3" when ``short`` (the years, and the word 月份, are in the axis title)."""
    month = int(ym[5:7])
    return str(month) if short else QCoreApplication.translate("DashboardPage", "{m}月").format(m=month)


def open_item_form(ctx, item_type: str, item_id: int, parent: QWidget | None = None) -> QWidget | None:
    """The form of a complaint, lead or case (shown, not modal)."""
    if item_type == "lead":
        from ..dialogs.lead_form import LeadForm
        form = LeadForm(ctx, item_id, parent=parent)
    elif item_type == "case":
        from ..dialogs.case_form import CaseForm
        form = CaseForm(ctx, item_id, parent=parent)
    elif item_type == "complaint":
        from ..dialogs.complaint_form import ComplaintForm
        form = ComplaintForm(ctx, item_id, parent=parent)
        form.sig_open_item.connect(lambda kind, linked: open_item_form(ctx, kind, linked, parent=form))
    elif item_type == "ledger":
        from ..dialogs.ledger_form import LedgerForm
        form = LedgerForm(ctx, item_id, parent=parent)
    else:
        return None
    form.show()
    return form


class CounterCard(QFrame):
    """One headline figure: 本月 big, 去年同月 beside it with an up/down arrow and the change."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("Card")
        self.title = QLabel(self)
        self.title.setObjectName("PageNote")
        self.title.setWordWrap(True)   # a translation's longer title wraps instead of being cut
        self.value = QLabel(self)
        self.value.setStyleSheet("font-size: 22pt; font-weight: bold; color: #1f2328;")
        self.compare = QLabel(self)
        self.compare.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.compare)
        self.month = self.last = 0

    def set_counter(self, c) -> None:
        self.month, self.last = c.month, c.same_month_last_year
        self.title.setText(self.tr("本月{what}").format(what=term(c.label_zh)))
        self.value.setText(str(c.month))
        if c.month > c.same_month_last_year:
            arrow, color = "↑", "#9b1c1c"
        elif c.month < c.same_month_last_year:
            arrow, color = "↓", "#047857"
        else:
            arrow, color = "＝", "#4b5563"
        pct, diff = c.change_pct, c.month - c.same_month_last_year
        change = self.tr("增加 {n}").format(n=diff) if diff > 0 else self.tr("减少 {n}").format(n=-diff) if diff < 0 \
            else self.tr("持平")
        if pct is not None:
            change += "（{sign}{pct}%）".format(sign="+" if pct > 0 else "", pct=pct)
        self.compare.setText(self.tr("去年同期 {n}　<span style='color:{color}'>{arrow} {change}</span>")
                             .format(n=c.same_month_last_year, color=color, arrow=arrow, change=change))
        self.arrow = arrow


def read_dashboard(ws, today) -> tuple[list[str], list, list[tuple], str, list]:
    """(calendar warnings, counters, trend rows, why they are not shown, due items) on the database worker."""
    warnings = [unknown_year_text(y) for y in due_list.years_to_confirm(ws)]
    try:
        counters, trend, denied = dashboard.headline(ws, today), dashboard.trend(ws, today, 12), ""
    except PermissionDenied as exc:  # without 月报 rights: the due list and a plain message instead
        counters, trend, denied = [], [], exc.message
    try:
        due = due_list.due_items(ws, today)
    except PermissionDenied:  # without complaint and lead rights: no due list
        due = []
    return warnings, counters, trend, denied, due


class DashboardPage(Page):
    """工作台. Refreshes each time it is shown; double-click in the due list opens the item."""

    sig_item_opened = Signal(str, int)
    """The form of an item was opened from the due list: (item type, id)."""

    def __init__(self, ctx, spec=None, parent: QWidget | None = None):
        super().__init__(ctx, spec, parent)
        self.forms: list[QWidget] = []
        self.cards: dict[str, CounterCard] = {}
        self.trend_rows: list[tuple] = []
        self._due: list = []

        self.heading = QLabel(self.tr("工作台"))
        self.heading.setObjectName("PageTitle")
        self.period = QLabel(self)
        self.period.setObjectName("PageNote")
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addSpacing(12)
        head.addWidget(self.period)
        head.addStretch(1)
        head.addWidget(self.refresh_button)

        self.banner = QLabel(self)
        self.banner.setObjectName("FormError")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.reminder = DueReminder(self)          # 您有 N 项已超期、M 项即将到期 → the due list
        self.reminder.clicked.connect(self.focus_due)
        self.message = QLabel(self)
        self.message.setObjectName("PageNote")
        self.message.setWordWrap(True)
        self.message.hide()

        self.cards_box = QWidget(self)
        self.cards_layout = QGridLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setHorizontalSpacing(12)

        self.due_title = QLabel(self.tr("即将到期和已超期事项"))
        self.due_title.setObjectName("PageLead")
        self.due = QTableWidget(0, 5, self)
        self.due.setHorizontalHeaderLabels([self.tr("状态"), self.tr("编号"), self.tr("到期事项"), self.tr("到期日"),
                                            self.tr("剩余/超期")])
        self.due.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.due.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.due.verticalHeader().hide()
        header = self.due.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.due.setWordWrap(True)   # a long 到期事项 wraps in the narrow panel instead of "案件：…"
        self.due.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        full_text_tips(self.due)
        self.due.cellDoubleClicked.connect(lambda row, _col: self.open_due(row))
        self.due.cellActivated.connect(lambda row, _col: self.open_due(row))
        self.due_empty = QLabel(self.tr("没有即将到期或已超期的事项。"), self)
        self.due_empty.setObjectName("Hint")
        due_box = QWidget(self)
        dl = QVBoxLayout(due_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.due_title)
        dl.addWidget(self.due, 1)
        dl.addWidget(self.due_empty)

        self.chart = QChart()
        self.chart.setTitle(self.tr("近12个月趋势（件）"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        # the plot's width is known only once the chart is laid out (a page resize is not enough: the split moves)
        self.chart.plotAreaChanged.connect(lambda _area: self._refit_month_labels())
        self.chart_view = QChartView(self.chart, self)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)

        split = QHBoxLayout()
        split.setSpacing(12)
        split.addWidget(due_box, 1)
        split.addWidget(self.chart_view, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(12)
        lay.addLayout(head)
        lay.addWidget(self.banner)
        lay.addWidget(self.reminder, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.message)
        lay.addWidget(self.cards_box)
        lay.addLayout(split, 1)

    # ---- data ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.ctx.workspace
        today = ws.today()
        self.period.setText(self.tr("{y}年{m}月").format(y=today.year, m=today.month))
        QueryOp(self, lambda: read_dashboard(ws, today)).success(self._show).run()

    def _show(self, data) -> None:
        warnings, counters, self.trend_rows, denied, self._due = data
        self.banner.setText("\n".join(warnings))
        self.banner.setVisible(bool(warnings))
        self.message.setText(denied)
        self.message.setVisible(bool(denied))
        self._show_counters(counters)
        if counters and counters[0].period:
            (a, b), (la, lb) = counters[0].period, counters[0].last_period
            self.period.setText(self.tr("本月至今：{y}年{m}月{a}日至{b}日　（与去年同期 {ly}年{lm}月{la}日至{lb}日比较）")
                                .format(y=a.year, m=a.month, a=a.day, b=b.day, ly=la.year, lm=la.month, la=la.day,
                                        lb=lb.day))
        self.reminder.set_rows(self._due)
        self._show_due(self._due)
        self._show_trend(self.trend_rows)

    def _show_counters(self, counters) -> None:
        for i, c in enumerate(counters):
            card = self.cards.get(c.key)
            if card is None:
                card = CounterCard(c.key, self.cards_box)
                self.cards[c.key] = card
                self.cards_layout.addWidget(card, 0, i)
            card.set_counter(c)
        self.cards_box.setVisible(bool(counters))

    def _show_due(self, rows) -> None:
        self.due.setRowCount(len(rows))
        for r, d in enumerate(rows):
            overdue = d.status is DueStatus.OVERDUE
            left = self.tr("超期 {n} 个工作日").format(n=-d.workdays_left) if d.workdays_left < 0 else \
                self.tr("今日到期") if d.workdays_left == 0 else self.tr("剩余 {n} 个工作日").format(n=d.workdays_left)
            what = f"{term(ITEM_LABELS.get(d.item_type, ''))}：{d.label}"
            for c, text in enumerate((term(d.status.label), d.item_number, what, d.due.isoformat(), left)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{d.item_number}　{what}　{d.due.isoformat()}　{left}")  # the narrow panel truncates
                item.setData(Qt.ItemDataRole.UserRole, (d.item_type, d.item_id))
                item.setBackground(OVERDUE_BG if overdue else DUE_SOON_BG)
                if c in (0, 4):
                    item.setForeground(OVERDUE_FG if overdue else DUE_SOON_FG)
                self.due.setItem(r, c, item)
        self.due_empty.setVisible(not rows)
        n_over = sum(1 for d in rows if d.status is DueStatus.OVERDUE)
        self.due_title.setText(self.tr("即将到期和已超期事项（已超期 {o} 项，即将到期 {s} 项）")
                               .format(o=n_over, s=len(rows) - n_over))

    def _show_trend(self, rows) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        if not rows:
            return
        axis_x = QBarCategoryAxis()
        axis_x.append([month_label(r[0]) for r in rows])
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() - 1.5))
        axis_x.setLabelsFont(small)
        self._fit_month_labels(axis_x)   # "10月" … "12月" never cut to "1…": "10" … "12" where they would be
        first, last = rows[0][0], rows[-1][0]
        axis_x.setTitleText(self.tr("月份（{a}年{b}月—{c}年{d}月）").format(a=first[:4], b=int(first[5:]),
                                                                       c=last[:4], d=int(last[5:])))
        top, step = nice_axis(max([max(r[1:]) for r in rows] + [4]))
        axis_y = QValueAxis()
        axis_y.setRange(0, top)
        axis_y.setLabelFormat("%d")
        axis_y.setTickType(QValueAxis.TickType.TicksDynamic)   # round steps: 0/50/100/150, not 29/58/88
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(step)
        axis_y.setMinorTickCount(0)
        axis_y.setTitleText(self.tr("件数"))
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for col, (name, color) in enumerate(TREND_SERIES, start=1):
            series = QLineSeries()
            series.setName(self.tr(name))
            series.setPen(QPen(QColor(color), 2.5))
            series.setPointsVisible(True)
            for i, row in enumerate(rows):
                series.append(QPointF(i, row[col]))
            self.chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)

    def _fit_month_labels(self, axis: QBarCategoryAxis) -> None:
        """The months as "10月" when every label fits its share of the plot, else as "10" (Qt elides a label
        wider than its share, upright or slanted; the axis title says 月份 and the years)."""
        if not self.trend_rows:
            return
        metrics = QFontMetrics(axis.labelsFont())
        plot = self.chart.plotArea().width() or (self.chart_view.width() - 90)
        share = plot / len(self.trend_rows)
        long = [month_label(r[0]) for r in self.trend_rows]
        margin = 8 if list(axis.categories()) == long else 14   # back to "10月" only with room to spare
        fits = max(metrics.horizontalAdvance(t) for t in long) + margin <= share
        labels = long if fits else [month_label(r[0], short=True) for r in self.trend_rows]
        if list(axis.categories()) != labels:   # replacing them moves the plot area, which calls here again
            axis.setCategories(labels)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API: the month labels refit to the new width
        super().resizeEvent(event)
        self._refit_month_labels()

    def _refit_month_labels(self) -> None:
        axes = self.chart.axes(Qt.Orientation.Horizontal)
        if axes:
            self._fit_month_labels(axes[0])

    # ---- for users and tests ------------------------------------------------------------------------------
    def counter_values(self) -> dict[str, tuple[int, int]]:
        return {k: (c.month, c.last) for k, c in self.cards.items()}

    def trend_labels(self) -> list[str]:
        axes = self.chart.axes(Qt.Orientation.Horizontal)
        return list(axes[0].categories()) if axes else []

    def trend_series(self) -> dict[str, list[float]]:
        return {s.name(): [p.y() for p in s.points()] for s in self.chart.series()}

    def due_rows(self) -> list[tuple[str, str, str, str, str]]:
        return [tuple(self.due.item(r, c).text() for c in range(5)) for r in range(self.due.rowCount())]

    def focus_due(self) -> None:
        """The reminder's click: the due list gets the focus, its first row selected."""
        self.due.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.due.rowCount():
            self.due.selectRow(0)
            self.due.scrollToTop()

    def open_due(self, row: int) -> QWidget | None:
        item = self.due.item(row, 0)
        if item is None:
            return None
        item_type, item_id = item.data(Qt.ItemDataRole.UserRole)
        form = self.open_form(lambda: open_item_form(self.ctx, item_type, item_id, parent=self))
        if form is None:
            return None
        if hasattr(form, "sig_saved"):
            form.sig_saved.connect(lambda *_: self.refresh())
        self.forms.append(form)
        self.sig_item_opened.emit(item_type, item_id)
        return form
