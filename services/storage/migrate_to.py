"""``db migrate-to URL``: a township's SQLite database onto an empty PostgreSQL server database.

The server database is migrated to the app's head revision first, then refused unless every app table
is empty. All tables are copied in one server transaction with their ids (services.storage.table_copy;
the id sequences are moved past them), the audit log as plain inserts, so its hash chain arrives
byte for byte. Then both sides are compared: rows per table, the monthly report's figures for the last
12 months (the ``figures`` function the caller hands in) and ``audit verify``. Attachments: their rows are copied with
the rest; the files stay in the attachments folder (the 附件文件夹 setting, which travels with the
settings table); files only in this desk's data dir are copied into that folder when it is set.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from models import Attachment
from models.db import current_revision, head_revision

from services.errors import StateError
from services.security import audit, integrity
from services.security.permissions import require
from services.storage import attachments, table_copy
from services.storage.backup_store import place_file
from services.storage.workspace import Workspace, open_workspace

MONTHS = 12


class TargetNotEmpty(StateError):
    """The server database already holds data: nothing was copied."""


@dataclass
class MigrationReport:
    target: str                       # the server URL, without any password
    counts: dict[str, int]            # rows per table, the same on both sides
    count_mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)  # table → (source, target)
    months: list[str] = field(default_factory=list)
    figure_mismatches: list[str] = field(default_factory=list)  # periods whose figures differ
    source_audit: str = ""
    target_audit: str = ""
    audit_ok: bool = False
    audit_events: int = 0
    attachments: int = 0
    attachment_folder: Path | None = None
    attachment_files_missing: list[str] = field(default_factory=list)
    attachments_copied: int = 0
    folder_shared: bool = False

    @property
    def ok(self) -> bool:
        return not self.count_mismatches and not self.figure_mismatches and self.audit_ok

    def lines(self) -> list[str]:
        out = [f"已迁移到服务器数据库 {self.target}", f"行数：{len(self.counts)} 张表共 {sum(self.counts.values())} 行，"
               + ("两边逐表一致" if not self.count_mismatches else
                  "不一致：" + "，".join(f"{t} 本机 {a} 行、服务器 {b} 行" for t, (a, b) in self.count_mismatches.items()))]
        out.append(f"报表数字：{self.months[0]} 至 {self.months[-1]} 共 {len(self.months)} 个月，"
                   + ("两边一致" if not self.figure_mismatches else "不一致的月份：" + "、".join(self.figure_mismatches)))
        out.append(f"审计日志：{self.audit_events} 条，本机校验{self.source_audit}；服务器校验{self.target_audit}")
        where = f"附件：{self.attachments} 个附件记录，文件在 {self.attachment_folder}"
        if self.attachments_copied:
            where += f"（本次从本机数据目录复制 {self.attachments_copied} 个文件）"
        out.append(where + ("" if not self.attachment_files_missing
                            else f"；缺少 {len(self.attachment_files_missing)} 个文件"))
        if self.attachments and not self.folder_shared:
            out.append("注意：尚未设置共享的“附件文件夹”，其他电脑看不到这些附件文件：请在系统设置中填写各电脑都能访问的文件夹")
        out.append("检查通过" if self.ok else "检查未通过：请勿启用服务器数据库，保留本机数据库并联系技术人员")
        return out


def _verdict(rep: integrity.IntegrityReport) -> str:
    return "通过" if rep.ok else "未通过：" + rep.message()


def last_months(today: dt.date, n: int = MONTHS) -> list[str]:
    """The ``n`` report periods ending with this month, oldest first ("2025-12" … "2026-11")."""
    y, m, out = today.year, today.month, []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def _figures(ws: Workspace, months: list[str], compute) -> dict[str, dict]:
    with ws.reading() as s:
        return {p: compute(s, p) for p in months}


def _share_files(ws: Workspace, folder: Path) -> tuple[int, list[str]]:
    """Copy attachment files found only in this desk's data dir into ``folder``; the files still missing."""
    with ws.reading() as s:
        shas = sorted(set(s.execute(select(Attachment.sha256)).scalars()))
    copied, missing = 0, []
    for sha in shas:
        dest = folder / sha
        if dest.is_file():
            continue
        local = ws.attachments_dir / sha
        if folder != ws.attachments_dir and local.is_file():
            place_file(local, dest)
            copied += 1
        else:
            missing.append(sha)
    return copied, missing


def migrate_to(ws: Workspace, url: str, *, figures: Callable[[Any, str], dict]) -> MigrationReport:
    """Copy ``ws``'s SQLite database into the empty server database at ``url``; the checks made.

    ``figures(session, period)`` computes a month's report figures (``reporting.figures.compute_figures``,
    handed in by the caller: storage sits below reporting), compared on both sides."""
    require(ws.current_user, "backup.run")
    if ws.engine.dialect.name != "sqlite":
        raise StateError("当前已在使用服务器数据库：db migrate-to 只把本机的 SQLite 数据库迁到服务器")
    if current_revision(ws.engine) != head_revision():
        raise StateError("本机数据库结构不是最新版本，请先用本程序打开一次（自动升级）后再迁移")
    server = open_workspace(ws.data_dir, url=url, today=ws.today, crypto=ws.crypto)  # migrated to head here
    try:
        shown = server.engine.url.render_as_string(hide_password=True)
        with server.engine.connect() as conn:
            filled = table_copy.nonempty_tables(conn)
        if filled:
            raise TargetNotEmpty(f"目标数据库不是空的（{len(filled)} 张表已有数据，如 {filled[0]}）：迁移未进行，"
                                 "服务器上的数据没有改动。请指定一个新建的空数据库")
        with ws.reading() as s, server.engine.begin() as dst:
            counts = table_copy.copy_tables(s.connection(), dst)
        report = _check(ws, server, shown, counts, figures)
    finally:
        server.close()
    with ws.transaction() as s:
        audit.record(s, ws.current_user, "db.migrate_to", "database", shown,
                     {"ok": report.ok, "rows": sum(report.counts.values()), "tables": len(report.counts)})
    return report


def _check(ws: Workspace, server: Workspace, shown: str, counts: dict[str, int], figures) -> MigrationReport:
    with ws.reading() as s:
        source = table_copy.table_counts(s.connection())
    with server.reading() as s:
        target = table_copy.table_counts(s.connection())
    report = MigrationReport(target=shown, counts=target)
    report.count_mismatches = {t: (source[t], target.get(t, -1)) for t in source
                               if source[t] != target.get(t) or counts.get(t) != source[t]}
    report.months = last_months(ws.today())
    mine, theirs = _figures(ws, report.months, figures), _figures(server, report.months, figures)
    report.figure_mismatches = [p for p in report.months if mine[p] != theirs[p]]
    src_rep, dst_rep = integrity.verify(ws), integrity.verify(server)
    with ws.reading() as s1, server.reading() as s2:
        same_head = audit.head(s1) == audit.head(s2)
        report.audit_events = audit.count(s2)
    report.audit_ok = src_rep.ok and dst_rep.ok and same_head
    report.source_audit, report.target_audit = _verdict(src_rep), _verdict(dst_rep)
    if not same_head:
        report.target_audit += "（链头与本机不同）"
    report.attachments = source.get(Attachment.__tablename__, 0)
    folder = attachments.folder(server)
    report.folder_shared = folder != ws.attachments_dir
    report.attachment_folder = folder
    report.attachments_copied, report.attachment_files_missing = _share_files(ws, folder)
    return report


__all__ = ["MONTHS", "MigrationReport", "TargetNotEmpty", "last_months", "migrate_to"]
