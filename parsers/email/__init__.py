"""E-mail: the MIME walk. For now it hands X12 attachments to the X12 parser; reading orders written
in bodies, PDFs and spreadsheets is the email-capture issue's."""

from __future__ import annotations

from parsers.email.mime import EmailParser

__all__ = ["EmailParser"]
