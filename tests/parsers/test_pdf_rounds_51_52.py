"""What blind rounds 51–52 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): TOTVS Protheus's 'Suppl. Code  …  Unit Value  IPI%  Total Value' and its ship-to on one line between
spaced dashes; AutoCount's 'U/Price'; Kerridge's 'Price  Per' (two columns, not one); Sage 50 Canada's
'Quantité  Commande  En souffrance', 'Expédier à' and 'Date d'expédition'; BMD's 'Einzel-' over 'preis EUR';
Spectrum's 'PO Amount' after a note, which ends the rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def protheus(pdf: canvas.Canvas) -> None:
    put(pdf, 760, [(250, "PURCHASE ORDER")])
    put(pdf, 746, [(260, "No. 45-9601"), (400, "Issue Date: 06/05/2030")])
    put(pdf, 700, [(30, "Item Code"), (90, "Suppl. Code"), (150, "Description"), (300, "UM"), (330, "Quantity"),
                   (385, "Unit Value"), (435, "IPI%"), (470, "Total Value"), (525, "C.Cost")])  # fmt: skip
    for n, (ours, name, unit, qty, price, amount) in enumerate(
        [
            ("PL-5003", "VALVE BALL 1/2", "CS", "6.00", "54.00", "324.00"),
            ("HT-9002", "TAPE MEASURE 5 M", "EA", "48.00", "9.20", "441.60"),
        ]  # fmt: skip
    ):
        put(pdf, 684 - 14 * n, [(30, f"000{n + 1} 77{n}1"), (90, ours), (150, name), (300, unit), (-365, qty),
                                (-420, price), (-455, "0.00"), (-510, amount), (525, "310201")])  # fmt: skip
    put(pdf, 600, [(30, "Delivery Address:"), (380, "TOTAL ORDER:"), (-510, "765.60")])
    put(pdf, 588, [(30, "Acme Hardware Dayton - 118 E Third Street - Dayton, OH 45402")])


def test_protheus_columns_and_a_ship_to_on_one_line_between_dashes() -> None:
    order = render(protheus)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("PL-5003", Decimal("6.00"), Decimal("54.00"), Decimal("324.00")),
        ("HT-9002", Decimal("48.00"), Decimal("9.20"), Decimal("441.60")),
    ]
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.address_lines, order.ship_to.city, order.ship_to.postal_code) == (
        "Acme Hardware Dayton",
        ["118 E Third Street"],
        "Dayton",
        "45402",
    )
    assert order.stated_total == Decimal("765.60")


def test_a_price_and_its_per_are_two_columns() -> None:
    """Kerridge: 'Price  Per' over '16.90  1': the price, and the quantity it is for (not one 'Price Per')."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(380, "Order No."), (450, "CP109901")])
        put(pdf, 700, [(36, "Product"), (100, "Description"), (300, "Quantity Unit"), (400, "Price Per"),
                       (490, "Nett Value")])  # fmt: skip
        put(pdf, 684, [(36, "HT-9001"), (100, "Claw Hammer"), (-330, "24"), (335, "EA"), (-425, "16.90"),
                       (432, "1"), (-530, "405.60")])  # fmt: skip
        put(pdf, 650, [(420, "ORDER TOTAL"), (-530, "405.60")])

    order = render(draw)
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("24"), Decimal("16.90"), Decimal("405.60"))
    ]


def test_autocount_unit_price() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(390, "No."), (440, ": DM/26/9901")])
        put(pdf, 700, [(40, "No. Item Code"), (150, "Description"), (380, "Qty UOM"), (452, "U/Price"),
                       (493, "Disc"), (546, "Amount")])  # fmt: skip
        put(pdf, 684, [(47, "1. DMO-ROPE12"), (150, "DOCK LINE 1/2IN"), (383, "20 EACH"), (-480, "32.00"),
                       (-576, "640.00")])  # fmt: skip
        put(pdf, 650, [(413, "Total (USD) :"), (-576, "640.00")])

    order = render(draw)
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (Decimal("20"), Decimal("32.00"), Decimal("640.00"))
    ]


def sage50(pdf: canvas.Canvas) -> None:
    put(pdf, 760, [(384, "N° de commande"), (484, "Date")])
    put(pdf, 748, [(384, "CMD-2026-9901"), (484, "2030-06-04")])
    put(pdf, 730, [(384, "Date d'expédition"), (484, "Page")])
    put(pdf, 718, [(384, "2030-06-13"), (484, "1")])
    put(pdf, 690, [(322, "Expédier à :")])
    for n, text in enumerate(["Lumière Lyon Part-Dieu", "105, boulevard Vivier-Merle", "69003 Lyon"]):
        put(pdf, 676 - 11 * n, [(328, text)])
    pdf.setFont("Helvetica", 7.5)
    put(pdf, 600, [(39, "N° d'article"), (109, "Quantité"), (145, "Commande"), (194, "En souffrance"),
                   (247, "Unité"), (293, "Description"), (476, "Prix"), (496, "Taxe"), (546, "Montant")])  # fmt: skip
    pdf.setFont("Helvetica", 9)
    for n, (code, qty, unit, name, price, amount) in enumerate(
        [
            ("EL-6001", "10", "U", "Assortiment de connecteurs", "13,50", "135,00"),
            ("PL-5002", "200", "U", "Coude cuivre 15 mm 90°", "2,60", "520,00"),
        ]  # fmt: skip
    ):
        put(pdf, 584 - 15 * n, [(39, code), (-183, qty), (-241, qty), (247, unit), (293, name), (-489, price),
                                (502, "T"), (-573, amount)])  # fmt: skip
    put(pdf, 520, [(406, "Total EUR"), (-573, "655,00")])


def test_sage_50_canada_ordered_quantity_ship_to_and_ship_date() -> None:
    order = render(sage50)
    assert order.po_number == "CMD-2026-9901"
    assert [d.value for d in order.dates] == [date(2030, 6, 13)]
    assert order.ship_to is not None and order.ship_to.postal_code == "69003"
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("EL-6001", Decimal("10"), Decimal("13.50"), Decimal("135.00")),
        ("PL-5002", Decimal("200"), Decimal("2.60"), Decimal("520.00")),
    ]


def test_a_caption_broken_at_its_hyphen_over_two_lines() -> None:
    """BMD: 'Einzel-' over 'preis EUR' and 'Gesamt-' over 'preis EUR' are the unit price and the amount."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(70, "Bestellung Nr. 4500019901")])
        put(pdf, 700, [(79, "Menge ME"), (136, "Artikel"), (196, "Bezeichnung"), (442, "Einzel-"), (513, "Gesamt-")])
        put(pdf, 691, [(430, "preis EUR"), (507, "preis EUR")])
        put(pdf, 673, [(83, "24,00 St"), (136, "HT-9001"), (196, "Latthammer 16 oz"), (-468, "16,40"),
                       (-545, "393,60")])  # fmt: skip
        put(pdf, 640, [(400, "Nettobetrag"), (-545, "393,60")])

    order = render(draw)
    assert [(ln.unit_price, ln.amount) for ln in order.lines] == [(Decimal("16.40"), Decimal("393.60"))]


def test_a_po_amount_after_a_note_ends_the_rows() -> None:
    """Spectrum: 'Special Instructions:  …  PO Amount  765.00' under the rows is the goods' total, not a line."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(434, "PO Number"), (-572, "GR-30999")])
        put(pdf, 700, [(51, "Qty UM"), (96, "Description"), (433, "Unit Price"), (529, "Ext. Amount")])
        put(pdf, 684, [(55, "20 BX"), (96, "Wood screw 4 x 40"), (-470, "15.95"), (-576, "319.00")])
        put(pdf, 673, [(96, "Item: FS-4003")])
        put(pdf, 640, [(36, "Special Instructions:"), (452, "PO Amount"), (-576, "319.00")])
        put(pdf, 629, [(36, "Deliveries accepted 6:30 AM - 3:00 PM at the yard gate."), (458, "Sales Tax"),
                       (-576, "0.00")])  # fmt: skip
        put(pdf, 615, [(461, "PO Total"), (-576, "319.00")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.amount) for ln in order.lines] == [("FS-4003", Decimal("319.00"))]
    assert order.stated_total == Decimal("319.00")
