"""The source of an order as a reviewer sees it beside the extracted fields.

:func:`source_view` reads the inbound document's bytes from the raw store and says how to show them: a PDF as
page images (:func:`render_pdf_page`, a PNG rendered by pdfplumber), a mail as its headers and text (and the
pages of the PDF attachment, or the rows of the spreadsheet, the order came from), X12 as numbered segments (the
order's own set, with the segments a hold reason concerns marked), a spreadsheet (CSV or XLSX) as rows.

Where a value was found: the capture parsers record no positions for single fields (only "page 1" / "attachment
NAME" for the whole order), so the page image locates a field by searching the page for the value that was read
(the PO number, the ship-to name, a line's printed item code) and highlights that region; a value the page does
not show as read (a reformatted date or amount) is simply not highlighted.
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

from schemas.order import Order

MAX_SOURCE_BYTES = 25 * 1024 * 1024  # larger sources (a 100 MB interchange) are not read whole for a page
MAX_TEXT = 200_000  # characters of a mail or CSV shown; the rest is summarised
MAX_SEGMENTS = 2_000
MAX_ROWS = 300
RESOLUTION = 110  # dpi of the page images: readable, about 100 kB a page
MAX_PAGES_SHOWN = 20  # a hostile 2,000-page PDF must not make the order page ask for 2,000 renderings
MAX_PIXELS = 4_000_000  # a 200-inch page at 110 dpi would take gigabytes: its resolution is lowered to fit


@dataclass
class Segment:
    number: int
    text: str
    marked: list[str] = field(default_factory=list)  # the fields with a hold reason that this segment carries


@dataclass
class SourceView:
    """What the order page shows of the source. ``kind``: pdf, email, x12, sheet or unknown."""

    kind: str
    pages: int = 0  # PDF pages (of the document, or of the attachment the order came from)
    attachment: str | None = None  # the mail attachment whose pages (or rows) are shown
    headers: list[tuple[str, str]] = field(default_factory=list)
    text: str | None = None
    segments: list[Segment] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note: str | None = None


def _mail(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def attachment(data: bytes, position: str | None) -> tuple[bytes, str] | None:
    """The mail attachment a captured order came from (the set's ``position`` is "attachment NAME"), or None."""
    name = position[len("attachment ") :] if position and position.startswith("attachment ") else None
    if name is None or not re.match(rb"^[\x21-\x39\x3b-\x7e]+:", data[:200].lstrip()):
        return None
    for part in _mail(data).iter_attachments():
        if part.get_filename() == name:
            payload = part.get_payload(decode=True)
            return (payload, name) if isinstance(payload, bytes) else None
    return None


def pdf_bytes(data: bytes, position: str | None) -> tuple[bytes | None, str | None]:
    """The PDF to render for an order: the document itself, or the mail attachment named by the set's
    ``position`` ("attachment NAME"); (None, None) when there is none."""
    if data[:1024].lstrip().startswith(b"%PDF"):
        return data, None
    found = attachment(data, position)
    if found is not None and found[0][:1024].lstrip().startswith(b"%PDF"):
        return found
    return None, None


def _pdf_pages(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return min(len(pdf.pages), MAX_PAGES_SHOWN)


def source_view(data: bytes, order: Order, position: str | None) -> SourceView:
    """How to show ``data`` (the raw bytes of the order's inbound document)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    pdf, name = pdf_bytes(data, position)
    if pdf is not None and name is None:
        return SourceView("pdf", pages=_pdf_pages(pdf))
    if head.startswith(b"ISA"):
        return SourceView("x12", segments=x12_segments(data, order))
    if order.source.kind.value in ("email",) or re.match(rb"^[A-Za-z-]+: ", head):
        view = _mail_view(data)
        if pdf is not None:
            view.pages, view.attachment = _pdf_pages(pdf), name
        elif (sheet := attachment(data, position)) is not None:
            view.attachment = sheet[1]
            view.rows = _sheet_rows(sheet[0])
        return view
    if order.source.kind.value == "sheet" or head.startswith(b"PK"):
        return SourceView("sheet", rows=_sheet_rows(data))
    return SourceView("unknown", text=data[: MAX_TEXT * 4].decode("utf-8", errors="replace")[:MAX_TEXT])


def _sheet_rows(data: bytes) -> list[list[str]]:
    """A spreadsheet's first rows: an XLSX (a zip) through openpyxl, anything else as CSV text."""
    if data.startswith(b"PK"):
        return _xlsx_rows(data)
    text = data[: MAX_TEXT * 4].decode("utf-8-sig", errors="replace")[:MAX_TEXT]
    return list(csv.reader(io.StringIO(text)))[:MAX_ROWS]


def _mail_view(data: bytes) -> SourceView:
    message = _mail(data)
    headers = [(k, str(message.get(k, ""))) for k in ("From", "To", "Date", "Subject") if message.get(k)]
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        try:
            text = str(body.get_content())
        except (LookupError, ValueError):  # an unknown or broken charset: show what the bytes say
            payload = body.get_payload(decode=True)
            text = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    names = [part.get_filename() or "(unnamed)" for part in message.iter_attachments()]
    view = SourceView("email", headers=headers, text=text[:MAX_TEXT])
    if names:
        view.note = "attachments: " + ", ".join(names)
    return view


def _xlsx_rows(data: bytes) -> list[list[str]]:
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = []
        for row in book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS):
            rows.append(["" if v is None else str(v) for v in row][:40])
        book.close()
        return rows
    except Exception:  # a sheet the parser read may still defeat this simple view: say so, never fail the page
        return [["(the spreadsheet cannot be shown here)"]]


def x12_segments(data: bytes, order: Order) -> list[Segment]:
    """The interchange's segments, narrowed to the order's own set (ST02 = the order's set control number)
    plus the envelope; PO1 / N1*ST / BEG segments marked with the fields whose hold reasons they concern."""
    text = data.decode("latin-1").lstrip("\ufeff \t\r\n")
    terminator = text[105] if len(text) > 105 else "~"
    element = text[3] if len(text) > 3 else "*"
    raw = [s.strip("\r\n") for s in text.split(terminator) if s.strip()]
    wanted = order.source.set_control_number
    out: list[Segment] = []
    inside, line_index = False, -1
    fields = {r.field or "" for r in order.hold_reasons}
    for number, segment in enumerate(raw, 1):
        tag = segment.split(element, 1)[0]
        elements = segment.split(element)
        if tag == "ST":
            inside = wanted is None or (len(elements) > 2 and elements[2] == wanted)
            line_index = -1
        if inside or tag in ("ISA", "GS", "GE", "IEA"):
            marked: list[str] = []
            if inside and tag == "PO1":
                line_index += 1
                marked = sorted(f for f in fields if f.startswith(f"lines[{line_index}]"))
            elif inside and tag == "N1" and len(elements) > 1 and elements[1] == "ST":
                marked = [f for f in fields if f == "ship_to"]
            elif inside and tag == "BEG":
                marked = [f for f in fields if f in ("po_number", "purpose")]
            out.append(Segment(number, segment, marked))
        if tag == "SE":
            inside = False
        if len(out) >= MAX_SEGMENTS:
            break
    return out


def field_needles(order: Order, name: str) -> tuple[list[str], bool]:
    """(texts to look for on the page for field ``name``, whether to highlight the whole row)."""
    if name.startswith("lines["):
        found = re.match(r"lines\[(\d{1,6})\]", name)  # from the query string: anything else shows nothing
        index = int(found.group(1)) if found else len(order.lines)
        if index >= len(order.lines):
            return [], False
        line = order.lines[index]
        codes = [c for c in (line.buyer_part_number, line.vendor_part_number, line.gtin, line.upc) if c]
        return list(dict.fromkeys(codes)) or ([line.description] if line.description else []), True
    if name == "ship_to" and order.ship_to is not None:
        return [v for v in (order.ship_to.name, order.ship_to.postal_code) if v], False
    if name == "customer_id" and order.buyer is not None and order.buyer.name:
        return [order.buyer.name], False
    if name == "po_number" and order.po_number:
        return [order.po_number], False
    if name == "stated_total" and order.stated_total is not None:
        return [f"{order.stated_total:,.2f}", f"{order.stated_total:.2f}"], False
    if name == "currency" and order.currency:
        return [order.currency], False
    return [], False


def render_pdf_page(data: bytes, page_number: int, order: Order, fields: list[str], selected: str | None) -> bytes:
    """Page ``page_number`` (from 1) as a PNG, the regions of ``fields`` (hold reasons: red) and ``selected``
    (yellow) outlined where the page shows their value. Raises IndexError for a page the PDF lacks."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if not 1 <= page_number <= min(len(pdf.pages), MAX_PAGES_SHOWN):
            raise IndexError(f"the PDF has {len(pdf.pages)} page(s); the first {MAX_PAGES_SHOWN} are shown")
        page = pdf.pages[page_number - 1]
        inches = max(float(page.width), 1.0) * max(float(page.height), 1.0) / (72 * 72)
        resolution = min(RESOLUTION, int((MAX_PIXELS / inches) ** 0.5))
        image = page.to_image(resolution=max(resolution, 1))
        for name in [*fields, *([selected] if selected else [])]:
            needles, whole_row = field_needles(order, name)
            rects = []
            for needle in needles:
                for hit in page.search(needle, regex=False, case=False, return_chars=False)[:3]:
                    x0, x1 = (12.0, float(page.width) - 12.0) if whole_row else (hit["x0"] - 2, hit["x1"] + 2)
                    rects.append((x0, hit["top"] - 2, x1, hit["bottom"] + 2))
                if rects:
                    break  # the first value found is the field's region
            if name == selected:
                image.draw_rects(rects, fill=(255, 215, 0, 110), stroke=(200, 120, 0), stroke_width=3)
            else:
                image.draw_rects(rects, fill=(255, 80, 80, 60), stroke=(210, 0, 0), stroke_width=2)
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
