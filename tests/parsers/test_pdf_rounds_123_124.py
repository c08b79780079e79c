"""What blind rounds 123–124 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
EnKontrol's supplier block 'No. 4127 RIDGELINE …' under 'SUPPLIER' beside an empty 'FOLIO' (the supplier's number
released as the PO: a wrong order), Ginesys's 'Valid Till' and 'PO Expiry' dates, Mago4's 'Destination of goods',
Coswin's 'cart.' unit."""

from __future__ import annotations

from datetime import date

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render

_ROWS = [
    [(40, "Item #"), (120, "Description"), (-380, "Qty"), (-470, "Unit Price"), (-550, "Amount")],
    [(40, "AB-1001"), (120, "Anchor bolt M12 x 120 zinc"), (-380, "150"), (-470, "9.25"), (-550, "1,387.50")],
]


def _table(pdf: canvas.Canvas) -> None:
    put(pdf, 600, _ROWS[0])  # type: ignore[arg-type]
    put(pdf, 586, _ROWS[1])  # type: ignore[arg-type]
    put(pdf, 564, [(400, "TOTAL"), (-550, "1,387.50")])


def test_the_suppliers_number_under_its_caption_is_no_po() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "PURCHASE ORDER")])
        put(pdf, 744, [(400, "FOLIO")])
        put(pdf, 732, [(400, "ISSUE DATE"), (470, "08-Aug-2036")])
        put(pdf, 700, [(40, "SUPPLIER"), (300, "SHIP TO")])
        put(pdf, 688, [(40, "No. 4127 RIDGELINE FASTENER & TOOL SUPPLY"), (300, "Granite State Yard Nashua")])
        put(pdf, 676, [(40, "4400 INDUSTRIAL PARKWAY"), (300, "44 Spit Brook Road")])
        put(pdf, 664, [(40, "CLEVELAND, OH 44135 USA"), (300, "Nashua, NH 03060")])
        _table(pdf)

    order = render(draw, letter)
    assert order.po_number != "4127"


def test_a_number_label_of_its_own_still_reads() -> None:
    """'No. 45-8123' in the title's box, under no party's caption, is the order's number as before."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "PURCHASE ORDER")])
        put(pdf, 744, [(400, "No. 45-8123")])
        put(pdf, 700, [(40, "SUPPLIER"), (300, "SHIP TO")])
        put(pdf, 688, [(40, "RIDGELINE FASTENER & TOOL SUPPLY"), (300, "Acme Hardware Dayton")])
        put(pdf, 676, [(40, "CLEVELAND, OH 44135 USA"), (300, "Dayton, OH 45402")])
        _table(pdf)

    order = render(draw, letter)
    assert order.po_number == "45-8123"


def test_a_validity_and_an_expiry_are_no_dates_of_the_order() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(250, "PURCHASE ORDER")])
        put(pdf, 740, [(300, "PO No."), (380, ": CP111451")])
        put(pdf, 728, [(300, "PO Date"), (380, ": 04-Aug-2036")])
        put(pdf, 716, [(300, "Delivery Date"), (380, ": 18-Aug-2036")])
        put(pdf, 704, [(300, "Valid Till"), (380, ": 01-Sep-2036")])
        put(pdf, 692, [(300, "PO Expiry"), (380, ": 05-Sep-2036")])
        _table(pdf)

    order = render(draw, A4)
    assert order.po_date == date(2036, 8, 4)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 8, 18))]
    assert not order.hold_reasons


def test_destination_of_goods_is_the_ship_to() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "PURCHASE ORDER")])
        put(pdf, 744, [(400, "Number 45-9251")])
        put(pdf, 700, [(40, "Destination of goods"), (300, "Messrs.")])
        put(pdf, 688, [(44, "Acme Hardware Dayton"), (300, "Ridgeline Fastener & Tool Supply")])
        put(pdf, 676, [(44, "1450 Wayne Avenue"), (300, "4400 Industrial Parkway")])
        put(pdf, 664, [(44, "Dayton, OH 45402"), (300, "Cleveland, OH 44135")])
        _table(pdf)

    order = render(draw, letter)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Acme Hardware Dayton", "45402")
    assert order.confidence["ship_to"] >= CONFIDENT


def test_cart_abbreviated_is_a_carton() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(300, "BON DE COMMANDE"), (450, "Commande n° : CMD-2026-8854")])
        put(pdf, 640, [(40, "Ligne"), (80, "Désignation"), (280, "Réf. fournisseur"), (-400, "Quantité"),
                       (410, "Unité"), (-500, "Prix unitaire HT"), (-560, "Montant HT")])  # fmt: skip
        put(pdf, 626, [(40, "10"), (80, "Rallonge 10 m 3 prises"), (280, "EL-6002"), (-400, "6,000"), (410, "pce"),
                       (-500, "19,90 €"), (-560, "119,40 €")])  # fmt: skip
        put(pdf, 612, [(40, "20"), (80, "Vanne 1/4 de tour (carton de 10)"), (280, "PL-5003"), (-400, "3,000"),
                       (410, "cart."), (-500, "49,90 €"), (-560, "149,70 €")])  # fmt: skip
        put(pdf, 590, [(400, "Total HT"), (-560, "269,10 €")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines] == [
        ("EL-6002", 6, "EA"),
        ("PL-5003", 3, "CT"),
    ]
