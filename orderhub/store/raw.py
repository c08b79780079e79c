"""The content-addressed raw store: every byte a partner sent, kept by its sha256 before parsing.

A folder under the data dir by default (one host). Files are written to a temporary name, fsynced
and renamed, so a crash never leaves half a document under its final name.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class RawStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.exists():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{sha}.{uuid.uuid4().hex}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        return sha

    def put_file(self, source: Path) -> str:
        """Copy a file in, streaming (a 100 MB file never sits in memory); its sha256."""
        digest = hashlib.sha256()
        tmp = self.root / f".incoming.{uuid.uuid4().hex}.tmp"
        try:
            with open(source, "rb") as src, open(tmp, "wb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            sha = digest.hexdigest()
            target = self.path(sha)
            if target.exists():
                return sha
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            return sha
        finally:
            tmp.unlink(missing_ok=True)

    def open(self, sha256: str) -> BinaryIO:
        """The stored bytes as a file, after checking them against their name in one streaming pass."""
        handle = open(self.path(sha256), "rb")  # noqa: SIM115 - the caller closes it
        digest = hashlib.sha256()
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != sha256:
            handle.close()
            raise ValueError(f"raw store object {sha256} is corrupt")
        handle.seek(0)
        return handle

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    def get(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError(f"raw store object {sha256} is corrupt")
        return data
