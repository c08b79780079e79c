"""``orderhub webhooks list|retry|deliver`` and ``orderhub exports run``: what the ERP is pushed, by hand.

``list`` shows deliveries (``--status dead`` for those that gave up); ``retry ID…`` (or ``--dead``) makes
them due again with a fresh set of attempts (audited with ``--actor``); ``deliver`` and ``exports run`` do
once what the scheduler's jobs do, e.g. after fixing a receiver.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def cmd_webhooks(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.hub import Hub
    from orderhub.settings import Settings
    from orderhub.webhooks import deliver_due, enqueue, list_deliveries, retry

    hub = Hub(Settings.from_env())
    if args.action == "deliver":
        for webhook in hub.webhooks.values():
            enqueue(hub.engine, webhook)
            for attempt in deliver_due(hub.engine, webhook):
                print(f"{webhook.name}: delivery {attempt.delivery_id} (event {attempt.event_seq}) {attempt.status}"
                      + (f": {attempt.error}" if attempt.error else ""))  # fmt: skip
        return 0
    with Session(hub.engine) as session:
        if args.action == "list":
            for d, e in list_deliveries(session, status=args.status, webhook=args.webhook, limit=args.limit):
                when = f"next {d.next_attempt_at:%Y-%m-%d %H:%M:%S}" if d.next_attempt_at else ""
                print(f"{d.id:>6}  {d.webhook:<16} event {d.event_seq:<7} {e.kind:<20} {e.po_number or '':<12} "
                      f"{d.status:<9} {d.attempts} attempt(s) {when}  {d.last_error or ''}".rstrip())  # fmt: skip
            return 0
        ids = list(args.ids)
        if args.dead:
            ids += [d.id for d, _ in list_deliveries(session, status="dead", webhook=args.webhook, limit=10_000)]
        if not ids:
            print("nothing to retry: give delivery ids or --dead", file=sys.stderr)
            return 1
        status = 0
        for delivery_id in ids:
            try:
                retry(session, delivery_id, actor=args.actor)
                print(f"delivery {delivery_id} due again")
            except (LookupError, ValueError) as exc:
                print(exc, file=sys.stderr)
                status = 1
        session.commit()
    return status


def cmd_exports(args: argparse.Namespace) -> int:
    from orderhub.exports import run_export
    from orderhub.hub import Hub
    from orderhub.settings import Settings

    hub = Hub(Settings.from_env())
    for export in hub.exports.values():
        for name in run_export(hub.engine, export):
            print(f"{export.name}: {name}")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("webhooks", help="webhook deliveries: list, retry the dead, deliver now")
    wsub = p.add_subparsers(dest="action", required=True)
    w = wsub.add_parser("list", help="deliveries, newest first")
    w.add_argument("--status", choices=["pending", "delivered", "dead"])
    w.add_argument("--webhook")
    w.add_argument("--limit", type=int, default=100)
    w = wsub.add_parser("retry", help="make deliveries due again with a fresh set of attempts")
    w.add_argument("ids", nargs="*", type=int)
    w.add_argument("--dead", action="store_true", help="every dead delivery (of --webhook, if given)")
    w.add_argument("--webhook")
    w.add_argument("--actor", default="cli")
    wsub.add_parser("deliver", help="take new feed events and send what is due, once")
    p.set_defaults(func=cmd_webhooks)
    p = sub.add_parser("exports", help="JSON file exports of the orders feed")
    esub = p.add_subparsers(dest="action", required=True)
    esub.add_parser("run", help="write the files of new feed events, once")
    p.set_defaults(func=cmd_exports)
