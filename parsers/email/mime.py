"""A mail as it arrived from IMAP: find the X12 interchanges attached to it and read them."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from email.message import EmailMessage

from parsers.base import ParseResult
from parsers.errors import DocumentRejected
from parsers.x12.parser import GuideLookup, X12Parser, base_guide
from schemas.order import Source, SourceKind

_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:", re.ASCII)
_X12_NAMES = (".x12", ".edi", ".850", ".txt", ".dat")


def _looks_like_mail(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    lines = head.splitlines()[:40]
    names = {line.split(b":", 1)[0].lower() for line in lines if _HEADER.match(line)}
    return bool(lines) and bool(_HEADER.match(lines[0])) and bool(names & {b"from", b"message-id", b"mime-version"})


def _is_x12(payload: bytes) -> bool:
    return payload[:64].lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"ISA")


class EmailParser:
    kind = SourceKind.EMAIL

    def __init__(self, guides: GuideLookup = base_guide) -> None:
        self.x12 = X12Parser(guides)

    def accepts(self, data: bytes, filename: str | None = None) -> bool:
        return _looks_like_mail(data)

    def parse(self, data: bytes, source: Source) -> ParseResult:
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        result = ParseResult(kind=SourceKind.X12)
        found = 0
        seen: set[bytes] = set()  # the same interchange inline and attached is read once
        for part in message.walk():
            if part.is_multipart():
                continue
            filename = part.get_filename() or ""
            try:
                payload = part.get_payload(decode=True) or b""
            except Exception:  # a part whose transfer encoding is broken: noted, the others are still read
                result.warnings.append(f"attachment {filename or part.get_content_type()!r} could not be decoded")
                continue
            if not isinstance(payload, bytes):
                continue
            named_x12 = filename.lower().endswith(_X12_NAMES) and b"ISA" in payload[:512]
            if not (_is_x12(payload) or named_x12):
                continue
            digest = hashlib.sha256(payload.strip()).digest()
            if digest in seen:
                continue
            seen.add(digest)
            try:
                attached = self.x12.parse(
                    payload, source.model_copy(update={"kind": SourceKind.X12}), len(result.all_sets())
                )
            except DocumentRejected as exc:
                if not _is_x12(payload):  # a note that merely mentions "ISA": not an interchange at all
                    result.warnings.append(f"attachment {filename!r} is not X12: {exc.reason}")
                    continue
                raise DocumentRejected(f"attachment {filename or found + 1!r}: {exc.reason}") from None
            found += 1
            result.interchanges.extend(attached.interchanges)
            result.warnings.extend(attached.warnings)
        if not found:
            subject = message.get("Subject", "")
            raise DocumentRejected(
                f"the mail {subject!r} carries no X12 attachment; orders written in the mail, or sent as PDF or "
                "spreadsheet, are not read yet"
            )
        return result
