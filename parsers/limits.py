"""The limits a document is read within, and the error that says which one it broke.

The core builds :class:`ReadLimits` from the ``limits:`` section of ``orderhub.yaml`` (see
``orderhub.settings.LimitsConfig``, which lists each limit with its default and meaning) and hands it to the
parsers. A broken limit raises :class:`LimitExceeded`: a :class:`DocumentRejected` with a specific code and a
sentence naming the value found, the limit and the setting, e.g. "the interchange has more than 2,000,000
segments; the limit is 2,000,000 (limits.max_segments)". The document is failed with that code, its bytes kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from parsers.errors import DocumentRejected

# error codes of a failed document, one per limit
LIMIT_FILE_SIZE = "LIMIT_FILE_SIZE"
LIMIT_SEGMENTS = "LIMIT_SEGMENTS"
LIMIT_PAGES = "LIMIT_PAGES"
LIMIT_ATTACHMENTS = "LIMIT_ATTACHMENTS"
LIMIT_DECOMPRESSED = "LIMIT_DECOMPRESSED"
LIMIT_TIME = "LIMIT_TIME"

DEFAULT_MAX_DOCUMENT_BYTES = 256 << 20
DEFAULT_MAX_SEGMENTS = 2_000_000
DEFAULT_MAX_PDF_PAGES = 50  # a purchase order is a few pages; a 500-page file is a catalogue or an attack
DEFAULT_MAX_ATTACHMENTS = 20
DEFAULT_MAX_DECOMPRESSED_BYTES = 256 << 20
DEFAULT_MAX_SECONDS_PER_DOCUMENT = 1800.0  # a guard against a worker stuck on one file; a 256 MiB X12 takes minutes


class LimitExceeded(DocumentRejected):
    """A document over one of the configured limits; ``code`` is one of the ``LIMIT_*`` codes above."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code

    def __reduce__(self) -> tuple[type[LimitExceeded], tuple[str, str]]:  # crosses the PDF sandbox's pipe
        return (LimitExceeded, (self.code, self.reason))


def over(code: str, found: str, limit: int | float, setting: str, unit: str = "") -> LimitExceeded:
    """``found`` ("the interchange has 2,000,001 segments") plus "; the limit is N (limits.SETTING)"."""
    shown = f"{limit:,}" if isinstance(limit, int) else f"{limit:g}"
    return LimitExceeded(code, f"{found}; the limit is {shown}{unit} (limits.{setting})")


@dataclass(frozen=True)
class ReadLimits:
    """The limits one document is read within (field names are the ``limits:`` settings' names)."""

    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    max_segments: int = DEFAULT_MAX_SEGMENTS
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES
    max_attachments: int = DEFAULT_MAX_ATTACHMENTS
    max_decompressed_bytes: int = DEFAULT_MAX_DECOMPRESSED_BYTES
    max_seconds_per_document: float = DEFAULT_MAX_SECONDS_PER_DOCUMENT

    def clock(self) -> Deadline:
        return Deadline(self.max_seconds_per_document)


class Deadline:
    """The time one document may take, checked by the parsers at points where they can stop cleanly (every
    few hundred segments, every page). A PDF is also read in a child process killed at the limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def check(self, where: str) -> None:
        elapsed = time.monotonic() - self.started
        if elapsed > self.seconds:
            raise over(
                LIMIT_TIME,
                f"reading the document took over {elapsed:.1f} s (stopped {where})",
                self.seconds,
                "max_seconds_per_document",
                " s",
            )


DEFAULT_LIMITS = ReadLimits()

__all__ = [
    "DEFAULT_LIMITS",
    "Deadline",
    "LimitExceeded",
    "ReadLimits",
    "over",
    "LIMIT_ATTACHMENTS",
    "LIMIT_DECOMPRESSED",
    "LIMIT_FILE_SIZE",
    "LIMIT_PAGES",
    "LIMIT_SEGMENTS",
    "LIMIT_TIME",
]
