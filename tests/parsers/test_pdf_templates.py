"""PDF templates (every one loads and compiles; bad files are refused with their name) and the value readers
(numbers, dates, units) the extractor is built on; plus a generated French order with '1 234,56 €'."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from parsers.pdf import PdfParser
from parsers.pdf.templates import TEMPLATE_DIR, TemplateError, choose_template, load_template, load_templates
from parsers.pdf.values import detect_number_format, parse_date, parse_number, unit_code
from schemas.order import Source, SourceKind


@pytest.mark.parametrize("path", sorted(TEMPLATE_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_template_loads_and_compiles(path: Path) -> None:
    template = load_template(path)
    finder, matcher = template.compile()
    assert len(finder.table) and len(matcher.table)
    assert template.senders or template.keywords, "a template nobody can select is dead"


def test_templates_are_chosen_by_sender_then_keywords() -> None:
    templates = load_templates()
    assert len(templates) >= 4
    chosen = choose_template(templates, "einkauf@hansa-werkzeug.example", "Bestellung")
    assert chosen is not None and chosen.name == "hansa-werkzeug"
    chosen = choose_template(templates, None, "bol.com b.v. ... Factuurnummer: 1")
    assert chosen is not None and chosen.name == "bol-com"
    assert choose_template(templates, "buyer@acme.example", "PURCHASE ORDER") is None


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("name: x\nsenders: ['@a.example']\ncolour: red\n", "colour"),
        ("name: x\nsenders: ['a.example']\n", "a sender is an address"),
        ("name: x\ncolumns: {Qty: quantity}\n", "unknown column role"),
        ("name: x\nlabels: {po: [Order]}\n", "labels.po"),
        ("name: [unclosed\n", "x.yaml"),
    ],
)
def test_a_bad_template_is_refused_naming_the_file_and_the_key(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert "x.yaml" in str(caught.value) and complaint in str(caught.value)


@pytest.mark.parametrize(
    ("text", "fmt", "value"),
    [
        ("1,234.56", "us", "1234.56"),
        ("$728.60", "us", "728.60"),
        ("1.234,56", "eu", "1234.56"),
        ("1.000", "eu", "1000"),
        ("8,60", "eu", "8.60"),
        ("1 234,56 €", "eu", "1234.56"),
        ("(12.00)", "us", "-12.00"),
        ("200)", "us", None),
        ("8,60", "us", None),
        ("15.00%", "us", None),
        ("AB-1001", "us", None),
    ],
)
def test_numbers(text: str, fmt, value: str | None) -> None:
    assert parse_number(text, fmt) == (Decimal(value) if value else None)


def test_number_format_is_detected_from_the_document() -> None:
    assert detect_number_format("Menge 1.000 St 3,80 3.800,00 Datum 03.03.2026") == "eu"
    assert detect_number_format("Qty 24 EA 9.25 222.00 Total 1,048.70 03/09/2026") == "us"
    # JD Edwards numbers its lines 1.000, 2.000 and prints 4-decimal costs: only unambiguous numbers vote
    assert detect_number_format("1.000 AB-1003 500 EA 3.9500 1,975.00\n2.000 FS-4002 20 BX 26.0000 520.00") == "us"
    assert detect_number_format("Pos 1.000 2.000 3.000 Summe 1.234,56") == "eu"


@pytest.mark.parametrize(
    ("text", "order", "value"),
    [
        ("03/09/2026", "mdy", date(2026, 3, 9)),
        ("3/12/26", "mdy", date(2026, 3, 12)),
        ("03/09/2026", "dmy", date(2026, 9, 3)),
        ("17.03.2026", "mdy", date(2026, 3, 17)),
        ("2026-03-06", "mdy", date(2026, 3, 6)),
        ("March 4, 2026", "mdy", date(2026, 3, 4)),
        ("Mar 12, 2026", "mdy", date(2026, 3, 12)),
        ("09-Mar-2026", "mdy", date(2026, 3, 9)),
        ("12-MAR-26", "mdy", date(2026, 3, 12)),
        ("1er avril 2026", "dmy", date(2026, 4, 1)),
        ("29 oktober 2015", "dmy", date(2015, 10, 29)),
        ("20-10-2015", "dmy", date(2015, 10, 20)),
        ("-", "mdy", None),
    ],
)
def test_dates(text: str, order, value: date | None) -> None:
    assert parse_date(text, order) == value


def test_units() -> None:
    assert [unit_code(u) for u in ("Stück", "cartons", "Rouleau", "Paire", "each", "bx", "Pak")] == [
        "EA",
        "CT",
        "RL",
        "PR",
        "EA",
        "BX",
        "PK",
    ]  # fmt: skip  ('cartons': the item's box or case, which capture tells from the item master)
    assert unit_code("Anchor") is None


def test_a_generated_french_order_with_spaced_thousands() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, 780, "Quincaillerie Exemple SARL")
    pdf.drawString(330, 780, "N° de commande : CMD-9")
    pdf.drawString(330, 766, "Date : 02.04.2026")
    pdf.drawString(60, 740, "Adresse de livraison :")
    for i, text in enumerate(["Dépôt Exemple", "3 rue Exemple", "69003 Lyon"]):
        pdf.drawString(60, 726 - 14 * i, text)
    for x, caption in [(60, "Réf."), (130, "Désignation"), (330, "Qté"), (380, "Prix unitaire"), (480, "Montant")]:
        pdf.drawString(x, 660, caption)
    for y, (ref, text, qty, price, amount) in zip(
        (644, 630),
        [("AB-1001", "Cheville", "200", "8,60", "1 720,00"), ("HT-9001", "Marteau", "10", "17,80", "178,00")],
        strict=True,
    ):
        pdf.drawString(60, y, ref)
        pdf.drawString(130, y, text)
        pdf.drawRightString(355, y, qty)
        pdf.drawRightString(440, y, price)
        pdf.drawRightString(530, y, amount + " €")
    pdf.drawString(380, 600, "Total HT")
    pdf.drawRightString(530, 600, "1 898,00 €")
    pdf.showPage()
    pdf.save()
    order = PdfParser().parse(buffer.getvalue(), Source(kind=SourceKind.PDF)).sets[0].order
    assert order is not None
    assert order.po_number == "CMD-9" and order.currency == "EUR"
    assert [(line.vendor_part_number, line.amount) for line in order.lines] == [
        ("AB-1001", Decimal("1720.00")),
        ("HT-9001", Decimal("178.00")),
    ]
    assert order.stated_total == Decimal("1898.00") and order.confidence["stated_total"] >= 0.9
    assert order.ship_to is not None and order.ship_to.postal_code == "69003"
