"""A fourth review's reproductions: prints a real ERP could produce on which the rules added while reading rounds
27 and 28 (0899c8f, b809c2d) release a wrong order with no hold. Each test asserts the safe behaviour (held, or
read right); the first four failed on b809c2d, the last two are attacks that turned out safe and say why."""

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


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def parse(draws: list[Draw], sender: str) -> Order:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for draw in draws:
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


# Rule: 'Net amount' in table.END (and extract._TOTAL). An English print that states each position's net amount
# on a line of its own under it (conditions under an SAP / Dynamics position: 'Net amount  222.00') now ends the
# table at the first position's 'Net amount': the second position is never read, and the first one's net amount
# is a total the lines add up to. Before, the line was read as the position's text and both positions were read.
# ('Nettowert' under a position was mended the same way after the third review: _POSITION_VALUE.)
def test_a_net_amount_under_each_position_does_not_end_the_table_after_the_first(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Acme Hardware Co.")
        pdf.drawString(400, 760, "PURCHASE ORDER")
        for i, text in enumerate(["PO Number: 45-2201", "PO Date: 03/02/2026", "Delivery Date: 03/16/2026"]):
            pdf.drawString(400, 744 - 12 * i, text)
        pdf.drawString(40, 700, "Ship To:")
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            pdf.drawString(40, 688 - 12 * i, text)
        captions = [(40, "Item"), (110, "Description"), (330, "Qty"), (380, "UOM"), (430, "Unit Price")]
        table(pdf, 600, [*captions, (510, "Amount")], [])
        rows = [
            [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-470, "9.25"), (-560, "222.00")],
            [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-470, "6.40"), (-560, "64.00")],
        ]
        y = 584
        for row, value in zip(rows, ["222.00", "64.00"], strict=True):
            for x, text in row:
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)
            pdf.drawString(110, y - 14, "Net amount")
            pdf.drawRightString(560, y - 14, value)
            y -= 30
        pdf.drawString(400, y - 10, "Order total USD")
        pdf.drawRightString(560, y - 10, "286.00")

    order = decide_captured(session, parse([draw], "buyer@acme.example"))
    assert order.hold_reasons or len(order.lines) == 2, f"released with {len(order.lines)} of 2 positions"


# Rule: labels._centred_over, 'a phrase starts under the caption' ('&' of 'Cedar & Pine Salem' centred under it
# starts none). A store's own order: its letterhead (the ordering store, Portland) at the left margin, the ship-to
# block centred under 'Ship To' (Salem). No phrase starts under the caption, so the block was taken to start at
# the first phrase start left of it on the line: the letterhead's. The order was released to Portland (101); it
# ships to Salem (102). Before, the '&' under the caption anchored the block there and the order was held.
def test_a_centred_ship_to_block_does_not_start_at_the_letterhead_beside_it(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(410, 740, "PO number:")
        pdf.drawString(474, 740, "CP109901")
        pdf.drawString(410, 727, "Order date:")
        pdf.drawString(474, 727, "5/1/2028")
        pdf.drawCentredString(444, 650, "Ship To")
        for i, (left, right) in enumerate(
            [("Cedar & Pine Portland", "Cedar & Pine Salem"), ("1200 SW Jefferson Street", "455 Center St NE"),
             ("Portland, OR 97201", "Salem, OR 97301")]
        ):  # fmt: skip
            pdf.drawString(40, 632 - 12 * i, left)
            pdf.drawCentredString(444, 632 - 12 * i, right)
        table(
            pdf,
            560,
            [(44, "Item #"), (112, "Description"), (380, "Qty"), (424, "Unit"), (472, "Unit cost"), (532, "Ext cost")],
            [[(44, "HT-9001"), (112, "Claw Hammer 16oz"), (-410, "24"), (424, "Each"), (-504, "16.90"),
              (-568, "405.60")]],
        )  # fmt: skip
        pdf.drawString(382, 520, "PO total:")
        pdf.drawRightString(568, 520, "$405.60")

    order = decide_captured(session, parse([draw], "buyer@cedarpine.example"))
    shipped = [i.value for i in order.ship_to.identifiers] if order.ship_to else []
    assert order.hold_reasons or shipped == ["102"], f"released to {shipped} (printed: Cedar & Pine Salem, 102)"


# Rule: extract._strip (a row of totals' captions over their figures). A French strip with a 10 % 'Remise':
# 'Total HT brut' (what the lines add up to) is read as a net total the lines agree with, and the order is
# released at 313,60 while it is placed at 282,24 after the discount ('Total HT net'). Before, the strip was
# not read and the order was held. (The same totals printed one under the other were released as well: an
# adjustment between the total the lines add up to and a later total now makes the first one no check.)
@pytest.mark.parametrize("strip", [True, False])
def test_a_discount_between_the_lines_total_and_the_order_total_holds(session: Session, strip: bool) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 780, "Quincaillerie Lumière SARL")
        pdf.drawString(360, 780, "BON DE COMMANDE")
        header = ["N° commande : CMD-2026-1104", "Date : 12.03.2026", "Date de livraison : 20.03.2026"]
        for i, text in enumerate(header):
            pdf.drawString(360, 766 - 14 * i, text)
        pdf.drawString(40, 700, "Adresse de livraison :")
        for i, text in enumerate(["Lumière Grenoble", "11 avenue Alsace-Lorraine", "38000 Grenoble"]):
            pdf.drawString(40, 688 - 12 * i, text)
        table(
            pdf,
            600,
            [(40, "Réf."), (110, "Désignation"), (330, "Qté"), (380, "Unité"), (430, "P.U. HT"), (500, "Montant HT")],
            [[(40, "HT-9002"), (110, "Mètre ruban 5 m"), (-350, "24"), (380, "pièce"), (-470, "8,90"),
              (-560, "213,60")],
             [(40, "EL-6005"), (110, "Ruban isolant noir"), (-350, "100"), (380, "rouleau"), (-470, "1,00"),
              (-560, "100,00")]],
        )  # fmt: skip
        totals = [
            ("Total HT brut", "313,60"),
            ("Remise 10 %", "31,36"),
            ("Total HT net", "282,24"),
            ("Total TVA 20 %", "56,45"),
            ("Total TTC", "338,69"),
        ]
        for i, (caption, figure) in enumerate(totals):
            if strip:
                pdf.drawString(40 + 110 * i, 500, caption)
                pdf.drawRightString(100 + 110 * i, 488, figure)
            else:
                pdf.drawString(380, 540 - 14 * i, caption)
                pdf.drawRightString(560, 540 - 14 * i, figure)

    order = decide_captured(session, parse([draw], "commandes@lumiere-quincaillerie.example"))
    assert order.hold_reasons, f"released at {order.stated_total}, before the 10 % discount (282,24)"


# Rule: extract._numbers_under (a total's figure in its box a line or two under its caption). A pre-printed form
# (Infor XA) of two pages prints its footer boxes on every page; page 1's 'TOTAL P.O. AMOUNT' box holds the
# page's running total, page 2 (no header row repeated) the third line and the order's total. The table ended at
# page 1's box, page 2 was never read, and page 1's figure — now read from its box — is what the two lines read
# add up to: released with 2 of 3 lines. Before, the figure under the box's caption was not read and the order
# was held (no total). (With the figure on the caption's own line it was released wrong before as well: lines
# in the table's columns on a page after the total now hold the order.)
@pytest.mark.parametrize("under", [True, False])
def test_a_page_total_in_a_forms_box_does_not_release_the_lines_of_page_one_alone(
    session: Session, under: bool
) -> None:
    captions = [(38, "LINE"), (63, "ITEM NUMBER / DESCRIPTION"), (350, "QUANTITY"), (404, "U/M"), (444, "UNIT PRICE")]
    captions.append((541, "EXTENSION"))

    def head(pdf: canvas.Canvas, page: int) -> None:
        pdf.drawString(372, 740, "P.O. NUMBER")
        pdf.drawString(372, 728, "DM/26/9901")
        pdf.drawString(489, 740, "ORDER DATE")
        pdf.drawString(489, 728, "05/02/28")
        pdf.drawString(40, 740, "SHIP TO")
        for i, text in enumerate(["Delta Marine Tampa", "500 Channelside Dr", "Tampa, FL 33602"]):
            pdf.drawString(40, 728 - 12 * i, text)
        pdf.drawString(500, 40, f"PAGE {page} OF 2")

    def foot(pdf: canvas.Canvas, y: float, figure: str) -> None:
        pdf.setFont("Helvetica", 6)
        pdf.drawString(33, y, "SPECIAL INSTRUCTIONS")
        pdf.drawString(373, y, "TOTAL P.O. AMOUNT (USD)")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(36, y - 9, "ALL SHIPMENTS MUST REFERENCE OUR P.O. NUMBER.")
        pdf.setFont("Helvetica", 10)
        pdf.drawRightString(576, y - 14 if under else y, figure)
        pdf.setFont("Helvetica", 9)

    def first(pdf: canvas.Canvas) -> None:
        head(pdf, 1)
        table(
            pdf,
            640,
            captions,
            [[(-53, "001"), (63, "MR-9501"), (-387, "20"), (404, "EA"), (-481, "32.0000"), (-579, "640.00")],
             [(-53, "002"), (63, "MR-9502"), (-387, "24"), (404, "EA"), (-481, "25.9000"), (-579, "621.60")]],
        )  # fmt: skip
        foot(pdf, 596, "1,261.60")

    def second(pdf: canvas.Canvas) -> None:
        head(pdf, 2)
        table(pdf, 656, [], [[(-53, "003"), (63, "MR-9503"), (-387, "10"), (404, "EA"), (-481, "11.0000"),
                              (-579, "110.00")]])  # fmt: skip
        foot(pdf, 612, "1,371.60")

    order = decide_captured(session, parse([first, second], "buyer@deltamarine.example"))
    assert order.hold_reasons or len(order.lines) == 3, f"released with {len(order.lines)} of 3 lines"


# Safe: spaced thousands with a decimal point ('1 032.00') in a US-format print. A quantity of 1 right-aligned
# tight against a left-aligned price of three digits ('1 118.80') is joined into one number; the row loses its
# quantity and becomes text of the row above, but the 'Net amount' the lines no longer add up to holds it.
def test_a_quantity_printed_tight_against_a_price_joined_as_one_number_holds(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "PURCHASE ORDER")
        pdf.drawString(40, 745, "Order no.")
        pdf.drawString(90, 745, "DM/26/9902")
        pdf.drawString(40, 720, "Ship To:")
        for i, text in enumerate(["Delta Marine Tampa", "500 Channelside Dr", "Tampa, FL 33602"]):
            pdf.drawString(40, 708 - 12 * i, text)
        table(
            pdf,
            640,
            [(52, "Ln"), (74, "Item no."), (202, "Description"), (380, "Qty"), (400, "Price"), (513, "Amount")],
            [[(-61, "10"), (74, "MR-9501"), (202, "Mooring line 12 mm"), (-397, "2"), (400, "32.00"), (-543, "64.00")],
             [(-61, "20"), (74, "MR-9502"), (202, "Boat fender 8 x 26"), (-397, "1"), (400, "25.90"), (-543, "25.90")],
             [(-61, "30"), (74, "TP-7001"), (202, "Duct tape 48 mm, case"), (-397, "1"), (400, "118.80"),
              (-543, "118.80")]],
        )  # fmt: skip
        pdf.drawString(355, 570, "Net amount")
        pdf.drawString(481, 570, "USD")
        pdf.drawRightString(545, 570, "208.70")

    order = decide_captured(session, parse([draw], "buyer@deltamarine.example"))
    assert order.hold_reasons or [line.amount for line in order.lines] == [
        Decimal("64.00"),
        Decimal("25.90"),
        Decimal("118.80"),
    ]


# Safe: a site number in a panel ('Ship-to location: 102') attached to the ship-to block centred under 'Ship To'
# elsewhere on the page, which names another of the customer's stores (Portland, 101): the core's site check
# (orderhub.capture._site_conflict) holds it.
def test_a_panels_site_number_of_another_store_than_the_block_holds(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        for x, y, text in [(410, 740, "PO number:"), (474, 740, "CP109901"), (410, 727, "Order date:"),
                           (474, 727, "5/1/2028"), (326, 700, "Delivery date:"), (418, 700, "5/11/2028"),
                           (326, 687, "Ship-to location:"), (418, 687, "102"), (326, 674, "Status:"),
                           (418, 674, "Released")]:  # fmt: skip
            pdf.drawString(x, y, text)
        pdf.drawCentredString(168, 650, "Vendor")
        pdf.drawCentredString(444, 650, "Ship To")
        for i, (left, right) in enumerate(
            [("Ridgeline Fastener & Tool Supply", "Cedar & Pine Portland"),
             ("4400 Industrial Parkway", "1200 SW Jefferson Street"), ("Cleveland, OH 44135", "Portland, OR 97201")]
        ):  # fmt: skip
            pdf.drawCentredString(168, 632 - 12 * i, left)
            pdf.drawCentredString(444, 632 - 12 * i, right)
        table(
            pdf,
            560,
            [(44, "Item #"), (112, "Description"), (380, "Qty"), (424, "Unit"), (472, "Unit cost"), (532, "Ext cost")],
            [[(44, "HT-9001"), (112, "Claw Hammer 16oz"), (-410, "24"), (424, "Each"), (-504, "16.90"),
              (-568, "405.60")]],
        )  # fmt: skip
        pdf.drawString(382, 520, "PO total:")
        pdf.drawRightString(568, 520, "$405.60")

    order = decide_captured(session, parse([draw], "buyer@cedarpine.example"))
    assert any(r.code == "UNKNOWN_SHIP_TO" for r in order.hold_reasons)
