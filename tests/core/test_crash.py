"""Crash safety: a worker SIGKILLed at each window of the issue, restarted after the lease; nothing lost, nothing
done twice, nothing stuck. CI kills at least 10 times in all; ``make soak`` at least 50 times per window."""

from __future__ import annotations

import os

import pytest
from conftest import Workspace
from crashtools import WINDOWS, run_campaign

CI_KILLS_PER_WINDOW = 3
SOAK_KILLS_PER_WINDOW = 50


def _print(capsys: pytest.CaptureFixture[str], title: str, report: str) -> None:
    with capsys.disabled():
        print(f"\n{title}\n{report}")


def test_workers_killed_at_every_window_lose_nothing_and_repeat_nothing(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
):
    per_window = CI_KILLS_PER_WINDOW if "postgresql" in workspace.settings.database_url else 1
    campaign = run_campaign(workspace, per_window)
    _print(capsys, f"crash campaign ({workspace.settings.database_url.split(':')[0]})", campaign.report())
    assert all(campaign.kills[w] >= per_window for w in WINDOWS)


@pytest.mark.soak
def test_soak_fifty_kills_per_window(tmp_path, postgres, capsys: pytest.CaptureFixture[str]):  # noqa: ANN001
    workspace = Workspace(tmp_path / "data", postgres.new_database())
    campaign = run_campaign(workspace, int(os.environ.get("ORDERHUB_CRASH_KILLS", SOAK_KILLS_PER_WINDOW)), seed=50)
    _print(capsys, "crash soak (postgresql)", campaign.report())
    assert sum(campaign.kills.values()) >= 4 * SOAK_KILLS_PER_WINDOW or "ORDERHUB_CRASH_KILLS" in os.environ
