"""Run several ``orderhub worker`` processes on a mailbox of generated X12 until every document is done.

Shared by tests/core/test_scale.py and bench/bench_workers.py: the document mix, the workers (started as
processes, as an operator would), the wait for the end, and the checks of the end state.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import func
from sqlmodel import Session, col, select
from x12build import interchange, po_body

from orderhub.store.db import make_engine
from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument

ROOT = Path(__file__).resolve().parent.parent
FINAL = ("parsed", "failed", "duplicate")


@dataclass
class Mix:
    """The generated documents, by file name, and how many of each kind."""

    files: dict[str, bytes]
    kinds: Counter[str]


def x12_mix(count: int, seed: int = 9, *, bad: bool = True) -> Mix:
    """``count`` documents: mostly good 850s (1-3 lines, some interchanges with two), and with ``bad`` some held
    (an item we do not sell), some garbage, the same bytes again under another name, an ISA13 sent twice."""
    rng = random.Random(seed)
    files: dict[str, bytes] = {}
    kinds: Counter[str] = Counter()
    for n in range(1, count + 1):
        r = rng.random() if bad else 0.0
        name = f"doc-{n:06d}.x12"
        if r < 0.80 or n < 10:
            lines = [(str(i), str(rng.randint(1, 40)), "EA", "9.25") for i in range(1, rng.randint(1, 3) + 1)]
            sets = [po_body(f"PO-S{n}", lines=lines)]
            if rng.random() < 0.1:
                sets.append(po_body(f"PO-S{n}B"))
            kind, data = "good", interchange(sets, control=n)
        elif r < 0.86:
            kind, data = "held", interchange([po_body(f"PO-S{n}", part="NOSUCHITEM")], control=n)
        elif r < 0.91:
            kind, name, data = "garbage", f"doc-{n:06d}.txt", f"please send 10 widgets ({n})\n".encode()
        elif r < 0.96:
            kind, data = "same bytes again", files[rng.choice(sorted(files))]
        else:
            earlier = rng.randint(1, n - 1)  # a new document reusing an earlier ISA13: a duplicate interchange
            kind, data = "ISA13 again", interchange([po_body(f"PO-S{n}")], control=earlier)
        files[name] = data
        kinds[kind] += 1
    return Mix(files, kinds)


def configure(data_dir: Path, *, lease_seconds: float = 2.0, interval: float = 0.2) -> None:
    """Poll often, no file age wait, a short lease; folder claims outlive a poll's batch (no worker dies here)."""
    path = data_dir / "orderhub.yaml"
    config = yaml.safe_load(path.read_text())
    config["lease_seconds"] = lease_seconds
    config["dispatch_interval_seconds"] = interval
    config["poll_jitter_seconds"] = 0
    for channel in config["channels"]:
        channel["interval_seconds"] = interval
        if "inbox" in channel["options"]:
            channel["options"].update(min_age_seconds=0, claim_timeout_seconds=120, max_files_per_poll=1000)
    path.write_text(yaml.safe_dump(config))


class Workers:
    """``count`` ``orderhub worker`` processes on one data dir and database; stopped with SIGINT."""

    def __init__(self, data_dir: Path, database_url: str, count: int, log_dir: Path) -> None:
        env = {**os.environ, "ORDERHUB_DATA_DIR": str(data_dir), "ORDERHUB_DATABASE_URL": database_url}
        env.pop("ORDERHUB_FAILPOINT", None)
        env["ORDERHUB_CONFIG"] = str(data_dir / "orderhub.yaml")
        self.logs = [log_dir / f"worker-{i}.log" for i in range(count)]
        self.procs = [
            subprocess.Popen(
                [sys.executable, "-m", "orderhub.cli", "worker"],
                cwd=ROOT,
                env=env,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
            for log in self.logs
        ]

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not all("orderhub polling" in log.read_text(errors="replace") for log in self.logs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.procs):
                raise RuntimeError("workers did not start:\n" + self.tail())
            time.sleep(0.1)

    def tail(self, chars: int = 3000) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-chars:]}" for log in self.logs)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def deliver(files: dict[str, bytes], staging: Path, inbox: Path) -> None:
    """Write the files aside, then move them into the inbox at once (renames): the clock starts after this."""
    staging.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    for name in files:
        os.rename(staging / name, inbox / name)


def _unfiled(inbox: Path) -> int:
    """Sources not yet archived or moved to error/: in the inbox, or claimed by a worker."""
    return sum(1 for p in inbox.iterdir() if p.is_file()) + sum(1 for _ in (inbox / ".claimed").iterdir())


def wait_done(database_url: str, count: int, inbox: Path, timeout: float, workers: Workers | None = None) -> float:
    """Block until ``count`` inbound documents are final, nothing waits in the outbox and every source is filed;
    the time it ended."""
    engine = make_engine(database_url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with Session(engine) as session:
                final = session.exec(
                    select(func.count()).select_from(InboundDocument).where(col(InboundDocument.status).in_(FINAL))
                ).one()
                queued = session.exec(
                    select(func.count()).select_from(OutboundDocument).where(OutboundDocument.status == "queued")
                ).one()
            if final >= count and queued == 0 and not _unfiled(inbox):
                return time.monotonic()
            if time.monotonic() > deadline:
                tail = workers.tail() if workers else ""
                raise TimeoutError(f"{final} of {count} documents final, {queued} queued after {timeout} s\n{tail}")
            time.sleep(0.2)
    finally:
        engine.dispose()


def check_end_state(database_url: str, mix: Mix, outbox: Path) -> dict[str, int]:
    """Every document in exactly one final state, no order or outbound document twice, no control number twice,
    every outbound document sent and written once. Returns counts for the report."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            docs = list(session.exec(select(InboundDocument)))
            orders = list(session.exec(select(OrderRecord)))
            outbound = list(session.exec(select(OutboundDocument)))
    finally:
        engine.dispose()
    names = Counter(d.remote_key for d in docs)
    assert set(names) == set(mix.files) and set(names.values()) == {1}, "one record per source document"
    statuses = Counter(d.status for d in docs)
    assert set(statuses) <= set(FINAL), statuses
    assert [d.id for d in docs if d.claimed_until is not None] == []
    pos = Counter((o.partner_id, o.po_number) for o in orders)
    assert [p for p, c in pos.items() if c > 1] == [], "an order stored twice"
    assert len({o.dedupe_key for o in outbound}) == len(outbound)
    released = {o.order_id for o in orders if o.status == "released"}
    acks855 = Counter(o.order_id for o in outbound if o.doc_type == "855")
    assert set(acks855) == released and set(acks855.values()) == {1}, "exactly one 855 per released order"
    for number in ("interchange_control_number", "group_control_number"):
        used = Counter((o.partner_id, getattr(o, number)) for o in outbound if getattr(o, number))  # TA1: no GS
        assert [u for u, c in used.items() if c > 1] == [], f"{number} used twice"
    sets = Counter((o.partner_id, o.doc_type, n) for o in outbound for n in o.set_control_numbers.split(",") if n)
    assert [s for s, c in sets.items() if c > 1] == [], "a set control number used twice"
    assert {o.status for o in outbound} == {"sent"}, Counter(o.status for o in outbound)
    files = sorted(p.name for p in outbox.iterdir() if not p.name.startswith("."))
    assert files == sorted(o.filename for o in outbound), "one file per outbound document"
    return {
        **{f"documents {k}": v for k, v in sorted(statuses.items())},
        "orders": len(orders),
        "released": len(released),
        "outbound sent": len(outbound),
    }
