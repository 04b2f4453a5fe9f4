"""jijian-desk: no argument opens the desktop app; subcommands run the same services from the shell."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from cli.app import wants_gui
    if wants_gui(argv):
        from gui.app import run_gui
        return run_gui(argv)
    from cli.app import run_cli
    return run_cli(argv)


if __name__ == "__main__":
    sys.exit(main())
