"""Hostile input to the X12 reader, seeded from the fixtures: it either reads the bytes or rejects them
with a reason; any other exception is a defect. `make soak` runs many more cases (ORDERHUB_SOAK=1). The histogram of
outcomes (read, or the rejection reason bucketed) is printed when the module ends."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator

import pytest
from conftest import FIXTURES
from fuzztools import bucket, print_histograms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.errors import DocumentRejected
from parsers.x12 import X12Parser
from schemas import Source

SEEDS = [p.read_bytes() for p in sorted((FIXTURES / "x12").iterdir()) if not p.name.endswith(".json")]
SEEDS += [p.read_bytes() for p in sorted((FIXTURES / "demo" / "inbox").glob("*.x12"))]
EXAMPLES = 100_000 if os.environ.get("ORDERHUB_SOAK") else 5_000
DELIMITERS = b"*~>^|:\n\r\x1c\x1d ISAGSESTIEA0123456789"

HISTOGRAM: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def histogram(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    yield HISTOGRAM
    print_histograms(request.config, {"X12 reader": HISTOGRAM})


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate", "splice"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = (
                draw(st.binary(min_size=1, max_size=4))
                if draw(st.booleans())
                else bytes([draw(st.sampled_from(DELIMITERS))])
            )
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[end:end] = data[at:end]
        else:
            other = draw(st.sampled_from(SEEDS))
            data[at:] = other[draw(st.integers(0, len(other) - 1)) :]
    return bytes(data)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not os.environ.get("ORDERHUB_SOAK"),
)
@given(mutated())
def test_fuzz_x12_reader_never_fails_unexpectedly(data: bytes):
    parser = X12Parser()
    try:
        result = parser.parse(data, Source(kind="x12", document_id="fuzz"))
    except DocumentRejected as exc:
        assert exc.reason and "internal error" not in exc.reason
        HISTOGRAM[bucket(exc.reason)] += 1
        return
    sets = result.all_sets()
    verdicts = sorted({s.status.value for s in sets})
    HISTOGRAM[f"read ({'/'.join(verdicts) or 'no sets'})"] += 1
    for s in sets:
        assert s.status.value in ("accepted", "rejected")
        if s.status.value == "rejected":
            assert s.reason
        if s.order is not None:
            s.order.model_dump_json()  # every accepted order serialises
