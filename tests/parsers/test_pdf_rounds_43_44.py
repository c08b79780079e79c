"""What blind rounds 43–44 taught the generic extractor, each on a small generated layout (not the round's own
PDFs). Round 44's PeopleSoft print put 'Sched 1 … Line Total: 106.80' under each line: the first was taken for
the order's total, the other lines were dropped, and a learned layout then released that order wrong."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from tests.parsers.test_pdf_generated import render

ROWS = [("HT-9001", "Claw hammer 16 oz", "6.00", "17.80", "106.80"), ("HT-9005", "Screwdriver set 6 pc", "4.00",
        "15.30", "61.20"), ("EL-6002", "Extension cord 10 m", "8.00", "21.90", "175.20")]  # fmt: skip


def dispatch(line_total: str, amount_caption: str = "Merch Amt"):
    """A PeopleSoft-like dispatch: each line followed by its schedule row ending in ``line_total`` and its figure."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "PURCHASE ORDER")
        pdf.drawString(300, 740, "PO Number")
        pdf.drawString(300, 728, "GR-39901")
        pdf.drawString(400, 740, "PO Date")
        pdf.drawString(400, 728, "10/15/2029")
        y = 640
        for x, caption in [(40, "Line"), (66, "Item ID"), (120, "Description"), (330, "Quantity"), (380, "UOM"),
                           (430, "Unit Price"), (500, amount_caption)]:  # fmt: skip
            pdf.drawString(x, y, caption)
        for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
            y -= 20
            for x, value in [(40, str(n)), (66, code), (120, text), (-370, qty), (380, "EA"), (-470, price),
                             (-545, amount)]:  # fmt: skip
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, value)
            y -= 11
            pdf.setFont("Helvetica", 7)
            pdf.drawString(66, y, "Sched 1 Ship To: GSB-2 Dist 1: 100.00% Acct 512000 Dept 211")
            pdf.drawString(420, y, line_total)
            pdf.drawRightString(545, y, amount)
            pdf.setFont("Helvetica", 9)
        pdf.drawString(400, y - 30, "Total PO Amount")
        pdf.drawRightString(545, y - 30, "343.20")

    return draw


def test_a_line_total_under_each_line_is_the_lines_own() -> None:
    for caption in ("Line Total:", "Schedule Total", "Item Total:"):
        order = render(dispatch(caption))
        assert [(ln.vendor_part_number, ln.quantity, ln.unit_price) for ln in order.lines] == [
            (code, Decimal(qty), Decimal(price)) for code, _, qty, price, _ in ROWS
        ], caption
        assert order.stated_total == Decimal("343.20"), caption
        assert not order.hold_reasons, caption


def test_merch_amt_is_the_amount_column() -> None:
    order = render(dispatch("Line Total:"))
    assert [ln.amount for ln in order.lines] == [Decimal(amount) for *_, amount in ROWS]


def test_rows_under_the_total_on_its_own_page_hold_the_order() -> None:
    """The safety net: whatever ended the table too early, rows in its columns under that 'total' (their
    quantity × price their amount) mean lines were not read — the order is held, never released short."""
    order = render(dispatch("Lines' Total:"))  # a caption no rule knows as a line's own: it ends the table
    assert len(order.lines) == 1
    assert [h.code for h in order.hold_reasons] == ["TABLE_NOT_FOUND"]
    assert "follow its total on page 1" in order.hold_reasons[0].message


def peoplesoft(pdf: canvas.Canvas) -> None:
    """PeopleSoft's other print: 'Line-Sch' numbers ('1-  1'), the item's code first under 'Item/Description'
    with its name on the line under it, an empty 'Mfg ID' column, 'PO Price', 'Extended Amt' and 'Due Date'."""
    pdf.drawString(40, 760, "PURCHASE ORDER")
    pdf.drawString(300, 740, "PO Number")
    pdf.drawString(300, 728, "GR-39902")
    pdf.drawString(400, 740, "PO Date")
    pdf.drawString(400, 728, "10/01/2029")
    pdf.setFont("Helvetica-Bold", 7.5)
    for x, caption in [(40, "Line-Sch"), (84, "Item/Description"), (262, "Mfg ID"), (-348, "Quantity"), (356, "UOM"),
                       (-432, "PO Price"), (-506, "Extended Amt"), (516, "Due Date")]:  # fmt: skip
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, caption)
    pdf.setFont("Helvetica", 8.5)
    y = 620
    for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
        for x, value in [(40, f"{n}-"), (58, "1"), (84, code), (-348, f"{qty}00"), (356, "EA"), (-432, f"{price}000"),
                         (-506, amount), (516, "10/10/2029")]:  # fmt: skip
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, value)
        pdf.drawString(84, y - 10, text)
        y -= 40
    pdf.drawString(400, y, "Total PO Amount")
    pdf.drawRightString(545, y, "343.20")


def test_line_and_schedule_numbers_and_the_code_first_under_item_description() -> None:
    order = render(peoplesoft)
    assert [(ln.line_number, ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (str(n), code, Decimal(qty), Decimal(price), Decimal(amount))
        for n, (code, _, qty, price, amount) in enumerate(ROWS, start=1)
    ]
    assert order.stated_total == Decimal("343.20")
    assert not order.hold_reasons


def lawson(pdf: canvas.Canvas) -> None:
    """Lawson's PO130: 'Extended Amt' and 'Deliver Date' captions, four-decimal costs, a requisition under a line."""
    pdf.drawString(40, 760, "PURCHASE ORDER   PO Number 45-9903")
    pdf.drawString(40, 745, "Order Date 09/04/2029")
    for x, caption in [(38, "Line"), (66, "Item"), (126, "Description"), (328, "Quantity"), (366, "UOM"),
                       (401, "Unit Cost"), (451, "Extended Amt"), (510, "Deliver Date")]:  # fmt: skip
        pdf.drawString(x, 640, caption)
    y = 620
    for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
        for x, value in [(-48, str(n)), (66, code), (126, text), (-350, qty[:-3]), (366, "EA"), (-434, f"{price}00"),
                         (-501, amount), (510, "09/18/2029")]:  # fmt: skip
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, value)
        pdf.drawString(66, y - 10, f"REQ 8010{n}-1 REQUESTER STORE60 ACCT 1410-000")
        y -= 30
    pdf.drawString(380, y, "Total PO Amount")
    pdf.drawRightString(501, y, "343.20")


def test_extended_amt_and_deliver_date_columns() -> None:
    order = render(lawson)
    assert [(ln.vendor_part_number, ln.quantity, ln.unit_price, ln.amount) for ln in order.lines] == [
        (code, Decimal(qty), Decimal(price), Decimal(amount)) for code, _, qty, price, amount in ROWS
    ]
    assert [str(ln.requested_date) for ln in order.lines] == ["2029-09-18"] * 3
    assert order.stated_total == Decimal("343.20") and not order.hold_reasons


def test_stck_is_each() -> None:
    from parsers.pdf.values import unit_code

    assert unit_code("Stck") == unit_code("Stck.") == unit_code("Stücke") == "EA"


def heartland(pdf: canvas.Canvas) -> None:
    """Heartland Retail: 'Purchase Order' with '#DM/26/4201' right under it, the site under 'RECEIVE AT'."""
    pdf.setFont("Helvetica", 18)
    pdf.drawRightString(572, 745, "Purchase Order")
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawRightString(572, 727, "#DM/26/9904")
    pdf.setFont("Helvetica", 7)
    pdf.drawString(48, 690, "VENDOR")
    pdf.drawString(220, 690, "RECEIVE AT")
    pdf.drawString(400, 690, "DETAILS")
    pdf.setFont("Helvetica", 8.5)
    for i, (left, middle, right) in enumerate(
        [
            ("Ridgeline Fastener & Tool Supply", "Delta Marine Tampa", "Created   Sep 3, 2029"),
            ("4400 Industrial Parkway", "1401 Channelside Drive", "Status   Open"),
            ("Cleveland, OH 44135", "Tampa, FL 33602", ""),
        ]  # fmt: skip
    ):
        pdf.drawString(48, 678 - 11 * i, left)
        pdf.drawString(220, 678 - 11 * i, middle)
        pdf.drawString(400, 678 - 11 * i, right)
    for x, caption in [(48, "Item #"), (130, "Description"), (-400, "Qty"), (-470, "Unit Cost"), (-545, "Total Cost")]:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 600, caption)
    y = 580
    for code, text, qty, price, amount in ROWS:
        for x, value in [(48, code), (130, text), (-400, qty[:-3]), (-470, f"${price}"), (-545, f"${amount}")]:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, value)
        y -= 16
    pdf.drawString(430, y - 10, "Total")
    pdf.drawRightString(545, y - 10, "$343.20")


def test_a_number_marked_under_the_title_and_receive_at() -> None:
    order = render(heartland)
    assert order.po_number == "DM/26/9904" and order.confidence["po_number"] >= 0.9
    assert order.ship_to is not None and order.ship_to.name == "Delta Marine Tampa"


def buildpro(pdf: canvas.Canvas) -> None:
    """Hyphen BuildPro: 'Option / Item' over the code (printed under 'Option'), quantity and unit first."""
    pdf.drawString(40, 760, "PURCHASE ORDER   PO #: GR-39905   Issue Date: 9/18/2029")
    for x, caption in [(62, "Qty"), (88, "UOM"), (128, "Option"), (159, "/"), (166, "Item"), (216, "Description"),
                       (-470, "Unit Price"), (-545, "Ext Price")]:  # fmt: skip
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, caption)
    y = 620
    for code, text, qty, price, amount in ROWS:
        for x, value in [(62, qty), (88, "EA"), (128, code), (216, text), (-470, price), (-545, amount)]:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, value)
        y -= 16
    pdf.drawString(430, y - 10, "PO Total")
    pdf.drawRightString(545, y - 10, "$343.20")


def test_an_unknown_word_slashed_before_item_is_the_items_column() -> None:
    order = render(buildpro)
    assert [ln.vendor_part_number for ln in order.lines] == [code for code, *_ in ROWS]
    assert not order.hold_reasons


def test_stock_due_is_the_delivery_date() -> None:
    def tradegecko(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "PURCHASE ORDER   DM/26/9906")
        for x, (caption, value) in zip((40, 160, 280), [("Issue Date", "1 Oct 2029"), ("Stock Due", "12 Oct 2029"),
                                                        ("Currency", "USD")], strict=True):  # fmt: skip
            pdf.drawString(x, 720, caption)
            pdf.drawString(x, 708, value)
        for x, caption in [(40, "Item"), (200, "SKU"), (-400, "Qty"), (-470, "Price"), (-545, "Total")]:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640, caption)
        for n, (code, text, qty, price, amount) in enumerate(ROWS, start=1):
            for x, value in [(40, text), (200, code), (-400, qty[:-3]), (-470, f"${price}"), (-545, f"${amount}")]:
                (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), 640 - 16 * n, value)
        pdf.drawString(430, 560, "Total (USD)")
        pdf.drawRightString(545, 560, "$343.20")

    order = render(tradegecko)
    assert str(order.po_date) == "2029-10-01"
    assert [str(d.value) for d in order.dates if d.qualifier == "002"] == ["2029-10-12"]
