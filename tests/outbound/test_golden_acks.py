"""997 and 855 rendered from canonical objects, compared byte for byte with hand-written golden files,
and every golden 997 validated by pyx12 against the 997 map it ships."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from acktools import GOLDEN, NOW, PROFILE, Counter, first_ack
from x12build import interchange, po_body

from outbound.ack997 import render_997
from outbound.po855 import ack_from_order, render_855
from parsers.x12 import X12Parser
from schemas import Source


def bad_body() -> list[str]:
    body = po_body("B", lines=[("1", "ten", "EA", "9.25")])
    body.insert(2, "DTM*002*20261399")
    return body


CASES = {
    "997_accepted.x12": lambda: interchange([po_body("A")], group=1001),
    "997_partially_accepted.x12": lambda: interchange([po_body("A"), bad_body()], group=7),
    "997_rejected_count.x12": lambda: interchange([po_body("A")], group=3, se_count_delta=1, test="T"),
}


@pytest.mark.parametrize("golden", sorted(CASES))
def test_997_matches_the_hand_written_golden_file(golden):
    rendered = render_997(first_ack(CASES[golden]()), PROFILE, Counter(), NOW)
    assert rendered.data.decode() == (GOLDEN / golden).read_text()


def test_855_accepted_and_rejected_match_golden_files():
    data = interchange(
        [po_body("PO-1", lines=[("1", "10", "EA", "9.25")])[:-1] + ["PO1*2*5*EA*13.79**VN*RD5322", "CTT*2"]]
    )
    (s,) = X12Parser().parse(data, Source(kind="x12")).all_sets()
    order = s.order.model_copy(update={"partner_id": "demo-retail"})
    accepted = render_855(ack_from_order(order, NOW), PROFILE, Counter(), NOW)
    assert accepted.data.decode() == (GOLDEN / "855_accepted.x12").read_text()
    rejected = render_855(ack_from_order(order, NOW, rejected=True), PROFILE, Counter(), NOW)
    assert rejected.data.decode() == (GOLDEN / "855_rejected.x12").read_text()


@pytest.fixture(scope="module")
def pyx12_retail_997_map(tmp_path_factory) -> Path:
    """pyx12's own map folder, with the 997 map's AK101/AK201 code lists widened from HIPAA-only
    (BE, HC, ... / 270, 837, ...) to the retail groups and sets; everything else as shipped."""
    import pyx12

    source = Path(pyx12.__file__).parent / "map"
    target = tmp_path_factory.mktemp("pyx12map") / "map"
    shutil.copytree(source, target)
    path = target / "997.4010.xml"
    tree = ET.parse(path)
    widen = {"AK101": ["PO", "PR", "SH", "IN", "PC", "FA", "SC"], "AK201": ["850", "855", "856", "810", "860", "997"]}
    for element in tree.iter("element"):
        codes = widen.get(element.get("xid", ""))
        if codes:
            valid = element.find("valid_codes")
            for code in codes:
                ET.SubElement(valid, "code").text = code
    tree.write(path)
    return target


@pytest.mark.parametrize("golden", sorted(CASES))
def test_golden_997_is_valid_for_pyx12(golden, pyx12_retail_997_map, caplog):
    import pyx12.params
    import pyx12.x12n_document

    src = (GOLDEN / golden).read_text()
    ok = pyx12.x12n_document.x12n_document(
        pyx12.params.params(), io.StringIO(src), io.StringIO(), None, map_path=str(pyx12_retail_997_map)
    )
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert ok, errors
    assert errors == []


def test_a_malformed_gs08_falls_back_to_the_partners_version_and_bad_values_stay_simple():
    data = interchange([po_body("A", lines=[("1", "1>0", "EA", "9.25")])], version="5010")
    text = render_997(first_ack(data), PROFILE, Counter(), NOW).data.decode()
    assert "*U*00401*" in text and "GS*FA*ORDERHUB*DEMORETAIL*20261120*0930*1*X*004010~" in text
    assert "AK4*2*330*6*1 0~" in text  # '>' is the component separator: never echoed inside a simple element
    assert text.splitlines()[0].endswith("*P*>~") and len(text.splitlines()[0]) == 106
