"""X12: lexer, envelope, implementation-guide validation, the 850 reader and the parser plugin.

``X12Parser`` is imported on first use, so a command that only validates (``orderhub validate``) does
not load the canonical models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parsers.x12.lexer import Delimiters, Segment, tokenize

if TYPE_CHECKING:
    from parsers.x12.parser import X12Parser

__all__ = ["Delimiters", "Segment", "X12Parser", "tokenize"]


def __getattr__(name: str) -> Any:
    if name == "X12Parser":
        from parsers.x12.parser import X12Parser

        return X12Parser
    raise AttributeError(name)
