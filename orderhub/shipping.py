"""Ship notices and invoices from the ERP's confirmations: checked against the order and each other,
validated against the partner's map, then queued. Nothing invalid is ever queued.

- **856**: every order on it must be one of the partner's live, released (or booked) orders; every item
  must be a line of it (PO numbers, line numbers and product IDs are echoed from the order, filled in
  when the ERP left them out); the units shipped on a line, this shipment and earlier ones together,
  may not exceed what was ordered by more than the partner's ``shipping.overship_percent``. Cartons and
  pallets without an SSCC get one from the counter of our GS1 company prefix.
- **810**: the order must have shipped; the units invoiced on a line, this invoice and earlier ones
  together, may not exceed the units shipped on it (credit memos, BIG07 CR, excepted); the total must add up.

Each refusal raises :class:`DocumentRefused` with every reason found, so the ERP (or a person) fixes them
in one go; the caller rolls the session back (control numbers and SSCCs drawn for it are not used up).
Test documents (ISA15=T) are checked the same way but use up no ordered or shipped quantity.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from mappers.profile import PartnerProfile
from orderhub.outbox import queue
from orderhub.store.models import (
    InvoicedLine,
    InvoiceRecord,
    OrderRecord,
    OutboundDocument,
    ShipmentRecord,
    ShipmentSscc,
    ShippedLine,
)
from orderhub.store.repo import DbControlNumbers, lock_key
from outbound.asn856 import render_856, structure_problems
from outbound.invoice810 import invoice_problems, render_810
from outbound.validate import map_problems
from schemas.acknowledgement import OrderDecision
from schemas.gs1 import gs1_check_digit, valid_sscc
from schemas.invoice import Invoice, InvoiceLine
from schemas.order import Order, OrderLine
from schemas.shipment import Package, Shipment, ShippedItem
from schemas.status import OrderStatus

SHIPPABLE = (OrderStatus.RELEASED.value, OrderStatus.BOOKED.value)


class DocumentRefused(ValueError):
    """The document was not queued; ``reasons`` says why, one sentence each."""

    def __init__(self, what: str, reasons: list[str]) -> None:
        super().__init__(f"{what} not sent: " + "; ".join(reasons))
        self.reasons = reasons


class AlreadySent(DocumentRefused):
    """Refused because its shipment or invoice number was sent before: the state forbids it, whatever the body
    says (the API answers 409, not 422)."""


# ---- SSCC-18 -------------------------------------------------------------------------------------


def allocate_sscc(session: Session, company_prefix: str, extension_digit: int = 0) -> str:
    """The next SSCC-18 under our company prefix: extension digit, prefix, serial reference, check digit.

    Serials come from a counter row per prefix (locked while incremented, committed with the document that
    uses them): a number is never handed out twice, and running out is an error, never a wrap-around.
    """
    serial_digits = 16 - len(company_prefix)
    serial = DbControlNumbers(session).next(f"gs1:{company_prefix}", "sscc")
    if serial >= 10**serial_digits:
        raise DocumentRefused(
            "856", [f"SSCC serial references of company prefix {company_prefix} are used up ({10**serial_digits - 1})"]
        )
    body = f"{extension_digit}{company_prefix}{serial:0{serial_digits}d}"
    return body + gs1_check_digit(body)


def _label(package: Package, session: Session, prefix: str | None, extension: int, problems: list[str]) -> None:
    if package.sscc is None:
        if prefix is None:
            problems.append("a package has no SSCC and no gs1_company_prefix is configured in orderhub.yaml")
        else:
            package.sscc = allocate_sscc(session, prefix, extension)
    elif not valid_sscc(package.sscc):
        problems.append(f"SSCC {package.sscc}: the check digit should be {gs1_check_digit(package.sscc[:17])}")
    for inner in package.packages:
        _label(inner, session, prefix, extension, problems)


# ---- orders and lines -----------------------------------------------------------------------------


def find_order(session: Session, partner_id: str, po_number: str, order_id: str | None) -> OrderRecord | str:
    """The order a shipment or invoice refers to, or why there is none that may ship."""
    if order_id is not None:
        row = session.get(OrderRecord, order_id)
        if row is None or row.partner_id != partner_id or row.po_number != po_number:
            return f"PO {po_number}: order {order_id} is not partner {partner_id}'s order for this PO"
    else:
        candidates = select(OrderRecord).where(
            OrderRecord.partner_id == partner_id, OrderRecord.po_number == po_number
        )  # a held duplicate or a test order with the same PO number must not hide the released one
        newest = (col(OrderRecord.version).desc(), col(OrderRecord.created_at).desc())
        row = session.exec(candidates.where(col(OrderRecord.status).in_(SHIPPABLE)).order_by(*newest)).first()
        row = row or session.exec(candidates.order_by(*newest)).first()
        if row is None:
            return f"PO {po_number}: no order from partner {partner_id} has this PO number"
    if row.status not in SHIPPABLE:
        return f"PO {po_number}: order {row.order_id} is {row.status}; only released or booked orders ship and bill"
    return row


def _line_for(order: Order, line_number: str | None, identifiers: list[tuple[str, str]]) -> OrderLine | None:
    if line_number is not None:
        return next((line for line in order.lines if line.line_number == line_number), None)
    wanted = set(identifiers)
    matches = [line for line in order.lines if wanted & {(i.qualifier, i.value) for i in line.identifiers}]
    return matches[0] if len(matches) == 1 else None


def _echo(item: ShippedItem | InvoiceLine, line: OrderLine, po_number: str, problems: list[str]) -> None:
    """Fill what the ERP may leave out from the order line, as the partner sent it; product IDs the ERP
    gives must be the line's own (LIN/IT1 carrying line 1's number with line 2's UPC confuses receiving)."""
    item.line_number = line.line_number
    if not item.identifiers:
        item.identifiers = list(line.identifiers)
        return
    ours = {(i.qualifier, i.value) for i in line.identifiers}
    theirs = {(i.qualifier, i.value) for i in item.identifiers}
    shared = {q for q, _v in ours} & {q for q, _v in theirs}
    if shared and not ours & theirs:
        problems.append(
            f"PO {po_number} line {line.line_number}: product "
            + ", ".join(f"{q} {v}" for q, v in sorted(theirs))
            + " is not the ordered "
            + ", ".join(f"{q} {v}" for q, v in sorted(ours))
        )


def _quantities(rows: list[ShippedLine] | list[InvoicedLine]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        totals[r.line_number] += Decimal(r.quantity)
    return totals


def shipped_so_far(session: Session, partner_id: str, po_number: str) -> dict[str, Decimal]:
    rows = session.exec(
        select(ShippedLine).where(ShippedLine.partner_id == partner_id, ShippedLine.po_number == po_number)
    ).all()
    return _quantities(list(rows))


def invoiced_so_far(session: Session, partner_id: str, po_number: str) -> dict[str, Decimal]:
    rows = session.exec(
        select(InvoicedLine).where(InvoicedLine.partner_id == partner_id, InvoicedLine.po_number == po_number)
    ).all()
    return _quantities(list(rows))


# ---- 856 -----------------------------------------------------------------------------------------


def _decided_quantities(row: OrderRecord, order: Order) -> dict[str, tuple[Decimal, str]]:
    """Per line, the most the partner was told will ship when the ERP's decision made the 855, and how it was
    told: a rejected line (or order) ships nothing, a changed quantity no more than it. Lines accepted,
    backordered (all of it still ships, later), repriced or rescheduled keep their ordered quantity."""
    if not row.erp_decision:
        return {}
    decision = OrderDecision.model_validate_json(row.erp_decision)
    if decision.reject_order:
        return {(ln.line_number or ""): (Decimal(0), "rejected the order (BAK02 RJ)") for ln in order.lines}
    limits: dict[str, tuple[Decimal, str]] = {}
    for line in decision.lines:
        if line.action == "reject":
            limits[line.line_number] = (Decimal(0), "rejected this line (ACK IR)")
        elif line.action == "change_quantity" and line.quantity is not None:
            limits[line.line_number] = (line.quantity, f"accepted {line.quantity.normalize():f} (ACK IQ)")
    return limits


def _sscc_reuse(session: Session, shipment: Shipment) -> list[str]:
    """An SSCC identifies one physical package for ever: never twice in a document, never on two shipments."""
    labels = [p.sscc for pkg in shipment.all_packages() for p in [pkg, *pkg.packages] if p.sscc]
    problems = [f"SSCC {s}: on {labels.count(s)} packages" for s in sorted(set(labels)) if labels.count(s) > 1]
    if labels:
        for used in session.exec(select(ShipmentSscc).where(col(ShipmentSscc.sscc).in_(sorted(set(labels))))):
            problems.append(f"SSCC {used.sscc}: already on an earlier shipment (record {used.shipment_record_id})")
    return problems


def queue_shipment(
    session: Session,
    shipment: Shipment,
    profile: PartnerProfile,
    now: datetime,
    *,
    company_prefix: str | None = None,
    extension_digit: int = 0,
) -> OutboundDocument:
    """Check, label, render, validate and queue an 856. Raises :class:`DocumentRefused`."""
    shipment = shipment.model_copy(deep=True)  # SSCCs and echoed fields are filled in on our copy
    what = f"856 for shipment {shipment.shipment_id}"
    if shipment.partner_id != profile.partner_id:
        raise DocumentRefused(what, [f"the shipment is for partner {shipment.partner_id}, not {profile.partner_id}"])
    lock_key(session, f"shipment:{profile.partner_id}:{shipment.shipment_id}")
    problems: list[str] = []
    earlier = session.exec(
        select(ShipmentRecord).where(
            ShipmentRecord.partner_id == profile.partner_id, ShipmentRecord.shipment_id == shipment.shipment_id
        )
    ).first()
    if earlier is not None:
        raise AlreadySent(what, [f"shipment {shipment.shipment_id} was already sent (outbound {earlier.outbound_id})"])
    if shipment.purpose != "00":
        problems.append(
            f"BSN01 {shipment.purpose}: only original ship notices (00) are sent; a replacement or cancellation "
            "would have to reverse the quantities of the one it replaces, which orderhub does not do yet"
        )
    structure = shipment.structure or profile.shipping.structure
    problems += structure_problems(shipment, structure)
    pos = [o.po_number for o in shipment.orders]
    problems += [
        f"PO {po}: appears {pos.count(po)} times; one O level per PO" for po in sorted(set(pos)) if pos.count(po) > 1
    ]
    lines_shipped: list[tuple[str, str, str, Decimal]] = []  # (po, order_id, line, quantity)
    allowance = 1 + profile.shipping.overship_percent / 100
    for po in sorted(set(pos)):  # always in the same order: two shipments of the same POs never deadlock
        lock_key(session, f"po:{profile.partner_id}:{po}")
    for ship_order in shipment.orders:
        found = find_order(session, profile.partner_id, ship_order.po_number, ship_order.order_id)
        if isinstance(found, str):
            problems.append(found)
            continue
        order = Order.model_validate_json(found.payload)
        ship_order.order_id = found.order_id
        ship_order.po_date = ship_order.po_date or order.po_date
        ship_order.release_number = ship_order.release_number or order.release_number
        now_shipping: dict[str, Decimal] = defaultdict(Decimal)
        for item in ship_order.all_items():
            line = _line_for(order, item.line_number, [(i.qualifier, i.value) for i in item.identifiers])
            if line is None:
                which = (
                    f"line {item.line_number}"
                    if item.line_number
                    else "an item with " + ", ".join(f"{i.qualifier} {i.value}" for i in item.identifiers)
                )
                problems.append(f"PO {order.po_number}: {which} matches no line of the order")
                continue
            _echo(item, line, order.po_number, problems)
            unit = line.partner_uom or line.uom
            if unit and item.uom != unit:
                problems.append(
                    f"PO {order.po_number} line {line.line_number}: shipped in {item.uom}, ordered in {unit}"
                )
            now_shipping[line.line_number or ""] += item.quantity
        before = shipped_so_far(session, profile.partner_id, order.po_number)
        decided = _decided_quantities(found, order)
        for line_number, quantity in now_shipping.items():
            ordered = next((ln.quantity for ln in order.lines if ln.line_number == line_number), None) or Decimal(0)
            total = before.get(line_number, Decimal(0)) + quantity
            accepted = decided.get(line_number)
            if accepted is not None and total > accepted[0] * allowance:
                problems.append(
                    f"PO {order.po_number} line {line_number}: {total.normalize():f} shipped in all "
                    f"({quantity.normalize():f} now), but the 855 from the ERP's decision {accepted[1]}"
                )
            elif total > ordered * allowance:
                problems.append(
                    f"PO {order.po_number} line {line_number}: {total.normalize():f} shipped in all "
                    f"({quantity.normalize():f} now), {ordered.normalize():f} ordered"
                    + (f" (+{profile.shipping.overship_percent}% allowed)" if profile.shipping.overship_percent else "")
                )
            lines_shipped.append((order.po_number, found.order_id, line_number, quantity))
    for package in shipment.all_packages():
        _label(package, session, company_prefix, extension_digit, problems)
    problems += _sscc_reuse(session, shipment)
    if problems:
        raise DocumentRefused(what, problems)
    try:
        rendered = render_856(shipment, profile, DbControlNumbers(session), now)
    except ValueError as exc:  # what only the renderer can tell (too many product IDs, a party without a role)
        raise DocumentRefused(what, [str(exc)]) from None
    invalid = map_problems(rendered.data, profile)
    if invalid:
        raise DocumentRefused(what, invalid)
    row = queue(
        session,
        profile,
        "856",
        rendered,
        f"856:{profile.partner_id}:{shipment.shipment_id}",
        order_id=shipment.orders[0].order_id,
        note=f"856 BSN02={shipment.shipment_id}, {len(shipment.orders)} order(s), "
        f"{len(shipment.all_packages())} package(s)",
    )
    session.flush()
    record = ShipmentRecord(
        partner_id=profile.partner_id,
        shipment_id=shipment.shipment_id,
        outbound_id=row.id or 0,
        ship_date=shipment.ship_date,
        estimated_delivery=shipment.estimated_delivery,
        payload=shipment.model_dump_json(),
    )
    session.add(record)
    session.flush()
    for package in shipment.all_packages():
        for labelled in [package, *package.packages]:
            session.add(ShipmentSscc(sscc=labelled.sscc or "", shipment_record_id=record.id or 0))
    if shipment.test:
        return row  # a test ship notice uses up no ordered quantity
    for po_number, order_id, line_number, quantity in lines_shipped:
        session.add(
            ShippedLine(
                shipment_record_id=record.id or 0,
                partner_id=profile.partner_id,
                po_number=po_number,
                order_id=order_id,
                line_number=line_number,
                quantity=str(quantity),
            )
        )
    return row


# ---- 810 -----------------------------------------------------------------------------------------


def queue_invoice(session: Session, invoice: Invoice, profile: PartnerProfile, now: datetime) -> OutboundDocument:
    """Check, render, validate and queue an 810. Raises :class:`DocumentRefused`."""
    invoice = invoice.model_copy(deep=True)
    what = f"810 for invoice {invoice.invoice_number}"
    if invoice.partner_id != profile.partner_id:
        raise DocumentRefused(what, [f"the invoice is for partner {invoice.partner_id}, not {profile.partner_id}"])
    lock_key(session, f"invoice:{profile.partner_id}:{invoice.invoice_number}")
    lock_key(session, f"po:{profile.partner_id}:{invoice.po_number}")
    earlier = session.exec(
        select(InvoiceRecord).where(
            InvoiceRecord.partner_id == profile.partner_id, InvoiceRecord.invoice_number == invoice.invoice_number
        )
    ).first()
    if earlier is not None:
        raise AlreadySent(what, [f"invoice {invoice.invoice_number} was already sent (outbound {earlier.outbound_id})"])
    problems = invoice_problems(invoice)
    found = find_order(session, profile.partner_id, invoice.po_number, invoice.order_id)
    if isinstance(found, str):
        raise DocumentRefused(what, [*problems, found])
    order = Order.model_validate_json(found.payload)
    invoice.order_id = found.order_id
    invoice.po_date = invoice.po_date or order.po_date
    credit = invoice.transaction_type == "CR"
    if invoice.shipment_id is not None:
        shipped_on = session.exec(
            select(ShipmentRecord).where(
                ShipmentRecord.partner_id == profile.partner_id, ShipmentRecord.shipment_id == invoice.shipment_id
            )
        ).first()
        carried = shipped_on is not None and (
            Shipment.model_validate_json(shipped_on.payload).test
            or session.exec(
                select(ShippedLine).where(
                    ShippedLine.shipment_record_id == shipped_on.id, ShippedLine.po_number == invoice.po_number
                )
            ).first()
            is not None
        )
        if shipped_on is None:
            problems.append(f"shipment {invoice.shipment_id} was never sent to {profile.partner_id}")
        elif not carried:
            problems.append(f"shipment {invoice.shipment_id} carried nothing of PO {invoice.po_number}")
        elif invoice.ship_date is None:
            invoice.ship_date = shipped_on.ship_date
    shipped = shipped_so_far(session, profile.partner_id, invoice.po_number)
    billed = invoiced_so_far(session, profile.partner_id, invoice.po_number)
    now_billing: dict[str, Decimal] = defaultdict(Decimal)
    for inv_line in invoice.lines:
        line = _line_for(order, inv_line.line_number, [(i.qualifier, i.value) for i in inv_line.identifiers])
        if line is None:
            problems.append(f"PO {order.po_number}: invoice line {inv_line.line_number} matches no line of the order")
            continue
        _echo(inv_line, line, order.po_number, problems)
        now_billing[line.line_number or ""] += inv_line.quantity
    if not credit:
        for line_number, quantity in now_billing.items():
            total = billed.get(line_number, Decimal(0)) + quantity
            shipped_qty = shipped.get(line_number, Decimal(0))
            if total > shipped_qty:
                problems.append(
                    f"PO {order.po_number} line {line_number}: {total.normalize():f} invoiced in all "
                    f"({quantity.normalize():f} now), {shipped_qty.normalize():f} shipped"
                )
    if problems:
        raise DocumentRefused(what, problems)
    try:
        rendered = render_810(invoice, profile, DbControlNumbers(session), now)
    except ValueError as exc:
        raise DocumentRefused(what, [str(exc)]) from None
    invalid = map_problems(rendered.data, profile)
    if invalid:
        raise DocumentRefused(what, invalid)
    row = queue(
        session,
        profile,
        "810",
        rendered,
        f"810:{profile.partner_id}:{invoice.invoice_number}",
        order_id=found.order_id,
        note=f"810 BIG02={invoice.invoice_number}, total {invoice.total()}",
    )
    session.flush()
    record = InvoiceRecord(
        partner_id=profile.partner_id,
        invoice_number=invoice.invoice_number,
        order_id=found.order_id,
        outbound_id=row.id or 0,
        invoice_date=invoice.invoice_date,
        total=str(invoice.total()),
        payload=invoice.model_dump_json(),
    )
    session.add(record)
    session.flush()
    if not credit and not invoice.test:
        for line_number, quantity in now_billing.items():
            session.add(
                InvoicedLine(
                    invoice_record_id=record.id or 0,
                    partner_id=profile.partner_id,
                    po_number=invoice.po_number,
                    line_number=line_number,
                    quantity=str(quantity),
                )
            )
    return row
