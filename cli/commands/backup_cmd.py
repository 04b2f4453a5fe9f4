"""backup --to DIR | backup --list | restore FILE | check."""
from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份：--to 目录 写出一个加密备份文件（口令取自 JIJIAN_BACKUP_PASSPHRASE 或提示输入）")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--to", type=Path, help="目标文件夹（如U盘）")
    g.add_argument("--local", action="store_true", help="立即在数据目录 backups/ 中做一次本地备份")
    g.add_argument("--list", action="store_true", help="列出本地备份")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_backup)
    r = sub.add_parser("restore", help="从备份恢复（先校验备份，当前数据库另存保留；只接受本单位的备份）")
    r.add_argument("file", type=Path)
    r.add_argument("--allow-foreign", action="store_true",
                   help="更换电脑时：把备份中的单位数据迁入尚未初始化的新数据目录（已初始化的数据目录仍只接受本单位的备份）")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=run_restore)
    c = sub.add_parser("check", help="检查数据库完整性（PRAGMA quick_check）；--deep 另核对审计日志、检查点和每条记录")
    c.add_argument("--deep", action="store_true",
                   help="逐条核对记录与审计日志中的摘要，指出在程序外被改动的记录（失败时退出码 1）")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_check)


def run_backup(args, ctx) -> int:
    from services.storage import maintenance
    from services.security.permissions import require
    ws = ctx.login()
    require(ws.current_user, "backup.run")
    if args.list:
        rows = maintenance.list_local_backups(ws)
        data = [{"file": b.path.name, "created": b.created.isoformat(), "kind": b.kind, "size": b.size} for b in rows]
        ctx.emit(data, "\n".join(f"{d['created']}  {d['kind']:<7} {d['size']:>12,}  {d['file']}" for d in data) or "没有本地备份")
        return 0
    if args.local:
        info = maintenance.backup_now(ws)
        ctx.emit({"file": str(info.path)}, f"已备份到 {info.path}")
        return 0
    passphrase = ctx.password("备份口令：", env="JIJIAN_BACKUP_PASSPHRASE", confirm=True)
    path = maintenance.export_backup(ws, args.to, passphrase)
    ctx.emit({"file": str(path), "size": path.stat().st_size}, f"已写出加密备份：{path}")
    return 0


def run_restore(args, ctx) -> int:
    import os

    from services.storage import instance_lock, maintenance
    from services.storage.workspace import DB_FILE, default_data_dir
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    passphrase = None
    if args.file.suffix == ".jjbak":
        passphrase = os.environ.get("JIJIAN_BACKUP_PASSPHRASE") or ctx.password("备份口令：", env="JIJIAN_BACKUP_PASSPHRASE")
    url = ctx.db_url()
    if url is not None:  # --db-url: into an empty server database (refused when it holds data)
        from services.storage.server_backup import restore_to_server
        counts = restore_to_server(args.file, passphrase, url, data_dir)
        ctx.emit({"restored": "server", "rows": counts}, f"已恢复到服务器数据库：{len(counts)} 张表共 {sum(counts.values())} 行")
        return 0
    with instance_lock.acquire(data_dir):  # held from the sign-in to the audit note: nobody opens it in between
        if (data_dir / DB_FILE).exists() and not maintenance.data_dir_is_fresh(data_dir):
            # A working database may only be replaced by someone allowed to; a broken one by anyone at the desk.
            from services.storage import backup
            ok, _ = backup.quick_check(data_dir / DB_FILE)
            if ok:
                from services.security.permissions import require
                ws = ctx.login()
                require(ws.current_user, "backup.run")
                ws.close()
                ctx._ws = None
        result = maintenance.restore_backup(data_dir, args.file, passphrase, allow_foreign=args.allow_foreign)
        ws = ctx.workspace()
        maintenance.note_restore(ws, result, args.file)
    ctx.emit({"restored": str(result.db_path), "moved_aside": str(result.moved_aside) if result.moved_aside else None,
              "attachments_added": result.attachments_added},
             f"已恢复。原数据库已另存为 {result.moved_aside}" if result.moved_aside else "已恢复。")
    return 0


def run_check(args, ctx) -> int:
    from services.storage import maintenance
    from services.storage.workspace import default_data_dir
    rep = maintenance.startup_check(Path(args.data_dir) if args.data_dir else default_data_dir())
    data = {"ok": rep.ok, "message": rep.message,
            "newest_good_backup": str(rep.newest_good_backup) if rep.newest_good_backup else None}
    if not (args.deep and rep.ok):
        ctx.emit(data, "数据库完整" if rep.ok else rep.message)
        return 0 if rep.ok else 1
    from services.security import integrity
    deep = integrity.verify(ctx.login() if args.user else ctx.workspace(), deep=True)
    data.update(ok=deep.ok, deep=deep.as_dict())
    ctx.emit(data, "数据库完整\n" + deep.message())
    return 0 if deep.ok else 1
