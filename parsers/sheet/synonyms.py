"""The words spreadsheet order forms use: column headers, field labels, totals rows and units.

They live in ``synonyms.yaml`` beside this module: global lists plus per-customer additions keyed by the sender's
address or ``@domain``. The file is validated when first used (``extra="forbid"``): a misspelt key stops the hub
with the file, the key and what is allowed, instead of silently reading nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")

_NUMBER_WORDS = {"no", "nr", "number", "num", "n", "nummer", "numero"}
_TOKEN = re.compile(r"[a-z0-9]+|#")
_NUMERO = re.compile(r"\bn\s*[°º]", re.IGNORECASE)


def normalise(text: str) -> str:
    """A header or label reduced to what matters: 'P.O. Number:' → 'po no', 'Réf.' → 'ref', 'Item #' → 'item no'."""
    text = _NUMERO.sub(" no ", text).replace("°", " ").replace("º", " ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("ß", "ss")
    words: list[str] = []
    pending = ""  # single letters in a row are one word: "p.o." → "po", "u/m" → "um"
    for token in _TOKEN.findall(text):
        if token == "#" or token in _NUMBER_WORDS:
            token = "no"
        if len(token) == 1 and token.isalpha():
            pending += token
            continue
        if pending:
            words.append("no" if pending == "n" else pending)
            pending = ""
        words.append(token)
    if pending:
        words.append("no" if pending == "n" else pending)
    return " ".join(words)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Columns(_Strict):
    line_number: list[str] = Field(default_factory=list, description="the line number as printed")
    item: list[str] = Field(default_factory=list, description="an item code that does not say whose it is")
    vendor_item: list[str] = Field(default_factory=list, description="our SKU, in the buyer's words ('Your Item')")
    buyer_item: list[str] = Field(default_factory=list, description="the buyer's own code ('Our Part')")
    gtin: list[str] = Field(default_factory=list)
    upc: list[str] = Field(default_factory=list)
    description: list[str] = Field(default_factory=list)
    quantity: list[str] = Field(default_factory=list)
    uom: list[str] = Field(default_factory=list)
    unit_price: list[str] = Field(default_factory=list)
    amount: list[str] = Field(default_factory=list, description="the printed line amount")
    requested_date: list[str] = Field(default_factory=list)


class Labels(_Strict):
    po_number: list[str] = Field(default_factory=list)
    po_date: list[str] = Field(default_factory=list)
    requested_date: list[str] = Field(default_factory=list)
    ship_to: list[str] = Field(default_factory=list)
    ship_to_code: list[str] = Field(default_factory=list, description="the ship-to's location code, as printed")
    bill_to: list[str] = Field(default_factory=list)
    buyer: list[str] = Field(default_factory=list)
    currency: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)


class Totals(_Strict):
    net: list[str] = Field(default_factory=list, description="the goods total before tax")
    plain: list[str] = Field(default_factory=list, description="a total that does not say whether tax is in it")
    tax: list[str] = Field(default_factory=list)
    gross: list[str] = Field(default_factory=list)
    running: list[str] = Field(default_factory=list, description="running subtotals: skipped, not lines")


class Units(_Strict):
    EA: list[str] = Field(default_factory=list)
    BX: list[str] = Field(default_factory=list)
    CS: list[str] = Field(default_factory=list)
    CT: list[str] = Field(default_factory=list)  # a carton: the item's box or case (orderhub/capture.py)
    PK: list[str] = Field(default_factory=list)
    RL: list[str] = Field(default_factory=list)
    PR: list[str] = Field(default_factory=list)


class CustomerWords(_Strict):
    dates: Literal["day_first", "month_first"] | None = Field(
        default=None, description="how the sender writes slash dates ('03/04/2026'); unset: only the sheet decides"
    )
    columns: Columns = Field(default_factory=Columns)
    labels: Labels = Field(default_factory=Labels)
    totals: Totals = Field(default_factory=Totals)
    units: Units = Field(default_factory=Units)


class SynonymsFile(CustomerWords):
    customers: dict[str, CustomerWords] = Field(
        default_factory=dict, description="additions for one sender: 'jo@acme.example' or '@acme.example'"
    )


@dataclass(frozen=True)
class Vocabulary:
    """The normalised words for one sender: normalised text → role (column, label, totals kind, unit code)."""

    columns: dict[str, str]
    labels: dict[str, str]
    totals: dict[str, str]
    units: dict[str, str]
    dates: str | None = None  # "day_first" / "month_first" when the customer's entry (or the file) says so


def _index(*groups: BaseModel) -> dict[str, str]:
    found: dict[str, str] = {}
    for group in groups:
        for role, words in group.model_dump().items():
            for word in words:
                found.setdefault(normalise(word), role)
    return found


def _unit_index(*groups: Units) -> dict[str, str]:
    found: dict[str, str] = {}
    for group in groups:
        for code, words in group.model_dump().items():
            for word in [code, *words]:
                found.setdefault(normalise(word), code)
    return found


@lru_cache(maxsize=4)
def load_synonyms(path: Path = SYNONYMS_FILE) -> SynonymsFile:
    """Read and validate the synonyms file; a bad file raises ``ValueError`` naming the file and the key."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return SynonymsFile.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the spreadsheet synonyms: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"{path}: {problems}") from exc


@lru_cache(maxsize=256)
def vocabulary_for(sender: str | None, path: Path = SYNONYMS_FILE) -> Vocabulary:
    """The global words plus the additions of the sender's customer entry (exact address first, then domain)."""
    book = load_synonyms(path)
    extra: list[CustomerWords] = []
    address = _address(sender)
    if address:
        keys = {k.casefold(): v for k, v in book.customers.items()}
        for key in (address, "@" + address.rsplit("@", 1)[-1]):
            if key in keys:
                extra.append(keys[key])
                break
    return Vocabulary(
        columns=_index(*(e.columns for e in extra), book.columns),
        labels=_index(*(e.labels for e in extra), book.labels),
        totals=_index(*(e.totals for e in extra), book.totals),
        units=_unit_index(*(e.units for e in extra), book.units),
        dates=next((e.dates for e in extra if e.dates), book.dates),
    )


_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _address(sender: str | None) -> str | None:
    found = _ADDRESS.findall(sender or "")
    return found[-1].casefold() if found else None
