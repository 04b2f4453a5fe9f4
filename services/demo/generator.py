"""Demo data: a seeded generator that fills a township with two realistic years of work.

Complaints with their subjects, leads (from complaints and from elsewhere), cases, the persons in
them, sanctions and handling, and 一案双查 ledger entries, all consistent with DOMAIN.md. Rows are
written with Core ``insert()`` in batches (one transaction and one ``demo.generate`` audit event per
batch) with ids assigned here, so a million complaints stream through bounded memory. Everything is
drawn from one ``random.Random(seed)``: the same seed and ``end`` give the same rows.
"""
from __future__ import annotations

import bisect
import datetime as dt
import queue
import random
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import Callable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models import (Case, Complaint, ComplaintSubject, HolidayOverride, Lead, LedgerEntry, LedgerLeader, Measure,
                    Organization, Person, User, UserRole)
from models import search
from models.enums import Discipline, Disposition, Responsibility

from services.casework import sanction_rules
from services.deadlines.workdays import WorkCalendar
from services.demo import texts as T
from services.errors import StateError, ValidationError
from services.security import audit, identity, setup, users
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import Workspace, open_workspace
from services.validation import id_check_digit

DEMO_PASSWORD = "demo1234"
DEMO_ORG = {"org_name": "青山镇纪委", "org_code": "QS001", "county_name": "云岭县纪委", "mode": "township"}
# The setup's first user (admin + secretary, it creates the others), then one user per role.
DEMO_SETUP_USER = ("demo", "演示管理员")
DEMO_USERS = (("demo-admin", "系统管理员", ["admin"]), ("demo-secretary", "王书记", ["secretary"]),
              ("demo-officer", "李办案", ["officer"]), ("demo-clerk", "张登记", ["clerk"]))
MAX_COMPLAINTS = 5_000_000
BATCH = 10_000

IdentityColumns = Callable[[int, dict], dict]
_UTC = dt.timezone.utc
_TABLES = (("complaints", Complaint), ("complaint_subjects", ComplaintSubject), ("leads", Lead), ("cases", Case),
           ("persons", Person), ("measures", Measure), ("ledger_entries", LedgerEntry),
           ("ledger_leaders", LedgerLeader))
_IDENTITY_KEYS = ("complainant_name_enc", "complainant_phone_enc", "complainant_id_number_enc",
                  "complainant_address_enc", "complainant_phone_index", "complainant_id_number_index",
                  "complainant_masked")

# Shares (weights) of the vocabularies; rare codes still show up at small scales through _Picker.
_CHANNELS = {"letter": 30, "visit": 22, "phone": 15, "online": 20, "referred_from_above": 7,
             "inspection_transfer": 2.5, "audit_transfer": 1.5, "other": 2}
_KINDS = {"accusation": 62, "suggestion": 12, "appeal": 8, "out_of_scope": 12, "no_substance": 6}
_SIG_VISIT = {"real_name": 85, "signed": 10, "anonymous": 5}
_SIG_OTHER = {"real_name": 30, "signed": 20, "anonymous": 50}
_DISP_COMPLAINT = {"talk_inquiry": 36, "closed": 30, "preliminary_verification": 22, "shelved": 12}
_DISP_OTHER = {"preliminary_verification": 45, "talk_inquiry": 30, "closed": 15, "shelved": 10}
_OTHER_SOURCES = {"assigned_from_above": 25, "supervision_found": 25, "inspection_transfer": 15,
                  "audit_transfer": 12, "judicial_transfer": 8, "self_report": 8, "other": 7}
_TI_RESULTS = {"concluded": 55, "clarified": 30, "to_verification": 15}
_PV_RESULTS = {"case_filed": 38, "concluded": 32, "reminder_talk": 20, "transferred": 10}
_PROFILES = {
    (True, True): {"party": 35, "gov": 10, "both": 20, "handling": 32, "judicial": 3},
    (True, False): {"party": 70, "handling": 27, "judicial": 3},
    (False, True): {"gov": 70, "handling": 27, "judicial": 3},
    (False, False): {"handling": 95, "judicial": 5},
}
_PARTY = {"party_warning": 40, "party_serious_warning": 28, "party_post_removal": 10, "party_probation": 12,
          "party_expulsion": 10}
_GOV = {"gov_warning": 30, "gov_demerit": 25, "gov_major_demerit": 18, "gov_demotion": 10,
        "gov_dismissal_from_post": 10, "gov_expulsion": 7}
_CASE_HANDLING = {"admonishment": 30, "criticism": 20, "self_review": 10, "circulated_criticism": 12,
                  "reminder_talk": 8, "suspension": 5, "post_adjustment": 6, "removal_from_post": 5, "demotion": 4}
_OUTCOMES = {"closed_no_fault": 45, "inquiry": 15, "integrity_talk": 22, "held_accountable": 18}
_METHODS = {"circulation": 35, "admonishment": 35, "organizational_adjustment": 15, "disciplinary_sanction": 15}
_MONTH_FACTOR = (1.0, 0.7, 1.1, 1.05, 1.0, 1.1, 1.15, 1.0, 0.95, 0.85, 1.05, 1.2)
_SIX = ("political", "organizational", "integrity", "mass", "work", "life")


@dataclass
class DemoSummary:
    complaints: int = 0
    complaint_subjects: int = 0
    leads: int = 0
    cases: int = 0
    persons: int = 0
    measures: int = 0
    ledger_entries: int = 0
    ledger_leaders: int = 0
    batches: int = 0
    seed: int = 0
    start: dt.date | None = None
    end: dt.date | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["start"], d["end"] = str(self.start), str(self.end)
        return d


class _Picker:
    """A weighted choice; with ``cover`` > 0 it first makes sure every option turns up once."""

    def __init__(self, weights: dict[str, float], cover: float = 0.0):
        self.keys = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.unseen = list(self.keys) if cover else []
        self.cover = cover

    def __call__(self, rng: random.Random) -> str:
        if self.unseen and rng.random() < self.cover:
            return self.unseen.pop(rng.randrange(len(self.unseen)))
        key = self.keys[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]
        if self.unseen and key in self.unseen:
            self.unseen.remove(key)
        return key


class _Cadre:
    __slots__ = ("name", "gender", "unit", "kind", "post", "rank", "party", "supervised", "ethnicity",
                 "birth", "joined")


def validate_scale(complaints) -> int:
    """The number of complaints to generate, or a clear Chinese error."""
    if isinstance(complaints, bool) or not isinstance(complaints, int) or not 1 <= complaints <= MAX_COMPLAINTS:
        raise ValidationError(f"演示信访件数量应为 1 到 {MAX_COMPLAINTS} 之间的整数", field="complaints")
    return complaints


def generate_demo(ws: Workspace, *, complaints: int, seed: int = 2026, end: dt.date | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  identity_columns: IdentityColumns | None = None) -> DemoSummary:
    """Fill an initialized workspace with ``complaints`` complaints over two calendar years to ``end``.

    ``identity_columns(complaint_id, plain)`` returns the encrypted identity columns for a
    complainant's plain ``name/phone/id_number/address``; without it they stay empty.
    """
    for perm in ("complaint.register", "lead.manage", "case.manage", "measure.manage", "ledger.manage"):
        require(ws.current_user, perm)
    validate_scale(complaints)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValidationError("随机种子应为整数", field="seed")
    end = end or ws.today()
    if isinstance(end, dt.datetime):
        end = end.date()
    if not isinstance(end, dt.date):
        raise ValidationError("截止日期无效", field="end")
    if not ws.is_initialized():
        raise StateError("尚未初始化：请先设置单位和第一个用户，再生成演示数据")
    started = time.perf_counter()
    gen = _Generator(ws, complaints, seed, end, identity_columns, progress)
    summary = gen.run()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


class _Generator:
    def __init__(self, ws: Workspace, total: int, seed: int, end: dt.date, identity_columns, progress):
        self.ws, self.total, self.seed, self.end = ws, total, seed, end
        self.start = dt.date(end.year - 1, 1, 1)
        self.identity_columns, self.progress = identity_columns, progress
        self.rng = random.Random(seed)
        self.rows: dict[str, list[dict]] = {name: [] for name, _ in _TABLES}
        self.summary = DemoSummary(seed=seed, start=self.start, end=end)
        self.pool: deque = deque(maxlen=3000)  # recent originals a repeat may point to
        self.wd_cache: dict[tuple[dt.date, int], dt.date] = {}
        self.ts_cache: dict[dt.date, dt.datetime] = {}
        self.doc_seq: dict[tuple[str, int], int] = {}
        self.p = {k: _Picker(w, c) for k, (w, c) in {
            "channel": (_CHANNELS, 0), "kind": (_KINDS, 0), "sig_visit": (_SIG_VISIT, 0),
            "sig_other": (_SIG_OTHER, 0), "discipline": (T.DISCIPLINE_WEIGHTS, 0.2),
            "eight": (T.EIGHT_RULES_WEIGHTS, 0.3), "disp_c": (_DISP_COMPLAINT, 0), "disp_o": (_DISP_OTHER, 0),
            "source": (_OTHER_SOURCES, 0.3), "ti": (_TI_RESULTS, 0), "pv": (_PV_RESULTS, 0.2),
            "party": (_PARTY, 0.35), "gov": (_GOV, 0.35), "handling": (_CASE_HANDLING, 0.35),
            "outcome": (_OUTCOMES, 0.5), "method": (_METHODS, 1.0), "ethnicity": (dict(zip(T.ETHNICITIES,
                                                                                        T.ETHNICITY_WEIGHTS)), 0),
        }.items()}
        self.profiles = {k: _Picker(w, 0.3) for k, w in _PROFILES.items()}
        self.surname_cum = list(accumulate(T.SURNAME_WEIGHTS))
        self._load_context()
        self._build_roster()

    # ------------------------------------------------------------------ context
    def _load_context(self) -> None:
        with self.ws.reading() as s:
            org = s.query(Organization).first()
            self.town = org.name.removesuffix("纪委") or org.name
            self.county = org.county_name.removesuffix("纪委") or org.county_name
            self.short = self.town[0]
            self.prefix = {k: settings.get(s, spec) for k, spec in (
                ("complaints", settings.COMPLAINT_PREFIX), ("leads", settings.LEAD_PREFIX),
                ("cases", settings.CASE_PREFIX), ("ledger_entries", settings.LEDGER_PREFIX))}
            self.next_id = {name: (s.execute(select(func.max(model.id))).scalar() or 0) + 1 for name, model in _TABLES}
            self.seq: dict[tuple[str, int], int] = {}
            for year in range(self.start.year - 1, self.end.year + 1):
                for name, model in _TABLES:
                    if name in self.prefix:
                        self.seq[(name, year)] = _max_seq(s, model, f"{self.prefix[name]}{year}-")
            self.users = _staff(s)
            overrides = {o.day: o.is_workday for o in s.query(HolidayOverride)}
        self.calendar = WorkCalendar(overrides)
        # A secretary who is not also the administrator approves; clerks register.
        secretaries = [u for u in self.users["secretary"] if u not in self.users["admin"]] or self.users["secretary"]
        self.clerks = self.users["clerk"] or secretaries
        self.secretary = (secretaries or self.clerks or [(None, "纪委书记")])[0]
        names = [n for _, n in self.users["officer"] + secretaries]
        self.verifiers = (names + ["周纪检", "杨纪检"])[:max(2, len(names))]

    def _build_roster(self) -> None:
        k = max(1, min(40, self.total // 4000))  # a larger demo has more staff in the scaled posts
        self.units = []
        for unit, posts, weight, kind in T.units_of(self.town, self.county):
            holders, weights = [], []
            for post in posts:
                n = post.count * (k if post.scaled else 1)
                for _ in range(n):
                    holders.append(self._cadre(unit, kind, post))
                    weights.append(post.weight / (k if post.scaled else 1))
            self.units.append((unit, kind, holders, list(accumulate(weights))))
        self.unit_cum = list(accumulate(w for _, _, w, _ in T.units_of(self.town, self.county)))
        self.leaders = [c for u, kind, h, _ in self.units if kind == "leaders" for c in h]
        self.deputies = [c for c in self.leaders if c.post == "副镇长"] or self.leaders
        self.extra_leaders: dict[str, str] = {}
        self.unit_index = {u[0]: i for i, u in enumerate(self.units)}

    def _cadre(self, unit: str, kind: str, post: T.Post) -> _Cadre:
        rng = self.rng
        c = _Cadre()
        male = rng.random() < post.male
        c.name, c.gender = self._name(male), "男" if male else "女"
        c.unit, c.kind, c.post, c.rank = unit, kind, post.title, post.rank
        c.party = rng.random() < post.party
        c.supervised = rng.random() < post.supervised
        c.ethnicity = self.p["ethnicity"](rng)
        age = rng.randint(24, 58)
        c.birth = dt.date(self.end.year - age, rng.randint(1, 12), 1)
        c.joined = (dt.date(c.birth.year + rng.randint(19, max(20, age - 2)), rng.randint(1, 12), rng.randint(1, 28))
                    if c.party else None)
        return c

    def _name(self, male: bool) -> str:
        rng = self.rng
        surname = T.SURNAMES[bisect.bisect_right(self.surname_cum, rng.random() * self.surname_cum[-1])]
        first, second = (T.MALE_FIRST, T.MALE_SECOND) if male else (T.FEMALE_FIRST, T.FEMALE_SECOND)
        if rng.random() < 0.35:
            return surname + rng.choice(second)
        return surname + rng.choice(first) + rng.choice(second)

    # ------------------------------------------------------------------ helpers
    def _id(self, table: str) -> int:
        i = self.next_id[table]
        self.next_id[table] = i + 1
        return i

    def _number(self, table: str, year: int) -> tuple[str, int]:
        seq = self.seq.get((table, year), 0) + 1
        self.seq[(table, year)] = seq
        return f"{self.prefix[table]}{year}-{seq:04d}", seq

    def _wd(self, d: dt.date, n: int) -> dt.date:
        key = (d, n)
        out = self.wd_cache.get(key)
        if out is None:
            out = self.wd_cache[key] = self.calendar.add_workdays(d, n)
        return out

    def _ts(self, d: dt.date) -> dt.datetime:
        out = self.ts_cache.get(d)
        if out is None:  # 09:00 Beijing time
            out = self.ts_cache[d] = dt.datetime(d.year, d.month, d.day, 1, 0, tzinfo=_UTC)
        return out

    def _later(self, d: dt.date, lo: int, hi: int) -> dt.date:
        """A working day ``lo..hi`` calendar days after ``d``."""
        return self.calendar.roll_forward(d + dt.timedelta(days=self.rng.randint(lo, hi)))

    def _fill(self, template: str) -> str:
        r = self.rng
        return template.format(project=r.choice(T.PROJECTS), fund=r.choice(T.FUNDS), matter=r.choice(T.MATTERS),
                               place=r.choice(T.PLACES),
                               amount=r.choice(("2000", "3500", "5000", "8000", "1.2万", "3万", "6.5万")))

    def _pick_cadres(self, n: int, unit_index: int | None = None) -> list[_Cadre]:
        rng = self.rng
        if unit_index is None:
            unit_index = bisect.bisect_right(self.unit_cum, rng.random() * self.unit_cum[-1])
        _, _, holders, cum = self.units[unit_index]
        out: list[_Cadre] = []
        for _ in range(n * 3):
            c = holders[bisect.bisect_right(cum, rng.random() * cum[-1])]
            if c not in out:
                out.append(c)
            if len(out) == n:
                break
        return out

    # ------------------------------------------------------------------ the run
    def run(self) -> DemoSummary:
        rng = self.rng
        self.writer = _Writer(self.ws, self.seed, self.end)
        failed = True
        try:
            self._warm_up()
            for day, count in self._days():
                for i in range(count):
                    self._complaint(day, i)
                    if len(self.rows["complaints"]) >= BATCH or len(self.rows["leads"]) >= BATCH:
                        self._flush()
                extra = count * 0.1
                for _ in range(int(extra) + (1 if rng.random() < extra - int(extra) else 0)):
                    self._other_lead(day)
            self._flush()
            failed = False
        finally:
            self.writer.close(discard=failed)
        self._report_progress()
        return self.summary

    def _warm_up(self) -> None:
        """Leads from the half year before the start, so last year's cases and sanctions are not a ramp."""
        per_day = self.total / max(1, (self.end - self.start).days + 1) * 0.55
        day = self.start - dt.timedelta(days=183)
        while day < self.start:
            if self.calendar.is_workday(day):
                for _ in range(int(per_day) + (1 if self.rng.random() < per_day - int(per_day) else 0)):
                    self._other_lead(day)
                if len(self.rows["leads"]) >= BATCH:
                    self._flush()
            day += dt.timedelta(days=1)

    def _days(self) -> list[tuple[dt.date, int]]:
        """Spread the total over the days: seasonality by month, growth in the last year, few on rest days."""
        days, weights = [], []
        d = self.start
        while d <= self.end:
            w = _MONTH_FACTOR[d.month - 1] * (1.08 if d.year == self.end.year else 1.0)
            days.append(d)
            weights.append(w if self.calendar.is_workday(d) else w * 0.12)
            d += dt.timedelta(days=1)
        total = sum(weights)
        exact = [self.total * w / total for w in weights]
        counts = [int(x) for x in exact]
        short = self.total - sum(counts)
        for i in sorted(range(len(days)), key=lambda i: (counts[i] - exact[i], i))[:short]:
            counts[i] += 1
        return [(d, c) for d, c in zip(days, counts) if c]

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
            **dict.fromkeys(_IDENTITY_KEYS), "complainant_masked": "{}",
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
        self._decide(row, cadres, original, target)
        if signature != "anonymous":
            self._identity(row, signature)
        self.rows["complaints"].append(row)
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
            return rng.choice(_SIX), None, rng.choice(T.APPEALS), ""
        if kind == "suggestion":
            return None, None, self._fill(rng.choice(T.SUGGESTIONS)), ""
        if kind == "out_of_scope":
            text, target = rng.choice(T.OUT_OF_SCOPE)
            return None, None, text, target
        return None, None, rng.choice(T.NO_SUBSTANCE), ""

    def _decide(self, row: dict, cadres: list[_Cadre], original, target: str) -> None:
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
        if row["signature"] == "real_name" and happened:
            if not original:
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
        unknown = [k for k in values if k not in _IDENTITY_KEYS]
        if unknown:
            raise ValueError(f"identity_columns returned unknown columns: {unknown}")
        row.update(values)

    # ------------------------------------------------------------------ leads
    def _other_lead(self, day: dt.date) -> None:
        rng = self.rng
        source = self.p["source"](rng)
        cadres = self._pick_cadres(1 if rng.random() < 0.75 else 2)
        discipline, eight, problem, _ = self._problem("accusation")
        summary = (T.LEAD_SOURCE_PREFIX[source].format(county=self.county + "纪委")
                   + f"{cadres[0].unit}{'、'.join(c.post + c.name for c in cadres)}{problem}")
        self._lead(source=source, complaint_id=None, received=day, cadres=cadres, summary=summary,
                   discipline=discipline, eight=eight)

    def _lead(self, *, source: str, complaint_id: int | None, received: dt.date, cadres: list[_Cadre], summary: str,
              discipline: str | None, eight: str | None, forced: str | None = None) -> dt.date | None:
        """One lead and what follows from it; returns the day it was finished, None while still open."""
        rng, end = self.rng, self.end
        lid = self._id("leads")
        number, _ = self._number("leads", received.year)
        persons = [self._person(c, lid, source == "self_report") for c in cadres]
        row = {"id": lid, "number": number, "source": source, "complaint_id": complaint_id,
               "received_date": received, "summary": summary, "disposition": None, "disposition_date": None,
               "approver_id": None, "collective_note": "", "verifiers": "", "result": None, "result_date": None,
               "result_note": "", "created_at": self._ts(received)}
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
                return None
            result = self.p["ti"](rng)
            row.update(result=result, result_date=result_date, result_note=T.RESULT_NOTES[result].format(name=first))
            if result == "to_verification":
                return self._lead(source=source, complaint_id=complaint_id, received=result_date, cadres=cadres,
                                  summary=f"（由线索{number}谈话函询后转初核）{summary}", discipline=discipline, eight=eight,
                                  forced="preliminary_verification")
            if result == "concluded" and rng.random() < 0.25:
                self._measure(persons[0], rng.choice(("criticism", "self_review")), result_date, lead_id=lid)
            return result_date
        row["verifiers"] = "、".join(rng.sample(self.verifiers, 2))
        result_date = self._later(disposed, 20, 60)
        if result_date > end:
            return None
        result = self.p["pv"](rng)
        note_key = "pv_concluded" if result == "concluded" else result
        row.update(result=result, result_date=result_date,
                   result_note=T.RESULT_NOTES[note_key].format(name=first, target=rng.choice(T.LEAD_TRANSFER_TARGETS)))
        if result == "reminder_talk":
            for person in persons:
                self._measure(person, "reminder_talk", result_date, lead_id=lid)
        elif result == "concluded" and rng.random() < 0.15:
            self._measure(persons[0], "criticism", result_date, lead_id=lid)
        elif result == "case_filed":
            return self._case(lid, source, result_date, persons, cadres, summary, discipline, eight)
        return result_date

    def _person(self, c: _Cadre, lead_id: int, self_reported: bool) -> dict:
        row = {"id": self._id("persons"), "lead_id": lead_id, "case_id": None, "name": c.name, "gender": c.gender,
               "ethnicity": c.ethnicity, "birth_month": c.birth, "party_join_date": c.joined, "unit": c.unit,
               "post": c.post, "rank": c.rank, "is_party_member": c.party, "is_supervised_object": c.supervised,
               "self_reported": self_reported or self.rng.random() < 0.03, "amount_confiscated": Decimal(0),
               "amount_seized": Decimal(0), "amount_restitution": Decimal(0)}
        self.rows["persons"].append(row)
        return row

    # ------------------------------------------------------------------ cases and measures
    def _case(self, lead_id: int, source: str, filed: dt.date, persons: list[dict], cadres: list[_Cadre],
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
        title = f"{lead_person.unit}{lead_person.post}{lead_person.name}{'违反' if discipline in _SIX else ''}{label}问题案"
        self.rows["cases"].append({
            "id": cid, "number": number, "lead_id": lead_id, "title": title[:200], "stage": stage,
            "filing_date": filed, "filing_approver": self.secretary[1],
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

    # ------------------------------------------------------------------ 一案双查
    def _ledger(self, case_id: int, source: str, closing: dt.date, person: _Cadre, discipline, summary: str) -> None:
        rng, end = self.rng, self.end
        entry_date = self._later(closing, 3, 25)
        if entry_date > end:
            return
        eid = self._id("ledger_entries")
        number, _ = self._number("ledger_entries", entry_date.year)
        label = Discipline(discipline).label if discipline else "违纪"
        self.rows["ledger_entries"].append({
            "id": eid, "number": number, "case_id": case_id, "unit": person.unit, "entry_date": entry_date,
            "lead_source": source, "problem_nature": f"{'违反' if discipline in _SIX else ''}{label}：{summary}"[:400],
            "evidence": rng.choice(T.EVIDENCE), "note": "", "created_at": self._ts(entry_date)})
        posts = T.LEDGER_POSTS[person.kind]
        unit_holders = self.units[self.unit_index[person.unit]][2]
        principal = unit_holders[0] if unit_holders[0].name != person.name else self.leaders[0]
        deputy = self.deputies[_stable_index(person.unit, len(self.deputies))]
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

    # ------------------------------------------------------------------ writing
    def _flush(self) -> None:
        """Hand the batch to the writer; count it in the summary."""
        counts = {name: len(rows) for name, rows in self.rows.items()}
        if not any(counts.values()):
            return
        self.summary.batches += 1
        self.writer.put(self.summary.batches, self.rows, counts)
        for name, n in counts.items():
            setattr(self.summary, name, getattr(self.summary, name) + n)
        self.rows = {name: [] for name, _ in _TABLES}
        self._report_progress()

    def _report_progress(self) -> None:
        while self.writer.done:
            written = self.writer.done.popleft()
            if self.progress:
                self.progress(written, self.total)


class _Writer:
    """Writes batches from a worker thread, one transaction (and one audit event) per batch.

    SQLite's own work (index upkeep, the full-text triggers) runs without the GIL, so it overlaps with
    generating the next batch. The queue holds one batch: memory stays bounded and there is one writer.
    """

    def __init__(self, ws: Workspace, seed: int, end: dt.date):
        self.ws, self.seed, self.end = ws, seed, end
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.discard = False
        self.done: deque[int] = deque()  # complaints written so far, one entry per finished batch
        self.written = 0
        self.thread = threading.Thread(target=self._loop, name="demo-writer", daemon=True)
        self.thread.start()

    def put(self, batch: int, rows: dict[str, list[dict]], counts: dict[str, int]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((batch, rows, counts))

    def close(self, discard: bool = False) -> None:
        self.discard = discard
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and not discard:
            raise self.error

    def _loop(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is not None or self.discard:
                continue
            try:
                self._write(*item)
            except BaseException as exc:  # re-raised in the generating thread
                self.error = exc

    def _write(self, batch: int, rows: dict[str, list[dict]], counts: dict[str, int]) -> None:
        with self.ws.transaction() as s:
            conn = s.connection()
            complaints = rows["complaints"]
            span = (complaints[0]["id"], complaints[-1]["id"]) if complaints else None
            with search.bulk_indexing(conn, lambda: span):
                for name, model in _TABLES:
                    if rows[name]:
                        conn.execute(insert(model.__table__), rows[name])
            audit.record(s, self.ws.current_user, "demo.generate", "demo", str(batch),
                         {"seed": self.seed, "end": self.end, "batch": batch, "counts": counts,
                          "first": complaints[0]["number"] if complaints else "",
                          "last": complaints[-1]["number"] if complaints else ""})
        if counts["complaints"]:
            self.written += counts["complaints"]
            self.done.append(self.written)


def _stable_index(text: str, n: int) -> int:
    """A stable index in ``range(n)`` for a text (Python's ``hash`` of str varies per process)."""
    return sum(map(ord, text)) % n


def _max_seq(s: Session, model, prefix: str) -> int:
    if model is Complaint:
        return s.execute(select(func.max(Complaint.seq)).where(Complaint.year == int(prefix[-5:-1]))).scalar() or 0
    number = s.execute(select(model.number).where(model.number.like(prefix + "%"))
                       .order_by(func.length(model.number).desc(), model.number.desc()).limit(1)).scalar()
    if not number:
        return 0
    tail = number[len(prefix):]
    return int(tail) if tail.isdigit() else 0


def _staff(s: Session) -> dict[str, list[tuple[int, str]]]:
    """Active users by role as (id, display name), in id order."""
    out: dict[str, list[tuple[int, str]]] = {"admin": [], "secretary": [], "officer": [], "clerk": []}
    rows = s.execute(select(User.id, User.display_name, UserRole.role).join(UserRole)
                     .where(User.is_active.is_(True)).order_by(User.id, UserRole.role)).all()
    for uid, name, role in rows:
        out.setdefault(role, []).append((uid, name))
    return out


# ---------------------------------------------------------------------- demo workspace
def initialize_demo(ws: Workspace) -> None:
    """Set up the demo township 青山镇纪委 with its four demo users (password ``demo1234``)."""
    first, first_name = DEMO_SETUP_USER
    setup.initialize(ws, **DEMO_ORG, username=first, display_name=first_name, password=DEMO_PASSWORD)
    users.login(ws, first, DEMO_PASSWORD)
    for username, display_name, roles in DEMO_USERS:
        users.create_user(ws, username, display_name, DEMO_PASSWORD, roles)
    with ws.transaction() as s:
        values = {settings.REPORT_LEADER.key: "王书记", settings.REPORT_PREPARER.key: "张登记",
                  settings.REPORT_PHONE.key: "0872-6123456"}
        for key, value in values.items():
            settings.put(s, key, value)
        audit.record(s, ws.current_user, "settings.update", "settings", "", values)
    users.logout(ws)


def login_demo(ws: Workspace) -> None:
    """Sign in as the demo secretary (who may register, handle cases and see identities)."""
    users.login(ws, "demo-secretary", DEMO_PASSWORD)


def identity_sealer(ws: Workspace) -> IdentityColumns | None:
    """Encrypt demo complainants with the signed-in user's identity key; None when it is locked."""
    if not identity.has_key(ws):
        return None
    return lambda complaint_id, plain: identity.columns_for(ws, complaint_id, **plain)


def ensure_demo(data_dir: Path | str, scale: int = 2000, *, seed: int = 2026, end: dt.date | None = None,
                progress: Callable[[int, int], None] | None = None) -> None:
    """Initialize ``data_dir`` as the demo township and generate ``scale`` complaints, unless it is set up."""
    validate_scale(scale)
    ws = open_workspace(data_dir)
    try:
        if ws.is_initialized():
            return
        initialize_demo(ws)
        login_demo(ws)
        generate_demo(ws, complaints=scale, seed=seed, end=end, progress=progress,
                      identity_columns=identity_sealer(ws))
        users.logout(ws)
    finally:
        ws.close()
