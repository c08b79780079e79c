"""A customer's PDF layout learned when a reviewer releases one of its orders.

The review page already holds what the reviewer corrected: the PO number, the dates, the mapped ship-to and
every line. When such an order came from a PDF (attached to a mail or not), :func:`learn_released` gives the
corrected order and the PDF to :func:`parsers.pdf.learn.learn`, which keeps only the labels and column captions
that, pinned, make the extractor read that very document as corrected. The result is written as a YAML template
under ``ORDERHUB_DATA_DIR/templates`` for the customer's senders; the customer's next order in that layout is
read with it. The trail of the order says what was learned. Learning never stands in the way of the release:
whatever goes wrong is reported to the reviewer and logged, and the order stays released.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from orderhub.orders import position_of
from orderhub.store.models import CustomerSender, InboundDocument, OrderRecord, ShipToLocation
from orderhub.store.raw import RawStore
from orderhub.store.repo import audit
from parsers.pdf.learn import Learned, Target, TargetLine, learn
from parsers.pdf.templates import PdfTemplate, choose_template, load_learned, load_templates, save_learned
from schemas.order import Order, SourceKind

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What learning did, in a sentence for the reviewer (and the order's trail)."""

    message: str


def target_of(session: Session, order: Order) -> Target:
    """The corrected order as the page should show it: codes as printed (ours or the customer's), the ship-to
    location's postal code from the master data."""
    requested = next((d.value for d in order.dates if d.qualifier == "002"), None)
    postal = None
    location_id = order.ship_to.identifier("92") if order.ship_to is not None else None
    if location_id and order.customer_id:
        location = session.exec(
            select(ShipToLocation).where(
                ShipToLocation.customer_id == order.customer_id, ShipToLocation.location_id == location_id
            )
        ).first()
        postal = location.postal_code if location is not None else None
    lines = [
        TargetLine(
            {c for c in (line.sku, line.buyer_part_number, line.vendor_part_number, line.gtin, line.upc) if c},
            line.quantity,
            line.unit_price,
            line.requested_date or requested,
        )
        for line in order.lines
    ]
    return Target(order.po_number or None, order.po_date, requested, lines, postal)


def senders_of(session: Session, customer_id: str) -> list[str]:
    """The addresses and @domains the customer master lists for the customer."""
    rows = session.exec(select(CustomerSender.address).where(CustomerSender.customer_id == customer_id))
    return sorted(rows)


def learn_pdf(
    pdf: bytes,
    target: Target,
    order: Order,
    senders: list[str],
    directory: Path | None,
    description: str,
) -> Learned:
    """Learn from one PDF (runs in the reading process: the PDF is untrusted)."""
    from parsers.pdf import read_lines, sender_address

    pages = read_lines(pdf)
    if not any(pages):
        return Learned(None, ["the PDF has no text layer"], ["the PDF has no text layer"])
    first_page = "\n".join(line.text for line in pages[0])
    learned_templates, _ = load_learned(directory)
    base = choose_template((*load_templates(), *learned_templates), sender_address(order.source.sender), first_page)
    if base is not None and base.purpose == "layout-test":
        base = None
    slug = "".join(c if c.isalnum() else "-" for c in (order.customer_id or "customer").lower()).strip("-")
    return learn(pages, target, order.source, base, f"learned-{slug}", senders, description)


def pdf_of(session: Session, raw: RawStore, row: OrderRecord) -> bytes | None:
    """The PDF an order was read from (the document, or the mail's attachment), if it was."""
    from orderhub.pages.source import MAX_SOURCE_BYTES, pdf_bytes

    inbound = session.get(InboundDocument, row.document_id)
    if inbound is None or raw.size(inbound.sha256) > MAX_SOURCE_BYTES:
        return None
    pdf, _ = pdf_bytes(raw.get(inbound.sha256), position_of(session, row.order_id))
    return pdf


def learn_released(session: Session, raw: RawStore, order_id: str, actor: str, directory: Path) -> Outcome | None:
    """Learn the layout of a released PDF order; None when there is nothing to learn from (not a PDF, no
    customer). The caller commits (the trail entry is added to ``session``)."""
    from parsers.pdf.sandbox import isolated

    row = session.get(OrderRecord, order_id)
    if row is None:
        return None
    order = Order.model_validate_json(row.payload)
    if order.source.kind not in (SourceKind.PDF, SourceKind.EMAIL) or not order.customer_id:
        return None
    pdf = pdf_of(session, raw, row)
    if pdf is None:
        return None
    target = target_of(session, order)
    senders = senders_of(session, order.customer_id)
    if not senders:
        return Outcome("no layout learned: the customer master lists no sender for the customer")
    description = f"learned from order {order_id} (PO {order.po_number}) released by {actor}"
    try:
        learned: Learned = isolated(learn_pdf, pdf, target, order, senders, directory, description)
    except Exception as exc:  # a PDF that cannot be read again, a learning bug: the release stands
        log.warning("learning the layout of order %s failed: %s", order_id, exc, exc_info=True)
        return Outcome(f"no layout learned: {type(exc).__name__}: {exc}")
    return _record(session, order_id, actor, learned, directory)


def _record(session: Session, order_id: str, actor: str, learned: Learned, directory: Path) -> Outcome:
    if learned.template is None:
        if not learned.wrong_before:
            return Outcome("the layout was already read right: nothing to learn")
        return Outcome("no layout learned: no label or column on the page explains " + ", ".join(learned.wrong_before))
    path = save_learned(learned.template, directory)
    left = f"; still not read: {', '.join(learned.wrong_after)}" if learned.wrong_after else ""
    message = f"layout learned ({path.name}): " + "; ".join(learned.learned) + left
    audit(session, "order", order_id, "layout learned", note=message[:2000], actor=actor)
    return Outcome(message)


def describe(template: PdfTemplate) -> str:
    """A template in a few lines: whose it is, what it pins."""
    who = ", ".join(template.senders) or "no sender: chosen by its keywords"
    out = [f"{template.name} ({template.purpose}; {who})"]
    if template.keywords:
        needed = template.keywords_needed or len(template.keywords)
        out.append(f"  keywords ({needed} of {len(template.keywords)}): " + " | ".join(template.keywords))
    out += [f"  {field}: " + " | ".join(names) for field, names in template.labels.items()]
    out += [f"  column {caption!r} → {role}" for caption, role in template.columns.items()]
    settings = {"number_format": template.number_format, "date_order": template.date_order}
    out += [f"  {k}: {v}" for k, v in settings.items() if v != "auto"]
    return "\n".join(out)
