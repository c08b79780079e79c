"""What blind rounds 53–54 taught the generic extractor, each on a small generated layout (not the round's own
PDFs). First the one wrong release: Archipelia's K1003 printed 'N° :' with no number and its day-first date
under it; the date was taken for the PO number (a date was recognised only month first)."""

from __future__ import annotations

import pytest
from reportlab.pdfgen import canvas

from parsers.pdf.header import _po_number
from parsers.pdf.layout import Word
from tests.parsers.test_pdf_generated import render


def put(pdf: canvas.Canvas, y: float, row: list[tuple[float, str]]) -> None:
    for x, text in row:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)


def archipelia(number: str):
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(333, "BON DE COMMANDE FOURNISSEUR")])
        put(pdf, 734, [(306, "N° :"), (350, number)])
        put(pdf, 723, [(306, "Date :"), (350, "15/07/2030")])
        put(pdf, 712, [(306, "Page :"), (350, "1/1")])
        put(pdf, 680, [(40, "Adresse de livraison")])
        for n, text in enumerate(["Lumière Lyon Part-Dieu", "27 rue Servient", "69003 Lyon"]):
            put(pdf, 668 - 11 * n, [(46, text)])
        put(pdf, 600, [(37, "Code"), (97, "Désignation"), (356, "Unité"), (404, "Quantité"), (464, "P.U. HT"),
                       (514, "Montant HT")])  # fmt: skip
        put(pdf, 584, [(37, "EL-6005"), (97, "Ruban isolant"), (351, "Rouleau"), (-436, "100"), (-492, "1,00"),
                       (-558, "100,00")])  # fmt: skip
        put(pdf, 550, [(379, "Total HT"), (-558, "100,00 €")])

    return draw


def test_a_day_first_date_under_an_empty_number_is_no_po_number() -> None:
    order = render(archipelia(""))
    assert order.po_number == ""
    numbered = render(archipelia("CMD-2026-9901"))
    assert numbered.po_number == "CMD-2026-9901"


@pytest.mark.parametrize("text", ["15/07/2030", "31-12-2030", "15.07.2030", "2030-07-15"])
def test_a_date_either_way_is_no_po_number(text: str) -> None:
    assert _po_number([Word(text, 0, 40, 0, 9)]) is None
