"""A thirty-sixth review's reproductions: prints a real ERP could produce, aimed at the rules added in 49eb9c7 (a
public contract's number as an 'other' label, an empty specific PO label silencing weak ones, a unit followed by
its pack in brackets, 'Pkg.', item blocks' ship-to labels alone on their line, a spaced quantity joined tight,
'rebate', weekdays in Spanish / Portuguese / Italian / Dutch and after the date). Each finding's test asserts the
safe outcome (read right, or held) and fails on 49eb9c7; the tests named ``test_safe_…`` pass: attacks the rules
withstand.

- ``table.py`` ``item_blocks`` (rule 4; regression): a block's address label printed with nothing after it now
  takes the next line as its place. An empty 'Bill To:' (or 'Invoice To:') right over 'Ship To:Cedar & Pine Eugene,
  …' takes the ship-to line as the bill-to's place and drops it: the item is released on an order to Portland.
  342ac84 read the 'Ship To:' line and held.
- ``table.py`` ``_take`` / ``_PACK`` (rule 3; regression): a unit then its pack in brackets reads the unit and
  drops the pack, even when the pack contradicts the item's own: 'CS (12/cs)' for the duct tape sold in cases of
  24, 'PK (50)' for cable ties in packs of 100. The order is released as 10 cases (240 rolls) where the buyer
  counted 120. 342ac84 held both (unit unread).
- ``table.py`` ``item_blocks`` (rule 4; older): 'Shipping Address: Cedar & Pine Eugene, …' matches neither
  ``_BLOCK_ADDRESS`` nor ``_PLACE_WORDS`` ('\\bship\\b' misses 'Shipping'), so it goes to the description and the
  item is released to Portland. 'Ship To:' alone over 'Cedar & Pine Portland', '300 Oak Street', 'Eugene, OR
  97401': only the name line is taken as the site, and it is part of the order's ship-to, so an item going to
  Eugene is released to Portland. Both were released on 342ac84 as well.
- ``header.py`` ``_date`` / ``_WEEKDAYS`` (rule 7; older): the weekday names in other languages are only partly
  added. 'sabato' is in ``_DAY_NAMES`` but not in ``_WEEKDAYS``, so 'Sabato, 04/20/2036' (a Sunday) is taken for a
  place, and '04/20/2036 sabato' is never compared. 'Segunda, 04/22/2036' (Portuguese for Monday, short for
  segunda-feira; the date is a Tuesday) and the Spanish abbreviations 'Sáb, 04/20/2036' (a Sunday) and 'Dom,
  04/19/2036' (a Saturday) are also taken for places. All are released with the date, on 342ac84 too.

Withstood: an empty 'PO No.:' with the number only under a weak 'No.' elsewhere (held; 342ac84 released it
right: an over-hold, not a wrong release); 'PO/Contract No.: 45-8901' (held: no PO number); 'Contract Number:'
over a weak 'No.: 45-8901' (read right); a delivery remark naming another day after the date ('04/22/2036 before
10 am, dock closed Sat.': held, not released without its date); two requested-date labels, one with a
contradicting day in brackets (held); 'CS (24/cs)' and 'BX (100/bx)' that agree with the item's pack (read right).
Not attacked for lack of time: 'rebate' / 'ristourne' inside an item's description on a totals line (by the code
it only makes totals uncheckable, so holds), a '1 000' quantity printed with a double space (two words), the
blank-label rule's three lines when the number is printed in a bigger font above its label, 'n° de lot' as a batch
number among the lines.
The regressions' tests pass on 342ac84; the older findings' fail there as well.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, parse, put  # noqa: E402

from orderhub.capture import decide_captured  # noqa: E402
from orderhub.masterdata import import_directory  # noqa: E402
from orderhub.store.db import make_engine, migrate  # noqa: E402
from schemas.order import Order  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _held(session: Session, order: Order) -> bool:
    return bool(decide_captured(session, order).hold_reasons)


def _read(order: Order) -> str:
    lines = [(ln.vendor_part_number, str(ln.quantity), ln.uom) for ln in order.lines]
    ship = order.ship_to and (order.ship_to.name, order.ship_to.address_lines)
    dates = [(d.qualifier, d.value.isoformat()) for d in order.dates]
    return f"PO {order.po_number!r}, total {order.stated_total}, ship-to {ship}, dates {dates}, lines {lines}"


# --- rule 4: Periscope BuySpeed's item blocks -------------------------------------------------------------------

CEDAR = "buyer@cedarpine.example"
CAPTIONS: Row = [
    (50, "Quantity"),
    (120, "UOM"),
    (199, "Unit Cost"),
    (283, "Total Discount Amount"),
    (436, "Total Cost"),
]
PORTLAND = "Cedar & Pine Portland, 1120 NW Couch Street, Portland, OR 97201"
EUGENE = "Cedar & Pine Eugene, 300 Oak Street, Eugene, OR 97401"
HAMMER = ("Claw Hammer 16oz Fiberglass", "12.00 EA $16.90 $202.80", "Stock #:CP-110045 Catalog #:HT-9001")
TAPE = ("Masking Tape 1in x 55yd", "72.00 RL $2.25 $162.00", "Catalog #:TP-7002")


def _item_block(pdf: canvas.Canvas, y: float, n: int, item: tuple[str, str, str], places: tuple[str, ...]) -> float:
    """Item ``n``'s block from ``y`` down: its title, name, captions, row of figures, codes, then ``places`` (the
    lines naming where it ships and is billed); the ``y`` under it."""
    name, figures, codes = item
    put(pdf, y, [(40, f"Item # {n}: (425-46) TOOLS, HAND: HAMMERS")])
    put(pdf, y - 11, [(50, name)])
    put(pdf, y - 22, CAPTIONS)
    qty, unit, price, amount = figures.split()
    put(pdf, y - 33, [(50, qty), (120, unit), (-230, price), (-330, "$0.00"), (-470, amount)])
    put(pdf, y - 44, [(50, codes), (240, "Manufacturer:"), (300, "Brand:")])
    y -= 55
    for text in places:
        put(pdf, y, [(50, text)])
        y -= 11
    return y - 17


def _buyspeed(blocks: list[tuple[tuple[str, str, str], tuple[str, ...]]], total: str = "$364.80") -> Order:
    """Cedar & Pine's BuySpeed PO CP111560 to Portland ('Ship To Information' over 'Address:'), each item a block."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order Number:CP111560"), (330, "Purchase Order Date:12/02/2036")])
        put(pdf, 720, [(40, "Ship To Information"), (314, "Bill To Information")])
        put(pdf, 708, [(38, "Address:"), (74, "Cedar & Pine Portland"), (312, "Address:"), (348, "Cedar & Pine HQ")])
        put(pdf, 697, [(74, "1120 NW Couch Street"), (348, "8800 SW Nimbus Avenue")])
        put(pdf, 686, [(74, "Portland, OR 97201 US"), (348, "Beaverton, OR 97008")])
        put(pdf, 660, [(40, "Item Information")])
        y = 645.0
        for n, (item, places) in enumerate(blocks, start=1):
            y = _item_block(pdf, y, n, item, places)
        put(pdf, y, [(360, "Document Total:"), (-470, total)])

    return parse(draw, sender=CEDAR)


BILLED = "Bill To:Cedar & Pine HQ, 8800 SW Nimbus Avenue, Beaverton, OR 97008"


# Finding, table.py item_blocks (rule 4; regression): the item's bill-to left empty ('Bill To:' alone), its ship-to
# on the next line: the ship-to line is taken for the bill-to's place and dropped, and the tape going to Eugene is
# released on the order to Portland. 342ac84 read the 'Ship To:' line and held.
@pytest.mark.parametrize("empty", ["Bill To:", "Invoice To:"])
def test_an_empty_bill_to_does_not_swallow_the_item_blocks_ship_to(session: Session, empty: str) -> None:
    order = _buyspeed([(HAMMER, ("Bill To:", "Ship To:" + PORTLAND)), (TAPE, (empty, "Ship To:" + EUGENE))])
    assert _held(session, order), f"released as {_read(order)}"


# Finding, table.py item_blocks (rule 4; older): 'Shipping Address:' is neither a site's label nor a place word
# ('\bship\b' misses 'Shipping'); the label alone over the site's name takes only the name line, which is part of
# the order's ship-to though the street and city under it are Eugene's. Both released to Portland, on 342ac84 too.
@pytest.mark.parametrize(
    "places",
    [
        ("Shipping Address: " + EUGENE, BILLED),
        ("Ship To:", "Cedar & Pine Portland", "300 Oak Street", "Eugene, OR 97401", BILLED),
    ],
    ids=["shipping-address", "label-over-a-name-and-another-city"],
)
def test_an_item_block_shipping_to_eugene_is_not_released_to_portland(
    session: Session, places: tuple[str, ...]
) -> None:
    order = _buyspeed([(HAMMER, ("Ship To:" + PORTLAND, BILLED)), (TAPE, places)])
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 3: a unit, then its pack in brackets ------------------------------------------------------------------

ACME = "buyer@acme.example"
DAYTON = ("Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402")
TABLE: Row = [(40, "Item"), (110, "Description"), (-378, "Qty"), (-470, "Price"), (-560, "Amount")]


def _acme(header: Row, rows: list[Row], head: list[tuple[float, Row]] = ()) -> Order:
    """Acme's PO 45-8901 of 04/10/2036 to Dayton: ``head`` under the numbers, ``rows`` under ``header``."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-8901")])
        put(pdf, 744, [(380, "PO Date: 04/10/2036")])
        for y, row in head:
            put(pdf, y, row)
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, header)
        for i, row in enumerate(rows):
            put(pdf, 626 - 12 * i, row)

    return parse(draw, sender=ACME)


UNIT_TABLE: Row = [(40, "Item"), (110, "Description"), (-330, "Qty"), (350, "Order Unit"), (-470, "Unit Price"),
                   (-560, "Amount")]  # fmt: skip


def _packed(item: str, name: str, unit: str, price: str, amount: str) -> Order:
    """Ten of ``item`` under 'Order Unit' printed as ``unit`` (a unit, then its pack in brackets)."""
    row: Row = [(40, item), (110, name), (-330, "10"), (350, unit), (-470, price), (-560, amount)]
    return _acme(UNIT_TABLE, [row, [], [(400, "Total"), (-560, amount)]])


# Finding, table.py _take (rule 3; regression): the pack printed after the unit says a case holds 12 (a pack 50),
# the item's case holds 24 (its pack 100). The unit is read, the pack dropped: 10 cases of 24 rolls are released
# where the buyer counted 120 rolls. 342ac84 held (the unit unread).
@pytest.mark.parametrize(
    ("item", "name", "unit", "price", "amount"),
    [
        ("TP-7001", "Duct tape 48 mm x 50 m silver", "CS (12/cs)", "112.00", "1,120.00"),
        ("CX-2001", "Cable tie 200 mm black", "PK (50)", "5.60", "56.00"),
    ],
    ids=["case-of-12-not-24", "pack-of-50-not-100"],
)
def test_a_pack_that_contradicts_the_items_pack_holds(
    session: Session, item: str, name: str, unit: str, price: str, amount: str
) -> None:
    order = _packed(item, name, unit, price, amount)
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 3): the pack agrees with the item's ('case of 24', 'box of 100'): read right (or held).
@pytest.mark.parametrize(
    ("item", "name", "unit", "price", "amount", "uom"),
    [
        ("TP-7001", "Duct tape 48 mm x 50 m silver", "CS (24/cs)", "112.00", "1,120.00", "CS"),
        ("GL-8001", "Nitrile gloves size L", "BX (100/bx)", "11.20", "112.00", "BX"),
    ],
    ids=["case-of-24", "box-of-100"],
)
def test_safe_a_pack_that_agrees_with_the_items_pack_reads_the_unit(
    session: Session, item: str, name: str, unit: str, price: str, amount: str, uom: str
) -> None:
    order = _packed(item, name, unit, price, amount)
    read = [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines]
    right = read == [(item, Decimal(10), uom)]
    assert right or _held(session, order), f"released as {_read(order)}"


# --- rule 7: a day of the week in another language, or after the date -------------------------------------------


def _need_by(printed: str) -> Order:
    return _acme(
        TABLE,
        [
            [(40, "AB-1001"), (110, "Anchor bolt"), (-378, "10"), (-470, "9.25"), (-560, "92.50")],
            [],
            [(400, "Total"), (-560, "92.50")],
        ],  # fmt: skip
        head=[(732, [(380, f"Need By: {printed}")])],
    )


# Finding, header.py _date / _WEEKDAYS (rule 7; older): 04/20/2036 is a Sunday, 04/22/2036 a Tuesday, 04/19/2036 a
# Saturday. Italian 'Sabato' (in _DAY_NAMES, not in _WEEKDAYS), Portuguese 'Segunda' (segunda-feira, Monday) and the
# Spanish 'Sáb' / 'Dom' are taken for a place before the date, 'sabato' after it is never compared: each date is
# released though the day or the date is wrong. Released on 342ac84 too.
@pytest.mark.parametrize(
    "printed",
    ["Sabato, 04/20/2036", "04/20/2036 sabato", "Segunda, 04/22/2036", "Sáb, 04/20/2036", "Dom, 04/19/2036"],
)
def test_a_weekday_in_another_language_that_contradicts_its_date_holds(session: Session, printed: str) -> None:
    order = _need_by(printed)
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 7): a delivery remark naming another day after the date: the date is no longer read, and the order
# holds (not released without its date).
@pytest.mark.parametrize(
    "printed", ["04/22/2036 before 10 am, dock closed Sat.", "Tue, 04/22/2036 before 10 am, dock closed Sat."]
)
def test_safe_a_remark_naming_another_day_after_the_date_holds(session: Session, printed: str) -> None:
    order = _need_by(printed)
    dated = [(d.qualifier, d.value.isoformat()) for d in order.dates] == [("002", "2036-04-22")]
    assert dated or _held(session, order), f"released as {_read(order)}"


# Safe (rule 7): the need-by date's day contradicts it, a ship date beside it is fine: the contradicting label is
# dropped, but the order still holds (it is not released on the ship date alone).
def test_safe_a_contradicting_day_beside_another_dates_label_holds(session: Session) -> None:
    order = _acme(
        TABLE,
        [
            [(40, "AB-1001"), (110, "Anchor bolt"), (-378, "10"), (-470, "9.25"), (-560, "92.50")],
            [],
            [(400, "Total"), (-560, "92.50")],
        ],  # fmt: skip
        head=[(732, [(380, "Need By: 04/20/2036 (Mon)")]), (720, [(380, "Ship Date: 04/17/2036")])],
    )
    assert _held(session, order), f"released as {_read(order)}"


# --- rules 1 and 2: a contract's number, an empty specific PO label -----------------------------------------------


def _numbers(rows: list[tuple[float, Row]]) -> Order:
    """Acme's order to Dayton, one line of 92.50, ``rows`` the numbers' block under the title."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        for y, row in rows:
            put(pdf, y, row)
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, TABLE)
        put(pdf, 626, [(40, "AB-1001"), (110, "Anchor bolt"), (-378, "10"), (-470, "9.25"), (-560, "92.50")])
        put(pdf, 600, [(400, "Total"), (-560, "92.50")])

    return parse(draw, sender=ACME)


DATED: tuple[float, Row] = (744, [(380, "PO Date: 04/10/2036")])


# Safe (rule 2): 'PO No.:' printed empty, a weak 'No. 45-8901' further down and left: held (no PO number; 342ac84
# released it as 45-8901). Whether the number is the order's or none is given, neither is a wrong release.
def test_safe_an_empty_po_label_and_a_weak_number_elsewhere_hold(session: Session) -> None:
    order = _numbers([(756, [(380, "PO No.:")]), DATED, (732, [(260, "No. 45-8901")])])
    right = order.po_number == "45-8901"
    assert right or _held(session, order), f"released as {_read(order)}"


# Safe (rule 1): a label naming both the order and a contract holds; a contract's number over a weak 'No.' reads
# the order's number, never the contract's.
def test_safe_a_contracts_number_is_never_the_po(session: Session) -> None:
    both = _numbers([(756, [(380, "PO/Contract No.: 45-8901")]), DATED])
    assert both.po_number == "45-8901" or _held(session, both), f"released as {_read(both)}"
    contract = _numbers([(756, [(380, "Contract Number: CN-2036-04")]), (744, [(380, "No.: 45-8901")]),
                         (732, [(380, "PO Date: 04/10/2036")])])  # fmt: skip
    assert contract.po_number == "45-8901" or _held(session, contract), f"released as {_read(contract)}"
