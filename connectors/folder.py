"""A folder mailbox: the simplest transport, and the one the demo and many VAN set-ups use.

Inbound: files in ``inbox`` older than ``min_age_seconds`` (a half-written file is younger) are claimed
by an atomic rename into ``inbox/.claimed/`` so two workers never take the same file; after the commit
they move to ``archive`` (or ``error``). A claim left behind by a crashed worker is taken again once it
is older than ``claim_timeout_seconds``. Outbound: written under a temporary name, then renamed, so a
partner polling ``outbox`` never sees half a file.

A send is idempotent: the outbox gives a document the same file name and bytes every time, so a resend after a
crash between the write and the outbox row marked sent finds the file already there, identical, and writes
nothing (one that differs is replaced atomically). Once the partner has taken the file away, a resend delivers it
again under the same interchange control number, which the partner's duplicate check recognises.
"""

from __future__ import annotations

import fnmatch
import os
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from connectors.base import Incoming, Outcome, Outgoing, PermanentError, Receipt, RetriableError, too_large
from connectors.names import local_name, readable_name

CLAIMED = ".claimed"


class FolderConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    inbox: Path | None = Field(None, description="folder polled for inbound documents")
    archive: Path | None = Field(None, description="processed documents move here; default inbox/../archive")
    error: Path | None = Field(None, description="failed documents move here; default inbox/../error")
    outbox: Path | None = Field(None, description="folder outbound documents are written to")
    pattern: str = Field("*", description="glob for inbound file names")
    min_age_seconds: float = Field(2.0, ge=0, description="skip files modified more recently (still being written)")
    claim_timeout_seconds: float = Field(300.0, gt=0, description="re-take a claim older than this")
    max_files_per_poll: int = Field(500, gt=0)
    max_file_bytes: int | None = Field(
        None,
        gt=0,
        description="larger files are not read: failed and moved to error (default limits.max_document_bytes)",
    )


class FolderConnector:
    def __init__(self, name: str, config: FolderConfig) -> None:
        self.name = name
        self.config = config
        if config.inbox is not None:
            self.inbox = config.inbox
            self.claimed = config.inbox / CLAIMED
            self.archive = config.archive or config.inbox.parent / "archive"
            self.error = config.error or config.inbox.parent / "error"
        for folder in (
            config.inbox,
            config.inbox and self.claimed,
            config.inbox and self.archive,
            config.inbox and self.error,
            config.outbox,
        ):
            if folder is not None:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                except OSError:
                    pass  # reported by check() and by the first poll or send, with the folder named

    # -- inbound --------------------------------------------------------------------------------------
    def poll(self) -> Iterator[Incoming]:
        if self.config.inbox is None:
            return
        now = time.time()
        yielded = 0
        for path in self._stale_claims(now):
            yield self._read(path, readable_name(path.name.split("__", 1)[1]))
            yielded += 1
        for entry in sorted(os.scandir(self.inbox), key=lambda e: e.name):
            if yielded >= self.config.max_files_per_poll:
                return
            # a symlink is not a delivery: it could point at any file of this host
            if not entry.is_file(follow_symlinks=False) or entry.name.startswith("."):
                continue
            if not fnmatch.fnmatch(entry.name, self.config.pattern):
                continue
            try:
                if now - entry.stat().st_mtime < self.config.min_age_seconds:
                    continue
            except FileNotFoundError:
                continue  # another worker claimed it between listing and stat
            # the partner's name is data: made one safe, short path component (a 250-byte name would make the
            # claim's name too long to exist, and the rename would fail on every poll, blocking the inbox)
            claimed = self.claimed / f"{uuid.uuid4().hex}__{local_name(entry.name)}"
            try:
                os.rename(entry.path, claimed)  # atomic: exactly one worker wins
            except FileNotFoundError:
                continue  # another worker claimed it first
            os.utime(claimed)  # the claim's age starts now
            yield self._read(claimed, readable_name(entry.name))
            yielded += 1

    def _stale_claims(self, now: float) -> list[Path]:
        """Claims older than the timeout (their worker died), re-claimed by rename so only one worker wins."""
        stale = []
        for entry in sorted(os.scandir(self.claimed), key=lambda e: e.name):
            if not entry.is_file() or "__" not in entry.name:
                continue
            try:
                if now - entry.stat().st_mtime <= self.config.claim_timeout_seconds:
                    continue
                fresh = self.claimed / f"{uuid.uuid4().hex}__{entry.name.split('__', 1)[1]}"
                os.rename(entry.path, fresh)
            except FileNotFoundError:
                continue  # another worker took it first
            os.utime(fresh)
            stale.append(fresh)
        return stale

    def _read(self, path: Path, original_name: str) -> Incoming:
        limit = self.config.max_file_bytes
        try:
            size = path.stat().st_size
            if limit is not None and size > limit:
                data, refused = too_large(self.name, f"file {original_name!r}", size, limit, "max_file_bytes")
                return Incoming(self.name, original_name, data, datetime.now(UTC), original_name, refused, path)
            data = path.read_bytes()
        except OSError as exc:
            raise RetriableError(f"cannot read {path}: {exc}") from exc
        return Incoming(
            channel=self.name,
            remote_key=original_name,
            data=data,
            received_at=datetime.now(UTC),
            filename=original_name,
            handle=path,
        )

    def ack(self, doc: Incoming, outcome: Outcome) -> None:
        path = doc.handle
        if not isinstance(path, Path) or not path.exists():
            return  # already filed (a resumed claim)
        target_dir = self.error if outcome is Outcome.FAILED else self.archive
        name = local_name(doc.remote_key)  # never a path: one component inside the archive or error folder
        try:
            # atomic and never overwrites: an earlier file of the same name stays; never follows a link
            os.link(path, target_dir / name, follow_symlinks=False)
        except FileExistsError:
            if os.path.samefile(path, target_dir / name):  # linked before a crash, not yet removed
                os.unlink(path)
                return
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            os.link(path, target_dir / f"{name}.{stamp}.{uuid.uuid4().hex[:8]}", follow_symlinks=False)
        os.unlink(path)

    # -- outbound -------------------------------------------------------------------------------------
    def send(self, doc: Outgoing) -> Receipt:
        outbox = self.config.outbox
        if outbox is None:
            raise PermanentError(f"channel {self.name} has no outbox folder configured")
        final = outbox / doc.filename
        if _same_file(final, doc.data):
            return Receipt(remote_key=doc.filename, sent_at=datetime.now(UTC))  # sent before a crash: nothing to do
        tmp = outbox / f".{doc.filename}.{uuid.uuid4().hex}.tmp"
        try:
            with open(tmp, "wb") as handle:
                handle.write(doc.data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, final)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise RetriableError(f"cannot write {doc.filename} to {outbox}: {exc}") from exc
        return Receipt(remote_key=doc.filename, sent_at=datetime.now(UTC))

    def check(self) -> str:
        """The folders exist and this process may write to them."""
        found = []
        for label, folder in (("inbox", self.config.inbox), ("outbox", self.config.outbox)):
            if folder is None:
                continue
            if not folder.is_dir():
                raise PermanentError(f"{label} {folder} does not exist or is not a folder")
            if not os.access(folder, os.W_OK):
                raise PermanentError(f"{label} {folder} is not writable by this process")
            found.append(f"{label} {folder}")
        return "folders ready: " + ", ".join(found)


def _same_file(path: Path, data: bytes) -> bool:
    """Whether ``path`` holds exactly ``data`` (an earlier send of the same document)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
