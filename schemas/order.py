"""The canonical purchase order: one model whatever the channel (X12, PDF, e-mail, spreadsheet).

The ERP depends on these field names; add fields, never rename them. Money and quantities are
``Decimal`` and travel as JSON strings; dates are ISO 8601.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.status import OrderStatus


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, ser_json_timedelta="iso8601")


class SourceKind(StrEnum):
    X12 = "x12"
    PDF = "pdf"
    EMAIL = "email"
    SHEET = "sheet"


class Purpose(StrEnum):
    ORIGINAL = "original"
    CHANGE = "change"
    CANCEL = "cancel"
    # BEG01 06 (confirmation) and 07 (duplicate) are held with that reason, not guessed at.
    CONFIRMATION = "confirmation"
    DUPLICATE = "duplicate"


class Qualified(_Model):
    """A qualifier/value pair: a REF, a product ID pair, an N1 identifier."""

    qualifier: str
    value: str
    description: str | None = None


class Identifier(Qualified):
    """An identifier of a party or product (DUNS "1", GLN "UL", store "92", UPC "UP", ...)."""


class DateRef(_Model):
    """A DTM: qualifier (002 delivery requested, 010 ship requested, ...), the date, optional time."""

    qualifier: str
    value: date
    time: str | None = None


class Contact(_Model):
    function: str | None = None  # PER01, e.g. BD buyer, IC information contact
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    fax: str | None = None
    other: list[Qualified] = Field(default_factory=list)


class Party(_Model):
    role: str | None = Field(None, description="N101 entity code: BY, ST, BT, SE, VN, Z7, ...")
    name: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    address_lines: list[str] = Field(default_factory=list)
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None
    contacts: list[Contact] = Field(default_factory=list)
    references: list[Qualified] = Field(default_factory=list)

    def identifier(self, *qualifiers: str) -> str | None:
        for ident in self.identifiers:
            if ident.qualifier in qualifiers:
                return ident.value
        return None


class Terms(_Model):
    """ITD terms of sale."""

    type_code: str | None = None
    basis_date_code: str | None = None
    discount_percent: Decimal | None = None
    discount_due_date: date | None = None
    discount_days: int | None = None
    net_due_date: date | None = None
    net_days: int | None = None
    description: str | None = None


class Fob(_Model):
    payment_method: str | None = None  # FOB01: CC collect, PP prepaid, DF defined by buyer and seller, ...
    location_qualifier: str | None = None
    description: str | None = None
    terms_qualifier: str | None = None  # FOB04, e.g. 01 Incoterms
    terms: str | None = None  # FOB05, e.g. EXW


class Carrier(_Model):
    """TD5 routing."""

    routing_sequence: str | None = None
    id_qualifier: str | None = None
    id: str | None = None
    transport_method: str | None = None
    routing: str | None = None
    service_level: str | None = None


class AllowanceCharge(_Model):
    indicator: str = Field(description="SAC01: A allowance, C charge, N no allowance or charge")
    code: str | None = None
    amount: Decimal | None = Field(None, description="SAC05 with its two implied decimals applied")
    percent: Decimal | None = None
    rate: Decimal | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    handling_code: str | None = None
    description: str | None = None


class Pack(_Model):
    """PO4 item physical details."""

    pack: Decimal | None = None
    size: Decimal | None = None
    uom: str | None = None
    packaging_code: str | None = None
    gross_weight: Decimal | None = None
    weight_uom: str | None = None
    inner_pack: Decimal | None = None


class Destination(_Model):
    """One SDQ location/quantity pair: how much of the line goes to which store."""

    location: str
    quantity: Decimal
    id_qualifier: str | None = None
    uom: str | None = None


class HoldReason(_Model):
    """Why an order waits for a person: a stable code, the field concerned and a plain sentence."""

    code: str
    message: str
    field: str | None = None


class OrderLine(_Model):
    line_number: str | None = Field(None, description="PO101 verbatim")
    identifiers: list[Identifier] = Field(default_factory=list)
    buyer_part_number: str | None = None
    vendor_part_number: str | None = None
    gtin: str | None = None
    upc: str | None = None
    sku: str | None = Field(None, description="our item number, resolved by partner mapping")
    description: str | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    partner_uom: str | None = Field(None, description="the UOM as the partner sent it, when the profile mapped it")
    unit_price: Decimal | None = None
    price_basis: str | None = None
    amount: Decimal | None = Field(None, description="the line amount as the document states it (PDF, sheet)")
    pack: Pack | None = None
    destinations: list[Destination] = Field(default_factory=list)
    requested_date: date | None = None
    references: list[Qualified] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    allowances_charges: list[AllowanceCharge] = Field(default_factory=list)
    ship_to: Party | None = None
    notes: list[str] = Field(default_factory=list)
    change_type: str | None = Field(
        None, description="860 POC02 on a change request's line: AI add, DI delete, QI/QD quantity, PC price, CA ..."
    )


class Source(_Model):
    kind: SourceKind
    channel: str | None = None
    document_id: str | None = Field(None, description="sha256 of the raw bytes in the raw store")
    received_at: datetime | None = None
    sender: str | None = Field(None, description="ISA05:ISA06 or the mail sender")
    receiver: str | None = None
    interchange_control_number: str | None = None
    group_control_number: str | None = None
    set_control_number: str | None = None
    test: bool = Field(False, description="ISA15 = T")


class Order(_Model):
    order_id: str
    partner_id: str | None = None
    customer_id: str | None = None
    source: Source
    purpose: Purpose = Purpose.ORIGINAL
    purpose_code: str | None = Field(None, description="BEG01 verbatim: 00 original, 01 cancel, 04 change, ...")
    order_type: str | None = Field(None, description="BEG02: SA stand-alone, NE new, BK blanket, DS drop ship, ...")
    po_number: str
    po_date: date | None = None
    release_number: str | None = None
    currency: str | None = None
    buyer: Party | None = None
    seller: Party | None = None
    ship_to: Party | None = None
    bill_to: Party | None = None
    mark_for: Party | None = None
    other_parties: list[Party] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    references: list[Qualified] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    terms: Terms | None = None
    fob: Fob | None = None
    carrier: Carrier | None = None
    notes: list[str] = Field(default_factory=list)
    lines: list[OrderLine] = Field(default_factory=list)
    allowances_charges: list[AllowanceCharge] = Field(default_factory=list)
    stated_total: Decimal | None = None
    stated_line_count: int | None = Field(None, description="CTT01")
    stated_hash_total: Decimal | None = Field(None, description="CTT02")
    status: OrderStatus | None = None
    hold_reasons: list[HoldReason] = Field(default_factory=list)
    confidence: dict[str, float] = Field(
        default_factory=dict, description="per extracted field, 0..1; empty for EDI, which is read, not guessed"
    )
    warnings: list[str] = Field(default_factory=list)
    version: int = 1
    change_request: bool = Field(False, description="an 860 as read: its lines change the order's current version")
    changes: list[str] = Field(default_factory=list, description="what the 860 that made this version changed")

    def content_fingerprint(self) -> str:
        """A digest of what the buyer asked for, blind to where and when it arrived.

        Two documents with the same fingerprint are the same order sent twice.
        """
        payload = self.model_dump_json(
            exclude={"order_id", "source", "status", "hold_reasons", "warnings", "version", "customer_id"}
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def order_json_schema() -> dict:
    """The JSON Schema the ERP reads (serialization mode: decimals are strings)."""
    return Order.model_json_schema(mode="serialization")
