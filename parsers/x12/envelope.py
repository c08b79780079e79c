"""The X12 envelope: ISA/IEA, GS/GE, ST/SE, with every count and control number checked.

Errors are kept at the level they belong to, so that one bad transaction set does not sink its
neighbours: an interchange error rejects that interchange (a TA1 matter), a group error rejects the
group (AK9), a set error rejects the set (AK5). Codes are the X12 997 codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from parsers.errors import DocumentRejected
from parsers.x12.lexer import IsaHeader, Segment, digits, small_int

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
GROUP_CONTROL_INVALID = "6"  # 004010 has no "not unique" code (19 came later); pyx12 also uses 6

# segment IDs that end or interrupt a transaction set; any other segment belongs to the open set
_OUTSIDE_A_SET = frozenset({"SE", "ST", "GE", "GS", "IEA", "ISA"})

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
    set_count: int = 0
    ge: Segment | None = None
    errors: list[EnvelopeError] = field(default_factory=list)
    seen_control_numbers: set[str] = field(default_factory=set)  # ST02 must be unique within the group

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
        found = small_int(value)
        return self.set_count if found is None else found


@dataclass
class InterchangeEnvelope:
    isa: Segment
    header: IsaHeader
    group_count: int = 0
    iea: Segment | None = None
    errors: list[EnvelopeError] = field(default_factory=list)
    seen_group_numbers: set[str] = field(default_factory=set)  # GS06 must be unique within the interchange

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


@dataclass
class InterchangeOpened:
    envelope: InterchangeEnvelope


@dataclass
class SetClosed:
    """A transaction set is complete; its segments are valid only while the event is handled."""

    transaction_set: TransactionSet
    group: FunctionalGroup
    envelope: InterchangeEnvelope


@dataclass
class GroupClosed:
    group: FunctionalGroup
    envelope: InterchangeEnvelope


@dataclass
class InterchangeClosed:
    envelope: InterchangeEnvelope


Event = InterchangeOpened | SetClosed | GroupClosed | InterchangeClosed


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
    if small_int(count) != len(ts.segments):
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
    if small_int(count) != group.set_count:
        group.errors.append(
            EnvelopeError(
                GROUP_COUNT_MISMATCH,
                f"GE01 says {count!r} transaction sets but group {group.control_number!r} has {group.set_count}",
                ge,
            )
        )
    if ge.get(2) != group.control_number:
        group.errors.append(
            EnvelopeError(
                GROUP_CONTROL_MISMATCH, f"GE02 {ge.get(2)!r} does not match GS06 {group.control_number!r}", ge
            )
        )


def _close_interchange(env: InterchangeEnvelope) -> None:
    if env.iea is None:
        env.errors.append(EnvelopeError("IEA", "the interchange has no IEA trailer: the file looks truncated", None))
        return
    count = env.iea.get(1)
    if small_int(count) != env.group_count:
        env.errors.append(
            EnvelopeError(
                "IEA01",
                f"IEA01 says {count!r} functional groups but the interchange has {env.group_count}",
                env.iea,
            )
        )
    if env.iea.get(2).strip() != env.control_number:
        env.errors.append(
            EnvelopeError("IEA02", f"IEA02 {env.iea.get(2)!r} does not match ISA13 {env.control_number!r}", env.iea)
        )


def walk(segments: Iterable[Segment]) -> Iterator[Event]:
    """Stream envelope events over a file's segments, recording every envelope error where it belongs.

    A set's segments are handed over in :class:`SetClosed` and dropped right after, so memory stays
    bounded by one transaction set. An interchange is closed when the next ISA or the end of the file
    arrives, so anything after its IEA is still held against it.
    """
    env: InterchangeEnvelope | None = None
    group: FunctionalGroup | None = None
    current: TransactionSet | None = None

    def close_set(se: Segment | None) -> Iterator[Event]:
        nonlocal current
        assert current is not None and group is not None and env is not None
        _close_set(current, se)
        yield SetClosed(current, group, env)
        current.segments = []  # handled: let the segments go
        current = None

    def close_group(ge: Segment | None, closing: Segment | None) -> Iterator[Event]:
        nonlocal group
        assert group is not None and env is not None
        _close_group(group, ge, closing)
        yield GroupClosed(group, env)
        group = None

    def close_interchange() -> Iterator[Event]:
        nonlocal env
        assert env is not None
        if current is not None:
            yield from close_set(None)
        if group is not None:
            yield from close_group(None, None)
        _close_interchange(env)
        yield InterchangeClosed(env)
        env = None

    stream = iter(segments)
    while True:
        try:
            seg = next(stream)
            if current is not None:  # the hot path: the body of a set, taken without a yield or a call
                append = current.segments.append
                while seg.elements[0] not in _OUTSIDE_A_SET:
                    append(seg)
                    seg = next(stream)
        except StopIteration:
            break
        except DocumentRejected:
            if env is not None and env.iea is not None:
                yield from close_interchange()  # complete before the unreadable part: it stands
            raise
        if seg.header is not None:  # an ISA: a new interchange begins
            if env is not None:
                yield from close_interchange()
            env = InterchangeEnvelope(isa=seg, header=seg.header)
            _check_isa(env)
            yield InterchangeOpened(env)
            continue
        assert env is not None  # the lexer always starts with an ISA
        sid = seg.id
        if current is not None:
            if sid == "SE":
                current.segments.append(seg)
                yield from close_set(seg)
                continue
            if sid not in ("ST", "GE", "GS", "IEA"):
                current.segments.append(seg)
                continue
            yield from close_set(None)  # a trailer arrived while the set was open
        if env.iea is not None:
            # Not part of the interchange (a footer, a stray byte): noted, and the interchange stands.
            env.header.warnings.append(
                f"ignored {seg.elements[0][:20]!r} at segment {seg.index} (character {seg.offset}): "
                "it follows the IEA trailer"
            )
        elif sid == "ST":
            if group is None:
                env.errors.append(EnvelopeError("GS", "ST outside a functional group (no GS before it)", seg))
                group = FunctionalGroup(gs=Segment(["GS"], seg.index, seg.offset))
                env.group_count += 1
            current = TransactionSet(st=seg, segments=[seg])
            if current.control_number in group.seen_control_numbers:
                current.errors.append(
                    EnvelopeError(
                        SET_CONTROL_NOT_UNIQUE,
                        f"ST02 {current.control_number!r} is used twice in group {group.control_number!r}",
                        seg,
                    )
                )
            group.seen_control_numbers.add(current.control_number)
            group.set_count += 1
        elif sid == "GS":
            if group is not None:
                yield from close_group(None, seg)
            group = FunctionalGroup(gs=seg)
            env.group_count += 1
            if group.control_number in env.seen_group_numbers:
                group.errors.append(
                    EnvelopeError(
                        GROUP_CONTROL_INVALID,
                        f"GS06 {group.control_number!r} is used twice in interchange {env.control_number!r}",
                        seg,
                    )
                )
            env.seen_group_numbers.add(group.control_number)
        elif sid == "GE":
            if group is None:
                env.errors.append(EnvelopeError("GE", "GE without a GS", seg))
            else:
                yield from close_group(seg, seg)
        elif sid == "IEA":
            if group is not None:
                yield from close_group(None, seg)
            env.iea = seg
        elif sid in ("ISB", "ISE", "TA1"):
            continue  # interchange service segments: nothing to process in this issue
        else:
            env.errors.append(EnvelopeError("SEGMENT", f"{sid!r} segment outside any transaction set", seg))
    if env is not None:
        yield from close_interchange()
