"""What blind rounds 113–116 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Wafeq's 'SKU: 7740' under its row, a code of digits alone with its label (the customer's number); The Edge's
'Style # | Vendor Style #'; Optisoft.NET's 'Items on order: 4   Goods: $569.00'; PioneerRx's 'Ship To Store';
Loco-Soft's 'Teile-Nr.'; LGPI's 'Réf. : EL-6002 EAN 0614141101719' under the name."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_a_labelled_code_of_digits_under_its_row_is_no_row() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "Purchase Order")])
        put(pdf, 740, [(380, "Number"), (460, "45-8901")])
        put(pdf, 728, [(380, "Date"), (460, "2035-07-05")])
        put(pdf, 640, [(43, "Item"), (297, "Quantity"), (335, "Unit"), (414, "Rate"), (469, "Tax"), (539, "Amount")])
        put(pdf, 626, [(43, "Duct tape 48 mm x 50 m silver (case of 24)"), (-329, "4.00"), (335, "Case"),
                       (-431, "112.00"), (-483, "0.00"), (-569, "448.00")])  # fmt: skip
        put(pdf, 615, [(43, "SKU: 7740")])
        put(pdf, 600, [(43, "Cable tie 300 mm UV black (pack of 100)"), (-329, "12.00"), (335, "Pack"),
                       (-431, "8.90"), (-483, "0.00"), (-569, "106.80")])  # fmt: skip
        put(pdf, 589, [(43, "SKU: CX-2002")])
        put(pdf, 560, [(400, "Total (USD)"), (-569, "554.80")])

    order = render(draw, letter)
    codes = [ln.vendor_part_number or ln.buyer_part_number for ln in order.lines]
    assert codes == ["7740", "CX-2002"]
    assert [ln.quantity for ln in order.lines] == [4, 12]
    assert (order.lines[0].description or "").startswith("Duct tape")


def test_style_and_vendor_style_columns() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "Purchase Order")])
        put(pdf, 740, [(380, "P.O. #:"), (460, "45-8950")])
        put(pdf, 640, [(40, "Style #"), (95, "Vendor Style #"), (170, "Description"), (417, "Qty"),
                       (464, "Unit Cost"), (537, "Ext. Cost")])  # fmt: skip
        put(pdf, 626, [(40, "7731"), (95, "PL-5003"), (170, "Ball valve 1/2 in brass"), (-430, "4"), (-500, "54.00"),
                       (-572, "216.00")])  # fmt: skip
        put(pdf, 614, [(95, "HT-9002"), (170, "Tape measure 5 m"), (-430, "24"), (-500, "9.20"), (-572, "220.80")])
        put(pdf, 590, [(464, "Total Cost:"), (-572, "$436.80")])

    order = render(draw, letter)
    assert [(ln.buyer_part_number, ln.vendor_part_number) for ln in order.lines] == [
        ("7731", "PL-5003"),
        (None, "HT-9002"),
    ]


def test_a_count_and_the_goods_total_on_one_line_end_the_rows() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "SUPPLIER ORDER")])
        put(pdf, 740, [(40, "Order No: DM/26/7251")])
        put(pdf, 640, [(48, "Qty"), (80, "Code"), (150, "Description"), (420, "Cost"), (500, "Total")])
        put(pdf, 626, [(-62, "100"), (80, "DMO-TAPE-E"), (150, "Electrical tape 19 mm"), (-445, "$1.10"),
                       (-530, "$110.00")])  # fmt: skip
        put(pdf, 614, [(-62, "24"), (80, "HT-9003"), (150, "Utility knife"), (-445, "$6.25"), (-530, "$150.00")])
        put(pdf, 596, [(40, "Items on order: 2"), (400, "Goods:"), (-530, "$260.00")])
        put(pdf, 584, [(400, "Carriage:"), (-530, "$0.00")])
        put(pdf, 560, [(40, "Please confirm receipt of this order and advise of any items on back order.")])
        put(pdf, 548, [(400, "Order Total:"), (-530, "$260.00")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("DMO-TAPE-E", 100), ("HT-9003", 24)]
    assert order.stated_total == 260


def test_ship_to_store() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "Purchase Order")])
        put(pdf, 740, [(40, "PO #"), (120, "Created")])
        put(pdf, 728, [(40, "CP111203"), (120, "10/01/2035")])
        put(pdf, 700, [(40, "Wholesaler"), (200, "Ship To Store"), (360, "Bill To")])
        put(pdf, 688, [(40, "Ridgeline Fastener & Tool Supply"), (200, "Cedar & Pine Portland"),
                       (360, "Cedar & Pine Home Centers")])  # fmt: skip
        put(pdf, 676, [(40, "4400 Industrial Parkway"), (200, "1420 SE Grand Avenue"), (360, "Store Support Center")])
        put(pdf, 664, [(40, "Cleveland, OH 44135"), (200, "Portland, OR 97201"), (360, "8800 SW Nimbus Avenue")])
        put(pdf, 652, [(200, "Receiving: Dock 2"), (360, "Beaverton, OR 97008")])
        put(pdf, 620, [(40, "Item #"), (120, "Description"), (-380, "Qty"), (400, "U/M"), (-470, "Cost"),
                       (-550, "Ext. Cost")])  # fmt: skip
        put(pdf, 606, [(40, "CP-110045"), (120, "Claw hammer 16 oz"), (-380, "12"), (400, "EA"), (-470, "16.90"),
                       (-550, "202.80")])  # fmt: skip
        put(pdf, 580, [(440, "PO Total"), (-550, "$202.80")])

    order = render(draw, letter)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code, order.ship_to.city) == (
        "Cedar & Pine Portland",
        "97201",
        "Portland",
    )


def test_teile_nr_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Bestell-Nr.: 4500020861")])
        put(pdf, 640, [(59, "Pos"), (89, "Teile-Nr."), (161, "Bezeichnung"), (340, "Menge"), (383, "ME"),
                       (444, "EK-Preis"), (495, "Betrag")])  # fmt: skip
        put(pdf, 626, [(59, "1"), (89, "CX-2002"), (161, "Cable tie 300 mm UV black"), (-379, "30"), (383, "Pak"),
                       (-477, "8,20"), (-539, "246,00")])  # fmt: skip
        put(pdf, 600, [(375, "Summe netto"), (-539, "246,00")])

    order = render(draw, A4)
    assert [ln.vendor_part_number for ln in order.lines] == ["CX-2002"]


def test_a_code_line_with_the_items_barcode_after_it() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "BON DE COMMANDE")])
        put(pdf, 745, [(300, "N° commande : CMD-2026-8456")])
        put(pdf, 640, [(40, "Désignation / Réf."), (270, "Qté"), (300, "UV"), (430, "Prix achat HT"),
                       (510, "Total HT")])  # fmt: skip
        put(pdf, 626, [(40, "Extension cord 10 m 3-outlet"), (-282, "12"), (300, "pièce"), (-480, "19,90 €"),
                       (-550, "238,80 €")])  # fmt: skip
        put(pdf, 615, [(40, "Réf. : EL-6002 EAN 0614141101719")])
        put(pdf, 600, [(40, "Duplex receptacle 15 A white"), (-282, "250"), (300, "pièce"), (-480, "1,80 €"),
                       (-550, "450,00 €")])  # fmt: skip
        put(pdf, 589, [(40, "Réf. : EL-6004")])
        put(pdf, 560, [(440, "Total HT"), (-550, "688,80 €")])

    order = render(draw, A4)
    assert [ln.vendor_part_number for ln in order.lines] == ["EL-6002", "EL-6004"]
    assert (order.lines[0].description or "") == "Extension cord 10 m 3-outlet"


def test_ship_to_store_with_the_stores_number_beside_it() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "PO Number: CP108301"), (400, "SHIP TO STORE #101")])
        put(pdf, 748, [(40, "PO Date: 10/02/29"), (400, "Cedar & Pine Portland")])
        put(pdf, 736, [(400, "1420 NW Lovejoy Street")])
        put(pdf, 724, [(400, "Portland, OR 97201")])
        put(pdf, 640, [(40, "SKU"), (110, "Description"), (-380, "Qty"), (400, "UM"), (-470, "Cost"),
                       (-550, "Ext Cost")])  # fmt: skip
        put(pdf, 626, [(40, "CP-110045"), (110, "Claw hammer 16 oz"), (-380, "12"), (400, "EA"), (-470, "16.90"),
                       (-550, "202.80")])  # fmt: skip
        put(pdf, 600, [(440, "Total Cost:"), (-550, "202.80")])

    order = render(draw, letter)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Cedar & Pine Portland", "97201")
    assert [r.value for r in order.ship_to.references] == ["#101"]
