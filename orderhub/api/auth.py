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

from orderhub.tokens import Permission, Principal, authenticate

bearer = HTTPBearer(auto_error=False, description="an API token from `orderhub tokens create`")
# Route signatures take ``caller: Annotated[Principal, Depends(require(Permission.X))]`` with the alias at module
# level: with ``from __future__ import annotations`` FastAPI resolves annotations in the module's globals.


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
