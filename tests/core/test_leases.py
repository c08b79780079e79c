"""Channel leases: one hub process polls a channel at a time; a dead holder's lease expires."""

from __future__ import annotations

import time
from datetime import timedelta

from orderhub.store.db import make_engine, migrate
from orderhub.store.leases import DbLeases


def test_one_holder_at_a_time_and_expiry(database_url: str):
    engine = make_engine(database_url)
    migrate(engine)
    a, b = DbLeases(engine, "worker-a"), DbLeases(engine, "worker-b")
    assert a.acquire("poll:x", timedelta(seconds=30))
    assert not b.acquire("poll:x", timedelta(seconds=30))
    assert a.acquire("poll:x", timedelta(seconds=30))  # renewing one's own lease
    assert b.acquire("poll:y", timedelta(seconds=30))  # other channels are independent
    a.release("poll:x")
    assert b.acquire("poll:x", timedelta(seconds=1))
    # b dies without releasing: after its lease time, a may poll again
    assert not a.acquire("poll:x", timedelta(seconds=30))
    time.sleep(1.1)
    assert a.acquire("poll:x", timedelta(seconds=30))


def test_the_scheduler_skips_a_run_when_another_process_holds_the_lease(database_url: str):
    import threading

    from scheduler import JobScheduler

    engine = make_engine(database_url)
    migrate(engine)
    other = DbLeases(engine, "other-process")
    assert other.acquire("poll:busy", timedelta(seconds=60))
    runs: list[str] = []
    scheduler = JobScheduler()
    scheduler.every("poll:busy", 0.1, lambda: runs.append("busy"), leases=DbLeases(engine, "me"))
    scheduler.every("poll:free", 0.1, lambda: runs.append("free"), leases=DbLeases(engine, "me"))
    thread = threading.Thread(target=scheduler.run_now_and_start, daemon=True)
    thread.start()
    time.sleep(0.6)
    scheduler.shutdown()
    assert "free" in runs and "busy" not in runs


def test_a_long_poll_renews_its_lease_and_stops_when_another_process_took_it(sqlite_workspace):
    from x12build import interchange, po_body

    hub = sqlite_workspace.hub()
    for n in range(1, 4):
        sqlite_workspace.drop(f"{n}.x12", interchange([po_body(f"PO-L{n}")], control=n))
    assert hub.leases.acquire("poll:demo-in", timedelta(seconds=30))
    assert len(hub.poll_channel("demo-in", timedelta(seconds=30))) == 3  # renewed after each document
    for n in range(4, 7):
        sqlite_workspace.drop(f"{n}.x12", interchange([po_body(f"PO-L{n}")], control=n))
    hub.leases.release("poll:demo-in")
    assert DbLeases(hub.engine, "other-process").acquire("poll:demo-in", timedelta(seconds=60))
    assert len(hub.poll_channel("demo-in", timedelta(seconds=30))) == 1  # handles one, then sees the loss
