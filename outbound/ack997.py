"""997 functional acknowledgement from a canonical :class:`schemas.FunctionalAck`.

Syntax only: business holds never change a 997. GS08 of the 997 is the acknowledged group's GS08
(pyx12 writes '00401'; retail partners expect their own version back).
"""

from __future__ import annotations

from datetime import datetime

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from schemas.acknowledgement import FunctionalAck


def ack_segments(ack: FunctionalAck, component: str = ">") -> Segments:
    group = ack.group
    is_5010 = group.version >= "005010"
    body: Segments = [["AK1", group.functional_id, group.control_number] + ([group.version] if is_5010 else [])]
    for set_ack in group.sets:
        ak2 = ["AK2", set_ack.set_id, set_ack.control_number]
        if is_5010 and set_ack.implementation_reference:
            ak2.append(set_ack.implementation_reference)
        body.append(ak2)
        for err in set_ack.errors:
            body.append(["AK3", err.segment_id, str(err.segment_position), err.loop_id or "", err.segment_code or "8"])
            if err.element_position is not None:
                position = str(err.element_position)
                if err.component_position is not None:
                    position += f"{component}{err.component_position}"
                ak4 = ["AK4", position, err.element_reference or "", err.element_code or "", (err.bad_value or "")[:99]]
                body.append(ak4)
        body.append(["AK5", set_ack.code.value, *set_ack.set_error_codes[:5]])
    body.append(
        [
            "AK9",
            group.code.value,
            str(group.sets_included),
            str(group.sets_received),
            str(0 if group.group_error_codes else group.sets_accepted),
            *group.group_error_codes[:5],
        ]
    )
    return body


def render_997(ack: FunctionalAck, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    body = ack_segments(ack, profile.x12.delimiters.component)
    return render_interchange(
        profile, numbers, "FA", [("997", body)], now=now, test=ack.test, version=ack.group.version
    )
