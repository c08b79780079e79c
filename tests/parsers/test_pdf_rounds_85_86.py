"""What blind round 85 taught the generic extractor (round 86 was read at first sight), each on a small generated
layout (not the round's own PDFs): FactuSOL's 'PRICE' set tight against its '% DISC.' and its 'UN' unit, Yayoi's
stamp box ('Approved  Checked  Issued') between the delivery place and its address, and ORGASOFT's 'Bestell- ME'
over 'menge' (the quantity's caption broken at its hyphen, the unit's beside it)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_a_price_caption_glued_to_the_discounts_percent_and_the_un_unit() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 745, [(44, "ORDER No."), (154, "DATE")])
        put(pdf, 730, [(44, "GR-32251"), (154, "03/01/2033")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 605, [(42, "ITEM"), (112, "DESCRIPTION"), (356, "UNITS"), (393, "U/M"), (-468, "PRICE"),
                       (468, "% DISC."), (520, "AMOUNT")])  # fmt: skip
        pdf.setFont("Helvetica", 8)
        put(pdf, 587, [(42, "SF-8101"), (112, "Safety glasses clear anti-fog"), (-378, "24"), (394, "UN"),
                       (-468, "4.95"), (-498, "0.00"), (-553, "118.80")])  # fmt: skip
        put(pdf, 572, [(42, "FS-4004"), (112, "Drywall screw 3.5 x 35"), (-378, "30"), (392, "BOX"), (-468, "18.40"),
                       (-498, "0.00"), (-553, "552.00")])  # fmt: skip
        put(pdf, 540, [(440, "TOTAL USD"), (-553, "670.80")])

    order = render(draw, A4)
    assert [(ln.quantity, ln.uom, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("24"), "EA", Decimal("4.95"), Decimal("118.80")),
        (Decimal("30"), "BX", Decimal("18.40"), Decimal("552.00")),
    ]
    assert order.confidence["lines"] >= 0.9


def test_a_stamp_box_between_the_delivery_place_and_its_address() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 777, [(420, "No."), (511, "BL-26-6511")])
        pdf.setFont("Helvetica", 7.5)
        put(pdf, 650, [(44, "Delivery Place"), (134, "Boltline Main Warehouse")])
        pdf.setFont("Helvetica", 6.5)
        put(pdf, 643, [(429, "Approved"), (475, "Checked"), (523, "Issued")])
        pdf.setFont("Helvetica", 7.5)
        put(pdf, 636, [(134, "1500 Navigation Boulevard, Houston, TX 77002")])
        put(pdf, 622, [(44, "Payment Terms"), (134, "Closing at month end"), (478, "K.Sato")])
        put(pdf, 580, [(45, "No."), (74, "Item Code"), (192, "Item Name"), (310, "Quantity"), (387, "Unit Price"),
                       (446, "Amount")])  # fmt: skip
        put(pdf, 564, [(49, "1"), (60, "AB-1002"), (124, "Anchor bolt M10 x 100"), (-371, "600 pcs"), (-428, "6.10"),
                       (-488, "3,660.00")])  # fmt: skip
        put(pdf, 530, [(384, "Total"), (-487, "3,660.00")])

    order = render(draw, A4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.city, order.ship_to.postal_code) == (
        "Boltline Main Warehouse",
        "Houston",
        "77002",
    )


def test_a_quantity_caption_broken_at_its_hyphen_beside_the_units() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 750, [(360, "Bestellung Nr."), (440, "4500019311")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 595, [(64, "Pos"), (82, "Artikel-"), (142, "Bezeichnung"), (356, "Bestell-"), (387, "ME"),
                       (437, "EK-Preis"), (510, "Gesamt")])  # fmt: skip
        put(pdf, 587, [(82, "Nr."), (359, "menge"), (452, "EUR"), (522, "EUR")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 570, [(69, "10"), (82, "310-0815"), (142, "Ankerbolzen M12 x 120"), (-385, "300"), (387, "St"),
                       (-468, "8,60"), (-538, "2.580,00")])  # fmt: skip
        put(pdf, 560, [(142, "Lieferanten-Art.-Nr. AB-1001")])
        put(pdf, 540, [(340, "Warenwert netto"), (-538, "2.580,00")])

    order = render(draw, A4)
    assert [(ln.line_number, ln.quantity, ln.uom, ln.unit_price) for ln in order.lines] == [
        ("10", Decimal("300"), "EA", Decimal("8.60"))
    ]
    assert order.lines[0].vendor_part_number == "AB-1001"
