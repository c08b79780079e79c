"""A named reader's position on the orders feed (``order_event``), kept in a ``control_counter`` row.

Webhooks and file exports follow the feed by ``seq``. Feed numbers are handed out in commit order (see
:func:`orderhub.store.repo.write_pending_events`), so reading ``seq > cursor`` misses nothing and repeats nothing.
A cursor row is named ``~<what>:<name>`` (a partner id no partner can have) with kind ``cursor``.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from sqlalchemy import func, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from orderhub.store.models import ControlCounter, OrderEvent

KIND = "cursor"


def cursor_key(what: str, name: str) -> str:
    return f"~{what}:{name}"


def position(session: Session, key: str, since: Literal["now", "start"], *, lock: bool = False) -> int:
    """The last seq this reader has taken; a new reader starts at 0 (``start``) or at the feed's end (``now``).

    With ``lock`` the row stays locked (``FOR UPDATE``) until the transaction ends.
    """
    if session.get(ControlCounter, (key, KIND)) is None:
        start = 0
        if since == "now":
            start = session.exec(select(func.coalesce(func.max(OrderEvent.seq), 0))).one()
        values = {"partner_id": key, "kind": KIND, "value": start}
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        # another process creating it first is fine: its starting point stands
        session.execute(insert(ControlCounter).values(**values).on_conflict_do_nothing())
    query = sa_select(ControlCounter.value).where(  # type: ignore[call-overload]
        col(ControlCounter.partner_id) == key, col(ControlCounter.kind) == KIND
    )
    if lock:
        query = query.with_for_update()
    return int(session.execute(query).scalar_one())


def advance(session: Session, key: str, old: int, new: int) -> bool:
    """Move the cursor from ``old`` to ``new`` unless someone else moved it meanwhile (compare and set)."""
    result = session.execute(
        update(ControlCounter)
        .where(
            col(ControlCounter.partner_id) == key, col(ControlCounter.kind) == KIND, col(ControlCounter.value) == old
        )
        .values(value=new)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def events_after(session: Session, seq: int, limit: int) -> list[OrderEvent]:
    """Feed events after ``seq``, in order, at most ``limit``."""
    query = select(OrderEvent).where(col(OrderEvent.seq) > seq).order_by(col(OrderEvent.seq)).limit(limit)
    return list(session.exec(query))


def event_document(event: OrderEvent) -> dict[str, Any]:
    """An event as pushed to the ERP (webhook body, ``event`` of an exported file)."""
    return {
        "event_id": event.seq,
        "kind": event.kind,
        "at": event.at.isoformat(),
        "order_id": event.order_id,
        "status": event.status,
        "partner_id": event.partner_id,
        "po_number": event.po_number,
        "actor": event.actor,
        "detail": json.loads(event.detail) if event.detail else None,
    }
