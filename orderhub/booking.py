"""The ERP says it booked an order under its own number: released → booked, remembered and audited.

Booking is idempotent: the same number again changes nothing (an ERP that retries after a timeout must not
get an error for something that worked); another number for a booked order, or an order that is not released,
is a :class:`BookingConflict` naming why (a held order's hold reasons, so the ERP log says what to fix).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from orderhub.orders import load
from orderhub.store.models import OrderRecord
from orderhub.store.repo import set_status
from schemas.status import OrderStatus


class BookingConflict(ValueError):
    """The order cannot be booked under that number; the message says why."""


@dataclass(frozen=True)
class Booking:
    order: OrderRecord
    changed: bool  # False: it was already booked under this number


def book_order(session: Session, order_id: str, erp_order_number: str, actor: str) -> Booking:
    """Book ``order_id`` under the ERP's ``erp_order_number``. The caller commits.

    Raises :class:`LookupError` for an unknown order and :class:`BookingConflict` when the order is not
    released (or is booked under another number). The status change goes through ``set_status``, so the
    audit trail records ``actor`` and the orders feed gets a ``booked`` event.
    """
    number = erp_order_number.strip()
    if not number:
        raise BookingConflict("the ERP order number is empty")
    row = session.get(OrderRecord, order_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise LookupError(f"no order {order_id}")
    if row.status == OrderStatus.BOOKED.value:
        if row.erp_order_number == number:
            return Booking(row, changed=False)
        raise BookingConflict(f"order {order_id} is already booked as ERP order {row.erp_order_number}, not {number}")
    if row.status != OrderStatus.RELEASED.value:
        order = load(row)
        why = f"order {order_id} is {row.status}; only a released order can be booked"
        if row.status == OrderStatus.HELD.value and order.hold_reasons:
            why += " (held: " + "; ".join(f"{r.code}: {r.message}" for r in order.hold_reasons) + ")"
        elif row.status == OrderStatus.SUPERSEDED.value:
            why += " (a later version of the PO replaced it: book that one)"
        raise BookingConflict(why)
    order = load(row)
    set_status(session, row, OrderStatus.BOOKED, note=f"booked by the ERP as order {number}", actor=actor)
    row.erp_order_number = number
    order.status = OrderStatus.BOOKED  # the canonical payload says what the row says
    row.payload = order.model_dump_json()
    session.add(row)
    return Booking(row, changed=True)
