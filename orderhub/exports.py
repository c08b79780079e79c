"""JSON file export for ERPs that prefer files: one canonical JSON file per feed event, to a folder or SFTP.

Contract, per configured export (:class:`orderhub.push_config.ExportConfig`):

- The export follows the orders feed with its own cursor; each event of a subscribed kind (by default
  released, changed, cancelled) becomes one file ``<seq, 12 digits>.<kind>.<order_id>.json`` holding
  ``{"event": …, "order": <the canonical order as stored when the file is written>}``. The names sort in
  feed order.
- Files are written through the connectors (:mod:`connectors.folder`, :mod:`connectors.sftp`): to a
  temporary dot-name, then renamed, so the ERP never reads half a file (an ERP should skip dot-names).
- Exactly once: the cursor moves past an event only after its file is written, one short transaction per
  file, never holding a database lock while the target is written. A crash between the rename and the
  cursor's commit writes the same name again, replacing the first file: still one file per event.
- A target that fails (SFTP down, folder not writable) stops the run where it is; the next run resumes there.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from connectors.base import Connector, Outgoing, PermanentError, RetriableError
from connectors.registry import ConnectorConfigError, build_connector
from orderhub.errors import ConfigError
from orderhub.feed_cursor import advance, cursor_key, event_document, events_after, position
from orderhub.push_config import ExportConfig
from orderhub.settings import Settings
from orderhub.store.models import OrderEvent, OrderRecord

log = logging.getLogger(__name__)


@dataclass
class FileExport:
    config: ExportConfig
    target: Connector

    @property
    def name(self) -> str:
        return self.config.name


def load_exports(settings: Settings, configs: list[ExportConfig]) -> dict[str, FileExport]:
    """Each export with its target connector; a bad target configuration is a :class:`ConfigError`."""
    exports: dict[str, FileExport] = {}
    for config in configs:
        if config.name in exports:
            raise ConfigError(f"{settings.config_path}: exports: the name {config.name!r} is used twice")
        if config.kind == "folder":
            assert config.folder is not None  # the model requires it
            folder = settings.resolve(config.folder)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"{settings.config_path}: export {config.name}: folder {folder}: {exc}") from None
            options: dict[str, object] = {"outbox": folder}
        else:
            options = dict(config.sftp or {})
        try:
            target = build_connector(f"export:{config.name}", config.kind, options)
        except ConnectorConfigError as exc:
            raise ConfigError(f"{settings.config_path}: export {config.name}: {exc}") from None
        exports[config.name] = FileExport(config, target)
    return exports


def filename(event: OrderEvent) -> str:
    return f"{event.seq:012d}.{event.kind}.{event.order_id}.json"


def render(session: Session, event: OrderEvent) -> bytes:
    order = session.get(OrderRecord, event.order_id)
    document = {"event": event_document(event), "order": json.loads(order.payload) if order is not None else None}
    return json.dumps(document, indent=2, sort_keys=True).encode() + b"\n"


def run_export(engine: Engine, export: FileExport, *, batch: int = 200) -> list[str]:
    """Write the files of the events after the export's cursor; the names written, in order."""
    key, wanted = cursor_key("export", export.name), set(export.config.events)
    written: list[str] = []
    while True:
        with Session(engine) as session:
            cursor = position(session, key, export.config.since)
            events = events_after(session, cursor, batch)
            files = [(e.seq, filename(e), render(session, e)) for e in events if e.kind in wanted]
            last = events[-1].seq if events else cursor
            session.commit()  # the cursor row, when it was just created
        for seq, name, data in files:
            try:
                export.target.send(Outgoing(filename=name, data=data, partner_id="erp", doc_type="json"))
            except (RetriableError, PermanentError, OSError) as exc:
                log.warning("export %s: writing %s failed, the next run resumes there: %s", export.name, name, exc)
                return written
            if not _move(engine, key, cursor, seq):
                return written  # another process moved the cursor: it carries on from there
            cursor = seq
            written.append(name)
        if cursor != last and not _move(engine, key, cursor, last):  # skipped kinds at the end of the batch
            return written
        if len(events) < batch:
            return written


def _move(engine: Engine, key: str, old: int, new: int) -> bool:
    with Session(engine) as session:
        moved = advance(session, key, old, new)
        session.commit()
    if not moved:
        log.warning("export cursor %s moved elsewhere at %s; this run stops", key, datetime.now(UTC).isoformat())
    return moved
