"""What blind rounds 55–56 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Kingdee's 'Bill No.' and its captions three lines high ('Material' / 'Code', 'Supplier' / 'Material No.',
'Tax' / 'Rate(%)'); MISys's "Req'd Date" column beside the extended price; Distribution One's 'VEND ITEM: PL-5003'
under a line; AroFlo's 'Date Raised'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def kingdee(pdf: canvas.Canvas) -> None:
    put(pdf, 740, [(486, "Bill No.: CP109901")])
    put(pdf, 720, [(331, "Date"), (412, "2030/10/03")])
    put(pdf, 690, [(52, "Material"), (238, "Supplier"), (437, "Tax"), (526, "Delivery")])
    put(pdf, 681, [(32, "Seq."), (112, "Material Name"), (301, "Unit"), (350, "Qty"), (385, "Unit Price"),
                   (484, "Amount")])  # fmt: skip
    put(pdf, 672, [(52, "Code"), (238, "Material No."), (423, "Rate(%)"), (532, "Date")])
    put(pdf, 655, [(37, "1 CP-110045"), (112, "Hammer, Claw 16oz"), (238, "HT-9001"), (302, "Pcs"), (-362, "24.00"),
                   (-418, "16.900000"), (-450, "0.00"), (-500, "405.60"), (515, "2030/10/13")])  # fmt: skip
    put(pdf, 630, [(32, "Total"), (-362, "24.00"), (-510, "405.60")])


def test_kingdee_bill_number_and_captions_three_lines_high() -> None:
    order = render(kingdee)
    assert order.po_number == "CP109901"
    assert [
        (ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount, ln.requested_date) for ln in order.lines
    ] == [("HT-9001", Decimal("24.00"), Decimal("16.900000"), Decimal("405.60"), date(2030, 10, 13))]


def test_misys_required_date_column_beside_the_extended_price() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(468, "PO No.: DM/26/9901")])
        put(pdf, 690, [(38, "Item No."), (114, "Supplier"), (176, "Description"), (331, "Ordered Unit"),
                       (431, "Unit"), (490, "Ext."), (522, "Req'd")])  # fmt: skip
        put(pdf, 681, [(114, "Item No."), (428, "Price"), (486, "Price"), (524, "Date")])
        put(pdf, 665, [(38, "DMO-ROPE12"), (114, "MR-9501"), (176, "MOORING LINE 12 MM"), (-362, "20.00"),
                       (366, "Each"), (-446, "32.00"), (-508, "640.00"), (522, "09/13/2030")])  # fmt: skip
        put(pdf, 630, [(439, "Total USD"), (-574, "640.00")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.quantity, ln.amount, ln.requested_date) for ln in order.lines] == [
        ("MR-9501", Decimal("20.00"), Decimal("640.00"), date(2030, 9, 13))
    ]


def test_a_vend_item_line_under_a_line_is_our_item() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(384, "P.O. NUMBER"), (468, "P.O. DATE")])
        put(pdf, 730, [(387, "45-9901"), (465, "09/03/30")])
        put(pdf, 690, [(38, "LN"), (96, "QTY"), (142, "ITEM NUMBER"), (462, "UNIT")])
        put(pdf, 681, [(38, "#"), (75, "ORDERED UM"), (142, "DESCRIPTION"), (459, "COST PER"), (534, "EXTENSION")])
        put(pdf, 665, [(38, "001"), (-127, "4 CS"), (142, "7731"), (-495, "54.0000 CS"), (-574, "216.00")])
        put(pdf, 655, [(142, "BALL VALVE 1/2 IN BRASS")])
        put(pdf, 645, [(142, "VEND ITEM: PL-5003")])
        put(pdf, 610, [(449, "P.O. TOTAL"), (-574, "216.00")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("PL-5003", Decimal("4"), Decimal("54.0000"))
    ]


def test_aroflo_date_raised_is_the_order_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(497, "PO # GR-39901")])
        put(pdf, 700, [(36, "Date Raised"), (130, "07-Oct-2030"), (312, "Date Required"), (410, "15-Oct-2030")])
        put(pdf, 688, [(36, "Raised By"), (130, "Marc LeBlanc")])
        put(pdf, 650, [(40, "Description"), (316, "Qty"), (363, "Unit Price"), (515, "Total")])
        put(pdf, 634, [(40, "Spirit level 600 mm"), (-330, "4 ea"), (-440, "$22.40"), (-572, "$89.60")])
        put(pdf, 624, [(40, "Part No: HT-9004")])
        put(pdf, 600, [(455, "Total"), (-572, "$89.60")])

    order = render(draw)
    assert order.po_date == date(2030, 10, 7)
    assert [d.value for d in order.dates] == [date(2030, 10, 15)]
    assert not any(r.field == "requested_date" for r in order.hold_reasons)
