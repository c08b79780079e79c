"""856 ship notice from a canonical :class:`schemas.shipment.Shipment`, in the partner's HL structure.

Header: BSN (BSN05 names the hierarchy), DTM 011 shipped / 017 estimated delivery. Then one HL tree:

- **S** (shipment): TD1 (packaging, lading quantity, gross weight), TD5 (carrier SCAC), TD3 (trailer),
  REF BM (bill of lading) / CN (PRO), N1 SF and ST loops;
- **O** (order): PRF (PO number echoed), REF, N1 of the store it is marked for;
- **T** (tare) and **P** (pack): MAN GM with the SSCC-18 (prefixed by application identifier 00 unless
  the partner's guide wants the bare 18 digits), PO4 packaging when known;
- **I** (item): LIN (PO101 echoed in LIN01, product pairs), SN1 (quantity, unit, quantity ordered), PID.

Pick and pack (S-O-P-I, S-O-T-P-I) nests items under their carton; standard carton (S-O-I-P, S-O-I-T)
nests the cartons under their item: the item's SN1 is its total in the order, PO4 the units per
package when every package holds the same (and PO401's six digits can say it), else each package's own
SN1. CTT01 counts the HL segments. ``structure_problems`` says why a shipment cannot be written in a structure.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from mappers.profile import PartnerProfile
from outbound.envelope import ControlNumbers, Rendered, Segments, render_interchange
from outbound.x12parts import hm, id_pairs, num, party_loop, ymd
from schemas.shipment import Package, Shipment, ShipmentOrder, ShipmentStructure, ShippedItem


def structure_problems(shipment: Shipment, s: ShipmentStructure) -> list[str]:
    """Why the shipment's packages do not fit structure ``s`` (empty when they do)."""
    problems: list[str] = []
    for order in shipment.orders:
        where = f"PO {order.po_number}"
        if not order.all_items():
            problems.append(f"{where}: nothing shipped")
        if s is ShipmentStructure.PLAIN:
            if order.packages:
                problems.append(f"{where}: the S-O-I structure has no packages; list the items on the order")
            continue
        if order.items:
            problems.append(f"{where}: items outside any package; the {s.value} structure packs every item")
        for package in order.packages:
            problems += [f"{where}: {p}" for p in _package_problems(package, s)]
    return problems


def _package_problems(package: Package, s: ShipmentStructure) -> list[str]:
    label = f"package {package.sscc or '(no SSCC yet)'}"
    if s is ShipmentStructure.PICK_PACK_TARE:
        if package.level != "T" or package.items or not package.packages:
            return [f"{label}: S-O-T-P-I needs pallets (level T) holding cartons"]
        return [p for c in package.packages for p in _package_problems(c, ShipmentStructure.PICK_PACK)]
    wanted = "T" if s is ShipmentStructure.STANDARD_TARE else "P"
    if package.level != wanted or package.packages:
        return [f"{label}: {s.value} needs level {wanted} packages holding items"]
    if not package.items:
        return [f"{label}: empty"]
    if s in (ShipmentStructure.STANDARD_CARTON, ShipmentStructure.STANDARD_TARE):
        lines = {(i.line_number, tuple((x.qualifier, x.value) for x in i.identifiers)) for i in package.items}
        if len(package.items) != 1 or len(lines) != 1:
            return [f"{label}: a standard-pack package holds one item; mixed packages need S-O-P-I"]
    return []


class _Tree:
    """Numbers HL segments as they are written: HL01 counts up, HL02 is the parent's HL01."""

    def __init__(self) -> None:
        self.body: Segments = []
        self.count = 0

    def level(self, parent: int | None, code: str, has_children: bool) -> int:
        self.count += 1
        self.body.append(["HL", str(self.count), str(parent) if parent else "", code, "1" if has_children else "0"])
        return self.count


def _sscc(package: Package, with_ai: bool) -> str:
    if package.sscc is None:
        raise ValueError("a package without an SSCC reached the 856 renderer; allocate SSCCs first")
    return ("00" if with_ai else "") + package.sscc


def _item_segments(
    item: ShippedItem, quantity: Decimal | None = None, units_per_pack: Decimal | None = None
) -> Segments:
    segments: Segments = [["LIN", item.line_number or "", *id_pairs(item.identifiers, 15)]]
    ordered = num(item.ordered_quantity)
    sn1 = ["SN1", "", num(quantity if quantity is not None else item.quantity), item.uom]
    if ordered:
        sn1 += ["", ordered, item.uom]
    segments.append(sn1)
    if units_per_pack is not None:
        segments.append(["PO4", num(units_per_pack)])
    if item.description:
        segments.append(["PID", "F", "", "", "", item.description])
    return segments


def _package_segments(package: Package, with_ai: bool) -> Segments:
    segments: Segments = []
    if package.packaging_code or package.weight is not None:
        po4 = ["PO4", "", "", "", package.packaging_code or ""]
        if package.weight is not None:
            po4 += ["G", num(package.weight), package.weight_uom]
        segments.append(po4)
    segments.append(["MAN", "GM", _sscc(package, with_ai)])
    return segments


def _key(item: ShippedItem) -> tuple[str | None, tuple[tuple[str, str], ...], str]:
    return item.line_number, tuple((i.qualifier, i.value) for i in item.identifiers), item.uom


def _by_item(order: ShipmentOrder) -> Iterator[tuple[ShippedItem, list[tuple[Package, Decimal]]]]:
    """Standard pack: each distinct item with the packages that hold it, in first-seen order."""
    groups: dict[tuple[str | None, tuple[tuple[str, str], ...], str], tuple[ShippedItem, list[tuple[Package, Decimal]]]]
    groups = {}
    for package in order.packages:
        item = package.items[0]
        groups.setdefault(_key(item), (item, []))[1].append((package, item.quantity))
    yield from groups.values()


def shipment_segments(
    shipment: Shipment, structure: ShipmentStructure | None = None, *, sscc_with_ai: bool = True
) -> Segments:
    """The 856 body in ``structure`` (the shipment's own when it names one, else the one given)."""
    s = shipment.structure or structure
    if s is None:
        raise ValueError("no HL structure: neither the shipment nor the partner's profile names one")
    problems = structure_problems(shipment, s)
    if problems:
        raise ValueError("; ".join(problems))
    tree = _Tree()
    body = tree.body
    body.append(
        [
            "BSN",
            shipment.purpose,
            shipment.shipment_id,
            ymd(shipment.notice_date),
            hm(shipment.notice_time),
            s.hierarchy_code,
        ]
    )
    body.append(["DTM", "011", ymd(shipment.ship_date)])
    if shipment.estimated_delivery:
        body.append(["DTM", "017", ymd(shipment.estimated_delivery)])
    for when in shipment.dates:
        body.append(["DTM", when.qualifier, ymd(when.value), when.time or ""])

    top = tree.level(None, "S", True)
    td1 = _td1(shipment)
    if td1:
        body.append(td1)
    if shipment.carrier:
        c = shipment.carrier
        td5 = [
            "TD5",
            c.routing_sequence or "",
            c.id_qualifier or "",
            c.id or "",
            c.transport_method or "",
            c.routing or "",
        ]
        if c.service_level:
            td5 += ["", "", "", "", "", "", c.service_level]
        body.append(td5)
    if shipment.equipment_number:
        body.append(["TD3", "TL", "", shipment.equipment_number])
    if shipment.bill_of_lading:
        body.append(["REF", "BM", shipment.bill_of_lading])
    if shipment.pro_number:
        body.append(["REF", "CN", shipment.pro_number])
    for ref in shipment.references:
        body.append(["REF", ref.qualifier, ref.value, ref.description or ""])
    if shipment.ship_from:
        body += party_loop(shipment.ship_from, "SF")
    if shipment.ship_to:
        body += party_loop(shipment.ship_to, "ST")

    for order in shipment.orders:
        o = tree.level(top, "O", True)
        body.append(["PRF", order.po_number, order.release_number or "", "", ymd(order.po_date)])
        for ref in order.references:
            body.append(["REF", ref.qualifier, ref.value, ref.description or ""])
        if order.mark_for:
            body += party_loop(order.mark_for)
        if s is ShipmentStructure.PLAIN:
            for item in order.items:
                tree.level(o, "I", False)
                body += _item_segments(item)
        elif s in (ShipmentStructure.PICK_PACK, ShipmentStructure.PICK_PACK_TARE):
            for package in order.packages:
                _pick_pack(tree, o, package, sscc_with_ai)
        else:
            for item, packages in _by_item(order):
                i = tree.level(o, "I", True)
                total = sum((q for _p, q in packages), Decimal(0))
                # PO401 (R 1/6) says the units per pack only when they fit it; else each package has its SN1
                uniform = len({q for _p, q in packages}) == 1 and len(num(packages[0][1]).replace(".", "")) <= 6
                body += _item_segments(item, total, packages[0][1] if uniform else None)
                for package, quantity in packages:
                    tree.level(i, package.level, False)
                    if not uniform:  # SN1 precedes PO4 and MAN in the HL loop
                        body.append(["SN1", "", num(quantity), item.uom])
                    body += _package_segments(package, sscc_with_ai)
    body.append(["CTT", str(tree.count)])
    return body


def _td1(shipment: Shipment) -> list[str] | None:
    """TD101/TD102: the lading quantity counts the units TD101 names (X12: "number of units of the lading
    commodity"): pallets for PLT, cartons for CTN. Without packages nothing can be counted, so TD101/TD102
    are written only when the ERP gives both."""
    pallets = [p for p in shipment.all_packages() if p.level == "T"]
    cartons = [c for p in shipment.all_packages() for c in p.cartons()]
    code, quantity = shipment.packaging_code, shipment.lading_quantity
    if code is None and (pallets or cartons):
        code = "PLT94" if pallets else "CTN25"
    if code is not None and quantity is None:
        if code.startswith("PLT") and pallets:
            quantity = len(pallets)
        elif code.startswith("CTN") and cartons:
            quantity = len(cartons)
        else:
            raise ValueError(f"TD102: give lading_quantity; {code} units cannot be counted from the packages")
    td1 = ["TD1", code or "", str(quantity) if code else ""]
    if shipment.gross_weight is not None:
        td1 += ["", "", "", "G", num(shipment.gross_weight), shipment.weight_uom]
    return td1 if len(td1) > 3 or code else None


def _pick_pack(tree: _Tree, parent: int, package: Package, with_ai: bool) -> None:
    here = tree.level(parent, package.level, True)
    tree.body.extend(_package_segments(package, with_ai))
    for inner in package.packages:
        _pick_pack(tree, here, inner, with_ai)
    for item in package.items:
        tree.level(here, "I", False)
        tree.body.extend(_item_segments(item))


def render_856(shipment: Shipment, profile: PartnerProfile, numbers: ControlNumbers, now: datetime) -> Rendered:
    shipping = profile.shipping
    body = shipment_segments(shipment, shipping.structure, sscc_with_ai=shipping.sscc_with_ai)
    return render_interchange(profile, numbers, "SH", [("856", body)], now=now, test=shipment.test, plain_values=True)
