"""Connector kinds by name, each with its configuration model (validated at start-up).

A kind's module is imported only when a channel of that kind is configured: paramiko alone costs a hub
that never speaks SFTP about 30 MB of memory (measured).
"""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel, ValidationError

from connectors.base import Connector

# kind → (module, configuration model, connector class)
CONNECTORS: dict[str, tuple[str, str, str]] = {
    "folder": ("connectors.folder", "FolderConfig", "FolderConnector"),
    "imap": ("connectors.imap", "ImapConfig", "ImapConnector"),
    "sftp": ("connectors.sftp", "SftpConfig", "SftpConnector"),
    "smtp": ("connectors.smtp", "SmtpConfig", "SmtpConnector"),
    "as2": ("connectors.as2.connector", "As2Config", "As2Connector"),
}


def connector_kind(kind: str) -> tuple[type[BaseModel], Any]:
    """The configuration model and connector class of a kind, importing its module."""
    module_name, config_name, connector_name = CONNECTORS[kind]
    module = importlib.import_module(module_name)
    return getattr(module, config_name), getattr(module, connector_name)


class ConnectorConfigError(Exception):
    """A channel whose configuration cannot work: fatal."""


def build_connector(name: str, kind: str, options: dict[str, Any]) -> Connector:
    if kind not in CONNECTORS:
        raise ConnectorConfigError(f"channel {name}: unknown kind {kind!r}; known kinds: {', '.join(CONNECTORS)}")
    config_cls, connector_cls = connector_kind(kind)
    try:
        config = config_cls.model_validate(options)
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConnectorConfigError(f"channel {name} ({kind}): {details}") from None
    return connector_cls(name, config)
