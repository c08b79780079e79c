"""The parser contract and what a parser hands back.

A parser turns one inbound document's bytes into a :class:`ParseResult`: the transaction sets (or the
one implicit set of a PDF or mail) with their verdicts, the orders found, and for X12 the functional
acknowledgements owed to the sender. A document that cannot be read at all raises
:class:`parsers.errors.DocumentRejected` with a reason a person understands.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from schemas.acknowledgement import FunctionalAck, GroupAck, SyntaxError_
from schemas.order import Order, Source, SourceKind
from schemas.status import SetStatus


class OrderSpool:
    """Where the orders of one parse wait for their interchange's trailer: in memory while small, on disk
    beyond ``max_size`` bytes, so one interchange of 20,000 purchase orders costs a few bytes per order."""

    def __init__(self, max_size: int = 4 << 20) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=max_size, mode="w+b")  # noqa: SIM115 - closed by close()
        self.end = 0

    def put(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8")
        self.file.seek(self.end)
        self.file.write(data)
        where = (self.end, len(data))
        self.end += len(data)
        return where

    def get(self, where: tuple[int, int]) -> str:
        self.file.seek(where[0])
        return self.file.read(where[1]).decode("utf-8")

    def close(self) -> None:
        self.file.close()


@dataclass(slots=True)
class SetResult:
    """The verdict on one transaction set and what it yielded."""

    set_id: str
    control_number: str
    position: str  # "segment 3 (character 212)": where the set starts in the file
    status: SetStatus
    reason: str | None = None
    errors: list[SyntaxError_] = field(default_factory=list)
    group_control_number: str | None = None
    # The order travels as its canonical JSON until someone needs the object, parked in a spool when the
    # parser has one: an interchange of 20,000 purchase orders is held until its trailer proves it.
    _json: str | None = field(default=None, repr=False, compare=False)
    _spooled: tuple[OrderSpool, tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    _order: Order | None = field(default=None, repr=False, compare=False)
    # a partner's 997/999: the acknowledgement it carries, as JSON, for the core to reconcile
    ack_json: str | None = None

    @property
    def order_json(self) -> str | None:
        if self._spooled is not None:
            spool, where = self._spooled
            return spool.get(where)
        return self._json

    def keep_order(self, order: Order, spool: OrderSpool | None = None) -> None:
        text = order.model_dump_json()
        if spool is None:
            self._json = text
        else:
            self._spooled = (spool, spool.put(text))

    @property
    def order(self) -> Order | None:
        if self._order is None:
            text = self.order_json
            if text is None:
                return None
            self._order = Order.model_validate_json(text)
        return self._order

    def forget_order_object(self) -> None:
        """Drop the parsed object (not the order): it is rebuilt from the JSON when asked again."""
        self._order = None

    def drop_order(self) -> None:
        self._json = None
        self._spooled = None
        self._order = None


@dataclass
class InterchangeInfo:
    """Who sent an interchange to whom; the pipeline matches a partner profile with it."""

    sender_qualifier: str
    sender_id: str
    receiver_qualifier: str
    receiver_id: str
    control_number: str
    version: str
    test: bool
    fixed_width_isa: bool
    group_senders: list[str] = field(default_factory=list)  # GS02 of each group
    group_receivers: list[str] = field(default_factory=list)  # GS03 of each group
    delimiters: tuple[str, str | None, str, str | None] | None = None
    date: str = ""  # ISA09
    time: str = ""  # ISA10
    ack_requested: bool = False  # ISA14 = 1: the sender asks for a TA1

    @property
    def sender(self) -> str:
        return f"{self.sender_qualifier}:{self.sender_id}"

    @property
    def receiver(self) -> str:
        return f"{self.receiver_qualifier}:{self.receiver_id}"


@dataclass
class ParsedInterchange:
    info: InterchangeInfo
    sets: list[SetResult] = field(default_factory=list)
    # one GroupAck per functional group owed a 997, as JSON until used (see ``iter_acks``)
    ack_groups: list[str] = field(default_factory=list)
    acks_test: bool = False
    error: str | None = None  # an interchange-level error rejects every set in it
    error_codes: list[str] = field(default_factory=list)  # which envelope checks failed (ISA13, IEA02, ...)
    warnings: list[str] = field(default_factory=list)

    def iter_acks(self) -> Iterator[FunctionalAck]:
        """The functional acknowledgements owed, built one at a time."""
        for text in self.ack_groups:
            yield FunctionalAck(group=GroupAck.model_validate_json(text), test=self.acks_test)

    @property
    def acks(self) -> list[FunctionalAck]:
        return list(self.iter_acks())


@dataclass
class ParseResult:
    kind: SourceKind
    interchanges: list[ParsedInterchange] = field(default_factory=list)
    sets: list[SetResult] = field(default_factory=list)  # non-X12 formats put their one set here
    warnings: list[str] = field(default_factory=list)
    unreadable: str | None = None  # why the rest of the file could not be read, after what could
    unreadable_code: str | None = None  # a limit's code (parsers.limits) when a limit stopped the reading

    def all_sets(self) -> list[SetResult]:
        found = list(self.sets)
        for interchange in self.interchanges:
            found.extend(interchange.sets)
        return found

    @property
    def orders(self) -> list[Order]:
        return [s.order for s in self.all_sets() if s.order is not None]


class Parser(Protocol):
    """One format. Registered in :data:`parsers.registry.PARSERS`."""

    kind: SourceKind

    def accepts(self, data: bytes, filename: str | None = None) -> bool: ...

    def parse(self, data: bytes, source: Source) -> ParseResult: ...
