"""What blind rounds 101–102 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Loyverse's 'Destination store:' over the ship-to; Caterease's 'Item' column holding the name, 'Item # CP-110045
(vendor HT-9001)' or 'Item # HT-9005' under it; Bukku's codes alone under the description, 'DMO-TAPE-E' among
them."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_destination_store_names_the_ship_to() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "Purchase order")])
        put(pdf, 726, [(40, "#BL-26-7003")])
        put(pdf, 712, [(40, "Date:"), (100, "Jul 3, 2034")])
        put(pdf, 680, [(40, "Supplier:"), (250, "Destination store:")])
        put(pdf, 668, [(40, "Ridgeline Fastener & Tool Supply"), (250, "Boltline Main Warehouse")])
        put(pdf, 656, [(40, "4400 Industrial Parkway"), (250, "1200 Navigation Boulevard")])
        put(pdf, 644, [(40, "Cleveland, OH 44135"), (250, "Houston, TX 77002")])
        put(pdf, 600, [(40, "Item"), (300, "Quantity"), (380, "Purchase cost"), (500, "Amount")])
        put(pdf, 586, [(40, "Anchor bolt M10 x 100 zinc plated"), (-340, "400"), (-430, "6.10"), (-540, "2,440.00")])
        put(pdf, 574, [(40, "SKU AB-1002")])
        put(pdf, 550, [(400, "Total"), (-540, "2,440.00")])

    order = render(draw, letter)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Boltline Main Warehouse", "77002")


def test_the_name_in_the_item_column_and_its_codes_under_it() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "Purchase Order"), (350, "Order #"), (420, "CP110804")])
        put(pdf, 640, [(44, "Qty"), (70, "Unit"), (100, "Item"), (420, "Unit Cost"), (500, "Ext. Cost")])
        put(pdf, 626, [(-58, "24"), (70, "each"), (100, "Claw hammer 16 oz fiberglass handle"), (-460, "16.90"),
                       (-545, "405.60")])  # fmt: skip
        put(pdf, 614, [(110, "Item # CP-110045 (vendor HT-9001)")])
        put(pdf, 600, [(-58, "5"), (70, "each"), (100, "Screwdriver set 6 pc"), (-460, "15.30"), (-545, "76.50")])
        put(pdf, 588, [(110, "Item # HT-9005")])
        put(pdf, 560, [(420, "Total"), (-545, "482.10")])

    order = render(draw, letter)
    lines = [(ln.vendor_part_number, ln.description) for ln in order.lines]
    assert lines == [("HT-9001", "Claw hammer 16 oz fiberglass handle"), ("HT-9005", "Screwdriver set 6 pc")]
    assert order.lines[0].buyer_part_number == "CP-110045"
    assert not order.hold_reasons


def test_a_code_of_capitals_and_dashes_alone_under_the_description() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "PURCHASE ORDER"), (350, "PO No :"), (420, "DM/26/6852")])
        put(pdf, 700, [(40, "#"), (60, "Description"), (300, "Qty"), (330, "UOM"), (400, "Price"), (450, "Disc."),
                       (520, "Total")])  # fmt: skip
        put(pdf, 686, [(40, "1"), (60, "Electrical tape 19 mm x 20 m black"), (-315, "100"), (330, "Roll"),
                       (-425, "1.10"), (-470, "0.00"), (-545, "110.00")])  # fmt: skip
        put(pdf, 674, [(60, "DMO-TAPE-E")])
        put(pdf, 660, [(40, "2"), (60, "Utility knife retractable"), (-315, "12"), (330, "Unit"), (-425, "6.25"),
                       (-470, "0.00"), (-545, "75.00")])  # fmt: skip
        put(pdf, 648, [(60, "HT-9003")])
        put(pdf, 620, [(420, "Total (USD)"), (-545, "185.00")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [
        ("DMO-TAPE-E", Decimal("100")),
        ("HT-9003", Decimal("12")),
    ]
