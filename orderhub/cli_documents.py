"""``orderhub ship``, ``invoice``, ``acknowledge`` and ``due``: the ERP's confirmations from the command line.

Each takes the canonical JSON (``schemas.shipment.Shipment``, ``schemas.invoice.Invoice``,
``schemas.acknowledgement.OrderDecision``), runs the same checks the API will, and queues the document or
prints every reason it was refused (exit 1). ``orderhub schema shipment|invoice|decision`` prints their schemas.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _load(model: Any, path: Path) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return None


def _profile(hub: Any, partner_id: str) -> Any:
    profile = hub.profiles.get(partner_id)
    if profile is None:
        print(f"no partner profile {partner_id!r}", file=sys.stderr)
    return profile


def _queue(args: argparse.Namespace, doc_type: str, model: Any, queue_it: Any) -> int:
    """Load the canonical JSON, queue it with ``queue_it(session, document, profile, now, hub)``, or print every
    reason it was refused."""
    from sqlmodel import Session

    from orderhub.hub import Hub
    from orderhub.settings import Settings
    from orderhub.shipping import DocumentRefused

    document = _load(model, args.file)
    if document is None:
        return 1
    hub = Hub(Settings.from_env())
    profile = _profile(hub, document.partner_id)
    if profile is None:
        return 1
    with Session(hub.engine) as session:
        try:
            row = queue_it(session, document, profile, datetime.now(UTC), hub)
        except DocumentRefused as exc:
            print(f"{args.file}: {doc_type} refused:", *(f"  - {r}" for r in exc.reasons), sep="\n", file=sys.stderr)
            return 1
        session.commit()
        print(
            f"{doc_type} queued as outbound {row.id} (ISA13 {row.interchange_control_number}) for {profile.partner_id}"
        )
    hub.dispatcher.drain()
    return 0


def cmd_ship(args: argparse.Namespace) -> int:
    from orderhub.shipping import queue_shipment
    from schemas.shipment import Shipment

    def queue_it(session: Any, shipment: Any, profile: Any, now: datetime, hub: Any) -> Any:
        return queue_shipment(
            session,
            shipment,
            profile,
            now,
            company_prefix=hub.config.gs1_company_prefix,
            extension_digit=hub.config.sscc_extension_digit,
        )

    return _queue(args, "856", Shipment, queue_it)


def cmd_invoice(args: argparse.Namespace) -> int:
    from orderhub.shipping import queue_invoice
    from schemas.invoice import Invoice

    return _queue(
        args, "810", Invoice, lambda session, invoice, profile, now, _hub: queue_invoice(session, invoice, profile, now)
    )


def cmd_acknowledge(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.hub import Hub
    from orderhub.orders import acknowledge_decision
    from orderhub.settings import Settings
    from orderhub.store.models import OrderRecord
    from schemas.acknowledgement import OrderDecision

    decision = _load(OrderDecision, args.file)
    if decision is None:
        return 1
    hub = Hub(Settings.from_env())
    with Session(hub.engine) as session:
        row = session.get(OrderRecord, args.order_id)
        if row is None or not row.partner_id:
            print(f"no order {args.order_id} from a partner", file=sys.stderr)
            return 1
        profile = _profile(hub, row.partner_id)
        if profile is None:
            return 1
        try:
            ack, outbound_id = acknowledge_decision(
                session, args.order_id, decision, profile, datetime.now(UTC), actor=args.actor
            )
        except (LookupError, ValueError) as exc:
            print(f"order {args.order_id}: 855 refused: {exc}", file=sys.stderr)
            return 1
        session.commit()
        print(f"855 BAK02={ack.ack_type} queued as outbound {outbound_id}")
    hub.dispatcher.drain()
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.duetimes import due_documents
    from orderhub.hub import Hub
    from orderhub.settings import Settings

    hub = Hub(Settings.from_env())
    with Session(hub.engine) as session:
        items = due_documents(session, {p.partner_id: p for p in hub.profiles}, datetime.now(UTC))
    for item in items:
        print(
            f"{'LATE   ' if item.late else 'at risk'}  {item.doc_type}  {item.partner_id:<14} "
            f"due {item.due_at:%Y-%m-%d %H:%M}  {item.subject}: {item.detail}"
        )
    late = sum(1 for i in items if i.late)
    print(f"{late} late, {len(items) - late} at risk")
    return 1 if late and args.fail_on_late else 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("ship", help="check and queue an 856 from a shipment confirmation (canonical JSON)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_ship)
    p = sub.add_parser("invoice", help="check and queue an 810 from an invoice (canonical JSON)")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_invoice)
    p = sub.add_parser("acknowledge", help="queue the 855 from the ERP's decision per line (canonical JSON)")
    p.add_argument("order_id")
    p.add_argument("file", type=Path)
    p.add_argument("--actor", default="erp")
    p.set_defaults(func=cmd_acknowledge)
    p = sub.add_parser("due", help="855/856/810 documents late or at risk, per partner due times")
    p.add_argument("--fail-on-late", action="store_true", help="exit 1 when any document is late")
    p.set_defaults(func=cmd_due)
