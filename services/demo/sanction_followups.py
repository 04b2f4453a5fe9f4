"""The demo's 处分执行 and 回访教育, in step with each sanction (DOMAIN §3, §9).

Most sanctions were announced within days of the decision and delivered the same day or soon after, their
papers filed into the 档案 some weeks later; a sanction decided in the last days may wait for its 宣布 (on
the due list). Post and pay consequences are execution items after 宣布. A sanction with an effect period
had its 回访 visit in the month before the visit was due (``FOLLOW_UP_LEAD_DAYS`` before the end), a few are
missed (overdue while the period lasts). Dates never pass the demo's ``end``. The draws use a generator of
their own (seeded from the run's seed and the measure), so the rest of the demo is the same without them.

Mixed into ``generator._Generator`` (its ids, ``end``, ``seed``, ``verifiers`` and ``follow_up_days``);
appends rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt
import random

_POST_KINDS = ("party_post_removal", "party_probation", "party_expulsion", "gov_demotion", "gov_dismissal_from_post",
               "gov_expulsion")
_PAY_KINDS = ("gov_demerit", "gov_major_demerit", "gov_demotion", "gov_dismissal_from_post", "gov_expulsion")
_STEP_NOTES = {"post": "按处分决定调整职务", "pay": "自次月起按处分决定调整工资待遇"}
_FORMS = ("home_visit", "talk", "talk", "phone")


class SanctionFollowUpRows:
    def _sanction_followup_rows(self, m: dict) -> None:
        """宣布/送达/归档, execution items and the 回访 of the sanction row ``m`` (a measure of a case)."""
        decided = m["decision_date"]
        if m["category"] == "handling" or m["case_id"] is None or decided > self.end:
            return
        rng = random.Random(self.seed * 1_000_033 + m["id"])
        announced = decided + dt.timedelta(days=rng.randint(0, 20))
        if announced > self.end:
            return
        delivered = announced + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
        filed = announced + dt.timedelta(days=rng.randint(7, 40))
        self.rows["sanction_executions"].append({
            "id": self._id("sanction_executions"), "measure_id": m["id"], "announced_date": announced,
            "delivered_date": delivered if delivered <= self.end else None,
            "filed_date": filed if filed <= self.end else None, "note": "", "updated_at": self._ts(announced)})
        for item, kinds in (("post", _POST_KINDS), ("pay", _PAY_KINDS)):
            done = announced + dt.timedelta(days=rng.randint(1, 15))
            if m["kind"] in kinds and done <= self.end:
                self.rows["execution_steps"].append({
                    "id": self._id("execution_steps"), "measure_id": m["id"], "item": item, "done_date": done,
                    "note": _STEP_NOTES[item], "created_at": self._ts(done)})
        end = m["effect_end"]
        if end is None or rng.random() < 0.08:   # no effect period, or the visit was missed
            return
        due = end - dt.timedelta(days=self.follow_up_days)
        visit = max(due - dt.timedelta(days=rng.randint(0, 30)), announced)
        if visit > self.end:
            return
        names = list(dict.fromkeys(self.verifiers))
        self.rows["follow_up_visits"].append({
            "id": self._id("follow_up_visits"), "measure_id": m["id"], "visit_date": visit,
            "form": rng.choice(_FORMS), "by_whom": "、".join(rng.sample(names, 2)) if len(names) >= 2 else names[0],
            "note": "思想稳定，能正确对待处分，工作表现良好", "created_at": self._ts(visit)})
