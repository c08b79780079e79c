"""What an AS2 send with an asynchronous MDN returns, and what a received MDN says; no pyas2lib here, so the
dispatcher and the core can import it without loading the AS2 stack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from connectors.base import Receipt

# the start of every reason a verified MDN gives for not confirming delivery (a failure disposition, another
# MIC): a resend by hand after one is a new message, under a new Message-ID (orderhub.outbox.resend)
NEGATIVE_MDN = "negative MDN"


@dataclass
class MdnPending(Receipt):
    """Posted, and the partner's HTTP answer was positive, but delivery is not confirmed yet: the partner
    POSTs the MDN later. It must name ``message_id`` and, for a signed message, report ``mic``; if it has not
    arrived by ``mdn_due_at``, the message is expired (and resent with the same Message-ID, or dead)."""

    message_id: str = ""
    mic: str | None = None
    mdn_due_at: datetime | None = None


@dataclass
class SentMessage:
    """What we recorded about a message awaiting its MDN: enough to verify the MDN against it."""

    message_id: str
    mic: str | None


@dataclass
class MdnVerdict:
    """A received asynchronous MDN, judged.

    ``delivered``: True when the MDN verified and is positive with our MIC (or "duplicate-document": the
    partner already had it); False when it verified and reports a failure or another MIC; None when it cannot
    be trusted (its signature does not verify, it is unsigned where a signed one was asked for, it cannot be
    read) or answers nothing we are waiting for: then nothing changes, and the message expires unless a
    genuine MDN follows.
    """

    original_message_id: str | None
    matched: bool
    delivered: bool | None
    reason: str
    status: str | None = None
    detail: str | None = None
