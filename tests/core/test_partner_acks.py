"""The partner's 997s close the loop on what we send: reconciled, rejected with detail, or overdue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import FIXTURES, Workspace
from sqlmodel import Session, select
from x12build import interchange

from orderhub.acks import overdue
from orderhub.store.models import AuditEvent, InboundDocument, OutboundDocument, TransactionSetRecord


def _sent_855(workspace: Workspace):
    workspace.drop("demo-po-1001.x12", (FIXTURES / "demo" / "inbox" / "demo-po-1001.x12").read_bytes())
    hub = workspace.hub()
    hub.run_once()
    with Session(hub.engine) as session:
        (doc,) = session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == "855"))
    assert doc.status == "sent"
    return hub, doc


def _partner_997(group: str, ak9: str, set_control: str, ak5: str, extra: tuple[str, ...] = (), control: int = 900):
    body = [
        "AK1*PR*" + group,
        f"AK2*855*{set_control}",
        *extra,
        f"AK5*{ak5}",
        f"AK9*{ak9}*1*1*{0 if ak9 == 'R' else 1}",
    ]
    return interchange([body], set_id="997", functional_id="FA", control=control)


def test_a_partner_997_acknowledges_the_855_it_answers(workspace: Workspace):
    hub, doc = _sent_855(workspace)
    workspace.drop("ack.x12", _partner_997(doc.group_control_number, "A", doc.set_control_numbers, "A"))
    hub.run_once()
    with Session(hub.engine) as session:
        acked = session.get(OutboundDocument, doc.id)
        event = session.exec(select(AuditEvent).where(AuditEvent.to_status == "acknowledged")).one()
        inbound = session.exec(select(InboundDocument).where(InboundDocument.remote_key.endswith("ack.x12"))).one()
        record = session.exec(select(TransactionSetRecord).where(TransactionSetRecord.document_id == inbound.id)).one()
        our_997s = session.exec(select(OutboundDocument).where(OutboundDocument.inbound_document_id == inbound.id))
        assert list(our_997s) == []  # X12 never acknowledges an acknowledgement
    assert acked is not None and acked.status == "acknowledged"
    assert event.actor == "partner" and "AK9 A" in (event.note or "")
    assert f"outbound {doc.id} (855) acknowledged" in (record.reason or "")


def test_a_rejecting_997_rejects_the_855_with_the_partners_detail(workspace: Workspace):
    hub, doc = _sent_855(workspace)
    detail = ("AK3*BAK*2**8", "AK4*2*587*7*ZZ")
    workspace.drop("nak.x12", _partner_997(doc.group_control_number, "R", doc.set_control_numbers, "R*5", detail))
    hub.run_once()
    with Session(hub.engine) as session:
        rejected = session.get(OutboundDocument, doc.id)
        event = session.exec(select(AuditEvent).where(AuditEvent.to_status == "rejected")).one()
    assert rejected is not None and rejected.status == "rejected"
    assert "set " + doc.set_control_numbers + ": R 5" in (event.note or "")
    assert "element BAK2: code 7" in (event.note or "")


def test_a_997_for_a_group_we_never_sent_is_noted(workspace: Workspace):
    hub, doc = _sent_855(workspace)
    workspace.drop("stray.x12", _partner_997("424242", "A", "0001", "A"))
    hub.run_once()
    with Session(hub.engine) as session:
        still = session.get(OutboundDocument, doc.id)
        records = session.exec(select(TransactionSetRecord).where(TransactionSetRecord.set_id == "997")).all()
    assert still is not None and still.status == "sent"
    assert any("group 424242 matches nothing we sent" in (r.reason or "") for r in records)


def test_an_855_without_its_997_in_time_is_overdue_and_a_late_997_still_counts(workspace: Workspace):
    hub, doc = _sent_855(workspace)
    assert "0 document(s) newly overdue" in workspace.cli("outbox", "overdue")
    with Session(hub.engine) as session:
        profiles = {p.partner_id: p for p in hub.profiles}
        assert overdue(session, profiles, datetime.now(UTC)) == []  # within the default 24 hours
        late = [d.id for d in overdue(session, profiles, datetime.now(UTC) + timedelta(hours=25))]
        session.commit()
        assert session.get(OutboundDocument, doc.id).status == "overdue"
    assert late == [doc.id]
    workspace.drop("late.x12", _partner_997(doc.group_control_number, "A", doc.set_control_numbers, "A"))
    hub.run_once()
    with Session(hub.engine) as session:
        acked = session.get(OutboundDocument, doc.id)
    assert acked is not None and acked.status == "acknowledged"


def test_an_orders_trail_shows_the_850_our_997_our_855_and_the_partners_997(workspace: Workspace):
    from orderhub.store.models import OrderRecord
    from orderhub.trail import order_trail

    hub, doc = _sent_855(workspace)
    workspace.drop("ack.x12", _partner_997(doc.group_control_number, "A", doc.set_control_numbers, "A"))
    hub.run_once()
    with Session(hub.engine) as session:
        (order,) = session.exec(select(OrderRecord).where(OrderRecord.po_number == "PO-1001"))
        steps = [event.what for event in order_trail(session, order.order_id)]
    assert steps[0] == "x12 received"
    for step in ("order v1 released", "997 queued", "997 sent", "855 queued", "855 sent", "855 acknowledged"):
        assert step in steps, steps
    assert steps.index("855 sent") < steps.index("855 acknowledged")
    printed = workspace.cli("orders", "trail", order.order_id)
    assert "855 acknowledged" in printed and "AK9 A" in printed


def test_the_same_997_applied_again_changes_nothing(workspace: Workspace):
    from orderhub.acks import reconcile
    from schemas.acknowledgement import AckCode, FunctionalAck, GroupAck, SetAck

    hub, doc = _sent_855(workspace)
    profile = next(p for p in hub.profiles if p.partner_id == doc.partner_id)
    sets = [SetAck(set_id="855", control_number=doc.set_control_numbers, code=AckCode.REJECTED)]
    ack = FunctionalAck(
        group=GroupAck(
            functional_id="PR",
            control_number=doc.group_control_number,
            version="004010",
            code=AckCode.REJECTED,
            sets_included=1,
            sets_received=1,
            sets=sets,
        )
    )
    with Session(hub.engine) as session:
        assert "rejected" in reconcile(session, profile, ack, 77)
        session.commit()
    with Session(hub.engine) as session:
        assert "already applied" in reconcile(session, profile, ack, 77)
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_id == str(doc.id))).all()
    assert [e.to_status for e in events].count("rejected") == 1
