"""Bytes → grids of cells, one per worksheet (a CSV is one), within fixed limits of size, rows and time.

Everything a hostile or broken file can do ends here as :class:`parsers.errors.DocumentRejected` with a reason a
person understands: a zip whose members would decompress to more than the limits (checked on the declared sizes
before openpyxl opens it; Python's zip reader never inflates past a declared size), a corrupt zip, a CSV that is
binary, a sheet with more rows than an order has lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any

from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LIMIT_DECOMPRESSED, Deadline, ReadLimits, over
from parsers.sheet.values import Cell, from_float

MAX_LINES = 10_000  # the longest order we read; beyond it a person splits the file
MAX_ROWS = MAX_LINES + 500  # non-empty rows per sheet, preamble and totals included
MAX_EMPTY_RUN = 1_000  # this many empty rows in a row end a sheet (formatting that reaches row 1,048,576)
MAX_COLUMNS = 100
MAX_SHEETS = 50
MAX_CSV_BYTES = 16 << 20
MAX_XLSX_BYTES = 32 << 20
MAX_MEMBER_BYTES = 64 << 20  # one decompressed zip member (a worksheet, the shared strings)
MAX_TOTAL_BYTES = DEFAULT_LIMITS.max_decompressed_bytes  # all members together: limits.max_decompressed_bytes
MAX_RATIO = 200  # decompressed / compressed, for members over 1 MiB: beyond it the zip is a bomb
MAX_MEMBERS = 1_000
MAX_CELL_CHARS = 10_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx


@dataclass
class Grid:
    """One worksheet: ``rows[i]`` is spreadsheet row ``numbers[i]`` (empty rows are kept, up to a run limit)."""

    name: str
    rows: list[list[Cell]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    delimiter: str | None = None  # CSV only
    # what the workbook's formatting says (XLSX only): a hidden or struck-through line is not silently an order line
    hidden_rows: set[int] = field(default_factory=set)  # spreadsheet row numbers
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column indexes
    struck: dict[int, set[int]] = field(default_factory=dict)  # row number → columns whose value is struck through
    hidden: bool = False  # the worksheet itself is hidden
    format_error: str | None = None  # the formatting could not be read: hidden rows cannot be ruled out


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).upper()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return None
    if isinstance(value, int | float):
        return from_float(value)
    if isinstance(value, Decimal):
        return value
    text = str(value)[:MAX_CELL_CHARS].strip()
    return text or None


def _collect(
    name: str, rows: Iterable[Iterable[object]], delimiter: str | None = None, deadline: Deadline | None = None
) -> Grid:
    grid = Grid(name, delimiter=delimiter)
    what = "the CSV" if delimiter is not None else f"sheet {name!r}"
    filled = empty_run = 0
    for number, raw in enumerate(rows, start=1):
        if deadline is not None and not number & 0xFF:
            deadline.check(f"at row {number:,} of {what}")
        cells = [_cell(v) for _, v in zip(range(MAX_COLUMNS), raw, strict=False)]
        while cells and cells[-1] is None:
            cells.pop()
        if not cells:
            empty_run += 1
            if empty_run >= (MAX_EMPTY_RUN if filled else 10 * MAX_EMPTY_RUN):
                break
            if grid.rows and grid.rows[-1]:
                grid.rows.append([])
                grid.numbers.append(number)
            continue
        empty_run = 0
        filled += 1
        if filled > MAX_ROWS:
            raise DocumentRejected(
                f"{what} has more than {MAX_ROWS:,} rows: orders longer than {MAX_LINES:,} lines are not "
                "read automatically; split the order or send it as EDI"
            )
        grid.rows.append(cells)
        grid.numbers.append(number)
    return grid


# --- CSV ------------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """The text of a CSV: UTF-8 (with or without BOM, or UTF-16 with BOM), else Windows-1252; binary is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentRejected(f"the CSV says it is UTF-16 but is not: {exc}") from exc
    elif b"\x00" in data:
        raise DocumentRejected("the CSV holds binary data (NUL bytes): it is not a text spreadsheet")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\ufffd")
    if controls > max(8, len(text) // 200):
        raise DocumentRejected(
            f"the CSV holds binary data ({controls} control or undecodable characters): it is not a text spreadsheet"
        )
    return text


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter most lines use: the one found in the most non-empty lines, then the most consistent."""
    best, best_key = ",", (-1.0, -1)
    sample = [line for line in lines if line.strip()][:50]
    for candidate in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=candidate), [])) - 1 for line in sample]
        having = sum(1 for c in counts if c > 0)
        if not having:
            continue
        common = max(set(counts), key=counts.count)
        key = (having / len(sample), counts.count(common))
        if key > best_key:
            best, best_key = candidate, key
    return best


def read_csv(data: bytes, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> Grid:
    if len(data) > MAX_CSV_BYTES:
        raise DocumentRejected(
            f"the CSV is {len(data) / 2**20:.1f} MiB; orders over {MAX_CSV_BYTES >> 20} MiB are not read automatically"
        )
    text = decode_text(data)
    head = text[:65536].splitlines()
    delimiter = sniff_delimiter(head)
    if head and head[0].strip().lower().startswith("sep=") and len(head[0].strip()) == 5:
        delimiter = head[0].strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _collect(name, reader, delimiter, limits.clock())
    except csv.Error as exc:
        raise DocumentRejected(f"the CSV cannot be read: {exc}") from exc


# --- XLSX -----------------------------------------------------------------------------------------------


def check_zip(data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook before anything inflates it: too big, too many parts, a bomb, or not a workbook."""
    if data.startswith(OLE_MAGIC):
        raise DocumentRejected(
            "the workbook is a legacy .xls file or is password-protected: save it as a plain .xlsx or CSV"
        )
    if not data.startswith(ZIP_MAGIC):
        raise DocumentRejected("the file is named like an XLSX workbook but is not one (no zip signature)")
    if len(data) > MAX_XLSX_BYTES:
        raise DocumentRejected(
            f"the workbook is {len(data) / 2**20:.1f} MiB; orders over {MAX_XLSX_BYTES >> 20} MiB are not read"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentRejected(f"the workbook is a corrupt zip file: {exc}") from exc
    if len(members) > MAX_MEMBERS:
        raise DocumentRejected(f"the workbook has {len(members):,} parts (at most {MAX_MEMBERS:,} are read)")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES:
            raise DocumentRejected(
                f"workbook part {member.filename} would decompress to {member.file_size:,} bytes "
                f"(limit {MAX_MEMBER_BYTES:,}): refused as a zip bomb or an oversized sheet"
            )
        if member.file_size > 1 << 20 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise DocumentRejected(
                f"workbook part {member.filename} compresses {member.file_size // max(member.compress_size, 1):,}:1 "
                f"(limit {MAX_RATIO}:1): refused as a zip bomb"
            )
    if total > limits.max_decompressed_bytes:
        raise over(
            LIMIT_DECOMPRESSED,
            f"the workbook would decompress to {total:,} bytes (refused unread, as a zip bomb or an oversized sheet)",
            limits.max_decompressed_bytes,
            "max_decompressed_bytes",
            " bytes",
        )
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise DocumentRejected("the zip file is not an Excel workbook (no xl/workbook.xml)")


def read_xlsx(data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> list[Grid]:
    """Every worksheet's values (cached formula results, never formulas), read in openpyxl's streaming mode."""
    check_zip(data, limits)
    deadline = limits.clock()
    import openpyxl  # imported here: the CSV path and the plug-in registry never pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except DocumentRejected:
        raise
    except Exception as exc:  # openpyxl raises KeyError, ValueError, zip and XML errors on broken parts
        raise DocumentRejected(f"the workbook cannot be opened: {type(exc).__name__}: {exc}") from exc
    try:
        grids = []
        for sheet in list(book.worksheets)[:MAX_SHEETS]:
            if not hasattr(sheet, "iter_rows"):  # a chartsheet
                continue
            try:
                sheet.reset_dimensions()  # never trust (or pad to) the declared <dimension>
                rows: Iterator[tuple[object, ...]] = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
                grids.append(_collect(sheet.title, rows, deadline=deadline))
            except DocumentRejected:
                raise
            except Exception as exc:
                raise DocumentRejected(f"sheet {sheet.title!r} cannot be read: {type(exc).__name__}: {exc}") from exc
    finally:
        book.close()
    _add_formatting(data, grids)
    return grids


# --- XLSX formatting: hidden rows and columns, struck-through cells -----------------------------------------
#
# openpyxl's streaming mode never sees formatting, and its full mode holds every cell of the workbook in memory.
# The few attributes that decide whether a row is meant as an order line are read here straight from the XML,
# streaming, within the limits check_zip already enforced on the parts' sizes.

_TRUE = ("1", "true")
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return str(value)
    return None


def _iterparse(handle: IO[bytes], events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """Streaming XML events with DTDs (and so entity expansion) refused."""
    try:
        from defusedxml.ElementTree import iterparse as defused_iterparse
    except ImportError:  # pragma: no cover - defusedxml comes with openpyxl's usual installs
        from xml.etree.ElementTree import iterparse as plain_iterparse

        head = handle.peek(65536)[:65536] if hasattr(handle, "peek") else b""
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise DocumentRejected("the workbook's XML declares a DTD: refused") from None
        yield from plain_iterparse(handle, events=events)
        return
    yield from defused_iterparse(handle, events=events, forbid_dtd=True)


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, tuple[str, bool]]:
    """Sheet title → (its part in the zip, whether the sheet is hidden)."""
    targets: dict[str, str] = {}
    names = set(archive.namelist())
    if "xl/_rels/workbook.xml.rels" in names:
        with archive.open("xl/_rels/workbook.xml.rels") as handle:
            for _, element in _iterparse(handle, ("end",)):
                if _local(element.tag) == "Relationship":
                    target = element.get("Target") or ""
                    path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                    targets[element.get("Id") or ""] = path
    found: dict[str, tuple[str, bool]] = {}
    with archive.open("xl/workbook.xml") as handle:
        for _, element in _iterparse(handle, ("end",)):
            if _local(element.tag) == "sheet":
                path = targets.get(_attr(element, "id") or "")
                if path is not None and path in names:
                    found[element.get("name") or ""] = (path, element.get("state") in ("hidden", "veryHidden"))
    return found


def _struck_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell style indexes (``s=`` of a cell) whose font is struck through."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    struck_fonts: list[bool] = []
    struck: set[int] = set()
    stack: list[str] = []
    xf = 0
    with archive.open("xl/styles.xml") as handle:
        for event, element in _iterparse(handle, ("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                stack.append(tag)
                if tag == "font" and stack[-2:-1] == ["fonts"]:
                    struck_fonts.append(False)
                elif tag == "strike" and stack[-3:-1] == ["fonts", "font"]:
                    struck_fonts[-1] = (element.get("val") or "1").lower() in _TRUE
                elif tag == "xf" and stack[-2:-1] == ["cellXfs"]:
                    font = element.get("fontId")
                    if font is not None and font.isdigit() and int(font) < len(struck_fonts):
                        if struck_fonts[int(font)]:
                            struck.add(xf)
                    xf += 1
                continue
            stack.pop()
            if tag in ("fonts", "cellXfs"):
                element.clear()
    return struck


def _sheet_formatting(archive: zipfile.ZipFile, path: str, struck_styles: set[int], grid: Grid) -> None:
    row_number = 0
    column = -1
    last = grid.numbers[-1] if grid.numbers else 0  # rows past the last one read say nothing about the order
    parent: Any = None
    with archive.open(path) as handle:
        for event, element in _iterparse(handle, ("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "sheetData":
                    parent = element
                elif tag == "row":
                    row_number = int(element.get("r") or row_number + 1)
                    column = -1
                    if row_number > last:
                        break
                    if (element.get("hidden") or "").lower() in _TRUE:
                        grid.hidden_rows.add(row_number)
                elif tag == "col" and (element.get("hidden") or "").lower() in _TRUE:
                    low, high = int(element.get("min") or 1), int(element.get("max") or 1)
                    grid.hidden_columns.update(range(low - 1, min(high, MAX_COLUMNS)))
                continue
            if tag == "c":
                ref = _CELL_REF.match(element.get("r") or "")
                column = _column_index(ref[1]) if ref else column + 1
                style = element.get("s")
                has_value = any(
                    _local(child.tag) in ("v", "is") and "".join(child.itertext()).strip() for child in element
                )
                if style and style.isdigit() and int(style) in struck_styles and has_value and column < MAX_COLUMNS:
                    grid.struck.setdefault(row_number, set()).add(column)
                element.clear()
            elif tag == "row" and parent is not None:
                parent.clear()  # the rows done so far: nothing of them is kept


def _add_formatting(data: bytes, grids: list[Grid]) -> None:
    """Hidden rows, hidden columns, struck-through cells and hidden sheets into ``grids`` (matched by title)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            paths = _sheet_paths(archive)
            struck_styles = _struck_styles(archive)
            for grid in grids:
                if grid.name not in paths:
                    grid.format_error = "its part in the workbook was not found"
                    continue
                path, grid.hidden = paths[grid.name]
                _sheet_formatting(archive, path, struck_styles, grid)
    except DocumentRejected:
        raise
    except Exception as exc:  # the values were read; only the formatting is in doubt
        for grid in grids:
            grid.format_error = f"{type(exc).__name__}: {exc}"
