"""A tenth review's reproductions: prints a real ERP could produce on which the extractor at 7c975f4 releases a
wrong order with no hold. Each test asserts the safe outcome (held, or read right); each fails on 7c975f4, and
on abfdea8^ too: 5e1a01c's fixes do not reach them.

- 5e1a01c's fix of a caption two lines high (labels.py ``_NAMES_A_DATE`` in ``_caption_goes_on``) is a list of
  words: a second line it does not know ('Date' over 'Reqd', "Req'd", 'Dock', 'ETA') is still read as the
  continuation of the weak PO-date caption 'Date', and the need-by / dock / arrival date is released as the PO
  date at 0.95.
- The other way up — the date's kind on the first line, 'Date' on the second ('Ship' over 'Date', 'Delivery' over
  'Date', 'Need', 'Due', 'Required', 'Requested') — 'Date' alone is the PO date's caption and the date under it is
  released as the PO date at 0.95 (5e1a01c makes a labelled second line its own caption; for 'Delivery' over
  'Date' that also drops the requested date read before). With a separate 'PO Date' printed, both are held.
- 'Unsere Ref.: JOB-4471' under a line (table.py ``_WHOSE_CODE``): 5e1a01c excludes 'Our Ref' / 'Buyer Ref' /
  'Customer Ref', but not its German form 'Unsere Ref.'; the buyer's job reference replaces the line's buyer part
  number and the order is released with it.
- (Older than these commits, same mechanism) 'Vendor' over 'No.' (the customer's number for us, printed in the
  header's boxes) with the PO number printed as 'Order: 45-2201': the vendor number is released as the PO number
  at 0.95."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlmodel import Session

from orderhub.capture import decide_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from parsers.pdf import PdfParser
from schemas.order import Order, Source, SourceKind

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
Draw = Callable[[canvas.Canvas], None]
Row = list[tuple[float, str]]


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def parse(draw: Draw, sender: str = "buyer@acme.example") -> Order:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 9)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender=sender, document_id="f" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


def put(pdf: canvas.Canvas, y: float, row: Row) -> None:
    for x, text in row:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)


HEADER: Row = [(40, "Item"), (110, "Description"), (330, "Qty"), (380, "UOM"), (430, "Unit Price"), (510, "Amount")]
FIRST: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-470, "9.25"), (-560, "222.00")]
SECOND: Row = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-470, "6.40"), (-560, "64.00")]


def acme(head: Draw, under_first: str | None = None) -> Draw:
    """Acme's order, ship-to Dayton, two lines making 286.00; ``head`` draws the header's captions, and
    ``under_first`` is printed under the first line."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        head(pdf)
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        y = 572.0
        if under_first:
            put(pdf, y, [(110, under_first)])
            y -= 12
        put(pdf, y - 4, SECOND)
        put(pdf, y - 32, [(400, "Total"), (-560, "286.00")])

    return draw


def boxes(first: str, second: str, value: str, po_line: str = "PO Number: 45-2201") -> Draw:
    """The header's boxes: 'Buyer', a caption two lines high (``first`` over ``second``), 'Ship Via', and their
    values under them; ``po_line`` printed above."""

    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, po_line)])
        put(pdf, 730, [(300, "Buyer"), (380, first), (460, "Ship Via")])
        put(pdf, 718, [(380, second)])
        put(pdf, 706, [(300, "M. LeBlanc"), (380, value), (460, "UPS Ground")])

    return head


# Rule: _NAMES_A_DATE (labels.py, 5e1a01c). 'Date' over a second line naming the date in a word not on the list
# ('Reqd', "Req'd", 'Dock', 'ETA') is still one caption, 'Date', and its value is released as the PO date.
@pytest.mark.parametrize("second", ["Reqd", "Req'd", "Dock", "ETA"])
def test_date_over_an_abbreviated_kind_of_date_is_not_the_po_date(session: Session, second: str) -> None:
    order = decide_captured(session, parse(acme(boxes("Date", second, "03/20/2026"))))
    assert order.hold_reasons or order.po_date is None, f"'Date' over {second!r}: released PO date {order.po_date}"


# Rule: value_below's 'a labelled second line is its own caption' (labels.py, 5e1a01c). 'Ship' over 'Date' (or
# 'Delivery', 'Need', 'Due', 'Required', 'Requested' over 'Date'): 'Date' alone is read as the PO date's caption and
# the ship / delivery / need date is released as the PO date at 0.95.
@pytest.mark.parametrize("first", ["Ship", "Delivery", "Need", "Due", "Required", "Requested"])
def test_a_kind_of_date_over_date_is_not_the_po_date(session: Session, first: str) -> None:
    order = decide_captured(session, parse(acme(boxes(first, "Date", "03/20/2026"))))
    assert order.hold_reasons or order.po_date is None, f"{first!r} over 'Date': released PO date {order.po_date}"


# Rule: _WHOSE_CODE (table.py, 5e1a01c) excludes 'Our Ref', 'Buyer Ref', 'Customer Ref', but 'Unsere Ref.' (the
# German 'Our Ref.') under a line still replaces the line's buyer part number with the job reference.
@pytest.mark.parametrize("note", ["Unsere Ref.: JOB-4471", "Unsere Ref. JOB-4471"])
def test_unsere_ref_under_a_line_is_not_its_part_number(session: Session, note: str) -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "PO Number: 45-2201")])
        put(pdf, 748, [(380, "PO Date: 03/02/2026")])

    order = decide_captured(session, parse(acme(head, under_first=note)))
    parts = [line.buyer_part_number for line in order.lines]
    assert order.hold_reasons or "JOB-4471" not in parts, f"released buyer part numbers {parts}"


# Older than the reviewed commits (same on abfdea8^), the same two-line caption mechanism: 'Vendor' over 'No.' in
# the header's boxes is read as the PO-number caption 'No.', and with the PO number printed 'Order: 45-2201' the
# vendor number 70012 is released as the PO number at 0.95.
@pytest.mark.parametrize("first", ["Vendor", "Account"])
def test_a_vendor_number_in_a_two_line_caption_is_not_the_po_number(session: Session, first: str) -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 748, [(380, "PO Date: 03/02/2026")])
        boxes(first, "No.", "70012", po_line="Order: 45-2201")(pdf)

    order = decide_captured(session, parse(acme(head)))
    assert order.hold_reasons or order.po_number != "70012", f"{first!r} over 'No.': released PO {order.po_number}"
