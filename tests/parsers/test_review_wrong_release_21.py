"""A twenty-first review's reproductions: prints a real ERP could produce, aimed at the rules added in
c2bb7bd..9b55ab8 (CashCtrl's bare 'Commande CMD-…' title; 'Product ID:' / 'Stock Code:' under a line; a stacked
caption split or completed; a variant caption dropped within the item's and 'AB-1005 / ##'; 'KW 51 / 10.12.2032';
a yearless line date equal to the delivery date; a panel beside the ship-to; 'Price net' / 'Value net'; the line
number led in the item cell; 'Cost 9.70 / each' under a line). Each finding's test asserts the safe outcome and
fails on 9b55ab8 (the four regressions pass on c2bb7bd; the older one fails on both); the tests named
``test_safe_…`` pass: attacks the rules withstand (test_safe_a_week_then_its_day_or_year fails on c2bb7bd, which
held the print its rule was made for).

- ``_bare_title`` (labels.py; regression of 30862f3): a replacement order ('BON DE COMMANDE' over 'BC-2026-118',
  and beside it 'Annule et remplace la' over 'Commande BC-2026-101', the note repeated at the foot) is released as
  PO BC-2026-101, sure: the bare 'Commande <number>' is taken for the title and outranks the number under the real
  title, and the replaced order's number, printed twice, counts as confirmed. c2bb7bd read BC-2026-118 (unsure,
  held; released right when that number is printed again). A bare 'Commande' line is a title only at the top of
  the page, or never against another title's number.
- ``_UNIT_COST`` (table.py; regression of 9b55ab8): on a price-less order form (no price, no amount column: the
  ERP prices it), 'Price 9.70 / box' (or 'Unit price: 9.70 / case', 'Cost 9.70 / DZ') under a line counted in EA
  is released as 9.70 per each: any unit after the slash is accepted, not only the line's own. c2bb7bd kept the
  note in the description and released no price. The unit after the slash must be the line's unit (or the
  price is unread and holds).
- ``'KW 51 / date'`` (header.py; regression of 9b55ab8 for the slash, older for 'KW 51, 10.12.2032'): the day
  after the week is read without checking it lies in that week: 'KW 51 / 10.12.2032' (10.12.2032 is in week 50)
  and 'KW 51 / 20.12.2032' (week 52) are released with that day. Which one is meant is for a person. Note: round
  82's generator prints a constant 'KW 51' before every BORM date, so its PDFs carry this contradiction too.
- ``_LED_BY_NUMBER`` (extract.py; regression of 9b55ab8): an item cell that is a thread or pipe size, '1 1/2-13'
  on the first line (no line-number column), is split into line number 1 and item '1/2-13' (another size) and
  released. c2bb7bd held it. A code after the number needs more than a fraction ('1/2', '3/4-10').
- Older (c2bb7bd alike): a delivery window of weeks, 'Liefertermin: KW 51 / KW 52' ('KW 51 - KW 52', 'KW 51 bis
  KW 52'), is released with no delivery date at all: nothing says a date was printed and not read.

Withstood: 'BON DE COMMANDE BC-2026-118' on one line over a bare 'Commande BC-2026-101' (held); 'Product ID:
7740' under a line that has its item code (kept in the description, the code unchanged); 'Total Price' over a
'USD' left-aligned under 'Total' (read as the amount); a real variant after the code ('AB-1005 / 02', '/ RED',
'/ #1': not cut to AB-1005, held); 'KW 51 / 2032' and 'KW 51 / 14.12.' (held); '2 AB-1001' on the first line
(not its number: held); 'Cost 9.60 / each' or 'Price 97.00 / box' against the line's amount (held); 'Price gross
| Disc. % | Price net | Value net' (the gross price read, the line does not compute: held, over-cautious)."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from schemas.order import Order

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import FIRST, HEADER, SECOND, TOTAL, acme, parse, put, released, ship_to  # noqa: E402

Row = list[tuple[float, str]]


def _standard(pdf: canvas.Canvas) -> None:
    put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
    put(pdf, 756, [(380, "PO Number: 45-2201")])
    put(pdf, 744, [(380, "PO Date: 03/14/2026")])
    ship_to(pdf)


def _french(pdf: canvas.Canvas) -> None:
    """Lyon's delivery address and CashCtrl's one-line table, 'N° article' under the line."""
    put(pdf, 700, [(40, "Adresse de livraison")])
    for i, text in enumerate(["Lumière Lyon Part-Dieu", "12 rue Garibaldi", "69003 Lyon"]):
        put(pdf, 688 - 12 * i, [(40, text)])
    put(pdf, 600, [(53, "Désignation"), (320, "Qté Unité"), (419, "Prix HT"), (498, "Montant HT")])
    put(pdf, 584, [(53, "Mètre ruban 5 m"), (-359, "20,00 pièce"), (-447, "8,90"), (-542, "178,00")])
    put(pdf, 573, [(53, "N° article : HT-9002")])
    put(pdf, 560, [(375, "Total HT"), (-542, "178,00")])


# Finding, _bare_title (regression of 30862f3): the replaced order's bare 'Commande BC-2026-101', printed again in
# the note at the foot, is released as the PO over the number under the title. c2bb7bd read BC-2026-118.
@pytest.mark.parametrize("repeated", [False, True], ids=["title-number-once", "title-number-twice"])
def test_a_replaced_orders_number_is_not_released_as_the_po(repeated: bool) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 772, [(350, "BON DE COMMANDE")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 756, [(350, "BC-2026-118")])
        put(pdf, 744, [(350, "Date : 08/10/2032")])
        put(pdf, 726, [(350, "Annule et remplace la")])
        put(pdf, 716, [(350, "Commande BC-2026-101")])
        _french(pdf)
        put(pdf, 520, [(50, "Cette commande annule et remplace la commande BC-2026-101 du 01/10/2032.")])
        if repeated:
            put(pdf, 40, [(50, "BC-2026-118 - page 1/1")])

    order = parse(draw)
    assert order.po_number == "BC-2026-118" or not released(order), f"released as PO {order.po_number}"


# Safe (_bare_title): the title's own number on its line outranks a bare 'Commande' under it (held, unsure).
def test_safe_a_title_with_its_number_over_a_bare_commande() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 772, [(50, "BON DE COMMANDE BC-2026-118")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 750, [(50, "Date : 08/10/2032")])
        put(pdf, 735, [(350, "Remplace la")])
        put(pdf, 725, [(350, "Commande BC-2026-101")])
        _french(pdf)

    order = parse(draw)
    assert order.po_number == "BC-2026-118" or not released(order)


def _price_less(note: str) -> Order:
    """An order form without prices (the ERP prices it), ``note`` under its first line counted in EA."""

    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        put(pdf, 600, [(40, "Line"), (80, "Item"), (180, "Description"), (-400, "Qty"), (420, "UOM")])
        put(pdf, 584, [(40, "1"), (80, "AB-1001"), (180, "Anchor bolt M12"), (-400, "100"), (420, "EA")])
        put(pdf, 574, [(180, note)])
        put(pdf, 556, [(40, "2"), (80, "AB-1002"), (180, "Anchor bolt M10"), (-400, "10"), (420, "EA")])

    return parse(draw)


# Finding, _UNIT_COST (regression of 9b55ab8): a price per box, case or dozen under a line counted in EA is released
# as the price of each. c2bb7bd kept the note in the description and released no price.
@pytest.mark.parametrize("note", ["Price 9.70 / box", "Unit price: 9.70 / case", "Cost 9.70 / DZ"])
def test_a_price_per_pack_under_a_line_counted_in_each_is_not_its_unit_price(note: str) -> None:
    order = _price_less(note)
    first = order.lines[0]
    assert first.unit_price is None or not released(order), f"released at {first.unit_price} per {first.uom}"


def _costed(note: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        put(pdf, 600, [(40, "Line"), (80, "Item"), (180, "Description"), (-400, "Qty"), (420, "UOM"), (-540, "Amount")])
        put(
            pdf,
            584,
            [(40, "1"), (80, "AB-1001"), (180, "Anchor bolt M12"), (-400, "36"), (420, "EA"), (-540, "349.20")],
        )
        put(pdf, 574, [(180, note)])
        put(pdf, 550, [(400, "Total"), (-540, "349.20")])

    return parse(draw)


# Safe (_UNIT_COST): beside an amount column, a cost that does not make the amount holds.
@pytest.mark.parametrize("note", ["Cost 9.60 / each", "Price 97.00 / box"])
def test_safe_a_cost_under_the_line_that_does_not_make_its_amount_holds(note: str) -> None:
    assert not released(_costed(note))


def _delivery(value: str) -> Order:
    def head(pdf: canvas.Canvas) -> None:
        ship_to(pdf)
        put(pdf, 640, [(300, "Liefertermin:"), (380, value)])

    return parse(acme(head))


# Finding, 'KW 51 / date' (regression of 9b55ab8; the comma form is older): a day outside the week printed before
# it is released as the delivery date.
@pytest.mark.parametrize("value", ["KW 51 / 10.12.2032", "KW 51 / 20.12.2032"], ids=["week-50", "week-52"])
def test_a_week_that_disagrees_with_its_day_holds(value: str) -> None:
    order = _delivery(value)
    assert not released(order), f"released with {[d.value for d in order.dates]}"


# Finding, older (c2bb7bd alike): a window of weeks is released with no delivery date, nothing noted.
@pytest.mark.parametrize("value", ["KW 51 / KW 52", "KW 51 - KW 52", "KW 51 bis KW 52"])
def test_a_window_of_weeks_is_not_released_without_a_date(value: str) -> None:
    order = _delivery(value)
    assert order.dates or not released(order), "released with no delivery date"


# Safe ('KW 51 / date'): the day inside the week is read; a year or a yearless day after the slash holds.
def test_safe_a_week_then_its_day_or_year() -> None:
    inside = _delivery("KW 51 / 17.12.2032")
    assert [d.value for d in inside.dates] == [date(2032, 12, 17)] and released(inside)
    assert not released(_delivery("KW 51 / 2032"))
    assert not released(_delivery("KW 51 / 14.12."))


def _first_item(first: str, second: str = "AB-1002") -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        put(pdf, 600, HEADER)
        put(pdf, 584, [(40, first), *FIRST[1:]])
        put(pdf, 568, [(40, second), *SECOND[1:]])
        put(pdf, 546, TOTAL)

    return parse(draw)


# Finding, _LED_BY_NUMBER (regression of 9b55ab8): a thread size as the first line's item ('1 1/2-13') is split
# into line 1 and item '1/2-13', another size, and released. c2bb7bd held it.
def test_a_fraction_size_in_the_item_column_is_not_a_line_number() -> None:
    order = _first_item("1 1/2-13")
    first = order.lines[0]
    assert first.vendor_part_number == "1 1/2-13" or not released(order), f"released as {first.vendor_part_number}"


# Safe (_LED_BY_NUMBER): numbers that are not the rows' positions are left in the code, and the order holds.
def test_safe_a_number_that_is_not_the_rows_position() -> None:
    assert not released(_first_item("2 AB-1001", "1 AB-1002"))


# Safe (CODE_LINE): 'Product ID: 7740' under a line that has its item code leaves the code as printed.
def test_safe_a_product_id_under_a_coded_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 574, [(110, "Product ID: 7740")])
        put(pdf, 558, SECOND)
        put(pdf, 536, TOTAL)

    order = parse(draw)
    assert [ln.vendor_part_number for ln in order.lines] == ["AB-1001", "AB-1002"]


# Safe (_caption_beyond): 'Total Price' over a 'USD' left-aligned under 'Total' is still the amount.
def test_safe_a_total_price_over_its_currency() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        pdf.setFont("Helvetica-Bold", 8)
        put(pdf, 600, [(40, "Item"), (110, "Description"), (310, "Qty"), (400, "Unit Price"), (500, "Total Price")])
        put(pdf, 591, [(400, "USD"), (500, "USD")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 575, [(40, "AB-1001"), (110, "Anchor bolt M12"), (-330, "24"), (-450, "9.25"), (-560, "222.00")])
        put(pdf, 559, [(40, "AB-1002"), (110, "Anchor bolt M10"), (-330, "10"), (-450, "6.40"), (-560, "64.00")])
        put(pdf, 537, [(400, "Total"), (-560, "286.00")])

    order = parse(draw)
    assert [(ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("9.25"), Decimal("222.00")),
        (Decimal("6.40"), Decimal("64.00")),
    ]


# Safe (_drop_within_item, _bare_code): a real variant after the code is not cut off; the order holds.
@pytest.mark.parametrize("variant", ["02", "RED", "#1"])
def test_safe_a_real_variant_after_the_code(variant: str) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 600, [(43, "Sl."), (63, "Item Code /"), (137, "Description"), (315, "Quantity"), (353, "Purchase"),
                       (432, "Cost"), (521, "Line")])  # fmt: skip
        put(pdf, 590, [(42, "No."), (63, "Variant"), (361, "UOM"), (420, "Per Unit"), (508, "Amount")])
        pdf.setFont("Helvetica", 7.5)
        put(pdf, 574, [(46, "1"), (63, f"AB-1005 / {variant}"), (137, "Sleeve anchor 1/2 x 4 in"), (-345, "8.00"),
                       (364, "Box"), (-449, "39.80"), (-536, "318.40")])  # fmt: skip
        put(pdf, 547, [(46, "2"), (63, "DR-3010 / ##"), (137, "Masonry drill bit set 5 pc"), (-345, "6.00"),
                       (363, "Nos"), (-449, "18.90"), (-536, "113.40")])  # fmt: skip
        put(pdf, 520, [(380, "PO Value :"), (-536, "USD 431.80")])

    order = parse(draw)
    assert order.lines[0].vendor_part_number != "AB-1005" or not released(order)


# Safe ('Price net' / 'Value net'): beside a gross price and a discount, the line does not compute and holds.
def test_safe_a_gross_and_a_net_price() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _standard(pdf)
        put(pdf, 600, [(40, "Item"), (110, "Name"), (-300, "Qty"), (-370, "Price gross"), (-420, "Disc. %"),
                       (-480, "Price net"), (-560, "Value net")])  # fmt: skip
        put(pdf, 584, [(40, "AB-1001"), (110, "Anchor bolt M12"), (-300, "24"), (-370, "10.00"), (-420, "7.5"),
                       (-480, "9.25"), (-560, "222.00")])  # fmt: skip
        put(pdf, 562, [(400, "Total"), (-560, "222.00")])

    order = parse(draw)
    line = order.lines[0]
    assert (line.unit_price, line.amount) == (Decimal("9.25"), Decimal("222.00")) or not released(order)
