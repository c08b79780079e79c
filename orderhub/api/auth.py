"""Authentication for the API: ``Authorization: Bearer oh_…`` → :class:`orderhub.tokens.Principal`.

``Depends(require(Permission.X))`` on a route answers 401 (with ``WWW-Authenticate: Bearer``) for a missing,
malformed, unknown or revoked token, and 403 naming the permission when the token's role lacks it. The hub's
engine is taken from ``request.app.state.hub``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from orderhub.page_sessions import session_principal
from orderhub.tokens import Permission, Principal, authenticate

bearer = HTTPBearer(auto_error=False, description="an API token from `orderhub tokens create`")
# Route signatures take ``caller: Annotated[Principal, Depends(require(Permission.X))]`` with the alias at module
# level: with ``from __future__ import annotations`` FastAPI resolves annotations in the module's globals.


# What every protected route may answer besides its own results, for the OpenAPI document.


def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "an API token is required (Authorization: Bearer …)", {"WWW-Authenticate": "Bearer"})
    with Session(request.app.state.hub.engine) as session:
        principal = authenticate(session, credentials.credentials)
        session.commit()  # last_used_at
    if principal is None:
        raise HTTPException(
            401, "the API token is not valid (unknown, malformed or revoked)", {"WWW-Authenticate": "Bearer"}
        )
    return principal


def require(permission: Permission) -> Callable[..., Principal]:
    """A dependency that yields the caller when its role holds ``permission``."""

    def dependency(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.may(permission):
            raise HTTPException(403, f"role {principal.role.value} may not do this (needs {permission.value})")
        return principal

    return dependency


# Pages (review queue, dashboard) are used from a browser: the API token is given once on /login, which starts a
# server-side session (orderhub/page_sessions.py) and keeps only its random id in an HttpOnly, SameSite=Strict
# cookie; the cookie is never an API token. Only page routes accept the cookie; the API takes Bearer tokens only,
# so a cookie can never authorise an API call made by another site. Page forms that change anything also check a
# CSRF token (orderhub/pages).
SESSION_COOKIE = "orderhub_session"


class LoginRequired(Exception):
    """A page was asked for without a valid session: the app answers with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def page_principal(request: Request) -> Principal:
    """The principal of the page session the cookie names; LoginRequired when there is none, or it expired, was
    logged out, or its API token was revoked."""
    session_id = request.cookies.get(SESSION_COOKIE)
    principal = None
    if session_id:
        with Session(request.app.state.hub.engine) as session:
            principal = session_principal(session, session_id)
            session.commit()  # last_seen_at
    if principal is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return principal


def require_page(permission: Permission) -> Callable[..., Principal]:
    """Like :func:`require`, for pages: no session → redirect to /login; a role without ``permission`` → 403."""

    def dependency(principal: Annotated[Principal, Depends(page_principal)]) -> Principal:
        if not principal.may(permission):
            raise HTTPException(403, f"role {principal.role.value} may not see this (needs {permission.value})")
        return principal

    return dependency
