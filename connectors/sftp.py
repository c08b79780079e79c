"""An SFTP mailbox: the partner's (or VAN's) SSH server, polled for inbound files and written to for outbound.

The folder connector's contract, over SSH:

- ``poll`` yields once each regular file in ``inbox`` that matches ``pattern``, is older than ``min_age_seconds``
  by the server's mtime (a file still being uploaded is younger) and is no larger than ``max_file_bytes``. The
  file stays in the inbox until ``ack``, claimed in this connector's memory only: enough, as one worker polls a
  channel at a time (the scheduler's lease). A new connector (a restarted worker), or a claim not acked within
  ``claim_timeout_seconds``, hands it out again: a crash between poll and ack re-delivers, never loses.
- ``ack``, after the commit, moves the file to ``archive`` (processed, duplicate) or ``error`` (failed), or
  deletes it after success if ``after_success="delete"``. A file already gone is fine.
- ``send`` uploads to a temporary dot-name in ``outbox`` and renames it, so the partner never sees half a
  file; a resend of the same name replaces the earlier one.

The host key is pinned: any other key is refused before a credential is sent. ``RetriableError``: the network,
the server away. ``PermanentError``: host key mismatch, failed login, missing or forbidden folder, unsafe name.
One SSH connection is kept between calls; a dropped one is replaced once, transparently, on the next operation.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fnmatch
import io
import logging
import posixpath
import socket
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import paramiko
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from connectors.base import Incoming, Outcome, Outgoing, PermanentError, Receipt, RetriableError, too_large
from connectors.names import local_name, readable_name
from connectors.sftp_listing import list_folder, wire

log = logging.getLogger(__name__)
T = TypeVar("T")
HOST_KEY_TYPES = ("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa")
CONNECTION_ERRORS = (OSError, EOFError, paramiko.SSHException)  # paramiko raises all three when a link breaks


def parse_host_key(line: str) -> paramiko.PKey:
    """The public key of a ``.pub`` line ("ssh-ed25519 AAAA… comment") or a known_hosts line ("host type AAAA…")."""
    tokens = line.split()
    for index, token in enumerate(tokens[:-1]):
        if token in HOST_KEY_TYPES:
            try:
                return paramiko.PKey.from_type_string(token, base64.b64decode(tokens[index + 1], validate=True))
            except (binascii.Error, ValueError, paramiko.SSHException) as exc:
                raise ValueError(f"the {token} key is not valid key data ({exc})") from None
    raise ValueError(
        f"expected a public key line such as 'ssh-ed25519 AAAA…' (types: {', '.join(HOST_KEY_TYPES)}), from the "
        "partner or `ssh-keyscan -t ed25519 HOST`; confirm its fingerprint with the partner"
    )


def _closed(sftp: paramiko.SFTPClient) -> bool:
    channel = sftp.get_channel()
    return channel is None or bool(channel.closed)


def _describe(key: paramiko.PKey) -> str:
    return f"{key.get_name()} {key.fingerprint}"  # "ssh-ed25519 SHA256:…", as ssh-keygen -l prints it


def _exists(sftp: paramiko.SFTPClient, path: str | bytes) -> bool:
    try:
        sftp.stat(path)
    except FileNotFoundError:
        return False
    return True


def _sibling(folder: str, name: str) -> str:
    parent = posixpath.dirname(folder.rstrip("/"))
    return posixpath.join(parent, name) if parent else name


class SftpConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field(description="SFTP server host name or address")
    port: int = Field(22, ge=1, le=65535, description="SSH port")
    username: str = Field(description="login name")
    password: SecretStr | None = Field(None, description="password (or use private_key_path)")
    private_key_path: Path | None = Field(None, description="OpenSSH or PEM private key file for key login")
    passphrase: SecretStr | None = Field(None, description="passphrase of an encrypted private key")
    host_key: str = Field(
        description="the server's public host key as in a .pub or known_hosts line, e.g. 'ssh-ed25519 AAAA…'; "
        "a server presenting any other key is refused"
    )
    inbox: str | None = Field(None, description="remote folder polled for inbound documents")
    archive: str | None = Field(None, description="processed documents move here; default a sibling 'archive'")
    error: str | None = Field(None, description="failed documents move here; default a sibling 'error'")
    outbox: str | None = Field(None, description="remote folder outbound documents are written to")
    pattern: str = Field("*", description="glob for inbound file names (case-sensitive)")
    min_age_seconds: float = Field(2.0, ge=0, description="skip files modified more recently (still being written)")
    after_success: Literal["archive", "delete"] = Field("archive", description="file processed documents, or delete")
    claim_timeout_seconds: float = Field(300.0, gt=0, description="hand out again a file polled but not acked")
    max_files_per_poll: int = Field(500, gt=0)
    max_file_bytes: int = Field(100 * 1024 * 1024, gt=0, description="larger files are left alone with a warning")
    connect_timeout_seconds: float = Field(15.0, gt=0, description="TCP connect, SSH handshake and login")
    operation_timeout_seconds: float = Field(60.0, gt=0, description="longest wait for one SFTP reply")

    @field_validator("host_key")
    @classmethod
    def _valid_host_key(cls, value: str) -> str:
        key = parse_host_key(value)
        return f"{key.get_name()} {key.get_base64()}"

    @model_validator(mode="after")
    def _has_credentials(self) -> SftpConfig:
        if self.password is None and self.private_key_path is None:
            raise ValueError("set password or private_key_path")
        if self.passphrase is not None and self.private_key_path is None:
            raise ValueError("passphrase is set but private_key_path is not")
        return self


class SftpConnector:
    """One SFTP account. Calls from several threads are serialised: one SFTP operation at a time."""

    def __init__(self, name: str, config: SftpConfig) -> None:
        self.name = name
        self.config = config
        self._where = f"{config.host}:{config.port}"
        self._host_key = parse_host_key(config.host_key)
        self.inbox = (config.inbox.rstrip("/") or "/") if config.inbox else None
        self.archive = config.archive or _sibling(self.inbox or ".", "archive")
        self.error = config.error or _sibling(self.inbox or ".", "error")
        self._claims: dict[str, float] = {}  # remote path -> time.monotonic() when handed out
        self._client_key: paramiko.PKey | None = None
        self._transport: paramiko.Transport | None = None
        self._sftp: paramiko.SFTPClient | None = None
        self._lock = threading.RLock()  # poll is a generator: held per operation, never across a yield

    def __repr__(self) -> str:
        return f"SftpConnector({self.name!r}, {self.config.username}@{self._where})"

    # -- inbound --------------------------------------------------------------------------------------
    def poll(self) -> Iterator[Incoming]:
        inbox = self.inbox
        if inbox is None:
            return
        entries = self._call(f"listing {inbox}", lambda sftp: list_folder(sftp, inbox))
        listed = {posixpath.join(inbox, e.filename) for e in entries}
        self._claims = {path: at for path, at in self._claims.items() if path in listed}
        now, yielded = time.time(), 0
        for entry in sorted(entries, key=lambda e: e.filename):
            path = posixpath.join(inbox, entry.filename)
            claimed_at = self._claims.get(path)
            if claimed_at is not None and time.monotonic() - claimed_at < self.config.claim_timeout_seconds:
                continue
            if not self._wanted(entry, now):
                continue
            size, limit, name = entry.st_size or 0, self.config.max_file_bytes, readable_name(entry.filename)
            metadata = {"remote_path": readable_name(path)}
            if size > limit:  # never downloaded: recorded as failed, and filed in the error folder by ack
                data, refused = too_large(self.name, f"{self.inbox}/{name}", size, limit, "max_file_bytes")
                metadata |= refused
            elif (downloaded := self._download(path, size)) is None:
                continue
            else:
                data = downloaded
            self._claims[path] = time.monotonic()
            yield Incoming(
                channel=self.name,
                remote_key=name,
                data=data,
                received_at=datetime.now(UTC),
                filename=name,
                metadata=metadata,
                handle=path,
            )
            yielded += 1
            if yielded >= self.config.max_files_per_poll:
                return

    def _wanted(self, entry: paramiko.SFTPAttributes, now: float) -> bool:
        name: str = entry.filename
        if "/" in name or "\x00" in name:
            # A well-behaved server never lists such a name; joined to a path it could point elsewhere.
            log.warning("sftp %s: skipping unsafe file name %r in %s", self.name, name, self.inbox)
            return False
        if name.startswith(".") or not fnmatch.fnmatchcase(name, self.config.pattern):
            return False  # dot-names are other writers' temporary files, as our own outbound ones are
        if entry.st_mode is not None and not stat.S_ISREG(entry.st_mode):
            return False  # folders; and symlinks, as renaming a link would archive the link, not the file
        # SFTP v3 mtimes are whole seconds of the server's clock: a file written at 10.9 s reads as 10 s, and a
        # server clock ahead of ours only delays files; one behind by more than min_age_seconds takes them early.
        # A server that sends no mtime cannot be judged: such servers are expected to upload-then-rename.
        return entry.st_mtime is None or now - entry.st_mtime >= self.config.min_age_seconds

    def _download(self, path: str, size: int) -> bytes | None:
        limit = self.config.max_file_bytes

        def read(sftp: paramiko.SFTPClient) -> bytes:
            with sftp.open(wire(path), "rb") as handle:
                if size > 0:  # pipelined reads: without them every 32 KB costs a round trip
                    handle.prefetch(size, max_concurrent_requests=64)
                return bytes(handle.read(limit + 1))  # it may have grown since the listing

        try:
            data = self._call(f"downloading {path}", read, passthrough=(FileNotFoundError, PermissionError))
        except FileNotFoundError:
            return None  # gone since the listing (the partner took it back): nothing to deliver
        except PermissionError as exc:
            log.warning("sftp %s: cannot read %s, leaving it: %s", self.name, path, exc)
            return None
        if len(data) > limit:
            log.warning("sftp %s: leaving %s alone: it grew over max_file_bytes %d", self.name, path, limit)
            return None
        return data

    def ack(self, doc: Incoming, outcome: Outcome) -> None:
        path = doc.handle
        if not isinstance(path, str):
            return
        folder = self.error if outcome is Outcome.FAILED else self.archive
        delete = outcome is not Outcome.FAILED and self.config.after_success == "delete"

        def file(sftp: paramiko.SFTPClient) -> None:
            if not delete:
                self._move(sftp, path, folder, doc.remote_key)
                return
            with contextlib.suppress(FileNotFoundError):  # deleted already (an ack repeated after a crash)
                sftp.remove(wire(path))

        self._call(f"deleting {path}" if delete else f"filing {path} in {folder}", file)
        self._claims.pop(path, None)

    @staticmethod
    def _move(sftp: paramiko.SFTPClient, path: str, folder: str, remote_name: str) -> None:
        # the partner's name as one safe component: a backslash is a separator on a Windows server, and a long
        # name with the stamp below would be over the server's NAME_MAX, failing every filing of the file
        name = local_name(remote_name)
        target = posixpath.join(folder, name)
        if _exists(sftp, target):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            target = posixpath.join(folder, f"{name}.{stamp}.{uuid.uuid4().hex[:8]}")
        # posix_rename (the posix-rename@openssh.com extension) is atomic but overwrites, hence the check above;
        # one worker polls a channel, so nothing races for the name. OpenSSH's plain rename refuses an existing
        # target, but with a bare "Failure" that cannot be told apart from any other failure.
        try:
            sftp.posix_rename(wire(path), target)
        except FileNotFoundError:
            if not _exists(sftp, wire(path)):
                return  # filed already (an ack repeated after a crash): ack is idempotent
            try:  # the folder is missing (first filing on this server): create it and file again
                sftp.mkdir(folder)
            except OSError:
                if not _exists(sftp, folder):  # made meanwhile by someone else is fine
                    raise
            sftp.posix_rename(wire(path), target)

    # -- outbound -------------------------------------------------------------------------------------
    def send(self, doc: Outgoing) -> Receipt:
        outbox, name = self.config.outbox, doc.filename
        if outbox is None:
            raise PermanentError(f"channel {self.name} has no outbox configured")
        if not name or "/" in name or "\x00" in name or ".." in name or name.startswith("."):
            raise PermanentError(f"channel {self.name}: refusing to send under the unsafe file name {name!r}")
        final = posixpath.join(outbox, name)
        temporary = posixpath.join(outbox, f".{name}.{uuid.uuid4().hex}.tmp")

        def upload(sftp: paramiko.SFTPClient) -> None:
            try:
                # confirm=True stats the upload: a short write fails before the file gets its real name.
                sftp.putfo(io.BytesIO(doc.data), temporary, file_size=len(doc.data), confirm=True)
                sftp.posix_rename(temporary, final)  # atomic, and replaces an earlier send of the same name
            except CONNECTION_ERRORS as exc:
                if not isinstance(exc, TimeoutError) and not _closed(sftp):
                    with contextlib.suppress(*CONNECTION_ERRORS):
                        sftp.remove(temporary)  # a stray dot-file is harmless, but tidy up when we can
                raise

        self._call(f"sending {name} to {outbox}", upload)
        return Receipt(remote_key=name, sent_at=datetime.now(UTC))

    # -- the connection -------------------------------------------------------------------------------
    def check(self) -> str:
        """Log in and look at each configured folder, taking nothing."""
        folders = [
            (label, path) for label, path in (("inbox", self.config.inbox), ("outbox", self.config.outbox)) if path
        ]

        def look(sftp: paramiko.SFTPClient) -> str:
            seen = [f"{label} {path} ({len(sftp.listdir(path))} entries)" for label, path in folders]
            return f"logged in to {self._where} as {self.config.username}; " + ", ".join(seen)

        return self._call("checking the folders", look)

    def close(self) -> None:
        """Close the SSH connection; the next operation opens a new one."""
        with self._lock:
            transport, self._transport, self._sftp = self._transport, None, None
            if transport is not None:
                transport.close()

    def _call(self, what: str, operation: Callable[[paramiko.SFTPClient], T], passthrough: tuple = ()) -> T:
        """Run one SFTP operation, reconnecting once if the connection turns out to be dead.

        A status the server answered arrives as an OSError: those in ``passthrough`` reach the caller, "no such
        file" and "permission denied" become PermanentError (a folder is missing or forbidden), others Retriable.
        """
        with self._lock:
            for attempt in (1, 2):
                sftp = self._session()
                try:
                    return operation(sftp)
                except CONNECTION_ERRORS as exc:
                    failure = exc
                # A timeout leaves a half-answered SFTP session that cannot be reused: handled as dropped.
                if self._alive() and not isinstance(failure, TimeoutError):
                    if isinstance(failure, passthrough):
                        raise failure
                    if isinstance(failure, FileNotFoundError | PermissionError):
                        raise PermanentError(f"sftp {self.name}: {what}: {failure}") from failure
                    raise RetriableError(f"sftp {self.name}: {what} failed: {failure}") from failure
                self.close()
                if attempt == 2 or isinstance(failure, TimeoutError):
                    raise RetriableError(f"sftp {self.name}: connection to {self._where} lost {what}: {failure!r}")
                # Dropped since it was opened (server restarted, socket closed): reconnect once, transparently.
                log.info("sftp %s: connection to %s lost %s; reconnecting", self.name, self._where, what)
        raise AssertionError("unreachable")

    def _alive(self) -> bool:
        transport, sftp = self._transport, self._sftp
        return transport is not None and transport.is_active() and sftp is not None and not _closed(sftp)

    def _session(self) -> paramiko.SFTPClient:
        if self._sftp is None or not self._alive():
            self.close()
            self._transport, self._sftp = self._connect()
        return self._sftp

    def _connect(self) -> tuple[paramiko.Transport, paramiko.SFTPClient]:
        """An SFTP session, logged in to a server proven to hold the pinned host key."""
        timeout, pinned = self.config.connect_timeout_seconds, self._host_key
        try:
            sock = socket.create_connection((self.config.host, self.config.port), timeout=timeout)
        except OSError as exc:
            raise RetriableError(f"sftp {self.name}: cannot connect to {self._where}: {exc}") from exc
        transport = paramiko.Transport(sock)
        transport.banner_timeout = transport.handshake_timeout = transport.auth_timeout = timeout
        # Negotiate only the pinned key's algorithms: a server with several host keys (most have ed25519, ecdsa
        # and rsa) would otherwise present the one paramiko prefers, which would look like a changed key.
        rsa = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
        transport.get_security_options().key_types = rsa if isinstance(pinned, paramiko.RSAKey) else [pinned.get_name()]
        try:
            transport.start_client(timeout=timeout)
            presented = transport.get_remote_server_key()
            if presented.asbytes() != pinned.asbytes():  # checked before any credential is sent
                raise PermanentError(
                    f"sftp {self.name}: {self._where} presented host key {_describe(presented)}, but the pinned "
                    f"host_key is {_describe(pinned)}; not logging in. If the partner changed its key, confirm "
                    "the new fingerprint with them and update host_key"
                )
            self._login(transport)
            sftp = paramiko.SFTPClient.from_transport(transport)
            if sftp is None:
                raise paramiko.SSHException("the server opened no SFTP session")
            channel = sftp.get_channel()
            if channel is not None:
                channel.settimeout(self.config.operation_timeout_seconds)
        except BaseException as exc:
            transport.close()
            if isinstance(exc, paramiko.ssh_exception.IncompatiblePeer):
                raise PermanentError(f"sftp {self.name}: {self._where} has no {_describe(pinned)} host key") from exc
            if isinstance(exc, CONNECTION_ERRORS):
                raise RetriableError(f"sftp {self.name}: SSH session with {self._where} failed: {exc}") from exc
            raise
        log.info("sftp %s: connected to %s as %s", self.name, self._where, self.config.username)
        return transport, sftp

    def _login(self, transport: paramiko.Transport) -> None:
        config = self.config
        # Not retried: a wrong password fails every time, and repeated tries can lock the account.
        failed = PermanentError(f"sftp {self.name}: authentication failed for user {config.username} at {self._where}")
        try:
            if config.private_key_path is not None:
                try:
                    transport.auth_publickey(config.username, self._load_client_key())
                except paramiko.AuthenticationException:
                    if config.password is None:
                        raise
            # Not logged in yet: no key, the key was refused, or the server wants a password as well.
            if not transport.is_authenticated() and config.password is not None:
                transport.auth_password(config.username, config.password.get_secret_value())
        except paramiko.BadAuthenticationType as exc:
            raise PermanentError(f"{failed}; the server accepts only: {', '.join(exc.allowed_types)}") from None
        except paramiko.AuthenticationException:
            raise failed from None  # no chaining: nothing of the login attempt goes into tracebacks
        if not transport.is_authenticated():
            raise failed

    def _load_client_key(self) -> paramiko.PKey:
        """The private key, loaded once: an encrypted key's KDF costs a good part of a second."""
        if self._client_key is None:
            path, secret = self.config.private_key_path, self.config.passphrase
            assert path is not None  # the config requires a key or a password; _login asks for a key only with one
            problem = f"sftp {self.name}: cannot load private key {path}"
            try:
                # bytes, whatever the stubs say: paramiko's OpenSSH-format key loader refuses a str passphrase
                passphrase: Any = secret.get_secret_value().encode() if secret else None
                self._client_key = paramiko.PKey.from_path(path, passphrase)
            except OSError as exc:
                raise PermanentError(f"{problem}: {exc.strerror}") from None
            except (ValueError, TypeError, paramiko.SSHException):
                raise PermanentError(f"{problem}: wrong or missing passphrase, or an unsupported key type") from None
        return self._client_key
