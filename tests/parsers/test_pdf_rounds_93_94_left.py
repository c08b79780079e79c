"""What the three layouts of rounds 93–94 left unread last time taught the generic extractor, on small generated
layouts (not the rounds' own PDFs): Starsoft's ship-to on one line, its name set off from the street by a dash;
Avontus Quantify's 'Ship To (Jobsite / Yard)' and its weight columns; Wings' second print, 'Article code  Article
name'. (Its 'Number:' centred under an 'ORDER FORM' title is not read as sure by itself: review 23 showed a web
shop's form number in that place; the customer's earlier orders confirm the number's form, orderhub.capture.)"""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_a_ship_to_on_one_line_its_name_set_off_by_a_dash() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(400, "PURCHASE ORDER")])
        put(pdf, 726, [(400, "No. DM/26/6651")])
        put(pdf, 700, [(40, "Issue date :"), (120, "01-Dec-2033")])
        put(
            pdf,
            680,
            [(40, "Place of delivery :"), (130, "Delta Marine Tampa - 801 Channelside Drive, Tampa, FL 33602")],
        )
        put(
            pdf, 640, [(40, "Item Code"), (110, "Description"), (330, "Quantity"), (400, "Unit Price"), (500, "Amount")]
        )
        put(
            pdf,
            626,
            [(40, "SF-8101"), (110, "Safety glasses clear"), (-370, "24.00"), (-440, "4.95"), (-530, "118.80")],
        )
        put(pdf, 600, [(400, "TOTAL US$"), (-530, "118.80")])

    order = render(draw, letter)
    assert order.ship_to is not None
    ship_to = order.ship_to
    assert (ship_to.name, ship_to.address_lines, ship_to.city, ship_to.state, ship_to.postal_code) == (
        "Delta Marine Tampa",
        ["801 Channelside Drive"],
        "Tampa",
        "FL",
        "33602",
    )


def _quantify(pdf: canvas.Canvas) -> None:
    put(pdf, 740, [(40, "Granite State Builders Inc."), (380, "PO Number: GR-32551")])
    put(pdf, 726, [(380, "Order Date: 12/1/2033")])
    put(pdf, 690, [(40, "Vendor"), (230, "Ship To (Jobsite / Yard)")])
    put(pdf, 678, [(40, "Ridgeline Fastener & Tool Supply"), (230, "Granite State Yard Concord")])
    put(pdf, 666, [(40, "4400 Industrial Parkway"), (230, "75 Airport Road")])
    put(pdf, 654, [(40, "Cleveland, OH 44135"), (230, "Concord, NH 03301")])
    put(pdf, 620, [(40, "Part Number"), (120, "Description"), (327, "Quantity"), (384, "Unit Price"),
                   (451, "Extended"), (497, "Unit Wt."), (535, "Total Wt.")])  # fmt: skip
    put(pdf, 606, [(40, "AB-1004"), (120, "Wedge anchor 3/8 x 3 in"), (-359, "10"), (-421, "36.90"),
                   (-487, "369.00"), (-527, "4.50"), (-569, "45.0")])  # fmt: skip
    put(pdf, 590, [(40, "HT-9004"), (120, "Spirit level 600 mm"), (-359, "4"), (-421, "22.40"),
                   (-487, "89.60"), (-527, "2.75"), (-569, "11.0")])  # fmt: skip
    put(pdf, 560, [(420, "Total"), (-487, "$458.60")])


def test_the_kind_of_place_in_brackets_after_ship_to_and_weight_columns() -> None:
    order = render(_quantify, letter)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Granite State Yard Concord", "03301")
    lines = [(ln.vendor_part_number, str(ln.quantity), str(ln.unit_price), str(ln.amount)) for ln in order.lines]
    assert lines == [("AB-1004", "10", "36.90", "369.00"), ("HT-9004", "4", "22.40", "89.60")]
    assert all(ln.uom is None for ln in order.lines)  # 'Unit Wt.' is a weight, not the unit


def test_article_code_and_article_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 750, [(40, "GRANITE STATE BUILDERS INC.")])
        put(pdf, 700, [(40, "Date of issue: 07.11.2033")])
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 600, [(250, "ORDER FORM")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 582, [(238, "Number:"), (288, "GR-32512")])
        put(pdf, 556, [(40, "Delivery place: Granite State Yard Nashua")])
        put(pdf, 545, [(120, "12 Progress Avenue")])
        put(pdf, 534, [(120, "Nashua, NH 03060")])
        put(pdf, 500, [(38, "R.No."), (71, "Article code"), (133, "Article name"), (364, "Qty"), (390, "Unit"),
                       (437, "Unit price"), (532, "Value")])  # fmt: skip
        put(pdf, 486, [(44, "1."), (71, "AB-1005"), (133, "Sleeve anchor 1/2 x 4 in"), (-377, "6,000"),
                       (390, "box"), (-472, "39,80"), (-552, "238,80")])  # fmt: skip
        put(pdf, 460, [(380, "TOTAL FOR PAYMENT USD:"), (-552, "238,80")])

    order = render(draw, letter)
    assert order.po_number == "GR-32512"
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [("AB-1005", "Sleeve anchor 1/2 x 4 in")]
