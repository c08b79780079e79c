"""Every parser orderhub knows, tried in order; the first whose ``accepts`` says yes reads the document."""

from __future__ import annotations

from parsers.base import Parser
from parsers.email.mime import EmailParser
from parsers.limits import DEFAULT_LIMITS, ReadLimits
from parsers.pdf import PdfParser
from parsers.sheet import SheetParser
from parsers.x12.parser import GuideLookup, X12Parser, base_guide


def default_parsers(guides: GuideLookup = base_guide, limits: ReadLimits = DEFAULT_LIMITS) -> list[Parser]:
    """The parsers, in order; ``guides`` picks the implementation-guide map for an X12 group (the core
    passes one that applies the sending partner's restrictions); ``limits`` bound what one document may cost."""
    return [X12Parser(guides, limits), EmailParser(guides, limits), PdfParser(limits=limits), SheetParser(limits)]
