"""The canonical ship notice, rendered as an 856.

It says what is physically on the truck, carton by carton, whatever hierarchy the partner wants the
856 in: a shipment holds orders, an order holds packages (cartons ``P``, or tares ``T`` - pallets -
that hold cartons) and the items in each. The partner's structure (``ShipmentStructure``) only decides
how the 856 arranges the same facts. Quantities are in the order's units; money is not part of an ASN.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.order import Carrier, DateRef, Identifier, Party, Qualified


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShipmentStructure(StrEnum):
    """The HL hierarchy of the 856 (BSN05 in brackets), as retailers' guides name them."""

    PICK_PACK = "SOPI"  # shipment, order, pack (carton), item (0001): mixed cartons
    PICK_PACK_TARE = "SOTPI"  # shipment, order, tare (pallet), pack, item (0001)
    STANDARD_CARTON = "SOIP"  # shipment, order, item, pack (0002): each carton holds one item
    STANDARD_TARE = "SOIT"  # shipment, order, item, tare (0002): each pallet holds one item
    PLAIN = "SOI"  # shipment, order, item (0004): no package detail

    @property
    def hierarchy_code(self) -> str:
        """BSN05."""
        return {"SOPI": "0001", "SOTPI": "0001", "SOIP": "0002", "SOIT": "0002", "SOI": "0004"}[self.value]


class ShippedItem(_Model):
    """An order line (or part of one) in a package, or in the order when packages are not detailed."""

    line_number: str | None = Field(None, description="the PO101 of the order line, echoed in LIN01")
    identifiers: list[Identifier] = Field(
        default_factory=list, description="LIN pairs: UP (UPC), VN (vendor item), BP (buyer part), EN (GTIN)"
    )
    quantity: Decimal = Field(gt=0, description="SN102: units shipped")
    uom: str = Field("EA", description="SN103")
    ordered_quantity: Decimal | None = Field(None, description="SN105, when the guide asks for it")
    description: str | None = Field(None, description="PID05")


class Package(_Model):
    """A carton (``P``) or a tare (``T``, a pallet of cartons), labelled with its SSCC-18."""

    level: str = Field("P", pattern="^[PT]$", description="HL03: P carton, T tare (pallet)")
    sscc: str | None = Field(
        None, pattern=r"^\d{18}$", description="SSCC-18 on the label; allocated when the document is queued if null"
    )
    packaging_code: str | None = Field(None, description="PO4 / TD1 packaging, e.g. CTN25, PLT94")
    weight: Decimal | None = Field(None, description="gross weight, in weight_uom")
    weight_uom: str = "LB"
    items: list[ShippedItem] = Field(default_factory=list, description="what a carton holds")
    packages: list[Package] = Field(default_factory=list, description="the cartons on a tare")

    def all_items(self) -> list[ShippedItem]:
        found = list(self.items)
        for inner in self.packages:
            found += inner.all_items()
        return found

    def cartons(self) -> list[Package]:
        return [self] if self.level == "P" else [c for p in self.packages for c in p.cartons()]


class ShipmentOrder(_Model):
    """One purchase order in the shipment: PRF at the O level, with what of it ships."""

    po_number: str = Field(description="PRF01, echoed from BEG03")
    po_date: date | None = Field(None, description="PRF04")
    release_number: str | None = Field(None, description="PRF02")
    order_id: str | None = Field(None, description="orderhub's order, when the ERP knows it; else found by PO number")
    mark_for: Party | None = Field(None, description="N1*BY / N1*Z7 at the order level: the store")
    references: list[Qualified] = Field(default_factory=list, description="REF at the order level, e.g. IA vendor no")
    packages: list[Package] = Field(default_factory=list)
    items: list[ShippedItem] = Field(
        default_factory=list, description="items not packed in a package (the SOI structure, or loose units)"
    )

    def all_items(self) -> list[ShippedItem]:
        found = list(self.items)
        for package in self.packages:
            found += package.all_items()
        return found


class Shipment(_Model):
    """A ship notice: one truck (or parcel shipment) with the orders on it."""

    shipment_id: str = Field(min_length=2, max_length=30, description="BSN02: the shipper's shipment number")
    partner_id: str
    purpose: str = Field("00", description="BSN01: 00 original, 05 replace, 01 cancel")
    structure: ShipmentStructure | None = Field(
        None, description="the HL hierarchy; null: the partner profile's shipping.structure"
    )
    notice_date: date = Field(description="BSN03")
    notice_time: time = Field(description="BSN04")
    ship_date: date = Field(description="DTM*011 shipped")
    estimated_delivery: date | None = Field(None, description="DTM*017")
    packaging_code: str | None = Field(
        None, description="TD101: CTN25 cartons, PLT94 pallets; null: PLT94 when there are pallets, else CTN25"
    )
    lading_quantity: int | None = Field(
        None, description="TD102, in the units TD101 names; counted from the packages (pallets or cartons) when null"
    )
    gross_weight: Decimal | None = Field(None, description="TD107 (G), in weight_uom")
    weight_uom: str = "LB"
    carrier: Carrier | None = Field(None, description="TD5: SCAC in id with id_qualifier 2")
    equipment_number: str | None = Field(None, description="TD303 trailer number")
    bill_of_lading: str | None = Field(None, description="REF*BM")
    pro_number: str | None = Field(None, description="REF*CN carrier's reference (PRO)")
    references: list[Qualified] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list, description="other shipment-level DTMs")
    ship_from: Party | None = Field(None, description="N1*SF")
    ship_to: Party | None = Field(None, description="N1*ST")
    orders: list[ShipmentOrder] = Field(min_length=1)
    test: bool = False

    def all_packages(self) -> list[Package]:
        return [p for o in self.orders for p in o.packages]
