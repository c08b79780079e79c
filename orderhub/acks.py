"""Closing the loop on what we send: a partner's 997/999 reconciled with our outbound documents, and
documents whose acknowledgement is overdue.

Our outbound documents carry one functional group each, numbered from the partner's own counter, so the
group control number in the partner's AK1 names exactly one of them. AK9 A or E (and, for a partially
accepted group, every one of our sets accepted) makes it ``acknowledged``; otherwise ``rejected``, with the
partner's AK3/AK4 detail in the audit note so that a person can see what to fix.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mappers.profile import PartnerProfile
from orderhub.store.models import AuditEvent, OutboundDocument
from orderhub.store.repo import set_status
from schemas.acknowledgement import AckCode, FunctionalAck
from schemas.status import OutboundStatus

NOT_ACKNOWLEDGED = ("997", "999", "TA1")  # X12 never acknowledges an acknowledgement
_ACCEPTED = (AckCode.ACCEPTED, AckCode.ACCEPTED_WITH_ERRORS)


FUNCTIONAL_ID = {"855": "PR", "856": "SH", "810": "IN", "860": "PC", "850": "PO"}  # GS01 of what we send


def _number(value: str) -> str:
    """A control number as compared: 0001 and 1 are the same set."""
    value = value.strip()
    return str(int(value)) if value.isdigit() else value


def reconcile(session: Session, profile: PartnerProfile, ack: FunctionalAck, inbound_document_id: int) -> str:
    """Apply a partner's functional acknowledgement to the outbound document it answers; a note saying what
    happened (also when it answers nothing we sent)."""
    group = ack.group
    numbers = {group.control_number.strip()}
    if group.control_number.strip().isdigit():
        numbers.add(str(int(group.control_number)))  # ours are written unpadded; partners may pad them
    doc = session.exec(
        select(OutboundDocument)
        .where(
            OutboundDocument.partner_id == profile.partner_id,
            col(OutboundDocument.group_control_number).in_(numbers),
            col(OutboundDocument.doc_type).not_in(NOT_ACKNOWLEDGED),
        )
        .order_by(col(OutboundDocument.id).desc())
        .limit(1)
    ).first()
    if doc is None or FUNCTIONAL_ID.get(doc.doc_type, group.functional_id) != group.functional_id:
        return (
            f"partner {group.functional_id} acknowledgement for group {group.control_number} "
            "matches nothing we sent to this partner"
        )
    ours = [n for n in doc.set_control_numbers.split(",") if n]
    verdicts = {_number(s.control_number): s for s in group.sets if s.set_id in ("", doc.doc_type)}
    rejected = [n for n in ours if _number(n) in verdicts and verdicts[_number(n)].code not in _ACCEPTED]
    accepted = not rejected and group.code in (*_ACCEPTED, AckCode.PARTIALLY_ACCEPTED)
    detail = "; ".join(
        f"set {n}: {verdicts[_number(n)].code.value} {' '.join(verdicts[_number(n)].set_error_codes)} "
        + ", ".join(e.message for e in verdicts[_number(n)].errors[:5])
        for n in ours
        if _number(n) in verdicts
    )
    note = (
        f"partner acknowledgement (inbound document {inbound_document_id}): AK9 {group.code.value} "
        f"for group {group.control_number}" + (f"; {detail.strip()}" if detail else "")
    )
    earlier = session.exec(
        select(AuditEvent.id).where(
            AuditEvent.entity == "outbound",
            AuditEvent.entity_id == str(doc.id),
            AuditEvent.actor == "partner",
            col(AuditEvent.note).contains(f"(inbound document {inbound_document_id})"),
        )
    ).first()
    if earlier is not None:  # the same 997 processed again (a reprocessed document): applied once only
        return f"{note}; already applied to outbound {doc.id}"
    current = OutboundStatus(doc.status)
    if current not in (OutboundStatus.SENT, OutboundStatus.OVERDUE):
        return f"{note}; outbound {doc.id} is {current.value}, left as it is"
    new = OutboundStatus.ACKNOWLEDGED if accepted else OutboundStatus.REJECTED
    set_status(session, doc, new, note=note, actor="partner")
    return f"outbound {doc.id} ({doc.doc_type}) {new.value}: {note}"


def overdue(session: Session, profiles: dict[str, PartnerProfile], now: datetime) -> list[OutboundDocument]:
    """Sent documents whose partner's acknowledgement is later than its profile allows; marked ``overdue``."""
    late: list[OutboundDocument] = []
    rows = session.exec(
        select(OutboundDocument)
        .where(
            OutboundDocument.status == OutboundStatus.SENT.value,
            col(OutboundDocument.doc_type).not_in(NOT_ACKNOWLEDGED),
        )
        .with_for_update(skip_locked=True)  # a 997 being reconciled meanwhile keeps its row (PostgreSQL)
    )
    for doc in list(rows):
        profile = profiles.get(doc.partner_id)
        hours = profile.acknowledgements.ack_due_hours if profile else None
        if hours is None or doc.sent_at is None:
            continue
        sent_at = doc.sent_at if doc.sent_at.tzinfo else doc.sent_at.replace(tzinfo=now.tzinfo)
        if now - sent_at > timedelta(hours=hours):
            set_status(session, doc, OutboundStatus.OVERDUE, note=f"no functional acknowledgement within {hours} h")
            late.append(doc)
    return late
