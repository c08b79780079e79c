"""A twentieth review's reproductions: prints a real ERP could produce, aimed at the rules added in
2f7053c..ac19e39 (a bare 'Number' / 'Numéro' / 'Nummer' sure in the title's box; 'Nummer', 'Supplier Order',
'Receiving Address', 'Unloading place', 'Lieferwoche' …; 'KW 5/2032' as that week's Monday; a rate's caption in a
totals recap is no tax; a quantity left of the column before it is none; a row of column numbers under the captions;
a second caption line wider than its caption; 'Net' before 'Total', 'Rate ex Tax', 'Réf. fourn.', 'Order Value').
All four findings are regressions of these commits (143d671, ac19e39): 2f7053c held each print or read it right.
Each finding's test asserts the safe outcome and fails on ac19e39; the tests named ``test_safe_…`` pass: attacks the
rules withstand (three of them fail on 2f7053c, which held the print each rule was made for).

- ``_in_title_box`` (header.py; regression of ac19e39): the title's box is sure for any title, and the title
  labels include 'Invoice' and 'Purchase Order' at the start of a longer title. An invoice ('INVOICE' over 'Number |
  Date | Page', flush with the title) or the supplier's acknowledgement sent back countersigned ('PURCHASE ORDER
  ACKNOWLEDGEMENT' over the same row), citing the customer's order only as 'Customer PO 45-2201' with no colon, is
  released as a purchase order whose PO number is the invoice's or the acknowledgement's own number. 2f7053c read
  the bare 'Number' printed once as unsure (0.85) and held both.
- ``_WEEK`` (header.py; regression of ac19e39): 'Liefertermin: KW 5/2032 Freitag' (the Friday of week 5), 'KW 5/2032,
  Mittwoch' and 'KW 5/2032 Ende' (the end of the week) are read as Monday 26.01.2032, sure, and released: only a
  digit after the week keeps it from being its Monday, a weekday or 'Ende' in words does not. 2f7053c read no date
  there and held the order (a date printed and not read).
- ``_column_numbers`` (table.py; regression of 143d671): on an order form without prices (nothing to add up), a first
  line whose words are all small consecutive integers ('1  2  3  4  5': line 1, item 2, 3 off, packs of 4, 5
  cartons; its description on the line under it) is skipped as a row of column numbers, and the order is released
  one line short. It is printed under the captions exactly as WinMentor's column numbers are: what tells them apart
  is that a line's description follows it, or that the row of numbers counts the captions (0 or 1 up to their
  number). Narrow (an item code of one or two digits), but the line is dropped silently.
- ``_caption_goes_on`` (labels.py; regression of ac19e39): a row of values in the captions' type set tight under
  them, all words ('BEST WAY | ASAP | TESS OKAFOR' under 'SHIP VIA | REQUIRED | BUYER'), is taken for the captions'
  second line, because 'TESS OKAFOR' starts under 'BUYER' and stops short of the next caption (there is none). The
  'REQUIRED' date is then read from the line under the values: a note's 'PRICES FIRM UNTIL 12/31/2031' or 'CONFIRM
  BY  03/21/2026' is released, sure, as the delivery date. 2f7053c read 'ASAP' there (no date) and held. A caption's
  second line is words that name (no value is read under a row of values); the wide second line might be allowed
  only where the narrow rule already holds for every other caption of the row, or only for captions whose own
  value is found under both lines.

Withstood: 'Supplier Order No.: SO-77881' under a 'PURCHASE ORDER' title over its own number (the title's number is
read, unsure: held); a 'PO Number: 45-2201' label outranks the box's bare 'Number'; 'Unloading place: Gate 3, Dock 4',
'Delivery site contact: …' and 'Receiving address hours: …' beside a Ship To box (the box's address is read); a week
range 'KW 5/2032 - KW 7/2032' (held; 2f7053c released it without a date); a tax's money captioned 'TVA taux normal'
in a recap strip (not summed: the total does not check and the order holds, over-cautious where 2f7053c released it
right; the freight is kept); 'Sales Tax (state rate) 21.77' with its figure on its line (still the tax: released
right); 'Order value discount 2%' and 'Order value surcharge' among the totals (held); a 'Net' line amount before a
gross 'Total' (read as a price, the lines do not compute: held); a description running on under the column before
the quantity ('… Verpackungseinheit: Box à 100' reaching under 'Ihre Art.-Nr.': a phantom line as before, held);
'SITE' over 'SUPERVISOR' beside 'REQUIRED' over 'ON SITE' (the date is read). Not a test: 'Week 5/2027' from a US
print (weeks from Sunday, week 1 holding 1 January) means 24–30 January and is released as ISO week 5's Monday,
1 February; German prints' 'KW' is ISO, but 'week' / 'wk' may not be.

All four are mended: the title's box is an order title's alone ('Purchase Order', 'Bestellung', 'Bon de commande',
'Commande fournisseur', 'Supplier Order', printed as a whole segment); a week is read only when nothing follows it,
and only a German 'KW' / 'Woche' (so 'Week 5/2027' is no longer read either); a row of numbers counted from 1 is the
columns' only under priced columns or with a product's formula ('5=3x4'); and a caption's wide second line is allowed
only where fewer segments than captions go on, or as a word of its own, never past the last caption."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlmodel import Session

from orderhub.capture import decide_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from schemas.order import Order

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_pdf_generated import render  # noqa: E402
from test_review_wrong_release_13 import FIRST, HEADER, SECOND, TOTAL, acme, parse, put, released, ship_to  # noqa: E402

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


def _boxed(title: str, number: str, cited: str = "Customer PO 45-2201", x: float = 380) -> Order:
    """Acme's two lines under ``title``, a row 'Number | Date | Page' flush with it, ``number`` under 'Number'."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 772, [(40, "Acme Hardware Co."), (x, title)])
        pdf.setFont("Helvetica", 9)
        put(pdf, 748, [(x, "Number"), (x + 70, "Date"), (x + 140, "Page")])
        put(pdf, 736, [(x, number), (x + 70, "03/14/2026"), (x + 140, "1")])
        put(pdf, 716, [(x, cited)])
        ship_to(pdf)
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 568, SECOND)
        put(pdf, 546, TOTAL)

    return parse(draw)


# Finding, _in_title_box (regression of ac19e39): another document's number in its title's box is released
# as the PO number. 2f7053c held both (a bare 'Number' printed once was unsure).
@pytest.mark.parametrize(
    ("title", "number"),
    [("INVOICE", "INV-88120"), ("PURCHASE ORDER ACKNOWLEDGEMENT", "ACK-55120")],
    ids=["invoice", "acknowledgement"],
)
def test_another_documents_number_in_its_title_box_is_not_released_as_the_po(
    session: Session, title: str, number: str
) -> None:
    order = _boxed(title, number)
    assert order.po_number == "45-2201" or not released(order), f"released as PO {order.po_number}"
    assert order.po_number == "45-2201" or decided(session, order).hold_reasons


# Safe (_in_title_box): the purchase order's own box reads its number sure.
def test_safe_the_purchase_orders_own_box_is_read() -> None:
    order = _boxed("PURCHASE ORDER", "45-2201", cited="")
    assert order.po_number == "45-2201" and released(order)


# Safe (_in_title_box): a 'PO Number' label outranks the box's bare 'Number'.
def test_safe_a_po_number_label_outranks_the_boxs_number() -> None:
    order = _boxed("PURCHASE ORDER", "ACK-55120", cited="PO Number: 45-2201")
    assert order.po_number == "45-2201" or not released(order)


# Safe ('supplier order' a title): a supplier's order number beside the title's own number is held, not taken.
def test_safe_a_supplier_order_number_beside_the_titles_number_holds() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "45-2201")])
        put(pdf, 744, [(380, "Supplier Order No.: SO-77881")])
        put(pdf, 732, [(380, "Date: 03/14/2026")])
        ship_to(pdf)
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 568, SECOND)
        put(pdf, 546, TOTAL)

    order = parse(draw)
    assert order.po_number == "45-2201" or not released(order)


def _delivery(value: str) -> Order:
    def head(pdf: canvas.Canvas) -> None:
        ship_to(pdf)
        put(pdf, 640, [(300, "Liefertermin:"), (380, value)])

    return parse(acme(head))


# Finding, _WEEK (regression of ac19e39): a week with a weekday (or 'Ende') in words is read as its Monday, sure.
# 2f7053c read no date there and held.
@pytest.mark.parametrize(
    ("value", "day"),
    [("KW 5/2032 Freitag", date(2032, 1, 30)), ("KW 5/2032, Mittwoch", date(2032, 1, 28)), ("KW 5/2032 Ende", None)],
    ids=["freitag", "mittwoch", "ende"],
)
def test_a_week_with_a_weekday_in_words_is_not_its_monday(value: str, day: date | None) -> None:
    order = _delivery(value)
    read = [d.value for d in order.dates]
    assert read == [day] or not released(order), f"released with {read}"


# Safe (_WEEK): a week alone is its Monday; a range of weeks is held (2f7053c released it without a date).
def test_safe_a_week_alone_and_a_range_of_weeks() -> None:
    alone = _delivery("KW 5/2032")
    assert [d.value for d in alone.dates] == [date(2032, 1, 26)] and released(alone)
    assert not released(_delivery("KW 5/2032 - KW 7/2032"))


# Finding, _column_numbers (regression of 143d671): a price-less order's first line made of small consecutive
# integers is skipped as the columns' numbers; the order is released a line short. 2f7053c read it.
def test_a_first_line_of_consecutive_integers_is_not_skipped() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        ship_to(pdf)
        put(pdf, 600, [(40, "Line"), (100, "Item"), (200, "Description"), (-400, "Qty"), (-460, "Pack"),
                       (-520, "Cartons")])  # fmt: skip
        put(pdf, 584, [(40, "1"), (100, "2"), (-400, "3"), (-460, "4"), (-520, "5")])
        put(pdf, 574, [(200, "Hinge pin 6 mm, zinc")])
        put(pdf, 558, [(40, "2"), (100, "AB-1002"), (200, "Anchor bolt M10"), (-400, "10"), (-460, "5"), (-520, "2")])

    order = parse(draw)
    read = [(ln.vendor_part_number or ln.sku, ln.quantity) for ln in order.lines]
    assert read == [("2", 3), ("AB-1002", 10)] or not released(order), f"released with {read}"


# Finding, _caption_goes_on (regression of ac19e39): a row of words tight under the captions, in their type, is taken
# for the captions' second line ('TESS OKAFOR' starts under 'BUYER' and runs past it), so 'REQUIRED' reads the line
# under it: a note's date is released as the delivery date. 2f7053c read 'ASAP' under 'REQUIRED' and held.
@pytest.mark.parametrize(
    "note",
    [[(300, "PRICES FIRM UNTIL 12/31/2031")], [(300, "CONFIRM BY"), (390, "03/21/2026")]],
    ids=["prices-firm-until", "confirm-by"],
)
def test_a_row_of_words_under_the_captions_is_no_caption_line(note: Row) -> None:
    def head(pdf: canvas.Canvas) -> None:
        ship_to(pdf)
        put(pdf, 650, [(300, "SHIP VIA"), (390, "REQUIRED"), (480, "BUYER")])
        put(pdf, 641, [(300, "BEST WAY"), (390, "ASAP"), (480, "TESS OKAFOR")])
        put(pdf, 628, note)

    order = parse(acme(head))
    read = [d.value for d in order.dates]
    assert read == [] or not released(order), f"released with {read}"


# Safe (_caption_goes_on): Databuild's 'REQUIRED' over 'ON SITE' beside 'SITE' over 'SUPERVISOR' is read.
def test_safe_a_second_caption_line_wider_than_its_caption() -> None:
    def head(pdf: canvas.Canvas) -> None:
        ship_to(pdf)
        put(pdf, 650, [(300, "SITE"), (390, "REQUIRED")])
        put(pdf, 641, [(300, "SUPERVISOR"), (390, "ON SITE")])
        put(pdf, 628, [(300, "Marc LeBlanc"), (390, "07/18/2031")])

    order = parse(acme(head))
    assert [d.value for d in order.dates] == [date(2031, 7, 18)]


# Safe (_TAX_RATE): a tax's money captioned with its rate's word ('TVA taux normal') in a recap strip is not summed;
# the total does not check and the order holds (over-cautious: 2f7053c released it right), the freight kept.
def test_safe_a_tax_column_naming_its_rate_is_not_released_wrong() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        put(pdf, 520, [(60, "Total HT"), (150, "Frais de port"), (260, "Base TVA"), (350, "TVA taux normal"),
                       (466, "Total TTC")])  # fmt: skip
        put(pdf, 506, [(-110, "286.00"), (-210, "25.00"), (-320, "311.00"), (-420, "62.20"), (-540, "373.20")])

    order = parse(draw)
    assert [c.amount for c in order.allowances_charges] == [Decimal("25.00")]
    assert order.stated_total == Decimal("286.00")


# Safe (_TAX_RATE): a tax line naming its rate, its figure on its line, is still the tax.
def test_safe_a_tax_line_naming_its_rate_is_tax() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        for n, row in enumerate([("Subtotal", "286.00"), ("Freight", "25.00"), ("Sales Tax (state rate)", "21.77"),
                                 ("Total", "332.77")]):  # fmt: skip
            put(pdf, 540 - 14 * n, [(300, row[0]), (-560, row[1])])

    order = parse(draw)
    assert [c.amount for c in order.allowances_charges] == [Decimal("25.00")] and released(order)


# Safe ('order value' a total): a discount or surcharge named after the order's value is no total: held.
@pytest.mark.parametrize(
    "rows",
    [
        [("Subtotal", "286.00"), ("Order value discount 2%", "-5.72"), ("Total", "280.28")],
        [("Order value surcharge", "25.00"), ("Total", "311.00")],
    ],
    ids=["discount", "surcharge"],
)
def test_safe_a_charge_named_after_the_order_value_holds(rows: list[tuple[str, str]]) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, total=[])(pdf)
        for n, (caption, figure) in enumerate(rows):
            put(pdf, 540 - 14 * n, [(300, caption), (-560, figure)])

    assert not released(parse(draw))


# Safe (_net_before_total): 'Net' the net line amount before a gross 'Total': read as a price, the lines do not
# compute and the order holds.
def test_safe_a_net_amount_before_a_gross_total_holds() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        acme(ship_to, header=[], rows=(), total=[])(pdf)
        put(pdf, 600, [(40, "Qty"), (80, "Part Number"), (180, "Description"), (-480, "Net"), (-560, "Total")])
        put(pdf, 584, [(-60, "24"), (80, "AB-1001"), (180, "Anchor bolt M12"), (-480, "222.00"), (-560, "266.40")])
        put(pdf, 568, [(-60, "10"), (80, "AB-1002"), (180, "Anchor bolt M10"), (-480, "64.00"), (-560, "76.80")])
        put(pdf, 546, [(400, "Total"), (-560, "343.20")])

    assert not released(parse(draw))


# Safe (_take): a description running on under the column before the quantity ('… Box à 100' reaching under 'Ihre
# Art.-Nr.') makes a phantom line, as before these commits: held.
def test_safe_a_box_size_under_the_column_before_the_quantity_holds() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 805, [(330, "BESTELLUNG")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 782, [(330, "Bestell-Nr."), (410, "4500018602")])
        put(pdf, 771, [(330, "Datum"), (410, "08.01.2032")])
        put(pdf, 640, [(42, "Artikel / Bezeichnung"), (246, "Ihre Art.-Nr."), (383, "Menge Einh."), (468, "Preis"),
                       (528, "Betrag")])  # fmt: skip
        put(pdf, 624, [(42, "420-1101"), (246, "FS-4002"), (-427, "25,00 Box"), (-488, "25,20"), (-553, "630,00")])
        put(pdf, 614, [(42, "Sechskantschraube M8 x 40 A2, Verpackungseinheit: Box à 100")])
        put(pdf, 596, [(42, "510-2002"), (246, "DR-3002"), (-420, "100,00 St"), (-488, "3,80"), (-553, "380,00")])
        put(pdf, 560, [(358, "Bestellwert EUR (ohne MwSt.)"), (-553, "1.010,00")])

    assert not released(render(draw, A4))


# Safe (ship-to labels): 'Unloading place', 'Delivery site contact', 'Receiving address hours' beside a Ship To box
# leave the box's address the ship-to.
@pytest.mark.parametrize(
    "note",
    [
        "Unloading place: Gate 3, Dock 4",
        "Delivery site contact: Marc LeBlanc 603-555-0199",
        "Receiving address hours: Mon-Fri 7am-3pm",
    ],  # fmt: skip
    ids=["unloading-place", "delivery-site", "receiving-address"],
)
def test_safe_a_site_note_beside_the_ship_to_box(note: str) -> None:
    def head(pdf: canvas.Canvas) -> None:
        ship_to(pdf)
        put(pdf, 640, [(300, note)])

    order = parse(acme(head))
    assert order.ship_to is not None and order.ship_to.postal_code == "45402"
