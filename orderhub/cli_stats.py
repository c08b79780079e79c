"""``orderhub stats [--since 30d] [--json]``: the numbers of :mod:`orderhub.stats`, for a person or a script.

``--json`` prints one JSON object (the same document as ``GET /api/v1/stats``); otherwise a plain-text report.
Exit 2 for a ``--since`` that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orderhub.stats import Rate, Stats


def _rates(title: str, rates: dict[str, Rate]) -> list[str]:
    from orderhub.stats import percent

    lines = [f"  by {title}:"]
    width = max((len(name) for name in rates), default=0)
    for name, rate in rates.items():
        lines.append(f"    {name:<{width}}  {percent(rate.rate):>6}  ({rate.touchless} of {rate.orders})")
    return lines if rates else [*lines, "    -"]


def render_text(stats: Stats) -> str:
    """The report ``orderhub stats`` prints."""
    from orderhub.stats import human_duration, percent

    lines = [
        f"orders received {stats.since:%Y-%m-%d %H:%M} .. {stats.until:%Y-%m-%d %H:%M} UTC: {stats.orders}",
        f"touchless: {percent(stats.touchless.rate)} ({stats.touchless.touchless} of {stats.orders} released "
        "without a person)",
        *_rates("partner", stats.touchless_by_partner),
        *_rates("channel", stats.touchless_by_channel),
        *_rates("document kind", stats.touchless_by_kind),
        f"held on arrival: {stats.held_on_arrival}",
        *(f"    {code:<28} {count}" for code, count in stats.exceptions_by_reason.items()),
    ]
    for title, measured in (
        ("receipt to release", stats.receipt_to_release),
        ("receipt to 855 sent", stats.receipt_to_855_sent),
    ):
        lines.append(
            f"{title}: median {human_duration(measured.median_seconds)}, "
            f"90th percentile {human_duration(measured.p90_seconds)} ({measured.count} order(s))"
        )
    lines.append("orders by channel: " + (", ".join(f"{k} {v}" for k, v in stats.orders_by_channel.items()) or "-"))
    out = stats.outbound
    for title, counts in (
        ("outbound waiting for a 997", out.awaiting_997),
        ("  of which overdue", out.overdue),
        ("855/856/810 owed and late", out.late),
    ):
        lines.append(
            f"{title}: {sum(counts.values())}"
            + (f" ({', '.join(f'{k} {v}' for k, v in counts.items())})" if counts else "")
        )
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.hub import Hub
    from orderhub.settings import Settings
    from orderhub.stats import compute_stats, parse_since

    now = datetime.now(UTC)
    try:
        since = parse_since(args.since, now)
    except ValueError as exc:
        print(f"orderhub stats: {exc}", file=sys.stderr)
        return 2
    hub = Hub(Settings.from_env())
    try:
        with Session(hub.engine) as session:
            stats = compute_stats(session, {p.partner_id: p for p in hub.profiles}, since, now)
    finally:
        hub.close()
    print(stats.model_dump_json(indent=2) if args.json else render_text(stats))
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("stats", help="touchless rate, exceptions, cycle times and what waits on partners")
    p.add_argument("--since", help="30d (the default), 12h, 90m, or an ISO date or date-time")
    p.add_argument("--json", action="store_true", help="one JSON object, as GET /api/v1/stats answers")
    p.set_defaults(func=cmd_stats)
