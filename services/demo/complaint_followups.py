"""The demo's 转办 records and 告知/反馈 contacts, in step with each complaint (DOMAIN §1, §9).

A complaint 转办 to another body has its ``Referral``: the 受理单位, the date, a 文号 of the year, a reply due
15 working days on (a few without a due date), 催办 sent after the due date while the reply is late, and the
reply with its result; most replies come within weeks, a few late, and those sent in the last months may still
be waiting (on the due list, some 已超期). A 实名检举控告 that is not a repeat has its ``ComplainantContact``
rows: the 受理告知 on the complaint's ``acceptance_notice_date`` and, once concluded, the 反馈 on its
``feedback_date``, each with how, by whom and (反馈) the complainant's response. A repeat gets neither. The
draws use a generator of their own (seeded from the run's seed and the complaint), so the rest of the demo is
the same with or without them.

Mixed into ``generator._Generator`` (its ids, ``end``, ``seed``, ``short``, calendar helpers and staff);
appends rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt
import random

from services.deadlines.rules import owes_notice_and_feedback

REFERRAL_WORKDAYS = 15   # the reply asked for within 15 working days of the 转办函
_NOTICE_METHODS = (("written", 4), ("phone", 4), ("in_person", 2))
_FEEDBACK_METHODS = (("in_person", 4), ("phone", 4), ("written", 2))
_RESPONSES = (("satisfied", 55), ("basically_satisfied", 28), ("dissatisfied", 10), ("unreachable", 7))
_NOTICE_NOTES = {"written": "已向反映人送达受理告知书", "phone": "电话告知反映人已依规受理", "in_person": "当面告知反映人已依规受理"}
_FEEDBACK_NOTES = {
    "satisfied": "已将调查处理结果反馈反映人，反映人表示满意",
    "basically_satisfied": "已反馈办理结果，反映人表示基本认可",
    "dissatisfied": "已反馈办理结果，反映人表示不满意，已做好解释说明工作",
    "unreachable": "按登记的联系方式多次联系反映人未果，反馈情况已记录在案",
}
_REPLIES = {
    "accusation": ("经调查核实，反映问题部分属实，已责令相关人员整改，整改情况已书面报送",
                   "经调查核实，反映问题不属实，已向相关人员说明情况",
                   "已按职责调查处理，相关问题已整改到位"),
    "suggestion": ("已采纳意见建议，相关工作已完善", "已研究意见建议，结合实际逐步落实"),
}


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([code for code, _ in pairs], weights=[w for _, w in pairs])[0]


class ComplaintFollowUpRows:
    def _complaint_followup_rows(self, row: dict) -> None:
        """The 转办 record and the 告知/反馈 contacts of the complaint row ``row`` (its handling decided)."""
        rng = random.Random(self.seed * 1_000_037 + row["id"])
        if row["state"] == "transferred":
            self._referral_row(rng, row)
        if not owes_notice_and_feedback(row["signature"], row["kind"], row["is_repeat"]):
            return
        people = self._contact_people()
        if row["acceptance_notice_date"]:
            how = _weighted(rng, _NOTICE_METHODS)
            self._contact_row(row, "acceptance_notice", row["acceptance_notice_date"], how, rng.choice(people),
                              None, _NOTICE_NOTES[how])
        if row["feedback_date"]:
            answer = _weighted(rng, _RESPONSES)
            how = "phone" if answer == "unreachable" else _weighted(rng, _FEEDBACK_METHODS)
            row["feedback_note"] = _FEEDBACK_NOTES[answer]   # as the 反馈 writer keeps the note on the complaint
            self._contact_row(row, "feedback", row["feedback_date"], how, rng.choice(people), answer,
                              _FEEDBACK_NOTES[answer])

    def _contact_people(self) -> list[str]:
        names = [n for _, n in self.users.get("officer", []) + list(self.clerks)]
        return list(dict.fromkeys(names)) or list(self.verifiers)

    def _contact_row(self, row: dict, kind: str, day: dt.date, method: str, by_whom: str, response: str | None,
                     note: str) -> None:
        self.rows["complainant_contacts"].append({
            "id": self._id("complainant_contacts"), "complaint_id": row["id"], "kind": kind, "contact_date": day,
            "method": method, "by_whom": by_whom, "response": response, "note": note, "created_at": self._ts(day)})

    def _referral_row(self, rng: random.Random, row: dict) -> None:
        sent, end = row["state_date"], self.end
        key = ("referral", sent.year)
        self.doc_seq[key] = n = self.doc_seq.get(key, 0) + 1
        due = self._wd(sent, REFERRAL_WORKDAYS) if rng.random() < 0.9 else None
        reply = sent + dt.timedelta(days=rng.randint(7, 30) if rng.random() < 0.85 else rng.randint(31, 100))
        reply = reply if reply <= end else None
        reminders: list[dt.date] = []
        if due is not None:
            last = reply - dt.timedelta(days=1) if reply else end
            day = self._wd(due, 1)
            while day <= last and len(reminders) < 3:   # 催办 while the reply is late
                reminders.append(day)
                day = self._wd(day, 10)
        kind = "suggestion" if row["kind"] == "suggestion" else "accusation"
        self.rows["referrals"].append({
            "id": self._id("referrals"), "complaint_id": row["id"], "to_body": row["referred_to"], "sent_date": sent,
            "document_number": f"{self.short}纪转〔{sent.year}〕{n}号", "due_date": due,
            "reminders": "\n".join(d.isoformat() for d in reminders), "reply_date": reply,
            "reply_result": rng.choice(_REPLIES[kind]) if reply else "",
            "created_by_id": self.secretary[0], "created_at": self._ts(sent),
            "updated_at": self._ts(reply or sent)})
