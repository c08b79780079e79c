"""PDF purchase orders (pdfplumber): see :mod:`parsers.capture` for what the parser hands the core.

One PDF is one order: its header values found by their labels, its line items by the table's header row (on
every page it repeats on), its total checked against the lines. A PDF without a text layer (a scan) is an
order held ``NO_TEXT_LAYER``; one that cannot be opened (corrupt, encrypted) or is too big to be an order
(more than :data:`MAX_PAGES` pages) is rejected with the reason. The reading runs in a separate process
with a memory ceiling and a wall-clock limit (:mod:`parsers.pdf.sandbox`): a decompression bomb or a page
of a hundred thousand glyphs is rejected, not allowed to take the host down. Glyphs under
:data:`~parsers.pdf.layout.MIN_GLYPH_SIZE` points are skipped and counted (the order is held when there are
any); a page with no text inside a text PDF holds the order ``NO_TEXT_LAYER`` naming the page.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from parsers.base import ParseResult
from parsers.capture import LOW_CONFIDENCE, NO_TEXT_LAYER, captured_set
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LIMIT_PAGES, LIMIT_TIME, LimitExceeded, ReadLimits, over
from parsers.pdf import sandbox
from parsers.pdf.extract import Reading, extract
from parsers.pdf.layout import MIN_GLYPH_SIZE, Line, group_lines, page_words
from parsers.pdf.sandbox import isolated, memory_message
from parsers.pdf.templates import choose_template, learned_dir, load_learned, load_templates
from schemas.order import HoldReason, Order, Source, SourceKind

MAX_PAGES = DEFAULT_LIMITS.max_pdf_pages  # limits.max_pdf_pages; a 500-page file is a catalogue or an attack
MAX_BYTES = 25 << 20
MAX_CHARS_PER_PAGE = 60_000  # a dense page of text has ~6,000
MAX_SECONDS = 30.0  # reading stops (and the PDF is rejected) once this much time has gone on its pages


@dataclass
class PageNotes:
    """What reading the pages left out: pages without text, glyphs too small to be read as print."""

    textless: list[int] = field(default_factory=list)  # pages with graphics but no text (a scanned page)
    blank: list[int] = field(default_factory=list)  # pages with nothing on them
    tiny: dict[int, int] = field(default_factory=dict)  # page → glyphs under MIN_GLYPH_SIZE, not read


class PdfParser:
    """Reads a PDF purchase order into one canonical order (``SourceKind.PDF``)."""

    kind = SourceKind.PDF

    def __init__(self, template: str | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.template = template  # a template named explicitly (a layout test), else chosen per document
        self.limits = limits

    def accepts(self, data: bytes, filename: str | None = None) -> bool:
        return data[:1024].lstrip().startswith(b"%PDF")

    def parse(self, data: bytes, source: Source) -> ParseResult:
        reading = self.read(data, source)
        return ParseResult(kind=SourceKind.PDF, sets=[captured_set(reading.order, "PDF", 1, "page 1")])

    def read(self, data: bytes, source: Source) -> Reading:
        """The extraction with what it found along the way; raises DocumentRejected for unreadable PDFs.

        Runs in the reading process (:mod:`parsers.pdf.sandbox`): a memory ceiling and a wall-clock limit."""
        if len(data) > MAX_BYTES:
            raise DocumentRejected(f"the PDF is {len(data) >> 20} MB; a purchase order is under {MAX_BYTES >> 20} MB")
        # the child is killed at the limit, even inside one page; a PDF never gets more than the reader's own
        # TIMEOUT, however long other documents may take
        configured = self.limits.max_seconds_per_document
        timeout = min(configured, sandbox.TIMEOUT)
        try:
            reading: Reading = isolated(
                read_here, data, source, self.template, self.limits, learned_dir(), timeout=timeout
            )
        except LimitExceeded as exc:
            if exc.code != LIMIT_TIME or exc.reason != sandbox.timeout_message(timeout):
                raise
            if configured <= sandbox.TIMEOUT:
                raise over(LIMIT_TIME, exc.reason, configured, "max_seconds_per_document", " s") from None
            raise LimitExceeded(
                LIMIT_TIME, f"{exc.reason}; a PDF gets {timeout:g} s at most, whatever limits.max_seconds_per_document"
            ) from None
        return reading


def read_here(
    data: bytes,
    source: Source,
    template_name: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    learned: Path | None = None,
) -> Reading:
    """:meth:`PdfParser.read` in this process, without the memory ceiling (the reading process runs this);
    ``learned``: the directory of learned templates (:mod:`parsers.pdf.learn`), if any."""
    notes = PageNotes()
    pages = read_lines(data, notes, limits)
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
    learned_templates, problems = load_learned(learned)
    templates = (*load_templates(), *learned_templates)
    template = choose_template(templates, sender_address(source.sender), first_page, template_name)
    reading = extract(pages, source, template)
    reading.order.warnings += [f"a learned template was skipped: {problem}" for problem in problems]
    _note(reading.order, notes)
    return reading


def _note(order: Order, notes: PageNotes) -> None:
    """A page without text inside a text PDF may hold lines nobody read: the order is held, naming it."""
    if notes.textless:
        listed = ", ".join(str(n) for n in notes.textless)
        order.hold_reasons.append(
            HoldReason(
                code=NO_TEXT_LAYER,
                message=f"page {listed} has no text layer (a scanned page): its lines, if any, were not read",
                field="lines",
            )
        )
        order.confidence["lines"] = 0.0
    if notes.blank:
        order.warnings.append(f"page {', '.join(str(n) for n in notes.blank)} is blank")
    if notes.tiny:
        count = sum(notes.tiny.values())
        where = ", ".join(str(n) for n in sorted(notes.tiny))
        order.warnings.append(f"{count} characters under {MIN_GLYPH_SIZE:g} pt on page {where} were not read")
        order.hold_reasons.append(
            HoldReason(
                code=LOW_CONFIDENCE,
                message=f"{count} characters printed under {MIN_GLYPH_SIZE:g} pt (page {where}) were not read: "
                "check for hidden or fine-print lines",
                field=None,
            )
        )


def read_lines(data: bytes, notes: PageNotes | None = None, limits: ReadLimits = DEFAULT_LIMITS) -> list[list[Line]]:
    """Every page's text lines; raises DocumentRejected when the PDF cannot be opened or is too big."""
    notes = notes if notes is not None else PageNotes()
    max_pages, deadline = limits.max_pdf_pages, limits.clock()
    if len(data) > MAX_BYTES:
        raise DocumentRejected(f"the PDF is {len(data) >> 20} MB; a purchase order is under {MAX_BYTES >> 20} MB")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise DocumentRejected(_why(exc)) from exc
    with pdf:
        try:
            count = _page_count(pdf)
            if count > max_pages:
                raise over(LIMIT_PAGES, f"the PDF has {count:,} pages (not read)", max_pages, "max_pdf_pages")
            pages = []
            started = time.monotonic()
            for number, page in enumerate(pdf.pages, start=1):
                if time.monotonic() - started > MAX_SECONDS:
                    raise DocumentRejected(f"reading stopped at page {number}: over {MAX_SECONDS:.0f} s, not an order")
                deadline.check(f"at page {number}")
                if number > max_pages:  # the page tree's /Count understated the pages
                    raise over(LIMIT_PAGES, f"the PDF has more than {max_pages:,} pages", max_pages, "max_pdf_pages")
                if len(page.chars) > MAX_CHARS_PER_PAGE:
                    raise DocumentRejected(f"page {number} holds {len(page.chars)} characters; not a purchase order")
                tiny = sum(1 for char in page.chars if _glyph_size(char) < MIN_GLYPH_SIZE)
                readable = page.filter(_printed) if tiny else page
                words = page_words(readable, number)
                if tiny:
                    notes.tiny[number] = tiny
                if not words:
                    drawn = page.images or page.rects or page.curves or page.lines
                    (notes.textless if drawn or tiny else notes.blank).append(number)
                pages.append(group_lines(words, number))
                page.close()
        except DocumentRejected:
            raise
        except Exception as exc:
            raise DocumentRejected(_why(exc)) from exc
    if not pages:
        raise DocumentRejected("the PDF has no pages")
    return pages


def _glyph_size(char: dict[str, Any]) -> float:
    """A character's type size: pdfminer's ``size`` is the glyph's width for text set sideways (an 'I' of
    'SHIP TO' up the side of a box is 2 pt wide in 7 pt type), where the type's size is its extent across."""
    if char.get("upright", True):
        return float(char.get("size", MIN_GLYPH_SIZE))
    return float(char.get("x1", 0.0)) - float(char.get("x0", 0.0))


def _printed(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") != "char" or _glyph_size(obj) >= MIN_GLYPH_SIZE


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
    if any(isinstance(c, MemoryError) for c in causes) or "unable to allocate" in lowered:
        return memory_message(sandbox.MEMORY_LIMIT)
    if "password" in lowered or "encrypt" in lowered:
        return "the PDF is encrypted (password protected); ask the sender for an unprotected copy"
    return f"the PDF cannot be read ({text[:200]})"


def sender_address(sender: str | None) -> str | None:
    if not sender:
        return None
    found = sender.strip().rsplit("<", 1)[-1].rstrip(">").strip().lower()
    return found if "@" in found else None


__all__ = ["PdfParser", "MAX_PAGES", "PageNotes", "read_here", "read_lines", "sender_address"]
