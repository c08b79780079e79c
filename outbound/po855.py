"""855 purchase-order acknowledgement from a canonical :class:`schemas.OrderAck`.

BAK, REF, DTM, N1 loops, then per line PO1 (PO101 echoed verbatim) with its ACKs. A rejected order is
BAK02=RJ with no line detail. The acknowledgement comes from the order as released (``ack_from_order``)
or from the ERP's decision per line (``ack_from_decision``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from outbound.x12parts import id_pairs, num, party_loop, ymd
from schemas.acknowledgement import LineAck, LineDecision, LineStatus, OrderAck, OrderDecision
from schemas.order import Order, OrderLine

ACCEPTED = LineStatus.ACCEPTED.value
REJECTED = LineStatus.REJECTED.value


SHIP, DELIVERY = "068", "067"  # ACK04: current schedule ship / delivery
# the 850's requested dates, each echoed under the ACK04 qualifier that means the same thing
_SCHEDULE_OF = {"010": SHIP, "037": SHIP, "038": SHIP, "002": DELIVERY, "106": DELIVERY}


def _schedule(line: OrderLine) -> dict[str, Any]:
    """ACK04/ACK05 from the line's requested date: a delivery date stays a delivery date (067), a ship date
    a ship date (068), never one passed off as the other."""
    for when in line.dates:
        if when.qualifier in _SCHEDULE_OF:
            return {"date_qualifier": _SCHEDULE_OF[when.qualifier], "scheduled_date": when.value}
    return {}


def ack_from_order(order: Order, ack_date: datetime, *, rejected: bool = False) -> OrderAck:
    """The acknowledgement of an order accepted (or rejected) as sent: BAK02 AD / RJ, ACK*IA per line."""
    lines = []
    if not rejected:
        for line in order.lines:
            lines.append(
                LineAck(
                    line_number=line.line_number,
                    status=ACCEPTED,
                    quantity=line.quantity,
                    uom=line.partner_uom or line.uom,  # echo the partner's own code, not our mapping
                    unit_price=line.unit_price,
                    price_basis=line.price_basis,
                    ordered_quantity=line.quantity,
                    identifiers=line.identifiers,
                    **_schedule(line),
                )
            )
    return OrderAck(
        order_id=order.order_id,
        partner_id=order.partner_id or "",
        ack_type="RJ" if rejected else "AD",
        po_number=order.po_number,
        po_date=order.po_date,
        ack_date=ack_date.date(),
        release_number=order.release_number,
        lines=lines,
        test=order.source.test,
    )


class DecisionError(ValueError):
    """The ERP's decision does not fit the order (a line it does not have, a line left undecided, ...)."""


def _decided_line(line: OrderLine, decision: LineDecision) -> LineAck:
    ordered = line.quantity or Decimal(0)
    ack = LineAck(
        line_number=line.line_number,
        status=ACCEPTED,
        quantity=ordered,
        uom=line.partner_uom or line.uom,
        unit_price=line.unit_price,
        price_basis=line.price_basis,
        ordered_quantity=line.quantity,
        identifiers=line.identifiers,
        **_schedule(line),
    )
    where = f"line {line.line_number}"
    if decision.action == "reject":
        ack.status, ack.scheduled_date = REJECTED, None
    elif decision.action == "change_quantity":
        if decision.quantity == 0:
            raise DecisionError(f"{where}: a quantity of 0 is a rejection: use action reject")
        if decision.quantity is None or decision.quantity == ordered:
            raise DecisionError(f"{where}: change_quantity needs a quantity other than the {num(ordered)} ordered")
        ack.status, ack.quantity = LineStatus.QUANTITY_CHANGED.value, decision.quantity
    elif decision.action == "change_price":
        if decision.unit_price is None or decision.unit_price == line.unit_price:
            raise DecisionError(f"{where}: change_price needs a unit_price other than the one ordered")
        ack.status, ack.unit_price = LineStatus.PRICE_CHANGED.value, decision.unit_price
    elif decision.action == "reschedule":
        if decision.ship_date is None:
            raise DecisionError(f"{where}: reschedule needs the ship_date")
        ack.status, ack.date_qualifier = LineStatus.DATE_RESCHEDULED.value, SHIP
        ack.scheduled_date = decision.ship_date
    elif decision.action == "backorder":
        if decision.ship_date is None:
            raise DecisionError(f"{where}: backorder needs the ship_date the goods will be available")
        backordered = ordered if decision.quantity is None else decision.quantity
        if not 0 < backordered <= ordered:
            raise DecisionError(f"{where}: backordered quantity {num(backordered)} is not within 1..{num(ordered)}")
        rest = ordered - backordered
        back = ack.model_copy(
            update={
                "status": LineStatus.BACKORDERED.value,
                "quantity": backordered,
                "date_qualifier": SHIP,
                "scheduled_date": decision.ship_date,
            }
        )
        if rest:  # part ships now: IA for the rest, IB for what waits
            ack.quantity = rest
            ack.further_statuses = [back]
        else:
            ack = back
    return ack


def ack_from_decision(order: Order, decision: OrderDecision, ack_date: datetime) -> OrderAck:
    """The 855 for the ERP's decision: every line decided exactly once, or the whole order rejected.

    BAK02 is AD when every line is accepted as ordered, RD when every line is rejected, RJ for an order
    rejected as a whole (no line detail), AC otherwise.
    """
    if decision.reject_order:
        if decision.lines:
            raise DecisionError("reject_order rejects every line: send no line decisions with it")
        return ack_from_order(order, ack_date, rejected=True)
    by_number = {line.line_number: line for line in order.lines}
    seen: set[str] = set()
    for d in decision.lines:
        if d.line_number not in by_number:
            raise DecisionError(f"line {d.line_number}: order {order.order_id} (PO {order.po_number}) has no such line")
        if d.line_number in seen:
            raise DecisionError(f"line {d.line_number}: decided twice")
        seen.add(d.line_number)
    missing = [str(n) for n in by_number if n not in seen]
    if missing:
        raise DecisionError(f"no decision for line(s) {', '.join(missing)}: every line needs one")
    decisions = {d.line_number: d for d in decision.lines}
    lines = [_decided_line(line, decisions[line.line_number or ""]) for line in order.lines]
    statuses = {s.status for line in lines for s in [line, *line.further_statuses]}
    ack_type = "AD" if statuses == {ACCEPTED} else "RD" if statuses == {REJECTED} else "AC"
    ack = ack_from_order(order, ack_date)
    return ack.model_copy(update={"ack_type": ack_type, "lines": lines})


def ack_segments(ack: OrderAck, version: str) -> Segments:
    body: Segments = [
        [
            "BAK",
            ack.purpose,
            ack.ack_type,
            ack.po_number,
            ymd(ack.po_date or ack.ack_date),
            ack.release_number or "",
            "",
            "",
            "",
            ymd(ack.ack_date),
        ]
    ]
    if version < "004010":
        body[0] = body[0][:9]  # BAK09 (acknowledgement date) exists from 004010 on
    for ref in ack.references:
        body.append(["REF", ref.qualifier, ref.value, ref.description or ""])
    for when in ack.dates:
        body.append(["DTM", when.qualifier, ymd(when.value), when.time or ""])
    for party in ack.parties:
        body += party_loop(party)
    for line in ack.lines:
        body.append(
            [
                "PO1",
                line.line_number or "",
                num(line.ordered_quantity),
                line.uom or "",
                num(line.unit_price),
                line.price_basis or "",
                *id_pairs(line.identifiers, 10),
            ]
        )
        for status in [line, *line.further_statuses]:
            ack_seg = [
                "ACK",
                status.status,
                num(status.quantity),
                (status.uom or "") if status.quantity is not None else "",
            ]
            if status.scheduled_date:
                ack_seg += [status.date_qualifier, ymd(status.scheduled_date)]
            body.append(ack_seg)
    if ack.lines:
        body.append(["CTT", str(len(ack.lines))])
    return body


def render_855(ack: OrderAck, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    version = profile.x12.version
    return render_interchange(
        profile, numbers, "PR", [("855", ack_segments(ack, version))], now=now, test=ack.test, plain_values=True
    )
