"""Webhooks: feed events POSTed to the ERP as signed JSON, retried with backoff, dead when they keep failing.

Contract, per configured webhook (:class:`orderhub.push_config.WebhookConfig`):

- :func:`enqueue` follows the orders feed with the webhook's own cursor and creates one ``webhook_delivery``
  per event of a subscribed kind. The unique (webhook, event_seq) makes a second row for the same event
  impossible, whoever enqueues.
- :func:`deliver_due` POSTs each due delivery once: it first *claims* the row by moving its
  ``next_attempt_at`` past the POST's timeout (an atomic conditional update; a second process finds it not
  due), then records the outcome in a short transaction of its own: no database lock is held while the
  receiver thinks. A 2xx answer is ``delivered``; anything else (another status, a redirect, a timeout, a
  refused connection) is retried after ``backoff_seconds × backoff_factor^(attempt-1)`` (at most
  ``max_backoff_seconds``), and after ``max_attempts`` failures the delivery is ``dead``: listed by
  ``GET /api/v1/webhooks/deliveries?status=dead`` and ``orderhub webhooks list``, sent again by
  :func:`retry`. A delivered event is never sent again by orderhub; a crash between the receiver's answer
  and our commit sends it again, so receivers drop repeats by ``X-Orderhub-Event-Id`` (at-least-once, as
  any webhook). Deliveries are not ordered: the body's ``event_id`` (the feed's seq) orders them.
- The body is the event as JSON (:func:`orderhub.feed_cursor.event_document`), the same bytes on every
  attempt. ``X-Orderhub-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>``: a receiver
  recomputes it (see :func:`verify`) and refuses a stale ``t`` against replays.
- The secret comes from an environment variable or a file named in the configuration, read at start-up; it
  is never stored in the database, logged, or put in an error message. Neither is the URL (it may carry a
  receiver's token): logs name the webhook.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from orderhub.errors import ConfigError
from orderhub.feed_cursor import advance, cursor_key, event_document, events_after, position
from orderhub.push_config import WebhookConfig
from orderhub.settings import Settings, read_secret
from orderhub.store.models import OrderEvent, WebhookDelivery, utcnow
from orderhub.store.repo import audit

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Orderhub-Signature"
EVENT_ID_HEADER = "X-Orderhub-Event-Id"
MIN_SECRET_BYTES = 16


@dataclass(frozen=True)
class Webhook:
    """A configured webhook with its secret (kept out of ``repr``, so out of logs and tracebacks)."""

    config: WebhookConfig
    secret: bytes = field(repr=False)

    @property
    def name(self) -> str:
        return self.config.name


def load_webhooks(settings: Settings, configs: list[WebhookConfig]) -> dict[str, Webhook]:
    """Each webhook with its secret; a missing or short secret, or a repeated name, is a :class:`ConfigError`."""
    webhooks: dict[str, Webhook] = {}
    for config in configs:
        if config.name in webhooks:
            raise ConfigError(f"{settings.config_path}: webhooks: the name {config.name!r} is used twice")
        where = f"{settings.config_path}: webhook {config.name}"
        secret = read_secret(settings, where, config.secret_env, config.secret_file, MIN_SECRET_BYTES)
        webhooks[config.name] = Webhook(config, secret)
    return webhooks


# -- signatures -------------------------------------------------------------------------------------------


def sign(secret: bytes, body: bytes, timestamp: int) -> str:
    """The signature header's value for ``body`` sent at ``timestamp`` (Unix seconds)."""
    digest = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: bytes, header: str, body: bytes, *, tolerance_seconds: int = 300, now: float | None = None) -> bool:
    """What a receiver does: the header names a recent time and an HMAC of exactly these bytes."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance_seconds:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected.encode(), parts.get("v1", "").encode())


def body_of(event: OrderEvent) -> bytes:
    """The bytes POSTed for an event: compact, keys sorted, identical on every attempt."""
    return json.dumps(event_document(event), sort_keys=True, separators=(",", ":")).encode()


def backoff(config: WebhookConfig, attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    seconds = config.backoff_seconds * config.backoff_factor ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, config.max_backoff_seconds))


# -- following the feed -----------------------------------------------------------------------------------


def enqueue(engine: Engine, webhook: Webhook, *, batch: int = 500, now: datetime | None = None) -> int:
    """Create deliveries for the feed events after the webhook's cursor; how many were created."""
    key, wanted, created = cursor_key("webhook", webhook.name), set(webhook.config.events), 0
    with Session(engine) as session:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        cursor = position(session, key, webhook.config.since, lock=True)
        while events := events_after(session, cursor, batch):
            for event in events:
                if event.kind not in wanted:
                    continue
                statement = insert(WebhookDelivery).values(
                    webhook=webhook.name,
                    event_seq=event.seq,
                    status="pending",
                    attempts=0,
                    next_attempt_at=now or utcnow(),
                    created_at=utcnow(),
                )
                # RETURNING, not rowcount: the driver's rowcount is -1 for an INSERT that returns rows
                returned = session.execute(statement.on_conflict_do_nothing().returning(col(WebhookDelivery.id)))
                created += len(returned.all())
            advance(session, key, cursor, events[-1].seq)
            cursor = events[-1].seq
        session.commit()
    return created


# -- delivering -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    delivery_id: int
    event_seq: int
    status: str  # delivered, pending (will retry), dead
    status_code: int | None
    error: str | None


def deliver_due(
    engine: Engine,
    webhook: Webhook,
    *,
    now: datetime | None = None,
    limit: int = 100,
    client: httpx.Client | None = None,
) -> list[Attempt]:
    """POST every due delivery of ``webhook`` once; what happened to each. ``now`` fixes the clock (tests)."""
    config = webhook.config
    started = now or utcnow()
    with Session(engine) as session:
        due = session.exec(
            select(WebhookDelivery, OrderEvent)
            .join(OrderEvent, col(OrderEvent.seq) == col(WebhookDelivery.event_seq))
            .where(
                col(WebhookDelivery.webhook) == webhook.name,
                col(WebhookDelivery.status) == "pending",
                col(WebhookDelivery.next_attempt_at) <= started,
            )
            .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.event_seq))
            .limit(limit)
        ).all()
    if not due:
        return []
    http = client or httpx.Client(
        timeout=config.timeout_seconds, follow_redirects=False, trust_env=config.use_env_proxy
    )
    attempts: list[Attempt] = []
    try:
        for delivery, event in due:
            assert delivery.id is not None
            clock = now or utcnow()
            if not _claim(engine, delivery.id, clock, clock + timedelta(seconds=3 * config.timeout_seconds + 30)):
                continue  # another process took it, or it was retried or changed meanwhile
            code, error = _post(http, webhook, delivery, event)
            attempts.append(_record(engine, webhook, delivery, code, error, now or utcnow()))
    finally:
        if client is None:
            http.close()
    return attempts


def _claim(engine: Engine, delivery_id: int, now: datetime, until: datetime) -> bool:
    with Session(engine) as session:
        result = session.execute(
            update(WebhookDelivery)
            .where(
                col(WebhookDelivery.id) == delivery_id,
                col(WebhookDelivery.status) == "pending",
                col(WebhookDelivery.next_attempt_at) <= now,
            )
            .values(next_attempt_at=until)
        )
        session.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _post(
    http: httpx.Client, webhook: Webhook, delivery: WebhookDelivery, event: OrderEvent
) -> tuple[int | None, str | None]:
    """(HTTP status, None) for a 2xx answer, else (status or None, what went wrong)."""
    body = body_of(event)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "orderhub-webhooks/1",
        SIGNATURE_HEADER: sign(webhook.secret, body, int(time.time())),
        EVENT_ID_HEADER: str(event.seq),
        "X-Orderhub-Event": event.kind,
        "X-Orderhub-Delivery-Id": str(delivery.id),
        "X-Orderhub-Attempt": str(delivery.attempts + 1),
    }
    try:
        answer = http.post(str(webhook.config.url), content=body, headers=headers)
    except httpx.HTTPError as exc:
        return None, _describe(exc, webhook.config.timeout_seconds)
    if 200 <= answer.status_code < 300:
        return answer.status_code, None
    excerpt = answer.text[:200].replace("\n", " ") if answer.text else ""
    return answer.status_code, f"HTTP {answer.status_code}" + (f": {excerpt}" if excerpt else "")


def _describe(exc: httpx.HTTPError, timeout: float) -> str:
    """What went wrong, without the exception's own text (it may quote the URL): its type and the OS reason."""
    if isinstance(exc, httpx.TimeoutException):
        return f"{type(exc).__name__}: no answer within {timeout:g} s"
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else "the request failed"
    return f"{type(exc).__name__}: {reason}"


def _record(
    engine: Engine, webhook: Webhook, delivery: WebhookDelivery, code: int | None, error: str | None, now: datetime
) -> Attempt:
    assert delivery.id is not None
    attempts = delivery.attempts + 1
    values: dict[str, object] = {"attempts": attempts, "last_status_code": code, "last_error": error}
    if error is None:
        values |= {"status": "delivered", "delivered_at": now, "next_attempt_at": None}
    elif attempts >= webhook.config.max_attempts:
        values |= {"status": "dead", "next_attempt_at": None}
        what = f"webhook {webhook.name}: delivery {delivery.id} (event {delivery.event_seq})"
        log.error("%s is dead after %d attempts: %s", what, attempts, error)
    else:
        values |= {"status": "pending", "next_attempt_at": now + backoff(webhook.config, attempts)}
        what = f"webhook {webhook.name}: delivery {delivery.id} (event {delivery.event_seq})"
        log.warning("%s attempt %d failed, retried at %s: %s", what, attempts, values["next_attempt_at"], error)
    with Session(engine) as session:
        session.execute(update(WebhookDelivery).where(col(WebhookDelivery.id) == delivery.id).values(**values))
        session.commit()
    return Attempt(delivery.id, delivery.event_seq, str(values["status"]), code, error)


def run(engine: Engine, webhook: Webhook) -> list[Attempt]:
    """The scheduler's job for one webhook: take new events, then send what is due."""
    enqueue(engine, webhook)
    return deliver_due(engine, webhook)


# -- what people see and do -------------------------------------------------------------------------------


def list_deliveries(
    session: Session, *, status: str | None = None, webhook: str | None = None, limit: int = 100
) -> list[tuple[WebhookDelivery, OrderEvent]]:
    """Deliveries with their events, newest first."""
    query = select(WebhookDelivery, OrderEvent).join(OrderEvent, col(OrderEvent.seq) == col(WebhookDelivery.event_seq))
    if status is not None:
        query = query.where(col(WebhookDelivery.status) == status)
    if webhook is not None:
        query = query.where(col(WebhookDelivery.webhook) == webhook)
    return list(session.exec(query.order_by(col(WebhookDelivery.id).desc()).limit(limit)).all())


def retry(session: Session, delivery_id: int, *, actor: str, now: datetime | None = None) -> WebhookDelivery:
    """Make a dead (or waiting) delivery due now with a fresh set of attempts; audited. The caller commits.

    Raises LookupError for an unknown id and ValueError for a delivered one (it is never sent twice).
    """
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise LookupError(f"no webhook delivery {delivery_id}")
    if delivery.status == "delivered":
        raise ValueError(f"webhook delivery {delivery_id} was delivered at {delivery.delivered_at}; not sent twice")
    note = f"{delivery.webhook} event {delivery.event_seq}, after {delivery.attempts} attempt(s): {delivery.last_error}"
    audit(session, "webhook_delivery", str(delivery_id), "pending", from_status=delivery.status, note=note, actor=actor)
    delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, now or utcnow()
    session.add(delivery)
    return delivery
