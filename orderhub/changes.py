"""An 860 change request applied to the order's current version: the new version is the old one with the
changed lines changed, the deleted ones gone and the added ones added, and each change said in words."""

from __future__ import annotations

from schemas.order import HoldReason, Order, OrderLine

DELETES = {"DI"}  # delete item
ADDS = {"AI"}  # add additional item


def _describe(line: OrderLine) -> str:
    item = line.vendor_part_number or line.buyer_part_number or line.gtin or line.upc or "?"
    return f"{line.quantity} {line.uom or ''} of {item} at {line.unit_price}".replace("  ", " ")


def line_key(number: str | None) -> str | None:
    """Line numbers as partners write them: 1, 01 and 001 are the same line."""
    if number is None:
        return None
    number = number.strip()
    return str(int(number)) if number.isdigit() else number


def apply_change_request(current: Order, change: Order) -> tuple[Order, list[HoldReason]]:
    """The new version: ``current`` with ``change``'s header values where it gives them and its POC lines
    applied by line number, and what must hold it (a change to a line the order does not have, a count
    that does not match). ``changes`` lists what happened, line by line."""
    merged = Order.model_validate_json(current.model_dump_json())
    log: list[str] = []
    holds: list[HoldReason] = []
    if change.stated_line_count is not None and change.stated_line_count != len(change.lines):
        holds.append(
            HoldReason(
                code="LINE_COUNT_MISMATCH",
                field="lines",
                message=f"the 860's CTT01 says {change.stated_line_count} changed lines, it holds {len(change.lines)}",
            )
        )
    for name in ("po_date", "release_number", "currency", "order_type", "buyer", "ship_to", "bill_to", "terms"):
        value = getattr(change, name)
        if value is not None and value != getattr(merged, name):
            setattr(merged, name, value)
            log.append(f"header {name} changed")
    merged.references += [r for r in change.references if r not in merged.references]
    merged.dates += [d for d in change.dates if d not in merged.dates]
    merged.notes += change.notes
    by_number: dict[str | None, OrderLine | None] = {}
    for line in merged.lines:
        key = line_key(line.line_number)
        if key in by_number or key is None:
            by_number[key] = None  # ambiguous: no change may pick one of them
        else:
            by_number[key] = line
    for poc in change.lines:
        kind = poc.change_type or "CA"
        key = line_key(poc.line_number)
        old = by_number.get(key)
        if key is None or (key in by_number and old is None):
            holds.append(
                HoldReason(
                    code="UNKNOWN_LINE",
                    field="lines",
                    message=f"the 860 changes line {poc.line_number!r} ({kind}), which does not name one line "
                    "of the order",
                )
            )
            continue
        if kind in DELETES:
            if old is None:
                log.append(f"line {poc.line_number}: delete asked, but the order has no such line")
                continue
            merged.lines.remove(old)
            del by_number[key]
            log.append(f"line {poc.line_number} deleted ({_describe(old)})")
            continue
        if old is None:
            if kind not in ADDS:
                holds.append(
                    HoldReason(
                        code="UNKNOWN_LINE",
                        field="lines",
                        message=f"the 860 changes line {poc.line_number} ({kind}), which the order does not have",
                    )
                )
                continue
            added = poc.model_copy(update={"change_type": None})
            merged.lines.append(added)
            by_number[key] = added
            log.append(f"line {poc.line_number} added: {_describe(added)}")
            continue
        diffs = []
        for name in ("quantity", "uom", "partner_uom", "unit_price", "price_basis", "requested_date", "description"):
            value = getattr(poc, name)
            if value is not None and value != getattr(old, name):
                diffs.append(f"{name} {getattr(old, name)} → {value}")
                setattr(old, name, value)
        if poc.identifiers and {(i.qualifier, i.value) for i in poc.identifiers} - {
            (i.qualifier, i.value) for i in old.identifiers
        }:
            named = {i.qualifier for i in poc.identifiers}
            old.identifiers = [i for i in old.identifiers if i.qualifier not in named] + poc.identifiers
            for name in ("buyer_part_number", "vendor_part_number", "gtin", "upc"):
                if getattr(poc, name) is not None:
                    setattr(old, name, getattr(poc, name))
            old.sku = poc.sku  # the item changed: resolved again from the new identifiers
            diffs.append("item identifiers changed")
        if poc.dates:
            old.dates = poc.dates
            diffs.append("dates replaced")
        log.append(f"line {poc.line_number} ({kind}): " + (", ".join(diffs) if diffs else "no value changed"))
    merged.order_id = change.order_id
    merged.source = change.source
    merged.purpose, merged.purpose_code = change.purpose, change.purpose_code
    merged.partner_id, merged.customer_id = change.partner_id, change.customer_id or merged.customer_id
    merged.change_request = False
    merged.changes = log
    # CTT and AMT of an 860 count and total its changes, not the order: the order's own figures no longer hold
    merged.stated_line_count = merged.stated_hash_total = merged.stated_total = None
    merged.warnings = change.warnings
    return merged, holds
