"""The outbox dispatcher: claims, retries with backoff, dead letters, never blocked by one document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from connectors.base import Outgoing, PermanentError, Receipt, RetriableError
from orderhub.outbox import DbOutbox
from orderhub.store.models import OutboundDocument
from outbound.dispatcher import Dispatcher


class Flaky:
    name = "flaky"

    def __init__(self, failures: list[Exception | None]) -> None:
        self.failures = failures
        self.sent: list[str] = []

    def send(self, doc: Outgoing) -> Receipt:
        failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            raise failure
        self.sent.append(doc.filename)
        return Receipt(doc.filename, datetime.now(UTC))


def queued_hub(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("a.x12", interchange([po_body("PO-X")]))
    for connector in hub.connectors.values():
        for incoming in connector.poll():
            outcome = hub.pipeline.handle(incoming)
            connector.ack(incoming, outcome.connector_outcome)
    return hub


def rows(hub) -> list[OutboundDocument]:
    with Session(hub.engine) as session:
        return list(session.exec(select(OutboundDocument).order_by(OutboundDocument.id)))


def test_retriable_failures_back_off_then_succeed(workspace: Workspace):
    hub = queued_hub(workspace)
    outbox = DbOutbox(hub.engine, backoff=timedelta(seconds=60))
    flaky = Flaky([RetriableError("server busy")])
    dispatcher = Dispatcher(outbox, {"demo-out": flaky})
    assert dispatcher.drain() == 1  # the 997 failed and waits; the 855 behind it went out
    first, second = rows(hub)
    assert first.status == "queued" and first.attempts == 1 and first.last_error == "server busy"
    assert first.next_attempt_at is not None and first.next_attempt_at > datetime.now(UTC) + timedelta(seconds=50)
    assert second.status == "sent"
    assert dispatcher.drain() == 0  # not yet due
    with Session(hub.engine) as session:
        row = session.get(OutboundDocument, first.id)
        row.next_attempt_at = datetime.now(UTC) - timedelta(seconds=1)
        session.add(row)
        session.commit()
    assert dispatcher.drain() == 1 and rows(hub)[0].status == "sent"


def test_permanent_failures_and_exhausted_retries_are_dead_letters(workspace: Workspace):
    hub = queued_hub(workspace)
    outbox = DbOutbox(hub.engine, max_attempts=1)
    dispatcher = Dispatcher(outbox, {"demo-out": Flaky([PermanentError("refused"), RetriableError("down")])})
    dispatcher.drain()
    assert [(r.status, r.last_error) for r in rows(hub)] == [("dead", "refused"), ("dead", "down")]


def test_an_unexpected_connector_error_does_not_block_the_queue(workspace: Workspace):
    hub = queued_hub(workspace)
    dispatcher = Dispatcher(DbOutbox(hub.engine), {"demo-out": Flaky([KeyError("bug")])})
    assert dispatcher.drain() == 1
    first, second = rows(hub)
    assert first.status == "queued" and "KeyError" in first.last_error and second.status == "sent"


def test_a_claimed_document_is_not_handed_to_a_second_dispatcher(workspace: Workspace):
    hub = queued_hub(workspace)
    first = DbOutbox(hub.engine).pending()
    second = DbOutbox(hub.engine).pending()
    assert len(first) == 2 and second == []


def test_a_lapsed_claim_cannot_record_an_outcome_and_the_document_goes_once(workspace: Workspace):
    hub = queued_hub(workspace)
    slow = DbOutbox(hub.engine, lease=timedelta(seconds=0))
    (stale,) = slow.pending(1)  # this dispatcher stalls; its claim lapses at once
    other = Flaky([])
    assert Dispatcher(DbOutbox(hub.engine), {"demo-out": other}).drain() == 2  # the other takes both
    slow.mark_failed(stale, "late", True)  # the stalled one reports afterwards: ignored
    slow.mark_sent(stale, datetime.now(UTC))
    assert [(r.status, r.attempts, r.last_error) for r in rows(hub)] == [("sent", 2, None), ("sent", 1, None)]
    assert sorted(other.sent) == sorted(r.filename for r in rows(hub))


def test_a_document_claimed_too_often_without_an_outcome_is_dead(workspace: Workspace):
    hub = queued_hub(workspace)
    outbox = DbOutbox(hub.engine, max_attempts=2, lease=timedelta(seconds=0))
    for _ in range(2):
        outbox.pending(5)  # claimed, then the dispatcher dies each time
    assert outbox.pending(5) == []
    assert {r.status for r in rows(hub)} == {"dead"}
