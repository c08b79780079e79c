"""Spreadsheet order forms (CSV, XLSX): see :mod:`parsers.capture` for what the parser hands the core.

The header row of the line table is found by its column names (``synonyms.yaml``: global words plus each
customer's own), wherever it is on the sheet; the PO number, dates, ship-to and buyer by their labels around the
table; the lines run until a totals row or a blank row. A sheet attached to a mail is read by :func:`parse_sheet`,
and the mail parser fills in what the sheet does not say (usually the PO number).
"""

from __future__ import annotations

from parsers.base import ParseResult
from parsers.capture import captured_set
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, ReadLimits
from parsers.sheet.extract import Extract, extract_sheet
from parsers.sheet.layout import find_header
from parsers.sheet.read import OLE_MAGIC, ZIP_MAGIC, Grid, decode_text, read_csv, read_xlsx, sniff_delimiter
from parsers.sheet.synonyms import Vocabulary, vocabulary_for
from parsers.x12.parser import order_id_for
from schemas.order import DateRef, Order, Source, SourceKind

SHEET_NAMES = (".csv", ".tsv", ".xlsx", ".xlsm")
_LIKELY_CSV_SNIFF = 8192


def _is_workbook(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC) and b"xl/" in data[:65536]


def _looks_like_order_csv(data: bytes) -> bool:
    """A nameless document is a CSV order only when it is text and a row of it names item and quantity columns."""
    head = data[:_LIKELY_CSV_SNIFF]
    if b"\x00" in head or not head.strip():
        return False
    try:
        text = decode_text(head)
    except DocumentRejected:
        return False
    lines = text.splitlines()[:-1] or text.splitlines()  # the last line of the sample may be cut
    delimiter = sniff_delimiter(lines)
    if not any(delimiter in line for line in lines):
        return False
    try:
        grid = read_csv("\n".join(lines).encode("utf-8"), "sniff")
    except DocumentRejected:
        return False
    return find_header(grid, vocabulary_for(None)) is not None


def read_grids(data: bytes, filename: str | None, limits: ReadLimits = DEFAULT_LIMITS) -> list[Grid]:
    """The worksheets of the file, by its content first (a zip is a workbook), else by its name."""
    name = (filename or "").lower()
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)) or name.endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, limits)
    return [read_csv(data, (filename or "sheet").rsplit("/", 1)[-1], limits)]


def _best(grids: list[Grid], vocab: Vocabulary) -> tuple[Extract, int]:
    """The sheet whose line table is best (most known headers, then most lines); how many sheets had one."""
    readings = []
    for grid in grids:
        header = find_header(grid, vocab)
        if header is not None:
            readings.append(extract_sheet(grid, vocab, header))
    with_lines = [r for r in readings if r.lines]
    if not readings:
        first = next((g for g in grids if g.rows), grids[0] if grids else Grid("sheet"))
        return extract_sheet(first, vocab), 0
    pool = with_lines or readings
    return max(pool, key=lambda r: (r.header_known, len(r.lines))), len(with_lines)


def _order(found: Extract, source: Source, index: int, tables: int) -> Order:
    confidence = dict(found.confidence)
    warnings = list(found.warnings)
    if tables > 1:  # two order tables in one workbook: which is the order is a person's call
        confidence["lines"] = min(confidence.get("lines", 0.0), 0.6)
        warnings.append(f"{tables} sheets hold an order table; sheet {found.sheet!r} was read")
    order = Order(
        order_id=order_id_for(source.document_id, index),
        source=source,
        po_number=found.po_number,
        po_date=found.po_date,
        currency=found.currency,
        buyer=found.buyer,
        ship_to=found.ship_to,
        bill_to=found.bill_to,
        terms=found.terms,
        lines=found.lines,
        stated_total=found.stated_total,
        confidence=confidence,
        hold_reasons=list(found.hold_reasons),
        warnings=warnings,
    )
    if found.requested_date is not None:
        order.dates.append(DateRef(qualifier="002", value=found.requested_date))
    return order


def parse_sheet(data: bytes, filename: str, source: Source, limits: ReadLimits = DEFAULT_LIMITS) -> list[Order]:
    """The order in a spreadsheet attached to a mail (or delivered alone): one Order per file, ``source`` as given.

    The sheet's own vocabulary is chosen by ``source.sender``. Fields the sheet does not state are left empty
    with no confidence (an attached sheet usually has no PO number: the mail's subject or body gives it).
    Raises :class:`parsers.errors.DocumentRejected` when the file cannot be read (corrupt, a zip bomb, binary,
    more than :data:`parsers.sheet.read.MAX_LINES` lines), with the reason a person reads.
    """
    grids = read_grids(data, filename, limits)
    if not grids:
        raise DocumentRejected("the workbook has no worksheet")
    found, tables = _best(grids, vocabulary_for(source.sender))
    return [_order(found, source, 1, tables)]


class SheetParser:
    """CSV and XLSX order forms delivered on their own (a file drop, an SFTP folder)."""

    kind = SourceKind.SHEET

    def __init__(self, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits

    def accepts(self, data: bytes, filename: str | None = None) -> bool:
        name = (filename or "").lower()
        if name.endswith(SHEET_NAMES):
            return True
        if _is_workbook(data):
            return True
        return not name and _looks_like_order_csv(data)  # a CSV without a name: only when it clearly is one

    def parse(self, data: bytes, source: Source) -> ParseResult:
        grids = read_grids(data, None, self.limits)  # the pipeline passes no name: the content decides
        if not grids:
            raise DocumentRejected("the workbook has no worksheet")
        found, tables = _best(grids, vocabulary_for(source.sender))
        order = _order(found, source, 1, tables)
        result = ParseResult(kind=SourceKind.SHEET, warnings=list(order.warnings))
        result.sets.append(captured_set(order, "SHEET", 1, f"sheet {found.sheet}"))
        return result


__all__ = ["SheetParser", "parse_sheet"]
