"""Where an order mail ships to: "ship to Acme Hardware Columbus, 55 S High St, Columbus, OH 43215",
"to our Dayton store", "for the Lima DC", "unser Lager Bremen (Hansa Lager Bremen, Am Speicher XI 4,
28195 Bremen)", "livrer à Lumière Grenoble, 22 cours Jean Jaurès, 38000 Grenoble".

What is produced (the core matches it against the customer's locations, ``orderhub/capture.py``):

- a printed location name, with or without its address: ``Party(role="ST", name="Acme Hardware Columbus",
  address_lines=["55 S High St"], city="Columbus", state="OH", postal_code="43215")``; the address parts are
  ``None``/empty when the mail gives only the name ("ship to Cedar & Pine Eugene");
- a place named by its city and a kind of site ("our Dayton store", "the Lima DC", "unser Lager Bremen"):
  ``Party(role="ST", city="Dayton")`` — no ``name``, no postal code (the words as written go to the order's
  notes); with a parenthesised name or address ("the Houston warehouse (Boltline Main Warehouse)") the name
  and address come from the parentheses and the city from the phrase;
- a bare place after "for"/"to" ("for Tampa"): ``Party(role="ST", city="Tampa")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.email.vocab import MONTHS, SITE_NOUNS, WEEKDAYS
from schemas.order import Party

_CAP = r"[A-ZÀ-Ý][\w'’-]*"
_NAME = rf"{_CAP}(?:[ ]+(?:(?:&|and|de|du|des|la|le|of|sur|am|an|der|d')[ ]+)?{_CAP}){{0,6}}"
_SITE = "|".join(sorted((re.escape(s) for s in SITE_NOUNS), key=len, reverse=True))
_DET = r"(?:our|the|unser(?:e|er|em|en)?|die|der|dem|notre|nos|le|la|l')"
_CITY = rf"{_CAP}(?:[ -]{_CAP}){{0,2}}"
# "our Dayton store", "the Lima DC"          "unser Lager Bremen", "notre magasin de Lyon"
_SITE_AFTER = re.compile(rf"(?i:{_DET})[ ]+(?P<city>{_CITY})[ ]+(?P<site>(?i:{_SITE}))\b")
_SITE_BEFORE = re.compile(rf"(?i:{_DET})[ ]+(?P<site>(?i:{_SITE}))[ ]+(?:(?i:de|d'|in|à)[ ]*)?(?P<city>{_CITY})")
_NAMED = re.compile(rf"(?P<name>{_NAME})")
_PAREN = re.compile(r"[ ]*\((?P<inside>[^()\n]{1,200})\)")
_TAIL_SPLIT = re.compile(r"[.:;!?](?:\s|$)|\n|\)|\s-\s|\s–\s")
_US = re.compile(r"(?P<city>[A-Z][A-Za-z .'-]{1,40}),?[ ]+(?P<state>[A-Z]{2})[ ]+(?P<zip>\d{5}(?:-\d{4})?)\b")
_EU = re.compile(r"\b(?P<zip>\d{5})[ ]+(?P<city>[A-ZÀ-Ý][\w'’ -]{1,40})")
_STREET = re.compile(r"\d+[A-Za-z]?[ ]+[\w'’. -]{2,60}|[A-ZÀ-Ý][\w'’. -]{2,60}[ ]\d+[a-z]?")
_NOT_NAMES = {w.lower() for w in (*MONTHS, *WEEKDAYS)} | {
    "po", "p.o", "please", "thanks", "thank", "i", "we", "you", "us", "it", "them", "asap", "today", "tomorrow",
    "next", "this", "that", "order", "the", "our", "my", "your", "hi", "hello", "dear",
}  # fmt: skip

# cue before the place, and how sure a place after it is a delivery address
_STRONG_VERB = re.compile(
    r"(?i)\b(?:ship(?:ped)?|deliver(?:ed)?|send|sent|dispatch|livrer|livraison|liefern(?: sie)?|lieferung|"
    r"versand|envoyer|expédier)\b[^\n.;!?]{0,160}?\b(?:to|an|à|nach)[ ]+$"
)
_STRONG_LABEL = re.compile(
    r"(?i)\b(?:ship[- ]to|deliver[- ]to|delivery address|lieferadresse|lieferanschrift|adresse de livraison"
    r"|all to)\s*:?[ ]*$"
)
_TO = re.compile(r"(?i)\b(?:to|an|à|nach)[ ]+$")
_FOR = re.compile(r"(?i)\b(?:for|für|pour)[ ]+$")
_CUE_END = re.compile(
    r"(?i)(?:\b(?:to|an|à|nach|for|für|pour)[ ]+|(?:ship[- ]to|deliver[- ]to|lieferadresse|lieferanschrift"
    r"|adresse de livraison|delivery address)[ ]*:?\s*|[ ][-–][ ]+)"
)
_LABEL_ALONE = re.compile(r"(?i)(?:ship[- ]to|deliver[- ]to|lieferadresse|adresse de livraison)\s*:?\s*$")
_PO_DASH = re.compile(r"(?i)\bP\.?O\.?\s*(?:#|no\.?|number)?\s*:?\s*\S+[ ]+[-–][ ]+$")


@dataclass
class ShipToFinding:
    party: Party
    confidence: float
    start: int  # where in the text it was found
    written: str = ""  # the words as the mail has them, for the reviewer

    def words(self) -> set[str]:
        p = self.party
        return {w for w in re.findall(r"\w+", f"{p.name or ''} {p.city or ''}".casefold()) if len(w) > 2}


def _name_ok(name: str) -> bool:
    first = name.split()[0].rstrip(".").lower()
    return first not in _NOT_NAMES and not name.isupper()


def _address(segment: str) -> Party:
    """The address parts of "Acme Hardware Columbus, 55 S High St, Columbus, OH 43215" (or its tail)."""
    party = Party(role="ST")
    us, eu = _US.search(segment), _EU.search(segment)
    tail_start = len(segment)
    if us:
        party.city, party.state, party.postal_code = us["city"].strip(), us["state"], us["zip"]
        tail_start = us.start()
    elif eu:
        party.postal_code, party.city = eu["zip"], eu["city"].strip()
        tail_start = eu.start()
    parts = [p.strip() for p in segment[:tail_start].split(",") if p.strip()]
    if party.postal_code:  # street lines only where a postal address follows: "55 S High St", "Steinstraße 27"
        party.address_lines = [p for p in parts if _STREET.fullmatch(p)][:3]
    if party.city is None:  # "Boltline Main Warehouse, Houston": a last part of one to three capitalised words
        last = parts[-1] if parts else ""
        if last and not re.search(r"\d", last) and re.fullmatch(_CITY, last):
            party.city = last
    return party


def _segment(text: str, start: int) -> str:
    """From ``start`` to the end of the clause: the name-and-address run of a ship-to."""
    window = text[start : start + 240]
    cut = _TAIL_SPLIT.search(window)
    return window[: cut.start()] if cut else window


def _place_at(text: str, pos: int) -> tuple[Party, str] | None:
    """The place phrase starting at ``pos``, and its form: "site", "name" or "bare"."""
    rest = text[pos : pos + 300]
    for pattern in (_SITE_AFTER, _SITE_BEFORE):
        m = pattern.match(rest)
        if m and _name_ok(m["city"]):
            party = Party(role="ST", city=m["city"])  # "our Dayton store": a city, no printed name
            paren = _PAREN.match(rest, m.end())
            if paren:
                inner = paren["inside"]
                named = _NAMED.match(inner.strip())
                if named and _name_ok(named["name"]) and len(named["name"].split()) >= 2:
                    party.name = named["name"]
                    found = _address(inner.strip()[named.end() :].lstrip(", "))
                    party.address_lines, party.postal_code = found.address_lines, found.postal_code
                    party.state = found.state
                    party.city = found.city or party.city
            return party, "site"
    m = _NAMED.match(rest)
    if not m or not _name_ok(m["name"]):
        return None
    name = m["name"]
    after = rest[m.end() :]
    paren = _PAREN.match(after)
    if paren:
        party = _address(paren["inside"])
        if party.city is None and re.fullmatch(_CITY, paren["inside"].strip()):
            party.city = paren["inside"].strip()
    elif after.startswith(","):
        party = _address(_segment(after, 0).lstrip(", "))
    elif re.match(r"[ \t]*\n", after):  # a block: "Ship to:\nAcme Hardware Dayton\n1200 Wayne Ave\nDayton, OH 45402"
        block = []
        for line in after.lstrip(" \t").split("\n")[1:4]:
            if not line.strip():
                break
            block.append(line.strip())
        party = _address(", ".join(block))
    else:
        party = Party(role="ST")
    if len(name.split()) == 1 and not party.postal_code:
        return Party(role="ST", city=name), "bare"
    party.name = name
    return party, "name"


def find_ship_tos(text: str, seller_words: frozenset[str] = frozenset()) -> list[ShipToFinding]:
    """Every place the text says the order goes to, with how sure each reading is. ``seller_words``: the
    words of the mail's recipient (name and domain), so that "please send this to Northwind" is not read as
    a ship-to."""
    found: list[ShipToFinding] = []
    for m in _CUE_END.finditer(text):
        pos = m.end()
        line_before = text[text.rfind("\n", 0, m.start()) + 1 : pos][-200:]
        if _STRONG_LABEL.search(line_before) or _STRONG_VERB.search(line_before):
            cue = "strong"
        elif _TO.search(line_before):
            cue = "to"
        elif _FOR.search(line_before):
            cue = "for"
        elif _PO_DASH.search(line_before):
            cue = "po-dash"
        elif re.search(
            r"(?i)(?:ship[- ]to|deliver[- ]to|lieferadresse|adresse de livraison)\s*:?\s*$", text[m.start() : pos]
        ):
            cue = "strong"  # "Ship to:" with the address on the lines below
        else:
            continue
        place = _place_at(text, pos)
        if place is None:
            continue
        party, form = place
        words = set(re.findall(r"\w+", f"{party.name or ''} {party.city or ''}".casefold()))
        if words and words <= seller_words:
            continue
        if form == "site":
            score = 0.93 if cue != "po-dash" else 0.85
        elif form == "name":
            score = {"strong": 0.95, "for": 0.9, "po-dash": 0.9, "to": 0.0}[cue]
            if party.postal_code and score:
                score = 0.97
        else:  # one bare word: a city, probably
            score = {"strong": 0.85, "for": 0.8, "po-dash": 0.75, "to": 0.0}[cue]
        if score:
            written = " ".join(_segment(text, pos).split())[:120]
            written = written.split(",")[0] if form != "name" else written
            found.append(ShipToFinding(party, score, pos, written))
    return found


def best_ship_to(findings: list[ShipToFinding]) -> ShipToFinding | None:
    """The most certain finding; when two readings name different places, the doubt lowers its confidence."""
    if not findings:
        return None
    best = max(findings, key=lambda f: (f.confidence, -f.start))
    for other in findings:
        if other is not best and other.confidence >= 0.8 and not (other.words() & best.words()):
            return ShipToFinding(best.party, min(best.confidence, 0.6), best.start, best.written)
    # a site phrase and a name for the same place ("for Concord ... Ship to Granite State Yard Concord")
    if best.party.city is None:
        for other in findings:
            if other is not best and other.party.city and other.words() & best.words():
                best.party.city = other.party.city
                break
    return best
