"""Secrets never land in the database, the logs or error messages.

A full run with logging at DEBUG: IMAP login to Dovecot with a password from an environment variable, SFTP with
an encrypted key whose passphrase comes from an environment variable and with a password from a file, SMTP AUTH
with a password from an environment variable, the database URL with a password (PostgreSQL), an API token used
against the app; and the failure paths: a wrong password for IMAP, SFTP and SMTP, a wrong API token, an
unreachable database. Then every captured log record (with tracebacks), everything written to stdout/stderr (by
this process and its children), every text and bytes column of every table and every file the hub wrote under
its data folder is searched for each secret value: none may appear.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest
import yaml
from apitools import serve
from conftest import Workspace
from peers.dovecot import DovecotServer, mail_with_attachment
from peers.smtp import PASSWORD as SMTP_PASSWORD
from peers.smtp import USER as SMTP_USER
from peers.smtp import Pki, SmtpServer
from peers.sshd import SshdServer
from sqlalchemy import LargeBinary, String, Text
from sqlalchemy import select as select_columns
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, select
from x12build import interchange, po_body

from connectors.as2.config import As2Config
from connectors.as2.station import Station
from connectors.base import Outgoing, PermanentError
from orderhub.settings import ConfigError
from orderhub.store.models import ChannelStatus, InboundDocument
from orderhub.tokens import Role


@pytest.fixture(scope="module")
def smtp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    server = SmtpServer(Pki.create(tmp_path_factory.mktemp("smtp-pki")), "starttls").start()
    yield server
    server.stop()


def identity(folder: Path, name: str, password: str | None = None) -> tuple[Path, Path]:
    """(key.pem, cert.pem), self-signed RSA 2048; the key encrypted with ``password`` when given."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name.lower()}.as2.test")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365)).sign(key, hashes.SHA256())
    )  # fmt: skip
    encryption = serialization.BestAvailableEncryption(password.encode()) if password else serialization.NoEncryption()
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def leaks(text: str | bytes, values: dict[str, str]) -> list[str]:
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
    return [name for name, value in values.items() if value.encode() in data]


def database_leaks(engine: Any, values: dict[str, str]) -> list[str]:
    """Every text and bytes column of every table, row by row."""
    found = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | LargeBinary)]
            if not columns:
                continue
            for row in connection.execute(select_columns(*columns)):
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str | bytes | memoryview):
                        found += [f"{table.name}.{column.name}: {name}" for name in leaks(value, values)]
    return found


def file_leaks(root: Path, values: dict[str, str], skip: Path) -> list[str]:
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            if skip in path.parents or path.is_symlink():
                continue
            found += [f"{path}: {leak}" for leak in leaks(path.read_bytes(), values)]
    return found


def test_no_secret_reaches_the_database_the_logs_or_an_error(
    workspace: Workspace,
    dovecot: DovecotServer,
    sshd_server: SshdServer,
    smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
):
    smtp_server.handler.reset()
    caplog.set_level(logging.DEBUG)  # every library's debug log too (paramiko, imapclient, sqlalchemy, httpx…)
    peer = dovecot.add_user()
    peer.append(mail_with_attachment("po.x12", interchange([po_body("PO-SECRET-1")], control=811)))
    wrong = {
        f"wrong {kind} password": f"wrong-{kind}-{secrets.token_hex(8)}" for kind in ("imap", "sftp", "smtp", "as2")
    }
    as2_password = f"as2-{secrets.token_hex(8)}"
    values = {
        "IMAP password": peer.password,
        "SFTP key passphrase": sshd_server.protected_key_passphrase,
        "SFTP password": sshd_server.password,
        "SMTP password": SMTP_PASSWORD,
        "AS2 key password": as2_password,
        **wrong,
    }
    env = {
        "OH_TEST_IMAP_PASSWORD": peer.password,
        "OH_TEST_SFTP_PASSPHRASE": sshd_server.protected_key_passphrase,
        "OH_TEST_SMTP_PASSWORD": SMTP_PASSWORD,
        "OH_TEST_WRONG_IMAP": wrong["wrong imap password"],
        "OH_TEST_WRONG_SFTP": wrong["wrong sftp password"],
        "OH_TEST_WRONG_SMTP": wrong["wrong smtp password"],
        "OH_TEST_AS2_KEY_PASSWORD": as2_password,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    secret_dir = workspace.root / "secrets"
    secret_dir.mkdir()
    hub_key, hub_cert = identity(secret_dir, "orderhub", as2_password)
    partner_key, partner_cert = identity(secret_dir, "partnera")
    (secret_dir / "sftp-password").write_text(sshd_server.password + "\n")
    if workspace.settings.database_url.startswith("postgresql"):  # the test server trusts loopback: any password
        db_password = f"db-{secrets.token_hex(8)}"
        values["database password"] = db_password
        url = make_url(workspace.settings.database_url).set(password=db_password)
        workspace.settings = dataclasses.replace(
            workspace.settings, database_url=url.render_as_string(hide_password=False)
        )

    base = f"secrets-{os.getpid()}-{time.time_ns()}"
    for folder in ("key-in", "pw-in", "bad-in", "archive", "error"):
        sshd_server.folder(f"{base}/{folder}")
    sftp = {"host": sshd_server.host, "port": sshd_server.port, "username": sshd_server.username,
            "host_key": sshd_server.host_key_line, "archive": f"{base}/archive", "error": f"{base}/error",
            "min_age_seconds": 0}  # fmt: skip
    imap = {"host": dovecot.host, "port": dovecot.imaps_port, "security": "ssl", "ca_file": str(dovecot.ca_file),
            "username": peer.user}  # fmt: skip
    smtp = {"host": "127.0.0.1", "port": smtp_server.port, "security": "starttls",
            "ca_file": str(smtp_server.pki.ca_cert), "username": SMTP_USER, "sender": "edi@seller.example",
            "recipients": ["edi@partner.example"], "timeout_seconds": 5}  # fmt: skip
    channels = [
        {"name": "mail-in", "kind": "imap", "options": {**imap, "password": {"env": "OH_TEST_IMAP_PASSWORD"},
                                                         "state_file": "imap-ok.json"}},
        {"name": "mail-bad", "kind": "imap", "options": {**imap, "password": {"env": "OH_TEST_WRONG_IMAP"},
                                                          "state_file": "imap-bad.json"}},
        {"name": "sftp-key", "kind": "sftp", "options": {**sftp, "inbox": f"{base}/key-in",
                                                          "private_key_path": str(sshd_server.protected_key_path),
                                                          "passphrase": {"env": "OH_TEST_SFTP_PASSPHRASE"}}},
        {"name": "sftp-pw", "kind": "sftp", "options": {**sftp, "inbox": f"{base}/pw-in",
                                                         "password": {"file": "secrets/sftp-password"}}},
        {"name": "sftp-bad", "kind": "sftp", "options": {**sftp, "inbox": f"{base}/bad-in",
                                                          "password": {"env": "OH_TEST_WRONG_SFTP"}}},
        {"name": "smtp-out", "kind": "smtp", "options": {**smtp, "password": {"env": "OH_TEST_SMTP_PASSWORD"}}},
        {"name": "smtp-bad", "kind": "smtp", "options": {**smtp, "password": {"env": "OH_TEST_WRONG_SMTP"}}},
        {"name": "as2-partnera", "kind": "as2", "options": {
            "as2_name": "ORDERHUB", "key_file": str(hub_key), "key_password": {"env": "OH_TEST_AS2_KEY_PASSWORD"},
            "cert_file": str(hub_cert), "partner_as2_name": "PARTNERA", "partner_cert_file": str(partner_cert)}},
    ]  # fmt: skip
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    config["channels"] += channels
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    for index, folder in enumerate(("key-in", "pw-in")):
        path = sshd_server.data / base / folder / f"po-{folder}.x12"
        path.write_bytes(interchange([po_body(f"PO-SFTP-{folder}")], control=820 + index))
        sshd_server.give(path)

    # -- the run ----------------------------------------------------------------------------------------------
    with serve(workspace) as api:
        hub = api.hub
        hub.run_once()  # type: ignore[attr-defined]
        hub.connectors["smtp-out"].send(Outgoing("demo_855_000000001.x12", b"ISA*...~", "demo-retail", "855"))  # type: ignore[attr-defined]
        with pytest.raises(PermanentError) as refused:
            hub.connectors["smtp-bad"].send(Outgoing("demo_855_000000002.x12", b"ISA*...~", "demo-retail", "855"))  # type: ignore[attr-defined]
        logging.getLogger("test").error("smtp-bad refused", exc_info=refused.value)  # as the dispatcher logs it
        partner = Station(As2Config(as2_name="PARTNERA", key_file=partner_key, cert_file=partner_cert,
                                    partner_as2_name="ORDERHUB", partner_cert_file=hub_cert))  # fmt: skip
        sent = partner.build(interchange([po_body("PO-AS2-1")], control=830), "po-as2.x12")
        answer = httpx.post(f"{api.base_url}/as2", content=sent.body, headers=sent.headers, timeout=30)
        assert answer.status_code == 200 and b"processed" in answer.content  # decrypted with the key's password
        admin = api.token(Role.ADMIN)
        values["API token"] = admin
        with api.client(token=admin) as client:
            assert client.get("/api/v1/tokens").status_code == 200
        bad_token = "oh_" + secrets.token_urlsafe(24)
        values["wrong API token"] = bad_token
        with api.client(token=bad_token) as client:
            answer = client.get("/api/v1/tokens")
            assert answer.status_code == 401
            assert not leaks(answer.text, values)
        cli_env = {"ORDERHUB_DATA_DIR": str(workspace.root), "ORDERHUB_DATABASE_URL": workspace.settings.database_url}
        from orderhub.cli import main

        with mock.patch.dict(os.environ, cli_env):
            assert main(["channels", "check"]) == 1  # the three wrong passwords fail, named, without the secret
            assert main(["channels", "status"]) == 0
        with Session(hub.engine) as session:  # type: ignore[attr-defined]
            docs = {d.channel: d.status for d in session.exec(select(InboundDocument))}
            errors = {c.channel: c.last_error for c in session.exec(select(ChannelStatus))}
        assert docs == {"mail-in": "parsed", "sftp-key": "parsed", "sftp-pw": "parsed", "as2-partnera": "parsed"}, docs
        assert "authentication failed" in (errors["sftp-bad"] or "") and "login refused" in (errors["mail-bad"] or "")
        assert len(smtp_server.received) == 1
        assert (workspace.root / "imap-ok.json").exists()  # a relative local file is under the data dir
        found = database_leaks(hub.engine, values)  # type: ignore[attr-defined]

    # an unreachable database: its error must not print the URL's password
    if "database password" in values:
        closed = make_url(workspace.settings.database_url).set(port=1)
        with mock.patch.dict(os.environ, {**cli_env, "ORDERHUB_DATABASE_URL": closed.render_as_string(False)}):
            with pytest.raises(Exception) as unreachable:  # noqa: PT011 - whatever the driver raises
                main(["documents"])
        logging.getLogger("test").error("database unreachable", exc_info=unreachable.value)

    # a wrong key password stops the hub at start-up, naming the option but not the password
    monkeypatch.setenv("OH_TEST_AS2_KEY_PASSWORD", wrong["wrong as2 password"])
    with pytest.raises(ConfigError) as stopped:
        workspace.hub()
    assert "key_password" in str(stopped.value)
    logging.getLogger("test").error("start-up refused", exc_info=stopped.value)

    # -- the search -------------------------------------------------------------------------------------------
    out, err = capfd.readouterr()
    assert found == []
    assert leaks(caplog.text, values) == [], "in the log"
    assert [r.getMessage() for r in caplog.records if leaks(r.getMessage(), values)] == []
    assert leaks(out, values) == [] and leaks(err, values) == [], "on stdout or stderr"
    assert file_leaks(workspace.root, values, skip=secret_dir) == []
    assert "sftp-bad" in out and "mail-bad" in out  # the failures were reported
    assert any("login refused" in r.getMessage() for r in caplog.records)  # the failure paths did run


def test_a_configuration_error_never_quotes_a_secret(workspace: Workspace, monkeypatch: pytest.MonkeyPatch):
    from orderhub.settings import ConfigError

    secret = f"pw-{secrets.token_hex(8)}"
    config = yaml.safe_load((workspace.root / "orderhub.yaml").read_text())
    # no kind: pydantic's own message would quote the whole channel, options and password included
    config["channels"].append({"name": "broken", "options": {"host": "h", "password": secret}})
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    with pytest.raises(ConfigError) as caught:
        workspace.settings.load_config()
    assert "channels.2.kind: Field required" in str(caught.value) and secret not in str(caught.value)

    config["channels"][-1] = {"name": "sftp-env", "kind": "sftp", "options": {"password": {"env": "OH_TEST_UNSET"}}}
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    monkeypatch.delenv("OH_TEST_UNSET", raising=False)
    with pytest.raises(ConfigError, match="channel sftp-env, option password: environment variable OH_TEST_UNSET"):
        workspace.settings.load_config()
    config["channels"][-1]["options"]["password"] = {"file": "no-such-secret"}
    (workspace.root / "orderhub.yaml").write_text(yaml.safe_dump(config))
    with pytest.raises(ConfigError, match="option password: cannot read .*no-such-secret: No such file"):
        workspace.settings.load_config()
