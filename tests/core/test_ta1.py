"""TA1 interchange acknowledgements and duplicate interchanges."""

from __future__ import annotations

from conftest import Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument


def outbound(hub, doc_type):
    with Session(hub.engine) as session:
        return list(session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == doc_type)))


def test_an_envelope_error_is_answered_with_a_ta1_naming_it(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("iea.x12", interchange([po_body("PO-E")], control=7, iea_control=8))
    hub.run_once()
    (ta1,) = outbound(hub, "TA1")
    lines = ta1.payload.decode().splitlines()
    assert lines[0].startswith("ISA*00*") and len(lines[0]) == 106
    assert lines[1] == "TA1*000000007*261120*0930*R*001~"  # header and trailer control numbers differ
    assert lines[2] == f"IEA*0*{ta1.interchange_control_number}~" and len(lines) == 3
    assert outbound(hub, "997") == []


def test_a_ta1_is_sent_when_the_sender_asks_for_one(workspace: Workspace):
    hub = workspace.hub()
    data = interchange([po_body("PO-ASK")], control=11).replace(b"*000000011*0*P*", b"*000000011*1*P*", 1)
    workspace.drop("ask.x12", data)
    hub.run_once()
    (ta1,) = outbound(hub, "TA1")
    assert "TA1*000000011*261120*0930*A*000~" in ta1.payload.decode()
    assert len(outbound(hub, "997")) == 1


def test_the_same_interchange_control_number_again_is_a_duplicate(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-1")], control=42))
    hub.run_once()
    workspace.drop("2.x12", interchange([po_body("PO-2")], control=42))  # other content, same ISA13
    workspace.drop("3.x12", interchange([po_body("PO-3")], control=42, test="T"))  # a test one is another
    hub.run_once()
    with Session(hub.engine) as session:
        docs = {d.remote_key: d for d in session.exec(select(InboundDocument))}
        orders = sorted(o.po_number for o in session.exec(select(OrderRecord)))
    assert docs["2.x12"].status == "failed" and docs["2.x12"].error_code == "DUPLICATE_INTERCHANGE"
    assert f"already sent ISA13 000000042 in document {docs['1.x12'].id}" in docs["2.x12"].error
    assert docs["3.x12"].status == "parsed"
    assert orders == ["PO-1", "PO-3"]
    (ta1,) = outbound(hub, "TA1")
    assert "TA1*000000042*261120*0930*R*025~" in ta1.payload.decode()
    assert sorted(a.inbound_document_id for a in outbound(hub, "997")) == [docs["1.x12"].id, docs["3.x12"].id]


def test_outside_the_partners_window_the_number_may_come_again(workspace: Workspace):
    profile = workspace.root / "partners" / "demo-retail.yaml"
    profile.write_text(
        profile.read_text().replace('  version: "004010"', '  version: "004010"\n  duplicate_window_days: 0')
    )
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-1")], control=42))
    hub.run_once()
    workspace.drop("2.x12", interchange([po_body("PO-2")], control=42))
    hub.run_once()
    with Session(hub.engine) as session:
        assert {d.status for d in session.exec(select(InboundDocument))} == {"parsed"}


def test_an_interchange_number_out_of_sequence_is_reported(workspace: Workspace):
    hub = workspace.hub()
    for name, control in (("1.x12", 100), ("2.x12", 101), ("3.x12", 105), ("4.x12", 103)):
        workspace.drop(name, interchange([po_body(f"PO-{control}")], control=control))
        hub.run_once()
    with Session(hub.engine) as session:
        docs = {d.remote_key: d for d in session.exec(select(InboundDocument))}
    assert {d.status for d in docs.values()} == {"parsed"}  # reported, never refused
    assert docs["1.x12"].warnings is None and docs["2.x12"].warnings is None
    assert "ISA13 000000105 out of sequence: expected 000000102 after 000000101" in docs["3.x12"].warnings
    assert "3 missing" in docs["3.x12"].warnings
    assert "lower than the previous one" in docs["4.x12"].warnings
    out = workspace.cli("partners", "sequence")
    assert "000000105" in out and "000000103" in out and "000000101" not in out.split("expected")[0]
