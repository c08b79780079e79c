"""Every parser orderhub knows, tried in order; the first whose ``accepts`` says yes reads the document."""

from __future__ import annotations

from parsers.base import Parser
from parsers.email.mime import EmailParser
from parsers.x12.parser import X12Parser


def default_parsers() -> list[Parser]:
    return [X12Parser(), EmailParser()]
