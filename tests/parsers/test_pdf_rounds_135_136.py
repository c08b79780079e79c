"""What blind rounds 135–136 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Hitachi Energy Ellipse's 'Stock Code / Description' over 'Stock Code 7740' or 'Non-stock item', its unit of issue
('UOI', 'UOP'), 'Part No: TP-7001  Mnemonic: RIDGE  Preq: R0047781-001' under each item and a delivery address
headed 'Warehouse 0043 · Attn: …'; InvenTree's 'Part | Quantity | Reference | … | Note' with a picture beside each
part's name (tall rows) and 'Target Date'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def _ellipse(captions: list[tuple[float, str]], items: list[list[list[tuple[float, str]]]]) -> object:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Purchase Order"), (400, "45-9652")])
        put(pdf, 746, [(300, "Date Raised"), (400, "07/07/2037")])
        put(pdf, 710, [(40, "Supplier"), (300, "Delivery Address")])
        put(pdf, 698, [(40, "Ridgeline Fastener & Tool Supply"), (300, "Warehouse 0043 · Attn: Store 0043 Receiving")])
        put(pdf, 686, [(40, "4400 Industrial Parkway"), (300, "Acme Hardware Columbus")])
        put(pdf, 674, [(40, "Cleveland, OH 44135"), (300, "1525 Cleveland Avenue")])
        put(pdf, 662, [(300, "Columbus, OH 43215")])
        put(pdf, 620, captions)
        y = 604.0
        for block in items:
            for line in block:
                put(pdf, y, line)
                y -= 12
        put(pdf, y - 6, [(300, "Order Total (excluding tax) USD"), (-576, "688.00")])

    return render(draw, letter)


def test_a_stock_code_over_its_name_and_the_part_number_under_it() -> None:
    order = _ellipse(
        [(36, "Item"), (62, "Stock Code / Description"), (318, "Due Date"), (380, "Quantity"), (428, "UOI"),
         (469, "Price (USD)"), (533, "Value (USD)")],
        [[[(36, "001"), (62, "Stock Code 7740"), (318, "07/21/2037"), (-420, "4.00"), (428, "CS"), (-510, "112.0000"),
           (-576, "448.00")], [(62, "TAPE, DUCT;")], [(62, "48MM X 50M SILVER, CASE 24")],
          [(62, "Part No: TP-7001 Mnemonic: RIDGE Preq: R0047781-001")]],
         [[(36, "002"), (62, "Non-stock item"), (318, "07/21/2037"), (-420, "120.00"), (428, "RL"), (-510, "2.0000"),
           (-576, "240.00")], [(62, "TAPE, MASKING;")], [(62, "24MM X 50M")],
          [(62, "Part No: TP-7002 Mnemonic: RIDGE Preq: R0047781-002")]]],
    )  # fmt: skip
    read = [(ln.vendor_part_number, ln.quantity, ln.uom, ln.unit_price) for ln in order.lines]
    assert read == [("TP-7001", 4, "CS", Decimal("112.0000")), ("TP-7002", 120, "RL", Decimal("2.0000"))]
    assert order.confidence["lines"] >= CONFIDENT
    assert [ln.requested_date for ln in order.lines] == [date(2037, 7, 21)] * 2


def test_the_customers_stock_code_beside_the_part_number_under_it() -> None:
    """A separate 'Stock Code' column holds the customer's code (7731), the part number under the name ours; a
    non-stock line prints 'N/S' and only the part number names it."""
    order = _ellipse(
        [(36, "Item"), (62, "Stock Code"), (110, "Description"), (330, "Quantity"), (370, "UOP"), (420, "Unit Price"),
         (500, "Net Value")],
        [[[(36, "001"), (62, "7731"), (110, "VALVE, BALL;"), (-360, "6"), (370, "CS"), (-470, "54.00"),
           (-576, "324.00")], [(110, "1/2IN BRASS FULL PORT, CASE OF 10")],
          [(110, "Part No: PL-5003 Mnemonic: RIDGE Preq: R0047715-001")]],
         [[(36, "002"), (62, "N/S"), (110, "TAPE, MEASURING;"), (-360, "40"), (370, "EA"), (-470, "9.10"),
           (-576, "364.00")], [(110, "5M / 16FT, 25MM BLADE")],
          [(110, "Part No: HT-9002 Mnemonic: RIDGE Preq: R0047715-002")]]],
    )  # fmt: skip
    read = [(ln.buyer_part_number, ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines]
    assert read == [("7731", "PL-5003", 6, "CS"), ("HT-9002", "HT-9002", 40, "EA")]
    assert order.confidence["lines"] >= CONFIDENT  # (the core holds 7731 naming another item than PL-5003)


def test_a_delivery_address_headed_by_the_sites_code_and_whom_to_tell() -> None:
    order = _ellipse(
        [(36, "Item"), (62, "Stock Code"), (110, "Description"), (330, "Quantity"), (420, "Unit Price"),
         (500, "Net Value")],
        [[[(36, "001"), (62, "7731"), (110, "Ball valve"), (-360, "6"), (-470, "54.00"), (-576, "324.00")]]],
    )  # fmt: skip
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Acme Hardware Columbus", "43215")
    assert [r.value for r in order.ship_to.references] == ["0043"]


def _inventree(note: str) -> object:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(90, "Purchase Order"), (330, "Issue Date"), (400, "2037-08-04")])
        put(pdf, 746, [(90, "BL-26-7961"), (330, "Target Date"), (400, "2037-08-14")])
        put(pdf, 700, [(40, "Ship To")])
        put(pdf, 688, [(40, "Boltline Main Warehouse")])
        put(pdf, 676, [(40, "1415 Franklin Street")])
        put(pdf, 664, [(40, "Houston, TX 77002")])
        put(pdf, 620, [(61, "Part"), (251, "Quantity"), (301, "Reference"), (363, "Unit Price"), (427, "Total Price"),
                       (497, "Note")])  # fmt: skip
        rows = [("Anchor Bolt M10x100 ZP", "400", "", "$6.10", "$2,440.00", "AB-1002"),
                ("Drill Bit HSS 6mm Jobber", "120", "REQ-3381", "$3.05", "$366.00", "DR-3001"),
                ("Anchor Bolt M8x80 ZP", "300", "-", "$3.95", "$1,185.00", "AB-1003")]  # fmt: skip
        y = 600.0
        for name, qty, ref, price, amount, sku in rows:  # a picture beside each name: 56 pt a row
            put(pdf, y, [(113, name), (251, qty), (301, ref), (363, price), (427, amount)])
            put(pdf, y - 12, [(113, f"SKU: {sku}")])
            if sku == "AB-1003":
                put(pdf, y, [(497, "Ship with")])
                put(pdf, y - 12, [(497, note)])
            y -= 56
        put(pdf, y, [(363, "Total"), (427, "$3,991.00")])

    return render(draw, letter)


def test_a_part_column_with_pictures_its_sku_under_the_name_and_the_lines_own_reference() -> None:
    order = _inventree("lines 1-2")
    read = [(ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines]
    assert read == [
        ("AB-1002", 400, Decimal("6.10"), Decimal("2440.00")),
        ("DR-3001", 120, Decimal("3.05"), Decimal("366.00")),
        ("AB-1003", 300, Decimal("3.95"), Decimal("1185.00")),
    ]
    assert order.confidence["lines"] >= CONFIDENT
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2037, 8, 14))]
