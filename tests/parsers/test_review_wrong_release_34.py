"""A thirty-fourth review's reproductions: prints a real ERP could produce, aimed at the rules added in 98e0aea (a
remark naming a total ending the table again, 'Building site:' over a delivery address, a letter's place and date
over its subject, a day of the week contradicting its date). Each finding's test asserts the safe outcome (read
right, or held) and fails on 98e0aea (it passes on 5fc8884); the tests named ``test_safe_…`` pass: attacks the
rules withstand.

- ``table.py`` ``_read_rows`` / ``_remark_before_rows`` (rule 7; regression): on a price-less form a remark naming
  the total ('Comments: Total quantity to ship complete') that runs on over three more lines of text before the
  next line items ends the table, and no line with a quantity follows within three lines, so nothing holds: the
  order is released with its later lines dropped. 5fc8884 read every line.

Withstood: 'Job site: Acme Hardware Dayton' as the ship-to's only name (skipped, so the street is read as the name
and the address loses its street: a wrong ship-to, but the core does not find the location and holds);
the remark at the foot of page 1 with the lines going on on page 2 (held: a second table follows); a
day of the week contradicting a second order date (held, as before).
Not attacked for lack of time: the letter's place and date over its subject, 'Input', 'Part Number /
Description', 'Acc.:', 'CAS' / 'PAC'.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import Row, parse, put  # noqa: E402

from orderhub.capture import decide_captured  # noqa: E402
from orderhub.masterdata import import_directory  # noqa: E402
from orderhub.store.db import make_engine, migrate  # noqa: E402
from schemas.order import Order  # noqa: E402

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"
DAYTON = ("Acme Hardware Dayton", "1200 Wayne Ave", "Dayton, OH 45402")


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def _held(session: Session, order: Order) -> bool:
    return bool(decide_captured(session, order).hold_reasons)


def _read(order: Order) -> str:
    lines = [(ln.vendor_part_number, str(ln.quantity)) for ln in order.lines]
    ship = order.ship_to and (order.ship_to.name, order.ship_to.address_lines)
    return f"PO {order.po_number!r}, date {order.po_date}, ship-to {ship}, lines {lines}"


def _lines(order: Order) -> list[tuple[str | None, int]]:
    return [(ln.vendor_part_number, int(ln.quantity or 0)) for ln in order.lines]


PLAIN: Row = [(40, "Item"), (100, "Description"), (-290, "Qty"), (300, "UOM")]
FIRST: Row = [(40, "AB-1001"), (100, "Anchor bolt M12"), (-290, "24"), (300, "EA")]
SECOND: Row = [(40, "AB-1002"), (100, "Anchor bolt M10"), (-290, "10"), (300, "EA")]
THIRD: Row = [(40, "GL-8001"), (100, "Glue 500 ml"), (-290, "6"), (300, "EA")]
ORDERED = [("AB-1001", 24), ("AB-1002", 10), ("GL-8001", 6)]
REMARK: Row = [(100, "Comments: Total quantity to ship complete")]


def _acme(rows: list[Row], ship: tuple[str, ...] = DAYTON, head: list[tuple[float, Row]] = (), page2=()) -> Order:
    """Acme's price-less PO 45-8901 of 04/10/2036: ``ship`` under 'Ship To:', ``rows`` under the captions, ``page2``
    under them again on a second page."""

    def draw(pdf: canvas.Canvas) -> None:
        put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PURCHASE ORDER")])
        put(pdf, 756, [(380, "PO Number: 45-8901")])
        put(pdf, 744, [(380, "PO Date: 04/10/2036")])
        put(pdf, 700, [(40, "Ship To:")])
        for i, text in enumerate(ship):
            put(pdf, 688 - 12 * i, [(40, text)])
        for y, row in head:
            put(pdf, y, row)
        put(pdf, 640, PLAIN)
        for i, row in enumerate(rows):
            put(pdf, 626 - 12 * i, row)
        if page2:
            pdf.showPage()
            pdf.setFont("Helvetica", 9)
            put(pdf, 772, [(40, "Acme Hardware Co."), (380, "PO Number: 45-8901"), (500, "Page 2")])
            put(pdf, 740, PLAIN)
            for i, row in enumerate(page2):
                put(pdf, 726 - 12 * i, row)

    return parse(draw)


# --- rule 7: a remark naming the total ends the table again ----------------------------------------------------


# Finding, table.py _remark_before_rows (rule 7; regression): a remark running on over three lines hides the lines
# after it from the three-line look-ahead; the table ends at the remark and two lines are dropped unseen.
def test_a_remark_naming_the_total_over_three_lines_of_text_drops_no_lines(session: Session) -> None:
    remark = [
        REMARK,
        [(100, "per line, no partial shipments; call")],
        [(100, "before delivery to book the dock")],
        [(100, "Mon-Fri 7:00-15:00 only")],
    ]
    order = _acme([FIRST, *remark, SECOND, THIRD])
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# Safe (rule 7): the remark at the foot of page 1, the lines going on on page 2: a second table, held.
def test_safe_a_remark_naming_the_total_over_a_page_break_holds(session: Session) -> None:
    order = _acme([FIRST, REMARK], page2=[SECOND, THIRD])
    assert _lines(order) == ORDERED or _held(session, order), f"released as {_read(order)}"


# --- rule 3: 'Job site:' over the delivery address --------------------------------------------------------------


# Safe (rule 3): the job site's name on the designation's own line is the ship-to's only name; skipping it makes the
# street the name and drops it from the address, but the location is then not found: held.
def test_safe_a_job_site_that_is_the_only_name_holds(session: Session) -> None:
    order = _acme([FIRST, SECOND, THIRD], ship=("Job site: Acme Hardware Dayton", *DAYTON[1:]))
    ship = order.ship_to
    right = ship is not None and ship.address_lines == ["1200 Wayne Ave"] and ship.name != "1200 Wayne Ave"
    assert right or _held(session, order), f"released as {_read(order)}"


# --- rule 6: a day of the week contradicting its date ----------------------------------------------------------


# Safe (rule 6): 'Order Date: Thu, 04/03/2036' (a Thursday) beside 'PO Date: 04/10/2036': two order dates, held.
def test_safe_a_second_order_date_with_its_weekday_holds(session: Session) -> None:
    order = _acme([FIRST, SECOND, THIRD], head=[(665, [(380, "Order Date: Thu, 04/03/2036")])])
    assert _held(session, order), f"released as {_read(order)}"
