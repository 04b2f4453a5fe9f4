"""Report scenarios: rows inserted through the ORM exactly as dated (``Builder``), and the check of
every figure of a report against the expected (month, ytd, ytd_last_year) triples."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from models import Case, Complaint, Lead, LedgerEntry, LedgerLeader, Measure, Person
from models.enums import MEASURE_KINDS
from services.casework import sanction_rules
from services.reporting.layout import all_key_paths, get_figure

D = dt.date


class Builder:
    """Adds complaints, leads, cases, persons, measures and ledger entries in one session."""

    def __init__(self, session, numbers: Iterator[int]):
        self.s = session
        self._n = numbers

    def _number(self, prefix: str) -> str:
        return f"{prefix}-{next(self._n):05d}"

    def complaint(self, day: dt.date, channel: str = "letter", kind: str = "accusation",
                  repeat_of: Complaint | None = None) -> Complaint:
        n = next(self._n)
        c = Complaint(number=f"XF{day.year}-{n:05d}", year=day.year, seq=n, received_date=day, channel=channel,
                      kind=kind, signature="anonymous", is_repeat=repeat_of is not None,
                      original_id=repeat_of.id if repeat_of else None)
        self.s.add(c)
        self.s.flush()
        return c

    def lead(self, disposition: str | None = None, day: dt.date | None = None, result: str | None = None,
             result_date: dt.date | None = None, persons: tuple[str, ...] = ()) -> Lead:
        lead = Lead(number=self._number("XS"), source="complaint", received_date=day or D(2020, 1, 1),
                    disposition=disposition, disposition_date=day, result=result, result_date=result_date)
        self.s.add(lead)
        self.s.flush()
        for name in persons:
            self.s.add(Person(lead_id=lead.id, name=name, is_party_member=True))
        self.s.flush()
        return lead

    def case(self, filed: dt.date, closed: dt.date | None = None, eight_rules: bool = False) -> Case:
        c = Case(number=self._number("LA"), filing_date=filed, closing_date=closed, eight_rules=eight_rules,
                 stage="closed" if closed else "filed")
        self.s.add(c)
        self.s.flush()
        return c

    def person(self, name: str, case: Case | None = None, lead: Lead | None = None, party: bool = True,
               supervised: bool = True) -> Person:
        p = Person(name=name, case_id=case.id if case else None, lead_id=lead.id if lead else None,
                   is_party_member=party, is_supervised_object=supervised)
        self.s.add(p)
        self.s.flush()
        return p

    def measure(self, person: Person, kind: str, day: dt.date) -> Measure:
        category = next(cat.value for cat, enum_cls in MEASURE_KINDS.items() if kind in enum_cls.codes())
        m = Measure(person_id=person.id, case_id=person.case_id, lead_id=None if person.case_id else person.lead_id,
                    category=category, kind=kind, decision_date=day, form=sanction_rules.form_of(kind))
        self.s.add(m)
        self.s.flush()
        return m

    def ledger(self, case: Case, unit: str, day: dt.date,
               leaders: list[tuple[str, str | None, dt.date | None]]) -> LedgerEntry:
        e = LedgerEntry(number=self._number("TZ"), case_id=case.id, unit=unit, entry_date=day)
        e.leaders = [LedgerLeader(name=name, responsibility="principal", outcome=outcome, outcome_date=when)
                     for name, outcome, when in leaders]
        self.s.add(e)
        self.s.flush()
        return e


def triples(figs: dict) -> dict[str, tuple[int, int, int]]:
    out = {}
    for key in all_key_paths():
        f = get_figure(figs, key)
        out[key] = (f["month"], f["ytd"], f["ytd_last_year"])
    return out


def assert_figures(figs: dict, expected: dict[str, tuple[int, int, int]]) -> None:
    """Every figure key: the listed ones as given, every other one (0, 0, 0)."""
    unknown = set(expected) - set(all_key_paths())
    assert not unknown, unknown
    want = {key: expected.get(key, (0, 0, 0)) for key in all_key_paths()}
    got = triples(figs)
    wrong = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
    assert not wrong, f"(got, want): {wrong}"
