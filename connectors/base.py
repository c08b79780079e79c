"""The connector contract shared by every transport (folder, SFTP, IMAP, SMTP, AS2)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol


class RetriableError(Exception):
    """The transport failed for now (network, lock, server busy): try again later."""


class PermanentError(Exception):
    """Retrying will not help (refused, not found, permission): dead-letter the document."""


class Outcome(StrEnum):
    """What the core decided about an incoming document; ``ack`` files it accordingly."""

    PROCESSED = "processed"
    FAILED = "failed"
    DUPLICATE = "duplicate"


@dataclass
class Incoming:
    """Bytes as they arrived, with where they came from. ``remote_key`` names them at the source."""

    channel: str
    remote_key: str
    data: bytes
    received_at: datetime
    filename: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    handle: object | None = None  # the connector's own claim token (e.g. the claimed path)
    path: Path | None = None  # a local file holding the bytes, read in chunks instead of ``data`` when set

    @property
    def sha256(self) -> str:
        if self.path is not None and not self.data:
            digest = hashlib.sha256()
            with open(self.path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            return digest.hexdigest()
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        if self.path is not None and not self.data:
            return self.path.stat().st_size
        return len(self.data)


LIMIT_FILE_SIZE = "LIMIT_FILE_SIZE"  # the core's code for a document over limits.max_document_bytes


def too_large(channel: str, where: str, size: int, limit: int, option: str) -> tuple[bytes, dict[str, str]]:
    """What a connector hands the core for a document it leaves unread because of its size: a short record
    (the raw store keeps it, so the document says what was there) and the metadata that fails it."""
    reason = (
        f"{where} is {size:,} bytes; the limit is {limit:,} bytes (limits.max_document_bytes, or the channel's "
        f"{option}): not downloaded; the original stays at the source, filed as failed"
    )
    record = f"orderhub channel {channel} left a document unread\n{reason}\n"
    return record.encode("utf-8", "replace"), {"refused": reason, "refused_code": LIMIT_FILE_SIZE}


@dataclass
class Outgoing:
    """A rendered document to deliver; ``filename`` is stable so a resend overwrites, never duplicates."""

    filename: str
    data: bytes
    partner_id: str
    doc_type: str


@dataclass
class Receipt:
    remote_key: str
    sent_at: datetime


class Connector(Protocol):
    """One transport. ``ack`` is called only after the database commit that recorded the outcome."""

    name: str

    def poll(self) -> Iterator[Incoming]: ...

    def ack(self, doc: Incoming, outcome: Outcome) -> None: ...

    def send(self, doc: Outgoing) -> Receipt: ...

    def check(self) -> str:
        """Connect (log in, list the folders) without taking anything; return what works, or raise."""
        ...
