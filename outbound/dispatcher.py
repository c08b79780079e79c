"""Drain the outbox: send each queued document through its partner's channel.

The dispatcher knows the outbox only through :class:`OutboxRepository`, which the core implements
on its table. A document is marked sent only after the connector returned; a crash in between sends
it again, which the folder connector makes harmless (same file name, atomic replace). A connector whose
delivery is confirmed later (AS2 with an asynchronous MDN) returns :class:`MdnPending`: the document then
waits for that confirmation (``mark_awaiting_mdn``) instead of counting as sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from connectors.as2.receipt import MdnPending
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
    claim: str = ""  # the token of this claim: only its holder may record the outcome
    correlation_id: str | None = None  # the inbound document it acknowledges, for the logs (set by the core)


class OutboxRepository(Protocol):
    def pending(self, limit: int = 100) -> list[OutboxItem]: ...

    def mark_sent(self, item: OutboxItem, sent_at: datetime) -> None: ...

    def mark_awaiting_mdn(self, item: OutboxItem, receipt: MdnPending) -> None: ...

    def mark_failed(self, item: OutboxItem, error: str, retriable: bool) -> None: ...


def _no_context(item: OutboxItem) -> AbstractContextManager[object]:
    return nullcontext()


class Dispatcher:
    """``context(item)`` is entered around each send: the core uses it to put the item's correlation id on every
    log line of the send (the connector's included)."""

    def __init__(
        self,
        outbox: OutboxRepository,
        connectors: Mapping[str, Connector],
        context: Callable[[OutboxItem], AbstractContextManager[object]] = _no_context,
    ) -> None:
        self.outbox = outbox
        self.connectors = connectors
        self.context = context

    def drain(self, limit: int = 100) -> int:
        """Send what is due, claiming one document at a time so that a claim never outlives its send
        (a batch claimed at once could expire while the last of it waited, and be sent by another
        dispatcher too). Returns how many were sent."""
        sent = 0
        for _ in range(limit):
            claimed = self.outbox.pending(1)
            if not claimed:
                break
            with self.context(claimed[0]):
                sent += self._send(claimed[0])
        return sent

    def _send(self, item: OutboxItem) -> int:
        connector = self.connectors.get(item.channel or "")
        if connector is None:
            self.outbox.mark_failed(
                item, f"partner {item.partner_id} has no outbound channel named {item.channel!r}", False
            )
            return 0
        try:
            receipt = connector.send(Outgoing(item.filename, item.data, item.partner_id, item.doc_type))
        except RetriableError as exc:
            log.warning("sending %s failed, will retry: %s", item.filename, exc)
            self.outbox.mark_failed(item, str(exc), True)
            return 0
        except PermanentError as exc:
            self.outbox.mark_failed(item, str(exc), False)
            return 0
        except Exception as exc:  # an unexpected connector failure must not block the queue behind it
            log.exception("sending %s failed unexpectedly", item.filename)
            self.outbox.mark_failed(item, f"{type(exc).__name__}: {exc}", True)
            return 0
        if isinstance(receipt, MdnPending):
            self.outbox.mark_awaiting_mdn(item, receipt)
            log.info("outbound %s (%s) posted as %s, waiting for its MDN", item.id, item.doc_type, item.filename)
        else:
            self.outbox.mark_sent(item, receipt.sent_at)
            log.info(
                "outbound %s (%s) sent to %s as %s on channel %s",
                item.id,
                item.doc_type,
                item.partner_id,
                item.filename,
                item.channel,
                extra={"outbound_id": item.id, "doc_type": item.doc_type},
            )
        return 1
