"""Small, typed operations on the store that several parts of the core share.

Every status change goes through :func:`set_status`, which checks the transition against
:mod:`schemas.status` and writes the audit trail in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import event, func
from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from orderhub.store.models import (
    AuditEvent,
    ControlCounter,
    CrossReferenceRecord,
    Customer,
    InboundDocument,
    Item,
    OrderRecord,
    OutboundDocument,
    PriceListEntry,
    ShipToAlias,
    ShipToLocation,
    utcnow,
)
from schemas.status import DocumentStatus, OrderStatus, OutboundStatus, check_transition

_ENTITY = {InboundDocument: "document", OrderRecord: "order", OutboundDocument: "outbound"}
_ENUM: dict[type, type[StrEnum]] = {
    InboundDocument: DocumentStatus,
    OrderRecord: OrderStatus,
    OutboundDocument: OutboundStatus,
}


def _key(row: InboundDocument | OrderRecord | OutboundDocument) -> str:
    return str(row.order_id if isinstance(row, OrderRecord) else row.id)


def audit(
    session: Session,
    entity: str,
    entity_id: str,
    to_status: str,
    *,
    from_status: str | None = None,
    note: str | None = None,
    actor: str = "hub",
) -> None:
    session.add(
        AuditEvent(
            entity=entity, entity_id=entity_id, from_status=from_status, to_status=to_status, note=note, actor=actor
        )
    )


def set_status(
    session: Session,
    row: InboundDocument | OrderRecord | OutboundDocument,
    new: StrEnum,
    *,
    note: str | None = None,
    actor: str = "hub",
) -> None:
    """Move ``row`` to ``new`` if its lifecycle allows it, and audit the change."""
    enum = _ENUM[type(row)]
    current = enum(row.status)
    check_transition(current, enum(new))
    write_pending_audits(session)  # creation events first, so that the trail reads in order
    row.status = new.value
    if hasattr(row, "updated_at"):
        row.updated_at = utcnow()
    session.add(row)
    session.flush()
    audit(session, _ENTITY[type(row)], _key(row), new.value, from_status=current.value, note=note, actor=actor)
    _feed_status_change(session, row, current.value, new.value, actor)


def record_new(
    session: Session, row: InboundDocument | OrderRecord | OutboundDocument, *, note: str | None = None
) -> None:
    """Insert a row in its first status and audit its creation.

    The audit event is written just before the commit, when one flush has given every new row its id:
    flushing per row made a 1,000-set document spend half its time in flushes (measured).
    """
    session.add(row)
    session.info.setdefault("pending_audit", []).append((row, note))
    if isinstance(row, OrderRecord):  # later sets of the same document must be able to find it
        session.info.setdefault("unflushed_pos", set()).add((row.partner_id, row.po_number))
        if row.status != OrderStatus.TEST.value:  # a test order never reaches the ERP, nor its feed
            kind = "changed" if row.supersedes else row.status
            emit_order_event(session, row, kind, detail={"supersedes": row.supersedes} if row.supersedes else None)


def flush_if_unflushed(session: Session, partner_id: str, po_number: str) -> None:
    """Flush when an order for this PO was created earlier in the transaction and not written yet, so
    that queries (a change, a cancel, a duplicate of it in the same file) see it."""
    pending: set[tuple[str | None, str]] = session.info.get("unflushed_pos", set())
    if (partner_id, po_number) in pending:
        session.flush()
        pending.clear()


def pending_audit_mark(session: Session) -> tuple[int, int]:
    """Where the pending creation events and feed events stand now: take it before a savepoint."""
    return len(session.info.get("pending_audit", ())), len(session.info.get("pending_events", ()))


def forget_pending_audits(session: Session, mark: tuple[int, int] = (0, 0)) -> None:
    """After a rollback to a savepoint taken at ``mark``: the rows created since are gone, so are their
    creation and feed events, and counter rows locked since are no longer locked (PostgreSQL releases those)."""
    del session.info.get("pending_audit", [])[mark[0] :]
    del session.info.get("pending_events", [])[mark[1] :]
    session.info.pop("locked_counters", None)
    session.info.pop("unflushed_pos", None)


@event.listens_for(OrmSession, "before_commit")
def write_pending_audits(session: OrmSession) -> None:
    """Write the creation events waiting for their rows' ids (runs before every commit; callable earlier)."""
    pending = session.info.pop("pending_audit", None)
    if not pending:
        return
    session.flush()
    for row, note in pending:
        audit(session, _ENTITY[type(row)], _key(row), row.status, note=note)  # type: ignore[arg-type,index]


_FEED_COUNTER = ("~orders-feed", "event")  # a control_counter row no partner can have: numbers the feed
EVENT_BATCH = 500  # feed events written per INSERT at a commit


def emit_order_event(
    session: Session, row: OrderRecord, kind: str, *, actor: str = "hub", detail: dict[str, Any] | None = None
) -> None:
    """Put an event about ``row`` on the ERP's orders feed, numbered when the transaction commits.

    Status changes and new orders emit their own (see :func:`set_status`, :func:`record_new`); call this for
    what is not a status change, e.g. a reviewer's edit of a held order (``changed``).

    The event keeps the order's identity and status as they are now, never ``row`` itself: the events wait
    for the commit, which comes at the end of a whole document, and a row kept here outlives the checkpoints
    that let the ORM forget rows already written (every order of a 100 MB file stayed in memory).
    """
    event = (row.order_id, row.partner_id, row.po_number, kind, row.status, actor, detail)
    session.info.setdefault("pending_events", []).append(event)


def _feed_status_change(session: Session, row: object, old: str, new: str, actor: str) -> None:
    if isinstance(row, OrderRecord):
        if new != OrderStatus.TEST.value:
            emit_order_event(session, row, new, actor=actor, detail={"from_status": old})
    elif isinstance(row, OutboundDocument) and row.order_id and new in ("acknowledged", "rejected"):
        order = session.get(OrderRecord, row.order_id)
        if order is not None:
            emit_order_event(
                session,
                order,
                f"partner_{new}",
                actor=actor,
                detail={"outbound_id": row.id, "doc_type": row.doc_type, "interchange": row.interchange_control_number},
            )


@event.listens_for(OrmSession, "before_commit")
def write_pending_events(session: OrmSession) -> None:
    """Number and write the transaction's feed events, last thing before the commit.

    The feed counter row is locked (``FOR UPDATE``) until the commit ends, so numbers are handed out in
    commit order: once a reader has seen event N, every event committed later has a number above N. The
    lock is held only from here to the commit. Registered after :func:`write_pending_audits`, so the
    creation events of new rows come in the same commit.

    Written as plain INSERTs of EVENT_BATCH rows at a time, not as ORM objects flushed together: a document's
    commit writes one event per order, and one OrderEvent object per order alive at once was a peak of its own
    (27 MB more at the commit of a 30 MB file of 12,318 orders).
    """
    if session.in_nested_transaction():
        return  # a savepoint's commit fires before_commit too: number the events at the real COMMIT only
    pending = session.info.pop("pending_events", None)
    if not pending:
        return
    from orderhub.store.models import OrderEvent

    numbers = DbControlNumbers(session, in_transaction=True)  # type: ignore[arg-type]
    batch: list[dict[str, Any]] = []
    for order_id, partner_id, po_number, kind, status, actor, detail in pending:
        batch.append(
            {
                "seq": numbers.next(*_FEED_COUNTER),
                "order_id": order_id,
                "kind": kind,
                "status": status,
                "partner_id": partner_id,
                "po_number": po_number,
                "actor": actor,
                "detail": json.dumps(detail, default=str) if detail else None,
            }
        )
        if len(batch) == EVENT_BATCH:
            session.execute(sa_insert(OrderEvent), batch)
            batch = []
    if batch:
        session.execute(sa_insert(OrderEvent), batch)
    session.flush()


class DbControlNumbers:
    """Control numbers from a counter row per (partner, kind): unique, never reused.

    PostgreSQL, by default: each number is taken in a transaction of its own (one ``INSERT … ON CONFLICT DO UPDATE
    … RETURNING``), so the counter row is locked for one statement. Several workers processing one partner's
    documents then run side by side; held until the document's commit, the lock made them take turns (measured:
    two workers were slower than one, every lock wait on this row). The price: a document whose transaction rolls
    back (a crash, a database error) leaves a gap, and two workers may commit their numbers out of order; a number
    is still never issued twice.

    ``in_transaction`` (and SQLite, which serialises writers anyway): the counter is locked with
    ``SELECT … FOR UPDATE`` and committed with the document that uses the number, so numbers follow commit order
    and a rollback leaves no gap. The orders feed needs that (a reader that saw event N must never later find one
    below N).
    """

    def __init__(self, session: Session, *, in_transaction: bool = False) -> None:
        self.session = session
        self.in_transaction = in_transaction

    def next(self, partner_id: str, kind: str) -> int:
        if not self.in_transaction and self.session.get_bind().dialect.name == "postgresql":
            return self._take_now(partner_id, kind)
        # A counter locked once stays locked (and in the session) until the transaction ends: the next
        # number for it needs no statement at all. A 1,000-set document used to pay four per number.
        locked: dict[tuple[str, str], ControlCounter] = self.session.info.setdefault("locked_counters", {})
        counter = locked.get((partner_id, kind))
        if counter is None:
            ensure_counter(self.session, partner_id, kind)
            stmt = (
                sa_select(ControlCounter)
                .where(ControlCounter.partner_id == partner_id, ControlCounter.kind == kind)  # type: ignore[arg-type]
                .with_for_update()
                .execution_options(populate_existing=True)  # the locked value, not one the session kept
            )
            counter = self.session.execute(stmt).scalar_one()
            locked[(partner_id, kind)] = counter
        counter.value += 1
        self.session.add(counter)
        return counter.value

    def _take_now(self, partner_id: str, kind: str) -> int:
        """The next number, committed at once on a connection of its own (PostgreSQL)."""
        from sqlalchemy import Engine
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        value_column = col(ControlCounter.value)
        stmt = (
            pg_insert(ControlCounter)
            .values(partner_id=partner_id, kind=kind, value=1)
            .on_conflict_do_update(index_elements=["partner_id", "kind"], set_={"value": value_column + 1})
            .returning(value_column)
        )
        bind = self.session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        with engine.connect() as connection:
            value = int(connection.execute(stmt).scalar_one())
            connection.commit()
        return value


@event.listens_for(OrmSession, "after_commit")
@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_locked_counters(session: OrmSession, *_: object) -> None:
    """Row locks end with the transaction, and so does the right to count without re-locking."""
    session.info.pop("locked_counters", None)


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_pending_events(session: OrmSession, previous_transaction: Any) -> None:
    """Events of a transaction that rolled back never happened (a savepoint's are dropped by
    :func:`forget_pending_audits`, which knows the mark)."""
    if previous_transaction.parent is None:
        session.info.pop("pending_events", None)


def ensure_counter(session: Session, partner_id: str, kind: str) -> None:
    """Create the counter row if missing, without racing another worker doing the same (ON CONFLICT)."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    values = {"partner_id": partner_id, "kind": kind, "value": 0}
    if session.get_bind().dialect.name == "postgresql":
        session.execute(pg_insert(ControlCounter).values(**values).on_conflict_do_nothing())
    else:
        session.execute(sqlite_insert(ControlCounter).values(**values).on_conflict_do_nothing())


def lock_key(session: Session, key: str) -> None:
    """Serialise work on one business key (a partner's PO number) across workers until commit.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: every write transaction already holds the
    database lock from BEGIN IMMEDIATE (see :mod:`orderhub.store.db`).
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import func
        from sqlalchemy import select as sa_select_

        session.execute(sa_select_(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


class MasterData:
    """Read access to customers, ship-to locations, items, prices and cross-references.

    One instance serves one document's transaction: answers are memoised, so a 1,000-line order asks
    the database once per distinct item, not once per line and check.
    """

    MEMO_LIMIT = 50_000  # answers kept; a 100 MB document must not keep one per distinct line
    PRELOAD_ITEMS = 50_000  # an item master up to this size is read once, so unknown items cost no query
    PRELOAD_AFTER = 200  # ... once a document has looked up this many items (a small order never pays for it)

    def __init__(self, session: Session) -> None:
        self.session = session
        self._memo: dict[tuple[str, ...], Any] = {}
        self._items: tuple[dict[str, Item], dict[str, Item], dict[str, Item]] | None = None
        self._items_loaded = False
        self._item_lookups = 0

    def _once(self, key: tuple[str, ...], load: Callable[[], Any]) -> Any:
        if key not in self._memo:
            if len(self._memo) >= self.MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = load()
        return self._memo[key]

    def _item_tables(self) -> tuple[dict[str, Item], dict[str, Item], dict[str, Item]] | None:
        """(by SKU, by GTIN-14, by UPC) for a small item master, once a document has asked about many items;
        else None (one query per key instead, memoised)."""
        if not self._items_loaded:
            self._item_lookups += 1
            if self._item_lookups <= self.PRELOAD_AFTER:
                return None
            self._items_loaded = True
            count = self.session.exec(select(func.count()).select_from(Item)).one()
            if count <= self.PRELOAD_ITEMS:
                by_sku: dict[str, Item] = {}
                by_gtin: dict[str, Item] = {}
                by_upc: dict[str, Item] = {}
                for item in self.session.exec(select(Item)):
                    by_sku[item.sku] = item
                    if item.gtin:
                        by_gtin.setdefault(item.gtin, item)
                    if item.upc:
                        by_upc.setdefault(item.upc, item)
                self._items = (by_sku, by_gtin, by_upc)
        return self._items

    def customer(self, customer_id: str) -> Customer | None:
        return self._once(("customer", customer_id), lambda: self.session.get(Customer, customer_id))  # type: ignore[no-any-return]

    def ship_to(self, customer_id: str, location_id: str) -> ShipToLocation | None:
        query = select(ShipToLocation).where(
            ShipToLocation.customer_id == customer_id, ShipToLocation.location_id == location_id
        )
        return self._once(("ship_to", customer_id, location_id), lambda: self.session.exec(query).first())  # type: ignore[no-any-return]

    def has_ship_tos(self, customer_id: str) -> bool:
        query = select(ShipToLocation.id).where(ShipToLocation.customer_id == customer_id)
        return bool(self._once(("has_ship_tos", customer_id), lambda: self.session.exec(query).first() is not None))

    def item(self, sku: str) -> Item | None:
        tables = self._item_tables()
        if tables is not None:
            return tables[0].get(sku)
        return self._once(("item", sku), lambda: self.session.get(Item, sku))  # type: ignore[no-any-return]

    def item_by_gtin(self, gtin: str) -> Item | None:
        tables = self._item_tables()
        if tables is not None:
            return tables[1].get(gtin.zfill(14))
        query = select(Item).where(Item.gtin == gtin.zfill(14))
        return self._once(("gtin", gtin), lambda: self.session.exec(query).first())  # type: ignore[no-any-return]

    def item_by_upc(self, upc: str) -> Item | None:
        tables = self._item_tables()
        if tables is not None:
            return tables[2].get(upc)
        query = select(Item).where(Item.upc == upc)
        return self._once(("upc", upc), lambda: self.session.exec(query).first())  # type: ignore[no-any-return]

    def price(self, customer_id: str, sku: str) -> Decimal | None:
        def load() -> Decimal | None:
            for cid in (customer_id, "*"):
                entry = self.session.exec(
                    select(PriceListEntry).where(PriceListEntry.customer_id == cid, PriceListEntry.sku == sku)
                ).first()
                if entry is not None:
                    return Decimal(entry.unit_price)
            return None

        return self._once(("price", customer_id, sku), load)  # type: ignore[no-any-return]

    def xref(self, customer_id: str, buyer_part_number: str) -> str | None:
        query = select(CrossReferenceRecord).where(
            CrossReferenceRecord.customer_id == customer_id,
            CrossReferenceRecord.buyer_part_number == buyer_part_number,
        )

        def load() -> str | None:
            row = self.session.exec(query).first()
            return row.sku if row else None

        return self._once(("xref", customer_id, buyer_part_number), load)  # type: ignore[no-any-return]

    def ship_to_alias(self, customer_id: str, key: str) -> str | None:
        """The location a reviewer mapped this printed ship-to block to (see :mod:`orderhub.names`), or None."""
        query = select(ShipToAlias).where(ShipToAlias.customer_id == customer_id, ShipToAlias.alias == key)

        def load() -> str | None:
            row = self.session.exec(query).first()
            return row.location_id if row else None

        return self._once(("alias", customer_id, key), load)  # type: ignore[no-any-return]
