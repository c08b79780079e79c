"""A document whose processing keeps killing the worker is failed after a few tries, not retried for ever."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import Workspace
from sqlmodel import Session
from x12build import interchange, po_body

from connectors.base import Incoming
from orderhub.pipeline import MAX_INTERRUPTED_ATTEMPTS
from orderhub.store.models import InboundDocument


def test_a_document_started_too_often_without_finishing_is_failed_with_its_bytes_kept(workspace: Workspace):
    hub = workspace.hub()
    data = interchange([po_body("PO-KILL")])
    document_id, _status = hub.pipeline.receive(Incoming("cli", "po.x12", data, datetime.now(UTC)))
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, document_id)
        assert doc is not None
        doc.attempts = MAX_INTERRUPTED_ATTEMPTS  # as if three workers had died reading it
        sha = doc.sha256
        session.add(doc)
        session.commit()
    outcome = hub.pipeline.process(document_id)
    assert outcome.status.value == "failed"
    assert "started 3 times and never finished" in (outcome.error or "")
    assert hub.raw.size(sha) == len(data)


def test_a_normal_document_counts_one_attempt(workspace: Workspace):
    hub = workspace.hub()
    document_id, _status = hub.pipeline.receive(
        Incoming("cli", "po.x12", interchange([po_body("PO-OK")]), datetime.now(UTC))
    )
    assert hub.pipeline.process(document_id).status.value == "parsed"
    with Session(hub.engine) as session:
        doc = session.get(InboundDocument, document_id)
        assert doc is not None and doc.attempts == 1


def test_a_failed_document_can_be_reprocessed_again_and_again(workspace: Workspace):
    """Reprocessing starts afresh: the attempts of earlier runs never make a later run count as interrupted."""
    hub = workspace.hub()
    outcome = hub.pipeline.handle(Incoming("demo-in", "junk.txt", b"hello, not an order at all", datetime.now(UTC)))
    for _ in range(MAX_INTERRUPTED_ATTEMPTS + 2):
        outcome = hub.pipeline.reprocess(outcome.document_id)
        assert outcome.status.value == "failed" and "INTERRUPTED" not in (outcome.error or ""), outcome.error


def test_a_document_the_database_keeps_refusing_is_failed_after_its_attempts_not_retried_for_ever(
    workspace: Workspace, monkeypatch
):
    """A lock timeout or lost race is retried without counting; a refusal that is the data's own (here a
    DataError on every run) counts, and the document ends failed quoting what the database said."""
    import time
    from datetime import timedelta

    import pytest
    from sqlalchemy.exc import DataError

    from orderhub.pipeline import Pipeline
    from orderhub.recording import InterchangeRecorder

    hub = workspace.hub()
    document_id, _ = hub.pipeline.receive(
        Incoming("demo-in", "refused.x12", interchange([po_body("PO-DATA")]), datetime.now(UTC))
    )

    def refuse(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise DataError("INSERT …", {}, Exception("value too long for type character varying(20)"))

    monkeypatch.setattr(InterchangeRecorder, "apply", refuse)
    worker = Pipeline(hub.engine, hub.raw, hub.profiles, hub.pipeline.parsers, lease=timedelta(seconds=0.05))
    for _ in range(MAX_INTERRUPTED_ATTEMPTS):
        with pytest.raises(DataError):
            worker.try_process(document_id)
        time.sleep(0.1)  # the claim of the run that failed expires
    outcome = worker.try_process(document_id)
    assert outcome is not None and outcome.status.value == "failed"
    assert "the database refused it each time; last: Exception: value too long" in (outcome.error or "")
    with Session(hub.engine) as session:
        assert session.get(InboundDocument, document_id).error_code == "INTERRUPTED"  # type: ignore[union-attr]
