"""Dates as people write them in order mails, and which of them is the delivery date asked for.

Slashes are month/day/year in English mails and day/month/year in French ones; dots are day.month.year;
a date without a year takes the year of the mail's ``Date`` header (and a bare "the 25th" its month too),
rolled into the next year when that would put it months before the mail was sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parsers.email.vocab import DATE_PATTERNS, MONTHS, ORDER_DATE_CUES, REQUESTED_CUES

_CUE_WINDOW = 28  # characters between the end of a cue and the date it announces
_REQUESTED = re.compile(
    r"(?i)(?:^|[^\w])(?:" + "|".join(re.escape(c) for c in sorted(REQUESTED_CUES, key=len, reverse=True)) + r")"
    r"(?:\s+(?:it|them|this|the goods|date|on|at|the|du|le|am|bis|zum))*\s*:?\s*$"
)
_ORDERED = re.compile(
    r"(?i)(?:^|[^\w])(?:" + "|".join(re.escape(c) for c in ORDER_DATE_CUES) + r")(?:\s+(?:on|le|vom|du))?\s*:?\s*$"
)
_NEGATED = re.compile(r"(?i)\b(?:no specific|no rush|not before|nicht vor|pas avant)\b")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: date
    kind: str  # "requested" or "ordered"
    has_year: bool


def _year(two_or_four: str) -> int:
    year = int(two_or_four)
    return year + 2000 if year < 100 else year


def _make(year: int | None, month: int, day: int, sent: date | None) -> tuple[date | None, bool]:
    if year is not None:
        try:
            return date(year, month, day), True
        except ValueError:
            return None, True
    base = sent or date.today()
    try:
        found = date(base.year, month, day)
    except ValueError:
        return None, False
    if (base - found).days > 60:  # "January 5" in a December mail means next January
        try:
            found = date(base.year + 1, month, day)
        except ValueError:
            return None, False
    return found, False


def _value(kind: str, m: re.Match[str], sent: date | None, day_first: bool) -> tuple[date | None, bool]:
    groups = m.groupdict()
    if kind == "iso":
        return _make(int(groups["y"]), int(groups["m"]), int(groups["d"]), sent)
    if kind == "numeric":
        a, b = int(groups["a"]), int(groups["b"])
        first_is_day = groups["sep"] == "." or day_first or a > 12
        day, month = (a, b) if first_is_day else (b, a)
        return _make(_year(groups["y"]), month, day, sent)
    if kind in ("dmy_name", "mdy_name"):
        named = MONTHS.get(groups["mon"].lower().rstrip("."))
        if named is None:
            return None, False
        year = _year(groups["y"]) if groups.get("y") else None
        return _make(year, named, int(groups["d"]), sent)
    if kind == "short":
        a, b = int(groups["a"]), int(groups["b"])
        day, month = (a, b) if day_first or a > 12 else (b, a)
        return _make(None, month, day, sent)
    if kind == "day":
        base = sent or date.today()
        day = int(groups["d"])
        try:
            found = date(base.year, base.month, day)
        except ValueError:
            return None, False
        if found < base:  # "by the 3rd" written on the 20th: next month
            month, year = (1, base.year + 1) if base.month == 12 else (base.month + 1, base.year)
            try:
                found = date(year, month, day)
            except ValueError:
                return None, False
        return found, False
    return None, False


def find_dates(text: str, sent: date | None, day_first: bool) -> list[FoundDate]:
    """Every date in ``text`` that a cue announces as the requested delivery date or the order date.

    A date no cue announces ("I'll send the PO on Monday", the date of a quoted mail) is not returned.
    """
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value, has_year = _value(kind, m, sent, day_first)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - _CUE_WINDOW - 20) : m.start()]
            if _NEGATED.search(before):
                continue
            if _ORDERED.search(before):
                found.append(FoundDate(m.start(), m.end(), value, "ordered", has_year))
            elif _REQUESTED.search(before):
                found.append(FoundDate(m.start(), m.end(), value, "requested", has_year))
    found.sort(key=lambda d: d.start)
    return found


def date_spans(text: str, sent: date | None, day_first: bool) -> list[tuple[int, int]]:
    """Where every date-looking string is, cued or not: numbers inside them are not quantities."""
    spans: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if kind == "short":
                continue  # "1/2" is as often a fraction as a date; only a cue makes it one
            if _value(kind, m, sent, day_first)[0] is not None:
                spans.append((m.start(), m.end()))
    return spans
