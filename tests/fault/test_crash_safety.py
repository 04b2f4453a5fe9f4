"""SIGKILL at random moments while complaints are being registered: nothing reported saved is lost."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from services.security import audit
from services.storage.workspace import open_workspace
from tests.conftest import ADMIN_PASSWORD

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 12


def test_sigkill_loses_nothing_reported_saved(ws):
    data_dir = ws.data_dir
    ws.close()
    rng = random.Random(20261201)
    saved: list[str] = []
    for round_ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), "wang", ADMIN_PASSWORD],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=dict(os.environ, PYTHONUNBUFFERED="1"))
        # Wait for the first saved complaint, then kill at a random moment of the loop.
        first = child.stdout.readline().strip()
        assert first, child.stderr.read()
        saved.append(first)
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        saved += [line.strip() for line in out.splitlines() if line.strip()]

        con = sqlite3.connect(data_dir / "jijian.sqlite")
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",), f"round {round_}"
        present = {n for (n,) in con.execute("SELECT number FROM complaints")}
        con.close()
        missing = [n for n in saved if n not in present]
        assert not missing, f"round {round_}: reported saved but lost: {missing[:5]}"

    assert len(saved) > KILLS
    ws2 = open_workspace(data_dir)
    with ws2.reading() as s:
        rep = audit.verify_chain(s)
    ws2.close()
    assert rep.ok, rep.message()
