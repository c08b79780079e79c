"""What blind rounds 65–66 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Vyapar's 'Price/ Unit', Retail Express's codes and site under a line and its 'Due In', HansaWorld's 'Sum'
and 'Planned Del. Date', Sage 50's 'Details' and 'Net Amt' with 'Our Part … Your Item …' under a line, and a
count printed before the total's caption ('Number of rows: 3', 'Nombre de lignes : 5')."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import Draw, put, render


def test_vyapar_price_slash_space_unit_is_the_unit_price() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(393, "Order No.:"), (455, "45-9951")])
        put(pdf, 600, [(39, "# Item name"), (233, "Item code"), (313, "Quantity"), (361, "Unit"),
                       (424, "Price/ Unit"), (530, "Amount")])  # fmt: skip
        put(pdf, 582, [(39, "1 Tape measure 5 m"), (233, "HT-9002"), (-347, "24"), (363, "EA"), (-466, "$ 9.20"),
                       (-562, "$ 220.80")])  # fmt: skip
        put(pdf, 560, [(326, "Total"), (-555, "$ 220.80")])

    order = render(draw)
    line = order.lines[0]
    assert (line.quantity, line.uom, line.unit_price, line.amount) == (
        Decimal(24),
        "EA",
        Decimal("9.20"),
        Decimal("220.80"),
    )
    assert order.confidence["lines"] >= CONFIDENT


def retail_express(pdf: canvas.Canvas) -> None:
    put(pdf, 672, [(61, "Purchase Order # CP109951"), (361, "Vendor Ridgeline Fastener & Tool Supply")])
    put(pdf, 659, [(78, "Date Ordered Tue, 08 Jul 2031")])
    put(pdf, 646, [(106, "Due In Fri, 18 Jul 2031")])
    put(pdf, 598, [(46, "SUPPLIER"), (322, "DELIVER TO")])
    for n, (left, right) in enumerate(
        [
            ("Ridgeline Fastener & Tool Supply", "Outlet: Cedar & Pine Bend"),
            ("4400 Industrial Parkway", "61535 S Highway 97"),
            ("Cleveland, OH 44135", "Bend, OR 97702"),
        ]
    ):
        put(pdf, 582 - 11 * n, [(46, left), (322, right)])
    put(pdf, 500, [(49, "# Product"), (334, "Ordered"), (401, "Unit Cost"), (550, "Total")])
    put(pdf, 480, [(49, "1 Tape Measure 16ft/5m"), (-365, "30"), (-437, "$9.70"), (-569, "$291.00")])
    put(pdf, 469, [(65, "SKU CP-110046 Supplier code HT-9002")])
    put(pdf, 440, [(401, "Total (inc tax)"), (-572, "$291.00")])


def test_retail_express_codes_under_the_line_its_outlet_and_due_in() -> None:
    order = render(retail_express)
    line = order.lines[0]
    assert (line.buyer_part_number, line.vendor_part_number) == ("CP-110046", "HT-9002")
    assert order.ship_to is not None and order.ship_to.name == "Cedar & Pine Bend"
    assert order.ship_to.address_lines == ["61535 S Highway 97"]
    assert (order.ship_to.city, order.ship_to.postal_code) == ("Bend", "97702")
    assert order.po_date == date(2031, 7, 8)
    assert [d.value for d in order.dates] == [date(2031, 7, 18)]


def test_a_german_postal_line_still_ends_its_address() -> None:
    """The five-figure street number is a street only over a US postal line: '20095 Hamburg' ends the block."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "Bestellung 4500019951")])
        put(pdf, 700, [(40, "Lieferanschrift:")])
        for n, text in enumerate(["Hansa Filiale Hamburg", "Spaldingstraße 160", "20095 Hamburg", "Rampe 3"]):
            put(pdf, 688 - 11 * n, [(40, text)])
        put(pdf, 600, [(40, "Artikel"), (150, "Bezeichnung"), (330, "Menge"), (400, "Preis"), (500, "Betrag")])
        put(pdf, 584, [(40, "HT-9002"), (150, "Maßband 5 m"), (-350, "30"), (-430, "9,70"), (-530, "291,00")])
        put(pdf, 560, [(400, "Summe"), (-530, "291,00")])

    order = render(draw, A4)
    assert order.ship_to is not None and order.ship_to.postal_code == "20095"
    assert order.ship_to.address_lines == ["Spaldingstraße 160"]


def test_hansaworld_sum_column_planned_delivery_and_a_count_before_the_total() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 668, [(330, "No."), (420, "GR-31951")])
        put(pdf, 656, [(330, "Date"), (420, "08/01/2031")])
        put(pdf, 572, [(330, "Planned Del. Date"), (420, "08/11/2031")])
        put(pdf, 472, [(48, "Item"), (114, "Description"), (365, "Qty Unit"), (451, "Unit Price"), (547, "Sum")])
        put(pdf, 454, [(48, "FS-4004"), (114, "Drywall screw 3.5 x 35 (box of 1000)"), (369, "30 Box"),
                       (-488, "18.40"), (-564, "552.00")])  # fmt: skip
        put(pdf, 440, [(48, "GL-8002"), (114, "Leather work gloves size XL"), (369, "24 Pair"), (-488, "8.60"),
                       (-564, "206.40")])  # fmt: skip
        put(pdf, 416, [(48, "Number of rows: 2"), (437, "Sum"), (-564, "758.40")])
        put(pdf, 403, [(48, "Confirm this order by e-mail"), (411, "Tax 0.00 %"), (-564, "0.00")])
        put(pdf, 390, [(405, "TOTAL USD"), (-564, "758.40")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.quantity, ln.uom, ln.amount) for ln in order.lines] == [
        ("FS-4004", Decimal(30), "BX", Decimal("552.00")),
        ("GL-8002", Decimal(24), "PR", Decimal("206.40")),
    ]
    assert [d.value for d in order.dates] == [date(2031, 8, 11)]
    assert order.stated_total == Decimal("758.40") and order.hold_reasons == []


def test_sage50_details_net_amt_and_our_part_your_item_under_the_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 714, [(357, "Order Number"), (452, "45-7951")])
        put(pdf, 534, [(54, "Quantity"), (247, "Details"), (437, "Unit Price"), (517, "Net Amt")])
        put(pdf, 517, [(-104, "3.00"), (110, "Duct tape 48 mm x 50 m silver (case of 24)"), (-488, "112.00"),
                       (-568, "336.00")])  # fmt: skip
        put(pdf, 506, [(110, "Our Part: 7740 Your Item: TP-7001")])
        put(pdf, 480, [(367, "Total Net Amount"), (-567, "336.00")])

    order = render(draw)
    line = order.lines[0]
    assert (line.buyer_part_number, line.vendor_part_number) == ("7740", "TP-7001")
    assert (line.quantity, line.amount) == (Decimal(3), Decimal("336.00"))
    assert line.description == "Duct tape 48 mm x 50 m silver (case of 24)"


def test_item_details_is_one_caption_with_the_code_under_the_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 714, [(357, "PO No."), (452, "45-7952")])
        put(pdf, 528, [(41, "S.No."), (102, "Qty"), (130, "Unit"), (161, "Item Details"), (431, "Rate (USD)"),
                       (518, "Amount (USD)")])  # fmt: skip
        put(pdf, 512, [(49, "1"), (-115, "12.00"), (129, "Each"), (161, "Screwdriver set 6 pc"), (-473, "15.30"),
                       (-573, "183.60")])  # fmt: skip
        put(pdf, 502, [(161, "Item Code: HT-9005")])
        put(pdf, 470, [(412, "Total"), (-572, "183.60")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [("HT-9005", "Screwdriver set 6 pc")]


def test_synertrade_count_of_lines_before_total_ht() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(40, "Bon de commande N° CMD-2026-5951")])
        put(pdf, 700, [(42, "Ligne Désignation"), (332, "Quantité UQ"), (425, "Prix unitaire HT"), (521, "Total HT")])
        put(pdf, 684, [(42, "1"), (72, "Cutter rétractable"), (342, "24,00 pièce"), (-480, "5,75"),
                       (-551, "138,00")])  # fmt: skip
        put(pdf, 673, [(72, "Réf. fournisseur : HT-9003")])
        put(pdf, 660, [(42, "2"), (72, "Gants de travail cuir taille XL"), (342, "30,00 Paire"), (-480, "7,90"),
                       (-551, "237,00")])  # fmt: skip
        put(pdf, 649, [(72, "Réf. fournisseur : GL-8002")])
        put(pdf, 618, [(40, "Nombre de lignes : 2"), (361, "Total HT"), (-549, "375,00 EUR")])
        put(pdf, 605, [(40, "Merci de rappeler le numéro de commande."), (361, "TVA 20 %"), (-549, "75,00 EUR")])
        put(pdf, 592, [(361, "Total TTC"), (-549, "450,00 EUR")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [
        ("HT-9003", Decimal(24)),
        ("GL-8002", Decimal(30)),
    ]
    assert order.stated_total == Decimal("375.00")


def batappli(gap: float) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 770, [(340, "Numéro"), (408, "Date")])
        pdf.setFont("Helvetica-Bold", 9)
        number = "CMD-2026-5951"
        pdf.drawString(340, 756, number)
        pdf.drawString(340 + pdf.stringWidth(number, "Helvetica-Bold", 9) + gap, 756, "22/07/2031")
        pdf.setFont("Helvetica", 9)
        put(pdf, 700, [(43, "Désignation"), (311, "Qté Unité"), (409, "P.U. HT"), (505, "Montant HT")])
        put(pdf, 684, [(43, "Jeu de tournevis 6 pièces"), (308, "6,00 pièce"), (-439, "14,10"), (-547, "84,60 €")])
        put(pdf, 673, [(43, "Réf. fournisseur : HT-9005")])
        put(pdf, 640, [(361, "Total HT"), (-544, "84,60 €")])

    return draw


def test_batappli_a_po_number_run_into_the_date_beside_it_is_two_words() -> None:
    order = render(batappli(1.9), A4)
    assert order.po_number == "CMD-2026-5951" and order.po_date == date(2031, 7, 22)


def test_a_word_ending_in_a_date_with_no_gap_stays_one_word() -> None:
    order = render(batappli(0.0), A4)
    assert order.po_number != "CMD-2026-5951" and order.po_date is None
