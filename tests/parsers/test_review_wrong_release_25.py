"""A twenty-fifth review's reproductions: prints a real ERP could produce, aimed at the rules added in 18af600
(rounds 105–106: 'Order:' alone under the title, a status under its caption, category paths before codes, an
'Expected' column, a warehouse over a street-only address, '(delivery point)' captions, groups with their own
totals, 'Product code: … · Purchase'). Each finding's test asserts the safe outcome and fails on 18af600; all four
are regressions of this commit (18af600^ held every one). The tests named ``test_safe_…`` pass: attacks the rules
withstand.

- ``_continue`` (table.py, rule 8; regression): any word of three letters or more after ' · ' / ' | ' behind a
  code line is dropped as the line's kind. 'Product code: PL-5002 · Cancelled' (or '· Substitute', '· Rental',
  '· Sample') under a row is released as a plain purchase of PL-5002: the word that says the line is cancelled,
  a substitute, a hire or a free sample is lost. 18af600^ kept the line in the description, unsure, and held.
- ``_group_total`` (table.py, rule 7; regression): after a group's total every line with no quantity up to the
  next row is skipped as the next group's name, whatever it says. 'Second delivery: 06/15/2034' or 'Electrical -
  ship to Nashua yard' between two groups is dropped and the order released with every line on the header's one
  delivery date / ship-to. 18af600^ stopped the table at the group total and held (and held the unlabelled date).
- ``_CATEGORY_PATH`` (extract.py, rule 3; regression): any 'Word:' before a code in the item cell is taken for a
  category. 'Mfr:3M-2090', 'Cust:7731', 'UPC:012345678905' in the Item column are released as our item codes (a
  manufacturer's part, the customer's own number, a bar code). 18af600^ held them (item unsure).
- ``_named_site`` (header.py, rule 5; regression, through the core): 'Warehouse: Granite State Yard Concord' over
  'Delivery address: 12 Hall Street, Concord, NH 03301' (the buyer's stock warehouse over a job site in the same
  town) makes the ship-to sure as the yard; the core's ``match_ship_to`` checks only the name, city and postal
  code, so the order is released to location GSB-1 (75 Airport Road) instead of 12 Hall Street. 18af600^ held it
  (a street alone, no name). A warehouse of another town ('… Yard Nashua' over a Concord street) is held by the
  core.

Withstood: 'Order: 45-8657' under an 'Invoice' or 'Order Acknowledgement' title (unsure: held); 'Order: 12/05/2034'
or 'Order: 3' under the title (no PO number read, held by the core for a missing PO number); 'Order: SO-55812'
under the title beside a 'PO Number:' (the PO number wins); an 'Optional' group after a group total whose rows the
order's total leaves out (held: the total does not match); an 'Expected' column of quantities beside 'Qty' (the
ordered quantity is read); 'Ship To (unloading point)' (the caption read whole). (Four safe tests read the new
layouts themselves and so fail on 18af600^.) Rule 2 (a status under its caption) was not attacked in depth: no
realistic print was found that puts a real date label under a 'Status' caption in a row of captions."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, parse, put, released  # noqa: E402

from orderhub.capture import decide_captured  # noqa: E402
from orderhub.masterdata import import_directory  # noqa: E402
from orderhub.store.db import make_engine, migrate  # noqa: E402
from parsers.pdf import PdfParser  # noqa: E402
from schemas.order import Order, Source, SourceKind  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"


def _row(description: str, quantity: str, price: str, amount: str) -> Row:
    return [(43, description), (-374, quantity), (-439, price), (-569, amount)]


ELBOW = _row("Copper elbow 15 mm 90 degree", "300", "2.85", "855.00")
CLAMP = _row("Pipe clamp 22 mm (pack of 10)", "40", "7.45", "298.00")
SOCKET = _row("Duplex receptacle 15 A white", "200", "1.95", "390.00")


def _rms(lines: list[Row | str], total: str | None = "$1,543.00") -> Order:
    """Current RMS's order: a 'Delivery date:' in the header, rows ('Item | Quantity | Unit Price | Total') with
    ``lines`` (a text alone at the left, a row, or a '… total: …' at the right), then the order's total."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(421, "Purchase Order"), (40, "Purchase Order No."), (160, "BL-26-7104")])
        put(pdf, 728, [(40, "Order Date:"), (160, "03/14/2034"), (300, "Delivery date: 04/20/2034")])
        put(pdf, 700, [(40, "Ship To:")])
        put(pdf, 688, [(40, "Acme Hardware Dayton")])
        put(pdf, 676, [(40, "1180 Wayne Avenue")])
        put(pdf, 664, [(40, "Dayton, OH 45402")])
        put(pdf, 640, [(43, "Item"), (342, "Quantity"), (402, "Unit Price"), (550, "Total")])
        y = 626
        for line in lines:
            if isinstance(line, str):
                put(pdf, y, [(-569, line)] if " total: " in line else [(43, line)])
            else:
                put(pdf, y, line)
            y -= 14
        if total:
            put(pdf, y - 10, [(440, "Total (USD)"), (-569, total)])

    return parse(draw)


# Finding, _continue (rule 8; regression): the word after the code is the line's status, not its kind.
@pytest.mark.parametrize("word", ["Cancelled", "Substitute", "Rental", "Sample"])
def test_a_word_after_the_product_code_that_changes_the_line_is_not_dropped(word: str) -> None:
    order = _rms([ELBOW, f"Product code: PL-5002 · {word}", CLAMP, "Product code: PL-5005"], total="$1,153.00")
    first = order.lines[0]
    assert word in (first.description or "") or not released(order), (
        f"released as {first.vendor_part_number} {first.description!r}, '{word}' dropped"
    )


# Safe (rule 8): the layout the rule was made for is read.
def test_safe_product_code_then_purchase() -> None:
    order = _rms([ELBOW, "Product code: PL-5002 · Purchase", CLAMP, "Product code: PL-5005 | Purchase"], "$1,153.00")
    assert [ln.vendor_part_number for ln in order.lines] == ["PL-5002", "PL-5005"] and released(order)


# Finding, _group_total (rule 7; regression): a line between groups that says when or where is no group's name.
@pytest.mark.parametrize(
    ("first", "between", "second"),
    [("First delivery", "Second delivery: 06/15/2034", "Second delivery"),
     ("Plumbing", "Electrical - ship to Nashua yard", "Electrical")],
    ids=["second-delivery-date", "ship-to-another-yard"],
)  # fmt: skip
def test_a_line_between_groups_that_says_when_or_where_is_not_skipped(first: str, between: str, second: str) -> None:
    order = _rms(
        [first, ELBOW, "Product code: PL-5002", CLAMP, "Product code: PL-5005", f"{first} total: 1,153.00",
         between, SOCKET, "Product code: EL-6004", f"{second} total: 390.00"]
    )  # fmt: skip
    dates = [ln.requested_date for ln in order.lines]
    assert dates[-1:] == [date(2034, 6, 15)] or not released(order), (
        f"released with {between!r} dropped: {[ln.vendor_part_number for ln in order.lines]}, dates {dates}"
    )


# Safe (rule 7): an optional group after a group total, which the order's total leaves out, holds.
def test_safe_an_optional_group_left_out_of_the_total_holds() -> None:
    order = _rms(
        ["Plumbing", ELBOW, "Product code: PL-5002", CLAMP, "Product code: PL-5005", "Plumbing total: 1,153.00",
         "Optional", SOCKET, "Product code: EL-6004", "Optional total: 390.00"],
        total="$1,153.00",
    )  # fmt: skip
    assert not released(order)


def _reckon(cells: tuple[str, str], caption: str = "Ship Date", column: tuple[str, str] = ("", "")) -> Order:
    """Reckon's order: 'Item | Description | ``caption`` | Qty | U/M | Rate | Amount', the items' cells ``cells``."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(421, "Purchase Order")])
        put(pdf, 700, [(40, "Ship To"), (421, "Date"), (490, "P.O. No.")])
        put(pdf, 688, [(40, "Acme Hardware Dayton"), (421, "12/04/2034"), (490, "CP110908")])
        put(pdf, 676, [(40, "1180 Wayne Avenue")])
        put(pdf, 664, [(40, "Dayton, OH 45402")])
        put(pdf, 600, [(96, "Item"), (237, "Description"), (361, caption), (420, "Qty"), (452, "U/M"), (488, "Rate"),
                       (530, "Amount")])  # fmt: skip
        put(pdf, 582, [(44, cells[0]), (174, "Leather work gloves XL"), (366, column[0]), (-441, "24"), (464, "pr"),
                       (-516, "8.60"), (-568, "206.40")])  # fmt: skip
        put(pdf, 567, [(44, cells[1]), (174, "Tape measure 5 m"), (366, column[1]), (-441, "18"), (462, "ea"),
                       (-516, "9.70"), (-568, "174.60")])  # fmt: skip
        put(pdf, 520, [(480, "Total"), (-568, "$381.00")])

    return parse(draw)


# Finding, _CATEGORY_PATH (rule 3; regression): a prefix that says whose code it is is no category.
@pytest.mark.parametrize(
    "cells",
    [("Mfr:3M-2090", "Mfr:3M-2091"), ("Cust:7731", "Cust:7732"), ("UPC:012345678905", "UPC:012345678912")],
    ids=["manufacturer", "customer", "upc"],
)
def test_an_item_cell_naming_whose_code_it_is_is_not_our_item(cells: tuple[str, str]) -> None:
    order = _reckon(cells)
    parts = [ln.vendor_part_number for ln in order.lines]
    bare = [c.split(":")[1] for c in cells]
    assert parts != bare or not released(order), f"released with our items {parts}"


# Safe (rules 3, 4): the layout the rules were made for; an 'Expected' column of quantities keeps the ordered one.
def test_safe_category_paths_and_an_expected_column() -> None:
    order = _reckon(("Gloves:CP-440120", "Hand Tools:CP-110046"), "Expected", ("12/16/2034", "12/16/2034"))
    assert [ln.vendor_part_number for ln in order.lines] == ["CP-440120", "CP-110046"]
    assert [ln.requested_date for ln in order.lines] == [date(2034, 12, 16)] * 2
    quantities = _reckon(("CP-440120", "CP-110046"), "Expected", ("10", "18"))
    assert [ln.quantity for ln in quantities.lines] == [Decimal(24), Decimal(18)]
    assert all(ln.requested_date is None for ln in quantities.lines)


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _smartup(site: str, address: str) -> Order:
    """Smartup's order from Granite State Builders: 'Warehouse: ``site``' over 'Delivery address: ``address``'."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 9)
    put(pdf, 760, [(150, "PURCHASE ORDER  No. GR-32901")])
    put(pdf, 740, [(200, "dated 02.11.2034")])
    put(pdf, 700, [(40, "Supplier:"), (110, "Ridgeline Fastener & Tool Supply, 4400 Industrial Parkway, Cleveland")])
    put(pdf, 687, [(40, "Buyer:"), (110, "Granite State Builders Inc., 48 Elm Street, Manchester, NH 03101")])
    put(pdf, 674, [(40, "Warehouse:"), (110, site)])
    put(pdf, 661, [(40, "Delivery address:"), (120, address)])
    put(pdf, 648, [(40, "Delivery date:"), (120, "13.11.2034")])
    put(pdf, 600, [(40, "No."), (70, "Product"), (250, "Code"), (310, "Unit"), (350, "Qty"), (400, "Price"),
                   (470, "Amount")])  # fmt: skip
    put(pdf, 586, [(45, "1"), (70, "Drywall screw 3.5 x 35"), (250, "FS-4004"), (310, "box"), (-370, "30"),
                   (-430, "18.40"), (-510, "552.00")])  # fmt: skip
    put(pdf, 560, [(420, "Total:"), (-510, "552.00")])
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender="buyer@granitestate.example", document_id="e" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


# Finding, _named_site (rule 5; regression): the warehouse over another street of its town is not that street.
def test_a_warehouse_over_a_job_site_in_its_town_does_not_ship_to_the_warehouse(session: Session) -> None:
    order = decide_captured(session, _smartup("Granite State Yard Concord", "12 Hall Street, Concord, NH 03301"))
    assert order.hold_reasons, (
        f"released to {[i.value for i in order.ship_to.identifiers] if order.ship_to else None} at 75 Airport Road,"
        " printed 12 Hall Street"
    )


# Safe (rule 5): the warehouse at its own street is its location; another town's warehouse holds in the core.
def test_safe_a_warehouse_over_its_own_street_and_another_towns(session: Session) -> None:
    # (mended: a warehouse named over a street printed alone is the likely place, not a sure one; the master data
    # knows no street to tell the yard's own from a job site's, so even the yard's own street holds, for a person)
    own = decide_captured(session, _smartup("Granite State Yard Concord", "75 Airport Road, Concord, NH 03301"))
    assert own.ship_to is not None and own.ship_to.name == "Granite State Yard Concord"
    assert [r.field for r in own.hold_reasons] == ["ship_to"]
    other = decide_captured(session, _smartup("Granite State Yard Nashua", "75 Airport Road, Concord, NH 03301"))
    assert other.hold_reasons


def _under_title(title: str, under: str, *more: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 16)
        put(pdf, 750, [(-572, title)])
        pdf.setFont("Helvetica", 9)
        put(pdf, 740, [(74, "Acme Hardware Co.")])
        put(pdf, 728, [(74, "200 Commerce Park Drive, Springfield, OH 45502")])
        put(pdf, 722, [(-572, under)])
        put(pdf, 700, [(40, "Order Date:"), (110, "12/05/2034")])
        for i, text in enumerate(more):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 660, [(40, "Ship To (unloading point)")])
        put(pdf, 648, [(40, "Acme Hardware Dayton")])
        put(pdf, 636, [(40, "1180 Wayne Avenue")])
        put(pdf, 624, [(40, "Dayton, OH 45402")])
        put(pdf, 590, [(40, "Item"), (110, "Description"), (-350, "Qty"), (380, "UOM"), (-480, "Unit Price"),
                       (-560, "Amount")])  # fmt: skip
        put(pdf, 576, [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-480, "9.25"),
                       (-560, "222.00")])  # fmt: skip
        put(pdf, 540, [(480, "Total"), (-560, "$222.00")])

    return parse(draw)


# Safe (rules 1, 6): 'Order:' under another document's title is unsure; a count or a date is no PO number; a
# 'PO Number:' wins over it; '(unloading point)' is the caption's.
def test_safe_order_under_the_title() -> None:
    for title in ("Invoice", "Order Acknowledgement"):
        assert not released(_under_title(title, "Order: 45-8657"))
    for value in ("12/05/2034", "3"):
        assert not _under_title("Purchase Order", f"Order: {value}").po_number
    assert _under_title("Purchase Order", "Order: SO-55812", "PO Number: 45-2201").po_number == "45-2201"
    order = _under_title("Purchase Order", "Order: 45-8657")
    assert order.po_number == "45-8657" and released(order)
    assert order.ship_to is not None and order.ship_to.name == "Acme Hardware Dayton"
