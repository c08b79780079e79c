"""Hostile documents through the whole pipeline (issue 9): mutated mails, sheets, PDFs and X12 files from the
fixtures go through ``Pipeline.handle`` one after the other on one SQLite workspace.

Every document ends ``parsed`` or ``failed`` (or ``duplicate``, when a mutation reproduced earlier bytes); a
failed one names a specific error code that is not a defect code, and a non-empty error; its raw bytes are in
the raw store at their size; and the hub goes on to process the next document (a known-good canary every
``CANARY_EVERY`` cases). The histogram of outcomes and error codes is printed when the module ends. CI runs
``EXAMPLES`` documents; ``ORDERHUB_SOAK=1`` raises them, and the ``soak``-marked twin runs under ``make soak``.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from conftest import FIXTURES, Workspace
from fuzztools import mutate, print_histograms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from connectors.base import Incoming
from orderhub.store.models import InboundDocument

SOAK = bool(os.environ.get("ORDERHUB_SOAK"))
SOAK_EXAMPLES = 5_000
EXAMPLES = SOAK_EXAMPLES if SOAK else 1_000
DEFECT_CODES = ("PARSER_DEFECT", "PROCESSING_DEFECT")
CANARY_EVERY = 25
CLOCK = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SENDER = "mike.palmer@acme.example"

EVAL = FIXTURES / "eval"
SEEDS: dict[str, list[bytes]] = {
    "eml": [p.read_bytes() for p in sorted((EVAL / "email").glob("*.eml"))]
    + [p.read_bytes() for p in sorted((FIXTURES / "email-edge").glob("*.eml"))],
    "csv": [p.read_bytes() for p in sorted((EVAL / "sheet").glob("*.csv"))],
    "xlsx": [p.read_bytes() for p in sorted((EVAL / "sheet").glob("*.xlsx"))],
    "pdf": [
        p.read_bytes() for layout in ("A", "D") for p in sorted((EVAL / "pdf" / f"layout-{layout}").glob("*.pdf"))[:2]
    ],
    "x12": [p.read_bytes() for p in sorted((FIXTURES / "x12").iterdir()) if not p.name.endswith(".json")]
    + [p.read_bytes() for p in sorted((FIXTURES / "demo" / "inbox").glob("*.x12"))],
}
TOKENS = [b"\r\n", b"\n", b"*", b"~", b",", b";", b'"', b"<", b">", b"--", b"=", b"\x00", b"\xff", b"obj", b"ISA"]

HISTOGRAM: Counter[str] = Counter()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[object]:
    root = tmp_path_factory.mktemp("fuzz-pipeline")
    workspace = Workspace(root / "data", f"sqlite:///{root / 'orderhub.db'}")
    built = workspace.hub()
    yield built
    built.engine.dispose()
    print_histograms(request.config, {"Pipeline.handle": HISTOGRAM}, unit="documents")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["eml", "eml", "csv", "xlsx", "pdf", "x12", "x12"]))
    seeds = SEEDS[kind]
    seed = draw(st.sampled_from(seeds))
    if kind == "xlsx" and draw(st.booleans()):  # a part inside an intact zip
        with zipfile.ZipFile(io.BytesIO(seed)) as book:
            parts = {info.filename: book.read(info) for info in book.infolist()}
        name = draw(st.sampled_from(sorted(parts)))
        parts[name] = mutate(
            draw, bytearray(parts[name]) or bytearray(b"<x/>"), [parts[name] or b"<x/>"], TOKENS, most=5
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
            for part, body in parts.items():
                book.writestr(part, body)
        return kind, out.getvalue()
    return kind, mutate(draw, bytearray(seed), seeds, TOKENS, most=5)


COUNTER = iter(range(10**9))


def _handle(hub, kind: str, data: bytes, name: str) -> InboundDocument:  # noqa: ANN001 - orderhub.hub.Hub
    key = f"{name}.{kind}"  # the pipeline picks the parser by the remote key's name, then by content
    incoming = Incoming("fuzz", key, data, CLOCK, filename=key, metadata={} if kind == "eml" else {"sender": SENDER})
    outcome = hub.pipeline.handle(incoming)
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, outcome.document_id)
        assert doc is not None
        session.expunge(doc)
    return doc


def _canary(hub, n: int) -> None:  # noqa: ANN001
    """A readable mail after the hostile ones: the hub still processes documents."""
    data = f"X-Fuzz-Canary: {n}\r\n".encode() + SEEDS["eml"][0]
    doc = _handle(hub, "eml", data, f"canary-{n}")
    assert doc.status == "parsed", f"canary after case {n}: {doc.status} {doc.error_code} {doc.error}"


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
        derandomize=not SOAK,
        database=None,
    )


def _case(hub, document: tuple[str, bytes]) -> None:  # noqa: ANN001
    kind, data = document
    n = next(COUNTER)
    doc = _handle(hub, kind, data, f"case-{n}")
    assert doc.status in ("parsed", "failed", "duplicate"), f"{kind} case {n} left {doc.status}"
    if doc.status == "failed":
        assert doc.error and doc.error.strip(), f"{kind} case {n} failed without an error"
        assert doc.error_code, f"{kind} case {n} failed without an error code: {doc.error}"
        assert "internal error" not in doc.error.lower(), doc.error
        assert doc.error_code not in DEFECT_CODES, f"{kind} case {n}: {doc.error_code}: {doc.error}"
        HISTOGRAM[f"{kind} failed {doc.error_code}"] += 1
    else:
        HISTOGRAM[f"{kind} {doc.status}"] += 1
    assert doc.size == len(data)
    assert hub.raw.size(doc.sha256) == len(data)
    assert hub.raw.get(doc.sha256) == data
    if n % CANARY_EVERY == CANARY_EVERY - 1:
        _canary(hub, n)


@_settings(EXAMPLES)
@given(documents())
def test_fuzz_pipeline_keeps_every_document(hub, document: tuple[str, bytes]) -> None:  # noqa: ANN001
    _case(hub, document)


@pytest.mark.soak
@_settings(SOAK_EXAMPLES)
@given(documents())
def test_soak_pipeline_keeps_every_document(hub, document: tuple[str, bytes]) -> None:  # noqa: ANN001
    _case(hub, document)
