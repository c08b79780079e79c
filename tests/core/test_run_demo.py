"""`make run` in miniature: `orderhub demo` seeds the workspace, keeps polling, and stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import ROOT
from x12build import interchange, po_body


def test_demo_runs_polls_new_files_and_stops_on_ctrl_c(tmp_path):
    data_dir = tmp_path / "var"
    env = {**os.environ, "ORDERHUB_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "orderhub.cli", "demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    outbox = data_dir / "mailboxes" / "demo-retail" / "out"
    inbox = data_dir / "mailboxes" / "demo-retail" / "in"
    try:
        deadline = time.time() + 60
        while time.time() < deadline and len(list(outbox.glob("*.x12")) if outbox.exists() else []) < 3:
            time.sleep(0.2)
        assert sorted(p.name.split("_")[1] for p in outbox.glob("*.x12")) == ["855", "997", "997"]
        # a file dropped while it runs is picked up by the next poll
        late = inbox / "late.x12"
        late.write_bytes(interchange([po_body("PO-LATE")], control=4242))
        old = time.time() - 10
        os.utime(late, (old, old))
        while time.time() < deadline and len(list(outbox.glob("*.x12"))) < 5:
            time.sleep(0.2)
        assert len(list(outbox.glob("*.x12"))) == 5
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    assert "demo-po-1002.x12 -> document 2 parsed" in output
    assert "demo-scanned-fax.txt -> document 3 failed" in output
