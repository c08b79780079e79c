"""Configuration of what orderhub pushes to the ERP: webhooks and JSON file exports (``orderhub.yaml``).

```yaml
webhooks:
  - name: erp-events
    url: https://erp.example.com/orderhub/events
    events: [released, held, partner_acknowledged]
    secret_env: ORDERHUB_WEBHOOK_SECRET       # or secret_file: keys/erp-webhook.secret
exports:
  - name: erp-files
    kind: folder                             # or sftp, with sftp: {host, username, host_key, outbox, ...}
    folder: exports/erp
```

Only pydantic here, so that loading settings stays light; :mod:`orderhub.webhooks` and :mod:`orderhub.exports`
do the work. A webhook's secret is named (an environment variable or a file), never written in this file nor
stored in the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, model_validator

# The kinds of events on the orders feed (order_event.kind, see orderhub.store.repo) one may subscribe to.
EventKind = Literal[
    "held",
    "released",
    "changed",
    "superseded",
    "cancelled",
    "booked",
    "rejected",
    "partner_acknowledged",
    "partner_rejected",
]
NAME_PATTERN = r"^[A-Za-z0-9_.-]{1,80}$"


class WebhookConfig(BaseModel):
    """One receiver: every feed event of the listed kinds is POSTed to it as signed JSON, with retries."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="names its deliveries; keep it stable")
    url: AnyHttpUrl = Field(description="where events are POSTed (https in production); redirects are not followed")
    events: list[EventKind] = Field(min_length=1, description="feed event kinds to deliver")
    secret_env: str | None = Field(None, description="environment variable holding the signing secret")
    secret_file: Path | None = Field(None, description="file holding the signing secret (relative: to the data dir)")
    max_attempts: int = Field(10, ge=1, le=100, description="attempts before a delivery is dead")
    backoff_seconds: float = Field(30.0, gt=0, description="wait before the first retry")
    backoff_factor: float = Field(2.0, ge=1, description="each retry waits this many times longer")
    max_backoff_seconds: float = Field(6 * 3600.0, gt=0, description="longest wait between attempts")
    timeout_seconds: float = Field(10.0, gt=0, le=120, description="for one POST")
    interval_seconds: float = Field(5.0, gt=0, description="how often due deliveries are sent")
    since: Literal["now", "start"] = Field(
        "now", description="a new webhook gets events from when the hub first sees it (now) or the whole feed"
    )
    use_env_proxy: bool = Field(False, description="honour HTTP(S)_PROXY from the environment")

    @model_validator(mode="after")
    def _one_secret(self) -> WebhookConfig:
        if (self.secret_env is None) == (self.secret_file is None):
            raise ValueError(f"webhook {self.name}: set exactly one of secret_env and secret_file")
        return self


def _export_default_events() -> list[EventKind]:
    return ["released", "changed", "cancelled"]


class ExportConfig(BaseModel):
    """Feed events written as one canonical JSON file each, to a folder or an SFTP directory."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN)
    kind: Literal["folder", "sftp"]
    events: list[EventKind] = Field(default_factory=_export_default_events, min_length=1, description="kinds written")
    folder: Path | None = Field(None, description="kind folder: where files go (relative: to the data dir)")
    sftp: dict[str, Any] | None = Field(
        None, description="kind sftp: the SFTP connector's options (host, username, host_key, ...) with outbox"
    )
    interval_seconds: float = Field(10.0, gt=0)
    since: Literal["now", "start"] = Field("now", description="as for webhooks")

    @model_validator(mode="after")
    def _target(self) -> ExportConfig:
        if self.kind == "folder" and (self.folder is None or self.sftp is not None):
            raise ValueError(f"export {self.name}: kind folder needs folder (and no sftp)")
        if self.kind == "sftp" and (self.sftp is None or self.folder is not None or not self.sftp.get("outbox")):
            raise ValueError(f"export {self.name}: kind sftp needs sftp options with an outbox (and no folder)")
        return self
