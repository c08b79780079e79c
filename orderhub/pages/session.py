"""Signing in to the pages, and the CSRF check every page form passes.

- ``GET /login`` shows a form where a person pastes their API token; ``POST /login`` checks it, starts a
  server-side session (:mod:`orderhub.page_sessions`: 12 hours, enforced by the server) and keeps only the random
  session id in the HttpOnly, ``SameSite=Strict``, ``Path=/`` cookie :data:`orderhub.api.auth.SESSION_COOKIE`
  (``Secure`` when ``web.secure_cookies``; pages only: the API never reads it), then redirects to ``next`` (a path
  on this site, never another host). The API token itself is kept nowhere. ``POST /logout`` revokes the session
  on the server and drops the cookie.
- CSRF: every form carries the session's token in a hidden field ``csrf``; :func:`csrf_checked` refuses (403) a
  POST whose field is missing or is not :func:`csrf_token` of the session cookie. The token is a digest of the
  session id, so it is per session, needs no more server state, and tells nothing about the session itself.
  The login form, used before there is a session, is protected the same way by a random pre-login cookie.
  SameSite=Strict on both cookies means another site's form does not even carry them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from orderhub.api.auth import SESSION_COOKIE
from orderhub.page_sessions import SESSION_LIFETIME, end_session, start_session
from orderhub.store.models import ApiToken
from orderhub.store.repo import audit
from orderhub.tokens import authenticate

if TYPE_CHECKING:
    from orderhub.hub import Hub

LOGIN_COOKIE = "orderhub_login_csrf"  # the login form's own CSRF secret, before there is a session
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def csrf_token(session_id: str) -> str:
    """The CSRF token of a session: a digest of its (HttpOnly) session id, which a page shows and a form posts
    back. Not the session's stored hash (that is a plain SHA-256 of the id): knowing one tells nothing of the other."""
    return hashlib.sha256(f"orderhub-csrf:{session_id}".encode()).hexdigest()


def csrf_checked(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """A dependency for every page POST: 403 unless the form's ``csrf`` is the session's CSRF token."""
    session_id = request.cookies.get(SESSION_COOKIE)
    if not session_id or not csrf or not hmac.compare_digest(csrf.encode(), csrf_token(session_id).encode()):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page and try again")


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page from ``templates/``, with the session's CSRF token (``csrf``) for its forms."""
    session_id = request.cookies.get(SESSION_COOKIE)
    context = {"csrf": csrf_token(session_id) if session_id else "", **context}
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    # the pages hold order data and a CSRF token: never cached, never framed by another site
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    return response


def safe_next(target: str | None) -> str:
    """Where to go after login: a path on this site only (``/x``), never ``//host`` or ``https://…``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/review"
    return target


def router(hub: Hub) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    secure = hub.config.web.secure_cookies  # behind TLS: the browser never sends the cookies over plain HTTP

    def _cookie(response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict", secure=secure)

    def _drop(response: Response, name: str) -> None:
        response.delete_cookie(name, path="/", httponly=True, samesite="strict", secure=secure)

    @pages.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/review") -> Response:
        secret = secrets.token_urlsafe(24)
        response = render(request, "login.html", {"next": safe_next(next), "login_csrf": secret, "error": None})
        _cookie(response, LOGIN_COOKIE, secret, 3600)
        return response

    @pages.post("/login", response_class=HTMLResponse)
    def login(
        request: Request,
        token: Annotated[str, Form()] = "",
        next: Annotated[str, Form()] = "/review",
        login_csrf: Annotated[str, Form()] = "",
    ) -> Response:
        expected = request.cookies.get(LOGIN_COOKIE)
        if not expected or not login_csrf or not hmac.compare_digest(expected.encode(), login_csrf.encode()):
            raise HTTPException(403, "the login form's CSRF token is missing or wrong; reload the page")
        with Session(hub.engine) as session:
            principal = authenticate(session, token.strip())
            session_id = None
            if principal is not None:
                session_id, _ = start_session(session, principal)
                audit(session, "token", str(principal.token_id), "signed_in", note="pages", actor=principal.actor)
            session.commit()
        if principal is None or session_id is None:
            secret = secrets.token_urlsafe(24)
            context = {"next": safe_next(next), "login_csrf": secret, "error": "That token is not valid."}
            response = render(request, "login.html", context, status_code=401)
            _cookie(response, LOGIN_COOKIE, secret, 3600)
            return response
        redirect = RedirectResponse(safe_next(next), status_code=303)
        # the browser may drop it sooner; the server refuses it after SESSION_LIFETIME whatever the browser does
        _cookie(redirect, SESSION_COOKIE, session_id, int(SESSION_LIFETIME.total_seconds()))
        _drop(redirect, LOGIN_COOKIE)
        return redirect

    @pages.post("/logout")
    def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
        csrf_checked(request, csrf)
        with Session(hub.engine) as session:
            ended = end_session(session, request.cookies.get(SESSION_COOKIE, ""))
            token_row = session.get(ApiToken, ended.token_id) if ended is not None else None
            if token_row is not None:
                actor = f"{token_row.role}:{token_row.name}"
                audit(session, "token", str(token_row.id), "signed_out", note="pages", actor=actor)
            session.commit()
        response = RedirectResponse("/login?next=" + quote("/review", safe=""), status_code=303)
        _drop(response, SESSION_COOKIE)
        return response

    return pages
