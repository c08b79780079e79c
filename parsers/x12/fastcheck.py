"""A segment's valid case as straight-line Python, generated once per map segment from its compiled spec.

Most segments a partner sends are valid. For those, walking the element and syntax-note tables in a loop
costs more than the checks themselves, so each :class:`~parsers.x12.guide.SegmentSpec` gets a function,
generated from the map on first use, that answers one question: is this segment certainly free of
element errors? It only ever says yes when the full check in :mod:`parsers.x12.validator` would find
nothing (composites, dates with odd lengths and anything unusual make it say no, and the full check
runs); the differential test against pyx12 covers both paths. The generated code reads only the map.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parsers.x12.guide import CompositeSpec, ElementSpec, SegmentSpec

FastCheck = Callable[[list[str], str, bool], bool]

_NUMBER = re.compile(r"-?[0-9]+\Z")
_DECIMAL = re.compile(r"-?[0-9]*(\.[0-9]+)?\Z")


def _numeric_size(value: str) -> int:
    return len(value.replace("-", "").replace(".", "")) if "-" in value or "." in value else len(value)


def _element_lines(i: int, spec: ElementSpec, names: dict[str, object]) -> list[str]:
    """Lines that ``return False`` unless element ``i`` (non-empty, in ``v``) is certainly valid."""
    lines: list[str] = []
    if spec.usage == "N":
        return ["return False"]
    if spec.codes is not None:
        names[f"C{i}"] = spec.codes
        lines.append(f"if v not in C{i}: return False")
    low, high = spec.min_len, spec.max_len
    kind = spec.kind
    if kind in ("AN", "ID"):
        lines.append(f"if not {low} <= len(v) <= {high} or v[-1] == ' ' or (not clean and bad(v)): return False")
    elif kind == "R" or kind[:1] == "N":
        lines.append(f"if not {low} <= size(v) <= {high}: return False")
        lines.append(f"if not {'DEC' if kind == 'R' else 'NUM'}(v): return False")
    elif kind == "DT":
        lines.append(f"if not {low} <= len(v) <= {high} or not valid_date(v): return False")
    elif kind == "TM":
        lines.append(f"if not {low} <= len(v) <= {high} or not valid_time(v): return False")
    else:
        lines.append("return False")
    return lines


def _syntax_line(kind: str, positions: tuple[int, ...]) -> str:
    present = [f"p{p}" for p in positions]
    if kind == "P":
        return f"if ({' or '.join(present)}) and not ({' and '.join(present)}): return False"
    if kind == "R":
        return f"if not ({' or '.join(present)}): return False"
    if kind == "E":
        return f"if ({' + '.join(present)}) > 1: return False"
    first, rest = present[0], present[1:]
    if kind == "C":
        return f"if {first} and not ({' and '.join(rest)}): return False"
    return f"if {first} and not ({' or '.join(rest)}): return False"  # L


def build_fast_check(
    spec: SegmentSpec,
    bad: Callable[[str], object],
    valid_date: Callable[[str], bool],
    valid_time: Callable[[str], bool],
) -> FastCheck:
    """The generated ``check(elements, component_separator, clean) -> bool`` for one map segment.

    ``bad`` finds a character outside the X12 character set; ``clean`` says the caller found none anywhere
    in the segment (then no element needs its own search)."""
    names: dict[str, object] = {
        "bad": bad,
        "DEC": _DECIMAL.match,
        "NUM": _NUMBER.match,
        "size": _numeric_size,
        "valid_date": valid_date,
        "valid_time": valid_time,
    }
    count = len(spec.elements)
    body = [
        "n = len(e) - 1",
        f"if n == 0 or n > {count} or not e[-1]: return False",
    ]
    used = sorted({p for _, positions, _ in spec.syntax for p in positions})
    for i, element in enumerate(spec.elements, start=1):
        body.append(f"v = e[{i}] if n >= {i} else ''")
        if isinstance(element, CompositeSpec):
            body.append("if v: return False")  # composites take the full path
            if element.usage == "R":
                body.append("if not v: return False")
        else:
            body.append("if v:")
            body.append("    if comp in v: return False")
            body.extend("    " + line for line in _element_lines(i, element, names))
            if element.usage == "R":
                body.append("else: return False")
        if i in used:
            body.append(f"p{i} = bool(v)")
    for p in used:
        if p > count:
            body.append(f"p{p} = False")
    for kind, positions, _ in spec.syntax:
        if len(positions) < 2:
            body.append("return False")
        else:
            body.append(_syntax_line(kind, positions))
    body.append("return True")
    source = "def check(e, comp, clean):\n" + "".join(f"    {line}\n" for line in body)
    namespace: dict[str, object] = dict(names)
    exec(compile(source, f"<fast check {spec.xid}>", "exec"), namespace)  # noqa: S102 - code from our own map
    return namespace["check"]  # type: ignore[return-value]
