"""``/api/v1/tokens``: an admin creates, lists and revokes API tokens (audited)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlmodel import Session

from orderhub.api.auth import require
from orderhub.api.problems import NO_NUL, responses
from orderhub.store.repo import audit
from orderhub.tokens import Permission, Principal, Role, create_token, list_tokens, revoke

if TYPE_CHECKING:
    from orderhub.hub import Hub


# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Admin = Annotated[Principal, Depends(require(Permission.TOKENS_MANAGE))]


class TokenIn(BaseModel):
    name: str = Field(
        min_length=1, max_length=100, pattern=NO_NUL, description="who holds it; the audit trail shows it"
    )
    role: Role


class TokenOut(BaseModel):
    id: int
    name: str
    role: Role
    created_at: datetime
    created_by: str
    revoked_at: datetime | None
    last_used_at: datetime | None


class NewToken(TokenOut):
    token: str = Field(description="shown once; only its salted hash is stored")


def router(hub: Hub) -> APIRouter:
    api = APIRouter(prefix="/api/v1/tokens", tags=["tokens"])

    @api.get("", response_model=list[TokenOut], responses=responses())
    def tokens(principal: Admin) -> list[TokenOut]:
        with Session(hub.engine) as session:
            return [TokenOut.model_validate(row, from_attributes=True) for row in list_tokens(session)]

    @api.post("", response_model=NewToken, status_code=201, responses=responses(400))
    def create(body: TokenIn, principal: Admin) -> NewToken:
        with Session(hub.engine) as session:
            token, row = create_token(session, body.name, body.role, created_by=principal.actor)
            audit(session, "token", str(row.id), "created", note=f"{row.name} ({row.role})", actor=principal.actor)
            session.commit()
            session.refresh(row)
            return NewToken(token=token, **TokenOut.model_validate(row, from_attributes=True).model_dump())

    @api.delete("/{token_id}", response_model=TokenOut, responses=responses(404))
    def revoke_token(token_id: int, principal: Admin) -> TokenOut:
        with Session(hub.engine) as session:
            try:
                row = revoke(session, token_id)
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
            audit(session, "token", str(row.id), "revoked", note=row.name, actor=principal.actor)
            session.commit()
            session.refresh(row)
            return TokenOut.model_validate(row, from_attributes=True)

    return api
