"""The identity masks: fixed examples, and properties over random text (what a mask may show of its input)."""
import re

from hypothesis import given, settings, strategies as st

from services.security.identity_masks import (MASKS, TAILS, mask_address, mask_id_number, mask_identity, mask_name,
                                              mask_phone, remask_legacy, remask_legacy_json)
from services.validation import mask_phone as mask_phone_from_validation
from tests.helpers.id_numbers import valid_ids
from tests.helpers.legacy_masks import LEGACY  # the masks of revision 0003 and earlier

fast = settings(deadline=None, max_examples=400)

#: At most this many characters of the input are shown, per field (the phone: digits).
SHOWN = {"name": 1, "phone": 4, "id_number": 2, "address": 3}
LONGEST = {f: SHOWN[f] + max(len(t) for t in TAILS[f]) for f in SHOWN}


def split(field: str, mask: str) -> tuple[str, str]:
    """The mask as (shown part, fixed tail); fails when it ends in no tail of its field."""
    for tail in sorted(TAILS[field], key=len, reverse=True):
        if mask.endswith(tail):
            return mask[:len(mask) - len(tail)], tail
    raise AssertionError(f"{field} mask {mask!r} ends in no fixed tail")


def assert_reveals_only_a_prefix(field: str, value: str) -> None:
    mask = MASKS[field](value)
    if not value:
        assert mask == ""
        return
    shown, _tail = split(field, mask)
    # 1. what is shown is a prefix of the input (the phone: of its digits), of bounded size, at most half
    if field == "phone":
        digits = re.findall("[0-9]", value)
        assert shown == "".join(digits[:len(shown)]) and shown.isdigit() or shown == ""
        assert 2 * len(shown) <= len(digits)
    else:
        assert value.startswith(shown)
        assert 2 * len(shown) <= len(value)
    assert len(shown) <= SHOWN[field]
    # 2. no other piece of the input: any substring (≥ 2) of the input found in the mask is a piece
    #    of the shown prefix, possibly followed by tail characters
    for i in range(len(value)):
        for j in range(i + 2, len(value) + 1):
            piece = value[i:j]
            if piece in mask:
                assert piece.rstrip("*-") in shown, (piece, mask)
    # 3. a fixed shape: the length does not grow with the input
    assert len(mask) <= LONGEST[field]


# Random text: Chinese (place words, province names), ASCII letters, digits, and what phones carry.
CHARS = st.sampled_from(list("红星村五组青山镇东街号浙江省北京市河北内蒙古自治区县交通局张三赵·")
                        + list("abcxyzXEt 0123456789-—()*#转分机."))
texts = st.one_of(
    st.text(CHARS, min_size=1, max_size=6),
    st.text(CHARS, min_size=0, max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(["浙江省", "北京市", "内蒙古自治区", "广西壮族自治区", "河北",
                                                     "0571-", "010 ", "138", "+86", "ext"]),
              st.text(CHARS, max_size=20)),
    st.text(max_size=12),  # anything at all, surrogates and controls included
)


@fast
@given(st.sampled_from(sorted(MASKS)), texts)
def test_a_mask_reveals_only_a_bounded_prefix_of_any_input(field, value):
    assert_reveals_only_a_prefix(field, value)


@fast
@given(texts, texts)
def test_a_mask_does_not_tell_the_length(a, b):
    """Two inputs with the same shown prefix get the same mask, whatever their lengths."""
    for field, mask in MASKS.items():
        ma, mb = mask(a), mask(b)
        if ma and mb and split(field, ma)[0] == split(field, mb)[0] != "":
            assert ma == mb


def test_examples_of_each_rule():
    assert [mask_name(v) for v in ("张三丰", "赵六", "欧阳娜娜", "阿依古丽·买买提", "张", "", None)] == \
        ["张**", "赵**", "欧**", "阿**", "***", "", ""]
    assert [mask_phone(v) for v in ("13812345678", "0571-87654321", "010-62345678转88", "0571-87654321转808",
                                    "12388", "95588", "4001234567", "")] == \
        ["138****", "0571-****", "010-****", "0571-****", "****", "****", "400****", ""]
    assert mask_id_number("11010519491231002X") == "11" + "*" * 16
    assert mask_id_number("12345") == "12" + "*" * 16 and mask_id_number("X1") == "*" * 18
    assert [mask_address(v) for v in ("红星村五组", "某某镇", "县交通局", "河北村三组", "青山镇东街12号",
                                      "浙江省杭州市西湖区文三路", "北京市海淀区", "内蒙古自治区呼和浩特市",
                                      "广西壮族自治区南宁市", "浙江省", "")] == \
        ["****", "****", "****", "****", "****", "浙江****", "北京****", "内蒙古****", "广西****", "****", ""]
    assert mask_identity({"name": "赵六", "phone": None, "id_number": "", "address": "红星村五组"}) == \
        {"name": "赵**", "phone": "", "id_number": "", "address": "****"}
    assert mask_phone_from_validation is mask_phone  # the old import path still works


# ---------------------------------------------------------------- masks of revision 0003 and earlier

HIDDEN = {"name": "***", "phone": "****", "id_number": "*" * 18, "address": "****"}

names = st.text(st.sampled_from(list("赵钱孙李周吴郑王欧阳·") + list("abc")), min_size=1, max_size=8)
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
lines = st.builds(lambda area, local, ext: f"{area}-{local}" + (f"转{ext}" if ext else ""),
                  st.from_regex(r"010|02[0-9]|0[3-9][0-9]{2}", fullmatch=True),
                  st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
                  st.one_of(st.none(), st.from_regex(r"[0-9]{1,6}", fullmatch=True)))
services_nr = st.from_regex(r"1[02][0-9]{3}|95[0-9]{3,6}|[48]00[0-9]{7}", fullmatch=True)
valid = {"name": names, "phone": st.one_of(mobiles, lines, services_nr), "id_number": valid_ids(), "address": texts}


@fast
@given(st.data())
def test_an_old_mask_of_a_form_value_remasks_to_the_current_mask(data):
    """Migration 0004 sees only the old mask; for every value the form accepts, it gets the current one,
    except a 6–7 digit service number (95xxxx), whose old mask hid the first digits: nothing is shown."""
    field = data.draw(st.sampled_from(sorted(MASKS)))
    value = data.draw(valid[field])
    old = LEGACY[field](value)
    expected = HIDDEN[field] if field == "phone" and old.startswith("*") else MASKS[field](value)
    assert remask_legacy(field, old) == expected
    if field == "phone" and old.startswith("*"):
        assert len(value) in (5, 6, 7) and value.startswith(("1", "95"))


@fast
@given(st.sampled_from(sorted(MASKS)), texts)
def test_an_old_mask_of_any_text_remasks_to_no_more_than_it_showed(field, value):
    old = LEGACY[field](value)
    new = remask_legacy(field, old)
    if not value:
        assert new == ""
        return
    assert new in (MASKS[field](value), HIDDEN[field])
    shown, _ = split(field, new)
    assert old.startswith(shown) or field == "phone" and re.sub("[^0-9*]", "", old).startswith(shown)


def test_old_masks_json_examples():
    old = '{"name": "赵*", "phone": "0571-****4321转808", "id_number": "110105********002X", "address": "红星村五组"}'
    assert remask_legacy_json(old) == \
        '{"name": "赵**", "phone": "0571-****", "id_number": "11****************", "address": "****"}'
    assert remask_legacy_json("{}") == "{}" and remask_legacy_json(None) == "{}"
    assert remask_legacy_json("not json 红星村") == "{}" and remask_legacy_json('["红星村"]') == "{}"
    assert remask_legacy_json('{"address": 5, "note": "红星村"}') == \
        '{"name": "", "phone": "", "id_number": "", "address": ""}'
