"""The capture evaluation as a regression test: `orderhub eval fixtures/eval` must keep its figures.

Targets from the issue: header fields ≥ 98%, lines ≥ 95%, touchless ≥ 90% on clean documents, and no wrong
order released — the last one on every group, the holdout layouts included.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from orderhub.evaluate import Group, _documents, _score, evaluate, report
from schemas.order import DateRef, Identifier, Order, OrderLine, Party, Source, SourceKind
from schemas.status import OrderStatus

EVAL = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


@pytest.fixture(scope="module")
def groups() -> dict[str, Group]:
    found = evaluate(EVAL)
    print(report(found))
    return found


def test_no_wrong_order_is_ever_released(groups: dict[str, Group]):
    wrong = [w for g in groups.values() for w in g.wrong_released]
    assert wrong == []


def test_every_expected_file_is_evaluated(groups: dict[str, Group]):
    assert [s for g in groups.values() for s in g.skipped] == []
    assert sum(g.documents for g in groups.values()) == 3591


# V4 (iDempiere, Delta) prints 'Document No DM/26/2312' and 'Order Reference Q-77902': two PO numbers, so its
# planted duplicate (V405) is held for the rival numbers before the duplicate check can name the right one
# U7 (plentymarkets, Hansa) prints its first print's price and amount captions over each other ('EK netto' and
# 'Gesamt netto' overlap: the letters interleave, and no reader can tell the columns apart): its planted price
# (U703) is held with its prices unread, not as a price mismatch
HELD_FOR_ANOTHER_REASON = {
    # N24 (Infomart order sheet, Delta) names its ship-to in a 'Delivery Date | Delivery Place | Delivery Time'
    # caption row over the place's name and street: not read, so its planted unknown ship-to N2402 holds MISSING_SHIP_TO
    "holdout layout N24": 1,
    # U26 (a Jotform submission, round 139, not read yet): its number and dates sit in question/answer rows, so its
    # planted duplicate U2605 holds MISSING_PO_NUMBER (and for its unread dates) instead of DUPLICATE_PO
    "holdout layout U26": 1,
    "holdout layout V4": 1,
    "holdout layout U7": 1,
    "holdout layout L10": 1,
    # Z22 (ShipServ, Boltline) captions its second print's number 'Reference No:' (K21's case, below): its planted
    # duplicate Z2204 holds MISSING_PO_NUMBER
    "holdout layout Z22": 1,
}


def test_every_planted_defect_is_held(groups: dict[str, Group]):
    missed = {name: g.defective - g.held_for_reason for name, g in groups.items() if g.held_for_reason < g.defective}
    assert missed == HELD_FOR_ANOTHER_REASON
    assert all(g.wrong_released == [] for g in groups.values())


# Every group an extractor developer has looked at: the development layouts, and the holdouts whose first (blind)
# measurement is recorded in fixtures/eval/MEASUREMENTS.md and which were then read and fixed.
SEEN = (
    [f"pdf layout {x}" for x in "ABCDEFGHIJKLM"]
    + [f"holdout layout {x}" for x in "NOPQRSTUVWXYZ"]
    + [f"holdout layout {x}{n}" for x in "KG" for n in "1234"]
    + [f"holdout layout {x}{n}" for x in "HEF" for n in "12345"]
    + [f"holdout layout {x}{n}" for x in "LCDBJAIMPQRSTUVWXYZNO" for n in "12345"]
    + [f"holdout layout {x}6" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}7" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}8" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}9" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}10" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}11" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}12" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}13" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}14" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}15" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}16" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}17" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}18" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}19" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}20" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}21" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}22" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}23" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}24" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}25" for x in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"holdout layout {x}26" for x in "ABCDEFGHIJKLMNOPQRST"]
)
# (W4, Openbravo: its second print stacks its captions three lines high, 'Vendor' / 'Search Key  Product Name' /
# 'Product No.  Quantity …'; the header is read on the bottom line, which names columns by itself.)


# (holdout-H4/po-H404 also prints Delta's code DMO-FEND826 so long that it runs into our SKU in the next column:
# one word 'DMO-FEND826MR-9502', nobody's item, held UNKNOWN_ITEM.)
# X ('Number' under a PURCHASE ORDER panel title), N (Oracle's 'Order' caption), H4 (SYSPRO's 'Purchase Order'
# caption), E3 (Katana's number under its title) and L5 ('Numéro') print their PO number once, under a word that
# names no PO by itself (a review found 'Number' over a vendor's account read as the PO): released only when the
# number has the form of the customer's last released orders (orderhub.capture.po_form_confirmed, at least three),
# so a customer's first such orders wait; a reviewed order teaches the label. H4's one held clean order is H404 (above).
# Month-first dates that read both ways (F2, J3, A1, M1, P3, P5, Q1, Q5, S3, S4, T3) are pinned by the US ship-to
# (parsers.pdf.extract.local_date_order) and released.
TOUCHLESS = {
    "holdout layout H4": 0.75,
    # L4 (SyteLine) prints 'Confirm By' and its date beside the order's. A reviewed order teaches it (see the
    # learning tests).
    "holdout layout L4": 0.3,
    # P5 prints its delivery date under 'Exp. Date' on one clean order: expected or expiry? Not guessed; a review
    # teaches it for the layout
    "holdout layout P5": 0.75,
    # Q2 (Dynamics NAV, Hansa) prints 'Bestellung 4500013701' once on two orders: a title's number seen once, in a
    # series of digits alone (which never confirms), waits for a review
    "holdout layout Q2": 0.5,
    # Z1 (DATEV, Hansa) prints its letter's subject 'Bestellung 4500014602' with no 'Nr.' on one clean order: as Q2
    "holdout layout Z1": 0.75,
    # O10 (Abacus, Hansa) prints 'Bestellung 4500017201' once, its one number, on two clean orders: as Q2
    "holdout layout O10": 0.5,
    # P19 (metasfresh, Hansa) prints 'Bestellung 4500020122' once on one clean order: as Q2
    "holdout layout P19": 0.75,
    # Y15 (BORM, Hansa) prints 'KW 51 / <day>' before every delivery date, also where the day falls in another week
    # (Y1501's 10.12.2032 is in week 50, Y1505's 07.01.2033 in week 1): a week that disagrees with its day is for a
    # person (review 21), so those two hold
    "holdout layout Y15": 0.5,
    # L10 (JDA MMS, Cedar) captions its second print's code column 'VENDOR' over 'STYLE' beside the customer's
    # 'SKU': not read as our item (review 15: a style comes in colours and sizes; review 28: the customer's SKUs
    # may be the style's variants); its clean order in that print waits for a review
    "holdout layout L10": 0.75,
    # X10 (Kingdee, Cedar) prints its second print's prices as 'Price incl. Tax' (tax 0.00 here): a gross price is
    # not read as the unit price, so two clean orders wait
    "holdout layout X10": 0.5,
    # V4 (iDempiere, Delta) prints 'Document No' and 'Order Reference' with different numbers on two of its three
    # clean orders: which is the PO is for a person (and then for the layout's template)
    "holdout layout V4": 0.3,
    # X3 (Epicor Prelude) prints a revision note with its date ('REV 1 04/13/28: LINE 7 QTY CHANGED …') on one
    # order: an unlabelled date, held
    "holdout layout X3": 0.65,
    # U7: its first print's overlapping price captions (above) hold its two clean orders in that print
    "holdout layout U7": 0.5,
    # H19 (Manager.io, Acme) captions its second print's number 'Reference' alone: a bare 'Reference' is no PO label
    # (review 22: a buyer's reference under the title), so two clean orders hold MISSING_PO_NUMBER
    "holdout layout H19": 0.5,
    # G20 (Smartup, Granite) prints 'Warehouse: <name>' over 'Delivery address: <street>, <town>' on its first print:
    # the warehouse names the place, but it may be the buyer's stock site over a job site in the same town (review
    # 25), and the master data knows no street, so three clean orders hold for a person to confirm the ship-to
    "holdout layout G20": 0.5,
    # K21 (Megaventory, Boltline) captions its second print's number 'Reference No:' under the title: a reference
    # names the buyer's own reference elsewhere (as H19's 'Reference', review 22), so two clean orders hold
    "holdout layout K21": 0.3,
    # J21 (Ekylibre, Lumière) captions its second print 'Réf. | Article', the code and then the name; read that way
    # a customer's reference beside our article number was released as our item (review 27), so two clean orders
    # hold (both columns read as codes, the row unsure)
    "holdout layout J21": 0.5,
    # B22 (Optimus dash, Cedar & Pine) captions its second print's number 'Our Ref' alone: 'Our ref.' names the
    # buyer's contact on many prints (Nordic 'Vår referens'), and the French 'N/Réf.' is a bare label (review 22),
    # so its clean B2204 holds MISSING_PO_NUMBER
    "holdout layout B22": 0.75,
    # W23 (Sage 200, Lumière): W2305 gives its delivery date only in a note ('Fermeture estivale du 3 au 16 août
    # 2036 inclus, livraison à partir du 21 août'); a date in a sentence holds the order, as it should
    "holdout layout W23": 0.75,
    # R26 (TrueCommerce's 850 print, Cedar & Pine): its first print sets each item as a block of 'Caption: value'
    # pairs with no caption row ('Line 1  Qty Ordered: 24  UOM: EA  Unit Cost: 16.90  Retail: 29.99  Ext. Cost:
    # 405.60', its codes, 'Description:' and 'Pack:' under it): no table is found and its two clean orders hold
    "holdout layout R26": 0.3,
}


# every read layout's header fields at the target (a group may be named here with its reason)
HEADER: dict[str, float] = {"holdout layout P5": 0.94, "holdout layout V4": 0.9}  # 'Exp. Date', two PO numbers
# I12 (Comarch, Lumière) states its total only in a VAT recap's 'Total' row (HT, TVA, TTC): where the lines do not
# make the HT figure (I1203's planted total), the TTC is read as the total; the order is held TOTAL_MISMATCH
HEADER["holdout layout I12"] = 0.97
# G15 (Successware, round 79): the planted G1502 prints its total as the sum of its printed amounts (749.20, the
# wrong line included), against the set's rule that a planted line amount leaves the stated total at Σ quantity ×
# price (its expected file says 731.20). 749.20 is what the page says and is read; the order is held all the same
HEADER["holdout layout G15"] = 0.97
# V18 (velo.port, round 97): as G15, the planted V1803 prints 'Summe netto 500,80', the sum of its printed amounts
# (the wrong 154,00 included), where the set's rule puts Σ quantity × price (486,80); held all the same
HEADER["holdout layout V18"] = 0.97
HEADER["holdout layout H19"] = 0.94  # 'Reference' (above, TOUCHLESS)
HEADER["holdout layout K21"] = 0.94  # 'Reference No:' (above, TOUCHLESS)
HEADER["holdout layout B22"] = 0.97  # 'Our Ref' (above, TOUCHLESS)
HEADER["holdout layout Z22"] = 0.94  # 'Reference No:' (above, HELD_FOR_ANOTHER_REASON)
HEADER["holdout layout N24"] = 0.97  # the ship-to's caption row (above, HELD_FOR_ANOTHER_REASON)
# F17 (Rivilė): the planted F1705 prints 'No.' with no number over its date, which then is not taken for the order's
# (the order holds, MISSING_PO_NUMBER)
HEADER["holdout layout F17"] = 0.96
# Y15 (BORM): the two delivery dates whose 'KW 51' disagrees with their day are not read (see TOUCHLESS)
HEADER["holdout layout Y15"] = 0.94
HEADER["holdout layout R26"] = 0.94  # its block print's total (above, TOUCHLESS)
LINES: dict[str, float] = {
    "holdout layout U7": 0.5,
    "holdout layout L10": 0.55,
    "holdout layout X10": 0.6,
    "holdout layout J21": 0.5,  # 'Réf. | Article' (above, TOUCHLESS)
    # N25 (Agilysys Eatec): N2504's expected file lists its lines in its spec's order, the page prints them grouped by
    # category (read in the page's order, two lines count as misread; the order holds for its planted unknown item)
    "holdout layout N25": 0.9,
    "holdout layout R26": 0.4,  # its block print (above, TOUCHLESS)
}  # overlapping price captions (above): no price read


@pytest.mark.parametrize("group", [*SEEN, "sheet", "email", "corpus-invoices"])
def test_development_layouts_meet_the_targets(groups: dict[str, Group], group: str):
    g = groups[group]
    assert g.header_right >= HEADER.get(group, 0.98) * g.header_total
    assert g.lines_right >= LINES.get(group, 0.95) * g.lines_total
    assert g.clean_released >= TOUCHLESS.get(group, 0.9) * g.clean


# the scoring itself: it must not flatter

EXPECTED = {
    "outcome": "released",
    "hold_codes": [],
    "order": {
        "customer_id": "C-ACME", "po_number": "45-1177", "po_date": "2026-03-01", "requested_date": None,
        "currency": "USD", "ship_to": "0042", "total": None,
        "lines": [{"sku": "AB-1001", "quantity": "24", "uom": "EA", "unit_price": "9.25"}],
    },
}  # fmt: skip


def _released(po: str = "45-1177", **changes) -> Order:
    order = Order(
        order_id=f"o-{po}", customer_id="C-ACME", source=Source(kind=SourceKind.PDF), po_number=po,
        po_date=date(2026, 3, 1), currency="USD", status=OrderStatus.RELEASED,
        ship_to=Party(name="Acme Hardware Dayton", identifiers=[Identifier(qualifier="92", value="0042")]),
        lines=[OrderLine(sku="AB-1001", quantity=Decimal(24), uom="EA", unit_price=Decimal("9.25"))],
    )  # fmt: skip
    return order.model_copy(update=changes)


def test_a_right_order_scores_right():
    group = Group()
    _score(group, "doc", EXPECTED, [_released()], None)
    assert group.wrong_released == [] and group.misses == []
    assert (group.clean_released, group.header_right, group.header_total, group.lines_right) == (1, 5, 5, 1)


def test_an_extra_released_order_is_a_wrong_release():
    group = Group()
    _score(group, "doc", EXPECTED, [_released(), _released("45-9999")], None)
    assert len(group.wrong_released) == 1 and "45-9999" in group.wrong_released[0]
    held = Group()
    _score(held, "doc", EXPECTED, [_released(), _released("45-9999", status=OrderStatus.HELD)], None)
    assert held.wrong_released == [] and len(held.misses) == 1


def test_the_expected_order_is_found_among_several_whatever_their_order():
    group = Group()
    _score(group, "doc", EXPECTED, [_released("45-9999", status=OrderStatus.HELD), _released()], None)
    assert group.wrong_released == [] and group.header_right == group.header_total


def test_a_released_order_with_a_value_the_document_does_not_state_is_wrong():
    group = Group()
    invented = _released(dates=[DateRef(qualifier="002", value=date(2026, 4, 1))], stated_total=Decimal("222"))
    _score(group, "doc", EXPECTED, [invented], None)
    assert len(group.wrong_released) == 1
    assert "requested_date" in group.wrong_released[0] and "total" in group.wrong_released[0]
    assert group.header_total == 7 and group.header_right == 5


def test_expected_files_without_a_unique_document_are_reported_as_skipped(tmp_path: Path):
    (tmp_path / "pdf").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "pdf" / f"{name}.expected.json").write_text(json.dumps(EXPECTED), encoding="utf-8")
    (tmp_path / "pdf" / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "pdf" / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "pdf" / "c.csv").write_bytes(b"x")
    found, skipped = _documents(tmp_path)
    assert [p.name for p, _ in found] == ["a.pdf"]
    assert [(p.name, why) for p, _, why in skipped] == [
        ("b.expected.json", "no document beside it"),
        ("c.expected.json", "2 documents share its name"),
    ]
    group = Group(documents=1, skipped=["pdf/b.expected.json: no document beside it"])
    text = report({"pdf": group})
    assert "SKIPPED  pdf/b.expected.json" in text and text.splitlines()[0].endswith("skipped")


def test_the_index_lists_every_document_with_its_hash() -> None:
    spec = importlib.util.spec_from_file_location("write_index", EVAL / "write_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (EVAL / "index.tsv").read_text(encoding="utf-8").splitlines() == module.rows()


def test_a_po_number_repeats_only_as_a_planted_duplicate() -> None:
    """Authors of new layouts pick PO numbers by hand: a clash would make a clean document a DUPLICATE_PO."""
    seen: set[tuple[str, str]] = set()
    clashes = []
    for path, want in _documents(EVAL)[0]:
        order = want["order"]
        key = (order["customer_id"], order["po_number"])
        if order["po_number"] and key in seen and "DUPLICATE_PO" not in want["hold_codes"]:
            clashes.append(f"{path.relative_to(EVAL)}: {key}")
        seen.add(key)
    assert clashes == []


# learning from the review (orderhub.layouts): each held clean PDF is reviewed (its expected order) and its
# layout learned before the next document; round 9's layouts each belong to one customer, as real ones do


@pytest.fixture(scope="module")
def learned() -> dict[str, Group]:
    found = evaluate(EVAL, learn=True)
    print(report(found, verbose=True))
    return found


def test_learning_from_reviews_releases_nothing_wrong_and_takes_nothing_away(
    groups: dict[str, Group], learned: dict[str, Group]
):
    assert [w for g in learned.values() for w in g.wrong_released] == []
    for name, g in groups.items():
        assert learned[name].clean_released >= g.clean_released, name
        assert learned[name].held_for_reason >= g.held_for_reason, name  # a review may let a check name it


def test_what_each_review_teaches_is_the_label_or_notation_the_first_reading_missed(
    groups: dict[str, Group], learned: dict[str, Group]
):
    taught = {name: " ".join(g.learned) for name, g in learned.items()}
    assert "'Purchase Order' labels the PO number" in taught["holdout layout H4"]
    assert "'Exp. Date' labels the requested date" in taught["holdout layout P5"]
    # C1 (ERPNext) needs no review since round 83: its ship-to block goes on under a panel beside it
    assert taught["holdout layout C1"] == ""
    assert "'Confirm By' labels a date that is not the order's" in taught["holdout layout L4"]
    # round 10's SyteLine layout is one customer's (Boltline): its next order in that print is released
    assert learned["holdout layout L4"].clean_released > groups["holdout layout L4"].clean_released
    assert all(not g.learned for name, g in learned.items() if name.startswith("pdf layout"))  # read right
