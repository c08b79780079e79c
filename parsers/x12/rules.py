"""The element rules the 850 reader enforces before trusting a segment.

A deliberately small table (mandatory elements, paired elements, numeric and date types) for the
segments the 850 mapping reads; full implementation-guide maps replace it in a later issue. Each
violation becomes an AK3/AK4 in the 997 with the X12 error code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.x12.lexer import digits
from schemas.acknowledgement import SyntaxError_

# AK403 codes
MANDATORY_MISSING = "1"
CONDITIONAL_MISSING = "2"
TOO_LONG = "5"
INVALID_CHARACTER = "6"
INVALID_DATE = "8"
# AK304 codes
MANDATORY_SEGMENT_MISSING = "3"
SEGMENT_HAS_ELEMENT_ERRORS = "8"

NUMERIC = re.compile(r"-?(\d+\.?\d*|\.\d+)\Z", re.ASCII)  # X12 type R; N is the same without a point
INTEGER = re.compile(r"-?\d+\Z", re.ASCII)


@dataclass(frozen=True)
class SegmentRule:
    mandatory: tuple[int, ...] = ()
    pairs: tuple[tuple[int, int], ...] = ()  # syntax note P: both or neither
    conditionals: tuple[tuple[int, int], ...] = ()  # syntax note C: if the first, then the second
    numeric: tuple[int, ...] = ()
    integer: tuple[int, ...] = ()
    dates: tuple[int, ...] = ()
    refs: dict[int, str] = field(default_factory=dict)  # element position -> data element number
    max_lengths: dict[int, int] = field(default_factory=dict)  # numbers count digits only, as X12 does


_PO1_PAIRS = tuple((p, p + 1) for p in range(6, 25, 2))
_SDQ_PAIRS = tuple((p, p + 1) for p in range(5, 22, 2))

RULES: dict[str, SegmentRule] = {
    "BEG": SegmentRule(
        max_lengths={3: 22, 4: 30},
        mandatory=(1, 2, 3, 5),
        dates=(5,),
        refs={1: "353", 2: "92", 3: "324", 4: "328", 5: "373"},
    ),
    "CUR": SegmentRule(max_lengths={2: 3}, mandatory=(1, 2), refs={1: "98", 2: "100"}),
    "REF": SegmentRule(max_lengths={1: 3, 2: 50}, mandatory=(1,), refs={1: "128", 2: "127", 3: "352"}),
    "PER": SegmentRule(mandatory=(1,), pairs=((3, 4), (5, 6), (7, 8)), refs={1: "366", 3: "365", 4: "364"}),
    "DTM": SegmentRule(mandatory=(1,), dates=(2,), refs={1: "374", 2: "373"}),
    "N1": SegmentRule(
        max_lengths={1: 3, 2: 60, 3: 2, 4: 80},
        mandatory=(1,),
        pairs=((3, 4),),
        refs={1: "98", 2: "93", 3: "66", 4: "67"},
    ),
    "N3": SegmentRule(mandatory=(1,), refs={1: "166"}),
    "PO1": SegmentRule(
        max_lengths={1: 20, 2: 15, 3: 2, 4: 17} | {p: 2 if p % 2 == 0 else 48 for p in range(6, 26)},
        numeric=(2, 4),
        pairs=_PO1_PAIRS,
        refs={1: "350", 2: "330", 3: "355", 4: "212", 5: "639"}
        | {p: "235" if p % 2 == 0 else "234" for p in range(6, 26)},
    ),
    "PID": SegmentRule(mandatory=(1,), refs={1: "349", 5: "352"}),
    "PO4": SegmentRule(
        max_lengths={1: 6, 2: 8, 6: 9, 8: 9, 14: 6},
        numeric=(1, 2, 6, 8, 14),
        pairs=((6, 7), (8, 9)),
        conditionals=((5, 6),),
        refs={1: "356", 2: "357", 3: "355", 5: "187", 6: "384", 7: "355", 8: "385", 9: "355", 14: "810"},
    ),
    "SDQ": SegmentRule(
        max_lengths={4: 15}, mandatory=(1, 3, 4), pairs=_SDQ_PAIRS, refs={1: "355", 2: "66", 3: "67", 4: "380"}
    ),
    "SAC": SegmentRule(
        max_lengths={5: 15, 7: 6, 8: 9, 10: 15},
        mandatory=(1,),
        integer=(5,),
        numeric=(7, 8, 10),
        refs={1: "248", 2: "1300", 5: "610"},
    ),
    "CTT": SegmentRule(
        max_lengths={1: 6, 2: 10}, mandatory=(1,), integer=(1,), numeric=(2,), refs={1: "354", 2: "347"}
    ),
    "AMT": SegmentRule(max_lengths={2: 18}, mandatory=(1, 2), numeric=(2,), refs={1: "522", 2: "782"}),
    "MSG": SegmentRule(mandatory=(1,), refs={1: "933"}),
}


def check_segment(e: list[str], position: int) -> list[SyntaxError_]:
    """Element errors of one segment given as its elements padded with '' (``e[0]`` is the segment ID);
    ``position`` counts from ST = 1."""
    rule = RULES.get(e[0])
    if rule is None:
        return []
    found: list[tuple[int, str, str, str | None]] = []  # (position, code, message, bad value)
    for pos in rule.mandatory:
        if not e[pos]:
            found.append((pos, MANDATORY_MISSING, "is mandatory and missing", None))
    for first, second in rule.pairs:
        a, b = e[first], e[second]
        if a and not b:
            found.append(
                (second, CONDITIONAL_MISSING, f"is required when {e[0]}{first:02d} is present (syntax note P)", None)
            )
        elif b and not a:
            found.append(
                (first, CONDITIONAL_MISSING, f"is required when {e[0]}{second:02d} is present (syntax note P)", None)
            )
    for first, second in rule.conditionals:
        if e[first] and not e[second]:
            found.append(
                (second, CONDITIONAL_MISSING, f"is required when {e[0]}{first:02d} is present (syntax note C)", None)
            )
    for pos in rule.numeric:
        value = e[pos]
        if value and not NUMERIC.match(value):
            found.append((pos, INVALID_CHARACTER, f"{value!r} is not a number", value))
    for pos in rule.integer:
        value = e[pos]
        if value and not INTEGER.match(value):
            found.append((pos, INVALID_CHARACTER, f"{value!r} is not a whole number", value))
    for pos, limit in rule.max_lengths.items():
        value = e[pos]
        if len(value) <= limit:
            continue
        numeric = pos in rule.numeric or pos in rule.integer
        size = len(value) - value.count(".") - value.startswith("-") if numeric else len(value)
        if size > limit:
            found.append((pos, TOO_LONG, f"is {size} long, more than the {limit} X12 allows", value[:40]))
    for pos in rule.dates:
        value = e[pos]
        if value and parse_date(value) is None:
            found.append((pos, INVALID_DATE, f"{value!r} is not a valid date (CCYYMMDD)", value))
    return [
        SyntaxError_(
            segment_id=e[0],
            segment_position=position,
            segment_code=SEGMENT_HAS_ELEMENT_ERRORS,
            element_position=pos,
            element_reference=rule.refs.get(pos),
            element_code=code,
            bad_value=value,
            message=f"{e[0]}{pos:02d} {message}",
        )
        for pos, code, message, value in found
    ]


def parse_date(value: str):  # -> date | None
    """X12 DT: CCYYMMDD, or YYMMDD in versions before 004010 (years below 50 are 20xx)."""
    from datetime import date

    if not digits(value):
        return None
    try:
        if len(value) == 8:
            return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
        if len(value) == 6:
            yy = int(value[:2])
            return date(2000 + yy if yy < 50 else 1900 + yy, int(value[2:4]), int(value[4:6]))
    except ValueError:
        return None
    return None
