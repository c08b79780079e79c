from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from contract import ConnectorContract

from connectors.base import Outcome, Outgoing
from connectors.folder import CLAIMED, FolderConfig, FolderConnector


class FolderPeer:
    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, name: str, data: bytes) -> None:
        path = self.root / "in" / name
        path.write_bytes(data)
        old = time.time() - 60
        os.utime(path, (old, old))

    def pending(self) -> list[str]:
        return sorted(p.name for p in (self.root / "in").iterdir() if p.is_file())

    def filed(self, outcome: Outcome) -> list[str]:
        folder = self.root / ("error" if outcome is Outcome.FAILED else "archive")
        return sorted(p.name for p in folder.iterdir())

    def delivered(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (self.root / "out").iterdir()}

    def expire_claims(self) -> None:
        old = time.time() - 3600
        for claimed in (self.root / "in" / CLAIMED).iterdir():
            os.utime(claimed, (old, old))


def folder(root: Path, **options) -> FolderConnector:
    config = FolderConfig(inbox=root / "in", outbox=root / "out", **options)
    return FolderConnector("folder-test", config)


class TestFolderContract(ConnectorContract):
    @pytest.fixture
    def make(self, tmp_path):
        return lambda: (folder(tmp_path), FolderPeer(tmp_path))

    @pytest.fixture
    def again(self, tmp_path):
        return lambda peer: folder(tmp_path)


def test_young_files_are_left_alone_until_they_are_old_enough(tmp_path):
    connector = folder(tmp_path, min_age_seconds=30)
    (tmp_path / "in" / "writing.x12").write_bytes(b"ISA half")
    assert list(connector.poll()) == []
    old = time.time() - 31
    os.utime(tmp_path / "in" / "writing.x12", (old, old))
    assert [d.remote_key for d in connector.poll()] == ["writing.x12"]


def test_two_workers_never_claim_the_same_file(tmp_path):
    a, b = folder(tmp_path, min_age_seconds=0), folder(tmp_path, min_age_seconds=0)
    for n in range(50):
        (tmp_path / "in" / f"{n:02d}.x12").write_bytes(b"x")
    got_a = [d.remote_key for d in a.poll()]
    got_b = [d.remote_key for d in b.poll()]
    assert sorted(got_a + got_b) == [f"{n:02d}.x12" for n in range(50)]


def test_a_claim_left_by_a_crashed_worker_is_taken_again_after_the_timeout(tmp_path):
    connector = folder(tmp_path, min_age_seconds=0, claim_timeout_seconds=5)
    (tmp_path / "in" / "a.x12").write_bytes(b"ISA")
    (doc,) = connector.poll()  # ... and the worker dies without ack
    assert list(connector.poll()) == []
    claimed = next((tmp_path / "in" / CLAIMED).iterdir())
    old = time.time() - 6
    os.utime(claimed, (old, old))
    (again,) = connector.poll()
    assert again.remote_key == "a.x12" and again.data == b"ISA"
    connector.ack(again, Outcome.PROCESSED)
    assert (tmp_path / "archive" / "a.x12").exists()


def test_pattern_and_hidden_files(tmp_path):
    connector = folder(tmp_path, min_age_seconds=0, pattern="*.edi")
    (tmp_path / "in" / "a.edi").write_bytes(b"1")
    (tmp_path / "in" / "b.txt").write_bytes(b"2")
    (tmp_path / "in" / ".partial.edi").write_bytes(b"3")
    assert [d.remote_key for d in connector.poll()] == ["a.edi"]


def test_archiving_never_overwrites_an_earlier_file_of_the_same_name(tmp_path):
    connector = folder(tmp_path, min_age_seconds=0)
    for payload in (b"first", b"second"):
        (tmp_path / "in" / "po.x12").write_bytes(payload)
        (doc,) = connector.poll()
        connector.ack(doc, Outcome.PROCESSED)
    archived = sorted(p.read_bytes() for p in (tmp_path / "archive").iterdir())
    assert archived == [b"first", b"second"]


def test_outbound_is_never_visible_half_written(tmp_path, monkeypatch):
    connector = folder(tmp_path)
    seen: list[list[str]] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(sorted(p.name for p in (tmp_path / "out").iterdir()))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    connector.send(Outgoing("x.x12", b"ISA", "p", "997"))
    assert all(name.startswith(".") for name in seen[0])  # only the temporary name existed before the rename
    assert (tmp_path / "out" / "x.x12").read_bytes() == b"ISA"
