"""Partner profiles: who a trading partner is, how to talk to it, and what it expects back.

A profile is one YAML file, validated by :class:`PartnerProfile` (unknown keys are refused, so a typo
stops the hub at start-up with the file, the key and the fix, instead of being silently ignored).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from schemas.shipment import ShipmentStructure


class ProfileError(Exception):
    """A profile that cannot be used: fatal, the hub must not start with it."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PoAckPolicy(StrEnum):
    NONE = "none"
    ON_RELEASE = "on_release"  # the 855 goes out when the order is released (or rejected)
    AFTER_ERP_DECISION = "after_erp_decision"  # the ERP decides per line first


class Delimiters(_Strict):
    element: str = Field("*", min_length=1, max_length=1)
    segment: str = Field("~", min_length=1, max_length=1)
    component: str = Field(">", min_length=1, max_length=1)
    repetition: str = Field("^", min_length=1, max_length=1, description="used from ISA12 00402 on")
    segment_suffix: str = Field("\n", description="written after each terminator; '' for one long line")


class X12Identity(_Strict):
    """The interchange and group identities on both sides. ISA ids are compared trimmed."""

    isa_qualifier: str = Field(min_length=2, max_length=2, description="ISA05 the partner sends")
    isa_id: str = Field(min_length=1, max_length=15, description="ISA06 the partner sends, unpadded")
    gs_id: str | None = Field(None, description="GS02 the partner sends; defaults to isa_id")
    our_isa_qualifier: str = Field(min_length=2, max_length=2, description="ISA07 the partner addresses us with")
    our_isa_id: str = Field(min_length=1, max_length=15)
    our_gs_id: str | None = Field(None, description="GS03 the partner addresses us with; defaults to our_isa_id")
    version: str = Field("004010", description="GS08 we send, e.g. 004010 or 005010")
    strict_isa: bool = Field(False, description="reject an ISA that is not exactly 106 characters")
    duplicate_window_days: int = Field(
        365, ge=0, description="an interchange whose ISA13 this sender used this recently is a duplicate"
    )
    delimiters: Delimiters = Field(default_factory=Delimiters)

    @field_validator("isa_id", "our_isa_id", "gs_id", "our_gs_id")
    @classmethod
    def _trim(cls, value: str | None) -> str | None:
        return value.strip() if value is not None else None

    @field_validator("version")
    @classmethod
    def _version(cls, value: str) -> str:
        if not (value[:6].isdigit() and len(value) >= 6):
            raise ValueError("version must start with six digits, e.g. 004010 or 005010")
        return value

    @model_validator(mode="after")
    def _ids_free_of_delimiters(self) -> X12Identity:
        d = self.delimiters
        reserved = {d.element, d.segment, d.component, d.repetition}
        if len(reserved) != 4:
            raise ValueError("delimiters: element, segment, component and repetition must all differ")
        for name in ("isa_id", "our_isa_id", "gs_id", "our_gs_id"):
            value = getattr(self, name) or ""
            bad = [c for c in value if c in reserved]
            if bad:
                raise ValueError(f"{name} {value!r} contains the delimiter {bad[0]!r}")
        return self

    @property
    def isa_version(self) -> str:
        """ISA12 for our GS08: 004010 → 00401, 005010 → 00501."""
        return self.version[:5]


class Acknowledgements(_Strict):
    functional: bool = Field(True, description="send a functional acknowledgement for every group received")
    functional_format: Literal["997", "999"] = Field(
        "997", description="997 (the retail default) or 999 (005010 and later; a 004010 group still gets a 997)"
    )
    functional_delay_minutes: int = Field(
        0,
        ge=0,
        le=7 * 24 * 60,
        description="hold functional acks and TA1s in the outbox this long after receipt (0: send at once)",
    )
    po_ack: PoAckPolicy = Field(PoAckPolicy.ON_RELEASE, description="when to send the 855")
    ack_due_hours: int | None = Field(
        24, ge=1, description="hours within which the partner's 997 for what we send is due; null: it sends none"
    )


class Shipping(_Strict):
    """How this partner wants ship notices, and how much may ship."""

    structure: ShipmentStructure = Field(
        ShipmentStructure.PICK_PACK,
        description="856 HL hierarchy: SOPI, SOTPI (pallets), SOIP / SOIT (standard pack), SOI (no packages)",
    )
    sscc_with_ai: bool = Field(True, description="MAN02 as 00 + SSCC-18 (20 digits); false: the bare 18 digits")
    overship_percent: Decimal = Field(
        Decimal(0), ge=0, description="a line may ship this much more than ordered (0: never more than ordered)"
    )


class DueTimes(_Strict):
    """When each document is due; ``orderhub due`` lists the late ones and those due within ``at_risk_hours``."""

    po_ack_hours: int | None = Field(24, ge=1, description="855 within this many hours of receiving the 850")
    asn_hours_after_ship: int | None = Field(
        4, ge=1, description="856 within this many hours of the shipment (and before its estimated delivery)"
    )
    invoice_days_after_ship: int | None = Field(3, ge=1, description="810 within this many days of shipping")
    at_risk_hours: int = Field(4, ge=0, description="a document due within this many hours is at risk")


class GuideRestrictions(_Strict):
    """What this partner's implementation guide adds to orderhub's base map of one transaction set."""

    source: str = Field(description="the partner guide these come from, e.g. 'Acme 850 guide v4.2, 2025-03'")
    codes: dict[str, list[str]] = Field(
        default_factory=dict, description="element → allowed codes, e.g. BEG02: [SA, NE]; N101: [ST, BT]"
    )
    mandatory_elements: list[str] = Field(default_factory=list, description="elements made mandatory, e.g. PO104")
    mandatory_segments: list[str] = Field(
        default_factory=list, description="segments or loops made mandatory by path: REF, PO1/DTM, N1"
    )


class CustomerMatch(_Strict):
    """Which customer account an order belongs to, by a party identifier in the 850."""

    customer_id: str
    role: str = Field("BY", description="N101 of the party whose identifier decides (BY, ST, ...)")
    qualifier: str = Field(description="N103, e.g. 92 (assigned by buyer), 1 (DUNS), UL (GLN)")
    value: str


class CrossReference(_Strict):
    customer_id: str
    buyer_part_number: str
    sku: str


class Channels(_Strict):
    inbound: list[str] = Field(default_factory=list, description="names of channels in orderhub.yaml")
    outbound: str | None = Field(None, description="channel documents for this partner are sent through")


class PartnerProfile(_Strict):
    partner_id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    name: str
    x12: X12Identity
    channels: Channels = Field(default_factory=Channels)
    default_customer_id: str | None = Field(None, description="account used when no customer match applies")
    customers: list[CustomerMatch] = Field(default_factory=list)
    uom_map: dict[str, str] = Field(default_factory=dict, description="partner UOM → our UOM, e.g. CA: CS")
    acknowledgements: Acknowledgements = Field(default_factory=Acknowledgements)
    price_tolerance_percent: float = Field(1.0, ge=0, description="allowed deviation from the price list")
    cross_references: list[CrossReference] = Field(default_factory=list)
    shipping: Shipping = Field(default_factory=Shipping)
    due: DueTimes = Field(default_factory=DueTimes)
    guide: dict[str, GuideRestrictions] = Field(
        default_factory=dict, description="per transaction set (850, 860, ...): the partner guide's restrictions"
    )
    accept_test_interchanges: bool = Field(
        True, description="read ISA15=T interchanges; their orders get status 'test' and never reach the ERP"
    )


def load_profile(path: Path) -> PartnerProfile:
    """Load and validate one profile; every problem names the file, the key and what to do."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot read the profile: {exc}") from exc
    if not isinstance(raw, dict):
        raise ProfileError(f"{path}: a profile is a YAML mapping (partner_id: ..., name: ..., x12: ...)")
    try:
        return PartnerProfile.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"]) or "(top level)"
            if err["type"] == "extra_forbidden":
                problems.append(f"{key}: unknown key; remove it or check its spelling")
            elif err["type"] == "missing":
                problems.append(f"{key}: required; add it")
            else:
                problems.append(f"{key}: {err['msg']}")
        raise ProfileError(f"{path}: " + "; ".join(problems)) from None


def load_profiles(directory: Path) -> list[PartnerProfile]:
    profiles = [load_profile(p) for p in sorted(directory.glob("*.yaml"))]
    seen: dict[str, str] = {}
    for profile in profiles:
        if profile.partner_id in seen:
            raise ProfileError(f"{directory}: partner_id {profile.partner_id!r} is used by two profiles")
        seen[profile.partner_id] = profile.name
    return profiles


class ProfileBook:
    """All partner profiles, looked up by the identities an interchange carries."""

    def __init__(self, profiles: list[PartnerProfile]) -> None:
        self._by_id = {p.partner_id: p for p in profiles}
        self._by_sender: dict[tuple[str, str], list[PartnerProfile]] = {}
        for p in profiles:
            self._by_sender.setdefault((p.x12.isa_qualifier, p.x12.isa_id), []).append(p)

    def __iter__(self):
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, partner_id: str) -> PartnerProfile | None:
        return self._by_id.get(partner_id)

    def for_interchange(
        self, sender_qualifier: str, sender_id: str, receiver_qualifier: str, receiver_id: str
    ) -> tuple[PartnerProfile | None, str | None]:
        """(profile, None) when the sender is known and addressed us; else (None or profile, reason)."""
        candidates = self._by_sender.get((sender_qualifier, sender_id.strip()), [])
        if not candidates:
            return None, (
                f"unknown sender {sender_qualifier}:{sender_id.strip()}: no partner profile has this ISA05/ISA06; "
                "add a profile to onboard this partner"
            )
        for p in candidates:
            if (p.x12.our_isa_qualifier, p.x12.our_isa_id) == (receiver_qualifier, receiver_id.strip()):
                return p, None
        return candidates[0], (
            f"interchange from {sender_qualifier}:{sender_id.strip()} is addressed to "
            f"{receiver_qualifier}:{receiver_id.strip()}, not to us "
            f"({candidates[0].x12.our_isa_qualifier}:{candidates[0].x12.our_isa_id})"
        )
