"""Queueing outbound documents (render once, store, send later) and the dispatcher's repository."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mappers.profile import PartnerProfile
from orderhub.store.models import OutboundDocument
from orderhub.store.repo import record_new, set_status
from outbound.dispatcher import OutboxItem
from outbound.envelope import Rendered
from schemas.status import OutboundStatus


def already_queued(session: Session, dedupe_key: str) -> OutboundDocument | None:
    return session.exec(select(OutboundDocument).where(OutboundDocument.dedupe_key == dedupe_key)).first()


def queue(
    session: Session,
    profile: PartnerProfile,
    doc_type: str,
    rendered: Rendered,
    dedupe_key: str,
    *,
    order_id: str | None = None,
    inbound_document_id: int | None = None,
    note: str | None = None,
) -> OutboundDocument:
    row = OutboundDocument(
        dedupe_key=dedupe_key,
        partner_id=profile.partner_id,
        doc_type=doc_type,
        channel=profile.channels.outbound,
        order_id=order_id,
        inbound_document_id=inbound_document_id,
        status=OutboundStatus.QUEUED.value,
        interchange_control_number=rendered.interchange_control_number,
        group_control_number=rendered.group_control_number,
        set_control_numbers=",".join(rendered.set_control_numbers),
        filename=f"{profile.partner_id}_{doc_type}_{rendered.interchange_control_number}.x12",
        payload=rendered.data,
    )
    record_new(session, row, note=note)
    return row


class DbOutbox:
    """The dispatcher's view of the outbox table; each call is its own short transaction."""

    def __init__(self, engine: Engine, max_attempts: int = 8) -> None:
        self.engine = engine
        self.max_attempts = max_attempts

    def pending(self, limit: int = 100) -> list[OutboxItem]:
        with Session(self.engine) as session:
            stmt = (
                sa_select(OutboundDocument)
                .where(OutboundDocument.status == OutboundStatus.QUEUED.value)  # type: ignore[arg-type]
                .order_by(OutboundDocument.id)  # type: ignore[arg-type]
                .limit(limit)
            )
            rows = session.execute(stmt).scalars().all()
            return [
                OutboxItem(
                    id=r.id or 0,
                    channel=r.channel,
                    filename=r.filename,
                    data=r.payload,
                    partner_id=r.partner_id,
                    doc_type=r.doc_type,
                )
                for r in rows
            ]

    def mark_sent(self, item_id: int, sent_at: datetime) -> None:
        with Session(self.engine) as session:
            row = session.get(OutboundDocument, item_id, with_for_update=True)
            if row is None or row.status != OutboundStatus.QUEUED.value:
                return
            row.sent_at = sent_at
            row.attempts += 1
            set_status(session, row, OutboundStatus.SENT, note=f"written as {row.filename}")
            session.commit()

    def mark_failed(self, item_id: int, error: str, retriable: bool) -> None:
        with Session(self.engine) as session:
            row = session.get(OutboundDocument, item_id, with_for_update=True)
            if row is None or row.status != OutboundStatus.QUEUED.value:
                return
            row.attempts += 1
            row.last_error = error
            if not retriable or row.attempts >= self.max_attempts:
                set_status(session, row, OutboundStatus.DEAD, note=error)
            else:
                session.add(row)
            session.commit()
