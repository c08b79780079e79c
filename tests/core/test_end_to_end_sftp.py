"""End to end over a real SFTP server: an 850 the partner puts in its SFTP mailbox becomes an order,
and its 997 and 855 arrive in the partner's SFTP outbox."""

from __future__ import annotations

import os
import time

import yaml
from conftest import Workspace
from peers.sshd import SshdServer
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import OrderRecord, OutboundDocument


def test_an_850_from_the_sftp_mailbox_becomes_an_order_and_its_acks_go_back(
    workspace: Workspace, sshd_server: SshdServer
):
    base = f"e2e-{os.getpid()}-{time.time_ns()}"
    inbox = sshd_server.folder(f"{base}/to-us")
    for name in ("archive", "error", "from-us"):
        sshd_server.folder(f"{base}/{name}")
    login = sshd_server.login_options()
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["channels"] = [
        {
            "name": "demo-in",
            "kind": "sftp",
            "interval_seconds": 5,
            "options": {
                **login,
                "inbox": f"{base}/to-us",
                "archive": f"{base}/archive",
                "error": f"{base}/error",
                "min_age_seconds": 0,
            },
        },
        {"name": "demo-out", "kind": "sftp", "interval_seconds": 5, "options": {**login, "outbox": f"{base}/from-us"}},
    ]
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    path = inbox / "PO-SFTP-1.x12"
    path.write_bytes(interchange([po_body("PO-SFTP-1")]))
    sshd_server.give(path)
    old = time.time() - 60
    os.utime(path, (old, old))

    hub = workspace.hub()
    (outcome,) = hub.run_once()
    assert outcome.status.value == "parsed"
    with Session(hub.engine) as session:
        (order,) = session.exec(select(OrderRecord)).all()
        sent = session.exec(select(OutboundDocument)).all()
    assert order.po_number == "PO-SFTP-1" and order.status == "released"
    assert sorted(o.doc_type for o in sent) == ["855", "997"] and {o.status for o in sent} == {"sent"}
    delivered = {p.name: p.read_bytes() for p in (inbox.parent / "from-us").iterdir()}
    assert sorted(delivered) == sorted(o.filename for o in sent)
    assert all(data == o.payload for o in sent for name, data in delivered.items() if name == o.filename)
    assert [p.name for p in (inbox.parent / "archive").iterdir()] == ["PO-SFTP-1.x12"]
    assert list(inbox.iterdir()) == []
    for connector in hub.connectors.values():
        connector.close()


def test_a_channel_with_a_wrong_host_key_fails_alone_and_says_so(workspace: Workspace, sshd_server: SshdServer):
    import subprocess

    from orderhub.store.models import ChannelStatus

    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    other_key = workspace.root / "other_host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other_key)], check=True)
    config["channels"].append(
        {
            "name": "partner-sftp",
            "kind": "sftp",
            "options": {
                "host": sshd_server.host,
                "port": sshd_server.port,
                "username": sshd_server.username,
                "password": "not-the-password",
                "host_key": (other_key.with_suffix(".pub")).read_text().strip(),
                "inbox": "anything",
            },
        }
    )
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    workspace.drop("ok.x12", interchange([po_body("PO-OK")]))
    hub = workspace.hub()
    outcomes = hub.run_once()  # the SFTP channel fails; the folder channel still works
    assert [o.status.value for o in outcomes] == ["parsed"]
    with Session(hub.engine) as session:
        broken = session.get(ChannelStatus, "partner-sftp")
        fine = session.get(ChannelStatus, "demo-in")
    assert broken.last_error.startswith("PermanentError:") and "host key" in broken.last_error
    assert "not-the-password" not in broken.last_error and broken.last_success_at is None
    assert fine.last_error is None and fine.documents == 1
