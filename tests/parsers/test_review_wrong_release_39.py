"""A thirty-ninth review's reproductions: prints a real ERP could produce, aimed at the rules added in ddbc845 (dot
leaders, labels in boxes drawn with characters, rule lines under captions, a store number before the ship-to, EDI
segment tags after captions, a party's GLN, SEEBURGER's and Nixdorf's item numbers, 'T.V.A.', a fixed-pitch
thousands space, captions broken at a hyphen, '(CNT 2)', 'CA' and 'RO'). The release is decided by the core on
SQLite with the fixtures' master data. The finding's tests assert the safe outcome and fail on ddbc845, and pass on
aa26303 (the parent); the tests named ``test_safe_…`` pass on ddbc845: attacks the rules withstand. Those of them that
assert a print is read right fail on aa26303, which could not read these layouts (it held them all).

- ``labels.py`` ``_edi_tag`` (rule 9; regression): the tag is swallowed into the label and its qualifier ignored.
  'Datum (DTM 2)  26.10.2037' is EDIFACT's requested delivery date (DTM+2; the document's date is DTM+137), but the
  label is the generic 'Datum', so the delivery date is released as the order's date and the order goes out with no
  delivery date, beside the title 'BESTELLUNG (ORDERS) vom 14.10.2037' (the parent read the 14th as the order's
  date and held on the unlabelled 26th) or alone; X12's 'Date (DTM*002)' alike. The qualifier a tag names (DTM 2,
  DTM 002, 10, 63, 64 …) contradicts a date label's 'po_date': it should hold, or read the date the tag says.

Withstood: a dot leader with no value and another caption's date beside it ('DELIVERY DATE . . . :  CONFIRMED
9/18/37'): held; the store number before the name naming another store ('101 Cedar & Pine Salem'), or a street's
number beside the label ('480 Center Street NE'): held; a quotation's box ('| NUMBER: Q-4471 |', '| DATE : … |')
and an 'ENTERED BY | DATE' or 'APPROVED BY | DATE' grid beside the order's own P.O. number and date: read right; a
supplier's quotation box '| Numéro : DEV-2026-311 |' above the boxed title: not confident; a client box '| Numéro :
004417 |' under it: read right; 'Référence (RFF+CT)' (a contract) above 'N° de commande (BGM)': read right.
Older, noted, not tested: a line-item table whose cells are walled with '|' is not found at all (held); the rule
line under the last row is kept in that row's description ('MOORING LINE … ------'). Noted, not a finding: with no
order date printed at all, an 'APPROVED BY | DATE' grid's date is released as the order's date (the parent held).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfgen import canvas
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, put  # noqa: E402

from orderhub.capture import decide_captured  # noqa: E402
from orderhub.masterdata import import_directory  # noqa: E402
from orderhub.store.db import make_engine, migrate  # noqa: E402
from parsers.capture import CONFIDENT  # noqa: E402
from parsers.pdf import PdfParser  # noqa: E402
from schemas.order import Order, Source, SourceKind  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
Draw = Callable[[canvas.Canvas], None]

HANSA = "einkauf@hansa-werkzeug.example"
CEDAR = "buyer@cedarpine.example"
DELTA = "buyer@deltamarine.example"
LUMIERE = "commandes@lumiere-quincaillerie.example"


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _parse(draw: Draw, sender: str, size: tuple[float, float] = A4) -> Order:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, invariant=1)
    pdf.setFont("Helvetica", 9)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender=sender, document_id="f" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


def _mono(page: list[str], sender: str, size: tuple[float, float] = letter) -> Order:
    """A character-mode print: Courier 9 pt, one line every 11 pt."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Courier", 9)
        for n, text in enumerate(page):
            pdf.drawString(30, 770 - 11 * n, text)

    return _parse(draw, sender, size)


def _held(session: Session, order: Order) -> bool:
    return bool(decide_captured(session, order).hold_reasons)


def _read(order: Order) -> str:
    lines = [(ln.vendor_part_number, ln.buyer_part_number, str(ln.quantity), ln.uom) for ln in order.lines]
    ship = order.ship_to and (order.ship_to.name, order.ship_to.address_lines, order.ship_to.postal_code)
    dates = [(d.qualifier, str(d.value)) for d in order.dates]
    return f"PO {order.po_number!r} of {order.po_date}, dates {dates}, ship-to {ship}, lines {lines}"


# --- rule 9: an EDI tag after a label -----------------------------------------------------------------------------


def _seeburger(dates: list[tuple[str, str]], title: str | None = None) -> Order:
    """SEEBURGER WebEDI's rendering of an EANCOM ORDERS to Hansa: ``dates`` under 'Bestell-Nr. (BGM)'."""

    def draw(pdf: canvas.Canvas) -> None:
        if title is not None:
            put(pdf, 800, [(300, title)])
        put(pdf, 780, [(40, "Bestell-Nr. (BGM)"), (150, "4500021964")])
        for i, (label, value) in enumerate(dates):
            put(pdf, 766 - 14 * i, [(40, label), (150, value)])
        put(pdf, 730, [(40, "Lieferanschrift (NAD+DP)"), (300, "Rechnungsempfänger (NAD+IV)")])
        put(pdf, 718, [(40, "GLN 4012345000023"), (300, "GLN 4012345000016")])
        put(pdf, 706, [(40, "Hansa Lager Bremen"), (300, "Hansa Werkzeughandel GmbH")])
        put(pdf, 694, [(40, "Am Wall 140"), (300, "Überseetor 14")])
        put(pdf, 682, [(40, "28195 Bremen"), (300, "28217 Bremen")])
        put(pdf, 640, [(80, "Art.-Nr."), (130, "Art.-Nr.")])
        put(
            pdf, 630, [(40, "Pos."), (180, "Bezeichnung"), (380, "Menge"), (420, "ME"), (470, "Preis"), (530, "Betrag")]
        )
        put(pdf, 620, [(80, "Käufer"), (130, "Lieferant")])
        put(pdf, 604, [(42, "1"), (80, "600-7001"), (130, "HT-9001"), (180, "Klauenhammer 450 g"), (-405, "12"),
                       (420, "PCE"), (-495, "16,40"), (-560, "196,80")])  # fmt: skip
        put(pdf, 590, [(42, "2"), (80, "510-2010"), (130, "DR-3010"), (180, "Spiralbohrer-Satz"), (-405, "200"),
                       (420, "PCE"), (-495, "17,50"), (-560, "3.500,00")])  # fmt: skip
        put(pdf, 570, [(300, "Anzahl Positionen (CNT 2)"), (-560, "2")])
        put(pdf, 556, [(300, "Summe Positionen netto (MOA 79)"), (-560, "3.696,80")])

    return _parse(draw, HANSA)


def test_safe_an_orders_rendering_with_its_dates_tagged_is_released_right(session: Session) -> None:
    order = _seeburger([("Bestelldatum (DTM 137)", "14.10.2037"), ("Liefertermin (DTM 2)", "26.10.2037")])
    assert (order.po_date, [(d.qualifier, d.value) for d in order.dates]) == (
        date(2037, 10, 14),
        [("002", date(2037, 10, 26))],
    ), _read(order)
    assert not _held(session, order), _read(order)


# Finding, labels.py _edi_tag (rule 9; regression): 'Datum (DTM 2)' is the requested delivery date (DTM+2), read as
# the order's date because the label is the generic 'Datum'; released without a delivery date. aa26303 held (the
# tag was read as part of the value; the title's 'vom 14.10.2037' was its order date).
@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("Datum (DTM 2)", "BESTELLUNG (ORDERS) vom 14.10.2037"),
        ("Datum (DTM 2)", None),
        ("Date (DTM*002)", "BESTELLUNG (ORDERS) vom 14.10.2037"),
    ],
    ids=["dtm-2-under-a-dated-title", "dtm-2-alone", "x12-dtm-002"],
)
def test_a_delivery_date_tagged_dtm_2_is_not_the_orders_date(session: Session, label: str, title: str | None) -> None:
    order = _seeburger([(label, "26.10.2037")], title)
    wrong = order.po_date == date(2037, 10, 26) and order.confidence.get("po_date", 0) >= CONFIDENT
    assert not wrong or _held(session, order), f"released as {_read(order)}"


# --- rule 1 and rule 4: dot leaders and a store number before the ship-to (Island Pacific) -----------------------

ISLAND: list[str] = [
    "ORDER NUMBER . . . . : CP111804      SUPPLIER . . . . . . : 004417 RIDGELINE",
    "P.O. DATE . . . . . : 9/04/37                       4400 INDUSTRIAL PARKWAY",
    "DELIVERY DATE . . . : 9/14/37                       CLEVELAND OH 44135",
    "DELIVER TO LOCATION . : 102 Cedar & Pine Salem",
    "                            480 Center Street NE",
    "                            Salem, OR 97301",
]


def _island(head: list[str]) -> Order:
    return _mono([
        *head,
        "",
        "LINE VENDOR ITEM SKU NUMBER DESCRIPTION             QUANTITY UM     COST   EXTENDED DEPT/CLASS",
        "---- ----------- ---------- ----------------------- -------- -- -------- ---------- ----------",
        "001  GL-8002     CP-440120  LEATHER WORK GLOVES XL     60.00 PR     8.60     516.00 22/180",
        "---------------------------------------------------------------------------------------------",
        "                            TOTAL EXTENDED COST . . . :                    516.00",
    ], CEDAR)  # fmt: skip


# Safe (rules 1, 4): a blank delivery date with another caption's date beside its leader holds; a store number
# naming another store than the name, or a street's number beside the label, holds.
@pytest.mark.parametrize(
    ("row", "text"),
    [
        (2, ["DELIVERY DATE . . . :         CONFIRMED 9/18/37"]),
        (2, ["DELIVERY DATE . . . :         CANCEL 9/30/37"]),
        (3, ["DELIVER TO LOCATION . : 101 Cedar & Pine Salem"]),
        (3, ["DELIVER TO LOCATION . : 480 Center Street NE", "                            Salem, OR 97301", ""]),
    ],
    ids=["confirmed", "cancel", "another-store", "street-number"],
)
def test_safe_island_pacific_variants_hold(session: Session, row: int, text: list[str]) -> None:
    head = [*ISLAND[:row], *text, *ISLAND[row + len(text) :]]
    order = _island(head)
    assert _held(session, order), f"released as {_read(order)}"


def test_safe_island_pacific_is_released_right(session: Session) -> None:
    order = _island(ISLAND)
    assert (order.po_number, order.po_date) == ("CP111804", date(2037, 9, 4)), _read(order)
    assert order.ship_to is not None and order.ship_to.name == "Cedar & Pine Salem"
    assert not _held(session, order), _read(order)


# --- rules 2, 3: labels in boxes drawn with characters (RealWorld) ------------------------------------------------

DELTA_HEAD: list[str] = [
    "DELTA MARINE OUTFITTERS                              PURCHASE ORDER",
    "4150 SEAPORT ROAD                                    ==============",
    "ST. PETERSBURG, FL 33701                   P.O. NUMBER: DM/26/7850",
    "                                           P.O. DATE  : 09/01/2037",
    "+----------------------------------+ +----------------------------------+",
    "| VENDOR: RIDGE                    | | SHIP TO:                         |",
    "| RIDGELINE FASTENER & TOOL SUPPLY | | Delta Marine Tampa               |",
    "| 4400 INDUSTRIAL PARKWAY          | | 1101 Channelside Drive           |",
    "| CLEVELAND, OH 44135              | | Tampa, FL 33602                  |",
    "+----------------------------------+ +----------------------------------+",
]
DELTA_GRID: list[str] = [
    "+------------+-------------+-------------+--------------+----------------+",
    "|   BUYER    |  SHIP VIA   |    F.O.B.   |    TERMS     |   DELIVER BY   |",
    "+------------+-------------+-------------+--------------+----------------+",
    "| J. ALVAREZ | UPS FREIGHT | DESTINATION | NET 30       | 09/10/2037     |",
    "+------------+-------------+-------------+--------------+----------------+",
]
DELTA_LINES: list[str] = [
    "QTY ORDERED UM ITEM NUMBER  DESCRIPTION                UNIT PRICE    EXTENDED",
    "----------- -- ------------ ------------------------- ---------- -----------",
    "         20 EA MR-9501      MOORING LINE 1/2IN X 50FT      32.00      640.00",
    "----------------------------------------------------------------------------",
    "                                          P.O. TOTAL     :           640.00",
]
QUOTE_BOX: list[str] = [
    "+------------------------------+",
    "| YOUR QUOTATION               |",
    "| NUMBER: Q-4471               |",
    "| DATE  : 08/15/2037           |",
    "+------------------------------+",
]
STAMP: list[str] = [
    "+----------------------+------------+",
    "| ENTERED BY           | DATE       |",
    "+----------------------+------------+",
    "| J. ALVAREZ           | 08/28/2037 |",
    "+----------------------+------------+",
]


# Safe (rule 2): a quotation's box with 'NUMBER:' and 'DATE:' in its first cells, and a grid stamped 'ENTERED BY |
# DATE', beside the order's own P.O. number and date: the order's are read.
@pytest.mark.parametrize(
    "page",
    [
        DELTA_HEAD + QUOTE_BOX + DELTA_GRID + DELTA_LINES,
        QUOTE_BOX + DELTA_HEAD + DELTA_GRID + DELTA_LINES,
        STAMP + DELTA_HEAD + DELTA_GRID + DELTA_LINES,
        DELTA_HEAD + DELTA_GRID + DELTA_LINES + [""] + [line.replace("ENTERED", "APPROVED") for line in STAMP],
    ],
    ids=["quote-after", "quote-before", "entered-stamp", "approval-grid"],
)
def test_safe_other_boxes_beside_the_orders_number_and_date(session: Session, page: list[str]) -> None:
    order = _mono(page, DELTA)
    assert (order.po_number, order.po_date) == ("DM/26/7850", date(2037, 9, 1)), _read(order)
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2037, 9, 10))], _read(order)
    assert not _held(session, order), _read(order)


# --- rule 8: a boxed title and 'Numéro :' under it (Saari) ---------------------------------------------------------


def _saari(before: list[str], after: list[str]) -> Order:
    return _mono([
        *before,
        "QUINCAILLERIE LUMIERE SARL",
        "14 rue de la Charité",
        "69002 LYON",
        "                                     +----------------------------+",
        "                                     |      BON DE COMMANDE       |",
        "                                     +----------------------------+",
        "                                     | Numéro   : CMD-2026-9500   |",
        "                                     | Date     : 02/09/2037      |",
        "                                     +----------------------------+",
        *after,
        "Fournisseur : RIDGE01               Adresse de livraison :",
        "RIDGELINE FASTENER & TOOL SUPPLY    Lumière Lyon Part-Dieu",
        "4400 Industrial Parkway             45 boulevard Vivier-Merle",
        "CLEVELAND, OH 44135                 69003 Lyon",
        "",
        "Référence Désignation                 Qté U     P.U. HT Rem Montant HT",
        "-----------------------------------------------------------------------",
        "EL-6001   Assortiment connecteurs      40 U       13,50         540,00",
        "PL-5002   Coude cuivre 15mm 90°       300 U        2,60         780,00",
        "-----------------------------------------------------------------------",
        "                                    Total H.T. ...........: 1 320,00",
        "                                    T.V.A. 20,00 % .......:   264,00",
        "                                    Total T.T.C. .........: 1 584,00",
    ], LUMIERE, A4)  # fmt: skip


# Safe (rules 2, 8): a supplier's quotation box '| Numéro : DEV-2026-311 |' above the boxed title is no sure PO
# number; a client box '| Numéro : 004417 |' under it leaves the title's number.
def test_safe_another_boxed_numero(session: Session) -> None:
    quote = ["+------------------------------+", "| DEVIS FOURNISSEUR            |", "| Numéro : DEV-2026-311        |",
             "+------------------------------+"]  # fmt: skip
    order = _saari(quote, [])
    assert order.po_number == "CMD-2026-9500" or order.confidence.get("po_number", 0) < CONFIDENT, _read(order)
    assert order.po_number == "CMD-2026-9500" or _held(session, order), f"released as {_read(order)}"
    client = ["+-------------------------+", "| Client                  |", "| Numéro : 004417         |",
              "+-------------------------+"]  # fmt: skip
    order = _saari([], client)
    assert (order.po_number, order.po_date) == ("CMD-2026-9500", date(2037, 9, 2)), _read(order)
    assert order.stated_total is not None and str(order.stated_total) == "1320.00", _read(order)


# --- rule 9: a contract's reference before the order's number (Agena3000) ------------------------------------------


def test_safe_a_contract_reference_before_the_bgm_number(session: Session) -> None:
    def draw(pdf: canvas.Canvas) -> None:
        rows: list[tuple[str, str]] = [("Référence (RFF+CT)", "CT-2037-11"), ("N° de commande (BGM)", "CMD-2026-9551"),
                                       ("Date de commande (DTM 137)", "02/10/2037")]  # fmt: skip
        for i, (label, value) in enumerate(rows):
            put(pdf, 780 - 14 * i, [(40, label), (180, value)])
        put(pdf, 730, [(40, "Livré à (DP)"), (300, "Facturé à (IV)")])
        put(pdf, 718, [(40, "GLN : 3012345000024"), (300, "GLN : 3012345000017")])
        put(pdf, 706, [(40, "Lumière Lyon Part-Dieu"), (300, "Quincaillerie Lumière SARL")])
        put(pdf, 694, [(40, "45 rue de la Villette"), (300, "14 rue de la Charité")])
        put(pdf, 682, [(40, "69003 Lyon"), (300, "69002 Lyon")])
        header: Row = [(40, "Réf. fournisseur"), (150, "Désignation"), (380, "Qté"), (470, "Prix unitaire"),
                       (530, "Montant")]  # fmt: skip
        put(pdf, 630, header)
        put(pdf, 616, [(40, "EL-6003"), (150, "Ampoule LED E27"), (-395, "6"), (-510, "30,00"), (-560, "180,00")])
        put(pdf, 590, [(300, "Total HT"), (-560, "180,00")])

    order = _parse(draw, LUMIERE)
    assert (order.po_number, order.po_date) == ("CMD-2026-9551", date(2037, 10, 2)), _read(order)
    assert order.ship_to is not None and order.ship_to.name == "Lumière Lyon Part-Dieu", _read(order)
