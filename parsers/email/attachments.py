"""One attachment of a mail, handed to the parser of its format: X12, PDF or spreadsheet.

What is not read (an image: there is no OCR; a Word file; an attachment a parser refuses) is reported with
the reason, never silently dropped. A broken X12 interchange refuses the whole mail, as an X12 file would
be refused: its sender expects an acknowledgement of what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from parsers.base import ParseResult
from parsers.email.walk import Attachment
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LimitExceeded, ReadLimits
from parsers.x12.parser import X12Parser
from schemas.order import Order, Source, SourceKind

_X12_NAMES = (".x12", ".edi", ".850", ".txt", ".dat")
_SHEET_NAMES = (".csv", ".xlsx", ".xlsm")
_SHEET_TYPES = ("text/csv", "application/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass
class AttachmentRead:
    orders: list[Order] = field(default_factory=list)
    parsed: ParseResult | None = None  # X12: its interchanges
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None  # why nothing was read from it


def _is_x12(payload: bytes) -> bool:
    return payload[:64].lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"ISA")


def _is_pdf(attachment: Attachment) -> bool:
    return (
        attachment.data[:1024].lstrip().startswith(b"%PDF")
        or attachment.content_type == "application/pdf"
        or attachment.name.lower().endswith(".pdf")
    )


def _is_sheet(attachment: Attachment) -> bool:
    name = attachment.name.lower()
    zipped_sheet = attachment.data[:4] == b"PK\x03\x04" and b"xl/" in attachment.data[:4096]
    return name.endswith(_SHEET_NAMES) or attachment.content_type in _SHEET_TYPES or zipped_sheet


def read_attachment(
    attachment: Attachment,
    x12: X12Parser,
    source: Source,
    mail_source: Source,
    sets_before: int,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> AttachmentRead:
    """The orders (or interchanges) in one attachment. ``source``: the document's, for X12 (its sender is the
    interchange's); ``mail_source``: the mail's, whose sender (the From address) PDF and sheet parsers may use
    to pick a customer's wording. ``sets_before`` numbers X12 sets after earlier ones."""
    name, data = attachment.name, attachment.data
    read = AttachmentRead()
    named_x12 = name.lower().endswith(_X12_NAMES) and b"ISA" in data[:512]
    if _is_x12(data) or named_x12:
        try:
            read.parsed = x12.parse(data, source.model_copy(update={"kind": SourceKind.X12}), sets_before)
        except LimitExceeded as exc:  # a limit fails the mail, with the limit's own code
            raise LimitExceeded(exc.code, f"attachment {name!r}: {exc.reason}") from None
        except DocumentRejected as exc:
            if _is_x12(data):
                raise DocumentRejected(f"attachment {name!r}: {exc.reason}") from None
            read.warnings.append(f"attachment {name!r} is not X12: {exc.reason}")
            return read
        read.warnings += read.parsed.warnings
        return read
    if _is_pdf(attachment):
        return _captured(read, name, lambda: _pdf_orders(data, mail_source, limits))
    if _is_sheet(attachment):
        return _captured(read, name, lambda: _sheet_orders(data, name, mail_source, limits))
    kind = attachment.content_type
    why = "an image: orderhub has no OCR" if kind.startswith("image/") else f"{kind} is not an order format read"
    read.skipped = f"{name} ({why})"
    return read


def _captured(read: AttachmentRead, name: str, parse: Callable[[], tuple[list[Order], list[str]]]) -> AttachmentRead:
    try:
        orders, warnings = parse()
    except LimitExceeded as exc:  # a limit fails the mail, with the limit's own code
        raise LimitExceeded(exc.code, f"attachment {name!r}: {exc.reason}") from None
    except DocumentRejected as exc:
        read.skipped = f"{name} ({exc.reason})"
        return read
    read.orders = orders
    read.warnings += [f"attachment {name}: {w}" for w in warnings]
    if not orders:
        read.skipped = f"{name} (no order found in it)"
    return read


def _pdf_orders(data: bytes, source: Source, limits: ReadLimits) -> tuple[list[Order], list[str]]:
    from parsers.pdf import PdfParser

    result = PdfParser(limits=limits).parse(data, source.model_copy(update={"kind": SourceKind.PDF}))
    return result.orders, list(result.warnings)


def _sheet_orders(data: bytes, name: str, source: Source, limits: ReadLimits) -> tuple[list[Order], list[str]]:
    import parsers.sheet as sheet

    parse_sheet = getattr(sheet, "parse_sheet", None)
    if parse_sheet is None:
        raise DocumentRejected("spreadsheet orders are not read yet")
    orders = list(parse_sheet(data, name, source.model_copy(update={"kind": SourceKind.SHEET}), limits))
    return orders, []
