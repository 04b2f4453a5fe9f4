"""处分执行 (DOMAIN §3, §9): a sanction's 宣布, delivery to the person, 档案 filing, and its execution items.

One ``SanctionExecution`` row per measure holds the three dates; each execution item (职务调整,
工资待遇调整 …) is an ``ExecutionStep`` of its own. The dates keep the order of the work: 宣布 not
before the decision, the rest not before 宣布 (and recorded after it), none in the future. The
one-month 宣布 limit is on the due list (``deadlines.sanction_dues``) until 宣布 is recorded.
Each date recorded or changed is an audit event of the case, so the case's timeline shows it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, ExecutionStep, Measure, Person, SanctionExecution
from models.enums import ExecutionItem

from services.casework import sanction_rules
from services.deadlines.due_list import work_calendar
from services.deadlines.rules import compute_due
from services.errors import NotFoundError, ValidationError
from services.security import audit
from services.security.permissions import require
from services.storage import settings
from services.storage.record_versions import check_version
from services.storage.workspace import Workspace
from services.validation import action_date, validate_text

__all__ = ["ExecutionStepView", "ExecutionView", "execution_of", "record_execution", "add_step", "sanction_of"]

#: (column, label, audit action) of the three dates, in the order of the work.
DATES = (("announced_date", "宣布日期", "measure.announce"), ("delivered_date", "送达日期", "measure.deliver"),
         ("filed_date", "归档日期", "measure.file"))


@dataclass
class ExecutionStepView:
    id: int
    item: str
    item_label: str
    done_date: dt.date
    note: str


@dataclass
class ExecutionView:
    measure_id: int
    case_id: int
    case_number: str
    person_name: str
    kind: str
    kind_label: str
    decision_date: dt.date
    document_number: str
    effect_end: dt.date | None
    announce_due: dt.date        # 宣布 by this day: the ``execution`` limit from the decision (due list alike)
    announced_date: dt.date | None = None
    delivered_date: dt.date | None = None
    filed_date: dt.date | None = None
    note: str = ""
    steps: list[ExecutionStepView] = field(default_factory=list)
    version: int = 0   # of the dates' row, 0 while none is recorded: hand it back to record_execution


def sanction_of(s: Session, measure_id: int) -> tuple[Measure, Case, Person]:
    """The measure, its case and its person; only a 党纪/政务处分 of a case is executed and visited."""
    m = s.get(Measure, measure_id)
    if m is None:
        raise NotFoundError("处分记录不存在或已被删除")
    if not sanction_rules.is_sanction(m.kind) or m.case_id is None:
        raise ValidationError(f"“{sanction_rules.label_of(m.kind)}”不是党纪处分或政务处分，无需登记处分执行",
                              field="measure_id")
    return m, s.get(Case, m.case_id), s.get(Person, m.person_id)


def _view(ws: Workspace, s: Session, m: Measure, case: Case, person: Person) -> ExecutionView:
    row = s.execute(select(SanctionExecution).where(SanctionExecution.measure_id == m.id)).scalar_one_or_none()
    steps = s.execute(select(ExecutionStep).where(ExecutionStep.measure_id == m.id)
                      .order_by(ExecutionStep.done_date, ExecutionStep.id)).scalars()
    v = ExecutionView(m.id, case.id, case.number, person.name, m.kind, sanction_rules.label_of(m.kind),
                      m.decision_date, m.document_number, m.effect_end,
                      compute_due("execution", m.decision_date, work_calendar(s, ws.calendar_known_years),
                                  settings.get(s, settings.DEADLINE_OVERRIDES) or {}),
                      steps=[ExecutionStepView(x.id, x.item, ExecutionItem(x.item).label, x.done_date, x.note)
                             for x in steps])
    if row is not None:
        v.announced_date, v.delivered_date, v.filed_date, v.note = (row.announced_date, row.delivered_date,
                                                                    row.filed_date, row.note)
        v.version = row.version or 0
    return v


def execution_of(ws: Workspace, measure_id: int) -> ExecutionView:
    """The sanction's 宣布/送达/归档 dates and execution items (empty dates when none is recorded yet)."""
    require(ws.current_user, "case.view")
    with ws.reading() as s:
        return _view(ws, s, *sanction_of(s, measure_id))


def _audit_detail(m: Measure, person: Person, d: dt.date, **more) -> dict:
    return {"measure_id": m.id, "person": person.name, "kind": m.kind, "date": d, **more}


def record_execution(ws: Workspace, measure_id: int, *, announced_date: Any = None, delivered_date: Any = None,
                     filed_date: Any = None, note: str | None = None,
                     expected_version: int | None = None) -> ExecutionView:
    """Store the 宣布, 送达 and 归档 dates; a date left empty keeps what is recorded (a recorded date may be
    corrected, never removed), ``note`` None keeps the note. ``expected_version``: the version the form
    loaded (``ExecutionView.version``, 0 when nothing was recorded yet); a newer save is refused with
    ``ConcurrentEditError``."""
    require(ws.current_user, "measure.manage")
    with ws.transaction() as s:
        m, case, person = sanction_of(s, measure_id)
        if expected_version is not None and s.get_bind().dialect.name == "postgresql":
            s.refresh(m, with_for_update=True)   # two desks recording the first dates: one after the other
        row = s.execute(select(SanctionExecution).where(SanctionExecution.measure_id == m.id)).scalar_one_or_none()
        if row is not None:
            check_version(s, row, expected_version, f"{person.name}的处分执行（{sanction_rules.label_of(m.kind)}）")
        given = dict(zip([c for c, _l, _a in DATES], (announced_date, delivered_date, filed_date)))
        values: dict[str, dt.date | None] = {}
        for col, label, _action in DATES:
            stored = getattr(row, col) if row is not None else None
            if given[col] in (None, ""):
                values[col] = stored
                continue
            announced = values.get("announced_date")
            if col != "announced_date" and announced is None:
                raise ValidationError(f"请先登记宣布日期，再登记{label}", field=col)
            start = ("处分决定日期", m.decision_date) if col == "announced_date" else ("宣布日期", announced)
            values[col] = action_date(given[col], ws.today(), label, col, start)
        for col, label, _action in DATES[1:]:   # a corrected 宣布 may not pass a later step
            if values[col] is not None and values[col] < values["announced_date"]:
                raise ValidationError(f"宣布日期（{values['announced_date'].isoformat()}）不能晚于已登记的{label}"
                                      f"（{values[col].isoformat()}）", field="announced_date")
        text = None if note is None else validate_text(note, label="执行情况备注", field="note", max_length=2000) or ""
        if row is None:
            row = SanctionExecution(measure_id=m.id, note="")
            s.add(row)
        for col, _label, action in DATES:
            old = getattr(row, col)
            if values[col] != old:
                setattr(row, col, values[col])
                audit.record(s, ws.current_user, action, "case", case.id,
                             _audit_detail(m, person, values[col], **({"previous": old} if old else {})))
        if text is not None:
            row.note = text
        s.flush()
        return _view(ws, s, m, case, person)


def add_step(ws: Workspace, measure_id: int, *, item: str, done_date: Any, note: str = "") -> ExecutionView:
    """Record an execution item (职务调整, 工资待遇调整 …) carried out on a date, after 宣布."""
    require(ws.current_user, "measure.manage")
    with ws.transaction() as s:
        m, case, person = sanction_of(s, measure_id)
        kind = ExecutionItem.from_text(item or "")
        if kind is None:
            raise ValidationError("请选择执行事项", field="item")
        announced = s.execute(select(SanctionExecution.announced_date)
                              .where(SanctionExecution.measure_id == m.id)).scalar_one_or_none()
        if announced is None:
            raise ValidationError("请先登记宣布日期，再登记执行事项", field="item")
        d = action_date(done_date, ws.today(), "执行日期", "done_date", ("宣布日期", announced))
        text = validate_text(note, label="执行情况", field="note", max_length=500) or ""
        if kind is ExecutionItem.other and not text:
            raise ValidationError("执行事项为“其他”时，请在说明中写明执行了什么", field="note")
        s.add(ExecutionStep(measure_id=m.id, item=kind.value, done_date=d, note=text))
        audit.record(s, ws.current_user, "measure.execution_step", "case", case.id,
                     _audit_detail(m, person, d, item=kind.value, note=text))
        return _view(ws, s, m, case, person)
