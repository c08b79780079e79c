"""What blind rounds 137–138 taught the generic extractor, on small generated layouts (not the rounds' own PDFs).
Round 138: web-EDI renderings of an X12 850 or an EANCOM ORDERS print the segment or qualifier after each caption
('Ship To (ST)', 'Lieferanschrift (NAD+DP)', 'Bestell-Nr. (BGM)', 'Anzahl Positionen (CNT 2)'), a party's GLN atop
its address, X12's 'CA' and EDIFACT's 'RO' units, and SEEBURGER's 'Art.-Nr. Käufer | Art.-Nr. Lieferant'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_an_850_rendering_with_qualifiers_after_its_captions() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order Number"), (160, "Purchase Order Date")])
        put(pdf, 748, [(40, "BL-26-8011"), (160, "10/07/2037")])
        put(pdf, 720, [(40, "Vendor (VN)"), (220, "Ship To (ST)"), (400, "Bill To (BT)")])
        put(
            pdf, 708, [(40, "Ridgeline Fastener & Tool"), (220, "Boltline Branch Austin"), (400, "Boltline Industrial")]
        )
        put(pdf, 696, [(40, "4400 Industrial Parkway"), (220, "500 East 5th Street"), (400, "9100 Southwest Fwy")])
        put(pdf, 684, [(40, "Cleveland, OH 44135"), (220, "Austin, TX 78701"), (400, "Sugar Land, TX 77478")])
        put(pdf, 640, [(40, "Line"), (70, "Vendor's Part #"), (160, "Description"), (360, "Qty"), (390, "UOM"),
                       (430, "Price"), (520, "Amount")])  # fmt: skip
        put(pdf, 626, [(40, "001"), (70, "PL-5003"), (160, "BALL VALVE 1/2 BRASS CS/10"), (-372, "4"), (390, "CA"),
                       (-460, "54"), (-560, "216.00")])  # fmt: skip
        put(pdf, 600, [(40, "PO Total Amount"), (-560, "216.00")])

    order = render(draw, letter)
    assert order.po_number == "BL-26-8011"
    assert order.ship_to is not None and order.ship_to.name == "Boltline Branch Austin"
    assert order.ship_to.postal_code == "78701"
    read = [(ln.vendor_part_number, ln.quantity, ln.uom, ln.unit_price) for ln in order.lines]
    assert read == [("PL-5003", 4, "CS", Decimal(54))]  # X12's 'CA' is a case
    assert order.confidence["lines"] >= CONFIDENT


def test_an_orders_rendering_with_segments_a_gln_atop_the_party_and_buyers_and_sellers_numbers() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(
            pdf,
            780,
            [(40, "Bestell-Nr. (BGM)"), (150, "4500021964"), (300, "Liefertermin (DTM 2)"), (420, "26.10.2037")],
        )
        put(pdf, 766, [(40, "Bestelldatum (DTM 137)"), (150, "14.10.2037"), (300, "Währung (CUX)"), (420, "EUR")])
        put(pdf, 730, [(40, "Lieferanschrift (NAD+DP)"), (300, "Rechnungsempfänger (NAD+IV)")])
        put(pdf, 718, [(40, "GLN 4012345000023"), (300, "GLN 4012345000016")])
        put(pdf, 706, [(40, "Hansa Lager Bremen"), (300, "Hansa Werkzeughandel GmbH")])
        put(pdf, 694, [(40, "Am Wall 140"), (300, "Überseetor 14")])
        put(pdf, 682, [(40, "28195 Bremen"), (300, "28217 Bremen")])
        put(pdf, 640, [(80, "Art.-Nr."), (130, "Art.-Nr.")])
        put(
            pdf, 630, [(40, "Pos."), (180, "Bezeichnung"), (380, "Menge"), (420, "ME"), (470, "Preis"), (530, "Betrag")]
        )
        put(pdf, 620, [(80, "Käufer"), (130, "Lieferant")])
        put(pdf, 604, [(42, "1"), (80, "600-7001"), (130, "HT-9001"), (180, "Klauenhammer 450 g"), (-405, "12"),
                       (420, "PCE"), (-495, "16,40"), (-560, "196,80")])  # fmt: skip
        put(pdf, 590, [(42, "2"), (80, "510-2010"), (130, "PL-5001"), (180, "PTFE-Gewindedichtband"), (-405, "200"),
                       (420, "RO"), (-495, "1,25"), (-560, "250,00")])  # fmt: skip
        put(pdf, 570, [(300, "Anzahl Positionen (CNT 2)"), (-560, "2")])
        put(pdf, 556, [(300, "Summe Positionen netto (MOA 79)"), (-560, "446,80")])

    order = render(draw, A4)
    assert (order.po_number, order.po_date) == ("4500021964", date(2037, 10, 14))
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Hansa Lager Bremen", "28195")
    read = [(ln.buyer_part_number, ln.vendor_part_number, ln.quantity, ln.uom) for ln in order.lines]
    assert read == [("600-7001", "HT-9001", 12, "EA"), ("510-2010", "PL-5001", 200, "RL")]  # no line of the count
    assert order.confidence["lines"] >= CONFIDENT


def test_a_french_orders_rendering_livre_a() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "N° de commande (BGM)"), (180, "CMD-2026-9551")])
        put(pdf, 766, [(40, "Date de commande (DTM 137)"), (180, "02/10/2037")])
        put(pdf, 730, [(40, "Livré à (DP)"), (300, "Facturé à (IV)")])
        put(pdf, 718, [(40, "GLN : 3012345000024"), (300, "GLN : 3012345000017")])
        put(pdf, 706, [(40, "Lumière Lyon Part-Dieu"), (300, "Quincaillerie Lumière SARL")])
        put(pdf, 694, [(40, "45 rue de la Villette"), (300, "14 rue de la Charité")])
        put(pdf, 682, [(40, "69003 Lyon"), (300, "69002 Lyon")])
        put(pdf, 630, [(40, "Réf. fournisseur"), (150, "Désignation"), (380, "Qté"), (470, "Prix unitaire"),
                       (530, "Montant")])  # fmt: skip
        put(pdf, 616, [(40, "EL-6003"), (150, "Ampoule LED E27"), (-395, "6"), (-510, "30,00"), (-560, "180,00")])
        put(pdf, 590, [(300, "Total HT"), (-560, "180,00")])

    order = render(draw, A4)
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Lumière Lyon Part-Dieu", "69003")


# Round 137: character-mode prints set in Courier, one character 5.4 pt wide at 9 pt


def _mono(page: list[str], size: tuple[float, float] = letter) -> object:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Courier", 9)
        for n, text in enumerate(page):
            pdf.drawString(30, 770 - 11 * n, text)

    return render(draw, size)


def test_dot_leaders_stand_for_the_labels_colon_and_a_store_number_heads_the_ship_to() -> None:
    order = _mono([
        "ORDER NUMBER . . . . : CP111804      SUPPLIER . . . . . . : 004417 RIDGELINE",
        "P.O. DATE . . . . . : 9/04/37                       4400 INDUSTRIAL PARKWAY",
        "DELIVERY DATE . . . : 9/14/37                       CLEVELAND OH 44135",
        "DELIVER TO LOCATION . : 102 Cedar & Pine Salem",
        "                            480 Center Street NE",
        "                            Salem, OR 97301",
        "",
        "LINE VENDOR ITEM SKU NUMBER DESCRIPTION             QUANTITY UM     COST   EXTENDED DEPT/CLASS",
        "---- ----------- ---------- ----------------------- -------- -- -------- ---------- ----------",
        "001  GL-8002     CP-440120  LEATHER WORK GLOVES XL     60.00 PR     8.60     516.00 22/180",
        "---------------------------------------------------------------------------------------------",
        "                            TOTAL EXTENDED COST . . . :                    516.00",
    ])  # fmt: skip
    assert (order.po_number, order.po_date) == ("CP111804", date(2037, 9, 4))
    assert order.confidence["po_number"] >= CONFIDENT
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2037, 9, 14))]
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Cedar & Pine Salem", "97301")
    assert [r.value for r in order.ship_to.references] == ["102"]
    read = [(ln.buyer_part_number, ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines]
    assert read == [("CP-440120", "GL-8002", 60, Decimal("8.60"))]


def test_labels_inside_boxes_drawn_with_characters() -> None:
    order = _mono([
        "DELTA MARINE OUTFITTERS                              PURCHASE ORDER",
        "4150 SEAPORT ROAD                                    ==============",
        "ST. PETERSBURG, FL 33701                   P.O. NUMBER: DM/26/7850",
        "                                           P.O. DATE  : 09/01/2037",
        "+----------------------------------+ +----------------------------------+",
        "| VENDOR: RIDGE                    | | SHIP TO:                         |",
        "| RIDGELINE FASTENER & TOOL SUPPLY | | Delta Marine Tampa               |",
        "| 4400 INDUSTRIAL PARKWAY          | | 1101 Channelside Drive           |",
        "| CLEVELAND, OH 44135              | | Tampa, FL 33602                  |",
        "+----------------------------------+ +----------------------------------+",
        "+------------+-------------+-------------+--------------+----------------+",
        "|   BUYER    |  SHIP VIA   |    F.O.B.   |    TERMS     |   DELIVER BY   |",
        "+------------+-------------+-------------+--------------+----------------+",
        "| J. ALVAREZ | UPS FREIGHT | DESTINATION | NET 30       | 09/10/2037     |",
        "+------------+-------------+-------------+--------------+----------------+",
        "QTY ORDERED UM ITEM NUMBER  DESCRIPTION                UNIT PRICE    EXTENDED",
        "----------- -- ------------ ------------------------- ---------- -----------",
        "         20 EA MR-9501      MOORING LINE 1/2IN X 50FT      32.00      640.00",
        "----------------------------------------------------------------------------",
        "                                          P.O. TOTAL     :           640.00",
    ])  # fmt: skip
    assert order.po_number == "DM/26/7850"
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Delta Marine Tampa", "33602")
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2037, 9, 10))]


def test_a_boxed_title_a_dotted_tax_and_a_fixed_pitch_thousands_space() -> None:
    order = _mono([
        "QUINCAILLERIE LUMIERE SARL",
        "14 rue de la Charité",
        "69002 LYON",
        "                                     +----------------------------+",
        "                                     |      BON DE COMMANDE       |",
        "                                     +----------------------------+",
        "                                     | Numéro   : CMD-2026-9500   |",
        "                                     | Date     : 02/09/2037      |",
        "                                     +----------------------------+",
        "Fournisseur : RIDGE01               Adresse de livraison :",
        "RIDGELINE FASTENER & TOOL SUPPLY    Lumière Lyon Part-Dieu",
        "4400 Industrial Parkway             45 boulevard Vivier-Merle",
        "CLEVELAND, OH 44135                 69003 Lyon",
        "",
        "Référence Désignation                 Qté U     P.U. HT Rem Montant HT",
        "-----------------------------------------------------------------------",
        "EL-6001   Assortiment connecteurs      40 U       15,00         600,00",
        "PL-5002   Coude cuivre 15mm 90°       300 U        2,50         750,00",
        "-----------------------------------------------------------------------",
        "                                    Total H.T. ...........: 1 350,00",
        "                                    T.V.A. 20,00 % .......:   270,00",
        "                                    Total T.T.C. .........: 1 620,00",
    ], A4)  # fmt: skip
    assert (order.po_number, order.po_date) == ("CMD-2026-9500", date(2037, 9, 2))
    assert order.confidence["po_number"] >= CONFIDENT
    assert order.stated_total == Decimal("1350.00")
    assert order.confidence["stated_total"] >= CONFIDENT


def test_unsere_and_ihre_nr_and_prices_captioned_over_two_lines() -> None:
    order = _mono([
        "                                          BESTELLUNG Nr. 4500021903",
        "                                          Bestelldatum ......: 03.09.2037",
        "Lieferanschrift:",
        "Hansa Filiale Hamburg",
        "Steinstraße 20",
        "20095 Hamburg",
        "",
        "Pos    Menge ME  Unsere Nr. Ihre Nr. Bezeichnung           " + "Einzel-".rjust(9) + "   " + "Gesamt-".rjust(9),
        " " * 59 + "preis EUR   preis EUR",
        "-----------------------------------------------------------------------------",
        " 10      12 St  600-7001   HT-9001  Latthammer 16 oz       " + "16,40".rjust(9) + "   " + "196,80".rjust(9),
        " 20      50 St             SF-8101  Schutzbrille klar      " + "4,60".rjust(9) + "   " + "230,00".rjust(9),
        "-----------------------------------------------------------------------------",
        "                                          Summe netto ..........:  426,80",
    ], A4)  # fmt: skip
    read = [(ln.buyer_part_number, ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines]
    assert read == [("600-7001", "HT-9001", 12, Decimal("16.40")), (None, "SF-8101", 50, Decimal("4.60"))]
    assert order.confidence["lines"] >= CONFIDENT
