"""The ``orderhub`` command. Its output formats are a contract other tooling relies on.

- ``parse FILE…``: every canonical order found (X12, PDF, mail, CSV, XLSX), one JSON object per line on stdout,
  with the parser's confidence per field; no database.
  Exit 1 when any file is bad, with one line per bad file on stderr naming the file and the reason.
- ``ingest FILE…``, ``run``, ``worker``, ``orders list|show|release|reject``, ``documents list``,
  ``partners unknown``, ``outbox list``, ``reprocess``, ``schema order|shipment|invoice|decision``, ``demo``.
- ``ship``, ``invoice``, ``acknowledge``, ``due``: see :mod:`orderhub.cli_documents`.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from orderhub.errors import ConfigError
from orderhub.logs import configure_logging, log_format

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlmodel import Session

    from orderhub.settings import Settings
    from parsers.base import ParsedInterchange, Parser, SetResult
    from schemas.order import Source


def _settings() -> Settings:
    from orderhub.settings import Settings  # pydantic and YAML only for the commands that need them

    return Settings.from_env()


def _hub(args: argparse.Namespace):  # -> Hub
    from orderhub.hub import Hub

    return Hub(_settings())


def _interchanges(
    parser: Parser, data: bytes, source: Source, captured: list[SetResult] | None = None
) -> Iterator[ParsedInterchange]:
    """X12 streams interchange by interchange; other formats come whole (their captured orders, outside any
    interchange, go to ``captured``)."""
    from parsers.x12.parser import X12Parser

    if isinstance(parser, X12Parser):
        from parsers.base import OrderSpool

        spool = OrderSpool()  # an interchange's orders wait on disk beyond a few MB, not as objects
        try:
            yield from parser.iter_interchanges(data, source, spool=spool)
        finally:
            spool.close()
    else:
        result = parser.parse(data, source)
        if captured is not None:
            captured.extend(result.sets)
        yield from result.interchanges


def cmd_validate(args: argparse.Namespace) -> int:
    """Validation only: envelopes and every set against its guide map; a summary line per file.

    A set counts as accepted only when its group and its interchange are too, as the hub would decide."""
    from parsers.errors import DocumentRejected
    from parsers.x12.envelope import GroupClosed, InterchangeClosed, SetClosed, walk
    from parsers.x12.guide import guide_for_group
    from parsers.x12.lexer import iter_segments
    from parsers.x12.validator import validate_set

    status = 0
    for name in args.files:
        counts = {"accepted": 0, "rejected": 0, "without a map": 0}
        group_sets: list[bool] = []  # per set of the open group: accepted so far?
        interchange_sets: list[bool] = []
        problems: list[str] = []
        try:
            with open(name, "rb") as handle:  # read in chunks: a file of any size
                for event in walk(iter_segments(handle)):
                    if isinstance(event, SetClosed):
                        ts, group, env = event.transaction_set, event.group, event.envelope
                        guide = guide_for_group(env.isa_value(12), group.version, group.functional_id)
                        if guide is None:
                            counts["without a map"] += 1
                            group_sets.append(not ts.errors)
                            continue
                        component = env.header.delimiters.component or ">"
                        findings = validate_set(guide, [s.elements for s in ts.segments], component)
                        group_sets.append(not findings and not ts.errors)
                        problems += [f"set {ts.control_number}: {err}" for err in ts.errors]
                        problems += [
                            f"set {ts.control_number}: segment {f.position} {f.segment_id}: {f.message}"
                            for f in findings
                        ]
                    elif isinstance(event, GroupClosed):
                        if event.group.errors:
                            problems += [f"group {event.group.control_number}: {err}" for err in event.group.errors]
                            group_sets = [False] * len(group_sets)
                        interchange_sets += group_sets
                        group_sets = []
                    elif isinstance(event, InterchangeClosed):
                        if event.envelope.errors:
                            problems += [f"interchange: {err}" for err in event.envelope.errors]
                            interchange_sets = [False] * len(interchange_sets)
                        counts["accepted"] += sum(interchange_sets)
                        counts["rejected"] += len(interchange_sets) - sum(interchange_sets)
                        interchange_sets = []
        except (OSError, DocumentRejected) as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            status = 1
            continue
        except Exception as exc:  # a defect must not hide the other files' results
            print(f"{name}: validation failed ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
            status = 1
            continue
        if args.errors:
            for problem in problems:
                print(f"{name}: {problem}")
        status = 1 if counts["rejected"] else status
        total = counts["accepted"] + counts["rejected"]
        print(f"{name}: {total} set(s), " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return status


def cmd_parse(args: argparse.Namespace) -> int:
    from mappers.profile import ProfileBook, ProfileError, load_profiles
    from parsers.errors import DocumentRejected
    from parsers.registry import default_parsers
    from schemas.order import Source, SourceKind

    settings = _settings()
    try:
        partners = settings.resolve(settings.load_config().partners_dir)
        profiles = ProfileBook(load_profiles(partners) if partners.is_dir() else [])
    except (ConfigError, ProfileError, OSError):
        profiles = None  # parse needs no configuration; without usable profiles partner_id stays empty
    from parsers.pdf.templates import use_learned_dir

    use_learned_dir(settings.templates_dir)
    parsers = default_parsers()
    bad = 0
    out = sys.stdout
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror}", file=sys.stderr)
            bad += 1
            continue
        parser = next((p for p in parsers if p.accepts(data, path.name)), None)
        if parser is None:
            print(f"{name}: not a format orderhub reads (it begins {data[:16]!r})", file=sys.stderr)
            bad += 1
            continue
        digest = hashlib.sha256(data).hexdigest()
        source = Source(kind=SourceKind(parser.kind), channel="cli", document_id=digest, sender=args.sender)
        problems: list[str] = []
        captured: list[SetResult] = []  # orders of a PDF, sheet or mail body (outside any interchange)
        try:
            for ic in _interchanges(parser, data, source, captured):
                partner = None
                if profiles is not None:
                    found, problem = profiles.for_interchange(
                        ic.info.sender_qualifier, ic.info.sender_id, ic.info.receiver_qualifier, ic.info.receiver_id
                    )
                    partner = found.partner_id if found and not problem else None
                if ic.error:
                    problems.append(f"interchange {ic.info.control_number!r} rejected: {ic.error}")
                    continue
                for s in ic.sets:
                    text = s.order_json
                    if text is not None:
                        if partner:
                            order = s.order
                            s.forget_order_object()  # one order object at a time, whatever the file holds
                            assert order is not None
                            order.partner_id = partner
                            text = order.model_dump_json()
                        out.write(text)
                        out.write("\n")
                    elif s.reason and s.set_id not in ("997", "999"):
                        problems.append(f"set {s.set_id} {s.control_number!r} rejected: {s.reason}")
            for s in captured:
                if s.order_json is not None:
                    out.write(s.order_json)  # with the parser's confidence per field
                    out.write("\n")
        except DocumentRejected as exc:
            problems.append(exc.reason)
        if problems:
            bad += 1
            print(f"{name}: " + " | ".join(problems), file=sys.stderr)
    return 1 if bad else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    hub = _hub(args)
    hub.load_master_data()
    failed = 0
    for name in args.files:
        outcome = hub.ingest_path(Path(name))
        print(
            f"{name}: document {outcome.document_id} {outcome.status.value}"
            + (f": {outcome.error}" if outcome.error else "")
        )
        failed += outcome.status.value == "failed"
    hub.dispatcher.drain()
    return 1 if failed else 0


def cmd_run(args: argparse.Namespace) -> int:
    hub = _hub(args)
    counts = hub.load_master_data()
    logging.getLogger("orderhub").info("master data loaded: %s", counts)
    try:
        if args.once:
            hub.run_once()
            return 0
        web = None
        if args.command in ("run", "demo") and hub.config.web.enabled:
            from orderhub.web import WebServer, create_app

            try:
                web = WebServer(create_app(hub), hub.config.web.host, hub.config.web.port).start()
            except OSError as exc:
                raise ConfigError(f"web.port {hub.config.web.port}: cannot listen ({exc}); choose another") from None
            print(f"orderhub serving {web.base_url} (AS2: POST {web.base_url}/as2)", flush=True)
        print(f"orderhub polling {', '.join(hub.inbound_channels()) or 'no channels'}; Ctrl-C stops", flush=True)
        try:
            hub.run_forever()
        finally:
            if web is not None:
                web.stop()
        return 0
    finally:
        hub.close()


def _session(args: argparse.Namespace) -> Session:
    from sqlmodel import Session

    from orderhub.store.db import make_engine, migrate

    engine = make_engine(_settings().database_url)
    migrate(engine)
    return Session(engine)


def cmd_orders(args: argparse.Namespace) -> int:
    from sqlmodel import Session, col, select

    from orderhub.store.models import OrderRecord

    with _session(args) as session:
        if args.action == "list":
            stmt = select(OrderRecord).order_by(col(OrderRecord.created_at))
            if args.status:
                stmt = stmt.where(OrderRecord.status == args.status)
            if args.partner:
                stmt = stmt.where(OrderRecord.partner_id == args.partner)
            for row in session.exec(stmt):
                reasons = json.loads(row.payload).get("hold_reasons") or []
                why = "; ".join(r["message"] for r in reasons)
                print(
                    f"{row.order_id}  {row.partner_id or '-':<14} PO {row.po_number:<16} v{row.version} "
                    f"{row.status:<10} {why}"
                )
            return 0
        found = session.get(OrderRecord, args.order_id)
        if found is None:
            print(f"no order {args.order_id}", file=sys.stderr)
            return 1
        if args.action == "show":
            print(json.dumps(json.loads(found.payload), indent=2))
            return 0
        if args.action == "trail":
            from orderhub.trail import order_trail

            for event in order_trail(session, args.order_id):
                print(f"{event.at:%Y-%m-%d %H:%M:%S}  {event.what:<24} {event.detail}")
            return 0
    hub = _hub(args)
    from orderhub.orders import decide

    with Session(hub.engine) as session:
        found = session.get(OrderRecord, args.order_id)
        profile = hub.profiles.get(found.partner_id) if found and found.partner_id else None
        try:
            decide(
                session,
                args.order_id,
                args.action == "release",
                profile,
                datetime.now(UTC),
                actor=args.actor,
                note=args.note,
            )
        except (LookupError, ValueError) as exc:  # TransitionError is a ValueError
            print(f"order {args.order_id}: {exc}", file=sys.stderr)
            return 1
        session.commit()
    hub.dispatcher.drain()
    print(f"order {args.order_id} {'released' if args.action == 'release' else 'rejected'}")
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    from sqlmodel import col, select

    from orderhub.store.models import InboundDocument

    with _session(args) as session:
        stmt = select(InboundDocument).order_by(col(InboundDocument.id))
        if args.status:
            stmt = stmt.where(InboundDocument.status == args.status)
        for d in session.exec(stmt):
            print(
                f"{d.id:>6}  {d.status:<9} {d.channel}:{d.remote_key}  {d.partner_id or d.sender or '-'}"
                + (f"  [{d.error_code}] {d.error}" if d.error else "")
            )
    return 0


def cmd_partners(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from orderhub.store.models import InboundDocument

    if args.action == "sequence":
        return _interchange_gaps(args)
    with _session(args) as session:
        stmt = select(InboundDocument).where(InboundDocument.error_code == "UNKNOWN_SENDER")
        senders: dict[str, list[int]] = {}
        for d in session.exec(stmt):
            senders.setdefault(d.sender or "?", []).append(d.id or 0)
        for sender, ids in sorted(senders.items()):
            print(f"{sender}  {len(ids)} document(s): {', '.join(map(str, ids))}")
    return 0


def _interchange_gaps(args: argparse.Namespace) -> int:
    """Interchanges whose ISA13 did not follow the sender's previous one, newest first."""
    from sqlmodel import col, select

    from orderhub.store.models import ReceivedInterchange

    with _session(args) as session:
        stmt = (
            select(ReceivedInterchange)
            .where(col(ReceivedInterchange.sequence_gap).is_not(None))
            .order_by(col(ReceivedInterchange.id).desc())
        )
        rows = list(session.exec(stmt))
    for row in rows:
        test = " (test)" if row.test else ""
        print(f"{row.received_at:%Y-%m-%d %H:%M}  {row.sender} → {row.receiver}{test}  document {row.document_id}")
        print(f"    {row.sequence_gap}")
    if not rows:
        print("every interchange followed its sender's previous one")
    return 0


def cmd_outbox_resend(args: argparse.Namespace) -> int:
    from orderhub.outbox import resend

    hub = _hub(args)
    try:
        row = resend(hub.engine, args.outbound_id, actor=args.actor)
    except (LookupError, ValueError) as exc:
        print(f"outbound {args.outbound_id}: {exc}", file=sys.stderr)
        return 1
    sent = hub.dispatcher.drain()
    print(f"outbound {row.id} ({row.doc_type} {row.filename}) queued again; {sent} document(s) sent")
    return 0


def cmd_partner_test(args: argparse.Namespace) -> int:
    from mappers.profile import ProfileError
    from orderhub.partner_test import run

    try:
        status, report = run(Path(args.profile), [Path(f) for f in args.samples], args.write_expected, _settings())
    except ProfileError as exc:
        print(f"orderhub: {exc}", file=sys.stderr)
        return 2
    print(report)
    return status


def cmd_channels(args: argparse.Namespace) -> int:
    """check: connect to every configured channel and say what works (exit 1 if any does not);
    status: how each channel's last poll went."""
    hub = _hub(args)
    if args.action == "status":
        from sqlmodel import Session

        from orderhub.store.models import ChannelStatus

        with Session(hub.engine) as session:
            for name in hub.connectors:
                row = session.get(ChannelStatus, name)
                if row is None:
                    print(f"{name}: not polled yet")
                    continue
                state = f"FAILING: {row.last_error}" if row.last_error else "ok"
                print(
                    f"{name}: {state}; last poll {row.last_poll_at:%Y-%m-%d %H:%M:%S} took {row.documents} "
                    f"document(s); last success {row.last_success_at or 'never'}"
                )
        return 0
    failed = 0
    for name, connector in hub.connectors.items():
        try:
            print(f"{name}: ok: {connector.check()}")
        except Exception as exc:  # every channel is tried; each failure is reported on its own line
            failed += 1
            print(f"{name}: FAILED: {type(exc).__name__}: {exc}")
    return 1 if failed else 0


def cmd_outbox(args: argparse.Namespace) -> int:
    from sqlmodel import col, select

    from orderhub.store.models import OutboundDocument

    with _session(args) as session:
        for o in session.exec(select(OutboundDocument).order_by(col(OutboundDocument.id))):
            print(
                f"{o.id:>6}  {o.doc_type}  {o.partner_id:<14} ISA13 {o.interchange_control_number} {o.status:<8} "
                f"{o.filename}" + (f"  {o.last_error}" if o.last_error else "")
            )
    return 0


def cmd_outbox_overdue(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from orderhub.acks import overdue

    hub = _hub(args)
    with Session(hub.engine) as session:
        late = overdue(session, {p.partner_id: p for p in hub.profiles}, datetime.now(UTC))
        for o in late:
            print(
                f"{o.id:>6}  {o.doc_type}  {o.partner_id:<14} GS06 {o.group_control_number} "
                f"sent {o.sent_at:%Y-%m-%d %H:%M}"
            )
        session.commit()
    print(f"{len(late)} document(s) newly overdue")
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    from sqlmodel import Session, select

    from orderhub.store.models import InboundDocument

    hub = _hub(args)
    hub.load_master_data()
    with Session(hub.engine) as session:
        stmt = select(InboundDocument.id).where(InboundDocument.status == args.status)
        if args.partner:
            stmt = stmt.where(InboundDocument.partner_id == args.partner)
        ids = list(session.exec(stmt))
    for document_id in ids:
        outcome = hub.pipeline.reprocess(document_id or 0)
        print(f"document {document_id}: {outcome.status.value}" + (f": {outcome.error}" if outcome.error else ""))
    hub.dispatcher.drain()
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from pydantic import BaseModel

    from schemas.acknowledgement import OrderDecision
    from schemas.invoice import Invoice
    from schemas.order import order_json_schema
    from schemas.shipment import Shipment

    models: dict[str, type[BaseModel]] = {"shipment": Shipment, "invoice": Invoice, "decision": OrderDecision}
    schema = order_json_schema() if args.name == "order" else models[args.name].model_json_schema(mode="serialization")
    print(json.dumps(schema, indent=2))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from orderhub.demo import seed_demo

    settings = _settings()
    created = seed_demo(settings)
    print(("seeded a demo workspace in " if created else "using the demo workspace in ") + str(settings.data_dir))
    return cmd_run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orderhub", description="EDI and document-ingestion hub")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="print the canonical orders in files (no database)")
    p.add_argument("files", nargs="+")
    p.add_argument("--sender", help="read PDFs as mailed by this address (its customer's templates, learned ones too)")
    p.set_defaults(func=cmd_parse)
    p = sub.add_parser("validate", help="check X12 files against the implementation-guide maps (no database)")
    p.add_argument("files", nargs="+")
    p.add_argument("--errors", action="store_true", help="print each error (AK3/AK4 material)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("ingest", help="run files through the full pipeline")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_ingest)
    for name, text in (
        ("run", "poll, process and dispatch until stopped"),
        ("worker", "the same as run, without HTTP; several may run side by side"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--once", action="store_true", help="one poll of every channel and one dispatch, then exit")
        p.set_defaults(func=cmd_run)
    p = sub.add_parser("demo", help="seed the demo workspace if needed, then run")
    p.add_argument("--once", action="store_true")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("orders", help="list, show, release or reject orders")
    osub = p.add_subparsers(dest="action", required=True)
    o = osub.add_parser("list")
    o.add_argument("--status")
    o.add_argument("--partner")
    for action in ("show", "trail", "release", "reject"):
        o = osub.add_parser(action)
        o.add_argument("order_id")
        if action not in ("show", "trail"):
            o.add_argument("--actor", default="cli")
            o.add_argument("--note")
    p.set_defaults(func=cmd_orders)

    p = sub.add_parser("documents", help="list inbound documents")
    p.add_argument("--status")
    p.set_defaults(func=cmd_documents)
    p = sub.add_parser("partners", help="senders without a profile (unknown); interchange numbers out of sequence")
    p.add_argument("action", choices=["unknown", "sequence"])
    p.set_defaults(func=cmd_partners)
    p = sub.add_parser("outbox", help="list outbound documents, or resend a dead one")
    osub = p.add_subparsers(dest="action")
    osub.add_parser("list")
    o = osub.add_parser("resend", help="queue a dead or rejected document again and send it")
    o.add_argument("outbound_id", type=int)
    o.add_argument("--actor", default="cli")
    o.set_defaults(func=cmd_outbox_resend)
    o = osub.add_parser(
        "overdue", help="mark and list sent documents whose partner 997 is later than its profile allows"
    )
    o.set_defaults(func=cmd_outbox_overdue)
    p.set_defaults(func=cmd_outbox)
    p = sub.add_parser("partner", help="prove a partner's set-up on its sample files, without the database")
    psub = p.add_subparsers(dest="action", required=True)
    t = psub.add_parser("test", help="run samples through the pipeline and compare with SAMPLE.expected.json")
    t.add_argument("profile")
    t.add_argument("samples", nargs="+")
    t.add_argument("--write-expected", action="store_true", help="write SAMPLE.expected.json from this run")
    p.set_defaults(func=cmd_partner_test)
    p = sub.add_parser("channels", help="connect to every channel and report what works")
    p.add_argument("action", choices=["check", "status"])
    p.set_defaults(func=cmd_channels)
    p = sub.add_parser("reprocess", help="run stored documents again from the raw store")
    p.add_argument("--status", default="failed", choices=["failed"])
    p.add_argument("--partner")
    p.set_defaults(func=cmd_reprocess)
    p = sub.add_parser("schema", help="print a JSON Schema")
    p.add_argument("name", choices=["order", "shipment", "invoice", "decision"])
    p.set_defaults(func=cmd_schema)
    from orderhub import cli_capture, cli_documents, cli_masterdata, cli_stats, cli_tokens, cli_webhooks

    cli_documents.add_commands(sub)
    cli_capture.add_commands(sub)
    cli_tokens.add_commands(sub)
    cli_masterdata.add_commands(sub)
    cli_webhooks.add_commands(sub)
    cli_stats.add_commands(sub)
    return parser


def _configured_log_format() -> str | None:
    """``log_format`` from orderhub.yaml, read without validating the rest (the command does that, and says what
    is wrong); None when the variable decides, or there is no such file."""
    if os.environ.get("ORDERHUB_LOG_FORMAT"):
        return None
    import yaml

    path = _settings().config_path
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, yaml.YAMLError):
        return None  # the command that loads the configuration reports it
    value = raw.get("log_format") if isinstance(raw, dict) else None
    return str(value) if value is not None else None


def main(argv: list[str] | None = None) -> int:
    # Parsing allocates millions of small, acyclic objects (segments, dicts, models) and keeps one
    # interchange's orders alive until its trailer proves them; CPython's default thresholds then spend
    # more time in generation-2 collections than in parsing (measured: 2-3x on bench/bench_parse.py).
    # Collect less often; nothing here relies on prompt cycle collection.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    args = build_parser().parse_args(argv)
    try:
        fmt = log_format(os.environ, _configured_log_format())
    except (ValueError, ConfigError) as exc:
        print(f"orderhub: configuration error: {exc}", file=sys.stderr)
        return 2
    configure_logging(logging.DEBUG if args.verbose else logging.INFO, fmt)
    for noisy in ("alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"orderhub: configuration error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
