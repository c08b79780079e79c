"""A nineteenth review's reproductions: prints a real ERP could produce, aimed at the rules added in
2330597..97ca154 (a total the goods and tax do not make holds the order; tax read from any caption naming one;
'Price/ Unit', 'Net Amt', 'Sum', 'Details'; a plain code without a colon, 'Supplier code', 'Sum' and a count
before the total ending the table; a site's name before a ship-to, a five-figure street over a US postal line,
'Due In' and 'Planned Del. Date'). One finding is a regression of these commits; three are older behaviour the
new hold on an unmade total was meant to close and does not. Each test asserts the safe outcome and fails on
97ca154; the tests named ``test_safe_…`` pass: attacks the rules withstand. All four findings are mended (a charge's
caption is never a tax's; 'incluido', 'incluse' … mark a total; 'Balance Due' and 'Amount Due' are the order's
total), and two of the over-cautious holds below with them ('Totaal BTW', 'Sum of lengths').

- ``_tax_caption`` (extract.py; regression of 2794947): a charge whose caption names a tax ('Freight ex GST
  25.00', 'Freight (tax exempt)', 'Carriage (zero-rated VAT)') is read as tax, not as freight. The goods, that
  'tax' and the real tax make the printed total, so no hold fires and the order is released with no charge: the
  freight is silently dropped. 2330597 read each as a D240 charge checked against the total.
- ``_TAX`` '^zzgl' (extract.py; older): 'zzgl. Versandkosten 25,00' above 'zzgl. 19 % MwSt.' is read as tax
  (though _CHARGE lists 'zzgl.' as a charge's prefix); the sum agrees and the freight is dropped, released.
- The order's total read as tax (extract.py; older, a gap of 2794947): 'Total IVA incluido' and 'Montant total TVA
  incluse' name the tax's own total ('total IVA', 'total TVA') and are summed as tax, so no order total is found
  and the hold never fires: an unread charge ('Gastos de envío 25.00', 'Frais de dossier 25.00') is dropped and
  the order released at its goods.
- The order's total under a caption _TOTAL does not know (extract.py; older, a gap of 2794947): 'Net Total 286.00
  / Small order fee 25.00 / Balance Due 311.00' ('Amount Due' alike): no grand total is found, the hold never
  fires, the fee is dropped and the order released at 286.00.

Withstood (held, none released wrong): 'Freight incl. VAT' stays a charge checked against the total; a Vyapar
'Price/ Unit' table whose Amount includes GST and a 'Net Amt' beside a gross 'Sum' hold; a group's 'Number of rows:
2  Sum 286.00' mid-table ends the table and the rows after it hold; 'Item 2  Due 07/18/2031' under a row holds;
'Store: 0043' over Dayton's address holds UNKNOWN_SHIP_TO; 'Planned Delivery Date' beside a different 'Requested
Delivery Date' holds. Three of them hold clean orders 2330597 released (over-cautious, not wrong): 'Totaal BTW' /
'Totale IVA' (the tax's own total in Dutch and Italian) taken for the order's total; a continuation 'Pieces 4  Sum
of lengths 12 m' ending the table; 'Supplier code: SUP-0045' under the last row taken for its vendor part."""

from __future__ import annotations

import sys
from collections.abc import Iterator
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
from test_review_wrong_release_13 import FIRST, SECOND, acme, parse, put, released, ship_to  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
Row = list[tuple[float, str]]


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


def _totals(*lines: Row, first: Row | None = None) -> Order:
    """Acme's two lines (286.00), the goods' total, then ``lines`` of the totals' block."""

    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        put(pdf, 540, first or [(400, "Subtotal"), (-560, "286.00")])
        for n, row in enumerate(lines):
            put(pdf, 526 - 14 * n, row)

    return parse(draw)


def _charge_kept_or_held(session: Session, order: Order, amount: str) -> None:
    kept = [c.amount for c in order.allowances_charges] == [Decimal(amount)]
    assert kept or not released(order), f"released at {order.stated_total} with the {amount} charge dropped"
    assert kept or decided(session, order).hold_reasons


# Finding, _tax_caption (regression of 2794947): a charge naming a tax is read as tax; the sum agrees, the charge
# is dropped and the order released. 2330597 read each as a D240 charge.
@pytest.mark.parametrize(
    "rows",
    [
        (
            [(300, "Freight ex GST"), (-560, "25.00")],
            [(300, "GST"), (-560, "31.10")],
            [(400, "Total inc GST"), (-560, "342.10")],
        ),
        (
            [(300, "Freight (tax exempt)"), (-560, "25.00")],
            [(300, "Sales Tax"), (-560, "20.02")],
            [(400, "Total"), (-560, "331.02")],
        ),
        (
            [(300, "Carriage (zero-rated VAT)"), (-560, "25.00")],
            [(300, "VAT 20%"), (-560, "57.20")],
            [(400, "Total"), (-560, "368.20")],
        ),
    ],  # fmt: skip
    ids=["ex-gst", "tax-exempt", "zero-rated-vat"],
)
def test_a_charge_whose_caption_names_a_tax_is_not_dropped(session: Session, rows: tuple[Row, ...]) -> None:
    _charge_kept_or_held(session, _totals(*rows), "25.00")


# Finding, _TAX's '^zzgl' (older): 'zzgl. Versandkosten' is read as tax; the freight is dropped, released.
def test_zzgl_versandkosten_is_freight_not_tax(session: Session) -> None:
    order = _totals(
        [(300, "zzgl. Versandkosten"), (-560, "25.00")],
        [(300, "zzgl. 19 % MwSt."), (-560, "59.09")],
        [(400, "Gesamtbetrag"), (-560, "370.09")],
    )
    _charge_kept_or_held(session, order, "25.00")


# Finding, the order's total read as tax (older; a gap of 2794947): no grand total, the hold never fires.
@pytest.mark.parametrize(
    "rows",
    [
        (
            [(300, "Gastos de envío"), (-560, "25.00")],
            [(300, "IVA 21%"), (-560, "65.31")],
            [(400, "Total IVA incluido"), (-560, "376.31")],
        ),
        (
            [(300, "Frais de dossier"), (-560, "25.00")],
            [(300, "TVA 20 %"), (-560, "62.20")],
            [(400, "Montant total TVA incluse"), (-560, "373.20")],
        ),
    ],  # fmt: skip
    ids=["total-iva-incluido", "montant-total-tva-incluse"],
)
def test_an_order_total_naming_its_tax_is_not_summed_as_tax(session: Session, rows: tuple[Row, ...]) -> None:
    _charge_kept_or_held(session, _totals(*rows), "25.00")


# Finding, the order's total under a caption _TOTAL does not know (older; a gap of 2794947): the fee is dropped.
@pytest.mark.parametrize(
    ("first", "fee", "due"),
    [("Net Total", "Small order fee", "Balance Due"), ("Total", "Delivery fee", "Amount Due")],
    ids=["balance-due", "amount-due"],
)
def test_a_fee_before_an_amount_due_is_not_dropped(session: Session, first: str, fee: str, due: str) -> None:
    order = _totals(
        [(300, fee), (-560, "25.00")],
        [(300, "Sales Tax"), (-560, "0.00")],
        [(400, due), (-560, "311.00")],
        first=[(400, first), (-560, "286.00")],
    )
    _charge_kept_or_held(session, order, "25.00")


# Safe (_tax_caption): the tax's own total in Dutch or Italian was taken for the order's total, and held; since
# the review's mend ('totaal', 'totale' before a tax's name) it is the tax, and the order is released right.
@pytest.mark.parametrize("caption", ["Totaal BTW", "Totale IVA"])
def test_safe_a_tax_total_in_dutch_or_italian_is_the_tax(session: Session, caption: str) -> None:
    order = _totals([(300, caption), (-560, "60.06")], [(400, "Totaal / Totale"), (-560, "346.06")])
    assert order.stated_total == Decimal("286.00") and released(order), order.warnings
    assert decided(session, order).hold_reasons == []


# Safe (_tax_caption): 'Freight incl. VAT' names the tax in the charge: a charge, checked against the total.
def test_safe_freight_including_vat_is_a_charge(session: Session) -> None:
    order = _totals([(300, "Freight incl. VAT"), (-560, "30.00")], [(300, "VAT"), (-560, "57.20")],
                    [(400, "Total"), (-560, "373.20")])  # fmt: skip
    assert [(c.code, c.amount) for c in order.allowances_charges] == [("D240", Decimal("30.00"))]
    assert released(order) and decided(session, order).hold_reasons == []


# Safe (columns): 'Price/ Unit' beside an Amount that includes GST; 'Net Amt' beside a gross 'Sum': both hold.
@pytest.mark.parametrize("gross", ["vyapar", "sum"])
def test_safe_a_gross_amount_column_holds(session: Session, gross: str) -> None:
    if gross == "vyapar":
        header = [(40, "Item"), (110, "Details"), (-330, "Qty"), (-400, "Price/ Unit"), (-470, "GST"),
                  (-560, "Amount")]  # fmt: skip
        figures = [("24", "9.25", "39.96", "261.96"), ("10", "6.40", "11.52", "75.52")]
        total = "337.48"
    else:
        header = [(40, "Item"), (110, "Description"), (-330, "Qty"), (-400, "Price"), (-470, "Net Amt"),
                  (-560, "Sum")]  # fmt: skip
        figures = [("24", "9.25", "222.00", "264.18"), ("10", "6.40", "64.00", "76.16")]
        total = "340.34"
    rows = tuple(
        [(40, code), (110, text), (-330, q), (-400, p), (-470, mid), (-560, last)]
        for (code, text), (q, p, mid, last) in zip(
            [("AB-1001", "Anchor bolt M12"), ("AB-1002", "Anchor bolt M10")], figures, strict=True
        )
    )
    order = parse(acme(ship_to, header=header, rows=rows, total=[(400, "Total"), (-560, total)]))
    assert not released(order)
    assert decided(session, order).hold_reasons


THIRD: Row = [(40, "AB-1003"), (110, "Anchor bolt M8"), (-350, "10"), (380, "EA"), (-480, "4.15"), (-560, "41.50")]


def _three_rows(middle: Row) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, rows=(), total=[])(pdf)
        put(pdf, 584, FIRST)
        put(pdf, 568, SECOND)
        put(pdf, 552, middle)
        put(pdf, 536, THIRD)
        put(pdf, 514, [(400, "Total"), (-560, "327.50")])

    return parse(draw)


# Safe (table END, a count before the total's caption): a group's sum mid-table ends the table early; the rows
# after it are seen and the order holds.
def test_safe_a_count_and_sum_inside_the_table_holds(session: Session) -> None:
    order = _three_rows([(40, "Number of rows: 2"), (400, "Sum"), (-560, "286.00")])
    assert not released(order)
    assert decided(session, order).hold_reasons


# Safe (table END): a continuation starting with a count and 'Sum of' ended the table and held the order; since the
# review's mend ('Sum of …' is no total's caption) it is the line's text, and the three lines are read.
def test_safe_a_continuation_with_sum_of_is_the_lines_text(session: Session) -> None:
    order = _three_rows([(110, "Pieces 4 Sum of lengths 12 m")])
    assert [ln.vendor_part_number or ln.sku for ln in order.lines] == ["AB-1001", "AB-1002", "AB-1003"]
    assert released(order) and decided(session, order).hold_reasons == []


def _under(last: Row) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, rows=(), total=[])(pdf)
        put(pdf, 584, FIRST)
        put(pdf, 568, SECOND)
        put(pdf, 556, last)
        put(pdf, 534, [(400, "Total"), (-560, "286.00")])

    return parse(draw)


# Safe (_PAIR's plain code without a colon; 'Supplier code'): a line number and a date under a row hold; a
# supplier's account code under the last row becomes its vendor part, which the core does not know: held.
def test_safe_an_item_number_and_a_due_date_under_a_row_hold() -> None:
    assert not released(_under([(110, "Item 2  Due 07/18/2031")]))


def test_safe_a_supplier_code_under_the_last_row_holds(session: Session) -> None:
    assert "UNKNOWN_ITEM" in _holds(decided(session, _under([(40, "Supplier code: SUP-0045")])))


# Safe (_SITE_NAMED): a store number before Dayton's address is the ship-to's name; the core does not resolve it.
def test_safe_a_store_number_before_the_ship_to_holds(session: Session) -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Store: 0043", "Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])

    assert decided(session, parse(acme(head))).hold_reasons


# Safe ('planned delivery date'): beside a different requested date, the two dates hold.
def test_safe_a_planned_date_beside_a_requested_one_holds() -> None:
    numbers = ("PO Number: 45-2201", "PO Date: 03/14/2026", "Requested Delivery Date: 07/18/2031",
               "Planned Delivery Date: 07/25/2031")  # fmt: skip
    assert not released(parse(acme(ship_to, numbers)))
