"""Prints left held after rounds 115–120, read now, on small generated layouts (not the rounds' own PDFs): Vinsight's
'8 x Box' under 'Ordered', Fleetio's 'code - name' item cell with 'Vendor Part #: … · Case' under it, ShipServ's
'Part No: DR-3001 (Vendor)', BlueCart's 'Order #CP111301' alone under the title, Koust's 'Commande : CMD-…'."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_count_times_unit_under_ordered() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order"), (400, "PO GR-33251")])
        put(pdf, 640, [(40, "Code"), (100, "Description"), (-360, "Ordered"), (-450, "Unit Cost"), (-540, "Total")])
        put(pdf, 626, [(40, "AB-1005"), (100, "Sleeve anchor 1/2 x 4 in (box of 25)"), (-360, "8 x Box"),
                       (-450, "39.80"), (-540, "318.40")])  # fmt: skip
        put(pdf, 612, [(40, "HT-9004"), (100, "Spirit level 600 mm aluminium"), (-360, "5 x Each"), (-450, "22.40"),
                       (-540, "112.00")])  # fmt: skip
        put(pdf, 590, [(400, "Total USD"), (-540, "430.40")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines] == [
        ("AB-1005", 8, "BX"),
        ("HT-9004", 5, "EA"),
    ]
    assert order.confidence["lines"] >= CONFIDENT


def test_code_dash_name_in_the_item_cell_and_the_vendor_part_with_its_unit_under_it() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order #45-9153")])
        put(pdf, 640, [(40, "Item"), (-400, "Quantity"), (-470, "Unit Cost"), (-550, "Subtotal")])
        put(pdf, 626, [(40, "7740 - Duct tape 48 mm x 50 m silver (case of 24)"), (-400, "2.00"), (-470, "$112.00"),
                       (-550, "$224.00")])  # fmt: skip
        put(pdf, 614, [(40, "Vendor Part #: TP-7001 · Case")])
        put(pdf, 600, [(40, "GL-8001 - Nitrile gloves size L (box of 100)"), (-400, "6.00"), (-470, "$11.20"),
                       (-550, "$67.20")])  # fmt: skip
        put(pdf, 588, [(40, "Box")])
        put(pdf, 566, [(400, "Total"), (-550, "$291.20")])

    order = render(draw, letter)
    assert [(ln.buyer_part_number, ln.vendor_part_number, ln.uom, ln.description) for ln in order.lines] == [
        ("7740", "TP-7001", "CS", "Duct tape 48 mm x 50 m silver (case of 24)"),
        ("GL-8001", "GL-8001", "BX", "Nitrile gloves size L (box of 100)"),
    ]
    assert order.confidence["lines"] >= CONFIDENT


def test_a_dash_inside_a_name_is_no_code() -> None:
    """'Anchor bolt - zinc' is a name: only a code (a word with a digit) before the dash is split off."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order #45-9154")])
        put(pdf, 640, [(40, "Item"), (-400, "Quantity"), (-470, "Unit Cost"), (-550, "Subtotal")])
        put(pdf, 626, [(40, "Anchor bolt - zinc plated"), (-400, "2.00"), (-470, "$5.00"), (-550, "$10.00")])
        put(pdf, 604, [(400, "Total"), (-550, "$10.00")])

    order = render(draw, letter)
    assert [ln.description for ln in order.lines] != ["zinc plated"]
    assert all(ln.vendor_part_number != "Anchor" for ln in order.lines)


def test_part_number_marked_vendor_in_brackets_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order"), (400, "PO Ref: BL-26-7502")])
        put(pdf, 640, [(40, "No."), (64, "Description / Part No."), (-380, "Qty"), (400, "UoM"), (-490, "Unit Cost"),
                       (-560, "Line Total")])  # fmt: skip
        put(pdf, 626, [(40, "1"), (64, "HSS drill bit 6 mm"), (-380, "150.00"), (400, "Each"), (-490, "3.05"),
                       (-560, "457.50")])  # fmt: skip
        put(pdf, 614, [(64, "Part No: DR-3001 (Vendor)")])
        put(pdf, 600, [(40, "2"), (64, "Screwdriver set 6 pc"), (-380, "12.00"), (400, "Each"), (-490, "15.30"),
                       (-560, "183.60")])  # fmt: skip
        put(pdf, 588, [(64, "Part No: HT-9005 (Vendor)")])
        put(pdf, 566, [(400, "Total Cost (USD)"), (-560, "641.10")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("DR-3001", 150), ("HT-9005", 12)]
    assert [ln.description for ln in order.lines] == ["HSS drill bit 6 mm", "Screwdriver set 6 pc"]


def test_order_number_marked_with_a_glued_hash_under_the_title() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order")])
        put(pdf, 742, [(40, "Order #CP111301")])
        put(pdf, 640, [(40, "Product"), (250, "Item #"), (-380, "Qty"), (-470, "Unit Price"), (-550, "Subtotal")])
        put(
            pdf, 626, [(40, "Claw hammer 16 oz"), (250, "CP-110045"), (-380, "12"), (-470, "$16.90"), (-550, "$202.80")]
        )
        put(pdf, 604, [(400, "Order Total"), (-550, "$202.80")])

    order = render(draw, letter)
    assert order.po_number == "CP111301"
    assert order.confidence["po_number"] >= CONFIDENT


def test_commande_with_its_colon_beside_the_letterhead() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Bon de commande")])
        put(pdf, 770, [(40, "14 rue de la Charité, 69002 Lyon"), (380, "Commande : CMD-2026-8557")])
        put(pdf, 700, [(40, "Date de commande"), (200, "Livraison souhaitée")])
        put(pdf, 688, [(40, "09/12/2035"), (200, "16/12/2035")])
        put(pdf, 640, [(40, "Réf."), (100, "Désignation"), (-380, "Qté commandée"), (400, "Unité"), (-490, "PU HT"),
                       (-560, "Montant HT")])  # fmt: skip
        put(pdf, 626, [(40, "EL-6002"), (100, "Rallonge 10 m 3 prises"), (-380, "6,00"), (400, "pièce"),
                       (-490, "19,90"), (-560, "119,40")])  # fmt: skip
        put(pdf, 604, [(400, "Total HT"), (-560, "119,40 €")])

    order = render(draw, A4)
    assert order.po_number == "CMD-2026-8557"
    assert str(order.po_date) == "2035-12-09"
    assert order.lines[0].unit_price == Decimal("19.90")


def test_commande_as_a_caption_or_with_a_date_is_no_po_label() -> None:
    """'Commande du 09/12/2035' and 'Commande : 09/12/2035' name the order's date, not its number."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Bon de commande")])
        put(pdf, 770, [(40, "Commande : 09/12/2035")])
        put(pdf, 640, [(40, "Réf."), (100, "Désignation"), (-380, "Qté"), (-490, "PU HT"), (-560, "Montant HT")])
        put(pdf, 626, [(40, "EL-6002"), (100, "Rallonge 10 m 3 prises"), (-380, "6"), (-490, "19,90"),
                       (-560, "119,40")])  # fmt: skip
        put(pdf, 604, [(400, "Total HT"), (-560, "119,40 €")])

    order = render(draw, A4)
    assert order.po_number != "09/12/2035"
