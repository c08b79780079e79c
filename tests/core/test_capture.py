"""The touchless decision for captured orders, against the evaluation set's master data (SQLite and PostgreSQL)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

import orderhub.capture as capture
from orderhub.capture import decide_captured, normal_name, po_key, sender_address, store_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from orderhub.store.models import CrossReferenceRecord, Item, OrderRecord, ShipToLocation
from schemas.order import AllowanceCharge, DateRef, Identifier, Order, OrderLine, Party, Source, SourceKind

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


def _codes(order: Order) -> set[str]:
    return {r.code for r in order.hold_reasons}


# 1. the sender: exactly one valid address, else UNKNOWN_SENDER; the printed buyer only without any sender


@pytest.mark.parametrize(
    ("raw", "address"),
    [
        ('"Jo Buyer" <Jo@ACME.example>', "jo@acme.example"),
        ("buyer@acme.example", "buyer@acme.example"),
        ('"Jo @ Acme" <jo@acme.example>', "jo@acme.example"),
        ("Jo Buyer <jo@acme.example> (purchasing)", "jo@acme.example"),
        ("'buyer@acme.example' <buyer@acme.example>", "buyer@acme.example"),  # Outlook's quoting of itself
        ('"evil@other.example" <jo@acme.example>', None),  # a name that is another address: a person looks
        ("Jo <jo@acme.example>, other@unknown.example", None),  # two senders: which one? (was: the last)
        ("jo@unknown.example <jo@acme.example>", None),
        ("jo@acme.example@evil.example", None),
        ("Jo Buyer", None),
        ("undisclosed-recipients:;", None),
        ("jo@localhost", None),
        ('"a b"@acme.example', None),
        ("jo@acme.example.", None),
        ("jö@acme.example", None),
    ],
)
def test_a_sender_must_be_exactly_one_valid_address(raw: str, address: str | None):
    assert sender_address(raw) == address


def test_a_huge_from_value_is_refused_fast_and_held(session: Session):
    raw = "a" * 40_000 + "@acme.example"
    started = time.perf_counter()
    assert sender_address(raw) is None
    assert sender_address("<" * 20_000 + "jo@acme.example") is None
    assert time.perf_counter() - started < 1.0
    order = decide_captured(session, _order(sender=raw))
    assert order.customer_id is None and _codes(order) == {"UNKNOWN_SENDER"}


def test_a_from_value_with_two_addresses_is_held_even_when_one_is_a_customer(session: Session):
    order = decide_captured(session, _order(sender="Jo <jo@acme.example>, other@unknown.example"))
    assert order.customer_id is None
    assert [r.code for r in order.hold_reasons] == ["UNKNOWN_SENDER"]
    assert "2 addresses" in order.hold_reasons[0].message


def test_without_any_sender_the_printed_buyer_is_only_a_suggestion(session: Session):
    order = decide_captured(session, _order(sender=None, buyer=Party(role="BY", name="Acme Hardware Co.")))
    assert order.customer_id == "C-ACME"  # the reviewer sees it, items and ship-to resolved
    assert [r.code for r in order.hold_reasons] == ["CUSTOMER_FROM_DOCUMENT"]
    assert order.lines[1].sku == "PL-5003"
    nobody = decide_captured(session, _order(sender=None, buyer=Party(role="BY", name="Somebody Else Ltd")))
    assert nobody.customer_id is None and "UNKNOWN_SENDER" in _codes(nobody)


def test_a_printed_buyer_never_overrides_an_unknown_sender(session: Session):
    order = decide_captured(session, _order(sender="x@gmail.example", buyer=Party(role="BY", name="Acme Hardware Co.")))
    assert order.customer_id is None and _codes(order) == {"UNKNOWN_SENDER"}


# 5. items: a code that is ours and the customer's for another item; prices that cannot be checked


def test_a_code_that_is_our_sku_and_the_customers_number_for_another_item_is_ambiguous(session: Session):
    session.add(CrossReferenceRecord(customer_id="C-ACME", buyer_part_number="AB-1002", sku="AB-1003"))
    session.flush()
    order = _order()
    order.lines[0].buyer_part_number = order.lines[0].vendor_part_number = "AB-1002"
    order.lines[0].unit_price, order.lines[0].amount = Decimal("6.40"), Decimal("153.60")
    held = decide_captured(session, order)
    assert "AMBIGUOUS_ITEM" in _codes(held)
    assert next(r for r in held.hold_reasons if r.code == "AMBIGUOUS_ITEM").field == "lines[0].sku"


def test_two_item_columns_that_disagree_are_ambiguous(session: Session):
    order = _order()
    order.lines[1].buyer_part_number = "7731"  # Acme's number for PL-5003 ...
    order.lines[1].vendor_part_number = "AB-1001"  # ... but the "our item" column says AB-1001
    assert "AMBIGUOUS_ITEM" in _codes(decide_captured(session, order))
    agree = _order()
    agree.lines[1].vendor_part_number = "PL-5003"
    assert decide_captured(session, agree).hold_reasons == []


@pytest.mark.parametrize("price", [Decimal("3.00"), None])
def test_an_item_without_any_price_for_the_customer_is_held_price_unchecked(session: Session, price):
    session.add(Item(sku="ZZ-9999", description="no price anywhere", uom="EA"))
    session.flush()
    order = _order()
    order.lines.append(
        OrderLine(buyer_part_number="ZZ-9999", vendor_part_number="ZZ-9999", quantity=Decimal(2), unit_price=price)
    )
    held = decide_captured(session, order)
    assert _codes(held) == {"PRICE_UNCHECKED"}
    assert held.hold_reasons[0].field == "lines[2].unit_price"


def test_a_line_without_a_printed_price_is_checked_against_the_price_list_and_released(session: Session):
    order = _order()
    for line in order.lines:
        line.unit_price = line.amount = None
    assert decide_captured(session, order).hold_reasons == []


# 6. ship-to: the printed name equals a location's name; the code and the address must agree


@pytest.mark.parametrize(
    ("party", "location"),
    [
        (Party(name="Acme Hardware Dayton", city="Dayton", postal_code="45402"), "0042"),
        (Party(name="ACME  HARDWARE, Dayton.", city="DAYTON", postal_code="45402-1234"), "0042"),
        (Party(name="Acme Hardware Dayton Annex", city="Dayton", postal_code="45402"), None),  # was 0042
        (Party(name="Annex of Acme Hardware Dayton", postal_code="45402"), None),
        (Party(name="Acme Hardware Dayton", postal_code="43215"), None),  # Columbus's postal code
        (Party(name="Acme Hardware Dayton", city="Toledo", postal_code="45402"), None),
        (Party(name="Acme Hardware Dayton"), "0042"),  # a mail: the whole name, no postal code
        (Party(city="Dayton"), "0042"),  # a mail: "our Dayton store"
        (Party(name="Acme Hardware", city="Dayton"), None),
    ],
)
def test_the_ship_to_name_must_equal_a_locations_name(session: Session, party: Party, location: str | None):
    order = decide_captured(session, _order(ship_to=party.model_copy(deep=True)))
    assert order.ship_to is not None
    if location is None:
        assert "UNKNOWN_SHIP_TO" in _codes(order) and order.ship_to.identifiers == []
    else:
        assert order.hold_reasons == [] and order.ship_to.identifiers == [Identifier(qualifier="92", value=location)]


def test_a_printed_location_code_that_contradicts_the_printed_address_is_held(session: Session):
    dayton = Party(name="Acme Hardware Dayton", city="Dayton", postal_code="45402")
    conflict = decide_captured(
        session, _order(ship_to=dayton.model_copy(update={"identifiers": [Identifier(qualifier="92", value="0043")]}))
    )
    reason = next(r for r in conflict.hold_reasons if r.code == "UNKNOWN_SHIP_TO")
    assert "0043" in reason.message and "Acme Hardware Columbus" in reason.message
    agree = decide_captured(
        session, _order(ship_to=dayton.model_copy(update={"identifiers": [Identifier(qualifier="92", value="0042")]}))
    )
    assert agree.hold_reasons == []


def test_one_character_words_tell_locations_apart(session: Session):
    assert normal_name("Acme Dock 1") != normal_name("Acme Dock 2")
    assert normal_name("Lumière  Lyon Part-Dieu") == normal_name("LUMIERE LYON PART DIEU")
    for location_id, name in (("D1", "Acme Dock 1"), ("D2", "Acme Dock 2")):
        session.add(ShipToLocation(customer_id="C-ACME", location_id=location_id, name=name, postal_code="45999"))
    session.flush()
    order = decide_captured(session, _order(ship_to=Party(name="Acme Dock 2", postal_code="45999")))
    assert order.hold_reasons == []
    assert order.ship_to is not None and order.ship_to.identifiers == [Identifier(qualifier="92", value="D2")]


# 7. currency


def test_an_order_in_another_currency_than_the_customers_is_held(session: Session):
    assert _codes(decide_captured(session, _order(currency="EUR"))) == {"CURRENCY_MISMATCH"}
    assert decide_captured(session, _order(currency="usd")).hold_reasons == []
    assert decide_captured(session, _order(currency="$")).hold_reasons == []
    assert decide_captured(session, _order()).currency == "USD"  # none stated: the customer's


# 8 and 11: every date and every line the parser filled must be read with confidence


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dates": [DateRef(qualifier="002", value=date(2026, 3, 4))]}, "requested_date"),  # no confidence at all
        (
            {
                "dates": [DateRef(qualifier="002", value=date(2026, 3, 4))],
                "confidence": {**SURE, "requested_date": 0.5},
            },
            "requested_date",
        ),  # "03/04/2026": March 4 or 3 April?
        ({"po_date": date(2026, 3, 4), "confidence": {**SURE, "po_date": 0.6}}, "po_date"),
        ({"confidence": {**SURE, "lines[1]": 0.5}}, "lines[1]"),
        ({"confidence": {**SURE, "lines[0]": 0.95, "lines[1]": 0.89}}, "lines[1]"),
    ],
)
def test_a_doubtful_date_or_line_is_held_low_confidence(session: Session, changes, field):
    order = decide_captured(session, _order(**changes))
    assert [(r.code, r.field) for r in order.hold_reasons] == [("LOW_CONFIDENCE", field)]


def test_sure_dates_and_lines_release(session: Session):
    sure = {**SURE, "po_date": 0.95, "requested_date": 0.9, "lines[0]": 0.95, "lines[1]": 0.92}
    order = _order(po_date=date(2026, 3, 1), dates=[DateRef(qualifier="002", value=date(2026, 3, 4))], confidence=sure)
    assert decide_captured(session, order).hold_reasons == []


# 10. duplicate PO numbers compared as people write them, under a lock on the key


@pytest.mark.parametrize("again", ["45-1177", "PO# 45 1177", "po-451177", "P.O. 45-1177", "#45–1177"])
def test_the_same_po_written_differently_is_a_duplicate(session: Session, again: str, monkeypatch):
    locks: list[str] = []
    real_lock = capture.lock_key
    monkeypatch.setattr(capture, "lock_key", lambda s, key: (locks.append(key), real_lock(s, key)))
    first = store_captured(session, _document(session), _order())
    assert first.status == "released"
    second = store_captured(session, first.document_id, _order(order_id="o-2", po_number=again))
    assert second.status == "held" and "DUPLICATE_PO" in second.payload
    assert locks == ["po:customer:C-ACME:451177", "po:customer:C-ACME:451177"]
    assert po_key(again) == "451177"


def test_a_different_po_or_another_customers_po_is_no_duplicate(session: Session):
    first = store_captured(session, _document(session), _order())
    other = store_captured(session, first.document_id, _order(order_id="o-2", po_number="45-11770"))
    assert other.status == "released"
    granite = _order(
        order_id="o-3", sender="buyer@granitestate.example",
        ship_to=Party(name="Granite State Yard Concord", postal_code="03301"),
        lines=[OrderLine(buyer_part_number="AB-1001", vendor_part_number="AB-1001", quantity=Decimal(1))],
    )  # fmt: skip
    assert store_captured(session, first.document_id, granite).status == "released"
    assert len(session.exec(select(OrderRecord)).all()) == 3


# 11. a PO number read under a weak label ('Number', a title) is confirmed by the customer's own PO numbers

WEAK = {"po_number": 0.85, "ship_to": 1.0, "lines": 1.0}


def _released(session: Session, *po_numbers: str) -> None:
    document = _document(session)
    for index, po in enumerate(po_numbers):
        assert store_captured(session, document, _order(order_id=f"r-{index}", po_number=po)).status == "released"


def test_a_weakly_labelled_po_number_of_the_customers_form_is_released_and_says_why(session: Session):
    _released(session, "45-2210", "45-2188", "45-2179")
    order = decide_captured(session, _order(order_id="new", po_number="45-2301", confidence=dict(WEAK)))
    assert order.hold_reasons == []
    assert any("form 99-9999, beginning '45-'" in w and "last 3 released orders" in w for w in order.warnings)


@pytest.mark.parametrize(
    ("earlier", "new"),
    [
        (["GR-26104", "GR-26117", "GR-26120"], "GR-27201"),
        (["BL-26-0912", "BL-26-1004", "BL-26-1106"], "BL-26-1201"),
        (["CMD-2026-997", "CMD-2026-998", "CMD-2026-999"], "CMD-2026-1001"),  # past its 9s, a digit longer
        (["CMD-2026-998", "CMD-2026-1001", "CMD-2026-1004"], "CMD-2026-1009"),
    ],
)
def test_the_running_number_may_move_on_within_the_customers_series(session: Session, earlier: list[str], new: str):
    _released(session, *earlier)
    order = decide_captured(session, _order(order_id="new", po_number=new, confidence=dict(WEAK)))
    assert order.hold_reasons == []


@pytest.mark.parametrize(
    ("earlier", "new"),
    [
        (["45-2210", "45-2188"], "45-2301"),  # too few to know the customer's form
        (["45-2210", "45-2188", "4521"], "45-2301"),  # the customer writes its numbers more than one way
        (["45-2210", "45-2188", "45-2179"], "100234"),  # another form: a vendor account under 'Number'
        (["45-2210", "45-2188", "45-2179"], "46-2301"),  # the form, but not the series all of them share
        (["45-2210", "45-2188", "45-2179"], "45-22100"),  # a digit longer long before the series' 9s
        (["CMD-2026-1001", "CMD-2026-1004", "CMD-2026-1009"], "CMD-2026-998"),  # running numbers do not shrink
        # digits alone confirm nothing: a vendor account ('Number 100234') can share a running number's form
        (["4500012901", "4500012817", "4500012950"], "4500013101"),
        (["100231", "100245", "100262"], "100234"),
    ],
)
def test_a_weakly_labelled_po_number_is_held_unless_every_recent_po_of_the_customer_has_its_form(
    session: Session, earlier: list[str], new: str
):
    _released(session, *earlier)
    order = decide_captured(session, _order(order_id="new", po_number=new, confidence=dict(WEAK)))
    assert [(r.code, r.field) for r in order.hold_reasons] == [("LOW_CONFIDENCE", "po_number")]


def test_held_orders_do_not_teach_the_form_and_a_guess_is_never_confirmed(session: Session):
    document = _document(session)
    for index, po in enumerate(["45-2210", "45-2188", "45-2179"]):
        held = _order(order_id=f"h-{index}", po_number=po, confidence=dict(WEAK))
        assert store_captured(session, document, held).status == "held"
    order = decide_captured(session, _order(order_id="new", po_number="45-2301", confidence=dict(WEAK)))
    assert "LOW_CONFIDENCE" in _codes(order)  # no released order yet: nothing confirms the form
    _released(session, "45-2211", "45-2189", "45-2180")
    guessed = {"po_number": 0.7, "ship_to": 1.0, "lines": 1.0}  # found by position only: never confirmed
    order = decide_captured(session, _order(order_id="new", po_number="45-2301", confidence=guessed))
    assert "LOW_CONFIDENCE" in _codes(order)


# the reviewer's reproductions, through the whole pipeline with the evaluation master data

DATA = Path(__file__).resolve().parent / "data"


def _through_pipeline(tmp_path: Path, name: str, data: bytes | None = None) -> list[Order]:
    from connectors.base import Incoming
    from mappers.profile import ProfileBook
    from orderhub.pipeline import Pipeline
    from orderhub.store.raw import RawStore
    from parsers.registry import default_parsers

    engine = make_engine(f"sqlite:///{tmp_path / 'e.db'}")
    migrate(engine)
    try:
        with Session(engine) as s:
            import_directory(s, MASTER)
            s.commit()
        pipeline = Pipeline(engine, RawStore(tmp_path / "raw"), ProfileBook([]), default_parsers())
        incoming = Incoming(
            "eval", name, data if data is not None else (DATA / name).read_bytes(), datetime(2026, 11, 22, tzinfo=UTC),
            filename=name, metadata={} if data is not None else {"sender": "buyer@acme.example"},
        )  # fmt: skip
        outcome = pipeline.handle(incoming)
        with Session(engine) as s:
            rows = s.exec(select(OrderRecord).where(OrderRecord.document_id == outcome.document_id)).all()
            return [Order.model_validate_json(r.payload) for r in rows]
    finally:
        engine.dispose()


def test_a_sheet_in_euro_from_a_dollar_customer_is_held(tmp_path: Path):
    (order,) = _through_pipeline(tmp_path, "s05-eur.xlsx")
    assert order.status is not None and order.status.value == "held"
    assert "CURRENCY_MISMATCH" in _codes(order)


def test_a_sheet_whose_store_number_contradicts_its_ship_to_address_is_held(tmp_path: Path):
    (order,) = _through_pipeline(tmp_path, "s06-code-vs-address-conflict.xlsx")  # store 0043, Dayton's address
    assert order.status is not None and order.status.value == "held"
    assert "UNKNOWN_SHIP_TO" in _codes(order)


def test_a_sheet_with_a_us_address_reads_an_ambiguous_delivery_date_month_first(tmp_path: Path):
    # '03/04/2026' could be 3 April; the ship-to 'Dayton, OH 45402' says the sheet is American (month first).
    # Without such evidence the date is held: tests/parsers/test_sheet.py, the NO_COUNTRY cases.
    (order,) = _through_pipeline(tmp_path, "s04-ambiguous-date.xlsx")
    assert [str(d.value) for d in order.dates if d.qualifier == "002"] == ["2026-03-04"]
    assert not [r for r in order.hold_reasons if r.field == "requested_date"]


_MAIL = """From: {sender}
To: orders@seller.example
Subject: PO 45-8888
Date: Mon, 2 Mar 2026 10:00:00 -0500
Message-ID: <x1@evil.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi,

please send to our Dayton store:

- 24 x AB-1001

PO 45-8888

Thanks, Jo
"""


@pytest.mark.parametrize(
    "sender", ["Jo <jo@acme.example>, Mallory <m@evil.example>", "jo@acme.example <m@evil.example>"]
)
def test_a_mail_from_two_addresses_is_held_unknown_sender(tmp_path: Path, sender: str):
    (order,) = _through_pipeline(tmp_path, "two-from.eml", _MAIL.format(sender=sender).encode())
    assert order.status is not None and order.status.value == "held"
    assert "UNKNOWN_SENDER" in _codes(order)


def test_the_same_mail_from_one_address_is_released(tmp_path: Path):
    (order,) = _through_pipeline(tmp_path, "one-from.eml", _MAIL.format(sender="Jo <jo@acme.example>").encode())
    assert order.status is not None and order.status.value == "released" and order.customer_id == "C-ACME"


def test_a_ship_to_block_headed_by_the_customers_own_name_is_the_location_under_it(session: Session):
    block = Party(
        name="Hansa Werkzeughandel GmbH", address_lines=["Hansa Lager Bremen", "Überseetor 20"], postal_code="28195"
    )
    order = decide_captured(session, _order(sender="einkauf@hansa-werkzeug.example", ship_to=block))
    assert order.ship_to is not None and order.ship_to.identifier("92") == "H-HB"
    assert "UNKNOWN_SHIP_TO" not in _codes(order)
    elsewhere = block.model_copy(update={"postal_code": "20095"})  # the name under it, but Hamburg's postal code
    order = decide_captured(session, _order(sender="einkauf@hansa-werkzeug.example", ship_to=elsewhere))
    assert "UNKNOWN_SHIP_TO" in _codes(order)


def test_a_captured_charge_is_gated_like_a_required_field(session: Session):
    """A freight charge the printed total did not confirm holds the order; a confirmed one releases it; an EDI
    order's charges (read, not guessed: no confidence at all) are never gated."""
    freight = [AllowanceCharge(indicator="C", code="D240", amount=Decimal("25.00"), description="Freight")]
    unsure = decide_captured(session, _order(allowances_charges=freight, confidence={**SURE, "charges": 0.6}))
    assert [(r.code, r.field) for r in unsure.hold_reasons] == [("LOW_CONFIDENCE", "charges")]
    sure = decide_captured(session, _order(allowances_charges=freight, confidence={**SURE, "charges": 0.95}))
    assert sure.hold_reasons == [] and sure.allowances_charges == freight


def test_a_department_printed_over_the_sites_name_is_read_past(session: Session):
    """'Entrepôt Lyon Part-Dieu' over 'Lumière Lyon Part-Dieu, 27 rue Servient, 69003 Lyon': the line under the
    first names the location exactly, with its postal code; a line naming no location still holds."""
    lines = [OrderLine(vendor_part_number="EL-6001", quantity=Decimal(10), unit_price=Decimal("13.50"))]
    block = Party(name="Entrepôt Lyon Part-Dieu", address_lines=["Lumière Lyon Part-Dieu", "27 rue Servient"],
                  city="Lyon", postal_code="69003")  # fmt: skip
    sender = "commandes@lumiere-quincaillerie.example"
    order = decide_captured(session, _order(sender=sender, po_number="CMD-2026-9906", ship_to=block, lines=lines))
    assert order.ship_to is not None and order.ship_to.identifiers == [Identifier(qualifier="92", value="L-LY")]
    elsewhere = block.model_copy(update={"address_lines": ["Lumière Annecy", "2 rue Royale"], "postal_code": "74000"})
    held = decide_captured(session, _order(sender=sender, po_number="CMD-2026-9907", ship_to=elsewhere, lines=lines))
    assert "UNKNOWN_SHIP_TO" in _codes(held)


def test_each_release_of_a_blanket_po_is_an_order_of_its_own(session: Session):
    """Releases 7 and 8 of blanket PO 45-1000 share the PO number and are not duplicates; release 8 again is."""
    first = store_captured(session, _document(session), _order().model_copy(update={"release_number": "7"}))
    assert first.status == "released"
    eighth = _order().model_copy(update={"order_id": "o-2", "release_number": "8"})
    assert store_captured(session, first.document_id, eighth).status == "released"
    again = _order().model_copy(update={"order_id": "o-3", "release_number": "8"})
    third = store_captured(session, first.document_id, again)
    assert third.status == "held" and "DUPLICATE_PO" in third.payload


def test_a_printed_carton_is_the_items_box_or_case_and_never_a_single_piece(session: Session):
    """'Karton' (Sage KHK) for screws sold by the box, 'carton' for valves sold by the case: the package the item
    ships in. An item sold singly is not sold by the carton: that stays a unit mismatch for a person."""
    order = _order()
    order.lines[1].uom = capture.CARTON  # 7731: our PL-5003, sold by the case
    released = decide_captured(session, order)
    assert released.hold_reasons == [] and released.lines[1].uom == "CS"
    assert any("carton" in warning and "CS" in warning for warning in released.warnings)
    single = _order()
    single.lines[0].uom = capture.CARTON  # AB-1001 is sold each
    held = decide_captured(session, single)
    assert [r.code for r in held.hold_reasons] == ["UOM_MISMATCH"] and held.lines[0].uom == capture.CARTON


def test_our_own_code_in_the_customers_item_column_is_our_item(session: Session):
    """Mago4's 'Our item' column (round 123) prints Acme's number where it has one ('7731') and our SKU where it
    keeps none ('AB-1001'): our SKU there is our item."""
    order = _order()
    order.lines[0].vendor_part_number = None  # 'AB-1001' printed only in the customer's column
    released = decide_captured(session, order)
    assert released.hold_reasons == []
    assert [line.sku for line in released.lines] == ["AB-1001", "PL-5003"]


def test_our_code_in_the_customers_column_beside_another_of_ours_holds(session: Session):
    """Review 29's rule still holds: the customer's column names one item of ours, the vendor's column another."""
    order = _order()
    order.lines[0].vendor_part_number = "AB-1002"
    order.lines[0].unit_price, order.lines[0].amount = Decimal("6.40"), Decimal("153.60")
    assert "UNKNOWN_ITEM" in _codes(decide_captured(session, order))
