"""The X12 parser plugin: envelope checks, per-set verdicts, 850 mapping and the 997s owed."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import BinaryIO

from parsers.base import InterchangeInfo, OrderSpool, ParsedInterchange, ParseResult, SetResult
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LIMIT_SEGMENTS, ReadLimits, over
from parsers.x12.ack_reader import read_functional_ack
from parsers.x12.envelope import (
    FUNCTIONAL_IDS,
    SET_ID_INVALID,
    SET_NOT_SUPPORTED,
    SET_SEGMENTS_IN_ERROR,
    FunctionalGroup,
    GroupClosed,
    InterchangeEnvelope,
    InterchangeOpened,
    SetClosed,
    TransactionSet,
    walk,
)
from parsers.x12.guide import Guide, guide_for_group
from parsers.x12.lexer import Segment, iter_segments
from parsers.x12.po850 import read_850
from parsers.x12.validator import Finding, validate_set
from schemas.acknowledgement import AckCode, GroupAck, SetAck, SyntaxError_
from schemas.order import Source, SourceKind
from schemas.status import SetStatus

ORDER_NAMESPACE = uuid.UUID("6f1c3f0e-7d38-4f0b-9a53-0c1b8f3e2a11")
READERS = {"850": read_850, "860": read_850}  # one reader: an 860 is an 850 whose lines are changes


def order_id_for(document_id: str | None, set_index: int) -> str:
    """Deterministic, so that reading the same bytes twice names the same order."""
    return str(uuid.uuid5(ORDER_NAMESPACE, f"{document_id or 'unstored'}:{set_index}"))


def _where(ts: TransactionSet) -> str:
    return f"segment {ts.st.index} (character {ts.st.offset})"


GuideLookup = Callable[[InterchangeEnvelope, FunctionalGroup], Guide | None]


def base_guide(env: InterchangeEnvelope, group: FunctionalGroup) -> Guide | None:
    """The implementation-guide map for a group, untightened."""
    return guide_for_group(env.isa_value(12), group.version, group.functional_id)


def syntax_errors(findings: list[Finding]) -> list[SyntaxError_]:
    """Validator findings as AK3/AK4 material: each element finding under its segment's code."""
    codes: dict[tuple[int, str], str] = {}
    detailed: set[tuple[int, str]] = set()  # segments with an element finding: their code 8 is in the AK4s
    for f in findings:
        if f.element is None:
            codes.setdefault((f.position, f.segment_id), f.code)
        else:
            detailed.add((f.position, f.segment_id))
    out: list[SyntaxError_] = []
    for f in findings:
        if f.element is None:
            if f.code != "8" or (f.position, f.segment_id) not in detailed:
                out.append(
                    SyntaxError_(
                        segment_id=f.segment_id, segment_position=f.position, segment_code=f.code, message=f.message
                    )
                )
            continue
        out.append(
            SyntaxError_(
                segment_id=f.segment_id,
                segment_position=f.position,
                segment_code=codes.get((f.position, f.segment_id), "8"),
                element_position=f.element,
                component_position=f.component,
                element_reference=f.reference,
                element_code=f.code,
                bad_value=f.value,
                message=f.message,
            )
        )
    return out


class X12Parser:
    """Reads X12: envelopes, per-set validation against the implementation-guide maps (``guides`` picks the
    map for a group; the core passes one that applies the partner's tightening), 850 mapping, 997 verdicts."""

    kind = SourceKind.X12

    def __init__(self, guides: GuideLookup = base_guide, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.guides = guides
        self.limits = limits

    def accepts(self, data: bytes, filename: str | None = None) -> bool:
        head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n\x00")
        return head.startswith(b"ISA")

    def parse(self, data: bytes, source: Source, set_offset: int = 0) -> ParseResult:
        result = ParseResult(kind=SourceKind.X12)
        try:
            for interchange in self.iter_interchanges(data, source, set_offset):
                result.interchanges.append(interchange)
        except DocumentRejected as exc:
            if not result.interchanges:
                raise
            # complete interchanges before a broken one are still read (and acknowledged); the rest is not
            result.unreadable = f"after interchange {len(result.interchanges)}: {exc.reason}"
            result.unreadable_code = getattr(exc, "code", None)
        return result

    def iter_interchanges(
        self,
        data: bytes | BinaryIO,
        source: Source,
        set_offset: int = 0,
        spool: OrderSpool | None = None,
    ) -> Iterator[ParsedInterchange]:
        """Read interchange by interchange; each is yielded with every verdict final.

        ``data`` is the document's bytes or a binary file, read in chunks. ``set_offset`` numbers the sets
        after those of earlier parts of the same document (attachments of one mail), so that order ids,
        derived from the document and the set's number, stay unique. With a ``spool`` the orders of an
        interchange wait there (on disk beyond a few MB) rather than in memory; the caller closes it.
        Raises :class:`DocumentRejected` when the bytes are not X12 (possibly after earlier interchanges).
        """
        set_index = set_offset
        parsed: ParsedInterchange | None = None
        group_sets: list[tuple[SetResult, SetAck]] = []
        group_acks: list[tuple[FunctionalGroup, str]] = []
        for event in walk(_within(iter_segments(data), self.limits)):
            if isinstance(event, InterchangeOpened):
                env = event.envelope
                parsed = ParsedInterchange(info=_info(env), warnings=list(env.header.warnings))
                group_acks = []
            elif isinstance(event, SetClosed):
                assert parsed is not None
                set_index += 1
                ts, group = event.transaction_set, event.group
                set_source = source.model_copy(
                    update={
                        "sender": parsed.info.sender,
                        "receiver": parsed.info.receiver,
                        "interchange_control_number": parsed.info.control_number,
                        "group_control_number": group.control_number,
                        "set_control_number": ts.control_number,
                        "test": parsed.info.test,
                    }
                )
                outcome, ack = self._read_set(
                    ts,
                    group,
                    set_source,
                    order_id_for(source.document_id, set_index),
                    parsed.warnings,
                    event.envelope,
                    spool,
                )
                group_sets.append((outcome, ack))
            elif isinstance(event, GroupClosed):
                assert parsed is not None
                group = event.group
                parsed.info.group_senders.append(group.gs.get(2))
                parsed.info.group_receivers.append(group.gs.get(3))
                # kept as JSON until the trailer: a group of 1,000 sets is 100 KB of text, 600 KB of objects
                group_acks.append((group, _group_ack(group, [ack for _, ack in group_sets]).model_dump_json()))
                for outcome, _ack in group_sets:
                    if group.errors:
                        _reject(outcome, "functional group rejected: " + "; ".join(str(e) for e in group.errors))
                    parsed.sets.append(outcome)
                group_sets = []
            else:  # InterchangeClosed
                assert parsed is not None
                env = event.envelope
                parsed.warnings = list(env.header.warnings)  # including what followed the IEA
                if env.errors:
                    parsed.error = "; ".join(str(e) for e in env.errors)
                    parsed.error_codes = [e.code for e in env.errors]
                    for outcome in parsed.sets:
                        _reject(outcome, f"interchange rejected: {parsed.error}")
                else:
                    # X12 never acknowledges an acknowledgement; a rejected interchange is a TA1 matter.
                    parsed.ack_groups = [group_ack for group, group_ack in group_acks if group.functional_id != "FA"]
                    parsed.acks_test = env.test
                yield parsed
                parsed = None

    def _read_set(
        self,
        ts: TransactionSet,
        group: FunctionalGroup,
        source: Source,
        order_id: str,
        warnings: list[str],
        env: InterchangeEnvelope,
        spool: OrderSpool | None = None,
    ) -> tuple[SetResult, SetAck]:
        outcome = SetResult(
            group_control_number=group.control_number,
            set_id=ts.set_id,
            control_number=ts.control_number,
            position=_where(ts),
            status=SetStatus.ACCEPTED,
        )
        ack = SetAck(
            set_id=ts.set_id,
            control_number=ts.control_number,
            code=AckCode.ACCEPTED,
            implementation_reference=ts.st.get(3) or None,
        )
        if ts.errors:
            ack.code = AckCode.REJECTED
            ack.set_error_codes = [e.code for e in ts.errors][:5]
            _reject(outcome, "; ".join(str(e) for e in ts.errors))
            return outcome, ack
        expected_groups = FUNCTIONAL_IDS.get(ts.set_id)
        if expected_groups is not None and group.functional_id not in expected_groups:
            ack.code = AckCode.REJECTED
            ack.set_error_codes = [SET_ID_INVALID]
            _reject(
                outcome,
                f"transaction set {ts.set_id} cannot travel in a GS01={group.functional_id!r} group at {_where(ts)}",
            )
            return outcome, ack
        reader = READERS.get(ts.set_id)
        if reader is None and group.functional_id != "FA":
            ack.code = AckCode.REJECTED
            ack.set_error_codes = [SET_NOT_SUPPORTED]
            _reject(outcome, f"transaction set {ts.set_id!r} is not one orderhub accepts inbound ({_where(ts)})")
            return outcome, ack
        guide = self.guides(env, group)
        if guide is not None:
            component = env.header.delimiters.component or ">"
            findings = validate_set(guide, [s.elements for s in ts.segments], component)
            if findings:
                errors = syntax_errors(findings)
                ack.code = AckCode.REJECTED
                ack.set_error_codes = [SET_SEGMENTS_IN_ERROR]
                ack.errors = errors
                outcome.errors = errors
                first = next((e for e in errors if e.element_position is not None), errors[0])
                _reject(
                    outcome,
                    f"{len(errors)} error(s) against the {guide.set_id} guide map ({guide.source}) in set "
                    f"{ts.control_number!r}, first: segment {first.segment_position} {first.segment_id}: "
                    f"{first.message} (the set starts at {_where(ts)})",
                )
                return outcome, ack
        if group.functional_id == "FA":
            functional_ack = read_functional_ack(ts, env.header.delimiters.component)
            if functional_ack is not None:
                outcome.ack_json = functional_ack.model_dump_json()  # the core reconciles it with what we sent
            return outcome, ack
        if reader is None:
            return outcome, ack
        order, errors = reader(ts, source, order_id, warnings, guide is None)
        if errors:
            ack.code = AckCode.REJECTED
            ack.set_error_codes = [SET_SEGMENTS_IN_ERROR]
            ack.errors = errors
            outcome.errors = errors
            first = errors[0]
            _reject(
                outcome,
                f"{len(errors)} syntax error(s) in set {ts.control_number!r}, first: {first.message} "
                f"(segment {first.segment_position} of the set, which starts at {_where(ts)})",
            )
            return outcome, ack
        if order is not None:
            outcome.keep_order(order, spool)
        return outcome, ack


def _within(segments: Iterator[Segment], limits: ReadLimits) -> Iterator[Segment]:
    """The segments, stopping with :class:`LimitExceeded` past ``max_segments`` in one interchange or past the
    time one document may take (checked every 256 segments: a clock read per segment would cost more)."""
    deadline = limits.clock()
    allowed = limits.max_segments
    count = 0
    for segment in segments:
        count = 1 if segment.header is not None else count + 1
        if count > allowed:
            raise over(
                LIMIT_SEGMENTS,
                f"the interchange has more than {allowed:,} segments (reading stopped at segment {segment.index:,} "
                "of the file)",
                allowed,
                "max_segments",
            )
        if not segment.index & 0xFF:
            deadline.check(f"at segment {segment.index:,}")
        yield segment


def _reject(outcome: SetResult, reason: str) -> None:
    outcome.status = SetStatus.REJECTED
    outcome.drop_order()
    outcome.reason = outcome.reason or reason


def _group_ack(group: FunctionalGroup, sets: list[SetAck]) -> GroupAck:
    accepted = sum(1 for s in sets if s.code in (AckCode.ACCEPTED, AckCode.ACCEPTED_WITH_ERRORS))
    if group.errors:
        code = AckCode.REJECTED
    elif accepted == len(sets) and sets:
        code = AckCode.ACCEPTED
    elif accepted == 0:
        code = AckCode.REJECTED
    else:
        code = AckCode.PARTIALLY_ACCEPTED
    return GroupAck(
        functional_id=group.functional_id,
        control_number=group.control_number,
        version=group.version,
        code=code,
        group_error_codes=[e.code for e in group.errors][:5],
        sets_included=group.declared_set_count,
        sets_received=len(sets),
        sets=sets,
    )


def _info(env: InterchangeEnvelope) -> InterchangeInfo:
    d = env.header.delimiters
    return InterchangeInfo(
        sender_qualifier=env.sender[0],
        sender_id=env.sender[1],
        receiver_qualifier=env.receiver[0],
        receiver_id=env.receiver[1],
        control_number=env.control_number,
        version=env.isa_value(12),
        test=env.test,
        fixed_width_isa=env.header.fixed_width,
        date=env.isa_value(9),
        time=env.isa_value(10),
        ack_requested=env.isa_value(14) == "1",
        delimiters=(d.element, d.component, d.segment, d.repetition),
    )
