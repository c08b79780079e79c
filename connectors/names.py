"""Names that come from outside (a remote file, an attachment, an AS2 filename) made safe to use as our own.

A name a partner chose is data, never a path: ``../../etc/cron.d/x``, ``/etc/passwd``, ``a\\..\\b`` (a
separator on Windows servers), a NUL byte, a fullwidth solidus that NFKC turns into ``/``, a right-to-left
override that makes ``invoice\u202efdp.exe`` read as ``invoiceexe.pdf``, or 300 bytes (over NAME_MAX, so a
rename fails and the file blocks its inbox) all become one harmless path component here.
"""

from __future__ import annotations

import hashlib
import unicodedata

MAX_NAME_BYTES = 180  # one component; leaves room for the claim prefix and the ".<stamp>.<id>" of a second copy
_UNSAFE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")  # controls, format (bidi overrides), surrogates


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def readable_name(name: str | bytes) -> str:
    """A name as text that any database stores and any log shows as it is: undecodable bytes (and surrogate
    escapes of them) become U+FFFD; NUL, line breaks and other controls, and the bidi controls that make a
    name read as another, become ``?`` (a file named "x\nERROR …" cannot forge a log line). For records and
    messages, not for paths."""
    if isinstance(name, bytes):
        text = name.decode("utf-8", "replace")
    else:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if c in _BIDI_CONTROLS or unicodedata.category(c) == "Cc" else c for c in text)


def local_name(name: str | bytes, fallback: str = "unnamed") -> str:
    """``name`` as a single safe path component: unchanged when it already is one, otherwise cleaned.

    NFKC first (so look-alikes of ``/`` and ``..`` are caught as what they become), then separators, NUL,
    controls, bidi and other format characters become ``_``; leading dots go (no hidden files, no ``..``);
    a name longer than :data:`MAX_NAME_BYTES` is cut and given a short hash of the original, so two long
    names stay distinct.
    """
    original = readable_name(name)
    text = unicodedata.normalize("NFKC", original)
    text = "".join("_" if c in "/\\" or unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text)
    text = text.strip().lstrip(".").strip() or fallback
    if text in (".", ".."):
        text = fallback
    if len(text.encode("utf-8")) > MAX_NAME_BYTES:
        digest = hashlib.sha256(original.encode("utf-8", "replace")).hexdigest()[:12]
        stem, dot, extension = text.rpartition(".")
        if not dot or len(extension) > 10:
            stem, extension = text, ""
        suffix = f"~{digest}" + (f".{extension}" if extension else "")
        budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
        stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore")
        text = stem + suffix
    return text


__all__ = ["MAX_NAME_BYTES", "local_name", "readable_name"]
