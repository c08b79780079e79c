"""What blind rounds 99–100 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
'Delivery term: not later than 15.05.2034' (ArmSoft) and 'until 15.06.2034' (Galaktika) under a caption we do not
know; Galaktika's column numbers '1  2  3 … 7' atop the next page with no captions over them; ORIS's 'Receiving
warehouse:' over an 'Address:' line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render, render_pages

HEADER = [(40, "No."), (70, "Code"), (160, "Name of goods"), (330, "Unit"), (370, "Qty"), (430, "Price"),
          (500, "Amount")]  # fmt: skip
NUMBERS = [(44, "1"), (80, "2"), (200, "3"), (336, "4"), (376, "5"), (440, "6"), (510, "7")]


def _row(n: int, code: str, name: str, qty: str, price: str, amount: str) -> list[tuple[float, str]]:
    return [(44, str(n)), (70, code), (160, name), (330, "each"), (-400, qty), (-465, price), (-540, amount)]


def _galaktika(term: str) -> Callable[[canvas.Canvas], None]:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(186, "PURCHASE ORDER  No. DM/26/6801")])
        put(pdf, 766, [(240, "dated 01.06.2034")])
        put(pdf, 740, [(40, "Consignee:"), (110, "Delta Marine Tampa")])
        put(pdf, 728, [(110, "1502 Channelside Drive, Tampa, FL 33602")])
        put(pdf, 716, [(40, f"Delivery term: {term}")])
        put(pdf, 680, HEADER)
        put(pdf, 668, NUMBERS)
        put(pdf, 654, _row(1, "SF-8101", "SAFETY GLASSES", "24,00", "4,95", "118,80"))
        put(pdf, 630, [(430, "Total:"), (-540, "118,80")])

    return draw


def test_a_delivery_date_after_words_that_set_a_deadline_under_a_caption_we_do_not_know() -> None:
    for term, day in (("not later than 15.06.2034", date(2034, 6, 15)), ("until 19.06.2034", date(2034, 6, 19))):
        order = render(_galaktika(term), A4)
        assert [d.value for d in order.dates if d.qualifier == "002"] == [day]
        assert not any("without a label" in h.message for h in order.hold_reasons)


def test_column_numbers_atop_the_next_page_are_no_line() -> None:
    def first(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(186, "PURCHASE ORDER  No. DM/26/6803")])
        put(pdf, 680, HEADER)
        put(pdf, 668, NUMBERS)
        put(pdf, 654, _row(1, "SF-8101", "SAFETY GLASSES", "24,00", "4,95", "118,80"))
        put(pdf, 640, _row(2, "HT-9003", "UTILITY KNIFE", "12,00", "6,25", "75,00"))
        put(pdf, 60, [(300, "continued on next page")])

    def second(pdf: canvas.Canvas) -> None:
        put(pdf, 780, NUMBERS)
        put(pdf, 766, _row(3, "DR-3001", "HSS DRILL BIT 6 MM", "30,00", "3,20", "96,00"))
        put(pdf, 740, [(430, "Total:"), (-540, "289,80")])

    order = render_pages(first, second)
    lines = [(ln.vendor_part_number, ln.quantity) for ln in order.lines]
    assert lines == [("SF-8101", Decimal("24.00")), ("HT-9003", Decimal("12.00")), ("DR-3001", Decimal("30.00"))]
    assert not order.hold_reasons


def test_receiving_warehouse_names_the_ship_to() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "PURCHASE ORDER No. BL-26-6951")])
        put(pdf, 766, [(40, "Date: 01.05.2034")])
        put(pdf, 740, [(40, "Receiving warehouse:"), (140, "Boltline Main Warehouse")])
        put(pdf, 728, [(40, "Address:"), (140, "2100 Navigation Boulevard, Houston, TX 77002")])
        put(pdf, 716, [(40, "Delivery date:"), (140, "08.05.2034")])
        put(pdf, 680, HEADER)
        put(pdf, 666, _row(1, "DR-3001", "HSS drill bit 6 mm", "150", "3.05", "457.50"))
        put(pdf, 640, [(430, "Total amount:"), (-540, "457.50")])

    order = render(draw, A4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.city, order.ship_to.postal_code) == (
        "Boltline Main Warehouse",
        "Houston",
        "77002",
    )
