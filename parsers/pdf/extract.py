"""From a document's text lines to one canonical order with a confidence per field.

Confidence is earned, not assumed: a line is sure only when its item, quantity, price and amount were all
read and quantity × price = amount; the table is sure only when every line is and the lines add up to the
printed total (and to every 'Carried forward'); the total is sure only when the lines add up to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parsers.capture import CONFIDENT, LINE_AMOUNT_MISMATCH, LOW_CONFIDENCE, TABLE_NOT_FOUND, US_STATES
from parsers.pdf.columns import HeaderMatcher
from parsers.pdf.header import (
    AMBIGUOUS_DATE,
    LABELLED,
    HeaderFields,
    any_date,
    delivery_captions,
    qualified_delivery,
    read_header,
    stray_dates,
)
from parsers.pdf.labels import Label, LabelFinder
from parsers.pdf.layout import Line, join_spaced_thousands
from parsers.pdf.table import Row, Table, coded_description, find_tables, item_from_description, row_value
from parsers.pdf.templates import PdfTemplate
from parsers.pdf.values import (
    DATE_IN_TEXT,
    DateOrder,
    NumberFormat,
    ambiguous_slashed,
    currency_in,
    date_order_evidence,
    detect_date_order,
    detect_number_format,
    parse_date,
    parse_number,
    unit_code,
)
from schemas.order import AllowanceCharge, DateRef, HoldReason, Order, OrderLine, Pack, Party, Source, Terms

CENT = Decimal("0.01")
SURE = 0.95
_NET = re.compile(
    r"sub\s?-?total|sous-total|netto|nettobetrag|\bnet\b|\bht\b|exclusief|\bexcl|before tax|zwischensumme", re.I
)
_GROSS = re.compile(
    r"gesamtbetrag|brutto|\bttc\b|inclusief|\bincl|grand\s+total|balance\s+due|amount\s+due|te betalen|à payer|a payer",
    re.I,
)
# a count, not money: 'Total Lines: 4', 'Total Units Ordered: 238'
_COUNT = re.compile(
    r"total\s+(lines|units|qty|quantity|items|pieces|pcs|cartons|weight|packages)\b|"
    r"quantit[ée]\s+totale|nombre\s+(?:de\s+|d['’]\s*)?(?:lignes|articles)|gesamtmenge|number\s+of\s+(?:rows|lines|items)",
    re.I,
)  # 'Quantité totale : 238' (Kezia)
_TAX = re.compile(
    r"^(tax|vat|mwst|zzgl|tva|btw)\b|^t\.v\.a\.?(?!\w)|^(total|montant|betrag)\s+(tax|vat|tva|mwst)\b", re.I
)  # ('T.V.A. 20,00 %', Saari)
_TAXED = re.compile(r"\b(tva|vat|mwst|ust|tax|taux|base)\b", re.I)
# a VAT recap's caption row ('Code  Base HT  Taux  Montant TVA'): its figures are bases and rates, no total
_RECAP = re.compile(
    r"\b(taux|rate|satz|base)\b.*\b(tva|vat|mwst|ust|tax)\b|\b(tva|vat|mwst|ust)\b.*\b(taux|satz)\b", re.I
)
_TOTAL = re.compile(
    r"total|summe|betrag|gesamt|bestellwert|auftragswert|warenwert|nettowert|bruttowert|montant|totaal|bedrag|"
    r"^net\s+amount\b|^merchandise\b|base\s+imposable|^(?:net\s+)?(?:order|po|p\.o\.|purchase\s+order)\s+value\b|"
    r"^gross\s+value\b",  # Sienge: 'Gross value  698.60 … Net order value USD  698.60'
    re.I,
)
_GOODS = re.compile(r"^merchandise\b|^gross\s+value\b", re.I)
# a part of the order's total, not the order's: checking the lines against it can miss the lines after it
_PART = re.compile(
    r"sub\s?-?total|sous-total|zwischensumme|subtotaal|page\s+total|seitensumme|total\s+(this|of)\s+page|"
    r"carried|brought|übertrag|uebertrag|report",
    re.I,
)
_ADJUST = re.compile(r"discount|rabatt|remise|korting|skonto|credit|less\b|promo|allowance|rebate|ristourne", re.I)
_ADJUSTED = re.compile(r"\b(?:" + _ADJUST.pattern + ")", re.I)  # 'Trade discount 10%', 'Remise 10 %': anywhere in it


@dataclass
class Reading:
    """What the extractor found, before it becomes an order (kept for tests and the bench)."""

    order: Order
    table: Table | None
    number_format: NumberFormat


def _dates_in(text: str, order: DateOrder) -> list[date]:
    """Every date in a phrase ('Quote Q-1 of 03/15/2026, ship 03/27/2026' has two), else the one
    :func:`parse_date` finds in it ('1er avril 2026')."""
    found = [d for m in DATE_IN_TEXT.finditer(text) if (d := parse_date(m[0], order)) is not None]
    return found or [d for d in [parse_date(text, order)] if d is not None]


def _before_order_date(stray: list[str], header: HeaderFields, order: DateOrder, order_known: bool) -> list[str]:
    """The phrases whose unexplained dates all lie before the order's date, read by its label ('… per our quote
    Q-2248 dated 12/02/2026' on an order of 12/08): nothing is delivered before it is ordered, so they are
    neither the delivery date nor, when the order's own date was read sure, the order's date. A slashed date
    that reads both ways counts only when the page or a template settles the notation."""
    po_date = header.values.get("po_date")
    if po_date is None or header.confidence.get("po_date", 0.0) < LABELLED:
        return []
    out = []
    for text in stray:
        rest = DATE_IN_TEXT.sub(" ", text)
        if not DATE_IN_TEXT.search(text) or any_date(rest):
            continue  # a date we cannot place in the phrase: it may be one after the order's
        both_ways = ambiguous_slashed(text) or any(ambiguous_slashed(m[0]) for m in DATE_IN_TEXT.finditer(text))
        if (order_known or not both_ways) and all(d < po_date for d in _dates_in(text, order)):
            out.append(text)
    return out


def _overlap(a: Label, b: Label) -> bool:
    return a.line is b.line and a.start < b.end and b.start < a.end


def extract(pages: list[list[Line]], source: Source, template: PdfTemplate | None) -> Reading:
    text = "\n".join(line.text for lines in pages for line in lines)
    fmt: NumberFormat = (
        template.number_format if template and template.number_format != "auto" else detect_number_format(text)
    )
    date_order = template.date_order if template and template.date_order != "auto" else detect_date_order(text)
    date_order_known = (template is not None and template.date_order != "auto") or date_order_evidence(text) is not None
    finder, matcher = template.compile() if template else (LabelFinder(), HeaderMatcher())
    table = find_tables(pages, matcher, fmt)
    header_lines = outside_table(pages, table)
    labels = qualified_delivery(finder.find(header_lines))
    header = read_header(labels, header_lines, date_order, date_order_known)
    local = None if date_order_known else local_date_order(header.values.get("ship_to"), text)
    if local is not None:  # nothing on the page says which way '11/03/2026' reads: where it ships to does
        date_order, date_order_known = local
        header = read_header(labels, header_lines, date_order, date_order_known)
        header.notes.append(
            f"slashed dates read {'month' if date_order == 'mdy' else 'day'} first, as written where the order ships"
        )
    read = {header.values.get("po_date"), header.values.get("requested_date")} - {None}
    # 'Created 09/08/26 by …' beside the labelled order date: the same date again explains itself
    stray = [text for text in stray_dates(labels, header_lines) if set(_dates_in(text, date_order)) - read]
    stray = [text for text in stray if text != header.letter]  # the letter's own date, read as the order's
    # a date before the order's is no delivery date, whatever its caption says ('Requested on', the requisition's)
    earlier = _before_order_date(stray, header, date_order, date_order_known)
    later = [text for text in stray if text not in earlier]
    composed = delivery_captions(labels, header_lines, later) if later else []
    if composed:  # 'Estimated receive date  Jul 17, 2028': a caption we do not know, in words that say what it is
        labels = sorted(
            [lb for lb in labels if not any(_overlap(lb, c) for c in composed)] + composed,
            key=lambda lb: (lb.line.page, lb.line.top, lb.start),
        )
        notes = header.notes
        header = read_header(labels, header_lines, date_order, date_order_known)
        header.notes[:0] = notes
        header.notes += [f"{' '.join(w.text for w in c.words)!r} read as the delivery date's caption" for c in composed]
        read = {header.values.get("po_date"), header.values.get("requested_date")} - {None}
        stray = [text for text in stray_dates(labels, header_lines) if set(_dates_in(text, date_order)) - read]
        stray = [text for text in stray if text != header.letter]
        earlier = _before_order_date(stray, header, date_order, date_order_known)
    stray = [text for text in stray if text not in earlier]
    order = Order(order_id="pending", source=source, po_number=header.values.get("po_number", ""))
    confidence = dict(header.confidence)
    marked = cancelled_mark(pages)
    if marked is not None:  # 'PO Number: 45-2201 | CANCELLED' (review 24): not an order to post as it stands
        message = f"the document is marked {marked!r}: a person decides whether it cancels an order or a line"
        _hold(order, confidence, LOW_CONFIDENCE, "purpose", message, 0.0)
    order.warnings.extend(header.notes)
    order.po_date = header.values.get("po_date")
    order.release_number = header.values.get("release_number")
    if confidence.get("release_number", 1.0) < CONFIDENT:
        note = next((n for n in header.notes if "release" in n), "the release number is not sure")
        _hold(order, confidence, LOW_CONFIDENCE, "release_number", f"{note}: check it", confidence["release_number"])
    if "requested_date" in header.values:
        order.dates = [DateRef(qualifier="002", value=header.values["requested_date"])]
        if order.po_date is not None and header.values["requested_date"] < order.po_date:  # a mistyped year
            wanted = header.values["requested_date"]
            message = f"the delivery date {wanted} is before the order's own date {order.po_date}: check it"
            _hold(order, confidence, LOW_CONFIDENCE, "requested_date", message, 0.5)  # (review 33, as review 23)
    for name, printed in header.unread.items():  # 'Date: 02/May/2031' in a form we do not read: not "no date"
        what = "order date" if name == "po_date" else "delivery date"
        _hold(order, confidence, LOW_CONFIDENCE, name, f"the {what} is printed as {printed!r}, which was not read", 0.5)
    order.ship_to = header.values.get("ship_to")
    order.bill_to = header.values.get("bill_to")
    order.mark_for = header.values.get("mark_for")
    order.buyer = header.values.get("buyer")
    if "terms" in header.values:
        order.terms = Terms(description=header.values["terms"])
    if earlier:
        order.warnings.append(
            f"a date is printed without a label we know ({earlier[0]!r}), before the order date: not a delivery date"
        )
    if table is None or not table.rows:
        _hold(order, confidence, TABLE_NOT_FOUND, "lines", "no line-item table (a header row with Qty) was found", 0.0)
    else:
        _lines(order, table, confidence)
        _line_dates(order, table, confidence, date_order, date_order_known, fmt)
        _total(order, table, pages, fmt, confidence)
        _unread_pages(order, table, confidence)
    # the delivery date every line shares, printed again in the header ('Date Scheduled: Nov 23, 2026')
    stray = [text for text in stray if set(_dates_in(text, date_order)) - {d.value for d in order.dates}]
    if stray:
        message = f"a date is printed without a label we know ({stray[0]!r}): check the order and delivery dates"
        _hold(order, confidence, LOW_CONFIDENCE, "requested_date", message, 0.5)
    currency = header.values.get("currency")
    if currency is None:
        currency, confidence["currency"] = _currency(table, pages, text)
        if currency is None and template is not None and template.currency:
            currency, confidence["currency"] = template.currency, 0.9
        if currency is None:
            confidence.pop("currency", None)
    order.currency = currency
    if template is not None:
        order.warnings.append(f"read with PDF template {template.name}")
    order.confidence = {k: round(v, 3) for k, v in confidence.items()}
    return Reading(order, table, fmt)


def outside_table(pages: list[list[Line]], table: Table | None) -> list[Line]:
    """The lines header labels are looked for in: every line not in the table, and of a table line the words
    beside the table (a side panel's label on the same line as a row)."""
    out: list[Line] = []
    for lines in pages:
        for line in lines:
            if table is None or (line.page, line.index) not in table.lines:
                out.append(line)
                continue
            x_left, x_right = table.spans.get(line.page, (0.0, 0.0))
            beside = [w for w in line.words if w.x1 <= x_left or w.x0 >= x_right]
            if beside:
                out.append(Line(beside, line.page, line.top, line.bottom, line.index))
    return out


def _lines(order: Order, table: Table, confidence: dict[str, float]) -> None:
    scores = []
    coded = coded_description(table.header, table.rows)
    for index, row in enumerate(table.rows):
        line, score = order_line(row, index, price_less(table), coded)
        order.lines.append(line)
        confidence[f"lines[{index}]"] = score
        scores.append(score)
        if score < SURE and line.amount is not None and line.quantity is not None and line.unit_price is not None:
            if abs(line.quantity * line.unit_price - line.amount) > CENT:
                order.warnings.append(f"{LINE_AMOUNT_MISMATCH}: line {line.line_number} amount does not compute")
    table_score = min(scores)
    # a running subtotal is the sum of every line above it; 'Sous-total Électricité 165,60 €' after each category
    # (CALCMENU) sums its own group's lines, since the subtotal before: either reading, the same for all of them
    cuts = [0, *(before for _, _, before in table.forwards)]
    grouped = bool(table.forwards) and all(
        value is not None and abs(sum((row_value(r) or 0 for r in table.rows[a:b]), Decimal(0)) - value) <= CENT
        for (_, value, b), a in zip(table.forwards, cuts, strict=False)
    )
    running = Decimal(0)
    for _kind, value, before in [] if grouped else table.forwards:
        running = sum((row_value(r) or Decimal(0) for r in table.rows[:before]), Decimal(0))
        if value is not None and abs(running - value) > CENT:
            table_score = min(table_score, 0.6)
            order.warnings.append(f"running subtotal {value} does not match the lines above it ({running})")
    confidence["lines"] = table_score


def _line_dates(
    order: Order, table: Table, confidence: dict[str, float], order_of: DateOrder, known: bool, fmt: NumberFormat
) -> None:
    """Each line's own delivery date ('Delivery date: 04/20/2026' under it) onto the line; one date shared by
    every line is the order's requested date when the header states none. A date printed among the lines
    that is not read as one (in a description, or one that does not parse) holds the order: a delivery date
    dropped is a wrong order, and so is a line due on several dates ('Rel 1 … Rel 2 …', a schedule), one
    whose releases do not add up to its quantity, or one shipping elsewhere than the order."""
    unread: list[str] = []
    stated = next((d.value for d in order.dates if d.qualifier == "002"), None)
    for n, (row, line) in enumerate(zip(table.rows, order.lines, strict=True), start=1):
        for text in row.dated:
            value = parse_date(text, order_of)
            if value is None:
                unread.append(text)
            elif order.po_date is not None and value < order.po_date:  # a mistyped year (review 23)
                message = f"line {n} is due on {value}, before the order's own date {order.po_date}: check its date"
                _hold(order, confidence, LOW_CONFIDENCE, f"lines[{n - 1}]", message, 0.5)
            elif line.requested_date is None:
                line.requested_date = value
                if not known and ambiguous_slashed(text):
                    confidence["requested_date"] = min(confidence.get("requested_date", 1.0), AMBIGUOUS_DATE)
            elif value != line.requested_date:  # a schedule of releases: one line, several dates
                message = f"line {n} is due on several dates ({line.requested_date} and {value}): one date per "
                _hold(order, confidence, LOW_CONFIDENCE, f"lines[{n - 1}]", message + "line is read, split it", 0.5)
        party = order.ship_to
        # (its city, state and postal code too: 'Ship To:Cedar & Pine Portland, 1120 NW Couch Street, Portland, OR
        # 97201' under each of BuySpeed's items, the whole place)
        ship_to = (
            " ".join(
                [party.name or "", *party.address_lines, party.city or "", party.state or "", party.postal_code or ""]
            )
            if party
            else ""
        )
        for site in row.sites:  # a release shipping elsewhere than the order: one ship-to per order is read
            if _squeezed(site) not in _squeezed(ship_to):
                message = f"line {n} ships to {site!r}, not to the order's ship-to: check the ship-to of each line"
                _hold(order, confidence, LOW_CONFIDENCE, f"lines[{n - 1}]", message, 0.5)
        released = [parse_number(q, fmt) for q in row.released]
        if released and (None in released or sum(q or 0 for q in released) != line.quantity):
            message = f"line {n}'s releases ({' + '.join(row.released)}) do not add up to its quantity "
            _hold(order, confidence, LOW_CONFIDENCE, f"lines[{n - 1}]", message + f"{line.quantity}", 0.5)
        read = set(row.dated)
        for text in (line.description or "", row.printed):
            for d in read:  # ('66.00 May 18, 2037': the date read, not '00 May 18' across the amount before it; a
                # whole date, not the end of another: '12/1/2037' is no '2/1/2037', review 37)
                if len(d) >= 6:
                    text = re.sub(r"(?<![\w/.\-])" + re.escape(d) + r"(?![\w/.\-])", " " * len(d), text)
            for m in DATE_IN_TEXT.finditer(text):
                if any(m[0] in d for d in read):
                    continue
                # 'Sortiment wie Muster vom 12.01.2034' (MOS'aik): the date of a sample, a quote, a drawing, a day
                # before the order's own, is no delivery date when the order states its delivery date; any other
                # date among the lines ('Lieferung bis …', 'geliefert am …', review 23) is for a person
                if (
                    stated
                    and order.po_date
                    and _OF_A_DOCUMENT.search(text[: m.start()])
                    and _before(m[0], order.po_date)
                ):
                    continue
                unread.append(m[0])
    dates = {line.requested_date for line in order.lines}
    header_date = next((d.value for d in order.dates if d.qualifier == "002"), None)
    if header_date is None and len(dates) == 1 and None not in dates:
        (value,) = dates
        order.dates.append(DateRef(qualifier="002", value=value))
        confidence["requested_date"] = min(confidence.get("requested_date", SURE), SURE)
    # 'CERT REQ'D: MFR C OF C DUE 06/11/2032' under each line (Quantum Control): the order's own delivery date again,
    # nothing unread
    # '09/12' without a year in a 'Délai' column under 'Date de livraison 09/12/2032' (TopSolid): the same day
    unread = [text for text in unread if header_date is None or header_date not in _dated(text, order_of, header_date)]
    if unread:
        message = f"a date is printed among the lines ({unread[0]!r}) that was not read as a delivery date: check "
        _hold(order, confidence, LOW_CONFIDENCE, "requested_date", message + "the delivery dates", 0.5)


# a document named, then 'of' its date: 'Muster vom', 'quote dated', 'drawing of', 'devis du'
_OF_A_DOCUMENT = re.compile(
    r"\b(muster|sample|angebot|offer|quote|quotation|drawing|zeichnung|devis|offre|échantillon|specimen|"
    r"plan|spec|specification)\s+(vom|of|dated|du|datiert|daté)\s*$",
    re.I,
)


def _before(text: str, day: date) -> bool:
    """Whether a date printed with its year names a day before ``day`` however it reads (day or month first)."""
    readings = {parse_date(text, "dmy"), parse_date(text, "mdy")} - {None}
    return bool(readings) and all(reading < day for reading in readings if reading is not None)


def _dated(text: str, order_of: DateOrder, near: date) -> set[date | None]:
    """The day a date printed among the lines names: as printed, and for a day and month without a year
    ('09/12', '09.12.'), in the year of ``near`` (the order's delivery date)."""
    days = {parse_date(text, order_of)}
    yearless = re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\.?", text)
    if yearless:
        days.add(parse_date(f"{yearless[1]}{yearless[2]}{yearless[3]}{yearless[2]}{near.year}", order_of))
    return days


def local_date_order(ship_to: Party | None, text: str) -> tuple[DateOrder, bool] | None:
    """How slashed dates read where the order ships to, when the page itself does not say: month first for a
    US address ('Dayton, OH 45402') on a page with no euro, day first for a European one ('69003 Lyon') on a
    page with no dollar. The buyer's system prints its own country's dates; an order shipping abroad says
    nothing either way."""
    if ship_to is None or not ship_to.postal_code:
        return None
    us = ship_to.state in US_STATES and re.fullmatch(r"\d{5}(?:-\d{4})?", ship_to.postal_code) is not None
    if us and not re.search(r"€|\bEUR\b", text):
        return "mdy", True
    european = ship_to.state is None and re.fullmatch(r"\d{5}", ship_to.postal_code) is not None
    if european and not re.search(r"\$|\bUSD\b", text):
        return "dmy", True
    return None


def _squeezed(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def cancelled_mark(pages: list[list[Line]]) -> str | None:
    """A short phrase of its own that marks the document or one of its lines cancelled or void ('CANCELLED', 'PO
    CANCELLED - DO NOT SHIP', 'Order Status: Cancelled', 'Estado: Anulada', '*** VOID ***', 'V O I D', a line's
    'Closed - Cancelled'), in a box, after a bar, in a status column, or set diagonally across the page as a
    watermark (its letters one per line): the first one printed. A sentence of terms ('Buyer may cancel …', 'Void
    where prohibited'), a legend ('C = Cancelled') and a heading 'Cancellation' mark nothing."""
    for lines in pages:
        letters = ""
        for line in [*lines, None]:
            if line is not None and len(line.words) == 1 and len(line.words[0].text) == 1:
                letters += line.words[0].text
                continue
            if len(letters) >= 4 and (_MARK.fullmatch(letters) or _MARK.fullmatch(letters[::-1])):
                return letters if _MARK.fullmatch(letters) else letters[::-1]  # a watermark, read down or up
            letters = ""
            if line is None:
                break
            for segment in line.segments():
                for phrase in re.split(r"\s*[|·•]\s*", " ".join(w.text for w in segment)):
                    words = phrase.split()
                    if len(words) >= 3 and all(len(w) == 1 for w in words):
                        words = ["".join(words)]  # 'V O I D'
                    text = " ".join(words).strip()
                    if (
                        0 < len(words) <= 7
                        and _MARKED.search(text)
                        and "=" not in text
                        and not _TERMS_WORDS.search(text)
                    ):
                        return text
    return None


_MARK = re.compile(
    r"cancell?ed|void(?:ed)?|storniert|storno|annul(?:é|ée|ee|e|ed|lato|lata)|anulad[oa]|cancelad[oa]|annullat[oa]|"
    r"widerrufen",
    re.I,
)
_MARKED = re.compile(rf"(?<![\w-])(?:{_MARK.pattern})(?![\w-])", re.I)
# words of a sentence of terms, not of a mark ('Buyer may cancel …', 'will be cancelled if …', 'Void where …')
_TERMS_WORDS = re.compile(
    r"\b(will|may|shall|if|unless|within|right|reserve[sd]?|can|could|should|must|be|where|when|any|not\s+valid)\b",
    re.I,
)


def _hold(order: Order, confidence: dict[str, float], code: str, field: str, message: str, cap: float) -> None:
    """Hold the order for ``code`` at ``field``, whose confidence is at most ``cap`` from now on."""
    order.hold_reasons.append(HoldReason(code=code, message=message, field=field))
    confidence[field] = min(confidence.get(field, cap), cap)


def _unread_pages(order: Order, table: Table, confidence: dict[str, float]) -> None:
    """Lines that may be on the page but outside what was read: a second table, an unfinished one."""
    if table.after_end:
        pages = ", ".join(str(n) for n in sorted(set(table.after_end)))
        message = f"another line-item header row follows the total (page {pages}): a second table was not read"
        _hold(order, confidence, TABLE_NOT_FOUND, "lines", message, 0.5)
    if table.overleaf:
        pages = ", ".join(str(n) for n in table.overleaf)
        message = f"lines in the table's columns follow its total on page {pages}: they were not read"
        _hold(order, confidence, TABLE_NOT_FOUND, "lines", message, 0.5)
    if table.unfinished:
        pages = ", ".join(str(n) for n in table.unfinished)
        message = f"the table runs off its page without a total and page {pages} does not continue it in the same "
        _hold(order, confidence, TABLE_NOT_FOUND, "lines", message + "columns: lines there were not read", 0.5)
    if table.continued:
        order.warnings.append(f"the table continues without a header row on page {table.continued[0]}")


def price_less(table: Table) -> bool:
    """A form that asks for no prices: its header row has neither a price nor an amount column, so the
    supplier's price list prices the order and no total is printed to check it against. A caption we do not
    know could be a price column under another name, and so could money printed right of the columns we
    read: then the form is not taken as price-less."""
    if table.beyond or any(re.search(r"[$€£]\s?\d|@\s?\d", row.printed) for row in table.rows):
        return False  # money printed on the rows ('Anchor bolt @ $9.25'): a price after all
    return not any(table.header.has(role) for role in ("unit_price", "amount", "other"))


def _close_spilled_text(row: Row) -> None:
    """'Cable tie 200 mm black (pack of' with '100)' in the vendor item column beside it (Focus 9): a long
    description runs into the next column; the word that closes its open bracket is the text's, not a code."""
    text = " ".join(row.description)
    if text.count("(") <= text.count(")"):
        return
    for role in ("item_ours", "item_theirs", "item"):
        value = row.cells.get(role)
        if value and re.fullmatch(r"[^()\s]*\)", value):
            row.description.append(value)
            del row.cells[role]
            return


# a line's figures read right but with nothing on the line to check its quantity against (no amount column); the
# printed total lifts it when Σ quantity × price makes that total (:func:`_vouched_by_total`)
UNCHECKED = 0.85
_NO_VARIANT = re.compile(r"(\S*\d\S*)\s*/\s*(?:#+|-+|\*+)")  # 'AB-1005 / ##' under 'Item Code / Variant' (Ramco)


# ('1 1/2-13', a thread size, is no line number before a code, review 21: the code holds a letter)
_LED_BY_NUMBER = re.compile(r"(\d{1,3})\s+((?=[\w\-/.]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9\-_/.]*\d[A-Za-z0-9\-_/.]*)")


# 'Hand Tools:CP-110046' (QuickBooks, Reckon): the item's parents, each closed by a colon, before its own code
_CATEGORY_PATH = re.compile(r"(?:[A-Za-z][A-Za-z&/. -]*:\s*)+((?=[^\s:]*\d)[A-Za-z0-9][^\s:]*)")


# before a colon, words that say whose code follows or what it is ('Mfr:3M-2090', 'Cust:7731', 'UPC:…', 'Lot:…',
# 'Color:Red-2', review 25): no category
_NOT_A_CATEGORY = re.compile(
    r"\b(mfr|mfg|manufacturer|make|brand|cust|customer|client|buyer|vendor|vend|supplier|supp|upc|ean|gtin|isbn|"
    r"lot|batch|serial|s/n|sn|colou?r|size|qty|quantity|model|part|sku|item|ref|your|our|code|no|nr|id|style|"
    r"variant|option|grade|finish|type|cat|catalog|art|article|artikel|réf|job|project|po|order|date|bin|loc|location)"
    r"\b\.?",
    re.I,
)


def _bare_code(cell: str | None) -> str | None:
    """An item's code with the empty variant printed after it ('AB-1005 / ##'), or under its category ('Hand
    Tools:CP-110046'): the code."""
    if not cell:
        return cell
    bare = _NO_VARIANT.fullmatch(cell)
    if bare is None and (path := _CATEGORY_PATH.fullmatch(cell)) and not _NOT_A_CATEGORY.search(cell[: path.start(1)]):
        bare = path
    return bare.group(1) if bare else cell


def order_line(row: Row, index: int, price_less: bool = False, coded: bool = False) -> tuple[OrderLine, float]:
    """One canonical line and how sure we are of it. On a ``price_less`` form (a table with neither a price nor
    an amount column) no arithmetic can confirm the quantity, and none is missing: a whole number read in the
    quantity column under its caption is as sure as the rest of the row."""
    _close_spilled_text(row)
    ours, theirs, generic = (_bare_code(row.cells.get(k)) for k in ("item_ours", "item_theirs", "item"))
    numbered = row.cells.get("line_no") or ""
    if generic and not numbered and (led := _LED_BY_NUMBER.fullmatch(generic)) and int(led[1]) == index + 1:
        numbered, generic = led[1], led[2]  # '1 AB-1002' under 'Item Code' (Softland): the line's number, then the code
    description = " ".join(row.description) or None
    if generic and len(generic.split()) > 1 and (ours or theirs):  # 'Klauenhammer 16 oz' beside our HT-9001
        generic, description = None, " ".join(filter(None, [generic, description]))
    generic = generic or item_from_description(row, coded)
    scheduled = re.fullmatch(r"\d{1,4}-\s+\d{1,4}", numbered)  # PeopleSoft's line and schedule, '1-  1'
    if (
        not (ours or theirs or generic or scheduled)
        and re.search(r"\D", numbered.rstrip("."))
        and re.search(r"\d", numbered)
    ):
        generic = numbered  # Business Central's 'No.' column: the item's number, not the line's
    line = OrderLine(
        line_number=_line_number(numbered, index),
        buyer_part_number=theirs or (generic if generic != ours else None),  # beside our code: the customer's
        vendor_part_number=ours or generic,  # beside the customer's code: ours
        description=description,
        quantity=row.quantity,
        unit_price=row.unit_price,
        amount=row.amount,
    )
    code = ours or theirs or generic or ""
    if re.fullmatch(r"\d{13,14}", code):
        line.gtin = code.zfill(14)
    elif re.fullmatch(r"\d{12}", code):
        line.upc = code
    elif row.barcode is not None:  # printed after the code: the capture checks that it names the same item
        if len(row.barcode) == 12:
            line.upc = row.barcode
        else:
            line.gtin = row.barcode.zfill(14)
    if row.pack is not None:
        # checked against the item master (orderhub.validation)
        line.pack = Pack(pack=Decimal(row.pack), uom=unit_code(row.uom or "") or row.uom)
    score = SURE
    if row.uom is not None:
        line.uom = unit_code(row.uom) or row.uom.upper()
        if unit_code(row.uom) is None:
            score = min(score, 0.8)
    if not code or " " in code:
        score = min(score, 0.5)
    if row.quantity is None or row.quantity <= 0 or row.unread:
        score = min(score, 0.4)
    if row.unit_price is not None and row.amount is not None and row.quantity is not None:
        if abs(row.quantity * row.unit_price - row.amount) > CENT:
            score = min(score, 0.7)  # misread, or printed wrong: either way a person looks
    elif not (
        price_less
        and row.quantity is not None
        and row.quantity == row.quantity.to_integral_value()
        and not re.search(r"\d[.,]\d", row.qty_text)  # '1.000': a thousand or one, and no price to tell
    ):
        score = min(score, UNCHECKED)  # nothing to check the quantity against
    return line, score


def _line_number(text: str | None, index: int) -> str:
    if text and re.fullmatch(r"\d{1,6}\.?", text.strip()):
        return text.strip().rstrip(".")
    if text and (scheduled := re.fullmatch(r"(\d{1,4})-\s+\d{1,4}", text.strip())):
        return scheduled[1]  # '1-  1': line 1, its first schedule
    return str(index + 1)


def _vouched_by_total(table: Table, confidence: dict) -> None:
    """'Qty | UOM | Unit Price | Vendor Part | …' with no amount column (SPS Commerce): each line alone has nothing
    to check its quantity against (UNCHECKED), but the printed total that Σ quantity × price makes checks them all: a
    quantity misread, a line lost or one too many would not make it."""
    for i in range(len(table.rows)):
        if confidence.get(f"lines[{i}]") == UNCHECKED:
            confidence[f"lines[{i}]"] = SURE
    if confidence.get("lines") == UNCHECKED:
        confidence["lines"] = min(confidence[f"lines[{i}]"] for i in range(len(table.rows)))


def _total(order: Order, table: Table, pages: list[list[Line]], fmt: NumberFormat, confidence: dict) -> None:
    """The goods total before tax: the printed total the lines add up to, else the net (or only) total."""
    last = table.rows[-1]
    # an empty banded row of a spreadsheet's print ('$   -') is no line to count
    lines = [ln for ln in pages[last.page - 1] if ln.top > last.top + 1 and re.search(r"[^\W_]", ln.text)]
    if table.end is not None and table.end not in lines:
        lines.insert(0, table.end)
    # kind, numbers, a part total, line index, caption's place on its line
    candidates: list[tuple[str, list[Decimal], bool, int, int]] = []
    adjusted: list[tuple[int, int]] = []  # where a discount is printed among the totals (line index, place)
    goods: set[tuple[int, int]] = set()  # where 'Merchandise' is: the goods before discounts and charges
    taxed = False
    block: list[tuple[int, int, str, list[Decimal]]] = []  # every caption of the totals' block with its figures
    for i, line in enumerate(lines[:12]):
        line = _after_note(_without_counts(line))
        strip = _strip(line, lines[i + 1] if i + 1 < len(lines) else None, fmt)
        if not strip:  # 'Jorge Ruiz, Purchasing   Freight   40.00': a charge's caption after a note on its line
            segments = line.segments()
            tails = [[w for s in segments[s:] for w in s] for s in range(1, len(segments))]
            block += [(i, 0, " ".join(w.text for w in t), _numbers(Line(t, *_place(line)), fmt)) for t in tails]
        # a row of totals' captions over their figures ('Total HT brut  Remise  …  Total TVA 20 %  Total TTC'):
        # each caption is read with the figure under it, as if on a line of its own
        for k, (text, numbers) in enumerate(strip or [(line.text, _numbers(line, fmt))]):
            block.append((i, k, text, numbers))
            if _ADJUSTED.search(text) and numbers and numbers[-1] != 0:
                adjusted.append((i, k))  # 'Remise 10 %  31,36': the order is placed for less than its lines
            if _TAX.search(text) or _RECAP.search(text):  # a tax line, or a VAT recap's captions alone on theirs
                taxed = True
                continue
            if not _TOTAL.search(text) or re.search(r"carried|brought|übertrag", text, re.I) or _COUNT.search(text):
                continue
            if not numbers and not strip and i + 1 < len(lines) and len(text.split()) <= 8:
                # (a caption over its figure; not a sentence: 'Montants en dollars US. Veuillez indiquer …')
                numbers = _numbers(lines[i + 1], fmt) or _numbers_under(line, lines[i + 1 : i + 4], fmt)
            if not numbers:
                continue
            kind = "net" if _NET.search(text) else "gross" if _GROSS.search(text) else "plain"
            candidates.append((kind, numbers, bool(_PART.search(text)), i, k))
            if _GOODS.match(text):
                goods.add((i, k))
    grand = [c for c in candidates if not c[2]]
    if candidates and not grand and table.end is not None and last.page == len(pages) and _complete(pages):
        # the table ended at a subtotal on the document's last page, the page says it is the last ('1/1'), and
        # no total follows ('Sub-total:' of an Ariba print): no line can come after it, so it is the lines' total
        candidates = [(kind, numbers, False, index, k) for kind, numbers, _, index, k in candidates]
        grand = candidates
    if candidates and not grand:  # only a page's subtotal: the order's total (and maybe lines) come later
        confidence["lines"] = min(confidence.get("lines", 0.0), 0.6)
        order.warnings.append("only a subtotal is printed, no order total: lines after it may be missing")
        return
    last_grand = grand[-1][3] if grand else -1
    totals = [(c[3], c[4]) for c in grand]

    def checkable(part: bool, index: int, k: int) -> bool:
        """A subtotal checks the lines only when an order total follows it with no discount in between; no
        total checks them when a discount follows it and another total that one ('Total HT brut  Remise 10 %
        Total HT net'), nor 'Merchandise' (the goods before what is taken off) when any discount follows it: the
        lines add up to the order before its discount, not to the order."""
        if any((index, k) < place < later for place in adjusted for later in totals):
            return False
        if (index, k) in goods and any(place > (index, k) for place in adjusted):
            return False  # 'Merchandise 286.00  Discount 10% -28.60  Net Due 257.40' (a caption we do not read)
        if not part:
            return True
        return index < last_grand and not any(_ADJUST.search(ln.text) for ln in lines[index + 1 : last_grand])

    values = [row_value(r) for r in table.rows]
    priced = [r.quantity * r.unit_price for r in table.rows if r.quantity is not None and r.unit_price is not None]
    sums = [sum(priced, Decimal(0))] if len(priced) == len(table.rows) else []
    if None not in values:
        sums.append(sum((v for v in values if v is not None), Decimal(0)))
    computed = sums[-1] if sums else None
    for total in sums:  # the printed figure the lines add up to: Σ quantity × price first, then Σ amounts
        for kind in ("net", "plain", "gross"):
            for found_kind, printed, part, index, k in candidates:
                agreeing = [n for n in printed if abs(n - total) <= CENT]
                if found_kind == kind and agreeing and checkable(part, index, k):
                    order.stated_total, confidence["stated_total"] = agreeing[0], SURE
                    if priced and total == sums[0] and all(r.amount is None for r in table.rows):
                        _vouched_by_total(table, confidence)
                    rest = printed[printed.index(agreeing[0]) + 1 :]
                    tax, unread = _after_goods(lines[index], agreeing[0], rest, pages, fmt)
                    _charges(order, [b for b in block if b[:2] > (index, k)], agreeing[0], confidence, tax)
                    if unread:
                        confidence["charges"] = 0.6
                        order.warnings.append(
                            f"figures {', '.join(map(str, unread))} follow the goods' total {agreeing[0]} on its "
                            "line and were not read (a charge, a discount or a tax?)"
                        )
                    return
    if not candidates and price_less(table):
        return  # an order form without prices has no total to print
    if not candidates:
        confidence["lines"] = min(confidence.get("lines", 0.0), UNCHECKED)  # nothing to check the lines against
        order.warnings.append("no printed total was found to check the lines against")
        return
    # the goods' subtotal before charges and tax ('Subtotal 992.60  Freight 65.00  Total 1,057.60') is the figure
    # the lines should have made: the one a reviewer compares them with
    subtotals = [("net", p[-1]) for kind, p, part, at, _ in candidates if part and kind == "net" and at < last_grand]
    usable = subtotals[:1] + [(kind, printed[-1]) for kind, printed, _, _, _ in grand if kind != "gross" or not taxed]
    usable = usable or [(grand[-1][0], grand[-1][1][-1])]
    for kind in ("net", "plain", "gross"):
        for found_kind, value in usable:
            if found_kind == kind:
                order.stated_total, confidence["stated_total"] = value, 0.6
                confidence["lines"] = min(confidence.get("lines", 0.0), 0.7)
                order.warnings.append(f"the lines add up to {computed}, the document's total is {value}")
                return


def _after_goods(
    line: Line, goods: Decimal, rest: list[Decimal], pages: list[list[Line]], fmt: NumberFormat
) -> tuple[Decimal, list[Decimal]]:
    """The figures printed after the goods' total on its own line: (the tax among them, those left unexplained).
    'Gesamt: 2.661,50  505,68  3.167,18' (InsERT nexo): the middle figure is the tax when a tax's caption is
    printed over it ('MwSt.-Betrag') and goods and tax make the last. Zero, the goods again, or a figure under a
    tax's or a rate's caption (a VAT recap beside the totals: 'Base HT  Taux  Montant TVA') say nothing new; any
    other figure ('Totals: 286.00  17.00  303.00' under 'Merchandise | Freight | Total', a discount under
    'Rabatt', review 31) is money the order would lose unread."""
    if len(rest) == 2 and abs(goods + rest[0] - rest[1]) <= CENT and rest[0] != 0:
        if _captioned(line, rest[0], pages, fmt, _TAX_NAMED):
            return rest[0], []
    taxes = [n for n in rest if _captioned(line, n, pages, fmt, _TAX_OR_RATE)]
    gross = [goods + t for t in taxes]
    unread = [
        n
        for n in rest
        if n != 0 and abs(n - goods) > CENT and n not in taxes and not any(abs(n - g) <= CENT for g in gross)
    ]
    return Decimal(0), unread


def _captioned(line: Line, figure: Decimal, pages: list[list[Line]], fmt: NumberFormat, caption: re.Pattern) -> bool:
    """Whether a caption ``caption`` finds ('MwSt.-Betrag', 'VAT', 'TVA') stands over ``figure``, within four lines
    above it: on ``line``, or on one of the two lines under it when ``line`` is a row of captions over their
    figures."""
    page = pages[line.page - 1] if 0 < line.page <= len(pages) else []
    if line not in page:
        return False
    at, start = None, page.index(line)
    for k in range(start, min(start + 3, len(page))):  # a row of captions: its figures on one of the next lines
        words = join_spaced_thousands(page[k].words, "," if fmt == "eu" else ".")
        at = next((w for w in reversed(words) if parse_number(w.text, fmt) == figure), None)
        if at is not None:
            break
    else:
        return False
    return at is not None and any(
        min(w.x1, at.x1) > max(w.x0, at.x0) and caption.search(w.text)
        for above in page[max(0, k - 4) : k]
        for w in above.words
    )


# a charge printed between the goods' total and the order's ('Freight 25.00', 'Frais de port 12,00', 'Versandkosten'),
# with its X12 SAC02 code when the caption names one: D980 insurance, D240 freight, G830 shipping and handling,
# D500 handling
_CHARGES = (
    ("D980", r"(?:shipping|freight|transport)\s+insurance|insurance|versicherung|assurance"),  # insurance, not freight
    ("G830", r"shipping\s*(?:&|and)\s*handling|s\s*&\s*h\b"),
    (
        "D240",
        r"freight|shipping|carriage|delivery\s+charges?|fracht|versand|porto\b|frais\s+de\s+(?:port|transport|livraison)|"
        r"port\b|transport|env[ií]o|portes\b|vracht|verzend|frakt|spese\s+(?:di\s+)?(?:trasporto|spedizione)",
    ),
    ("D500", r"handling"),
    (None, r"verpackung|emballage|packing|surcharge|zuschlag|other\s+charges?|misc\w*\.?\s+charges?"),
)
# the caption starts with the charge's words, and is short: a sentence naming packing lists is no charge
_CHARGE = re.compile(
    r"^(?:(?:plus|zzgl\.?|\+|estimated|est\.|total)\s+)?(?:" + "|".join(pattern for _, pattern in _CHARGES) + ")", re.I
)
# a tax the charges' check counts besides 'Tax', 'VAT', 'TVA' …: 'Sales Tax', 'Est. Sales Tax', 'State Tax', GST
_NAMED_TAX = re.compile(
    r"^(?:(?:estimated|est\.)\s+)?(?:sales|use|state|county|city|local|provincial)\s+tax\b|^(?:gst|hst|pst|qst)\b", re.I
)
# a tax named anywhere in a caption that is no total ('Umsatzsteuer 19 %', '19,00 % USt.', 'Imposta / Sales tax'):
# 'Summe inkl. MwSt.' and 'Total TTC' name the tax in the order's total, 'Taxable amount' names none
_TAX_WORD = r"(?:umsatzsteuer|mehrwertsteuer|mwst|ust|vat|tva|tax|gst|hst|iva|imposta|btw|moms|ipi|icms)"
_TAX_NAMED = re.compile(r"\b" + _TAX_WORD + r"\b", re.I)
_TAX_OR_RATE = re.compile(r"\b(?:" + _TAX_WORD + r"|taux|rate|satz)\b|%", re.I)  # a VAT recap's
# the tax's own total: 'Total TVA', 'Montant TVA', 'Summe MwSt', 'Total IPI'
_TAX_TOTAL = re.compile(r"\b(?:total|totaal|totale|montant|summe|betrag)\s+(?:der\s+)?" + _TAX_WORD + r"\b", re.I)
# a total naming the tax it holds or leaves out: 'Summe inkl. MwSt.', 'Total IVA incluido', 'Montant total TVA incluse'
_TAX_IN_TOTAL = re.compile(
    r"\b(?:inkl|incl|including|inclusive|included|incluido|incluida|incluso|inclus|incluse|inbegriffen|exkl|excl|"
    r"hors|ht|ttc)\b",
    re.I,
)
# the order's total under a caption that names no total: 'Balance Due', 'Amount Due'
_DUE = re.compile(r"\b(?:balance|amount)\s+due\b", re.I)
# a tax's base, not the tax: 'Base TVA 20 %  1 341,00', 'Bemessungsgrundlage'
_TAX_RATE = re.compile(r"%|\b(?:taux|rate|satz|tasa|aliquota|taxa|tarif)\b|-satz\b", re.I)
_TAX_BASE = re.compile(r"\bbase\b|bemessungsgrundlage|imponibile|\bgrondslag", re.I)
# money printed among the totals that is not the order's: 'Total Retail: 1,097.10' (the goods at shelf prices)
_NOT_ORDERS = re.compile(r"\b(?:retail|msrp|rrp|uvp)\b", re.I)


def _tax_caption(caption: str) -> bool:
    """'Tax', 'Sales Tax', 'Umsatzsteuer 19 %', '19 % MwSt.': a caption of the tax, not of a total naming it, nor
    of a charge ('Freight ex GST', 'Carriage (zero-rated VAT)', 'zzgl. Versandkosten': review 19)."""
    if _CHARGE.match(caption) or _TAX_BASE.search(caption):
        return False
    if _TAX_RATE.search(caption) and not re.search(r"\d", caption):
        return False  # '% TVA' over '20,00' in a recap's row of captions (a3ERP): the rate, not the tax's money
    if _TAX.search(caption) or _NAMED_TAX.search(caption):
        return True
    if not _TAX_NAMED.search(caption) or _TAX_IN_TOTAL.search(caption):
        return False
    return not _TOTAL.search(caption) or bool(_TAX_TOTAL.search(caption))


def _charges(
    order: Order, after: list[tuple[int, int, str, list[Decimal]]], goods: Decimal, confidence: dict, tax: Decimal
) -> None:
    """The charges printed after the goods' total, up to the order's total ('Subtotal 286.00  Freight 25.00  Tax
    0.00  Total 311.00'), go on the order as charges (SAC), so that the ERP gets the freight the customer agreed
    to. They are sure only when the goods, the charges and the tax make the printed total: a charge that cannot be
    checked is the order's money read unchecked, and holds the order. So does an order's total that the goods and
    the tax do not make when no charge is read: the difference is money printed in words no caption here knows.
    ``tax``: the tax printed on the goods' total's own line, after it."""
    charges: list[AllowanceCharge] = []
    grand: Decimal | None = None
    read: set[tuple[int, int]] = set()  # each caption's place once: a line's tail and the whole line are one caption
    for i, k, text, numbers in after:
        caption = text.strip()
        if len(caption.split()) > 8 or (i, k) in read:
            continue  # a note with the totals on its line ('Tax exempt - resale. … Shipping 45.00'): read its tail
        if _NOT_ORDERS.search(caption) or _COUNT.search(caption):
            continue  # 'Total Retail: 1,097.10', 'Total quantity: 214,00  Lines: 5'
        if _tax_caption(caption) and numbers:
            read.add((i, k))
            tax += numbers[-1]
        elif (charge := _CHARGE.match(caption)) and numbers and not _PART.search(caption):
            read.add((i, k))
            label = re.sub(r"[\s:$€£]*[-\d.,\s$€£%]*(?:EUR|USD)?$", "", caption) or caption
            if re.search(r"\d[.,]\d\d\b", label) or label.count(":") > 1:
                # 'Freight: 0.00   Sales Tax: 22.88', 'Freight: FOB  Currency: 1 - US DOLLAR': two captions on the
                # line, its last figure the other's
                continue
            if numbers[-1] != 0 and len(label) <= 40:
                code = next(c for c, pattern in _CHARGES if re.search(pattern, charge[0], re.I))
                figure = numbers[-1]  # a negative one ('Freight  -25.00') is an allowance
                kind = "A" if figure < 0 else "C"
                charges.append(AllowanceCharge(indicator=kind, code=code, amount=abs(figure), description=label))
        elif (
            (_TOTAL.search(caption) or _DUE.search(caption))  # 'Balance Due', 'Amount Due' (review 19)
            and numbers
            and not _PART.search(caption)
            and numbers[-1] not in (goods, 0)
        ):
            grand = numbers[-1]
            break
    if not charges:
        if grand is not None and abs(grand - goods - tax) > CENT:
            # 'Subtotal 286.00 / Shipping and handling charges are added 25.00  Total Due 311.00': money between
            # the goods and the order's total that no caption here reads is a charge dropped, not a rounding
            confidence["charges"] = 0.6
            order.warnings.append(
                f"the order's total {grand} is not its goods {goods} plus tax {tax}: "
                "money printed between them was not read (a charge or a discount)"
            )
        return
    order.allowances_charges.extend(charges)
    added = sum(((c.amount or Decimal(0)) * (-1 if c.indicator == "A" else 1) for c in charges), Decimal(0))
    if grand is not None and abs(goods + added + tax - grand) <= CENT:
        confidence["charges"] = SURE
        return
    confidence["charges"] = 0.6
    what = ", ".join(f"{c.description} {c.amount}" for c in charges)
    if grand is None:
        order.warnings.append(f"charges {what} follow the goods' total {goods} and no order total checks them")
    else:
        order.warnings.append(f"the goods {goods}, charges {what} and tax {tax} do not make the order's total {grand}")


def _after_note(line: Line) -> Line:
    """'TAX EXEMPT - NH HAS NO GENERAL SALES TAX      PO TOTAL  $815.80' (Munis): a note of five words or more
    left of a total's caption is not the caption (its 'tax' would make the total a tax); the line from the
    caption on is."""
    segments = line.segments()
    if len(segments) < 2 or len(segments[0]) < 5 or _TOTAL.search(" ".join(w.text for w in segments[0])):
        return line
    start = next((k for k, s in enumerate(segments) if k and _TOTAL.search(" ".join(w.text for w in s))), None)
    if start is not None and _RECAP.search(line.text) and not re.search(r"\d", line.text):
        start = 1  # a VAT recap's captions after the note ('MwSt.-Satz  Basis  MwSt.  Gesamt', KROS): all of them
    return line if start is None else Line([w for s in segments[start:] for w in s], *_place(line))


def _without_counts(line: Line) -> Line:
    """A totals line without its counts and a VAT recap's captions: 'Total Lines: 4   Total Qty Ordered: 1,462.00
    Order Total: 6,949.50' (Infor) is the order total after two counts; 'Code  Base HT  Taux  Montant TVA
    Total HT 442,00' the total beside the recap."""
    segments = line.segments()
    if _RECAP.search(line.text) and re.search(r"\d", line.text):  # (captions alone: their figures are under them)
        texts = [" ".join(w.text for w in s) for s in segments]
        start = next((i for i, t in enumerate(texts) if _TOTAL.search(t) and not _TAXED.search(t)), None)
        return line if start is None else Line([w for s in segments[start:] for w in s], *_place(line))
    kept = [s for s in segments if not _COUNT.search(" ".join(w.text for w in s))]
    if len(segments) < 2 or not kept or len(kept) == len(segments):
        return line
    return Line([w for s in kept for w in s], *_place(line))


def _strip(line: Line, below: Line | None, fmt: NumberFormat) -> list[tuple[str, list[Decimal]]] | None:
    """A row of three or more captions, two of them totals (one, in a VAT recap), over a line of figures alone,
    each figure under one caption: (caption, [its figure]) for each caption; None when the line is not such a
    row."""
    segments = line.segments()
    if below is None:
        return None
    lower = below.words
    note = [w for w in lower if segments and w.x1 < segments[0][0].x0 - 4]
    if len(note) >= 3 and not any(re.search(r"\d", w.text) for w in note):
        # 'MwSt.-Satz  Basis  MwSt.  Gesamt' over '19 %  2.071,50  393,58  2.465,08', a note's words left of both
        # (KROS): the note is no figure of the row
        lower = [w for w in lower if w not in note]
    recap = _RECAP.search(" ".join(w.text for s in segments for w in s))
    if (
        len(segments) < 3
        or sum(1 for s in segments if _TOTAL.search(" ".join(w.text for w in s))) < (1 if recap else 2)
        or below.top - line.bottom > 2 * line.height
    ):
        return None
    figures: dict[int, list[Decimal]] = {}
    words = join_spaced_thousands(lower, "," if fmt == "eu" else ".")
    for word in words:
        value = parse_number(word.text, fmt)
        if value is None:
            if re.fullmatch(r"[€$£%]|EUR|USD|GBP", word.text):
                continue
            return None  # text under the captions: not a row of figures
        overlaps = [min(word.x1, s[-1].x1) - max(word.x0, s[0].x0) for s in segments]
        best = max(range(len(segments)), key=lambda k: overlaps[k])
        if overlaps[best] <= 0:  # set right in the box its caption starts (a row of boxes, figures to the right)
            boxes = [k for k, s in enumerate(segments) if s[0].x0 <= word.x0] or [-1]
            best = boxes[-1]
            if best < 0 or (best + 1 < len(segments) and word.x1 > segments[best + 1][0].x0):
                return None
        figures.setdefault(best, []).append(value)
    if not figures:
        return None
    return [(" ".join(w.text for w in s), figures.get(k, [])) for k, s in enumerate(segments)]


def _numbers_under(line: Line, following: list[Line], fmt: NumberFormat) -> list[Decimal]:
    """The figure in a total's box, printed a line or two under its caption ('TOTAL P.O. AMOUNT (USD)' in a
    form's box, a line of instructions in the box beside it between): the first of the next lines with words
    right of the caption's start, within three line heights. Instructions whose lines run on under the caption
    (SouthWare's 'SPECIAL INSTRUCTIONS:' beside 'TOTAL P.O. AMOUNT', the figure under their second line) are
    passed over while they are words without a digit; the lines must still add up to the figure found."""
    caption = next((s for s in line.segments() if _TOTAL.search(" ".join(w.text for w in s))), None)
    if caption is None:
        return []
    previous = line
    for candidate in following:
        if candidate.page != line.page or candidate.top - previous.bottom > 3 * line.height:
            return []
        words = [w for w in candidate.words if w.x0 >= caption[0].x0 - 2]
        prose = all(re.fullmatch(r"[^\W\d_][^\W\d]*[.,;:!?]?", w.text) for w in words)
        if words and not (prose and candidate.words[0].x1 < caption[0].x0):
            numbers = [n for n in (parse_number(w.text, fmt) for w in words) if n is not None]
            return numbers if len(numbers) == len(words) else []
        previous = candidate
    return []


def _place(line: Line) -> tuple[int, float, float, int]:
    return line.page, line.top, line.bottom, line.index


_PAGE_OF = re.compile(r"(?<![/\d.])(\d{1,3})\s*(?:/|of|von|sur|de)\s*(\d{1,3})(?![/\d.])", re.I)


def _complete(pages: list[list[Line]]) -> bool:
    """Whether the last page says it is the document's last ('Page 2 of 2', '1/1', 'Seite 1 von 1'): a PDF whose
    last page ends in a subtotal could otherwise be one whose later pages were not sent."""
    count = len(pages)
    return any(int(m[1]) == int(m[2]) == count for line in pages[-1] for m in _PAGE_OF.finditer(line.text) if line.text)


def _numbers(line: Line, fmt: NumberFormat) -> list[Decimal]:
    words = join_spaced_thousands(line.words, "," if fmt == "eu" else ".", fixed_pitch=True)
    return [n for n in (parse_number(w.text, fmt) for w in words) if n is not None]


def _currency(table: Table | None, pages: list[list[Line]], text: str) -> tuple[str | None, float]:
    """A currency printed by the totals or amounts is as good as a label; anywhere else on the page, less so."""
    if table is not None and table.rows:
        last = table.rows[-1]
        near = [ln.text for ln in pages[last.page - 1] if ln.top > last.top + 1][:10]
        found = currency_in(" ".join([*near, table.header.line.text]))
        if found:
            return found, LABELLED
    found = currency_in(text)
    return (found, 0.8) if found else (None, 0.0)
