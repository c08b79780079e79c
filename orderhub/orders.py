"""Order lifecycle in the store: saving a captured order, and the moves a person or the ERP makes.

Purpose handling (BEG01): an original whose content repeats an earlier order of the same partner and
PO number is not stored again; a change becomes a new version and supersedes the live one; a cancel
cancels the live one. A change or cancel for a PO we never received is held with that reason.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, col, select

from mappers.profile import PartnerProfile, PoAckPolicy
from orderhub.changes import apply_change_request
from orderhub.outbox import already_queued, queue
from orderhub.store.models import OrderRecord, TransactionSetRecord
from orderhub.store.repo import (
    DbControlNumbers,
    MasterData,
    flush_if_unflushed,
    lock_key,
    record_new,
    set_status,
)
from orderhub.validation import validate_order
from outbound.po855 import DecisionError, ack_from_decision, ack_from_order, render_855
from outbound.validate import map_problems
from schemas.acknowledgement import OrderAck, OrderDecision
from schemas.order import HoldReason, Order, Purpose
from schemas.status import OrderStatus

LIVE = (OrderStatus.HELD.value, OrderStatus.RELEASED.value, OrderStatus.BOOKED.value)


def live_orders(session: Session, partner_id: str, po_number: str) -> list[OrderRecord]:
    """Every live order of a PO, any release, latest version first (held cancellations excepted): the one a
    change or cancel applies to is among them."""
    return list(
        session.exec(
            select(OrderRecord)
            .where(
                OrderRecord.partner_id == partner_id,
                OrderRecord.po_number == po_number,
                col(OrderRecord.status).in_(LIVE),
                OrderRecord.purpose != Purpose.CANCEL.value,
            )
            .order_by(col(OrderRecord.version).desc())
            .with_for_update()
        )
    )


def same_release(a: str | None, b: str | None) -> bool:
    """Whether two orders of one PO may be the same release: equal release numbers, or one names none."""
    return a is None or b is None or a == b


def release_of(row: OrderRecord) -> str | None:
    """The stored order's release number (of a blanket order), from its canonical payload."""
    return json.loads(row.payload).get("release_number")


def cancelled_order(
    session: Session, partner_id: str, po_number: str, release_number: str | None = None
) -> OrderRecord | None:
    """A cancelled order of this PO and release."""
    rows = session.exec(
        select(OrderRecord).where(
            OrderRecord.partner_id == partner_id,
            OrderRecord.po_number == po_number,
            OrderRecord.status == OrderStatus.CANCELLED.value,
        )
    )
    return next((row for row in rows if release_of(row) == release_number), None)


def position_of(session: Session, order_id: str) -> str | None:
    """Where in its document the order was found ("page 1", "attachment po.pdf", "mail body", a segment)."""
    stmt = select(TransactionSetRecord.position).where(TransactionSetRecord.order_id == order_id).limit(1)
    return session.exec(stmt).first()


def load(row: OrderRecord) -> Order:
    return Order.model_validate_json(row.payload)


def _save_payload(row: OrderRecord, order: Order) -> None:
    order.status = OrderStatus(row.status)
    row.payload = order.model_dump_json()


def _unknown_po(what: str, how: str = "") -> HoldReason:
    return HoldReason(
        code="UNKNOWN_PO", field="po_number", message=f"{what}, which orderhub never received {how}".rstrip()
    )


def _move(session: Session, row: OrderRecord, status: OrderStatus, note: str) -> None:
    """Change a stored order's status, in the row and in its canonical payload alike."""
    order = load(row)
    set_status(session, row, status, note=note)
    _save_payload(row, order)


def store_order(
    session: Session,
    document_id: int,
    order: Order,
    profile: PartnerProfile,
    fingerprint: str,
    now: datetime,
    master: MasterData | None = None,
) -> tuple[OrderRecord | None, str | None]:
    """Save a mapped order. Returns (the row created or affected, a note for the transaction set)."""
    existing = session.get(OrderRecord, order.order_id)
    if existing is not None:
        return existing, "already stored"  # the same document processed again: nothing to do
    master = master or MasterData(session)
    reasons: list[HoldReason] = []
    version, supersedes = 1, None
    prior = None
    ambiguous = False
    if not order.source.test:  # a test interchange never touches production orders
        lock_key(session, f"po:{profile.partner_id}:{order.po_number}")  # one worker per PO at a time
        flush_if_unflushed(session, profile.partner_id, order.po_number)
        # each release of a blanket order (BEG02 RL, its number in BEG04) is an order of its own: PO and release
        # name the order a change or cancel applies to. A document naming no release while releases of the PO
        # are live (a change or cancel of the blanket order, or of one release that forgot its number) is held:
        # which order it means is for a person.
        live = [(row, release_of(row)) for row in live_orders(session, profile.partner_id, order.po_number)]
        releases = {release for _, release in live}
        ambiguous = order.release_number is None and bool(releases - {None})
        if not ambiguous:
            prior = next((row for row, release in live if release == order.release_number), None)
        else:
            named = ", ".join(sorted(r for r in releases if r is not None))
            code = "DUPLICATE_PO" if order.purpose is Purpose.ORIGINAL else "UNKNOWN_PO"
            reasons.append(
                HoldReason(
                    code=code,
                    field="release_number",
                    message=f"PO {order.po_number} has live releases ({named}); this document names none",
                )
            )

    if order.source.test:
        pass  # no change, cancel or duplicate handling for tests
    elif order.purpose is Purpose.CANCEL:
        release = order.release_number
        if prior is None and not ambiguous and cancelled_order(session, profile.partner_id, order.po_number, release):
            return None, f"PO {order.po_number} is already cancelled: nothing to do"
        if prior is None:
            if not ambiguous:
                reasons.append(_unknown_po(f"cancellation (BEG01=01) of PO {order.po_number}", "as a live order"))
        else:
            _move(session, prior, OrderStatus.CANCELLED, f"cancelled by the buyer (document {document_id})")
            return prior, f"cancels order {prior.order_id}"
    elif prior is not None and prior.fingerprint == fingerprint:
        return prior, f"identical to order {prior.order_id}: not stored twice"
    elif order.purpose is Purpose.CHANGE:
        if prior is None:
            if not ambiguous:
                segment = "BCH01" if order.change_request else "BEG01"
                reasons.append(_unknown_po(f"change ({segment}={order.purpose_code}) to PO {order.po_number}"))
        else:
            version, supersedes = prior.version + 1, prior.order_id
            if order.change_request:  # an 860: its lines change the current version's
                order, change_holds = apply_change_request(load(prior), order)
                reasons += change_holds
            _move(session, prior, OrderStatus.SUPERSEDED, f"replaced by version {version}")
    elif prior is not None:
        reasons.append(
            HoldReason(
                code="DUPLICATE_PO",
                field="po_number",
                message=(
                    f"PO {order.po_number} was already received as order {prior.order_id} with different content; "
                    "a change should come as BEG01=04"
                ),
            )
        )

    reasons += validate_order(order, master, profile.price_tolerance_percent)
    if order.source.test:
        status = OrderStatus.TEST
    else:
        status = OrderStatus.HELD if reasons else OrderStatus.RELEASED
    order.version = version
    order.status = status
    order.hold_reasons = reasons
    row = OrderRecord(
        order_id=order.order_id,
        document_id=document_id,
        partner_id=profile.partner_id,
        customer_id=order.customer_id,
        po_number=order.po_number,
        purpose=order.purpose.value,
        status=status.value,
        version=version,
        fingerprint=fingerprint,
        supersedes=supersedes,
        payload=order.model_dump_json(),
    )
    note = "; ".join([*(f"{r.code}: {r.message}" for r in reasons), *order.changes]) or None
    record_new(session, row, note=note)
    if status is OrderStatus.RELEASED or (status is OrderStatus.TEST and not reasons):
        queue_po_ack(session, order, profile, now)
    return row, "; ".join(order.changes) or None  # an 860's changes, line by line, on its set record


def queue_po_ack(
    session: Session, order: Order, profile: PartnerProfile, now: datetime, *, rejected: bool = False
) -> None:
    """Queue the 855 when the partner's policy is on_release (once per order and verdict)."""
    if profile.acknowledgements.po_ack is not PoAckPolicy.ON_RELEASE:
        return
    ack = ack_from_order(order, now, rejected=rejected)
    key = f"855:{order.order_id}:{ack.ack_type}"
    if already_queued(session, key):
        return
    rendered = render_855(ack, profile, DbControlNumbers(session), now)
    queue(session, profile, "855", rendered, key, order_id=order.order_id, note=f"855 BAK02={ack.ack_type}")


def decide(
    session: Session,
    order_id: str,
    release: bool,
    profile: PartnerProfile | None,
    now: datetime,
    actor: str,
    note: str | None = None,
) -> OrderRecord:
    """A person releases or rejects a held order; the 855 follows the partner's policy."""
    row = session.get(OrderRecord, order_id, with_for_update=True)
    if row is None:
        raise LookupError(f"no order {order_id}")
    order = load(row)
    if release and order.purpose is Purpose.CANCEL:
        raise ValueError(
            f"order {order_id} is a cancellation of PO {order.po_number} that matched no live order; "
            "it cannot be released to the ERP, only rejected"
        )
    if release and order.change_request:
        raise ValueError(
            f"order {order_id} holds only the changed lines of an 860 for PO {order.po_number}, which matched no "
            "live order; it cannot be released to the ERP, only rejected"
        )
    new = OrderStatus.RELEASED if release else OrderStatus.REJECTED
    set_status(session, row, new, note=note, actor=actor)
    if release:
        order.hold_reasons = []  # the reasons stay in the audit trail; the ERP gets a clean order
    _save_payload(row, order)
    session.add(row)
    if profile is not None:
        queue_po_ack(session, order, profile, now, rejected=not release)
    return row


def acknowledge_decision(
    session: Session,
    order_id: str,
    decision: OrderDecision,
    profile: PartnerProfile,
    now: datetime,
    actor: str,
) -> tuple[OrderAck, int]:
    """The ERP's decision on a released order becomes the 855 of a partner on ``after_erp_decision``.

    Returns (the acknowledgement, the outbound document's id). Raises :class:`LookupError` for an unknown
    order and ``ValueError`` (:class:`DecisionError`) when the decision does not fit the order or the partner,
    or the 855 would not pass the partner's map: nothing is queued then.
    """
    row = session.get(OrderRecord, order_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise LookupError(f"no order {order_id}")
    if row.partner_id != profile.partner_id:
        raise DecisionError(f"order {order_id} is partner {row.partner_id}'s, not {profile.partner_id}'s")
    if profile.acknowledgements.po_ack is not PoAckPolicy.AFTER_ERP_DECISION:
        raise DecisionError(
            f"partner {profile.partner_id}'s 855 policy is {profile.acknowledgements.po_ack.value}: "
            "the ERP's decision does not make its 855"
        )
    if row.status not in (OrderStatus.RELEASED.value, OrderStatus.BOOKED.value):
        raise DecisionError(f"order {order_id} is {row.status}: only a released or booked order is acknowledged")
    order = load(row)
    ack = ack_from_decision(order, decision, now)
    key = f"855:{order.order_id}:decision"
    if already_queued(session, key):
        raise DecisionError(f"order {order_id} was already acknowledged from a decision of the ERP")
    rendered = render_855(ack, profile, DbControlNumbers(session), now)
    invalid = map_problems(rendered.data, profile)
    if invalid:
        raise DecisionError("the 855 would not pass the partner's map: " + "; ".join(invalid))
    out = queue(
        session,
        profile,
        "855",
        rendered,
        key,
        order_id=order.order_id,
        note=f"855 BAK02={ack.ack_type} from the ERP's decision by {actor}"
        + (f": {decision.note}" if decision.note else ""),
    )
    row.erp_decision = decision.model_dump_json()  # what the partner was told: shipments are held to it
    session.add(row)
    session.flush()
    return ack, out.id or 0
