"""Apply a partner profile to a parsed order: partner, customer account, units, our item numbers."""

from __future__ import annotations

from collections.abc import Callable

from mappers.profile import PartnerProfile
from schemas.order import Order

# (customer_id, buyer_part_number) -> sku, or None. The core backs it with the cross-reference table.
XrefLookup = Callable[[str, str], "str | None"]


def resolve_customer(order: Order, profile: PartnerProfile) -> str | None:
    parties = [p for p in (order.buyer, order.seller, order.ship_to, order.bill_to, order.mark_for) if p]
    parties += order.other_parties
    for match in profile.customers:
        for party in parties:
            if party.role == match.role and any(
                i.qualifier == match.qualifier and i.value == match.value for i in party.identifiers
            ):
                return match.customer_id
    return profile.default_customer_id


def apply_profile(order: Order, profile: PartnerProfile, xref: XrefLookup) -> Order:
    """Return a copy of ``order`` mapped to our vocabulary. Never guesses: what it cannot map stays None."""
    # a copy through JSON: pydantic's deep copy walks every object with copy.deepcopy, 5x slower (measured)
    mapped = Order.model_validate_json(order.model_dump_json())
    mapped.partner_id = profile.partner_id
    mapped.customer_id = resolve_customer(order, profile)
    for line in mapped.lines:
        if line.uom and line.uom in profile.uom_map and profile.uom_map[line.uom] != line.uom:
            line.partner_uom, line.uom = line.uom, profile.uom_map[line.uom]
        if line.sku is None and mapped.customer_id and line.buyer_part_number:
            line.sku = xref(mapped.customer_id, line.buyer_part_number)
    return mapped
