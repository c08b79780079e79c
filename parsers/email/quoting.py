"""What of a mail's text is the sender's own: quoted replies and signatures are history, not order lines.

A reply's history starts at ``On … wrote:``, ``-----Original Message-----``, an Outlook ``From:/Sent:``
block, or ``>``-quoted lines; it is dropped. A forwarded message (``Fwd:``/``FW:`` with a ``Forwarded
message`` marker or a ``From:/Sent:`` block) is kept apart: it **is** the order when the forwarder's own
text does not hold one. Signatures (after ``--`` or a sign-off such as "Thanks," or "Mit freundlichen
Grüßen") carry head-office addresses and phone numbers, never order lines, and are cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FORWARD_MARKER = re.compile(
    r"(?i)^\s*(?:-{2,}|_{2,})?\s*(?:forwarded message|begin forwarded message|weitergeleitete nachricht"
    r"|message transféré|message transfere|original message.*forward)\s*:?\s*(?:-{2,}|_{2,})?\s*$"
)
_ORIGINAL_MARKER = re.compile(
    r"(?i)^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|originalnachricht)\s*-{2,}\s*$"
)
_WROTE = re.compile(r"(?i)(?:\bwrote|\bschrieb|\ba écrit|\bescribió)\s*:\s*$")
_WROTE_START = re.compile(r"(?i)^\s*(?:on|am|le|el)\s+\S")
_HEADER_FROM = re.compile(r"(?i)^\s*\*?(?:from|von|de)\s*\*?\s*:\s*\S")
_HEADER_OTHER = re.compile(r"(?i)^\s*\*?(?:sent|date|gesendet|datum|envoyé|to|an|à|cc|subject|betreff|objet)\s*\*?\s*:")
_HEADER_SUBJECT = re.compile(r"(?i)^\s*\*?(?:subject|betreff|objet)\s*\*?\s*:\s*(?P<subject>.*)$")
_SEPARATOR = re.compile(r"^\s*(?:_{8,}|-{8,}|={8,})\s*$")
_SIG_DASHES = re.compile(r"^\s*(?:--|—|__|-- )\s*$")
_SIGN_OFF = re.compile(
    r"(?i)^\s*(?:thanks|thank you|many thanks|thanks again|thx|regards|best regards|kind regards|warm regards"
    r"|best wishes|best|cheers|sincerely|yours|yours sincerely|mit freundlichen gr(?:ü|ue|u)(?:ß|ss)en"
    r"|freundliche gr(?:ü|ue)(?:ß|ss)e|viele gr(?:ü|ue)(?:ß|ss)e|beste gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)"
    r"|gr(?:ü|ue)(?:ß|ss)e|lg|danke|vielen dank|bien cordialement|cordialement|merci|merci d'avance"
    r"|salutations|bien à vous|sent from my \w+(?: \w+)?|envoyé de mon \w+)"
    r"[\s,.!]*(?:[A-ZÀ-Ý][\w'-]*)?[\s,.!]*$"
)


@dataclass
class Forwarded:
    text: str
    subject: str = ""


@dataclass
class MailText:
    own: str
    forwarded: list[Forwarded] = field(default_factory=list)
    history_cut: bool = False  # a reply's quoted history was dropped


def _header_block(lines: list[str], i: int) -> int:
    """How many lines the Outlook-style header block at ``i`` spans (0: none there)."""
    if not _HEADER_FROM.match(lines[i]):
        return 0
    j = i + 1
    while j < len(lines) and j < i + 8 and _HEADER_OTHER.match(lines[j]):
        j += 1
    return j - i if j - i >= 3 else 0  # From: plus at least Sent/Date and To/Subject


def _wrote_line(lines: list[str], i: int) -> int:
    """1 or 2 when an ``On … wrote:`` attribution (maybe wrapped) starts at line ``i``."""
    if not _WROTE_START.match(lines[i]) or len(lines[i]) > 400:
        return 0
    if _WROTE.search(lines[i]):
        return 1
    if i + 1 < len(lines) and _WROTE.search(lines[i + 1]) and len(lines[i + 1]) < 200:
        return 2
    return 0


def split_mail_text(text: str, forward: bool) -> MailText:
    """Split a body into the sender's own text and any forwarded messages; a reply's history is dropped.

    ``forward``: the subject says the mail is a forward, so an Outlook header block or an "Original
    Message" marker starts a forwarded message rather than the history of a reply.
    """
    lines = text.split("\n")
    blocks: list[list[str]] = [[]]
    subjects = [""]
    result = MailText(own="")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">"):
            result.history_cut = True
            i += 1
            continue
        if _SEPARATOR.match(line) and i + 1 < len(lines) and _header_block(lines, i + 1):
            i += 1
            continue
        header = _header_block(lines, i)
        if _FORWARD_MARKER.match(line) or (forward and (header or _ORIGINAL_MARKER.match(line))):
            blocks.append([])
            subjects.append("")
            i += 1 if not header else 0
            # the forwarded message's own header lines: kept apart, its subject remembered
            while i < len(lines) and (_HEADER_FROM.match(lines[i]) or _HEADER_OTHER.match(lines[i])):
                found = _HEADER_SUBJECT.match(lines[i])
                if found:
                    subjects[-1] = found.group("subject").strip()
                i += 1
            continue
        if _wrote_line(lines, i) or header or _ORIGINAL_MARKER.match(line):
            # a reply's history: the rest of this block is quoted, whatever its quoting style
            result.history_cut = True
            i += 1
            while i < len(lines) and not _FORWARD_MARKER.match(lines[i]):
                i += 1
            continue
        blocks[-1].append(line)
        i += 1
    result.own = strip_signature("\n".join(blocks[0]))
    for block, subject in zip(blocks[1:], subjects[1:], strict=True):
        body = strip_signature("\n".join(block))
        if body.strip():
            result.forwarded.append(Forwarded(body, subject))
    return result


def strip_signature(text: str) -> str:
    """The text above the signature: cut at a ``--`` line or at a sign-off line after some content."""
    lines = text.split("\n")
    seen_content = False
    for i, line in enumerate(lines):
        if _SIG_DASHES.match(line) or (seen_content and _SIGN_OFF.match(line)):
            return "\n".join(lines[:i]).rstrip()
        if line.strip():
            seen_content = True
    return text.rstrip()
