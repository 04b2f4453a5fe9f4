"""ca init | issue | revoke | crl | list: the county's certificate authority (county mode)."""
from __future__ import annotations

from pathlib import Path

PASS_ENV = "JIJIAN_KEY_PASSPHRASE"


def register(sub) -> None:
    p = sub.add_parser("ca", help="县纪委证书签发：创建根证书、为乡镇签发/吊销证书、发布吊销列表")
    ca = p.add_subparsers(dest="ca_command", metavar="操作", required=True)
    i = ca.add_parser("init", help="创建县纪委根证书（口令取自 JIJIAN_KEY_PASSPHRASE 或提示输入）")
    i.add_argument("--root-out", type=Path, required=True, help="根证书写到此文件（交各乡镇安装），如 县纪委根证书.pem")
    i.add_argument("--json", action="store_true")
    i.set_defaults(handler=run_init)
    s = ca.add_parser("issue", help="审核乡镇的证书申请（CSR）并签发签章证书")
    s.add_argument("request", type=Path, help="乡镇的证书申请文件（.csr）")
    s.add_argument("--out", type=Path, required=True, help="签发的证书写到此文件")
    s.add_argument("--replace", action="store_true", help="该乡镇已有有效证书时仍换发")
    s.add_argument("--days", type=int, default=730, help="有效期天数（默认 730 天，即 2 年）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run_issue)
    r = ca.add_parser("revoke", help="吊销证书并发布新的吊销列表")
    g = r.add_mutually_exclusive_group(required=True)
    g.add_argument("--serial", help="证书序列号（十六进制）")
    g.add_argument("--township", help="乡镇代码：吊销该乡镇全部未吊销的证书")
    r.add_argument("--reason", required=True, help="吊销原因")
    r.add_argument("--crl-out", type=Path, default=None, help="同时把新的吊销列表写到此文件")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_revoke)
    c = ca.add_parser("crl", help="签发并写出当前的吊销列表（CRL）")
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_crl)
    ls = ca.add_parser("list", help="列出已签发的证书")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)


def check_out_path(path: Path) -> Path:
    from services.errors import ValidationError
    if path.is_dir():
        raise ValidationError(f"输出路径是一个文件夹，请给出文件名：{path}")
    if not path.parent.is_dir():
        raise ValidationError(f"目标文件夹不存在：{path.parent}")
    from services.storage.files import ensure_writable
    ensure_writable(path)  # a full or read-only stick is found before a key or certificate is made
    return path


def run_init(args, ctx) -> int:
    from services.submission import county_ca, pki
    from services.storage.files import atomic_write_bytes
    out = check_out_path(args.root_out)
    ws = ctx.login()
    pem = county_ca.init_root(ws, ctx.password("根证书私钥口令：", env=PASS_ENV, confirm=True))
    atomic_write_bytes(out, pem)
    fp = pki.fingerprint(pem)
    ctx.emit({"root": str(out), "fingerprint": fp},
             f"已创建县纪委根证书，已写出 {out}\n指纹（SHA-256）：{fp}\n请把此文件交各乡镇，并当面核对指纹。")
    return 0


def run_issue(args, ctx) -> int:
    from services.submission import county_ca, pki
    from services.errors import ValidationError
    from services.storage.files import atomic_write_bytes
    out = check_out_path(args.out)
    try:
        csr = args.request.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取证书申请文件：{args.request}（{exc.strerror or exc}）") from exc
    ws = ctx.login()
    pem = county_ca.issue(ws, csr, ctx.password("根证书私钥口令：", env=PASS_ENV), replace=args.replace,
                          valid_days=args.days)
    atomic_write_bytes(out, pem)
    cert = pki.load_certificate(pem)
    name, code = pki.org_of_certificate(cert)
    data = {"cert": str(out), "serial": f"{cert.serial_number:X}", "township_code": code, "township_name": name,
            "not_after": cert.not_valid_after_utc.isoformat(), "fingerprint": pki.fingerprint(cert)}
    ctx.emit(data, f"已为 {name}（{code}）签发证书，序列号 {data['serial']}，有效期至 "
                   f"{cert.not_valid_after_utc.astimezone():%Y-%m-%d}，已写出 {out}")
    return 0


def run_revoke(args, ctx) -> int:
    from services.submission import county_ca
    from services.storage.files import atomic_write_bytes
    if args.crl_out:
        check_out_path(args.crl_out)
    ws = ctx.login()
    result = county_ca.revoke(ws, serial=args.serial, township_code=args.township, reason=args.reason,
                              passphrase=ctx.password("根证书私钥口令：", env=PASS_ENV))
    if args.crl_out:
        atomic_write_bytes(args.crl_out, result["crl_pem"])
    lines = [f"已吊销 {r['township_name']}（{r['township_code']}）的证书 {r['serial']}" for r in result["revoked"]]
    if args.crl_out:
        lines.append(f"新的吊销列表已写出：{args.crl_out}")
    ctx.emit({"revoked": result["revoked"], "crl": str(args.crl_out) if args.crl_out else None}, "\n".join(lines))
    return 0


def run_crl(args, ctx) -> int:
    from services.submission import county_ca, pki
    from services.storage.files import atomic_write_bytes
    out = check_out_path(args.out)
    ws = ctx.login()
    pem = county_ca.crl(ws, ctx.password("根证书私钥口令：", env=PASS_ENV))
    atomic_write_bytes(out, pem)
    crl = pki.load_crl(pem)
    ctx.emit({"crl": str(out), "revoked": len(crl), "next_update": crl.next_update_utc.isoformat()},
             f"已写出吊销列表 {out}（共吊销 {len(crl)} 份证书，下次更新 {crl.next_update_utc.astimezone():%Y-%m-%d}）")
    return 0


def run_list(args, ctx) -> int:
    from services.submission import county_ca
    ws = ctx.login()
    rows = county_ca.list_certificates(ws)
    text = "\n".join(f"{r['serial']:<42} {r['township_code']:<12} {r['township_name']:<12} "
                     f"{r['status_label']:<4} 至 {r['not_after'][:10]}" for r in rows) or "尚未签发证书"
    ctx.emit(rows, text)
    return 0
