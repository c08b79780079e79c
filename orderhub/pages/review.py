"""The reviewer's pages: the queue of held orders and one order beside its source.

Routes (every one needs :attr:`Permission.REVIEW`; mapping an item or ship-to also :attr:`Permission.XREF_WRITE`;
the ERP's and the admin's tokens are refused with 403; no session → redirect to /login):

- ``GET /review``: held orders, oldest first, with their reasons and the 855's due time; filters ``partner``,
  ``customer``, ``channel`` (the inbound channel), ``kind`` (x12, pdf, email, sheet) and ``reason`` (a hold code);
- ``GET /review/orders/{id}``: the fields and lines with each hold reason beside the field it concerns, the source
  (:mod:`orderhub.pages.source`), the document trail; ``GET …/page/{n}.png?field=F`` a PDF page;
- ``POST …/header``, ``…/lines/{i}``, ``…/map-item/{i}``, ``…/map-ship-to``, ``…/revalidate``: changes
  (:mod:`orderhub.pages.edits`), each followed by the checks run again; ``POST …/release`` and ``…/reject`` with a
  comment (:func:`orderhub.orders.decide`: the 855 the partner's policy asks for follows).

Every POST carries the session's CSRF token (:func:`orderhub.pages.session.csrf_checked`), answers 303 back to
the order page with a message, 404 for an unknown order, 409 for one that is no longer held.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from mappers.profile import PartnerProfile, PoAckPolicy
from orderhub.api.auth import require_page
from orderhub.layouts import learn_released
from orderhub.orders import decide, load, position_of
from orderhub.pages import edits
from orderhub.pages.session import csrf_checked, render
from orderhub.pages.source import MAX_SOURCE_BYTES, SourceView, pdf_bytes, render_pdf_page, source_view
from orderhub.store.models import InboundDocument, Item, OrderRecord, ShipToLocation
from orderhub.tokens import Permission, Principal
from orderhub.trail import order_trail
from schemas.order import HoldReason, Order
from schemas.status import OrderStatus

if TYPE_CHECKING:
    from orderhub.hub import Hub

# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Reviewer = Annotated[Principal, Depends(require_page(Permission.REVIEW))]
Mapper = Annotated[Principal, Depends(require_page(Permission.XREF_WRITE))]
CsrfChecked = Annotated[None, Depends(csrf_checked)]
log = logging.getLogger(__name__)
QUEUE_LIMIT = 500
RENDERS = threading.BoundedSemaphore(1)


@dataclass
class QueueRow:
    row: OrderRecord
    order: Order
    channel: str
    received_at: datetime
    due_at: datetime | None
    due_state: str  # "late", "at risk", "" or "no 855 due"


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def ack_due(profile: PartnerProfile | None, received_at: datetime, now: datetime) -> tuple[datetime | None, str]:
    """When the 855 for an order received at ``received_at`` is due, and whether it is late or at risk."""
    if profile is None or profile.acknowledgements.po_ack is PoAckPolicy.NONE or not profile.due.po_ack_hours:
        return None, "no 855 due"
    due = _aware(received_at) + timedelta(hours=profile.due.po_ack_hours)
    if now > due:
        return due, "late"
    if now > due - timedelta(hours=profile.due.at_risk_hours):
        return due, "at risk"
    return due, ""


def reasons_by_field(order: Order) -> tuple[dict[str, list[HoldReason]], list[HoldReason]]:
    """(reasons keyed by the header field or ``lines[i]`` they concern; reasons that name no field shown)."""
    by_field: dict[str, list[HoldReason]] = {}
    shown = {"po_number", "po_date", "requested_date", "currency", "customer_id", "ship_to", "stated_total"}
    other: list[HoldReason] = []
    for reason in order.hold_reasons:
        name = reason.field or ""
        if name.startswith("lines[") and "]" in name:
            by_field.setdefault(name[: name.index("]") + 1], []).append(reason)
        elif name in shown:
            by_field.setdefault(name, []).append(reason)
        else:
            other.append(reason)
    return by_field, other


def router(hub: Hub) -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    def back(order_id: str, message: str, error: bool = False) -> Response:
        kind = "error" if error else "message"
        return RedirectResponse(f"/review/orders/{quote(order_id)}?{kind}={quote(message[:500])}", status_code=303)

    @pages.get("/review", response_class=HTMLResponse)
    def queue(
        request: Request,
        reviewer: Reviewer,
        partner: str = "",
        customer: str = "",
        channel: str = "",
        kind: str = "",
        reason: str = "",
    ) -> Response:
        now = datetime.now(UTC)
        with Session(hub.engine) as session:
            stmt = (
                select(OrderRecord, InboundDocument)
                .join(InboundDocument, col(InboundDocument.id) == col(OrderRecord.document_id))
                .where(OrderRecord.status == OrderStatus.HELD.value)
                .order_by(col(InboundDocument.received_at), col(OrderRecord.created_at))
            )
            everything = session.exec(stmt).all()
        rows: list[QueueRow] = []
        choices: dict[str, set[str]] = {"partner": set(), "customer": set(), "channel": set(), "kind": set()}
        codes: set[str] = set()
        for record, inbound in everything:
            order = load(record)
            values = {
                "partner": record.partner_id or "",
                "customer": record.customer_id or "",
                "channel": inbound.channel,
                "kind": order.source.kind.value,
            }
            for name, value in values.items():
                if value:
                    choices[name].add(value)
            order_codes = {r.code for r in order.hold_reasons}
            codes |= order_codes
            wanted = {"partner": partner, "customer": customer, "channel": channel, "kind": kind}
            if any(v and values[k] != v for k, v in wanted.items()) or (reason and reason not in order_codes):
                continue
            profile = hub.profiles.get(record.partner_id) if record.partner_id else None
            due_at, state = ack_due(profile, inbound.received_at, now)
            rows.append(QueueRow(record, order, inbound.channel, _aware(inbound.received_at), due_at, state))
        context = {
            "rows": rows[:QUEUE_LIMIT],
            "total": len(rows),
            "limit": QUEUE_LIMIT,
            "choices": {k: sorted(v) for k, v in choices.items()},
            "codes": sorted(codes),
            "selected": {"partner": partner, "customer": customer, "channel": channel, "kind": kind, "reason": reason},
            "principal": reviewer,
            "now": now,
        }
        return render(request, "queue.html", context)

    @pages.get("/review/orders/{order_id}", response_class=HTMLResponse)
    def order_page(
        request: Request, order_id: str, reviewer: Reviewer, message: str = "", error: str = "", field: str = ""
    ) -> Response:
        with Session(hub.engine) as session:
            row = session.get(OrderRecord, order_id)
            if row is None:
                raise HTTPException(404, f"no order {order_id}")
            order = load(row)
            inbound = session.get(InboundDocument, row.document_id)
            position = position_of(session, row.order_id)
            trail = order_trail(session, order_id)
            locations = (
                list(session.exec(select(ShipToLocation).where(ShipToLocation.customer_id == row.customer_id)))
                if row.customer_id
                else []
            )
            items = list(session.exec(select(Item).where(col(Item.active)).order_by(col(Item.sku)).limit(5000)))
        view = None
        if inbound is not None:
            try:
                if hub.raw.size(inbound.sha256) > MAX_SOURCE_BYTES:
                    view = SourceView("unknown", note=f"the source is {inbound.size:,} bytes: too large to show here")
                else:
                    view = source_view(hub.raw.get(inbound.sha256), order, position)
            except (OSError, ValueError) as exc:
                message = message or f"the source cannot be shown: {exc}"
        profile = hub.profiles.get(row.partner_id) if row.partner_id else None
        due_at, due_state = ack_due(profile, inbound.received_at, datetime.now(UTC)) if inbound else (None, "")
        by_field, other = reasons_by_field(order)
        context = {
            "row": row,
            "order": order,
            "inbound": inbound,
            "view": view,
            "trail": trail,
            "by_field": by_field,
            "other_reasons": other,
            "locations": locations,
            "items": items,
            "requested_date": next((d.value for d in order.dates if d.qualifier == "002"), None),
            "message": message,
            "error": error,
            "field": field,
            "held": row.status == OrderStatus.HELD.value,
            "due_at": due_at,
            "due_state": due_state,
            "principal": reviewer,
            "line_code": lambda i: edits.line_code(order, i),
            "page_fields": ",".join(sorted(set(by_field))),
        }
        return render(request, "order.html", context)

    @pages.get("/review/orders/{order_id}/page/{number}.png")
    def page_image(order_id: str, number: int, reviewer: Reviewer, field: str = "") -> Response:
        with Session(hub.engine) as session:
            row = session.get(OrderRecord, order_id)
            inbound = session.get(InboundDocument, row.document_id) if row is not None else None
            position = position_of(session, row.order_id) if row is not None else None
        if row is None or inbound is None:
            raise HTTPException(404, f"no order {order_id}")
        order = load(row)
        try:
            if hub.raw.size(inbound.sha256) > MAX_SOURCE_BYTES:
                raise HTTPException(404, "the source is too large to show here")
            pdf, _ = pdf_bytes(hub.raw.get(inbound.sha256), position)
        except (OSError, ValueError) as exc:
            raise HTTPException(404, f"the source cannot be read: {exc}") from None
        if pdf is None:
            raise HTTPException(404, "the order's source is no PDF")
        by_field, _ = reasons_by_field(order)
        with RENDERS:  # one PDF page rendered at a time: the app's threads also serve AS2 and the API
            try:
                png = render_pdf_page(pdf, number, order, sorted(by_field), field or None)
            except IndexError as exc:
                raise HTTPException(404, str(exc)) from None
            except Exception as exc:  # a PDF pdfplumber cannot render: no page, not a 500
                raise HTTPException(404, f"the page cannot be rendered: {type(exc).__name__}") from None
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, no-store"})

    def change(order_id: str, actor: str, apply: edits.Change) -> Response:
        """Apply one change to a held order in one transaction: re-validated, audited, on the feed."""
        with Session(hub.engine) as session:
            try:
                row, order = edits.held_order(session, order_id)
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
            except edits.NotEditable as exc:
                raise HTTPException(409, str(exc)) from None
            profile = hub.profiles.get(row.partner_id) if row.partner_id else None
            try:
                what = apply(session, order)
            except edits.EditRefused as exc:
                session.rollback()
                return back(order_id, str(exc), error=True)
            if not what:
                return back(order_id, "nothing changed")
            edits.save(session, row, order, actor, what, profile)
            session.commit()
            left = len(order.hold_reasons)
        return back(order_id, f"{what}; checks run again: {left} reason(s) left")

    @pages.post("/review/orders/{order_id}/header")
    async def edit_header(order_id: str, request: Request, reviewer: Reviewer, _: CsrfChecked) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        return await run_in_threadpool(
            change, order_id, reviewer.actor, lambda s, o: "; ".join(edits.edit_header(o, form))
        )

    @pages.post("/review/orders/{order_id}/lines/{index}")
    async def edit_line(order_id: str, index: int, request: Request, reviewer: Reviewer, _: CsrfChecked) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        return await run_in_threadpool(
            change, order_id, reviewer.actor, lambda s, o: "; ".join(edits.edit_line(s, o, index, form))
        )

    @pages.post("/review/orders/{order_id}/map-item/{index}")
    def map_item(
        order_id: str, index: int, mapper: Mapper, _: CsrfChecked, sku: Annotated[str, Form()] = ""
    ) -> Response:
        return change(order_id, mapper.actor, lambda s, o: edits.map_item(s, o, index, sku.strip(), mapper.actor))

    @pages.post("/review/orders/{order_id}/map-ship-to")
    def map_ship_to(
        order_id: str, mapper: Mapper, _: CsrfChecked, location_id: Annotated[str, Form()] = ""
    ) -> Response:
        return change(order_id, mapper.actor, lambda s, o: edits.map_ship_to(s, o, location_id.strip(), mapper.actor))

    @pages.post("/review/orders/{order_id}/revalidate")
    def revalidate(order_id: str, reviewer: Reviewer, _: CsrfChecked) -> Response:
        return change(order_id, reviewer.actor, lambda s, o: "checks run again")

    def decided(order_id: str, reviewer: Principal, release: bool, comment: str) -> Response:
        comment = comment.strip()
        with Session(hub.engine) as session:
            row = session.get(OrderRecord, order_id)
            if row is None:
                raise HTTPException(404, f"no order {order_id}")
            if row.status != OrderStatus.HELD.value:
                raise HTTPException(409, f"order {order_id} is {row.status}: only a held order is released or rejected")
            left = load(row).hold_reasons
            if not comment and (not release or left):
                why = "a rejection needs a comment" if not release else f"{len(left)} reason(s) remain: say why"
                return back(order_id, why, error=True)
            profile = hub.profiles.get(row.partner_id) if row.partner_id else None
            note = f"{'released' if release else 'rejected'} by review" + (f": {comment}" if comment else "")
            try:
                decide(session, order_id, release, profile, datetime.now(UTC), actor=reviewer.actor, note=note)
            except ValueError as exc:
                session.rollback()
                return back(order_id, str(exc), error=True)
            session.commit()
        message = f"order {'released' if release else 'rejected'}"
        if release:
            message += _learned(order_id, reviewer.actor)
        return back(order_id, message)

    def _learned(order_id: str, actor: str) -> str:
        """The layout of a released PDF order, learned for the customer's next one: what it says, or ''. The
        release is committed already: whatever goes wrong here is said, never a 500."""
        try:
            with Session(hub.engine) as session:
                outcome = learn_released(session, hub.raw, order_id, actor, hub.settings.templates_dir)
                session.commit()
        except Exception as exc:
            log.warning("learning the layout of order %s failed: %s", order_id, exc, exc_info=True)
            return f"; no layout learned: {type(exc).__name__}"
        return f"; {outcome.message}" if outcome is not None else ""

    @pages.post("/review/orders/{order_id}/release")
    def release(order_id: str, reviewer: Reviewer, _: CsrfChecked, comment: Annotated[str, Form()] = "") -> Response:
        return decided(order_id, reviewer, True, comment)

    @pages.post("/review/orders/{order_id}/reject")
    def reject(order_id: str, reviewer: Reviewer, _: CsrfChecked, comment: Annotated[str, Form()] = "") -> Response:
        return decided(order_id, reviewer, False, comment)

    return pages
