"""A seventh review's reproductions: prints a real ERP could produce on which the layout rules of e6b06a2 and
9389bd7 release a wrong order with no hold. 9389bd7 ended the rows at a line starting 'Sous-total' or 'Base
imposable' (END), and at 'base imposable' + money after a note on a row's line (_TAXABLE), for the Holded print
where they follow the rows once. A French order in lots prints them between the lots too: the rows stopped after
the first lot, the lot's subtotal was read as the order's total, the two agreed, and the order went out without
its other lots. Each test asserts the safe behaviour (held, or read right); the first test's six
cases failed on 9389bd7. The last two are attacks that turned out safe and say why."""

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


def acme(rows: list[Row], header: Row = HEADER) -> Draw:
    """Acme's order of 03/02/2026, ship-to Dayton; ``rows`` under ``header`` and then 'Total 286.00'."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Acme Hardware Co."), (400, "PURCHASE ORDER")])
        put(pdf, 744, [(400, "PO Number:"), (480, "45-2201")])
        put(pdf, 732, [(400, "PO Date:"), (480, "03/02/2026")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 600, header)
        y = 600.0
        for row in rows:
            y -= 16
            put(pdf, y, row)
        put(pdf, y - 30, [(400, "Total"), (-560, "286.00")])

    return draw


def read_whole(order: Order) -> bool:
    return [(line.sku, str(line.quantity)) for line in order.lines] == [("AB-1001", "24"), ("AB-1002", "10")]


# Rule: END '^sous-total', '^base imposable' (9389bd7) and _TAXABLE ('… base imposable 1 137,50' after a note). An
# order in lots ('Lot 1 — ancrages', 'Lot 2 — …') prints each lot's subtotal under its rows: the table ended at the
# first, 'Sous-total lot 1  222.00' was the order's stated total, the first lot's lines summed to it and the order
# was released without the second lot. The English 'Sub-total lot 1' is a running subtotal (FORWARD), as
# 'Sous-total' was before 9389bd7: the rows go on (held at a low confidence for the subtotal, or read whole).
# A total word after another word on a row's line ('Lot 1   Sous-total 222.00', _TOTAL_WORD, 'sous-total' added
# in 9389bd7) ended the rows the same way; 'Lot 1   Sub-total' did so before these commits too.
@pytest.mark.parametrize(
    "between",
    [
        [(110, "Sous-total lot 1"), (-560, "222.00")],
        [(40, "Sous-total lot 1"), (-560, "222.00")],
        [(40, "Base imposable lot 1"), (-560, "222.00")],
        [(110, "Note: base imposable"), (-560, "222.00")],
        [(110, "Lot 1"), (200, "Sous-total"), (-560, "222.00")],
        [(110, "Lot 1"), (200, "Sub-total"), (-560, "222.00")],
    ],
    ids=["sous-total", "sous-total-left", "base-imposable", "note-base-imposable", "lot-sous-total", "lot-sub-total"],
)
def test_a_lots_subtotal_between_the_rows_does_not_end_them(session: Session, between: Row) -> None:
    order = decide_captured(session, parse(acme([FIRST, between, SECOND])))
    assert order.hold_reasons or read_whole(order), f"released {[(x.sku, x.quantity) for x in order.lines]}"


# Safe: 'Désignation / Référence' (e6b06a2) where the reference is the customer's ('Réf. : 7731', Acme's own number
# for PL-5003 in the cross-reference). The code is read as the customer's, mapped, and the list price of what it
# maps to does not match: held for the price, not released as the bolt the name says.
def test_a_customers_reference_under_the_name_is_held_for_its_price(session: Session) -> None:
    header: Row = [(40, "Désignation / Référence"), (330, "Qté"), (430, "Prix unitaire"), (510, "Montant")]
    rows: list[Row] = [
        [(40, "Anchor bolt M12"), (-350, "24"), (-470, "9.25"), (-560, "222.00")],
        [(40, "Réf. : 7731")],
        [(40, "Anchor bolt M10"), (-350, "10"), (-470, "6.40"), (-560, "64.00")],
        [(40, "Réf. : 7740")],
    ]
    order = decide_captured(session, parse(acme(rows, header)))
    assert {r.code for r in order.hold_reasons} >= {"PRICE_MISMATCH"}


# Safe: 'Unités' (9389bd7, Holded's quantity) beside a 'Quantité' column, holding a pack count ('1'): the
# quantity is still the 'Quantité' column's, and amount = quantity × price confirms it.
def test_units_beside_a_quantity_column_is_not_the_quantity(session: Session) -> None:
    header: Row = [(40, "Item"), (110, "Description"), (300, "Quantité"), (350, "Unités"), (430, "Prix")]
    header.append((510, "Montant"))
    rows: list[Row] = [
        [(40, "AB-1001"), (110, "Anchor bolt M12"), (-330, "24"), (-380, "1"), (-470, "9.25"), (-560, "222.00")],
        [(40, "AB-1002"), (110, "Anchor bolt M10"), (-330, "10"), (-380, "1"), (-470, "6.40"), (-560, "64.00")],
    ]
    order = decide_captured(session, parse(acme(rows, header)))
    assert order.hold_reasons or read_whole(order)
