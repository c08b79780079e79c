"""What blind rounds 107–108 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Acolous' 'Goods' over 'code' beside 'Name of goods' and its 'Delivery term: 2035-01-17 (not later than)';
MoySklad's 'Article: DMO-ROPE12' under the row; MONKEY OFFICE's one-line 'Lieferanschrift: … · … · 28195 Bremen';
Henrri's 'Réf. EL-6001' on the row with its name under it; BanhJi's 'Issued Date :' and its bare 'Number :' in a
panel right under the title; Siriusware's 'Description / Item #' and 'Item #: … Vendor #: …' under each row."""

from __future__ import annotations

from datetime import date

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _acolous(pdf: canvas.Canvas, term: str) -> None:
    put(pdf, 760, [(150, "PURCHASE  ORDER  No. BL-26-7158")])
    put(pdf, 745, [(200, "dated 2035-01-08")])
    put(pdf, 720, [(40, "Consignee:"), (100, "Boltline Branch Austin, 4300 Burleson Road, Austin, TX 78701")])
    put(pdf, 707, [(40, "Delivery term:"), (110, term)])
    put(pdf, 660, [(46, "No."), (68, "Name of goods"), (238, "Goods"), (324, "Quantity"), (369, "Unit of"),
                   (442, "Price,"), (533, "Sum,")])  # fmt: skip
    put(pdf, 650, [(238, "code"), (365, "measure"), (445, "USD"), (535, "USD")])
    put(pdf, 635, [(51, "1"), (148, "2"), (264, "3"), (325, "4"), (379, "5"), (433, "6"), (508, "7")])
    put(pdf, 620, [(51, "1"), (68, "HSS drill bit 6 mm"), (238, "DR-3001"), (-354, "150.00"), (369, "each"),
                   (-462, "3.05"), (-552, "457.50")])  # fmt: skip
    put(pdf, 605, [(51, "2"), (68, "HSS drill bit 8 mm"), (238, "DR-3002"), (-354, "100.00"), (369, "each"),
                   (-462, "4.10"), (-552, "410.00")])  # fmt: skip
    put(pdf, 585, [(470, "Total:"), (-552, "867.50")])


def test_goods_over_code_and_a_deadline_after_its_date() -> None:
    order = render(lambda pdf: _acolous(pdf, "2035-01-17 (not later than)"), A4)
    assert [(ln.vendor_part_number, str(ln.quantity), str(ln.unit_price)) for ln in order.lines] == [
        ("DR-3001", "150.00", "3.05"),
        ("DR-3002", "100.00", "4.10"),
    ]
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2035, 1, 17)]
    assert not order.hold_reasons


def test_an_earliest_day_after_its_date_still_holds() -> None:
    order = render(lambda pdf: _acolous(pdf, "2035-01-17 (not before)"), A4)
    assert not [d for d in order.dates if d.qualifier == "002"]
    assert any(r.field == "requested_date" for r in order.hold_reasons)


def test_article_with_its_colon_under_the_row() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase order No. DM/26/7010 dated 10 January 2035")])
        put(pdf, 700, [(40, "n"), (55, "Goods (works, services)"), (-330, "Quantity"), (340, "Unit"), (-420, "Price"),
                       (-500, "Amount")])  # fmt: skip
        put(pdf, 686, [(42, "1"), (55, "Mooring line 12 mm x 15 m braided"), (-330, "30"), (340, "EA"), (-420, "32.00"),
                       (-500, "960.00")])  # fmt: skip
        put(pdf, 675, [(60, "Article: DMO-ROPE12")])
        put(pdf, 664, [(60, "Comment: Hull 41 deck fit-out, mooring kit.")])
        put(pdf, 640, [(400, "Total:"), (-500, "960.00")])

    order = render(draw, A4)
    assert [ln.vendor_part_number for ln in order.lines] == ["DMO-ROPE12"]


def test_a_one_line_delivery_address_set_apart_by_dots() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Bestellnummer: 4500020402")])
        put(pdf, 748, [(300, "Datum:"), (350, "02.01.2035")])
        put(pdf, 720, [(40, "Lieferanschrift: Hansa Lager Bremen · Hafenstraße 51 · 28195 Bremen")])
        put(pdf, 680, [(40, "Pos."), (70, "Menge"), (110, "Einheit"), (160, "Art.-Nr."), (230, "Bezeichnung"),
                       (-470, "Einzelpreis"), (-550, "Gesamtpreis")])  # fmt: skip
        put(pdf, 666, [(40, "1"), (-95, "10"), (110, "Stk"), (160, "HT-9001"), (230, "Klauenhammer"),
                       (-470, "16,90"), (-550, "169,00")])  # fmt: skip
        put(pdf, 640, [(400, "Summe"), (-550, "169,00")])

    order = render(draw, A4)
    assert order.ship_to is not None
    ship_to = order.ship_to
    assert (ship_to.name, ship_to.address_lines, ship_to.postal_code, ship_to.city) == (
        "Hansa Lager Bremen",
        ["Hafenstraße 51"],
        "28195",
        "Bremen",
    )
    assert order.confidence["ship_to"] >= CONFIDENT


def test_a_labelled_code_on_the_row_its_name_under_it() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(350, "BON DE COMMANDE")])
        put(pdf, 740, [(400, "N° CMD-2026-8004")])
        put(pdf, 680, [(43, "Désignation"), (298, "Qté"), (329, "Unité"), (374, "Prix unitaire HT"), (460, "TVA"),
                       (518, "Total HT")])  # fmt: skip
        put(pdf, 666, [(43, "Réf. EL-6001"), (-312, "10"), (329, "U"), (-437, "13,50 €"), (460, "20 %"),
                       (-552, "135,00 €")])  # fmt: skip
        put(pdf, 655, [(43, "Assortiment de connecteurs, pot de 100")])
        put(pdf, 640, [(43, "Réf. EL-6005"), (-312, "100"), (329, "Rouleau"), (-437, "1,00 €"), (460, "20 %"),
                       (-552, "100,00 €")])  # fmt: skip
        put(pdf, 629, [(43, "Ruban isolant 19 mm x 20 m noir")])
        put(pdf, 600, [(440, "Total HT"), (-552, "235,00 €")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [
        ("EL-6001", "Assortiment de connecteurs, pot de 100"),
        ("EL-6005", "Ruban isolant 19 mm x 20 m noir"),
    ]


def _banhji(pdf: canvas.Canvas, number: str, dated: str) -> None:
    pdf.setFont("Helvetica-Bold", 16)
    put(pdf, 760, [(-560, "PURCHASE ORDER")])
    pdf.setFont("Helvetica", 9)
    put(pdf, 762, [(74, "Delta Marine Outfitters")])
    put(pdf, 750, [(74, "2350 Gulf-to-Bay Boulevard")])
    put(pdf, 738, [(74, "Clearwater, FL 33765, USA"), (-470, number), (475, ":"), (485, "DM/26/7051")])
    put(pdf, 726, [(-470, dated), (475, ":"), (485, "01 Feb 2035")])
    put(pdf, 714, [(-470, "Status"), (475, ":"), (485, "Open")])
    put(pdf, 680, [(40, "SHIP TO")])
    put(pdf, 668, [(40, "Delta Marine Tampa")])
    put(pdf, 656, [(40, "1200 Channelside Drive")])
    put(pdf, 644, [(40, "Tampa, FL 33602")])
    put(pdf, 610, [(40, "Item Code"), (120, "Description"), (-380, "Qty"), (-460, "Unit Price"), (-540, "Amount")])
    put(pdf, 596, [(40, "MR-9501"), (120, "Mooring line"), (-380, "5"), (-460, "32.00"), (-540, "160.00")])
    put(pdf, 570, [(440, "Total"), (-540, "160.00")])


def test_a_bare_number_in_a_panel_right_under_the_title_and_issued_date() -> None:
    order = render(lambda pdf: _banhji(pdf, "Number", "Issued Date"), letter)
    assert order.po_number == "DM/26/7051" and order.confidence["po_number"] >= CONFIDENT
    assert order.po_date == date(2035, 2, 1) and order.confidence["po_date"] >= CONFIDENT


def test_description_over_item_number_and_a_vendors_number_under_the_row() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "Purchase Order: CP110962")])
        put(pdf, 700, [(60, "Qty"), (79, "Description / Item #"), (311, "Dept"), (371, "Unit"), (463, "Cost"),
                       (537, "Extended")])  # fmt: skip
        put(pdf, 686, [(-73, "10"), (79, "LED bulb E27 9 W warm white"), (311, "ELECTRIC"), (371, "CS"),
                       (-481, "$28.50"), (-573, "$285.00")])  # fmt: skip
        put(pdf, 675, [(85, "Item #: CP-330501 Vendor #: EL-6003")])
        put(pdf, 650, [(460, "Order Total:"), (-573, "$285.00")])

    order = render(draw, letter)
    line = order.lines[0]
    assert (line.vendor_part_number, line.buyer_part_number, line.description) == (
        "EL-6003",
        "CP-330501",
        "LED bulb E27 9 W warm white",
    )
