"""The X12 envelope: ISA/IEA, GS/GE, ST/SE, with every count and control number checked.

Errors are kept at the level they belong to, so that one bad transaction set does not sink its
neighbours: an interchange error rejects that interchange (a TA1 matter), a group error rejects the
group (AK9), a set error rejects the set (AK5). Codes are the X12 997 codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.x12.lexer import Interchange, Segment, digits

# AK502 codes
SET_NOT_SUPPORTED = "1"
SET_TRAILER_MISSING = "2"
SET_CONTROL_MISMATCH = "3"
SET_COUNT_MISMATCH = "4"
SET_SEGMENTS_IN_ERROR = "5"
SET_ID_INVALID = "6"
SET_CONTROL_NOT_UNIQUE = "23"
# AK905 codes
GROUP_TRAILER_MISSING = "3"
GROUP_CONTROL_MISMATCH = "4"
GROUP_COUNT_MISMATCH = "5"

# GS01 functional identifier expected for each transaction set we know.
FUNCTIONAL_IDS = {
    "850": {"PO", "SC"},
    "855": {"PR"},
    "856": {"SH"},
    "810": {"IN"},
    "860": {"PC"},
    "997": {"FA"},
    "999": {"FA"},
}


@dataclass
class EnvelopeError:
    """An error with the place it was found, in words a person understands."""

    code: str
    message: str
    segment: Segment | None = None

    def where(self) -> str:
        if self.segment is None:
            return "end of file"
        return f"segment {self.segment.index} ({self.segment.id}, character {self.segment.offset})"

    def __str__(self) -> str:
        return f"{self.message} at {self.where()}"


@dataclass
class TransactionSet:
    st: Segment
    segments: list[Segment]  # ST .. SE inclusive (SE absent when the trailer is missing)
    errors: list[EnvelopeError] = field(default_factory=list)

    @property
    def set_id(self) -> str:
        return self.st.get(1)

    @property
    def control_number(self) -> str:
        return self.st.get(2)


@dataclass
class FunctionalGroup:
    gs: Segment
    sets: list[TransactionSet] = field(default_factory=list)
    ge: Segment | None = None
    errors: list[EnvelopeError] = field(default_factory=list)

    @property
    def functional_id(self) -> str:
        return self.gs.get(1)

    @property
    def control_number(self) -> str:
        return self.gs.get(6)

    @property
    def version(self) -> str:
        return self.gs.get(8)

    @property
    def declared_set_count(self) -> int:
        value = self.ge.get(1) if self.ge else ""
        return int(value) if digits(value) else len(self.sets)


@dataclass
class InterchangeEnvelope:
    isa: Segment
    lexed: Interchange
    groups: list[FunctionalGroup] = field(default_factory=list)
    iea: Segment | None = None
    errors: list[EnvelopeError] = field(default_factory=list)

    def isa_value(self, position: int) -> str:
        return self.isa.get(position).strip()

    @property
    def sender(self) -> tuple[str, str]:
        return self.isa_value(5), self.isa_value(6)

    @property
    def receiver(self) -> tuple[str, str]:
        return self.isa_value(7), self.isa_value(8)

    @property
    def control_number(self) -> str:
        return self.isa_value(13)

    @property
    def test(self) -> bool:
        return self.isa_value(15) == "T"


def _check_isa(env: InterchangeEnvelope) -> None:
    isa = env.isa
    control = env.isa_value(13)
    if not (digits(control) and len(control) == 9):
        env.errors.append(EnvelopeError("ISA13", f"ISA13 {control!r} is not a 9-digit control number", isa))
    if env.isa_value(15) not in ("T", "P"):
        env.errors.append(EnvelopeError("ISA15", f"ISA15 {env.isa_value(15)!r} is neither T (test) nor P", isa))
    for pos in (6, 8):
        if not env.isa_value(pos):
            env.errors.append(EnvelopeError(f"ISA{pos:02d}", f"ISA{pos:02d} (interchange id) is empty", isa))


def _close_set(ts: TransactionSet, se: Segment | None) -> None:
    if se is None:
        ts.errors.append(
            EnvelopeError(SET_TRAILER_MISSING, f"transaction set {ts.control_number!r} has no SE trailer", ts.st)
        )
        return
    count = se.get(1)
    if not digits(count) or int(count) != len(ts.segments):
        ts.errors.append(
            EnvelopeError(
                SET_COUNT_MISMATCH,
                f"SE01 says {count!r} segments but transaction set {ts.control_number!r} has {len(ts.segments)}",
                se,
            )
        )
    if se.get(2) != ts.control_number:
        ts.errors.append(
            EnvelopeError(
                SET_CONTROL_MISMATCH,
                f"SE02 {se.get(2)!r} does not match ST02 {ts.control_number!r}",
                se,
            )
        )


def _close_group(group: FunctionalGroup, ge: Segment | None, closing: Segment | None) -> None:
    if ge is None:
        group.errors.append(
            EnvelopeError(
                GROUP_TRAILER_MISSING, f"functional group {group.control_number!r} has no GE trailer", closing
            )
        )
        return
    group.ge = ge
    count = ge.get(1)
    if not digits(count) or int(count) != len(group.sets):
        group.errors.append(
            EnvelopeError(
                GROUP_COUNT_MISMATCH,
                f"GE01 says {count!r} transaction sets but group {group.control_number!r} has {len(group.sets)}",
                ge,
            )
        )
    if ge.get(2) != group.control_number:
        group.errors.append(
            EnvelopeError(
                GROUP_CONTROL_MISMATCH, f"GE02 {ge.get(2)!r} does not match GS06 {group.control_number!r}", ge
            )
        )


def build_envelope(lexed: Interchange) -> InterchangeEnvelope:
    """Group one lexed interchange into groups and sets, recording every envelope error."""
    segments = lexed.segments
    env = InterchangeEnvelope(isa=segments[0], lexed=lexed)
    _check_isa(env)
    group: FunctionalGroup | None = None
    current: TransactionSet | None = None
    for seg in segments[1:]:
        sid = seg.id
        if current is not None:
            if sid == "SE":
                current.segments.append(seg)
                _close_set(current, seg)
                current = None
                continue
            if sid not in ("ST", "GE", "GS", "IEA"):
                current.segments.append(seg)
                continue
            _close_set(current, None)  # a trailer segment arrived while the set was open
            current = None
        if sid == "ST":
            if group is None:
                env.errors.append(EnvelopeError("GS", "ST outside a functional group (no GS before it)", seg))
                group = FunctionalGroup(gs=Segment(["GS"], seg.index, seg.offset))
                env.groups.append(group)
            current = TransactionSet(st=seg, segments=[seg])
            if any(ts.control_number == current.control_number for ts in group.sets):
                current.errors.append(
                    EnvelopeError(
                        SET_CONTROL_NOT_UNIQUE,
                        f"ST02 {current.control_number!r} is used twice in group {group.control_number!r}",
                        seg,
                    )
                )
            group.sets.append(current)
        elif sid == "GS":
            if group is not None:
                _close_group(group, None, seg)
            group = FunctionalGroup(gs=seg)
            env.groups.append(group)
        elif sid == "GE":
            if group is None:
                env.errors.append(EnvelopeError("GE", "GE without a GS", seg))
            else:
                _close_group(group, seg, seg)
                group = None
        elif sid == "IEA":
            if group is not None:
                _close_group(group, None, seg)
                group = None
            env.iea = seg
        elif sid in ("ISB", "ISE", "TA1"):
            continue  # interchange service segments: nothing to process in this issue
        else:
            env.errors.append(EnvelopeError("SEGMENT", f"{sid!r} segment outside any transaction set", seg))
    if current is not None:
        _close_set(current, None)
    if group is not None:
        _close_group(group, None, None)
    if env.iea is None:
        env.errors.append(EnvelopeError("IEA", "the interchange has no IEA trailer: the file looks truncated", None))
    else:
        count = env.iea.get(1)
        if not digits(count) or int(count) != len(env.groups):
            env.errors.append(
                EnvelopeError(
                    "IEA01",
                    f"IEA01 says {count!r} functional groups but the interchange has {len(env.groups)}",
                    env.iea,
                )
            )
        if env.iea.get(2).strip() != env.control_number:
            env.errors.append(
                EnvelopeError("IEA02", f"IEA02 {env.iea.get(2)!r} does not match ISA13 {env.control_number!r}", env.iea)
            )
    return env
