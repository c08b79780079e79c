"""A twelfth review's reproductions: prints a real ERP could produce on which the rules added in 1fbc214..4593657
release a wrong order. Each finding's test asserts the safe outcome (held, or read right) and fails on 4593657
(on 1fbc214 the same prints were held); the tests named ``test_safe_…`` pass: attacks the rules withstand.

- ``stray_dates`` (header.py, rule 2): on a page's first or last line that also says 'Page N of M', any segment
  that is only a date is taken for the print date. A delivery date whose caption stands apart from it on that
  line ('Do not deliver before      05/01/2029      Page 1 of 1') is silently dropped and the order released
  without it; the same line anywhere else holds the order (a date without a label we know).
- ``value_below`` (labels.py, rule 6): a caption of a row of three or more now reaches 3 line-heights down. When
  'Delivery Date' is left blank in its box, a bare date printed two lines under it (the next band's date) is
  released as the requested delivery date; with 2.5 line-heights it was an unexplained date and held."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from parsers.pdf import PdfParser
from schemas.order import Order, Source, SourceKind

Draw = Callable[[canvas.Canvas], None]
Row = list[tuple[float, str]]


def parse(draw: Draw, sender: str = "buyer@acme.example") -> Order:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 9)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender=sender, document_id="f" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


def put(pdf: canvas.Canvas, y: float, row: Row) -> None:
    for x, text in row:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)


def released(order: Order) -> bool:
    """The PDF stage's release: no hold and every field sure ('buyer' is the sender's, resolved by the core)."""
    return not order.hold_reasons and all(v >= CONFIDENT for k, v in order.confidence.items() if k != "buyer")


HEADER: Row = [(40, "Item"), (110, "Description"), (-350, "Qty"), (380, "UOM"), (-480, "Unit Price"), (-560, "Amount")]
FIRST: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-480, "9.25"), (-560, "222.00")]
SECOND: Row = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-480, "6.40"), (-560, "64.00")]
TOTAL: Row = [(400, "Total"), (-560, "286.00")]


def labelled(pdf: canvas.Canvas) -> None:
    put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
    put(pdf, 756, [(380, "PO Number: 45-2201")])
    put(pdf, 744, [(380, "PO Date: 03/14/2026")])


def acme(
    head: Draw,
    header: Row = HEADER,
    rows: tuple[Row, ...] = (FIRST, SECOND),
    after: tuple[Row, ...] = (TOTAL,),
    under: tuple[Row, ...] = (),
) -> Draw:
    """Acme's order to Dayton: ``head`` draws the header, then the ship-to, the table (``under[i]`` printed on a
    line of its own under row i) and ``after`` under its rows."""

    def draw(pdf: canvas.Canvas) -> None:
        head(pdf)
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 600, header)
        y = 584.0
        for i, row in enumerate(rows):
            put(pdf, y, row)
            y -= 16
            if i < len(under):
                put(pdf, y + 4, under[i])
                y -= 12
        for row in after:
            put(pdf, y - 6, row)
            y -= 14

    return draw


# Finding 1, rule 2: stray_dates' 'Page N of M' edge line (header.py). A buyer's form prints its delivery window in
# the band atop the page beside the page count ('Do not deliver before      05/01/2029      Page 1 of 1'), or in
# its footer. The caption is one the parser does not know, so the date was unexplained and held the order; now
# the date's segment alone is taken for a print date and the order is released without its delivery date.
DELIVERY_WINDOW: Row = [(40, "Do not deliver before"), (200, "05/01/2029"), (480, "Page 1 of 1")]


def test_a_date_captioned_apart_on_the_page_count_line_is_not_a_print_date() -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 784, DELIVERY_WINDOW)
        labelled(pdf)

    order = parse(acme(head))
    assert not released(order), "released without the delivery date printed atop the page beside 'Page 1 of 1'"


def test_a_date_captioned_apart_on_the_page_count_footer_is_not_a_print_date() -> None:
    order = parse(acme(labelled, after=(TOTAL, DELIVERY_WINDOW)))
    assert not released(order), "released without the delivery date printed in the footer beside 'Page 1 of 1'"


def test_safe_the_same_date_elsewhere_holds() -> None:
    def head(pdf: canvas.Canvas) -> None:
        labelled(pdf)
        put(pdf, 720, DELIVERY_WINDOW[:2])

    assert not released(parse(acme(head)))


# Finding 2, rule 6: value_below's reach of 3 line-heights for a row of >= 3 captions (labels.py). The buyer left
# 'Delivery Date' blank in the caption row; two lines under it (24 pt, the next band) the form prints a bare date
# in that column (a revision or confirmation date set without a caption of its own). On 1fbc214 the date was
# unexplained and held; now it is released, sure, as the requested delivery date the buyer never asked for.
def caption_row(pdf: canvas.Canvas, band: Row) -> None:
    put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
    put(pdf, 752, [(40, "PO Number"), (150, "PO Date"), (260, "Delivery Date"), (380, "Buyer")])
    put(pdf, 740, [(40, "45-2201"), (150, "03/14/2026"), (380, "J. Smith")])
    put(pdf, 716, band)


def test_an_empty_delivery_box_does_not_reach_a_bare_date_two_lines_under_it() -> None:
    order = parse(acme(lambda pdf: caption_row(pdf, [(260, "03/28/2026")])))
    requested = [d.value for d in order.dates if d.qualifier == "002"]
    assert not released(order) or date(2026, 3, 28) not in requested, f"released delivery date {requested}"


def test_safe_an_empty_delivery_box_does_not_reach_through_the_next_caption_row() -> None:
    """Two stacked caption rows: 'Cancel Date' under the blank 'Delivery Date' keeps its own value."""

    def head(pdf: canvas.Canvas) -> None:
        caption_row(pdf, [(40, "UPS Ground"), (150, "Net 30"), (260, "04/30/2026"), (380, "Origin")])
        put(pdf, 728, [(40, "Ship Via"), (150, "Terms"), (260, "Cancel Date"), (380, "FOB")])

    order = parse(acme(head))
    assert date(2026, 4, 30) not in [d.value for d in order.dates if d.qualifier == "002"]


# Rule 1: _dated_under. A blanket order's validity period under its number ('from 04/01/2026 to 06/30/2026') is
# read as the order date, but its second date stays unexplained and holds the order.
def test_safe_a_blanket_period_under_the_po_number_holds() -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "from 04/01/2026 to 06/30/2026")])

    assert not released(parse(acme(head)))


# Rule 4: 'Rab.%' is a discount column; a gross price with a discount is not released as if it were net.
@pytest.mark.parametrize("amount", [True, False])
def test_safe_a_rab_discount_is_not_released(amount: bool) -> None:
    header: Row = [
        (40, "Artikel"),
        (100, "Bezeichnung"),
        (-300, "Menge"),
        (310, "ME"),
        (-400, "Preis"),
        (-450, "Rab.%"),
    ]
    rows: tuple[Row, ...] = (
        [(40, "AB-1001"), (100, "Anker M12"), (-300, "24"), (310, "ST"), (-400, "10,00"), (-450, "10")],
        [(40, "AB-1002"), (100, "Anker M10"), (-300, "10"), (310, "ST"), (-400, "7,00"), (-450, "10")],
    )
    if amount:
        header = [*header, (-560, "Betrag")]
        rows = tuple([*row, (-560, net)] for row, net in zip(rows, ("216,00", "63,00"), strict=True))
    order = parse(acme(labelled, header, rows, after=([(400, "Gesamt"), (-560, "279,00")],)))
    assert not released(order) or [ln.unit_price for ln in order.lines] == [Decimal("9.00"), Decimal("6.30")]


# Rule 3: 'SKU 400123' (no colon) under a row that has its item keeps the item; the SKU stays in the description.
def test_safe_a_sku_line_under_an_item_row_keeps_the_item() -> None:
    order = parse(acme(labelled, under=([(110, "SKU 400123")], [(110, "SKU 400124")])))
    assert [ln.vendor_part_number for ln in order.lines] == ["AB-1001", "AB-1002"]
