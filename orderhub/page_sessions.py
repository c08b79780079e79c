"""Server-side sessions of the review pages.

Signing in on ``/login`` with an API token starts a session: a random 256-bit session id goes into the browser's
cookie and only its SHA-256 into ``page_session``, so the cookie is never an API token (the API refuses it) and a
copy of the table signs nobody in. The server, not the cookie's max-age, decides how long a session counts: until
``expires_at`` (:data:`SESSION_LIFETIME` after sign-in), until logout sets ``revoked_at``, and only while the API
token that signed in is not revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from orderhub.store.models import ApiToken, PageSession, utcnow
from orderhub.tokens import LAST_USED_GRANULARITY, Principal, Role

SESSION_LIFETIME = timedelta(hours=12)
_MAX_SESSION_ID = 100  # token_urlsafe(32) is 43 characters; anything much longer is not ours


def session_hash(session_id: str) -> str:
    """What ``page_session`` keeps of a session id."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(session: Session, principal: Principal, now: datetime | None = None) -> tuple[str, PageSession]:
    """A new session for ``principal`` (already authenticated): (the session id for the cookie; its row).

    The caller commits."""
    now = now or utcnow()
    session_id = secrets.token_urlsafe(32)
    row = PageSession(
        session_hash=session_hash(session_id),
        token_id=principal.token_id,
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
        last_seen_at=now,
    )
    session.add(row)
    session.flush()
    return session_id, row


def session_principal(session: Session, session_id: str, now: datetime | None = None) -> Principal | None:
    """The principal a session id stands for, or None (unknown, expired, logged out, or its token revoked).

    Notes ``last_seen_at`` at most once a minute (one write lock on SQLite per write); the caller commits."""
    if not session_id or len(session_id) > _MAX_SESSION_ID:
        return None
    found = session.exec(
        select(PageSession, ApiToken)
        .join(ApiToken, col(ApiToken.id) == col(PageSession.token_id))
        .where(PageSession.session_hash == session_hash(session_id))
    ).first()
    if found is None:
        return None
    row, token = found
    now = now or utcnow()
    if row.revoked_at is not None or token.revoked_at is not None or now >= row.expires_at:
        return None
    if row.last_seen_at is None or now - row.last_seen_at > LAST_USED_GRANULARITY:
        row.last_seen_at = now
        session.add(row)
    assert token.id is not None
    return Principal(name=token.name, role=Role(token.role), token_id=token.id)


def end_session(session: Session, session_id: str, now: datetime | None = None) -> PageSession | None:
    """Log a session out (its row is kept, revoked); the row, or None when the id is unknown or was already
    logged out. The caller commits."""
    if not session_id or len(session_id) > _MAX_SESSION_ID:
        return None
    row = session.exec(select(PageSession).where(PageSession.session_hash == session_hash(session_id))).first()
    if row is None or row.revoked_at is not None:
        return None
    row.revoked_at = now or utcnow()
    session.add(row)
    return row
