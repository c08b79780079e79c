"""One worksheet → one canonical order, every field with the confidence it deserves.

Confidence (see :mod:`parsers.capture`): 0.95 when a field was found under a known header or label and the
cross-checks that bear on *reading* it agree; lower when the reading itself is in doubt (a number that could be
read two ways, a unit we do not know, a label printed twice with different values). A document that is
internally inconsistent although every cell was read without doubt (a line amount that is not quantity × price,
a total that is not the sum) keeps a confident table: the core's checks hold it for that precise reason.

A line is never dropped for looking unwanted: a hidden or struck-through row (XLSX formatting), or values in a
hidden column, is read as a line at :data:`MARKED` with a warning naming the row; a sheet without any price is
capped at :data:`UNPRICED` (nothing checks its quantities); rows above the chosen header that look like lines,
a date that reads both day and month first, a quantity that is a fraction of a counted unit or absurdly large
all lower the confidence below the core's release threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from parsers.capture import TABLE_NOT_FOUND, names_us_address
from parsers.sheet.fields import DOUBT, SURE, Extract, read_fields
from parsers.sheet.layout import CODE_ROLES, Header, find_header, header_cells
from parsers.sheet.read import MAX_LINES, Grid
from parsers.sheet.synonyms import Vocabulary, normalise
from parsers.sheet.values import (
    Cell,
    DateOrder,
    NumberStyle,
    currency_in,
    date_order,
    looks_numeric,
    number_style,
    parse_date,
    parse_number,
    slash_evidence,
    text_of,
    tidy,
)
from schemas.order import DateRef, HoldReason, OrderLine

INCONSISTENT = 0.85  # a line read without doubt that contradicts itself (amount ≠ quantity × price)
UNPRICED = 0.85  # a line with neither price nor amount: nothing checks its quantity
MARKED = 0.4  # a line on a hidden or struck-through row: perhaps not ordered at all
ODD_QUANTITY = 0.5  # a fraction of a counted unit, or more than MAX_QUANTITY
MAX_QUANTITY = Decimal(1_000_000)
COUNT_UNITS = frozenset({"EA", "BX", "CS", "CT", "PK", "RL", "PR"})  # every unit synonyms.yaml knows is counted
CHECKED = 0.98  # found by a known label and confirmed by an independent figure
CENT = Decimal("0.01")
NUMERIC_ROLES = ("quantity", "unit_price", "amount")


@dataclass
class _Table:
    lines: list[OrderLine]
    scores: list[float]
    checks_agree: int
    checks_failed: int
    end: int  # index of the first row after the table (totals rows included)
    totals: dict[str, Decimal]
    odd_rows: list[int]
    gaps: list[int] = field(default_factory=list)  # blank rows inside the table
    stray: list[int] = field(default_factory=list)  # line-like rows after its end
    above: list[int] = field(default_factory=list)  # line-like rows above its header
    inconsistent: set[int] = field(default_factory=set)  # indexes of lines whose amount ≠ quantity × price
    notes: list[str] = field(default_factory=list)  # why single lines are in doubt, naming their rows


def _cell(row: list[Cell], columns: dict[str, int], role: str) -> Cell:
    col = columns.get(role)
    return row[col] if col is not None and col < len(row) else None


def _has_code(row: list[Cell], columns: dict[str, int], besides: int | None = None) -> bool:
    """Whether an item-code column of the row holds something (other than the cell at ``besides``)."""
    return any(
        _cell(row, columns, role) is not None and columns[role] != besides
        for role in ("item", "vendor_item", "buyer_item", "gtin", "upc")
        if role in columns
    )


def _totals_kind(
    row: list[Cell], vocab: Vocabulary, columns: dict[str, int] | None = None
) -> tuple[str | None, Decimal | None, str | None]:
    """(kind, figure, raw text) when the row is a totals row: a known totals word, a number right of it, and no
    item code (the word itself may stand in the item column)."""
    for col, cell in enumerate(row):
        if not isinstance(cell, str):
            continue
        kind = vocab.totals.get(normalise(cell.split(":")[0]))
        if kind is None:
            continue
        if columns is not None and _has_code(row, columns, besides=col):
            return None, None, None
        for value in row[col + 1 :]:
            if isinstance(value, Decimal):
                return kind, value, None
            if isinstance(value, str) and looks_numeric(value):
                return kind, None, value
        return kind, None, None
    return None, None, None


def _line_like(row: list[Cell], columns: dict[str, int], style: NumberStyle, vocab: Vocabulary) -> bool:
    return (
        _has_code(row, columns)
        and parse_number(_cell(row, columns, "quantity"), style) is not None
        and _totals_kind(row, vocab, columns)[0] is None
    )


def _letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _marks(grid: Grid, index: int, row: list[Cell], columns: dict[str, int]) -> list[str]:
    """Why the row may not be meant as an order line: hidden, struck through, or values in hidden columns."""
    number = grid.numbers[index]
    marks = []
    if number in grid.hidden_rows:
        marks.append("is hidden")
    if grid.struck.get(number):
        struck = sorted(grid.struck[number])
        marks.append(f"is struck through (columns {', '.join(_letters(c) for c in struck[:5])})")
    hidden = sorted(c for c in set(columns.values()) & grid.hidden_columns if c < len(row) and row[c] is not None)
    if hidden:
        marks.append(f"has values in hidden columns {', '.join(_letters(c) for c in hidden[:5])}")
    return marks


def _above(grid: Grid, header: Header, vocab: Vocabulary, style: NumberStyle) -> list[int]:
    """Rows above the chosen header that look like order lines: by the chosen header's columns, or under another
    header row above it (a second, shorter table)."""
    rows = grid.rows
    found: list[int] = []
    columns = header.columns
    for index in range(header.index):
        row = rows[index]
        if not row:
            continue
        other, _, _, _ = header_cells(row, vocab)
        if "quantity" in other and any(role in other for role in CODE_ROLES):
            columns = other  # rows under this header are read by its columns
            continue
        labelled = any(isinstance(c, str) and vocab.labels.get(normalise(c.split(":")[0])) for c in row[:2])
        if labelled:
            continue
        if _line_like(row, columns, style, vocab) or (
            columns is not header.columns and _line_like(row, header.columns, style, vocab)
        ):
            found.append(grid.numbers[index])
    return found


def _read_table(
    grid: Grid, header: Header, vocab: Vocabulary, style: NumberStyle, dates: DateOrder | None = None
) -> _Table:
    """The lines under the header, until a totals row or a blank row (a blank row followed by more lines is a gap,
    read through and reported), then the totals rows that follow."""
    columns, rows = header.columns, grid.rows
    dates = dates or DateOrder(style.decimal == ",", False)
    table = _Table([], [], 0, 0, len(rows), {}, [])
    ended = False
    for index in range(header.index + 1, len(rows)):
        row = rows[index]
        if not row:
            if not table.lines and not ended:
                continue
            after = next((i for i in range(index + 1, min(index + 5, len(rows))) if rows[i]), None)
            if not ended and after is not None and _line_like(rows[after], columns, style, vocab):
                table.gaps.append(grid.numbers[index])
                continue
            table.end = index
            break
        kind, figure, raw = _totals_kind(row, vocab, columns)
        if kind is not None:
            if kind != "running":
                number = figure if figure is not None else parse_number(raw, style) if raw else None
                if number is not None:
                    table.totals.setdefault(kind, number)
                ended = True
            continue
        if ended:
            table.end = index
            break
        if [normalise(text_of(c)) for c in row] == [normalise(text_of(c)) for c in rows[header.index]]:
            continue  # the header printed again
        _read_line(grid, index, row, header, vocab, style, table, dates)
        if len(table.lines) > MAX_LINES:
            break
    # totals may follow after one blank row (a blank line, then "Total")
    for index in range(table.end, min(table.end + 4, len(rows))):
        kind, figure, raw = _totals_kind(rows[index], vocab, columns)
        if kind is not None and kind != "running":
            number = figure if figure is not None else parse_number(raw, style) if raw else None
            if number is not None:
                table.totals.setdefault(kind, number)
            table.end = index + 1
    # something that looks like a line after the table's end: a person should see where the order really ends
    following = range(table.end, min(table.end + 50, len(rows)))
    table.stray = [grid.numbers[i] for i in following if _line_like(rows[i], columns, style, vocab)]
    table.above = _above(grid, header, vocab, style)
    return table


def _read_line(
    grid: Grid,
    index: int,
    row: list[Cell],
    header: Header,
    vocab: Vocabulary,
    style: NumberStyle,
    table: _Table,
    dates: DateOrder,
) -> None:
    columns = header.columns
    row_no = grid.numbers[index]
    marks = _marks(grid, index, row, columns)
    codes = {role: text_of(_cell(row, columns, role)) or None for role in ("item", "vendor_item", "buyer_item")}
    gtin = text_of(_cell(row, columns, "gtin")) or None
    upc = text_of(_cell(row, columns, "upc")) or None
    quantity_cell = _cell(row, columns, "quantity")
    description = text_of(_cell(row, columns, "description")) or None
    if not any(codes.values()) and not gtin and not upc and quantity_cell is None:
        if marks and any(c is not None for c in row):  # hidden or struck: not silently part of a line
            table.odd_rows.append(row_no)
            table.notes.append(f"row {row_no} {' and '.join(marks)}")
        elif description and table.lines:  # a description running onto the next row
            previous = table.lines[-1]
            previous.description = f"{previous.description or ''} {description}".strip()
        elif any(c is not None for c in row):
            table.odd_rows.append(grid.numbers[index])
        return
    score = SURE
    uom_text = text_of(_cell(row, columns, "uom"))
    quantity = parse_number(quantity_cell, style)
    if quantity is None and isinstance(quantity_cell, str):  # "16 ea": quantity and unit in one cell
        number, _, unit = quantity_cell.strip().partition(" ")
        quantity = parse_number(number, style)
        uom_text = uom_text or unit.strip()
    if quantity is None:
        score = min(score, 0.3)
    uom = None
    if uom_text:
        uom = vocab.units.get(normalise(uom_text))
        if uom is None:
            uom, score = uom_text.upper()[:10], min(score, 0.5)
        if header.quantity_unit is not None and uom != header.quantity_unit:
            score = min(score, 0.5)
            table.notes.append(
                f"row {row_no}: the unit {uom_text!r} is not the {header.words['quantity']!r} of the quantity caption"
            )
    elif header.quantity_unit is not None:  # "Qty (cases)": the caption gives the unit
        uom = header.quantity_unit
    elif header.quantity_note is not None:
        score = min(score, 0.5)
        table.notes.append(
            f"row {row_no}: the quantity caption {header.words['quantity']!r} names a unit that is not known"
        )
    if quantity is not None:
        if quantity <= 0:
            score = min(score, MARKED)
            table.notes.append(f"row {row_no}: the quantity {quantity} is not a positive number")
        elif quantity > MAX_QUANTITY or (
            (uom is None or uom in COUNT_UNITS) and quantity != quantity.to_integral_value()
        ):
            score = min(score, ODD_QUANTITY)
            table.notes.append(f"row {row_no}: the quantity {quantity} {uom or ''} is implausible".replace("  ", " "))
    if marks:
        score = min(score, MARKED)
        table.notes.append(f"row {row_no} {' and '.join(marks)}: read as a line, but perhaps not ordered")
    prices: dict[str, Decimal | None] = {}
    for role in ("unit_price", "amount"):
        cell = _cell(row, columns, role)
        prices[role] = parse_number(cell, style)
        if cell is not None and prices[role] is None:
            score = min(score, 0.5)
    code = codes["item"]
    if not any(codes.values()) and not gtin and not upc:
        score = min(score, 0.5)
    line = OrderLine(
        line_number=text_of(_cell(row, columns, "line_number")) or str(grid.numbers[index]),
        buyer_part_number=codes["buyer_item"] or code,
        vendor_part_number=codes["vendor_item"] or code,
        gtin=gtin,
        upc=upc,
        description=description,
        quantity=tidy(quantity) if quantity is not None else None,
        uom=uom,
        unit_price=prices["unit_price"],
        amount=prices["amount"],
    )
    requested, sure = parse_date(_cell(row, columns, "requested_date"), dates.day_first, dates.pinned)
    if requested is not None:
        line.requested_date = requested
        line.dates.append(DateRef(qualifier="002", value=requested))
        if not sure:
            score = min(score, DOUBT)
            table.notes.append(
                f"row {row_no}: the date {text_of(_cell(row, columns, 'requested_date'))!r} "
                f"could be day or month first; read as {requested}"
            )
    if line.unit_price is None and line.amount is None:
        score = min(score, UNPRICED)  # nothing checks the quantity; the core's price check has nothing either
    if quantity is not None and line.unit_price is not None and line.amount is not None:
        if abs(quantity * line.unit_price - line.amount) <= CENT:
            table.checks_agree += 1
        else:
            table.checks_failed += 1
            score = min(score, INCONSISTENT)  # the line says two different things; the core holds it
            if score == INCONSISTENT:
                table.inconsistent.add(len(table.lines))
    table.lines.append(line)
    table.scores.append(score)


def _numeric_texts(grid: Grid, header: Header) -> list[str]:
    texts = []
    for row in grid.rows[header.index + 1 : header.index + 1 + MAX_LINES]:
        for role in NUMERIC_ROLES:
            cell = _cell(row, header.columns, role)
            if isinstance(cell, str):
                texts.append(cell)
        texts += [c for c in row if isinstance(c, str) and looks_numeric(c) and len(c) < 20][:3]
    return texts


def extract_sheet(grid: Grid, vocab: Vocabulary, header: Header | None = None) -> Extract:
    """Read one worksheet: its line table, totals and labelled fields."""
    found = Extract(sheet=grid.name)
    header = header or find_header(grid, vocab)
    if header is None:
        found.hold_reasons.append(
            HoldReason(
                code=TABLE_NOT_FOUND,
                message=f"sheet {grid.name!r}: no row names both an item column and a quantity column",
                field="lines",
            )
        )
        found.confidence["lines"] = 0.0
        read_fields(found, grid, vocab, set(), _date_order(grid, vocab, None, None))
        return found
    table, style, dates = _lines(found, grid, header, vocab)
    read_fields(found, grid, vocab, set(range(header.index, table.end)), dates)
    if header.currency and found.currency is None:
        found.currency = header.currency
        found.confidence["currency"] = SURE
    if found.currency is None:
        signs = {currency_in(c) for row in grid.rows[header.index + 1 : table.end] for c in row if isinstance(c, str)}
        signs.discard(None)
        if len(signs) == 1:  # "$9.25" in the price cells, one currency throughout
            found.currency = signs.pop()
            found.confidence["currency"] = 0.9
    return found


def _date_order(grid: Grid, vocab: Vocabulary, header: Header | None, style: NumberStyle | None) -> DateOrder:
    """How the sheet writes slash dates: the customer's setting, else what its own dates prove, else its locale
    hints (the currency it names, a US postal address, a decimal comma, a ';' delimiter)."""
    cells = [c for row in grid.rows for c in row]
    hints: set[bool] = set()
    for cell in cells:
        if isinstance(cell, str) and len(cell) <= 40 and (currency := currency_in(cell)) is not None:
            hints.add(currency != "USD")
        if isinstance(cell, str) and len(cell) <= 200 and names_us_address(cell):
            hints.add(False)  # 'Columbus, OH 43215': an American sheet
    if header is not None and header.currency is not None:
        hints.add(header.currency != "USD")
    if (style is not None and style.sure and style.decimal == ",") or grid.delimiter == ";":
        hints.add(True)
    european = style.decimal == "," if style is not None else grid.delimiter == ";"
    return date_order(vocab.dates, slash_evidence(cells), hints, european)


def _lines(found: Extract, grid: Grid, header: Header, vocab: Vocabulary) -> tuple[_Table, NumberStyle, DateOrder]:
    """The table, its totals, and how sure the reading is, into ``found``; the table, the number style and the
    date order used."""
    found.header_known = len(header.columns)
    style = number_style(_numeric_texts(grid, header), european_hint=grid.delimiter == ";")
    dates = _date_order(grid, vocab, header, style)
    table = _read_table(grid, header, vocab, style, dates)
    if not style.sure:  # "1.000": read it the other way too and keep the reading the line amounts confirm
        other = NumberStyle("." if style.decimal == "," else ",", False)
        second = _read_table(grid, header, vocab, other, dates)
        if second.checks_agree > table.checks_agree:
            table, style = second, other
        style = NumberStyle(style.decimal, bool(table.checks_agree) and not table.checks_failed)
    found.lines = table.lines
    for i, score in enumerate(table.scores):
        found.confidence[f"lines[{i}]"] = score if style.sure else min(score, DOUBT)
    # clearly read, the document disagrees: the core holds it for that
    reading = [s for i, s in enumerate(table.scores) if i not in table.inconsistent] or [SURE]
    overall = min(reading) if style.sure else min(min(reading), DOUBT)
    found.warnings += list(dict.fromkeys(table.notes))[:20]
    doubts = []
    if table.odd_rows:
        doubts.append(f"rows {table.odd_rows[:10]} inside the table are neither lines nor totals")
    if header.duplicates:
        doubts.append(f"columns printed twice: {sorted(set(header.duplicates))}; the first was read")
    _totals(found, table)
    if table.gaps and found.confidence.get("stated_total") != CHECKED:
        doubts.append(f"blank rows {table.gaps[:10]} inside the table; the lines after them were read")
    if table.stray:
        doubts.append(f"rows {table.stray[:10]} after the table's end look like order lines; not read")
    if grid.format_error is not None:
        doubts.append(
            f"the formatting of sheet {grid.name!r} could not be read ({grid.format_error[:120]}): "
            "hidden or struck-through rows cannot be ruled out"
        )
    if doubts:
        overall = min(overall, 0.8)
        found.warnings += doubts
    if table.above:
        overall = min(overall, DOUBT)
        found.warnings.append(f"rows {table.above[:10]} above the table's header look like order lines; not read")
    if grid.hidden:
        overall = min(overall, DOUBT)
        found.warnings.append(f"the order table is on the hidden sheet {grid.name!r}")
    if table.lines and all(line.unit_price is None and line.amount is None for line in table.lines):
        overall = min(overall, UNPRICED)
        found.warnings.append("the sheet gives no prices: nothing checks the quantities")
    if len(table.lines) > MAX_LINES:
        overall = 0.0
        found.warnings.append(f"more than {MAX_LINES:,} lines: only a person can take this order")
    found.confidence["lines"] = overall if table.lines else 0.0
    if not table.lines:
        found.hold_reasons.append(
            HoldReason(code=TABLE_NOT_FOUND, message=f"sheet {grid.name!r}: the table has no lines", field="lines")
        )
    return table, style, dates


def _totals(found: Extract, table: _Table) -> None:
    totals = table.totals
    figure = totals.get("net", totals.get("plain"))
    score = SURE
    if "net" not in totals and "plain" in totals and "tax" in totals:
        figure, score = totals["plain"] - totals["tax"], 0.8  # "Total" printed with tax on top
    elif figure is None and "gross" in totals and "tax" in totals:
        figure, score = totals["gross"] - totals["tax"], 0.8
    if figure is None:
        return
    found.stated_total = figure
    lines = found.lines
    amounts = [line.amount for line in lines]
    computed = [line.quantity * line.unit_price for line in lines if line.quantity and line.unit_price is not None]
    if lines and all(a is not None for a in amounts) and abs(sum(a for a in amounts if a) - figure) <= CENT:
        score = CHECKED if score == SURE else score
    elif lines and len(computed) == len(lines) and abs(sum(computed) - figure) <= CENT:
        score = CHECKED if score == SURE else score
    else:
        score = min(score, 0.85)
        found.warnings.append(f"the stated total {figure} is not the sum of the lines")
    found.confidence["stated_total"] = score
