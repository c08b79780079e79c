"""Layouts learned from a reviewed order (parsers/pdf/learn.py): an entry is kept only when it makes the very
document read as corrected; the template is chosen again only for the customer's senders and only on a page
that carries most of its fingerprint; a hand-edited learned file that is broken is skipped, not fatal."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from parsers.pdf import PdfParser, read_here, read_lines
from parsers.pdf.extract import extract
from parsers.pdf.learn import Target, TargetLine, _add_column, _add_label, learn
from parsers.pdf.templates import (
    PdfTemplate,
    choose_template,
    load_learned,
    load_templates,
    save_learned,
    use_learned_dir,
)
from schemas.order import Source, SourceKind

EVAL = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "pdf"
X01 = EVAL / "holdout-X" / "po-X01.pdf"  # Acme; its PO number printed once, under 'Number' in a side panel
X02 = EVAL / "holdout-X" / "po-X02.pdf"  # the same layout, Boltline's order
ACME = "buyer@acme.example"
ACME_SENDERS = ["@acme.example"]


def _source(sender: str = ACME) -> Source:
    return Source(kind=SourceKind.PDF, sender=sender)


def _target(path: Path = X01, po_number: str | None = None) -> Target:
    """The order a reviewer would leave: the hand-written expected order beside the PDF."""
    want = json.loads(path.with_suffix(".expected.json").read_text())["order"]
    lines = [
        TargetLine(
            {c for c in (line["sku"], line["buyer_part_number"]) if c},
            Decimal(line["quantity"]),
            Decimal(line["unit_price"]),
        )
        for line in want["lines"]
    ]
    day = date.fromisoformat
    return Target(po_number or want["po_number"], day(want["po_date"]), day(want["requested_date"]), lines)


def _pages(path: Path) -> list:
    return read_lines(path.read_bytes())


def test_x01_is_read_right_but_its_po_number_is_not_sure() -> None:
    order = extract(_pages(X01), _source(), None).order
    assert order.po_number == "45-1191" and order.confidence["po_number"] < 0.9


def test_a_po_label_learned_from_one_order_makes_the_next_one_in_that_layout_sure() -> None:
    learned = learn(_pages(X01), _target(), _source(), None, "learned-c-acme", ACME_SENDERS, "test")
    assert learned.wrong_before == ["po_number"] and learned.wrong_after == []
    template = learned.template
    assert template is not None and template.purpose == "learned"
    assert template.labels == {"po_number": ["Number"]} and template.senders == ACME_SENDERS
    assert template.name.startswith("learned-c-acme-") and "Number" in template.keywords
    assert learned.learned == ["'Number' labels the PO number"]
    nxt = extract(_pages(X02), _source(), template).order  # the same print, another order
    assert nxt.po_number and nxt.confidence["po_number"] >= 0.9
    assert "read with PDF template " + template.name in nxt.warnings


def test_nothing_is_learned_from_a_value_the_page_does_not_print() -> None:
    learned = learn(_pages(X01), _target(po_number="45-9999"), _source(), None, "learned-c-acme", ACME_SENDERS)
    assert learned.template is None and "po_number" in learned.wrong_before


def test_an_entry_that_makes_nothing_better_is_not_kept() -> None:
    target = _target()
    target.lines[0].quantity = Decimal("47")  # the reviewer's number is on no row: no caption explains it
    learned = learn(_pages(X01), target, _source(), None, "learned-c-acme", ACME_SENDERS)
    assert learned.template is not None and not learned.template.columns  # only the PO label helped
    assert learned.wrong_after == ["lines[0]"]


def test_a_learned_template_is_chosen_for_its_senders_and_its_fingerprint_only() -> None:
    template = PdfTemplate(
        name="learned-c-acme-1",
        senders=["@acme.example"],
        keywords=["Number", "Ship Via", "Qty Ordered", "Unit Cost"],
        keywords_needed=3,
        labels={"po_number": ["Number"]},
        purpose="learned",
    )
    page = "PURCHASE ORDER  Number 45-1  Ship Via UPS  Qty Ordered  Unit Cost"
    assert choose_template((template,), ACME, page) is template
    assert choose_template((template,), "purchasing@boltline.example", page) is None  # another customer
    assert choose_template((template,), None, page) is None  # never by its words alone
    assert choose_template((template,), ACME, "PURCHASE ORDER  Number 45-1  Qty") is None  # another layout
    assert choose_template((template,), ACME, "Number 45-1  Ship Via UPS  Qty Ordered") is template  # 3 of 4


def test_learned_templates_are_saved_loaded_and_a_broken_one_is_skipped_with_its_reason(tmp_path: Path) -> None:
    learned = learn(_pages(X01), _target(), _source(), None, "learned-c-acme", ACME_SENDERS)
    assert learned.template is not None
    path = save_learned(learned.template, tmp_path)
    (tmp_path / "learned-broken.yaml").write_text("name: broken\nlabels: {po_number: 7}\nfoo: 1\n")
    templates, problems = load_learned(tmp_path)
    assert [t.name for t in templates] == [learned.template.name] and templates[0] == learned.template
    assert len(problems) == 1 and "learned-broken.yaml" in problems[0]
    assert path.read_text().startswith("# learned by orderhub")
    reading = read_here(X02.read_bytes(), _source(), learned=tmp_path)
    assert reading.order.confidence["po_number"] >= 0.9
    assert any("learned template was skipped" in w and "learned-broken.yaml" in w for w in reading.order.warnings)
    assert read_here(X02.read_bytes(), _source()).order.confidence["po_number"] < 0.9  # without: as before


def test_the_parser_reads_with_the_learned_directory_it_is_given(tmp_path: Path) -> None:
    learned = learn(_pages(X01), _target(), _source(), None, "learned-c-acme", ACME_SENDERS)
    assert learned.template is not None
    save_learned(learned.template, tmp_path)
    use_learned_dir(tmp_path)
    try:
        order = PdfParser().read(X02.read_bytes(), _source()).order  # through the reading process
    finally:
        use_learned_dir(None)
    assert order.confidence["po_number"] >= 0.9
    assert choose_template(load_templates(), ACME, "PURCHASE ORDER") is None  # the shipped ones are untouched


@pytest.mark.parametrize("sender", [ACME, "purchasing@boltline.example"])
def test_a_learned_template_never_replaces_a_hand_written_one_for_another_customer(sender: str) -> None:
    hansa = choose_template(load_templates(), "einkauf@hansa-werkzeug.example", "Bestellung")
    assert hansa is not None and hansa.purpose == "production"
    learned = PdfTemplate(name="learned-c-acme-2", senders=["@acme.example"], purpose="learned")
    chosen = choose_template((*load_templates(), learned), sender, "Bestellung")
    assert chosen is (learned if sender == ACME else None)


def _strange_print(po: str, wish: str, rows: list[tuple[str, str, str, str]]) -> bytes:
    """A print whose every caption and label is one the generic extractor does not know."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 9)
    pdf.drawString(40, 750, "Acme Hardware Co.  -  Purchasing")
    pdf.drawString(40, 720, "Our Order")
    pdf.drawString(130, 720, po)
    pdf.drawString(40, 706, "Wish Slot")
    pdf.drawString(130, 706, wish)
    captions = [(40, "Catalogue Ref"), (140, "Wording"), (330, "Pieces"), (400, "Each Net"), (480, "Row Worth")]
    for x, caption in captions:
        pdf.drawString(x, 660, caption)
    total = Decimal(0)
    for n, (code, text, qty, price) in enumerate(rows, start=1):
        amount = Decimal(qty) * Decimal(price)
        total += amount
        y = 660 - 16 * n
        pdf.drawString(40, y, code)
        pdf.drawString(140, y, text)
        pdf.drawRightString(360, y, qty)
        pdf.drawRightString(440, y, price)
        pdf.drawRightString(520, y, f"{amount:.2f}")
    pdf.drawString(400, 660 - 16 * (len(rows) + 2), "Total")
    pdf.drawRightString(520, 660 - 16 * (len(rows) + 2), f"{total:.2f}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_captions_and_labels_nobody_knew_are_learned_together_from_one_order() -> None:
    rows = [("AB-1001", "Anchor bolt", "24", "9.25"), ("FS-4002", "Fastener set", "10", "26.00")]
    first = read_lines(_strange_print("45-7001", "04/02/2026", rows))
    before = extract(first, _source(), None).order
    assert not before.lines or before.po_number != "45-7001"  # the generic reading gets nowhere
    target = Target(
        "45-7001",
        None,
        date(2026, 4, 2),
        [
            TargetLine({"AB-1001"}, Decimal("24"), Decimal("9.25")),
            TargetLine({"FS-4002"}, Decimal("10"), Decimal("26")),
        ],
    )
    learned = learn(first, target, _source(), None, "learned-c-acme", ACME_SENDERS)
    assert learned.template is not None and learned.wrong_after == [], learned
    assert learned.template.labels == {"po_number": ["Our Order"], "requested_date": ["Wish Slot"]}
    assert learned.template.columns == {
        "Catalogue Ref": "item",
        "Pieces": "qty",
        "Each Net": "unit_price",
        "Row Worth": "amount",
    }
    nxt = read_lines(_strange_print("45-7002", "04/09/2026", [("DR-3002", "Drill bit", "6", "4.15")] * 3))
    order = extract(nxt, _source(), learned.template).order
    assert order.po_number == "45-7002" and order.dates[0].value == date(2026, 4, 9)
    assert [(line.vendor_part_number, line.quantity, line.unit_price) for line in order.lines] == [
        ("DR-3002", Decimal("6"), Decimal("4.15"))
    ] * 3
    sure = {k: v for k, v in order.confidence.items() if k != "buyer"}  # the letterhead's name: not required
    assert order.stated_total == Decimal("74.70") and min(sure.values()) >= 0.9, order.confidence
    assert learned.template.date_order == "mdy"  # learned once the date's label was known


def test_a_label_or_caption_the_generic_reading_means_otherwise_is_never_learned() -> None:
    """Round 10: Boltline's SyteLine print taught 'Date' as the delivery date, 'Printed' as the order date and
    'Ln' / 'U/M' as item and quantity columns — each fitted the reviewed document by chance."""
    blank = PdfTemplate(name="t", senders=ACME_SENDERS, purpose="learned")
    assert _add_label("requested_date", "Date")(blank) is None
    assert _add_label("po_date", "Printed")(blank) is None
    assert _add_column("Ln", "item")(blank) is None and _add_column("U/M", "qty")(blank) is None
    assert _add_label("po_number", "Purchase Order")(blank) is not None  # a title that is the PO's label
    assert _add_label("po_number", "Number")(blank) is not None  # a weak label of the same field
    assert _add_column("Product name", "item")(blank) is not None  # a description column holding codes


def test_a_learned_template_is_not_chosen_for_the_customers_other_prints() -> None:
    learned = learn(_pages(X01), _target(), _source(), None, "learned-c-acme", ACME_SENDERS)
    assert learned.template is not None
    header_row = next(k for k in learned.template.keywords if k != "Number")
    assert "Qty" in header_row or "QTY" in header_row.upper()  # the table's header row, whole
    assert learned.template.keywords_needed == len(learned.template.keywords)
    other = read_lines((EVAL / "layout-A" / "po-A01.pdf").read_bytes())  # Acme's other print
    first_page = "\n".join(line.text for line in other[0])
    assert "Number" in first_page or "number" in first_page.lower()
    assert choose_template((learned.template,), ACME, first_page) is None
    again = "\n".join(line.text for line in _pages(X02)[0])
    assert choose_template((learned.template,), ACME, again) is learned.template
