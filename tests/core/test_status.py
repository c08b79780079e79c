from __future__ import annotations

import pytest

from schemas.status import (
    DocumentStatus,
    OrderStatus,
    OutboundStatus,
    TransitionError,
    allowed,
    check_transition,
)


def test_allowed_moves():
    assert allowed(DocumentStatus.RECEIVED, DocumentStatus.PARSED)
    assert allowed(OrderStatus.HELD, OrderStatus.RELEASED)
    assert allowed(OrderStatus.RELEASED, OrderStatus.SUPERSEDED)
    assert allowed(OutboundStatus.QUEUED, OutboundStatus.SENT)
    assert allowed(OutboundStatus.DEAD, OutboundStatus.QUEUED)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (DocumentStatus.PARSED, DocumentStatus.RECEIVED),
        (OrderStatus.CANCELLED, OrderStatus.RELEASED),
        (OrderStatus.TEST, OrderStatus.RELEASED),
        (OrderStatus.REJECTED, OrderStatus.RELEASED),
        (OutboundStatus.SENT, OutboundStatus.QUEUED),
        (OrderStatus.HELD, DocumentStatus.PARSED),
    ],
)
def test_illegal_moves_raise(current, new):
    with pytest.raises(TransitionError):
        check_transition(current, new)


def test_every_status_has_a_row():
    from schemas.status import _TABLES

    for enum, table in _TABLES.items():
        assert set(table) == set(enum)
