"""The touchless decision for captured orders (PDF, spreadsheet, e-mail): who sent it, what it names in our
master data, whether every check passes, and whether the parser was sure enough. Release only then: a wrong
order must never be released without a person; a held one costs a reviewer a minute.

Steps, each adding a :class:`schemas.HoldReason` when it fails:

1. **Customer** from the sender (``source.sender``: a bare address or a whole ``From`` value). The value must
   hold exactly one syntactically valid address (read with :func:`email.utils.getaddresses`, at most
   :data:`parsers.capture.MAX_SENDER_CHARS` characters), else ``UNKNOWN_SENDER``; that address is mapped through
   ``senders.csv`` (a full address first, else ``@domain``), else ``UNKNOWN_SENDER`` — never guessed from the
   content. Only a document that came with **no sender at all** (a file dropped in a folder) is matched to a
   customer by the buyer's name printed on it, and then it is still held (``CUSTOMER_FROM_DOCUMENT``): anyone
   can print any name.
2. **Currency**: a document that states none is in the customer's currency; one that states another
   currency than the customer's (``customers.csv``) is held (``CURRENCY_MISMATCH``).
3. **Items**: the printed code is ours when the item master has it, else the customer's, through the
   cross-reference (``xref.csv``, and what reviewers map). A code that is both our SKU and the customer's
   number for another of our items, or an "our item" column that disagrees with the customer's number beside
   it, is ``AMBIGUOUS_ITEM``. A printed carton (:data:`CARTON`) is the item's case, or its box on a priced
   line (the price check then tells one box from a carton of ten); a line that names no unit is in the item's
   unit.
4. **Ship-to**: the printed name must *equal* one of the customer's location names (case, accents, spaces and
   punctuation aside) and, when a postal code or city is printed, those must be the location's too. A printed
   location code is taken when it is one of the customer's locations and the printed name / postal code do
   not contradict it (they do: ``UNKNOWN_SHIP_TO``). Mails: a whole location name without postal code, or a
   city alone when the customer has exactly one location there. None, or several → ``UNKNOWN_SHIP_TO``.
5. **Checks**: no PO number (``MISSING_PO_NUMBER``), a printed line amount that is not quantity × price
   (``LINE_AMOUNT_MISMATCH``), the business validation every order gets (items, prices within tolerance, totals,
   ship-to), a line whose item has no price for the customer (``PRICE_UNCHECKED``: neither the printed price
   nor the one the ERP will use can be checked), and the PO number already received from that customer
   (``DUPLICATE_PO``; compared as :func:`po_key`, under a lock on that key).
6. **Confidence**: each required field (:data:`parsers.capture.REQUIRED`), each date the parser filled (``po_date``,
   ``requested_date``: "03/04/2026" may be either day first or month first), the charges it read (``charges``: freight
   between the goods' total and the order's, sure only when the printed total confirms it) and each line (``lines[i]``)
   at least :data:`parsers.capture.CONFIDENT`, else ``LOW_CONFIDENCE`` naming the field. One confirmation comes from our
   own books: a PO number read under a word that names no PO by itself ('Number', a title; the parser's :data:`WEAK_PO`
   band) is taken when it has the form of every one of the customer's last released orders (at least
   :data:`PO_FORM_SEEN` of them): digits for digits, the rest and their series as printed ('45-2301' after 45-2210,
   45-2188, 45-2179). The order says so in its warnings.

What the hub cannot know (and so does not pretend to):

- The ``From`` header is not authenticated: anyone can write any address into it. A ``@domain`` entry in
  ``senders.csv`` trusts everyone who can put that domain in a ``From`` header. The hub does not read
  ``Authentication-Results`` / DMARC / DKIM verdicts (left to do: have the mail connector record the receiving
  server's verdict and hold mail that fails it); until then the protection is the mail server's own filtering
  plus every other check here (items, prices, ship-to, duplicates).
- A folder or SFTP drop carries no sender at all; its customer is only ever a suggestion for a reviewer.
- Prices: ``prices.csv`` states no currency. An order is held when its currency is not the customer's, but
  a customer buying in EUR who orders an item that has only a ``*`` (list) row is checked against that row as
  if it were in EUR (left to do: a currency per price row, or a home-currency setting, and then
  ``PRICE_UNCHECKED`` for a list row in another currency).
"""

from __future__ import annotations

import re
from decimal import Decimal

from sqlmodel import Session, col, select

from orderhub.names import normal_name, ship_to_alias_key
from orderhub.orders import release_of, same_release
from orderhub.store.models import Customer, CustomerSender, OrderRecord, ShipToAlias, ShipToLocation
from orderhub.store.repo import MasterData, lock_key, record_new
from orderhub.validation import resolve_item, validate_order
from parsers.capture import (
    CONFIDENT,
    LINE_AMOUNT_MISMATCH,
    LOW_CONFIDENCE,
    MAX_SENDER_CHARS,
    MISSING_PO_NUMBER,
    NO_TEXT_LAYER,
    REQUIRED,
    SITE,
    UNKNOWN_SENDER,
    parse_sender,
    valid_address,
)
from schemas.order import HoldReason, Identifier, Order, Party
from schemas.status import OrderStatus

CENT = Decimal("0.01")
PRICE_TOLERANCE_PERCENT = 1.0
CARTON = "CT"  # what the readers make of 'Karton', 'carton', 'CTN' (UN/ECE Rec 20 and X12 355: carton)
PACKAGED = ("BX", "CS")  # the units a carton can be: the item's case, or its box on a priced line
LIVE = (OrderStatus.HELD.value, OrderStatus.RELEASED.value, OrderStatus.BOOKED.value)

# the core's own hold codes for captured orders (the parsers' are in parsers.capture)
# the sender rules live in parsers; normal_name in orderhub.names
__all__ = ["MAX_SENDER_CHARS", "normal_name", "parse_sender", "sender_address", "valid_address"]

CUSTOMER_FROM_DOCUMENT = "CUSTOMER_FROM_DOCUMENT"
CURRENCY_MISMATCH = "CURRENCY_MISMATCH"
AMBIGUOUS_ITEM = "AMBIGUOUS_ITEM"
PRICE_UNCHECKED = "PRICE_UNCHECKED"
UNKNOWN_SHIP_TO = "UNKNOWN_SHIP_TO"
DUPLICATE_PO = "DUPLICATE_PO"

_LINE_FIELD = re.compile(r"lines\[\d+\]")
WEAK_PO = 0.8  # a PO number at or above this (but below CONFIDENT) was read under a weak label, not guessed
PO_FORM_SEEN = 3  # released orders of the customer whose PO numbers must all share the new one's form
PO_FORM_LOOKBACK = 20  # how many of the customer's latest released orders are compared
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "USD$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}


def sender_address(sender: str | None) -> str | None:
    """The one bare address in a From value ('"Jo Buyer" <jo@acme.example>' → 'jo@acme.example'), lower
    case; None when there is none, several, or it is not a valid address."""
    return parse_sender(sender)[0]


def customer_for_sender(session: Session, address: str) -> str | None:
    exact = session.get(CustomerSender, address)
    if exact is not None:
        return exact.customer_id
    domain = session.get(CustomerSender, "@" + address.rsplit("@", 1)[-1])
    return domain.customer_id if domain is not None else None


def customer_by_name(session: Session, name: str | None) -> str | None:
    if not name:
        return None
    wanted = " ".join(name.split()).casefold()
    matches = [c.customer_id for c in session.exec(select(Customer)) if " ".join(c.name.split()).casefold() == wanted]
    return matches[0] if len(matches) == 1 else None


def _same_postal(printed: str, master: str) -> bool:
    a = re.sub(r"[\s-]", "", printed).upper()
    b = re.sub(r"[\s-]", "", master).upper()
    return a == b or (len(b) == 5 and b.isdigit() and len(a) == 9 and a.isdigit() and a.startswith(b))  # ZIP+4


def match_ship_to(session: Session, customer_id: str, party: Party) -> tuple[str | None, str | None]:
    """(the customer's location a printed ship-to block means, or None; why it is held, or None).

    Without a printed location code the printed name must equal one location's name, and the printed postal
    code and city (when printed) must be that location's. A printed code must be one of the customer's
    locations (else validation holds it) and must not contradict the printed name / postal code. A mail's
    "our Dayton store" (a city, no name, no postal code) is the customer's one location in that city. A block a
    reviewer mapped (:class:`ShipToAlias`, keyed by :func:`orderhub.names.ship_to_alias_key`) is that location."""
    key = ship_to_alias_key(party)
    if key:  # a reviewer mapped this very block before: that mapping wins over every guess below
        alias = session.exec(
            select(ShipToAlias).where(ShipToAlias.customer_id == customer_id, ShipToAlias.alias == key)
        ).first()
        if alias is not None:
            return alias.location_id, None
    locations = list(session.exec(select(ShipToLocation).where(ShipToLocation.customer_id == customer_id)))
    name = normal_name(party.name)
    postal = (party.postal_code or "").strip()
    city = normal_name(party.city)

    def name_fits(loc: ShipToLocation) -> bool:
        return bool(name) and normal_name(loc.name) == name

    def postal_fits(loc: ShipToLocation) -> bool:
        return not postal or not loc.postal_code or _same_postal(postal, loc.postal_code)

    def city_fits(loc: ShipToLocation) -> bool:
        return not city or not loc.city or normal_name(loc.city) == city

    printed = [i.value.strip() for i in party.identifiers if i.value.strip()]
    if printed:
        by_code = {loc.location_id: loc for loc in locations if loc.location_id in printed}
        if not by_code:
            return None, None  # not one of the customer's codes: validation holds it, naming the code
        if len(by_code) > 1:
            return None, f"the ship-to block names several locations ({', '.join(sorted(by_code))})"
        loc = next(iter(by_code.values()))
        conflicts = []
        if name and not name_fits(loc):
            conflicts.append(f"the name {party.name!r}")
        if not postal_fits(loc):
            conflicts.append(f"the postal code {postal}")
        if not city_fits(loc):
            conflicts.append(f"the city {party.city!r}")
        if conflicts:
            return None, (
                f"the printed location code {loc.location_id} is {loc.name} ({loc.postal_code or 'no postal code'}),"
                f" but {' and '.join(conflicts)} printed beside it say otherwise; confirm where it ships"
            )
        return loc.location_id, None
    if name:
        fits = [loc for loc in locations if name_fits(loc) and postal_fits(loc) and city_fits(loc)]
        under = normal_name(party.address_lines[0]) if party.address_lines else ""
        customer = session.get(Customer, customer_id)
        own = customer is not None and name == normal_name(customer.name)
        if not fits and under and (own or _same_site(name, under)):
            # the customer's own name over 'Hansa Lager Bremen', or the site's kind over its name ('Entrepôt Lyon
            # Part-Dieu' over 'Lumière Lyon Part-Dieu'): the line under it names the location. A forwarder, a
            # job site or another location over it ('Spedition Meyer GmbH') is somewhere else: held
            name = under
            fits = [loc for loc in locations if name_fits(loc) and postal_fits(loc) and city_fits(loc)]
    elif city and not postal:  # "our Dayton store": the customer's one location in that city
        fits = [loc for loc in locations if loc.city and normal_name(loc.city) == city]
    else:
        fits = []
    if len(fits) > 1:
        return None, (
            f"ship-to {party.name or party.city!r} fits several of customer {customer_id}'s locations "
            f"({', '.join(loc.location_id for loc in fits)})"
        )
    return (fits[0].location_id, None) if fits else (None, None)


def _same_site(printed: str, name: str) -> bool:
    """Whether two names differ only in their first word ('entrepôt lyon part-dieu' and 'lumière lyon part-dieu',
    'magasin grenoble' and 'lumière grenoble'): the same site, called by its kind instead of the customer's brand."""
    first, second = printed.split(), name.split()
    return len(first) >= 2 and len(second) >= 2 and first[1:] == second[1:]


def _site_conflict(session: Session, customer_id: str, party: Party, location: str | None) -> str | None:
    """A site's number printed beside the ship-to label ('Ship-To: 102') that is one of the customer's location
    codes but not the location the address under it names: which one is meant is for a person. A number that is
    none of the customer's codes is its own site numbering, and says nothing."""
    for site in (r.value.strip() for r in party.references if r.qualifier == SITE):
        named = (
            session.exec(
                select(ShipToLocation).where(
                    ShipToLocation.customer_id == customer_id, ShipToLocation.location_id == site
                )
            ).first()
            if site
            else None
        )
        if named is not None and named.location_id != location:
            return (
                f"the site number {site} printed beside the ship-to is {named.name}, but the address under it "
                f"is {location or 'none of its locations'}; confirm where it ships"
            )
    return None


def currency_code(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    value = text.strip().upper()
    return _CURRENCY_SIGNS.get(value, value)


def po_key(po_number: str) -> str:
    """A PO number as compared for duplicates: "PO# 45-1177", "po 451177" and "45 1177" are one key."""
    key = re.sub(r"[\s\-‐‑‒–—_]+", "", po_number.casefold())
    stripped = re.sub(r"^(?:p\.?o\.?|#|:|\.)+", "", key)
    return stripped or key


def _earlier_po(session: Session, customer_id: str, key: str, release: str | None = None) -> OrderRecord | None:
    """A live order of this customer whose PO number has the same :func:`po_key` and no other release number:
    each release of a blanket order is an order of its own, but an order that names no release may be any of
    them (a release number is not read from every print, nor from a sheet or a mail)."""
    query = select(OrderRecord).where(OrderRecord.customer_id == customer_id, col(OrderRecord.status).in_(LIVE))
    if key.isascii():  # narrow in the database: the key's characters in order (LIKE is a superset of equality)
        escaped = [("\\" + c) if c in "%_\\" else c for c in key]
        query = query.where(col(OrderRecord.po_number).ilike("%" + "%".join(escaped) + "%", escape="\\"))
    for row in session.exec(query.order_by(col(OrderRecord.order_id))):
        if po_key(row.po_number or "") == key and same_release(release_of(row), release):
            return row
    return None


def po_form(po_number: str) -> str:
    """A PO number's form: each digit a 9, everything else as printed, case aside ('GR-27104' → 'GR-99999')."""
    return re.sub(r"\d", "9", po_number.strip().upper())


def _running(po_number: str) -> str:
    """The running number at the end of a PO number ('CMD-2026-1104' → '1104')."""
    found = re.search(r"\d+$", po_number.strip())
    return found[0] if found else ""


def _series(po_number: str) -> str:
    """A PO number's form with its running number of any length ('CMD-2026-998' and 'CMD-2026-1104' share one)."""
    form = po_form(po_number)
    return form[: len(form) - len(_running(po_number))] + "#"


def _common_start(values: list[str]) -> str:
    first, last = min(values), max(values)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _prefix(start: str) -> str:
    """The part of the customer's PO numbers' common beginning that names the series: through its last letter
    or sign ('GR-261' of GR-26104 and GR-26117 → 'GR-': the running number may go on to GR-27201)."""
    cut = max((i + 1 for i, c in enumerate(start) if not c.isdigit()), default=0)
    return start[:cut]


def po_form_confirmed(session: Session, customer_id: str, po_number: str) -> str | None:
    """Why ``po_number`` has the form of this customer's PO numbers (every one of its latest released or booked
    orders, at least :data:`PO_FORM_SEEN`, has that form — its running number may have grown by a digit — and
    the new number begins with their series: :func:`_prefix`), or None. A form of digits alone confirms
    nothing: a review found a vendor account ('Number 100234') of the same length and first digits as a
    customer's running numbers. Held orders do not count: their numbers are what a person has not confirmed."""
    query = (
        select(OrderRecord.po_number)
        .where(OrderRecord.customer_id == customer_id)
        .where(col(OrderRecord.status).in_((OrderStatus.RELEASED.value, OrderStatus.BOOKED.value)))
        .order_by(col(OrderRecord.created_at).desc())
        .limit(PO_FORM_LOOKBACK)
    )
    form = po_form(po_number)
    if set(form) <= {"9"}:
        return None  # digits alone: a vendor account ('Number 100234') can share a running number's form
    earlier = [p.strip().upper() for p in session.exec(query) if p and p.strip()]
    if len(earlier) < PO_FORM_SEEN or any(_series(p) != _series(po_number) for p in earlier):
        return None
    longest = max(len(_running(p)) for p in earlier)
    top = max(int(_running(p) or 0) for p in earlier if len(_running(p)) == longest)
    size = len(_running(po_number))
    if size < longest or size > longest + (top >= 9 * 10 ** (longest - 1)):
        return None  # the running number grows by a digit only after its 9s (CMD-2026-998, then CMD-2026-1001)
    start = _prefix(_common_start(earlier))
    if not po_number.strip().upper().startswith(start):
        return None
    return (
        f"the PO number {po_number} was printed under a word that names no PO by itself; it has the form {form}"
        + (f", beginning {start!r}," if start else "")
        + f" of customer {customer_id}'s last {len(earlier)} released orders"
    )


def decide_captured(session: Session, order: Order, master: MasterData | None = None) -> Order:
    """Resolve ``order`` against the master data and set its ``hold_reasons`` (kept from the parser, plus every
    failed step); the sender is ``order.source.sender``. Returns the order, changed in place."""
    master = master or MasterData(session)
    reasons = list(order.hold_reasons)

    def hold(code: str, message: str, field: str | None = None) -> None:
        reasons.append(HoldReason(code=code, message=message, field=field))

    # 1. who sent it
    address, problem = parse_sender(order.source.sender)
    no_sender = address is None and problem is None
    customer_id = customer_for_sender(session, address) if address else None
    if problem is not None:
        hold(UNKNOWN_SENDER, f"{problem}; held until a person confirms the customer", "customer_id")
    elif address and customer_id is None:
        hold(
            UNKNOWN_SENDER,
            f"{address} is not a known sender of any customer (senders.csv); map it before releasing",
            "customer_id",
        )
    elif no_sender:
        printed = order.buyer.name if order.buyer else None
        customer_id = customer_by_name(session, printed)
        if customer_id is not None:
            hold(
                CUSTOMER_FROM_DOCUMENT,
                f"the document came without a sender: customer {customer_id} was taken from the printed buyer name "
                f"{printed!r}, which anyone can print; confirm",
                "customer_id",
            )
    order.customer_id = customer_id
    customer = master.customer(customer_id) if customer_id else None

    # 2. currency
    if order.currency is None and customer is not None:  # a document that states none is in the customer's
        order.currency = customer.currency
    stated, own = currency_code(order.currency), currency_code(customer.currency if customer else None)
    if customer is not None and stated and own and stated != own:
        hold(
            CURRENCY_MISMATCH,
            f"the document is in {order.currency}, but customer {customer.customer_id} buys in {customer.currency}",
            "currency",
        )

    # 3. items: ours, or the customer's through the cross-reference; never both at once
    for index, line in enumerate(order.lines):
        label = f"line {line.line_number or index + 1}"
        theirs, ours = line.buyer_part_number, line.vendor_part_number
        mapped = master.xref(customer_id, theirs) if customer_id and theirs else None
        if line.sku is None and theirs and mapped and not master.item(theirs):
            line.sku = mapped
        elif line.sku is None and theirs and not mapped and ours in (None, theirs) and master.item(theirs):
            line.sku = theirs  # 'Our item' printing our own code (Mago4): the customer keeps no number of its own
        if theirs and mapped and mapped != theirs and master.item(theirs):
            hold(
                AMBIGUOUS_ITEM,
                f"{label}: {theirs} is our item {theirs}, but also customer {customer_id}'s number for our {mapped} "
                "(xref.csv); confirm which item is meant",
                f"lines[{index}].sku",
            )
        elif ours and theirs and ours != theirs and mapped and mapped != ours and master.item(ours):
            hold(
                AMBIGUOUS_ITEM,
                f"{label}: our item column says {ours}, but the customer's number {theirs} beside it is our "
                f"{mapped} (xref.csv); confirm which item is meant",
                f"lines[{index}].sku",
            )
        if line.uom is None:  # a line that names no unit is in the item's own unit
            sku = line.sku or resolve_item(line, master)
            item = master.item(sku) if sku else None
            line.uom = item.uom if item is not None else None
        elif line.uom == CARTON:
            # 'Karton', 'carton', 'CTN': the package the item ships in. An item sold by the case is sold by the
            # carton (the evaluation set's rule from the start). One sold by the box is, when the line is priced:
            # the price check against the customer's list then tells one box from a carton of ten (review 17:
            # unpriced, nothing could). Otherwise, and for an item sold singly, validation holds the line
            sku = line.sku or resolve_item(line, master)
            item = master.item(sku) if sku else None
            if item is not None and item.uom in PACKAGED and (item.uom == "CS" or line.unit_price is not None):
                line.uom = item.uom
                order.warnings.append(f"{label}: a printed carton read as {item.sku}'s unit, {item.uom}")

    # 4. ship-to
    if order.ship_to is not None and customer_id:
        location, problem = match_ship_to(session, customer_id, order.ship_to)
        problem = problem or _site_conflict(session, customer_id, order.ship_to, location)
        if problem is not None:
            hold(UNKNOWN_SHIP_TO, problem, "ship_to")
        elif location is not None and not order.ship_to.identifiers:
            order.ship_to.identifiers.append(Identifier(qualifier="92", value=location))

    # 5. checks
    if not order.po_number.strip():
        hold(MISSING_PO_NUMBER, "no PO number was found on the document", "po_number")
    for index, line in enumerate(order.lines):
        if line.amount is not None and line.quantity is not None and line.unit_price is not None:
            computed = line.quantity * line.unit_price
            if abs(computed - line.amount) > CENT:
                hold(
                    LINE_AMOUNT_MISMATCH,
                    f"line {line.line_number or index + 1}: {line.quantity} × {line.unit_price} = "
                    f"{computed.quantize(CENT)}, but the document says {line.amount}",
                    f"lines[{index}].amount",
                )
    if any(r.code == NO_TEXT_LAYER for r in reasons):
        pass  # nothing was read: the checks would only repeat that
    elif customer_id is not None or no_sender:
        reasons += [r for r in validate_order(order, master, PRICE_TOLERANCE_PERCENT) if r.code != "UNKNOWN_CUSTOMER"]
        if customer_id is None:
            hold(
                UNKNOWN_SENDER,
                "the document came without a sender, and the buyer printed on it is not one of our customers",
                "customer_id",
            )
        else:
            for index, line in enumerate(order.lines):
                listed = master.price(customer_id, line.sku) if line.sku else None
                if line.sku and not listed:
                    hold(
                        PRICE_UNCHECKED,
                        f"line {line.line_number or index + 1}: {line.sku} has no price for customer {customer_id} "
                        "(prices.csv), so the price cannot be checked",
                        f"lines[{index}].unit_price",
                    )
    else:  # unknown sender: held for that alone, but a reviewer still sees our item numbers resolved
        for line in order.lines:
            line.sku = resolve_item(line, master)
    if customer_id and order.po_number.strip():
        key = po_key(order.po_number)
        lock_key(session, f"po:customer:{customer_id}:{key}")  # one worker per customer's PO at a time
        earlier = _earlier_po(session, customer_id, key, order.release_number)
        if earlier is not None and earlier.order_id != order.order_id:
            hold(
                DUPLICATE_PO,
                f"customer {customer_id} already sent PO {earlier.po_number} (order {earlier.order_id})",
                "po_number",
            )

    # 6. confidence
    gated = [*REQUIRED]
    if order.po_date is not None:
        gated.append("po_date")
    if order.dates:
        gated.append("requested_date")
    # a captured order's charges (EDI's are read, not guessed), or a captured total the goods and tax do not make
    if order.confidence and (order.allowances_charges or "charges" in order.confidence):
        gated.append("charges")
    gated += sorted((k for k in order.confidence if _LINE_FIELD.fullmatch(k)), key=lambda k: int(k[6:-1]))
    for field in gated:
        score = order.confidence.get(field, 0.0)
        if field == "po_number" and customer_id and WEAK_PO <= score < CONFIDENT:
            confirmed = po_form_confirmed(session, customer_id, order.po_number)
            if confirmed is not None:
                order.warnings.append(confirmed)
                continue
        if score < CONFIDENT and not any(r.field == field for r in reasons):
            hold(LOW_CONFIDENCE, f"{field} was read with confidence {score:.2f} (at least {CONFIDENT} releases)", field)
    order.hold_reasons = _unique(reasons)
    return order


def _unique(reasons: list[HoldReason]) -> list[HoldReason]:
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for r in reasons:
        key = (r.code, r.field, r.message)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def store_captured(session: Session, document_id: int, order: Order, master: MasterData | None = None) -> OrderRecord:
    """Decide and store a captured order (released or held); the same document processed again stores nothing."""
    existing = session.get(OrderRecord, order.order_id)
    if existing is not None:
        return existing
    fingerprint = order.content_fingerprint()
    decide_captured(session, order, master)
    status = OrderStatus.HELD if order.hold_reasons else OrderStatus.RELEASED
    order.status = status
    row = OrderRecord(
        order_id=order.order_id,
        document_id=document_id,
        partner_id=None,
        customer_id=order.customer_id,
        po_number=order.po_number,
        purpose=order.purpose.value,
        status=status.value,
        version=1,
        fingerprint=fingerprint,
        payload=order.model_dump_json(),
    )
    record_new(session, row, note="; ".join(f"{r.code}: {r.message}" for r in order.hold_reasons) or None)
    session.flush()  # a later order of the same mail must see this one (DUPLICATE_PO)
    return row
