"""Shared fixtures: a workspace per test (data dir, config, partners, master data) on SQLite and on a
real PostgreSQL server started on loopback for the run."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "connectors"))

from peers.dovecot import DovecotServer  # noqa: E402
from peers.postgres import PostgresServer  # noqa: E402
from peers.sshd import SshdServer  # noqa: E402


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sshd_server() -> Iterator[SshdServer]:
    """A real OpenSSH sshd on 127.0.0.1 for the whole run: the partners' SFTP mailboxes."""
    server = SshdServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """A real Dovecot on 127.0.0.1 for the whole run: customers' and partners' mailboxes."""
    server = DovecotServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'orderhub.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'orderhub.db'}"


class Workspace:
    """A data dir with the demo partner, the corpus partners and master data; ``hub()`` builds a Hub."""

    def __init__(self, root: Path, database_url: str) -> None:
        from orderhub.settings import Settings

        self.root = root
        self.inbox = root / "mailboxes" / "demo-retail" / "in"
        self.outbox = root / "mailboxes" / "demo-retail" / "out"
        self.archive = root / "mailboxes" / "demo-retail" / "archive"
        self.error = root / "mailboxes" / "demo-retail" / "error"
        shutil.copytree(FIXTURES / "demo" / "partners", root / "partners")
        shutil.copytree(FIXTURES / "demo" / "masterdata", root / "masterdata")
        for profile in (FIXTURES / "partners").glob("*.yaml"):
            shutil.copyfile(profile, root / "partners" / profile.name)
        config = yaml.safe_load((FIXTURES / "demo" / "orderhub.yaml").read_text())
        config["channels"][0]["options"]["min_age_seconds"] = 0
        (root / "orderhub.yaml").write_text(yaml.safe_dump(config))
        self.settings = Settings(data_dir=root, database_url=database_url, config_path=root / "orderhub.yaml")

    def hub(self):  # -> orderhub.hub.Hub
        from orderhub.hub import Hub

        hub = Hub(self.settings)
        hub.load_master_data()
        return hub

    def cli(self, *argv: str) -> str:
        """Run ``orderhub ARGV…`` in this process against this workspace; its standard output."""
        import contextlib
        import io
        import os
        from unittest import mock

        from orderhub.cli import main

        env = {
            "ORDERHUB_DATA_DIR": str(self.root),
            "ORDERHUB_DATABASE_URL": self.settings.database_url,
            "ORDERHUB_CONFIG": str(self.root / "orderhub.yaml"),
        }
        out = io.StringIO()
        with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out):
            code = main(list(argv))
        assert code == 0, f"orderhub {' '.join(argv)} exited {code}: {out.getvalue()}"
        return out.getvalue()

    def drop(self, name: str, data: bytes) -> Path:
        self.inbox.mkdir(parents=True, exist_ok=True)
        path = self.inbox / name
        path.write_bytes(data)
        return path


@pytest.fixture
def workspace(tmp_path: Path, database_url: str) -> Workspace:
    return Workspace(tmp_path / "data", database_url)


@pytest.fixture
def sqlite_workspace(tmp_path: Path, sqlite_url: str) -> Workspace:
    return Workspace(tmp_path / "data", sqlite_url)


@pytest.fixture
def api(workspace: Workspace) -> Iterator[object]:
    """The hub's web app on 127.0.0.1 over a workspace (SQLite and PostgreSQL); see tests/apitools.py."""
    from apitools import serve

    with serve(workspace) as running:
        yield running


@pytest.fixture
def sqlite_api(sqlite_workspace: Workspace) -> Iterator[object]:
    from apitools import serve

    with serve(sqlite_workspace) as running:
        yield running
