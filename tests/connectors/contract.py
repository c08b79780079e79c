"""The contract every connector passes: poll yields what arrived once, ack files it only when told,
send delivers whole documents under their name. A connector's test module instantiates the suite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from connectors.base import Connector, Outcome, Outgoing


class Peer(Protocol):
    """The other side of the transport, seen directly (a folder, a mailbox, an SFTP server)."""

    def put(self, name: str, data: bytes) -> None: ...

    def pending(self) -> list[str]: ...  # names still waiting at the source

    def filed(self, outcome: Outcome) -> list[str]: ...  # names filed as processed / failed

    def delivered(self) -> dict[str, bytes]: ...  # outbound documents as the partner sees them

    def expire_claims(self) -> None: ...  # let claims left by a dead worker time out (where claims persist)


class ConnectorContract:
    """Subclass with a ``make`` fixture returning (connector, peer) and an ``again`` fixture building a
    second connector on the same peer (the worker restarted after a crash)."""

    make: Callable[..., tuple[Connector, Peer]]
    again: Callable[[Peer], Connector]

    def test_a_crash_between_poll_and_ack_delivers_it_again(self, make, again):
        connector, peer = make()
        peer.put("a.x12", b"ISA-A")
        (first,) = connector.poll()  # ... and the worker dies before the commit: no ack
        assert peer.filed(Outcome.PROCESSED) == []
        restarted = again(peer)
        peer.expire_claims()
        (second,) = restarted.poll()
        assert (second.remote_key, second.data) == (first.remote_key, first.data)
        restarted.ack(second, Outcome.PROCESSED)
        assert len(peer.filed(Outcome.PROCESSED)) == 1 and peer.pending() == []

    def test_poll_yields_each_document_once_with_its_bytes(self, make):
        connector, peer = make()
        peer.put("a.x12", b"ISA-A")
        peer.put("b.x12", b"ISA-B")
        first = {d.remote_key: d.data for d in connector.poll()}
        assert first == {"a.x12": b"ISA-A", "b.x12": b"ISA-B"}
        assert list(connector.poll()) == []  # claimed: not handed out twice

    def test_nothing_is_filed_before_ack(self, make):
        connector, peer = make()
        peer.put("a.x12", b"ISA-A")
        (doc,) = connector.poll()
        assert peer.filed(Outcome.PROCESSED) == [] and peer.filed(Outcome.FAILED) == []
        connector.ack(doc, Outcome.PROCESSED)
        assert peer.filed(Outcome.PROCESSED) == ["a.x12"] and peer.pending() == []

    def test_failed_documents_are_filed_apart(self, make):
        connector, peer = make()
        peer.put("bad.x12", b"garbage")
        (doc,) = connector.poll()
        connector.ack(doc, Outcome.FAILED)
        assert peer.filed(Outcome.FAILED) == ["bad.x12"] and peer.filed(Outcome.PROCESSED) == []

    def test_send_delivers_the_whole_document_and_a_resend_replaces_it(self, make):
        connector, peer = make()
        connector.send(Outgoing("p_997_000000001.x12", b"ISA*first", "p", "997"))
        connector.send(Outgoing("p_997_000000001.x12", b"ISA*again", "p", "997"))
        assert peer.delivered() == {"p_997_000000001.x12": b"ISA*again"}
