"""The reviewer's pages over HTTP: sign-in, the queue, the order page with its source, every change and who may
make it, CSRF, and mappings remembered for the customer's next order (SQLite and PostgreSQL where it matters)."""

from __future__ import annotations

import json

import httpx
import pytest
from reviewtools import (
    CEDAR,
    EVAL,
    MAIL_UNKNOWN_ITEM,
    PDF_UNKNOWN_ITEM,
    PDF_UNKNOWN_SHIP_TO,
    PO_1002,
    Reviewer,
    csrf_in,
    ingest,
    order,
    with_eval_master_data,
)
from sqlmodel import Session, col, select

from orderhub.orders import load
from orderhub.store.models import AuditEvent, CrossReferenceRecord, OrderEvent, OutboundDocument, ShipToAlias
from orderhub.tokens import Role


def _codes(row) -> set[str]:
    return {r["code"] for r in json.loads(row.payload)["hold_reasons"]}


def _audit(api, entity: str, entity_id: str | None = None) -> list[AuditEvent]:
    with Session(api.hub.engine) as session:
        stmt = select(AuditEvent).where(AuditEvent.entity == entity)
        if entity_id is not None:
            stmt = stmt.where(AuditEvent.entity_id == entity_id)
        return list(session.exec(stmt.order_by(col(AuditEvent.id))))


def _feed(api, order_id: str) -> list[OrderEvent]:
    with Session(api.hub.engine) as session:
        stmt = select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(col(OrderEvent.seq))
        return list(session.exec(stmt))


def _outbound_855(api, order_id: str) -> list[OutboundDocument]:
    with Session(api.hub.engine) as session:
        stmt = select(OutboundDocument).where(OutboundDocument.order_id == order_id, OutboundDocument.doc_type == "855")
        return list(session.exec(stmt))


def test_pages_need_a_session_set_only_by_the_login_form(sqlite_api):
    api = sqlite_api
    anonymous = httpx.Client(base_url=api.base_url, follow_redirects=False)
    first = anonymous.get("/review", params={"reason": "UNKNOWN_ITEM"})
    assert first.status_code == 303 and first.headers["location"] == "/login?next=%2Freview%3Freason%3DUNKNOWN_ITEM"
    token = api.token(Role.REVIEWER)
    bearer = anonymous.get("/review", headers={"Authorization": f"Bearer {token}"})
    assert bearer.status_code == 303  # pages take the cookie only, the API the header only
    form = anonymous.get("/login", params={"next": "/review"})
    assert form.status_code == 200 and 'name="token"' in form.text
    assert "samesite=strict" in form.headers["set-cookie"].lower() and "httponly" in form.headers["set-cookie"].lower()
    login_csrf = form.text.split('name="login_csrf" value="')[1].split('"')[0]
    no_csrf = anonymous.post("/login", data={"token": token, "next": "/review"})
    assert no_csrf.status_code == 403 and "orderhub_session" not in no_csrf.headers.get("set-cookie", "")
    wrong = anonymous.post("/login", data={"token": token + "x", "next": "/review", "login_csrf": login_csrf})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    login_csrf = wrong.text.split('name="login_csrf" value="')[1].split('"')[0]
    evil = anonymous.post("/login", data={"token": token, "next": "//evil.example/x", "login_csrf": login_csrf})
    assert evil.status_code == 303 and evil.headers["location"] == "/review"  # never off-site
    cookie = evil.headers["set-cookie"].lower()
    assert "orderhub_session=" in cookie and "orderhub_session=oh_" not in cookie  # a session id, not the token
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    assert "path=/" in cookie
    assert anonymous.get("/review").status_code == 200
    assert api.client(token=token).get("/api/v1/tokens").status_code == 403  # the API still wants Bearer + role
    page = anonymous.get("/review").text
    out = anonymous.post("/logout", data={"csrf": csrf_in(page)})
    assert out.status_code == 303 and anonymous.get("/review").status_code == 303
    assert [e.to_status for e in _audit(api, "token")].count("signed_in") == 1


def test_the_queue_lists_held_orders_oldest_first_with_reasons_due_times_and_filters(sqlite_api):
    api = sqlite_api
    with_eval_master_data(api)
    x12 = ingest(api, PO_1002)
    pdf = ingest(api, PDF_UNKNOWN_SHIP_TO, CEDAR)
    mail = ingest(api, MAIL_UNKNOWN_ITEM)
    reviewer = Reviewer(api)
    page = reviewer.page("/review")
    assert page.status_code == 200
    text = page.text
    assert text.index(x12.order_id) < text.index(pdf.order_id) < text.index(mail.order_id)  # oldest first
    assert "UNKNOWN_SHIP_TO" in text and "PRICE_MISMATCH" in text and "UNKNOWN_ITEM" in text
    assert "UTC" in text and "no 855 due" in text  # the X12 partner's 855 clock; captured orders owe none
    only = {
        "partner": ("demo-retail", {x12.order_id}),
        "customer": ("C-CEDAR", {pdf.order_id}),
        "kind": ("email", {mail.order_id}),
        "channel": ("demo-in", {x12.order_id}),
        "reason": ("UNKNOWN_ITEM", {x12.order_id, mail.order_id}),
    }
    for name, (value, expected) in only.items():
        filtered = reviewer.page("/review", **{name: value}).text
        shown = {o for o in (x12.order_id, pdf.order_id, mail.order_id) if o in filtered}
        assert shown == expected, (name, value)


def test_the_order_page_shows_the_source_beside_the_fields_and_the_trail(sqlite_api):
    api = sqlite_api
    with_eval_master_data(api)
    pdf = ingest(api, PDF_UNKNOWN_ITEM, CEDAR)
    mail = ingest(api, MAIL_UNKNOWN_ITEM)
    x12 = ingest(api, PO_1002)
    reviewer = Reviewer(api)
    page = reviewer.page(f"/review/orders/{pdf.order_id}").text
    assert f"/review/orders/{pdf.order_id}/page/1.png" in page and "CP-440199" in page
    line_row = page.index('id="line-2"')
    assert page.index("UNKNOWN_ITEM", line_row) < page.index("Document trail")  # the reason under its line
    assert "pdf received" in page
    image = reviewer.page(f"/review/orders/{pdf.order_id}/page/1.png", field="lines[2]")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    plain = reviewer.page(f"/review/orders/{pdf.order_id}/page/1.png").content
    assert plain != image.content  # the selected field is outlined
    assert reviewer.page(f"/review/orders/{pdf.order_id}/page/9.png").status_code == 404
    mail_page = reviewer.page(f"/review/orders/{mail.order_id}").text
    assert "We need 6 DMO-ANCHOR5" in mail_page and "buyer@deltamarine.example" in mail_page
    assert reviewer.page(f"/review/orders/{mail.order_id}/page/1.png").status_code == 404
    x12_page = reviewer.page(f"/review/orders/{x12.order_id}").text
    assert 'class="seg marked" title="lines[1].sku"' in x12_page and "PO1*2*5*EA*4.10**VN*ZZ9999" in x12_page
    assert "x12 received" in x12_page and "997 queued" in x12_page  # the trail: 850, our 997
    assert reviewer.page("/review/orders/no-such-order").status_code == 404
    attached = ingest(api, EVAL / "email" / "e22-attach-pdf.eml")  # the order is the mail's PDF attachment's
    attached_page = reviewer.page(f"/review/orders/{attached.order_id}").text
    assert (
        "Attachment " in attached_page and 'class="pdf-page"' in attached_page and 'id="source-text"' in attached_page
    )
    assert reviewer.page(f"/review/orders/{attached.order_id}/page/1.png").content.startswith(b"\x89PNG")
    sheet = ingest(api, EVAL / "sheet" / "s01-acme.csv", "buyer@acme.example")
    assert 'id="sheet"' in reviewer.page(f"/review/orders/{sheet.order_id}").text


def test_erp_and_admin_tokens_are_refused_every_review_page_and_action(sqlite_api):
    api = sqlite_api
    with_eval_master_data(api)
    held = ingest(api, PO_1002).order_id
    actions = {
        f"/review/orders/{held}/header": {"po_number": "X"},
        f"/review/orders/{held}/lines/1": {"sku": "XY5266"},
        f"/review/orders/{held}/map-item/1": {"sku": "XY5266"},
        f"/review/orders/{held}/map-ship-to": {"location_id": "0042"},
        f"/review/orders/{held}/revalidate": {},
        f"/review/orders/{held}/release": {"comment": "go"},
        f"/review/orders/{held}/reject": {"comment": "no"},
    }
    for role in (Role.ERP, Role.ADMIN):
        other = Reviewer(api, role)  # signed in: a valid session, a valid CSRF token, the wrong duties
        for path in ("/review", f"/review/orders/{held}", f"/review/orders/{held}/page/1.png"):
            assert other.page(path).status_code == 403, (role, path)
        for path, fields in actions.items():
            answer = other.post(path, **fields)
            assert answer.status_code == 403, (role, path, answer.text)
    row = order(api, held)
    assert row.status == "held" and "X" != row.po_number
    with Session(api.hub.engine) as session:
        assert session.exec(select(CrossReferenceRecord).where(CrossReferenceRecord.source == "review")).first() is None
    assert [e.kind for e in _feed(api, held)] == ["held"]


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(sqlite_api):
    api = sqlite_api
    held = ingest(api, PO_1002).order_id
    reviewer = Reviewer(api)
    someone_else = Reviewer(api, name="other-reviewer")
    path = f"/review/orders/{held}/reject"
    for csrf in (None, "", "0" * 64, someone_else.csrf()):
        answer = reviewer.post(path, csrf=csrf, comment="spam")
        assert answer.status_code == 403 and "CSRF" in answer.text, csrf
    assert order(api, held).status == "held"
    assert reviewer.post(f"/review/orders/{held}/map-item/1", csrf=None, sku="XY5266").status_code == 403
    page = reviewer.page(f"/review/orders/{held}").text
    assert csrf_in(page) == reviewer.csrf()  # every form carries the session's token
    assert reviewer.post(path, csrf=csrf_in(page), comment="not ours").status_code == 303
    assert order(api, held).status == "rejected"


def test_an_x12_order_fixed_mapped_and_released_sends_the_855_and_remembers_the_item(api):
    with_eval_master_data(api)
    held = ingest(api, PO_1002)
    assert _codes(held) == {"PRICE_MISMATCH", "UNKNOWN_ITEM"}
    reviewer = Reviewer(api, name="dana")
    base = f"/review/orders/{held.order_id}"
    mapped = reviewer.post(f"{base}/map-item/1", sku="XY5266")
    assert (
        mapped.status_code == 303
        and "ZZ9999 mapped to XY5266" in httpx.URL(mapped.headers["location"]).params["message"]
    )
    bad = reviewer.post(f"{base}/lines/0", sku="NOPE", quantity="10", uom="EA", unit_price="9.25")
    assert "NOPE is not one of our items" in httpx.URL(bad.headers["location"]).params["error"]
    for index, price in ((0, "9.25"), (1, "10.99")):
        sku = "AB3542" if index == 0 else "XY5266"
        fixed = reviewer.post(
            f"{base}/lines/{index}", sku=sku, quantity=str(10 if index == 0 else 5), uom="EA", unit_price=price
        )
        assert fixed.status_code == 303
    row = order(api, held.order_id)
    assert _codes(row) == set() and row.status == "held"
    assert reviewer.post(f"{base}/release", comment="prices as agreed").status_code == 303
    row = order(api, held.order_id)
    assert row.status == "released"
    sent = _outbound_855(api, held.order_id)
    assert len(sent) == 1 and b"BAK*00*AD" in sent[0].payload  # demo-retail: po_ack on_release
    trail = [(e.to_status, e.actor) for e in _audit(api, "order", held.order_id)]
    assert ("held", "reviewer:dana") in trail and ("released", "reviewer:dana") in trail
    assert [e.actor for e in _audit(api, "xref")] == ["reviewer:dana"]
    feed = [(e.kind, e.actor) for e in _feed(api, held.order_id)]
    assert feed.count(("changed", "reviewer:dana")) == 3 and feed[-1] == ("released", "reviewer:dana")
    assert reviewer.post(f"{base}/revalidate").status_code == 409  # released: no longer the reviewer's
    # the partner's next PO with the same vendor part number is not held for it
    following = ingest(api, PO_1002, data=PO_1002.read_bytes().replace(b"1002", b"1003"))  # PO-1003, ISA13, GS06
    assert "UNKNOWN_ITEM" not in _codes(following)
    assert json.loads(following.payload)["lines"][1]["sku"] == "XY5266"


def test_a_rejection_needs_a_comment_and_sends_the_855_the_partner_asks_for(sqlite_api):
    api = sqlite_api
    held = ingest(api, PO_1002).order_id
    reviewer = Reviewer(api)
    silent = reviewer.post(f"/review/orders/{held}/reject", comment="  ")
    assert "needs a comment" in httpx.URL(silent.headers["location"]).params["error"]
    assert order(api, held).status == "held" and not _outbound_855(api, held)
    assert reviewer.post(f"/review/orders/{held}/reject", comment="discontinued part").status_code == 303
    assert order(api, held).status == "rejected"
    sent = _outbound_855(api, held)
    assert len(sent) == 1 and b"BAK*00*RJ" in sent[0].payload
    notes = [e.note for e in _audit(api, "order", held) if e.to_status == "rejected"]
    assert notes == ["rejected by review: discontinued part"]


@pytest.mark.parametrize("path", [PDF_UNKNOWN_ITEM])
def test_an_item_mapped_on_a_captured_order_is_remembered_for_that_customer_only(api, path):
    with_eval_master_data(api)
    held = ingest(api, path, CEDAR)
    assert "UNKNOWN_ITEM" in _codes(held)
    reviewer = Reviewer(api)
    assert reviewer.post(f"/review/orders/{held.order_id}/map-item/2", sku="GL-8001").status_code == 303
    with Session(api.hub.engine) as session:
        xref = session.exec(select(CrossReferenceRecord).where(CrossReferenceRecord.source == "review")).one()
    assert (xref.customer_id, xref.buyer_part_number, xref.sku) == ("C-CEDAR", "CP-440199", "GL-8001")
    row = order(api, held.order_id)
    assert "UNKNOWN_ITEM" not in _codes(row) and "PRICE_MISMATCH" in _codes(row)  # re-validated: 12.90 vs 11.90
    assert reviewer.post(f"/review/orders/{held.order_id}/reject", comment="ask for a new PO").status_code == 303
    assert not _outbound_855(api, held.order_id)  # a captured order has no partner: no 855
    next_one = ingest(api, path, CEDAR, data=path.read_bytes() + b"\n% resent\n")
    assert "UNKNOWN_ITEM" not in _codes(next_one)
    assert [line["sku"] for line in json.loads(next_one.payload)["lines"]][2] == "GL-8001"
    other = ingest(api, path, "buyer@deltamarine.example", data=path.read_bytes() + b"\n% other\n")
    assert "UNKNOWN_ITEM" in _codes(other)  # remembered for Cedar & Pine, not for Delta Marine


def test_a_ship_to_mapped_once_is_that_customers_location_on_its_next_order(api):
    with_eval_master_data(api)
    held = ingest(api, PDF_UNKNOWN_SHIP_TO, CEDAR)
    assert _codes(held) == {"UNKNOWN_SHIP_TO"}
    reviewer = Reviewer(api, name="sam")
    base = f"/review/orders/{held.order_id}"
    page = reviewer.page(base).text
    assert 'action="/review/orders/' in page and "Cedar &amp; Pine Bend" in page
    wrong = reviewer.post(f"{base}/map-ship-to", location_id="0042")  # Acme's, not Cedar's
    assert "not one of customer C-CEDAR" in httpx.URL(wrong.headers["location"]).params["error"]
    assert reviewer.post(f"{base}/map-ship-to", location_id="103").status_code == 303
    row = order(api, held.order_id)
    assert _codes(row) == set()
    with Session(api.hub.engine) as session:
        alias = session.exec(select(ShipToAlias)).one()
    assert (alias.customer_id, alias.location_id, alias.created_by) == ("C-CEDAR", "103", "reviewer:sam")
    assert "bend" in alias.alias and "97703" in alias.alias
    assert reviewer.post(f"{base}/release").status_code == 303  # nothing left: no comment needed
    assert order(api, held.order_id).status == "released"
    assert [e.actor for e in _audit(api, "ship_to_alias")] == ["reviewer:sam"]
    again = ingest(api, PDF_UNKNOWN_SHIP_TO, CEDAR, data=PDF_UNKNOWN_SHIP_TO.read_bytes() + b"\n% again\n")
    assert "UNKNOWN_SHIP_TO" not in _codes(again)  # held only as the same PO again (DUPLICATE_PO)
    assert {"qualifier": "92", "value": "103", "description": None} in json.loads(again.payload)["ship_to"][
        "identifiers"
    ]


def test_header_edits_are_checked_audited_and_put_on_the_feed(sqlite_api):
    api = sqlite_api
    with_eval_master_data(api)
    held = ingest(api, MAIL_UNKNOWN_ITEM)
    reviewer = Reviewer(api)
    base = f"/review/orders/{held.order_id}"
    bad = reviewer.post(f"{base}/header", po_number="DM/26/0332", po_date="31.12.2026", currency="USD")
    assert "not a date" in httpx.URL(bad.headers["location"]).params["error"]
    good = reviewer.post(
        f"{base}/header", po_number="DM-26-0332", po_date="2026-03-30", requested_date="", currency="usd"
    )
    assert good.status_code == 303
    payload = json.loads(order(api, held.order_id).payload)
    assert (payload["po_number"], payload["po_date"]) == ("DM-26-0332", "2026-03-30")
    assert order(api, held.order_id).po_number == "DM-26-0332"
    notes = [e.note or "" for e in _audit(api, "order", held.order_id)]
    assert any("PO number 'DM/26/0332' → 'DM-26-0332'" in n for n in notes)
    assert [e.kind for e in _feed(api, held.order_id)] == ["held", "changed"]
    nothing = reviewer.post(f"{base}/header", po_number="DM-26-0332", po_date="2026-03-30", currency="USD")
    assert httpx.URL(nothing.headers["location"]).params["message"] == "nothing changed"


def test_a_mail_order_fixed_by_mapping_its_item_and_ship_to_needs_no_comment_to_release(sqlite_api):
    api = sqlite_api
    with_eval_master_data(api)
    held = ingest(api, MAIL_UNKNOWN_ITEM)  # DMO-ANCHOR5 is nobody's; "Tampa" read with confidence 0.8
    assert _codes(held) == {"UNKNOWN_ITEM", "LOW_CONFIDENCE"}
    reviewer = Reviewer(api)
    base = f"/review/orders/{held.order_id}"
    assert 'id="map-ship-to"' in reviewer.page(base).text  # the ship-to is doubted: it may be mapped
    assert reviewer.post(f"{base}/map-item/0", sku="MR-9503").status_code == 303
    assert reviewer.post(f"{base}/map-ship-to", location_id="DM-TPA").status_code == 303
    assert _codes(order(api, held.order_id)) == set()  # a person chose the location: no longer doubted
    assert reviewer.post(f"{base}/release").status_code == 303
    assert order(api, held.order_id).status == "released"


def test_a_doubted_value_saved_unchanged_is_confirmed():
    from orderhub.pages.edits import edit_header, edit_line
    from schemas.order import HoldReason, Order, OrderLine, Source, SourceKind

    doubted = Order(
        order_id="o",
        source=Source(kind=SourceKind.PDF),
        po_number="45-1177",
        lines=[OrderLine(quantity=1, uom="EA")],
        confidence={"po_number": 0.6, "lines[0]": 0.5},
        hold_reasons=[
            HoldReason(code="LOW_CONFIDENCE", field="po_number", message="?"),
            HoldReason(code="LOW_CONFIDENCE", field="lines[0]", message="?"),
        ],
    )
    assert edit_header(doubted, {"po_number": "45-1177"}) == ["po_number confirmed as read"]
    assert edit_line(None, doubted, 0, {"quantity": "1", "uom": "EA"}) == ["lines[0] confirmed as read"]  # type: ignore[arg-type]
    assert doubted.confidence == {"po_number": 1.0, "lines[0]": 1.0}
    assert edit_header(doubted, {"po_number": "45-1177"}) == []  # once is enough


def test_a_hostile_pdf_costs_a_bounded_page_and_odd_inputs_are_no_500(sqlite_api):
    """A 60-page PDF of 200-inch pages (what PDF allows): at most 20 pages offered, each rendered within 4 MP;
    a field name or CSRF token no form of ours sends is answered, not crashed on."""
    import io

    from PIL import Image
    from reportlab.pdfgen import canvas

    from orderhub.pages import source

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(14400, 14400))
    for n in range(60):
        pdf.drawString(72, 72, f"page {n + 1}")
        pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    held = load(order(sqlite_api, ingest(sqlite_api, PO_1002).order_id))
    assert source._pdf_pages(data) == source.MAX_PAGES_SHOWN == 20
    png = source.render_pdf_page(data, 1, held, ["lines[0]"], "lines[")
    width, height = Image.open(io.BytesIO(png)).size
    assert width * height <= source.MAX_PIXELS
    with pytest.raises(IndexError):
        source.render_pdf_page(data, 21, held, [], None)
    assert source.field_needles(held, "lines[x]") == ([], False)
    reviewer = Reviewer(sqlite_api)
    page = reviewer.page(f"/review/orders/{held.order_id}", field="lines[")
    assert page.status_code == 200
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    refused = reviewer.post(f"/review/orders/{held.order_id}/reject", csrf="ünïcode", comment="x")
    assert refused.status_code == 403


def test_releasing_a_held_pdf_order_teaches_its_layout_for_the_customers_next_order(sqlite_api):
    api = sqlite_api
    with_eval_master_data(api)
    x01, x02 = EVAL / "pdf" / "holdout-X" / "po-X01.pdf", EVAL / "pdf" / "holdout-X" / "po-X02.pdf"
    held = ingest(api, x01, "buyer@acme.example")  # its PO number is printed once, under a bare 'Number'
    assert _codes(held) == {"LOW_CONFIDENCE"} and held.po_number == "45-1191"
    reviewer = Reviewer(api, name="sam")
    base = f"/review/orders/{held.order_id}"
    released = reviewer.post(f"{base}/release", comment="PO number checked against the side panel")
    message = httpx.URL(released.headers["location"]).params["message"]
    assert message.startswith("order released; layout learned (learned-c-acme-")
    assert "'Number' labels the PO number" in message
    learned = sorted(api.hub.settings.templates_dir.glob("*.yaml"))
    assert len(learned) == 1 and "po_number:\n  - Number" in learned[0].read_text()
    trail = reviewer.page(base).text
    assert "layout learned" in trail and "reviewer:sam" in [e.actor for e in _audit(api, "order", held.order_id)]
    # the same print from the same customer: its PO number is now read as surely as a 'PO Number' label's
    again = ingest(api, x02, "buyer@acme.example")
    payload = json.loads(again.payload)
    assert payload["confidence"]["po_number"] >= 0.9 and "LOW_CONFIDENCE" not in _codes(again)
    assert any(w.startswith("read with PDF template learned-c-acme-") for w in payload["warnings"])
    # another customer sending that print is not read with Acme's template
    other = ingest(api, x02, "purchasing@boltline.example", data=x02.read_bytes() + b"\n% other\n")
    assert json.loads(other.payload)["confidence"]["po_number"] < 0.9
