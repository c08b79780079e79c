"""What blind rounds 95–96 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
MoneyWorks' 'Order No.  Date' captions atop ruled cells, their values low in the cells under them; Jumis Pro's
'Tampa, 01.02.2034' right under 'PURCHASE ORDER  No. …'; and MOS'aik's 'Sortiment wie Muster vom 12.01.2034'
among the lines, a day before the order's own date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _moneyworks(pdf: canvas.Canvas, values_at: float) -> None:
    pdf.setFont("Helvetica-Bold", 20)
    put(pdf, 740, [(421, "Purchase Order")])
    pdf.setFont("Helvetica", 8)
    put(pdf, 710, [(40, "Ph (937) 555-0100  Fax (937) 555-0101")])
    pdf.setFont("Helvetica", 7.5)
    put(pdf, 710, [(413, "Order No."), (517, "Date")])
    pdf.rect(382, 662, 190, 54)
    pdf.line(382, 689, 572, 689)
    pdf.setFont("Helvetica", 10)
    put(pdf, values_at, [(411, "45-8300"), (496, "03 Jan 2034")])
    pdf.setFont("Helvetica", 9)
    put(pdf, 600, [(46, "Qty"), (70, "Code"), (120, "Description"), (330, "Unit"), (400, "Unit Cost"),
                   (480, "Extension")])  # fmt: skip
    put(pdf, 586, [(-58, "24"), (70, "HT-9002"), (120, "Tape measure 5 m"), (330, "EA"), (-440, "9.20"),
                   (-520, "220.80")])  # fmt: skip
    put(pdf, 560, [(400, "Order Total"), (-520, "$220.80")])


def test_a_row_of_two_captions_over_values_low_in_their_ruled_cells() -> None:
    order = render(lambda pdf: _moneyworks(pdf, 678), letter)
    assert order.po_number == "45-8300"
    assert order.po_date == date(2034, 1, 3)


def test_values_further_down_than_a_cell_are_not_the_captions() -> None:
    order = render(lambda pdf: _moneyworks(pdf, 664), letter)
    assert not order.po_number


def test_a_place_and_date_right_under_the_title_and_its_number() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "DELTA MARINE OUTFITTERS, INC.")])
        put(pdf, 748, [(40, "Legal address: 1200 Harbour Island Blvd, Tampa, FL 33602, USA")])
        pdf.setFont("Helvetica-Bold", 13)
        put(pdf, 700, [(186, "PURCHASE ORDER  No. DM/26/6701")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 682, [(259, "Tampa, 01.02.2034")])
        put(pdf, 650, [(40, "Delivery term: 10.02.2034")])
        put(pdf, 600, [(40, "No."), (70, "Code"), (160, "Name"), (330, "Unit"), (370, "Quantity"), (430, "Price, USD"),
                       (500, "Sum, USD")])  # fmt: skip
        put(pdf, 586, [(46, "1"), (70, "SF-8101"), (160, "Safety glasses"), (330, "each"), (-405, "12,00"),
                       (-470, "4,95"), (-540, "59,40")])  # fmt: skip
        put(pdf, 560, [(430, "Total:"), (-540, "59,40")])

    order = render(draw, letter)
    assert order.po_date == date(2034, 2, 1)
    assert order.confidence["po_date"] >= CONFIDENT


def _with_a_date_in_a_line_text(sample_date: str) -> Callable[[canvas.Canvas], None]:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestell-Nr.: 4500019853")])
        put(pdf, 768, [(300, "Datum: 09.02.2034")])
        put(pdf, 740, [(40, "Lieferanschrift:"), (300, "Liefertermin: 27.02.2034")])
        put(pdf, 728, [(40, "Hansa Lager Bremen")])
        put(pdf, 716, [(40, "28195 Bremen")])
        put(pdf, 680, [(40, "Pos."), (70, "Menge"), (110, "Einh."), (150, "Artikel-Nr."), (220, "Bezeichnung"),
                       (450, "EP EUR"), (510, "GP EUR")])  # fmt: skip
        put(pdf, 666, [(40, "1"), (-95, "6"), (110, "Stück"), (150, "HT-9005"), (220, "Schraubendreher-Satz 6-tlg."),
                       (-480, "14,10"), (-545, "84,60")])  # fmt: skip
        put(pdf, 654, [(220, f"Sortiment wie Muster vom {sample_date},")])
        put(pdf, 642, [(220, "Schraubendreher mit Griffmarkierung.")])
        put(pdf, 610, [(420, "Nettobetrag"), (-545, "84,60")])

    return draw


def test_a_date_among_the_lines_before_the_order_date_is_no_delivery_date() -> None:
    order = render(_with_a_date_in_a_line_text("12.01.2034"), A4)
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2034, 2, 27)]
    assert not any("among the lines" in h.message for h in order.hold_reasons)


def test_a_date_among_the_lines_after_the_order_date_still_holds() -> None:
    order = render(_with_a_date_in_a_line_text("12.03.2034"), A4)
    assert any("among the lines" in h.message for h in order.hold_reasons)
