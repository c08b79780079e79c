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
