"""Captions three lines high around the caption line (rounds 120 and 123, left named until now): InsERT nexo's
'Netto-' over an empty middle over 'preis', 'MwSt.' over '%' beside the middle line's 'Menge  ME  Nettowert', and
Didox's 'Product (service)' over 'No. … Unit Quantity Price' over 'name  code  cost  rate  VAT'. Read from the
middle line alone, the price stood in the quantity's place and the VAT rate in the price's: every order held."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _nexo(pdf: canvas.Canvas, second: bool = False) -> None:
    put(pdf, 800, [(400, "Ausstellungsdatum: 01.07.2036")])
    if second:
        put(pdf, 780, [(220, "BESTELLUNG   BEIM LIEFERANTEN")])
        put(pdf, 768, [(262, "Nr. 4500021207")])
    else:
        put(pdf, 780, [(230, "Bestellung Nr. 4500021203")])
    put(pdf, 740, [(40, "Lieferadresse"), (300, "Liefertermin: 15.07.2036")])
    put(pdf, 728, [(40, "Hansa Lager Bremen"), (300, "Währung: EUR")])
    put(pdf, 716, [(40, "Faulenstraße 48, 28195 Bremen")])
    pdf.setFont("Helvetica", 7)
    put(pdf, 683, [(370, "Netto-"), (398, "MwSt.")])
    put(pdf, 671, [(370, "preis"), (404, "%")])
    pdf.setFont("Helvetica", 8)
    put(pdf, 677, [(40, "Pos."), (61, "Symbol"), (115, "Bezeichnung"), (286, "Menge"), (322, "ME"),
                   (449, "Nettowert"), (519, "Bruttowert")])  # fmt: skip
    put(pdf, 655, [(-49, "1"), (61, "310-0815"), (115, "Ankerbolzen M12 x 120 galv. verzinkt"), (-309, "200"),
                   (317, "Stück"), (-391, "8,60"), (-411, "19"), (-483, "1.720,00"), (-556, "2.046,80")])  # fmt: skip
    put(pdf, 645, [(115, "Lieferanten-Symbol: AB-1001")])
    put(pdf, 630, [(-49, "2"), (61, "GL-8001"), (115, "Nitril-Einmalhandschuhe Gr. L"), (-309, "20"), (320, "Box"),
                   (-391, "10,90"), (-411, "19"), (-483, "218,00"), (-556, "259,42")])  # fmt: skip
    put(pdf, 610, [(36, "Bemerkungen:"), (330, "nach MwSt.-Satz:")])
    put(pdf, 598, [(36, "Anlieferung Mo-Fr 7:00-14:00 Uhr."), (341, "MwSt.-Satz"), (406, "Nettowert"),
                   (454, "MwSt.-Betrag"), (522, "Bruttowert")])  # fmt: skip
    put(pdf, 586, [(-377, "19 %"), (-437, "1.938,00"), (-497, "368,22"), (-556, "2.306,22")])
    put(pdf, 574, [(347, "Gesamt:"), (-437, "1.938,00"), (-497, "368,22"), (-556, "2.306,22")])
    put(pdf, 556, [(330, "Gesamtbetrag brutto: 2.306,22 EUR")])


def test_a_middle_caption_line_with_captions_over_and_under_it() -> None:
    order = render(_nexo, A4)
    read = [(ln.quantity, ln.uom, ln.unit_price, ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines]
    assert read == [
        (Decimal(200), "EA", Decimal("8.60"), "AB-1001", "310-0815"),
        (Decimal(20), "BX", Decimal("10.90"), "GL-8001", "GL-8001"),
    ]
    assert order.stated_total == Decimal("1938.00")


def test_the_tax_on_the_totals_line_makes_the_gross_total() -> None:
    """'Gesamt: net  tax  gross' then 'Gesamtbetrag brutto': the gross is the goods and the tax printed on the
    goods' own line, no money left unread between them."""
    order = render(_nexo, A4)
    assert order.confidence.get("charges", 1.0) >= CONFIDENT
    assert not any("not read" in w for w in order.warnings)


def _didox(pdf: canvas.Canvas) -> None:
    put(pdf, 780, [(180, "PURCHASE ORDER No. GR-33301"), (250, "")])
    put(pdf, 768, [(250, "dated 04.12.2035")])
    put(pdf, 730, [(40, "Delivery address: Granite State Yard Concord, 75 Airport Road, Concord, NH 03301")])
    put(pdf, 718, [(40, "Currency: USD")])
    pdf.setFont("Helvetica", 7)
    put(pdf, 685, [(65, "Product (service)"), (235, "Catalogue"), (458, "Delivery"), (498, "VAT"), (518, "Cost incl.")])
    put(pdf, 675, [(65, "name"), (235, "code"), (472, "cost"), (498, "rate"), (537, "VAT")])
    pdf.setFont("Helvetica", 8)
    put(pdf, 680, [(45, "No."), (310, "Unit"), (349, "Quantity"), (411, "Price")])
    put(pdf, 660, [(-53, "1"), (65, "Drywall screw 3.5 x 35 (box of 1000)"), (235, "FS-4004"), (311, "box"),
                   (-379, "40"), (-429, "18.40"), (-487, "736.00"), (499, "w/o"), (-552, "736.00")])  # fmt: skip
    put(pdf, 644, [(-53, "2"), (65, "HSS drill bit 6 mm"), (235, "DR-3001"), (311, "pcs"), (-379, "50"),
                   (-429, "3.20"), (-487, "160.00"), (499, "w/o"), (-552, "160.00")])  # fmt: skip
    put(pdf, 628, [(40, "Total:"), (-552, "896.00")])


def test_three_caption_lines_of_a_us_print() -> None:
    order = render(_didox, A4)
    read = [(ln.quantity, ln.uom, ln.unit_price, ln.buyer_part_number or ln.vendor_part_number) for ln in order.lines]
    assert read == [
        (Decimal(40), "BX", Decimal("18.40"), "FS-4004"),
        (Decimal(50), "EA", Decimal("3.20"), "DR-3001"),
    ]
    assert order.stated_total == Decimal("896.00")


def test_a_number_marked_as_one_under_the_title_is_the_orders() -> None:
    """InsERT nexo's second print: 'BESTELLUNG BEIM LIEFERANTEN' over 'Nr. 4500021207', centred. The title's
    number marked 'Nr.' is sure at first sight, as 'Bestellung Nr. …' on one line is (before: only once the
    number had been seen on the customer's earlier orders, which a series of digits never is)."""

    order = render(lambda pdf: _nexo(pdf, second=True), A4)
    assert order.po_number == "4500021207"
    assert order.confidence["po_number"] >= CONFIDENT
