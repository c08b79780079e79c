"""The composition root: builds the store, profiles, parsers, connectors and dispatcher from settings.

Nothing here is global: a :class:`Hub` is built from :class:`Settings` and handed to whoever needs it.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from connectors.base import Connector, Incoming, PermanentError, RetriableError
from connectors.registry import ConnectorConfigError, build_connector, connector_kind
from mappers.profile import ProfileBook, ProfileError, load_profiles
from orderhub import failpoints
from orderhub.guides import PartnerGuides
from orderhub.logs import correlated, document_correlation
from orderhub.masterdata import import_directory, seed_profile_xrefs
from orderhub.outbox import DbOutbox
from orderhub.pipeline import CLAIM_WAIT_SECONDS, DocumentOutcome, Pipeline
from orderhub.settings import ConfigError, HubConfig, Settings
from orderhub.store.db import make_engine, migrate
from orderhub.store.leases import DbLeases, holder_name
from orderhub.store.models import ChannelStatus
from orderhub.store.raw import RawStore
from outbound.dispatcher import Dispatcher
from parsers.pdf.templates import use_learned_dir
from parsers.registry import default_parsers
from scheduler import JobScheduler

log = logging.getLogger(__name__)
SIZE_OPTIONS = {"folder": "max_file_bytes", "sftp": "max_file_bytes", "imap": "max_message_bytes"}

POLL_BATCH = 100  # documents a poller receives before it processes them (other workers help meanwhile)
WORK_INTERVAL_SECONDS = 0.25  # how often an idle worker looks for documents waiting to be processed


def load_profile_book(settings: Settings, config: HubConfig) -> ProfileBook:
    directory = settings.resolve(config.partners_dir)
    return ProfileBook(load_profiles(directory) if directory.is_dir() else [])


class Hub:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.config = settings.load_config()
        try:
            self.profiles = load_profile_book(settings, self.config)
            self.guides = PartnerGuides(self.profiles)
        except ProfileError as exc:
            raise ConfigError(str(exc)) from None
        try:
            self.connectors: dict[str, Connector] = {
                c.name: build_connector(c.name, c.kind, self._with_limits(c.kind, c.options))
                for c in self.config.channels
            }
        except ConnectorConfigError as exc:
            raise ConfigError(str(exc)) from None
        for profile in self.profiles:
            for name in [
                *profile.channels.inbound,
                *([profile.channels.outbound] if profile.channels.outbound else []),
            ]:
                if name not in self.connectors:
                    raise ConfigError(
                        f"partner {profile.partner_id}: channel {name!r} is not defined in {settings.config_path}; "
                        f"defined channels: {', '.join(self.connectors) or 'none'}"
                    )
        self.engine = make_engine(settings.database_url)
        migrate(self.engine)
        self.raw = RawStore(settings.raw_dir)
        use_learned_dir(settings.templates_dir)  # the layouts reviewers taught: read with every PDF from now on
        limits = self.config.limits.read_limits()
        # one name for this process in every lease and claim it takes; one lease time for all of them
        self.holder = holder_name()
        self.lease = timedelta(seconds=self.config.lease_seconds)
        self.pipeline = Pipeline(
            self.engine,
            self.raw,
            self.profiles,
            default_parsers(self.guides, limits),
            limits=limits,
            holder=self.holder,
            lease=self.lease,
        )
        self.dispatcher = Dispatcher(
            DbOutbox(self.engine, lease=self.lease),
            self.connectors,
            context=lambda item: correlated(item.correlation_id),
        )
        self.leases = DbLeases(self.engine, self.holder)
        # what the ERP is pushed: secrets read and targets checked now, so a bad one stops the hub at start-up
        from orderhub.exports import load_exports
        from orderhub.webhooks import load_webhooks

        self.webhooks = load_webhooks(settings, self.config.webhooks)
        self.exports = load_exports(settings, self.config.exports)
        self._start_feed_cursors()

    def _start_feed_cursors(self) -> None:
        """A webhook or export seen for the first time starts following the feed now (or from its start, as
        configured): its cursor is created at start-up, not at its job's first run."""
        from orderhub.feed_cursor import cursor_key, position

        readers = [("webhook", n, w.config.since) for n, w in self.webhooks.items()]
        readers += [("export", n, e.config.since) for n, e in self.exports.items()]
        if readers:
            with Session(self.engine) as session:
                for what, name, since in readers:
                    position(session, cursor_key(what, name), since)
                session.commit()

    def _with_limits(self, kind: str, options: dict[str, Any]) -> dict[str, Any]:
        """A connector that can see a document's size before reading it (a file's stat, a mail's RFC822.SIZE)
        leaves one over ``limits.max_document_bytes`` (or its own default, when lower: 25 MB for a mail) unread,
        unless the channel sets its own limit."""
        key = SIZE_OPTIONS.get(kind)
        if key is None or key in options:
            return options
        limit = self.config.limits.max_document_bytes
        own = connector_kind(kind)[0].model_fields[key].default
        return {**options, key: min(limit, own) if isinstance(own, int) else limit}

    def load_master_data(self) -> dict[str, int]:
        with Session(self.engine) as session:
            counts = import_directory(session, self.settings.resolve(self.config.masterdata_dir))
            counts["profile cross-references"] = seed_profile_xrefs(session, self.profiles)
            session.commit()
        return counts

    def ingest_path(self, path: Path, channel: str = "cli") -> DocumentOutcome:
        incoming = Incoming(
            channel=channel,
            remote_key=str(path.resolve()),
            data=b"",
            received_at=datetime.now(UTC),
            filename=path.name,
            path=path,  # streamed into the raw store, never read whole
        )
        return self.pipeline.handle(incoming)

    def poll_channel(self, name: str, lease: timedelta | None = None) -> list[DocumentOutcome]:
        """Poll one channel; each document is handled on its own, so one bad one never stops the rest.

        Documents are received (raw bytes stored, record committed) in batches of :data:`POLL_BATCH`, then
        processed: the ones another worker took meanwhile (:meth:`Pipeline.process_waiting`) are waited for. Only
        then is each source acknowledged, after the commit that recorded its outcome; whoever polled a document
        acknowledges it. With ``lease`` (the scheduler holds the channel's lease), the lease is renewed after
        every document so that a long poll keeps it, and the poll stops if another process has taken it over.
        """
        connector = self.connectors[name]
        outcomes: list[DocumentOutcome] = []
        error: str | None = None
        held = True

        def renew() -> None:
            nonlocal held
            if lease is not None and held and not self.leases.acquire(f"poll:{name}", lease):
                log.warning("channel %s: the poll lease went to another process; stopping this poll", name)
                held = False

        try:
            batch: list[tuple[Incoming, int]] = []
            for incoming in connector.poll():
                document_id = self._receive(name, incoming)
                if document_id is not None:
                    batch.append((incoming, document_id))
                renew()
                if len(batch) >= POLL_BATCH or not held:
                    outcomes.extend(self._settle(name, connector, batch, renew))
                    batch = []
                if not held:
                    break
            outcomes.extend(self._settle(name, connector, batch, renew))
        except (RetriableError, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("polling %s stopped early, the rest waits for the next poll: %s", name, exc)
        except PermanentError as exc:
            # a wrong password or a changed host key: this channel needs a person; the others go on
            error = f"PermanentError: {exc}"
            log.error("channel %s cannot be polled until its configuration is fixed: %s", name, exc)
        except Exception as exc:  # a connector defect: recorded on the channel, the other channels go on
            error = f"{type(exc).__name__}: {exc}"
            log.exception("polling %s failed unexpectedly", name)
        self._record_poll(name, len(outcomes), error)
        return outcomes

    def _receive(self, name: str, incoming: Incoming) -> int | None:
        """Step 1 for one polled document: its id, or None if it could not be recorded (it stays at the source)."""
        try:
            document_id, _status = self.pipeline.receive(incoming)
        except Exception:
            # The database or the disk failed: leave the source unfiled, it is claimed again later.
            log.exception("could not record %s:%s; it stays at the source", name, incoming.remote_key)
            return None
        return document_id

    def _settle(
        self, name: str, connector: Connector, batch: list[tuple[Incoming, int]], renew: Callable[[], None]
    ) -> list[DocumentOutcome]:
        """Process a received batch (documents another worker holds are waited for), then acknowledge each source
        after the commit of its outcome. A document that cannot be processed now stays at the source."""
        outcomes: dict[int, DocumentOutcome] = {}
        waiting = dict(enumerate(batch))
        while waiting:
            for index, (incoming, document_id) in list(waiting.items()):
                done, outcome = self._process(name, incoming, document_id)
                if done:
                    del waiting[index]
                    if outcome is not None:
                        outcomes[index] = outcome
                renew()
            if waiting:
                time.sleep(CLAIM_WAIT_SECONDS)  # another worker has them: its outcome is near
        for index in sorted(outcomes):
            incoming, outcome = batch[index][0], outcomes[index]
            failpoints.hit("before_ack")
            connector.ack(incoming, outcome.connector_outcome)
        return [outcomes[index] for index in sorted(outcomes)]

    def _process(self, name: str, incoming: Incoming, document_id: int) -> tuple[bool, DocumentOutcome | None]:
        """Step 2 for one polled document: (True, its outcome); (False, None) while another worker holds it;
        (True, None) when it failed (it stays at the source and waits to be processed again)."""
        try:
            refused = incoming.metadata.get("refused")
            code = incoming.metadata.get("refused_code") or "REFUSED_BY_CHANNEL"
            outcome = (
                self.pipeline.refuse(document_id, refused, code) if refused else self.pipeline.try_process(document_id)
            )
        except Exception:
            log.exception("could not process %s:%s; it stays at the source", name, incoming.remote_key)
            return True, None
        if outcome is None:
            return False, None
        log.info(
            "%s:%s -> document %s %s%s",
            name,
            incoming.remote_key,
            outcome.document_id,
            outcome.status.value,
            f" ({outcome.error})" if outcome.error else "",
            extra={"correlation_id": document_correlation(outcome.document_id)},
        )
        return True, outcome

    def _record_poll(self, name: str, documents: int, error: str | None) -> None:
        now = datetime.now(UTC)
        with Session(self.engine) as session:
            status = session.get(ChannelStatus, name) or ChannelStatus(channel=name)
            status.last_poll_at, status.documents, status.last_error = now, documents, error
            if error is None:
                status.last_success_at = now
            session.add(status)
            session.commit()

    def inbound_channels(self) -> list[str]:
        """Channels with something to poll: a folder or SFTP inbox, or an IMAP mailbox."""
        return [c.name for c in self.config.channels if c.options.get("inbox") is not None or c.kind == "imap"]

    def run_once(self) -> list[DocumentOutcome]:
        """Poll every channel, process what other workers left waiting (a dead worker's, once its claim expired),
        send what is due. Returns the outcomes of the documents polled."""
        outcomes: list[DocumentOutcome] = []
        for name in self.inbound_channels():
            outcomes.extend(self.poll_channel(name))
        self.process_waiting()
        self.dispatch()
        self.push_to_erp()
        return outcomes

    def push_to_erp(self) -> None:
        """Once: every webhook takes new feed events and sends what is due; every export writes its files."""
        from orderhub.exports import run_export
        from orderhub.webhooks import run as run_webhook

        for webhook in self.webhooks.values():
            run_webhook(self.engine, webhook)
        for export in self.exports.values():
            run_export(self.engine, export)

    def process_waiting(self) -> int:
        """Documents left ``received`` by a poller (or by a worker that died): processed here, each claimed."""
        try:
            return len(self.pipeline.process_waiting())
        except Exception:  # the database is away: the next run tries again
            log.exception("processing waiting documents failed")
            return 0

    def dispatch(self, limit: int = 100) -> int:
        """Send everything due, ``limit`` claims at a time."""
        sent = total = 0
        while (sent := self.dispatcher.drain(limit)) == limit:
            total += sent
        return total + sent

    def close(self) -> None:
        """Close every connector's connection (and let the IMAP connector write its state)."""
        targets = {f"export {name}": export.target for name, export in self.exports.items()}
        for name, connector in {**self.connectors, **targets}.items():
            close = getattr(connector, "close", None)
            if close is None:
                continue
            try:
                close()
            except Exception:  # closing one channel must not keep the others open
                log.exception("closing channel %s failed", name)

    def warn_expiring_certificates(self) -> list[str]:
        """Log (and return) a warning for each AS2 certificate within its channel's ``cert_warning_days``."""
        from connectors.as2.connector import As2Connector

        lines: list[str] = []
        for name, connector in self.connectors.items():
            if isinstance(connector, As2Connector):
                lines.extend(f"channel {name}: {warning}" for warning in connector.certificate_warnings())
        for line in lines:
            log.warning("%s", line)
        return lines

    def run_forever(self) -> None:
        scheduler = JobScheduler()
        intervals = {c.name: c.interval_seconds for c in self.config.channels}
        for name in self.inbound_channels():
            scheduler.every(
                f"poll:{name}",
                intervals[name],
                functools.partial(self.poll_channel, name, self.lease),
                jitter=self.config.poll_jitter_seconds,
                leases=self.leases,
                lease=self.lease,
            )
        # every worker processes what pollers received (each document claimed) and sends what is due
        scheduler.every("process", WORK_INTERVAL_SECONDS, self.process_waiting)
        scheduler.every("dispatch", self.config.dispatch_interval_seconds, self.dispatch)
        if self.webhooks or self.exports:
            from orderhub.exports import run_export
            from orderhub.webhooks import run as run_webhook

            # one job (and lease) per webhook and per export: a slow receiver never delays another
            for name, webhook in self.webhooks.items():
                send = functools.partial(run_webhook, self.engine, webhook)
                scheduler.every(f"webhook:{name}", webhook.config.interval_seconds, send, leases=self.leases)
            for name, export in self.exports.items():
                write = functools.partial(run_export, self.engine, export)
                scheduler.every(f"export:{name}", export.config.interval_seconds, write, leases=self.leases)
        if any(c.kind == "as2" for c in self.config.channels):
            from connectors.as2.connector import As2Connector
            from orderhub.outbox import expire_mdns

            # AS2 messages whose asynchronous MDN is overdue: resent with the same Message-ID, or dead
            resends = {n: c.config.mdn_resends for n, c in self.connectors.items() if isinstance(c, As2Connector)}
            scheduler.every(
                "as2-mdn-expiry", 60.0, functools.partial(expire_mdns, self.engine, resends), leases=self.leases
            )
            # certificates (ours, the partner's) close to expiry: a warning a day, not only at start-up
            scheduler.every("as2-cert-expiry", 86400.0, self.warn_expiring_certificates, leases=self.leases)
        try:
            scheduler.run_now_and_start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown()
