"""What blind rounds 67–68 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Aspel SAE's bilingual 'Fecha de entrega / Delivery date', Ridder iQ's 'KW 38/2031 (19.09.2031)',
Dynacom's 'Date requise' (and 'Date' over 'requise' over a line's date), and Kezia's 'Code barre' and 'PA HT'
columns with a 'Quantité totale' count under the totals. Every first-sight miss of these rounds was a hold (the
unread-date safety net held nine of them); none was released wrong."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def _lines(pdf: canvas.Canvas, y: float = 560) -> None:
    put(pdf, y, [(40, "Item"), (110, "Description"), (-350, "Qty"), (380, "UOM"), (-480, "Unit Price"),
                 (-560, "Amount")])  # fmt: skip
    put(pdf, y - 16, [(40, "HT-9002"), (110, "Tape measure 5 m"), (-350, "24"), (380, "EA"), (-480, "9.20"),
                      (-560, "220.80")])  # fmt: skip
    put(pdf, y - 40, [(400, "Total"), (-560, "220.80")])


def test_aspel_bilingual_captions_over_their_dates() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "Orden de compra / Purchase order BL-26-5951")])
        put(pdf, 700, [(33, "Fecha / Date"), (125, "Fecha de entrega / Delivery date Condiciones / Terms"),
                       (309, "Comprador / Buyer")])  # fmt: skip
        put(pdf, 688, [(33, "02/Sep/2031"), (125, "12/Sep/2031"), (217, "30 days"), (309, "Rosa Nguyen")])
        _lines(pdf)

    order = render(draw)
    assert order.po_date == date(2031, 9, 2)
    assert [d.value for d in order.dates] == [date(2031, 9, 12)]


def test_ridder_calendar_week_with_its_day_in_brackets() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(57, "BESTELLUNG 4500018451")])
        put(pdf, 730, [(300, "Liefertermin:"), (385, "KW 38/2031 (19.09.2031)")])
        put(pdf, 650, [(59, "Pos."), (102, "Menge Einh."), (164, "Artikelnr. / Bezeichnung"), (411, "Preis/Einh."),
                       (512, "Betrag EUR")])  # fmt: skip
        put(pdf, 634, [(-70, "1"), (102, "30 St"), (164, "HT-9002 Maßband 5 m"), (-450, "9,70"), (-553, "291,00")])
        put(pdf, 610, [(411, "Summe netto"), (-553, "291,00")])

    order = render(draw, A4)
    assert [d.value for d in order.dates] == [date(2031, 9, 19)]


def test_dynacom_date_requise_in_the_header_and_over_a_lines_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Bon de commande CMD-2026-5951")])
        put(pdf, 760, [(40, "Acheteur"), (472, "Date requise")])
        put(pdf, 746, [(40, "Florence Morel"), (472, "2031-10-10")])
        put(pdf, 712, [(346, "Date")])
        put(pdf, 702, [(40, "Ligne"), (72, "No produit"), (136, "Description"), (346, "requise"), (425, "Qté U/M"),
                       (507, "Prix"), (541, "Montant")])  # fmt: skip
        put(pdf, 686, [(40, "1"), (72, "HT-9002"), (136, "Mètre ruban 5 m"), (346, "17/10/2031"), (429, "10 pièce"),
                       (-522, "8,90"), (-572, "89,00")])  # fmt: skip
        put(pdf, 660, [(406, "Sous-total"), (-572, "89,00")])

    order = render(draw, A4)
    assert [d.value for d in order.dates] == [date(2031, 10, 10)]
    assert [(ln.vendor_part_number, ln.requested_date) for ln in order.lines] == [("HT-9002", date(2031, 10, 17))]


def test_kezia_barcode_and_buying_price_columns_and_a_total_quantity() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(338, "N° :"), (370, "CMD-2026-5952")])
        put(pdf, 700, [(37, "Code barre"), (111, "Référence"), (168, "Désignation"), (384, "Qté"),
                       (424, "PA HT"), (458, "Rem. %"), (528, "Total HT")])  # fmt: skip
        put(pdf, 684, [(37, "0614141102624"), (111, "HT-9002"), (168, "Mètre ruban 5 m"), (-397, "12"),
                       (-447, "8,90"), (-482, "0,00"), (-558, "106,80")])  # fmt: skip
        put(pdf, 660, [(368, "Total HT"), (-548, "106,80 €")])
        put(pdf, 650, [(34, "Quantité totale : 12")])
        put(pdf, 646, [(368, "TVA 20,00 %"), (-548, "21,36 €")])
        put(pdf, 632, [(368, "Total TTC"), (-548, "128,16 €")])

    order = render(draw, A4)
    line = order.lines[0]
    assert (line.vendor_part_number, line.quantity, line.unit_price) == ("HT-9002", Decimal(12), Decimal("8.90"))
    assert order.stated_total == Decimal("106.80")
    assert order.confidence.get("charges", 1.0) >= 0.9, order.warnings
