"""What blind rounds 131–132 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Cpage GEF's 'N° de marché / lot' (a public contract's number, not the order's) beside an empty 'Commande n° :'
(the planted P2504 was released with the contract's number), Agilysys Eatec's 'CS (24/cs)' under 'Order Unit',
ready2order's 'Pkg.'."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _cpage(number: str) -> object:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "QUINCAILLERIE LUMIÈRE SARL"), (330, "BON DE COMMANDE")])
        put(pdf, 785, [(330, f"Commande n° : {number}".strip())])
        put(pdf, 770, [(330, "Date de commande : 20/04/2037")])
        put(pdf, 730, [(45, "Service"), (160, "Imputation"), (260, "N° de marché / lot")])
        put(pdf, 718, [(45, "Magasin Grenoble"), (160, "60632"), (260, "2035-014 lot 3")])
        put(pdf, 680, [(40, "Ligne"), (70, "Libellé"), (250, "Réf. fournisseur"), (330, "Unité"), (-400, "Qté cdée"),
                       (-470, "Prix unit. HT"), (-550, "Total HT")])  # fmt: skip
        put(pdf, 666, [(45, "1"), (70, "Rallonge électrique 10 m"), (250, "EL-6002"), (330, "pièce"), (-400, "8,00"),
                       (-470, "19,90"), (-550, "159,20")])  # fmt: skip
        put(pdf, 640, [(400, "Total HT"), (-550, "159,20 €")])

    return render(draw, A4)


def test_a_public_contracts_number_is_no_po_number_when_the_orders_is_left_empty() -> None:
    order = _cpage("")
    assert not order.po_number


def test_the_orders_number_beside_a_public_contracts() -> None:
    order = _cpage("CMD-2026-9251")
    assert order.po_number == "CMD-2026-9251"
    assert order.confidence["po_number"] >= CONFIDENT


def test_an_empty_specific_po_label_keeps_a_weak_labels_number_out() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(330, "Purchase Order No.:")])
        put(pdf, 745, [(330, "Date: 04/20/2037")])
        put(pdf, 720, [(40, "No. 4127-33")])
        put(pdf, 700, [(40, "Item"), (110, "Description"), (-378, "Qty"), (-470, "Price"), (-560, "Amount")])
        put(pdf, 686, [(40, "AB-1001"), (110, "Anchor bolt"), (-378, "10"), (-470, "8.60"), (-560, "86.00")])
        put(pdf, 660, [(400, "Total"), (-560, "86.00")])

    assert not render(draw, letter).po_number


def test_a_unit_with_its_pack_in_brackets_under_order_unit() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "Order # 45-9561")])
        put(pdf, 700, [(36, "Description"), (204, "Item #"), (244, "Vendor Item"), (312, "Order Unit"),
                       (369, "Qty Ordered"), (448, "Unit Cost"), (541, "Ext. Cost")])  # fmt: skip
        put(pdf, 686, [(40, "Tape duct 48mm silver"), (204, "7740"), (244, "TP-7001"), (312, "CS (24/cs)"),
                       (-416, "2"), (-484, "112.00"), (-576, "224.00")])  # fmt: skip
        put(pdf, 672, [(40, "Ear plugs foam 200 pr"), (244, "SF-8102"), (312, "BX (200 pr/bx)"), (-416, "3"),
                       (-484, "23.50"), (-576, "70.50")])  # fmt: skip
        put(pdf, 650, [(400, "Order Total (USD):"), (-576, "294.50")])

    order = render(draw, letter)
    read = [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines]
    assert read == [("TP-7001", Decimal(2), "CS"), ("SF-8102", Decimal(3), "BX")]


def test_pkg_is_a_pack() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(330, "Bestellnummer 4500021623")])
        put(pdf, 700, [(48, "Pos."), (74, "Art.-Nr."), (134, "Bezeichnung"), (-350, "Menge"), (356, "Einheit"),
                       (-455, "EK netto"), (-553, "Summe netto")])  # fmt: skip
        put(pdf, 686, [(48, "1"), (74, "CX-2001"), (134, "Kabelbinder 200 mm, VE 100"), (-350, "40"), (356, "Pkg."),
                       (-455, "€ 5,20"), (-553, "€ 208,00")])  # fmt: skip
        put(pdf, 660, [(400, "Summe netto"), (-553, "€ 208,00")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines] == [("CX-2001", Decimal(40), "PK")]
