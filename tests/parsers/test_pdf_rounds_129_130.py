"""What blind rounds 129–130 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
a Swiss letter's 'Bremen, 03.02.2037' over its subject 'Bestellung 4500021553' (Arcplace ALL-IN-ONE), Invera
Stratix's 'Item | Part Number / Description', BASSnet's 'Supplier part no.: MR-9501 · Acc.:
5210 Deck stores' and its 'CAS' / 'PAC' units, Sienge's 'Building site: 001 - …' over the delivery address and its
'Input' column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_a_letters_place_and_date_over_its_subject_is_the_orders_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Überseetor 14 · 28217 Bremen · Deutschland")])
        put(pdf, 760, [(330, "Bremen, 03.02.2037")])
        put(pdf, 742, [(45, "Bestellung 4500021553")])
        put(pdf, 700, [(45, "Pos."), (70, "Artikel-Nr."), (140, "Bezeichnung"), (-380, "Menge"), (390, "ME"),
                       (-480, "Preis EUR"), (-560, "Betrag EUR")])  # fmt: skip
        put(pdf, 686, [(48, "1"), (70, "AB-1001"), (140, "Ankerbolzen M12 x 120"), (-380, "200"), (390, "St"),
                       (-480, "8,60"), (-560, "1.720,00")])  # fmt: skip
        put(pdf, 666, [(400, "Total netto"), (-560, "1.720,00")])

    order = render(draw, A4)
    assert order.po_date == date(2037, 2, 3)
    assert order.confidence["po_date"] >= CONFIDENT


def test_a_part_number_over_its_description_beside_a_line_number() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "PO Number: BL-26-7802")])
        put(pdf, 700, [(43, "Item"), (66, "Part Number / Description"), (273, "Qty Ord"), (305, "UM"),
                       (400, "Price"), (423, "Per"), (460, "Extension")])  # fmt: skip
        put(pdf, 686, [(48, "1"), (66, "AB-1002"), (-300, "500"), (305, "EA"), (-418, "6.100"), (423, "EA"),
                       (-494, "3,050.00")])  # fmt: skip
        put(pdf, 676, [(70, "ANCHOR BOLT M10 X 100")])
        put(pdf, 666, [(70, "GRADE: 5.8 FINISH: ZINC PLATED")])
        put(pdf, 646, [(400, "PO Total"), (-494, "$3,050.00")])

    order = render(draw, letter)
    read = [(ln.line_number, ln.buyer_part_number or ln.vendor_part_number, ln.quantity, ln.unit_price)
            for ln in order.lines]  # fmt: skip
    assert read == [("1", "AB-1002", Decimal(500), Decimal("6.100"))]
    assert not order.hold_reasons


def test_an_account_beside_the_suppliers_part_under_a_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "PO Number: DM/26/7668")])
        put(pdf, 700, [(40, "Line"), (70, "Article No."), (150, "Article Description"), (-400, "Qty"), (410, "Unit"),
                       (-500, "Unit Price"), (-560, "Line Total")])  # fmt: skip
        put(pdf, 686, [(40, "001"), (70, "DMO-ROPE12"), (150, "MOORING LINE 12MM"), (-400, "12.00"), (410, "PCS"),
                       (-500, "32.00"), (-560, "384.00")])  # fmt: skip
        put(pdf, 676, [(150, "Supplier part no.: MR-9501 · Acc.: 5210 Deck stores")])
        put(pdf, 662, [(40, "002"), (70, "DMO-TIE300"), (150, "CABLE TIE 300 MM"), (-400, "10.00"), (410, "PAC"),
                       (-500, "8.90"), (-560, "89.00")])  # fmt: skip
        put(pdf, 652, [(150, "Supplier part no.: CX-2002 · Acc.: 5210 Deck stores")])
        put(pdf, 632, [(400, "Total"), (-560, "473.00")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.uom) for ln in order.lines] == [("MR-9501", "EA"), ("CX-2002", "PK")]


def test_a_building_sites_designation_over_the_delivery_address_is_no_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "No. BL-26-7751")])
        put(pdf, 720, [(40, "SUPPLIER"), (300, "DELIVERY ADDRESS")])
        put(pdf, 708, [(40, "Ridgeline Fastener & Tool Supply"), (300, "Building site: 001 - Main warehouse")])
        put(pdf, 696, [(40, "4400 Industrial Parkway"), (300, "Boltline Main Warehouse")])
        put(pdf, 684, [(40, "Cleveland, OH 44135 USA"), (300, "2100 Commerce Street")])
        put(pdf, 672, [(300, "Houston, TX 77002")])
        put(pdf, 630, [(40, "Item"), (70, "Input"), (120, "Description"), (-380, "Unit"), (-450, "Quantity"),
                       (-510, "Unit price"), (-570, "Total")])  # fmt: skip
        put(pdf, 616, [(44, "1"), (70, "AB-1002"), (120, "ANCHOR BOLT M10 X 100"), (-380, "EA"), (-450, "400.0000"),
                       (-510, "6.10"), (-570, "2,440.00")])  # fmt: skip
        put(pdf, 596, [(420, "Items total"), (-570, "2,440.00")])

    order = render(draw, letter)
    assert order.ship_to is not None and order.ship_to.name == "Boltline Main Warehouse"
    assert [(ln.buyer_part_number or ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("AB-1002", 400)]
