"""Every limit of ``limits:`` in orderhub.yaml, driven through the real pipeline (and the real connector where the
limit is enforced there: OpenSSH's sshd for SFTP, Dovecot for IMAP) with small limits: the document over the
limit is failed with the limit's code and a sentence naming value, limit and setting, its bytes are kept (or,
never downloaded, a record of it, the original filed as failed), and the next document is processed."""

from __future__ import annotations

import io
import os
import time
import zipfile
from email.message import EmailMessage
from typing import Any

import paramiko
import pytest
import yaml
from conftest import Workspace
from peers.dovecot import DovecotServer, mail_with_attachment
from peers.sshd import SshdServer
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.hub import Hub
from orderhub.store.models import InboundDocument


def configure(workspace: Workspace, limits: dict[str, Any], channels: list[dict[str, Any]] | None = None) -> Hub:
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["limits"] = limits
    if channels is not None:
        config["channels"] += channels
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    return workspace.hub()


def documents(hub: Hub) -> dict[str, InboundDocument]:
    with Session(hub.engine) as session:
        return {d.remote_key: d for d in session.exec(select(InboundDocument))}


def good_po(number: str = "PO-OK-1", control: int = 901) -> bytes:
    return interchange([po_body(number)], control=control)


def big_po(sets: int, control: int = 902) -> bytes:
    return interchange([po_body(f"PO-BIG-{n}") for n in range(sets)], control=control)


def test_a_file_over_the_size_limit_is_failed_unread_and_moved_to_error(workspace: Workspace):
    hub = configure(workspace, {"max_document_bytes": 2000})
    big = big_po(20)
    assert len(big) > 2000
    workspace.drop("a-big.x12", big)
    workspace.drop("b-good.x12", good_po())
    outcomes = hub.run_once()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    docs = documents(hub)
    failed = docs["a-big.x12"]
    assert failed.error_code == "LIMIT_FILE_SIZE"
    assert f"is {len(big):,} bytes; the limit is 2,000 bytes (limits.max_document_bytes" in failed.error
    assert b"left a document unread" in hub.raw.get(failed.sha256)  # the record; the file itself is in error/
    assert (workspace.error / "a-big.x12").read_bytes() == big
    assert docs["b-good.x12"].status == "parsed"


def test_a_document_over_the_size_limit_from_anywhere_is_failed_with_its_bytes_kept(workspace: Workspace, tmp_path):
    hub = configure(workspace, {"max_document_bytes": 2000})
    path = tmp_path / "big.x12"
    path.write_bytes(big_po(20))
    outcome = hub.ingest_path(path)  # `orderhub ingest`: no connector in between, the pipeline enforces it
    doc = documents(hub)[str(path.resolve())]
    assert outcome.status.value == "failed" and doc.error_code == "LIMIT_FILE_SIZE"
    assert (
        doc.error
        == f"the document is {path.stat().st_size:,} bytes; the limit is 2,000 bytes (limits.max_document_bytes)"
    )
    assert hub.raw.get(doc.sha256) == path.read_bytes()


def test_an_interchange_over_the_segment_limit_is_failed_and_the_next_file_read(workspace: Workspace):
    hub = configure(workspace, {"max_segments": 40})
    workspace.drop("a-long.x12", big_po(10))  # 10 sets of 8 segments
    workspace.drop("b-good.x12", good_po())
    outcomes = hub.run_once()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    failed = documents(hub)["a-long.x12"]
    assert failed.error_code == "LIMIT_SEGMENTS"
    assert "the interchange has more than 40 segments" in failed.error
    assert failed.error.endswith("; the limit is 40 (limits.max_segments)")
    assert hub.raw.get(failed.sha256) == big_po(10)


def test_the_segment_limit_counts_per_interchange(workspace: Workspace):
    """Interchanges before the long one are processed and acknowledged; the document still fails, by the limit."""
    hub = configure(workspace, {"max_segments": 40})
    workspace.drop("two.x12", good_po(control=903) + big_po(10, control=904))
    (outcome,) = hub.run_once()
    doc = documents(hub)["two.x12"]
    assert outcome.status.value == "failed" and doc.error_code == "LIMIT_SEGMENTS"
    assert "after interchange 1" in doc.error and "the 1 set(s) before it were processed" in doc.error


def test_a_document_over_the_time_limit_is_failed(workspace: Workspace):
    hub = configure(workspace, {"max_seconds_per_document": 0.001})
    workspace.drop("slow.x12", big_po(300))
    (outcome,) = hub.run_once()
    doc = documents(hub)["slow.x12"]
    assert outcome.status.value == "failed" and doc.error_code == "LIMIT_TIME"
    assert "reading the document took over" in doc.error
    assert doc.error.endswith("; the limit is 0.001 s (limits.max_seconds_per_document)")


def pdf_pages(count: int) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for page in range(count):
        pdf.drawString(72, 720, f"Purchase order PO-PDF-1, page {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_pdf_over_the_page_limit_is_failed(workspace: Workspace):
    hub = configure(workspace, {"max_pdf_pages": 2})
    workspace.drop("a-catalogue.pdf", pdf_pages(3))
    workspace.drop("b-good.x12", good_po())
    outcomes = hub.run_once()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    doc = documents(hub)["a-catalogue.pdf"]
    assert doc.error_code == "LIMIT_PAGES"
    assert doc.error == "the PDF has 3 pages (not read); the limit is 2 (limits.max_pdf_pages)"
    assert (workspace.error / "a-catalogue.pdf").read_bytes() == hub.raw.get(doc.sha256)


def test_a_mail_over_the_attachment_limit_is_failed(workspace: Workspace):
    hub = configure(workspace, {"max_attachments": 2})
    message = EmailMessage()
    message["From"] = "buyer@customer.example"
    message["Subject"] = "PO 77"
    message.set_content("Please send 5 x AB3542.")
    for n in range(3):
        message.add_attachment(b"note %d" % n, maintype="application", subtype="octet-stream", filename=f"n{n}.bin")
    workspace.drop("a-mail.eml", message.as_bytes())
    workspace.drop("b-good.x12", good_po())
    outcomes = hub.run_once()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    doc = documents(hub)["a-mail.eml"]
    assert doc.error_code == "LIMIT_ATTACHMENTS"
    assert doc.error == "the mail has 3 attachments; the limit is 2 (limits.max_attachments)"


def xlsx(rows: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Item", "Description", "Qty", "Price"])
    for n in range(rows):
        sheet.append([f"AB{n:04d}", "A widget of some kind " * 3, n + 1, 9.25])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_over_the_decompressed_limit_is_failed_before_it_is_inflated(workspace: Workspace):
    hub = configure(workspace, {"max_decompressed_bytes": 20_000})
    data = xlsx(300)
    declared = sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert len(data) < 20_000 < declared
    workspace.drop("a-order.xlsx", data)
    workspace.drop("b-good.x12", good_po())
    outcomes = hub.run_once()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    doc = documents(hub)["a-order.xlsx"]
    assert doc.error_code == "LIMIT_DECOMPRESSED"
    assert doc.error.startswith(f"the workbook would decompress to {declared:,} bytes")
    assert doc.error.endswith("; the limit is 20,000 bytes (limits.max_decompressed_bytes)")


def test_a_limit_of_the_wrong_type_stops_the_hub_naming_it(workspace: Workspace):
    from orderhub.settings import ConfigError

    with pytest.raises(ConfigError, match="max_segments"):
        configure(workspace, {"max_segments": "lots"})
    with pytest.raises(ConfigError, match="max_pages"):
        configure(workspace, {"max_pages": 3})  # not a limit: unknown keys are refused


# -- enforced by the connectors, before downloading -------------------------------------------------------------


def test_sftp_leaves_a_file_over_the_size_limit_undownloaded(
    workspace: Workspace, sshd_server: SshdServer, monkeypatch: pytest.MonkeyPatch
):
    base = f"limits-{os.getpid()}-{time.time_ns()}"
    inbox = sshd_server.folder(f"{base}/in")
    for name in ("archive", "error"):
        sshd_server.folder(f"{base}/{name}")
    options = sshd_server.login_options(
        inbox=f"{base}/in",
        archive=f"{base}/archive",
        error=f"{base}/error",
        min_age_seconds=0,
    )
    big = big_po(20)
    for name, data in (("a-big.x12", big), ("b-good.x12", good_po())):
        (inbox / name).write_bytes(data)
        sshd_server.give(inbox / name)
    opened: list[str] = []
    real_open = paramiko.SFTPClient.open

    def spy(self: paramiko.SFTPClient, filename: str, *args: Any, **kwargs: Any) -> Any:
        opened.append(filename)
        return real_open(self, filename, *args, **kwargs)

    monkeypatch.setattr(paramiko.SFTPClient, "open", spy)
    hub = configure(
        workspace,
        {"max_document_bytes": 2000},
        [{"name": "partner-sftp", "kind": "sftp", "options": options}],
    )
    try:
        outcomes = hub.poll_channel("partner-sftp")
    finally:
        hub.close()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    assert [os.path.basename(os.fsdecode(p)) for p in opened] == ["b-good.x12"]  # the big one was never opened
    doc = documents(hub)["a-big.x12"]
    assert doc.error_code == "LIMIT_FILE_SIZE" and f"is {len(big):,} bytes; the limit is 2,000 bytes" in doc.error
    assert (inbox.parent / "error" / "a-big.x12").read_bytes() == big
    assert [p.name for p in (inbox.parent / "archive").iterdir()] == ["b-good.x12"]


def test_imap_leaves_a_mail_over_the_size_limit_unfetched(workspace: Workspace, dovecot: DovecotServer):
    peer = dovecot.add_user()
    peer.append(mail_with_attachment("big.x12", big_po(40)))
    peer.append(mail_with_attachment("good.x12", good_po()))
    options = peer.channel_options(workspace.root / "imap-state.json")
    hub = configure(workspace, {"max_document_bytes": 5000}, [{"name": "mail", "kind": "imap", "options": options}])
    try:
        outcomes = hub.poll_channel("mail")
    finally:
        hub.close()
    assert [o.status.value for o in outcomes] == ["failed", "parsed"]
    with Session(hub.engine) as session:
        failed = session.exec(select(InboundDocument).where(InboundDocument.status == "failed")).one()
    assert (
        failed.error_code == "LIMIT_FILE_SIZE"
        and "; the limit is 5,000 bytes (limits.max_document_bytes" in failed.error
    )
    assert b"ISA" not in hub.raw.get(failed.sha256)  # only its headers were fetched
    assert [m.subject for m in peer.messages("Error")] == ["big.x12"]
    assert [m.subject for m in peer.messages("Processed")] == ["good.x12"]


def test_a_spreadsheet_over_the_time_limit_is_failed(workspace: Workspace):
    hub = configure(workspace, {"max_seconds_per_document": 0.001})
    rows = "".join(f"AB{n:04d},Widget {n},{n + 1},9.25\n" for n in range(5000))
    workspace.drop("slow.csv", ("Item,Description,Qty,Price\n" + rows).encode())
    (outcome,) = hub.run_once()
    doc = documents(hub)["slow.csv"]
    assert outcome.status.value == "failed" and doc.error_code == "LIMIT_TIME"
    assert "of the CSV)" in doc.error and doc.error.endswith("(limits.max_seconds_per_document)")


def test_a_pdf_over_the_time_limit_is_failed_and_its_reading_process_replaced(workspace: Workspace):
    hub = configure(workspace, {"max_seconds_per_document": 0.001})
    workspace.drop("slow.pdf", pdf_pages(20))  # far more than a millisecond to read, however idle the machine
    (outcome,) = hub.run_once()
    doc = documents(hub)["slow.pdf"]
    assert outcome.status.value == "failed" and doc.error_code == "LIMIT_TIME"
    assert doc.error.endswith("; the limit is 0.001 s (limits.max_seconds_per_document)")
    hub = configure(workspace, {})  # the killed reader is replaced: the next PDF is read
    workspace.drop("next.pdf", pdf_pages(2))
    (outcome,) = hub.run_once()
    assert documents(hub)["next.pdf"].error_code != "LIMIT_TIME"
