from __future__ import annotations

import pytest
from x12build import interchange, po_body

from parsers.errors import DocumentRejected
from parsers.x12.lexer import tokenize
from parsers.x12.parser import X12Parser
from schemas.order import Source


def ids(data: bytes) -> list[str]:
    return [s.id for ic in tokenize(data) for s in ic.segments]


def test_standard_delimiters_are_read_from_the_isa():
    (ic,) = tokenize(interchange([po_body()]))
    assert (ic.delimiters.element, ic.delimiters.component, ic.delimiters.segment) == ("*", ">", "~")
    assert ic.fixed_width
    assert [s.id for s in ic.segments][:4] == ["ISA", "GS", "ST", "BEG"]


@pytest.mark.parametrize(
    ("element", "segment", "component"),
    [("|", "~", ">"), ("^", "\n", ":"), ("\x1d", "\x1c", "@"), ("*", "\x85", "\\"), ("!", "'", "+")],
)
def test_any_delimiters_declared_in_the_isa(element, segment, component):
    data = interchange([po_body()], element=element, segment=segment, newline="", component=component)
    (ic,) = tokenize(data)
    assert ic.delimiters.element == element and ic.delimiters.segment == segment
    assert ic.delimiters.component == component
    beg = next(s for s in ic.segments if s.id == "BEG")
    assert beg.get(3) == "PO-1"


def test_bom_leading_whitespace_and_crlf_are_tolerated():
    data = b"\xef\xbb\xbf\r\n  \t" + interchange([po_body()], newline="\r\n")
    assert ids(data)[:3] == ["ISA", "GS", "ST"]
    assert ids(data)[-1] == "IEA"


def test_line_breaks_and_indentation_between_segments():
    data = interchange([po_body()], newline="\n\t\t")
    assert "BEG" in ids(data)


def test_several_interchanges_with_different_delimiters_in_one_file():
    first = interchange([po_body("A")], control=1)
    second = interchange([po_body("B")], control=2, element="|", segment="\n", newline="")
    ics = tokenize(first + second)
    assert len(ics) == 2
    assert ics[1].delimiters.element == "|"
    assert next(s for s in ics[1].segments if s.id == "BEG").get(3) == "B"


def test_short_isa_is_read_by_its_separators_with_a_warning():
    data = (
        b"ISA*00**00**ZZ*SHORT*ZZ*ORDERHUB*261120*0930*U*00401*000000001*0*P*>~"
        b"GS*PO*A*B*20261120*0930*1*X*004010~IEA*1*000000001~"
    )
    (ic,) = tokenize(data)
    assert not ic.fixed_width
    assert ic.segments[0].get(6) == "SHORT"
    assert ic.segments[0].get(16) == ">"
    assert "not 106" in ic.warnings[0]


def test_isa16_tilde_before_a_line_break_is_read_as_the_terminator():
    raw = interchange([po_body()], segment="~", newline="\n").decode()
    raw = raw.replace("*>~\n", "*~\n", 1)  # ISA16 omitted, as some senders do
    (ic,) = tokenize(raw.encode())
    assert ic.delimiters.component is None
    assert next(s for s in ic.segments if s.id == "BEG").get(5) == "20261120"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (b"%PDF-1.4 not x12", "does not begin with an ISA"),
        (b"ISA*00*", "truncated"),
        (b"ISA1001", "element separator"),
    ],
)
def test_not_x12_is_rejected_with_a_reason(data, words):
    with pytest.raises(DocumentRejected) as info:
        tokenize(data)
    assert words in info.value.reason


def test_an_interchange_after_blank_padding_at_a_chunk_edge_is_found(monkeypatch):
    """NULs or DOS EOF bytes between interchanges, ending anywhere around a chunk boundary."""
    import io

    import parsers.x12.lexer as lexer

    monkeypatch.setattr(lexer, "CHUNK", 64)
    first = interchange([po_body("A")], control=1)
    second = interchange([po_body("B")], control=2, element="|", segment="\n", newline="")
    for pad in (*range(0, 60, 7), *range(440, 640)):
        for filler in (b"\x00", b"\x1a", b" "):
            data = first + filler * pad + second
            for source in (data, io.BytesIO(data)):
                isas = [s for s in lexer.iter_segments(source) if s.header is not None]
                assert [s.header.delimiters.element for s in isas] == ["*", "|"], (pad, filler)


def test_a_date_with_non_ascii_digits_is_an_invalid_date_not_a_crash():
    body = po_body("A")
    body.insert(2, "DTM*002*2026112\xb2")
    (s,) = X12Parser().parse(interchange([body]), Source(kind="x12")).all_sets()
    assert s.status.value == "rejected"
    assert [(e.segment_id, e.element_position, e.element_code) for e in s.errors if e.element_code] == [("DTM", 2, "8")]
