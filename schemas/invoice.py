"""The canonical invoice, rendered as an 810.

Money is ``Decimal`` in the invoice currency with two decimals; the 810 writes TDS01 and SAC05 with
two *implied* decimals (``12345`` means 123.45), which the renderer and the reader handle, never the
caller. The total is computed from the lines and the allowances and charges: a stated total that
disagrees is refused, not rounded away.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict, Field

from schemas.order import AllowanceCharge, Carrier, Identifier, Party, Qualified, Terms

CENT = Decimal("0.01")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InvoiceLine(_Model):
    line_number: str | None = Field(None, description="IT101: the PO101 of the order line")
    quantity: Decimal = Field(gt=0, description="IT102 quantity invoiced")
    uom: str = Field("EA", description="IT103")
    unit_price: Decimal = Field(ge=0, description="IT104")
    price_basis: str | None = Field(None, description="IT105, e.g. WE wholesale each")
    identifiers: list[Identifier] = Field(default_factory=list, description="IT106.. pairs: UP, VN, BP, EN")
    description: str | None = Field(None, description="PID05")
    allowances_charges: list[AllowanceCharge] = Field(default_factory=list, description="line SACs")

    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT, rounding=ROUND_HALF_UP)  # as partners do


class Invoice(_Model):
    invoice_number: str = Field(min_length=1, max_length=22, description="BIG02")
    partner_id: str
    invoice_date: date = Field(description="BIG01")
    po_number: str = Field(description="BIG04")
    po_date: date | None = Field(None, description="BIG03")
    order_id: str | None = Field(None, description="orderhub's order; found by PO number when null")
    shipment_id: str | None = Field(
        None, description="the 856 (BSN02) this invoice bills: checked, and its ship date used for DTM 011"
    )
    transaction_type: str | None = Field(None, description="BIG07: CR credit memo, DI debit invoice, ...")
    currency: str | None = Field(None, description="CUR02 when not the partner's default")
    references: list[Qualified] = Field(
        default_factory=list, description="REF, e.g. IA vendor number, BM bill of lading"
    )
    remit_to: Party | None = Field(None, description="N1*RE")
    bill_to: Party | None = Field(None, description="N1*BT")
    ship_to: Party | None = Field(None, description="N1*ST")
    ship_from: Party | None = Field(None, description="N1*SF")
    terms: Terms | None = Field(None, description="ITD")
    ship_date: date | None = Field(None, description="DTM*011")
    carrier: Carrier | None = Field(None, description="CAD")
    lines: list[InvoiceLine] = Field(min_length=1)
    allowances_charges: list[AllowanceCharge] = Field(
        default_factory=list, description="SAC at the summary: amount with sign by indicator (A lowers, C raises)"
    )
    stated_total: Decimal | None = Field(None, description="the ERP's total, checked against the computed one")
    test: bool = False

    def merchandise_total(self) -> Decimal:
        return sum((line.amount() for line in self.lines), Decimal("0.00"))

    def total(self) -> Decimal:
        """TDS01: lines plus charges minus allowances, line-level ones included."""
        total = self.merchandise_total()
        for sac in self.allowances_charges + [s for line in self.lines for s in line.allowances_charges]:
            if sac.amount is not None:
                total += sac.amount if sac.indicator == "C" else -sac.amount if sac.indicator == "A" else 0
        return total.quantize(CENT, rounding=ROUND_HALF_UP)
