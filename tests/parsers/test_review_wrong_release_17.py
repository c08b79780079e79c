"""A seventeenth review's reproductions: prints a real ERP could produce, aimed at the rules added in
81ea470..76583b8 (a printed carton read as the item's box or case; a caption's '#' glued to its word; 'Work Order
#', 'Sales Order #' as other documents' numbers; a code of capitals and dashes; 'Item: …  Supp. Item: …' under a
line; Greentree's, Exchequer's and Monitor's captions). Both findings are regressions of these commits: each
test asserts the safe outcome and fails on 76583b8 (and passes, held, on 81ea470); the tests named ``test_safe_…``
pass: attacks the rules withstand.

- CARTON (orderhub/capture.py, values.py; regression of 90f720b): an unpriced order (a price agreed by contract)
  for an item sold by the box, '5 CTN' / '5 Karton' with the description saying what the carton holds ('carton of
  10 boxes', '1 Karton = 10 Schachteln'), is released as 5 boxes: a tenth of what was ordered. On 81ea470 the
  carton read as CS, which is not the item's BX: held UOM_MISMATCH. Nothing tells a carton from the item's box
  but the item master's unit, and with no price and no amount nothing checks the quantity. (A carton of several
  cases of an item sold by the case was already taken as one case on 81ea470: older.)
- ``_PAIR`` ``plain`` (table.py; regression of 76583b8): 'Part #: CP-440121  Need By: 04/30/2026' under a row
  whose Item column says GL-8002 replaces the column's code: the line goes out as the code under it (Cedar's
  CP-440121, our GL-8003), the column's GL-8002 silently dropped. Two codes that disagree are what the core holds
  as AMBIGUOUS_ITEM; here it never sees the first. Unpriced, the wrong item is released; on 81ea470 the line under
  the row was description and its date unread: held LOW_CONFIDENCE.

Withstood: a carton priced by the carton holds (PRICE_MISMATCH); a 'Job#' column is no item code; 'WO #' or
'Sales Order #' alone leaves no PO number and the core holds it (81ea470 released
'Sales Order #: 45-2201' or 'Work Order #: 45-2201' as the PO number); 'Customer Work Order #' beside 'PO #' does not
compete with it; a lone word of capitals and dashes that is no code ('HEAVY-DUTY') is an unknown item, held; a
'Tax Code' column is no item code (81ea470 read its '20' as the item); 'Net Total' after a 'Disc %' holds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session

from orderhub.capture import decide_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from schemas.order import Order

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import HEADER, Draw, Row, acme, parse, put, released, ship_to  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
UNPRICED: Row = [(40, "Item"), (110, "Description"), (-350, "Qty"), (380, "UOM")]


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


def hansa(pdf: canvas.Canvas) -> None:
    """Hansa's German print (Sage KHK-like): Menge and ME, no prices (the frame contract's)."""
    put(pdf, 772, [(40, "Hansa Werkzeughandel GmbH"), (380, "BESTELLUNG")])
    put(pdf, 756, [(380, "Bestellnummer: 4500019977")])
    put(pdf, 744, [(380, "Datum: 14.03.2026")])
    put(pdf, 712, [(40, "Lieferanschrift:")])
    for i, text in enumerate(["Hansa Lager Bremen", "Am Speicher 4", "28195 Bremen"]):
        put(pdf, 700 - 12 * i, [(40, text)])
    put(pdf, 640, [(40, "Pos"), (70, "Artikel"), (140, "Bezeichnung"), (360, "Menge"), (400, "ME")])
    put(pdf, 624, [(40, "1"), (70, "420-1100"), (140, "Sechskantschraube M6x30 A2"), (-390, "5"), (400, "Karton")])
    put(pdf, 612, [(140, "1 Karton = 10 Schachteln à 200 St.")])


ACME_CARTON: Row = [(40, "AB-1004"), (110, "Wedge anchor 3/8 x 3 in, carton of 10 boxes"), (-350, "5"), (380, "CTN")]


# Finding, CARTON (regression of 90f720b): a carton of ten boxes, unpriced, released as five boxes.
@pytest.mark.parametrize(
    ("draw", "sender"),
    [
        (acme(ship_to, header=UNPRICED, rows=(ACME_CARTON,), total=[]), "buyer@acme.example"),
        (hansa, "einkauf@hansa-werkzeug.example"),
    ],
    ids=["acme-ctn", "hansa-karton"],
)
def test_a_carton_of_ten_boxes_is_not_released_as_one_box(session: Session, draw: Draw, sender: str) -> None:
    order = decided(session, parse(draw, sender=sender))
    (line,) = order.lines
    assert order.hold_reasons or line.quantity == 50, f"released as {line.quantity} {line.uom} of {line.sku}"


# Safe (CARTON): priced by the carton, the price is ten times the box's: PRICE_MISMATCH holds (UOM_MISMATCH on
# 81ea470).
def test_safe_a_carton_priced_by_the_carton_holds(session: Session) -> None:
    header: Row = [*UNPRICED, (-480, "Unit Price"), (-560, "Amount")]
    row: Row = [*ACME_CARTON, (-480, "385.00"), (-560, "1,925.00")]
    order = decided(
        session, parse(acme(ship_to, header=header, rows=(row,), total=[(400, "Total"), (-560, "1,925.00")]))
    )
    assert {"PRICE_MISMATCH", "UOM_MISMATCH"} & {r.code for r in order.hold_reasons}


def cedar_ship_to(pdf: canvas.Canvas) -> None:
    put(pdf, 700, [(40, "Ship To:")])
    for i, text in enumerate(["Cedar & Pine Portland", "800 SW Broadway", "Portland, OR 97201"]):
        put(pdf, 688 - 12 * i, [(40, text)])


def cedar(below: str) -> Draw:
    """Cedar's unpriced order: GL-8002 in the Item column, a code and a date on the line under the row."""

    def draw(pdf: canvas.Canvas) -> None:
        acme(cedar_ship_to, header=UNPRICED, rows=(), total=[])(pdf)
        put(pdf, 584, [(40, "GL-8002"), (110, "Leather work gloves size XL"), (-350, "48"), (380, "PR")])
        put(pdf, 573, [(110, below)])

    return draw


# Finding, _PAIR plain (regression of 76583b8): the code under the row replaces the Item column's; the two disagree
# (CP-440121 is Cedar's number for GL-8003), and the wrong item is released with no trace of GL-8002.
@pytest.mark.parametrize("label", ["Part #:", "Item:"])
def test_a_code_under_the_row_does_not_replace_the_item_columns(session: Session, label: str) -> None:
    order = parse(cedar(f"{label} CP-440121  Need By: 04/30/2026"), sender="buyer@cedarpine.example")
    (line,) = order.lines
    codes = (line.buyer_part_number, line.vendor_part_number)
    assert not released(order) or "GL-8002" in codes, f"released with {codes}, GL-8002 dropped"
    decided(session, order)
    assert order.hold_reasons or line.sku == "GL-8002", f"released as {line.sku}"


# Safe (plain): the same code under the row and its date alone are read, and released as the right item.
def test_safe_a_date_alone_under_the_row_keeps_the_item(session: Session) -> None:
    order = decided(session, parse(cedar("Need By: 04/30/2026"), sender="buyer@cedarpine.example"))
    assert [line.sku for line in order.lines] == ["GL-8002"]


# Safe (glued '#'): a 'Job#' column is other, not the item: the line's code is unsure and holds.
def test_safe_a_job_hash_column_is_no_item_code() -> None:
    header: Row = [(40, "Job#"), (110, "Description"), *HEADER[2:]]
    row: Row = [(40, "J-4471"), (110, "AB-1001 Anchor bolt M12"), (-350, "24"), (380, "EA"), (-480, "9.25"),
                (-560, "222.00")]  # fmt: skip
    order = parse(acme(ship_to, header=header, rows=(row,), total=[(400, "Total"), (-560, "222.00")]))
    assert not released(order) or order.lines[0].buyer_part_number != "J-4471"


# Safe (labels): a work order's or our sales order's number alone is no PO number; the core holds the order.
@pytest.mark.parametrize("label", ["WO #: 77-1234", "Sales Order #: 45-2201", "Work Order #: 45-2201"])
def test_safe_another_documents_number_alone_is_held(session: Session, label: str) -> None:
    order = decided(session, parse(acme(ship_to, (label, "PO Date: 03/14/2026"))))
    assert "MISSING_PO_NUMBER" in [r.code for r in order.hold_reasons]


# Safe (labels): a work order number labelled with the customer's name beside the PO number does not compete.
def test_safe_a_customer_work_order_beside_the_po_number() -> None:
    order = parse(acme(ship_to, ("Customer Work Order #: WO-88", "PO #: 45-2201", "PO Date: 03/14/2026")))
    assert not released(order) or order.po_number == "45-2201"


# Safe (_LETTER_CODE lone): 'HEAVY-DUTY' alone over its text is taken for a code, which is none of ours: held.
def test_safe_a_lone_word_of_capitals_that_is_no_code_holds(session: Session) -> None:
    header: Row = [(40, "Qty"), (80, "UOM"), (120, "Product Description"), (-480, "Unit Price"), (-560, "Amount")]

    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, header=header, rows=(), total=[])(pdf)
        put(pdf, 584, [(-60, "6"), (80, "EA"), (120, "HEAVY-DUTY"), (-480, "34.90"), (-560, "209.40")])
        put(pdf, 573, [(120, "Mooring line 12 mm x 15 m braided")])
        put(pdf, 550, [(400, "Total"), (-560, "209.40")])

    order = decided(session, parse(draw))
    assert order.hold_reasons


# Safe (captions): a 'Tax Code' column is other, not the item's code; the row reads right.
def test_safe_a_tax_code_column_is_no_item_code() -> None:
    header: Row = [(40, "Item"), (110, "Description"), (-330, "Qty"), (340, "UOM"), (-420, "Unit Price"),
                   (-470, "Tax Code"), (-570, "Net Total")]  # fmt: skip
    row: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-330, "24"), (340, "EA"), (-420, "9.25"), (-470, "20"),
                (-570, "222.00")]  # fmt: skip
    order = parse(acme(ship_to, header=header, rows=(row,), total=[(400, "Total"), (-570, "222.00")]))
    assert not released(order) or order.lines[0].vendor_part_number == "AB-1001"


# Safe (captions): 'Net Total' after a 'Disc %' is not qty x price: the line is unsure and holds.
def test_safe_a_net_total_after_a_discount_holds() -> None:
    header: Row = [(40, "Item"), (110, "Description"), (-330, "Qty"), (340, "UOM"), (-420, "Unit Price"),
                   (-470, "Disc %"), (-520, "Net Total"), (-570, "Total")]  # fmt: skip
    row: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-330, "24"), (340, "EA"), (-420, "9.25"),
                (-470, "10.00"), (-520, "199.80"), (-570, "199.80")]  # fmt: skip
    assert not released(parse(acme(ship_to, header=header, rows=(row,), total=[(400, "Total"), (-570, "199.80")])))
