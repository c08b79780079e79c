"""PDF purchase orders (pdfplumber): see :mod:`parsers.capture` for what the parser hands the core.

One PDF is one order: its header values found by their labels, its line items by the table's header row (on
every page it repeats on), its total checked against the lines. A PDF without a text layer (a scan) is an
order held ``NO_TEXT_LAYER``; one that cannot be opened (corrupt, encrypted) or is too big to be an order
(more than :data:`MAX_PAGES` pages) is rejected with the reason.
"""

from __future__ import annotations

import io
import time
from typing import Any

import pdfplumber

from parsers.base import ParseResult
from parsers.capture import NO_TEXT_LAYER, captured_set
from parsers.errors import DocumentRejected
from parsers.pdf.extract import Reading, extract
from parsers.pdf.layout import Line, group_lines, page_words
from parsers.pdf.templates import choose_template, load_templates
from schemas.order import HoldReason, Order, Source, SourceKind

MAX_PAGES = 50  # a purchase order is a few pages; a 500-page file is a catalogue or an attack
MAX_BYTES = 25 << 20
MAX_CHARS_PER_PAGE = 60_000  # a dense page of text has ~6,000
MAX_SECONDS = 30.0  # reading stops (and the PDF is rejected) once this much time has gone on its pages


class PdfParser:
    """Reads a PDF purchase order into one canonical order (``SourceKind.PDF``)."""

    kind = SourceKind.PDF

    def accepts(self, data: bytes, filename: str | None = None) -> bool:
        return data[:1024].lstrip().startswith(b"%PDF")

    def parse(self, data: bytes, source: Source) -> ParseResult:
        reading = self.read(data, source)
        return ParseResult(kind=SourceKind.PDF, sets=[captured_set(reading.order, "PDF", 1, "page 1")])

    def read(self, data: bytes, source: Source) -> Reading:
        """The extraction with what it found along the way; raises DocumentRejected for unreadable PDFs."""
        pages = read_lines(data)
        if not any(pages):
            order = Order(order_id="pending", source=source, po_number="")
            order.hold_reasons.append(
                HoldReason(
                    code=NO_TEXT_LAYER,
                    message="the PDF has no text layer (a scan or a picture): nothing can be read without OCR",
                    field=None,
                )
            )
            return Reading(order, None, "us")
        first_page = "\n".join(line.text for line in pages[0])
        template = choose_template(load_templates(), _address(source.sender), first_page)
        return extract(pages, source, template)


def read_lines(data: bytes) -> list[list[Line]]:
    """Every page's text lines; raises DocumentRejected when the PDF cannot be opened or is too big."""
    if len(data) > MAX_BYTES:
        raise DocumentRejected(f"the PDF is {len(data) >> 20} MB; a purchase order is under {MAX_BYTES >> 20} MB")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise DocumentRejected(_why(exc)) from exc
    with pdf:
        try:
            count = _page_count(pdf)
            if count > MAX_PAGES:
                raise DocumentRejected(
                    f"the PDF has {count} pages; more than {MAX_PAGES} is not a purchase order (not read)"
                )
            pages = []
            started = time.monotonic()
            for number, page in enumerate(pdf.pages, start=1):
                if time.monotonic() - started > MAX_SECONDS:
                    raise DocumentRejected(f"reading stopped at page {number}: over {MAX_SECONDS:.0f} s, not an order")
                if number > MAX_PAGES:  # the page tree's /Count understated the pages
                    raise DocumentRejected(f"the PDF has more than {MAX_PAGES} pages; not a purchase order (not read)")
                if len(page.chars) > MAX_CHARS_PER_PAGE:
                    raise DocumentRejected(f"page {number} holds {len(page.chars)} characters; not a purchase order")
                pages.append(group_lines(page_words(page, number), number))
                page.close()
        except DocumentRejected:
            raise
        except Exception as exc:
            raise DocumentRejected(_why(exc)) from exc
    if not pages:
        raise DocumentRejected("the PDF has no pages")
    return pages


def _page_count(pdf: Any) -> int:
    """The page count from the page tree's /Count, without building every page."""
    try:
        from pdfminer.pdftypes import resolve1

        count = resolve1(pdf.doc.catalog["Pages"]).get("Count")
        if isinstance(count, int):
            return count
    except Exception:  # a broken page tree: count the pages pdfplumber can find
        pass
    return len(pdf.pages)


def _why(exc: BaseException) -> str:
    causes = [exc, *[a for a in exc.args if isinstance(a, BaseException)]]
    if exc.__context__ is not None:
        causes.append(exc.__context__)
    text = "; ".join(dict.fromkeys(str(c) or type(c).__name__ for c in causes))
    lowered = text.casefold()
    if "password" in lowered or "encrypt" in lowered:
        return "the PDF is encrypted (password protected); ask the sender for an unprotected copy"
    return f"the PDF cannot be read ({text[:200]})"


def _address(sender: str | None) -> str | None:
    if not sender:
        return None
    found = sender.strip().rsplit("<", 1)[-1].rstrip(">").strip().lower()
    return found if "@" in found else None


__all__ = ["PdfParser", "MAX_PAGES"]
