"""What a parser read from a document, recorded: interchange by interchange, set by set.

The X12 side of step 2 of :mod:`orderhub.pipeline`: for each interchange the partner it comes from, duplicate
and out-of-sequence control numbers, the TA1 and the 997/999s it is owed, then each transaction set's verdict and
the order it carries (mapped, validated, stored); captured orders (PDF, sheet, mail) are stored beside them.
:class:`InterchangeRecorder` does this inside the transaction the pipeline opened; the pipeline owns the
document's lifecycle (claims, the savepoint, the final status and commit).
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mappers.apply import apply_profile
from mappers.profile import PartnerProfile, ProfileBook
from orderhub import failpoints
from orderhub.acks import reconcile
from orderhub.capture import store_captured
from orderhub.orders import store_order
from orderhub.outbox import already_queued, queue
from orderhub.store.models import (
    AuditEvent,
    InboundDocument,
    OrderRecord,
    ReceivedInterchange,
    TransactionSetRecord,
)
from orderhub.store.repo import DbControlNumbers, MasterData, lock_key, write_pending_audits
from outbound.ack997 import ack_version, render_997
from outbound.ack999 import render_999, supports_999
from outbound.ta1 import NOTE_CODES, note_code, render_ta1
from parsers.base import ParsedInterchange, ParseResult, SetResult
from parsers.errors import DocumentRejected
from parsers.limits import LimitExceeded
from schemas.acknowledgement import FunctionalAck
from schemas.status import DocumentStatus, OrderStatus, SetStatus

# the pipeline's logger: these lines were always logged as orderhub.pipeline, and log filters rely on the name
log = logging.getLogger("orderhub.pipeline")

CHECKPOINT_SETS = 500  # sets recorded between two checkpoints: the ORM forgets rows already written


def _log_order(row: OrderRecord | None, note: str | None) -> None:
    """One line per order stored: its status and, when held, the reason codes (validation's verdict)."""
    if not log.isEnabledFor(logging.INFO):
        return
    if row is None:
        if note:
            log.info("order not stored: %s", note)
        return
    held = row.status == OrderStatus.HELD.value  # only a held order's payload is read (for its reason codes)
    codes = [r.get("code") for r in json.loads(row.payload).get("hold_reasons") or []] if held else []
    log.info(
        "order %s (PO %s) %s%s",
        row.order_id,
        row.po_number,
        row.status,
        f": {', '.join(str(c) for c in codes)}" if codes else (f" ({note})" if note else ""),
        extra={"order_id": row.order_id, "order_status": row.status},
    )


class ParserDefect(Exception):
    """A parser raised something other than DocumentRejected: a bug, reported with the bytes kept."""


class _Interchanges:
    """The interchanges of a document as they are read, remembering why reading stopped early.

    Either a stream of interchanges (X12, read in chunks) or a whole-document parse run when iterated.
    A document unreadable from its first byte raises :class:`DocumentRejected`; one that becomes
    unreadable after complete interchanges ends the iteration and says why in ``unreadable``; anything
    else a parser raises is a :class:`ParserDefect`.
    """

    def __init__(
        self, source: Iterator[ParsedInterchange] | None = None, parse: Callable[[], ParseResult] | None = None
    ) -> None:
        self.source = source
        self.parse = parse
        self.unreadable: str | None = None
        self.unreadable_code = "UNREADABLE_PART"  # or the code of the limit that stopped the reading
        self.warnings: list[str] = []
        self.captured: list[SetResult] = []  # orders a PDF, sheet or mail yielded outside any interchange

    def __iter__(self) -> Iterator[ParsedInterchange]:
        count = 0
        try:
            if self.parse is not None:
                result = self.parse()
                self.unreadable, self.warnings = result.unreadable, list(result.warnings)
                self.unreadable_code = result.unreadable_code or self.unreadable_code
                self.captured = list(result.sets)
                yield from result.interchanges
                return
            assert self.source is not None
            for interchange in self.source:
                count += 1
                yield interchange
        except DocumentRejected as exc:
            if not count:
                raise
            self.unreadable = f"after interchange {count}: {exc.reason}"
            if isinstance(exc, LimitExceeded):
                self.unreadable_code = exc.code
        except Exception as exc:
            raise ParserDefect(str(exc)) from exc


def _checkpoint(session: Session, doc: InboundDocument) -> None:
    """Write what is pending and let the ORM forget the rows already written (still in the transaction), so
    a document of any size is recorded in bounded memory."""
    write_pending_audits(session)
    session.flush()
    session.info.pop("unflushed_pos", None)  # every order is written now (see repo.flush_if_unflushed)
    for row in list(session.identity_map.values()):
        if isinstance(row, TransactionSetRecord | OrderRecord | AuditEvent):
            session.expunge(row)
    # ORM rows hold reference cycles (row <-> its state); the CLI raises the collector's thresholds for
    # parsing speed, so collect them here or they pile up until the end of a long document
    gc.collect()


def ack_due(profile: PartnerProfile, now: datetime) -> datetime | None:
    """When a functional ack or TA1 for this partner may go out: at once, or after its configured delay."""
    minutes = profile.acknowledgements.functional_delay_minutes
    return now + timedelta(minutes=minutes) if minutes else None


class InterchangeRecorder:
    """Records, in the session it is given, what a parser read from one document (see :meth:`apply`)."""

    def __init__(self, profiles: ProfileBook, clock: Callable[[], datetime]) -> None:
        self.profiles = profiles
        self.clock = clock

    def apply(
        self, session: Session, doc: InboundDocument, stream: _Interchanges
    ) -> tuple[DocumentStatus, str | None, str | None]:
        now = self.clock()
        master = MasterData(session)
        set_index = 0
        accepted = 0
        problems: list[tuple[str, str]] = []
        warnings: list[str] = []
        for ic_index, ic in enumerate(stream):
            warnings.extend(ic.warnings)
            profile, problem, code = self._identify(ic)
            if doc.partner_id is None and profile is not None:
                doc.partner_id = profile.partner_id
            doc.sender = doc.sender or ic.info.sender
            if not problem and profile is not None and not ic.error:
                problem = self._duplicate_interchange(session, doc, ic, profile, warnings)
                code = "DUPLICATE_INTERCHANGE" if problem else code
            if problem:
                problems.append((code, problem))
            elif ic.error:
                problems.append(("ENVELOPE", ic.error))
            if profile is not None and code not in ("UNKNOWN_SENDER", "NOT_ADDRESSED_TO_US"):
                self._queue_ta1(session, doc, ic, ic_index, profile, code, now)
            if profile is not None and not problem and profile.acknowledgements.functional:
                for group_index, ack in enumerate(ic.iter_acks()):
                    key = f"997:{doc.sha256}:{ic_index}:{group_index}"
                    if already_queued(session, key):
                        continue
                    # a 999 partner sending a pre-005010 group still gets a 997: no ack at all would be worse;
                    # the key stays "997:" so switching formats never queues a second ack on reprocessing
                    use_999 = profile.acknowledgements.functional_format == "999" and supports_999(
                        ack_version(ack, profile)
                    )
                    doc_type = "999" if use_999 else "997"
                    rendered = (render_999 if use_999 else render_997)(ack, profile, DbControlNumbers(session), now)
                    queue(
                        session,
                        profile,
                        doc_type,
                        rendered,
                        key,
                        inbound_document_id=doc.id,
                        note=f"{doc_type} AK9={ack.group.code.value} for group {ack.group.control_number}",
                        not_before=ack_due(profile, now),
                    )
            for outcome in ic.sets:
                set_index += 1
                if set_index % CHECKPOINT_SETS == 0:
                    _checkpoint(session, doc)
                if problem and outcome.status is SetStatus.ACCEPTED:
                    outcome.status, outcome.reason = SetStatus.REJECTED, problem
                    outcome.drop_order()
                note = None
                order_id = None
                if outcome.ack_json is not None and profile is not None and outcome.status is SetStatus.ACCEPTED:
                    note = reconcile(session, profile, FunctionalAck.model_validate_json(outcome.ack_json), doc.id or 0)
                order = outcome.order
                outcome.forget_order_object()  # parsed again from the spool if needed: never all at once
                if order is not None and profile is not None:
                    fingerprint = order.content_fingerprint()
                    mapped = apply_profile(order, profile, master.xref)
                    row, note = store_order(session, doc.id or 0, mapped, profile, fingerprint, now, master)
                    order_id = row.order_id if row else None
                    _log_order(row, note)
                if outcome.status is SetStatus.ACCEPTED:
                    accepted += 1
                elif not problem and not ic.error:
                    problems.append(
                        (
                            "REJECTED_SET",
                            f"set {outcome.set_id} {outcome.control_number!r} at {outcome.position}: {outcome.reason}",
                        )
                    )
                session.add(
                    TransactionSetRecord(
                        document_id=doc.id or 0,
                        set_index=set_index,
                        partner_id=profile.partner_id if profile else None,
                        interchange_control_number=ic.info.control_number,
                        group_control_number=outcome.group_control_number,
                        set_id=outcome.set_id,
                        control_number=outcome.control_number,
                        position=outcome.position,
                        status=outcome.status.value,
                        reason=outcome.reason or note,
                        errors_json=json.dumps([e.model_dump() for e in outcome.errors]) if outcome.errors else None,
                        order_id=order_id,
                    )
                )
            ic.sets = []  # recorded: the interchange's orders may go
        for outcome in stream.captured:
            set_index += 1
            accepted += self._record_captured(session, doc, outcome, set_index, master)
        doc.warnings = "\n".join(stream.warnings + warnings) or None
        session.add(doc)
        failpoints.hit("after_parse")
        if stream.unreadable:
            # a person must look at the file even though its first interchanges were processed
            return (
                DocumentStatus.FAILED,
                stream.unreadable_code,
                (
                    f"the rest of the file cannot be read ({stream.unreadable}); the {accepted} set(s) before it "
                    "were processed and acknowledged"
                ),
            )
        if accepted:
            return DocumentStatus.PARSED, None, None
        if not problems:
            problems.append(("EMPTY", "the document holds no transaction set"))
        code = problems[0][0]
        return DocumentStatus.FAILED, code, "; ".join(p for _, p in problems[:5])

    def _record_captured(
        self, session: Session, doc: InboundDocument, outcome: SetResult, set_index: int, master: MasterData
    ) -> int:
        """A captured order (PDF, sheet, mail): the touchless decision, then stored held or released."""
        order = outcome.order
        order_id = None
        note = outcome.reason
        if order is not None:
            row = store_captured(session, doc.id or 0, order, master)
            order_id = row.order_id
            _log_order(row, None)
            note = "; ".join(f"{r.code}: {r.message}" for r in order.hold_reasons) or "released without a person"
        session.add(
            TransactionSetRecord(
                document_id=doc.id or 0,
                set_index=set_index,
                interchange_control_number=None,
                group_control_number=None,
                set_id=outcome.set_id,
                control_number=outcome.control_number,
                position=outcome.position,
                status=outcome.status.value,
                reason=note,
                order_id=order_id,
            )
        )
        return 1 if outcome.status is SetStatus.ACCEPTED else 0

    def _duplicate_interchange(
        self,
        session: Session,
        doc: InboundDocument,
        ic: ParsedInterchange,
        profile: PartnerProfile,
        warnings: list[str],
    ) -> str | None:
        """The same sender, receiver, ISA13 and ISA15 seen within the partner's window: a duplicate.
        Otherwise the interchange is recorded, so that it is recognised if it comes again; a control number
        out of sequence is added to ``warnings``."""
        info = ic.info
        # the check and the insert below as one step across workers: two copies of an interchange arriving at
        # once would both see nothing and both be acknowledged (seen on PostgreSQL)
        lock_key(session, f"isa:{info.sender}:{info.receiver}:{info.control_number}:{info.test}")
        since = self.clock() - timedelta(days=profile.x12.duplicate_window_days)
        earlier = session.exec(
            select(ReceivedInterchange).where(
                ReceivedInterchange.sender == info.sender,
                ReceivedInterchange.receiver == info.receiver,
                ReceivedInterchange.control_number == info.control_number,
                ReceivedInterchange.test == info.test,
                col(ReceivedInterchange.received_at) >= since,
                ReceivedInterchange.document_id != (doc.id or 0),
            )
        ).first()
        if earlier is None:
            gap = self._sequence_gap(session, ic)
            session.add(
                ReceivedInterchange(
                    sender=info.sender,
                    receiver=info.receiver,
                    control_number=info.control_number,
                    test=info.test,
                    document_id=doc.id or 0,
                    sequence_gap=gap,
                )
            )
            if gap:
                warnings.append(gap)
            return None
        return (
            f"duplicate interchange: {info.sender} already sent ISA13 {info.control_number} in document "
            f"{earlier.document_id} on {earlier.received_at:%Y-%m-%d %H:%M}; not processed again"
        )

    @staticmethod
    def _sequence_gap(session: Session, ic: ParsedInterchange) -> str | None:
        """Partners number interchanges 1, 2, 3…: a number that does not follow the previous one from the same
        sender to the same receiver (a gap: something lost on the way; lower: resent or reset) is reported."""
        info = ic.info
        previous = session.exec(
            select(ReceivedInterchange)
            .where(
                ReceivedInterchange.sender == info.sender,
                ReceivedInterchange.receiver == info.receiver,
                ReceivedInterchange.test == info.test,
            )
            .order_by(col(ReceivedInterchange.id).desc())
            .limit(1)
        ).first()
        if previous is None or not (previous.control_number.isdigit() and info.control_number.isdigit()):
            return None
        expected = int(previous.control_number) + 1
        got = int(info.control_number)
        if got == expected or (expected > 999_999_999 and got == 1):
            return None
        what = f"{got - expected} missing" if got > expected else "lower than the previous one"
        return (
            f"ISA13 {info.control_number} out of sequence: expected {expected:09d} after {previous.control_number} "
            f"(document {previous.document_id}); {what}"
        )

    def _queue_ta1(
        self,
        session: Session,
        doc: InboundDocument,
        ic: ParsedInterchange,
        ic_index: int,
        profile: PartnerProfile,
        code: str,
        now: datetime,
    ) -> None:
        """A TA1 for an envelope error or a duplicate (rejected), or when the sender asked for one (ISA14=1)."""
        if code == "DUPLICATE_INTERCHANGE":
            accepted, note = False, NOTE_CODES["DUPLICATE"]
        elif ic.error:
            accepted, note = False, note_code(ic.error_codes)
        elif ic.info.ack_requested:
            accepted, note = True, "000"
        else:
            return
        key = f"TA1:{doc.sha256}:{ic_index}"
        if already_queued(session, key):
            return
        info = ic.info
        rendered = render_ta1(
            profile,
            DbControlNumbers(session),
            control_number=info.control_number,
            date=info.date,
            time=info.time,
            accepted=accepted,
            note=note,
            now=now,
            test=info.test,
        )
        queue(
            session,
            profile,
            "TA1",
            rendered,
            key,
            inbound_document_id=doc.id,
            not_before=ack_due(profile, now),
            note=f"TA1 {'A' if accepted else 'R'} {note} for interchange {info.control_number}",
        )

    def _identify(self, ic: ParsedInterchange) -> tuple[PartnerProfile | None, str | None, str]:
        """The partner an interchange comes from, or why it cannot be processed (and a code for it)."""
        info = ic.info
        profile, problem = self.profiles.for_interchange(
            info.sender_qualifier, info.sender_id, info.receiver_qualifier, info.receiver_id
        )
        if problem:
            return (
                (None if profile is None else profile),
                problem,
                ("UNKNOWN_SENDER" if profile is None else "NOT_ADDRESSED_TO_US"),
            )
        assert profile is not None
        if profile.x12.strict_isa and not info.fixed_width_isa:
            return (
                profile,
                (f"the ISA is not 106 characters and partner {profile.partner_id}'s profile says strict_isa"),
                "STRICT_ISA",
            )
        if info.test and not profile.accept_test_interchanges:
            return profile, f"test interchange (ISA15=T) and partner {profile.partner_id} does not accept tests", "TEST"
        return profile, None, ""
