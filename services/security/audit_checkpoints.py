"""Checkpoints of the audit chain, signed with the township key, and the chain extract a package carries.

Design (issue 9, item 3):

- A *checkpoint* states "the chain had ``event_count`` events and event #count had hash
  ``head_hash``" at ``created_at``, with what made it (``finalize`` of a report, ``package`` for
  the county, or ``manual`` from ``audit checkpoint``) and a reference (``2026-10/r1``). One is
  recorded at every 定稿 and every 报送包, in the same transaction as the event it follows.
- Signed message (UTF-8, one ``key:value`` per line, in this order)::

      jijian.audit-checkpoint/1
      org:<org code>  count:<n>  head:<hash>  at:<UTC ISO time, µs>  trigger:<t>  ref:<ref>  prev:<hex>

  ``prev`` is the SHA-256 of the previous checkpoint's message (64 zeros for the first), so the
  checkpoints form a chain of their own and one signature covers every checkpoint before it.
  Signature: ECDSA P-256 / SHA-256 (DER) with the township's signing key; the certificate is
  stored beside it. Packaging always has the key (the secretary types its passphrase), so those
  checkpoints are signed; 定稿 has no passphrase, so its checkpoint is recorded unsigned and the
  next signed one (the package) covers it.
- ``verify`` (``audit verify``, ``check --deep``): every checkpoint links to the one before, the
  chain still extends it (event #count still exists and has that hash) and a signature is valid,
  made by a certificate the installed county root issued to this office. Deleting the last N
  events, or deleting events and recomputing every hash (ids and links made consistent again), is
  detected whenever a signed checkpoint (or a later checkpoint, signed, through ``prev``) covers them.
- ``data/audit-chain.json`` in each package (covered by the bag manifest and the CMS signature):
  ``{"schema": "jijian.audit-chain/1", "org_code", "checkpoint": {count, head, at, trigger, ref,
  prev, signature (base64)}, "since": {count, head}, "events": [[id, hash], …], "anchors":
  [[count, hash], …]}`` — ``since`` is the previous package's checkpoint, ``events`` every event
  after it up to this checkpoint (ids and hashes only, never details), and ``anchors`` today's
  hash at every earlier package checkpoint, so the county can check that what it already holds
  is still in the chain (services/submission/county_audit.py).
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditCheckpoint, AuditEvent, Organization

from services.errors import DomainError, IntegrityFailure, StateError
from services.security import audit
from services.submission import cert_trust, pki

SCHEMA = "jijian.audit-checkpoint/1"
CHAIN_SCHEMA = "jijian.audit-chain/1"
CHAIN_FILE = "data/audit-chain.json"
TRIGGER_LABELS = {"finalize": "月报定稿", "package": "生成报送包", "manual": "手工签名"}


def message(cp: AuditCheckpoint) -> bytes:
    at = cp.created_at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    return (f"{SCHEMA}\norg:{cp.org_code}\ncount:{cp.event_count}\nhead:{cp.head_hash}\nat:{at}\n"
            f"trigger:{cp.trigger}\nref:{cp.ref}\nprev:{cp.prev_digest}\n").encode("utf-8")


def message_digest(cp: AuditCheckpoint) -> str:
    return hashlib.sha256(message(cp)).hexdigest()


def describe(cp: AuditCheckpoint) -> str:
    when = cp.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    ref = f" {cp.ref}" if cp.ref else ""
    return f"检查点 #{cp.id}（{when} {TRIGGER_LABELS.get(cp.trigger, cp.trigger)}{ref}，第 {cp.event_count} 条）"


@dataclass(frozen=True)
class Signer:
    """The township's key (already unlocked) and its certificate."""

    key: ec.EllipticCurvePrivateKey
    cert_pem: bytes


def load_signer(ws, passphrase: str | bytes) -> Signer:
    """The installed key and certificate; a wrong passphrase is refused."""
    from services.submission import keys
    material = keys.signing_material(ws)
    return Signer(pki.load_private_key(material.key_pem, keys.as_passphrase(passphrase)), material.cert_pem)


def create(session: Session, *, trigger: str, ref: str = "", at: dt.datetime,
           signer: Signer | None = None) -> AuditCheckpoint:
    """Record a checkpoint of the chain as it stands in this transaction (events written first)."""
    audit.write_pending(session)
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    count, head = (last[0], last[1]) if last else (0, audit.GENESIS)
    org = session.execute(select(Organization)).scalars().first()
    if org is None:
        raise StateError("尚未初始化单位信息")
    prev = session.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(1)).scalar()
    cp = AuditCheckpoint(created_at=at, org_code=org.code, event_count=count, head_hash=head, trigger=trigger,
                         ref=ref, prev_digest=message_digest(prev) if prev else audit.GENESIS)
    if signer is not None:
        cp.signature = signer.key.sign(message(cp), ec.ECDSA(hashes.SHA256()))
        cp.signer_cert_pem = signer.cert_pem.decode("ascii")
    session.add(cp)
    session.flush()
    return cp


def sign_now(ws, passphrase: str | bytes) -> AuditCheckpoint:
    """``audit checkpoint``: a signed checkpoint at this moment (covers every earlier one)."""
    from services.security.permissions import require
    require(ws.current_user, "package.create")
    signer = load_signer(ws, passphrase)
    with ws.transaction() as s:
        cp = create(s, trigger="manual", at=ws.now(), signer=signer)
        audit.record(s, ws.current_user, "audit.checkpoint", "audit_checkpoint", cp.id,
                     {"count": cp.event_count, "head": cp.head_hash, "signed": True})
        return cp


# ---------------------------------------------------------------- verification

@dataclass
class CheckpointReport:
    count: int = 0
    signed: int = 0
    unsigned_uncovered: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> str:
        if not self.count:
            return "尚无审计检查点（定稿或生成报送包时记录）"
        if self.ok:
            text = f"审计检查点 {self.count} 个全部与审计日志一致（其中 {self.signed} 个已签名）"
            if self.unsigned_uncovered:
                text += f"；最近 {self.unsigned_uncovered} 个尚未签名，将由下次生成报送包时的签名覆盖"
            return text
        return "审计检查点校验失败：\n" + "\n".join(f"  {p}" for p in self.problems)


def _signature_problem(cp: AuditCheckpoint, org_code: str, root: "pki.x509.Certificate | None") -> str | None:
    try:
        cert = pki.load_certificate(cp.signer_cert_pem.encode("ascii") if cp.signer_cert_pem else b"")
        name, code = pki.org_of_certificate(cert)
    except (DomainError, ValueError, UnicodeEncodeError):
        return f"{describe(cp)}：签名证书无法读取"
    if code != org_code or cp.org_code != org_code:
        return f"{describe(cp)}：签名证书属于“{name}（{code}）”，不是本单位（{org_code}）的证书（签名被伪造）"
    if root is None:
        return f"{describe(cp)}：本机没有安装县纪委根证书，无法核对签名证书"
    try:
        cert_trust.check_certificate(cert, root, cp.created_at)
    except DomainError as exc:
        return f"{describe(cp)}：签名证书不可信（{exc.message}）"
    try:
        cert.public_key().verify(cp.signature, message(cp), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        return f"{describe(cp)}：签名与检查点内容不符（检查点被改动或签名被伪造）"
    return None


def installed_root(data_dir: Path):
    from services.submission.keys import ROOT_FILE
    path = Path(data_dir) / "keys" / ROOT_FILE
    try:
        return pki.load_certificate(path.read_bytes())
    except (OSError, DomainError, ValueError):
        return None


def verify(session: Session, data_dir: Path) -> CheckpointReport:
    """Check every checkpoint: its link, that the chain still extends it, and its signature."""
    org = session.execute(select(Organization)).scalars().first()
    org_code = org.code if org else ""
    root = installed_root(data_dir)
    rep = CheckpointReport()
    prev = audit.GENESIS
    unsigned_since_signed = 0
    for cp in session.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.id)).scalars():
        rep.count += 1
        if cp.prev_digest != prev:
            rep.problems.append(f"{describe(cp)}：与上一个检查点的链接不符（检查点被删除或改动）")
        prev = message_digest(cp)
        have = audit.hash_at(session, cp.event_count)
        if have is None:
            rep.problems.append(f"{describe(cp)}：检查点记录审计日志共 {cp.event_count} 条，现在第 {cp.event_count} 条"
                                "已不存在——审计日志被截断（最后的记录被删除）")
        elif have != cp.head_hash:
            rep.problems.append(f"{describe(cp)}：第 {cp.event_count} 条记录的哈希与检查点不符——审计日志被改写"
                                "（记录被删除或改动后重新计算了哈希）")
        if cp.signature:
            problem = _signature_problem(cp, org_code, root)
            if problem:
                rep.problems.append(problem)
            else:
                rep.signed += 1
                unsigned_since_signed = 0
        else:
            unsigned_since_signed += 1
    rep.unsigned_uncovered = unsigned_since_signed
    return rep


# ---------------------------------------------------------------- the package's extract

def _hash_or_fail(session: Session, event_id: int) -> str:
    h = audit.hash_at(session, event_id)
    if h is None:
        raise IntegrityFailure(f"审计日志缺少第 {event_id} 条记录，不能生成报送包；请运行“audit verify”检查审计日志")
    return h


def package_chain(session: Session, cp: AuditCheckpoint) -> dict:
    """The ``data/audit-chain.json`` document for the package that ``cp`` (signed) was made for."""
    earlier = list(session.execute(select(AuditCheckpoint.event_count).where(
        AuditCheckpoint.trigger == "package", AuditCheckpoint.id < cp.id).order_by(AuditCheckpoint.id)).scalars())
    since = earlier[-1] if earlier else 0
    since = min(since, cp.event_count)
    events = [[i, h] for i, h in session.execute(select(AuditEvent.id, AuditEvent.hash).where(
        AuditEvent.id > since, AuditEvent.id <= cp.event_count).order_by(AuditEvent.id)).all()]
    if len(events) != cp.event_count - since:
        have = {e[0] for e in events}
        missing = next(i for i in range(since + 1, cp.event_count + 1) if i not in have)
        _hash_or_fail(session, missing)
    anchors = [[c, _hash_or_fail(session, c)] for c in sorted(set(earlier)) if c <= cp.event_count]
    return {
        "schema": CHAIN_SCHEMA,
        "org_code": cp.org_code,
        "checkpoint": {"count": cp.event_count, "head": cp.head_hash,
                       "at": cp.created_at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"),
                       "trigger": cp.trigger, "ref": cp.ref, "prev": cp.prev_digest,
                       "signature": base64.b64encode(cp.signature or b"").decode("ascii")},
        "since": {"count": since, "head": _hash_or_fail(session, since)},
        "events": events,
        "anchors": anchors,
    }
