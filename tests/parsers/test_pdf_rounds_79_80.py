"""What blind rounds 79–80 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): MISA's 'Date 02 month 09 year 2032' and 'Delivery to:', Charisma's 'Artikelcode' and its 'Bestellung | Serie
| Nummer | Datum' row, CashCtrl's bare 'Commande' title, 'N° fournisseur' (our account, not the order) and
'N° article :' under a line, and SPS Commerce's 'Location # 0042' atop the ship-to, 'Buyer's' / 'Vendor's' over
'Item #' and a price list with no amount column checked by its total."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_misa_day_month_year_in_words_and_delivery_to() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 750, [(222, "PURCHASE ORDER"), (465, "No.: CP110150")])
        put(pdf, 730, [(241, "Date 02 month 09 year 2032")])
        put(pdf, 690, [(40, "Delivery to:"), (125, "Cedar & Pine Portland")])
        put(pdf, 677, [(125, "1420 NW Lovejoy Street, Portland, OR 97201")])
        put(pdf, 664, [(40, "Delivery date:"), (125, "12 Sep 2032")])
        put(pdf, 600, [(47, "No. Item code"), (197, "Description"), (353, "Unit"), (391, "Quantity"),
                       (444, "Unit price"), (522, "Amount")])  # fmt: skip
        put(pdf, 585, [(51, "1"), (69, "HT-9001"), (197, "Claw hammer 16 oz"), (356, "EA"), (-423, "24"),
                       (-481, "16.90"), (-552, "405.60")])  # fmt: skip
        put(pdf, 560, [(46, "Total"), (-552, "405.60")])

    order = render(draw, A4)
    assert order.po_date == date(2032, 9, 2)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Cedar & Pine Portland", "97201")


def test_charisma_number_in_a_row_led_by_the_title_and_artikelcode() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 12)
        put(pdf, 754, [(40, "Bestellung")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 754, [(370, "Serie"), (432, "Nummer"), (494, "Datum")])
        put(pdf, 739, [(370, "BST"), (432, "4500019003"), (494, "16.09.2032")])
        put(pdf, 600, [(47, "Nr. Artikelcode"), (133, "Bezeichnung"), (332, "ME"), (380, "Menge"), (421, "Einzelpreis"),
                       (534, "Wert")])  # fmt: skip
        put(pdf, 585, [(51, "1"), (69, "GL-8001"), (133, "Nitril-Handschuhe Gr. L"), (331, "Box"), (-405, "15"),
                       (-463, "10,90"), (-552, "163,50")])  # fmt: skip
        put(pdf, 560, [(385, "Summe netto"), (-553, "163,50")])

    order = render(draw, A4)
    assert order.po_number == "4500019003" and order.confidence["po_number"] >= 0.9
    assert [ln.vendor_part_number or ln.buyer_part_number for ln in order.lines] == ["GL-8001"]


def test_cashctrl_supplier_number_is_no_po_and_article_under_the_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 760, [(50, "Commande CMD-2026-6659")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 730, [(50, "Date"), (175, "Délai de livraison"), (300, "N° fournisseur")])
        put(pdf, 720, [(50, "08/10/2032"), (175, "22/10/2032"), (300, "F-0318")])
        put(pdf, 640, [(53, "Désignation"), (320, "Qté Unité"), (419, "Prix HT"), (498, "Montant HT")])
        put(pdf, 624, [(53, "Mètre ruban 5 m"), (-359, "20,00 pièce"), (-447, "8,90"), (-542, "178,00")])
        put(pdf, 613, [(53, "N° article : HT-9002")])
        put(pdf, 590, [(375, "Total HT"), (-542, "178,00")])

    order = render(draw, A4)
    # 'N° fournisseur' is our account at the customer; the bare 'Commande' alone on its line is the title, and
    # the number beside it, printed once, is read but not sure
    assert order.po_number == "CMD-2026-6659" and order.confidence["po_number"] < 0.9
    assert [ln.vendor_part_number or ln.buyer_part_number for ln in order.lines] == ["HT-9002"]


def test_a_bare_commande_is_a_title_only_alone_with_a_number_on_its_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(50, "Commande urgente")])
        put(pdf, 740, [(50, "Commande 12 cartons"), (300, "Date de commande")])
        put(pdf, 728, [(300, "08/10/2032")])
        put(pdf, 640, [(53, "Désignation"), (320, "Qté Unité"), (419, "Prix HT"), (498, "Montant HT")])
        put(pdf, 624, [(53, "Mètre ruban 5 m HT-9002"), (-359, "20,00 pièce"), (-447, "8,90"), (-542, "178,00")])
        put(pdf, 590, [(375, "Total HT"), (-542, "178,00")])

    order = render(draw, A4)
    assert order.po_number in ("", None) and order.po_date == date(2032, 10, 8)


def test_sps_location_code_atop_the_ship_to_and_codes_under_two_line_captions() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 710, [(40, "PO Number:"), (140, "45-7812")])
        put(pdf, 528, [(44, "Ship To:")])
        put(pdf, 516, [(44, "Location # 0042")])
        put(pdf, 505, [(44, "Acme Hardware Dayton")])
        put(pdf, 494, [(44, "1180 Wayne Avenue")])
        put(pdf, 483, [(44, "Dayton, OH 45402")])
        pdf.setFont("Helvetica", 7)
        put(pdf, 421, [(43, "Line #"), (77, "Buyer's"), (131, "Vendor's"), (261, "Item Description"), (428, "Qty UOM"),
                       (506, "Unit"), (555, "Ext.")])  # fmt: skip
        put(pdf, 412, [(77, "Item #"), (131, "Item #"), (504, "Price"), (552, "Price")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 396, [(43, "0001"), (77, "7731"), (131, "PL-5003"), (261, "BALL VALVE 1/2 IN BRASS"), (-441, "4"),
                       (454, "CS"), (-521, "54.00"), (-569, "216.00")])  # fmt: skip
        put(pdf, 383, [(43, "0002"), (131, "HT-9002"), (261, "TAPE MEASURE 5 M"), (-441, "24"), (454, "EA"),
                       (-521, "9.20"), (-569, "220.80")])  # fmt: skip
        put(pdf, 360, [(472, "Total Amount: $436.80")])

    order = render(draw)
    assert order.ship_to is not None
    assert order.ship_to.name == "Acme Hardware Dayton"
    assert [(ln.buyer_part_number, ln.vendor_part_number) for ln in order.lines] == [
        ("7731", "PL-5003"),
        (None, "HT-9002"),
    ]


def test_sps_prices_without_amounts_are_checked_by_the_total() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 710, [(40, "PO Number:"), (140, "45-7813")])
        put(pdf, 421, [(43, "Line"), (94, "Qty"), (116, "UOM"), (152, "Unit Price"), (193, "Vendor Part"),
                       (381, "Product Description")])  # fmt: skip
        put(
            pdf,
            405,
            [(-47, "1"), (-107, "40"), (120, "PK"), (-187, "5.60"), (193, "CX-2001"), (381, "CABLE TIE 200 MM")],
        )
        put(pdf, 392, [(-47, "2"), (-107, "120"), (120, "EA"), (-187, "1.95"), (193, "EL-6004"),
                       (381, "DUPLEX RECEPTACLE")])  # fmt: skip
        put(pdf, 370, [(485, "PO Total: $458.00")])

    order = render(draw)
    assert order.stated_total == Decimal("458.00")
    assert min(order.confidence[f"lines[{i}]"] for i in range(2)) >= 0.9
    assert order.confidence["lines"] >= 0.9


def test_microinvest_numero_centred_under_the_title() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 795, [(221, "BON DE COMMANDE")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 776, [(237, "Numéro : CMD-2026-6601")])
        put(pdf, 761, [(262, "Date : 08.09.2032")])
        put(pdf, 640, [(40, "Code"), (110, "Désignation"), (330, "Qté"), (430, "Prix unitaire"), (510, "Montant HT")])
        put(pdf, 624, [(40, "EL-6002"), (110, "Rallonge 10 m"), (-350, "10"), (-470, "19,90"), (-560, "199,00")])
        put(pdf, 600, [(430, "Total HT"), (-560, "199,00")])

    order = render(draw, A4)
    assert order.po_number == "CMD-2026-6601"
    assert order.po_date == date(2032, 9, 8)
