"""Validate what we are about to send against the same maps we hold partners to.

An outbound document is checked after rendering and before it is queued: its envelopes (counts, control
numbers) and every transaction set against the map for its version, tightened by the partner's
``guide:`` restrictions for that set when its profile has some. A document with a finding is never
queued; the findings, in words, are the reason the caller sees.
"""

from __future__ import annotations

from mappers.profile import PartnerProfile
from parsers.x12.envelope import GroupClosed, InterchangeClosed, SetClosed, walk
from parsers.x12.guide import Guide, Tightening, compile_map, guide_for
from parsers.x12.lexer import iter_segments
from parsers.x12.validator import validate_set
from schemas.x12maps import MAP_DIR

_tightened: dict[tuple[str, str, str], Guide] = {}


def _guide(profile: PartnerProfile | None, icvn: str, version: str, functional_id: str) -> Guide | None:
    base = guide_for(icvn, version, functional_id)
    if base is None or profile is None or base.set_id not in profile.guide:
        return base
    key = (profile.partner_id, base.source, profile.guide[base.set_id].model_dump_json())
    guide = _tightened.get(key)
    if guide is None:
        r = profile.guide[base.set_id]
        tightening = Tightening(
            codes=tuple((xid, tuple(codes)) for xid, codes in sorted(r.codes.items())),
            mandatory_elements=tuple(r.mandatory_elements),
            mandatory_segments=tuple(r.mandatory_segments),
            source=r.source,
        )
        guide = compile_map(MAP_DIR / base.source, tightening)
        _tightened[key] = guide
    return guide


def map_problems(data: bytes, profile: PartnerProfile | None = None) -> list[str]:
    """Every envelope error and map finding in an interchange we rendered, as sentences; empty when valid."""
    problems: list[str] = []
    for event in walk(iter_segments(data)):
        if isinstance(event, SetClosed):
            ts, group, env = event.transaction_set, event.group, event.envelope
            where = f"{ts.set_id} {ts.control_number}"
            problems += [f"{where}: {e}" for e in ts.errors]
            guide = _guide(profile, env.isa_value(12), group.version, group.functional_id)
            if guide is None:
                problems.append(f"{where}: no map for {ts.set_id} in version {group.version}")
                continue
            findings = validate_set(guide, [s.elements for s in ts.segments], env.header.delimiters.component or ">")
            for f in findings:
                at = f"segment {f.position} {f.segment_id}" + (f"{f.element:02d}" if f.element is not None else "")
                problems.append(f"{where}: {at}: {f.message or 'code ' + f.code} ({guide.source})")
        elif isinstance(event, GroupClosed):
            problems += [f"group {event.group.control_number}: {e}" for e in event.group.errors]
        elif isinstance(event, InterchangeClosed):
            problems += [f"interchange {event.envelope.control_number}: {e}" for e in event.envelope.errors]
    return problems
