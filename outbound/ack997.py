"""997 functional acknowledgement from a canonical :class:`schemas.FunctionalAck`.

Syntax only: business holds never change a 997. GS08 of the 997 is the acknowledged group's GS08
(pyx12 writes '00401'; retail partners expect their own version back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from schemas.acknowledgement import FunctionalAck, GroupAck

VERSION = re.compile(r"\d{6}[0-9A-Z]{0,6}", re.ASCII)  # GS08: six digits, then an optional release code


def ack_version(ack: FunctionalAck, profile: PartnerProfile) -> str:
    """The acknowledged group's GS08 when it is a well-formed version, else the partner's own."""
    return ack.group.version if VERSION.fullmatch(ack.group.version) else profile.x12.version


def ack_segments(ack: FunctionalAck, component: str = ">", version: str | None = None) -> Segments:
    group = ack.group
    is_5010 = (version or group.version)[:6] >= "005010"
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
                # the bad value is echoed as a simple element: it must not look like a composite
                bad = (err.bad_value or "").replace(component, " ")[:99]
                ak4 = ["AK4", position, err.element_reference or "", err.element_code or "", bad]
                body.append(ak4)
        body.append(["AK5", set_ack.code.value, *set_ack.set_error_codes[:5]])
    body.append(ak9_segment(group, group.group_error_codes))
    return body


def ak9_segment(group: GroupAck, codes: Sequence[str]) -> list[str]:
    """AK9, the same in a 997 and a 999: verdict, sets included, received, accepted (none when the group
    itself is in error), then up to five group error codes (``codes``, in the acknowledgement's own list)."""
    accepted = 0 if group.group_error_codes else group.sets_accepted
    return ["AK9", group.code.value, str(group.sets_included), str(group.sets_received), str(accepted), *codes[:5]]


def render_997(ack: FunctionalAck, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    version = ack_version(ack, profile)
    body = ack_segments(ack, profile.x12.delimiters.component, version)
    return render_interchange(profile, numbers, "FA", [("997", body)], now=now, test=ack.test, version=version)
