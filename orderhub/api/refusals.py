"""Which field of the ERP's document a refusal concerns: ``loc`` paths for the reasons of
:class:`orderhub.shipping.DocumentRefused` and :class:`outbound.po855.DecisionError`.

The checks in :mod:`orderhub.shipping` word their reasons for people ("PO PO-9 line 1: 11 shipped in all …");
this module reads those sentences back to the field they name, so the ERP can put the error next to the
input. A reason it cannot place gets the document's own ``["body"]``: never a wrong field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from orderhub.api.problems import Loc
from schemas.acknowledgement import OrderDecision
from schemas.invoice import Invoice
from schemas.shipment import Package, Shipment, ShippedItem

BODY: Loc = ["body"]
_PO_LINE = re.compile(r"^PO (?P<po>.+?) line (?P<line>\S+): (?P<rest>.*)$")
_PO = re.compile(r"^PO (?P<po>.+?): (?P<rest>.*)$")
_SSCC = re.compile(r"^SSCC (?P<sscc>\d+): ")
_INVOICE_LINE = re.compile(r"^(?:PO .+?: invoice )?line (?P<line>[^\s:]+)[: ]")
_SAC = re.compile(r"^SAC (?P<code>\S+):")


def _packages(prefix: Loc, packages: list[Package]) -> Iterator[tuple[Loc, Package]]:
    for j, package in enumerate(packages):
        here = [*prefix, "packages", j]
        yield here, package
        yield from _packages(here, package.packages)


def _items(order_loc: Loc, shipment: Shipment, index: int) -> Iterator[tuple[Loc, ShippedItem]]:
    order = shipment.orders[index]
    for k, item in enumerate(order.items):
        yield [*order_loc, "items", k], item
    for where, package in _packages(order_loc, order.packages):
        for k, item in enumerate(package.items):
            yield [*where, "items", k], item


def _order_index(shipment: Shipment, po: str) -> int | None:
    found = [i for i, o in enumerate(shipment.orders) if o.po_number == po]
    if len(found) > 1:
        return found[1]  # "appears 2 times": the second one is the one to remove
    return found[0] if found else None


def _line_field(rest: str) -> str:
    if rest.startswith("product "):
        return "identifiers"
    if rest.startswith("shipped in ") or " ordered in " in rest:
        return "uom"
    return "quantity"


def shipment_loc(shipment: Shipment, reason: str) -> Loc:
    """The ``loc`` of the field a reason for refusing ``shipment`` concerns (``["body"]`` when unsure)."""
    if reason.startswith("BSN01 "):
        return [*BODY, "purpose"]
    if reason.startswith("the shipment is for partner"):
        return [*BODY, "partner_id"]
    if reason.startswith(f"shipment {shipment.shipment_id} was already sent"):
        return [*BODY, "shipment_id"]
    sscc = _SSCC.match(reason)
    if sscc:
        for i in range(len(shipment.orders)):
            for where, package in _packages([*BODY, "orders", i], shipment.orders[i].packages):
                if package.sscc == sscc["sscc"]:
                    return [*where, "sscc"]
        return [*BODY, "orders"]
    if reason.startswith("a package has no SSCC"):
        for i in range(len(shipment.orders)):
            for where, package in _packages([*BODY, "orders", i], shipment.orders[i].packages):
                if package.sscc is None:
                    return [*where, "sscc"]
    match = _PO_LINE.match(reason) or _PO.match(reason)
    if not match:
        return BODY
    index = _order_index(shipment, match["po"])
    if index is None:
        return [*BODY, "orders"]
    order_loc: Loc = [*BODY, "orders", index]
    rest = match["rest"]
    line = match.groupdict().get("line")
    if line is not None:
        for where, item in _items(order_loc, shipment, index):
            if item.line_number == line:
                return [*where, _line_field(rest)]
        return order_loc
    if rest.startswith("line ") or rest.startswith("an item with "):  # "line 7 matches no line of the order"
        number = rest.split()[1] if rest.startswith("line ") else None
        for where, item in _items(order_loc, shipment, index):
            if number is None or item.line_number == number:
                return [*where, "line_number" if number is not None else "identifiers"]
        return order_loc
    if rest.startswith("no order from partner") or rest.startswith("order "):
        wrong_id = shipment.orders[index].order_id is not None and "is not partner" in rest
        return [*order_loc, "order_id" if wrong_id else "po_number"]
    if rest.startswith("appears "):
        return order_loc
    if rest.startswith("items outside any package"):
        return [*order_loc, "items"]
    if rest.startswith("package ") or "has no packages" in rest:
        return [*order_loc, "packages"]
    return order_loc


def invoice_loc(invoice: Invoice, reason: str) -> Loc:
    """The ``loc`` of the field a reason for refusing ``invoice`` concerns (``["body"]`` when unsure)."""
    if reason.startswith("stated_total "):
        return [*BODY, "stated_total"]
    if reason.startswith("the invoice is for partner"):
        return [*BODY, "partner_id"]
    if reason.startswith(f"invoice {invoice.invoice_number} was already sent"):
        return [*BODY, "invoice_number"]
    if reason.startswith("shipment "):
        return [*BODY, "shipment_id"]
    sac = _SAC.match(reason)
    if sac or reason.startswith("SAC without a code"):
        for k, charge in enumerate(invoice.allowances_charges):
            if sac is None and not charge.code or sac is not None and charge.code == sac["code"]:
                return [*BODY, "allowances_charges", k, "amount" if sac else "code"]
        return [*BODY, "allowances_charges"]
    po_line = _PO_LINE.match(reason)
    line_match = po_line or _INVOICE_LINE.match(reason)
    if line_match:
        number = line_match["line"]
        rest = po_line["rest"] if po_line else reason
        field = (
            "identifiers"
            if rest.startswith("product ")
            else "quantity"
            if " invoiced in all" in rest
            else "unit_price"
            if "unit price" in rest
            else "line_number"
        )
        for k, line in enumerate(invoice.lines):
            if line.line_number == number:
                return [*BODY, "lines", k, field]
        return [*BODY, "lines"]
    po = _PO.match(reason)
    if po:
        wrong_id = invoice.order_id is not None and "is not partner" in po["rest"]
        return [*BODY, "order_id" if wrong_id else "po_number"]
    return BODY


def decision_loc(decision: OrderDecision, reason: str) -> Loc:
    """The ``loc`` a :class:`~outbound.po855.DecisionError` concerns (``["body"]`` when unsure)."""
    if reason.startswith("reject_order "):
        return [*BODY, "reject_order"]
    if reason.startswith("no decision for line"):
        return [*BODY, "lines"]
    match = re.match(r"^line (?P<line>\S+?): (?P<rest>.*)$", reason)
    if not match:
        return BODY
    indexes = [k for k, d in enumerate(decision.lines) if d.line_number == match["line"]]
    if not indexes:
        return [*BODY, "lines"]
    rest = match["rest"]
    if "decided twice" in rest:
        return [*BODY, "lines", indexes[1] if len(indexes) > 1 else indexes[0], "line_number"]
    field = (
        "line_number"
        if "has no such line" in rest
        else "ship_date"
        if "ship_date" in rest
        else "unit_price"
        if "unit_price" in rest
        else "action"
        if "use action" in rest
        else "quantity"
    )
    return [*BODY, "lines", indexes[0], field]


MAX_DIGITS = 15  # before the decimal point: more than any order quantity or amount, and within X12's R elements


def unfit_values(document: BaseModel) -> list[tuple[Loc, str]]:
    """Values in ``document`` no field may hold, by field: decimals too large to be a quantity or an amount
    (``1E+30``), and text with a NUL character.

    Checked before the business rules run: rounding such a number to cents overflows ``decimal``'s 28-digit
    context, and PostgreSQL refuses NUL in text (both were server errors); each is a 422 naming the field.
    """
    found: list[tuple[Loc, str]] = []

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, Decimal):
            if not value.is_finite() or value.adjusted() >= MAX_DIGITS:
                found.append((loc, f"{value} is too large: at most {MAX_DIGITS} digits before the decimal point"))
        elif isinstance(value, str):
            if "\x00" in value:
                found.append((loc, "text may not contain NUL characters"))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, [*loc, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, [*loc, index])

    walk(document.model_dump(), list(BODY))
    return found
