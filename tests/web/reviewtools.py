"""Helpers for the review pages' tests: orders created through the pipeline from fixtures, and a signed-in
browser-like client (cookie session, CSRF token read from the page as a browser's form would send it)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session, select

from connectors.base import Incoming
from orderhub.masterdata import import_directory
from orderhub.store.models import OrderRecord
from orderhub.tokens import Role

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
EVAL = FIXTURES / "eval"
PO_1002 = FIXTURES / "demo" / "inbox" / "demo-po-1002.x12"
PDF_UNKNOWN_ITEM = EVAL / "pdf" / "layout-B" / "po-B06.pdf"  # Cedar & Pine, line 3 CP-440199 nobody's
PDF_UNKNOWN_SHIP_TO = EVAL / "pdf" / "layout-D" / "po-D05.pdf"  # Cedar & Pine Bend: not one of its locations
MAIL_UNKNOWN_ITEM = EVAL / "email" / "e40-prose.eml"  # Delta Marine, DMO-ANCHOR5 nobody's
CEDAR = "purchasing@cedarpine.example"


def with_eval_master_data(api: Any) -> None:
    """The evaluation set's customers, senders, locations, items, prices and cross-references, beside the demo's."""
    with Session(api.hub.engine) as session:
        import_directory(session, EVAL / "masterdata")
        session.commit()


def ingest(api: Any, path: Path, sender: str | None = None, data: bytes | None = None) -> OrderRecord:
    """Run a fixture through the hub's pipeline (as a connector hands it over); the order it made."""
    incoming = Incoming(
        channel="mail" if path.suffix != ".x12" else "demo-in",
        remote_key=f"{len(data or b'')}-{path.name}",  # ends with the file name: parsers choose by it
        data=data if data is not None else path.read_bytes(),
        received_at=datetime.now(UTC),
        filename=path.name,
        metadata={"sender": sender} if sender else {},
    )
    outcome = api.hub.pipeline.handle(incoming)
    with Session(api.hub.engine) as session:
        rows = list(session.exec(select(OrderRecord).where(OrderRecord.document_id == outcome.document_id)))
    assert len(rows) == 1, (outcome, rows)
    return rows[0]


def order(api: Any, order_id: str) -> OrderRecord:
    with Session(api.hub.engine) as session:
        row = session.get(OrderRecord, order_id)
        assert row is not None
        return row


class Reviewer:
    """A browser-like client: signed in through /login with a token of ``role``, cookies kept."""

    def __init__(self, api: Any, role: Role = Role.REVIEWER, name: str | None = None) -> None:
        self.token = api.token(role, name)
        self.http = httpx.Client(base_url=api.base_url, follow_redirects=False, timeout=30)
        form = self.http.get("/login", params={"next": "/review"})
        login_csrf = re.search(r'name="login_csrf" value="([^"]+)"', form.text)
        assert login_csrf is not None, form.text
        signed = self.http.post(
            "/login", data={"token": self.token, "next": "/review", "login_csrf": login_csrf.group(1)}
        )
        assert signed.status_code == 303, signed.text

    def csrf(self) -> str:
        """The session's CSRF token (what its pages put in every form; derived here for roles the pages refuse)."""
        from orderhub.pages.session import csrf_token

        return csrf_token(self.http.cookies["orderhub_session"])

    def page(self, path: str, **params: str) -> httpx.Response:
        return self.http.get(path, params=params)

    def post(self, path: str, csrf: str | None = "session", **fields: str) -> httpx.Response:
        data = dict(fields)
        if csrf == "session":
            data["csrf"] = self.csrf()
        elif csrf is not None:
            data["csrf"] = csrf
        return self.http.post(path, data=data)


def csrf_in(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)
