"""The rule pipeline that reads order mails: a blank spaCy English pipeline, no model, only rules.

- an ``entity_ruler`` (phrase patterns on lower-case text) marks unit words (``UNIT``: cases, Stück,
  rouleaux) and quantity words (``QTYW``: a dozen);
- regular expressions run on the text find what the tokenizer splits apart — item codes (``AB-1001`` is three
  tokens), PO numbers, dates, prices, phone numbers — and are mapped onto spans with
  ``doc.char_span(..., alignment_mode="expand")``;
- overlapping readings are settled by priority (a phone number is not an item code, a date is not a
  quantity), every entity is merged into one token, and a ``Matcher`` binds quantities, units and item codes
  with token patterns ("24 x AB-1001", "6 cases of 7731", "FS-4002  12 boxes", "AB-1003: 250").

``import spacy`` costs about half a second: it happens on the first mail whose text is read, and the
pipeline is built once per process (:func:`pipeline`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from parsers.email.dates import date_spans
from parsers.email.vocab import (
    CODE_STRONG,
    CODE_WEAK,
    DIMENSION_AFTER,
    MONEY,
    PHONE,
    PO_STRONG,
    QTY_NUMBER,
    QTY_WORD,
    UNITS,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

# higher wins when two readings overlap
PRIORITY = {"PHONE": 9, "DATE": 8, "MONEY": 7, "PO": 6, "ITEM": 5, "NUM": 4, "ITEMW": 3, "QTY": 2, "QTYW": 2, "UNIT": 1}
X_WORDS = ["x", "×", "*"]
LINK_WORDS = ["of", "de", "d'", "du", "des", "à"]
COLON_WORDS = [":", "-", "–", "—", "=", "x", "×", "*", "@"]


@lru_cache(maxsize=1)
def pipeline() -> tuple[Language, Matcher]:
    """The blank English pipeline with its rules, and the matcher binding quantities to items."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns: list[dict[str, Any]] = [{"label": "UNIT", "pattern": word} for word in UNITS]
    patterns += [{"label": "QTYW", "pattern": w} for w in ("a dozen", "half a dozen", "two dozen", "three dozen")]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    matcher = Matcher(nlp.vocab)
    qty = {"ENT_TYPE": {"IN": ["QTY", "QTYW", "NUM"]}}
    item = {"ENT_TYPE": {"IN": ["ITEM", "ITEMW", "NUM"]}}
    space = {"IS_SPACE": True, "OP": "*"}
    # quantity first: "24 x AB-1001", "6 cases of 7731", "10 boxes SF-8102", "6 DMO-ANCHOR5", "200   AB-1001"
    matcher.add("QTY_X_ITEM", [[qty, space, {"LOWER": {"IN": X_WORDS}}, space, item]])
    matcher.add(
        "QTY_UNIT_ITEM",
        [[qty, {"ENT_TYPE": "UNIT"}, {"LOWER": {"IN": LINK_WORDS}, "OP": "?"}, space, item]],
    )
    matcher.add("QTY_ITEM", [[qty, space, {"ENT_TYPE": {"IN": ["ITEM"]}}]])
    # item first: "AB-1003: 250", "CP-550900 x 20", "FS-4002   12 boxes", "AB-1003  - 400 ea", "qty 24"
    matcher.add(
        "ITEM_QTY",
        [[{"ENT_TYPE": {"IN": ["ITEM"]}}, space, {"LOWER": {"IN": COLON_WORDS}, "OP": "?"}, space,
          {"LOWER": {"IN": ["qty", "qty.", "menge", "qté"]}, "OP": "?"}, space, qty, {"ENT_TYPE": "UNIT", "OP": "?"}]],
    )  # fmt: skip
    return nlp, matcher


def _quantity_spans(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for m in QTY_NUMBER.finditer(text):
        if DIMENSION_AFTER.match(text, m.end()):
            continue  # 6", 8 mm, 8 x 26 in: a size, not a count
        before = text[max(0, m.start() - 24) : m.start()]
        x = re.search(r"(\S+)\s?[x×]\s?$", before)
        if x and re.search(r"[0-9]$", x.group(1)) and not CODE_STRONG.fullmatch(x.group(1)):
            continue  # "M10 x 100", "1/2 x 4": the second number of a dimension
        found.append((m.start(), m.end(), "QTY"))
    for m in QTY_WORD.finditer(text):
        found.append((m.start(), m.end(), "QTYW"))
    return found


def annotate(text: str, po_spans: list[tuple[int, int]]) -> Doc:
    """The text as a Doc whose entities are the readings that matter for order lines, one token each."""
    from spacy.util import filter_spans

    nlp, _ = pipeline()
    doc = nlp(text)
    raw: list[tuple[int, int, str]] = [(s.start_char, s.end_char, s.label_) for s in doc.ents]
    raw += [(m.start(), m.end(), "PHONE") for m in PHONE.finditer(text)]
    raw += [(s, e, "DATE") for s, e in date_spans(text, None, False)]
    raw += [(m.start(), m.end(), "MONEY") for m in MONEY.finditer(text)]
    raw += [(s, e, "PO") for s, e in po_spans]
    raw += [(m.start(), m.end(), "ITEM") for m in CODE_STRONG.finditer(text)]
    for m in CODE_WEAK.finditer(text):
        raw.append((m.start(), m.end(), "NUM" if m.group(0).isdigit() else "ITEMW"))
    raw += _quantity_spans(text)
    spans = []
    for start, end, label in raw:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    # the priority decides between overlapping readings; filter_spans then keeps the longest of equals
    spans.sort(key=lambda s: -PRIORITY.get(s.label_, 0))
    kept: list[Any] = []
    taken = bytearray(len(doc))
    for span in spans:
        if not any(taken[span.start : span.end]):
            kept.append(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    doc.ents = filter_spans(kept)
    with doc.retokenize() as retokenizer:
        for ent in doc.ents:
            if len(ent) > 1:
                retokenizer.merge(ent)
    return doc


def find_po_numbers(text: str) -> list[tuple[int, int, str]]:
    """PO numbers a strong cue announces ("PO 45-1177", "Bestellnummer: 4500012371"): start, end, value."""
    found = []
    for m in PO_STRONG.finditer(text):
        value = m.group("po").rstrip(".-/")
        found.append((m.start("po"), m.start("po") + len(value), value))
    return found
