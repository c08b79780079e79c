"""Named failpoints for crash tests: ``ORDERHUB_FAILPOINT=<step>`` makes the process SIGKILL itself there.

The one sanctioned test hook in production code (DESIGN.md): a no-op unless the variable is set.
``ORDERHUB_FAILPOINT_AFTER=N`` (default 1) kills at the N-th time the step is reached, so that a crash test
lands its kills at varied points (the third document of a poll, the second send of a drain, ...).

The windows a crash test aims at (each one a place where a crash must lose nothing and repeat nothing):

- ``after_raw_store``: receiving; the bytes are in the raw store, the inbound record is not committed;
- ``after_parse``: the document is parsed and its outcome built, not committed;
- ``before_commit``: the outcome is about to be committed;
- ``before_ack``: the outcome is committed, the source is not acknowledged (file not archived, mail not moved);
- ``after_send``: the connector delivered an outbound document, the outbox row is not marked sent.
"""

from __future__ import annotations

import os
import signal

_ACTIVE = os.environ.get("ORDERHUB_FAILPOINT")
_AFTER = int(os.environ.get("ORDERHUB_FAILPOINT_AFTER") or "1")
_hits = 0

WINDOWS = ("after_raw_store", "after_parse", "before_commit", "before_ack", "after_send")


def hit(step: str) -> None:
    global _hits
    if _ACTIVE and _ACTIVE == step:
        _hits += 1
        if _hits >= _AFTER:
            os.kill(os.getpid(), signal.SIGKILL)
