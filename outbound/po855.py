"""855 purchase-order acknowledgement from a canonical :class:`schemas.OrderAck`.

BAK, REF, N1 loops, then per line PO1 (PO101 echoed verbatim) with its ACK. A rejected order is
BAK02=RJ with no line detail.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from schemas.acknowledgement import LineAck, OrderAck
from schemas.order import Order

ACCEPTED = "IA"
REJECTED = "IR"


def _num(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


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
                    scheduled_date=line.requested_date,
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


def ack_segments(ack: OrderAck, version: str) -> Segments:
    body: Segments = [
        [
            "BAK",
            ack.purpose,
            ack.ack_type,
            ack.po_number,
            ack.po_date.strftime("%Y%m%d") if ack.po_date else ack.ack_date.strftime("%Y%m%d"),
            ack.release_number or "",
            "",
            "",
            "",
            ack.ack_date.strftime("%Y%m%d"),
        ]
    ]
    if version < "004010":
        body[0] = body[0][:5]  # BAK09 (acknowledgement date) exists from 004010 on
    for ref in ack.references:
        body.append(["REF", ref.qualifier, ref.value])
    for party in ack.parties:
        ident = party.identifiers[0] if party.identifiers else None
        body.append(
            ["N1", party.role or "", party.name or "", ident.qualifier if ident else "", ident.value if ident else ""]
        )
    for line in ack.lines:
        po1 = [
            "PO1",
            line.line_number or "",
            _num(line.ordered_quantity),
            line.uom or "",
            _num(line.unit_price),
            line.price_basis or "",
        ]
        for ident in line.identifiers:
            po1 += [ident.qualifier, ident.value]
        body.append(po1)
        ack_seg = ["ACK", line.status, _num(line.quantity), line.uom or ""]
        if line.scheduled_date:
            ack_seg += ["068", line.scheduled_date.strftime("%Y%m%d")]
        body.append(ack_seg)
    if ack.lines:
        body.append(["CTT", str(len(ack.lines))])
    return body


def render_855(ack: OrderAck, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    version = profile.x12.version
    return render_interchange(profile, numbers, "PR", [("855", ack_segments(ack, version))], now=now, test=ack.test)
