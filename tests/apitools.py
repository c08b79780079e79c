"""The hub's web app served for real (uvicorn on 127.0.0.1, a free port) with a token per role.

The fixtures ``api`` (SQLite and PostgreSQL) and ``sqlite_api`` are in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlmodel import Session

from orderhub.tokens import Role, create_token


@dataclass
class Api:
    """A running app over a workspace: ``client(role)`` is an httpx client carrying that role's token."""

    workspace: Any
    hub: object
    base_url: str
    tokens: dict[Role, str] = field(default_factory=dict)

    def token(self, role: Role, name: str | None = None) -> str:
        with Session(self.hub.engine) as session:  # type: ignore[attr-defined]
            token, _ = create_token(session, name or f"test-{role.value}", role)
            session.commit()
        return token

    def client(self, role: Role | None = None, token: str | None = None) -> httpx.Client:
        headers = {}
        if role is not None:
            if role not in self.tokens:
                self.tokens[role] = self.token(role)
            token = self.tokens[role]
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


@contextmanager
def serve(workspace: Any) -> Iterator[Api]:
    from orderhub.web import WebServer, create_app

    hub = workspace.hub()
    server = WebServer(create_app(hub), "127.0.0.1", 0).start()
    try:
        yield Api(workspace, hub, server.base_url)
    finally:
        server.stop()
        hub.close()
