"""What an order mail's text says: lines, PO number, ship-to, dates, currency and total, each with how sure
the reading is. The sender's own text is read first; a forwarded message fills what it does not say; the
subject gives a PO number the text does not (never a reply's subject: that names the old thread's order)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from parsers.email.dates import FoundDate, find_dates
from parsers.email.lines import ReadLine, parse_number, read_lines, read_tables
from parsers.email.quoting import Forwarded
from parsers.email.rules import annotate, find_po_numbers
from parsers.email.shipto import ShipToFinding, best_ship_to, find_ship_tos
from parsers.email.vocab import CODE_STRONG, CODE_WEAK, MONEY, PO_STRONG, PO_WEAK, TOTAL
from schemas.order import Party

MAX_READ_CHARS = 20_000  # of one text section; orders are short, and the rule pipeline is linear in it

_FRENCH = re.compile(r"(?i)\b(?:bonjour|commande|livraison|livrer|merci|cordialement|notre|nous|veuillez|souhaitée)\b")
_GERMAN = re.compile(
    r"(?i)\b(?:bestellung|bestellen|liefertermin|lieferung|liefern|bitte|grüßen|unser|sehr geehrte|stück)\b"
)


_LONG_WORD = re.compile(r"\S{80,}")


def language(text: str) -> str:
    fr, de = len(_FRENCH.findall(text)), len(_GERMAN.findall(text))
    if fr >= 2 and fr > de:
        return "fr"
    return "de" if de >= 2 else "en"


@dataclass
class Found:
    """One field's value and how sure the reading is."""

    value: object
    confidence: float


@dataclass
class TextReading:
    lines: list[ReadLine]
    warnings: list[str]
    po_strong: list[str]
    po_weak: list[str]
    requested: list[FoundDate]
    ordered: list[FoundDate]
    ship_tos: list[ShipToFinding]
    currency: str | None
    total: Decimal | None
    orphans: bool = False  # quantities with units ("24 boxes") bound to no item code
    truncated: bool = False  # not all of the text was read (too long, too many codes)


@dataclass
class MailReading:
    lines: list[ReadLine] = field(default_factory=list)
    lines_confidence: float = 0.0
    po_number: Found | None = None
    requested: Found | None = None
    ordered: Found | None = None
    ship_to: Found | None = None
    ship_to_written: str = ""
    currency: Found | None = None
    total: Found | None = None
    warnings: list[str] = field(default_factory=list)
    orphan_quantities: bool = False  # "24 boxes" with no item code: an order a person must finish


def _weak_po_ok(value: str) -> bool:
    return bool(re.search(r"\d", value)) and bool(re.search(r"[A-Za-z/-]", value) or len(value) >= 5)


def _distinct(values: list[str]) -> list[str]:
    seen: list[str] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return seen


def read_text(text: str, lang: str, sent: date | None, seller_words: frozenset[str] = frozenset()) -> TextReading:
    """Read one section of text (the sender's own, or one forwarded message)."""
    truncated = len(text) > MAX_READ_CHARS
    text = text[:MAX_READ_CHARS]
    # a "word" of 80 characters is no code, quantity or PO number; spaCy's tokenizer splits affixes off a long
    # word one at a time (quadratic), so such runs are blanked out before anything reads the text
    text = _LONG_WORD.sub(lambda m: " " * len(m.group(0)), text)
    text = re.sub(r"(?<![\w.])(\d+)[xX×](?=\s)", r"\1 x", text)  # "24x AB-1001" as "24 x AB-1001"
    strong = find_po_numbers(text)
    table_lines, covered = read_tables(text, lang)
    doc = annotate(text, [(s, e) for s, e, _ in strong])
    lines, warnings, _ = read_lines(doc, lang, covered)
    weak: list[str] = []
    for m in PO_WEAK.finditer(text):
        value = m.group("po").rstrip(".-/")
        start = m.start("po")
        if not _weak_po_ok(value) or any(s <= start < e for s, e, _ in strong):
            continue
        # "Order GR-26106 for ..." is a PO number, not an item nobody gave a quantity for
        unbound = [ln for ln in lines if ln.start == start and ln.quantity is None]
        bound = [ln for ln in lines if ln.start == start and ln.quantity is not None]
        if bound:
            continue
        for ln in unbound:
            lines.remove(ln)
            warnings = [w for w in warnings if not w.startswith(f"item {ln.code} ")]
        weak.append(value)
    all_lines = sorted(table_lines + lines, key=lambda ln: ln.start)
    dates = find_dates(text, sent, day_first=lang in ("fr", "de"))
    currency = None
    for m in MONEY.finditer(text):
        mark = m.group("cur") or m.group("cur2") or ""
        currency = "USD" if mark in ("$", "USD") else "EUR" if mark in ("€", "EUR") else currency
        if currency:
            break
    total = None
    total_m = TOTAL.search(text)
    if total_m:
        total = parse_number(total_m["amt"], lang)
        currency = currency or ("USD" if total_m["cur"] == "$" else "EUR" if total_m["cur"] == "€" else None)
    return TextReading(
        lines=all_lines,
        warnings=warnings,
        po_strong=_distinct([v for _, _, v in strong]),
        po_weak=_distinct(weak),
        requested=[d for d in dates if d.kind == "requested"],
        ordered=[d for d in dates if d.kind == "ordered"],
        ship_tos=find_ship_tos(text, seller_words),
        currency=currency,
        total=total,
        orphans=any("names no item code" in w for w in warnings),
        truncated=truncated or any("were read" in w for w in warnings),
    )


def _subject_pos(subject: str) -> tuple[list[str], list[str], set[str]]:
    strong = _distinct([m.group("po").rstrip(".-/") for m in PO_STRONG.finditer(subject)])
    weak = _distinct([m.group("po").rstrip(".-/") for m in PO_WEAK.finditer(subject) if _weak_po_ok(m.group("po"))])
    tokens = {m.group(0) for m in CODE_STRONG.finditer(subject)} | {m.group(0) for m in CODE_WEAK.finditer(subject)}
    return strong, [w for w in weak if w not in strong], tokens


def _date_found(found: list[FoundDate]) -> Found | None:
    if not found:
        return None
    values = {d.value for d in found}
    first = found[0]
    score = (0.95 if first.has_year else 0.9) if len(values) == 1 else 0.6
    return Found(first.value, score)


def read_mail(
    own: str,
    forwarded: list[Forwarded],
    subject: str,
    sent: date | None,
    reply: bool,
    seller_words: frozenset[str] = frozenset(),
) -> MailReading:
    """Read a mail's text: ``own`` (quotes and signature already cut), the ``forwarded`` messages, the subject.
    ``seller_words``: the recipient's name and domain words, never a ship-to."""
    lang = language(" ".join([subject, own, *(f.text for f in forwarded)])[:5000])
    mine = read_text(own, lang, sent, seller_words)
    theirs = [read_text(f.text, lang, sent, seller_words) for f in forwarded]
    result = MailReading(warnings=list(mine.warnings))
    # lines: the sender's own; a forward's when the sender wrote none
    source = mine
    if not mine.lines:
        source = next((t for t in theirs if t.lines), mine)
        result.warnings += source.warnings if source is not mine else []
    elif any(t.lines for t in theirs):
        result.warnings.append("the forwarded message lists lines too; only the sender's own lines were read")
    result.lines = source.lines
    if source.lines:
        result.lines_confidence = min(ln.confidence for ln in source.lines)
        if source.orphans or (source is mine and any(t.lines for t in theirs)):
            result.lines_confidence = min(result.lines_confidence, 0.7)
    if source.truncated:
        result.warnings.append("the text is too long (or names too many items) to read whole; check the lines")
        result.lines_confidence = min(result.lines_confidence, 0.5)
    result.orphan_quantities = source.orphans
    _read_po(result, mine, theirs, subject, reply, forwarded)
    # dates and ship-to: the sender's own words first, then the forwarded message's
    for reading in (mine, *theirs):
        result.requested = result.requested or _date_found(reading.requested)
        result.ordered = result.ordered or _date_found(reading.ordered)
        best = best_ship_to(reading.ship_tos)
        if best is not None and result.ship_to is None:
            result.ship_to = Found(best.party, best.confidence)
            result.ship_to_written = best.written
    if result.ship_to is None and not reply:
        best = best_ship_to(find_ship_tos(re.sub(r"(?i)^\s*(?:fwd?|wg|tr|fw)\s*:\s*", "", subject), seller_words))
        if best is not None:
            result.ship_to = Found(best.party, min(best.confidence, 0.75))
            result.ship_to_written = best.written
    currency = source.currency or mine.currency
    if currency:
        result.currency = Found(currency, 0.9)
    if source.total is not None:
        result.total = Found(source.total, 0.9)
    return result


def _read_po(
    result: MailReading, mine: TextReading, theirs: list[TextReading], subject: str, reply: bool, fwd: list[Forwarded]
) -> None:
    subject_strong, subject_weak, subject_tokens = _subject_pos(subject)
    candidates: list[tuple[list[str], float, str]] = [
        (mine.po_strong, 0.97, "text"),
        (mine.po_weak, 0.9, "text"),
    ]
    for reading, message in zip(theirs, fwd, strict=True):
        strong, weak, _ = _subject_pos(message.subject)
        candidates += [(reading.po_strong, 0.95, "forwarded"), (reading.po_weak, 0.88, "forwarded")]
        candidates += [(strong, 0.9, "forwarded subject"), (weak, 0.85, "forwarded subject")]
    if not reply:
        candidates += [(subject_strong, 0.95, "subject"), (subject_weak, 0.9, "subject")]
    for values, score, where in candidates:
        if not values:
            continue
        value = values[0]
        if len(values) > 1:
            result.warnings.append(f"the {where} names several PO numbers ({', '.join(values)}); {value} was taken")
            score = 0.5
        elif score < 0.95 and value in subject_tokens and not reply:
            score = 0.95  # "Order GR-26106 for ..." with GR-26106 in the subject too
        others = [v for v in subject_strong + subject_weak if v != value]
        if others and not reply and where != "subject":
            result.warnings.append(f"the subject names PO {others[0]} but the {where} says {value}")
            score = min(score, 0.6)
        result.po_number = Found(value, score)
        return
    if reply and (subject_strong or subject_weak):
        value = (subject_strong or subject_weak)[0]
        result.warnings.append(f"PO {value} is only in the subject of a reply, which may name an older order")
        result.po_number = Found(value, 0.6)


def ship_to_party(found: Found | None) -> Party | None:
    return found.value if found is not None and isinstance(found.value, Party) else None
