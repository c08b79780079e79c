"""The OpenAPI document exercised by schemathesis against the running app (uvicorn on 127.0.0.1) with an ERP
token: every operation under /api/, valid and invalid requests alike, answers no 5xx, only status codes it
declares, and bodies that match its declared schemas.

Kept fast: a few dozen examples per operation (``EXAMPLES``), derandomised so a failure reproduces; the app is
served once for the module over PostgreSQL, with a released and a held order so that some calls find one.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from conftest import Workspace
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session, select
from x12build import interchange, po_body

from orderhub.store.models import OrderRecord
from orderhub.tokens import Role

EXAMPLES = int(os.environ.get("ORDERHUB_FUZZ_EXAMPLES", "20"))  # per operation and mode
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory, postgres) -> Iterator[object]:
    """The app over PostgreSQL, the stricter of the two (it refuses NUL in text, 32-bit integers overflow)."""
    from apitools import serve

    root = tmp_path_factory.mktemp("fuzz")
    with serve(Workspace(root / "data", postgres.new_database())) as running:
        running.workspace.drop("released.x12", interchange([po_body("PO-1")], control=1))
        running.workspace.drop("held.x12", interchange([po_body("PO-2", ship_to="9999")], control=2))
        running.hub.run_once()  # type: ignore[attr-defined]
        with Session(running.hub.engine) as session:  # type: ignore[attr-defined]
            running.order_ids = [o.order_id for o in session.exec(select(OrderRecord))]  # type: ignore[attr-defined]
        assert len(running.order_ids) == 2  # type: ignore[attr-defined]
        yield running


def bounded(node: Any) -> Any:
    """The document with at most 2 items per array and 20 characters per free string, to generate requests
    from (responses are checked against the document as it is).

    Generating the recursive Shipment (orders, pallets of cartons of items) unbounded costs hypothesis about
    3 s per example on this machine (measured: 15 examples of POST /api/v1/shipments in 40 s, against 1.4 s
    bounded); the server's answers are what is tested, and they do not depend on a third array item.
    """
    if isinstance(node, dict):
        if node.get("type") == "array":
            node["maxItems"] = min(node.get("maxItems", 2), 2)
        free = not {"maxLength", "format", "pattern", "enum", "const"} & node.keys()
        if node.get("type") == "string" and free:
            node["maxLength"] = 20
        for value in node.values():
            bounded(value)
    elif isinstance(node, list):
        for value in node:
            bounded(value)
    return node


def exercise(
    operation: Any, checked: Any, mode: GenerationMode, base_url: str, token: str, path: dict[str, str] | None = None
) -> None:
    """Run ``operation``'s generated requests against the app; the answers are judged by ``checked``, the same
    operation in the unbounded document. ``path``: fixed path parameters (an order that exists). Raises what
    schemathesis found."""

    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path))
    @settings(
        max_examples=EXAMPLES if path is None else max(1, EXAMPLES // 4),  # ×2 orders: half as many again
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failing example is reported
        suppress_health_check=list(HealthCheck),
    )
    def one(case: Any) -> None:
        if case.query and "wait" in case.query:
            case.query["wait"] = 0  # a long poll would hold each example up to 30 s; its bounds are tested elsewhere
        same = checked.Case(
            path_parameters=case.path_parameters,
            headers=case.headers,
            cookies=case.cookies,
            query=case.query,
            body=case.body,
            media_type=case.media_type,
            _meta=case._meta,
        )
        same.call_and_validate(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    one()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_the_promises_of_its_openapi_document(fuzzed, mode):
    # schemathesis' own pytest integration (schema.parametrize) does not run under pytest 9 (it sets
    # request.node._nodeid), so each operation's strategy is driven by hypothesis here, failures collected.
    token = fuzzed.token(Role.ERP, "fuzz")
    document = httpx.get(f"{fuzzed.base_url}/openapi.json").json()
    real = schemathesis.openapi.from_dict(document).include(path_regex="^/api/")  # what answers are checked on
    generator = schemathesis.openapi.from_dict(bounded(copy.deepcopy(document))).include(path_regex="^/api/")
    failures: dict[str, str] = {}
    labels = []
    for result in generator.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        checked = real.find_operation_by_label(operation.label)
        assert checked is not None
        try:
            exercise(operation, checked, mode, fuzzed.base_url, token)
            if "{order_id}" in operation.path and mode is GenerationMode.POSITIVE:
                for order_id in fuzzed.order_ids:  # random ids find no order: these do (200, 409, …)
                    exercise(operation, checked, mode, fuzzed.base_url, token, {"order_id": order_id})
        except (Exception, BaseExceptionGroup) as exc:  # every operation is exercised; failures reported together
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:3000]
    assert {"GET /api/v1/events", "POST /api/v1/shipments", "POST /api/v1/invoices"} <= set(labels)
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
