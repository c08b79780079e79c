"""What blind rounds 71–72 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Yonyou U8+'s one-line 'Receiving Address', PHC CS's 'Unloading place' and 'Unloading date' under a
'Supplier Order' title, Lemonsoft's 'Nummer' panel flush under 'BESTELLUNG', its 'Gewünschte Lieferwoche KW
5/2032' and its 'Box à 100' ending a description line, a3ERP's '% TVA' in the totals' recap, Databuild's
'DELIVER TO SITE', 'REQUIRED' over 'ON SITE' and 'Rate ex Tax', Pinnacle DMS's 'Net' before 'Total' and 'Order
Value', and Materials Control's 'Réf. fourn.' beside 'Article'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def test_yonyou_receiving_address_on_one_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 520, [(300, "Order Date: 2032-01-06"), (570, "Order No.: CP109901")])
        put(pdf, 500, [(30, "Receiving Address: Cedar & Pine Portland, 2350 NW Vaughn Street, Portland, OR 97201")])
        put(pdf, 440, [(34, "Line Code"), (121, "Inventory Name"), (387, "Quantity"), (442, "Unit Price"),
                       (517, "Amount")])  # fmt: skip
        put(pdf, 424, [(34, "1 HT-9001"), (121, "Claw Hammer 16oz"), (-417, "24.00"), (-477, "16.90"),
                       (-545, "405.60")])  # fmt: skip
        put(pdf, 400, [(34, "Total"), (-545, "405.60")])

    order = render(draw, landscape(A4))
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.city, order.ship_to.postal_code) == (
        "Cedar & Pine Portland",
        "Portland",
        "97201",
    )


def test_phc_unloading_place_and_date_under_a_supplier_order_title() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 700, [(40, "Supplier Order")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 668, [(44, "Date"), (114, "Number"), (214, "V/ Ref."), (396, "Currency"), (516, "Page")])
        put(pdf, 655, [(44, "2032.01.09"), (114, "BL-26-6052"), (214, "Quote 26-0187"), (396, "USD"), (516, "1/1")])
        put(pdf, 630, [(44, "Loading place"), (310, "Unloading place")])
        put(pdf, 618, [(44, "Supplier's premises"), (310, "Boltline Branch Austin")])
        put(pdf, 607, [(44, "4400 Industrial Parkway, Cleveland, OH 44135"), (310, "4101 East Ben White Boulevard")])
        put(pdf, 596, [(310, "Austin, TX 78701")])
        put(pdf, 584, [(44, "Loading date: 2032.01.09")])
        put(pdf, 578, [(310, "Unloading date: 2032.01.20 Carrier: Supplier's own transport")])
        put(pdf, 540, [(43, "Reference"), (113, "Description"), (328, "Qty. Unit"), (431, "Price"), (535, "Net Value")])
        put(pdf, 522, [(43, "AB-1001"), (113, "Anchor bolt M12 x 120"), (-366, "250.00 EA"), (-449, "9.25"),
                       (-569, "2,312.50")])  # fmt: skip
        put(pdf, 500, [(440, "Goods total"), (-572, "2,312.50")])

    order = render(draw)
    assert order.po_number == "BL-26-6052" and order.confidence["po_number"] >= 0.9
    assert [d.value for d in order.dates] == [date(2032, 1, 20)]
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Boltline Branch Austin", "78701")


def test_lemonsoft_number_panel_week_and_a_box_size_under_the_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 805, [(330, "BESTELLUNG")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 782, [(330, "Nummer"), (410, "4500018602")])
        put(pdf, 771, [(330, "Datum"), (410, "08.01.2032")])
        put(pdf, 760, [(330, "Lieferantennr."), (410, "70412")])
        put(pdf, 700, [(330, "Gewünschte Lieferwoche KW 5/2032")])
        put(pdf, 640, [(42, "Artikel / Bezeichnung"), (246, "Ihre Art.-Nr."), (383, "Menge Einh."), (468, "Preis"),
                       (528, "Betrag")])  # fmt: skip
        put(pdf, 624, [(42, "420-1101"), (246, "FS-4002"), (-427, "25,00 Box"), (-488, "25,20"), (-553, "630,00")])
        put(pdf, 614, [(42, "Sechskantschraube M8 x 40 A2, Box à 100")])
        put(pdf, 596, [(42, "510-2002"), (246, "DR-3002"), (-420, "100,00 St"), (-488, "3,80"), (-553, "380,00")])
        put(pdf, 586, [(42, "HSS-Spiralbohrer 8 mm")])
        put(pdf, 560, [(358, "Bestellwert EUR (ohne MwSt.)"), (-553, "1.010,00")])

    order = render(draw, A4)
    assert order.po_number == "4500018602" and order.confidence["po_number"] >= 0.9
    assert [d.value for d in order.dates] == [date(2032, 1, 26)]  # the Monday of week 5
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [("FS-4002", 25), ("DR-3002", 100)]


def test_a_week_with_its_day_beside_it_is_that_day() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(44, "Bestellung Nr. 4500018551")])
        put(pdf, 700, [(304, "Liefertermin:"), (400, "KW 38/2031 (19.09.2031)")])
        put(pdf, 640, [(43, "Artikel"), (120, "Bezeichnung"), (330, "Menge"), (418, "Preis"), (521, "Betrag")])
        put(pdf, 624, [(43, "AB-1002"), (120, "Ankerbolzen"), (-350, "500"), (-433, "5,90"), (-552, "2.950,00")])
        put(pdf, 600, [(359, "Summe netto"), (-551, "2.950,00")])

    order = render(draw, A4)
    assert [d.value for d in order.dates] == [date(2031, 9, 19)]


def test_a3erp_rate_in_the_totals_recap_is_no_tax() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 800, [(379, "COMMANDE FOURNISSEUR")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 750, [(334, "Numéro"), (418, "Date"), (468, "Code fourn."), (529, "Page")])
        put(pdf, 737, [(316, "CMD-2026-6201"), (405, "06/01/2032"), (467, "400000127"), (535, "1")])
        put(pdf, 640, [(43, "Article"), (103, "Désignation"), (354, "Unités"), (419, "Prix"), (523, "Montant")])
        put(pdf, 624, [(43, "EL-6003"), (103, "Ampoule LED E27"), (-377, "8"), (-433, "27,60"), (-552, "220,80")])
        put(pdf, 400, [(69, "Total brut"), (148, "Remise"), (221, "Base HT"), (294, "% TVA"), (351, "Montant TVA"),
                       (466, "TOTAL TTC")])  # fmt: skip
        put(pdf, 385, [(-126, "220,80"), (-186, "0,00"), (-276, "220,80"), (-326, "20,00"), (-411, "44,16"),
                       (-546, "264,96 €")])  # fmt: skip

    order = render(draw, A4)
    assert order.po_number == "CMD-2026-6201" and order.confidence["po_number"] >= 0.9
    assert order.confidence.get("charges", 1.0) >= 0.9, order.warnings


def test_databuild_site_captions_and_rate_ex_tax() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 735, [(470, "ORDER No.")])
        put(pdf, 724, [(470, "GR-31901")])
        put(pdf, 650, [(36, "TO (SUPPLIER)"), (310, "DELIVER TO SITE")])
        put(pdf, 639, [(36, "Ridgeline Fastener & Tool Supply"), (310, "Granite State Yard Concord")])
        put(pdf, 628, [(36, "4400 Industrial Parkway"), (310, "75 Airport Road")])
        put(pdf, 617, [(36, "Cleveland, OH 44135"), (310, "Concord, NH 03301")])
        put(pdf, 577, [(36, "JOB"), (210, "COST CODE"), (380, "SITE"), (480, "REQUIRED")])
        put(pdf, 569, [(380, "SUPERVISOR"), (480, "ON SITE")])
        put(
            pdf,
            556,
            [(36, "2711 Merrimack Commons"), (210, "0450 Anchors"), (380, "Marc LeBlanc"), (480, "11-Feb-2032")],
        )
        put(pdf, 526, [(38, "Item"), (104, "Description"), (354, "Quantity Unit"), (453, "Rate ex Tax"),
                       (533, "Extension")])  # fmt: skip
        put(pdf, 508, [(38, "FS-4003"), (104, "Wood screw 4 x 40"), (-411, "20.00 box"), (-500, "15.95"),
                       (-574, "319.00")])  # fmt: skip
        put(pdf, 480, [(404, "Total (ex Tax)"), (-574, "319.00")])

    order = render(draw)
    assert [d.value for d in order.dates] == [date(2032, 2, 11)]
    assert order.ship_to is not None and order.ship_to.name == "Granite State Yard Concord"
    assert [(ln.vendor_part_number, ln.unit_price) for ln in order.lines] == [("FS-4003", Decimal("15.95"))]


def test_pinnacle_net_before_total_and_order_value() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 714, [(340, "Order No"), (393, ":"), (415, "DM/26/6051")])
        put(pdf, 542, [(54, "Qty Part Number"), (160, "Description"), (362, "Bin"), (468, "Net"), (550, "Total")])
        put(pdf, 526, [(-64, "6"), (68, "MR-9501"), (160, "MOORING LINE 1/2IN X 50FT"), (362, "A-03-12"),
                       (-482, "32.00"), (-574, "192.00")])  # fmt: skip
        put(pdf, 512, [(-64, "50"), (68, "PL-5001"), (160, "PTFE THREAD SEAL TAPE"), (362, "B-11-02"),
                       (-482, "1.35"), (-574, "67.50")])  # fmt: skip
        put(pdf, 488, [(400, "Order Value USD"), (-574, "259.50")])
        put(pdf, 470, [(36, "Lines: 2"), (89, "Units: 56")])

    order = render(draw)
    assert [(ln.vendor_part_number, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("MR-9501", Decimal("32.00"), Decimal("192.00")),
        ("PL-5001", Decimal("1.35"), Decimal("67.50")),
    ]
    assert order.stated_total == Decimal("259.50")


def test_materials_control_supplier_reference_beside_the_article() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "Bon de commande N° CMD-2026-6251")])
        put(pdf, 640, [(68, "Qté Unité"), (137, "Réf. fourn."), (201, "Article"), (427, "P.U. HT"), (520, "Total HT")])
        put(pdf, 624, [(-81, "4,000"), (89, "Carton"), (137, "PL-5003"), (201, "Vanne 1/4 tour 1/2 laiton"),
                       (-455, "49,9000"), (-552, "199,60")])  # fmt: skip
        put(pdf, 608, [(-81, "6,000"), (89, "U"), (137, "HT-9005"), (201, "Coffret tournevis 6 pièces"),
                       (-455, "14,1000"), (-552, "84,60")])  # fmt: skip
        put(pdf, 580, [(384, "Total HT"), (-551, "284,20")])

    order = render(draw, A4)
    assert [ln.vendor_part_number for ln in order.lines] == ["PL-5003", "HT-9005"]
    assert order.lines[0].description == "Vanne 1/4 tour 1/2 laiton"
