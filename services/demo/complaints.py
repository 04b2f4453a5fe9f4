"""The demo's complaints (信访件): subjects, the handling by kind, the complainant's identity.

Mixed into ``generator._Generator``, whose ``rng``, pickers (``p``), ids and numbers, calendar
helpers and roster it uses; it appends rows to ``self.rows``.
"""
from __future__ import annotations

import datetime as dt

from services.demo import texts as T
from services.demo.shares import Cadre, SIX
from services.validation import id_check_digit


IDENTITY_KEYS = ("complainant_name_enc", "complainant_phone_enc", "complainant_id_number_enc",
                 "complainant_address_enc", "complainant_phone_index", "complainant_id_number_index",
                 "complainant_masked")

_DUTY = ("duty_violation", "duty_crime")


class ComplaintRows:
    def _complaint(self, day: dt.date, i: int) -> None:
        rng, p = self.rng, self.p
        cid = self._id("complaints")
        number, seq = self._number("complaints", day.year)
        original = None
        if self.pool and rng.random() < 0.08:
            cand = self.pool[rng.randrange(len(self.pool))]
            if (day - cand[2]).days <= 730:
                original = cand
        channel = p["channel"](rng)
        signature = p["sig_visit" if channel == "visit" else "sig_other"](rng)
        target = ""
        if original:
            kind, discipline, eight, problem = original[4], original[5], original[6], original[7]
            cadres = [original[3]]
            if rng.random() < 0.3:
                cadres += [c for c in self._pick_cadres(1, original[8]) if c is not original[3]]
        else:
            kind = p["kind"](rng)
            n = 1 if rng.random() < 0.7 else (2 if rng.random() < 0.73 else 3)
            cadres = self._pick_cadres(n)
            discipline, eight, problem, target = self._problem(kind)
        if kind == "appeal" and signature == "anonymous":
            signature = "signed"  # an appeal is made in one's own name (DOMAIN §1): the form refuses 匿名
        subject_text = "、".join(f"{c.post}{c.name}" for c in cadres)
        lead_in = T.CHANNEL_PREFIX.get(channel, "").format(county=self.county + "纪委")
        if kind == "accusation":
            verb = "再次反映" if original else "反映"
            text = f"{lead_in}{verb}{cadres[0].unit}{subject_text}{problem}"
        elif kind == "appeal":
            text = f"{lead_in}{cadres[0].unit}{subject_text}{problem}"
        else:
            text = f"{lead_in}{problem}（涉及{cadres[0].unit}{subject_text}）"
        row = {
            "id": cid, "number": number, "year": day.year, "seq": seq, "received_date": day, "channel": channel,
            "kind": kind, "signature": signature, "is_repeat": bool(original),
            "original_id": original[0] if original else None,
            **dict.fromkeys(IDENTITY_KEYS), "complainant_masked": "{}",
            "main_problem": text, "discipline": discipline, "eight_rules_type": eight,
            "receiver_name": "", "registered_by_id": None, "state": "registered", "state_date": None,
            "state_reason": "", "referred_to": "", "belongs_upper": False,
            "referred_down": channel == "referred_from_above", "accepted_date": None,
            "acceptance_notice_date": None, "concluded_date": None, "feedback_date": None, "feedback_note": "",
            "created_at": self._ts(day) + dt.timedelta(seconds=13 * i), "updated_at": None,
        }
        row["updated_at"] = row["created_at"]
        uid, uname = self.clerks[rng.randrange(len(self.clerks))] if self.clerks else (None, "")
        row["registered_by_id"], row["receiver_name"] = uid, uname
        for c in cadres:
            self.rows["complaint_subjects"].append({
                "id": self._id("complaint_subjects"), "complaint_id": cid, "name": c.name, "unit": c.unit,
                "post": c.post, "rank": c.rank,
                "is_party_member": c.party if rng.random() < 0.85 else None,
                "is_supervised_object": c.supervised if rng.random() < 0.75 else None})
        subjects = self.rows["complaint_subjects"][-len(cadres):]
        if discipline in _DUTY and all(x["is_supervised_object"] is False for x in subjects):
            # The form refuses 职务违法/职务犯罪 when no subject may be a 监察对象 (DOMAIN §1): 廉洁纪律 instead.
            discipline = row["discipline"] = "integrity"
        self._decide(row, cadres, original, target)
        if row["belongs_upper"]:  # registered without its content or identity (第十五条, casework.upper_level)
            row["main_problem"] = ""
        elif signature != "anonymous":
            self._identity(row, signature)
        self.rows["complaints"].append(row)
        self._complaint_followup_rows(row)
        if kind == "accusation" and not original and row["state"] not in ("reported_up", "transferred"):
            self.pool.append((cid, number, day, cadres[0], kind, discipline, eight, problem,
                              self.unit_index[cadres[0].unit]))

    def _problem(self, kind: str) -> tuple[str | None, str | None, str, str]:
        """(discipline, 八项规定 sub-type, problem text, where an out-of-scope item belongs)."""
        rng, p = self.rng, self.p
        if kind == "accusation":
            if rng.random() < 0.18:
                eight = p["eight"](rng)
                return ("work" if eight == "formalism" else "integrity", eight,
                        self._fill(rng.choice(T.EIGHT_RULES_PROBLEMS[eight])), "")
            d = p["discipline"](rng)
            return d, None, self._fill(rng.choice(T.PROBLEMS[d])), ""
        if kind == "appeal":
            return rng.choice(SIX), None, rng.choice(T.APPEALS), ""
        if kind == "suggestion":
            return None, None, self._fill(rng.choice(T.SUGGESTIONS)), ""
        if kind == "out_of_scope":
            text, target = rng.choice(T.OUT_OF_SCOPE)
            return None, None, text, target
        return None, None, rng.choice(T.NO_SUBSTANCE), ""

    def _decide(self, row: dict, cadres: list[Cadre], original, target: str) -> None:
        """The complaint's handling: events dated after receipt; those after ``end`` have not happened."""
        rng, day, kind, end = self.rng, row["received_date"], row["kind"], self.end
        events: list[tuple[dt.date, str]] = []
        if kind == "out_of_scope":
            row["referred_to"], row["state_reason"] = target, T.OUT_OF_SCOPE_REASON.format(target=target)
            events.append((self._wd(day, rng.randint(1, 5)), "not_accepted"))
        elif original:
            row["state_reason"] = T.REPEAT_REASON.format(number=original[1])
            events.append((self._wd(day, rng.randint(1, 3)), "concluded"))
        elif kind == "no_substance":
            row["state_reason"] = T.NO_SUBSTANCE_REASON
            events.append((self._wd(day, rng.randint(1, 5)), "not_accepted"))
        elif kind == "accusation" and (cadres[0].kind == "county" or
                                       cadres[0].rank == "township_level" and rng.random() < 0.3):
            row["belongs_upper"], row["referred_to"] = True, self.county + "纪委"
            row["state_reason"] = T.UPPER_REASON.format(county=self.county + "纪委")
            events.append((self._wd(day, rng.randint(1, 5)), "reported_up"))
        elif kind in ("accusation", "suggestion") and rng.random() < (0.04 if kind == "accusation" else 0.3):
            target = (T.TRANSFER_TARGETS[cadres[0].kind] if kind == "accusation"
                      else rng.choice(T.SUGGESTION_TARGETS))
            row["referred_to"], row["state_reason"] = target, f"按职责转{target}办理"
            events.append((self._wd(day, rng.randint(1, 5)), "transferred"))
        else:
            accepted = self._wd(day, rng.randint(0, 3))
            events.append((accepted, "accepted"))
            if accepted <= end:
                row["accepted_date"] = accepted
                if kind == "accusation":
                    done = self._lead(source="complaint", complaint_id=row["id"], received=accepted, cadres=cadres,
                                      summary=row["main_problem"], discipline=row["discipline"],
                                      eight=row["eight_rules_type"])
                else:
                    done = self._later(accepted, 5, 30) if kind == "suggestion" else self._later(accepted, 20, 60)
                    row["state_reason"] = T.SUGGESTION_DONE if kind == "suggestion" else rng.choice(T.APPEAL_DONE)
                if done:
                    events.append((done, "concluded"))
        happened = [e for e in events if e[0] <= end]
        if happened:
            row["state_date"], row["state"] = happened[-1]
        if row["state"] == "concluded":
            row["concluded_date"] = row["state_date"]
        if row["signature"] == "real_name" and kind == "accusation" and not original and happened:   # owed (§1)
            late = rng.random() < 0.03
            notice = max(happened[0][0], self._wd(day, rng.randint(16, 25) if late else rng.randint(2, 14)))
            row["acceptance_notice_date"] = notice if notice <= end else None
            if row["concluded_date"]:
                late = rng.random() < 0.03
                fb = self._wd(row["concluded_date"], rng.randint(16, 25) if late else rng.randint(1, 14))
                if fb <= end:
                    row["feedback_date"], row["feedback_note"] = fb, rng.choice(T.FEEDBACK)

    def _identity(self, row: dict, signature: str) -> None:
        if self.identity_columns is None:
            return
        rng = self.rng
        male = rng.random() < 0.6
        plain = {"name": self._name(male), "phone": None, "id_number": None, "address": None}
        if signature == "real_name":
            plain["phone"] = rng.choice(T.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if rng.random() < 0.5:
                birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
                first17 = (f"{rng.choice(T.ID_REGION_CODES)}{birth:%Y%m%d}"
                           f"{rng.randrange(100):02d}{rng.randrange(10) // 2 * 2 + (1 if male else 0)}")
                plain["id_number"] = first17 + id_check_digit(first17)
            if rng.random() < 0.7:
                plain["address"] = T.ADDRESS.format(county=self.county, town=self.town,
                                                    village=rng.choice(T.VILLAGES), group=rng.randint(1, 12),
                                                    no=rng.randint(1, 120))
        values = self.identity_columns(row["id"], plain)
        unknown = [k for k in values if k not in IDENTITY_KEYS]
        if unknown:
            raise ValueError(f"identity_columns returned unknown columns: {unknown}")
        row.update(values)
