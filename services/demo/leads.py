"""The demo's problem leads (问题线索): the disposition, its result, the persons.

Mixed into ``generator._Generator``, whose ``rng``, pickers (``p``), ids and numbers, calendar
helpers and roster it uses; it appends rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from models.enums import Disposition

from services.demo import texts as T
from services.demo.shares import Cadre


class LeadRows:
    def _other_lead(self, day: dt.date) -> None:
        rng = self.rng
        source = self.p["source"](rng)
        cadres = self._pick_cadres(1 if rng.random() < 0.75 else 2)
        discipline, eight, problem, _ = self._problem("accusation")
        summary = (T.LEAD_SOURCE_PREFIX[source].format(county=self.county + "纪委")
                   + f"{cadres[0].unit}{'、'.join(c.post + c.name for c in cadres)}{problem}")
        self._lead(source=source, complaint_id=None, received=day, cadres=cadres, summary=summary,
                   discipline=discipline, eight=eight)

    def _lead(self, *, source: str, complaint_id: int | None, received: dt.date, cadres: list[Cadre], summary: str,
              discipline: str | None, eight: str | None, forced: str | None = None) -> dt.date | None:
        """One lead and what follows from it; returns the day it was finished, None while still open."""
        rng, end = self.rng, self.end
        lid = self._id("leads")
        number, _ = self._number("leads", received.year)
        persons = [self._person(c, lid, source == "self_report") for c in cadres]
        row = {"id": lid, "number": number, "source": source, "complaint_id": complaint_id,
               "received_date": received, "summary": summary, "disposition": None, "disposition_date": None,
               "approver_id": None, "collective_note": "", "verifiers": "", "result": None, "result_date": None,
               "result_note": "", "work_plan": "", "work_plan_attachment_id": None, "work_plan_approver_id": None,
               "work_plan_approved_date": None, "created_at": self._ts(received),
               "eight_rules": eight is not None, "eight_rules_type": eight}   # as its complaint's (carry_forward)
        self.rows["leads"].append(row)
        disposition = forced or self.p["disp_c" if source == "complaint" else "disp_o"](rng)
        disposed = self._later(received, 3, 25)
        if disposed > end:
            return None
        row.update(disposition=disposition, disposition_date=disposed, approver_id=self.secretary[0],
                   collective_note=T.COLLECTIVE.format(date=f"{disposed.year}年{disposed.month}月{disposed.day}日",
                                                       disposition=Disposition(disposition).label))
        first = cadres[0].name
        if disposition == "closed":  # 予以了结: concluded on the day of the disposition
            row.update(result="concluded", result_date=disposed, result_note=T.CLOSED_NOTE)
            return disposed
        if disposition == "shelved":
            row["result_note"] = T.SHELVED_NOTE
            return None
        if disposition == "talk_inquiry":
            result_date = self._later(disposed, 10, 35)
            if result_date > end:
                self._inquiry_rows(row, persons[0], None)
                return None
            result = self.p["ti"](rng)
            row.update(result=result, result_date=result_date, result_note=T.RESULT_NOTES[result].format(name=first))
            self._inquiry_rows(row, persons[0], result)
            if result == "to_verification":
                return self._lead(source=source, complaint_id=complaint_id, received=result_date, cadres=cadres,
                                  summary=f"（由线索{number}谈话函询后转初核）{summary}", discipline=discipline, eight=eight,
                                  forced="preliminary_verification")
            if result == "concluded" and rng.random() < 0.25:
                self._measure(persons[0], rng.choice(("criticism", "self_review")), result_date, lead_id=lid)
            return result_date
        verifiers = "、".join(rng.sample(self.verifiers, 2))   # two distinct people (DOMAIN §9)
        row.update(verifiers=verifiers, work_plan=T.WORK_PLAN.format(verifiers=verifiers, name=first))
        approved = self._wd(disposed, 2)   # the 工作方案, approved by the secretary two working days on
        if approved <= end:
            row.update(work_plan_approver_id=self.secretary[0], work_plan_approved_date=approved)
        result_date = self._later(disposed, 20, 60)   # after the approval: 20 days span any holiday
        if result_date > end:
            return None
        result = self.p["pv"](rng)
        note_key = "pv_concluded" if result == "concluded" else result
        row.update(result=result, result_date=result_date,
                   result_note=T.RESULT_NOTES[note_key].format(name=first, target=rng.choice(T.LEAD_TRANSFER_TARGETS)))
        if result == "reminder_talk":
            self._reminder_talk_rows(row, persons)
            for person in persons:
                self._measure(person, "reminder_talk", result_date, lead_id=lid)
        elif result == "concluded" and rng.random() < 0.15:
            self._measure(persons[0], "criticism", result_date, lead_id=lid)
        elif result == "case_filed":
            return self._case(lid, source, result_date, persons, cadres, summary, discipline, eight)
        return result_date

    def _person(self, c: Cadre, lead_id: int, self_reported: bool) -> dict:
        row = {"id": self._id("persons"), "lead_id": lead_id, "case_id": None, "name": c.name, "gender": c.gender,
               "ethnicity": c.ethnicity, "birth_month": c.birth, "party_join_date": c.joined, "unit": c.unit,
               "post": c.post, "rank": c.rank, "is_party_member": c.party, "is_supervised_object": c.supervised,
               "self_reported": self_reported or self.rng.random() < 0.03, "amount_confiscated": Decimal(0),
               "amount_seized": Decimal(0), "amount_restitution": Decimal(0)}
        self.rows["persons"].append(row)
        return row
