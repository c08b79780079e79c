"""A thirty-third review's reproductions: prints a real ERP could produce, aimed at the rules added in dab4474 (a
'Due' cell that is no date held, a remarks caption ending the table only before a figure with no line after it, a
total's word with more than two words after it and no figure no longer ending the table, figures right of every
column of a price-less form held, 'Mat.-Nr.', an abbreviated day of the week before a labelled date, 'Marchandise',
a subtotal per category). Each finding's test asserts the safe outcome (read right, or held) and fails on dab4474;
the tests named ``test_safe_…`` pass: attacks the rules withstand.

- ``table.py`` ``_read_rows`` ``ending`` (rule 3; regression): a remark naming the total with more than two words
  after it ('Delivery schedule: Total quantity to be called off as follows') no longer ends the table, so the
  call-off schedule printed under it in the item columns ('AB-1001  Call-off 1 week 17  12 EA' twice) is read as
  two more lines: a price-less order is released with AB-1001 ordered 24 + 12 + 12. ad69360 ended the table at the
  remark and released the two lines right.
- ``table.py`` ``_read_row`` (rule 4; regression): on a price-less form whose 'Qty' caption is centred over a wide
  cell and whose quantities are right-aligned in it, a short quantity ('10') starts right of the caption's end:
  it is taken for a figure beyond every column, the row has no quantity left and becomes the line above's text.
  The order is released with GL-8001 dropped (1200 and 2500 read, being wide enough to start under the caption).
  ad69360 read all three lines.
- ``extract.py`` header dates (older fault, ad69360 too): a labelled delivery date before the order's own date
  ('Delivery Date: 04/03/2035' on a PO of 04/10/2036, a mistyped year) is released as the requested date; review
  23 holds the same on a line's date. With rule 6, 'Delivery Date: Thu., 04/03/2036' is now read and released so
  too (ad69360 released that order with the labelled delivery date dropped: wrong either way).
- ``header.py`` (older fault, ad69360 too): a day of the week that contradicts the date as read ('Delivery Date:
  Sun, 04/05/2036' on a US-shipping order read month first: 5 April 2036 is a Saturday, 4 May a Sunday) is
  dropped unchecked: released for 5 April.

Withstood: a 'Due' column of times ('10:00'), of months ('Apr 2036', which ad69360 released as the quantity 2036)
or on a priced order (held); 'Due' dates with their times ('04/20/2036 08:00': the date read); 'Order Total (USD,
incl. tax)' or 'Order Total in US Dollars' over the figure on the next line (the table ends, total read);
'Notes … Total 222.00' between two priced lines (both read, total 286.00 checked); 'Mat.-Nr. 1.4571' (a steel
grade) under a position (kept in its description); subtotals per category, a category's subtotal then a running
one (read, sure), and a category's subtotal ten cents off (lines 0.6). Costs: 'Merchandise | Freight | Total Amount
Due USD' over its figures is now held (the caption line no longer ends the table, the figures read as a line);
a price-less form with all its quantities right of a centred 'Qty' is now held (no table).

On ad69360 the two regressions' tests pass (read right) and the two older faults' fail (released with the date
before the order's, with 5 April). Five safe cases fail there too: the 'Due' of months with the unit between
(released with the quantity 2036: a wrong release dab4474 mends), and four extra holds dab4474 lifts: the 'Due'
date with its time (no table), 'Notes … Total 222.00' between lines (TABLE_NOT_FOUND), 'Mat.-Nr. 1.4571' (read as
a line of 1.4571, no item) and subtotals per category (lines 0.6).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, parse, put  # noqa: E402

from orderhub.capture import decide_captured  # noqa: E402
from orderhub.masterdata import import_directory  # noqa: E402
from orderhub.store.db import make_engine, migrate  # noqa: E402
from schemas.order import Order  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
HANSA = "einkauf@hansa-werkzeug.example"


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _held(session: Session, order: Order) -> bool:
    return bool(decide_captured(session, order).hold_reasons)


def _read(order: Order) -> str:
    lines = [(ln.vendor_part_number, str(ln.quantity), str(ln.unit_price), ln.requested_date) for ln in order.lines]
    dates = [(d.qualifier, d.value) for d in order.dates]
    return f"PO {order.po_number!r}, total {order.stated_total}, dates {dates}, lines {lines}"


def _lines(order: Order) -> list[tuple[str | None, Decimal | None]]:
    return [(ln.vendor_part_number, ln.quantity) for ln in order.lines]


ORDERED = [("AB-1001", 24), ("AB-1002", 10)]


def _acme(header: Row, rows: list[Row], after: list[Row] = (), head: list[tuple[float, Row]] = ()) -> Order:
    """Acme's PO 45-8901 of 04/10/2036 to Dayton: ``head`` over the table, ``rows`` under ``header``, ``after``
    straight under the rows."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-8901")])
        put(pdf, 744, [(380, "PO Date: 04/10/2036")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        for y, row in head:
            put(pdf, y, row)
        put(pdf, 640, header)
        for i, row in enumerate([*rows, *after]):
            put(pdf, 626 - 12 * i, row)

    return parse(draw)


PRICED: Row = [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM"), (-400, "Unit Price"),
               (-540, "Amount")]  # fmt: skip
FIRST: Row = [(40, "AB-1001"), (100, "Anchor bolt M12"), (-290, "24"), (300, "EA"), (-400, "9.25"), (-540, "222.00")]
SECOND: Row = [(40, "AB-1002"), (100, "Anchor bolt M10"), (-290, "10"), (300, "EA"), (-400, "6.40"), (-540, "64.00")]
TOTAL: Row = [(400, "Total"), (-540, "286.00")]


# --- rule 3: a total's word with more than two words after it and no figure ------------------------------------


# Finding, table.py _read_rows (rule 3; regression): a call-off schedule under a remark naming the total is no line.
def test_a_call_off_schedule_under_a_remark_naming_the_total_is_no_more_lines(session: Session) -> None:
    schedule = [
        [(40, "Delivery schedule: Total quantity to be called off as follows")],
        [(40, "AB-1001"), (100, "Call-off 1 week 17"), (-290, "12"), (300, "EA")],
        [(40, "AB-1001"), (100, "Call-off 2 week 19"), (-290, "12"), (300, "EA")],
    ]
    order = _acme(PRICED[:4], [FIRST[:4], SECOND[:4]], schedule)
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# Safe (rule 3): 'Order Total …' over its figure on the next line still ends the table; the total is read.
@pytest.mark.parametrize("caption", ["Order Total (USD, incl. tax)", "Order Total in US Dollars"])
def test_safe_a_total_caption_over_its_figure_ends_the_table(session: Session, caption: str) -> None:
    order = _acme(PRICED, [FIRST, SECOND], [[], [(300, caption)], [(-540, "286.00")]])
    assert _lines(order) == ORDERED
    assert order.stated_total == Decimal("286.00")
    assert not _held(session, order)


# --- rule 4: figures right of every column of a price-less form ------------------------------------------------


# Finding, table.py _read_row (rule 4; regression): a short quantity right-aligned under a centred 'Qty' is read.
def test_a_short_quantity_right_of_a_centred_caption_keeps_its_line(session: Session) -> None:
    header = [(40, "Item"), (100, "Description"), (300, "UOM"), (373, "Qty")]
    rows = [
        [(40, "AB-1001"), (100, "Anchor bolt M12"), (300, "EA"), (-405, "1200")],
        [(40, "GL-8001"), (100, "Nitrile gloves L"), (300, "BX"), (-405, "10")],
        [(40, "AB-1002"), (100, "Anchor bolt M10"), (300, "EA"), (-405, "2500")],
    ]
    order = _acme(header, rows)
    expected = [("AB-1001", 1200), ("GL-8001", 10), ("AB-1002", 2500)]
    assert _lines(order) == expected or _held(session, order), f"released as {_read(order)}"


# --- rule 1: a 'Due' cell that is no date ----------------------------------------------------------------------


DUE: Row = [(40, "Item"), (100, "Description"), (300, "UOM"), (-340, "Qty"), (350, "Due")]


def _due(cells: tuple[str, str], header: Row = DUE) -> Order:
    rows = [
        [(40, code), (100, text), (300, "EA"), (-340, qty), (350, cell)]
        for (code, text, qty), cell in zip(
            [("AB-1001", "Anchor bolt M12", "24"), ("AB-1002", "Anchor bolt M10", "10")], cells, strict=True
        )
    ]
    return _acme(header, rows)


# Safe (rule 1): times or a month under 'Due', on a price-less or a priced order: held, never the quantity.
@pytest.mark.parametrize("kind", ["times", "months-uom-between", "months-priced"])
def test_safe_a_due_cell_of_times_or_months_holds(session: Session, kind: str) -> None:
    if kind == "times":
        order = _due(("10:00", "14:30"))
    elif kind == "months-uom-between":
        header = [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM"), (350, "Due")]
        rows = [row[:4] + [(350, cell)] for row, cell in zip((FIRST, SECOND), ("Apr 2036", "May 2036"), strict=True)]
        order = _acme(header, rows)
    else:
        header = PRICED[:4] + [(330, "Due")] + PRICED[4:]
        rows = [
            row[:4] + [(330, cell)] + row[4:]
            for row, cell in zip((FIRST, SECOND), ("Apr 2036", "May 2036"), strict=True)
        ]
        order = _acme(header, rows, [[], TOTAL])
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 1): a 'Due' date with its time gives each line its date.
def test_safe_a_due_date_with_its_time_dates_each_line(session: Session) -> None:
    order = _due(("04/20/2036 08:00", "04/22/2036 14:00"))
    assert _lines(order) == ORDERED
    assert [ln.requested_date for ln in order.lines] == [date(2036, 4, 20), date(2036, 4, 22)]
    assert not _held(session, order)


# --- rule 2: a remarks caption before a total's -----------------------------------------------------------------


# Safe (rule 2): 'Notes … Total 222.00' between two priced lines: both read, the order's total checks them.
def test_safe_a_notes_total_between_priced_lines(session: Session) -> None:
    order = _acme(PRICED, [FIRST, [(40, "Notes"), (400, "Total"), (-540, "222.00")], SECOND], [[], TOTAL])
    assert _lines(order) == ORDERED
    assert order.stated_total == Decimal("286.00")
    assert not _held(session, order)


# --- rule 6: an abbreviated day of the week before a labelled date; header dates ---------------------------------


# Finding (older fault; rule 6 reaches it too): a labelled delivery date before the order's own date is checked.
@pytest.mark.parametrize("label", ["Delivery Date: 04/03/2035", "Delivery Date: Thu., 04/03/2036"])
def test_a_delivery_date_before_the_order_date_holds(session: Session, label: str) -> None:
    order = _acme(PRICED, [FIRST, SECOND], [[], TOTAL], head=[(665, [(380, label)])])
    assert order.dates and _held(session, order), f"released as {_read(order)}"


# Finding (older fault): a day of the week that contradicts the date as read is not dropped unchecked.
def test_a_day_of_the_week_that_contradicts_the_date_holds(session: Session) -> None:
    order = _acme(PRICED, [FIRST, SECOND], [[], TOTAL], head=[(665, [(380, "Delivery Date: Sun, 04/05/2036")])])
    dates = [(d.qualifier, d.value) for d in order.dates]
    assert dates == [("002", date(2036, 5, 4))] or _held(session, order), f"released as {_read(order)}"


# --- rule 5: 'Mat.-Nr.' under a position ------------------------------------------------------------------------


# Safe (rule 5): a steel grade's 'Mat.-Nr. 1.4571' under a position stays with the position's text.
def test_safe_a_material_grade_under_a_position_stays_in_its_text(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 790, [(40, "Bestellung")])
        put(pdf, 776, [(380, "Bestell-Nr.: 4500021151")])
        put(pdf, 764, [(380, "Datum: 07.04.2036")])
        put(pdf, 756, [(40, "Lieferanschrift:")])
        for i, text in enumerate(["Hansa Lager Bremen", "Hafenstr. 5", "28195 Bremen"]):
            put(pdf, 744 - 12 * i, [(40, text)])
        put(pdf, 720, [(380, "Liefertermin: 21.04.2036")])
        put(pdf, 690, [(40, "Pos."), (62, "Art.-Nr."), (120, "Bezeichnung"), (-330, "Menge"), (340, "ME")])
        put(pdf, 676, [(40, "1"), (62, "AB-1001"), (120, "Ankerbolzen M12"), (-330, "200"), (340, "St")])
        put(pdf, 664, [(120, "Mat.-Nr. 1.4571")])
        put(pdf, 652, [(40, "2"), (62, "GL-8001"), (120, "Nitril-Handschuhe Gr. L"), (-330, "20"), (340, "Box")])

    order = parse(draw, sender=HANSA)
    assert _lines(order) == [("AB-1001", 200), ("GL-8001", 20)]
    assert "1.4571" in (order.lines[0].description or "")


# --- rule 8: a subtotal per category ------------------------------------------------------------------------------


def _categories(subtotals: tuple[str, str]) -> Order:
    """CALCMENU's 'Marchandise' form: 'Électricité' (one line, 165,60) and 'Outillage' (two, 191,40), a subtotal
    after each (``subtotals``' captions and figures: 'Caption|figure'), then 'Montant HT 357,00 €'."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bon de commande N° CMD-2026-9002")])
        put(pdf, 680, [(43, "Marchandise"), (244, "Réf."), (302, "Unité"), (358, "Qté commandée"), (-474, "Prix"),
                       (-552, "Total")])  # fmt: skip
        groups = [
            ("Électricité", [("Ampoule LED E27 9 W (carton de 12)", "EL-6003", "Carton", "6,00", "27,60", "165,60")]),
            ("Outillage", [("Mètre ruban 5 m", "HT-9002", "Pièce", "12,00", "8,90", "106,80"),
                           ("Jeu de tournevis 6 pièces", "HT-9005", "Pièce", "6,00", "14,10", "84,60")]),
        ]  # fmt: skip
        y = 666.0
        for (name, rows), subtotal in zip(groups, subtotals, strict=True):
            put(pdf, y, [(43, name)])
            for text, code, unit, qty, price, amount in rows:
                y -= 12
                put(pdf, y, [(43, text), (244, code), (302, unit), (-416, qty), (-474, f"{price} €"),
                             (-552, f"{amount} €")])  # fmt: skip
            caption, figure = subtotal.split("|")
            put(pdf, y - 12, [(390, caption), (-552, f"{figure} €")])
            y -= 24
        put(pdf, y - 6, [(390, "Montant HT"), (-552, "357,00 €")])

    return parse(draw)


# Safe (rule 8): per category, or a category's then a running subtotal, reads sure; a subtotal ten cents off does not.
@pytest.mark.parametrize(
    ("subtotals", "sure"),
    [
        (("Sous-total Électricité|165,60", "Sous-total Outillage|191,40"), True),
        (("Sous-total Électricité|165,60", "Sous-total|357,00"), True),
        (("Sous-total Électricité|165,60", "Sous-total Outillage|191,50"), False),
    ],
    ids=["per-category", "then-running", "ten-cents-off"],
)
def test_safe_subtotals_per_category_check_the_lines(subtotals: tuple[str, str], sure: bool) -> None:
    order = _categories(subtotals)
    assert _lines(order) == [("EL-6003", 6), ("HT-9002", 12), ("HT-9005", 6)]
    assert (order.confidence["lines"] >= 0.9) is sure
