"""Every third-party sample file through the whole pipeline: nothing crashes, each document ends
parsed or failed with a reason, its bytes are kept, and files from known senders get their 997."""

from __future__ import annotations

import json

from conftest import FIXTURES, Workspace
from sqlmodel import Session, select

from orderhub.store.models import InboundDocument, OrderRecord, OutboundDocument


def test_corpus_through_the_pipeline(sqlite_workspace: Workspace):
    hub = sqlite_workspace.hub()
    files = sorted(p for p in (FIXTURES / "x12").iterdir() if not p.name.endswith(".json"))
    for path in files:
        sqlite_workspace.drop(path.name, path.read_bytes())
    outcomes = hub.run_once()
    assert len(outcomes) == len(files)
    with Session(hub.engine) as session:
        docs = {d.remote_key: d for d in session.exec(select(InboundDocument))}
        acks = list(session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == "997")))
        orders = list(session.exec(select(OrderRecord)))
    for name, doc in docs.items():
        assert doc.status in ("parsed", "failed"), name
        if doc.status == "failed":
            assert doc.error and doc.error_code, name
        assert hub.raw.get(doc.sha256)
    parsed = {"nodex12_850.edi", "stupidedi_X357_basic-po.edi"}
    # 850_2 (LF-terminated) and both interchanges of the 'fat' file reuse the ISA13 of 850.edi from the same
    # sender, and the two X357 samples share one ISA13: duplicates, refused with a TA1 (025), no 997
    duplicates = {"nodex12_850_2.edi", "nodex12_850_fat.edi", "stupidedi_X357_taxexempt-po.edi"}
    assert {name for name, d in docs.items() if d.status == "parsed"} == parsed
    for name in duplicates:
        assert docs[name].error_code == "DUPLICATE_INTERCHANGE", name
        assert "duplicate interchange" in docs[name].error and "not processed again" in docs[name].error
    for name in set(docs) - parsed - duplicates:  # strangers: kept as failed, listed, never acknowledged
        assert docs[name].error_code == "UNKNOWN_SENDER", name
        assert f"unknown sender {docs[name].sender}" in docs[name].error
    assert sorted(a.inbound_document_id for a in acks) == sorted(docs[n].id for n in parsed)
    with Session(hub.engine) as session:
        ta1s = list(session.exec(select(OutboundDocument).where(OutboundDocument.doc_type == "TA1")))
    assert sorted(t.inbound_document_id for t in ta1s) == sorted(
        [docs[n].id for n in duplicates] + [docs["nodex12_850_fat.edi"].id]  # fat: 2 interchanges
    )
    assert all("*R*025~" in t.payload.decode() for t in ta1s)
    vics = [o for o in orders if o.partner_id == "vics-sample"]
    assert len(vics) == 1 and vics[0].document_id == docs["nodex12_850.edi"].id
    order = json.loads(vics[0].payload)
    assert order["customer_id"] == "C-XYZ-DC"
    assert {r["code"] for r in order["hold_reasons"]} == {"UNKNOWN_CUSTOMER", "UNKNOWN_ITEM"}
    # the aerospace sample is a test interchange (ISA15=T): status test, never released to the ERP
    assert [o.status for o in orders if o.partner_id == "aerospace-sample"] == ["test"]
