"""Master data from the ERP, by API or CSV: validated row by row, upserted, reported, audited.

One entry point, :func:`upsert`, serves ``PUT/POST /api/v1/masterdata/{kind}``, ``POST …/{kind}/csv`` and
``orderhub masterdata import``. Its contract:

- Each row is checked on its own (:mod:`orderhub.masterdata_rows`: types, lengths, GTIN/UPC check digits,
  decimal prices), then its references: the customer of a ship-to, price or cross-reference must exist (``*``
  means every customer, for prices); so must the SKU of a price or cross-reference; a GTIN or UPC must not be
  another item's. A bad row is *rejected* with its row number (position in the JSON list from 1, or the CSV
  line with the header as line 1), its column and the reason; the other rows go on. Two rows with the same
  key in one batch are ambiguous: the later one is rejected.
- A good row replaces the record with its key: a column left out (or an empty CSV cell) sets that field to
  its default (empty, ``EA`` for units, active for items). It is reported *created*, *updated* with each
  changed field as old → new, or *unchanged* (nothing written, nothing audited). Prices are compared as
  decimals: ``9.5`` and ``9.50`` are the same price.
- Items may carry ``customer_part_numbers`` (JSON only): each one maps that customer's part number to the
  item, as a cross-reference would; others of the item's cross-references stay. Left out: none change.
- Every creation and update is written to the audit trail with the caller (``actor``) and the changes.

The caller owns the transaction: it commits, or rolls back for a dry run. On PostgreSQL the batch holds a
transaction-scoped advisory lock on the kind, so two concurrent imports cannot both create the same key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session, SQLModel, select

from orderhub.masterdata_rows import (
    KEYS,
    ROW_MODELS,
    CrossReferenceRow,
    CustomerRow,
    ItemRow,
    Kind,
    PriceRow,
    Row,
    ShipToRow,
)
from orderhub.store.models import CrossReferenceRecord, Customer, Item, PriceListEntry, ShipToLocation
from orderhub.store.repo import audit, lock_key

_AUDIT_ENTITY = {
    Kind.CUSTOMERS: "customer",
    Kind.SHIP_TOS: "ship_to",
    Kind.ITEMS: "item",
    Kind.PRICE_LISTS: "price",
    Kind.CROSS_REFERENCES: "xref",
}


# -- the report -------------------------------------------------------------------------------------------


class FieldChange(BaseModel):
    old: str | bool | None
    new: str | bool | None


class RowOutcome(BaseModel):
    row: int = Field(description="position in the JSON list from 1, or the CSV line (the header is line 1)")
    key: str = Field(description="the record's key, parts joined by '/' (e.g. C-DEMO/0042)")
    changes: dict[str, FieldChange] = Field(default_factory=dict, description="updated: each changed field")


class Rejection(BaseModel):
    row: int
    key: str | None = Field(None, description="the row's key when it could be read")
    column: str | None = Field(None, description="the column at fault, when one is")
    reason: str


class UpsertReport(BaseModel):
    kind: Kind
    dry_run: bool = Field(False, description="checked and reported, nothing written")
    created: list[RowOutcome] = Field(default_factory=list)
    updated: list[RowOutcome] = Field(default_factory=list)
    unchanged: list[RowOutcome] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.kind.value}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.rejected)} rejected" + (" (dry run)" if self.dry_run else "")
        )


# -- upserting --------------------------------------------------------------------------------------------


def upsert(
    session: Session,
    kind: Kind,
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    *,
    actor: str,
    source: str = "api",
    dry_run: bool = False,
) -> UpsertReport:
    """Validate and upsert ``rows`` (row number, fields) of one kind; see the module's contract.

    ``source`` is recorded on cross-references (``api``, ``csv``). Nothing is committed here.
    """
    lock_key(session, f"masterdata:{kind.value}")
    report = UpsertReport(kind=kind, dry_run=dry_run)
    seen: dict[str, int] = {}
    for number, fields in rows:
        if not isinstance(fields, Mapping):
            report.rejected.append(Rejection(row=number, reason="a row must be an object of column: value"))
            continue
        if "(extra cells)" in fields:
            report.rejected.append(Rejection(row=number, reason="more cells than the header has columns"))
            continue
        try:
            row = ROW_MODELS[kind].model_validate(dict(fields))
        except ValidationError as exc:
            report.rejected.append(_rejection(kind, number, fields, exc))
            continue
        key = "/".join(str(getattr(row, k)) for k in KEYS[kind])
        if key in seen:
            report.rejected.append(
                Rejection(row=number, key=key, reason=f"the same key as row {seen[key]} in this batch; send it once")
            )
            continue
        seen[key] = number
        problem = _missing_reference(session, kind, row)
        if problem is not None:
            column, reason = problem
            report.rejected.append(Rejection(row=number, key=key, column=column, reason=reason))
            continue
        changes, created = _apply(session, kind, row, source)
        outcome = RowOutcome(row=number, key=key, changes=changes if not created else {})
        if created:
            report.created.append(outcome)
        elif changes:
            report.updated.append(outcome)
        else:
            report.unchanged.append(outcome)
            continue
        note = json.dumps({f: [c.old, c.new] for f, c in changes.items()}, sort_keys=True)
        status = "created" if created else "updated"
        audit(session, _AUDIT_ENTITY[kind], key[:64], status, note=note, actor=actor)
        session.flush()  # a later row of the batch (a price for a new item) must see this one
    return report


def _rejection(kind: Kind, number: int, fields: Mapping[str, Any], exc: ValidationError) -> Rejection:
    error = exc.errors()[0]
    column = ".".join(str(part) for part in error["loc"]) or None
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = f"unknown column; {kind.value} columns are {', '.join(ROW_MODELS[kind].model_fields)}"
    elif error["type"] == "missing":
        message = "required, missing or empty"
    key_parts = [fields.get(k) for k in KEYS[kind]]
    key = "/".join(str(p) for p in key_parts) if all(isinstance(p, str | int) for p in key_parts) else None
    more = len(exc.errors()) - 1
    return Rejection(
        row=number, key=key, column=column, reason=message + (f" (and {more} more problem(s))" if more else "")
    )


def _missing_reference(session: Session, kind: Kind, row: Row) -> tuple[str, str] | None:
    """(column, reason) when the row names a customer or item we do not have."""
    customer_id = getattr(row, "customer_id", None)
    if kind is not Kind.CUSTOMERS and customer_id is not None:
        if not (kind is Kind.PRICE_LISTS and customer_id == "*") and session.get(Customer, customer_id) is None:
            return "customer_id", f"unknown customer {customer_id!r}; send it to /masterdata/customers first"
    if kind in (Kind.PRICE_LISTS, Kind.CROSS_REFERENCES):
        sku = row.sku  # type: ignore[attr-defined]
        if session.get(Item, sku) is None:
            return "sku", f"unknown item {sku!r}; send it to /masterdata/items first"
    if isinstance(row, ItemRow):
        # an order line names an item by GTIN or UPC as often as by SKU: one code, one item
        for column, code in (("gtin", row.gtin), ("upc", row.upc)):
            if code is None:
                continue
            other = session.exec(select(Item.sku).where(getattr(Item, column) == code, Item.sku != row.sku)).first()
            if other is not None:
                return (
                    column,
                    f"{column} {code} is already item {other!r}'s; an order line naming it would be ambiguous",
                )
        for index, part in enumerate(row.customer_part_numbers or []):
            if session.get(Customer, part.customer_id) is None:
                column = f"customer_part_numbers.{index}.customer_id"
                return column, f"unknown customer {part.customer_id!r}"
    return None


def _assign(record: SQLModel, values: Mapping[str, Any], changes: dict[str, FieldChange]) -> None:
    for name, new in values.items():
        old = getattr(record, name)
        if old != new:
            changes[name] = FieldChange(old=old, new=new)
            setattr(record, name, new)


def _apply(session: Session, kind: Kind, row: Row, source: str) -> tuple[dict[str, FieldChange], bool]:
    """Write one valid row; (changed fields, created?)."""
    changes: dict[str, FieldChange] = {}
    if isinstance(row, CustomerRow):
        customer = session.get(Customer, row.customer_id)
        created = customer is None
        customer = customer or Customer(customer_id=row.customer_id, name=row.name)
        _assign(customer, row.model_dump(exclude={"customer_id"}), changes)
        session.add(customer)
    elif isinstance(row, ShipToRow):
        ship_to = session.exec(
            select(ShipToLocation).where(
                ShipToLocation.customer_id == row.customer_id, ShipToLocation.location_id == row.location_id
            )
        ).first()
        created = ship_to is None
        ship_to = ship_to or ShipToLocation(customer_id=row.customer_id, location_id=row.location_id)
        _assign(ship_to, row.model_dump(exclude={"customer_id", "location_id"}), changes)
        session.add(ship_to)
    elif isinstance(row, ItemRow):
        item = session.get(Item, row.sku)
        created = item is None
        item = item or Item(sku=row.sku)
        _assign(item, row.model_dump(exclude={"sku", "customer_part_numbers"}), changes)
        session.add(item)
        session.flush()
        for part in row.customer_part_numbers or []:
            old_sku = _put_xref(session, part.customer_id, part.buyer_part_number, row.sku, source)
            if old_sku != row.sku:
                changes[f"customer_part_number {part.customer_id}/{part.buyer_part_number}"] = FieldChange(
                    old=old_sku, new=row.sku
                )
    elif isinstance(row, PriceRow):
        price = session.exec(
            select(PriceListEntry).where(PriceListEntry.customer_id == row.customer_id, PriceListEntry.sku == row.sku)
        ).first()
        created = price is None
        price = price or PriceListEntry(customer_id=row.customer_id, sku=row.sku, unit_price=row.unit_price)
        values = row.model_dump(exclude={"customer_id", "sku"})
        if not created and Decimal(price.unit_price) == Decimal(row.unit_price):
            values.pop("unit_price")  # 9.5 and 9.50: the same price, the stored text stays
        _assign(price, values, changes)
        session.add(price)
    elif isinstance(row, CrossReferenceRow):
        old_sku = _put_xref(session, row.customer_id, row.buyer_part_number, row.sku, source)
        created = old_sku is None
        if old_sku != row.sku:
            changes["sku"] = FieldChange(old=old_sku, new=row.sku)
    else:  # pragma: no cover - ROW_MODELS and this function cover the same kinds
        raise AssertionError(kind)
    return changes, created


def _put_xref(session: Session, customer_id: str, buyer_part_number: str, sku: str, source: str) -> str | None:
    """Map a customer's part number to ``sku``; the SKU it mapped to before (None: it is new)."""
    xref = session.exec(
        select(CrossReferenceRecord).where(
            CrossReferenceRecord.customer_id == customer_id,
            CrossReferenceRecord.buyer_part_number == buyer_part_number,
        )
    ).first()
    if xref is not None and xref.sku == sku:
        return sku  # unchanged: its source (csv, a profile, a reviewer) stays
    old = xref.sku if xref is not None else None
    xref = xref or CrossReferenceRecord(customer_id=customer_id, buyer_part_number=buyer_part_number, sku=sku)
    xref.sku, xref.source = sku, source
    session.add(xref)
    return old
