"""850 purchase order → canonical :class:`schemas.Order`.

Reads the segments a retailer's 850 carries (BEG, CUR, REF, PER, FOB, ITD, DTM, TD5, N9/MSG, N1 loops at
header and line level, PO1 with every product-ID pair, PID, PO4, SDQ, SAC, CTT, AMT) and keeps loop
context by position: a REF after an N1 belongs to that party, a DTM after a PO1 to that line.
Syntax errors are returned alongside, never raised, so the set can be rejected with an AK3/AK4.
"""

from __future__ import annotations

from decimal import Decimal

from parsers.x12.envelope import TransactionSet
from parsers.x12.lexer import Segment, digits
from parsers.x12.rules import MANDATORY_SEGMENT_MISSING, NUMERIC, check_segment, parse_date
from schemas.acknowledgement import SyntaxError_
from schemas.order import (
    AllowanceCharge,
    Carrier,
    Contact,
    DateRef,
    Destination,
    Fob,
    Identifier,
    Order,
    OrderLine,
    Pack,
    Party,
    Purpose,
    Qualified,
    Source,
    Terms,
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
    if not value or not NUMERIC.match(value):
        return None
    return Decimal(value)


def _implied2(value: str) -> Decimal | None:
    """An N2 value (two implied decimals), e.g. SAC05 '1050' → 10.50."""
    d = dec(value)
    return None if d is None else (d / 100).quantize(Decimal("0.01"))


def _int(value: str) -> int | None:
    return int(value) if digits(value) else None


def _opt(value: str) -> str | None:
    return value or None


class _Builder:
    """Walks one 850's segments, tracking which loop (header party, line, line party) is open."""

    def __init__(self, order: Order) -> None:
        self.order = order
        self.line: OrderLine | None = None
        self.party: Party | None = None  # the N1 loop currently open, header or line
        self.after_ctt = False
        self.pending_n9: Qualified | None = None

    # -- header and line segments -------------------------------------------------------------------
    def beg(self, seg: Segment) -> None:
        o = self.order
        o.purpose_code = seg.get(1)
        o.purpose = PURPOSES.get(seg.get(1), Purpose.ORIGINAL)
        if seg.get(1) not in PURPOSES:
            o.warnings.append(f"BEG01 {seg.get(1)!r} is not a purpose orderhub handles; read as original")
        o.order_type = _opt(seg.get(2))
        o.po_number = seg.get(3)
        o.release_number = _opt(seg.get(4))
        o.po_date = parse_date(seg.get(5))

    def cur(self, seg: Segment) -> None:
        currency = seg.get(2)
        if self.order.currency is None:
            self.order.currency = currency
        elif currency and currency != self.order.currency:
            self.order.warnings.append(f"CUR {currency} differs from the order currency {self.order.currency}")

    def ref(self, seg: Segment) -> None:
        ref = Qualified(qualifier=seg.get(1), value=seg.get(2), description=_opt(seg.get(3)))
        if self.party is not None:
            self.party.references.append(ref)
        elif self.line is not None:
            self.line.references.append(ref)
        else:
            self.order.references.append(ref)

    def per(self, seg: Segment) -> None:
        contact = Contact(function=_opt(seg.get(1)), name=_opt(seg.get(2)))
        for pos in (3, 5, 7):
            qual, value = seg.get(pos), seg.get(pos + 1)
            if not value:
                continue
            if qual == "TE" and contact.phone is None:
                contact.phone = value
            elif qual == "EM" and contact.email is None:
                contact.email = value
            elif qual == "FX" and contact.fax is None:
                contact.fax = value
            else:
                contact.other.append(Qualified(qualifier=qual, value=value))
        if self.party is not None:
            self.party.contacts.append(contact)
        else:
            self.order.contacts.append(contact)

    def fob(self, seg: Segment) -> None:
        self.order.fob = Fob(
            payment_method=_opt(seg.get(1)),
            location_qualifier=_opt(seg.get(2)),
            description=_opt(seg.get(3)),
            terms_qualifier=_opt(seg.get(4)),
            terms=_opt(seg.get(5)),
        )

    def itd(self, seg: Segment) -> None:
        self.order.terms = Terms(
            type_code=_opt(seg.get(1)),
            basis_date_code=_opt(seg.get(2)),
            discount_percent=dec(seg.get(3)),
            discount_due_date=parse_date(seg.get(4)),
            discount_days=_int(seg.get(5)),
            net_due_date=parse_date(seg.get(6)),
            net_days=_int(seg.get(7)),
            description=_opt(seg.get(12)),
        )

    def dtm(self, seg: Segment) -> None:
        value = parse_date(seg.get(2))
        if value is None:
            return  # no date (DTM03/05 only) or an invalid one, which the rules report
        ref = DateRef(qualifier=seg.get(1), value=value, time=_opt(seg.get(3)))
        if self.line is not None:
            self.line.dates.append(ref)
            if self.line.requested_date is None and ref.qualifier in REQUESTED_DATE_QUALIFIERS:
                self.line.requested_date = value
        else:
            self.order.dates.append(ref)

    def td5(self, seg: Segment) -> None:
        if self.line is not None:
            return  # line-level routing is rare and has no canonical field yet
        self.order.carrier = Carrier(
            routing_sequence=_opt(seg.get(1)),
            id_qualifier=_opt(seg.get(2)),
            id=_opt(seg.get(3)),
            transport_method=_opt(seg.get(4)),
            routing=_opt(seg.get(5)),
            service_level=_opt(seg.get(12)),
        )

    def note(self, text: str) -> None:
        if not text:
            return
        (self.line.notes if self.line is not None else self.order.notes).append(text)

    def n9(self, seg: Segment) -> None:
        ref = Qualified(qualifier=seg.get(1), value=seg.get(2), description=_opt(seg.get(3)))
        (self.line.references if self.line is not None else self.order.references).append(ref)

    def sac(self, seg: Segment) -> None:
        charge = AllowanceCharge(
            indicator=seg.get(1),
            code=_opt(seg.get(2)),
            amount=_implied2(seg.get(5)),
            percent=dec(seg.get(7)),
            rate=dec(seg.get(8)),
            uom=_opt(seg.get(9)),
            quantity=dec(seg.get(10)),
            handling_code=_opt(seg.get(12)),
            description=_opt(seg.get(15)),
        )
        (self.line.allowances_charges if self.line is not None else self.order.allowances_charges).append(charge)

    # -- parties --------------------------------------------------------------------------------------
    def n1(self, seg: Segment) -> None:
        party = Party(role=_opt(seg.get(1)), name=_opt(seg.get(2)))
        if seg.get(3) and seg.get(4):
            party.identifiers.append(Identifier(qualifier=seg.get(3), value=seg.get(4)))
        self.party = party
        if self.line is not None:
            if party.role == "ST" and self.line.ship_to is None:
                self.line.ship_to = party
            else:
                self.line.notes.append(f"party {party.role}: {party.name or ''}".strip())
            return
        slot = PARTY_SLOTS.get(party.role or "")
        if slot and getattr(self.order, slot) is None:
            setattr(self.order, slot, party)
        else:
            self.order.other_parties.append(party)

    def n2(self, seg: Segment) -> None:
        if self.party is not None:
            extra = " ".join(v for v in seg.elements[1:3] if v)
            self.party.name = f"{self.party.name} {extra}".strip() if self.party.name else extra

    def n3(self, seg: Segment) -> None:
        if self.party is not None:
            self.party.address_lines.extend(v for v in seg.elements[1:3] if v)

    def n4(self, seg: Segment) -> None:
        if self.party is not None:
            self.party.city = _opt(seg.get(1))
            self.party.state = _opt(seg.get(2))
            self.party.postal_code = _opt(seg.get(3))
            self.party.country = _opt(seg.get(4))

    # -- lines ----------------------------------------------------------------------------------------
    def po1(self, seg: Segment) -> None:
        line = OrderLine(
            line_number=_opt(seg.get(1)),
            quantity=dec(seg.get(2)),
            uom=_opt(seg.get(3)),
            unit_price=dec(seg.get(4)),
            price_basis=_opt(seg.get(5)),
        )
        for pos in range(6, len(seg.elements), 2):
            qual, value = seg.get(pos), seg.get(pos + 1)
            if not (qual and value):
                continue
            line.identifiers.append(Identifier(qualifier=qual, value=value))
            if qual in BUYER_PART and line.buyer_part_number is None:
                line.buyer_part_number = value
            elif qual in VENDOR_PART and line.vendor_part_number is None:
                line.vendor_part_number = value
            elif qual in GTIN and line.gtin is None:
                line.gtin = value
            elif qual in UPC and line.upc is None:
                line.upc = value
        self.order.lines.append(line)
        self.line = line
        self.party = None

    def pid(self, seg: Segment) -> None:
        if self.line is None or not seg.get(5):
            return
        text = seg.get(5)
        self.line.description = f"{self.line.description}; {text}" if self.line.description else text

    def po4(self, seg: Segment) -> None:
        if self.line is None:
            return
        self.line.pack = Pack(
            pack=dec(seg.get(1)),
            size=dec(seg.get(2)),
            uom=_opt(seg.get(3)),
            packaging_code=_opt(seg.get(4)),
            gross_weight=dec(seg.get(6)),
            weight_uom=_opt(seg.get(7)),
            inner_pack=dec(seg.get(14)),
        )

    def sdq(self, seg: Segment) -> None:
        if self.line is None:
            return
        for pos in range(3, len(seg.elements), 2):
            location, qty = seg.get(pos), dec(seg.get(pos + 1))
            if location and qty is not None:
                self.line.destinations.append(
                    Destination(location=location, quantity=qty, id_qualifier=_opt(seg.get(2)), uom=_opt(seg.get(1)))
                )

    def ctt(self, seg: Segment) -> None:
        self.line = None
        self.party = None
        self.after_ctt = True
        self.order.stated_line_count = _int(seg.get(1))
        self.order.stated_hash_total = dec(seg.get(2))

    def amt(self, seg: Segment) -> None:
        if self.line is None and (self.after_ctt or seg.get(1) in ("TT", "GV")):
            self.order.stated_total = dec(seg.get(2))


_PARTY_SEGMENTS = {"N2", "N3", "N4", "REF", "PER"}


def read_850(ts: TransactionSet, source: Source, order_id: str) -> tuple[Order | None, list[SyntaxError_]]:
    """Map one 850 transaction set. Returns the order (None when it has syntax errors) and the errors."""
    errors: list[SyntaxError_] = []
    body = ts.segments[1:-1] if ts.segments[-1].id == "SE" else ts.segments[1:]
    order = Order(order_id=order_id, source=source, po_number="")
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
        "PID": builder.pid,
        "PO4": builder.po4,
        "SDQ": builder.sdq,
        "CTT": builder.ctt,
        "AMT": builder.amt,
        "MSG": lambda s: builder.note(s.get(1)),
        "NTE": lambda s: builder.note(s.get(2)),
    }
    seen_beg = False
    seen_po1 = False
    for position, seg in enumerate(body, start=2):
        sid = seg.id
        errors.extend(check_segment(seg, position))
        if sid == "BEG":
            seen_beg = True
        elif sid == "PO1":
            seen_po1 = True
        if builder.party is not None and sid not in _PARTY_SEGMENTS and sid != "N1":
            builder.party = None  # the N1 loop ended
        handler = handlers.get(sid)
        if handler is not None:
            handler(seg)
    if not seen_beg:
        errors.append(_missing_segment("BEG", 2))
    if not seen_po1:
        errors.append(_missing_segment("PO1", len(ts.segments), loop_id="PO1"))
    if errors:
        return None, errors
    return order, errors


def _missing_segment(segment_id: str, position: int, loop_id: str | None = None) -> SyntaxError_:
    return SyntaxError_(
        segment_id=segment_id,
        segment_position=position,
        loop_id=loop_id,
        segment_code=MANDATORY_SEGMENT_MISSING,
        message=f"mandatory segment {segment_id} is missing",
    )
