"""What blind rounds 81–82 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Deskera's 'Product ID:' and PrintLogic's 'Stock Code:' under a line, Agvance's 'Qty Unit' over 'Ordered'
beside 'Unit' / 'Ext' over 'Cost', Ramco's 'Item Code / Description' over 'No. Variant' with its 'AB-1005 / ##',
BORM's 'Liefertermin: KW 50 / 10.12.2032', and TopSolid's yearless 'Délai' under the order's delivery date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_product_id_and_stock_code_under_a_line_are_its_item() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 720, [(40, "PO No."), (140, "45-7862")])
        put(pdf, 600, [(40, "No. Products"), (262, "Qty Unit"), (340, "Rate"), (420, "Amount (USD)")])
        put(pdf, 585, [(40, "1"), (52, "Duct tape 48 mm x 50 m silver"), (-275, "4"), (280, "Case"),
                       (-362, "112.00"), (-470, "448.00")])  # fmt: skip
        put(pdf, 574, [(52, "Product ID: 7740")])
        put(pdf, 560, [(40, "2"), (52, "Leather work gloves size XL"), (-275, "60"), (280, "Pair"),
                       (-362, "8.60"), (-470, "516.00")])  # fmt: skip
        put(pdf, 549, [(52, "Stock Code: CP-440120")])
        put(pdf, 525, [(340, "Total (USD)"), (-470, "964.00")])

    order = render(draw)
    assert [ln.vendor_part_number or ln.buyer_part_number for ln in order.lines] == ["7740", "CP-440120"]
    assert [ln.description for ln in order.lines] == ["Duct tape 48 mm x 50 m silver", "Leather work gloves size XL"]


def test_a_stacked_caption_whose_last_word_stands_alone_is_its_own_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 720, [(40, "PO Number:"), (140, "DM/26/6324")])
        pdf.setFont("Helvetica-Bold", 8)
        put(pdf, 600, [(71, "Qty"), (88, "Unit"), (118, "Product"), (192, "Vendor"), (248, "Description"),
                       (468, "Unit"), (562, "Ext")])  # fmt: skip
        put(pdf, 590.5, [(53, "Ordered"), (118, "ID"), (192, "Product"), (466, "Cost"), (556, "Cost")])
        pdf.setFont("Helvetica", 8.5)
        put(pdf, 573, [(-84, "24.00"), (88, "EA"), (118, "DMO-FEND826"), (192, "MR-9502"),
                       (248, "Boat fender 8 x 26 in white"), (-484, "25.9000"), (-574, "621.60")])  # fmt: skip
        put(pdf, 556, [(-84, "12.00"), (88, "EA"), (118, "HT-9002"), (248, "Tape measure 5 m"), (-484, "9.7000"),
                       (-574, "116.40")])  # fmt: skip
        put(pdf, 530, [(400, "PO Total:"), (-574, "$738.00")])

    order = render(draw)
    assert [(ln.quantity, ln.uom, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("24.00"), "EA", Decimal("25.9000"), Decimal("621.60")),
        (Decimal("12.00"), "EA", Decimal("9.7000"), Decimal("116.40")),
    ]
    assert [ln.vendor_part_number for ln in order.lines] == ["MR-9502", "HT-9002"]
    assert order.lines[0].description == "Boat fender 8 x 26 in white"


def test_a_variant_caption_under_the_item_and_an_empty_variant_after_the_code() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 720, [(40, "PO Number"), (120, ": GR-32153")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 600, [(43, "Sl."), (63, "Item Code /"), (137, "Description"), (315, "Quantity"), (353, "Purchase"),
                       (432, "Cost"), (521, "Line")])  # fmt: skip
        put(pdf, 590, [(42, "No."), (63, "Variant"), (361, "UOM"), (420, "Per Unit"), (508, "Amount")])
        pdf.setFont("Helvetica", 7.5)
        put(pdf, 574, [(46, "1"), (63, "AB-1005 / ##"), (137, "Sleeve anchor 1/2 x 4 in"), (-345, "8.00"),
                       (364, "Box"), (-449, "39.80"), (-536, "318.40")])  # fmt: skip
        put(pdf, 563, [(137, "Tax Category: Exempt   Warehouse: Nashua")])
        put(pdf, 547, [(46, "2"), (63, "DR-3010 / ##"), (137, "Masonry drill bit set 5 pc"), (-345, "6.00"),
                       (363, "Nos"), (-449, "18.90"), (-536, "113.40")])  # fmt: skip
        put(pdf, 520, [(380, "PO Value :"), (-536, "USD 431.80")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines] == [
        ("AB-1005", Decimal("8.00"), Decimal("39.80")),
        ("DR-3010", Decimal("6.00"), Decimal("18.90")),
    ]
    assert order.confidence["lines"] >= 0.9


def test_a_calendar_week_then_its_day_after_a_slash() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 770, [(360, "Bestell-Nr."), (440, "4500019150")])
        put(pdf, 756, [(360, "Bestelldatum"), (440, "02.12.2032")])
        put(pdf, 700, [(40, "Lieferanschrift:"), (300, "Liefertermin:"), (380, "KW 50 / 10.12.2032")])
        put(pdf, 689, [(40, "Hansa Lager Bremen")])
        put(pdf, 640, [(40, "Pos."), (70, "Artikel"), (140, "Bezeichnung"), (330, "Menge"), (380, "ME"),
                       (420, "E-Preis"), (510, "Gesamt")])  # fmt: skip
        put(pdf, 625, [(40, "10"), (70, "AB-1001"), (140, "Ankerbolzen M12 x 120"), (-355, "200"), (380, "St"),
                       (-450, "8,60"), (-540, "1.720,00")])  # fmt: skip
        put(pdf, 600, [(420, "Nettobetrag"), (-540, "1.720,00")])

    order = render(draw, A4)
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2032, 12, 10)]
    assert not order.hold_reasons


def test_a_yearless_line_date_that_is_the_orders_delivery_date_leaves_nothing_unread() -> None:
    def draw(pdf: canvas.Canvas, line_date: str) -> None:
        put(pdf, 770, [(355, "N° :"), (415, "CMD-2026-6750")])
        put(pdf, 760, [(355, "Date :"), (415, "01/12/2032")])
        put(pdf, 700, [(48, "Adresse de livraison")])
        put(pdf, 688, [(48, "Lumière Lyon Part-Dieu")])
        put(pdf, 677, [(48, "69003 Lyon")])
        put(pdf, 640, [(44, "Acheteur"), (173, "Date de livraison")])
        put(pdf, 629, [(44, "Claire Rousseau"), (173, "09/12/2032")])
        put(pdf, 600, [(43, "Réf. fournisseur"), (109, "Désignation"), (298, "Qté"), (317, "Unité"), (384, "PU HT"),
                       (468, "Montant HT"), (525, "Délai")])  # fmt: skip
        put(pdf, 583, [(43, "EL-6001"), (109, "Assortiment de connecteurs"), (-311, "20"), (317, "U"),
                       (-407, "13,50"), (-509, "270,00"), (523, line_date)])  # fmt: skip
        put(pdf, 550, [(383, "Total HT"), (-545, "270,00 €")])

    same = render(lambda pdf: draw(pdf, "09/12"), A4)
    assert [d.value for d in same.dates if d.qualifier == "002"] == [date(2032, 12, 9)] and not same.hold_reasons
    other = render(lambda pdf: draw(pdf, "16/12"), A4)  # another day: which one is meant is for a person
    assert [h.code for h in other.hold_reasons] == ["LOW_CONFIDENCE"]
