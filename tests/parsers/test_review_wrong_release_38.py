"""A thirty-eighth review's reproductions: prints a real ERP could produce, aimed at the rules added in ca92145
(Ellipse's 'Stock Code / Description', 'UOI' / 'U/I' / 'UOP' / 'Unit of Purchase', 'Part No: … Mnemonic: … Preq:
…' under a 'Stock Code' cell or a no-code marker, 'Warehouse 0043 · Attn: …' atop a ship-to; InvenTree's 'Part'
beside 'Reference', the gap of a tall row, a last 'Note' column's wrapped words, 'Target Date'). Each finding's
test asserts the safe outcome (read right, or held) and fails on ca92145; the tests named ``test_safe_…`` pass:
attacks the rules withstand. Every finding's test passes on 4801a4b (the parent); of the safe tests, the one of
'UOP' PK before 'UOI' EA fails there (4801a4b knew neither caption and released the line without its unit, as the
item's EA): ca92145 mends that.

- ``columns.py`` 'stock code / description' (rule 1; regression): 'Stock Code 7740' atop the combined column is
  the customer's stock code (Acme's 7740 is our TP-7001), but it is left in the description and only the 'Part No:
  HT-9002' line under the name is read: the tape measure is released though the customer's own code names the
  duct tape. A separate 'Stock Code' column holds AMBIGUOUS_ITEM for the same contradiction (rule 5); the combined
  column does not. 4801a4b held (no item read).
- ``labels.py`` 'target date' (rule 7; regression): the label matches at the end of another date's label: 'Invoice
  Target Date: 05/10/2036' and 'Quote Target Date: 04/30/2036' are released as the order's delivery date. 4801a4b
  held the first (a date without a label it knows) and released the second without a delivery date.
- ``table.py`` ``_without_last_note`` (rule 4; regression): the dropped words under a last 'other' column right of
  every figure may be a date: 'Deliver by' over '05/15/2036' under 'Remarks' (or 'Ship Via'), beside the row's
  second description line, and InvenTree's 'Need by' over '2037-08-30' under 'Note' beside 'SKU: AB-1002'. The
  date is dropped unseen and the line is released without it (or with the header's 'Target Date' 2037-08-14).
  4801a4b held ('a date is printed among the lines … not read').
- ``columns.py`` ``_part_beside_reference`` (rule 2; regression): the 'Reference' column is made 'other' whatever
  it holds: a reference that is another item's code (AB-1003, where the name's SKU line says AB-1002) is dropped and
  AB-1002 released. Which of the two is ordered, a person says; 4801a4b read AB-1003 and held on its price.
- ``columns.py`` units of issue / purchase (rule 1; regression): 'U/I' EA beside 'Unit of Purchase' PK: the first
  unit column is read and the unit of purchase, the unit the quantity is bought in, is dropped; 4 EA released.
  4801a4b read the unit of purchase (PK) and held on the unit. (Older, not tested: 'UOI' EA beside 'UOP' PK was
  released by 4801a4b too, without a unit; ca92145 releases it as EA. Two unit columns that disagree should hold.)

Withstood: the gap rule (rows past a gap are read only when the order's total counts them: a total of the first
row alone holds, no total holds); a separate 'Stock Code' / 'Stock No.' column contradicting the 'Part No:' line
(the customer's 7731 is PL-5003; our own AB-1001 beside AB-1002): held; 'UOP' PK before 'UOI' EA: held on the unit;
'Warehouse 0042 · Attn: …' over the Columbus address: held; 'Dock 2 · Attn: Receiving' over Columbus: Columbus read
right; 'Payment Target Date', 'Target Completion Date', 'Target Date' beside a 'Delivery Date': held; a no-code
marker ('-', 'N/A') over 'Part No: PL-5003': read right.
Not attacked for lack of time: 'Mnemonic:' / 'Preq:' values that look like item codes, NO_CODE's 'NS' / 'NA'
beside real codes, 'Store Toledo · Attn:' (a site's name read as its code) over another location's address.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
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
    lines = [(ln.vendor_part_number, ln.buyer_part_number, str(ln.quantity), ln.uom) for ln in order.lines]
    ship = order.ship_to and (order.ship_to.name, order.ship_to.address_lines)
    dates = [(d.qualifier, str(d.value)) for d in order.dates] + [str(ln.requested_date) for ln in order.lines]
    return f"PO {order.po_number!r} of {order.po_date}, dates {dates}, ship-to {ship}, lines {lines}"


ACME = "buyer@acme.example"
BOLTLINE = "purchasing@boltline.example"
COLUMBUS = ("Warehouse 0043 · Attn: Store 0043 Receiving", "Acme Hardware Columbus", "1525 Cleveland Avenue",
            "Columbus, OH 43215")  # fmt: skip


def _ellipse(captions: Row, items: list[Row], total: str, ship: tuple[str, ...] = COLUMBUS) -> Order:
    """Ellipse's PO to Acme's Columbus store: ``items`` under ``captions``, the order's total under them."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "PO Number:"), (400, "45-9652")])
        put(pdf, 746, [(300, "Date Raised"), (400, "07/07/2037")])
        put(pdf, 710, [(40, "Supplier"), (300, "Delivery Address")])
        supplier = ("Ridgeline Fastener & Tool Supply", "4400 Industrial Parkway", "Cleveland, OH 44135")
        for i, text in enumerate(ship):
            row: Row = [(300.0, text)] + ([(40.0, supplier[i])] if i < len(supplier) else [])
            put(pdf, 698 - 12 * i, row)
        put(pdf, 620, captions)
        for i, row in enumerate(items):
            put(pdf, 604 - 12 * i, row)
        put(pdf, 598 - 12 * len(items), [(300, "Order Total (excluding tax) USD"), (-576, total)])

    return parse(draw, sender=ACME)


DAYTON = ("Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402")
NUMBERS = ("PO Number: 45-8901", "PO Date: 04/10/2036")
TABLE: Row = [(40, "Item"), (110, "Description"), (-378, "Qty"), (-470, "Price"), (-560, "Amount")]
BOLT: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-378, "10"), (-470, "9.25"), (-560, "92.50")]
BOLTS: list[Row | float] = [BOLT, [], [(400, "Total"), (-560, "92.50")]]


def _acme(header: Row = TABLE, rows: list[Row | float] = BOLTS, numbers: tuple[str, ...] = NUMBERS) -> Order:
    """Acme's PO to Dayton: ``numbers`` one under the other beside the title, ``rows`` under ``header`` (a number
    among them: a gap of that many points)."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        for i, text in enumerate(numbers):
            put(pdf, 756 - 12 * i, [(380, text)])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 620, header)
        y = 606.0
        for row in rows:
            if isinstance(row, float):
                y -= row
                continue
            put(pdf, y, row)
            y -= 12

    return parse(draw, sender=ACME)


# --- rule 1: 'Stock Code / Description' --------------------------------------------------------------------------

COMBINED: Row = [(36, "Item"), (62, "Stock Code / Description"), (318, "Due Date"), (380, "Quantity"), (428, "UOI"),
                 (469, "Price (USD)"), (533, "Value (USD)")]  # fmt: skip


# Finding, columns.py 'stock code / description' (rule 1; regression): the customer's 'Stock Code 7740' (its TP-7001)
# atop the name and 'Part No: HT-9002' under it contradict each other; the stock code is left in the description and
# the tape measure released. ca92145's own 'Stock Code' column holds this (AMBIGUOUS_ITEM). 4801a4b held.
def test_a_stock_code_atop_the_name_contradicting_the_part_no_holds(session: Session) -> None:
    items: list[Row] = [
        [(36, "001"), (62, "Stock Code 7740"), (318, "07/21/2037"), (-420, "4"), (428, "EA"), (-510, "9.20"),
         (-576, "36.80")],
        [(62, "TAPE MEASURE;")],
        [(62, "5M / 16FT, 25MM BLADE")],
        [(62, "Part No: HT-9002 Mnemonic: RIDGE Preq: R0047781-001")],
    ]  # fmt: skip
    order = _ellipse(COMBINED, items, "36.80")
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 7: 'Target Date' ---------------------------------------------------------------------------------------


# Finding, labels.py 'target date' (rule 7; regression): another date's label ending in 'Target Date' is read as the
# order's delivery date and released. 4801a4b held the invoice's, released the quote's without a delivery date.
@pytest.mark.parametrize(
    ("label", "day"),
    [("Invoice Target Date: 05/10/2036", "2036-05-10"), ("Quote Target Date: 04/30/2036", "2036-04-30")],
    ids=["invoice", "quote"],
)
def test_another_target_date_is_not_the_delivery_date(session: Session, label: str, day: str) -> None:
    order = _acme(numbers=(*NUMBERS, label))
    dated = day in [str(d.value) for d in order.dates] + [str(ln.requested_date) for ln in order.lines]
    assert not dated or _held(session, order), f"released as {_read(order)}"


# Safe (rule 7): 'Target Delivery Date' is read; 'Payment Target Date', 'Target Completion Date' and a 'Target Date'
# beside the order's 'Delivery Date' hold.
def test_safe_target_dates(session: Session) -> None:
    order = _acme(numbers=(*NUMBERS, "Target Delivery Date: 05/01/2036"))
    assert [(d.qualifier, str(d.value)) for d in order.dates] == [("002", "2036-05-01")], _read(order)
    for extra in [("Payment Target Date: 05/10/2036",), ("Target Completion Date: 05/01/2036",),
                  ("Delivery Date: 04/24/2036", "Target Date: 05/01/2036")]:  # fmt: skip
        order = _acme(numbers=(*NUMBERS, *extra))
        assert _held(session, order), f"{extra}: released as {_read(order)}"


# --- rule 4: a last 'Note' column's wrapped words ----------------------------------------------------------------


def _remarked(caption: str) -> Order:
    header: Row = [(40, "Item"), (110, "Description"), (-330, "Qty"), (-390, "Price"), (-460, "Amount"),
                   (480, caption)]  # fmt: skip
    row: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-330, "10"), (-390, "9.25"), (-460, "92.50")]
    note = "Deliver by" if caption == "Remarks" else "UPS Ground"
    return _acme(
        header,
        [row + [(480, note)], [(110, "zinc plated, box of 50"), (480, "05/15/2036")], [],
         [(300, "Total"), (-460, "92.50")]],
    )  # fmt: skip


# Finding, table.py _without_last_note (rule 4; regression): the line's own date, wrapped under a last 'Remarks' (or
# 'Ship Via') column beside the second line of its name, is dropped unseen: released without it. 4801a4b held.
@pytest.mark.parametrize("caption", ["Remarks", "Ship Via"])
def test_a_date_under_a_last_remarks_column_holds(session: Session, caption: str) -> None:
    order = _remarked(caption)
    dated = [str(ln.requested_date) for ln in order.lines] == ["2036-05-15"]
    assert dated or _held(session, order), f"released as {_read(order)}"


def _inventree(rows: list[tuple[str, str, str, str, str, str, str, str]], total: str) -> Order:
    """InvenTree's PO to Boltline: each row's part name (a picture beside it: 56 pt a row), its SKU under the name,
    a note in two lines under 'Note'."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(90, "PO Number:"), (160, "BL-26-7961"), (330, "Issue Date"), (400, "2037-08-04")])
        put(pdf, 746, [(330, "Target Date"), (400, "2037-08-14")])
        put(pdf, 700, [(40, "Ship To")])
        for i, text in enumerate(["Boltline Main Warehouse", "1415 Franklin Street", "Houston, TX 77002"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 620, [(61, "Part"), (251, "Quantity"), (301, "Reference"), (363, "Unit Price"), (427, "Total Price"),
                       (497, "Note")])  # fmt: skip
        y = 600.0
        for name, qty, ref, price, amount, sku, note, wrapped in rows:
            put(pdf, y, [(113, name), (251, qty), (301, ref), (363, price), (427, amount), (497, note)])
            put(pdf, y - 12, [(113, sku), (497, wrapped)])
            y -= 56
        put(pdf, y, [(363, "Total"), (427, total)])

    return parse(draw, sender=BOLTLINE)


# Finding, table.py _without_last_note (rule 4; regression): InvenTree's note 'Need by' over '2037-08-30' beside
# 'SKU: AB-1002': the date is dropped and the line released as due on the header's Target Date 2037-08-14.
# 4801a4b held ('a date is printed among the lines … not read').
def test_a_date_in_an_inventree_note_holds(session: Session) -> None:
    row = ("Anchor Bolt M10x100 ZP", "400", "", "$6.10", "$2,440.00", "SKU: AB-1002", "Need by", "2037-08-30")
    order = _inventree([row], "$2,440.00")
    due = {str(d.value) for d in order.dates} | {str(ln.requested_date) for ln in order.lines if ln.requested_date}
    assert due == {"2037-08-30"} or _held(session, order), f"released as {_read(order)}"


# --- rule 2: 'Part' beside 'Reference' ---------------------------------------------------------------------------


# Finding, columns.py _part_beside_reference (rule 2; regression): a Reference that is another item's code (AB-1003)
# beside the name's 'SKU: AB-1002' is dropped as 'other', and AB-1002 released. 4801a4b read AB-1003 and held.
def test_a_reference_naming_another_item_holds(session: Session) -> None:
    row = ("Anchor Bolt M10x100 ZP", "400", "AB-1003", "$6.10", "$2,440.00", "SKU: AB-1002", "", "")
    order = _inventree([row], "$2,440.00")
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 1: units of issue and of purchase ----------------------------------------------------------------------


def _two_units(first: str, second: str, issue: str, purchase: str) -> Order:
    header: Row = [(40, "Item"), (110, "Description"), (-300, "Qty"), (320, first), (360, second), (-470, "Price"),
                   (-560, "Amount")]  # fmt: skip
    row: Row = [(40, "HT-9002"), (110, "Tape measure 5 m"), (-300, "4"), (320, issue), (360, purchase),
                (-470, "9.20"), (-560, "36.80")]  # fmt: skip
    return _acme(header, [row, [], [(400, "Total"), (-560, "36.80")]])


# Finding, columns.py 'u/i' (rule 1; regression): 'U/I' EA beside 'Unit of Purchase' PK: the unit of issue is read
# and the unit of purchase dropped; released as 4 EA. 4801a4b read PK and held on the unit.
def test_a_unit_of_issue_beside_another_unit_of_purchase_holds(session: Session) -> None:
    order = _two_units("U/I", "Unit of Purchase", "EA", "PK")
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 1): 'UOP' PK before 'UOI' EA holds on the unit.
def test_safe_a_unit_of_purchase_first_holds(session: Session) -> None:
    order = _two_units("UOP", "UOI", "PK", "EA")
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 3: the gap of a tall row -------------------------------------------------------------------------------

DRILL: Row = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-378, "10"), (-470, "6.40"), (-560, "64.00")]


# Safe (rule 3): a whole row 60 pt under the last is read on, but the order's total of the first row alone holds,
# and with no total it holds too.
def test_safe_a_row_past_a_gap_is_checked_by_the_total(session: Session) -> None:
    order = _acme(rows=[BOLT, 60.0, DRILL, [], [(400, "Total"), (-560, "92.50")]])
    read = [ln.vendor_part_number for ln in order.lines] == ["AB-1001"]
    assert read or _held(session, order), f"released as {_read(order)}"
    order = _acme(rows=[BOLT, 60.0, DRILL])
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 5: a 'Stock Code' column and no-code markers over 'Part No:' ------------------------------------------

SEPARATE: Row = [(36, "Item"), (62, "Stock Code"), (110, "Description"), (330, "Quantity"), (370, "UOP"),
                 (420, "Unit Price"), (500, "Net Value")]  # fmt: skip


def _stocked(captions: Row, stock: str, part: str, uom: str, price: str, amount: str) -> Order:
    items: list[Row] = [
        [(36, "001"), (62, stock), (110, "ITEM;"), (-360, "10"), (370, uom), (-470, price), (-576, amount)],
        [(110, "AS PER SUPPLIER CATALOGUE")],
        [(110, f"Part No: {part} Mnemonic: RIDGE Preq: R0047715-001")],
    ]
    return _ellipse(captions, items, amount)


# Safe (rule 5): a 'Stock Code' cell naming another item than the 'Part No:' line (the customer's 7731 is PL-5003;
# under 'Stock No.' our own AB-1001) holds; '-' and 'N/A' over 'Part No: PL-5003' read PL-5003.
def test_safe_a_stock_code_column_beside_the_part_no(session: Session) -> None:
    order = _stocked(SEPARATE, "7731", "HT-9002", "EA", "9.20", "92.00")
    assert _held(session, order), f"released as {_read(order)}"
    stock_no = [(x, "Stock No." if text == "Stock Code" else text) for x, text in SEPARATE]
    order = _stocked(stock_no, "AB-1001", "AB-1002", "EA", "6.40", "64.00")
    assert _held(session, order), f"released as {_read(order)}"
    for marker in ["-", "N/A"]:
        order = _stocked(SEPARATE, marker, "PL-5003", "CS", "54.00", "540.00")
        read = [ln.vendor_part_number for ln in order.lines] == ["PL-5003"]
        assert read or _held(session, order), f"released as {_read(order)}"


# --- rule 6: 'Warehouse 0043 · Attn: …' atop the ship-to ---------------------------------------------------------


# Safe (rule 6): another location's code atop the Columbus address holds; a dock's number reads Columbus.
def test_safe_a_site_code_and_attention_atop_the_ship_to(session: Session) -> None:
    item: list[Row] = [[(36, "001"), (62, "7731"), (110, "Ball valve"), (-360, "6"), (370, "CS"), (-470, "54.00"),
                        (-576, "324.00")]]  # fmt: skip
    order = _ellipse(SEPARATE, item, "324.00", ship=("Warehouse 0042 · Attn: Store 0042 Receiving", *COLUMBUS[1:]))
    assert _held(session, order), f"released as {_read(order)}"
    order = _ellipse(SEPARATE, item, "324.00", ship=("Dock 2 · Attn: Receiving", *COLUMBUS[1:]))
    assert order.ship_to is not None
    read = (order.ship_to.name, order.ship_to.postal_code) == ("Acme Hardware Columbus", "43215")
    assert read or _held(session, order), f"released as {_read(order)}"
