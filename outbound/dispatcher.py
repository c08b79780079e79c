"""Drain the outbox: send each queued document through its partner's channel.

The dispatcher knows the outbox only through :class:`OutboxRepository`, which the core implements
on its table. A document is marked sent only after the connector returned; a crash in between sends
it again, which the folder connector makes harmless (same file name, atomic replace).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from connectors.base import Connector, Outgoing, PermanentError, RetriableError

log = logging.getLogger(__name__)


@dataclass
class OutboxItem:
    id: int
    channel: str | None
    filename: str
    data: bytes
    partner_id: str
    doc_type: str


class OutboxRepository(Protocol):
    def pending(self, limit: int = 100) -> list[OutboxItem]: ...

    def mark_sent(self, item_id: int, sent_at: datetime) -> None: ...

    def mark_failed(self, item_id: int, error: str, retriable: bool) -> None: ...


class Dispatcher:
    def __init__(self, outbox: OutboxRepository, connectors: Mapping[str, Connector]) -> None:
        self.outbox = outbox
        self.connectors = connectors

    def drain(self, limit: int = 100) -> int:
        """Send what is queued; returns how many were sent."""
        sent = 0
        for item in self.outbox.pending(limit):
            connector = self.connectors.get(item.channel or "")
            if connector is None:
                self.outbox.mark_failed(
                    item.id, f"partner {item.partner_id} has no outbound channel named {item.channel!r}", False
                )
                continue
            try:
                receipt = connector.send(Outgoing(item.filename, item.data, item.partner_id, item.doc_type))
            except RetriableError as exc:
                log.warning("sending %s failed, will retry: %s", item.filename, exc)
                self.outbox.mark_failed(item.id, str(exc), True)
                continue
            except PermanentError as exc:
                self.outbox.mark_failed(item.id, str(exc), False)
                continue
            except Exception as exc:  # an unexpected connector failure must not block the queue behind it
                log.exception("sending %s failed unexpectedly", item.filename)
                self.outbox.mark_failed(item.id, f"{type(exc).__name__}: {exc}", True)
                continue
            self.outbox.mark_sent(item.id, receipt.sent_at)
            sent += 1
        return sent
