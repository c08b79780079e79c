"""A thirty-first review's reproductions: prints a real ERP could produce, aimed at the rules added in 5b0a7e7
(captions three lines high, 'symbol', 'delivery cost', 'MwSt. %', 'Lieferanten-Symbol:', the tax on the goods'
total's own line, 'Nr.' under the title). Each finding's test asserts the safe outcome (read right, or held) and
fails on 5b0a7e7; the tests named ``test_safe_…`` pass: attacks the rules withstand.

- ``_total`` (extract.py, rule 4; regression): any two figures after the goods' figure on the goods' total's line
  that add up (goods + a = b) are taken for the tax, whatever they are. A totals row under 'Warenwert | Rabatt |
  Netto' ('Gesamt: 1.938,00  -93,00  1.845,00', then 'Gesamtbetrag netto EUR 1.845,00') is released at 1.938,00
  with the 93,00 discount dropped (the customer billed for money it did not agree to); 'Gesamt: 1.938,00  45,00
  1.983,00' (freight) then 'Gesamtbetrag EUR 1.983,00', and 'Merchandise | Freight | Total' over 'Totals: 286.00
  17.00  303.00' then 'Order Total 303.00', are released with no freight charge. f5b9f89 held all three (charges
  0.6: the order's total is not the goods plus tax, money between them unread).
- ``_marked_under_title`` (header.py, rule 5; regression): 'Nr. X' alone under the title is now sure whatever the
  title says around it. 'BESTELLUNG ZU IHREM ANGEBOT' over 'Nr. 2036118' (the supplier's quotation) and
  'BESTELLUNG AUS RAHMENVERTRAG' over 'Nr. 4600000012' (the blanket contract) are released with that number as the
  PO, while the order's own number is printed 'Best.-Nr.: 4500021207', a label no table knows (older: unread).
  f5b9f89 held them (po_number 0.85: a title's number not seen before).
- ``_total`` (older fault, f5b9f89 too): 'Total: 286.00  17.00  303.00' with no order total after it is released
  at 286.00 without the 17.00 between the goods and the 303.00.

Withstood: InsERT nexo's own 'Gesamt: net  tax  gross' whose gross is not the order's total further down (held); a
hazard pictogram 'Symbol' column ('GHS07') beside 'Art.-Nr.' (held: the symbol is read as the item, UNKNOWN_ITEM;
f5b9f89 read the order right: more holds, no wrong release); a 'Delivery Cost' column of per-line freight before
'Total' (held: LINE_AMOUNT_MISMATCH); 'Lieferant  Nr. 70012' under 'BESTELLUNG' (held: no PO number); 'Nr.
4500021207' alone under 'BESTELLUNG' (read right).

On f5b9f89 the rule-4 and rule-5 findings pass (held) and the older fault fails (released without the freight);
so do these safe tests: the hazard 'Symbol' column (released, read right: not held) and 'Nr. 4500021207' alone
under the title (held: po_number 0.85).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
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
    lines = [(ln.vendor_part_number, str(ln.quantity), str(ln.unit_price)) for ln in order.lines]
    charges = [(c.indicator, c.code, str(c.amount)) for c in order.allowances_charges]
    return f"PO {order.po_number!r}, total {order.stated_total}, charges {charges}, lines {lines}"


HANSA_HEADER: Row = [(40, "Pos."), (62, "Art.-Nr."), (120, "Bezeichnung"), (-330, "Menge"), (340, "ME"),
                     (-430, "Einzelpreis"), (-540, "Gesamtpreis")]  # fmt: skip
HANSA_ROWS: list[Row] = [
    [(40, "1"), (62, "AB-1001"), (120, "Ankerbolzen M12"), (-330, "200"), (340, "St"), (-430, "8,60"),
     (-540, "1.720,00")],
    [(40, "2"), (62, "GL-8001"), (120, "Nitril-Handschuhe Gr. L"), (-330, "20"), (340, "Box"), (-430, "10,90"),
     (-540, "218,00")],
]  # fmt: skip
NUMBERED: list[tuple[float, Row]] = [
    (790, [(40, "Bestellung")]),
    (776, [(380, "Bestell-Nr.: 4500021151")]),
    (764, [(380, "Datum: 07.04.2036")]),
]


def _hansa(
    totals: list[Row],
    top: list[tuple[float, Row]] = NUMBERED,
    header: Row = HANSA_HEADER,
    rows: list[Row] = HANSA_ROWS,
) -> Order:
    """Hansa's order to the Bremen store on 21.04.2036: ``top``, then ``rows`` under ``header``, then ``totals``."""

    def draw(pdf: canvas.Canvas) -> None:
        for y, row in top:
            put(pdf, y, row)
        put(pdf, 756, [(40, "Lieferanschrift:")])
        for i, text in enumerate(["Hansa Lager Bremen", "Hafenstr. 5", "28195 Bremen"]):
            put(pdf, 744 - 12 * i, [(40, text)])
        put(pdf, 720, [(380, "Liefertermin: 21.04.2036")])
        put(pdf, 690, header)
        for i, row in enumerate(rows):
            put(pdf, 676 - 14 * i, row)
        for i, row in enumerate(totals):
            put(pdf, 640 - 12 * i, row)

    return parse(draw, sender=HANSA)


def _acme(totals: list[Row]) -> Order:
    """Acme's PO 45-8901 to Dayton: two anchor bolts' lines, then ``totals``."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-8901")])
        put(pdf, 744, [(380, "PO Date: 04/10/2036")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM"), (-400, "Unit Price"),
                       (-540, "Amount")])  # fmt: skip
        put(pdf, 626, [(40, "AB-1001"), (100, "Anchor bolt M12"), (-290, "24"), (300, "EA"), (-400, "9.25"),
                       (-540, "222.00")])  # fmt: skip
        put(pdf, 614, [(40, "AB-1002"), (100, "Anchor bolt M10"), (-290, "10"), (300, "EA"), (-400, "6.40"),
                       (-540, "64.00")])  # fmt: skip
        for i, row in enumerate(totals):
            put(pdf, 590 - 12 * i, row)

    return parse(draw)


# --- rule 4: two figures after the goods on their total's line, taken for the tax ------------------------------


# Finding, _total (rule 4; regression): a discount or a freight on the goods' line is no tax.
@pytest.mark.parametrize(
    "totals",
    [
        [[(330, "Warenwert"), (420, "Rabatt"), (500, "Netto")],
         [(250, "Gesamt:"), (-380, "1.938,00"), (-450, "-93,00"), (-540, "1.845,00")],
         [(330, "Gesamtbetrag netto EUR"), (-540, "1.845,00")]],
        [[(250, "Gesamt:"), (-380, "1.938,00"), (-450, "45,00"), (-540, "1.983,00")],
         [(330, "Gesamtbetrag EUR"), (-540, "1.983,00")]],
    ],
    ids=["discount", "freight"],
)  # fmt: skip
def test_money_on_the_goods_line_that_adds_up_is_not_taken_for_the_tax(session: Session, totals: list[Row]) -> None:
    order = _hansa(totals)
    assert _held(session, order), f"released as {_read(order)}"


# Finding, _total (rule 4; regression): the same on a dollar print, its captions over the totals' row.
def test_a_freight_under_its_caption_on_the_totals_row_is_not_dropped(session: Session) -> None:
    order = _acme([
        [(360, "Merchandise"), (440, "Freight"), (510, "Total")],
        [(300, "Totals:"), (-400, "286.00"), (-470, "17.00"), (-540, "303.00")],
        [(300, "Order Total"), (-540, "303.00")],
    ])  # fmt: skip
    released = not _held(session, order)
    assert not released or any(c.amount == 17 for c in order.allowances_charges), f"released as {_read(order)}"


# Finding, _total (older fault): the goods' line's figures after the goods, with no order total after it.
def test_figures_after_the_goods_on_their_line_are_not_dropped_unread(session: Session) -> None:
    order = _acme([[(300, "Total:"), (-420, "286.00"), (-480, "17.00"), (-540, "303.00")]])
    released = not _held(session, order)
    assert not released or any(c.amount == 17 for c in order.allowances_charges), f"released as {_read(order)}"


# Safe (rule 4): InsERT nexo's net, tax and gross on the goods' line, the order's gross further down another figure.
def test_safe_a_gross_on_the_goods_line_that_is_not_the_orders_total_holds(session: Session) -> None:
    order = _hansa([
        [(250, "Gesamt:"), (-380, "1.938,00"), (-450, "368,22"), (-540, "2.306,22")],
        [(330, "Gesamtbetrag brutto EUR"), (-540, "2.351,22")],
    ])  # fmt: skip
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 5: 'Nr. X' under the title ------------------------------------------------------------------------------


def _titled(title: str, under: Row, extra: tuple[str, ...] = ()) -> Order:
    top = [(800, [(300, title)]), (788, under), (776, [(380, "Datum: 07.04.2036")])]
    top += [(764 - 12 * i, [(380, text)]) for i, text in enumerate(extra)]
    return _hansa([[(330, "Gesamtbetrag netto EUR"), (-540, "1.938,00")]], top)


# Finding, _marked_under_title (rule 5; regression): the number the title names is the quotation's, the contract's.
@pytest.mark.parametrize(
    ("title", "number"),
    [("BESTELLUNG ZU IHREM ANGEBOT", "2036118"), ("BESTELLUNG AUS RAHMENVERTRAG", "4600000012")],
    ids=["quotation", "blanket-contract"],
)
def test_the_number_of_what_the_title_names_is_not_released_as_the_po(
    session: Session, title: str, number: str
) -> None:
    order = _titled(title, [(330, f"Nr. {number}")], ("Best.-Nr.: 4500021207",))
    assert order.po_number != number or _held(session, order), f"released as {_read(order)}"


# Safe (rule 5): a supplier's number under the title ('Lieferant  Nr. 70012') is no order's.
def test_safe_a_suppliers_number_under_the_title_holds(session: Session) -> None:
    order = _titled("BESTELLUNG", [(330, "Lieferant"), (380, "Nr. 70012")])
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 5): 'Nr. 4500021207' alone under 'BESTELLUNG' is the order's.
def test_safe_the_number_alone_under_the_title_is_the_orders(session: Session) -> None:
    order = _titled("BESTELLUNG", [(300, "Nr. 4500021207")])
    assert order.po_number == "4500021207"
    assert not _held(session, order)


# --- rule 2: 'Symbol', 'Delivery cost' -----------------------------------------------------------------------------


# Safe (rule 2): a hazard pictogram's 'Symbol' column beside the article number: held, never another item.
def test_safe_a_hazard_symbol_column_is_no_item_released(session: Session) -> None:
    header = HANSA_HEADER[:3] + [(250, "Symbol")] + HANSA_HEADER[3:]
    rows = [row[:3] + [(250, symbol)] + row[3:] for row, symbol in zip(HANSA_ROWS, ["GHS07", "GHS02"], strict=True)]
    order = _hansa([[(330, "Gesamtbetrag netto EUR"), (-540, "1.938,00")]], header=header, rows=rows)
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 2): 'Delivery Cost', the freight of each line, before the line's total: held, not read as its amount.
def test_safe_a_per_line_delivery_cost_is_not_released_as_the_amount(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-8901")])
        put(pdf, 744, [(380, "PO Date: 04/10/2036")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM"), (-380, "Unit Price"),
                       (-450, "Delivery Cost"), (-540, "Total")])  # fmt: skip
        put(pdf, 626, [(40, "AB-1001"), (100, "Anchor bolt M12"), (-290, "24"), (300, "EA"), (-380, "9.25"),
                       (-450, "12.00"), (-540, "234.00")])  # fmt: skip
        put(pdf, 614, [(40, "AB-1002"), (100, "Anchor bolt M10"), (-290, "10"), (300, "EA"), (-380, "6.40"),
                       (-450, "5.00"), (-540, "69.00")])  # fmt: skip
        put(pdf, 590, [(400, "Order Total"), (-540, "303.00")])

    order = parse(draw)
    assert _held(session, order), f"released as {_read(order)}"
