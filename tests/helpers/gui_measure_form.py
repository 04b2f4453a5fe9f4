"""A 处分/处理 form (MeasureForm) open for 张三 of a new lead, for the tests of what the form shows."""
from __future__ import annotations

import datetime as dt

from gui.dialogs.measure_form import MeasureForm
from services.casework import leads
from services.casework.leads import LeadInput
from services.casework.persons import PersonInput


def lead_and_person(ws):
    """A lead about 张三 (青山镇农业办 主任, a party member) and its person."""
    lead = leads.create_lead(ws, LeadInput(source="supervision_found", received_date=dt.date(2026, 11, 2),
                                           summary="反映其履职不力", persons=[PersonInput(
                                               name="张三", unit="青山镇农业办", post="主任", rank="township_level",
                                               is_party_member=True)]))
    return lead, leads.get_lead(ws, lead.id).persons[0]


def shown_measure_form(ctx, qtbot):
    """The lead and a new MeasureForm for its person, shown."""
    lead, person = lead_and_person(ctx.workspace)
    form = MeasureForm(ctx, persons=[(person.id, "张三（青山镇农业办 主任）", True)], lead_id=lead.id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return lead, form
