"""What blind rounds 39–40 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): 'Unsere Bestellnummer', 'Lieferanten-Art.-Nr.:' under a line and a 'Summe' column (a German web shop's
supplier order), 'Désignation du produit' and 'Créée le' (a French web shop's)."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import render, table


def plenty(pdf: canvas.Canvas) -> None:
    for y, label, value in [(760, "Datum", "11.06.2029"), (748, "Unsere Bestellnummer", "4500019904"),
                            (736, "Ihre Kundennummer", "HWB-1187")]:  # fmt: skip
        pdf.drawString(330, y, label)
        pdf.drawString(450, y, value)
    table(
        pdf,
        640,
        [(50, "Menge"), (92, "Einh."), (130, "Artikel"), (330, "Einzelpreis"), (400, "MwSt."), (470, "Summe")],
        [[(-80, "12,00"), (92, "St"), (130, "600-7001"), (-370, "16,40"), (400, "19 %"), (-510, "196,80")],
         [(130, "Latthammer 16 oz")],
         [(130, "Lieferanten-Art.-Nr.: HT-9001")]],
    )  # fmt: skip


def test_a_german_shops_supplier_order() -> None:
    order = render(plenty)
    assert order.po_number == "4500019904" and order.confidence["po_number"] >= 0.9
    assert [(ln.vendor_part_number, ln.buyer_part_number, ln.amount) for ln in order.lines] == [
        ("HT-9001", "600-7001", Decimal("196.80"))
    ]


def prestashop(pdf: canvas.Canvas) -> None:
    for x, caption, value in [(40, "Commande n°", "CMD-2026-9905"), (160, "Créée le", "08/06/2029"),
                              (280, "Livraison attendue le", "20/06/2029")]:  # fmt: skip
        pdf.drawString(x, 720, caption)
        pdf.drawString(x, 706, value)
    table(
        pdf,
        640,
        [(62, "Qté"), (81, "Réf. fournisseur"), (161, "Désignation du produit"), (396, "Prix d'achat HT"),
         (520, "Total HT")],
        [[(61, "300"), (81, "PL-5002"), (161, "Coude cuivre 15 mm à 90°"), (430, "2,60 €"), (519, "780,00 €")]],
    )  # fmt: skip


def test_a_french_shops_supplier_order() -> None:
    order = render(prestashop)
    assert (order.po_number, str(order.po_date)) == ("CMD-2026-9905", "2029-06-08")
    assert [(ln.vendor_part_number, ln.quantity, ln.description) for ln in order.lines] == [
        ("PL-5002", Decimal("300"), "Coude cuivre 15 mm à 90°")
    ]
