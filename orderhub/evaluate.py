"""`orderhub eval DIR`: how well capture works, measured on documents with hand-written expectations.

Every document under DIR with a ``NAME.expected.json`` beside it goes, in the order of its order's date (then by
path: as a customer's orders arrive), through the whole pipeline (parsers, customer and master-data resolution,
checks, the touchless decision) against a throw-away database holding ``DIR/masterdata``. A PDF or sheet is
delivered as from the expected file's ``sender``; a mail speaks for itself. Reported per group (a layout, each
holdout layout, sheets, mails, the invoice corpus): header-field accuracy, line-level exact match, the touchless
rate on clean documents, held documents held for the planted reason, and — what matters most — released orders
that were wrong.

What counts as wrong, so that the figure cannot flatter:

- every order a document yields is accounted for: the one matching the expected PO number (else the first) is
  scored; any other order it yields is an extra, and an extra that was *released* is a wrong release;
- a header field the expected file leaves ``null`` but the order fills is wrong (a released order with a
  delivery date the document never states is a wrong order). Customer and currency need no exception: the
  expected file already holds what the master data derives (the sender's customer, the customer's currency);
- an expected file with no unique document beside it is not silently dropped: it is counted as skipped and
  listed.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from connectors.base import Incoming
from mappers.profile import ProfileBook
from orderhub.capture import po_key
from orderhub.layouts import learn_released
from orderhub.masterdata import import_directory
from orderhub.pipeline import Pipeline
from orderhub.store.db import make_engine, migrate
from orderhub.store.models import OrderRecord
from orderhub.store.raw import RawStore
from parsers.pdf.templates import learned_dir, use_learned_dir
from parsers.registry import default_parsers
from schemas.order import DateRef, Identifier, Order, OrderLine, Party

HEADER_FIELDS = ("customer_id", "po_number", "po_date", "requested_date", "currency", "ship_to", "total")
OPTIONAL_FIELDS = ("total", "requested_date", "po_date")  # null in the expected file: the document states none
# third-party invoices are read as layout tests (fixtures/eval/README.md, "Reporting"): only these header fields
CORPUS_FIELDS = ("po_number", "po_date", "currency", "total")
CLOCK = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@dataclass
class Group:
    documents: int = 0
    header_right: int = 0
    header_total: int = 0
    lines_right: int = 0
    lines_total: int = 0
    clean: int = 0
    clean_released: int = 0
    defective: int = 0
    held_for_reason: int = 0
    wrong_released: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    learned: list[str] = field(default_factory=list)  # with learning: what each reviewed document taught
    skipped: list[str] = field(default_factory=list)  # expected files without a unique document beside them


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def actual_fields(order: Order) -> dict[str, Any]:
    requested = next((d.value for d in order.dates if d.qualifier in ("002", "010", "106")), None)
    ship_to = None
    if order.ship_to is not None:
        ship_to = next((i.value for i in order.ship_to.identifiers if i.qualifier == "92"), None)
    return {
        "customer_id": order.customer_id,
        "po_number": order.po_number or None,
        "po_date": order.po_date.isoformat() if order.po_date else None,
        "requested_date": requested.isoformat() if requested else None,
        "currency": order.currency,
        "ship_to": ship_to,
        "total": _dec(order.stated_total),
        "lines": [
            (line.sku, _dec(line.quantity), (line.uom or "EA").upper(), _dec(line.unit_price)) for line in order.lines
        ],
    }


def expected_fields(order: dict[str, Any]) -> dict[str, Any]:
    found = {name: order.get(name) for name in HEADER_FIELDS}
    found["total"] = _dec(order.get("total"))
    found["lines"] = [
        (line.get("sku"), _dec(line.get("quantity")), (line.get("uom") or "EA").upper(), _dec(line.get("unit_price")))
        for line in order.get("lines", [])
    ]
    return found


def group_of(relative: Path, expected: dict[str, Any]) -> str:
    if expected.get("holdout"):
        return f"holdout layout {expected.get('layout') or '?'}"
    top = relative.parts[0] if len(relative.parts) > 1 else "other"
    if top == "pdf" and expected.get("layout"):
        return f"pdf layout {expected['layout']}"
    return top


def _documents(directory: Path) -> tuple[list[tuple[Path, dict[str, Any]]], list[tuple[Path, dict[str, Any], str]]]:
    """(documents with their expectations, in evaluation order; expected files skipped, with why)."""
    found = []
    skipped = []
    for expected_path in sorted(directory.rglob("*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        siblings = [p for p in expected_path.parent.glob(stem + ".*") if p != expected_path and p.stem == stem]
        if len(siblings) == 1:  # NAME.pdf beside NAME.expected.json
            found.append((siblings[0], expected))
        else:
            why = "no document beside it" if not siblings else f"{len(siblings)} documents share its name"
            skipped.append((expected_path, expected, why))
    found.sort(key=lambda pair: _sent(pair[1]))  # stable: by path among documents of one day
    return found, skipped


def _sent(expected: dict[str, Any]) -> str:
    """When a document arrives in the replay: on its order's date (a customer's PO series runs in time, and the
    rounds were written in any order), else first."""
    order = expected.get("order") or {}
    return str(order.get("po_date") or "")


def evaluate(directory: Path, learn: bool = False) -> dict[str, Group]:
    """Every document's outcome, per group. With ``learn``, each clean PDF that was held is then reviewed as a
    reviewer would: its order corrected to the expected one and its layout learned
    (:func:`orderhub.layouts.learn_released`) before the next document is read — what a day of work on new
    layouts looks like once the review page teaches the extractor."""
    groups: dict[str, Group] = defaultdict(Group)
    before = learned_dir()
    with tempfile.TemporaryDirectory(prefix="orderhub-eval-") as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'eval.db'}")
        raw = RawStore(Path(scratch) / "raw")
        use_learned_dir(Path(scratch) / "templates" if learn else None)
        try:
            migrate(engine)
            with Session(engine) as session:
                import_directory(session, directory / "masterdata")
                session.commit()
            pipeline = Pipeline(engine, raw, ProfileBook([]), default_parsers())
            documents, skipped = _documents(directory)
            for expected_path, expected, why in skipped:
                relative = expected_path.relative_to(directory)
                groups[group_of(relative, expected)].skipped.append(f"{relative}: {why}")
            for document, expected in documents:
                relative = document.relative_to(directory)
                sender = expected.get("sender") if document.suffix.lower() != ".eml" else None
                incoming = Incoming(
                    "eval",
                    str(relative),
                    document.read_bytes(),
                    CLOCK,
                    filename=document.name,
                    metadata={"sender": sender} if sender else {},
                )
                outcome = pipeline.handle(incoming)
                with Session(engine) as session:
                    rows = list(session.exec(select(OrderRecord).where(OrderRecord.document_id == outcome.document_id)))
                    orders = [Order.model_validate_json(r.payload) for r in rows]
                group = groups[group_of(relative, expected)]
                _score(group, str(relative), expected, orders, outcome.error)
                if learn and document.suffix.lower() == ".pdf" and expected.get("outcome") == "released":
                    taught = _review_and_learn(engine, raw, rows, expected, Path(scratch) / "templates")
                    if taught:
                        group.learned.append(f"{relative}: {taught}")
        finally:
            use_learned_dir(before)
            engine.dispose()
    return dict(groups)


def _review_and_learn(
    engine: Any, raw: RawStore, rows: list[OrderRecord], expected: dict[str, Any], directory: Path
) -> str | None:
    """A reviewer corrects a held order to the expected one; its layout is learned. None when it was released."""
    want = expected.get("order") or {}
    row = next((r for r in rows if r.status != "released"), None)
    if row is None or any(r.status == "released" for r in rows):
        return None
    with Session(engine) as session:
        record = session.get(OrderRecord, row.order_id)
        assert record is not None
        fixed = corrected(Order.model_validate_json(record.payload), want)
        record.payload = fixed.model_dump_json()
        record.po_number = fixed.po_number  # as the review page's save does (orderhub.pages.edits.save)
        record.status = "released"  # as the review page leaves it: the customer's history now holds it
        session.add(record)
        outcome = learn_released(session, raw, record.order_id, "eval", directory)
        session.commit()
    return outcome.message if outcome is not None else None


def corrected(order: Order, want: dict[str, Any]) -> Order:
    """``order`` as a reviewer leaves it: header and lines as the expected file says."""
    fixed = order.model_copy(deep=True)
    fixed.po_number = want.get("po_number") or ""
    fixed.po_date = date.fromisoformat(want["po_date"]) if want.get("po_date") else None
    fixed.dates = [d for d in fixed.dates if d.qualifier != "002"]
    if want.get("requested_date"):
        fixed.dates.append(DateRef(qualifier="002", value=date.fromisoformat(want["requested_date"])))
    if want.get("ship_to"):
        party = fixed.ship_to or Party(role="ST")
        party.identifiers = [i for i in party.identifiers if i.qualifier != "92"]
        party.identifiers.append(Identifier(qualifier="92", value=want["ship_to"]))
        fixed.ship_to = party
    fixed.lines = [
        OrderLine(
            line_number=str(index + 1),
            sku=line.get("sku"),
            buyer_part_number=line.get("buyer_part_number"),
            quantity=_dec(line.get("quantity")),
            uom=line.get("uom"),
            unit_price=_dec(line.get("unit_price")),
        )
        for index, line in enumerate(want.get("lines", []))
    ]
    return fixed


def _is_released(order: Order) -> bool:
    return order.status is not None and order.status.value == "released"


def _pick(orders: list[Order], want_po: str | None) -> tuple[Order | None, list[Order]]:
    """(the order the expected file describes, every other order the document yielded)."""
    order = next((o for o in orders if want_po and o.po_number == want_po), None)
    if order is None and want_po:
        order = next((o for o in orders if po_key(o.po_number) == po_key(want_po)), None)
    if order is None and orders:
        order = orders[0]
    return order, [o for o in orders if o is not order]


def _score(group: Group, name: str, expected: dict[str, Any], orders: list[Order], error: str | None) -> None:
    group.documents += 1
    want = expected_fields(expected.get("order") or {})
    want_po = want.get("po_number")
    order, extras = _pick(orders, want_po)
    for extra in extras:  # the expected file describes one order: any other is a misreading
        what = (
            f"{name}: an extra order PO {extra.po_number!r} ({len(extra.lines)} lines) the expected file does not list"
        )
        if _is_released(extra):
            group.wrong_released.append(what + " was released")
        else:
            group.misses.append(what + " (held)")
    got: dict[str, Any] = actual_fields(order) if order is not None else {n: None for n in HEADER_FIELDS}
    got.setdefault("lines", [])
    released = order is not None and _is_released(order)
    codes = {r.code for r in order.hold_reasons} if order is not None else {"FAILED"}
    wrong = []
    scored = CORPUS_FIELDS if str(expected.get("layout") or "").startswith("corpus:") else HEADER_FIELDS
    for field_name in scored:
        if want.get(field_name) is None and field_name in OPTIONAL_FIELDS and got.get(field_name) is None:
            continue  # not printed on the document, and nothing read: nothing to score
        group.header_total += 1
        if got.get(field_name) == want.get(field_name):
            group.header_right += 1
        else:
            wrong.append(f"{field_name} {got.get(field_name)!r} ≠ {want.get(field_name)!r}")
    for index, line in enumerate(want["lines"]):
        group.lines_total += 1
        if index < len(got["lines"]) and got["lines"][index] == line:
            group.lines_right += 1
        else:
            seen = got["lines"][index] if index < len(got["lines"]) else None
            wrong.append(f"line {index + 1} {seen} ≠ {line}")
    if len(got["lines"]) > len(want["lines"]):
        wrong.append(f"{len(got['lines']) - len(want['lines'])} line(s) too many")
    if expected.get("outcome") == "released":
        group.clean += 1
        group.clean_released += released
    else:
        group.defective += 1
        planted = set(expected.get("hold_codes") or [])
        if not released and (planted <= codes or not planted):
            group.held_for_reason += 1
        elif not released:
            wrong.append(f"held for {sorted(codes)}, expected {sorted(planted)}")
    if released and (wrong or expected.get("outcome") != "released"):
        group.wrong_released.append(f"{name}: " + ("; ".join(wrong) or "should have been held"))
    elif wrong or (expected.get("outcome") == "released" and not released):
        why = "; ".join(f"{r.code}: {r.message}" for r in (order.hold_reasons if order else [])) or (error or "")
        group.misses.append(f"{name}: " + "; ".join(wrong) + (f" [held: {why}]" if not released else ""))


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


_COUNTS = (
    "documents", "header_right", "header_total", "lines_right", "lines_total", "clean", "clean_released",
    "defective", "held_for_reason",
)  # fmt: skip


def _row(name: str, g: Group) -> str:
    return (
        f"{name:<22} {g.documents:>5} {_pct(g.header_right, g.header_total):>7} "
        f"{_pct(g.lines_right, g.lines_total):>7} {_pct(g.clean_released, g.clean):>10} "
        f"{_pct(g.held_for_reason, g.defective):>11} {len(g.wrong_released):>15} {len(g.skipped):>8}"
    )


def report(groups: dict[str, Group], verbose: bool = False) -> str:
    head = f"{'group':<22} {'docs':>5} {'header':>7} {'lines':>7} {'touchless':>10} {'held right':>11}"
    lines = [head + f" {'WRONG released':>15} {'skipped':>8}"]
    total = Group()
    for name in sorted(groups):
        g = groups[name]
        lines.append(_row(name, g))
        for attr in _COUNTS:
            setattr(total, attr, getattr(total, attr) + getattr(g, attr))
        total.wrong_released += g.wrong_released
        total.misses += g.misses
        total.skipped += g.skipped
    lines.append(_row("ALL", total))
    lines += [f"WRONG RELEASE  {wrong}" for wrong in total.wrong_released]
    lines += [f"SKIPPED  {skipped} (not evaluated)" for skipped in total.skipped]
    if any(g.learned for g in groups.values()):
        lines.append(f"layouts learned from {sum(len(g.learned) for g in groups.values())} reviewed documents")
        if verbose:
            lines += [f"learned  {taught}" for name in sorted(groups) for taught in groups[name].learned]
    if verbose:
        lines += [f"miss  {m}" for m in total.misses]
    return "\n".join(lines)
