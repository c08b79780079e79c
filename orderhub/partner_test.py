"""`orderhub partner test PROFILE SAMPLE…`: prove a new partner's set-up on its sample files.

Each sample runs through the whole pipeline (parsing, mapping, business validation, 997/855/TA1) against a
throw-away database and raw store, with the master data of the configured workspace and a fixed clock, so
the acknowledgements come out the same every time. The outcome is compared with ``SAMPLE.expected.json``
beside the sample when there is one (``--write-expected`` creates it), and the differences are printed.
"""

from __future__ import annotations

import difflib
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from connectors.base import Incoming
from mappers.profile import ProfileBook, load_profile
from orderhub.guides import PartnerGuides
from orderhub.masterdata import import_directory, seed_profile_xrefs
from orderhub.pipeline import Pipeline
from orderhub.settings import Settings
from orderhub.store.db import make_engine, migrate
from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument, TransactionSetRecord
from orderhub.store.raw import RawStore
from parsers.registry import default_parsers

FIXED_CLOCK = datetime(2000, 1, 1, 12, 0, tzinfo=UTC)  # so that rendered envelopes never differ by date


def outcome_of(session: Session, document_id: int) -> dict[str, Any]:
    doc = session.get(InboundDocument, document_id)
    assert doc is not None
    sets = session.exec(
        select(TransactionSetRecord)
        .where(TransactionSetRecord.document_id == document_id)
        .order_by(col(TransactionSetRecord.set_index))
    )
    orders = session.exec(select(OrderRecord).where(OrderRecord.document_id == document_id))
    sent = session.exec(
        select(OutboundDocument)
        .where(OutboundDocument.inbound_document_id == document_id)
        .order_by(col(OutboundDocument.id))
    )
    order_ids = set()
    result: dict[str, Any] = {
        "document": doc.status,
        "error": doc.error,
        "sets": [{"set": f"{s.set_id} {s.control_number}", "status": s.status, "reason": s.reason} for s in sets],
        "orders": [],
        "outbound": [],
    }
    for o in orders:
        order_ids.add(o.order_id)
        payload = json.loads(o.payload)
        result["orders"].append(
            {
                "po_number": o.po_number,
                "status": o.status,
                "hold_reasons": [f"{r['code']}: {r['message']}" for r in payload["hold_reasons"]],
            }
        )
    acks = list(sent) + list(
        session.exec(select(OutboundDocument).where(col(OutboundDocument.order_id).in_(order_ids)))
    )
    for out in acks:
        result["outbound"].append(
            {"doc_type": out.doc_type, "x12": out.payload.decode("ascii", "replace").splitlines()}
        )
    return result


def _run_one(sample: Path, book: ProfileBook, masterdata: Path) -> dict[str, Any]:
    """One sample in a database of its own: its control numbers and verdicts never depend on the others."""
    with tempfile.TemporaryDirectory(prefix="orderhub-partner-test-") as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'test.db'}")
        try:
            migrate(engine)
            with Session(engine) as session:
                if masterdata.is_dir():
                    import_directory(session, masterdata)
                seed_profile_xrefs(session, book)
                session.commit()
            pipeline = Pipeline(
                engine,
                RawStore(Path(scratch) / "raw"),
                book,
                default_parsers(PartnerGuides(book)),
                clock=lambda: FIXED_CLOCK,
            )
            incoming = Incoming("partner-test", sample.name, sample.read_bytes(), FIXED_CLOCK, filename=sample.name)
            outcome = pipeline.handle(incoming)
            with Session(engine) as session:
                return outcome_of(session, outcome.document_id)
        finally:
            engine.dispose()


def run(profile_path: Path, samples: list[Path], write_expected: bool, settings: Settings) -> tuple[int, str]:
    """Returns (exit status, report)."""
    profile = load_profile(profile_path)
    book = ProfileBook([profile])
    report: list[str] = []
    failed = 0
    masterdata = settings.resolve(settings.load_config().masterdata_dir)
    for sample in samples:
        found = _run_one(sample, book, masterdata)
        text = json.dumps(found, indent=2, ensure_ascii=False) + "\n"
        expected_path = sample.with_name(sample.name + ".expected.json")
        orders = ", ".join(f"{o['po_number']} {o['status']}" for o in found["orders"]) or "no order"
        sends = ", ".join(o["doc_type"] for o in found["outbound"]) or "nothing"
        report.append(f"{sample}: document {found['document']}; {orders}; {sends} to send")
        for order in found["orders"]:
            report.extend(f"    {order['po_number']}: {reason}" for reason in order["hold_reasons"])
        if found["error"]:
            report.append(f"    {found['error']}")
        if write_expected:
            expected_path.write_text(text)
            report.append(f"    wrote {expected_path}")
        elif expected_path.exists():
            diff = list(
                difflib.unified_diff(
                    expected_path.read_text().splitlines(),
                    text.splitlines(),
                    str(expected_path),
                    "this run",
                    lineterm="",
                )
            )
            if diff:
                failed += 1
                report.append("    DIFFERS from the expected outcome:")
                report.extend(f"    {line}" for line in diff)
            else:
                report.append("    as expected")
    return (1 if failed else 0), "\n".join(report)
