"""Transports: poll / ack / send. A connector never knows what an 850 is."""

from __future__ import annotations

from connectors.base import (
    Connector,
    Incoming,
    Outcome,
    Outgoing,
    PermanentError,
    Receipt,
    RetriableError,
)
from connectors.registry import CONNECTORS, build_connector

__all__ = [
    "CONNECTORS",
    "Connector",
    "Incoming",
    "Outcome",
    "Outgoing",
    "PermanentError",
    "Receipt",
    "RetriableError",
    "build_connector",
]
