"""A twenty-eighth review's reproductions: prints a real ERP could produce, aimed at the rules added in 271fe8f
and 5b62363 (rounds 113–116: a labelled code line under its row, a barcode after a code line, 'Goods:' ending the
rows, 'Style #' / 'Vendor Style #' / 'Teile-Nr.' captions, 'Ship To Store' and '#101' beside it). Each finding's
test asserts the safe outcome (read right, or held) and fails on 5b62363; the tests named ``test_safe_…`` pass:
attacks the rules withstand.

- ``'style #'`` (columns.py, rule 4; regression): 'Style # | Clr | Sz | Description …' (captions
  ``_style_with_variants`` does not know as a colour or a size) is released with the style 7731 as the item of
  both lines, navy M and navy L dropped. 2917317 held.
- ``'vendor style #'`` (columns.py, rule 4; regression): 'Vendor Style # | Colorway', and 'SKU | Vendor Style'
  with the customer's variant SKUs ('7731-NV-M'), are released with the style PL-5003 as our item of every
  variant, the colour dropped. 2917317 held the first; the second it released with the customer's SKU alone
  (for the cross-reference to resolve).
- ``_style_with_variants`` (columns.py, rule 4; older, reached by the rule): 'Style # | Vendor Style # | … |
  Color Code' turns both styles into 'other', and the colour codes '410' / '100' are released as the items.
  2917317 released them too (neither style caption was known).
- ``_without_barcode`` (table.py, rule 2; regression): 'Réf. : EL-6002 EAN 0614141101788' (EL-6003's barcode)
  under 'Extension cord' is released by the capture decision as EL-6002, the contradicting barcode dropped
  unseen. 2917317 held (UNKNOWN_ITEM).

Withstood: labelled codes of digits printed above their rows ('SKU: 7740' over each row: the first one makes a
row of no quantity, held); 'Item: 12' under a row with its code (kept in the description, the code stays);
'Goods:' closing each delivery's rows with more rows after it, and 'Insured value of goods: 222.00' under a row
(held: lines follow the total; 2917317 read every row); 'Item # | Style #' with a design name under
'Style #' (held; 2917317 released it); a barcode matching the code ('Réf. : EL-6002 EAN 0614141101719' reads EL-6002).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, parse, put, released  # noqa: E402

from orderhub.capture import decide_captured  # noqa: E402
from orderhub.masterdata import import_directory  # noqa: E402
from orderhub.store.db import make_engine, migrate  # noqa: E402
from schemas.order import Order  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _head(pdf: canvas.Canvas) -> None:
    put(pdf, 760, [(380, "Purchase Order")])
    put(pdf, 740, [(380, "PO Number: 45-8901")])
    put(pdf, 728, [(380, "Date: 07/05/2035")])
    put(pdf, 700, [(40, "Ship To:"), (100, "Acme Hardware Dayton")])
    put(pdf, 688, [(100, "1180 Wayne Avenue")])
    put(pdf, 676, [(100, "Dayton, OH 45402")])


def _styled(header: Row, rows: list[Row]) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 640, header)
        for i, row in enumerate(rows):
            put(pdf, 626 - 12 * i, row)
        put(pdf, 590, [(464, "Total Cost:"), (-572, "$436.80")])

    return parse(draw)


def _codes(order: Order) -> list[tuple[str | None, str | None]]:
    return [(ln.vendor_part_number, ln.buyer_part_number) for ln in order.lines]


# Finding, 'style #' (rule 4; regression): a style beside colour and size captions it does not know.
def test_a_style_beside_clr_and_sz_columns_holds() -> None:
    order = _styled(
        [(40, "Style #"), (95, "Clr"), (130, "Sz"), (170, "Description"), (417, "Qty"), (464, "Unit Cost"),
         (537, "Ext. Cost")],
        [[(40, "7731"), (95, "NVY"), (130, "M"), (170, "Oxford shirt"), (-430, "4"), (-500, "54.00"),
          (-572, "216.00")],
         [(40, "7731"), (95, "NVY"), (130, "L"), (170, "Oxford shirt"), (-430, "4"), (-500, "55.20"),
          (-572, "220.80")]],
    )  # fmt: skip
    assert not released(order), f"released with {_codes(order)}"


# Finding, 'vendor style #' (rule 4; regression): the vendor's style of several variants is no item.
@pytest.mark.parametrize(
    ("header", "cells"),
    [
        (
            [(40, "Vendor Style #"), (120, "Colorway")],
            [[(40, "PL-5003"), (120, "Navy")], [(40, "PL-5003"), (120, "White")]],
        ),
        (
            [(40, "SKU"), (95, "Vendor Style")],
            [[(40, "7731-NV-M"), (95, "PL-5003")], [(40, "7731-WH-L"), (95, "PL-5003")]],
        ),
    ],
    ids=["colorway", "variant-sku"],
)
def test_a_vendor_style_of_several_variants_is_not_our_item(header: Row, cells: list[Row]) -> None:
    tail: Row = [(170, "Description"), (417, "Qty"), (464, "Unit Cost"), (537, "Ext. Cost")]
    figures = [
        [(170, "Oxford shirt"), (-430, "4"), (-500, "54.00"), (-572, "216.00")],
        [(170, "Oxford shirt"), (-430, "4"), (-500, "55.20"), (-572, "220.80")],
    ]
    order = _styled(header + tail, [c + f for c, f in zip(cells, figures, strict=True)])
    assert not released(order) or "PL-5003" not in [v for v, _ in _codes(order)], f"released with {_codes(order)}"


# Finding, _style_with_variants (rule 4; older): beside 'Color Code' the styles give way to the colour's code.
def test_a_colour_code_beside_the_styles_is_not_the_item() -> None:
    order = _styled(
        [(40, "Style #"), (95, "Vendor Style #"), (170, "Description"), (300, "Color Code"), (417, "Qty"),
         (464, "Unit Cost"), (537, "Ext. Cost")],
        [[(40, "7731"), (95, "PL-5003"), (170, "Oxford shirt"), (300, "410"), (-430, "4"), (-500, "54.00"),
          (-572, "216.00")],
         [(40, "7731"), (95, "PL-5003"), (170, "Oxford shirt"), (300, "100"), (-430, "4"), (-500, "55.20"),
          (-572, "220.80")]],
    )  # fmt: skip
    assert not released(order), f"released with {_codes(order)}"


# Safe (rule 4): 'Style #' beside 'Item #' holding a design name is held.
def test_safe_a_design_name_under_style_beside_the_item() -> None:
    order = _styled(
        [(40, "Item #"), (95, "Style #"), (170, "Description"), (417, "Qty"), (464, "Unit Cost"),
         (537, "Ext. Cost")],
        [[(40, "PL-5003"), (95, "AURORA"), (170, "Pendant 18k"), (-430, "4"), (-500, "54.00"), (-572, "216.00")],
         [(40, "PL-5004"), (95, "AURORA"), (170, "Ring 18k"), (-430, "4"), (-500, "55.20"), (-572, "220.80")]],
    )  # fmt: skip
    assert [v for v, _ in _codes(order)] == ["PL-5003", "PL-5004"] or not released(order)


def _lumiere(under: str) -> Order:
    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 760, [(300, "BON DE COMMANDE")])
        put(pdf, 745, [(300, "N° commande : CMD-2026-8456")])
        put(pdf, 730, [(300, "Date : 04/06/2026")])
        put(pdf, 700, [(40, "Adresse de livraison : Lumière Grenoble, 12 rue Félix Poulat, 38000 Grenoble")])
        put(pdf, 640, [(40, "Désignation / Réf."), (270, "Qté"), (300, "UV"), (430, "Prix achat HT"),
                       (510, "Total HT")])  # fmt: skip
        put(pdf, 626, [(40, "Extension cord 10 m 3-outlet"), (-282, "12"), (300, "pièce"), (-480, "19,90 €"),
                       (-550, "238,80 €")])  # fmt: skip
        put(pdf, 615, [(40, under)])
        put(pdf, 560, [(440, "Total HT"), (-550, "238,80 €")])

    return parse(draw, sender="commandes@lumiere-quincaillerie.example")


# Finding, _without_barcode (rule 2; regression): a barcode of another item than the code is no mere barcode.
def test_a_barcode_of_another_item_after_the_code_holds(session: Session) -> None:
    order = decide_captured(session, _lumiere("Réf. : EL-6002 EAN 0614141101788"))  # EL-6003's GTIN
    assert order.hold_reasons, f"released with {[ln.vendor_part_number for ln in order.lines]}"


# Safe (rule 2): the item's own barcode after its code reads the code.
def test_safe_the_items_own_barcode_after_its_code(session: Session) -> None:
    order = _lumiere("Réf. : EL-6002 EAN 0614141101719")
    assert [ln.vendor_part_number for ln in order.lines] == ["EL-6002"]
    assert not decide_captured(session, order).hold_reasons


HEADER: Row = [(40, "Item"), (110, "Description"), (-380, "Qty"), (-460, "Price"), (-540, "Amount")]
FIRST: Row = [(40, "AB-1001"), (110, "Anchor bolt M12"), (-380, "24"), (-460, "9.25"), (-540, "222.00")]
SECOND: Row = [(40, "AB-1002"), (110, "Anchor bolt M10"), (-380, "10"), (-460, "6.40"), (-540, "64.00")]
THIRD: Row = [(40, "HT-9003"), (110, "Utility knife"), (-380, "24"), (-460, "6.25"), (-540, "150.00")]


# Safe (rule 1): labelled codes of digits printed above their rows are not given to the row before.
def test_safe_codes_printed_above_their_rows_hold() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 640, [(43, "Item"), (297, "Quantity"), (335, "Unit"), (414, "Rate"), (469, "Tax"), (539, "Amount")])
        put(pdf, 626, [(43, "SKU: 7740")])
        put(pdf, 615, [(43, "Duct tape 48 mm x 50 m silver (case of 24)"), (-329, "4.00"), (335, "Case"),
                       (-431, "112.00"), (-483, "0.00"), (-569, "448.00")])  # fmt: skip
        put(pdf, 600, [(43, "SKU: 7741")])
        put(pdf, 589, [(43, "Cable tie 300 mm UV black (pack of 100)"), (-329, "12.00"), (335, "Pack"),
                       (-431, "8.90"), (-483, "0.00"), (-569, "106.80")])  # fmt: skip
        put(pdf, 560, [(400, "Total (USD)"), (-569, "554.80")])

    assert not released(parse(draw))


# Safe (rule 1): 'Item: 12' under a row with its code does not replace the code.
def test_safe_an_item_number_under_a_coded_row() -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 640, HEADER)
        put(pdf, 626, FIRST)
        put(pdf, 615, [(110, "Item: 12")])
        put(pdf, 590, [(400, "Total"), (-540, "222.00")])

    order = parse(draw)
    assert [ln.vendor_part_number for ln in order.lines] == ["AB-1001"] or not released(order)


# Safe (rule 3): 'Goods:' closing a delivery's rows with more rows after it, and 'value of goods:' under a row.
@pytest.mark.parametrize("kind", ["per-delivery", "insured-value"])
def test_safe_goods_before_more_rows_holds(kind: str) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        _head(pdf)
        put(pdf, 640, HEADER)
        if kind == "per-delivery":
            put(pdf, 614, FIRST)
            put(pdf, 602, SECOND)
            put(pdf, 590, [(40, "Items on order: 2"), (400, "Goods:"), (-540, "$286.00")])
            put(pdf, 560, THIRD)
            put(pdf, 548, [(40, "Items on order: 1"), (400, "Goods:"), (-540, "$150.00")])
            put(pdf, 520, [(400, "Order Total:"), (-540, "$436.00")])
        else:
            put(pdf, 614, FIRST)
            put(pdf, 603, [(110, "Insured value of goods: 222.00")])
            put(pdf, 590, SECOND)
            put(pdf, 560, [(400, "Total"), (-540, "286.00")])

    order = parse(draw)
    every = ["AB-1001", "AB-1002", "HT-9003"] if kind == "per-delivery" else ["AB-1001", "AB-1002"]
    assert [ln.vendor_part_number for ln in order.lines] == every or not released(order)
