"""An order's document trail: every version's 850 (or change), our 997/999 and TA1 for it, our 855, 856 and
810, and the partner's acknowledgements of them, each with its time, read from the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from orderhub.store.models import (
    AuditEvent,
    InboundDocument,
    OrderRecord,
    OutboundDocument,
    ShipmentRecord,
    ShippedLine,
)


@dataclass(frozen=True)
class TrailEvent:
    at: datetime
    what: str  # "850 received", "997 sent", "855 acknowledged", "order released", ...
    detail: str


def _events(session: Session, entity: str, key: str) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == key)
    return list(session.exec(stmt.order_by(col(AuditEvent.id))))


def _chain(session: Session, order: OrderRecord) -> list[OrderRecord]:
    """The versions of this order, oldest first, by following ``supersedes`` both ways (not by PO number,
    which a test order, a held duplicate or a PO number reused years later share)."""
    chain = [order]
    while chain[0].supersedes:
        earlier = session.get(OrderRecord, chain[0].supersedes)
        if earlier is None or earlier in chain:
            break
        chain.insert(0, earlier)
    while True:
        later = session.exec(select(OrderRecord).where(OrderRecord.supersedes == chain[-1].order_id)).first()
        if later is None or later in chain:
            break
        chain.append(later)
    return chain


def order_trail(session: Session, order_id: str) -> list[TrailEvent]:
    """The trail of the order's purchase order, all versions, oldest first. Raises LookupError."""
    order = session.get(OrderRecord, order_id)
    if order is None:
        raise LookupError(f"no order {order_id}")
    versions = _chain(session, order)
    trail: list[TrailEvent] = []
    seen: set[int | None] = set()  # two versions from one file share that file's 997
    for version in versions:
        inbound = session.get(InboundDocument, version.document_id)
        if inbound is not None:
            kind = inbound.kind or "document"
            trail.append(
                TrailEvent(
                    inbound.received_at,
                    f"{kind} received",
                    f"document {inbound.id} from {inbound.channel}:{inbound.remote_key} (v{version.version})",
                )
            )
        for event in _events(session, "order", version.order_id):
            trail.append(TrailEvent(event.at, f"order v{version.version} {event.to_status}", event.note or event.actor))
        shipments = select(ShipmentRecord.outbound_id).join(
            ShippedLine, col(ShippedLine.shipment_record_id) == col(ShipmentRecord.id)
        )  # an 856 carrying several orders is on each one's trail
        outbound = session.exec(
            select(OutboundDocument).where(
                or_(
                    col(OutboundDocument.order_id) == version.order_id,
                    col(OutboundDocument.inbound_document_id) == version.document_id,
                    col(OutboundDocument.id).in_(shipments.where(ShippedLine.order_id == version.order_id)),
                )
            )
        )
        for doc in outbound:
            if doc.id in seen:
                continue
            seen.add(doc.id)
            for event in _events(session, "outbound", str(doc.id)):
                trail.append(
                    TrailEvent(
                        event.at,
                        f"{doc.doc_type} {event.to_status}",
                        f"outbound {doc.id}, ISA13 {doc.interchange_control_number}, GS06 {doc.group_control_number}"
                        + (f": {event.note}" if event.note and event.actor == "partner" else ""),
                    )
                )
    return sorted(trail, key=lambda e: e.at)  # stable: events at the same instant keep their order
