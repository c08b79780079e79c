"""Benchmark ``orderhub parse`` against merely reading the same X12 file with pyx12's ``X12Reader``.

Run from the repository root: ``make bench``, or
``.venv/bin/python bench/bench_parse.py [--orders N] [--repeat R]``. It writes a synthetic 004010 file of N
distinct 850s to bench/out/ (git-ignored), times each command as a whole process (best of R wall-clock runs,
python start-up included) and reports each process's peak RSS. Not a test: nothing is asserted about speed; it
exits non-zero only when a command fails or prints the wrong result.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / "bench" / "out"
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None  # GNU time, for per-process peak RSS
ISA = "ISA*00*          *00*          *ZZ*BENCHSENDER    *ZZ*ORDERHUB       *261120*0930*U*00401*000000001*0*P*>~"
WORDS = [
    "WIDGET",
    "GADGET",
    "BRACKET",
    "HINGE",
    "VALVE",
    "GASKET",
    "SPROCKET",
    "FLANGE",
    "BOLT",
    "WASHER",
    "SMALL",
    "LARGE",
    "BLUE",
    "RED",
    "STEEL",
    "BRASS",
    "2IN",
    "10MM",
    "PACK OF 6",
    "HEAVY DUTY",
]
CITIES = [
    ("SPRINGFIELD", "IL", "62701"),
    ("SOLON", "OH", "44139"),
    ("AUSTIN", "TX", "73301"),
    ("TACOMA", "WA", "98402"),
]
# The reference: read every segment with pyx12 and print "segments errors" (envelope errors are collected,
# not raised).
REFERENCE = """import sys
import pyx12.x12file
r = pyx12.x12file.X12Reader(sys.argv[1])
n = sum(1 for _ in r)
errors = r.pop_errors()
r.close()
for e in errors[:5]:
    print("pyx12:", e, file=sys.stderr)
print(n, len(errors))
"""


def upc(rng: random.Random) -> str:
    """A 12-digit UPC-A with a correct check digit."""
    body = [rng.randrange(10) for _ in range(11)]
    check = (10 - (sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(body)) % 10)) % 10
    return "".join(map(str, body)) + str(check)


def po_body(rng: random.Random, po_number: str, lines: int) -> list[str]:
    """The segments between ST and SE of one distinct 850: its PO number, items, quantities and prices all
    drawn from ``rng``."""
    city, state, zipcode = rng.choice(CITIES)
    body = [
        f"BEG*00*SA*{po_number}{rng.randrange(100):02d}**20261120",
        "CUR*BY*USD",
        f"REF*DP*{rng.randrange(1, 999):03d}",
        f"DTM*002*202612{rng.randrange(1, 29):02d}",
        f"N1*ST*STORE {rng.randrange(1, 500)}*92*{rng.randrange(1, 10**6):06d}",
        f"N3*{rng.randrange(1, 9999)} MAIN ST",
        f"N4*{city}*{state}*{zipcode}*US",
    ]
    for n in range(1, lines + 1):
        qty = rng.choice([1, 2, 3, 6, 12, 24, 48, 100, 144, 250])
        price = f"{rng.randrange(50, 250_000) / 100:.2f}"
        part = f"VP-{rng.randrange(10**5):05d}-{rng.choice('ABCDEFGH')}"
        body.append(f"PO1*{n}*{qty}*EA*{price}**VN*{part}*UP*{upc(rng)}")
        body.append(f"PID*F****{' '.join(rng.sample(WORDS, 3))}")
    body.append(f"CTT*{lines}")
    return body


def generate(path: Path, orders: int, seed: int = 850) -> int:
    """Write ``orders`` distinct 850s in one interchange; returns the number of segments."""
    rng = random.Random(seed)
    segs = [ISA[:-1], "GS*PO*BENCHSENDER*ORDERHUB*20261120*0930*1*X*004010"]
    for i in range(1, orders + 1):
        ctl = f"{i:04d}"
        body = po_body(rng, f"BPO{i:07d}", rng.randint(1, 6))
        segs += [f"ST*850*{ctl}", *body, f"SE*{len(body) + 2}*{ctl}"]
    segs += [f"GE*{orders}*1", "IEA*1*000000001"]
    assert len(segs[0]) == 105, "ISA must be 106 characters with its terminator"
    path.write_text("".join(s + "~\n" for s in segs), encoding="ascii")
    return len(segs)


@dataclass
class Run:
    seconds: float
    status: int
    maxrss_kb: int


def run(cmd: list[str], stdout_path: str = os.devnull, env: dict[str, str] | None = None) -> Run:
    """Spawn, wait and time one process and take its peak RSS (KiB).

    Linux carries the spawning process's high-water RSS across fork+exec into the child's ru_maxrss, so a
    direct child of this (large) python process would report at least our own size. GNU time is a small C
    program: spawned through it, the command's ru_maxrss is its own. Without it, os.wait4 (an upper bound).
    """
    with tempfile.NamedTemporaryFile("r") as rss, open(stdout_path, "wb") as out:
        wrapper = [TIME, "-f", "%M", "-o", rss.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(wrapper + cmd, stdout=out, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        maxrss = int(rss.read().split()[-1]) if TIME else usage.ru_maxrss
    return Run(seconds, proc.returncode, maxrss)


def best(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> Run:
    runs = [run(cmd, env=env) for _ in range(repeat)]
    if bad := [r.status for r in runs if r.status != 0]:
        raise SystemExit(f"FAIL: {' '.join(cmd)} exited {bad}")
    return min(runs, key=lambda r: r.seconds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=5000, help="850 sets in the file (default 5000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per command; best is reported (default 3)")
    args = ap.parse_args()
    if args.orders < 1 or args.repeat < 1:
        ap.error("--orders and --repeat must be at least 1")
    python, orderhub = str(BIN / "python"), str(BIN / "orderhub")
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / f"bench_850_{args.orders}.x12"
    segments = generate(data, args.orders)
    size = data.stat().st_size

    with tempfile.TemporaryDirectory(prefix="orderhub-bench-") as tmp:
        env = {**os.environ, "ORDERHUB_DATA_DIR": str(Path(tmp) / "data")}
        Path(env["ORDERHUB_DATA_DIR"]).mkdir()
        hub_cmd = [orderhub, "parse", str(data)]
        ref_cmd = [python, "-c", REFERENCE, str(data)]
        # Checked runs (untimed; they also warm the page cache): orderhub prints one JSON line per order,
        # pyx12 reads every segment and finds no envelope error (so the generated file is sound).
        check = Path(tmp) / "stdout"
        first = run(hub_cmd, str(check), env)
        printed = sum(1 for _ in check.open("rb"))
        if first.status != 0 or printed != args.orders:
            raise SystemExit(
                f"FAIL: orderhub parse exited {first.status} and printed {printed} lines, expected 0 and {args.orders}"
            )
        first = run(ref_cmd, str(check), env)
        got = check.read_text().split()
        if first.status != 0 or got != [str(segments), "0"]:
            raise SystemExit(
                f"FAIL: pyx12 reader exited {first.status} and printed {got}, "
                f"expected 0 and ['{segments}', '0'] (segments, envelope errors)"
            )
        baseline = best([python, "-c", "pass"], args.repeat, env)
        hub = best(hub_cmd, args.repeat, env)
        ref = best(ref_cmd, args.repeat, env)

    print(
        f"file: {data.relative_to(ROOT)}  {size / 1e6:.2f} MB, {args.orders} orders (850), "
        f"{segments} segments; best of {args.repeat}, python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )
    print(f"{'command':<34} {'seconds':>8} {'net s':>8} {'segments/s':>11} {'orders/s':>9} {'peak RSS':>9}")
    rows = [("python -c pass (start-up)", baseline), ("orderhub parse", hub), ("pyx12 X12Reader read", ref)]
    for label, r in rows:
        net = r.seconds - baseline.seconds
        rates = (
            f"{segments / r.seconds:>11,.0f} {args.orders / r.seconds:>9,.0f}"
            if r is not baseline
            else f"{'-':>11} {'-':>9}"
        )
        print(f"{label:<34} {r.seconds:>8.3f} {net:>8.3f} {rates} {r.maxrss_kb / 1024:>6.1f} MB")
    print(
        "(rates use whole-process wall time; 'net s' subtracts the python start-up baseline; peak RSS "
        + ("by GNU time)" if TIME else "by wait4, which includes this script's own size: an upper bound)")
    )
    print(f"orderhub parse is {ref.seconds / hub.seconds:.2f} times as fast as pyx12 X12Reader reading")
    return 0


if __name__ == "__main__":
    sys.exit(main())
