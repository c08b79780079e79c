"""Webhooks against a real HTTP receiver on 127.0.0.1: signed, retried with growing delays, dead and visible, once."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
import yaml
from apitools import serve
from conftest import FIXTURES, Workspace
from sqlalchemy import text
from sqlmodel import Session, SQLModel, select
from x12build import interchange

from orderhub.errors import ConfigError
from orderhub.store.models import AuditEvent, OutboundDocument, WebhookDelivery, utcnow
from orderhub.tokens import Role
from orderhub.webhooks import deliver_due, enqueue, verify

SECRET = "whsec-test-0123456789abcdef"


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers ``fail_first`` of them with ``fail_status``."""

    fail_first: int = 0
    fail_status: int = 500
    delay: float = 0.0
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""

    def answer(self, headers: dict[str, str], body: bytes) -> int:
        self.requests.append((headers, body))
        time.sleep(self.delay)
        return self.fail_status if len(self.requests) <= self.fail_first else 204

    def events(self) -> list[dict]:
        return [json.loads(body) for _, body in self.requests]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = state.answer({k.lower(): v for k, v in self.headers.items()}, body)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/orderhub"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def configure(workspace: Workspace, **webhook: object) -> None:
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["webhooks"] = [{"name": "erp", "secret_env": "TEST_WEBHOOK_SECRET", "since": "start", **webhook}]
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))


def drop_demo(workspace: Workspace, *names: str) -> None:
    for name in names:
        workspace.drop(f"{name}.x12", (FIXTURES / "demo" / "inbox" / f"{name}.x12").read_bytes())


def deliveries(hub) -> list[WebhookDelivery]:
    with Session(hub.engine) as session:
        return list(session.exec(select(WebhookDelivery).order_by(WebhookDelivery.event_seq)))


def test_events_arrive_signed_once_each_and_the_secret_is_stored_nowhere(workspace, receiver, monkeypatch, caplog):
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    configure(workspace, url=receiver.url, events=["released", "held", "partner_acknowledged"])
    hub = workspace.hub()
    drop_demo(workspace, "demo-po-1001", "demo-po-1002")
    hub.run_once()  # captures both, sends the 855, and pushes the events
    with Session(hub.engine) as session:
        (sent,) = session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == "855"))
    ack = [f"AK1*PR*{sent.group_control_number}", f"AK2*855*{sent.set_control_numbers}", "AK5*A", "AK9*A*1*1*1"]
    workspace.drop("ack.x12", interchange([ack], set_id="997", functional_id="FA", control=900))
    hub.run_once()
    hub.run_once()  # nothing new: nothing sent again

    events = receiver.events()
    assert [(e["kind"], e["po_number"]) for e in events] == [
        ("released", "PO-1001"),
        ("held", "PO-1002"),
        ("partner_acknowledged", "PO-1001"),
    ]
    assert [e["event_id"] for e in events] == sorted(e["event_id"] for e in events)
    for headers, body in receiver.requests:
        assert headers["content-type"] == "application/json"
        assert headers["x-orderhub-event-id"] == str(json.loads(body)["event_id"])
        assert verify(SECRET.encode(), headers["x-orderhub-signature"], body)
        tampered = body.replace(b'"PO-1001"', b'"PO-1009"').replace(b'"PO-1002"', b'"PO-1009"')
        assert not verify(SECRET.encode(), headers["x-orderhub-signature"], tampered)
        assert not verify(b"another-secret-0123456789", headers["x-orderhub-signature"], body)
    headers, body = receiver.requests[0]
    stale = headers["x-orderhub-signature"]
    timestamp = int(stale.split(",")[0].removeprefix("t="))
    assert not verify(SECRET.encode(), stale, body, now=timestamp + 3600)  # a replay an hour later
    assert not verify(SECRET.encode(), f"t={timestamp},v1=ünïcode", body, now=timestamp)  # refused, not raised

    assert enqueue(hub.engine, hub.webhooks["erp"]) == 0  # the cursor has passed them
    assert deliver_due(hub.engine, hub.webhooks["erp"], now=utcnow() + timedelta(days=1)) == []
    assert [d.status for d in deliveries(hub)] == ["delivered"] * 3 and len(receiver.requests) == 3
    with Session(hub.engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            dump = repr(session.execute(text(f"SELECT * FROM {table.name}")).all())
            assert SECRET not in dump, table.name
    assert SECRET not in caplog.text and SECRET not in repr(hub.webhooks)


def test_a_failing_receiver_is_retried_with_growing_delays_until_it_answers(workspace, receiver, monkeypatch):
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    configure(workspace, url=receiver.url, events=["released"], backoff_seconds=10, max_attempts=5)
    receiver.fail_first = 3
    hub = workspace.hub()
    drop_demo(workspace, "demo-po-1001")
    hub.poll_channel("demo-in")  # captured, without pushing: the test keeps the clock
    webhook, start = hub.webhooks["erp"], utcnow()
    assert enqueue(hub.engine, webhook, now=start) == 1

    waits, clock = [], start
    for _ in range(4):
        (attempt,) = deliver_due(hub.engine, webhook, now=clock)
        (delivery,) = deliveries(hub)
        if attempt.status == "delivered":
            break
        assert attempt.status == "pending" and attempt.status_code == 500
        assert delivery.last_error == "HTTP 500" and delivery.next_attempt_at is not None
        waits.append((delivery.next_attempt_at - clock).total_seconds())
        almost = delivery.next_attempt_at - timedelta(seconds=1)
        assert deliver_due(hub.engine, webhook, now=almost) == []  # not due before its time
        clock = delivery.next_attempt_at
    assert waits == [10, 20, 40]
    assert delivery.status == "delivered" and delivery.attempts == 4 and delivery.last_status_code == 204
    assert [h["x-orderhub-attempt"] for h, _ in receiver.requests] == ["1", "2", "3", "4"]
    assert len({body for _, body in receiver.requests}) == 1  # the same bytes each time
    assert deliver_due(hub.engine, webhook, now=clock + timedelta(days=1)) == []


def test_a_receiver_that_keeps_failing_ends_dead_visible_and_can_be_retried(workspace, receiver, monkeypatch):
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    configure(workspace, url=receiver.url, events=["released"], backoff_seconds=1, max_attempts=3)
    receiver.fail_first, receiver.fail_status = 10**6, 503
    with serve(workspace) as api:
        hub = api.hub
        drop_demo(workspace, "demo-po-1001")
        hub.poll_channel("demo-in")
        webhook, clock = hub.webhooks["erp"], utcnow()
        enqueue(hub.engine, webhook, now=clock)
        for _ in range(3):
            deliver_due(hub.engine, webhook, now=clock)
            clock += timedelta(hours=1)
        assert deliver_due(hub.engine, webhook, now=clock) == []  # dead: not tried again
        (delivery,) = deliveries(hub)
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("dead", 3, 503)

        admin = api.client(Role.ADMIN)
        dead = admin.get("/api/v1/webhooks/deliveries", params={"status": "dead"})
        assert dead.status_code == 200, dead.text
        (row,) = dead.json()
        assert (row["id"], row["event_kind"], row["po_number"], row["last_error"]) == (
            delivery.id,
            "released",
            "PO-1001",
            "HTTP 503",
        )
        assert admin.get("/api/v1/webhooks/deliveries", params={"status": "delivered"}).json() == []
        for role in (Role.ERP, Role.REVIEWER):
            assert api.client(role).get("/api/v1/webhooks/deliveries").status_code == 403
            assert api.client(role).post(f"/api/v1/webhooks/deliveries/{delivery.id}/retry").status_code == 403
        assert "dead" in workspace.cli("webhooks", "list", "--status", "dead")

        receiver.fail_first = 0  # the receiver is fixed
        retried = admin.post(f"/api/v1/webhooks/deliveries/{delivery.id}/retry")
        assert retried.status_code == 200 and retried.json()["status"] == "pending"
        assert retried.json()["attempts"] == 0
        (attempt,) = deliver_due(hub.engine, webhook)
        assert attempt.status == "delivered"
        again = admin.post(f"/api/v1/webhooks/deliveries/{delivery.id}/retry")
        assert again.status_code == 409  # a delivered event is never sent twice
        assert admin.post("/api/v1/webhooks/deliveries/999999/retry").status_code == 404
        with Session(hub.engine) as session:
            (audited,) = session.exec(select(AuditEvent).where(AuditEvent.entity == "webhook_delivery"))
        assert (
            audited.actor == "admin:test-admin" and audited.from_status == "dead" and "HTTP 503" in (audited.note or "")
        )
    assert len(receiver.requests) == 4


def test_two_workers_delivering_at_once_send_each_event_once(workspace, receiver, monkeypatch):
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    configure(workspace, url=receiver.url, events=["released", "held"])
    receiver.delay = 0.5  # both workers find the deliveries due while the first POSTs are in flight
    hubs = [workspace.hub(), workspace.hub()]  # two hub processes' worth: each its own engine
    drop_demo(workspace, "demo-po-1001", "demo-po-1002")
    hubs[0].poll_channel("demo-in")
    barrier = threading.Barrier(2)

    def work(hub) -> None:
        barrier.wait()
        enqueue(hub.engine, hub.webhooks["erp"])
        deliver_due(hub.engine, hub.webhooks["erp"])

    threads = [threading.Thread(target=work, args=(hub,)) for hub in hubs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    event_ids = [e["event_id"] for e in receiver.events()]
    assert len(event_ids) == 2 and len(set(event_ids)) == 2
    assert [d.status for d in deliveries(hubs[0])] == ["delivered", "delivered"]


def test_a_webhook_without_its_secret_stops_the_hub_at_start_up(sqlite_workspace, monkeypatch, tmp_path):
    workspace = sqlite_workspace
    monkeypatch.delenv("TEST_WEBHOOK_SECRET", raising=False)
    configure(workspace, url="http://127.0.0.1:9/x", events=["released"])
    with pytest.raises(ConfigError, match="TEST_WEBHOOK_SECRET is not set"):
        workspace.hub()
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", "short")
    with pytest.raises(ConfigError, match="shorter than 16 bytes"):
        workspace.hub()
    (workspace.root / "hook.secret").write_text(SECRET + "\n")
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["webhooks"][0].pop("secret_env")
    config["webhooks"][0]["secret_file"] = "hook.secret"
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    assert workspace.hub().webhooks["erp"].secret == SECRET.encode()  # from the file, newline stripped
    config["webhooks"][0]["events"] = ["shipped"]
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    with pytest.raises(ConfigError, match="events"):
        workspace.hub()


def test_the_cli_delivers_lists_the_dead_and_retries_them(sqlite_workspace, receiver, monkeypatch):
    workspace = sqlite_workspace
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    configure(workspace, url=receiver.url, events=["released"], max_attempts=1)
    receiver.fail_first = 1
    workspace.hub().poll_channel("demo-in")
    drop_demo(workspace, "demo-po-1001")
    workspace.hub().poll_channel("demo-in")
    assert "dead: HTTP 500" in workspace.cli("webhooks", "deliver")
    assert "released" in workspace.cli("webhooks", "list", "--status", "dead")
    assert "due again" in workspace.cli("webhooks", "retry", "--dead", "--actor", "ops:sam")
    assert "delivered" in workspace.cli("webhooks", "deliver")
    assert workspace.cli("webhooks", "list", "--status", "dead") == ""
    assert len(receiver.requests) == 2


def test_a_receiver_that_is_not_there_is_retried_and_its_url_kept_out_of_the_error(sqlite_workspace, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port on 127.0.0.1 that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/hook?token=receiver-secret"
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    configure(sqlite_workspace, url=url, events=["released"])
    hub = sqlite_workspace.hub()
    drop_demo(sqlite_workspace, "demo-po-1001")
    hub.poll_channel("demo-in")
    enqueue(hub.engine, hub.webhooks["erp"])
    (attempt,) = deliver_due(hub.engine, hub.webhooks["erp"])
    assert attempt.status == "pending" and attempt.error == "ConnectError: Connection refused"
    assert "receiver-secret" not in (deliveries(hub)[0].last_error or "")
