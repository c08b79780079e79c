"""The hub's web app (FastAPI). For now it serves one thing: the inbound AS2 endpoint, ``POST /as2``.

AS2 inbound, per message:

1. The AS2-To/AS2-From pair picks the channel (one ``as2`` channel per partner relationship), from the headers
   alone. No such channel: HTTP 200 with an *unsigned* synchronous negative MDN ``unknown-trading-partner`` built
   from the headers, the body not even read, nothing stored (a stranger's bytes are not ours to keep, and an MDN
   signed for anyone who asks would prove nothing). A body larger than the channel's ``max_message_mb`` is
   refused with HTTP 413, by its Content-Length before it is read, or as soon as the stream passes the limit.
   At most ``MAX_PARALLEL`` requests are read and parsed at a time; one that waits longer than
   ``QUEUE_SECONDS`` for its turn is answered 503 (the partner sends again).
2. The channel's station decrypts and verifies (and checks ``require_encrypted``/``require_signed`` itself). A
   Message-ID already recorded *and processed* on that channel (the ``inbound_document`` row, channel and
   remote_key = Message-ID, past ``received``) is answered "processed/Warning: duplicate-document" with its MIC,
   and not processed again. A row still ``received`` (recorded, then processing failed and the partner got
   503) is not seen: the partner's resend goes through :meth:`Pipeline.handle`, which picks up that row.
3. A genuine message's payload goes through :meth:`Pipeline.handle` with the Message-ID as remote key; a
   refused one (bad signature, missing signature or encryption, undecryptable, an MDN algorithm we do not
   allow) is recorded as a failed document, ``REFUSED_BY_CHANNEL``, with the reason, and not processed: its
   headers (without Authorization, Cookie, Proxy-Authorization) and at most ``max_refused_kb`` of its body. A
   refused Message-ID does not count as seen: the partner may send the genuine message again under it.
4. Only after that commit is the MDN returned. An asynchronous MDN (the sender named a Receipt-Delivery-Option)
   is POSTed only for a message that was processed or is a genuine duplicate, and only to a URL whose host the
   channel allows (``mdn_post_hosts``, default the host of ``partner_url``): the hub never POSTs to a URL an
   unauthenticated request chose. Otherwise the MDN is returned synchronously, in the HTTP response. If
   recording fails (the database is away), the answer is HTTP 503 without an MDN: the partner sends again.

An asynchronous MDN for something we sent comes to the same endpoint (a multipart/report, signed or not). It is
matched by channel and original Message-ID to the outbox row waiting for it, verified (signature by the partner's
certificate over the report, disposition, our MIC) and recorded: delivered (``sent``) or ``dead`` with the MDN's
reason. An MDN for nothing we wait for, from a stranger, or one that cannot be trusted (bad or missing signature)
is answered HTTP 200, logged, and changes nothing (an untrusted one leaves its reason on the row it names, which
expires unless a genuine MDN follows). An MDN that arrives while a send on its channel is still in flight (the
partner was quicker than our commit) and matches nothing yet is answered HTTP 503 at once, with Retry-After: the
partner POSTs it again, by which time the send is recorded; no worker thread waits for it.
"""

from __future__ import annotations

import asyncio
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
from connectors.as2.station import InboundMessage, as2_names, header, is_mdn, raw_http, refuse_unknown
from connectors.base import Connector, Incoming
from orderhub.outbox import AwaitingMdn, awaiting_mdn, note_mdn_problem, record_mdn, send_in_flight
from orderhub.pipeline import Pipeline
from orderhub.store.models import InboundDocument
from schemas.status import DocumentStatus

if TYPE_CHECKING:
    from orderhub.hub import Hub

log = logging.getLogger(__name__)
REFUSED = "REFUSED_BY_CHANNEL"  # the error code Pipeline.refuse records
MAX_AS2_BYTES = 256 * 1024 * 1024  # no channel's max_message_mb goes beyond this
MAX_PARALLEL = 4  # AS2 requests read and parsed at the same time (each may hold a message, decrypted, in memory)
QUEUE_SECONDS = 30.0  # how long a request waits for its turn before it is answered 503
RETRY_AFTER = "5"  # seconds, for the 503 answers the partner is expected to retry
SECRET_HEADERS = ("authorization", "cookie", "proxy-authorization")  # never stored with a refused message


class RetryLater(Exception):
    """Answer 503 with Retry-After: the request may succeed when the partner sends it again."""


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
        """Whether this Message-ID was received on this channel before, and got past ``received`` (a row left
        ``received`` by a failure the partner was told of with a 503 is processed on its resend), not refused."""
        with Session(self.engine) as session:
            stmt = (
                select(InboundDocument.id)
                .where(InboundDocument.channel == channel, InboundDocument.remote_key == remote_key(message_id))
                .where(or_(col(InboundDocument.error_code).is_(None), col(InboundDocument.error_code) != REFUSED))
                .where(InboundDocument.status != DocumentStatus.RECEIVED.value)
                .limit(1)
            )
            return session.exec(stmt).first() is not None

    def admit(self, headers: list[tuple[str, str]]) -> tuple[As2Reply | None, int]:
        """What can be told from the headers alone: (an answer that needs no body, or None; the size limit of
        the body). A request that is no AS2, for a stranger, or too large by its Content-Length is answered."""
        as2_from, as2_to = as2_names(headers)
        if as2_from is None or as2_to is None:
            return As2Reply(400, {"Content-Type": "text/plain"}, b"not an AS2 message: AS2-From and AS2-To required"), 0
        connector = self.channels.get((as2_to, as2_from))
        if connector is None:
            kind = (header(headers, "content-type") or "").split(";")[0].strip().lower()
            if kind == "multipart/report":
                log.warning("AS2 MDN from %r to %r: no such AS2 relationship; ignored", as2_from, as2_to)
                return As2Reply(200, {"Content-Type": "text/plain"}, b"MDN received"), 0
            refused = refuse_unknown(headers)
            log.warning("AS2 message <%s> refused: %s", refused.message_id, refused.error)
            return As2Reply(200, refused.mdn_headers, refused.mdn_body, inbound=refused), 0
        limit = min(connector.config.max_message_bytes, MAX_AS2_BYTES)
        declared = header(headers, "content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            return too_large(limit), limit
        return None, limit

    def handle(self, headers: list[tuple[str, str]], body: bytes) -> As2Reply:
        early, limit = self.admit(headers)
        if early is not None:
            return early
        if len(body) > limit:
            return too_large(limit)
        as2_from, as2_to = as2_names(headers)
        assert as2_from is not None and as2_to is not None  # admit() answered otherwise
        connector = self.channels[(as2_to, as2_from)]
        if is_mdn(headers, body):
            return self.handle_mdn(connector, headers, body)
        channel = connector.name
        received_at = datetime.now(UTC)
        message_id = "(not read)"
        document_id = None
        try:
            inbound = connector.receive(headers, body, lambda message_id: self.seen(channel, message_id))
            message_id = remote_key(inbound.message_id or f"(no Message-ID, {received_at.isoformat()})")
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
                cap = connector.config.max_refused_kb * 1024
                kept = body[:cap]
                reason = f"AS2 message refused, {inbound.status}: {inbound.detail} ({inbound.error})"
                if len(kept) < len(body):
                    reason += f"; only the first {len(kept)} of {len(body)} bytes kept"
                safe = [(k, v) for k, v in headers if k.lower() not in SECRET_HEADERS]
                outcome = self.pipeline.handle(
                    Incoming(
                        channel=channel,
                        remote_key=message_id,
                        data=raw_http(safe, kept),
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
            return As2Reply(
                503, {"Content-Type": "text/plain", "Retry-After": RETRY_AFTER}, b"temporarily unable to record"
            )
        reply = As2Reply(200, inbound.mdn_headers, inbound.mdn_body, inbound=inbound, document_id=document_id)
        url = inbound.mdn_url
        if url and inbound.mdn_body:
            if (inbound.processed or inbound.duplicate) and connector.mdn_url_allowed(url):
                return As2Reply(200, inbound=inbound, document_id=document_id, async_mdn_url=url)
            log.warning(
                "AS2 %s <%s>: asynchronous MDN asked for at %s, answered synchronously instead (%s)",
                channel,
                message_id,
                url,
                "not processed" if not (inbound.processed or inbound.duplicate) else "host not in mdn_post_hosts",
            )
        return reply

    def handle_mdn(self, connector: As2Connector, headers: list[tuple[str, str]], body: bytes) -> As2Reply:
        """An asynchronous MDN: match, verify, record. HTTP 200 unless recording failed, or it came before the
        send it answers was recorded (503 with Retry-After, at once: the partner POSTs it again)."""
        received = As2Reply(200, {"Content-Type": "text/plain"}, b"MDN received")
        channel = connector.name
        matched: list[AwaitingMdn] = []

        def find(message_id: str) -> SentMessage | None:
            in_flight = send_in_flight(self.engine, channel)  # asked first: a send recorded after it is seen
            found = awaiting_mdn(self.engine, channel, message_id)
            if found is None:
                if in_flight:
                    raise RetryLater(f"MDN for <{message_id}> while a send on {channel} is in flight")
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
        except RetryLater as exc:
            log.info("AS2 %s: %s; answered 503, the partner POSTs it again", channel, exc)
            return As2Reply(
                503, {"Content-Type": "text/plain", "Retry-After": RETRY_AFTER}, b"not ready for this MDN yet"
            )
        except Exception:
            log.exception("AS2 %s: could not record an MDN; answered 503, the partner may POST it again", channel)
            return As2Reply(
                503, {"Content-Type": "text/plain", "Retry-After": RETRY_AFTER}, b"temporarily unable to record"
            )
        log.info(
            "AS2 %s: outbound %s <%s> %s: %s",
            channel,
            outbound.outbound_id,
            outbound.message_id,
            received.outbound_status or "already recorded",
            verdict.reason,
        )
        return received


def too_large(limit: int) -> As2Reply:
    return As2Reply(413, {"Content-Type": "text/plain", "Connection": "close"}, f"larger than {limit} bytes".encode())


def post_async_mdn(url: str, headers: dict[str, str], body: bytes, timeout: float = 60.0) -> None:
    """Deliver an asynchronous MDN (no redirects followed); a failure is logged (the partner may resend, and is
    answered again)."""
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=timeout, follow_redirects=False)
        if response.status_code >= 300:
            log.warning("asynchronous MDN to %s answered HTTP %s", url, response.status_code)
    except httpx.HTTPError as exc:
        log.warning("asynchronous MDN to %s failed: %s", url, exc)


def _response(reply: As2Reply) -> Response:
    return Response(content=reply.body, status_code=reply.status_code, headers=reply.headers)


def create_app(hub: Hub, max_parallel: int = MAX_PARALLEL, queue_seconds: float = QUEUE_SECONDS) -> FastAPI:
    """The web app of a hub: ``POST /as2``, the ERP API and the pages (:mod:`orderhub.api`), OpenAPI at
    ``/openapi.json``."""
    from orderhub.api import routers
    from orderhub.api.auth import LoginRequired
    from orderhub.api.limits import BodyLimit

    endpoint = As2Endpoint(hub.pipeline, hub.engine, hub.connectors)
    app = FastAPI(
        title="orderhub",
        version="1",
        description="The ERP's interface to orderhub: orders feed, decisions, shipments, invoices, master data.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.as2 = endpoint
    app.state.hub = hub
    for factory in routers():
        app.include_router(factory(hub))

    @app.exception_handler(LoginRequired)
    async def login_first(request: Request, exc: LoginRequired) -> Response:
        from urllib.parse import quote

        return Response(status_code=303, headers={"Location": f"/login?next={quote(exc.next_url, safe='')}"})

    app.add_middleware(BodyLimit, max_bytes=hub.config.web.max_body_mb * 1024 * 1024)  # type: ignore[arg-type]
    turns = asyncio.Semaphore(max_parallel)

    @app.post("/as2", include_in_schema=False)
    async def as2(request: Request, background: BackgroundTasks) -> Response:
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        early, limit = endpoint.admit(headers)  # from the headers alone: no body read for these
        if early is not None:
            return _response(early)
        try:
            await asyncio.wait_for(turns.acquire(), queue_seconds)
        except TimeoutError:
            return _response(
                As2Reply(503, {"Content-Type": "text/plain", "Retry-After": RETRY_AFTER}, b"busy, send again later")
            )
        try:
            chunks, size = [], 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    return _response(too_large(limit))
                chunks.append(chunk)
            body = b"".join(chunks)
            del chunks
            reply = await run_in_threadpool(endpoint.handle, headers, body)
        finally:
            turns.release()
        if reply.async_mdn_url and reply.inbound is not None:
            background.add_task(post_async_mdn, reply.async_mdn_url, reply.inbound.mdn_headers, reply.inbound.mdn_body)
        return _response(reply)

    return app


class WebServer:
    """The web app under uvicorn in a background thread, next to the scheduler in ``orderhub run``.

    ``port=0`` takes a free port; :attr:`base_url` says which. ``sock``: a socket already bound (a caller that
    must know the port before the app exists binds port 0 itself). :meth:`start` returns once it accepts
    requests.
    """

    def __init__(
        self, app: FastAPI, host: str = "127.0.0.1", port: int = 8080, sock: socket.socket | None = None
    ) -> None:
        if sock is None:
            sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
        self.sock = sock
        bound_host, bound_port = self.sock.getsockname()[:2]
        self.base_url = f"http://{bound_host if ':' not in bound_host else f'[{bound_host}]'}:{bound_port}"
        # log_config=None: uvicorn's lines go through the hub's own logging (JSON lines too), not its own handlers
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", log_config=None))
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
