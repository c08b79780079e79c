"""What every capture parser (PDF, spreadsheet, e-mail body) hands the core, and how sure it must be.

A capture parser returns canonical :class:`schemas.order.Order` objects (``source.kind`` pdf, sheet or
email) inside a :class:`parsers.base.ParseResult` (``sets``, one :class:`parsers.base.SetResult` per order
found), and fills:

- the header fields it found: ``po_number`` ("" when none), ``po_date``, ``currency``, ``buyer`` (a Party whose
  ``name`` is the customer's name as printed), ``ship_to`` / ``bill_to`` (Party: name, address_lines, city,
  state, postal_code; identifiers only when a location code is printed), ``terms``, ``dates`` (``002`` the
  requested delivery date), ``stated_total`` (the goods' total before charges and tax), ``allowances_charges``
  (charges printed between the goods' total and the order's: freight, handling; each an SAC with its code when
  the caption names one), ``notes``;
- the lines: ``line_number`` (as printed, else the row number), the item code as printed in both
  ``buyer_part_number`` and ``vendor_part_number`` (the core decides whose code it is: ours if it is in the
  item master, else the customer's through the cross-reference), ``gtin``/``upc`` when printed as such,
  ``description``, ``quantity``, ``uom``, ``unit_price``, ``amount`` (the printed line amount);
- ``confidence``: for every field it filled, 0..1, under the names in :data:`FIELDS` (``lines`` for the
  table as a whole and ``lines[i]`` per line); a field it looked for and did not find is absent or 0. A
  reading that could be another value must say so here: a date like ``03/04/2026`` that is month-first or
  day-first only by assumption is below :data:`CONFIDENT`. The core gates the :data:`REQUIRED` fields, and
  also ``po_date`` and ``requested_date`` whenever they are filled (a filled date with no confidence is held)
  and every ``lines[i]`` that is present;
- ``hold_reasons`` for what only the parser can know (``NO_TEXT_LAYER``, ``TABLE_NOT_FOUND``, ...), and
  ``warnings``.

- ``source.sender``: the sender as delivered (a bare address or a whole ``From`` value); the core takes it only
  when it holds exactly one valid address. A parser never replaces it with something read from the content.

The core (``orderhub/capture.py``) then maps the sender to a customer (the printed buyer only when there is no
sender at all, and then held ``CUSTOMER_FROM_DOCUMENT``), resolves items and ship-to against the master data,
runs the business checks and decides: released only when every gated confidence is at least
:data:`CONFIDENT` and every check passes. The core's own codes besides the business validation's:
``CUSTOMER_FROM_DOCUMENT``, ``CURRENCY_MISMATCH``, ``AMBIGUOUS_ITEM``, ``PRICE_UNCHECKED``, ``UNKNOWN_SHIP_TO``
(also for a printed location code that the printed address contradicts) and ``DUPLICATE_PO``.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

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
    "charges",
    "lines",
)
REQUIRED = ("po_number", "ship_to", "lines")
CONFIDENT = 0.9  # Conexiom gates mandatory fields at 90%; a wrong order released is worse than a held one
SITE = "site"  # a ship-to Party's reference: a site's number printed beside its label ('Ship-To: 1000')

# extraction-level hold codes (the business checks add theirs: UNKNOWN_ITEM, PRICE_MISMATCH, ...)
NO_TEXT_LAYER = "NO_TEXT_LAYER"
TABLE_NOT_FOUND = "TABLE_NOT_FOUND"
MISSING_PO_NUMBER = "MISSING_PO_NUMBER"
LINE_AMOUNT_MISMATCH = "LINE_AMOUNT_MISMATCH"
LOW_CONFIDENCE = "LOW_CONFIDENCE"
UNKNOWN_SENDER = "UNKNOWN_SENDER"

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)
_US_POSTAL_LINE = re.compile(r"[A-Za-z][A-Za-z.'’ -]+,\s*([A-Z]{2})\s+\d{5}(?:-\d{4})?\b")


def names_us_address(text: str) -> bool:
    """Whether ``text`` prints a US postal line ('Columbus, OH 43215'): evidence that the document is American
    and writes its slashed dates month first."""
    return any(m[1] in US_STATES for m in _US_POSTAL_LINE.finditer(text))


MAX_SENDER_CHARS = 998  # RFC 5322's line limit; a longer From value is not one person's address
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
# every address-like token in the raw value; bounded, on at most MAX_SENDER_CHARS characters
_ADDRESS_LIKE = re.compile(r"[^\s<>()\[\]\",;:@]{1,64}@[^\s<>()\[\]\",;:@]{1,255}")


def valid_address(address: str) -> bool:
    """A plain ``local@domain.tld`` in ASCII: a dot-atom local part and a domain of at least two DNS labels.
    Quoted local parts, address literals and internationalised addresses are not taken (a person looks)."""
    if len(address) > 254 or address.count("@") != 1:
        return False
    local, domain = address.split("@")
    labels = domain.split(".")
    return (
        0 < len(local) <= 64
        and _LOCAL.fullmatch(local) is not None
        and len(labels) >= 2
        and all(_LABEL.fullmatch(label) for label in labels)
        and labels[-1].isalpha()
    )


def parse_sender(sender: str | None) -> tuple[str | None, str | None]:
    """(the one address of a sender value, lower case; or None and why not). ``None`` / blank → (None, None):
    there is no sender at all.

    The rule the core applies to ``source.sender``: exactly one syntactically valid address, read with
    :func:`email.utils.getaddresses`, in at most :data:`MAX_SENDER_CHARS` characters. A mail parser should hand
    the whole ``From`` value on as ``source.sender`` (never the first address ``parseaddr`` picks out of
    several), so that a ``From`` with two addresses is held, not attributed to one of them."""
    if sender is None or not sender.strip():
        return None, None
    if len(sender) > MAX_SENDER_CHARS:
        return None, f"the sender value is {len(sender)} characters long (at most {MAX_SENDER_CHARS} are read)"
    shown = sender if len(sender) <= 120 else sender[:117] + "..."
    # "'jo@x.example' <jo@x.example>" (a client quoting the address as the name) is one address, twice
    found = sorted({a.strip().strip("'").lower() for _, a in getaddresses([sender]) if a.strip().strip("'")})
    if len(found) != 1:
        what = "no address" if not found else f"{len(found)} addresses"
        return None, f"the sender {shown!r} holds {what}; exactly one is needed to know who sent the order"
    address = found[0]
    if not valid_address(address):
        return None, f"the sender {shown!r} does not hold a valid e-mail address ({address!r})"
    # getaddresses forgives a lot; every address-like token in the raw value must be that one address
    tokens = {t.strip("'`").lower() for t in _ADDRESS_LIKE.findall(sender)}
    if tokens != {address.lower()}:
        return None, f"the sender {shown!r} names more than one address"
    return address.lower(), None


def captured_set(order: Order, kind: str, index: int, position: str) -> SetResult:
    """The one 'set' a captured order travels in: ``kind`` PDF / SHEET / EMAIL, ``index`` its number in the
    document (from 1), ``position`` where it was found ("page 1", "attachment order.xlsx", "mail body")."""
    order.order_id = order_id_for(order.source.document_id, index)
    result = SetResult(
        set_id=kind, control_number=str(index), position=position, status=SetStatus.ACCEPTED, reason=None
    )
    result.keep_order(order)
    return result
