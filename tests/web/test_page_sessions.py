"""Server-side page sessions: the cookie is a random session id, never the API token; the server ends a session at
logout, after 12 hours and when its token is revoked; only the id's hash is stored; ``Secure`` behind TLS."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import httpx
import pytest
import yaml
from apitools import serve
from reviewtools import Reviewer, csrf_in
from sqlmodel import Session, select

from orderhub.page_sessions import SESSION_LIFETIME
from orderhub.store.models import PageSession, utcnow
from orderhub.tokens import Role, revoke


def _sessions(api) -> list[PageSession]:
    with Session(api.hub.engine) as session:
        return list(session.exec(select(PageSession)))


def _replay(api, session_id: str) -> httpx.Response:
    """A fresh client holding only a copied cookie (what a thief would have)."""
    thief = httpx.Client(base_url=api.base_url, follow_redirects=False, timeout=30)
    thief.cookies.set("orderhub_session", session_id)
    return thief.get("/review")


def test_the_cookie_is_a_session_id_the_api_refuses_and_only_its_hash_is_stored(api):
    reviewer = Reviewer(api)
    session_id = reviewer.http.cookies["orderhub_session"]
    assert session_id != reviewer.token and reviewer.token not in session_id and not session_id.startswith("oh_")
    assert len(session_id) >= 43  # 256 random bits, URL-safe base64
    assert reviewer.page("/review").status_code == 200
    assert _replay(api, session_id).status_code == 200  # the cookie alone is the session…
    assert api.client(token=session_id).get("/api/v1/orders").status_code == 401  # …and never an API token
    assert api.client(token=reviewer.token).get("/api/v1/orders").status_code == 200
    rows = _sessions(api)
    assert len(rows) == 1
    row = rows[0]
    assert row.session_hash == hashlib.sha256(session_id.encode()).hexdigest()
    stored = " ".join(str(v) for v in row.model_dump().values())
    assert session_id not in stored and reviewer.token not in stored
    assert row.revoked_at is None and row.expires_at - row.created_at == SESSION_LIFETIME == timedelta(hours=12)
    assert row.last_seen_at is not None


def test_logout_ends_the_session_on_the_server(sqlite_api):
    api = sqlite_api
    reviewer = Reviewer(api)
    session_id = reviewer.http.cookies["orderhub_session"]
    out = reviewer.post("/logout", csrf=csrf_in(reviewer.page("/review").text))
    assert out.status_code == 303 and out.headers["location"].startswith("/login")
    (row,) = _sessions(api)
    assert row.revoked_at is not None
    replayed = _replay(api, session_id)  # the old cookie, kept by someone who copied it before the logout
    assert replayed.status_code == 303 and replayed.headers["location"] == "/login?next=%2Freview"
    assert api.client(token=reviewer.token).get("/api/v1/orders").status_code == 200  # the token itself lives on


def test_an_expired_session_is_refused_whatever_the_cookie_says(sqlite_api):
    api = sqlite_api
    reviewer = Reviewer(api)
    assert reviewer.page("/review").status_code == 200
    with Session(api.hub.engine) as session:
        (row,) = session.exec(select(PageSession)).all()
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
        session.commit()
    expired = reviewer.page("/review")  # the browser still sends the cookie (max-age is only advice)
    assert expired.status_code == 303 and expired.headers["location"] == "/login?next=%2Freview"


def test_revoking_the_token_ends_its_page_sessions(api):
    first = Reviewer(api, name="alice")
    with Session(api.hub.engine) as session:
        token_id = session.exec(select(PageSession)).one().token_id
    second = httpx.Client(base_url=api.base_url, follow_redirects=False, timeout=30)
    form = second.get("/login")
    second.post("/login", data={"token": first.token, "next": "/review", "login_csrf": csrf_of_login(form.text)})
    other = Reviewer(api, name="bob")
    assert first.page("/review").status_code == 200 and second.get("/review").status_code == 200
    with Session(api.hub.engine) as session:
        revoke(session, token_id)
        session.commit()
    for client in (first.http, second):
        refused = client.get("/review")
        assert refused.status_code == 303 and refused.headers["location"] == "/login?next=%2Freview"
    assert other.page("/review").status_code == 200  # another token's session is not touched
    ended = [row for row in _sessions(api) if row.token_id == token_id]
    assert len(ended) == 2 and all(row.revoked_at is not None for row in ended)


def test_a_session_is_refused_when_its_token_is_revoked_behind_its_back(sqlite_api):
    """Even a row not marked revoked (revoked some other way) counts for nothing once its token is revoked."""
    from orderhub.store.models import ApiToken

    api = sqlite_api
    reviewer = Reviewer(api)
    with Session(api.hub.engine) as session:
        (token,) = session.exec(select(ApiToken)).all()
        token.revoked_at = utcnow()
        session.add(token)
        session.commit()
    assert reviewer.page("/review").status_code == 303


def csrf_of_login(page: str) -> str:
    return page.split('name="login_csrf" value="')[1].split('"')[0]


@pytest.mark.parametrize("secure", [False, True])
def test_secure_cookies_puts_secure_on_the_cookies(sqlite_workspace, secure):
    config = yaml.safe_load((sqlite_workspace.root / "orderhub.yaml").read_text())
    config.setdefault("web", {})["secure_cookies"] = secure
    (sqlite_workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    with serve(sqlite_workspace) as api:
        browser = httpx.Client(base_url=api.base_url, follow_redirects=False, timeout=30)
        form = browser.get("/login")
        assert ("; secure" in form.headers["set-cookie"].lower()) is secure
        login_csrf = csrf_of_login(form.text)
        # over plain HTTP a client keeps a Secure cookie to itself: hand the login form's cookie back explicitly
        signed = httpx.post(
            f"{api.base_url}/login",
            data={"token": api.token(Role.REVIEWER), "next": "/review", "login_csrf": login_csrf},
            headers={"Cookie": f"orderhub_login_csrf={login_csrf}"},
            timeout=30,
        )
        assert signed.status_code == 303, signed.text
        session_cookie = next(c for c in signed.headers.get_list("set-cookie") if c.startswith("orderhub_session="))
        assert ("; secure" in session_cookie.lower()) is secure
        assert "httponly" in session_cookie.lower() and "samesite=strict" in session_cookie.lower()


def test_last_seen_is_written_at_most_once_a_minute(sqlite_api):
    from orderhub.page_sessions import session_principal, start_session
    from orderhub.tokens import authenticate

    api = sqlite_api
    start = utcnow()
    with Session(api.hub.engine) as session:
        principal = authenticate(session, api.token(Role.REVIEWER, "carol"))
        assert principal is not None
        session_id, row = start_session(session, principal, now=start)
        assert session_principal(session, session_id, now=start + timedelta(seconds=30)) == principal
        assert row.last_seen_at == start  # within the minute: no write
        later = start + timedelta(minutes=2)
        assert session_principal(session, session_id, now=later) == principal
        assert row.last_seen_at == later
        assert session_principal(session, session_id, now=start + SESSION_LIFETIME) is None  # the server's clock
        assert session_principal(session, "x" * 500) is None and session_principal(session, "") is None
