"""The pages people use in a plain browser (same app as the API): signing in and the reviewer's pages.

Pages authenticate with the session cookie set at ``/login`` (:func:`orderhub.api.auth.require_page`), never
with the API's Bearer header, and every form is CSRF-checked (:mod:`orderhub.pages.session`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

if TYPE_CHECKING:
    from orderhub.hub import Hub


def router(hub: Hub) -> APIRouter:
    """Every page route of the hub."""
    from orderhub.pages import review, session

    pages = APIRouter(include_in_schema=False)
    pages.include_router(session.router(hub))
    pages.include_router(review.router(hub))
    return pages
