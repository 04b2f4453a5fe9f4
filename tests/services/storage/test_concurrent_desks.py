"""Five desks registering complaints and two desks editing the same leads on one PostgreSQL server at
once, each its own process (issue 13's concurrency test; tests.helpers.pg_desks): zero lost writes, zero
duplicate numbers, every refused save reported (refused + applied == attempts), ``audit verify`` passes.

The size here is what CI runs in reasonable time (5 × 40 complaints, 2 desks × 6 rounds over 8 leads:
about half a minute on two cores); the issue's full size, 5 × 1,000, is bench/bench_concurrent_desks.py
(same helper, same checks).
"""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import AuditEvent
from services.casework import leads
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput
from services.security import audit, users
from tests.conftest import ADMIN_PASSWORD
from tests.helpers.pg_desks import DISPOSE_DATE, check_desks, run_desks

pytestmark = pytest.mark.postgresql_only

REGISTRARS, EACH, LEADS, ROUNDS = 5, 40, 8, 6
NAMES = "张一 李二 王三 赵四 钱五 孙六 周七 吴八".split()
EDITORS = [("li", "李干部", "editor-pass-1"), ("zhao", "赵干部", "editor-pass-2")]


def test_five_desks_registering_and_two_editing_the_same_leads_lose_nothing_and_report_every_refusal(ws, tmp_path):
    for username, name, password in EDITORS:
        users.create_user(ws, username, name, password, ["officer"])
    lead_ids = [leads.create_lead(ws, LeadInput(source="supervision_found", received_date=DISPOSE_DATE,
                                                summary=f"第{i}条线索", persons=[PersonInput(name=NAMES[i])])).id
                for i in range(LEADS)]
    numbers, reports, _wall = run_desks(ws.engine.url.render_as_string(hide_password=False), tmp_path / "desks",
                                        registrars=REGISTRARS, per_registrar=EACH, username="wang",
                                        password=ADMIN_PASSWORD, editors=[(u, p) for u, _n, p in EDITORS],
                                        lead_ids=lead_ids, rounds=ROUNDS)
    # numbers: every registration got one, none twice, none skipped
    assert len(numbers) == REGISTRARS * EACH
    assert sorted(numbers) == [f"XF2026-{i:04d}" for i in range(1, REGISTRARS * EACH + 1)]
    # the edits: everything the desks saw applied is stored, every attempt was applied or refused
    summary = check_desks(ws, reports, lead_ids, names={u: n for u, n, _p in EDITORS})
    assert summary["attempts"] == len(EDITORS) * LEADS * (ROUNDS + 1)
    assert summary["applied"] + summary["refused"] == summary["attempts"]
    assert summary["dispositions_applied"] == LEADS   # one per lead; the other desk's refused every time
    with ws.reading() as s:
        rep = audit.verify_chain(s)
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "person.update")) \
            == summary["persons_applied"]
    assert rep.ok, rep.message()
