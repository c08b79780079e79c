"""The ERP's decision (→ 855), shipments (→ 856) and invoices (→ 810) over HTTP: 201 with control numbers,
422 listing every reason with the field it concerns and nothing queued, 409 for what the state forbids, the
caller in the audit trail. SQLite and PostgreSQL."""

from __future__ import annotations

from sqlmodel import Session, col, select
from x12build import interchange, po_body

from mappers.profile import PoAckPolicy
from orderhub.store.models import AuditEvent, OrderRecord, OutboundDocument
from orderhub.tokens import Role
from outbound.validate import map_problems

LINES = [("1", "10", "EA", "9.25"), ("2", "4", "EA", "9.25")]


def _ingest(api, po: str, control: int, **kwargs) -> OrderRecord:
    api.workspace.drop(f"{po}.x12", interchange([po_body(po, **kwargs)], control=control))
    api.hub.run_once()
    with Session(api.hub.engine) as session:
        return session.exec(select(OrderRecord).where(OrderRecord.po_number == po)).one()


def _outbound(api, doc_type: str) -> list[OutboundDocument]:
    with Session(api.hub.engine) as session:
        query = select(OutboundDocument).where(OutboundDocument.doc_type == doc_type)
        return list(session.exec(query.order_by(col(OutboundDocument.id))))


def _audit(api, entity: str, entity_id: str) -> list[tuple[str, str]]:
    with Session(api.hub.engine) as session:
        query = select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        return [(e.to_status, e.actor) for e in session.exec(query)]


def _problems(answer) -> dict[tuple, str]:
    assert answer.status_code == 422, answer.text
    return {tuple(p["loc"]): p["msg"] for p in answer.json()["detail"]}


def _shipment(po: str = "PO-9", *cartons: list[tuple[str, str]], shipment_id: str = "SH-1") -> dict:
    return {
        "shipment_id": shipment_id,
        "partner_id": "demo-retail",
        "notice_date": "2026-11-22",
        "notice_time": "11:30:00",
        "ship_date": "2026-11-22",
        "carrier": {"routing_sequence": "B", "id_qualifier": "2", "id": "ABFS", "transport_method": "M"},
        "bill_of_lading": "BOL-77",
        "pro_number": "PRO-1234",
        "orders": [
            {
                "po_number": po,
                "packages": [{"items": [{"line_number": n, "quantity": q} for n, q in carton]} for carton in cartons],
            }
        ],
    }


def test_the_erp_decision_queues_the_855_or_names_the_field(api):
    erp = api.client(Role.ERP)
    order = _ingest(api, "PO-9", 1, lines=LINES)
    url = f"/api/v1/orders/{order.order_id}/decision"
    accept_all = {"lines": [{"line_number": "1", "action": "accept"}, {"line_number": "2", "action": "accept"}]}
    on_release = erp.post(url, json=accept_all)
    assert on_release.status_code == 409 and "policy is on_release" in on_release.json()["detail"]

    api.hub.profiles.get("demo-retail").acknowledgements.po_ack = PoAckPolicy.AFTER_ERP_DECISION
    order = _ingest(api, "PO-10", 2, lines=LINES)
    url = f"/api/v1/orders/{order.order_id}/decision"
    before = len(_outbound(api, "855"))
    assert _problems(erp.post(url, json={"lines": [{"line_number": "1", "action": "explode"}]})) == {
        ("body", "lines", 0, "action"): "Input should be 'accept', 'backorder', 'change_quantity', 'change_price', "
        "'reschedule' or 'reject'"
    }
    assert _problems(erp.post(url, json={"lines": accept_all["lines"][:1]})) == {
        ("body", "lines"): "no decision for line(s) 2: every line needs one"
    }
    no_price = {"lines": [accept_all["lines"][0], {"line_number": "2", "action": "change_price"}]}
    assert list(_problems(erp.post(url, json=no_price))) == [("body", "lines", 1, "unit_price")]
    no_date = {"lines": [{"line_number": "1", "action": "backorder", "quantity": "4"}, accept_all["lines"][1]]}
    assert list(_problems(erp.post(url, json=no_date))) == [("body", "lines", 0, "ship_date")]
    stranger = {"lines": [*accept_all["lines"], {"line_number": "7", "action": "accept"}]}
    assert list(_problems(erp.post(url, json=stranger))) == [("body", "lines", 2, "line_number")]
    both = {"lines": accept_all["lines"], "reject_order": True}
    assert list(_problems(erp.post(url, json=both))) == [("body", "reject_order")]
    assert len(_outbound(api, "855")) == before  # nothing queued on a refusal

    decision = {
        "lines": [
            {"line_number": "1", "action": "backorder", "quantity": "4", "ship_date": "2026-12-05"},
            {"line_number": "2", "action": "change_price", "unit_price": "9.10"},
        ],
        "note": "short on line 1",
    }
    made = erp.post(url, json=decision)
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["ack_type"] == "AC" and body["doc_type"] == "855" and body["status"] == "queued"
    assert body["order_id"] == order.order_id and body["interchange_control_number"] and body["set_control_numbers"]
    [queued] = _outbound(api, "855")[before:]
    assert queued.id == body["outbound_id"] and queued.interchange_control_number == body["interchange_control_number"]
    text = queued.payload.decode()
    assert "ACK*IB*4*EA*068*20261205~" in text and "PO1*2*4*EA*9.1**VN*AB3542~" in text
    assert map_problems(queued.payload, api.hub.profiles.get("demo-retail")) == []
    assert ("decided", "erp:test-erp") in _audit(api, "order", order.order_id)

    again = erp.post(url, json=decision)
    assert again.status_code == 409 and "already acknowledged" in again.json()["detail"]
    assert erp.post("/api/v1/orders/NOPE/decision", json=decision).status_code == 404
    held = _ingest(api, "PO-H", 3, ship_to="9999")
    not_released = erp.post(f"/api/v1/orders/{held.order_id}/decision", json=decision)
    assert not_released.status_code == 409 and "is held" in not_released.json()["detail"]
    assert len(_outbound(api, "855")) == before + 1


def test_a_shipment_is_refused_with_every_reason_on_its_field_then_queued(api):
    erp = api.client(Role.ERP)
    _ingest(api, "PO-9", 1, lines=LINES)
    bad = _shipment("PO-9", [("7", "1")], [("1", "11")], [("2", "1")])
    bad["orders"][0]["packages"][2]["sscc"] = "106141411234567890"
    bad["orders"].append({"po_number": "PO-NOPE", "packages": [{"items": [{"line_number": "1", "quantity": "1"}]}]})
    problems = _problems(erp.post("/api/v1/shipments", json=bad))
    assert problems == {
        ("body", "orders", 0, "packages", 0, "items", 0, "line_number"): "PO PO-9: line 7 matches no line of the order",
        ("body", "orders", 0, "packages", 1, "items", 0, "quantity"): "PO PO-9 line 1: 11 shipped in all (11 now), "
        "10 ordered",
        ("body", "orders", 0, "packages", 2, "sscc"): "SSCC 106141411234567890: the check digit should be 7",
        ("body", "orders", 1, "po_number"): "PO PO-NOPE: no order from partner demo-retail has this PO number",
    }
    wrong_unit = _shipment("PO-9", [("1", "1")])
    wrong_unit["orders"][0]["packages"][0]["items"][0]["uom"] = "CA"
    assert list(_problems(erp.post("/api/v1/shipments", json=wrong_unit))) == [
        ("body", "orders", 0, "packages", 0, "items", 0, "uom")
    ]
    missing = _shipment("PO-9", [("1", "1")])
    del missing["ship_date"]
    missing["orders"][0]["packages"][0]["items"][0]["quantity"] = "0"
    assert set(_problems(erp.post("/api/v1/shipments", json=missing))) == {
        ("body", "ship_date"),
        ("body", "orders", 0, "packages", 0, "items", 0, "quantity"),
    }
    stranger = _shipment("PO-9", [("1", "1E+40")]) | {"partner_id": "nobody"}
    assert list(_problems(erp.post("/api/v1/shipments", json=stranger))) == [
        ("body", "partner_id"),
        ("body", "orders", 0, "packages", 0, "items", 0, "quantity"),
    ]
    assert _outbound(api, "856") == []  # nothing queued by any refusal

    made = erp.post("/api/v1/shipments", json=_shipment("PO-9", [("1", "6"), ("2", "4")], [("1", "4")]))
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["doc_type"] == "856" and body["shipment_id"] == "SH-1" and body["status"] == "queued"
    assert len(body["ssccs"]) == 2 and all(len(s) == 18 and s[1:8] == "0614141" for s in body["ssccs"])
    [queued] = _outbound(api, "856")
    assert queued.id == body["outbound_id"] and all(s in queued.payload.decode() for s in body["ssccs"])
    assert ("confirmed", "erp:test-erp") in _audit(api, "shipment", "SH-1")
    again = erp.post("/api/v1/shipments", json=_shipment("PO-9", [("1", "1")]))
    assert again.status_code == 409 and "already sent" in again.json()["detail"]
    assert len(_outbound(api, "856")) == 1


def test_an_invoice_bills_only_what_shipped(api):
    erp = api.client(Role.ERP)
    _ingest(api, "PO-9", 1, lines=LINES)
    invoice = {
        "invoice_number": "INV-1",
        "partner_id": "demo-retail",
        "invoice_date": "2026-11-23",
        "po_number": "PO-9",
        "shipment_id": "SH-1",
        "lines": [{"line_number": "1", "quantity": "6", "unit_price": "9.25"}],
        "allowances_charges": [{"indicator": "C", "code": "D240", "amount": "12.50"}],
        "stated_total": "68.01",
    }
    assert _problems(erp.post("/api/v1/invoices", json=invoice)) == {
        ("body", "stated_total"): "stated_total 68.01 differs from the lines and allowances/charges, which make 68.00",
        ("body", "shipment_id"): "shipment SH-1 was never sent to demo-retail",
        ("body", "lines", 0, "quantity"): "PO PO-9 line 1: 6 invoiced in all (6 now), 0 shipped",
    }
    absurd = invoice | {"lines": [{"line_number": "1", "quantity": "6", "unit_price": "1E+30"}]}
    assert _problems(erp.post("/api/v1/invoices", json=absurd)) == {  # cents of it overflow decimal: not a 500
        ("body", "lines", 0, "unit_price"): "1E+30 is too large: at most 15 digits before the decimal point"
    }
    other_po = invoice | {"po_number": "PO-NOPE", "stated_total": None}
    assert ("body", "po_number") in _problems(erp.post("/api/v1/invoices", json=other_po))
    assert _outbound(api, "810") == []

    assert erp.post("/api/v1/shipments", json=_shipment("PO-9", [("1", "6")])).status_code == 201
    made = erp.post("/api/v1/invoices", json=invoice | {"stated_total": "68.00"})
    assert made.status_code == 201, made.text
    assert made.json()["total"] == "68.00" and made.json()["doc_type"] == "810"
    [queued] = _outbound(api, "810")
    assert "TDS*6800~" in queued.payload.decode() and queued.id == made.json()["outbound_id"]
    assert ("submitted", "erp:test-erp") in _audit(api, "invoice", "INV-1")
    again = erp.post("/api/v1/invoices", json=invoice)
    assert again.status_code == 409 and "already sent" in again.json()["detail"]
