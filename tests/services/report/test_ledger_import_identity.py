"""The 身份证号 and 住址 columns of 信访件: validated as the form validates them, sealed as the form seals them."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from models import Complaint
from services.casework import intake
from services.errors import PermissionDenied
from services.interchange import ledger_import
from services.security import identity, users
from services.validation import id_check_digit, mask_address, mask_id_number
from tests.conftest import ADMIN_PASSWORD, sign_in_as

from .conftest import snapshot, write_book

HEAD = ["编号", "收件日期", "来源渠道", "类型", "署名情况", "反映人", "联系电话", "身份证号", "住址", "被反映人",
        "主要问题"]
ID_NUMBER = "11010519491231002" + id_check_digit("11010519491231002")
ADDRESS = "青山镇红星村五组23号"


def book(path, rows):
    return write_book(path, {"信访件": [HEAD, *rows]})


def complaint_row(number: str, id_number=ID_NUMBER, address=ADDRESS, name="张三", phone=None):
    return [number, dt.date(2026, 3, 2), "来信", "检举控告", "实名", name, phone, id_number, address, "李四",
            "违规发放补贴"]


def file_bytes(ws) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(ws.data_dir.glob("jijian.sqlite*")))


def test_id_number_and_address_are_sealed_and_revealed_to_a_permitted_user(ws, tmp_path):
    path = book(tmp_path / "身份.xlsx", [complaint_row("XF2026-0001"),
                                        complaint_row("XF2026-0002", id_number=None, address="红星村")])
    result = ledger_import.import_workbook(ws, path)
    assert result.problems == [] and result.counts["信访件"] == 2

    # The database file (and its write-ahead log) never holds the plaintext.
    raw = file_bytes(ws)
    for secret in (ID_NUMBER, ADDRESS, "红星村五组", "张三"):
        assert secret.encode("utf-8") not in raw, secret
    with ws.reading() as s:
        first, second = s.execute(select(Complaint).order_by(Complaint.id)).scalars().all()
        assert identity.masked(first)["id_number"] == mask_id_number(ID_NUMBER)
        assert identity.masked(first)["address"] == mask_address(ADDRESS)
        assert first.complainant_id_number_index == identity.index_for(ws, "id_number", ID_NUMBER)
        ids = first.id, second.id

    # The secretary (who holds the key) sees them in clear, as for a complaint typed into the form.
    assert intake.reveal_identity(ws, ids[0]) == {"name": "张三", "phone": "", "id_number": ID_NUMBER,
                                                  "address": ADDRESS}
    assert intake.reveal_identity(ws, ids[1])["address"] == "红星村"
    # An officer may not.
    sign_in_as(ws, "zhou", ["officer"])
    try:
        intake.reveal_identity(ws, ids[0])
    except PermissionDenied:
        pass
    else:
        raise AssertionError("an officer saw the identity")


def test_a_bad_id_number_is_named_by_row_and_nothing_is_imported(ws, tmp_path):
    wrong = ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")
    path = book(tmp_path / "错号.xlsx", [complaint_row("XF2026-0001"), complaint_row("XF2026-0002", id_number=wrong),
                                        complaint_row("XF2026-0003", id_number="3201")])
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, path)
    assert [(p.sheet, p.row, p.column, p.reason_zh) for p in result.problems] == [
        ("信访件", 3, "身份证号", "身份证号校验位（第18位）不正确，可能有数字输错，请核对"),
        ("信访件", 4, "身份证号", "身份证号应为18位，当前为4位")]
    assert snapshot(ws) == before


def test_an_address_is_a_contact_of_a_real_name_complaint(ws, tmp_path):
    path = book(tmp_path / "地址.xlsx", [complaint_row("XF2026-0001", id_number=None, phone=None)])
    assert ledger_import.import_workbook(ws, path).problems == []


def test_the_identity_columns_need_the_identity_key(ws, tmp_path):
    # A user who may import complaints, but was never given the identity key.
    users.login(ws, "wang", ADMIN_PASSWORD)
    identity.vault(ws).lock()
    users.create_user(ws, "li", "李", "li-pass-12", ["officer", "clerk"])
    users.login(ws, "li", "li-pass-12")
    assert not identity.has_key(ws)
    path = book(tmp_path / "无钥.xlsx", [complaint_row("XF2026-0001", name=None, phone=None)[:4] + ["匿名", None, None,
                                                                                                  ID_NUMBER, None,
                                                                                                  "李四", "问题"]])
    before = snapshot(ws)
    result = ledger_import.import_workbook(ws, path)
    assert [(p.sheet, p.row, p.column, p.reason_zh) for p in result.problems] == [
        ("信访件", 2, "反映人", identity.NO_KEY + "；无此授权时请清空“反映人”“联系电话”“身份证号”“住址”各列再导入")]
    assert snapshot(ws) == before
