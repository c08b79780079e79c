"""A fifteenth review's reproductions: prints and X12 sequences a real ERP or trading partner could produce, aimed
at the rules added in e0b21c1..c1747a0 (a PO or release number is never a date read either way; an X12 document
naming no release applies to the PO's one live release; a captured order naming no release is a duplicate of any
release; 'Last / Previous / Replaces Release No.' is another release's; the Marg / JDA MMS / mcframe / BOB 50
labels and captions). Each finding's test asserts the safe outcome and fails on c1747a0; the tests named
``test_safe_…`` pass: attacks the rules withstand (four of them fail on e0b21c1: a day-first date read as the PO
number, two release numbers and an original naming no release released).

- ``any_date`` in ``_po_number`` (parsers/pdf/header.py; regression of 4d13292): a PO number made of the year, the
  month and a running number ('PO Number: PO-25-03-0042', '25-03-0042' read day first is 25 March of the year 42)
  is refused. The order is then released with another labelled number as its PO: 'Document No.: 4471' beside it,
  or the blanket order's 'Blanket PO No.: 45-1000' on a release. On e0b21c1 PO-25-03-0042 was read (and the
  blanket pair held as two competing PO numbers).
- ``any_date`` in ``_release_number`` (regression of 4d13292): 'Release No.: REL-25-03-0007' is refused, no other
  release label is printed, and the release is released as blanket PO 45-1000 itself, its release dropped (review
  13's finding, back). On e0b21c1 the release number was read.
- ``prior_order`` (orderhub/orders.py; regression of 4d13292): an 850 change naming no release (BEG01=04, no
  BEG04) is applied to the PO's one live release 7, and its new version is stored and released with NO release
  number. Then (a) the buyer's retransmission of the original release 7 matches no live release 7 and is released
  a second time; (b) after release 8, a cancel of the PO naming no release finds the un-numbered version as the
  exact match and cancels release 7 alone, release 8 stays released, nothing held. On e0b21c1 the change was held
  UNKNOWN_PO, so (a) held; (b) failed there too, the held change swallowing the cancel (the older finding below).
- ``prior_order`` (regression of 4d13292): a change to the blanket order itself (BEG01=04, BEG02=BK, no BEG04,
  the year's 1000 pieces) is applied to the one live release 7 (BEG02=RL, 10 pieces), which is superseded and
  released with 1000. On e0b21c1 held UNKNOWN_PO.
- ``store_order`` / ``prior_order`` (older; the mend does not reach it): releases 6 and 7 live, a change naming no
  release is held (several releases live: right); then the buyer cancels the PO naming no release. The held change
  (release None, held is live) is the exact match: the cancel 'cancels' it, nothing is held, and releases 6 and 7
  stay released. e0b21c1 did the same.
- ``_read_release`` (older): only the word right before the label says 'another release': 'Last Shipped Release
  No.: 6' with the order's own number under a label we do not know ('Release: 7') is released as release 6.
- 'vendor style' (parsers/pdf/columns.py; regression of c1747a0): JDA-style 'Vendor Style | Color | Size' rows,
  one style in two colours and sizes, are released as two lines of the same item AB-1001, colour and size dropped.
  On e0b21c1 the lines held (no item column).

Mended: a PO or release number is refused as a date only when it is all a date's digits with a likely year; an
X12 document naming no release is held while any release of its PO is live (it is applied to no release, and no
held order absorbs it); 'Last', 'Previous' … anywhere before a release label in its phrase make it another
release's; 'Vendor Style' is no longer read as our item number."""

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
from test_review_wrong_release_13 import DAYTON, Row, acme, parse, put, released, ship_to  # noqa: E402
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


# Finding, any_date in _po_number (regression): 'PO-25-03-0042' (year, month, running number) is refused as a
# date, and another labelled number is released as the PO number.
@pytest.mark.parametrize(
    "numbers",
    [
        ("PO Number: PO-25-03-0042", "PO Date: 03/14/2026", "Document No.: 4471"),
        ("Blanket PO No.: 45-1000", "PO Number: PO-25-03-0042", "PO Date: 03/14/2026"),
    ],
    ids=["document-no", "blanket-po"],
)
def test_a_po_number_of_year_month_and_running_number_is_no_date(captured: Session, numbers: tuple[str, ...]) -> None:
    order = parse(acme(ship_to, numbers)).model_copy(update={"order_id": "o-1"})
    assert not released(order) or order.po_number == "PO-25-03-0042", f"released as PO {order.po_number!r}"
    row = store_captured(captured, _document(captured), order)
    assert row.status == "held" or row.po_number == "PO-25-03-0042", f"PO {row.po_number!r} went to the ERP"


# Finding, any_date in _release_number (regression): the release's number refused, the release goes out as the
# blanket order itself.
def test_a_release_number_of_year_month_and_running_number_is_no_date(captured: Session) -> None:
    numbers = ("Blanket PO No.: 45-1000", "Release No.: REL-25-03-0007", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers)).model_copy(update={"order_id": "o-1"})
    assert not released(order) or order.release_number == "REL-25-03-0007", "released as the blanket order"
    row = store_captured(captured, _document(captured), order)
    assert row.status == "held" or order.release_number == "REL-25-03-0007"


# Finding, prior_order (regression): a change naming no release, applied to release 7, loses the release number.
def test_a_change_naming_no_release_keeps_the_release_it_changes(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "7")], control=1))
    hub.run_once()
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "", purpose="04", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "7")], control=3))  # release 7's 850 sent again
    hub.run_once()
    found = _orders(hub)
    live = [(r, p) for r, p, s, _ in found if s == "released"]
    assert len(live) <= 1, f"release 7 of PO-B is released twice: {found}"


def test_a_cancel_naming_no_release_after_such_a_change_holds(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "7")], control=1))
    hub.run_once()
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "", purpose="04", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "8", qty="20")], control=3))
    hub.run_once()
    workspace.drop("4.x12", interchange([_x12_release("PO-B", "", purpose="01", kind="BK")], control=4))
    hub.run_once()
    found = _orders(hub)
    release_8_released = ("8", "original", "released", []) in found
    cancel_held = any(p == "cancel" and s == "held" for _, p, s, _ in found)
    assert not release_8_released or cancel_held, f"PO-B cancelled, release 8 stays released: {found}"


# Finding, prior_order (regression): the blanket order's own change (BEG02=BK) is applied to its release.
def test_a_change_to_the_blanket_order_is_not_applied_to_its_release(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "7")], control=1))
    hub.run_once()
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "", purpose="04", qty="1000", kind="BK")], control=2))
    hub.run_once()
    found = _orders(hub)
    assert ("7", "original", "released", []) in found or all(
        s != "released" for _, p, s, _ in found if p == "change"
    ), f"release 7 replaced by the blanket order's change: {found}"


# Finding, store_order (older): a held change naming no release absorbs the PO's cancel.
def test_a_held_change_does_not_absorb_the_cancel_of_the_po(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "6")], control=1))
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "7", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "", purpose="04", qty="14", kind="BK")], control=3))
    hub.run_once()
    workspace.drop("4.x12", interchange([_x12_release("PO-B", "", purpose="01", kind="BK")], control=4))
    hub.run_once()
    found = _orders(hub)
    still_live = {r for r, p, s, _ in found if p == "original" and s == "released"}
    cancel_held = any(p == "cancel" and s == "held" for _, p, s, _ in found)
    assert not still_live or cancel_held, f"the cancel of PO-B was swallowed, releases {still_live} live: {found}"


# Finding, _read_release (older): 'Last Shipped Release No.' is another release's number too.
def test_another_releases_number_two_words_before_its_label() -> None:
    numbers = ("Blanket PO No.: 45-1000", "Release: 7", "Last Shipped Release No.: 6", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers))
    assert not released(order) or order.release_number == "7", f"released as release {order.release_number!r}"


# Finding, 'vendor style' (regression): a style in two colours and sizes released as one item twice.
def test_a_vendor_style_with_colour_and_size_is_not_an_item() -> None:
    header: Row = [(40, "Vendor Style"), (110, "Color"), (160, "Size"), (200, "Description"), (-350, "Qty"),
                   (380, "UOM"), (-480, "Unit Price"), (-560, "Amount")]  # fmt: skip
    rows = (
        [(40, "AB-1001"), (110, "RED"), (160, "M"), (200, "Anchor bolt M12"), (-350, "24"), (380, "EA"),
         (-480, "9.25"), (-560, "222.00")],
        [(40, "AB-1001"), (110, "BLUE"), (160, "L"), (200, "Anchor bolt M12"), (-350, "10"), (380, "EA"),
         (-480, "9.25"), (-560, "92.50")],
    )  # fmt: skip
    order = parse(acme(ship_to, header=header, rows=rows, total=[(400, "Total"), (-560, "314.50")]))
    kept = all(any(c in (ln.description or "") for c in ("RED", "BLUE")) for ln in order.lines)
    assert not released(order) or kept, f"released as {[(ln.vendor_part_number, ln.quantity) for ln in order.lines]}"


# Safe (rule 1): a date under a PO label is still no PO number; a plain number with dashes still is one.
@pytest.mark.parametrize("text", ["15/07/2030", "31-12-2030"])
def test_safe_a_date_is_still_no_po_number(text: str) -> None:
    order = parse(acme(ship_to, (f"PO Number: {text}", "PO Date: 03/14/2026")))
    assert order.po_number != text


def test_safe_a_dashed_po_number_that_is_no_date_is_read() -> None:
    order = parse(acme(ship_to, ("PO Number: 45-10-2201", "PO Date: 03/14/2026")))
    assert released(order) and order.po_number == "45-10-2201"


# Safe (rule 3): the order's own release and another's two words before its label: held on c1747a0 (two numbers);
# since the mend sees 'Last' two words before, release 7 is read, and only 7 may be released.
def test_safe_two_release_numbers_hold() -> None:
    numbers = ("Blanket PO No.: 45-1000", "Release No.: 7", "Last Shipped Release No.: 6", "PO Date: 03/14/2026")
    order = parse(acme(ship_to, numbers))
    assert not released(order) or order.release_number == "7"


# Safe (rule 2, core): an original naming no release while releases 6 and 7 are live: held DUPLICATE_PO.
def test_safe_an_original_naming_no_release_holds_while_several_are_live(workspace: Workspace) -> None:
    hub = workspace.hub()
    workspace.drop("1.x12", interchange([_x12_release("PO-B", "6")], control=1))
    workspace.drop("2.x12", interchange([_x12_release("PO-B", "7", qty="12")], control=2))
    hub.run_once()
    workspace.drop("3.x12", interchange([_x12_release("PO-B", "", qty="14", kind="BK")], control=3))
    hub.run_once()
    assert (None, "original", "held", ["DUPLICATE_PO"]) in _orders(hub)


# Safe (rule 4): 'Delivery at' with a time, or a date, beside it is no ship-to; under it, Dayton is read.
def test_safe_delivery_at_a_time_or_a_date() -> None:
    def dock(pdf) -> None:
        put(pdf, 700, [(40, "Ship To:"), (300, "Delivery at: Dock 4, 7:00-11:00 AM")])
        for i, text in enumerate(DAYTON):
            put(pdf, 688 - 12 * i, [(40, text)])

    order = parse(acme(dock))
    assert order.ship_to is not None and order.ship_to.city == "Dayton"

    def dated(pdf) -> None:
        ship_to(pdf)
        put(pdf, 640, [(40, "Terms: Net 30"), (300, "Delivery at: 03/20/2026")])

    order = parse(acme(dated))
    assert not released(order) or (order.ship_to is not None and order.ship_to.city == "Dayton")


# Safe (rule 5): 'PU HTVA' with a discount ('Rem. %') the line amount does not make: held.
def test_safe_a_price_before_vat_with_a_discount_holds() -> None:
    header: Row = [(40, "Code"), (110, "Libellé"), (-330, "Qté"), (-400, "PU HTVA"), (-450, "Rem. %"),
                   (-560, "Total HTVA")]  # fmt: skip
    rows = (
        [(40, "AB-1001"), (110, "Anchor bolt M12"), (-330, "24"), (-400, "9,25"), (-450, "10,00"), (-560, "199,80")],
        [(40, "AB-1002"), (110, "Anchor bolt M10"), (-330, "10"), (-400, "6,40"), (-450, "0,00"), (-560, "64,00")],
    )
    assert not released(parse(acme(ship_to, header=header, rows=rows, total=[(400, "Total HTVA"), (-560, "263,80")])))
