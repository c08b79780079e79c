"""Documents late or at risk: the 855 after the 850, the 856 after the truck left (and before it arrives),
the 810 after the shipment. Due times come from each partner's ``due:`` section.

A document counts as done once the dispatcher has sent it (sent, acknowledged, or even rejected by the
partner, which ``orderhub outbox`` shows); queued or dead ones still count against the clock.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session, col, select

from mappers.profile import PartnerProfile, PoAckPolicy
from orderhub.store.models import (
    InboundDocument,
    InvoicedLine,
    OrderRecord,
    OutboundDocument,
    ShipmentRecord,
    ShippedLine,
)
from schemas.order import Purpose
from schemas.status import OrderStatus, OutboundStatus

NOT_SENT = (OutboundStatus.QUEUED.value, OutboundStatus.DEAD.value)
AWAITING_855 = (OrderStatus.HELD.value, OrderStatus.RELEASED.value, OrderStatus.BOOKED.value)


@dataclass(frozen=True)
class DueItem:
    partner_id: str
    doc_type: str  # the document owed: 855, 856, 810
    subject: str  # what it is owed for, in words
    due_at: datetime
    late: bool  # False: at risk (due within the partner's at_risk_hours)
    detail: str


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def _judge(
    items: list[DueItem],
    profile: PartnerProfile,
    doc_type: str,
    subject: str,
    due: datetime,
    now: datetime,
    detail: str,
) -> None:
    if now > due:
        items.append(DueItem(profile.partner_id, doc_type, subject, due, True, detail))
    elif now > due - timedelta(hours=profile.due.at_risk_hours):
        items.append(DueItem(profile.partner_id, doc_type, subject, due, False, detail))


def _po_acks(session: Session, profiles: dict[str, PartnerProfile], now: datetime, items: list[DueItem]) -> None:
    wanted = [
        p.partner_id
        for p in profiles.values()
        if p.acknowledgements.po_ack is not PoAckPolicy.NONE and p.due.po_ack_hours
    ]
    if not wanted:
        return
    has_855 = (
        select(OutboundDocument.id)
        .where(
            OutboundDocument.doc_type == "855",
            OutboundDocument.order_id == OrderRecord.order_id,
            col(OutboundDocument.status).not_in(NOT_SENT),
        )
        .exists()
    )  # in SQL: a database with years of booked orders must not send them all as parameters
    rows = session.exec(
        select(OrderRecord, InboundDocument)
        .join(InboundDocument, col(InboundDocument.id) == col(OrderRecord.document_id))
        .where(
            col(OrderRecord.partner_id).in_(wanted),
            col(OrderRecord.status).in_(AWAITING_855),
            OrderRecord.purpose != Purpose.CANCEL.value,
            ~has_855,
        )
    ).all()
    for order, inbound in rows:
        profile = profiles[order.partner_id or ""]
        hours = profile.due.po_ack_hours or 0
        due = _aware(inbound.received_at) + timedelta(hours=hours)
        _judge(
            items, profile, "855", f"PO {order.po_number} (order {order.order_id}, {order.status})", due, now,
            f"850 received {_aware(inbound.received_at):%Y-%m-%d %H:%M}, 855 due within {hours} h",
        )  # fmt: skip


def _shipped_at(shipment: ShipmentRecord) -> datetime:
    """When the truck left, as well as we know it: the confirmation on the ship date, else the end of that day
    (an ASN confirmed days after the truck left is late from the ship date, not from the confirmation)."""
    end_of_day = datetime.combine(shipment.ship_date, time(23, 59), tzinfo=UTC)
    return min(_aware(shipment.created_at), end_of_day)


def _ship_notices(session: Session, profiles: dict[str, PartnerProfile], now: datetime, items: list[DueItem]) -> None:
    rows = session.exec(
        select(ShipmentRecord, OutboundDocument)
        .join(OutboundDocument, col(OutboundDocument.id) == col(ShipmentRecord.outbound_id))
        .where(col(OutboundDocument.status).in_(NOT_SENT), col(ShipmentRecord.partner_id).in_(list(profiles)))
    ).all()
    for shipment, out in rows:
        profile = profiles[shipment.partner_id]
        hours = profile.due.asn_hours_after_ship
        shipped = _shipped_at(shipment)
        due = shipped + timedelta(hours=hours) if hours else None
        why = f"shipped {shipped:%Y-%m-%d %H:%M}"
        if shipment.estimated_delivery is not None:
            arrival = datetime.combine(shipment.estimated_delivery, time(0), tzinfo=UTC)
            if due is None or arrival < due:
                due, why = arrival, f"the truck is due {shipment.estimated_delivery}"
        if due is not None:
            detail = f"{why}; outbound {out.id} {out.status}"
            _judge(items, profile, "856", f"shipment {shipment.shipment_id}", due, now, detail)


def _invoices(session: Session, profiles: dict[str, PartnerProfile], now: datetime, items: list[DueItem]) -> None:
    """Per PO, the units shipped beyond those invoiced; the 810 is due from the first shipment not fully
    invoiced (invoices bill shipments oldest first)."""
    wanted = [p.partner_id for p in profiles.values() if p.due.invoice_days_after_ship]
    if not wanted:
        return
    shipments: dict[tuple[str, str], dict[int, tuple[datetime, str, Decimal]]] = defaultdict(dict)
    for line, shipment in session.exec(
        select(ShippedLine, ShipmentRecord)
        .join(ShipmentRecord, col(ShipmentRecord.id) == col(ShippedLine.shipment_record_id))
        .where(col(ShippedLine.partner_id).in_(wanted))
    ).all():
        at, sid, quantity = shipments[(line.partner_id, line.po_number)].get(
            shipment.id or 0,
            (datetime.combine(shipment.ship_date, time(0), tzinfo=UTC), shipment.shipment_id, Decimal(0)),
        )
        shipments[(line.partner_id, line.po_number)][shipment.id or 0] = (at, sid, quantity + Decimal(line.quantity))
    invoiced: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for billed in session.exec(select(InvoicedLine).where(col(InvoicedLine.partner_id).in_(wanted))).all():
        invoiced[(billed.partner_id, billed.po_number)] += Decimal(billed.quantity)
    for key, by_shipment in shipments.items():
        covered = invoiced[key]
        for shipped_at, shipment_id, quantity in sorted(by_shipment.values()):
            if covered >= quantity:
                covered -= quantity
                continue
            profile = profiles[key[0]]
            days = profile.due.invoice_days_after_ship or 0
            open_units = sum(q for _a, _s, q in by_shipment.values()) - invoiced[key]
            _judge(
                items, profile, "810", f"PO {key[1]}", shipped_at + timedelta(days=days), now,
                f"{open_units.normalize():f} unit(s) shipped ({shipment_id} on {shipped_at:%Y-%m-%d} the oldest) "
                f"and not invoiced; 810 due within {days} day(s)",
            )  # fmt: skip
            break


def due_documents(session: Session, profiles: dict[str, PartnerProfile], now: datetime) -> list[DueItem]:
    """Every owed document that is late or due within the partner's ``at_risk_hours``, soonest first."""
    items: list[DueItem] = []
    _po_acks(session, profiles, now, items)
    _ship_notices(session, profiles, now, items)
    _invoices(session, profiles, now, items)
    return sorted(items, key=lambda i: i.due_at)
