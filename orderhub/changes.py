"""An 860 change request applied to the order's current version: the new version is the old one with the
changed lines changed, the deleted ones gone and the added ones added, and each change said in words."""

from __future__ import annotations

from schemas.order import Order, OrderLine

DELETES = {"DI"}  # delete item
ADDS = {"AI"}  # add additional item


def _describe(line: OrderLine) -> str:
    item = line.vendor_part_number or line.buyer_part_number or line.gtin or line.upc or "?"
    return f"{line.quantity} {line.uom or ''} of {item} at {line.unit_price}".replace("  ", " ")


def apply_change_request(current: Order, change: Order) -> Order:
    """The new version: ``current`` with ``change``'s header values where it gives them and its POC lines
    applied by line number. ``changes`` lists what happened, line by line."""
    merged = Order.model_validate_json(current.model_dump_json())
    log: list[str] = []
    for name in ("po_date", "release_number", "currency", "order_type", "buyer", "ship_to", "bill_to", "terms"):
        value = getattr(change, name)
        if value is not None and value != getattr(merged, name):
            setattr(merged, name, value)
            log.append(f"header {name} changed")
    merged.references += [r for r in change.references if r not in merged.references]
    merged.dates += [d for d in change.dates if d not in merged.dates]
    merged.notes += change.notes
    by_number = {line.line_number: line for line in merged.lines}
    for poc in change.lines:
        kind = poc.change_type or "CA"
        old = by_number.get(poc.line_number)
        if kind in DELETES:
            if old is None:
                log.append(f"line {poc.line_number}: delete asked, but the order has no such line")
                continue
            merged.lines.remove(old)
            del by_number[poc.line_number]
            log.append(f"line {poc.line_number} deleted ({_describe(old)})")
            continue
        if old is None:
            added = poc.model_copy(update={"change_type": None})
            merged.lines.append(added)
            by_number[poc.line_number] = added
            how = "added" if kind in ADDS else f"added ({kind} for a line the order did not have)"
            log.append(f"line {poc.line_number} {how}: {_describe(added)}")
            continue
        diffs = []
        for name in ("quantity", "uom", "unit_price", "price_basis", "requested_date", "description"):
            value = getattr(poc, name)
            if value is not None and value != getattr(old, name):
                diffs.append(f"{name} {getattr(old, name)} → {value}")
                setattr(old, name, value)
        if poc.identifiers and poc.identifiers != old.identifiers:
            for name in ("identifiers", "buyer_part_number", "vendor_part_number", "gtin", "upc"):
                setattr(old, name, getattr(poc, name))
            diffs.append("item identifiers replaced")
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
    return merged
