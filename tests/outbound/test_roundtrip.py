"""Canonical → X12 → our reader → canonical, for the 855, 856 and 810, over random documents and random
legal delimiters; every rendered set is also validated against our maps and must have no findings.

The documents are random but valid for the canonical models and within what the renderers' docstrings
say they carry; values come from a safe alphabet, so a delimiter never occurs in them. What X12 cannot
carry is normalised in ``expected_*``, each with the reason. ``make soak`` (ORDERHUB_SOAK=1) runs many
more cases with fresh randomness; the default run is derandomized, so it is never flaky.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from acktools import NOW as GOLDEN_NOW
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mappers.profile import Delimiters, PartnerProfile, Shipping, X12Identity
from outbound.asn856 import render_856
from outbound.invoice810 import render_810
from outbound.po855 import ack_from_decision, render_855
from parsers.x12.documents import read_810, read_855, read_856, read_documents
from parsers.x12.envelope import GroupClosed, InterchangeClosed, SetClosed, walk
from parsers.x12.guide import guide_for
from parsers.x12.lexer import iter_segments
from parsers.x12.validator import validate_set
from schemas import Order
from schemas.acknowledgement import LineAck, OrderAck, OrderDecision
from schemas.invoice import Invoice, InvoiceLine
from schemas.order import AllowanceCharge, Carrier, DateRef, Identifier, Party, Qualified, Terms
from schemas.shipment import Package, Shipment, ShipmentOrder, ShipmentStructure, ShippedItem

SOAK = bool(os.environ.get("ORDERHUB_SOAK"))
EXAMPLES = 3_000 if SOAK else 150
ROUND_TRIP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not SOAK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NOW = datetime(2026, 11, 20, 9, 30)
PARTNER = "acme"

# Values use letters, digits and these; delimiters come from the rest of the punctuation (and the
# information separators 0x1C-0x1F), so no value ever holds one.
INNER = " -./&"
ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits
DELIMITERS = [c for c in string.punctuation if c not in INNER] + ["\x1c", "\x1d", "\x1e", "\x1f"]
# parsers/x12/lexer.py refuses 0x1C-0x1F as ISA16 (str.isspace() is true for them), though X12 allows them
COMPONENTS = [c for c in DELIMITERS if not c.isspace()]


def text(lo: int, hi: int) -> st.SearchStrategy[str]:
    """Free text from the safe alphabet, beginning and ending with a letter or digit (X12 forbids trailing spaces)."""

    def edges(s: str) -> str:
        if not s:
            return s
        s = (s[0] if s[0].isalnum() else "X") + s[1:]
        return s[:-1] + (s[-1] if s[-1].isalnum() else "Y")

    return st.text(alphabet=ALNUM + INNER, min_size=lo, max_size=hi).map(edges)


def code(lo: int, hi: int | None = None) -> st.SearchStrategy[str]:
    return st.text(alphabet=UPPER, min_size=lo, max_size=hi or lo)


def decimal(low: int, high: int, max_places: int) -> st.SearchStrategy[Decimal]:
    """low..high in units of the last place, with 0..max_places decimals (trailing zeros kept: 12.50)."""
    return st.builds(lambda n, p: Decimal(n).scaleb(-p), st.integers(low, high), st.integers(0, max_places))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


DATES = st.dates(date(1990, 1, 1), date(2099, 12, 31))
HHMM = st.times().map(lambda t: t.strftime("%H%M"))
QUANTITY = decimal(1, 9_999_999, 2)  # the sum of three fits SN102 (R 1/10); one may overflow PO401 (R 1/6)
WEIGHT = decimal(0, 9_999_999, 2)


def identifiers(max_size: int, min_size: int = 0) -> st.SearchStrategy[list[Identifier]]:
    qualifiers = st.sampled_from(["UP", "VN", "BP", "EN", "VC", "SK", "UK"])
    pair = st.builds(Identifier, qualifier=qualifiers, value=text(1, 48))
    return st.lists(pair, min_size=min_size, max_size=max_size)


def references(qualifiers: list[str], max_size: int) -> st.SearchStrategy[list[Qualified]]:
    ref = st.builds(
        Qualified, qualifier=st.sampled_from(qualifiers), value=text(1, 50), description=optional(text(1, 80))
    )
    return st.lists(ref, max_size=max_size)


def date_refs(qualifiers: list[str]) -> st.SearchStrategy[list[DateRef]]:
    dtm = st.builds(DateRef, qualifier=st.sampled_from(qualifiers), value=DATES, time=optional(HHMM))
    return st.lists(dtm, max_size=3)


@st.composite
def parties(draw: st.DrawFn, roles: list[str]) -> Party:
    """An N1 loop as ``party_loop`` writes it: one identifier (N103/N104), up to 4 address lines, one N4."""
    name = draw(optional(text(1, 60)))
    party_id = st.builds(Identifier, qualifier=st.sampled_from(["1", "9", "92", "UL"]), value=text(2, 80))
    ident = draw(st.lists(party_id, min_size=0 if name else 1, max_size=1))  # N1 R0203: a name or an id
    return Party(
        role=draw(st.sampled_from(roles)),
        name=name,
        identifiers=ident,
        address_lines=draw(st.lists(text(1, 55), max_size=4)),
        city=draw(optional(text(2, 30))),
        state=draw(optional(code(2))),
        postal_code=draw(optional(code(3, 15))),
        country=draw(optional(st.sampled_from(["US", "CA", "MX", "USA"]))),
    )


# ---------------------------------------------------------------- delimiters and the partner's profile


@st.composite
def profiles(draw: st.DrawFn, structure: ShipmentStructure = ShipmentStructure.PICK_PACK) -> PartnerProfile:
    element, repetition = draw(st.lists(st.sampled_from(DELIMITERS), min_size=2, max_size=2, unique=True))
    component = draw(st.sampled_from([c for c in COMPONENTS if c not in (element, repetition)]))
    others = [c for c in DELIMITERS if c not in (element, component, repetition)]
    # LF as the terminator is common in the wild: drawn often
    segment = draw(st.sampled_from(["\n"] * 8 + others))
    if segment == "\n" and component == "~":
        # ISA16 '~' before a line break is read by the lexer's policy for fixtures/x12/edinet_x12_850_issue135.edi:
        # no component separator, with a warning; what we write must read back as written
        component = draw(st.sampled_from([c for c in COMPONENTS if c not in (element, repetition, "~")]))
    delimiters = Delimiters(
        element=element,
        segment=segment,
        component=component,
        repetition=repetition,
        segment_suffix=draw(st.sampled_from(["", "\n", "\r\n"])),
    )
    identity = X12Identity(
        isa_qualifier="ZZ",
        isa_id="ACMERETAIL",
        our_isa_qualifier="ZZ",
        our_isa_id="ORDERHUB",
        version=draw(st.sampled_from(["004010", "005010"])),
        delimiters=delimiters,
    )
    shipping = Shipping(structure=structure, sscc_with_ai=draw(st.booleans()))
    return PartnerProfile(partner_id=PARTNER, name="Acme Retail", x12=identity, shipping=shipping)


PLAIN_PROFILE = PartnerProfile(
    partner_id=PARTNER,
    name="Acme Retail",
    x12=X12Identity(isa_qualifier="ZZ", isa_id="ACMERETAIL", our_isa_qualifier="ZZ", our_isa_id="ORDERHUB"),
)


class Counter:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def next(self, partner_id: str, kind: str) -> int:
        self.values[kind] = self.values.get(kind, 0) + 1
        return self.values[kind]


def findings(data: bytes) -> list[str]:
    """Every envelope error, lexer warning and guide finding in ``data`` (empty: a clean interchange)."""
    problems: list[str] = []
    sets = 0
    for event in walk(iter_segments(data)):
        if isinstance(event, SetClosed):
            sets += 1
            ts, group, env = event.transaction_set, event.group, event.envelope
            guide = guide_for(env.isa_value(12), group.version, group.functional_id)
            assert guide is not None, f"no map for {env.isa_value(12)} {group.version} {group.functional_id}"
            elements = [s.elements for s in ts.segments]
            for f in validate_set(guide, elements, env.header.delimiters.component or "\x00"):
                problems.append(f"{f.segment_id} at {f.position} element {f.element}: code {f.code} {f.message}")
            problems += [str(e) for e in ts.errors]
        elif isinstance(event, GroupClosed):
            problems += [str(e) for e in event.group.errors]
        elif isinstance(event, InterchangeClosed):
            problems += [str(e) for e in event.envelope.errors] + event.envelope.header.warnings
    assert sets == 1
    return problems


def round_trip(render: Callable[..., Any], document: Any, profile: PartnerProfile) -> Any:
    rendered = render(document, profile, Counter(), NOW)
    assert findings(rendered.data) == []
    (back,) = read_documents(rendered.data, partner_id=PARTNER)
    return back


# ---------------------------------------------------------------- 855


@st.composite
def line_acks(draw: st.DrawFn) -> LineAck:
    ordered = draw(optional(QUANTITY))
    uom = draw(st.sampled_from(["EA", "CA", "PK", "UN"])) if ordered is not None else None  # PO1 C0302
    price = draw(optional(decimal(0, 99_999_999, 4)))
    line = {
        "line_number": draw(optional(text(1, 20))),
        "uom": uom,
        "unit_price": price,
        "price_basis": draw(optional(st.sampled_from(["PE", "WE", "CT"]))) if price is not None else None,  # C0504
        "ordered_quantity": ordered,
        "identifiers": draw(identifiers(10)),
    }

    def status() -> LineAck:
        scheduled = draw(optional(DATES))
        return LineAck(
            **line,
            status=draw(st.sampled_from(["IA", "IB", "IP", "IQ", "DR", "IR", "IC", "R2"])),
            quantity=draw(optional(decimal(0, 999_999_999, 3))) if uom else None,  # ACK P0203: with its unit
            date_qualifier=draw(st.sampled_from(["068", "067", "017"])),
            scheduled_date=scheduled,
        )

    if ordered is None and price is None and not line["identifiers"]:
        line["line_number"] = draw(text(1, 20))  # a PO1 with no value at all is no segment; a line echoes something
    # further statuses repeat the line's PO1 fields, as outbound.po855 builds them
    return status().model_copy(update={"further_statuses": [status() for _ in range(draw(st.integers(0, 2)))]})


@st.composite
def order_acks(draw: st.DrawFn) -> OrderAck:
    ack_type = draw(st.sampled_from(["AD", "AC", "AK", "RD", "RJ"]))
    return OrderAck(
        order_id=draw(text(1, 20)),
        partner_id=PARTNER,
        purpose=draw(st.sampled_from(["00", "01", "05", "06"])),
        ack_type=ack_type,
        po_number=draw(text(1, 22)),
        po_date=draw(optional(DATES)),
        ack_date=draw(DATES),
        release_number=draw(optional(text(1, 30))),
        references=draw(references(["VN", "CO", "IA", "ZZ"], 3)),
        dates=draw(date_refs(["002", "010", "067", "068"])),
        parties=draw(st.lists(parties(["ST", "BY", "SE", "VN"]), max_size=3)),
        lines=[] if ack_type in ("AK", "RJ") else draw(st.lists(line_acks(), max_size=5)),
        test=draw(st.booleans()),
    )


def expected_ack(ack: OrderAck) -> OrderAck:
    def status(s: LineAck) -> LineAck:
        # ACK04 is written only with the date it qualifies (ACK05)
        return s.model_copy(update={"date_qualifier": s.date_qualifier if s.scheduled_date else "068"})

    lines = [status(line).model_copy(update={"further_statuses": [status(s) for s in line.further_statuses]})
             for line in ack.lines]  # fmt: skip
    return ack.model_copy(
        update={
            "order_id": "",  # orderhub's order id is not in an 855: the reader is given none
            "po_date": ack.po_date or ack.ack_date,  # BAK04 is mandatory: without a PO date it holds the ack date
            "lines": lines,
        }
    )


@ROUND_TRIP
@given(ack=order_acks(), profile=profiles())
def test_855_round_trip(ack: OrderAck, profile: PartnerProfile) -> None:
    assert round_trip(render_855, ack, profile) == expected_ack(ack)


# ---------------------------------------------------------------- 856


def sscc(serial: int) -> str:
    """An SSCC-18 with its GS1 mod-10 check digit (weights 3, 1, 3, ... from the right)."""
    body = f"0{614141:07d}{serial % 10**9:09d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str(-total % 10)


@st.composite
def shipments(draw: st.DrawFn) -> tuple[Shipment, ShipmentStructure]:
    """A shipment whose packages fit a random structure, and that structure (the shipment may name it or not)."""
    structure = draw(st.sampled_from(list(ShipmentStructure)))
    serials = iter(range(draw(st.integers(0, 10**9)), 10**10))
    standard = structure in (ShipmentStructure.STANDARD_CARTON, ShipmentStructure.STANDARD_TARE)

    def package(level: str, items: list[ShippedItem], inner: list[Package]) -> Package:
        return Package(
            level=level,
            sscc=sscc(next(serials)),
            packaging_code=draw(optional(st.sampled_from(["CTN25", "PLT94", "CTN", "BOX"]))),
            weight=draw(optional(WEIGHT)),
            weight_uom=draw(st.sampled_from(["LB", "KG"])),
            items=items,
            packages=inner,
        )

    def order() -> ShipmentOrder:
        count = draw(st.integers(1, 4))
        # the order's lines; standard pack groups packages by line, so there each line is told apart by its number
        numbers = draw(st.lists(text(1, 20), min_size=count, max_size=count, unique=True))
        lines = [
            ShippedItem(
                line_number=number if standard or draw(st.booleans()) else None,
                identifiers=draw(identifiers(3, min_size=1)),
                quantity=Decimal(1),
                uom=draw(st.sampled_from(["EA", "CA", "PK"])),
                ordered_quantity=draw(optional(decimal(1, 10**9, 2))),
                description=draw(optional(text(1, 80))),
            )
            for number in numbers
        ]

        def shipped(line: ShippedItem | None = None, quantity: Decimal | None = None) -> ShippedItem:
            line = line or draw(st.sampled_from(lines))
            return line.model_copy(update={"quantity": quantity or draw(QUANTITY)})

        def carton() -> Package:
            return package("P", [shipped() for _ in range(draw(st.integers(1, 3)))], [])

        packages: list[Package] = []
        items: list[ShippedItem] = []
        if structure is ShipmentStructure.PLAIN:
            items = [shipped() for _ in range(draw(st.integers(1, 3)))]
        elif structure is ShipmentStructure.PICK_PACK:
            packages = [carton() for _ in range(draw(st.integers(1, 3)))]
        elif structure is ShipmentStructure.PICK_PACK_TARE:
            packages = [package("T", [], [carton() for _ in range(draw(st.integers(1, 3)))])
                        for _ in range(draw(st.integers(1, 2)))]  # fmt: skip
        else:
            level = "P" if structure is ShipmentStructure.STANDARD_CARTON else "T"
            for line in lines:
                same = draw(optional(QUANTITY))  # the same quantity in every package (PO4) or each its own (SN1)
                packages += [package(level, [shipped(line, same)], []) for _ in range(draw(st.integers(1, 3)))]
            packages = draw(st.permutations(packages))
        return ShipmentOrder(
            po_number=draw(text(1, 22)),
            po_date=draw(optional(DATES)),
            release_number=draw(optional(text(1, 30))),
            order_id=draw(optional(text(1, 20))),
            mark_for=draw(optional(parties(["BY", "Z7"]))),
            references=draw(references(["IA", "VN", "DP", "IV"], 2)),
            packages=packages,
            items=items,
        )

    carrier = st.builds(
        Carrier,
        routing_sequence=optional(st.sampled_from(["B", "O"])),
        id_qualifier=st.just("2"),
        id=code(2, 4),
        transport_method=optional(st.sampled_from(["M", "A", "U", "LT"])),
        routing=optional(text(1, 35)),
        service_level=optional(st.sampled_from(["ND", "SD", "SC"])),
    )
    orders = [order() for _ in range(draw(st.integers(1, 3)))]
    packages = [p for o in orders for p in o.packages]
    pallets = any(p.level == "T" for p in packages)
    cartons = any(c for p in packages for c in p.cartons())
    packaging_code = draw(st.sampled_from([None, "CTN25", "PLT94", "CTN", "BAG"]))
    # TD102 counts the units TD101 names; the renderer counts them only when the packages show them
    countable = bool(packages) if packaging_code is None else (
        packaging_code.startswith("PLT") and pallets or packaging_code.startswith("CTN") and cartons)  # fmt: skip
    given = st.integers(1, 9_999_999)
    lading_quantity = draw(optional(given) if countable else given if packaging_code else st.none())
    shipment = Shipment(
        shipment_id=draw(text(2, 30)),
        partner_id=PARTNER,
        purpose=draw(st.sampled_from(["00", "05", "01"])),
        structure=draw(optional(st.just(structure))),  # None: the partner profile's structure applies
        notice_date=draw(DATES),
        notice_time=draw(st.times()),
        ship_date=draw(DATES),
        estimated_delivery=draw(optional(DATES)),
        packaging_code=packaging_code,
        lading_quantity=lading_quantity,
        gross_weight=draw(optional(WEIGHT)),
        weight_uom=draw(st.sampled_from(["LB", "KG"])),
        carrier=draw(optional(carrier)),
        equipment_number=draw(optional(text(1, 10))),
        bill_of_lading=draw(optional(text(1, 50))),
        pro_number=draw(optional(text(1, 50))),
        references=draw(references(["IA", "SE", "PK", "ZZ"], 3)),  # BM and CN have fields of their own
        dates=draw(date_refs(["002", "010", "067", "069"])),  # 011 and 017 have fields of their own
        ship_from=draw(optional(parties(["SF"]))),
        ship_to=draw(optional(parties(["ST"]))),
        orders=orders,
        test=draw(st.booleans()),
    )
    return shipment, structure


def expected_shipment(shipment: Shipment, structure: ShipmentStructure) -> Shipment:
    def weighed(package: Package) -> Package:
        return package.model_copy(
            update={
                "weight_uom": package.weight_uom if package.weight is not None else "LB",  # PO407 pairs with PO406
                "packages": [weighed(p) for p in package.packages],
            }
        )

    def order(o: ShipmentOrder) -> ShipmentOrder:
        packages = [weighed(p) for p in o.packages]
        if structure in (ShipmentStructure.STANDARD_CARTON, ShipmentStructure.STANDARD_TARE):
            # S-O-I-P / S-O-I-T nest the packages under their item: they come back grouped by item
            first_seen: dict[Any, int] = {}
            for p in packages:
                first_seen.setdefault(_item_key(p.items[0]), len(first_seen))
            packages.sort(key=lambda p: first_seen[_item_key(p.items[0])])
        return o.model_copy(update={"order_id": None, "packages": packages})  # X12 carries the PO number only

    pallets = [p for p in shipment.all_packages() if p.level == "T"]
    cartons = [c for p in shipment.all_packages() for c in p.cartons()]
    # TD101 and TD102 are written even when not given: the pallets (PLT94) or else the cartons (CTN25), counted
    code = shipment.packaging_code or ("PLT94" if pallets else "CTN25" if cartons else None)
    lading = shipment.lading_quantity
    if lading is None and code is not None:
        lading = len(pallets) if code.startswith("PLT") else len(cartons)
    return shipment.model_copy(
        update={
            "ship_from": with_role(shipment.ship_from, "SF"),  # N101 names the role, whatever the party said
            "ship_to": with_role(shipment.ship_to, "ST"),
            "structure": structure,  # BSN05 and the HL levels say which structure the 856 is in
            "notice_time": shipment.notice_time.replace(second=0, microsecond=0),  # BSN04 is written HHMM
            "packaging_code": code,
            "lading_quantity": lading,
            "weight_uom": shipment.weight_uom if shipment.gross_weight is not None else "LB",  # TD108 pairs with TD107
            "orders": [order(o) for o in shipment.orders],
        }
    )


def with_role(party: Party | None, role: str) -> Party | None:
    return party.model_copy(update={"role": role}) if party else None


def _item_key(item: ShippedItem) -> tuple[Any, ...]:
    return item.line_number, tuple((i.qualifier, i.value) for i in item.identifiers), item.uom


@ROUND_TRIP
@given(case=shipments(), data=st.data())
def test_856_round_trip(case: tuple[Shipment, ShipmentStructure], data: st.DataObject) -> None:
    shipment, structure = case
    # the profile's structure applies only when the shipment names none
    other = data.draw(st.sampled_from(list(ShipmentStructure)))
    profile = data.draw(profiles(other if shipment.structure else structure))
    assert round_trip(render_856, shipment, profile) == expected_shipment(shipment, structure)


# ---------------------------------------------------------------- 810


def allowances_charges(max_size: int) -> st.SearchStrategy[list[AllowanceCharge]]:
    @st.composite
    def one(draw: st.DrawFn) -> AllowanceCharge:
        quantity = draw(optional(decimal(1, 10**9, 3)))
        indicator = draw(st.sampled_from(["A", "C", "N"]))
        amount = decimal(0, 10**9, 2)  # an allowance or a charge states its amount: TDS01 totals it
        return AllowanceCharge(
            indicator=indicator,
            code=draw(st.sampled_from(["C310", "D240", "F050", "H850", "B720"])),  # SAC02 (R0203: SAC03 unused)
            amount=draw(optional(amount) if indicator == "N" else amount),
            percent=draw(optional(decimal(0, 99_999, 3))),
            rate=draw(optional(decimal(0, 10**8, 4))),
            quantity=quantity,
            uom=draw(st.sampled_from(["EA", "CA"])) if quantity is not None else None,  # SAC P0910
            handling_code=draw(optional(st.sampled_from(["02", "06", "13"]))),
            description=draw(optional(text(1, 80))),
        )

    return st.lists(one(), max_size=max_size)


@st.composite
def invoices(draw: st.DrawFn) -> Invoice:
    lines = draw(
        st.lists(
            st.builds(
                InvoiceLine,
                line_number=optional(text(1, 20)),
                quantity=decimal(1, 10**6, 3),
                uom=st.sampled_from(["EA", "CA", "PK"]),
                unit_price=decimal(0, 10**6, 4),
                price_basis=optional(st.sampled_from(["PE", "WE", "CT"])),
                identifiers=identifiers(4),
                description=optional(text(1, 80)),
                allowances_charges=allowances_charges(2),
            ),
            min_size=1,
            max_size=5,
        )
    )
    kind = draw(st.sampled_from([None, "DI", "DR", "CR"]))
    summary = draw(allowances_charges(3))
    invoice = Invoice(
        invoice_number=draw(text(1, 22)),
        partner_id=PARTNER,
        invoice_date=draw(DATES),
        po_number=draw(text(1, 22)),
        po_date=draw(optional(DATES)),
        order_id=draw(optional(text(1, 20))),
        shipment_id=draw(optional(text(2, 30))),
        transaction_type=kind,
        currency=draw(optional(st.sampled_from(["USD", "CAD", "EUR"]))),
        references=draw(references(["IA", "BM", "VN", "DP"], 3)),
        remit_to=draw(optional(parties(["RE"]))),
        bill_to=draw(optional(parties(["BT"]))),
        ship_to=draw(optional(parties(["ST"]))),
        ship_from=draw(optional(parties(["SF"]))),
        terms=draw(
            optional(
                st.builds(
                    Terms,
                    type_code=optional(st.sampled_from(["01", "05", "08"])),
                    basis_date_code=optional(st.sampled_from(["1", "3", "15"])),
                    discount_percent=optional(decimal(0, 99_999, 3)),
                    discount_due_date=optional(DATES),
                    discount_days=optional(st.integers(0, 999)),
                    net_due_date=optional(DATES),
                    net_days=optional(st.integers(0, 999)),
                    description=optional(text(1, 80)),
                )
            )
        ),
        ship_date=draw(optional(DATES)),
        carrier=draw(  # CAD carries the transport method, the SCAC and the routing (R0405: one of the last two)
            optional(
                st.builds(
                    Carrier,
                    transport_method=optional(st.sampled_from(["M", "A", "U"])),
                    id=code(2, 4),
                    routing=optional(text(1, 35)),
                )
            )
        ),
        lines=lines,
        allowances_charges=summary,
        test=draw(st.booleans()),
    )
    if kind == "CR" and draw(st.booleans()):  # a credit memo: allowances above the merchandise, a negative total
        credit = AllowanceCharge(indicator="A", code="C310", amount=invoice.merchandise_total() + draw(WEIGHT))
        invoice = invoice.model_copy(update={"allowances_charges": [*summary, credit]})
    if draw(st.booleans()):
        invoice = invoice.model_copy(update={"stated_total": invoice.total()})
    return invoice


def expected_invoice(invoice: Invoice) -> Invoice:
    return invoice.model_copy(
        update={
            "order_id": None,  # orderhub's order id is not in an 810
            "shipment_id": None,  # orderhub's link to the 856 is not written (the bill of lading travels as REF*BM)
            "stated_total": invoice.total(),  # TDS01 always states the total
            # terms with nothing in them are not written (an ITD without a value is not X12)
            "terms": invoice.terms if invoice.terms and invoice.terms != Terms() else None,
            # N101 names the role, whatever the party said
            "remit_to": with_role(invoice.remit_to, "RE"),
            "bill_to": with_role(invoice.bill_to, "BT"),
            "ship_to": with_role(invoice.ship_to, "ST"),
            "ship_from": with_role(invoice.ship_from, "SF"),
        }
    )


@ROUND_TRIP
@given(invoice=invoices(), profile=profiles())
def test_810_round_trip(invoice: Invoice, profile: PartnerProfile) -> None:
    assert round_trip(render_810, invoice, profile) == expected_invoice(invoice)


def test_a_credit_memo_round_trips_with_its_negative_total() -> None:
    line = InvoiceLine(quantity=Decimal(2), unit_price=Decimal("10.005"))
    credit = AllowanceCharge(indicator="A", code="C310", amount=Decimal("35.5"))
    memo = Invoice(invoice_number="CM1", partner_id=PARTNER, invoice_date=date(2026, 11, 20), po_number="PO1",
                   transaction_type="CR", lines=[line], allowances_charges=[credit])  # fmt: skip
    assert memo.total() == Decimal("-15.49")
    rendered = render_810(memo, PLAIN_PROFILE, Counter(), NOW)
    assert b"TDS*-1549~" in rendered.data and findings(rendered.data) == []
    (back,) = read_documents(rendered.data, partner_id=PARTNER)
    assert back == expected_invoice(memo)
    assert back.stated_total == Decimal("-15.49")


# ---------------------------------------------------------------- the hand-written goldens read back

GOLDEN = FIXTURES / "golden" / "documents"


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.x12")))
def test_golden_document_reads_back_to_its_source(name: str) -> None:
    """The hand-written goldens of test_golden_documents.py read back to the canonical JSON they render from."""
    source = json.loads((GOLDEN / f"{name}.json").read_text())
    expected: Any
    if name.startswith("855"):
        order, decision = Order.model_validate(source["order"]), OrderDecision.model_validate(source["decision"])
        expected = expected_ack(ack_from_decision(order, decision, GOLDEN_NOW))
    elif name.startswith("856"):
        shipment = Shipment.model_validate(source)
        expected = expected_shipment(shipment, ShipmentStructure(name.split("_")[1]))
    else:
        expected = expected_invoice(Invoice.model_validate(source))
    (back,) = read_documents((GOLDEN / f"{name}.x12").read_bytes(), partner_id=expected.partner_id)
    assert back == expected


# ---------------------------------------------------------------- readers never crash


READERS: list[tuple[Callable[..., Any], Callable[..., Any], st.SearchStrategy[Any]]] = [
    (render_855, read_855, order_acks()),
    (render_856, read_856, shipments().map(lambda case: case[0].model_copy(update={"structure": case[1]}))),
    (render_810, read_810, invoices()),
]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not SOAK, suppress_health_check=list(HealthCheck))
@given(data=st.data(), which=st.sampled_from(range(len(READERS))))
def test_readers_refuse_a_damaged_set_with_a_reason(data: st.DataObject, which: int) -> None:
    """Segments dropped, doubled, cut short or with an element changed: a canonical object or a ValueError
    with a reason, never another exception."""
    render, read, documents = READERS[which]
    rendered = render(data.draw(documents), PLAIN_PROFILE, Counter(), NOW)
    body = [s.elements for s in iter_segments(rendered.data)][2:-2]  # ST .. SE
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(body) - 1))
        action = data.draw(st.sampled_from(["drop", "double", "change", "cut"]))
        if action == "drop" and len(body) > 1:
            del body[at]
        elif action == "double":
            body.insert(at, list(body[at]))
        elif action == "cut":
            body[at] = body[at][: data.draw(st.integers(1, max(1, len(body[at]) - 1)))]
        else:
            element = data.draw(st.integers(0, len(body[at])))
            value = data.draw(st.sampled_from(["", "0", "-1", "X", "1.5.5", "99999999", "HL", "S", "20261399", "00"]))
            body[at] = [*body[at][:element], value, *body[at][element + 1 :]]
    try:
        read(body)
    except ValueError as exc:
        assert str(exc).strip()
