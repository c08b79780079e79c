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

This module holds the document's lifecycle; what a parser read from it is recorded by :mod:`orderhub.recording`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session, col, select

from connectors.base import Incoming, Outcome
from mappers.profile import ProfileBook
from orderhub import failpoints
from orderhub.logs import correlated, document_correlation
from orderhub.recording import CHECKPOINT_SETS as CHECKPOINT_SETS  # re-exported: they lived here
from orderhub.recording import InterchangeRecorder, ParserDefect, _Interchanges
from orderhub.recording import ack_due as ack_due
from orderhub.store import claims
from orderhub.store.leases import holder_name
from orderhub.store.models import InboundDocument, TransactionSetRecord, utcnow
from orderhub.store.raw import RawStore
from orderhub.store.repo import forget_pending_audits, record_new, set_status, write_pending_audits
from parsers.base import OrderSpool, Parser
from parsers.errors import DocumentRejected
from parsers.limits import DEFAULT_LIMITS, LIMIT_FILE_SIZE, LimitExceeded, ReadLimits, over
from parsers.x12.parser import X12Parser
from schemas.order import Source, SourceKind
from schemas.status import DocumentStatus

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
MAX_INTERRUPTED_ATTEMPTS = 3  # a document whose processing died this often is failed, not tried for ever
CLAIM_WAIT_SECONDS = 0.05  # how often a worker waiting for another's outcome looks again


class RawStoreNotShared(Exception):
    """A document's raw bytes are missing from this worker's raw store: a configuration error, not the document's."""


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
                except (DBAPIError, PoolTimeout, RawStoreNotShared) as exc:  # retried when the claim expires
                    log.warning("document %s: not processed now, retried later: %s", document_id, exc)
        return outcomes

    def _process_claimed(self, session: Session, document_id: int) -> DocumentOutcome:
        """Process a document this worker has just claimed (the claim and the attempt are committed)."""
        doc = self._received(session, document_id)  # locked again; another worker may have finished it
        if isinstance(doc, DocumentOutcome):
            return doc
        if doc.attempts > MAX_INTERRUPTED_ATTEMPTS:
            why = (
                f"the database refused it each time; last: {doc.error}"
                if doc.error
                else "the worker stopped while reading it: out of memory, killed or crashed"
            )
            return self._finish(
                session,
                doc,
                DocumentStatus.FAILED,
                "INTERRUPTED",
                f"processing this document was started {doc.attempts - 1} times and never finished ({why}); "
                "the bytes are kept for a person",
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
        except (DBAPIError, PoolTimeout) as exc:
            session.rollback()
            if isinstance(exc, OperationalError | PoolTimeout):
                self._uncount(document_id)  # a lock timeout, deadlock or lost connection: no interruption
            else:  # the data itself may be what the database refuses: counted, so it cannot be retried for ever
                self._note_database_error(document_id, exc)
            raise

    def _note_database_error(self, document_id: int, exc: Exception) -> None:
        """Keep what the database said on the row still ``received``: the attempt stays counted, and the
        failure after :data:`MAX_INTERRUPTED_ATTEMPTS` quotes it."""
        cause = getattr(exc, "orig", None) or exc
        text = f"{type(cause).__name__}: {cause}".encode("utf-8", "replace").decode("utf-8")[:500]
        try:
            with Session(self.engine) as session:
                doc = session.get(InboundDocument, document_id, with_for_update=True)
                if doc is not None and doc.status == DocumentStatus.RECEIVED.value:
                    doc.error = text
                    session.add(doc)
                    session.commit()
        except DBAPIError:
            log.warning("document %s: the database error could not be noted", document_id)

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
                status, code, error = InterchangeRecorder(self.profiles, self.clock).apply(session, doc, stream)
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
        except (DBAPIError, PoolTimeout):
            # A lock timeout, a deadlock, a lost race on a unique key, no free connection: retriable (a
            # refusal that is the data's own is counted by _process_claimed). Nothing is recorded; the source
            # stays unfiled and the document 'received', to be processed again.
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
                doc.attempts = 0  # a fresh start: earlier runs must not make this one count as interrupted
                # the verdicts of the failed run are replaced by the new run's (the audit trail keeps them)
                earlier = col(TransactionSetRecord.document_id) == document_id
                session.execute(delete(TransactionSetRecord).where(earlier))
                set_status(session, doc, DocumentStatus.RECEIVED, note="reprocess requested", actor=actor)
                session.commit()
        return self.process(document_id)


__all__ = ["DocumentOutcome", "Pipeline", "SourceKind"]
