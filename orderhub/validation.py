"""Business validation: does this order make sense for our customers, items and prices?

Each finding is a :class:`schemas.HoldReason` with a stable code, the field it concerns and a sentence
a reviewer understands. No finding → the order may be released.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from orderhub.names import ship_to_alias_key
from orderhub.store.models import Item
from orderhub.store.repo import MasterData
from schemas.order import HoldReason, Identifier, Order, OrderLine, Purpose, SourceKind

CENT = Decimal("0.01")


def _line_label(line: OrderLine, index: int) -> str:
    return f"line {line.line_number}" if line.line_number else f"line #{index + 1}"


def resolve_item(line: OrderLine, master: MasterData, customer_id: str | None = None) -> str | None:
    """Our SKU for a line: an existing cross-reference, the vendor part number, the GTIN or the UPC; last, with
    ``customer_id``, the customer's cross-reference (``xref.csv`` or a reviewer's mapping) for the buyer's part
    number or, when the buyer sent none, for the vendor part number it printed (a number of ours it got wrong)."""
    if line.sku and master.item(line.sku):
        return line.sku
    if line.vendor_part_number and master.item(line.vendor_part_number):
        return line.vendor_part_number
    if line.gtin:
        item = master.item_by_gtin(line.gtin)
        if item:
            return item.sku
    if line.upc:
        item = master.item_by_upc(line.upc)
        if item:
            return item.sku
    if customer_id:
        for code in (line.buyer_part_number, line.vendor_part_number):
            mapped = master.xref(customer_id, code) if code else None
            if mapped and master.item(mapped):
                return mapped
    return None


_PACK_OF = re.compile(r"\((?:case|box|pack|bag|carton|roll|jar|set)s?\s+of\s+(\d+)", re.I)


def _other_pack(line: OrderLine, item: Item | None) -> str | None:
    """A pack printed with the line's unit ('CS (12/cs)') that the item does not come in: its description says
    '(case of 24)', or names no pack and the printed one holds more than one. Which count is meant, a person says."""
    if line.pack is None or line.pack.pack is None or item is None:
        return None
    said = _PACK_OF.search(item.description or "")
    holds = Decimal(said[1]) if said else Decimal(1)
    if line.pack.pack == holds:
        return None
    return f"printed as packs of {line.pack.pack:g}, but {item.sku} comes in packs of {holds:g} ({item.description})"


def _other_barcode(line: OrderLine, item: Item | None, master: MasterData) -> str | None:
    """Why the line's GTIN or UPC contradicts the item its code resolved to (another item's barcode, or not the
    item's own), or None."""
    if item is None:
        return None
    for kind, printed, own, found in (
        ("GTIN", line.gtin, item.gtin, master.item_by_gtin(line.gtin) if line.gtin else None),
        ("UPC", line.upc, item.upc, master.item_by_upc(line.upc) if line.upc else None),
    ):
        if printed is None:
            continue
        if found is not None and found.sku != item.sku:
            return f"the code names {item.sku} but its {kind} {printed} is {found.sku}'s"
        if found is None and own is not None and own != (printed.zfill(14) if kind == "GTIN" else printed):
            return f"the code names {item.sku} but its {kind} {printed} is not {item.sku}'s ({own})"
    return None


def _other_item(line: OrderLine, item: Item | None, master: MasterData, customer_id: str | None) -> str | None:
    """Why the buyer's part number contradicts the item the line resolved to: it is another item of ours, and no
    cross-reference of the customer's maps it to this one ('GL-8001' in the item column, 'Part No: FS-4010
    (Vendor)' under it, review 29), or None."""
    printed = line.buyer_part_number
    if item is None or not printed or printed == item.sku or master.item(printed) is None:
        return None
    if customer_id and master.xref(customer_id, printed) == item.sku:
        return None
    return f"the line names {item.sku} as ours but also {printed}, another item of ours"


def validate_order(order: Order, master: MasterData, price_tolerance_percent: float) -> list[HoldReason]:
    """Resolve line SKUs in place and return every reason to hold the order (empty: release it)."""
    reasons: list[HoldReason] = []

    def hold(code: str, message: str, field: str | None = None) -> None:
        reasons.append(HoldReason(code=code, message=message, field=field))

    if order.purpose is Purpose.CONFIRMATION:
        hold(
            "CONFIRMATION_ORDER",
            f"PO {order.po_number} is marked as a confirmation (BEG01=06) of an order "
            "placed another way; check it is not already entered before releasing it",
            "purpose",
        )
    elif order.purpose is Purpose.DUPLICATE:
        hold(
            "DUPLICATE_MARKED",
            f"PO {order.po_number} is marked by the buyer as a duplicate (BEG01=07); "
            "release it only if the original never arrived",
            "purpose",
        )

    customer = master.customer(order.customer_id) if order.customer_id else None
    if order.customer_id is None:
        hold(
            "UNKNOWN_CUSTOMER",
            "no customer account matches this order: the partner profile has no "
            "default_customer_id and no customer rule matches its parties",
            "customer_id",
        )
    elif customer is None:
        hold("UNKNOWN_CUSTOMER", f"customer {order.customer_id} is not in the customer master", "customer_id")

    ship_to = order.ship_to
    if ship_to is None and not any(line.ship_to or line.destinations for line in order.lines):
        hold("MISSING_SHIP_TO", "the order has no ship-to (no N1*ST at header or line level, no SDQ)", "ship_to")
    elif ship_to is not None and customer is not None and master.has_ship_tos(customer.customer_id):
        ids = [i.value for i in ship_to.identifiers]
        if not any(master.ship_to(customer.customer_id, value) for value in ids):
            key = ship_to_alias_key(ship_to)  # asked only when the codes fail: no query for a clean order
            mapped = master.ship_to_alias(customer.customer_id, key) if key else None
            if mapped is not None and master.ship_to(customer.customer_id, mapped):
                # a reviewer mapped this block before; the partner's own codes stay as sent
                ship_to.identifiers.append(Identifier(qualifier="92", value=mapped, description="mapped by a reviewer"))
                ids.append(mapped)
        if not ids:
            hold(
                "UNKNOWN_SHIP_TO",
                f"ship-to {ship_to.name or ship_to.city or '(unnamed)'} matches none of customer "
                f"{customer.customer_id}'s locations (no location code, and no single location fits its name, "
                "city and postal code)",
                "ship_to",
            )
        elif not any(master.ship_to(customer.customer_id, value) for value in ids):
            hold(
                "UNKNOWN_SHIP_TO",
                f"ship-to location {', '.join(ids)} is not one of customer {customer.customer_id}'s ship-to locations",
                "ship_to",
            )

    if not order.lines:
        hold("NO_LINES", "the order has no lines", "lines")
    computed_total = Decimal(0)
    hash_total = Decimal(0)
    totals_known = True
    for index, line in enumerate(order.lines):
        label = _line_label(line, index)
        field = f"lines[{index}]"
        if line.quantity is None or line.quantity <= 0:
            hold(
                "NON_POSITIVE_QUANTITY",
                f"{label}: quantity {line.quantity if line.quantity is not None else 'missing'}"
                " is not a positive number",
                f"{field}.quantity",
            )
        else:
            hash_total += line.quantity
        line.sku = resolve_item(line, master, order.customer_id if customer is not None else None)
        item = master.item(line.sku) if line.sku else None
        if item is not None and not item.active:
            hold(
                "INACTIVE_ITEM",
                f"{label}: item {item.sku} is no longer sold (inactive in the item master)",
                f"{field}.sku",
            )
        if item is not None and line.uom and line.uom != item.uom:
            hold(
                "UOM_MISMATCH",
                f"{label}: ordered in {line.uom} but {item.sku} is sold in {item.uom}, and the "
                "partner profile maps no conversion",
                f"{field}.uom",
            )
        # (a pack read off a printed order's unit cell; an X12 PO4's pack counts inner packs, another measure)
        packed = _other_pack(line, item) if order.source.kind == SourceKind.PDF else None
        if packed is not None:
            hold("UOM_MISMATCH", f"{label}: {packed}", f"{field}.uom")
        barcoded = _other_barcode(line, item, master) or _other_item(line, item, master, order.customer_id)
        if barcoded is not None:  # 'Réf. : EL-6002 EAN <EL-6003's>': which one is ordered, a person says
            hold("UNKNOWN_ITEM", f"{label}: {barcoded}", f"{field}.sku")
        elif line.sku is None:
            codes = ", ".join(f"{i.qualifier} {i.value}" for i in line.identifiers)
            found = (
                f"no item of ours matches {codes} (no cross-reference, vendor part, GTIN or UPC found)"
                if codes
                else "no item code was read (no vendor part, buyer part, GTIN or UPC on the line)"
            )
            hold("UNKNOWN_ITEM", f"{label}: {found}", f"{field}.sku")
        elif line.unit_price is not None and customer is not None and (item is None or line.uom in (None, item.uom)):
            listed = master.price(customer.customer_id, line.sku)
            if listed is not None and listed != 0:
                with localcontext(prec=60):  # partner prices can be long; never fail on them
                    deviation = abs(line.unit_price - listed) / listed * 100
                if deviation > Decimal(str(price_tolerance_percent)):
                    hold(
                        "PRICE_MISMATCH",
                        f"{label}: price {line.unit_price} differs from the list price {listed} "
                        f"for {line.sku} by {deviation:.2f}% (tolerance {price_tolerance_percent}%)",
                        f"{field}.unit_price",
                    )
        if line.quantity is not None and line.unit_price is not None:
            computed_total += line.quantity * line.unit_price
        else:
            totals_known = False

    if order.stated_line_count is not None and order.stated_line_count != len(order.lines):
        hold(
            "LINE_COUNT_MISMATCH",
            f"CTT01 says {order.stated_line_count} lines but the order has "
            f"{len(order.lines)}: lines may have been lost",
            "stated_line_count",
        )
    if order.stated_hash_total is not None and order.stated_hash_total != hash_total:
        hold(
            "HASH_TOTAL_MISMATCH",
            f"CTT02 says the quantities add up to {order.stated_hash_total} but they add up to {hash_total}",
            "stated_hash_total",
        )
    if order.stated_total is not None and totals_known and order.lines:
        every = [*order.allowances_charges, *(ac for line in order.lines for ac in line.allowances_charges)]
        charges = sum(
            (
                (ac.amount or Decimal(0)) * (-1 if ac.indicator == "A" else 1)
                for ac in every
                if ac.indicator in ("A", "C")
            ),
            Decimal(0),
        )
        expected = computed_total + charges
        if abs(expected - order.stated_total) > CENT and abs(computed_total - order.stated_total) > CENT:
            hold(
                "TOTAL_MISMATCH",
                f"the stated total {order.stated_total} does not match the order: lines {computed_total:.2f}"
                + (f", allowances and charges {charges:+.2f}, together {expected:.2f}" if charges else ""),
                "stated_total",
            )
    return reasons
