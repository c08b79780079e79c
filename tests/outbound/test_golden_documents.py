"""856, 810 and 855 rendered from canonical JSON, compared byte for byte with golden interchanges written by
hand from X12 004010 and the VICS 856 conventions (fixtures/golden/documents/).

Each golden is also checked on its own, so a wrong golden cannot hide behind a renderer that agrees with it:
orderhub's validator and pyx12 (against our maps) must both accept it, and every SSCC-18 on a MAN*GM label
must carry a correct GS1 check digit.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from acktools import NOW, Counter
from conftest import FIXTURES

from mappers.profile import PartnerProfile, load_profile
from outbound.asn856 import render_856, shipment_segments
from outbound.envelope import Rendered
from outbound.invoice810 import render_810
from outbound.po855 import ack_from_decision, render_855
from parsers.x12.envelope import SetClosed, walk
from parsers.x12.guide import guide_for
from parsers.x12.lexer import iter_segments
from parsers.x12.validator import validate_set
from schemas import Order
from schemas.acknowledgement import OrderDecision
from schemas.invoice import Invoice
from schemas.shipment import Shipment
from schemas.x12maps import MAP_DIR

DOCUMENTS = FIXTURES / "golden" / "documents"
PROFILE = load_profile(FIXTURES / "partners" / "vics-sample.yaml")

Renderer = Callable[[Path, PartnerProfile, Counter, datetime], Rendered]


def _render_856(source: Path, profile: PartnerProfile, numbers: Counter, now: datetime) -> Rendered:
    return render_856(Shipment.model_validate_json(source.read_text()), profile, numbers, now)


def _render_810(source: Path, profile: PartnerProfile, numbers: Counter, now: datetime) -> Rendered:
    return render_810(Invoice.model_validate_json(source.read_text()), profile, numbers, now)


def _render_855(source: Path, profile: PartnerProfile, numbers: Counter, now: datetime) -> Rendered:
    raw = json.loads(source.read_text())
    ack = ack_from_decision(Order.model_validate(raw["order"]), OrderDecision.model_validate(raw["decision"]), now)
    return render_855(ack, profile, numbers, now)


CASES: dict[str, Renderer] = {
    "856_SOPI": _render_856,  # pick and pack: mixed cartons, two orders
    "856_SOTPI": _render_856,  # pallets holding mixed cartons
    "856_SOIP": _render_856,  # standard carton: uniform and non-uniform carton quantities, two orders
    "856_SOIT": _render_856,  # pallets of one item
    "856_SOI": _render_856,  # no package detail, two orders
    "810_invoice": _render_810,
    "810_credit_memo": _render_810,
    "855_decision": _render_855,
}


def golden(name: str) -> str:
    return (DOCUMENTS / f"{name}.x12").read_text()


def test_every_golden_file_has_a_case():
    on_disk = {p.stem for p in DOCUMENTS.glob("*.x12")}
    assert on_disk == set(CASES)
    assert {p.stem for p in DOCUMENTS.glob("*.json")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_rendered_document_matches_the_hand_written_golden(name):
    rendered = CASES[name](DOCUMENTS / f"{name}.json", PROFILE, Counter(), NOW)
    expected = golden(name)
    actual = rendered.data.decode()
    if actual != expected:  # name the first differing segment, then compare the whole text
        pairs = zip(expected.splitlines(), actual.splitlines(), strict=False)
        first = next(((i, e, a) for i, (e, a) in enumerate(pairs, 1) if e != a), None)
        assert actual == expected, f"first difference at segment {first}"
    assert (rendered.interchange_control_number, rendered.group_control_number) == ("000000001", "1")
    assert rendered.set_control_numbers == ["0001"]


# -- the goldens on their own ---------------------------------------------------------------------------


def our_findings(data: bytes) -> list[tuple[str, list[str]]]:
    """orderhub's validator on every set: (guide file, findings); a set without a guide is an error here."""
    out = []
    sets = 0
    for event in walk(iter_segments(data)):
        if not isinstance(event, SetClosed):
            continue
        sets += 1
        ts, group, env = event.transaction_set, event.group, event.envelope
        guide = guide_for(env.isa_value(12), group.version, group.functional_id, MAP_DIR)
        assert guide is not None, f"no map for {group.functional_id} {group.version}"
        findings = validate_set(guide, [s.elements for s in ts.segments], env.header.delimiters.component or ">")
        problems = [f"{f.segment_id}@{f.position} el {f.element} code {f.code}: {f.message}" for f in findings]
        problems += [str(e) for e in ts.errors]
        out.append((guide.source, problems))
    assert sets == 1
    return out


def pyx12_verdict(text: str, caplog: pytest.LogCaptureFixture) -> tuple[bool, list[str], str]:
    """pyx12 4.0.0 validating against our maps: (valid, logged errors, the 997 it writes)."""
    import pyx12.params
    import pyx12.x12n_document

    ack = io.StringIO()
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        ok = pyx12.x12n_document.x12n_document(
            pyx12.params.params(), io.StringIO(text), ack, None, map_path=str(MAP_DIR)
        )
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    return ok, errors, ack.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_is_valid_for_our_validator(name):
    ((guide, problems),) = our_findings(golden(name).encode())
    assert guide.endswith(f"{name[:3]}.004010.xml")
    assert problems == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_is_valid_for_pyx12_against_our_maps(name, caplog):
    ok, errors, ack = pyx12_verdict(golden(name), caplog)
    assert ok, errors
    assert errors == []
    assert "AK5*A~" in ack and "AK9*A*1*1*1~" in ack


def test_both_validators_reject_a_broken_856(caplog):
    """The validation above is not vacuous: an HL naming a parent that does not exist and a wrong SE count."""
    text = golden("856_SOPI").replace("HL*4*3*I*0~", "HL*4*30*I*0~").replace("SE*51*0001~", "SE*50*0001~")
    ((_guide, problems),) = our_findings(text.encode())
    assert problems
    ok, _errors, ack = pyx12_verdict(text, caplog)
    assert not ok
    assert "AK5*R" in ack


# -- SSCC-18 check digits, computed here independently of the renderer and of schemas --------------------


def gs1_check_digit(data_digits: str) -> int:
    """GS1 mod-10: weights 3, 1, 3, ... from the rightmost data digit; the check digit tops the sum up to 10."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(data_digits)))
    return (10 - total % 10) % 10


def test_the_check_digit_function_on_published_examples():
    assert gs1_check_digit("10614141123456789") == 7  # GS1 General Specifications: SSCC (00)106141411234567897
    assert gs1_check_digit("01234567890") == 5  # UPC-A 012345678905
    assert gs1_check_digit("629104150021") == 3  # EAN-13 6291041500213


def sscc_labels(text: str) -> list[str]:
    """The 18-digit SSCC of every MAN*GM, with or without the 00 application identifier."""
    labels = []
    for value in re.findall(r"^MAN\*GM\*([^*~]*)", text, flags=re.M):
        assert re.fullmatch(r"(00)?\d{18}", value), f"MAN02 {value!r} is not [00] + 18 digits"
        labels.append(value[-18:])
    return labels


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.startswith("856")))
def test_every_sscc_in_the_856_goldens_has_a_correct_check_digit(name):
    text = golden(name)
    labels = sscc_labels(text)
    if name != "856_SOI":  # S-O-I has no package level, hence no labels
        assert labels, "no MAN*GM label"
    assert len(set(labels)) == len(labels), "an SSCC labels two packages"
    for sscc in labels:
        assert int(sscc[-1]) == gs1_check_digit(sscc[:-1]), (
            f"{sscc}: check digit should be {gs1_check_digit(sscc[:-1])}"
        )
    source = json.loads((DOCUMENTS / f"{name}.json").read_text())
    in_source = re.findall(r'"sscc": "(\d{18})"', json.dumps(source))
    assert sorted(in_source) == sorted(labels)


def test_hl_tree_of_each_856_golden_is_consistent():
    """HL01 counts up from 1, HL02 names an earlier HL, HL04 says whether children follow, CTT01 counts HLs."""
    for name in (n for n in CASES if n.startswith("856")):
        segments = [line.rstrip("~").split("*") for line in golden(name).splitlines()]
        hls = [s for s in segments if s[0] == "HL"]
        assert [int(h[1]) for h in hls] == list(range(1, len(hls) + 1)), name
        parents = {h[2] for h in hls if h[2]}
        for h in hls:
            assert h[2] == "" or int(h[2]) < int(h[1]), name
            assert h[4] == ("1" if h[1] in parents else "0"), (name, h)
        (ctt,) = [s for s in segments if s[0] == "CTT"]
        assert ctt[1] == str(len(hls)), name


# -- TD1 when the ERP leaves packaging code and lading quantity to their defaults ---------------------------

# TD102 is the "number of units (pieces) of the lading commodity", the units TD101 names: with TD101 CTN25 it
# counts cartons, with PLT94 pallets. The (TD101, TD102) pairs that tell the truth about each golden shipment;
# an empty set: no count is knowable (no package detail), so only a TD1 without TD101/TD102 is right. Refusing the
# shipment (ValueError: say the packaging code / lading quantity) is also right wherever the default CTN25 does not
# describe what is on the truck.
TRUTHFUL_TD1 = {
    "856_SOPI": {("CTN25", "3")},  # 3 cartons
    "856_SOTPI": {("CTN25", "4"), ("PLT94", "2")},  # 2 pallets holding 4 cartons
    "856_SOIT": {("PLT94", "3")},  # 3 pallets; cartons, if any, are not described
    "856_SOI": set(),  # 36 units on 3 item lines, cartons not described
}


@pytest.mark.parametrize("name", sorted(TRUTHFUL_TD1))
def test_default_td1_counts_the_units_td101_names(name):
    raw = json.loads((DOCUMENTS / f"{name}.json").read_text())
    raw.pop("packaging_code", None)
    raw.pop("lading_quantity", None)
    shipment = Shipment.model_validate(raw)
    try:
        segments = shipment_segments(shipment)
    except ValueError:
        assert name != "856_SOPI", "refused a shipment of 3 cartons whose TD1 is plain"
        return
    (td1,) = [s for s in segments if s[0] == "TD1"]
    written = (td1[1], td1[2])
    if TRUTHFUL_TD1[name]:
        assert written in TRUTHFUL_TD1[name]
    else:
        assert written == ("", ""), f"TD1*{td1[1]}*{td1[2]}: no package is described, so no count is known"


def test_a_component_separator_inside_a_value_is_blanked_not_sent_as_a_composite():
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from mappers.profile import load_profile
    from outbound.invoice810 import render_810
    from outbound.validate import map_problems
    from schemas.invoice import Invoice, InvoiceLine

    profile = load_profile(Path(__file__).resolve().parents[2] / "fixtures" / "partners" / "vics-sample.yaml")
    component = profile.x12.delimiters.component
    invoice = Invoice(
        invoice_number="INV-1",
        partner_id=profile.partner_id,
        invoice_date=date(2026, 11, 23),
        po_number=f"PO{component}1",
        lines=[InvoiceLine(line_number="1", quantity=Decimal(1), unit_price=Decimal(1))],
    )

    class Counter:
        def next(self, partner_id: str, kind: str) -> int:
            return 1

    rendered = render_810(invoice, profile, Counter(), datetime(2026, 11, 23, tzinfo=UTC))
    assert b"BIG*20261123*INV-1**PO 1" in rendered.data.replace(profile.x12.delimiters.element.encode(), b"*")
    assert map_problems(rendered.data, profile) == []
