"""A complaint's attachments at rest: what whoever reads the attachments folder (or the shared 附件文件夹, or
the database) finds, who may open them, and what an edited, cut-short or swapped file does.

Each attack was seen succeeding before sealing: the folder held the letter's bytes under their SHA-256, the
database its file name, and an officer (who may not see the complainant's identity) opened the scan."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from models import Attachment, AuditEvent
from services.errors import IntegrityFailure, PermissionDenied
from services.security import users
from services.security.file_seal import CHUNK, HEADER_BYTES, TAG_BYTES
from services.storage import attachment_sealing as sealing
from services.storage import attachments
from services.casework import intake
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from tests.helpers.gui_records import make_lead
from tests.helpers.outside_sql import outside
from tests.services.daily.conftest import complaint_input

pytestmark = pytest.mark.both_db

LETTER = "举报人赵铁柱，手机13912345678，反映张三收受礼金。".encode("utf-8") * 40
NAME = "赵铁柱举报信.pdf"


@pytest.fixture
def register(ws):
    return lambda: intake.register_complaint(ws, complaint_input())


def _scan(tmp_path, content=LETTER, name=NAME):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_folder_and_the_database_hold_neither_the_letter_nor_its_name(ws, register, tmp_path):
    c = register()
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    stored = _files(attachments.folder(ws))
    assert list(stored) == [a.sha256] and hashlib.sha256(stored[a.sha256]).hexdigest() == a.sha256
    for piece in ("赵铁柱", "13912345678", "收受礼金"):
        assert piece.encode("utf-8") not in stored[a.sha256]
    assert hashlib.sha256(LETTER).hexdigest() != a.sha256  # the address does not confirm a known letter
    with ws.reading() as s:
        row = s.get(Attachment, a.id)
        assert (row.sealed, row.filename) == (True, "信访材料.pdf")
        events = [e.detail_json for e in s.execute(select(AuditEvent)).scalars()]
    assert not any("赵铁柱" in (d or "") for d in events)
    if ws.engine.dialect.name == "sqlite":
        ws.engine.dispose()
        assert "赵铁柱".encode("utf-8") not in ws.db_path.read_bytes()
    # the key holder who added it sees the real name and opens the real bytes
    assert [v.filename for v in attachments.list_attachments(ws, ("complaint", c.id))] == [NAME]
    opened = attachments.open_attachment_path(ws, a.id)
    assert (opened.name, opened.read_bytes()) == (NAME, LETTER)
    assert attachments.verify_attachment(ws, a.id) is True


def test_an_officer_sees_the_kind_of_file_and_cannot_open_it(ws, register, tmp_path):
    c = register()
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    sign_in_as(ws, "u_officer", ["officer"])
    assert [v.filename for v in attachments.list_attachments(ws, ("complaint", c.id))] == ["信访材料.pdf"]
    with pytest.raises(PermissionDenied) as err:
        attachments.open_attachment_path(ws, a.id)
    assert str(err.value) == sealing.NEEDS_KEY
    assert not sealing.opened_dir(ws).exists() or not any(sealing.opened_dir(ws).rglob("*"))
    assert attachments.verify_attachment(ws, a.id) is True  # the sealed bytes are checked without the key
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == LETTER
    with ws.reading() as s:
        opened = s.execute(select(AuditEvent.username, AuditEvent.entity_id)
                           .where(AuditEvent.action == "attachment.open")).all()
    assert [tuple(r) for r in opened] == [("wang", str(c.id))]


def test_the_opened_copies_go_at_sign_out(ws, register, tmp_path):
    c = register()
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    opened = attachments.open_attachment_path(ws, a.id)
    assert opened.is_file()
    users.logout(ws)
    assert not opened.exists() and not sealing.opened_dir(ws).exists()


def _flip_byte(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_changed_byte_is_refused_and_nothing_is_left_opened(ws, register, tmp_path):
    c = register()
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    _flip_byte(attachments.stored_path(ws, a.sha256), HEADER_BYTES + 10)
    with pytest.raises(IntegrityFailure) as err:
        attachments.open_attachment_path(ws, a.id)
    assert str(err.value) == "附件“信访材料.pdf”：附件文件已被改动、截断或不属于这条记录，无法解密，请从备份中恢复"
    assert not any(p.is_file() for p in sealing.opened_dir(ws).rglob("*"))
    assert attachments.verify_attachment(ws, a.id) is False


def test_a_file_pointed_to_from_another_complaint_does_not_open(ws, register, tmp_path):
    first, second = register(), register()
    a = attachments.add_attachment(ws, ("complaint", first.id), _scan(tmp_path))
    b = attachments.add_attachment(ws, ("complaint", second.id), _scan(tmp_path, b"%PDF other", "other.pdf"))
    with outside(ws) as con:  # whoever holds the database repoints the second complaint's row at the first's file
        con.execute("UPDATE attachments SET sha256 = ?, size = ?, filename_enc = "
                    "(SELECT filename_enc FROM attachments WHERE id = ?) WHERE id = ?",
                    (a.sha256, a.size, a.id, b.id))
    with pytest.raises(IntegrityFailure, match="不属于这条记录"):
        attachments.open_attachment_path(ws, b.id)
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == LETTER


def test_a_file_cut_after_a_whole_chunk_is_refused_even_when_the_size_is_edited_to_match(ws, register, tmp_path):
    c = register()
    big = bytes(range(256)) * (CHUNK // 256) * 2 + b"tail"  # two whole chunks and a short third
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path, big, "扫描.tif"))
    path = attachments.stored_path(ws, a.sha256)
    path.write_bytes(path.read_bytes()[:HEADER_BYTES + 2 * (CHUNK + TAG_BYTES)])
    with outside(ws) as con:
        con.execute("UPDATE attachments SET size = ? WHERE id = ?", (2 * CHUNK, a.id))
    with pytest.raises(IntegrityFailure, match="截断"):
        attachments.open_attachment_path(ws, a.id)


def test_a_plain_file_replacing_the_sealed_one_is_refused(ws, register, tmp_path):
    c = register()
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    forged = b"%PDF forged letter".ljust(attachments.stored_path(ws, a.sha256).stat().st_size, b" ")
    attachments.stored_path(ws, a.sha256).write_bytes(forged)
    with pytest.raises(IntegrityFailure, match="不是本系统加密保存的格式"):
        attachments.open_attachment_path(ws, a.id)


def _legacy_attachment(ws, s, owner_column, owner_id, content, name):
    """A row and file as the app stored them before revision 0011: plain, under the content's SHA-256."""
    sha = hashlib.sha256(content).hexdigest()
    (attachments.folder(ws, s) / sha).write_bytes(content)
    row = Attachment(sha256=sha, size=len(content), filename=name, media_type="application/pdf",
                     **{owner_column: owner_id})
    s.add(row)
    s.flush()
    return row.id, sha


def test_files_stored_before_sealing_are_sealed_at_the_next_sign_in(ws, register, tmp_path):
    c = register()
    lead = make_lead(ws)
    ws.attachments_dir.mkdir(parents=True, exist_ok=True)
    with ws.transaction() as s:
        old_id, old_sha = _legacy_attachment(ws, s, "complaint_id", c.id, LETTER, NAME)
        lone_id, lone_sha = _legacy_attachment(ws, s, "complaint_id", c.id, b"%PDF lone", "另一封.pdf")
        lead_copy, _ = _legacy_attachment(ws, s, "lead_id", lead.id, LETTER, "线索材料.pdf")
    users.logout(ws)
    users.login(ws, "wang", ADMIN_PASSWORD)
    with ws.reading() as s:
        sealed = s.get(Attachment, old_id)
        assert (sealed.sealed, sealed.filename) == (True, "信访材料.pdf") and sealed.sha256 != old_sha
        lead_row = s.get(Attachment, lead_copy)
        assert (lead_row.sealed, lead_row.filename) == (True, "线索材料.pdf")  # under the case-file key, name kept
        actions = [e.action for e in s.execute(select(AuditEvent)).scalars()]
    assert actions.count("attachment.seal") == 3
    assert not (attachments.folder(ws) / old_sha).exists() and not (attachments.folder(ws) / lone_sha).exists()
    assert [p.name for p in attachments.folder(ws).iterdir()] and all(
        LETTER[:30] not in p.read_bytes() for p in attachments.folder(ws).iterdir())
    assert attachments.open_attachment_path(ws, old_id).read_bytes() == LETTER
    assert attachments.open_attachment_path(ws, lead_copy).read_bytes() == LETTER
    assert attachments.open_attachment_path(ws, lone_id).name == "另一封.pdf"


def test_a_plain_file_two_rows_share_stays_until_both_are_sealed(ws, register, tmp_path):
    c = register()
    lead = make_lead(ws)
    sign_in_as(ws, "u_officer", ["officer"])  # holds the case-file key, not the identity key
    ws.attachments_dir.mkdir(parents=True, exist_ok=True)
    with ws.transaction() as s:
        letter_id, sha = _legacy_attachment(ws, s, "complaint_id", c.id, LETTER, NAME)
        lead_copy, _ = _legacy_attachment(ws, s, "lead_id", lead.id, LETTER, "线索材料.pdf")
    users.login(ws, "u_officer", "user-pass-1")
    with ws.reading() as s:
        assert (s.get(Attachment, letter_id).sealed, s.get(Attachment, lead_copy).sealed) == (False, True)
    assert (attachments.folder(ws) / sha).read_bytes() == LETTER  # the complaint's row still reads it
    users.login(ws, "wang", ADMIN_PASSWORD)
    with ws.reading() as s:
        assert s.get(Attachment, letter_id).sealed
    assert not (attachments.folder(ws) / sha).exists()


def test_a_file_missing_before_sealing_is_named_and_the_sign_in_goes_on(ws, register, tmp_path):
    c = register()
    ws.attachments_dir.mkdir(parents=True, exist_ok=True)
    with ws.transaction() as s:
        gone_id, gone_sha = _legacy_attachment(ws, s, "complaint_id", c.id, b"%PDF gone", "丢失.pdf")
    (attachments.folder(ws) / gone_sha).unlink()
    users.logout(ws)
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert ws.current_user.username == "wang"
    sealed, problems = sealing.seal_existing(ws)
    assert sealed == 0 and len(problems) == 1 and "丢失.pdf" in problems[0] and "未能加密" in problems[0]
    with ws.reading() as s:
        assert s.get(Attachment, gone_id).sealed is False


def test_a_clerk_without_the_key_cannot_add_a_letter_and_nothing_is_stored(ws, register, tmp_path):
    c = register()
    ws.identity_vault.lock()  # a clerk whose key was never granted
    with pytest.raises(PermissionDenied, match="身份信息密钥未解锁"):
        attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    assert not attachments.folder(ws).exists() or _files(attachments.folder(ws)) == {}
    with ws.reading() as s:
        assert s.execute(select(Attachment)).first() is None


def test_a_link_put_in_place_of_the_opened_folder_does_not_receive_the_letter(ws, register, tmp_path):
    c = register()
    a = attachments.add_attachment(ws, ("complaint", c.id), _scan(tmp_path))
    share = tmp_path / "share"  # say, a network drive whoever made the link can read
    share.mkdir()
    sealing.opened_dir(ws).symlink_to(share, target_is_directory=True)
    opened = attachments.open_attachment_path(ws, a.id)
    assert opened.read_bytes() == LETTER and list(share.iterdir()) == []
    assert not sealing.opened_dir(ws).is_symlink() and opened.parent.parent == sealing.opened_dir(ws)
    sealing.purge_opened(ws)
    sealing.opened_dir(ws).symlink_to(share, target_is_directory=True)
    (share / "keep.txt").write_text("not the app's")
    users.logout(ws)  # the purge removes the link, never what it points to
    assert (share / "keep.txt").exists() and not sealing.opened_dir(ws).exists()


def test_a_file_name_edited_in_the_database_cannot_leave_the_opened_folder(ws, tmp_path):
    lead = make_lead(ws)
    a = attachments.add_attachment(ws, ("lead", lead.id), _scan(tmp_path, b"%PDF plan", "方案.pdf"))
    for name, expected in (("../../../逃出.pdf", "逃出.pdf"), ("..\\\\..\\\\win.pdf", "win.pdf"), ("CON.pdf", "_CON.pdf")):
        with outside(ws) as con:
            con.execute("UPDATE attachments SET filename = ? WHERE id = ?", (name, a.id))
        opened = attachments.open_attachment_path(ws, a.id)
        assert opened.name == expected and opened.parent.parent == sealing.opened_dir(ws)
