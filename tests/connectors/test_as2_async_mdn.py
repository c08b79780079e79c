"""AS2 outbound with asynchronous MDNs, through the outbox: posted (awaiting_mdn), the partner's MDN POSTed back
to our /as2 endpoint and matched by Message-ID (sent, or dead with the MDN's reason), and expiry when it never
comes (resent with the same Message-ID, then dead).

The partner is pyas2lib: a second hub whose as2 channel plays PARTNERA (it answers HTTP 200 at once and POSTs
the signed MDN to the URL our message names), or, where the test needs to hold the MDN back, a bare HTTP server
that swallows the message and the test has PARTNERA's pyas2lib station answer it.
"""

from __future__ import annotations

import http.server
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from conftest import Workspace
from sqlmodel import Session, col, select
from test_as2 import CHANNEL, PO, Pki

from connectors.as2.config import As2Config
from connectors.as2.receipt import MdnPending
from connectors.as2.station import Station, is_mdn
from connectors.base import Outgoing, PermanentError, Receipt
from connectors.registry import ConnectorConfigError, build_connector
from orderhub.outbox import expire_mdns
from orderhub.store.models import AuditEvent, InboundDocument, OutboundDocument
from orderhub.store.repo import record_new
from orderhub.web import WebServer, create_app
from schemas.status import OutboundStatus

Request = tuple[list[tuple[str, str]], bytes]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("as2-async-pki"))


def bound_socket() -> socket.socket:
    """A socket bound to a free port on 127.0.0.1, kept bound until the web server takes it (no race with
    another process taking the port between choosing and binding it)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class Node:
    """A hub (its own data folder and SQLite database) with one as2 channel, and its web app on 127.0.0.1."""

    def __init__(
        self, root: Path, options: dict[str, Any], sock: socket.socket | None = None, database_url: str | None = None
    ) -> None:
        self.workspace = Workspace(root, database_url or f"sqlite:///{root}.db")
        config = yaml.safe_load(self.workspace.settings.config_path.read_text())
        config["channels"].append({"name": CHANNEL, "kind": "as2", "options": options})
        self.workspace.settings.config_path.write_text(yaml.safe_dump(config))
        self.hub = self.workspace.hub()
        self.web = WebServer(create_app(self.hub), "127.0.0.1", 0, sock=sock).start()
        self.url = self.web.base_url + "/as2"

    def queue(self, data: bytes = PO, filename: str = "demo-retail_855_1.x12") -> int:
        """An outbound document for this channel, as the pipeline would queue it."""
        with Session(self.hub.engine) as session:
            row = OutboundDocument(
                dedupe_key=f"test:{filename}",
                partner_id="demo-retail",
                doc_type="855",
                channel=CHANNEL,
                status=OutboundStatus.QUEUED.value,
                interchange_control_number="1",
                group_control_number="1",
                set_control_numbers="0001",
                filename=filename,
                payload=data,
            )
            record_new(session, row)
            session.commit()
            return row.id or 0

    def row(self, outbound_id: int) -> OutboundDocument:
        with Session(self.hub.engine) as session:
            row = session.get(OutboundDocument, outbound_id)
            assert row is not None
            return row

    def wait_for(self, outbound_id: int, status: str, seconds: float = 10) -> OutboundDocument:
        deadline = time.monotonic() + seconds
        while (row := self.row(outbound_id)).status != status and time.monotonic() < deadline:
            time.sleep(0.05)
        assert row.status == status, f"outbound {outbound_id} is {row.status} ({row.last_error})"
        return row

    def trail(self, outbound_id: int) -> list[tuple[str, str | None]]:
        with Session(self.hub.engine) as session:
            events = session.exec(
                select(AuditEvent)
                .where(AuditEvent.entity == "outbound", AuditEvent.entity_id == str(outbound_id))
                .order_by(col(AuditEvent.id))
            )
            return [(e.to_status, e.note) for e in events]

    def documents(self) -> list[InboundDocument]:
        with Session(self.hub.engine) as session:
            return list(session.exec(select(InboundDocument).where(InboundDocument.channel == CHANNEL)))

    def close(self) -> None:
        self.web.stop()
        self.hub.close()


@pytest.fixture
def nodes(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Node]]:
    """Start a hub; ``database="postgresql"`` puts it on the PostgreSQL server of the run."""
    started: list[Node] = []

    def start(name: str, options: dict[str, Any], sock: socket.socket | None = None, database: str = "sqlite") -> Node:
        url = None if database == "sqlite" else request.getfixturevalue("postgres").new_database()
        started.append(Node(tmp_path / name, options, sock, url))
        return started[-1]

    yield start
    for node in started:
        node.close()


def partner_options(pki: Pki, **overrides: Any) -> dict[str, Any]:
    """PARTNERA's side of the relationship (a hub receiving what orderhub sends)."""
    options: dict[str, Any] = {
        "as2_name": "PARTNERA",
        "key_file": str(pki.partner_key),
        "cert_file": str(pki.partner_cert),
        "partner_as2_name": "ORDERHUB",
        "partner_cert_file": str(pki.hub_cert),
    }
    options.update(overrides)
    return options


def ours(nodes: Callable[..., Node], pki: Pki, partner_url: str, database: str = "sqlite", **overrides: Any) -> Node:
    """orderhub, sending to ``partner_url`` and asking for asynchronous MDNs at its own /as2 endpoint."""
    sock = bound_socket()
    port = sock.getsockname()[1]
    options = pki.hub_options(
        partner_url=partner_url, mdn_mode="async", mdn_url=f"http://127.0.0.1:{port}/as2", **overrides
    )
    return nodes("orderhub", options, sock, database)


Answer = Callable[[Request], tuple[dict[str, str], bytes]]


class BlackHole:
    """A partner endpoint that takes every message with HTTP 200 and never sends an MDN (or, with ``answer``,
    answers with what that returns)."""

    def __init__(self, answer: Answer | None = None) -> None:
        self.requests: queue.Queue[Request] = queue.Queue()
        received = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                request = (list(self.headers.items()), body)
                received.put(request)
                headers, content = answer(request) if answer else ({}, b"")
                self.send_response(200)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/as2"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()


def header(request: Request, name: str) -> str:
    return next(v for k, v in request[0] if k.lower() == name.lower())


def mdn_for(partner: Station, request: Request) -> tuple[dict[str, str], bytes]:
    """PARTNERA's (pyas2lib's) MDN for a message it received: what it would POST to the Receipt-Delivery-Option."""
    inbound = partner.receive(*request, seen=lambda _message_id: False)
    assert inbound.mdn_url and inbound.mdn_body
    return inbound.mdn_headers, inbound.mdn_body


def post_mdn(url: str, mdn: tuple[dict[str, str], bytes]) -> httpx.Response:
    return httpx.post(url, headers=mdn[0], content=mdn[1], timeout=30)


# -- delivery confirmed by the partner's asynchronous MDN ---------------------------------------------------------
POSTGRES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("database", POSTGRES)
def test_async_mdn_from_a_pyas2lib_partner_marks_the_document_delivered(nodes, pki, database):
    partner = nodes("partnera", partner_options(pki, mdn_post_hosts=["127.0.0.1"]))  # where orderhub listens
    hub = ours(nodes, pki, partner.url, database)
    outbound_id = hub.queue()
    assert hub.hub.dispatcher.drain() == 1
    # the partner answered HTTP 200 at once; whether its MDN is already in or not, the send was recorded
    row = hub.wait_for(outbound_id, "sent")
    assert row.as2_message_id and row.mic and row.sent_at is not None
    (stored,) = partner.documents()
    assert stored.remote_key == row.as2_message_id  # the partner has it, under our Message-ID
    statuses = [status for status, _ in hub.trail(outbound_id)]
    assert statuses == ["queued", "awaiting_mdn", "sent"]
    assert "MDN verified, MIC matches" in (hub.trail(outbound_id)[-1][1] or "")


def test_the_send_waits_for_the_mdn_and_a_late_genuine_one_is_matched(nodes, pki, black_hole):
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    request = black_hole.requests.get(timeout=5)
    assert header(request, "Receipt-Delivery-Option") == hub.hub.connectors[CHANNEL].config.mdn_url.unicode_string()
    row = hub.row(outbound_id)
    assert row.status == "awaiting_mdn" and row.mdn_due_at is not None
    assert row.as2_message_id == header(request, "Message-ID").strip("<>")
    response = post_mdn(hub.url, mdn_for(pki.partner_station(), request))
    assert response.status_code == 200
    assert hub.row(outbound_id).status == "sent"


def test_a_negative_mdn_makes_the_document_dead_with_its_disposition(nodes, pki):
    partner = nodes("partnera", partner_options(pki, mdn_post_hosts=["127.0.0.1"]))  # requires signed messages
    hub = ours(nodes, pki, partner.url, sign=False)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    row = hub.wait_for(outbound_id, "dead")
    assert "insufficient-message-security" in (row.last_error or "")
    assert [d.error_code for d in partner.documents()] == ["REFUSED_BY_CHANNEL"]


def test_an_mdn_reporting_another_mic_makes_the_document_dead(nodes, pki, black_hole):
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    request = black_hole.requests.get(timeout=5)
    with Session(hub.hub.engine) as session:  # as if the partner had got other bytes
        row = session.get(OutboundDocument, outbound_id)
        assert row is not None
        row.mic = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        session.add(row)
        session.commit()
    assert post_mdn(hub.url, mdn_for(pki.partner_station(), request)).status_code == 200
    row = hub.row(outbound_id)
    assert row.status == "dead" and "the MDN reports MIC" in (row.last_error or "")


def test_an_mdn_that_cannot_be_trusted_changes_nothing(nodes, pki, black_hole):
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    request = black_hole.requests.get(timeout=5)
    # an unsigned MDN (anyone could POST one) where we asked for a signed one
    unsigned = [(k, v) for k, v in request[0] if k.lower() != "disposition-notification-options"]
    mdn = mdn_for(pki.partner_station(), (unsigned, request[1]))
    assert not mdn[0]["Content-Type"].startswith("multipart/signed")
    assert post_mdn(hub.url, mdn).status_code == 200
    row = hub.row(outbound_id)
    assert row.status == "awaiting_mdn" and "not trusted" in (row.last_error or "")


def test_an_mdn_for_nothing_we_sent_is_answered_200_and_ignored(nodes, pki, black_hole):
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    black_hole.requests.get(timeout=5)
    # a genuine MDN from PARTNERA, for a message of ours the outbox never sent
    stray = Station(hub.hub.connectors[CHANNEL].config).build(PO, "other.x12", message_id="never-queued")
    request = (list(stray.headers.items()), stray.body)
    assert post_mdn(hub.url, mdn_for(pki.partner_station(), request)).status_code == 200
    # and one from a relationship we do not have
    stranger_mdn = ({**mdn_for(pki.partner_station(), request)[0], "AS2-From": "STRANGER"}, b"")
    stranger_mdn[0]["Content-Type"] = "multipart/report; report-type=disposition-notification; boundary=x"
    assert post_mdn(hub.url, stranger_mdn).status_code == 200
    row = hub.row(outbound_id)
    assert row.status == "awaiting_mdn" and row.last_error is None
    assert hub.documents() == []  # an MDN is not an inbound document


# -- expiry -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("database", POSTGRES)
def test_no_mdn_in_time_resends_with_the_same_message_id_then_escalates(nodes, pki, black_hole, database):
    hub = ours(nodes, pki, black_hole.url, database, mdn_timeout_minutes=0.01, mdn_resends=1)  # due in 0.6 s
    engine, resends = hub.hub.engine, {CHANNEL: 1}
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    first = black_hole.requests.get(timeout=5)
    due = hub.row(outbound_id).mdn_due_at
    assert due is not None
    assert expire_mdns(engine, resends, now=due - timedelta(seconds=1)) == []  # not yet
    (line,) = expire_mdns(engine, resends, now=due + timedelta(seconds=1))
    assert "resend 1 of 1" in line
    row = hub.row(outbound_id)
    assert row.status == "queued" and row.mdn_timeouts == 1 and row.mdn_due_at is None
    hub.hub.dispatcher.drain()
    second = black_hole.requests.get(timeout=5)
    assert header(second, "Message-ID") == header(first, "Message-ID")  # RFC 4130: a resend keeps its id
    assert hub.row(outbound_id).status == "awaiting_mdn"
    time.sleep(0.7)  # the real clock this time: the job as the scheduler runs it
    (line,) = expire_mdns(engine, resends)
    row = hub.row(outbound_id)
    assert row.status == "dead" and "escalated" in (row.last_error or "") and "after 2 send(s)" in row.last_error
    statuses = [status for status, _ in hub.trail(outbound_id)]
    assert statuses == ["queued", "awaiting_mdn", "expired", "queued", "awaiting_mdn", "expired", "dead"]
    listing = hub.workspace.cli("outbox")
    assert "dead" in listing and "escalated" in listing
    # a resend by hand starts over, with the same Message-ID
    hub.workspace.cli("outbox", "resend", str(outbound_id))
    assert header(black_hole.requests.get(timeout=5), "Message-ID") == header(first, "Message-ID")
    row = hub.row(outbound_id)
    assert row.status == "awaiting_mdn" and row.mdn_timeouts == 0


def test_an_mdn_for_an_expired_document_waiting_for_its_resend_still_counts(nodes, pki, black_hole):
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    request = black_hole.requests.get(timeout=5)
    due = hub.row(outbound_id).mdn_due_at
    assert due is not None
    expire_mdns(hub.hub.engine, {CHANNEL: 2}, now=due + timedelta(seconds=1))
    assert hub.row(outbound_id).status == "queued"
    assert post_mdn(hub.url, mdn_for(pki.partner_station(), request)).status_code == 200
    assert hub.row(outbound_id).status == "sent"
    assert hub.hub.dispatcher.drain() == 0  # nothing left to resend


def test_expiry_without_resends_escalates_at_once(nodes, pki, black_hole):
    hub = ours(nodes, pki, black_hole.url, mdn_resends=0)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    due = hub.row(outbound_id).mdn_due_at
    assert due is not None
    expire_mdns(hub.hub.engine, {CHANNEL: 0}, now=due + timedelta(seconds=1))
    assert hub.row(outbound_id).status == "dead"


# -- the connector and its configuration -------------------------------------------------------------------------
def test_connector_returns_mdn_pending_and_reads_a_synchronous_answer_too(pki, black_hole):
    options = pki.hub_options(partner_url=black_hole.url, mdn_mode="async", mdn_url="http://127.0.0.1:9/as2")
    doc = Outgoing("po.x12", PO, "demo-retail", "850")
    receipt = build_connector(CHANNEL, "as2", options).send(doc)
    assert isinstance(receipt, MdnPending) and receipt.mic and receipt.mdn_due_at is not None
    assert receipt.mdn_due_at - receipt.sent_at == timedelta(minutes=60)
    assert receipt.remote_key == receipt.message_id
    assert "asynchronous MDNs to http://127.0.0.1:9/as2" in build_connector(CHANNEL, "as2", options).check()

    # a partner that ignores the request and answers at once: its synchronous MDN decides, as in sync mode
    def answer_at_once(request: Request) -> tuple[dict[str, str], bytes]:
        headers = [(k, v) for k, v in request[0] if k.lower() != "receipt-delivery-option"]
        inbound = pki.partner_station().receive(headers, request[1], seen=lambda _m: False)
        return inbound.mdn_headers, inbound.mdn_body

    impatient = BlackHole(answer_at_once)
    try:
        options["partner_url"] = impatient.url
        got = build_connector(CHANNEL, "as2", options).send(doc)
        assert type(got) is Receipt  # delivered, nothing pending
        with pytest.raises(PermanentError, match="insufficient-message-security"):
            build_connector(CHANNEL, "as2", {**options, "sign": False}).send(doc)
    finally:
        impatient.close()


def test_is_mdn_tells_an_mdn_from_a_message(pki):
    partner = pki.partner_station()
    sent = partner.build(PO, "po.x12")
    assert not is_mdn(list(sent.headers.items()), sent.body)
    unencrypted = pki.partner_station(encrypt=False).build(PO, "po.x12")  # multipart/signed, not a report
    assert not is_mdn(list(unencrypted.headers.items()), unencrypted.body)
    hub_station = Station(As2Config.model_validate(pki.hub_options()))
    answer = hub_station.receive(list(sent.headers.items()), sent.body, seen=lambda _m: False)
    assert is_mdn(list(answer.mdn_headers.items()), answer.mdn_body)  # signed multipart/report


def test_async_needs_our_mdn_url(pki):
    with pytest.raises(ConnectorConfigError, match="mdn_url"):
        build_connector(CHANNEL, "as2", pki.hub_options(mdn_mode="async"))
    with pytest.raises(ConnectorConfigError, match="mdn_timeout_minutes"):
        build_connector(
            CHANNEL, "as2", pki.hub_options(mdn_mode="async", mdn_url="http://x/as2", mdn_timeout_minutes=0)
        )


def test_the_hub_schedules_the_expiry_job_for_as2_channels(nodes, pki, black_hole, monkeypatch):
    import orderhub.hub

    jobs: dict[str, Any] = {}

    class Recorder:
        def every(self, name: str, seconds: float, func: Any, **kwargs: Any) -> None:
            jobs[name] = func

        def run_now_and_start(self) -> None:
            pass

    monkeypatch.setattr(orderhub.hub, "JobScheduler", Recorder)
    hub = ours(nodes, pki, black_hole.url, mdn_resends=0)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    with Session(hub.hub.engine) as session:
        row = session.get(OutboundDocument, outbound_id)
        assert row is not None and row.mdn_due_at is not None
        row.mdn_due_at -= timedelta(hours=2)
        session.add(row)
        session.commit()
    hub.hub.run_forever()
    jobs["as2-mdn-expiry"]()
    assert hub.row(outbound_id).status == "dead"


def test_an_mdn_arriving_before_the_send_is_recorded_is_answered_503_at_once_and_counts_when_posted_again(
    nodes, pki, black_hole
):
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    request = black_hole.requests.get(timeout=5)
    engine = hub.hub.engine
    message_id = hub.row(outbound_id).as2_message_id

    def put_back(status: str, claimed: bool) -> None:  # raw writes: the state a dispatcher mid-send leaves
        with Session(engine) as session:
            row = session.get(OutboundDocument, outbound_id)
            assert row is not None
            row.status = status
            row.as2_message_id = None if claimed else message_id  # recorded with the send's outcome
            row.claimed_until = row.created_at + timedelta(days=3650) if claimed else None
            row.claimed_by = "dispatcher" if claimed else None
            session.add(row)
            session.commit()

    put_back("queued", claimed=True)  # posted, the partner's MDN is quicker than our commit
    mdn = mdn_for(pki.partner_station(), request)
    started = time.monotonic()
    early = post_mdn(hub.url, mdn)
    assert early.status_code == 503 and early.headers["retry-after"]  # no worker thread held for it
    assert time.monotonic() - started < 5
    assert hub.row(outbound_id).status == "queued"
    put_back("awaiting_mdn", claimed=False)  # the send is recorded; the partner POSTs the MDN again
    assert post_mdn(hub.url, mdn).status_code == 200
    assert hub.row(outbound_id).status == "sent"
