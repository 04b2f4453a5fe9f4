"""A directly filed case with its 被调查人, for the sanction tests (measure rules, 处分执行, 回访)."""
from __future__ import annotations

import datetime as dt

from services.casework import cases
from services.casework.persons import PersonInput


def open_case(ws, *persons: PersonInput, filing_date: dt.date = dt.date(2026, 3, 2), title: str = "直接立案"):
    """A case filed on ``filing_date`` with ``persons`` (default: 王五, a party member and 监察对象)."""
    return cases.open_case(ws, filing_date=filing_date, title=title, filing_approver="王书记",
                           persons=list(persons) or [PersonInput(name="王五", unit="青山镇财政所", post="会计",
                                                                 is_party_member=True, is_supervised_object=True)])


TRIAL_OPINION = "经审理，违纪事实清楚，证据确凿"
NO_SANCTION = "情节轻微，经集体研究免予处分"


def close_case(ws, case_id: int, closing_date: dt.date):
    """审查调查, 移送审理 and 审结 (with ``TRIAL_OPINION``) on the three days before ``closing_date``, then 结案
    on it: with the measures the case holds, else as 免予处分 (``NO_SANCTION``)."""
    for stage, back in (("investigating", 3), ("referred_for_trial", 2), ("trial_concluded", 1)):
        cases.advance_case(ws, case_id, stage, closing_date - dt.timedelta(days=back), trial_opinion=TRIAL_OPINION)
    reason = "" if cases.get_case(ws, case_id).measures else NO_SANCTION
    return cases.advance_case(ws, case_id, "closed", closing_date, no_sanction_reason=reason)
