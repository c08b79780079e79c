"""Configuration of one AS2 relationship: our AS2 station and one partner's, as a channel of kind ``as2``.

One channel per partner: the inbound endpoint finds the channel by the message's AS2-To (ours) and AS2-From
(theirs), and records what arrived under that channel's name. Keys and certificates are PEM files named here;
the files are read when the hub starts, and a missing or unreadable one stops it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FilePath,
    HttpUrl,
    SecretStr,
    field_validator,
    model_validator,
)

AS2_NAME = r"^[!-~ ]{1,128}$"  # RFC 4130: printable ASCII, at most 128 characters


def load_certificate(path: Path) -> x509.Certificate:
    """The first certificate of a PEM file; ValueError naming the file if there is none."""
    data = path.read_bytes()
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise ValueError(f"{path} holds no PEM certificate: {exc}") from None


def expires_within(cert: x509.Certificate, days: int, now: datetime | None = None) -> timedelta | None:
    """The time left before ``cert`` expires, if that is less than ``days``; None otherwise."""
    left = cert.not_valid_after_utc - (now or datetime.now(UTC))
    return left if left < timedelta(days=days) else None


class As2Config(BaseModel):
    """Our AS2 identity (key and certificate) and one partner's (name, certificate, URL), with the security
    both sides require. Inbound checks (``require_*``) and outbound settings are separate, as partners often
    sign but do not encrypt, or the other way round."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    as2_name: str = Field(..., pattern=AS2_NAME, description="our AS2 name (the partner's AS2-To)")
    key_file: FilePath = Field(..., description="PEM file with our private key (signing and decryption)")
    key_password: SecretStr | None = Field(None, description="password of an encrypted key_file")
    cert_file: FilePath = Field(..., description="PEM file with our certificate, the one the partner holds")
    partner_as2_name: str = Field(..., pattern=AS2_NAME, description="the partner's AS2 name (their AS2-From)")
    partner_cert_file: FilePath = Field(
        ..., description="PEM file with the partner's certificate: verifies their signatures, encrypts to them"
    )
    partner_url: HttpUrl | None = Field(None, description="the partner's AS2 endpoint; required for sending")
    sign: bool = Field(True, description="sign outbound messages")
    encrypt: bool = Field(True, description="encrypt outbound messages")
    require_signed: bool = Field(True, description="refuse unsigned inbound messages (insufficient-message-security)")
    require_encrypted: bool = Field(
        True, description="refuse unencrypted inbound messages (insufficient-message-security)"
    )
    digest_alg: Literal["sha256", "sha384", "sha512", "sha1"] = Field(
        "sha256",
        description="signature digest, also the MIC algorithm requested for the MDN; RFC 5751 names "
        "(sha-256) are accepted too; sha1 needs allow_weak_digests",
    )
    allow_weak_digests: bool = Field(
        False,
        description="accept sha1 and md5: as inbound signature digests, as the MIC algorithm a partner asks "
        "for in its MDN, and in the MDNs it returns. Off: sha-256, sha-384, sha-512 only",
    )
    enc_alg: Literal["aes_128_cbc", "aes_192_cbc", "aes_256_cbc", "tripledes_192_cbc"] = Field(
        "aes_256_cbc", description="content encryption for outbound messages"
    )
    mdn_signed: bool = Field(
        True,
        description="request a signed MDN and refuse delivery unless it verifies; set false only for a peer "
        "whose signed MDNs cannot be verified (libas2 0.8.2), the MIC is still checked",
    )
    body_encoding: Literal["binary", "base64"] = Field(
        "binary",
        description="transfer encoding of an encrypted body: base64 for peers that read HTTP bodies as text "
        "(libas2 0.8.2)",
    )
    content_type: str = Field(
        "application/octet-stream",
        description="MIME type of the payload. application/octet-stream is the one pyas2lib 1.4.4 sends as "
        "binary, byte for byte; any other type (application/edi-x12 included) goes 7bit, which turns bare LF "
        "line ends into CRLF. Text types are refused.",
    )
    message_id_domain: str = Field(
        "orderhub.as2", pattern=r"^[A-Za-z0-9.-]+$", description="right-hand side of our Message-IDs"
    )
    mdn_mode: Literal["sync", "async"] = Field(
        "sync",
        description="how the partner returns the MDN for what we send: in the HTTP response (sync), or POSTed "
        "later to mdn_url (async); the document counts as delivered only once a verified MDN arrived",
    )
    mdn_url: HttpUrl | None = Field(
        None,
        description="our public /as2 URL, as the partner reaches it, where it POSTs asynchronous MDNs; "
        "required with mdn_mode: async",
    )
    mdn_timeout_minutes: float = Field(
        60.0, gt=0, description="async: a message with no MDN after this long is expired and resent (or dead)"
    )
    mdn_resends: int = Field(
        2,
        ge=0,
        description="async: how many times an expired message is sent again, with the same Message-ID, before "
        "it is dead (escalated: 'orderhub outbox' shows it with the reason)",
    )
    mdn_post_hosts: list[str] | None = Field(
        None,
        description="hosts we POST asynchronous MDNs to (the partner's Receipt-Delivery-Option must name one); "
        "default: the host of partner_url. An MDN for any other URL is returned synchronously, in the HTTP "
        "response, instead",
    )
    max_message_mb: float = Field(
        50.0, gt=0, description="a larger inbound message (or MDN) is refused with HTTP 413 before it is read"
    )
    max_refused_kb: int = Field(
        1024,
        ge=1,
        description="of a refused inbound message (bad signature, unencrypted, ...) at most this much is kept "
        "for a person to look at; the rest is dropped and the record says so",
    )
    timeout_seconds: float = Field(60.0, gt=0, description="limit for the POST and its synchronous MDN")
    cert_warning_days: int = Field(30, ge=0, description="warn this many days before a certificate expires")

    @field_validator("cert_file", "partner_cert_file")
    @classmethod
    def _holds_a_certificate(cls, value: Path) -> Path:
        load_certificate(value)
        return value

    @field_validator("digest_alg", mode="before")
    @classmethod
    def _rfc5751_names(cls, value: object) -> object:
        return value.strip().lower().replace("-", "") if isinstance(value, str) else value

    @field_validator("mdn_post_hosts")
    @classmethod
    def _hosts(cls, value: list[str] | None) -> list[str] | None:
        return [host.strip().lower().strip("[]") for host in value] if value is not None else None

    @property
    def mdn_hosts(self) -> set[str]:
        """Where asynchronous MDNs may be POSTed: ``mdn_post_hosts``, else the host of ``partner_url``."""
        if self.mdn_post_hosts is not None:
            return set(self.mdn_post_hosts)
        host = self.partner_url.host if self.partner_url is not None else None
        return {host.lower().strip("[]")} if host else set()

    @property
    def max_message_bytes(self) -> int:
        return int(self.max_message_mb * 1024 * 1024)

    @model_validator(mode="after")
    def _weak_digest_allowed(self) -> As2Config:
        if self.digest_alg == "sha1" and not self.allow_weak_digests:
            raise ValueError("digest_alg sha1 is weak: use sha256, or set allow_weak_digests: true")
        return self

    @field_validator("content_type")
    @classmethod
    def _not_text(cls, value: str) -> str:
        if value.lower().startswith("text/"):
            raise ValueError("a text/* type rewrites line ends in transit; use application/edi-x12")
        return value

    @model_validator(mode="after")
    def _async_needs_our_url(self) -> As2Config:
        if self.mdn_mode == "async" and self.mdn_url is None:
            raise ValueError("mdn_mode async needs mdn_url: our /as2 URL where the partner POSTs the MDN")
        return self

    @model_validator(mode="after")
    def _key_loads_and_matches(self) -> As2Config:
        password = self.key_password.get_secret_value().encode() if self.key_password else None
        try:
            key = serialization.load_pem_private_key(self.key_file.read_bytes(), password)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"key_file {self.key_file}: not a PEM private key, or wrong key_password ({exc})"
            ) from None
        public = serialization.PublicFormat.SubjectPublicKeyInfo
        ours = load_certificate(self.cert_file).public_key().public_bytes(serialization.Encoding.DER, public)
        if key.public_key().public_bytes(serialization.Encoding.DER, public) != ours:
            raise ValueError(f"key_file {self.key_file} is not the key of cert_file {self.cert_file}")
        return self
