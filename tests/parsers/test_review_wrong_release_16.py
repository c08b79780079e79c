"""A sixteenth review's reproductions: prints and X12 sequences a real ERP or trading partner could produce, aimed
at the rules added in f368791..6e3b343 (a PO or release number is refused as a date when read month first anywhere,
or when it is only a date's digits read day first; an X12 document naming no release is held while a release of
its PO is live; 'Last', 'Previous' … anywhere before a release label make it another release's; Kingdee's 'Bill
No.', AroFlo's 'Date Raised', the Kingdee / MISys captions, Distribution One's 'VEND ITEM:'). No regression of
these commits released a wrong order; the findings are older behaviour the mends of review 15 do not reach. Each
finding's test asserts the safe outcome and fails on 6e3b343 (and on f368791); the tests named ``test_safe_…``
pass: attacks the rules withstand.

- ``_a_date`` in ``_po_number`` / ``_release_number`` (parsers/pdf/header.py; older, not reached by review 15's
  mend): a date-based number with the date written year first ('PO Number: PO-2026-03-14-01', 'Release No.:
  REL-2026-03-14') is refused, because ``parse_date`` finds '2026-03-14' anywhere inside it. The order is then
  released with another labelled number as its PO ('Document No.: 4471' beside it), or the release is released
  as blanket PO 45-1000 itself, its release dropped (review 13's finding, back). f368791 did the same
  (``any_date`` read month first anywhere too).
- ``_read_release`` / ``_OTHER_RELEASE`` (older): only the listed words mark another release's number. 'Replacing
  Release No.: 6', 'Preceding …', 'Prev …' (no dot), 'Amends …', 'Earlier …' beside the order's own 'Release: 7'
  (a label we do not know) is released as release 6. f368791 did the same (it looked only at the word before).

Withstood: a refused PO number alone (read as '' by the PDF stage) is held by the core; 'Original' / 'Next' anywhere
before the order's own release label leave the release unsure (held, not dropped); Kingdee's 'Source Bill No.' is
not read as the PO number beside 'Bill No.'; 'Bill No.' does not outrank a title's PO number (held as competing);
'Raised By' and "Req'd By" holding a person's name read nothing; an X12 cancel of release 7 after a held duplicate
of release 7 cancels the released one.
Mended: a PO or release number is refused as a date only when the whole word is a date ('15/07/2030',
'2030-07-15', '15-Jul-2030'); a release label is the order's own only when nothing but 'Blanket', 'PO', 'Order' …
stands before it in its phrase (any other word may name another release: unsure, held)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Workspace
from sqlmodel import Session
from x12build import interchange

from orderhub.capture import store_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_review_wrong_release_13 import FIRST, HEADER, SECOND, acme, parse, released, ship_to  # noqa: E402
from test_review_wrong_release_14 import MASTER, _document, _orders, _x12_release  # noqa: E402


@pytest.fixture
def captured(database_url: str) -> Iterator[Session]:
    """Review 14's store over the eval master data (Acme Hardware and its items)."""
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


# Finding, _a_date in _po_number (older): a date-based PO number written year first is refused as a date; another
# labelled number goes to the ERP as the PO number.
def test_a_po_number_holding_a_year_first_date_is_no_date(captured: Session) -> None:
    numbers = ("PO Number: PO-2026-03-14-01", "PO Date: 03/14/2026", "Document No.: 4471")
    order = parse(acme(ship_to, numbers)).model_copy(update={"order_id": "o-1"})
    assert not released(order) or order.po_number == "PO-2026-03-14-01", f"released as PO {order.po_number!r}"
    row = store_captured(captured, _document(captured), order)
    assert row.status == "held" or row.po_number == "PO-2026-03-14-01", f"PO {row.po_number!r} went to the ERP"


# Safe (rule 1): on 6e3b343 the refused PO number alone left it empty at the PDF stage and the core held the
# order; since the mend the number is read, and only it may be released.
def test_safe_a_refused_po_number_alone_is_held_by_the_core(captured: Session) -> None:
    order = parse(acme(ship_to, ("PO Number: PO-2026-03-14-01", "PO Date: 03/14/2026")))
    row = store_captured(captured, _document(captured), order.model_copy(update={"order_id": "o-1"}))
    assert row.status == "held" or row.po_number == "PO-2026-03-14-01"


# Finding, _a_date in _release_number (older): the release's date-based number refused, the release goes out as the
# blanket order itself.
def test_a_release_number_holding_a_year_first_date_is_no_date(captured: Session) -> None:
    numbers = ("Blanket PO No.: 45-1000", "Release No.: REL-2026-03-14", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers)).model_copy(update={"order_id": "o-1"})
    assert not released(order) or order.release_number == "REL-2026-03-14", "released as the blanket order"
    row = store_captured(captured, _document(captured), order)
    assert row.status == "held" or order.release_number == "REL-2026-03-14"


# Finding, _OTHER_RELEASE (older): another release's number under a qualifier the list does not know.
@pytest.mark.parametrize("word", ["Replacing", "Preceding", "Prev", "Amends", "Earlier"])
def test_another_releases_number_under_an_unlisted_qualifier(word: str) -> None:
    numbers = ("Blanket PO No.: 45-1000", "Release: 7", f"{word} Release No.: 6", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers))
    assert not released(order) or order.release_number == "7", f"released as release {order.release_number!r}"


# Safe (rule 3): a qualifier anywhere before the order's own release label leaves it unsure: held, not dropped.
@pytest.mark.parametrize(
    "numbers",
    [
        ("Original PO No.: 45-1000 Release No.: 7", "PO Date: 03/14/2026"),
        ("Blanket PO No.: 45-1000", "Next Delivery Release No.: 7", "PO Date: 03/14/2026"),
        ("Blanket PO No.: 45-1000", "Release No.: 7", "Replacing Release No.: 6", "PO Date: 03/14/2026"),
    ],
    ids=["original-po", "next-delivery", "both-labelled"],
)
def test_safe_a_qualifier_before_the_orders_own_release_holds(numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers))
    assert not released(order) or order.release_number == "7"


# Safe (rule 4): Kingdee's 'Source Bill No.' (the requisition it came from) is not the PO number.
@pytest.mark.parametrize(
    "numbers",
    [
        ("Bill No.: CGDD000123", "Source Bill No.: CGSQ000045", "PO Date: 03/14/2026"),
        ("Source Bill No.: CGSQ000045", "Bill No.: CGDD000123", "PO Date: 03/14/2026"),
    ],
)
def test_safe_a_source_bill_number_is_no_po_number(numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers))
    assert order.po_number == "CGDD000123"


# Safe (rule 4): a title's PO number and a 'Bill No.' beside it: competing, held.
def test_safe_a_bill_number_beside_a_titled_po_number_holds() -> None:
    order = parse(acme(ship_to, ("PURCHASE ORDER 45-2201", "Bill No.: 4471", "PO Date: 03/14/2026")))
    assert not released(order) or order.po_number == "45-2201"


# Safe (rules 4, 5): 'Raised By' and "Req'd By" holding a person's name read nothing.
def test_safe_raised_by_and_reqd_by_a_person() -> None:
    numbers = ("PO Number: 45-2201", "Date Raised: 03/14/2026", "Raised By: J. Smith")
    header = [*HEADER, (250, "Req'd By")]
    rows = ([*FIRST, (250, "JSMITH")], [*SECOND, (250, "JSMITH")])
    order = parse(acme(ship_to, numbers, header=header, rows=rows))
    assert order.po_number == "45-2201" and str(order.po_date) == "2026-03-14"
    assert all(ln.requested_date is None for ln in order.lines)


# Safe (rule 2): a cancel of release 7 after a held duplicate of release 7 cancels the released one.
def test_safe_a_cancel_after_a_held_duplicate_cancels_the_released_release(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "7")], control=1))
    hub.run_once()
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "7", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "7", purpose="01")], control=3))
    hub.run_once()
    found = _orders(hub)
    assert all(s != "released" for _, _, s, _ in found), f"release 7 stays released: {found}"
