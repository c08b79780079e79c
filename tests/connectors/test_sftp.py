"""The SFTP connector against a real OpenSSH sshd on 127.0.0.1 (started once for the session, as root)."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import paramiko
import pytest
from contract import ConnectorContract
from peers.sshd import SshdServer
from pydantic import ValidationError

from connectors.base import Incoming, Outcome, Outgoing, PermanentError, RetriableError
from connectors.sftp import SftpConfig, SftpConnector

OLD = 60  # seconds: files the tests put are this old, past any min_age_seconds


class SftpPeer:
    """The partner's side: the SFTP user's folders, read and written directly on the server's disk."""

    def __init__(self, server: SshdServer) -> None:
        self.server = server
        self.relative = f"t-{uuid.uuid4().hex[:10]}"  # a fresh folder per test, relative to the session start
        self.root = server.folder(self.relative)
        for name in ("in", "archive", "error", "out"):
            server.folder(f"{self.relative}/{name}")

    def put(self, name: str, data: bytes, age: float = OLD) -> Path:
        path = self.root / "in" / name
        path.write_bytes(data)
        self.server.give(path)
        then = time.time() - age
        os.utime(path, (then, then))
        return path

    def _names(self, folder: str) -> list[str]:
        return sorted(p.name for p in (self.root / folder).iterdir() if p.is_file())

    def pending(self) -> list[str]:
        return self._names("in")

    def filed(self, outcome: Outcome) -> list[str]:
        return self._names("error" if outcome is Outcome.FAILED else "archive")

    def delivered(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (self.root / "out").iterdir()}

    def expire_claims(self) -> None:
        pass  # SFTP claims live in the connector's memory: a restarted worker has none


@pytest.fixture
def peer(sshd_server: SshdServer) -> SftpPeer:
    return SftpPeer(sshd_server)


@pytest.fixture
def connect(sshd_server: SshdServer, peer: SftpPeer) -> Iterator[Callable[..., SftpConnector]]:
    """Build connectors on the peer's folders (key login unless told otherwise); all closed after the test."""
    made: list[SftpConnector] = []

    def build(auth: str = "key", **options: object) -> SftpConnector:
        logins: dict[str, dict[str, object]] = {
            "key": {"private_key_path": sshd_server.client_key_path},
            "password": {"password": sshd_server.password},
            "protected": {
                "private_key_path": sshd_server.protected_key_path,
                "passphrase": sshd_server.protected_key_passphrase,
            },
        }
        settings = {
            "host": sshd_server.host,
            "port": sshd_server.port,
            "username": sshd_server.username,
            "host_key": sshd_server.host_key_line,
            "inbox": f"{peer.relative}/in",
            "outbox": f"{peer.relative}/out",
            **logins[auth],
            **options,
        }
        connector = SftpConnector("sftp-test", SftpConfig.model_validate(settings))
        made.append(connector)
        return connector

    yield build
    for connector in made:
        connector.close()


class TestSftpContract(ConnectorContract):
    @pytest.fixture
    def make(self, connect, peer):
        return lambda: (connect(), peer)

    @pytest.fixture
    def again(self, connect):
        return lambda peer: connect()


def fingerprint(pub: Path) -> str:
    return subprocess.run(["ssh-keygen", "-lf", str(pub)], capture_output=True, text=True, check=True).stdout.split()[1]


def logins(server: SshdServer) -> int:
    return server.log().count(f"Accepted publickey for {server.username}")


# -- logging in -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("auth", ["key", "password", "protected"])
def test_key_password_and_encrypted_key_logins_work(connect, peer, auth):
    connector = connect(auth)
    peer.put("po.x12", b"ISA*PO")
    assert [d.data for d in connector.poll()] == [b"ISA*PO"]
    connector.send(Outgoing("ack.x12", b"ISA*997", "p", "997"))
    assert peer.delivered() == {"ack.x12": b"ISA*997"}


def test_a_wrong_password_fails_at_once_and_is_never_shown(connect, sshd_server, caplog):
    caplog.set_level(logging.DEBUG)  # paramiko's own debug log included
    wrong = f"wrong-{uuid.uuid4().hex}"
    connector = connect("password", password=wrong)
    offset = len(sshd_server.log())
    started = time.monotonic()
    with pytest.raises(PermanentError) as raised:
        list(connector.poll())
    assert time.monotonic() - started < 3
    message = str(raised.value)
    assert f"authentication failed for user {sshd_server.username}" in message
    with pytest.raises(PermanentError):  # every time, not retried into a lock-out
        connector.send(Outgoing("x.x12", b"ISA", "p", "997"))
    assert sshd_server.log()[offset:].count("Failed password") == 2  # one attempt per call
    for text in (message, repr(raised.value), repr(connector), repr(connector.config), caplog.text):
        assert wrong not in text and sshd_server.password not in text


def test_a_wrong_or_missing_passphrase_is_a_permanent_error_without_it(connect, sshd_server):
    for passphrase in ("not-the-passphrase", None):
        connector = connect("protected", passphrase=passphrase)
        with pytest.raises(PermanentError, match="cannot load private key") as raised:
            list(connector.poll())
        assert "not-the-passphrase" not in str(raised.value)


def test_a_changed_host_key_is_refused_before_logging_in_and_named_by_fingerprint(connect, sshd_server):
    impostor = sshd_server.client_key_path.with_suffix(".pub")  # any other ed25519 key
    connector = connect("password", host_key=impostor.read_text())
    offset = len(sshd_server.log())
    with pytest.raises(PermanentError) as raised:
        list(connector.poll())
    message = str(raised.value)
    assert fingerprint(sshd_server.root / "host_ed25519.pub") in message  # what the server presented
    assert fingerprint(impostor) in message  # what was expected
    assert "ssh-ed25519" in message and sshd_server.password not in message
    assert "Failed" not in sshd_server.log()[offset:] and "Accepted" not in sshd_server.log()[offset:]


def test_any_of_the_servers_host_keys_can_be_pinned(connect, peer, sshd_server):
    # The server holds ed25519 and ecdsa keys; pinning the one paramiko does not prefer must still work.
    connector = connect(host_key=f"[127.0.0.1]:{sshd_server.port} {sshd_server.host_key_lines['ecdsa-sha2-nistp256']}")
    peer.put("a.x12", b"A")
    assert [d.remote_key for d in connector.poll()] == ["a.x12"]


def test_a_pinned_key_type_the_server_does_not_hold_is_refused(connect, tmp_path):
    other = tmp_path / "p384"
    subprocess.run(["ssh-keygen", "-q", "-t", "ecdsa", "-b", "384", "-N", "", "-f", str(other)], check=True)
    connector = connect(host_key=other.with_suffix(".pub").read_text())
    with pytest.raises(PermanentError, match="has no ecdsa-sha2-nistp384 SHA256:"):
        list(connector.poll())


def test_configuration_is_checked_up_front(sshd_server):
    base = {"host": "127.0.0.1", "username": "u", "password": "p", "host_key": sshd_server.host_key_line}
    SftpConfig.model_validate(base)
    for broken in ({"host_key": "not a key"}, {"host_key": "ssh-ed25519 !!!"}, {"password": None}, {"colour": 1}):
        with pytest.raises(ValidationError):
            SftpConfig.model_validate({**base, **broken})
    assert "**" in repr(SftpConfig.model_validate(base)) and "'p'" not in repr(SftpConfig.model_validate(base))


# -- inbound --------------------------------------------------------------------------------------------
def test_a_young_file_waits_until_it_is_old_enough(connect, peer):
    connector = connect(min_age_seconds=30)
    path = peer.put("writing.x12", b"ISA half", age=0)
    assert list(connector.poll()) == []
    old = time.time() - 31
    os.utime(path, (old, old))
    assert [d.remote_key for d in connector.poll()] == ["writing.x12"]


def test_a_crash_between_poll_and_ack_delivers_the_file_again(connect, peer):
    first = connect()
    peer.put("po.x12", b"ISA*1")
    (doc,) = first.poll()  # ... and the worker dies before the commit
    assert doc.handle == f"{peer.relative}/in/po.x12" and peer.pending() == ["po.x12"]
    first.close()
    second = connect()
    (again,) = second.poll()
    assert (again.remote_key, again.data) == ("po.x12", b"ISA*1")
    second.ack(again, Outcome.PROCESSED)
    first.ack(doc, Outcome.PROCESSED)  # a late ack of the same file: already filed, no error
    assert peer.filed(Outcome.PROCESSED) == ["po.x12"] and peer.pending() == []


def test_a_claim_never_acked_is_handed_out_again_after_the_timeout(connect, peer):
    connector = connect(claim_timeout_seconds=0.3)
    peer.put("po.x12", b"ISA")
    assert len(list(connector.poll())) == 1
    assert list(connector.poll()) == []
    time.sleep(0.35)
    assert [d.remote_key for d in connector.poll()] == ["po.x12"]


def test_hidden_files_folders_and_other_names_are_skipped(connect, peer, sshd_server):
    connector = connect(pattern="*.edi")
    peer.put("a.edi", b"1")
    peer.put("b.txt", b"2")
    peer.put(".partial.edi", b"3")
    sshd_server.folder(f"{peer.relative}/in/sub.edi")
    assert [d.remote_key for d in connector.poll()] == ["a.edi"]


def test_an_oversized_file_is_refused_undownloaded(connect, peer):
    connector = connect(max_file_bytes=10)
    peer.put("big.x12", b"x" * 11)
    peer.put("small.x12", b"x" * 10)
    big, small = connector.poll()
    assert (big.remote_key, small.remote_key, small.data) == ("big.x12", "small.x12", b"x" * 10)
    assert big.metadata["refused_code"] == "LIMIT_FILE_SIZE" and b"x" * 11 not in big.data
    assert "is 11 bytes; the limit is 10 bytes" in big.metadata["refused"]
    assert "big.x12" in peer.pending()  # left in place until the core recorded it; then filed as failed
    connector.ack(big, Outcome.FAILED)
    assert "big.x12" not in peer.pending()


def test_after_success_delete_removes_the_file_but_failures_are_kept(connect, peer):
    connector = connect(after_success="delete")
    for name in ("ok.x12", "dup.x12", "bad.x12"):
        peer.put(name, b"ISA")
    docs = {d.remote_key: d for d in connector.poll()}
    connector.ack(docs["ok.x12"], Outcome.PROCESSED)
    connector.ack(docs["dup.x12"], Outcome.DUPLICATE)
    connector.ack(docs["bad.x12"], Outcome.FAILED)
    connector.ack(docs["ok.x12"], Outcome.PROCESSED)  # repeated: already gone is fine
    assert peer.pending() == [] and peer.filed(Outcome.PROCESSED) == []
    assert peer.filed(Outcome.FAILED) == ["bad.x12"]


def test_archiving_never_overwrites_an_earlier_file_of_the_same_name(connect, peer):
    connector = connect()
    for payload in (b"first", b"second"):
        peer.put("po.x12", payload)
        (doc,) = connector.poll()
        connector.ack(doc, Outcome.PROCESSED)
    archived = sorted(p.read_bytes() for p in (peer.root / "archive").iterdir())
    assert archived == [b"first", b"second"]


def test_missing_archive_and_error_folders_are_created(connect, peer, sshd_server):
    sshd_server.folder(f"{peer.relative}/deep/in")
    connector = connect(inbox=f"{peer.relative}/deep/in/", min_age_seconds=0)  # trailing slash on purpose
    (peer.root / "deep" / "in" / "a.x12").write_bytes(b"A")
    (peer.root / "deep" / "in" / "b.x12").write_bytes(b"B")
    docs = {d.remote_key: d for d in connector.poll()}
    connector.ack(docs["a.x12"], Outcome.PROCESSED)
    connector.ack(docs["b.x12"], Outcome.FAILED)
    assert (peer.root / "deep" / "archive" / "a.x12").read_bytes() == b"A"
    assert (peer.root / "deep" / "error" / "b.x12").read_bytes() == b"B"


def test_a_missing_inbox_is_a_permanent_error(connect, peer):
    with pytest.raises(PermanentError, match="no-such-folder"):
        list(connect(inbox=f"{peer.relative}/no-such-folder").poll())


# -- the connection -------------------------------------------------------------------------------------
def test_a_connection_dropped_between_calls_is_replaced_transparently(connect, peer, sshd_server):
    connector = connect()
    assert list(connector.poll()) == []
    before = logins(sshd_server)
    assert sshd_server.kill_connections() > 0
    peer.put("po.x12", b"ISA")
    assert [d.remote_key for d in connector.poll()] == ["po.x12"]
    assert logins(sshd_server) == before + 1


def test_a_connection_dropped_during_an_operation_is_replaced_transparently(
    connect, peer, sshd_server, monkeypatch, caplog
):
    caplog.set_level(logging.INFO, logger="connectors.sftp")
    connector = connect()
    assert list(connector.poll()) == []  # connected
    peer.put("po.x12", b"ISA")
    import connectors.sftp

    real = connectors.sftp.list_folder
    dropped: list[int] = []

    def listing_after_a_drop(sftp, path="."):
        if not dropped:  # the server dies after the connector decided its connection was fine
            dropped.append(sshd_server.kill_connections())
        return real(sftp, path)

    monkeypatch.setattr(connectors.sftp, "list_folder", listing_after_a_drop)
    assert [d.remote_key for d in connector.poll()] == ["po.x12"] and dropped[0] > 0
    assert "reconnecting" in caplog.text  # noticed in the middle of the listing, not before it


def test_a_server_restart_between_calls_is_transparent(connect, peer, sshd_server):
    connector = connect()
    assert list(connector.poll()) == []
    sshd_server.restart()
    peer.put("po.x12", b"ISA")
    assert [d.remote_key for d in connector.poll()] == ["po.x12"]


def test_a_server_that_is_gone_is_retriable_and_works_again_after_restart(connect, peer, sshd_server):
    connector = connect()
    assert list(connector.poll()) == []
    sshd_server.stop()
    try:
        with pytest.raises(RetriableError, match="cannot connect"):
            list(connector.poll())
        with pytest.raises(RetriableError):
            connector.send(Outgoing("x.x12", b"ISA", "p", "997"))
    finally:
        sshd_server.start()
    peer.put("po.x12", b"ISA")
    assert [d.remote_key for d in connector.poll()] == ["po.x12"]


def test_a_server_that_never_answers_times_out_as_retriable(connect):
    with socket.socket() as silent:  # accepts the TCP connection, never sends an SSH banner
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        connector = connect(port=silent.getsockname()[1], connect_timeout_seconds=0.5)
        started = time.monotonic()
        with pytest.raises(RetriableError):
            list(connector.poll())
        assert time.monotonic() - started < 3


# -- outbound -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["../x", "a\x00b", "a/b", ".hidden", "x..y", ""])
def test_unsafe_outbound_names_are_refused(connect, peer, name):
    with pytest.raises(PermanentError, match="unsafe file name"):
        connect().send(Outgoing(name, b"ISA", "p", "997"))
    assert peer.delivered() == {}


def test_outbound_is_never_visible_half_written(connect, peer, monkeypatch):
    connector = connect()
    outbox = peer.root / "out"
    seen: list[list[str]] = []
    real_putfo, real_rename = paramiko.SFTPClient.putfo, paramiko.SFTPClient.posix_rename

    def look() -> None:
        seen.append(sorted(p.name for p in outbox.iterdir()))

    def putfo(self, fl, remotepath, file_size=0, callback=None, confirm=True):
        return real_putfo(self, fl, remotepath, file_size, lambda done, total: look(), confirm)

    def posix_rename(self, oldpath, newpath):
        look()
        return real_rename(self, oldpath, newpath)

    monkeypatch.setattr(paramiko.SFTPClient, "putfo", putfo)
    monkeypatch.setattr(paramiko.SFTPClient, "posix_rename", posix_rename)
    data = os.urandom(300_000)  # several 32 KB writes, looked at after each
    connector.send(Outgoing("asn.x12", data, "p", "856"))
    assert len(seen) > 3
    assert all(len(names) == 1 and names[0].startswith(".") for names in seen)
    assert peer.delivered() == {"asn.x12": data}


def test_sending_without_an_outbox_is_permanent(connect):
    with pytest.raises(PermanentError, match="no outbox"):
        connect(outbox=None).send(Outgoing("x.x12", b"ISA", "p", "997"))


def test_a_poll_and_a_send_from_two_threads_share_the_connection_safely(connect, peer):
    connector = connect()
    for n in range(5):
        peer.put(f"{n}.x12", b"ISA")
    errors: list[BaseException] = []

    def send_all() -> None:
        try:
            for n in range(5):
                connector.send(Outgoing(f"o{n}.x12", b"ISA", "p", "997"))
        except BaseException as exc:  # reported below
            errors.append(exc)

    sender = threading.Thread(target=send_all)
    sender.start()
    got: list[Incoming] = list(connector.poll())
    sender.join()
    assert errors == [] and len(got) == 5 and len(peer.delivered()) == 5


def test_check_logs_in_and_looks_at_the_folders(connect, peer):
    peer.put("a.x12", b"ISA")
    report = connect().check()
    assert "logged in to 127.0.0.1:" in report and "/in (1 entries)" in report
    assert peer.pending() == ["a.x12"]  # nothing taken
