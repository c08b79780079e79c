"""Canonical models shared by every part of orderhub: the bottom layer, importing nothing of ours."""

from __future__ import annotations

from schemas.acknowledgement import AckCode, FunctionalAck, GroupAck, LineAck, OrderAck, SetAck, SyntaxError_
from schemas.order import (
    AllowanceCharge,
    Contact,
    Destination,
    HoldReason,
    Identifier,
    Order,
    OrderLine,
    Pack,
    Party,
    Purpose,
    Qualified,
    Source,
    SourceKind,
)
from schemas.status import DocumentStatus, OrderStatus, OutboundStatus, SetStatus, TransitionError

__all__ = [
    "AckCode",
    "AllowanceCharge",
    "Contact",
    "Destination",
    "DocumentStatus",
    "FunctionalAck",
    "GroupAck",
    "HoldReason",
    "Identifier",
    "LineAck",
    "Order",
    "OrderAck",
    "OrderLine",
    "OrderStatus",
    "OutboundStatus",
    "Pack",
    "Party",
    "Purpose",
    "Qualified",
    "SetAck",
    "SetStatus",
    "Source",
    "SourceKind",
    "SyntaxError_",
    "TransitionError",
]
