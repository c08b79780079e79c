"""Benchmark reading an order written in a plain-text mail against merely parsing the same mail's MIME.

Run from the repository root: ``.venv/bin/python bench/bench_email.py [--repeat N]``. It builds a typical
order mail (prose and bullets, a signature, a quoted reply), times ``EmailParser().parse`` once cold (the
``import spacy`` and the rule pipeline are built then, once per process) and then ``--repeat`` times warm,
and prints the median warm time next to the reference — ``email.message_from_bytes`` plus reading the body,
measured in the same run — and their ratio. Target: a warm median under 10 ms. Not a test: nothing is
asserted about speed; it exits non-zero only when the mail is not read as expected.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import statistics
import sys
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.email import EmailParser  # noqa: E402
from schemas.order import Source  # noqa: E402

BODY = """Hi team,

Please send 24 x AB-1001 and 6 cases of 7731 to our Dayton store, PO 45-1177, needed by March 3.
Also, for the same PO:
- 12 x HT-9002 tape measure
- 20 x CX-2001 cable ties (packs)
- FS-4002   12 boxes
- 310-0815 Ankerbolzen M12x120: 120 Stück

Thanks,
Mike

--
Mike Palmer | Purchasing
Acme Hardware Co. | 400 Commerce Blvd, Kettering, OH 45429
Tel +1 937 555 0142 | Mobile (937) 555-0199

On Tue, Feb 17, 2026 at 9:02 AM Northwind Orders <orders@northwind-supply.example> wrote:
> Hi Mike, we received your order and will ship today.
> > Please send 10 x AB-1002 to our Toledo store, PO 45-1170.
"""


def order_mail() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Mike Palmer <mike.palmer@acme.example>"
    msg["To"] = "Northwind Orders <orders@northwind-supply.example>"
    msg["Date"] = "Tue, 24 Feb 2026 08:14:00 -0500"
    msg["Subject"] = "Re: Order for Dayton"
    msg["Message-ID"] = "<bench@acme.example>"
    msg.set_content(BODY)
    return msg.as_bytes()


def reference(data: bytes) -> None:
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content()


def timed(run, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="warm runs to take the median of")
    args = parser.parse_args()
    data = order_mail()
    source = Source(kind="email", document_id="bench")
    email_parser = EmailParser()

    started = time.perf_counter()
    result = email_parser.parse(data, source)
    cold = time.perf_counter() - started
    order = result.orders[0]
    got = [(line.buyer_part_number, str(line.quantity)) for line in order.lines]
    want = [("AB-1001", "24"), ("7731", "6"), ("HT-9002", "12"), ("CX-2001", "20"), ("FS-4002", "12"),
            ("310-0815", "120")]  # fmt: skip
    if order.po_number != "45-1177" or got != want:
        print(f"wrong result: PO {order.po_number!r}, lines {got}", file=sys.stderr)
        return 1

    warm = statistics.median(timed(lambda: email_parser.parse(data, source), args.repeat))
    ref = statistics.median(timed(lambda: reference(data), args.repeat))
    print(f"mail: {len(data)} bytes, {len(order.lines)} lines read")
    print(f"first parse (import spacy, build the rule pipeline): {cold * 1000:8.1f} ms")
    print(f"EmailParser.parse, median of {args.repeat} warm runs: {warm * 1000:8.2f} ms  (target < 10 ms)")
    print(f"reference: email.message_from_bytes + body text:   {ref * 1000:8.2f} ms")
    print(f"ratio parse / reference: {warm / ref:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
