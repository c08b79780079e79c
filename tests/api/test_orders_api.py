"""The ERP reads the orders feed, order detail, listings and trails, and books orders; each role's refusals.
SQLite and PostgreSQL, over HTTP against the app served by uvicorn on 127.0.0.1."""

from __future__ import annotations

import threading
import time

from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import AuditEvent, OrderRecord
from orderhub.tokens import Role


def _ingest(api, po: str, control: int, **kwargs) -> OrderRecord:
    api.workspace.drop(f"{po}.x12", interchange([po_body(po, **kwargs)], control=control))
    api.hub.run_once()
    with Session(api.hub.engine) as session:
        return session.exec(select(OrderRecord).where(OrderRecord.po_number == po)).one()


def test_the_feed_pages_after_a_cursor_and_the_order_reads_as_canonical_json(api):
    released = _ingest(api, "PO-1", 1, lines=[("1", "10", "EA", "9.25"), ("2", "4", "EA", "9.25")])
    held = _ingest(api, "PO-2", 2, ship_to="9999")
    assert (released.status, held.status) == ("released", "held")
    erp = api.client(Role.ERP)

    first = erp.get("/api/v1/events", params={"limit": 1})
    assert first.status_code == 200, first.text
    page = first.json()
    assert [(e["order_id"], e["kind"], e["status"]) for e in page["events"]] == [
        (released.order_id, "released", "released")
    ]
    assert page["next_after"] == page["events"][0]["seq"]
    rest = erp.get("/api/v1/events", params={"after": page["next_after"]}).json()
    assert [(e["order_id"], e["kind"], e["po_number"]) for e in rest["events"]] == [(held.order_id, "held", "PO-2")]
    assert rest["events"][0]["partner_id"] == "demo-retail" and rest["events"][0]["actor"] == "hub"
    end = erp.get("/api/v1/events", params={"after": rest["next_after"]}).json()
    assert end == {"events": [], "next_after": rest["next_after"]}  # resumable: nothing new, same cursor

    detail = erp.get(f"/api/v1/orders/{released.order_id}")
    assert detail.status_code == 200, detail.text
    order = detail.json()
    assert order["po_number"] == "PO-1" and order["status"] == "released" and order["version"] == 1
    assert order["erp_order_number"] is None and order["partner_id"] == "demo-retail"
    assert [(line["line_number"], line["quantity"], line["unit_price"]) for line in order["lines"]] == [
        ("1", "10", "9.25"),
        ("2", "4", "9.25"),
    ]  # decimals travel as strings, exactly
    held_detail = erp.get(f"/api/v1/orders/{held.order_id}").json()
    assert held_detail["status"] == "held" and held_detail["hold_reasons"][0]["code"]

    listed = erp.get("/api/v1/orders").json()
    assert {o["order_id"] for o in listed["orders"]} == {released.order_id, held.order_id}
    assert listed["next_after"] is None
    only_held = erp.get("/api/v1/orders", params={"status": "held", "partner": "demo-retail"}).json()
    assert [o["po_number"] for o in only_held["orders"]] == ["PO-2"]
    assert erp.get("/api/v1/orders", params={"partner": "nobody"}).json()["orders"] == []
    one = erp.get("/api/v1/orders", params={"limit": 1}).json()
    two = erp.get("/api/v1/orders", params={"limit": 1, "after": one["next_after"]}).json()
    assert len(one["orders"]) == len(two["orders"]) == 1 and two["next_after"] is None
    assert {one["orders"][0]["order_id"], two["orders"][0]["order_id"]} == {released.order_id, held.order_id}
    assert erp.get("/api/v1/orders", params={"status": "lost"}).status_code == 422

    trail = erp.get(f"/api/v1/orders/{released.order_id}/trail").json()
    whats = [t["what"] for t in trail]
    assert whats[0] == "x12 received" and "order v1 released" in whats and "855 queued" in whats

    assert erp.get("/api/v1/orders/NOPE").status_code == 404
    assert erp.get("/api/v1/orders/NOPE/trail").status_code == 404
    assert erp.get("/api/v1/events", params={"after": -1}).status_code == 422
    assert erp.get("/api/v1/events", params={"after": 2**40}).status_code == 422  # beyond the seq column


def test_booking_is_idempotent_and_refuses_what_is_not_released(api):
    released = _ingest(api, "PO-1", 1)
    held = _ingest(api, "PO-2", 2, ship_to="9999")
    erp = api.client(Role.ERP)
    url = f"/api/v1/orders/{released.order_id}/booked"

    booked = erp.post(url, json={"erp_order_number": "SO-100"})
    assert booked.status_code == 200, booked.text
    assert booked.json() == {
        "order_id": released.order_id,
        "status": "booked",
        "erp_order_number": "SO-100",
        "changed": True,
    }
    again = erp.post(url, json={"erp_order_number": "SO-100"})
    assert again.status_code == 200 and again.json()["changed"] is False
    other = erp.post(url, json={"erp_order_number": "SO-200"})
    assert other.status_code == 409 and "already booked as ERP order SO-100" in other.json()["detail"]

    refused = erp.post(f"/api/v1/orders/{held.order_id}/booked", json={"erp_order_number": "SO-300"})
    assert refused.status_code == 409
    assert "is held" in refused.json()["detail"] and "UNKNOWN_SHIP_TO" in refused.json()["detail"]
    assert erp.post("/api/v1/orders/NOPE/booked", json={"erp_order_number": "SO-1"}).status_code == 404
    blank = erp.post(url, json={"erp_order_number": " "})
    assert blank.status_code == 422 and blank.json()["detail"][0]["loc"] == ["body", "erp_order_number"]

    order = erp.get(f"/api/v1/orders/{released.order_id}").json()
    assert order["status"] == "booked" and order["erp_order_number"] == "SO-100"
    events = erp.get("/api/v1/events").json()["events"]
    booked_events = [e for e in events if e["kind"] == "booked"]
    assert len(booked_events) == 1  # the idempotent repeat added no event
    assert booked_events[0]["actor"] == "erp:test-erp" and booked_events[0]["detail"] == {"from_status": "released"}
    with Session(api.hub.engine) as session:
        audited = session.exec(
            select(AuditEvent).where(AuditEvent.entity_id == released.order_id, AuditEvent.to_status == "booked")
        ).one()
    assert audited.actor == "erp:test-erp" and audited.from_status == "released" and "SO-100" in (audited.note or "")


def test_each_role_gets_only_its_duties(api):
    released = _ingest(api, "PO-1", 1)
    order_id = released.order_id
    writes = [
        (f"/api/v1/orders/{order_id}/booked", {"erp_order_number": "SO-1"}, "orders:book"),
        (f"/api/v1/orders/{order_id}/decision", {"lines": []}, "orders:decide"),
        ("/api/v1/shipments", {}, "shipments:write"),
        ("/api/v1/invoices", {}, "invoices:write"),
    ]
    reads = ["/api/v1/events", "/api/v1/orders", f"/api/v1/orders/{order_id}", f"/api/v1/orders/{order_id}/trail"]
    for role in (Role.REVIEWER, Role.ADMIN):
        client = api.client(role)
        for url, body, permission in writes:
            answer = client.post(url, json=body)
            assert answer.status_code == 403, (role, url, answer.text)
            assert permission in answer.json()["detail"]
        for url in reads:  # both may read orders
            assert client.get(url).status_code == 200, (role, url)
    anonymous = api.client()
    for url, body, _permission in writes:
        answer = anonymous.post(url, json=body)
        assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
    for url in reads:
        assert anonymous.get(url).status_code == 401
    with Session(api.hub.engine) as session:
        assert session.get(OrderRecord, order_id).status == "released"  # type: ignore[union-attr]


def test_a_long_poll_answers_as_soon_as_an_order_is_released(api):
    erp = api.client(Role.ERP)
    cursor = erp.get("/api/v1/events").json()["next_after"]
    answer: dict = {}

    def poll() -> None:
        started = time.monotonic()
        answer["page"] = erp.get("/api/v1/events", params={"after": cursor, "wait": 20}).json()
        answer["seconds"] = time.monotonic() - started

    reader = threading.Thread(target=poll)
    reader.start()
    time.sleep(0.5)  # the poll is waiting
    released = _ingest(api, "PO-7", 1)
    reader.join(30)
    assert [e["order_id"] for e in answer["page"]["events"]] == [released.order_id]
    assert answer["seconds"] < 10  # it did not sit out the 20 s
    started = time.monotonic()
    empty = erp.get("/api/v1/events", params={"after": answer["page"]["next_after"], "wait": 0.5}).json()
    assert empty["events"] == [] and 0.4 < time.monotonic() - started < 5
    too_long = erp.get("/api/v1/events", params={"wait": 31})  # bounded: a proxy would cut it anyway
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["loc"] == ["query", "wait"]


def test_text_with_a_nul_is_refused_on_its_field_not_a_server_error(api):
    """PostgreSQL refuses NUL in text: every text a request carries is checked before it reaches a query."""
    erp = api.client(Role.ERP)
    shipment = {
        "shipment_id": "S\x001",
        "partner_id": "demo-retail",
        "notice_date": "2026-11-22",
        "notice_time": "11:30:00",
        "ship_date": "2026-11-22",
        "orders": [{"po_number": "P\x00", "items": [{"quantity": "1"}]}],
    }
    invoice = {
        "invoice_number": "I-1",
        "partner_id": "demo-retail",
        "invoice_date": "2026-11-22",
        "po_number": "P\x00",
        "lines": [{"quantity": "1", "unit_price": "1"}],
    }
    for method, url, kwargs, loc in [
        ("GET", "/api/v1/orders/a%00b", {}, ["path", "order_id"]),
        ("GET", "/api/v1/orders/a%00b/trail", {}, ["path", "order_id"]),
        ("GET", "/api/v1/orders", {"params": {"partner": "a\x00"}}, ["query", "partner"]),
        ("GET", "/api/v1/orders", {"params": {"after": "a\x00"}}, ["query", "after"]),
        ("POST", "/api/v1/orders/a%00b/booked", {"json": {"erp_order_number": "x"}}, ["path", "order_id"]),
        ("POST", "/api/v1/orders/x/booked", {"json": {"erp_order_number": "x\x00"}}, ["body", "erp_order_number"]),
        ("POST", "/api/v1/orders/x/decision", {"json": {"lines": [], "note": "\x00"}}, ["body", "note"]),
        ("POST", "/api/v1/shipments", {"json": shipment}, ["body", "shipment_id"]),
        ("POST", "/api/v1/invoices", {"json": invoice}, ["body", "po_number"]),
    ]:
        answer = erp.request(method, url, **kwargs)
        assert answer.status_code == 422, (url, answer.text)
        assert answer.json()["detail"][0]["loc"] == loc, (url, answer.text)
    token = api.client(Role.ADMIN).post("/api/v1/tokens", json={"name": "a\x00", "role": "erp"})
    assert token.status_code == 422 and token.json()["detail"][0]["loc"] == ["body", "name"]


def test_a_change_order_shows_as_superseded_then_changed_and_only_the_new_version_books(api):
    first = _ingest(api, "PO-5", 1)
    api.workspace.drop(
        "change.x12", interchange([po_body("PO-5", lines=[("1", "12", "EA", "9.25")], purpose="04")], control=2)
    )
    api.hub.run_once()
    with Session(api.hub.engine) as session:
        second = session.exec(select(OrderRecord).where(OrderRecord.supersedes == first.order_id)).one()
    erp = api.client(Role.ERP)
    events = [(e["order_id"], e["kind"], e["status"], e["detail"]) for e in erp.get("/api/v1/events").json()["events"]]
    assert events == [
        (first.order_id, "released", "released", None),
        (first.order_id, "superseded", "superseded", {"from_status": "released"}),
        (second.order_id, "changed", "released", {"supersedes": first.order_id}),
    ]
    order = erp.get(f"/api/v1/orders/{second.order_id}").json()
    assert order["version"] == 2 and order["supersedes"] == first.order_id and order["lines"][0]["quantity"] == "12"
    old = erp.post(f"/api/v1/orders/{first.order_id}/booked", json={"erp_order_number": "SO-5"})
    assert old.status_code == 409 and "a later version of the PO replaced it" in old.json()["detail"]
    assert erp.post(f"/api/v1/orders/{second.order_id}/booked", json={"erp_order_number": "SO-5"}).status_code == 200
