"""What blind rounds 133–134 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Onyx Pro's 'Doc. No. : …' and 'LPO No.' (a local purchase order), Rewaa's tax cell '0.00 (0%)', Fastmag's
'PA brut HT | Rem. | PA net HT | Total HT', Uniware's 'Ship To (Facility)', Epicor Tropos's 'Item | Part No. /
Description' and its due date right after a line's amount ('66.00 May 18, 2037' is no '00 May 18')."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render

_ROWS = [
    [(40, "Item"), (110, "Description"), (-378, "Qty"), (-470, "Price"), (-560, "Amount")],
    [(40, "AB-1001"), (110, "Anchor bolt"), (-378, "10"), (-470, "8.60"), (-560, "86.00")],
]


def _order(head: list[tuple[float, list[tuple[float, str]]]]) -> object:
    def draw(pdf: canvas.Canvas) -> None:
        for y, row in head:
            put(pdf, y, row)
        put(pdf, 600, _ROWS[0])
        put(pdf, 586, _ROWS[1])
        put(pdf, 560, [(400, "Total"), (-560, "86.00")])

    return render(draw, A4)


def test_doc_no_and_doc_date_with_spaced_colons() -> None:
    order = _order([(760, [(40, "Supplier Code : 2010045"), (300, "Doc. No. : GR-33776")]),
                    (745, [(40, "Supplier Name : Ridgeline"), (300, "Doc. Date : 01-JUN-2037")])])  # fmt: skip
    assert (order.po_number, order.po_date) == ("GR-33776", date(2037, 6, 1))
    # any document's number (review 37): sure once the customer's earlier orders confirm its form (the core)
    assert order.confidence["po_number"] < CONFIDENT


def test_a_local_purchase_orders_number_and_date() -> None:
    order = _order([(760, [(40, "LPO No. : GR-33790")]), (745, [(40, "LPO Date : 2037-06-18")])])
    assert (order.po_number, order.po_date) == ("GR-33790", date(2037, 6, 18))


def test_a_tax_cell_with_its_rate_in_brackets() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(330, "PO Number: CP111701")])
        put(pdf, 700, [(35, "#"), (50, "Product Name"), (220, "SKU"), (282, "Barcode"), (373, "Qty"),
                       (405, "Unit Cost"), (480, "Tax"), (527, "Total Cost")])  # fmt: skip
        put(pdf, 686, [(35, "1"), (50, "Claw Hammer 16oz"), (220, "CP-110045"), (282, "614141102556"), (-386, "12"),
                       (-438, "16.90"), (-475, "0.00"), (-493, "(0%)"), (-563, "202.80")])  # fmt: skip
        put(pdf, 660, [(400, "Subtotal"), (-563, "202.80")])

    order = render(draw, letter)
    read = [(ln.buyer_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines]
    assert read == [("CP-110045", Decimal(12), Decimal("16.90"), Decimal("202.80"))]


def test_the_net_buying_price_after_its_discount() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(330, "Commande n° CMD-2026-9360")])
        put(pdf, 700, [(103, "Réf. fourn."), (165, "Désignation"), (-387, "Qté cdée"), (396, "PA brut HT"),
                       (446, "Rem."), (476, "PA net HT"), (-564, "Total HT")])  # fmt: skip
        put(pdf, 686, [(103, "HT-9002"), (165, "Mètre ruban 5 m"), (-387, "12"), (-433, "9,40"), (-463, "5 %"),
                       (-509, "8,93"), (-564, "107,16")])  # fmt: skip
        put(pdf, 660, [(400, "Total HT"), (-564, "107,16 €")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.unit_price, ln.amount) for ln in order.lines] == [
        ("HT-9002", Decimal("8.93"), Decimal("107.16"))
    ]


def test_ship_to_with_its_kind_of_place_in_brackets() -> None:
    order = _order([(760, [(40, "PO Number : 45-9611")]), (730, [(300, "Ship To (Facility)")]),
                    (718, [(300, "Acme Hardware Dayton")]), (707, [(300, "1350 Wayne Avenue")]),
                    (696, [(300, "Dayton, OH 45402")])])  # fmt: skip
    assert order.ship_to is not None and order.ship_to.name == "Acme Hardware Dayton"
    assert order.confidence["ship_to"] >= CONFIDENT


def test_positions_under_item_beside_part_no_over_its_description() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "Order No. BL-26-7902")])
        put(pdf, 700, [(34, "Item"), (62, "Part No. / Description"), (270, "Due"), (-382, "Qty"), (390, "U/M"),
                       (-462, "Price"), (-559, "Line Value")])  # fmt: skip
        put(pdf, 686, [(34, "010"), (62, "DR-3001"), (270, "19-MAY-2037"), (-382, "150.00"), (390, "EA"),
                       (-462, "3.0500"), (-559, "457.50")])  # fmt: skip
        put(pdf, 676, [(66, "DRILL HSS 6.0MM JOBBER")])
        put(pdf, 650, [(400, "Goods Total"), (-559, "457.50")])

    order = render(draw, letter)
    read = [(ln.line_number, ln.vendor_part_number, ln.quantity) for ln in order.lines]
    assert read == [("010", "DR-3001", Decimal(150))]
    assert order.confidence["lines[0]"] >= CONFIDENT


def test_a_due_date_right_after_the_amount_is_no_other_date() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(400, "PO # DM/26/7760")])
        put(pdf, 700, [(39, "#"), (55, "Item"), (133, "Description"), (-389, "Qty"), (-447, "Unit Price"),
                       (-507, "Amount"), (512, "Req. Date")])  # fmt: skip
        put(pdf, 686, [(39, "1"), (55, "EL-6005"), (133, "Electrical Tape"), (-389, "60"), (-447, "1.10"),
                       (-507, "66.00"), (512, "May 18, 2037")])  # fmt: skip
        put(pdf, 660, [(400, "Total"), (-507, "$66.00")])

    order = render(draw, letter)
    assert order.lines and order.lines[0].requested_date == date(2037, 5, 18)
    assert order.confidence["lines"] >= CONFIDENT and order.confidence["lines[0]"] >= CONFIDENT
    assert not [r for r in order.hold_reasons if "among the lines" in r.message]
