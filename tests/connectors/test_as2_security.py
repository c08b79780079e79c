"""AS2 security and reliability regressions (from a review's proof scripts): forged and spliced MDNs, MDN
algorithm names, the asynchronous-MDN URL allow-list, require_encrypted with a compressed-only body, a message
stuck in ``received``, unsupported MIC algorithms, size limits, what a refused message keeps, a new Message-ID
after a negative MDN, early MDNs, the certificate-expiry job, and the libas2 cache install."""

# ruff: noqa: F811  (fixtures imported from the other AS2 test modules are redefined as parameters)
from __future__ import annotations

import base64
import re
import socket
import threading
import time
from email import message as email_message
from pathlib import Path
from typing import Any

import httpx
import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from test_as2 import CHANNEL, PO, Pki, _answer, post, refused, serve  # noqa: F401  (serve is a fixture)
from test_as2_async_mdn import black_hole, nodes, ours  # noqa: F401  (fixtures)

from connectors.as2.config import As2Config
from connectors.as2.connector import As2Connector, judge
from connectors.as2.receipt import NEGATIVE_MDN, SentMessage
from connectors.as2.station import MdnReport, Station, choose_micalg, is_mdn, refuse_unknown
from connectors.base import Outgoing
from orderhub.outbox import next_generation, resend

OPTIONS = "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, {}"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("as2-security-pki"))


def hub_connector(pki: Pki, **overrides: Any) -> As2Connector:
    options = pki.hub_options(partner_url="http://127.0.0.1:9/as2", mdn_mode="async", mdn_url="http://127.0.0.1:1/as2")
    options.update(overrides)
    return As2Connector(CHANNEL, As2Config.model_validate(options))


# -- crafting MDNs ----------------------------------------------------------------------------------------------
def report(message_id: str, disposition: str, mic: str | None, alg: str = "sha256") -> bytes:
    """A multipart/report entity (headers and body) as the first part of a signed MDN."""
    mic_line = f"Received-Content-MIC: {mic}, {alg}\r\n" if mic else ""
    return (
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="RB"\r\n\r\n'
        "--RB\r\nContent-Type: text/plain\r\n\r\nok\r\n"
        "--RB\r\nContent-Type: message/disposition-notification\r\n\r\n"
        "Reporting-UA: test\r\nOriginal-Recipient: rfc822; PARTNERA\r\nFinal-Recipient: rfc822; PARTNERA\r\n"
        f"Original-Message-ID: <{message_id}>\r\n"
        f"Disposition: automatic-action/MDN-sent-automatically; {disposition}\r\n{mic_line}"
        "\r\n--RB--\r\n"
    ).encode()


def sign(data: bytes, key: Path, cert: Path) -> bytes:
    """A detached CMS signature (DER) over exactly ``data``."""
    private = serialization.load_pem_private_key(key.read_bytes(), None)
    certificate = x509.load_pem_x509_certificate(cert.read_bytes())
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(certificate, private, hashes.SHA256())  # type: ignore[arg-type]
    return builder.sign(serialization.Encoding.DER, options)


def no_signer() -> bytes:
    """The forgery: CMS signed-data with no signer at all (pyas2lib's verification passes it)."""
    sd = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [],
            "encap_content_info": {"content_type": "data"},
            "signer_infos": [],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump()


def signed_mdn(parts: list[bytes], signature: bytes) -> tuple[list[tuple[str, str]], bytes]:
    """HTTP headers and body of a multipart/signed MDN: ``parts`` then the signature part."""
    sig = base64.encodebytes(signature).decode().replace("\n", "\r\n")
    body = b"".join(b"--SIG\r\n" + part + b"\r\n" for part in parts)
    body += (
        "--SIG\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{sig}\r\n--SIG--\r\n"
    ).encode()
    content_type = 'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="SIG"'
    return [("AS2-From", "PARTNERA"), ("AS2-To", "ORDERHUB"), ("Content-Type", content_type)], body


def verdict(hub: As2Connector, sent: Any, headers: list[tuple[str, str]], body: bytes) -> bool | None:
    def find(message_id: str) -> SentMessage | None:
        return SentMessage(sent.message_id, sent.mic) if message_id == sent.message_id else None

    return hub.read_async_mdn(headers, body, find).delivered


# -- 1. forged and spliced MDNs -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "disposition", ["processed/Warning: duplicate-document", "processed", "processed/warning: duplicate-document"]
)
def test_an_mdn_signed_by_no_one_is_not_trusted(pki, disposition):
    hub = hub_connector(pki)
    sent = hub.station.build(PO, "x.x12", "target")
    for mic in (sent.mic, None):
        headers, body = signed_mdn([report(sent.message_id, disposition, mic)], no_signer())
        assert is_mdn(headers, body)
        result = hub.read_async_mdn(headers, body, lambda m: SentMessage(sent.message_id, sent.mic))
        assert result.delivered is None and "no signer" in result.reason


def test_a_genuine_signature_spliced_with_a_forged_report_is_not_trusted(pki):
    hub = hub_connector(pki)
    sent = hub.station.build(PO, "x.x12", "target")
    # a genuine signed MDN by PARTNERA for another message of ours, with a forged report spliced in
    other = hub.station.build(PO + b"\n", "other.x12", "other")
    genuine = pki.partner_station().receive(list(other.headers.items()), other.body, seen=lambda m: False)
    headers, body = dict(genuine.mdn_headers), genuine.mdn_body
    assert verdict(hub, other, list(headers.items()), body) is True  # as it came
    boundary = re.search(r'boundary="([^"]+)"', headers["Content-Type"]).group(1)  # type: ignore[union-attr]
    end = f"--{boundary}--".encode()
    forged = (
        f"--{boundary}\r\n".encode() + report(sent.message_id, "processed/Warning: duplicate-document", sent.mic)
    ) + b"\r\n"
    assert verdict(hub, sent, list(headers.items()), body.replace(end, forged + end)) is None
    # the forged report first, the genuine signature (over the other report) second: does not verify
    parts = [report(sent.message_id, "processed", sent.mic)]
    signature_part = body.split(f"--{boundary}".encode())[2]
    spliced = b"--SIG\r\n" + parts[0] + b"\r\n--SIG" + signature_part + b"--SIG--\r\n"
    content_type = 'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha256; boundary="SIG"'
    assert verdict(hub, sent, [("Content-Type", content_type)], spliced) is None


def test_only_the_partners_certificate_over_the_exact_first_part_counts(pki):
    hub = hub_connector(pki)
    sent = hub.station.build(PO, "x.x12", "target")
    good = report(sent.message_id, "processed", sent.mic)
    assert verdict(hub, sent, *signed_mdn([good], sign(good, pki.partner_key, pki.partner_cert))) is True
    # signed by a stranger (its own valid signature), or by us: not the partner
    assert verdict(hub, sent, *signed_mdn([good], sign(good, pki.stranger_key, pki.stranger_cert))) is None
    assert verdict(hub, sent, *signed_mdn([good], sign(good, pki.hub_key, pki.hub_cert))) is None
    # the signature over other bytes than the first part's
    changed = good.replace(b"Reporting-UA: test", b"Reporting-UA: tesT")
    assert verdict(hub, sent, *signed_mdn([changed], sign(good, pki.partner_key, pki.partner_cert))) is None
    # a third part: not a multipart/signed of two
    headers, body = signed_mdn([good, good], sign(good, pki.partner_key, pki.partner_cert))
    assert verdict(hub, sent, headers, body) is None


def test_duplicate_document_needs_our_mic_and_dispositions_are_case_insensitive(pki):
    hub = hub_connector(pki)
    sent = hub.station.build(PO, "x.x12", "target")

    def signed(disposition: str, mic: str | None, alg: str = "sha256") -> bool | None:
        entity = report(sent.message_id, disposition, mic, alg)
        return verdict(hub, sent, *signed_mdn([entity], sign(entity, pki.partner_key, pki.partner_cert)))

    assert signed("processed/Warning: duplicate-document", None) is False  # proves nothing about our bytes
    assert signed("processed/Warning: duplicate-document", "AAAA") is False
    assert signed("processed/Warning: duplicate-document", sent.mic) is True
    assert signed("PROCESSED/WARNING: Duplicate-Document", sent.mic) is True
    assert signed("Processed", sent.mic, "SHA-256") is True
    assert signed("processed", sent.mic, "sha512") is False  # another MIC algorithm than ours
    assert signed("Processed/Error: authentication-failed", None) is False
    assert signed("processed", None) is False
    report_ = MdnReport("FAILED/Failure", "unsupported-mic-algorithms", None)
    delivered, reason = judge(report_, None)
    assert delivered is False and reason.startswith(NEGATIVE_MDN)


def test_the_synchronous_mdn_is_read_the_same_way(pki):
    hub = hub_connector(pki, mdn_mode="sync")
    sent = hub.station.build(PO, "x.x12", "target")
    forged = report(sent.message_id, "processed", sent.mic)
    report_ = hub.station.read_mdn(sent, *signed_mdn([forged], no_signer()))
    assert not report_.trusted and judge(report_, sent.mic)[0] is None
    # a genuine MDN, but for another message
    other = report("another@orderhub.as2", "processed", sent.mic)
    report_ = hub.station.read_mdn(sent, *signed_mdn([other], sign(other, pki.partner_key, pki.partner_cert)))
    assert not report_.trusted and "answers <another@orderhub.as2>" in (report_.problem or "")
    # an unsigned one where a signed one was asked for
    report_ = hub.station.read_mdn(
        sent,
        [("Content-Type", 'multipart/report; report-type=disposition-notification; boundary="RB"')],
        forged.split(b"\r\n\r\n", 1)[1],
    )
    assert not report_.trusted and "unsigned" in (report_.problem or "")


def test_a_pyas2lib_partner_that_already_has_the_message_answers_with_our_mic(serve, pki):
    # the receiving hub plays PARTNERA; the resend's duplicate-document carries the MIC, so it counts
    server = serve(
        as2_name="PARTNERA",
        key_file=str(pki.partner_key),
        cert_file=str(pki.partner_cert),
        partner_as2_name="ORDERHUB",
        partner_cert_file=str(pki.hub_cert),
    )
    sender = As2Connector(CHANNEL, As2Config.model_validate(pki.hub_options(partner_url=server.url)))
    doc = Outgoing("po-1001.x12", PO, "demo-retail", "850")
    first = sender.send(doc)
    assert sender.send(doc).remote_key == first.remote_key and len(server.documents()) == 1


# -- 11. MIC algorithm names ----------------------------------------------------------------------------------------
def test_mic_algorithm_names_with_and_without_dash(pki):
    station = Station(As2Config.model_validate(pki.hub_options(digest_alg="sha-256")))
    assert station.config.digest_alg == "sha256"
    built = station.build(PO, "x.x12")
    assert built.headers["disposition-notification-options"].endswith("signed-receipt-micalg=optional, sha-256, sha256")
    allowed = ("sha256", "sha384", "sha512")
    assert choose_micalg(OPTIONS.format("sha-256"), allowed) == (True, "sha256")
    assert choose_micalg(OPTIONS.format("SHA256"), allowed) == (True, "sha256")
    assert choose_micalg(OPTIONS.format("md5, sha1, sha-512, sha256"), allowed) == (True, "sha512")
    assert choose_micalg(OPTIONS.format("md5, sha1"), allowed) == (True, None)
    assert choose_micalg(OPTIONS.format("md5, sha1"), (*allowed, "sha1", "md5")) == (True, "md5")
    assert choose_micalg(None, allowed) == (False, None)
    with pytest.raises(ValueError, match="allow_weak_digests"):
        As2Config.model_validate(pki.hub_options(digest_alg="sha1"))


# -- 5. signed-receipt-micalg ------------------------------------------------------------------------------------
def test_the_first_allowed_mdn_algorithm_is_chosen_and_none_allowed_is_a_negative_mdn(serve, pki):
    server = serve()
    partner = pki.partner_station()
    sent = partner.build(PO, "po.x12")
    sent.headers["disposition-notification-options"] = OPTIONS.format("md5, sha-384, sha-256, sha1")
    response = post(server.url, sent)
    assert response.status_code == 200 and 'micalg="sha384"' in response.headers["content-type"]
    assert partner.read_mdn(sent, *_answer(response)).status == "processed"
    # nothing we allow: no exception, the bytes are stored (refused), a negative MDN
    odd = partner.build(PO + b"\n", "po2.x12")
    odd.headers["disposition-notification-options"] = OPTIONS.format("sha3-256")
    response = post(server.url, odd)
    assert response.status_code == 200 and response.headers["content-type"].startswith("multipart/report")
    assert b"failed/Failure: unsupported-mic-algorithms" in response.content
    (doc,) = refused(server)
    assert doc.remote_key == odd.message_id and "unsupported-mic-algorithms" in (doc.error or "")
    assert odd.body in server.raw(doc)


# -- 3. require_encrypted and a compressed-only body ----------------------------------------------------------
def test_a_compressed_but_unencrypted_message_is_insufficient_security(pki):
    from pyas2lib.cms import compress_message
    from pyas2lib.utils import mime_to_bytes

    hub = Station(As2Config.model_validate(pki.hub_options()))
    sent = pki.partner_station(encrypt=False).build(PO, "po.x12")
    signed = sent.message.payload
    for name in list(signed.keys()):
        if name.lower() != "content-type":
            del signed[name]
    compressed = email_message.Message()
    compressed.set_type("application/pkcs7-mime")
    compressed.set_param("smime-type", "compressed-data")
    raw = compress_message(mime_to_bytes(signed))
    skip = ("content-type", "content-transfer-encoding", "mime-version")
    headers = [(k, v) for k, v in sent.headers.items() if k.lower() not in skip]
    headers += [("Content-Type", str(compressed["Content-Type"])), ("Content-Transfer-Encoding", "binary")]
    inbound = hub.receive(headers, raw, seen=lambda m: False)
    assert (inbound.status, inbound.detail) == ("processed/Error", "insufficient-message-security")
    assert inbound.payload is None and not inbound.encrypted
    relaxed = Station(As2Config.model_validate(pki.hub_options(require_encrypted=False)))
    assert relaxed.receive(headers, raw, seen=lambda m: False).payload == PO


# -- 2. asynchronous MDNs only where allowed -----------------------------------------------------------------------
def test_no_asynchronous_mdn_to_a_url_outside_the_allow_list_or_for_a_refused_message(serve, pki, monkeypatch):
    import orderhub.web

    posted: list[str] = []
    monkeypatch.setattr(orderhub.web, "post_async_mdn", lambda url, *args, **kwargs: posted.append(url))
    server = serve(partner_url="https://partnera.example/as2")
    partner = pki.partner_station()
    # garbage claiming to be PARTNERA, asking for its MDN at the cloud metadata address
    junk = [
        ("AS2-From", "PARTNERA"),
        ("AS2-To", "ORDERHUB"),
        ("Message-ID", "<junk@x>"),
        ("Content-Type", "application/octet-stream"),
        ("Disposition-Notification-To", "x@y"),
        ("Receipt-Delivery-Option", "http://partnera.example/latest/meta-data"),  # even an allowed host
        ("Disposition-Notification-Options", OPTIONS.format("sha-256, md5")),
    ]
    response = httpx.post(server.url, headers=junk, content=b"garbage" * 10, timeout=30)
    assert response.status_code == 200 and b"insufficient-message-security" in response.content  # synchronous
    # a genuine message asking for its MDN at a host that is not the partner's
    sent = partner.build(PO, "po.x12")
    sent.headers["Receipt-Delivery-Option"] = "http://169.254.169.254/latest/meta-data"
    response = post(server.url, sent)
    assert response.status_code == 200 and partner.read_mdn(sent, *_answer(response)).status == "processed"
    # to the partner's host: asynchronous
    sent = partner.build(PO + b"\n", "po2.x12")
    sent.headers["Receipt-Delivery-Option"] = "https://PARTNERA.example/mdn"
    response = post(server.url, sent)
    assert (response.status_code, response.content) == (200, b"")
    deadline = time.monotonic() + 10
    while not posted and time.monotonic() < deadline:  # a background task, after the response
        time.sleep(0.02)
    assert posted == ["https://PARTNERA.example/mdn"]
    connector = server.hub.connectors[CHANNEL]
    assert isinstance(connector, As2Connector)
    assert not connector.mdn_url_allowed("file:///etc/passwd") and not connector.mdn_url_allowed("http://[::1]/")


# -- 4. a message recorded but not processed is processed on its resend -----------------------------------------
def test_a_resend_after_a_failure_mid_processing_is_processed(serve, pki, monkeypatch):
    server = serve()
    real = server.hub.pipeline.process
    calls = []

    def crash_once(document_id: int) -> Any:
        calls.append(document_id)
        if len(calls) == 1:
            raise OSError("db went away mid-process")
        return real(document_id)

    monkeypatch.setattr(server.hub.pipeline, "process", crash_once)
    partner = pki.partner_station()
    sent = partner.build(PO, "po.x12", message_id="crash-1")
    assert post(server.url, sent).status_code == 503
    assert [d.status for d in server.documents()] == ["received"]
    again = partner.build(PO, "po.x12", message_id="crash-1")
    report_ = partner.read_mdn(again, *_answer(post(server.url, again)))
    assert (report_.status, report_.detail) == ("processed", None)
    (doc,) = server.documents()
    assert doc.status == "parsed" and calls == [doc.id, doc.id]
    third = partner.build(PO, "po.x12", message_id="crash-1")
    assert partner.read_mdn(third, *_answer(post(server.url, third))).detail == "duplicate-document"


# -- 6. size limits, bounded parsing, strangers from headers alone --------------------------------------------
def test_a_message_over_the_channels_limit_is_413_by_length_and_while_streaming(serve, pki):
    server = serve(max_message_mb=0.01)  # about 10 kB
    sent = pki.partner_station().build(PO * 20, "big.x12")
    assert len(sent.body) > 11_000
    assert post(server.url, sent).status_code == 413

    def chunks() -> Any:  # no Content-Length: chunked
        for start in range(0, len(sent.body), 1000):
            yield sent.body[start : start + 1000]

    headers = {k: v for k, v in sent.headers.items() if k.lower() != "content-length"}
    assert httpx.post(server.url, content=chunks(), headers=headers, timeout=30).status_code == 413
    assert server.documents() == []


def test_an_unknown_partner_is_answered_from_the_headers_alone(serve, pki):
    server = serve()
    stranger = pki.partner_station("STRANGER")
    sent = stranger.build(PO, "po.x12")
    answer = refuse_unknown(list(sent.headers.items()))  # no body at all
    assert b"unknown-trading-partner" in answer.mdn_body and answer.mdn_url is None
    # a gigabyte announced, nothing sent: answered at once, the body never waited for
    host, port = server.web.sock.getsockname()[:2]
    head = "".join(f"{k}: {v}\r\n" for k, v in sent.headers.items() if k.lower() != "content-length")
    request = f"POST /as2 HTTP/1.1\r\nHost: x\r\nContent-Length: {10**9}\r\n{head}\r\n".encode()
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(request)
        answered = conn.recv(65536)
    assert answered.startswith(b"HTTP/1.1 200") and b"multipart/report" in answered
    assert server.documents() == []


def test_parsing_is_bounded_and_a_request_waiting_too_long_is_503(serve, pki):
    from orderhub.web import WebServer, create_app

    server = serve()
    app = create_app(server.hub, max_parallel=1, queue_seconds=0.2)
    endpoint = app.state.as2
    entered, release = threading.Event(), threading.Event()
    handle = endpoint.handle

    def slow(headers: Any, body: bytes) -> Any:
        entered.set()
        release.wait(10)
        return handle(headers, body)

    endpoint.handle = slow
    web = WebServer(app, "127.0.0.1", 0).start()
    try:
        partner = pki.partner_station()
        first = partner.build(PO, "po.x12")
        results: list[int] = []
        worker = threading.Thread(target=lambda: results.append(post(web.base_url + "/as2", first).status_code))
        worker.start()
        assert entered.wait(10)
        second = partner.build(PO + b"\n", "po2.x12")
        busy = post(web.base_url + "/as2", second)
        assert busy.status_code == 503 and busy.headers["retry-after"]
        release.set()
        worker.join(10)
        assert results == [200]
    finally:
        release.set()
        web.stop()


# -- 7. what a refused message keeps ----------------------------------------------------------------------------
def test_a_refused_message_is_kept_without_credentials_and_capped(serve, pki):
    server = serve(max_refused_kb=1)
    headers = {
        "AS2-From": "PARTNERA",
        "AS2-To": "ORDERHUB",
        "Message-ID": "<junk-2@x>",
        "Content-Type": "application/octet-stream",
        "Authorization": "Basic c2VjcmV0OnNlY3JldA==",
        "Cookie": "session=secret",
        "Proxy-Authorization": "Basic c2VjcmV0",
    }
    response = httpx.post(server.url, headers=headers, content=b"z" * 5000, timeout=30)
    assert response.status_code == 200
    (doc,) = refused(server)
    raw = server.raw(doc)
    head, body = raw.split(b"\r\n\r\n", 1)
    assert b"secret" not in raw and b"c2VjcmV0" not in raw and b"as2-from: PARTNERA" in head
    assert body == b"z" * 1024 and "only the first 1024 of 5000 bytes kept" in (doc.error or "")


# -- 8. a new Message-ID after a negative MDN; the same one after expiry ---------------------------------------
def test_a_resend_by_hand_after_a_negative_mdn_is_a_new_message(nodes, pki, black_hole):  # noqa: F811
    hub = ours(nodes, pki, black_hole.url)
    outbound_id = hub.queue()
    hub.hub.dispatcher.drain()
    first = black_hole.requests.get(timeout=5)
    row = hub.row(outbound_id)
    from sqlmodel import Session

    from orderhub.outbox import record_mdn

    record_mdn(hub.hub.engine, outbound_id, row.as2_message_id or "", False, f"{NEGATIVE_MDN} processed/Error: x")
    assert hub.row(outbound_id).status == "dead"
    resend(hub.hub.engine, outbound_id, "test")
    hub.hub.dispatcher.drain()
    second = black_hole.requests.get(timeout=5)
    ids = [next(v for k, v in r[0] if k.lower() == "message-id") for r in (first, second)]
    assert ids[0] != ids[1]
    row = hub.row(outbound_id)
    assert row.filename.endswith(".g2.x12") and row.as2_message_id == ids[1].strip("<>")
    # a resend by hand after no MDN at all (escalated) keeps it
    with Session(hub.hub.engine) as session:
        stored = session.get(type(row), outbound_id)
        assert stored is not None
        stored.status, stored.last_error = "dead", "no MDN for <x> after 3 send(s); escalated"
        session.add(stored)
        session.commit()
    resend(hub.hub.engine, outbound_id, "test")
    hub.hub.dispatcher.drain()
    third = black_hole.requests.get(timeout=5)
    assert next(v for k, v in third[0] if k.lower() == "message-id") == ids[1]


def test_generations_of_a_file_name():
    assert next_generation("demo-retail_855_1.x12") == "demo-retail_855_1.g2.x12"
    assert next_generation("demo-retail_855_1.g2.x12") == "demo-retail_855_1.g3.x12"
    assert next_generation("noext") == "noext.g2"


# -- 10. the certificate-expiry job ------------------------------------------------------------------------------
def test_the_hub_warns_daily_of_expiring_certificates(nodes, pki, black_hole, monkeypatch, tmp_path, caplog):  # noqa: F811
    from test_as2 import make_identity

    import orderhub.hub

    jobs: dict[str, tuple[float, Any]] = {}

    class Recorder:
        def every(self, name: str, seconds: float, func: Any, **kwargs: Any) -> None:
            jobs[name] = (seconds, func)

        def run_now_and_start(self) -> None:
            pass

    monkeypatch.setattr(orderhub.hub, "JobScheduler", Recorder)
    _, soon = make_identity(tmp_path, "partner-soon", days=11)
    hub = ours(nodes, pki, black_hole.url, partner_cert_file=str(soon))
    hub.hub.run_forever()
    seconds, job = jobs["as2-cert-expiry"]
    assert seconds == 86400.0
    caplog.clear()
    with caplog.at_level("WARNING"):
        lines = job()
    assert len(lines) == 1 and "expires on" in lines[0] and str(soon) in caplog.text


# -- 12. the libas2 cache install is safe against concurrent runs -------------------------------------------------
def test_the_libas2_install_is_atomic_under_concurrency(tmp_path, monkeypatch):
    from peers import libas2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    runs: list[Path] = []

    def fake_npm(args: list[str], cwd: Path, **kwargs: Any) -> Any:
        runs.append(Path(cwd))
        (Path(cwd) / "node_modules").mkdir()
        (Path(cwd) / "node_modules" / "libas2").write_text("x")

        class Done:
            returncode, stdout, stderr = 0, "", ""

        return Done()

    monkeypatch.setattr(libas2.subprocess, "run", fake_npm)
    monkeypatch.setattr(libas2.shutil, "which", lambda tool: "/usr/bin/" + tool)
    folders: list[Path] = []
    threads = [threading.Thread(target=lambda: folders.append(libas2.install())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(runs) == 1 and len(set(folders)) == 1
    folder = folders[0]
    assert (folder / ".installed").exists() and (folder / "node_modules" / "libas2").exists()
    assert (folder / "libas2_peer.js").exists() and not any(p.name.startswith(".tmp") for p in folder.parent.iterdir())


# -- inbound signatures: no signer is no signature; a duplicate only once verified -------------------------------
def test_an_inbound_message_signed_by_no_one_is_refused(pki):
    hub = Station(As2Config.model_validate(pki.hub_options(require_encrypted=False)))
    sent = pki.partner_station(encrypt=False).build(PO, "po.x12")
    signature = re.search(rb"\r\n\r\n([A-Za-z0-9+/=\r\n]{200,})\r\n--", sent.body)
    assert signature is not None
    forged_sig = base64.encodebytes(no_signer()).replace(b"\n", b"\r\n").rstrip(b"\r\n")
    body = sent.body.replace(signature.group(1), forged_sig)
    assert body != sent.body
    inbound = hub.receive(list(sent.headers.items()), body, seen=lambda m: False)
    assert inbound.status != "processed" and inbound.payload is None
    # and a message that does not verify is never a "duplicate", whatever its Message-ID
    inbound = hub.receive(list(sent.headers.items()), body, seen=lambda m: True)
    assert inbound.detail != "duplicate-document" and inbound.payload is None
    genuine = hub.receive(list(sent.headers.items()), sent.body, seen=lambda m: True)
    assert genuine.detail == "duplicate-document" and genuine.mic == sent.mic
    assert b"Received-content-MIC: " + (sent.mic or "").encode() in genuine.mdn_body


def test_an_ambiguous_report_is_not_trusted_even_when_signed(pki):
    hub = hub_connector(pki)
    sent = hub.station.build(PO, "x.x12", "target")
    good = report(sent.message_id, "processed", sent.mic)
    twice = good.replace(
        b"Disposition:", b"Disposition: automatic-action/MDN-sent-automatically; failed/Failure: x\r\nDisposition:"
    )
    two_notes = good.replace(
        b"\r\n--RB--",
        b"\r\n--RB\r\nContent-Type: message/disposition-notification\r\n\r\n"
        b"Original-Message-ID: <other>\r\nDisposition: a/b; processed\r\n\r\n--RB--",
    )
    for entity in (twice, two_notes):
        assert verdict(hub, sent, *signed_mdn([entity], sign(entity, pki.partner_key, pki.partner_cert))) is None
