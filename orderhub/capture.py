"""The touchless decision for captured orders (PDF, spreadsheet, e-mail): who sent it, what it names in our
master data, whether every check passes, and whether the parser was sure enough. Release only then.

Steps, each adding a :class:`schemas.HoldReason` when it fails:

1. **Customer** from the sender's address (``senders.csv``: a full address, or ``@domain``), else from the
   buyer's name printed on the document when it is exactly a customer's name. A sender we do not know is
   ``UNKNOWN_SENDER`` — never guessed from the content.
2. **Items**: the printed code is ours when the item master has it, else the customer's, through the
   cross-reference (``xref.csv``, and what reviewers map).
3. **Ship-to**: a printed location code, else the customer's location whose postal code matches and whose name
   the document's ship-to block contains; none or two → ``UNKNOWN_SHIP_TO``.
4. **Checks**: no PO number (``MISSING_PO_NUMBER``), a printed line amount that is not quantity × price
   (``LINE_AMOUNT_MISMATCH``), the business validation every order gets (items, prices within tolerance, totals,
   ship-to), and the PO number already received from that customer (``DUPLICATE_PO``).
5. **Confidence**: each required field (:data:`parsers.capture.REQUIRED`) at least
   :data:`parsers.capture.CONFIDENT`, else ``LOW_CONFIDENCE`` naming the field.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sqlmodel import Session, col, select

from orderhub.store.models import Customer, CustomerSender, OrderRecord, ShipToLocation
from orderhub.store.repo import MasterData, record_new
from orderhub.validation import resolve_item, validate_order
from parsers.capture import (
    CONFIDENT,
    LINE_AMOUNT_MISMATCH,
    LOW_CONFIDENCE,
    MISSING_PO_NUMBER,
    NO_TEXT_LAYER,
    REQUIRED,
    UNKNOWN_SENDER,
)
from schemas.order import HoldReason, Identifier, Order, Party
from schemas.status import OrderStatus

CENT = Decimal("0.01")
PRICE_TOLERANCE_PERCENT = 1.0
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
LIVE = (OrderStatus.HELD.value, OrderStatus.RELEASED.value, OrderStatus.BOOKED.value)


def sender_address(sender: str | None) -> str | None:
    """The bare address in a From header ('"Jo Buyer" <jo@acme.example>' → 'jo@acme.example'), lower case."""
    if not sender:
        return None
    found = _ADDRESS.findall(sender)
    return found[-1].lower() if found else None


def customer_for_sender(session: Session, address: str) -> str | None:
    exact = session.get(CustomerSender, address)
    if exact is not None:
        return exact.customer_id
    domain = session.get(CustomerSender, "@" + address.rsplit("@", 1)[-1])
    return domain.customer_id if domain is not None else None


def customer_by_name(session: Session, name: str | None) -> str | None:
    if not name:
        return None
    wanted = " ".join(name.split()).casefold()
    matches = [c.customer_id for c in session.exec(select(Customer)) if " ".join(c.name.split()).casefold() == wanted]
    return matches[0] if len(matches) == 1 else None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 1}


def match_ship_to(session: Session, customer_id: str, party: Party) -> str | None:
    """The customer's location a printed ship-to block means, or None when none or several fit."""
    locations = list(session.exec(select(ShipToLocation).where(ShipToLocation.customer_id == customer_id)))
    printed = [i.value for i in party.identifiers]
    by_code = [loc.location_id for loc in locations if loc.location_id in printed]
    if by_code:
        return by_code[0]
    block = " ".join([party.name or "", *party.address_lines, party.city or "", party.postal_code or ""])
    words = _words(block)
    fits = []
    for loc in locations:
        name_words = _words(loc.name or "")
        postal_ok = not loc.postal_code or (loc.postal_code.replace(" ", "") in block.replace(" ", ""))
        if name_words and name_words <= words and postal_ok:
            fits.append(loc.location_id)
    if not fits and not party.postal_code:  # a mail names a place the way people do
        if party.name:  # "Boltline Main Warehouse": the location's whole name, no postal code to confirm it
            fits = [loc.location_id for loc in locations if _words(loc.name or "") and _words(loc.name or "") <= words]
        elif party.city:  # "our Dayton store": the customer's one location in that city
            city = party.city.casefold()
            fits = [loc.location_id for loc in locations if loc.city and loc.city.casefold() == city]
    return fits[0] if len(fits) == 1 else None


def decide_captured(session: Session, order: Order, master: MasterData | None = None) -> Order:
    """Resolve ``order`` against the master data and set its ``hold_reasons`` (kept from the parser, plus every
    failed step); the sender is ``order.source.sender``. Returns the order, changed in place."""
    master = master or MasterData(session)
    reasons = list(order.hold_reasons)

    def hold(code: str, message: str, field: str | None = None) -> None:
        reasons.append(HoldReason(code=code, message=message, field=field))

    address = sender_address(order.source.sender)
    customer_id = customer_for_sender(session, address) if address else None
    if customer_id is None and address:
        hold(
            UNKNOWN_SENDER,
            f"{address} is not a known sender of any customer (senders.csv); map it before releasing",
            "customer_id",
        )
    elif customer_id is None:
        customer_id = customer_by_name(session, order.buyer.name if order.buyer else None)
    order.customer_id = customer_id
    if order.currency is None and customer_id:  # a document that states none is in the customer's currency
        customer = master.customer(customer_id)
        order.currency = customer.currency if customer is not None else None

    for line in order.lines:
        if line.sku is None and customer_id and line.buyer_part_number and not master.item(line.buyer_part_number):
            line.sku = master.xref(customer_id, line.buyer_part_number)
        if line.uom is None:  # a line that names no unit is in the item's own unit
            sku = line.sku or resolve_item(line, master)
            item = master.item(sku) if sku else None
            line.uom = item.uom if item is not None else None

    if order.ship_to is not None and customer_id and not order.ship_to.identifiers:
        location = match_ship_to(session, customer_id, order.ship_to)
        if location is not None:
            order.ship_to.identifiers.append(Identifier(qualifier="92", value=location))

    if not order.po_number.strip():
        hold(MISSING_PO_NUMBER, "no PO number was found on the document", "po_number")
    for index, line in enumerate(order.lines):
        if line.amount is not None and line.quantity is not None and line.unit_price is not None:
            computed = line.quantity * line.unit_price
            if abs(computed - line.amount) > CENT:
                hold(
                    LINE_AMOUNT_MISMATCH,
                    f"line {line.line_number or index + 1}: {line.quantity} × {line.unit_price} = "
                    f"{computed.quantize(CENT)}, but the document says {line.amount}",
                    f"lines[{index}].amount",
                )
    if any(r.code == NO_TEXT_LAYER for r in reasons):
        pass  # nothing was read: the checks would only repeat that
    elif order.customer_id is not None or not address:
        reasons += [r for r in validate_order(order, master, PRICE_TOLERANCE_PERCENT) if r.code != "UNKNOWN_CUSTOMER"]
        if order.customer_id is None:
            hold(
                UNKNOWN_SENDER,
                "the document came without a sender, and the buyer printed on it is not one of our customers",
                "customer_id",
            )
    else:  # unknown sender: held for that alone, but a reviewer still sees our item numbers resolved
        for line in order.lines:
            line.sku = resolve_item(line, master)
    if order.customer_id and order.po_number.strip():
        earlier = session.exec(
            select(OrderRecord).where(
                OrderRecord.customer_id == order.customer_id,
                OrderRecord.po_number == order.po_number,
                col(OrderRecord.status).in_(LIVE),
            )
        ).first()
        if earlier is not None:
            hold(
                "DUPLICATE_PO",
                f"customer {order.customer_id} already sent PO {order.po_number} (order {earlier.order_id})",
                "po_number",
            )
    for field in REQUIRED:
        score = order.confidence.get(field, 0.0)
        if score < CONFIDENT and not any(r.field == field for r in reasons):
            hold(LOW_CONFIDENCE, f"{field} was read with confidence {score:.2f} (at least {CONFIDENT} releases)", field)
    order.hold_reasons = _unique(reasons)
    return order


def _unique(reasons: list[HoldReason]) -> list[HoldReason]:
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for r in reasons:
        key = (r.code, r.field, r.message)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def store_captured(session: Session, document_id: int, order: Order, master: MasterData | None = None) -> OrderRecord:
    """Decide and store a captured order (released or held); the same document processed again stores nothing."""
    existing = session.get(OrderRecord, order.order_id)
    if existing is not None:
        return existing
    fingerprint = order.content_fingerprint()
    decide_captured(session, order, master)
    status = OrderStatus.HELD if order.hold_reasons else OrderStatus.RELEASED
    order.status = status
    row = OrderRecord(
        order_id=order.order_id,
        document_id=document_id,
        partner_id=None,
        customer_id=order.customer_id,
        po_number=order.po_number,
        purpose=order.purpose.value,
        status=status.value,
        version=1,
        fingerprint=fingerprint,
        payload=order.model_dump_json(),
    )
    record_new(session, row, note="; ".join(f"{r.code}: {r.message}" for r in order.hold_reasons) or None)
    session.flush()  # a later order of the same mail must see this one (DUPLICATE_PO)
    return row
