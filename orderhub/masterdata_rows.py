"""The rows of master data the ERP sends, one pydantic model per kind, and reading them from CSV.

A model checks one row on its own: types, lengths, GTIN/UPC check digits, decimal prices, no control characters,
no unknown column. References to other records (does the customer exist?) are :mod:`orderhub.masterdata_upsert`'s.
The CSV columns of a kind are its model's fields (``customer_part_numbers`` is JSON only): the folder import's
columns (``customers.csv``, ``ship_to.csv``, ``items.csv``, ``prices.csv``, ``xref.csv``).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from orderhub.masterdata_kind import Kind
from schemas.gs1 import gs1_check_digit


class MasterDataFileError(ValueError):
    """A CSV that cannot be read as a whole (missing or unknown columns): nothing of it is applied."""


# -- rows -------------------------------------------------------------------------------------------------


class Row(BaseModel):
    # numbers are accepted for text columns (a JSON price 9.25, a store number 42), whitespace trimmed, and
    # a column we do not know is an error (a misspelt "unit_prise" must not silently drop the price)
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL, and no business key or name holds a control character
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise ValueError("holds a control character")
        return value


def _check_digit(column: str, value: str, lengths: tuple[int, ...]) -> str:
    if not value.isdigit() or len(value) not in lengths:
        raise ValueError(f"{column} {value!r} must be {' or '.join(map(str, lengths))} digits")
    expected = gs1_check_digit(value[:-1])
    if value[-1] != expected:
        raise ValueError(f"{column} {value} has a wrong check digit: {value[-1]}, the digits give {expected}")
    return value


class CustomerRow(Row):
    customer_id: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    partner_id: str | None = Field(None, max_length=100, description="the trading partner whose orders are theirs")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="ISO 4217, e.g. USD")


class ShipToRow(Row):
    customer_id: str = Field(min_length=1, max_length=100)
    location_id: str = Field(min_length=1, max_length=100, description="the buyer's code, e.g. the N104 store")
    name: str | None = Field(None, max_length=200)
    city: str | None = Field(None, max_length=100)
    state: str | None = Field(None, max_length=20)
    postal_code: str | None = Field(None, max_length=20)


class CustomerPartNumber(Row):
    customer_id: str = Field(min_length=1, max_length=100)
    buyer_part_number: str = Field(min_length=1, max_length=100)


class ItemRow(Row):
    sku: str = Field(min_length=1, max_length=100)
    description: str | None = Field(None, max_length=300)
    gtin: str | None = Field(None, description="GTIN-8, -12, -13 or -14 with its check digit; kept as GTIN-14")
    upc: str | None = Field(None, description="UPC-A, 12 digits with its check digit")
    uom: str = Field("EA", min_length=1, max_length=5)
    active: bool = True
    customer_part_numbers: list[CustomerPartNumber] | None = Field(
        None, description="JSON only: each customer's own part number for this item (a cross-reference)"
    )

    @field_validator("gtin")
    @classmethod
    def _gtin(cls, value: str | None) -> str | None:
        return _check_digit("gtin", value, (8, 12, 13, 14)).zfill(14) if value else None

    @field_validator("upc")
    @classmethod
    def _upc(cls, value: str | None) -> str | None:
        return _check_digit("upc", value, (12,)) if value else None


class PriceRow(Row):
    customer_id: str = Field(min_length=1, max_length=100, description="'*' for the list price of every customer")
    sku: str = Field(min_length=1, max_length=100)
    unit_price: str = Field(min_length=1, max_length=30)
    uom: str = Field("EA", min_length=1, max_length=5)

    @field_validator("unit_price")
    @classmethod
    def _decimal(cls, value: str) -> str:
        try:
            price = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"unit_price {value!r} is not a decimal number") from None
        if not price.is_finite() or price < 0:
            raise ValueError(f"unit_price {value!r} must be a finite number, zero or more")
        return value


class CrossReferenceRow(Row):
    customer_id: str = Field(min_length=1, max_length=100)
    buyer_part_number: str = Field(min_length=1, max_length=100)
    sku: str = Field(min_length=1, max_length=100)


ROW_MODELS: dict[Kind, type[Row]] = {
    Kind.CUSTOMERS: CustomerRow,
    Kind.SHIP_TOS: ShipToRow,
    Kind.ITEMS: ItemRow,
    Kind.PRICE_LISTS: PriceRow,
    Kind.CROSS_REFERENCES: CrossReferenceRow,
}
KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.CUSTOMERS: ("customer_id",),
    Kind.SHIP_TOS: ("customer_id", "location_id"),
    Kind.ITEMS: ("sku",),
    Kind.PRICE_LISTS: ("customer_id", "sku"),
    Kind.CROSS_REFERENCES: ("customer_id", "buyer_part_number"),
}
_JSON_ONLY = {"customer_part_numbers"}


def csv_columns(kind: Kind) -> tuple[list[str], list[str]]:
    """(required, optional) CSV columns of a kind: the folder import's (``customers.csv`` …) columns."""
    fields = {n: f for n, f in ROW_MODELS[kind].model_fields.items() if n not in _JSON_ONLY}
    return [n for n, f in fields.items() if f.is_required()], [n for n, f in fields.items() if not f.is_required()]


# -- reading CSV ------------------------------------------------------------------------------------------


def read_csv(kind: Kind, text: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV (line number, cells); empty cells are left out, so the column's default applies.

    Raises :class:`MasterDataFileError` when a required column is missing or a column is unknown.
    """
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    required, optional = csv_columns(kind)
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required and c not in optional]
    if missing or unknown:
        problems = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + (
            [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
        )
        raise MasterDataFileError(
            f"{kind.value} CSV: {'; '.join(problems)}; expected {', '.join(required)} and optionally "
            f"{', '.join(optional) or 'nothing else'}"
        )
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    line = 1
    for record in reader:
        start, line = line + 1, reader.line_num  # a quoted cell may span lines: name the row's first
        cells = {k: v.strip() for k, v in record.items() if k is not None and isinstance(v, str) and v.strip()}
        if None in record:
            cells["(extra cells)"] = ",".join(record[None])  # type: ignore[index]
        if cells:
            rows.append((start, cells))
    return rows
