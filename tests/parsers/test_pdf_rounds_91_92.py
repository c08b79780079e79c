"""What blind rounds 91–92 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Minimax's 'ORDER TO SUPPLIER No. GR-32451' title and its 'Code | Item | UM' (the item's name after its
code), and TIGG's 'S.N. | Particulars' with its lakh figures ('1,02,400.00')."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_order_to_supplier_is_an_orders_title_and_item_after_the_code_is_its_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 620, [(40, "ORDER TO SUPPLIER No. GR-32451")])
        pdf.setFont("Helvetica-Bold", 8)
        put(pdf, 550, [(40, "Code"), (105, "Item"), (302, "UM"), (348, "Quantity"), (421, "Price USD"),
                       (515, "Value USD")])  # fmt: skip
        pdf.setFont("Helvetica", 8.5)
        put(pdf, 532, [(40, "TP-7001"), (105, "Duct tape 48 mm x 50 m silver"), (302, "case"), (-380, "3,00"),
                       (-460, "118,80"), (-555, "356,40")])  # fmt: skip
        put(pdf, 505, [(380, "Total value USD:"), (-555, "356,40")])

    order = render(draw, A4)
    assert order.po_number == "GR-32451" and order.confidence["po_number"] >= 0.9
    assert [(ln.vendor_part_number, ln.description, ln.quantity) for ln in order.lines] == [
        ("TP-7001", "Duct tape 48 mm x 50 m silver", Decimal("3.00"))
    ]


def test_particulars_is_the_description_and_lakh_figures_read() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(360, "PO No."), (430, ": DM/26/6610")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 580, [(47, "S.N. Particulars"), (307, "Qty Unit"), (402, "Rate"), (503, "Amount")])
        put(pdf, 571, [(397, "(USD)"), (510, "(USD)")])
        pdf.setFont("Helvetica", 8.5)
        put(pdf, 553, [(52, "1"), (72, "Mooring line 12 mm x 15 m"), (-347, "3,200.00 Each"), (-418, "32.00"),
                       (-531, "1,02,400.00")])  # fmt: skip
        put(pdf, 542, [(72, "Code: MR-9501")])
        put(pdf, 515, [(392, "Grand Total"), (-551, "1,02,400.00")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("MR-9501", Decimal("3200.00"), Decimal("32.00"), Decimal("102400.00"))
    ]
