"""County side of audit anchoring: a township's chain may only grow (services/security/audit_checkpoints.py).

At import the county reads the package's ``data/audit-chain.json`` (its bytes are covered by the
bag manifest and the package's CMS signature, so they come from the holder of the township's
key) and compares it with every checkpoint it already holds for that township (the
``audit_count``/``audit_head`` of the packages it received):

- the extract must be well-formed: ``events`` numbered from ``since.count + 1`` up to the
  checkpoint, the last hash equal to the checkpoint's head, ``anchors`` inside ``since``;
- for every checkpoint the county holds with a count the package covers, the package must give a
  hash for that event (from ``since``, ``events`` or ``anchors``) and it must be the same — else
  history already reported was rewritten, and the refusal names the township, the earlier
  package and the event number (the divergence lies at or before that event);
- a package whose chain is shorter than one already received is refused unless it is exactly
  an earlier package again (then the replay rule in county.py speaks).

A package without the extract is accepted only while the county holds no checkpoint of that
township (packages made by older versions); afterwards it is refused.

A township that really lost reported history (it restored a backup older than its last package)
is refused like a rewrite: the county cannot tell the two apart. After checking with the township,
the county's secretary may reset the check (``county audit-reset CODE --reason …``, audited with
the reason and the checkpoint given up); checkpoints of packages received before the reset are
then no longer compared, and the next package starts a new baseline.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEvent, ReceivedPackage
from models.enums import OrgMode

from services.errors import StateError
from services.reporting.layout import period_text
from services.security import audit
from services.submission.package import Check, VerifyReport
from services.submission.package.layout import AUDIT_CHAIN_FILE
from services.submission.package.verify import WARNING

CODE = "audit_chain"
TITLE = "审计链延续"
SCHEMA = "jijian.audit-chain/1"
MAX_BYTES = 64 * 1024 * 1024
RESET_ACTION = "county.audit_reset"
RESET_HINT = "如经核实确系乡镇恢复了较早的备份，可由县纪委书记重置该乡镇的审计链核对（county audit-reset）后重新导入"
_HASH = re.compile(r"^[0-9a-f]{64}$")


class _Bad(Exception):
    pass


def read_extract(stored: Path, name: str) -> dict | None:
    """The package's audit-chain.json (folder or zip), or None when it has none."""
    try:
        if stored.is_file():
            with zipfile.ZipFile(stored) as zf:
                try:
                    info = zf.getinfo(f"{name}/{AUDIT_CHAIN_FILE}")
                except KeyError:
                    return None
                if info.file_size > MAX_BYTES:
                    raise _Bad("审计链文件过大")
                raw = zf.read(info)
        else:
            path = stored / AUDIT_CHAIN_FILE
            if not path.is_file():
                return None
            raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile) as exc:
        raise _Bad(f"{AUDIT_CHAIN_FILE} 无法读取（{type(exc).__name__}）") from exc
    if not isinstance(data, dict):
        raise _Bad(f"{AUDIT_CHAIN_FILE} 的内容格式不正确")
    return data


def _count(value, label: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Bad(f"{label}不是非负整数")
    return value


def _hash(value, label: str) -> str:
    if not isinstance(value, str) or not _HASH.match(value):
        raise _Bad(f"{label}不是有效的哈希值")
    return value


def _pairs(value, label: str) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        raise _Bad(f"{label}格式不正确")
    out = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise _Bad(f"{label}格式不正确")
        out.append((_count(item[0], f"{label}中的编号"), _hash(item[1], f"{label}中的哈希")))
    return out


def parse(data: dict, org_code: str) -> tuple[int, str, dict[int, str]]:
    """(checkpoint count, head, every event number → hash the extract states); _Bad when malformed."""
    if data.get("schema") != SCHEMA:
        raise _Bad(f"审计链格式不是 {SCHEMA}")
    if data.get("org_code") != org_code:
        raise _Bad(f"审计链的单位代码为“{data.get('org_code')}”，与文件包（{org_code}）不一致")
    cp, since = data.get("checkpoint"), data.get("since")
    if not isinstance(cp, dict) or not isinstance(since, dict):
        raise _Bad("审计链缺少检查点")
    count, head = _count(cp.get("count"), "检查点条数"), _hash(cp.get("head"), "检查点链头")
    s_count, s_head = _count(since.get("count"), "起点条数"), _hash(since.get("head"), "起点哈希")
    events, anchors = _pairs(data.get("events"), "事件列表"), _pairs(data.get("anchors"), "历史检查点")
    if [i for i, _ in events] != list(range(s_count + 1, count + 1)):
        raise _Bad(f"事件列表应连续列出第 {s_count + 1} 至 {count} 条")
    if (events[-1][1] if events else s_head) != head:
        raise _Bad("事件列表的最后一条与检查点链头不符")
    stated = {s_count: s_head, count: head}
    for i, h in anchors + events:
        if i > count or stated.setdefault(i, h) != h:
            raise _Bad(f"审计链对第 {i} 条记录给出了不一致的哈希")
    return count, head, stated


def _reset_after(session: Session, code: str) -> int:
    """Packages with an id up to this were received before the township's latest reset."""
    raw = session.execute(select(AuditEvent.detail_json).where(
        AuditEvent.action == RESET_ACTION, AuditEvent.entity_id == code).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    try:
        return int(json.loads(raw)["last_package_id"]) if raw else 0
    except (ValueError, KeyError, TypeError):
        return 0


def _known(session: Session, code: str) -> list[ReceivedPackage]:
    return list(session.execute(select(ReceivedPackage).where(
        ReceivedPackage.township_code == code, ReceivedPackage.audit_count.is_not(None),
        ReceivedPackage.id > _reset_after(session, code))
        .order_by(ReceivedPackage.audit_count, ReceivedPackage.id)).scalars())


def _label(row: ReceivedPackage) -> str:
    return f"{period_text(row.period)}第 {row.revision} 版报送包"


def check(session: Session, report: VerifyReport, stored: Path | None, name: str) -> Check:
    """The ``audit_chain`` check of one package against what the county holds."""
    code, town = report.org_code, report.org_name or report.org_code
    if stored is None or not code:
        return Check(CODE, TITLE, False, "未检查：文件包无法读取")
    known = _known(session, code)
    try:
        data = read_extract(stored, name)
        if data is None:
            if known:
                return Check(CODE, TITLE, False, f"本包缺少 {AUDIT_CHAIN_FILE}；{town}此前报送的文件包都附有审计链，"
                             "不能确认其审计日志未被改写")
            return Check(CODE, TITLE, True, "文件包未附审计链（旧版本软件生成），从附有审计链的文件包起核对", WARNING)
        count, head, stated = parse(data, code)
    except _Bad as exc:
        return Check(CODE, TITLE, False, str(exc))
    for row in known:
        c = row.audit_count
        if c > count:
            continue
        got = stated.get(c)
        if got is None:
            return Check(CODE, TITLE, False,
                         f"本包未给出第 {c} 条记录的哈希（{_label(row)}的审计链头），无法证明{town}的审计日志延续"
                         "（乡镇的检查点记录可能被删除）")
        if got != row.audit_head:
            return Check(CODE, TITLE, False,
                         f"{town}的审计日志已被改写：第 {c} 条记录的哈希与已接收的{_label(row)}中的不一致"
                         f"（已报送的历史在第 {c} 条或之前被删除或改动），拒绝接收。{RESET_HINT}")
    longest = known[-1] if known else None
    if longest is not None and count < longest.audit_count:
        if any(r.audit_count == count and r.audit_head == head for r in known):
            return Check(CODE, TITLE, True, f"与已接收的文件包的审计链一致（第 {count} 条）")
        return Check(CODE, TITLE, False,
                     f"{town}的审计日志变短了：已接收的{_label(longest)}记录到第 {longest.audit_count} 条，"
                     f"本包只到第 {count} 条（已报送的记录被删除），拒绝接收。{RESET_HINT}")
    if longest is None:
        return Check(CODE, TITLE, True, f"首次核对：审计日志共 {count} 条，链头 {head[:16]}…")
    return Check(CODE, TITLE, True, f"审计日志自已接收的第 {longest.audit_count} 条延续至第 {count} 条")


def add_check(session: Session, report: VerifyReport, stored: Path | None, name: str) -> None:
    """Add (or replace) the ``audit_chain`` check in ``report``."""
    result = check(session, report, stored, name)
    report.checks = [c for c in report.checks if c.code != CODE] + [result]


def anchor_columns(stored: Path, name: str) -> dict:
    """``audit_count``/``audit_head`` for the ReceivedPackage row of an accepted package."""
    try:
        data = read_extract(stored, name)
    except _Bad:
        data = None
    cp = (data or {}).get("checkpoint") or {}
    if not isinstance(cp.get("count"), int) or not isinstance(cp.get("head"), str):
        return {"audit_count": None, "audit_head": None}
    return {"audit_count": cp["count"], "audit_head": cp["head"]}


def reset_anchor(ws, code: str, reason: str) -> dict:
    """Stop comparing a township's packages with the checkpoints received so far (audited, with reason)."""
    from services.submission.keys import require_mode
    from services.security.permissions import require
    from services.validation import validate_text
    require(ws.current_user, "report.finalize")
    reason = validate_text(reason, label="重置原因", field="reason", max_length=500, required=True) or ""
    with ws.transaction() as s:
        require_mode(s, OrgMode.county.value)
        known = _known(s, code)
        if not known:
            raise StateError(f"尚未接收单位代码“{code}”附有审计链的报送包（或已重置），无需重置")
        last = known[-1]
        detail = {"reason": reason, "last_package_id": max(r.id for r in known), "count": last.audit_count,
                  "head": last.audit_head, "package": f"{last.period}/r{last.revision}"}
        audit.record(s, ws.current_user, RESET_ACTION, "township", code, detail)
        return {"township_code": code, **detail}
