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
