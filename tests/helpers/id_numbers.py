"""Valid 18-digit ID numbers (GB 11643: a known province, a birth date up to TODAY, the check digit)."""
from datetime import date

from hypothesis import strategies as st

from services.validation import _PROVINCES, id_check_digit

TODAY = date(2025, 6, 1)


@st.composite
def valid_ids(draw):
    province = draw(st.sampled_from(sorted(_PROVINCES)))
    area = province + draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    body = area + birth.strftime("%Y%m%d") + seq
    return body + id_check_digit(body)
