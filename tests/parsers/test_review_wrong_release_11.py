"""An eleventh review's reproductions: prints a real ERP could produce on which the rules added in
7d50494..2650864 release a wrong order. Each finding's test asserts the safe outcome (held, or read right) and
fails on 2650864; the tests marked SAFE pass: attacks tried that the rules withstand.

- ``coded_description(header, rows)`` (table.py, 96926fa): an item column left empty on every row ('Vendor Part
  #' nobody fills) no longer stops the first word of an 'Item Description' from being taken as the item's code,
  so a size at the head of the description ('1/2-13 x 2 Hex bolt', 'M12 Anchor bolt') is released as the item.
  On 7d50494 the same print held (lines without an item, 0.5); the 'Mfg ID' case fails there too, the caption
  then unknown (no item column at all: the older path).
- ``_marked_under_title`` (header.py, e9106d1): any '#'-marked word under 'Purchase Order' is a sure PO number;
  a store number printed there ('#118 Dayton Store') is released as PO number '118' at LABELLED confidence
  (7d50494: TITLED, held)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlmodel import Session

from orderhub.capture import decide_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from parsers.capture import CONFIDENT
from parsers.pdf import PdfParser
from schemas.order import Order, Source, SourceKind

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
Draw = Callable[[canvas.Canvas], None]
Row = list[tuple[float, str]]


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def parse(draw: Draw, sender: str = "buyer@acme.example") -> Order:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 9)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender=sender, document_id="f" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


def put(pdf: canvas.Canvas, y: float, row: Row) -> None:
    for x, text in row:
        (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)


def released(order: Order) -> bool:
    """The PDF stage's release: no hold and every field sure ('buyer' is the sender's, resolved by the core)."""
    return not order.hold_reasons and all(v >= CONFIDENT for k, v in order.confidence.items() if k != "buyer")


HEADER: Row = [(40, "Item"), (110, "Description"), (-350, "Qty"), (380, "UOM"), (-480, "Unit Price"), (-560, "Amount")]
FIRST: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-350, "24"), (380, "EA"), (-480, "9.25"), (-560, "222.00")]
SECOND: Row = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-350, "10"), (380, "EA"), (-480, "6.40"), (-560, "64.00")]


def labelled(pdf: canvas.Canvas) -> None:
    put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
    put(pdf, 756, [(380, "PO Number: 45-2201")])
    put(pdf, 744, [(380, "PO Date: 03/14/2026")])


def acme(
    head: Draw, header: Row = HEADER, rows: tuple[Row, ...] = (FIRST, SECOND), after: tuple[Row, ...] = ()
) -> Draw:
    """Acme's order to Dayton: ``head`` draws the header, then the ship-to, the table and ``after`` under its rows
    (by default 'Total 286.00')."""

    def draw(pdf: canvas.Canvas) -> None:
        head(pdf)
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(["Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402"]):
            put(pdf, 688 - 12 * i, [(40, text)])
        put(pdf, 600, header)
        y = 584.0
        for row in rows:
            put(pdf, y, row)
            y -= 16
        for row in after or ([(400, "Total"), (-560, "286.00")],):
            put(pdf, y - 6, row)
            y -= 14

    return draw


# Rule 5: coded_description(header, rows) (table.py, 96926fa). The customer's form has an 'Item Description'
# column and a 'Vendor Part #' column its buyers never fill. With the item column empty on every row, the
# description's first word is taken as the item's code: the bolt's size '1/2-13' and 'M12' are released as the
# vendor's part numbers. On 7d50494 the column's presence kept the lines without an item, held at 0.5.
@pytest.mark.parametrize("vendor_caption", ["Vendor Part #", "Mfg ID", "Supplier Part No."])
def test_a_size_first_in_an_item_description_is_not_the_item_when_the_part_column_is_empty(vendor_caption: str) -> None:
    header: Row = [(40, "Ln"), (70, "Item Description"), (260, vendor_caption), (-370, "Qty"), (380, "UOM"),
                   (-480, "Unit Price"), (-560, "Amount")]  # fmt: skip
    rows = (
        [(-50, "1"), (70, "1/2-13 x 2 Hex bolt grade 5"), (-370, "24"), (380, "EA"), (-480, "9.25"), (-560, "222.00")],
        [(-50, "2"), (70, "M12 Anchor bolt zinc"), (-370, "10"), (380, "EA"), (-480, "6.40"), (-560, "64.00")],
    )
    order = parse(acme(labelled, header, rows))
    items = [line.vendor_part_number for line in order.lines]
    assert not released(order) or items == [None, None], f"released items {items} read from the descriptions"


# Rule 7: _marked_under_title (header.py, e9106d1). A retailer's PO prints its store under the title ('Purchase
# Order' over '#118 Dayton Store') and its own number under a caption nobody knows ('Doc Ref 45-2201'). Any
# '#'-marked word under the title is now a sure PO number: '118' is released as the PO number (7d50494: TITLED,
# held).
@pytest.mark.parametrize("under", ["#118 Dayton Store", "#118 - Dayton"])
def test_a_store_number_marked_under_the_title_is_not_a_sure_po_number(session: Session, under: str) -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (420, "Purchase Order")])
        put(pdf, 758, [(420, under)])
        put(pdf, 740, [(420, "Date: 03/14/2026")])
        put(pdf, 728, [(420, "Doc Ref 45-2201")])

    order = decide_captured(session, parse(acme(head)))
    assert order.hold_reasons or order.po_number != "118", f"released PO {order.po_number}"


# SAFE (passes): rule 3's 'Item Total' under a one-line order's row equals its amount and is skipped, so the
# table reads on; a discount under it is taken into the line's description but the lines no longer make the
# 'PO Total' and the order is held.
def test_safe_an_item_total_then_a_discount_under_a_single_line_holds() -> None:
    after = ([(380, "Item Total:"), (-560, "222.00")], [(380, "Discount 10%"), (-560, "-22.20")],
             [(380, "PO Total:"), (-560, "199.80")])  # fmt: skip
    order = parse(acme(labelled, rows=(FIRST,), after=after))
    assert not released(order)


# SAFE (passes): rule 2's panel of labels with a colon set apart ('Date :' over 'Order :' at one tab stop) makes
# the row-only 'Order' a PO caption, but against the title's number it is a rival: held.
def test_safe_an_order_reference_in_a_colon_panel_against_the_title_number_holds() -> None:
    def head(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER 45-2201")])
        put(pdf, 750, [(330, "Date :"), (420, "03/14/2026")])
        put(pdf, 738, [(330, "Order :"), (420, "SO-88213")])

    order = parse(acme(head))
    assert not released(order) or order.po_number == "45-2201"


# SAFE (passes): rule 6's unknown word slashed before a known caption ('Pack / Qty', the pack size printed under
# 'Pack'): the quantity stays the quantity's.
def test_safe_pack_slash_qty_keeps_the_quantity() -> None:
    header: Row = [(40, "Item"), (110, "Description"), (290, "Pack"), (315, "/"), (322, "Qty"), (380, "UOM"),
                   (-480, "Unit Price"), (-560, "Amount")]  # fmt: skip
    rows = (
        [(40, "AB-1001"), (110, "Anchor bolt M12"), (290, "6"), (-340, "24"), (380, "EA"), (-480, "9.25"),
         (-560, "222.00")],
        [(40, "AB-1002"), (110, "Anchor bolt M10"), (290, "5"), (-340, "10"), (380, "EA"), (-480, "6.40"),
         (-560, "64.00")],
    )  # fmt: skip
    order = parse(acme(labelled, header, rows))
    assert [(ln.vendor_part_number, ln.quantity) for ln in order.lines] == [
        ("AB-1001", Decimal(24)),
        ("AB-1002", Decimal(10)),
    ]
