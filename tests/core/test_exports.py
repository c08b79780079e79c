"""The JSON file export: one canonical file per feed event, to a folder or a real SFTP server, each exactly once."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import yaml
from conftest import Workspace
from peers.sshd import SshdServer
from sqlmodel import Session
from x12build import interchange, po_body

from connectors.sftp import SftpConfig, SftpConnector
from orderhub.exports import FileExport, run_export
from orderhub.feed_cursor import advance, cursor_key
from orderhub.push_config import ExportConfig


def configure(workspace: Workspace, **export: object) -> None:
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["exports"] = [{"name": "erp-files", "since": "start", **export}]
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))


def released_then_cancelled(workspace: Workspace, hub) -> None:
    """PO-77 released (an 850), then PO-78 held, then PO-77 cancelled (an 860 BCH01=01)."""
    lines = [("1", "10", "EA", "9.25")]
    workspace.drop("850.x12", interchange([po_body("PO-77", lines=lines)], control=1))
    hub.poll_channel("demo-in")
    held = [s.replace("*VN*AB3542", "*VN*NOSUCH") for s in po_body("PO-78", lines=lines)]
    workspace.drop("held.x12", interchange([held], control=2))
    hub.poll_channel("demo-in")
    cancel = ["BCH*01*SA*PO-77**1*20261120", "POC*1*DI*0*0*EA", "CTT*1"]
    workspace.drop("860.x12", interchange([cancel], set_id="860", functional_id="PC", control=3))
    hub.poll_channel("demo-in")


def files(folder: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted(folder.iterdir())}


def test_a_folder_export_writes_one_file_per_event_once(workspace: Workspace):
    configure(workspace, kind="folder", folder="exports/erp")
    hub = workspace.hub()
    released_then_cancelled(workspace, hub)
    printed = workspace.cli("exports", "run")
    folder = workspace.root / "exports" / "erp"
    written = files(folder)
    assert printed.splitlines() == [f"erp-files: {name}" for name in written]
    assert [(d["event"]["kind"], d["order"]["po_number"]) for d in written.values()] == [
        ("released", "PO-77"),
        ("cancelled", "PO-77"),
    ]  # the held PO-78 is not a subscribed kind
    first, second = written
    assert first < second and first.endswith(".released." + written[first]["event"]["order_id"] + ".json")
    assert written[first]["order"]["lines"][0]["quantity"] == "10"  # the canonical order itself
    hub.run_once()
    assert files(folder) == written  # nothing written twice

    # a crash after the rename but before the cursor's commit: the same files again, under the same names
    export = hub.exports["erp-files"]
    with Session(hub.engine) as session:
        assert advance(session, cursor_key("export", "erp-files"), _cursor(session), int(first.split(".")[0]) - 1)
        session.commit()
    assert run_export(hub.engine, export) == [first, second]
    assert sorted(p.name for p in folder.iterdir()) == [first, second]  # no temporary dot-file left behind


def _cursor(session: Session) -> int:
    from orderhub.store.models import ControlCounter

    row = session.get(ControlCounter, (cursor_key("export", "erp-files"), "cursor"))
    assert row is not None
    return row.value


def test_an_sftp_export_writes_atomically_and_resumes_after_the_server_was_away(
    workspace: Workspace, sshd_server: SshdServer
):
    remote = f"exp-{uuid.uuid4().hex[:10]}"
    on_disk = sshd_server.folder(remote)
    sftp = sshd_server.login_options(
        outbox=remote,
    )
    configure(workspace, kind="sftp", sftp=sftp, events=["released", "held", "cancelled"])
    hub = workspace.hub()
    released_then_cancelled(workspace, hub)

    # the server is away (a port nothing listens on): nothing written, the cursor stays
    away = SftpConnector("away", SftpConfig.model_validate({**sftp, "port": 9, "connect_timeout_seconds": 2}))
    config = ExportConfig.model_validate({"name": "erp-files", "kind": "sftp", "sftp": sftp, "since": "start"})
    assert run_export(hub.engine, FileExport(config, away)) == []

    written = run_export(hub.engine, hub.exports["erp-files"])
    assert [name.split(".")[1] for name in written] == ["released", "held", "cancelled"]
    assert sorted(p.name for p in on_disk.iterdir()) == written  # renamed into place, no dot-file left
    held = json.loads((on_disk / written[1]).read_text())
    assert held["order"]["po_number"] == "PO-78" and held["order"]["status"] == "held"
    assert run_export(hub.engine, hub.exports["erp-files"]) == []
    hub.close()
