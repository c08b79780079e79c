"""Claims on inbound documents: which worker processes a document now, and until when.

A document waits in ``received`` until a worker claims it: ``claimed_by`` (the worker) and ``claimed_until``
(now + the lease), committed with the attempt count before the parser runs. The row is locked with
``FOR UPDATE SKIP LOCKED`` while the claim is taken, so two workers never take the same document (SQLite
serialises writers instead). The document's final status clears the claim; a claim left by a worker that
died expires after the lease, and any worker takes the document again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from orderhub.store.models import InboundDocument
from schemas.status import DocumentStatus

_WAITING = col(InboundDocument.status) == DocumentStatus.RECEIVED.value


def held(doc: InboundDocument, now: datetime) -> bool:
    """Whether a live claim is on ``doc``: another worker's, or another thread's of this one (a claim is not
    re-entered; one left by a retriable error is taken again when it expires)."""
    return doc.claimed_until is not None and doc.claimed_until > now


def take(doc: InboundDocument, holder: str, now: datetime, lease: timedelta) -> None:
    """Claim ``doc`` for ``holder`` (the caller holds its row lock and commits): one more attempt."""
    doc.attempts += 1
    doc.claimed_by, doc.claimed_until = holder, now + lease


def clear(doc: InboundDocument) -> None:
    doc.claimed_by, doc.claimed_until = None, None


def lock(session: Session, document_id: int, *, skip_locked: bool) -> InboundDocument | None:
    """The document's row, locked; None if it does not exist or (``skip_locked``) another worker has it locked."""
    stmt = sa_select(InboundDocument).where(col(InboundDocument.id) == document_id)
    stmt = stmt.with_for_update(skip_locked=skip_locked)
    return session.execute(stmt).scalars().first()


def next_waiting(session: Session, now: datetime) -> InboundDocument | None:
    """One document left ``received`` that no live worker holds (never claimed, or its claim expired), locked."""
    stmt = (
        sa_select(InboundDocument)
        .where(
            _WAITING,
            or_(col(InboundDocument.claimed_until).is_(None), col(InboundDocument.claimed_until) <= now),
        )
        .order_by(col(InboundDocument.id))
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    return session.execute(stmt).scalars().first()
