"""Where things are on a sheet: the header row of the line table, the labelled fields around it, the ship-to block.

Nothing here guesses from position alone: a column is a column because its header is a known word
(``synonyms.yaml``), a field is a field because a known label stands left of it (or above it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.sheet.read import Grid
from parsers.sheet.synonyms import Vocabulary, normalise
from parsers.sheet.values import Cell, currency_in, text_of
from schemas.order import Party

CODE_ROLES = ("item", "vendor_item", "buyer_item", "gtin", "upc")
HEADER_SEARCH_ROWS = 200  # the header row is among a sheet's first rows
BLOCK_ROLES = ("ship_to", "bill_to")  # labels whose value may run over several cells and rows


@dataclass
class Header:
    """The line table's header row: ``columns`` maps a role (quantity, unit_price, ...) to its column."""

    index: int  # into grid.rows
    columns: dict[str, int]
    words: dict[str, str]  # role → the header text as printed
    currency: str | None = None
    duplicates: list[str] = field(default_factory=list)  # roles printed twice: the first column is read
    quantity_unit: str | None = None  # "Qty (cases)": the unit code the caption gives the quantities
    quantity_note: str | None = None  # "Qty (dz)": words in the caption's parentheses that are no known unit


_CAPTION_NOISE = re.compile(r"\((?:[^)]*)\)|\[[^\]]*\]|US\$|\$|€|£|\b(?:USD|EUR|GBP)\b")  # "Price (€)", "Qty [CS]"
_CAPTION_NOTE = re.compile(r"[(\[]([^)\]]*)[)\]]")


def caption_unit(caption: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """(unit code, unknown words) from the parentheses of a quantity caption: "Qty (cases)" → ("CS", None)."""
    for note in _CAPTION_NOTE.findall(caption):
        words = normalise(note)
        if not words or currency_in(note.upper()):
            continue
        for candidate in (words, words.removeprefix("in "), words.removeprefix("per ")):
            if candidate in vocab.units:
                return vocab.units[candidate], None
        if re.fullmatch(r"[^\W\d_]+(?:[ ./]+[^\W\d_]+)?\.?", note.strip()):  # "dz", "sq. ft": a unit we do not know
            return None, note.strip()
    return None, None


def header_cells(row: list[Cell], vocab: Vocabulary) -> tuple[dict[str, int], dict[str, str], str | None, list[str]]:
    columns: dict[str, int] = {}
    words: dict[str, str] = {}
    duplicates: list[str] = []
    currency = None
    for col, cell in enumerate(row):
        if not isinstance(cell, str):
            continue
        currency = currency or currency_in(cell)
        role = vocab.columns.get(normalise(_CAPTION_NOISE.sub(" ", cell)))
        if role is None:
            continue
        if role in columns:
            duplicates.append(role)
            continue
        columns[role] = col
        words[role] = cell
    return columns, words, currency, duplicates


def find_header(grid: Grid, vocab: Vocabulary) -> Header | None:
    """The first row naming an item-code column and a quantity column with the most known headers."""
    best: Header | None = None
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        columns, words, currency, duplicates = header_cells(row, vocab)
        if "quantity" not in columns or not any(role in columns for role in CODE_ROLES):
            continue
        if best is None or len(columns) > len(best.columns):
            best = Header(index, columns, words, currency, duplicates)
            best.quantity_unit, best.quantity_note = caption_unit(words["quantity"], vocab)
    return best


# --- labelled fields ---------------------------------------------------------------------------------------


@dataclass
class Found:
    """A labelled field: its value cells, where the label was, and whether another label disagreed."""

    label: str
    cells: list[Cell]
    row: int
    conflict: bool = False


def _label_of(cell: Cell, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """(role, inline value) when the cell is a known label, like 'PO Number' or 'PO Number: 45-1194'."""
    if not isinstance(cell, str):
        return None, None
    role = vocab.labels.get(normalise(cell))
    if role is not None:
        return role, None
    if ":" in cell:
        left, right = cell.split(":", 1)
        role = vocab.labels.get(normalise(left))
        if role is not None:
            return role, right.strip() or None
    return None, None


def labelled_fields(grid: Grid, vocab: Vocabulary, skip: set[int]) -> dict[str, Found]:
    """Every known label outside the line table (rows in ``skip``) with the value right of it, else below it."""
    found: dict[str, Found] = {}
    used: set[tuple[int, int]] = set()
    for r, row in enumerate(grid.rows):
        if r in skip:
            continue
        for c, cell in enumerate(row):
            if (r, c) in used:
                continue
            role, inline = _label_of(cell, vocab)
            if role is None:
                continue
            values: list[Cell] = [inline] if inline else []
            right = [(c2, v) for c2, v in enumerate(row) if c2 > c and v is not None]
            if role in BLOCK_ROLES:
                values += [v for _, v in right]
                used.update((r, c2) for c2, _ in right)
                values += _continuation(grid, vocab, r, c, skip, used)
            elif not values and right and _label_of(right[0][1], vocab)[0] is None:
                values = [right[0][1]]
                used.add((r, right[0][0]))
            elif not values and not right:
                below = _below(grid, vocab, r, c, skip)
                if below is not None:
                    values = [below]
                    used.add((r + 1, c))
            if role in found:
                if values and found[role].cells and _key(values) != _key(found[role].cells):
                    found[role].conflict = True
                elif values and not found[role].cells:
                    found[role] = Found(text_of(cell), values, r)
                continue
            found[role] = Found(text_of(cell), values, r)
    return found


def _key(cells: list[Cell]) -> str:
    return " ".join(text_of(c) for c in cells).casefold()


def _below(grid: Grid, vocab: Vocabulary, r: int, c: int, skip: set[int]) -> Cell:
    """The value under a label that has nothing to its right (a label-above-value form)."""
    if r + 1 >= len(grid.rows) or r + 1 in skip:
        return None
    row = grid.rows[r + 1]
    cell = row[c] if c < len(row) else None
    if cell is None or _label_of(cell, vocab)[0] is not None:
        return None
    if isinstance(cell, str) and vocab.columns.get(normalise(cell)):
        return None
    return cell


def _continuation(
    grid: Grid, vocab: Vocabulary, r: int, c: int, skip: set[int], used: set[tuple[int, int]]
) -> list[Cell]:
    """The address lines under a ship-to block: rows with nothing in the label's column and no label of their own."""
    lines: list[Cell] = []
    for r2 in range(r + 1, min(r + 6, len(grid.rows))):
        row = grid.rows[r2]
        if r2 in skip or not row or (c < len(row) and row[c] is not None):
            break
        cells = [(c2, v) for c2, v in enumerate(row) if c2 > c and v is not None]
        if not cells or any(_label_of(v, vocab)[0] for _, v in cells):
            break
        lines += [v for _, v in cells]
        used.update((r2, c2) for c2, _ in cells)
    return lines


# --- addresses ---------------------------------------------------------------------------------------------

_US_TAIL = re.compile(r"^(?P<city>[^,\d][^,]*?),?\s+(?P<state>[A-Z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)$")
_EU_TAIL = re.compile(r"^(?:[A-Z]{1,2}-)?(?P<zip>\d{4,5})\s+(?P<city>\D.*)$")


def address_party(cells: list[Cell], role: str) -> tuple[Party | None, bool]:
    """A ship-to (or bill-to) Party from the cells of its block, and whether name and postal code were both found."""
    parts = [text_of(c) for c in cells if text_of(c)]
    if not parts:
        return None, False
    pieces: list[str] = []
    for part in parts:
        pieces += [p.strip() for p in re.split(r"\s+[-–—|]\s+", part) if p.strip()]
    if len(pieces) == 1 and "," in pieces[0]:
        pieces = [p.strip() for p in pieces[0].split(",") if p.strip()]
    city = state = postal = None
    for take in (1, 2):  # "Columbus, OH 43215" is one cell, or two comma pieces of a one-cell address
        if len(pieces) < take:
            break
        tail = ", ".join(pieces[-take:])
        us = _US_TAIL.match(tail)
        eu = _EU_TAIL.match(tail) if take == 1 else None
        if us:
            city, state, postal = us["city"].strip(), us["state"], us["zip"]
        elif eu:
            city, postal = eu["city"].strip(), eu["zip"]
        if postal:
            pieces = pieces[:-take]
            break
    if not pieces:
        return None, False
    party = Party(
        role="ST" if role == "ship_to" else "BT",
        name=pieces[0],
        address_lines=pieces[1:],
        city=city,
        state=state,
        postal_code=postal,
    )
    return party, postal is not None


_TITLE = re.compile(
    r"^(?P<name>.{3,80}?)\s+[-–—:]\s+(?:purchase (?:order|requisition)|store order|order form|bestellung|"
    r"bon de commande|commande)\b",
    re.IGNORECASE,
)


def buyer_from_title(grid: Grid) -> str | None:
    """'Granite State Builders Inc. - Purchase Requisition' in the first row names the buyer."""
    for row in grid.rows[:3]:
        for cell in row:
            if isinstance(cell, str) and (found := _TITLE.match(cell)):
                return found["name"].strip()
    return None
