"""Canonical acknowledgements: the functional ack (997/999) and the PO acknowledgement (855).

Outbound mappers render these; inbound parsers (997s from partners) produce them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.order import Identifier, Party, Qualified


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


class LineAck(_Model):
    line_number: str | None
    status: str = Field(description="ACK01: IA accepted, IR rejected, IB backordered, IQ quantity changed, ...")
    quantity: Decimal | None = None
    uom: str | None = None
    unit_price: Decimal | None = None
    price_basis: str | None = None
    ordered_quantity: Decimal | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    scheduled_date: date | None = None


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
    parties: list[Party] = Field(default_factory=list)
    lines: list[LineAck] = Field(default_factory=list)
    test: bool = False
