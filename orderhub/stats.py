"""The numbers a controller asks for: touchless rate, exceptions, cycle times, what waits on partners.

:func:`compute_stats` answers for a period (documents received from ``since`` to ``until``) on SQLite and
PostgreSQL alike: counts are grouped in SQL; the two durations are fetched as (receipt, event) pairs and their
median and 90th percentile computed here (percentile functions differ between the two databases).

Definitions (the contract of every number, also shown on the dashboard):

- **Orders**: order rows (every version; test orders excepted) whose inbound document was received in the
  period. Partner is the trading partner, else ``customer:<id>`` for an e-mailed, PDF or spreadsheet order,
  else ``(unidentified)``; channel and document kind (x12, pdf, email, sheet) are the inbound document's.
- **Touchless**: released by the hub itself, no person involved: the audit trail has the order going to
  ``released`` with actor ``hub``. A held order is released only by a person (a reviewer, the CLI), so an
  order once held never counts as touchless.
- **Exceptions by reason**: orders of the period held when they arrived, per hold reason code (an order held
  for two reasons counts under both). The codes come from the order while it still carries them (held,
  rejected), else from its creation in the audit trail (a release clears them from the order, not the trail).
- **Receipt to release**: from the inbound document's ``received_at`` to the order's first audit event to
  ``released``; **receipt to 855 sent**: to the ``sent_at`` of the first 855 for the order the partner has
  (sent, acknowledged, rejected or overdue). Median and 90th percentile by linear interpolation between
  closest ranks (numpy's default), in seconds.
- **Outbound waiting** (the state now, not the period): documents we sent to a partner whose profile expects
  a functional acknowledgement (``ack_due_hours`` set) and that have none yet, by document type; of those,
  **overdue**: marked overdue, or sent longer ago than the partner's ``ack_due_hours``; and **late**: 855, 856
  and 810 documents owed past their due time (:mod:`orderhub.duetimes`).
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field, computed_field
from sqlalchemy import Subquery, case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mappers.profile import PartnerProfile
from orderhub.acks import NOT_ACKNOWLEDGED
from orderhub.duetimes import due_documents
from orderhub.store.models import AuditEvent, InboundDocument, OrderRecord, OutboundDocument
from schemas.status import OrderStatus, OutboundStatus

HUB_ACTOR = "hub"  # the actor the hub's own status changes are audited under
DEFAULT_PERIOD = timedelta(days=30)
PARTNER_HAS_IT = (
    OutboundStatus.SENT.value,
    OutboundStatus.ACKNOWLEDGED.value,
    OutboundStatus.REJECTED.value,
    OutboundStatus.OVERDUE.value,
)
_CODE_IN_NOTE = re.compile(r"(?:^|; )([A-Z][A-Z0-9_]{2,}): ")  # "UNKNOWN_ITEM: …; PRICE_MISMATCH: …"


class Rate(BaseModel):
    """Orders, and how many of them went through without a person."""

    orders: int = 0
    touchless: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rate(self) -> float | None:
        """touchless ÷ orders, 0..1; None without orders."""
        return round(self.touchless / self.orders, 4) if self.orders else None


class Durations(BaseModel):
    count: int = Field(description="orders measured")
    median_seconds: float | None = None
    p90_seconds: float | None = None


class OutboundWaiting(BaseModel):
    awaiting_997: dict[str, int] = Field(description="by document type: sent, no functional acknowledgement yet")
    overdue: dict[str, int] = Field(description="by document type: the partner's acknowledgement is overdue")
    late: dict[str, int] = Field(description="by document type: 855/856/810 owed past their due time")


class Stats(BaseModel):
    since: datetime
    until: datetime
    orders: int
    touchless: Rate
    touchless_by_partner: dict[str, Rate]
    touchless_by_channel: dict[str, Rate]
    touchless_by_kind: dict[str, Rate]
    orders_by_channel: dict[str, int]
    held_on_arrival: int = Field(description="orders held when they arrived (the exceptions)")
    exceptions_by_reason: dict[str, int] = Field(description="held orders per hold reason code, most first")
    receipt_to_release: Durations
    receipt_to_855_sent: Durations
    outbound: OutboundWaiting


def parse_since(text: str | None, now: datetime) -> datetime:
    """``30d``, ``12h``, ``90m``, an ISO date or date-time (UTC when it names no zone); None: 30 days ago.
    Raises ``ValueError`` with a message a person can act on."""
    if text is None or not text.strip():
        return now - DEFAULT_PERIOD
    value = text.strip()
    match = re.fullmatch(r"(\d{1,5})\s*([dhm])", value.lower())
    if match:
        unit = {"d": "days", "h": "hours", "m": "minutes"}[match.group(2)]
        return now - timedelta(**{unit: int(match.group(1))})
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"since {text!r}: give a period (30d, 12h, 90m) or an ISO date or date-time (2026-11-01)"
        ) from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def durations(seconds: Iterable[float]) -> Durations:
    values = list(seconds)
    median = statistics.median(values) if values else None
    p90 = percentile(values, 0.9)
    return Durations(
        count=len(values),
        median_seconds=None if median is None else round(median, 3),
        p90_seconds=None if p90 is None else round(p90, 3),
    )


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def _partner_label(partner_id: str | None, customer_id: str | None) -> str:
    if partner_id:
        return partner_id
    return f"customer:{customer_id}" if customer_id else "(unidentified)"


def _in_period(since: datetime, until: datetime) -> list:  # type: ignore[type-arg]
    return [
        col(InboundDocument.received_at) >= since,
        col(InboundDocument.received_at) < until,
        OrderRecord.status != OrderStatus.TEST.value,
    ]


def _order_counts(session: Session, since: datetime, until: datetime) -> list[tuple[str, str, str, int, int]]:
    """(partner label, channel, kind, orders, touchless) per group, counted in SQL."""
    released_by_hub = (
        select(AuditEvent.id)
        .where(
            AuditEvent.entity == "order",
            AuditEvent.entity_id == OrderRecord.order_id,
            AuditEvent.to_status == OrderStatus.RELEASED.value,
            AuditEvent.actor == HUB_ACTOR,
        )
        .exists()
    )
    stmt = (
        sa_select(
            col(OrderRecord.partner_id),
            col(OrderRecord.customer_id),
            col(InboundDocument.channel),
            col(InboundDocument.kind),
            func.count(),
            func.sum(case((released_by_hub, 1), else_=0)),
        )
        .join(InboundDocument, col(InboundDocument.id) == col(OrderRecord.document_id))
        .where(*_in_period(since, until))
        .group_by(
            col(OrderRecord.partner_id),
            col(OrderRecord.customer_id),
            col(InboundDocument.channel),
            col(InboundDocument.kind),
        )
    )
    return [
        (_partner_label(partner, customer), channel, kind or "?", int(orders), int(touchless or 0))
        for partner, customer, channel, kind, orders, touchless in session.execute(stmt)
    ]


def _exceptions(session: Session, since: datetime, until: datetime) -> tuple[int, dict[str, int]]:
    """(orders held on arrival, held orders per reason code)."""
    stmt = (
        select(OrderRecord.payload, AuditEvent.note)
        .join(InboundDocument, col(InboundDocument.id) == col(OrderRecord.document_id))
        .join(
            AuditEvent,
            (col(AuditEvent.entity) == "order")
            & (col(AuditEvent.entity_id) == col(OrderRecord.order_id))
            & col(AuditEvent.from_status).is_(None)
            & (col(AuditEvent.to_status) == OrderStatus.HELD.value),
        )
        .where(*_in_period(since, until))
    )
    held = 0
    reasons: Counter[str] = Counter()
    for payload, note in session.exec(stmt):
        held += 1
        codes = {r.get("code") for r in json.loads(payload).get("hold_reasons") or [] if r.get("code")}
        reasons.update(codes or set(_CODE_IN_NOTE.findall(note or "")) or {"(no reason recorded)"})
    return held, dict(reasons.most_common())


def _receipt_to(session: Session, since: datetime, until: datetime, event: Subquery) -> Durations:
    """Seconds from receipt to ``event`` (a subquery of order_id, at) for the period's orders."""
    stmt = (
        sa_select(col(InboundDocument.received_at), event.c.at)
        .join(OrderRecord, col(InboundDocument.id) == col(OrderRecord.document_id))
        .join(event, event.c.order_id == col(OrderRecord.order_id))
        .where(*_in_period(since, until))
    )
    return durations(
        max(0.0, (_aware(at) - _aware(received)).total_seconds())
        for received, at in session.execute(stmt)
        if at is not None
    )


def _cycle_times(session: Session, since: datetime, until: datetime) -> tuple[Durations, Durations]:
    released = (
        select(col(AuditEvent.entity_id).label("order_id"), func.min(AuditEvent.at).label("at"))
        .where(AuditEvent.entity == "order", AuditEvent.to_status == OrderStatus.RELEASED.value)
        .group_by(col(AuditEvent.entity_id))
        .subquery()
    )
    ack_sent = (
        select(col(OutboundDocument.order_id).label("order_id"), func.min(OutboundDocument.sent_at).label("at"))
        .where(
            OutboundDocument.doc_type == "855",
            col(OutboundDocument.sent_at).is_not(None),
            col(OutboundDocument.status).in_(PARTNER_HAS_IT),
        )
        .group_by(col(OutboundDocument.order_id))
        .subquery()
    )
    return _receipt_to(session, since, until, released), _receipt_to(session, since, until, ack_sent)


def outbound_waiting(
    session: Session, profiles: Mapping[str, PartnerProfile], now: datetime, *, with_late: bool = True
) -> OutboundWaiting:
    """What waits on partners now: sent without their 997 (for partners whose profile expects one), overdue,
    and (``with_late``) owed documents past their due time; each by document type."""
    by_hours: dict[int, list[str]] = defaultdict(list)
    for profile in profiles.values():
        if profile.acknowledgements.ack_due_hours is not None:
            by_hours[profile.acknowledgements.ack_due_hours].append(profile.partner_id)
    expecting = [p for ids in by_hours.values() for p in ids]
    acknowledgeable = [
        col(OutboundDocument.partner_id).in_(expecting),
        col(OutboundDocument.doc_type).not_in(NOT_ACKNOWLEDGED),
    ]
    waiting: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    if expecting:
        stmt = (
            sa_select(col(OutboundDocument.doc_type), col(OutboundDocument.status), func.count())
            .where(*acknowledgeable, col(OutboundDocument.status).in_(("sent", "overdue")))
            .group_by(OutboundDocument.doc_type, OutboundDocument.status)
        )
        for doc_type, status, count in session.execute(stmt):
            waiting[doc_type] += int(count)
            if status == OutboundStatus.OVERDUE.value:
                overdue[doc_type] += int(count)
        for hours, partners in by_hours.items():  # sent, not yet marked overdue, but past the partner's time
            late_stmt = (
                sa_select(col(OutboundDocument.doc_type), func.count())
                .where(
                    *acknowledgeable,
                    col(OutboundDocument.partner_id).in_(partners),
                    col(OutboundDocument.status) == OutboundStatus.SENT.value,
                    col(OutboundDocument.sent_at) < now - timedelta(hours=hours),
                )
                .group_by(OutboundDocument.doc_type)
            )
            for doc_type, count in session.execute(late_stmt):
                overdue[doc_type] += int(count)
    late = late_documents(session, profiles, now) if with_late else {}
    return OutboundWaiting(
        awaiting_997=dict(sorted(waiting.items())),
        overdue=dict(sorted(overdue.items())),
        late=dict(sorted(late.items())),
    )


def late_documents(session: Session, profiles: Mapping[str, PartnerProfile], now: datetime) -> dict[str, int]:
    """855/856/810 owed past their due time, by document type (:func:`orderhub.duetimes.due_documents`)."""
    late = Counter(item.doc_type for item in due_documents(session, dict(profiles), now) if item.late)
    return dict(sorted(late.items()))


def compute_stats(
    session: Session,
    profiles: Mapping[str, PartnerProfile],
    since: datetime | None = None,
    now: datetime | None = None,
) -> Stats:
    """The numbers for documents received from ``since`` (default 30 days before ``now``) until ``now``;
    ``profiles`` by partner id say which partners send 997s, and when, and what is owed them."""
    now = now or datetime.now(UTC)
    since = since or now - DEFAULT_PERIOD
    counts = _order_counts(session, since, now)
    total = Rate()
    by_partner: defaultdict[str, Rate] = defaultdict(Rate)
    by_channel: defaultdict[str, Rate] = defaultdict(Rate)
    by_kind: defaultdict[str, Rate] = defaultdict(Rate)
    for partner, channel, kind, orders, touchless in counts:
        for rate in (total, by_partner[partner], by_channel[channel], by_kind[kind]):
            rate.orders += orders
            rate.touchless += touchless
    held, reasons = _exceptions(session, since, now)
    to_release, to_855 = _cycle_times(session, since, now)
    return Stats(
        since=since,
        until=now,
        orders=total.orders,
        touchless=total,
        touchless_by_partner=dict(sorted(by_partner.items())),
        touchless_by_channel=dict(sorted(by_channel.items())),
        touchless_by_kind=dict(sorted(by_kind.items())),
        orders_by_channel={name: rate.orders for name, rate in sorted(by_channel.items())},
        held_on_arrival=held,
        exceptions_by_reason=reasons,
        receipt_to_release=to_release,
        receipt_to_855_sent=to_855,
        outbound=outbound_waiting(session, profiles, now),
    )


def human_duration(seconds: float | None) -> str:
    """``None`` → ``-``; otherwise the two largest units: ``45s``, ``12m 5s``, ``3h 20m``, ``2d 4h``."""
    if seconds is None:
        return "-"
    whole = int(round(seconds))
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s" if minutes else f"{secs}s"


def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"
