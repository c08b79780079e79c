"""Error bodies the ERP API answers with, declared in OpenAPI so that clients (and schemathesis) can rely on them.

Every error is ``{"detail": ...}`` as FastAPI writes it: a sentence for 401/403/404/409, and for 422 a list of
problems, each with the ``loc`` of the field it concerns (``["body", "orders", 0, "packages", 1, "sscc"]``), the
message and a ``type``. Our own refusals (a shipment that contradicts its order) use the same shape as
FastAPI's validation errors, so an ERP handles both with one parser.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel, ConfigDict, Field

Loc = list[str | int]
NO_NUL = r"^[^\x00]*$"  # the pattern of text parameters: PostgreSQL refuses NUL in text, which must be a 422


class Problem(BaseModel):
    """401, 403, 404, 409: what went wrong, in one sentence."""

    detail: str


class FieldProblem(BaseModel):
    """One reason a request was refused, and the field it concerns."""

    model_config = ConfigDict(extra="allow")  # FastAPI's validation errors add input, ctx, url

    loc: Loc = Field(description='where: "body" then the path to the field, or "query"/"path" and the name')
    msg: str
    type: str = Field(description="refused (contradicts the order or the partner's rules) or pydantic's error type")


class Refusal(BaseModel):
    """422: every reason at once, so the ERP fixes them in one go."""

    detail: list[FieldProblem]


_MODELS: dict[int, tuple[type[BaseModel], str]] = {
    400: (Problem, "the body is not JSON (or not UTF-8)"),
    401: (Problem, "no valid API token (Authorization: Bearer …)"),
    403: (Problem, "the token's role may not do this"),
    404: (Problem, "no such order"),
    409: (Problem, "the order's state does not allow it (the sentence says why)"),
    413: (Problem, "request body too large"),
    422: (Refusal, "invalid or refused: every reason, each with the field it concerns"),
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route answering these error codes (401, 403 and 422 are always there; give 400
    for a route with a body: FastAPI answers it for a body it cannot parse)."""
    wanted = sorted({401, 403, 422, *codes})
    return {code: {"model": _MODELS[code][0], "description": _MODELS[code][1]} for code in wanted}


def refused(problems: list[tuple[Loc, str]], type_: str = "refused") -> HTTPException:
    """A 422 listing ``(loc, message)`` pairs in the shape of FastAPI's validation errors."""
    return HTTPException(422, [{"loc": loc, "msg": msg, "type": type_} for loc, msg in problems])
