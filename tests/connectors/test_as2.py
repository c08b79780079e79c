"""AS2: the hub's /as2 endpoint (FastAPI under uvicorn on 127.0.0.1) and the outbound connector, against
pyas2lib as the partner and against libas2 (Node), an independent implementation, in both directions.

Certificates are made per run with ``cryptography`` (RSA 2048, self-signed, as AS2 partners exchange them).
"""

from __future__ import annotations

import hashlib
import http.server
import queue
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from conftest import FIXTURES, Workspace
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from peers import libas2
from sqlmodel import Session, select

from connectors.as2.config import As2Config
from connectors.as2.connector import As2Connector
from connectors.as2.station import OutboundMessage, Station
from connectors.base import Outgoing, PermanentError, RetriableError
from connectors.registry import ConnectorConfigError, build_connector
from orderhub.store.models import InboundDocument
from orderhub.web import WebServer, create_app

PO = (FIXTURES / "demo" / "inbox" / "demo-po-1001.x12").read_bytes()
CHANNEL = "as2-partnera"


# -- certificates -------------------------------------------------------------------------------------------
def make_identity(
    folder: Path, name: str, days: float = 365, start: timedelta = timedelta(days=-1)
) -> tuple[Path, Path]:
    """(key.pem, cert.pem) for a self-signed RSA 2048 certificate valid from now+start for ``days``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name.lower()}.as2.test")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + start)
        .not_valid_after(now + start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


class Pki:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hub_key, self.hub_cert = make_identity(folder, "orderhub")
        self.partner_key, self.partner_cert = make_identity(folder, "partnera")
        self.stranger_key, self.stranger_cert = make_identity(folder, "stranger")

    def hub_options(self, **overrides: Any) -> dict[str, Any]:
        """orderhub's side of the relationship with PARTNERA, as channel options."""
        options: dict[str, Any] = {
            "as2_name": "ORDERHUB",
            "key_file": str(self.hub_key),
            "cert_file": str(self.hub_cert),
            "partner_as2_name": "PARTNERA",
            "partner_cert_file": str(self.partner_cert),
        }
        options.update(overrides)
        return options

    def partner_station(self, name: str = "PARTNERA", **overrides: Any) -> Station:
        """PARTNERA's side (pyas2lib, through our own wrapper with the roles swapped)."""
        key, cert = (
            (self.stranger_key, self.stranger_cert) if name == "STRANGER" else (self.partner_key, self.partner_cert)
        )
        options: dict[str, Any] = dict(
            as2_name=name, key_file=key, cert_file=cert, partner_as2_name="ORDERHUB", partner_cert_file=self.hub_cert
        )
        options.update(overrides)
        return Station(As2Config.model_validate(options))

    def libas2_identity(self) -> libas2.Identity:
        return libas2.Identity("PARTNERA", self.partner_key, self.partner_cert, "ORDERHUB", self.hub_cert)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("as2-pki"))


@pytest.fixture(scope="module")
def libas2_folder() -> Path:
    return libas2.install()


# -- the hub's web app on 127.0.0.1 ----------------------------------------------------------------------------
class HubServer:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.hub = workspace.hub()
        self.web = WebServer(create_app(self.hub), "127.0.0.1", 0).start()
        self.url = self.web.base_url + "/as2"

    def documents(self) -> list[InboundDocument]:
        with Session(self.hub.engine) as session:
            return list(session.exec(select(InboundDocument).where(InboundDocument.channel == CHANNEL)))

    def raw(self, doc: InboundDocument) -> bytes:
        with self.hub.raw.open(doc.sha256) as handle:
            return handle.read()

    def close(self) -> None:
        self.web.stop()
        self.hub.close()


@pytest.fixture
def serve(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_url: str, pki: Pki
) -> Iterator[Callable[..., HubServer]]:
    """Start the hub with one as2 channel for PARTNERA (options overridable) and its web app, on SQLite, or
    with ``database="postgresql"`` on the PostgreSQL server of the run."""
    servers: list[HubServer] = []

    def start(database: str = "sqlite", **overrides: Any) -> HubServer:
        url = sqlite_url if database == "sqlite" else request.getfixturevalue("postgres").new_database()
        workspace = Workspace(tmp_path / "data", url)
        config = yaml.safe_load(workspace.settings.config_path.read_text())
        config["channels"].append({"name": CHANNEL, "kind": "as2", "options": pki.hub_options(**overrides)})
        workspace.settings.config_path.write_text(yaml.safe_dump(config))
        servers.append(HubServer(workspace))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def post(url: str, sent: OutboundMessage, body: bytes | None = None) -> httpx.Response:
    return httpx.post(url, content=sent.body if body is None else body, headers=sent.headers, timeout=30)


def refused(server: HubServer) -> list[InboundDocument]:
    return [d for d in server.documents() if d.error_code == "REFUSED_BY_CHANNEL"]


# -- a pyas2lib partner sends to the hub ------------------------------------------------------------------------
def test_signed_encrypted_message_is_stored_and_answered_with_a_signed_mdn_carrying_the_mic(serve, pki):
    server = serve()
    partner = pki.partner_station()
    sent = partner.build(PO, "po-1001.x12")
    response = post(server.url, sent)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("multipart/signed")
    report = partner.read_mdn(sent, response.headers.multi_items(), response.content)  # signature verified
    assert (report.status, report.detail) == ("processed", None)
    assert report.mic == sent.mic is not None
    (doc,) = server.documents()
    assert doc.remote_key == sent.message_id and doc.status == "parsed"
    assert server.raw(doc) == PO  # byte for byte


def test_tampered_message_gets_authentication_failed_and_is_recorded_not_processed(serve, pki):
    server = serve(require_encrypted=False)
    partner = pki.partner_station(encrypt=False)  # the plaintext must be visible to be changed
    sent = partner.build(PO, "po-1001.x12")
    assert b"BEG*00*SA*" in sent.body
    response = post(server.url, sent, sent.body.replace(b"BEG*00*SA*", b"BEG*00*SA*9"))
    report = partner.read_mdn(sent, response.headers.multi_items(), response.content)
    assert (report.status, report.detail) == ("processed/Error", "authentication-failed")
    (doc,) = server.documents()
    assert doc.status == "failed" and doc.error_code == "REFUSED_BY_CHANNEL"
    assert "authentication-failed" in (doc.error or "") and doc.remote_key == sent.message_id
    assert b"BEG*00*SA*9" in server.raw(doc)  # kept as it arrived, for a person to look at


def test_unsigned_message_from_a_partner_who_must_sign_is_insufficient_message_security(serve, pki):
    server = serve()
    partner = pki.partner_station(sign=False)
    sent = partner.build(PO, "po-1001.x12")
    report = partner.read_mdn(sent, *_answer(post(server.url, sent)))
    assert (report.status, report.detail) == ("processed/Error", "insufficient-message-security")
    assert [d.status for d in server.documents()] == ["failed"] and len(refused(server)) == 1


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_message_id_seen_before_is_a_duplicate_and_a_refused_one_may_come_again(serve, pki, database):
    server = serve(database)
    partner = pki.partner_station()
    first = partner.build(PO, "po-1001.x12", message_id="resend-1")
    assert partner.read_mdn(first, *_answer(post(server.url, first))).status == "processed"
    again = partner.build(PO, "po-1001.x12", message_id="resend-1")
    report = partner.read_mdn(again, *_answer(post(server.url, again)))
    assert (report.status, report.detail) == ("processed/Warning", "duplicate-document")
    assert len(server.documents()) == 1
    # a message refused under an id does not block the genuine one under the same id
    broken = partner.build(PO, "po-1002.x12", message_id="resend-2")
    assert partner.read_mdn(broken, *_answer(post(server.url, broken, broken.body[:-40]))).status != "processed"
    fixed = partner.build(PO + b"\n", "po-1002.x12", message_id="resend-2")
    assert partner.read_mdn(fixed, *_answer(post(server.url, fixed))).status == "processed"
    codes = [(d.remote_key, d.error_code) for d in server.documents()]
    assert codes[0] == (first.message_id, None) and codes[1] == (fixed.message_id, "REFUSED_BY_CHANNEL")
    assert codes[2][0] == fixed.message_id and codes[2][1] != "REFUSED_BY_CHANNEL"  # received (its ISA13 repeats)


def test_an_overlong_message_id_is_stored_shortened_and_still_recognised(serve, pki):
    server = serve()
    partner = pki.partner_station()
    long_id = "x" * 600 + "@partnera"
    for expected in ("processed", "processed/Warning"):
        sent = partner.build(PO, "po-1001.x12")
        sent.headers["Message-ID"] = f"<{long_id}>"  # the HTTP headers are not signed
        sent.message.message_id = sent.message_id = long_id
        assert partner.read_mdn(sent, *_answer(post(server.url, sent))).status == expected
    (doc,) = server.documents()
    assert len(doc.remote_key) < 300 and doc.remote_key.startswith("x" * 200)


def test_asynchronous_mdn_is_posted_to_the_url_the_sender_gave(serve, pki):
    received: queue.Queue[tuple[list[tuple[str, str]], bytes]] = queue.Queue()

    class MdnHandler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.put((list(self.headers.items()), body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    mdn_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), MdnHandler)
    threading.Thread(target=mdn_server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        server = serve(partner_url="http://127.0.0.1:9/as2")  # the partner's host: MDNs may be POSTed there
        partner = pki.partner_station()
        sent = partner.build(PO, "po-1001.x12")
        sent.headers["Receipt-Delivery-Option"] = f"http://127.0.0.1:{mdn_server.server_address[1]}/mdn"
        response = post(server.url, sent)
        assert (response.status_code, response.content) == (200, b"")  # the MDN comes separately
        headers, body = received.get(timeout=10)
        report = partner.read_mdn(sent, headers, body)
        assert (report.status, report.mic) == ("processed", sent.mic)
        assert [d.remote_key for d in server.documents()] == [sent.message_id]
    finally:
        mdn_server.shutdown()
        mdn_server.server_close()


def test_unknown_partner_gets_an_unsigned_negative_mdn_and_nothing_is_stored(serve, pki):
    server = serve()
    stranger = pki.partner_station("STRANGER")  # asks for a signed MDN, which pyas2lib 1.4.4 would crash on
    sent = stranger.build(PO, "po-1001.x12")
    sent.headers["Receipt-Delivery-Option"] = "http://127.0.0.1:9/never-posted-to"  # a stranger's URL: ignored
    response = post(server.url, sent)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("multipart/report")  # synchronous, not signed
    assert b"processed/Error: unknown-trading-partner" in response.content
    assert server.documents() == []


def test_not_an_as2_request_is_http_400(serve):
    server = serve()
    assert httpx.post(server.url, content=b"hello", timeout=10).status_code == 400


def _answer(response: httpx.Response) -> tuple[list[tuple[str, str]], bytes]:
    return response.headers.multi_items(), response.content


# -- the outbound connector ------------------------------------------------------------------------------------
def connector(pki: Pki, url: str, **overrides: Any) -> As2Connector:
    """orderhub's connector towards PARTNERA; ``url`` is PARTNERA's endpoint."""
    built = build_connector(CHANNEL, "as2", pki.hub_options(partner_url=url, **overrides))
    assert isinstance(built, As2Connector)
    return built


def test_connector_delivers_to_a_pyas2lib_endpoint_and_a_resend_counts_as_delivered(serve, pki, tmp_path):
    # the receiving hub plays PARTNERA: its channel is PARTNERA's side of the relationship
    server = serve(
        as2_name="PARTNERA",
        key_file=str(pki.partner_key),
        cert_file=str(pki.partner_cert),
        partner_as2_name="ORDERHUB",
        partner_cert_file=str(pki.hub_cert),
    )
    sender = connector(pki, server.url)
    doc = Outgoing("po-1001.x12", PO, "demo-retail", "850")
    receipt = sender.send(doc)
    (stored,) = server.documents()
    assert receipt.remote_key == stored.remote_key and server.raw(stored) == PO
    assert sender.send(doc).remote_key == receipt.remote_key  # same Message-ID: "duplicate-document", delivered
    assert len(server.documents()) == 1
    with pytest.raises(PermanentError, match="insufficient-message-security"):
        connector(pki, server.url, sign=False).send(Outgoing("other.x12", PO + b"\n", "demo-retail", "850"))


def test_connector_refuses_an_mdn_reporting_another_mic(serve, pki):
    server = serve(
        as2_name="PARTNERA",
        key_file=str(pki.partner_key),
        cert_file=str(pki.partner_cert),
        partner_as2_name="ORDERHUB",
        partner_cert_file=str(pki.hub_cert),
    )
    sender = connector(pki, server.url)
    build = sender.station.build

    other = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="  # as if the partner had got other bytes

    def build_with_another_mic(*args: Any, **kwargs: Any) -> OutboundMessage:
        built = build(*args, **kwargs)
        built.mic = other  # pyas2lib compares built.message.mic, and passes an MDN without any MIC: ours is strict
        return built

    sender.station.build = build_with_another_mic  # type: ignore[method-assign]
    with pytest.raises(PermanentError, match="the MDN reports MIC"):
        sender.send(Outgoing("po-1001.x12", PO, "demo-retail", "850"))


def test_no_mdn_when_the_message_cannot_be_recorded(serve, pki, monkeypatch):
    server = serve()

    def database_away(incoming: Any) -> Any:
        raise OSError("database away")

    monkeypatch.setattr(server.hub.pipeline, "handle", database_away)
    partner = pki.partner_station()
    response = post(server.url, partner.build(PO, "po-1001.x12"))
    assert response.status_code == 503 and b"disposition" not in response.content.lower()


def test_connector_network_failure_is_retriable_and_no_url_is_permanent(pki):
    doc = Outgoing("po.x12", PO, "demo-retail", "850")
    with socket.socket() as sock:  # bound, never listening: refuses connections, and no one else can take the port
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/as2"
        with pytest.raises(RetriableError):
            connector(pki, closed, timeout_seconds=5).send(doc)
    with pytest.raises(PermanentError, match="partner_url"):
        connector(pki, None).send(doc)  # type: ignore[arg-type]


def test_configuration_is_checked_at_start_up(pki):
    with pytest.raises(ConnectorConfigError, match="surprise"):
        build_connector(CHANNEL, "as2", pki.hub_options(surprise=True))
    with pytest.raises(ConnectorConfigError, match="is not the key of cert_file"):
        build_connector(CHANNEL, "as2", pki.hub_options(key_file=str(pki.partner_key)))
    with pytest.raises(ConnectorConfigError, match="partner_cert_file"):
        build_connector(CHANNEL, "as2", pki.hub_options(partner_cert_file=str(pki.hub_key)))


def test_certificate_expiry_is_reported_ahead_of_time(pki, tmp_path, caplog):
    _, soon = make_identity(tmp_path, "partner-soon", days=11)  # valid from yesterday: 10 days left
    _, gone = make_identity(tmp_path, "partner-gone", days=1, start=timedelta(days=-2))
    with caplog.at_level("WARNING"):
        expiring = connector(pki, "http://127.0.0.1:9/as2", partner_cert_file=str(soon))
    assert "expires on" in caplog.text and str(soon) in caplog.text
    assert "day(s)" in expiring.check()
    assert connector(pki, "http://127.0.0.1:9/as2").certificate_warnings() == []
    with pytest.raises(PermanentError, match="has expired"):
        connector(pki, "http://127.0.0.1:9/as2", partner_cert_file=str(gone)).check()


# -- interop with libas2 (Node) ---------------------------------------------------------------------------------
def test_libas2_sends_signed_and_encrypted_to_the_hub(serve, pki, libas2_folder):
    server = serve()
    result = libas2.send(
        libas2_folder, pki.libas2_identity(), server.url, payload=PO.decode("latin-1"), encrypt="aes256-CBC"
    )
    assert result["http"] == 200
    assert result["disposition"].endswith("; processed")
    assert result["mdnSigned"] and result["mdnVerified"] is True and result["micMatches"]
    (doc,) = server.documents()
    assert doc.remote_key == result["messageId"].strip("<>") and doc.status == "parsed" and server.raw(doc) == PO


def test_libas2_tampered_message_is_refused(serve, pki, libas2_folder):
    server = serve(require_encrypted=False)
    # libas2 sends the signed part base64: change a header inside the signed part instead of the payload
    tamper = ["Content-Type: application/edi-x12", "Content-Type: application/edi-x12 "]
    result = libas2.send(libas2_folder, pki.libas2_identity(), server.url, payload=PO.decode("latin-1"), tamper=tamper)
    assert result["disposition"].endswith("processed/Error: authentication-failed")
    assert [d.error_code for d in server.documents()] == ["REFUSED_BY_CHANNEL"]


def test_connector_delivers_to_libas2(pki, libas2_folder):
    receiver = libas2.Receiver(libas2_folder, pki.libas2_identity())
    try:
        # libas2 0.8.2 reads HTTP bodies as text (base64 needed) and signs MDNs that do not verify anywhere
        sender = connector(pki, receiver.url, body_encoding="base64", mdn_signed=False)
        doc = Outgoing("po-1001.x12", PO, "demo-retail", "850")
        receipt = sender.send(doc)
        got = receiver.next_result()
        assert got["disposition"] == {"processed": True, "type": "automatic-action"}
        assert got["messageId"].strip("<>") == receipt.remote_key
        # libas2's content node keeps the CRLF before the MIME boundary
        assert got["payloadSha256"] in (hashlib.sha256(PO).hexdigest(), hashlib.sha256(PO + b"\r\n").hexdigest())
        # libas2 requires a signature: an unsigned message gets a negative MDN, which is a permanent failure
        with pytest.raises(PermanentError, match="MDN failed"):
            connector(pki, receiver.url, body_encoding="base64", mdn_signed=False, sign=False).send(doc)
        assert receiver.next_result()["disposition"]["processed"] is False
    finally:
        receiver.close()
