"""The demo's 一案双查 ledger: an entry per closed case sampled, its leaders checked.

Mixed into ``generator._Generator``, whose ``rng``, pickers (``p``), ids and numbers, calendar
helpers and roster it uses; it appends rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt

from models.enums import Discipline, Responsibility

from services.demo import texts as T
from services.demo.shares import Cadre, SIX


class LedgerRows:
    def _ledger(self, case_id: int, source: str, closing: dt.date, person: Cadre, discipline, summary: str) -> None:
        rng, end = self.rng, self.end
        entry_date = self._later(closing, 3, 25)
        if entry_date > end:
            return
        eid = self._id("ledger_entries")
        number, _ = self._number("ledger_entries", entry_date.year)
        label = Discipline(discipline).label if discipline else "违纪"
        self.rows["ledger_entries"].append({
            "id": eid, "number": number, "case_id": case_id, "unit": person.unit, "entry_date": entry_date,
            "lead_source": source, "problem_nature": f"{'违反' if discipline in SIX else ''}{label}：{summary}"[:400],
            "evidence": rng.choice(T.EVIDENCE), "note": "", "created_at": self._ts(entry_date)})
        posts = T.LEDGER_POSTS[person.kind]
        unit_holders = self.units[self.unit_index[person.unit]][2]
        principal = unit_holders[0] if unit_holders[0].name != person.name else self.leaders[0]
        deputy = self.deputies[stable_index(person.unit, len(self.deputies))]
        checked = [(principal.name, posts[0], "principal_leader", rng.choice(("principal", "first"))),
                   (deputy.name, posts[1], "leader_in_charge", "leadership"),
                   (self._extra_leader(person.unit), posts[2], "discipline_head", "supervisory")]
        n = 1 if rng.random() < 0.25 else (2 if rng.random() < 0.55 else 3)
        for name, post, position, resp in checked[:n]:
            outcome_date = self._later(entry_date, 7, 40)
            outcome = method = None
            if outcome_date <= end:
                outcome = self.p["outcome"](rng)
                method = self.p["method"](rng) if outcome == "held_accountable" else None
            self.rows["ledger_leaders"].append({
                "id": self._id("ledger_leaders"), "entry_id": eid, "name": name, "post": post,
                "position_type": position, "responsibility": resp, "outcome": outcome,
                "outcome_date": outcome_date if outcome else None, "accountability_method": method,
                "basis": T.BASIS[outcome].format(resp=Responsibility(resp).label) if outcome else ""})

    def _extra_leader(self, unit: str) -> str:
        for c in self.units[self.unit_index[unit]][2]:
            if "监督" in c.post:
                return c.name
        if unit not in self.extra_leaders:
            self.extra_leaders[unit] = self._name(self.rng.random() < 0.7)
        return self.extra_leaders[unit]


def stable_index(text: str, n: int) -> int:
    """A stable index in ``range(n)`` for a text (Python's ``hash`` of str varies per process)."""
    return sum(map(ord, text)) % n
