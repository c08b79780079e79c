"""What blind rounds 75–76 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): Tango's 'Not valid as invoice No.:' and 'Deliver to (warehouse):', Ginkoia's 'Livrer à (magasin)' and
'Annulation si non livré au', Taifun's 'OZ | Artikelnr. | Kurztext / Langtext', ShipNet's address under the title and
'Art. No.: …  Suppl. No.: …', Comax's 'Supplier Cat. No.' and 'Supply Date', and Quantum Control's certificate note
repeating the order's delivery date under each line."""

from __future__ import annotations

from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import Draw, put, render


def test_tango_not_valid_as_invoice_number_and_a_kind_of_place_after_deliver_to() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 744, [(336, "PURCHASE ORDER")])
        put(pdf, 718, [(280, "Not valid as invoice No.:"), (401, "45-7650")])
        put(pdf, 702, [(336, "Date:"), (401, "05/03/2032")])
        put(pdf, 578, [(38, "Deliver to (warehouse):"), (148, "Acme Distribution Center Lima")])
        put(pdf, 567, [(148, "2100 Harding Highway")])
        put(pdf, 556, [(148, "Lima, OH 45801")])
        put(
            pdf, 520, [(33, "Item"), (143, "Description"), (345, "Quantity U.M."), (426, "Unit price"), (549, "Amount")]
        )
        put(pdf, 503, [(33, "HT-9002"), (143, "TAPE MEASURE 5 M"), (-400, "48.00 EA"), (-463, "9.20"),
                       (-579, "441.60")])  # fmt: skip
        put(pdf, 470, [(392, "TOTAL USD"), (-574, "441.60")])

    order = render(draw)
    assert order.po_number == "45-7650" and order.confidence["po_number"] >= 0.9
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Acme Distribution Center Lima", "45801")


def test_ginkoia_shop_after_livrer_a_and_a_cancel_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 785, [(336, "N° commande"), (446, "CMD-2026-6400")])
        put(pdf, 772, [(336, "Date de commande"), (446, "03/05/2032")])
        put(pdf, 733, [(336, "Livraison souhaitée"), (446, "12/05/2032")])
        put(pdf, 720, [(336, "Annulation si non livré au"), (446, "26/05/2032")])
        put(pdf, 693, [(310, "Livrer à (magasin)")])
        put(pdf, 679, [(311, "Lumière Lyon Part-Dieu")])
        put(pdf, 668, [(311, "17 rue du Docteur Bouchut")])
        put(pdf, 658, [(311, "69003 Lyon")])
        put(pdf, 600, [(35, "Réf. fourn."), (97, "Désignation"), (382, "Qté"), (426, "PA HT"), (519, "Montant HT")])
        put(
            pdf,
            585,
            [(35, "EL-6001"), (97, "ASSORTIMENT CONNECTEURS"), (-395, "10"), (-449, "13,50"), (-560, "135,00")],
        )
        put(pdf, 560, [(363, "Total HT"), (-555, "135,00 €")])

    order = render(draw, A4)
    assert [d.value for d in order.dates] == [date(2032, 5, 12)]
    assert not order.hold_reasons, order.hold_reasons
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.postal_code) == ("Lumière Lyon Part-Dieu", "69003")


def test_taifun_position_number_column_and_short_and_long_text() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(57, "Bestellung Nr. 4500018802")])
        put(pdf, 640, [(60, "OZ"), (106, "Artikelnr."), (166, "Kurztext / Langtext"), (383, "Menge ME"), (479, "EP"),
                       (536, "GP")])  # fmt: skip
        put(pdf, 624, [(60, "01.0010"), (106, "600-7001"), (166, "Klauenhammer 16 oz"), (-435, "12,00 Stück"),
                       (-490, "16,40"), (-547, "196,80")])  # fmt: skip
        put(pdf, 613, [(166, "Lieferanten-Art.-Nr. HT-9001")])
        put(pdf, 597, [(60, "01.0020"), (106, "SF-8101"), (166, "Schutzbrille klar"), (-435, "48,00 Stück"),
                       (-490, "4,60"), (-547, "220,80")])  # fmt: skip
        put(pdf, 570, [(350, "Summe netto"), (-547, "417,60")])

    order = render(draw, A4)
    first, second = order.lines
    assert (first.vendor_part_number, first.buyer_part_number) == ("HT-9001", "600-7001")
    assert "SF-8101" in (second.vendor_part_number, second.buyer_part_number)
    assert first.description == "Klauenhammer 16 oz"


def test_shipnet_address_under_the_title_and_codes_under_the_lines() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(413, "PURCHASE ORDER")])
        put(pdf, 743, [(372, "610 Bayshore Marina Way, St. Petersburg, FL 33701, USA")])
        put(pdf, 700, [(305, "Order No."), (377, "DM/26/6152")])
        put(pdf, 530, [(47, "Line Description / Article"), (344, "Quantity"), (384, "Unit"), (429, "Price USD"),
                       (503, "Line Total USD")])  # fmt: skip
        put(pdf, 515, [(47, "001 TAPE ELECTRICAL 19MM BLACK"), (-372, "50.00"), (386, "roll"), (-462, "1.10"),
                       (-552, "55.00")])  # fmt: skip
        put(pdf, 504, [(70, "Art. No.: DMO-TAPE-E Suppl. No.: EL-6005")])
        put(pdf, 491, [(47, "002 GLOVES NITRILE L BOX 100"), (-372, "10.00"), (386, "box"), (-462, "11.90"),
                       (-552, "119.00")])  # fmt: skip
        put(pdf, 480, [(70, "Suppl. No.: GL-8001")])
        put(pdf, 455, [(335, "Total USD"), (-553, "174.00")])

    order = render(draw)
    assert order.po_number == "DM/26/6152" and order.confidence["po_number"] >= 0.9
    assert [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines] == [
        ("EL-6005", "DMO-TAPE-E"),
        ("GL-8001", None),
    ]


def test_comax_supplier_catalogue_number_and_supply_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 708, [(36, "Purchase Order No. CP110053")])
        put(pdf, 679, [(330, "Order Date:"), (402, "01.06.2032")])
        put(pdf, 667, [(330, "Supply Date:"), (402, "09.06.2032")])
        put(pdf, 540, [(43, "# Barcode"), (122, "Item Code"), (180, "Description"), (330, "Supplier Cat. No."),
                       (420, "Qty Unit"), (482, "Price"), (557, "Total")])  # fmt: skip
        put(pdf, 524, [(43, "1 0614141102419"), (180, "Safety Glasses Clear"), (330, "SF-8101"), (-455, "48 Unit"),
                       (-500, "4.95"), (-573, "237.60")])  # fmt: skip
        put(pdf, 500, [(400, "Total Order USD"), (-576, "237.60")])

    order = render(draw, A4)
    assert [ln.vendor_part_number for ln in order.lines] == ["SF-8101"]
    assert [d.value for d in order.dates] == [date(2032, 6, 9)]


def _quantum(note: str) -> Draw:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "PO NUMBER: BL-26-6203")])
        put(pdf, 580, [(38, "BUYER"), (501, "REQUIRED")])
        put(pdf, 569, [(38, "RNGUYEN"), (501, "06/11/2032")])
        put(pdf, 530, [(42, "LN PART NUMBER"), (138, "DESCRIPTION"), (367, "QTY UM"), (448, "UNIT COST"),
                       (538, "EXT COST")])  # fmt: skip
        put(pdf, 514, [(45, "1 AB-1002"), (138, "ANCHOR BOLT M10X100 ZP"), (-403, "400 EA"), (-486, "6.10"),
                       (-574, "2,440.00")])  # fmt: skip
        put(pdf, 502, [(60, note)])
        put(pdf, 470, [(396, "PO TOTAL"), (-574, "$2,440.00")])

    return draw


def test_quantum_a_note_repeating_the_orders_delivery_date_is_read() -> None:
    order = render(_quantum("CERT REQ'D: MFR C OF C DUE 06/11/2032"))
    assert [d.value for d in order.dates] == [date(2032, 6, 11)]
    assert not order.hold_reasons, order.hold_reasons


def test_quantum_a_note_with_another_date_among_the_lines_still_holds() -> None:
    order = render(_quantum("CERT REQ'D: MFR C OF C DUE 06/18/2032"))
    assert any("among the lines" in h.message for h in order.hold_reasons)
