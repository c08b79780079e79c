"""999 implementation acknowledgement from a canonical :class:`schemas.FunctionalAck`.

For the partners that ask for a 999 instead of a 997. Same verdicts as the 997 (syntax only: business
holds never change it), written with the 999's segments: AK1 (with AK103), AK2 (with AK203 when the set's
ST03 is known), IK3 per segment error, IK4 per element error (IK401 a composite ``position>component``
with the partner's component separator), IK5 per set and AK9 for the group.

Contract:

- GS08 of the 999 is the acknowledged group's GS08 when it is well formed, else the partner's own version
  (as for the 997, :func:`outbound.ack997.ack_version`). The 999 exists only from 005010 on: when that
  version is older, :func:`render_999` raises :class:`ValueError` rather than write a 999 the standard
  does not define or silently re-version the acknowledgement. A partner that gets a 999 for 005010
  traffic and sends a 004010 group is answered with a 997, which the caller decides (see
  :func:`supports_999`).
- Every code is translated from the canonical (997) code to the 999's own code list (the valid codes of
  the X231 maps pyx12 ships): AK304 → IK304, AK403 → IK403, AK502 → IK502, AK905 → AK905. A code the
  999 cannot express raises :class:`ValueError`, so a 999 never carries a code its list lacks.
- IK403 is required in an IK4: an element error without an element code raises :class:`ValueError`.
- IK5 carries A, E or R (P is a group verdict only: :class:`ValueError`). When a set is E or R and the
  canonical gives no set code but lists segment errors, IK502 is 5 (one or more segments in error): the
  999 requires a code whenever IK501 is not A.
- No CTX segments: the segment-context CTX (``SITUATIONAL TRIGGER``) reports implementation-guide
  situational rules, which our syntax checks do not evaluate, and the business-unit CTX names HIPAA
  identifiers (CLM01, NM109...); the canonical errors carry neither.
- ST03 of the 999 itself is not written (a retail 005010 999 has no implementation guide to name).
"""

from __future__ import annotations

from datetime import datetime

from mappers.profile import PartnerProfile
from outbound.ack997 import ack_version, ak9_segment
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from schemas.acknowledgement import AckCode, FunctionalAck, SetAck, SyntaxError_

FIRST_999_VERSION = "005010"

# AK304 (element 720) → IK304 (element 620): codes 1-8 mean the same in both; the 999 adds implementation
# codes (I4, I6, I7, I8, I9) that syntax checks alone never produce.
IK304 = {code: code for code in ("1", "2", "3", "4", "5", "6", "7", "8")}
# AK403 (element 723) → IK403 (element 621): 1-10 are the same. The 999 adds 12 too many repetitions,
# 13 too many components, I6, I9, I10-I13; the canonical model does not express them (yet).
IK403 = {code: code for code in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")}
# AK502 (element 718) → IK502 (element 618): the same numbers; the 999 adds I5 and I6 (implementation).
IK502 = {
    code: code
    for code in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "15", "16", "17", "18", "19")
    + ("23", "24", "25", "26", "27")
}
# AK905 (element 716) is the same element in the 997 and the 999; these are its 005010 codes.
AK905 = {
    code: code
    for code in ("1", "2", "3", "4", "5", "6", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19")
    + ("23", "24", "25", "26")
}
SEGMENTS_IN_ERROR = "5"


def supports_999(version: str) -> bool:
    """Whether a 999 can be written at GS08 ``version`` (005010 or later)."""
    return version[:6].isdigit() and version[:6] >= FIRST_999_VERSION


def _code(table: dict[str, str], code: str, what: str) -> str:
    try:
        return table[code]
    except KeyError:
        raise ValueError(f"{what} code {code!r} has no equivalent in the 999") from None


def _error_segments(err: SyntaxError_, component: str) -> Segments:
    ik3 = [
        "IK3",
        err.segment_id,
        str(err.segment_position),
        err.loop_id or "",
        _code(IK304, err.segment_code or "8", "AK304"),
    ]
    if err.element_position is None:
        return [ik3]
    if err.element_code is None:
        raise ValueError(f"{err.segment_id}{err.element_position:02d}: an IK4 needs an element error code (IK403)")
    position = str(err.element_position)
    if err.component_position is not None:
        position += f"{component}{err.component_position}"
    # the bad value is echoed as a simple element: it must not look like a composite
    bad = (err.bad_value or "").replace(component, " ")[:99]
    return [ik3, ["IK4", position, err.element_reference or "", _code(IK403, err.element_code, "AK403"), bad]]


def _set_segments(set_ack: SetAck, component: str) -> Segments:
    if set_ack.code is AckCode.PARTIALLY_ACCEPTED:
        raise ValueError(f"set {set_ack.control_number}: P is a group verdict (AK9); IK501 is A, E or R")
    ak2 = ["AK2", set_ack.set_id, set_ack.control_number, set_ack.implementation_reference or ""]
    body: Segments = [ak2]
    for err in set_ack.errors:
        body.extend(_error_segments(err, component))
    codes = [_code(IK502, code, "AK502") for code in set_ack.set_error_codes[:5]]
    if set_ack.code is not AckCode.ACCEPTED and not codes:
        if not set_ack.errors:
            raise ValueError(f"set {set_ack.control_number}: IK5 {set_ack.code.value} needs a reason code (IK502)")
        codes = [SEGMENTS_IN_ERROR]
    body.append(["IK5", set_ack.code.value, *codes])
    return body


def ack_segments(ack: FunctionalAck, component: str = ">", version: str = FIRST_999_VERSION) -> Segments:
    """The 999 body (between ST and SE) for ``ack``; AK103 is the group's GS08 as sent (``version`` if none)."""
    group = ack.group
    body: Segments = [["AK1", group.functional_id, group.control_number, group.version or version]]
    for set_ack in group.sets:
        body.extend(_set_segments(set_ack, component))
    body.append(ak9_segment(group, [_code(AK905, code, "AK905") for code in group.group_error_codes[:5]]))
    return body


def render_999(ack: FunctionalAck, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    """One interchange holding one FA group with the 999 for ``ack``.

    Raises :class:`ValueError` (before any control number is taken) when the version would be older
    than 005010 or the acknowledgement holds something the 999 cannot say.
    """
    version = ack_version(ack, profile)
    if not supports_999(version):
        raise ValueError(
            f"no 999 before 005010: group {ack.group.control_number} is acknowledged at GS08 {version!r}; "
            "send a 997 for it"
        )
    body = ack_segments(ack, profile.x12.delimiters.component, version)
    return render_interchange(profile, numbers, "FA", [("999", body)], now=now, test=ack.test, version=version)
