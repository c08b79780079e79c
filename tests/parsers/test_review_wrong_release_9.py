"""A ninth review's reproductions: prints a real ERP could produce on which the rules of 063c2f4 release a wrong
order with no hold. Each test asserts the safe outcome (held, or read right); each failed on 063c2f4.

- A caption two lines high (labels.py ``_caption_goes_on`` in ``value_below``): 'Date' over 'Needed' (or 'Due',
  'Wanted', 'Required', 'Revised', 'Printed') over '03/20/2026' is now read as the weak PO-date caption 'Date'
  with its value under the second line: the need-by / due / revision date is released as the PO date at 0.95.
  Before 063c2f4 'Date' over 'Needed' read no PO date and the unread date held the order (requested_date 0.5);
  now that hold is gone too, so the date the goods are needed is lost as well. (With 'PO Date: 03/02/2026' also
  printed in the panel, the PO date and the need date are read right.)
- 'Buyer Ref: JOB-4471' / 'Customer Ref: JOB-4471' under a line (table.py ``_WHOSE_CODE`` with 'ref'): the
  buyer's job / reference number replaces the line's buyer part number, and the order is released with it."""

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
    """Acme's order 45-2201, ship-to Dayton, two lines making 286.00; ``head`` draws the header's captions, and
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


# Rule: _caption_goes_on (labels.py, value_below). A row of captions in one type, the second line of one caption
# set tight under it ('Date' over 'Needed'): the first line alone, 'Date', is the PO date's weak caption, and it now
# takes the value under both lines. The need-by date (or due, required, revision, print date) is released as the
# PO date at 0.95. Before 063c2f4 no PO date was read; for 'Needed'/'Due'/'Wanted' the unread date held the order.
def two_line_caption(second: str) -> Draw:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "PO Number: 45-2201")])
        put(pdf, 730, [(300, "Buyer"), (380, "Date"), (460, "Ship Via")])
        put(pdf, 718, [(380, second)])
        put(pdf, 706, [(300, "M. LeBlanc"), (380, "03/20/2026"), (460, "UPS Ground")])

    return head


@pytest.mark.parametrize("second", ["Needed", "Due", "Wanted", "Required", "Revised", "Printed"])
def test_a_date_caption_whose_second_line_names_another_date_is_not_the_po_date(session: Session, second: str) -> None:
    order = decide_captured(session, parse(acme(two_line_caption(second))))
    assert order.hold_reasons or order.po_date is None, f"'Date' over {second!r}: released PO date {order.po_date}"


# Rule: _WHOSE_CODE (table.py) now takes 'ref' as a code's kind: 'Buyer Ref: JOB-4471' or 'Customer Ref: JOB-4471'
# under a line — the buyer's job or cost reference for that line — replaces the line's buyer part number, and the
# order is released with 'JOB-4471' as the customer's item number (echoed back on the acknowledgement). Before
# 063c2f4 the line was printed under the description and the part number stood.
@pytest.mark.parametrize("note", ["Buyer Ref: JOB-4471", "Customer Ref: JOB-4471"])
def test_a_buyers_reference_under_a_line_is_not_its_part_number(session: Session, note: str) -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "PO Number: 45-2201")])
        put(pdf, 748, [(380, "PO Date: 03/02/2026")])

    order = decide_captured(session, parse(acme(head, under_first=note)))
    parts = [line.buyer_part_number for line in order.lines]
    assert order.hold_reasons or "JOB-4471" not in parts, f"released buyer part numbers {parts}"
