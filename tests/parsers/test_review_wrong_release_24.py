"""A twenty-fourth review's reproductions: prints a real ERP could produce, aimed at the rules added in
a8cf113..f2ed93a (1070ad9: a ship-to's name and street on one line, 'Text' / 'Rem.' / 'Supplier art.' columns,
'Amount excl. tax' after a note, a bar or a dot starting a phrase and ending a value, review 23's mends;
f2ed93a: deadline words ('until', 'not later than') after a caption we do not know, column numbers atop the next
page, 'Receiving warehouse'). Each finding's test asserts the safe outcome and fails on f2ed93a; six are
regressions of these commits (a8cf113 held them or read them right), the seventh is older (a8cf113 released it
too) and concerns review 23's mend of ``_right_under_title``. The tests named ``test_safe_…`` pass: attacks the
rules withstand.

- ``party_from_block`` ``_STREET`` (header.py, rule 1; regression): any 'Words 12' after the name line's last
  comma is taken for the street. 'Ship To:' over 'Walmart, Store 6094' / 'Dayton, OH 45402', or 'Granite State
  Yard, Building 2' / 'Concord, NH 03301', is released, sure, as ship-to 'Walmart' / 'Granite State Yard' with
  'Store 6094' / 'Building 2' as a street: the number that tells the site from its siblings leaves the name (the
  core matches a ship-to by its name and postal code, so store 6094 becomes the store named 'Walmart'). a8cf113
  kept the whole line as the name. (Review 23's 'Walmart DC - 6094', with a comma.)
- 'supplier art.' (columns.py, rule 2; regression): 'Our art. | Supplier art. | Description', the customer's
  article number under a caption we do not know left of ours, is released with the customer's '310-0815' as our
  item (vendor part number) and our 'AB-1001' pushed into the description. a8cf113 held it (no item read).
- ``segment_starts`` / ``_SEPARATORS`` (labels.py, rule 4; regression): a word after a bar starts a phrase, so a
  label may start inside another label's value. 'Payment terms: Net 30 days | Due date: 04/13/2026' is released
  with the payment's due date as the delivery date (a8cf113 left it with the terms and released no delivery
  date); 'Ref.: your quote Q-5512 | Date: 01/05/2026' or 'Contract K-22 | Date: 11/01/2025' on an order that
  prints no date of its own is released with the quote's / contract's date as the PO date (a8cf113 held both).
- ``delivery_captions`` with ``_after_deadline`` and 'until' (header.py, rule 6; regression): any caption whose
  words say delivery, over 'until' / 'bis' and a date, gives the delivery date. 'Delivery hold: until
  19.06.2034', 'Receiving closed: until 19.06.2034' (the earliest day goods may come), 'Delivery on call: until
  30.09.2034', 'Lieferung auf Abruf: bis 30.09.2034' (a call-off order: nothing ships before the call) and
  'Delivery price fixed: until 30.09.2034' (a price's validity) are each released with that day as the
  delivery date. a8cf113 held every one (a date without a label we know).
- 'receiving warehouse' (labels.py, rule 8; regression): 'Receiving warehouse: Boltline Main Warehouse' over
  'Delivery address: Boltline North Yard' / '4400 North Freeway, Houston, TX 77022' is released, sure, as ship-to
  'Boltline Main Warehouse' at the North Yard's street and postal code: two places, one name and the other's
  address. a8cf113 released the delivery address alone.
- older, ``_right_under_title`` / ``_NO_PLACE`` (header.py, rule 9, review 23's mend; a8cf113 released it too):
  the words that are no place are a short list. 'Framework agreement, 05.01.2034', 'Rahmenvertrag, 05.01.2034'
  or 'Amendment, 05.01.2034' under 'PURCHASE ORDER No. DM/26/6701' is still released with the PO date 5 January
  2034 (the agreement's, the amendment's), as review 23's 'Contract K-22, 05.01.2034' was.

Withstood: 'Line amount excl. tax  222.00' under each row (rule 3: the rows after it are seen and held); a lot's
'Amount excl. tax' between lots (both lines read); 'Rem. %' with a discounted amount (held); 'Text' beside
'Description' (read into the description); a one-line ship-to cut by bars ('Ship To: Acme Hardware Dayton | 1200
Wayne Ave | Dayton, OH 45402': held); 'Lieferung bis 05.02.2034 lt. Angebot vom 01.02.2034' among the lines
(rule 5: held); 'Ship To (Site / Will Call)' (rule 9: held); a page-two row of consecutive numbers under priced
columns (rule 7: it cannot be a line that computes, nothing to attack).

Mended: a street after the name's comma needs a word that names a street ('…straße 12', '… Street', '1200 Wayne
Ave'); 'Art.' and 'Our art.' beside 'Supplier art.' are the customer's item; a label after a bar only explains a
date ('printed'), no order field is read from it; 'hold', 'closed', 'call', 'Abruf', 'price', 'fixed' name no
delivery date in a caption we do not know; a ship-to block beside its label stops at another label's line, and a
second ship-to label naming another postal code makes the ship-to unsure; a place before a date under the title
must be a town the page's addresses name."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import FIRST, HEADER, Row, parse, put, released  # noqa: E402
from test_review_wrong_release_22 import _a4  # noqa: E402

from schemas.order import Order  # noqa: E402

DAYTON = ["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]
ONE_LINE = "Ship To: Acme Hardware Dayton, 1200 Wayne Ave, Dayton, OH 45402"


def _acme(
    *head: str,
    date_line: str = "PO Date: 03/14/2026",
    header: Row = HEADER,
    rows: tuple[Row, ...] = (FIRST,),
    total: str = "222.00",
) -> Order:
    """Acme's order, 'PURCHASE ORDER' / 'PO Number' / ``date_line`` at the right, ``head`` from y=700 down."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        if date_line:
            put(pdf, 744, [(380, date_line)])
        for i, text in enumerate(head):
            put(pdf, 700 - 12 * i, [(40, text)])
        put(pdf, 600, header)
        for i, row in enumerate(rows):
            put(pdf, 584 - 16 * i, row)
        put(pdf, 574 - 16 * len(rows), [(400, "Total"), (-560, total)])

    return parse(draw)


# Finding, party_from_block _STREET (rule 1; regression): a site's number after a comma is no street.
@pytest.mark.parametrize(
    ("block", "number"),
    [(["Walmart, Store 6094", "Dayton, OH 45402"], "6094"),
     (["Granite State Yard, Building 2", "Concord, NH 03301"], "2"),
     (["Acme Hardware, Store 12", "1200 Wayne Ave", "Dayton, OH 45402"], "12")],
    ids=["store-6094", "building-2", "store-12-over-street"],
)  # fmt: skip
def test_a_sites_number_after_a_comma_stays_in_the_ship_to_name(block: list[str], number: str) -> None:
    order = _acme("Ship To:", *block)
    assert order.ship_to is not None
    name = order.ship_to.name or ""
    assert number in name.split() or not released(order), (
        f"released as ship-to {name!r} at {order.ship_to.address_lines}"
    )


# Safe (rule 1): the layout the rule was made for is read.
def test_safe_a_ship_to_name_and_its_street_on_one_line() -> None:
    order = _acme("Ship To:", "Acme Hardware Dayton, 1200 Wayne Ave", "Dayton, OH 45402")
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.address_lines) == ("Acme Hardware Dayton", ["1200 Wayne Ave"])


# Finding, 'supplier art.' (rule 2; regression): the customer's article under a caption we do not know, left of
# 'Supplier art.', is read as our item.
@pytest.mark.parametrize("caption", ["Our art.", "Art."])
def test_the_customers_article_left_of_supplier_art_is_not_our_item(caption: str) -> None:
    order = _acme(
        *["Ship To:", *DAYTON],
        header=[(40, caption), (100, "Supplier art."), (160, "Description"), (-350, "Qty"), (-480, "Unit Price"),
                (-560, "Amount")],
        rows=([(40, "310-0815"), (100, "AB-1001"), (160, "Anchor bolt M12"), (-350, "24"), (-480, "9.25"),
               (-560, "222.00")],),
    )  # fmt: skip
    parts = [ln.vendor_part_number for ln in order.lines]
    assert parts == ["AB-1001"] or not released(order), f"released with our item {parts}"


# Safe (rule 2): 'Rem. %' with a discounted amount holds; 'Text' beside 'Description' is read into it.
def test_safe_rem_and_text_columns() -> None:
    discounted = _acme(
        *["Ship To:", *DAYTON],
        header=[(40, "Item"), (100, "Description"), (-350, "Qty"), (-400, "Rem. %"), (-480, "Unit Price"),
                (-560, "Amount")],
        rows=([(40, "AB-1001"), (100, "Anchor bolt M12"), (-350, "24"), (-400, "10"), (-480, "9.25"),
               (-560, "199.80")],),
        total="199.80",
    )  # fmt: skip
    assert not released(discounted)
    text = _acme(
        *["Ship To:", *DAYTON],
        header=[(40, "Item"), (100, "Description"), (250, "Text"), (-350, "Qty"), (-480, "Unit Price"),
                (-560, "Amount")],
        rows=([(40, "AB-1001"), (100, "Anchor bolt M12"), (250, "galvanized only"), (-350, "24"), (-480, "9.25"),
               (-560, "222.00")],),
    )  # fmt: skip
    assert [ln.description for ln in text.lines] == ["Anchor bolt M12 galvanized only"]


# Safe (rule 3): 'Line amount excl. tax' under each row ends the rows, and the rows after it hold the order; a
# lot's 'Amount excl. tax' between two lots leaves both lines read.
def test_safe_amount_excl_tax_among_the_rows() -> None:
    second = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-480, "6.40"), (-560, "64.00")]

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        put(pdf, 700, [(40, ONE_LINE)])
        put(pdf, 600, HEADER)
        detail: Row = [(110, "Line amount excl. tax"), (-560, "222.00")]
        rows = [
            FIRST,
            detail,
            second,
            [(110, "Line amount excl. tax"), (-560, "64.00")],
            [(400, "Total"), (-560, "286.00")],
        ]
        for i, row in enumerate(rows):
            put(pdf, 584 - 14 * i, row)

    assert not released(parse(draw))

    def lots(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        put(pdf, 700, [(40, ONE_LINE)])
        put(pdf, 600, HEADER)
        for i, row in enumerate([[(40, "Lot 1: Anchors")], FIRST, [(380, "Amount excl. tax"), (-560, "222.00")],
                                 [(40, "Lot 2: Small anchors")], second, [(380, "Amount excl. tax"), (-560, "64.00")],
                                 [(400, "Total excl. tax"), (-560, "286.00")]]):  # fmt: skip
            put(pdf, 584 - 14 * i, row)

    order = parse(lots)
    assert [ln.quantity for ln in order.lines] == [Decimal("24"), Decimal("10")] or not released(order)


# Finding, segment_starts / _SEPARATORS (rule 4; regression): a payment's due date after a bar in the terms is
# read as the delivery date.
def test_a_payment_due_date_after_a_bar_is_not_the_delivery_date() -> None:
    order = _acme(ONE_LINE, "Payment terms: Net 30 days | Due date: 04/13/2026")
    delivery = [d.value for d in order.dates if d.qualifier == "002"]
    assert date(2026, 4, 13) not in delivery or not released(order), f"released due {delivery}"


# Finding, segment_starts / _SEPARATORS (rule 4; regression): a reference's date after a bar is read as the
# order's date when the order prints none of its own.
@pytest.mark.parametrize(
    ("line", "day"),
    [("Ref.: your quote Q-5512 | Date: 01/05/2026", date(2026, 1, 5)),
     ("Contract K-22 | Date: 11/01/2025", date(2025, 11, 1))],
    ids=["quote", "contract"],
)  # fmt: skip
def test_a_references_date_after_a_bar_is_not_the_orders_date(line: str, day: date) -> None:
    order = _acme(ONE_LINE, line, date_line="")
    assert order.po_date != day or not released(order), f"released with PO date {order.po_date}"


# Safe (rule 4): a one-line ship-to cut by bars is read whole, its parts between the bars (rounds 107–108:
# MONKEY OFFICE's 'Lieferanschrift: … · … · 28195 Bremen'); a bar ends other fields' values only.
def test_safe_a_one_line_ship_to_cut_by_bars() -> None:
    order = _acme("Ship To: Acme Hardware Dayton | 1200 Wayne Ave | Dayton, OH 45402")
    assert order.ship_to is not None
    ship_to = order.ship_to
    assert (ship_to.name, ship_to.address_lines, ship_to.city, ship_to.postal_code) == (
        "Acme Hardware Dayton",
        ["1200 Wayne Ave"],
        "Dayton",
        "45402",
    )


def _galaktika(term: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(186, "PURCHASE ORDER  No. DM/26/6801")])
        put(pdf, 766, [(240, "dated 01.06.2034")])
        put(pdf, 740, [(40, "Consignee:"), (110, "Delta Marine Tampa")])
        put(pdf, 728, [(110, "1502 Channelside Drive, Tampa, FL 33602")])
        put(pdf, 716, [(40, term)])
        put(pdf, 680, [(40, "No."), (70, "Code"), (160, "Name of goods"), (330, "Unit"), (370, "Qty"), (430, "Price"),
                       (500, "Amount")])  # fmt: skip
        put(pdf, 654, [(44, "1"), (70, "SF-8101"), (160, "SAFETY GLASSES"), (330, "each"), (-400, "24,00"),
                       (-465, "4,95"), (-540, "118,80")])  # fmt: skip
        put(pdf, 630, [(430, "Total:"), (-540, "118,80")])

    return _a4(draw)


# Finding, delivery_captions / 'until' (rule 6; regression): a date after 'until' under a caption that names no
# deadline (a hold, a call-off, a price's validity) is released as the delivery date.
@pytest.mark.parametrize(
    "term",
    [
        "Delivery hold: until 19.06.2034",
        "Receiving closed: until 19.06.2034",
        "Delivery on call: until 30.09.2034",
        "Lieferung auf Abruf: bis 30.09.2034",
        "Delivery price fixed: until 30.09.2034",
    ],
    ids=["hold", "receiving-closed", "on-call", "auf-abruf", "price-fixed"],
)
def test_a_date_after_until_under_a_caption_that_sets_no_deadline_holds(term: str) -> None:
    order = _galaktika(term)
    delivery = [d.value for d in order.dates if d.qualifier == "002"]
    assert not released(order), f"released due {delivery}"


# Safe (rule 6): the layout the rule was made for is read.
def test_safe_delivery_term_until() -> None:
    order = _galaktika("Delivery term: until 19.06.2034")
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2034, 6, 19)]


def _mosaik(note: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestell-Nr.: 4500019853")])
        put(pdf, 768, [(300, "Datum: 09.02.2034")])
        put(pdf, 740, [(40, "Lieferanschrift:"), (300, "Liefertermin: 27.02.2034")])
        for i, text in enumerate(["Hansa Lager Bremen", "Lagerstraße 5", "28195 Bremen"]):
            put(pdf, 728 - 12 * i, [(40, text)])
        put(pdf, 680, [(40, "Pos."), (70, "Menge"), (110, "Einh."), (150, "Artikel-Nr."), (220, "Bezeichnung"),
                       (450, "EP EUR"), (510, "GP EUR")])  # fmt: skip
        put(pdf, 666, [(40, "1"), (-95, "6"), (110, "Stück"), (150, "HT-9005"), (220, "Schraubendreher-Satz 6-tlg."),
                       (-480, "14,10"), (-545, "84,60")])  # fmt: skip
        put(pdf, 654, [(220, note)])
        put(pdf, 610, [(420, "Nettobetrag"), (-545, "84,60")])

    return _a4(draw)


# Safe (rule 5): a delivery date among the lines beside a quote's date still holds.
def test_safe_a_delivery_date_beside_a_quotes_date_among_the_lines() -> None:
    assert not released(_mosaik("Lieferung bis 05.02.2034 lt. Angebot vom 01.02.2034"))


def _oris(*rows: Row) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(40, "PURCHASE ORDER No. BL-26-6951")])
        put(pdf, 766, [(40, "Date: 01.05.2034")])
        for i, row in enumerate(rows):
            put(pdf, 740 - 12 * i, row)
        put(pdf, 640, [(40, "No."), (70, "Code"), (160, "Name of goods"), (330, "Unit"), (370, "Qty"), (430, "Price"),
                       (500, "Amount")])  # fmt: skip
        put(pdf, 626, [(44, "1"), (70, "DR-3001"), (160, "HSS drill bit 6 mm"), (330, "each"), (-400, "150"),
                       (-465, "3.05"), (-540, "457.50")])  # fmt: skip
        put(pdf, 600, [(430, "Total amount:"), (-540, "457.50")])

    return _a4(draw)


# Finding, 'receiving warehouse' (rule 8; regression): the warehouse's name over another caption's address.
def test_a_receiving_warehouse_over_another_delivery_address_is_not_one_ship_to() -> None:
    order = _oris(
        [(40, "Receiving warehouse:"), (140, "Boltline Main Warehouse")],
        [(40, "Delivery address:"), (140, "Boltline North Yard")],
        [(140, "4400 North Freeway, Houston, TX 77022")],
        [(40, "Delivery date:"), (140, "08.05.2034")],
    )
    assert order.ship_to is not None
    name, postal = order.ship_to.name, order.ship_to.postal_code
    assert (name, postal) != ("Boltline Main Warehouse", "77022") or not released(order), (
        f"released as ship-to {name!r} at {order.ship_to.address_lines} {postal}"
    )


def _jumis(under: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "DELTA MARINE OUTFITTERS, INC.")])
        pdf.setFont("Helvetica-Bold", 13)
        put(pdf, 700, [(186, "PURCHASE ORDER  No. DM/26/6701")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 682, [(240, under)])
        put(pdf, 640, [(40, "Delivery term: 10.02.2034")])
        put(pdf, 628, [(40, "Place of delivery: Delta Marine Tampa, 801 Channelside Drive, Tampa, FL 33602")])
        put(pdf, 600, [(40, "No."), (70, "Code"), (160, "Name"), (330, "Unit"), (370, "Quantity"), (430, "Price, USD"),
                       (500, "Sum, USD")])  # fmt: skip
        put(pdf, 586, [(46, "1"), (70, "SF-8101"), (160, "Safety glasses"), (330, "each"), (-405, "12,00"),
                       (-470, "4,95"), (-540, "59,40")])  # fmt: skip
        put(pdf, 560, [(430, "Total:"), (-540, "59,40")])

    return parse(draw)


# Finding, older (_right_under_title / _NO_PLACE, review 23's mend; a8cf113 released it too): an agreement's or
# an amendment's date under the title is no place and date of the letter.
@pytest.mark.parametrize(
    "under", ["Framework agreement, 05.01.2034", "Rahmenvertrag, 05.01.2034", "Amendment, 05.01.2034"]
)
def test_an_agreements_date_under_the_title_is_not_the_orders_date(under: str) -> None:
    order = _jumis(under)
    assert order.po_date != date(2034, 1, 5) or not released(order), f"released with PO date {order.po_date}"


# Safe (rule 9, _KIND_OF_PLACE): a pickup instruction beside a kind of place in the brackets holds.
def test_safe_ship_to_site_or_will_call() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        put(pdf, 700, [(40, "Bill To"), (230, "Ship To (Site / Will Call)")])
        bill = ["Acme Hardware Co.", "500 Main St", "Columbus, OH 43215"]
        for i, (left, right) in enumerate(zip(bill, DAYTON, strict=True)):
            put(pdf, 688 - 12 * i, [(40, left), (230, right)])
        put(pdf, 600, HEADER)
        put(pdf, 584, FIRST)
        put(pdf, 560, [(400, "Total"), (-560, "222.00")])

    assert not released(parse(draw))
