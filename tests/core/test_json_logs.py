"""Structured logs: a real ``orderhub`` process with JSON logs, every line of its standard error parsed as JSON,
one correlation id followed from a document's receipt to its 997 and 855 being sent."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import FIXTURES, ROOT, Workspace

from orderhub.logs import JsonFormatter, correlated, log_format


def _orderhub(workspace: Workspace, *argv: str, log_format_env: str | None = "json") -> list[dict]:
    """Run ``orderhub ARGV…`` as its own process; every line it wrote to standard error, parsed as JSON."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERHUB_")}
    env |= {
        "ORDERHUB_DATA_DIR": str(workspace.root),
        "ORDERHUB_DATABASE_URL": workspace.settings.database_url,
        "ORDERHUB_CONFIG": str(workspace.root / "orderhub.yaml"),
    }
    if log_format_env:
        env["ORDERHUB_LOG_FORMAT"] = log_format_env
    done = subprocess.run(
        [sys.executable, "-m", "orderhub.cli", *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), done.stderr
    lines = done.stderr.splitlines()
    assert lines, "no log lines at all"
    parsed = []
    for line in lines:
        entry = json.loads(line)  # every line, not just ours: a plain-text line fails here
        assert {"time", "level", "logger", "message"} <= set(entry), line
        parsed.append(entry)
    return parsed


def _cid_of(entries: list[dict], filename: str) -> str:
    (received,) = [e for e in entries if e["message"].startswith("received ") and filename in e["message"]]
    return received["correlation_id"]


def test_one_correlation_id_from_receipt_to_the_acknowledgements_sent(workspace: Workspace):
    workspace.hub().close()  # the database migrated, so the run below logs only its own work
    for sample in sorted((FIXTURES / "demo" / "inbox").iterdir()):
        workspace.drop(sample.name, sample.read_bytes())
    entries = _orderhub(workspace, "run", "--once")
    released = _cid_of(entries, "demo-po-1001.x12")  # PO-1001: released, so a 997 and an 855
    held = _cid_of(entries, "demo-po-1002.x12")  # PO-1002: held, a 997 only
    assert released != held and released.startswith("doc-")
    trail = [e["message"] for e in entries if e.get("correlation_id") == released]
    expected_in_order = [
        "received demo-in:",
        "reading it as x12",
        "queued 997 for demo-retail",
        "queued 855 for demo-retail",  # queued as the order is stored, the line for which follows
        "(PO PO-1001) released",
        f"document {released[4:]} parsed",
        "(997) sent to demo-retail",
        "(855) sent to demo-retail",
    ]
    position = 0
    for wanted in expected_in_order:
        found = next((i for i, m in enumerate(trail[position:], position) if wanted in m), None)
        assert found is not None, f"{wanted!r} not found after {trail[:position]}: {trail}"
        position = found + 1
    held_trail = [e["message"] for e in entries if e.get("correlation_id") == held]
    assert any("(PO PO-1002) held: " in m and "UNKNOWN_ITEM" in m for m in held_trail), held_trail
    assert any("(997) sent" in m for m in held_trail) and not any("855" in m for m in held_trail)
    sends = [e for e in entries if "sent to demo-retail" in e["message"]]
    assert len(sends) == 3 and all(e.get("correlation_id") in (released, held) for e in sends)
    assert all(e["doc_type"] in ("997", "855") and isinstance(e["outbound_id"], int) for e in sends)
    failed = _cid_of(entries, "demo-scanned-fax.txt")
    assert any(e.get("correlation_id") == failed and e["level"] == "INFO" and "failed" in e["message"] for e in entries)


def test_log_format_from_orderhub_yaml(sqlite_workspace: Workspace, tmp_path: Path):
    config_path = sqlite_workspace.root / "orderhub.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["log_format"] = "json"
    config_path.write_text(yaml.safe_dump(config))
    sample = FIXTURES / "demo" / "inbox" / "demo-po-1001.x12"
    entries = _orderhub(sqlite_workspace, "ingest", str(sample), log_format_env=None)
    cid = _cid_of(entries, "demo-po-1001.x12")
    assert sum(1 for e in entries if e.get("correlation_id") == cid and " sent to " in e["message"]) == 2


def test_formatter_carries_context_extras_and_tracebacks():
    formatter = JsonFormatter()
    record = logging.LogRecord("orderhub.x", logging.ERROR, __file__, 1, "failed on %s", ("line\n2",), None)
    record.order_id = "o-1"
    with correlated("doc-7"):
        entry = json.loads(formatter.format(record))
    assert entry["message"] == "failed on line\n2" and entry["correlation_id"] == "doc-7"
    assert entry["order_id"] == "o-1" and entry["level"] == "ERROR" and entry["logger"] == "orderhub.x"
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("orderhub.x", logging.ERROR, __file__, 1, "oops", (), sys.exc_info())
    entry = json.loads(formatter.format(record))
    assert "ValueError: boom" in entry["exception"] and "correlation_id" not in entry
    assert log_format({"ORDERHUB_LOG_FORMAT": "JSON"}, "text") == "json" and log_format({}, None) == "text"


def test_a_running_hub_with_its_web_app_writes_only_json_lines(sqlite_workspace: Workspace):
    """``orderhub run`` (scheduler, dispatcher and uvicorn in one process): even uvicorn's own warnings are JSON."""
    import signal
    import socket
    import time

    import httpx

    ws = sqlite_workspace
    config_path = ws.root / "orderhub.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["web"] = {"port": 0}
    config_path.write_text(yaml.safe_dump(config))
    ws.drop("demo-po-1001.x12", (FIXTURES / "demo" / "inbox" / "demo-po-1001.x12").read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERHUB_")}
    env |= {
        "ORDERHUB_DATA_DIR": str(ws.root),
        "ORDERHUB_DATABASE_URL": ws.settings.database_url,
        "ORDERHUB_CONFIG": str(config_path),
        "ORDERHUB_LOG_FORMAT": "json",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "orderhub.cli", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # "orderhub serving http://127.0.0.1:PORT (AS2: …)"
        assert first.startswith("orderhub serving "), first
        base_url = first.split()[2]
        deadline = time.monotonic() + 60
        while len(list(ws.outbox.glob("*.x12"))) < 2:  # its 997 and 855 sent by the running dispatcher
            assert time.monotonic() < deadline and process.poll() is None, "the 997 and 855 were not sent"
            time.sleep(0.2)
        metrics = httpx.get(f"{base_url}/metrics", timeout=10)
        assert metrics.status_code == 200 and 'orderhub_orders{status="released"} 1.0' in metrics.text
        host, port = base_url.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # uvicorn logs a warning of its own
            sock.recv(1024)
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    entries = [json.loads(line) for line in stderr.splitlines()]  # every line JSON, uvicorn's included
    assert any(e["logger"].startswith("uvicorn") and e["level"] == "WARNING" for e in entries), entries
    cid = _cid_of(entries, "demo-po-1001.x12")
    sent = [e["doc_type"] for e in entries if e.get("correlation_id") == cid and " sent to " in e["message"]]
    assert sorted(sent) == ["855", "997"]
