"""orderhub's validator run the way the differential test compares it with pyx12: per set, in file order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parsers.x12.envelope import SetClosed, walk
from parsers.x12.guide import guide_for
from parsers.x12.lexer import iter_segments
from parsers.x12.validator import Finding, validate_set
from schemas.x12maps import MAP_DIR

ErrorTuple = tuple[int, str, int | None, str]


@dataclass(frozen=True)
class OurVerdict:
    set_id: str
    control_number: str
    accepted: bool
    errors: frozenset[ErrorTuple]  # what pyx12 would also report, in the oracle's notation
    extra_detail: tuple[Finding, ...]  # detail pyx12 does not report (AK4s of syntax notes, ...)
    guide: str | None


def our_verdicts(data: bytes, map_dir: Path = MAP_DIR) -> list[OurVerdict]:
    out: list[OurVerdict] = []
    for event in walk(iter_segments(data)):
        if not isinstance(event, SetClosed):
            continue
        ts, group, env = event.transaction_set, event.group, event.envelope
        guide = guide_for(env.isa_value(12), group.version, group.functional_id, map_dir)
        if guide is None:
            out.append(OurVerdict(ts.set_id, ts.control_number, True, frozenset(), (), None))
            continue
        component = env.header.delimiters.component or ":"
        findings = validate_set(guide, [s.elements for s in ts.segments], component)
        errors = frozenset(
            (f.position, f.segment_id, f.element, ("E" if f.element is not None else "S") + f.code)
            for f in findings
            if f.pyx12_detail
        )
        extra = tuple(f for f in findings if not f.pyx12_detail)
        accepted = not findings and not ts.errors
        out.append(OurVerdict(ts.set_id, ts.control_number, accepted, errors, extra, guide.source))
    return out
