"""keys create | install | install-crl | status: the township's signing key and certificate (township mode)."""
from __future__ import annotations

from pathlib import Path

from cli.commands.ca_cmd import PASS_ENV, check_out_path


def register(sub) -> None:
    p = sub.add_parser("keys", help="乡镇签章密钥：生成密钥和证书申请、安装县纪委签发的证书、查看状态")
    k = p.add_subparsers(dest="keys_command", metavar="操作", required=True)
    c = k.add_parser("create", help="生成签章私钥（口令取自 JIJIAN_KEY_PASSPHRASE 或提示输入）和证书申请")
    c.add_argument("--csr-out", type=Path, required=True, help="证书申请文件写到此处（交县纪委）")
    c.add_argument("--replace", action="store_true", help="已有私钥时仍重新生成（原私钥和证书移入 keys/retired）")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_create)
    i = k.add_parser("install", help="安装县纪委签发的证书和县纪委根证书")
    i.add_argument("--cert", type=Path, required=True, help="本单位的签章证书")
    i.add_argument("--root", type=Path, required=True, help="县纪委根证书（县纪委根证书.pem）")
    i.add_argument("--json", action="store_true")
    i.set_defaults(handler=run_install)
    r = k.add_parser("install-crl", help="安装县纪委的吊销列表（CRL）：本单位证书被吊销后不能再生成报送包")
    r.add_argument("crl", type=Path, help="县纪委发布的吊销列表文件")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_install_crl)
    s = k.add_parser("status", help="查看密钥和证书状态")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_status)


def _read(path: Path, label: str) -> bytes:
    from services.errors import ValidationError
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取{label}：{path}（{exc.strerror or exc}）") from exc


def run_create(args, ctx) -> int:
    from services.submission import keys
    from services.storage.files import atomic_write_bytes
    out = check_out_path(args.csr_out)
    ws = ctx.login()
    csr = keys.create_signing_key(ws, ctx.password("设置私钥口令：", env=PASS_ENV, confirm=True),
                                  replace=args.replace)
    atomic_write_bytes(out, csr)
    ctx.emit({"csr": str(out)}, f"已生成签章私钥（加密保存在数据目录 keys/），证书申请已写出：{out}\n"
                                "请把证书申请文件交县纪委签发证书。私钥口令请牢记，系统不保存口令。")
    return 0


def run_install(args, ctx) -> int:
    from services.submission import keys
    cert, root = _read(args.cert, "证书文件"), _read(args.root, "根证书文件")
    ws = ctx.login()
    st = keys.install_certificate(ws, cert, root, ctx.password("私钥口令：", env=PASS_ENV))
    ctx.emit(st, f"已安装签章证书：{st['subject']}\n有效期至 {st['valid_until'][:10]}（剩 {st['days_left']} 天）\n"
                 f"县纪委根证书指纹：{st['root_fingerprint']}")
    return 0


def run_install_crl(args, ctx) -> int:
    from services.submission import keys
    crl = _read(args.crl, "吊销列表文件")
    ws = ctx.login()
    info = keys.install_crl(ws, crl)
    ctx.emit(info, f"已安装县纪委吊销列表（共吊销 {info['revoked']} 份证书，更新于 {info['last_update'][:16].replace('T', ' ')} UTC）")
    return 0


def run_status(args, ctx) -> int:
    from services.submission import keys
    ws = ctx.login()
    st = keys.key_status(ws)
    lines = [f"单位：{st['org_name']}（{st['org_code']}）", f"签章私钥：{'已生成' if st['has_key'] else '无'}",
             f"签章证书：{st['subject'] + '，有效期至 ' + st['valid_until'][:10] if st['has_cert'] else '未安装'}"]
    if st["has_cert"]:
        lines.append(f"剩余天数：{st['days_left']}")
    if st["root_fingerprint"]:
        lines.append(f"县纪委根证书指纹：{st['root_fingerprint']}")
    if st["warning"]:
        lines.append(f"提示：{st['warning']}")
    ctx.emit(st, "\n".join(lines))
    return 0
