"""The third-party 855, 856, 810 and 997 samples (fixtures/x12-sets/, see fixtures/THIRD_PARTY.md) read into
canonical objects and validated against our maps, each with its exact outcome.

Validation and reading are separate verdicts: a set can be valid X12 that the canonical model cannot hold
(an 855 line without an ACK), or invalid X12 that still reads (none here: the two invalid samples are also
unreadable). Where a sample comes from a source's ``pass`` folder but our maps reject it, the comment says
which X12 rule it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import pytest
from conftest import FIXTURES

from outbound.invoice810 import invoice_problems
from parsers.x12.ack_reader import read_functional_ack
from parsers.x12.documents import read_855, read_856, read_documents
from parsers.x12.envelope import GroupClosed, InterchangeClosed, SetClosed, walk
from parsers.x12.guide import guide_for
from parsers.x12.lexer import iter_segments
from parsers.x12.validator import validate_set
from schemas.acknowledgement import AckCode, FunctionalAck, OrderAck
from schemas.invoice import Invoice
from schemas.order import Carrier, Identifier, Party, Qualified
from schemas.shipment import Shipment, ShipmentStructure

SETS = FIXTURES / "x12-sets"
Finding = tuple[int, str, int | None, str]  # position, segment ID, element (None: the segment), AK304/AK403 code


@dataclass
class SetVerdict:
    set_id: str
    control_number: str
    guide: str | None  # the map used
    findings: list[Finding]
    messages: list[str]
    envelope_errors: list[str]  # the set's own (SE count, ...)


def verdicts(name: str) -> tuple[list[SetVerdict], list[str], list[FunctionalAck]]:
    """Per set: the map's findings and the set's envelope errors; the group and interchange errors; the 997s read."""
    found: list[SetVerdict] = []
    outer: list[str] = []
    acks: list[FunctionalAck] = []
    for event in walk(iter_segments((SETS / name).read_bytes())):
        if isinstance(event, SetClosed):
            ts, group, env = event.transaction_set, event.group, event.envelope
            component = env.header.delimiters.component or ""
            guide = guide_for(env.isa_value(12), group.version, group.functional_id)
            if guide is None and ts.set_id == "997":
                # GS08 005010X230 (a HIPAA implementation of the 997) is not registered: the base 005010 map applies
                guide = guide_for(env.isa_value(12), group.version[:6], group.functional_id)
            assert guide is not None, f"{name}: no map for {group.version} {group.functional_id}"
            findings = validate_set(guide, [s.elements for s in ts.segments], component)
            found.append(
                SetVerdict(
                    ts.set_id,
                    ts.control_number,
                    guide.source,
                    sorted(((f.position, f.segment_id, f.element, f.code) for f in findings), key=str),
                    [f.message for f in findings],
                    [str(e) for e in ts.errors],
                )
            )
            if ts.set_id == "997":
                ack = read_functional_ack(ts, env.header.delimiters.component)
                assert ack is not None
                acks.append(ack)
        elif isinstance(event, GroupClosed):
            outer += [str(e) for e in event.group.errors]
        elif isinstance(event, InterchangeClosed):
            outer += [str(e) for e in event.envelope.errors]
    return found, outer, acks


ACCEPTED: dict[str, tuple[str, int]] = {  # file → (map, sets in it), every set accepted
    "ediengine_856_Crossdock.edi": ("856.004010.xml", 1),
    "nodex12_855.edi": ("855.004010.xml", 1),
    "oboe_855_lf_tilde.edi": ("855.004010.xml", 12),
    "staedi_855_multi_st.edi": ("855.004010.xml", 2),
    "staedi_simple810.edi": ("810.004010.xml", 2),
    "stedi_bootstrap_855_5010.edi": ("855.005010.xml", 1),
    "stupidedi_855_pass1.edi": ("855.004010.xml", 1),  # ISA12 00400: the 004010 map is registered for it
    "stupidedi_997_5010_X230.edi": ("997.005010.xml", 1),
}
REJECTED = ["stupidedi_004010_856_fail2.edi", "stupidedi_810_pipe.edi"]


def test_every_sample_has_an_expected_outcome() -> None:
    assert {p.name for p in SETS.iterdir()} == set(ACCEPTED) | set(REJECTED)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_valid_samples_are_accepted_by_our_maps(name: str) -> None:
    found, outer, _acks = verdicts(name)
    guide, count = ACCEPTED[name]
    assert [(v.guide, v.findings, v.envelope_errors) for v in found] == [(guide, [], [])] * count
    assert outer == []


def test_the_stupidedi_856_fail_sample_is_rejected_where_it_breaks() -> None:
    """'$' terminates its segments, but three of them end in '~' and a line break: N1*SU swallows the N3, the
    N4 and HL 2 (the order level), so PRF has no place, HL 3 names a parent that never opened, and SE01 is off."""
    (verdict,), outer, _acks = verdicts("stupidedi_004010_856_fail2.edi")
    assert verdict.findings == [
        (11, "N1", 4, "6"),  # N104 holds '~' and line breaks
        (11, "N1", 5, "5"),
        (11, "N1", 5, "6"),
        (11, "N1", 6, "5"),
        (11, "N1", 7, "3"),  # too many elements
        (11, "N1", None, "8"),
        (12, "PRF", None, "1"),  # not in the set where it stands (below the shipment level)
        (15, "N3", None, "8"),  # 'N3*80 TEST AVE*' ends with a separator
        (17, "HL", 1, "7"),
        (17, "HL", 2, "7"),
        (17, "HL", None, "8"),
    ]
    assert "HL02 '2' is not an open parent level" in verdict.messages
    assert verdict.envelope_errors == ["SE01 says '25' segments but transaction set '0000001' has 22 at segment 24 "
                                       "(SE, character 655)"]  # fmt: skip
    assert outer == []
    with pytest.raises(ValueError, match=r"HL02 \(segment 17\): HL 3 names parent '2', which is no earlier HL"):
        read_documents((SETS / "stupidedi_004010_856_fail2.edi").read_bytes())


def test_the_stupidedi_810_pipe_sample_breaks_the_it1_syntax_note() -> None:
    """From stupidedi's pass folder, but 'IT1||4||70' has IT102 and IT104 without IT103: X12's note P020304
    (if any of IT102, IT103, IT104 is present, all are) is broken on both lines. No unit: no canonical line."""
    (verdict,), outer, _acks = verdicts("stupidedi_810_pipe.edi")
    assert verdict.findings == [(7, "IT1", 3, "2"), (7, "IT1", None, "8"), (9, "IT1", 3, "2"), (9, "IT1", None, "8")]
    assert "IT103 breaks syntax note P020304" in verdict.messages
    assert verdict.envelope_errors == [] and outer == []
    with pytest.raises(ValueError, match=r"^810 set '5639689' .*: IT103 \(segment 7\): the unit of measure is empty$"):
        read_documents((SETS / "stupidedi_810_pipe.edi").read_bytes())


def read(name: str) -> list[OrderAck | Shipment | Invoice]:
    return read_documents((SETS / name).read_bytes(), partner_id="corpus")


def test_crossdock_856_reads_as_pick_and_pack() -> None:
    (shipment,) = read("ediengine_856_Crossdock.edi")
    assert isinstance(shipment, Shipment)
    assert (shipment.shipment_id, shipment.structure, shipment.notice_date, shipment.notice_time) == (
        "000009", ShipmentStructure.PICK_PACK, date(2009, 9, 21), time(8, 1))  # fmt: skip
    assert (shipment.ship_date, shipment.estimated_delivery) == (date(2009, 9, 21), date(2009, 9, 25))
    assert (shipment.packaging_code, shipment.lading_quantity, shipment.gross_weight) == ("CTN", 5, Decimal(24))
    assert shipment.carrier == Carrier(id_qualifier="2", id="OVNT", routing="OVERNITE")
    assert (shipment.equipment_number, shipment.bill_of_lading, shipment.pro_number) == (
        "1234567890", "000001", "0000000008741")  # fmt: skip
    assert shipment.references == [Qualified(qualifier="SE", value="0000000008741")]
    assert shipment.ship_from is not None and shipment.ship_from.address_lines == ["SOME STREET"]
    assert shipment.ship_to == Party(role="ST", name="RETAILER", identifiers=[Identifier(qualifier="92", value="0001")])
    first, second = shipment.orders
    assert (first.po_number, second.po_number) == ("POREF00", "POREF01")
    assert first.mark_for == Party(role="BY", name="STORE", identifiers=[Identifier(qualifier="92", value="002")])
    assert first.references == [Qualified(qualifier="IV", value="0000021")]
    # MAN*GM holds 00 + the SSCC-18; the carton weight is PO406 (PO405 left empty)
    assert [(p.sscc, p.weight) for p in first.packages] == [
        ("000715670002152360", Decimal(6)),
        ("000715670002152377", None),
        ("000715670002152384", Decimal(6)),
        ("000715670002152391", Decimal(6)),
    ]
    items = [(i.identifiers[0].value, i.quantity, i.uom) for p in first.packages for i in p.items]
    assert items == [("0000000000642", 12, "EA"), ("0000000000831", 12, "EA"), ("0000000000283", 12, "EA"),
                     ("0000000000203", 12, "EA")]  # fmt: skip
    assert [p.sscc for p in second.packages] == ["000715670002152111"]


def test_node_x12_855_reads_with_accepted_and_rejected_lines() -> None:
    (ack,) = read("nodex12_855.edi")
    assert isinstance(ack, OrderAck)
    assert (ack.ack_type, ack.po_number, ack.po_date, ack.ack_date) == (
        "AD", "POTEST1112", date(2020, 10, 15), date(2020, 10, 15))  # fmt: skip
    assert ack.references == [Qualified(qualifier="ZZZ", value="ORDER PROCESSED")]
    (ship_to,) = ack.parties
    assert ship_to.address_lines == ["REGULAR EDI ACCOUNT", "ATTN ACQ SERVS", "7615 DISALLE BOULEVARD"]
    assert (ship_to.city, ship_to.state, ship_to.postal_code) == ("FORT WAYNE", "IN", "46825")
    lines = [(li.line_number, li.status, li.quantity, li.uom, li.unit_price, li.ordered_quantity) for li in ack.lines]
    assert lines == [
        ("1", "IA", 3, "UN", Decimal("4.5"), 3),
        ("2", "IR", 0, "UN", Decimal("15.99"), 2),
        ("3", "IR", 0, "UN", 0, 1),
        ("4", "IA", 2, "UN", Decimal("4.5"), 2),
    ]
    assert [i.qualifier for i in ack.lines[0].identifiers] == ["EN", "B6", "B3", "B4"]


def test_oboe_855s_read_twelve_acknowledgements_with_tilde_as_element_separator() -> None:
    acks = read("oboe_855_lf_tilde.edi")
    assert len(acks) == 12 and all(isinstance(a, OrderAck) and a.ack_type == "NA" for a in acks)
    statuses = [[li.status for li in a.lines] for a in acks if isinstance(a, OrderAck)]
    assert statuses == [["R2", "R2"]] + [["R2"]] * 7 + [["IA"]] * 4  # R2: item rejected, invalid product number
    first = acks[0]
    assert isinstance(first, OrderAck)
    assert (first.po_number, first.po_date, first.ack_date) == ("2171045", date(2001, 10, 10), date(2001, 10, 11))
    assert first.lines[0].identifiers == [Identifier(qualifier="PL", value="1"),
                                          Identifier(qualifier="UP", value="0004787512237"),
                                          Identifier(qualifier="VP", value="ACT12237")]  # fmt: skip


def test_staedi_855s_without_lines_read_from_a_test_interchange() -> None:
    acks = read("staedi_855_multi_st.edi")
    assert [(a.purpose, a.ack_type, a.po_number, a.lines, a.test) for a in acks if isinstance(a, OrderAck)] == [
        ("54", "AC", "ORDER1", [], True),
        ("54", "AC", "ORDER2", [], True),
    ]


def test_stedi_5010_855_reads_its_parties_and_lines() -> None:
    (ack,) = read("stedi_bootstrap_855_5010.edi")
    assert isinstance(ack, OrderAck)
    assert (ack.ack_type, ack.po_date, ack.ack_date, ack.test) == ("AD", date(2022, 9, 14), date(2022, 9, 13), True)
    assert [(p.role, p.name, p.country) for p in ack.parties] == [("SE", "Marvin Acme", "US"),
                                                                   ("ST", "Wile E Coyote", "US")]  # fmt: skip
    assert [(li.line_number, li.status, li.quantity, li.uom, li.unit_price) for li in ack.lines] == [
        ("item-1", "IA", 8, "EA", 400),
        ("item-2", "IA", 4, "EA", 125),
    ]


def test_stupidedi_855_line_without_an_ack_cannot_be_canonical() -> None:
    """Valid X12 (ACK is optional in the PO1 loop), but an acknowledged line needs a status."""
    with pytest.raises(ValueError, match=r"PO1 \(segment 6\): line 0001 has no ACK, so its status is unknown"):
        read("stupidedi_855_pass1.edi")


def test_staedi_810s_read_and_the_second_total_does_not_add_up() -> None:
    first, second = read("staedi_simple810.edi")
    assert isinstance(first, Invoice) and isinstance(second, Invoice)
    assert (first.invoice_number, first.invoice_date, first.po_number) == ("00001", date(1997, 12, 11), "A99999-01")
    assert [(p.role, p.name) for p in (first.ship_to, first.bill_to, first.remit_to) if p] == [
        ("ST", "BUYSNACKS PORT"), ("BT", "BUYSNACKS"), ("RE", "FOODSELLER")]  # fmt: skip
    assert first.terms is not None
    assert (first.terms.discount_percent, first.terms.discount_days, first.terms.net_days) == (1, 15, 16)
    assert first.terms.description == "1/15 NET 30"
    assert first.carrier == Carrier(routing="FREEFORM")
    assert [(li.quantity, li.uom, li.unit_price, li.description) for li in first.lines][:2] == [
        (16, "CA", Decimal("12.34"), "CRUNCHY CHIPS LSS"), (13, "CA", Decimal("12.34"), "NACHO CHIPS LSS")]  # fmt: skip
    assert first.stated_total == Decimal("2554.38") == first.total()  # TDS 255438: two implied decimals
    assert invoice_problems(first) == []
    # the second set copies the first's TDS (and ISS) though its 150 cases make 1851.00
    assert second.stated_total == Decimal("2554.38") and second.total() == Decimal("1851.00")
    assert invoice_problems(second) == [
        "stated_total 2554.38 differs from the lines and allowances/charges, which make 1851.00"
    ]


def test_stupidedi_997_reads_a_partially_accepted_group() -> None:
    (verdict,), _outer, (ack,) = verdicts("stupidedi_997_5010_X230.edi")
    assert guide_for("00501", "005010X230", "FA") is None  # so the base 005010 997 map validated it
    assert (verdict.guide, verdict.findings) == ("997.005010.xml", [])
    group = ack.group
    assert (group.functional_id, group.control_number, group.version, group.code) == (
        "HC", "17456", "005010", AckCode.PARTIALLY_ACCEPTED)  # fmt: skip
    assert (group.sets_included, group.sets_received, group.sets_accepted) == (2, 2, 1)
    accepted, rejected = group.sets
    assert (accepted.control_number, accepted.code, accepted.errors) == ("0001", AckCode.ACCEPTED, [])
    assert (rejected.control_number, rejected.code, rejected.set_error_codes) == ("0002", AckCode.REJECTED, ["5"])
    segment, element = rejected.errors
    assert (segment.segment_id, segment.segment_position, segment.segment_code) == ("CLM", 22, "8")
    assert (element.element_position, element.element_reference, element.element_code) == (1, "1028", "1")
    assert read("stupidedi_997_5010_X230.edi") == []  # no 855, 856 or 810 in it


# -- shapes partners send that our renderers never write --------------------------------------------------


def asn(*levels: str, bsn05: str = "") -> list[list[str]]:
    """An 856 as element lists: header, the HL levels given (segments joined by spaces), trailer."""
    head = ["ST*856*0001", f"BSN*00*SH1*20261120*1200{'*' + bsn05 if bsn05 else ''}", "DTM*011*20261120"]
    return [s.split("*") for s in [*head, *" ".join(levels).split(), "SE*0*0001"]]


SHIPMENT = "HL*1**S HL*2*1*O PRF*PO1"
ITEM = "HL*3*2*I LIN**UP*012345678905 SN1**10*EA"
CARTON = "HL*{n}*3*P MAN*GM*{sscc}"
SSCC = "006141410000000005"


def test_a_lone_standard_pack_carton_holds_the_whole_item() -> None:
    (order,) = read_856(asn(SHIPMENT, ITEM, CARTON.format(n=4, sscc=SSCC)), partner_id="p").orders
    ((carton,),) = [order.packages]
    assert (carton.sscc, carton.items[0].quantity) == (SSCC, 10)  # MAN02 without the application identifier


@pytest.mark.parametrize(
    ("levels", "reason"),
    [
        ((SHIPMENT, ITEM, "HL*4*3*P SN1**4*EA", "HL*5*3*P SN1**5*EA"), "SN1 ships 10 but its packages hold 9"),
        ((SHIPMENT, ITEM, "HL*4*3*P", "HL*5*3*P"), r"HL 4 \(pack level, segment 10\): how much it holds is not said"),
        ((SHIPMENT, ITEM, "HL*4*3*P HL*5*4*I"), r"HL 5 \(item level, segment 11\): nothing nests in a standard-pack"),
        (("HL*1**S HL*2*1*T HL*3*2*O PRF*PO1", ITEM.replace("HL*3*2", "HL*4*3")), "only orders .O. right below"),
        ((SHIPMENT, "HL*3*2*T", ITEM.replace("HL*3*2", "HL*4*3")), "levels S-O-T-I, not a structure orderhub reads"),
        ((SHIPMENT, ITEM, CARTON.format(n=4, sscc="1234567890123456789")), r"MAN02 .* is not an SSCC-18"),
        ((SHIPMENT, ITEM, "HL*4*9*P"), "HL 4 names parent '9', which is no earlier HL"),
        (("HL*1**O",), "the top HL level must be the shipment"),
    ],
)
def test_856_shapes_orderhub_cannot_hold_are_refused_with_the_reason(levels: tuple[str, ...], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        read_856(asn(*levels))


def test_bsn05_must_agree_with_the_hl_levels() -> None:
    assert read_856(asn(SHIPMENT, ITEM, bsn05="0004")).structure is ShipmentStructure.PLAIN
    with pytest.raises(ValueError, match=r"BSN05 \(segment 2\): '0001' disagrees with the HL levels, which are SOI"):
        read_856(asn(SHIPMENT, ITEM, bsn05="0001"))


def test_a_set_of_another_kind_or_no_x12_at_all_is_refused() -> None:
    with pytest.raises(ValueError, match="this is a 856 transaction set, not an 855"):
        read_855(asn(SHIPMENT, ITEM))
    with pytest.raises(ValueError, match="not X12"):
        read_documents(b"Dear supplier, please find our order attached.")
