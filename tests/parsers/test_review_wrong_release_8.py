"""An eighth review's reproductions: prints a real ERP could produce on which the rules of f5fb9d5 (charges between
the goods' total and the order's) and ebfd08c (captions in two languages, a date caption naming its format) release
a wrong order with no hold. Each test asserts the safe outcome (held, or read right); each failed on ebfd08c.

- 'Job / PO Number' over 'J-4410 / 45-2201' (_bilingual): the caption is taken as the PO number's in two
  languages, and the value under its start (the job's) is released as the PO number. Before ebfd08c it was held.
- 'Order Date (DD/MM/YYYY)  03/02/2026' (_DATE_FORMAT): the hint is now part of the caption, but not read: the
  date is taken month first (2 March) and released; the print says 3 February. Before ebfd08c it was held.
- 'Freight: 0.00   Sales Tax: 22.88' on one line (_charges): the line starts with 'Freight', its last figure (the
  tax) is read as a D240 freight charge of 22.88; goods + 22.88 make the printed total, so it is 'sure'.
- 'Shipping insurance 5.00' (_CHARGES): coded D240, freight, because it starts with 'Shipping'."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from decimal import Decimal
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
TOTAL: list[Row] = [[(400, "Total"), (-560, "286.00")]]


def plain_head(pdf: canvas.Canvas) -> None:
    put(pdf, 744, [(400, "PO Number:"), (480, "45-2201")])
    put(pdf, 732, [(400, "PO Date:"), (480, "03/02/2026")])


def captions(over: Row, under: Row) -> Draw:
    """A row of small captions at 744 over their values."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica", 7)
        put(pdf, 744, over)
        pdf.setFont("Helvetica", 9)
        put(pdf, 733, under)

    return draw


def acme(totals: list[Row], head: Draw = plain_head) -> Draw:
    """Acme's order 45-2201 of 03/02/2026 (month first), ship-to Dayton, two lines making 286.00, then ``totals``."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Acme Hardware Co."), (400, "PURCHASE ORDER")])
        head(pdf)
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 568, SECOND)
        y = 540.0
        for row in totals:
            put(pdf, y, row)
            y -= 14

    return draw


# Rule: _bilingual (labels.py). A caption 'X / PO Number' is read as the PO number's caption in two languages when
# X is one to three words that name nothing the finder knows. Job, project, contract and requisition numbers are
# printed that way beside the PO number ('Job / PO Number' over 'J-4410 / 45-2201'): the value under the caption's
# start, the job's, was released as the PO number at 0.95. Before ebfd08c these were held (MISSING_PO_NUMBER).
@pytest.mark.parametrize(
    ("caption", "value"),
    [
        ("Job / PO Number", "J-4410 / 45-2201"),
        ("Project / PO No.", "P-2026-07 / 45-2201"),
        ("Contract / PO Number", "K-5502 / 45-2201"),
        ("Requisition / PO Number", "R-88123 / 45-2201"),
    ],
    ids=["job", "project", "contract", "requisition"],
)
def test_another_numbers_caption_before_a_slash_is_not_the_po_numbers_first_language(
    session: Session, caption: str, value: str
) -> None:
    head = captions([(300, caption), (450, "Date")], [(300, value), (450, "03/02/2026")])
    order = decide_captured(session, parse(acme(TOTAL, head)))
    assert order.hold_reasons or order.po_number == "45-2201", f"released PO {order.po_number!r}"


# Rule: _DATE_FORMAT (labels.py) takes '(DD/MM/YYYY)' into the date's caption, so the caption beside its value is
# now found; but the format it names is not used to read the date: '03/02/2026' is read month first (the sender's
# country) and released as 2 March, where the caption says it is 3 February. Before ebfd08c the caption was not
# found and the order was held. The caption over its value ('Date (DD/MM/YYYY)' over '03/02/2026') was released
# as 2 March before too.
def date_beside(caption: str) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 744, [(400, "PO Number:"), (480, "45-2201")])
        put(pdf, 732, [(360, caption), (480, "03/02/2026")])

    return draw


@pytest.mark.parametrize(
    "head",
    [
        date_beside("Order Date (DD/MM/YYYY)"),
        date_beside("PO Date (DD/MM/YYYY):"),
        captions([(300, "PO Number"), (420, "Date (DD/MM/YYYY)")], [(300, "45-2201"), (420, "03/02/2026")]),
    ],
    ids=["beside", "beside-colon", "over"],
)
def test_a_date_caption_naming_day_first_is_not_read_month_first(session: Session, head: Draw) -> None:
    order = decide_captured(session, parse(acme(TOTAL, head)))
    assert order.hold_reasons or str(order.po_date) == "2026-02-03", f"released po_date {order.po_date}"


# Rule: _charges (extract.py). 'Freight: 0.00' and 'Sales Tax: 22.88' side by side on one line of the totals (a
# common two-column footer): the line's caption starts with 'Freight', its last figure is the tax, and the hub
# put a D240 freight charge of 22.88 on the order. Goods 286.00 + 22.88 make the printed total 308.88, so the
# charge was 'sure' (0.95) and the order was released: the ERP bills 22.88 of freight that is the customer's tax.
def test_the_tax_beside_a_zero_freight_is_not_a_freight_charge(session: Session) -> None:
    totals: list[Row] = [
        [(400, "Subtotal"), (-560, "286.00")],
        [(300, "Freight:"), (-360, "0.00"), (400, "Sales Tax:"), (-560, "22.88")],
        [(400, "Total"), (-560, "308.88")],
    ]
    order = decide_captured(session, parse(acme(totals)))
    charged = [(c.code, c.amount) for c in order.allowances_charges]
    assert order.hold_reasons or all(amount != Decimal("22.88") for _, amount in charged), f"released {charged}"


# Rule: _CHARGES (extract.py). 'Shipping insurance 5.00' starts with 'shipping' and is coded D240 (freight) with
# 'Freight 25.00'; both make the total, so both go out as freight. Insurance is not freight (X12 SAC D980); a
# charge the hub cannot name should go out uncoded or be held, not as freight.
def test_shipping_insurance_is_not_coded_as_freight(session: Session) -> None:
    totals: list[Row] = [
        [(400, "Subtotal"), (-560, "286.00")],
        [(400, "Freight"), (-560, "25.00")],
        [(400, "Shipping insurance"), (-560, "5.00")],
        [(400, "Total"), (-560, "316.00")],
    ]
    order = decide_captured(session, parse(acme(totals)))
    insurance = [c.code for c in order.allowances_charges if "insurance" in (c.description or "").lower()]
    assert order.hold_reasons or insurance in ([], [None], ["D980"]), f"insurance released as {insurance}"
