"""Statuses, one enum per level, each with the transitions it allows.

A status changes only through :func:`check_transition`, so an illegal move (say a cancelled order
being released) is an error at the place it is attempted, not a silent inconsistency found later.
"""

from __future__ import annotations

from enum import StrEnum


class TransitionError(ValueError):
    """A status change that the lifecycle does not allow."""


class DocumentStatus(StrEnum):
    """An inbound document (one file, one mail, one AS2 message)."""

    RECEIVED = "received"  # raw bytes stored, not yet processed
    PARSED = "parsed"  # read; its transaction sets have their own verdicts
    FAILED = "failed"  # unreadable or nothing in it could be accepted; reason recorded, bytes kept
    DUPLICATE = "duplicate"  # the same bytes arrived before under another name


class SetStatus(StrEnum):
    """One X12 transaction set (ST..SE) inside a document."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class OrderStatus(StrEnum):
    HELD = "held"  # waits for a reviewer; hold_reasons say why
    RELEASED = "released"  # the ERP may take it
    BOOKED = "booked"  # the ERP booked it under its own number
    REJECTED = "rejected"  # we refused it (855 BAK02=RJ)
    CANCELLED = "cancelled"  # the buyer cancelled it (850 BEG01=01, or 860)
    SUPERSEDED = "superseded"  # a later version (change) replaced it
    TEST = "test"  # came in a test interchange (ISA15=T): never reaches the ERP


class OutboundStatus(StrEnum):
    """A document we send. ``sent`` means the partner has it (for AS2: a verified MDN with our MIC said so)."""

    QUEUED = "queued"
    AWAITING_MDN = "awaiting_mdn"  # AS2, asynchronous MDN: posted, delivery not confirmed yet
    EXPIRED = "expired"  # no MDN by its due time: queued again (same Message-ID) or, after the last try, dead
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    OVERDUE = "overdue"
    DEAD = "dead"


_DOCUMENT: dict[DocumentStatus, set[DocumentStatus]] = {
    DocumentStatus.RECEIVED: {DocumentStatus.PARSED, DocumentStatus.FAILED, DocumentStatus.DUPLICATE},
    # reprocessing a failed document from the raw store may succeed, or fail again with a new reason
    DocumentStatus.FAILED: {DocumentStatus.RECEIVED},
    DocumentStatus.PARSED: set(),
    DocumentStatus.DUPLICATE: set(),
}

_SET: dict[SetStatus, set[SetStatus]] = {SetStatus.ACCEPTED: set(), SetStatus.REJECTED: set()}

_ORDER: dict[OrderStatus, set[OrderStatus]] = {
    OrderStatus.HELD: {OrderStatus.RELEASED, OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.SUPERSEDED},
    OrderStatus.RELEASED: {
        OrderStatus.BOOKED,
        OrderStatus.CANCELLED,
        OrderStatus.SUPERSEDED,
        OrderStatus.REJECTED,
    },
    OrderStatus.BOOKED: {OrderStatus.CANCELLED, OrderStatus.SUPERSEDED},
    OrderStatus.REJECTED: set(),
    OrderStatus.CANCELLED: set(),
    OrderStatus.SUPERSEDED: set(),
    OrderStatus.TEST: set(),
}

_OUTBOUND: dict[OutboundStatus, set[OutboundStatus]] = {
    OutboundStatus.QUEUED: {OutboundStatus.SENT, OutboundStatus.AWAITING_MDN, OutboundStatus.DEAD},
    # the MDN verified (sent), reported a failure or another MIC (dead), or did not come in time (expired)
    OutboundStatus.AWAITING_MDN: {OutboundStatus.SENT, OutboundStatus.DEAD, OutboundStatus.EXPIRED},
    OutboundStatus.EXPIRED: {OutboundStatus.QUEUED, OutboundStatus.DEAD},  # resent, or escalated
    OutboundStatus.SENT: {OutboundStatus.ACKNOWLEDGED, OutboundStatus.REJECTED, OutboundStatus.OVERDUE},
    OutboundStatus.OVERDUE: {OutboundStatus.ACKNOWLEDGED, OutboundStatus.REJECTED},
    OutboundStatus.DEAD: {OutboundStatus.QUEUED},  # resent by hand
    OutboundStatus.ACKNOWLEDGED: set(),
    OutboundStatus.REJECTED: {OutboundStatus.QUEUED},
}

_TABLES: dict[type, dict] = {
    DocumentStatus: _DOCUMENT,
    SetStatus: _SET,
    OrderStatus: _ORDER,
    OutboundStatus: _OUTBOUND,
}


def allowed(current: StrEnum, new: StrEnum) -> bool:
    """Whether ``current`` may move to ``new`` (both of the same enum)."""
    if type(current) is not type(new):
        return False
    return new in _TABLES[type(current)][current]


def check_transition(current: StrEnum, new: StrEnum) -> None:
    """Raise :class:`TransitionError` unless the lifecycle allows ``current`` → ``new``."""
    if not allowed(current, new):
        raise TransitionError(f"{type(current).__name__} cannot go from {current.value!r} to {new.value!r}")
