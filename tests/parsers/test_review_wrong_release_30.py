"""A thirtieth review's reproductions: prints a real ERP could produce, aimed at the rules added in 4264fff
(rounds 121–122: dashed dates with a two-digit year, a labelled date read neither way, 'Réf. offre', 'Delivery
time', 'Report' lines with no figure, Garp's art numbers, 'Catalogue Item 7740', NEVARIS's numbered section sums).
Each finding's test asserts the safe outcome (read right, or held) and fails on 4264fff; the tests named
``test_safe_…`` pass: attacks the rules withstand.

- ``_SECTION_SUM`` (table.py, rule 7; regression): a numbered section's sum ('Summe 01 Befestigungstechnik
  3.620,00', 'Total 01 Anchors 286.00') goes on to the next section whenever a row follows within three lines,
  whatever the next section's heading says; ``_next_group`` (review 25) refuses a group total whose next name says
  when or where, but the new path skips that check. A section that is a second delivery ('02 Zweite Lieferung am
  19.05.2036', '02 Zweite Lieferung KW 21', '02 Second delivery 05/06/2036') or goes to another branch ('02 Filiale
  Hamburg, Lieferung an Kieler Str. 12, 20095 Hamburg', '02 Ship to Acme Hardware Columbus') is released as one
  delivery: every line on the order's date and to its ship-to, the heading dropped unread. 2609f3b held them all
  (TABLE_NOT_FOUND: lines follow the total).
- ``_NUMERIC_DATE`` (values.py, rule 1; regression): the document's date order is now taken from dashed
  two-digit-year figures anywhere on the page. A US construction PO naming its CSI cost code in the header ('Cost
  Code: 26-05-19', 'Spec Section 26-05-19') is read day-first: 'PO Date: 04/10/2036' released as 4 October,
  'Required: 05/06/2036' as 5 June. 2609f3b read April 10 and May 6 (released right).
- 'delivery time' (labels.py, rule 3; regression for a date, older for a lead time): Garp's 'Delivery time' is a
  date, but most prints put a lead time there. 'Delivery time: 3 weeks from 04/10/2036' is released with the order's
  own date as the requested delivery date (2036-04-10, three weeks early); 'Delivery time: 3 weeks' and '14 days
  after receipt' are labelled requested dates whose value is not read and does not hold (only '2-3
  weeks', with a dash, holds). 2609f3b released all three with no requested date (the lead time dropped: older).

Withstood: 'Summe 02 Alternativpositionen' after 'Summe 01 …' with the net total leaving them out, and 'Total 2 items
286.00' followed by optional or reference rows with no total or a total leaving them out (held: no total, or
TOTAL_MISMATCH); '02 Fasteners' (a plain name) read as the order's; 'Report 3.1 per EN 10204 required' and 'Carried
forward to next season: 2 pallets' under a row (held: the rows after it are not read, and the total disagrees);
'Catalogue Item 7752' (another item's catalogue number) under a case of duct tape (held: UOM_MISMATCH), 'Catalogue
Item TP-7001' alone (read right); an empty or filled 'Offre' caption beside 'N° commande', 'Livraison souhaitée',
and '3 quai Offre' in the ship-to (read right); 'Date: 10-11-36  Ship date: 12-05-40' on a dollar print (read month
first); '36-04-10' and '10-04-26' (held, rule 2); 'Delivery time: 08:00 - 12:00' and '2-3 weeks ARO' (held); a
cost code among the lines (held: a date printed among the lines).

On 2609f3b the rule-7 and rule-1 findings pass (held, or read right) and the rule-3 finding fails (released without
a requested date); so do these safe tests: the plainly named section (held: lines follow the total, unread), the dashed
dates on the dollar print and the year-first dates (released without a date), '08:00 - 12:00' and '2-3 weeks ARO'
under 'Delivery time' (released without a requested date), and 'Catalogue Item TP-7001' alone (held: no item code).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
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
GRANITE = "buyer@granitestate.example"
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


def _read(order: Order) -> str:
    lines = [(ln.vendor_part_number, str(ln.quantity), ln.requested_date) for ln in order.lines]
    ship = order.ship_to.name if order.ship_to else None
    dates = [(d.qualifier, d.value) for d in order.dates]
    return f"PO {order.po_number!r} of {order.po_date}, dates {dates}, to {ship!r}, lines {lines}"


# --- rule 7: a numbered section's sum between the sections -------------------------------------------------------


def _nevaris(sections: list[Row], net: str | None) -> Order:
    """Hansa's order (NEVARIS): to the Bremen store on 21.04.2036, ``sections`` under 'OZ | Menge | Einh. | Text
    | EP | GP', then 'Summe netto'."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 790, [(40, "Bestellung")])
        put(pdf, 776, [(380, "Bestell-Nr.: 4500021151")])
        put(pdf, 764, [(380, "Datum: 07.04.2036")])
        put(pdf, 756, [(40, "Lieferanschrift:")])
        for i, text in enumerate(["Hansa Lager Bremen", "Hafenstr. 5", "28195 Bremen"]):
            put(pdf, 744 - 12 * i, [(40, text)])
        put(pdf, 720, [(380, "Liefertermin: 21.04.2036")])
        put(pdf, 700, [(40, "OZ"), (-130, "Menge"), (140, "Einh."), (170, "Text"), (-470, "EP EUR"), (-550, "GP EUR")])
        for i, row in enumerate(sections):
            put(pdf, 686 - 14 * i, row)
        if net is not None:
            put(pdf, 686 - 14 * len(sections) - 6, [(380, "Summe netto"), (-550, net)])

    return parse(draw, sender=HANSA)


FASTENING: list[Row] = [
    [(40, "01"), (170, "Befestigungstechnik")],
    [(40, "01.0010"), (-130, "200,000"), (140, "St"), (170, "Ankerbolzen M12 x 120"), (-470, "8,60"),
     (-550, "1.720,00")],
    [(170, "Ihre Art.-Nr. AB-1001")],
    [(40, "01.0020"), (-130, "500,000"), (140, "St"), (170, "Ankerbolzen M8 x 80"), (-470, "3,80"), (-550, "1.900,00")],
    [(170, "Ihre Art.-Nr. AB-1003")],
    [(170, "Summe 01 Befestigungstechnik"), (-550, "3.620,00")],
]  # fmt: skip


def _second(heading: str, name: str) -> list[Row]:
    return [
        [(40, "02"), (170, heading)],
        [(40, "02.0010"), (-130, "100,000"), (140, "St"), (170, "HSS-Spiralbohrer 8 mm"), (-470, "3,80"),
         (-550, "380,00")],
        [(170, "Ihre Art.-Nr. DR-3002")],
        [(170, f"Summe 02 {name}"), (-550, "380,00")],
    ]  # fmt: skip


# Finding, _SECTION_SUM (rule 7; regression): a section that is another delivery or goes elsewhere is no mere name.
@pytest.mark.parametrize(
    "heading",
    [
        "Zweite Lieferung am 19.05.2036",
        "Zweite Lieferung KW 21",
        "Filiale Hamburg, Lieferung an Kieler Str. 12, 20095 Hamburg",
    ],
    ids=["second-delivery-date", "second-delivery-week", "other-branch"],
)
def test_a_section_delivered_apart_is_not_released_as_one_delivery(session: Session, heading: str) -> None:
    order = _nevaris(FASTENING + _second(heading, heading.split(",")[0].split(" am ")[0]), "4.000,00 EUR")
    assert _held(session, order), f"released as {_read(order)}"


A1: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-480, "9.25"), (-560, "222.00")]
A2: Row = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-480, "6.40"), (-560, "64.00")]
A3: Row = [(40, "AB-1003"), (110, "Anchor bolt M8"), (-350, "5"), (380, "EA"), (-480, "4.15"), (-560, "20.75")]
HEADER: Row = [(40, "Item"), (110, "Description"), (-350, "Qty"), (380, "UOM"), (-480, "Unit Price"), (-560, "Amount")]


def _acme(numbers: list[str], rows: list[Row], total: Row, header: Row = HEADER, under: tuple[str, ...] = ()) -> Order:
    """Acme's order to Dayton: ``numbers`` under the title at the right, ``rows`` under ``header``, ``total``,
    then ``under`` at the left."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        for i, text in enumerate(numbers):
            put(pdf, 756 - 12 * i, [(380, text)])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, header)
        for i, row in enumerate(rows):
            put(pdf, 626 - 12 * i, row)
        bottom = 626 - 12 * len(rows)
        put(pdf, bottom - 12, total)
        for i, text in enumerate(under):
            put(pdf, bottom - 40 - 12 * i, [(40, text)])

    return parse(draw)


NUMBERS = ["PO Number: 45-8901", "PO Date: 04/10/2036"]


def _sections(heading: str) -> Order:
    rows = [A1, A2, [(110, "Total 01 Anchors"), (-560, "286.00")], [(40, heading)], A3,
            [(110, "Total 02 " + heading.split(" ", 1)[1][:16]), (-560, "20.75")]]  # fmt: skip
    return _acme(NUMBERS, rows, [(400, "Order total"), (-560, "306.75")])


# Finding, _SECTION_SUM (rule 7; regression): the same on an English print, 'Total 01 …' between the sections.
@pytest.mark.parametrize("heading", ["02 Second delivery 05/06/2036", "02 Ship to Acme Hardware Columbus"])
def test_an_english_section_delivered_apart_is_not_released_as_one_delivery(session: Session, heading: str) -> None:
    order = _sections(heading)
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 7): a section named plainly is the order's.
def test_safe_a_plainly_named_section_is_read(session: Session) -> None:
    order = _sections("02 Fasteners")
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("AB-1001", 24), ("AB-1002", 10),
                                                                            ("AB-1003", 5)]  # fmt: skip
    assert not _held(session, order)


# Safe (rule 7): alternative positions after a section's sum, left out of the net total, hold.
def test_safe_alternative_positions_left_out_of_the_total_hold(session: Session) -> None:
    order = _nevaris(
        FASTENING + _second("Alternativpositionen (nur nach Freigabe)", "Alternativpositionen"), "3.620,00"
    )
    assert _held(session, order)


# Safe (rule 7): 'Total 2 items' (a count, no section) with rows after it that are not ordered holds.
@pytest.mark.parametrize(
    ("note", "total"),
    [
        ("Optional accessories (quoted, not ordered):", [(400, "Thank you for your business")]),
        ("Optional accessories (quoted, not ordered):", [(400, "Order total"), (-560, "286.00")]),
        ("Still open on PO 45-8700 (for reference):", [(400, "Please confirm within 48 hours")]),
    ],
    ids=["optional-no-total", "optional-total", "reference-no-total"],
)
def test_safe_rows_after_a_count_of_items_hold(session: Session, note: str, total: Row) -> None:
    rows = [A1, A2, [(110, "Total 2 items"), (-560, "286.00")], [(40, note)], A3]
    assert _held(session, _acme(NUMBERS, rows, total))


# --- rule 1: dashed figures with a two-digit year decide the document's date order --------------------------------


def _granite(codes: list[str], dates: tuple[str, ...] = ("PO Date: 04/10/2036", "Required: 05/06/2036")) -> Order:
    """Granite State's order to its Concord yard: ``codes`` at the left under the letterhead, ``dates`` under the
    PO number at the right."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Granite State Builders Inc."), (380, "PURCHASE ORDER")])
        for i, text in enumerate(["PO Number: GS-36-0412", *dates]):
            put(pdf, 756 - 12 * i, [(380, text)])
        for i, text in enumerate(codes):
            put(pdf, 756 - 12 * i, [(40, text)])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Granite State Yard Concord", "12 Depot Road", "Concord, NH 03301"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 640, HEADER)
        put(pdf, 626, [(40, "FS-4004"), (110, "Drywall screw 3.5 x 35 (box of 1000)"), (-350, "20"), (380, "BX"),
                       (-480, "18.40"), (-560, "368.00")])  # fmt: skip
        put(pdf, 614, [(40, "AB-1004"), (110, "Wedge anchor 3/8 x 3 in (box of 50)"), (-350, "4"), (380, "BX"),
                       (-480, "36.90"), (-560, "147.60")])  # fmt: skip
        put(pdf, 590, [(400, "Total USD"), (-560, "515.60")])

    return parse(draw, sender=GRANITE)


# Finding, _NUMERIC_DATE (rule 1; regression): a CSI cost code is no day-first date that turns the page's dates.
@pytest.mark.parametrize(
    "codes", [["Job: Concord Library", "Cost Code: 26-05-19"], ["Spec Section 26-05-19"]], ids=["cost-code", "spec"]
)
def test_a_cost_code_does_not_turn_a_us_orders_dates_day_first(session: Session, codes: list[str]) -> None:
    order = _granite(codes)
    read_right = order.po_date == date(2036, 4, 10) and [(d.qualifier, d.value) for d in order.dates] == [
        ("002", date(2036, 5, 6))
    ]
    assert read_right or _held(session, order), f"released as {_read(order)}"


# Safe (rule 1): a cost code among the lines is a date printed among them, and holds.
def test_safe_a_cost_code_among_the_lines_holds(session: Session) -> None:
    rows = [A1, [(110, "Per spec 26-05-19 low-voltage")], A2]
    assert _held(session, _acme(NUMBERS, rows, [(400, "Total"), (-560, "286.00")]))


# Safe (rule 1): dashed two-digit-year dates on a dollar print read month first.
def test_safe_dashed_dates_on_a_dollar_print_read_month_first(session: Session) -> None:
    order = _granite([], ("Date: 10-11-36", "Ship date: 12-05-40"))
    assert order.po_date == date(2036, 10, 11)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2040, 12, 5))]
    assert not _held(session, order)


# Safe (rules 1-2): a dashed date whose year may come first holds.
@pytest.mark.parametrize("printed", ["PO Date: 36-04-10", "PO Date: 10-04-26"])
def test_safe_a_dashed_date_whose_year_may_come_first_holds(session: Session, printed: str) -> None:
    order = _acme(["PO Number: 45-8901", printed], [A1, A2], [(400, "Total"), (-560, "286.00")])
    assert order.po_date is None and _held(session, order)


# --- rule 3: 'Delivery time', 'offre' ------------------------------------------------------------------------------


# Finding, 'delivery time' (rule 3; regression for a date, older for a lead time): a lead time is no delivery date.
@pytest.mark.parametrize(
    "printed",
    ["Delivery time: 3 weeks from 04/10/2036", "Delivery time: 3 weeks", "Delivery time: 14 days after receipt"],
    ids=["weeks-from-the-order-date", "weeks", "days-after-receipt"],
)
def test_a_lead_time_under_delivery_time_holds(session: Session, printed: str) -> None:
    order = _acme([*NUMBERS, printed], [A1, A2], [(400, "Total"), (-560, "286.00")])
    assert _held(session, order), f"released as {_read(order)}"


# Safe (rule 3): a time of day or a range of weeks under 'Delivery time' holds.
@pytest.mark.parametrize("printed", ["Delivery time: 08:00 - 12:00", "Delivery time: 2-3 weeks ARO"])
def test_safe_a_time_of_day_or_a_range_under_delivery_time_holds(session: Session, printed: str) -> None:
    assert _held(session, _acme([*NUMBERS, printed], [A1, A2], [(400, "Total"), (-560, "286.00")]))


def _lumiere(captions: Row, values: Row, street: str = "5 place Charles Béraud") -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 770, [(40, "BON DE COMMANDE")])
        put(pdf, 740, captions)
        put(pdf, 728, values)
        put(pdf, 700, [(40, "Livrer à :"), (120, "Lumière Lyon Part-Dieu")])
        put(pdf, 688, [(120, street)])
        put(pdf, 676, [(120, "69003 Lyon")])
        put(pdf, 600, [(40, "Réf."), (100, "Désignation"), (-380, "Qté"), (400, "Unité"), (-490, "PU HT"),
                       (-560, "Montant HT")])  # fmt: skip
        put(pdf, 586, [(40, "EL-6002"), (100, "Rallonge 10 m 3 prises"), (-380, "6,00"), (400, "pièce"),
                       (-490, "19,90"), (-560, "119,40")])  # fmt: skip
        put(pdf, 560, [(400, "Total HT"), (-560, "119,40 €")])

    return parse(draw, sender=LUMIERE)


OFFER: Row = [(40, "N° commande"), (130, "Date"), (210, "Offre"), (290, "Livraison souhaitée")]


# Safe (rule 3): an 'Offre' caption, empty or filled, beside the order's own number and dates, and 'Offre' in a
# street name, leave the order's number and dates to their captions.
@pytest.mark.parametrize("case", ["empty-offer", "offer", "street"])
def test_safe_an_offer_beside_the_orders_number(session: Session, case: str) -> None:
    if case == "street":
        order = _lumiere([(40, "N° commande : BC-2036-0042"), (300, "Date : 07/04/2036")],
                         [(40, "Livraison souhaitée : 16/04/2036")], "3 quai Offre")  # fmt: skip
    else:
        offer: Row = [(210, "DEV-5531")] if case == "offer" else []
        order = _lumiere(OFFER, [(40, "BC-2036-0042"), (130, "07/04/2036"), *offer, (290, "16/04/2036")])
    assert (order.po_number, order.po_date) == ("BC-2036-0042", date(2036, 4, 7))
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2036, 4, 16))]
    assert not _held(session, order)


# --- rules 4 and 6: 'Report' / 'Carried forward' text, 'Catalogue Item' --------------------------------------------


# Safe (rule 4): a note under a row starting 'Report' or 'Carried forward' with a figure in it holds.
@pytest.mark.parametrize("note", ["Report 3.1 per EN 10204 required", "Carried forward to next season: 2 pallets"])
def test_safe_a_report_note_with_a_figure_holds(session: Session, note: str) -> None:
    assert _held(session, _acme(NUMBERS, [A1, [(110, note)], A2], [(400, "Total"), (-560, "286.00")]))


LN: Row = [
    (40, "Ln"),
    (60, "Description"),
    (-360, "Quantity"),
    (370, "Unit"),
    (-470, "Unit Price"),
    (-550, "Net Amount"),
]
TAPE: Row = [(40, "1"), (60, "DUCT TAPE 48MM X 50M SILVER - CASE 24"), (-360, "4.00"), (370, "Case"),
             (-470, "112.0000"), (-550, "448.00")]  # fmt: skip


# Safe (rule 6): another item's catalogue number under a row holds; our own code alone is read.
def test_safe_catalogue_item_lines(session: Session) -> None:
    total: Row = [(400, "Order Total USD"), (-550, "448.00")]
    assert _held(session, _acme(NUMBERS, [TAPE, [(60, "Catalogue Item 7752")]], total, LN))
    order = _acme(NUMBERS, [TAPE, [(60, "Catalogue Item TP-7001")]], total, LN)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("TP-7001", 4)]
    assert not _held(session, order)
