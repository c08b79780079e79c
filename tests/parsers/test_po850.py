"""The 850 mapping, field by field, on a purchase order that uses every segment orderhub reads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from x12build import interchange

from parsers.x12 import X12Parser
from schemas import Purpose, Source

BODY = [
    "BEG*00*SA*4500012345*REL1*20261120",
    "CUR*BY*USD",
    "REF*DP*038",
    "REF*IA*VEND-7781*VENDOR NUMBER",
    "PER*BD*DANA BUYER*TE*555-0100*EM*dana@example.com*FX*555-0199",
    "FOB*PP*OR*DAYTON DC*01*FOB",
    "SAC*C*D240***1500**********FREIGHT",
    "ITD*14*3*2**30**45*****2% 30 NET 45",
    "DTM*002*20261201",
    "DTM*038*20261210*1700",
    "TD5*O*2*UPSN*M*UPS GROUND",
    "N9*ZZ*PROMO7",
    "MSG*HANDLE WITH CARE",
    "N1*BY*DEMO RETAIL INC*92*HQ01",
    "N1*ST*DEMO RETAIL DC*UL*0012345000010",
    "N2*RECEIVING DOOR 4",
    "N3*100 MAIN STREET*SUITE 5",
    "N4*DAYTON*OH*45402*US",
    "PER*IC*DOCK MANAGER*TE*555-0123",
    "N1*BT*DEMO RETAIL AP*92*AP01",
    "N1*Z7*STORE 42*92*0042",
    "PO1*001*24*CA*9.25*PE*VN*AB3542*UP*012345000017*BP*66850-116*UK*10012345000014",
    "PID*F****SMALL WIDGET",
    "PID*F****BLUE",
    "PO4*6*1*EA*BOX*G*3.5*LB",
    "REF*PD*PROMO",
    "SAC*A*C310***250***2.5",
    "SDQ*CA*92*0042*10*0043*14",
    "DTM*002*20261203",
    "PO1*002*-1*EA",
    "N1*ST*STORE 77*92*0077",
    "N3*7 ELM ST",
    "CTT*2*23",
    "AMT*TT*237.00",
]


def order():
    result = X12Parser().parse(interchange([BODY]), Source(kind="x12", document_id="abc"))
    (s,) = result.all_sets()
    assert s.reason is None, s.reason
    return s.order


def test_header():
    o = order()
    assert (o.purpose, o.purpose_code, o.order_type, o.po_number, o.release_number) == (
        Purpose.ORIGINAL,
        "00",
        "SA",
        "4500012345",
        "REL1",
    )
    assert o.po_date == date(2026, 11, 20)
    assert o.currency == "USD"
    assert [(r.qualifier, r.value, r.description) for r in o.references] == [
        ("DP", "038", None),
        ("IA", "VEND-7781", "VENDOR NUMBER"),
        ("ZZ", "PROMO7", None),
    ]
    assert [(d.qualifier, d.value, d.time) for d in o.dates] == [
        ("002", date(2026, 12, 1), None),
        ("038", date(2026, 12, 10), "1700"),
    ]
    (contact,) = o.contacts
    assert (contact.function, contact.name, contact.phone, contact.email, contact.fax) == (
        "BD",
        "DANA BUYER",
        "555-0100",
        "dana@example.com",
        "555-0199",
    )
    assert (o.fob.payment_method, o.fob.location_qualifier, o.fob.description, o.fob.terms) == (
        "PP",
        "OR",
        "DAYTON DC",
        "FOB",
    )
    assert (
        o.terms.type_code,
        o.terms.discount_percent,
        o.terms.discount_days,
        o.terms.net_days,
        o.terms.description,
    ) == ("14", Decimal("2"), 30, 45, "2% 30 NET 45")
    assert (o.carrier.id_qualifier, o.carrier.id, o.carrier.transport_method, o.carrier.routing) == (
        "2",
        "UPSN",
        "M",
        "UPS GROUND",
    )
    assert o.notes == ["HANDLE WITH CARE"]
    (charge,) = o.allowances_charges
    assert (charge.indicator, charge.code, charge.amount, charge.description) == (
        "C",
        "D240",
        Decimal("15.00"),
        "FREIGHT",
    )  # SAC05 has two implied decimals
    assert (o.stated_line_count, o.stated_hash_total, o.stated_total) == (2, Decimal("23"), Decimal("237.00"))
    assert o.source.interchange_control_number == "000000001" and o.source.set_control_number == "0001"
    assert o.source.sender == "ZZ:DEMORETAIL" and o.source.test is False


def test_parties():
    o = order()
    assert o.buyer.name == "DEMO RETAIL INC" and o.buyer.identifier("92") == "HQ01"
    st = o.ship_to
    assert st.name == "DEMO RETAIL DC RECEIVING DOOR 4"
    assert [(i.qualifier, i.value) for i in st.identifiers] == [("UL", "0012345000010")]
    assert st.address_lines == ["100 MAIN STREET", "SUITE 5"]
    assert (st.city, st.state, st.postal_code, st.country) == ("DAYTON", "OH", "45402", "US")
    assert st.contacts[0].name == "DOCK MANAGER"
    assert o.bill_to.identifier("92") == "AP01"
    assert o.mark_for.identifier("92") == "0042"


def test_lines():
    first, second = order().lines
    assert first.line_number == "001"  # PO101 verbatim
    assert (first.quantity, first.uom, first.unit_price, first.price_basis) == (
        Decimal("24"),
        "CA",
        Decimal("9.25"),
        "PE",
    )
    assert [(i.qualifier, i.value) for i in first.identifiers] == [
        ("VN", "AB3542"),
        ("UP", "012345000017"),
        ("BP", "66850-116"),
        ("UK", "10012345000014"),
    ]
    assert (first.vendor_part_number, first.upc, first.buyer_part_number, first.gtin) == (
        "AB3542",
        "012345000017",
        "66850-116",
        "10012345000014",
    )
    assert first.description == "SMALL WIDGET; BLUE"
    assert (
        first.pack.pack,
        first.pack.size,
        first.pack.uom,
        first.pack.packaging_code,
        first.pack.gross_weight,
        first.pack.weight_uom,
    ) == (Decimal("6"), Decimal("1"), "EA", "BOX", Decimal("3.5"), "LB")
    assert [(d.location, d.quantity) for d in first.destinations] == [("0042", Decimal("10")), ("0043", Decimal("14"))]
    assert first.requested_date == date(2026, 12, 3)
    assert first.allowances_charges[0].indicator == "A" and first.allowances_charges[0].amount == Decimal("2.50")
    assert [(r.qualifier, r.value) for r in first.references] == [("PD", "PROMO")]
    assert second.quantity == Decimal("-1") and second.unit_price is None
    assert second.ship_to.identifier("92") == "0077" and second.ship_to.address_lines == ["7 ELM ST"]


def test_money_and_quantities_are_json_strings_and_dates_iso():
    data = order().model_dump(mode="json")
    assert data["lines"][0]["quantity"] == "24" and data["lines"][0]["unit_price"] == "9.25"
    assert data["po_date"] == "2026-11-20"


def test_purposes():
    for code, purpose in [
        ("00", "original"),
        ("01", "cancel"),
        ("04", "change"),
        ("05", "change"),
        ("06", "confirmation"),
        ("07", "duplicate"),
    ]:
        body = [BODY[0].replace("BEG*00", f"BEG*{code}"), *BODY[1:]]
        (s,) = X12Parser().parse(interchange([body]), Source(kind="x12")).all_sets()
        assert s.order.purpose.value == purpose


def test_six_digit_dates_of_older_versions():
    body = ["BEG*00*SA*P1**010510", "PO1*1*1*EA*1**VN*X"]
    (s,) = X12Parser().parse(interchange([body], version="003040"), Source(kind="x12")).all_sets()
    assert s.order.po_date == date(2001, 5, 10)
