"""A partner's 997 or 999 read into the canonical :class:`schemas.FunctionalAck`, so that the core can
reconcile it with what we sent (AK1/AK2/AK3/AK4/AK5/AK9; the 999's IK3/IK4/IK5 read as their 997 twins)."""

from __future__ import annotations

from parsers.x12.envelope import TransactionSet
from parsers.x12.lexer import small_int
from schemas.acknowledgement import AckCode, FunctionalAck, GroupAck, SetAck, SyntaxError_

_CODES = {code.value: code for code in AckCode}


def _code(value: str) -> AckCode:
    # W, X, M (997 codes for security failures) reject as R does
    return _CODES.get(value, AckCode.REJECTED)


def read_functional_ack(ts: TransactionSet, component: str | None) -> FunctionalAck | None:
    """The acknowledgement in a 997/999 set (None when it has no AK1: nothing to reconcile)."""
    group: GroupAck | None = None
    current: SetAck | None = None
    segment: tuple[str, int, str | None, str | None] | None = None  # the AK3/IK3 being read
    for seg in ts.segments[1:]:
        e = seg.elements
        sid = e[0]
        get = seg.get
        if sid == "AK1":
            group = GroupAck(
                functional_id=get(1),
                control_number=get(2),
                version=get(3),
                code=AckCode.ACCEPTED,
                sets_included=0,
                sets_received=0,
            )
        elif sid == "AK2" and group is not None:
            current = SetAck(
                set_id=get(1), control_number=get(2), code=AckCode.ACCEPTED, implementation_reference=get(3) or None
            )
            group.sets.append(current)
        elif sid in ("AK3", "IK3") and current is not None:
            position = small_int(get(2)) or 0
            segment = (get(1), position, get(3) or None, get(4) or None)
            current.errors.append(
                SyntaxError_(
                    segment_id=segment[0],
                    segment_position=position,
                    loop_id=segment[2],
                    segment_code=segment[3],
                    message=f"partner reports segment {segment[0]} at {position}: code {segment[3] or '?'}",
                )
            )
        elif sid in ("AK4", "IK4") and current is not None and segment is not None:
            where = get(1).split(component) if component else [get(1)]
            current.errors.append(
                SyntaxError_(
                    segment_id=segment[0],
                    segment_position=segment[1],
                    loop_id=segment[2],
                    segment_code=segment[3],
                    element_position=small_int(where[0]),
                    component_position=small_int(where[1]) if len(where) > 1 else None,
                    element_reference=get(2) or None,
                    element_code=get(3) or None,
                    bad_value=get(4) or None,
                    message=f"partner reports element {segment[0]}{get(1)}: code {get(3) or '?'}",
                )
            )
        elif sid in ("AK5", "IK5") and current is not None:
            current.code = _code(get(1))
            current.set_error_codes = [c for c in e[2:7] if c]
            current, segment = None, None
        elif sid == "AK9" and group is not None:
            group.code = _code(get(1))
            group.sets_included = small_int(get(2)) or 0
            group.sets_received = small_int(get(3)) or 0
            group.group_error_codes = [c for c in e[5:10] if c]
    return FunctionalAck(group=group) if group is not None else None
