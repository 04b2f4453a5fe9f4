"""Leads: 处置方式 and 状态 filters combine with AND, in SQL."""
import datetime as dt

from services.casework import leads, listing
from services.casework.persons import PersonInput


def _lead(ws, name):
    return leads.create_lead(ws, leads.LeadInput(source="supervision_found", received_date=dt.date(2026, 11, 2),
                                                 summary="监督检查发现问题", persons=[PersonInput(name=name)]))


def _ids(ws, **kw):
    return sorted(listing.query_ids(ws, listing.ListQuery(entity="lead", **kw)).tolist())


def test_disposition_and_state_filters_are_anded(ws):
    talk = _lead(ws, "张三")
    verify = _lead(ws, "李四")
    untouched = _lead(ws, "王五")
    leads.dispose(ws, talk.id, "talk_inquiry", dt.date(2026, 11, 5), "集体研究同意谈话函询")
    leads.dispose(ws, verify.id, "preliminary_verification", dt.date(2026, 11, 6), "集体研究同意初核",
                  verifiers="赵一、钱二")
    leads.conclude_lead(ws, talk.id, "concluded", dt.date(2026, 11, 10), "谈话函询后了结")

    assert _ids(ws, dispositions=["talk_inquiry"]) == [talk.id]
    assert _ids(ws, dispositions=["talk_inquiry", "preliminary_verification"]) == sorted([talk.id, verify.id])
    assert _ids(ws, dispositions=["talk_inquiry"], states=["concluded"]) == [talk.id]
    assert _ids(ws, dispositions=["preliminary_verification"], states=["concluded"]) == []
    assert _ids(ws, states=["pending"]) == [untouched.id]
    assert listing.count(ws, listing.ListQuery(entity="lead", dispositions=["谈话函询"], states=["disposed"])) == 0
