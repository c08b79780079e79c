"""The tables. Every status column holds a value of the matching enum in :mod:`schemas.status`.

Idempotency lives here, in unique constraints rather than in code paths:
- ``inbound_document.content_key`` is the sha256 of the first arrival of those bytes (NULL for later
  arrivals, recorded as duplicates), so the same bytes can only be processed once;
- ``orders.order_id`` is derived from (document sha256, set index), so re-running a document cannot
  create a second order;
- ``outbound_document.dedupe_key`` names what a document acknowledges, so a 997 or 855 is queued once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class InboundDocument(SQLModel, table=True):
    __tablename__ = "inbound_document"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(index=True, max_length=64)
    content_key: str | None = Field(default=None, unique=True, max_length=64)
    channel: str = Field(index=True, max_length=100)
    remote_key: str = Field(max_length=500)
    size: int
    kind: str | None = Field(default=None, max_length=10)
    partner_id: str | None = Field(default=None, index=True, max_length=100)
    sender: str | None = Field(default=None, sa_column=Column(Text), description="ISA05:ISA06 when X12")
    received_at: datetime = Field(default_factory=utcnow)
    status: str = Field(index=True, max_length=20)
    error_code: str | None = Field(default=None, max_length=40)
    error: str | None = Field(default=None, sa_column=Column(Text))
    warnings: str | None = Field(default=None, sa_column=Column(Text))
    duplicate_of: int | None = Field(default=None, foreign_key="inbound_document.id")
    attempts: int = 0
    # a worker processing the document holds it until then; a claim left by a dead worker expires, and any
    # worker takes the document again (FOR UPDATE SKIP LOCKED on PostgreSQL)
    claimed_until: datetime | None = Field(default=None, index=True, description="a worker holds it until then")
    claimed_by: str | None = Field(default=None, max_length=200, description="that worker (host:pid:token)")
    updated_at: datetime = Field(default_factory=utcnow)


class TransactionSetRecord(SQLModel, table=True):
    __tablename__ = "transaction_set"
    __table_args__ = (UniqueConstraint("document_id", "set_index"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="inbound_document.id", index=True)
    set_index: int
    partner_id: str | None = Field(default=None, max_length=100)
    # what partners send is stored as text: a value longer than X12 allows must be recorded, not crash
    interchange_control_number: str | None = Field(default=None, sa_column=Column(Text))
    group_control_number: str | None = Field(default=None, sa_column=Column(Text))
    set_id: str = Field(sa_column=Column(Text, nullable=False))
    control_number: str = Field(sa_column=Column(Text, nullable=False))
    position: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(max_length=20)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    errors_json: str | None = Field(default=None, sa_column=Column(Text))
    order_id: str | None = Field(default=None, max_length=64)


class OrderRecord(SQLModel, table=True):
    __tablename__ = "orders"

    order_id: str = Field(primary_key=True, max_length=64)
    document_id: int = Field(foreign_key="inbound_document.id", index=True)
    partner_id: str | None = Field(default=None, index=True, max_length=100)
    customer_id: str | None = Field(default=None, max_length=100)
    po_number: str = Field(sa_column=Column(Text, nullable=False, index=True))
    purpose: str = Field(max_length=20)
    status: str = Field(index=True, max_length=20)
    version: int = 1
    fingerprint: str = Field(max_length=64, index=True)
    supersedes: str | None = Field(default=None, max_length=64)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    erp_order_number: str | None = Field(default=None, max_length=100, description="the ERP's number, once booked")
    erp_decision: str | None = Field(
        default=None, sa_column=Column(Text), description="the ERP's decision (OrderDecision JSON) its 855 said"
    )


class OutboundDocument(SQLModel, table=True):
    __tablename__ = "outbound_document"

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(unique=True, max_length=200)
    partner_id: str = Field(index=True, max_length=100)
    doc_type: str = Field(max_length=10)
    channel: str | None = Field(default=None, max_length=100)
    order_id: str | None = Field(default=None, index=True, max_length=64)
    inbound_document_id: int | None = Field(default=None, foreign_key="inbound_document.id")
    status: str = Field(index=True, max_length=20)
    interchange_control_number: str = Field(max_length=20)
    group_control_number: str = Field(max_length=20)
    set_control_numbers: str = Field(max_length=200)
    filename: str = Field(max_length=200)
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    next_attempt_at: datetime | None = Field(default=None, index=True, description="retry no earlier than this")
    claimed_until: datetime | None = Field(default=None, description="a dispatcher is sending it until then")
    claimed_by: str | None = Field(default=None, max_length=64, description="that dispatcher's claim token")
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    # AS2 with an asynchronous MDN: what the MDN must name and report, and by when it must come
    as2_message_id: str | None = Field(
        default=None, index=True, max_length=255, description="our AS2 Message-ID (without <>), same on resends"
    )
    mic: str | None = Field(
        default=None, max_length=200, description="the MIC we computed, base64; the MDN must report it"
    )
    mdn_due_at: datetime | None = Field(default=None, index=True, description="expired if no MDN arrived by then")
    mdn_timeouts: int = Field(default=0, description="sends that got no MDN in time (resent while under the limit)")


class ControlCounter(SQLModel, table=True):
    __tablename__ = "control_counter"

    partner_id: str = Field(primary_key=True, max_length=100)
    kind: str = Field(primary_key=True, max_length=10)
    value: int = 0


class CrossReferenceRecord(SQLModel, table=True):
    __tablename__ = "cross_reference"
    __table_args__ = (UniqueConstraint("customer_id", "buyer_part_number"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(max_length=100)
    buyer_part_number: str = Field(max_length=100)
    sku: str = Field(max_length=100)
    source: str = Field(default="csv", max_length=40)


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    entity: str = Field(max_length=20)
    entity_id: str = Field(index=True, max_length=64)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20)
    actor: str = Field(default="hub", max_length=100)
    note: str | None = Field(default=None, sa_column=Column(Text))


class Customer(SQLModel, table=True):
    __tablename__ = "customer"

    customer_id: str = Field(primary_key=True, max_length=100)
    name: str = Field(max_length=200)
    partner_id: str | None = Field(default=None, max_length=100)
    currency: str | None = Field(default=None, max_length=3)


class ShipToLocation(SQLModel, table=True):
    __tablename__ = "ship_to_location"
    __table_args__ = (UniqueConstraint("customer_id", "location_id"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(max_length=100, index=True)
    location_id: str = Field(max_length=100, description="the buyer's code for it, e.g. N104 store number")
    name: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    state: str | None = Field(default=None, max_length=20)
    postal_code: str | None = Field(default=None, max_length=20)


class Item(SQLModel, table=True):
    __tablename__ = "item"

    sku: str = Field(primary_key=True, max_length=100)
    description: str | None = Field(default=None, max_length=300)
    gtin: str | None = Field(default=None, index=True, max_length=14)
    upc: str | None = Field(default=None, index=True, max_length=12)
    uom: str = Field(default="EA", max_length=5)
    active: bool = True


class PriceListEntry(SQLModel, table=True):
    __tablename__ = "price_list"
    __table_args__ = (UniqueConstraint("customer_id", "sku"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(max_length=100, description="'*' for the list price every customer gets")
    sku: str = Field(max_length=100)
    unit_price: str = Field(max_length=30, description="a decimal, stored as text to keep it exact")
    uom: str = Field(default="EA", max_length=5)


class ChannelLease(SQLModel, table=True):
    """Which hub process polls a channel now; a lease that expires frees the channel when a worker dies."""

    __tablename__ = "channel_lease"

    channel: str = Field(primary_key=True, max_length=100)
    holder: str = Field(max_length=200)
    expires_at: datetime


class ChannelStatus(SQLModel, table=True):
    """How each channel's last poll went: what `orderhub channels status` shows an operator."""

    __tablename__ = "channel_status"

    channel: str = Field(primary_key=True, max_length=100)
    last_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    documents: int = Field(default=0, description="documents taken in the last poll")
    last_error: str | None = Field(default=None, sa_column=Column(Text))


class ReceivedInterchange(SQLModel, table=True):
    """Every interchange accepted for processing, to recognise one sent again (same ISA13 from the same sender)."""

    __tablename__ = "received_interchange"

    id: int | None = Field(default=None, primary_key=True)
    sender: str = Field(sa_column=Column(Text, nullable=False, index=True), description="ISA05:ISA06")
    receiver: str = Field(sa_column=Column(Text, nullable=False), description="ISA07:ISA08")
    control_number: str = Field(sa_column=Column(Text, nullable=False))
    test: bool
    document_id: int = Field(foreign_key="inbound_document.id", index=True)
    received_at: datetime = Field(default_factory=utcnow)
    sequence_gap: str | None = Field(
        default=None,
        sa_column=Column(Text),
        description="set when ISA13 does not follow the sender's previous one (out of sequence)",
    )


class ShipmentRecord(SQLModel, table=True):
    """An 856 we queued: the shipment as the ERP confirmed it, with the SSCCs allocated to it."""

    __tablename__ = "shipment"
    __table_args__ = (UniqueConstraint("partner_id", "shipment_id"),)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: str = Field(max_length=100, index=True)
    shipment_id: str = Field(sa_column=Column(Text, nullable=False), description="BSN02")
    outbound_id: int = Field(foreign_key="outbound_document.id")
    ship_date: date
    estimated_delivery: date | None = None
    payload: str = Field(sa_column=Column(Text, nullable=False), description="the canonical Shipment as sent")
    created_at: datetime = Field(default_factory=utcnow)


class ShippedLine(SQLModel, table=True):
    """Units of one order line in one shipment: what invoices are checked against."""

    __tablename__ = "shipped_line"

    id: int | None = Field(default=None, primary_key=True)
    shipment_record_id: int = Field(foreign_key="shipment.id", index=True)
    partner_id: str = Field(max_length=100)
    po_number: str = Field(sa_column=Column(Text, nullable=False, index=True))
    order_id: str = Field(max_length=64, index=True)
    line_number: str = Field(sa_column=Column(Text, nullable=False))
    quantity: str = Field(max_length=40, description="a Decimal, as text: summed in Python, exactly")


class InvoiceRecord(SQLModel, table=True):
    """An 810 we queued."""

    __tablename__ = "invoice"
    __table_args__ = (UniqueConstraint("partner_id", "invoice_number"),)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: str = Field(max_length=100, index=True)
    invoice_number: str = Field(sa_column=Column(Text, nullable=False), description="BIG02")
    order_id: str = Field(max_length=64, index=True)
    outbound_id: int = Field(foreign_key="outbound_document.id")
    invoice_date: date
    total: str = Field(max_length=40, description="TDS01 as a Decimal, as text")
    payload: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class InvoicedLine(SQLModel, table=True):
    __tablename__ = "invoiced_line"

    id: int | None = Field(default=None, primary_key=True)
    invoice_record_id: int = Field(foreign_key="invoice.id", index=True)
    partner_id: str = Field(max_length=100)
    po_number: str = Field(sa_column=Column(Text, nullable=False, index=True))
    line_number: str = Field(sa_column=Column(Text, nullable=False))
    quantity: str = Field(max_length=40)


class ShipmentSscc(SQLModel, table=True):
    """Every SSCC we put on an 856: one package for ever, so never on a second one."""

    __tablename__ = "shipment_sscc"

    sscc: str = Field(primary_key=True, max_length=18)
    shipment_record_id: int = Field(foreign_key="shipment.id", index=True)


class CustomerSender(SQLModel, table=True):
    """Who may send a customer's orders by e-mail: a full address, or ``@domain`` for everyone there."""

    __tablename__ = "customer_sender"

    address: str = Field(primary_key=True, max_length=254, description="lower case")
    customer_id: str = Field(max_length=100, index=True)


class OrderEvent(SQLModel, table=True):
    """The ERP's orders feed: one row per thing that happened to an order, numbered in commit order.

    ``seq`` is allocated at commit time from a counter row locked until the commit ends (see
    :func:`orderhub.store.repo.write_pending_events`), so a reader that saw seq N can never later find a
    committed event below N: the cursor ``after=N`` misses nothing and repeats nothing, whatever order
    concurrent writers began in.
    """

    __tablename__ = "order_event"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    order_id: str = Field(index=True, max_length=64)
    kind: str = Field(max_length=30, description="held, released, booked, changed, superseded, cancelled, ...")
    status: str = Field(max_length=20, description="the order's status after the event")
    partner_id: str | None = Field(default=None, max_length=100)
    po_number: str | None = Field(default=None, sa_column=Column(Text))
    actor: str = Field(default="hub", max_length=100)
    detail: str | None = Field(default=None, sa_column=Column(Text), description="JSON: what the event adds")
    at: datetime = Field(default_factory=utcnow)


class ApiToken(SQLModel, table=True):
    """An API token: only its salted SHA-256 is kept; ``prefix`` (public) finds the row."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    role: str = Field(max_length=20)
    prefix: str = Field(unique=True, max_length=16)
    salt: str = Field(max_length=64)
    token_hash: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="cli", max_length=100)
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


class WebhookDelivery(SQLModel, table=True):
    """One order event to deliver to one webhook (configured in orderhub.yaml), with its retries."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (UniqueConstraint("webhook", "event_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    webhook: str = Field(max_length=100, index=True)
    event_seq: int = Field(index=True)
    status: str = Field(default="pending", index=True, max_length=20, description="pending, delivered, dead")
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    last_status_code: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


class ShipToAlias(SQLModel, table=True):
    """A ship-to as a customer writes it, mapped by a reviewer to one of its locations (remembered)."""

    __tablename__ = "ship_to_alias"
    __table_args__ = (UniqueConstraint("customer_id", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    customer_id: str = Field(max_length=100, index=True)
    alias: str = Field(sa_column=Column(Text, nullable=False), description="normalised name and address")
    location_id: str = Field(max_length=100)
    created_by: str = Field(default="review", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)


class PageSession(SQLModel, table=True):
    """A signed-in browser on the pages: the cookie holds a random 256-bit session id, this row only its SHA-256.

    The server decides whether it still counts: ``expires_at`` (12 h after sign-in), ``revoked_at`` (logout), and
    the API token that signed in (revoking the token ends its sessions)."""

    __tablename__ = "page_session"

    id: int | None = Field(default=None, primary_key=True)
    session_hash: str = Field(unique=True, max_length=64)
    token_id: int = Field(foreign_key="api_token.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    last_seen_at: datetime | None = None
