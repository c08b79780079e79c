"""What blind rounds 89–90 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): TireMaster's 'Ord' / 'Rcvd' over 'Qty  Qty' and 'Cost' / 'Ext' over 'Each  Cost' (read as two prices, its
planted line amount was released: K1702, the round's wrong release), Rivilė's 'PURCHASE ORDER' over 'No. …' over
the order's date and its 'Price, USD', AMPAREX's 'Einzel-EK' and OpenConcerto's 'Livraison prévue le :' in a panel
with 'Suivi par :' and 'Règlement :'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def _tiremaster(pdf: canvas.Canvas, stacked: bool) -> None:
    pdf.setFont("Courier", 8.5)
    put(pdf, 700, [(460, "PURCHASE ORDER")])
    put(pdf, 688, [(475, "BL-26-6658")])
    pdf.setFont("Courier-Bold", 8.5)
    if stacked:
        put(pdf, 590, [(338, "Ord"), (373, "Rcvd"), (473, "Cost"), (558, "Ext")])
    put(pdf, 581, [(39, "Part #"), (119, "Description"), (338, "Qty"), (378, "Qty"), (399, "Unit"), (473, "Each"),
                   (553, "Cost")])  # fmt: skip
    pdf.setFont("Courier", 8.5)
    put(pdf, 563, [(39, "FS-4001"), (119, "HEX HEAD SCREW M6"), (-353, "10.00"), (399, "BOX"), (-493, "23.50"),
                   (-573, "253.00")])  # fmt: skip
    put(pdf, 549, [(39, "HT-9003"), (119, "UTILITY KNIFE"), (-353, "20.00"), (399, "EACH"), (-493, "6.25"),
                   (-573, "125.00")])  # fmt: skip
    put(pdf, 520, [(421, "Merchandise:"), (-576, "360.00")])
    put(pdf, 505, [(437, "PO TOTAL:"), (-576, "$360.00")])


def test_a_line_amount_that_does_not_compute_under_stacked_cost_captions_holds() -> None:
    order = render(lambda pdf: _tiremaster(pdf, stacked=True), letter)
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("10.00"), Decimal("23.50"), Decimal("253.00")),
        (Decimal("20.00"), Decimal("6.25"), Decimal("125.00")),
    ]
    assert order.confidence["lines"] < 0.9 and any("does not compute" in w for w in order.warnings)


def test_two_figures_under_captions_read_as_one_column_hold_the_line() -> None:
    # the lower line alone ('Qty  Qty Unit  Each  Cost'): two price columns; the figure the reading keeps is not
    # the only one printed, so the line is not sure (before, 253.00 was dropped and the order released)
    order = render(lambda pdf: _tiremaster(pdf, stacked=False), letter)
    assert order.confidence["lines"] < 0.9


def test_the_orders_date_under_its_number_under_the_title_and_a_price_with_its_currency() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 780, [(231, "PURCHASE ORDER")])
        pdf.setFont("Helvetica-Bold", 11)
        put(pdf, 763, [(261, "No. CP110452")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 749, [(275, "2033-07-06")])
        put(pdf, 570, [(45, "No."), (137, "Name"), (254, "Code"), (368, "Qty"), (405, "Unit"), (435, "Price, USD"),
                       (499, "Sum, USD")])  # fmt: skip
        put(pdf, 552, [(49, "1"), (60, "Leather work gloves"), (235, "GL-8002"), (-375, "60,00"), (412, "pair"),
                       (-477, "8,60"), (-552, "516,00")])  # fmt: skip
        put(pdf, 530, [(425, "Total, USD:"), (-552, "516,00")])

    order = render(draw, A4)
    assert order.po_date == date(2033, 7, 6) and order.po_number == "CP110452"
    assert [(ln.unit_price, ln.amount) for ln in order.lines] == [(Decimal("8.60"), Decimal("516.00"))]


def test_einzel_ek_is_the_unit_price_and_a_delivery_date_flush_right_in_a_panel() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 730, [(40, "Commande N° CMD-2026-7156")])
        put(pdf, 670, [(320, "Livraison prévue le :"), (-555, "19/08/2033")])
        put(pdf, 658, [(320, "Suivi par :"), (-555, "Claire Vidal")])
        put(pdf, 646, [(320, "Règlement :"), (-555, "30 jours fin de mois")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 570, [(75, "Menge"), (103, "Einh."), (199, "Ihre Art.-Nr."), (255, "Bezeichnung"),
                       (424, "Einzel-EK"), (525, "Betrag")])  # fmt: skip
        pdf.setFont("Helvetica", 8)
        put(pdf, 553, [(-99, "100,00"), (103, "St"), (199, "DR-3001"), (255, "HSS-Bohrer 6 mm"), (-459, "2,95"),
                       (-548, "295,00")])  # fmt: skip
        put(pdf, 530, [(369, "Summe netto"), (-548, "295,00")])

    order = render(draw, A4)
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2033, 8, 19)]
    assert [(ln.quantity, ln.unit_price) for ln in order.lines] == [(Decimal("100.00"), Decimal("2.95"))]
