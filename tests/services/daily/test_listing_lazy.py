"""The lazy id list: read block by block, it holds exactly the ids of one full query, in the same order."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import insert

from models import Complaint, ComplaintSubject
from services.casework import listing
from services.casework.listing import IdList, ListQuery

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)

N = 2600
CHANNELS = ["letter", "visit", "phone", "online"]
KINDS = ["accusation", "accusation", "suggestion", "appeal"]
STATES = ["registered", "accepted", "concluded", "transferred"]
RANKS = ["village_cadre", "general_cadre", "township_level", None]
NAMES = ["王芳", "王强", "李四", "张三", "赵敏", "王"]
UNITS = ["青山村村委会", "白水村", "青山镇财政所", "东岭村"]
PROBLEMS = ["违规吃喝", "收受礼金", "公车私用", "侵占集体资金"]


@pytest.fixture
def many(ws):
    """N complaints on 40 days (many ties in every sort key), some without a state date."""
    rng = random.Random(20261120)
    first = dt.date(2026, 1, 5)
    complaints, subjects = [], []
    for cid in range(1, N + 1):
        day = first + dt.timedelta(days=rng.randrange(40))
        state = rng.choice(STATES)
        complaints.append({
            "id": cid, "number": f"XF2026-{cid:05d}", "year": 2026, "seq": cid, "received_date": day,
            "channel": rng.choice(CHANNELS), "kind": rng.choice(KINDS), "signature": "anonymous",
            "state": state, "state_date": None if state == "registered" else day + dt.timedelta(rng.randrange(3)),
            "discipline": rng.choice(["integrity", "work", None]),
            "main_problem": f"反映{rng.choice(UNITS)}{rng.choice(PROBLEMS)}问题"})
        for _ in range(rng.choice((1, 1, 2))):
            subjects.append({"complaint_id": cid, "name": rng.choice(NAMES), "unit": rng.choice(UNITS),
                             "rank": rng.choice(RANKS)})
    with ws.transaction() as s:
        s.execute(insert(Complaint), complaints)
        s.execute(insert(ComplaintSubject), subjects)
    return complaints


QUERIES = [
    {},
    {"descending": False},
    {"sort_key": "channel", "descending": False},
    {"sort_key": "state_date"},                       # NULLs (registered) sort last, descending
    {"sort_key": "state_date", "descending": False},  # and first, ascending
    {"sort_key": "discipline"},
    {"sort_key": "number"},
    {"sort_key": "is_repeat", "descending": False},
    {"states": ["accepted"]},
    {"states": ["accepted", "concluded"], "sort_key": "kind"},
    {"channels": ["letter", "visit"], "kinds": ["accusation"]},
    {"date_from": dt.date(2026, 1, 20), "date_to": dt.date(2026, 2, 3), "sort_key": "state"},
    {"ranks": ["village_cadre"]},
    {"text": "公车私用"},
    {"text": "王"},
    {"text": "王芳 财政所"},
    {"text": "青山 违规吃喝", "channels": ["phone"]},
]


def _full(ws, kw) -> list[int]:
    """The reference: the same query read whole, in one statement."""
    ids = listing.query_ids(ws, ListQuery(**kw), whole=10**9)
    assert ids.fetched == len(ids)
    return ids.tolist()


@pytest.mark.parametrize("kw", QUERIES, ids=[str(q) or "default" for q in QUERIES])
def test_blocks_give_the_full_query(ws, many, kw):
    full = _full(ws, kw)
    assert full, "every query of this test matches something"
    # Forced to read in blocks of 97 (the last one short), by position, from the end, then in order.
    lazy = listing.query_ids(ws, ListQuery(**kw), block=97, whole=0)
    assert len(lazy) == len(full) and bool(lazy)
    assert lazy.fetched == min(97, len(full))
    assert lazy[0] == full[0] and lazy[:50] == full[:50]
    assert lazy[len(full) // 2] == full[len(full) // 2]
    assert lazy[-1] == full[-1] and lazy[-7:] == full[-7:] and lazy[::-5] == full[::-5]
    assert lazy.fetched == len(full)
    assert list(lazy) == full and lazy == full
    # Iteration alone walks the blocks too.
    walked = listing.query_ids(ws, ListQuery(**kw), block=50, whole=0)
    assert list(walked) == full
    again = listing.query_ids(ws, ListQuery(**kw), block=50, whole=0)
    pick = full[len(full) * 3 // 4]
    assert again.index(pick) == full.index(pick) and pick in again and -1 not in again
    with pytest.raises(ValueError):
        again.index(-1)
    with pytest.raises(IndexError):
        again[len(full)]


def test_orders_match_python(ws, many):
    c = many
    newest = [r["id"] for r in sorted(c, key=lambda r: (r["received_date"], r["id"]), reverse=True)]
    lazy = listing.query_ids(ws, ListQuery(), block=64, whole=0)
    assert list(lazy) == newest
    by_state_date = sorted(c, key=lambda r: (r["state_date"] is not None, r["state_date"] or dt.date.min, r["id"]))
    assert list(listing.query_ids(ws, ListQuery(sort_key="state_date", descending=False), block=64, whole=0)) \
        == [r["id"] for r in by_state_date]
    letters = [r["id"] for r in sorted((r for r in c if r["channel"] == "letter"),
                                       key=lambda r: (r["received_date"], r["id"]), reverse=True)]
    assert listing.query_ids(ws, ListQuery(channels=["letter"]), block=64, whole=0) == letters
    assert listing.count(ws, ListQuery(channels=["letter"])) == len(letters)


def test_counts_of_searches_match_the_lists(ws, many):
    for text in ("公车私用", "王", "王芳", "王芳 财政所", "村委会 王", "XF2026-00042", "没有这个人"):
        q = ListQuery(text=text)
        assert listing.count(ws, q) == len(_full(ws, {"text": text}))
    assert listing.count(ws, ListQuery(text="XF2026-00042")) == 1
    assert listing.query_ids(ws, ListQuery(text="没有这个人")) == [] and not listing.query_ids(ws, ListQuery(text="没有这个人"))


def test_rows_added_meanwhile_keep_length_and_order(ws, many):
    lazy = listing.query_ids(ws, ListQuery(), block=40, whole=0)
    total, head = len(lazy), lazy[:40]
    with ws.transaction() as s:  # older than everything: sorts into the part not read yet
        s.execute(insert(Complaint), [{"id": N + 1, "number": "XF2025-99999", "year": 2025, "seq": 99999,
                                       "received_date": dt.date(2025, 12, 1), "channel": "letter",
                                       "kind": "accusation", "signature": "anonymous", "state": "registered"}])
    rest = list(lazy)
    assert len(lazy) == total and rest[:40] == head and len(rest) == total and len(set(rest)) == total
    assert listing.query_ids(ws, ListQuery())[-1] == N + 1  # the next query has it


def test_id_list_as_a_plain_sequence():
    ids = IdList(3, [5, 9, 2])
    assert len(ids) == 3 and ids == [5, 9, 2] and ids[-1] == 2 and ids[1:] == [9, 2] and ids.index(9) == 1
    assert IdList(0) == [] and not IdList(0) and repr(IdList(0)) == "IdList(len=0, fetched=0)"
    assert IdList(4, [1, 2]) == [1, 2, 0, 0]  # rows gone since the count: positions past the end hold 0
    assert IdList(2, [1, 2, 3]) == [1, 2]
    assert ids != [5, 9] and ids != "592"
