"""The numbers on the web: ``GET /api/v1/stats`` (JSON), ``GET /dashboard`` (a page), ``GET /metrics`` (Prometheus).

- ``/api/v1/stats?since=30d``: :class:`orderhub.stats.Stats`, for a token holding ``stats:read`` (every role);
  a ``since`` that cannot be read is a 422 naming the accepted forms.
- ``/dashboard?since=30d``: the same numbers as a plain server-rendered page (no script), for a browser session
  (``require_page``: no session → /login).
- ``/metrics``: the Prometheus text format from :class:`orderhub.metrics.HubCollector`. Open by default: it shows
  counts only (no order, partner document or customer data beyond channel names and document types), the web
  app listens on 127.0.0.1 unless ``web.host`` says otherwise, and scrapers are simplest without credentials.
  When ``web.metrics_token_env`` (or ``_file``) is set in orderhub.yaml, a scrape must send
  ``Authorization: Bearer <that token>``
  (Prometheus: ``authorization: {credentials_file: …}``), else 401. API tokens are not used for it: a scraper
  should hold no token that also reads orders.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlmodel import Session

from orderhub.api.auth import require, require_page
from orderhub.api.problems import refused, responses
from orderhub.metrics import hub_registry
from orderhub.settings import read_secret
from orderhub.stats import Stats, compute_stats, human_duration, parse_since, percent
from orderhub.tokens import Permission, Principal

if TYPE_CHECKING:
    from orderhub.hub import Hub

# FastAPI reads these annotations from the module (postponed evaluation): they must live at module level.
Reader = Annotated[Principal, Depends(require(Permission.STATS_READ))]
PageReader = Annotated[Principal, Depends(require_page(Permission.STATS_READ))]
Since = Annotated[
    str | None,
    Query(max_length=40, description="the period's start: 30d (default), 12h, 90m, or an ISO date or date-time"),
]

_pages = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_pages.filters["duration"] = human_duration
_pages.filters["percent"] = percent


def _stats(hub: Hub, since_text: str | None) -> Stats:
    now = datetime.now(UTC)
    try:
        since = parse_since(since_text, now)
    except ValueError as exc:
        raise refused([(["query", "since"], str(exc))], "value_error") from None
    with Session(hub.engine) as session:
        return compute_stats(session, {p.partner_id: p for p in hub.profiles}, since, now)


def router(hub: Hub) -> APIRouter:
    api = APIRouter(tags=["stats"])
    registry = hub_registry(hub.engine, {p.partner_id: p for p in hub.profiles})
    web = hub.config.web
    metrics_token = (
        None
        if web.metrics_token_env is None and web.metrics_token_file is None
        else read_secret(hub.settings, "web: metrics token", web.metrics_token_env, web.metrics_token_file).decode()
    )

    @api.get("/api/v1/stats", response_model=Stats, responses=responses())
    def stats(principal: Reader, since: Since = None) -> Stats:
        """Touchless rate, exceptions by reason, cycle times, orders by channel, outbound waiting on partners."""
        return _stats(hub, since)

    @api.get("/dashboard", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(principal: PageReader, since: Since = None) -> HTMLResponse:
        numbers = _stats(hub, since)
        page = _pages.get_template("dashboard.html").render(stats=numbers, since=since or "30d", who=principal)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @api.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        if metrics_token is not None:
            scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), metrics_token.encode()):
                raise HTTPException(
                    401, "a metrics token is configured: send it as a Bearer token", {"WWW-Authenticate": "Bearer"}
                )
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return api
