"""Orders captured from e-mail: the body read with rules, quoted history and signatures ignored, forwards,
HTML, encodings, attachments, and hostile mails answered with a reason in bounded time."""

from __future__ import annotations

import base64
import time
from datetime import date
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from conftest import FIXTURES

from parsers.capture import CONFIDENT, REQUIRED, UNKNOWN_SENDER, parse_sender
from parsers.email import EmailParser
from parsers.errors import DocumentRejected
from parsers.limits import LimitExceeded, ReadLimits
from schemas import Source
from schemas.order import Order

EDGE = FIXTURES / "email-edge"
EVAL = FIXTURES / "eval" / "email"
SOURCE = Source(kind="email", document_id="sha-of-the-mail")


def mail(
    body: str,
    subject: str = "Order",
    sender: str = "Mike Palmer <mike.palmer@acme.example>",
    html: str | None = None,
    date_header: str = "Tue, 24 Feb 2026 08:14:00 -0500",
    charset: str = "utf-8",
    cte: str | None = None,
) -> bytes:
    msg = EmailMessage()
    if sender:
        msg["From"] = sender
    msg["To"] = "Northwind Orders <orders@northwind-supply.example>"
    msg["Subject"] = subject
    msg["Date"] = date_header
    msg["Message-ID"] = "<m-1@acme.example>"
    if body:
        msg.set_content(body, charset=charset, cte=cte)
    if html is not None:
        if body:
            msg.add_alternative(html, subtype="html")
        else:
            msg.set_content(html, subtype="html")
    return msg.as_bytes()


def one_order(data: bytes) -> Order:
    result = EmailParser().parse(data, SOURCE)
    assert len(result.orders) == 1, result.orders
    return result.orders[0]


def lines(order: Order) -> list[tuple[str | None, str, str | None]]:
    return [(ln.buyer_part_number, str(ln.quantity), ln.uom) for ln in order.lines]


def released_confidence(order: Order) -> bool:
    return all(order.confidence.get(field, 0) >= CONFIDENT for field in REQUIRED)


def test_the_order_written_in_prose_is_read():
    order = one_order(
        mail(
            "Hi team,\n\nPlease send 24 x AB-1001 and 6 cases of 7731 to our Dayton store, PO 45-1177, "
            "needed by March 3.\n\nThanks,\nMike\n"
        )
    )
    assert order.po_number == "45-1177"
    assert lines(order) == [("AB-1001", "24", None), ("7731", "6", "CS")]
    assert all(ln.vendor_part_number == ln.buyer_part_number for ln in order.lines)
    assert order.ship_to is not None and (order.ship_to.name, order.ship_to.city) == (None, "Dayton")
    assert "ship-to as written: our Dayton store" in order.notes
    assert [(d.qualifier, d.value) for d in order.dates] == [("002", date(2026, 3, 3))]  # the Date header's year
    assert order.po_date is None  # the Date header is not a PO date
    assert order.source.kind.value == "email" and parse_sender(order.source.sender) == (
        "mike.palmer@acme.example",
        None,
    )
    assert released_confidence(order)
    result = EmailParser().parse(mail("Please send 24 x AB-1001 to our Dayton store, PO 45-1177"), SOURCE)
    assert [s.position for s in result.sets] == ["mail body"] and result.sets[0].set_id == "EMAIL"


def test_bullets_units_prices_and_a_stated_total():
    order = one_order(
        mail(
            "PO BL-26-0313, ship to Boltline Main Warehouse (Houston):\n\n"
            "* AB-1003  - 400 ea @ $3.95\n* FS-4001  - 15 boxes @ $23.50\n\nTotal: $1,932.50\n\nRosa\n"
        )
    )
    assert lines(order) == [("AB-1003", "400", "EA"), ("FS-4001", "15", "BX")]
    assert [str(ln.unit_price) for ln in order.lines] == ["3.95", "23.50"]
    assert str(order.stated_total) == "1932.50" and order.currency == "USD"
    assert order.ship_to is not None
    assert (order.ship_to.name, order.ship_to.city) == ("Boltline Main Warehouse", "Houston")


def test_a_text_table_and_a_full_ship_to_address():
    order = one_order(
        mail(
            "Order GR-26106 for Granite State Yard Nashua, 140 Northeastern Blvd, Nashua, NH 03060\n\n"
            "Item      Qty  Description\n--------  ---  -----------\nAB-1005     5  Sleeve anchor 1/2 x 4 in\n"
            "HT-9001     8  Claw hammer 16 oz\n\nDeliver by 03/18/2026 please.\n",
            subject="GR-26106 Nashua",
        )
    )
    assert order.po_number == "GR-26106"
    assert lines(order) == [("AB-1005", "5", None), ("HT-9001", "8", None)]
    party = order.ship_to
    assert party is not None
    assert (party.name, party.address_lines, party.city, party.state, party.postal_code) == (
        "Granite State Yard Nashua",
        ["140 Northeastern Blvd"],
        "Nashua",
        "NH",
        "03060",
    )
    assert order.dates[0].value == date(2026, 3, 18)


def test_a_ship_to_block_on_its_own_lines():
    order = one_order(
        mail("Ship to:\nAcme Hardware Dayton\n1200 Wayne Ave\nDayton, OH 45402\n\nPO 45-1400\n- 6 x HT-9001\n")
    )
    party = order.ship_to
    assert party is not None
    assert (party.name, party.address_lines, party.city, party.postal_code) == (
        "Acme Hardware Dayton",
        ["1200 Wayne Ave"],
        "Dayton",
        "45402",
    )
    assert order.confidence["ship_to"] >= CONFIDENT


def test_the_po_number_may_be_only_in_the_subject():
    order = one_order(mail("Hi Northwind,\n\nPlease ship to Acme Hardware Columbus:\n- 12 x HT-9002\n", "PO 45-1182"))
    assert order.po_number == "45-1182" and order.confidence["po_number"] >= CONFIDENT


def test_a_reply_quotes_history_and_signature_are_not_read():
    body = (
        "New order for the Lima DC this time, PO 45-1180:\n\n30 x AB-1003\n\nMike\n\n--\nMike Palmer | Purchasing\n"
        "Acme Hardware Co. | 400 Commerce Blvd, Kettering, OH 45429\nTel +1 937 555 0142 | Mobile (937) 555-0199\n"
        "Account 100-2233\n\n"
        "On Tue, Feb 24, 2026 at 9:02 AM Northwind Orders <orders@northwind-supply.example> wrote:\n"
        "> Hi Mike, shipping today.\n> > Please send 24 x AB-1001, PO 45-1177.\n"
    )
    order = one_order(mail(body, "Re: Order for Dayton"))
    assert order.po_number == "45-1180"
    assert lines(order) == [("AB-1003", "30", None)]
    assert order.ship_to is not None and order.ship_to.city == "Lima"


def test_an_outlook_reply_keeps_only_the_new_order():
    body = (
        "Please add a new order, PO BL-26-0317, for the Houston warehouse:\n\n  FS-4002   12 boxes\n\nThank you,\n"
        "Rosa\n\n-----Original Message-----\nFrom: Northwind Orders <orders@northwind-supply.example>\n"
        "Sent: Monday, March 9, 2026 2:14 PM\nSubject: RE: Order BL-26-0313\n\n  AB-1003   400 ea\n"
    )
    order = one_order(mail(body, "RE: Order BL-26-0313"))  # a reply's subject names the old order
    assert order.po_number == "BL-26-0317" and lines(order) == [("FS-4002", "12", "BX")]


def test_a_reply_whose_only_po_is_in_its_subject_is_held_by_its_confidence():
    order = one_order(mail("Same again please: 10 x AB-1001 to our Dayton store.", "Re: PO 45-1177"))
    assert order.po_number == "45-1177" and order.confidence["po_number"] < CONFIDENT


def test_a_forwarded_message_is_the_order_when_the_forwarder_wrote_none():
    body = (
        "Please process the order below for our Dayton store. I've assigned PO 45-1190.\n\nMike\n\n"
        "---------- Forwarded message ---------\nFrom: Carl Jensen <carl.jensen@acme.example>\n"
        "Date: Wed, Mar 18, 2026 at 10:41 AM\nSubject: Dayton restock\nTo: Mike <mike.palmer@acme.example>\n\n"
        "16 x HT-9003 utility knives\n10 boxes SF-8102 ear plugs\nWould be good to have it by the 25th.\n\n"
        "Carl Jensen\n937-555-0150\n"
    )
    order = one_order(mail(body, "Fwd: Dayton restock", date_header="Wed, 18 Mar 2026 12:00:00 -0400"))
    assert order.po_number == "45-1190"
    assert lines(order) == [("HT-9003", "16", None), ("SF-8102", "10", "BX")]
    assert order.dates[0].value == date(2026, 3, 25)  # "the 25th": month and year of the Date header


def test_a_message_attached_as_rfc822_is_read():
    inner = EmailMessage()
    inner["From"] = "anke@hansa-werkzeug.example"
    inner["Subject"] = "Bestellung 4500012374"
    inner.set_content(
        "bitte folgende Bestellung für die Filiale Hamburg (Hansa Filiale Hamburg, Steinstraße 27, 20095 Hamburg):"
        "\n\nBestellnummer 4500012374\n\nPos  Art.-Nr.   Bezeichnung              Menge\n"
        "1    600-7005   Schraubendreher-Satz       20\n2    510-2001   HSS-Bohrer 6 mm           200\n\n"
        "Liefertermin: 02.04.2026\n"
    )
    outer = EmailMessage()
    outer["From"] = "=?utf-8?q?J=C3=B6rg?= Petersen <j.petersen@hansa-werkzeug.example>"
    outer["Subject"] = "WG: Bestellung 4500012374"
    outer["Date"] = "Fri, 20 Mar 2026 09:30:00 +0100"
    outer.set_content("Bitte die angehängte Bestellung bearbeiten.\n\nGruß\nJörg\n")
    outer.add_attachment(inner)
    order = one_order(outer.as_bytes())
    assert order.po_number == "4500012374"
    assert lines(order) == [("600-7005", "20", None), ("510-2001", "200", None)]  # Pos is not the quantity
    assert order.ship_to is not None and (order.ship_to.postal_code, order.ship_to.city) == ("20095", "Hamburg")
    assert order.dates[0].value == date(2026, 4, 2)


def test_an_html_only_mail_with_a_table_and_a_list():
    html = (
        "<html><head><style>p {margin:0}</style></head><body><p>Order for <b>Delta Marine Miami</b> (300 Biscayne "
        "Blvd Way, Miami, FL 33131), our PO <b>DM/26/0310</b>:</p><table><tr><th>Item</th><th>Qty</th>"
        "<th>Unit</th></tr>\r\n<tr><td>EL-6005</td><td>100</td><td>RL</td></tr>\r\n</table>"
        "<ul><li>8 x DMO-ROPE12 dock lines</li></ul><div>Need it by 3/24.</div></body></html>"
    )
    order = one_order(mail("", "Miami order", "buyer@deltamarine.example", html=html))
    assert order.po_number == "DM/26/0310"
    assert lines(order) == [("EL-6005", "100", "RL"), ("DMO-ROPE12", "8", None)]
    assert order.dates[0].value == date(2026, 3, 24)


def test_plain_text_is_preferred_over_html_in_an_alternative():
    order = one_order(mail("PO 77-1 to our Tampa store: 5 x AB-1001", html="<p>PO 99-9: 7 x AB-1002</p>"))
    assert order.po_number == "77-1" and lines(order) == [("AB-1001", "5", None)]


@pytest.mark.parametrize("cte", ["quoted-printable", "base64"])
def test_encodings_latin1_quoted_printable_and_base64(cte: str):
    body = (
        "Sehr geehrte Damen und Herren,\n\nbitte liefern Sie an Hansa Lager Bremen:\n"
        "- 510-2003 HSS-Bohrer 10 mm: 80 Stück\n- 420-1150 Unterlegscheibe M8, VE 500: 8 Box\n\n"
        "Bestellnummer: 4500012371\nLiefertermin: 20.03.2026\n\nMit freundlichen Grüßen\nJörg\n"
    )
    data = mail(
        body, "=?iso-8859-1?q?Bestellung_f=FCr_Bremen?=", "j@hansa-werkzeug.example", charset="iso-8859-1", cte=cte
    )
    order = one_order(data)
    assert order.po_number == "4500012371"
    assert lines(order) == [("510-2003", "80", "EA"), ("420-1150", "8", "BX")]  # "VE 500" is a pack size
    assert order.dates[0].value == date(2026, 3, 20)


def test_a_wrong_charset_and_broken_base64_still_give_a_reason_or_an_order():
    raw = (
        b"From: a@acme.example\r\nSubject: PO 45-2000\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(b"Please send 3 x AB-1001 to our Dayton store")[:-3]
        + b"!!\r\n"
    )
    try:
        result = EmailParser().parse(raw, SOURCE)
    except DocumentRejected as exc:
        assert exc.reason
    else:
        assert result.orders[0].po_number == "45-2000"


def test_signature_phone_numbers_and_head_office_are_not_lines_or_ship_to():
    body = (
        "I'd like to order 36 tape measures HT-9002 for Acme Hardware Dayton, our PO is 45-1181.\n\n"
        "Linda Ho\nAcme Hardware Co. - Dayton\n1200 Wayne Ave, Dayton, OH 45402\nPhone: 937-555-0144\n"
        "(713) 555-0187\nStore #0042 | Account 100-2233\n"
    )
    order = one_order(mail(body, "order", "linda.ho@acme.example"))
    assert lines(order) == [("HT-9002", "36", None)]
    assert order.ship_to is not None and order.ship_to.name == "Acme Hardware Dayton"


def test_doubt_lowers_confidence_so_the_core_holds_the_order():
    two_pos = one_order(mail("PO 45-1 and PO 45-2: 5 x AB-1001 to our Dayton store"))
    assert two_pos.confidence["po_number"] < CONFIDENT
    no_quantity = one_order(mail("PO 45-3 to our Dayton store: 5 x AB-1001, and the AB-1002 as usual"))
    assert no_quantity.confidence["lines"] < CONFIDENT
    assert [ln.quantity for ln in no_quantity.lines][1] is None


def test_a_yearless_date_after_new_year_rolls_over():
    order = one_order(
        mail(
            "PO 45-9 to our Dayton store: 5 x AB-1001, needed by January 5.", date_header="Mon, 21 Dec 2026 09:00 +0000"
        )
    )
    assert order.dates[0].value == date(2027, 1, 5)


def test_an_unknown_or_missing_sender_is_kept_with_its_address_or_held():
    unknown = one_order(mail("PO 45-1199: 10 x HT-9001 to the Toledo store", sender="jdoe@gmail.example"))
    assert parse_sender(unknown.source.sender) == ("jdoe@gmail.example", None)  # the core holds it as UNKNOWN_SENDER
    nobody = one_order(mail("PO 45-1199: 10 x HT-9001 to the Toledo store", sender=""))
    assert nobody.source.sender is None and [r.code for r in nobody.hold_reasons] == [UNKNOWN_SENDER]


@pytest.mark.parametrize(
    "body", ["(" * 20000, "1," * 10000, "AB-1001 " * 3000, "5 x AB-1001 " * 2000, "for Abc " * 3000]
)
def test_hostile_text_is_read_in_bounded_time(body: str):
    started = time.perf_counter()
    try:
        result = EmailParser().parse(mail(body, "PO 1-2"), SOURCE)
    except DocumentRejected:
        pass
    else:
        assert all(len(o.lines) <= 500 for o in result.orders)
        assert all(o.confidence.get("lines", 0) < CONFIDENT for o in result.orders if len(o.lines) == 500)
    assert time.perf_counter() - started < 3


def test_an_empty_mail_is_refused_with_a_reason():
    with pytest.raises(DocumentRejected, match="has no text"):
        EmailParser().parse(mail("", "PO 45-1"), SOURCE)


def test_fifty_attachments_break_the_attachment_limit_quickly():
    msg = MIMEMultipart()
    msg["From"] = "mike.palmer@acme.example"
    msg["Subject"] = "PO 45-1300"
    msg.attach(MIMEText("Please send 5 x AB-1001 to our Dayton store."))
    for n in range(50):
        part = MIMEApplication(b"not an order %d" % n, "octet-stream")
        part.add_header("Content-Disposition", "attachment", filename=f"note-{n}.bin")
        msg.attach(part)
    started = time.perf_counter()
    with pytest.raises(LimitExceeded, match=r"the mail has 50 attachments; the limit is 20 \(limits.max_attachments\)"):
        EmailParser().parse(msg.as_bytes(), SOURCE)
    assert time.perf_counter() - started < 5
    # up to the limit the attachments are read and the mail's own order is taken
    result = EmailParser(limits=ReadLimits(max_attachments=50)).parse(msg.as_bytes(), SOURCE)
    assert lines(result.orders[0]) == [("AB-1001", "5", None)]


def test_a_25_mb_mail_is_refused_quickly():
    data = mail("Please send 5 x AB-1001.\n" + "x" * 25_000_000, "PO 1")
    started = time.perf_counter()
    with pytest.raises(DocumentRejected, match="MB"):
        EmailParser().parse(data, SOURCE)
    assert time.perf_counter() - started < 2


def test_deeply_nested_parts_are_answered_with_a_reason():
    body = "Please send 5 x AB-1001 to our Dayton store, PO 45-77."
    head = b"From: a@acme.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    nested = body.encode()
    for level in range(60):
        boundary = b"b%d" % level
        nested = (
            b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n--" + boundary + b"\r\n"
            + (nested if level else b"Content-Type: text/plain\r\n\r\n" + nested)
            + b"\r\n--" + boundary + b"--\r\n"
        )  # fmt: skip
    try:
        result = EmailParser().parse(head + nested, SOURCE)
    except DocumentRejected as exc:
        assert exc.reason
    else:
        assert result.warnings


@pytest.mark.parametrize("path", sorted(p for p in EDGE.glob("unstr_*") if p.suffix in (".eml", ".msg")))
def test_corpus_mime_edge_cases_are_refused_with_a_reason(path: Path):
    data = path.read_bytes()
    assert EmailParser().accepts(data[: 64 * 1024], path.name)
    started = time.perf_counter()
    with pytest.raises(DocumentRejected) as refused:
        EmailParser().parse(data, SOURCE)
    assert time.perf_counter() - started < 2
    assert "holds no order" in refused.value.reason or ".msg" in refused.value.reason


def test_the_utf16_mail_is_decoded():
    with pytest.raises(DocumentRejected, match="Test Email.*mrobinson@unstructured.io"):
        EmailParser().parse((EDGE / "unstr_fake-email-utf-16-le.eml").read_bytes(), SOURCE)


def test_a_sheet_attachment_takes_the_po_number_and_ship_to_from_the_mail():
    data = (EVAL / "e26-attach-csv.eml").read_bytes()
    result = EmailParser().parse(data, SOURCE)
    assert [s.position for s in result.sets] == ["attachment toledo_restock.csv"]
    order = result.orders[0]
    assert order.po_number == "45-1201" and parse_sender(order.source.sender) == ("sarah.kim@acme.example", None)
    assert order.ship_to is not None and order.ship_to.name == "Acme Hardware Toledo"
    assert order.dates[0].value == date(2026, 4, 2)
    assert len(order.lines) == 4


def test_a_pdf_attachment_is_read_by_the_pdf_parser():
    result = EmailParser().parse((EVAL / "e22-attach-pdf.eml").read_bytes(), SOURCE)
    assert [s.position for s in result.sets] == ["attachment PO_45-1195.pdf"]
    assert result.orders[0].po_number == "45-1195" and result.orders[0].source.kind.value == "email"


def test_fuzz_finds_a_nul_in_a_charset_and_an_undecodable_from_are_read_not_crashes():
    seed = (Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "email" / "e01-prose.eml").read_bytes()
    for data in (seed.replace(b'charset="utf-8"', b'charset=\x00utf-8"', 1), seed.replace(b"From: ", b"From:\x80", 1)):
        assert data != seed
        try:
            result = EmailParser().parse(data, SOURCE)
        except DocumentRejected as exc:
            assert exc.reason
        else:
            for order in result.orders:
                order.model_dump_json()  # the sender must serialise (it held a lone surrogate before)
