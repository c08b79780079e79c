"""Errors a parser raises, grouped by what happens next (see DESIGN.md)."""

from __future__ import annotations


class DocumentRejected(Exception):
    """The document cannot be read at all. The reason is shown to a person: name the segment and position."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
