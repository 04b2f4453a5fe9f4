"""Refusing a save over someone else's newer save (issue 13, several writers on one database).

A form loads a record with its ``version`` (models.versioning) and hands it back on save as
``expected_version``; ``check_version`` compares it inside the write transaction, after locking the
row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the transaction already holds the one write
lock), so no one can change the row between the check and the UPDATE. Should that ever happen all
the same, SQLAlchemy's version check refuses the UPDATE (``StaleDataError``), which
``Workspace.transaction`` turns into the same ``ConcurrentEditError`` (``stale_save_error``).
``None`` (a caller without a form, the CLI) checks nothing.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from models import User
from services.errors import ConcurrentEditError

KEEP = "请关闭后重新打开再改（您的输入仍保留在表单中）"


def conflict_message(session: Session, row, label: str) -> str:
    """``label`` 已于 2026-12-06 14:05 由 王书记 修改，请关闭后重新打开再改（您的输入仍保留在表单中）."""
    user = session.get(User, row.updated_by_id) if row.updated_by_id is not None else None
    who = f"由 {user.display_name} " if user is not None else "由他人"
    when = f"于 {row.updated_at.astimezone():%Y-%m-%d %H:%M} " if row.updated_at is not None else ""
    return f"{label}已{when}{who}修改，{KEEP}"


def check_version(session: Session, row, expected_version: int | None, label: str) -> None:
    """Refuse (``ConcurrentEditError``) when ``row`` is no longer at the version the form loaded."""
    if expected_version is None:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.refresh(row, with_for_update=True)
    if row.version != expected_version:
        raise ConcurrentEditError(conflict_message(session, row, label))


def stale_save_error() -> ConcurrentEditError:
    """What a save refused by SQLAlchemy's own version check says (the row changed during the save)."""
    return ConcurrentEditError(f"该记录刚刚被他人修改，本次保存未完成，{KEEP}")
