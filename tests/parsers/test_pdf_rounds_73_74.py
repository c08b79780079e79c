"""What blind rounds 73–74 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Microsip's 'Qty. Unit    Code' (two captions set apart, not the caption 'unit code') and its 'Folio:'
number, ProConcept's 'Lyon, le 8 mars 2032' beside the supplier's block, and Ultimo's 'Article DMO-TAPE-E
Supplier art. EL-6005' under a line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_microsip_unit_and_code_captions_set_apart_and_the_folio() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 745, [(448, "PURCHASE ORDER")])
        put(pdf, 724, [(428, "Folio:"), (-568, "BL-26-6100")])
        put(pdf, 705, [(428, "Date:"), (-568, "02/Mar/2032")])
        put(pdf, 532, [(55, "Qty."), (83, "Unit"), (107, "Code"), (163, "Description"), (404, "Unit price"),
                       (543, "Amount")])  # fmt: skip
        put(pdf, 514, [(-71, "500"), (83, "EA"), (107, "AB-1002"), (163, "Anchor bolt M10 x 100"), (-441, "6.10"),
                       (-573, "3,050.00")])  # fmt: skip
        put(pdf, 499, [(-71, "12"), (83, "BX"), (107, "FS-4001"), (163, "Hex head screw M6 x 30"), (-441, "23.50"),
                       (-573, "282.00")])  # fmt: skip
        put(pdf, 470, [(462, "Total:"), (-573, "$3,332.00")])

    order = render(draw)
    assert order.po_number == "BL-26-6100" and order.confidence["po_number"] >= 0.9
    assert [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines] == [
        ("AB-1002", Decimal(500), "EA"),
        ("FS-4001", Decimal(12), "BX"),
    ]


def test_a_folio_that_is_a_page_is_no_po_number() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(360, "BON DE COMMANDE"), (520, "Folio 1/1")])
        put(pdf, 640, [(40, "Référence"), (110, "Désignation"), (330, "Qté"), (430, "P.U. HT"), (510, "Montant HT")])
        put(pdf, 624, [(40, "EL-6002"), (110, "Rallonge 10 m"), (-350, "10"), (-470, "19,90"), (-560, "199,00")])
        put(pdf, 600, [(430, "Total HT"), (-560, "199,00")])

    order = render(draw, A4)
    assert order.po_number in (None, "")


def test_proconcept_letter_date_beside_the_suppliers_block() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 725, [(57, "COMMANDE")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 725, [(340, "Fournisseur")])
        put(pdf, 706, [(57, "Lyon, le 8 mars 2032"), (340, "Ridgeline Fastener & Tool Supply")])
        put(pdf, 694, [(340, "4400 Industrial Parkway")])
        put(pdf, 640, [(61, "Commande n°"), (181, "Acheteur")])
        put(pdf, 628, [(61, "CMD-2026-6301"), (181, "Claire Dumas")])
        put(pdf, 560, [(59, "Article / Désignation"), (375, "Qté UM"), (453, "Prix net"), (506, "Montant")])
        put(pdf, 544, [(59, "EL-6002"), (-418, "20 pièce"), (-482, "19,90"), (-531, "398,00 €")])
        put(pdf, 533, [(59, "Rallonge électrique 10 m, 3 prises")])
        put(pdf, 510, [(400, "Total HT"), (-531, "398,00 €")])

    order = render(draw, A4)
    assert order.po_date == date(2032, 3, 8)
    assert not [h for h in order.hold_reasons if "without a label" in h.message]


def test_ultimo_article_and_supplier_article_under_the_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 700, [(340, "Order number"), (420, "DM/26/6107")])
        put(pdf, 560, [(42, "Pos."), (72, "Description"), (379, "Qty Unit"), (433, "Unit price"), (551, "Total")])
        put(pdf, 543, [(42, "10"), (72, "Electrical tape 19 mm x 20 m black"), (-411, "40 roll"), (-470, "1.10"),
                       (-570, "44.00")])  # fmt: skip
        put(pdf, 532, [(72, "Article DMO-TAPE-E Supplier art. EL-6005")])
        put(pdf, 522, [(72, "Job J-32-0436 - Equipment WSH-M1 Workshop Miami")])
        put(pdf, 504, [(42, "20"), (72, "Safety glasses clear anti-fog"), (-411, "12 each"), (-470, "4.95"),
                       (-570, "59.40")])  # fmt: skip
        put(pdf, 493, [(72, "Article SF-8101")])
        put(pdf, 470, [(424, "Order total"), (-570, "USD 103.40")])

    order = render(draw)
    first, second = order.lines
    assert (first.vendor_part_number, first.buyer_part_number) == ("EL-6005", "DMO-TAPE-E")
    assert "SF-8101" in (second.vendor_part_number, second.buyer_part_number)
