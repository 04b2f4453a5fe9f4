"""The office's case-file key, which seals leads' and cases' attachments (talk records, 初核 plans, 函询 replies):
what the folder holds, how the key reaches every user without their password (after the upgrade that brought
it, after a reset), and what a key copied from another user's row does."""
from __future__ import annotations

import hashlib
import threading

import pytest
from sqlalchemy import select

from models import Attachment, AuditEvent, User
from services.errors import PermissionDenied
from services.security import case_file_keys, users
from services.security.identity_crypto import NOT_YET
from services.storage import attachments
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD, sign_in_as
from tests.helpers.crypto import CHEAP_CRYPTO
from tests.helpers.gui_records import make_lead
from tests.helpers.outside_sql import outside

pytestmark = pytest.mark.both_db

RECORD = "谈话记录：张三承认收受礼金两千元，已退还。".encode("utf-8") * 30
OFFICER_PASSWORD = "user-pass-1"


def _record(tmp_path, name="谈话记录.pdf", content=RECORD):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _actions(ws, action):
    with ws.reading() as s:
        return [tuple(r) for r in s.execute(select(AuditEvent.username, AuditEvent.detail_json)
                                             .where(AuditEvent.action == action).order_by(AuditEvent.id)).all()]


def test_a_talk_record_lies_sealed_in_the_folder_and_an_officer_opens_it(ws, tmp_path):
    lead = make_lead(ws)
    a = attachments.add_attachment(ws, ("lead", lead.id), _record(tmp_path))
    stored = attachments.stored_path(ws, a.sha256).read_bytes()
    assert "收受礼金".encode("utf-8") not in stored and hashlib.sha256(stored).hexdigest() == a.sha256
    sign_in_as(ws, "u_officer", ["officer"])
    assert [v.filename for v in attachments.list_attachments(ws, ("lead", lead.id))] == ["谈话记录.pdf"]
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == RECORD
    assert _actions(ws, "attachment.open") == []  # a lead's file: the view right decides, as for its other fields


def _as_before_the_upgrade(ws):
    """Every user as revision 0011 left them: no key pair, no case-file key (outside the app, as a migration)."""
    with outside(ws) as con:
        con.execute("UPDATE users SET public_key = NULL, wrapped_private_key = NULL, wrapped_file_key = NULL")


def test_after_the_upgrade_the_first_to_sign_in_makes_the_key_and_every_holder_hands_it_on(ws, tmp_path):
    lead = make_lead(ws)
    sign_in_as(ws, "u_officer", ["officer"])
    users.logout(ws)
    _as_before_the_upgrade(ws)

    users.login(ws, "u_officer", OFFICER_PASSWORD)  # the first after the upgrade
    plan = attachments.add_attachment(ws, ("lead", lead.id), _record(tmp_path, "工作方案.pdf"))
    assert [u for u, _ in _actions(ws, "keys.case_file_created")] == ["u_officer"]

    users.login(ws, "wang", ADMIN_PASSWORD)  # gets a key pair; the key is the officer's to hand on
    with pytest.raises(PermissionDenied) as err:
        attachments.open_attachment_path(ws, plan.id)
    assert str(err.value) == NOT_YET

    users.login(ws, "u_officer", OFFICER_PASSWORD)
    assert [(u, d) for u, d in _actions(ws, "keys.case_file_granted")] == [("u_officer", '{"usernames": ["wang"]}')]
    users.login(ws, "wang", ADMIN_PASSWORD)
    assert attachments.open_attachment_path(ws, plan.id).read_bytes() == RECORD
    assert len(_actions(ws, "keys.case_file_created")) == 1  # one key for the office


def test_a_reset_password_gets_the_key_again_and_a_changed_one_keeps_it(ws, tmp_path):
    lead = make_lead(ws)
    a = attachments.add_attachment(ws, ("lead", lead.id), _record(tmp_path))
    sign_in_as(ws, "u_officer", ["officer"])
    users.change_password(ws, OFFICER_PASSWORD, "officer-new-2")
    users.login(ws, "u_officer", "officer-new-2")
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == RECORD

    users.login(ws, "wang", ADMIN_PASSWORD)
    users.reset_password(ws, "u_officer", "officer-reset-3")
    users.login(ws, "u_officer", "officer-reset-3")
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == RECORD


def test_a_key_copied_from_another_users_row_opens_nothing_and_the_next_holder_puts_it_right(ws, tmp_path):
    lead = make_lead(ws)
    a = attachments.add_attachment(ws, ("lead", lead.id), _record(tmp_path))
    sign_in_as(ws, "u_officer", ["officer"])
    users.logout(ws)
    with outside(ws) as con:  # the officer's row gets wang's sealed key (and wang's public key)
        con.execute("UPDATE users SET wrapped_file_key = (SELECT wrapped_file_key FROM users WHERE username = 'wang'),"
                    " public_key = (SELECT public_key FROM users WHERE username = 'wang') WHERE username = 'u_officer'")
    users.login(ws, "u_officer", OFFICER_PASSWORD)
    assert not case_file_keys.vault(ws).is_unlocked
    with pytest.raises(PermissionDenied, match="案件附件密钥尚未分发给您"):
        attachments.open_attachment_path(ws, a.id)
    users.login(ws, "wang", ADMIN_PASSWORD)  # hands a fresh one to the officer's own key pair
    users.login(ws, "u_officer", OFFICER_PASSWORD)
    assert attachments.open_attachment_path(ws, a.id).read_bytes() == RECORD


def test_the_database_holds_no_key_in_clear(ws, tmp_path):
    lead = make_lead(ws)
    attachments.add_attachment(ws, ("lead", lead.id), _record(tmp_path))
    key = case_file_keys.vault(ws).key()
    with ws.reading() as s:
        blobs = [b for row in s.execute(select(User.public_key, User.wrapped_private_key, User.wrapped_file_key))
                 for b in row if b]
        files = s.execute(select(Attachment.sealed)).scalars().all()
    assert blobs and not any(key in bytes(b) for b in blobs) and files == [True]
    users.logout(ws)
    assert not case_file_keys.vault(ws).is_unlocked


@pytest.mark.postgresql_only
def test_two_desks_signing_in_at_once_after_the_upgrade_make_one_key(ws, today, tmp_path):
    users.create_user(ws, "li", "李娜", OFFICER_PASSWORD, ["officer"])
    other = open_workspace(ws.data_dir, url=ws.engine.url.render_as_string(hide_password=False),
                           today=lambda: today, crypto=CHEAP_CRYPTO)
    try:
        users.logout(ws)
        _as_before_the_upgrade(ws)
        start, failures = threading.Barrier(2), []

        def sign_in(desk, name, password):
            start.wait()
            try:
                users.login(desk, name, password)
            except Exception as exc:  # noqa: BLE001 - reported below, whatever it is
                failures.append(exc)

        desks = [threading.Thread(target=sign_in, args=(ws, "wang", ADMIN_PASSWORD)),
                 threading.Thread(target=sign_in, args=(other, "li", OFFICER_PASSWORD))]
        for t in desks:
            t.start()
        for t in desks:
            t.join()
        assert failures == []
        assert len(_actions(ws, "keys.case_file_created")) == 1  # the organization row lock: one key, not two
        holder, waiter = (ws, other) if case_file_keys.vault(ws).is_unlocked else (other, ws)
        assert not case_file_keys.vault(waiter).is_unlocked
        lead = make_lead(ws) if holder is ws else make_lead(other)
        a = attachments.add_attachment(holder, ("lead", lead.id), _record(tmp_path))  # hands the key on
        users.login(waiter, waiter.current_user.username, ADMIN_PASSWORD if waiter is ws else OFFICER_PASSWORD)
        assert attachments.open_attachment_path(waiter, a.id).read_bytes() == RECORD
    finally:
        other.close()
