"""The orders feed's cursor under concurrent writers, on PostgreSQL: a reader following ``after`` sees every
committed event exactly once, in seq order, even when a transaction that began first commits last.

Why this can fail, and would with the obvious design: numbering events by an autoincrement id hands out the
number when the row is inserted, not when it commits. A transaction A that inserts id 1 and commits after B
(id 2) lets a reader see id 2 first, move its cursor to 2, and then never ask for id 1 again. Each test keeps
such a feed alongside the real one (``naive_event``: a serial id taken in the same transactions, at the same
point) and shows it skipping while ``/api/v1/events`` does not.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from conftest import Workspace
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from orderhub.store.models import InboundDocument, OrderEvent, OrderRecord
from orderhub.store.repo import record_new, set_status
from orderhub.tokens import Role
from schemas.order import Order, Source, SourceKind
from schemas.status import OrderStatus

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_api(tmp_path, postgres) -> Iterator[object]:
    from apitools import serve

    with serve(Workspace(tmp_path / "data", postgres.new_database())) as running:
        with Session(running.hub.engine) as session:
            session.execute(text("CREATE TABLE naive_event (id serial PRIMARY KEY, order_id text NOT NULL)"))
            session.commit()
        yield running


def _document(engine: Engine) -> int:
    with Session(engine) as session:
        doc = InboundDocument(sha256="0" * 64, channel="test", remote_key="feed", size=0, status="parsed")
        session.add(doc)
        session.commit()
        assert doc.id is not None
        return doc.id


def _naive(session: Session, order_id: str) -> None:
    """What an autoincrement-numbered feed would do: take the number at insert time."""
    session.execute(text("INSERT INTO naive_event (order_id) VALUES (:o)"), {"o": order_id})


def create_order(engine: Engine, document_id: int, order_id: str, hold: Callable[[], object] = lambda: None) -> None:
    """A writer: one new released order in one transaction, held open by ``hold`` before it commits."""
    with Session(engine) as session:
        _naive(session, order_id)
        order = Order(order_id=order_id, source=Source(kind=SourceKind.X12), po_number=f"PO-{order_id}")
        row = OrderRecord(
            order_id=order_id,
            document_id=document_id,
            partner_id="demo-retail",
            po_number=order.po_number,
            purpose="original",
            status=OrderStatus.RELEASED.value,
            fingerprint=order_id,
            payload=order.model_dump_json(),
        )
        record_new(session, row)
        session.flush()
        hold()
        session.commit()


def book(engine: Engine, order_id: str, hold: Callable[[], object] = lambda: None) -> None:
    """A writer: released → booked in one transaction (a feed event from set_status), held open by ``hold``."""
    with Session(engine) as session:
        _naive(session, order_id)
        row = session.get(OrderRecord, order_id, with_for_update=True)
        assert row is not None
        set_status(session, row, OrderStatus.BOOKED, actor="erp:test")
        session.flush()
        hold()
        session.commit()


class Follower:
    """An ERP following the feed with ``after`` (over HTTP), and the naive feed by id beside it."""

    def __init__(self, client: httpx.Client, engine: Engine, limit: int = 100) -> None:
        self.client, self.engine, self.limit = client, engine, limit
        self.after = 0
        self.events: list[dict] = []
        self.naive_after = 0
        self.naive_seen: list[str] = []
        self.pages = 0

    def poll(self) -> None:
        while True:
            self.pages += 1
            page = self.client.get("/api/v1/events", params={"after": self.after, "limit": self.limit}).json()
            self.events += page["events"]
            self.after = page["next_after"]
            if len(page["events"]) < self.limit:
                break
        with Session(self.engine) as session:
            rows = session.execute(
                text("SELECT id, order_id FROM naive_event WHERE id > :a ORDER BY id"), {"a": self.naive_after}
            ).all()
        for naive_id, order_id in rows:
            self.naive_seen.append(order_id)
            self.naive_after = naive_id


def _committed(engine: Engine) -> list[tuple[int, str, str]]:
    with Session(engine) as session:
        return [(e.seq, e.order_id, e.kind) for e in session.exec(select(OrderEvent).order_by(col(OrderEvent.seq)))]


def test_a_transaction_that_began_first_and_commits_last_is_seen_not_skipped(pg_api):
    engine = pg_api.hub.engine
    document_id = _document(engine)
    follower = Follower(pg_api.client(Role.ERP), engine)
    a_flushed, a_may_commit = threading.Event(), threading.Event()

    def hold_a() -> None:
        a_flushed.set()
        assert a_may_commit.wait(30)

    a = threading.Thread(target=create_order, args=(engine, document_id, "A", hold_a))
    a.start()
    assert a_flushed.wait(30)  # A began, inserted, and waits uncommitted
    create_order(engine, document_id, "B")  # B began after A and commits first
    follower.poll()
    assert [e["order_id"] for e in follower.events] == ["B"] and follower.naive_seen == ["B"]
    a_may_commit.set()
    a.join(30)
    follower.poll()
    assert [e["order_id"] for e in follower.events] == ["B", "A"]  # A is numbered after B: it committed after
    assert [e["seq"] for e in follower.events] == [seq for seq, _o, _k in _committed(engine)]
    # the autoincrement feed gave A the lower number: the reader's cursor had passed it, A is lost to it
    assert follower.naive_seen == ["B"]
    with Session(engine) as session:
        assert session.execute(text("SELECT count(*) FROM naive_event")).scalar_one() == 2


def test_many_writers_committing_out_of_order_while_the_erp_reads(pg_api):
    """4 writers × 20 orders, each booked in a second transaction, every transaction held open up to 60 ms
    after its insert; the reader follows with small pages throughout. Exactly once, in order, nothing skipped,
    where the naive feed beside it (same transactions) loses events."""
    engine = pg_api.hub.engine
    document_id = _document(engine)
    follower = Follower(pg_api.client(Role.ERP), engine, limit=7)
    writers_done = threading.Event()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            for i in range(20):
                order_id = f"W{n}-{i:02d}"
                create_order(engine, document_id, order_id, lambda: time.sleep(rng.uniform(0, 0.06)))
                book(engine, order_id, lambda: time.sleep(rng.uniform(0, 0.06)))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    watcher = threading.Thread(target=lambda: ([t.join(120) for t in threads], writers_done.set()))
    watcher.start()
    polls = 0
    while not writers_done.is_set():
        follower.poll()
        polls += 1
    follower.poll()  # after the last commit
    watcher.join()
    assert not errors, errors

    committed = _committed(engine)
    assert len(committed) == 4 * 20 * 2
    seen = [(e["seq"], e["order_id"], e["kind"]) for e in follower.events]
    assert seen == committed  # every event, once, in seq order
    for order_id in {o for _s, o, _k in committed}:
        assert [k for _s, o, k in seen if o == order_id] == ["released", "booked"]
    assert polls > 5  # the reader really read while the writers wrote
    skipped = len(committed) - len(follower.naive_seen)
    print(f"\n{polls} polls; an autoincrement-numbered feed would have skipped {skipped} of {len(committed)} events")
    assert skipped > 0  # the writers did commit out of order under the reader (typically 10-25 of 160 here)
