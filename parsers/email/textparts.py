"""Text out of MIME parts: decoding that survives wrong charsets and broken transfer encodings, and HTML
turned into lines a person would see (paragraphs, list items, table rows with their cells tab-separated,
quoted blocks prefixed with ``>``)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from email.message import Message
from html.parser import HTMLParser

MAX_TEXT_CHARS = 200_000  # of one body part; an order mail's text is a few thousand characters

_BLOCK = {
    "p", "div", "br", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre",
    "blockquote", "section", "article", "header", "footer", "dd", "dt", "center", "address",
}  # fmt: skip
_TABLE = {"tr", "table", "li", "br"}
_SKIP = {"style", "script", "head", "title", "xml", "o:smarttagtype"}
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u3000]")


def normalise(text: str) -> str:
    """NFC, no-break and other odd spaces as spaces, line ends as ``\\n``, no control characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text)
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " " or ch == "\f").replace("\ufeff", "")


def part_bytes(part: Message) -> bytes:
    """The decoded payload of a leaf part; undecodable base64 or quoted-printable gives what could be read."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # the email package is lenient, but a broken header can still surface here
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "replace") if isinstance(raw, str) else b""


def decode_text(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Bytes of a text part as text, and a warning when the declared charset was unknown or wrong."""
    warning = None
    name = (charset or "utf-8").strip().strip('"').lower() or "utf-8"
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a NUL inside the charset name
        warning = f"unknown charset {charset!r}; read as UTF-8"
        name = "utf-8"
    if name in ("us-ascii", "ascii", "utf-8", "utf8"):
        try:
            return data.decode("utf-8"), warning
        except UnicodeDecodeError:
            # declared UTF-8 or ASCII but it is not: the usual culprit is Windows-1252
            return data.decode("cp1252", "replace"), "the text is not valid UTF-8; read as Windows-1252"
    try:
        return data.decode(name), warning
    except (UnicodeDecodeError, LookupError):
        return data.decode(name, "replace"), f"the text is not valid {name}; unreadable characters replaced"


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.quote = 0
        self.cells = 0

    def _flush(self, blank: bool = True) -> None:
        text = re.sub(r"[ ]{2,}", "  ", re.sub(r"[\r\n\f\v]+", " ", "".join(self.current))).strip(" ")
        if text or (blank and self.lines and self.lines[-1]):
            self.lines.append(("> " * self.quote + text) if text else "")
        self.current = []
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._flush(blank=tag not in _TABLE)
        if tag == "blockquote":
            self.quote += 1
        if tag == "li":
            self.current.append("- ")
        if tag in ("td", "th"):
            if self.cells:
                self.current.append("\t")
            self.cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK:
            self._flush(blank=tag not in _TABLE)
        if tag == "blockquote" and self.quote:
            self.quote -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines).strip("\n")


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    try:
        parser.feed(html[:MAX_TEXT_CHARS])
        parser.close()
    except Exception:  # html.parser copes with nearly anything; if not, fall back to stripping tags
        return normalise(re.sub(r"<[^>]{0,2000}>", " ", html[:MAX_TEXT_CHARS]))
    return normalise(parser.text())
