"""999 rendered from canonical functional acks, compared byte for byte with hand-written golden files,
and every golden 999 validated by pyx12 against the 999 maps it ships.

pyx12 registers its 999 maps only for the HIPAA guide versions (maps.xml: GS01 FA with GS08 005010X231
or 005010X231A1), and those maps require ST03 to name the guide and list only HIPAA groups and sets in
AK101/AK201. A retail 999 says GS08 005010 (or 005010VICS) and has no ST03, so pyx12 validates a copy of
each golden file whose GS08 and ST03 are the HIPAA version, against a copy of the maps with AK101/AK201
widened to retail codes. Everything else (segments, order, composites, every IK/AK code list) is
checked as shipped.
"""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from acktools import GOLDEN, NOW, PROFILE, Counter, first_ack
from x12build import interchange, po_body

from mappers.profile import PartnerProfile
from outbound.ack999 import AK905, IK304, IK403, IK502, render_999, supports_999
from schemas.acknowledgement import AckCode, FunctionalAck, GroupAck, SetAck, SyntaxError_

PYX12_999_MAPS = {"005010X231": "999.5010.xml", "005010X231A1": "999.5010X231.A1.xml"}


def profile_at(version: str) -> PartnerProfile:
    return PROFILE.model_copy(update={"x12": PROFILE.x12.model_copy(update={"version": version})})


def accepted() -> FunctionalAck:
    data = interchange([po_body("A")], group=1001, version="005010VICS", repetition="^")
    return first_ack(data.replace(b"ST*850*0001~", b"ST*850*0001*005010VICS~"))


def partially_accepted() -> FunctionalAck:
    bad_date = po_body("B")
    bad_date.insert(2, "DTM*002*20261399")
    return first_ack(interchange([po_body("A"), bad_date], group=7, version="005010", repetition="^"))


def accepted_with_errors() -> FunctionalAck:
    """Nothing in the parser says E yet: a set accepted with errors noted, written by hand."""
    errors = [
        SyntaxError_(segment_id="MSG", segment_position=7, segment_code="2", message="MSG is unexpected here"),
        SyntaxError_(
            segment_id="MEA",
            segment_position=9,
            loop_id="PO1",
            segment_code="8",
            element_position=4,
            component_position=1,
            element_reference="355",
            element_code="7",
            bad_value="XX",
            message="MEA04-01 'XX' is not a unit of measure",
        ),
    ]
    set_ack = SetAck(set_id="850", control_number="0001", code=AckCode.ACCEPTED_WITH_ERRORS, errors=errors)
    group = GroupAck(
        functional_id="PO",
        control_number="42",
        version="005010",
        code=AckCode.ACCEPTED_WITH_ERRORS,
        sets_included=1,
        sets_received=1,
        sets=[set_ack],
    )
    return FunctionalAck(group=group, test=True)


CASES = {
    "999-accepted.x12": accepted,
    "999-partially-accepted.x12": partially_accepted,
    "999-accepted-with-errors.x12": accepted_with_errors,
}


@pytest.mark.parametrize("golden", sorted(CASES))
def test_999_matches_the_hand_written_golden_file(golden):
    rendered = render_999(CASES[golden](), PROFILE, Counter(), NOW)
    assert rendered.data.decode() == (GOLDEN / golden).read_text()
    assert (rendered.interchange_control_number, rendered.group_control_number) == ("000000001", "1")
    assert rendered.set_control_numbers == ["0001"]


def as_hipaa(text: str, vriic: str) -> str:
    """The same 999 with GS08 and ST03 naming the HIPAA guide, the only versions pyx12 has a 999 map for."""
    lines = []
    for line in text.splitlines():
        elements = line.removesuffix("~").split("*")
        if elements[0] == "GS":
            elements[8] = vriic
        elif elements[0] == "ST":
            elements[3:] = [vriic]
        lines.append("*".join(elements) + "~\n")
    return "".join(lines)


def _map_root(name: str) -> ET.Element:
    import pyx12

    return ET.parse(Path(pyx12.__file__).parent / "map" / name).getroot()


def valid_codes(map_name: str, xid: str) -> set[str]:
    """The valid codes pyx12's map lists for element ``xid`` (the first element of that id)."""
    element = next(e for e in _map_root(map_name).iter("element") if e.get("xid") == xid)
    return {code.text or "" for code in element.iter("code")}


@pytest.fixture(scope="module")
def pyx12_retail_999_maps(tmp_path_factory) -> Path:
    """pyx12's own map folder, with the 999 maps' AK101/AK201 code lists widened from HIPAA-only
    (BE, HC, ... / 270, 837, ...) to the retail groups and sets; everything else as shipped."""
    import pyx12

    target = tmp_path_factory.mktemp("pyx12map") / "map"
    shutil.copytree(Path(pyx12.__file__).parent / "map", target)
    widen = {"AK101": ["PO", "PR", "SH", "IN", "PC", "SC"], "AK201": ["850", "855", "856", "810", "860"]}
    for name in PYX12_999_MAPS.values():
        tree = ET.parse(target / name)
        for element in tree.iter("element"):
            codes = widen.get(element.get("xid", ""))
            if codes:
                valid = element.find("valid_codes")
                assert valid is not None
                for code in codes:
                    ET.SubElement(valid, "code").text = code
        tree.write(target / name)
    return target


def pyx12_errors(text: str, map_path: Path, caplog: pytest.LogCaptureFixture) -> tuple[bool, list[str]]:
    import pyx12.params
    import pyx12.x12n_document

    caplog.clear()
    ok = pyx12.x12n_document.x12n_document(
        pyx12.params.params(), io.StringIO(text), io.StringIO(), None, map_path=str(map_path)
    )
    return ok, [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("vriic", sorted(PYX12_999_MAPS))
@pytest.mark.parametrize("golden", sorted(CASES))
def test_golden_999_is_valid_for_pyx12(golden, vriic, pyx12_retail_999_maps, caplog):
    ok, errors = pyx12_errors(as_hipaa((GOLDEN / golden).read_text(), vriic), pyx12_retail_999_maps, caplog)
    assert ok, errors
    assert errors == []


@pytest.mark.parametrize(
    "wrong, right, complaint",
    [
        ("IK4*2*373*99*", "IK4*2*373*8*", "not a valid code for Implementation Data Element Syntax Error Code (IK403)"),
        ("IK5*P~", "IK5*R*5~", "Segment IK5*P not found"),
        ("AK9*P*2*2*1*99~", "AK9*P*2*2*1~", "not a valid code for Functional Group Syntax Error Code (AK905)"),
    ],
)
def test_pyx12_does_check_the_999_codes(wrong, right, complaint, pyx12_retail_999_maps, caplog):
    """The validation above is not vacuous: a code outside the 999's lists is refused by the map."""
    golden = (GOLDEN / "999-partially-accepted.x12").read_text()
    assert right in golden
    ok, errors = pyx12_errors(as_hipaa(golden.replace(right, wrong), "005010X231A1"), pyx12_retail_999_maps, caplog)
    assert not ok and any(complaint in e for e in errors), errors


@pytest.mark.parametrize(
    "table, ak_xid, ik_xid",
    [(IK304, "AK304", "IK304"), (IK403, "AK403", "IK403"), (IK502, "AK502", "IK502"), (AK905, "AK905", "AK905")],
)
def test_every_code_maps_from_the_997_list_into_the_999_list(table, ak_xid, ik_xid):
    """pyx12's code lists are the ground truth: every code its 997 map lists is translated, into a code
    both its 999 maps list (the 999 adds codes of its own, I5, I6, I9, 12, 13...; nothing of ours says them)."""
    assert valid_codes("997.4010.xml", ak_xid) <= set(table)
    for map_name in PYX12_999_MAPS.values():
        assert set(table.values()) <= valid_codes(map_name, ik_xid)
    assert all(key == value for key, value in table.items())  # same meaning, same number, for what we express


def test_no_999_before_005010_and_no_control_number_is_spent():
    numbers = Counter()
    ack = first_ack(interchange([po_body("A")]))  # GS08 004010
    with pytest.raises(ValueError, match="no 999 before 005010.*send a 997"):
        render_999(ack, PROFILE, numbers, NOW)
    assert numbers.values == {}
    assert not supports_999("004010") and supports_999("005010") and supports_999("006020") and not supports_999("")


def test_a_malformed_gs08_uses_the_partners_version_and_is_echoed_in_ak103():
    data = interchange([po_body("A", lines=[("1", "1>0", "EA", "9.25")])], version="5010", repetition="^")
    ack = first_ack(data)
    with pytest.raises(ValueError):  # the demo partner is on 004010: no 999 for it
        render_999(ack, PROFILE, Counter(), NOW)
    text = render_999(ack, profile_at("005010"), Counter(), NOW).data.decode()
    assert "*^*00501*" in text and "GS*FA*ORDERHUB*DEMORETAIL*20261120*0930*1*X*005010~" in text
    assert "AK1*PO*1*5010~" in text
    assert "IK4*2*330*6*1 0~" in text  # '>' is the component separator: never echoed inside a simple element
    assert text.splitlines()[0].endswith("*P*>~") and len(text.splitlines()[0]) == 106


def with_set(ack: FunctionalAck, **change: object) -> FunctionalAck:
    set_ack = ack.group.sets[0].model_copy(update=change)
    return ack.model_copy(update={"group": ack.group.model_copy(update={"sets": [set_ack]})})


@pytest.mark.parametrize(
    "change, message",
    [
        ({"code": AckCode.PARTIALLY_ACCEPTED}, "P is a group verdict"),
        ({"set_error_codes": ["I9"]}, "AK502 code 'I9'"),
        ({"code": AckCode.REJECTED, "errors": []}, "needs a reason code"),
        ({"errors": [SyntaxError_(segment_id="PO1", segment_position=6, segment_code="I4", message="?")]}, "AK304"),
        (
            {"errors": [SyntaxError_(segment_id="PO1", segment_position=6, element_position=2, message="no code")]},
            "IK403",
        ),
    ],
)
def test_what_the_999_cannot_say_is_refused(change, message):
    with pytest.raises(ValueError, match=message):
        render_999(with_set(accepted_with_errors(), **change), PROFILE, Counter(), NOW)
