"""What blind rounds 105–106 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
DiveShop360's 'Order: 45-8657' alone under the title and 'STATUS' over 'Ordered'; Reckon's 'Hand Tools:CP-110046'
items and its 'Expected' column of dates; Smartup's 'Warehouse:' over a 'Delivery address:' that prints the street
alone, and its 'Consignee (delivery point)'; Current RMS's groups of rows, each with its own total and the next
group's name after it, and its 'Product code: CX-2003 · Purchase' under each name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _diveshop(pdf: canvas.Canvas, number: str) -> None:
    pdf.setFont("Helvetica-Bold", 16)
    put(pdf, 750, [(-572, "Purchase Order")])
    pdf.setFont("Helvetica", 9)
    put(pdf, 740, [(74, "Acme Hardware Co.")])
    put(pdf, 728, [(74, "200 Commerce Park Drive, Springfield, OH 45502")])
    put(pdf, 722, [(-572, number)])
    put(pdf, 700, [(40, "ORDER DATE"), (160, "STATUS"), (280, "EXPECTED ON"), (400, "EMPLOYEE")])
    put(pdf, 688, [(40, "Dec 5, 2034"), (160, "Ordered"), (280, "Dec 15, 2034"), (400, "Dana Walsh")])
    put(pdf, 660, [(40, "SHIP TO")])
    put(pdf, 648, [(40, "Acme Hardware Dayton")])
    put(pdf, 636, [(40, "1180 Wayne Avenue")])
    put(pdf, 624, [(40, "Dayton, OH 45402")])
    put(pdf, 590, [(40, "#"), (60, "Item"), (130, "Description"), (-380, "Qty"), (-470, "Unit Cost"),
                   (-560, "Ext. Cost")])  # fmt: skip
    put(pdf, 576, [(40, "1"), (60, "AB-1001"), (130, "Anchor bolt M12 x 120"), (-380, "40"), (-470, "$9.25"),
                   (-560, "$370.00")])  # fmt: skip
    put(pdf, 540, [(480, "Total"), (-560, "$370.00")])


def test_order_alone_under_the_title_is_its_number_and_a_status_is_no_date_label() -> None:
    order = render(lambda pdf: _diveshop(pdf, "Order: 45-8657"), letter)
    assert order.po_number == "45-8657" and order.confidence["po_number"] >= CONFIDENT
    # 'STATUS' over 'Ordered': the order's state, not a label of the expected date beside it
    assert order.po_date == date(2034, 12, 5) and order.confidence["po_date"] >= CONFIDENT
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2034, 12, 15)]


def test_order_with_a_word_beside_it_is_still_no_number() -> None:
    order = render(lambda pdf: _diveshop(pdf, "Order: Standard 45-8657"), letter)
    assert order.po_number != "45-8657" or order.confidence["po_number"] < CONFIDENT


def test_an_items_category_before_its_code_and_an_expected_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(421, "Purchase Order")])
        put(pdf, 700, [(421, "Date"), (490, "P.O. No.")])
        put(pdf, 688, [(421, "12/04/2034"), (490, "CP110908")])
        put(pdf, 600, [(96, "Item"), (237, "Description"), (361, "Expected"), (420, "Qty"), (452, "U/M"),
                       (488, "Rate"), (530, "Amount")])  # fmt: skip
        put(pdf, 582, [(44, "Gloves:CP-440120"), (174, "Leather work gloves XL"), (366, "12/16/2034"), (-441, "24"),
                       (464, "pr"), (-516, "8.60"), (-568, "206.40")])  # fmt: skip
        put(pdf, 567, [(44, "Hand Tools:CP-110046"), (174, "Tape measure 5 m"), (366, "12/16/2034"), (-441, "18"),
                       (462, "ea"), (-516, "9.70"), (-568, "174.60")])  # fmt: skip
        put(pdf, 520, [(480, "Total"), (-568, "$381.00")])

    order = render(draw, letter)
    assert [ln.vendor_part_number for ln in order.lines] == ["CP-440120", "CP-110046"]
    assert [ln.requested_date for ln in order.lines] == [date(2034, 12, 16)] * 2
    assert not order.hold_reasons


def _smartup(pdf: canvas.Canvas, site: str) -> None:
    put(pdf, 760, [(150, "PURCHASE ORDER  No. GR-32901")])
    put(pdf, 740, [(200, "dated 02.11.2034")])
    put(pdf, 700, [(40, "Supplier:"), (110, "Ridgeline Fastener & Tool Supply, 4400 Industrial Parkway, Cleveland")])
    put(pdf, 687, [(40, "Buyer:"), (110, "Granite State Builders Inc., 48 Elm Street, Manchester, NH 03101")])
    put(pdf, 674, [(40, site), (110, "Granite State Yard Concord")])
    put(pdf, 661, [(40, "Delivery address:"), (120, "75 Airport Road, Concord, NH 03301")])
    put(pdf, 648, [(40, "Delivery date:"), (120, "13.11.2034")])
    put(pdf, 600, [(40, "No."), (70, "Product"), (250, "Code"), (310, "Unit"), (350, "Qty"), (400, "Price"),
                   (470, "Amount")])  # fmt: skip
    put(pdf, 586, [(45, "1"), (70, "Drywall screw 3.5 x 35"), (250, "FS-4004"), (310, "box"), (-370, "30"),
                   (-430, "18.40"), (-510, "552.00")])  # fmt: skip
    put(pdf, 560, [(420, "Total:"), (-510, "552.00")])


def test_a_warehouse_names_the_street_alone_under_it_unsure() -> None:
    order = render(lambda pdf: _smartup(pdf, "Warehouse:"), A4)
    assert order.ship_to is not None
    ship_to = order.ship_to
    assert (ship_to.name, ship_to.address_lines, ship_to.city, ship_to.postal_code) == (
        "Granite State Yard Concord",
        ["75 Airport Road"],
        "Concord",
        "03301",
    )
    # (not sure: the warehouse may be the buyer's stock site over a job site in its town, review 25)
    assert order.confidence["ship_to"] < CONFIDENT


def test_a_street_alone_with_no_place_over_it_is_not_sure() -> None:
    order = render(lambda pdf: _smartup(pdf, "Contract:"), A4)
    assert order.ship_to is not None
    assert order.ship_to.name is None and order.ship_to.postal_code == "03301"
    assert order.confidence["ship_to"] < CONFIDENT


def test_consignee_delivery_point_is_one_caption() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(150, "PURCHASE ORDER  No. GR-32902")])
        put(pdf, 720, [(40, "Supplier"), (300, "Consignee (delivery point)")])
        put(pdf, 708, [(40, "Ridgeline Fastener & Tool Supply"), (300, "Granite State Yard Nashua")])
        put(pdf, 696, [(40, "4400 Industrial Parkway"), (300, "160 Northeastern Boulevard")])
        put(pdf, 684, [(40, "Cleveland, OH 44135"), (300, "Nashua, NH 03060")])
        put(pdf, 600, [(40, "No."), (70, "Code"), (150, "Name of goods"), (350, "Qty"), (400, "Price"),
                       (470, "Amount")])  # fmt: skip
        put(pdf, 586, [(45, "1"), (70, "HT-9004"), (150, "Spirit level 600 mm"), (-370, "4"), (-430, "22.40"),
                       (-510, "89.60")])  # fmt: skip
        put(pdf, 560, [(420, "Total:"), (-510, "89.60")])

    order = render(draw, A4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Granite State Yard Nashua", "03060")


def _groups(pdf: canvas.Canvas, first_total: str) -> None:
    put(pdf, 740, [(421, "Purchase Order"), (40, "Purchase Order No."), (160, "BL-26-7104")])
    put(pdf, 640, [(43, "Item"), (342, "Quantity"), (402, "Unit Price"), (550, "Total")])
    put(pdf, 626, [(43, "Plumbing")])
    put(pdf, 610, [(43, "Copper elbow 15 mm 90 degree"), (-374, "300"), (-439, "2.85"), (-569, "855.00")])
    put(pdf, 599, [(43, "Product code: PL-5002 · Purchase")])
    put(pdf, 585, [(43, "Pipe clamp 22 mm (pack of 10)"), (-374, "40"), (-439, "7.45"), (-569, "298.00")])
    put(pdf, 574, [(43, "Product code: PL-5005 · Purchase")])
    put(pdf, 560, [(-569, first_total)])
    put(pdf, 544, [(43, "Electrical Supplies")])
    put(pdf, 530, [(43, "Duplex receptacle 15 A white"), (-374, "200"), (-439, "1.95"), (-569, "390.00")])
    put(pdf, 519, [(43, "Product code: EL-6004 · Purchase")])
    put(pdf, 505, [(-569, "Electrical Supplies total: 390.00")])
    put(pdf, 480, [(440, "Total (USD)"), (-569, "$1,543.00")])


def test_each_groups_total_and_the_next_groups_name_between_the_rows() -> None:
    order = render(lambda pdf: _groups(pdf, "Plumbing total: 1,153.00"), letter)
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [
        ("PL-5002", "Copper elbow 15 mm 90 degree"),
        ("PL-5005", "Pipe clamp 22 mm (pack of 10)"),
        ("EL-6004", "Duplex receptacle 15 A white"),
    ]
    assert order.stated_total == Decimal("1543.00") and not order.hold_reasons


def test_a_groups_total_that_is_not_its_rows_sum_ends_the_table() -> None:
    order = render(lambda pdf: _groups(pdf, "Plumbing total: 1,135.00"), letter)
    assert order.hold_reasons  # the rows after it are not read, and the order holds
