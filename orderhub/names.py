"""How printed names compare, and the key a reviewer's ship-to mapping is remembered under.

Both the capture decision (:mod:`orderhub.capture`) and business validation (:mod:`orderhub.validation`) read a
:class:`orderhub.store.models.ShipToAlias` by :func:`ship_to_alias_key`, so a ship-to block a reviewer mapped
once is that customer's location on every later order that prints it the same way (case, accents, spaces and
punctuation aside).
"""

from __future__ import annotations

import re
import unicodedata

from schemas.order import Party


def normal_name(text: str | None) -> str:
    """A name compared as people read it: case, accents, spaces and punctuation aside ("Cedar & Pine  Salem"
    → "cedar pine salem"); every word kept, one-character ones too ("Dock 1" is not "Dock 2")."""
    if not text:
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", plain.casefold()))


def ship_to_alias_key(party: Party | None) -> str:
    """The printed ship-to block as one normalised string: name, address lines, city and postal code (not
    the location codes, which a mapping replaces). "" when nothing is printed: such a block is never mapped."""
    if party is None:
        return ""
    parts = [party.name, *party.address_lines, party.city, party.postal_code]
    return normal_name(" ".join(p for p in parts if p))[:1000]
