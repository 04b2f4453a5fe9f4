"""The demo's leads carry their complaint's 八项规定 sub-type, as the services do (carry_forward)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from models import Complaint, Lead
from services import demo
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO


def test_demo_leads_carry_the_sub_type_of_their_complaint(tmp_path, today):
    ws = open_workspace(tmp_path / "demo", today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        demo.initialize_demo(ws)
        demo.login_demo(ws)
        demo.generate_demo(ws, complaints=150, seed=3, end=dt.date(2026, 11, 20))
        with ws.reading() as s:
            rows = s.execute(select(Lead.eight_rules, Lead.eight_rules_type, Complaint.eight_rules_type)
                             .join(Complaint, Complaint.id == Lead.complaint_id)).all()
    finally:
        ws.close()
    assert rows and any(sub for _, sub, _ in rows)
    assert [(flag, sub) for flag, sub, _ in rows] == [(of is not None, of) for _, _, of in rows]
