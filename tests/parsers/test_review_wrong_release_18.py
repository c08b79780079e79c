"""An eighteenth review's reproductions: prints a real ERP could produce, aimed at the rules added in
d4d29c2..4d3087b (captions spelled one letter a line down a box, a value right of its caption's end, a note before
the total, PRODUCT over VENDOR PRODUCT, a block past a left panel's lines, a bare site code beside SHIP TO, a date
printed under a date's label that does not read, a place before a date, a title line's far 'Nr.') and 2ccff35. No
regression of these rules released a wrong order in the time given; the three findings are older behaviour, two
of them gaps the unread-date rule (73476e0) was meant to close. Each test asserts the safe outcome and fails on
4d3087b (and on d4d29c2); the tests named ``test_safe_…`` pass: attacks the rules withstand.

- ``_unread_date`` (header.py; older, a gap of 73476e0): a date printed with spaced separators, as a report of
  separate day / month / year fields prints it ('Order Date: 06 / 05 / 2031', 'Delivery Date: 06 / 05 / 2031'),
  is neither read nor noticed: only the value's first four words are looked at ('06 / 05 /'), which have no year
  and no separator between digits. The order is released with no order date (or no delivery date) and no hold.
- ``_unread_date`` weak labels (older): under 'Date:' a date in a form no rule reads ('6th May, 2031',
  '2031-May-06') is skipped as the weak label's business, and the order is released with no order date: the
  worst class (a date neither read nor noticed) that 73476e0 holds under 'Order Date:'.
- Totals (extract.py; older, _after_note does not change it): 'Subtotal 286.00' over 'Shipping and handling
  charges are added  25.00   Total Due  311.00' is released with the subtotal as the order's total: the 25.00
  freight and the printed 311.00 are silently dropped.

Withstood: 'Order Date: 6. 5. 2031' (spaced, Czech) and '2031 May 6' hold LOW_CONFIDENCE (released undated on
d4d29c2); a tax note with its figure
left of 'TOTAL' ('Sales tax 7.5% Montgomery County Ohio  21.45  TOTAL  307.45') holds; a bare code beside 'Ship To:'
('ATTN-RCV') keeps the address under it, which resolves to the right location; a lone 'A B C D' down a margin stays
as printed (test_pdf_rounds_61_62)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session

from orderhub.capture import decide_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from schemas.order import Order

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import acme, parse, put, released, ship_to  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    """The core's view: the evaluation set's master data."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def decided(session: Session, order: Order) -> Order:
    return decide_captured(session, order.model_copy(update={"order_id": "o-1"}))


def _holds(order: Order) -> list[str]:
    return [r.code for r in order.hold_reasons]


# Finding, _unread_date (older; a gap of 73476e0): a date with spaced separators under a specific label is neither
# read nor noticed; the order is released without it.
@pytest.mark.parametrize(
    "numbers",
    [
        ("PO Number: 45-2201", "Order Date: 06 / 05 / 2031"),
        ("PO Number: 45-2201", "PO Date: 03/14/2026", "Delivery Date: 06 / 05 / 2031"),
    ],
    ids=["order-date", "delivery-date"],
)
def test_a_date_with_spaced_separators_is_read_or_held(session: Session, numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers))
    read = order.po_date is not None if "Order Date" in numbers[1] else bool(order.dates)
    assert read or not released(order), "a printed date was neither read nor held"
    assert read or decided(session, order).hold_reasons


# Finding, weak 'Date:' (older): a date in a form no rule reads is skipped under the weak label; released undated.
@pytest.mark.parametrize("printed", ["6th May, 2031", "2031-May-06"])
def test_a_date_under_a_weak_label_that_does_not_read_holds(session: Session, printed: str) -> None:
    order = parse(acme(ship_to, ("PO Number: 45-2201", f"Date: {printed}")))
    assert order.po_date is not None or not released(order), f"'Date: {printed}' neither read nor held"
    assert order.po_date is not None or decided(session, order).hold_reasons


# Finding, totals (older): the subtotal is taken for the order's total; the freight and 'Total Due' are dropped.
# Mended: money between the goods and the order's total that no caption reads holds the order (extract._charges).
# The mend needed the tax lines read first: 'Umsatzsteuer 19 %' and '19,00 % USt.' were not, and a hold on every
# total above the goods and read tax held 28 clean orders of earlier layouts (B4, O8, T1, T4, U4, Z1, K6, …).
def test_a_charge_after_the_subtotal_is_not_dropped(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        put(pdf, 540, [(400, "Subtotal"), (-560, "286.00")])
        put(pdf, 526, [(40, "Shipping and handling charges are added"), (-300, "25.00"), (400, "Total Due"),
                       (-560, "311.00")])  # fmt: skip

    order = parse(draw)
    assert order.stated_total == Decimal("311.00") or not released(order), f"released at {order.stated_total}"
    assert order.stated_total == Decimal("311.00") or decided(session, order).hold_reasons


# The mend's other side: what the charges' check must still read as the goods, tax, charges and total that agree.
def _totals(*lines: list[tuple[float, str]]) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        put(pdf, 540, [(400, "Subtotal"), (-560, "286.00")])
        for n, row in enumerate(lines):
            put(pdf, 526 - 14 * n, row)

    return parse(draw)


@pytest.mark.parametrize(
    "tax",
    ["Umsatzsteuer 19 %", "19,00 % USt.", "19% MwSt.", "Imposta / Sales tax", "Total TVA", "Montant TVA"],
)
def test_a_tax_named_anywhere_in_its_caption_is_read_as_the_tax(session: Session, tax: str) -> None:
    order = _totals([(300, tax), (-560, "54.34")], [(400, "Gesamtbetrag"), (-560, "340.34")])
    assert order.stated_total == Decimal("286.00") and released(order), order.warnings
    assert decided(session, order).hold_reasons == []


def test_a_gross_total_with_its_tax_unread_in_a_note_holds(session: Session) -> None:
    order = _totals([(40, "VAT is charged at the rate in force"), (-560, "54.34")], [(400, "Total"), (-560, "340.34")])
    assert not released(order)
    assert "LOW_CONFIDENCE" in _holds(decided(session, order))


def test_an_italian_freight_charge_is_read_as_freight(session: Session) -> None:
    order = _totals([(300, "Spese trasporto / Freight"), (-560, "25.00")], [(400, "Totale ordine"), (-560, "311.00")])
    assert [(c.code, c.amount) for c in order.allowances_charges] == [("D240", Decimal("25.00"))]
    assert released(order) and decided(session, order).hold_reasons == []


def test_a_retail_value_and_a_count_are_not_the_orders_total(session: Session) -> None:
    order = _totals([(300, "Total Retail:"), (-560, "512.00")], [(300, "Total quantity: 34   Lines: 2")])
    assert released(order), order.warnings
    assert decided(session, order).hold_reasons == []


def test_a_total_below_the_goods_with_nothing_taken_off_in_words_holds(session: Session) -> None:
    note = [(40, "Special arrangement with A. Meyer, see letter"), (-560, "10.00")]
    order = _totals(note, [(400, "Total"), (-560, "276.00")])
    assert not released(order)
    assert decided(session, order).hold_reasons


def test_a_freight_term_beside_another_caption_is_no_charge(session: Session) -> None:
    order = _totals([(40, "Freight: FOB   Currency: 1 - US DOLLAR")], [(400, "Total"), (-560, "286.00")])
    assert order.allowances_charges == [] and released(order), order.warnings


# Safe (_unread_date): a spaced Czech date and a year-first date with a month's name held LOW_CONFIDENCE when the
# review was written; since its mend (spaced separators, year-month-day with the month's name) both read.
@pytest.mark.parametrize("printed", ["6. 5. 2031", "2031 May 6"])
def test_safe_a_date_in_an_unread_form_holds(printed: str) -> None:
    order = parse(acme(ship_to, ("PO Number: 45-2201", f"Order Date: {printed}")))
    assert order.po_date == date(2031, 5, 6) or (order.po_date is None and "LOW_CONFIDENCE" in _holds(order))


# Safe (_after_note): a tax note with its figure left of 'TOTAL' is not dropped into a silent total: held.
def test_safe_a_tax_note_with_its_figure_before_the_total_holds() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        put(pdf, 540, [(40, "Sales tax 7.5% Montgomery County Ohio"), (-300, "21.45"), (400, "TOTAL"),
                       (-560, "307.45")])  # fmt: skip

    assert not released(parse(draw))


# Safe (address_block's bare code): 'Ship To:  ATTN-RCV' keeps the address under it; the right location resolves.
def test_safe_a_bare_code_beside_ship_to_keeps_the_address(session: Session) -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 700, [(40, "Ship To:"), (90, "ATTN-RCV")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(90, text)])

    order = parse(acme(head))
    assert order.ship_to is not None and order.ship_to.name == "Acme Hardware Dayton"
    order = decided(session, order)
    assert order.ship_to is not None and order.hold_reasons == []
