"""Reading a PDF in a child process with a memory ceiling and a hard wall-clock limit.

pdfminer inflates streams and lays out glyphs in pure Python: a 1 MiB file can inflate to gigabytes, and one
page of tens of thousands of glyphs can take minutes inside a single call, where no check between pages
helps. So the whole reading runs in a worker process whose address space is capped (``RLIMIT_AS``) and
which is killed when a document takes longer than the limit. The worker is started once and reused across
documents (a fresh process per document would cost more than reading a normal PO); it is replaced after
any document that broke a limit. A breach is a :class:`DocumentRejected` saying which limit and by how much.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from parsers.errors import DocumentRejected
from parsers.limits import LIMIT_TIME, LimitExceeded

log = logging.getLogger(__name__)

MEMORY_LIMIT = 1536 << 20  # bytes of address space the reading process may use
TIMEOUT = 60.0  # seconds one document may take, wall clock
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # holds parsers/


def memory_message(limit: int) -> str:
    return f"the PDF needs more than {limit >> 20} MB of memory to read (a compressed stream inflates too far)"


def timeout_message(seconds: float) -> str:
    return f"reading the PDF took longer than {seconds:.0f} s (too many glyphs or objects for a purchase order)"


_CHILD = (
    "import sys; sys.stdout = sys.stderr\n"  # nothing may write into the pipes but the loop
    "from multiprocessing.connection import Connection\n"
    "from parsers.pdf.sandbox import _serve\n"
    "_serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False), "
    "int(sys.argv[3]))\n"
)


def _serve(receive: Connection, send: Connection, limit: int) -> None:  # pragma: no cover - the child
    """The worker's loop: (function, arguments) in, ("ok", result) / ("rejected", reason) out."""
    global MEMORY_LIMIT
    MEMORY_LIMIT = limit  # what the messages name
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    logging.disable(logging.CRITICAL)
    while True:
        try:
            function, args = receive.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except LimitExceeded as exc:
            reply = ("limit", (exc.code, exc.reason))
        except DocumentRejected as exc:
            reply = ("rejected", str(exc))
        except MemoryError:
            reply = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
            reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            send.send(reply)
        except MemoryError:
            send.send(("memory", None))
        if reply[0] == "memory":
            return  # a heap that ran out is not reused


class Worker:
    """One reusable reading process; :meth:`call` runs ``function(*args)`` in it within the limits.

    The process is a fresh ``python`` running :func:`_serve` (not multiprocessing: that re-imports the caller's
    ``__main__``), talking pickles over two pipes."""

    def __init__(self, memory_limit: int = MEMORY_LIMIT, timeout: float = TIMEOUT) -> None:
        self.memory_limit = memory_limit
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._send: Connection | None = None
        self._receive: Connection | None = None
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def _start(self) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (ROOT, env.get("PYTHONPATH", "")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(to_child), str(from_child), str(self.memory_limit)],
                pass_fds=(to_child, from_child),
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=ROOT,
                close_fds=True,
            )
        finally:
            os.close(to_child)
            os.close(from_child)
        self._process, self._pid = process, os.getpid()
        self._send, self._receive = Connection(from_parent, readable=False), Connection(to_parent, writable=False)

    def stop(self) -> None:
        for conn in (self._send, self._receive):
            if conn is not None:
                conn.close()
        if self._process is not None and os.getpid() == self._pid:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait(5)
        self._process = self._send = self._receive = None

    def call(self, function: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """``function(*args)`` in the process; ``timeout`` (seconds) overrides the worker's own."""
        timeout = self.timeout if timeout is None else timeout
        with self._lock:
            if self._process is None or os.getpid() != self._pid or self._process.poll() is not None:
                self._process = self._send = self._receive = None
                self._start()
            assert self._send is not None and self._receive is not None
            try:
                self._send.send((function, args))
                ready = self._receive.poll(timeout)
                kind, payload = self._receive.recv() if ready else ("timeout", None)
            except (EOFError, OSError):
                kind, payload = "died", None
            if kind not in ("ok", "rejected", "limit"):
                self.stop()
            if kind == "ok":
                return payload
            if kind == "rejected":
                raise DocumentRejected(str(payload))
            if kind == "limit":
                code, reason = payload or ("", "")
                raise LimitExceeded(code, reason)
            if kind == "timeout":
                raise LimitExceeded(LIMIT_TIME, timeout_message(timeout))  # the caller names its setting
            if kind in ("memory", "died"):  # a process killed while allocating ran out of address space
                raise DocumentRejected(memory_message(self.memory_limit))
            raise DocumentRejected(f"the PDF cannot be read ({payload})")


_worker: Worker | None = None


def isolated(function: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
    """``function(*args)`` in the shared reading process (module-level function, picklable arguments), killed
    after ``timeout`` seconds (default :data:`TIMEOUT`)."""
    global _worker
    if _worker is None:
        _worker = Worker()
    return _worker.call(function, *args, timeout=timeout)


__all__ = ["MEMORY_LIMIT", "TIMEOUT", "Worker", "isolated", "memory_message", "timeout_message"]
