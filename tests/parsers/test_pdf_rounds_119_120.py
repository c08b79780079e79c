"""What blind rounds 119–120 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
ShipServ's 'Part Type' (the kind of number, 'VEN') before 'Part No.'; BlueCart's '4 item(s)   Subtotal …' under
quantity-first rows, a count and then the total."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_part_type_before_the_part_number() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order")])
        put(pdf, 740, [(40, "PO Ref: BL-26-7501")])
        put(pdf, 640, [(45, "No."), (64, "Part Type"), (114, "Part No."), (174, "Description"), (395, "Qty"),
                       (419, "UoM"), (466, "Unit Price"), (555, "Total")])  # fmt: skip
        put(pdf, 626, [(-52, "1"), (64, "VEN"), (114, "AB-1002"), (174, "Anchor bolt M10 x 100"), (-408, "400"),
                       (419, "EA"), (-503, "6.10"), (-574, "2,440.00")])  # fmt: skip
        put(pdf, 600, [(400, "Total Cost (USD)"), (-574, "2,440.00")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("AB-1002", 400)]
    assert order.confidence["lines"] >= CONFIDENT


def test_a_count_of_items_then_the_subtotal_ends_the_rows() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order"), (400, "PO # CP111304")])
        put(pdf, 640, [(-60, "Qty"), (66, "Unit"), (96, "Item Code"), (160, "Description"), (-480, "Price"),
                       (-560, "Ext.")])  # fmt: skip
        put(pdf, 626, [(-60, "36"), (66, "EA"), (96, "HT-9003"), (160, "Utility knife retractable"), (-480, "6.25"),
                       (-560, "225.00")])  # fmt: skip
        put(pdf, 612, [(-60, "24"), (66, "PR"), (96, "GL-8003"), (160, "Cut-resistant gloves level C size M"),
                       (-480, "12.40"), (-560, "297.60")])  # fmt: skip
        put(pdf, 596, [(40, "2 item(s)"), (420, "Subtotal"), (-560, "$522.60")])
        put(pdf, 584, [(420, "Delivery Fee"), (-560, "$0.00")])
        put(pdf, 572, [(420, "Order Total"), (-560, "$522.60")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("HT-9003", 36), ("GL-8003", 24)]
    assert order.confidence["lines"] >= CONFIDENT
