"""Which implementation-guide map validates a functional group: the base map, tightened by the sending
partner's ``guide:`` restrictions when its profile has some for that transaction set.

Restrictions are checked against the maps when the hub starts (a name the map does not have is a profile
error, fatal like any other); each tightened map is compiled once per partner and reused.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

from mappers.profile import GuideRestrictions, PartnerProfile, ProfileBook, ProfileError
from parsers.x12.envelope import FunctionalGroup, InterchangeEnvelope
from parsers.x12.guide import Guide, Tightening, compile_map, guide_for_group
from schemas.x12maps import MAP_DIR
from schemas.x12maps.structures import STRUCTURES, VERSIONS


def tightening(restrictions: GuideRestrictions) -> Tightening:
    return Tightening(
        codes=tuple((xid, tuple(codes)) for xid, codes in sorted(restrictions.codes.items())),
        mandatory_elements=tuple(restrictions.mandatory_elements),
        mandatory_segments=tuple(restrictions.mandatory_segments),
        source=restrictions.source,
    )


@cache
def _map_root(name: str) -> ET.Element:
    return ET.parse(MAP_DIR / name).getroot()


def check_restrictions(profile: PartnerProfile) -> None:
    """Raise :class:`ProfileError` when a profile restricts a set orderhub has no map for, or names an
    element or segment the map does not have."""
    for set_id, restrictions in profile.guide.items():
        if set_id not in STRUCTURES:
            raise ProfileError(
                f"partner {profile.partner_id}: guide.{set_id}: no map for this transaction set "
                f"(maps exist for {', '.join(sorted(STRUCTURES))})"
            )
        for version in VERSIONS:
            problems = tightening(restrictions).problems(_map_root(f"{set_id}.{version}.xml"))
            if problems:
                raise ProfileError(f"partner {profile.partner_id}: guide.{set_id}: " + "; ".join(problems))


class PartnerGuides:
    """The parser's guide lookup: base map, or the partner-tightened one."""

    def __init__(self, profiles: ProfileBook) -> None:
        self.profiles = profiles
        self._compiled: dict[tuple[str, str], Guide] = {}
        for profile in profiles:
            check_restrictions(profile)

    def __call__(self, env: InterchangeEnvelope, group: FunctionalGroup) -> Guide | None:
        base = guide_for_group(env.isa_value(12), group.version, group.functional_id)
        if base is None:
            return None
        (sender_q, sender), (receiver_q, receiver) = env.sender, env.receiver
        profile, _problem = self.profiles.for_interchange(sender_q, sender, receiver_q, receiver)
        if profile is None or base.set_id not in profile.guide:
            return base
        key = (profile.partner_id, base.source)
        guide = self._compiled.get(key)
        if guide is None:
            guide = compile_map(MAP_DIR / base.source, tightening(profile.guide[base.set_id]))
            guide.source = f"{base.source} tightened by {profile.partner_id}"
            self._compiled[key] = guide
        return guide
