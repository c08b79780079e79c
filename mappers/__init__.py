"""Partner profiles (one YAML per partner) and the code that applies them to canonical orders."""

from __future__ import annotations

from mappers.profile import PartnerProfile, ProfileBook, ProfileError, load_profile, load_profiles

__all__ = ["PartnerProfile", "ProfileBook", "ProfileError", "load_profile", "load_profiles"]
