"""The 被调查人 table of a lead or case form: one row of editors per person (姓名 … 责令退赔), which rows
changed, the rows as ``PersonInput``; and a person's one-line label."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QHeaderView, QLineEdit, QWidget

from models.enums import Rank
from services.casework.persons import PersonInput

from ..editor_rows import EditorRowsTable
from ..form_widgets import DateEdit, EnumCombo, YesNoCombo
from ..vocabulary import term
from .person_identity import install_identity_action

__all__ = ["LEAD_PERSON_KEYS", "PERSON_COLUMNS", "PersonTable", "person_label"]

# (key, header shown through term(), width) of the 被调查人 table; a lead shows only LEAD_PERSON_KEYS.
PERSON_COLUMNS = [
    ("name", QT_TRANSLATE_NOOP("Vocabulary", "姓名"), 72),
    ("gender", QT_TRANSLATE_NOOP("Vocabulary", "性别"), 52),
    ("ethnicity", QT_TRANSLATE_NOOP("Vocabulary", "民族"), 56),
    ("birth_month", QT_TRANSLATE_NOOP("Vocabulary", "出生年月"), 92),
    ("unit", QT_TRANSLATE_NOOP("Vocabulary", "单位"), 130),
    ("post", QT_TRANSLATE_NOOP("Vocabulary", "职务"), 112),
    ("rank", QT_TRANSLATE_NOOP("Vocabulary", "职级"), 136),
    ("is_party_member", QT_TRANSLATE_NOOP("Vocabulary", "中共党员"), 66),
    ("party_join_date", QT_TRANSLATE_NOOP("Vocabulary", "入党时间"), 106),
    ("is_supervised_object", QT_TRANSLATE_NOOP("Vocabulary", "监察对象"), 66),
    ("self_reported", QT_TRANSLATE_NOOP("Vocabulary", "主动交代"), 66),
    ("amount_confiscated", QT_TRANSLATE_NOOP("Vocabulary", "收缴\n（万元）"), 92),
    ("amount_seized", QT_TRANSLATE_NOOP("Vocabulary", "没收\n（万元）"), 92),
    ("amount_restitution", QT_TRANSLATE_NOOP("Vocabulary", "责令退赔\n（万元）"), 100),
]
LEAD_PERSON_KEYS = ("name", "gender", "unit", "post", "rank", "is_party_member", "is_supervised_object")
_BOOL_KEYS = ("is_supervised_object", "self_reported")
_AMOUNT_KEYS = ("amount_confiscated", "amount_seized", "amount_restitution")


def _centered(widget: QWidget) -> QWidget:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return box


class PersonTable(EditorRowsTable):
    """Persons of a lead or case as rows of editors; remembers each row's person id and whether it changed."""

    field_prefix = "persons"

    def __init__(self, keys: tuple[str, ...] | None = None, parent: QWidget | None = None):
        super().__init__([c for c in PERSON_COLUMNS if keys is None or c[0] in keys], parent)
        cols = self.cols
        if keys is not None and any(k == "unit" for k, _h, _w in cols):
            # a lead's few columns: the unit takes the spare width, not the last check box column
            self.horizontalHeader().setSectionResizeMode(
                [k for k, _h, _w in cols].index("unit"), QHeaderView.ResizeMode.Stretch)
        else:
            self.horizontalHeader().setStretchLastSection(True)
        self.today = dt.date.today()
        self._versions: dict[int, int] = {}   # person id -> the version shown (handed back on save)
        install_identity_action(self)   # 身份证号与廉政档案… on a saved row (gui.dialogs.person_identity)

    def add_person(self, p=None, person_id: int | None = None) -> int:
        """Append a row (from a PersonView/dict ``p`` or empty); returns its index."""
        row = self.rowCount()
        self.insertRow(row)
        editors: dict[str, QWidget] = {}
        get = (lambda k, d=None: (p.get(k, d) if isinstance(p, dict) else getattr(p, k, d))) if p is not None \
            else (lambda k, d=None: d)
        for col, (key, _, _) in enumerate(self.cols):
            if key == "is_party_member":   # 是 / 否 / 不详 (unknown at intake stays unknown until confirmed)
                w = YesNoCombo()
                w.setItemText(0, self.tr("不详"))
                w.set_value(bool(get(key, False)) if get("party_membership_known", True) else None)
                w.currentIndexChanged.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, w)
            elif key in _BOOL_KEYS:
                w = QCheckBox()
                w.setChecked(bool(get(key, key == "is_supervised_object")))
                w.toggled.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, _centered(w))
            elif key in _AMOUNT_KEYS:
                w = QDoubleSpinBox()
                w.setDecimals(4)
                w.setRange(0, 1e9)
                w.setValue(float(get(key, 0) or 0))
                w.valueChanged.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, w)
            elif key in ("birth_month", "party_join_date"):
                w = DateEdit(allow_empty=True, empty_text=self.tr("未填"))
                if key == "birth_month":
                    w.setDisplayFormat("yyyy-MM")
                w.set_value(get(key))
                w.dateChanged.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, w)
            elif key == "rank":
                w = EnumCombo(Rank, allow_empty=True, empty_text=self.tr("（未填）"))
                w.set_value(get(key))
                w.currentIndexChanged.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, w)
            elif key == "gender":
                w = QComboBox()
                for text in ("", QT_TRANSLATE_NOOP("Vocabulary", "男"), QT_TRANSLATE_NOOP("Vocabulary", "女")):
                    w.addItem(term(text), text)  # the stored value stays Chinese
                w.setCurrentIndex(max(0, w.findData(get(key, "") or "")))
                w.currentIndexChanged.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, w)
            else:
                w = QLineEdit(str(get(key, "") or ""))
                w.setFrame(False)
                w.textEdited.connect(lambda *_, r=row: self._edited(r))
                self.setCellWidget(row, col, w)
            editors[key] = w
        self._append_row(editors, person_id if person_id is not None else (get("id") if p is not None else None),
                         new=p is None)
        if p is not None and get("id") is not None and get("version") is not None:
            self._versions[get("id")] = get("version")
        return row

    def set_persons(self, persons) -> None:
        self._reset_rows()
        for p in persons:
            self.add_person(p)
        self._changed.clear()

    def person_id(self, row: int) -> int | None:
        return self.row_id(row)

    def person_version(self, row: int) -> int | None:
        """The version of the row's person as shown (None for a new row): ``cases.update_person`` refuses
        a save over another desk's newer one with it."""
        pid = self.row_id(row)
        return self._versions.get(pid) if pid is not None else None

    def remember(self, view):
        """Keep the version of a person just saved (``view``, a PersonView) for the next save; returns it."""
        self.keep_version(view.id, view.version)
        return view

    def version_of(self, person_id: int) -> int | None:
        """The version of the person ``person_id`` as shown (None when not known)."""
        return self._versions.get(person_id)

    def keep_version(self, person_id: int, version: int) -> None:
        """The person's version after a save of this desk's elsewhere (its 身份证号 dialog)."""
        self._versions[person_id] = version

    def person_input(self, row: int) -> PersonInput:
        e = self._editors[row]
        values: dict = {}
        for key, _, _ in self.cols:
            w = e[key]
            if key in _BOOL_KEYS:
                values[key] = w.isChecked()
            elif key in _AMOUNT_KEYS:
                values[key] = Decimal(str(round(w.value(), 4)))
            elif isinstance(w, DateEdit):
                values[key] = w.value()
            elif isinstance(w, YesNoCombo):
                values[key] = w.value()
            elif isinstance(w, (EnumCombo, QComboBox)):
                values[key] = w.currentData() or ("" if key == "gender" else None)
            else:
                values[key] = w.text().strip()
        return PersonInput(**values)

    def persons(self) -> list[PersonInput]:
        return [self.person_input(r) for r in range(self.rowCount())]

    def set_read_only(self, read_only: bool) -> None:
        for e in self._editors:
            for w in e.values():
                w.setEnabled(not read_only)


def person_label(p) -> str:
    detail = " ".join(x for x in (p.unit, p.post) if x)
    return f"{p.name}（{detail}）" if detail else p.name
