"""What blind rounds 97–98 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Orgadata LogiKal's ship-to name and street on one line ('Hansa Lager Bremen, Am Holzhafen 12'); dk's 'Text'
column and its 'Amount excl. tax' after a note under the rows; Popsy's 'Rem.' over '%' (the discount);
Florisoft's 'Supplier art.' (our item beside the customer's 'Article') and its footer 'Florisoft | printed
05-04-2034 | user KIMB'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_a_ship_to_name_and_street_on_one_line_over_the_postal_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestellung Nr. 4500019951")])
        put(pdf, 768, [(300, "Datum 03.04.2034")])
        put(pdf, 730, [(40, "Lieferanschrift"), (300, "Liefertermin")])
        put(pdf, 718, [(40, "Hansa Lager Bremen, Am Holzhafen 12"), (300, "12.04.2034")])
        put(pdf, 706, [(40, "28195 Bremen")])
        put(pdf, 670, [(40, "Pos."), (70, "Artikel-Nr."), (150, "Bezeichnung"), (360, "Menge"), (400, "ME"),
                       (450, "EP EUR"), (510, "GP EUR")])  # fmt: skip
        put(pdf, 656, [(40, "10"), (70, "AB-1001"), (150, "Ankerbolzen M12 x 120"), (-385, "200"), (400, "Stück"),
                       (-480, "8,60"), (-545, "1.720,00")])  # fmt: skip
        put(pdf, 630, [(420, "Summe netto"), (-545, "1.720,00")])

    order = render(draw, A4)
    assert order.ship_to is not None
    ship_to = order.ship_to
    assert (ship_to.name, ship_to.address_lines, ship_to.postal_code) == (
        "Hansa Lager Bremen",
        ["Am Holzhafen 12"],
        "28195",
    )


def test_a_text_column_and_the_net_amount_after_a_note_under_the_rows() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(300, "P/O number 45-8357")])
        put(pdf, 728, [(300, "Date 06.03.2034")])
        put(pdf, 640, [(46, "Qty"), (70, "Unit"), (100, "Item"), (150, "Text"), (420, "Price USD"), (500, "Total USD")])
        put(pdf, 626, [(-58, "100"), (70, "pcs"), (100, "AB-1001"), (150, "Anchor bolt M12 x 120"), (-455, "9.25"),
                       (-545, "925.00")])  # fmt: skip
        put(pdf, 612, [(-58, "10"), (70, "pcs"), (100, "HT-9005"), (150, "Screwdriver set 6 pc"), (-455, "15.30"),
                       (-545, "153.00")])  # fmt: skip
        put(pdf, 590, [(40, "Please confirm this order by return e-mail."), (380, "Amount excl. tax"),
                       (-545, "1,078.00")])  # fmt: skip
        put(pdf, 578, [(40, "Questions: purchasing@acme.example"), (380, "Sales tax 0.00")])
        put(pdf, 566, [(380, "Total USD"), (-545, "1,078.00")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [
        ("AB-1001", "Anchor bolt M12 x 120"),
        ("HT-9005", "Screwdriver set 6 pc"),
    ]
    assert order.stated_total == Decimal("1078.00")
    assert not order.hold_reasons


def test_rem_over_percent_is_the_discount_not_part_of_the_price_caption() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "N° commande"), (140, "Date")])
        put(pdf, 728, [(40, "CMD-2026-7502"), (140, "03/03/2034")])
        pdf.setFont("Times-Bold", 9.5)
        put(pdf, 640, [(44, "Référence"), (104, "Désignation"), (310, "Quantité"), (352, "Unité"), (411, "Prix unit."),
                       (459, "Rem."), (529, "Total")])  # fmt: skip
        put(pdf, 628.5, [(423, "HTVA"), (470, "%"), (524, "HTVA")])
        pdf.setFont("Times-Roman", 9.5)
        put(pdf, 613, [(44, "EL-6001"), (104, "Assortiment de connecteurs"), (-346, "10"), (352, "pièce"),
                       (-450, "13,50"), (-480, "0,00"), (-551, "135,00")])  # fmt: skip
        put(pdf, 590, [(420, "Total HTVA"), (-551, "135,00 €")])

    order = render(draw, A4)
    lines = [(ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines]
    assert lines == [("EL-6001", Decimal("10"), Decimal("13.50"))]


def test_supplier_art_is_our_item_and_a_print_date_after_a_bar_is_labelled() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "Purchase order"), (120, "Order date"), (220, "Delivery date")])
        put(pdf, 728, [(40, "45-8401"), (120, "5 April 2034"), (220, "16 April 2034")])
        put(pdf, 640, [(42, "Article"), (92, "Supplier art."), (157, "Description"), (371, "Quantity"), (473, "Price"),
                       (523, "Amount")])  # fmt: skip
        put(pdf, 626, [(92, "HT-9002"), (157, "Tape measure 5 m"), (-403, "24"), (-493, "9.20"), (-553, "220.80")])
        put(pdf, 600, [(420, "Total excl. tax"), (-553, "$ 220.80")])
        put(pdf, 40, [(40, "Florisoft | printed 05-04-2034 | user KIMB")])

    order = render(draw, letter)
    assert [ln.vendor_part_number for ln in order.lines] == ["HT-9002"]
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2034, 4, 16)]
    assert not any("without a label" in h.message for h in order.hold_reasons)
