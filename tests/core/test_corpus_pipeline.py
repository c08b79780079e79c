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
    known = {
        "nodex12_850.edi",
        "nodex12_850_2.edi",
        "nodex12_850_fat.edi",
        "stupidedi_X357_basic-po.edi",
        "stupidedi_X357_taxexempt-po.edi",
    }
    assert {name for name, d in docs.items() if d.status == "parsed"} == known
    for name in set(docs) - known:  # strangers are kept as failed, listed for onboarding, never acknowledged
        assert docs[name].error_code == "UNKNOWN_SENDER", name
        assert f"unknown sender {docs[name].sender}" in docs[name].error
    acked = sorted(a.inbound_document_id for a in acks)
    assert acked == sorted([docs[n].id for n in known] + [docs["nodex12_850_fat.edi"].id])  # fat: 2 interchanges
    # 850.edi, 850_2.edi (LF-terminated) and both interchanges of the 'fat' file carry the same order:
    # it is stored once, the repeats are recognised by content
    vics = [o for o in orders if o.partner_id == "vics-sample"]
    assert len(vics) == 1 and vics[0].document_id == docs["nodex12_850.edi"].id
    order = json.loads(vics[0].payload)
    assert order["customer_id"] == "C-XYZ-DC"
    assert {r["code"] for r in order["hold_reasons"]} == {"UNKNOWN_CUSTOMER", "UNKNOWN_ITEM"}
    # the aerospace samples are test interchanges (ISA15=T): status test, never released to the ERP
    assert sorted(o.status for o in orders if o.partner_id == "aerospace-sample") == ["test", "test"]
