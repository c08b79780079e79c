"""The labelled fields around a sheet's line table (PO number, dates, ship-to, buyer, currency, terms), and
:class:`Extract`, what one sheet yielded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from parsers.capture import LOW_CONFIDENCE
from parsers.sheet.layout import Found, address_party, buyer_from_title, labelled_fields
from parsers.sheet.read import Grid
from parsers.sheet.synonyms import Vocabulary
from parsers.sheet.values import Cell, DateOrder, currency_in, parse_date, text_of, tidy
from schemas.order import HoldReason, Identifier, OrderLine, Party, Terms

SURE = 0.95  # found under a known label or header, and nothing contradicts the reading
DOUBT = 0.6


@dataclass
class Extract:
    """What one sheet yielded; ``parse_sheet`` turns it into an Order."""

    sheet: str
    po_number: str = ""
    po_date: date | None = None
    requested_date: date | None = None
    currency: str | None = None
    buyer: Party | None = None
    ship_to: Party | None = None
    bill_to: Party | None = None
    terms: Terms | None = None
    lines: list[OrderLine] = field(default_factory=list)
    stated_total: Decimal | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    hold_reasons: list[HoldReason] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    header_known: int = 0


def _single(found: Found | None) -> Cell:
    return found.cells[0] if found is not None and found.cells else None


def _identifier(cell: Cell) -> str:
    """A code as printed: a number cell without its float tail (4500012360, not 4500012360.0); never a date."""
    if isinstance(cell, Decimal):
        return format(tidy(cell), "f")
    return "" if isinstance(cell, date) else text_of(cell)


def read_fields(found: Extract, grid: Grid, vocab: Vocabulary, skip: set[int], dates: DateOrder) -> None:
    """Every known label outside the table (rows in ``skip``) into ``found``, with its confidence."""
    fields = labelled_fields(grid, vocab, skip)
    _po_number(found, fields.get("po_number"))
    for role in ("po_date", "requested_date"):
        item = fields.get(role)
        value, sure = parse_date(_single(item), dates.day_first, dates.pinned)
        if item is not None and value is not None:
            setattr(found, role, value)
            found.confidence[role] = SURE if sure and not item.conflict else DOUBT
            if not sure:
                found.warnings.append(
                    f"{item.label!r} {text_of(_single(item))!r} could be read day or month first; read as {value}"
                )
            if not sure and role == "requested_date":  # a delivery on the wrong day: a person confirms the date
                found.hold_reasons.append(
                    HoldReason(
                        code=LOW_CONFIDENCE,
                        message=f"the requested date {text_of(_single(item))!r} could be day or month first "
                        f"(read as {value}); nothing on the sheet or in the customer's settings says which",
                        field="requested_date",
                    )
                )
    for role in ("ship_to", "bill_to"):
        item = fields.get(role)
        party, sure = address_party(item.cells, role) if item is not None else (None, False)
        if item is not None and party is not None:
            setattr(found, role, party)
            found.confidence[role] = SURE if sure and not item.conflict else DOUBT
    location = fields.get("ship_to_code")
    code = _identifier(_single(location))
    if location is not None and code and len(code) <= 20:  # a printed location code: the core checks it
        found.ship_to = found.ship_to or Party(role="ST")
        found.ship_to.identifiers.append(Identifier(qualifier="92", value=code))
        found.confidence["ship_to"] = SURE if not location.conflict else DOUBT
    buyer = fields.get("buyer")
    if buyer is not None and text_of(_single(buyer)):
        found.buyer = Party(role="BY", name=text_of(_single(buyer)))
        found.confidence["buyer"] = 0.9 if not buyer.conflict else DOUBT
    elif (title := buyer_from_title(grid)) is not None:
        found.buyer = Party(role="BY", name=title)
        found.confidence["buyer"] = 0.7
    currency = fields.get("currency")
    if currency is not None and found.currency is None:
        text = text_of(_single(currency)).upper()
        stated = currency_in(text) or (text if len(text) == 3 and text.isalpha() else None)
        if stated:
            found.currency = stated
            found.confidence["currency"] = SURE
    terms = fields.get("terms")
    if terms is not None and text_of(_single(terms)):
        found.terms = Terms(description=text_of(_single(terms)))
        found.confidence["terms"] = 0.9


def _po_number(found: Extract, po: Found | None) -> None:
    if po is None:
        return
    text = _identifier(_single(po))
    if text and any(ch.isdigit() for ch in text) and len(text) <= 40:
        found.po_number = text
        found.confidence["po_number"] = DOUBT if po.conflict or len(text.split()) > 2 else SURE
        return
    if text:
        found.warnings.append(f"{po.label!r} says {text!r}, which does not look like a PO number")
    found.confidence["po_number"] = 0.0  # the box is there, and empty (or holds no PO number)
