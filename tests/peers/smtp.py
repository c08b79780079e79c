"""Real SMTP servers (aiosmtpd) on 127.0.0.1 for the SMTP connector's tests, with their own small PKI.

Two flavours, both with AUTH for one user:
- ``starttls``: plain greeting, STARTTLS required before anything else, AUTH required;
- ``ssl``: implicit TLS on the listening socket (like port 465).

The handler keeps every accepted message (envelope and raw bytes) and can be told to refuse the next messages
(at RCPT or DATA) with a chosen reply, or to refuse one recipient, so the connector's error mapping is tested
against real SMTP replies.
"""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

USER = "orderhub"
PASSWORD = "s3cret-Pa55word"


def _free_port() -> int:
    # aiosmtpd's Controller cannot bind port 0 (it connects to self.port to start the protocol), so a free
    # port is found first; another process could take it in between, hence the retry in SmtpServer.start.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Pki:
    """A CA and a server certificate it signed (SAN localhost and 127.0.0.1), and an unrelated CA."""

    ca_cert: Path
    server_cert: Path
    server_key: Path
    other_ca_cert: Path

    @classmethod
    def create(cls, folder: Path) -> Pki:
        def openssl(*args: str) -> None:
            subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]  # EC: generated in ms
        # keyUsage and key identifiers make the CA acceptable under VERIFY_X509_STRICT (the default from
        # Python 3.13), so these certificates keep working when the interpreter moves on.
        ca_ext = [
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-addext", "subjectKeyIdentifier=hash",
        ]  # fmt: skip
        for name in ("ca", "other-ca"):
            openssl("req", "-x509", *ec, "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2",
                    "-subj", f"/CN=orderhub test {name}", *ca_ext)  # fmt: skip
        (folder / "server.ext").write_text(
            "basicConstraints=critical,CA:FALSE\n"
            "keyUsage=critical,digitalSignature,keyEncipherment\n"
            "extendedKeyUsage=serverAuth\n"
            "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
            "subjectKeyIdentifier=hash\n"
            "authorityKeyIdentifier=keyid,issuer\n"
        )
        openssl("req", "-new", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "server.ext")  # fmt: skip
        return cls(folder / "ca.pem", folder / "server.pem", folder / "server.key", folder / "other-ca.pem")

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)  # no client certificates asked for
        context.load_cert_chain(self.server_cert, self.server_key)
        return context


@dataclass(frozen=True)
class Received:
    """One accepted message, as the server saw it."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes  # the DATA bytes, unmodified (decode_data=False)
    user: str | None  # who authenticated

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def attachments(self) -> dict[str, bytes]:
        """Attached files by name, decoded from their transfer encoding."""
        found = {}
        for part in self.message.iter_attachments():
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found[part.get_filename() or ""] = payload
        return found


Stage = Literal["RCPT", "DATA"]


class RecordingHandler:
    """aiosmtpd handler: stores what it accepts; refuses on demand."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.received: list[Received] = []
        self._refusals: dict[Stage, deque[str]] = {"RCPT": deque(), "DATA": deque()}
        self.refused_recipients: dict[str, str] = {}

    def refuse_next(self, *replies: str, at: Stage = "DATA") -> None:
        """Answer the next ``len(replies)`` messages at ``at`` with these replies, e.g. ``"451 4.3.0 Busy"``."""
        with self._lock:
            self._refusals[at].extend(replies)

    def refuse_recipient(self, address: str, reply: str = "550 5.1.1 No such user") -> None:
        with self._lock:
            self.refused_recipients[address] = reply

    def reset(self) -> None:
        with self._lock:
            self.received.clear()
            self.refused_recipients.clear()
            for queue in self._refusals.values():
                queue.clear()

    def _take(self, stage: Stage) -> str | None:
        with self._lock:
            return self._refusals[stage].popleft() if self._refusals[stage] else None

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        with self._lock:
            per_address = self.refused_recipients.get(address)
        refusal = per_address or self._take("RCPT")
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        refusal = self._take("DATA")
        if refusal:
            return refusal
        assert isinstance(envelope.content, bytes) and envelope.mail_from is not None
        user = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        with self._lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, user))
        return "250 Message accepted for delivery"


def _authenticator(server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    # AuthResult(success=False, handled=False) makes aiosmtpd answer "535 5.7.8 Authentication credentials invalid"
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


class SmtpServer:
    """A running aiosmtpd on 127.0.0.1:``port``; ``handler`` holds what it received."""

    def __init__(self, pki: Pki, security: Literal["starttls", "ssl"]) -> None:
        self.pki = pki
        self.security = security
        self.handler = RecordingHandler()
        self.port = 0
        self._controller: Controller | None = None

    def _controller_for(self, port: int) -> Controller:
        common: dict[str, Any] = {
            "hostname": "127.0.0.1",  # where to bind
            "port": port,
            "server_hostname": "localhost",  # banner name; skips socket.getfqdn(), slow where DNS is absent
            "authenticator": _authenticator,
            "auth_required": True,
            "ready_timeout": 5.0,
        }
        context = self.pki.server_context()
        if self.security == "starttls":
            return Controller(self.handler, tls_context=context, require_starttls=True, **common)
        # Implicit TLS: aiosmtpd only counts a STARTTLS-upgraded session as TLS, so AUTH on a TLS socket needs
        # auth_require_tls=False (it still is TLS: the listening socket itself is wrapped).
        return Controller(self.handler, ssl_context=context, auth_require_tls=False, **common)

    def start(self) -> SmtpServer:
        last: Exception | None = None
        for _ in range(5):
            port = _free_port()
            controller = self._controller_for(port)
            try:
                controller.start()
            except OSError as exc:  # the port was taken between _free_port and bind
                last = exc
                controller.stop(no_assert=True)
                time.sleep(0.05)
                continue
            self._controller, self.port = controller, port
            return self
        raise RuntimeError(f"aiosmtpd could not bind a free port on 127.0.0.1: {last}")

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def received(self) -> list[Received]:
        return list(self.handler.received)

    def delivered(self) -> dict[str, bytes]:
        """Attachments as the partner's mailbox would keep them: by file name, a later message replacing an
        earlier one (a receiver that recognises the resent Message-ID)."""
        files: dict[str, bytes] = {}
        for message in self.received:
            files.update(message.attachments())
        return files
