"""Named failpoints for crash tests: ``ORDERHUB_FAILPOINT=<step>`` makes the process SIGKILL itself there.

The one sanctioned test hook in production code (DESIGN.md): a no-op unless the variable is set.
"""

from __future__ import annotations

import os
import signal

_ACTIVE = os.environ.get("ORDERHUB_FAILPOINT")


def hit(step: str) -> None:
    if _ACTIVE and _ACTIVE == step:
        os.kill(os.getpid(), signal.SIGKILL)
