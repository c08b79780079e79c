"""A sixth review's reproductions: prints a real ERP could produce on which the date rules of 4c0f0ce and 0646579
release a wrong order with no hold. 4c0f0ce reads a caption never seen as the delivery date's when one of its
words says delivery and none names another date; 0646579 skips 'by', 'on', 'au plus tard le' … before a
labelled date. Each test asserts the safe behaviour (held, or read right). All but the last two failed on
0646579; all the captions' were safe before 4c0f0ce (held, or the requisition's date noted as one before the
order's), the labelled delivery dates that are only the earliest were released before it too. The last two are
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
Header = list[list[tuple[float, str]]]


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


def acme(header: Header) -> Draw:
    """Acme's order of 03/02/2026: a panel of labels at the right, the ship-to block at the left, two lines of
    286.00; ``header`` adds rows of phrases (x, text) under the PO number and date."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Acme Hardware Co.")
        pdf.drawString(400, 760, "PURCHASE ORDER")
        for i, (caption, value) in enumerate([("PO Number:", "45-2201"), ("PO Date:", "03/02/2026")]):
            pdf.drawString(400, 744 - 12 * i, caption)
            pdf.drawString(480, 744 - 12 * i, value)
        for i, phrases in enumerate(header):
            for x, text in phrases:
                pdf.drawString(x, 720 - 12 * i, text)
        pdf.drawString(40, 700, "Ship To:")
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            pdf.drawString(40, 688 - 12 * i, text)
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
        pdf.drawString(400, 540, "Total")
        pdf.drawRightString(560, 540, "286.00")

    return draw


def captioned(caption: str, value: str) -> Header:
    return [[(300, caption), (430, value)]]


def delivered(order: Order) -> list[str]:
    return [str(d.value) for d in order.dates if d.qualifier == "002"]


# Rule: a caption never seen is the delivery date's when a word of it starts with a delivery stem ('due', 'need',
# 'requir', 'request', 'receipt', …) and none with a stem of another date. A stem that only says a date is wanted
# says nothing of *what* is wanted: the supplier's acknowledgement, the artwork, a deposit, an advance ship
# notice are 'due' or 'required by' a date too, and each of these orders went out with that date as its
# delivery date. 'Acknowledge receipt by' even holds a delivery stem ('receipt') of its own.
@pytest.mark.parametrize(
    "caption, value",
    [
        ("Acknowledge receipt by:", "03/05/2026"),
        ("Acknowledgement due:", "03/05/2026"),
        ("Response requested by:", "03/05/2026"),
        ("Artwork due:", "03/06/2026"),
        ("Deposit due:", "03/05/2026"),
        ("Advance ship notice due:", "03/19/2026"),
    ],
)
def test_a_caption_naming_another_partys_deadline_is_no_delivery_date(
    session: Session, caption: str, value: str
) -> None:
    order = decide_captured(session, parse(acme(captioned(caption, value))))
    assert order.hold_reasons or not delivered(order), f"released for {delivered(order)}: {caption} {value}"


# Rule: the same. 'receiv', 'ship', 'deliver', 'liefer', 'livr' are stems of the goods' movement, past as well as
# wanted: a PO printed again after the goods came ('Date received', 'Delivered'), a supplier portal's receipt
# stamp ('Received on'), or a reprint with the shipment made ('Date shipped') gave that day as the day wanted.
@pytest.mark.parametrize(
    "caption, value",
    [
        ("Date received:", "03/04/2026"),
        ("Received on:", "03/04/2026"),
        ("Date shipped:", "03/20/2026"),
        ("Delivered:", "03/20/2026"),
        ("Geliefert am:", "20.03.2026"),
    ],
)
def test_a_caption_naming_a_day_past_is_no_delivery_date(session: Session, caption: str, value: str) -> None:
    order = decide_captured(session, parse(acme(captioned(caption, value))))
    assert order.hold_reasons or not delivered(order), f"released for {delivered(order)}: {caption} {value}"


# Rule: the same. A retail order's window opens on 'Ship after' / 'Ship start', a call-off's first delivery is one
# of several: only 'earliest' and 'from' were stems of a window's first day, so 'Ship after: 03/10/2026' was read
# as the delivery date. 'Lieferung nicht vor' (not before) too: 'not' was a word of another date, 'nicht' not.
@pytest.mark.parametrize(
    "caption",
    [
        "Ship after:",
        "Ship start:",
        "Deliver no earlier than:",
        "Lieferung nicht vor:",
        "First delivery:",
    ],
)
def test_a_windows_first_day_is_no_delivery_date(session: Session, caption: str) -> None:
    order = decide_captured(session, parse(acme(captioned(caption, "03/10/2026"))))
    assert order.hold_reasons or not delivered(order), f"released for {delivered(order)}: {caption} 03/10/2026"


# Rule: the same, and extract.py reading the captions before it sets aside the dates that lie before the order's
# (_before_order_date). The requisition behind the order is dated before it ('Requisition date', 'Requested on'
# the day the requester asked): 'req' and 'request' made its caption a delivery date's, and the order was released
# to be delivered a week before it was placed. Before 4c0f0ce the date was noted as one before the order date.
@pytest.mark.parametrize(
    "caption, value",
    [
        ("Requisition date:", "02/25/2026"),
        ("Requested on:", "02/27/2026"),
        ("RFQ requested:", "02/20/2026"),
    ],
)
def test_a_requisitions_date_before_the_order_is_no_delivery_date(session: Session, caption: str, value: str) -> None:
    order = decide_captured(session, parse(acme(captioned(caption, value))))
    assert order.hold_reasons or all(d >= "2026-03-02" for d in delivered(order)), f"released for {delivered(order)}"


# Rule: 'termin' (Liefertermin, Eingangstermin) as a stem and inside a word: English 'termination', 'terminal' hold
# it. A blanket order's term ('Effective date' 01/01, before the order, set aside; 'Termination date' 12/31) was
# released to be delivered on the last day of the agreement, an export order on its port's cut-off.
@pytest.mark.parametrize(
    "header",
    [
        [[(300, "Effective date:"), (430, "01/01/2026")], [(300, "Termination date:"), (430, "12/31/2026")]],
        captioned("Terminal cut-off:", "03/10/2026"),
    ],
    ids=["blanket-termination", "terminal-cut-off"],
)
def test_a_word_holding_termin_is_no_delivery_caption(session: Session, header: Header) -> None:
    order = decide_captured(session, parse(acme(header)))
    assert order.hold_reasons or not delivered(order), f"released for {delivered(order)}"


# Rule: _after_deadline skips 'by' / 'on' before a labelled date and reads the next four words; when the words
# after 'by' are not a date, a date further on was read: 'by arrangement, not before 03/16/2026' went out to be
# delivered on 03/16. 0646579 made a labelled value that is not read hold the order (before it, this one was
# released with no date), and its skip then read past 'arrangement, not' to the earliest day. The reader takes a
# date anywhere in its first four words anyway, so 'not before', 'on or after', 'ab', 'frühestens' (the earliest
# day, not the day wanted) were read as the delivery date before these commits too (marked 'earlier', and the
# German ones).
@pytest.mark.parametrize(
    "value",
    [
        "by arrangement, not before 03/16/2026",
        "on call-off, not before 03/16/2026",
        "by separate schedule dated 03/05/2026",
        "not before 03/16/2026",
        "on or after 03/16/2026",
        "03/16/2026 at the earliest",
    ],
    ids=["arrangement", "call-off", "schedule", "earlier-not-before", "earlier-on-or-after", "earlier-earliest"],
)
def test_a_labelled_delivery_date_that_is_only_the_earliest_holds(session: Session, value: str) -> None:
    order = decide_captured(session, parse(acme([[(300, f"Delivery Date: {value}")]])))
    assert order.hold_reasons, f"released for {delivered(order)}: Delivery Date: {value}"


@pytest.mark.parametrize("value", ["ab 16.03.2026", "frühestens 16.03.2026"])
def test_a_german_delivery_date_that_is_only_the_earliest_holds(session: Session, value: str) -> None:
    order = decide_captured(session, parse(acme([[(300, f"Liefertermin: {value}")]])))
    assert order.hold_reasons, f"released for {delivered(order)}: Liefertermin: {value}"


# Safe: two captions never seen that both say delivery ('Wanted on' 03/16, 'Receiving target' 03/20) are two labels
# of the requested date giving different dates (read_header's COMPETING), and the second is a date not read: held.
def test_two_composed_captions_that_disagree_hold(session: Session) -> None:
    header = [[(300, "Wanted on:"), (430, "03/16/2026")], [(300, "Receiving target:"), (430, "03/20/2026")]]
    order = decide_captured(session, parse(acme(header)))
    assert order.hold_reasons


# Safe: 'Requested by: J. Smith 03/04/2026' — a caption is read only when the rest of its phrase (or the phrase
# beside or under it) is a date and nothing else; here the requester's name is part of it, and the date holds.
def test_a_requester_and_a_date_in_one_phrase_hold(session: Session) -> None:
    order = decide_captured(session, parse(acme([[(300, "Requested by: J. Smith 03/04/2026")]])))
    assert order.hold_reasons
