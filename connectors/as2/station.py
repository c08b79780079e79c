"""pyas2lib behind a small typed surface: build and read messages and MDNs for one AS2 relationship.

pyas2lib (1.4.4) is imported here only, after :func:`connectors.as2.oscrypto_fix.apply`. What this wrapper
adds to the library:

- our settings for outbound (``sign``, ``encrypt``) and inbound (``require_signed``, ``require_encrypted``)
  are two pyas2lib ``Partner`` records, as pyas2lib uses one flag for both directions; and the inbound
  requirements are checked again after pyas2lib's parse (a compressed-only body passes its encryption
  check; a signature without a digest or MIC is no signature);
- MDNs are read and verified here, not by pyas2lib (whose ``Mdn.parse`` accepts a CMS signature with no
  signer at all, and verifies one part while reading the disposition from another): a signed MDN must be a
  multipart/signed of exactly two parts, the second a CMS signature whose every signer is the partner's
  configured certificate over the first part's exact bytes, and Original-Message-ID, Disposition and
  Received-Content-MIC are read from that verified first part only (:func:`read_signed_mdn`);
- the MDN we send is built by us after pyas2lib's parse: a Message-ID counts as a duplicate only once the
  message verified (so the MDN carries its MIC), and the signed-receipt-micalg is the first algorithm of the
  sender's list we allow (sha-256 and stronger; sha1/md5 only with ``allow_weak_digests``); none allowed:
  a negative MDN "unsupported-mic-algorithms";
- a message from an unknown AS2-From (or to an unknown AS2-To) is answered from its headers alone, with an
  *unsigned*, synchronous negative MDN (``unknown-trading-partner``): nothing of its body is read, we do not
  sign for strangers, and never POST an asynchronous MDN to a URL a stranger chose.
"""

from __future__ import annotations

import base64
import email
import email.message
import email.parser
import email.utils
import logging
import quopri
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from connectors.as2 import oscrypto_fix
from connectors.as2.config import As2Config, load_certificate
from connectors.as2.receipt import SentMessage

oscrypto_fix.apply()  # must precede the first pyas2lib import

from pyas2lib import Mdn, Message, Organization, Partner  # noqa: E402


# -- MDNs: read and verify them ourselves -----------------------------------------------------------------------
class MdnError(Exception):
    """An MDN that cannot be read or trusted; the message says why."""


SIGNATURE_TYPES = ("application/pkcs7-signature", "application/x-pkcs7-signature")


def _content_type(value: str | None) -> tuple[str, email.message.Message]:
    """(the lower-case MIME type, a message carrying only that Content-Type, to read its parameters)."""
    holder = email.message.Message()
    holder["Content-Type"] = value or "text/plain"
    return holder.get_content_type(), holder


def split_multipart(content_type: str | None, body: bytes) -> list[bytes]:
    """The body parts of a multipart entity, each exactly as it appears between its delimiter line and the line
    break before the next delimiter (RFC 2046 5.1.1): for multipart/signed, the first is the signed content.
    Raises MdnError unless the entity has a boundary and ends with its close delimiter."""
    _, holder = _content_type(content_type)
    boundary = holder.get_boundary()
    if not boundary:
        raise MdnError("multipart entity without a boundary")
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + re.escape(boundary.encode("latin-1")) + rb"(--)?[ \t]*(\r?\n|\Z)")
    parts: list[bytes] = []
    start: int | None = None
    for match in delimiter.finditer(body):
        if start is not None:
            parts.append(body[start : match.start()])
        if match.group(1):  # the close delimiter: what follows is the epilogue
            return parts
        start = match.end()
    raise MdnError("multipart entity without its close delimiter")


def _split_entity(part: bytes) -> tuple[email.message.Message, bytes]:
    """A body part's headers (parsed) and its body (raw)."""
    match = re.search(rb"\r?\n\r?\n", part)
    if part.startswith((b"\r\n", b"\n")):  # no headers at all
        head, rest = b"", part.split(b"\n", 1)[1]
    elif match is None:
        head, rest = part, b""
    else:
        head, rest = part[: match.start()], part[match.end() :]
    return email.parser.BytesHeaderParser().parsebytes(head + b"\r\n\r\n"), rest


def _decoded(headers: email.message.Message, body: bytes) -> bytes:
    cte = (headers.get("Content-Transfer-Encoding") or "").strip().lower()
    if cte == "base64":
        return base64.b64decode(re.sub(rb"\s+", b"", body), validate=True)
    if cte == "quoted-printable":
        return quopri.decodestring(body)
    return body


def normalize_digest(name: str | None) -> str:
    """'SHA-256', 'sha256' -> 'sha256' (RFC 5751 names use a dash; pyas2lib and OpenSSL do not)."""
    return (name or "").strip().lower().replace("-", "").replace("_", "")


RFC5751_NAMES = {"sha256": "sha-256", "sha384": "sha-384", "sha512": "sha-512", "sha1": "sha1", "md5": "md5"}
STRONG_DIGESTS = ("sha256", "sha384", "sha512")
WEAK_DIGESTS = ("sha1", "md5")
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha224": hashes.SHA224,
    "sha1": hashes.SHA1,
    "md5": hashes.MD5,
}


def allowed_digests(config: As2Config) -> tuple[str, ...]:
    return STRONG_DIGESTS + (WEAK_DIGESTS if config.allow_weak_digests else ())


def _signer_is(signer: Any, cert: x509.Certificate) -> bool:
    sid = signer["sid"]
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"].dump()
        ours = cert.issuer.public_bytes()
        return bool(issuer == ours and sid.chosen["serial_number"].native == cert.serial_number)
    if sid.name == "subject_key_identifier":
        try:
            ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        except x509.ExtensionNotFound:
            ski = x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest  # type: ignore[arg-type]
        return bool(sid.chosen.native == ski)
    return False


def verify_detached(data: bytes, signature: bytes, cert: x509.Certificate, allowed: Iterable[str]) -> str:
    """Verify a detached CMS signature over ``data``: at least one signer, every signer is ``cert`` (and any
    certificate the signature carries for it is ``cert`` itself), every signature verifies with ``cert``'s key
    under an allowed digest. Returns the digest algorithm; raises MdnError otherwise."""
    try:
        info = cms.ContentInfo.load(signature)
        if info["content_type"].native != "signed_data":
            raise MdnError("the signature is not CMS signed-data")
        signed_data = info["content"]
        if signed_data["encap_content_info"]["content"].native is not None:
            raise MdnError("the signature is not detached")
        signers = list(signed_data["signer_infos"])
        carried = [c.chosen.dump() for c in signed_data["certificates"] or [] if c.name == "certificate"]
    except MdnError:
        raise
    except Exception as exc:
        raise MdnError(f"unreadable signature: {exc}") from None
    if not signers:
        raise MdnError("the signature has no signer")
    expected_der = cert.public_bytes(serialization.Encoding.DER)
    for der in carried:
        other = x509.load_der_x509_certificate(der)
        if other.issuer == cert.issuer and other.serial_number == cert.serial_number and der != expected_der:
            raise MdnError("the signature carries another certificate under the partner's issuer and serial")
    allowed = tuple(allowed)
    key = cert.public_key()
    digest_used = ""
    for signer in signers:
        if not _signer_is(signer, cert):
            raise MdnError("signed by someone other than the partner's configured certificate")
        digest = normalize_digest(signer["digest_algorithm"]["algorithm"].native)
        if digest not in allowed:
            raise MdnError(f"signature digest {digest} is not allowed ({', '.join(allowed)})")
        hash_alg = _HASHES[digest]()
        signed = data
        if signer["signed_attrs"].native is not None:
            attrs = {a["type"].native: a["values"].native for a in signer["signed_attrs"]}
            if attrs.get("content_type") not in (["data"], None):
                raise MdnError("the signature's content-type attribute is not data")
            want = attrs.get("message_digest") or []
            h = hashes.Hash(hash_alg)
            h.update(data)
            if len(want) != 1 or want[0] != h.finalize():
                raise MdnError("the signed content does not match the signature (message digest)")
            signed = signer["signed_attrs"].untag().dump()  # the attributes as signed, re-tagged SET OF
        sig_alg = signer["signature_algorithm"].signature_algo
        value = signer["signature"].native
        try:
            if isinstance(key, rsa.RSAPublicKey) and sig_alg == "rsassa_pkcs1v15":
                key.verify(value, signed, padding.PKCS1v15(), hash_alg)
            elif isinstance(key, rsa.RSAPublicKey) and sig_alg == "rsassa_pss":
                params = signer["signature_algorithm"]["parameters"]
                pss_hash = _HASHES[normalize_digest(params["hash_algorithm"]["algorithm"].native)]()
                pss = padding.PSS(mgf=padding.MGF1(pss_hash), salt_length=params["salt_length"].native)
                key.verify(value, signed, pss, hash_alg)
            elif isinstance(key, ec.EllipticCurvePublicKey) and sig_alg == "ecdsa":
                key.verify(value, signed, ec.ECDSA(hash_alg))
            else:
                raise MdnError(f"unsupported signature algorithm {sig_alg}")
        except InvalidSignature:
            raise MdnError("the signature does not verify with the partner's certificate") from None
        digest_used = digest
    return digest_used


@dataclass
class MdnFields:
    """What a disposition notification says, read from one message/disposition-notification part."""

    original_message_id: str
    disposition: str  # the disposition as written, after the action mode: "processed/Warning: duplicate-document"
    status: str  # lower case: "processed", "processed/warning", "processed/error", "failed/failure"
    detail: str | None  # lower case, the text after ':' ("duplicate-document", "authentication-failed")
    mic: str | None
    mic_alg: str | None  # normalised ("sha256")


_READ_ONCE = ("original-message-id", "disposition", "received-content-mic")


def read_report(entity: bytes) -> MdnFields:
    """Read a multipart/report (headers and body, exactly as received or verified): exactly one
    message/disposition-notification part, and in it each field we read exactly once (at most once for the
    MIC)."""
    headers, body = _split_entity(entity)
    kind, _ = _content_type(headers.get("Content-Type"))
    if kind != "multipart/report":
        raise MdnError(f"expected multipart/report, got {kind}")
    notes = []
    for part in split_multipart(headers.get("Content-Type"), body):
        part_headers, part_body = _split_entity(part)
        if _content_type(part_headers.get("Content-Type"))[0] == "message/disposition-notification":
            notes.append(_decoded(part_headers, part_body))
    if len(notes) != 1:
        raise MdnError(f"{len(notes)} disposition-notification parts; exactly one expected")
    fields: dict[str, str] = {}
    for line in re.sub(rb"\r?\n[ \t]+", b" ", notes[0]).decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise MdnError(f"unreadable disposition-notification line {line[:80]!r}")
        name = name.strip().lower()
        if name in _READ_ONCE and name in fields:
            raise MdnError(f"{name} appears more than once in the disposition notification")
        fields.setdefault(name, value.strip())
    original = fields.get("original-message-id")
    disposition = fields.get("disposition")
    if not original or not disposition:
        raise MdnError("the disposition notification lacks Original-Message-ID or Disposition")
    _mode, sep, what = disposition.partition(";")
    if not sep or not what.strip():
        raise MdnError(f"unreadable Disposition {disposition!r}")
    what = what.strip()
    status, _, detail = what.partition(":")
    mic, mic_alg = None, None
    if fields.get("received-content-mic"):
        value, _, alg = fields["received-content-mic"].partition(",")
        mic, mic_alg = value.strip() or None, normalize_digest(alg) or None
    return MdnFields(
        original_message_id=original.strip().strip("<>"),
        disposition=what,
        status=re.sub(r"\s+", "", status).lower(),
        detail=detail.strip().lower() or None,
        mic=mic,
        mic_alg=mic_alg,
    )


def _entity(content_type: str | None, body: bytes) -> bytes:
    return b"Content-Type: " + (content_type or "").encode("latin-1") + b"\r\n\r\n" + body


def read_signed_mdn(
    headers: Headers, body: bytes, cert: x509.Certificate, allowed: Iterable[str], require_signed: bool
) -> tuple[MdnFields, bool]:
    """An MDN as received over HTTP: if multipart/signed, exactly two parts, the second a signature by ``cert``
    over the first part's exact bytes, and the fields read from that first part only. Unsigned (a bare
    multipart/report) only if ``require_signed`` is False. Returns (fields, signed); raises MdnError."""
    content_type = header(headers, "content-type")
    kind, _ = _content_type(content_type)
    if kind == "multipart/report":
        if require_signed:
            raise MdnError("unsigned MDN where a signed one was requested")
        return read_report(_entity(content_type, body)), False
    if kind != "multipart/signed":
        raise MdnError(f"not an MDN: {kind}")
    parts = split_multipart(content_type, body)
    if len(parts) != 2:
        raise MdnError(f"multipart/signed with {len(parts)} parts; exactly two expected")
    sig_headers, sig_body = _split_entity(parts[1])
    if _content_type(sig_headers.get("Content-Type"))[0] not in SIGNATURE_TYPES:
        raise MdnError("the second part of the signed MDN is not a PKCS #7 signature")
    try:
        signature = _decoded(sig_headers, sig_body)
    except ValueError as exc:
        raise MdnError(f"unreadable signature part: {exc}") from None
    content = parts[0]
    try:
        verify_detached(content, signature, cert, allowed)
    except MdnError as first:
        canonical = re.sub(rb"(?<!\r)\n", b"\r\n", content)  # RFC 5751 3.1.1: CRLF line ends
        if canonical == content:
            raise
        try:
            verify_detached(canonical, signature, cert, allowed)
        except MdnError:
            raise first from None
        content = canonical
    return read_report(content), True


log = logging.getLogger(__name__)
Headers = Iterable[tuple[str, str]]
UNKNOWN_PARTNER = "unknown-trading-partner"
DUPLICATE = "duplicate-document"
UNSUPPORTED_MIC = "unsupported-mic-algorithms"
INSUFFICIENT = "insufficient-message-security"
# request headers we answer ourselves after pyas2lib's parse (pyas2lib would build and sign its own MDN)
_MDN_REQUEST = ("disposition-notification-to", "disposition-notification-options")


def raw_http(headers: Headers, body: bytes) -> bytes:
    """pyas2lib parses 'headers CRLF CRLF body' as one MIME document."""
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode("utf-8", "surrogateescape") + b"\r\n" + body


def header(headers: Headers, name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def as2_names(headers: Headers) -> tuple[str | None, str | None]:
    """(AS2-From, AS2-To) of a request, unquoted, or None where missing."""
    found = [header(headers, name) for name in ("as2-from", "as2-to")]
    as2_from, as2_to = (email.utils.unquote(v.strip()) if v is not None else None for v in found)
    return as2_from, as2_to


MDN_OPTIONS = "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, {}"


def choose_micalg(options: str | None, allowed: Iterable[str]) -> tuple[bool, str | None]:
    """Read a Disposition-Notification-Options header: (a signed receipt was asked for, the first algorithm of
    the sender's signed-receipt-micalg list that is ``allowed``, normalised; None if none is). No micalg
    list at all: sha256."""
    if not options:
        return False, None
    allowed = tuple(allowed)
    wanted: list[str] | None = None
    for parameter in options.split(";"):
        name, _, values = parameter.partition("=")
        if name.strip().lower() == "signed-receipt-micalg":
            wanted = [normalize_digest(v) for v in values.split(",")[1:]]  # the first is the importance
    if wanted is None:
        return True, "sha256" if "sha256" in allowed else None
    return True, next((alg for alg in wanted if alg in allowed), None)


@dataclass
class InboundMessage:
    """What an inbound AS2 message turned out to be, with the MDN that answers it (None if none was asked).

    ``status`` is the MDN disposition: "processed" when the payload is genuine, else e.g. "processed/Error"
    with ``detail`` "authentication-failed" or "insufficient-message-security", "failed/Failure" with
    "unsupported-mic-algorithms", or "processed/Warning" with "duplicate-document" (only for a message that
    verified). ``payload`` is set when processed or a genuine duplicate.
    """

    status: str
    detail: str | None
    error: str | None
    message_id: str | None
    payload: bytes | None
    filename: str | None
    mdn_headers: dict[str, str]
    mdn_body: bytes
    mdn_url: str | None  # set when the sender asked for an asynchronous MDN (whether we POST it is the caller's call)
    signed: bool = False
    encrypted: bool = False
    mic: str | None = None

    @property
    def processed(self) -> bool:
        return self.status == "processed"

    @property
    def duplicate(self) -> bool:
        return self.detail == DUPLICATE


@dataclass
class OutboundMessage:
    message_id: str
    headers: dict[str, str]
    body: bytes
    mic: str | None  # base64, when signed
    message: Message


@dataclass
class MdnReport:
    """A received MDN after verification. ``status`` is the disposition as the MDN writes it ("processed",
    "processed/Warning", "processed/Error", "failed/Failure"; compare with :attr:`disposition`, lower case),
    ``detail`` the text after ':' in lower case, ``mic`` the Received-Content-MIC value. ``trusted`` is False
    when the MDN could not be read or verified (then ``problem`` says why, and the other fields are None);
    ``claimed_message_id`` is the Original-Message-ID an untrusted MDN claims, only to note the problem."""

    status: str | None
    detail: str | None
    mic: str | None
    original_message_id: str | None = None
    mic_alg: str | None = None
    trusted: bool = True
    problem: str | None = None
    claimed_message_id: str | None = None
    signed: bool = False

    @property
    def disposition(self) -> str:
        return (self.status or "").lower()


def untrusted(problem: str, claimed: str | None = None) -> MdnReport:
    return MdnReport(None, None, None, trusted=False, problem=problem, claimed_message_id=claimed)


def is_mdn(headers: Headers, body: bytes) -> bool:
    """Whether an HTTP request (or response) carries an MDN rather than a message: a multipart/report, or a
    multipart/signed whose first part is one. An encrypted body is always a message (MDNs are never
    encrypted), and is not parsed here."""
    content_type = header(headers, "content-type")
    kind, _ = _content_type(content_type)
    if kind == "multipart/report":
        return True
    if kind != "multipart/signed":
        return False
    try:
        parts = split_multipart(content_type, body)
        first, _ = _split_entity(parts[0]) if parts else (None, b"")
    except MdnError:
        return False
    return first is not None and _content_type(first.get("Content-Type"))[0] == "multipart/report"


def _claimed_id(headers: Headers, body: bytes) -> str | None:
    """The Original-Message-ID an MDN claims, unverified: only to say which document an untrusted MDN named."""
    content_type = header(headers, "content-type")
    try:
        if _content_type(content_type)[0] == "multipart/signed":
            return read_report(split_multipart(content_type, body)[0]).original_message_id
        return read_report(_entity(content_type, body)).original_message_id
    except (MdnError, IndexError, ValueError):
        return None


def _headers_only(headers: Headers) -> Message:
    """A pyas2lib Message carrying only the request's headers: enough to build an MDN for it."""
    message = Message()
    message.payload = email.message.Message()
    for name, value in headers:
        if name.lower() not in _MDN_REQUEST:
            message.payload[name.lower()] = value
    message_id = header(headers, "message-id")
    message.message_id = message_id.strip().lstrip("<").rstrip(">") if message_id else None
    return message


def _build_mdn(message: Message, status: str, detail: str | None, async_url: str | None, micalg: str | None) -> Mdn:
    """The MDN for ``message``: signed with ``micalg`` when given (only for a partner we know)."""
    if message.payload is None:
        message.payload = email.message.Message()
    for name in _MDN_REQUEST:
        del message.payload[name]
    if micalg is not None:
        message.payload["disposition-notification-options"] = MDN_OPTIONS.format(micalg)
    mdn = Mdn(mdn_mode="ASYNC" if async_url else "SYNC", mdn_url=async_url, digest_alg=micalg)
    mdn.build(message=message, status=status, detailed_status=detail)
    return mdn


def refuse_unknown(headers: Headers) -> InboundMessage:
    """The answer to a message whose AS2-From/AS2-To pair is no configured relationship, from its headers
    alone: an unsigned, synchronous negative MDN (if an MDN was asked for at all); nothing read or stored."""
    as2_from, as2_to = as2_names(headers)
    message = _headers_only(headers)
    wants = header(headers, "disposition-notification-to") is not None
    mdn = _build_mdn(message, "processed/Error", UNKNOWN_PARTNER, None, None) if wants else None
    return InboundMessage(
        status="processed/Error",
        detail=UNKNOWN_PARTNER,
        error=f"no AS2 relationship from {as2_from!r} to {as2_to!r} is configured",
        message_id=message.message_id,
        payload=None,
        filename=None,
        mdn_headers=dict(mdn.headers) if mdn is not None else {},
        mdn_body=bytes(mdn.content) if mdn is not None else b"",
        mdn_url=None,
    )


class Station:
    """One AS2 relationship: our organization (key, certificate) and one partner, as configured."""

    def __init__(self, config: As2Config) -> None:
        self.config = config
        self.partner_certificate = load_certificate(config.partner_cert_file)
        self.digests = allowed_digests(config)
        key = config.key_file.read_bytes() + b"\n" + config.cert_file.read_bytes()
        password = config.key_password.get_secret_value() if config.key_password else None
        self.org = Organization(
            config.as2_name,
            sign_key=key,
            sign_key_pass=password,
            decrypt_key=key,
            decrypt_key_pass=password,
            mdn_url=str(config.mdn_url) if config.mdn_url else None,
            domain=config.message_id_domain,
        )
        partner_cert = config.partner_cert_file.read_bytes()
        common = dict(
            verify_cert=partner_cert,
            encrypt_cert=partner_cert,
            digest_alg=config.digest_alg,
            enc_alg=config.enc_alg,
            mdn_digest_alg=config.digest_alg if config.mdn_signed else None,
        )
        # pyas2lib reads Partner.sign/encrypt both as "do it when sending" and "require it when receiving"
        self.outbound_partner = Partner(
            config.partner_as2_name,
            sign=config.sign,
            encrypt=config.encrypt,
            mdn_mode="ASYNC" if config.mdn_mode == "async" else "SYNC",
            **common,
        )
        self.inbound_partner = Partner(
            config.partner_as2_name,
            sign=config.require_signed,
            encrypt=config.require_encrypted,
            mdn_mode="SYNC",
            **common,
        )

    # -- inbound ------------------------------------------------------------------------------------------
    def receive(self, headers: Headers, body: bytes, seen: Callable[[str], bool]) -> InboundMessage:
        """Decrypt and verify one message addressed to this relationship and build its MDN. Raises only if
        ``seen`` does (the caller cannot record anything then either).

        ``seen(message_id)`` says whether that Message-ID was already received (and processed) from this
        partner: then a message that verified is answered "processed/Warning: duplicate-document", with its MIC.
        """
        headers = list(headers)
        wants_mdn = header(headers, "disposition-notification-to") is not None
        signed_receipt, micalg = choose_micalg(header(headers, "disposition-notification-options"), self.digests)
        async_url = header(headers, "receipt-delivery-option")
        async_url = async_url.strip() if async_url else None

        def find(as2_to: str, as2_from: str) -> tuple[Organization | None, Partner | None]:
            return (
                self.org if as2_to == self.config.as2_name else None,
                self.inbound_partner if as2_from == self.config.partner_as2_name else None,
            )

        message = Message()
        kept = [(k, v) for k, v in headers if k.lower() not in _MDN_REQUEST]
        try:
            status, (exc, _trace), _none = message.parse(raw_http(kept, body), find_org_partner_cb=find)
        except Exception as raised:  # pyas2lib catches most; nothing may escape before the bytes are stored
            status, exc = "processed/Error", raised
        detail = getattr(exc, "disposition_modifier", None) if exc is not None else None
        if exc is not None and not detail:
            detail = "unexpected-processing-error"
        error = f"{type(exc).__name__}: {exc}" if exc is not None else None
        if status == "processed":
            problem = self._insufficient(message)
            if problem:
                status, detail, error = "processed/Error", INSUFFICIENT, problem
        if status == "processed" and signed_receipt and micalg is None:
            options = header(headers, "disposition-notification-options")
            status, detail = "failed/Failure", UNSUPPORTED_MIC
            error = f"none of the MIC algorithms asked for ({options}) is allowed: {', '.join(self.digests)}"
        if status == "processed" and message.message_id and seen(message.message_id):
            status, detail = "processed/Warning", DUPLICATE
        genuine = status == "processed" or detail == DUPLICATE
        payload = message.content if genuine and message.payload is not None else None
        filename = message.payload.get_filename() if genuine and message.payload is not None else None
        mdn = None
        if wants_mdn:
            try:
                sign = micalg if signed_receipt and detail != UNSUPPORTED_MIC else None
                mdn = _build_mdn(message, status, detail, async_url, sign)
            except Exception as raised:  # say so in an unsigned MDN rather than not at all
                log.warning("AS2 <%s>: could not build a signed MDN: %s", message.message_id, raised)
                error = error or f"MDN: {type(raised).__name__}: {raised}"
                try:
                    mdn = _build_mdn(message, status, detail, async_url, None)
                except Exception:  # the bytes are still recorded; the partner gets no MDN and sends again
                    log.exception("AS2 <%s>: could not build an MDN", message.message_id)
                    mdn = None
        return InboundMessage(
            status=status,
            detail=detail,
            error=error,
            message_id=message.message_id,
            payload=payload if isinstance(payload, bytes) else None,
            filename=filename,
            mdn_headers=dict(mdn.headers) if mdn is not None else {},
            mdn_body=bytes(mdn.content) if mdn is not None else b"",
            mdn_url=async_url if mdn is not None else None,
            signed=bool(message.signed),
            encrypted=bool(message.encrypted),
            mic=message.mic.decode() if message.mic else None,
        )

    def _insufficient(self, message: Message) -> str | None:
        """Why a message pyas2lib passed does not meet our inbound requirements, or None."""
        if self.config.require_encrypted and not message.encrypted:
            return "InsufficientSecurityError: the message must be encrypted and was not (compressed is not encrypted)"
        if self.config.require_signed and not (message.signed and message.digest_alg and message.mic):
            return "InsufficientSecurityError: the message must be signed and carries no verified signature"
        if message.signed and normalize_digest(message.digest_alg) not in self.digests:
            return f"InsufficientSecurityError: signature digest {message.digest_alg} is not allowed"
        return None

    # -- outbound -----------------------------------------------------------------------------------------
    def build(self, data: bytes, filename: str | None, message_id: str | None = None) -> OutboundMessage:
        """Sign and encrypt as configured; ``message_id`` is the left-hand side (a resend uses the same)."""
        message = Message(self.org, self.outbound_partner)
        message.build(data, filename=filename, content_type=self.config.content_type, message_id=message_id)
        headers = {k: str(v) for k, v in message.headers.items()}
        options = next((k for k in headers if k.lower() == "disposition-notification-options"), None)
        if options is not None:  # RFC 5751's name first, then the one pyas2lib (and OpenSSL) use
            alg = normalize_digest(self.config.digest_alg)
            names = dict.fromkeys([RFC5751_NAMES.get(alg, alg), alg])
            headers[options] = (
                f"signed-receipt-protocol=required, pkcs7-signature; signed-receipt-micalg=optional, {', '.join(names)}"
            )
        body = bytes(message.content)
        cte = next((k for k in headers if k.lower() == "content-transfer-encoding"), None)
        if self.config.body_encoding == "base64" and cte is not None and headers[cte].lower() == "binary":
            body = base64.encodebytes(body).replace(b"\n", b"\r\n")
            headers[cte] = "base64"
        return OutboundMessage(
            message_id=message.message_id,
            headers=headers,
            body=body,
            mic=message.mic.decode() if message.mic else None,
            message=message,
        )

    def read_report(self, headers: Headers, body: bytes) -> MdnReport:
        """Read and verify an MDN from this partner (signed by its certificate, when a signed one was asked
        for); an MDN that cannot be read or verified is an untrusted report saying why."""
        headers = list(headers)
        try:
            fields, signed = read_signed_mdn(
                headers, body, self.partner_certificate, self.digests, require_signed=self.config.mdn_signed
            )
        except MdnError as exc:
            return untrusted(str(exc), _claimed_id(headers, body))
        except Exception as exc:  # anything unforeseen in hostile input is an unreadable MDN
            return untrusted(f"unreadable MDN: {type(exc).__name__}: {exc}", _claimed_id(headers, body))
        status, _, _ = fields.disposition.partition(":")
        return MdnReport(
            status=re.sub(r"\s+", "", status),
            detail=fields.detail,
            mic=fields.mic,
            original_message_id=fields.original_message_id,
            mic_alg=fields.mic_alg,
            signed=signed,
        )

    def read_mdn(self, sent: OutboundMessage, headers: Headers, body: bytes) -> MdnReport:
        """Verify the synchronous MDN for ``sent`` and read its disposition: it must name ``sent``."""
        report = self.read_report(headers, body)
        if report.trusted and report.original_message_id != sent.message_id:
            return untrusted(
                f"the MDN answers <{report.original_message_id}>, not <{sent.message_id}>",
                report.original_message_id,
            )
        return report

    def read_async_mdn(
        self, headers: Headers, body: bytes, find: Callable[[str], SentMessage | None]
    ) -> tuple[MdnReport, SentMessage | None]:
        """Verify an MDN the partner POSTed to us: ``find(original_message_id)`` names what we sent under that
        id (None: nothing we wait for). The id is the verified one; for an untrusted MDN it is the one it
        claims, so that the problem can be noted on that document (nothing else changes). Returns the report
        and what it answers."""
        report = self.read_report(headers, body)
        message_id = report.original_message_id if report.trusted else report.claimed_message_id
        return report, (find(message_id) if message_id else None)
