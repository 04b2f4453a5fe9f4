"""Run the CLI with a real OS limit on file size, for hosts where a small tmpfs cannot be mounted.

``python tests/cli/fsize_child.py LIMIT ARGS...`` runs ``main.py ARGS...`` with RLIMIT_FSIZE set to
LIMIT bytes (SIGXFSZ ignored, so a write past it fails with EFBIG, as on a FAT32 stick at 4 GB).
The limit takes effect once the command has signed in, so the sign-in's own database writes pass
and every file the command writes afterwards meets the limit.
"""
from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cli import app  # noqa: E402


def main() -> int:
    limit = int(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))

    signed_in = app.CliContext.login

    def login(self):
        ws = signed_in(self)
        cap()
        return ws

    app.CliContext.login = login
    if "--user" not in sys.argv:
        cap()
    return app.run_cli(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
