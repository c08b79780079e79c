"""A layout learned from one reviewed order: the reviewer's corrected values, found on the page, name the labels
and column captions this customer's print uses, and they become a per-customer template.

A reviewer who fixes a held PDF order has told us, for that document, what the PO number, the dates, the
ship-to and every line are. :func:`learn` finds each corrected value on the page, takes the words that label it
(beside it, or the caption above it) and the caption over each column the line values sit in, and tries them
as template entries. An entry is kept only when reading the same document again with it brings the reading
closer to the corrected order and takes nothing away: the template is proven on the document it was learned
from before it is written. Nothing is guessed from the target: a value read with the template is still read
from the page, and every check (totals, master data, prices) still applies to the next order.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

from parsers.pdf.columns import HEADERS, ITEM_ROLES
from parsers.pdf.extract import Reading, extract
from parsers.pdf.labels import LABELS, norm
from parsers.pdf.layout import Line, Word
from parsers.pdf.templates import PdfTemplate
from parsers.pdf.values import DateOrder, parse_date, parse_number
from schemas.order import Source

SURE = 0.9  # what releases a field (orderhub.capture's threshold)
MAX_LABEL_WORDS = 5
# what each generic label and caption means (the first field or role that lists it)
_GENERIC_LABELS: dict[str, str] = {}
for _field, _labels in LABELS.items():
    for _label in _labels:
        _GENERIC_LABELS.setdefault(norm(_label), _field)
_GENERIC_CAPTIONS: dict[str, str] = {}
for _role, _captions in HEADERS.items():
    for _caption in _captions:
        _GENERIC_CAPTIONS.setdefault(norm(_caption), _role)


@dataclass
class TargetLine:
    """One corrected line: the codes it may be printed under (our SKU, the customer's part number), its
    quantity and unit price."""

    codes: set[str]
    quantity: Decimal | None
    unit_price: Decimal | None
    delivery: date | None = None  # the line's own delivery date (else the order's), when a column prints it


@dataclass
class Target:
    """The reviewer's corrected order, as far as the page can show it."""

    po_number: str | None
    po_date: date | None
    requested_date: date | None
    lines: list[TargetLine]
    ship_to_postal: str | None = None  # the corrected ship-to location's postal code


@dataclass
class Learned:
    """What learning found: the template (None when nothing helped), what was wrong before and still is after,
    and one sentence per entry learned."""

    template: PdfTemplate | None
    wrong_before: list[str]
    wrong_after: list[str]
    learned: list[str] = field(default_factory=list)


def learn(
    pages: list[list[Line]],
    target: Target,
    source: Source,
    base: PdfTemplate | None,
    name: str,
    senders: list[str],
    description: str = "",
) -> Learned:
    """The template that reads ``pages`` as ``target`` (extending ``base``, the template the document was read
    with, if any), kept only for entries that proved themselves on this document. A new layout's template is
    named ``NAME-<digest of its fingerprint>``; a learned ``base`` keeps its name (it is extended)."""
    seed = _seed(base, name, senders, description)
    best = _wrong(extract(pages, source, base), target)
    before = list(best)
    current = seed
    learned: list[str] = []
    candidates = list(_candidates(pages, target))
    for _round in range(2):  # an entry may help only once another is in ('mdy' once the date's label is known)
        progress = False
        for describe, change in candidates:
            trial = change(current)
            if trial is None or trial == current or not best:
                continue
            wrong = _wrong(extract(pages, source, trial), target)
            if set(wrong) < set(best) or (set(wrong) <= set(best) and len(wrong) < len(best)):
                current, best, progress = trial, wrong, True
                learned.append(describe)
        if not progress:
            break
    if not learned:
        return Learned(None, before, before)
    reading = extract(pages, source, current)
    keywords = _fingerprint(pages, current, reading)
    if base is None or base.purpose != "learned":  # a new layout: named by its fingerprint
        digest = hashlib.sha256("\n".join(sorted(k.casefold() for k in keywords)).encode()).hexdigest()[:8]
        current = current.model_copy(update={"name": f"{name}-{digest}"})
    if not keywords:
        return Learned(None, before, before)  # nothing on the page to know the layout by again
    needed = len(keywords)
    if base is not None and base.purpose == "learned":  # another print of a layout already learned: the pages
        keywords = [*base.keywords, *(k for k in keywords if k not in base.keywords)]  # it matched still match
        needed = base.keywords_needed or len(base.keywords)
    final = current.model_copy(update={"keywords": keywords, "keywords_needed": needed})
    return Learned(final, before, best, learned)


def _seed(base: PdfTemplate | None, name: str, senders: list[str], description: str) -> PdfTemplate:
    if base is None:
        return PdfTemplate(name=name, senders=senders, description=description, purpose="learned")
    labels = {k: list(v) for k, v in base.labels.items()}
    return base.model_copy(
        update={
            "name": name if base.purpose != "learned" else base.name,
            "senders": sorted({*base.senders, *senders}),
            "description": description or base.description,
            "purpose": "learned",
            "labels": labels,
            "columns": dict(base.columns),
        }
    )


# what is wrong with a reading, field by field ----------------------------------------------------------------


def _wrong(reading: Reading, target: Target) -> list[str]:
    order, confidence = reading.order, reading.order.confidence
    wrong = []

    def sure(name: str) -> bool:
        return confidence.get(name, 1.0) >= SURE

    if target.po_number is not None and (order.po_number != target.po_number or not sure("po_number")):
        wrong.append("po_number")
    requested = next((d.value for d in order.dates if d.qualifier == "002"), None)
    for name, got, want in (
        ("po_date", order.po_date, target.po_date),
        ("requested_date", requested, target.requested_date),
    ):
        if got != want or (want is not None and not sure(name)):
            wrong.append(name)
    if target.ship_to_postal is not None:
        postal = order.ship_to.postal_code if order.ship_to else None
        if postal != target.ship_to_postal or not sure("ship_to"):
            wrong.append("ship_to")
    if len(order.lines) != len(target.lines) or not sure("lines"):
        wrong.append("lines")
    for index, want_line in enumerate(target.lines):
        got_line = order.lines[index] if index < len(order.lines) else None
        if got_line is None or not _line_right(got_line, want_line) or not sure(f"lines[{index}]"):
            wrong.append(f"lines[{index}]")
    wrong += sorted({f"hold {r.code}" for r in order.hold_reasons})
    return wrong


def _line_right(line: object, want: TargetLine) -> bool:
    codes = {getattr(line, a) for a in ("vendor_part_number", "buyer_part_number", "gtin", "upc", "sku")} - {None}
    if want.codes and not codes & want.codes:
        return False
    if want.quantity is not None and getattr(line, "quantity", None) != want.quantity:
        return False
    return want.unit_price is None or getattr(line, "unit_price", None) == want.unit_price


# candidate entries --------------------------------------------------------------------------------------------

Change = Callable[[PdfTemplate], PdfTemplate | None]


def _candidates(pages: list[list[Line]], target: Target) -> Iterable[tuple[str, Change]]:
    lines = [line for page in pages for line in page]
    for order in ("mdy", "dmy"):
        yield f"slashed dates are {order}", _set(date_order=order)
    for fmt in ("us", "eu"):
        yield f"numbers are {fmt}", _set(number_format=fmt)
    if target.po_number:
        for label in _labels_of(lines, _word_runs(lines, lambda t: _same_code(t, target.po_number or ""))):
            yield f"{label!r} labels the PO number", _add_label("po_number", label)
    for name, value in (("po_date", target.po_date), ("requested_date", target.requested_date)):
        if value is None:
            continue
        for label in _labels_of(lines, _word_runs(lines, partial(_is_date, value=value), longest=4)):
            yield f"{label!r} labels the {name.replace('_', ' ')}", _add_label(name, label)
    ours = {target.po_date, target.requested_date} - {None}
    others = _word_runs(lines, lambda t: _some_date(t) not in (None, *ours), longest=4)
    for label in _labels_of(lines, others):  # a date that is not the order's: its label explains it
        yield f"{label!r} labels a date that is not the order's", _add_label("other", label)
    if target.ship_to_postal:
        for label in _ship_to_labels(lines, target.ship_to_postal):
            yield f"{label!r} labels the ship-to address", _add_label("ship_to", label)
    columns = _column_captions(pages, target)
    for caption, role in columns:
        yield f"the column {caption!r} is {role}", _add_column(caption, role)
    if len(columns) > 1:  # a header row none of whose captions we know is found only with all of them
        yield "the columns " + ", ".join(f"{c!r} is {r}" for c, r in columns), _add_columns(columns)


def _set(**values: str) -> Change:
    def change(template: PdfTemplate) -> PdfTemplate:
        return template.model_copy(update=values)

    return change


def _contrary_label(name: str, label: str) -> bool:
    """A label the generic reading gives another meaning ('Date' is the order's date, 'Printed' a print
    date, 'Ln' a line number): learning it as ``name`` would fit one document by chance and mislead the next."""
    meaning = _GENERIC_LABELS.get(norm(label))
    return meaning is not None and meaning not in (name, "title")


def _add_label(name: str, label: str) -> Change:
    def change(template: PdfTemplate) -> PdfTemplate | None:
        if _contrary_label(name, label):
            return None
        labels = {k: list(v) for k, v in template.labels.items()}
        have = labels.setdefault(name, [])  # type: ignore[arg-type]
        if label in have:
            return None
        have.insert(0, label)
        return template.model_copy(update={"labels": labels, "far_labels": [*template.far_labels, label]})

    return change


def _contrary_caption(caption: str, role: str) -> bool:
    meaning = _generic_role(caption)
    return meaning is not None and meaning != role and not (meaning == "description" and role in ITEM_ROLES)


def _add_columns(columns: list[tuple[str, str]]) -> Change:
    def change(template: PdfTemplate) -> PdfTemplate | None:
        if any(_contrary_caption(caption, role) for caption, role in columns):
            return None
        return template.model_copy(update={"columns": {**template.columns, **dict(columns)}})

    return change


def _add_column(caption: str, role: str) -> Change:
    def change(template: PdfTemplate) -> PdfTemplate | None:
        if template.columns.get(caption) == role or _contrary_caption(caption, role):
            return None
        return template.model_copy(update={"columns": {**template.columns, caption: role}})

    return change


# finding values and their labels ------------------------------------------------------------------------------


def _same_code(text: str, code: str) -> bool:
    cleaned = text.strip().lstrip("#:").rstrip(".,;:")
    return cleaned.casefold() == code.casefold()


def _some_date(text: str) -> date | None:
    return parse_date(text, "mdy") or parse_date(text, "dmy")


def _is_date(text: str, *, value: date) -> bool:
    orders: tuple[DateOrder, ...] = ("mdy", "dmy")
    return any(parse_date(text, order) == value for order in orders)


# where a value may start: a digit, a mark, or a month's name ('Nov 16, 2026', 'März')
_VALUE_START = re.compile(
    r"[^A-Za-zÀ-ÿ]|(jan|feb|m[aä]r|apr|ma[iy]|jui?n|jul|juil|aug|ao[uû]|sep|o[ck]t|nov|d[eé][cz]|janv|f[eé]v)"
    r"|(mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|montag|dienstag|mittwoch|donnerstag|freitag)",
    re.I,
)


def _word_runs(lines: list[Line], match: Callable[[str], bool], longest: int = 1) -> list[tuple[Line, int, int]]:
    """(line, start, end) of every run of up to ``longest`` words inside one phrase whose text matches, the
    shortest run at each start; a run of several words (a date) starts at a digit, a mark or a month."""
    found = []
    for line in lines:
        start = 0
        for segment in line.segments():
            for i in range(len(segment)):
                if longest > 1 and not _VALUE_START.match(segment[i].text):
                    continue  # 'Date: Nov 16, 2026' reads as a date, but the value starts at 'Nov'
                for size in range(1, min(longest, len(segment) - i) + 1):
                    if match(" ".join(w.text for w in segment[i : i + size])):
                        found.append((line, start + i, start + i + size))
                        break
            start += len(segment)
    return found


def _label_like(words: list[Word]) -> str | None:
    text = " ".join(w.text for w in words).strip().rstrip(":").strip()
    if not text or len(words) > MAX_LABEL_WORDS or re.search(r"\d", text) or not re.search(r"[^\W\d_]{2}", text):
        return None
    return text


def _labels_of(lines: list[Line], runs: list[tuple[Line, int, int]]) -> list[str]:
    """For each place a value is printed: the words before it in its phrase, the phrase before it on its line,
    and the caption above it — each that reads as a label, nearest first, without repeats."""
    out: list[str] = []
    for line, start, end in runs:
        words = line.words
        first = words[start]
        segments, offset, before = line.segments(), 0, []
        for segment in segments:
            if offset <= start < offset + len(segment):
                before = segment[: start - offset]
                break
            offset += len(segment)
        candidates = [before] if _label_like(before) else []
        above = _caption_above(line, lines, first.x0, words[end - 1].x1)
        if above:
            candidates.append(above)  # before the phrase left of it: in a row of values that is another value
        left = [w for w in words[:start] if w.x1 <= first.x0 and w not in before]
        if left:  # 'Date ........ 11/2/2026', 'Ihr Angebot   AN-26-0457 vom 28.10.2026'
            candidates += Line(left, line.page, line.top, line.bottom).segments()[-1:]
        for candidate in candidates:
            text = _label_like(candidate)
            if text and text not in out:
                out.append(text)
    return out


def _caption_above(line: Line, lines: list[Line], x0: float, x1: float) -> list[Word]:
    """The phrase on the nearest line above whose words reach over [x0, x1]."""
    above = [
        ln
        for ln in lines
        if ln.page == line.page
        and ln.bottom <= line.top + 1
        and line.top - ln.bottom < 2.5 * line.height
        and any(w.x1 > x0 - 4 and w.x0 < x1 + 4 for w in ln.words)
    ]
    if not above:
        return []
    nearest = max(above, key=lambda ln: ln.top)
    for segment in nearest.segments():
        if any(w.x1 > x0 - 4 and w.x0 < x1 + 4 for w in segment):
            return segment
    return []


def _ship_to_labels(lines: list[Line], postal: str) -> list[str]:
    """Labels over (or beside the first line of) the address block whose postal line carries ``postal``."""
    out: list[str] = []
    for line in lines:
        for segment in line.segments():
            if not any(w.text.strip(",") == postal for w in segment):
                continue
            x0 = segment[0].x0
            above = sorted(
                (ln for ln in lines if ln.page == line.page and ln.bottom <= line.top + 1), key=lambda ln: -ln.top
            )
            for ln in above[:7]:
                for seg in ln.segments():
                    if abs(seg[0].x0 - x0) <= 10 or (seg[-1].x1 <= x0 + 2 and x0 - seg[-1].x1 < 60):
                        text = _label_like(seg)
                        if text and text not in out:
                            out.append(text)
    return out


def _column_captions(pages: list[list[Line]], target: Target) -> list[tuple[str, str]]:
    """(caption, role) for each column the corrected lines' values sit in, read off the header row above the
    first line: the caption over the item codes, the quantities, the prices and the amounts."""
    if not target.lines:
        return []
    rows = _item_rows(pages, target)
    if not rows:
        return []
    first = rows[0][0]
    page_lines = next(page for page in pages if page and page[0].page == first.page)
    header = _header_above(first, page_lines)
    if header is None:
        return []
    captions = header.segments(gap=1.2 * header.height)
    votes: dict[tuple[str, str], int] = {}
    for row, want in rows:
        for word in row.words:
            role = _role_of(word.text, want) or _date_role(word.text, want)
            if role is None:
                continue
            owner = _owner(word, captions)
            if owner is not None:
                key = (" ".join(w.text for w in owner), role)
                votes[key] = votes.get(key, 0) + 1
    needed = max(1, math.ceil(0.6 * len(rows)))
    found = sorted(((k, n) for k, n in votes.items() if n >= needed), key=lambda kn: -kn[1])
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    for (caption, role), _n in found:
        if caption in taken or _generic_role(caption) == role:
            continue
        taken.add(caption)
        out.append((caption, role))
    return out


def _generic_role(caption: str) -> str | None:
    return _GENERIC_CAPTIONS.get(norm(caption))


def _role_of(text: str, want: TargetLine) -> str | None:
    cleaned = text.strip().rstrip(",;")
    if any(_same_code(cleaned, code) for code in want.codes):
        return "item"
    number = parse_number(cleaned.lstrip("$€£"), "us")
    if number is None:
        number = parse_number(cleaned.lstrip("$€£"), "eu")
    if number is None:
        return None
    if want.quantity is not None and number == want.quantity:
        return "qty"
    if want.unit_price is not None and number == want.unit_price:
        return "unit_price"
    if want.quantity is not None and want.unit_price is not None and number == want.quantity * want.unit_price:
        return "amount"
    return None


def _date_role(text: str, want: TargetLine) -> str | None:
    return "line_date" if want.delivery is not None and _is_date(text, value=want.delivery) else None


def _item_rows(pages: list[list[Line]], target: Target) -> list[tuple[Line, TargetLine]]:
    """The printed line carrying each corrected line's code (in order, one printed line per corrected line)."""
    out: list[tuple[Line, TargetLine]] = []
    flat = [line for page in pages for line in page]
    position = 0
    for want in target.lines:
        for i in range(position, len(flat)):
            if any(_same_code(w.text, code) for w in flat[i].words for code in want.codes):
                out.append((flat[i], want))
                position = i + 1
                break
    return out


def _header_above(row: Line, page_lines: list[Line]) -> Line | None:
    """The nearest line above the first item row with three phrases or more and no number in it."""
    above = [ln for ln in page_lines if ln.bottom <= row.top + 1]
    for line in sorted(above, key=lambda ln: -ln.top)[:6]:
        words = line.words
        if len(line.segments(gap=1.2 * line.height)) >= 3 and not any(
            re.fullmatch(r"[\d.,/$-]+", w.text) for w in words
        ):
            return line
    return None


def _owner(word: Word, captions: list[list[Word]]) -> list[Word] | None:
    for caption in captions:
        if caption[0].x0 - 4 <= word.middle <= caption[-1].x1 + 4:
            return caption
    if not captions:
        return None
    return min(captions, key=lambda c: min(abs(word.middle - c[0].x0), abs(word.middle - c[-1].x1)))


def _fingerprint(pages: list[list[Line]], template: PdfTemplate, reading: Reading) -> list[str]:
    """What must all be on page 1 for the template to be chosen again: the learned labels and captions, and
    the table's header row as printed, whole (a customer may print several layouts, and 'Qty', 'Date' or
    'Purchase Order' alone are on all of them; round 10 chose one customer's learned print for its others)."""
    first = "\n".join(line.text for line in pages[0]).casefold() if pages else ""
    header = [reading.table.header.line.text] if reading.table is not None else []
    phrases = [*(label for labels in template.labels.values() for label in labels), *template.columns, *header]
    seen: list[str] = []
    for phrase in phrases:
        if phrase.casefold() in first and phrase.casefold() not in {s.casefold() for s in seen}:
            seen.append(phrase)
    return seen


__all__ = ["Learned", "Target", "TargetLine", "learn"]
