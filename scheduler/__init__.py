"""APScheduler set-up: interval jobs, never two runs of the same job at once, with jitter.

The scheduler runs the callables the core hands it and knows nothing of orders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from apscheduler.schedulers.blocking import BlockingScheduler

log = logging.getLogger(__name__)


class Leases(Protocol):
    """Named leases shared by every hub process (the core backs them with a table)."""

    def acquire(self, name: str, ttl: timedelta) -> bool: ...

    def release(self, name: str) -> None: ...


def poll_lease(interval_seconds: float) -> timedelta:
    """How long a lease on a job lasts: three intervals, at least 30 s; the job may renew it as it goes."""
    return timedelta(seconds=max(30.0, 3 * interval_seconds))


class JobScheduler:
    def __init__(self) -> None:
        self._scheduler = BlockingScheduler(timezone="UTC")

    def every(
        self,
        name: str,
        seconds: float,
        func: Callable[[], object],
        jitter: float = 0.0,
        leases: Leases | None = None,
        lease: timedelta | None = None,
    ) -> None:
        """Run ``func`` every ``seconds``; a run still going when the next is due is not doubled.

        With ``leases``, a run happens only in the process holding the lease named ``name``, so that
        several hub processes poll a channel one at a time. The lease lasts ``lease`` (default
        :func:`poll_lease`) unless the job renews it; a process that dies holding it frees it after that.
        """
        ttl = lease or poll_lease(seconds)

        def run() -> None:
            if leases is not None and not leases.acquire(name, ttl):
                return  # another process polls this channel now
            try:
                func()
            except Exception:  # a failing job is logged and runs again next time; it never stops the hub
                log.exception("job %s failed", name)
            finally:
                if leases is not None:
                    leases.release(name)

        self._scheduler.add_job(
            run,
            "interval",
            seconds=seconds,
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
            jitter=jitter or None,
            next_run_time=None,
        )

    def run_now_and_start(self) -> None:
        from datetime import UTC, datetime

        for job in self._scheduler.get_jobs():
            job.modify(next_run_time=datetime.now(UTC))
        self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
