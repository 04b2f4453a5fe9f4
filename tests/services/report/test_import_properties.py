"""Whatever the cells hold, the importer answers with problems or a clean import: never a traceback,
never a partial write."""
import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from services.interchange import ledger_import

from .conftest import C_HEAD, K_HEAD, L_HEAD, M_HEAD, T_HEAD, good_sheets, snapshot, write_book

# Text openpyxl can store (no control characters), biased towards the values a ledger really holds.
text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
plausible = st.sampled_from(["是", "否", "来信", "网络", "检举控告", "实名", "匿名", "署名", "乡科级", "廉洁纪律",
                             "谈话函询", "初步核实", "了结", "澄清", "立案", "党纪处分", "政务处分", "组织处理",
                             "警告", "开除党籍", "诫勉", "主体责任", "追责", "函询", "2026-02-30", "2026/2/3",
                             "2026年3月4日", "2099-01-01", "1999-12-31", "XF-1", "XS-1", "LA-1", "TZ-1", "张三",
                             "13812345678", "0871-6543210", "12345", "#N/A", " ", "*"])
cell = st.one_of(
    st.none(), plausible, text,
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
)


def rows(head):
    return st.lists(st.lists(cell, min_size=len(head), max_size=len(head)), min_size=0, max_size=3)


book = st.fixed_dictionaries({
    "信访件": rows(C_HEAD), "问题线索": rows(L_HEAD), "案件": rows(K_HEAD), "处分处理": rows(M_HEAD),
    "一案双查": rows(T_HEAD),
})
HEADS = {"信访件": C_HEAD, "问题线索": L_HEAD, "案件": K_HEAD, "处分处理": M_HEAD, "一案双查": T_HEAD}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(book=book, dry_run=st.booleans())
def test_random_cells_give_problems_never_a_crash_or_a_partial_write(ws, tmp_path, book, dry_run):
    path = write_book(tmp_path / "random.xlsx", {name: [HEADS[name], *body] for name, body in book.items()})
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, path, dry_run=dry_run)
    after = snapshot(ws)
    for p in result.problems:
        assert isinstance(p.reason_zh, str) and p.reason_zh and p.sheet in (*HEADS, "")
        assert p.row >= 1 and (not p.column or p.column in HEADS.get(p.sheet, ()))
    if result.problems or dry_run:
        assert after == before
    else:
        assert after["complaints"] == before["complaints"] + result.counts["信访件"]
        assert after["measures"] == before["measures"] + result.counts["处分处理"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_are_one_problem(ws, tmp_path, data):
    path = tmp_path / "bytes.xlsx"
    path.write_bytes(b"PK\x03\x04" + data)
    result = ledger_import.import_workbook(ws, path)
    assert len(result.problems) == 1 and result.problems[0].sheet == ""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_good_ledger_with_a_few_random_cells(ws, tmp_path, data):
    """Mostly valid rows reach the cross-sheet checks and the (rolled back) writer."""
    sheets = good_sheets()
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(sorted(sheets)))
        body = sheets[name]
        r = data.draw(st.integers(1, len(body) - 1))
        c = data.draw(st.integers(0, len(body[0]) - 1))
        body[r] = list(body[r]) + [None] * (len(body[0]) - len(body[r]))
        body[r][c] = data.draw(cell)
    path = write_book(tmp_path / "mutated.xlsx", sheets)
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, path, dry_run=True)
    assert snapshot(ws) == before
    assert result.ok or all(p.reason_zh for p in result.problems)
