"""The demo workspace that ``make run`` starts: one partner, folder mailboxes, master data, samples."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from orderhub.settings import Settings

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo"


def seed_demo(settings: Settings) -> bool:
    """Create the workspace when it does not exist yet; returns whether it did."""
    data = settings.data_dir
    if settings.config_path.exists():
        return False
    data.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEMO / "partners", data / "partners", dirs_exist_ok=True)
    shutil.copytree(DEMO / "masterdata", data / "masterdata", dirs_exist_ok=True)
    inbox = data / "mailboxes" / "demo-retail" / "in"
    inbox.mkdir(parents=True, exist_ok=True)
    past = time.time() - 60  # old enough to pass the half-written-file check at once
    for sample in sorted((DEMO / "inbox").iterdir()):
        target = inbox / sample.name
        shutil.copyfile(sample, target)
        os.utime(target, (past, past))
    shutil.copyfile(DEMO / "orderhub.yaml", settings.config_path)
    return True
