"""Segment builders the 855, 856 and 810 share: numbers, dates, N1 loops, product ID pairs.

The readers in ``parsers/x12/documents.py`` undo exactly these; a change here is a change there.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from outbound.envelope import Segments
from schemas.order import Identifier, Party

# X12 R and N2 values carry no exponent and no trailing zeros: 12.50 is written 12.5, 10 is 10.


def num(value: Decimal | int | None) -> str:
    """An R (decimal) element: no exponent, no trailing zeros, no leading '+'."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def implied2(amount: Decimal) -> str:
    """An N2 element: the amount in cents, its two decimals implied (123.45 → 12345, -1.5 → -150)."""
    cents = (amount * 100).quantize(Decimal(1))
    if cents != amount * 100:
        raise ValueError(f"{amount} has more than two decimals; an N2 element cannot carry it")
    return str(int(cents))


def ymd(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def hm(value: time | None) -> str:
    return value.strftime("%H%M") if value else ""


def id_pairs(identifiers: list[Identifier], max_pairs: int) -> list[str]:
    """Qualifier/value pairs (PO106/07.., LIN02/03.., IT106/07..), at most ``max_pairs`` of them."""
    if len(identifiers) > max_pairs:
        raise ValueError(f"{len(identifiers)} product identifiers; this segment holds {max_pairs}")
    out: list[str] = []
    for ident in identifiers:
        out += [ident.qualifier, ident.value]
    return out


def party_loop(party: Party, role: str | None = None) -> Segments:
    """N1 (role, name, first identifier), N3 (two address lines each), N4 (city, state, postal code, country)."""
    ident = party.identifiers[0] if party.identifiers else None
    role = role or party.role
    if not role:
        raise ValueError(f"party {party.name or ident} has no N101 role")
    segments: Segments = [
        ["N1", role, party.name or "", ident.qualifier if ident else "", ident.value if ident else ""]
    ]
    lines = party.address_lines
    for i in range(0, min(len(lines), 4), 2):
        segments.append(["N3", *lines[i : i + 2]])
    if party.city or party.state or party.postal_code or party.country:
        segments.append(["N4", party.city or "", party.state or "", party.postal_code or "", party.country or ""])
    return segments
