"""The SMTP connector against real aiosmtpd servers on 127.0.0.1 (STARTTLS + AUTH, and implicit TLS + AUTH)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from contract import ConnectorContract
from peers.smtp import PASSWORD, USER, Pki, SmtpServer
from pydantic import ValidationError

from connectors.base import Outcome, Outgoing, PermanentError, RetriableError
from connectors.smtp import SmtpConfig, SmtpConnector

# aiosmtpd warns whenever AUTH is allowed without STARTTLS; on the implicit-TLS server the socket itself is TLS.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

SENDER = "edi@hub.example.com"
PARTNER = "edi@partner.example.net"

# Everything a text transfer would damage: bare LF, bare CR, CRLF, a leading dot (SMTP dot-stuffing), trailing
# blanks, a NUL, non-ASCII, and a line far beyond SMTP's 998-character limit.
TRICKY_X12 = (
    b"ISA*00*          *00*          *ZZ*HUB            *ZZ*PARTNER        *240101*1200*U*00401*000000001*0*P*>~\n"
    b".GS*PR*HUB*PARTNER*20240101*1200*1*X*004010~\r\n"
    b"ST*855*0001~\rBAK*00*AC*PO-1*20240101~   \n"
    b"N1*ST*Caf\xc3\xa9 \xff\x00 Stra\xdfe~\n" + b"MSG*" + b"X" * 3000 + b"~\n.\r\n.\n" + b"SE*4*0001~"
)


def _exception_texts(exc: BaseException) -> str:
    """The exception, its repr and every chained cause or context: all that a log or a traceback could show."""
    seen: list[str] = []
    current: BaseException | None = exc
    while current is not None:
        seen += [str(current), repr(current), repr(current.args)]
        current = current.__cause__ or current.__context__
    return "\n".join(seen)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki.create(tmp_path_factory.mktemp("smtp-pki"))


@pytest.fixture(scope="session")
def starttls_server(pki: Pki) -> Iterator[SmtpServer]:
    server = SmtpServer(pki, "starttls").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ssl_server(pki: Pki) -> Iterator[SmtpServer]:
    server = SmtpServer(pki, "ssl").start()
    yield server
    server.stop()


@pytest.fixture
def starttls(starttls_server: SmtpServer) -> SmtpServer:
    starttls_server.handler.reset()
    return starttls_server


@pytest.fixture
def implicit_tls(ssl_server: SmtpServer) -> SmtpServer:
    ssl_server.handler.reset()
    return ssl_server


def connector(server: SmtpServer, name: str = "smtp-test", **overrides: Any) -> SmtpConnector:
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": server.port,
        "security": server.security,
        "ca_file": server.pki.ca_cert,
        "username": USER,
        "password": PASSWORD,
        "sender": SENDER,
        "recipients": [PARTNER],
        "timeout_seconds": 5,
    }
    options.update(overrides)
    return SmtpConnector(name, SmtpConfig.model_validate(options))


def doc(filename: str = "p_855_000000001.x12", data: bytes = TRICKY_X12, doc_type: str = "855") -> Outgoing:
    return Outgoing(filename=filename, data=data, partner_id="partner", doc_type=doc_type)


# -- delivery ----------------------------------------------------------------------------------------------------
def test_starttls_with_auth_delivers_one_message_with_the_exact_bytes(starttls: SmtpServer) -> None:
    receipt = connector(starttls).send(doc())

    (got,) = starttls.received
    assert (got.mail_from, got.rcpt_tos, got.user) == (SENDER, [PARTNER], USER)
    message = got.message
    assert message["From"] == SENDER and message["To"] == PARTNER
    assert message["Subject"] == "855 p_855_000000001.x12"
    assert message["Message-ID"] == receipt.remote_key
    assert message["Date"].datetime.utcoffset() is not None
    assert receipt.sent_at.tzinfo is UTC
    (part,) = message.iter_attachments()
    assert part.get_content_type() == "application/edi-x12"
    assert part["Content-Transfer-Encoding"] == "base64"
    assert got.attachments() == {"p_855_000000001.x12": TRICKY_X12}
    assert message.get_body(("plain",)) is not None


def test_implicit_tls_delivers_and_other_documents_go_as_octet_stream(implicit_tls: SmtpServer) -> None:
    connector(implicit_tls, subject_template="[{partner_id}] {doc_type}").send(
        doc("report.pdf", b"%PDF-1.7\r\n\x00\xff", doc_type="pdf")
    )

    (got,) = implicit_tls.received
    assert got.user == USER
    (part,) = got.message.iter_attachments()
    assert part.get_content_type() == "application/octet-stream"
    assert got.attachments() == {"report.pdf": b"%PDF-1.7\r\n\x00\xff"}
    assert got.message["Subject"] == "[partner] pdf"


def test_without_credentials_no_auth_is_attempted_and_the_server_requires_it(starttls: SmtpServer) -> None:
    with pytest.raises(PermanentError, match="530"):  # aiosmtpd: 530 5.7.0 Authentication required
        connector(starttls, username=None, password=None).send(doc())
    assert starttls.received == []


def test_the_message_is_7bit_even_with_a_non_ascii_body_and_file_name(implicit_tls: SmtpServer) -> None:
    connector(implicit_tls, body_text="Gr\u00fc\u00dfe: the attached order acknowledgement.").send(
        doc("best\u00e4tigung.x12", b"ISA\xff~")
    )

    (got,) = implicit_tls.received
    assert got.content.isascii()  # no 8BITMIME needed anywhere on the way
    assert got.message.get_body(("plain",)).get_content().startswith("Gr\u00fc\u00dfe:")
    assert got.attachments() == {"best\u00e4tigung.x12": b"ISA\xff~"}


def test_a_file_name_that_would_inject_headers_is_permanent_and_nothing_is_sent(starttls: SmtpServer) -> None:
    with pytest.raises(PermanentError, match="cannot build a message"):
        connector(starttls).send(doc("po.x12\r\nBcc: everyone@example.org"))
    assert starttls.received == []


def test_the_same_document_sent_twice_carries_the_same_message_id(starttls: SmtpServer) -> None:
    smtp = connector(starttls)
    first, again = smtp.send(doc()), smtp.send(doc())

    assert first.remote_key == again.remote_key
    assert [m.message["Message-ID"] for m in starttls.received] == [first.remote_key] * 2
    assert smtp.send(doc("p_855_000000002.x12")).remote_key != first.remote_key
    assert connector(starttls, name="other-channel").message_id(doc().filename) != first.remote_key


class TestSmtpSendContract:
    """The send half of the connector contract (SMTP has no inbound side)."""

    @pytest.fixture
    def make(self, starttls: SmtpServer):
        return lambda: (connector(starttls), starttls)

    test_send_delivers_the_whole_document_and_a_resend_replaces_it = (
        ConnectorContract.test_send_delivers_the_whole_document_and_a_resend_replaces_it
    )


def test_poll_yields_nothing_and_ack_does_nothing(starttls: SmtpServer) -> None:
    smtp = connector(starttls)
    assert list(smtp.poll()) == []
    smtp.ack(None, Outcome.PROCESSED)  # type: ignore[arg-type]  # nothing to file, whatever it is given
    assert starttls.received == []


# -- error mapping -----------------------------------------------------------------------------------------------
def test_wrong_password_is_permanent_and_the_password_never_shows(
    starttls: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "Wr0ng-Secret-xyz"
    smtp = connector(starttls, password=wrong)
    caplog.set_level(logging.DEBUG)

    with pytest.raises(PermanentError, match="535") as caught:
        smtp.send(doc())

    for text in (_exception_texts(caught.value), caplog.text, repr(smtp), repr(smtp.config), str(smtp.config)):
        assert wrong not in text and PASSWORD not in text
    assert starttls.received == []


def test_a_certificate_from_another_ca_is_permanent_and_named(starttls: SmtpServer, implicit_tls: SmtpServer) -> None:
    for server in (starttls, implicit_tls):
        with pytest.raises(PermanentError, match="certificate") as caught:
            connector(server, ca_file=server.pki.other_ca_cert).send(doc())
        assert "TLS" in str(caught.value)
    with pytest.raises(PermanentError, match="certificate"):  # the system CAs do not know ours either
        connector(starttls, ca_file=None).send(doc())
    assert starttls.received == [] and implicit_tls.received == []


def test_451_is_retriable_550_is_permanent_and_the_next_message_goes_through(starttls: SmtpServer) -> None:
    starttls.handler.refuse_next("451 4.3.0 Try again later", "550 5.7.1 Content rejected")
    smtp = connector(starttls)

    with pytest.raises(RetriableError, match="451"):
        smtp.send(doc())
    with pytest.raises(PermanentError, match="550"):
        smtp.send(doc())
    smtp.send(doc())
    assert len(starttls.received) == 1


def test_a_refused_recipient_stops_the_whole_message(starttls: SmtpServer) -> None:
    other = "copy@partner.example.net"
    starttls.handler.refuse_recipient(other, "550 5.1.1 No such user")
    with pytest.raises(PermanentError, match=r"550.*RCPT|RCPT.*550"):
        connector(starttls, recipients=[PARTNER, other]).send(doc())
    assert starttls.received == []  # the first recipient did not get a copy either

    starttls.handler.refuse_next("452 4.2.2 Mailbox full", at="RCPT")
    with pytest.raises(RetriableError, match="452"):
        connector(starttls).send(doc())
    assert starttls.received == []


def test_a_stopped_server_is_retriable(pki: Pki) -> None:
    server = SmtpServer(pki, "starttls").start()
    smtp = connector(server)
    server.stop()
    with pytest.raises(RetriableError, match="ConnectionRefused"):
        smtp.send(doc())


def test_a_server_that_never_answers_is_retriable(pki: Pki) -> None:
    with socket.socket() as silent:  # accepts connections into its backlog, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        fake = SmtpServer(pki, "starttls")
        fake.port = silent.getsockname()[1]
        with pytest.raises(RetriableError, match="(?i)timeout|timed out"):
            connector(fake, timeout_seconds=0.3).send(doc())


def test_implicit_tls_against_a_starttls_port_is_permanent(starttls: SmtpServer) -> None:
    with pytest.raises(PermanentError, match="TLS handshake"):
        connector(starttls, security="ssl").send(doc())


# -- configuration -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"security": "none"}, "security"),
        ({"password": None}, "username and password"),
        ({"username": None}, "username and password"),
        ({"password": "p\u00e4ssword-" + PASSWORD}, "password must be ASCII"),
        ({"recipients": ["b\u00fccher@partner.example.net"]}, "plain ASCII e-mail address"),
        ({"recipients": []}, "recipients"),
        ({"recipients": ["Partner <edi@partner.example.net>"]}, "plain ASCII e-mail address"),
        ({"sender": "edi@hub\r\nBcc: x@y"}, "plain ASCII e-mail address"),
        ({"subject_template": "{doc_type} {po_number}"}, "po_number"),
        ({"subject_template": "{filename.__class__}"}, "unknown field"),
        ({"ca_file": "/nonexistent/ca.pem"}, "ca_file"),
        ({"tls": True}, "tls"),
    ],
)
def test_bad_configuration_is_refused_at_start_up(change: dict[str, Any], complaint: str, tmp_path: Path) -> None:
    options = {"host": "mail.example.com", "security": "starttls", "username": USER, "password": PASSWORD,
               "sender": SENDER, "recipients": [PARTNER]}  # fmt: skip
    with pytest.raises(ValidationError, match=complaint) as caught:
        SmtpConfig.model_validate({**options, **change})
    assert PASSWORD not in str(caught.value)


def test_defaults_and_the_ports_that_go_with_the_security_mode() -> None:
    config = SmtpConfig(host="mail.example.com", security="ssl", sender=SENDER, recipients=[PARTNER])
    assert (config.effective_port, config.timeout_seconds) == (465, 30)
    assert config.subject_template == "{doc_type} {filename}" and config.body_text
    assert SmtpConfig(host="h", security="starttls", sender=SENDER, recipients=[PARTNER]).effective_port == 587


def test_check_logs_in_without_sending(starttls: SmtpServer) -> None:
    assert "starttls session with 127.0.0.1" in connector(starttls).check()
    assert starttls.received == []
    with pytest.raises(PermanentError):
        connector(starttls, password="wrong-password").check()
