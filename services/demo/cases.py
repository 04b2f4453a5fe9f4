"""The demo's cases (案件) and measures (处分与处理), within what each person may receive.

Mixed into ``generator._Generator``, whose ``rng``, pickers (``p``), ids and numbers, calendar
helpers and roster it uses; it appends rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from models.enums import Discipline

from services.casework import sanction_rules
from services.demo import texts as T
from services.demo.shares import Cadre, SIX


class CaseRows:
    def _case(self, lead_id: int, source: str, filed: dt.date, persons: list[dict], cadres: list[Cadre],
              summary: str, discipline: str | None, eight: str | None) -> dt.date | None:
        rng, end = self.rng, self.end
        cid = self._id("cases")
        number, _ = self._number("cases", filed.year)
        investigation = filed + dt.timedelta(days=rng.randint(1, 5))
        referral = investigation + dt.timedelta(days=rng.randint(25, 90) + (rng.randint(90, 200) if rng.random() < 0.05 else 0))
        trial = referral + dt.timedelta(days=rng.randint(7, 30))
        decision = trial + dt.timedelta(days=rng.randint(1, 10))
        closing = decision + dt.timedelta(days=rng.randint(0, 10))
        stages = [(filed, "filed"), (investigation, "investigating"), (referral, "referred_for_trial"),
                  (trial, "trial_concluded"), (closing, "closed")]
        stage = [s for d, s in stages if d <= end][-1]
        if eight is None and rng.random() < 0.05:
            eight = self.p["eight"](rng)
        lead_person = cadres[0]
        label = Discipline(discipline).label if discipline else "违纪"
        title = f"{lead_person.unit}{lead_person.post}{lead_person.name}{'违反' if discipline in SIX else ''}{label}问题案"
        self.rows["cases"].append({
            "id": cid, "number": number, "lead_id": lead_id, "title": title[:200], "stage": stage,
            "filing_date": filed, "filing_approver": self.secretary[1], "filing_approver_id": self.secretary[0],
            "investigation_date": investigation if investigation <= end else None,
            "trial_referral_date": referral if referral <= end else None,
            "trial_concluded_date": trial if trial <= end else None,
            "closing_date": closing if closing <= end else None,
            "eight_rules": eight is not None, "eight_rules_type": eight, "summary": summary,
            "created_at": self._ts(filed)})
        for person in persons:
            person["case_id"] = cid
            if discipline in ("integrity", "duty_violation", "duty_crime", "mass") and rng.random() < 0.45:
                person["amount_confiscated"] = Decimal(rng.randint(5, 800)) / 100
                if rng.random() < 0.3:
                    person["amount_restitution"] = Decimal(rng.randint(5, 300)) / 100
                if rng.random() < 0.1:
                    person["amount_seized"] = Decimal(rng.randint(1, 100)) / 100
        if decision <= end:
            for i, person in enumerate(persons):
                if i == 0 or rng.random() < 0.65:
                    self._sanction(person, decision, cid)
        if closing > end:
            return None
        if rng.random() < (0.4 if eight else 0.06):
            exposed = closing + dt.timedelta(days=rng.randint(3, 20))
            if exposed <= end:
                self._measure(persons[0], "public_exposure", exposed, case_id=cid)
        if rng.random() < 0.3:
            self._ledger(cid, source, closing, lead_person, discipline, summary)
        return closing

    def _sanction(self, person: dict, when: dt.date, case_id: int) -> None:
        rng, p = self.rng, self.p
        party, supervised = person["is_party_member"], person["is_supervised_object"]
        profile = self.profiles[(party, supervised)](rng)
        kinds: list[str] = []
        if profile == "judicial":
            kinds = (["party_expulsion"] if party else []) + (["gov_expulsion"] if supervised else []) + ["judicial_transfer"]
        else:
            if profile in ("party", "both"):
                kinds.append(p["party"](rng))
            if profile in ("gov", "both"):
                kinds.append(p["gov"](rng))
            if profile == "handling":
                kinds.append(p["handling"](rng))
            elif rng.random() < 0.4 and kinds[-1] in ("party_post_removal", "party_probation",
                                                      "gov_demotion", "gov_dismissal_from_post"):
                kinds.append("demotion" if kinds[-1] == "gov_demotion" else
                             rng.choice(("removal_from_post", "post_adjustment")))
        for kind in kinds:
            self._measure(person, kind, when, case_id=case_id)

    def _measure(self, person: dict, kind: str, when: dt.date, *, lead_id: int | None = None,
                 case_id: int | None = None) -> None:
        sanction_rules.check_measure_allowed(kind, person["is_party_member"], person["is_supervised_object"])
        category = sanction_rules.category_of(kind)
        note, years = "", None
        if kind == "party_probation":
            years = self.rng.choice((1, 2))
            note = T.PROBATION_NOTE.format(years="一" if years == 1 else "二")
        doc = ""
        if category != "handling" or kind in ("admonishment", "circulated_criticism", "public_exposure"):
            key = (category, when.year)
            self.doc_seq[key] = n = self.doc_seq.get(key, 0) + 1
            doc = T.MEASURE_DOC[category].format(short=self.short, year=when.year, n=n)
        self.rows["measures"].append({
            "id": self._id("measures"), "person_id": person["id"], "lead_id": lead_id, "case_id": case_id,
            "category": category, "kind": kind, "decision_date": when, "document_number": doc,
            "effect_end": sanction_rules.effect_end(kind, when, years), "form": sanction_rules.form_of(kind),
            "note": note, "created_at": self._ts(when)})
        self._sanction_followup_rows(self.rows["measures"][-1])   # 宣布, 执行, 回访 (sanction_followups)
