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
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orderhub.errors import ConfigError
from orderhub.push_config import ExportConfig, WebhookConfig
from parsers import limits as read_limits
from parsers.limits import ReadLimits

__all__ = ["ConfigError", "Settings", "HubConfig", "ChannelConfig", "LimitsConfig", "WebConfig"]


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
    metrics_token_env: str | None = Field(
        None,
        description=(
            "environment variable holding a token GET /metrics then asks for ('Authorization: Bearer <it>'; "
            "Prometheus: authorization.credentials_file); unset, like metrics_token_file: /metrics is open to "
            "whoever reaches the web host (counts only, no order data)"
        ),
    )
    metrics_token_file: Path | None = Field(None, description="or a file holding it (relative: to the data dir)")
    secure_cookies: bool = Field(
        False,
        description=(
            "mark the review pages' cookies Secure (sent over HTTPS only): set true behind TLS; false by default "
            "because the default app is plain HTTP on 127.0.0.1"
        ),
    )


class LimitsConfig(BaseModel):
    """What one inbound document may cost. A document over a limit is failed with the limit's code (``LIMIT_*``)
    and a sentence naming the value, the limit and this setting; its bytes are kept (a file over
    ``max_document_bytes`` that a connector can leave unread is not downloaded: it is recorded as failed and
    filed in the channel's error folder), and the next document is processed."""

    model_config = ConfigDict(extra="forbid")

    max_document_bytes: int = Field(
        read_limits.DEFAULT_MAX_DOCUMENT_BYTES,
        gt=0,
        description="LIMIT_FILE_SIZE: largest document; folder and SFTP check a file's size before reading it, "
        "IMAP a message's RFC822.SIZE before fetching it (there at most the connector's own default, 100 MiB for "
        "SFTP and 25 MiB for IMAP; a channel's max_file_bytes / max_message_bytes overrides both)",
    )
    max_segments: int = Field(
        read_limits.DEFAULT_MAX_SEGMENTS, gt=0, description="LIMIT_SEGMENTS: segments in one X12 interchange"
    )
    max_pdf_pages: int = Field(read_limits.DEFAULT_MAX_PDF_PAGES, gt=0, description="LIMIT_PAGES: pages of one PDF")
    max_attachments: int = Field(
        read_limits.DEFAULT_MAX_ATTACHMENTS, gt=0, description="LIMIT_ATTACHMENTS: attachments of one mail"
    )
    max_decompressed_bytes: int = Field(
        read_limits.DEFAULT_MAX_DECOMPRESSED_BYTES,
        gt=0,
        description="LIMIT_DECOMPRESSED: what an XLSX (a zip) would inflate to, from its declared sizes, before "
        "anything inflates it",
    )
    max_seconds_per_document: float = Field(
        read_limits.DEFAULT_MAX_SECONDS_PER_DOCUMENT,
        gt=0,
        description="LIMIT_TIME: time to read one document (X12 checked every 256 segments, spreadsheets every 256 "
        "rows, mails before each attachment; a PDF is read in a child process killed at the limit, 60 s at most)",
    )

    def read_limits(self) -> ReadLimits:
        return ReadLimits(**self.model_dump())


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
    limits: LimitsConfig = Field(default_factory=LimitsConfig, description="what one inbound document may cost")
    gs1_company_prefix: str | None = Field(
        None,
        pattern=r"^\d{6,12}$",
        description="our GS1 company prefix: SSCC-18s for carton and pallet labels are numbered under it",
    )
    sscc_extension_digit: int = Field(0, ge=0, le=9, description="the SSCC's first digit, chosen by the labeller")
    webhooks: list[WebhookConfig] = Field(default_factory=list, description="signed POSTs of feed events")
    exports: list[ExportConfig] = Field(default_factory=list, description="feed events as JSON files")
    log_format: Literal["text", "json"] = Field(
        "text", description="text, or json: one JSON object per log line (ORDERHUB_LOG_FORMAT overrides it)"
    )


# channel options naming a file on this host, whatever the connector
LOCAL_FILE_OPTIONS = frozenset(
    {"state_file", "password_file", "token_file", "ca_file", "private_key_path", "key_file", "cert_file",
     "partner_cert_file"}
)  # fmt: skip
FOLDER_OPTIONS = frozenset({"inbox", "outbox", "archive", "error"})


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

    @property
    def templates_dir(self) -> Path:
        """PDF layouts learned from reviewed orders (:mod:`orderhub.layouts`), one YAML template each."""
        return self.data_dir / "templates"

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else self.data_dir / path

    def _secret(self, channel: str, key: str, value: Any) -> Any:
        """An option given as ``{env: NAME}`` or ``{file: PATH}`` (relative to the data dir): the variable's value
        or the file's content, stripped, read at start-up. Anything else is the option as written."""
        if not (isinstance(value, dict) and len(value) == 1 and set(value) <= {"env", "file"}):
            return value
        where = f"{self.config_path}: channel {channel}, option {key}"
        if "env" in value:
            name = str(value["env"])
            secret = os.environ.get(name)
            if not secret:
                raise ConfigError(f"{where}: environment variable {name} is not set or empty")
            return secret
        path = self.resolve(Path(str(value["file"])))
        try:
            secret = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{where}: cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
        if not secret:
            raise ConfigError(f"{where}: {path} is empty")
        return secret

    def load_config(self) -> HubConfig:
        if not self.config_path.exists():
            return HubConfig()
        try:
            raw = yaml.safe_load(self.config_path.read_text(encoding="utf-8")) or {}
            config = HubConfig.model_validate(raw)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{self.config_path}: {exc}") from None
        except ValidationError as exc:
            # where and what only: pydantic's own text quotes the input, which may be a channel's whole
            # options, password included
            details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ConfigError(f"{self.config_path}: {details}") from None
        names = [c.name for c in config.channels]
        if len(names) != len(set(names)):
            raise ConfigError(f"{self.config_path}: channel names must be unique, got {names}")
        for channel in config.channels:
            channel.options = {key: self._secret(channel.name, key, value) for key, value in channel.options.items()}
            # local files are under the data dir unless absolute (not the working directory: an IMAP state file
            # named "imap.json" landed wherever the hub was started); a folder channel's folders are local too,
            # while remote paths (SFTP) and mailbox names (IMAP) are the server's
            local = LOCAL_FILE_OPTIONS | (FOLDER_OPTIONS if channel.kind == "folder" else set())
            for key in local & set(channel.options):
                if isinstance(channel.options[key], str | Path):
                    channel.options[key] = self.resolve(Path(channel.options[key]))
        return config


def read_secret(settings: Settings, where: str, env: str | None, file: Path | None, min_bytes: int = 16) -> bytes:
    """A secret from the environment variable ``env`` or the file ``file`` (one of them), stripped; secrets are
    never written in orderhub.yaml, stored in the database or logged. Missing, unreadable or shorter than
    ``min_bytes``: a :class:`ConfigError` naming ``where`` (never the value)."""
    if (env is None) == (file is None):
        raise ConfigError(f"{where}: set exactly one of the _env and _file settings")
    if env is not None:
        value = os.environ.get(env)
        if not value:
            raise ConfigError(f"{where}: the environment variable {env} is not set")
        secret = value.strip().encode()
    else:
        assert file is not None
        path = settings.resolve(file)
        try:
            secret = path.read_bytes().strip()
        except OSError as exc:
            raise ConfigError(f"{where}: cannot read {path}: {exc.strerror}") from None
    if len(secret) < min_bytes:
        raise ConfigError(f"{where}: the secret is shorter than {min_bytes} bytes; use e.g. `openssl rand -hex 32`")
    return secret
