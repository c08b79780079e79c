"""What blind round 87 taught the generic extractor (round 88 was read at first sight), each on a small generated
layout (not the round's own PDFs): Kulcs-Ügyvitel's 'Serial no.' flush right under 'PURCHASE ORDER', KROS OMEGA's
VAT recap ('MwSt.-Satz  Basis  MwSt.  Gesamt') over its figures with a note left of both, and Copilote's 'UV' unit
column and 'Réf. fourn. :' under each line."""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import put, render


def _serial(pdf: canvas.Canvas, titled: bool) -> None:
    pdf.setFont("Helvetica-Bold", 16)
    put(pdf, 800, [(36, "Acme Hardware Co."), *([(-559, "PURCHASE ORDER")] if titled else [])])
    pdf.setFont("Helvetica", 9)
    put(pdf, 784, [(36, "200 Commerce Park Drive"), (-559, "Serial no.: 45-8050")])
    put(pdf, 600, [(43, "No. Item code"), (123, "Item name"), (321, "Quantity Unit"), (401, "Net unit price"),
                   (523, "Net value")])  # fmt: skip
    put(pdf, 586, [(48, "1. HT-9002"), (123, "Tape measure 5 m"), (-369, "24,00 pcs"), (-449, "9,20"),
                   (-556, "220,80")])  # fmt: skip
    put(pdf, 560, [(434, "Net total:"), (-559, "220,80 USD")])


def test_a_serial_number_flush_right_under_the_orders_title_is_its_number() -> None:
    order = render(lambda pdf: _serial(pdf, titled=True), A4)
    assert order.po_number == "45-8050" and order.confidence["po_number"] >= 0.9
    untitled = render(lambda pdf: _serial(pdf, titled=False), A4)  # a serial number alone names no order
    assert untitled.confidence.get("po_number", 0.0) < 0.9


def test_a_vat_recap_over_its_figures_beside_a_note_gives_the_tax() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(300, "Bestellung Nr."), (400, "4500019400")])
        put(pdf, 600, [(39, "Code"), (97, "Ihre Art.-Nr."), (193, "Bezeichnung"), (390, "Menge ME"),
                       (469, "Preis/ME"), (527, "Gesamt")])  # fmt: skip
        put(pdf, 587, [(39, "310-0815"), (97, "AB-1001"), (193, "Ankerbolzen M12 x 120"), (-421, "100"),
                       (425, "Stück"), (-503, "8,60"), (-556, "860,00")])  # fmt: skip
        put(pdf, 560, [(396, "Summe netto:"), (-559, "860,00")])
        put(pdf, 527, [(36, "Bitte bestätigen Sie uns diese Bestellung."), (322, "MwSt.-Satz"), (407, "Basis"),
                       (470, "MwSt."), (529, "Gesamt")])  # fmt: skip
        put(pdf, 515, [(36, "Lieferschein mit Bestellnummer erforderlich."), (-362, "19 %"), (-427, "860,00"),
                       (-492, "163,40"), (-557, "1.023,40")])  # fmt: skip
        put(pdf, 492, [(300, "Gesamtbetrag EUR:"), (-559, "1.023,40")])

    order = render(draw, A4)
    assert order.confidence.get("charges", 1.0) >= 0.9 and not order.allowances_charges
    assert not [w for w in order.warnings if "not its goods" in w]


def test_a_unit_column_captioned_uv_and_the_suppliers_reference_under_each_line() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 780, [(360, "Commande N°"), (440, "CMD-2026-7001")])
        pdf.setFont("Helvetica-Bold", 7.5)
        put(pdf, 620, [(43, "Ligne"), (69, "Libellé / Réf. fournisseur"), (285, "Date livr."), (353, "Quantité"),
                       (389, "UV"), (455, "Prix unit."), (527, "Montant")])  # fmt: skip
        pdf.setFont("Helvetica", 8)
        put(pdf, 606, [(54, "20"), (69, "Ruban isolant 19 mm x 20 m noir"), (281, "22/05/2033"), (-383, "120,00"),
                       (389, "Rouleau"), (-487, "1,00"), (-556, "120,00")])  # fmt: skip
        pdf.setFont("Helvetica", 7)
        put(pdf, 595, [(69, "Réf. fourn. : EL-6005")])
        pdf.setFont("Helvetica", 8)
        put(pdf, 570, [(386, "Total HT"), (-548, "120,00 €")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.uom, ln.quantity) for ln in order.lines] == [
        ("EL-6005", "RL", Decimal("120.00"))
    ]
