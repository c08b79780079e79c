"""The touchless decision for captured orders, against the evaluation set's master data (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from orderhub.capture import decide_captured, sender_address, store_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from schemas.order import Identifier, Order, OrderLine, Party, Source, SourceKind

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
PL_5003_PRICE = Decimal("54.00")
SURE = {"po_number": 1.0, "ship_to": 1.0, "lines": 1.0}


@pytest.fixture
def session(database_url: str):
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _order(sender: str | None = "buyer@acme.example", **changes) -> Order:
    order = Order(
        order_id="o-1",
        source=Source(kind=SourceKind.EMAIL, sender=sender, document_id="d" * 64),
        po_number="45-1177",
        ship_to=Party(name="Acme Hardware Dayton", address_lines=["100 Main St"], city="Dayton", postal_code="45402"),
        lines=[
            OrderLine(buyer_part_number="AB-1001", vendor_part_number="AB-1001", quantity=Decimal(24), uom="EA",
                      unit_price=Decimal("9.25"), amount=Decimal("222.00")),
            OrderLine(buyer_part_number="7731", vendor_part_number="7731", quantity=Decimal(6),
                      unit_price=PL_5003_PRICE),  # in its own unit
        ],
        confidence=dict(SURE),
    )  # fmt: skip
    return order.model_copy(update=changes)


def test_a_clean_order_from_a_known_domain_is_released_with_items_and_ship_to_resolved(session: Session):
    order = decide_captured(session, _order(sender='"Jo Buyer" <Jo@ACME.example>'))
    assert order.customer_id == "C-ACME" and order.hold_reasons == []
    assert [line.sku for line in order.lines] == ["AB-1001", "PL-5003"]  # 7731 is Acme's own number
    assert order.ship_to is not None and order.ship_to.identifiers == [Identifier(qualifier="92", value="0042")]


def test_an_unknown_sender_is_held_for_that_alone_and_never_guessed(session: Session):
    order = decide_captured(session, _order(sender="someone@unknown.example"))
    assert order.customer_id is None
    assert [r.code for r in order.hold_reasons] == ["UNKNOWN_SENDER"]
    assert sender_address("Jo <jo@x.example>, other@y.example") == "other@y.example"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"po_number": ""}, "MISSING_PO_NUMBER"),
        ({"ship_to": Party(name="Acme Hardware Springfield", postal_code="99999")}, "UNKNOWN_SHIP_TO"),
        ({"confidence": {"po_number": 0.6, "ship_to": 1.0, "lines": 1.0}}, "LOW_CONFIDENCE"),
        ({"stated_total": Decimal("1.00")}, "TOTAL_MISMATCH"),
    ],
)
def test_each_failed_check_holds_the_order_with_its_reason(session: Session, change, code):
    order = decide_captured(session, _order(**change))
    assert code in {r.code for r in order.hold_reasons}


def test_line_amount_price_and_item_checks(session: Session):
    order = _order()
    order.lines[0].amount = Decimal("230.00")  # 24 x 9.25 = 222.00
    order.lines[1].buyer_part_number = order.lines[1].vendor_part_number = "NOPE-1"
    order.lines[0].unit_price = Decimal("12.00")
    order.lines[0].amount = Decimal("288.00")
    codes = {r.code for r in decide_captured(session, order).hold_reasons}
    assert {"UNKNOWN_ITEM", "PRICE_MISMATCH"} <= codes
    bad_amount = _order()
    bad_amount.lines[0].amount = Decimal("230.00")
    assert "LINE_AMOUNT_MISMATCH" in {r.code for r in decide_captured(session, bad_amount).hold_reasons}


def test_the_same_po_from_the_same_customer_is_a_duplicate(session: Session):
    first = store_captured(session, _document(session), _order())
    assert first.status == "released"
    again = _order().model_copy(update={"order_id": "o-2"})
    second = store_captured(session, first.document_id, again)
    assert second.status == "held" and "DUPLICATE_PO" in second.payload


def _document(session: Session) -> int:
    from orderhub.store.models import InboundDocument

    doc = InboundDocument(sha256="d" * 64, channel="test", remote_key="m1", size=1, status="received")
    session.add(doc)
    session.flush()
    return doc.id or 0
