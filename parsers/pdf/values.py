"""Reading printed values: amounts in US or European notation, dates in the forms order desks meet, units
and currencies. Pure functions of text; nothing here knows where on the page the text was."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

NumberFormat = Literal["us", "eu"]
DateOrder = Literal["mdy", "dmy"]

# what only one notation can mean; '1.000' and '1,000' (a thousand, or one with three decimals) vote for neither
_US_STRICT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}|\d+\.\d{4,}")
_EU_STRICT = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}|\d+,\d{4,}")
_NUMBER = re.compile(r"^[(-]?[$€£₹]?\s*[(-]?(\d[\d.,\s]*\d|\d)[)-]?%?$")
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "INR", "CHF", "CAD")
_CURRENCY_WORDS = {"rs": "INR", "rs.": "INR", "eur": "EUR", "usd": "USD"}


def detect_number_format(text: str) -> NumberFormat:
    """Which notation the document uses: European when ``1.234,56`` / ``8,60`` outnumber ``1,234.56`` / ``8.60``.

    Dates are removed first so ``03.03.2026`` and ``3/12/26`` do not vote."""
    body = re.sub(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b", " ", text)
    eu = sum(1 for m in re.finditer(r"(?<![\d.,])(?:" + _EU_STRICT.pattern + r")(?![\d.,])", body))
    us = sum(1 for m in re.finditer(r"(?<![\d.,])(?:" + _US_STRICT.pattern + r")(?![\d.,])", body))
    return "eu" if eu > us else "us"


def parse_number(text: str, fmt: NumberFormat = "us") -> Decimal | None:
    """A printed number (``1,234.56``, ``1.234,56``, ``$728.60``, ``1 234,56 €``, ``(12.00)``) or None."""
    raw = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    for sign in _CURRENCY_SIGNS:
        raw = raw.replace(sign, "")
    raw = raw.strip()
    if not raw or not _NUMBER.match(raw) or raw.endswith("%"):
        return None
    if raw.startswith("(") != raw.endswith(")"):
        return None  # '200)' is the end of '(box of 200)', not a number
    negative = raw.startswith(("-", "(")) or raw.endswith("-")
    digits = raw.strip("()-").strip()
    if " " in digits and not re.fullmatch(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", digits):
        return None  # spaces group thousands ('1 234,56'); '4.00 7731' is two numbers
    digits = digits.replace(" ", "")
    if fmt == "eu":
        if "," in digits and "." in digits and digits.rfind(".") > digits.rfind(","):
            return None  # 1,234.56 in a European document: not ours to guess
        digits = digits.replace(".", "").replace(",", ".")
    else:
        if "," in digits and "." in digits and digits.rfind(",") > digits.rfind("."):
            return None
        if re.fullmatch(r"\d+,\d{1,2}", digits):
            return None  # 8,60 in a US document: ambiguous, refuse rather than misread
        digits = digits.replace(",", "")
    if digits.count(".") > 1:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if negative else value


def is_number(text: str, fmt: NumberFormat = "us") -> bool:
    return parse_number(text, fmt) is not None


def is_percent(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:[.,]\d+)?\s*%", text.strip()))


# --- dates -------------------------------------------------------------------------------------------------

_MONTHS = {
    # English, German, French, Dutch (full and short forms)
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "okt": 10, "dez": 12, "mrz": 3,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_MONTH_WORD = r"([A-Za-zéûäÄ]{3,9})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|\.)?"


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# a date somewhere in a text ('Fulfillment Date: Nov 16, 2026', 'deliver by 3/20/26 please')
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
MONTH_NAMES = _MONTH_NAMES  # every month name and abbreviation we read, as one alternation
# every date :func:`parse_date` reads, found anywhere in a text ('… quote of 02-DEC-2026, deliver 21-DEC-2026'):
# numeric, ISO, '21-DEC-2026', '2. Dezember 2026', '21 décembre 2026', 'Dec. 21st, 2026'
# numeric dates have one separator and are not inside a run of it: '5/8-11' is a thread, '5/6/8/10/12 mm' a set of
# sizes; 'RFQ-0880/02.11.2026' holds one
_NUMERIC = "|".join(
    rf"(?<!\d)(?<!\d{re.escape(sep)})\d{{1,2}}{re.escape(sep)}\d{{1,2}}{re.escape(sep)}(?:\d{{4}}|\d{{2}})\b"
    rf"(?!{re.escape(sep)}\d)"
    for sep in "/.-"
)
_YEAR_FIRST = re.compile(r"(?<![\d./])(\d{4})(?:/(\d{1,2})/|\.(\d{1,2})\.)(\d{1,2})(?![\d]|[./]\d)")
DATE_IN_TEXT = re.compile(
    _NUMERIC + r"|\b\d{4}-\d{1,2}-\d{1,2}\b|" + _YEAR_FIRST.pattern + "|"
    rf"\b\d{{1,2}}[- /](?:{_MONTH_NAMES})\.?[- ,/]+(?:\d{{4}}|\d{{2}})\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:{_MONTH_NAMES})\.?\s+\d{{4}}\b|"
    rf"\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
    re.I,
)


_SPACED_SEPARATOR = re.compile(r"(?<=\d)(?:\s*([/.\-])\s+|\s+([/\-])\s*)(?=\d)")


def unspaced(text: str) -> str:
    """'06 / 05 / 2031' and '6. 5. 2031' as '06/05/2031' and '6.5.2031': separators set apart from the digits."""
    return _SPACED_SEPARATOR.sub(lambda m: m[1] or m[2], text)


def parse_date(text: str, order: DateOrder = "mdy") -> date | None:
    """The first date in ``text``: ``2026-03-06``, ``03/09/2026`` (``order`` decides m/d or d/m for slashes),
    ``09.03.2026`` (always d.m.y), ``09-Mar-2026``, ``12-MAR-26``, ``March 4, 2026``, ``4 March 2026``,
    ``1er avril 2026``, ``29 oktober 2015``, ``20-10-2015`` and ``01-22-2027`` (dashes like slashes)."""
    t = unspaced(text.strip())  # '06 / 05 / 2031': a report's separate day, month and year fields
    m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", t)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"\b(\d{4})[-/ ]" + _MONTH_WORD + r"[-/ ](\d{1,2})\b", t)
    if m and m[2].casefold() in _MONTHS:  # '2031-May-06': year, the month's name, day
        return _make(int(m[1]), _MONTHS[m[2].casefold()], int(m[3]))
    m = _YEAR_FIRST.search(t)
    if m:  # '2030/03/04' (Korea, Japan, China): the year first is always year, month, day
        return _make(int(m[1]), int(m[2] or m[3]), int(m[4]))
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", t)
    if m:
        a, b, y = int(m[1]), int(m[2]), _year(m[3])
        return _make(y, a, b) if order == "mdy" else _make(y, b, a)
    m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\b", t)
    if m:
        return _make(_year(m[3]), int(m[2]), int(m[1]))
    m = re.search(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b", t)
    if m:  # '01-22-2027' (ERPNext's mm-dd-yyyy) or '20-10-2015': as the document's slashed dates
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        return _make(y, a, b) if order == "mdy" else _make(y, b, a)
    m = re.search(r"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{2})(?![\d-])", t)
    if m:  # '14-04-36' (Dynamics C5): day or month first as the document's slashed dates; but where the last part
        a, b, y = int(m[1]), int(m[2]), int(m[3])  # could be a day, the year may come first ('36-04-14' in
        if y <= 31:  # Sweden's short form): not read, and a date printed and not read holds the order
            return None
        # (a part above 12 says which is the day by itself: figures like '26-05-19' elsewhere, a cost code, say
        # nothing of the document's dates, review 30)
        day_first = a > 12 or (b <= 12 and order == "dmy")
        return _make(_year(m[3]), b, a) if day_first else _make(_year(m[3]), a, b)
    m = re.search(r"\b(\d{1,2})[- /]" + _MONTH_WORD + r"[- ,/]+(\d{4}|\d{2})\b", t)  # '02/May/2031' (CONTPAQi)
    if m and m[2].casefold() in _MONTHS:
        return _make(_year(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    m = re.search(r"\b" + _DAY + r"\s+" + _MONTH_WORD + r",?\s+(\d{4})\b", t)  # '6th May, 2031' too
    if m and m[2].casefold() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    m = re.search(r"\b" + _MONTH_WORD + r"\s+" + _DAY + r",?\s+(\d{4})\b", t)
    if m and m[1].casefold() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
    return None


def ambiguous_slashed(text: str) -> bool:
    """Whether the date :func:`parse_date` reads in ``text`` is a slashed one valid both as m/d and as d/m
    and different each way (03/04/2026), so only the document's convention can decide it."""
    t = text.strip()
    if re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", t):
        return False
    m = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", t)
    if m is None and not re.search(r"\b\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})\b", t):
        m = re.search(r"\b(\d{1,2})-(\d{1,2})-(\d{4}|\d{2}(?![\d-]))\b", t)
    return m is not None and int(m[1]) <= 12 and int(m[2]) <= 12 and int(m[1]) != int(m[2])


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b|\b(?<!-)(\d{1,2})-(\d{1,2})-(\d{4})\b")


_FORMAT_HINT = re.compile(
    r"\b(?:(dd|jj|tt|gg)[/.-]mm|mm[/.-](?:dd|jj|tt|gg))[/.-](?:yy|yyyy|aa|aaaa|jj|jjjj|aaaa)\b", re.I
)


def _written_date_order(text: str) -> DateOrder | None:
    """The order the dates or the language show: a slashed (or dashed) date with a part above 12, or German /
    French / Dutch words (which put the day first)."""
    hint = _FORMAT_HINT.search(text)  # 'Order Date (DD/MM/YYYY)': the caption says how its dates are written
    if hint:
        return "dmy" if hint[1] else "mdy"
    for m in _NUMERIC_DATE.finditer(text):
        first, second = int(m[1] or m[4]), int(m[2] or m[5])
        if first > 12:
            return "dmy"
        if second > 12:
            return "mdy"
    lowered = text.casefold()
    if any(word in lowered for word in ("bestell", "commande", "datum", "factuur", "livraison")):
        return "dmy"
    return None


def date_order_evidence(text: str) -> DateOrder | None:
    """The slashed-date order the document itself shows — a date with a part above 12, a day-first language,
    a currency of a day-first or a month-first country — else None (the default would be a guess)."""
    written = _written_date_order(text)
    if written is not None:
        return written
    if re.search(r"\b(USD|US\$)\b|\bU\.S\.A?\b", text):
        return "mdy"
    if re.search(r"\b(EUR|GBP|INR|AUD|NZD)\b|[€£₹]", text):
        return "dmy"
    return None


def detect_date_order(text: str) -> DateOrder:
    """Slashed dates are month/day/year unless the document shows a day above 12 in the first place, or is
    written in German / French / Dutch (which put the day first)."""
    return _written_date_order(text) or "mdy"


# --- units and currency ------------------------------------------------------------------------------------

UNITS = {
    "EA": "EA", "EACH": "EA", "ST": "EA", "STK": "EA", "STÜCK": "EA", "U": "EA", "PIÈCE": "EA", "PIECE": "EA",
    "PIÈCES": "EA", "PC": "EA", "PCS": "EA", "UNIT": "EA", "UNITS": "EA", "STUK": "EA", "STUKS": "EA", "UNITÉ": "EA",
    "UNITÉS": "EA", "UNITE": "EA", "UNITES": "EA", "STCK": "EA", "STCKE": "EA", "STÜCKE": "EA",
    "BX": "BX", "BOX": "BX", "BOXES": "BX", "BOXEN": "BX", "BOÎTE": "BX", "BOITE": "BX", "BOÎTES": "BX",
    "CS": "CS", "CASE": "CS", "CASES": "CS", "CAS": "CS",  # BASSnet: 'CAS'
    "CA": "CS", "RO": "RL",  # X12's case (UOM 'CA'), EDIFACT's roll (Rec. 20 'RO')
    # a carton is the package the item ships in: a box or a case, which only the item master tells (capture)
    "KART": "CT", "KARTON": "CT", "KARTONS": "CT", "CARTON": "CT", "CARTONS": "CT", "CART": "CT",  # 'cart.' (Coswin)
    "PK": "PK", "PACK": "PK", "PACKS": "PK", "PAK": "PK", "PCK": "PK", "PAKET": "PK", "PAQUET": "PK", "PAQUETS": "PK",
    "PAC": "PK",  # BASSnet
    "PKT": "PK", "PKTS": "PK",  # India (BUSY, Tally): 'Pkt.'
    "PKG": "PK", "PKGS": "PK", "PACKUNG": "PK",  # ready2order: 'Pkg.' (Packung)
    "NOS": "EA", "NO": "EA",  # ERPNext's default unit ("numbers")
    "UN": "EA", "UND": "EA", "UDS": "EA",  # Spanish and Portuguese prints ('unidad', 'unidade': FactuSOL)
    # the abbreviations of French and Belgian prints (pièce, rouleaux, carton, paquet, boîte)
    "PCE": "EA", "PCES": "EA", "RLX": "RL", "CTN": "CT", "CTNS": "CT", "PAQ": "PK", "PQT": "PK", "BTE": "BX",
    "RL": "RL", "ROLL": "RL", "ROLLS": "RL", "ROL": "RL", "ROLLE": "RL", "ROULEAU": "RL", "ROULEAUX": "RL",
    "PR": "PR", "PAIR": "PR", "PAIRS": "PR", "PAAR": "PR", "PAIRE": "PR", "PAIRES": "PR", "PRS": "PR",
    "DZ": "DZ", "DOZEN": "DZ", "KG": "KG", "G": "GR", "GR": "GR", "L": "LT", "LT": "LT",
}  # fmt: skip


def unit_code(text: str) -> str | None:
    """Our unit code for a printed unit (``Stück`` → EA, ``cartons`` → CS), or None when it is not a unit."""
    return UNITS.get(text.strip().strip(".").upper())


def currency_in(text: str) -> str | None:
    """An ISO currency the text states (``USD``, ``EUR``, ``$``, ``€``), or None."""
    for code in CURRENCY_CODES:
        if re.search(rf"\b{code}\b", text):
            return code
    for sign, code in _CURRENCY_SIGNS.items():
        if sign in text:
            return code
    for word in re.findall(r"[A-Za-z.]+", text):
        if word.casefold() in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[word.casefold()]
    return None
