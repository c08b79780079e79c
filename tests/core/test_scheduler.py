"""The scheduler runs each job on its interval and never two runs of one job at once."""

from __future__ import annotations

import threading
import time

from scheduler import JobScheduler


def test_a_slow_job_is_never_run_twice_at_once_and_failures_do_not_stop_it():
    scheduler = JobScheduler()
    running = 0
    most = 0
    runs = 0
    lock = threading.Lock()

    def slow() -> None:
        nonlocal running, most, runs
        with lock:
            running += 1
            runs += 1
            most = max(most, running)
        time.sleep(0.35)
        with lock:
            running -= 1
        if runs == 1:
            raise RuntimeError("a failing poll is logged, the next one still runs")

    scheduler.every("poll:slow", 0.1, slow)
    thread = threading.Thread(target=scheduler.run_now_and_start, daemon=True)
    thread.start()
    time.sleep(1.6)
    scheduler.shutdown()
    assert most == 1
    assert runs >= 3
