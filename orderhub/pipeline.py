"""The flow of one inbound document: store the bytes, record them, parse, map, validate, queue replies.

Two commits per document, each idempotent:
1. ``receive``: raw bytes into the raw store, then one ``inbound_document`` row (status received).
   The same bytes again from the same source resume that row; from elsewhere they are a duplicate.
2. ``process``: everything the document yields (set verdicts, orders, 997s, 855s) and its final status,
   in one transaction. A crash before the commit leaves the document 'received', to be processed again.
The connector files the source away only after step 2 committed (see :meth:`Pipeline.handle`).

Between the two steps a document waits in ``received`` for any worker: it is processed under a claim (see
:mod:`orderhub.store.claims`) taken with ``FOR UPDATE SKIP LOCKED``, so exactly one worker processes it; a claim
left by a worker that died expires after the lease and :meth:`Pipeline.process_waiting` takes the document again.
"""

from __future__ import annotations

import gc
import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from connectors.base import Incoming, Outcome
from mappers.apply import apply_profile
from mappers.profile import PartnerProfile, ProfileBook
from orderhub import failpoints
from orderhub.acks import reconcile
from orderhub.capture import store_captured
from orderhub.logs import correlated, document_correlation
from orderhub.orders import store_order
from orderhub.outbox import already_queued, queue
from orderhub.store import claims
from orderhub.store.leases import holder_name
from orderhub.store.models import (
    AuditEvent,
    InboundDocument,
    OrderRecord,
    ReceivedInterchange,
    TransactionSetRecord,
    utcnow,
)
from orderhub.store.raw import RawStore
from orderhub.store.repo import (
    DbControlNumbers,
    MasterData,
    forget_pending_audits,
    record_new,
    set_status,
    write_pending_audits,
)
from outbound.ack997 import ack_version, render_997
from outbound.ack999 import render_999, supports_999
from outbound.ta1 import NOTE_CODES, note_code, render_ta1
from parsers.base import OrderSpool, ParsedInterchange, Parser, ParseResult, SetResult
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LIMIT_FILE_SIZE, LimitExceeded, ReadLimits, over
from parsers.x12.parser import X12Parser
from schemas.acknowledgement import FunctionalAck
from schemas.order import Source, SourceKind
from schemas.status import DocumentStatus, OrderStatus, SetStatus

log = logging.getLogger(__name__)


@dataclass
class DocumentOutcome:
    document_id: int
    status: DocumentStatus
    error: str | None = None

    @property
    def connector_outcome(self) -> Outcome:
        return {
            DocumentStatus.FAILED: Outcome.FAILED,
            DocumentStatus.DUPLICATE: Outcome.DUPLICATE,
        }.get(self.status, Outcome.PROCESSED)


def _arrival(incoming: Incoming, sha: str, **fields: Any) -> InboundDocument:
    """The record of one arrival of some bytes through a channel."""
    return InboundDocument(
        sha256=sha,
        channel=incoming.channel,
        remote_key=incoming.remote_key,
        size=incoming.size,
        received_at=incoming.received_at,
        sender=incoming.metadata.get("sender") or None,  # a mail's From, when the connector knows it
        **fields,
    )


HEAD = 64 * 1024  # bytes a parser sees to decide whether it reads a document
BLANK = b" \t\r\n\x00"
CHECKPOINT_SETS = 500  # sets recorded between two checkpoints: the ORM forgets rows already written
MAX_INTERRUPTED_ATTEMPTS = 3  # a document whose processing died this often is failed, not tried for ever
CLAIM_WAIT_SECONDS = 0.05  # how often a worker waiting for another's outcome looks again


class RawStoreNotShared(Exception):
    """A document's raw bytes are missing from this worker's raw store: a configuration error, not the document's."""


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


class Pipeline:
    def __init__(
        self,
        engine: Engine,
        raw: RawStore,
        profiles: ProfileBook,
        parsers: Sequence[Parser],
        clock: Callable[[], datetime] = utcnow,
        limits: ReadLimits = DEFAULT_LIMITS,
        *,
        holder: str | None = None,
        lease: timedelta = timedelta(seconds=30),
    ) -> None:
        self.limits = limits
        self.engine = engine
        self.raw = raw
        self.profiles = profiles
        self.parsers = list(parsers)
        self.clock = clock
        self.holder = holder or holder_name()  # this worker, in the claims it takes on documents
        self.lease = lease

    # -- step 1 ---------------------------------------------------------------------------------------
    def receive(self, incoming: Incoming) -> tuple[int, DocumentStatus]:
        """Step 1. The new record waits unclaimed, for whichever worker comes first; one the channel refused
        is claimed by this worker, which records the refusal (no other worker may parse it meanwhile). Logged
        under the document's correlation id, which every later step of the document carries."""
        document_id, status = self._receive(incoming)
        log.info(
            "received %s:%s as document %s (%s)",
            incoming.channel,
            incoming.remote_key,
            document_id,
            status.value,
            extra={"document_id": document_id, "channel": incoming.channel,
                   "correlation_id": document_correlation(document_id)},
        )  # fmt: skip
        return document_id, status

    def _receive(self, incoming: Incoming) -> tuple[int, DocumentStatus]:
        # before anything parses them; a local file is streamed in, never read whole
        sha = self.raw.put_file(incoming.path) if incoming.path is not None else self.raw.put(incoming.data)
        failpoints.hit("after_raw_store")
        with Session(self.engine, expire_on_commit=False) as session:
            doc = _arrival(incoming, sha, content_key=sha, status=DocumentStatus.RECEIVED.value)
            if incoming.metadata.get("refused"):
                doc.claimed_by, doc.claimed_until = self.holder, utcnow() + self.lease
            try:
                record_new(session, doc, note=f"{incoming.channel}:{incoming.remote_key}")
                session.commit()
                return doc.id or 0, DocumentStatus.RECEIVED
            except IntegrityError:
                session.rollback()
            original = session.exec(select(InboundDocument).where(InboundDocument.content_key == sha)).one()
            if original.channel == incoming.channel and original.remote_key == incoming.remote_key:
                return original.id or 0, DocumentStatus(original.status)  # the same arrival, resumed
            recorded = session.exec(
                select(InboundDocument).where(
                    InboundDocument.sha256 == sha,
                    InboundDocument.channel == incoming.channel,
                    InboundDocument.remote_key == incoming.remote_key,
                    InboundDocument.duplicate_of == original.id,
                )
            ).first()
            if recorded is not None:  # this duplicate was recorded before a crash kept its source from being filed
                return recorded.id or 0, DocumentStatus(recorded.status)
            dup = _arrival(
                incoming,
                sha,
                content_key=None,
                status=DocumentStatus.DUPLICATE.value,
                duplicate_of=original.id,
                kind=original.kind,
                partner_id=original.partner_id,
                error=f"the same bytes arrived before as document {original.id} ({original.channel}:"
                f"{original.remote_key}); not processed again",
                error_code="DUPLICATE_CONTENT",
            )
            record_new(session, dup, note=dup.error)
            session.commit()
            return dup.id or 0, DocumentStatus.DUPLICATE

    # -- step 2 ---------------------------------------------------------------------------------------
    @staticmethod
    def _received(session: Session, document_id: int) -> InboundDocument | DocumentOutcome:
        """The document, locked, if it still waits to be processed; otherwise its outcome as recorded."""
        # populate_existing: the session may hold the row from before the lock (expire_on_commit is off), and
        # another worker may have finished the document since
        doc = session.get(InboundDocument, document_id, with_for_update=True, populate_existing=True)
        if doc is None:
            raise LookupError(f"no inbound document {document_id}")
        if doc.status != DocumentStatus.RECEIVED.value:
            return DocumentOutcome(document_id, DocumentStatus(doc.status), doc.error)
        return doc

    def process(self, document_id: int) -> DocumentOutcome:
        """Step 2, or the outcome already recorded. While another worker holds the document, wait for its
        outcome, or for its claim to expire (that worker died) and then process the document here."""
        while (outcome := self.try_process(document_id)) is None:
            time.sleep(CLAIM_WAIT_SECONDS)
        return outcome

    def try_process(self, document_id: int) -> DocumentOutcome | None:
        """Like :meth:`process`, but None at once while another worker holds the document. Its log lines carry
        the document's correlation id."""
        with correlated(document_correlation(document_id)):
            outcome = self._try_process(document_id)
            if outcome is not None:
                self._log_outcome(outcome)
            return outcome

    @staticmethod
    def _log_outcome(outcome: DocumentOutcome) -> None:
        log.info(
            "document %s %s%s",
            outcome.document_id,
            outcome.status.value,
            f": {outcome.error}" if outcome.error else "",
            extra={"document_id": outcome.document_id, "status": outcome.status.value},
        )

    def _try_process(self, document_id: int) -> DocumentOutcome | None:
        with Session(self.engine, expire_on_commit=False) as session:
            doc = claims.lock(session, document_id, skip_locked=True)
            if doc is None:
                if session.get(InboundDocument, document_id) is None:
                    raise LookupError(f"no inbound document {document_id}")
                return None  # another worker has its row locked: it is processing it
            if doc.status != DocumentStatus.RECEIVED.value:
                return DocumentOutcome(document_id, DocumentStatus(doc.status), doc.error)
            now = utcnow()
            if claims.held(doc, now):
                return None
            # The attempt is committed before the parser runs: a document that kills the worker (out of memory,
            # a hang ended by SIGKILL) must not take down every worker that picks it up again, for ever.
            claims.take(doc, self.holder, now, self.lease)
            session.commit()
            return self._process_claimed(session, document_id)

    def process_waiting(self, limit: int | None = None) -> list[DocumentOutcome]:
        """Process documents left ``received`` that no live worker holds (never claimed, or the claim of a worker
        that died expired), each claimed with ``FOR UPDATE SKIP LOCKED``, until none is left (or ``limit``).
        Whoever polled a document acknowledges its source, not this (see :meth:`orderhub.hub.Hub.poll_channel`)."""
        outcomes: list[DocumentOutcome] = []
        while limit is None or len(outcomes) < limit:
            with Session(self.engine, expire_on_commit=False) as session:
                doc = claims.next_waiting(session, utcnow())
                if doc is None or doc.id is None:
                    break
                document_id = doc.id
                claims.take(doc, self.holder, utcnow(), self.lease)
                session.commit()
                try:
                    with correlated(document_correlation(document_id)):
                        outcome = self._process_claimed(session, document_id)
                        self._log_outcome(outcome)
                    outcomes.append(outcome)
                except (DBAPIError, RawStoreNotShared) as exc:  # retried once the claim expires, by any worker
                    log.warning("document %s: not processed now, retried later: %s", document_id, exc)
        return outcomes

    def _process_claimed(self, session: Session, document_id: int) -> DocumentOutcome:
        """Process a document this worker has just claimed (the claim and the attempt are committed)."""
        doc = self._received(session, document_id)  # locked again; another worker may have finished it
        if isinstance(doc, DocumentOutcome):
            return doc
        if doc.attempts > MAX_INTERRUPTED_ATTEMPTS:
            return self._finish(
                session,
                doc,
                DocumentStatus.FAILED,
                "INTERRUPTED",
                f"processing this document was started {doc.attempts - 1} times and never finished (the worker "
                "stopped while reading it: out of memory, killed or crashed); the bytes are kept for a person",
            )
        try:
            handle = self.raw.open(doc.sha256)
        except FileNotFoundError:
            session.rollback()
            self._uncount(document_id)  # not this document's fault: another worker (on its host) may read it
            raise RawStoreNotShared(
                f"document {document_id}: its raw bytes {doc.sha256} are not in this worker's raw store "
                f"({self.raw.root}); workers on several hosts need one raw store all of them reach"
            ) from None
        try:
            with handle:
                return self._process(session, doc, handle)
        except DBAPIError:
            session.rollback()  # a lock timeout or a lost race is no interruption: it does not count
            self._uncount(document_id)
            raise

    def _uncount(self, document_id: int) -> None:
        try:
            with Session(self.engine) as session:
                doc = session.get(InboundDocument, document_id, with_for_update=True)
                if doc is not None and doc.status == DocumentStatus.RECEIVED.value and doc.attempts > 0:
                    doc.attempts -= 1
                    session.add(doc)
                    session.commit()
        except DBAPIError:
            log.warning("document %s: its attempt could not be uncounted", document_id)

    def _process(self, session: Session, doc: InboundDocument, handle: BinaryIO) -> DocumentOutcome:
        head = handle.read(HEAD)
        size = self.raw.size(doc.sha256)
        if size > self.limits.max_document_bytes:  # kept in the raw store, never parsed
            found = over(LIMIT_FILE_SIZE, f"the document is {size:,} bytes", self.limits.max_document_bytes,
                         "max_document_bytes", " bytes")  # fmt: skip
            return self._finish(session, doc, DocumentStatus.FAILED, found.code, found.reason)
        if not head.strip(BLANK) and not any(chunk.strip(BLANK) for chunk in iter(lambda: handle.read(HEAD), b"")):
            return self._finish(
                session, doc, DocumentStatus.FAILED, "EMPTY", f"empty document: {size} bytes, none but whitespace"
            )
        parser = next((p for p in self.parsers if p.accepts(head, doc.remote_key)), None)
        if parser is None:
            return self._finish(
                session,
                doc,
                DocumentStatus.FAILED,
                "UNSUPPORTED_FORMAT",
                f"not a format orderhub reads (it begins {head[:24]!r})",
            )
        doc.kind = parser.kind.value
        log.info("document %s: reading it as %s (%d bytes)", doc.id, parser.kind.value, size)
        source = Source(
            kind=parser.kind,
            channel=doc.channel,
            document_id=doc.sha256,
            received_at=doc.received_at,
            sender=doc.sender,
        )
        handle.seek(0)
        spool = OrderSpool()
        try:
            if isinstance(parser, X12Parser):  # X12 streams: interchange by interchange, read in chunks
                stream = _Interchanges(parser.iter_interchanges(handle, source, spool=spool))
            else:
                stream = _Interchanges(parse=lambda: parser.parse(handle.read(), source))
            return self._record(session, doc, stream, parser)
        finally:
            spool.close()

    def _record(self, session: Session, doc: InboundDocument, stream: _Interchanges, parser: Parser) -> DocumentOutcome:
        document_id = doc.id
        write_pending_audits(session)  # nothing from before the savepoint may be forgotten with it
        savepoint = session.begin_nested()
        try:
            with session.no_autoflush:
                status, code, error = self._apply(session, doc, stream)
            savepoint.commit()
        except DocumentRejected as exc:  # the document is not readable at all: nothing was recorded
            savepoint.rollback()
            forget_pending_audits(session)
            code = exc.code if isinstance(exc, LimitExceeded) else "UNREADABLE"
            return self._finish(session, doc, DocumentStatus.FAILED, code, exc.reason)
        except ParserDefect as defect:  # a parser defect must not stop the hub; the bytes are kept
            savepoint.rollback()
            forget_pending_audits(session)
            log.error("parser defect on document %s", document_id, exc_info=defect.__cause__)
            cause = defect.__cause__
            return self._finish(
                session,
                doc,
                DocumentStatus.FAILED,
                "PARSER_DEFECT",
                f"the {parser.kind.value} parser failed on this document "
                f"({type(cause).__name__}: {cause}); please report it, the bytes are kept",
            )
        except DBAPIError:
            # A lock timeout, a deadlock or a lost race on a unique key: retriable. Nothing is
            # recorded; the source stays unfiled and the document 'received', to be processed again.
            savepoint.rollback()
            forget_pending_audits(session)
            raise
        except Exception as exc:
            savepoint.rollback()
            forget_pending_audits(session)
            log.exception("processing defect on document %s", document_id)
            status, code, error = (
                DocumentStatus.FAILED,
                "PROCESSING_DEFECT",
                f"recording this document failed ({type(exc).__name__}: {exc}); please report it, the bytes are kept",
            )
        return self._finish(session, doc, status, code, error)

    def _finish(
        self, session: Session, doc: InboundDocument, status: DocumentStatus, code: str | None, error: str | None
    ) -> DocumentOutcome:
        if error is not None:  # a reason quoting undecodable input must still be storable
            error = error.encode("utf-8", "replace").decode("utf-8")
        doc.error_code, doc.error = code, error
        claims.clear(doc)
        set_status(session, doc, status, note=error)
        failpoints.hit("before_commit")
        session.commit()
        return DocumentOutcome(doc.id or 0, status, error)

    def _apply(
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

    # -- both steps, then the connector's ack ---------------------------------------------------------
    def handle(self, incoming: Incoming) -> DocumentOutcome:
        document_id, status = self.receive(incoming)
        with correlated(document_correlation(document_id)):
            return self._handle_received(incoming, document_id, status)

    def _handle_received(self, incoming: Incoming, document_id: int, status: DocumentStatus) -> DocumentOutcome:
        failpoints.hit("after_receive")
        refused = incoming.metadata.get("refused")
        if status is DocumentStatus.RECEIVED and refused:
            return self.refuse(document_id, refused, incoming.metadata.get("refused_code") or "REFUSED_BY_CHANNEL")
        if status is DocumentStatus.RECEIVED:
            return self.process(document_id)
        with Session(self.engine) as session:
            doc = session.get(InboundDocument, document_id)
            return DocumentOutcome(document_id, status, doc.error if doc else None)

    def refuse(self, document_id: int, reason: str, code: str = "REFUSED_BY_CHANNEL") -> DocumentOutcome:
        """The channel would not take the whole document (too large, say): record what it kept as failed."""
        with Session(self.engine, expire_on_commit=False) as session:
            doc = self._received(session, document_id)
            if isinstance(doc, DocumentOutcome):
                return doc
            return self._finish(session, doc, DocumentStatus.FAILED, code, reason)

    def reprocess(self, document_id: int, actor: str = "cli") -> DocumentOutcome:
        """Run a failed document again from the raw store (after a profile or master-data fix)."""
        with Session(self.engine) as session:
            doc = session.get(InboundDocument, document_id, with_for_update=True)
            if doc is None:
                raise LookupError(f"no inbound document {document_id}")
            if doc.status == DocumentStatus.FAILED.value:
                doc.error, doc.error_code = None, None
                # the verdicts of the failed run are replaced by the new run's (the audit trail keeps them)
                earlier = col(TransactionSetRecord.document_id) == document_id
                session.execute(delete(TransactionSetRecord).where(earlier))
                set_status(session, doc, DocumentStatus.RECEIVED, note="reprocess requested", actor=actor)
                session.commit()
        return self.process(document_id)


__all__ = ["DocumentOutcome", "Pipeline", "SourceKind"]
