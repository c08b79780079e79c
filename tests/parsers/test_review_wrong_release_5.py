"""A fifth review's reproductions: prints a real ERP could produce on which the rules added while reading rounds
29 and 30 (883e186) release a wrong order with no hold. Each test asserts the safe behaviour (held, or read
right); the first three failed on 572afca and (but for one, marked) were held before 883e186, the last two are
attacks that turned out safe and say why."""

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


def acme(
    header: list[list[tuple[float, str]]],
    note: str | None = None,
    totals: list[tuple[str, str]] | None = None,
    title: bool = True,
) -> Draw:
    """Acme's order: a panel of labels at the right, the ship-to block at the left, two lines of 286.00."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Acme Hardware Co.")
        if title:
            pdf.drawString(400, 760, "PURCHASE ORDER")
        for i, phrases in enumerate(header):
            for x, text in phrases:
                pdf.drawString(x, 744 - 12 * i, text)
        pdf.drawString(40, 700, "Ship To:")
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            pdf.drawString(40, 688 - 12 * i, text)
        if note is not None:
            pdf.drawString(40, 640, note)
        captions = [(40, "Item"), (110, "Description"), (330, "Qty"), (380, "UOM"), (430, "Unit Price")]
        for x, caption in [*captions, (510, "Amount")]:
            pdf.drawString(x, 600, caption)
        rows = [
            [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-470, "9.25"), (-560, "222.00")],
            [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-470, "6.40"), (-560, "64.00")],
        ]
        for n, row in enumerate(rows, start=1):
            for x, text in row:
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 600 - 16 * n, text)
        for i, (caption, figure) in enumerate(totals or [("Total", "286.00")]):
            pdf.drawString(400, 540 - 14 * i, caption)
            pdf.drawRightString(560, 540 - 14 * i, figure)

    return draw


def delivered(order: Order) -> list[str]:
    return [str(d.value) for d in order.dates if d.qualifier == "002"]


NUMBER = [(400, "PO Number:"), (480, "45-2201")]
DATED = [(400, "PO Date:"), (480, "03/02/2026")]


# Rule: 'Revised' among the labelled dates that are not the order's (labels.OTHER_DATES), for Spire's 'Revised'
# under the order's 'Date' (when the order was last changed). A change order prints the date it moves beside or
# under the delivery date it revises, or says so in a note: 'Revised' now explains the new date away, and the
# order is released for the old one (03/16) while the buyer now wants it on 03/20. Before, the revised date was
# a date no label explained, and the order was held.
@pytest.mark.parametrize(
    "header, note",
    [
        ([NUMBER, DATED, [(400, "Need By:"), (480, "03/16/2026")], [(400, "Revised:"), (480, "03/20/2026")]], None),
        ([NUMBER, DATED, [(300, "Delivery Date: 03/16/2026"), (440, "Revised: 03/20/2026")]], None),
        (
            [
                NUMBER,
                [(300, "PO Date"), (380, "Delivery Date"), (470, "Revised")],
                [(300, "03/02/2026"), (380, "03/16/2026"), (470, "03/20/2026")],
            ],
            None,
        ),
        (
            [NUMBER, DATED, [(400, "Delivery Date:"), (480, "03/16/2026")]],
            "REVISED: delivery moved to 03/20/2026 at the buyer's request",
        ),
    ],  # fmt: skip
    ids=["under-need-by", "beside-delivery-date", "caption-row", "note"],
)
def test_a_revised_delivery_date_is_not_explained_away_as_the_orders_revision(
    session: Session, header: list[list[tuple[float, str]]], note: str | None
) -> None:
    order = decide_captured(session, parse(acme(header, note), "buyer@acme.example"))
    assert order.hold_reasons or delivered(order) == ["2026-03-20"], f"released for {delivered(order)}, revised"


# Rule: 'Merchandise' as a total word after text on a row's line (table._TOTAL_WORD, for Spire's 'Comments: …
# Merchandise 180.00'). A line's description wrapped onto a second line ('White merchandise bags, 12 x 15 in')
# now ends the table: the lines after it are never read. A form that asks for no prices has no total to miss
# them, and the order is released with one of its three lines. Before, the line was the first row's text.
def test_merchandise_in_a_wrapped_description_does_not_end_the_rows(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Acme Hardware Co.")
        pdf.drawString(400, 760, "PURCHASE ORDER")
        for i, text in enumerate(["PO Number: 45-2202", "PO Date: 03/02/2026", "Delivery Date: 03/16/2026"]):
            pdf.drawString(400, 744 - 12 * i, text)
        pdf.drawString(40, 700, "Ship To:")
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            pdf.drawString(40, 688 - 12 * i, text)
        for x, caption in [(40, "Line"), (70, "Item"), (140, "Description"), (400, "Qty"), (450, "UOM")]:
            pdf.drawString(x, 600, caption)
        y = 584
        for number, item, text, wrapped, quantity, unit in [
            ("1", "CX-2001", "Cable tie 200 mm black, pack of 100,", "for merchandise displays", "12", "PK"),
            ("2", "AB-1001", "Anchor bolt M12", None, "24", "EA"),
            ("3", "AB-1002", "Anchor bolt M10", None, "10", "EA"),
        ]:
            pdf.drawString(40, y, number)
            pdf.drawString(70, y, item)
            pdf.drawString(140, y, text)
            pdf.drawRightString(420, y, quantity)
            pdf.drawString(450, y, unit)
            if wrapped:
                y -= 11
                pdf.drawString(140, y, wrapped)
            y -= 16
        pdf.drawString(40, y - 20, "Please confirm receipt of this order.")

    order = decide_captured(session, parse(draw, "buyer@acme.example"))
    assert order.hold_reasons or len(order.lines) == 3, f"released with {len(order.lines)} of 3 lines"


# Rule: 'Merchandise' as a total (extract._TOTAL). Merchandise is the goods before what the order adds or takes
# off: with a discount printed after it and the order's figure under a caption we do not read ('Net Due'), the
# lines add up to the merchandise, and the order is released at 286.00 while it is placed at 257.40. Before, no
# total was read and the order was held. 5cbc348 holds a discount between two totals, not one after the only one;
# and it saw a discount only in a caption that starts with it ('Remise 10 %'), so 'Trade discount 10%' between
# 'Total' and 'Net Total' released the lines' total before its discount as well (that one before 883e186 too).
@pytest.mark.parametrize(
    "totals",
    [
        [("Merchandise", "286.00"), ("Discount 10%", "-28.60"), ("Net Due", "257.40")],
        [("Merchandise", "286.00"), ("Less 5% allowance", "14.30"), ("Balance Due", "271.70")],
        [("Merchandise", "286.00"), ("Trade discount 10%", "-28.60"), ("Net Payable", "257.40")],
        [("Total", "286.00"), ("Trade discount 10%", "-28.60"), ("Net Total", "257.40")],
    ],
    ids=["discount", "allowance", "trade-discount", "total-trade-discount-net-total"],
)
def test_a_discount_after_the_lines_total_holds(session: Session, totals: list[tuple[str, str]]) -> None:
    header = [NUMBER, DATED, [(400, "Delivery Date:"), (480, "03/16/2026")]]
    order = decide_captured(session, parse(acme(header, totals=totals), "buyer@acme.example"))
    assert order.hold_reasons, f"released at {order.stated_total}, before the discount ({totals[-1][1]})"


# Safe: a title set letter-spaced with the PO number in it ('P U R C H A S E   O R D E R   # 4 5 - 2 2 0 1', a web
# print's heading in CSS letter-spacing). layout._join_letters joins the letters into 'PURCHASE ORDER', never the
# digits: the number stays single characters, too short to be read as a PO number, and the order is held for
# having none (it is not released with '4' or '45').
def test_a_letter_spaced_title_with_the_number_in_it_holds_for_the_number(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 11)
        x = 300.0
        for glyph in "PURCHASE ORDER #45-2201":
            if glyph != " ":
                pdf.drawString(x, 760, glyph)
            x += pdf.stringWidth(glyph, "Helvetica-Bold", 11) + 3
        pdf.setFont("Helvetica", 9)
        acme([[], DATED, [(400, "Delivery Date:"), (480, "03/16/2026")]], title=False)(pdf)

    order = decide_captured(session, parse(draw, "buyer@acme.example"))
    assert order.po_number in ("", "45-2201") and (order.po_number or order.hold_reasons)


# Safe: 'FOB: Destination' in a grid of terms ('Ship Via | F.O.B. | Freight | Terms' over 'Best Way | Destination
# | Prepaid | Net 30') on an order that prints no ship-to label. 'Destination' is now a weak ship-to label; what
# it reads is the grid's next cell ('Prepaid'), which is none of the customer's locations: held, not released to
# an address guessed from the page.
def test_fob_destination_in_a_grid_of_terms_is_no_ship_to(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Delta Marine Outfitters")
        pdf.drawString(400, 760, "PURCHASE ORDER")
        for i, text in enumerate(["PO Number: DM/26/9911", "PO Date: 05/02/2028", "Delivery Date: 05/20/2028"]):
            pdf.drawString(400, 744 - 12 * i, text)
        for x, caption, value in [(40, "Ship Via", "Best Way"), (150, "F.O.B.", "Destination"),
                                  (260, "Freight", "Prepaid"), (370, "Terms", "Net 30")]:  # fmt: skip
            pdf.drawString(x, 660, caption)
            pdf.drawString(x, 648, value)
        captions = [(40, "Item"), (110, "Description"), (330, "Qty"), (380, "UOM"), (430, "Unit Price")]
        for x, caption in [*captions, (510, "Amount")]:
            pdf.drawString(x, 600, caption)
        row = [
            (40, "MR-9501"),
            (110, "Mooring line 12 mm"),
            (-350, "20"),
            (380, "EA"),
            (-470, "32.00"),
            (-560, "640.00"),
        ]
        for x, text in row:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 584, text)
        pdf.drawString(430, 560, "Total")
        pdf.drawRightString(560, 560, "640.00")

    order = decide_captured(session, parse(draw, "buyer@deltamarine.example"))
    assert any(r.code in ("UNKNOWN_SHIP_TO", "MISSING_SHIP_TO") for r in order.hold_reasons)
