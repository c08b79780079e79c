"""What blind rounds 139–140 taught the generic extractor, on small generated layouts (not the rounds' own PDFs).
Round 139's WordPerfect memo (W26) was released twice without its delivery date: a sentence broke the date over
two lines ('no later than Friday, November 13,' / '2037: …'), and neither line alone held a date."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _memo(sentence: list[str]) -> object:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(60, "TO:"), (120, "Ridgeline Fastener & Tool Supply - Order Desk")])
        put(pdf, 746, [(60, "DATE:"), (120, "November 3, 2037")])
        put(pdf, 732, [(60, "RE:"), (120, "Purchase Order No. GR-33921 - Concord yard")])
        for n, text in enumerate(sentence):
            put(pdf, 710 - 14 * n, [(60, text)])
        put(pdf, 660, [(70, "Qty"), (100, "Unit"), (130, "Item No."), (190, "Description"), (400, "Unit Price"),
                       (480, "Amount")])  # fmt: skip
        put(pdf, 646, [(-85, "40"), (100, "bx"), (130, "FS-4004"), (190, "Drywall screws 3.5 x 35"), (-445, "18.40"),
                       (-515, "736.00")])  # fmt: skip
        put(pdf, 626, [(190, "Total this order"), (-515, "$736.00")])
        put(pdf, 600, [(60, "Deliver to: Granite State Yard Concord")])
        put(pdf, 586, [(120, "75 Airport Road")])
        put(pdf, 572, [(120, "Concord, NH 03301")])

    return render(draw, letter)


def test_a_date_a_sentence_breaks_over_two_lines_holds() -> None:
    order = _memo(["Please supply the following, delivered to our Concord yard no later than Friday, November 13,",
                   "2037:"])  # fmt: skip
    assert order.dates == []
    assert order.confidence["requested_date"] < CONFIDENT


def test_safe_a_sentence_without_a_date_over_two_lines_releases() -> None:
    order = _memo(["Please supply the following, delivered to our Concord yard by truck, lot 13,",
                   "2037 pallets at most:"])  # fmt: skip
    assert order.confidence.get("requested_date", 1.0) >= CONFIDENT


def test_a_date_tagged_with_a_qualifier_we_do_not_read_holds() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "Bestell-Nr. (BGM)"), (170, "4500021964")])
        put(pdf, 766, [(40, "Bestelldatum (DTM 137)"), (170, "14.10.2037")])
        put(pdf, 752, [(40, "Datum (DTM 35)"), (170, "26.10.2037")])
        put(pdf, 720, [(40, "Lieferanschrift (NAD+DP)")])
        put(pdf, 708, [(40, "Hansa Lager Bremen")])
        put(pdf, 696, [(40, "Am Wall 140")])
        put(pdf, 684, [(40, "28195 Bremen")])
        put(pdf, 640, [(40, "Art.-Nr."), (130, "Bezeichnung"), (380, "Menge"), (470, "Preis"), (530, "Betrag")])
        put(pdf, 626, [(40, "HT-9001"), (130, "Klauenhammer 450 g"), (-405, "12"), (-495, "16,40"), (-560, "196,80")])
        put(pdf, 600, [(300, "Summe netto"), (-560, "196,80")])

    order = render(draw, A4)
    assert order.po_number == "4500021964"
    assert order.confidence["requested_date"] < CONFIDENT  # DTM+35 (delivered) is no date we read
