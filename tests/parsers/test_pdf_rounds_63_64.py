"""What blind rounds 63–64 taught the generic extractor, each on a small generated layout (not the round's own
PDFs). Round 63 released four of CONTPAQi's orders wrong (G12): their dates, '02/May/2031', did not read, and
nothing noticed. Now that form reads, and a date printed under a specific date label that does not read holds
the order whatever its form. Also: Comarch's 'Lieu et date d'émission : Lyon, 2031-05-06'. (CONTPAQi's 'Folio'
is left unread: in French prints 'Folio 1/1' is the page.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT, LOW_CONFIDENCE
from tests.parsers.test_pdf_generated import put, render


def _table(pdf: canvas.Canvas, y: float = 600) -> None:
    put(pdf, y, [(43, "Code"), (136, "Qty"), (162, "Unit"), (191, "Description"), (414, "Unit Price"),
                 (539, "Amount")])  # fmt: skip
    put(pdf, y - 16, [(43, "SF-8101"), (-149, "24.00"), (162, "Each"), (191, "Safety glasses clear anti-fog"),
                      (-451, "$4.95"), (-569, "$118.80")])  # fmt: skip
    put(pdf, y - 50, [(470, "Total"), (-572, "$118.80")])


def contpaqi(pdf: canvas.Canvas) -> None:
    put(pdf, 740, [(398, "Order No.:"), (519, "CP109901")])
    put(pdf, 728, [(398, "Date:"), (517, "02/May/2031")])
    put(pdf, 690, [(44, "Expected date"), (150, "Buyer")])
    put(pdf, 680, [(44, "12/May/2031"), (150, "Teresa Ocampo")])
    _table(pdf)


def test_contpaqi_day_slash_month_name_dates() -> None:
    order = render(contpaqi)
    assert order.po_number == "CP109901" and order.confidence["po_number"] >= CONFIDENT
    assert order.po_date == date(2031, 5, 2)
    assert [d.value for d in order.dates] == [date(2031, 5, 12)]
    assert order.hold_reasons == []


def test_a_labelled_date_in_a_form_we_do_not_read_holds_the_order() -> None:
    """The class of round 63's wrong releases: a date printed and not read must not pass for no date printed."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(398, "PO Number:"), (480, "45-9901")])
        put(pdf, 728, [(398, "Order Date:"), (480, "02 Ocak 2031")])
        put(pdf, 716, [(398, "Delivery Date:"), (480, "12 Ocak 2031")])
        _table(pdf)

    order = render(draw)
    assert order.po_date is None and order.dates == []
    held = {(r.code, r.field) for r in order.hold_reasons}
    assert {(LOW_CONFIDENCE, "po_date"), (LOW_CONFIDENCE, "requested_date")} <= held
    assert any("'12 Ocak 2031'" in r.message for r in order.hold_reasons)


def test_a_labelled_date_left_blank_holds_nothing() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(398, "PO Number:"), (480, "45-9902")])
        put(pdf, 728, [(398, "Delivery Date:"), (480, "Vendor: Ridgeline")])
        _table(pdf)

    order = render(draw)
    assert not any(r.field == "requested_date" for r in order.hold_reasons)


def test_comarch_place_and_date_of_issue() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 800, [(395, "Lieu et date d'émission : Lyon, 2031-05-06")])
        put(pdf, 770, [(150, "COMMANDE FOURNISSEUR N° CMD-2026-9901")])
        put(pdf, 700, [(47, "N° Code"), (127, "Désignation"), (333, "Quantité"), (380, "Unité"), (441, "Prix HT"),
                       (517, "Valeur HT")])  # fmt: skip
        put(pdf, 684, [(49, "1 EL-6001"), (127, "Assortiment de connecteurs"), (-363, "10"), (380, "pièce"),
                       (-467, "13,50"), (-552, "135,00")])  # fmt: skip

    order = render(draw, A4)
    assert order.po_date == date(2031, 5, 6)
    assert [ln.quantity for ln in order.lines] == [Decimal(10)]


def test_adagio_captions_two_lines_high_and_an_expected_date_under_a_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(420, "P.O. Number: BL-26-9901")])
        put(pdf, 728, [(432, "P.O. Date: 06/04/2031")])
        put(pdf, 690, [(67, "Expected"), (162, "Ship"), (320, "Payment"), (511, "Ordered")])
        put(pdf, 681, [(75, "Date"), (164, "Via"), (324, "Terms"), (521, "By")])
        put(pdf, 662, [(59, "Jun 26, 2031"), (141, "Estes LTL"), (310, "Net 30"), (506, "Purchasing")])
        _table(pdf, 620)

    order = render(draw)
    assert order.po_date == date(2031, 6, 4)
    assert [d.value for d in order.dates] == [date(2031, 6, 26)]

    def line_dates(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(420, "P.O. Number: BL-26-9902")])
        put(pdf, 690, [(40, "Item Number"), (128, "Description"), (378, "Qty"), (474, "Unit"), (538, "Extended")])
        put(pdf, 680, [(361, "Ordered UOM"), (473, "Cost"), (555, "Cost")])
        put(pdf, 662, [(40, "AB-1002"), (128, "Anchor bolt M10 x 100 zinc plated"), (-414, "600.00 EA"),
                       (-490, "6.1000"), (-572, "3,660.00")])  # fmt: skip
        put(pdf, 651, [(128, "Vendor Item: AB-1002 Expected: Jun 11, 2031")])

    (line,) = render(line_dates).lines
    assert (line.vendor_part_number, line.requested_date) == ("AB-1002", date(2031, 6, 11))


def test_abra_article_numbers_helium_ident_and_merlin_nett() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(71, "Bestellung 4500019901")])
        put(pdf, 700, [(43, "Bezeichnung"), (260, "Menge"), (297, "ME"), (334, "Preis je ME"), (439, "Nett")])
        put(pdf, 684, [(43, "Ankerbolzen M8 x 80 verzinkt"), (-284, "800,00"), (299, "St"), (-374, "3,80"),
                       (-486, "3.040,00")])  # fmt: skip
        put(pdf, 673, [(43, "Art.-Nr.: 310-0817 Ihre Art.-Nr.: AB-1003")])

    (line,) = render(draw, A4).lines
    assert (line.buyer_part_number, line.vendor_part_number, line.amount) == (
        "310-0817",
        "AB-1003",
        Decimal("3040.00"),
    )

    def helium(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(71, "Bestellung 4500019902")])
        put(pdf, 700, [(71, "Pos"), (125, "Menge Einh."), (196, "Ident"), (258, "Bezeichnung"), (423, "Preis"),
                       (519, "Betrag")])  # fmt: skip
        put(pdf, 684, [(71, "4"), (141, "20 Box"), (196, "GL-8001"), (258, "Nitril-Handschuhe Gr. L"),
                       (-442, "10,90"), (-544, "218,00")])  # fmt: skip

    (line,) = render(helium, A4).lines
    assert (line.vendor_part_number or line.buyer_part_number, line.quantity) == ("GL-8001", Decimal(20))


def test_dates_with_their_separators_set_apart_read_and_ranges_do_not() -> None:
    """Review 18: '06 / 05 / 2031' (a report's separate day, month and year fields) is a date; '5 - 10' is not."""
    from parsers.pdf.values import parse_date

    assert parse_date("06 / 05 / 2031", "dmy") == date(2031, 5, 6)
    assert parse_date("6. 5. 2031", "mdy") == date(2031, 5, 6)
    assert parse_date("6th May, 2031") == parse_date("2031-May-06") == date(2031, 5, 6)
    assert parse_date("Qty 5 - 10") is None and parse_date("5 -10") is None
