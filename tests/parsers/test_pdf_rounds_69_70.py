"""What blind rounds 69–70 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): HELIOS Orange's 'Datum der Bestellung' and 'Katalognummer: … Ihre Art.-Nr.: …', PRIMAVERA's 'Date
livraison', Avanti Slingshot's "Req'd: 12/12/2031 Rel 1 of 1" under a line, Pyramid's 'Art. no' beside
'Supplier art. no', and Retalix's 'Ship To:  Store 101' with the address set under the store's number."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_helios_order_date_and_catalogue_numbers_under_the_lines() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(44, "Bestellung Nr. 4500018551")])
        put(pdf, 700, [(304, "Datum der Bestellung:"), (509, "03.11.2031")])
        put(pdf, 688, [(304, "Liefertermin:"), (509, "17.11.2031")])
        put(pdf, 640, [(43, "Bezeichnung / Katalognummer"), (307, "Menge ME"), (418, "Preis"), (521, "Betrag")])
        put(pdf, 624, [(43, "Ankerbolzen M10 x 100 verzinkt"), (305, "500,00 St"), (-433, "5,90"), (-552, "2.950,00")])
        put(pdf, 613, [(43, "Katalognummer: 310-0816 Ihre Art.-Nr.: AB-1002")])
        put(pdf, 600, [(43, "Schutzbrille klar"), (309, "60,00 St"), (-433, "4,60"), (-552, "276,00")])
        put(pdf, 589, [(43, "Katalognummer: SF-8101")])
        put(pdf, 566, [(359, "Summe netto"), (-551, "3.226,00")])

    order = render(draw, A4)
    assert order.po_date == date(2031, 11, 3)
    assert [d.value for d in order.dates] == [date(2031, 11, 17)]
    assert [ln.vendor_part_number for ln in order.lines] == ["AB-1002", "SF-8101"]
    assert order.lines[0].buyer_part_number == "310-0816"


def test_primavera_date_livraison_over_its_value() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(250, "N° CMD-2026-6199")])
        put(pdf, 740, [(44, "Code fournisseur"), (124, "Date"), (194, "Date livraison"), (269, "Cond. paiement")])
        put(pdf, 726, [(44, "F0000317"), (124, "2031-12-02"), (194, "2031-12-16"), (269, "60 jours fin de mois")])
        put(pdf, 640, [(40, "Article"), (120, "Désignation"), (330, "Qté"), (420, "Prix"), (520, "Montant")])
        put(pdf, 624, [(40, "HT-9002"), (120, "Mètre ruban 5 m"), (-345, "10"), (-440, "8,90"), (-550, "89,00")])
        put(pdf, 600, [(420, "Total HT"), (-550, "89,00")])

    order = render(draw, A4)
    assert [d.value for d in order.dates] == [date(2031, 12, 16)]


def test_avanti_required_date_and_release_of_one_under_a_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "PO Number: BL-26-6049")])
        put(pdf, 560, [(57, "Qty"), (112, "Item #"), (455, "Unit"), (538, "Extended")])
        put(pdf, 551, [(41, "Ordered UOM"), (112, "Description"), (453, "Cost"), (555, "Cost")])
        put(pdf, 535, [(-89, "400 EA"), (112, "AB-1002"), (-470, "6.100"), (-572, "2,440.00")])
        put(pdf, 524, [(112, "Anchor bolt M10 x 100 zinc plated")])
        put(pdf, 512, [(112, "Req'd: 12/12/2031 Rel 1 of 1")])
        put(pdf, 480, [(454, "Sub Total"), (-572, "2,440.00")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.requested_date) for ln in order.lines] == [("AB-1002", date(2031, 12, 12))]
    assert order.lines[0].description == "Anchor bolt M10 x 100 zinc plated"


def test_pyramid_article_number_beside_the_suppliers() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "Purchase order 45-7549")])
        put(pdf, 560, [(40, "Row Art. no"), (104, "Supplier art. no Description"), (355, "Qty Unit"),
                       (418, "Price USD"), (526, "Amount USD")])  # fmt: skip
        put(pdf, 544, [(40, "10"), (104, "AB-1001"), (170, "Anchor bolt M12 x 120"), (342, "100.00 pcs"),
                       (-454, "9.25"), (-572, "925.00")])  # fmt: skip
        put(pdf, 528, [(40, "20 7752"), (104, "GL-8001"), (170, "Nitrile gloves size L"), (347, "12.00 box"),
                       (-454, "11.20"), (-572, "134.40")])  # fmt: skip
        put(pdf, 500, [(344, "Order total USD"), (-572, "1,059.40")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines] == [
        ("AB-1001", None),
        ("GL-8001", "7752"),
    ]
    assert [ln.quantity for ln in order.lines] == [Decimal(100), Decimal(12)]


def test_retalix_ship_to_address_under_the_store_number() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 720, [(36, "PO Number:"), (116, "CP109899")])
        put(pdf, 680, [(320, "Ship To:"), (372, "Store 101")])
        put(pdf, 669, [(36, "Buyer:"), (116, "TESS OKAFOR"), (372, "Cedar & Pine Portland")])
        put(pdf, 658, [(36, "Dept:"), (116, "04 HARDWARE"), (372, "1330 NW Lovejoy Street")])
        put(pdf, 647, [(372, "Portland, OR 97201")])
        put(pdf, 560, [(40, "Item"), (110, "Description"), (-350, "Qty"), (-480, "Unit Price"), (-560, "Amount")])
        put(pdf, 544, [(40, "HT-9001"), (110, "Claw hammer"), (-350, "24"), (-480, "16.90"), (-560, "405.60")])
        put(pdf, 520, [(400, "PO Total:"), (-560, "405.60")])

    order = render(draw)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Cedar & Pine Portland", "97201")


def test_winmentor_column_numbers_under_the_captions_are_no_line() -> None:
    """WinMentor's French print numbers its columns under the captions ('0 1 2 3 4 5 6'), and its description
    column is 'Désignation des produits' beside a plain 'Code'; 'Date de livraison' stands over 'Mode de
    paiement' with both values flush right, far off."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(218, "N° CMD-2026-6100 du 04.11.2031")])
        put(pdf, 700, [(318, "Date de livraison :"), (-559, "14.11.2031")])
        put(pdf, 689, [(318, "Mode de paiement :"), (-559, "virement à 30 jours")])
        put(pdf, 640, [(45, "N°"), (65, "Désignation des produits"), (261, "Code"), (329, "U.M."),
                       (377, "Quantité"), (435, "Prix unitaire"), (524, "Valeur HT")])  # fmt: skip
        put(pdf, 627, [(47, "0"), (158, "1"), (284, "2"), (334, "3"), (381, "4"), (441, "5"), (517, "6")])
        put(pdf, 614, [(47, "1"), (65, "Mètre ruban 5 m"), (261, "HT-9002"), (333, "U"), (-405, "10"),
                       (-475, "8,90"), (-556, "89,00")])  # fmt: skip
        put(pdf, 598, [(47, "2"), (65, "Ruban PTFE 12 mm x 12 m"), (261, "PL-5001"), (321, "Rouleau"),
                       (-405, "120"), (-475, "1,25"), (-556, "150,00")])  # fmt: skip
        put(pdf, 570, [(353, "Total HT"), (-556, "239,00 EUR")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("HT-9002", 10), ("PL-5001", 120)]
    assert [d.value for d in order.dates] == [date(2031, 11, 14)]
    assert order.terms is not None


def test_winmentor_number_in_the_caption_row_under_the_title() -> None:
    """'COMMANDE FOURNISSEUR' over 'Numéro | Date | Page' over their values: the title's box, so its bare
    'Numéro' is the order's number, sure though it is printed once."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 16)
        put(pdf, 760, [(196, "COMMANDE FOURNISSEUR")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 736, [(213, "Numéro"), (293, "Date"), (367, "Page")])
        put(pdf, 724, [(192, "CMD-2026-6101"), (278, "07.11.2031"), (366, "1 / 1")])
        put(pdf, 640, [(63, "Code article"), (119, "Désignation"), (331, "Qté"), (410, "P.U. HT"), (524, "Valeur HT")])
        put(pdf, 624, [(63, "HT-9002"), (119, "Mètre ruban 5 m"), (-343, "10"), (-435, "8,90"), (-556, "89,00")])
        put(pdf, 600, [(410, "Total HT"), (-556, "89,00")])

    order = render(draw, A4)
    assert order.po_number == "CMD-2026-6101" and order.confidence["po_number"] >= 0.9
    assert order.po_date == date(2031, 11, 7)
