"""Every partner profile in the repository loads (a broken one fails CI, not production)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from mappers.profile import ProfileBook, ProfileError, load_profile

PROFILES = sorted([*FIXTURES.rglob("partners/*.yaml"), *(ROOT / "mappers").rglob("*.yaml")])


def test_there_are_profiles_to_check():
    assert len(PROFILES) >= 4


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_profile_loads(path: Path):
    profile = load_profile(path)
    assert profile.partner_id and profile.x12.isa_id == profile.x12.isa_id.strip()


def test_profiles_do_not_claim_the_same_sender_twice():
    book = ProfileBook([load_profile(p) for p in PROFILES])
    seen = {}
    for profile in book:
        key = (profile.x12.isa_qualifier, profile.x12.isa_id, profile.x12.our_isa_id)
        assert key not in seen, f"{profile.partner_id} and {seen.get(key)} claim the same interchange ids"
        seen[key] = profile.partner_id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("name: Demo Retail Inc.", "nmae: Demo Retail Inc."), "nmae: unknown key"),
        (lambda t: t.replace("  isa_id: DEMORETAIL\n", ""), "x12.isa_id: required"),
        (lambda t: t.replace("po_ack: on_release", "po_ack: sometimes"), "acknowledgements.po_ack"),
        (lambda t: t.replace("isa_id: DEMORETAIL", "isa_id: DEMO*RETAIL"), "contains the delimiter '*'"),
        (lambda t: "- just a list\n", "a profile is a YAML mapping"),
    ],
)
def test_bad_profiles_name_the_file_and_the_key(tmp_path, change, message):
    text = (FIXTURES / "demo" / "partners" / "demo-retail.yaml").read_text()
    path = tmp_path / "broken.yaml"
    path.write_text(change(text))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(path) in str(info.value) and message in str(info.value)
