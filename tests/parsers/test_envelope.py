from __future__ import annotations

from x12build import interchange, po_body

from parsers.x12 import X12Parser
from schemas import Source
from schemas.status import SetStatus


def parse(data: bytes):
    return X12Parser().parse(data, Source(kind="x12", document_id="t"))


def test_clean_interchange_accepts_every_set_and_owes_one_997_per_group():
    result = parse(interchange([po_body("A"), po_body("B")]))
    (ic,) = result.interchanges
    assert ic.error is None
    assert [s.status for s in ic.sets] == [SetStatus.ACCEPTED, SetStatus.ACCEPTED]
    (ack,) = ic.acks
    assert ack.group.code.value == "A" and ack.group.sets_received == 2
    assert [o.po_number for o in result.orders] == ["A", "B"]


def test_wrong_se_count_rejects_only_that_set():
    good = interchange([po_body("A")])
    bad = interchange([po_body("B")], se_count_delta=1, control=2)
    result = parse(good + bad)
    assert [s.status for s in result.all_sets()] == [SetStatus.ACCEPTED, SetStatus.REJECTED]
    rejected = result.all_sets()[1]
    assert "SE01 says '8' segments" in rejected.reason and "segment" in rejected.reason
    assert result.interchanges[1].acks[0].group.sets[0].set_error_codes == ["4"]


def test_se02_mismatch_and_missing_se():
    data = interchange([po_body("A")]).replace(b"SE*7*0001", b"SE*7*0099")
    (s,) = parse(data).all_sets()
    assert s.status is SetStatus.REJECTED and "SE02 '0099' does not match ST02 '0001'" in s.reason
    data = interchange([po_body("A")]).replace(b"SE*7*0001~\n", b"")
    (s,) = parse(data).all_sets()
    assert "no SE trailer" in s.reason
    assert parse(data).interchanges[0].acks[0].group.sets[0].set_error_codes == ["2"]


def test_group_count_mismatch_rejects_the_group():
    (ic,) = parse(interchange([po_body("A")], ge_count_delta=1)).interchanges
    assert ic.acks[0].group.code.value == "R"
    assert ic.acks[0].group.group_error_codes == ["5"]
    assert ic.sets[0].status is SetStatus.REJECTED and "GE01 says '2'" in ic.sets[0].reason


def test_iea_control_mismatch_rejects_the_interchange_and_owes_no_997():
    (ic,) = parse(interchange([po_body("A")], iea_control=7)).interchanges
    assert "IEA02 '000000007' does not match ISA13 '000000001'" in ic.error
    assert ic.acks == []
    assert ic.sets[0].status is SetStatus.REJECTED


def test_truncated_file_names_the_missing_trailer():
    (ic,) = parse(interchange([po_body("A")], drop_iea=True)).interchanges
    assert "no IEA trailer" in ic.error and "truncated" in ic.error


def test_duplicate_st02_in_a_group_rejects_the_second_set():
    data = (
        interchange([po_body("A"), po_body("B")])
        .replace(b"ST*850*0002", b"ST*850*0001")
        .replace(b"SE*7*0002", b"SE*7*0001")
    )
    result = parse(data)
    assert [s.status for s in result.all_sets()] == [SetStatus.ACCEPTED, SetStatus.REJECTED]
    assert result.interchanges[0].acks[0].group.code.value == "P"
    assert result.interchanges[0].acks[0].group.sets[1].set_error_codes == ["23"]


def test_unsupported_set_is_rejected_with_code_1_and_acknowledgements_are_not_acknowledged():
    (ic,) = parse(interchange([["BIG*20261120*INV1"]], set_id="810", functional_id="IN")).interchanges
    assert ic.sets[0].status is SetStatus.REJECTED and ic.acks[0].group.sets[0].set_error_codes == ["1"]
    (ic,) = parse(interchange([["AK1*PO*1", "AK9*A*1*1*1"]], set_id="997", functional_id="FA")).interchanges
    assert ic.sets[0].status is SetStatus.ACCEPTED and ic.acks == []


def test_syntax_errors_become_ak3_ak4_details():
    body = po_body("A", lines=[("1", "ten", "EA", "9.25")])
    body.insert(2, "DTM*002*20261399")
    (ic,) = parse(interchange([body])).interchanges
    (s,) = ic.sets
    assert s.status is SetStatus.REJECTED
    errors = {(e.segment_id, e.segment_position, e.element_position, e.element_code) for e in s.errors}
    assert ("DTM", 4, 2, "8") in errors  # invalid date, 4th segment counting ST as 1
    assert ("PO1", 6, 2, "6") in errors  # PO102 not numeric
    assert ic.acks[0].group.sets[0].set_error_codes == ["5"]


def test_missing_beg_and_po1_are_mandatory_segment_errors():
    (s,) = parse(interchange([["CUR*BY*USD"]])).all_sets()
    assert {(e.segment_id, e.segment_code) for e in s.errors} == {("BEG", "3"), ("PO1", "3")}


def test_non_ascii_digits_are_not_numbers():
    # found by the fuzzer: '²' passes str.isdigit() but int() refuses it
    data = interchange([po_body("A")]).replace(b"*00401*", "*\u00b20401*".encode("latin-1"), 1)
    data = data.replace(b"SE*7*", "SE*\u00b2*".encode("latin-1"))
    (s,) = parse(data).all_sets()
    assert s.status is SetStatus.REJECTED and "SE01 says '\u00b2'" in s.reason


def test_005010_group_is_acknowledged_at_its_own_version_with_st03():
    from datetime import datetime

    from conftest import FIXTURES

    from mappers.profile import load_profile
    from outbound.ack997 import render_997

    body = po_body("V5")
    data = interchange([body], version="005010X", repetition="^").replace(b"ISA*00", b"ISA*00", 1)
    data = data.replace(b"*00401*", b"*00501*", 1).replace(b"ST*850*0001", b"ST*850*0001*005010X")
    (ic,) = parse(data).interchanges
    assert ic.sets[0].status is SetStatus.ACCEPTED
    profile = load_profile(FIXTURES / "demo" / "partners" / "demo-retail.yaml")

    class Numbers:
        def next(self, partner_id: str, kind: str) -> int:
            return 7

    text = render_997(ic.acks[0], profile, Numbers(), datetime(2026, 11, 20, 9, 30)).data.decode()
    assert "*^*00501*000000007*" in text  # ISA11 repetition separator and ISA12 from the group's version
    assert "GS*FA*ORDERHUB*DEMORETAIL*20261120*0930*7*X*005010X~" in text
    assert "ST*997*0007~" in text and "AK1*PO*1*005010X~" in text and "AK2*850*0001*005010X~" in text


def test_huge_numbers_and_over_long_values_reject_the_set_with_ak4_code_5():
    body = po_body("P" * 30, lines=[("1", "9" * 40, "EA", "9.25")])
    body.insert(2, "SAC*C*D240***" + "1" * 40)
    body[-1] = "CTT*" + "9" * 5000
    (s,) = parse(interchange([body])).all_sets()
    assert s.status is SetStatus.REJECTED
    codes = {(e.segment_id, e.element_position, e.element_code) for e in s.errors}
    assert {("BEG", 3, "5"), ("PO1", 2, "5"), ("SAC", 5, "5"), ("CTT", 1, "5")} <= codes


def test_a_count_of_thousands_of_digits_is_a_mismatch_not_a_crash():
    data = interchange([po_body("A")]).replace(b"SE*7*0001", b"SE*" + b"7" * 5000 + b"*0001")
    (s,) = parse(data).all_sets()
    assert s.status is SetStatus.REJECTED and "SE01 says" in s.reason


def test_bytes_after_the_iea_are_a_warning_not_a_rejection():
    for tail in (b"\x1a", b"\r\n\x1a\x00", b"END OF FILE~\n"):
        (ic,) = parse(interchange([po_body("A")]) + tail).interchanges
        assert ic.error is None and ic.sets[0].status is SetStatus.ACCEPTED, tail
        if tail.startswith(b"END"):
            assert any("follows the IEA trailer" in w for w in ic.warnings)


def test_a_line_break_before_isa16_is_tolerated():
    data = interchange([po_body("A")]).replace(b"*P*>~", b"*P*\n>~", 1)
    (ic,) = parse(data).interchanges
    assert ic.info.delimiters[1] == ">" and ic.sets[0].status is SetStatus.ACCEPTED


def test_a_group_control_number_used_twice_in_an_interchange_rejects_the_second_group():
    one = interchange([po_body("A")], group=7).decode()
    gs = next(line for line in one.splitlines() if line.startswith("GS*"))
    body = one.split(gs, 1)[1].rsplit("IEA", 1)[0]
    data = (one.rsplit("IEA", 1)[0] + gs + body + "IEA*2*000000001~\n").encode()
    (ic,) = parse(data).interchanges
    first, second = ic.acks
    assert first.group.code.value == "A"
    assert second.group.code.value == "R" and second.group.group_error_codes == ["6"]
    assert "GS06 '7' is used twice" in ic.sets[1].reason
