"""Field validators: 身份证号, phone numbers, dates, the registration form, display masks."""
from datetime import date, datetime

import pytest

from services.errors import ValidationError
from services.casework.complaint_fields import validate_complaint_fields
from services.validation import (
    check_order, id_check_digit, mask_address, mask_id_number, mask_name, mask_phone,
    validate_date, validate_id_number, validate_name, validate_phone,
)

TODAY = date(2025, 6, 1)
VALID_ID = "11010519491231002X"  # the GB 11643 sample number


def _message(fn, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as err:
        fn(*args, **kwargs)
    return err.value.message


# ----------------------------------------------------------------------------- 身份证号
def test_valid_id_numbers_are_normalized():
    assert validate_id_number(VALID_ID, today=TODAY) == VALID_ID
    assert validate_id_number(" 11010519491231002x ", today=TODAY) == VALID_ID
    assert validate_id_number("１１０１０５１９４９１２３１００２Ｘ", today=TODAY) == VALID_ID  # full-width
    body = "44030420000229123"
    assert validate_id_number(body + id_check_digit(body), today=TODAY).startswith("440304")


@pytest.mark.parametrize("value, text", [
    ("1101051949123100", "应为18位，当前为16位"),
    ("110105194912310021", "校验位"),
    ("11010519491331002X", "出生日期"),
    ("11010520230229002X", "出生日期"),
    ("", "请填写身份证号"),
    ("11010519491231002Y", "只能由数字组成"),
    ("110105194912310", "15位旧身份证号"),
])
def test_id_number_errors_say_what_is_wrong(value, text):
    assert text in _message(validate_id_number, value, today=TODAY)


def test_id_number_birth_date_bounds_and_area():
    future = "1101052026010100" + "1"
    future = future[:17] + id_check_digit(future[:17])
    assert "晚于今天" in _message(validate_id_number, future, today=TODAY)
    old = "11010518991231002"
    assert "早于1900年" in _message(validate_id_number, old + id_check_digit(old), today=TODAY)
    bad_area = "99010519491231002"
    assert "地区码" in _message(validate_id_number, bad_area + id_check_digit(bad_area), today=TODAY)
    assert validate_id_number(VALID_ID, today=TODAY) == VALID_ID


def test_id_number_errors_name_the_field():
    with pytest.raises(ValidationError) as err:
        validate_id_number("123", field="complainant_id_number")
    assert err.value.field == "complainant_id_number"


# ----------------------------------------------------------------------------- phone
@pytest.mark.parametrize("value, normalized", [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 13812345678", "13812345678"),
    ("008613812345678", "13812345678"),
    (19912345678, "19912345678"),
    ("0571-87654321", "0571-87654321"),
    ("057187654321", "0571-87654321"),
    ("(010) 62345678", "010-62345678"),
    ("021-6234567", "021-6234567"),
    ("0571-87654321转123", "0571-87654321转123"),
    ("0571-87654321-123", "0571-87654321转123"),
    ("0571 8765 4321 ext 8", "0571-87654321转8"),
    ("12388", "12388"),
    ("95588", "95588"),
    ("400-123-4567", "4001234567"),
])
def test_valid_phones(value, normalized):
    assert validate_phone(value) == normalized


@pytest.mark.parametrize("value, reason", [
    ("12012345678", "第二位应为3至9"),
    ("1381234567", "应为11位"),
    ("87654321", "请加区号"),
    ("0000-87654321", "区号"),
    ("0571-0765432", "不以0或1开头"),
    ("138abc45678", "只能包含数字"),
    ("13812345678转12", "不能带分机号"),
    ("0571-87654321转", "分机号"),
    ("", "未填写"),
    ("1" * 50, "过长"),
])
def test_invalid_phones(value, reason):
    message = _message(validate_phone, value)
    assert message.startswith("联系电话格式不正确：") and reason in message


# ----------------------------------------------------------------------------- names & dates
def test_names():
    assert validate_name(" 张三丰 ") == "张三丰"
    assert validate_name("买买提•艾力") == "买买提·艾力"
    assert validate_name("John  Smith") == "John Smith"
    assert "不能有数字" in _message(validate_name, "张三1")
    assert "不能超过50个字" in _message(validate_name, "张" * 51)


def test_dates():
    assert validate_date("2025-01-26", TODAY, label="收件日期") == date(2025, 1, 26)
    assert validate_date("2025年1月26日", TODAY) == date(2025, 1, 26)
    assert validate_date("20250126", TODAY) == date(2025, 1, 26)
    assert validate_date(datetime(2025, 1, 26, 8), TODAY) == date(2025, 1, 26)
    assert validate_date(TODAY, TODAY) == TODAY
    assert "不能晚于今天（2025-06-01）" in _message(validate_date, date(2025, 6, 2), TODAY, label="收件日期")
    assert "收件日期不能早于2000年1月1日" in _message(validate_date, "1999-12-31", TODAY, label="收件日期")
    assert "不是有效日期" in _message(validate_date, "2025-02-29", TODAY)
    assert "格式不正确" in _message(validate_date, "明天", TODAY)
    assert "请填写立案日期" in _message(validate_date, None, TODAY, label="立案")
    assert validate_date("", TODAY, required=False) is None


def test_check_order_names_both_stages():
    check_order([("立案", date(2025, 1, 1)), ("移送审理", None), ("结案", date(2025, 1, 1))])
    assert _message(check_order, [("立案", date(2025, 3, 1)), ("结案", date(2025, 2, 1))]) == \
        "结案日期不能早于立案日期"
    with pytest.raises(ValidationError) as err:
        check_order([("初核", date(2025, 1, 1), "verified_on"), ("立案", date(2025, 3, 1), "filed_on"),
                     ("审结", None), ("处分决定", date(2025, 2, 1), "decided_on"),
                     ("结案", date(2024, 12, 1), "closed_on")])
    problems = err.value.problems
    assert [p.field for p in problems] == ["decided_on", "closed_on"]
    assert problems[0].message == "处分决定日期不能早于立案日期"
    assert problems[1].message == "结案日期不能早于立案日期"
    assert "2处" in err.value.message


# ----------------------------------------------------------------------------- the form
def _form(**changes) -> dict:
    form = {
        "received_date": "2025-05-20",
        "channel": "letter",
        "kind": "accusation",
        "signature": "real_name",
        "complainant_name": "李四",
        "complainant_phone": "138 1234 5678",
        "complainant_id_number": "11010519491231002x",
        "complainant_address": "某某镇某某村3组",
        "subjects": [{"name": "王五", "unit": "某某村委会", "post": "村主任", "rank": "village_cadre",
                      "is_party_member": "是", "is_supervised_object": True}],
        "main_problem": "违规收受礼金",
        "disciplines": ["integrity"],
        "is_repeat": False,
        "receiver": "赵六",
    }
    form.update(changes)
    return form


def test_a_complete_real_name_accusation_is_normalized():
    out = validate_complaint_fields(_form(extra_key="kept"), TODAY)
    assert out["received_date"] == date(2025, 5, 20)
    assert out["complainant_phone"] == "13812345678"
    assert out["complainant_id_number"] == VALID_ID
    assert out["subjects"][0]["is_party_member"] is True
    assert out["disciplines"] == ["integrity"]
    assert out["extra_key"] == "kept"


def test_chinese_labels_are_accepted_for_codes():
    out = validate_complaint_fields(_form(channel="来信", kind="检举控告", signature="实名"), TODAY)
    assert (out["channel"], out["kind"], out["signature"]) == ("letter", "accusation", "real_name")


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValidationError) as err:
        validate_complaint_fields(_form(
            received_date="2025-07-01", complainant_name="", complainant_phone="1234",
            complainant_address="", subjects=[{"name": "", "unit": "某村"}], main_problem="  ",
            channel="pigeon",
        ), TODAY)
    fields = [p.field for p in err.value.problems]
    assert fields == ["received_date", "channel", "complainant_phone", "complainant_name",
                      "subjects[0].name", "subjects", "main_problem"]
    assert "登记表有7处需要修改" in err.value.message
    assert "实名举报须填写反映人姓名" in err.value.message


def test_real_name_needs_a_name_and_a_contact():
    with pytest.raises(ValidationError) as err:
        validate_complaint_fields(_form(complainant_phone=None, complainant_address=None), TODAY)
    assert err.value.problems[0].message == "实名举报须填写反映人联系电话或单位、地址（至少一项）"
    # the address alone is a contact (a reply by post)
    assert validate_complaint_fields(_form(complainant_phone=None), TODAY)["complainant_phone"] is None


def test_signature_rules():
    signed = validate_complaint_fields(_form(signature="signed", complainant_phone=None,
                                             complainant_address=None), TODAY)
    assert signed["complainant_name"] == "李四"
    anon = validate_complaint_fields(_form(signature="anonymous", complainant_name=None, complainant_phone=None,
                                           complainant_id_number=None, complainant_address=None), TODAY)
    assert anon["complainant_name"] is None
    assert "匿名举报不应填写反映人姓名" in _message(validate_complaint_fields, _form(signature="anonymous"), TODAY)
    assert "申诉须由本人署名" in _message(
        validate_complaint_fields, _form(kind="appeal", signature="anonymous", complainant_name=None), TODAY)


def test_kind_rules():
    suggestion = validate_complaint_fields(_form(kind="suggestion", subjects=[]), TODAY)
    assert suggestion["subjects"] == []
    no_substance = validate_complaint_fields(_form(kind="no_substance", subjects=[], main_problem=""), TODAY)
    assert no_substance["main_problem"] is None
    assert "检举控告须至少填写一名被反映人的姓名" in _message(validate_complaint_fields, _form(subjects=[]), TODAY)


def test_repeat_and_discipline_rules():
    assert "重复件须关联原件" in _message(validate_complaint_fields, _form(is_repeat=True), TODAY)
    assert validate_complaint_fields(_form(is_repeat="是", repeat_of="XF2025-001"), TODAY)["is_repeat"] is True
    not_official = [{"name": "王五", "is_party_member": True, "is_supervised_object": False}]
    assert "只适用于监察对象" in _message(
        validate_complaint_fields, _form(subjects=not_official, disciplines=["duty_violation"]), TODAY)
    assert "问题类别“赌博”不是可选的值" in _message(validate_complaint_fields, _form(disciplines=["赌博"]), TODAY)


def test_lengths_are_capped():
    message = _message(validate_complaint_fields, _form(main_problem="问" * 10001), TODAY)
    assert "反映的主要问题不能超过10000个字" in message
    assert "第1个被反映人的职务不能超过100个字" in _message(
        validate_complaint_fields, _form(subjects=[{"name": "王五", "post": "长" * 101}]), TODAY)


# ----------------------------------------------------------------------------- masks
def test_masks():
    assert mask_name("张三丰") == "张**"
    assert mask_name("张三") == "张**"  # the length is not told
    assert mask_name("") == "" and mask_name(None) == ""
    assert mask_phone("13812345678") == "138****"
    assert mask_phone("0571-87654321") == "0571-****"
    assert mask_phone("010-62345678转88") == "010-****"  # the extension is not shown
    assert mask_id_number(VALID_ID) == "11****************"
    assert mask_address("浙江省杭州市西湖区文三路") == "浙江****"
    assert mask_address("某某镇") == "****"  # a short address is not shown either
