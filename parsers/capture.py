"""What every capture parser (PDF, spreadsheet, e-mail body) hands the core, and how sure it must be.

A capture parser returns canonical :class:`schemas.order.Order` objects (``source.kind`` pdf, sheet or
email) inside a :class:`parsers.base.ParseResult` (``sets``, one :class:`parsers.base.SetResult` per order
found), and fills:

- the header fields it found: ``po_number`` ("" when none), ``po_date``, ``currency``, ``buyer`` (a Party whose
  ``name`` is the customer's name as printed), ``ship_to`` / ``bill_to`` (Party: name, address_lines, city,
  state, postal_code; identifiers only when a location code is printed), ``terms``, ``dates`` (``002`` the
  requested delivery date), ``stated_total``, ``notes``;
- the lines: ``line_number`` (as printed, else the row number), the item code as printed in both
  ``buyer_part_number`` and ``vendor_part_number`` (the core decides whose code it is: ours if it is in the
  item master, else the customer's through the cross-reference), ``gtin``/``upc`` when printed as such,
  ``description``, ``quantity``, ``uom``, ``unit_price``, ``amount`` (the printed line amount);
- ``confidence``: for every field it filled, 0..1, under the names in :data:`FIELDS` (``lines`` for the
  table as a whole and ``lines[i]`` per line); a field it looked for and did not find is absent or 0;
- ``hold_reasons`` for what only the parser can know (``NO_TEXT_LAYER``, ``TABLE_NOT_FOUND``, ...), and
  ``warnings``.

The core (``orderhub/capture.py``) then maps the sender or the printed buyer to a customer, resolves items
and ship-to against the master data, runs the business checks and decides: released only when every
:data:`REQUIRED` field is at least :data:`CONFIDENT` and every check passes.
"""

from __future__ import annotations

from parsers.base import SetResult
from parsers.x12.parser import order_id_for
from schemas.order import Order
from schemas.status import SetStatus

FIELDS = (
    "po_number",
    "po_date",
    "currency",
    "buyer",
    "ship_to",
    "bill_to",
    "terms",
    "requested_date",
    "stated_total",
    "lines",
)
REQUIRED = ("po_number", "ship_to", "lines")
CONFIDENT = 0.9  # Conexiom gates mandatory fields at 90%; a wrong order released is worse than a held one

# extraction-level hold codes (the business checks add theirs: UNKNOWN_ITEM, PRICE_MISMATCH, ...)
NO_TEXT_LAYER = "NO_TEXT_LAYER"
TABLE_NOT_FOUND = "TABLE_NOT_FOUND"
MISSING_PO_NUMBER = "MISSING_PO_NUMBER"
LINE_AMOUNT_MISMATCH = "LINE_AMOUNT_MISMATCH"
LOW_CONFIDENCE = "LOW_CONFIDENCE"
UNKNOWN_SENDER = "UNKNOWN_SENDER"


def captured_set(order: Order, kind: str, index: int, position: str) -> SetResult:
    """The one 'set' a captured order travels in: ``kind`` PDF / SHEET / EMAIL, ``index`` its number in the
    document (from 1), ``position`` where it was found ("page 1", "attachment order.xlsx", "mail body")."""
    order.order_id = order_id_for(order.source.document_id, index)
    result = SetResult(
        set_id=kind, control_number=str(index), position=position, status=SetStatus.ACCEPTED, reason=None
    )
    result.keep_order(order)
    return result
