"""Canonical acknowledgements: the functional ack (997/999) and the PO acknowledgement (855).

Outbound mappers render these; inbound parsers (997s from partners) produce them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.order import DateRef, Identifier, Party, Qualified


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AckCode(StrEnum):
    """AK5/AK9 (and IK5) verdicts."""

    ACCEPTED = "A"
    ACCEPTED_WITH_ERRORS = "E"
    PARTIALLY_ACCEPTED = "P"  # AK9 only: some sets rejected
    REJECTED = "R"


class SyntaxError_(_Model):
    """One syntax error in a transaction set: becomes an AK3 (segment) and, when an element is known, an AK4.

    ``segment_position`` counts from ST = 1. ``segment_code`` is the AK304 code (1 unrecognized segment,
    2 unexpected, 3 mandatory missing, 4 loop over max, 5 segment exceeds max use, 6 not in defined set,
    7 out of sequence, 8 segment has data element errors). ``element_code`` is the AK403 code (1 mandatory
    missing, 2 conditional missing, 3 too many elements, 4 too short, 5 too long, 6 invalid character,
    7 invalid code value, 8 invalid date, 9 invalid time, 10 exclusion condition violated).
    """

    segment_id: str
    segment_position: int
    loop_id: str | None = None
    segment_code: str | None = None
    element_position: int | None = None
    component_position: int | None = None
    element_reference: str | None = None
    element_code: str | None = None
    bad_value: str | None = None
    message: str


class SetAck(_Model):
    set_id: str = Field(description="ST01, e.g. 850")
    control_number: str = Field(description="ST02")
    code: AckCode
    set_error_codes: list[str] = Field(default_factory=list, description="AK502..AK506")
    errors: list[SyntaxError_] = Field(default_factory=list)
    implementation_reference: str | None = Field(None, description="ST03 (005010)")


class GroupAck(_Model):
    functional_id: str = Field(description="GS01 of the acknowledged group")
    control_number: str = Field(description="GS06 of the acknowledged group")
    version: str = Field(description="GS08 of the acknowledged group")
    code: AckCode
    group_error_codes: list[str] = Field(default_factory=list, description="AK905..AK909")
    sets_included: int = Field(description="AK902: GE01 as sent")
    sets_received: int = Field(description="AK903: sets found")
    sets: list[SetAck] = Field(default_factory=list)

    @property
    def sets_accepted(self) -> int:
        return sum(1 for s in self.sets if s.code in (AckCode.ACCEPTED, AckCode.ACCEPTED_WITH_ERRORS))


class FunctionalAck(_Model):
    """A 997 for one functional group, addressed back to its sender."""

    group: GroupAck
    test: bool = False


class LineStatus(StrEnum):
    """ACK01 codes orderhub sends."""

    ACCEPTED = "IA"
    BACKORDERED = "IB"
    PRICE_CHANGED = "IP"
    QUANTITY_CHANGED = "IQ"
    DATE_RESCHEDULED = "DR"
    REJECTED = "IR"


class LineAck(_Model):
    """One PO1 of the 855 with its ACK.

    PO1 echoes the line as ordered (PO101, PO102 quantity, PO103 unit, the product pairs) with the unit
    price acknowledged in PO104 (the new price when the status is IP); ACK02/ACK03 carry the quantity
    acknowledged under that status and ACK04/ACK05 the date it concerns (068 current schedule ship).
    """

    line_number: str | None
    status: str = Field(description="ACK01: IA accepted, IR rejected, IB backordered, IQ quantity changed, ...")
    quantity: Decimal | None = Field(None, description="ACK02: the quantity this status applies to")
    uom: str | None = Field(None, description="PO103 and ACK03: the partner's own unit code")
    unit_price: Decimal | None = Field(None, description="PO104: the price acknowledged")
    price_basis: str | None = None
    ordered_quantity: Decimal | None = Field(None, description="PO102: as ordered")
    identifiers: list[Identifier] = Field(default_factory=list)
    date_qualifier: str = Field("068", description="ACK04: 068 current schedule ship, 067 current schedule delivery")
    scheduled_date: date | None = Field(None, description="ACK05")
    further_statuses: list[LineAck] = Field(
        default_factory=list,
        description="more ACKs on the same line: 60 accepted now and 40 backordered to a date is IA 60 + IB 40",
    )


class OrderAck(_Model):
    """A canonical purchase-order acknowledgement, rendered as an 855."""

    order_id: str
    partner_id: str
    purpose: str = Field("00", description="BAK01: 00 original")
    ack_type: str = Field(description="BAK02: AD, AC, AK, RD, RJ")
    po_number: str
    po_date: date | None = None
    ack_date: date
    release_number: str | None = None
    references: list[Qualified] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list, description="header DTMs, e.g. 067 current delivery")
    parties: list[Party] = Field(default_factory=list)
    lines: list[LineAck] = Field(default_factory=list)
    test: bool = False


class LineDecision(_Model):
    """The ERP's decision on one order line, which becomes the line's ACK segments."""

    line_number: str = Field(description="PO101 of the line decided")
    action: Literal["accept", "backorder", "change_quantity", "change_price", "reschedule", "reject"]
    quantity: Decimal | None = Field(
        None,
        ge=0,
        description="change_quantity: the quantity accepted; backorder: how much is backordered "
        "(the rest ships now; all of it when null)",
    )
    unit_price: Decimal | None = Field(None, ge=0, description="change_price: the new unit price")
    ship_date: date | None = Field(None, description="backorder / reschedule: the date it will ship")


class OrderDecision(_Model):
    """What the ERP decided on a released order: per line, or the whole order rejected."""

    lines: list[LineDecision] = Field(default_factory=list)
    reject_order: bool = Field(False, description="reject everything: BAK02 RJ without line detail")
    note: str | None = None
