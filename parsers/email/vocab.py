"""The words and shapes an order mail is read with: units, cue phrases, item-code and PO-number shapes.

Everything here is data (word lists and compiled expressions), shared by the rule pipeline in
:mod:`parsers.email.rules` and the readers built on it. English, German and French, the languages the
order desk receives. The regular expressions are linear (no nested quantifiers) so that a hostile body
cannot make them backtrack for long.
"""

from __future__ import annotations

import re

# printed unit → our unit code (fixtures/eval/README.md "Units printed → code"); words that are units but
# name no code of ours (sets, jeux) map to "" so they are recognised, and left for the item's own unit
UNITS: dict[str, str] = {}
for _code, _words in {
    "EA": "ea each st stk stück stueck u pc pcs piece pieces pièce pièces pce pces unit units",
    "BX": "bx box boxes boxen boîte boîtes boite boites",
    "CS": "cs case cases",
    "CT": "kart karton kartons carton cartons",  # the item's box or case: the item master tells (capture)
    "PK": "pk pack packs pak paket pakete paquet paquets",
    "RL": "rl roll rolls rol rolle rollen rouleau rouleaux",
    "PR": "pr pair pairs paar paire paires",
    "": "set sets jeu jeux satz sätze",
}.items():
    for _word in _words.split():
        UNITS[_word] = _code

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozen": 12, "a dozen": 12,
    "half a dozen": 6, "two dozen": 24, "three dozen": 36,
}  # fmt: skip

# phrases that announce a requested delivery date (the date follows within a few words)
REQUESTED_CUES = (
    "needed by", "need it by", "need them by", "needed on", "need by", "required by", "required date",
    "requested delivery", "requested date", "delivery date", "deliver by", "delivered by", "deliver on",
    "deliver", "delivery", "ship by", "ship on", "ship date", "on site by", "by", "before", "no later than",
    "have it by", "get it to us by", "until", "bis", "bis zum", "bis spätestens", "spätestens", "d'ici le",
    "liefertermin", "lieferdatum", "liefern bis", "lieferung bis",
    "lieferung am", "livraison souhaitée le", "livraison souhaitée avant le", "livraison souhaitée",
    "livraison le", "livraison avant le", "livraison", "date de livraison", "livrer le", "livrer avant le",
    "avant le", "pour le",
)  # fmt: skip
ORDER_DATE_CUES = ("order date", "po date", "dated", "bestelldatum", "date de commande", "date commande")

# verbs and prepositions that introduce the place an order goes to; "strong" ones name a delivery
SHIP_CUES_STRONG = (
    "ship to", "ship it to", "ship them to", "deliver to", "deliver it to", "delivery to", "send to",
    "send it to", "all to", "deliver to our", "lieferung an", "liefern sie an", "liefern an", "lieferadresse",
    "lieferanschrift", "livrer à", "livraison à", "adresse de livraison", "ship-to",
)  # fmt: skip
# words naming a kind of site: "our Dayton store", "the Lima DC", "unser Lager Bremen", "magasin de Lyon"
SITE_NOUNS = (
    "store", "shop", "yard", "dc", "warehouse", "branch", "location", "site", "depot", "plant", "outlet",
    "lager", "filiale", "niederlassung", "magasin", "entrepôt", "dépôt", "agence", "boutique",
)  # fmt: skip

MONTHS = {
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "jänner": 1,
    "feb": 2, "february": 2, "februar": 2, "février": 2, "fevrier": 2,
    "mar": 3, "march": 3, "märz": 3, "maerz": 3, "mars": 3,
    "apr": 4, "april": 4, "avril": 4,
    "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "octobre": 10,
    "nov": 11, "november": 11, "novembre": 11,
    "dec": 12, "december": 12, "dez": 12, "dezember": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
)  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

# -- item codes -------------------------------------------------------------------------------------------
# A code is what an order line identifies its item by. "Strong" shapes are read wherever a quantity is
# bound to them: letters and a hyphen (AB-1001, CP-220310, DMO-FEND826, DMO-TAPE-E) or digits around a
# hyphen (310-0815). "Weak" shapes (a bare number, 7731; letters glued to digits, AB1001) are read only
# where the text says it is an item: "24 x 7731", "6 cases of 7731", an Item column.
CODE_STRONG = re.compile(
    r"(?<![\w/.#@-])(?:[A-Z]{1,6}[0-9]{0,3}(?:-[A-Z0-9]{1,12}){1,3}|[0-9]{2,4}-[0-9]{3,6})(?![\w/@-])"
)
CODE_WEAK = re.compile(r"(?<![\w/.,#@$€-])(?:[0-9]{4,8}|[A-Z]{1,4}[0-9]{3,10}[A-Z]?)(?![\w/@-]|[.,][0-9])")

# -- numbers ----------------------------------------------------------------------------------------------
QTY_NUMBER = re.compile(
    r"(?<![\w/.,:#$€£+-])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:[.,][0-9]+)?"
    r"(?![\w/%$€£\"″'’:]|[.,][0-9]|-[0-9])"
)
QTY_WORD = re.compile(
    r"(?i)\b(?:half a dozen|two dozen|three dozen|a dozen|dozen|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty)\b"
)
# a number that measures the item, not how many: 6", 8 mm, 5 lb, 16 oz, 1/2 x 4 in, M10 x 100
DIMENSION_AFTER = re.compile(r"(?i)\s?(?:mm|cm|m|in|inch|inches|ft|oz|lb|lbs|kg|g|w|a|v|l|ml|%|°|x\s?[0-9])\b")
MONEY = re.compile(
    r"(?:(?P<cur>[$€£])\s?(?P<a>[0-9][0-9,.]*[0-9]|[0-9])|(?P<b>[0-9][0-9,. ]*[0-9]|[0-9])\s?(?P<cur2>€|EUR|USD)\b)"
)
TOTAL = re.compile(
    r"(?im)^\s*(?:order\s+)?(?:total|summe|gesamt(?:summe)?|total ht|montant total)\b[^0-9$€\n]{0,20}"
    r"(?P<cur>[$€])?\s?(?P<amt>[0-9][0-9,.]*[0-9])\s?(?P<cur2>€|EUR|USD)?"
)

# -- PO numbers -------------------------------------------------------------------------------------------
_PO_VALUE = r"(?P<po>(?=[A-Za-z0-9/._-]*[0-9])[A-Za-z0-9][A-Za-z0-9/._-]{1,30}[A-Za-z0-9])"
PO_STRONG = re.compile(
    r"(?:\bP\.?O\.?(?![A-Za-z])|\b[Pp]urchase [Oo]rder|(?i:\border (?:number|no\.?|nr\.?|#|ref(?:erence)?)"
    r"|\bbestell(?:-?nummer|-?nr\.?)|\bauftragsnummer|\bnuméro de commande|\bréférence de commande"
    r"|\bn° de commande|\bcommande n°))"
    r"(?:\s*(?:#|no\.?|nr\.?|number|num(?:ber)?\.?))?(?:\s*(?:is|est|ist|:|=))?\s*(?:#\s*)?" + _PO_VALUE
)
PO_WEAK = re.compile(r"(?i)\b(?:order|bestellung|commande|auftrag)\s*(?:#\s*)?:?\s*" + _PO_VALUE)

# -- dates ------------------------------------------------------------------------------------------------
DATE_PATTERNS = (
    ("iso", re.compile(r"\b(?P<y>20[0-9]{2})-(?P<m>[01]?[0-9])-(?P<d>[0-3]?[0-9])\b")),
    ("numeric", re.compile(
        r"(?<![\w/.])(?P<a>[0-3]?[0-9])(?P<sep>[/.])(?P<b>[0-3]?[0-9])(?P=sep)(?P<y>(?:20)?[0-9]{2})(?![\w/]|\.[0-9])"
    )),
    ("dmy_name", re.compile(
        rf"(?i)(?<![\w])(?P<d>[0-3]?[0-9])(?:er|st|nd|rd|th|\.)?[ -](?P<mon>{_MONTH})\.?"
        rf"(?:[ -,]+(?P<y>20[0-9]{{2}}|[0-9]{{2}}))?(?![\w])"
    )),
    ("mdy_name", re.compile(
        rf"(?i)(?<![\w])(?:(?:{_WEEKDAY})\.?,?\s+)?(?P<mon>{_MONTH})\.?\s+(?:the\s+)?(?P<d>[0-3]?[0-9])"
        rf"(?:st|nd|rd|th)?(?![\w])(?:,?\s+(?P<y>20[0-9]{{2}}))?"
    )),
    ("short", re.compile(r"(?<![\w/.,])(?P<a>[01]?[0-9])/(?P<b>[0-3]?[0-9])(?![\w/]|\.[0-9])")),
    ("day", re.compile(r"(?i)\bthe (?P<d>[0-3]?[0-9])(?:st|nd|rd|th)\b")),
)  # fmt: skip

# -- the structure of a mail ------------------------------------------------------------------------------
REPLY_PREFIX = re.compile(r"(?i)^\s*(?:re|aw|antw|sv|vs|réf|rif)\s*(?:\[\d+\])?\s*:")
FORWARD_PREFIX = re.compile(r"(?i)^\s*(?:fwd?|wg|tr|fw)\s*(?:\[\d+\])?\s*:")
PHONE = re.compile(
    r"(?:\+[0-9][0-9 ().-]{7,}[0-9]|\([0-9]{3}\)\s?[0-9]{3}[-. ][0-9]{4}"
    r"|(?<![\w-])[0-9]{3}[-. ][0-9]{3}[-. ][0-9]{4}(?![\w-]))"
)
