"""A thirty-seventh review's reproductions: prints a real ERP could produce, aimed at the rules added in f3e3147
('Doc. No.' / 'Doc. Date' / 'LPO' labels, a bracketed rate under a tax column, 'PA net', 'Item' beside 'Part No. /
Description', a line's own date blanked before the stray-date search, a pack after the unit, item blocks' ship-to
over several lines, weekday abbreviations). Each finding's test asserts the safe outcome (read right, or held) and
fails on f3e3147; the tests named ``test_safe_…`` pass: attacks the rules withstand.

- ``extract.py`` ``_line_dates`` (rule 4; regression): the date read in the line's date column is blanked in the
  row's text by plain substring replacement, so a different date that merely ends with it is blanked too: 'Need
  By' 2/1/2037 with 'balance 12/1/2037' in the description ('2/1/2037' inside '12/1/2037'), or 1/5/2037 beside
  '11/5/2037'. The second date is never seen and the line is released as due 2/1/2037 (1/5/2037). 49eb9c7 held
  ('a date is printed among the lines … not read').
- ``labels.py`` 'doc. date' (rule 1; regression): the label matches at the end of another document's date label:
  'Quote Doc. Date: 03/02/2036', 'Requisition Doc. Date: …', 'Contract Doc. Date: …' are read as the order's own
  date and released (49eb9c7 held the last two for an unlabelled date, and released the first without an order
  date rather than a wrong one).
- ``labels.py`` 'doc. no.' (rule 1; regression): a weak 'Doc. No.' (a goods receipt's, a release's document
  number) beside the PO number under a label not known ('P.O. Ref.:', 'Blanket PO:', 'Customer PO:') is taken for
  the PO number and released: PO 'GR-33776' / '33776'. 49eb9c7 held (no PO number).
- ``columns.py`` ``_item_as_position`` (rule 3; regression): 'Item | Part No. / Description' where 'Item' holds a
  real code, Acme's own item number 7740 (its duct tape TP-7001), and the description starts with another item's
  code (AB-1001): the Item column is made the line number and dropped, and the anchor bolt is released. The two
  codes contradict each other; 49eb9c7 read 7740 and held on its price.

Withstood: 'Doc. No.' or 'Requisition Doc. No.' beside a known PO label (the PO's number read), a 'Doc. No.' or
'Quote Doc No' alone as the only number (held: no PO number); 'Doc. Date' beside a 'PO Date' (held); 'LPO Ref' /
'LPO Date' (read right); a tax '0.00 (0%)' (read right), '4.63 (5%)' added into the amount, and a price set under
the tax column beside '(5%)' (all held); 'Part No. / Description' with a description starting with another code
of a different price, or 'Product Name / Description' whose first word is a size ('M12': held, unknown item).
Not attacked for lack of time: 'PA net' with a discount column after it, packs after units ('CS (24/cs)') for
items with no pack in their description, item blocks' ship-to over four lines without a postal line, 'Sex,' /
'Dom' / 'Qua.' abbreviations colliding with other words, '(DC)' / '(Facility)' after a ship-to caption.
The regressions' tests pass on 49eb9c7.
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
    lines = [(ln.vendor_part_number, str(ln.quantity), ln.uom, str(ln.requested_date)) for ln in order.lines]
    ship = order.ship_to and (order.ship_to.name, order.ship_to.address_lines)
    return f"PO {order.po_number!r} of {order.po_date}, total {order.stated_total}, ship-to {ship}, lines {lines}"


ACME = "buyer@acme.example"
DAYTON = ("Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402")
TABLE: Row = [(40, "Item"), (110, "Description"), (-378, "Qty"), (-470, "Price"), (-560, "Amount")]
BOLTS: list[Row] = [
    [(40, "AB-1001"), (110, "Anchor bolt M12"), (-378, "10"), (-470, "9.25"), (-560, "92.50")],
    [],
    [(400, "Total"), (-560, "92.50")],
]
NUMBERS = ("PO Number: 45-8901", "PO Date: 04/10/2036")


def _acme(header: Row, rows: list[Row], numbers: tuple[str, ...] = NUMBERS) -> Order:
    """Acme's PO to Dayton: ``numbers`` one under the other beside the title, ``rows`` under ``header``."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        for i, text in enumerate(numbers):
            put(pdf, 756 - 12 * i, [(380, text)])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, header)
        for i, row in enumerate(rows):
            put(pdf, 626 - 12 * i, row)

    return parse(draw, sender=ACME)


# --- rule 4: the line's own date blanked before the stray-date search ---------------------------------------------

NEED_BY: Row = [(40, "Item"), (110, "Description"), (-330, "Qty"), (350, "Need By"), (-470, "Price"), (-560, "Amount")]


# Finding, extract.py _line_dates (rule 4; regression): the date column's '2/1/2037' is blanked inside the
# description's '12/1/2037' too (a plain substring replacement), so the other date on the line is never seen and the
# line is released as due 2/1/2037. 49eb9c7 held on the unread date.
@pytest.mark.parametrize(
    ("description", "due"),
    [("Anchor bolt, balance 12/1/2037", "2/1/2037"), ("Anchor bolt, rest 11/5/2037", "1/5/2037")],
    ids=["12/1-holds-2/1", "11/5-holds-1/5"],
)
def test_another_date_ending_with_the_lines_date_holds(session: Session, description: str, due: str) -> None:
    row: Row = [(40, "AB-1001"), (110, description), (-330, "10"), (350, due), (-470, "9.25"), (-560, "92.50")]
    order = _acme(NEED_BY, [row, [], [(400, "Total"), (-560, "92.50")]])
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 4): the same date printed twice, once in the column and once in the description: released as that date.
def test_safe_the_lines_date_repeated_in_its_description_reads_it(session: Session) -> None:
    row: Row = [(40, "AB-1001"), (110, "Anchor bolt, rush 1/5/2037"), (-330, "10"), (350, "1/5/2037"),
                (-470, "9.25"), (-560, "92.50")]  # fmt: skip
    order = _acme(NEED_BY, [row, [], [(400, "Total"), (-560, "92.50")]])
    dated = [str(ln.requested_date) for ln in order.lines] == ["2037-01-05"]
    assert dated or _held(session, order), f"released as {_read(order)}"


# --- rule 1: 'Doc. No.' and 'Doc. Date' ---------------------------------------------------------------------------


# Finding, labels.py 'doc. date' (rule 1; regression): another document's date label ending in 'Doc. Date' (a
# quote's, a requisition's, a contract's) is read as the order's date, and released. 49eb9c7 released the quote's
# without an order date and held the others (a date without a label it knows).
@pytest.mark.parametrize("label", ["Quote Doc. Date: 03/02/2036", "Requisition Doc. Date: 03/02/2036",
                                   "Contract Doc. Date: 01/15/2036"])  # fmt: skip
def test_another_documents_doc_date_is_not_the_order_date(session: Session, label: str) -> None:
    order = _acme(TABLE, BOLTS, numbers=("PO Number: 45-8901", label))
    assert order.po_date is None or _held(session, order), f"released as {_read(order)}"


# Finding, labels.py 'doc. no.' (rule 1; regression): a weak 'Doc. No.' (a goods receipt's, a release's) beside the
# PO number under a label not known is read as the PO number, and released. 49eb9c7 held (no PO number).
@pytest.mark.parametrize(
    "numbers",
    [
        ("Doc. No.: GR-33776", "P.O. Ref.: 45-8901"),
        ("Release No.: 3", "Doc. No.: 33776", "Blanket PO: 45-8901"),
        ("Doc. No.: 33776", "Customer PO: 45-8901"),
    ],
    ids=["po-ref", "blanket-po", "customer-po"],
)
def test_a_doc_no_beside_the_po_number_is_not_the_po(session: Session, numbers: tuple[str, ...]) -> None:
    order = _acme(TABLE, BOLTS, numbers=numbers)
    assert order.po_number == "45-8901" or _held(session, order), f"released as {_read(order)}"


# Safe (rule 1): 'Doc. No.' beside a PO label reads the PO's number; 'Doc. No.' or 'Quote Doc No' alone is held;
# 'Doc. Date' beside 'PO Date' holds.
def test_safe_doc_no_and_doc_date_beside_the_pos_own_labels(session: Session) -> None:
    for numbers in [
        ("Doc. No.: RQ-7781", "PO Number: 45-8901", "PO Date: 04/10/2036"),
        ("PO Number: 45-8901", "PO Date: 04/10/2036", "Requisition Doc. No.: RQ-7781"),
    ]:
        order = _acme(TABLE, BOLTS, numbers=numbers)
        assert order.po_number == "45-8901" or _held(session, order), f"released as {_read(order)}"
    for numbers in [("Ref. Doc. No.: QT-4410", "PO Date: 04/10/2036"), ("Quote Doc No: QT-4410",),
                    ("PO Number: 45-8901", "Doc. Date: 04/12/2036", "PO Date: 04/10/2036")]:  # fmt: skip
        order = _acme(TABLE, BOLTS, numbers=numbers)
        assert _held(session, order), f"released as {_read(order)}"


# --- rule 3: 'Item' beside 'Part No. / Description' ---------------------------------------------------------------

PART_NO: Row = [(40, "Item"), (110, "Part No. / Description"), (-378, "Qty"), (-470, "Price"), (-560, "Amount")]


# Finding, columns.py _item_as_position (rule 3; regression): 'Item' holds Acme's own item number 7740 (its duct
# tape, TP-7001), the description starts with the anchor bolt's code: the Item column is made the line number and
# dropped, and the bolt is released; which of the two is ordered, a person says. 49eb9c7 read 7740 and held.
def test_an_item_code_under_item_contradicting_the_part_no_holds(session: Session) -> None:
    row: Row = [(40, "7740"), (110, "AB-1001 Anchor bolt M12"), (-378, "10"), (-470, "9.25"), (-560, "92.50")]
    order = _acme(PART_NO, [row, [], [(400, "Total"), (-560, "92.50")]])
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 3): the Item column's code and a description without a code: read right; a description starting with
# another item's code of another price: the Item column's read, or held.
def test_safe_item_beside_part_no_description(session: Session) -> None:
    order = _acme(PART_NO, BOLTS)
    read = [ln.vendor_part_number for ln in order.lines] == ["AB-1001"]
    assert read or _held(session, order), f"released as {_read(order)}"
    row: Row = [(40, "AB-1001"), (110, "AB-1002 Anchor bolt M12"), (-378, "10"), (-470, "9.25"), (-560, "92.50")]
    order = _acme(PART_NO, [row, [], [(400, "Total"), (-560, "92.50")]])
    read = [ln.vendor_part_number for ln in order.lines] == ["AB-1001"]
    assert read or _held(session, order), f"released as {_read(order)}"


# --- rule 2: a bracketed rate under a tax column ------------------------------------------------------------------

TAXED: Row = [(40, "Item"), (100, "Description"), (-290, "Qty"), (-350, "Price"), (400, "Tax"), (-560, "Amount")]


# Safe (rule 2): a tax added into the amount, or a price set under the tax column beside its rate: held.
@pytest.mark.parametrize(
    "row",
    [
        [
            (40, "AB-1001"),
            (100, "Anchor bolt"),
            (-290, "10"),
            (-350, "9.25"),
            (-430, "4.63"),
            (-460, "(5%)"),
            (-560, "97.13"),
        ],
        [(40, "AB-1001"), (100, "Anchor bolt"), (-290, "10"), (-430, "9.25"), (-460, "(5%)"), (-560, "92.50")],
    ],  # fmt: skip
    ids=["tax-in-amount", "price-under-tax"],
)
def test_safe_a_rate_under_the_tax_column_holds_what_does_not_add_up(session: Session, row: Row) -> None:
    amount = row[-1][1]
    order = _acme(TAXED, [row, [], [(400, "Total"), (-560, amount)]])
    assert _held(session, order), f"released as {_read(order)}"
