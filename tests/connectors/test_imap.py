"""The IMAP connector against a real Dovecot 2.3 on 127.0.0.1 (one server for the module, one fresh
mail user per test)."""

from __future__ import annotations

import imaplib
import logging
import shlex
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import imapclient
import pytest
from contract import ConnectorContract
from peers.dovecot import DovecotServer, ImapPeer, mail_with_attachment
from pydantic import ValidationError

from connectors.base import Incoming, Outcome, Outgoing, PermanentError, RetriableError
from connectors.imap import ImapConfig, ImapConnector, _State


@pytest.fixture
def peer(dovecot: DovecotServer) -> ImapPeer:
    return dovecot.add_user()


Connect = Callable[..., ImapConnector]


@pytest.fixture
def connect(dovecot: DovecotServer, tmp_path: Path) -> Iterator[Connect]:
    """Builds connectors for a peer (IMAPS, the right CA, its password) and closes them after the test."""
    made: list[ImapConnector] = []

    def build(peer: ImapPeer, **options: Any) -> ImapConnector:
        config: dict[str, Any] = {
            "host": dovecot.host,
            "port": dovecot.imaps_port,
            "security": "ssl",
            "ca_file": dovecot.ca_file,
            "username": peer.user,
            "state_file": tmp_path / f"{peer.user}.state.json",
        }
        if options.get("auth", "password") == "password" and "password_file" not in options:
            config["password"] = peer.password
        config.update(options)
        connector = ImapConnector("imap-test", ImapConfig(**config))
        made.append(connector)
        return connector

    yield build
    for connector in made:
        connector.close()


def attachment(raw: bytes) -> bytes:
    (part,) = message_from_bytes(raw, policy=policy.default).iter_attachments()
    return part.get_content()


def seen(peer: ImapPeer, folder: str = "INBOX") -> list[bool]:
    return [b"\\Seen" in m.flags for m in peer.messages(folder)]


class TestImapContract(ConnectorContract):
    @pytest.fixture
    def make(self, dovecot: DovecotServer, connect: Connect):
        def build() -> tuple[ImapConnector, ImapPeer]:
            peer = dovecot.add_user()
            return connect(peer), peer

        return build

    @pytest.fixture
    def again(self, connect: Connect):
        return lambda peer: connect(peer)  # the same state file: the unacked UID is delivered again

    def test_poll_yields_each_document_once_with_its_bytes(self, make):
        # A mail carries the document as an attachment: compare what it carries, named by its subject.
        connector, peer = make()
        peer.put("a.x12", b"ISA-A")
        peer.put("b.x12", b"ISA-B")
        first = {d.filename: attachment(d.data) for d in connector.poll()}
        assert first == {"a.x12": b"ISA-A", "b.x12": b"ISA-B"}
        assert list(connector.poll()) == []  # handed out: not twice

    def test_send_delivers_the_whole_document_and_a_resend_replaces_it(self, make):
        connector, _ = make()  # IMAP is inbound only: sending is a configuration error, never retried
        with pytest.raises(PermanentError, match="inbound only"):
            connector.send(Outgoing("p_997_000000001.x12", b"ISA*first", "p", "997"))


# -- transport security ---------------------------------------------------------------------------------
@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_imaps_and_starttls_both_work_with_the_custom_ca(dovecot, peer, connect, security):
    port = dovecot.imaps_port if security == "ssl" else dovecot.starttls_port
    connector = connect(peer, security=security, port=port)
    peer.put("po.pdf", b"%PDF-1.7")
    (doc,) = connector.poll()
    assert attachment(doc.data) == b"%PDF-1.7"
    # Dovecot also takes a plaintext LOGIN from loopback ("secured"): the log proves TLS was used.
    logins = dovecot.logins(peer.user)
    assert logins and all(", TLS," in line for line in logins)


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_a_wrong_ca_is_refused_as_a_certificate_problem(dovecot, peer, connect, security):
    port = dovecot.imaps_port if security == "ssl" else dovecot.starttls_port
    connector = connect(peer, security=security, port=port, ca_file=dovecot.other_ca_file)
    with pytest.raises(PermanentError, match="TLS certificate verification failed") as caught:
        list(connector.poll())
    assert "certificate" in str(caught.value)
    assert dovecot.logins(peer.user) == []  # the password never left the client


def test_tls_spoken_to_the_plain_port_is_a_permanent_tls_error(dovecot, peer, connect):
    connector = connect(peer, security="ssl", port=dovecot.starttls_port)
    with pytest.raises(PermanentError, match="TLS handshake failed"):
        list(connector.poll())


def test_there_is_no_plaintext_option(tmp_path):
    with pytest.raises(ValidationError):
        ImapConfig(host="127.0.0.1", security="none", username="u", password="p", state_file=tmp_path / "s")


# -- credentials ----------------------------------------------------------------------------------------
def test_a_wrong_password_fails_at_once_and_is_never_shown(peer, connect, caplog, tmp_path):
    secret = "Wr0ng-Secret-Value"
    caplog.set_level(logging.DEBUG)
    for options in ({"password": secret}, {"password_file": tmp_path / "pw"}):
        (tmp_path / "pw").write_text(secret + "\n")
        connector = connect(peer, **options)
        started = time.monotonic()
        with pytest.raises(PermanentError, match="login refused") as caught:
            list(connector.poll())
        assert time.monotonic() - started < 2  # no retry loop, no server-side delay
        shown = "".join(traceback.format_exception(caught.value))
        assert secret not in shown and secret not in caplog.text
        assert "AUTHENTICATIONFAILED" in str(caught.value)


def test_xoauth2_with_a_token_file_and_a_token_command(dovecot, peer, connect, tmp_path):
    token = dovecot.token_for(peer.user)
    (tmp_path / "token").write_text(token + "\n")
    script = tmp_path / "token.py"
    script.write_text(f"print({token!r})\n")
    peer.put("a.x12", b"ISA-A")
    by_file = connect(peer, auth="xoauth2", token_file=tmp_path / "token")
    (doc,) = by_file.poll()
    by_file.ack(doc, Outcome.PROCESSED)
    by_command = connect(peer, auth="xoauth2", token_command=f"{shlex.quote(sys.executable)} {script}")
    assert list(by_command.poll()) == []  # logged in, and the state file says a.x12 is done
    assert peer.filed(Outcome.PROCESSED) == ["a.x12"]
    assert sum("method=XOAUTH2" in line for line in dovecot.logins(peer.user)) == 2  # one per connector


def test_xoauth2_refused_token_is_permanent_and_not_shown(dovecot, peer, connect, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    forged = dovecot.token_for(peer.user)[:-6] + "AAAAAA"
    (tmp_path / "token").write_text(forged)
    connector = connect(peer, auth="xoauth2", token_file=tmp_path / "token")
    with pytest.raises(PermanentError, match="login refused") as caught:
        list(connector.poll())
    assert forged not in "".join(traceback.format_exception(caught.value)) and forged not in caplog.text


def test_token_command_failures(peer, connect, tmp_path):
    failing = connect(peer, auth="xoauth2", token_command=f"{shlex.quote(sys.executable)} -c 'import sys; sys.exit(3)'")
    with pytest.raises(RetriableError, match="exited 3"):
        list(failing.poll())
    missing = connect(peer, auth="xoauth2", token_command=str(tmp_path / "no-such-command"))
    with pytest.raises(PermanentError, match="token_command cannot run"):
        list(missing.poll())


def test_credentials_must_match_the_auth_kind(tmp_path):
    base = {"host": "127.0.0.1", "username": "u", "state_file": tmp_path / "s"}
    with pytest.raises(ValidationError, match="exactly one"):
        ImapConfig(**base, password="p", token_file=tmp_path / "t")
    with pytest.raises(ValidationError, match="exactly one"):
        ImapConfig(**base, auth="xoauth2", password="p")
    with pytest.raises(ValidationError):
        ImapConfig(host="127.0.0.1", username="u", password="p")  # state_file is required
    with pytest.raises(ValidationError):
        ImapConfig(**base, password="p", use_ssl=True)  # extra keys are refused


# -- what poll and ack do to the mailbox ----------------------------------------------------------------
def test_poll_peeks_and_ack_files_without_marking_seen(peer, connect):
    connector = connect(peer)
    peer.put("a.x12", b"ISA-A")
    (doc,) = connector.poll()
    assert seen(peer) == [False]
    assert doc.remote_key == f"{doc.metadata['uidvalidity']}:{doc.metadata['uid']}" and doc.handle == 1
    assert doc.metadata["message_id"].startswith("<") and doc.received_at.tzinfo is not None
    connector.ack(doc, Outcome.PROCESSED)
    connector.ack(doc, Outcome.PROCESSED)  # already moved: fine
    assert seen(peer, "Processed") == [False] and peer.pending() == []


def test_an_encoded_subject_names_the_document_and_a_missing_message_id_is_no_problem(peer, connect):
    peer.append(b"From: a@b.example\r\nSubject: =?utf-8?q?Bestellung_M=C3=A4rz?=\r\n\r\nISA*00\r\n")
    peer.append(b"From: a@b.example\r\n\r\nISA*01\r\n")
    first, second = connect(peer).poll()
    assert first.filename == "Bestellung M\u00e4rz" and first.metadata["message_id"] == ""
    assert second.filename is None and second.data.endswith(b"ISA*01\r\n")


def test_duplicates_are_filed_as_processed(peer, connect):
    connector = connect(peer)
    peer.append(mail_with_attachment("dup.x12", b"one", message_id="<po-1@customer.example>"))
    peer.append(mail_with_attachment("dup.x12", b"one", message_id="<po-1@customer.example>"))
    (doc,) = connector.poll()  # the second copy waits until the first is filed
    assert list(connector.poll()) == []
    connector.ack(doc, Outcome.PROCESSED)
    assert list(connector.poll()) == [] and peer.pending() == []
    peer.append(mail_with_attachment("dup.x12", b"one", message_id="<po-1@customer.example>"))
    assert list(connect(peer).poll()) == []  # remembered across a restart too
    assert peer.filed(Outcome.PROCESSED) == ["dup.x12"] * 3


def test_an_oversized_message_is_refused_with_its_headers_only(peer, connect, monkeypatch):
    fetched: list[tuple[list[int], list[bytes]]] = []
    real_fetch = imapclient.IMAPClient.fetch

    def spy(self, messages, data, modifiers=None):
        fetched.append((list(messages), list(data)))
        return real_fetch(self, messages, data, modifiers)

    monkeypatch.setattr(imapclient.IMAPClient, "fetch", spy)
    connector = connect(peer, max_message_bytes=4000)
    peer.put("huge.pdf", b"x" * 20_000)
    peer.put("small.x12", b"ISA")
    peer.put("again.pdf", b"y" * 20_000)
    refused, small, again = connector.poll()
    reason = refused.metadata["refused"]
    assert reason.startswith(f"message UID {refused.handle} is ") and "; the limit is 4,000 bytes" in reason
    assert refused.metadata["refused_code"] == "LIMIT_FILE_SIZE"
    assert refused.data.startswith(b"From:") and refused.data.endswith(b"\r\n\r\n") and len(refused.data) < 1000
    assert refused.filename == "huge.pdf" and attachment(small.data) == b"ISA"
    assert all(b"BODY.PEEK[]" not in items or refused.handle not in uids for uids, items in fetched)
    assert seen(peer) == [False, False, False]
    connector.ack(refused, Outcome.FAILED)  # the core recorded it as failed, with the reason
    connector.ack(small, Outcome.PROCESSED)
    connector.ack(again, Outcome.DUPLICATE)  # same headers seen before: still refused, still Error
    assert peer.filed(Outcome.FAILED) == ["again.pdf", "huge.pdf"] and peer.filed(Outcome.PROCESSED) == ["small.x12"]


def test_uidvalidity_change_restarts_from_the_beginning(peer, connect):
    connector = connect(peer, folder="Orders")
    peer.append(mail_with_attachment("a.x12", b"A", message_id="<a@customer.example>"), "Orders")
    peer.append(mail_with_attachment("b.x12", b"B"), "Orders")
    for doc in connector.poll():
        connector.ack(doc, Outcome.PROCESSED)
    peer.recreate("Orders")  # new UIDVALIDITY; UIDs start at 1 again, below the last UID filed
    peer.append(mail_with_attachment("c.x12", b"C"), "Orders")
    peer.append(mail_with_attachment("d.x12", b"D"), "Orders")
    peer.append(mail_with_attachment("a.x12", b"A", message_id="<a@customer.example>"), "Orders")  # restored
    docs = list(connector.poll())  # on the live connection, whose selected folder was deleted under it
    assert [attachment(d.data) for d in docs] == [b"C", b"D"]
    assert {d.metadata["uid"] for d in docs} == {"1", "2"}
    assert peer.filed(Outcome.PROCESSED) == ["a.x12", "a.x12", "b.x12"]


def test_an_ack_after_the_folder_was_rebuilt_moves_nothing(peer, connect):
    connector = connect(peer, folder="Orders")
    peer.append(mail_with_attachment("a.x12", b"A", message_id="<a@customer.example>"), "Orders")
    (doc,) = connector.poll()
    peer.recreate("Orders")
    peer.append(mail_with_attachment("other.x12", b"O"), "Orders")  # UID 1 again, another message
    peer.append(mail_with_attachment("a.x12", b"A", message_id="<a@customer.example>"), "Orders")
    connector.ack(doc, Outcome.PROCESSED)  # UID 1 now names "other.x12": it must not move
    assert peer.filed(Outcome.PROCESSED) == []
    assert [d.filename for d in connector.poll()] == ["other.x12"]  # the copy of a.x12 is a duplicate
    assert peer.filed(Outcome.PROCESSED) == ["a.x12"]


def test_a_crash_between_poll_and_ack_redelivers(peer, connect, tmp_path):
    first = connect(peer)
    for name in ("1.x12", "2.x12", "3.x12"):
        peer.put(name, name.encode())
    one, two, three = first.poll()
    first.ack(three, Outcome.PROCESSED)  # acks may come out of order; then the worker dies
    first.ack(one, Outcome.PROCESSED)
    state = _State(tmp_path / f"{peer.user}.state.json", "INBOX")  # what a restarted worker reads
    assert state.last_uid == 1 and len(state.message_ids) == 2  # never past the unacked UID 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # written by rename
    again = [d.filename for d in connect(peer).poll()]
    assert again == ["2.x12"]


def test_a_dropped_connection_recovers_on_the_next_poll(dovecot, peer, connect):
    connector = connect(peer)
    peer.put("a.x12", b"A")
    (a,) = connector.poll()
    logins = len(dovecot.logins(peer.user))
    dovecot.kill_connections(peer.user)
    connector.ack(a, Outcome.PROCESSED)  # reconnects transparently
    assert len(dovecot.logins(peer.user)) == logins + 1
    peer.put("b.x12", b"B")
    dovecot.kill_connections(peer.user)
    assert [d.filename for d in connector.poll()] == ["b.x12"]


def test_server_stopped_is_retriable_and_recovers_after_restart(dovecot, peer, connect):
    connector = connect(peer)
    assert list(connector.poll()) == []
    dovecot.stop()
    try:
        with pytest.raises(RetriableError, match="cannot connect"):
            list(connector.poll())
        with pytest.raises(RetriableError):
            list(connect(peer).poll())
    finally:
        dovecot.start()
    peer.put("a.x12", b"A")
    assert [d.filename for d in connector.poll()] == ["a.x12"]


def test_five_hundred_messages_in_batches(peer, connect, monkeypatch):
    sizes: list[int] = []
    real_fetch = imapclient.IMAPClient.fetch

    def spy(self, messages, data, modifiers=None):
        sizes.append(len(messages))
        return real_fetch(self, messages, data, modifiers)

    monkeypatch.setattr(imapclient.IMAPClient, "fetch", spy)
    peer.append_many([mail_with_attachment(f"{n:03d}.x12", f"ISA {n}".encode()) for n in range(500)])
    connector = connect(peer, batch_size=64)
    docs: list[Incoming] = []
    for doc in connector.poll():
        docs.append(doc)
        connector.ack(doc, Outcome.PROCESSED)
    assert [d.filename for d in docs] == [f"{n:03d}.x12" for n in range(500)]
    assert max(sizes) == 64 and len(sizes) == 2 * 8  # headers then bodies, 8 batches
    assert peer.pending() == [] and len(peer.filed(Outcome.PROCESSED)) == 500
    assert list(connect(peer).poll()) == []


def test_a_drop_mid_command_is_retried_once_then_retriable(peer, connect, monkeypatch):
    connector = connect(peer)
    peer.put("a.x12", b"A")
    calls = []

    def broken(self, *args, **kwargs):
        calls.append(1)
        raise imaplib.IMAP4.abort("socket error: EOF")

    monkeypatch.setattr(imapclient.IMAPClient, "search", broken)
    with pytest.raises(RetriableError, match="connection lost while searching"):
        list(connector.poll())
    assert len(calls) == 2
    monkeypatch.undo()
    assert [d.filename for d in connector.poll()] == ["a.x12"]


def test_check_logs_in_and_reads_nothing(peer, connect):
    peer.append(b"From: a@example.com\r\nSubject: x\r\nMessage-ID: <c1@example.com>\r\n\r\nhello\r\n")
    assert "INBOX holds 1 message(s)" in connect(peer).check()
    assert seen(peer) == [False]


@pytest.mark.soak  # 5 min 21 s measured: a SELECT, a MOVE and a state write per ack (make soak)
def test_a_mailbox_of_ten_thousand_messages(peer, connect):
    peer.append_many([mail_with_attachment(f"{n:05d}.x12", f"ISA {n}".encode()) for n in range(10_000)])
    connector = connect(peer)
    taken = 0
    for doc in connector.poll():
        taken += 1
        connector.ack(doc, Outcome.PROCESSED)
    assert taken == 10_000
    assert peer.pending() == [] and len(peer.filed(Outcome.PROCESSED)) == 10_000


def test_a_message_whose_recording_failed_is_handed_out_again_after_the_claim_timeout(peer, connect):
    connector = connect(peer, claim_timeout_seconds=0.2)
    peer.put("a.x12", b"ISA-A")
    (first,) = connector.poll()  # the database was down: no ack
    assert list(connector.poll()) == []  # still claimed
    time.sleep(0.25)
    (again,) = connector.poll()
    assert again.remote_key == first.remote_key


@pytest.mark.parametrize(
    "content", ["[]", '{"folder": "INBOX"}', '{"folder": "INBOX", "uidvalidity": 1, "last_uid": "x"}']
)
def test_a_state_file_of_the_wrong_shape_is_named(tmp_path, content):
    path = tmp_path / "state.json"
    path.write_text(content)
    with pytest.raises(PermanentError, match="is not a state file"):
        _State(path, "INBOX")
