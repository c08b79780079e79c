"""The numbers against a hand-built history (known touchless and held orders, known durations), on SQLite and
PostgreSQL; and ``orderhub stats`` over a real run of the demo samples."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from conftest import FIXTURES, Workspace
from sqlmodel import Session

from orderhub.stats import compute_stats, parse_since, percentile
from orderhub.store.models import AuditEvent, InboundDocument, OrderRecord, OutboundDocument

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _document(session: Session, channel: str, kind: str, received: datetime) -> int:
    doc = InboundDocument(
        sha256=f"{channel}{received.isoformat()}".ljust(64, "0")[:64],
        channel=channel,
        remote_key=f"{channel}/{received:%Y%m%d%H%M}",
        size=10,
        kind=kind,
        received_at=received,
        status="parsed",
    )
    session.add(doc)
    session.flush()
    assert doc.id is not None
    return doc.id


def _order(
    session: Session,
    order_id: str,
    document_id: int,
    received: datetime,
    *,
    partner: str | None = "demo-retail",
    customer: str | None = "C-DEMO",
    held: str | None = None,
    reasons: list[str] = (),  # type: ignore[assignment]
    release: tuple[float, str] | None = None,
    status: str | None = None,
) -> None:
    """An order created ``held`` (with that creation note) or released at creation, then perhaps released after
    ``release[0]`` seconds from receipt by ``release[1]``."""
    first = "held" if held is not None else "released"
    session.add(
        OrderRecord(
            order_id=order_id,
            document_id=document_id,
            partner_id=partner,
            customer_id=customer,
            po_number=f"PO-{order_id}",
            purpose="original",
            status=status or ("released" if release else first),
            fingerprint=order_id,
            created_at=received,
            payload=json.dumps({"hold_reasons": [{"code": c, "message": "-"} for c in reasons]}),
        )
    )
    created = received + timedelta(seconds=release[0] if first == "released" and release else 5)
    session.add(AuditEvent(at=created, entity="order", entity_id=order_id, to_status=first, note=held))
    if first == "held" and release:
        session.add(
            AuditEvent(
                at=received + timedelta(seconds=release[0]),
                entity="order",
                entity_id=order_id,
                from_status="held",
                to_status="released",
                actor=release[1],
            )
        )


def _outbound(session: Session, doc_type: str, status: str, sent: datetime | None, order_id: str | None = None) -> None:
    session.add(
        OutboundDocument(
            dedupe_key=f"{doc_type}:{order_id}:{status}:{sent}",
            partner_id="demo-retail",
            doc_type=doc_type,
            order_id=order_id,
            status=status,
            interchange_control_number="1",
            group_control_number="1",
            set_control_numbers="0001",
            filename="x.x12",
            payload=b"",
            sent_at=sent,
        )
    )


def build_history(session: Session) -> None:
    r1 = NOW - timedelta(hours=2)
    d1 = _document(session, "demo-in", "x12", r1)
    _order(session, "o1", d1, r1, release=(60, "hub"))  # touchless, 855 after 120 s
    _outbound(session, "855", "acknowledged", r1 + timedelta(seconds=120), "o1")
    _order(
        session,
        "o2",
        d1,
        r1,
        held="UNKNOWN_ITEM: item ZZ9 is not ours; PRICE_MISMATCH: 9.99 is not 8.00",
        release=(3600, "reviewer:alice"),
    )  # held, released by a person after an hour (the release cleared its reasons from the order)
    _outbound(session, "855", "sent", r1 + timedelta(seconds=3700), "o2")
    _order(session, "o6", d1, r1, status="test", release=(1, "hub"))  # a test order: never counted
    r2 = NOW - timedelta(days=1)
    d2 = _document(session, "mail-in", "email", r2)
    _order(
        session, "o3", d2, r2, partner=None, customer="C-ACME", held="UNKNOWN_SHIP_TO: -", reasons=["UNKNOWN_SHIP_TO"]
    )
    r3 = NOW - timedelta(days=3)
    d3 = _document(session, "demo-in", "pdf", r3)
    _order(session, "o4", d3, r3, partner=None, customer="C-PDF", release=(300, "hub"))
    r4 = NOW - timedelta(days=40)  # before the period: not counted, but its 855 is owed and late
    d4 = _document(session, "demo-in", "x12", r4)
    _order(session, "o5", d4, r4, release=(10, "hub"))
    _outbound(session, "810", "sent", NOW - timedelta(hours=30))  # past demo-retail's 24 h for its 997
    _outbound(session, "856", "overdue", NOW - timedelta(hours=50))
    _outbound(session, "997", "sent", NOW - timedelta(hours=50))  # acknowledgements are never acknowledged
    session.commit()


def test_numbers_of_a_known_history(workspace: Workspace):
    hub = workspace.hub()
    with Session(hub.engine) as session:
        build_history(session)
        stats = compute_stats(session, {p.partner_id: p for p in hub.profiles}, parse_since("30d", NOW), NOW)
    assert (stats.orders, stats.touchless.touchless, stats.touchless.rate) == (4, 2, 0.5)
    rates = {
        name: (r.orders, r.touchless)
        for group in (stats.touchless_by_partner, stats.touchless_by_channel, stats.touchless_by_kind)
        for name, r in group.items()
    }
    assert rates == {
        "demo-retail": (2, 1),
        "customer:C-ACME": (1, 0),
        "customer:C-PDF": (1, 1),
        "demo-in": (3, 2),
        "mail-in": (1, 0),
        "x12": (2, 1),
        "email": (1, 0),
        "pdf": (1, 1),
    }
    assert stats.orders_by_channel == {"demo-in": 3, "mail-in": 1}
    assert stats.held_on_arrival == 2
    assert stats.exceptions_by_reason == {"UNKNOWN_ITEM": 1, "PRICE_MISMATCH": 1, "UNKNOWN_SHIP_TO": 1}
    # releases after 60 s, 300 s and 3600 s; 855s after 120 s and 3700 s
    release = stats.receipt_to_release
    assert (release.count, release.median_seconds, release.p90_seconds) == (3, 300, 2940)
    ack = stats.receipt_to_855_sent
    assert (ack.count, ack.median_seconds, ack.p90_seconds) == (2, 1910, 3342)
    assert stats.outbound.awaiting_997 == {"810": 1, "855": 1, "856": 1}
    assert stats.outbound.overdue == {"810": 1, "856": 1}
    assert stats.outbound.late == {"855": 1}  # o5: released 40 days ago, no 855
    # a shorter period leaves the older orders out
    recent = compute_stats(session, {p.partner_id: p for p in hub.profiles}, parse_since("12h", NOW), NOW)
    assert (recent.orders, recent.touchless.touchless, recent.held_on_arrival) == (2, 1, 1)


def test_empty_period_and_helpers():
    assert percentile([], 0.9) is None and percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == pytest.approx(9.1)
    assert parse_since(None, NOW) == NOW - timedelta(days=30)
    assert parse_since("2026-11-01", NOW) == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("90m", NOW) == NOW - timedelta(minutes=90)
    with pytest.raises(ValueError, match="30d"):
        parse_since("last week", NOW)


def test_stats_command_over_a_real_run(sqlite_workspace: Workspace):
    ws = sqlite_workspace
    for sample in sorted((FIXTURES / "demo" / "inbox").iterdir()):
        ws.drop(sample.name, sample.read_bytes())
    ws.cli("run", "--once")
    report = json.loads(ws.cli("stats", "--json"))
    assert report["orders"] == 2 and report["touchless"] == {"orders": 2, "touchless": 1, "rate": 0.5}
    assert report["exceptions_by_reason"] == {"PRICE_MISMATCH": 1, "UNKNOWN_ITEM": 1}
    assert report["receipt_to_release"]["count"] == 1 and report["receipt_to_855_sent"]["count"] == 1
    assert report["touchless_by_kind"] == {"x12": {"orders": 2, "touchless": 1, "rate": 0.5}}
    text = ws.cli("stats", "--since", "7d")
    assert "touchless: 50.0% (1 of 2 released without a person)" in text
    assert "PRICE_MISMATCH" in text and "receipt to 855 sent: median" in text


def test_metrics_collector_over_the_known_history(workspace: Workspace):
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.parser import text_string_to_metric_families

    from orderhub.metrics import HubCollector

    hub = workspace.hub()
    with Session(hub.engine) as session:
        build_history(session)
    collector = HubCollector(hub.engine, {p.partner_id: p for p in hub.profiles}, clock=lambda: NOW)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)

    def scrape() -> dict[tuple[str, tuple], float]:
        text = generate_latest(registry).decode()
        return {
            (s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text)
            for s in family.samples
        }

    found = scrape()
    assert found[("orderhub_orders", (("status", "held"),))] == 1  # o3
    assert found[("orderhub_orders", (("status", "released"),))] == 4
    assert found[("orderhub_oldest_held_order_age_seconds", ())] == 86400  # o3, received a day before NOW
    assert found[("orderhub_outbound_overdue", (("doc_type", "810"),))] == 1
    assert found[("orderhub_outbound_overdue", (("doc_type", "856"),))] == 1
    assert found[("orderhub_documents_late", (("doc_type", "855"),))] == 1  # o5
    with Session(hub.engine) as session:  # o5's 855 goes out: no longer late, once the cached count expires
        _outbound(session, "855", "sent", NOW, "o5")
        session.commit()
    assert scrape()[("orderhub_documents_late", (("doc_type", "855"),))] == 1
    collector.late_every = 0
    assert ("orderhub_documents_late", (("doc_type", "855"),)) not in scrape()
