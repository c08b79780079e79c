"""Order lines out of a mail's text: text tables with a header row, and quantities bound to item codes in
bullets and prose. Every line carries how sure its reading is: a quantity written against its code
("24 x AB-1001", "AB-1003: 250", a table cell) is near certain, one found a few words away less so, and a
code with no quantity at all is a line a person must complete."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from parsers.email.rules import pipeline
from parsers.email.vocab import CODE_STRONG, CODE_WEAK, NUMBER_WORDS, UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

QTY_ENTS = ("QTY", "QTYW", "NUM")
ITEM_ENTS = ("ITEM", "ITEMW", "NUM")
RULE_SCORE = {"QTY_X_ITEM": 0.97, "QTY_UNIT_ITEM": 0.97, "ITEM_QTY": 0.96, "QTY_ITEM": 0.93}
_STOP = {".", ";", "!", "?", ":"}
MAX_LINES = 500  # an order written in a mail has a few dozen lines at most
NOT_ITEM_LABELS = {
    "account", "acct", "customer", "cust", "client", "kunde", "kunden-nr", "kundennummer", "konto", "compte",
    "tel", "phone", "fax", "mobile", "cell", "tracking", "invoice", "rechnung", "facture", "ticket", "case",
    "vat", "ust-idnr", "siret", "iban", "store", "ref", "reference", "order", "po",
}  # fmt: skip

_COLUMNS = {
    "qty": "qty|quantity|quantities|menge|anzahl|qté|qte|quantité|quantite|ordered|order qty",
    "item": "item|item#|item #|item no|item no.|item number|sku|part|part no|part no.|part number|part#|part #"
    "|art.-nr.|art-nr|art.nr.|artikel|artikel-nr.|artikelnummer|réf|réf.|ref|référence|reference|code|product"
    "|product code|catalog no.|your item|our item|vendor item|item code",
    "desc": "description|desc|bezeichnung|beschreibung|désignation|designation|libellé|article",
    "unit": "unit|uom|um|einheit|unité|unite|me",
    "price": "price|unit price|preis|einzelpreis|prix|prix unitaire|p.u.|pu",
    "pos": "pos|pos.|line|ln|#|no|no.|nr|nr.|position",
    "amount": "amount|total|betrag|gesamt|montant|line total|extended",
}
COLUMN_OF = {w: col for col, words in _COLUMNS.items() for w in words.split("|")}
_CELL_SPLIT = re.compile(r"\t+|[ ]{2,}|[ ]?\|[ ]?")
_RULER = re.compile(r"^[\s\-=_|+:]+$")


@dataclass
class ReadLine:
    code: str
    quantity: Decimal | None
    unit: str | None  # our unit code; None when the mail prints none (or one that names no code, "sets")
    unit_price: Decimal | None
    description: str | None
    confidence: float
    start: int  # position in the text, for document order
    line_number: str | None = None


def parse_number(text: str, lang: str) -> Decimal | None:
    raw = text.strip().lower()
    if raw in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[raw])
    raw = raw.replace(" ", "").lstrip("$€£").rstrip("€")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
        raw = raw.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", raw) and lang != "en":
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _cells(line: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for piece in _CELL_SPLIT.split(line):
        start = line.find(piece, pos) if piece else pos
        pos = start + len(piece)
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
    return out


def _header(line: str) -> list[tuple[int, str]] | None:
    cells = _cells(line.lstrip("-*• "))
    if len(cells) < 2:
        return None
    columns = [(pos, COLUMN_OF.get(text.lower().rstrip(":"), "")) for pos, text in cells]
    names = [c for _, c in columns]
    if "" in names or "qty" not in names or "item" not in names:
        return None
    return columns


def read_tables(text: str, lang: str) -> tuple[list[ReadLine], list[tuple[int, int]]]:
    """Lines of text tables ("Item  Qty  Description" over rows split by two spaces, tabs or bars) and the
    character ranges they cover (so the prose reader leaves them alone)."""
    found: list[ReadLine] = []
    covered: list[tuple[int, int]] = []
    offset = 0
    lines = text.split("\n")
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    i = 0
    while i < len(lines):
        header = _header(lines[i])
        if header is None:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip():
            row = lines[j]
            if _RULER.match(row):
                j += 1
                continue
            cells = _cells(row.lstrip("-*• ") if not row.lstrip().startswith("-  ") else row)
            if len(cells) < 2:
                break
            read = _table_row(cells, header, lang, starts[j])
            if read is None:
                break
            found.append(read)
            j += 1
        if j > i + 1:
            covered.append((starts[i], starts[j - 1] + len(lines[j - 1])))
        i = max(j, i + 1)
    return found, covered


def _table_row(cells: list[tuple[int, str]], header: list[tuple[int, str]], lang: str, start: int) -> ReadLine | None:
    if len(cells) == len(header):
        values = {col: text for (_, col), (_, text) in zip(header, cells, strict=True)}
        score = 0.96
    else:  # a row with an empty cell: each value under the header cell nearest to its start
        values = {}
        for pos, text in cells:
            col = min(header, key=lambda h: abs(h[0] - pos))[1]
            values.setdefault(col, text)
        score = 0.85
    item = values.get("item", "")
    code = CODE_STRONG.search(item) or CODE_WEAK.search(item)
    quantity = parse_number(values.get("qty", ""), lang)
    if code is None or quantity is None:
        return None
    unit_text = values.get("unit", "").lower().rstrip(".")
    unit = UNITS.get(unit_text) or (unit_text.upper() if unit_text.upper() in UNITS.values() else None)
    price = parse_number(values["price"], lang) if values.get("price") else None
    return ReadLine(
        code=code.group(0),
        quantity=quantity,
        unit=unit or None,
        unit_price=price,
        description=values.get("desc"),
        confidence=score,
        start=start,
        line_number=values.get("pos"),
    )


def _line_of(doc: Doc) -> list[int]:
    """The line number of every token."""
    numbers = []
    line = 0
    for token in doc:
        numbers.append(line)
        line += token.text.count("\n")
    return numbers


def _unit_after(doc: Doc, i: int) -> str | None:
    if i + 1 < len(doc) and doc[i + 1].ent_type_ == "UNIT":
        return UNITS.get(doc[i + 1].lower_, "") or None
    return None


def _bindings(doc: Doc, line_of: list[int], inside: list[bool]) -> dict[int, tuple[float, int, str | None]]:
    """Quantities bound to items by the matcher's patterns: item token → (score, quantity token, unit)."""
    _, matcher = pipeline()
    bindings: dict[int, tuple[float, int, str | None]] = {}
    for match_id, start, end in matcher(doc):
        rule = doc.vocab.strings[match_id]
        span = doc[start:end]
        if inside[start] or line_of[start] != line_of[end - 1]:
            continue
        if rule == "ITEM_QTY":
            item_i = start
            qty_i = max(t.i for t in span if t.ent_type_ in QTY_ENTS and t.i != start)
        else:
            item_i, qty_i = end - 1, start
        unit = _unit_after(doc, qty_i)
        if item_i == qty_i:
            continue
        score = RULE_SCORE[rule]
        if rule == "ITEM_QTY" and not any(t.lower_ in ("x", "×", ":", "qty", "-", "–", "@") for t in span) and not unit:
            score = 0.9  # "DMO-CLEAT6    20": right, unless the number is something else
        if doc[item_i].ent_type_ != "ITEM" and rule not in ("QTY_X_ITEM", "QTY_UNIT_ITEM"):
            continue
        if item_i not in bindings or bindings[item_i][0] < score:
            bindings[item_i] = (score, qty_i, unit)
    # a quantity serves one item: the stronger binding keeps it
    taken: dict[int, int] = {}
    for item_i, (_, bound, _) in sorted(bindings.items(), key=lambda kv: -kv[1][0]):
        if bound in taken or item_i in taken or bound in taken.values():
            del bindings[item_i]
        else:
            taken[bound] = item_i
    return bindings


def read_lines(doc: Doc, lang: str, skip: list[tuple[int, int]]) -> tuple[list[ReadLine], list[str], set[int]]:
    """Lines bound in ``doc`` (outside the ``skip`` ranges), warnings, and the tokens read as items."""
    line_of = _line_of(doc)
    inside = [any(s <= t.idx < e for s, e in skip) for t in doc]
    bindings = _bindings(doc, line_of, inside)
    by_qty = {qty_i: item_i for item_i, (_, qty_i, _) in bindings.items()}
    items = [t.i for t in doc if t.ent_type_ == "ITEM" and not inside[t.i]]
    items += [i for i in bindings if i not in items]
    lines_items: dict[int, list[int]] = {}
    for i in items:
        lines_items.setdefault(line_of[i], []).append(i)
    warnings: list[str] = []
    found: list[ReadLine] = []
    for item_i in sorted(items)[:MAX_LINES]:
        siblings = lines_items[line_of[item_i]]
        qty_i: int | None
        unit: str | None
        if item_i in bindings:
            score, qty_i, unit = bindings[item_i]
        else:
            score, qty_i, unit = _nearby(doc, item_i, siblings, line_of, set(by_qty))
            if qty_i is not None:
                by_qty[qty_i] = item_i
        if qty_i is None and _labelled_otherwise(doc, item_i, line_of):
            continue  # "Account 100-2233", a contact line: a number, not an item
        quantity = parse_number(doc[qty_i].text, lang) if qty_i is not None else None
        unit = unit or _unit_in_parens(doc, item_i, siblings, line_of)
        found.append(
            ReadLine(
                code=doc[item_i].text,
                quantity=quantity,
                unit=unit,
                unit_price=_price_after(doc, item_i, siblings, line_of, lang),
                description=_description(doc, item_i, siblings, line_of),
                confidence=score if quantity is not None else 0.3,
                start=doc[item_i].idx,
            )
        )
        if quantity is None:
            warnings.append(f"item {doc[item_i].text} is named without a quantity")
    if len(items) > MAX_LINES:
        warnings.append(f"the text names {len(items)} item codes; only the first {MAX_LINES} were read")
    for t in doc:
        if t.ent_type_ in ("QTY", "QTYW") and t.i not in by_qty and not inside[t.i] and _unit_after(doc, t.i):
            warnings.append(f"'{t.text} {doc[t.i + 1].text}' names no item code")
    return found, warnings, set(items)


def _labelled_otherwise(doc: Doc, item_i: int, line_of: list[int]) -> bool:
    """A code the text labels as something other than an item (an account, a phone line, a tracking number)."""
    prev = next((doc[j] for j in range(item_i - 1, -1, -1) if not doc[j].is_space and doc[j].text not in ":#."), None)
    if prev is not None and line_of[prev.i] == line_of[item_i] and prev.lower_ in NOT_ITEM_LABELS:
        return True
    return any(t.ent_type_ == "PHONE" for t in doc if line_of[t.i] == line_of[item_i])


def _nearby(
    doc: Doc, item_i: int, siblings: list[int], line_of: list[int], claimed: set[int]
) -> tuple[float, int | None, str | None]:
    """A quantity a few words before the code ("12 claw hammers CP-110045"), or at the end of a line that
    names only this code ("CP-110046 tape measure: 12", "DR-3010 masonry bit sets x 6")."""
    before: tuple[float, int | None, str | None] = (0.0, None, None)
    words = 0
    numbers = 0
    j = item_i - 1
    while j >= 0 and line_of[j] == line_of[item_i] and words <= 10:
        token: Token = doc[j]
        if token.ent_type_ in ITEM_ENTS and token.ent_type_ != "NUM" or token.text in _STOP:
            break
        if token.ent_type_ in QTY_ENTS and j not in claimed:
            numbers += 1
            if before[1] is None:
                before = (0.92 if words <= 7 else 0.85, j, _unit_after(doc, j))
        if not token.is_space and not token.is_punct:
            words += 1
        j -= 1
    if before[1] is not None and numbers > 1:
        before = (0.8, before[1], before[2])
    after: tuple[float, int | None, str | None] = (0.0, None, None)
    if len(siblings) == 1:
        tokens = [t for t in doc[item_i + 1 :] if line_of[t.i] == line_of[item_i]]
        for k, token in enumerate(tokens):
            if token.ent_type_ not in QTY_ENTS or token.i in claimed:
                continue
            prev = next((p for p in reversed(tokens[:k]) if not p.is_space), None)
            unit = _unit_after(doc, token.i)
            rest = [t for t in tokens[k + 1 :] if not t.is_space and t.ent_type_ != "UNIT" and t.text not in ".!"]
            if prev is not None and prev.lower_ in (":", "x", "×", "qty", "qty.", "menge"):
                after = max(after, (0.95 if not rest else 0.85, token.i, unit), key=lambda a: a[0])
            elif unit and not rest:
                after = max(after, (0.93, token.i, unit), key=lambda a: a[0])
            elif not rest and prev is not None and prev.is_space:
                after = max(after, (0.88, token.i, unit), key=lambda a: a[0])
    if before[1] is not None and after[1] is not None:
        chosen = after if after[0] >= 0.93 else before
        return (0.7, chosen[1], chosen[2])
    return after if after[1] is not None else before


def _unit_in_parens(doc: Doc, item_i: int, siblings: list[int], line_of: list[int]) -> str | None:
    """ "20 x CX-2001 cable ties (packs)", "10 x 7740 (cases)"."""
    end = next((s for s in siblings if s > item_i), len(doc))
    for j in range(item_i + 1, min(end, len(doc)) - 1):
        if line_of[j] != line_of[item_i]:
            break
        if doc[j].text == "(" and doc[j + 1].ent_type_ == "UNIT" and j + 2 < len(doc) and doc[j + 2].text == ")":
            return UNITS.get(doc[j + 1].lower_, "") or None
    return None


def _price_after(doc: Doc, item_i: int, siblings: list[int], line_of: list[int], lang: str) -> Decimal | None:
    """ "AB-1003 - 400 ea @ $3.95": the money amount after "@" (or "à", "zu", "je") following the code."""
    end = next((s for s in siblings if s > item_i), len(doc))
    for j in range(item_i + 1, min(end, len(doc))):
        if line_of[j] != line_of[item_i]:
            break
        if doc[j].ent_type_ == "MONEY" and j > 0:
            prev = next((doc[k] for k in range(j - 1, item_i, -1) if not doc[k].is_space), None)
            if prev is not None and prev.lower_ in ("@", "at", "à", "zu", "je", "each"):
                return parse_number(re.sub(r"[^0-9,.]", "", doc[j].text), lang)
    return None


def _description(doc: Doc, item_i: int, siblings: list[int], line_of: list[int]) -> str | None:
    if len(siblings) != 1:
        return None
    text = " ".join(t.text for t in doc if line_of[t.i] == line_of[item_i] and not t.is_space)
    return re.sub(r"^[-*•]\s*", "", text)[:160] or None
