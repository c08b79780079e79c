"""End to end over a real IMAP server: an 850 attached to a mail becomes an order; the mail is filed in
Processed only after the commit; a mail without X12 is failed with its reason and filed in Error."""

from __future__ import annotations

from email.message import EmailMessage

import yaml
from conftest import Workspace
from peers.dovecot import DovecotServer
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument


def mail(subject: str, message_id: str, attachment: bytes | None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "edi@demo-retail.example"
    msg["To"] = "orders@orderhub.example"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg.set_content("Purchase order attached." if attachment else "Thanks for the call yesterday, talk soon.")
    if attachment:
        msg.add_attachment(attachment, maintype="application", subtype="edi-x12", filename="po.x12")
    return msg.as_bytes()


def test_an_850_attached_to_a_mail_becomes_an_order(workspace: Workspace, dovecot: DovecotServer):
    peer = dovecot.add_user()
    peer.append(mail("PO-MAIL-1", "<po-mail-1@demo-retail.example>", interchange([po_body("PO-MAIL-1")])))
    peer.append(mail("no attachment", "<text-1@demo-retail.example>", None))
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["channels"].append(
        {
            "name": "demo-mail",
            "kind": "imap",
            "options": peer.channel_options(workspace.root / "imap-state.json"),
        }
    )
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    hub = workspace.hub()
    outcomes = hub.run_once()
    assert sorted(o.status.value for o in outcomes) == ["failed", "parsed"]
    with Session(hub.engine) as session:
        (order,) = session.exec(select(OrderRecord)).all()
        docs = {d.status: d for d in session.exec(select(InboundDocument))}
        sent = session.exec(select(OutboundDocument)).all()
    assert order.po_number == "PO-MAIL-1" and order.status == "released"
    assert docs["parsed"].kind == "email" and docs["parsed"].partner_id == "demo-retail"
    assert "holds no order" in docs["failed"].error
    assert sorted(o.doc_type for o in sent) == ["855", "997"]
    assert len(peer.messages("Processed")) == 1 and len(peer.messages("Error")) == 1 and peer.messages("INBOX") == []
    assert hub.run_once() == []  # nothing is read twice
    for connector in hub.connectors.values():
        getattr(connector, "close", lambda: None)()
