"""A purchase order printed as cancelled or void is not posted as a plain order (review 24 found 'PO Number:
45-2201 | CANCELLED' read as one): it holds, naming the mark, and a person decides what it cancels. A sentence of
terms that mentions cancelling does not hold the order."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from parsers.capture import LOW_CONFIDENCE
from tests.parsers.test_pdf_generated import put, render


def _order(mark: str, footer: str = "") -> canvas.Canvas:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 740, [(40, "PURCHASE ORDER")])
        put(pdf, 720, [(40, "PO Number: 45-2201" + mark), (400, "Date: 03/02/2026")])
        put(pdf, 700, [(40, "Ship To:"), (100, "Acme Hardware Dayton")])
        put(pdf, 688, [(100, "1180 Wayne Avenue")])
        put(pdf, 676, [(100, "Dayton, OH 45402")])
        put(pdf, 640, [(40, "Item"), (120, "Description"), (-380, "Qty"), (-460, "Price"), (-540, "Amount")])
        put(pdf, 626, [(40, "AB-1001"), (120, "Anchor bolt M12"), (-380, "10"), (-460, "9.25"), (-540, "92.50")])
        put(pdf, 600, [(400, "Total"), (-540, "92.50")])
        if footer:
            put(pdf, 560, [(40, footer)])

    return render(draw, letter)


@pytest.mark.parametrize("mark", [" | CANCELLED", " | Status: Cancelled", "          *** VOID ***", " | STORNIERT"])
def test_a_document_marked_cancelled_or_void_holds(mark: str) -> None:
    order = _order(mark)
    held = [r for r in order.hold_reasons if r.code == LOW_CONFIDENCE and r.field == "purpose"]
    assert held and mark.strip(" |*").split()[-1] in held[0].message


def test_terms_that_mention_cancelling_do_not_hold() -> None:
    order = _order("", "Orders not confirmed within 5 days will be cancelled. Void where prohibited.")
    assert order.po_number == "45-2201" and not order.hold_reasons
