"""Canonical orders from a mail: the order written in its text, and the orders of its attachments completed
with what only the mail says (a sheet's missing PO number, the ship-to named in the text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parsers.capture import MISSING_PO_NUMBER, UNKNOWN_SENDER
from parsers.email.body import MailReading, ship_to_party
from schemas.order import Contact, DateRef, HoldReason, Order, OrderLine, Party, Source

REQUESTED_QUALIFIERS = ("002", "010", "106")


@dataclass
class MailFacts:
    """What the envelope of the mail says."""

    source: Source  # kind email, sender = the From address
    subject: str
    sender_name: str | None
    sent: date | None


def _buyer(mail: MailFacts) -> Party | None:
    if not mail.source.sender:
        return None
    return Party(role="BY", contacts=[Contact(function="BD", name=mail.sender_name, email=mail.source.sender)])


def _no_sender(order: Order, mail: MailFacts) -> None:
    if not mail.source.sender and not any(r.code == UNKNOWN_SENDER for r in order.hold_reasons):
        order.hold_reasons.append(
            HoldReason(
                code=UNKNOWN_SENDER,
                message="the mail has no readable From address, so no customer can be matched to it",
                field="customer_id",
            )
        )


def body_order(reading: MailReading, mail: MailFacts) -> Order:
    """The order the mail's text states (lines bound to item codes, PO, ship-to, dates)."""
    confidence: dict[str, float] = {}
    order = Order(order_id="", source=mail.source.model_copy(), po_number="", buyer=_buyer(mail))
    if reading.po_number is not None:
        order.po_number = str(reading.po_number.value)
        confidence["po_number"] = reading.po_number.confidence
    if reading.ordered is not None and isinstance(reading.ordered.value, date):
        order.po_date = reading.ordered.value
        confidence["po_date"] = reading.ordered.confidence
    if reading.requested is not None and isinstance(reading.requested.value, date):
        order.dates.append(DateRef(qualifier="002", value=reading.requested.value))
        confidence["requested_date"] = reading.requested.confidence
    party = ship_to_party(reading.ship_to)
    if party is not None and reading.ship_to is not None:
        order.ship_to = party
        confidence["ship_to"] = reading.ship_to.confidence
        order.notes.append(f"ship-to as written: {reading.ship_to_written}")
    if reading.currency is not None:
        order.currency = str(reading.currency.value)
        confidence["currency"] = reading.currency.confidence
    if reading.total is not None and isinstance(reading.total.value, Decimal):
        order.stated_total = reading.total.value
        confidence["stated_total"] = reading.total.confidence
    for index, line in enumerate(reading.lines):
        order.lines.append(
            OrderLine(
                line_number=line.line_number or str(index + 1),
                buyer_part_number=line.code,
                vendor_part_number=line.code,
                description=line.description,
                quantity=line.quantity,
                uom=line.unit,
                unit_price=line.unit_price,
            )
        )
        confidence[f"lines[{index}]"] = line.confidence
    if order.lines:
        confidence["lines"] = reading.lines_confidence
    order.confidence = confidence
    order.warnings = list(reading.warnings)
    if mail.subject:
        order.notes.append(f"mail subject: {mail.subject}")
    _no_sender(order, mail)
    return order


def complete_attachment_order(order: Order, reading: MailReading, mail: MailFacts) -> Order:
    """An attachment's order, on the mail's source, with the header fields it lacks taken from the mail:
    the PO number (sheets print none; the subject or text gives it), the ship-to and the requested date."""
    order.source = mail.source.model_copy()
    order.buyer = order.buyer or _buyer(mail)
    if not order.po_number.strip() and reading.po_number is not None:
        order.po_number = str(reading.po_number.value)
        order.confidence["po_number"] = reading.po_number.confidence
        order.hold_reasons = [r for r in order.hold_reasons if r.code != MISSING_PO_NUMBER]
        order.notes.append("PO number taken from the mail")
    party = ship_to_party(reading.ship_to)
    if order.ship_to is None and party is not None and reading.ship_to is not None:
        order.ship_to = party
        order.confidence["ship_to"] = reading.ship_to.confidence
        order.notes.append(f"ship-to taken from the mail text: {reading.ship_to_written}")
    if reading.requested is not None and isinstance(reading.requested.value, date):
        if not any(d.qualifier in REQUESTED_QUALIFIERS for d in order.dates):
            order.dates.append(DateRef(qualifier="002", value=reading.requested.value))
            order.confidence["requested_date"] = reading.requested.confidence
    if order.currency is None and reading.currency is not None:
        order.currency = str(reading.currency.value)
        order.confidence["currency"] = reading.currency.confidence
    _no_sender(order, mail)
    return order
