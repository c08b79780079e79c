"""What the 997 and 999 golden tests share: the fixed clock, the demo profile, an in-memory control-number
counter and the first functional ack the parser owes for a document."""

from __future__ import annotations

from datetime import datetime

from conftest import FIXTURES

from mappers.profile import load_profile
from parsers.x12 import X12Parser
from schemas import Source
from schemas.acknowledgement import FunctionalAck

NOW = datetime(2026, 11, 20, 9, 30)
GOLDEN = FIXTURES / "golden"
PROFILE = load_profile(FIXTURES / "demo" / "partners" / "demo-retail.yaml")


class Counter:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], int] = {}

    def next(self, partner_id: str, kind: str) -> int:
        key = (partner_id, kind)
        self.values[key] = self.values.get(key, 0) + 1
        return self.values[key]


def first_ack(data: bytes) -> FunctionalAck:
    (ic,) = X12Parser().parse(data, Source(kind="x12")).interchanges
    return ic.acks[0]
