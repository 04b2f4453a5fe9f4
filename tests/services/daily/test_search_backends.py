"""The complaint search gives the same results on PostgreSQL (pg_trgm) as on SQLite (FTS5) on the same
demo data: long terms from the data's own names, units, problem texts and numbers, short terms, mixed
case, combined terms, and terms found nowhere."""
from __future__ import annotations

import datetime as dt

import pytest

from models import Complaint, ComplaintSubject
from services.casework import listing
from services.casework.listing import ListQuery
from services.demo import generator as demo
from services.demo.office import initialize_demo, login_demo
from services.storage.workspace import open_workspace
from tests.helpers.crypto import CHEAP_CRYPTO

pytestmark = pytest.mark.postgresql_only

END = dt.date(2026, 11, 20)


def _demo_ws(data_dir, url=None):
    ws = open_workspace(data_dir, url=url, today=lambda: END, crypto=CHEAP_CRYPTO)
    initialize_demo(ws)
    login_demo(ws)
    demo.generate_demo(ws, complaints=400, seed=11, end=END)
    return ws


def _terms(ws) -> list[str]:
    with ws.reading() as s:
        subjects = s.query(ComplaintSubject.name, ComplaintSubject.unit).order_by(ComplaintSubject.id).limit(60).all()
        complaints = s.query(Complaint.number, Complaint.main_problem).order_by(Complaint.id).limit(40).all()
    terms = set()
    for name, unit in subjects:
        terms |= {name, name[:1], name[:2], unit, unit[:2], unit[1:4]}
    for number, problem in complaints:
        terms |= {number, number.lower(), number[-7:], problem[2:6], problem[4:9]}
    terms |= {"违规 吃喝", "村 补贴", "xf2026", "不存在的词语", "张", "%", "_a"}
    return sorted(t for t in terms if t.strip())


def test_the_same_search_finds_the_same_complaints_on_both_backends(tmp_path, db_url):
    sqlite_ws = _demo_ws(tmp_path / "sqlite")
    pg_ws = _demo_ws(tmp_path / "pg", url=db_url)
    try:
        terms = _terms(sqlite_ws)
        assert len(terms) > 150
        found_some = 0
        for term in terms:
            q = ListQuery(text=term, sort_key="number", descending=False)
            on_sqlite = [c for c in listing.query_ids(sqlite_ws, q)]
            on_pg = [c for c in listing.query_ids(pg_ws, q)]
            assert on_pg == on_sqlite, term
            assert listing.count(pg_ws, q) == listing.count(sqlite_ws, q) == len(on_sqlite), term
            found_some += bool(on_sqlite)
        assert found_some > 100  # the terms do find things
    finally:
        sqlite_ws.close()
        pg_ws.close()
