"""What blind rounds 47–48 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): ams.erp's 'Rab.%' column, and Proginov's row of small captions atop a box with its values low in it."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import render


def table_with(captions: list[tuple[float, str]], values: list[tuple[float, str]]):
    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 780, "Bestellung 4500019921 vom 06.01.2030")
        pdf.setFont("Helvetica-Bold", 8)
        for x, text in captions:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, text)
        pdf.setFont("Helvetica", 8.5)
        for x, text in values:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 624, text)
        pdf.drawString(380, 590, "Summe netto")
        pdf.drawRightString(545, 590, "318,40")

    return draw


def test_rab_percent_is_a_discount_column_not_the_price() -> None:
    order = render(table_with(
        [(57, "Pos."), (83, "Artikel-Nr."), (149, "Bezeichnung"), (-372, "Menge"), (378, "ME"), (-452, "Preis/ME"),
         (-480, "Rab.%"), (-538, "Gesamt EUR")],
        [(57, "1"), (83, "AB-1005"), (149, "Spreizanker"), (-372, "8"), (378, "Stück"), (-452, "39,80"),
         (-480, "0,0"), (-538, "318,40")],
    ))  # fmt: skip
    line = order.lines[0]
    assert (line.quantity, line.amount) == (Decimal("8"), Decimal("318.40"))  # not the price as the quantity


def proginov(pdf: canvas.Canvas) -> None:
    """Small captions in a row atop a box ('Numéro  Date  Code fournisseur  Page'), the values low in the box,
    further under them than a caption's usual reach."""
    pdf.drawString(36, 770, "Quincaillerie LUMIÈRE")
    pdf.setFont("Helvetica", 7)
    for x, caption in [(331, "Numéro"), (409, "Date"), (457, "Code fournisseur"), (533, "Page")]:
        pdf.drawString(x, 765, caption)
    pdf.setFont("Helvetica-Bold", 9.5)
    for x, value in [(309, "CMD-2026-9931"), (393, "14/02/2030"), (461, "FRN00318"), (534, "1/1")]:
        pdf.drawString(x, 738, value)
    pdf.setFont("Helvetica", 9)
    for x, text in [(40, "Réf."), (120, "Désignation"), (-360, "Qté"), (-440, "PU HT"), (-545, "Montant HT")]:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, text)
    for x, text in [(40, "AB-1005"), (120, "Cheville"), (-360, "8"), (-440, "39,80"), (-545, "318,40")]:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 624, text)
    pdf.drawString(380, 590, "Total HT")
    pdf.drawRightString(545, 590, "318,40")


def test_a_row_of_small_captions_over_values_low_in_their_box() -> None:
    order = render(proginov)
    assert order.po_number == "CMD-2026-9931"
    assert str(order.po_date) == "2030-02-14"


def test_buyers_and_sellers_item_ids_under_a_line() -> None:
    """Tradeshift: "Buyer's item ID: 7731  Seller's item ID: PL-5003" under a line with no code column."""
    from tests.parsers.test_pdf_rounds_45_46 import rows_with_notes

    order = render(rows_with_notes(["Buyer's item ID: 77{n}1 Seller's item ID: {code}"], coded=False))
    assert [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines] == [
        ("HT-9001", "7711"),
        ("HT-9005", "7721"),
        ("EL-6002", "7731"),
    ]
