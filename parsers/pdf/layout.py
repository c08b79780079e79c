"""A page as text lines of positioned words: the one pass over pdfplumber's characters everything else reads.

Bold overprinting (every glyph drawn twice a fraction of a point apart) is removed first with
``page.dedupe_chars()``; words are pdfplumber's, lines are words whose vertical middles agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

LINE_TOLERANCE = 3.0  # points: words whose middles are closer than this share a line
MIN_GLYPH_SIZE = 3.0  # points: smaller glyphs are not print a person reads (skipped and counted)


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int = 0
    turned: bool = False  # set sideways (a caption or title up the side of a box): never a table cell

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Line:
    words: list[Word]
    page: int = 0
    top: float = 0.0
    bottom: float = 0.0
    index: int = 0  # position among the page's lines
    used: set[int] = field(default_factory=set)  # indexes of words a header field already took

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    def segments(self, gap: float | None = None) -> list[list[Word]]:
        """The line cut where words are further apart than ``gap`` (default: 1.6 × the height of the taller of
        the two words, else of the line): the separate phrases of a header line ('PO Number' … '45-1178'). Small
        captions beside a large letterhead on one line ('Quincaillerie Lumière   Date   Numéro   Folio') are
        cut at their own size, not the letterhead's."""
        out: list[list[Word]] = []
        for word in self.words:
            if gap is not None:
                limit = gap
            else:
                before = out[-1][-1] if out else word
                tallest = max(word.bottom - word.top, before.bottom - before.top)
                limit = 1.6 * (tallest if tallest > 0 else self.height)
            if out and word.x0 - out[-1][-1].x1 <= limit:
                out[-1].append(word)
            else:
                out.append([word])
        return out


def overprinted(chars: list[dict[str, Any]], tolerance: float = 1.0) -> bool:
    """Whether some character is drawn twice (same glyph, font and size within ``tolerance`` points): one
    pass with a grid of buckets, so the costly ``page.dedupe_chars()`` only runs on pages that need it."""
    seen: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for char in chars:
        x, y = char["x0"], char["top"]
        cell = (char["text"], int(x // tolerance), int(y // tolerance))
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((cell[0], cell[1] + dx, cell[2] + dy), ()):
                    if (
                        abs(other["x0"] - x) <= tolerance
                        and abs(other["top"] - y) <= tolerance
                        and other.get("fontname") == char.get("fontname")
                        and other.get("size") == char.get("size")
                    ):
                        return True
        seen.setdefault(cell, []).append(char)
    return False


def page_words(page: Any, number: int) -> list[Word]:
    """The words of one pdfplumber page, doubled (overprinted) characters removed."""
    clean = page.dedupe_chars(tolerance=1) if overprinted(page.chars) else page
    if all(c.get("upright", True) for c in clean.chars):
        words = clean.extract_words(x_tolerance=2.5, y_tolerance=3, keep_blank_chars=False)
        return _split_run_in_dates(
            _split_labelled(
                [
                    Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), number)
                    for w in words
                ]
            ),
            clean.chars,
        )
    upright = clean.filter(lambda o: o.get("object_type") != "char" or o.get("upright", True))
    words = upright.extract_words(x_tolerance=2.5, y_tolerance=3, keep_blank_chars=False)
    out = [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), number) for w in words]
    out = _split_labelled(out)
    return out + _turned_words(clean, number, out)


_LABELLED = re.compile(r"([A-Za-z][A-Za-z.#'\-]*[A-Za-z.#]:)([^\s/].*)")


def _split_labelled(words: list[Word]) -> list[Word]:
    """'Date:09/10/27', 'Via:BEST' (Infor's report prints): a label glued to its value is two words, x shared by
    length. Not a time ('7:00') nor an address ('https://')."""
    out: list[Word] = []
    for word in words:
        glued = _LABELLED.fullmatch(word.text)
        if glued is None:
            out.append(word)
            continue
        cut = word.x0 + (word.x1 - word.x0) * len(glued[1]) / len(word.text)
        out.append(Word(glued[1], word.x0, cut, word.top, word.bottom, word.page))
        out.append(Word(glued[2], cut, word.x1, word.top, word.bottom, word.page))
    return out


# a value run into a date printed just after it: 'CMD-2026-582522/07/2031' (a PO number too long for its box, the
# date under the next caption 1.9 pt on)
_RUN_IN_DATE = re.compile(r"\S*\w\d{1,2}[./]\d{1,2}[./]\d{4}")


def _split_run_in_dates(words: list[Word], chars: list[dict[str, Any]]) -> list[Word]:
    """A word ending in a date, whose characters leave one gap of a point or more where every other pair touches,
    is two words: the value and the date (x from the characters)."""
    out: list[Word] = []
    for word in words:
        if len(word.text) < 14 or not _RUN_IN_DATE.fullmatch(word.text):
            out.append(word)
            continue
        glyphs = sorted(
            (
                c
                for c in chars
                if word.x0 - 0.1 <= c["x0"] and c["x1"] <= word.x1 + 0.1 and abs(c["top"] - word.top) < 1
            ),
            key=lambda c: c["x0"],
        )
        gaps = [(b["x0"] - a["x1"], k) for k, (a, b) in enumerate(pairwise(glyphs), start=1)]
        widest = max(gaps, default=(0.0, 0))
        rest = [g for g, k in gaps if k != widest[1]]
        if "".join(c["text"] for c in glyphs) != word.text or widest[0] < 1.0 or any(g > 0.3 for g in rest):
            out.append(word)
            continue
        cut = widest[1]
        if not re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{4}", word.text[cut:]):
            out.append(word)
            continue
        out.append(Word(word.text[:cut], word.x0, glyphs[cut - 1]["x1"], word.top, word.bottom, word.page))
        out.append(Word(word.text[cut:], glyphs[cut]["x0"], word.x1, word.top, word.bottom, word.page))
    return out


def _turned_words(page: Any, number: int, upright: list[Word]) -> list[Word]:
    """Text set sideways (a 'SHIP TO' printed up the side of its box): its words read bottom to top as they are
    written, each as wide as the column and as tall as its type, so it never stretches the line it sits beside,
    and a date written sideways is still seen. It is placed on the first line of the block right beside it (the
    block it labels), else where the column begins."""
    turned = page.filter(lambda o: o.get("object_type") == "char" and not o.get("upright", True))
    columns: dict[int, list[dict[str, Any]]] = {}
    for w in turned.extract_words(x_tolerance=2.5, y_tolerance=3, char_dir_rotated="btt"):
        columns.setdefault(round(float(w["x0"])), []).append(w)
    out = []
    for parts in columns.values():
        parts.sort(key=lambda w: -float(w["bottom"]))  # written upwards: the lowest word comes first
        x0, x1 = min(float(w["x0"]) for w in parts), max(float(w["x1"]) for w in parts)
        top, bottom = min(float(w["top"]) for w in parts), max(float(w["bottom"]) for w in parts)
        size = x1 - x0
        beside = [w.top for w in upright if x1 < w.x0 <= x1 + 40 and top - 2.5 * size <= w.top <= bottom]
        top = min(beside, default=top)
        # one word each, in reading order, all in the column's width
        out += [
            Word(w["text"], x0 + 0.01 * i, x1 + 0.01 * i, top, top + size, number, turned=True)
            for i, w in enumerate(parts)
        ]
    return out


def group_lines(words: list[Word], page: int = 0) -> list[Line]:
    """Words grouped into lines top to bottom, each line's words left to right."""
    ordered = sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0))
    lines: list[Line] = []
    current: list[Word] = []
    middle = 0.0
    for word in ordered:
        mid = (word.top + word.bottom) / 2
        if current and abs(mid - middle) > LINE_TOLERANCE:
            lines.append(_line(current, page))
            current = []
        if not current:
            middle = mid
        current.append(word)
    if current:
        lines.append(_line(current, page))
    lines = _stacked_letters(lines)
    for index, line in enumerate(lines):
        line.index = index
    return lines


# captions printed one letter a line down the side of a box (Tyler Munis: 'V E N D O R', 'S H I P  T O')
_STACKED_CAPTIONS = {
    "VENDOR": ("VENDOR",), "SUPPLIER": ("SUPPLIER",), "SHIPTO": ("SHIP", "TO"), "BILLTO": ("BILL", "TO"),
    "SOLDTO": ("SOLD", "TO"), "DELIVERTO": ("DELIVER", "TO"), "INVOICETO": ("INVOICE", "TO"),
}  # fmt: skip


_CAPITAL = re.compile(r"[A-Z]")


def _stacked_letters(lines: list[Line]) -> list[Line]:
    """A caption set one capital a line down the side of its box is read as that caption, on the line of its
    first letter, and its letters are taken out of the lines they share with the box's text ('I 75 AIRPORT
    ROAD' is '75 AIRPORT ROAD'). Only a known caption spelled out whole counts."""
    letters = [(i, w) for i, line in enumerate(lines) for w in line.words if _CAPITAL.fullmatch(w.text)]
    taken: set[int] = set()
    placed: dict[int, list[Word]] = {}
    for start, (i, first) in enumerate(letters):
        if id(first) in taken:
            continue
        chain = [(i, first)]
        for j, word in letters[start + 1 :]:
            last_line, last = chain[-1]
            height = last.bottom - last.top
            if j == last_line or abs(word.middle - last.middle) > 2.0 or id(word) in taken:
                continue
            if word.top - last.bottom > 2.5 * height:
                break
            chain.append((j, word))
        spelled = "".join(w.text for _, w in chain)
        if len(chain) < 4 or spelled not in _STACKED_CAPTIONS:
            continue
        taken.update(id(w) for _, w in chain)
        width, height = first.x1 - first.x0, first.bottom - first.top
        x = first.x0
        for part in _STACKED_CAPTIONS[spelled]:  # over the box's first line, as a caption atop its block is
            top = first.top - height - 1
            placed.setdefault(i, []).append(Word(part, x, x + width * len(part), top, top + height, first.page))
            x += width * (len(part) + 1)
    if not taken:
        return lines
    out = []
    for i, line in enumerate(lines):
        for words in [sorted(placed.get(i, []), key=lambda w: w.x0), [w for w in line.words if id(w) not in taken]]:
            if words:  # the captions on a line of their own, then what is left of the line
                out.append(Line(words, line.page, min(w.top for w in words), max(w.bottom for w in words)))
    return out


def _line(words: list[Word], page: int) -> Line:
    words = _join_letters(sorted(words, key=lambda w: w.x0))
    return Line(words, page, min(w.top for w in words), max(w.bottom for w in words))


def _join_letters(words: list[Word]) -> list[Word]:
    """A title set letter-spaced ('P U R C H A S E   O R D E R', a web print's heading) read as its words:
    five or more single letters in a row, each a small step from the last; a step twice the smallest is the
    space between two words."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j].text) == 1 and words[j].text.isalpha():
            j += 1
        run = words[i:j]
        steps = [b.x0 - a.x1 for a, b in zip(run, run[1:], strict=False)]
        if len(run) < 5 or max(steps) > 3 * (run[0].bottom - run[0].top):
            out.extend(words[i : max(j, i + 1)])
            i = max(j, i + 1)
            continue
        smallest = min(steps)
        start = 0
        for k in range(1, len(run) + 1):
            if k == len(run) or steps[k - 1] > 2 * smallest + 1:
                part = run[start:k]
                text = "".join(w.text for w in part)
                out.append(Word(text, part[0].x0, part[-1].x1, part[0].top, part[-1].bottom, part[0].page))
                start = k
        i = j
    return out


_THOUSANDS_TAIL = {d: re.compile(r"\d{3}(?:" + re.escape(d) + r"\d+)?€?") for d in ",."}  # after '1 ': '234,56'


def join_spaced_thousands(words: list[Word], decimal: str = ",", fixed_pitch: bool = False) -> list[Word]:
    """'1 234,56' printed with a space as the thousands separator is one number, not two words; with
    ``decimal`` '.', '1 349.80' (an English print of a Nordic system). ``fixed_pitch`` (a total's line, which the
    lines check): in Courier the space is a whole character wide ('Total H.T. ....: 1 025,00', Saari), joined when
    both halves are set at one pitch and the first is the line's first figure."""
    out: list[Word] = []
    tail = _THOUSANDS_TAIL[decimal]
    for word in words:
        prev = out[-1] if out else None
        if (
            prev is not None
            and re.fullmatch(r"\d{1,3}(?:[ \u202f]\d{3})*", prev.text)
            and tail.fullmatch(word.text)
            and (word.x0 - prev.x1 < 0.45 * (word.bottom - word.top) or (fixed_pitch and _one_pitch_apart(out, word)))
        ):
            out[-1] = Word(prev.text + " " + word.text, prev.x0, word.x1, prev.top, word.bottom, word.page)
        else:
            out.append(word)
    return out


def _one_pitch_apart(out: list[Word], word: Word) -> bool:
    """Whether ``word`` follows the line's first figure (``out[-1]``) one fixed-pitch character away."""
    prev = out[-1]
    pitch = (prev.x1 - prev.x0) / len(prev.text)
    same = abs((word.x1 - word.x0) / len(word.text) - pitch) < 0.05
    first = not any(re.search(r"\d", w.text) for w in out[:-1])
    return first and same and word.x0 - prev.x1 <= pitch + 0.5
