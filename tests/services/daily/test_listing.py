import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from openpyxl import load_workbook

from models import Base
from models.db import alembic_config, current_revision, make_engine, sqlite_url, upgrade_database
from models.search import include_name
from services.casework import intake, listing
from services.casework.intake import SubjectInput
from services.casework.listing import ListQuery
from tests.services.daily.conftest import VALID_ID

pytestmark = pytest.mark.both_db  # on SQLite and on PostgreSQL (tests/conftest.py --db)

D = dt.date


@pytest.fixture
def sample(ws, register):
    a = register(received_date=D(2026, 3, 2), channel="letter", main_problem="反映张三违规吃喝问题",
                 subjects=[SubjectInput(name="张三", unit="青山村村委会", rank="village_cadre")])
    b = register(received_date=D(2026, 5, 6), channel="phone", kind="suggestion", signature="anonymous",
                 complainant_name=None, complainant_phone=None, complainant_id_number=None, complainant_address=None,
                 discipline="work", main_problem="建议公开低保名单",
                 subjects=[SubjectInput(name="王芳", unit="白水村", rank="general_cadre")])
    c = register(received_date=D(2026, 9, 9), channel="online", main_problem="举报李四违规发放津补贴",
                 subjects=[SubjectInput(name="李四", unit="青山镇财政所", rank="township_level"),
                           SubjectInput(name="张三丰", unit="青山村村委会")])
    intake.accept(ws, c.id, D(2026, 9, 10))
    return a, b, c


def _ids(ws, **kw):
    return listing.query_ids(ws, ListQuery(**kw))


def test_filters_and_sort(ws, sample):
    a, b, c = sample
    assert _ids(ws) == [c.id, b.id, a.id]  # newest first by default
    assert _ids(ws, descending=False) == [a.id, b.id, c.id]
    assert _ids(ws, date_from=D(2026, 4, 1), date_to=D(2026, 6, 30)) == [b.id]
    assert _ids(ws, states=["accepted"]) == [c.id]
    assert _ids(ws, channels=["letter", "phone"]) == [b.id, a.id]
    assert _ids(ws, kinds=["suggestion"]) == [b.id]
    assert _ids(ws, ranks=["township_level"]) == [c.id]
    assert _ids(ws, disciplines=["work"]) == [b.id]
    assert _ids(ws, sort_key="channel", descending=False) == [a.id, c.id, b.id]  # letter < online < phone
    assert _ids(ws, sort_key="number", descending=False) == [a.id, b.id, c.id]
    assert listing.count(ws, ListQuery(states=["registered"])) == 2
    with pytest.raises(Exception, match="不能按"):
        _ids(ws, sort_key="subjects")


def test_full_text_and_short_fallback(ws, sample):
    a, b, c = sample
    assert _ids(ws, text="违规吃喝") == [a.id]            # problem text, FTS trigram
    assert _ids(ws, text="财政所") == [c.id]              # a subject's unit
    assert _ids(ws, text="张三丰") == [c.id]              # a second subject's name
    assert _ids(ws, text="2026-0002") == [b.id]           # the number
    assert _ids(ws, text="张三") == [c.id, a.id]          # 2 characters: name prefix (张三, 张三丰)
    assert _ids(ws, text="王") == [b.id]                  # 1 character: surname
    assert _ids(ws, text="白水") == [b.id]                # unit prefix
    assert _ids(ws, text="吃喝") == []                    # too short for problem text: a hint says so
    assert listing.search_hint("吃喝") and not listing.search_hint("违规吃喝")
    assert _ids(ws, text="张三 津补贴") == [c.id]         # terms combine with AND
    assert _ids(ws, text='违规" OR "张') == []            # quotes are literal: no query syntax gets through
    # Editing the problem text and the subjects keeps the index in step.
    intake.update_complaint(ws, a.id, intake.ComplaintInput(
        received_date=D(2026, 3, 2), channel="letter", kind="accusation", signature="real_name",
        subjects=[SubjectInput(name="赵强", unit="东岭村")], main_problem="反映赵强侵占集体资金", keep_identity=True))
    assert _ids(ws, text="违规吃喝") == [] and _ids(ws, text="侵占集体") == [a.id] and _ids(ws, text="赵强") == [a.id]
    if ws.engine.dialect.name == "sqlite":
        with ws.engine.begin() as conn:  # FTS5's own consistency check of the external-content index
            conn.exec_driver_sql("INSERT INTO complaint_search(complaint_search, rank) VALUES ('integrity-check', 1)")


def test_rows_and_export_never_hold_identity(ws, sample, tmp_path):
    a, b, c = sample
    rows = listing.fetch_rows(ws, "complaint", [a.id, c.id])
    assert rows[c.id]["subjects"] == "李四、张三丰" and rows[c.id]["state"] == "已受理"
    text = repr(rows)
    for secret in ("赵六", "赵*", "13812345678", "138****5678", VALID_ID, "东街"):
        assert secret not in text
    out = tmp_path / "导出" / "信访件.xlsx"
    assert listing.export_xlsx(ws, ListQuery(text="青山村"), out) == 2
    sheet = load_workbook(out, read_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[2][:3] == ["编号", "收件日期", "来源渠道"]     # under the title and the filter rows
    assert [r[0] for r in values[3:]] == [c.number, a.number]
    flat = " ".join(str(v) for row in values for v in row if v is not None)
    for secret in ("赵六", "赵*", "13812345678", "138****5678", VALID_ID, "东街"):
        assert secret not in flat
    assert not {"反映人", "反映人姓名", "联系电话", "身份证号", "单位或地址"} & set(values[2])
    assert list(out.parent.glob(".export-*")) == []


def test_other_lists(ws, sample):
    a, b, c = sample
    lead_ids = _ids(ws, entity="lead")
    assert len(lead_ids) == 1
    row = listing.fetch_rows(ws, "lead", lead_ids)[lead_ids[0]]
    assert row["persons"] == "李四、张三丰" and row["source"] == "信访举报"
    assert _ids(ws, entity="lead", states=["pending"]) == lead_ids
    assert _ids(ws, entity="lead", text="张三丰") == lead_ids
    assert _ids(ws, entity="case") == [] and _ids(ws, entity="ledger") == []


def test_search_index_migration_up_and_down(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite"))
    upgrade_database(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True,
                                                                       "include_name": include_name}), Base.metadata)
    assert diff == []
    command.downgrade(alembic_config(engine), "0002")
    with engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert current_revision(engine) == "0002" and not any(n.startswith("complaint_search") for n in names)
    with engine.begin() as conn:  # rows written without the index are indexed by the upgrade
        conn.exec_driver_sql("INSERT INTO complaints (number, year, seq, received_date, channel, kind, signature, "
                             "is_repeat, complainant_masked, main_problem, receiver_name, state, state_reason, "
                             "referred_to, belongs_upper, referred_down, feedback_note, created_at, updated_at) "
                             "VALUES ('XF2026-0001', 2026, 1, '2026-01-05', 'letter', 'accusation', 'anonymous', 0, "
                             "'{}', '反映违规吃喝问题', '', 'registered', '', '', 0, 0, '', '2026-01-05', '2026-01-05')")
    upgrade_database(engine)
    with engine.connect() as conn:
        hits = conn.exec_driver_sql("SELECT rowid FROM complaint_search WHERE complaint_search MATCH '\"违规吃\"'").all()
    assert hits == [(1,)]
