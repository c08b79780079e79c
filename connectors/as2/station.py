"""pyas2lib behind a small typed surface: build and read messages and MDNs for one AS2 relationship.

pyas2lib (1.4.4) is imported here only, after :func:`connectors.as2.oscrypto_fix.apply`. What this wrapper
adds to the library:

- our settings for outbound (``sign``, ``encrypt``) and inbound (``require_signed``, ``require_encrypted``)
  are two pyas2lib ``Partner`` records, as pyas2lib uses one flag for both directions;
- the MDN's MIC is checked strictly: pyas2lib accepts a positive MDN without any MIC, this does not when the
  message was signed;
- a message from an unknown AS2-From (or to an unknown AS2-To) is answered with an *unsigned*, synchronous
  negative MDN (``unknown-trading-partner``): pyas2lib 1.4.4 crashes building a signed MDN for a partner it
  does not know (it reads ``sender.sign_alg`` on None), so the signed-receipt request is dropped before
  pyas2lib sees it; we do not sign for strangers, and never POST an asynchronous MDN to a URL a stranger
  chose;
- an asynchronous MDN is verified against what the outbox recorded when the message went out (Message-ID,
  MIC), as pyas2lib's ``Mdn.parse`` otherwise wants the original ``Message`` object, long gone by then; and
  pyas2lib's own failures to read or verify an MDN are told apart from a partner's negative disposition
  (``MdnReport.trusted``).
"""

from __future__ import annotations

import base64
import email
import email.utils
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from connectors.as2 import oscrypto_fix
from connectors.as2.config import As2Config
from connectors.as2.receipt import SentMessage

oscrypto_fix.apply()  # must precede the first pyas2lib import

from pyas2lib import Mdn, Message, Organization, Partner  # noqa: E402

Headers = Iterable[tuple[str, str]]
UNKNOWN_PARTNER = "unknown-trading-partner"
DUPLICATE = "duplicate-document"
# request headers that make pyas2lib sign its MDN or send it asynchronously: dropped for strangers
_STRANGER_DROPS = ("disposition-notification-options", "receipt-delivery-option")
# what pyas2lib 1.4.4's Mdn.parse reports (as "failed/Failure") when it could not read or verify the MDN itself,
# as opposed to a partner's own "failed/Failure: ..." disposition
_UNTRUSTED = (
    "Failed to parse received MDN",
    "Expected signed MDN but unsigned MDN returned",
    "mdn-not-found",
    "original-message-not-found",
)


def raw_http(headers: Headers, body: bytes) -> bytes:
    """pyas2lib parses 'headers CRLF CRLF body' as one MIME document."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode("utf-8", "surrogateescape") + b"\r\n" + body


def header(headers: Headers, name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def as2_names(headers: Headers) -> tuple[str | None, str | None]:
    """(AS2-From, AS2-To) of a request, unquoted, or None where missing."""
    found = [header(headers, name) for name in ("as2-from", "as2-to")]
    as2_from, as2_to = (email.utils.unquote(v.strip()) if v is not None else None for v in found)
    return as2_from, as2_to


@dataclass
class InboundMessage:
    """What an inbound AS2 message turned out to be, with the MDN that answers it (None if none was asked).

    ``status`` is the MDN disposition: "processed" when the payload is genuine, else e.g. "processed/Error"
    with ``detail`` "authentication-failed" or "insufficient-message-security", or "processed/Warning" with
    "duplicate-document". ``payload`` is set only when processed.
    """

    status: str
    detail: str | None
    error: str | None
    message_id: str | None
    payload: bytes | None
    filename: str | None
    mdn_headers: dict[str, str]
    mdn_body: bytes
    mdn_url: str | None  # set when the sender asked for an asynchronous MDN
    signed: bool = False
    encrypted: bool = False
    mic: str | None = None

    @property
    def processed(self) -> bool:
        return self.status == "processed"

    @property
    def duplicate(self) -> bool:
        return self.detail == DUPLICATE


@dataclass
class OutboundMessage:
    message_id: str
    headers: dict[str, str]
    body: bytes
    mic: str | None  # base64, when signed
    message: Message


@dataclass
class MdnReport:
    """A received MDN after verification: ``status`` as pyas2lib reports it ("processed", "processed/Error",
    "failed/Failure" when the MDN itself did not verify, ...), and the MIC it carries. ``trusted`` is False when
    the MDN could not be read or verified (then status and detail say why, not what the partner reported)."""

    status: str | None
    detail: str | None
    mic: str | None
    original_message_id: str | None = None

    @property
    def trusted(self) -> bool:
        return self.status is not None and not (
            self.status == "failed/Failure" and (self.detail or "").startswith(_UNTRUSTED)
        )


def is_mdn(headers: Headers, body: bytes) -> bool:
    """Whether an HTTP request (or response) carries an MDN rather than a message: a multipart/report, signed
    or not. An encrypted body is always a message (MDNs are never encrypted), and is not parsed here."""
    content_type = (header(headers, "content-type") or "").split(";")[0].strip().lower()
    if content_type == "multipart/report":
        return True
    if content_type != "multipart/signed":
        return False
    try:
        mdn = Mdn()
        mdn.payload = email.message_from_bytes(raw_http(headers, body))
        mdn.detect_mdn()
    except Exception:  # MDNNotFound, or unreadable: the message path answers it
        return False
    return True


def _read_as2(message: Message, status: str, exc: BaseException | None, mdn: Mdn | None) -> InboundMessage:
    processed = status == "processed"
    detail = getattr(exc, "disposition_modifier", None) if exc is not None else None
    if exc is not None and not detail:
        detail = "unexpected-processing-error"
    payload = message.content if processed else None
    filename = message.payload.get_filename() if processed and message.payload is not None else None
    async_mdn = mdn is not None and mdn.mdn_mode == "ASYNC"
    return InboundMessage(
        status=status,
        detail=detail,
        error=f"{type(exc).__name__}: {exc}" if exc is not None else None,
        message_id=message.message_id,
        payload=payload if isinstance(payload, bytes) else None,
        filename=filename,
        mdn_headers=dict(mdn.headers) if mdn is not None else {},
        mdn_body=bytes(mdn.content) if mdn is not None else b"",
        mdn_url=mdn.mdn_url if async_mdn and mdn is not None else None,
        signed=bool(message.signed),
        encrypted=bool(message.encrypted),
        mic=message.mic.decode() if message.mic else None,
    )


def refuse_unknown(headers: Headers, body: bytes) -> InboundMessage:
    """The answer to a message whose AS2-From/AS2-To pair is no configured relationship: an unsigned,
    synchronous negative MDN (if an MDN was asked for at all), nothing decrypted or stored."""
    kept = [(k, v) for k, v in headers if k.lower() not in _STRANGER_DROPS]
    message = Message()
    status, (exc, _trace), mdn = message.parse(
        raw_http(kept, body), find_org_partner_cb=lambda _to, _from: (None, None)
    )
    result = _read_as2(message, status, exc, mdn)
    as2_from, as2_to = as2_names(headers)
    result.detail = UNKNOWN_PARTNER
    result.error = f"no AS2 relationship from {as2_from!r} to {as2_to!r} is configured"
    return result


class Station:
    """One AS2 relationship: our organization (key, certificate) and one partner, as configured."""

    def __init__(self, config: As2Config) -> None:
        self.config = config
        key = config.key_file.read_bytes() + b"\n" + config.cert_file.read_bytes()
        password = config.key_password.get_secret_value() if config.key_password else None
        self.org = Organization(
            config.as2_name,
            sign_key=key,
            sign_key_pass=password,
            decrypt_key=key,
            decrypt_key_pass=password,
            mdn_url=str(config.mdn_url) if config.mdn_url else None,
            domain=config.message_id_domain,
        )
        partner_cert = config.partner_cert_file.read_bytes()
        common = dict(
            verify_cert=partner_cert,
            encrypt_cert=partner_cert,
            digest_alg=config.digest_alg,
            enc_alg=config.enc_alg,
            mdn_digest_alg=config.digest_alg if config.mdn_signed else None,
        )
        # pyas2lib reads Partner.sign/encrypt both as "do it when sending" and "require it when receiving"
        self.outbound_partner = Partner(
            config.partner_as2_name,
            sign=config.sign,
            encrypt=config.encrypt,
            mdn_mode="ASYNC" if config.mdn_mode == "async" else "SYNC",
            **common,
        )
        self.inbound_partner = Partner(
            config.partner_as2_name,
            sign=config.require_signed,
            encrypt=config.require_encrypted,
            mdn_mode="SYNC",
            **common,
        )

    # -- inbound ------------------------------------------------------------------------------------------
    def receive(self, headers: Headers, body: bytes, seen: Callable[[str], bool]) -> InboundMessage:
        """Decrypt and verify one message addressed to this relationship and build its MDN.

        ``seen(message_id)`` says whether that Message-ID was already received from this partner: then the
        answer is "processed/Warning: duplicate-document" and nothing is decrypted.
        """

        def find(as2_to: str, as2_from: str) -> tuple[Organization | None, Partner | None]:
            return (
                self.org if as2_to == self.config.as2_name else None,
                self.inbound_partner if as2_from == self.config.partner_as2_name else None,
            )

        message = Message()
        status, (exc, _trace), mdn = message.parse(
            raw_http(headers, body),
            find_org_partner_cb=find,
            find_message_cb=lambda message_id, _partner: seen(message_id),
        )
        return _read_as2(message, status, exc, mdn)

    # -- outbound -----------------------------------------------------------------------------------------
    def build(self, data: bytes, filename: str | None, message_id: str | None = None) -> OutboundMessage:
        """Sign and encrypt as configured; ``message_id`` is the left-hand side (a resend uses the same)."""
        message = Message(self.org, self.outbound_partner)
        message.build(data, filename=filename, content_type=self.config.content_type, message_id=message_id)
        headers = {k: str(v) for k, v in message.headers.items()}
        body = bytes(message.content)
        cte = next((k for k in headers if k.lower() == "content-transfer-encoding"), None)
        if self.config.body_encoding == "base64" and cte is not None and headers[cte].lower() == "binary":
            body = base64.encodebytes(body).replace(b"\n", b"\r\n")
            headers[cte] = "base64"
        return OutboundMessage(
            message_id=message.message_id,
            headers=headers,
            body=body,
            mic=message.mic.decode() if message.mic else None,
            message=message,
        )

    def read_mdn(self, sent: OutboundMessage, headers: Headers, body: bytes) -> MdnReport:
        """Verify an MDN for ``sent`` (its signature when one was requested) and read its disposition."""
        mdn = Mdn()
        status, detail = mdn.parse(
            raw_http(headers, body),
            find_message_cb=lambda message_id, _recipient: sent.message if message_id == sent.message_id else None,
        )
        return MdnReport(status=status, detail=detail, mic=_reported_mic(mdn), original_message_id=mdn.orig_message_id)

    def read_async_mdn(
        self, headers: Headers, body: bytes, find: Callable[[str], SentMessage | None]
    ) -> tuple[MdnReport, SentMessage | None]:
        """Verify an MDN the partner POSTed to us: ``find(original_message_id)`` names what we sent under that
        id (None: nothing we wait for). Returns the report and what it answers."""
        found: list[SentMessage] = []
        errors: list[Exception] = []

        def find_message(message_id: str, _recipient: str | None) -> Message | None:
            try:
                sent = find(message_id) if message_id else None
            except Exception as exc:  # pyas2lib would swallow it as an unreadable MDN: raised below instead
                errors.append(exc)
                return None
            if sent is None:
                return None
            found.append(sent)
            # what pyas2lib's Mdn.parse reads of the original: the partner (certificate, signed MDN asked for),
            # its Message-ID and MIC; the message itself was built when it was sent
            original = Message(self.org, self.outbound_partner)
            original.message_id = sent.message_id
            original.mic = sent.mic.encode() if sent.mic else None
            return original

        mdn = Mdn()
        status, detail = mdn.parse(raw_http(headers, body), find_message_cb=find_message)
        if errors:
            raise errors[0]
        report = MdnReport(
            status=status, detail=detail, mic=_reported_mic(mdn), original_message_id=mdn.orig_message_id
        )
        return report, (found[0] if found else None)


def _reported_mic(mdn: Mdn) -> str | None:
    """The MIC value (without its algorithm) the MDN's disposition report carries."""
    if mdn.payload is None:
        return None
    for part in mdn.payload.walk():
        if part.get_content_type() != "message/disposition-notification":
            continue
        fields = part.get_payload()
        report = fields[-1] if isinstance(fields, list) and fields else None
        value = report.get("Received-Content-MIC") if report is not None else None
        if value:
            return str(value).split(",")[0].strip()
    return None
