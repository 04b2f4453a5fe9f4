"""Sanction rules: effect periods, the four forms, who may receive what."""
from datetime import date

import pytest

from models.enums import HANDLING_GROUPS
from services.errors import ValidationError
from services.casework.sanction_rules import (GOVERNMENT_SANCTIONS, HANDLING, PARTY_SANCTIONS, category_of,
                                              check_measure_allowed, effect_end, form_of, highest_form, is_sanction,
                                              heading_of, label_of, period_name,
                                              restriction_end)

DECIDED = date(2024, 3, 15)


@pytest.mark.parametrize("kind, end", [
    ("party_warning", date(2025, 3, 15)),
    ("party_serious_warning", date(2025, 9, 15)),
    ("party_post_removal", date(2026, 3, 15)),
    ("party_probation", date(2026, 3, 15)),
    ("party_expulsion", date(2029, 3, 15)),
    ("gov_warning", date(2024, 9, 15)),
    ("gov_demerit", date(2025, 3, 15)),
    ("gov_major_demerit", date(2025, 9, 15)),
    ("gov_demotion", date(2026, 3, 15)),
    ("gov_dismissal_from_post", date(2026, 3, 15)),
    ("gov_expulsion", None),
    ("admonishment", None),
    ("public_exposure", None),
])
def test_effect_periods(kind, end):
    assert effect_end(kind, DECIDED) == end


def test_probation_uses_the_decided_period():
    assert effect_end("party_probation", DECIDED, probation_years=1) == date(2025, 3, 15)
    assert effect_end("party_probation", DECIDED, probation_years=2) == date(2026, 3, 15)
    assert restriction_end("party_probation", DECIDED, probation_years=1) == date(2027, 3, 15)
    with pytest.raises(ValidationError, match="留党察看期限只能为一年或二年"):
        effect_end("party_probation", DECIDED, probation_years=1.5)


def test_periods_from_29_february_clamp():
    assert effect_end("party_warning", date(2024, 2, 29)) == date(2025, 2, 28)
    assert effect_end("party_expulsion", date(2024, 2, 29)) == date(2029, 2, 28)
    assert effect_end("gov_warning", date(2023, 8, 31)) == date(2024, 2, 29)


def test_four_forms_exactly_as_the_domain_lists_them():
    expected = {
        1: {"reminder_talk", "criticism", "self_review", "circulated_criticism", "admonishment",
            "talk_inquiry_concluded"},
        2: {"party_warning", "party_serious_warning", "gov_warning", "gov_demerit", "gov_major_demerit",
            "suspension", "post_adjustment", "ordered_resignation", "removal_from_post"},
        3: {"party_post_removal", "party_probation", "party_expulsion", "gov_demotion",
            "gov_dismissal_from_post", "gov_expulsion", "demotion"},
        4: {"judicial_transfer"},
    }
    every_kind = set(PARTY_SANCTIONS) | set(GOVERNMENT_SANCTIONS) | set(HANDLING) | {"talk_inquiry_concluded"}
    for kind in every_kind:
        want = next((f for f, kinds in expected.items() if kind in kinds), None)
        assert form_of(kind) == want, kind
    assert form_of("public_exposure") is None


def test_handling_under_the_two_headings_of_domain_4():
    assert [(title, [m.label for m in kinds]) for title, kinds in HANDLING_GROUPS] == [
        ("组织处理", ["停职检查", "调整职务", "责令辞职", "免职", "降职"]),
        ("教育提醒/其他处理", ["谈话提醒", "批评教育", "责令检查", "诫勉", "通报批评", "通报曝光", "移送司法机关"]),
    ]
    assert label_of("ordered_resignation") == "责令辞职" and category_of("ordered_resignation") == "handling"
    assert [heading_of(k) for k in ("party_warning", "gov_demerit", "ordered_resignation", "demotion", "admonishment",
                                    "public_exposure", "judicial_transfer", "talk_inquiry_concluded")] == [
        "党纪处分", "政务处分", "组织处理", "组织处理", "教育提醒/其他处理", "教育提醒/其他处理", "教育提醒/其他处理",
        "教育提醒/其他处理"]
    assert not is_sanction("ordered_resignation") and effect_end("ordered_resignation", date(2026, 3, 1)) is None


def test_the_period_of_a_government_sanction_is_called_by_its_law():
    assert [period_name(k) for k in ("gov_warning", "gov_dismissal_from_post", "party_warning", "admonishment")] == [
        "政务处分期间", "政务处分期间", "影响期", "影响期"]


def test_highest_form():
    assert highest_form(["admonishment", "party_warning", "public_exposure"]) == 2
    assert highest_form(["gov_demerit", "party_expulsion"]) == 3
    assert highest_form(["judicial_transfer", "party_expulsion"]) == 4
    assert highest_form(["public_exposure"]) is None
    assert highest_form([]) is None


def test_categories_and_labels():
    assert category_of("party_probation") == "party_sanction"
    assert category_of("gov_demotion") == "government_sanction"
    assert category_of("admonishment") == "handling"
    assert category_of("talk_inquiry_concluded") == "handling"
    assert is_sanction("gov_warning") and not is_sanction("demotion")
    assert label_of("party_warning") == "党纪警告" and label_of("gov_warning") == "政务警告"
    assert label_of("gov_demotion") == "降级" and label_of("demotion") == "降职"
    with pytest.raises(ValidationError, match="未知的处分或处理方式"):
        category_of("beheading")
    with pytest.raises(ValidationError):
        form_of("")


def test_party_sanction_needs_a_party_member():
    check_measure_allowed("party_warning", True, False)  # party member, not a public official: fine
    with pytest.raises(ValidationError) as err:
        check_measure_allowed("party_serious_warning", False, True)
    assert "非中共党员不能给予党纪处分" in err.value.message and err.value.field == "kind"
    with pytest.raises(ValidationError, match="是否为中共党员"):
        check_measure_allowed("party_expulsion", None, True)


def test_government_sanction_needs_a_supervised_object():
    check_measure_allowed("gov_demerit", False, True)  # a non-party public official: fine
    with pytest.raises(ValidationError) as err:
        check_measure_allowed("gov_demerit", True, False)
    assert "非监察对象（公职人员）不能给予政务处分" in err.value.message
    with pytest.raises(ValidationError, match="是否为监察对象"):
        check_measure_allowed("gov_warning", True, None)


def test_handling_is_open_to_anyone():
    for kind in HANDLING:
        check_measure_allowed(kind, False, False)
