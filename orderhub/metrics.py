"""Prometheus metrics, computed from the database at scrape time.

Every number is a gauge read from the tables when ``/metrics`` is scraped (a custom collector), not a counter
kept in one process's memory: several hub processes share one database, so any of them answers for all, and a
restart loses nothing. A scrape costs a handful of grouped ``COUNT`` queries on indexed columns.

Metrics (all prefixed ``orderhub_``):

- ``inbound_documents{status,channel}``: inbound documents by status (received, parsed, failed, duplicate);
- ``orders{status}``: orders by status;
- ``outbound_documents{status,doc_type}``: what we send, by status and document type;
- ``queue_depth{queue}``: work waiting: ``inbound`` (documents received, not yet processed), ``outbox``
  (outbound documents queued), ``review`` (held orders), ``webhooks`` (deliveries pending);
- ``oldest_held_order_age_seconds``, ``oldest_queued_outbound_age_seconds``: 0 when there is none;
- ``outbound_awaiting_ack{doc_type}``, ``outbound_overdue{doc_type}``: sent documents without the partner's 997,
  and those past the partner's ``ack_due_hours`` (:func:`orderhub.stats.outbound_waiting`);
- ``documents_late{doc_type}``: 855/856/810 owed past their due time (:mod:`orderhub.duetimes`). Working that
  out reads every shipped and invoiced line of the partners with due times, so it is recomputed at most every
  ``late_every`` seconds (default 300) per process, not on every scrape;
- ``channel_last_success_timestamp_seconds{channel}`` and ``channel_failing{channel}`` (1 when its last poll
  failed), from each channel's last poll.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session, col, select

from mappers.profile import PartnerProfile
from orderhub.stats import late_documents, outbound_waiting
from orderhub.store.models import (
    ChannelStatus,
    InboundDocument,
    OrderRecord,
    OutboundDocument,
    WebhookDelivery,
)
from schemas.status import DocumentStatus, OrderStatus, OutboundStatus


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _age(oldest: datetime | None, now: datetime) -> float:
    return max(0.0, (now - _aware(oldest)).total_seconds()) if oldest is not None else 0.0


class HubCollector(Collector):
    """Reads the hub's state from ``engine`` on every :meth:`collect`; ``profiles`` by partner id."""

    def __init__(
        self,
        engine: Engine,
        profiles: Mapping[str, PartnerProfile],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        late_every: float = 300.0,
    ) -> None:
        self.engine = engine
        self.profiles = profiles
        self.clock = clock
        self.late_every = late_every
        self._late: tuple[datetime, dict[str, int]] | None = None  # (when computed, counts)
        self._lock = threading.Lock()  # scrapes run in the web app's thread pool

    def _late_documents(self, session: Session, now: datetime) -> dict[str, int]:
        with self._lock:
            if self._late is None or (now - self._late[0]).total_seconds() >= self.late_every:
                self._late = (now, late_documents(session, self.profiles, now))
            return self._late[1]

    def describe(self) -> Iterable[Metric]:
        return []  # registering must not query the database; the families are known only when collected

    def collect(self) -> Iterable[Metric]:
        now = self.clock()
        with Session(self.engine) as session:
            yield from self._statuses(session)
            yield from self._queues(session, now)
            waiting = outbound_waiting(session, self.profiles, now, with_late=False)
            for name, counts, text in (
                ("outbound_awaiting_ack", waiting.awaiting_997, "sent, the partner's functional ack not yet in"),
                ("outbound_overdue", waiting.overdue, "sent, the partner's functional ack overdue"),
                ("documents_late", self._late_documents(session, now), "855/856/810 owed past their due time"),
            ):
                family = GaugeMetricFamily(f"orderhub_{name}", text, labels=["doc_type"])
                for doc_type, count in counts.items():
                    family.add_metric([doc_type], count)
                yield family
            yield from self._channels(session)

    @staticmethod
    def _statuses(session: Session) -> Iterable[Metric]:
        yield _counted(
            session,
            GaugeMetricFamily(
                "orderhub_inbound_documents", "inbound documents by status and channel", labels=["status", "channel"]
            ),
            InboundDocument.status,
            InboundDocument.channel,
        )
        yield _counted(
            session, GaugeMetricFamily("orderhub_orders", "orders by status", labels=["status"]), OrderRecord.status
        )
        yield _counted(
            session,
            GaugeMetricFamily(
                "orderhub_outbound_documents", "outbound documents by status and type", labels=["status", "doc_type"]
            ),
            OutboundDocument.status,
            OutboundDocument.doc_type,
        )

    @staticmethod
    def _count(session: Session, stmt: Executable) -> int:
        return int(session.execute(stmt).scalar_one())

    def _queues(self, session: Session, now: datetime) -> Iterable[Metric]:
        depth = GaugeMetricFamily("orderhub_queue_depth", "work waiting, by queue", labels=["queue"])
        for queue, stmt in (
            ("inbound", select(func.count()).where(InboundDocument.status == DocumentStatus.RECEIVED.value)),
            ("outbox", select(func.count()).where(OutboundDocument.status == OutboundStatus.QUEUED.value)),
            ("review", select(func.count()).where(OrderRecord.status == OrderStatus.HELD.value)),
            ("webhooks", select(func.count()).where(WebhookDelivery.status == "pending")),
        ):
            depth.add_metric([queue], self._count(session, stmt))
        yield depth
        held = session.exec(
            select(func.min(OrderRecord.created_at)).where(OrderRecord.status == OrderStatus.HELD.value)
        ).one()
        yield GaugeMetricFamily(
            "orderhub_oldest_held_order_age_seconds", "age of the oldest held order (0: none)", value=_age(held, now)
        )
        queued = session.exec(
            select(func.min(OutboundDocument.created_at)).where(OutboundDocument.status == OutboundStatus.QUEUED.value)
        ).one()
        yield GaugeMetricFamily(
            "orderhub_oldest_queued_outbound_age_seconds",
            "age of the oldest outbound document still queued (0: none)",
            value=_age(queued, now),
        )

    @staticmethod
    def _channels(session: Session) -> Iterable[Metric]:
        success = GaugeMetricFamily(
            "orderhub_channel_last_success_timestamp_seconds",
            "when each channel was last polled successfully (Unix time)",
            labels=["channel"],
        )
        failing = GaugeMetricFamily(
            "orderhub_channel_failing", "1 when the channel's last poll failed", labels=["channel"]
        )
        for row in session.exec(select(ChannelStatus)):
            if row.last_success_at is not None:
                success.add_metric([row.channel], _aware(row.last_success_at).timestamp())
            failing.add_metric([row.channel], 1.0 if row.last_error else 0.0)
        yield success
        yield failing


def hub_registry(engine: Engine, profiles: Mapping[str, PartnerProfile]) -> CollectorRegistry:
    """A registry of its own for one app (never the process-wide default one, which would mix hubs in tests)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HubCollector(engine, profiles))
    return registry


def _counted(session: Session, family: GaugeMetricFamily, *columns: Any) -> GaugeMetricFamily:
    """``family`` with one sample per combination of ``columns``' values: how many rows have it."""
    stmt = sa_select(*(col(c) for c in columns), func.count()).group_by(*(col(c) for c in columns))
    for *values, count in session.execute(stmt):
        family.add_metric(list(values), int(count))
    return family
