"""Per-customer PDF templates: one YAML file each under ``parsers/pdf/templates/``, for when the generic
extractor needs help — extra labels for a header field, column captions and what they mean, the number and
date notation. A template is chosen by the sender (an address or ``@domain``) first, then by keywords that
must all appear on the first page. Files are validated with pydantic (unknown keys are errors) and compiled
at load time, so a broken template fails the test that loads them all, not an order in production.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from parsers.pdf.columns import HEADERS, HeaderMatcher
from parsers.pdf.labels import LabelFinder

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# 'other': a label whose value is none of ours (a quote's date, a vendor number): it explains a date printed there
HeaderField = Literal[
    "po_number",
    "po_date",
    "release_number",
    "requested_date",
    "ship_to",
    "bill_to",
    "buyer",
    "terms",
    "currency",
    "other",
]


class TemplateError(Exception):
    """A template file that cannot be used: names the file and what is wrong with it."""


class PdfTemplate(BaseModel):
    """What one template pins. Every key is optional except ``name``; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="a short name, shown in warnings ('hansa-werkzeug')")
    description: str = Field("", description="whose documents these are and why the template exists")
    senders: list[str] = Field(default_factory=list, description="sender addresses or @domains it is for")
    keywords: list[str] = Field(default_factory=list, description="phrases that must all be on page 1")
    keywords_needed: int | None = Field(
        None, ge=1, description="how many of the keywords must be on page 1 (default: all); a learned layout needs most"
    )
    number_format: Literal["auto", "us", "eu"] = Field("auto", description="us 1,234.56 / eu 1.234,56")
    date_order: Literal["auto", "mdy", "dmy"] = Field("auto", description="how slashed dates are read")
    labels: dict[HeaderField, list[str]] = Field(
        default_factory=dict, description="extra labels per header field, tried before the generic ones"
    )
    far_labels: list[str] = Field(
        default_factory=list,
        description="labels (of `labels`) whose value may sit anywhere right of them on their line: learned ones, "
        "proven on the document they were learned from (a hand-written label stops at a wide gap)",
    )
    columns: dict[str, str] = Field(
        default_factory=dict, description="a column caption as printed → its role (qty, item_ours, ...)"
    )
    currency: str | None = Field(None, description="the currency when the document prints none")
    purpose: Literal["production", "layout-test", "learned"] = Field(
        "production",
        description="layout-test: a third-party layout kept to test the extractor; never chosen for a document "
        "that has a sender (so never for a customer's order), only for sender-less documents (the evaluation's "
        "corpus invoices, which are held UNKNOWN_SENDER) or when named explicitly; learned: written by "
        "orderhub from a reviewed order (parsers/pdf/learn.py), chosen only for its senders",
    )

    @field_validator("columns")
    @classmethod
    def _known_roles(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted({role for role in value.values() if role not in HEADERS})
        if unknown:
            raise ValueError(f"unknown column role(s) {unknown}; use one of {sorted(HEADERS)}")
        return value

    @field_validator("senders")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        bad = [s for s in value if "@" not in s]
        if bad:
            raise ValueError(f"{bad}: a sender is an address (a@b.example) or a domain (@b.example)")
        return [s.lower() for s in value]

    def compile(self) -> tuple[LabelFinder, HeaderMatcher]:
        finder = LabelFinder({str(k): v for k, v in self.labels.items()}, far=set(self.far_labels))
        return finder, HeaderMatcher(self.columns)

    def matches_sender(self, address: str | None) -> int:
        """2 for the exact address, 1 for its domain, 0 otherwise."""
        if not address:
            return 0
        if address in self.senders:
            return 2
        return 1 if "@" + address.rsplit("@", 1)[-1] in self.senders else 0

    def matches_text(self, first_page: str) -> bool:
        return bool(self.keywords) and self.keywords_found(first_page) >= (self.keywords_needed or len(self.keywords))

    def keywords_found(self, first_page: str) -> int:
        lowered = first_page.casefold()
        return sum(k.casefold() in lowered for k in self.keywords)


def load_template(path: Path) -> PdfTemplate:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        template = PdfTemplate.model_validate(raw)
        template.compile()
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise TemplateError(f"PDF template {path.name}: {exc}") from exc
    return template


@lru_cache(maxsize=4)
def load_templates(directory: Path = TEMPLATE_DIR) -> tuple[PdfTemplate, ...]:
    """Every template in ``directory``, validated and compiled; a bad file raises :class:`TemplateError`."""
    return tuple(load_template(path) for path in sorted(directory.glob("*.yaml")))


def choose_template(
    templates: tuple[PdfTemplate, ...], sender: str | None, first_page: str, explicit: str | None = None
) -> PdfTemplate | None:
    """The template named ``explicit``, if given; else the sender's template (exact address over domain, then
    the one with the most keywords on the page) whose keywords, if it has any, are on the page; else the
    production template with the most keywords all found on the page; else None (the generic extractor).

    A ``layout-test`` template is chosen by its keywords only for a document without a sender: it pins an
    invoice's number as the PO and must never read an order. A ``learned`` template is chosen for its senders
    only: it was proven on one customer's document, not on anybody else's."""
    if explicit is not None:
        return next((t for t in templates if t.name == explicit), None)
    if sender:
        templates = tuple(t for t in templates if t.purpose != "layout-test")
    by_sender = sorted(
        (t for t in templates if t.matches_sender(sender) and (not t.keywords or t.matches_text(first_page))),
        key=lambda t: (-t.matches_sender(sender), -t.keywords_found(first_page), t.purpose != "learned"),
    )
    if by_sender:
        return by_sender[0]
    by_text = sorted(
        (t for t in templates if t.purpose != "learned" and t.matches_text(first_page)), key=lambda t: -len(t.keywords)
    )
    return by_text[0] if by_text else None


# where learned templates are kept (the hub sets it: ORDERHUB_DATA_DIR/templates); None: none are used
_learned_dir: Path | None = None


def use_learned_dir(directory: Path | None) -> None:
    """Read (and write) learned templates in ``directory`` from now on, in this process."""
    global _learned_dir
    _learned_dir = directory


def learned_dir() -> Path | None:
    return _learned_dir


def load_learned(directory: Path | None) -> tuple[tuple[PdfTemplate, ...], list[str]]:
    """The learned templates in ``directory`` and, for each file that cannot be used, why (a file a person
    edited badly is skipped, named in the order's warnings, and never stops a document from being read)."""
    if directory is None or not directory.is_dir():
        return (), []
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.yaml")))
    return _load_learned(directory, stamp)


@lru_cache(maxsize=8)
def _load_learned(
    directory: Path, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[tuple[PdfTemplate, ...], list[str]]:
    found, problems = [], []
    for name, _mtime, _size in stamp:
        try:
            found.append(load_template(directory / name))
        except TemplateError as exc:
            problems.append(str(exc))
    return tuple(found), problems


def save_learned(template: PdfTemplate, directory: Path) -> Path:
    """Write ``template`` as ``directory/NAME.yaml`` (atomically: a reader sees the old file or the new one)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{template.name}.yaml"
    data = template.model_dump(exclude_defaults=True)
    data["purpose"] = template.purpose
    head = "# learned by orderhub from a reviewed order; edit freely, it is validated on load\n"
    text = head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    scratch = path.with_suffix(".yaml.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)
    return path
