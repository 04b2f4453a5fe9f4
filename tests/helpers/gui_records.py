"""Records the GUI tests start from, made through the services as whoever is signed in: complaints,
leads, a case after 初步核实, a 一案双查 entry."""
from __future__ import annotations

import datetime as dt

from services.casework import cases, intake, leads, ledger_entries
from services.casework.leads import LeadInput
from services.casework.ledger_entries import LedgerLeaderInput
from services.casework.persons import PersonInput
from tests.helpers.verification import approve_plan

GOOD_ID = "110101199003071233"


def register(ctx, *, subjects=(("李四", "青山村委会"),), received=dt.date(2026, 11, 2), kind="accusation",
             signature="real_name", name="赵铁柱", phone="13912345678", id_number=GOOD_ID,
             address="青山镇幸福路8号", problem="反映其在低保评定中优亲厚友", **extra) -> intake.ComplaintView:
    """Register a complaint (a letter about village cadres) through the service."""
    anonymous = signature == "anonymous"
    data = intake.ComplaintInput(
        received_date=received, channel="letter", kind=kind, signature=signature,
        complainant_name=None if anonymous else name, complainant_phone=None if anonymous else phone,
        complainant_id_number=None if anonymous else id_number,
        complainant_address=None if anonymous else address,
        subjects=[intake.SubjectInput(name=n, unit=u, post="村主任", rank="village_cadre", is_party_member=True,
                                      is_supervised_object=True) for n, u in subjects],
        main_problem=problem, discipline="mass", receiver_name="王书记", **extra)
    return intake.register_complaint(ctx.workspace, data)


def complaint(ws, received: dt.date, signature="anonymous", name="张三"):
    """A complaint about a township-level 主任 of 青山镇农业办 (anonymous unless ``signature`` says so)."""
    real = signature == "real_name"
    return intake.register_complaint(ws, intake.ComplaintInput(
        received_date=received, channel="letter", kind="accusation", signature=signature,
        complainant_name="李明" if real else None, complainant_phone="13800138000" if real else None,
        subjects=[intake.SubjectInput(name=name, unit="青山镇农业办", post="主任", rank="township_level",
                                      is_party_member=True, is_supervised_object=True)],
        main_problem="反映其违规收受礼金", discipline="integrity", receiver_name="王书记"))


def make_lead(ws, summary="反映其违规收受礼金", source="supervision_found", received=dt.date(2026, 10, 8),
              persons=(("张三", "青山镇农业办", True),)):
    return leads.create_lead(ws, LeadInput(source=source, received_date=received, summary=summary, persons=[
        PersonInput(name=n, unit=u, post="主任", rank="township_level", is_party_member=m) for n, u, m in persons]))


def verified_case(ws, filing=dt.date(2026, 11, 10), persons=(("张三", "青山镇农业办", True),)):
    """A lead disposed 初步核实 (by wang, the secretary: approved) and its case."""
    lead = make_lead(ws, received=dt.date(2026, 11, 2), persons=persons)
    leads.dispose(ws, lead.id, "preliminary_verification", dt.date(2026, 11, 3), "纪委会议集体研究", "李四、赵六")
    approve_plan(ws, lead.id, dt.date(2026, 11, 3))
    return cases.open_case(ws, lead_id=lead.id, filing_date=filing, title="张三违规收受礼金案")


def ledger_entry(ws, case_id, unit, when, leader="刘主任", outcome=None):
    """A 一案双查 entry with one principal leader (and his outcome on ``when``, when given)."""
    return ledger_entries.create_ledger_entry(ws, case_id=case_id, unit=unit, entry_date=when, leaders=[
        LedgerLeaderInput(name=leader, post="主任", position_type="principal_leader", responsibility="principal",
                          outcome=outcome, outcome_date=when if outcome else None)])
