"""What blind rounds 111–112 taught the generic extractor, on small generated layouts (not the rounds' own PDFs):
VETERA.net's 'Hafenrandstraße 14, 28195 Bremen' on one line under the ship-to's name; Cyrious Control's bare
'Part' column; VIF's 'Article / Libellé' with 'Code article fournisseur : …' under each name; SunSystems'
'Description / Item Code' with the code alone under the name."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from tests.parsers.test_pdf_generated import put, render


def test_street_and_town_on_one_line_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "Bestell-Nr. 4500020650")])
        put(pdf, 748, [(300, "Bestelldatum 04.06.2035")])
        put(pdf, 700, [(40, "Lieferanschrift: Hansa Lager Bremen")])
        put(pdf, 688, [(105, "Hafenrandstraße 14, 28195 Bremen")])
        put(pdf, 640, [(40, "Pos."), (70, "Artikel-Nr."), (150, "Bezeichnung"), (-400, "Menge"), (420, "ME"),
                       (-500, "Preis"), (-550, "Betrag")])  # fmt: skip
        put(pdf, 626, [(40, "1"), (70, "HT-9001"), (150, "Klauenhammer"), (-400, "10"), (420, "Stk"),
                       (-500, "16,90"), (-550, "169,00")])  # fmt: skip
        put(pdf, 600, [(420, "Summe"), (-550, "169,00")])

    order = render(draw, A4)
    assert order.ship_to is not None
    ship_to = order.ship_to
    assert (ship_to.name, ship_to.address_lines, ship_to.postal_code, ship_to.city) == (
        "Hansa Lager Bremen",
        ["Hafenrandstraße 14"],
        "28195",
        "Bremen",
    )
    assert order.confidence["ship_to"] >= CONFIDENT


def test_a_bare_part_column() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "PURCHASE ORDER"), (400, "PO #"), (440, "CP111050")])
        put(pdf, 640, [(74, "Qty"), (93, "Part"), (163, "Description"), (383, "Unit"), (464, "Unit Cost"),
                       (561, "Total")])  # fmt: skip
        put(pdf, 626, [(-87, "24"), (93, "CP-110045"), (163, "Claw hammer 16 oz"), (383, "Each"), (-497, "$16.90"),
                       (-579, "$405.60")])  # fmt: skip
        put(pdf, 615, [(163, "Part Category: Hardware / Resale")])
        put(pdf, 590, [(500, "Total:"), (-579, "$405.60")])

    order = render(draw, letter)
    assert [ln.vendor_part_number for ln in order.lines] == ["CP-110045"]
    assert (order.lines[0].description or "").startswith("Claw hammer 16 oz")


def test_article_libelle_and_the_suppliers_code_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(350, "COMMANDE FOURNISSEUR")])
        put(pdf, 745, [(350, "N° CMD-2026-8203")])
        put(pdf, 660, [(43, "Article / Libellé"), (300, "Quantité"), (360, "Unité"), (440, "PU HT"),
                       (511, "Montant HT")])  # fmt: skip
        put(pdf, 646, [(43, "Rallonge électrique 10 m 3 prises"), (-340, "15,00"), (360, "U"), (-462, "19,90 €"),
                       (-552, "298,50 €")])  # fmt: skip
        put(pdf, 635, [(43, "Code article fournisseur : EL-6002")])
        put(pdf, 610, [(440, "Total HT"), (-552, "298,50 €")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [
        ("EL-6002", "Rallonge électrique 10 m 3 prises")
    ]


def test_description_over_item_code_the_code_alone_under_the_name() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(40, "PURCHASE ORDER"), (400, "Order Reference"), (480, "GR-33104")])
        put(pdf, 660, [(49, "Ln"), (65, "Description / Item Code"), (343, "Quantity"), (381, "UOM"), (443, "Price"),
                       (531, "Value")])  # fmt: skip
        put(pdf, 646, [(52, "1"), (65, "Sleeve anchor 1/2 x 4 in"), (-375, "20"), (381, "Box"), (-463, "39.80"),
                       (-552, "796.00")])  # fmt: skip
        put(pdf, 635, [(70, "AB-1005")])
        put(pdf, 610, [(440, "Total Order Value USD"), (-552, "796.00")])

    order = render(draw, A4)
    assert [(ln.vendor_part_number, ln.description) for ln in order.lines] == [("AB-1005", "Sleeve anchor 1/2 x 4 in")]
