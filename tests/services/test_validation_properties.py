"""Property tests: validators never fail other than with ValidationError; IDs; working-day round trips."""
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from services.casework.complaint_fields import validate_complaint_fields
from services.errors import ValidationError
from services.validation import (
    check_order, mask_address, mask_id_number, mask_name, mask_phone,
    validate_date, validate_id_number, validate_name, validate_phone, validate_text,
)
from services.deadlines.workdays import WorkCalendar
from tests.helpers.id_numbers import valid_ids

TODAY = date(2025, 6, 1)
CAL = WorkCalendar({date(2025, 3, 3): False, date(2025, 10, 8): True})
# Per-test settings (not a profile) so other test modules keep their own; no timing limits.
fast = settings(deadline=None, max_examples=150)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(), st.binary(max_size=20),
    st.dates(), st.datetimes(),
)
anything = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner,
                                                                                    max_size=4)),
    max_leaves=12,
)
digitish = st.text(alphabet="0123456789xX -+#()转年月日./０１２３４５６７８９", max_size=25)
malformed = st.one_of(anything, digitish)


def _accepts_or_rejects(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        assert exc.message and isinstance(exc.message, str)
        return None


@fast
@given(malformed)
def test_single_field_validators_only_raise_validation_error(value):
    _accepts_or_rejects(validate_id_number, value, today=TODAY)
    _accepts_or_rejects(validate_phone, value)
    _accepts_or_rejects(validate_name, value)
    _accepts_or_rejects(validate_text, value, label="备注", max_length=20)
    _accepts_or_rejects(validate_date, value, TODAY, label="收件日期")


FORM_KEYS = ["number", "received_date", "channel", "kind", "signature", "complainant_name",
             "complainant_phone", "complainant_id_number", "complainant_address", "subjects",
             "main_problem", "disciplines", "is_repeat", "repeat_of", "receiver"]
SUBJECT_KEYS = ["name", "unit", "post", "rank", "is_party_member", "is_supervised_object"]
form_values = st.one_of(
    malformed,
    st.lists(st.dictionaries(st.sampled_from(SUBJECT_KEYS), malformed, max_size=6), max_size=3),
    st.sampled_from(["letter", "accusation", "real_name", "anonymous", "integrity", "duty_crime", "是"]),
)


@fast
@given(st.dictionaries(st.sampled_from(FORM_KEYS), form_values, max_size=len(FORM_KEYS)))
def test_form_validator_returns_a_dict_or_lists_problems(values):
    try:
        out = validate_complaint_fields(values, TODAY)
    except ValidationError as exc:
        assert exc.problems, "a rejected form says what is wrong"
        assert all(isinstance(p, ValidationError) and p.message for p in exc.problems)
    else:
        assert isinstance(out, dict)
        assert out["received_date"] <= TODAY


@fast
@given(st.lists(st.tuples(st.text(min_size=1, max_size=4), st.one_of(st.none(), st.dates())), max_size=6))
def test_check_order_only_raises_validation_error(stages):
    _accepts_or_rejects(check_order, stages)


@fast
@given(anything)
def test_masks_never_fail_on_text(value):
    if isinstance(value, str):
        for mask in (mask_name, mask_phone, mask_id_number, mask_address):
            assert isinstance(mask(value), str)


@fast
@given(valid_ids(), st.booleans())
def test_generated_valid_ids_pass(id_number, lower):
    typed = id_number.lower() if lower else id_number
    assert validate_id_number(typed, today=TODAY) == id_number


@fast
@given(valid_ids(), st.integers(0, 17), st.integers(1, 10))
def test_a_single_changed_character_fails(id_number, position, shift):
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = id_number[position]
    new = alphabet[(alphabet.index(old) + shift) % len(alphabet)]
    if new == old:
        return
    changed = id_number[:position] + new + id_number[position + 1:]
    try:
        validate_id_number(changed, today=TODAY)
    except ValidationError:
        return
    raise AssertionError(f"{changed} (from {id_number}) was accepted")


@fast
@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", " ", "-"]),
       st.sampled_from(["", "+86 ", "0086"]))
def test_generated_mobiles_pass_in_any_common_spelling(mobile, sep, prefix):
    typed = prefix + sep.join([mobile[:3], mobile[3:7], mobile[7:]])
    assert validate_phone(typed) == mobile


@fast
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(-400, 400))
def test_add_workdays_then_workdays_between_round_trips(start, n):
    due = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, due) == n
    if n > 0:
        assert CAL.is_workday(due) and due > start
    elif n < 0:
        assert CAL.is_workday(due) and due < start


@fast
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 60))
def test_workdays_between_counts_the_days_after_start(start, span):
    end = start + timedelta(days=span)
    brute = sum(CAL.is_workday(start + timedelta(days=i)) for i in range(1, span + 1))
    assert CAL.workdays_between(start, end) == brute
