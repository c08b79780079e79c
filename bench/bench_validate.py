"""Benchmark guide validation (``orderhub validate`` against pyx12's ``x12n_document``), parse throughput and the
peak memory of ``orderhub ingest`` on a large file.

Run from the repository root: ``.venv/bin/python bench/bench_validate.py [--orders N] [--big-mb M]``. It reuses
bench_parse.py's generator and process timer, writes its files to bench/out/ (git-ignored) and prints:

1. validation only, as whole processes on the same file of N distinct 850s with the same maps
   (schemas/x12maps/xml): wall seconds, peak RSS and pyx12 time / orderhub time;
2. ``orderhub parse`` (parse, validate, map) wall time, as orders per second;
3. the peak RSS and wall time of ``orderhub ingest`` of a ~M MB file of many 850s (5-50 lines each) into a fresh
   SQLite data directory.

Not a test: nothing is asserted about speed or memory; it exits non-zero only when a command fails or prints
the wrong result.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import BIN, ISA, OUT, ROOT, TIME, Run, best, generate, po_body, run  # noqa: E402

# pyx12 validating the file against the same maps; prints "<valid> <AK2 count> <AK5*A count>" from its 997.
PYX12_VALIDATE = """import io, sys
import pyx12.params, pyx12.x12n_document
from schemas.x12maps import MAP_DIR
ack = io.StringIO()
valid = pyx12.x12n_document.x12n_document(pyx12.params.params(), sys.argv[1], fd_997=ack, fd_html=None,
                                          map_path=str(MAP_DIR))
text = ack.getvalue()
print(bool(valid), text.count("AK2*"), text.count("AK5*A~"))
"""
PYX12_SLOW_SECONDS = 10.0  # a first pyx12 run slower than this is not repeated
GROUP_SIZE = 1000  # sets per functional group in the ingest file
PROFILE = """partner_id: bench
name: Bench Sender
x12:
  isa_qualifier: "ZZ"
  isa_id: BENCHSENDER
  our_isa_qualifier: "ZZ"
  our_isa_id: ORDERHUB
  version: "004010"
default_customer_id: C-BENCH
acknowledgements:
  functional: true
  po_ack: none
"""
CUSTOMERS = "customer_id,name,partner_id,currency\nC-BENCH,Bench Sender,bench,USD\n"


def generate_big(path: Path, megabytes: float, seed: int = 856) -> int:
    """Stream distinct 850s, 5-50 PO1/PID lines each, to about ``megabytes`` MB (10**6 bytes); return the number
    of sets. Each group of GROUP_SIZE sets is its own interchange, as in a VAN's batch file: one interchange of
    100 MB would exceed ``limits.max_segments`` (2,000,000 segments in one interchange) and be failed whole."""
    rng = random.Random(seed)
    target = int(megabytes * 1e6)
    written = sets = 0
    group = 0
    in_group = 0
    with path.open("w", encoding="ascii", newline="") as out:

        def put(*segments: str) -> None:
            nonlocal written
            text = "".join(s + "~\n" for s in segments)
            out.write(text)
            written += len(text)

        while written < target or sets == 0:
            if in_group == 0:
                group += 1
                put(ISA[:-1].replace("*000000001*", f"*{group:09d}*"))
                put(f"GS*PO*BENCHSENDER*ORDERHUB*20261120*0930*{group}*X*004010")
            sets += 1
            in_group += 1
            ctl = f"{sets:04d}"
            body = po_body(rng, f"BIG{sets:08d}", rng.randint(5, 50))
            put(f"ST*850*{ctl}", *body, f"SE*{len(body) + 2}*{ctl}")
            if in_group == GROUP_SIZE or written >= target:
                put(f"GE*{in_group}*{group}", f"IEA*1*{group:09d}")
                in_group = 0
    return sets


def run_limited(cmd: list[str], env: dict[str, str], limit: float, stdout_path: str) -> Run | None:
    """Like bench_parse.run, but kill the process group after ``limit`` seconds and return None."""
    with tempfile.NamedTemporaryFile("r") as rss, open(stdout_path, "wb") as out:
        wrapper = [TIME, "-f", "%M", "-o", rss.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(wrapper + cmd, stdout=out, env=env, cwd=ROOT, start_new_session=True)
        try:
            proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        seconds = time.perf_counter() - start
        maxrss = int(rss.read().split()[-1]) if TIME else 0
    return Run(seconds, proc.returncode, maxrss)


def fresh_data_dir(root: Path) -> dict[str, str]:
    """An empty ORDERHUB_DATA_DIR (SQLite) that knows the generator's sender, BENCHSENDER."""
    data = Path(tempfile.mkdtemp(prefix="data-", dir=root))
    (data / "partners").mkdir()
    (data / "partners" / "bench.yaml").write_text(PROFILE, encoding="utf-8")
    (data / "masterdata").mkdir()
    (data / "masterdata" / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERHUB_")}
    return {**env, "ORDERHUB_DATA_DIR": str(data)}


def ingest(path: Path, root: Path, limit: float, sets: int) -> tuple[Run, str]:
    """One ``orderhub ingest`` into a fresh data directory; exit with FAIL unless it finished within ``limit``
    seconds, exited 0, did not fail the document and recorded all ``sets``. Returns the run and its output."""
    env = fresh_data_dir(root)
    out = root / "ingest.out"
    r = run_limited([str(BIN / "orderhub"), "ingest", str(path)], env, limit, str(out))
    text = out.read_text(errors="replace").strip()
    if r is None:
        raise SystemExit(
            f"FAIL: orderhub ingest of {path.name} ({path.stat().st_size / 1e6:.1f} MB, {sets} sets) "
            f"was stopped after {limit:.0f} s"
        )
    recorded = 0
    db = Path(env["ORDERHUB_DATA_DIR"]) / "orderhub.db"
    if db.exists():
        with sqlite3.connect(db) as conn:
            recorded = conn.execute("SELECT count(*) FROM transaction_set").fetchone()[0]
    if r.status != 0 or not text.endswith("parsed") or recorded != sets:
        raise SystemExit(
            f"FAIL: orderhub ingest of {path.name} ({sets} sets) exited {r.status}, printed "
            f"{text[-300:]!r} and recorded {recorded} set(s); expected 0, '... parsed' and {sets}"
        )
    return r, text


def available_kib() -> int:
    """MemAvailable from /proc/meminfo (KiB); 4 GiB where it cannot be read."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 4 * 1024**2


class Tee(io.TextIOBase):
    """Everything printed goes to the terminal and to the report file as well."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
            stream.flush()
        return len(text)


def mb(kib: int) -> str:
    return f"{kib / 1024:.1f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=10000, help="850 sets in the validation file (default 10000)")
    ap.add_argument("--big-mb", type=float, default=100, help="size of the ingest file in MB (default 100)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per orderhub command; best is reported (default 3)")
    ap.add_argument(
        "--ingest-budget",
        type=float,
        default=300,
        help="seconds an ingest may take: if the --big-mb file would take over twice this (judged "
        "from a small calibration file), a file sized to fit it is used instead (default 300)",
    )
    ap.add_argument("--skip-ingest", action="store_true", help="sections 1 and 2 only")
    args = ap.parse_args()
    if args.orders < 1 or args.repeat < 1 or args.big_mb <= 0 or args.ingest_budget <= 0:
        ap.error("--orders, --repeat, --big-mb and --ingest-budget must be positive")
    python, orderhub = str(BIN / "python"), str(BIN / "orderhub")
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / "bench_validate.txt"
    with report.open("w", encoding="utf-8") as copy:
        terminal, sys.stdout = sys.stdout, Tee(sys.stdout, copy)  # type: ignore[assignment]
        try:
            return measure(args, python, orderhub)
        finally:
            sys.stdout = terminal
            print(f"(this report is also in {report.relative_to(ROOT)})")


def measure(args: argparse.Namespace, python: str, orderhub: str) -> int:
    data = OUT / f"bench_850_{args.orders}.x12"
    segments = generate(data, args.orders)
    size = data.stat().st_size
    print(
        f"file: {data.relative_to(ROOT)}  {size / 1e6:.2f} MB, {args.orders} orders (850, ISA12 00401, GS08 "
        f"004010), {segments} segments; python {sys.version.split()[0]}, {os.cpu_count()} CPUs; peak RSS "
        + ("by GNU time" if TIME else "by wait4 (an upper bound: includes this script's size)")
    )

    with tempfile.TemporaryDirectory(prefix="orderhub-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = fresh_data_dir(tmp)
        check = tmp / "stdout"

        # 1. validation only: checked runs first (they also warm the page cache)
        hub_cmd = [orderhub, "validate", str(data)]
        first = run(hub_cmd, str(check), env)
        said = check.read_text().strip()
        expected = f"{args.orders} set(s), {args.orders} accepted, 0 rejected"
        if first.status != 0 or expected not in said:
            raise SystemExit(
                f"FAIL: orderhub validate exited {first.status} and printed {said[-300:]!r}, "
                f"expected 0 and '...{expected}'"
            )
        ref_cmd = [python, "-c", PYX12_VALIDATE, str(data)]
        ref = run(ref_cmd, str(check), env)
        got = check.read_text().split()
        if ref.status != 0 or got != ["True", str(args.orders), str(args.orders)]:
            raise SystemExit(
                f"FAIL: pyx12 x12n_document exited {ref.status} and printed {got} (valid, AK2s, "
                f"AK5*As), expected 0 and ['True', '{args.orders}', '{args.orders}']"
            )
        ref_runs = 1
        if ref.seconds < PYX12_SLOW_SECONDS and args.repeat > 1:
            ref = min([ref, best(ref_cmd, args.repeat - 1, env)], key=lambda r: r.seconds)
            ref_runs = args.repeat
        baseline = best([python, "-c", "pass"], args.repeat, env)
        hub = best(hub_cmd, args.repeat, env)

        print("\n1. validation only, same file, same maps (schemas/x12maps/xml), whole processes")
        print(f"{'command':<38} {'runs':>4} {'seconds':>8} {'net s':>8} {'orders/s':>9} {'peak RSS':>9}")
        for label, r, n in (
            ("python -c pass (start-up)", baseline, args.repeat),
            ("orderhub validate", hub, args.repeat),
            ("pyx12 x12n_document (997 only)", ref, ref_runs),
        ):
            rate = f"{args.orders / r.seconds:>9,.0f}" if r is not baseline else f"{'-':>9}"
            print(
                f"{label:<38} {n:>4} {r.seconds:>8.3f} {r.seconds - baseline.seconds:>8.3f} {rate} {mb(r.maxrss_kb):>9}"
            )
        print(
            f"(best of the runs shown; pyx12 is run once when its first run takes over {PYX12_SLOW_SECONDS:.0f} s;"
            f" both found all {args.orders} sets valid: orderhub '{expected}', pyx12 returned True with "
            f"{args.orders} AK5*A)"
        )
        print(
            f"pyx12 / orderhub validate time: {ref.seconds / hub.seconds:.1f}x (target >= 20x); "
            f"net of start-up: {(ref.seconds - baseline.seconds) / max(hub.seconds - baseline.seconds, 1e-3):.1f}x"
        )

        # 2. parse + validate + map, without partner profiles (as bench_parse) and with the sender's profile
        parse_cmd = [orderhub, "parse", str(data)]
        print("\n2. orderhub parse (parse + validate + map to canonical orders, JSON to /dev/null)")
        bare = fresh_data_dir(tmp)
        shutil.rmtree(Path(bare["ORDERHUB_DATA_DIR"]) / "partners")
        for label, parse_env in (("no partner profile", bare), ("the sender's profile (partner_id set)", env)):
            first = run(parse_cmd, str(check), parse_env)
            printed = sum(1 for _ in check.open("rb"))
            if first.status != 0 or printed != args.orders:
                raise SystemExit(
                    f"FAIL: orderhub parse ({label}) exited {first.status} and printed {printed} "
                    f"lines, expected 0 and {args.orders}"
                )
            parsed = best(parse_cmd, args.repeat, parse_env)
            print(
                f"{label:<38} best of {args.repeat}: {parsed.seconds:.3f} s, "
                f"{args.orders / parsed.seconds:,.0f} orders/s "
                f"({args.orders / max(parsed.seconds - baseline.seconds, 1e-3):,.0f} net of start-up), "
                f"peak RSS {mb(parsed.maxrss_kb)}"
            )

        if args.skip_ingest:
            return 0

        # 3. ingest: two small calibration files, then the big one (or the largest that fits the time/memory budget)
        print("\n3. orderhub ingest into a fresh SQLite ORDERHUB_DATA_DIR (target peak RSS < 150 MB)")
        points: list[tuple[float, Run]] = []
        for cal_mb in (0.0, max(2.0, args.big_mb / 50)):
            path = OUT / f"bench_ingest_{cal_mb:g}mb.x12"
            sets = generate_big(path, cal_mb)
            r, text = ingest(path, tmp, 4 * args.ingest_budget, sets)
            points.append((path.stat().st_size / 1e6, r))
            print(f"calibration: {points[-1][0]:.2f} MB, {sets} set(s): {r.seconds:.2f} s, peak RSS {mb(r.maxrss_kb)}")
        (mb0, r0), (mb1, r1) = points
        sec_per_mb = max(r1.seconds - r0.seconds, 1e-3) / (mb1 - mb0)
        kib_per_mb = max(r1.maxrss_kb - r0.maxrss_kb, 0) / (mb1 - mb0)
        print(
            f"marginal cost: {sec_per_mb:.2f} s and {kib_per_mb / 1024:.1f} MB of peak RSS per MB of file; "
            f"start-up {r0.seconds:.2f} s, {mb(r0.maxrss_kb)}"
        )
        big_mb = args.big_mb
        predicted_s = r0.seconds + sec_per_mb * big_mb
        predicted_kib = r0.maxrss_kb + kib_per_mb * big_mb
        memory_kib = available_kib() // 2
        if predicted_s > 2 * args.ingest_budget or predicted_kib > memory_kib:
            big_mb = max(
                mb1,
                min(
                    (args.ingest_budget - r0.seconds) / sec_per_mb, (memory_kib - r0.maxrss_kb) / max(kib_per_mb, 1e-3)
                ),
            )
            print(
                f"NOTE: {args.big_mb:g} MB would take about {predicted_s / 60:.1f} min and "
                f"{predicted_kib / 1024**2:.1f} GB by that estimate; this run's budget is "
                f"{args.ingest_budget:.0f} s (up to twice that allowed) and half the available memory "
                f"({memory_kib / 1024**2:.1f} GB), so the measurement uses {big_mb:.1f} MB instead"
            )
        big = OUT / f"bench_ingest_{big_mb:.0f}mb.x12"
        big_sets = generate_big(big, big_mb)
        big_size = big.stat().st_size / 1e6
        r, text = ingest(big, tmp, max(4 * args.ingest_budget, 3 * (r0.seconds + sec_per_mb * big_size)), big_sets)
        print(
            f"ingest: {big.relative_to(ROOT)}  {big_size:.1f} MB, {big_sets} sets (850, 5-50 lines each, "
            f"{GROUP_SIZE} per group and interchange): {r.seconds:.1f} s, {big_sets / r.seconds:,.0f} sets/s, "
            f"{big_size / r.seconds:.2f} MB/s, peak RSS {mb(r.maxrss_kb)} "
            + ("- OVER the 150 MB target" if r.maxrss_kb > 150 * 1024 else "- within the 150 MB target")
        )
        print(f"orderhub printed: {text.splitlines()[-1] if text else '(nothing)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
