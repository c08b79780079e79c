"""Master data from the ERP by API (JSON and CSV) and CLI: upserted, reported row by row, audited, ERP only."""

from __future__ import annotations

import contextlib
import io
import json
import os
from unittest import mock

from sqlmodel import Session, select

from orderhub.store.models import AuditEvent, CrossReferenceRecord, Customer, Item, PriceListEntry, ShipToLocation
from orderhub.tokens import Role

GTIN = "4006381333931"  # EAN-13 with a good check digit; kept as GTIN-14
UPC = "036000291452"


def test_the_erp_upserts_and_gets_a_report_of_what_changed(api):
    erp = api.client(Role.ERP)
    customers = [{"customer_id": "C-NEW", "name": "New Customer", "currency": "EUR"}]
    made = erp.put("/api/v1/masterdata/customers", json=customers)
    assert made.status_code == 200, made.text
    assert [r["key"] for r in made.json()["created"]] == ["C-NEW"]

    items = [
        {
            "sku": "NW-1",
            "description": "New widget",
            "gtin": GTIN,
            "upc": UPC,
            "customer_part_numbers": [{"customer_id": "C-NEW", "buyer_part_number": "THEIR-1"}],
        },
        {"sku": "NW-2", "description": "Another", "uom": "CS", "active": False},
    ]
    report = erp.post("/api/v1/masterdata/items", json=items).json()
    assert [r["key"] for r in report["created"]] == ["NW-1", "NW-2"] and report["rejected"] == []
    ship_tos = [{"customer_id": "C-NEW", "location_id": 7, "name": "Store 7", "city": "Lyon"}]
    assert erp.post("/api/v1/masterdata/ship-tos", json=ship_tos).json()["created"][0]["key"] == "C-NEW/7"
    prices = [
        {"customer_id": "C-NEW", "sku": "NW-1", "unit_price": 9.5},
        {"customer_id": "*", "sku": "NW-1", "unit_price": "10"},
    ]
    assert len(erp.post("/api/v1/masterdata/price-lists", json=prices).json()["created"]) == 2
    xrefs = [{"customer_id": "C-NEW", "buyer_part_number": "THEIR-2", "sku": "NW-2"}]
    assert erp.post("/api/v1/masterdata/cross-references", json=xrefs).json()["created"][0]["key"] == "C-NEW/THEIR-2"

    # again, with one price the same written differently, one changed, a renamed customer, a moved part number
    prices = [
        {"customer_id": "C-NEW", "sku": "NW-1", "unit_price": "9.50"},
        {"customer_id": "*", "sku": "NW-1", "unit_price": "11.25"},
    ]
    report = erp.post("/api/v1/masterdata/price-lists", json=prices).json()
    assert [r["key"] for r in report["unchanged"]] == ["C-NEW/NW-1"]
    assert report["updated"] == [{"row": 2, "key": "*/NW-1", "changes": {"unit_price": {"old": "10", "new": "11.25"}}}]
    report = erp.put("/api/v1/masterdata/customers", json=[{**customers[0], "name": "Renamed"}]).json()
    assert report["updated"][0]["changes"] == {"name": {"old": "New Customer", "new": "Renamed"}}
    moved = [{"sku": "NW-2", "description": "Another", "uom": "CS", "active": False,
              "customer_part_numbers": [{"customer_id": "C-NEW", "buyer_part_number": "THEIR-1"}]}]  # fmt: skip
    report = erp.put("/api/v1/masterdata/items", json=moved).json()
    assert report["updated"][0]["changes"] == {"customer_part_number C-NEW/THEIR-1": {"old": "NW-1", "new": "NW-2"}}

    with Session(api.hub.engine) as session:
        item = session.get(Item, "NW-1")
        assert item is not None and item.gtin == "0" + GTIN and item.upc == UPC
        nw2 = session.get(Item, "NW-2")
        assert nw2 is not None and nw2.active is False and nw2.uom == "CS"
        assert session.get(Customer, "C-NEW").name == "Renamed"  # type: ignore[union-attr]
        store = session.exec(select(ShipToLocation).where(ShipToLocation.customer_id == "C-NEW")).one()
        assert (store.location_id, store.city, store.state) == ("7", "Lyon", None)
        xref = {x.buyer_part_number: (x.sku, x.source) for x in session.exec(select(CrossReferenceRecord))}
        assert xref["THEIR-1"] == ("NW-2", "api") and xref["THEIR-2"] == ("NW-2", "api")
        list_price = session.exec(
            select(PriceListEntry).where(PriceListEntry.customer_id == "*", PriceListEntry.sku == "NW-1")
        ).one()
        assert list_price.unit_price == "11.25"
        trail = list(session.exec(select(AuditEvent).where(AuditEvent.entity.in_(["customer", "item", "price"]))))  # type: ignore[attr-defined]
    assert {e.actor for e in trail} == {"erp:test-erp"}
    renamed = [e for e in trail if e.entity == "customer" and e.to_status == "updated"]
    assert json.loads(renamed[0].note or "") == {"name": ["New Customer", "Renamed"]}
    assert not [e for e in trail if e.entity_id == "C-NEW/NW-1" and e.to_status == "updated"]  # unchanged: no audit


def test_bad_rows_are_rejected_with_row_column_and_reason_and_the_good_ones_applied(api):
    erp = api.client(Role.ERP)
    items = [
        {"sku": "OK-1", "gtin": GTIN},
        {"sku": "BAD-GTIN", "gtin": "4006381333932"},
        {"sku": "BAD-UPC", "upc": "12345"},
        {"sku": "TYPO", "descripton": "misspelt"},
        {"description": "no sku"},
        {"sku": "OK-1"},
        {"sku": "SAME-GTIN", "gtin": "0" + GTIN},
    ]
    report = erp.post("/api/v1/masterdata/items", json=items).json()
    assert [r["key"] for r in report["created"]] == ["OK-1"]
    rejected = {r["row"]: r for r in report["rejected"]}
    assert (
        rejected[2]["column"] == "gtin" and "check digit" in rejected[2]["reason"] and rejected[2]["key"] == "BAD-GTIN"
    )
    assert rejected[3]["column"] == "upc" and "12 digits" in rejected[3]["reason"]
    assert rejected[4]["column"] == "descripton" and "unknown column" in rejected[4]["reason"]
    assert rejected[5]["column"] == "sku" and "required" in rejected[5]["reason"]
    assert "same key as row 1" in rejected[6]["reason"]
    assert rejected[7]["column"] == "gtin" and "already item 'OK-1'" in rejected[7]["reason"]

    prices = [
        {"customer_id": "*", "sku": "OK-1", "unit_price": "12,50"},
        {"customer_id": "NOBODY", "sku": "OK-1", "unit_price": "1"},
        {"customer_id": "*", "sku": "NOTHING", "unit_price": "1"},
    ]
    rejected = erp.post("/api/v1/masterdata/price-lists", json=prices).json()["rejected"]
    assert [(r["row"], r["column"]) for r in rejected] == [(1, "unit_price"), (2, "customer_id"), (3, "sku")]
    assert "not a decimal" in rejected[0]["reason"] and "unknown customer 'NOBODY'" in rejected[1]["reason"]
    ship_to = erp.post("/api/v1/masterdata/ship-tos", json=[{"customer_id": "C-NOPE", "location_id": "1"}]).json()
    assert ship_to["rejected"][0]["column"] == "customer_id" and "unknown customer" in ship_to["rejected"][0]["reason"]
    assert erp.post("/api/v1/masterdata/widgets", json=[]).status_code == 422
    assert erp.post("/api/v1/masterdata/items", json={"sku": "not a list"}).status_code == 422


def test_csv_bodies_use_the_folder_columns_and_name_the_line(api):
    erp = api.client(Role.ERP)
    csv_body = (
        "sku,description,gtin,upc,uom,active\n"
        f"CSV-1,From CSV,{GTIN},,EA,true\n"
        '"CSV-2","two\nlines",,,EA,yes\n'
        "CSV-3,Bad,,,EA,maybe\n"
    )
    answer = erp.post("/api/v1/masterdata/items/csv", content=csv_body, headers={"Content-Type": "text/csv"})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert [(r["row"], r["key"]) for r in report["created"]] == [(2, "CSV-1"), (3, "CSV-2")]
    assert [(r["row"], r["column"]) for r in report["rejected"]] == [(5, "active")]  # the 3rd row starts on line 5
    missing = erp.post("/api/v1/masterdata/price-lists/csv", content="customer_id,sku\n*,CSV-1\n")
    assert missing.status_code == 422 and "missing column(s) unit_price" in missing.json()["detail"][0]["msg"]
    unknown = erp.post("/api/v1/masterdata/customers/csv", content="customer_id,name,colour\nX,Y,red\n")
    assert unknown.status_code == 422 and "unknown column(s) colour" in unknown.json()["detail"][0]["msg"]
    dry = erp.post("/api/v1/masterdata/customers/csv?dry_run=true", content="\ufeffcustomer_id,name\nC-DRY,Dry\n")
    assert dry.json()["dry_run"] is True and dry.json()["created"][0]["key"] == "C-DRY"
    with Session(api.hub.engine) as session:
        assert session.get(Customer, "C-DRY") is None  # a dry run writes nothing
        assert session.get(Item, "CSV-2").description == "two\nlines"  # type: ignore[union-attr]


def test_only_the_erp_may_write_master_data(api):
    for role in (Role.REVIEWER, Role.ADMIN):
        client = api.client(role)
        refused = client.put("/api/v1/masterdata/customers", json=[{"customer_id": "X", "name": "X"}])
        assert refused.status_code == 403 and "masterdata:write" in refused.json()["detail"]
        refused = client.post("/api/v1/masterdata/items/csv", content="sku\nX\n")
        assert refused.status_code == 403
    assert api.client().post("/api/v1/masterdata/items", json=[]).status_code == 401
    with Session(api.hub.engine) as session:
        assert session.get(Customer, "X") is None and session.get(Item, "X") is None


def test_the_cli_imports_a_file_with_the_same_report(workspace, tmp_path):
    workspace.hub()
    customers = tmp_path / "customers.csv"
    customers.write_text("customer_id,name,partner_id,currency\nC-CLI,Cli Customer,,USD\n")
    out = workspace.cli("masterdata", "import", str(customers), "--kind", "customers")
    assert "created   row 2: C-CLI" in out and "1 created, 0 updated, 0 unchanged, 0 rejected" in out
    customers.write_text("customer_id,name,currency\nC-CLI,Cli Customer,usd\nC-CLI2,Second,\n")
    env = {"ORDERHUB_DATA_DIR": str(workspace.root), "ORDERHUB_DATABASE_URL": workspace.settings.database_url,
           "ORDERHUB_CONFIG": str(workspace.root / "orderhub.yaml")}  # fmt: skip
    from orderhub.cli import main

    printed = io.StringIO()
    with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(printed):
        code = main(["masterdata", "import", str(customers), "--kind", "customers", "--actor", "ops:jane", "--json"])
    assert code == 1  # a row was rejected; the other one applied
    report = json.loads(printed.getvalue())
    assert report["rejected"][0] == {
        "row": 2,
        "key": "C-CLI",
        "column": "currency",
        "reason": report["rejected"][0]["reason"],
    }
    assert [r["key"] for r in report["created"]] == ["C-CLI2"]
    with Session(workspace.hub().engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.entity_id == "C-CLI2")).one()
    assert event.actor == "ops:jane" and event.to_status == "created"
