"""Tokens: stored only as salted hashes, refused when missing, wrong or revoked; only an admin manages them."""

from __future__ import annotations

from sqlmodel import Session, select

from orderhub.store.models import ApiToken, AuditEvent
from orderhub.tokens import Role


def test_only_an_admin_manages_tokens_and_the_token_is_stored_only_as_a_hash(api):
    admin = api.client(Role.ADMIN)
    made = admin.post("/api/v1/tokens", json={"name": "erp-prod", "role": "erp"})
    assert made.status_code == 201, made.text
    token = made.json()["token"]
    assert token.startswith("oh_")
    with Session(api.hub.engine) as session:
        rows = list(session.exec(select(ApiToken)))
        assert all(token not in (r.token_hash, r.salt, r.prefix) for r in rows)
        assert all(token.split("_", 2)[2] not in repr(r.model_dump()) for r in rows)
    for role in (Role.ERP, Role.REVIEWER):
        refused = api.client(role).post("/api/v1/tokens", json={"name": "x", "role": "admin"})
        assert refused.status_code == 403 and "tokens:manage" in refused.json()["detail"]
    listed = admin.get("/api/v1/tokens").json()
    assert {"erp-prod"} <= {t["name"] for t in listed} and all("token" not in t for t in listed)
    erp = api.client(token=token)
    assert erp.get("/api/v1/tokens").status_code == 403  # authenticated, but not an admin
    revoked = admin.delete(f"/api/v1/tokens/{made.json()['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    after = erp.get("/api/v1/tokens")
    assert after.status_code == 401 and after.headers["www-authenticate"] == "Bearer"
    with Session(api.hub.engine) as session:
        trail = [(e.to_status, e.actor) for e in session.exec(select(AuditEvent).where(AuditEvent.entity == "token"))]
    assert ("created", "admin:test-admin") in trail and ("revoked", "admin:test-admin") in trail


def test_missing_malformed_and_wrong_tokens_are_refused(api):
    good = api.token(Role.ADMIN)
    wrong_secret = good[: good.rindex("_") + 1] + "A" * 43
    for headers in (
        {},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer nonsense"},
        {"Authorization": f"Bearer {wrong_secret}"},
        {"Authorization": "Bearer oh_" + "x" * 500},
    ):
        answer = api.client().get("/api/v1/tokens", headers=headers)
        assert answer.status_code in (401, 403) and answer.status_code == 401, (headers, answer.text)
    assert api.client(token=good).get("/api/v1/tokens").status_code == 200


def _raw_post(base_url: str, token: str, headers: str, body_chunks) -> bytes:
    """POST over a plain socket, sending body chunks until the server answers; what it answered."""
    import select
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(base_url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(
            f"POST /api/v1/tokens HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\n{headers}\r\n".encode()
        )
        for chunk in body_chunks:
            if select.select([sock], [], [], 0)[0]:
                break  # answered before the body was all sent
            try:
                sock.sendall(chunk)
            except OSError:
                break
        return sock.recv(65536)


def test_an_oversize_body_is_refused_before_it_is_read(api):
    limit = api.hub.config.web.max_body_mb * 1024 * 1024
    token = api.token(Role.ADMIN)
    declared = _raw_post(api.base_url, token, f"Content-Length: {limit + 1}\r\n", [b" " * 1024] * 4)
    assert declared.startswith(b"HTTP/1.1 413"), declared[:200]  # refused from the header, 4 KiB of 10 MiB sent

    def chunked():  # no Content-Length: cut off as it streams past the limit
        for _ in range(limit // 65536 + 4):
            yield b"10000\r\n" + b" " * 65536 + b"\r\n"

    streamed = _raw_post(api.base_url, token, "Transfer-Encoding: chunked\r\n", chunked())
    assert streamed.startswith(b"HTTP/1.1 413"), streamed[:200]
    assert api.client(token=token).get("/api/v1/tokens").status_code == 200  # and the app goes on


def test_the_cli_prints_a_token_once_and_lists_without_it(workspace):
    workspace.hub()
    token = workspace.cli("tokens", "create", "night-batch", "--role", "erp").strip()
    assert token.startswith("oh_")
    listing = workspace.cli("tokens", "list")
    assert "night-batch" in listing and token not in listing
