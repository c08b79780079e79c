"""Per-partner acknowledgement policy: 997 or 999, and when functional acks go out."""

from __future__ import annotations

from datetime import timedelta

from conftest import Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import OutboundDocument


def _set_acks(workspace: Workspace, text: str) -> None:
    profile = workspace.root / "partners" / "demo-retail.yaml"
    body = profile.read_text()
    assert "acknowledgements:\n" in body
    profile.write_text(body.replace("acknowledgements:\n", f"acknowledgements:\n{text}", 1))


def _outbound(hub) -> list[OutboundDocument]:
    with Session(hub.engine) as session:
        return list(session.exec(select(OutboundDocument).order_by(OutboundDocument.id)))


def test_a_partner_asking_for_999s_gets_a_999_for_005010_and_a_997_for_004010(workspace: Workspace):
    _set_acks(workspace, '  functional_format: "999"\n')
    hub = workspace.hub()
    workspace.drop("new.x12", interchange([po_body("PO-5010")], control=1, version="005010"))
    workspace.drop("old.x12", interchange([po_body("PO-4010")], control=2, version="004010"))
    hub.run_once()
    acks = {doc.doc_type: doc.payload.decode() for doc in _outbound(hub) if doc.doc_type in ("997", "999")}
    assert set(acks) == {"997", "999"}
    assert "ST*999*" in acks["999"] and "AK1*PO*1*005010~" in acks["999"] and "IK5*A~" in acks["999"]
    assert "GS*FA*" in acks["999"] and "*X*005010~" in acks["999"]
    assert "ST*997*" in acks["997"] and "AK5*A~" in acks["997"] and "*X*004010~" in acks["997"]


def test_a_partners_ack_delay_holds_its_997_in_the_outbox(workspace: Workspace):
    _set_acks(workspace, "  functional_delay_minutes: 90\n")
    hub = workspace.hub()
    workspace.drop("po.x12", interchange([po_body("PO-LATER")], control=3))
    hub.run_once()
    (ack,) = [doc for doc in _outbound(hub) if doc.doc_type == "997"]
    assert ack.status == "queued" and ack.next_attempt_at is not None
    held = ack.next_attempt_at - ack.created_at
    assert timedelta(minutes=89) < held < timedelta(minutes=91)
    out = workspace.root / "mailboxes"
    assert not [p for p in out.rglob("*997*")], "the 997 went out before its time"


def _restrict(workspace: Workspace, text: str) -> None:
    profile = workspace.root / "partners" / "demo-retail.yaml"
    profile.write_text(profile.read_text() + text)


def test_a_partner_guide_tightens_the_map_and_its_997_names_the_element(workspace: Workspace):
    _restrict(
        workspace,
        'guide:\n  "850":\n    source: "Demo Retail guide v2"\n'
        "    codes:\n      BEG02: [SA]\n    mandatory_elements: [PO104]\n",
    )
    hub = workspace.hub()
    bad_type = po_body("PO-KN")
    bad_type[0] = bad_type[0].replace("*SA*", "*KN*")
    no_price = po_body("PO-NOPRICE", lines=[("1", "10", "EA", "")])
    workspace.drop("a.x12", interchange([po_body("PO-GOOD"), bad_type, no_price], control=21))
    hub.run_once()
    ack = next(doc for doc in _outbound(hub) if doc.doc_type == "997").payload.decode()
    assert "AK4*2*92*7*KN~" in ack  # BEG02 not allowed by the partner's guide
    assert "AK4*4*212*1~" in ack  # PO104 made mandatory
    assert "AK9*P*3*3*1~" in ack


def test_a_restriction_naming_what_the_map_lacks_stops_the_hub(workspace: Workspace):
    import pytest

    from orderhub.settings import ConfigError

    _restrict(workspace, 'guide:\n  "850":\n    source: "x"\n    mandatory_elements: [BEG99]\n')
    with pytest.raises(ConfigError, match="BEG99 is not in the map"):
        workspace.hub()
