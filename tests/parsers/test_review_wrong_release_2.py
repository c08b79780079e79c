"""A second review's reproductions: prints a real ERP could produce on which the rules added while reading holdout
rounds 17–20 (7f1a2a4..56fb306) release a wrong order, or drop a delivery date, with no hold. Each test asserts
the safe behaviour (held, or read right) and fails on the code it was written against. The first five are
regressions (held at 7f1a2a4); the last two are older gaps the new rules did not close."""

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


# Rule: header.letter_date ('Lyon, le 8 octobre 2027' as the order's date). _LETTER_DATE matches any phrase of
# up to three words, a comma and a date anywhere on page 1, and stray_dates then skips every phrase that ends in
# that date as "the letter's own date" — even when the order date was read from its label and the letter date
# is not used. A US print's note 'Jobsite delivery Tuesday, 10/19/2027' (a weekday before the date is how
# people write it) is a delivery date under no label: at 7f1a2a4 it was a stray date and held; now it is
# silently dropped and the order is released with no delivery date.
def test_letter_date_a_weekday_delivery_note_is_not_explained_away(session: Session) -> None:
    draw = acme(["PO Number: 45-2301", "Order Date: 10/08/2027"], "Jobsite delivery Tuesday, 10/19/2027")
    order = decide_captured(session, parse(draw, "purchasing@acme.example"))
    assert order.hold_reasons or delivered(order) == ["2027-10-19"], f"released with delivery dates {delivered(order)}"


# Same rule, without a labelled order date: 'Deliver Friday, 10/15/2027' is taken as the letter's date, so the
# delivery date is released as the PO date at 0.95 and the order carries no delivery date. At 7f1a2a4 it was a
# stray date and held.
def test_letter_date_a_delivery_note_is_not_released_as_the_order_date(session: Session) -> None:
    draw = acme(["PO Number: 45-2301"], "Deliver Friday, 10/15/2027")
    order = decide_captured(session, parse(draw, "purchasing@acme.example"))
    assert order.hold_reasons or (order.po_date is None and delivered(order) == ["2027-10-15"]), (
        f"released with PO date {order.po_date} and delivery dates {delivered(order)}"
    )


def lumiere(header: list[str]) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 780, "Quincaillerie Lumière SARL")
        pdf.drawString(40, 768, "12 rue Félix Poulat, 38000 Grenoble")
        for i, text in enumerate(header):
            pdf.drawString(360, 780 - 14 * i, text)
        pdf.drawString(40, 700, "Adresse de livraison")
        for i, text in enumerate(["Lumière Grenoble", "12 rue Félix Poulat", "38000 Grenoble"]):
            pdf.drawString(40, 688 - 12 * i, text)
        captions = [(40, "Référence"), (110, "Désignation"), (330, "Qté"), (380, "Unité"), (430, "P.U. HT")]
        captions.append((510, "Montant HT"))
        row = [(40, "EL-6002"), (110, "Rallonge 10 m"), (-350, "10"), (380, "U"), (-470, "19,90"), (-560, "199,00")]
        table(pdf, 600, captions, [row])
        pdf.drawString(430, 560, "Total HT")
        pdf.drawRightString(560, 560, "199,00")

    return draw


# Rule: 'N/Réf.' (notre référence) as a PO label. On a French 'BON DE COMMANDE' with its number printed under
# the title, the writer's own reference (here a purchase requisition, 'DA-2027-041') now wins at 0.95: the
# number under the title is read only when no PO label is found, and is never a rival. At 7f1a2a4 the number
# under the title was read (0.85, held for a person).
def test_n_ref_does_not_outrank_the_number_under_the_title(session: Session) -> None:
    draw = lumiere(["BON DE COMMANDE", "LQ-2027-0311", "Date : 15/03/2027", "N/Réf. : DA-2027-041"])
    order = decide_captured(session, parse(draw, "commandes@lumiere-quincaillerie.example"))
    assert order.hold_reasons or order.po_number == "LQ-2027-0311", f"released with PO {order.po_number}"


# Rule: 'Référence' as a weak PO label. Same print with 'Référence : DEV-2027-088' (the supplier's quote): a
# weak label with no other PO label is read at 0.95 (weak labels are only weak against rivals, and the number
# under the title is none), so the quote number is released as the PO. At 7f1a2a4: held, LQ-2027-0311 at 0.85.
def test_weak_reference_does_not_outrank_the_number_under_the_title(session: Session) -> None:
    draw = lumiere(["BON DE COMMANDE", "LQ-2027-0311", "Date : 15/03/2027", "Référence : DEV-2027-088"])
    order = decide_captured(session, parse(draw, "commandes@lumiere-quincaillerie.example"))
    assert order.hold_reasons or order.po_number == "LQ-2027-0311", f"released with PO {order.po_number}"


# Rule: 'Shipping Date' as a requested-date label. A header with 'Shipping Date: 10/13/2027' over 'Delivery
# Date: 10/15/2027': _first takes the first requested-date label in reading order, so the ship date is released
# as the delivery date and 10/15 is dropped (its label explains it). At 7f1a2a4 'Shipping Date' was unknown,
# its date stray, and the order held.
def test_shipping_date_over_delivery_date_is_not_released_as_the_delivery_date(session: Session) -> None:
    draw = acme(["PO Number: 45-2301", "Order Date: 10/08/2027", "Shipping Date: 10/13/2027",
                 "Delivery Date: 10/15/2027"])  # fmt: skip
    order = decide_captured(session, parse(draw, "purchasing@acme.example"))
    assert order.hold_reasons or delivered(order) == ["2027-10-15"], f"released with delivery dates {delivered(order)}"


# Old gap (also at 7f1a2a4), the same flaw the rule above widens: two requested-date labels with different
# dates ('Ship Date' and 'Delivery Date') — the first is released, the other silently dropped.
def test_old_gap_two_requested_date_labels_that_disagree_hold(session: Session) -> None:
    draw = acme(["PO Number: 45-2301", "Order Date: 10/08/2027", "Ship Date: 10/13/2027", "Delivery Date: 10/15/2027"])
    order = decide_captured(session, parse(draw, "purchasing@acme.example"))
    assert order.hold_reasons, f"released with delivery dates {delivered(order)} of 10/13 and 10/15"


# Old gap the schedule rule does not close: an Oracle schedule whose 'Ship-to Location' is printed on a line of
# its own, the date and quantity on the next. The site pattern needs a date/quantity keyword after the site on
# the same line, so 'Schedule 2  Ship-to Location: Cedar & Pine Salem' falls into the description; the
# quantities add up and the dates agree, and all 50 rolls are released to Portland (20 were for Salem).
def test_old_gap_a_schedule_shipping_elsewhere_on_a_line_of_its_own_holds(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Cedar & Pine Home Centers")
        pdf.drawString(400, 760, "PURCHASE ORDER")
        pdf.drawString(400, 744, "PO Number: CP-77120")
        pdf.drawString(400, 732, "Order Date: 07/14/2027")
        pdf.drawString(40, 710, "Ship To:")
        for i, text in enumerate(["Cedar & Pine Portland", "1020 SW Morrison St", "Portland, OR 97201"]):
            pdf.drawString(40, 698 - 12 * i, text)
        captions = [(40, "Item"), (110, "Description"), (330, "Qty"), (380, "UOM"), (430, "Unit Price")]
        captions.append((510, "Amount"))
        row = [(40, "TP-7002"), (110, "Masking tape"), (-350, "50"), (380, "RL"), (-470, "2.25"), (-560, "112.50")]
        table(pdf, 600, captions, [row])
        schedule = [
            "Schedule 1  Ship-to Location: Cedar & Pine Portland",
            "Requested Delivery Date: 07/21/2027  Quantity: 30",
            "Schedule 2  Ship-to Location: Cedar & Pine Salem",
            "Requested Delivery Date: 07/21/2027  Quantity: 20",
        ]
        for i, text in enumerate(schedule):
            pdf.drawString(110, 572 - 11 * i, text)
        pdf.drawString(430, 514, "Total")
        pdf.drawRightString(560, 514, "112.50")

    order = decide_captured(session, parse(draw, "buyer@cedarpine.example"))
    assert order.hold_reasons, f"released all to {order.ship_to.name if order.ship_to else None}"
