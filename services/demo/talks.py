"""The demo's 函询 letters and 谈话 records, in step with the lead they belong to (DOMAIN §9).

A 谈话函询 lead concluded 了结 had a letter, a reply and an assessment 如实说明 → 采信了结 whose 了结 letter is
dated on the lead's result date; one gone to 初核 was assessed 不如实说明 / 发现新线索 on its result date; one
concluded 澄清 was cleared in a 函询谈话 held that day; one still open may wait for its reply (on the due list)
or its assessment. A 初核 lead concluded 谈话提醒 had a 谈话提醒 of each person. Two distinct interviewers
each time. These draws use a generator of their own (seeded from the run's seed and the lead), so the rest
of the demo is the same with or without them.

Mixed into ``generator._Generator`` (its ids, ``end``, ``seed``, ``verifiers`` and ``reply_days``); appends
rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt
import random

_PLACE = "镇纪委谈话室"
_TALK_SUMMARY = {
    "inquiry_talk": "就反映{name}的问题进行函询谈话，{name}逐项作了说明，经核对与掌握的情况相符",
    "reminder_talk": "就初步核实中发现的问题对{name}进行谈话提醒，{name}表示接受，今后严格要求自己",
}


class InquiryTalkRows:
    def _followup_rng(self, lead_id: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + lead_id)

    def _interviewers(self, rng: random.Random) -> str:
        names = list(dict.fromkeys(self.verifiers))
        return "、".join(rng.sample(names, 2)) if len(names) >= 2 else "周纪检、杨纪检"

    def _inquiry_rows(self, lead: dict, person: dict, result: str | None) -> None:
        """The 函询 of a 谈话函询 lead (disposed, with ``result`` on ``lead["result_date"]`` or still open)."""
        rng = self._followup_rng(lead["id"])
        disposed, done = lead["disposition_date"], lead["result_date"]
        if result == "clarified":
            self._talk_row(rng, "inquiry_talk", done, person, lead["id"])
            return
        last = done or self.end
        sent = disposed + dt.timedelta(days=rng.randint(1, 3))
        if sent > last:
            return
        row = {"id": self._id("inquiry_letters"), "lead_id": lead["id"], "round": 1, "recipient": person["name"],
               "sent_date": sent, "reply_due": sent + dt.timedelta(days=self.reply_days), "reply_date": None,
               "reply_attachment_id": None, "assessment": None, "assessment_date": None, "outcome": None,
               "closing_letter_date": None, "note": "", "created_at": self._ts(sent)}
        self.rows["inquiry_letters"].append(row)
        reply = sent + dt.timedelta(days=rng.randint(4, 18))
        if result is None:   # still open: waiting for the reply, or for the assessment
            if reply <= self.end:
                row["reply_date"] = reply
            return
        row["reply_date"] = min(reply, done)
        if result == "concluded":
            assessed = min(row["reply_date"] + dt.timedelta(days=rng.randint(0, 3)), done)
            row.update(assessment="truthful", assessment_date=assessed, outcome="accepted_closed",
                       closing_letter_date=done)
        else:   # to_verification, assessed on the day the lead was concluded
            row.update(assessment=rng.choice(("untruthful", "new_leads")), assessment_date=done,
                       outcome="to_verification")

    def _reminder_talk_rows(self, lead: dict, persons: list[dict]) -> None:
        """The 谈话提醒 of each person of a 初核 lead concluded 谈话提醒, on its result date."""
        rng = self._followup_rng(lead["id"])
        for person in persons:
            self._talk_row(rng, "reminder_talk", lead["result_date"], person, lead["id"])

    def _talk_row(self, rng: random.Random, kind: str, day: dt.date, person: dict, lead_id: int) -> None:
        self.rows["talk_records"].append({
            "id": self._id("talk_records"), "kind": kind, "talk_date": day, "place": _PLACE,
            "interviewers": self._interviewers(rng), "person_name": person["name"], "person_unit": person["unit"],
            "person_post": person["post"], "person_id": person["id"], "lead_id": lead_id, "case_id": None,
            "record_attachment_id": None, "summary": _TALK_SUMMARY[kind].format(name=person["name"]),
            "created_at": self._ts(day)})
