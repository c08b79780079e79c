"""Leases in the database: one hub process at a time polls a channel, whoever runs how many workers."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from orderhub.store.models import ChannelLease, utcnow


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class DbLeases:
    def __init__(self, engine: Engine, holder: str | None = None) -> None:
        self.engine = engine
        self.holder = holder or holder_name()

    def acquire(self, name: str, ttl: timedelta) -> bool:
        """Take (or renew) the lease on ``name`` unless another live holder has it."""
        now = utcnow()
        with Session(self.engine) as session:
            result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                update(ChannelLease)
                .where(
                    col(ChannelLease.channel) == name,
                    (col(ChannelLease.holder) == self.holder) | (col(ChannelLease.expires_at) < now),
                )
                .values(holder=self.holder, expires_at=now + ttl)
            )
            if result.rowcount:
                session.commit()
                return True
            exists = session.get(ChannelLease, name) is not None
            if exists:
                return False
            session.add(ChannelLease(channel=name, holder=self.holder, expires_at=now + ttl))
            try:
                session.commit()
            except IntegrityError:  # another process created it first
                return False
            return True

    def release(self, name: str) -> None:
        with Session(self.engine) as session:
            session.execute(
                update(ChannelLease)
                .where(col(ChannelLease.channel) == name, col(ChannelLease.holder) == self.holder)
                .values(expires_at=utcnow())
            )
            session.commit()
