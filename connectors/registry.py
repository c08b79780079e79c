"""Connector kinds by name, each with its configuration model (validated at start-up)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from connectors.base import Connector
from connectors.folder import FolderConfig, FolderConnector
from connectors.imap import ImapConfig, ImapConnector
from connectors.sftp import SftpConfig, SftpConnector
from connectors.smtp import SmtpConfig, SmtpConnector

CONNECTORS: dict[str, tuple[type[BaseModel], Any]] = {
    "folder": (FolderConfig, FolderConnector),
    "imap": (ImapConfig, ImapConnector),
    "sftp": (SftpConfig, SftpConnector),
    "smtp": (SmtpConfig, SmtpConnector),
}


class ConnectorConfigError(Exception):
    """A channel whose configuration cannot work: fatal."""


def build_connector(name: str, kind: str, options: dict[str, Any]) -> Connector:
    if kind not in CONNECTORS:
        raise ConnectorConfigError(f"channel {name}: unknown kind {kind!r}; known kinds: {', '.join(CONNECTORS)}")
    config_cls, connector_cls = CONNECTORS[kind]
    try:
        config = config_cls.model_validate(options)
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConnectorConfigError(f"channel {name} ({kind}): {details}") from None
    return connector_cls(name, config)
