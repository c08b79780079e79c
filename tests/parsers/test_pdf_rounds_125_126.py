"""What blind rounds 125–126 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
STORIS's 'ACK BY' date beside the expected date, Khaos Control's 'Due' column of '18 Sep 2036' dates, Genius ERP's
'Remarques' caption beside 'Montant HT' under the rows, Kuali's 'Catalog Number' column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def _head(pdf: canvas.Canvas) -> None:
    put(pdf, 760, [(400, "PURCHASE ORDER")])
    put(pdf, 744, [(400, "PO Number: 45-9300")])
    put(pdf, 732, [(400, "PO Date: 09/02/2036")])


def test_an_acknowledgement_date_is_no_date_of_the_goods() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 690, [(40, "BUYER"), (110, "TERMS"), (190, "SHIP VIA"), (290, "ACK BY"), (380, "EXPECTED DATE")])
        put(pdf, 678, [(40, "SKIM"), (110, "NET 30"), (190, "VENDOR TRUCK"), (290, "09/04/2036"), (380, "09/16/2036")])
        put(pdf, 640, [(40, "Ln"), (70, "Product ID"), (150, "Description"), (-380, "Qty"), (-460, "Unit Cost"),
                       (-550, "Ext Cost")])  # fmt: skip
        put(pdf, 626, [(40, "1"), (70, "PL-5003"), (150, "BALL VALVE 1/2 IN BRASS"), (-380, "6"), (-460, "54.00"),
                       (-550, "324.00")])  # fmt: skip
        put(pdf, 600, [(400, "PO Total:"), (-550, "$324.00")])

    order = render(draw, letter)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 9, 16))]
    assert not order.hold_reasons


def test_a_due_column_gives_each_lines_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 640, [(40, "Qty"), (70, "Unit"), (110, "Supplier Ref"), (190, "Description"), (390, "Due"),
                       (-480, "Unit Cost"), (-560, "Value")])  # fmt: skip
        put(pdf, 626, [(-52, "12"), (70, "Box"), (110, "FS-4002"), (190, "Hex head screw M8 x 40"),
                       (390, "18 Sep 2036"), (-480, "27.40"), (-560, "328.80")])  # fmt: skip
        put(pdf, 612, [(-52, "4"), (70, "Each"), (110, "HT-9004"), (190, "Spirit level 600 mm"),
                       (390, "18 Sep 2036"), (-480, "22.40"), (-560, "89.60")])  # fmt: skip
        put(pdf, 590, [(400, "Net Total"), (-560, "418.40")])

    order = render(draw, letter)
    assert [ln.requested_date for ln in order.lines] == [date(2036, 9, 18)] * 2
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("FS-4002", 12), ("HT-9004", 4)]
    assert not order.hold_reasons


def test_a_remarks_caption_beside_the_net_total_ends_the_table() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(330, "BON DE COMMANDE")])
        put(pdf, 760, [(300, "Commande no"), (400, "Date de commande")])
        put(pdf, 748, [(300, "CMD-2026-8903"), (400, "18/09/2036")])
        put(pdf, 700, [(50, "Qté cmd"), (90, "Unité"), (143, "Description"), (-433, "Prix unit."), (448, "Esc. %"),
                       (-549, "Montant")])  # fmt: skip
        put(pdf, 686, [(-83, "3,00"), (89, "Carton"), (143, "Vanne à bille 1/2\" laiton"), (-433, "49,90"),
                       (-464, "0,00"), (-549, "149,70 €")])  # fmt: skip
        put(pdf, 676, [(143, "Réf. fournisseur : PL-5003")])
        put(pdf, 662, [(-83, "6,00"), (89, "pièce"), (143, "Jeu de tournevis, 6 pièces"), (-433, "14,10"),
                       (-464, "0,00"), (-549, "84,60 €")])  # fmt: skip
        put(pdf, 652, [(143, "Réf. fournisseur : HT-9005")])
        put(pdf, 636, [(45, "Remarques"), (350, "Montant HT"), (-549, "234,30 €")])
        put(pdf, 624, [(45, "Veuillez confirmer la réception de ce bon de commande.")])
        put(pdf, 612, [(350, "TVA (20,00 %)"), (-549, "46,86 €")])
        put(pdf, 600, [(350, "Montant total"), (-549, "281,16 €")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("PL-5003", 3), ("HT-9005", 6)]
    assert order.stated_total == Decimal("234.30")
    assert not order.hold_reasons


def test_a_catalog_number_column_names_the_item() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 640, [(40, "Line"), (70, "Catalog Number"), (160, "Description"), (-400, "Quantity"), (410, "UOM"),
                       (-490, "Unit Price"), (-560, "Total")])  # fmt: skip
        put(pdf, 626, [(40, "1"), (70, "AB-1002"), (160, "Anchor bolt M10 x 100"), (-400, "200.00"), (410, "EA"),
                       (-490, "$6.40"), (-560, "$1,280.00")])  # fmt: skip
        put(pdf, 616, [(70, "Commodity Code: 31161600 Item Type: QTY")])
        put(pdf, 596, [(420, "PO TOTAL"), (-560, "$1,280.00")])

    order = render(draw, letter)
    assert [(ln.buyer_part_number or ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("AB-1002", 200)]
    assert not order.hold_reasons


# Rounds 127–128 (read in the same stop): FoodNotify's 'Mo., 10.11.2036', MACH's 'Mat.-Nr. 310-0815 · Ihre Art.-Nr.
# AB-1001' under each position, CALCMENU's 'Marchandise' column and its subtotal after each category.


def test_a_date_after_its_abbreviated_day_of_the_week_reads() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "BESTELLUNG")])
        put(pdf, 760, [(300, "Bestellnummer: 4500021400")])
        put(pdf, 748, [(300, "Bestelldatum: 03.11.2036, 09:41 Uhr")])
        put(pdf, 736, [(300, "Lieferdatum: Mo., 10.11.2036")])
        put(pdf, 680, [(40, "Pos."), (70, "Art.-Nr."), (130, "Artikelbezeichnung"), (-380, "Menge"), (390, "Einheit"),
                       (-490, "Einzelpreis"), (-560, "Gesamtpreis")])  # fmt: skip
        put(pdf, 666, [(44, "1"), (70, "AB-1001"), (130, "Ankerbolzen M12 x 120"), (-380, "200"), (390, "Stk."),
                       (-490, "8,60"), (-560, "1.720,00")])  # fmt: skip
        put(pdf, 646, [(380, "Summe exkl. USt."), (-560, "1.720,00")])

    order = render(draw, A4)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 11, 10))]
    assert not order.hold_reasons


def test_a_material_number_and_ours_under_a_position() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestellung Nr. 4500021460")])
        put(pdf, 680, [(70, "Pos."), (100, "Menge"), (135, "Einheit"), (170, "Bezeichnung"), (-466, "Einzelpreis EUR"),
                       (-540, "Gesamtpreis EUR")])  # fmt: skip
        put(pdf, 666, [(74, "1"), (-128, "200"), (135, "St"), (170, "Ankerbolzen M12 x 120"), (-466, "8,60"),
                       (-540, "1.720,00")])  # fmt: skip
        put(pdf, 656, [(170, "Mat.-Nr. 310-0815 · Ihre Art.-Nr. AB-1001")])
        put(pdf, 636, [(400, "Summe netto"), (-540, "1.720,00")])

    order = render(draw, A4)
    assert [(ln.buyer_part_number, ln.vendor_part_number) for ln in order.lines] == [("310-0815", "AB-1001")]


def test_a_subtotal_after_each_category_sums_its_own_lines() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bon de commande N° CMD-2026-9002")])
        put(pdf, 680, [(43, "Marchandise"), (244, "Réf."), (302, "Unité"), (358, "Qté commandée"), (-474, "Prix"),
                       (-552, "Total")])  # fmt: skip
        put(pdf, 666, [(43, "Électricité")])
        put(pdf, 654, [(43, "Ampoule LED E27 9 W (carton de 12)"), (244, "EL-6003"), (302, "Carton"), (-416, "6,00"),
                       (-474, "27,60 €"), (-552, "165,60 €")])  # fmt: skip
        put(pdf, 642, [(390, "Sous-total Électricité"), (-552, "165,60 €")])
        put(pdf, 630, [(43, "Outillage")])
        put(pdf, 618, [(43, "Mètre ruban 5 m"), (244, "HT-9002"), (302, "Pièce"), (-416, "12,00"), (-474, "8,90 €"),
                       (-552, "106,80 €")])  # fmt: skip
        put(pdf, 606, [(43, "Jeu de tournevis 6 pièces"), (244, "HT-9005"), (302, "Pièce"), (-416, "6,00"),
                       (-474, "14,10 €"), (-552, "84,60 €")])  # fmt: skip
        put(pdf, 594, [(390, "Sous-total Outillage"), (-552, "191,40 €")])
        put(pdf, 576, [(390, "Montant HT"), (-552, "357,00 €")])

    order = render(draw, A4)
    assert [(ln.buyer_part_number or ln.vendor_part_number, ln.quantity) for ln in order.lines] == [
        ("EL-6003", 6),
        ("HT-9002", 12),
        ("HT-9005", 6),
    ]
    assert order.confidence["lines"] >= 0.9
    assert not order.hold_reasons
