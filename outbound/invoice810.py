"""810 invoice from a canonical :class:`schemas.invoice.Invoice`.

BIG (date, number, PO date, PO number, BIG07 type), CUR, REF, N1 loops (RE, BT, ST, SF), ITD, DTM 011,
then per line IT1 (IT101 echoes PO101) with PID and its SACs, and the summary: TDS01 (the computed total,
two implied decimals), CAD, SAC (SAC05 two implied decimals), ISS (units shipped), CTT (line count and
the hash total of IT102). A total that does not add up never gets this far (``invoice_problems``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from outbound.x12parts import id_pairs, implied2, num, party_loop, ymd
from schemas.invoice import Invoice
from schemas.order import AllowanceCharge, Terms


def invoice_problems(invoice: Invoice) -> list[str]:
    """What makes the invoice unwritable or self-contradictory (empty when it is sound)."""
    problems = []
    if invoice.stated_total is not None and invoice.stated_total != invoice.total():
        problems.append(
            f"stated_total {invoice.stated_total} differs from the lines and allowances/charges, which make "
            f"{invoice.total()}"
        )
    for line in invoice.lines:
        if line.unit_price.as_tuple().exponent < -4:  # type: ignore[operator]
            problems.append(f"line {line.line_number}: unit price {line.unit_price} has more than 4 decimals")
    for sac in invoice.allowances_charges + [s for line in invoice.lines for s in line.allowances_charges]:
        if sac.amount is not None and sac.amount != sac.amount.quantize(Decimal("0.01")):
            problems.append(f"SAC {sac.code}: amount {sac.amount} has more than two decimals")
        if sac.amount is None and sac.indicator != "N":
            problems.append(f"SAC {sac.code}: give the amount (a percent alone cannot be totalled in TDS)")
        if not sac.code:
            problems.append("SAC without a code (SAC02)")
        if sac.indicator not in ("A", "C", "N"):
            problems.append(f"SAC {sac.code}: indicator {sac.indicator!r} is not A, C or N")
    return problems


def _sac(sac: AllowanceCharge) -> list[str]:
    seg = [
        "SAC",
        sac.indicator,
        sac.code or "",
        "",
        "",
        implied2(sac.amount) if sac.amount is not None else "",
        "",
        "",
        num(sac.rate),
        (sac.uom or "") if sac.quantity is not None else "",
        num(sac.quantity),
        "",
        sac.handling_code or "",
        "",
        "",
        sac.description or "",
    ]
    if sac.percent is not None:
        seg[6], seg[7] = "3", num(sac.percent)  # SAC06 3: percent of the line or invoice amount
    return seg


def _itd(terms: Terms) -> list[str]:
    return [
        "ITD",
        terms.type_code or "",
        terms.basis_date_code or "",
        num(terms.discount_percent),
        ymd(terms.discount_due_date),
        str(terms.discount_days) if terms.discount_days is not None else "",
        ymd(terms.net_due_date),
        str(terms.net_days) if terms.net_days is not None else "",
        "",
        "",
        "",
        "",
        terms.description or "",
    ]


def invoice_segments(invoice: Invoice) -> Segments:
    problems = invoice_problems(invoice)
    if problems:
        raise ValueError("; ".join(problems))
    body: Segments = [
        [
            "BIG",
            ymd(invoice.invoice_date),
            invoice.invoice_number,
            ymd(invoice.po_date),
            invoice.po_number,
            "",
            "",
            invoice.transaction_type or "",
        ]
    ]
    if invoice.currency:
        body.append(["CUR", "SE", invoice.currency])
    for ref in invoice.references:
        body.append(["REF", ref.qualifier, ref.value, ref.description or ""])
    for role, party in (
        ("RE", invoice.remit_to),
        ("BT", invoice.bill_to),
        ("ST", invoice.ship_to),
        ("SF", invoice.ship_from),
    ):
        if party is not None:
            body += party_loop(party, role)
    itd = _itd(invoice.terms) if invoice.terms else []
    if any(itd[1:]):  # terms with nothing in them write no ITD: a segment without a value is not X12
        body.append(itd)
    if invoice.ship_date:
        body.append(["DTM", "011", ymd(invoice.ship_date)])
    units = Decimal(0)
    for line in invoice.lines:
        units += line.quantity
        body.append(
            [
                "IT1",
                line.line_number or "",
                num(line.quantity),
                line.uom,
                num(line.unit_price),
                line.price_basis or "",
                *id_pairs(line.identifiers, 10),
            ]
        )
        if line.description:
            body.append(["PID", "F", "", "", "", line.description])
        for sac in line.allowances_charges:
            body.append(_sac(sac))
    body.append(["TDS", implied2(invoice.total())])
    if invoice.carrier:
        c = invoice.carrier
        body.append(["CAD", c.transport_method or "", "", "", c.id or "", c.routing or ""])
    for sac in invoice.allowances_charges:
        body.append(_sac(sac))
    uoms = {line.uom for line in invoice.lines}
    if len(uoms) == 1:
        body.append(["ISS", num(units), uoms.pop()])
    body.append(["CTT", str(len(invoice.lines)), num(units)])
    return body


def render_810(invoice: Invoice, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    return render_interchange(
        profile, numbers, "IN", [("810", invoice_segments(invoice))], now=now, test=invoice.test, plain_values=True
    )
