"""Several `orderhub worker` processes side by side on one mailbox and one database."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, Workspace
from sqlmodel import Session, func, select
from x12build import interchange, po_body

from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument


def test_two_workers_process_every_document_exactly_once(workspace: Workspace):
    workspace.hub()  # migrate and load master data once
    for n in range(1, 61):
        workspace.drop(f"{n:03d}.x12", interchange([po_body(f"PO-W{n}")], control=n))
    env = {
        **os.environ,
        "ORDERHUB_DATA_DIR": str(workspace.root),
        "ORDERHUB_DATABASE_URL": workspace.settings.database_url,
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "orderhub.cli", "worker", "--once"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], "\n".join(o[-3000:] for o in outputs)
    hub = workspace.hub()
    with Session(hub.engine) as session:
        assert session.exec(select(func.count()).select_from(InboundDocument)).one() == 60
        assert session.exec(select(func.count()).select_from(OrderRecord)).one() == 60
        statuses = set(session.exec(select(InboundDocument.status)))
        isa13 = list(session.exec(select(OutboundDocument.interchange_control_number)))
    assert statuses == {"parsed"}
    assert len(isa13) == 120 and len(set(isa13)) == 120  # a 997 and an 855 each, no control number twice
    assert len(list(workspace.archive.iterdir())) == 60 and list(workspace.inbox.glob("*.x12")) == []
