"""The ERP tells orderhub what happened: its decision per line (→ 855), shipments (→ 856), invoices (→ 810).

Each POST takes the canonical JSON (``orderhub schema decision|shipment|invoice``) and runs the same checks as
the command line (:mod:`orderhub.cli_documents`): :func:`orderhub.orders.acknowledge_decision`,
:func:`orderhub.shipping.queue_shipment`, :func:`orderhub.shipping.queue_invoice`. The answers:

- 201 with the outbound document's id and control numbers: rendered, validated against the partner's map and
  queued in the outbox in one transaction; the dispatcher sends it.
- 422 with every reason, each with the ``loc`` of the field it concerns (:mod:`orderhub.api.refusals`); the
  transaction is rolled back, so nothing is queued and no control number or SSCC is used up.
- 409 when the state forbids it whatever the body says: a decision for an order already decided, not
  released, or of a partner whose 855 does not wait for the ERP; a shipment or invoice number already sent.

Every accepted document is in the audit trail with the caller's ``actor``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException, Path
from pydantic import BaseModel, Field
from sqlmodel import Session, select

from mappers.profile import PartnerProfile, PoAckPolicy
from orderhub.api.auth import require
from orderhub.api.problems import NO_NUL, Loc, refused, responses
from orderhub.api.refusals import decision_loc, invoice_loc, shipment_loc, unfit_values
from orderhub.orders import acknowledge_decision
from orderhub.outbox import already_queued
from orderhub.shipping import AlreadySent, DocumentRefused, queue_invoice, queue_shipment
from orderhub.store.models import OrderRecord, OutboundDocument, ShipmentRecord
from orderhub.store.repo import audit
from orderhub.tokens import Permission, Principal
from outbound.po855 import DecisionError
from schemas.acknowledgement import OrderDecision
from schemas.invoice import Invoice
from schemas.shipment import Shipment
from schemas.status import OrderStatus

if TYPE_CHECKING:
    from orderhub.hub import Hub

# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Decider = Annotated[Principal, Depends(require(Permission.ORDERS_DECIDE))]
Shipper = Annotated[Principal, Depends(require(Permission.SHIPMENTS_WRITE))]
Biller = Annotated[Principal, Depends(require(Permission.INVOICES_WRITE))]
OrderId = Annotated[str, Path(min_length=1, max_length=64, pattern=NO_NUL, description="orderhub's order id")]


class Queued(BaseModel):
    """An outbound document rendered, validated and queued; the dispatcher sends it."""

    outbound_id: int
    doc_type: str = Field(description="855, 856 or 810")
    partner_id: str
    order_id: str | None
    status: str = Field(description="queued")
    interchange_control_number: str = Field(description="ISA13")
    group_control_number: str = Field(description="GS06")
    set_control_numbers: list[str] = Field(description="ST02 of each set")
    filename: str


class DecisionQueued(Queued):
    ack_type: str = Field(description="BAK02: AD, AC, RD or RJ")


class ShipmentQueued(Queued):
    shipment_id: str
    ssccs: list[str] = Field(description="every package's SSCC-18, those allocated now included: print the labels")


class InvoiceQueued(Queued):
    invoice_number: str
    total: Decimal = Field(description="TDS01 as a decimal")


def _queued(row: OutboundDocument) -> dict[str, object]:
    """The :class:`Queued` fields of an outbox row (validated by the model they are given to)."""
    return Queued(
        outbound_id=row.id or 0,
        doc_type=row.doc_type,
        partner_id=row.partner_id,
        order_id=row.order_id,
        status=row.status,
        interchange_control_number=row.interchange_control_number,
        group_control_number=row.group_control_number,
        set_control_numbers=[n for n in row.set_control_numbers.split(",") if n],
        filename=row.filename,
    ).model_dump()


def _decision_conflict(session: Session, row: OrderRecord, profile: PartnerProfile | None) -> str | None:
    """Why no decision can make this order's 855, whatever it says (409), or None."""
    if profile is None:
        return f"order {row.order_id} has no partner profile ({row.partner_id}): no 855 can be sent"
    if profile.acknowledgements.po_ack is not PoAckPolicy.AFTER_ERP_DECISION:
        return (
            f"partner {profile.partner_id}'s 855 policy is {profile.acknowledgements.po_ack.value}: "
            "the ERP's decision does not make its 855"
        )
    if row.status not in (OrderStatus.RELEASED.value, OrderStatus.BOOKED.value):
        return f"order {row.order_id} is {row.status}: only a released or booked order is acknowledged"
    if already_queued(session, f"855:{row.order_id}:decision") is not None:
        return f"order {row.order_id} was already acknowledged from a decision of the ERP"
    return None


def _unfit(body: Shipment | Invoice, profile: PartnerProfile | None) -> list[tuple[Loc, str]]:
    """What refuses a shipment or invoice before any business rule runs: an unknown partner, unfit values."""
    unknown: list[tuple[Loc, str]] = [(["body", "partner_id"], f"no partner profile {body.partner_id!r}")]
    return [*(unknown if profile is None else []), *unfit_values(body)]


def _queue_or_refuse(
    session: Session, queue_it: Callable[[], OutboundDocument], loc_of: Callable[[str], Loc]
) -> OutboundDocument:
    """Queue a document; a number sent before is 409, any other refusal 422 with each reason at its field."""
    try:
        return queue_it()
    except AlreadySent as exc:
        raise HTTPException(409, "; ".join(exc.reasons)) from None
    except DocumentRefused as exc:
        session.rollback()  # control numbers and SSCCs drawn for it are not used up
        raise refused([(loc_of(reason), reason) for reason in exc.reasons]) from None


def router(hub: Hub) -> APIRouter:
    api = APIRouter(prefix="/api/v1", tags=["documents"])

    @api.post(
        "/orders/{order_id}/decision",
        status_code=201,
        response_model=DecisionQueued,
        responses=responses(400, 404, 409, 413),
    )
    def decision(order_id: OrderId, body: OrderDecision, caller: Decider) -> DecisionQueued:
        """The ERP's decision per line (accept, backorder, change quantity or price, reschedule, reject) or for
        the whole order → the 855 of a partner whose policy is ``after_erp_decision``."""
        if problems := unfit_values(body):
            raise refused(problems)
        with Session(hub.engine) as session:
            row = session.get(OrderRecord, order_id)
            if row is None:
                raise HTTPException(404, f"no order {order_id}")
            profile = hub.profiles.get(row.partner_id) if row.partner_id else None
            conflict = _decision_conflict(session, row, profile)
            if conflict is not None or profile is None:
                raise HTTPException(409, conflict)
            try:
                ack, outbound_id = acknowledge_decision(
                    session, order_id, body, profile, datetime.now(UTC), actor=caller.actor
                )
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
            except DecisionError as exc:
                session.rollback()
                again = session.get(OrderRecord, order_id)  # decided by a concurrent call since the check?
                late = _decision_conflict(session, again, profile) if again is not None else None
                if late is not None:
                    raise HTTPException(409, late) from None
                raise refused([(decision_loc(body, str(exc)), str(exc))]) from None
            out = session.get(OutboundDocument, outbound_id)
            assert out is not None  # acknowledge_decision flushed it
            answer = DecisionQueued.model_validate({**_queued(out), "ack_type": ack.ack_type})
            audit(
                session,
                "order",
                order_id,
                "decided",
                note=f"the ERP's decision: 855 BAK02={ack.ack_type} (outbound {outbound_id})",
                actor=caller.actor,
            )
            session.commit()
        return answer

    @api.post("/shipments", status_code=201, response_model=ShipmentQueued, responses=responses(400, 409, 413))
    def shipments(body: Shipment, caller: Shipper) -> ShipmentQueued:
        """A shipment confirmation (orders, cartons or pallets, items, carrier, BOL, tracking) → the 856."""
        profile = hub.profiles.get(body.partner_id)
        if problems := _unfit(body, profile):
            raise refused(problems)
        assert profile is not None
        with Session(hub.engine) as session:
            row = _queue_or_refuse(
                session,
                lambda: queue_shipment(
                    session,
                    body,
                    profile,
                    datetime.now(UTC),
                    company_prefix=hub.config.gs1_company_prefix,
                    extension_digit=hub.config.sscc_extension_digit,
                ),
                lambda reason: shipment_loc(body, reason),
            )
            record = session.exec(select(ShipmentRecord).where(ShipmentRecord.outbound_id == row.id)).one()
            sent = Shipment.model_validate_json(record.payload)
            ssccs = [p.sscc for pkg in sent.all_packages() for p in [pkg, *pkg.packages] if p.sscc]
            answer = ShipmentQueued.model_validate({**_queued(row), "shipment_id": body.shipment_id, "ssccs": ssccs})
            audit(
                session,
                "shipment",
                body.shipment_id,
                "confirmed",
                note=f"{profile.partner_id}: 856 queued as outbound {row.id} ({len(ssccs)} package(s))",
                actor=caller.actor,
            )
            session.commit()
        return answer

    @api.post("/invoices", status_code=201, response_model=InvoiceQueued, responses=responses(400, 409, 413))
    def invoices(body: Invoice, caller: Biller) -> InvoiceQueued:
        """An invoice of what shipped → the 810 (checked against the order and the shipments)."""
        profile = hub.profiles.get(body.partner_id)
        if problems := _unfit(body, profile):
            raise refused(problems)
        assert profile is not None
        with Session(hub.engine) as session:
            row = _queue_or_refuse(
                session,
                lambda: queue_invoice(session, body, profile, datetime.now(UTC)),
                lambda reason: invoice_loc(body, reason),
            )
            answer = InvoiceQueued.model_validate(
                {**_queued(row), "invoice_number": body.invoice_number, "total": body.total()}
            )
            audit(
                session,
                "invoice",
                body.invoice_number,
                "submitted",
                note=f"{profile.partner_id}: 810 queued as outbound {row.id}, total {body.total()}",
                actor=caller.actor,
            )
            session.commit()
        return answer

    return api
