"""Queueing outbound documents (render once, store, send later) and the dispatcher's repository.

AS2 with asynchronous MDNs: a message the partner accepted waits in ``awaiting_mdn`` with its Message-ID, our
MIC and a due time. The MDN, when it arrives at the web app, is matched here by channel and Message-ID
(:func:`awaiting_mdn`) and recorded (:func:`record_mdn`): ``sent`` (delivered) or ``dead`` with the MDN's
reason. :func:`expire_mdns`, a periodic job, expires what is past due: queued again to be resent with the
same Message-ID, at most the channel's ``mdn_resends`` times, then ``dead`` (escalated: ``orderhub outbox``).
A resend by hand (:func:`resend`) after a negative MDN is a new message with a new Message-ID.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors.as2.receipt import NEGATIVE_MDN, MdnPending
from mappers.profile import PartnerProfile
from orderhub import failpoints
from orderhub.logs import document_correlation
from orderhub.store.models import OrderRecord, OutboundDocument, utcnow
from orderhub.store.repo import record_new, set_status
from outbound.dispatcher import OutboxItem
from outbound.envelope import Rendered
from schemas.status import OutboundStatus

log = logging.getLogger(__name__)


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
    not_before: datetime | None = None,
) -> OutboundDocument:
    """Store a rendered document for the dispatcher; ``not_before`` holds it back until then."""
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
        next_attempt_at=not_before,
    )
    record_new(session, row, note=note)
    log.info(
        "queued %s for %s (ISA13 %s)%s",
        doc_type,
        profile.partner_id,
        rendered.interchange_control_number,
        f": {note}" if note else "",
        extra={"doc_type": doc_type, "order_id": order_id} if order_id else {"doc_type": doc_type},
    )
    return row


def correlation_of(session: Session, row: OutboundDocument) -> str | None:
    """The correlation id of the inbound document an outbound one acknowledges: its ``inbound_document_id``
    (997, 999, TA1), else, for an 855, its order's document; None for what answers no inbound document."""
    if row.inbound_document_id is not None:
        return document_correlation(row.inbound_document_id)
    if row.doc_type == "855" and row.order_id:
        # the one column, not the order (whose payload may be large): this runs for every 855 sent
        stmt = sa_select(col(OrderRecord.document_id)).where(col(OrderRecord.order_id) == row.order_id)
        document_id = session.execute(stmt).scalar_one_or_none()
        return document_correlation(document_id) if document_id is not None else None
    return None


class DbOutbox:
    """The dispatcher's view of the outbox table; each call is its own short transaction.

    ``pending`` claims rows (a lease in ``claimed_until``, taken with ``FOR UPDATE SKIP LOCKED`` on
    PostgreSQL) so that two dispatchers never send the same document; a failed send waits with
    exponential backoff (``next_attempt_at``) and is dead after ``max_attempts``.
    """

    def __init__(
        self,
        engine: Engine,
        max_attempts: int = 8,
        lease: timedelta = timedelta(minutes=2),
        backoff: timedelta = timedelta(seconds=30),
        max_backoff: timedelta = timedelta(hours=1),
    ) -> None:
        self.engine = engine
        self.max_attempts = max_attempts
        self.lease = lease
        self.backoff = backoff
        self.max_backoff = max_backoff

    def pending(self, limit: int = 100) -> list[OutboxItem]:
        now = utcnow()
        with Session(self.engine) as session:
            stmt = (
                sa_select(OutboundDocument)
                .where(
                    col(OutboundDocument.status) == OutboundStatus.QUEUED.value,
                    or_(col(OutboundDocument.next_attempt_at).is_(None), col(OutboundDocument.next_attempt_at) <= now),
                    or_(col(OutboundDocument.claimed_until).is_(None), col(OutboundDocument.claimed_until) < now),
                )
                .order_by(col(OutboundDocument.id))
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            rows = session.execute(stmt).scalars().all()
            items = []
            for r in rows:
                if r.attempts >= self.max_attempts:
                    # claimed and never reported on that many times (a send that kills the process): dead
                    r.claimed_until, r.claimed_by = None, None
                    set_status(session, r, OutboundStatus.DEAD, note=f"{r.attempts} attempts without an outcome")
                    continue
                # the attempt is recorded before the send, the receipt after: a crash in between leaves
                # an attempt without a receipt, and the resend reuses the same file name / Message-ID
                r.claimed_until = now + self.lease
                r.claimed_by = uuid.uuid4().hex
                r.attempts += 1
                session.add(r)
                items.append(
                    OutboxItem(
                        id=r.id or 0,
                        channel=r.channel,
                        filename=r.filename,
                        data=r.payload,
                        partner_id=r.partner_id,
                        doc_type=r.doc_type,
                        claim=r.claimed_by,
                        correlation_id=correlation_of(session, r),
                    )
                )
            session.commit()
            return items

    @staticmethod
    def _claimed(session: Session, item: OutboxItem) -> OutboundDocument | None:
        """The row, locked, while it is still queued under this claim. A claim that expired and was taken
        by another dispatcher is not ours to report on."""
        row = session.get(OutboundDocument, item.id, with_for_update=True)
        if row is None or row.status != OutboundStatus.QUEUED.value or row.claimed_by != item.claim:
            log.warning("outbound %s: claim %s lapsed before its outcome was recorded", item.id, item.claim)
            return None
        return row

    def mark_sent(self, item: OutboxItem, sent_at: datetime) -> None:
        failpoints.hit("after_send")  # the connector delivered; the row still says queued (and claimed)
        with Session(self.engine) as session:
            row = self._claimed(session, item)
            if row is None:
                return
            row.sent_at = sent_at
            row.claimed_until, row.claimed_by = None, None
            set_status(session, row, OutboundStatus.SENT, note=f"written as {row.filename}")
            session.commit()

    def mark_awaiting_mdn(self, item: OutboxItem, receipt: MdnPending) -> None:
        """Posted and accepted; delivered only when the MDN comes (AS2, asynchronous MDN)."""
        failpoints.hit("after_send")
        with Session(self.engine) as session:
            row = self._claimed(session, item)
            if row is None:
                return
            row.sent_at = receipt.sent_at
            row.as2_message_id, row.mic, row.mdn_due_at = receipt.message_id, receipt.mic, receipt.mdn_due_at
            row.claimed_until, row.claimed_by = None, None
            due = receipt.mdn_due_at.isoformat() if receipt.mdn_due_at else "never"
            note = f"posted as <{receipt.message_id}>, MDN due by {due}"
            set_status(session, row, OutboundStatus.AWAITING_MDN, note=note)
            session.commit()

    def mark_failed(self, item: OutboxItem, error: str, retriable: bool) -> None:
        with Session(self.engine) as session:
            row = self._claimed(session, item)
            if row is None:
                return
            row.last_error = error
            row.claimed_until, row.claimed_by = None, None
            if not retriable or row.attempts >= self.max_attempts:
                set_status(session, row, OutboundStatus.DEAD, note=error)
            else:
                delay = min(self.backoff * 2 ** (row.attempts - 1), self.max_backoff)
                row.next_attempt_at = utcnow() + delay
                session.add(row)
            session.commit()


def next_generation(filename: str) -> str:
    """``po_855_1.x12`` -> ``po_855_1.g2.x12`` -> ``po_855_1.g3.x12``: the file name of a new AS2 message for the
    same document (the connector hashes the file name into the Message-ID)."""
    match = re.fullmatch(r"(?s)(.*?)(?:\.g(\d+))?(\.[A-Za-z0-9]{1,8})?", filename)
    assert match is not None  # the pattern matches any string
    stem, generation, ext = match.group(1), int(match.group(2) or 1), match.group(3) or ""
    return f"{stem}.g{generation + 1}{ext}"


def resend(engine: Engine, outbound_id: int, actor: str) -> OutboundDocument:
    """Put a dead (or partner-rejected) document back in the queue, as it was rendered: same control
    numbers, so the partner sees the same interchange again rather than a new one.

    AS2: after a negative MDN (the partner verified the message and refused it, or reported another MIC) the
    resend is a new message under a new Message-ID (RFC 4130: a Message-ID names one message; the partner
    would answer the old one "duplicate-document"): the file name gets a generation suffix (``.g2``), which the
    connector hashes into the Message-ID. After an expiry (no MDN at all) it keeps its Message-ID."""
    with Session(engine, expire_on_commit=False) as session:
        row = session.get(OutboundDocument, outbound_id, with_for_update=True)
        if row is None:
            raise LookupError(f"no outbound document {outbound_id}")
        row.attempts, row.next_attempt_at, row.claimed_until, row.claimed_by = 0, None, None, None
        row.mdn_timeouts, row.mdn_due_at = 0, None
        note = f"resend requested (last error: {row.last_error})"
        if NEGATIVE_MDN in (row.last_error or ""):
            row.filename = next_generation(row.filename)
            row.as2_message_id, row.mic = None, None
            note += f"; after a negative MDN: a new AS2 message, {row.filename}"
        set_status(session, row, OutboundStatus.QUEUED, note=note, actor=actor)
        session.commit()
        return row


# -- AS2 asynchronous MDNs ----------------------------------------------------------------------------------------
# an MDN may answer a row that waits for it, or one expired and queued again whose resend has not been confirmed
# yet (the partner's MDN for the earlier send is as good: it names the same Message-ID)
_MDN_MATCHES = (OutboundStatus.AWAITING_MDN.value, OutboundStatus.QUEUED.value)


@dataclass
class AwaitingMdn:
    outbound_id: int
    message_id: str
    mic: str | None


def awaiting_mdn(engine: Engine, channel: str, message_id: str) -> AwaitingMdn | None:
    """The document sent on ``channel`` as ``message_id`` that still waits for its MDN, if any."""
    with Session(engine) as session:
        row = session.exec(
            select(OutboundDocument)
            .where(
                OutboundDocument.channel == channel,
                OutboundDocument.as2_message_id == message_id,
                col(OutboundDocument.status).in_(_MDN_MATCHES),
            )
            .order_by(col(OutboundDocument.id).desc())
            .limit(1)
        ).first()
        if row is None or row.id is None or row.as2_message_id is None:
            return None
        return AwaitingMdn(row.id, row.as2_message_id, row.mic)


def send_in_flight(engine: Engine, channel: str, now: datetime | None = None) -> bool:
    """Whether a dispatcher is sending on ``channel`` right now: its MDN may arrive before the send is recorded."""
    now = now or utcnow()
    with Session(engine) as session:
        stmt = select(OutboundDocument.id).where(
            OutboundDocument.channel == channel,
            OutboundDocument.status == OutboundStatus.QUEUED.value,
            col(OutboundDocument.claimed_until).is_not(None),
            col(OutboundDocument.claimed_until) > now,
        )
        return session.exec(stmt.limit(1)).first() is not None


def record_mdn(engine: Engine, outbound_id: int, message_id: str, delivered: bool, note: str) -> str | None:
    """Apply a verified MDN: ``sent`` (delivered) or ``dead`` with the MDN's reason. Returns the new status, or
    None if the document no longer waits for this MDN (another copy of it was recorded first)."""
    with Session(engine) as session:
        row = session.get(OutboundDocument, outbound_id, with_for_update=True)
        if row is None or row.status not in _MDN_MATCHES or row.as2_message_id != message_id:
            return None
        row.mdn_due_at, row.claimed_until, row.claimed_by = None, None, None
        if delivered:
            new = OutboundStatus.SENT
        else:
            new, row.last_error = OutboundStatus.DEAD, note
        set_status(session, row, new, note=f"MDN for <{message_id}>: {note}", actor="partner")
        session.commit()
        return new.value


def note_mdn_problem(engine: Engine, outbound_id: int, note: str) -> None:
    """Keep the reason an MDN could not be trusted on the document (its status does not change)."""
    with Session(engine) as session:
        row = session.get(OutboundDocument, outbound_id, with_for_update=True)
        if row is not None:
            row.last_error = note
            session.add(row)
            session.commit()


def expire_mdns(engine: Engine, resends: Mapping[str, int], now: datetime | None = None) -> list[str]:
    """Documents whose MDN is past due: ``expired``, then queued again at once (resent with the same Message-ID,
    RFC 4130) while the channel's ``resends`` allow, else ``dead``. A line for each, for the log."""
    now = now or utcnow()
    lines: list[str] = []
    with Session(engine) as session:
        stmt = (
            sa_select(OutboundDocument)
            .where(
                col(OutboundDocument.status) == OutboundStatus.AWAITING_MDN.value,
                col(OutboundDocument.mdn_due_at) <= now,
            )
            .order_by(col(OutboundDocument.id))
            .with_for_update(skip_locked=True)  # an MDN being recorded meanwhile keeps its row (PostgreSQL)
        )
        for row in session.execute(stmt).scalars().all():
            due = row.mdn_due_at.isoformat() if row.mdn_due_at else "?"
            row.mdn_timeouts += 1
            row.mdn_due_at = None
            set_status(session, row, OutboundStatus.EXPIRED, note=f"no MDN for <{row.as2_message_id}> by {due}")
            allowed = resends.get(row.channel or "", 0)
            if row.mdn_timeouts <= allowed:
                row.next_attempt_at = None
                note = f"resend {row.mdn_timeouts} of {allowed}, same Message-ID <{row.as2_message_id}>"
                set_status(session, row, OutboundStatus.QUEUED, note=note)
            else:
                row.last_error = (
                    f"no MDN for <{row.as2_message_id}> after {row.mdn_timeouts} send(s) on channel {row.channel}; "
                    "escalated: ask the partner whether it has the document, then 'orderhub outbox resend'"
                )
                set_status(session, row, OutboundStatus.DEAD, note=row.last_error)
                note = row.last_error
            lines.append(f"outbound {row.id} ({row.filename}): MDN expired; {note}")
        session.commit()
    return lines
