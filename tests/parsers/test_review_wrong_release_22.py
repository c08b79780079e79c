"""A twenty-second review's reproductions: prints a real ERP could produce, aimed at the rules added in
25360f4..1432d6e ('Serial no.' alone under the order's title; a VAT recap's captions over its figures beside a
note; 'Réf. fourn.', 'UV', 'Einzel-EK', 'Cost Each', 'Rcvd Qty'; a second figure under one money; the order's date
under its marked number under the title; 'Price, USD'; 'Livraison prévue le' in a panel). Each finding's test
asserts the safe outcome and fails on 1432d6e (all three are regressions: they pass on 25360f4); the tests named
``test_safe_…`` pass: attacks the rules withstand (test_safe_a_planned_delivery_that_is_not_one_date and
test_safe_two_unit_prices_that_differ fail on 25360f4, which read no 'Livraison prévue le' and released 'Cost
Each' beside 'Price Each' at the first, the second figure dropped).

- ``_in_title_box`` 'alone' (header.py; regression of 17c4e2e): the carve-out made for 'Serial no.' takes every
  bare PO label. 'BON DE COMMANDE' over 'N/Réf. : DA-2027-041' (the buyer's own reference, a requisition), or
  'Référence : DEV-2033-118', or 'Order ID: 55812', the label the last phrase of the line under the title and
  flush right with it, is released as the PO number, sure. 25360f4 held it (a bare label, printed once). Only
  'Serial no.' / 'Serial number' should be sure there.
- ``_dated_under_title`` (header.py; regression of 1432d6e): the line under the marked number is taken for the
  order's date whatever the words before the date, and whatever label claims the date. 'PURCHASE ORDER' over
  'No. 45-2201' over 'Due 20-Apr-2026' is released with PO date 20 April 2026 and no delivery date at all (25360f4
  read the delivery date and no PO date); a panel whose 'Delivery date:' label stands left of the title's band,
  its value '2026-04-20' under the number, is released with the delivery date as the PO date too. Only a date
  alone (no word before it, no label beside it) is the order's date.
- ``'livraison prévue le'`` (labels.py; regression of 1432d6e): a delivery date left blank ('Livraison prévue le
  :' and nothing), with on its line, far right, the date of a box captioned above it ('Échéance' over
  '30/09/2033', the payment's due date) is released with 30/09/2033 as the delivery date. 25360f4 held the order
  (a date printed without a label it knows).

Withstood: 'Serial no.: SN-778812' under the title beside a labelled 'PO Number' (the PO number read); a VAT recap
with two rates (the first row's total is not the order's: held); a recap whose note left of the figures has a
number in it (held); 'Livraison prévue le : semaine 34' or '19/08' (held, the date printed not read); a line's own
'Livraison prévue le 25/09/2033' under it (held); 'Rcvd Qty' beside 'Ord Qty' (the ordered quantity read); two
unit-price columns with different figures (held); 'PURCHASE ORDER' over 'No. 45-2201' over a lone '2026-03-14'
beside a labelled 'PO Date' (the label's date kept)."""

from __future__ import annotations

import io
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.pdf import PdfParser
from schemas.order import Order, Source, SourceKind

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import FIRST, HEADER, SECOND, TOTAL, Draw, parse, put, released, ship_to  # noqa: E402


def _lines(pdf: canvas.Canvas) -> None:
    put(pdf, 600, HEADER)
    put(pdf, 584, FIRST)
    put(pdf, 568, SECOND)
    put(pdf, 546, TOTAL)


def _a4(draw: Draw) -> Order:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 9)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender="buyer@acme.example", document_id="f" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


def _under_title(title: str, under: str, *more: str) -> Order:
    """``title`` flush right atop the page, ``under`` flush right on the line under it, right of the address."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 772, [(40, "Acme Hardware Co."), (-560, title)])
        pdf.setFont("Helvetica", 9)
        put(pdf, 756, [(40, "200 Commerce Park Drive"), (-560, under)])
        for i, text in enumerate(more):
            put(pdf, 740 - 12 * i, [(380, text)])
        ship_to(pdf)
        _lines(pdf)

    return parse(draw)


# Finding, _in_title_box 'alone' (regression of 17c4e2e): any bare PO label flush under the title is sure, not only
# 'Serial no.'. 25360f4 held these (a bare label printed once).
@pytest.mark.parametrize(
    ("title", "under"),
    [
        ("BON DE COMMANDE", "N/Réf. : DA-2027-041"),
        ("BON DE COMMANDE", "Référence : DEV-2033-118"),
        ("PURCHASE ORDER", "Order ID: 55812"),
    ],
    ids=["n-ref", "reference", "order-id"],
)
def test_a_bare_label_flush_under_the_title_is_not_sure(title: str, under: str) -> None:
    order = _under_title(title, under, "Date : 03/04/2026")
    assert not released(order), f"released as PO {order.po_number}"


# Safe (_in_title_box): a machine's 'Serial no.' under the title beside a labelled 'PO Number' leaves the PO number.
def test_safe_a_serial_number_under_the_title_beside_a_po_number() -> None:
    order = _under_title("PURCHASE ORDER", "Serial no.: SN-778812", "PO Number: 45-2201", "PO Date: 03/14/2026")
    assert order.po_number == "45-2201"


def _stacked(third: list[tuple[float, str]], *more: list[tuple[float, str]]) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        pdf.setFont("Helvetica", 9)
        put(pdf, 756, [(380, "No. 45-2201")])
        put(pdf, 744, third)
        for i, row in enumerate(more):
            put(pdf, 732 - 12 * i, row)
        ship_to(pdf)
        _lines(pdf)

    return parse(draw)


# Finding, _dated_under_title (regression of 1432d6e): a due date under the marked number is released as the
# order's date, and the delivery date is lost. 25360f4 read 20 April as the delivery date (no PO date).
@pytest.mark.parametrize("value", ["Due 20-Apr-2026", "Delivery 20-Apr-2026"])
def test_a_due_date_under_the_number_under_the_title_is_not_the_orders_date(value: str) -> None:
    order = _stacked([(380, value)])
    delivery = [d.value for d in order.dates if d.qualifier == "002"]
    assert (order.po_date is None and delivery == [date(2026, 4, 20)]) or not released(order), (
        f"released with PO date {order.po_date} and delivery {delivery}"
    )


# Finding, _dated_under_title (regression of 1432d6e): in a panel whose labels stand left of the title's band,
# the delivery date's value under the number is released as the order's date as well.
def test_a_labelled_delivery_date_under_the_number_is_not_the_orders_date() -> None:
    order = _stacked([(250, "Delivery date:"), (380, "2026-04-20")])
    assert order.po_date != date(2026, 4, 20) or not released(order), f"released with PO date {order.po_date}"


# Safe (_dated_under_title): a labelled 'PO Date' is kept over a lone date under the number.
def test_safe_a_labelled_po_date_beside_a_lone_date_under_the_number() -> None:
    order = _stacked([(380, "2026-03-20")], [(250, "PO Date:"), (300, "03/14/2026")])
    assert order.po_date == date(2026, 3, 14) or not released(order)


def _openconcerto(
    value: list[tuple[float, str]], above: list[tuple[float, str]] | None = None, note: str | None = None
) -> Order:
    """OpenConcerto's panel, 'Livraison prévue le :' and ``value`` on its line, ``above`` on the line over it."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 730, [(40, "Commande N° CMD-2026-7156")])
        put(pdf, 718, [(40, "Date : 03/08/2033")])
        put(pdf, 700, [(40, "Adresse de livraison")])
        for i, text in enumerate(["Lumière Lyon Part-Dieu", "12 rue Garibaldi", "69003 Lyon"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        if above:
            put(pdf, 682, above)
        put(pdf, 670, [(320, "Livraison prévue le :"), *value])
        put(pdf, 658, [(320, "Suivi par :"), (-555, "Claire Vidal")])
        put(pdf, 646, [(320, "Règlement :"), (-555, "30 jours fin de mois")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 570, [(75, "Menge"), (103, "Einh."), (199, "Ihre Art.-Nr."), (255, "Bezeichnung"),
                       (424, "Einzel-EK"), (525, "Betrag")])  # fmt: skip
        pdf.setFont("Helvetica", 8)
        put(pdf, 553, [(-99, "100,00"), (103, "St"), (199, "DR-3001"), (255, "HSS-Bohrer 6 mm"), (-459, "2,95"),
                       (-548, "295,00")])  # fmt: skip
        if note:
            put(pdf, 543, [(255, note)])
        put(pdf, 530, [(369, "Summe netto"), (-548, "295,00")])

    return _a4(draw)


# Finding, 'livraison prévue le' (regression of 1432d6e): a blank delivery date takes the date of a box far right on
# its line, captioned above it ('Échéance', the payment's due date). 25360f4 held the order.
def test_a_blank_delivery_date_does_not_take_another_boxs_date() -> None:
    order = _openconcerto([(-555, "30/09/2033")], above=[(-555, "Échéance")])
    delivery = [d.value for d in order.dates if d.qualifier == "002"]
    assert delivery != [date(2033, 9, 30)] or not released(order), f"released with delivery {delivery}"


# Safe ('livraison prévue le'): a week, a yearless day or a line's own date under it hold; a date is read.
def test_safe_a_planned_delivery_that_is_not_one_date() -> None:
    read = _openconcerto([(-555, "19/08/2033")])
    assert [d.value for d in read.dates if d.qualifier == "002"] == [date(2033, 8, 19)]
    assert not released(_openconcerto([(-555, "semaine 34")]))
    assert not released(_openconcerto([(-555, "19/08")]))
    assert not released(_openconcerto([(-555, "19/08/2033")], note="Livraison prévue le 25/09/2033"))


def _kros(rows: list[list[tuple[float, str]]], total: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestellung Nr."), (400, "4500019400")])
        put(pdf, 768, [(300, "Datum:"), (400, "14.03.2026")])
        ship_to(pdf)
        put(pdf, 600, [(39, "Code"), (97, "Ihre Art.-Nr."), (193, "Bezeichnung"), (390, "Menge ME"),
                       (469, "Preis/ME"), (527, "Gesamt")])  # fmt: skip
        put(pdf, 587, [(39, "310-0815"), (97, "AB-1001"), (193, "Ankerbolzen M12 x 120"), (-421, "100"),
                       (425, "Stück"), (-503, "8,60"), (-556, "860,00")])  # fmt: skip
        put(pdf, 574, [(39, "310-0816"), (97, "BK-2001"), (193, "Fachbuch Montage"), (-421, "2"), (425, "Stück"),
                       (-503, "70,00"), (-556, "140,00")])  # fmt: skip
        put(pdf, 550, [(396, "Summe netto:"), (-559, "1.000,00")])
        put(pdf, 527, [(36, "Bitte bestätigen Sie uns diese Bestellung."), (322, "MwSt.-Satz"), (407, "Basis"),
                       (470, "MwSt."), (529, "Gesamt")])  # fmt: skip
        for i, row in enumerate(rows):
            put(pdf, 515 - 12 * i, row)
        put(pdf, 480, [(300, "Gesamtbetrag EUR:"), (-559, total)])

    return parse(draw)


# Safe (_strip, _after_note): a recap of two rates, or one whose note has a number in it, holds.
def test_safe_a_vat_recap_of_two_rates_or_beside_a_numbered_note() -> None:
    two = [
        [(36, "Lieferschein mit Bestellnummer erforderlich."), (-362, "19 %"), (-427, "860,00"), (-492, "163,40"),
         (-557, "1.023,40")],
        [(-362, "7 %"), (-427, "140,00"), (-492, "9,80"), (-557, "149,80")],
    ]  # fmt: skip
    assert not released(_kros(two, "1.173,20"))
    numbered = [[(36, "Bitte Bestellnr. 4500019400 angeben."), (-362, "19 %"), (-427, "1.000,00"),
                 (-492, "190,00"), (-557, "1.190,00")]]  # fmt: skip
    assert not released(_kros(numbered, "1.190,00"))


# Safe ('Rcvd Qty'): what was received is not what is ordered.
def test_safe_a_received_quantity_beside_the_ordered_one() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        ship_to(pdf)
        put(pdf, 600, [(40, "Item"), (110, "Description"), (-320, "Ord Qty"), (-370, "Rcvd Qty"), (380, "UOM"),
                       (-480, "Unit Price"), (-560, "Amount")])  # fmt: skip
        put(pdf, 584, [(40, "AB-1001"), (110, "Anchor bolt M12"), (-320, "24"), (-370, "10"), (380, "EA"),
                       (-480, "9.25"), (-560, "222.00")])  # fmt: skip
        put(pdf, 562, TOTAL[:1] + [(-560, "222.00")])

    order = parse(draw)
    assert [ln.quantity for ln in order.lines] == [Decimal("24")] or not released(order)


# Safe (_take): two columns read as the unit price with different figures hold the line.
def test_safe_two_unit_prices_that_differ() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-2201")])
        put(pdf, 744, [(380, "PO Date: 03/14/2026")])
        ship_to(pdf)
        put(pdf, 600, [(40, "Item"), (110, "Description"), (-320, "Qty"), (340, "UOM"), (-420, "Cost Each"),
                       (-480, "Price Each"), (-560, "Amount")])  # fmt: skip
        put(pdf, 584, [(40, "AB-1001"), (110, "Anchor bolt M12"), (-320, "24"), (340, "EA"), (-420, "9.25"),
                       (-480, "12.95"), (-560, "222.00")])  # fmt: skip
        put(pdf, 562, [(400, "Total"), (-560, "222.00")])

    assert not released(parse(draw))
