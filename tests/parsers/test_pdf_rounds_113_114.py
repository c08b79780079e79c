"""What blind rounds 113–114 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Wafeq's 'SKU: 7740' under its row, a code of digits alone with its label (the customer's number)."""

from __future__ import annotations

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_a_labelled_code_of_digits_under_its_row_is_no_row() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "Purchase Order")])
        put(pdf, 740, [(380, "Number"), (460, "45-8901")])
        put(pdf, 728, [(380, "Date"), (460, "2035-07-05")])
        put(pdf, 640, [(43, "Item"), (297, "Quantity"), (335, "Unit"), (414, "Rate"), (469, "Tax"), (539, "Amount")])
        put(pdf, 626, [(43, "Duct tape 48 mm x 50 m silver (case of 24)"), (-329, "4.00"), (335, "Case"),
                       (-431, "112.00"), (-483, "0.00"), (-569, "448.00")])  # fmt: skip
        put(pdf, 615, [(43, "SKU: 7740")])
        put(pdf, 600, [(43, "Cable tie 300 mm UV black (pack of 100)"), (-329, "12.00"), (335, "Pack"),
                       (-431, "8.90"), (-483, "0.00"), (-569, "106.80")])  # fmt: skip
        put(pdf, 589, [(43, "SKU: CX-2002")])
        put(pdf, 560, [(400, "Total (USD)"), (-569, "554.80")])

    order = render(draw, letter)
    codes = [ln.vendor_part_number or ln.buyer_part_number for ln in order.lines]
    assert codes == ["7740", "CX-2002"]
    assert [ln.quantity for ln in order.lines] == [4, 12]
    assert (order.lines[0].description or "").startswith("Duct tape")
