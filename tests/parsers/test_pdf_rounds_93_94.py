"""What blind rounds 93–94 taught the generic extractor, on small generated layouts (not the round's own PDFs):
World Office's dates in boxes, 'DAY  MONTH  YEAR' over '02  12  2033' beside 'Date of issue' and 'Delivery
date'. Unread, they were not even noticed, and D1801 was released without either date (round 94's wrong
release). Also Wings' 'Name of article' and MultiPress's 'Délai souhaité :'."""

from __future__ import annotations

from datetime import date

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def _world_office(pdf: canvas.Canvas, labelled: bool) -> None:
    put(pdf, 740, [(424, "PURCHASE ORDER")])
    put(pdf, 718, [(474, "No.")])
    put(pdf, 706, [(457, "45-8251")])
    pdf.setFont("Helvetica", 7)
    put(pdf, 665, [(471, "DAY"), (501, "MONTH"), (546, "YEAR")])
    pdf.setFont("Helvetica", 9)
    if labelled:
        put(pdf, 655, [(390, "Date of issue")])
    put(pdf, 651, [(472, "02"), (507, "12"), (544, "2033")])
    pdf.setFont("Helvetica", 7)
    put(pdf, 636, [(471, "DAY"), (501, "MONTH"), (546, "YEAR")])
    pdf.setFont("Helvetica", 9)
    put(pdf, 628, [(390, "Delivery date")])
    put(pdf, 621, [(472, "09"), (507, "12"), (544, "2033")])
    put(pdf, 540, [(47, "Item Code"), (125, "Description"), (335, "Unit"), (398, "Qty"), (451, "Unit value"),
                   (527, "Total value")])  # fmt: skip
    put(pdf, 526, [(53, "1"), (73, "HT-9002"), (125, "Tape measure 5 m"), (334, "Each"), (-411, "24"),
                   (-489, "9.20"), (-569, "220.80")])  # fmt: skip
    put(pdf, 500, [(440, "TOTAL ORDER"), (-572, "220.80")])


def test_dates_in_day_month_year_boxes_beside_their_labels() -> None:
    order = render(lambda pdf: _world_office(pdf, labelled=True), letter)
    assert order.po_date == date(2033, 12, 2)
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2033, 12, 9)]


def test_a_boxed_date_no_label_names_holds() -> None:
    order = render(lambda pdf: _world_office(pdf, labelled=False), letter)
    assert order.po_date is None
    assert any("not read" in h.message for h in order.hold_reasons)


def test_name_of_article_is_the_description_and_delai_souhaite_the_delivery_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(348, "N° :"), (430, "CMD-2026-7351")])
        put(pdf, 726, [(348, "Date :"), (430, "02/12/2033")])
        put(pdf, 712, [(348, "Délai souhaité :"), (430, "12/12/2033")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 560, [(45, "No."), (65, "Code"), (123, "Name of article"), (335, "U.M."), (382, "Quantity"),
                       (436, "Price"), (506, "Amount")])  # fmt: skip
        pdf.setFont("Helvetica", 8)
        put(pdf, 545, [(49, "1"), (60, "FS-4004"), (123, "Drywall screw 3.5 x 35"), (336, "box"), (-412, "40,00"),
                       (-472, "18,40"), (-552, "736,00")])  # fmt: skip
        put(pdf, 520, [(328, "Total value without VAT:"), (-552, "736,00")])

    order = render(draw, letter)
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2033, 12, 12)]
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [("FS-4004", "Drywall screw 3.5 x 35")]
