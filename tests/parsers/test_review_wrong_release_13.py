"""A thirteenth review's reproductions: prints a real ERP could produce, aimed at the rules added in
1a9ccb2..7a7ebff (a caption on two lines, a code close after the line number, a total under running
instructions, year-first dates, the Ecount / MIE Trak captions, a net price read as the line's amount). No
regression of these rules released a wrong order; the one finding is older behaviour that rule 5's 'P/O No.'
now reaches as well. Its test asserts the safe outcome and fails on 7a7ebff (and on 1a9ccb2); the tests named
``test_safe_…`` pass: attacks the rules withstand (three of them fail on 1a9ccb2, which released the stacked
'SHIP'/'BILL' print without a ship-to and the year-first window without its date, and could not read SouthWare's rows).

- ``'p/o no.'`` (labels.py, rule 5; older): a blanket order's release ('Release No.: 7' over 'Blanket P/O No.:
  45-1000') is released as PO 45-1000 with its release number dropped (the PDF extractor reads no release number),
  so the ERP books the release as the blanket order itself. 'Blanket PO No.' did the same on 1a9ccb2; 'Blanket
  P/O No.' was released there with an empty PO number. Mended: the PDF reads 'Release No.' into the order's
  release number, and a release is a duplicate only of the same release of the same PO (X12's BEG04 alike)."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

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
DAYTON = ["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]


def ship_to(pdf: canvas.Canvas) -> None:
    put(pdf, 700, [(40, "Ship To:")])
    for i, text in enumerate(DAYTON):
        put(pdf, 688 - 12 * i, [(40, text)])


def acme(
    head: Draw,
    numbers: tuple[str, ...] = ("PO Number: 45-2201", "PO Date: 03/14/2026"),
    header: Row = HEADER,
    rows: tuple[Row, ...] = (FIRST, SECOND),
    total: Row = TOTAL,
) -> Draw:
    """Acme's order to Dayton: ``numbers`` under the title at the right, ``head`` the rest of the header (the
    ship-to), then the table and its total."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        for i, text in enumerate(numbers):
            put(pdf, 756 - 12 * i, [(380, text)])
        head(pdf)
        put(pdf, 600, header)
        y = 584.0
        for row in rows:
            put(pdf, y, row)
            y -= 16
        put(pdf, y - 6, total)

    return draw


# Finding, rule 5 ('p/o no.'), older: a release against a blanket order names the blanket's number and its own
# release number. The release number is read nowhere, so the release goes to the ERP as PO 45-1000, the blanket
# order itself (on 1a9ccb2 'Blanket PO No.' did the same, and 'Blanket P/O No.' gave an empty PO number).
def test_a_blanket_release_is_not_released_as_the_blanket_order() -> None:
    numbers = ("Release No.: 7", "Blanket P/O No.: 45-1000", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers))
    assert not released(order) or order.release_number == "7", f"released as PO {order.po_number!r}, no release"


# Rule 1 (_stacked): 'SHIP' and 'BILL' side by side over their 'TO:'s, the addresses beside the 'TO:'s: the word
# beside 'SHIP' is 'BILL', not an address; the ship-to is unsure and holds, it is not read as 'BILL' or the bill-to.
def test_safe_ship_and_bill_stacked_side_by_side_hold() -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 700, [(40, "SHIP"), (300, "BILL")])
        put(pdf, 689, [(40, "TO:"), (80, DAYTON[0]), (300, "TO:"), (340, "Acme Hardware Co.")])
        put(pdf, 678, [(80, DAYTON[1]), (340, "500 Main St")])
        put(pdf, 667, [(80, DAYTON[2]), (340, "Columbus, OH 43215")])

    assert not released(parse(acme(head)))


# Rule 1: 'Ship' over 'Date:' beside a note ('Ship  Complete only' over 'Date:  04/30/2026'): 'Ship Date' takes the
# note, which is no date, and the date under it is left unexplained: held, not released without the date.
def test_safe_ship_over_date_beside_a_note_holds() -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 712, [(40, "Ship To:"), (100, ", ".join(DAYTON))])
        put(pdf, 700, [(40, "Ship"), (100, "Complete only")])
        put(pdf, 689, [(40, "Date:"), (100, "04/30/2026")])

    assert not released(parse(acme(head)))


# Rule 2 (coded): a change flag between the line number and the item code ('001  C  FS-4001', SouthWare-like) goes
# to the item column with the code; the item 'C FS-4001' is unsure and holds.
def southware(flag: str) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 770, [(40, "BOLTLINE INDUSTRIAL SUPPLY LLC")])
        put(pdf, 756, [(380, "PO Number: BL-26-9904")])
        put(pdf, 744, [(380, "PO Date: 02/19/2030")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Boltline Branch Austin", "1100 East 5th Street", "Austin, TX 78701"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 620, [(47, "LN"), (78, "ITEM NUMBER"), (224, "DESCRIPTION"), (365, "QUANTITY"), (421, "UM"),
                       (452, "UNIT PRICE"), (522, "AMOUNT")])  # fmt: skip
        first = [(44, "001"), (62, flag), (72, "FS-4001")] if flag else [(44, "001"), (66, "FS-4001")]
        put(pdf, 604, [*first, (144, "HEX HEAD SCREW M6 X 30"), (-398, "20.00"), (421, "BX"), (-488, "23.50"),
                       (-550, "470.00")])  # fmt: skip
        put(pdf, 584, [(44, "002"), (66, "FS-4004"), (144, "DRYWALL SCREW 3.5 X 35"), (-398, "12.00"), (421, "BX"),
                       (-488, "19.50"), (-550, "234.00")])  # fmt: skip
        put(pdf, 540, [(400, "ORDER TOTAL"), (-550, "704.00")])

    return draw


def test_safe_a_change_flag_after_the_line_number_holds() -> None:
    assert released(parse(southware("")))  # the same print without the flag is read and released
    for flag in ("*", "C", "A"):
        order = parse(southware(flag))
        assert not released(order) or order.lines[0].vendor_part_number == "FS-4001", flag


# Rule 3 (_numbers_under): a lone figure under instructions that run under 'ORDER TOTAL' is a total only when the
# lines add up to it: one they do not ('750.00' for lines of 704.00) holds.
def test_safe_a_figure_under_instructions_that_the_lines_do_not_make_holds() -> None:
    def boxed(pdf: canvas.Canvas) -> None:
        put(pdf, 770, [(40, "BOLTLINE INDUSTRIAL SUPPLY LLC")])
        put(pdf, 756, [(380, "PO Number: BL-26-9904")])
        put(pdf, 744, [(380, "PO Date: 02/19/2030")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Boltline Branch Austin", "1100 East 5th Street", "Austin, TX 78701"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 620, [(47, "LN"), (78, "ITEM NUMBER"), (224, "DESCRIPTION"), (365, "QUANTITY"), (421, "UM"),
                       (452, "UNIT PRICE"), (522, "AMOUNT")])  # fmt: skip
        put(pdf, 604, [(44, "001"), (66, "FS-4001"), (144, "HEX HEAD SCREW M6 X 30"), (-398, "20.00"), (421, "BX"),
                       (-488, "23.50"), (-550, "470.00")])  # fmt: skip
        put(pdf, 584, [(44, "002"), (66, "FS-4004"), (144, "DRYWALL SCREW 3.5 X 35"), (-398, "12.00"), (421, "BX"),
                       (-488, "19.50"), (-550, "234.00")])  # fmt: skip
        put(pdf, 500, [(40, "SPECIAL INSTRUCTIONS:"), (400, "ORDER TOTAL")])
        put(pdf, 489, [(40, "OUR P.O. NUMBER MUST APPEAR ON ALL INVOICES, PACKING LISTS, BILLS OF LADING AND")])
        put(pdf, 478, [(40, "CARTONS. NOTIFY BUYER OF ANY PRICE OR DATE CHANGE BEFORE SHIPPING. NO")])
        put(pdf, 467, [(-540, "750.00")])

    order = parse(boxed)
    assert not released(order)


# Rule 4 (_YEAR_FIRST): a year-first delivery window is two dates and holds, as a slashed one does (on 1a9ccb2 it
# was no date at all, and the order was released without its delivery date); a year-first date in brackets after
# a slashed one is a second date, not read in its place unnoticed.
def test_safe_a_year_first_window_holds() -> None:
    for text in (
        "Due Date: 2026/05/15~2026/05/20",
        "Due Date: 2026/05/15 - 2026/05/20",
        "Due Date: 05/15/2026 (2026/05/20)",
    ):

        def head(pdf: canvas.Canvas, text: str = text) -> None:
            ship_to(pdf)
            put(pdf, 730, [(380, text)])

        assert not released(parse(acme(head))), text


# Rule 5: 'Promise Date' beside 'Due Date', as columns or as labels: two delivery dates, held.
def test_safe_a_promise_date_beside_a_due_date_holds() -> None:
    header: Row = [(40, "Item"), (100, "Description"), (-260, "Qty"), (270, "Due Date"), (330, "Promise Date"),
                   (-480, "Unit Price"), (-560, "Amount")]  # fmt: skip
    rows = tuple(
        [(40, code), (100, name), (-260, qty), (270, "04/30/2026"), (330, "05/15/2026"), (-480, price), (-560, net)]
        for code, name, qty, price, net in (
            ("AB-1001", "Anchor M12", "24", "9.25", "222.00"),
            ("AB-1002", "Anchor M10", "10", "6.40", "64.00"),
        )
    )
    assert not released(parse(acme(ship_to, header=header, rows=rows)))

    def head(pdf: canvas.Canvas) -> None:
        ship_to(pdf)
        put(pdf, 730, [(380, "Need By: 04/30/2026")])
        put(pdf, 718, [(380, "Promise Date: 05/15/2026")])

    assert not released(parse(acme(head)))


# Rule 6 (_amount_as_price): a net unit price that happens to be the quantity times the discount ('3  40.00  10.00
# 30.00': list, discount per unit, net) is read as the line's amount, the discount as the price; the printed total
# (3 x 30.00 = 90.00) is then not made by the lines, and the order holds.
def test_safe_a_discount_that_makes_the_net_price_holds() -> None:
    header: Row = [(40, "Item"), (100, "Description"), (-300, "Qty"), (-370, "List Price"), (-440, "Discount"),
                   (-520, "Net Price")]  # fmt: skip
    row: Row = [(40, "AB-1001"), (100, "Anchor bolt M12"), (-300, "3"), (-370, "40.00"), (-440, "10.00"),
                (-520, "30.00")]  # fmt: skip
    order = parse(acme(ship_to, header=header, rows=(row,), total=[(400, "Total"), (-520, "90.00")]))
    assert not released(order) or [(ln.quantity, ln.unit_price) for ln in order.lines] == [
        (Decimal("3"), Decimal("30.00"))
    ]


# The mend: the release number is read beside its caption and kept with the order (so the ERP books release 7 of
# the blanket order, and release 8 is no duplicate of it: tests/core/test_capture.py).
def test_a_release_number_is_read_with_the_po_number() -> None:
    numbers = ("Release No.: 7", "Blanket P/O No.: 45-1000", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers))
    assert (order.po_number, order.release_number) == ("45-1000", "7")
    plain = parse(acme(ship_to))
    assert (plain.po_number, plain.release_number) == ("45-2201", None)
