"""What blind rounds 59–60 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): POHODA's 'BESTELLUNG … Nr. 4500017701' title line, 'Datum der Ausstellung', 'Preis / ME' and
'Katalog: … Ihre Nr.: …' under a line; BUSY's 'S.N.', 'Amount(US$)' and 'Pkt.'; 1C's 'N° | Article | Code';
Douzone iCUBE's 'P/O Date' and a street and city on one line; Focus 9's 'Item Code: …' under a line and a
description running into the next column; Alegra's 'Item | Reference'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def pohoda(pdf: canvas.Canvas) -> None:
    pdf.setFont("Helvetica-Bold", 16)
    put(pdf, 800, [(36, "BESTELLUNG")])
    pdf.setFont("Helvetica", 9)
    put(pdf, 800, [(-559, "Nr. 4500019901")])
    put(pdf, 740, [(306, "Datum der Ausstellung:"), (408, "09.01.2031")])
    put(pdf, 728, [(306, "Liefertermin:"), (408, "23.01.2031")])
    put(pdf, 690, [(39, "Bezeichnung"), (326, "Menge"), (383, "Preis / ME"), (440, "MwSt."), (508, "Summe EUR")])
    put(pdf, 674, [(39, "Steinbohrer-Satz 5-tlg."), (-351, "8 Stk"), (-421, "17,50"), (445, "19 %"), (-556, "140,00")])
    put(pdf, 664, [(39, "Katalog: 510-2010 Ihre Nr.: DR-3010")])
    put(pdf, 648, [(39, "Nitril-Handschuhe Gr. L (100 St.)"), (-351, "20 Box"), (-421, "10,90"), (445, "19 %"),
                   (-556, "218,00")])  # fmt: skip
    put(pdf, 638, [(39, "Katalog: GL-8001")])
    put(pdf, 610, [(367, "Gesamtbetrag netto:"), (-559, "358,00 EUR")])


def test_pohoda_title_line_number_issue_date_and_codes_under_each_line() -> None:
    order = render(pohoda, A4)
    assert order.po_number == "4500019901" and order.confidence["po_number"] >= CONFIDENT
    assert order.po_date == date(2031, 1, 9)
    assert [(ln.buyer_part_number, ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("510-2010", "DR-3010", Decimal("8"), Decimal("17.50")),
        ("GL-8001", "GL-8001", Decimal("20"), Decimal("10.90")),
    ]


def test_a_number_far_along_the_title_line_is_only_read_when_marked_as_one() -> None:
    """'BESTELLUNG …… 4500019901' with no 'Nr.' says nothing about what the number is: not read from afar."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 16)
        put(pdf, 800, [(36, "BESTELLUNG")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 800, [(-559, "Seite 1/1")])
        put(pdf, 690, [(39, "Bezeichnung"), (326, "Menge"), (383, "Preis / ME"), (508, "Summe EUR")])
        put(pdf, 674, [(39, "Steinbohrer-Satz 5-tlg."), (-351, "8 Stk"), (-421, "17,50"), (-556, "140,00")])

    assert render(draw, A4).po_number == ""


def test_busy_serial_number_glued_currency_caption_and_pkt() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(330, "Order No."), (428, ": BL-26-9901")])
        put(pdf, 690, [(36, "S.N."), (61, "Description of Goods"), (249, "Item Code"), (345, "Qty."), (373, "Unit"),
                       (435, "Price"), (511, "Amount(US$)")])  # fmt: skip
        put(pdf, 672, [(41, "1."), (61, "Cable tie 300 mm UV black (pack of 100)"), (249, "CX-2002"), (-361, "30"),
                       (374, "Pkt."), (-455, "8.90"), (-562, "267.00")])  # fmt: skip
        put(pdf, 650, [(61, "Grand Total"), (-361, "30"), (-562, "267.00")])

    (line,) = render(draw).lines
    assert (line.line_number, line.vendor_part_number or line.buyer_part_number, line.uom, line.amount) == (
        "1",
        "CX-2002",
        "PK",
        Decimal("267.00"),
    )


def test_1c_numbered_article_column_is_the_name_beside_its_code() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Commande fournisseur n° CMD-2026-9901 du 6 janvier 2031")])
        put(pdf, 690, [(47, "N°"), (65, "Article"), (265, "Code"), (339, "Quantité"), (377, "Unité"), (462, "Prix"),
                       (525, "Montant")])  # fmt: skip
        put(pdf, 674, [(49, "1"), (65, "Coude cuivre 15 mm 90°"), (265, "PL-5002"), (-371, "100"), (377, "pièce"),
                       (-477, "2,60"), (-556, "260,00")])  # fmt: skip
        put(pdf, 650, [(438, "Total HT :"), (-559, "260,00")])

    (line,) = render(draw, A4).lines
    assert (line.vendor_part_number or line.buyer_part_number, line.description, line.quantity, line.uom) == (
        "PL-5002",
        "Coude cuivre 15 mm 90°",
        Decimal("100"),
        "EA",
    )


def test_icube_po_date_and_street_and_city_on_one_line_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "P/O No."), (122, "45-9901"), (302, "P/O Date"), (374, "2031-02-04")])
        put(pdf, 724, [(40, "Delivery Place"), (122, "Acme Hardware Dayton")])
        put(pdf, 713, [(122, "1500 Wayne Avenue, Dayton, OH 45402")])
        put(pdf, 680, [(41, "No."), (60, "Item Code"), (110, "Item Name"), (305, "Unit"), (350, "Q'ty"),
                       (384, "Unit Price"), (457, "Amount")])  # fmt: skip
        put(pdf, 664, [(45, "1"), (60, "HT-9002"), (110, "Tape measure 5 m"), (307, "EA"), (-364, "24"),
                       (-419, "9.20"), (-485, "220.80")])  # fmt: skip

    order = render(draw)
    assert order.po_date == date(2031, 2, 4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.address_lines, order.ship_to.city, order.ship_to.postal_code) == (
        "Acme Hardware Dayton",
        ["1500 Wayne Avenue"],
        "Dayton",
        "45402",
    )


def test_focus_item_code_under_a_line_and_a_description_run_into_the_next_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(312, "PO No."), (394, ": 45-9901")])
        put(pdf, 690, [(41, "S.No."), (102, "Qty"), (130, "Unit"), (161, "Item Details"), (431, "Rate (USD)"),
                       (518, "Amount (USD)")])  # fmt: skip
        put(pdf, 674, [(49, "1"), (-115, "12.00"), (129, "Each"), (161, "Screwdriver set 6 pc"), (-473, "15.30"),
                       (-573, "183.60")])  # fmt: skip
        put(pdf, 664, [(161, "Item Code: HT-9005")])
        put(pdf, 630, [(43, "Sr Item"), (111, "Item Description"), (253, "Vendor"), (308, "Unit"), (343, "Quantity"),
                       (404, "Rate"), (560, "Net")])  # fmt: skip
        put(pdf, 620, [(61, "Code"), (253, "Item"), (543, "Amount")])

    (line,) = render(draw).lines
    assert (line.vendor_part_number or line.buyer_part_number, line.quantity) == ("HT-9005", Decimal("12.00"))

    def spilled(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(312, "PO No."), (394, ": 45-9902")])
        put(pdf, 690, [(43, "Sr"), (61, "Item"), (111, "Item Description"), (253, "Vendor"), (308, "Unit"),
                       (343, "Quantity"), (404, "Rate"), (560, "Net")])  # fmt: skip
        put(pdf, 680, [(61, "Code"), (253, "Item"), (543, "Amount")])
        put(pdf, 664, [(45, "6"), (61, "CX-2001"), (111, "Cable tie 200 mm black (pack of"), (256, "100)"), (311, "PK"),
                       (-375, "40.00"), (-421, "5.60"), (-573, "224.00")])  # fmt: skip

    (line,) = render(spilled).lines
    assert (line.buyer_part_number, line.vendor_part_number, line.description) == (
        "CX-2001",
        "CX-2001",
        "Cable tie 200 mm black (pack of 100)",
    )


def test_alegra_item_is_the_name_beside_its_reference() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(460, "No. DM/26/9901")])
        put(pdf, 690, [(43, "Item"), (243, "Reference"), (355, "Price"), (389, "Disc %"), (428, "Tax"),
                       (467, "Quantity"), (550, "Total")])  # fmt: skip
        put(pdf, 674, [(43, "Mooring line 12 mm x 15 m braided"), (243, "DMO-ROPE12"), (-375, "$32.00"),
                       (-415, "0%"), (434, "-"), (-499, "10"), (-569, "$320.00")])  # fmt: skip
        put(pdf, 640, [(429, "TOTAL"), (-572, "$320.00")])

    (line,) = render(draw).lines
    assert (line.buyer_part_number, line.description, line.quantity, line.unit_price) == (
        "DMO-ROPE12",
        "Mooring line 12 mm x 15 m braided",
        Decimal("10"),
        Decimal("32.00"),
    )
