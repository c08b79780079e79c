"""What a reviewer does to a held order, as store operations: edit, map, re-run validation.

Every function here takes the open session and the reviewer's ``actor`` ("reviewer:NAME"), changes only a
**held** order (:class:`NotEditable` otherwise), re-runs the checks (:func:`revalidate`), writes an audit event
(who, when, what changed) and puts a ``changed`` event on the ERP's feed. The caller commits.

Mapping is remembered for the customer: :func:`map_item` writes a cross-reference (``source="review"``) and
:func:`map_ship_to` a :class:`ShipToAlias`, which capture and validation consult for the customer's next
order. Nothing here touches items, prices, customers or partner profiles: a reviewer cannot change them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from mappers.profile import PartnerProfile
from orderhub.capture import decide_captured
from orderhub.masterdata import upsert_xref
from orderhub.names import ship_to_alias_key
from orderhub.orders import load
from orderhub.store.models import CrossReferenceRecord, Item, OrderRecord, ShipToAlias, ShipToLocation
from orderhub.store.repo import MasterData, audit, emit_order_event
from orderhub.validation import validate_order
from parsers.capture import LOW_CONFIDENCE
from schemas.order import DateRef, HoldReason, Identifier, Order, SourceKind
from schemas.status import OrderStatus

CONFIRMED = 1.0  # a value a person typed or chose: as sure as the confidence gate can be
# the codes each check recomputes; any other reason on the order (the parser's, DUPLICATE_PO / UNKNOWN_PO from
# storing an X12 order) stays until the reviewer releases or rejects the order
VALIDATION_CODES = frozenset(
    {
        "CONFIRMATION_ORDER", "DUPLICATE_MARKED", "UNKNOWN_CUSTOMER", "MISSING_SHIP_TO", "UNKNOWN_SHIP_TO",
        "NO_LINES", "NON_POSITIVE_QUANTITY", "INACTIVE_ITEM", "UOM_MISMATCH", "UNKNOWN_ITEM", "PRICE_MISMATCH",
        "LINE_COUNT_MISMATCH", "HASH_TOTAL_MISMATCH", "TOTAL_MISMATCH",
    }
)  # fmt: skip
CAPTURE_CODES = VALIDATION_CODES | {
    "UNKNOWN_SENDER", "CUSTOMER_FROM_DOCUMENT", "CURRENCY_MISMATCH", "AMBIGUOUS_ITEM", "PRICE_UNCHECKED",
    "DUPLICATE_PO", "MISSING_PO_NUMBER", "LINE_AMOUNT_MISMATCH",
}  # fmt: skip


class NotEditable(Exception):
    """The order is not held (released, rejected, …): a reviewer's edit no longer applies."""


class EditRefused(ValueError):
    """The edit names something that does not exist or does not fit (an unknown SKU, a bad number)."""


def held_order(session: Session, order_id: str) -> tuple[OrderRecord, Order]:
    row = session.get(OrderRecord, order_id, with_for_update=True)
    if row is None:
        raise LookupError(f"no order {order_id}")
    if row.status != OrderStatus.HELD.value:
        raise NotEditable(f"order {order_id} is {row.status}: only a held order is edited")
    return row, load(row)


def revalidate(session: Session, order: Order, profile: PartnerProfile | None) -> list[HoldReason]:
    """Run the checks again on ``order`` (changed in place: SKUs resolved, ``hold_reasons`` replaced)."""
    captured = order.source.kind is not SourceKind.X12
    recomputed = CAPTURE_CODES if captured else VALIDATION_CODES
    kept = [
        r
        for r in order.hold_reasons
        if r.code not in recomputed
        and not (r.code == LOW_CONFIDENCE and order.confidence.get(r.field or "", 0.0) >= CONFIRMED)
    ]
    master = MasterData(session)
    if captured:
        order.hold_reasons = kept
        decide_captured(session, order, master)
    else:
        tolerance = profile.price_tolerance_percent if profile is not None else 1.0
        order.hold_reasons = kept + validate_order(order, master, tolerance)
    return order.hold_reasons


def save(
    session: Session, row: OrderRecord, order: Order, actor: str, what: str, profile: PartnerProfile | None
) -> None:
    """Re-run the checks, store the order, audit ``what`` and put a ``changed`` event on the feed."""
    reasons = revalidate(session, order, profile)
    order.status = OrderStatus(row.status)
    row.payload = order.model_dump_json()
    row.po_number = order.po_number
    session.add(row)
    left = "; ".join(r.code for r in reasons) or "no reason left"
    audit(session, "order", row.order_id, row.status, from_status=row.status, note=f"{what} ({left})", actor=actor)
    emit_order_event(
        session, row, "changed", actor=actor, detail={"review": what, "hold_codes": [r.code for r in reasons]}
    )


def _decimal(text: str, what: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise EditRefused(f"{what}: {text!r} is not a number") from None
    if not value.is_finite():
        raise EditRefused(f"{what}: {text!r} is not a number")
    return value


def _date(text: str, what: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EditRefused(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


def edit_header(order: Order, values: dict[str, str]) -> list[str]:
    """Apply the header form (po_number, po_date, requested_date, currency); the changes, in words."""
    changes: list[str] = []
    po = values.get("po_number", order.po_number).strip()
    if po != order.po_number:
        changes.append(f"PO number {order.po_number!r} → {po!r}")
        order.po_number = po
        order.confidence["po_number"] = CONFIRMED
    po_date = _date(values.get("po_date", ""), "PO date")
    if po_date != order.po_date:
        changes.append(f"PO date {order.po_date} → {po_date}")
        order.po_date = po_date
        order.confidence["po_date"] = CONFIRMED
    current = next((d.value for d in order.dates if d.qualifier == "002"), None)
    wanted = _date(values.get("requested_date", ""), "requested date")
    if wanted != current:
        changes.append(f"requested date {current} → {wanted}")
        order.dates = [d for d in order.dates if d.qualifier != "002"]
        if wanted is not None:
            order.dates.append(DateRef(qualifier="002", value=wanted))
        order.confidence["requested_date"] = CONFIRMED
    currency = values.get("currency", order.currency or "").strip().upper() or None
    if currency != order.currency:
        if currency is not None and (len(currency) != 3 or not currency.isalpha()):
            raise EditRefused(f"currency: {currency!r} is not a three-letter code")
        changes.append(f"currency {order.currency} → {currency}")
        order.currency = currency
        order.confidence["currency"] = CONFIRMED
    for name in ("po_number", "po_date", "requested_date", "currency"):
        changes += _confirm(order, name)
    return changes


def _confirm(order: Order, name: str) -> list[str]:
    """A field held for low confidence that the reviewer saved unchanged: a person read it, so it is sure now."""
    doubted = any(r.code == LOW_CONFIDENCE and r.field == name for r in order.hold_reasons)
    if not doubted or order.confidence.get(name, 0.0) >= CONFIRMED:
        return []
    order.confidence[name] = CONFIRMED
    return [f"{name} confirmed as read"]


def edit_line(session: Session, order: Order, index: int, values: dict[str, str]) -> list[str]:
    """Apply one line's form (sku, quantity, uom, unit_price); an SKU must be one of our items."""
    if not 0 <= index < len(order.lines):
        raise EditRefused(f"the order has no line #{index + 1}")
    line = order.lines[index]
    label = f"line {line.line_number or index + 1}"
    changes: list[str] = []
    sku = values.get("sku", line.sku or "").strip() or None
    if sku != line.sku:
        if sku is not None and session.get(Item, sku) is None:
            raise EditRefused(f"{label}: {sku} is not one of our items")
        changes.append(f"{label} item {line.sku} → {sku}")
        line.sku = sku
    for name, what in (("quantity", "quantity"), ("unit_price", "price")):
        value = _decimal(values.get(name, ""), f"{label} {what}")
        if value != getattr(line, name):
            changes.append(f"{label} {what} {getattr(line, name)} → {value}")
            setattr(line, name, value)
    uom = values.get("uom", line.uom or "").strip().upper() or None
    if uom != line.uom:
        changes.append(f"{label} unit {line.uom} → {uom}")
        line.uom = uom
    if changes:
        order.confidence[f"lines[{index}]"] = CONFIRMED
    return changes or _confirm(order, f"lines[{index}]")


def line_code(order: Order, index: int) -> str | None:
    """The code a line's item is remembered under: the buyer's part number, else the vendor part number it
    printed, else its first product identifier."""
    line = order.lines[index]
    return (
        line.buyer_part_number or line.vendor_part_number or (line.identifiers[0].value if line.identifiers else None)
    )


def map_item(session: Session, order: Order, index: int, sku: str, actor: str) -> str:
    """Line ``index`` is our ``sku``, and so is that code on the customer's next orders (a cross-reference,
    ``source="review"``). Returns the change in words."""
    if not 0 <= index < len(order.lines):
        raise EditRefused(f"the order has no line #{index + 1}")
    if session.get(Item, sku) is None:
        raise EditRefused(f"{sku} is not one of our items")
    if not order.customer_id:
        raise EditRefused("the order has no customer yet: a mapping is remembered per customer")
    code = line_code(order, index)
    if not code:
        raise EditRefused("the line carries no code to remember; set its item instead")
    line = order.lines[index]
    previous = session.exec(
        select(CrossReferenceRecord).where(
            CrossReferenceRecord.customer_id == order.customer_id, CrossReferenceRecord.buyer_part_number == code
        )
    ).first()
    was = f" (was {previous.sku}, {previous.source})" if previous is not None and previous.sku != sku else ""
    upsert_xref(session, order.customer_id, code, sku, "review")
    audit(session, "xref", f"{order.customer_id}:{code}"[:64], "mapped", note=f"{code} → {sku}{was}", actor=actor)
    line.sku = sku
    order.confidence[f"lines[{index}]"] = max(order.confidence.get(f"lines[{index}]", 0.0), CONFIRMED)
    return f"line {line.line_number or index + 1}: customer {order.customer_id}'s {code} mapped to {sku}{was}"


def map_ship_to(session: Session, order: Order, location_id: str, actor: str) -> str:
    """The printed ship-to block is the customer's ``location_id``, now and on its next orders (a
    :class:`ShipToAlias`). Returns the change in words."""
    if not order.customer_id:
        raise EditRefused("the order has no customer yet: a ship-to is mapped per customer")
    location = session.exec(
        select(ShipToLocation).where(
            ShipToLocation.customer_id == order.customer_id, ShipToLocation.location_id == location_id
        )
    ).first()
    if location is None:
        raise EditRefused(f"{location_id} is not one of customer {order.customer_id}'s locations")
    key = ship_to_alias_key(order.ship_to)
    if order.ship_to is None or not key:
        raise EditRefused("the order prints no ship-to to remember")
    alias = session.exec(
        select(ShipToAlias).where(ShipToAlias.customer_id == order.customer_id, ShipToAlias.alias == key)
    ).first()
    if alias is None:
        alias = ShipToAlias(customer_id=order.customer_id, alias=key, location_id=location_id, created_by=actor)
    alias.location_id, alias.created_by = location_id, actor
    session.add(alias)
    session.flush()
    audit(session, "ship_to_alias", str(alias.id), "mapped", note=f"{key!r} → {location_id}", actor=actor)
    codes = [i.value for i in order.ship_to.identifiers]
    if location_id not in codes:
        order.ship_to.identifiers.append(
            Identifier(qualifier="92", value=location_id, description="mapped by a reviewer")
        )
    order.confidence["ship_to"] = CONFIRMED
    return f"ship-to {order.ship_to.name or key!r} mapped to {location_id} ({location.name})"


Change = Callable[[Session, Order], str]  # applies one change to the order; returns it in words ("" = none)
