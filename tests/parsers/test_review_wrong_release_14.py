"""A fourteenth review's reproductions: prints a real ERP could produce, aimed at the rules added in
6ebaada..3145101 (a blanket order's release number in the PDF and in the core's duplicate, change and cancel
look-ups; a one-line address between spaced dashes under its label; a caption broken at its hyphen; 'PO Amount'
after a note ending the rows; the TOTVS / AutoCount / Kerridge / Sage 50 Canada captions and labels). Each
finding's test asserts the safe outcome and fails on 3145101; the tests named ``test_safe_…`` pass: attacks the
rules withstand. On 6ebaada the two core tests pass (the second order was held DUPLICATE_PO, the cancel cancelled
the live release) and the release-label test fails too (no release number was read at all: review 13's finding);
``test_safe_captions_broken_at_their_hyphen`` fails there as well (the broken captions held).

- ``_earlier_po`` (orderhub/capture.py; regression of a841904): the same release of blanket PO 45-1000 sent twice,
  once printed 'Release No.: 7' (read) and once 'Release: 7' (no label we know, as a sheet or a mail body, whose
  parsers read no release number at all), is released twice: a captured order is a duplicate only when the
  release numbers are equal, and '7' is not None. The other way round as well (a plain order, or the blanket
  order itself, released first; then its release). On 6ebaada the second was held DUPLICATE_PO.
- ``live_order`` (orderhub/orders.py; regression of a841904): X12 releases 6 and 7 of blanket PO-B are released,
  release 6 is cancelled; then the buyer cancels PO-B (BEG01=01 with no BEG04). No live order has release None,
  and ``cancelled_order`` (release-blind) finds release 6 cancelled: the cancel is dropped as 'already cancelled:
  nothing to do' and release 7 stays released to the ERP. On 6ebaada the cancel cancelled the live order.
- ``_release_number`` / the 'release_number' labels (parsers/pdf; new in a841904, no release number was read
  before): 'Last Release No.: 6' (or 'Previous Release #: 6') printed over 'Release No.: 7' is read as the label
  'Release No.' and the order is released as release 6: the first label in reading order wins, and the word
  before it that says it is another release's number is not looked at.

Mended: a captured order that names no release is a duplicate of any release of its PO; an X12 document naming
no release applies to the PO's one live order, and is held when several releases are live; a cancelled order is
looked up by its release; a release label after 'Last', 'Previous', 'Replaces' … is another release's, and two
different release numbers, or only another release's, hold the order."""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Workspace
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.capture import store_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from orderhub.store.models import InboundDocument, OrderRecord
from parsers.pdf import PdfParser
from schemas.order import Order, Source, SourceKind

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import (  # noqa: E402
    DAYTON,
    FIRST,
    HEADER,
    SECOND,
    TOTAL,
    Draw,
    Row,
    acme,
    parse,
    put,
    released,
    ship_to,
)

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"


@pytest.fixture
def session(database_url: str):
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _document(session: Session) -> int:
    doc = InboundDocument(sha256="d" * 64, channel="test", remote_key="m1", size=1, status="received")
    session.add(doc)
    session.flush()
    return doc.id or 0


def _codes(row: OrderRecord) -> list[str]:
    return [r["code"] for r in json.loads(row.payload)["hold_reasons"]]


RELEASE_7 = ("Release No.: 7", "Blanket PO No.: 45-1000", "PO Date: 03/14/2026")
RELEASE_7_UNLABELLED = ("Release: 7", "Blanket PO No.: 45-1000", "PO Date: 03/14/2026")
PLAIN = ("PO Number: 45-1000", "PO Date: 03/14/2026")


# Finding, _earlier_po (regression): the same release printed twice, its number read once. Both PDFs are clean
# and sure at the PDF stage; the core is the only guard against the second, and it lets it through.
@pytest.mark.parametrize(
    ("first", "second"),
    [(RELEASE_7, RELEASE_7_UNLABELLED), (RELEASE_7_UNLABELLED, RELEASE_7), (PLAIN, RELEASE_7)],
    ids=["read-then-unread", "unread-then-read", "plain-then-release"],
)
def test_the_same_release_with_and_without_its_number_is_a_duplicate(
    session: Session, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    document = _document(session)
    one = parse(acme(ship_to, first)).model_copy(update={"order_id": "o-1"})
    two = parse(acme(ship_to, second)).model_copy(update={"order_id": "o-2"})
    assert released(one) and released(two)  # on 3145101 one reads release '7', the other none
    assert store_captured(session, document, one).status == "released"
    again = store_captured(session, document, two)
    assert again.status == "held" and "DUPLICATE_PO" in _codes(again), "PO 45-1000 released twice"


# Finding, live_order (regression): a cancel of the blanket PO (no release number) after one release was
# cancelled is dropped as 'already cancelled', and the live release 7 stays released.
def _x12_release(po_number: str, release: str, purpose: str = "00", qty: str = "10", kind: str = "RL") -> list[str]:
    body = po_body(po_number, purpose=purpose, lines=[("1", qty, "EA", "9.25")])
    body[0] = f"BEG*{purpose}*{kind}*{po_number}*{release}*20261120"
    return body


def _orders(hub) -> list[tuple[str | None, str, str, list[str]]]:
    with Session(hub.engine) as s:
        found = list(s.exec(select(OrderRecord)))
    rows = [(json.loads(o.payload).get("release_number"), o.purpose, o.status, _codes(o)) for o in found]
    return sorted(rows, key=lambda r: (r[0] or "", r[1], r[2]))  # (release, purpose, status, holds)


def test_a_cancel_of_the_blanket_po_is_not_dropped_while_a_release_is_live(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "6")], control=1))
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "7", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "6", purpose="01")], control=3))
    hub.run_once()
    workspace.drop("4.x12", interchange([_x12_release("PO-B", "", purpose="01", kind="BK")], control=4))
    hub.run_once()
    found = _orders(hub)
    release_7_released = ("7", "original", "released", []) in found
    cancel_held = any(purpose == "cancel" and status == "held" for _, purpose, status, _ in found)
    assert not release_7_released or cancel_held, f"the cancel of PO-B was dropped, release 7 stays released: {found}"


# Safe (core): a cancel of the blanket PO, no release cancelled before: held UNKNOWN_PO, not dropped (6ebaada
# cancelled the live release 7 with it).
def test_safe_a_cancel_without_its_release_number_is_held(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "7")], control=1))
    hub.run_once()
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "", purpose="01", kind="BK")], control=2))
    hub.run_once()
    found = _orders(hub)
    release_7_released = ("7", "original", "released", []) in found
    assert not release_7_released or any(p == "cancel" and s == "held" and "UNKNOWN_PO" in c for _, p, s, c in found)


# Finding, the release labels (new in a841904): another release's number labelled over the order's own.
@pytest.mark.parametrize(
    "numbers",
    [
        ("Blanket PO No.: 45-1000", "Last Release No.: 6", "Release No.: 7", "PO Date: 03/14/2026"),
        ("Blanket PO No.: 45-1000", "Previous Release #: 6", "Release #: 7", "PO Date: 03/14/2026"),
    ],
    ids=["last-release", "previous-release"],
)
def test_another_releases_number_is_not_read_as_the_orders(numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers))
    assert not released(order) or order.release_number == "7", f"released as release {order.release_number!r}"


# Safe: words near a release label that are no release number.
@pytest.mark.parametrize(
    "numbers",
    [
        ("PO Number: 45-2201", "Release No.:", "Page: 1 of 1"),
        ("PO Number: 45-2201", "Release No.:", "Vendor No.: 31"),
        ("PO Number: 45-2201", "Release #:", "Buyer: J. Smith", "Ext. 2231"),
        ("PO Number: 45-2201", "PO Date: 03/14/2026", "Released by: J. Smith 03/14/2026"),
        ("PO Number: 45-2201 Rel. 3", "PO Date: 03/14/2026"),
    ],
)
def test_safe_no_release_number_is_read_from_a_blank_release_or_other_words(numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers))
    assert (order.po_number, order.release_number) == ("45-2201", None)


# Safe: 'Release Date: 03/20/2026' is no label we know; its date is unexplained and holds.
def test_safe_a_release_date_holds() -> None:
    numbers = ("PO Number: 45-2201", "PO Date: 03/14/2026", "Release Date: 03/20/2026")
    order = parse(acme(ship_to, numbers))
    assert not released(order) and order.release_number is None


# Safe: a grid of captions over values, the release cell blank: the PO date or vendor number beside is not read.
def test_safe_a_blank_release_cell_in_a_grid_reads_none() -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 720, [(40, "PO Number"), (140, "Release No."), (240, "PO Date"), (340, "Vendor No.")])
        put(pdf, 708, [(40, "45-2201"), (225, "03/14/2026"), (310, "V-2231")])
        put(pdf, 680, [(40, "Ship To:")])
        for i, text in enumerate(DAYTON):
            put(pdf, 668 - 12 * i, [(40, text)])

    order = parse(acme(head, numbers=()))
    assert (order.po_number, order.release_number) == ("45-2201", None)


# Safe: a line's own release ('Release No.: 1  Need By …' under it, Oracle / Epicor), and a 'Rel #' column, are not
# the order's release number.
def test_safe_a_lines_release_is_not_the_orders() -> None:
    sub1: Row = [(110, "Rel. No. 2"), (200, "Need By: 04/20/2026"), (320, "Qty: 24")]
    sub2: Row = [(110, "Rel. No. 2"), (200, "Need By: 05/20/2026"), (320, "Qty: 10")]
    order = parse(acme(ship_to, rows=(FIRST, sub1, SECOND, sub2)))
    assert order.release_number is None
    header: Row = [(40, "Ln"), (62, "Rel #"), (110, "Part Number"), (190, "Description"), *HEADER[2:]]
    rows = tuple(
        [(40, str(n)), (70, "1"), (110, r[0][1]), (190, r[1][1]), *r[2:]] for n, r in ((1, FIRST), (2, SECOND))
    )
    order = parse(acme(ship_to, header=header, rows=rows))
    assert order.release_number is None and [ln.quantity for ln in order.lines] == [24, 10]


# Safe: two releases of one blanket PO in one PDF, a page each: the second table is not read, and holds.
def test_safe_two_releases_in_one_pdf_hold() -> None:
    def page(release: str, row: Row, total: str) -> Draw:
        numbers = (f"Release No.: {release}", "Blanket PO No.: 45-1000", "PO Date: 03/14/2026")
        return acme(ship_to, numbers, rows=(row,), total=[(400, "Total"), (-560, total)])

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for draw in (page("7", FIRST, "222.00"), page("8", SECOND, "64.00")):
        pdf.setFont("Helvetica", 9)
        draw(pdf)
        pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender="buyer@acme.example", document_id="f" * 64)
    orders: list[Order] = [s.order for s in PdfParser().parse(buffer.getvalue(), source).sets if s.order]
    assert not any(released(o) for o in orders)


# Safe (rule 2): ship-to and bill-to side by side, each on one line between spaced dashes: each is its own.
@pytest.mark.parametrize("ship_left", [True, False])
def test_safe_one_line_addresses_side_by_side(ship_left: bool) -> None:
    dayton = "Acme Hardware Dayton - 118 E Third St - Dayton, OH 45402"
    columbus = "Acme Hardware Co. - 500 Main St - Columbus, OH 43215"
    labels = ("Ship To:", "Bill To:") if ship_left else ("Bill To:", "Ship To:")
    texts = (dayton, columbus) if ship_left else (columbus, dayton)

    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 700, [(40, labels[0]), (330, labels[1])])
        pdf.setFont("Helvetica", 8)
        put(pdf, 688, [(40, texts[0]), (330, texts[1])])
        pdf.setFont("Helvetica", 9)

    order = parse(acme(head))
    site = (order.ship_to.city, order.ship_to.postal_code) if order.ship_to else None
    assert not released(order) or site == ("Dayton", "45402")


# Safe (rule 4): 'Order amount' / 'PO amount' in a note between two rows ends the table there; the rows after it
# are noticed and hold (6ebaada read the note as the first row's description and both rows, released).
@pytest.mark.parametrize("note", ["Min. order amount 50.00 per release", "Do not exceed PO amount 286.00"])
def test_safe_an_amount_note_between_rows_holds(note: str) -> None:
    order = parse(acme(ship_to, rows=(FIRST, [(110, note)], SECOND)))
    assert not released(order) or [ln.quantity for ln in order.lines] == [24, 10]


# Safe (rule 3): 'Einzel-' / 'Gesamt-' over 'preis EUR', and 'Preis-' over 'einheit' (a price per 100) between.
def german(upper: Row, lower: Row, rows: tuple[Row, ...], total: Row) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        ship_to(pdf)
        put(pdf, 611, upper)
        put(pdf, 600, lower)
        y = 584.0
        for row in rows:
            put(pdf, y, row)
            y -= 16
        put(pdf, y - 6, total)

    return draw


def test_safe_captions_broken_at_their_hyphen() -> None:
    upper: Row = [(40, "Artikel-"), (-470, "Einzel-"), (-560, "Gesamt-")]
    lower: Row = [(40, "nummer"), (110, "Bezeichnung"), (-350, "Menge"), (380, "ME"), (-470, "preis EUR"),
                  (-560, "preis EUR")]  # fmt: skip
    rows = tuple([*r[:4], (-470, r[4][1]), r[5]] for r in (FIRST, SECOND))
    order = parse(german(upper, lower, rows, TOTAL))
    assert released(order)  # read right: on 6ebaada it held
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("24"), Decimal("9.25"), Decimal("222.00")),
        (Decimal("10"), Decimal("6.40"), Decimal("64.00")),
    ]
    upper = [(40, "Artikel-"), (-440, "Einzel-"), (450, "Preis-"), (-560, "Gesamt-")]
    lower = [(40, "nummer"), (110, "Bezeichnung"), (-350, "Menge"), (380, "ME"), (-440, "preis"), (450, "einheit"),
             (-560, "preis")]  # fmt: skip
    per_100: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "2400"), (380, "EA"), (-440, "925.00"),
                    (455, "100"), (-560, "22200.00")]  # fmt: skip
    per_1: Row = [*SECOND[:4], (-440, "6.40"), (455, "1"), (-560, "64.00")]
    order = parse(german(upper, lower, (per_100, per_1), [(400, "Total"), (-560, "22264.00")]))
    assert not released(order)


# Safe (rule 5): Kerridge's 'Price' and 'Per' apart, a price per 100: the price is not taken for each one's.
def test_safe_a_price_per_hundred_holds() -> None:
    header: Row = [(40, "Item"), (110, "Description"), (-330, "Qty"), (340, "UOM"), (-430, "Price"), (445, "Per"),
                   (-560, "Amount")]  # fmt: skip

    def row(code: str, text: str, qty: str, price: str, per: str, amount: str) -> Row:
        cells = [(40, code), (110, text), (-330, qty), (340, "EA"), (-430, price), (445, per), (-560, amount)]
        return [c for c in cells if c[1]]

    rows = (row("AB-1001", "Anchor bolt M12", "2400", "925.00", "100", "22200.00"),
            row("AB-1002", "Anchor bolt M10", "10", "6.40", "1", "64.00"))  # fmt: skip
    assert not released(parse(acme(ship_to, header=header, rows=rows, total=[(400, "Total"), (-560, "22264.00")])))
    rows = (row("AB-1001", "Anchor bolt M12", "2400", "925.00", "100", ""),
            row("AB-1002", "Anchor bolt M10", "10", "6.40", "1", ""))  # fmt: skip
    assert not released(parse(acme(ship_to, header=header, rows=rows, total=[])))


# Safe (rule 5): Sage 50 Canada's 'Quantité | Commande | En souffrance' with a received quantity printed: not read
# as the ordered one.
def test_safe_sage_with_a_received_quantity_holds() -> None:
    header: Row = [(39, "N° d'article"), (108.6, "Quantité"), (144.9, "Commande"), (194.3, "En souffrance"),
                   (247, "Unité"), (293, "Description"), (475.8, "Prix"), (496, "Taxe"),
                   (545.8, "Montant")]  # fmt: skip

    def row(code: str, received: str, ordered: str, owed: str, text: str, price: str, amount: str) -> Row:
        cells = [(39, code), (-137, received), (-183, ordered), (-241, owed), (247, "U"), (293, text), (-489, price),
                 (501.6, "T"), (-573, amount)]  # fmt: skip
        return [c for c in cells if c[1]]

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        ship_to(pdf)
        pdf.setFont("Helvetica-Bold", 7)
        put(pdf, 600, header)
        pdf.setFont("Helvetica", 8)
        put(pdf, 584, row("AB-1001", "4", "24", "20", "Anchor bolt M12", "9.25", "222.00"))
        put(pdf, 569, row("AB-1002", "", "10", "10", "Anchor bolt M10", "6.40", "64.00"))
        put(pdf, 548, TOTAL)

    order = parse(draw)
    assert not released(order) or [ln.quantity for ln in order.lines] == [24, 10]


# The mend's own limits: only another release's number printed, or two different release numbers, hold.
@pytest.mark.parametrize(
    "numbers",
    [
        ("Blanket PO No.: 45-1000", "Replaces Release No.: 6", "PO Date: 03/14/2026"),
        ("Blanket PO No.: 45-1000", "Release No.: 6", "Release #: 7", "PO Date: 03/14/2026"),
    ],
    ids=["only-another-release", "two-releases"],
)
def test_an_unsure_release_number_holds(numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers))
    assert not released(order)
    assert any(r.field == "release_number" for r in order.hold_reasons)


def test_a_cancel_naming_no_release_holds_while_several_releases_are_live(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "6")], control=1))
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "7", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "", purpose="01", kind="BK")], control=3))
    hub.run_once()
    assert _orders(hub) == [
        (None, "cancel", "held", ["UNKNOWN_PO"]),
        ("6", "original", "released", []),
        ("7", "original", "released", []),
    ]
