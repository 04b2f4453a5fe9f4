"""One vocabulary: the form check, the ledger columns, the report rows and the lead filter read models.enums.

The tables below are the code → label lists the services held as their own copies before; they pin
that the codes and labels accepted and shown stay exactly the same.
"""
from __future__ import annotations

from datetime import date

import pytest

from models.enums import Channel, ComplaintKind, Discipline, Disposition, LeadState, Rank, Signature
from services.casework.complaint_fields import validate_complaint_fields
from services.errors import ValidationError
from services.interchange.ledger_spec import COMPLAINTS, SHEETS
from services.reporting.layout import iter_rows

TODAY = date(2025, 6, 1)
CHANNELS = {"letter": "来信", "visit": "来访", "phone": "来电", "online": "网络",
            "referred_from_above": "上级转办交办", "inspection_transfer": "巡视巡察移交",
            "audit_transfer": "审计移送", "other": "其他"}
KINDS = {"accusation": "检举控告", "suggestion": "批评建议", "appeal": "申诉",
         "out_of_scope": "业务范围外", "no_substance": "无实质内容"}
SIGNATURES = {"real_name": "实名", "signed": "署名", "anonymous": "匿名"}
DISCIPLINES = {"political": "政治纪律", "organizational": "组织纪律", "integrity": "廉洁纪律",
               "mass": "群众纪律", "work": "工作纪律", "life": "生活纪律",
               "duty_violation": "职务违法", "duty_crime": "职务犯罪"}
RANKS = {"county_level": "县处级", "township_level": "乡科级", "general_cadre": "一般干部",
         "village_cadre": "村（社区）干部", "institution_staff": "事业单位/企业人员", "other": "其他"}
DISPOSITIONS = {"talk_inquiry": "谈话函询", "preliminary_verification": "初步核实", "shelved": "暂存待查",
                "closed": "予以了结"}
LEAD_STATES = {"pending": "未处置", "awaiting_approval": "待审批", "disposed": "办理中", "concluded": "已办结"}


def _form(**changes) -> dict:
    form = {"received_date": "2025-05-20", "channel": "letter", "kind": "accusation", "signature": "real_name",
            "complainant_name": "李四", "complainant_phone": "13812345678",
            "subjects": [{"name": "王五", "unit": "某某村委会", "rank": "village_cadre", "is_supervised_object": True}],
            "main_problem": "违规收受礼金", "disciplines": ["integrity"], "is_repeat": False, "receiver": "赵六"}
    form.update(changes)
    return form


@pytest.mark.parametrize("enum_cls, table", [(Channel, CHANNELS), (ComplaintKind, KINDS), (Signature, SIGNATURES),
                                             (Discipline, DISCIPLINES), (Rank, RANKS), (Disposition, DISPOSITIONS),
                                             (LeadState, LEAD_STATES)])
def test_the_enums_hold_the_codes_and_labels_the_copies_held(enum_cls, table):
    assert {m.value: m.label for m in enum_cls} == table
    assert enum_cls.labels() == tuple(table.values())


def test_the_form_takes_every_code_and_every_label_of_channel_and_discipline():
    for code, label in CHANNELS.items():
        assert validate_complaint_fields(_form(channel=code), TODAY)["channel"] == code
        assert validate_complaint_fields(_form(channel=f" {label} "), TODAY)["channel"] == code
    for code, label in DISCIPLINES.items():
        if code in ("duty_violation", "duty_crime"):
            continue  # allowed here (the subject is a 监察对象), checked with the other codes below
        assert validate_complaint_fields(_form(disciplines=[code, label]), TODAY)["disciplines"] == [code]
    out = validate_complaint_fields(_form(disciplines=["职务违法", "duty_crime"]), TODAY)
    assert out["disciplines"] == ["duty_violation", "duty_crime"]


def test_the_form_takes_kind_signature_and_rank_as_code_or_label():
    out = validate_complaint_fields(_form(kind="批评建议", signature="署名", complainant_phone=None,
                                          subjects=[{"name": "王五", "rank": "乡科级"}]), TODAY)
    assert (out["kind"], out["signature"], out["subjects"][0]["rank"]) == ("suggestion", "signed", "township_level")
    out = validate_complaint_fields(_form(kind="appeal", subjects=[{"name": "王五", "rank": "other"}]), TODAY)
    assert (out["kind"], out["subjects"][0]["rank"]) == ("appeal", "other")


def test_a_code_with_spaces_or_an_unknown_value_is_refused_as_before():
    with pytest.raises(ValidationError) as exc:
        validate_complaint_fields(_form(channel=" letter", kind="举报", subjects=[{"name": "王五", "rank": "科级"}]),
                                  TODAY)
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("channel", "来源渠道“ letter”不是可选的值"),
        ("kind", "类型“举报”不是可选的值"),
        ("subjects[0].rank", "第1个被反映人的职级“科级”不是可选的值"),
    ]


def test_the_ledger_template_offers_the_enum_labels():
    choices = {c.key: c.choices for c in SHEETS[COMPLAINTS] if c.choices}
    assert choices == {"channel": tuple(CHANNELS.values()), "kind": tuple(KINDS.values()),
                       "signature": tuple(SIGNATURES.values()), "subject_rank": tuple(RANKS.values()),
                       "discipline": tuple(DISCIPLINES.values()), "is_repeat": ("是", "否")}


def test_the_report_rows_by_channel_kind_and_disposition_follow_the_enums():
    def rows(prefix: str) -> dict[str, str]:
        return {r.key.removeprefix(prefix): r.label for r in iter_rows() if r.key.startswith(prefix)}
    assert rows("complaints_by_channel.") == CHANNELS
    assert rows("complaints_by_kind.") == KINDS
    assert rows("leads_by_disposition.") == DISPOSITIONS
    assert list(rows("complaints_by_channel.")) == list(CHANNELS)  # form order too


def test_the_kinds_not_accepted_at_intake():
    assert ComplaintKind.not_acceptable() == frozenset({"out_of_scope", "no_substance"})
    assert "out_of_scope" in ComplaintKind.not_acceptable()
    assert ComplaintKind.accusation not in ComplaintKind.not_acceptable()
