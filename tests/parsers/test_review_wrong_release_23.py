"""A twenty-third review's reproductions: prints a real ERP could produce, aimed at the rules added in
dfe44e9..e10d595 (a one-line ship-to whose name a spaced dash sets off from its street; 'Ship To (Jobsite / Yard)';
weight columns, 'Article code | Article name'; 'ORDER FORM' and a bare 'Number:' within the title's width; two
captions over values low in ruled cells; a place and date right under 'PURCHASE ORDER No. …'; a date among the
lines before the order's own date). Each finding's test asserts the safe outcome and fails on e10d595; all five
are regressions of these commits (dfe44e9 held every one of them); the sixth, older, fails on both. The tests
named ``test_safe_…`` pass: attacks the rules withstand.

- ``_one_line_address`` (labels.py, rule 1; regression): the spaced dash before a digit is taken for the end of
  the name whatever follows it. 'Ship To: Granite State Yard - 2, Concord, NH 03301' (the customer's second yard)
  or 'Walmart DC - 6094, Dayton, OH 45402' (a distribution centre's number) is released, sure, as ship-to
  'Granite State Yard' / 'Walmart DC' at the street '2' / '6094': the number that tells the site from its
  siblings is dropped from the name (the core matches ship-tos by name and postal code, so yard 2 becomes the
  yard named 'Granite State Yard'). dfe44e9 held both (ship-to 0.6).
- ``_KIND_OF_PLACE`` (labels.py, rule 2; regression): any bracketed words after the caption are the caption's, so
  'Ship To (Will Call)', 'Ship To (Customer Pickup)', 'Ship To (Hold for Pickup)' over the buyer's address is
  released as a delivery to that address, the instruction that the goods are collected dropped. dfe44e9 held it
  (the bracket read as the ship-to's name).
- ``_in_title_box`` 'within' and ``_ORDER_TITLES`` (header.py, rule 4; regression): 'ORDER FORM' over a centred
  'Number: WEB-118' (a web shop's order form) with the buyer's PO under a caption the extractor does not know
  ('Customer PO: 4500012345', 'Buyer PO:') is released as PO WEB-118, sure; so is 'PURCHASE ORDER' over a centred
  'Number: SO-5512'. dfe44e9 held both (a bare 'Number', 0.85).
- ``_right_under_title`` (header.py, rule 6; regression): any 'Words, date' line right under 'PURCHASE ORDER
  No. …' is taken for the letter's place and date: 'Your offer 1187, 05.01.2034' or 'Contract K-22,
  05.01.2034' is released as the PO date 5 January 2034, sure (the order is of 1 February). dfe44e9 held it
  (0.85).
- ``_before`` (extract.py, rule 7; regression): every date among the lines before the order's date is dropped,
  whatever the words around it say. 'Lieferung bis 05.02.2034', 'Rückstand, war fällig am 05.02.2034 - bitte
  sofort liefern' or '3 Stück bereits geliefert am 05.02.2034' under a line of an order dated 09.02.2034 whose
  header asks for 27.02.2034 is released with 27.02 for that line: the backorder's urgency or the part already
  delivered is lost. dfe44e9 held each (a date among the lines not read).
- older (extract.py, line dates; fails on dfe44e9 too): a line's labelled 'Liefertermin: 20.03.2033', a year
  before the order's own date (a mistyped year), is read as that line's delivery date and released. Rule 7's own
  premise (a day before the order's date is no delivery date) says it should be checked.

Withstood: 'Ship To (if different)' (held); a weight column on goods priced by weight (qty x price is not the
amount: held); 'Net Weight (kg)' beside 'Qty' (the quantity read, the weight no longer taken for the amount);
'Article' beside 'Article code' (two item columns: held); 'ORDER FORM' / 'Number:' beside a labelled 'PO Number'
(the labelled number read); 'Order No.  Date' with only the number in its cell (nothing read low in it); a date
among the lines before the order's date one way and after it the other ('01/03/2034': held).

Mended: a dash splits name from street only before a number and words; only words naming a kind of place
('warehouse', 'yard', 'magasin' …) in brackets belong to a ship-to's caption; 'ORDER FORM' is no order title again
and the centred 'Number:' rule is withdrawn (the customer's earlier orders confirm such a number's form); the
place before a date under the title has no digit and names no document or delivery; a date among the lines is
passed over only after a document's name and 'of' ('Muster vom …'); a line due before the order's own date holds."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import FIRST, HEADER, TOTAL, Row, parse, put, released  # noqa: E402
from test_review_wrong_release_22 import _a4  # noqa: E402

from schemas.order import Order  # noqa: E402

BILL = ["Acme Hardware Co.", "500 Main St", "Columbus, OH 43215"]
DAYTON = ["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]


def _acme(*head: Row, header: Row = HEADER, rows: tuple[Row, ...] = (FIRST,), total: str = "222.00") -> Order:
    """Acme's order, 'PURCHASE ORDER' / 'PO Number' / 'PO Date' at the right, ``head`` from y=700 down."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        for i, row in enumerate(head):
            put(pdf, 700 - 12 * i, row)
        put(pdf, 600, header)
        for i, row in enumerate(rows):
            put(pdf, 584 - 16 * i, row)
        put(pdf, 574 - 16 * len(rows), [*TOTAL[:1], (-560, total)])

    return parse(draw)


# Finding, _one_line_address (rule 1; regression): the number after the dash is a site's number, not its street.
@pytest.mark.parametrize(
    ("printed", "number"),
    [("Granite State Yard - 2, Concord, NH 03301", "2"), ("Walmart DC - 6094, Dayton, OH 45402", "6094")],
    ids=["yard-2", "dc-6094"],
)
def test_a_sites_number_after_a_dash_is_not_its_street(printed: str, number: str) -> None:
    order = _acme([(40, "Ship To:"), (100, printed)])
    assert order.ship_to is not None
    name = order.ship_to.name or ""
    assert number in name.split() or not released(order), (
        f"released as ship-to {name!r} at {order.ship_to.address_lines}"
    )


# Safe (_one_line_address): the layout the rule was made for is read.
def test_safe_a_one_line_ship_to_its_name_set_off_by_a_dash() -> None:
    order = _acme([(40, "Ship To:"), (100, "Acme Hardware Dayton - 1200 Wayne Ave, Dayton, OH 45402")])
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.address_lines, order.ship_to.postal_code) == (
        "Acme Hardware Dayton",
        ["1200 Wayne Ave"],
        "45402",
    )


def _ship_to_captioned(caption: str) -> Order:
    return _acme(
        [(40, "Bill To"), (230, caption)],
        *([(40, bill), (230, ship)] for bill, ship in zip(BILL, DAYTON, strict=True)),
    )


# Finding, _KIND_OF_PLACE (rule 2; regression): a pickup instruction in brackets is no kind of place.
@pytest.mark.parametrize("caption", ["Ship To (Will Call)", "Ship To (Customer Pickup)", "Ship To (Hold for Pickup)"])
def test_a_pickup_instruction_after_ship_to_is_not_dropped(caption: str) -> None:
    order = _ship_to_captioned(caption)
    assert not released(order), f"released as a delivery to {order.ship_to and order.ship_to.name!r}"


# Safe (_KIND_OF_PLACE): words of two letters ('if') are no kind of place: held.
def test_safe_ship_to_if_different() -> None:
    assert not released(_ship_to_captioned("Ship To (if different)"))


def _form(title: str, number: str, *more: Row) -> Order:
    """``title`` centred, 'Number:' and ``number`` centred under it, ``more`` at the right below."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co.")])
        put(pdf, 760, [(40, "500 Main St, Columbus, OH 43215")])
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 740, [(250, title)])
        pdf.setFont("Helvetica", 9)
        put(pdf, 724, [(262, "Number:"), (302, number)])
        put(pdf, 712, [(400, "Date: 03/14/2026")])
        for i, row in enumerate(more):
            put(pdf, 700 - 12 * i, row)
        put(pdf, 660, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 648 - 12 * i, [(40, text)])
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 560, [*TOTAL[:1], (-560, "222.00")])

    return parse(draw)


# Finding, _in_title_box 'within' / 'order form' (rule 4; regression): the number centred under the title is sure
# though the page prints the buyer's PO under another caption.
@pytest.mark.parametrize(
    ("title", "number", "caption"),
    [("ORDER FORM", "WEB-118", "Customer PO:"), ("ORDER FORM", "WEB-118", "Buyer PO:"),
     ("PURCHASE ORDER", "SO-5512", "Customer PO:")],
    ids=["order-form-customer-po", "order-form-buyer-po", "purchase-order-customer-po"],
)  # fmt: skip
def test_a_number_centred_under_the_title_beside_another_po_is_not_sure(title: str, number: str, caption: str) -> None:
    order = _form(title, number, [(400, caption), (480, "4500012345")])
    assert order.po_number == "4500012345" or not released(order), f"released as PO {order.po_number!r}"


# Safe (_in_title_box): a labelled 'PO Number' elsewhere is read over the title's bare 'Number'.
def test_safe_a_labelled_po_number_beside_the_order_forms_number() -> None:
    order = _form("ORDER FORM", "WEB-118", [(400, "PO Number:"), (480, "4500012345")])
    assert order.po_number == "4500012345" or not released(order)


def _jumis(under: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "DELTA MARINE OUTFITTERS, INC.")])
        pdf.setFont("Helvetica-Bold", 13)
        put(pdf, 700, [(186, "PURCHASE ORDER  No. DM/26/6701")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 682, [(240, under)])
        put(pdf, 640, [(40, "Delivery term: 10.02.2034")])
        put(pdf, 628, [(40, "Place of delivery: Delta Marine Tampa, 801 Channelside Drive, Tampa, FL 33602")])
        put(pdf, 600, [(40, "No."), (70, "Code"), (160, "Name"), (330, "Unit"), (370, "Quantity"), (430, "Price, USD"),
                       (500, "Sum, USD")])  # fmt: skip
        put(pdf, 586, [(46, "1"), (70, "SF-8101"), (160, "Safety glasses"), (330, "each"), (-405, "12,00"),
                       (-470, "4,95"), (-540, "59,40")])  # fmt: skip
        put(pdf, 560, [(430, "Total:"), (-540, "59,40")])

    return parse(draw)


# Finding, _right_under_title (rule 6; regression): an offer's or a contract's number and date under the title
# are no place and date of the letter.
@pytest.mark.parametrize("under", ["Your offer 1187, 05.01.2034", "Contract K-22, 05.01.2034"])
def test_a_reference_and_its_date_under_the_title_is_not_the_orders_date(under: str) -> None:
    order = _jumis(under)
    assert order.po_date != date(2034, 1, 5) or not released(order), f"released with PO date {order.po_date}"


# Safe (_right_under_title): the layout the rule was made for is read.
def test_safe_a_place_and_date_under_the_title() -> None:
    order = _jumis("Tampa, 01.02.2034")
    assert order.po_date == date(2034, 2, 1)


def _mosaik(note: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestell-Nr.: 4500019853")])
        put(pdf, 768, [(300, "Datum: 09.02.2034")])
        put(pdf, 740, [(40, "Lieferanschrift:"), (300, "Liefertermin: 27.02.2034")])
        for i, text in enumerate(["Hansa Lager Bremen", "Lagerstraße 5", "28195 Bremen"]):
            put(pdf, 728 - 12 * i, [(40, text)])
        put(pdf, 680, [(40, "Pos."), (70, "Menge"), (110, "Einh."), (150, "Artikel-Nr."), (220, "Bezeichnung"),
                       (450, "EP EUR"), (510, "GP EUR")])  # fmt: skip
        put(pdf, 666, [(40, "1"), (-95, "6"), (110, "Stück"), (150, "HT-9005"), (220, "Schraubendreher-Satz 6-tlg."),
                       (-480, "14,10"), (-545, "84,60")])  # fmt: skip
        put(pdf, 654, [(220, note)])
        put(pdf, 640, [(40, "2"), (-95, "4"), (110, "Stück"), (150, "HT-9006"), (220, "Zangen-Satz 3-tlg."),
                       (-480, "21,00"), (-545, "84,00")])  # fmt: skip
        put(pdf, 610, [(420, "Nettobetrag"), (-545, "168,60")])

    return _a4(draw)


# Finding, _before (rule 7; regression): a past date the words say is a delivery's still holds the order.
@pytest.mark.parametrize(
    "note",
    [
        "Lieferung bis 05.02.2034",
        "Rückstand, war fällig am 05.02.2034 - bitte sofort liefern",
        "3 Stück bereits geliefert am 05.02.2034",
    ],
    ids=["deliver-by", "backorder", "part-delivered"],
)
def test_a_delivery_date_among_the_lines_before_the_orders_date_holds(note: str) -> None:
    order = _mosaik(note)
    assert not released(order), f"released, line 1 due {order.lines[0].requested_date}, header {order.dates}"


# Finding, older (line dates; fails on dfe44e9 too): a line's delivery date a year before the order's date (a
# mistyped year) is released as that line's delivery date.
def test_a_lines_delivery_date_before_the_orders_date_is_not_released() -> None:
    order = _mosaik("Liefertermin: 20.03.2033")
    assert order.lines[0].requested_date != date(2033, 3, 20) or not released(order), "released due 20.03.2033"


# Safe (_before): a date before the order's date one way and after it the other still holds.
def test_safe_a_date_among_the_lines_before_the_order_one_way_only() -> None:
    assert not released(_mosaik("Sortiment wie Muster vom 01/03/2034"))


# Safe (weight columns): goods priced by weight (quantity x price is not the amount) hold; a net weight beside the
# quantity is no longer the amount.
def test_safe_weight_columns() -> None:
    by_weight = _acme(
        header=[(40, "Item"), (100, "Description"), (-300, "Qty"), (-350, "Weight"), (380, "UOM"),
                (-480, "Unit Price"), (-560, "Amount")],
        rows=([(40, "ST-100"), (100, "Flat bar 50x10"), (-300, "10"), (-350, "392.5"), (380, "KG"), (-480, "1.20"),
               (-560, "471.00")],),
        total="471.00",
    )  # fmt: skip
    assert not released(by_weight)
    net = _acme(
        header=[(40, "Item"), (100, "Description"), (-350, "Net Weight (kg)"), (-420, "Qty"), (-480, "Unit Price"),
                (-560, "Amount")],
        rows=([(40, "ST-100"), (100, "Flat bar"), (-350, "25"), (-420, "10"), (-480, "4.71"), (-560, "47.10")],),
        total="47.10",
    )  # fmt: skip
    assert [(ln.quantity, ln.amount) for ln in net.lines] == [(Decimal("10"), Decimal("47.10"))]


# Safe ('article code'): 'Article' beside 'Article code', two item columns, holds.
def test_safe_article_beside_article_code() -> None:
    order = _acme(
        header=[(40, "Article"), (100, "Article code"), (170, "Article name"), (-380, "Qty"), (-480, "Unit price"),
                (-560, "Value")],
        rows=([(40, "310-0815"), (100, "AB-1001"), (170, "Anchor bolt M12"), (-380, "24"), (-480, "9.25"),
               (-560, "222.00")],),
    )  # fmt: skip
    assert not released(order)


# Safe (value_below, rule 5): 'Order No.  Date' with only the number in its cell reads nothing low in it.
def test_safe_two_captions_one_cell_filled() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 20)
        put(pdf, 740, [(421, "Purchase Order")])
        pdf.setFont("Helvetica", 7.5)
        put(pdf, 710, [(413, "Order No."), (517, "Date")])
        pdf.rect(382, 662, 190, 54)
        pdf.line(382, 689, 572, 689)
        pdf.setFont("Helvetica", 10)
        put(pdf, 678, [(411, "45-8300")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 650, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 638 - 12 * i, [(40, text)])
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 560, [*TOTAL[:1], (-560, "222.00")])

    order = parse(draw)
    assert not order.po_number or not released(order)
