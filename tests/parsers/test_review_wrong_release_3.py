"""A third review's reproductions: prints a real ERP could produce on which the rules added while reading holdout
rounds 21–26 (09500ba..9f9663d) release a wrong order with no hold. Each test asserts the safe behaviour (held,
or read right) and fails on the code it was written against; each was held at 09500ba."""

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


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def parse(draw: Draw, sender: str) -> Order:
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


def table(
    pdf: canvas.Canvas, top: float, captions: list[tuple[float, str]], rows: list[list[tuple[float, str]]]
) -> None:
    for x, caption in captions:
        pdf.drawString(x, top, caption)
    for n, row in enumerate(rows, start=1):
        for x, text in row:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), top - 16 * n, text)


def acme_lines(pdf: canvas.Canvas) -> None:
    captions = [(40, "Item"), (110, "Description"), (330, "Qty"), (380, "UOM"), (430, "Unit Price"), (510, "Amount")]
    row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-470, "9.25"), (-560, "222.00")]
    table(pdf, 600, captions, [row])
    pdf.drawString(430, 560, "Total")
    pdf.drawRightString(560, 560, "222.00")


def acme_ship_to(pdf: canvas.Canvas) -> None:
    pdf.drawString(40, 700, "Ship To:")
    for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
        pdf.drawString(40, 688 - 12 * i, text)


def acme(header: list[str], note: str | None = None) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Acme Hardware Co.")
        pdf.drawString(400, 760, "PURCHASE ORDER")
        for i, text in enumerate(header):
            pdf.drawString(400, 744 - 12 * i, text)
        acme_ship_to(pdf)
        if note is not None:
            pdf.drawString(40, 640, note)
        acme_lines(pdf)

    return draw


def delivered(order: Order) -> list[str]:
    return [str(d.value) for d in order.dates if d.qualifier == "002"]


# Rule: 'Nettowert' in extract._TOTAL. A German (SAP-style) order prints each position's net value on a line of
# its own under it ('Nettowert  206,40'). table.END already ends the rows at '^netto', so the second position is
# never read; before, the only total was 'Gesamtnettowert 265,40', the lines (206,40) did not add up to it and
# the order was held (TOTAL_MISMATCH). Now the first position's 'Nettowert 206,40' is a total the lines add up
# to, and the order is released with one of its two positions silently dropped.
def test_nettowert_under_each_position_does_not_release_the_first_position_alone(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 780, "Hansa Werkzeughandel GmbH")
        pdf.drawString(40, 768, "Am Wall 12, 28195 Bremen")
        header = ["BESTELLUNG", "Bestellnummer: 4500012345", "Bestelldatum: 08.10.2027", "Liefertermin: 15.10.2027"]
        for i, text in enumerate(header):
            pdf.drawString(360, 780 - 14 * i, text)
        pdf.drawString(40, 700, "Lieferanschrift:")
        for i, text in enumerate(["Hansa Lager Bremen", "Hafenstraße 5", "28195 Bremen"]):
            pdf.drawString(40, 688 - 12 * i, text)
        captions = [(40, "Pos."), (80, "Material"), (150, "Bezeichnung"), (330, "Menge"), (380, "ME"), (430, "Preis")]
        captions.append((510, "Betrag"))
        for x, caption in captions:
            pdf.drawString(x, 600, caption)
        rows = [
            [(40, "00010"), (80, "AB-1001"), (150, "Ankerbolzen M12"), (-355, "24"), (380, "ST"), (-470, "8,60"),
             (-560, "206,40")],
            [(40, "00020"), (80, "AB-1002"), (150, "Ankerbolzen M10"), (-355, "10"), (380, "ST"), (-470, "5,90"),
             (-560, "59,00")],
        ]  # fmt: skip
        y = 584
        for row, value in zip(rows, ["206,40", "59,00"], strict=True):
            for x, text in row:
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)
            pdf.drawString(150, y - 14, "Nettowert")
            pdf.drawRightString(560, y - 14, value)
            y -= 30
        pdf.drawString(330, y - 10, "Gesamtnettowert ohne MwSt. EUR")
        pdf.drawRightString(560, y - 10, "265,40")

    order = decide_captured(session, parse(draw, "einkauf@hansa-werkzeug.example"))
    assert order.hold_reasons or len(order.lines) == 2, f"released with {len(order.lines)} of 2 positions"
