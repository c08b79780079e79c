"""E-mail: every order a mail carries — written in its text (read with spaCy rules), attached as PDF,
CSV/XLSX or X12 — see :mod:`parsers.email.mime`."""

from __future__ import annotations

from parsers.email.mime import EmailParser

__all__ = ["EmailParser"]
