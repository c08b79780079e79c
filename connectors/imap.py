"""An IMAP mailbox: customers email purchase orders; this connector takes each message in whole.

Inbound only (mail goes out through the SMTP connector). ``poll`` reads the configured folder without
changing it: bodies are fetched with ``BODY.PEEK[]`` so nothing turns \\Seen. ``ack`` (after the
commit) MOVEs the message to ``processed_folder`` or ``error_folder``. Between runs a small state file
remembers the folder's UIDVALIDITY, the last UID filed and the last Message-IDs filed, so a restart
neither loses nor repeats mail: the stored UID only advances in ``ack``, so a crash between poll and
ack re-delivers (the core dedupes by sha256), while one connector never yields a UID twice.

Credentials never travel in clear: the connection is TLS (implicit or STARTTLS) with certificate and
host name verification always on. Errors: refused credentials and TLS failures are ``PermanentError``
(retrying will not fix them); refused connections, drops and time-outs are ``RetriableError``.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import json
import logging
import os
import shlex
import ssl
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import LoginError
from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from connectors.base import Incoming, Outcome, Outgoing, PermanentError, Receipt, RetriableError, too_large

log = logging.getLogger(__name__)
T = TypeVar("T")

REMEMBERED_MESSAGE_IDS = 10_000
FETCH_BYTES_PER_ROUND = 16 * 1024 * 1024  # bodies per FETCH command: bounded memory, few round trips
TOKEN_COMMAND_TIMEOUT = 30.0
# imaplib's ``abort`` (BYE, EOF) and any socket failure (reset, time-out, TLS record error) mean the
# connection is gone; imaplib's plain ``error`` is the server answering NO/BAD, which is not a drop.
DROPPED: tuple[type[BaseException], ...] = (imaplib.IMAP4.abort, OSError)
TRANSIENT_CODES = ("[UNAVAILABLE]", "[INUSE]", "[OVERQUOTA]", "[SERVERBUG]", "[LIMIT]")  # RFC 5530: "not now"


class ImapConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field(description="IMAP server host name (checked against its certificate)")
    port: int | None = Field(None, ge=1, le=65535, description="default 993 for ssl, 143 for starttls")
    security: Literal["ssl", "starttls"] = Field("ssl", description="implicit TLS or STARTTLS; never plaintext")
    ca_file: Path | None = Field(None, description="CA bundle for a private CA; verification is always on")
    username: str = Field(description="mailbox user")
    auth: Literal["password", "xoauth2"] = Field("password", description="LOGIN with a password, or XOAUTH2")
    password: SecretStr | None = Field(None, description="for auth=password (or use password_file)")
    password_file: Path | None = Field(None, description="file holding the password, read at each login")
    token_command: str | None = Field(None, description="for xoauth2: command printing an access token")
    token_file: Path | None = Field(None, description="for xoauth2: file holding a fresh access token")
    folder: str = Field("INBOX", description="folder polled for incoming mail")
    processed_folder: str = Field("Processed", description="filed here after processing; created if missing")
    error_folder: str = Field("Error", description="failed or refused mail is filed here; created if missing")
    max_message_bytes: int = Field(25 * 1024 * 1024, gt=0, description="larger messages are refused unread")
    claim_timeout_seconds: float = Field(
        300.0, gt=0, description="hand a polled but never filed message out again after this long"
    )
    batch_size: int = Field(200, gt=0, description="messages per FETCH command")
    timeout_seconds: float = Field(60.0, gt=0, description="connect and read time-out")
    state_file: Path = Field(description="where UIDVALIDITY, the last UID and seen Message-IDs are kept")

    @model_validator(mode="after")
    def _credentials_match_auth(self) -> ImapConfig:
        password = (self.password, self.password_file)
        token = (self.token_command, self.token_file)
        if self.auth == "password":
            if sum(v is not None for v in password) != 1 or any(v is not None for v in token):
                raise ValueError("auth=password needs exactly one of password / password_file, and no token_*")
        elif sum(v is not None for v in token) != 1 or any(v is not None for v in password):
            raise ValueError("auth=xoauth2 needs exactly one of token_command / token_file, and no password*")
        if self.folder in (self.processed_folder, self.error_folder):
            raise ValueError("processed_folder and error_folder must differ from folder")
        return self


SAVE_EVERY = 200  # acks between two writes of the state file
SAVE_EVERY_SECONDS = 5.0


class _State:
    """What survives a restart: a snapshot, written whole to a temporary file and renamed (never half
    written), plus a journal of the acks since, one line each. Rewriting the snapshot, 10,000 Message-IDs,
    on every ack made a 10,000-message mailbox quadratic (measured: 6 minutes); appending a line is not.
    """

    def __init__(self, path: Path, folder: str) -> None:
        self.path, self.folder = path, folder
        self.uidvalidity: int | None = None
        self.last_uid = 0
        self.message_ids: dict[str, None] = {}  # an insertion-ordered set: the oldest go first
        try:
            raw = json.loads(path.read_text())
        except FileNotFoundError:
            raw = {"folder": folder, "uidvalidity": None, "last_uid": 0, "message_ids": []}
        except (OSError, ValueError) as exc:
            raise PermanentError(f"IMAP state file {path} is unreadable ({exc}); fix or remove it") from exc
        if not isinstance(raw, dict):
            kind = type(raw).__name__
            raise PermanentError(f"IMAP state file {path} is not a state file (a {kind}); fix or remove it")
        if raw.get("folder") != folder:  # the channel now polls another folder: its UIDs mean nothing here
            log.warning("state file %s was kept for folder %r, not %r: starting over", path, raw.get("folder"), folder)
            self.journal.unlink(missing_ok=True)
            return
        try:
            self.uidvalidity, self.last_uid = raw["uidvalidity"], int(raw["last_uid"])
            self.message_ids = dict.fromkeys(raw["message_ids"])
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise PermanentError(f"IMAP state file {path} is not a state file ({exc!r}); fix or remove it") from None
        try:
            lines = self.journal.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            lines = []
        for line in lines:  # acks written after the snapshot; a torn last line is ignored
            uidvalidity, last_uid, _, message_id = (line.split("\t", 3) + ["", "", "", ""])[:4]
            if not (uidvalidity.isdigit() and last_uid.isdigit()):
                continue
            if self.uidvalidity is None:  # no snapshot yet: the journal says which UIDVALIDITY it is about
                self.uidvalidity = int(uidvalidity)
            if int(uidvalidity) == self.uidvalidity:
                self.last_uid = max(self.last_uid, int(last_uid))
                self.remember(message_id)

    @property
    def journal(self) -> Path:
        return self.path.with_name(self.path.name + ".journal")

    def record(self, message_id: str) -> None:
        """Append this ack to the journal (flushed, not fsynced: a killed process loses nothing)."""
        try:
            with open(self.journal, "a", encoding="utf-8") as handle:
                handle.write(f"{self.uidvalidity}\t{self.last_uid}\t-\t{message_id}\n")
        except OSError as exc:
            raise RetriableError(f"cannot write IMAP state journal {self.journal}: {exc}") from exc

    def remember(self, message_id: str) -> None:
        if message_id:
            self.message_ids.pop(message_id, None)
            self.message_ids[message_id] = None
            while len(self.message_ids) > REMEMBERED_MESSAGE_IDS:
                del self.message_ids[next(iter(self.message_ids))]

    def save(self) -> None:
        body = {"folder": self.folder, "uidvalidity": self.uidvalidity, "last_uid": self.last_uid,
                "message_ids": list(self.message_ids)}  # fmt: skip
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.tmp")
        try:
            with open(tmp, "w") as handle:
                json.dump(body, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            self.journal.unlink(missing_ok=True)  # everything in it is in the snapshot now
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise RetriableError(f"cannot write IMAP state file {self.path}: {exc}") from exc


class ImapConnector:
    """Polls one IMAP folder. ``poll`` yields each new message once (``handle`` is its UID); ``ack``
    files it; ``send`` is refused; ``close`` logs out. One connection is kept between calls and is
    re-opened transparently, once per operation, when the server dropped it."""

    def __init__(self, name: str, config: ImapConfig) -> None:
        self.name = name
        self.config = config
        self.port = config.port or (993 if config.security == "ssl" else 143)
        self._where = f"channel {name} (imap {config.username}@{config.host}:{self.port})"
        self._client: IMAPClient | None = None
        self._uidvalidity: int | None = None  # of the folder selected on the live connection
        self._state = _State(config.state_file, config.folder)  # unreadable: PermanentError at start-up
        # UID -> when it was handed out: not again while its claim runs (the document is being recorded),
        # again after claim_timeout_seconds (recording failed, e.g. the database was down), like SFTP
        self._yielded: dict[int, float] = {}
        self._unsettled: set[int] = set()  # met by poll, not filed yet: the stored last UID stays below
        self._pending_ids: dict[str, int] = {}  # Message-ID -> the UID handed out for it, not filed yet
        self._settled_max = 0
        self._unsaved = 0  # acks not yet written to the state file
        self._saved_at = time.monotonic()

    # -- inbound --------------------------------------------------------------------------------------
    def poll(self) -> Iterator[Incoming]:
        state = self._state
        validity = self._reopen()
        self._adopt(state, validity)
        # "n:*" always matches the highest UID even when n is above it (RFC 3501 6.4.8): filter again.
        found = self._run("searching", lambda client: client.search(["UID", f"{state.last_uid + 1}:*"]))
        now = time.monotonic()
        expired = [uid for uid, at in self._yielded.items() if now - at > self.config.claim_timeout_seconds]
        for uid in expired:
            del self._yielded[uid]
        new = sorted(uid for uid in found if uid > state.last_uid and uid not in self._yielded)
        for start in range(0, len(new), self.config.batch_size):
            batch = new[start : start + self.config.batch_size]
            # Size and headers first: a message over the limit is never downloaded.
            heads = self._fetch(batch, [b"RFC822.SIZE", b"BODY.PEEK[HEADER]"])
            if self._uidvalidity != validity:  # reconnected meanwhile, onto a rebuilt folder
                log.warning("%s: UIDVALIDITY changed while polling; the next poll starts over", self._where)
                return
            sizes = {uid: int(heads[uid][b"RFC822.SIZE"]) for uid in batch if b"RFC822.SIZE" in heads.get(uid, {})}
            # (a UID without an answer was expunged by another client since the search)
            taken = [uid for uid in sizes if self._take(state, uid, _identity(heads[uid][b"BODY[HEADER]"])[0])]
            limit = self.config.max_message_bytes
            for group in _by_size(taken, {uid: sizes[uid] if sizes[uid] <= limit else 0 for uid in taken}):
                wanted = [uid for uid in group if sizes[uid] <= limit]
                bodies = self._fetch(wanted, [b"BODY.PEEK[]"]) if wanted else {}  # a plain BODY[] sets \Seen
                for uid in group:
                    header = heads[uid][b"BODY[HEADER]"]
                    if sizes[uid] > limit:  # refused unread: its headers say what it was and who sent it
                        _, refused = too_large(self.name, f"message UID {uid}", sizes[uid], limit, "max_message_bytes")
                        yield self._incoming(uid, validity, header, header, refused=refused)
                    elif b"BODY[]" in bodies.get(uid, {}) and self._uidvalidity == validity:
                        yield self._incoming(uid, validity, bodies[uid][b"BODY[]"], header)
                    else:  # gone meanwhile: free its Message-ID for a later copy
                        self._release(uid, _identity(header)[0])

    def ack(self, doc: Incoming, outcome: Outcome) -> None:
        """File the message in the processed folder (PROCESSED, DUPLICATE) or the error folder (FAILED,
        and always when it was refused); then remember its UID and Message-ID. Idempotent: moving a
        message that is already gone is fine (the server answers "no messages")."""
        uid, validity = doc.handle, int(doc.metadata.get("uidvalidity", "0"))
        if not isinstance(uid, int):
            raise PermanentError(f"{self._where}: {doc.remote_key} was not polled from IMAP")
        failed = outcome is Outcome.FAILED or "refused" in doc.metadata
        state, message_id = self._state, doc.metadata.get("message_id", "")
        if self._reopen() != validity:
            # UIDs of another UIDVALIDITY name other messages: move nothing. Remembering the Message-ID
            # files the renumbered copy as a duplicate when a poll meets it.
            log.warning("%s: UIDVALIDITY changed since %s was polled; left in place", self._where, doc.remote_key)
            state.remember(message_id)
            state.save()
            return
        self._move(uid, self.config.error_folder if failed else self.config.processed_folder)
        self._settle(state, uid, message_id)

    def send(self, doc: Outgoing) -> Receipt:
        raise PermanentError(f"{self._where}: IMAP is inbound only; send {doc.filename} through an SMTP channel")

    def close(self) -> None:
        """Write the state, log out (or just close if the connection is already gone)."""
        if self._unsaved:
            self._state.save()
            self._unsaved = 0
        self._discard(logout=True)

    # -- bookkeeping ----------------------------------------------------------------------------------
    def _adopt(self, state: _State, validity: int) -> None:
        if state.uidvalidity == validity:
            return
        if state.uidvalidity is not None:
            log.warning("%s: UIDVALIDITY of %s changed from %s to %s: reading it again from UID 1",
                        self._where, self.config.folder, state.uidvalidity, validity)  # fmt: skip
        # Seen Message-IDs stay: a folder rebuilt from a backup must not be processed a second time.
        state.uidvalidity, state.last_uid = validity, 0
        self._yielded, self._unsettled, self._pending_ids, self._settled_max = {}, set(), {}, 0
        state.save()

    def _take(self, state: _State, uid: int, message_id: str) -> bool:
        """Whether to hand this message out; a copy of one filed before is filed as processed now."""
        if message_id and message_id in state.message_ids:
            log.info("%s: message %s (%s) was filed before: filed as processed", self._where, uid, message_id)
            self._move(uid, self.config.processed_folder)
            self._settle(state, uid, message_id)
            return False
        if message_id and self._pending_ids.setdefault(message_id, uid) != uid:
            self._unsettled.add(uid)  # another copy is out: decided once that one is filed
            return False
        return True

    def _release(self, uid: int, message_id: str) -> None:
        if self._pending_ids.get(message_id) == uid:
            del self._pending_ids[message_id]

    def _settle(self, state: _State, uid: int, message_id: str) -> None:
        """Record a filed message. The stored last UID never passes an unfiled one (acks may come out of
        order), so whatever was yielded but not acked is polled again after a restart."""
        self._unsettled.discard(uid)
        self._release(uid, message_id)
        self._settled_max = max(self._settled_max, uid)
        ceiling = min(self._unsettled, default=self._settled_max + 1) - 1
        state.last_uid = max(state.last_uid, min(self._settled_max, ceiling))
        state.remember(message_id)
        # Every ack goes to the journal at once, so a killed process loses nothing; the snapshot is
        # rewritten (and fsynced) every SAVE_EVERY acks or seconds. A power cut may lose the last journal
        # lines: those messages have already left the polled folder, so nothing is read twice.
        self._unsaved += 1
        if self._unsaved >= SAVE_EVERY or time.monotonic() - self._saved_at >= SAVE_EVERY_SECONDS:
            state.save()
            self._unsaved, self._saved_at = 0, time.monotonic()
        else:
            state.record(message_id)

    def _incoming(
        self, uid: int, validity: int, data: bytes, header: bytes, refused: dict[str, str] | None = None
    ) -> Incoming:
        self._yielded[uid] = time.monotonic()
        self._unsettled.add(uid)
        message_id, subject = _identity(header)
        metadata = {"message_id": message_id, "uid": str(uid), "uidvalidity": str(validity)}
        metadata |= refused or {}
        return Incoming(
            channel=self.name,
            remote_key=f"{validity}:{uid}",
            data=data,
            received_at=datetime.now(UTC),
            filename=subject or message_id or None,
            metadata=metadata,
            handle=uid,
        )

    # -- the connection -------------------------------------------------------------------------------
    def check(self) -> str:
        """Log in and open the mailbox, reading nothing."""

        def look(client: IMAPClient) -> str:
            info = client.select_folder(self.config.folder, readonly=True)
            return f"{self._where}: logged in, {self.config.folder} holds {int(info[b'EXISTS'])} message(s)"

        return self._run("checking the mailbox", look, select_first=False)

    def _reopen(self) -> int:
        """SELECT the folder again and return its UIDVALIDITY. A live selection is never told that its
        folder was deleted and created again: Dovecot then happily MOVEs "UID 1" of the new folder, another
        message (measured). So poll and every ack SELECT afresh."""
        return self._run("opening the folder", self._select, select_first=False)

    def _run(self, doing: str, operation: Callable[[IMAPClient], T], select_first: bool = True) -> T:
        """Run one idempotent operation on the folder, reconnecting once if the connection was dropped."""
        for attempt in (1, 2):
            client = self._connected()
            try:
                if select_first and self._uidvalidity is None:
                    self._select(client)
                return operation(client)
            except DROPPED as exc:
                self._discard()
                if attempt == 2:
                    raise RetriableError(f"{self._where}: connection lost while {doing}: {_text(exc)}") from exc
                log.info("%s: connection lost while %s (%s): reconnecting", self._where, doing, _text(exc))
            except imaplib.IMAP4.error as exc:
                message = f"{self._where}: server refused {doing}: {_text(exc)}"
                if any(code in message for code in TRANSIENT_CODES):
                    raise RetriableError(message) from exc
                raise PermanentError(message) from exc
        raise AssertionError("unreachable")

    def _select(self, client: IMAPClient) -> int:
        info = client.select_folder(self.config.folder)  # read-write: MOVE needs it; PEEK keeps \Seen off
        self._uidvalidity = int(info[b"UIDVALIDITY"])
        return self._uidvalidity

    def _fetch(self, uids: list[int], items: list[bytes]) -> dict[int, dict[bytes, Any]]:
        return self._run("fetching messages", lambda client: client.fetch(uids, items))

    def _move(self, uid: int, folder: str) -> None:
        self._run(f"moving message {uid} to {folder}", lambda client: client.move([uid], folder))

    def _connected(self) -> IMAPClient:
        if self._client is None:
            self._client = self._connect()
            self._uidvalidity = None
        return self._client

    def _discard(self, logout: bool = False) -> None:
        client, self._client, self._uidvalidity = self._client, None, None
        if client is not None:
            _shutdown(client, logout)

    def _connect(self) -> IMAPClient:
        cfg = self.config
        context = ssl.create_default_context(cafile=str(cfg.ca_file) if cfg.ca_file else None)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        client: IMAPClient | None = None
        try:
            client = IMAPClient(
                cfg.host, self.port, ssl=cfg.security == "ssl", ssl_context=context, timeout=cfg.timeout_seconds
            )
            if cfg.security == "starttls":
                # Dovecot counts a client on its own address as "secured" and takes LOGIN without TLS
                # there: the client must insist on STARTTLS itself and never fall back.
                client.starttls(context)
            self._login(client)  # a server without MOVE (RFC 6851) fails the first ack, permanently
            for folder in (cfg.processed_folder, cfg.error_folder):
                _ensure_folder(client, folder)
            ready, client = client, None
            return ready
        except ssl.SSLCertVerificationError as exc:
            raise PermanentError(
                f"{self._where}: TLS certificate verification failed: {exc.verify_message} "
                "(check ca_file, and that host matches the certificate)"
            ) from exc
        except (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError) as exc:
            raise RetriableError(f"{self._where}: TLS connection closed during the handshake: {exc}") from exc
        except ssl.SSLError as exc:  # protocol or version mismatch: e.g. security=ssl on a STARTTLS port
            raise PermanentError(f"{self._where}: TLS handshake failed: {exc.reason or exc}") from exc
        except DROPPED as exc:
            raise RetriableError(f"{self._where}: cannot connect: {_text(exc)}") from exc
        except imaplib.IMAP4.error as exc:  # NO/BAD before login, e.g. no STARTTLS on offer
            raise PermanentError(f"{self._where}: the server refused the session: {_text(exc)}") from exc
        finally:
            if client is not None:  # failed half way: do not leak the socket
                _shutdown(client)

    def _login(self, client: IMAPClient) -> None:
        secret = ""
        try:
            if self.config.auth == "password":
                secret = self._password()
                client.login(self.config.username, secret)
            else:
                secret = self._token()
                client.oauth2_login(self.config.username, secret)
        except LoginError as exc:
            detail = _text(exc).replace(secret, "***") if secret else _text(exc)
            message = f"{self._where}: login refused ({self.config.auth}): {detail}"
            if any(code in detail for code in TRANSIENT_CODES):  # e.g. the server's auth backend is down
                raise RetriableError(message) from None
            # from None: no chained imaplib exception whose arguments anyone could print.
            raise PermanentError(message) from None

    def _password(self) -> str:
        if self.config.password is not None:
            return self.config.password.get_secret_value()
        return _read_secret(self.config.password_file, f"{self._where}: password_file")

    def _token(self) -> str:
        """A fresh access token for each login: tokens expire, and the file or command renews them."""
        if self.config.token_command is None:
            return _read_secret(self.config.token_file, f"{self._where}: token_file")
        argv = shlex.split(self.config.token_command)  # no shell: nothing in it is interpreted twice
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=TOKEN_COMMAND_TIMEOUT, check=False)
        except OSError as exc:
            raise PermanentError(f"{self._where}: token_command cannot run ({argv[0]}): {exc.strerror}") from exc
        except subprocess.TimeoutExpired as exc:
            raise RetriableError(f"{self._where}: token_command took over {TOKEN_COMMAND_TIMEOUT:.0f} s") from exc
        if done.returncode != 0:  # identity providers fail for a while (network, outage): try again later
            raise RetriableError(f"{self._where}: token_command exited {done.returncode}: {done.stderr[-300:].strip()}")
        if not done.stdout.strip():
            raise PermanentError(f"{self._where}: token_command printed no token")
        return done.stdout.strip()


def _ensure_folder(client: IMAPClient, folder: str) -> None:
    try:
        if not client.folder_exists(folder):
            client.create_folder(folder)
    except imaplib.IMAP4.error:
        if not client.folder_exists(folder):  # else another worker created it first
            raise


def _identity(header: bytes) -> tuple[str, str]:
    """The Message-ID and the decoded Subject of a header block ("" when absent or unreadable)."""
    parsed = email.message_from_bytes(header, policy=email.policy.default)
    values = []
    for name in ("Message-ID", "Subject"):
        try:
            values.append(" ".join(str(parsed.get(name) or "").split()))
        except (ValueError, TypeError, LookupError):  # malformed header or unknown charset
            values.append("")
    return values[0], values[1]


def _by_size(uids: list[int], sizes: dict[int, int]) -> Iterator[list[int]]:
    """Consecutive groups of UIDs whose bodies add up to FETCH_BYTES_PER_ROUND at most (or one message)."""
    group: list[int] = []
    total = 0
    for uid in uids:
        size = sizes[uid]
        if group and total + size > FETCH_BYTES_PER_ROUND:
            yield group
            group, total = [], 0
        group.append(uid)
        total += size
    if group:
        yield group


def _read_secret(path: Path | None, what: str) -> str:
    assert path is not None  # ImapConfig requires it for this kind of auth
    try:
        value = path.read_text().strip()
    except OSError as exc:
        raise PermanentError(f"{what} {path} cannot be read: {exc.strerror}") from exc
    if not value:
        raise PermanentError(f"{what} {path} is empty")
    return value


def _text(exc: BaseException) -> str:
    """imaplib puts the server's bytes in its exceptions: show them as text."""
    parts = [a.decode(errors="replace") if isinstance(a, bytes) else str(a) for a in exc.args]
    return " ".join(parts).removeprefix("b'").removesuffix("'") or type(exc).__name__


def _shutdown(client: IMAPClient, logout: bool = False) -> None:
    with suppress(imaplib.IMAP4.error, OSError):  # already closed
        if logout:
            client.logout()
            return
    with suppress(imaplib.IMAP4.error, OSError):
        client.shutdown()
