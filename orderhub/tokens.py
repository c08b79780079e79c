"""API tokens and roles: who may do what through the web app.

A token is ``oh_<prefix>_<secret>``: the prefix (public, 12 hex digits) finds the row, the secret (256 random
bits) is checked against a salted SHA-256 kept in ``api_token``; the token itself is shown once, when it is
created, and stored nowhere. A fast hash is right here because the secret is random, not a password: a slow
hash would buy nothing against guessing 2**256 values and cost every request.

Roles are separate duties (issue 8): the ERP consumes orders and sends what happened to them, but cannot
release a held order; a reviewer fixes and releases held orders and adds cross-references, but cannot change
items, prices, customers or partner profiles; an admin manages tokens and webhooks. Each permission is named,
and :data:`PERMISSIONS` is the one table that says which role holds it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select, update

from orderhub.roles import Role
from orderhub.store.models import ApiToken, PageSession, utcnow


class Permission(StrEnum):
    ORDERS_READ = "orders:read"  # the feed, order detail, trail
    ORDERS_BOOK = "orders:book"  # the ERP booked an order under its number
    ORDERS_DECIDE = "orders:decide"  # the ERP's accept/backorder/change/reject per line (→ 855)
    SHIPMENTS_WRITE = "shipments:write"  # → 856
    INVOICES_WRITE = "invoices:write"  # → 810
    MASTERDATA_WRITE = "masterdata:write"  # customers, ship-tos, items, price lists
    REVIEW = "review"  # edit a held order, release or reject it
    XREF_WRITE = "xref:write"  # map a customer's item or ship-to (remembered)
    STATS_READ = "stats:read"
    TOKENS_MANAGE = "tokens:manage"
    WEBHOOKS_MANAGE = "webhooks:manage"


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ERP: frozenset(
        {
            Permission.ORDERS_READ,
            Permission.ORDERS_BOOK,
            Permission.ORDERS_DECIDE,
            Permission.SHIPMENTS_WRITE,
            Permission.INVOICES_WRITE,
            Permission.MASTERDATA_WRITE,
            Permission.STATS_READ,
        }
    ),
    Role.REVIEWER: frozenset({Permission.ORDERS_READ, Permission.REVIEW, Permission.XREF_WRITE, Permission.STATS_READ}),
    Role.ADMIN: frozenset(
        {Permission.ORDERS_READ, Permission.STATS_READ, Permission.TOKENS_MANAGE, Permission.WEBHOOKS_MANAGE}
    ),
}

PREFIX = "oh_"
LAST_USED_GRANULARITY = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name (what the audit trail records), its role and id."""

    name: str
    role: Role
    token_id: int

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    @property
    def actor(self) -> str:
        return f"{self.role.value}:{self.name}"


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def create_token(session: Session, name: str, role: Role, created_by: str = "cli") -> tuple[str, ApiToken]:
    """A new token: returns (the token, shown once; its row). The caller commits."""
    if not name.strip():
        raise ValueError("a token needs a name (it is what the audit trail shows)")
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    row = ApiToken(
        name=name.strip(),
        role=role.value,
        prefix=prefix,
        salt=salt,
        token_hash=_digest(salt, secret),
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return f"{PREFIX}{prefix}_{secret}", row


def authenticate(session: Session, token: str, now: datetime | None = None) -> Principal | None:
    """The principal a presented token stands for, or None (malformed, unknown, wrong secret, revoked)."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    prefix, _, secret = token[len(PREFIX) :].partition("_")
    if not prefix or not secret:
        return None
    row = session.exec(select(ApiToken).where(ApiToken.prefix == prefix)).first()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.token_hash, _digest(row.salt, secret)):
        return None
    now = now or utcnow()
    last = row.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or now - last > LAST_USED_GRANULARITY:
        # at most one write a minute per token: on SQLite every write takes the database's one write lock
        row.last_used_at = now
        session.add(row)
    assert row.id is not None
    return Principal(name=row.name, role=Role(row.role), token_id=row.id)


def revoke(session: Session, token_id: int, now: datetime | None = None) -> ApiToken:
    """Revoke a token and end the page sessions it signed in. The caller commits."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise LookupError(f"no token {token_id}")
    if row.revoked_at is None:
        row.revoked_at = now or utcnow()
        session.add(row)
    # the page sessions it signed in end with it (they are refused anyway once the token is revoked; this
    # records when, beside the token's own revoked_at)
    session.execute(
        update(PageSession)
        .where(col(PageSession.token_id) == token_id, col(PageSession.revoked_at).is_(None))
        .values(revoked_at=row.revoked_at)
    )
    return row


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).order_by(col(ApiToken.id))))
