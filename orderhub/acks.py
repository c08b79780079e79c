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
from orderhub.store.models import OutboundDocument
from orderhub.store.repo import set_status
from schemas.acknowledgement import AckCode, FunctionalAck
from schemas.status import OutboundStatus

NOT_ACKNOWLEDGED = ("997", "999", "TA1")  # X12 never acknowledges an acknowledgement
_ACCEPTED = (AckCode.ACCEPTED, AckCode.ACCEPTED_WITH_ERRORS)


def _same_number(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    return a == b or (a.isdigit() and b.isdigit() and int(a) == int(b))


def reconcile(session: Session, profile: PartnerProfile, ack: FunctionalAck, inbound_document_id: int) -> str:
    """Apply a partner's functional acknowledgement to the outbound document it answers; a note saying what
    happened (also when it answers nothing we sent)."""
    group = ack.group
    candidates = session.exec(
        select(OutboundDocument).where(
            OutboundDocument.partner_id == profile.partner_id,
            col(OutboundDocument.doc_type).not_in(NOT_ACKNOWLEDGED),
        )
    )
    sent = [d for d in candidates if _same_number(d.group_control_number, group.control_number)]
    if not sent:
        return (
            f"partner {group.functional_id} acknowledgement for group {group.control_number} "
            "matches nothing we sent to this partner"
        )
    doc = max(sent, key=lambda d: d.id or 0)
    ours = [n for n in doc.set_control_numbers.split(",") if n]
    verdicts = {s.control_number.strip(): s for s in group.sets}
    rejected = [n for n in ours if n in verdicts and verdicts[n].code not in _ACCEPTED]
    accepted = group.code in _ACCEPTED or (group.code is AckCode.PARTIALLY_ACCEPTED and not rejected)
    detail = "; ".join(
        f"set {n}: {verdicts[n].code.value} {' '.join(verdicts[n].set_error_codes)} "
        + ", ".join(e.message for e in verdicts[n].errors[:5])
        for n in ours
        if n in verdicts
    )
    note = (
        f"partner acknowledgement (inbound document {inbound_document_id}): AK9 {group.code.value} "
        f"for group {group.control_number}" + (f"; {detail.strip()}" if detail else "")
    )
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
        select(OutboundDocument).where(
            OutboundDocument.status == OutboundStatus.SENT.value,
            col(OutboundDocument.doc_type).not_in(NOT_ACKNOWLEDGED),
        )
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
