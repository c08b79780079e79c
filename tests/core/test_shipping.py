"""856 and 810 from the ERP's confirmations: checked against the order and each other, labelled with SSCCs,
validated against the map, queued, on the trail; and the 855 from the ERP's decision. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
import yaml
from conftest import Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.duetimes import due_documents
from orderhub.orders import acknowledge_decision
from orderhub.shipping import DocumentRefused, gs1_check_digit, queue_invoice, queue_shipment, valid_sscc
from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument
from orderhub.trail import order_trail
from outbound.po855 import DecisionError
from outbound.validate import map_problems
from schemas.acknowledgement import LineDecision, OrderDecision
from schemas.invoice import Invoice, InvoiceLine
from schemas.order import AllowanceCharge, Carrier, Identifier, Party
from schemas.shipment import Package, Shipment, ShipmentOrder, ShipmentStructure, ShippedItem

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # the clock of rendered envelopes
PREFIX = "0614141"


def test_gs1_check_digit_matches_gs1s_published_example():
    assert gs1_check_digit("10614141123456789") == "7"  # SSCC 1 0614141 123456789 7 (GS1 General Specifications)
    assert valid_sscc("106141411234567897") and not valid_sscc("106141411234567890")


def _released(workspace: Workspace, hub, po: str = "PO-9", control: int = 1) -> OrderRecord:
    lines = [("1", "10", "EA", "9.25"), ("2", "4", "EA", "9.25")]
    workspace.drop(f"{po}.x12", interchange([po_body(po, lines=lines)], control=control))
    hub.run_once()
    with Session(hub.engine) as session:
        row = session.exec(select(OrderRecord).where(OrderRecord.po_number == po)).one()
    assert row.status == "released"
    return row


def _shipment(po: str = "PO-9", *cartons: list[tuple[str, str]], shipment_id: str = "SH-1") -> Shipment:
    return Shipment(
        shipment_id=shipment_id,
        partner_id="demo-retail",
        notice_date=date(2026, 11, 22),
        notice_time=time(11, 30),
        ship_date=date(2026, 11, 22),
        estimated_delivery=date(2026, 11, 24),
        carrier=Carrier(routing_sequence="B", id_qualifier="2", id="ABFS", transport_method="M"),
        bill_of_lading="BOL-77",
        pro_number="PRO-1234",
        orders=[
            ShipmentOrder(
                po_number=po,
                packages=[
                    Package(items=[ShippedItem(line_number=n, quantity=Decimal(q)) for n, q in carton])
                    for carton in cartons
                ],
            )
        ],
    )


def _ship(hub, shipment: Shipment) -> OutboundDocument:
    with Session(hub.engine, expire_on_commit=False) as session:
        row = queue_shipment(session, shipment, hub.profiles.get("demo-retail"), NOW, company_prefix=PREFIX)
        session.commit()
        return row


def _invoice(hub, invoice: Invoice) -> OutboundDocument:
    with Session(hub.engine, expire_on_commit=False) as session:
        row = queue_invoice(session, invoice, hub.profiles.get("demo-retail"), NOW)
        session.commit()
        return row


def _refused(fn, *args) -> list[str]:
    with pytest.raises(DocumentRefused) as caught:
        fn(*args)
    return caught.value.reasons


def _outbound(hub, doc_type: str) -> list[OutboundDocument]:
    with Session(hub.engine) as session:
        return list(session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == doc_type)))


def test_a_shipment_is_labelled_echoed_validated_queued_and_on_the_trail(workspace: Workspace):
    hub = workspace.hub()
    order = _released(workspace, hub)
    row = _ship(hub, _shipment("PO-9", [("1", "5"), ("2", "4")], [("1", "4")]))
    text = row.payload.decode()
    ssccs = [seg.split("*")[2].rstrip("~\n") for seg in text.split("~") if seg.strip().startswith("MAN*GM")]
    assert len(ssccs) == 2 and all(s.startswith("00") and valid_sscc(s[2:]) for s in ssccs)
    serials = [int(s[2 + 1 + len(PREFIX) : -1]) for s in ssccs]
    assert serials == [1, 2]  # from the prefix's counter, consecutive, never reused
    assert "PRF*PO-9***20261120" in text  # PO number and date echoed from the order
    assert "LIN*1*VN*AB3542" in text  # the partner's product ID echoed where the ERP gave none
    assert "REF*BM*BOL-77" in text and "REF*CN*PRO-1234" in text and "BSN*00*SH-1*20261122*1130*0001" in text
    assert map_problems(row.payload, hub.profiles.get("demo-retail")) == []
    hub.dispatcher.drain()
    with Session(hub.engine) as session:
        trail = [e.what for e in order_trail(session, order.order_id)]
    assert "856 queued" in trail and "856 sent" in trail
    # the next shipment's cartons continue the counter
    row2 = _ship(hub, _shipment("PO-9", [("1", "0.5")], shipment_id="SH-2"))
    assert f"00{0}{PREFIX}{3:09d}" in row2.payload.decode()


def test_shipping_more_than_ordered_is_refused_across_shipments_and_nothing_is_queued(workspace: Workspace):
    hub = workspace.hub()
    _released(workspace, hub)
    _ship(hub, _shipment("PO-9", [("1", "6")]))
    reasons = _refused(_ship, hub, _shipment("PO-9", [("1", "5")], shipment_id="SH-2"))
    assert reasons == ["PO PO-9 line 1: 11 shipped in all (5 now), 10 ordered"]
    assert len(_outbound(hub, "856")) == 1
    # the partner's allowance lets 10% more through
    profile = hub.profiles.get("demo-retail")
    profile.shipping.overship_percent = Decimal(10)
    _ship(hub, _shipment("PO-9", [("1", "5")], shipment_id="SH-2"))


def test_every_reason_a_shipment_cannot_go_is_reported_at_once(workspace: Workspace):
    hub = workspace.hub()
    _released(workspace, hub)
    bad = _shipment("PO-9", [("7", "1")], [("1", "1")])
    bad.orders[0].packages[1].sscc = "106141411234567890"
    bad.orders.append(ShipmentOrder(po_number="PO-NOPE", packages=[Package(items=[ShippedItem(quantity=Decimal(1))])]))
    reasons = _refused(_ship, hub, bad)
    assert "PO PO-9: line 7 matches no line of the order" in reasons
    assert "PO PO-NOPE: no order from partner demo-retail has this PO number" in reasons
    assert "SSCC 106141411234567890: the check digit should be 7" in reasons
    _ship(hub, _shipment("PO-9", [("1", "1")]))
    assert _refused(_ship, hub, _shipment("PO-9", [("1", "1")])) == [
        f"shipment SH-1 was already sent (outbound {_outbound(hub, '856')[0].id})"
    ]


def test_a_held_order_does_not_ship(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("held.x12", interchange([po_body("PO-H", ship_to="9999")], control=1))
    hub.run_once()
    reasons = _refused(_ship, hub, _shipment("PO-H", [("1", "1")]))
    assert reasons[0].startswith("PO PO-H: order ") and "is held; only released or booked orders ship" in reasons[0]


def test_an_invoice_bills_what_shipped_with_implied_decimals(workspace: Workspace):
    hub = workspace.hub()
    _released(workspace, hub)
    invoice = Invoice(
        invoice_number="INV-1",
        partner_id="demo-retail",
        invoice_date=date(2026, 11, 23),
        po_number="PO-9",
        shipment_id="SH-1",
        lines=[InvoiceLine(line_number="1", quantity=Decimal(6), unit_price=Decimal("9.25"))],
        allowances_charges=[AllowanceCharge(indicator="C", code="D240", amount=Decimal("12.50"))],
    )
    reasons = _refused(_invoice, hub, invoice)
    assert "shipment SH-1 was never sent to demo-retail" in reasons
    assert "PO PO-9 line 1: 6 invoiced in all (6 now), 0 shipped" in reasons
    _ship(hub, _shipment("PO-9", [("1", "6")]))
    row = _invoice(hub, invoice)
    text = row.payload.decode()
    assert "TDS*6800~" in text  # 6 x 9.25 + 12.50 = 68.00, two implied decimals
    assert "SAC*C*D240***1250~" in text and "IT1*1*6*EA*9.25**VN*AB3542~" in text and "DTM*011*20261122~" in text
    assert map_problems(row.payload, hub.profiles.get("demo-retail")) == []
    more = invoice.model_copy(update={"invoice_number": "INV-2", "allowances_charges": []})
    assert _refused(_invoice, hub, more) == ["PO PO-9 line 1: 12 invoiced in all (6 now), 6 shipped"]
    wrong = invoice.model_copy(update={"invoice_number": "INV-3", "stated_total": Decimal("68.01")})
    assert any("stated_total 68.01 differs" in r for r in _refused(_invoice, hub, wrong))


def test_the_erp_decision_becomes_the_855_of_an_after_erp_decision_partner(workspace: Workspace):
    path = workspace.root / "partners" / "demo-retail.yaml"
    profile = yaml.safe_load(path.read_text())
    profile["acknowledgements"]["po_ack"] = "after_erp_decision"
    path.write_text(yaml.safe_dump(profile))
    hub = workspace.hub()
    order = _released(workspace, hub)
    assert _outbound(hub, "855") == []  # nothing at release: the ERP decides first
    p = hub.profiles.get("demo-retail")
    decision = OrderDecision(
        lines=[
            LineDecision(line_number="1", action="backorder", quantity=Decimal(4), ship_date=date(2026, 12, 5)),
            LineDecision(line_number="2", action="change_price", unit_price=Decimal("9.10")),
        ]
    )
    with Session(hub.engine) as session:
        with pytest.raises(DecisionError, match=r"no decision for line\(s\) 2"):
            acknowledge_decision(session, order.order_id, OrderDecision(lines=decision.lines[:1]), p, NOW, "erp")
        ack, outbound_id = acknowledge_decision(session, order.order_id, decision, p, NOW, "erp")
        session.commit()
        assert ack.ack_type == "AC"
        payload = session.get(OutboundDocument, outbound_id).payload.decode()  # type: ignore[union-attr]
        with pytest.raises(DecisionError, match="already acknowledged"):
            acknowledge_decision(session, order.order_id, decision, p, NOW, "erp")
    assert "BAK*00*AC*PO-9*20261120*****20261122~" in payload
    assert "PO1*1*10*EA*9.25**VN*AB3542~\nACK*IA*6*EA~\nACK*IB*4*EA*068*20261205~" in payload
    assert "PO1*2*4*EA*9.1**VN*AB3542~\nACK*IP*4*EA" in payload
    assert map_problems(payload.encode(), p) == []


def test_due_lists_late_and_at_risk_documents(workspace: Workspace):
    hub = workspace.hub()
    order = _released(workspace, hub)
    now = datetime.now(UTC)  # shipments are confirmed at the real time: judge them at it too
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, order.document_id)
        doc.received_at = now - timedelta(hours=30)  # type: ignore[union-attr]
        session.add(doc)
        for sent in session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == "855")):
            session.delete(sent)  # as if the 855 had never been queued
        session.commit()
    old = _shipment("PO-9", [("1", "6")], shipment_id="SH-OLD")
    old.ship_date, old.estimated_delivery = now.date() - timedelta(days=12), None
    _ship(hub, old)
    hub.dispatcher.drain()  # that 856 went out; its invoice did not
    today = _shipment("PO-9", [("1", "4")], shipment_id="SH-NEW")
    today.ship_date, today.estimated_delivery = now.date(), now.date() + timedelta(days=2)
    _ship(hub, today)  # queued, not sent
    profiles = {p.partner_id: p for p in hub.profiles}
    with Session(hub.engine) as session:
        by_type = {i.doc_type: i for i in due_documents(session, profiles, now + timedelta(hours=1))}
        assert by_type["855"].late and "855 due within 24 h" in by_type["855"].detail
        assert by_type["810"].late
        assert "10 unit(s) shipped (SH-OLD on " in by_type["810"].detail
        assert not by_type["856"].late and "SH-NEW" in by_type["856"].subject  # due 4 h after shipping: at risk
        assert {i.doc_type: i for i in due_documents(session, profiles, now + timedelta(hours=5))}["856"].late
        invoice = Invoice(
            invoice_number="INV-OLD",
            partner_id="demo-retail",
            invoice_date=now.date(),
            po_number="PO-9",
            lines=[InvoiceLine(line_number="1", quantity=Decimal(6), unit_price=Decimal("9.25"))],
        )
    _invoice(hub, invoice)  # the old shipment is billed: the 810 of the new one is not due for 3 days
    with Session(hub.engine) as session:
        assert "810" not in {i.doc_type for i in due_documents(session, profiles, now + timedelta(hours=1))}
    hub.dispatcher.drain()
    with Session(hub.engine) as session:
        assert "856" not in {i.doc_type for i in due_documents(session, profiles, now + timedelta(hours=5))}


def test_an_asn_confirmed_late_is_late_from_its_ship_date(workspace: Workspace):
    hub = workspace.hub()
    _released(workspace, hub)
    now = datetime.now(UTC)
    late = _shipment("PO-9", [("1", "1")])
    late.ship_date, late.estimated_delivery = now.date() - timedelta(days=3), None
    _ship(hub, late)
    with Session(hub.engine) as session:
        found = [i for i in due_documents(session, {p.partner_id: p for p in hub.profiles}, now) if i.doc_type == "856"]
    assert found and found[0].late


def test_what_the_review_found_is_refused(workspace: Workspace):
    hub = workspace.hub()
    _released(workspace, hub)
    _released(workspace, hub, po="PO-8", control=2)
    twice = _shipment("PO-9", [("1", "10")])
    twice.orders.append(twice.orders[0].model_copy(deep=True))
    assert "PO PO-9: appears 2 times; one O level per PO" in _refused(_ship, hub, twice)
    cancel = _shipment("PO-9", [("1", "1")]).model_copy(update={"purpose": "01"})
    assert any(r.startswith("BSN01 01: only original ship notices") for r in _refused(_ship, hub, cancel))
    same = _shipment("PO-9", [("1", "1")], [("1", "1")])
    for package in same.orders[0].packages:
        package.sscc = "106141411234567897"
    assert "SSCC 106141411234567897: on 2 packages" in _refused(_ship, hub, same)
    same.orders[0].packages.pop()
    _ship(hub, same)
    again = _shipment("PO-9", [("1", "1")], shipment_id="SH-2")
    again.orders[0].packages[0].sscc = "106141411234567897"
    assert any("already on an earlier shipment" in r for r in _refused(_ship, hub, again))
    wrong_item = _shipment("PO-9", [("1", "1")], shipment_id="SH-3")
    wrong_item.orders[0].packages[0].items[0].identifiers = [Identifier(qualifier="VN", value="RD5322")]
    assert _refused(_ship, hub, wrong_item) == ["PO PO-9 line 1: product VN RD5322 is not the ordered VN AB3542"]
    no_role = _shipment("PO-9", [("1", "1")], shipment_id="SH-4")
    no_role.orders[0].mark_for = Party(name="Store 42")
    assert any("has no N101 role" in r for r in _refused(_ship, hub, no_role))  # refused, not a crash
    # a test ship notice is checked but uses up nothing: all 10 can still ship for real
    test_run = _shipment("PO-9", [("1", "9")], shipment_id="SH-T").model_copy(update={"test": True})
    assert b"*T*>" in _ship(hub, test_run).payload
    _ship(hub, _shipment("PO-9", [("1", "9")], shipment_id="SH-5"))
    # an invoice citing another PO's shipment
    _ship(hub, _shipment("PO-8", [("1", "1")], shipment_id="SH-8"))
    invoice = Invoice(
        invoice_number="INV-X",
        partner_id="demo-retail",
        invoice_date=date(2026, 11, 23),
        po_number="PO-9",
        shipment_id="SH-8",
        lines=[InvoiceLine(line_number="1", quantity=Decimal(1), unit_price=Decimal("9.25"))],
    )
    assert _refused(_invoice, hub, invoice) == ["shipment SH-8 carried nothing of PO PO-9"]


def test_standard_pack_shipments_of_two_orders_follow_the_partners_structure(workspace: Workspace):
    hub = workspace.hub()
    _released(workspace, hub)
    _released(workspace, hub, po="PO-8", control=2)
    hub.profiles.get("demo-retail").shipping.structure = ShipmentStructure.STANDARD_CARTON
    shipment = _shipment("PO-9", [("1", "5")], [("1", "5")], [("2", "4")])
    shipment.orders.append(_shipment("PO-8", [("2", "2")]).orders[0])
    text = _ship(hub, shipment).payload.decode()
    assert "BSN*00*SH-1*20261122*1130*0002~" in text
    hl = [seg.split("*")[1:4] for seg in text.replace("\n", "").split("~") if seg.startswith("HL*")]
    assert [level for _n, _p, level in hl] == ["S", "O", "I", "P", "P", "I", "P", "O", "I", "P"]
    assert "SN1**10*EA~PO4*5~" in text.replace("\n", "")  # the item's total, then units per carton
    assert map_problems(text.encode(), hub.profiles.get("demo-retail")) == []


def test_ship_invoice_and_due_from_the_command_line(workspace: Workspace, tmp_path):
    hub = workspace.hub()
    _released(workspace, hub)
    ship_file = tmp_path / "shipment.json"
    ship_file.write_text(_shipment("PO-9", [("1", "10")]).model_dump_json())
    assert "856 queued as outbound" in workspace.cli("ship", str(ship_file))
    inv_file = tmp_path / "invoice.json"
    inv_file.write_text(
        json.dumps(
            {
                "invoice_number": "INV-9",
                "partner_id": "demo-retail",
                "invoice_date": "2026-11-23",
                "po_number": "PO-9",
                "lines": [{"line_number": "1", "quantity": "10", "unit_price": "9.25"}],
            }
        )
    )
    assert "810 queued as outbound" in workspace.cli("invoice", str(inv_file))
    assert "0 late" in workspace.cli("due")
    written = sorted(p.name for p in workspace.outbox.iterdir())
    assert any("_856_" in n for n in written) and any("_810_" in n for n in written)


def test_two_workers_shipping_the_same_po_at_once_never_ship_more_than_ordered(workspace: Workspace):
    """The per-PO lock (an advisory lock on PostgreSQL, the write lock on SQLite) makes the second shipment
    see the first one's quantities: one of two 6-unit shipments of a 10-unit line goes, the other is refused."""
    import threading

    hub = workspace.hub()
    _released(workspace, hub)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def worker(shipment_id: str) -> None:
        start.wait()
        try:
            _ship(hub, _shipment("PO-9", [("1", "6")], shipment_id=shipment_id))
            outcomes.append("queued")
        except DocumentRefused as exc:
            outcomes.append(exc.reasons[0])

    threads = [threading.Thread(target=worker, args=(f"SH-{n}",)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["PO PO-9 line 1: 12 shipped in all (6 now), 10 ordered", "queued"]
    assert len(_outbound(hub, "856")) == 1


def test_a_shipment_is_held_to_what_the_erps_855_told_the_partner(workspace: Workspace):
    path = workspace.root / "partners" / "demo-retail.yaml"
    profile = yaml.safe_load(path.read_text())
    profile["acknowledgements"]["po_ack"] = "after_erp_decision"
    path.write_text(yaml.safe_dump(profile))
    hub = workspace.hub()
    order = _released(workspace, hub)  # line 1: 10 EA, line 2: 4 EA
    decision = OrderDecision(
        lines=[
            LineDecision(line_number="1", action="change_quantity", quantity=Decimal(6)),
            LineDecision(line_number="2", action="reject"),
        ]
    )
    with Session(hub.engine) as session:
        acknowledge_decision(session, order.order_id, decision, hub.profiles.get("demo-retail"), NOW, "erp")
        session.commit()
    reasons = _refused(_ship, hub, _shipment("PO-9", [("1", "7")], [("2", "1")]))
    assert any(
        "line 1: 7 shipped in all (7 now), but the 855 from the ERP's decision accepted 6 (ACK IQ)" in r
        for r in reasons
    ), reasons
    assert any(
        "line 2: 1 shipped in all (1 now), but the 855 from the ERP's decision rejected this line (ACK IR)" in r
        for r in reasons
    ), reasons
    assert _outbound(hub, "856") == []
    assert _ship(hub, _shipment("PO-9", [("1", "6")])).doc_type == "856"  # what was accepted ships
