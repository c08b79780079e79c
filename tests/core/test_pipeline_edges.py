"""Edge cases of the pipeline found in review: each was a defect once."""

from __future__ import annotations

import gc
import json

from conftest import FIXTURES, Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import InboundDocument, OrderEvent, OrderRecord, OutboundDocument, TransactionSetRecord


def all_rows(hub, model):
    with Session(hub.engine) as session:
        return list(session.exec(select(model)))


def reasons(row: OrderRecord) -> list[str]:
    return [r["code"] for r in json.loads(row.payload)["hold_reasons"]]


def test_reprocess_after_onboarding_the_sender(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("a.x12", interchange([po_body("PO-NEW")], sender="NEWPARTNER"))
    hub.run_once()
    (doc,) = all_rows(hub, InboundDocument)
    assert doc.status == "failed" and doc.error_code == "UNKNOWN_SENDER"
    profile = (workspace.root / "partners" / "demo-retail.yaml").read_text()
    profile = profile.replace("partner_id: demo-retail", "partner_id: new-partner").replace("DEMORETAIL", "NEWPARTNER")
    (workspace.root / "partners" / "new-partner.yaml").write_text(profile)
    hub = workspace.hub()
    outcome = hub.pipeline.reprocess(doc.id)
    assert outcome.status.value == "parsed", outcome.error
    (record,) = all_rows(hub, TransactionSetRecord)
    assert record.status == "accepted" and record.partner_id == "new-partner"
    (order,) = all_rows(hub, OrderRecord)
    assert order.partner_id == "new-partner" and order.status == "released"


def test_a_test_interchange_never_touches_production_orders(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-P")], control=1))
    workspace.drop("2.x12", interchange([po_body("PO-P", purpose="01")], control=2, test="T"))
    workspace.drop(
        "3.x12", interchange([po_body("PO-P", purpose="04", lines=[("1", "3", "EA", "9.25")])], control=3, test="T")
    )
    hub.run_once()
    statuses = sorted((o.status, o.purpose) for o in all_rows(hub, OrderRecord))
    assert statuses == [("released", "original"), ("test", "cancel"), ("test", "change")]


def test_cancelling_twice_and_releasing_a_cancellation(workspace: Workspace):
    from datetime import UTC, datetime

    import pytest

    from orderhub.orders import decide

    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-C")], control=1))
    workspace.drop("2.x12", interchange([po_body("PO-C", purpose="01")], control=2))
    workspace.drop("3.x12", interchange([po_body("PO-C", purpose="01", lines=[("1", "1", "EA", "9.25")])], control=3))
    workspace.drop("4.x12", interchange([po_body("PO-NEVER", purpose="01")], control=4))
    hub.run_once()
    orders = {(o.po_number, o.purpose): o for o in all_rows(hub, OrderRecord)}
    assert orders[("PO-C", "original")].status == "cancelled"
    assert ("PO-C", "cancel") not in orders  # the second cancel: already cancelled, nothing stored
    sets = {s.reason for s in all_rows(hub, TransactionSetRecord) if s.reason}
    assert "PO PO-C is already cancelled: nothing to do" in sets
    unknown = orders[("PO-NEVER", "cancel")]
    assert unknown.status == "held" and reasons(unknown) == ["UNKNOWN_PO"]
    with Session(hub.engine) as session, pytest.raises(ValueError, match="cannot be released"):
        decide(session, unknown.order_id, True, hub.profiles.get("demo-retail"), datetime.now(UTC), actor="dana")
    # a held cancellation does not make a later original look like a duplicate
    workspace.drop("5.x12", interchange([po_body("PO-NEVER")], control=5))
    hub.run_once()
    fresh = [o for o in all_rows(hub, OrderRecord) if o.po_number == "PO-NEVER" and o.purpose == "original"]
    assert [o.status for o in fresh] == ["released"]


def test_line_level_charges_count_in_the_stated_total(workspace: Workspace):
    hub = workspace.hub()
    body = po_body("PO-T", lines=[("1", "10", "EA", "9.25")])
    body[-1:-1] = ["SAC*A*C310***500"]
    body += ["AMT*TT*87.50"]
    workspace.drop("t.x12", interchange([body]))
    hub.run_once()
    (order,) = all_rows(hub, OrderRecord)
    assert order.status == "released", reasons(order)


def test_units_of_measure_inactive_items_and_the_855_echo(workspace: Workspace):
    items = workspace.root / "masterdata" / "items.csv"
    items.write_text(
        items.read_text()
        .replace("sku,description,gtin,upc,uom", "sku,description,gtin,upc,uom,active")
        .replace(",EA\n", ",EA,true\n")
        .replace("XY5266,Large widget,,,EA,true", "XY5266,Large widget,,,EA,false")
    )
    profile = workspace.root / "partners" / "demo-retail.yaml"
    profile.write_text(profile.read_text() + "uom_map:\n  EO: EA\n")
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-LB", lines=[("1", "10", "LB", "9.25")])], control=1))
    workspace.drop(
        "2.x12", interchange([po_body("PO-OLD", part="XY5266", lines=[("1", "1", "EA", "10.99")])], control=2)
    )
    workspace.drop("3.x12", interchange([po_body("PO-EO", lines=[("1", "2", "EO", "9.25")])], control=3))
    hub.run_once()
    orders = {o.po_number: o for o in all_rows(hub, OrderRecord)}
    assert reasons(orders["PO-LB"]) == ["UOM_MISMATCH"]
    assert reasons(orders["PO-OLD"]) == ["INACTIVE_ITEM"]
    assert orders["PO-EO"].status == "released"
    ack = next(o for o in all_rows(hub, OutboundDocument) if o.order_id == orders["PO-EO"].order_id)
    assert "PO1*1*2*EO*9.25**VN*AB3542~" in ack.payload.decode() and "ACK*IA*2*EO~" in ack.payload.decode()


def test_over_long_partner_values_are_recorded_on_every_database(workspace: Workspace):
    hub = workspace.hub()
    long_st02 = (
        interchange([po_body("PO-L1")])
        .replace(b"ST*850*0001", b"ST*850*" + b"1" * 40)
        .replace(b"SE*7*0001", b"SE*7*" + b"1" * 40)
    )
    workspace.drop("long.x12", long_st02)
    workspace.drop("ok.x12", interchange([po_body("PO-L2"), po_body("P" * 90)], control=2))
    hub.run_once()
    docs = {d.remote_key: d for d in all_rows(hub, InboundDocument)}
    assert docs["long.x12"].status == "parsed" and docs["ok.x12"].status == "parsed"
    verdicts = sorted((s.status, bool(s.reason and "BEG03" in s.reason)) for s in all_rows(hub, TransactionSetRecord))
    assert verdicts == [("accepted", False), ("accepted", False), ("rejected", True)]


def test_demo_fixture_is_untouched():
    # the tests above edit their workspace copies, never fixtures/demo itself
    assert "active" not in (FIXTURES / "demo" / "masterdata" / "items.csv").read_text()


def test_a_document_the_channel_refused_is_recorded_failed_with_what_was_kept(workspace: Workspace):
    from datetime import UTC, datetime

    from connectors.base import Incoming

    hub = workspace.hub()
    headers = b"From: buyer@example.com\r\nSubject: PO 77\r\nMessage-ID: <big@example.com>\r\n\r\n"
    incoming = Incoming(
        "mail",
        "7:42",
        headers,
        datetime.now(UTC),
        metadata={"refused": "message of 209715200 bytes is over the limit of 26214400 bytes"},
    )
    outcome = hub.pipeline.handle(incoming)
    assert outcome.status.value == "failed" and "209715200 bytes" in outcome.error
    (doc,) = all_rows(hub, InboundDocument)
    assert doc.error_code == "REFUSED_BY_CHANNEL" and hub.raw.get(doc.sha256) == headers


def test_sets_of_one_document_see_the_orders_made_by_the_sets_before_them(workspace: Workspace):
    hub = workspace.hub()
    cases = {
        "dup.x12": [po_body("PO-D"), po_body("PO-D", lines=[("1", "99", "EA", "9.25")])],
        "change.x12": [po_body("PO-C"), po_body("PO-C", purpose="04", lines=[("1", "3", "EA", "9.25")])],
        "cancel.x12": [po_body("PO-X"), po_body("PO-X", purpose="01")],
        "twice.x12": [po_body("PO-T"), po_body("PO-T")],
    }
    for n, (name, sets) in enumerate(cases.items(), start=1):
        workspace.drop(name, interchange(sets, control=n))
    hub.run_once()
    found = sorted((o.po_number, o.version, o.status, tuple(reasons(o))) for o in all_rows(hub, OrderRecord))
    assert found == [
        ("PO-C", 1, "superseded", ()),
        ("PO-C", 2, "released", ()),
        ("PO-D", 1, "held", ("DUPLICATE_PO",)),
        ("PO-D", 1, "released", ()),
        ("PO-T", 1, "released", ()),
        ("PO-X", 1, "cancelled", ()),
    ]
    acks = [o for o in all_rows(hub, OutboundDocument) if o.doc_type == "855"]
    assert len(acks) == 5  # PO-C v1 and v2, PO-D, PO-T, PO-X (released, then cancelled): one per order


def test_a_processing_defect_rolls_back_the_rows_and_their_audit_events(workspace: Workspace, monkeypatch):
    import orderhub.recording as recording_module
    from orderhub.store.models import AuditEvent

    real = recording_module.store_order
    calls: list[int] = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("a defect in the second set")
        return real(*args, **kwargs)

    monkeypatch.setattr(recording_module, "store_order", flaky)
    hub = workspace.hub()
    workspace.drop("two.x12", interchange([po_body("PO-R1"), po_body("PO-R2")]))
    (outcome,) = hub.run_once()
    assert outcome.status.value == "failed" and "RuntimeError: a defect in the second set" in outcome.error
    assert all_rows(hub, OrderRecord) == [] and all_rows(hub, OutboundDocument) == []
    events = [(e.entity, e.to_status) for e in all_rows(hub, AuditEvent)]
    assert events == [("document", "received"), ("document", "failed")]


def test_good_interchanges_before_an_unreadable_one_are_processed_and_the_file_is_failed(workspace: Workspace):
    hub = workspace.hub()
    data = interchange([po_body("PO-FIRST")]) + b"ISA*00*"  # a second ISA cut short
    workspace.drop("tail.x12", data)
    (outcome,) = hub.run_once()
    assert (
        outcome.status.value == "failed" and "the rest of the file cannot be read (after interchange 1" in outcome.error
    )
    assert "the 1 set(s) before it were processed" in outcome.error
    assert [o.po_number for o in all_rows(hub, OrderRecord)] == ["PO-FIRST"]
    assert sorted(o.doc_type for o in all_rows(hub, OutboundDocument)) == ["855", "997"]
    assert [p.name for p in workspace.error.iterdir()] == ["tail.x12"]


def test_a_long_document_keeps_no_order_row_past_a_checkpoint_nor_every_feed_event_at_its_commit(
    sqlite_workspace: Workspace, monkeypatch
):
    """Each checkpoint lets the ORM forget the rows already written, so a document of any size is recorded in
    bounded memory. The orders feed's events wait for the document's commit: they once held their order rows,
    so every order of a 100 MB file stayed in memory (1.2 GB peak), and the commit then made one OrderEvent
    object per order before a single flush. They keep the order's identity, and are written a batch at a time."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session as OrmSession

    from orderhub import recording
    from orderhub.store import repo

    live: list[int] = []
    events_in_session: list[int] = []

    def checkpoint(session, doc):  # noqa: ANN001, ANN202
        checkpoint_once(session, doc)
        gc.collect()
        live.append(sum(isinstance(o, OrderRecord) and o.po_number.startswith("PO-MEM-") for o in gc.get_objects()))

    def after_flush(session, _context):  # noqa: ANN001, ANN202
        objects = [*session.identity_map.values(), *session.new]
        events_in_session.append(sum(isinstance(o, OrderEvent) for o in objects))

    checkpoint_once = recording._checkpoint
    monkeypatch.setattr(recording, "CHECKPOINT_SETS", 3)
    monkeypatch.setattr(recording, "_checkpoint", checkpoint)
    monkeypatch.setattr(repo, "EVENT_BATCH", 3)
    hub = sqlite_workspace.hub()
    sqlite_workspace.drop("long.x12", interchange([po_body(f"PO-MEM-{n}") for n in range(10)]))
    event.listen(OrmSession, "after_flush", after_flush)
    try:
        hub.run_once()
    finally:
        event.remove(OrmSession, "after_flush", after_flush)
    assert len(live) == 3 and max(live) <= 1, f"order rows alive after each checkpoint: {live}"
    assert max(events_in_session) <= 3, f"feed events held by the session: {events_in_session}"
    orders = {o.order_id: o for o in all_rows(hub, OrderRecord)}
    feed = sorted(all_rows(hub, OrderEvent), key=lambda e: e.seq)
    assert len(orders) == len(feed) == 10
    assert [e.seq for e in feed] == list(range(feed[0].seq, feed[0].seq + 10))
    for e in feed:
        order = orders[e.order_id]
        assert (e.kind, e.status, e.partner_id, e.po_number, e.actor, e.detail) == (
            order.status,
            order.status,
            order.partner_id,
            order.po_number,
            "hub",
            None,
        )
        assert e.at is not None
