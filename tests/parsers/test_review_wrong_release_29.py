"""A twenty-ninth review's reproductions: prints a real ERP could produce, aimed at the rules added in c6ffa12
(round 120's leftovers: '8 x Box' under 'Ordered', an item cell 'code - name', a lone unit word or '· Case' after
a code line under a row, 'Part No: DR-3001 (Vendor)', 'Order #CP111301' under the title, 'Commande : CMD-…').
Each finding's test asserts the safe outcome (read right, or held) and fails on c6ffa12; the tests named
``test_safe_…`` pass: attacks the rules withstand.

- ``_lone_caption`` 'Order #…' (labels.py, rule 5; regression): a drop-ship / back-to-back PO names the shop's
  order it was raised for under its title ('Order #1042'), its own number below, labelled weakly ('Number:
  45-8901', 'Document No.: 45-8901', '# 45-8901', 'Reference: 45-8901'). The weak 'order' label now reads, comes
  first of the weak labels by position, and the weak labels are no rivals: released as PO 1042. 20cf14c read
  45-8901 under 'Document No.:' and '#' (released right), held 'Number:' (0.85) and 'Reference:' (no PO).
- 'commande' (labels.py, rule 6; regression): a French PO's own number under a weak label ('N° : BC-2035-0042',
  'Réf. : …', 'Numéro : …') and 'Commande : #1042' / 'Commande : WEB-1042' (the web-shop order a drop-ship
  order fulfils) beside the letterhead: ``_po_rank`` counts 'commande' as a label naming a purchase order, so
  it beats every other weak label wherever it stands, and weak labels are no rivals: released as PO 1042 /
  WEB-1042. 20cf14c read BC-2035-0042 under 'N°' and 'Réf.' (released right) and held 'Numéro'.
- 'commande' (labels.py, rule 6; regression): 'Commande : 09-déc.-2035' (the order's date, its month in
  French), 'Commande : 12/2035' (a monthly order), 'Commande : S50' (a week's order) on a print that has no
  number of its own: the no-date test knows only day/month/year in figures, and the date, the month or the week
  is released as the PO number. 20cf14c held (no PO number).
- ``_WHOSE_AFTER`` (table.py, rule 4; older, reached by the rule): 'Part No: FS-4010 (Vendor)' under a row
  whose item column says GL-8001 ('Nitrile gloves size L'): the code line replaces the row's item, the
  contradiction unseen (both list at 11.20 a box), and flat washers are released for gloves. 20cf14c kept the
  bracketed line in the description and released GL-8001; a literal 'Vendor Part No: FS-4010' line is released
  as FS-4010 there too.

Withstood: '4 x Box' beside 'Wedge anchor 3/8 x 3 in (box of 50)' (read 4 BX); '8 x Box of 25' and '2 x 25 Box'
under 'Ordered' (held: the amount disagrees); 'M12 - Anchor bolt …' and '1 - HT-9003 …' in the item cell (held:
unknown item); 'Each' ending a wrapped description of a boxed item, and 'Box' printed over the next row (held:
UOM_MISMATCH); 'Part No: 7740 (Customer)' under an each-priced row (held); 'Order #1042' under a 'PO Number:'
(the PO read); 'Order #1042' on an invoice, 'Sales Order #SO-1042' alone (held); 'Commande : 14/03' and
'Commande : 09-Dec-2035' (held: no PO number).

On 20cf14c the rule-5 and rule-6 findings pass (it read the PO right or held), the rule-4 finding fails (above),
and so does the first safe rule-1 test: 20cf14c found no table under 'Ordered' with '4 x Box' (held).
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
LUMIERE = "commandes@lumiere-quincaillerie.example"


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


def _codes(order: Order) -> list[tuple[str | None, str | None]]:
    return [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines]


# --- rule 5: 'Order #…' alone at a line's start -------------------------------------------------------------------

ANCHORS: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-380, "24"), (-460, "9.25"), (-540, "222.00")]


def _dropship(numbers: list[str], title: str = "Purchase Order") -> Order:
    """Acme's order to Dayton: ``numbers`` one a line under the title at the left, then the ship-to and a row."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 784, [(40, title)])
        for i, text in enumerate([*numbers, "Date: 07/05/2035"]):
            put(pdf, 770 - 14 * i, [(40, text)])
        put(pdf, 700, [(40, "Ship To:"), (100, "Acme Hardware Dayton")])
        put(pdf, 688, [(100, "1180 Wayne Avenue")])
        put(pdf, 676, [(100, "Dayton, OH 45402")])
        put(pdf, 640, [(40, "Item"), (110, "Description"), (-380, "Qty"), (-460, "Price"), (-540, "Amount")])
        put(pdf, 626, ANCHORS)
        put(pdf, 600, [(400, "Total"), (-540, "222.00")])

    return parse(draw)


# Finding, 'Order #…' (rule 5; regression): the shop's order a drop-ship PO was raised for, over the PO's own number.
@pytest.mark.parametrize("own", ["Number: 45-8901", "Document No.: 45-8901", "# 45-8901", "Reference: 45-8901"])
def test_the_shop_order_over_the_pos_own_number_is_not_the_po(session: Session, own: str) -> None:
    order = _dropship(["Order #1042", own])
    assert order.po_number == "45-8901" or _held(session, order), f"released as PO {order.po_number!r}"


# Safe (rule 5): 'Order #1042' under a 'PO Number:' leaves the PO number to its label.
def test_safe_the_shop_order_under_a_po_number_label(session: Session) -> None:
    order = _dropship(["PO Number: 45-8901", "Order #1042"])
    assert order.po_number == "45-8901"
    assert not _held(session, order)


# Safe (rule 5): 'Order #1042' on an invoice, and 'Sales Order #SO-1042' alone, are no PO number that releases.
@pytest.mark.parametrize(
    ("numbers", "title"), [(["Order #1042"], "Invoice"), (["Sales Order #SO-1042"], "Purchase Order")]
)
def test_safe_an_invoices_order_or_a_sales_order_holds(session: Session, numbers: list[str], title: str) -> None:
    assert _held(session, _dropship(numbers, title))


# --- rule 6: 'Commande : …' ---------------------------------------------------------------------------------------


def _koust(beside: list[str]) -> Order:
    """Lumière's order to Lyon: ``beside`` one a line right of the letterhead, under 'Bon de commande'."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 770, [(40, "Bon de commande")])
        put(pdf, 750, [(40, "14 rue de la Charité, 69002 Lyon")])
        for i, text in enumerate(beside):
            put(pdf, 750 - 12 * i, [(380, text)])
        put(pdf, 690, [(40, "Livrer à :"), (120, "Lumière Lyon Part-Dieu")])
        put(pdf, 678, [(120, "5 place Charles Béraud, 69003 Lyon")])
        put(pdf, 640, [(40, "Date de commande"), (200, "Livraison souhaitée")])
        put(pdf, 628, [(40, "09/12/2035"), (200, "16/12/2035")])
        put(pdf, 600, [(40, "Réf."), (100, "Désignation"), (-380, "Qté commandée"), (400, "Unité"), (-490, "PU HT"),
                       (-560, "Montant HT")])  # fmt: skip
        put(pdf, 586, [(40, "EL-6002"), (100, "Rallonge 10 m 3 prises"), (-380, "6,00"), (400, "pièce"),
                       (-490, "19,90"), (-560, "119,40")])  # fmt: skip
        put(pdf, 560, [(400, "Total HT"), (-560, "119,40 €")])

    return parse(draw, sender=LUMIERE)


# Finding, 'commande' (rule 6; regression): the web-shop order beside the PO's own weakly labelled number.
@pytest.mark.parametrize(
    "beside",
    [
        ["N° : BC-2035-0042", "Commande : #1042"],
        ["Commande : WEB-1042", "N° : BC-2035-0042"],
        ["Réf. : BC-2035-0042", "Commande : #1042"],
        ["Commande : WEB-1042", "Numéro : BC-2035-0042"],
    ],
    ids=["no-above", "no-below", "ref-above", "numero-below"],
)
def test_a_shop_order_beside_the_pos_own_number_is_not_the_po(session: Session, beside: list[str]) -> None:
    order = _koust(beside)
    assert order.po_number == "BC-2035-0042" or _held(session, order), f"released as PO {order.po_number!r}"


# Finding, 'commande' (rule 6; regression): a date, a month or a week after 'Commande :' is no PO number.
@pytest.mark.parametrize("value", ["09-déc.-2035", "12/2035", "S50"])
def test_a_date_month_or_week_after_commande_is_no_po_number(session: Session, value: str) -> None:
    order = _koust([f"Commande : {value}"])
    assert _held(session, order), f"released as PO {order.po_number!r}"


# Safe (rule 6): a day and month, or an English month name, after 'Commande :' is no PO number.
@pytest.mark.parametrize("value", ["14/03", "09-Dec-2035"])
def test_safe_a_day_after_commande_holds(session: Session, value: str) -> None:
    order = _koust([f"Commande : {value}"])
    assert order.po_number == "" and _held(session, order)


# --- rule 4: 'Part No: … (Vendor)' --------------------------------------------------------------------------------


def _acme(header: Row, lines: list[tuple[float, Row]], total: Row) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "Purchase Order")])
        put(pdf, 740, [(380, "PO Number: 45-8901")])
        put(pdf, 728, [(380, "Date: 07/05/2035")])
        put(pdf, 700, [(40, "Ship To:"), (100, "Acme Hardware Dayton")])
        put(pdf, 688, [(100, "1180 Wayne Avenue")])
        put(pdf, 676, [(100, "Dayton, OH 45402")])
        put(pdf, 640, header)
        for y, row in lines:
            put(pdf, y, row)
        put(pdf, 540, total)

    return parse(draw)


GLOVES: Row = [(40, "GL-8001"), (110, "Nitrile gloves size L (box of 100)"), (-380, "6"), (400, "Box"),
               (-490, "11.20"), (-560, "67.20")]  # fmt: skip
ITEMISED: Row = [(40, "Item"), (110, "Description"), (-380, "Qty"), (400, "UoM"), (-490, "Unit Cost"),
                 (-560, "Line Total")]  # fmt: skip


# Finding, _WHOSE_AFTER (rule 4; older): a vendor code under a row that contradicts the row's item is no mere code.
@pytest.mark.parametrize("under", ["Part No: FS-4010 (Vendor)", "Vendor Part No: FS-4010"])
def test_a_vendor_code_contradicting_the_rows_item_holds(session: Session, under: str) -> None:
    order = _acme(ITEMISED, [(626, GLOVES), (614, [(110, under)])], [(400, "Total Cost (USD)"), (-560, "67.20")])
    assert _held(session, order), f"released with {_codes(order)}"


# Safe (rule 4): the customer's code of another item under an each-priced row holds (its unit disagrees).
def test_safe_a_customer_code_under_a_row_of_another_unit(session: Session) -> None:
    header: Row = [(40, "No."), (64, "Description / Part No."), (-380, "Qty"), (400, "UoM"), (-490, "Unit Cost"),
                   (-560, "Line Total")]  # fmt: skip
    row: Row = [(40, "1"), (64, "HSS drill bit 6 mm"), (-380, "150.00"), (400, "Each"), (-490, "3.20"),
                (-560, "480.00")]  # fmt: skip
    order = _acme(header, [(626, row), (614, [(64, "Part No: 7740 (Customer)")])], [(400, "Total"), (-560, "480.00")])
    assert _held(session, order)


# --- rules 1-3: '8 x Box', 'code - name', a lone unit word ------------------------------------------------------

ORDERED: Row = [(40, "Code"), (100, "Description"), (-360, "Ordered"), (-450, "Unit Cost"), (-540, "Total")]


# Safe (rule 1): a times sign inside the description beside '4 x Box' reads the cell, not the description.
def test_safe_a_times_sign_in_the_description_beside_the_count(session: Session) -> None:
    row: Row = [(40, "AB-1004"), (100, "Wedge anchor 3/8 x 3 in (box of 50)"), (-360, "4 x Box"), (-450, "38.50"),
                (-540, "154.00")]  # fmt: skip
    order = _acme(ORDERED, [(626, row)], [(400, "Total USD"), (-540, "154.00")])
    assert [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines] == [("AB-1004", 4, "BX")]
    assert not _held(session, order)


# Safe (rule 1): a count of boxes with their size after it, or before the unit, holds.
@pytest.mark.parametrize(("cell", "amount"), [("8 x Box of 25", "334.00"), ("2 x 25 Box", "2087.50")])
def test_safe_a_count_with_a_pack_size_holds(session: Session, cell: str, amount: str) -> None:
    row: Row = [(40, "AB-1005"), (100, "Sleeve anchor 1/2 x 4 in"), (-360, cell), (-450, "41.75"), (-540, amount)]
    assert _held(session, _acme(ORDERED, [(626, row)], [(400, "Total USD"), (-540, amount)]))


ITEM_ONLY: Row = [(40, "Item"), (-400, "Quantity"), (-470, "Unit Cost"), (-550, "Subtotal")]


# Safe (rule 2): a size or a line number before the dash is no item code that releases.
@pytest.mark.parametrize(
    ("cell", "figures"),
    [
        ("M12 - Anchor bolt 120 zinc plated", ("24.00", "$9.25", "$222.00")),
        ("1 - HT-9003 Utility knife retractable", ("4.00", "$6.25", "$25.00")),
    ],
)
def test_safe_a_size_or_line_number_before_the_dash_holds(
    session: Session, cell: str, figures: tuple[str, str, str]
) -> None:
    row: Row = [(40, cell), (-400, figures[0]), (-470, figures[1]), (-550, figures[2])]
    assert _held(session, _acme(ITEM_ONLY, [(626, row)], [(400, "Total"), (-550, figures[2])]))


# Safe (rule 3): 'Each' ending a wrapped description of a boxed item, and 'Box' printed over the next row, hold.
@pytest.mark.parametrize("kind", ["wrapped-each", "box-over-next-row"])
def test_safe_a_unit_word_that_is_not_the_rows_holds(session: Session, kind: str) -> None:
    if kind == "wrapped-each":
        lines: list[tuple[float, Row]] = [
            (626, [(40, "GL-8001 - Nitrile gloves size L (100 per box), price per"), (-400, "6.00"),
                   (-470, "$11.20"), (-550, "$67.20")]),
            (614, [(40, "Each")]),
        ]  # fmt: skip
        total = "$67.20"
    else:
        lines = [
            (626, [(40, "7740 - Duct tape 48 mm x 50 m silver"), (-400, "2.00"), (-470, "$112.00"),
                   (-550, "$224.00")]),
            (614, [(40, "Box")]),
            (600, [(40, "GL-8001 - Nitrile gloves size L"), (-400, "6.00"), (-470, "$11.20"), (-550, "$67.20")]),
        ]  # fmt: skip
        total = "$291.20"
    assert _held(session, _acme(ITEM_ONLY, lines, [(400, "Total"), (-550, total)]))
