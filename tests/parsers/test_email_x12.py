"""X12 attached to a mail reaches the X12 parser; a mail without one is refused with a reason."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from conftest import FIXTURES
from x12build import interchange, po_body

from parsers.email import EmailParser
from parsers.errors import DocumentRejected
from schemas import Source


def mail(*attachments: tuple[str, bytes], body: str = "PO attached.") -> bytes:
    msg = EmailMessage()
    msg["From"] = "edi@retailer.example"
    msg["To"] = "orders@orderhub.example"
    msg["Subject"] = "PO 4500012345"
    msg["Message-ID"] = "<po-1@retailer.example>"
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="edi-x12", filename=name)
    return msg.as_bytes()


def test_x12_attachments_are_read():
    data = mail(("po1.x12", interchange([po_body("A")])), ("po2.edi", interchange([po_body("B")], control=2)))
    parser = EmailParser()
    assert parser.accepts(data)
    result = parser.parse(data, Source(kind="email", document_id="m"))
    assert [o.po_number for o in result.orders] == ["A", "B"]
    assert len({o.order_id for o in result.orders}) == 2 and {o.source.kind.value for o in result.orders} == {"x12"}
    assert len(result.interchanges) == 2 and all(ic.acks for ic in result.interchanges)


def test_a_mail_with_nothing_readable_is_refused_with_a_reason():
    with pytest.raises(DocumentRejected, match="holds no order"):
        EmailParser().parse(mail(body="See you at the trade fair next week."), Source(kind="email"))


def test_without_x12_an_order_written_in_the_mail_is_read_instead():
    result = EmailParser().parse(mail(body="Please send 24 x AB-1001"), Source(kind="email", document_id="m"))
    assert not result.interchanges
    assert [(o.po_number, o.source.kind.value) for o in result.orders] == [("4500012345", "email")]


def test_x12_files_are_not_taken_for_mails():
    assert not EmailParser().accepts((FIXTURES / "demo" / "inbox" / "demo-po-1001.x12").read_bytes())
    assert not EmailParser().accepts(b"Hi, please ship the usual order")


def test_a_note_mentioning_isa_and_a_repeated_interchange_do_not_spoil_the_mail():
    po = interchange([po_body("A")])
    data = mail(("po.x12", po), ("notes.txt", b"Notes: ISA qualifier ZZ, VISA card"), ("copy.edi", po + b"\r\n"))
    result = EmailParser().parse(data, Source(kind="email", document_id="m"))
    assert [o.po_number for o in result.orders] == ["A"]  # the copy is read once
    assert any("notes.txt" in w and "is not X12" in w for w in result.warnings)
