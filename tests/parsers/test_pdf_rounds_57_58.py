"""What blind rounds 57–58 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Sage 100 Contractor's 'Part#'; FieldEdge's 'Work Order #' beside the PO number; BusinessVision's code of
capitals and dashes over its description; Greentree's 'Net Total', 'Disc %' and 'Item: … Supp. Item: …' under a
line; Exchequer's captions on two lines with the header row the upper one; Monitor's 'à-Preis' and 'Artikel /
Benennung'; Robaws's 'Code article : …'."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_a_part_caption_with_its_hash_set_close_names_the_item_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(439, "P.O. Number"), (526, "Date")])
        put(pdf, 728, [(435, "BL-26-9901"), (511, "11/03/2030")])
        put(pdf, 690, [(43, "Description"), (265, "Part#"), (350, "Quantity"), (391, "Unit"), (469, "Price"),
                       (532, "Extended")])  # fmt: skip
        put(pdf, 672, [(43, "Anchor bolt M10 x 100 zinc plated"), (265, "AB-1002"), (-385, "500.00"), (391, "ea"),
                       (-489, "6.10"), (-569, "3,050.00")])  # fmt: skip
        put(pdf, 640, [(456, "Total"), (-569, "3,050.00")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines] == [
        ("AB-1002", Decimal("500.00"), "EA")
    ]


def test_a_work_order_number_is_not_a_second_po_number() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(437, "Purchase Order")])
        put(pdf, 722, [(440, "PO #: 45-9901")])
        put(pdf, 708, [(427, "PO Date: 11/04/2030")])
        put(pdf, 694, [(409, "Work Order #: WO-10118")])
        put(pdf, 650, [(63, "Qty"), (90, "Item #"), (161, "Description"), (449, "Unit Cost"), (549, "Total")])
        put(pdf, 634, [(-80, "24.00"), (90, "HT-9002"), (161, "Tape measure 5 m"), (-487, "9.20"), (-569, "220.80")])

    order = render(draw)
    assert order.po_number == "45-9901" and order.confidence["po_number"] >= CONFIDENT


def test_a_code_of_capitals_and_dashes_alone_over_its_description_is_the_item() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(440, "P.O. No.: DM/26/9901")])
        put(pdf, 690, [(77, "Qty")])
        put(pdf, 685, [(97, "Unit"), (137, "Item No. / Description"), (460, "Price"), (519, "Ext. Amount")])
        put(pdf, 680, [(58, "Ordered")])
        put(pdf, 664, [(-91, "50"), (97, "RL"), (137, "DMO-TAPE-E"), (-481, "1.10"), (-569, "55.00")])
        put(pdf, 653, [(137, "Electrical tape 19 mm x 20 m black")])
        put(pdf, 637, [(-91, "6"), (97, "EA"), (137, "DMO-ROPE12"), (-481, "32.00"), (-569, "192.00")])
        put(pdf, 626, [(137, "Mooring line 12 mm x 15 m braided")])
        put(pdf, 600, [(450, "P.O. Total"), (-569, "247.00")])

    order = render(draw)
    assert [(ln.buyer_part_number, ln.quantity, ln.description) for ln in order.lines] == [
        ("DMO-TAPE-E", Decimal("50"), "Electrical tape 19 mm x 20 m black"),
        ("DMO-ROPE12", Decimal("6"), "Mooring line 12 mm x 15 m braided"),
    ]


def test_a_description_made_of_capitals_and_dashes_is_not_taken_for_a_code() -> None:
    """Only a code alone on the row's first line, its name under it, is read so: 'T-BOLT' in a sentence is text."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(440, "P.O. No.: DM/26/9902")])
        put(pdf, 690, [(58, "Qty"), (97, "Unit"), (137, "Item No."), (220, "Description"), (460, "Price"),
                       (519, "Amount")])  # fmt: skip
        put(pdf, 674, [(-70, "6"), (97, "EA"), (137, "MR-9501"), (220, "T-BOLT CLAMP stainless"), (-481, "32.00"),
                       (-569, "192.00")])  # fmt: skip

    (line,) = render(draw).lines
    assert (line.buyer_part_number or line.vendor_part_number, line.description) == (
        "MR-9501",
        "T-BOLT CLAMP stainless",
    )


def test_greentree_net_total_disc_and_both_codes_under_a_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(440, "Order No."), (500, "CP109901")])
        put(pdf, 690, [(44, "Line"), (74, "Description"), (343, "Order Qty"), (390, "Unit"), (420, "Unit Cost"),
                       (474, "Disc %"), (534, "Net Total")])  # fmt: skip
        put(pdf, 672, [(44, "1"), (74, "GLOVE LEATHER WORK XL"), (-376, "48.00"), (390, "PAIR"), (-455, "8.60"),
                       (-500, "0.00"), (-568, "412.80")])  # fmt: skip
        put(pdf, 661, [(74, "Item: CP-440120 Supp. Item: GL-8002")])
        put(pdf, 630, [(422, "Order Total (USD)"), (-568, "412.80")])

    (line,) = render(draw).lines
    assert (line.buyer_part_number, line.vendor_part_number, line.unit_price, line.amount) == (
        "CP-440120",
        "GL-8002",
        Decimal("8.60"),
        Decimal("412.80"),
    )


def test_captions_on_two_lines_read_from_the_upper_line_of_a_full_header() -> None:
    """Exchequer: 'Qty  Stock Code  Supplier  Description  Unit  Tax  Net' over 'Part No.  Price  Code  Amount' —
    the upper line is a header by itself, but only read with the lower one does it have a unit price."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(420, "Order No."), (480, "45-9901")])
        put(pdf, 690, [(67, "Qty"), (88, "Stock Code"), (148, "Supplier"), (208, "Description"), (428, "Unit"),
                       (458, "Tax"), (555, "Net")])  # fmt: skip
        put(pdf, 680, [(148, "Part No."), (424, "Price"), (458, "Code"), (538, "Amount")])
        put(pdf, 664, [(-80, "24.00"), (88, "7731"), (148, "PL-5003"), (208, "Ball valve 1/2 in brass"),
                       (-444, "54.00"), (462, "Z"), (-568, "1,296.00")])  # fmt: skip
        put(pdf, 630, [(418, "Order Total"), (-568, "1,296.00")])

    (line,) = render(draw).lines
    assert (line.vendor_part_number, line.quantity, line.unit_price, line.amount) == (
        "PL-5003",
        Decimal("24.00"),
        Decimal("54.00"),
        Decimal("1296.00"),
    )


def test_monitor_a_preis_and_artikel_benennung() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(330, "Bestellnummer"), (420, "4500019901")])
        put(pdf, 700, [(61, "Pos"), (102, "Menge"), (135, "Einh."), (175, "Artikel / Benennung"), (359, "Lieferdatum"),
                       (428, "à-Preis"), (493, "Summe EUR")])  # fmt: skip
        put(pdf, 684, [(61, "1"), (-127, "24,00"), (131, "Stück"), (175, "600-7001"), (359, "19.12.2030"),
                       (-455, "16,40"), (-541, "393,60")])  # fmt: skip
        put(pdf, 674, [(175, "Latthammer 16 oz Fiberglasstiel")])
        put(pdf, 640, [(330, "Summe netto"), (-541, "393,60")])

    (line,) = render(draw, A4).lines
    assert (line.buyer_part_number, line.quantity, line.uom, line.unit_price, line.description) == (
        "600-7001",
        Decimal("24.00"),
        "EA",
        Decimal("16.40"),
        "Latthammer 16 oz Fiberglasstiel",
    )


def test_robaws_code_article_under_a_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(400, "N° CMD-2026-9901")])
        put(pdf, 700, [(49, "#"), (71, "Description"), (311, "Quantité"), (375, "Prix unit."), (433, "TVA"),
                       (527, "Total")])  # fmt: skip
        put(pdf, 684, [(49, "1"), (71, "Ruban de masquage 24 mm x 50 m"), (-343, "144,00 rouleau"), (-404, "2,20 €"),
                       (-449, "20 %"), (-541, "316,80 €")])  # fmt: skip
        put(pdf, 673, [(71, "Code article : TP-7002")])
        put(pdf, 640, [(358, "Total HTVA"), (-537, "316,80 €")])

    (line,) = render(draw, A4).lines
    assert (line.vendor_part_number or line.buyer_part_number, line.quantity, line.uom, line.unit_price) == (
        "TP-7002",
        Decimal("144.00"),
        "RL",
        Decimal("2.20"),
    )
