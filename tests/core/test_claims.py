"""Claims on inbound documents: a document left `received` is processed by exactly one worker; a dead worker's
claim expires after the lease and another worker takes the document over."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from conftest import Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from connectors.base import Incoming
from orderhub.pipeline import Pipeline
from orderhub.store import claims
from orderhub.store.models import InboundDocument, OrderRecord, utcnow


def _worker(hub, name: str, lease: float = 30.0) -> Pipeline:  # noqa: ANN001 - orderhub.hub.Hub
    lease_time = timedelta(seconds=lease)
    return Pipeline(hub.engine, hub.raw, hub.profiles, hub.pipeline.parsers, holder=name, lease=lease_time)


def _receive(hub, count: int) -> list[int]:  # noqa: ANN001
    ids = []
    for n in range(1, count + 1):
        data = interchange([po_body(f"PO-CL{n}")], control=n)
        document_id, _ = hub.pipeline.receive(Incoming("demo-in", f"cl-{n}.x12", data, datetime.now(UTC)))
        ids.append(document_id)
    return ids


def test_a_dead_workers_claim_expires_and_one_other_worker_takes_the_document(workspace: Workspace):
    hub = workspace.hub()
    (document_id,) = _receive(hub, 1)
    with Session(hub.engine) as session:  # worker A claims it, then dies before processing it
        doc = claims.lock(session, document_id, skip_locked=True)
        assert doc is not None
        claims.take(doc, "worker-a", utcnow(), timedelta(seconds=1))
        session.commit()
    b, c = _worker(hub, "worker-b"), _worker(hub, "worker-c")
    assert b.process_waiting() == [] and b.try_process(document_id) is None  # A's claim is live
    time.sleep(1.1)
    outcomes = b.process_waiting() + c.process_waiting()
    assert [o.status.value for o in outcomes] == ["parsed"]
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, document_id)
        assert doc is not None and doc.attempts == 2 and doc.claimed_until is None and doc.claimed_by is None


def test_workers_racing_on_waiting_documents_process_each_exactly_once(workspace: Workspace):
    hub = workspace.hub()
    ids = _receive(hub, 24)
    done: dict[str, list[int]] = {}

    def run(name: str) -> None:
        done[name] = [o.document_id for o in _worker(hub, name).process_waiting()]

    threads = [threading.Thread(target=run, args=(f"worker-{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    processed = [d for ds in done.values() for d in ds]
    assert sorted(processed) == sorted(ids), done
    with Session(hub.engine) as session:
        docs = list(session.exec(select(InboundDocument)))
        assert {d.status for d in docs} == {"parsed"} and {d.attempts for d in docs} == {1}
        assert len(list(session.exec(select(OrderRecord)))) == 24


def test_a_worker_without_the_raw_bytes_leaves_the_document_to_one_that_has_them(workspace: Workspace):
    import pytest

    from orderhub.pipeline import RawStoreNotShared

    hub = workspace.hub()
    (document_id,) = _receive(hub, 1)
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, document_id)
        assert doc is not None
        path = hub.raw.path(doc.sha256)
    kept = path.read_bytes()
    path.unlink()  # as on another host with its own raw folder
    with pytest.raises(RawStoreNotShared, match="not in this worker's raw store"):
        _worker(hub, "elsewhere", lease=0.5).process(document_id)
    path.write_bytes(kept)
    time.sleep(0.6)
    assert [o.status.value for o in _worker(hub, "here").process_waiting()] == ["parsed"]
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, document_id)
        assert doc is not None and doc.attempts == 1  # the failed try did not count


def test_two_copies_of_one_interchange_processed_at_once_are_acknowledged_once(workspace: Workspace):
    """Two files holding the same interchange (same ISA13, bytes differing by a newline) processed by two workers
    at the same moment: one is the interchange, the other its duplicate. Without a lock around the check and
    the record, both passed the check and both got a 997 (seen on PostgreSQL)."""
    from orderhub.recording import InterchangeRecorder
    from orderhub.store.models import OutboundDocument

    hub = workspace.hub()
    data = interchange([po_body("PO-TWICE")], control=77)
    ids = [
        hub.pipeline.receive(Incoming("demo-in", f"twice-{n}.x12", copy, datetime.now(UTC)))[0]
        for n, copy in enumerate((data, data + b"\n"))
    ]
    check = InterchangeRecorder._duplicate_interchange
    both_checked = threading.Barrier(2, timeout=2)  # without the lock both get here together

    def checked_then_wait(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        verdict = check(self, *args, **kwargs)
        try:
            both_checked.wait()
        except threading.BrokenBarrierError:
            pass  # the other worker waits on the lock: this one goes on alone
        return verdict

    InterchangeRecorder._duplicate_interchange = checked_then_wait  # type: ignore[method-assign]
    try:
        workers = [_worker(hub, f"w{n}") for n in range(2)]
        threads = [threading.Thread(target=w.try_process, args=(i,)) for w, i in zip(workers, ids, strict=True)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        InterchangeRecorder._duplicate_interchange = check  # type: ignore[method-assign]
    with Session(hub.engine) as session:
        outcomes = sorted((d.status, d.error_code or "") for d in session.exec(select(InboundDocument)))
        acks = [o for o in session.exec(select(OutboundDocument)) if o.doc_type == "997"]
        orders = list(session.exec(select(OrderRecord).where(OrderRecord.po_number == "PO-TWICE")))
    assert outcomes == [("failed", "DUPLICATE_INTERCHANGE"), ("parsed", "")], outcomes
    assert len(acks) == 1 and len(orders) == 1
