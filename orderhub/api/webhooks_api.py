"""``/api/v1/webhooks``: an admin sees webhook deliveries (the dead ones above all) and sends them again.

Webhooks themselves are configured in ``orderhub.yaml`` (see :mod:`orderhub.webhooks`); secrets never pass here.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel
from sqlmodel import Session

from orderhub.api.auth import require
from orderhub.api.problems import responses
from orderhub.push_config import NAME_PATTERN
from orderhub.store.models import OrderEvent, WebhookDelivery
from orderhub.tokens import Permission, Principal
from orderhub.webhooks import list_deliveries, retry

if TYPE_CHECKING:
    from orderhub.hub import Hub

# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Admin = Annotated[Principal, Depends(require(Permission.WEBHOOKS_MANAGE))]
Status = Literal["pending", "delivered", "dead"]


class DeliveryOut(BaseModel):
    id: int
    webhook: str
    event_id: int
    event_kind: str
    order_id: str
    po_number: str | None
    status: Status
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


def _out(delivery: WebhookDelivery, event: OrderEvent) -> DeliveryOut:
    assert delivery.id is not None
    return DeliveryOut(
        id=delivery.id,
        webhook=delivery.webhook,
        event_id=delivery.event_seq,
        event_kind=event.kind,
        order_id=event.order_id,
        po_number=event.po_number,
        status=delivery.status,  # type: ignore[arg-type]
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at,
        last_status_code=delivery.last_status_code,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
        delivered_at=delivery.delivered_at,
    )


def router(hub: Hub) -> APIRouter:
    api = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"], responses=responses())

    @api.get("/deliveries", response_model=list[DeliveryOut])
    def deliveries(
        principal: Admin,
        status: Status | None = None,
        webhook: Annotated[str | None, Query(pattern=NAME_PATTERN)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[DeliveryOut]:
        """Deliveries, newest first; ``?status=dead`` for those that gave up."""
        with Session(hub.engine) as session:
            return [_out(d, e) for d, e in list_deliveries(session, status=status, webhook=webhook, limit=limit)]

    @api.post(
        "/deliveries/{delivery_id}/retry",
        response_model=DeliveryOut,
        responses=responses(404, 409),
    )
    def retry_delivery(delivery_id: Annotated[int, Path(ge=1, le=2**63 - 1)], principal: Admin) -> DeliveryOut:
        """Send a dead delivery again (a fresh set of attempts, due now); a delivered one is refused (409)."""
        with Session(hub.engine) as session:
            try:
                delivery = retry(session, delivery_id, actor=principal.actor)
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
            except ValueError as exc:
                raise HTTPException(409, str(exc)) from None
            session.commit()
            session.refresh(delivery)
            event = session.get(OrderEvent, delivery.event_seq)
            assert event is not None
            return _out(delivery, event)

    return api
