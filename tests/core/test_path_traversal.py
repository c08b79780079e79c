"""Hostile names never write outside the data folder: remote file names on a real sshd, file names in the folder
mailbox and attachment names in a mail on a real Dovecot, with ``../``, backslashes, absolute paths, NUL, bytes
that are not UTF-8, a right-to-left override, a fullwidth solidus, dots that NFKC turns into ``..``, 250-byte
names. The hub runs; every file that appeared or vanished is inside the data folder or the mailbox it polls,
and every document is processed or failed with a reason."""

from __future__ import annotations

import os
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import yaml
from conftest import Workspace
from peers.dovecot import DovecotServer
from peers.sshd import SshdServer
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.hub import Hub
from orderhub.store.models import InboundDocument

# names a file system can hold (no '/', no NUL): what a partner can really put in a folder or on an SFTP server
HOSTILE_FILE_NAMES: list[bytes] = [
    b"x\\..\\..\\evil-backslash.x12",  # (a leading dot is skipped: a dot-name is an upload in progress)
    "evil\u202efdp.x12".encode(),  # right-to-left override: reads as "evil21x.pdf"
    "\uff0e\uff0e\uff0fevil-fullwidth.x12".encode(),  # NFKC: "../evil-fullwidth.x12"
    "\uff0e\uff0e".encode(),  # NFKC: ".."
    b"evil\nnewline.x12",
    b"evil-\xff\xfe-not-utf8.x12",
    b"-rf evil.x12",
    b"a" * 246 + b".x12",  # 250 bytes: with a claim prefix or a copy's suffix it is over NAME_MAX
    "\u00e9".encode() * 120 + b".x12",  # 244 bytes of two-byte characters
]
# what only a mail (or AS2) can carry as a name
HOSTILE_ATTACHMENT_NAMES: list[str] = [
    "../../../../../../tmp/evil-attachment.x12",
    "/etc/cron.d/evil-absolute.x12",
    "..\\..\\evil-backslash.x12",
    "evil\x00nul.x12",
    "evil\u202efdp.x12",
    "\uff0e\uff0e\uff0fevil.x12",
    "x" * 300 + ".x12",
]


def snapshot(*roots: Path) -> set[Path]:
    found: set[Path] = set()
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                found.add(Path(folder) / name)
    return found


def changed_outside(before: set[Path], after: set[Path], allowed: list[Path]) -> list[Path]:
    return sorted(p for p in before ^ after if not any(p == a or a in p.parents for a in allowed))


def evil_anywhere() -> list[str]:
    """Names the hostile ones would become if joined to a path: at the top of the places they aim for, and
    the working directory (where a relative path lands)."""
    tops = (Path("/tmp"), Path("/etc/cron.d"), Path("/"), Path.cwd(), Path.cwd().parent)
    return [str(p) for top in tops for p in top.glob("*evil*")]


def configure(workspace: Workspace, channels: list[dict[str, Any]]) -> Hub:
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["channels"] += channels
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    return workspace.hub()


def po(index: int) -> bytes:
    return interchange([po_body(f"PO-NAME-{index}")], control=700 + index)


def assert_recorded(hub: Hub, count: int) -> list[InboundDocument]:
    with Session(hub.engine) as session:
        docs = list(session.exec(select(InboundDocument)))
    assert len(docs) == count, [(d.remote_key, d.status) for d in docs]
    for doc in docs:
        assert doc.status == "parsed" or (doc.status == "failed" and doc.error), (doc.remote_key, doc.status)
    return docs


def test_hostile_names_in_the_folder_mailbox(workspace: Workspace, tmp_path: Path):
    inbox = os.fsencode(workspace.inbox)
    workspace.inbox.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(HOSTILE_FILE_NAMES):
        with open(os.path.join(inbox, name), "wb") as handle:
            handle.write(po(index))
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"ISA*00*not-yours")
    (workspace.inbox / "link.x12").symlink_to(secret)  # a partner with shell access could leave one
    hub = workspace.hub()
    before, cwd = snapshot(tmp_path), set(os.listdir())
    hub.run_once()
    after = snapshot(tmp_path)
    assert changed_outside(before, after, [workspace.root]) == [] and set(os.listdir()) == cwd
    assert evil_anywhere() == []
    docs = assert_recorded(hub, len(HOSTILE_FILE_NAMES))
    assert all(doc.status == "parsed" for doc in docs)
    for folder in (workspace.archive, workspace.error):  # filed as one plain component each
        for path in folder.iterdir():
            assert path.parent == folder and not path.name.startswith(".") and len(os.fsencode(path.name)) < 255
    assert len(list(workspace.archive.iterdir())) == len(HOSTILE_FILE_NAMES)
    assert (workspace.inbox / "link.x12").is_symlink() and secret.read_bytes() == b"ISA*00*not-yours"  # untouched
    assert not any(hub.raw.path(d.sha256).read_bytes() == b"ISA*00*not-yours" for d in docs)
    assert {d.remote_key for d in docs} >= {"evil?newline.x12", "evil-\ufffd\ufffd-not-utf8.x12", "evil?fdp.x12"}


def test_hostile_names_on_the_sftp_server(workspace: Workspace, sshd_server: SshdServer, tmp_path: Path):
    base = f"names-{os.getpid()}-{time.time_ns()}"
    inbox = sshd_server.folder(f"{base}/in")
    for name in ("archive", "error"):
        sshd_server.folder(f"{base}/{name}")
    for index, name in enumerate(HOSTILE_FILE_NAMES):
        path = os.path.join(os.fsencode(inbox), name)
        with open(path, "wb") as handle:
            handle.write(po(index))
        sshd_server.give(Path(os.fsdecode(path)))
    options = sshd_server.login_options(
        inbox=f"{base}/in",
        archive=f"{base}/archive",
        error=f"{base}/error",
        min_age_seconds=0,
    )
    hub = configure(workspace, [{"name": "partner-sftp", "kind": "sftp", "options": options}])
    before, cwd = snapshot(tmp_path, sshd_server.root), set(os.listdir())
    try:
        hub.poll_channel("partner-sftp")
        hub.poll_channel("partner-sftp")  # nothing left over for a second poll, nothing stuck
    finally:
        hub.close()
    after = snapshot(tmp_path, sshd_server.root)
    assert changed_outside(before, after, [workspace.root, inbox.parent]) == [] and set(os.listdir()) == cwd
    assert evil_anywhere() == [] and not list(sshd_server.data.glob("evil*"))
    docs = assert_recorded(hub, len(HOSTILE_FILE_NAMES))
    assert all(doc.status == "parsed" for doc in docs)
    assert os.listdir(inbox) == []
    filed = os.listdir(os.fsencode(inbox.parent / "archive"))
    assert len(filed) == len(HOSTILE_FILE_NAMES) and all(b"\\" not in n and len(n) < 255 for n in filed)


def test_hostile_attachment_names_in_a_mail(workspace: Workspace, dovecot: DovecotServer, tmp_path: Path):
    peer = dovecot.add_user()
    for index, name in enumerate(HOSTILE_ATTACHMENT_NAMES):
        message = EmailMessage()
        message["From"] = "edi@demo-retail.example"
        message["Subject"] = f"PO {index}"
        message.set_content("Purchase order attached.")
        message.add_attachment(po(index), maintype="application", subtype="edi-x12", filename=name)
        peer.append(message.as_bytes())
    options = peer.channel_options(workspace.root / "imap-state.json")
    hub = configure(workspace, [{"name": "mail", "kind": "imap", "options": options}])
    before, cwd = snapshot(tmp_path), set(os.listdir())
    try:
        hub.poll_channel("mail")
    finally:
        hub.close()
    after = snapshot(tmp_path)
    assert changed_outside(before, after, [workspace.root]) == [] and set(os.listdir()) == cwd
    assert evil_anywhere() == []
    docs = assert_recorded(hub, len(HOSTILE_ATTACHMENT_NAMES))
    assert all(doc.status == "parsed" for doc in docs), [(d.remote_key, d.error) for d in docs]
    assert len(peer.messages("Processed")) == len(HOSTILE_ATTACHMENT_NAMES)


def test_local_name_makes_one_safe_component():
    from connectors.names import MAX_NAME_BYTES, local_name

    for name in [*HOSTILE_FILE_NAMES, *HOSTILE_ATTACHMENT_NAMES, "..", ".", "", "/", "\x00", ".hidden"]:
        safe = local_name(name)
        assert safe and safe not in (".", "..") and not safe.startswith(".")
        assert not any(c in safe for c in "/\\\x00\u202e\n") and len(safe.encode()) <= MAX_NAME_BYTES
        assert Path("/data", safe).parent == Path("/data")
    assert local_name("PO 4711 (copy).x12") == "PO 4711 (copy).x12"  # a plain name is kept as it is
    assert local_name("a" * 300 + ".x12") != local_name("a" * 301 + ".x12")  # long names stay distinct
    assert local_name("a" * 300 + ".x12").endswith(".x12")


def test_readable_name_cannot_forge_a_log_line_or_disguise_a_name():
    from connectors.names import readable_name

    assert readable_name("x\nERROR forged") == "x?ERROR forged"
    assert readable_name("invoice\u202efdp.exe") == "invoice?fdp.exe"
    assert readable_name(b"caf\xe9.x12") == "caf\ufffd.x12"
    assert readable_name("Bestellung \u00e4\u00f6\u00fc.edi") == "Bestellung \u00e4\u00f6\u00fc.edi"
