"""package YYYY-MM --out DIR: the signed submission package; verify PATH --root: check one (no data dir)."""
from __future__ import annotations

from pathlib import Path

from cli.commands.ca_cmd import PASS_ENV


def register(sub) -> None:
    p = sub.add_parser("package", help="生成已定稿月报的签名报送包，写到 --out 文件夹（如U盘）")
    p.add_argument("period", help="报告期 YYYY-MM")
    p.add_argument("--out", type=Path, required=True, help="目标文件夹")
    p.add_argument("--zip", action="store_true", help="同时生成 .zip 压缩包")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_package)
    v = sub.add_parser("verify", help="校验报送包（文件夹或 .zip），逐项给出结果；不需要数据目录和登录")
    v.add_argument("path", type=Path, help="报送包文件夹或 .zip")
    v.add_argument("--root", type=Path, required=True, help="县纪委根证书（县纪委根证书.pem）")
    v.add_argument("--crl", type=Path, default=None, help="县纪委吊销列表（CRL）")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=run_verify)


def run_package(args, ctx) -> int:
    from services.submission import township
    ws = ctx.login()
    result = township.build_submission(ws, args.period, args.out, ctx.password("私钥口令：", env=PASS_ENV),
                                         make_zip=args.zip)
    lines = [f"已生成报送包：{result.folder}"]
    if result.zip_path:
        lines.append(f"压缩包：{result.zip_path}")
    lines += [f"校验码（SHA-256）：{result.sha256}", "写入后已重新读取校验，全部通过。"]
    lines += [f"提示：{w}" for w in result.warnings]
    ctx.emit(result.as_dict(), "\n".join(lines))
    return 0


def _read(path: Path, label: str) -> bytes:
    from services.errors import ValidationError
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取{label}：{path}（{exc.strerror or exc}）") from exc


def run_verify(args, ctx) -> int:
    # Deliberately no ctx.workspace()/ctx.login(): verification needs no data dir.
    from services.submission.package import verify_package
    from services.submission.package import status_mark
    root = _read(args.root, "根证书文件")
    crl = _read(args.crl, "吊销列表文件") if args.crl else None
    report = verify_package(args.path, root_pem=root, crl_pem=crl)
    lines = [f"文件包：{args.path}"]
    if report.org_name:
        lines.append(f"单位：{report.org_name}（{report.org_code}） 报告期：{report.period} 第 {report.revision} 版")
    lines += [f"{status_mark(c)}  {c.title_zh}：{c.reason_zh}" for c in report.checks]
    unchecked = "、".join(c.title_zh for c in report.unchecked)
    if not report.accepted:
        lines.append(f"结论：{len(report.failed_codes)} 项检查未通过，不能接收。")
    elif unchecked:
        lines.append(f"结论：其余检查均通过，{unchecked}未核对（见上面的说明）。")
    else:
        lines.append("结论：全部检查通过，可以接收。")
    ctx.emit(report.to_dict(), "\n".join(lines))
    return 0 if report.accepted else 1
