"""850 purchase order → canonical :class:`schemas.Order`.

Reads the segments a retailer's 850 carries (BEG, CUR, REF, PER, FOB, ITD, DTM, TD5, N9/MSG, N1 loops at
header and line level, PO1 with every product-ID pair, PID, PO4, SDQ, SAC, CTT, AMT) and keeps loop
context by position: a REF after an N1 belongs to that party, a DTM after a PO1 to that line.
Syntax errors are returned alongside, never raised, so the set can be rejected with an AK3/AK4.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from parsers.x12.envelope import TransactionSet
from parsers.x12.lexer import small_int
from parsers.x12.rules import MANDATORY_SEGMENT_MISSING, NUMERIC, RULES, check_segment, parse_date
from schemas.acknowledgement import SyntaxError_
from schemas.order import (
    Order,
    Purpose,
    Source,
)

PURPOSES = {
    "00": Purpose.ORIGINAL,
    "01": Purpose.CANCEL,
    "04": Purpose.CHANGE,
    "05": Purpose.CHANGE,  # replace
    "06": Purpose.CONFIRMATION,
    "07": Purpose.DUPLICATE,
}
PARTY_SLOTS = {"BY": "buyer", "SE": "seller", "VN": "seller", "ST": "ship_to", "BT": "bill_to", "Z7": "mark_for"}
# Product/service ID qualifiers (235) that fill a dedicated field; the first one found wins.
BUYER_PART = ("BP", "IN", "CB")
VENDOR_PART = ("VN", "VP", "VA")
GTIN = ("UK", "EN", "EO")
UPC = ("UP", "UA", "UI")
REQUESTED_DATE_QUALIFIERS = ("002", "010", "037")


def dec(value: str) -> Decimal | None:
    """An X12 R/N value as Decimal (None when empty or not a number; the rules report the latter)."""
    if not value or len(value) > 30 or not NUMERIC.match(value):
        return None  # absent, or not a number, or absurdly long: the rules report the last two
    return Decimal(value)


def _implied2(value: str) -> Decimal | None:
    """An N2 value (two implied decimals), e.g. SAC05 '1050' → 10.50."""
    d = dec(value)
    return None if d is None else d.scaleb(-2)


def _int(value: str) -> int | None:
    return small_int(value)


def _opt(value: str) -> str | None:
    return value or None


Obj = dict[str, Any]
_UNIT = re.compile(r"[A-Z0-9]{2}")  # POC05 is a composite: its first component is the unit


def _party(role: str | None, name: str | None) -> Obj:
    return {"role": role, "name": name, "identifiers": [], "address_lines": [], "contacts": [], "references": []}


def _line(e: list[str]) -> Obj:
    line: Obj = {
        "line_number": _opt(e[1]),
        "quantity": dec(e[2]),
        "uom": _opt(e[3]),
        "unit_price": dec(e[4]),
        "price_basis": _opt(e[5]),
        "identifiers": [],
        "buyer_part_number": None,
        "vendor_part_number": None,
        "gtin": None,
        "upc": None,
        "description": None,
        "destinations": [],
        "requested_date": None,
        "references": [],
        "dates": [],
        "allowances_charges": [],
        "ship_to": None,
        "notes": [],
    }
    for pos in range(6, len(e) - 1, 2):
        qual, value = e[pos], e[pos + 1]
        if not (qual and value):
            continue
        line["identifiers"].append({"qualifier": qual, "value": value})
        if qual in BUYER_PART:
            line["buyer_part_number"] = line["buyer_part_number"] or value
        elif qual in VENDOR_PART:
            line["vendor_part_number"] = line["vendor_part_number"] or value
        elif qual in GTIN:
            line["gtin"] = line["gtin"] or value
        elif qual in UPC:
            line["upc"] = line["upc"] or value
    return line


class _Builder:
    """Walks one 850's segments, tracking which loop (header party, line, line party) is open.

    It builds plain dicts and validates them into an :class:`Order` once at the end: one pass through
    pydantic's core per order instead of one per party, line and identifier.
    """

    def __init__(self, order: Obj) -> None:
        self.order = order
        self.line: Obj | None = None
        self.party: Obj | None = None  # the N1 loop currently open, header or line
        self.after_ctt = False

    def _here(self, key: str) -> list[Any]:
        """The list ``key`` of the innermost open loop that has one: party, then line, then header."""
        for scope in (self.party, self.line):
            if scope is not None and key in scope:
                return scope[key]  # type: ignore[no-any-return]
        return self.order[key]  # type: ignore[no-any-return]

    # -- header and line segments -------------------------------------------------------------------
    def beg(self, e: list[str]) -> None:
        o = self.order
        o["purpose_code"] = e[1]
        o["purpose"] = PURPOSES.get(e[1], Purpose.ORIGINAL)
        if e[1] not in PURPOSES:
            o["warnings"].append(f"BEG01 {e[1]!r} is not a purpose orderhub handles; read as original")
        o["order_type"] = _opt(e[2])
        o["po_number"] = e[3]
        o["release_number"] = _opt(e[4])
        o["po_date"] = parse_date(e[5])

    def bch(self, e: list[str]) -> None:
        """860 header: BCH01 purpose (01 cancel; anything else changes the order), PO number, PO date."""
        o = self.order
        o["purpose_code"] = e[1]
        o["purpose"] = Purpose.CANCEL if e[1] == "01" else Purpose.CHANGE
        o["change_request"] = True
        if e[1] not in ("01", "04", "05"):
            o["warnings"].append(f"BCH01 {e[1]!r} is not a purpose orderhub handles for an 860; read as a change")
        o["order_type"] = _opt(e[2])
        o["po_number"] = e[3]
        o["release_number"] = _opt(e[4])
        o["po_date"] = parse_date(e[6])

    def cur(self, e: list[str]) -> None:
        currency = e[2]
        if self.order.get("currency") is None:
            self.order["currency"] = currency
        elif currency and currency != self.order["currency"]:
            self.order["warnings"].append(f"CUR {currency} differs from the order currency {self.order['currency']}")

    def ref(self, e: list[str]) -> None:
        self._here("references").append({"qualifier": e[1], "value": e[2], "description": _opt(e[3])})

    def per(self, e: list[str]) -> None:
        contact: Obj = {"function": _opt(e[1]), "name": _opt(e[2]), "other": []}
        for pos in (3, 5, 7):
            qual, value = e[pos], e[pos + 1]
            if not value:
                continue
            slot = {"TE": "phone", "EM": "email", "FX": "fax"}.get(qual)
            if slot and slot not in contact:
                contact[slot] = value
            else:
                contact["other"].append({"qualifier": qual, "value": value})
        (self.party["contacts"] if self.party is not None else self.order["contacts"]).append(contact)

    def fob(self, e: list[str]) -> None:
        self.order["fob"] = {
            "payment_method": _opt(e[1]),
            "location_qualifier": _opt(e[2]),
            "description": _opt(e[3]),
            "terms_qualifier": _opt(e[4]),
            "terms": _opt(e[5]),
        }

    def itd(self, e: list[str]) -> None:
        self.order["terms"] = {
            "type_code": _opt(e[1]),
            "basis_date_code": _opt(e[2]),
            "discount_percent": dec(e[3]),
            "discount_due_date": parse_date(e[4]),
            "discount_days": _int(e[5]),
            "net_due_date": parse_date(e[6]),
            "net_days": _int(e[7]),
            "description": _opt(e[12]),
        }

    def dtm(self, e: list[str]) -> None:
        value = parse_date(e[2])
        if value is None:
            return  # no date (DTM03/05 only) or an invalid one, which the rules report
        ref = {"qualifier": e[1], "value": value, "time": _opt(e[3])}
        if self.line is not None:
            self.line["dates"].append(ref)
            if self.line["requested_date"] is None and ref["qualifier"] in REQUESTED_DATE_QUALIFIERS:
                self.line["requested_date"] = value
        else:
            self.order["dates"].append(ref)

    def td5(self, e: list[str]) -> None:
        if self.line is not None:
            return  # line-level routing is rare and has no canonical field yet
        self.order["carrier"] = {
            "routing_sequence": _opt(e[1]),
            "id_qualifier": _opt(e[2]),
            "id": _opt(e[3]),
            "transport_method": _opt(e[4]),
            "routing": _opt(e[5]),
            "service_level": _opt(e[12]),
        }

    def note(self, text: str) -> None:
        if text:
            (self.line["notes"] if self.line is not None else self.order["notes"]).append(text)

    def n9(self, e: list[str]) -> None:
        ref = {"qualifier": e[1], "value": e[2], "description": _opt(e[3])}
        (self.line["references"] if self.line is not None else self.order["references"]).append(ref)

    def sac(self, e: list[str]) -> None:
        charge = {
            "indicator": e[1],
            "code": _opt(e[2]),
            "amount": _implied2(e[5]),
            "percent": dec(e[7]),
            "rate": dec(e[8]),
            "uom": _opt(e[9]),
            "quantity": dec(e[10]),
            "handling_code": _opt(e[12]),
            "description": _opt(e[15]),
        }
        (self.line if self.line is not None else self.order)["allowances_charges"].append(charge)

    # -- parties --------------------------------------------------------------------------------------
    def n1(self, e: list[str]) -> None:
        party = _party(_opt(e[1]), _opt(e[2]))
        if e[3] and e[4]:
            party["identifiers"].append({"qualifier": e[3], "value": e[4]})
        self.party = party
        if self.line is not None:
            if party["role"] == "ST" and self.line["ship_to"] is None:
                self.line["ship_to"] = party
            else:
                self.line["notes"].append(f"party {party['role']}: {party['name'] or ''}".strip())
            return
        slot = PARTY_SLOTS.get(party["role"] or "")
        if slot and self.order.get(slot) is None:
            self.order[slot] = party
        else:
            self.order["other_parties"].append(party)

    def n2(self, e: list[str]) -> None:
        if self.party is not None:
            extra = " ".join(v for v in e[1:3] if v)
            name = self.party["name"]
            self.party["name"] = f"{name} {extra}".strip() if name else extra

    def n3(self, e: list[str]) -> None:
        if self.party is not None:
            self.party["address_lines"].extend(v for v in e[1:3] if v)

    def n4(self, e: list[str]) -> None:
        if self.party is not None:
            self.party.update(city=_opt(e[1]), state=_opt(e[2]), postal_code=_opt(e[3]), country=_opt(e[4]))

    # -- lines ----------------------------------------------------------------------------------------
    def po1(self, e: list[str]) -> None:
        line = _line(e)
        self.order["lines"].append(line)
        self.line = line
        self.party = None

    def poc(self, e: list[str]) -> None:
        """860 line change: POC01 line, POC02 change type, POC03 quantity, POC05 unit, POC06 price, ID pairs."""
        unit = _UNIT.match(e[5])
        line = _line(["PO1", e[1], e[3], unit.group(0) if unit else "", e[6], e[7], *e[8:]])
        line["change_type"] = _opt(e[2])
        self.order["lines"].append(line)
        self.line = line
        self.party = None

    def pid(self, e: list[str]) -> None:
        if self.line is None or not e[5]:
            return
        text = e[5]
        self.line["description"] = f"{self.line['description']}; {text}" if self.line["description"] else text

    def po4(self, e: list[str]) -> None:
        if self.line is None:
            return
        self.line["pack"] = {
            "pack": dec(e[1]),
            "size": dec(e[2]),
            "uom": _opt(e[3]),
            "packaging_code": _opt(e[4]),
            "gross_weight": dec(e[6]),
            "weight_uom": _opt(e[7]),
            "inner_pack": dec(e[14]),
        }

    def sdq(self, e: list[str]) -> None:
        if self.line is None:
            return
        for pos in range(3, len(e) - 1, 2):
            location, qty = e[pos], dec(e[pos + 1])
            if location and qty is not None:
                self.line["destinations"].append(
                    {"location": location, "quantity": qty, "id_qualifier": _opt(e[2]), "uom": _opt(e[1])}
                )

    def ctt(self, e: list[str]) -> None:
        self.line = None
        self.party = None
        self.after_ctt = True
        self.order["stated_line_count"] = _int(e[1])
        self.order["stated_hash_total"] = dec(e[2])

    def amt(self, e: list[str]) -> None:
        if self.line is None and (self.after_ctt or e[1] in ("TT", "GV")):
            self.order["stated_total"] = dec(e[2])


PADDED = 26  # PO1 has 25 elements, the longest segment this mapping reads
_PAD = [""] * PADDED
_PARTY_SEGMENTS = {"N2", "N3", "N4", "REF", "PER"}


def read_850(
    ts: TransactionSet,
    source: Source,
    order_id: str,
    warnings: list[str] | None = None,
    check_rules: bool = True,
) -> tuple[Order | None, list[SyntaxError_]]:
    """Map one 850 transaction set. Returns the order (None when it has syntax errors) and the errors.

    ``check_rules`` applies the small built-in rule table; the parser turns it off when an
    implementation-guide map has already validated the set (versions with a map)."""
    errors: list[SyntaxError_] = []
    body = ts.segments[1:-1] if ts.segments[-1].id == "SE" else ts.segments[1:]
    order: Obj = {
        "order_id": order_id,
        "source": source,
        "po_number": "",
        "warnings": list(warnings or ()),
        "references": [],
        "dates": [],
        "contacts": [],
        "notes": [],
        "lines": [],
        "allowances_charges": [],
        "other_parties": [],
    }
    builder = _Builder(order)
    handlers = {
        "BEG": builder.beg,
        "CUR": builder.cur,
        "REF": builder.ref,
        "PER": builder.per,
        "FOB": builder.fob,
        "ITD": builder.itd,
        "DTM": builder.dtm,
        "TD5": builder.td5,
        "N9": builder.n9,
        "SAC": builder.sac,
        "N1": builder.n1,
        "N2": builder.n2,
        "N3": builder.n3,
        "N4": builder.n4,
        "PO1": builder.po1,
        "BCH": builder.bch,
        "POC": builder.poc,
        "PID": builder.pid,
        "PO4": builder.po4,
        "SDQ": builder.sdq,
        "CTT": builder.ctt,
        "AMT": builder.amt,
        "MSG": lambda e: builder.note(e[1]),
        "NTE": lambda e: builder.note(e[2]),
    }
    seen_beg = False
    seen_po1 = False
    for position, seg in enumerate(body, start=2):
        e = seg.elements
        if len(e) < PADDED:
            e = e + _PAD[len(e) :]  # every position up to PADDED reads as '' when absent
        sid = e[0]
        if check_rules and sid in RULES:
            errors.extend(check_segment(e, position))
        if sid in ("BEG", "BCH"):
            seen_beg = True
        elif sid in ("PO1", "POC"):
            seen_po1 = True
        if builder.party is not None and sid not in _PARTY_SEGMENTS and sid != "N1":
            builder.party = None  # the N1 loop ended
        handler = handlers.get(sid)
        if handler is not None:
            handler(e)
    if check_rules and not seen_beg:
        errors.append(_missing_segment("BEG", 2))
    if check_rules and not seen_po1:
        errors.append(_missing_segment("PO1", len(ts.segments), loop_id="PO1"))
    if errors:
        return None, errors
    return Order.model_validate(order), errors


def _missing_segment(segment_id: str, position: int, loop_id: str | None = None) -> SyntaxError_:
    return SyntaxError_(
        segment_id=segment_id,
        segment_position=position,
        loop_id=loop_id,
        segment_code=MANDATORY_SEGMENT_MISSING,
        message=f"mandatory segment {segment_id} is missing",
    )
