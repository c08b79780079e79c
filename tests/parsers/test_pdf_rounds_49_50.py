"""What blind rounds 49–50 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Ecount's year-first dates, 'P/O No.', 'Delivery Place' and 'Supply Amt'; MIE Trak's 'Promise Date' column;
Vtiger's 'List Price  Discount  Net Price', whose net price is the line's amount."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from reportlab.pdfgen import canvas

from parsers.pdf.values import DATE_IN_TEXT, parse_date
from tests.parsers.test_pdf_generated import render


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2030/03/04", date(2030, 3, 4)),
        ("2030/03/04 -3", date(2030, 3, 4)),  # Ecount: the day's document number after the date
        ("2030.03.04.", date(2030, 3, 4)),
        ("2030.3.4", date(2030, 3, 4)),
        ("2030/13/04", None),  # no thirteenth month: not read day-first instead
        ("1.2030.03.04", None),  # part of a longer dotted number
        ("v2030.1.2.3", None),
    ],
)
def test_a_year_first_date_is_year_month_day(text: str, expected: date | None) -> None:
    assert parse_date(text, "mdy") == expected
    assert parse_date(text, "dmy") == expected


def test_a_year_first_date_among_words_is_a_date() -> None:
    assert DATE_IN_TEXT.search("Due 2030/03/20 at dock 4")
    assert not DATE_IN_TEXT.search("Version 2030.1.2.3")


def ecount(pdf: canvas.Canvas) -> None:
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(200, 760, "P U R C H A S E   O R D E R")
    pdf.setFont("Helvetica", 9)
    for n, (label, value) in enumerate(
        [("Date", ": 2030/03/04 -3"), ("P/O No.", ": DM/26/9806"), ("Due Date", ": 2030/03/15")]
    ):
        pdf.drawString(40, 720 - 14 * n, label)
        pdf.drawString(90, 720 - 14 * n, value)
    pdf.drawString(40, 660, "Delivery Place")
    pdf.drawString(120, 660, "Delta Marine Tampa, 1450 Channelside Drive, Tampa, FL 33602")
    for x, text in [(40, "No."), (70, "Item Code"), (150, "Item Name [Spec.]"), (330, "Qty"), (380, "Unit Price"),
                    (450, "Supply Amt"), (520, "VAT")]:  # fmt: skip
        pdf.drawString(x, 620, text)
    for n, (code, name, qty, price, amount) in enumerate(
        [
            ("DMO-ROPE12", "MOORING LINE [12MM]", "40 EA", "32.00", "1,280.00"),
            ("SF-8101", "GLASSES", "24 EA", "4.95", "118.80"),
        ]  # fmt: skip
    ):
        y = 604 - 16 * n
        for x, text in [(40, str(n + 1)), (70, code), (150, name), (-350, qty), (-420, price), (-495, amount),
                        (-540, "0.00")]:  # fmt: skip
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)
    pdf.drawString(150, 560, "Total")
    pdf.drawRightString(495, 560, "1,398.80")


def test_ecount_dates_number_delivery_place_and_supply_amount() -> None:
    order = render(ecount)
    assert order.po_number == "DM/26/9806"
    assert order.po_date == date(2030, 3, 4)
    assert [d.value for d in order.dates] == [date(2030, 3, 15)]
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Delta Marine Tampa", "33602")
    assert [ln.amount for ln in order.lines] == [Decimal("1280.00"), Decimal("118.80")]
    assert order.stated_total == Decimal("1398.80")


def mie_trak(pdf: canvas.Canvas) -> None:
    pdf.drawString(300, 740, "P.O. #        Order Date")
    pdf.drawString(300, 728, "BL-26-9716   10-Mar-2030")
    for x, text in [(40, "Item"), (80, "Qty Ordered"), (140, "U/M"), (170, "Part # / Description"),
                    (340, "Promise Date"), (430, "Price"), (500, "Amount")]:  # fmt: skip
        pdf.drawString(x, 640, text)
    for x, text in [(40, "001"), (-125, "20.00"), (140, "Box"), (170, "FS-4002"), (340, "19-Mar-2030"),
                    (-470, "$26.0000"), (-540, "$520.00")]:  # fmt: skip
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 624, text)
    pdf.drawString(170, 612, "Hex head screw M8 x 40 A2 (box of 100)")
    pdf.drawString(440, 580, "Total")
    pdf.drawRightString(540, 580, "$520.00")


def test_a_promise_date_column_is_the_lines_delivery_date() -> None:
    order = render(mie_trak)
    assert [ln.requested_date for ln in order.lines] == [date(2030, 3, 19)]
    assert not order.hold_reasons


def vtiger(rows: list[tuple[str, str, str, str, str]], total: str):
    """'Quantity  List Price  Discount  Net Price': the net price is the quantity times the list price, less
    the discount."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(330, 740, "PO No       : DM/26/9901")
        pdf.drawString(330, 726, "PO Date     : 04-15-2030")
        for x, text in [(40, "S.No"), (66, "Item Name"), (350, "Quantity"), (410, "List Price"),
                        (465, "Discount"), (530, "Net Price")]:  # fmt: skip
            pdf.drawString(x, 640, text)
        for n, (name, qty, price, discount, net) in enumerate(rows):
            y = 624 - 30 * n
            for x, text in [(40, str(n + 1)), (66, name), (-382, qty), (-452, price), (-500, discount),
                            (-572, net)]:  # fmt: skip
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)
        pdf.drawString(380, 624 - 30 * len(rows), "Items Total")
        pdf.drawRightString(572, 624 - 30 * len(rows), total)

    return draw


def test_a_net_price_that_is_quantity_times_the_list_price_is_the_lines_amount() -> None:
    order = render(vtiger([("MOORING LINE DMO-ROPE12", "24.000", "32.00", "0.00", "768.00"),
                           ("CLEAT DMO-CLEAT6", "40.000", "11.00", "0.00", "440.00")], "1,208.00"))  # fmt: skip
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("24.000"), Decimal("32.00"), Decimal("768.00")),
        (Decimal("40.000"), Decimal("11.00"), Decimal("440.00")),
    ]
    assert order.stated_total == Decimal("1208.00")


def test_a_net_price_less_a_discount_is_not_read_as_the_list_price() -> None:
    """A discount on one row: its net price is not the quantity times the list price, so no row is changed,
    and the net price stays the unit price (the lines do not add up to the total: the total is unsure, held)."""
    order = render(vtiger([("MOORING LINE DMO-ROPE12", "24.000", "32.00", "76.80", "691.20"),
                           ("CLEAT DMO-CLEAT6", "40.000", "11.00", "0.00", "440.00")], "1,131.20"))  # fmt: skip
    assert [ln.unit_price for ln in order.lines] == [Decimal("691.20"), Decimal("440.00")]
    assert order.confidence["stated_total"] < 0.9


def test_net_prices_of_single_units_stay_prices() -> None:
    """Every quantity one: the net price is the list price and the amount alike; nothing to tell, nothing moved."""
    order = render(vtiger([("MOORING LINE DMO-ROPE12", "1.000", "32.00", "0.00", "32.00"),
                           ("CLEAT DMO-CLEAT6", "1.000", "11.00", "0.00", "11.00")], "43.00"))  # fmt: skip
    assert [(ln.unit_price, ln.amount) for ln in order.lines] == [(Decimal("32.00"), None), (Decimal("11.00"), None)]
