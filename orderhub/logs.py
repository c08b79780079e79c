"""Logging: plain text (the default) or one JSON object per line, and a correlation id per inbound document.

``ORDERHUB_LOG_FORMAT=json`` (or ``log_format: json`` in orderhub.yaml; the environment wins) makes every log
line one JSON object: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``process``, the
``correlation_id`` when there is one, anything a call passed in ``extra=``, and ``exception`` with the
traceback. Python warnings are logged too, so that standard error holds nothing but JSON lines.

The correlation id of an inbound document is ``doc-<its id>``, derived from what is stored (nothing new is
kept for it). It is set (a :class:`contextvars.ContextVar`, so threads and requests each have their own) by the
pipeline from the moment the document is recorded — parsing, validation, orders stored, 997/999/TA1 and 855
queued — and by the dispatcher while it sends an acknowledgement of that document (an outbound document's
``inbound_document_id``, or for an 855 its order's document; see :func:`orderhub.outbox.correlation_of`).
So ``grep '"correlation_id": "doc-42"'`` shows document 42 from receipt to its acknowledgements being sent,
whichever worker process handled each step.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_correlation: ContextVar[str | None] = ContextVar("orderhub_correlation_id", default=None)
# attributes every LogRecord has: whatever else a record carries came from ``extra=``
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def document_correlation(document_id: int) -> str:
    """The correlation id of an inbound document."""
    return f"doc-{document_id}"


def current_correlation() -> str | None:
    return _correlation.get()


@contextmanager
def correlated(correlation_id: str | None) -> Iterator[None]:
    """Log records made inside carry ``correlation_id`` (None: none, even if an outer block set one)."""
    token = _correlation.set(correlation_id)
    try:
        yield
    finally:
        _correlation.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per record (one line: newlines in messages and tracebacks are escaped by JSON)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        correlation = getattr(record, "correlation_id", None) or _correlation.get()
        if correlation:
            entry["correlation_id"] = correlation
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and key != "correlation_id":
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class _OurHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler :func:`configure_logging` installs, recognised (and replaced) when it is called again."""


def log_format(environ: dict[str, str] | Any, configured: str | None) -> str:
    """The format to use: ``ORDERHUB_LOG_FORMAT`` if set, else orderhub.yaml's ``log_format``, else text.
    Raises ``ValueError`` for an unknown value."""
    chosen = (environ.get("ORDERHUB_LOG_FORMAT") or configured or "text").strip().lower()
    if chosen not in FORMATS:
        raise ValueError(f"ORDERHUB_LOG_FORMAT / log_format {chosen!r}: expected one of {', '.join(FORMATS)}")
    return chosen


def configure_logging(level: int, fmt: str = "text") -> None:
    """Set up the root logger for a command. ``text`` is what it always was (``logging.basicConfig``); ``json``
    replaces any handler an earlier call installed with one writing JSON lines to standard error."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(handler)
    if fmt != "json":
        logging.basicConfig(level=level, format=TEXT_FORMAT)
        return
    handler = _OurHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
