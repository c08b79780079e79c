"""A mail as it arrived (IMAP, a folder of .eml files): every order it carries.

- X12 attachments go to the X12 parser (``result.interchanges``), as before;
- PDF attachments to :class:`parsers.pdf.PdfParser`, CSV/XLSX attachments to :func:`parsers.sheet.parse_sheet`;
  their orders are completed with what the mail says (a PO number only in the subject, the ship-to written in
  the text) and travel as ``captured_set(order, "EMAIL", i, "attachment NAME")``;
- an order written in the text — the sender's own, else a forwarded message's — is read by the rule
  pipeline (:mod:`parsers.email.rules`) into ``captured_set(order, "EMAIL", i, "mail body")``.

Every captured order has ``source.kind`` email and ``source.sender`` the From address: the core maps it to a
customer (an unknown sender is held, never dropped). A mail with nothing readable raises
:class:`DocumentRejected` naming what was found and why none of it is an order. Limits: mails over
:data:`MAX_MAIL_BYTES`, more than :data:`parsers.email.walk.MAX_ATTACHMENTS` attachments, parts nested too
deep — each is refused or left unread with the reason recorded, in bounded time.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from parsers.base import ParseResult, SetResult
from parsers.capture import LOW_CONFIDENCE, captured_set
from parsers.email.attachments import read_attachment
from parsers.email.body import MailReading, read_mail
from parsers.email.orders import MailFacts, body_order, complete_attachment_order
from parsers.email.quoting import Forwarded, split_mail_text
from parsers.email.vocab import FORWARD_PREFIX, REPLY_PREFIX
from parsers.email.walk import Walked, header, walk
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LIMIT_ATTACHMENTS, Deadline, ReadLimits, over
from parsers.x12.parser import GuideLookup, X12Parser, base_guide
from schemas.order import HoldReason, Order, Source, SourceKind

MAX_MAIL_BYTES = 20_000_000  # mail servers cap messages near 25 MB including base64; larger is not a mail order
MAX_FORWARDED = 10  # forwarded messages read for an order; a longer chain is history
ATTACHMENTS_NOT_READ = "ATTACHMENTS_NOT_READ"  # the mail was too big to read whole: what was read may be partial

_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:", re.ASCII)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def as_mime_bytes(data: bytes) -> bytes:
    """The mail as bytes the MIME parser reads: a mail saved as UTF-16 (with or without a byte-order mark)
    is re-encoded as UTF-8."""
    head = data[:200]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 40 and head[1::2].count(0) > len(head) // 2 - 4):
        encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-le"
        return data.decode(encoding, "replace").encode("utf-8")
    if len(head) > 40 and head[0::2].count(0) > len(head) // 2 - 4:
        return data.decode("utf-16-be", "replace").encode("utf-8")
    return data


def _looks_like_mail(data: bytes) -> bool:
    head = as_mime_bytes(data[:8192])[:4096].lstrip(b"\xef\xbb\xbf")
    lines = head.splitlines()[:40]
    names = {line.split(b":", 1)[0].lower() for line in lines if _HEADER.match(line)}
    if lines and lines[0].startswith(b"From ") and len(lines) > 1:  # an mbox "From " separator line first
        lines = lines[1:]
    return bool(lines) and bool(_HEADER.match(lines[0])) and bool(names & {b"from", b"message-id", b"mime-version"})


def _facts(message: Message, source: Source) -> MailFacts:
    # the From value as sent: the stdlib's parsed header turns "jo@acme.example <m@evil.example>" into
    # jo@acme.example; several From headers are joined so that the core sees every address
    raw_from = ", ".join(" ".join(str(v).split()) for k, v in message.raw_items() if k.lower() == "from")
    raw_from = raw_from.encode("utf-8", "replace").decode("utf-8")  # undecodable bytes arrive as surrogates
    name, _first = parseaddr(raw_from)
    sent = None
    try:
        sent = parsedate_to_datetime(header(message, "Date")).date()
    except (TypeError, ValueError, IndexError):
        sent = source.received_at.date() if source.received_at else None
    # the whole From value, not the first address parseaddr picks out of several: the core's rule
    # (parsers.capture.parse_sender) holds a From naming two addresses instead of attributing it to one
    mail_source = source.model_copy(update={"kind": SourceKind.EMAIL, "sender": raw_from or None})
    return MailFacts(source=mail_source, subject=header(message, "Subject"), sender_name=name or None, sent=sent)


def _seller_words(message: Message) -> frozenset[str]:
    """The recipient's name and domain words: "send it to Northwind" names the seller, not a ship-to."""
    words: set[str] = set()
    for name, address in getaddresses([header(message, "To")]):
        words |= {w for w in re.findall(r"\w+", name.casefold()) if len(w) > 2}
        domain = address.rsplit("@", 1)[-1].casefold()
        words |= {w for w in re.split(r"[.-]", domain) if len(w) > 2}
    return frozenset(words)


class EmailParser:
    kind = SourceKind.EMAIL

    def __init__(self, guides: GuideLookup = base_guide, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.x12 = X12Parser(guides, limits)
        self.limits = limits

    def accepts(self, data: bytes, filename: str | None = None) -> bool:
        if data.startswith(_OLE2) and (filename or "").lower().endswith(".msg"):
            return True  # an Outlook .msg: refused with a reason rather than "unsupported format"
        return _looks_like_mail(data)

    def parse(self, data: bytes, source: Source) -> ParseResult:
        if data.startswith(_OLE2):
            raise DocumentRejected(
                "an Outlook .msg file (OLE compound document), not a MIME mail; save or forward it as .eml"
            )
        deadline = self.limits.clock()
        if len(data) > MAX_MAIL_BYTES:
            raise DocumentRejected(
                f"the mail is {len(data) / 1e6:.1f} MB; mails over {MAX_MAIL_BYTES // 1_000_000} MB are not read "
                "(ask the sender for a smaller file or a link)"
            )
        try:
            message = email.message_from_bytes(as_mime_bytes(data), policy=email.policy.default)
            walked = walk(message, Walked(max_attachments=self.limits.max_attachments))
        except RecursionError:
            raise DocumentRejected("the mail's MIME structure is nested too deeply to read") from None
        if walked.attachment_count > self.limits.max_attachments:
            raise over(
                LIMIT_ATTACHMENTS,
                f"the mail has {walked.attachment_count:,} attachments",
                self.limits.max_attachments,
                "max_attachments",
            )
        facts = _facts(message, source)
        result = ParseResult(kind=SourceKind.EMAIL, warnings=list(walked.warnings))
        reading = self._read_text(walked, facts, _seller_words(message))
        deadline.check("after the mail's text")
        attachment_orders = self._read_attachments(walked, facts, source, result, reading, deadline)
        orders = [(order, f"attachment {name}") for name, order in attachment_orders]
        if reading.lines:
            order = body_order(reading, facts)
            if attachment_orders or result.interchanges:
                order.hold_reasons.append(
                    HoldReason(
                        code=LOW_CONFIDENCE,
                        field="lines",
                        message="the mail's text lists order lines and an attachment holds an order too; "
                        "check they are not the same order",
                    )
                )
            orders.insert(0, (order, "mail body"))
        elif reading.orphan_quantities and not attachment_orders and not result.interchanges:
            order = body_order(reading, facts)  # quantities but no item codes: a person completes it
            orders.append((order, "mail body"))
        if walked.capped:
            for order, _ in orders:
                order.hold_reasons.append(
                    HoldReason(
                        code=ATTACHMENTS_NOT_READ,
                        message="not all of the mail was read, so orders may be missing: "
                        + ("; ".join(walked.skipped[:3]) or "; ".join(walked.warnings[:2])),
                    )
                )
        result.sets = [self._captured(order, index, where) for index, (order, where) in enumerate(orders, 1)]
        if walked.skipped:
            result.warnings.append("attachments not read: " + "; ".join(walked.skipped[:10]))
        if not result.sets and not result.interchanges:
            raise DocumentRejected(self._nothing_readable(facts, walked))
        return result

    @staticmethod
    def _captured(order: Order, index: int, where: str) -> SetResult:
        return captured_set(order, "EMAIL", index, where)

    @staticmethod
    def _read_text(walked: Walked, facts: MailFacts, seller_words: frozenset[str]) -> MailReading:
        subject = facts.subject
        text = split_mail_text(walked.text, forward=bool(FORWARD_PREFIX.match(subject)))
        forwarded = list(text.forwarded)
        for message in walked.forwarded:  # a forwarded message's own quotes and signature are cut too
            inner = split_mail_text(message.text, forward=bool(FORWARD_PREFIX.match(message.subject)))
            forwarded += [Forwarded(inner.own, message.subject), *inner.forwarded]
        forwarded = [f for f in forwarded if f.text.strip()][:MAX_FORWARDED]
        if not text.own.strip() and not any(f.text.strip() for f in forwarded) and not subject:
            return MailReading()
        return read_mail(text.own, forwarded, subject, facts.sent, bool(REPLY_PREFIX.match(subject)), seller_words)

    def _read_attachments(
        self,
        walked: Walked,
        facts: MailFacts,
        source: Source,
        result: ParseResult,
        reading: MailReading,
        deadline: Deadline,
    ) -> list[tuple[str, Order]]:
        found: list[tuple[str, Order]] = []
        seen: set[bytes] = set()  # the same attachment twice (inline and attached) is read once
        for attachment in walked.attachments:
            deadline.check(f"before attachment {attachment.name!r}")
            digest = hashlib.sha256(attachment.data.strip()).digest()
            if digest in seen:
                continue
            seen.add(digest)
            read = read_attachment(attachment, self.x12, source, facts.source, len(result.all_sets()), self.limits)
            result.warnings += read.warnings
            if read.skipped:
                walked.skipped.append(read.skipped)
            if read.parsed is not None:
                result.interchanges.extend(read.parsed.interchanges)
            for order in read.orders:
                found.append((attachment.name, complete_attachment_order(order, reading, facts)))
        return found

    @staticmethod
    def _nothing_readable(facts: MailFacts, walked: Walked) -> str:
        what = []
        if not walked.text.strip() and not walked.forwarded:
            what.append("it has no text")
        else:
            what.append("its text names no item code with a quantity")
        if walked.skipped:
            what.append("attachments not read: " + "; ".join(walked.skipped[:5]))
        elif not walked.attachments:
            what.append("it has no attachment")
        return f"the mail {facts.subject!r} from {facts.source.sender or 'an unknown sender'} holds no order: " + (
            "; ".join(what)
        )
