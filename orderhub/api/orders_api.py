"""The ERP reads orders: ``/api/v1/events`` (the feed), ``/api/v1/orders`` (list, detail, trail), and books them.

**The feed.** ``GET /api/v1/events?after=N&limit=M`` answers the events numbered above ``N``, oldest first, and
``next_after``: pass it as ``after`` next time. Events are numbered when their transaction commits, under a
lock held until the commit ends (:func:`orderhub.store.repo.write_pending_events`), so an event committed
after the reader saw number N always gets a number above N: a reader that stores ``next_after`` after
processing a page misses nothing and sees nothing twice, however many writers commit in whatever order.
``wait=S`` (at most :data:`MAX_WAIT` seconds) holds an empty answer until an event arrives or S seconds pass
(long polling): the ERP learns of a released order within a fraction of a second without hammering us.

**Booking.** ``POST /api/v1/orders/{id}/booked`` with the ERP's own order number moves a released order to
booked (:func:`orderhub.booking.book_order`); the same number again is a no-op answered 200.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from orderhub.api.auth import require
from orderhub.api.problems import NO_NUL, responses
from orderhub.booking import BookingConflict, book_order
from orderhub.orders import load
from orderhub.store.models import OrderEvent, OrderRecord
from orderhub.tokens import Permission, Principal
from orderhub.trail import order_trail
from schemas.order import Order
from schemas.status import OrderStatus

if TYPE_CHECKING:
    from orderhub.hub import Hub

# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Reader = Annotated[Principal, Depends(require(Permission.ORDERS_READ))]
Booker = Annotated[Principal, Depends(require(Permission.ORDERS_BOOK))]

MAX_SEQ = 2**31 - 1  # order_event.seq is a 32-bit integer; a larger cursor is refused (422), not a 500
MAX_WAIT = 30.0  # seconds a long poll may hold a request: below common proxy timeouts
POLL_SECONDS = 0.2  # how often a long poll looks again: a new event reaches the ERP within this
OrderId = Annotated[str, Path(min_length=1, max_length=64, pattern=NO_NUL, description="orderhub's order id")]
PartnerFilter = Annotated[str | None, Query(max_length=100, pattern=NO_NUL, description="only this partner's orders")]
OrderCursor = Annotated[str | None, Query(max_length=64, pattern=NO_NUL, description="next_after of the previous page")]


class EventOut(BaseModel):
    """Something that happened to an order. ``kind``: released, held, changed (a new version, or a reviewer's
    edit), superseded, cancelled, booked, rejected, partner_acknowledged, partner_rejected."""

    seq: int = Field(description="the cursor: numbers only grow, in commit order")
    order_id: str
    kind: str
    status: str = Field(description="the order's status after the event")
    partner_id: str | None
    po_number: str | None
    actor: str = Field(description="hub, or the token (role:name) that made the change")
    at: datetime
    detail: dict[str, Any] | None = Field(description="what the event adds: from_status, supersedes, outbound_id, …")


class EventPage(BaseModel):
    events: list[EventOut]
    next_after: int = Field(description="pass as after= next time (the last seq here, or the after you sent)")


class OrderView(Order):
    """The canonical order (``orderhub schema order``) with what the hub knows about it now."""

    erp_order_number: str | None = Field(None, description="the ERP's number, once booked")
    supersedes: str | None = Field(None, description="the order id of the version this one replaced")
    created_at: datetime
    updated_at: datetime


class OrderSummary(BaseModel):
    order_id: str
    partner_id: str | None
    customer_id: str | None
    po_number: str
    purpose: str
    status: OrderStatus
    version: int
    supersedes: str | None
    erp_order_number: str | None
    created_at: datetime
    updated_at: datetime


class OrderPage(BaseModel):
    orders: list[OrderSummary]
    next_after: str | None = Field(description="pass as after= for the next page; null: this was the last")


class TrailEntry(BaseModel):
    at: datetime
    what: str = Field(description='"850 received", "order v1 released", "855 sent", "997 acknowledged", …')
    detail: str


class BookIn(BaseModel):
    erp_order_number: str = Field(
        min_length=1, max_length=100, pattern=r"^[^\x00]*[^\s\x00][^\x00]*$", description="the ERP's own number"
    )


class BookedOut(BaseModel):
    order_id: str
    status: OrderStatus
    erp_order_number: str
    changed: bool = Field(description="false when the order was already booked under this number")


def read_events(engine: Engine, after: int, limit: int) -> list[EventOut]:
    """Events numbered above ``after``, oldest first (a fresh transaction, so a fresh snapshot, each call)."""
    with Session(engine) as session:
        rows = session.exec(
            select(OrderEvent).where(OrderEvent.seq > after).order_by(col(OrderEvent.seq)).limit(limit)
        ).all()
        return [
            EventOut(
                seq=r.seq,
                order_id=r.order_id,
                kind=r.kind,
                status=r.status,
                partner_id=r.partner_id,
                po_number=r.po_number,
                actor=r.actor,
                at=r.at,
                detail=json.loads(r.detail) if r.detail else None,
            )
            for r in rows
        ]


def order_view(row: OrderRecord) -> OrderView:
    """The stored canonical payload with the row's status and version (the row is the authority)."""
    order = load(row)
    order.status = OrderStatus(row.status)
    order.version = row.version
    return OrderView(
        **order.model_dump(),
        erp_order_number=row.erp_order_number,
        supersedes=row.supersedes,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def router(hub: Hub) -> APIRouter:
    api = APIRouter(prefix="/api/v1", tags=["orders"])

    @api.get("/events", response_model=EventPage, responses=responses())
    async def events(
        request: Request,
        caller: Reader,
        after: Annotated[int, Query(ge=0, le=MAX_SEQ, description="the next_after of the previous page")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        wait: Annotated[float, Query(ge=0, le=MAX_WAIT, description="long poll: seconds to wait for an event")] = 0,
    ) -> EventPage:
        """The orders feed after a cursor. Resumable: store ``next_after`` once the page is processed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while True:
            found = await run_in_threadpool(read_events, hub.engine, after, limit)
            left = deadline - loop.time()
            if found or left <= 0 or await request.is_disconnected():
                break
            await asyncio.sleep(min(POLL_SECONDS, left))  # no thread held while waiting
        return EventPage(events=found, next_after=found[-1].seq if found else after)

    @api.get("/orders", response_model=OrderPage, responses=responses())
    def orders(
        caller: Reader,
        status: Annotated[OrderStatus | None, Query(description="only orders in this status")] = None,
        partner: Annotated[
            str | None, Query(max_length=100, pattern=NO_NUL, description="only this partner's orders")
        ] = None,
        after: Annotated[
            str | None, Query(max_length=64, pattern=NO_NUL, description="the next_after of the previous page")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> OrderPage:
        """Orders by order id; test orders (ISA15=T) only when asked for with ``status=test``."""
        query = select(OrderRecord)
        if status is not None:
            query = query.where(OrderRecord.status == status.value)
        else:
            query = query.where(OrderRecord.status != OrderStatus.TEST.value)  # never the ERP's business
        if partner is not None:
            query = query.where(OrderRecord.partner_id == partner)
        if after is not None:
            query = query.where(OrderRecord.order_id > after)
        with Session(hub.engine) as session:
            rows = session.exec(query.order_by(col(OrderRecord.order_id)).limit(limit + 1)).all()
            page = [OrderSummary.model_validate(r, from_attributes=True) for r in rows[:limit]]
        return OrderPage(orders=page, next_after=page[-1].order_id if len(rows) > limit else None)

    @api.get("/orders/{order_id}", response_model=OrderView, responses=responses(404))
    def order(order_id: OrderId, caller: Reader) -> OrderView:
        """The canonical order as the ERP takes it, with its current status, version and ERP number."""
        with Session(hub.engine) as session:
            row = session.get(OrderRecord, order_id)
            if row is None:
                raise HTTPException(404, f"no order {order_id}")
            return order_view(row)

    @api.get("/orders/{order_id}/trail", response_model=list[TrailEntry], responses=responses(404))
    def trail(order_id: OrderId, caller: Reader) -> list[TrailEntry]:
        """850 → 997 → 855 → 856 → 810 and the partner's 997s, every version, oldest first."""
        with Session(hub.engine) as session:
            try:
                found = order_trail(session, order_id)
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
        return [TrailEntry(at=e.at, what=e.what, detail=e.detail) for e in found]

    @api.post("/orders/{order_id}/booked", response_model=BookedOut, responses=responses(400, 404, 409, 413))
    def booked(order_id: OrderId, body: BookIn, caller: Booker) -> BookedOut:
        """The ERP booked the order under its own number: released → booked. The same number again: 200, no
        change; another number, or an order not released (held, rejected, cancelled, superseded): 409."""
        with Session(hub.engine) as session:
            try:
                result = book_order(session, order_id, body.erp_order_number, actor=caller.actor)
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
            except BookingConflict as exc:
                raise HTTPException(409, str(exc)) from None
            session.commit()
            row = result.order
            return BookedOut(
                order_id=row.order_id,
                status=OrderStatus(row.status),
                erp_order_number=row.erp_order_number or "",
                changed=result.changed,
            )

    return api
