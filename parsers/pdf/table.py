"""The line items: rows under a header row, read against the header's column positions.

Fixed columns left of the free-text column (line number, item, sometimes quantity and unit) are read by
position; those right of it (quantity, unit, price, amount) are read from the right end of the row by type,
so a description that runs into the quantity column's space is still read as description. A row without a
quantity is not a line: it continues the line above (a wrapped description, an item code on its own line),
is a running subtotal ('Carried forward', 'Übertrag') or ends the table ('Total').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from parsers.pdf.columns import CODE_AND_DESCRIPTION, ITEM_ROLES, TEXT_ROLES, Column, Header, HeaderMatcher
from parsers.pdf.labels import is_postal_line, norm
from parsers.pdf.layout import Line, Word, join_spaced_thousands
from parsers.pdf.values import DATE_IN_TEXT, NumberFormat, is_percent, parse_number, unit_code

_NOTE_CAPTION = re.compile(
    r"^(?:remarques?|remarks?|notes?|comments?|commentaires?|observations?|bemerkungen|anmerkungen|hinweise?|"
    r"(?:special|delivery)\s+instructions|instructions)\s*:?\s+",
    re.I,
)
FORWARD = re.compile(
    r"^(brought|carried)\s+forward|^(übertrag|uebertrag|report|à reporter|a reporter|reporté)\b|"
    r"^sub\s?-?total|^zwischensumme|^sous-total|^subtotaal",
    re.I,
)
END = re.compile(
    r"^(order\s+|grand\s+|net\s+|po\s+|p\.o\.\s+|purchase\s+order\s+)?totals?\b|"
    r"^summe|^sum\b(?!\s+of\b)|^gesamt|^netto|^bestellwert|^auftragswert|^warenwert|^nettobetrag|^montant total|"
    r"^montant\s+(ht|net)\b|"  # Genius ERP: 'Montant HT  234,30 €' under the rows
    r"^totaal|^(order|po|p\.o\.|purchase\s+order)\s+value\b|"
    r"^total\s+(ht|ttc)|^(invoice|order|net|po|p\.o\.)\s+amount|^(tax|vat|mwst|zzgl|tva|btw)\b|^base\s+imposable|"
    # a VAT recap's captions under the rows ('Taux TVA  Valeur HT  Montant TVA  Valeur TTC')
    r"^(taux|code)\s+(de\s+)?tva\b|^(vat|tax)\s+(rate|code)\b|^(mwst|ust|steuer)\.?-?\s?satz\b",
    re.I,
)
SIGNS = ("$", "€", "£", "₹", "USD", "EUR", "GBP", "INR")  # a currency printed before or after an amount
TAX = re.compile(r"^(tax|vat|mwst|zzgl|tva|btw)\b", re.I)
_CODE = r"([A-Za-z0-9][A-Za-z0-9\-_/.]*)"
CODE_LINE = re.compile(
    r"^(?:(?:part|item|material|art(?:ikel|icle)?|sku|réf(?:érence)?|ref|code(?:\s+article)?|fsn|index|indeks|katalog|"
    r"catalog|id)\.?\s*(?:no\.?|nr\.?|#|number|nummer|num\.?|code)?\s*:\s*"  # 'Item Code: HT-9005' (Focus 9), 'ID: …'
    #   (Dentrix: 'Description /' over 'Clinic Item ID', the ID under the name)
    r"|(?:artikelnr|art\.-nr|art\.nr|mat\.-nr|mat\.nr|matnr)\.?\s*:?\s*"  # 'Mat.-Nr. 310-0815' (MACH)
    r"|(?:product|stock)\s*(?:id|no\.?|code|#)\s*:\s*"  # 'Product ID: 7740' (Deskera), 'Stock Code: …' (PrintLogic)
    r"|(?:n°|nº|no\.?)\s*(?:d')?article\s*:\s*"  # 'N° article : HT-9002' (CashCtrl)
    # 'Réf. EL-6001', 'SKU CP-110045', 'Item # HT-9005' (Caterease): without a colon, a code with a digit
    # 'Catalogue Item 7740 · Supplier Item TP-7001' (TechnologyOne): the buyer's catalogue number, then ours
    r"|(?:r[ée]f\.|sku|article|item\s*#|catalogu?e\s+item(?:\s*(?:no\.?|#))?)\s+(?=[A-Za-z0-9\-_/.]*\d))" + _CODE + "$",
    re.I,
)
# a line's own date printed under it ('Delivery date: 04/20/2026', SAP): the line's requested date
LINE_DATE = re.compile(
    r"^(?:(?:requested|required|planned|expected|promised|req\.?)\s+)?"
    r"(?:delivery|deliv\.?|del\.?|ship|need[- ]by|due|receipt|arrival|liefer|date de livraison|livraison|"
    r"deliver by|required by|required(?=\s*:)|requested(?=\s*:))(?:\s*date|termin|datum)?\s*:?\s*"
    r"(?P<value>(?:\d|[A-Za-z]{3,9}\.?\s+\d).*)$",
    re.I,
)
# 'Your material no.: PL-5003', 'Ihre Art.-Nr.: AB-1001', 'Vendor Cat#: TP-7001': a code and whose it is
_WHOSE_CODE = (
    # ('Buyer Ref: JOB-4471', 'Our Ref' under a line name a job or an order, not the customer's item)
    r"(?:(?P<whose>your|vendor|vend\.?|supplier|supp\.?|seller's|seller|ihre|(?:unsere|our|buyer's|buyer|customer)(?!\s+ref\b))\s+"
    r"(?:material|item|part|article|art\.(?!-)|product|sku|ref\.?|code|"
    r"cat\.?|catalog|art\.-nr\.|artikelnr\.|artikel-nr\.|artikelnummer|produktnummer|materialnummer|"
    r"(?<=ihre\s)nr\.?)|"  # POHODA: 'Katalog: 510-2010  Ihre Nr.: DR-3010', the customer's and ours
    # 'Réf. fournisseur : PL-5002', 'Code article fournisseur : EL-6002' (VIF)
    r"(?:r[ée]f(?:[ée]rence)?\.?|code(?:\s+article)?)\s+(?P<french>fournisseur|fourn\.?|client)|"
    r"(?P<supplier>lieferanten-?art(?:ikel)?\.?-?nr\.?|lief\.-art\.-nr\.|lief\.-\s?artikel-?nr\.?|"
    r"lieferantenartikelnummer|lieferanten-?symbol|"  # InsERT nexo: 'Lieferanten-Symbol: AB-1001'
    r"suppl\.(?=\s*(?:no\.?|nr\.?|#))))\s*"  # the seller's ('Suppl. No.: EL-6005', ShipNet)
    r"(?:no\.?|nr\.?|#|number|num\.?|code|id)?(?:\s*:\s*|\s+(?=\S*\d))"
    # ('NC', 'N/A', 'néant': no code given, review 27)
    r"(?P<code>(?!(?:nc|n/?a|none|néant|neant|ohne|keine|tbd|tba)(?![\w\-/.]))[A-Za-z0-9][A-Za-z0-9\-_/.]*)"
)  # without a colon the code must hold a digit ('Ihre Art.-Nr. AB-1002', not 'Supplier Part Numbers')
WHOSE_CODE_LINE = re.compile("^" + _WHOSE_CODE + "$", re.I)
_OURS = (
    "your",
    "vendor",
    "vend",  # 'VEND ITEM: PL-5003' (Distribution One)
    "vend.",
    "supplier",
    "supp",  # 'Supp. Item: GL-8002' (Greentree), 'Supp. Part: PL-5003' (Exchequer)
    "supp.",
    "seller",
    "seller's",
    "ihre",
    "fournisseur",
    "fourn.",  # 'Réf. fourn. : EL-6004' (Copilote)
    "fourn",
)  # the buyer writing to us: 'your' / the vendor's
#                                                                  code is ours


def _whose(match: re.Match[str]) -> str:
    """Whose code a whose-code match names: 'item_ours' (ours: 'Your …', 'Réf. fournisseur') or 'item_theirs'."""
    if match["supplier"]:
        return "item_ours"  # 'Lieferanten-Art.-Nr.: HT-9001': the supplier's (our) number
    return "item_ours" if (match["whose"] or match["french"]).casefold() in _OURS else "item_theirs"


# '(24/cs)', '(200 pr/bx)', '(1 ea)': how many a case holds, printed after the unit
_PACK = re.compile(r"\(\d+(?:\s*[A-Za-z]{1,5})?(?:\s*/\s*[A-Za-z]{1,5})?\)")
_GLUED_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)([A-Za-zÄÖÜäöüé]{1,7})")  # '16ea': a quantity and its unit
BARE_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Z-])[A-Z0-9][A-Z0-9\-_/.]{2,}$")
BRACKET_CODE = re.compile(r"^[\[*]([\w\-/.]+)[\]*]$")
# a code of capitals and dashes only ('DMO-TAPE-E'): a code only where the caption says the text begins with one
_LETTER_CODE = re.compile(r"^[A-Z]{2,}(?:-[A-Z0-9]+)+$")


def _code_word(text: str) -> bool:
    """A word that is an item's code where the layout says one stands: 'AB-1005', 'DMO-TAPE-E'."""
    return bool(BARE_CODE.match(text) or _LETTER_CODE.match(text))


@dataclass
class Row:
    page: int
    top: float
    cells: dict[str, str] = field(default_factory=dict)
    description: list[str] = field(default_factory=list)
    quantity: Decimal | None = None
    uom: str | None = None  # as printed
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    code_below: bool = False  # the item code came from a line of its own under the description
    bare_whose: bool = False  # our code came from a bare 'Vendor #:' under the row (:func:`_one_account`)
    unread: list[str] = field(default_factory=list)  # fixed-column cells that did not read as their type
    beyond: bool = False  # a figure stood right of every column of an order form without prices (held unread)
    dated: list[str] = field(default_factory=list)  # the line's own delivery date, as printed under it
    released: list[str] = field(default_factory=list)  # the quantities of the line's releases, as printed
    sites: list[str] = field(default_factory=list)  # where the line's releases ship to, as printed
    qty_text: str = ""  # the quantity as printed ('1.000': a thousand, or one)
    printed: str = ""  # every word of the row's first line, as printed
    others: list[Decimal] = field(default_factory=list)  # figures under captions we do not read (a list price)
    barcode: str | None = None  # a barcode printed after the line's code ('Réf. : EL-6002 EAN 0614141101719')
    pack: int | None = None  # how many its unit holds, as printed after it ('CS (24/cs)'): checked by the core


@dataclass
class Table:
    header: Header
    rows: list[Row] = field(default_factory=list)
    forwards: list[tuple[str, Decimal | None, int]] = field(default_factory=list)  # kind, value, rows before
    lines: set[tuple[int, int]] = field(default_factory=set)  # (page, line index) inside the table
    spans: dict[int, tuple[float, float]] = field(default_factory=dict)  # page → the table's x-extent
    end: Line | None = None  # the line that ended it ('Total …'), where totals start
    pages: list[int] = field(default_factory=list)
    continued: list[int] = field(default_factory=list)  # pages whose rows continue it without a header row
    unfinished: list[int] = field(default_factory=list)  # later pages it ran into but could not be read on
    after_end: list[int] = field(default_factory=list)  # pages with another header row after the table ended
    overleaf: list[int] = field(default_factory=list)  # later pages with rows in its columns after it ended
    beyond: list[str] = field(default_factory=list)  # money-like words printed right of the table's columns
    sub: list[Word] = field(default_factory=list)  # a second caption row under the header (release rows)


def find_tables(pages: list[list[Line]], matcher: HeaderMatcher, fmt: NumberFormat) -> Table | None:
    """The order's line-item table across pages: the first header row, and on later pages the header row that
    repeats it (same column roles), or — when the table ran off a page without a total — rows that fit its
    columns at the top of the next page. A header row after the table ended is noted (``after_end``)."""
    table: Table | None = None
    state: bool | None = None  # True: ended at a total; None: ended at a gap; False: ran off its page
    for lines in pages:
        if table is not None and state is True:
            if not _header_after_end(table, lines, matcher):
                _rows_after_end(table, lines, fmt)
            continue
        for i, line in enumerate(lines):
            header = _header(matcher, lines, i)
            if header is None:
                continue
            after = lines[i + 1] if i + 1 < len(lines) else None
            roles = header.roles()
            captions = (
                after is not None
                # one word under a caption read twice ('Cost' over 'Center' beside 'Price', Softland) may be its
                # second line
                and (
                    len(after.segments()) > 1
                    or len(set(roles)) < len(roles)
                    # 'Einzel-  Gesamt-' over 'preis EUR  preis EUR' (Nixdorf COMET): a caption broken at its hyphen
                    or any(re.fullmatch(r"[^\W\d_]{2,}-", w.text) for w in line.words)
                )
                and not any(re.search(r"\d", w.text) for w in after.words)
            )
            lower = _header(matcher, lines, i + 1) if captions else None
            # each line's own caption row (SAP, Epicor: under a header complete by itself) is read under it; but
            # captions left unknown or doubled on this line that the next completes ('Buyer's | Vendor's | Unit'
            # over 'Item # | Item # | Price', SPS Commerce) are two lines of one header
            if lower is not None and after is not None and _is_sub_header(after, header):
                roles = header.roles()
                incomplete = "other" in roles or len(set(roles)) < len(roles)
                read = [r for r in lower.roles() if r != "other"]  # stacked, each column named once
                lower = lower if incomplete and len(set(read)) == len(read) and _known(lower) > _known(header) else None
            completes = lower is not None and (
                (_known(lower), len(lower.columns)) >= (_known(header), len(header.columns))
                # a middle line of captions three lines high (Openbravo's 'Search Key' between 'Vendor' over
                # 'Product No.'): the line under it names columns by itself, and read stacked knows as many
                or (after is not None and matcher.match(after) is not None and _known(lower) >= _known(header))
                # 'Price' over 'per' over 'unit USD' (K2): read with the line under it, a caption left unknown
                # ('per') becomes part of a known one, and no column is lost
                or (_known(lower) >= _known(header) and _unknown(lower) < _unknown(header) and _covers(lower, header))
            )
            if completes:
                continue  # the next line completes these captions ('Unit' over 'Cost'): the header is read there
            fresh = table is None
            if table is None:
                table = Table(header)
            elif header.roles() != table.header.roles():
                continue
            table.pages.append(line.page)
            state = _read_rows(table, header, lines[i:], fmt, last=lines is pages[-1])
            if fresh and not table.rows:  # a row of captions that looked like one ('Job  Description  Ordered
                table, state = None, None  # By …' over the job's details): the table's header is further down
                continue
            if state is True and not _header_after_end(table, lines, matcher) and table.end is not None:
                # rows in its columns under the total on its own page ('Line Total: 106.80' under the first of
                # five lines, taken for the order's): the lines after it were not read
                _rows_after_end(table, [ln for ln in lines if ln.index > table.end.index], fmt)
            break
        else:
            if table is not None and state is not True and lines:
                # ran off the page, or stopped at a gap after a 'Subtotal' / 'Carried forward': it goes on
                carried = bool(table.forwards) and table.forwards[-1][2] == len(table.rows)
                state = _continuation(table, lines, fmt, expected=state is False or carried)
    if table is None:
        table = item_blocks(pages, matcher, fmt)
    if table is not None:
        _amount_as_price(table)
        _one_account(table)
        _positions_checked(table)
        _stock_code_atop(table)
    return table


def _stock_code_atop(table: Table) -> None:
    """'Stock Code / Description' over 'Stock Code 7740', the name and 'Part No: TP-7001' (Ellipse): 7740 is the
    customer's stock code, kept beside the part so that the core holds the two when they name different items
    (review 38); 'Non-stock item' names none."""
    if not any(c.role == "description" and norm(c.caption).startswith("stock code") for c in table.header.columns):
        return
    for row in table.rows:
        words = row.description
        if len(words) >= 3 and [w.casefold() for w in words[:2]] == ["stock", "code"]:
            if not row.cells.get("item_theirs"):
                row.cells["item_theirs"] = words[2]
            elif row.cells["item_theirs"] != words[2]:
                row.unread.append(words[2])
            row.description = words[3:]
        elif len(words) >= 2 and _NO_CODE.fullmatch(" ".join(words[:2])):
            row.description = words[2:]  # 'Non-stock item': no code


def _positions_checked(table: Table) -> None:
    """'Item | Part No. / Description' read as the position and the part over its name: a cell under 'Item' that
    is no position ('7740', a customer's item code) may name another item than the part does (review 37): unread."""
    if not any(c.role == "description" and CODE_AND_DESCRIPTION.search(c.caption) for c in table.header.columns):
        return
    if not any(
        c.role == "line_no" and norm(c.caption) in ("item", "pos", "pos.", "line") for c in table.header.columns
    ):
        return
    for row in table.rows:
        position = row.cells.get("line_no")
        if position and not re.fullmatch(r"\d{1,3}\.?|0\d{2,5}", position):
            row.unread.append(position)


# 'Item # 1: (425-46) TOOLS, HAND: HAMMERS' (Periscope BuySpeed): where an item's block begins, with its number
_BLOCK_START = re.compile(r"^(?:item|line)\s*(?:#|no\.?)\s*(\d{1,4})\s*:", re.I)
# where a block's item ships ('Ship To:…', 'Ship-To:…', 'Ship To Address:' over the place) or is billed
_BLOCK_ADDRESS = re.compile(
    r"^(?P<kind>ship(?:ping)?[\s-]*(?:to|address|location)|deliver(?:y)?[\s-]*(?:to|address|location)|bill(?:ing)?[\s-]*to|"
    r"bill(?:ing)?\s+address|invoice[\s-]*to)"
    r"(?:\s+(?:address|location|site))?\s*:\s*(?P<value>.*)$",
    re.I,
)
_PLACE_WORDS = re.compile(r"\b(?:ship|shipping|shipped|deliver|delivery|destination|consignee)\b", re.I)
_BLOCK_TOTAL = re.compile(r"\btotal\b", re.I)


def item_blocks(pages: list[list[Line]], matcher: HeaderMatcher, fmt: NumberFormat) -> Table | None:
    """Periscope BuySpeed prints every item as a block of its own: 'Item # 1: (425-46) TOOLS, HAND: HAMMERS', the
    item's name and notes, a caption row of its figures alone ('Quantity  UOM  Unit Cost  Total Cost') over one
    row of figures, then its codes ('Stock #:CP-110045 Catalog #:HT-9001  Manufacturer:') and where it ships
    ('Ship To:Cedar & Pine Portland, …', held when it is not the order's ship-to). Read only when the blocks are
    numbered 1, 2, 3 … and each has its row of figures; the order's total after the last ends them."""
    table: Table | None = None
    expected = 1
    for lines in pages:
        starts = [i for i, line in enumerate(lines) if _BLOCK_START.match(line.text)]
        for n, i in enumerate(starts):
            start = _BLOCK_START.match(lines[i].text)
            if start is None or int(start[1]) != expected:
                return None  # a block missing, or numbered some other way: not read as blocks
            expected += 1
            block = lines[i + 1 : starts[n + 1] if n + 1 < len(starts) else len(lines)]
            k = next((k for k, line in enumerate(block[:6]) if matcher.match(line, bare=True)), None)
            header = matcher.match(block[k], bare=True) if k is not None else None
            if k is None or header is None or k + 1 >= len(block):
                return None
            figures = block[k + 1]
            row = read_row(header, join_spaced_thousands(figures.words, "," if fmt == "eu" else "."), fmt)
            if row is None or row.quantity is None or (table is not None and header.roles() != table.header.roles()):
                return None
            table = table or Table(header)
            row.page, row.top = figures.page, figures.top
            row.description = [w.text for line in block[:k] for w in line.words]
            table.rows.append(row)
            if figures.page not in table.pages:
                table.pages.append(figures.page)
            table.spans[figures.page] = (-1.0, 1e6)
            table.lines |= {(line.page, line.index) for line in (lines[i], *block[: k + 2])}
            pending: str | None = None  # a site's label alone on its line, the place under it
            place: list[str] = []
            for after in block[k + 2 :]:
                if _BLOCK_TOTAL.search(after.text) and _money(after.words, fmt):
                    table.end = after  # 'Document Total: $654.60'
                    break
                table.lines.add((after.page, after.index))
                if PAGE_FOOT.search(after.text):
                    continue
                address = _BLOCK_ADDRESS.match(after.text)
                if pending is not None and address is None and not _labels_code(after.text) and len(place) < 4:
                    place.append(after.text)  # the place under its label, its name, street and town (review 36)
                    if is_postal_line(after.text):
                        _settle_place(row, pending, place)
                        pending = None
                    continue
                _settle_place(row, pending, place)
                pending = None
                if address:
                    kind = "bill" if address["kind"].casefold().startswith(("bill", "invoice")) else "ship"
                    if not address["value"].strip():
                        pending, place = kind, []  # ('Bill To:' alone over 'Ship To:…': the ship-to's own line)
                    elif kind == "ship":
                        row.sites.append(address["value"])
                    continue
                if _PLACE_WORDS.search(after.text) and not _labels_code(after.text):
                    row.unread.append(after.text)  # where the item goes, in words we do not read: a person looks
                    continue
                # ('Manufacturer:  Brand:' printed with nothing after them say nothing)
                said = [
                    w
                    for j, w in enumerate(after.words)
                    if not (
                        w.text.endswith(":") and (j + 1 == len(after.words) or after.words[j + 1].text.endswith(":"))
                    )
                ]
                if said:
                    _continue(row, header, _unglued_labels(said), fmt)
            _settle_place(row, pending, place)
    return table if table is not None and table.rows else None


def _settle_place(row: Row, kind: str | None, place: list[str]) -> None:
    """The place read under a block's ship-to label, as one site (a bill-to's is dropped)."""
    if kind == "ship" and place:
        row.sites.append(", ".join(place))
    place.clear()


def _unglued_labels(words: list[Word]) -> list[Word]:
    """'#:CP-110045' (a label's colon glued to its value): apart, '#:' and 'CP-110045'."""
    out: list[Word] = []
    for w in words:
        label, colon, value = w.text.partition(":")
        if colon and value and label and not re.search(r"\d", label) and not value.startswith("/"):
            out += [
                Word(label + ":", w.x0, w.x0, w.top, w.bottom, w.page),
                Word(value, w.x0, w.x1, w.top, w.bottom, w.page),
            ]
        else:
            out.append(w)
    return out


def _one_account(table: Table) -> None:
    """'Vendor #: 00412' under every row with the same number (review 26): the vendor's account with the buyer,
    not its item's code; those codes are dropped (the rows' other codes stay, or they hold)."""
    bare = [row for row in table.rows if row.bare_whose and row.cells.get("item_ours")]
    if len(bare) >= 2 and len({row.cells["item_ours"] for row in bare}) == 1:
        for row in bare:
            del row.cells["item_ours"]


def _amount_as_price(table: Table) -> None:
    """'Quantity  List Price  Discount  Net Price' (Vtiger): with no amount column, the price column is the
    line's amount when on every row it is the quantity times a figure in a column we do not read, and some
    quantity is not one; that figure is the unit price. A discount taken off leaves the rows as they are."""
    if table.header.has("amount") or not table.header.has("unit_price") or not table.rows:
        return
    prices = []
    for row in table.rows:
        if row.quantity is None or row.unit_price is None:
            return
        price = next((p for p in row.others if p and abs(row.quantity * p - row.unit_price) <= Decimal("0.01")), None)
        if price is None:
            return
        prices.append(price)
    if all(row.quantity == 1 for row in table.rows):
        return
    for row, price in zip(table.rows, prices, strict=True):
        row.amount, row.unit_price = row.unit_price, price


def _header(matcher: HeaderMatcher, lines: list[Line], i: int) -> Header | None:
    """The header row on ``lines[i]``; captions printed on two or three lines ('Ordered' over 'qty',
    'Einzelpreis' over 'EUR', SyteLine's 'Due' / '' / 'Date') are read stacked when that recognises more
    columns than the lower line alone."""
    line = lines[i]
    header = matcher.match(line)
    stack: list[Line] = []
    for j in (i - 1, i - 2):
        above, below = (lines[j] if j >= 0 else None), (stack[-1] if stack else line)
        if (
            above is None
            or above.page != line.page
            or not -0.9 * line.height < below.top - above.bottom < 0.8 * line.height  # tight, or interleaved
            or any(re.search(r"\d", w.text) for w in above.words)
        ):
            break
        stack.append(above)
        placed = [(w.x0, w) for w in line.words]
        phrases = line.segments(0.6 * line.height)  # the captions: 'Qty | UOM | Part No.' are three
        for level, upper in enumerate(stack, start=1):  # an upper caption reads first, before the one under it
            for caption in upper.segments(0.6 * upper.height):  # ('EK-Preis' over 'Ohne MwSt.', which starts
                x0, x1 = caption[0].x0, caption[-1].x1  # further left; 'Montant HT' over '€', as one caption)
                under = max(phrases, key=lambda p: min(x1, p[-1].x1) - max(x0, p[0].x0))
                x = min(x0, under[0].x0) if min(x1, under[-1].x1) - max(x0, under[0].x0) > 0 else x0
                alone = _caption_beyond(caption, under, phrases, matcher)
                for k, w in enumerate(caption):
                    at = w.x0 if k >= alone else x - 6 * level + w.x0 / 1e4
                    placed.append((at, Word(w.text, w.x0, w.x1, line.top, line.bottom, w.page)))
        stacked = [w for _, w in sorted(placed, key=lambda p: p[0])]
        merged = matcher.match(Line(stacked, line.page, line.top, line.bottom, line.index))
        if merged is not None:
            _drop_within_item(merged)
        if merged is not None and not _overlapping(merged) and (header is None or _better(merged, header, matcher)):
            merged.line = line  # the rows are read under the lower line
            header = merged
    return header


def _better(merged: Header, header: Header, matcher: HeaderMatcher) -> bool:
    """Whether captions read stacked name more columns than the line alone; as many we read, but more captions
    we know and none lost ('MwSt.' over the middle line over '%', InsERT nexo: a VAT rate's column, its figures no
    price), is better too, when no two of its columns lie over each other."""
    if _known(merged) != _known(header):
        return _known(merged) > _known(header)
    columns = sorted(merged.columns, key=lambda c: c.x0)
    apart = all(b.x0 >= a.x1 - 2 for a, b in zip(columns, columns[1:], strict=False))  # not 'Phase /' over 'Category'
    return apart and _named(merged, matcher) > _named(header, matcher) and _covers(merged, header)


def _named(header: Header, matcher: HeaderMatcher) -> int:
    """How many of a header row's columns we do not read have captions we know ('MwSt. %', 'Cost Code')."""
    return sum(
        c.role == "other" and tuple(norm(w) for w in c.caption.split()) in matcher.phrases for c in header.columns
    )


def _caption_beyond(caption: list[Word], under: list[Word], phrases: list[list[Word]], matcher: HeaderMatcher) -> int:
    """'Qty Unit' over 'Ordered' only under 'Qty' (Agvance): where the upper caption's last words stand past the
    phrase under it, over no caption of the lower line, and both parts are captions of their own, those words are a
    column by themselves ('Unit', over the row's 'EA'). The index of the first such word (none: the caption's
    length)."""
    for k in range(1, len(caption)):
        rest = caption[k:]
        if rest[0].x0 <= under[-1].x1 or any(p[-1].x1 > rest[0].x0 and p[0].x0 < rest[-1].x1 for p in phrases):
            continue
        broken = k == 1 and caption[0].text.endswith("-")  # 'Bestell- ME' over 'menge' (ORGASOFT): 'Bestellmenge'
        if (broken or _is_caption(caption[:k], matcher)) and _is_caption(rest, matcher):
            return k
    return len(caption)


def _is_caption(words: list[Word], matcher: HeaderMatcher) -> bool:
    return tuple(norm(w.text) for w in words) in matcher.phrases


def _drop_within_item(header: Header) -> None:
    """'Item Code' over 'Variant' (Ramco): a caption we do not read set within the item's, under it, names a part
    of the item's cell ('AB-1005 / ##'), no column of its own."""
    items = [c for c in header.columns if c.role in ITEM_ROLES]
    header.columns = [
        c
        for c in header.columns
        if not (
            c.role == "other"
            and c.caption.casefold() not in ("upc", "ean", "gtin")
            and any(i.x0 - 2 <= c.x0 and c.x1 <= i.x1 + 2 for i in items)
        )
    ]


def _overlapping(header: Header) -> bool:
    """Whether two of the header's columns lie over each other: captions read stacked that name two columns
    in one ('Désignation' over 'Réf. fournisseur', the code printed under the name; 'Prix unitaire' over a
    'net HT' taken for an amount) are not a better reading than the line alone. Two codes stacked ('Art.no.'
    over 'Suppl.art.no.', the customer's over ours) are: each is printed on its own line of the row. Nor do two
    columns we do not read ('Phase /' over 'Cost Code') matter."""
    columns = sorted(header.columns, key=lambda c: c.x0)
    return any(
        b.x0 < a.x1 - 2
        and not (a.role in ITEM_ROLES and b.role in ITEM_ROLES)
        and not (a.role == "other" and b.role == "other")
        and not _code_under_item(a, b)
        and not _code_under_item(b, a)
        for a, b in zip(columns, columns[1:], strict=False)
    )


def _code_under_item(item: Column, code: Column) -> bool:
    """'SKU No' over 'UPC' (JDA MMS): the item's bar code printed under it on the row's second line."""
    return item.role in ITEM_ROLES and code.role == "other" and code.caption.casefold() in ("upc", "ean", "gtin")


def _known(header: Header) -> int:
    """How many different columns a header row names ('Item number' twice is one until 'External' tells)."""
    return len({c.role for c in header.columns} - {"other"})


def _unknown(header: Header) -> int:
    """How many of a header row's captions name no column we read."""
    return sum(c.role == "other" for c in header.columns)


def _covers(lower: Header, header: Header) -> bool:
    """Whether every column of ``header`` lies under a column of ``lower`` (none lost reading them stacked)."""
    return all(any(min(c.x1, d.x1) > max(c.x0, d.x0) for d in lower.columns) for c in header.columns)


def _header_after_end(table: Table, lines: list[Line], matcher: HeaderMatcher) -> bool:
    """Another header row after the table's total (a second table, 'additional items'): noted, not read."""
    start = 0
    if table.end is not None and lines and lines[0].page == table.end.page:
        start = table.end.index + 1
    for line in lines[start:]:
        if matcher.match(line) is not None:
            table.after_end.append(line.page)
            return True
    return False


def _rows_after_end(table: Table, lines: list[Line], fmt: NumberFormat) -> None:
    """Rows in the table's columns on a page after the one it ended on at a total, with no header row over them
    (a form's footer box printing each page's running total under 'TOTAL P.O. AMOUNT', the lines going on
    overleaf), or on its own page under the total: noted, not read. A row counts when its quantity × price is its
    amount."""
    x_left, x_right = table.header.span
    for line in lines:
        words = [w for w in line.words if w.x1 > x_left and w.x0 < x_right and not w.turned]
        row = read_row(table.header, join_spaced_thousands(words, "," if fmt == "eu" else "."), fmt) if words else None
        if row is None or row.quantity is None or row.unit_price is None or row.amount is None:
            continue
        if row.quantity > 0 and abs(row.quantity * row.unit_price - row.amount) <= Decimal("0.01"):
            table.overleaf.append(line.page)
            return


def _continuation(table: Table, lines: list[Line], fmt: NumberFormat, expected: bool = True) -> bool | None:
    """A page after an unfinished table with no header row: its first table-like row, if it reads in the
    table's columns, starts the continuation; if the page has text but no such row, the table is noted
    ``unfinished`` there (its lines may be on it, unread)."""
    header = table.header
    x_left, x_right = header.span
    for i, line in enumerate(lines[:12]):
        words = [w for w in line.words if w.x1 > x_left and w.x0 < x_right]
        words = join_spaced_thousands(words, "," if fmt == "eu" else ".")
        if not words:
            continue
        text = " ".join(w.text for w in words)
        if END.search(text) or FORWARD.search(text):
            break
        row = read_row(header, words, fmt)
        if row is not None and row.quantity is not None and (row.unit_price is not None or row.amount is not None):
            table.pages.append(line.page)
            table.continued.append(line.page)
            table.spans[line.page] = (x_left, x_right)
            return _read_rows(table, header, lines[i:], fmt, anchored=False)
    totals = any(END.search(line.text) and re.search(r"\d", line.text) for line in lines)
    if (expected and any(re.search(r"\d", line.text) for line in lines)) or totals:
        table.unfinished.append(lines[0].page)  # (a total on a later page: the lines before it are here too)
    return True if expected else None


def _read_rows(
    table: Table, header: Header, lines: list[Line], fmt: NumberFormat, anchored: bool = True, last: bool = False
) -> bool | None:
    """Read the rows under ``header`` (``lines[0]``, or from ``lines[0]`` on when not ``anchored``): True when
    the table ended on this page at a total, None when it ended at a gap, False when it ran off the page."""
    if anchored:
        table.lines.add((header.line.page, header.line.index))
        previous, rest = header.line, lines[1:]
        x_left, x_right = header.span
        table.spans[header.line.page] = (x_left, x_right)
        if rest and _is_sub_header(rest[0], header):
            table.sub = list(rest[0].words)
            table.lines.add((rest[0].page, rest[0].index))
            previous, rest = rest[0], rest[1:]
        if rest and _column_numbers(rest[0], header):
            table.lines.add((rest[0].page, rest[0].index))
            previous, rest = rest[0], rest[1:]
    else:
        previous, rest = lines[0], lines
        x_left, x_right = header.span
    rows_before = len(table.rows)
    subtotal: Line | None = None  # a subtotal under this page's rows with no row after it (yet)
    tail: list[Line] = []  # what follows that subtotal: no row's continuation
    group, heading = rows_before, False  # where a group's rows start; after a group's total, the next one's name

    def ended_at_subtotal() -> bool:
        """The rows stopped at a subtotal ('Sub-total: $1,588.40 USD' and then comments) on the document's last
        page: the table ends there, and what follows it is the page's again ('Order submitted on: …'). On an
        earlier page the table may go on overleaf."""
        if subtotal is None or not last:
            return False
        table.end = subtotal
        for after in tail:
            table.lines.discard((after.page, after.index))
        return True

    for line in rest:
        words = [w for w in line.words if w.x1 > x_left and w.x0 < x_right and not w.turned]
        table.beyond += [w.text for w in line.words if w.x0 >= x_right and _MONEY_LIKE.fullmatch(w.text)]
        words = join_spaced_thousands(words, "," if fmt == "eu" else ".")
        if not words:
            continue
        gap = line.top - previous.bottom
        tall = max(previous.height, line.height)
        if gap > 4 * tall and table.rows and not (gap < 10 * tall and _whole_row(line, header, fmt)):
            # (a line that is a whole row, its quantity times its price its amount, goes on past a tall row's
            # gap: InvenTree prints each part's picture beside its name)
            return True if ended_at_subtotal() else None
        text = " ".join(w.text for w in words)
        previous = line
        # 'Number of rows: 3   Sum  691.00' (HansaWorld): a count before the total's caption
        counted = _COUNT_LINE.match(text)
        after_count = text[counted.end() :].strip() if counted else ""
        closing = bool(after_count) and _TOTAL_WORD.match(after_count.split()[0]) is not None  # a count, then a total
        # 'Remarques      Montant HT  234,30 €' (Genius ERP): the remarks' caption beside the total's, on its line
        noted = _NOTE_CAPTION.match(text)
        after_note = text[noted.end() :] if noted and re.search(r"\d", text[noted.end() :]) else ""
        if after_note and _row_follows(rest, line, header, fmt):
            after_note = ""  # a remark under a line ('Bemerkungen: MwSt.-frei 2 Stück'), the rows go on (review 32)
        # (the block's own rows under it, '010-5210-440-0060  1,120.00', describe nothing; a line under it does)
        beside = _total_beside_caption(words, fmt) and not _row_follows(rest, line, header, fmt, described=True)
        if (
            (END.search(text) or END.search(after_count) or closing or END.search(after_note) or beside)
            and not (TAX.search(text) and not _money(words, fmt))
            and not _taxed_row(header, words, fmt)
        ):
            if _POSITION_VALUE.match(text) and _row_follows(rest, line, header, fmt):
                continue  # 'Nettowert 206,40' under each position (SAP): its value, and the next position follows
            if _TAXABLE.match(text) and _row_follows(rest, line, header, fmt):
                continue  # 'Base imposable lot 1  222,00' between the lots: a lot's subtotal, the rows go on
            if (
                _SECTION_SUM.match(text)
                and _sums_rows(words, table.rows[group:], fmt)
                and _next_section(rest, line, header, fmt)
            ):
                group, heading = len(table.rows), True
                continue  # 'Summe 01 Befestigungstechnik  4.078,00' (NEVARIS): a section's sum, the next follows
            table.end = line
            return True
        if not anchored and len(table.rows) == rows_before and _column_numbers(line, header):
            table.lines.add((line.page, line.index))
            continue  # '1  2  3  4  5  6  7' atop the next page with no captions over it (Galaktika): the columns'
        if PAGE_FOOT.search(text):
            continue  # 'Printed: 01/12/2028 07:41 … Page 1 of 2' under the rows: the page's foot, no line's text
        if table.rows and _CONTINUED.match(text):
            return False  # '*** Continued on page 2 ***': the rows go on overleaf; the page's foot is no line
        table.lines.add((line.page, line.index))
        forward = FORWARD.search(text) is not None
        number = next((v for w in reversed(words) if (v := parse_number(w.text, fmt))), None) if forward else None
        # ('report per lot with the delivery …' wrapping a line's text is no 'Report' carried over: no figure)
        interim = text.casefold().startswith(("sub", "zwischen", "sous"))
        if forward and (number is not None or len(words) <= 3 or interim):
            table.forwards.append((text.split()[0].casefold(), number, len(table.rows)))
            if len(table.rows) > rows_before and not text.casefold().startswith(("sub", "zwischen", "sous")):
                return False  # 'Übertrag 13.028,10' under this page's rows: the table goes on overleaf, and the
                #              page's foot (an IBAN's '1234 5678 90') is no line
            if len(table.rows) > rows_before:
                subtotal, tail = line, []
            continue
        if table.rows and _COUNT_LINE.fullmatch(text):
            continue  # 'Items 68', 'Total Quantity 164' under the rows: a count, not a line
        if table.rows and _own_total(table.rows[-1], line.words, fmt):
            continue  # 'Sched 1 … Line Total: 106.80' under its line (PeopleSoft): the line's own, not the order's
        if table.sub and table.rows and not _numbered(header, words[0]):
            _release_row(table.rows[-1], table.sub, words)  # 'Tape measure 5 m   1   10/12/2026   24.00'
            continue
        if table.rows and _code_line(_without_barcode(text)):
            _continue(table.rows[-1], header, words, fmt)  # 'SKU: 7740' under its row (Wafeq): a code of digits
            continue  #                                     alone with its label is the row's code, no quantity
        row = read_row(header, words, fmt)
        ending = [
            w
            for i, w in enumerate(words)
            if i
            and (
                _TOTAL_WORD.match(w.text)
                or ((_TAX_LABEL.match(w.text) or _GOODS.match(w.text)) and _money_after(words, i))
                or (_TAXABLE.match(" ".join(x.text for x in words[i : i + 2])) and _money_after(words, i + 1))
                or (_AMOUNT.match(" ".join(x.text for x in words[i : i + 2])) and _money_after(words, i + 1))
                or (_NET_AMOUNT.match(" ".join(x.text for x in words[i : i + 3])) and _money_after(words, i + 2))
            )
        ]
        if (row is None or row.quantity is None) and ending:
            if all(_INTERIM.match(w.text) for w in ending) and _row_follows(rest, line, header, fmt):
                continue  # 'Lot 1  Sous-total 222,00', 'Note: base imposable 222,00' with positions after: a lot's
                #           subtotal, the rows go on
            if _group_total(words, table.rows[group:], fmt) and _next_group(rest, line, header, fmt):
                group, heading = len(table.rows), True
                continue  # 'Plumbing total: 1,153.00' under the group's rows (Current RMS): the next group follows
            table.lines.discard((line.page, line.index))
            table.end = line  # 'Memo … Subtotal 679.00', '… Sales Tax: 0.00': totals after a note on its line
            if table.rows and _remark_before_rows(words, ending, rest, line, header, fmt):
                # 'Comments: Total quantity to ship complete' under a line, more lines after it (review 32), or
                # 'Delivery schedule: Total quantity to be called off as follows' over its call-offs (review 33):
                # the table may go on or not; on an order form without prices nothing checks it, a person looks
                table.rows[-1].unread.append(text)
            return True
        if heading and (row is None or row.quantity is None):
            continue  # 'Electrical' over the next group's rows: the group's name, no line's text
        if row is not None and (subtotal is None or row.quantity is not None):
            row.page, row.top = line.page, line.top
            table.rows.append(row)
            heading = False
            subtotal = None  # a running subtotal: the rows go on (a row with no quantity after it is a charge)
        elif subtotal is not None:
            tail.append(line)
        elif table.rows:
            _continue(table.rows[-1], header, words, fmt)
    return True if ended_at_subtotal() else False


def _group_total(words: list[Word], rows: list[Row], fmt: NumberFormat) -> bool:
    """'Plumbing total: 1,153.00' under a group's rows: a group's name (not an order's, a page's, a tax's)
    before 'total', and a figure that is the sum of the rows since the group started, to the cent."""
    texts = [w.text for w in words]
    at = next((i for i, t in enumerate(texts) if re.fullmatch(r"total:?", t, re.I)), None)
    if at is None or not 1 <= at <= 3 or len(texts) != at + 2 or not rows:
        return False
    name = " ".join(texts[:at])
    if not re.fullmatch(r"[^\W\d_][^\d:]*", name) or _NOT_A_GROUP.search(name) or END.search(name):
        return False
    figure, values = parse_number(texts[-1].lstrip("$€£"), fmt), [row_value(r) for r in rows]
    return figure is not None and None not in values and sum(v for v in values if v is not None) == figure


# the kind of a line that is bought and nothing else ('Rental', 'Substitute', 'Cancelled', 'Sample' change what the
# line is, review 25: they stay on the line, and it holds)
_PLAIN_KINDS = {"purchase", "purchased", "stock", "stocked", "inventory", "inventoried", "buy"}
# 'Supplier part no.: MR-9501 · Acc.: 5210 Deck stores' (BASSnet): the account the line is booked to, beside its code
_ACCOUNT_PART = re.compile(r"(?:acc\.?|account|a/c|gl(?:\s+account)?|cost\s+cent(?:er|re))\s*(?:no\.?)?\s*:", re.I)
# 'AB-1005 - Sleeve anchor …': an item cell with the code, a dash and the name
_CODE_DASH_NAME = re.compile(r"(\S*\d\S*)\s+[-–—]\s+(\S.*)")


# a numbered section's sum in a bill of quantities: 'Summe 01 Befestigungstechnik', 'Total 02 Electrical'
_SECTION_SUM = re.compile(
    r"^(?:summe|total|sous-total|subtotal|zwischensumme)\s+\d{1,3}(?:\.\d{1,4})*\s+[^\W\d_]", re.I
)


def _next_section(lines: list[Line], after: Line, header: Header, fmt: NumberFormat) -> bool:
    """Whether the next section's rows follow a section's sum within three lines, with nothing between but its
    number and name ('02  Bohren und Meißeln'): a heading that says when or where ('02 Zweite Lieferung am
    19.05.2036', '02 Ship to Acme Hardware Columbus', review 30) is no mere name, and the table ends at the sum."""
    following = [ln for ln in lines if ln.page == after.page and ln.top > after.top][:3]
    for line in following:
        if END.search(line.text):
            return False
        row = read_row(header, line.words, fmt)
        if row is not None and row.quantity is not None and (row.unit_price is not None or row.amount is not None):
            return any(re.search(r"[^\W\d_]", w.text) for w in line.words)
        heading = re.fullmatch(r"\d{1,3}(?:\.\d{1,4})*\s+(.+)", line.text)
        name = heading[1] if heading else line.text
        if (
            len(name.split()) > 4
            or not re.fullmatch(r"[^\W\d_](?:[^\W\d_]|[&/ \-])*", name)
            or _NOT_A_NAME.search(name)
        ):
            return False
    return False


def _sums_rows(words: list[Word], rows: list[Row], fmt: NumberFormat) -> bool:
    """Whether the figure ending ``words`` is the sum of ``rows``, to the cent: of their printed amounts, or of
    quantity × price (a section's sum is right where one line's printed amount is not)."""
    figure = parse_number(words[-1].text.lstrip("$€£"), fmt) if words else None
    if figure is None or not rows:
        return False
    printed = [row_value(r) for r in rows]
    computed = [
        r.quantity * r.unit_price if r.quantity is not None and r.unit_price is not None else None for r in rows
    ]
    return any(
        None not in values and sum(v for v in values if v is not None) == figure for values in (printed, computed)
    )


def _next_group(lines: list[Line], after: Line, header: Header, fmt: NumberFormat) -> bool:
    """Whether the next group's rows follow a group's total within three lines, with nothing between but the
    group's name ('Electrical'): a line that says when or where ('Second delivery: 06/15/2034', 'Electrical - ship
    to Nashua yard', review 25) is no mere name, and the table ends at the total."""
    following = [ln for ln in lines if ln.page == after.page and ln.top > after.top][:3]
    for line in following:
        row = read_row(header, line.words, fmt)
        if row is not None and row.quantity is not None and (row.unit_price is not None or row.amount is not None):
            return any(re.search(r"[^\W\d_]", w.text) for w in line.words)
        words = line.text.split()
        if (
            len(words) > 3
            or not re.fullmatch(r"[^\W\d_](?:[^\W\d_]|[&/ ])*", line.text)
            or _NOT_A_NAME.search(line.text)
        ):
            return False
    return False


_NOT_A_NAME = re.compile(
    r"\b(deliver\w*|ship\w*|send|sent|due|week|date|back-?order\w*|option\w*|alternat\w*|return\w*|cancel\w*|free|"
    r"sample\w*|rental|hire|credit|excluded|not|ohne|sans|lieferung|livraison)\b",
    re.I,
)


_NOT_A_GROUP = re.compile(
    r"\b(order|grand|net|nett|gross|po|p\.o\.|purchase|invoice|page|seite|carried|brought|running|line|lines|item|"
    r"items|tax|vat|freight|shipping|goods|merchandise|sub|amount|document|sum|balance|final|overall)\b",
    re.I,
)


_LINE_TOTAL = re.compile(r"^(?:line|item|schedule|sched\.?|position|pos\.?)\s+total:?$", re.I)


def _own_total(row: Row, words: list[Word], fmt: NumberFormat) -> bool:
    """A line's own total under it ('Line Total: 106.80', 'Schedule Total 106.80'): its caption names a line and
    its figure is that line's amount."""
    texts = [w.text for w in words]
    at = next((i for i in range(1, len(texts)) if _LINE_TOTAL.match(f"{texts[i - 1]} {texts[i]}")), None)
    figures = [parse_number(t, fmt) for t in texts[at + 1 :]] if at is not None else []
    amount = row_value(row)
    return bool(figures) and figures[-1] is not None and amount is not None and figures[-1] == amount


def row_value(row: Row) -> Decimal | None:
    """A row's money: its printed amount, else quantity × price, else None."""
    if row.amount is not None:
        return row.amount
    if row.quantity is not None and row.unit_price is not None:
        return row.quantity * row.unit_price
    return None


_POSITION_VALUE = re.compile(r"^(nettowert|netto|net value|net amount|positionswert)\b", re.I)


def _remark_before_rows(
    words: list[Word], ending: list[Word], lines: list[Line], after: Line, header: Header, fmt: NumberFormat
) -> bool:
    """Whether a line that ends the table is a remark naming a total with no figure after it, and a line with a
    quantity follows it on its page before a total with a figure (the remark may run on over several lines of
    text: review 34)."""
    if any(re.search(r"\d", w.text) for w in words[words.index(ending[0]) :]):
        return False
    for line in [ln for ln in lines if ln.page == after.page and ln.top > after.top][:15]:
        if END.search(line.text) and re.search(r"\d", line.text):
            return False
        row = read_row(header, line.words, fmt)
        if row is not None and row.quantity is not None:
            return True
    return False


def _total_beside_caption(words: list[Word], fmt: NumberFormat) -> bool:
    """'Account Distribution          Subtotal  $2,321.60' (Skyward): the caption of a block under the rows, and
    far right of it, on its line, the goods' total and its figure; the rows end there."""
    if len(words) < 3:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
    cut = max(range(len(gaps)), key=gaps.__getitem__) + 1
    left, right = words[:cut], words[cut:]
    if gaps[cut - 1] < 6 * max(w.bottom - w.top for w in words) or len(right) < 2:
        return False
    if any(re.search(r"[\d:]", w.text) for w in left) or parse_number(right[-1].text, fmt) is None:
        return False
    label = " ".join(w.text for w in right[:-1])
    return bool(_TOTAL_WORD.match(label) or END.search(label)) and not TAX.search(label)


def _row_follows(lines: list[Line], after: Line, header: Header, fmt: NumberFormat, described: bool = False) -> bool:
    """Whether a line item is printed within the next three lines after ``after``, before any other total (and,
    ``described``, with words in the description's column)."""
    following = [ln for ln in lines if ln.page == after.page and ln.top > after.top][:3]
    for line in following:
        if END.search(line.text):
            return False
        row = read_row(header, line.words, fmt)
        if row is not None and row.quantity is not None and (row.unit_price is not None or row.amount is not None):
            if described and not row.description:
                continue
            # a position names something; a strip of figures under 'Net amount  Freight  Tax  Total' does not
            return any(re.search(r"[^\W\d_]", w.text) for w in line.words)
    return False


def _whole_row(line: Line, header: Header, fmt: NumberFormat) -> bool:
    """Whether a line reads as a whole line item: words that describe it, its quantity times its price its amount."""
    row = read_row(header, line.words, fmt)
    if row is None or row.quantity is None or row.unit_price is None or row.amount is None or not row.description:
        return False
    return row.amount != 0 and abs(row.quantity * row.unit_price - row.amount) <= Decimal("0.01")


_CONTINUED = re.compile(
    r"^[\W_]*(?:continued\s+(?:on|to|overleaf)\b|suite\s+(?:page|au\s+verso|en\s+page)\b|"
    r"fortsetzung\s+(?:auf|seite|folgt)\b|(?:wird\s+)?fortgesetzt\b|continua\s+(?:a|alla)\s+pagina\b)",
    re.I,
)
PAGE_FOOT = re.compile(r"\b(?:page|seite|p\.)\s*\d{1,3}\s*(?:of|von|sur|/)\s*\d{1,3}\b", re.I)
_DATE_WORDS = {
    1: re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}-[A-Za-z]{3}-\d{2,4}"),
    3: re.compile(r"[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2}\.? [A-Za-zé]{3,9}\.? \d{4}"),
}
_TOTAL_WORD = re.compile(r"^(sub-?total|sous-total|total|summe|gesamtsumme|total\s+ht)\b:?$", re.I)
# 'Comments: …   Merchandise  180.00' (Spire): the goods' total after a note, with its figure; a word of a wrapped
# description ('for merchandise displays') is not; 'Items on order: 4   Goods:  $569.00' (Optisoft.NET), with its colon
_GOODS = re.compile(r"^(?:merchandise:?|goods:)$", re.I)
_INTERIM = re.compile(r"^(sub-?total|sous-total|base)\b", re.I)  # a subtotal's word: positions may follow it
_TAXABLE = re.compile(r"^base\s+imposable\b", re.I)  # 'NOTES   BASE IMPOSABLE  1 137,50 €': the goods' total
_AMOUNT = re.compile(r"^(po|p\.o\.|order)\s+amount:?$", re.I)  # 'Special Instructions:  PO Amount  765.00' (Spectrum)
# 'Please confirm this order by return e-mail.   Amount excl. tax  1,864.80' (dk): the net total after a note
_NET_AMOUNT = re.compile(r"^amount\s+(excl\.?|excluding|before|without)\s+(tax|vat)\b:?$", re.I)
_EDI_COUNT = r"(?:\s+\((?:CNT|CTT)\s?\d{0,2}\))?"  # 'Anzahl Positionen (CNT 2)  5' (SEEBURGER): the segment
_COUNT_LINE = re.compile(
    r"(?:total\s+)?(?:items|lines|qty|quantity|units|pieces)(?:\s+ordered)?" + _EDI_COUNT + r":?\s+[\d.,]+|"
    r"\d+\s+(?:item\(s\)|line\(s\)|items|lines)(?=\s|$)|"  # '4 item(s)   Subtotal $822.60' (BlueCart)
    r"(?:anzahl\s+)?(?:positionen|artikel)" + _EDI_COUNT + r":?\s+\d+|"
    # 'Nombre d'articles : 472', 'Nombre de lignes : 5'
    r"(?:nombre|nb\.?)\s+(?:de\s+|d['’]\s*)?(?:articles|lignes|produits|unités|pièces)"
    + _EDI_COUNT
    + r"\s*:?\s+[\d\s.,]+|"
    r"number\s+of\s+(?:items|lines|units|articles|rows|positions)" + _EDI_COUNT + r"\s*:?\s+[\d.,]+",
    re.I,
)
_TAX_LABEL = re.compile(r"^(tax|vat|freight|mwst|tva|ust\.?):$", re.I)  # 'Order Currency: USD   Sales Tax: 0.00'


def _money_after(words: list[Word], i: int) -> bool:
    """Whether an amount follows word ``i`` ('Sales Tax: 0.00', not 'Tax: N' among a line's details)."""
    return i + 1 < len(words) and _MONEY_LIKE.fullmatch(words[i + 1].text.lstrip("$€£")) is not None


_MONEY_LIKE = re.compile(r"[$€£]?\d[\d,. ]*[.,]\d{2}")


_SUB_WORDS = {"description", "rel", "rel.", "release", "due", "date", "qty", "quantity", "need", "by", "ship",
              "delivery", "promise", "promised", "schedule", "scheduled", "text", "notes"}  # fmt: skip


def _is_sub_header(line: Line, header: Header) -> bool:
    """A second caption row right under the header ('Description  Rel  Due Date  Rel Qty', Epicor / Infor
    forms): each line's description and release rows (number, due date, quantity) print under it."""
    words = [w.text.casefold().rstrip(":") for w in line.words]
    near = line.top - header.line.bottom < 2.5 * max(header.line.height, line.height)
    known = sum(1 for w in words if w in _SUB_WORDS)
    return near and len(words) >= 2 and not any(ch.isdigit() for w in words for ch in w) and known >= 0.7 * len(words)


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})(?:\s*=\s*\d{1,2}\s*[x×*]\s*\d{1,2})?\)?$")


def _column_numbers(line: Line, header: Header) -> bool:
    """'0  1  2  3  4  5=3x4' under the captions (Romanian and Eastern European forms, WinMentor): the
    columns' numbers, counted on from 0 or 1, one under each caption; no line. Counted from 1 on a form with no
    price to check a line by, '1 2 3 4 5' may be a line (review 20): only a count from 0, or a product's formula,
    or a count under priced columns (where a real line would not compute) is taken for the columns'."""
    numbers = [_COLUMN_NUMBER.match(w.text) for w in line.words]
    if len(numbers) < 4 or not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers if m]
    if values != list(range(values[0], values[0] + len(values))) or values[0] not in (0, 1):
        return False
    formula = any("=" in w.text for w in line.words)
    priced = header.has("unit_price") or header.has("amount")
    return values[0] == 0 or formula or priced


def _numbered(header: Header, word: Word) -> bool:
    """Whether a row starts in the header's first column (a line number, under 'Line'): a new line."""
    first = header.columns[0]
    following = header.columns[1].x0 if len(header.columns) > 1 else 1e9
    return first.role != "line_no" or word.x0 < following - 3


def _release_row(row: Row, sub: list[Word], words: list[Word]) -> None:
    """A row under a line read against the second caption row: its description (left of the second caption)
    and its due date; a release's number and quantity are the line's own again."""
    cut = sub[1].x0 - 3 if len(sub) > 1 else 1e9
    text = " ".join(w.text for w in words if w.x0 < cut)
    if text:
        row.description.append(text)
    row.dated += [w.text for w in words if w.x0 >= cut and _DATE_WORDS[1].fullmatch(w.text)]


def _taxed_row(header: Header, words: list[Word], fmt: NumberFormat) -> bool:
    """'Tax forms 1099-NEC kit   12   EA': a line item whose description starts with a tax word, not the tax line
    (which prints no quantity in the quantity column)."""
    if not TAX.search(" ".join(w.text for w in words)):
        return False
    row = read_row(header, words, fmt)
    return row is not None and row.quantity is not None and not row.unread


def _money(words: list[Word], fmt: NumberFormat) -> bool:
    """Whether a row prints an amount (not only a percentage): 'Tax: 0.2%' under a line is a note."""
    return any(parse_number(w.text, fmt) is not None for w in words[1:])


def read_row(header: Header, words: list[Word], fmt: NumberFormat) -> Row | None:
    """One printed row as a line item, or None when it has no quantity (then it is not a line)."""
    row = _read_row(header, words, fmt)
    if row is None or row.quantity is None:
        unglued = _unglued(header, words)
        if unglued is not None:
            again = _read_row(header, unglued, fmt)
            priced = again is not None and (again.unit_price is not None or again.amount is not None)
            if again is not None and again.quantity is not None and priced:
                return again
    return row


def _unglued(header: Header, words: list[Word]) -> list[Word] | None:
    """The row's words with a description run into the quantity beside it cut apart ('(Pack à 100)40' over the
    'Menge' column: the text ends at its bracket or letter, the figure starts in the quantity's column); None
    when no word is so glued. Read again only when the row had no quantity; its amount still checks it."""
    quantity = next((c for c in header.columns if c.role == "qty"), None)
    if quantity is None:
        return None
    out, cut = [], False
    for word in words:
        glued = re.fullmatch(r"(.*[)\]A-Za-zÀ-ÿ])(\d[\d.,]*)", word.text)
        if glued and word.x0 < quantity.x0 - 2:
            at = word.x0 + (word.x1 - word.x0) * len(glued[1]) / len(word.text)
            if at >= quantity.x0 - 2 * (word.bottom - word.top) and at < quantity.x1 + 2:
                out += [
                    Word(glued[1], word.x0, at, word.top, word.bottom, word.page),
                    Word(glued[2], at, word.x1, word.top, word.bottom, word.page),
                ]
                cut = True
                continue
        out.append(word)
    return out if cut else None


def _read_row(header: Header, words: list[Word], fmt: NumberFormat) -> Row | None:
    columns = header.columns
    free = header.free
    row = Row(0, 0.0, printed=" ".join(w.text for w in words))
    first = columns[0]
    if len(words) > 1 and first.role in ("line_date", *TEXT_ROLES) and first.role != "line_no":
        if re.fullmatch(r"\d{1,3}", words[0].text) and words[0].x1 < first.x0 - 3:
            words = words[1:]  # a line number printed left of the first caption, under none ('Sl No.' below it)
    left_end = free if free >= 0 else len(columns)
    # fixed columns on the left, by position
    index = 0
    last: Column | None = None
    while index < len(words) and left_end > 0:
        column = _left_column(columns, words, index, left_end, row, last, fmt)
        if column is None:
            break
        row.cells[column.role] = (row.cells.get(column.role, "") + " " + words[index].text).strip()
        if column.role == "qty" and " " in words[index].text:
            row.qty_text = words[index].text  # '1 000' printed as one number (its words set tight, joined)
        last = column
        index += 1
    # fixed columns on the right, by type, from the row's end
    end = len(words)
    if not header.has("unit_price") and not header.has("amount"):
        # an order form without prices: figures right of every column ('Lead Days' over '30', a caption read as a
        # side panel's) are no quantity; nothing would check them, so they hold the row unread (review 32)
        last_caption = columns[-1]
        while (
            end > index
            # (a description runs on past its caption: 'HAMMER CLAW 16OZ'; a quantity right-aligned under a centred
            # 'Qty' may start past it: review 33)
            and last_caption.role not in (*TEXT_ROLES, "qty")
            and words[end - 1].x0 > last_caption.x1 + 2
            and parse_number(words[end - 1].text, fmt) is not None
        ):
            row.unread.append(words[end - 1].text)
            row.beyond = True
            end -= 1
    right = list(range(free + 1, len(columns))) if free >= 0 else []
    for ci in reversed(right):
        column = columns[ci]
        previous_x1 = columns[ci - 1].x1 if ci > 0 else 0.0
        if column.role == "other":
            following = columns[ci + 1].x0 if ci + 1 < len(columns) else 1e9
            end = _take_other(column, words, index, end, following, fmt, previous_x1, row)
            continue
        end = _take(row, column, words, index, end, previous_x1, header, fmt)
    row.description = [w.text for w in words[index:end]]
    # the free column is an item's; words there are its code, unless another column holds an item code and
    # these are several words ('Artikel: Klauenhammer 16 oz' beside 'Ihre Art.-Nr. HT-9001'): a description
    other_code = any(c.role in ITEM_ROLES for i, c in enumerate(columns) if i != free)
    if free >= 0 and columns[free].role in ITEM_ROLES and row.description:
        if not (other_code and len(row.description) > 1):
            row.cells[columns[free].role] = " ".join(row.description)
            row.description = []
            named = _CODE_DASH_NAME.fullmatch(row.cells[columns[free].role])
            if named and not header.has("description") and (_code_word(named[1]) or named[1].isdigit()):
                # '7740 - Duct tape 48 mm …' (Fleetio): one 'Item' cell, the code, a dash and the item's name
                row.cells[columns[free].role], row.description = named[1], named[2].split()
    lone = len(row.description) == 1 and _code_word(row.description[0])
    if lone and not any(header.has(role) for role in ITEM_ROLES):
        row.cells["item"], row.description = row.description[0], []  # 'AB-1005' alone, its name under it (Tally)
    labelled = _ROW_CODE.fullmatch(" ".join(row.description)) if 1 < len(row.description) <= 3 else None
    if labelled and not _DOCUMENT_NUMBER.match(labelled[1]) and not any(header.has(role) for role in ITEM_ROLES):
        row.cells["item"], row.description = labelled[1], []  # 'Réf. EL-6001' on the row, its name under it (Henrri)
    _settle_left(row, fmt)
    # (a row whose figure stood right of every column stays a line, unread: never a continuation dropped unseen)
    if (
        row.quantity is None
        and not row.beyond
        and not (row.unread and (row.unit_price is not None or row.amount is not None))
    ):
        return None  # no quantity: a continuation; an unreadable one beside a price is a line (read as unsure)
    priced = header.has("unit_price") or header.has("amount")
    unnumbered = header.has("line_no") and not row.cells.get("line_no")
    if priced and row.unit_price is None and row.amount is None:
        if unnumbered or not any(row.cells.get(r) for r in ITEM_ROLES):
            return None  # an order form's blank price cells are fine on an item's row, not on a stray one
    return row


def _left_column(
    columns: list[Column], words: list[Word], index: int, stop: int, row: Row, last: Column | None, fmt: NumberFormat
) -> Column | None:
    """The left-side column ``words[index]`` belongs to, None when it starts the free text. By position first;
    but a word that cannot be a quantity or unit after one ('6 MR-9501', 'Case CP-3305', a second number:
    '4.00 7731'), or one a column gap away from the cell it would join ('MR-9501     Mooring line'), starts the
    next column: captions centred over their values put a value's start under the caption before. A row never
    goes back a column."""
    word = words[index]
    column = _zone(columns, word, stop)
    if column is None:
        return None
    spaced = index > 0 and word.x0 - words[index - 1].x1 > word.bottom - word.top
    held = row.cells.get("qty", "")
    second = parse_number(word.text, fmt) is not None and parse_number(f"{held} {word.text}", fmt) is None
    typed = (column.role == "qty" and bool(held)) or column.role == "uom"
    scheduled = column.role == "line_no" and index > 0 and words[index - 1].text.endswith("-")  # '1-  1'
    # '001 AB-1001': a code printed left of its caption, close after the line's number, is no part of the number
    coded = column.role == "line_no" and bool(re.fullmatch(r"\d{1,4}", row.cells.get("line_no", "")))
    coded = coded and not re.fullmatch(r"[\d./-]+", word.text)
    if (
        (typed and (not _quantity_word(word.text, fmt) or second))
        or coded
        or (spaced and column is last and not scheduled)
    ):
        following = columns.index(column) + 1
        if following >= stop:
            return None
        column = columns[following]
    if last is not None and columns.index(column) < columns.index(last):
        return last
    return column


def _price(text: str, fmt: NumberFormat) -> Decimal | None:
    """A price or amount; '9.70/EA' (a price per unit) reads as 9.70."""
    per = re.fullmatch(r"(.+)/([A-Za-z]{1,5})", text)
    return parse_number(per[1] if per and unit_code(per[2]) else text, fmt)


def _quantity_word(text: str, fmt: NumberFormat) -> bool:
    """Whether a word can be part of a quantity cell: a number, a unit, or both glued ('16ea')."""
    glued = _GLUED_UNIT.fullmatch(text)
    return parse_number(text, fmt) is not None or unit_code(text) is not None or bool(glued and unit_code(glued[2]))


# a line's own reference under 'Reference' beside 'Part' (InvenTree): a requisition's or an order's number, or none
_REFERENCE_CAPTIONS = ("reference", "ref.", "ref")
_LINE_REFERENCE = re.compile(r"[-–—]|(?:req|rq|reqn|pr|po|wo|job|ticket)[-#\s]?\d[\w\-/]*", re.I)


def _take_other(
    column: Column,
    words: list[Word],
    start: int,
    end: int,
    following: float,
    fmt: NumberFormat,
    previous_x1: float,
    row: Row,
) -> int:
    """A column we do not read (discount, tax): every value printed under it, so none is taken for another. A
    word (not a number) centred under the caption may start left of it ('Tax Exempt' under 'Tax')."""
    k = end - 1
    while k >= start:
        word = words[k]
        if word.text in SIGNS:
            k -= 1
            continue
        value = parse_number(word.text, fmt)
        number = value is not None
        rate = re.fullmatch(r"\(\d+(?:[.,]\d+)?\s*%\)", word.text)  # '0.00 (0%)' under 'Tax' (Rewaa): the rate
        under = column.x0 - 4 < word.middle < following - 1 and (
            number or is_percent(word.text) or len(word.text) <= 3 or rate is not None
        )
        reach = max(previous_x1 + 2, column.x0 - 3 * (word.bottom - word.top))  # centred under it, not beyond
        centred = not number and reach < word.middle < following - 1 and not _DATE_WORDS[1].fullmatch(word.text)
        if not (under or centred):
            break
        if value is not None and under:
            row.others.append(value)
        if value is None and norm(column.caption) in _REFERENCE_CAPTIONS and not _LINE_REFERENCE.fullmatch(word.text):
            row.unread.append(word.text)  # 'AB-1003' under 'Reference' beside 'SKU: AB-1002' (review 38): which one?
        if rate is not None and under and k - 1 >= start and words[k - 1].x0 > previous_x1 + 2:
            taxed = parse_number(words[k - 1].text, fmt)  # the tax's figure before its rate, set right-aligned to it
            if taxed is not None:
                row.others.append(taxed)
                k -= 1
        k -= 1
    return k + 1


def _zone(columns: list[Column], word: Word, stop: int) -> Column | None:
    """The left-side column a word sits in: zones run from one caption's start to the next's."""
    probe = word.x0 + min(6.0, (word.x1 - word.x0) / 2)
    for i in range(stop):
        start = columns[i].x0 - 3 if i else -1e9
        limit = columns[i + 1].x0 - 3 if i + 1 < len(columns) else 1e9
        if start <= probe < limit:
            return columns[i]
    return None


def _take(
    row: Row, column: Column, words: list[Word], start: int, end: int, previous_x1: float, header: Header,
    fmt: NumberFormat,
) -> int:  # fmt: skip
    """Let one right-hand column take its cell from ``words[start:end]``'s end; returns the new end."""
    k = end - 1
    while k >= start and words[k].text in SIGNS and column.role != "uom":
        k -= 1
    if k < start:
        return end
    word = words[k]
    if column.role != "qty" and word.middle < previous_x1 - 2:
        return end  # the cell is empty: this word belongs further left
    ci = header.columns.index(column)
    if column.role == "qty" and ci > 0 and word.x1 < header.columns[ci - 1].x0 - 2:
        return end  # 'Box à 100' ending a description under 'Artikel / Bezeichnung': left of the column before
    if column.role in ("unit_price", "amount"):
        value = _price(word.text, fmt)
        if value is None:
            return end
        before = row.unit_price if column.role == "unit_price" else row.amount
        if before and value and before != value:  # (a tax rate's '0.00' beside the price is no second price)
            # a second column read as the same one ('Cost' over 'Each' beside 'Ext' over 'Cost', both read as the
            # price, K1702): the figure the one reading keeps is not the only one printed, a person looks
            row.unread.append(word.text)
        if column.role == "unit_price":
            row.unit_price = value
        else:
            row.amount = value
        while k - 1 >= start and words[k - 1].text in SIGNS:  # '$ 42.00': the sign goes with its amount
            k -= 1
        return k
    if column.role == "line_date":  # '09/18/2026', or 'Sep 18, 2026' over three words
        for size in (3, 1):
            printed = " ".join(w.text for w in words[max(start, k - size + 1) : k + 1])
            if k - size + 1 >= start and _DATE_WORDS[size].fullmatch(printed):
                row.dated.append(printed)
                return k - size + 1
        if re.fullmatch(r"\d{1,2}[./-]\d{1,2}\.?", word.text):
            row.dated.append(word.text)  # '04/20' without a year: kept, so that it holds the order unread
            return k
        if re.search(r"\d", word.text) and word.x0 >= column.x0 - 12:
            # 'Wk 17', 'Apr 20', '14' (lead days) under 'Due': the column's cell, unread, never the quantity's
            # figure on its left (review 32)
            cell = k
            while cell - 1 >= start and words[cell - 1].x0 >= column.x0 - 12 and words[cell - 1].middle > previous_x1:
                cell -= 1
            row.dated.append(" ".join(w.text for w in words[cell : k + 1]))
            return cell
        return end
    if column.role in ITEM_ROLES:  # an item column right of the description: one code
        coded = re.search(r"\d", word.text) or re.fullmatch(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+", word.text)
        if coded and len(word.text) <= 40 and word.middle > (previous_x1 + column.x0) / 2:
            row.cells[column.role] = word.text
            return k
        return end
    if column.role == "uom":
        if unit_code(word.text) or (word.text.isalpha() and len(word.text) <= 5):
            if row.uom is not None and (unit_code(row.uom) or row.uom.upper()) != (
                unit_code(word.text) or word.text.upper()
            ):
                row.unread.append(word.text)  # 'U/I' EA beside 'Unit of Purchase' PK (review 38): which, a person says
            row.uom = word.text
            return k
        for size in (1, 2, 3):  # 'CS (24/cs)', 'BX (200 pr/bx)' under 'Order Unit' (Eatec): the unit, then its pack
            at = k - size + 1
            packed = at - 1 >= start and _PACK.fullmatch(" ".join(w.text for w in words[at : k + 1]))
            if packed and unit_code(words[at - 1].text):
                row.uom, row.pack = words[at - 1].text, int(re.match(r"\((\d+)", words[at].text)[1])  # type: ignore[index]
                return at - 1
        return end
    if column.role != "qty":
        return end  # a second description column ('Desc 1 | Desc 2'): its words stay the description's
    # quantity, with a unit printed beside it when there is no unit column
    glued = _GLUED_UNIT.fullmatch(word.text)
    if glued and unit_code(glued[2]):
        row.quantity, row.uom, row.qty_text = parse_number(glued[1], fmt), row.uom or glued[2], glued[1]
        return k
    bracketed = re.fullmatch(r"\((\w{1,5})\)", word.text)  # '5 (CS)': Ariba's quantity and its unit in one cell
    unit = bracketed[1] if bracketed else word.text
    if not header.has("uom") and unit_code(unit) and k - 1 >= start:
        # '8 x Box' (Vinsight): the count, a times sign and the unit in one cell
        times = k - 2 >= start and words[k - 1].text in ("x", "×")
        at = k - 2 if times else k - 1
        quantity = parse_number(words[at].text, fmt)
        if quantity is not None:
            row.quantity, row.uom, row.qty_text = quantity, unit, words[at].text
            return at
    quantity = parse_number(word.text, fmt)
    if quantity is not None:
        row.quantity, row.qty_text = quantity, word.text
        return k
    if re.match(r"\d", word.text) and column.x0 - 12 <= word.middle <= column.x1 + 12:
        row.unread.append(word.text)  # '10*', '1O': a quantity printed in the column that does not read
        return k
    return end


def _settle_left(row: Row, fmt: NumberFormat) -> None:
    """Quantity and unit read by position on the left ('200 EA' before the item): make them typed."""
    text = row.cells.pop("qty", None)
    if text is not None:
        parts = text.split()
        spaced = re.match(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?(?= |$)", text)
        # (one word joined from tight digits: '2 | 100' under 'Qty | Pack Qty' are two figures, review 35)
        if spaced and spaced[0] == row.qty_text and parse_number(spaced[0], fmt) is not None:
            parts = [spaced[0], *text[spaced.end() :].split()]  # '1 000 pièce': a thousand, spaced
        quantity = parse_number(parts[0], fmt) if parts else None
        if quantity is None and parts:
            glued = _GLUED_UNIT.fullmatch(parts[0])
            if glued and unit_code(glued[2]):
                quantity, row.uom = parse_number(glued[1], fmt), glued[2]
        if quantity is None:
            row.unread.append(text)
        row.quantity = row.quantity if quantity is None else quantity
        row.qty_text = parts[0] if quantity is not None else row.qty_text
        if len(parts) > 1 and unit_code(parts[1]):
            row.uom = row.uom or parts[1]
    dated = row.cells.pop("line_date", None)
    if dated:
        row.dated.append(dated)
    unit = row.cells.pop("uom", None)
    if unit is not None:
        row.uom = row.uom or unit
    for role in ("unit_price", "amount"):
        text = row.cells.pop(role, None)
        if text is not None:
            value = _price(text.replace(" ", ""), fmt)
            setattr(row, role, value)


def _stacked_code(row: Row, header: Header, words: list[Word]) -> bool:
    """Tecsys: 'PRODUCT' over 'VENDOR PRODUCT', two code columns captioned one over the other: the row's first
    line prints the upper caption's code (the customer's), the line under it the lower's (ours). The code read
    on the first line goes to the upper column, the one alone under it to the lower."""
    codes = [c for c in header.columns if c.role in ITEM_ROLES]
    if len(words) != 1 or not BARE_CODE.match(words[0].text) or len(codes) != 2:
        return False
    upper, lower = codes  # the upper caption is read first (``_header`` places it before the one under it)
    if upper.role == lower.role or min(upper.x1, lower.x1) - max(upper.x0, lower.x0) <= 0:
        return False
    if not lower.x0 - 8 <= words[0].x0 <= lower.x1 or row.code_below:
        return False
    first = row.cells.get(lower.role) or row.cells.get(upper.role)
    if not first or row.cells.get(upper.role) and row.cells.get(lower.role):
        return False
    row.cells.pop(lower.role, None)
    row.cells[upper.role], row.cells[lower.role], row.code_below = first, words[0].text, True
    return True


def _code_line(text: str) -> bool:
    """A line that is only a labelled code ('SKU: 7740', 'Your material no.: PL-5003')."""
    return bool(CODE_LINE.match(text) or WHOSE_CODE_LINE.match(text))


# 'Réf. : EL-6002 EAN 0614141101719' (LGPI): a code line, then the same item's barcode
_BARCODE_AFTER = re.compile(r"(.+?)\s+(?:ean|ean-13|gtin|upc)\s*:?\s*(\d{8,14})", re.I)


def _barcode_after(text: str) -> tuple[str, str | None]:
    """A labelled code line and the barcode printed after it, apart (the capture checks that both name one item:
    review 28); the text as it is, and None, on any other line."""
    barcode = _BARCODE_AFTER.fullmatch(text)
    return (barcode[1], barcode[2]) if barcode and _code_line(barcode[1]) else (text, None)


def _without_barcode(text: str) -> str:
    return _barcode_after(text)[0]


def _without_last_note(header: Header, words: list[Word]) -> list[Word]:
    """A line under a row without the words under a note column right of every figure ('SKU: AB-1003' with
    'lines 1-2' under 'Note', InvenTree): the note's wrapped text, neither code nor description."""
    figures = [c for c in header.columns if c.role in ("qty", "unit_price", "amount")]
    last = header.columns[-1] if header.columns else None
    if last is None or last.role != "other" or not figures or last.x0 < max(c.x1 for c in figures):
        return words
    kept = [w for w in words if w.x0 < last.x0 - 3]
    if DATE_IN_TEXT.search(" ".join(w.text for w in words if w not in kept)):
        return words  # 'Deliver by' over '05/15/2036' under 'Remarks' (review 38): a date, seen, never dropped
    return kept if len(kept) < len(words) and kept else words


def _continue(row: Row, header: Header, words: list[Word], fmt: NumberFormat | None = None) -> None:
    """A row without a quantity under a line: its item code on a line of its own, or more description (and a
    unit printed under the quantity: 'SKU: AB-1005      box')."""
    words = _without_last_note(header, words)
    if not words:
        return
    qty = next((c for c in header.columns if c.role in ("qty", "uom")), None)
    last = words[-1]
    if len(words) > 1 and qty is not None and unit_code(last.text) and qty.x0 - 30 <= last.middle <= qty.x1 + 30:
        row.uom = row.uom or last.text
        words = words[:-1]
    text, barcode = _barcode_after(" ".join(w.text for w in words))
    row.barcode = row.barcode or barcode
    if len(words) == 1 and text.isalpha() and unit_code(text) and not header.has("uom") and not row.uom:
        # 'Box' alone under 'GL-8001 - Nitrile gloves …' (Fleetio): the line's unit, where no column names one (one
        # that is not the item's holds UOM_MISMATCH)
        row.uom = text
        return
    if header.has("line_no") and re.fullmatch(r"\d{1,3}\.?", text):
        return  # a pre-printed, empty numbered row of an order form
    if _stacked_code(row, header, words):
        return
    position = row.cells.get("item")
    if position and re.fullmatch(r"\d{1,3}", position) and not row.cells.get("line_no") and _labels_code(text):
        row.cells["line_no"] = row.cells.pop("item")  # '001' under 'Item', 'Catalog #: EL-6005' under it (Skyward)
    # 'Item # CP-110045 (vendor HT-9001)' (Caterease): the customer's item, ours in brackets after it
    # 'Item #: CP-330501  Vendor #: EL-6003' (Siriusware): the seller's number with no word for what it numbers
    # 'Part No: DR-3001 (Vendor)' (ShipServ): whose code it is, in brackets after it
    text = _WHOSE_AFTER.sub(lambda m: f"{m['whose']} {m['label']}{m['code']}", text)
    owned = _BARE_WHOSE.sub(lambda m: f"{m[1]} item #:", text)
    row.bare_whose = row.bare_whose or owned != text
    pairs = _pairs(_BRACKETED_WHOSE.sub(lambda m: f" {m[1]} item: {m[2]} ", owned).strip())
    if pairs:  # 'Supplier Part #: PL-5003   Required: 01/21/27' (Prophet 21): the seller's code and a date
        for pair in pairs:
            if pair["released"]:
                row.released.append(pair["released"])
            if pair["site"]:
                row.sites.append(pair["site"])
            if pair["per"] or pair["release"] or pair["released"] or pair["site"] or pair["coding"] or pair["status"]:
                continue
            if pair["date"]:
                row.dated.append(pair["date"])
            elif pair["stock"] and not row.cells.get("item_theirs"):
                row.cells["item_theirs"], row.code_below = pair["stock"], True  # the customer's stock number
            elif pair["plain"]:
                # ('Stock #: 7740  Catalog #: TP-7001' (Skyward): the customer's stock number, then the catalogue's)
                stocked = ("item_theirs",) if any(p["stock"] for p in pairs) else ()
                role, held = next(
                    ((r, row.cells[r]) for r in ITEM_ROLES if row.cells.get(r) and r not in stocked), ("item", None)
                )
                if held is not None and _NO_CODE.fullmatch(held):
                    row.cells.pop(role)  # 'N/S' (non-stock, Ellipse) over 'Part No: HT-9002': the code is below
                    role, held = "item", None
                if held is not None and len(held.split()) > 2 and not row.description:
                    # 'Item' over the name, 'Item # CP-110045 (vendor HT-9001)' under it (Caterease): the name
                    # is the description, the code under it the item
                    row.description, held = held.split(), None
                    row.cells.pop(role)
                if held is None:
                    row.cells["item"], row.code_below = pair["plain"], True
                elif role == "item" and held != pair["plain"] and header.caption("item") in _STOCK_CAPTIONS:
                    # 'Stock Code' over 7731, 'Part No: PL-5003' under it (Ellipse): the customer's stock code and
                    # the part it buys; the core checks that its cross-reference names the same item
                    row.cells["item_theirs"], row.cells["item"], row.code_below = held, pair["plain"], True
                elif held != pair["plain"]:  # 'Part #: CP-440121' under GL-8002 (review 17): whose? A person says
                    row.unread.append(pair["plain"])
            else:
                row.cells[_whose(pair)], row.code_below = pair["code"], True
        return
    dated = LINE_DATE.match(text)
    if dated:
        row.dated.append(dated["value"])
        return
    cost = _UNIT_COST.fullmatch(text)
    if cost and fmt is not None and not header.has("unit_price") and row.unit_price is None:
        # 'Cost 9.70 / each' under a line (Yardi): its unit price, per the line's own unit ('Price 9.70 / box' under
        # a line counted in each is not, review 21); with no unit named, only where an amount checks it
        own = unit_code(cost["per"]) == unit_code(row.uom or "") if cost["per"] else header.has("amount")
        if own and (row.uom or not cost["per"]):
            row.unit_price = parse_number(cost["price"], fmt)
            return
    has_item = any(row.cells.get(r) for r in ITEM_ROLES)
    parts = re.split(r"\s+[·|]\s+", text)  # 'Art.-Nr. 310-0816 · Ihre Art.-Nr. AB-1002' (sevDesk): both codes
    coded = [p for p in parts if WHOSE_CODE_LINE.match(p) or CODE_LINE.match(p)]
    # 'Product code: CX-2003 · Purchase' (Current RMS): the code, then what kind of line it is, a word alone
    kinds = [p for p in parts if p not in coded and (p.casefold() in _PLAIN_KINDS or _ACCOUNT_PART.match(p))]
    # 'Vendor Part #: TP-7001 · Case' (Fleetio): the code, then the line's unit where nothing else names it
    unit = parts[-1] if len(parts) > 1 and not header.has("uom") and not row.uom and unit_code(parts[-1]) else None
    if unit is not None and parts[-1] not in coded:
        kinds.append(parts[-1])
    if len(parts) > 1 and coded and parts[0] in coded and len(coded) + len(kinds) == len(parts):
        row.uom = row.uom or unit
        for part in coded:
            _continue(
                row, header, [Word(part, words[0].x0, words[-1].x1, words[0].top, words[0].bottom, words[0].page)]
            )
        return  # (the kind is no part of the item's name)
    whose = WHOSE_CODE_LINE.match(text)
    if whose:  # 'Your material no.: PL-5003' under the customer's 7731: the seller's code (README: Your = ours)
        row.cells[_whose(whose)], row.code_below = whose["code"], True
        return
    labelled = CODE_LINE.match(text)
    named = row.cells.get("item")
    if labelled and named and len(named.split()) > 2 and not row.code_below:
        # 'Ball Valve 1/2in Brass' in the item column, 'Code: 7731' under it (Precoro): a name and its code
        row.description = [*named.split(), *row.description]
        row.cells["item"], row.code_below = labelled[1], True
        return
    if labelled and row.cells.get("item_ours") and not (row.cells.get("item") or row.cells.get("item_theirs")):
        row.cells["item"], row.code_below = labelled[1], True  # 'Artikelnr. 600-7001' under our code: theirs
        return
    if not has_item and labelled:
        row.cells["item"], row.code_below = labelled[1], True
        return
    # (a code of capitals and dashes alone under the row too, 'DMO-TAPE-E' (Bukku): a line with no code holds
    # anyway, and one that is nobody's item holds UNKNOWN_ITEM)
    if (
        not has_item
        and not header.has("item")
        and len(words) == 1
        and (BARE_CODE.match(text) or _LETTER_CODE.match(text))
        and not _STANDARD.match(text)  # 'DIN-934' under 'Hex nut M12': the standard it is made to (review 27)
    ):
        row.cells["item"], row.code_below = text, True
        return
    row.description.append(text)


_PAIR = re.compile(
    _WHOSE_CODE + "|"
    # beside a whose-code, a plain one: 'Item: CP-440120  Supp. Item: GL-8002' (Greentree), the customer's and ours
    # ('SKU CP-110046  Supplier code HT-9002', Retail Express: without a colon the code holds a digit)
    r"stock\s*(?:no\.?|#|number)\s*:\s*(?P<stock>[A-Za-z0-9][A-Za-z0-9\-_/.]*)|"  # Skyward: 'Stock #: 7740'
    r"(?:item|part|article|katalog(?:nummer)?|catalog|sku|art\.-nr\.?|artikel-?nr\.?|art\.\s?nr\.?|art\.(?=\s*no\b))"
    r"\s*(?:no\.?|#)?"
    r"(?:\s*:\s*|\s+(?=\S*\d|(?-i:[A-Z]{2,}(?:-[A-Z0-9]+)+)(?!\S)))"  # Ultimo: 'Article DMO-TAPE-E  Supplier art. …'
    r"(?P<plain>[A-Za-z0-9][A-Za-z0-9\-_/.]*)|"
    r"(?:(?:requested|required|planned|expected|promised)\s+)?(?:delivery|deliv\.?|ship|need[- ]by|due|receipt|"
    r"required|requested|req'd|req\.?|request|promised?|expected|liefertermin|lieferdatum)(?:\s*date|\s+by)?\s*:?\s*(?P<date>"
    + DATE_IN_TEXT.pattern
    + ")|"
    # a construction job's cost coding under the row (Viewpoint: 'Job: 2714-  Phase: 09-2900-00  CT: 2'), a tax flag
    # and Maximo's ('Storeroom: CONCORD  GL Account: 6100-300-2610', 'PR: 30301-1  Requested By: MLEBLANC')
    # Ellipse's 'Part No: TP-7001  Mnemonic: RIDGE  Preq: R0047781-001': the supplier's short name, the requisition
    r"(?P<coding>(?:job|phase|ct|cost\s+type|cost\s+code|storeroom|gl\s+account|pr|requested\s+by|mnemonic|preq|"
    r"inspection\s+required)\s*(?:no\.?|#)?\s*:\s*[A-Za-z0-9][\w\-/.]*|"
    r"tax(?:able)?\s*:\s*(?:[YN]|yes|no|exempt)\b)|"
    r"(?P<per>je|per)\s+1\s+[A-Za-zÄÖÜäöü.]{1,8}|"  # 'je 1 St': the price is per one unit (per 100 is not read)
    # 'Rel 1  Due Date: 07/12/2027  Rel Qty: 300.00 EA' (Epicor), 'Schedule 1  Ship-to Location: Yard Concord
    # Requested Delivery Date: 12-Aug-2027  Quantity: 30' (Oracle): a release of the line, its date, place and
    # quantity; Plex prints them without colons ('Release 1  Due 01/14/2028  Qty 20  Status Open')
    r"(?P<release>(?:rel(?:ease)?\.?|schedule|sched\.)\s*(?:no\.?|#)?\s*\d{1,3}(?:\s+of\s+\d{1,3})?)\b|"  # 'Rel 1 of 1'
    r"ship[- ]to(?:\s+location)?\s*:\s*(?P<site>.+?)(?=\s+(?:requested|required|delivery|need|due|promised|quantity|"
    r"qty)\b|$)|"
    r"(?:rel(?:ease)?\.?\s+)?(?:qty|quantity)\.?\s*:?\s*(?P<released>\d[\d.,]*)(?:\s+[A-Za-z]{1,5}\b)?|"
    r"(?P<status>status\s*:?\s*(?:open|closed|firm|released|planned|active|pending))\b",  # Plex: 'Status Open'
    re.I,
)


_UNIT_COST = re.compile(
    r"(?:unit\s+)?(?:cost|price)\s*:?\s*(?P<price>\d[\d.,]*)(?:\s*/\s*(?P<per>[^\W\d_]{1,8}))?", re.I
)


# 'Réf. EL-6001' as a row's description cell: an article's reference, a code of letters and digits ('Item # 1', a
# line's number, and 'SKU 12' are not, review 26)
_ROW_CODE = re.compile(
    r"(?:r[ée]f\.?|r[ée]f[ée]rence|art\.|article|artikel)\s*:?\s+((?=[\w\-/.]*[A-Za-z])(?=[\w\-/.]*\d)[A-Za-z0-9][\w\-/.]{2,})",
    re.I,
)
# a document's number, not an item's: an order, a delivery note, a quote, an invoice ('Ref. PO-4471', 'Réf. BL-2231')
_DOCUMENT_NUMBER = re.compile(
    r"(?:po|p\.o\.|bl|dn|ls|so|q|qt|quo|inv|fa|fac|dev|da|bc|cmd|ord|or|job|wo|contract|k)[-/ .]?\d", re.I
)
_STANDARD = re.compile(r"(?:DIN|ISO|EN|ASTM|ANSI|SAE|BS|NF|JIS|UNI|GOST|ASME|IEC|UL)[-\s]?\d", re.I)
_BARE_WHOSE = re.compile(r"\b(vendor|supplier)\s*#\s*:", re.I)
_WHOSE_AFTER = re.compile(
    r"^(?P<label>(?:part|item|article|sku)\s*(?:no\.?|#|number)?\s*:\s*)(?P<code>\S*\d\S*)"
    r"\s+\((?P<whose>vendor|supplier|buyer|customer)\)$",
    re.I,
)
_BRACKETED_WHOSE = re.compile(
    r"\((vendor|supplier|supp\.?|vend\.?|your)(?:\s+(?:item|part|code|sku|no\.?|#))?\s*:?\s*"
    r"([A-Za-z0-9][\w\-/.]*\d[\w\-/.]*)\)",
    re.I,
)


# an item cell that says there is no code: non-stock, none, not applicable
_NO_CODE = re.compile(r"n/?s|n/?a|non-stock|non-stock item|none|-+|—", re.I)
_STOCK_CAPTIONS = ("stock code", "stock no.", "stock #", "stock number", "stock no")


def _labels_code(text: str) -> bool:
    """Whether a line under a row names an item's code by its label, alone or in a pair."""
    return _code_line(text) or any(p["plain"] or p["stock"] or p["code"] for p in _pairs(text))


def _pairs(text: str) -> list[re.Match[str]]:
    """Two or more 'label: value' pairs that make up a whole line under a row — a code whose owner is named and
    a line's date — else nothing (one pair alone is read by the single-pair rules)."""
    found = list(_PAIR.finditer(text))
    rest = _PAIR.sub(" ", text)
    return found if len(found) >= 2 and not rest.strip() else []


_CODE_WORDS = {"item", "item#", "part", "part#", "sku", "art.", "artikel", "réf.", "ref.", "article"}
_ITEM_WORDS = re.compile(r"\b(item|part|product|article|code|sku|material)\b", re.I)
# the item and its description named apart ('Item/Description', 'Part ID & Description'), not one thing ('Item
# Description': the description of the item, which may begin with a size, 'M12 Anchor bolt')
_ITEM_AND_DESCRIPTION = re.compile(
    r"\b(?:item|part|product|article|code|sku|material)\b[\w#.\s]*?\s*(?:/|&|\+|\band\b)\s*(?:description|desc\.?)",
    re.I,
)


def coded_description(header: Header, rows: list[Row]) -> bool:
    """Whether the description column's caption names an item too ('Part ID / Description', 'Item &
    Description') and no other column holds the item (none, or one left empty on every row: PeopleSoft's 'Mfg
    ID'): then the description begins with the item's code."""
    if any(row.cells.get(role) for row in rows for role in ITEM_ROLES):
        return False
    if any(header.has(role) for role in ITEM_ROLES):  # an item column left empty: only a caption naming both
        return any(c.role == "description" and _ITEM_AND_DESCRIPTION.search(c.caption) for c in header.columns)
    return any(c.role == "description" and _ITEM_WORDS.search(c.caption) for c in header.columns)


def item_from_description(row: Row, coded: bool = False) -> str | None:
    """'[FURN_7777] Office Chair' / '*987123* Olive Oil': a code printed in brackets before the description;
    'CP-110046 - Tape measure': a code set off from it by a dash; under a ``coded`` caption
    (:func:`coded_description`), a code as the first word ('AB-1002 Anchor bolt M10')."""
    if coded and row.description and _code_word(row.description[0]):
        return row.description[0]
    words = row.description
    if len(words) > 3 and words[0].casefold() in _CODE_WORDS and words[2] in ("-", "–", "—", ":"):
        if re.fullmatch(r"[A-Z0-9][A-Z0-9\-_/.]{2,}", words[1]):
            return words[1]  # 'Item 7740 - Duct tape 2" silver': the code after the word that names it
    if row.description:
        found = BRACKET_CODE.match(row.description[0])
        if found:
            return found[1]
        first = row.description[0]
        if len(row.description) > 2 and row.description[1] in ("-", "–", "—", ":") and BARE_CODE.match(first):
            return first
    return None
