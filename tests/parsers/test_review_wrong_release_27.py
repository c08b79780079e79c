"""A twenty-seventh review's reproductions: prints a real ERP could produce, aimed at the rules added in 5c3902d
and 234d6f6 (rounds 109–112: a 'Your Ref' column, 'ETA' and 'Delivery terms' labels, 'Réf. | Article', a street
and town on one line, a bare 'Part' column, 'Code article fournisseur', 'Description / Item Code'). Each finding's
test asserts the safe outcome (read right, or held) and fails on 234d6f6; the tests named ``test_safe_…`` pass:
attacks the rules withstand.

- ``'your ref'`` (columns.py, rule 1; regression): 'Item | Description | Your Ref | Qty …' with the supplier's
  quote number ('Q-2035-118') under 'Your Ref' and AB-1001 under 'Item' is released with the quote number as our
  item code (AB-1001 kept as the customer's). 5c3902d^ read AB-1001.
- ``_item_as_position`` (columns.py, rule 3; regression): 'Réf. client | Article | Qté …' (the customer's code,
  then the supplier's article number PL-5002) and 'Réf. | Article' with a code in each are released with the
  customer's code as our item and PL-5002 as the description. 5c3902d^ held.
- ``'part'`` (columns.py, rule 5; regression): 'Item | Description | Part | Qty' with a part-delivery count ('12')
  or the customer's part number under 'Part' is released with
  that cell as the item, AB-1001 dropped. 7321f85 read AB-1001.
- ``'description / item code'`` (columns.py, rule 7; regression): the standard 'DIN-934' under 'Hex nut M12' is
  released as the item code. 7321f85 held.
- ``_WHOSE_CODE`` (table.py, rule 6; older, reached by the rule): 'Code article fournisseur : NC' (non
  communiqué) under the name is released with 'NC' as our item code. 7321f85 released it too, with 'Rallonge'
  (the name's first word) as the item.

Withstood: 'ETD' beside 'ETA' in a row of captions, 'ETA' beside a differing 'Delivery date', 'ETA Hamburg:'
(held: a stray date); 'Delivery terms: by 05.10.2035' and a date under a 'Delivery terms' caption (held; 7321f85
released the first without the date and the second with it as the delivery date); 'Postfach 12 34, 28195 Bremen',
'c/o Spedition Kurz, 28195 Bremen', 'Tor 3, 28195 Bremen' under the ship-to's name (held); a billing line
'Rechnung: Marktstraße 10, 20095 Hamburg' after a whole ship-to (the ship-to stays Bremen); 'Code | Article |
Désignation' (held); 'Part | Rev | Description' (AB-1001 read). On 5c3902d^ (rules 1–3) and 7321f85 (rules 4–7)
every regression's test passes and the older finding's fails; the safe tests that read the new layouts ('Code
article fournisseur', 'Part', 'Delivery terms') fail there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, parse, put, released  # noqa: E402

from schemas.order import Order  # noqa: E402


def _order(header: Row, row: Row, total: str = "222.00") -> Order:
    """A plain order to Dayton: 'PO Number: 45-2201', a dated header, a three-line 'Ship To:', one row, its total."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "PURCHASE ORDER")])
        put(pdf, 720, [(40, "PO Number: 45-2201"), (400, "Date: 03/02/2026")])
        put(pdf, 700, [(40, "Ship To:"), (100, "Acme Hardware Dayton")])
        put(pdf, 688, [(100, "1180 Wayne Avenue")])
        put(pdf, 676, [(100, "Dayton, OH 45402")])
        put(pdf, 640, header)
        put(pdf, 626, row)
        put(pdf, 590, [(400, "Total"), (-540, total)])

    return parse(draw)


def _item_read_or_held(order: Order, item: str) -> None:
    codes = [ln.vendor_part_number for ln in order.lines]
    assert codes == [item] or not released(order), f"released with {codes}"


# Finding, 'your ref' (rule 1; regression): a quote number under 'Your Ref' beside the item column is not our code.
def test_your_ref_beside_an_item_column_is_not_our_item() -> None:
    order = _order(
        [(40, "Item"), (110, "Description"), (260, "Your Ref"), (-380, "Qty"), (-460, "Price"), (-540, "Amount")],
        [
            (40, "AB-1001"),
            (110, "Anchor bolt M12"),
            (260, "Q-2035-118"),
            (-380, "24"),
            (-460, "9.25"),
            (-540, "222.00"),
        ],  # fmt: skip
    )
    _item_read_or_held(order, "AB-1001")


# Finding, _item_as_position (rule 3; regression): 'Article' right of the customer's 'Réf.' holds our article number.
@pytest.mark.parametrize(("ref", "code"), [("Réf. client", "7781"), ("Réf.", "C-7781")])
def test_an_article_number_right_of_the_customers_reference_is_not_the_name(ref: str, code: str) -> None:
    order = _order(
        [(40, ref), (110, "Article"), (-380, "Qté"), (-460, "PU HT"), (-540, "Total HT")],
        [(40, code), (110, "PL-5002"), (-380, "24"), (-460, "9,25"), (-540, "222,00")],
        total="222,00",
    )
    _item_read_or_held(order, "PL-5002")


# Finding, 'part' (rule 5; regression): a 'Part' column beside 'Item' is not the item.
@pytest.mark.parametrize(("caption", "cell"), [("Part", "12"), ("Part", "7731-02")], ids=["count", "theirs"])
def test_a_part_column_beside_the_item_column_is_not_the_item(caption: str, cell: str) -> None:
    order = _order(
        [(40, "Item"), (110, "Description"), (260, caption), (-380, "Qty"), (-460, "Price"), (-540, "Amount")],
        [(40, "AB-1001"), (110, "Anchor bolt M12"), (260, cell), (-380, "24"), (-460, "9.25"), (-540, "222.00")],
    )
    _item_read_or_held(order, "AB-1001")


def _french(under: str, first: str = "Rallonge électrique 10 m 3 prises", caption: str = "Article / Libellé") -> Order:
    """VIF's layout: one row under ``caption``, ``under`` on the line below the name."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(350, "COMMANDE FOURNISSEUR")])
        put(pdf, 745, [(350, "N° CMD-2026-8203")])
        put(pdf, 730, [(350, "Date : 04/06/2026")])
        put(pdf, 700, [(40, "Adresse de livraison : Dépôt Nord, 12 rue des Lilas, 59000 Lille")])
        put(pdf, 660, [(43, caption), (300, "Quantité"), (360, "Unité"), (440, "PU HT"), (511, "Montant HT")])
        put(pdf, 646, [(43, first), (-340, "15,00"), (360, "U"), (-462, "19,90 €"), (-552, "298,50 €")])
        put(pdf, 635, [(43, under)])
        put(pdf, 610, [(440, "Total HT"), (-552, "298,50 €")])

    return parse(draw)


# Finding, 'description / item code' (rule 7; regression): a standard under the name is not the item's code.
def test_a_standard_under_the_name_is_not_the_item_code() -> None:
    order = _french("DIN-934", first="Hex nut M12", caption="Description / Item Code")
    assert not released(order), f"released with {[ln.vendor_part_number for ln in order.lines]}"


# Finding, _WHOSE_CODE (rule 6; older): 'NC' (non communiqué) after 'Code article fournisseur :' is no code.
def test_code_article_fournisseur_nc_is_no_code() -> None:
    order = _french("Code article fournisseur : NC")
    assert not released(order), f"released with {[ln.vendor_part_number for ln in order.lines]}"


# Safe (rule 6): the supplier's code under the name reads.
def test_safe_code_article_fournisseur_reads() -> None:
    order = _french("Code article fournisseur : EL-6002")
    assert [ln.vendor_part_number for ln in order.lines] == ["EL-6002"]


def _dated(head: list[tuple[float, list[tuple[float, str]]]]) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "PURCHASE ORDER"), (400, "Order no. DM/26/7102")])
        put(pdf, 676, [(40, "Ship To: Acme Hardware Dayton, 1180 Wayne Avenue, Dayton, OH 45402")])
        for y, row in head:
            put(pdf, y, row)
        put(pdf, 640, [(40, "Item"), (110, "Description"), (-380, "Qty"), (-460, "Price"), (-540, "Amount")])
        put(pdf, 626, [(40, "AB-1001"), (110, "Anchor bolt M12"), (-380, "24"), (-460, "9.25"), (-540, "222.00")])
        put(pdf, 590, [(400, "Total"), (-540, "222.00")])

    return parse(draw)


def _captions(captions: list[str], values: list[str]) -> list[tuple[float, list[tuple[float, str]]]]:
    xs = [40, 150, 260, 370, 480]
    return [(712, list(zip(xs, captions, strict=False))), (700, list(zip(xs, values, strict=False)))]


# Safe (rule 2): an ETD beside the ETA, an ETA beside a differing delivery date, a date under 'Delivery terms' or
# after 'Delivery terms:', an 'ETA Hamburg:' beside the delivery date: held.
@pytest.mark.parametrize(
    "head",
    [
        _captions(["Order date", "ETD", "ETA", "Delivery terms"], ["10.04.2035", "20.04.2035", "15.05.2035", "CIF"]),
        _captions(
            ["Order date", "Delivery date", "ETA", "Payment terms"],
            ["10.04.2035", "15.05.2035", "20.04.2035", "30 days net"],
        ),  # fmt: skip
        _captions(["Order date", "Delivery terms", "Payment terms"], ["10.04.2035", "05.10.2035", "30 days net"]),
        [(720, [(40, "Order date: 10.04.2035")]), (708, [(40, "Delivery terms: by 05.10.2035")])],
        [
            (720, [(40, "Order date: 10.04.2035")]),
            (708, [(40, "ETA Hamburg: 20.04.2035")]),
            (696, [(40, "Delivery date: 05.05.2035")]),
        ],  # fmt: skip
    ],
    ids=["etd", "delivery-date", "terms-caption", "terms-colon", "eta-port"],
)
def test_safe_eta_and_delivery_terms_beside_other_dates_hold(head: list[tuple[float, list[tuple[float, str]]]]) -> None:
    assert not released(_dated(head))


def _bremen(block: list[str]) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Bestell-Nr. 4500020650")])
        put(pdf, 748, [(300, "Bestelldatum 04.06.2035")])
        put(pdf, 700, [(40, "Lieferanschrift: " + block[0])])
        for i, text in enumerate(block[1:]):
            put(pdf, 688 - 12 * i, [(105, text)])
        put(pdf, 620, [(40, "Pos."), (70, "Artikel-Nr."), (150, "Bezeichnung"), (-400, "Menge"), (420, "ME"),
                       (-500, "Preis"), (-550, "Betrag")])  # fmt: skip
        put(pdf, 606, [(40, "1"), (70, "HT-9001"), (150, "Klauenhammer"), (-400, "10"), (420, "Stk"),
                       (-500, "16,90"), (-550, "169,00")])  # fmt: skip
        put(pdf, 580, [(420, "Summe"), (-550, "169,00")])

    return parse(draw)


# Safe (rule 4): a PO box, a c/o line or a gate before the postal line is not split into a sure street.
@pytest.mark.parametrize(
    "line", ["Postfach 12 34, 28195 Bremen", "c/o Spedition Kurz, 28195 Bremen", "Tor 3, 28195 Bremen"]
)
def test_safe_a_po_box_or_care_of_line_is_not_a_street(line: str) -> None:
    assert not released(_bremen(["Hansa Lager Bremen", line]))


# Safe (rule 4): a billing line after a whole ship-to does not move it.
def test_safe_a_billing_line_after_the_ship_to() -> None:
    order = _bremen(
        ["Hansa Lager Bremen", "Hafenrandstraße 14", "28197 Bremen", "Rechnung: Marktstraße 10, 20095 Hamburg"]
    )
    assert order.ship_to is not None
    assert (order.ship_to.postal_code, order.ship_to.city) == ("28197", "Bremen") or not released(order)


# Safe (rules 3, 5): 'Code | Article | Désignation' is held; 'Part | Rev | Description' reads the part.
def test_safe_code_article_designation_and_part_rev() -> None:
    held = _order(
        [(40, "Code"), (110, "Article"), (200, "Désignation"), (-380, "Qté"), (-460, "PU HT"), (-540, "Total HT")],
        [(40, "C-7781"), (110, "PL-5002"), (200, "Coude cuivre"), (-380, "24"), (-460, "9,25"), (-540, "222,00")],
        total="222,00",
    )
    _item_read_or_held(held, "PL-5002")
    order = _order(
        [(40, "Part"), (110, "Rev"), (140, "Description"), (-380, "Qty"), (-460, "Price"), (-540, "Amount")],
        [(40, "AB-1001"), (110, "B"), (140, "Anchor bolt M12"), (-380, "24"), (-460, "9.25"), (-540, "222.00")],
    )
    assert [ln.vendor_part_number for ln in order.lines] == ["AB-1001"]
