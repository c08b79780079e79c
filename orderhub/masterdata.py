"""Master data from CSV: customers, their e-mail senders, ship-to locations, items, price list, cross-references
(upsert)."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlmodel import Session, select

from mappers.profile import ProfileBook
from orderhub.store.models import (
    CrossReferenceRecord,
    Customer,
    CustomerSender,
    Item,
    PriceListEntry,
    ShipToLocation,
)

FILES = {
    "customers.csv": ("customer_id", "name"),
    "ship_to.csv": ("customer_id", "location_id"),
    "items.csv": ("sku",),
    "prices.csv": ("customer_id", "sku", "unit_price"),
    "xref.csv": ("customer_id", "buyer_part_number", "sku"),
    "senders.csv": ("customer_id", "address"),
}


class MasterDataError(Exception):
    pass


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise MasterDataError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for number, row in enumerate(reader, start=2):
            clean = {k: (v or "").strip() for k, v in row.items() if k}
            empty = [c for c in required if not clean.get(c)]
            if empty:
                raise MasterDataError(f"{path} line {number}: empty {', '.join(empty)}")
            rows.append(clean)
        return rows


def _opt(value: str | None) -> str | None:
    return value or None


def import_directory(session: Session, directory: Path) -> dict[str, int]:
    """Upsert every CSV found in ``directory``; returns rows read per file."""
    counts: dict[str, int] = {}
    for name, required in FILES.items():
        path = directory / name
        if not path.exists():
            continue
        rows = _rows(path, required)
        counts[name] = len(rows)
        for row in rows:
            _upsert(session, name, row, path)
    session.flush()
    return counts


def _upsert(session: Session, name: str, row: dict[str, str], path: Path) -> None:
    if name == "customers.csv":
        c = session.get(Customer, row["customer_id"]) or Customer(customer_id=row["customer_id"], name=row["name"])
        c.name, c.partner_id, c.currency = row["name"], _opt(row.get("partner_id")), _opt(row.get("currency"))
        session.add(c)
    elif name == "ship_to.csv":
        s = session.exec(
            select(ShipToLocation).where(
                ShipToLocation.customer_id == row["customer_id"], ShipToLocation.location_id == row["location_id"]
            )
        ).first()
        s = s or ShipToLocation(customer_id=row["customer_id"], location_id=row["location_id"])
        s.name, s.city, s.state, s.postal_code = (
            _opt(row.get("name")),
            _opt(row.get("city")),
            _opt(row.get("state")),
            _opt(row.get("postal_code")),
        )
        session.add(s)
    elif name == "items.csv":
        i = session.get(Item, row["sku"]) or Item(sku=row["sku"])
        gtin = _opt(row.get("gtin"))
        i.description, i.gtin, i.upc = (
            _opt(row.get("description")),
            gtin.zfill(14) if gtin else None,
            _opt(row.get("upc")),
        )
        i.uom = row.get("uom") or "EA"
        active = (row.get("active") or "true").lower()
        if active not in ("true", "false", "1", "0", "yes", "no"):
            raise MasterDataError(f"{path}: active {row.get('active')!r} for {row['sku']} is not true or false")
        i.active = active in ("true", "1", "yes")
        session.add(i)
    elif name == "prices.csv":
        try:
            Decimal(row["unit_price"])
        except InvalidOperation:
            raise MasterDataError(f"{path}: unit_price {row['unit_price']!r} is not a number") from None
        p = session.exec(
            select(PriceListEntry).where(
                PriceListEntry.customer_id == row["customer_id"], PriceListEntry.sku == row["sku"]
            )
        ).first()
        p = p or PriceListEntry(customer_id=row["customer_id"], sku=row["sku"], unit_price=row["unit_price"])
        p.unit_price, p.uom = row["unit_price"], row.get("uom") or "EA"
        session.add(p)
    elif name == "xref.csv":
        upsert_xref(session, row["customer_id"], row["buyer_part_number"], row["sku"], "csv")
    elif name == "senders.csv":
        address = row["address"].strip().lower()
        if "@" not in address:
            raise MasterDataError(f"{path}: sender {address!r} is neither an address nor an @domain")
        sender = session.get(CustomerSender, address) or CustomerSender(address=address, customer_id=row["customer_id"])
        sender.customer_id = row["customer_id"]
        session.add(sender)


def upsert_xref(session: Session, customer_id: str, buyer_part_number: str, sku: str, source: str) -> None:
    x = session.exec(
        select(CrossReferenceRecord).where(
            CrossReferenceRecord.customer_id == customer_id, CrossReferenceRecord.buyer_part_number == buyer_part_number
        )
    ).first()
    x = x or CrossReferenceRecord(customer_id=customer_id, buyer_part_number=buyer_part_number, sku=sku)
    x.sku, x.source = sku, source
    session.add(x)


def seed_profile_xrefs(session: Session, profiles: ProfileBook) -> int:
    count = 0
    for profile in profiles:
        for xref in profile.cross_references:
            upsert_xref(session, xref.customer_id, xref.buyer_part_number, xref.sku, f"profile:{profile.partner_id}")
            count += 1
    session.flush()
    return count
