"""GS1 identifiers: the mod-10 check digit that ends an SSCC-18, a GTIN-8/12/13/14 or a UPC-A.

Pure functions with no imports, so that the master-data rows (and the commands that name them) can check
GTINs without loading the store.
"""

from __future__ import annotations


def gs1_check_digit(digits: str) -> str:
    """The GS1 mod-10 check digit: weights 3 and 1 alternating from the rightmost digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def valid_sscc(sscc: str) -> bool:
    return len(sscc) == 18 and sscc.isdigit() and gs1_check_digit(sscc[:17]) == sscc[17]
