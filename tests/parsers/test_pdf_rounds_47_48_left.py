"""The two round-47/48 layouts left unread at the last stop, each taught on a small generated layout (not the
round's own PDFs): Infor FACTS's 'SHIP' over 'TO:' beside its address (D9), and SouthWare's total under a paragraph
of instructions and its line number printed close to an item code left of the code's caption (I9)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import render


def facts(pdf: canvas.Canvas) -> None:
    """'SHIP' over 'TO:' at the left, the address beside them starting on the first line."""
    pdf.drawString(40, 770, "BOLTLINE INDUSTRIAL SUPPLY LLC")
    pdf.drawString(300, 740, "PURCHASE ORDER NO.")
    pdf.drawString(300, 728, "BL-26-9902")
    pdf.drawString(420, 740, "DATE")
    pdf.drawString(420, 728, "01/08/30")
    pdf.drawString(46, 690, "SHIP")
    pdf.drawString(46, 679, "TO:")
    for n, text in enumerate(["Boltline Branch Austin", "1100 EAST 5TH STREET", "AUSTIN, TX 78701"]):
        pdf.drawString(92, 690 - 12 * n, text)
    pdf.drawString(300, 690, "VENDOR: V# 004417")
    pdf.drawString(300, 678, "RIDGELINE FASTENER & TOOL SUPPLY")
    for x, text in [(40, "QTY"), (80, "UM"), (110, "ITEM NUMBER"), (200, "DESCRIPTION"), (400, "UNIT COST"),
                    (490, "EXTENDED")]:  # fmt: skip
        pdf.drawString(x, 620, text)
    for x, text in [(-60, "20"), (80, "BX"), (110, "FS-4002"), (200, "HEX HD CAP SCR M8X40"), (-440, "26.0000"),
                    (-540, "520.00")]:  # fmt: skip
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 604, text)
    pdf.drawString(380, 570, "TOTAL P.O. AMOUNT")
    pdf.drawRightString(540, 570, "520.00")


def test_a_caption_on_two_lines_its_colon_on_the_second_labels_the_address_beside_it() -> None:
    order = render(facts)
    assert order.ship_to is not None
    assert order.ship_to.name == "Boltline Branch Austin"
    assert order.ship_to.postal_code == "78701"


_INSTRUCTIONS = [
    "OUR P.O. NUMBER MUST APPEAR ON ALL INVOICES, PACKING LISTS, BILLS OF LADING AND",
    "CARTONS. NOTIFY BUYER OF ANY PRICE OR DATE CHANGE BEFORE SHIPPING. NO",
]


def southware(pdf: canvas.Canvas, instructions: list[str] = _INSTRUCTIONS) -> None:
    """The line number close before an item code printed left of its caption, the description centred under
    its caption; the total in a box whose caption a paragraph of instructions runs under."""
    pdf.drawString(40, 770, "BOLTLINE INDUSTRIAL SUPPLY LLC")
    pdf.drawString(330, 740, "ORDER NO.  ORDER DATE")
    pdf.drawString(330, 728, "BL-26-9904  02/19/30")
    for x, text in [(47, "LN"), (78, "ITEM NUMBER"), (224, "DESCRIPTION"), (365, "QUANTITY"), (421, "UM"),
                    (452, "UNIT PRICE"), (522, "AMOUNT")]:  # fmt: skip
        pdf.drawString(x, 620, text)
    rows = [("001", "FS-4001", "HEX HEAD SCREW M6 X 30 A2 (BOX OF 200)", "20.00", "BX", "23.50", "470.00"),
            ("002", "FS-4004", "DRYWALL SCREW 3.5 X 35 (BOX OF 1000)", "12.00", "BX", "19.50", "234.00")]  # fmt: skip
    for n, (ln, code, text, qty, uom, price, amount) in enumerate(rows):
        y = 604 - 20 * n
        pdf.drawString(44, y, ln)
        pdf.drawString(66, y, code)
        pdf.drawString(144, y, text)
        pdf.drawRightString(398, y, qty)
        pdf.drawString(421, y, uom)
        pdf.drawRightString(488, y, price)
        pdf.drawRightString(550, y, amount)
    pdf.drawString(40, 500, "SPECIAL INSTRUCTIONS:")
    pdf.drawString(400, 500, "ORDER TOTAL")
    for n, text in enumerate(instructions):
        pdf.drawString(40, 489 - 11 * n, text)
    pdf.drawRightString(540, 467, "704.00")
    pdf.drawString(40, 456, "SUBSTITUTIONS WITHOUT WRITTEN APPROVAL.")


def test_a_code_close_after_the_line_number_is_the_items_and_a_total_under_running_instructions() -> None:
    order = render(southware)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [
        ("FS-4001", Decimal("20.00")),
        ("FS-4004", Decimal("12.00")),
    ]
    assert order.stated_total == Decimal("704.00")


def test_a_figure_under_a_totals_caption_after_a_line_with_digits_is_not_taken() -> None:
    """Passing over the instructions stops at a line with a figure that is not the total's alone: an
    instruction quoting a sum ('… GREATER THAN USD 500.00 NEEDS APPROVAL') is not the total, nor is what follows."""

    lines = [
        "OUR P.O. NUMBER MUST APPEAR ON ALL INVOICES, PACKING LISTS, BILLS OF LADING AND",
        "CARTONS. ANY ORDER WITH A VALUE GREATER THAN THE BUYER'S LIMIT OF USD 500.00 NEEDS",
    ]
    order = render(lambda pdf: southware(pdf, lines))
    assert order.stated_total is None
