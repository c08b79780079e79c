"""Outbound AS2: POST each document to the partner, accept delivery only on a verified MDN with our MIC.

``send`` builds the message (signed and encrypted as configured), POSTs it to ``partner_url`` and reads the
synchronous MDN in the response. The document counts as delivered (``send`` returns a plain ``Receipt``) only
when the MDN is positive, its signature verifies (when a signed MDN was requested) and, for a signed message,
it carries the MIC we computed. The Message-ID is derived from the channel, the file name and the bytes, so a
resend after a lost answer carries the same Message-ID (RFC 4130 asks for that); a partner that already has
it answers "duplicate-document", which counts as delivered only with our MIC (an MDN without it proves nothing
about the bytes). A resend by hand after a negative MDN is a new message: ``orderhub.outbox.resend`` gives it
a new file name (a generation suffix), hence a new Message-ID.

With ``mdn_mode: async`` the message asks for the MDN at ``mdn_url`` (our /as2 endpoint) and ``send`` returns
:class:`MdnPending` once the partner accepted the POST: sent, not yet delivered. When the MDN arrives, the web
app hands it to :meth:`As2Connector.read_async_mdn`, which verifies it against the Message-ID and MIC the
outbox recorded (the same rules as a synchronous MDN), and the core marks the document delivered or dead.

``RetriableError``: no connection, a timeout, HTTP 408/429/5xx. ``PermanentError``: any other HTTP status,
a negative MDN, an MDN that does not verify or reports another MIC, no partner URL configured.

Inbound AS2 is served by the hub's web app (``orderhub.web``), which calls :meth:`As2Connector.receive`; so
``poll`` yields nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx

from connectors.as2.config import As2Config, expires_within, load_certificate
from connectors.as2.receipt import NEGATIVE_MDN, MdnPending, MdnVerdict, SentMessage
from connectors.as2.station import (
    DUPLICATE,
    Headers,
    InboundMessage,
    MdnReport,
    Station,
    is_mdn,
    normalize_digest,
)
from connectors.base import Incoming, Outcome, Outgoing, PermanentError, Receipt, RetriableError

log = logging.getLogger(__name__)
RETRY_STATUSES = {408, 425, 429}


def judge(report: MdnReport, mic: str | None, mic_alg: str | None = None) -> tuple[bool | None, str]:
    """Whether an MDN confirms delivery of a message with ``mic`` (base64; None for an unsigned message):
    True (positive, or "duplicate-document": an earlier send arrived; either way with our MIC when we computed
    one), False (it verified and reports a failure, another MIC or none), None (it cannot be trusted: not
    verified, unreadable). Dispositions are compared case-insensitively (RFC 3798)."""
    if not report.trusted:
        return None, f"MDN not trusted: {report.problem}"
    disposition, detail = report.disposition, (report.detail or "").lower()
    duplicate = disposition == "processed/warning" and detail == DUPLICATE
    if disposition != "processed" and not duplicate:
        return False, f"{NEGATIVE_MDN} {report.status}: {report.detail}"
    if mic is not None and report.mic != mic:
        return False, f"{NEGATIVE_MDN}: the MDN reports MIC {report.mic!r}, we computed {mic!r}"
    if mic is not None and mic_alg and report.mic_alg and normalize_digest(report.mic_alg) != normalize_digest(mic_alg):
        return False, f"{NEGATIVE_MDN}: the MDN reports a {report.mic_alg} MIC, we computed {mic_alg}"
    if duplicate:
        return True, "the partner already had it (duplicate-document)" + (", MIC matches" if mic else "")
    return True, "MDN verified" + (", MIC matches" if mic is not None else "")


class As2Connector:
    """One AS2 relationship (our station, one partner) as a channel."""

    def __init__(self, name: str, config: As2Config) -> None:
        self.name = name
        self.config = config
        try:
            self.station = Station(config)
        except Exception as exc:  # pyas2lib raises AS2Exception/ImproperlyConfigured/ValueError on bad keys
            raise PermanentError(f"channel {name}: cannot load the AS2 key or certificates: {exc}") from exc
        for warning in self.certificate_warnings():
            log.warning("channel %s: %s", name, warning)

    def __repr__(self) -> str:
        return f"As2Connector({self.name!r}, {self.config.as2_name!r} <-> {self.config.partner_as2_name!r})"

    # -- certificates -------------------------------------------------------------------------------------
    def certificate_warnings(self, now: datetime | None = None) -> list[str]:
        """A line for each certificate (ours, the partner's) that expires within ``cert_warning_days``."""
        warnings = []
        for label, path in (
            ("our certificate", self.config.cert_file),
            ("partner certificate", self.config.partner_cert_file),
        ):
            cert = load_certificate(path)
            left = expires_within(cert, self.config.cert_warning_days, now)
            if left is None:
                continue
            expiry = cert.not_valid_after_utc.isoformat()
            if left.total_seconds() <= 0:
                warnings.append(f"{label} {path} EXPIRED on {expiry}")
            else:
                warnings.append(f"{label} {path} expires on {expiry}, in {left.days} day(s)")
        return warnings

    # -- inbound: served by the web app ---------------------------------------------------------------------
    def poll(self) -> Iterator[Incoming]:
        """Yields nothing: the partner pushes messages to the hub's /as2 endpoint."""
        yield from ()

    def ack(self, doc: Incoming, outcome: Outcome) -> None:
        """Does nothing: the MDN is the acknowledgement, sent by the endpoint after the commit."""

    def receive(self, headers: Headers, body: bytes, seen: Callable[[str], bool]) -> InboundMessage:
        """Decrypt and verify a message from this partner; see :meth:`Station.receive`."""
        return self.station.receive(headers, body, seen)

    def mdn_url_allowed(self, url: str) -> bool:
        """Whether we may POST an asynchronous MDN to ``url``: http(s), to a host allowed for this channel
        (``mdn_post_hosts``, by default the host of ``partner_url``). Anything else is answered synchronously."""
        try:
            parsed = httpx.URL(url.strip())
        except Exception:
            return False
        host = (parsed.host or "").lower().strip("[]")
        return parsed.scheme in ("http", "https") and bool(host) and host in self.config.mdn_hosts

    # -- outbound -----------------------------------------------------------------------------------------
    def message_id(self, doc: Outgoing) -> str:
        """The left-hand side of the Message-ID: the same document always gets the same one."""
        digest = hashlib.sha256(f"orderhub-as2\0{self.name}\0{doc.filename}\0".encode() + doc.data)
        return digest.hexdigest()[:40]

    def send(self, doc: Outgoing) -> Receipt:
        cfg = self.config
        if cfg.partner_url is None:
            raise PermanentError(f"channel {self.name} has no partner_url configured")
        url = str(cfg.partner_url)
        sent_at = datetime.now(UTC)
        try:
            message = self.station.build(doc.data, doc.filename, self.message_id(doc))
        except Exception as exc:  # a certificate that no longer validates, say: a person must look
            raise PermanentError(
                f"channel {self.name}: cannot build the AS2 message for {doc.filename}: {exc}"
            ) from exc
        prefix = f"channel {self.name}: sending {doc.filename} as <{message.message_id}> to {url}"
        try:
            response = httpx.post(url, content=message.body, headers=message.headers, timeout=cfg.timeout_seconds)
        except httpx.TransportError as exc:  # connect, read, write errors and timeouts
            raise RetriableError(f"{prefix} failed: {type(exc).__name__}: {exc}") from exc
        code = response.status_code
        if code >= 500 or code in RETRY_STATUSES:
            raise RetriableError(f"{prefix}: HTTP {code} {response.text[:200]!r}")
        if not 200 <= code < 300:
            raise PermanentError(f"{prefix}: HTTP {code} {response.text[:200]!r}")
        answer = response.headers.multi_items()
        if cfg.mdn_mode == "async" and not is_mdn(answer, response.content):
            due = sent_at + timedelta(minutes=cfg.mdn_timeout_minutes)
            log.info("%s: accepted (HTTP %s), MDN due at %s", prefix, code, due.isoformat())
            return MdnPending(
                remote_key=message.message_id,
                sent_at=sent_at,
                message_id=message.message_id,
                mic=message.mic,
                mdn_due_at=due,
            )
        # synchronous (or a partner that answered an asynchronous request at once: as good)
        report = self.station.read_mdn(message, answer, response.content)
        delivered, reason = judge(report, message.mic, cfg.digest_alg)
        if not delivered:
            raise PermanentError(f"{prefix}: {reason}")
        log.info("channel %s: %s delivered as <%s>: %s", self.name, doc.filename, message.message_id, reason)
        return Receipt(remote_key=message.message_id, sent_at=sent_at)

    def read_async_mdn(self, headers: Headers, body: bytes, find: Callable[[str], SentMessage | None]) -> MdnVerdict:
        """Verify an MDN the partner POSTed to our endpoint; ``find(original_message_id)`` is what we sent
        under that id and still wait for (None: nothing). Raises only if ``find`` does."""
        report, sent = self.station.read_async_mdn(headers, body, find)
        if not report.trusted:  # naming a document we wait for: noted there (by the caller), nothing more
            reason = f"MDN not trusted: {report.problem}"
            claimed = report.claimed_message_id
            if sent is not None:
                return MdnVerdict(sent.message_id, True, None, reason, report.status, report.detail)
            return MdnVerdict(claimed, False, None, f"{reason} (it names <{claimed}>)", None, None)
        if sent is None:
            return MdnVerdict(
                report.original_message_id,
                matched=False,
                delivered=None,
                reason=f"MDN for <{report.original_message_id}>, which awaits no MDN on channel {self.name}",
                status=report.status,
                detail=report.detail,
            )
        delivered, reason = judge(report, sent.mic, self.config.digest_alg)
        return MdnVerdict(sent.message_id, True, delivered, reason, report.status, report.detail)

    def check(self) -> str:
        """The key and certificates load and have not expired; the partner URL is configured."""
        now = datetime.now(UTC)
        for path in (self.config.cert_file, self.config.partner_cert_file):
            if load_certificate(path).not_valid_after_utc <= now:
                raise PermanentError(f"certificate {path} has expired")
        parts = [f"AS2 {self.config.as2_name} <-> {self.config.partner_as2_name}: keys loaded"]
        parts.extend(self.certificate_warnings(now))
        parts.append(
            f"sends to {self.config.partner_url}" if self.config.partner_url else "no partner_url (receive only)"
        )
        if self.config.mdn_mode == "async":
            parts.append(
                f"asynchronous MDNs to {self.config.mdn_url}, due within {self.config.mdn_timeout_minutes:g} min, "
                f"{self.config.mdn_resends} resend(s)"
            )
        return "; ".join(parts)
