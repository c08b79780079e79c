"""The capture evaluation as a regression test: `orderhub eval fixtures/eval` must keep its figures.

Targets from the issue: header fields ≥ 98%, lines ≥ 95%, touchless ≥ 90% on clean documents, and no wrong
order released — the last one on every group, the holdout layouts included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orderhub.evaluate import Group, evaluate, report

EVAL = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


@pytest.fixture(scope="module")
def groups() -> dict[str, Group]:
    found = evaluate(EVAL)
    print(report(found))
    return found


def test_no_wrong_order_is_ever_released(groups: dict[str, Group]):
    wrong = [w for g in groups.values() for w in g.wrong_released]
    assert wrong == []


def test_every_planted_defect_is_held(groups: dict[str, Group]):
    missed = {name: g.defective - g.held_for_reason for name, g in groups.items() if g.held_for_reason < g.defective}
    # holdout: one defective order is held, but for LOW_CONFIDENCE rather than its planted reason
    assert missed.pop("holdout layouts", 0) <= 1
    assert missed == {}


@pytest.mark.parametrize("group", [f"pdf layout {x}" for x in "ABCDEFGH"] + ["sheet", "email", "corpus-invoices"])
def test_development_layouts_meet_the_targets(groups: dict[str, Group], group: str):
    g = groups[group]
    assert g.header_right >= 0.98 * g.header_total
    assert g.lines_right >= 0.95 * g.lines_total
    assert g.clean_released >= 0.9 * g.clean
