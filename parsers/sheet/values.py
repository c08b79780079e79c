"""Cell values: numbers written the US or the European way, dates in the forms order forms use, currencies.

A cell is what the reader hands over: ``str``, ``Decimal`` (a real number cell), ``date`` or ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

Cell = str | Decimal | date | None

CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP"}
_CURRENCY = re.compile(r"US\$|\$|€|£|\b(?:USD|EUR|GBP)\b")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_NUMERIC = re.compile(r"^[+-]?(?:\d{1,3}(?:[.,]\d{3})+|\d+)?(?:[.,]\d+)?$")  # "1.234,56", "1234.5", ",5"
_US = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_EUROPEAN = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?$")
_COMMA_DECIMAL = re.compile(r"(?:,\d{1,2}|,\d{4,})$|\.\d{3},\d+$")
_DOT_DECIMAL = re.compile(r"(?:\.\d{1,2}|\.\d{4,})$|,\d{3}\.\d+$")
_GROUPED_ONLY = re.compile(r"^[+-]?\d{1,3}(?:[.,]\d{3})+$")  # "1.000" or "1,000": which way depends on the document


def text_of(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format(cell, "f")
    if isinstance(cell, date):
        return cell.isoformat()
    return " ".join(cell.split())


def currency_in(text: str) -> str | None:
    found = _CURRENCY.search(text)
    return CURRENCY_SIGNS[found.group(0)] if found else None


def _bare(text: str) -> str:
    return _SPACES.sub("", _CURRENCY.sub("", text))


def looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(_bare(text))) and any(ch.isdigit() for ch in text)


@dataclass(frozen=True)
class NumberStyle:
    """How a document writes numbers: ``decimal`` is "." (US) or "," (European); ``sure`` when the cells showed it."""

    decimal: str
    sure: bool


def number_style(texts: list[str], european_hint: bool) -> NumberStyle:
    """The style the document's numeric text cells use. A decimal part with one, two or four-plus digits
    decides ("8,60", "3.95"); grouped thousands only ("1.000") do not; the hint (a ';' delimiter, German or French
    headers) decides when nothing else does, and then the reading is not sure."""
    comma = dot = 0
    for text in texts:
        bare = _bare(text)
        if not _NUMERIC.match(bare) or _GROUPED_ONLY.match(bare):
            continue
        comma += bool(_COMMA_DECIMAL.search(bare))
        dot += bool(_DOT_DECIMAL.search(bare))
    if comma and not dot:
        return NumberStyle(",", True)
    if dot and not comma:
        return NumberStyle(".", True)
    if comma and dot:  # mixed: go with the majority, never sure
        return NumberStyle("," if comma > dot else ".", False)
    ambiguous = any(_GROUPED_ONLY.match(_bare(t)) for t in texts)
    return NumberStyle("," if european_hint else ".", not ambiguous)


def parse_number(cell: Cell, style: NumberStyle) -> Decimal | None:
    """A number from a cell; None when the cell is not one."""
    if isinstance(cell, Decimal):
        return cell
    if cell is None or isinstance(cell, date):
        return None
    bare = _bare(cell)
    negative = bare.startswith("(") and bare.endswith(")")
    bare = bare.strip("()")
    if not (_EUROPEAN if style.decimal == "," else _US).match(bare) or not any(ch.isdigit() for ch in bare):
        return None
    if style.decimal == ",":
        bare = bare.replace(".", "").replace(",", ".")
    else:
        bare = bare.replace(",", "")
    try:
        value = Decimal(bare)
    except InvalidOperation:
        return None
    return -value if negative else value


def from_float(value: float | int) -> Decimal:
    """A real number cell as a Decimal, without binary noise (142.79999999999998 → 142.8)."""
    if isinstance(value, int):
        return Decimal(value)
    rounded = Decimal(repr(round(value, 6)))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def tidy(value: Decimal) -> Decimal:
    """No exponent, no trailing zeros beyond what the value needs ("60", "6.4")."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


_MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "janv": 1,
    "feb": 2, "february": 2, "februar": 2, "fevrier": 2, "fevr": 2, "fev": 2,
    "mar": 3, "march": 3, "marz": 3, "maerz": 3, "mars": 3,
    "apr": 4, "april": 4, "avril": 4, "avr": 4,
    "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "juil": 7,
    "aug": 8, "august": 8, "aout": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "octobre": 10,
    "nov": 11, "november": 11, "novembre": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12, "decembre": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_DAY_MON_YEAR = re.compile(r"^(\d{1,2})(?:er|\.)?[\s-]+([a-z]+)\.?[\s-]+(\d{2}|\d{4})$")
_MON_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateOrder:
    """How the document writes slash dates: day first ("04/03/2026" = 4 March) or month first; ``pinned`` when
    something says so (the customer's setting, another date of the sheet, a currency or number style)."""

    day_first: bool
    pinned: bool


def slash_evidence(cells: list[Cell]) -> set[bool]:
    """Which slash-date orders the sheet's text cells prove: True (day first) for "25/03/2026", False for
    "03/25/2026"."""
    proven: set[bool] = set()
    for cell in cells:
        if isinstance(cell, str) and len(cell) <= 12 and (found := _SLASH.match(cell.strip())):
            first, second = int(found[1]), int(found[2])
            if first > 12 >= second >= 1:
                proven.add(True)
            elif second > 12 >= first >= 1:
                proven.add(False)
    return proven


def date_order(setting: str | None, evidence: set[bool], hints: set[bool], european: bool) -> DateOrder:
    """The customer's setting first, then what the sheet's own dates prove, then the locale hints (``True`` day
    first: EUR, GBP, a decimal comma; ``False`` month first: USD); else ``european`` decides, not pinned."""
    if setting in ("day_first", "month_first"):
        return DateOrder(setting == "day_first", True)
    for found in (evidence, hints):
        if len(found) == 1:
            return DateOrder(next(iter(found)), True)
        if found:  # contradicting: nothing pins the order
            break
    return DateOrder(european, False)


def parse_date(cell: Cell, european: bool, pinned: bool = True) -> tuple[date | None, bool]:
    """A date from a cell and whether the reading is sure. Slashes are month/day/year unless the document is
    European (day/month/year); a slash date that only fits the other way round is read so, but not sure; one that
    fits both ways ("03/04/2026") is sure only when the order is ``pinned``."""
    if isinstance(cell, datetime):
        return cell.date(), True
    if isinstance(cell, date):
        return cell, True
    if not isinstance(cell, str):
        return None, False
    text = _fold(" ".join(cell.split()))
    if found := _ISO.match(text):
        return _make(int(found[1]), int(found[2]), int(found[3])), True
    if found := _DOTS.match(text):
        return _make(int(found[3]), int(found[2]), int(found[1])), True
    if found := _SLASH.match(text):
        first, second, year = int(found[1]), int(found[2]), int(found[3])
        month, day = (second, first) if european else (first, second)
        value = _make(year, month, day)
        if value is not None:
            return value, pinned or first == second or first > 12 or second > 12
        return _make(year, day, month), False
    if found := _DAY_MON_YEAR.match(text):
        named = _MONTHS.get(found[2])
        return (_make(int(found[3]), named, int(found[1])), True) if named else (None, False)
    if found := _MON_DAY_YEAR.match(text):
        named = _MONTHS.get(found[1])
        return (_make(int(found[3]), named, int(found[2])), True) if named else (None, False)
    return None, False
