"""audit verify: walk the hash chain."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("audit", help="审计日志")
    s = p.add_subparsers(dest="audit_command", metavar="操作", required=True)
    v = s.add_parser("verify", help="校验审计日志哈希链，指出第一条被篡改或缺失的记录")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=run_verify)


def run_verify(args, ctx) -> int:
    from services import audit
    ws = ctx.login() if args.user else ctx.workspace()
    if args.user:
        from services.permissions import require
        require(ws.current_user, "audit.view")
    with ws.reading() as s:
        rep = audit.verify_chain(s)
    ctx.emit({"ok": rep.ok, "count": rep.count, "head": rep.head, "first_broken_id": rep.first_broken_id,
              "reason": rep.reason}, rep.message())
    return 0 if rep.ok else 1
