"""Outbound e-mail: each outgoing document travels as one message with the document attached.

Outbound only: ``poll`` yields nothing and ``ack`` does nothing (inbound mail belongs to the IMAP connector).

``send`` is one SMTP transaction over TLS, always: implicit TLS (``ssl``, usually port 465) or STARTTLS (usually
587), with certificate and host-name verification, so neither the credentials nor the document ever cross the
network in clear. The Message-ID is derived from the channel and the file name, so a resend after a crash (the
server took the message but the reply never reached us) carries the same Message-ID and the receiver can
recognise it. Recipients are all-or-nothing: if the server refuses any of them the transaction is abandoned
before DATA, so nobody gets a copy the others did not.

Errors are grouped by what the outbox does next: a 4xx reply, a refused, reset or silent connection is
:class:`RetriableError`; a 5xx reply (recipient refused, authentication failed), a certificate that does not
verify, or a server that cannot do what the configuration asks (no STARTTLS, no AUTH) is :class:`PermanentError`.
The password never appears in a message, a log line or a repr.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
import string
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, FilePath, SecretStr, field_validator, model_validator

from connectors.base import Incoming, Outcome, Outgoing, PermanentError, Receipt, RetriableError

log = logging.getLogger(__name__)

# CRLF line ends as the wire wants them, and 7bit: a non-ASCII body becomes quoted-printable instead of raw 8bit,
# which a server that does not announce 8BITMIME may mangle (smtplib does not negotiate BODY=8BITMIME for us).
MESSAGE_POLICY = SMTP.clone(cte_type="7bit")
X12_DOC_TYPES = frozenset({"997", "999", "855", "856", "810"})
SUBJECT_FIELDS = frozenset({"doc_type", "filename", "partner_id", "channel"})
DEFAULT_PORTS = {"ssl": 465, "starttls": 587}

# A dropped connection during the TLS handshake is the network's fault; any other TLS failure (protocol or
# version mismatch, e.g. ``ssl`` configured against a STARTTLS port) is the configuration's and will not heal.
TRANSIENT_TLS_ERRORS = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError)


def _check_address(value: str) -> str:
    """A bare addr-spec: one ``@``, no spaces, no display name, nothing that could break a header or a command."""
    local, at, domain = value.rpartition("@")
    # ASCII only: smtplib sends commands as ASCII and has no SMTPUTF8 path in mail()/rcpt() without options.
    if not at or not local or not domain or not value.isascii() or any(c.isspace() or c in "<>,;\"'" for c in value):
        raise ValueError(f"{value!r} is not a plain ASCII e-mail address like orders@example.com")
    return value


class SmtpConfig(BaseModel):
    """Where and how to deliver: one SMTP submission server, one sender, a fixed list of recipients."""

    # hide_input_in_errors: pydantic prints the offending input in a ValidationError, and for a model-level
    # check that input is the whole options dict, password included.
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    host: str = Field(..., min_length=1, description="SMTP server name; the certificate must be issued for it")
    port: int | None = Field(None, ge=1, le=65535, description="server port; default 465 for ssl, 587 for starttls")
    security: Literal["ssl", "starttls"] = Field(
        ..., description="implicit TLS (ssl) or STARTTLS; there is no plaintext mode: credentials never go in clear"
    )
    ca_file: FilePath | None = Field(
        None,
        description="PEM file of the CA(s) that issued the server certificate, replacing the system CAs; "
        "certificate and host-name verification are always on",
    )
    username: str | None = Field(None, min_length=1, description="AUTH user; no AUTH when omitted")
    password: SecretStr | None = Field(None, description="AUTH password; required with username")
    sender: str = Field(..., description="envelope sender and From address")
    recipients: list[str] = Field(..., min_length=1, description="envelope recipients and To addresses")
    subject_template: str = Field(
        "{doc_type} {filename}",
        description="Subject line; may use {doc_type}, {filename}, {partner_id} and {channel}",
    )
    body_text: str = Field("Please find the attached document.", description="plain-text body above the attachment")
    timeout_seconds: float = Field(30.0, gt=0, description="limit for connecting and for each server reply")

    @field_validator("sender")
    @classmethod
    def _sender_is_an_address(cls, value: str) -> str:
        return _check_address(value)

    @field_validator("recipients")
    @classmethod
    def _recipients_are_addresses(cls, value: list[str]) -> list[str]:
        return [_check_address(address) for address in value]

    @field_validator("subject_template")
    @classmethod
    def _subject_uses_known_fields(cls, value: str) -> str:
        # Checked at start-up, not at the first send: a typo in a field name would otherwise dead-letter every
        # document. Attribute and index access ({filename.__class__}) are refused along with unknown names.
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise ValueError(f"not a valid template: {exc}") from None
        unknown = sorted(set(fields) - SUBJECT_FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {unknown}; use only {sorted(SUBJECT_FIELDS)}")
        return value

    @field_validator("ca_file")
    @classmethod
    def _ca_file_loads(cls, value: FilePath | None) -> FilePath | None:
        if value is not None:
            try:
                ssl.create_default_context(cafile=str(value))
            except (ssl.SSLError, OSError) as exc:
                raise ValueError(f"{value} is not a readable PEM CA file: {exc}") from None
        return value

    @model_validator(mode="after")
    def _credentials_come_in_pairs(self) -> SmtpConfig:
        if (self.username is None) != (self.password is None):
            raise ValueError("username and password go together: give both for AUTH, or neither")
        # smtplib encodes AUTH as ASCII; anything else would fail at the first send with an exception that
        # carries the password (UnicodeEncodeError.object), so it is refused here, without echoing it.
        if self.username is not None and not self.username.isascii():
            raise ValueError("username must be ASCII (smtplib sends AUTH as ASCII)")
        if self.password is not None and not self.password.get_secret_value().isascii():
            raise ValueError("password must be ASCII (smtplib sends AUTH as ASCII)")
        return self

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]


class SmtpConnector:
    """Sends each :class:`Outgoing` as one e-mail with the document attached, base64 so its bytes arrive intact.

    ``send`` returns a :class:`Receipt` whose ``remote_key`` is the Message-ID (with its angle brackets, exactly
    as in the header, so a reply's In-Reply-To can be matched), or raises :class:`RetriableError` /
    :class:`PermanentError`.
    """

    def __init__(self, name: str, config: SmtpConfig) -> None:
        self.name = name
        self.config = config
        # Built once: create_default_context means CERT_REQUIRED, check_hostname and TLS >= 1.2. With ca_file
        # it trusts that file only (not the system store), which is what a private CA wants.
        cafile = str(config.ca_file) if config.ca_file is not None else None
        self._tls = ssl.create_default_context(cafile=cafile)

    def __repr__(self) -> str:
        cfg = self.config
        return f"SmtpConnector({self.name!r}, {cfg.security}://{cfg.host}:{cfg.effective_port}, user={cfg.username!r})"

    # -- inbound: not this transport's job ----------------------------------------------------------------
    def poll(self) -> Iterator[Incoming]:
        """Yields nothing: SMTP only delivers. Mail sent to orderhub is read by the IMAP connector."""
        yield from ()

    def ack(self, doc: Incoming, outcome: Outcome) -> None:
        """Does nothing: this connector never hands out inbound documents."""

    # -- outbound -----------------------------------------------------------------------------------------
    def message_id(self, filename: str) -> str:
        """The Message-ID for a document of this channel: the same file name always gives the same id.

        Hashed, because a file name may hold characters a Message-ID cannot; the right-hand side is the
        sender's domain, as RFC 5322 recommends.
        """
        digest = hashlib.sha256(f"orderhub-smtp\0{self.name}\0{filename}".encode()).hexdigest()[:40]
        domain = self.config.sender.rpartition("@")[2].lower()
        return f"<{digest}@{domain}>"

    def send(self, doc: Outgoing) -> Receipt:
        """Delivers ``doc`` as one message to every recipient, or to none of them.

        Raises :class:`RetriableError` for 4xx replies and network failures, :class:`PermanentError` for 5xx
        replies, TLS verification failures and configurations the server cannot honour.
        """
        sent_at = datetime.now(UTC)
        message_id = self.message_id(doc.filename)
        payload = self._render(doc, message_id, sent_at)
        self._deliver(payload, doc.filename)
        log.info(
            "channel %s: sent %s to %d recipient(s) as %s",
            self.name,
            doc.filename,
            len(self.config.recipients),
            message_id,
        )
        return Receipt(remote_key=message_id, sent_at=sent_at)

    def _render(self, doc: Outgoing, message_id: str, sent_at: datetime) -> bytes:
        cfg = self.config
        subtype = "edi-x12" if doc.doc_type in X12_DOC_TYPES else "octet-stream"
        try:
            message = EmailMessage(policy=MESSAGE_POLICY)
            message["From"] = cfg.sender
            message["To"] = ", ".join(cfg.recipients)
            message["Date"] = format_datetime(sent_at)
            message["Message-ID"] = message_id
            message["Subject"] = cfg.subject_template.format(
                doc_type=doc.doc_type, filename=doc.filename, partner_id=doc.partner_id, channel=self.name
            )
            message.set_content(cfg.body_text)
            # base64, never a text/* type: X12 segment terminators may be bare LF or CR, and any text
            # transfer would rewrite them to CRLF (and dot-stuff or wrap long lines). base64 keeps every byte.
            message.add_attachment(
                doc.data, maintype="application", subtype=subtype, filename=doc.filename, cte="base64"
            )
            return message.as_bytes()
        except (ValueError, TypeError) as exc:  # e.g. a CR or LF in the file name: header injection refused
            raise PermanentError(f"channel {self.name}: cannot build a message for {doc.filename!r}: {exc}") from exc

    def check(self) -> str:
        """Connect, secure the session and log in, without sending anything."""
        self._deliver(None, "(channel check)")
        login = f" as {self.config.username}" if self.config.username else ""
        return f"{self.config.security} session with {self.config.host}:{self.config.effective_port}{login} works"

    def _deliver(self, payload: bytes | None, filename: str) -> None:
        """Send ``payload`` to every recipient, or with ``None`` stop after logging in (a check)."""
        cfg = self.config
        where = f"{cfg.host}:{cfg.effective_port}"
        stage = "connect"
        data_accepted = False
        connection_usable = True  # worth a QUIT on the way out (not after a timeout or a reset)
        client: smtplib.SMTP | None = None
        try:
            if cfg.security == "ssl":
                client = smtplib.SMTP_SSL(cfg.host, cfg.effective_port, timeout=cfg.timeout_seconds, context=self._tls)
                stage = "EHLO"
                _expect(client.ehlo(), (250,))
            else:
                client = smtplib.SMTP(cfg.host, cfg.effective_port, timeout=cfg.timeout_seconds)
                stage = "EHLO"
                _expect(client.ehlo(), (250,))
                if not client.has_extn("starttls"):
                    # Refuse rather than fall back: the credentials and the document would travel in clear.
                    raise PermanentError(f"channel {self.name}: {where} does not offer STARTTLS; refusing to send")
                stage = "STARTTLS"
                # smtplib.starttls() *returns* a refusal (e.g. 454) instead of raising it, and the session would
                # carry on in clear: the reply code must be checked here.
                _expect(client.starttls(context=self._tls), (220,))
                stage = "EHLO after STARTTLS"
                _expect(client.ehlo(), (250,))  # capabilities (AUTH among them) are only trustworthy after TLS
            if cfg.username is not None and cfg.password is not None:
                stage = "AUTH"
                client.login(cfg.username, cfg.password.get_secret_value())
            if payload is None:
                return
            stage = "MAIL FROM"
            _expect(client.mail(cfg.sender), (250,))
            for recipient in cfg.recipients:
                stage = f"RCPT TO:<{recipient}>"
                # One refused recipient ends the transaction before DATA (smtplib.sendmail would deliver to the
                # others and only return the refusals): a retry must not give anyone a second copy.
                _expect(client.rcpt(recipient), (250, 251))
            stage = "DATA"
            _expect(client.data(payload), (250,))
            data_accepted = True
        except PermanentError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            # from None: a printed chain would include smtplib.login's frames, whose locals hold the password.
            raise self._classify(exc, stage, where, filename) from None
        except (smtplib.SMTPException, OSError) as exc:
            connection_usable = isinstance(exc, smtplib.SMTPResponseException)
            raise self._classify(exc, stage, where, filename) from exc
        finally:
            if client is not None:
                _close_quietly(client, polite=data_accepted or connection_usable)

    def _classify(
        self, exc: smtplib.SMTPException | OSError, stage: str, where: str, filename: str
    ) -> RetriableError | PermanentError:
        """Maps a failure to what the outbox should do next, with a message naming the channel and the step."""
        prefix = f"channel {self.name}: sending {filename} via {where} failed at {stage}"
        # Order matters: ssl.SSLError is an OSError, and OSError alone would mean "network, retry".
        if isinstance(exc, ssl.SSLCertVerificationError):
            return PermanentError(f"{prefix}: TLS certificate verification failed: {exc.verify_message}")
        if isinstance(exc, TRANSIENT_TLS_ERRORS):
            return RetriableError(f"{prefix}: TLS connection dropped: {exc}")
        if isinstance(exc, ssl.SSLError):
            return PermanentError(f"{prefix}: TLS handshake failed ({exc.reason or exc}); check security and port")
        if isinstance(exc, smtplib.SMTPResponseException):
            code = exc.smtp_code
            reply = self._redact(
                exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            )
            text = f"{prefix}: server replied {code} {reply}"
            if 500 <= code < 600:
                return PermanentError(text)
            return RetriableError(text)  # 4xx, or a garbled reply (-1): the next attempt may well succeed
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            return RetriableError(f"{prefix}: server closed the connection: {self._redact(str(exc))}")
        if isinstance(exc, smtplib.SMTPException):
            # No AUTH offered, no common AUTH mechanism, STARTTLS refused by smtplib: the server cannot do what
            # the configuration asks, and will not start to on its own.
            return PermanentError(f"{prefix}: {self._redact(str(exc))}")
        return RetriableError(f"{prefix}: {type(exc).__name__}: {self._redact(str(exc))}")

    def _redact(self, text: str) -> str:
        """Server texts are echoed into errors; a server that echoes the password must not leak it."""
        password = self.config.password.get_secret_value() if self.config.password is not None else ""
        return text.replace(password, "**********") if password else text


def _expect(reply: tuple[int, bytes], accepted: tuple[int, ...]) -> None:
    code, text = reply
    if code not in accepted:
        raise smtplib.SMTPResponseException(code, text)


def _close_quietly(client: smtplib.SMTP, polite: bool) -> None:
    """QUIT (when the connection still answers), then close. Errors are swallowed: once DATA got its 250 the
    message is the server's, and a failing QUIT must not turn a delivered document into a retry (a duplicate)."""
    try:
        if polite:
            client.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        client.close()
