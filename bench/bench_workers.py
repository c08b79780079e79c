"""Documents per second through `orderhub worker` processes: one and two on a local PostgreSQL, and one on SQLite.

Run from the repository root: ``.venv/bin/python bench/bench_workers.py [--documents N] [--profile]``.

- **Input**: the X12 mix of tests/workerrun.py (N documents, default 600, fixed seed): 80 % good 850s of 1-3
  lines (a tenth of the interchanges hold two POs), held orders, garbage, the same bytes again under another
  name, an ISA13 sent twice. The demo partner answers each good PO with a 997 and an 855 (``po_ack: on_release``).
- **Setting**: a fresh data dir and database per row; PostgreSQL is started on 127.0.0.1 the way the tests start
  it (tests/peers/postgres.py: fsync off, as for tests). Workers poll every 0.2 s; no artificial waits.
- **Measurement**: the workers are started and idle before the clock starts; the files are written aside and
  moved into the inbox at once; the clock stops when every document is final, every outbound document sent and
  every source filed (checked every 0.2 s). Start-up is not counted. The figure is N / elapsed.
- **Reference**: one worker on PostgreSQL, measured in the same run. Printed: two workers / one worker (target
  1.6x) and SQLite / PostgreSQL for one worker. The end state is checked as in tests/core/test_scale.py.
- **Where the CPU went**: CPU seconds (Linux /proc) of the worker processes and of the PostgreSQL backends serving
  the run's database, per document, and how busy the whole machine was (what others spent shows up there).
- ``--profile``: one more single-worker PostgreSQL run in this process under cProfile (``Hub.run_once``), top
  functions by own time, to show where the CPU goes.
- On a small shared machine (2 CPUs here, shared) figures vary by 2x between runs: compare rows of one run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import Workspace  # noqa: E402
from peers.postgres import PostgresServer  # noqa: E402
from workerrun import Workers, check_end_state, configure, deliver, wait_done, x12_mix  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _backends(database: str) -> list[int]:
    """PostgreSQL backend processes serving ``database`` (their title names it)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if title.startswith("postgres: ") and f" {database} " in title:
                pids.append(int(entry.name))
    return pids


def _machine() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all CPUs."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


CPU: list[str] = []  # one line per run: where the CPU went


def one_run(database_url: str, workers: int, documents: int) -> float:
    """Documents per second with ``workers`` worker processes on a fresh data dir; notes where the CPU went."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    try:
        workspace = Workspace(scratch / "data", database_url)
        configure(workspace.root)
        workspace.hub()
        mix = x12_mix(documents)
        running = Workers(workspace.root, database_url, workers, scratch)
        try:
            running.wait_ready()
            workspace.inbox.mkdir(parents=True, exist_ok=True)
            database = database_url.rsplit("/", 1)[1]
            pids = [p.pid for p in running.procs]
            before = sum(map(_cpu_seconds, pids)), _machine()
            backends_before = {pid: _cpu_seconds(pid) for pid in _backends(database)}
            start = time.monotonic()
            deliver(mix.files, scratch / "staging", workspace.inbox)
            end = wait_done(database_url, documents, workspace.inbox, timeout=3600, workers=running)
            worker_cpu = sum(map(_cpu_seconds, pids)) - before[0]
            server_cpu = sum(_cpu_seconds(pid) - backends_before.get(pid, 0.0) for pid in _backends(database))
            busy, total = (now - then for now, then in zip(_machine(), before[1], strict=True))
            wall = end - start
            CPU.append(
                f"{workers} worker(s), {'SQLite' if database_url.startswith('sqlite') else 'PostgreSQL'}: "
                f"{wall:.1f} s; CPU s per document: workers {worker_cpu / documents * 1000:.1f} ms, PostgreSQL "
                f"backends {server_cpu / documents * 1000:.1f} ms; the machine was {busy / total:.0%} busy "
                f"({busy - worker_cpu - server_cpu:.1f} CPU s of {busy:.1f} spent by others)"
            )
        finally:
            running.stop()
        check_end_state(database_url, mix, workspace.outbox)
        return documents / (end - start)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def profile(database_url: str, documents: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-workers-prof-"))
    try:
        workspace = Workspace(scratch / "data", database_url)
        configure(workspace.root)
        hub = workspace.hub()
        for name, data in x12_mix(documents).files.items():
            workspace.drop(name, data)
        profiler = cProfile.Profile()
        profiler.enable()
        hub.run_once()
        profiler.disable()
        print(f"\nprofile: one worker, {documents} documents, Hub.run_once in-process (own time, top 25)")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    server = PostgresServer().start()
    sqlite_dir = Path(tempfile.mkdtemp(prefix="bench-workers-sqlite-"))
    try:
        rows: list[tuple[str, float]] = []
        for label, workers, url in (
            ("PostgreSQL, 1 worker", 1, server.new_database()),
            ("PostgreSQL, 2 workers", 2, server.new_database()),
            ("SQLite, 1 worker", 1, None),
        ):
            if url is None:
                url = f"sqlite:///{sqlite_dir / 'orderhub.db'}"
            rate = one_run(url, workers, args.documents)
            rows.append((label, rate))
            print(f"{label:<24} {rate:8.1f} documents/s", flush=True)
        one, two, sqlite = (rate for _, rate in rows)
        print(f"\n{args.documents} documents of the X12 mix, each row a fresh database")
        print(f"two workers / one worker (PostgreSQL): {two / one:.2f}x  (target 1.6x)")
        print(f"SQLite / PostgreSQL (one worker):      {sqlite / one:.2f}x")
        print(f"where the CPU went ({os.cpu_count()} CPUs):")
        for line in CPU:
            print(f"  {line}")
        if args.profile:
            profile(server.new_database(), min(args.documents, 300))
    finally:
        server.stop()
        shutil.rmtree(sqlite_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
