"""The demo data generator: determinism, consistency with the domain rules, numbering, audit, CLI."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import (AuditEvent, Case, Complaint, ComplaintSubject, InquiryLetter, Lead, LedgerEntry, LedgerLeader,
                    Measure, Person, TalkRecord, User)
from models.enums import (AccountabilityMethod, Channel, ComplaintKind, Disposition, EightRulesType, LeadSource,
                          LedgerOutcome, MeasureCategory, Signature, all_measure_kind_codes)
from services import demo
from services.demo import generator
from services.casework import sanction_rules
from services.errors import PermissionDenied, ValidationError
from services.security import audit, identity, setup, users
from services.storage.workspace import open_workspace
from services.validation import validate_id_number, validate_names, validate_phone
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from tests.helpers.crypto import CHEAP_CRYPTO

ROOT = Path(__file__).resolve().parents[3]
END = dt.date(2026, 11, 20)
START = dt.date(2025, 1, 1)
TABLES = (Complaint, ComplaintSubject, Lead, Case, Person, Measure, LedgerEntry, LedgerLeader)


def _new_ws(path: Path):
    ws = open_workspace(path, today=lambda: END, crypto=CHEAP_CRYPTO)
    setup.initialize(ws, org_name="青山镇纪委", org_code="QS001", county_name="云岭县纪委", mode="township",
                     username="wang", display_name="王书记", password=ADMIN_PASSWORD)
    users.login(ws, "wang", ADMIN_PASSWORD)
    return ws


def _checksums(ws) -> dict[str, str]:
    out = {}
    with ws.reading() as s:
        for model in TABLES:
            table = model.__table__
            h = hashlib.sha256()
            for row in s.connection().execute(select(table).order_by(table.c.id)):
                h.update(repr(tuple(row)).encode())
            out[table.name] = h.hexdigest()
    return out


def _count(s, model) -> int:
    return s.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """2,000 complaints with real identity encryption, generated once for the consistency checks."""
    ws = _new_ws(tmp_path_factory.mktemp("big") / "data")
    summary = demo.generate_demo(ws, complaints=2000, end=END, identity_columns=demo.identity_sealer(ws))
    yield ws, summary
    ws.close()


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    sums = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        ws = _new_ws(tmp_path / name)
        demo.generate_demo(ws, complaints=300, seed=seed, end=END)
        sums.append(_checksums(ws))
        ws.close()
    assert sums[0] == sums[1]
    assert sums[0]["complaints"] != sums[2]["complaints"]


def test_summary_counts_match_the_database(big):
    ws, summary = big
    with ws.reading() as s:
        for model in TABLES:
            assert getattr(summary, model.__tablename__) == _count(s, model), model.__tablename__
    assert summary.complaints == 2000 and summary.start == START and summary.end == END
    assert summary.cases > 50 and summary.measures > 100 and summary.ledger_entries > 10


def test_every_vocabulary_code_appears(big):
    ws, _ = big
    with ws.reading() as s:
        def codes(column):
            return set(s.execute(select(column).distinct()).scalars()) - {None}
        assert codes(Complaint.channel) == set(Channel.codes())
        assert codes(Complaint.kind) == set(ComplaintKind.codes())
        assert codes(Complaint.signature) == set(Signature.codes())
        assert codes(Complaint.eight_rules_type) == set(EightRulesType.codes())
        assert codes(Lead.disposition) == set(Disposition.codes())
        assert codes(Lead.source) == set(LeadSource.codes())
        assert codes(Measure.category) == set(MeasureCategory.codes())
        assert codes(Measure.kind) == set(all_measure_kind_codes())
        assert codes(Measure.form) == {1, 2, 3, 4}
        assert codes(LedgerLeader.outcome) == set(LedgerOutcome.codes())
        assert codes(LedgerLeader.accountability_method) == set(AccountabilityMethod.codes())


def test_shares_and_seasonality_are_plausible(big):
    ws, _ = big
    with ws.reading() as s:
        by = lambda col: dict(s.execute(select(col, func.count()).group_by(col)).all())  # noqa: E731
        sig, channel, kind = by(Complaint.signature), by(Complaint.channel), by(Complaint.kind)
        assert 0.33 <= sig["anonymous"] / 2000 <= 0.47
        assert channel["letter"] + channel["visit"] > 2000 * 0.4
        assert max(channel, key=channel.get) in ("letter", "visit")
        assert kind["accusation"] > 2000 * 0.5
        repeats = by(Complaint.is_repeat)[True]
        assert 0.05 <= repeats / 2000 <= 0.11
        months = defaultdict(int)
        for d in s.execute(select(Complaint.received_date)).scalars():
            assert START <= d <= END
            months[(d.year, d.month)] += 1
        assert len(months) == 23  # January of last year to November of this year
        assert max(months.values()) > 1.5 * min(months.values())  # seasonality (and the Spring Festival)
        n_subjects = dict(s.execute(select(ComplaintSubject.complaint_id, func.count())
                                    .group_by(ComplaintSubject.complaint_id)).all())
        assert len(n_subjects) == 2000 and set(n_subjects.values()) == {1, 2, 3}
        ranks = by(ComplaintSubject.rank)
        assert ranks["village_cadre"] + ranks["general_cadre"] > 0.6 * sum(ranks.values())
        persons = s.execute(select(Person)).scalars().all()
        assert 0.6 <= sum(p.is_party_member for p in persons) / len(persons) <= 0.92
        assert all(p.ethnicity and p.birth_month and p.birth_month.day == 1 for p in persons)
        assert all((p.party_join_date is not None) == p.is_party_member for p in persons)


def test_numbers_are_per_year_and_contiguous(big):
    ws, _ = big
    with ws.reading() as s:
        seqs = defaultdict(list)
        for number, year, seq, received in s.execute(
                select(Complaint.number, Complaint.year, Complaint.seq, Complaint.received_date).order_by(Complaint.id)):
            assert number == f"XF{year}-{seq:04d}" and year == received.year
            seqs[year].append(seq)
        assert all(v == list(range(1, len(v) + 1)) for v in seqs.values())
        for model, prefix, date_col in ((Lead, "XS", Lead.received_date), (Case, "LA", Case.filing_date),
                                        (LedgerEntry, "TZ", LedgerEntry.entry_date)):
            rows = s.execute(select(model.number, date_col)).all()
            assert rows and all(re.fullmatch(rf"{prefix}{d.year}-\d{{4,}}", n) for n, d in rows)
            assert len({n for n, _ in rows}) == len(rows)


def test_repeats_point_to_an_earlier_complaint_about_the_same_person(big):
    ws, _ = big
    with ws.reading() as s:
        subjects = defaultdict(set)
        for cid, name, unit in s.execute(select(ComplaintSubject.complaint_id, ComplaintSubject.name,
                                                ComplaintSubject.unit)):
            subjects[cid].add((name, unit))
        complaints = {c.id: c for c in s.execute(select(Complaint)).scalars()}
        repeats = [c for c in complaints.values() if c.is_repeat]
        assert repeats
        for c in repeats:
            o = complaints[c.original_id]
            assert not o.is_repeat and o.id < c.id and o.received_date <= c.received_date
            assert (c.received_date - o.received_date).days <= 730
            assert subjects[c.id] & subjects[o.id]
            assert c.acceptance_notice_date is None and o.number in c.state_reason
        assert all(c.original_id is None for c in complaints.values() if not c.is_repeat)


def test_complaint_states_follow_the_rules(big):
    ws, _ = big
    with ws.reading() as s:
        complaints = s.execute(select(Complaint)).scalars().all()
        lead_of = dict(s.execute(select(Lead.complaint_id, Lead.id).where(Lead.complaint_id.is_not(None))).all())
        for c in complaints:
            if c.state != "registered":
                assert c.received_date <= c.state_date <= END
            if c.state == "not_accepted":
                assert c.kind in ("out_of_scope", "no_substance") and c.state_reason
            if c.kind in ("out_of_scope", "no_substance") and not c.is_repeat:
                assert c.state in ("not_accepted", "registered")
            if c.state == "reported_up":
                assert c.belongs_upper and c.referred_to == "云岭县纪委"
            if c.state == "concluded":
                assert c.concluded_date == c.state_date
                assert c.is_repeat or c.accepted_date <= c.concluded_date
            if c.kind == "accusation" and c.accepted_date and not c.is_repeat:
                assert c.id in lead_of
            if c.feedback_date:
                assert c.signature == "real_name" and c.concluded_date < c.feedback_date <= END and c.feedback_note
                assert c.kind == "accusation" and not c.is_repeat
            if c.acceptance_notice_date:
                assert c.signature == "real_name" and not c.is_repeat and c.received_date < c.acceptance_notice_date
                assert c.kind == "accusation"
            assert c.referred_down == (c.channel == "referred_from_above")
        real = [c for c in complaints if c.signature == "real_name" and c.kind == "accusation" and not c.is_repeat
                and c.state != "registered"]
        assert sum(c.acceptance_notice_date is not None for c in real) > 0.9 * len(real)


def test_leads_cases_and_persons_are_consistent(big):
    ws, _ = big
    allowed = {"talk_inquiry": {"concluded", "clarified", "to_verification", None},
               "preliminary_verification": {"case_filed", "concluded", "reminder_talk", "transferred", None},
               "shelved": {None}, "closed": {"concluded"}, None: {None}}
    with ws.reading() as s:
        leads = {x.id: x for x in s.execute(select(Lead)).scalars()}
        kinds = dict(s.execute(select(Complaint.id, Complaint.kind)).all())
        for lead in leads.values():
            assert START - dt.timedelta(days=183) <= lead.received_date <= END
            assert lead.received_date >= START or lead.source != "complaint"  # the warm-up half year
            assert (lead.source == "complaint") == (lead.complaint_id is not None)
            if lead.complaint_id:
                assert kinds[lead.complaint_id] == "accusation"
            assert lead.result in allowed[lead.disposition]
            if lead.disposition:
                assert lead.received_date < lead.disposition_date <= END and lead.approver_id
            if lead.result == "concluded" and lead.disposition == "closed":
                assert lead.result_date == lead.disposition_date
            elif lead.result:
                assert lead.disposition_date < lead.result_date <= END
            if lead.disposition == "preliminary_verification":   # two distinct verifiers, the plan approved
                names = lead.verifiers.split("、")
                assert len(set(names)) == len(names) >= 2 and lead.work_plan
                if lead.result:
                    assert lead.work_plan_approver_id == lead.approver_id
                    assert lead.disposition_date <= lead.work_plan_approved_date <= lead.result_date
        cases = s.execute(select(Case)).scalars().all()
        assert 0.1 <= sum(c.eight_rules for c in cases) / len(cases) <= 0.35
        for case in cases:
            lead = leads[case.lead_id]
            assert lead.result == "case_filed" and case.filing_date == lead.result_date
            assert case.filing_approver_id == lead.approver_id and not case.imported   # 立案 approved
            assert (case.eight_rules_type is not None) == case.eight_rules
            dates = [case.filing_date, case.investigation_date, case.trial_referral_date,
                     case.trial_concluded_date, case.closing_date]
            present = [d for d in dates if d is not None]
            assert dates[:len(present)] == present  # no stage skipped
            assert present == sorted(set(present)) and present[-1] <= END  # strictly in order
            stage = ["filed", "investigating", "referred_for_trial", "trial_concluded", "closed"][len(present) - 1]
            assert case.stage == stage
            persons = s.execute(select(Person).where(Person.case_id == case.id)).scalars().all()
            assert persons and all(p.lead_id == case.lead_id for p in persons)  # the same rows, carried
        closed = [c for c in cases if c.closing_date]
        assert len(closed) > 0.7 * len(cases)
        assert sum(1 for c in closed if (c.closing_date - c.filing_date).days <= 180) > 0.8 * len(closed)


def test_measures_follow_the_sanction_rules(big):
    ws, _ = big
    with ws.reading() as s:
        rows = s.execute(select(Measure, Person).join(Person, Measure.person_id == Person.id)).all()
        case_dates = dict(s.execute(select(Case.id, Case.trial_concluded_date)).all())
        lead_results = dict(s.execute(select(Lead.id, Lead.result_date)).all())
        by_person = defaultdict(set)
        for m, p in rows:
            by_person[p.id].add(m.category)
            if m.category == "party_sanction":
                assert p.is_party_member
            if m.category == "government_sanction":
                assert p.is_supervised_object
            assert m.category == sanction_rules.category_of(m.kind)
            assert m.form == sanction_rules.form_of(m.kind)
            years = {"留党察看一年": 1, "留党察看二年": 2}.get(m.note)
            assert m.effect_end == sanction_rules.effect_end(m.kind, m.decision_date, years)
            assert m.decision_date <= END
            if m.case_id:
                assert p.case_id == m.case_id and m.decision_date > case_dates[m.case_id]
            else:
                assert p.lead_id == m.lead_id and m.decision_date == lead_results[m.lead_id]
            if m.category != "handling":
                assert re.fullmatch(r"青(纪|监)发〔\d{4}〕\d+号", m.document_number)
    both = [pid for pid, cats in by_person.items() if {"party_sanction", "government_sanction"} <= cats]
    assert both  # some persons have a party and a government sanction


def test_ledger_entries(big):
    ws, _ = big
    with ws.reading() as s:
        closed = dict(s.execute(select(Case.id, Case.closing_date).where(Case.closing_date.is_not(None))).all())
        entries = s.execute(select(LedgerEntry)).scalars().all()
        assert 0.15 <= len(entries) / len(closed) <= 0.45
        for e in entries:
            assert e.case_id in closed and closed[e.case_id] < e.entry_date <= END
            assert e.unit and e.lead_source and e.problem_nature and e.evidence
            assert 1 <= len(e.leaders) <= 3
            for leader in e.leaders:
                assert leader.name and leader.post and leader.responsibility
                if leader.outcome:
                    assert e.entry_date < leader.outcome_date <= END and leader.basis
                assert (leader.accountability_method is not None) == (leader.outcome == "held_accountable")


def test_identities_are_encrypted_and_revealable(big):
    ws, _ = big
    with ws.reading() as s:
        rows = s.execute(select(Complaint)).scalars().all()
        for c in rows:
            if c.signature == "anonymous" or c.belongs_upper:   # an upper-level item keeps no identity
                assert c.complainant_name_enc is None and c.complainant_masked == "{}"
                assert not c.belongs_upper or c.main_problem == ""
            else:
                assert c.complainant_name_enc is not None and json.loads(c.complainant_masked)["name"]
            if c.signature == "signed":
                assert c.complainant_phone_enc is None
        real = next(c for c in rows if c.signature == "real_name" and c.complainant_id_number_enc is not None)
        real_id, problem = real.id, real.main_problem
    with ws.transaction() as s:
        plain = identity.reveal(ws, s, real_id)
    validate_phone(plain["phone"])
    validate_id_number(plain["id_number"], today=END)
    assert 2 <= len(plain["name"]) <= 3 and plain["name"] not in problem


def test_one_audit_event_per_batch_and_the_chain_verifies(big):
    ws, summary = big
    with ws.reading() as s:
        events = s.execute(select(AuditEvent).where(AuditEvent.action == "demo.generate")).scalars().all()
        assert len(events) == summary.batches == 1
        detail = json.loads(events[0].detail_json)
        assert detail["counts"]["complaints"] == 2000 and detail["seed"] == 2026
        assert audit.verify_chain(s).ok


def test_without_identity_columns_the_identity_stays_empty(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "BATCH", 120)  # several batches at a small scale
    ws = _new_ws(tmp_path / "d")
    summary = demo.generate_demo(ws, complaints=500, end=END)
    again = demo.generate_demo(ws, complaints=200, end=END, seed=9)  # appends, numbering continues
    with ws.reading() as s:
        assert s.execute(select(func.count()).select_from(Complaint)
                         .where(Complaint.complainant_name_enc.is_not(None))).scalar_one() == 0
        assert set(s.execute(select(Complaint.complainant_masked).distinct()).scalars()) == {"{}"}
        seqs = defaultdict(list)
        for year, seq in s.execute(select(Complaint.year, Complaint.seq).order_by(Complaint.id)):
            seqs[year].append(seq)
        assert sorted(x for v in seqs.values() for x in v) != []
        assert all(sorted(v) == list(range(1, len(v) + 1)) for v in seqs.values())
        n_events = s.execute(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "demo.generate")).scalar_one()
        assert n_events == summary.batches + again.batches and summary.batches >= 5
        assert _count(s, Complaint) == 700
        assert audit.verify_chain(s).ok
    ws.close()


def test_bad_input_and_missing_permission_write_nothing(ws):
    for bad in (0, -5, "100", 1.5, True, demo.MAX_COMPLAINTS + 1):
        with pytest.raises(ValidationError) as e:
            demo.generate_demo(ws, complaints=bad, end=END)
        assert "演示信访件数量" in e.value.message
    with pytest.raises(ValidationError):
        demo.generate_demo(ws, complaints=10, end="2026-01-01")
    sign_in_as(ws, "clerk1", ["clerk"])
    with pytest.raises(PermissionDenied):
        demo.generate_demo(ws, complaints=10, end=END)
    with ws.reading() as s:
        assert _count(s, Complaint) == 0 and _count(s, Lead) == 0


def test_ensure_demo_sets_up_the_demo_township_once(tmp_path):
    d = tmp_path / "demo"
    demo.ensure_demo(d, 150, end=END, crypto=CHEAP_CRYPTO)
    demo.ensure_demo(d, 150, end=END, crypto=CHEAP_CRYPTO)  # already set up: nothing added
    ws = open_workspace(d, crypto=CHEAP_CRYPTO)
    try:
        with ws.reading() as s:
            assert _count(s, Complaint) == 150
            roles = {u.username: u.role_codes for u in s.execute(select(User)).scalars()}
        assert roles == {"demo": {"admin", "secretary"}, "demo-admin": {"admin"},
                         "demo-secretary": {"secretary"}, "demo-officer": {"officer"}, "demo-clerk": {"clerk"}}
        users.login(ws, "demo-clerk", demo.DEMO_PASSWORD)  # the clerk may see identities
        with ws.reading() as s:
            cid = s.execute(select(Complaint.id).where(Complaint.signature == "real_name")).scalars().first()
        with ws.transaction() as s:
            assert identity.reveal(ws, s, cid)["phone"]
        with ws.reading() as s:
            assert ws.organization().name == "青山镇纪委" and audit.verify_chain(s).ok
    finally:
        ws.close()


def _cli(*args, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("JIJIAN_PASSWORD", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_cli_demo_initializes_generates_and_prints_counts(tmp_path):
    d = tmp_path / "cli"
    r = _cli("demo", "--complaints", "0", data_dir=d)
    assert r.returncode == 2 and "演示信访件数量" in r.stderr and not (d / "jijian.sqlite").exists()
    r = _cli("demo", "--complaints", "120", "--end", "2026-11-20", "--json", data_dir=d)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["complaints"] == 120 and data["initialized"] is True and data["end"] == "2026-11-20"
    assert data["leads"] > 0 and data["seconds"] >= 0
    r = _cli("demo", "--complaints", "80", "--seed", "5", data_dir=d)
    assert r.returncode == 0, r.stderr
    assert "信访件 80 件" in r.stdout and "问题线索" in r.stdout and "秒" in r.stdout
    r = _cli("audit", "verify", "--json", data_dir=d)
    assert r.returncode == 0 and json.loads(r.stdout)["ok"] is True
    r = _cli("demo", "--complaints", "10", "--end", "2026-13-01", data_dir=d)
    assert r.returncode == 2 and "截止日期" in r.stderr


def test_a_failing_batch_is_rolled_back_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "BATCH", 100)
    ws = _new_ws(tmp_path / "d")

    def broken_in_second_batch(complaint_id, plain):
        # A NULL preview violates NOT NULL: the second batch cannot be written.
        return {"complainant_masked": None if 150 <= complaint_id <= 200 else "{}"}

    with pytest.raises(Exception) as e:
        demo.generate_demo(ws, complaints=400, end=END, identity_columns=broken_in_second_batch)
    assert "complainant_masked" in str(e.value)
    with ws.reading() as s:
        events = s.execute(select(AuditEvent.detail_json).where(AuditEvent.action == "demo.generate")).scalars().all()
        assert len(events) == 1   # the first batch only (flushed at 100 complaints or 100 leads), all or nothing
        first = json.loads(events[0])["counts"]["complaints"]
        assert 0 < first <= 100 and _count(s, Complaint) == first
        assert audit.verify_chain(s).ok
    ws.close()


def test_search_index_covers_the_demo_and_its_triggers_are_back(big):
    ws, _ = big
    from models.search import FTS_TABLE, fts_phrase
    with ws.reading() as s:
        conn = s.connection()
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert {"complaint_search_ai", "complaint_search_sbi", "complaint_search_sai"} <= triggers
        cid, problem, name = s.execute(select(Complaint.id, Complaint.main_problem, ComplaintSubject.name)
                                       .join(ComplaintSubject).where(Complaint.id == 777)).first()
        hits = conn.exec_driver_sql(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
                                    (fts_phrase(problem[-6:]),)).scalars().all()
        assert cid in hits
        docs = conn.exec_driver_sql(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
                                    (fts_phrase("信访") + " OR " + fts_phrase("XF20"),)).scalar()
        assert docs == 2000  # every complaint is indexed once (each number contains "XF20")
    with ws.transaction() as s:  # a later insert is still indexed by the triggers
        s.add(ComplaintSubject(complaint_id=cid, name="欧阳测试", unit="测试单位甲"))
    with ws.reading() as s:
        hits = s.connection().exec_driver_sql(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
                                              (fts_phrase("欧阳测试"),)).scalars().all()
        assert hits == [cid]


def test_inquiry_letters_and_talks_follow_their_leads(big):
    ws, summary = big
    with ws.reading() as s:
        leads = {x.id: x for x in s.execute(select(Lead)).scalars()}
        letters = s.execute(select(InquiryLetter)).scalars().all()
        talks = s.execute(select(TalkRecord)).scalars().all()
        assert (summary.inquiry_letters, summary.talk_records) == (len(letters), len(talks))
        assert len(letters) > 50 and len(talks) > 50
        for r in letters:
            lead = leads[r.lead_id]
            assert lead.disposition == "talk_inquiry" and r.round == 1
            assert lead.disposition_date <= r.sent_date and r.reply_due == r.sent_date + dt.timedelta(days=15)
            if r.reply_date:
                assert r.sent_date <= r.reply_date <= END
            if lead.result == "concluded":
                assert (r.assessment, r.outcome, r.closing_letter_date) == ("truthful", "accepted_closed",
                                                                            lead.result_date)
                assert r.reply_date <= r.assessment_date <= r.closing_letter_date
            elif lead.result == "to_verification":
                assert r.assessment in ("untruthful", "new_leads") and r.outcome == "to_verification"
                assert r.assessment_date == lead.result_date
            else:
                assert lead.result is None and r.outcome is None
        waiting = [r for r in letters if r.reply_date is None]
        assert waiting and all(leads[r.lead_id].result is None for r in waiting)   # on the due list
        for t in talks:
            lead = leads[t.lead_id]
            names = validate_names(t.interviewers, label="谈话人")   # the talk writer's check
            assert len(names) == 2 and t.person_name not in names
            assert (t.kind, lead.result, t.talk_date) in {("inquiry_talk", "clarified", lead.result_date),
                                                          ("reminder_talk", "reminder_talk", lead.result_date)}
            assert s.get(Person, t.person_id).lead_id == lead.id
