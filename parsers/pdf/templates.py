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
HeaderField = Literal["po_number", "po_date", "requested_date", "ship_to", "bill_to", "buyer", "terms", "currency"]


class TemplateError(Exception):
    """A template file that cannot be used: names the file and what is wrong with it."""


class PdfTemplate(BaseModel):
    """What one template pins. Every key is optional except ``name``; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="a short name, shown in warnings ('hansa-werkzeug')")
    description: str = Field("", description="whose documents these are and why the template exists")
    senders: list[str] = Field(default_factory=list, description="sender addresses or @domains it is for")
    keywords: list[str] = Field(default_factory=list, description="phrases that must all be on page 1")
    number_format: Literal["auto", "us", "eu"] = Field("auto", description="us 1,234.56 / eu 1.234,56")
    date_order: Literal["auto", "mdy", "dmy"] = Field("auto", description="how slashed dates are read")
    labels: dict[HeaderField, list[str]] = Field(
        default_factory=dict, description="extra labels per header field, tried before the generic ones"
    )
    columns: dict[str, str] = Field(
        default_factory=dict, description="a column caption as printed → its role (qty, item_ours, ...)"
    )
    currency: str | None = Field(None, description="the currency when the document prints none")
    purpose: Literal["production", "layout-test"] = Field(
        "production",
        description="layout-test: a third-party layout kept to test the extractor; never chosen for a document "
        "that has a sender (so never for a customer's order), only for sender-less documents (the evaluation's "
        "corpus invoices, which are held UNKNOWN_SENDER) or when named explicitly",
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
        return LabelFinder({str(k): v for k, v in self.labels.items()}), HeaderMatcher(self.columns)

    def matches_sender(self, address: str | None) -> int:
        """2 for the exact address, 1 for its domain, 0 otherwise."""
        if not address:
            return 0
        if address in self.senders:
            return 2
        return 1 if "@" + address.rsplit("@", 1)[-1] in self.senders else 0

    def matches_text(self, first_page: str) -> bool:
        lowered = first_page.casefold()
        return bool(self.keywords) and all(k.casefold() in lowered for k in self.keywords)


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
    """The template named ``explicit``, if given; else the sender's template (exact address over domain) whose
    keywords, if it has any, are on the page; else the production template with the most keywords all found
    on the page; else None (the generic extractor). A ``layout-test`` template is chosen by its keywords only
    for a document without a sender: it pins an invoice's number as the PO and must never read an order."""
    if explicit is not None:
        return next((t for t in templates if t.name == explicit), None)
    if sender:
        templates = tuple(t for t in templates if t.purpose == "production")
    by_sender = sorted(
        (t for t in templates if t.matches_sender(sender) and (not t.keywords or t.matches_text(first_page))),
        key=lambda t: -t.matches_sender(sender),
    )
    if by_sender:
        return by_sender[0]
    by_text = sorted((t for t in templates if t.matches_text(first_page)), key=lambda t: -len(t.keywords))
    return by_text[0] if by_text else None
