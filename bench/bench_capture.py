"""Benchmark the PDF purchase-order extractor against pdfplumber merely reading the words of the same pages.

Run from the repository root: ``.venv/bin/python bench/bench_capture.py [--repeat R] [--pdfs GLOB]``.

- **Input**: the development evaluation PDFs (``fixtures/eval/pdf/layout-*/*.pdf``, 43 files, 1–3 pages) unless
  ``--pdfs`` names others. Holdout layouts are never read.
- **Ours**: ``PdfParser().read(bytes, source)`` — open the PDF, remove overprinted characters, words and lines
  of every page, header labels, table, totals, confidence: everything up to the canonical order. Since the
  reading runs in a separate, memory- and time-limited process (``parsers.pdf.sandbox``), this includes
  sending the bytes there and the reading back (pickled); the process is started once and reused, so its
  start-up is paid in the untimed warm-up, and is reported on its own line.
- **Ours in-process**: ``parsers.pdf.read_here`` — the same reading without the child process, to show what
  the isolation costs.
- **Reference**: ``pdfplumber.open(path)`` and ``page.extract_words()`` on every page — the least any
  pdfplumber-based extractor does.
- Both open the file afresh on every repetition (bytes read from disk, a new ``pdfplumber.PDF``), in this one
  process, after one untimed warm-up run of each. Per file, the median of R runs is divided by its page count;
  the figure reported is the median over files of that per-page time, and the ratio ours / reference (the
  target is at most 1.5×). Per-layout ratios follow.
- Nothing is asserted about speed; the script exits non-zero only when our extraction fails on a file (raises,
  or finds no PO number on a file whose expected JSON has one).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.pdf import PdfParser, read_here, sandbox  # noqa: E402
from schemas.order import Source, SourceKind  # noqa: E402

DEFAULT_GLOB = "fixtures/eval/pdf/layout-*/*.pdf"


def ours(path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    reading = PdfParser().read(path.read_bytes(), Source(kind=SourceKind.PDF))
    return time.perf_counter() - start, reading.order.po_number


def in_process(path: Path) -> float:
    start = time.perf_counter()
    read_here(path.read_bytes(), Source(kind=SourceKind.PDF))
    return time.perf_counter() - start


def reference(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    words = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words += len(page.extract_words())
    return time.perf_counter() - start, words


def pages_of(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per file and side (default 5)")
    ap.add_argument("--pdfs", default=DEFAULT_GLOB, help=f"glob under the repository root (default {DEFAULT_GLOB})")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    files = sorted(p for p in ROOT.glob(args.pdfs) if "holdout" not in p.parts[-2])
    if not files:
        raise SystemExit(f"FAIL: no PDF matches {args.pdfs}")
    started = time.perf_counter()
    sandbox.isolated(len, b"")  # start the reading process (once per process, as in production)
    startup_ms = (time.perf_counter() - started) * 1000
    per_page_ours: list[float] = []
    per_page_here: list[float] = []
    per_page_ref: list[float] = []
    by_layout: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for path in files:
        expected = path.with_name(path.stem + ".expected.json")
        want_po = json.loads(expected.read_text())["order"]["po_number"] if expected.exists() else None
        _, po_number = ours(path)  # warm-up and check
        reference(path)
        in_process(path)
        if want_po and po_number != want_po:
            raise SystemExit(f"FAIL: {path.relative_to(ROOT)}: read PO {po_number!r}, expected {want_po!r}")
        pages = pages_of(path)
        mine = statistics.median(ours(path)[0] for _ in range(args.repeat)) / pages
        theirs = statistics.median(reference(path)[0] for _ in range(args.repeat)) / pages
        per_page_here.append(statistics.median(in_process(path) for _ in range(args.repeat)) / pages)
        per_page_ours.append(mine)
        per_page_ref.append(theirs)
        by_layout[path.parent.name].append((mine, theirs))
    ours_ms = statistics.median(per_page_ours) * 1000
    ref_ms = statistics.median(per_page_ref) * 1000
    print(f"{len(files)} PDFs, {args.repeat} timed runs each, python {sys.version.split()[0]}, "
          f"pdfplumber {pdfplumber.__version__}")  # fmt: skip
    print(f"{'layout':<12} {'files':>5} {'ours ms/page':>13} {'extract_words ms/page':>22} {'ratio':>6}")
    for layout, pairs in sorted(by_layout.items()):
        mine = statistics.median(p[0] for p in pairs) * 1000
        theirs = statistics.median(p[1] for p in pairs) * 1000
        print(f"{layout:<12} {len(pairs):>5} {mine:>13.2f} {theirs:>22.2f} {mine / theirs:>5.2f}×")
    print(f"{'ALL':<12} {len(files):>5} {ours_ms:>13.2f} {ref_ms:>22.2f} {ours_ms / ref_ms:>5.2f}×")
    here_ms = statistics.median(per_page_here) * 1000
    ratio_here = here_ms / ref_ms
    print(f"{'in-process':<12} {len(files):>5} {here_ms:>13.2f} {ref_ms:>22.2f} {ratio_here:>5.2f}×  (no isolation)")
    print(f"reading process start-up (once per process, untimed above): {startup_ms:.0f} ms")
    print(f"our extraction takes {ours_ms / ref_ms:.2f}× the time of pdfplumber extract_words per page (target ≤ 1.5×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
