"""What blind rounds 117–118 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Vinsight's 'Stock Item | Code' (the name, then its code); Dentrix's 'ID: CP-330501' under the name; Didox's
digital signature, 'Certificate: … valid 01.03.2035-01.03.2037', no order date. (Koust's 'Commande :
CMD-2026-8557' is left: 'commande' ends captions such as 'Date de commande', see labels.py ``_bare_title``.)"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_stock_item_then_its_code() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order")])
        put(pdf, 740, [(40, "PO GR-33250")])
        put(pdf, 640, [(43, "Stock Item"), (243, "Code"), (339, "Qty"), (358, "Units"), (417, "Unit Price"),
                       (471, "Disc"), (541, "Amount")])  # fmt: skip
        put(pdf, 626, [(43, "Drywall screw 3.5 x 35 (box of 1000)"), (243, "FS-4004"), (-352, "40"), (358, "bx"),
                       (-452, "18.40"), (-487, "0%"), (-569, "736.00")])  # fmt: skip
        put(pdf, 612, [(43, "Masking tape 24 mm x 50 m"), (243, "TP-7002"), (-352, "48"), (358, "rl"), (-452, "2.40"),
                       (-487, "0%"), (-569, "115.20")])  # fmt: skip
        put(pdf, 590, [(470, "Total USD"), (-569, "851.20")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("FS-4004", 40), ("TP-7002", 48)]
    assert order.lines[0].description == "Drywall screw 3.5 x 35 (box of 1000)"
    assert order.confidence["lines"] >= CONFIDENT


def test_an_id_line_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Order #: CP111256")])
        put(pdf, 652, [(44, "Qty"), (64, "Pkg"), (96, "Description /"), (452, "Unit Cost"), (530, "Total")])
        put(pdf, 640, [(96, "Clinic Item ID")])
        put(pdf, 626, [(-58, "6"), (64, "Case"), (96, "LED bulb E27 9 W warm white (case of 12)"), (-490, "28.50"),
                       (-552, "171.00")])  # fmt: skip
        put(pdf, 614, [(96, "ID: CP-330501")])
        put(pdf, 600, [(-58, "10"), (64, "Box"), (96, "Nitrile gloves size L (box of 100)"), (-490, "11.90"),
                       (-552, "119.00")])  # fmt: skip
        put(pdf, 588, [(96, "ID: GL-8001")])
        put(pdf, 560, [(420, "Order Total:"), (-552, "$290.00")])

    order = render(draw, letter)
    assert [ln.vendor_part_number or ln.buyer_part_number for ln in order.lines] == ["CP-330501", "GL-8001"]
    assert order.lines[0].description == "LED bulb E27 9 W warm white (case of 12)"


def test_a_signature_certificates_validity_is_no_order_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(150, "PURCHASE ORDER No. GR-33306")])
        put(pdf, 766, [(180, "dated 08.12.2035")])
        put(pdf, 700, [(40, "Delivery date: not later than 19.12.2035")])
        put(pdf, 640, [(40, "No."), (60, "Item"), (250, "Unit"), (-320, "Qty"), (-400, "Price"), (-480, "Amount")])
        put(pdf, 626, [(40, "1"), (60, "AB-1005"), (250, "box"), (-320, "8"), (-400, "39.80"), (-480, "318.40")])
        put(pdf, 600, [(40, "Total:"), (-480, "318.40")])
        put(pdf, 560, [(40, "SIGNED WITH DIGITAL SIGNATURE")])
        put(pdf, 548, [(40, "Certificate: 7A1F 0C33 92BE valid 01.03.2035-01.03.2037")])

    order = render(draw, A4)
    assert not any("label we know" in r.message for r in order.hold_reasons), order.hold_reasons
