"""A thirty-second review's reproductions: prints a real ERP could produce, aimed at the rules added in 9b1cdc9
(figures after the goods' total held unless a tax's or a rate's caption explains them, 'Nr.' alone under the
order's own title, 'ACK BY', a bare 'Due' column, 'Catalog Number', 'Montant HT' and a remarks caption before a
total's ending the table). Each finding's test asserts the safe outcome (read right, or held) and fails on
9b1cdc9; the tests named ``test_safe_…`` pass: attacks the rules withstand.

- ``columns.py`` 'due' (rule 4; regression): a bare 'Due' caption is now a line date column, and a cell under it
  that is no date the reader knows falls to the quantity on its left. An order form without prices whose 'Due'
  column prints the week ('Wk 17', 'Wk 18') or the date without its year ('Apr 20') is released with 17 and 18
  (20 and 22) for the 24 and 10 ordered; 'UOM | Qty | Due' over lead days ('14', '21') likewise. 8d4dce0 held
  all three (no table found, or lines 0.85 with no total to check them).
- ``table.py`` ``_NOTE_CAPTION`` (rule 5; regression): a remark under a line whose words start like a total's
  caption ends the table. A price-less order with 'Notes: Tax exempt - resale' under its first line, or
  'Hinweis: Gesamtmenge in einer Lieferung' / 'Bemerkungen: MwSt.-frei' under Hansa's first position, is released
  with the lines after the remark dropped. 8d4dce0 read every line (released right).
- ``table.py`` ``_read_rows`` (older fault, 8d4dce0 too): a total's word anywhere in a remark with no figure
  ('Comments: Total quantity to ship complete') under the first line ends the table: a price-less order is
  released with the lines after it dropped.
- ``table.py`` (older fault, 8d4dce0 too): a column of figures right of the unit under a caption no table knows
  ('Lead Days' over '30') is read as each line's quantity: a price-less order is released with 30 for 24 and 10.

Withstood: 'Due' over real dates ('04/20/2036') gives each line its date (8d4dce0 held: no table found); 'Due' as
the amount column, 'Due' over 'Wk 17' on a priced order, 'Due' over a backorder figure when the amount is the
ordered quantity's (held: the amounts do not compute); 'ACK BY' beside 'DUE' (the due date read, the
acknowledgement's not); 'Catalog Number' (the buyer's 'CAT-00112') beside 'Vendor Part' (our part read);
'Merchandise | Freight Rate | Total', 'Fuel Surcharge 3%' or 'Disc. 5%' over the goods' total's line, totals in
two currencies (held: charges 0.6); 'No. 2' under 'PURCHASE ORDER' beside 'PO Number: 45-8901' (the labelled number
read); 'Montant HT lot 1' between lots and a stacked 'Montant HT :' under each line (held, TABLE_NOT_FOUND or
charges 0.6: an extra hold of orders 8d4dce0 read right, no wrong release).

On 8d4dce0 the two regressions' tests pass (held, or read right) and the two older faults' fail (released with
lines dropped, with the lead days for quantities). So do six safe cases: the 'Due' dates and 'ACK BY' beside 'DUE'
(held there: no table found, requested date 0.5), and the rule-1 prints, which 8d4dce0 released at the goods'
286.00 with the freight, the surcharge or the discount dropped (wrong releases 9b1cdc9 mends). The 'Montant HT'
prints pass there (read right).
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
    lines = [(ln.vendor_part_number, str(ln.quantity), str(ln.unit_price)) for ln in order.lines]
    charges = [(c.indicator, c.code, str(c.amount)) for c in order.allowances_charges]
    return f"PO {order.po_number!r}, total {order.stated_total}, charges {charges}, lines {lines}"


def _lines(order: Order) -> list[tuple[str | None, Decimal | None]]:
    return [(ln.vendor_part_number, ln.quantity) for ln in order.lines]


ORDERED = [("AB-1001", 24), ("AB-1002", 10)]


def _acme(header: Row, rows: list[Row], after: list[Row] = (), head: list[tuple[float, Row]] = ()) -> Order:
    """Acme's PO 45-8901 to Dayton: ``head`` under the ship-to, ``rows`` under ``header``, then ``after``."""

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
        y = 626.0
        for row in rows:
            put(pdf, y, row)
            y -= 12
        for row in after:
            y -= 12
            put(pdf, y, row)

    return parse(draw)


PRICED: Row = [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM"), (-400, "Unit Price"),
               (-540, "Amount")]  # fmt: skip
FIRST: Row = [(40, "AB-1001"), (100, "Anchor bolt M12"), (-290, "24"), (300, "EA"), (-400, "9.25"), (-540, "222.00")]
SECOND: Row = [(40, "AB-1002"), (100, "Anchor bolt M10"), (-290, "10"), (300, "EA"), (-400, "6.40"), (-540, "64.00")]
THIRD: Row = [(40, "GL-8001"), (100, "Nitrile gloves L"), (-290, "5"), (300, "BX")]
TOTAL: list[Row] = [[(400, "Total"), (-540, "286.00")]]


def _due(cells: tuple[str, str], header: Row | None = None) -> Order:
    """The price-less form: 'Item | Description | Qty | UOM | Due', each line's ``cells`` under 'Due'."""
    header = header or [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM"), (350, "Due")]
    x = header[-1][0]
    rows = [row[:4] + [(x, cell)] for row, cell in zip((FIRST, SECOND), cells, strict=True)]
    if x < 0:  # 'UOM | Qty | Due': the unit before the quantity
        rows = [[row[0], row[1], (300, row[3][1]), (-340, row[2][1]), row[4]] for row in rows]
    return _acme(header, rows)


# --- rule 4: a bare 'Due' column ----------------------------------------------------------------------------------


# Finding, columns.py 'due' (rule 4; regression): a 'Due' cell that is no date is not the line's quantity.
@pytest.mark.parametrize(
    ("cells", "header"),
    [
        (("Wk 17", "Wk 18"), None),
        (("Apr 20", "Apr 22"), None),
        (("14", "21"), [(40, "Item"), (100, "Description"), (300, "UOM"), (-340, "Qty"), (-380, "Due")]),
    ],
    ids=["week", "date-without-year", "lead-days-right-of-qty"],
)  # fmt: skip
def test_a_due_cell_that_is_no_date_is_not_the_quantity(
    session: Session, cells: tuple[str, str], header: Row | None
) -> None:
    order = _due(cells, header)
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# Safe (rule 4): 'Due' over dates gives each line its date.
def test_safe_a_due_column_of_dates_dates_each_line(session: Session) -> None:
    order = _due(("04/20/2036", "04/22/2036"))
    assert _lines(order) == ORDERED
    assert [ln.requested_date for ln in order.lines] == [date(2036, 4, 20), date(2036, 4, 22)]
    assert not _held(session, order)


# Safe (rule 4): on a priced order a 'Due' cell misread as the quantity does not compute: held.
@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (PRICED[:4] + [(330, "Due")] + PRICED[4:],
         [row[:4] + [(330, cell)] + row[4:] for row, cell in zip((FIRST, SECOND), ("Wk 17", "Wk 18"), strict=True)]),
        ([(40, "Item"), (100, "Description"), (-260, "Ordered"), (-300, "Due"), (310, "UOM"), (-400, "Unit Price"),
          (-540, "Amount")],
         [[row[0], row[1], (-260, row[2][1]), (-300, "10"), (310, "EA"), row[4], row[5]] for row in (FIRST, SECOND)]),
        (PRICED[:-1] + [(-540, "Due")], [FIRST, SECOND]),
    ],
    ids=["week", "backorder", "due-amount"],
)  # fmt: skip
def test_safe_a_due_cell_misread_on_a_priced_order_holds(session: Session, header: Row, rows: list[Row]) -> None:
    order = _acme(header, rows, TOTAL)
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# --- rule 5: a remarks caption before a total's ------------------------------------------------------------------


PRICE_LESS: Row = PRICED[:4]


# Finding, table.py _NOTE_CAPTION (rule 5; regression): a line's remark starting like a total does not end the table.
def test_a_lines_remark_that_starts_like_a_total_keeps_the_lines_after_it(session: Session) -> None:
    order = _acme(PRICE_LESS, [FIRST[:4], [(100, "Notes: Tax exempt - resale")], SECOND[:4], THIRD])
    assert _lines(order) == [*ORDERED, ("GL-8001", 5)] or _held(session, order), f"released as {_read(order)}"


def _hansa(note: str) -> Order:
    """Hansa's price-less order to Bremen: two positions, ``note`` under the first."""

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
        put(pdf, 664, [(120, note)])
        put(pdf, 652, [(40, "2"), (62, "GL-8001"), (120, "Nitril-Handschuhe Gr. L"), (-330, "20"), (340, "Box")])

    return parse(draw, sender=HANSA)


# Finding, table.py _NOTE_CAPTION (rule 5; regression): the same on a German form.
@pytest.mark.parametrize(
    "note", ["Hinweis: Gesamtmenge in einer Lieferung", "Bemerkungen: MwSt.-frei"], ids=["gesamt", "mwst"]
)
def test_a_positions_remark_that_starts_like_a_total_keeps_the_positions_after_it(session: Session, note: str) -> None:
    order = _hansa(note)
    assert _lines(order) == [("AB-1001", 200), ("GL-8001", 20)] or _held(session, order), f"released as {_read(order)}"


# Finding, table.py _read_rows (older fault): a total's word inside a remark without a figure ends the table.
def test_a_remark_naming_a_total_without_a_figure_keeps_the_lines_after_it(session: Session) -> None:
    order = _acme(PRICE_LESS, [FIRST[:4], [(100, "Comments: Total quantity to ship complete")], SECOND[:4], THIRD])
    assert _lines(order) == [*ORDERED, ("GL-8001", 5)] or _held(session, order), f"released as {_read(order)}"


# Finding (older fault): figures under a caption no table knows, right of the unit, are not the quantity.
def test_lead_days_right_of_the_unit_are_not_the_quantity(session: Session) -> None:
    header = PRICE_LESS + [(350, "Lead Days")]
    order = _acme(header, [FIRST[:4] + [(350, "30")], SECOND[:4] + [(350, "30")]])
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# Safe (rule 5): 'Montant HT' under each lot, or under each line, with more lines after it: held, no line dropped.
@pytest.mark.parametrize("stacked", [False, True], ids=["lots", "under-each-line"])
def test_safe_a_montant_ht_with_lines_after_it_holds(session: Session, stacked: bool) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(330, "BON DE COMMANDE")])
        put(pdf, 760, [(300, "Commande no"), (400, "Date de commande")])
        put(pdf, 748, [(300, "CMD-2036-8903"), (400, "18/09/2036")])
        put(pdf, 740, [(40, "Adresse de livraison :")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 728 - 12 * i, [(40, text)])
        captions = [(40, "Réf."), (100, "Désignation"), (-330, "Qté"), (340, "Unité"), (-450, "P.U. HT")]
        put(pdf, 670, captions if stacked else captions + [(-549, "Montant")])
        lines = [
            ("AB-1001", "Cheville M12", "24", "9,25", "222,00"),
            ("AB-1002", "Cheville M10", "10", "6,40", "64,00"),
        ]
        y = 656.0
        for n, (code, text, qty, price, amount) in enumerate(lines, start=1):
            if not stacked:
                put(pdf, y, [(100, f"Lot {n} : Fixations")])
                y -= 12
            row = [(40, code), (100, text), (-330, qty), (340, "EA"), (-450, price)]
            put(pdf, y, row if stacked else row + [(-549, amount)])
            x = -450 if stacked else -549
            put(pdf, y - 12, [(300, "Montant HT :" if stacked else f"Montant HT lot {n}"), (x, amount)])
            y -= 24
        for caption, figure in [("Total HT", "286,00"), ("TVA 20 %", "57,20"), ("Total TTC", "343,20")]:
            y -= 12
            put(pdf, y, [(350, caption), (-549, figure)])

    order = parse(draw)
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# --- rule 3: 'ACK BY' ---------------------------------------------------------------------------------------------


# Safe (rule 3): 'ACK BY' beside 'DUE': the due date is the goods', the acknowledgement's is not.
def test_safe_an_acknowledgement_date_beside_the_due_date(session: Session) -> None:
    head = [(665, [(200, "ACK BY"), (280, "DUE")]), (653, [(200, "04/12/2036"), (280, "04/20/2036")])]
    order = _acme(PRICED, [FIRST, SECOND], TOTAL, head)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 4, 20))]
    assert not _held(session, order)


# --- rule 4: 'Catalog Number' -------------------------------------------------------------------------------------


# Safe (rule 4): the buyer's 'Catalog Number' beside our 'Vendor Part': our part is read.
def test_safe_a_buyers_catalog_number_beside_the_vendor_part(session: Session) -> None:
    header = [(40, "Catalog Number"), (120, "Vendor Part"), (190, "Description"), (-340, "Qty"), (350, "UOM"),
              (-440, "Unit Price"), (-540, "Amount")]  # fmt: skip
    rows = [[(40, "CAT-00112"), (120, "PL-5003"), (190, "Ball valve 1/2 in brass"), (-340, "2"), (350, "CS"),
             (-440, "54.00"), (-540, "108.00")],
            [(40, "CAT-00187"), (120, "GL-8001"), (190, "Nitrile gloves L"), (-340, "5"), (350, "BX"),
             (-440, "11.20"), (-540, "56.00")]]  # fmt: skip
    order = _acme(header, rows, [[(400, "Total"), (-540, "164.00")]])
    assert _lines(order) == [("PL-5003", 2), ("GL-8001", 5)]
    assert not _held(session, order)


# --- rule 1: figures after the goods' total ----------------------------------------------------------------------


# Safe (rule 1): a charge under a rate's caption, a surcharge's percentage, a second currency: held, not dropped.
@pytest.mark.parametrize(
    "totals",
    [
        [[(360, "Merchandise"), (430, "Freight Rate"), (510, "Total")],
         [(250, "Totals:"), (-400, "286.00"), (-470, "17.00"), (-540, "303.00")]],
        [[(360, "Merchandise"), (425, "Fuel Surcharge 3%"), (510, "Total")],
         [(250, "Totals:"), (-400, "286.00"), (-470, "8.58"), (-540, "294.58")]],
        [[(360, "Merchandise"), (430, "Disc. 5%"), (510, "Net")],
         [(250, "Totals:"), (-400, "286.00"), (-470, "-14.30"), (-540, "271.70")]],
        [[(300, "Total"), (-420, "286.00 USD"), (-540, "264.00 EUR")]],
    ],
    ids=["freight-rate", "surcharge-percent", "discount-percent", "two-currencies"],
)  # fmt: skip
def test_safe_figures_after_the_goods_under_a_rate_hold(session: Session, totals: list[Row]) -> None:
    order = _acme(PRICED, [FIRST, SECOND], totals)
    assert _held(session, order), f"released as {_read(order)}"


# --- rule 2: 'No.' under the title --------------------------------------------------------------------------------


# Safe (rule 2): a copy's 'No. 2' under 'PURCHASE ORDER' beside the labelled PO number is not the PO.
def test_safe_a_copy_number_under_the_title_is_not_the_po(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        for i, text in enumerate(["No. 2", "PO Number: 45-8901", "PO Date: 04/10/2036"]):
            put(pdf, 756 - 12 * i, [(380, text)])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, PRICED)
        put(pdf, 626, FIRST)
        put(pdf, 614, SECOND)
        put(pdf, 590, TOTAL[0])

    order = parse(draw)
    assert order.po_number == "45-8901"
    assert not _held(session, order)
