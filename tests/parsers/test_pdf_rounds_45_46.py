"""What blind rounds 45–46 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): French unit abbreviations, Maximo's detail rows under a line, an Access report's print date in its footer,
'SKU … · Vendor SKU …' under a line, 'Lief.-Artikelnr.', and a German panel of conditions set flush right."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from parsers.pdf.values import unit_code
from tests.parsers.test_pdf_generated import render
from tests.parsers.test_pdf_rounds_43_44 import ROWS


def test_french_unit_abbreviations() -> None:
    assert [unit_code(u) for u in ("PCE", "RLX", "CTN", "PAQ", "BTE")] == ["EA", "RL", "CT", "PK", "BX"]


def rows_with_notes(notes: list[str], *, coded: bool = True) -> object:
    """A plain table whose every line has ``notes`` (with {n} for the line's number) printed under it."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "PURCHASE ORDER   PO Number: GR-39911   Order Date: 11/05/2029")
        pdf.drawString(40, 745, "Required Date: 11/19/2029")
        for x, text in [(40, "Line"), (66, "Item"), (126, "Description"), (-350, "Quantity"), (360, "Unit"),
                        (-460, "Unit Cost"), (-545, "Amount")]:  # fmt: skip
            if coded or text != "Item":
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, text)
        y = 620
        for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
            for x, value in [(-48, str(n)), (66, code if coded else ""), (126, text), (-350, qty), (360, "EACH"),
                             (-460, price), (-545, amount)]:  # fmt: skip
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, value)
            pdf.setFont("Helvetica", 7)
            for k, note in enumerate(notes, start=1):
                pdf.drawString(66, y - 9 * k, note.format(n=n, code=code))
            pdf.setFont("Helvetica", 9)
            y -= 12 + 9 * len(notes)
        pdf.drawString(400, y - 10, "Total Cost:")
        pdf.drawRightString(545, y - 10, "343.20")

    return draw


def test_maximo_detail_rows_under_a_line_are_its_date_and_coding() -> None:
    order = render(rows_with_notes(["Req'd Date: 11/19/29 Storeroom: CONCORD GL Account: 6100-300-261{n}",
                                    "PR: 30301-{n} Requested By: MLEBLANC Inspection Required: N"]))  # fmt: skip
    assert [ln.vendor_part_number for ln in order.lines] == [code for code, *_ in ROWS]
    assert [ln.description for ln in order.lines] == [text for _, text, *_ in ROWS]
    assert [str(ln.requested_date) for ln in order.lines] == ["2029-11-19"] * 3
    assert not order.hold_reasons


def test_sku_and_vendor_sku_under_a_line() -> None:
    order = render(rows_with_notes(["SKU CP-11004{n} · Vendor SKU {code}"], coded=False))
    assert [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines] == [
        (code, f"CP-11004{n}") for n, (code, *_) in enumerate(ROWS, start=1)
    ]


def test_lief_artikelnr_under_a_line() -> None:
    order = render(rows_with_notes(["Artikelnr.: 600-700{n} | Lief.-Artikelnr.: {code}"], coded=False))
    assert [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines] == [
        (code, f"600-700{n}") for n, (code, *_) in enumerate(ROWS, start=1)
    ]


def test_an_access_reports_print_date_in_its_footer_is_no_stray_date() -> None:
    def access(pdf: canvas.Canvas) -> None:
        rows_with_notes([])(pdf)
        pdf.drawString(40, 30, "Monday, November 26, 2029")
        pdf.drawRightString(570, 30, "Page 1 of 1")

    order = render(access)
    assert not order.hold_reasons, order.hold_reasons


def test_a_german_panel_of_conditions_set_flush_right() -> None:
    def pickware(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 790, "Bestellung")
        for i, (label, value) in enumerate([("Bestell-Nr.", "4500019912"), ("Datum", "05.12.2029")]):
            pdf.drawString(330, 790 - 11 * i, label)
            pdf.drawRightString(553, 790 - 11 * i, value)
        for i, (label, value) in enumerate([("Liefertermin:", "14.12.2029"), ("Versandart:", "Spedition"),
                                            ("Lieferbedingung:", "frei Haus"),
                                            ("Zahlungsbedingung:", "30 Tage netto")]):  # fmt: skip
            pdf.drawString(330, 740 - 11 * i, label)
            pdf.drawRightString(553, 740 - 11 * i, value)
        for x, text in [(40, "Pos."), (70, "Artikel"), (150, "Bezeichnung"), (-380, "Menge"), (390, "Einheit"),
                        (-470, "Einzelpreis"), (-545, "Gesamt")]:  # fmt: skip
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, text)
        for x, value in [(40, "1"), (70, "AB-1005"), (150, "Spreizanker"), (-380, "8"), (390, "Stück"),
                         (-470, "39,80"), (-545, "318,40")]:  # fmt: skip
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 624, value)
        pdf.drawString(380, 590, "Summe netto")
        pdf.drawRightString(545, 590, "318,40")

    order = render(pickware)
    assert [str(d.value) for d in order.dates if d.qualifier == "002"] == ["2029-12-14"]
    assert order.lines[0].amount == Decimal("318.40") and not order.hold_reasons


def test_line_cost_after_unit_cost_is_the_amount() -> None:
    """Maximo: 'Unit Cost  Line Cost' — 'Line' tight before 'Cost' after a price is the line's amount."""

    def maximo(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "PURCHASE ORDER   PO: GR-39917   Order Date: 11/05/2029")
        pdf.setFont("Helvetica-Bold", 7.5)
        for x, text in [(39, "Line"), (65, "Item"), (125, "Description"), (-417, "Quantity"), (423, "Order Unit"),
                        (-527, "Unit Cost"), (539, "Line"), (556, "Cost")]:  # fmt: skip
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, text)
        pdf.setFont("Helvetica", 8)
        for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
            for x, value in [(-48, str(n)), (65, code), (125, text), (-417, qty), (423, "EACH"), (-527, price),
                             (-573, amount)]:  # fmt: skip
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640 - 16 * n, value)
        pdf.drawString(430, 560, "Total Cost:")
        pdf.drawRightString(573, 560, "343.20")

    order = render(maximo)
    assert [ln.amount for ln in order.lines] == [Decimal(amount) for *_, amount in ROWS]
    assert order.confidence["lines"] >= 0.9


def test_a_vendor_ids_value_under_the_title_is_no_rival_po_number() -> None:
    """Access: 'PURCHASE ORDER' top right over 'Vendor ID:  1107'; the PO number is labelled on its own."""

    def access(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawRightString(572, 750, "PURCHASE ORDER")
        pdf.setFont("Helvetica", 9)
        for x, text in [(40, "PO Number:"), (125, "DM/26/9918"), (360, "Vendor ID:"), (430, "1107")]:
            pdf.drawString(x, 712, text)
        pdf.drawString(40, 700, "PO Date:")
        pdf.drawString(125, 700, "11/02/2029")
        for x, text in [(40, "Item #"), (130, "Description"), (-400, "Qty"), (-470, "Unit Price"), (-545, "Extended")]:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, text)
        for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
            for x, value in [(40, code), (130, text), (-400, qty[:-3]), (-470, f"${price}"), (-545, f"${amount}")]:
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640 - 16 * n, value)
        pdf.drawString(430, 560, "Order Total:")
        pdf.drawRightString(545, 560, "$343.20")

    order = render(access)
    assert order.po_number == "DM/26/9918" and order.confidence["po_number"] >= 0.9
