"""The PDF purchase-order extractor on the development evaluation PDFs (layouts A–H, scans) and on bad input
generated here: fields, wrapped rows, multi-page tables, overprinted bold, European numbers, confidence."""

from __future__ import annotations

import io
import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from orderhub.capture import CARTON, PACKAGED
from parsers.capture import CONFIDENT, NO_TEXT_LAYER, REQUIRED
from parsers.errors import DocumentRejected
from parsers.pdf import MAX_PAGES, PdfParser
from schemas.order import Order, Source, SourceKind

EVAL = FIXTURES / "eval" / "pdf"
DEV = sorted(p for p in EVAL.glob("layout-*/*.pdf"))


def read(path: Path, sender: str | None = None) -> Order:
    if sender is None:
        sender = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())["sender"]
    result = PdfParser().parse(path.read_bytes(), Source(kind=SourceKind.PDF, sender=sender))
    assert result.kind is SourceKind.PDF and len(result.sets) == 1
    order = result.sets[0].order
    assert order is not None
    return order


def expected(path: Path) -> dict:
    return json.loads((path.parent / (path.stem + ".expected.json")).read_text())["order"]


def dev(name: str) -> Path:
    return EVAL / f"layout-{name[0]}" / f"po-{name}.pdf"


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_dev_layouts_read_as_printed(path: Path) -> None:
    order, want = read(path), expected(path)
    assert order.po_number == (want["po_number"] or "")
    assert (order.po_date.isoformat() if order.po_date else None) == want["po_date"]
    requested = next((d.value.isoformat() for d in order.dates if d.qualifier == "002"), None)
    assert requested == want["requested_date"]
    price_less = all(wanted["unit_price"] is None for wanted in want["lines"])
    assert order.currency == want["currency"] or (price_less and order.currency is None)  # the customer's, then
    assert order.stated_total == (Decimal(want["total"]) if want["total"] else None)
    assert len(order.lines) == len(want["lines"])
    for line, wanted in zip(order.lines, want["lines"], strict=True):
        assert line.quantity == Decimal(wanted["quantity"])
        assert line.unit_price == (Decimal(wanted["unit_price"]) if wanted["unit_price"] else None)
        assert line.uom in (None, wanted["uom"]) or (line.uom == CARTON and wanted["uom"] in PACKAGED)
        codes = {line.buyer_part_number, line.vendor_part_number}
        assert wanted["buyer_part_number"] in codes or wanted["sku"] in codes
    assert order.ship_to is not None and order.ship_to.postal_code


def test_header_values_and_ship_to_party() -> None:
    order = read(dev("A01"))
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.city, order.ship_to.state, order.ship_to.postal_code) == (
        "Acme Hardware Dayton",
        "Dayton",
        "OH",
        "45402",
    )
    assert order.ship_to.address_lines == ["1200 Wayne Ave"]
    assert order.buyer is not None and order.buyer.name == "Acme Hardware Co."
    assert order.terms is not None and order.terms.description == "Net 30 days"
    assert order.source.sender == "buyer@acme.example"
    line = order.lines[2]  # an item printed without saying whose code it is: both, the core decides
    assert line.buyer_part_number == line.vendor_part_number == "7731"
    assert all(order.confidence[f] >= CONFIDENT for f in REQUIRED)


def test_wrapped_descriptions_with_the_item_code_on_its_own_line() -> None:
    order = read(dev("F01"))
    assert [line.vendor_part_number for line in order.lines] == ["AB-1001", "DR-3010", "HT-9004", "EL-6002"]
    assert "certificate of conformity" in (order.lines[0].description or "")
    labelled = read(dev("F02"))  # 'Part No.: CP-110047' under the description
    assert [line.buyer_part_number for line in labelled.lines] == ["CP-110047", "CP-330502", "CP-660010"]


def test_table_continued_across_pages_without_the_running_subtotals() -> None:
    order = read(dev("E02"))
    assert len(order.lines) == 40
    assert [line.line_number for line in order.lines] == [str(n) for n in range(1, 41)]
    assert order.stated_total == Decimal("7327.40")
    assert sum(line.amount or 0 for line in order.lines) == Decimal("7327.40")
    assert order.confidence["lines"] >= CONFIDENT


def test_bold_overprinting_is_not_read_twice() -> None:
    order = read(dev("H01"))
    assert order.po_number == "BL-26-0309"
    assert order.lines[0].vendor_part_number == "AB-1002"
    assert order.terms is not None and order.terms.description == "NET 30"


def test_european_numbers_dates_and_net_total() -> None:
    order = read(dev("G05"))
    assert order.lines[0].quantity == Decimal("1000")  # '1.000 St'
    assert order.lines[0].amount == Decimal("3800.00")
    assert order.po_date is not None and order.po_date.isoformat() == "2026-03-17"
    assert order.stated_total == Decimal("5619.00")  # Nettobetrag, not Gesamtbetrag
    assert order.currency == "EUR"


def test_two_item_columns_say_whose_code_is_whose() -> None:
    hansa = read(dev("G02")).lines[0]  # Ihre Art.-Nr. (ours) / Unsere Art.-Nr. (theirs)
    assert (hansa.vendor_part_number, hansa.buyer_part_number) == ("AB-1002", "310-0816")
    cedar = read(dev("D01")).lines  # OUR PART (theirs) / YOUR ITEM (ours), one row with ours only
    assert (cedar[0].vendor_part_number, cedar[0].buyer_part_number) == ("EL-6003", "CP-330501")
    assert (cedar[2].vendor_part_number, cedar[2].buyer_part_number) == ("EL-6001", None)


def test_confidence_drops_when_cross_checks_disagree() -> None:
    amounts = read(dev("A03"))  # one printed amount is not quantity × price
    assert amounts.confidence["lines[2]"] < CONFIDENT <= amounts.confidence["lines[0]"]
    assert amounts.confidence["lines"] < CONFIDENT
    total = read(dev("D03"))  # the lines do not add up to the printed total
    assert total.confidence["lines"] < CONFIDENT and total.confidence["stated_total"] < CONFIDENT


def test_an_empty_po_number_box_is_no_po_number() -> None:
    order = read(dev("C02"))
    assert order.po_number == "" and "po_number" not in order.confidence


@pytest.mark.parametrize("path", sorted(EVAL.glob("scan-*.pdf")), ids=lambda p: p.stem)
def test_a_scan_is_held_for_having_no_text_layer(path: Path) -> None:
    order = read(path)
    assert [r.code for r in order.hold_reasons] == [NO_TEXT_LAYER]
    assert order.lines == [] and order.po_number == ""


def _generated(pages: int = 1, encrypt: StandardEncryption | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt, invariant=1)
    for n in range(pages):
        pdf.drawString(72, 720, f"PO Number 4711-{n}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (lambda: _generated(encrypt=StandardEncryption("secret", ownerPassword="owner")), "encrypted"),
        (lambda: _generated()[:400], "cannot be read"),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 64, "cannot be read"),
        (lambda: _generated(pages=500), f"500 pages (not read); the limit is {MAX_PAGES}"),
    ],
    ids=["encrypted", "truncated", "garbage", "500-pages"],
)
def test_bad_pdfs_are_rejected_with_a_reason_in_bounded_time(data, reason: str) -> None:
    payload = data()
    started = time.perf_counter()
    with pytest.raises(DocumentRejected) as caught:
        PdfParser().parse(payload, Source(kind=SourceKind.PDF))
    assert reason in caught.value.reason
    assert time.perf_counter() - started < 5


def test_a_pdf_without_a_table_is_held_table_not_found() -> None:
    result = PdfParser().parse(_generated(), Source(kind=SourceKind.PDF))
    order = result.sets[0].order
    assert order is not None and order.po_number == "4711-0"
    assert [r.code for r in order.hold_reasons] == ["TABLE_NOT_FOUND"]


def test_accepts_only_pdf_bytes() -> None:
    assert PdfParser().accepts(b"%PDF-1.7\n...")
    assert not PdfParser().accepts(b"ISA*00*")


def test_overprinting_is_detected_where_it_is_and_only_there() -> None:
    import pdfplumber

    from parsers.pdf.layout import overprinted

    with pdfplumber.open(dev("H02")) as pdf:
        page = pdf.pages[0]
        assert overprinted(page.chars)
        assert not overprinted(page.dedupe_chars(tolerance=1).chars)
    with pdfplumber.open(dev("A01")) as pdf:
        assert not overprinted(pdf.pages[0].chars)
