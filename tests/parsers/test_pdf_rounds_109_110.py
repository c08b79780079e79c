"""What blind rounds 109–110 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
Tharstern's 'Your Ref' column, the supplier's own code; Maritech Eye's 'ETA' in a row of captions beside
'Delivery terms' (the Incoterms, no date). (Ekylibre's 'Réf. | Article' read as code then name was withdrawn after
review 27.) Round 109 was released whole at first sight."""

from __future__ import annotations

from datetime import date

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_your_ref_column_is_the_suppliers_code() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "Purchase Order"), (300, "Order No."), (360, "BL-26-7201")])
        put(pdf, 640, [(74, "Qty"), (93, "Description"), (293, "Your Ref"), (363, "Unit"), (437, "Price"), (470, "Per"),
                       (548, "Value")])  # fmt: skip
        put(pdf, 626, [(-87, "500"), (93, "Anchor bolt M10 x 100"), (293, "AB-1002"), (363, "Each"), (-457, "6.10"),
                       (-482, "1"), (-569, "3,050.00")])  # fmt: skip
        put(pdf, 600, [(460, "Order Total"), (-569, "3,050.00")])

    order = render(draw, letter)
    assert [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines] == [("AB-1002", None)]


def test_eta_in_a_row_of_captions_and_delivery_terms_beside_it() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "PURCHASE ORDER"), (400, "Order no. DM/26/7102")])
        put(pdf, 700, [(40, "Order date"), (150, "ETA"), (260, "Delivery terms"), (370, "Payment terms")])
        put(pdf, 688, [(40, "10.04.2035"), (150, "20.04.2035"), (260, "DAP Miami"), (370, "30 days net")])
        put(pdf, 640, [(40, "Item no."), (110, "Description"), (-350, "Qty"), (360, "Unit"), (-450, "Unit price"),
                       (-550, "Amount")])  # fmt: skip
        put(pdf, 626, [(40, "SF-8101"), (110, "SAFETY GLASSES"), (-350, "36"), (360, "each"), (-450, "4.95"),
                       (-550, "178.20")])  # fmt: skip
        put(pdf, 600, [(460, "Total"), (-550, "178.20")])

    order = render(draw, A4)
    assert order.po_date == date(2035, 4, 10)
    assert [d.value for d in order.dates if d.qualifier == "002"] == [date(2035, 4, 20)]
    assert order.confidence["requested_date"] >= CONFIDENT and not order.hold_reasons


def test_reference_then_article_holds_when_article_could_be_a_code() -> None:
    """Ekylibre's 'Réf. | Article' read as code then name released Réf. client's number as our item where both
    columns hold codes (review 27): the rule was withdrawn, and such a row holds (J21 is named in test_eval)."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(350, "Bon de commande")])
        put(pdf, 740, [(40, "N° de commande : CMD-2026-8152")])
        put(pdf, 660, [(43, "Réf."), (103, "Article"), (379, "Qté"), (428, "PU HT"), (520, "Total HT")])
        put(pdf, 646, [(43, "PL-5002"), (103, "Coude cuivre 15 mm à 90°"), (-392, "200,00"), (-452, "2,60"),
                       (-552, "520,00 €")])  # fmt: skip
        put(pdf, 620, [(440, "Total HT"), (-552, "520,00 €")])

    order = render(draw, A4)
    assert order.confidence["lines"] < CONFIDENT
