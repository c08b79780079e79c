"""What blind rounds 61–62 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Tyler Munis's captions set one letter a line down the side of a box ('V E N D O R', 'S H I P  T O'), its PO
number set right of its caption's end, and a note left of 'PO TOTAL'; Tecsys's 'PRODUCT' over 'VENDOR PRODUCT';
WinBIZ's delivery block under its caption with the left panel's lines between; Infor LX's site code beside
'SHIP TO' and its 'REQD' column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.pdf.layout import Line, Word, group_lines
from tests.parsers.test_pdf_generated import put, render


def munis(pdf: canvas.Canvas) -> None:
    put(pdf, 740, [(397, "P.O. NUMBER"), (552, "PAGE 1")])
    put(pdf, 728, [(455, "GR-39901")])
    for n, (vendor, ship) in enumerate(zip("VENDOR  ", "SHIP TO ", strict=True)):
        put(pdf, 690 - 9.5 * n, [(35, vendor), (315, ship)])
    put(pdf, 686, [(332, "Granite State Yard Concord")])
    put(pdf, 674, [(52, "RIDGELINE FASTENER & TOOL SUPPLY"), (332, "75 AIRPORT ROAD")])
    put(pdf, 662, [(52, "CLEVELAND, OH 44135"), (332, "CONCORD, NH 03301")])
    put(pdf, 600, [(35, "LINE#"), (70, "QUANTITY"), (122, "UOM"), (150, "DESCRIPTION"), (449, "UNIT PRICE"),
                   (518, "EXTENDED PRICE")])  # fmt: skip
    put(pdf, 584, [(43, "1"), (-109, "20.00"), (122, "BX"), (150, "DRYWALL SCREW 3.5 X 35 (BOX OF 1000)"),
                   (-489, "18.4000"), (-579, "368.00")])  # fmt: skip
    put(pdf, 574, [(153, "VENDOR ITEM: FS-4004")])
    put(pdf, 400, [(30, "TAX EXEMPT - NH HAS NO GENERAL SALES TAX"), (425, "PO TOTAL"), (-579, "$368.00")])


def test_munis_stacked_captions_a_number_right_of_its_caption_and_a_note_before_the_total() -> None:
    order = render(munis)
    assert order.po_number == "GR-39901"
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.address_lines, order.ship_to.postal_code) == (
        "Granite State Yard Concord",
        ["75 AIRPORT ROAD"],
        "03301",
    )
    assert order.stated_total == Decimal("368.00")
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("FS-4004", Decimal("20.00"))]


def _letters(text: str, x: float) -> list[Word]:
    return [Word(c, x, x + 5, 100 + 9.5 * n, 107 + 9.5 * n) for n, c in enumerate(text) if c != " "]


def test_only_a_known_caption_spelled_down_a_box_is_read_as_one() -> None:
    """'A B C D' down a margin (a list's bullets, a column of grades) stays as printed."""
    (line, *_) = group_lines([*_letters("SHIP TO", 315), Word("Yard", 332, 350, 104, 111)])
    assert [w.text for w in line.words] == ["SHIP", "TO"]
    kept = group_lines(_letters("ABCD", 315))
    assert [w.text for ln in kept for w in ln.words] == ["A", "B", "C", "D"]
    assert all(isinstance(ln, Line) for ln in kept)


def tecsys(pdf: canvas.Canvas) -> None:
    pdf.setFont("Helvetica", 7)
    put(pdf, 740, [(376, "P.O. NUMBER")])
    put(pdf, 730, [(376, "CP109901")])
    put(pdf, 690, [(40, "LINE"), (70, "PRODUCT"), (170, "DESCRIPTION"), (406, "QTY"), (428, "U/M"), (494, "UNIT"),
                   (534, "EXTENDED")])  # fmt: skip
    put(pdf, 681, [(40, "NO."), (70, "VENDOR PRODUCT"), (385, "ORDERED"), (491, "COST"), (553, "COST")])
    put(pdf, 664, [(50, "1"), (70, "CP-110045"), (170, "CLAW HAMMER 16 OZ FIBERGLASS HANDLE"), (411, "24 EA"),
                   (-510, "16.90"), (-572, "405.60")])  # fmt: skip
    put(pdf, 653, [(70, "HT-9001")])
    put(pdf, 620, [(400, "P.O. TOTAL (USD)"), (-572, "405.60")])


def test_tecsys_product_over_vendor_product_theirs_over_ours() -> None:
    (line,) = render(tecsys).lines
    assert (line.buyer_part_number, line.vendor_part_number, line.quantity) == ("CP-110045", "HT-9001", Decimal(24))


def test_winbiz_delivery_block_under_its_caption_past_the_left_panels_lines() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(50, "N° de commande"), (140, ": CMD-2026-9901")])
        put(pdf, 775, [(338, "Adresse de livraison")])
        put(pdf, 768, [(50, "Date"), (140, ": 02.03.2031")])
        put(pdf, 762, [(338, "Lumière Lyon Part-Dieu")])
        put(pdf, 756, [(50, "N° fournisseur"), (140, ": F-0097")])
        put(pdf, 751, [(338, "45 boulevard Vivier-Merle")])
        put(pdf, 744, [(50, "Notre contact"), (140, ": Florence Morel")])
        put(pdf, 740, [(338, "69003 Lyon")])

    order = render(draw, A4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code, order.ship_to.city) == (
        "Lumière Lyon Part-Dieu",
        "69003",
        "Lyon",
    )


def test_infor_lx_site_code_beside_ship_to_and_reqd_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Courier", 9)
        put(pdf, 740, [(434, "PO NUMBER"), (497, "DM/26/9901")])
        put(pdf, 700, [(290, "SHIP TO"), (338, "DM-TPA")])
        put(pdf, 690, [(338, "Delta Marine Tampa")])
        put(pdf, 680, [(338, "1200 CHANNELSIDE DRIVE")])
        put(pdf, 670, [(338, "TAMPA, FL 33602")])
        put(pdf, 630, [(36, "LN QTY ORDERED UM ITEM NUMBER / DESCRIPTION"), (329, "REQD"), (396, "UNIT COST"),
                       (478, "EXTENDED COST")])  # fmt: skip
        put(pdf, 612, [(36, "1"), (84, "10.00 EA DMO-ROPE12"), (329, "04/22/31"), (-439, "32.0000"), (-540, "320.00")])
        put(pdf, 602, [(132, "DOCK LINE 1/2IN X 50FT BRAIDED NAVY")])

    order = render(draw)
    assert order.ship_to is not None and order.ship_to.name == "Delta Marine Tampa"
    assert [r.value for r in order.ship_to.references] == ["DM-TPA"]
    assert [(ln.buyer_part_number, ln.requested_date) for ln in order.lines] == [("DMO-ROPE12", date(2031, 4, 22))]
