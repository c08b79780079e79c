"""TA1 interchange acknowledgements: for envelope errors, duplicates, and when the sender asks (ISA14 = 1)."""

from __future__ import annotations

from datetime import datetime

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, render_ta1_interchange

# TA105 interchange note codes for the envelope checks of parsers/x12/envelope.py
NOTE_CODES = {
    "IEA02": "001",  # the control numbers in the header and the trailer do not match
    "ISA06": "006",  # invalid interchange sender id
    "ISA08": "008",  # invalid interchange receiver id
    "ISA13": "018",  # invalid interchange control number value
    "ISA15": "020",  # invalid test indicator value
    "IEA01": "021",  # invalid number of included groups value
    "IEA": "023",  # premature end of file
    "DUPLICATE": "025",  # duplicate interchange control number
}
INVALID_CONTENT = "024"  # anything else wrong with the interchange's structure


def note_code(error_codes: list[str]) -> str:
    for code in error_codes:
        if code in NOTE_CODES:
            return NOTE_CODES[code]
    return INVALID_CONTENT


def render_ta1(
    profile: PartnerProfile,
    numbers: ControlNumbers,
    *,
    control_number: str,
    date: str,
    time: str,
    accepted: bool,
    note: str,
    now: datetime,
    test: bool,
) -> Rendered:
    """TA1*ISA13*ISA09*ISA10*A|R*note, echoing the acknowledged interchange's own header values."""
    ta1 = ["TA1", control_number, date, time, "A" if accepted else "R", note]
    return render_ta1_interchange(profile, numbers, ta1, now=now, test=test)
