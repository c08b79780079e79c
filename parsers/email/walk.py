"""The MIME walk: a mail's own text, the messages forwarded inside it, and its attachments, within bounds.

Plain text is preferred over HTML in a ``multipart/alternative`` (when it has any text); an HTML-only
body is turned into lines. A ``message/rfc822`` part is a forwarded message: its text and attachments are
collected as such. At most :data:`MAX_ATTACHMENTS` attachments are kept (the others are listed in
``skipped``), none larger than :data:`MAX_ATTACHMENT_BYTES`, and the tree is walked at most
:data:`MAX_DEPTH` levels deep and :data:`MAX_PARTS` parts wide, so a hostile mail costs bounded time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message

from parsers.email.textparts import decode_text, html_to_text, normalise, part_bytes

MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_BYTES = 10_000_000
MAX_PARTS = 500
MAX_DEPTH = 12


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    forwarded: bool = False  # inside a forwarded (message/rfc822) message


@dataclass
class ForwardedMessage:
    subject: str
    text: str


@dataclass
class Walked:
    text: str = ""  # the mail's own body (plain, or HTML as lines)
    forwarded: list[ForwardedMessage] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # attachments not read, each with why
    warnings: list[str] = field(default_factory=list)
    capped: bool = False  # attachments beyond MAX_ATTACHMENTS (or parts beyond MAX_PARTS) were left unread
    parts: int = 0
    max_attachments: int = MAX_ATTACHMENTS  # kept at most; the reader decides whether more fails the mail
    attachment_count: int = 0  # every attachment met, kept or not


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
    return disposition == "attachment" or bool(_filename(part))


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # an RFC 2231 / 2047 name that cannot be decoded
        return "(undecodable name)"
    return " ".join(str(name).split())[:200]


def _text_of(part: Message, walked: Walked) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text, warning = decode_text(part_bytes(part), charset)
    if warning:
        walked.warnings.append(f"{part.get_content_type()} body: {warning}")
    if part.get_content_type() == "text/html":
        return html_to_text(text)
    return normalise(text)


def _body(part: Message, walked: Walked, depth: int) -> str:
    """The readable text of a body part (a leaf, an alternative, or a mixed/related container)."""
    if depth > MAX_DEPTH:
        walked.warnings.append("the mail nests its parts too deeply; the deepest were not read")
        walked.capped = True
        return ""
    if not part.is_multipart():
        return _text_of(part, walked) if part.get_content_type() in ("text/plain", "text/html") else ""
    children = [c for c in part.get_payload() if isinstance(c, Message)][:MAX_PARTS]
    if part.get_content_type() == "multipart/alternative":
        texts = {c.get_content_type(): c for c in children if not _is_attachment(c)}
        for kind in ("text/plain", "multipart/related", "multipart/mixed", "text/html"):
            if kind in texts:
                text = _body(texts[kind], walked, depth + 1)
                if text.strip():
                    return text
        return ""
    return "\n\n".join(t for c in children if not _is_attachment(c) and (t := _body(c, walked, depth + 1)).strip())


def walk(message: Message, walked: Walked | None = None, depth: int = 0, forwarded: bool = False) -> Walked:
    """Collect the text, forwarded messages and attachments of ``message``."""
    walked = walked or Walked()
    own_text: list[str] = []
    stack: list[tuple[Message, int]] = [(message, depth)]
    while stack:
        part, level = stack.pop(0)
        walked.parts += 1
        if walked.parts > MAX_PARTS or level > MAX_DEPTH:
            if not walked.capped:
                walked.warnings.append(
                    f"the mail has more than {MAX_PARTS} parts or {MAX_DEPTH} levels; the rest was not read"
                )
            walked.capped = True
            break
        kind = part.get_content_type()
        if kind == "message/rfc822" and part.is_multipart():
            inner = next((p for p in part.get_payload() if isinstance(p, Message)), None)
            if inner is not None:
                sub = Walked(parts=walked.parts, max_attachments=walked.max_attachments)
                sub.attachment_count = walked.attachment_count
                sub = walk(inner, sub, level + 1, forwarded=True)
                walked.parts, walked.attachment_count = sub.parts, sub.attachment_count
                subject = header(inner, "Subject")
                if sub.text.strip():
                    walked.forwarded.append(ForwardedMessage(subject, sub.text))
                walked.forwarded += sub.forwarded
                walked.attachments += sub.attachments
                walked.skipped += sub.skipped
                walked.warnings += sub.warnings
                walked.capped = walked.capped or sub.capped
            continue
        if part.is_multipart():
            if kind == "multipart/alternative" and not _is_attachment(part):
                own_text.append(_body(part, walked, level))
                continue
            children = [c for c in part.get_payload() if isinstance(c, Message)]
            stack = [(c, level + 1) for c in children] + stack
            continue
        if not _is_attachment(part) and kind in ("text/plain", "text/html"):
            own_text.append(_text_of(part, walked))
            continue
        if not _is_attachment(part):
            continue  # an inline image of a signature, a calendar invite: not an order
        _attachment(part, walked, forwarded)
    walked.text = "\n\n".join(t for t in own_text if t.strip())
    return walked


def _attachment(part: Message, walked: Walked, forwarded: bool) -> None:
    name = _filename(part) or f"unnamed {part.get_content_type()} part"
    walked.attachment_count += 1
    if walked.attachment_count > walked.max_attachments:
        walked.skipped.append(f"{name} (more than {walked.max_attachments} attachments: not read)")
        walked.capped = True
        return
    data = part_bytes(part)
    if len(data) > MAX_ATTACHMENT_BYTES:
        walked.skipped.append(
            f"{name} ({len(data) / 1e6:.1f} MB, over the {MAX_ATTACHMENT_BYTES // 1_000_000} MB limit)"
        )
        walked.capped = True
        return
    walked.attachments.append(Attachment(name, part.get_content_type(), data, forwarded))


def header(message: Message, name: str) -> str:
    """A header as text; a malformed encoded word reads as absent rather than raising."""
    try:
        value = message.get(name)
    except Exception:  # a malformed encoded word: the raw header is still better than nothing
        return ""
    return " ".join(str(value or "").split())
