"""Argument parsing, command discovery, sign-in, output and exit codes for the shell interface."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path
from typing import Any, Callable, TextIO

from services.errors import DomainError, ValidationError
from services.version import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
GUI_ONLY_FLAGS = {"--demo", "--lang"}


class CliContext:
    """What a command handler gets: parsed args, a lazily opened workspace, sign-in and output."""

    def __init__(self, args: argparse.Namespace, today: Callable[[], dt.date] | None = None):
        self.args = args
        self._today = today
        self._ws = None

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    def workspace(self):
        if self._ws is None:
            from services.storage.workspace import open_workspace
            # Every command that opens the data dir holds its instance lock until it ends (open may
            # migrate or repair, so even `audit verify` writes); `check` and `verify` never open it.
            self._ws = open_workspace(self.args.data_dir, url=self.db_url(), lock=True, today=self._today)
        return self._ws

    def db_url(self) -> str | None:
        """None for the data dir's SQLite file; a server's URL from --db-url / JIJIAN_DB_URL, its
        password from PGPASSFILE or a prompt (services.storage.db_url)."""
        from services.storage import db_url
        text = db_url.requested_url(getattr(self.args, "db_url", None))
        if text is None:
            return None
        return db_url.server_url(text, lambda prompt: self.password(prompt, env="", confirm=False))

    def password(self, prompt: str = "密码：", env: str = "JIJIAN_PASSWORD", confirm: bool = False) -> str:
        value = os.environ.get(env) if env else None
        if value:
            return value
        if not sys.stdin or not sys.stdin.isatty():
            raise ValidationError(f"请通过环境变量 {env} 提供口令，或在终端中运行以便输入" if env
                                  else "请在终端中运行以便输入口令（或使用 PGPASSFILE 口令文件）")
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("再次输入：") != value:
            raise ValidationError("两次输入不一致")
        return value

    def login(self):
        """Sign in as ``--user`` (required by commands that touch case data)."""
        from services.security import users
        ws = self.workspace()
        if not ws.is_initialized():
            raise DomainError("尚未初始化：请先运行 init 命令设置单位和第一个用户")
        if not self.args.user:
            raise ValidationError("此命令需要登录：请在子命令前加 --user 用户名")
        users.login(ws, self.args.user, self.password())
        return ws

    def emit(self, data: Any, text: str | None = None) -> None:
        if self.json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        elif text is not None:
            print(text)

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()


def _command_modules():
    import cli.commands as pkg
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"cli.commands.{info.name}")


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # exit code 2 on bad usage, like argparse, in Chinese
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="jijian", description="乡镇纪委信访举报与案件管理系统（命令行）")
    parser.add_argument("--version", action="version", version=f"jijian-desk {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据目录（默认：用户数据目录或 JIJIAN_DATA_DIR）")
    parser.add_argument("--user", default=None, help="登录用户名；密码取自环境变量 JIJIAN_PASSWORD 或提示输入")
    parser.add_argument("--db-url", default=None,
                        help="服务器数据库 postgresql+psycopg://用户名@服务器:端口/库名（或 JIJIAN_DB_URL）；"
                             "口令取自 PGPASSFILE 或提示输入，不要写在地址里")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=ChineseArgumentParser)
    for module in _command_modules():
        module.register(sub)
    return parser


def wants_gui(argv: list[str]) -> bool:
    """No subcommand (only global or GUI options) opens the desktop app."""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--data-dir", "--user", "--lang", "--db-url"):
            i += 2
            continue
        if a.startswith(("--data-dir=", "--user=", "--db-url=")) or a in GUI_ONLY_FLAGS:
            i += 1
            continue
        return False
    return True


def run_cli(argv: list[str], *, stdin: TextIO | None = None, stdout: TextIO | None = None,
            stderr: TextIO | None = None, today: Callable[[], dt.date] | None = None) -> int:
    """Run one command and return its exit code; the process state is as before afterwards.

    ``stdin``/``stdout``/``stderr`` replace the process streams for the run (tests pass StringIO);
    ``today`` fixes the workspace's clock. Whatever the command opens is closed before returning.
    """
    with contextlib.ExitStack() as streams:
        if stdout is not None:
            streams.enter_context(contextlib.redirect_stdout(stdout))
        if stderr is not None:
            streams.enter_context(contextlib.redirect_stderr(stderr))
        if stdin is not None:
            streams.callback(setattr, sys, "stdin", sys.stdin)
            sys.stdin = stdin
        return _run(argv, today)


def _run(argv: list[str], today: Callable[[], dt.date] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) and bad usage (2) end inside argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    ctx = CliContext(args, today)
    try:
        code = args.handler(args, ctx)
        return EXIT_OK if code is None else int(code)
    except ValidationError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except DomainError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:  # a file the command read or wrote (a full or read-only stick): say so, no traceback
        from services.storage.files import os_error_message
        print(f"错误：{os_error_message(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return EXIT_FAILED
    finally:
        ctx.close()
