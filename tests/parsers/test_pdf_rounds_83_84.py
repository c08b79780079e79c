"""What blind rounds 83–84 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): enova365's delivery address beside a panel of labels set a little higher and its 'Price net' / 'Value
net', K2's captions three lines high ('Price' over 'per' over 'unit USD'), Softland's line number printed in the
item column and its 'Cost' over 'Center', and Yardi's 'Cost 9.70 / each' under a line with no price column."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_a_delivery_address_under_its_label_beside_a_panel_set_higher() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 750, [(183, "PURCHASE ORDER No. GR-32207")])
        put(pdf, 630, [(40, "Delivery address:")])
        put(pdf, 617, [(302, "Requested delivery date:"), (420, "2033-01-18")])
        put(pdf, 613, [(46, "Granite State Yard Concord")])
        put(pdf, 606, [(302, "Payment:"), (420, "bank transfer, 30 days")])
        put(pdf, 602, [(46, "75 Airport Road")])
        put(pdf, 595, [(302, "Currency:"), (420, "USD")])
        put(pdf, 591, [(46, "Concord, NH 03301")])
        put(pdf, 555, [(433, "Price net"), (516, "Value net")])
        put(pdf, 550, [(46, "No. Name"), (263, "Code"), (332, "Unit"), (392, "Qty")])
        put(pdf, 545, [(450, "USD"), (535, "USD")])
        put(pdf, 528, [(50, "1 Anchor bolt M12 x 120"), (263, "AB-1001"), (331, "each"), (-405, "200"),
                       (-467, "9.25"), (-552, "1,850.00")])  # fmt: skip
        put(pdf, 505, [(444, "Total:"), (-552, "1,850.00")])

    order = render(draw, A4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Granite State Yard Concord", "03301")
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("200"), Decimal("9.25"), Decimal("1850.00"))
    ]


def test_captions_three_lines_high_around_the_middle_one() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "PURCHASE ORDER"), (460, "No. DM/26/6361")])
        pdf.setFont("Helvetica-Bold", 8)
        put(pdf, 572, [(312, "Ordered"), (413, "Price per"), (533, "Total")])
        put(pdf, 568, [(46, "Line Item / Description"), (355, "Unit")])
        put(pdf, 563, [(312, "quantity"), (413, "unit USD"), (535, "USD")])
        pdf.setFont("Helvetica", 8.5)
        put(pdf, 544, [(52, "1"), (71, "DMO-TAPE-E"), (-343, "250,00"), (357, "roll"), (-447, "1,10"),
                       (-552, "275,00")])  # fmt: skip
        put(pdf, 534, [(71, "Electrical tape 19 mm x 20 m black")])
        put(pdf, 515, [(52, "2"), (71, "EL-6002"), (-343, "10,00"), (358, "ea"), (-447, "21,90"), (-552, "219,00")])
        put(pdf, 490, [(373, "Total:"), (-555, "494,00 USD")])

    order = render(draw, A4)
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("250.00"), Decimal("1.10"), Decimal("275.00")),
        (Decimal("10.00"), Decimal("21.90"), Decimal("219.00")),
    ]


def test_the_line_number_in_the_item_column_and_a_cost_center_caption() -> None:
    def draw(pdf: canvas.Canvas, numbered: bool) -> None:
        put(pdf, 720, [(429, "PURCHASE ORDER")])
        put(pdf, 705, [(446, "No. BL-26-6450")])
        pdf.setFont("Helvetica-Bold", 8)
        if numbered:
            put(pdf, 535, [(47, "Item Code"), (130, "Description"), (333, "U/M"), (377, "Quantity"),
                           (432, "Unit Price"), (481, "Disc. %"), (528, "Net Amount")])  # fmt: skip
        else:
            put(pdf, 535, [(38, "Code"), (100, "Description"), (279, "Cost"), (322, "Delivery"), (402, "Qty"),
                           (420, "Unit"), (490, "Price"), (554, "Total")])  # fmt: skip
            put(pdf, 526, [(275, "Center")])
        pdf.setFont("Helvetica", 8.5)
        if numbered:
            put(pdf, 519, [(59, "1"), (68, "AB-1002"), (130, "Anchor bolt M10 x 100"), (334, "EA"), (-410, "500.00"),
                           (-470, "6.10"), (-510, "0.00"), (-574, "3,050.00")])  # fmt: skip
        else:
            put(pdf, 509, [(38, "AB-1002"), (100, "Anchor bolt M10 x 100"), (281, "320"), (314, "14-Feb-2033"),
                           (-416, "500.00"), (420, "Each"), (-510, "6.10"), (-574, "3,050.00")])  # fmt: skip
        put(pdf, 470, [(462, "TOTAL USD"), (-574, "3,050.00")])

    for numbered in (True, False):
        order = render(lambda pdf, numbered=numbered: draw(pdf, numbered))
        assert [(ln.line_number, ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines] == [
            ("1", "AB-1002", Decimal("500.00"), Decimal("6.10"))
        ], numbered


def test_a_unit_cost_under_a_line_with_no_price_column() -> None:
    def draw(pdf: canvas.Canvas, per: str) -> None:
        put(pdf, 700, [(412, "PO Number:"), (482, "CP110301")])
        pdf.setFont("Times-Bold", 9)
        put(pdf, 505, [(42, "Line"), (154, "Item Code"), (272, "Description"), (412, "UOM"), (447, "Quantity"),
                       (512, "Amount")])  # fmt: skip
        pdf.setFont("Times-Roman", 9)
        put(pdf, 488, [(55, "1"), (154, "HT-9002"), (272, "Tape measure 5 m"), (412, "each"), (-482, "36"),
                       (-544, "349.20")])  # fmt: skip
        pdf.setFont("Helvetica", 7)
        put(pdf, 477, [(272, f"Cost 9.70 / {per}")])
        pdf.setFont("Times-Roman", 9)
        put(pdf, 450, [(462, "PO Total:"), (-574, "$349.20")])

    order = render(lambda pdf: draw(pdf, "each"))
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("36"), Decimal("9.70"), Decimal("349.20"))
    ]
    assert order.confidence["lines"] >= 0.9
    per_hundred = render(lambda pdf: draw(pdf, "100"))  # a price per hundred is not the unit's
    assert per_hundred.lines[0].unit_price is None
