"""860 purchase-order changes: applied to the current version as a new one, line by line; cancel; unknown PO."""

from __future__ import annotations

import json

from conftest import Workspace
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import OrderRecord, TransactionSetRecord


def _orders(hub) -> dict[str, OrderRecord]:
    with Session(hub.engine) as session:
        return {f"{o.po_number}/v{o.version}": o for o in session.exec(select(OrderRecord))}


def _860(po: str, purpose: str, *pocs: str, control: int) -> bytes:
    body = [f"BCH*{purpose}*SA*{po}**1*20261120", *pocs, f"CTT*{len(pocs)}"]
    return interchange([body], set_id="860", functional_id="PC", control=control)


def _original(workspace: Workspace, hub) -> None:
    lines = [("1", "10", "EA", "9.25"), ("2", "4", "EA", "13.79")]
    body = po_body("PO-77", lines=lines)
    body = [s.replace("*VN*AB3542", "*VN*RD5322") if s.startswith("PO1*2*") else s for s in body]
    workspace.drop("850.x12", interchange([body], control=1))
    hub.run_once()
    assert _orders(hub)["PO-77/v1"].status == "released"


def test_an_860_changes_deletes_and_adds_lines_in_a_new_version(workspace: Workspace):
    hub = workspace.hub()
    _original(workspace, hub)
    workspace.drop(
        "860.x12",
        _860(
            "PO-77",
            "04",
            "POC*1*QI*24*14*EA*9.25**VN*AB3542",  # quantity 10 -> 24
            "POC*2*DI*0*0*EA",  # line 2 deleted
            "POC*3*AI*6**EA*13.79**VN*RD5322",  # line 3 added
            control=2,
        ),
    )
    hub.run_once()
    found = _orders(hub)
    assert found["PO-77/v1"].status == "superseded"
    v2 = found["PO-77/v2"]
    assert v2.status == "released" and v2.supersedes == found["PO-77/v1"].order_id
    payload = json.loads(v2.payload)
    assert [(line["line_number"], line["quantity"]) for line in payload["lines"]] == [("1", "24"), ("3", "6")]
    assert payload["changes"] == [
        "line 1 (QI): quantity 10 → 24",
        "line 2 deleted (4 EA of RD5322 at 13.79)",
        "line 3 added: 6 EA of RD5322 at 13.79",
    ]
    assert payload["change_request"] is False and payload["purpose"] == "change"
    with Session(hub.engine) as session:
        record = session.exec(select(TransactionSetRecord).where(TransactionSetRecord.set_id == "860")).one()
    assert record.status == "accepted" and "line 1 (QI): quantity 10 → 24" in (record.reason or "")


def test_an_860_cancellation_cancels_and_one_for_an_unknown_po_is_held(workspace: Workspace):
    hub = workspace.hub()
    _original(workspace, hub)
    workspace.drop("cancel.x12", _860("PO-77", "01", "POC*1*DI*0*0*EA", control=3))
    workspace.drop("unknown.x12", _860("PO-NONE", "04", "POC*1*QI*5*5*EA*9.25**VN*AB3542", control=4))
    hub.run_once()
    found = _orders(hub)
    assert found["PO-77/v1"].status == "cancelled"
    held = found["PO-NONE/v1"]
    reasons = json.loads(held.payload)["hold_reasons"]
    assert held.status == "held" and reasons[0]["code"] == "UNKNOWN_PO"
    assert "change (BCH01=04) to PO PO-NONE" in reasons[0]["message"]


def test_an_860_names_lines_as_partners_write_them_and_holds_what_it_cannot_place(workspace: Workspace):
    hub = workspace.hub()
    _original(workspace, hub)
    workspace.drop(
        "860.x12",
        _860("PO-77", "04", "POC*001*QD*8*8*EA*9.25**VN*AB3542", "POC*9*QI*5*5*EA", control=2),
    )
    hub.run_once()
    v2 = _orders(hub)["PO-77/v2"]
    payload = json.loads(v2.payload)
    assert [(line["line_number"], line["quantity"]) for line in payload["lines"]] == [("1", "8"), ("2", "4")]
    assert v2.status == "held"
    assert [r["code"] for r in payload["hold_reasons"]] == ["UNKNOWN_LINE"]
    assert "line 9 (QI), which the order does not have" in payload["hold_reasons"][0]["message"]


def test_the_changed_lines_of_an_860_for_an_unknown_po_cannot_be_released(workspace: Workspace):
    hub = workspace.hub()
    workspace.drop("unknown.x12", _860("PO-NONE", "04", "POC*1*QI*5*5*EA*9.25**VN*AB3542", control=4))
    hub.run_once()
    held = _orders(hub)["PO-NONE/v1"]
    try:
        workspace.cli("orders", "release", held.order_id)
    except AssertionError as refused:
        assert "exited 1" in str(refused)
    else:
        raise AssertionError("the partial order was released")
    assert _orders(hub)["PO-NONE/v1"].status == "held"
