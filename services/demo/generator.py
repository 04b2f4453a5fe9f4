"""Demo data: a seeded generator that fills a township with two realistic years of work.

Complaints with their subjects (``complaints``), leads from complaints and from elsewhere and their
persons (``leads``), cases, sanctions and handling (``cases``) and 一案双查 ledger entries (``ledger``),
all consistent with DOMAIN.md; this module holds the run: the roster, the days, ids and numbers. Rows are
written with Core ``insert()`` in batches (one transaction and one ``demo.generate`` audit event per
batch) with ids assigned here, so a million complaints stream through bounded memory. Everything is
drawn from one ``random.Random(seed)``: the same seed and ``end`` give the same rows.
"""
from __future__ import annotations

import bisect
import datetime as dt
import random
import time
from collections import deque
from dataclasses import asdict, dataclass
from itertools import accumulate
from typing import Callable

from sqlalchemy import func, select

from models import HolidayOverride, Organization

from services.deadlines.workdays import WorkCalendar
from services.demo import texts as T
from services.demo.cases import CaseRows
from services.demo.complaint_followups import ComplaintFollowUpRows
from services.demo.complaints import ComplaintRows
from services.demo.leads import LeadRows
from services.demo.ledger import LedgerRows
from services.demo.sanction_followups import SanctionFollowUpRows
from services.demo.talks import InquiryTalkRows
from services.demo.shares import (CASE_HANDLING, CHANNELS, DISP_COMPLAINT, DISP_OTHER, GOV, KINDS, METHODS,
                                  MONTH_FACTOR, OTHER_SOURCES, OUTCOMES, PARTY, PROFILES, PV_RESULTS, SIG_OTHER,
                                  SIG_VISIT, TI_RESULTS, Cadre, Picker)
from services.demo.writer import TABLES, BatchWriter, max_seq, staff
from services.errors import StateError, ValidationError
from services.security.permissions import require
from services.storage import settings
from services.storage.workspace import Workspace

MAX_COMPLAINTS = 5_000_000
BATCH = 10_000

IdentityColumns = Callable[[int, dict], dict]
_UTC = dt.timezone.utc


@dataclass
class DemoSummary:
    complaints: int = 0
    complaint_subjects: int = 0
    referrals: int = 0
    complainant_contacts: int = 0
    leads: int = 0
    cases: int = 0
    persons: int = 0
    measures: int = 0
    ledger_entries: int = 0
    ledger_leaders: int = 0
    inquiry_letters: int = 0
    talk_records: int = 0
    sanction_executions: int = 0
    execution_steps: int = 0
    follow_up_visits: int = 0
    batches: int = 0
    seed: int = 0
    start: dt.date | None = None
    end: dt.date | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["start"], d["end"] = str(self.start), str(self.end)
        return d


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


class _Generator(ComplaintRows, ComplaintFollowUpRows, LeadRows, CaseRows, LedgerRows, InquiryTalkRows,
                 SanctionFollowUpRows):
    """One run: the roster, the days, and the rows of each entity (the mixins), handed to the writer."""

    def __init__(self, ws: Workspace, total: int, seed: int, end: dt.date, identity_columns, progress):
        self.ws, self.total, self.seed, self.end = ws, total, seed, end
        self.start = dt.date(end.year - 1, 1, 1)
        self.identity_columns, self.progress = identity_columns, progress
        self.rng = random.Random(seed)
        self.rows: dict[str, list[dict]] = {name: [] for name, _ in TABLES}
        self.summary = DemoSummary(seed=seed, start=self.start, end=end)
        self.pool: deque = deque(maxlen=3000)  # recent originals a repeat may point to
        self.wd_cache: dict[tuple[dt.date, int], dt.date] = {}
        self.ts_cache: dict[dt.date, dt.datetime] = {}
        self.doc_seq: dict[tuple[str, int], int] = {}
        self.p = {k: Picker(w, c) for k, (w, c) in {
            "channel": (CHANNELS, 0), "kind": (KINDS, 0), "sig_visit": (SIG_VISIT, 0),
            "sig_other": (SIG_OTHER, 0), "discipline": (T.DISCIPLINE_WEIGHTS, 0.2),
            "eight": (T.EIGHT_RULES_WEIGHTS, 0.3), "disp_c": (DISP_COMPLAINT, 0), "disp_o": (DISP_OTHER, 0),
            "source": (OTHER_SOURCES, 0.3), "ti": (TI_RESULTS, 0), "pv": (PV_RESULTS, 0.2),
            "party": (PARTY, 0.35), "gov": (GOV, 0.35), "handling": (CASE_HANDLING, 0.35),
            "outcome": (OUTCOMES, 0.5), "method": (METHODS, 1.0),
            "ethnicity": (dict(zip(T.ETHNICITIES, T.ETHNICITY_WEIGHTS)), 0),
        }.items()}
        self.profiles = {k: Picker(w, 0.3) for k, w in PROFILES.items()}
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
            self.next_id = {name: (s.execute(select(func.max(model.id))).scalar() or 0) + 1 for name, model in TABLES}
            self.seq: dict[tuple[str, int], int] = {}
            for year in range(self.start.year - 1, self.end.year + 1):
                for name, model in TABLES:
                    if name in self.prefix:
                        self.seq[(name, year)] = max_seq(s, model, f"{self.prefix[name]}{year}-")
            self.users = staff(s)
            self.reply_days = int(settings.get(s, settings.INQUIRY_REPLY_DAYS))
            self.follow_up_days = int(settings.get(s, settings.FOLLOW_UP_LEAD_DAYS))
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
        for unit, posts, _weight, kind in T.units_of(self.town, self.county):
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

    def _cadre(self, unit: str, kind: str, post: T.Post) -> Cadre:
        rng = self.rng
        c = Cadre()
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

    def _pick_cadres(self, n: int, unit_index: int | None = None) -> list[Cadre]:
        rng = self.rng
        if unit_index is None:
            unit_index = bisect.bisect_right(self.unit_cum, rng.random() * self.unit_cum[-1])
        _, _, holders, cum = self.units[unit_index]
        out: list[Cadre] = []
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
        self.writer = BatchWriter(self.ws, self.seed, self.end)
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
            w = MONTH_FACTOR[d.month - 1] * (1.08 if d.year == self.end.year else 1.0)
            days.append(d)
            weights.append(w if self.calendar.is_workday(d) else w * 0.12)
            d += dt.timedelta(days=1)
        # Each day gets the rounded running total less the days before it: the counts add up to the total and a
        # small demo's complaints are spread over every month (handing the remainders out largest first gave
        # whole months with equal remainders, such as a short 2月 or 10月, none at all).
        scale = self.total / sum(weights)
        counts, before = [], 0
        for running in accumulate(weights):
            upto = round(running * scale)
            counts.append(upto - before)
            before = upto
        return [(d, c) for d, c in zip(days, counts) if c]


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
        self.rows = {name: [] for name, _ in TABLES}
        self._report_progress()

    def _report_progress(self) -> None:
        while self.writer.done:
            written = self.writer.done.popleft()
            if self.progress:
                self.progress(written, self.total)
