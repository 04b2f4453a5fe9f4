"""audit verify: walk the hash chain and check its signed checkpoints; audit checkpoint: sign one now."""
from __future__ import annotations

from cli.commands.ca_cmd import PASS_ENV


def register(sub) -> None:
    p = sub.add_parser("audit", help="审计日志")
    s = p.add_subparsers(dest="audit_command", metavar="操作", required=True)
    v = s.add_parser("verify", help="校验审计日志哈希链和签名检查点，指出第一条被篡改或缺失的记录")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=run_verify)
    c = s.add_parser("checkpoint", help="用本单位签章私钥签名一个审计检查点（覆盖此前全部记录；口令取自 "
                                        f"{PASS_ENV} 或提示输入）")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_checkpoint)


def run_verify(args, ctx) -> int:
    from services.security import integrity
    ws = ctx.login() if args.user else ctx.workspace()
    if args.user:
        from services.security.permissions import require
        require(ws.current_user, "audit.view")
    rep = integrity.verify(ws)
    ctx.emit(rep.as_dict(), rep.message())
    return 0 if rep.ok else 1


def run_checkpoint(args, ctx) -> int:
    from services.security import audit_checkpoints
    ws = ctx.login()
    cp = audit_checkpoints.sign_now(ws, ctx.password("私钥口令：", env=PASS_ENV))
    ctx.emit({"id": cp.id, "count": cp.event_count, "head": cp.head_hash},
             f"已签名审计检查点 #{cp.id}：共 {cp.event_count} 条记录，链头 {cp.head_hash[:16]}…")
    return 0
