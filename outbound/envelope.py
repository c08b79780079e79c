"""Write interchanges: ISA/GS/ST around transaction-set bodies, with every count and control number.

Control numbers come from a :class:`ControlNumbers` allocator that the core backs with a database
counter per partner, so a number is never reused, even across restarts and workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mappers.profile import PartnerProfile


class ControlNumbers(Protocol):
    """Allocates the next number of a kind ('isa', 'gs', 'st') for a partner; never the same twice."""

    def next(self, partner_id: str, kind: str) -> int: ...


@dataclass
class Rendered:
    data: bytes
    interchange_control_number: str
    group_control_number: str
    set_control_numbers: list[str]


Segments = list[list[str]]  # each segment as [id, element1, element2, ...]


def _pad(value: str, width: int) -> str:
    return value[:width].ljust(width)


def render_interchange(
    profile: PartnerProfile,
    numbers: ControlNumbers,
    functional_id: str,
    sets: Sequence[tuple[str, Segments]],
    *,
    now: datetime,
    test: bool,
    version: str | None = None,
    plain_values: bool = False,
) -> Rendered:
    """One ISA with one GS holding ``sets`` (each (ST01, body segments without ST/SE)).

    ``plain_values``: no element is a composite, so the component separator inside a value (a PO number
    "PO>1") is blanked like the other delimiters; acknowledgements, whose AK4/IK4 composites use it, say False.
    """
    x12 = profile.x12
    d = x12.delimiters
    version = version or x12.version
    isa_version = version[:5]  # GS08 004010 → ISA12 00401
    isa13 = numbers.next(profile.partner_id, "isa") % 1_000_000_000
    gs06 = numbers.next(profile.partner_id, "gs") % 1_000_000_000
    repetition = d.repetition if isa_version >= "00402" else "U"
    isa = [
        "ISA",
        "00",
        " " * 10,
        "00",
        " " * 10,
        _pad(x12.our_isa_qualifier, 2),
        _pad(x12.our_isa_id, 15),
        _pad(x12.isa_qualifier, 2),
        _pad(x12.isa_id, 15),
        now.strftime("%y%m%d"),
        now.strftime("%H%M"),
        repetition,
        isa_version,
        f"{isa13:09d}",
        "0",
        "T" if test else "P",
        d.component,
    ]
    segments: Segments = [
        isa,
        [
            "GS",
            functional_id,
            x12.our_gs_id or x12.our_isa_id,
            x12.gs_id or x12.isa_id,
            now.strftime("%Y%m%d"),
            now.strftime("%H%M"),
            str(gs06),
            "X",
            version,
        ],
    ]
    set_numbers = []
    for set_id, body in sets:
        st02 = f"{numbers.next(profile.partner_id, 'st') % 1_000_000_000:04d}"
        set_numbers.append(st02)
        segments.append(["ST", set_id, st02])  # ST03 (implementation convention) only where a guide asks
        segments.extend(body)
        segments.append(["SE", str(len(body) + 2), st02])
    segments.append(["GE", str(len(sets)), str(gs06)])
    segments.append(["IEA", "1", f"{isa13:09d}"])
    reserved = {d.element, d.segment, d.repetition} if isa_version >= "00402" else {d.element, d.segment}
    if plain_values:
        reserved.add(d.component)
    lines = [d.element.join(isa)]  # ISA11 is the repetition separator itself: never cleaned
    lines += [_join(seg, d.element, reserved) for seg in segments[1:]]
    text = "".join(line + d.segment + d.segment_suffix for line in lines)
    return Rendered(text.encode("ascii", errors="replace"), f"{isa13:09d}", str(gs06), set_numbers)


def render_ta1_interchange(
    profile: PartnerProfile, numbers: ControlNumbers, ta1: list[str], *, now: datetime, test: bool
) -> Rendered:
    """An interchange holding only a TA1 (no functional group): ISA, TA1, IEA*0."""
    x12 = profile.x12
    d = x12.delimiters
    isa_version = x12.isa_version
    isa13 = numbers.next(profile.partner_id, "isa") % 1_000_000_000
    isa = [
        "ISA", "00", " " * 10, "00", " " * 10,
        _pad(x12.our_isa_qualifier, 2), _pad(x12.our_isa_id, 15),
        _pad(x12.isa_qualifier, 2), _pad(x12.isa_id, 15),
        now.strftime("%y%m%d"), now.strftime("%H%M"), d.repetition if isa_version >= "00402" else "U", isa_version,
        f"{isa13:09d}", "0", "T" if test else "P", d.component,
    ]  # fmt: skip
    reserved = {d.element, d.segment, d.component}
    lines = [
        d.element.join(isa),
        _join(ta1, d.element, reserved),
        _join(["IEA", "0", f"{isa13:09d}"], d.element, reserved),
    ]
    text = "".join(line + d.segment + d.segment_suffix for line in lines)
    return Rendered(text.encode("ascii", errors="replace"), f"{isa13:09d}", "", [])


def _join(segment: list[str], element: str, reserved: set[str]) -> str:
    """Join elements, dropping trailing empty ones (X12 forbids trailing separators).

    A value that contains a delimiter (a partner's bad value echoed in an AK4, say) would break the
    interchange: such characters become spaces.
    """
    values = [_clean(v, reserved) for v in segment]
    while len(values) > 1 and values[-1] == "":
        values.pop()
    return element.join(values)


def _clean(value: str, reserved: set[str]) -> str:
    if any(c in value for c in reserved):
        for c in reserved:
            value = value.replace(c, " ")
    return value
