"""Canonical models shared by every part of orderhub: the bottom layer, importing nothing of ours."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# name → module; loaded on first use, so that importing a light part of ``schemas`` (the X12 maps, the
# status enums) does not build every pydantic model
_EXPORTS: dict[str, str] = {
    "AckCode": "schemas.acknowledgement",
    "AllowanceCharge": "schemas.order",
    "Contact": "schemas.order",
    "Destination": "schemas.order",
    "DocumentStatus": "schemas.status",
    "FunctionalAck": "schemas.acknowledgement",
    "GroupAck": "schemas.acknowledgement",
    "HoldReason": "schemas.order",
    "Identifier": "schemas.order",
    "LineAck": "schemas.acknowledgement",
    "Order": "schemas.order",
    "OrderAck": "schemas.acknowledgement",
    "OrderLine": "schemas.order",
    "OrderStatus": "schemas.status",
    "OutboundStatus": "schemas.status",
    "Pack": "schemas.order",
    "Party": "schemas.order",
    "Purpose": "schemas.order",
    "Qualified": "schemas.order",
    "SetAck": "schemas.acknowledgement",
    "SetStatus": "schemas.status",
    "Source": "schemas.order",
    "SourceKind": "schemas.order",
    "SyntaxError_": "schemas.acknowledgement",
    "TransitionError": "schemas.status",
}

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(import_module(module), name)
