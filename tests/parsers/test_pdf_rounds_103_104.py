"""What blind rounds 103–104 taught the generic extractor, on a small generated layout (not the rounds' own PDFs):
Ostendo's caption 'Item Description /' over 'Item Code', the name on the line and its codes under it ('Item:
CP-440120  Supplier Item: GL-8002', 'Item: GL-8001'). Round 103 was released whole at first sight."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_item_description_over_item_code_is_one_column_the_codes_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "PURCHASE ORDER"), (400, "PO Number:"), (470, "CP110852")])
        put(pdf, 640, [(35, "Line"), (60, "Item Description /"), (366, "Order"), (394, "Order"), (473, "Unit"),
                       (540, "Extended")])  # fmt: skip
        put(pdf, 631, [(38, "No."), (60, "Item Code"), (373, "Qty"), (394, "Unit"), (470, "Price"), (556, "Price")])
        put(pdf, 615, [(-50, "1"), (60, "Leather Work Gloves XL"), (-386, "24.00"), (394, "PAIR"), (-488, "8.60"),
                       (-574, "206.40")])  # fmt: skip
        put(pdf, 604, [(60, "Item: CP-440120  Supplier Item: GL-8002")])
        put(pdf, 590, [(-50, "2"), (60, "Nitrile Gloves L 100ct"), (-386, "10.00"), (394, "BOX"), (-488, "11.90"),
                       (-574, "119.00")])  # fmt: skip
        put(pdf, 579, [(60, "Item: GL-8001")])
        put(pdf, 550, [(480, "Total USD"), (-574, "325.40")])

    order = render(draw, letter)
    lines = [(ln.vendor_part_number, ln.description) for ln in order.lines]
    assert lines == [("GL-8002", "Leather Work Gloves XL"), ("GL-8001", "Nitrile Gloves L 100ct")]
    assert order.lines[0].buyer_part_number == "CP-440120"
    assert not order.hold_reasons
