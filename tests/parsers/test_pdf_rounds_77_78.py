"""What blind rounds 77–78 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Logilys's 'Commande no' caption, Gofrugal's 'Exp. Delivery : 14-Jul-2032' and FlexiBake's 'Cost /' over
'Unit' (the unit cost, not a second unit column)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_logilys_commande_no_caption_over_its_value() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(396, "BON DE COMMANDE")])
        put(pdf, 780, [(359, "Commande no"), (447, "Date de commande"), (523, "Page")])
        put(pdf, 768, [(362, "CMD-2026-6506"), (456, "07/07/2032"), (525, "1 de 1")])
        put(pdf, 640, [(40, "No produit"), (102, "Description"), (318, "Qté U/M"), (415, "Prix un."), (526, "Montant")])
        put(pdf, 624, [(40, "HT-9002"), (102, "Mètre ruban 5 m"), (-359, "12,00 pièce"), (-443, "8,90"),
                       (-555, "106,80")])  # fmt: skip
        put(pdf, 600, [(405, "Total HT"), (-554, "106,80")])

    order = render(draw, A4)
    assert order.po_number == "CMD-2026-6506" and order.confidence["po_number"] >= 0.9


def test_gofrugal_expected_delivery_after_a_spaced_colon() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 700, [(338, "PO No."), (410, ": 45-7712")])
        put(pdf, 687, [(338, "PO Date"), (410, ": 05-Jul-2032")])
        put(pdf, 674, [(338, "Exp. Delivery"), (410, ": 14-Jul-2032")])
        put(pdf, 560, [(40, "S.No Item Code"), (121, "Item Name"), (294, "UOM"), (354, "Qty"), (440, "Rate"),
                       (543, "Amount")])  # fmt: skip
        put(pdf, 544, [(47, "1"), (65, "HT-9002"), (121, "TAPE MEASURE 5M"), (298, "EA"), (-367, "24.000"),
                       (-457, "9.20"), (-573, "220.80")])  # fmt: skip
        put(pdf, 520, [(430, "Net Amount"), (-573, "220.80")])

    order = render(draw)
    assert [d.value for d in order.dates] == [date(2032, 7, 14)]
    assert not order.hold_reasons, order.hold_reasons


def test_flexibake_cost_per_unit_caption_on_two_lines() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(451, "P.O. # CP110102")])
        pdf.setFont("Helvetica", 7)
        put(pdf, 546, [(66, "Order"), (95, "Order"), (455, "Cost /")])
        put(
            pdf,
            537,
            [(70, "Qty"), (98, "Unit"), (135, "Description"), (345, "Item #"), (461, "Unit"), (534, "Ext. Cost")],
        )
        pdf.setFont("Helvetica", 9)
        put(pdf, 519, [(-89, "48.000"), (95, "pr"), (135, "Leather Work Gloves XL"), (345, "GL-8002"), (-477, "8.6000"),
                       (-569, "412.80")])  # fmt: skip
        put(pdf, 490, [(402, "PO Total"), (-572, "412.80")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("GL-8002", Decimal(48), Decimal("8.6"))
    ]
