"""Optimistic versions of the records a form edits (issue 13, several writers on one database).

``Versioned`` gives an entity a ``version`` counter that SQLAlchemy itself keeps (``version_id_col``:
every UPDATE says ``WHERE version = <the version loaded>`` and sets the next one, so a save over a
row someone else changed meanwhile changes nothing and raises ``StaleDataError``), and who changed it
last and when (``updated_by_id``, ``updated_at``), for the message that names them.

Who: a session's ``info["user_id"]`` (services.storage.workspace sets it per transaction); every
modified versioned row of a flush gets it, whichever service changed it. The columns were added by
ALTER TABLE ADD COLUMN (migration 0008), so ``updated_by_id`` has no FOREIGN KEY (as
Case.filing_approver_id) and ``updated_at`` is empty on rows no one has changed since.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, event, text
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column

from .base import UTCDateTime, utcnow


class Versioned:
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))
    updated_by_id: Mapped[int | None] = mapped_column(Integer)   # a user id (no FK, see above)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _flush_context, _instances) -> None:
    user_id = session.info.get("user_id")
    now = None
    for obj in session.dirty:
        if isinstance(obj, Versioned) and session.is_modified(obj, include_collections=False):
            now = now or utcnow()
            obj.updated_by_id, obj.updated_at = user_id, now
    for obj in session.new:
        if isinstance(obj, Versioned):
            obj.updated_by_id = obj.updated_by_id if obj.updated_by_id is not None else user_id
