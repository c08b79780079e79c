"""Settings: environment for where things live, ``orderhub.yaml`` in the data dir for what runs.

- ``ORDERHUB_DATA_DIR`` (default ``./var``): the database (SQLite by default), the raw store, partner
  profiles, master data and the hub configuration file.
- ``ORDERHUB_DATABASE_URL``: any SQLAlchemy URL; PostgreSQL in production.
- ``ORDERHUB_CONFIG``: the hub configuration file (default ``$ORDERHUB_DATA_DIR/orderhub.yaml``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orderhub.errors import ConfigError

__all__ = ["ConfigError", "Settings", "HubConfig", "ChannelConfig", "WebConfig"]


class ChannelConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    kind: str = Field(description="connector kind: folder (later: sftp, imap, smtp, as2)")
    interval_seconds: float = Field(10.0, gt=0, description="poll interval")
    options: dict[str, Any] = Field(default_factory=dict, description="the connector's own configuration")


class WebConfig(BaseModel):
    """The web app ``orderhub run`` serves: AS2 inbound at ``POST /as2``, the ERP API, the review pages."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = Field(True, description="serve the web app from `orderhub run` (`orderhub worker` never does)")
    host: str = Field("127.0.0.1", description="address to listen on; 0.0.0.0 to reach it from other machines")
    port: int = Field(8080, ge=0, le=65535, description="0 takes a free port (tests)")
    max_body_mb: int = Field(10, ge=1, le=256, description="largest request body the API accepts (not AS2's)")


class HubConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channels: list[ChannelConfig] = Field(default_factory=list)
    partners_dir: Path = Field(Path("partners"), description="partner profiles, one YAML each")
    masterdata_dir: Path = Field(Path("masterdata"), description="customers.csv, ship_to.csv, items.csv, ...")
    dispatch_interval_seconds: float = Field(5.0, gt=0)
    poll_jitter_seconds: float = Field(1.0, ge=0)
    lease_seconds: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="how long a worker holds what it took (a channel's poll, an inbound document it processes, an "
        "outbound document it sends) without renewing it; when a worker dies, the others take over after this",
    )
    web: WebConfig = Field(default_factory=WebConfig)
    gs1_company_prefix: str | None = Field(
        None,
        pattern=r"^\d{6,12}$",
        description="our GS1 company prefix: SSCC-18s for carton and pallet labels are numbered under it",
    )
    sscc_extension_digit: int = Field(0, ge=0, le=9, description="the SSCC's first digit, chosen by the labeller")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    config_path: Path

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("ORDERHUB_DATA_DIR", "./var")).resolve()
        url = env.get("ORDERHUB_DATABASE_URL") or f"sqlite:///{data_dir / 'orderhub.db'}"
        config = Path(env.get("ORDERHUB_CONFIG", str(data_dir / "orderhub.yaml")))
        return cls(data_dir=data_dir, database_url=url, config_path=config)

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else self.data_dir / path

    def load_config(self) -> HubConfig:
        if not self.config_path.exists():
            return HubConfig()
        try:
            raw = yaml.safe_load(self.config_path.read_text(encoding="utf-8")) or {}
            config = HubConfig.model_validate(raw)
        except (yaml.YAMLError, ValidationError) as exc:
            raise ConfigError(f"{self.config_path}: {exc}") from None
        names = [c.name for c in config.channels]
        if len(names) != len(set(names)):
            raise ConfigError(f"{self.config_path}: channel names must be unique, got {names}")
        for channel in config.channels:
            if channel.kind != "folder":
                continue  # remote paths (SFTP) and mailbox names (IMAP) are the server's, not ours
            for key in ("inbox", "outbox", "archive", "error"):
                if key in channel.options and channel.options[key] is not None:
                    channel.options[key] = self.resolve(Path(channel.options[key]))
        return config
