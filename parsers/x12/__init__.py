"""X12 reading: a tolerant lexer, the envelope (ISA/GS/ST) checker and the 850 mapping."""

from __future__ import annotations

from parsers.x12.lexer import Delimiters, Segment, tokenize
from parsers.x12.parser import X12Parser

__all__ = ["Delimiters", "Segment", "X12Parser", "tokenize"]
