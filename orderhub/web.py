"""The hub's web app (FastAPI). For now it serves one thing: the inbound AS2 endpoint, ``POST /as2``.

AS2 inbound, per message:

1. The AS2-To/AS2-From pair picks the channel (one ``as2`` channel per partner relationship). No such channel:
   HTTP 200 with an *unsigned* synchronous negative MDN ``unknown-trading-partner``, nothing stored (a stranger's
   bytes are not ours to keep, and an MDN signed for anyone who asks would prove nothing).
2. The channel's station decrypts and verifies. A Message-ID already recorded on that channel is answered
   "processed/Warning: duplicate-document" and not processed again; the record is the ``inbound_document`` row
   (channel, remote_key = Message-ID), so no table of its own is needed.
3. A genuine message's payload goes through :meth:`Pipeline.handle` with the Message-ID as remote key; a
   refused one (bad signature, missing signature or encryption, undecryptable) is recorded as it arrived
   (headers and body) as a failed document, ``REFUSED_BY_CHANNEL``, with the reason, and not processed. A
   refused Message-ID does not count as seen: the partner may send the genuine message again under it.
4. Only after that commit is the MDN returned (or POSTed to the sender's URL, when it asked for an
   asynchronous MDN). If recording fails (the database is away), the answer is HTTP 503 without an MDN: the
   partner sends again.

An asynchronous MDN for something we sent comes to the same endpoint (a multipart/report, signed or not). It is
matched by channel and original Message-ID to the outbox row waiting for it, verified (signature, disposition,
our MIC) and recorded: delivered (``sent``) or ``dead`` with the MDN's reason. An MDN for nothing we wait for,
from a stranger, or one that cannot be trusted (bad or missing signature) is answered HTTP 200, logged, and
changes nothing (an untrusted one leaves its reason on the row, which expires unless a genuine MDN follows).
"""

from __future__ import annotations

import hashlib
import logging
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx
import uvicorn
from fastapi import BackgroundTasks, FastAPI, Request, Response
from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from connectors.as2.connector import As2Connector
from connectors.as2.receipt import MdnVerdict, SentMessage
from connectors.as2.station import InboundMessage, as2_names, is_mdn, raw_http, refuse_unknown
from connectors.base import Connector, Incoming
from orderhub.outbox import AwaitingMdn, awaiting_mdn, note_mdn_problem, record_mdn, send_in_flight
from orderhub.pipeline import Pipeline
from orderhub.store.models import InboundDocument

if TYPE_CHECKING:
    from orderhub.hub import Hub

log = logging.getLogger(__name__)
REFUSED = "REFUSED_BY_CHANNEL"  # the error code Pipeline.refuse records
MAX_AS2_BYTES = 256 * 1024 * 1024  # a larger message is refused with HTTP 413 before it is read whole


def remote_key(message_id: str) -> str:
    """The Message-ID as the document's remote key: as is up to RFC 4130's 255 characters; a longer one (which
    would not fit the column) shortened, with a digest of the whole so it still identifies the message."""
    if len(message_id) <= 255:
        return message_id
    return f"{message_id[:200]}#{hashlib.sha256(message_id.encode('utf-8', 'surrogateescape')).hexdigest()}"


@dataclass
class As2Reply:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    async_mdn_url: str | None = None  # POST headers/body there after answering (and answer empty now)
    inbound: InboundMessage | None = None
    document_id: int | None = None
    mdn: MdnVerdict | None = None  # set when the request was an asynchronous MDN
    outbound_status: str | None = None  # what that MDN made of the document it answers


class As2Endpoint:
    """Inbound AS2 for every ``as2`` channel of a hub. :meth:`handle` is blocking (database, crypto)."""

    def __init__(self, pipeline: Pipeline, engine: Engine, connectors: Mapping[str, Connector]) -> None:
        self.pipeline = pipeline
        self.engine = engine
        self.channels: dict[tuple[str, str], As2Connector] = {}
        for connector in connectors.values():
            if isinstance(connector, As2Connector):
                key = (connector.config.as2_name, connector.config.partner_as2_name)
                if key in self.channels:
                    raise ValueError(f"channels {self.channels[key].name} and {connector.name} both serve AS2 {key}")
                self.channels[key] = connector

    def seen(self, channel: str, message_id: str) -> bool:
        """Whether this Message-ID was received on this channel before (and not refused)."""
        with Session(self.engine) as session:
            stmt = (
                select(InboundDocument.id)
                .where(InboundDocument.channel == channel, InboundDocument.remote_key == remote_key(message_id))
                .where(or_(col(InboundDocument.error_code).is_(None), col(InboundDocument.error_code) != REFUSED))
                .limit(1)
            )
            return session.exec(stmt).first() is not None

    def handle(self, headers: list[tuple[str, str]], body: bytes) -> As2Reply:
        as2_from, as2_to = as2_names(headers)
        if as2_from is None or as2_to is None:
            return As2Reply(400, {"Content-Type": "text/plain"}, b"not an AS2 message: AS2-From and AS2-To required")
        connector = self.channels.get((as2_to, as2_from))
        if is_mdn(headers, body):
            return self.handle_mdn(connector, headers, body)
        if connector is None:
            refused = refuse_unknown(headers, body)
            log.warning("AS2 message <%s> refused: %s", refused.message_id, refused.error)
            return As2Reply(200, refused.mdn_headers, refused.mdn_body, inbound=refused)
        channel = connector.name
        received_at = datetime.now(UTC)
        inbound = connector.receive(headers, body, lambda message_id: self.seen(channel, message_id))
        message_id = remote_key(inbound.message_id or f"(no Message-ID, {received_at.isoformat()})")
        document_id = None
        try:
            if inbound.processed and inbound.payload is not None:
                outcome = self.pipeline.handle(
                    Incoming(
                        channel=channel,
                        remote_key=message_id,
                        data=inbound.payload,
                        received_at=received_at,
                        filename=inbound.filename,
                        metadata={"as2_from": as2_from, "as2_message_id": message_id},
                    )
                )
                document_id = outcome.document_id
                log.info("AS2 %s <%s> -> document %s %s", channel, message_id, document_id, outcome.status.value)
            elif inbound.duplicate:
                log.info("AS2 %s <%s>: Message-ID seen before, not processed again", channel, message_id)
            else:
                reason = f"AS2 message refused, {inbound.status}: {inbound.detail} ({inbound.error})"
                outcome = self.pipeline.handle(
                    Incoming(
                        channel=channel,
                        remote_key=message_id,
                        data=raw_http(headers, body),
                        received_at=received_at,
                        metadata={"refused": reason, "as2_from": as2_from},
                    )
                )
                document_id = outcome.document_id
                log.warning("AS2 %s <%s> -> document %s: %s", channel, message_id, document_id, reason)
        except Exception:
            log.exception(
                "AS2 %s <%s>: could not record the message; no MDN, the partner sends again", channel, message_id
            )
            return As2Reply(503, {"Content-Type": "text/plain"}, b"temporarily unable to record the message")
        if inbound.mdn_url:
            return As2Reply(200, inbound=inbound, document_id=document_id, async_mdn_url=inbound.mdn_url)
        return As2Reply(200, inbound.mdn_headers, inbound.mdn_body, inbound=inbound, document_id=document_id)

    def handle_mdn(self, connector: As2Connector | None, headers: list[tuple[str, str]], body: bytes) -> As2Reply:
        """An asynchronous MDN: match, verify, record. HTTP 200 unless recording failed (503: POST it again)."""
        received = As2Reply(200, {"Content-Type": "text/plain"}, b"MDN received")
        if connector is None:
            as2_from, as2_to = as2_names(headers)
            log.warning("AS2 MDN from %r to %r: no such AS2 relationship; ignored", as2_from, as2_to)
            return received
        channel = connector.name
        matched: list[AwaitingMdn] = []
        # the partner may POST the MDN before the dispatcher has recorded the send: wait for that, not longer
        deadline = time.monotonic() + connector.config.timeout_seconds

        def find(message_id: str) -> SentMessage | None:
            while True:
                in_flight = send_in_flight(self.engine, channel)  # asked first: a send recorded after it is seen
                found = awaiting_mdn(self.engine, channel, message_id)
                if found is not None or not in_flight or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            if found is None:
                return None
            matched.append(found)
            return SentMessage(found.message_id, found.mic)

        try:
            verdict = connector.read_async_mdn(headers, body, find)
            received.mdn = verdict
            if not verdict.matched or not matched:
                log.info("AS2 %s: %s (%s: %s); ignored", channel, verdict.reason, verdict.status, verdict.detail)
                return received
            outbound = matched[0]
            if verdict.delivered is None:
                log.warning(
                    "AS2 %s: outbound %s <%s>: %s", channel, outbound.outbound_id, outbound.message_id, verdict.reason
                )
                note_mdn_problem(self.engine, outbound.outbound_id, f"an MDN arrived but {verdict.reason}")
                return received
            received.outbound_status = record_mdn(
                self.engine, outbound.outbound_id, outbound.message_id, verdict.delivered, verdict.reason
            )
        except Exception:
            log.exception("AS2 %s: could not record an MDN; answered 503, the partner may POST it again", channel)
            return As2Reply(503, {"Content-Type": "text/plain"}, b"temporarily unable to record the MDN")
        log.info(
            "AS2 %s: outbound %s <%s> %s: %s",
            channel,
            outbound.outbound_id,
            outbound.message_id,
            received.outbound_status or "already recorded",
            verdict.reason,
        )
        return received


def post_async_mdn(url: str, headers: dict[str, str], body: bytes, timeout: float = 60.0) -> None:
    """Deliver an asynchronous MDN; a failure is logged (the partner may resend, and is answered again)."""
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=timeout)
        if response.status_code >= 300:
            log.warning("asynchronous MDN to %s answered HTTP %s", url, response.status_code)
    except httpx.HTTPError as exc:
        log.warning("asynchronous MDN to %s failed: %s", url, exc)


def create_app(hub: Hub) -> FastAPI:
    """The web app of a hub: ``POST /as2``."""
    endpoint = As2Endpoint(hub.pipeline, hub.engine, hub.connectors)
    app = FastAPI(title="orderhub", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.as2 = endpoint

    @app.post("/as2")
    async def as2(request: Request, background: BackgroundTasks) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_AS2_BYTES:
            return Response(f"larger than {MAX_AS2_BYTES} bytes".encode(), status_code=413)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_AS2_BYTES:
                return Response(f"larger than {MAX_AS2_BYTES} bytes".encode(), status_code=413)
            chunks.append(chunk)
        body = b"".join(chunks)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        reply = await run_in_threadpool(endpoint.handle, headers, body)
        if reply.async_mdn_url and reply.inbound is not None:
            background.add_task(post_async_mdn, reply.async_mdn_url, reply.inbound.mdn_headers, reply.inbound.mdn_body)
        return Response(content=reply.body, status_code=reply.status_code, headers=reply.headers)

    return app


class WebServer:
    """The web app under uvicorn in a background thread, next to the scheduler in ``orderhub run``.

    ``port=0`` takes a free port; :attr:`base_url` says which. :meth:`start` returns once it accepts requests.
    """

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 8080) -> None:
        self.sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        bound_host, bound_port = self.sock.getsockname()[:2]
        self.base_url = f"http://{bound_host if ':' not in bound_host else f'[{bound_host}]'}:{bound_port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self, timeout: float = 10.0) -> WebServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web server on {self.base_url} did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(10)
        self.sock.close()
