"""What blind rounds 41–42 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): a table whose captions are in two languages ('Price / Prix'), a Polish print's 'Name of goods / index' with
'Index:' under each line, and 'En date du'."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import render, table


def maestro(pdf: canvas.Canvas) -> None:
    pdf.drawString(40, 760, "PURCHASE ORDER / BON DE COMMANDE  PO No. GR-29991")
    table(
        pdf,
        620,
        [(42, "Description"), (235, "Item / Article"), (322, "Qty / Qté"), (380, "UM"), (419, "Price / Prix"),
         (502, "Amount / Montant")],
        [[(42, "Sleeve anchor 1/2 x 4 in"), (235, "AB-1005"), (-340, "8"), (380, "BX"), (-460, "39.80"),
          (-560, "318.40")]],
    )  # fmt: skip


def test_table_captions_in_two_languages_are_one_column_each() -> None:
    order = render(maestro)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("AB-1005", Decimal("8"), Decimal("39.80"), Decimal("318.40"))
    ]


def wapro(pdf: canvas.Canvas) -> None:
    pdf.drawString(200, 760, "PURCHASE ORDER No. DM/26/9991")
    pdf.drawString(380, 740, "En date du 24/08/2029")
    table(
        pdf,
        620,
        [(40, "No."), (60, "Name of goods / index"), (300, "Unit"), (340, "Quantity"), (420, "Net price"),
         (500, "Net value")],
        [[(40, "1."), (60, "Safety glasses clear"), (300, "each"), (-380, "24,00"), (-460, "4,95"), (-540, "118,80")],
         [(60, "Index: SF-8101")]],
    )  # fmt: skip


def test_an_index_under_the_line_and_en_date_du() -> None:
    order = render(wapro)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("SF-8101", Decimal("24.00"))]
    assert str(order.po_date) == "2029-08-24"


def batigest(pdf: canvas.Canvas) -> None:
    """A panel of labels each with its colon set apart ('Numéro :', 'Date :'), the values at one tab stop well to
    their right, the PO number in a larger bold type (Batigest's second print)."""
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(40, 770, "Quincaillerie LUMIÈRE")
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(40, 740, "COMMANDE FOURNISSEUR")
    pdf.setFont("Helvetica", 8.5)
    pdf.drawString(40, 722, "Numéro")
    pdf.drawString(72.6, 722, ":")
    pdf.drawString(40, 712, "Date")
    pdf.drawString(60.3, 712, ":")
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(100, 722, "CMD-2026-9977")
    pdf.setFont("Helvetica", 9)
    pdf.drawString(100, 712, "04/07/2029")
    pdf.drawString(330, 722, "Ridgeline Fastener & Tool Supply")
    pdf.drawString(330, 711, "4400 Industrial Parkway")
    table(
        pdf,
        620,
        [(42, "Réf."), (120, "Désignation"), (322, "Qté"), (400, "PU HT"), (490, "Montant HT")],
        [[(42, "AB-1005"), (120, "Cheville 1/2 x 4"), (-340, "8"), (-440, "39,80"), (-540, "318,40")]],
    )
    pdf.drawString(400, 580, "Total HT")
    pdf.drawRightString(540, 580, "318,40")


def test_a_panel_of_labels_with_their_colons_set_apart_gives_its_values() -> None:
    order = render(batigest)
    assert order.po_number == "CMD-2026-9977"
    assert str(order.po_date) == "2029-07-04"


def oxaion(pdf: canvas.Canvas) -> None:
    """oxaion's second print: 'Unsere Bestellung  4500019988' over 'vom  07.08.2029' in the information block, and
    a quote's 'Ihr Angebot … vom' elsewhere."""
    pdf.drawString(40, 780, "Hansa Werkzeughandel GmbH · Am Speicher 12 · 28217 Bremen")
    for i, (label, value) in enumerate([("Unsere Bestellung", "4500019988"), ("vom", "07.08.2029"),
                                        ("Ansprechpartner", "Frau Sievers")]):  # fmt: skip
        pdf.drawString(360, 780 - 12 * i, label)
        pdf.drawString(460, 780 - 12 * i, value)
    pdf.drawString(40, 700, "BESTELLUNG")
    table(
        pdf,
        640,
        [(40, "Pos"), (70, "Artikel"), (150, "Bezeichnung"), (-360, "Menge"), (370, "ME"), (-470, "Einzelpreis"),
         (-545, "Gesamtpreis")],
        [[(40, "10"), (70, "AB-1005"), (150, "Spreizanker"), (-360, "8"), (370, "St"), (-470, "39,80"),
          (-545, "318,40")]],
    )  # fmt: skip
    pdf.drawString(380, 580, "Warenwert netto")
    pdf.drawRightString(545, 580, "318,40")


def test_vom_under_the_order_numbers_caption_dates_the_order() -> None:
    order = render(oxaion)
    assert order.po_number == "4500019988"
    assert str(order.po_date) == "2029-08-07"
