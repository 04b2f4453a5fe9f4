"""A table whose rows are editors (persons of a case, leaders of a ledger entry): each row remembers
its stored id and whether the user changed it; field problems from services mark their cells; the
changed rows are saved one DbOp each, in turn."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QWidget

from services.errors import ValidationError

from .operations import DbOp
from .vocabulary import term


class EditorRowsTable(QTableWidget):
    sig_edited = Signal()
    """A cell was edited by the user."""

    #: the service's field prefix for this table's rows, e.g. "persons" for ``persons[2].name``
    field_prefix = ""
    #: problems listed as "第N行：…" (else the message alone)
    numbered_problems = True

    def __init__(self, cols: list[tuple[str, str, int]], parent: QWidget | None = None):
        super().__init__(0, len(cols), parent)
        self.cols = cols
        self.setHorizontalHeaderLabels([term(h) for _, h, _ in cols])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setDefaultSectionSize(34)
        metrics = self.horizontalHeader().fontMetrics()
        for i, (_, header, width) in enumerate(cols):  # never narrower than its (bold) header
            text_width = max(metrics.horizontalAdvance(line) for line in header.split("\n"))
            self.setColumnWidth(i, max(width, int(text_width * 1.15) + 24))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._editors: list[dict[str, QWidget]] = []
        self._ids: list[int | None] = []
        self._changed: set[int] = set()

    def _edited(self, row: int) -> None:
        self._changed.add(row)
        self.sig_edited.emit()

    def _append_row(self, editors: dict[str, QWidget], row_id: int | None, new: bool) -> None:
        self._editors.append(editors)
        self._ids.append(row_id)
        if new:
            self._changed.add(len(self._editors) - 1)
            self.sig_edited.emit()

    def _reset_rows(self) -> None:
        self.setRowCount(0)
        self._editors, self._ids, self._changed = [], [], set()

    def editor(self, row: int, key: str) -> QWidget:
        return self._editors[row][key]

    def row_id(self, row: int) -> int | None:
        return self._ids[row]

    def changed_rows(self) -> list[int]:
        return sorted(self._changed)

    def clear_changed(self) -> None:
        self._changed.clear()

    def remove_current_new(self) -> bool:
        """Remove the selected row when it is not saved yet (saved rows stay)."""
        row = self.currentRow()
        if row < 0 or self._ids[row] is not None:
            return False
        self.removeRow(row)
        del self._editors[row], self._ids[row]
        self._changed = {r - 1 if r > row else r for r in self._changed if r != row}
        self.sig_edited.emit()
        return True

    def show_problems(self, problems, general: QLabel, row_of=lambda i: i) -> QWidget | None:
        """Mark the cells named by ``<prefix>[i].key`` problems and list the messages in ``general``; the
        first cell marked."""
        lines, first = [], None
        head = f"{self.field_prefix}["
        for p in problems:
            field = p.field or ""
            if field.startswith(head) and "]." in field:
                idx, key = field[len(head):].split("].", 1)
                row = row_of(int(idx))
                if 0 <= row < self.rowCount() and key in self._editors[row]:
                    w = self._editors[row][key]
                    first = first or w
                    w.setToolTip(p.message)
                    w.setProperty("invalid", "true")
                    w.style().unpolish(w)
                    w.style().polish(w)
                lines.append(self.tr("第{n}行：{msg}").format(n=row + 1, msg=p.message)
                             if self.numbered_problems else p.message)
            else:
                lines.append(p.message)
        general.setText("\n".join(lines))
        general.setVisible(bool(lines))
        return first

    def show_split(self, exc: ValidationError, general: QLabel, errors, row_of=lambda i: i) -> tuple[bool, bool]:
        """This table's problems at their cells (listed in ``general``), the others at the form's fields
        (``errors``, a FormErrors), all of them counted there. Whether there were (some in the table, some
        elsewhere)."""
        problems = exc.problems or [exc]
        in_table = [p for p in problems if (p.field or "").startswith(f"{self.field_prefix}[")]
        others = [p for p in problems if p not in in_table]
        if others:
            errors.show(ValidationError(others[0].message, field=others[0].field, problems=others))
        if in_table:
            errors.count_also(general, len(in_table), self.show_problems(in_table, general, row_of))
        return bool(in_table), bool(others)

    def show_row_problems(self, row: int, exc: BaseException, general: QLabel) -> bool:
        """A ValidationError of saving ``row`` at that row's cells; False when ``exc`` is another error."""
        if not isinstance(exc, ValidationError):
            return False
        self.show_problems([ValidationError(p.message, field=f"{self.field_prefix}[{row}].{p.field}")
                            for p in (exc.problems or [exc])], general)
        return True

    def save_rows(self, parent: QWidget, rows: Iterable[int], write: Callable[[int], Callable[[], Any]], *,
                  done: Callable[[], None], failed: Callable[[int, BaseException], None],
                  id_of: Callable[[Any], int | None] | None = None) -> None:
        """Save ``rows`` in turn, one DbOp each: ``write(row)`` (read from the editors now) is the call.

        A saved row is no longer changed (``id_of(result)``: its new id, for a row added); ``done()`` after
        the last, or ``failed(row, error)`` at the first that fails: the rows after it are not tried, and
        the rows before it stay saved.
        """
        pending = list(rows)

        def step() -> None:
            if not pending:
                done()
                return
            row = pending.pop(0)

            def saved(result) -> None:
                if id_of is not None and self._ids[row] is None:
                    self._ids[row] = id_of(result)
                self._changed.discard(row)
                step()

            DbOp(parent, write(row)).success(saved).failure(lambda exc: failed(row, exc)).run()

        step()
