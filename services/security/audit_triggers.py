"""On open: put back the append-only triggers of the audit tables if someone dropped them.

Dropping them needs nothing but the database file (``sqlite3 jijian.sqlite "DROP TRIGGER …"``);
the app then recreates them before anything else runs and records ``audit.triggers_restored``
naming them, so the gap shows in the log. (What was done while they were missing is found by
``audit verify`` / ``check --deep`` through the checkpoints and row digests, not by this.)
"""
from __future__ import annotations

from models.ddl import create_append_only_triggers, missing_append_only_triggers
from sqlalchemy.exc import ProgrammingError

from services.errors import DomainError

from services.security import audit

ACTION = "audit.triggers_restored"
INSUFFICIENT_PRIVILEGE = "42501"


def restore_missing(ws) -> list[str]:
    """Recreate missing append-only triggers, audited; the names restored (usually none)."""
    with ws.reading() as s:
        missing = missing_append_only_triggers(s.connection())
    if not missing:
        return []
    try:
        with ws.transaction() as s:
            conn = s.connection()
            missing = missing_append_only_triggers(conn)
            if missing:
                create_append_only_triggers(conn, missing)
                audit.record(s, None, ACTION, "database", "", {"triggers": missing})
    except ProgrammingError as exc:  # a server's app role does not own the tables: the owner must restore them
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        raise DomainError(f"审计日志的防篡改触发器缺失（{'、'.join(missing)}），当前数据库用户无权恢复："
                          "请服务器管理员用数据库所有者账号运行 db migrate 恢复后再打开本程序") from exc
    return missing
