"""The ERP's API and the pages people use, as routers mounted on the hub's one web app (:mod:`orderhub.web`).

Each module here contributes routers through :data:`ROUTERS`: a function ``(hub) -> APIRouter``. Adding a part
of the API is adding a module and a line below; :func:`orderhub.web.create_app` mounts them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import APIRouter

if TYPE_CHECKING:
    from orderhub.hub import Hub

RouterFactory = Callable[["Hub"], APIRouter]


def routers() -> list[RouterFactory]:
    """Every router factory, in mounting order (imported here, not at module import, to keep start-up light)."""
    from orderhub import pages
    from orderhub.api import documents_api, masterdata_api, orders_api, stats_api, tokens_api, webhooks_api

    return [
        tokens_api.router,
        orders_api.router,
        documents_api.router,
        masterdata_api.router,
        webhooks_api.router,
        stats_api.router,
        pages.router,
    ]
