"""Finding complaints by the complainant's phone or ID number through the blind index, not plaintext."""
import pytest

from services.casework import listing
from services.errors import PermissionDenied, ValidationError
from tests.services.daily.conftest import VALID_ID

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)


def _ids(ws, **kw):
    return listing.query_ids(ws, listing.ListQuery(entity="complaint", **kw)).tolist()


def test_phone_and_id_number_find_the_complaint_in_any_typing(ws, register):
    a = register()  # phone 13812345678, VALID_ID
    register(complainant_phone="13900001111", complainant_id_number="")
    assert _ids(ws, complainant="+86 138-1234-5678") == [a.id]
    assert _ids(ws, complainant=VALID_ID.lower()) == [a.id]
    assert _ids(ws, complainant="13700000000") == []
    assert listing.count(ws, listing.ListQuery(entity="complaint", complainant="13812345678")) == 1
    # combines with the other filters
    assert _ids(ws, complainant="13812345678", kinds=["suggestion"]) == []


def test_needs_the_right_and_an_unlocked_key(ws, register, as_role):
    register()
    as_role("officer")
    with pytest.raises(PermissionDenied):
        _ids(ws, complainant="13812345678")
    as_role("secretary")
    with pytest.raises(ValidationError, match="电话或身份证号"):
        _ids(ws, complainant="赵六")
    with pytest.raises(ValidationError):
        listing.query_ids(ws, listing.ListQuery(entity="lead", complainant="13812345678"))
