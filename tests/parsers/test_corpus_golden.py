"""Third-party sample files (fixtures/x12, sources in fixtures/THIRD_PARTY.md) against the expected
outcome written by hand from reading each file: envelope verdicts, set verdicts, 997 verdicts and the
canonical order fields listed in the expected JSON (a subset: every key given must match exactly)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from parsers.errors import DocumentRejected
from parsers.x12 import X12Parser
from schemas import Source

CASES = sorted((FIXTURES / "x12").glob("*.expected.json"))


def data_file(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    (found,) = [p for p in expected.parent.iterdir() if p.stem == stem and not p.name.endswith(".json")]
    return found


def assert_subset(expected, actual, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing"
            assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            f"{where}: expected {len(expected)} items, got {actual!r}"
        )
        for index, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_subset(e, a, f"{where}[{index}]")
    else:
        assert expected == actual, f"{where}: expected {expected!r}, got {actual!r}"


def test_every_corpus_file_has_an_expectation():
    data = [p for p in (FIXTURES / "x12").iterdir() if not p.name.endswith(".json")]
    assert len(CASES) == len(data) >= 19


@pytest.mark.parametrize("expected_path", CASES, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_corpus_file_reads_as_expected(expected_path: Path):
    expected = json.loads(expected_path.read_text())
    try:
        result = X12Parser().parse(data_file(expected_path).read_bytes(), Source(kind="x12", document_id="golden"))
    except DocumentRejected:
        assert expected["document"] == "failed" and not expected.get("interchanges")
        return
    accepted = any(s.status.value == "accepted" for s in result.all_sets())
    assert expected["document"] == ("parsed" if accepted else "failed")
    assert len(result.interchanges) == len(expected["interchanges"])
    for n, (want, got) in enumerate(zip(expected["interchanges"], result.interchanges, strict=True)):
        where = f"interchange {n + 1}"
        assert (got.info.sender, got.info.receiver, got.info.control_number, got.info.test) == (
            want["sender"],
            want["receiver"],
            want["control_number"],
            want["test"],
        ), where
        assert bool(got.error) == bool(want["rejected"]), f"{where}: {got.error}"
        assert [a.group.code.value for a in got.acks] == want["acks"], where
        assert len(got.sets) == len(want["sets"]), where
        for m, (want_set, got_set) in enumerate(zip(want["sets"], got.sets, strict=True)):
            set_where = f"{where} set {m + 1}"
            assert (got_set.set_id, got_set.control_number, got_set.status.value) == (
                want_set["set_id"],
                want_set["control_number"],
                want_set["status"],
            ), f"{set_where}: {got_set.reason}"
            if "order" in want_set:
                assert got_set.order is not None, set_where
                assert_subset(want_set["order"], got_set.order.model_dump(mode="json"), f"{set_where} order")
