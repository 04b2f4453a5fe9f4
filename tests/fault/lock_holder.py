"""Child process for the instance-lock tests: holds a data dir the way the desktop app does.

    python lock_holder.py DATA_DIR
Takes the data dir's lock for its lifetime, opens the workspace under it, prints ``ready`` and waits
until its stdin is closed (a clean exit) or it is killed (SIGKILL: the OS drops the lock).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.storage import instance_lock  # noqa: E402
from services.storage.workspace import open_workspace  # noqa: E402

PROGRAM = "纪检桌面（桌面程序）"  # what gui.app.APP_PROGRAM says, without importing Qt


def main() -> None:
    data_dir = sys.argv[1]
    lock = instance_lock.acquire(data_dir, program=PROGRAM)
    ws = open_workspace(data_dir, lock=True)
    print("ready", flush=True)
    sys.stdin.read()
    ws.close()
    lock.release()


if __name__ == "__main__":
    main()
