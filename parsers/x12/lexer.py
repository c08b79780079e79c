"""Split X12 bytes into segments, reading the delimiters from the ISA.

ISA policy (documented in README): the ISA is read by its separators, not by fixed columns, so an ISA
that is not 106 characters (unpadded fields, no-break spaces, a line break inside it) is still read; the
lexer reports ``fixed_width=False`` and a warning, and the pipeline rejects such an interchange only
when the partner's profile says ``strict_isa: true``. Tolerated everywhere: a UTF-8 byte-order mark,
whitespace before the ISA, CR/LF and indentation between segments, several interchanges in one file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from parsers.errors import DocumentRejected

# Offsets of the 16 element separators in a standard 106-character ISA.
_FIXED_SEPARATORS = (3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103)
_LINE_BREAKS = "\r\n"


@dataclass(frozen=True, slots=True)
class Delimiters:
    element: str
    component: str | None
    segment: str
    repetition: str | None = None


@dataclass(slots=True)
class Segment:
    """One segment: ``elements[0]`` is the segment ID; ``index`` counts segments in the file from 1."""

    elements: list[str]
    index: int
    offset: int
    header: IsaHeader | None = None  # set on ISA segments: the delimiters and warnings of that interchange

    @property
    def id(self) -> str:
        return self.elements[0]

    def get(self, position: int) -> str:
        """Element ``position`` (1-based) or '' when absent."""
        elements = self.elements
        return elements[position] if position < len(elements) else ""

    def __len__(self) -> int:
        return len(self.elements) - 1


@dataclass(slots=True)
class IsaHeader:
    """What the lexer learned from one ISA: its delimiters, whether it was 106 characters, warnings."""

    delimiters: Delimiters
    fixed_width: bool
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Interchange:
    """The segments of one ISA..IEA, with the delimiters its ISA declared (see :func:`tokenize`)."""

    delimiters: Delimiters
    segments: list[Segment]
    fixed_width: bool
    warnings: list[str] = field(default_factory=list)


def digits(value: str) -> bool:
    """Only ASCII digits (str.isdigit also accepts '²' and other scripts, which int() then refuses)."""
    return value.isascii() and value.isdigit()


def small_int(value: str, max_digits: int = 9) -> int | None:
    """A count or control number: ASCII digits, at most ``max_digits`` of them; otherwise None."""
    return int(value) if digits(value) and len(value) <= max_digits else None


def _describe(text: str) -> str:
    sample = text[:24]
    return repr(sample) if sample else "nothing"


def read_isa(text: str, start: int, origin: int = 0) -> tuple[Delimiters, list[str], int, bool, list[str]]:
    """Read the ISA that begins at ``start`` (``origin + start`` in the document, for messages).

    Returns (delimiters, ISA elements, offset just past the ISA's terminator, fixed width?, warnings).
    """
    at = origin + start
    warnings: list[str] = []
    if len(text) - start < 4:
        raise DocumentRejected(f"truncated ISA at character {at}: only {_describe(text[start:])}")
    sep = text[start + 3]
    if sep.isalnum() or sep in " \r\n\t":
        raise DocumentRejected(
            f"ISA at character {at}: {sep!r} cannot be the element separator (character 4 of the ISA)"
        )
    fixed = (
        len(text) - start >= 106
        and all(text[start + p] == sep for p in _FIXED_SEPARATORS)
        and text[start + 104] not in _LINE_BREAKS
    )
    if fixed:
        component = text[start + 104]
        terminator = text[start + 105]
        isa_text = text[start : start + 104]
        end = start + 106
    else:
        # Read by separators: the 16th separator is followed by ISA16 and then the segment terminator.
        count = 0
        pos = start + 3
        limit = min(len(text), start + 400)
        while pos < limit and count < 16:
            if text[pos] == sep:
                count += 1
            pos += 1
        if count < 16 or pos + 1 >= len(text):
            raise DocumentRejected(
                f"truncated or malformed ISA at character {at}: found {count} of 16 element separators "
                f"{sep!r} before the end"
            )
        isa_text = text[start:pos]  # up to and including the 16th separator
        while pos < len(text) - 2 and text[pos] in _LINE_BREAKS:
            pos += 1  # a line break inside the ISA, before ISA16
        component = text[pos]
        terminator = text[pos + 1]
        end = pos + 2
        length = end - start
        if any(c in isa_text for c in _LINE_BREAKS):
            warnings.append(f"ISA at character {at} has a line break inside it; read without it")
            isa_text = isa_text.replace("\r", "").replace("\n", "")
        warnings.append(f"ISA at character {at} is {length} characters, not 106: read by its separators")
    if terminator in _LINE_BREAKS and component == "~":
        # Seen in the wild: ISA ends '*T*~' + line break, and every segment ends '~' + line break. Strictly
        # ISA16 would be '~'; what the sender meant is '~' as terminator and no component separator.
        warnings.append(
            f"ISA at character {at}: ISA16 is '~' followed by a line break; read '~' as the segment "
            "terminator and the interchange as having no component separator"
        )
        component_sep: str | None = None
    elif component.isalnum() or component == sep or component.isspace():
        raise DocumentRejected(f"ISA at character {at}: {component!r} cannot be the component separator (ISA16)")
    else:
        component_sep = component
    if terminator.isalnum() or terminator == sep:
        raise DocumentRejected(f"ISA at character {at}: {terminator!r} cannot be the segment terminator (after ISA16)")
    elements = isa_text.split(sep)
    if len(elements) == 17:
        elements[16] = component  # the text ends at the 16th separator; ISA16 is the component separator
    if len(elements) != 17:
        raise DocumentRejected(f"ISA at character {at} has {len(elements) - 1} elements, not 16")
    repetition = None
    isa11, isa12 = elements[11], elements[12].strip()
    if digits(isa12) and int(isa12) >= 402 and len(isa11) == 1 and not isa11.isalnum() and isa11 not in (sep,):
        repetition = isa11
    delimiters = Delimiters(element=sep, component=component_sep, segment=terminator, repetition=repetition)
    return delimiters, elements, end, fixed, warnings


_BLANK = re.compile(r"[ \t\r\n\x00\x1a]*")  # \x1a: the DOS end-of-file byte some VAN tools append


_ENVELOPE_IDS = frozenset({"GS", "GE", "ST", "SE"})  # with IEA: segments whose counts and numbers are compared
CHUNK = 1 << 20  # characters read at a time; a file of any size is lexed in a buffer of about this much
LOOKAHEAD = 512  # enough for any ISA (at most 400 characters are searched) and what follows an IEA


class _Text:
    """The text of a document read in chunks: UTF-8 (BOM dropped) while the bytes are valid UTF-8, Latin-1
    (which keeps every byte) from the first chunk that is not. ``text[i]`` is at ``base + i`` overall."""

    def __init__(self, source: bytes | BinaryIO) -> None:
        self.stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
        self.text = ""
        self.base = 0
        self.eof = False
        self.utf8 = True
        self.carry = b""
        self.first = True

    def _read(self) -> None:
        raw = self.stream.read(max(CHUNK, 4) if self.first else CHUNK)
        if not raw:
            self.eof = True
            if self.carry:  # an incomplete UTF-8 sequence at the very end
                self.text += self.carry.decode("latin-1")
                self.carry = b""
            return
        if self.first:
            self.first = False
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        raw = self.carry + raw
        self.carry = b""
        if self.utf8:
            try:
                self.text += raw.decode("utf-8")
                return
            except UnicodeDecodeError as exc:
                if exc.reason == "unexpected end of data" and exc.end == len(raw):
                    self.text += raw[: exc.start].decode("utf-8")
                    self.carry = raw[exc.start :]  # a character cut by the chunk boundary
                    return
                self.utf8 = False
                self.text += raw[: exc.start].decode("utf-8")
                raw = raw[exc.start :]
        self.text += raw.decode("latin-1")

    def ensure(self, end: int) -> str:
        """Read until the buffer holds ``end`` characters or the document ends; the buffer's text."""
        while len(self.text) < end and not self.eof:
            self._read()
        return self.text

    def drop_before(self, keep: int) -> int:
        """Forget the text before ``keep`` (already lexed); returns how far indices moved."""
        self.text = self.text[keep:]
        self.base += keep
        return keep


def iter_segments(data: bytes | BinaryIO) -> Iterator[Segment]:
    """Yield the segments of a file one by one, re-reading delimiters at every ISA.

    ``data`` is the document's bytes or a binary stream (a file); a stream is read in chunks, so memory
    stays bounded by about one chunk whatever the file size. Raises :class:`DocumentRejected` (possibly
    after yielding earlier interchanges) when the bytes are not X12.
    """
    buf = _Text(data)
    text = buf.ensure(LOOKAHEAD)
    while True:
        stripped = text.lstrip(" \t\r\n\x00")
        if stripped or buf.eof:
            break
        buf.drop_before(len(text))
        text = buf.ensure(LOOKAHEAD)
    if stripped and len(stripped) < 3 and not buf.eof:  # the first characters sit at a chunk's edge
        buf.drop_before(len(text) - len(stripped))
        text = buf.ensure(LOOKAHEAD)
        stripped = text
    if not stripped:
        raise DocumentRejected("empty document: no bytes other than whitespace")
    if not stripped.startswith("ISA"):
        raise DocumentRejected(
            f"not X12: the document does not begin with an ISA segment (it begins {_describe(stripped)})"
        )
    pos = len(text) - len(stripped)
    index = 0
    while True:
        text = buf.ensure(pos + LOOKAHEAD)
        delimiters, isa_elements, cursor, fixed, warnings = read_isa(text, pos, buf.base)
        index += 1
        yield Segment(isa_elements, index, buf.base + pos, IsaHeader(delimiters, fixed, warnings))
        term = delimiters.segment
        strip_tilde = delimiters.component is None and term in _LINE_BREAKS
        strip_chars = " \t\r\n" if term not in " \t" else "\r\n"
        sep = delimiters.element
        next_isa = -1
        while True:
            if cursor > CHUNK:  # forget what is lexed, so the buffer stays about one chunk long
                cursor -= buf.drop_before(cursor)
                text = buf.text
            end = text.find(term, cursor)
            while end < 0 and not buf.eof:
                text = buf.ensure(len(text) + CHUNK)
                end = text.find(term, cursor)
            if cursor >= len(text):
                break
            if end < 0:
                end = len(text)
            raw = text[cursor:end]
            # line breaks and indentation around a segment are layout; a space before the terminator is
            # data (a trailing space that X12 forbids, reported by the guide validator), so keep it
            body = raw.lstrip(strip_chars)
            seg_start = cursor + (len(raw) - len(body))
            cursor = end + 1
            if body[-1:] in ("\r", "\n"):
                body = body.rstrip("\r\n")
            if strip_tilde:
                body = body.rstrip("~")
            head = body[:3]
            if head == "IEA" or (head[:2] in _ENVELOPE_IDS and head[2:] == sep):
                body = body.rstrip(" \t")  # counts and control numbers are compared: padding is not data there
            if not body:
                continue
            if body.startswith("ISA") and len(body) > 3 and not body[3].isalnum():
                next_isa = seg_start
                break
            index += 1
            yield Segment(body.split(sep), index, buf.base + seg_start)
            if body.startswith("IEA"):
                # The next interchange may use other delimiters: re-read from its own ISA.
                text = buf.ensure(cursor + LOOKAHEAD)
                after = _BLANK.match(text, cursor).end()  # type: ignore[union-attr]
                while after == len(text) and not buf.eof:  # a long run of blanks: read on
                    text = buf.ensure(len(text) + CHUNK)
                    after = _BLANK.match(text, cursor).end()  # type: ignore[union-attr]
                text = buf.ensure(after + LOOKAHEAD)  # what follows the blanks, whole, even at a chunk's edge
                if after < len(text) and not text.startswith("ISA", after):
                    continue  # trailing garbage after IEA belongs to no interchange; lex it so it is reported
                next_isa = after if after < len(text) else -1
                break
        if next_isa < 0:
            break
        pos = next_isa


def tokenize(data: bytes) -> list[Interchange]:
    """All interchanges of a file with their segments (a convenience over :func:`iter_segments`)."""
    interchanges: list[Interchange] = []
    for seg in iter_segments(data):
        if seg.header is not None:
            interchanges.append(Interchange(seg.header.delimiters, [], seg.header.fixed_width, seg.header.warnings))
        interchanges[-1].segments.append(seg)
    return interchanges
