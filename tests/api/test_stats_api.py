"""The numbers on the web, over a real run of the demo samples: the stats API for every role, the dashboard page
for a browser session, and /metrics read back with prometheus_client's own parser (open, or with a token)."""

from __future__ import annotations

import yaml
from apitools import serve
from conftest import FIXTURES, Workspace
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import Session

from orderhub.api.auth import SESSION_COOKIE
from orderhub.page_sessions import start_session
from orderhub.tokens import Role, authenticate


def _run_demo(workspace: Workspace, hub) -> None:
    for sample in sorted((FIXTURES / "demo" / "inbox").iterdir()):
        workspace.drop(sample.name, sample.read_bytes())
    hub.run_once()  # PO-1001 released (997 + 855 sent), PO-1002 held, the fax failed


def test_stats_api_for_every_role_and_refusals(api):
    _run_demo(api.workspace, api.hub)
    for role in Role:
        answer = api.client(role).get("/api/v1/stats", params={"since": "7d"})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["orders"] == 2 and body["touchless"] == {"orders": 2, "touchless": 1, "rate": 0.5}
        assert body["exceptions_by_reason"] == {"PRICE_MISMATCH": 1, "UNKNOWN_ITEM": 1}
        assert body["orders_by_channel"] == {"demo-in": 2}
        assert body["outbound"]["awaiting_997"] == {"855": 1}  # the 997 itself waits for nothing
    assert api.client().get("/api/v1/stats").status_code == 401
    bad = api.client(Role.ERP).get("/api/v1/stats", params={"since": "last week"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "since"]
    assert "30d" in bad.json()["detail"][0]["msg"]
    paths = api.client().get("/openapi.json").json()["paths"]
    assert "/api/v1/stats" in paths and "/metrics" not in paths and "/dashboard" not in paths


def test_dashboard_page_needs_a_session(sqlite_api):
    api = sqlite_api
    _run_demo(api.workspace, api.hub)
    anonymous = api.client().get("/dashboard", params={"since": "7d"})
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/login?next=%2Fdashboard%3Fsince%3D7d"
    bearer_only = api.client(Role.REVIEWER).get("/dashboard")  # pages take the session cookie, not the header
    assert bearer_only.status_code == 303
    browser = api.client()
    with Session(api.hub.engine) as session:  # as /login does: a page session for alice's token
        alice = authenticate(session, api.token(Role.REVIEWER, "alice"))
        assert alice is not None
        session_id, _ = start_session(session, alice)
        session.commit()
    browser.cookies.set(SESSION_COOKIE, session_id)
    page = browser.get("/dashboard", params={"since": "7d"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<span class="headline" id="touchless-rate">50.0%</span>' in html and "signed in as alice" in html
    assert "<td>PRICE_MISMATCH</td>" in html and "<td>demo-retail</td>" in html and "<script" not in html
    assert browser.get("/dashboard", params={"since": "<b>"}).status_code == 422


def _metrics(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_are_read_from_the_database(api):
    _run_demo(api.workspace, api.hub)
    answer = api.client().get("/metrics")  # open: no token configured
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    found = _metrics(answer.text)
    assert found[("orderhub_inbound_documents", (("channel", "demo-in"), ("status", "parsed")))] == 2
    assert found[("orderhub_inbound_documents", (("channel", "demo-in"), ("status", "failed")))] == 1
    assert found[("orderhub_orders", (("status", "released"),))] == 1
    assert found[("orderhub_orders", (("status", "held"),))] == 1
    assert found[("orderhub_outbound_documents", (("doc_type", "997"), ("status", "sent")))] == 2
    assert found[("orderhub_outbound_documents", (("doc_type", "855"), ("status", "sent")))] == 1
    depth = {labels[0][1]: value for (name, labels), value in found.items() if name == "orderhub_queue_depth"}
    assert depth == {"inbound": 0, "outbox": 0, "review": 1, "webhooks": 0}
    assert 0 <= found[("orderhub_oldest_held_order_age_seconds", ())] < 3600
    assert found[("orderhub_oldest_queued_outbound_age_seconds", ())] == 0
    assert found[("orderhub_outbound_awaiting_ack", (("doc_type", "855"),))] == 1
    assert found[("orderhub_channel_failing", (("channel", "demo-in"),))] == 0
    # a second process over the same database (another hub, its own app) reports the same numbers
    with serve(api.workspace) as other:
        again = _metrics(other.client().get("/metrics").text)
    assert again[("orderhub_orders", (("status", "held"),))] == 1


def test_metrics_token_when_configured(sqlite_workspace: Workspace):
    config_path = sqlite_workspace.root / "orderhub.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["web"] = {"metrics_token_file": "metrics.token"}  # a secret is never written in orderhub.yaml
    config_path.write_text(yaml.safe_dump(config))
    (sqlite_workspace.root / "metrics.token").write_text("scrape-secret-0123456789\n")
    with serve(sqlite_workspace) as api:
        assert api.client().get("/metrics").status_code == 401
        assert api.client(Role.ADMIN).get("/metrics").status_code == 401  # an API token is not the scrape token
        scraped = api.client(token="scrape-secret-0123456789").get("/metrics")
        assert scraped.status_code == 200 and "orderhub_queue_depth" in scraped.text
