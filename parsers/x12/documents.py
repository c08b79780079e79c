"""855, 856 and 810 transaction sets read back into the canonical objects the renderers start from.

Each reader takes one set's segments as element lists (``[id, element1, ...]``; ST and SE may be
included, positions in messages then count from ST = 1 as in a 997) and undoes what ``outbound/po855.py``,
``outbound/asn856.py`` and ``outbound/invoice810.py`` write through ``outbound/x12parts.py``. Segments the
canonical models have no field for (FOB, CSH, SCH, MEA, PER, N2, CTT, ISS, an 855's CUR, ...) are skipped.
What X12 does not carry comes from parameters: ``partner_id`` (default ''), the 855's ``order_id``
(default '': the caller finds the order by its PO number) and ``test`` (``read_documents`` takes it from
ISA15); orderhub's ids of the 856's orders and of an invoice stay None. An 810's TDS01 becomes
``stated_total``, so ``outbound.invoice810.invoice_problems`` tells whether the invoice adds up.

Reading is not validating (``parsers.x12.validator.validate_set`` is): a reader refuses only a set it
cannot turn into a canonical object, with a ValueError that names the segment and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from parsers.errors import DocumentRejected
from parsers.x12.envelope import SetClosed, walk
from parsers.x12.lexer import iter_segments
from schemas.acknowledgement import LineAck, OrderAck
from schemas.invoice import Invoice, InvoiceLine
from schemas.order import AllowanceCharge, Carrier, DateRef, Identifier, Party, Qualified, Terms
from schemas.shipment import Package, Shipment, ShipmentOrder, ShipmentStructure, ShippedItem

Document = OrderAck | Shipment | Invoice
_M = TypeVar("_M", bound=BaseModel)
_NUMBER = {"R": re.compile(r"-?(\d+\.?\d*|\.\d+)\Z", re.ASCII), "N": re.compile(r"-?\d{1,18}\Z", re.ASCII)}
_LEVELS = {"S": "shipment", "O": "order", "T": "tare", "P": "pack", "I": "item"}
# (the levels below an order, the levels below those) → the structure
_SHAPES = {("P", "I"): "SOPI", ("T", "P"): "SOTPI", ("I", "P"): "SOIP", ("I", "T"): "SOIT", ("I", ""): "SOI"}


@dataclass
class _Seg:
    """One segment with its position in the set; typed access to its elements, errors in words."""

    elements: list[str]
    pos: int

    @property
    def id(self) -> str:
        return self.elements[0]

    def get(self, n: int) -> str:
        return self.elements[n] if n < len(self.elements) else ""

    def opt(self, n: int) -> str | None:
        return self.get(n) or None

    def where(self, n: int | None = None) -> str:
        return f"{self.id}{'' if n is None else f'{n:02d}'} (segment {self.pos})"

    def need(self, n: int, what: str) -> str:
        if not self.get(n):
            raise ValueError(f"{self.where(n)}: {what} is empty")
        return self.get(n)

    def number(self, n: int, what: str | None = None, kind: str = "R") -> Decimal | None:
        """An R (explicit decimal point), N0 or N2 (two implied decimals: 12345 is 123.45); ``what``: required."""
        text = self.need(n, what) if what else self.get(n)
        if not text:
            return None
        if not _NUMBER[kind[0]].match(text):
            raise ValueError(f"{self.where(n)}: {text!r} is not {'a number' if kind == 'R' else 'a whole number'}")
        return Decimal(text).scaleb(-2) if kind == "N2" else Decimal(text)

    def integer(self, n: int) -> int | None:
        value = self.number(n, kind="N0")
        return None if value is None else int(value)

    def date(self, n: int, what: str | None = None) -> date | None:
        text = self.need(n, what) if what else self.get(n)
        if not text:
            return None
        full = ("20" if text[:2] < "50" else "19") + text if len(text) == 6 else text  # YYMMDD: X12's century rule
        try:
            if len(full) != 8 or not full.isdigit():
                raise ValueError
            return date(int(full[:4]), int(full[4:6]), int(full[6:]))
        except ValueError:
            raise ValueError(f"{self.where(n)}: {text!r} is not a date (CCYYMMDD)") from None

    def time(self, n: int, what: str) -> time:
        text = self.need(n, what)
        try:
            if len(text) not in (4, 6, 7, 8) or not text.isdigit():
                raise ValueError
            return time(int(text[:2]), int(text[2:4]), int(text[4:6] or 0))
        except ValueError:
            raise ValueError(f"{self.where(n)}: {text!r} is not a time (HHMM or HHMMSS)") from None

    def pairs(self, first: int, count: int = 99) -> list[Identifier]:
        """Qualifier/value pairs from element ``first`` on (PO106/07.., LIN02/03.., IT106/07.., N103/04)."""
        found: list[Identifier] = []
        for n in range(first, min(len(self.elements), first + 2 * count), 2):
            qualifier, value = self.get(n), self.get(n + 1)
            if qualifier and value:
                found.append(Identifier(qualifier=qualifier, value=value))
            elif qualifier or value:
                raise ValueError(f"{self.where(n)}: the identifier pair {qualifier!r}/{value!r} is incomplete")
        return found


def _build(model: type[_M], where: str, **fields: Any) -> _M:
    """The canonical object, or a ValueError in words (pydantic's own message names Python fields)."""
    try:
        return model(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"])
        raise ValueError(f"{where}: {model.__name__}.{name}: {err['msg'].lower()}") from None


def _rows(segments: list[list[str]], set_id: str, first: str) -> list[_Seg]:
    rows = [_Seg([str(e) for e in seg], i) for i, seg in enumerate(segments, start=1) if seg]
    if rows and rows[0].id == "ST" and rows[0].get(1) != set_id:
        raise ValueError(f"this is a {rows[0].get(1) or 'nameless'} transaction set, not an {set_id}")
    rows = [r for r in rows if r.id not in ("ST", "SE")]
    if not rows or rows[0].id != first:
        raise ValueError(f"an {set_id} begins with {first}, not with {rows[0].where() if rows else 'nothing'}")
    return rows


def _ref(seg: _Seg) -> Qualified:
    return Qualified(qualifier=seg.need(1, "the reference qualifier"), value=seg.get(2), description=seg.opt(3))


def _dtm(seg: _Seg) -> DateRef:
    return DateRef(qualifier=seg.need(1, "the date qualifier"), value=seg.date(2, "the date"), time=seg.opt(3))


class _Parties:
    """N1 loops: an N1 opens a party; the N2, N3, N4, REF and PER after it belong to it."""

    def __init__(self) -> None:
        self.found: list[Party] = []
        self.open: Party | None = None

    def take(self, seg: _Seg) -> bool:
        """Whether ``seg`` belongs to a party loop (and was read into it)."""
        if seg.id == "N1":
            self.open = _build(Party, seg.where(), role=seg.need(1, "the party role"), name=seg.opt(2),
                               identifiers=seg.pairs(3, 1))  # fmt: skip
            self.found.append(self.open)
        elif self.open is None or seg.id not in ("N2", "N3", "N4", "REF", "PER"):
            self.open = None
            return False
        elif seg.id == "N3":
            self.open.address_lines += [line for line in seg.elements[1:3] if line]
        elif seg.id == "N4":
            party = self.open
            party.city, party.state, party.postal_code, party.country = (seg.opt(n) for n in range(1, 5))
        elif seg.id == "REF":
            self.open.references.append(_ref(seg))
        return True

    def role(self, role: str) -> Party | None:
        return next((p for p in self.found if p.role == role), None)


def read_855(
    segments: list[list[str]], *, order_id: str = "", partner_id: str = "", test: bool = False,
    ack_date: date | None = None,
) -> OrderAck:  # fmt: skip
    """The acknowledgement in an 855; its date is BAK09, else ``ack_date`` (before 004010), else BAK04.

    Every PO1 needs an ACK: its first ACK is the line's status, the others its ``further_statuses``
    (which repeat the PO1's fields, as ``outbound.po855`` builds them).
    """
    rows = _rows(segments, "855", "BAK")
    bak, parties = rows[0], _Parties()
    references: list[Qualified] = []
    dates: list[DateRef] = []
    lines: list[tuple[_Seg, list[_Seg]]] = []
    for seg in rows[1:]:
        if seg.id == "PO1":
            lines.append((seg, []))
        elif seg.id == "ACK":
            if not lines:
                raise ValueError(f"{seg.where()}: a line status (ACK) before any PO1 line")
            lines[-1][1].append(seg)
        elif not lines and not parties.take(seg):
            if seg.id == "REF":
                references.append(_ref(seg))
            elif seg.id == "DTM":
                dates.append(_dtm(seg))
    return _build(
        OrderAck, bak.where(), order_id=order_id, partner_id=partner_id, purpose=bak.need(1, "the purpose code"),
        ack_type=bak.need(2, "the acknowledgement type"), po_number=bak.need(3, "the PO number"),
        po_date=bak.date(4), ack_date=bak.date(9) or ack_date or bak.date(4, "the PO date"),
        release_number=bak.opt(5), references=references, dates=dates, parties=parties.found,
        lines=[_line_ack(po1, acks) for po1, acks in lines], test=test,
    )  # fmt: skip


def _line_ack(po1: _Seg, acks: list[_Seg]) -> LineAck:
    if not acks:
        raise ValueError(f"{po1.where()}: line {po1.get(1) or '(no PO101)'} has no ACK, so its status is unknown")
    uom = po1.opt(3)  # PO103; an ACK03 says it again for the quantity of its status
    statuses = [
        _build(
            LineAck,
            ack.where(),
            line_number=po1.opt(1),
            status=ack.need(1, "the line status"),
            quantity=ack.number(2),
            uom=(uom or ack.opt(3)) if i == 0 else (ack.opt(3) or uom),
            unit_price=po1.number(4),
            price_basis=po1.opt(5),
            ordered_quantity=po1.number(2),
            identifiers=po1.pairs(6),
            date_qualifier=ack.get(4) or "068",
            scheduled_date=ack.date(5),
        )  # fmt: skip
        for i, ack in enumerate(acks)
    ]
    statuses[0].further_statuses = statuses[1:]
    return statuses[0]


@dataclass
class _Level:
    """One HL with its segments (up to the next HL) and the levels that name it as their parent."""

    hl: _Seg
    code: str
    segments: list[_Seg] = field(default_factory=list)
    children: list[_Level] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"HL {self.hl.get(1)} ({_LEVELS.get(self.code, self.code)} level, segment {self.hl.pos})"

    def first(self, segment_id: str, qualifier: str | None = None) -> _Seg | None:
        return next((s for s in self.segments if s.id == segment_id and qualifier in (None, s.get(1))), None)


def _hl_tree(rows: list[_Seg]) -> tuple[list[_Seg], _Level]:
    """The segments before the first HL, and the shipment level with everything below it."""
    header: list[_Seg] = []
    levels: dict[str, _Level] = {}
    top: _Level | None = None
    into = header
    for seg in rows[1:]:
        if seg.id == "CTT":
            break
        if seg.id != "HL":
            into.append(seg)
            continue
        number, parent, level = seg.get(1), seg.get(2), _Level(seg, seg.get(3))
        into = level.segments
        if not number or number in levels:
            raise ValueError(f"{seg.where(1)}: HL01 {number!r} is empty or used twice")
        if level.code not in _LEVELS:
            raise ValueError(f"{seg.where(3)}: HL03 {level.code!r} is not a level orderhub reads (S, O, T, P, I)")
        if parent and parent not in levels:
            raise ValueError(f"{seg.where(2)}: HL {number} names parent {parent!r}, which is no earlier HL")
        if parent:
            levels[parent].children.append(level)
        elif top is None:
            top = level
        else:
            raise ValueError(f"{seg.where()}: a second top level (HL {number} names no parent)")
        levels[number] = level
    if top is None or top.code != "S":
        raise ValueError(f"{top.label if top else 'the 856'}: the top HL level must be the shipment (S)")
    return header, top


def read_856(segments: list[list[str]], *, partner_id: str = "", test: bool = False) -> Shipment:
    """The ship notice in an 856, in whichever of orderhub's HL structures it is written (``structure``).

    The structure comes from the HL03 codes (S-O-P-I, S-O-T-P-I, S-O-I-P, S-O-I-T, S-O-I) and must agree
    with BSN05 when there is one. Standard pack: a package holds its own SN1, else the item's PO4 units
    per pack, else (the only package) the item's SN1; together they must make the item's SN1.
    """
    rows = _rows(segments, "856", "BSN")
    bsn = rows[0]
    header, top = _hl_tree(rows)
    dated = [s for s in header + top.segments if s.id == "DTM"]
    parties, references = _Parties(), []
    for seg in top.segments:
        if not parties.take(seg) and seg.id == "REF":
            references.append(_ref(seg))
    bol, pro = (next((r for r in references if r.qualifier == q), None) for q in ("BM", "CN"))
    for child in top.children:
        if child.code != "O":
            raise ValueError(f"{child.label}: orderhub reads only orders (O) right below the shipment")
    orders = [_shipment_order(o) for o in top.children]
    structures = {s for _o, s in orders}
    if len(structures) != 1:
        raise ValueError(f"{top.label}: no order level, or orders in different structures: {sorted(structures)}")
    structure = structures.pop()
    if bsn.get(5) and bsn.get(5) != structure.hierarchy_code:
        raise ValueError(f"{bsn.where(5)}: {bsn.get(5)!r} disagrees with the HL levels, which are {structure.value}")
    td1, td5, td3 = top.first("TD1"), top.first("TD5"), top.first("TD3")
    weighed = td1 is not None and td1.get(6) in ("G", "") and td1.get(7) != ""  # TD106 G: gross weight
    carrier = None
    if td5 is not None:
        carrier = Carrier(routing_sequence=td5.opt(1), id_qualifier=td5.opt(2), id=td5.opt(3),
                          transport_method=td5.opt(4), routing=td5.opt(5), service_level=td5.opt(12))  # fmt: skip
    ship_date = next((s for s in dated if s.get(1) == "011"), None)
    if ship_date is None:
        raise ValueError("the 856 has no ship date (DTM*011)")
    delivery = next((s for s in dated if s.get(1) == "017"), None)
    return _build(
        Shipment, bsn.where(), shipment_id=bsn.need(2, "the shipment number"), partner_id=partner_id,
        purpose=bsn.need(1, "the purpose code"), structure=structure, notice_date=bsn.date(3, "the notice date"),
        notice_time=bsn.time(4, "the notice time"), ship_date=ship_date.date(2, "the ship date"),
        estimated_delivery=delivery.date(2) if delivery else None,
        packaging_code=td1.opt(1) if td1 else None, lading_quantity=td1.integer(2) if td1 else None,
        gross_weight=td1.number(7) if td1 and weighed else None,
        weight_uom=(td1.get(8) if td1 and weighed else "") or "LB", carrier=carrier,
        equipment_number=td3.opt(3) if td3 else None, bill_of_lading=bol.value if bol else None,
        pro_number=pro.value if pro else None, references=[r for r in references if r is not bol and r is not pro],
        dates=[_dtm(s) for s in dated if s.get(1) not in ("011", "017")], ship_from=parties.role("SF"),
        ship_to=parties.role("ST"), orders=[o for o, _s in orders], test=test,
    )  # fmt: skip


def _shipment_order(level: _Level) -> tuple[ShipmentOrder, ShipmentStructure]:
    prf = level.first("PRF")
    if prf is None:
        raise ValueError(f"{level.label}: an order level without PRF (the PO number)")
    parties = _Parties()
    references = [_ref(s) for s in level.segments if not parties.take(s) and s.id == "REF"]
    below = "/".join(sorted({c.code for c in level.children}))
    further = "/".join(sorted({g.code for c in level.children for g in c.children}))
    shaped = _SHAPES.get((below, further))
    if shaped is None:
        shape = "-".join(["S", "O", *[x for x in (below, further) if x]])
        raise ValueError(f"{level.label}: PO {prf.get(1)} is in levels {shape}, not a structure orderhub reads "
                         "(S-O-P-I, S-O-T-P-I, S-O-I-P, S-O-I-T, S-O-I)")  # fmt: skip
    structure = ShipmentStructure(shaped)
    packages: list[Package] = []
    items: list[ShippedItem] = []
    if structure is ShipmentStructure.PLAIN:
        items = [_item(c) for c in level.children]
    elif structure in (ShipmentStructure.PICK_PACK, ShipmentStructure.PICK_PACK_TARE):
        packages = [_pick_pack(c) for c in level.children]
    else:
        packages = [p for c in level.children for p in _standard_pack(c)]
    order = _build(
        ShipmentOrder, prf.where(), po_number=prf.need(1, "the PO number"), po_date=prf.date(4),
        release_number=prf.opt(2), mark_for=parties.found[0] if parties.found else None, references=references,
        packages=packages, items=items,
    )  # fmt: skip
    return order, structure


def _item(level: _Level) -> ShippedItem:
    lin, sn1 = level.first("LIN"), level.first("SN1")
    pid = next((s for s in level.segments if s.id == "PID" and s.get(5)), None)
    if sn1 is None:
        raise ValueError(f"{level.label}: an item without SN1 (the quantity shipped)")
    return _build(
        ShippedItem, sn1.where(), line_number=lin.opt(1) if lin else None, identifiers=lin.pairs(2) if lin else [],
        quantity=sn1.number(2, "the quantity shipped"), uom=sn1.need(3, "the unit of measure"),
        ordered_quantity=sn1.number(5), description=pid.opt(5) if pid else None,
    )  # fmt: skip


def _package(level: _Level, items: list[ShippedItem], packages: list[Package]) -> Package:
    po4, man = level.first("PO4"), level.first("MAN", "GM")
    sscc = man.get(2) if man else None
    if man and sscc and len(sscc) == 20 and sscc.startswith("00"):
        sscc = sscc[2:]  # the application identifier 00 before the SSCC-18
    if man and not (sscc and len(sscc) == 18 and sscc.isascii() and sscc.isdigit()):
        raise ValueError(f"{man.where(2)}: {man.get(2)!r} is not an SSCC-18 (18 digits, or 00 and 18 digits)")
    weighed = po4 is not None and po4.get(5) in ("G", "") and po4.get(6) != ""  # PO405 G: gross weight
    return _build(
        Package, level.label, level=level.code, sscc=sscc, packaging_code=po4.opt(4) if po4 else None,
        weight=po4.number(6) if po4 and weighed else None, weight_uom=(po4.get(7) if po4 and weighed else "") or "LB",
        items=items, packages=packages,
    )  # fmt: skip


def _pick_pack(level: _Level) -> Package:
    """A carton with its items, or a tare with its cartons (S-O-P-I, S-O-T-P-I)."""
    inner = "P" if level.code == "T" else "I"
    wrong = next((c for c in level.children if c.code != inner), None)
    if wrong is not None or not level.children:
        raise ValueError(f"{(wrong or level).label}: a {_LEVELS[level.code]} holds {_LEVELS[inner]} levels here")
    if inner == "P":
        return _package(level, [], [_pick_pack(c) for c in level.children])
    return _package(level, [_item(c) for c in level.children], [])


def _standard_pack(level: _Level) -> list[Package]:
    """An item and the packages that each hold some of it (S-O-I-P, S-O-I-T)."""
    item = _item(level)
    po4 = level.first("PO4")
    per_pack = po4.number(1) if po4 else None
    packages = []
    for child in level.children:
        sn1 = child.first("SN1")
        quantity = sn1.number(2, "the quantity packed") if sn1 else per_pack
        if quantity is None and len(level.children) == 1:
            quantity = item.quantity
        if child.children:
            raise ValueError(f"{child.children[0].label}: nothing nests in a standard-pack package")
        if quantity is None:
            raise ValueError(f"{child.label}: how much it holds is not said (no SN1 here, no PO4 on the item)")
        packed = _build(ShippedItem, child.label, **{**item.model_dump(), "quantity": quantity})
        packages.append(_package(child, [packed], []))
    total = sum((p.items[0].quantity for p in packages), Decimal(0))
    if total != item.quantity:
        raise ValueError(f"{level.label}: the item's SN1 ships {item.quantity} but its packages hold {total}")
    return packages


def read_810(segments: list[list[str]], *, partner_id: str = "", test: bool = False) -> Invoice:
    """The invoice in an 810: header, IT1 lines (with PID and their SACs), then TDS, CAD and the summary SACs."""
    rows = _rows(segments, "810", "BIG")
    big, parties = rows[0], _Parties()
    header: list[_Seg] = []
    lines: list[tuple[_Seg, list[_Seg]]] = []
    summary: list[_Seg] = []
    for seg in rows[1:]:
        if seg.id == "TDS" or summary:
            summary.append(seg)
        elif seg.id == "IT1":
            lines.append((seg, []))
        elif lines:
            lines[-1][1].append(seg)
        elif not parties.take(seg):
            header.append(seg)
    if not summary:
        raise ValueError("the 810 has no TDS (invoice total)")
    terms = [s for s in header if s.id == "ITD"]
    if len(terms) > 1:
        raise ValueError(f"{terms[1].where()}: a second ITD; a canonical invoice has one set of terms")
    cur = next((s for s in header if s.id == "CUR"), None)
    shipped = next((s for s in header if s.id == "DTM" and s.get(1) == "011"), None)
    cad = next((s for s in summary if s.id == "CAD"), None)
    return _build(
        Invoice, big.where(), invoice_number=big.need(2, "the invoice number"), partner_id=partner_id,
        invoice_date=big.date(1, "the invoice date"), po_number=big.need(4, "the PO number"), po_date=big.date(3),
        transaction_type=big.opt(7), currency=cur.opt(2) if cur else None,
        references=[_ref(s) for s in header if s.id == "REF"], remit_to=parties.role("RE"),
        bill_to=parties.role("BT"), ship_to=parties.role("ST"), ship_from=parties.role("SF"),
        terms=_terms(terms[0]) if terms else None, ship_date=shipped.date(2) if shipped else None,
        carrier=Carrier(transport_method=cad.opt(1), id=cad.opt(4), routing=cad.opt(5)) if cad else None,
        lines=[_invoice_line(it1, detail) for it1, detail in lines],
        allowances_charges=[_sac(s) for s in summary if s.id == "SAC"],
        stated_total=summary[0].number(1, "the invoice total", kind="N2"), test=test,
    )  # fmt: skip


def _invoice_line(it1: _Seg, detail: list[_Seg]) -> InvoiceLine:
    pid = next((s for s in detail if s.id == "PID" and s.get(5)), None)
    return _build(
        InvoiceLine, it1.where(), line_number=it1.opt(1), quantity=it1.number(2, "the quantity invoiced"),
        uom=it1.need(3, "the unit of measure"), unit_price=it1.number(4, "the unit price"), price_basis=it1.opt(5),
        identifiers=it1.pairs(6), description=pid.opt(5) if pid else None,
        allowances_charges=[_sac(s) for s in detail if s.id == "SAC"],
    )  # fmt: skip


def _sac(seg: _Seg) -> AllowanceCharge:
    return _build(
        AllowanceCharge, seg.where(), indicator=seg.need(1, "the allowance or charge indicator"), code=seg.opt(2),
        amount=seg.number(5, kind="N2"), percent=seg.number(7), rate=seg.number(8), uom=seg.opt(9),
        quantity=seg.number(10), handling_code=seg.opt(12), description=seg.opt(15),
    )  # fmt: skip


def _terms(seg: _Seg) -> Terms:
    return Terms(
        type_code=seg.opt(1), basis_date_code=seg.opt(2), discount_percent=seg.number(3),
        discount_due_date=seg.date(4), discount_days=seg.integer(5), net_due_date=seg.date(6),
        net_days=seg.integer(7), description=seg.opt(12),
    )  # fmt: skip


def _group_date(gs: list[str]) -> date | None:
    try:
        return _Seg(gs, 0).date(4)
    except ValueError:
        return None  # a bad GS04 is the envelope's matter, not the acknowledgement's


def read_documents(data: bytes, *, partner_id: str = "") -> list[Document]:
    """The canonical objects of every 855, 856 and 810 in a file, in file order; other sets are skipped.

    ``test`` comes from ISA15; an 855 without BAK09 takes its date from GS04. Envelope errors are not
    judged here. A set that cannot be read raises ValueError naming the set, its interchange and why.
    """
    found: list[Document] = []
    try:
        for event in walk(iter_segments(data)):
            if not isinstance(event, SetClosed) or event.transaction_set.set_id not in ("855", "856", "810"):
                continue
            ts, test = event.transaction_set, event.envelope.test
            elements = [s.elements for s in ts.segments]
            try:
                if ts.set_id == "855":
                    ack_date = _group_date(event.group.gs.elements)
                    found.append(read_855(elements, partner_id=partner_id, test=test, ack_date=ack_date))
                else:
                    reader = read_856 if ts.set_id == "856" else read_810
                    found.append(reader(elements, partner_id=partner_id, test=test))
            except ValueError as exc:
                where = f"{ts.set_id} set {ts.control_number!r} of interchange {event.envelope.control_number!r}"
                raise ValueError(f"{where}: {exc}") from None
    except DocumentRejected as exc:
        raise ValueError(exc.reason) from None
    return found
