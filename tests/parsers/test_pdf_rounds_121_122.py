"""What blind rounds 121–122 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Dynamics C5's dashed dates with a two-digit year ('14-04-36', released with no date at all: a wrong order), a
wrapped text line starting 'report …' (no carried-over 'Report'), Bouwsoft's 'Réf. offre' beside an empty
'Numéro' (the quote's number released as the PO: a wrong order), Garp's 'Our art no | Your art no' and 'Delivery
time 2036-04-14 (w 16)', TechnologyOne's 'Catalogue Item 7740 · Supplier Item TP-7001', NEVARIS's numbered
sections with their sums between them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT, LOW_CONFIDENCE
from tests.parsers.test_pdf_generated import put, render


def _c5(order_date: str, delivery: str) -> canvas.Canvas:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Purchase order")])
        put(pdf, 744, [(300, "Order no."), (360, "BL-26-7550")])
        put(pdf, 732, [(300, "Date"), (360, order_date)])
        put(pdf, 700, [(300, "Delivery date"), (380, delivery)])
        put(pdf, 640, [(40, "Item no."), (100, "Text"), (-330, "Qty."), (340, "Unit"), (-430, "Price"),
                       (-520, "Amount")])  # fmt: skip
        put(pdf, 626, [(40, "AB-1002"), (100, "Anchor bolt M10 x 100 zinc plated"), (-330, "600"), (340, "pcs"),
                       (-430, "6,10"), (-520, "3.660,00")])  # fmt: skip
        put(pdf, 604, [(380, "Total USD"), (-520, "3.660,00")])

    return draw  # type: ignore[return-value]


def test_dashed_dates_with_a_two_digit_year_day_first() -> None:
    order = render(_c5("14-04-36", "23-04-36"), A4)
    assert order.po_date == date(2036, 4, 14)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 4, 23))]
    assert order.confidence["po_date"] >= CONFIDENT


def test_a_dashed_date_whose_year_may_come_first_holds() -> None:
    """'10-04-26': day-month-year, month-day-year or Sweden's year-month-day; printed and not read, it holds."""
    order = render(_c5("10-04-26", "23-04-26"), A4)
    held = {(r.code, r.field) for r in order.hold_reasons}
    assert order.po_date is None
    assert (LOW_CONFIDENCE, "po_date") in held


def test_a_wrapped_line_starting_with_report_is_no_carried_total() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase order"), (300, "Order no. BL-26-7553")])
        put(pdf, 640, [(40, "Item no."), (100, "Text"), (-330, "Qty."), (340, "Unit"), (-430, "Price"),
                       (-520, "Amount")])  # fmt: skip
        put(pdf, 626, [(40, "PL-5003"), (100, "Ball valve 1/2 in brass (case of 10)"), (-330, "6"), (340, "case"),
                       (-430, "54,00"), (-520, "324,00")])  # fmt: skip
        put(pdf, 614, [(100, "Each valve pressure-tested; test")])
        put(pdf, 602, [(100, "report per lot with the delivery.")])
        put(pdf, 588, [(40, "PL-5004"), (100, "PEX pipe 16 mm coil 50 m"), (-330, "4"), (340, "roll"), (-430, "62,00"),
                       (-520, "248,00")])  # fmt: skip
        put(pdf, 566, [(380, "Total USD"), (-520, "572,00")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("PL-5003", 6), ("PL-5004", 4)]
    assert order.confidence["lines"] >= CONFIDENT


def test_the_quotes_reference_beside_an_empty_number_is_no_po() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "COMMANDE FOURNISSEUR")])
        put(pdf, 740, [(40, "Numéro"), (110, "Date commande"), (200, "Fournisseur"), (280, "Réf. offre"),
                       (360, "Commandé par")])  # fmt: skip
        put(pdf, 728, [(110, "07/04/2036"), (200, "F0317"), (280, "DEV-5531"), (360, "Claire Dubois")])
        put(pdf, 640, [(40, "Description"), (230, "Réf."), (-340, "Quantité"), (350, "Unité"), (-450, "PU HTVA"),
                       (-540, "Montant HTVA")])  # fmt: skip
        put(pdf, 626, [(40, "Vanne 1/4 tour 1/2 laiton"), (230, "PL-5003"), (-340, "3,00"), (350, "carton"),
                       (-450, "49,90"), (-540, "149,70")])  # fmt: skip
        put(pdf, 604, [(380, "Total HTVA"), (-540, "149,70 €")])

    order = render(draw, A4)
    assert order.po_number != "DEV-5531"


def test_our_and_your_article_numbers_and_the_delivery_time() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Purchase order")])
        put(pdf, 744, [(300, "Order date"), (370, "Purchase order"), (460, "Page")])
        put(pdf, 732, [(300, "2036-04-07"), (370, "CP111351"), (460, "1 (1)")])
        put(pdf, 700, [(300, "Delivery time"), (380, "2036-04-17 (w 16)")])
        put(pdf, 640, [(40, "Our art no"), (110, "Your art no"), (180, "Description"), (-400, "Qty"), (410, "Unit"),
                       (-480, "Price/unit"), (-550, "Amount")])  # fmt: skip
        put(pdf, 626, [(40, "CP-440120"), (110, "GL-8002"), (180, "Leather Work Gloves XL"), (-400, "36,00"),
                       (410, "PAIR"), (-480, "8,60"), (-550, "309,60")])  # fmt: skip
        put(pdf, 612, [(40, "GL-8001"), (110, "GL-8001"), (180, "Nitrile Gloves L 100ct"), (-400, "20,00"),
                       (410, "BOX"), (-480, "11,90"), (-550, "238,00")])  # fmt: skip
        put(pdf, 590, [(380, "Total order value USD"), (-550, "547,60")])

    order = render(draw, letter)
    assert [(ln.buyer_part_number, ln.vendor_part_number) for ln in order.lines] == [
        ("CP-440120", "GL-8002"),
        ("GL-8001", "GL-8001"),
    ]
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 4, 17))]


def test_catalogue_item_then_supplier_item_under_the_description() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "OFFICIAL ORDER")])
        put(pdf, 744, [(300, "Purchase Order No."), (400, "45-9202")])
        put(pdf, 640, [(40, "Ln"), (60, "Description"), (-360, "Quantity"), (370, "Unit"), (-470, "Unit Price"),
                       (-550, "Net Amount")])  # fmt: skip
        put(pdf, 626, [(40, "1"), (60, "DUCT TAPE 48MM X 50M SILVER - CASE 24"), (-360, "4.00"), (370, "Case"),
                       (-470, "112.0000"), (-550, "448.00")])  # fmt: skip
        put(pdf, 614, [(60, "Catalogue Item 7740 · Supplier Item TP-7001")])
        put(pdf, 600, [(40, "2"), (60, "EXTENSION CORD 10M 3 OUTLET"), (-360, "12.00"), (370, "Each"),
                       (-470, "21.9000"), (-550, "262.80")])  # fmt: skip
        put(pdf, 588, [(60, "Supplier Item EL-6002")])
        put(pdf, 566, [(380, "Order Total USD"), (-550, "710.80")])

    order = render(draw, letter)
    assert [(ln.buyer_part_number, ln.vendor_part_number) for ln in order.lines] == [
        ("7740", "TP-7001"),
        (None, "EL-6002"),
    ]
    assert order.confidence["lines"] >= CONFIDENT


def _nevaris(sum_01: str) -> canvas.Canvas:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Bestellung 4500021151")])
        put(pdf, 700, [(40, "OZ"), (-130, "Menge"), (140, "Einh."), (170, "Text"), (-470, "EP EUR"), (-550, "GP EUR")])
        put(pdf, 686, [(40, "01"), (170, "Befestigungstechnik")])
        put(pdf, 672, [(40, "01.0010"), (-130, "200,000"), (140, "St"), (170, "Ankerbolzen M12 x 120"), (-470, "8,60"),
                       (-550, "1.720,00")])  # fmt: skip
        put(pdf, 660, [(170, "Ihre Art.-Nr. AB-1001")])
        put(pdf, 646, [(40, "01.0020"), (-130, "500,000"), (140, "St"), (170, "Ankerbolzen M8 x 80"), (-470, "3,80"),
                       (-550, "1.900,00")])  # fmt: skip
        put(pdf, 634, [(170, "Ihre Art.-Nr. AB-1003")])
        put(pdf, 620, [(170, "Summe 01 Befestigungstechnik"), (-550, sum_01)])
        put(pdf, 606, [(40, "02"), (170, "Bohren und Meißeln")])
        put(pdf, 592, [(40, "02.0010"), (-130, "100,000"), (140, "St"), (170, "HSS-Spiralbohrer 8 mm"), (-470, "3,80"),
                       (-550, "380,00")])  # fmt: skip
        put(pdf, 580, [(170, "Ihre Art.-Nr. DR-3002")])
        put(pdf, 566, [(170, "Summe 02 Bohren und Meißeln"), (-550, "380,00")])
        put(pdf, 546, [(380, "Summe netto"), (-550, "4.000,00 EUR")])

    return draw  # type: ignore[return-value]


def test_numbered_sections_with_their_sums_between_them() -> None:
    order = render(_nevaris("3.620,00"), A4)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [
        ("AB-1001", 200),
        ("AB-1003", 500),
        ("DR-3002", 100),
    ]
    assert order.stated_total == Decimal("4000.00")


def test_a_section_sum_that_is_not_its_rows_ends_the_table() -> None:
    """A figure after 'Summe 01 …' that the section's rows do not make is no section's sum: the rows after it
    are not read as the order's, and the order holds."""
    order = render(_nevaris("3.260,00"), A4)
    assert len(order.lines) < 3 or order.hold_reasons


def test_cross_dock_ships_to_the_centre_marked_for_the_store() -> None:
    """Review 28's side remark: 'Ship To:' a distribution centre beside 'Deliver To Store:' the store it is for. The
    goods go to the centre (the ship-to the core checks); the store is kept as the mark-for party, not dropped."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order"), (400, "PO # CP111399")])
        put(pdf, 720, [(40, "Ship To:"), (300, "Deliver To Store:")])
        put(pdf, 708, [(40, "Cedar & Pine Distribution Center"), (300, "Cedar & Pine Salem")])
        put(pdf, 696, [(40, "4100 NW Yeon Avenue"), (300, "3850 Commercial Street SE")])
        put(pdf, 684, [(40, "Portland, OR 97210"), (300, "Salem, OR 97301")])
        put(pdf, 640, [(40, "Item #"), (120, "Description"), (-380, "Qty"), (-470, "Unit Price"), (-550, "Amount")])
        put(pdf, 626, [(40, "HT-9001"), (120, "Claw hammer 16 oz"), (-380, "12"), (-470, "16.90"), (-550, "202.80")])
        put(pdf, 604, [(400, "Total"), (-550, "202.80")])

    order = render(draw, letter)
    assert order.ship_to is not None and order.ship_to.postal_code == "97210"
    assert order.mark_for is not None
    assert (order.mark_for.role, order.mark_for.name, order.mark_for.postal_code) == (
        "Z7",
        "Cedar & Pine Salem",
        "97301",
    )


def test_mark_for_under_its_own_label() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order"), (400, "PO # 45-9299")])
        put(pdf, 720, [(40, "Ship To:"), (300, "Mark For:")])
        put(pdf, 708, [(40, "Acme Hardware Dayton"), (300, "Acme Hardware Columbus")])
        put(pdf, 696, [(40, "455 East Third Street"), (300, "88 North High Street")])
        put(pdf, 684, [(40, "Dayton, OH 45402"), (300, "Columbus, OH 43215")])
        put(pdf, 640, [(40, "Item #"), (120, "Description"), (-380, "Qty"), (-470, "Unit Price"), (-550, "Amount")])
        put(pdf, 626, [(40, "HT-9001"), (120, "Claw hammer 16 oz"), (-380, "12"), (-470, "16.90"), (-550, "202.80")])
        put(pdf, 604, [(400, "Total"), (-550, "202.80")])

    order = render(draw, letter)
    assert order.ship_to is not None and order.ship_to.postal_code == "45402"
    assert order.mark_for is not None and order.mark_for.postal_code == "43215"
