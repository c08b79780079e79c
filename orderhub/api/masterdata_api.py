"""``/api/v1/masterdata/{kind}``: the ERP sends customers, ship-tos, items, price lists and cross-references.

``PUT`` or ``POST`` with a JSON list of rows, or ``POST …/{kind}/csv`` with a CSV body (the folder import's
columns): upserted row by row, answered with the report of :mod:`orderhub.masterdata_upsert` (created,
updated with old → new, unchanged, rejected with row, column and reason). ``?dry_run=true`` checks and reports
without writing. Only a role holding ``masterdata:write`` (the ERP) may; each change is audited with its token.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.exceptions import RequestValidationError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from orderhub.api.auth import require
from orderhub.api.problems import responses
from orderhub.masterdata_rows import ROW_MODELS, Kind, MasterDataFileError, csv_columns, read_csv
from orderhub.masterdata_upsert import UpsertReport, upsert
from orderhub.tokens import Permission, Principal

if TYPE_CHECKING:
    from orderhub.hub import Hub

# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Erp = Annotated[Principal, Depends(require(Permission.MASTERDATA_WRITE))]
Rows = Annotated[
    list[dict[str, Any]],
    Body(
        description="rows of the kind: "
        + "; ".join(f"{kind.value}: {', '.join(model.model_fields)}" for kind, model in ROW_MODELS.items()),
        max_length=100_000,
    ),
]

_CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string", "description": "a header line, then one row a line"}}},
    }
}


def _unreadable(message: str) -> RequestValidationError:
    """A CSV refused as a whole: 422 in FastAPI's usual shape (``detail`` a list of ``loc``/``msg``/``type``)."""
    return RequestValidationError([{"loc": ("body",), "msg": message, "type": "value_error"}])


def router(hub: Hub) -> APIRouter:
    api = APIRouter(prefix="/api/v1/masterdata", tags=["masterdata"], responses=responses(400))

    def run(
        kind: Kind, rows: Sequence[tuple[int, Mapping[str, Any]]], actor: str, source: str, dry: bool
    ) -> UpsertReport:
        with Session(hub.engine) as session:
            report = upsert(session, kind, rows, actor=actor, source=source, dry_run=dry)
            if dry:
                session.rollback()
            else:
                session.commit()
        return report

    def upsert_json(kind: Kind, rows: Rows, principal: Erp, dry_run: bool = False) -> UpsertReport:
        """Upsert a JSON list of rows; the answer reports each row (HTTP 200 even when some are rejected)."""
        return run(kind, list(enumerate(rows, start=1)), principal.actor, "api", dry_run)

    for method in ("PUT", "POST"):
        api.add_api_route(
            "/{kind}",
            upsert_json,
            methods=[method],
            response_model=UpsertReport,
            operation_id=f"masterdata_upsert_{method.lower()}",
            summary="Upsert master data rows (JSON)",
        )

    @api.post(
        "/{kind}/csv",
        response_model=UpsertReport,
        openapi_extra=_CSV_BODY,
        operation_id="masterdata_upsert_csv",
        summary="Upsert master data rows (CSV)",
    )
    async def upsert_csv(kind: Kind, request: Request, principal: Erp, dry_run: bool = False) -> UpsertReport:
        """A CSV body with the folder import's columns; a missing or unknown column refuses the file (422)."""
        body = await request.body()
        try:
            rows = read_csv(kind, body.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise _unreadable(f"the CSV is not UTF-8 (byte {exc.start})") from None
        except MasterDataFileError as exc:
            raise _unreadable(str(exc)) from None
        except csv.Error as exc:
            raise _unreadable(f"not a readable CSV: {exc}") from None
        return await run_in_threadpool(run, kind, rows, principal.actor, "csv", dry_run)

    @api.get("/{kind}/columns", operation_id="masterdata_columns", summary="The CSV columns of a kind")
    def columns(kind: Kind, principal: Erp) -> dict[str, list[str]]:
        required, optional = csv_columns(kind)
        return {"required": required, "optional": optional}

    return api
