"""Code lists the base maps enforce, each with its source.

The full X12 code lists are copyrighted and not available to this project, so an ID element is checked for
type and length only unless a list below restricts it. The lists here are the ones we can source: the
acknowledgement codes pyx12's own 997 map carries (BSD licence), and values fixed by the structures themselves.
Partners restrict further from their profile (``guide:`` in the partner YAML), with the guide they come from.

Keys are ``(set id or "*", element xid)``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

_PYX12_997 = "pyx12 4.0.0 map 997.4010.xml (BSD-3-Clause)"
# AK101/AK201 are left out: pyx12 restricts them to HIPAA groups and sets
_FROM_PYX12_997 = ("AK304", "AK403", "AK501", "AK502", "AK503", "AK504", "AK505", "AK506", "AK901", "AK905")


def _pyx12_997_codes() -> dict[tuple[str, str], tuple[tuple[str, ...], str]]:
    root = ET.parse(Path(str(files("pyx12") / "map" / "997.4010.xml"))).getroot()
    found: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {}
    for element in root.iter("element"):
        xid = element.get("xid", "")
        if xid in _FROM_PYX12_997:
            codes = tuple(code.text or "" for code in element.iter("code"))
            if codes:
                found[("997", xid)] = (codes, _PYX12_997)
    return found


CODES: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    **_pyx12_997_codes(),
    # HL03 of an 856: the hierarchy levels retail ship notices use (the structures of the issue "What goes back
    # to partners"): shipment, order, tare, pack, item; and F (subpack) which VICS guides allow.
    ("856", "HL03"): (("S", "O", "T", "P", "I", "F"), "VICS 856 hierarchy levels S, O, T, P, I, F"),
}
