"""The pipeline end to end through the folder mailbox, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json

from conftest import FIXTURES, Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import (
    AuditEvent,
    InboundDocument,
    OrderRecord,
    OutboundDocument,
    TransactionSetRecord,
)


def rows(hub, model, *where):
    with Session(hub.engine) as session:
        return list(session.exec(select(model).where(*where)))


def orders(hub) -> dict[str, OrderRecord]:
    return {o.po_number + f"/v{o.version}": o for o in rows(hub, OrderRecord)}


def outbound(hub, doc_type=None):
    found = rows(hub, OutboundDocument)
    return [o for o in found if doc_type is None or o.doc_type == doc_type]


def test_demo_samples_capture_hold_fail_and_acknowledge(workspace: Workspace):
    for sample in sorted((FIXTURES / "demo" / "inbox").iterdir()):
        workspace.drop(sample.name, sample.read_bytes())
    hub = workspace.hub()
    outcomes = hub.run_once()
    assert sorted(o.status.value for o in outcomes) == ["failed", "parsed", "parsed"]
    found = orders(hub)
    assert found["PO-1001/v1"].status == "released"
    held = found["PO-1002/v1"]
    assert held.status == "held"
    reasons = {r["code"]: r for r in json.loads(held.payload)["hold_reasons"]}
    assert set(reasons) == {"PRICE_MISMATCH", "UNKNOWN_ITEM"}
    assert reasons["UNKNOWN_ITEM"]["field"] == "lines[1].sku" and "ZZ9999" in reasons["UNKNOWN_ITEM"]["message"]
    # the garbage file is failed with its reason, kept in the raw store, and filed in the error folder
    (failed,) = rows(hub, InboundDocument, InboundDocument.status == "failed")
    assert failed.error_code == "UNSUPPORTED_FORMAT" and "Hi, please ship" in failed.error
    assert hub.raw.get(failed.sha256).startswith(b"Hi, please")
    assert sorted(p.name for p in workspace.error.iterdir()) == ["demo-scanned-fax.txt"]
    assert sorted(p.name for p in workspace.archive.iterdir()) == ["demo-po-1001.x12", "demo-po-1002.x12"]
    # one 997 per group, an 855 only for the released order, all written to the outbox
    assert len(outbound(hub, "997")) == 2 and len(outbound(hub, "855")) == 1
    assert {o.status for o in outbound(hub)} == {"sent"}
    written = sorted(p.name for p in workspace.outbox.iterdir())
    assert len(written) == 3 and not any(name.startswith(".") for name in written)
    ack855 = (workspace.outbox / outbound(hub, "855")[0].filename).read_text()
    assert "BAK*00*AD*PO-1001*20261120" in ack855 and "ACK*IA*24*EA" in ack855


def test_the_same_bytes_twice_make_one_order(workspace: Workspace):
    data = interchange([po_body("PO-7")])
    hub = workspace.hub()
    workspace.drop("a.x12", data)
    hub.run_once()
    workspace.drop("b.x12", data)  # the partner resends the same file under another name
    (outcome,) = hub.run_once()
    assert outcome.status.value == "duplicate"
    assert len(orders(hub)) == 1 and len(outbound(hub, "997")) == 1
    dup = rows(hub, InboundDocument, InboundDocument.status == "duplicate")[0]
    assert "arrived before as document 1" in dup.error


def test_a_crash_between_receiving_and_processing_resumes_without_loss(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("a.x12", interchange([po_body("PO-8")]))
    connector = hub.connectors["demo-in"]
    (incoming,) = list(connector.poll())
    document_id, _ = hub.pipeline.receive(incoming)  # ... and the process dies here
    hub2 = workspace.hub()
    again = hub2.pipeline.receive(incoming)  # the claimed file is polled again after restart
    assert again[0] == document_id
    outcome = hub2.pipeline.process(document_id)
    assert outcome.status.value == "parsed"
    assert hub2.pipeline.process(document_id).status.value == "parsed"  # processing twice is a no-op
    assert len(orders(hub2)) == 1 and len(outbound(hub2, "997")) == 1 and len(outbound(hub2, "855")) == 1


def test_change_supersedes_and_cancel_cancels(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-9")], control=1))
    hub.run_once()
    workspace.drop("2.x12", interchange([po_body("PO-9", purpose="04", lines=[("1", "12", "EA", "9.25")])], control=2))
    hub.run_once()
    found = orders(hub)
    assert found["PO-9/v1"].status == "superseded"
    assert found["PO-9/v2"].status == "released" and found["PO-9/v2"].supersedes == found["PO-9/v1"].order_id
    # the same change again is recognised by content, not stored twice
    workspace.drop("3.x12", interchange([po_body("PO-9", purpose="04", lines=[("1", "12", "EA", "9.25")])], control=3))
    hub.run_once()
    assert len(orders(hub)) == 2
    workspace.drop("4.x12", interchange([po_body("PO-9", purpose="01")], control=4))
    hub.run_once()
    assert orders(hub)["PO-9/v2"].status == "cancelled"
    events = rows(hub, AuditEvent, AuditEvent.entity == "order", AuditEvent.entity_id == found["PO-9/v2"].order_id)
    assert [(e.from_status, e.to_status) for e in events] == [(None, "released"), ("released", "cancelled")]


def test_changes_and_cancels_for_unknown_pos_and_odd_purposes_are_held(workspace: Workspace):
    hub = workspace.hub()
    for n, purpose in enumerate(["04", "01", "06", "07"], start=1):
        workspace.drop(f"{n}.x12", interchange([po_body(f"PO-U{n}", purpose=purpose)], control=n))
    hub.run_once()
    codes = {o.po_number: [r["code"] for r in json.loads(o.payload)["hold_reasons"]] for o in orders(hub).values()}
    assert codes == {
        "PO-U1": ["UNKNOWN_PO"],
        "PO-U2": ["UNKNOWN_PO"],
        "PO-U3": ["CONFIRMATION_ORDER"],
        "PO-U4": ["DUPLICATE_MARKED"],
    }
    assert all(o.status == "held" for o in orders(hub).values())
    assert outbound(hub, "855") == []


def test_second_original_with_other_content_is_held_as_duplicate_po(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-D")], control=1))
    workspace.drop("2.x12", interchange([po_body("PO-D", lines=[("1", "99", "EA", "9.25")])], control=2))
    hub.run_once()
    second = [o for o in orders(hub).values() if o.status == "held"]
    assert [r["code"] for r in json.loads(second[0].payload)["hold_reasons"]] == ["DUPLICATE_PO"]


def test_business_holds(workspace: Workspace):
    hub = workspace.hub()
    cases = {
        "NON_POSITIVE_QUANTITY": po_body("Q", lines=[("1", "0", "EA", "9.25")]),
        "MISSING_SHIP_TO": po_body("S", ship_to=""),
        "UNKNOWN_SHIP_TO": po_body("L", ship_to="9999"),
        "PRICE_MISMATCH": po_body("P", lines=[("1", "1", "EA", "19.25")]),
        "UNKNOWN_ITEM": po_body("I", part="NOPE"),
        "LINE_COUNT_MISMATCH": po_body("C")[:-1] + ["CTT*5"],
    }
    for n, body in enumerate(cases.values(), start=1):
        workspace.drop(f"{n}.x12", interchange([body], control=n))
    hub.run_once()
    by_po = {o.po_number: [r["code"] for r in json.loads(o.payload)["hold_reasons"]] for o in orders(hub).values()}
    assert by_po == {
        "Q": ["NON_POSITIVE_QUANTITY"],
        "S": ["MISSING_SHIP_TO"],
        "L": ["UNKNOWN_SHIP_TO"],
        "P": ["PRICE_MISMATCH"],
        "I": ["UNKNOWN_ITEM"],
        "C": ["LINE_COUNT_MISMATCH"],
    }
    assert len(outbound(hub, "997")) == 6  # business holds never change the 997
    assert all("AK9*A*1*1*1" in o.payload.decode() for o in outbound(hub, "997"))


def test_unknown_sender_is_kept_failed_unacknowledged_and_listed(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("x.x12", interchange([po_body()], sender="STRANGER"))
    workspace.drop("y.x12", interchange([po_body()], receiver="SOMEONEELSE"))
    hub.run_once()
    docs = {d.remote_key: d for d in rows(hub, InboundDocument)}
    assert docs["x.x12"].status == "failed" and docs["x.x12"].error_code == "UNKNOWN_SENDER"
    assert "ZZ:STRANGER" in docs["x.x12"].error and docs["x.x12"].sender == "ZZ:STRANGER"
    assert docs["y.x12"].error_code == "NOT_ADDRESSED_TO_US" and "ZZ:SOMEONEELSE" in docs["y.x12"].error
    assert outbound(hub) == [] and orders(hub) == {}
    assert sorted(p.name for p in workspace.error.iterdir()) == ["x.x12", "y.x12"]


def test_test_interchange_orders_never_reach_the_erp(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("t.x12", interchange([po_body("PO-T")], test="T"))
    hub.run_once()
    (order,) = orders(hub).values()
    assert order.status == "test"
    assert all(o.payload.decode().split("~")[0].endswith("*T*>") for o in outbound(hub))


def test_bad_input_is_recorded_with_a_reason_and_the_next_document_still_processed(workspace: Workspace):
    hub = workspace.hub()
    good = interchange([po_body("PO-OK")], control=9)
    workspace.drop("0-empty.x12", b"")
    workspace.drop("1-truncated.x12", interchange([po_body("PO-TR")])[:150])
    workspace.drop("2-counts.x12", interchange([po_body("PO-CNT")], se_count_delta=3, control=2))
    workspace.drop("3-control.x12", interchange([po_body("PO-IEA")], iea_control=5, control=3))
    workspace.drop("4-binary.x12", bytes(range(256)) * 4)
    workspace.drop("5-good.x12", good)
    hub.run_once()
    docs = {d.remote_key: d for d in rows(hub, InboundDocument)}
    assert docs["5-good.x12"].status == "parsed"
    for name in ("0-empty.x12", "1-truncated.x12", "2-counts.x12", "3-control.x12", "4-binary.x12"):
        doc = docs[name]
        assert doc.status == "failed", name
        assert doc.error and "internal error" not in doc.error
        assert hub.raw.get(doc.sha256) is not None
    assert "empty" in docs["0-empty.x12"].error
    assert "no IEA trailer" in docs["1-truncated.x12"].error or "segment" in docs["1-truncated.x12"].error
    assert "SE01 says '10' segments" in docs["2-counts.x12"].error and "at segment 9 (SE" in docs["2-counts.x12"].error
    assert "IEA02 '000000005' does not match ISA13 '000000003'" in docs["3-control.x12"].error
    # the set with the wrong count is rejected in a 997; the interchange with the wrong IEA02 gets none
    acks = {o.inbound_document_id: o.payload.decode() for o in outbound(hub, "997")}
    assert "AK5*R*4" in acks[docs["2-counts.x12"].id]
    assert docs["3-control.x12"].id not in acks
    assert sorted(p.name for p in workspace.error.iterdir()) == [
        "0-empty.x12",
        "1-truncated.x12",
        "2-counts.x12",
        "3-control.x12",
        "4-binary.x12",
    ]


def test_one_bad_set_does_not_sink_its_neighbours(workspace: Workspace):
    hub = workspace.hub()
    bad = po_body("PO-BAD", lines=[("1", "x", "EA", "9.25")])
    workspace.drop("mix.x12", interchange([po_body("PO-G1"), bad, po_body("PO-G2")]))
    hub.run_once()
    sets = rows(hub, TransactionSetRecord)
    assert [s.status for s in sets] == ["accepted", "rejected", "accepted"]
    assert "PO102 'x' is not a number" in sets[1].reason
    assert sorted(o.po_number for o in orders(hub).values()) == ["PO-G1", "PO-G2"]
    (ack,) = outbound(hub, "997")
    assert "AK9*P*3*3*2" in ack.payload.decode()


def test_control_numbers_persist_per_partner_and_are_never_reused(workspace: Workspace):
    hub = workspace.hub()
    for n in range(1, 4):
        workspace.drop(f"{n}.x12", interchange([po_body(f"PO-N{n}")], control=n))
        hub.run_once()
    hub = workspace.hub()  # a restart
    workspace.drop("4.x12", interchange([po_body("PO-N4")], control=4))
    hub.run_once()
    isa13 = [o.interchange_control_number for o in outbound(hub)]
    assert len(isa13) == 8 and len(set(isa13)) == 8
    assert sorted(int(n) for n in isa13) == list(range(1, 9))


def test_release_and_reject_a_held_order_send_the_855_per_policy(workspace: Workspace):
    from datetime import UTC, datetime

    from orderhub.orders import decide

    hub = workspace.hub()
    workspace.drop("1.x12", interchange([po_body("PO-R1", part="NOPE")], control=1))
    workspace.drop("2.x12", interchange([po_body("PO-R2", part="NOPE")], control=2))
    hub.run_once()
    held = {o.po_number: o for o in orders(hub).values()}
    profile = hub.profiles.get("demo-retail")
    with Session(hub.engine) as session:
        decide(session, held["PO-R1"].order_id, True, profile, datetime.now(UTC), actor="dana")
        decide(session, held["PO-R2"].order_id, False, profile, datetime.now(UTC), actor="dana")
        session.commit()
    hub.dispatcher.drain()
    acks = {o.order_id: o.payload.decode() for o in outbound(hub, "855")}
    assert "BAK*00*AD*PO-R1" in acks[held["PO-R1"].order_id]
    assert "BAK*00*RJ*PO-R2" in acks[held["PO-R2"].order_id] and "PO1" not in acks[held["PO-R2"].order_id]
    events = rows(hub, AuditEvent, AuditEvent.entity_id == held["PO-R2"].order_id)
    assert events[-1].actor == "dana" and events[-1].to_status == "rejected"


def test_a_crash_after_the_commit_but_before_filing_the_source_files_it_on_restart(workspace: Workspace):
    import os
    import time

    from connectors.folder import CLAIMED

    hub = workspace.hub()
    workspace.drop("a.x12", interchange([po_body("PO-ACK")]))
    connector = hub.connectors["demo-in"]
    (incoming,) = list(connector.poll())
    assert hub.pipeline.handle(incoming).status.value == "parsed"  # committed; the process dies before ack
    claimed = next((workspace.inbox / CLAIMED).iterdir())
    old = time.time() - 3600
    os.utime(claimed, (old, old))  # the claim times out
    (outcome,) = workspace.hub().run_once()
    assert outcome.status.value == "parsed" and outcome.document_id == 1  # the same record, not a duplicate
    assert [p.name for p in workspace.archive.iterdir()] == ["a.x12"]
    assert len(orders(hub)) == 1 and len(outbound(hub, "997")) == 1


def _release(po_number: str, release: str, qty: str = "10") -> list[str]:
    body = po_body(po_number, lines=[("1", qty, "EA", "9.25")])
    body[0] = f"BEG*00*RL*{po_number}*{release}*20261120"  # a release (BEG02=RL) against a blanket order
    return body


def test_each_release_of_a_blanket_order_is_an_order_of_its_own(workspace: Workspace):
    """Releases 1 and 2 of blanket PO-B share the PO number: neither is a duplicate of the other; release 2 sent
    again with other quantities is (a change to a release comes as BEG01=04 with its release number)."""
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_release("PO-B", "1")], control=1))
    workspace.drop("2.x12", interchange([_release("PO-B", "2", qty="12")], control=2))
    workspace.drop("3.x12", interchange([_release("PO-B", "2", qty="99")], control=3))
    hub.run_once()
    found = sorted(
        (json.loads(o.payload)["release_number"], o.status, [r["code"] for r in json.loads(o.payload)["hold_reasons"]])
        for o in rows(hub, OrderRecord)
    )
    assert found == [("1", "released", []), ("2", "held", ["DUPLICATE_PO"]), ("2", "released", [])]
