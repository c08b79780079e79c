"""The order header read from labelled values: PO number, dates, parties, terms, currency — each with how
sure we are. High confidence means a label was found and its value read as the right type."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from parsers.capture import SITE
from parsers.pdf.labels import (
    OTHER_DATES,
    WEAK,
    Label,
    address_block,
    boxed,
    in_caption_row,
    in_panel,
    next_line,
    norm,
    postal_parts,
    rule_line,
    segment_starts,
    value_below,
    value_beside,
    value_level,
)
from parsers.pdf.layout import Line, Word
from parsers.pdf.table import PAGE_FOOT
from parsers.pdf.values import (
    DATE_IN_TEXT,
    MONTH_NAMES,
    DateOrder,
    ambiguous_slashed,
    currency_in,
    parse_date,
    unspaced,
)
from schemas.order import Party, Qualified

LABELLED = 0.95  # found by its label and read as its type
TITLED = 0.85  # a number printed after the document title ('PURCHASE ORDER 45-1187'), not seen again
PLACED = 0.7  # found by position only (the letterhead)


@dataclass
class HeaderFields:
    values: dict[str, Any] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # why a value is less sure than its label makes it
    letter: str | None = None  # the line 'Lyon, le 8 octobre 2027' when it gave the order's date
    unread: dict[str, str] = field(default_factory=dict)  # a date field's printed value that did not read

    def put(self, name: str, value: Any, confidence: float) -> None:
        if value is not None and name not in self.values:
            self.values[name] = value
            self.confidence[name] = confidence


_NUMBER_WORDS = {"n°", "nº", "no", "no.", "nr", "nr.", "number", "#", ":", "no:", "nr:", "n°:"}


def _po_number(words: list[Word]) -> str | None:
    for word in words[:3]:
        text = word.text.strip(",;").lstrip("#:")
        if not text or word.text.casefold() in _NUMBER_WORDS:
            continue
        if text.endswith(":") and re.search(r"\d", text) and len(text) > 4:
            text = text[:-1]  # 'Purchase Order #GR-27501: Fasteners and anchors' (Procore)
        if re.fullmatch(r"\d{1,3}\s?/\s?\d{1,3}", text):
            return None  # 'Folio 1/1', 'N° 1/2': a page, not an order's number
        if re.search(r"\d", text) and len(text) >= 3 and not _a_date(text) and not text.endswith(":"):
            return text
        return None
    return None


# a street address on one line: '610 Bayshore Marina Way, St. Petersburg, FL 33701, USA' (its number is no PO's)
_STREET_LINE = re.compile(r"^\d{1,6}[A-Za-z]?\s+[^\d\s,]{2,}.*(?:\b[A-Z]{2}\s+\d{5}\b|\b\d{5}\s+[^\W\d]{2,})")


def _under_title(labels: list[Label], lines: list[Line]) -> str | None:
    """The number printed under a title ('Purchase Order' over '45-1234'), captions of a row first; not a street
    number set under it (ShipNet: the company's address under 'PURCHASE ORDER')."""
    titles = sorted((lb for lb in labels if lb.field == "title"), key=lambda lb: not in_caption_row(lb, labels))
    for label in titles:
        below = _below_title(label, lines, labels)
        value = _po_number(below)
        if value is not None and not _STREET_LINE.match(" ".join(w.text for w in below)):
            return value
    return None


def _below_title(label: Label, lines: list[Line], labels: list[Label]) -> list[Word]:
    """The words under a title, unless they are the value beside another field's label on their line
    ('PURCHASE ORDER' over 'Vendor ID:  1107', Access): that label's. A PO label's value there ('Document No
    DM/26/2305' under the title) is kept: it is the title's number, or its rival."""
    words = value_below(label, lines, labels)
    if words and any(
        lb.field not in ("po_number", "title") and lb.end < len(lb.line.words) and lb.line.words[lb.end] is words[0]
        for lb in labels
    ):
        return []
    return words


def _dated_under_title(labels: list[Label], lines: list[Line], order: DateOrder) -> date | None:
    """'PURCHASE ORDER' over 'No. CP110452' over '2033-07-06', centred (Rivilė GAMA): the order's title, its
    number marked as one under it, then a date alone: the order's date. Only an ISO date or one spelled with
    its month's name, which read one way."""
    for title in labels:
        if not _order_title(title):
            continue
        left, right = title.words[0].x0 - 24, title.words[-1].x1 + 24
        band = [
            [w for w in ln.words if w.x1 > left and w.x0 < right]
            for ln in lines
            if ln.page == title.line.page and ln.top > title.line.top + 1
        ]
        band = [words for words in band if words][:2]
        if len(band) < 2 or not _marked_number(band[0]):
            continue
        text = " ".join(w.text for w in band[1])
        date_line = next(ln for ln in lines if band[1][0] in ln.words)
        if any(lb.line is date_line for lb in labels):
            continue  # 'Delivery date:' beside it, left of the title (review 22): that label's date
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or re.fullmatch(_SPELLED_DATE, text, re.I):
            value = parse_date(text, order)  # (the date alone: 'Due 20-Apr-2026' is no order date, review 22)
            if value is not None:
                return value
    return None


def _right_under_title(text: str, lines: list[Line]) -> bool:
    """'PURCHASE ORDER  No. DM/26/6701' over 'Tampa, 01.02.2034' (Jumis Pro): a place and a date on the line
    right under the order's title and its marked number, within that line's width, are the order's."""
    found = _LETTER_DATE.fullmatch(text)
    if found is None or re.search(r"\d", found["place"]) or _NO_PLACE.search(found["place"]):
        return False  # 'Your offer 1187, 05.01.2034', 'Delivery to Tampa, 10.02.2034' (review 23): no place
    place = re.compile(rf"\b{re.escape(found['place'])}\b", re.I)
    if not any(ln.text != text and place.search(ln.text) and re.search(r"\b\d{5}\b", ln.text) for ln in lines):
        return False  # a town the page's addresses name ('Tampa, FL 33602'); 'Framework agreement' is none (review 24)
    for above, line in zip(lines, lines[1:], strict=False):
        if line.page != above.page or text not in (line.text, " ".join(w.text for w in line.segments()[0])):
            continue
        titled = _TITLED.fullmatch(norm(above.text))
        left, right = above.words[0].x0 - 24, above.words[-1].x1 + 24
        if titled and _marked_number_text(titled[1]) and line.words[0].x0 >= left and line.words[-1].x1 <= right:
            return True
    # 'Bremen, 03.02.2037' right over the letter's subject 'Bestellung 4500021553' (Swiss letters: the place and
    # date above the subject line, the subject its title and number): the letter's date
    for line, below in zip(lines, lines[1:], strict=False):
        if line.page != below.page or line.text != text or below.top - line.bottom > 3 * line.height:
            continue
        subject = _TITLED.fullmatch(norm(below.text))
        numbered = subject and (_marked_number_text(subject[1]) or re.fullmatch(r"[a-z]*[\d\-/.]*\d{4,}", subject[1]))
        if numbered:
            return True
    return False


_NO_PLACE = re.compile(
    r"\b(offer|contract|quote|quotation|deliver|delivery|ref|reference|your|our|order|due|date|angebot|vertrag|"
    r"lieferung|liefertermin|ihr|unser|offre|contrat|livraison|devis|commande|bestellung|votre|notre)\b",
    re.I,
)


_SPELLED_DATE = rf"\d{{1,2}}[ .\-/]?(?:{MONTH_NAMES})\.?[ .\-/,]*\d{{4}}|(?:{MONTH_NAMES})\.? \d{{1,2}},? \d{{4}}"


_DAY = {"day", "dd", "jour", "jj", "tag", "tt", "día", "dia"}
_MONTH = {"month", "mm", "mois", "monat", "mes"}
_YEAR = {"year", "yyyy", "yy", "année", "annee", "aaaa", "jahr", "jjjj", "año", "ano"}


def _boxed_dates(labels: list[Label], lines: list[Line]) -> tuple[dict[str, tuple[date, str]], str | None]:
    """Dates printed in boxes: 'DAY  MONTH  YEAR' captions over '02  12  2033', the date's label left of them
    (World Office, Colombia's forms): for each date label, the date its boxes hold. Boxes whose figures do not
    make a date, or that no date label stands beside, are not read (their figures are no date we know; the order
    holds for the date it lacks, or for a date unread). Also the first boxed date no label names, as printed."""
    words = [w for ln in lines for w in ln.words]
    out: dict[str, tuple[date, str]] = {}
    unnamed: str | None = None
    for day in (w for w in words if w.text.casefold() in _DAY):
        height = day.bottom - day.top
        row = [w for w in words if w.page == day.page and abs(w.top - day.top) < height / 2 and w.x0 > day.x1]
        month = next((w for w in row if w.text.casefold() in _MONTH and w.x0 - day.x1 < 80), None)
        year = next((w for w in row if month and w.text.casefold() in _YEAR and 0 < w.x0 - month.x1 < 80), None)
        if month is None or year is None:
            continue
        figures = []
        for caption in (day, month, year):
            under = [
                w for w in words
                if w.page == day.page and 0 < w.top - caption.bottom < 2.5 * height
                and w.x1 > caption.x0 - 4 and w.x0 < caption.x1 + 4 and w.text.isdigit()
            ]  # fmt: skip
            figures.append(min(under, key=lambda w: w.top) if under else None)
        if None in figures:
            continue
        d, m, y = (w.text for w in figures if w is not None)
        try:
            value = date(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d))
        except ValueError:
            continue
        bottom = max(w.bottom for w in figures if w is not None)
        label = next(
            (
                lb
                for lb in labels
                if lb.field in ("po_date", "requested_date")
                and lb.line.page == day.page
                and lb.words[-1].x1 < day.x0
                and day.top - height <= lb.line.top <= bottom + height / 2
            ),
            None,
        )
        if label is not None and label.field not in out:
            out[label.field] = (value, f"{d} {m} {y}")
        elif label is None and unnamed is None:
            unnamed = f"{d} {m} {y}"  # a boxed date no label names: held unread
    return out, unnamed


def _marked_number(words: list[Word]) -> bool:
    """'No. CP110452', 'N° 4711', '#45-1234': a number marked as one, alone."""
    return _marked_number_text(" ".join(w.text for w in words))


def _marked_number_text(text: str) -> bool:
    return bool(re.fullmatch(r"(?:no\.?|n°|nº|nr\.?|#)\s*[A-Za-z0-9][\w\-/.]*\d[\w\-/.]*", text, re.I))


def _marked_under_title(labels: list[Label], lines: list[Line], value: str) -> bool:
    """Whether the number under the title is marked as one and alone ('Purchase Order' over '#DM/26/4201',
    Heartland; 'BESTELLUNG BEIM LIEFERANTEN' over 'Nr. 4500021207', InsERT nexo)."""
    for label in labels:
        if label.field == "title":
            words = value_below(label, lines, labels)
            # the number alone under it: '#118 Dayton Store' names a store, not the order
            if len(words) == 1 and words[0].text.startswith("#") and words[0].text.lstrip("#") == value:
                return True
            # 'Nr. 4500021207' alone on its line under a title that is the order's alone ('BESTELLUNG ZU IHREM
            # ANGEBOT' over 'Nr. 2036118' numbers the quote; 'Kunde  Nr. 10023' the customer: review 31)
            marked = len(words) == 2 and words[0].text.casefold() in _NUMBER_WORDS - {":", "#", "number"}
            alone = any(ln.words == words for ln in lines)
            if marked and alone and words[1].text == value and norm(label.line.text) in _TITLES_ALONE:
                return True
    return False


# the title lines whose number alone under them, marked 'Nr.' / 'No.', is the order's
_TITLES_ALONE = {"bestellung beim lieferanten", "bestellung an lieferanten", "bestellung", "purchase order"}


# the titles of a purchase order itself, printed alone: the title's box is the order's
_ORDER_TITLES = {
    "purchase order", "bestellung", "bon de commande", "commande fournisseur", "supplier order", "order to supplier"
}  # fmt: skip


# an order's title and what follows it on its line ('bestellung 4500021553', 'purchase order no. dm/26/6701')
_TITLED = re.compile(rf"(?:{'|'.join(_ORDER_TITLES)})\s+(.+)")


def _order_title(label: Label) -> bool:
    """An order's own title printed whole ('PURCHASE ORDER'; not 'INVOICE', nor 'PURCHASE ORDER ACKNOWLEDGEMENT')."""
    whole = any(segment == label.words for segment in label.line.segments())
    return label.field == "title" and whole and " ".join(norm(w.text) for w in label.words) in _ORDER_TITLES


_NUMBER_CAPTIONS = {"number", "nummer", "numéro", "serial no.", "serial no", "serial number", "order"}


def _colon_x(label: Label) -> float | None:
    """Where a label's colon ends: glued to it ('Number:') or a word of its own after it ('Number :')."""
    words, end = label.line.words, label.end
    if end < len(words) and words[end].text == ":":
        return words[end].x1
    return label.words[-1].x1 if label.words[-1].text.endswith(":") else None


def _colons_aligned(label: Label, labels: list[Label]) -> bool:
    """A panel of labels set flush right at their colons ('Number :' over 'Date :' over 'Expected Date :',
    BanhJi): another label within three lines below ends its colon where this one does."""
    x = _colon_x(label)
    line = label.line
    return x is not None and any(
        lb.line is not line
        and lb.line.page == line.page
        and 0 < lb.line.top - line.top <= 3 * line.height
        and lb.field in ("po_date", "requested_date")  # the order's dates (a quote's panel has its own, review 26)
        and (other := _colon_x(lb)) is not None
        and abs(other - x) <= 2
        for lb in labels
    )


def _in_title_box(label: Label, labels: list[Label], lines: list[Line]) -> bool:
    """The title's box: 'COMMANDE FOURNISSEUR' over 'Numéro | Date | Page' over their values (WinMentor),
    'Supplier Order' over 'Date | Number | V/ Ref. | …' (PHC CS), a row of captions that is the first text under
    the title, mostly within its width or set flush with it; or 'BESTELLUNG' over a panel 'Nummer … 4500018601' /
    'Datum … 05.01.2032' (Lemonsoft), its labels flush with the title; or a row of captions the title leads
    ('Bestellung | Serie | Nummer | Datum', Charisma); or one label alone on the line under the title, flush
    with it left or right ('Serial no.: 45-8050', Kulcs-Ügyvitel), or mostly within its width ('Number :
    DM/26/7051' in BanhJi's panel of colons set one under another). Its bare 'Numéro' is the order's number."""
    caption_row = in_caption_row(label, labels)
    panel = any(  # a column of labels: another one starts where this one does, on a line nearby
        lb.line is not label.line
        and lb.line.page == label.line.page
        and abs(lb.line.top - label.line.top) <= 3 * label.line.height
        and abs(lb.words[0].x0 - label.words[0].x0) <= 2
        for lb in labels
    )
    # 'Serial no.: 45-8050', the line's last phrase, right of the buyer's address; only a caption that says
    # 'number' ('N/Réf.', 'Référence', 'Order ID' there are the buyer's own references, review 22)
    alone = (
        label.line.segments()[-1][0] is label.words[0]
        and not caption_row
        and " ".join(norm(w.text) for w in label.words) in _NUMBER_CAPTIONS
    )
    if not caption_row and not panel and not alone:
        return False
    line = label.line
    for title in labels:
        if title.field != "title" or title.line.page != line.page or title.words[-1].turned:
            continue
        if not _order_title(title):
            continue  # 'INVOICE', 'PURCHASE ORDER ACKNOWLEDGEMENT' (review 20): another document's box
        if caption_row and title.line is line:
            return True  # 'Bestellung | Serie | Nummer | Datum' (Charisma): the title leads the row of captions
        left, right = title.words[0].x0, title.words[-1].x1
        if boxed(title.line):  # '| BON DE COMMANDE |' (Saari): the box's walls are the title's extent
            left, right = title.line.words[0].x0, title.line.words[-1].x1
        following = next(
            (
                x
                for x in lines
                if x.page == line.page
                and x.top > title.line.top + 1
                and not rule_line(x)  # the box's '+-----+' under its title is no text
                and any(w.x1 > left - 24 and w.x0 < right + 24 for w in x.words)
            ),
            None,
        )
        if following is not line:
            continue
        row = [lb for lb in labels if lb.line is line] if caption_row else [label]
        x0, x1 = min(lb.words[0].x0 for lb in row), max(lb.words[-1].x1 for lb in row)
        inside = min(x1, right + 24) - max(x0, left - 24) >= 0.6 * (x1 - x0)  # mostly under the title
        flush = abs(x0 - left) <= 6
        # 'PURCHASE ORDER' over 'Serial no.: 45-8050', both set flush right (Kulcs-Ügyvitel)
        flush_right = not caption_row and abs(line.words[-1].x1 - right) <= 6
        if (caption_row and inside) or flush or flush_right or (alone and inside and _colons_aligned(label, labels)):
            return True
    return False


def _printed(value: str, lines: list[Line]) -> int:
    """On how many lines ``value`` is printed as a word of its own."""
    return sum(1 for line in lines if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", line.text))


# a caption we do not know that names a purchase order, then its number: 'Customer PO: 45-8901', 'P.O. Ref.: …'
_PO_NAMED = re.compile(
    r"\b(?:p\.?\s?o\.?|purchase\s+order)(?!\s*box)\b[^:]{0,16}:\s*([A-Za-z0-9][\w/.\-]*\d[\w/.\-]*)", re.I
)


def _po_named_elsewhere(lines: list[Line], label: Label) -> set[str]:
    """Numbers printed after a caption that names a purchase order, on lines other than ``label``'s."""
    return {m[1] for line in lines if line is not label.line for m in _PO_NAMED.finditer(line.text)}


def _bare_word(label: Label) -> bool:
    """A PO label that is a generic word ('Number', 'Order'), not one that names a purchase order."""
    return " ".join(norm(w.text) for w in label.words) in (
        "number", "nummer", "order", "numéro", "order id", "référence", "n/réf.", "n/ réf.", "n/réf", "n/référence",
        "serial no.", "serial no", "serial number",
        "doc. no.", "doc. no", "doc no.", "doc no",  # any document's (review 37: 'Doc. No.' beside 'Customer PO:')
    )  # fmt: skip


def _marked_on_title_line(labels: list[Label]) -> tuple[str, int] | None:
    """'BESTELLUNG ……… Nr. 4500017701' (POHODA): a title whose line ends, past a gap too wide for a value beside
    it, in a number marked as one ('Nr.', 'No.', 'N°') and nothing else: the title's number."""
    for label in labels:
        if label.field != "title" or label.words[-1].turned:
            continue
        rest = label.line.words[label.end :]
        if len(rest) == 2 and rest[0].text.casefold() in _NUMBER_WORDS - {":", "#"}:
            value = _po_number(rest[1:])
            if value is not None:
                return value, label.priority
    return None


def _marked_po_number(words: list[Word]) -> str | None:
    """The number after a title marked as one: 'Purchase Order #45-1901', 'PURCHASE ORDER No. 4711' (a title
    followed by a bare number may be a date, a page, a reference: :func:`_po_number` reads it less surely)."""
    if not words:
        return None
    first = words[0].text
    if first.startswith("#") and len(first) > 1:
        return _po_number(words[:1])
    if first.casefold() in _NUMBER_WORDS:
        return _po_number(words[1:2])
    return None


# Words that say a date is the latest one ('au plus tard le 19 septembre 2028', 'no later than 3/4/2027'): the
# date after them is the labelled date, as 'Deliver by' is.
_DEADLINES = {
    ("au", "plus", "tard", "le"), ("au", "plus", "tard"), ("le",), ("pour", "le"), ("avant", "le"),
    ("no", "later", "than"), ("not", "later", "than"), ("by",), ("on",), ("before",), ("spätestens",),
    ("spätestens", "am"), ("spätestens", "bis"), ("bis",), ("bis", "zum"), ("bis", "spätestens"), ("am",),
    ("eintreffend", "bis"), ("eintreffend", "am"), ("arriving", "by"), ("arrivée", "le"), ("until",), ("till",),
}  # fmt: skip


_DEADLINE_AFTER = re.compile(r"\((?:not|no) later than\)|\(at the latest\)|\(au plus tard\)|\(spätestens\)")


def _after_deadline(words: list[Word]) -> list[Word]:
    for size in (4, 3, 2):  # '2035-01-17 (not later than)' (Acolous): the deadline's words after the date
        tail = " ".join(w.text.casefold() for w in words[-size:])
        if (
            len(words) > size
            and _DEADLINE_AFTER.fullmatch(tail)
            and DATE_IN_TEXT.fullmatch(" ".join(w.text for w in words[:-size]))
        ):
            return words[:-size]
    for size in (4, 3, 2, 1):
        if len(words) > size and tuple(w.text.casefold() for w in words[:size]) in _DEADLINES:
            rest = [w for w in words[size:] if w.text != ":"]  # 'pour le : 22/09/2028'
            if rest and _WEEKDAYS.fullmatch(rest[0].text.rstrip(",.")):
                rest = rest[1:]  # 'by Friday, March 20, 2026'
            # only a date right after them: 'by arrangement, not before 3/4/2027' names no day to deliver by
            return rest if DATE_IN_TEXT.match(" ".join(w.text for w in rest)) else words
    return words


# Words that say a date is the earliest one ('not before 03/16/2026', 'ab 16.03.2026', '03/16/2026 at the
# earliest'): the day a window opens, not the day wanted; the value is not read, and its date holds the order.
_EARLIEST = re.compile(
    r"\b(not\s+before|not?\s+earlier|earliest|after|ab|frühestens|nicht\s+vor|après|pas\s+avant|à\s+partir|"
    r"au\s+plus\s+tôt|dès)\b",
    re.I,
)


_STARTS_WITH_DATE = re.compile(rf"\d|(?:{MONTH_NAMES})\b", re.I)  # a date, not words before one


# a German calendar week ('KW 5/2032'): ISO 8601's; 'Week 5' from a US print counts from Sunday and 1 January
# (review 20), so only 'KW' and 'Woche' are read
_WEEK_WORD = re.compile(r"\b(?:KW|Woche|week|wk|semaine)\.?\s*\d{1,2}\b", re.I)
_WEEK = re.compile(r"(?:KW|Kw|kw|Woche)\.?\s*(\d{1,2})\s*[/.]\s*(20\d\d),?")

_DAY_MONTH_YEAR = re.compile(
    r"(?:day\s+)?(?P<day>\d{1,2})\s+month\s+(?P<month>\d{1,2})\s+year\s+(?P<year>\d{4})$", re.I
)

_PLACE = re.compile(r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\-]+,")


def _date(order: DateOrder, ambiguous: list[bool] | None = None) -> Callable[[list[Word]], date | None]:
    """A date reader; ``ambiguous`` (when given) gets whether the date read could also be read the other way
    round (03/04/2026: 4 March or 3 April)."""

    def read(words: list[Word]) -> date | None:
        spelled = _DAY_MONTH_YEAR.match(" ".join(w.text for w in words[:7]))
        if spelled is not None:  # '02 month 09 year 2032' (MISA, Vietnam: 'ngày 02 tháng 09 năm 2032')
            try:
                return date(int(spelled["year"]), int(spelled["month"]), int(spelled["day"]))
            except ValueError:
                return None
        for size in (1, 2):
            week = _WEEK.fullmatch(" ".join(w.text for w in words[:size]))
            if week is None or words[size:]:
                continue  # 'KW 38/2031 (19.09.2031)' (Ridder iQ): the day beside the week is read below; 'KW 5/2032
                #           Freitag', '… Ende' (review 20): a day of the week that is not its Monday, unread
            try:  # 'KW 5/2032' (Lemonsoft, SAP): a calendar week with its year stands for its Monday
                return date.fromisocalendar(int(week[2]), int(week[1]), 1)
            except ValueError:
                return None
        week_no = None
        if (
            len(words) > 2
            and words[0].text.casefold() in ("kw", "wk", "week", "semaine")
            and words[1].text[:1].isdigit()
        ):
            week_no = re.match(r"\d{1,2}", words[1].text)
            words = words[2:]  # 'KW 29, spätestens 20.07.2028': the calendar week, then the day
            if words and words[0].text in ("/", "-", "–", "|"):
                words = words[1:]  # 'KW 51 / 10.12.2032' (BORM)
            if words and words[0].text.startswith("("):  # 'KW 38/2031 (19.09.2031)' (Ridder iQ): the day in brackets
                words = [replace(words[0], text=words[0].text.strip("()")), *words[1:]]
        words = _after_deadline(words)
        weekday = None
        if words and _named_day(words[0].text):
            weekday = _weekday(words[0].text)
            words = words[1:]  # 'Tuesday, March 3, 2026', 'Mo., 10.11.2036' (not a place: 'Sat,', review 34)
        elif len(words) > 1 and _PLACE.fullmatch(words[0].text) and words[1].text[:1].isdigit():
            words = words[1:]  # 'Lieu et date d'émission : Lyon, 2031-05-06' (Comarch): the place, then the day
        later = next((_weekday(w.text) for w in words[1:7] if _named_day(w.text)), None)
        for size in range(min(6, len(words)), 0, -1):  # '16.11.2026 (KW 47)': the date, then a note
            text = unspaced(" ".join(w.text for w in words[:size]))
            value = parse_date(text, order)
            if value is not None and not _STARTS_WITH_DATE.match(text):
                return None  # 'on hold until 04/01/2026': words before the date say what it is, not a label's
            if value is not None and _EARLIEST.search(text):
                return None
            if value is not None and week_no is not None and value.isocalendar().week != int(week_no[0]):
                return None  # 'KW 51 / 10.12.2032', a day of week 50 (review 21): which one is meant is for a person
            if value is not None and later is not None and value.weekday() != later:
                return None  # '04/20/2036 (Sat)', a Sunday (review 35): the day after the date says otherwise
            if value is not None and weekday is not None and value.weekday() != weekday:
                return None  # 'Sun, 04/05/2036', a Saturday (review 33): the day or the date is wrong, a person looks
            if value is not None:
                if ambiguous is not None:
                    ambiguous.append(ambiguous_slashed(text))
                return value
        return None

    return read


# a word that is a date and nothing else: '15/07/2030', '2030-07-15', '15.07.30', '15-Jul-2030', 'Jul-15-2030'
_DATE_WORD = re.compile(
    r"\d{1,4}([./-])\d{1,2}\1\d{2,4}\.?|\d{1,2}[-/.]?[^\W\d_]{3,9}\.?[-/.]?\d{2,4}|[^\W\d_]{3,9}\.?[-/]\d{1,2}[-/,]\d{2,4}"
)


def _a_date(text: str) -> bool:
    """Whether a word is a date, read either way, rather than a number that holds a date's digits
    ('PO-25-03-0042', 'PO-2026-03-14-01', 'REL-2026-03-14' are numbers)."""
    if not _DATE_WORD.fullmatch(text):
        return False
    found = parse_date(text) or parse_date(text, "dmy")
    return found is not None and (found.year < 100 or 1900 <= found.year <= 2100)


def _release_number(words: list[Word]) -> str | None:
    """A blanket order's release number ('7', 'R-0012'): one word with a digit that is not a date."""
    for word in words[:2]:
        text = word.text.strip(",;").lstrip("#:")
        if not text or word.text.casefold() in _NUMBER_WORDS:
            continue
        return text if re.search(r"\d", text) and len(text) <= 30 and not _a_date(text) else None
    return None


# the words that may stand before the order's own release label in its phrase ('Blanket PO Release No.'); any
# other ('Last', 'Replacing', 'Next Delivery') may name another release's number
_OWN_RELEASE = {"blanket", "po", "p.o.", "p/o", "order", "purchase", "this", "current", "contract", "schedule"}


def _read_release(found: HeaderFields, labels: list[Label], lines: list[Line]) -> None:
    """The order's release number. Two different ones printed, or only another release's, leave it unsure."""
    mine: list[Label] = []
    theirs: list[Label] = []
    for label in (lb for lb in labels if lb.field == "release_number"):
        phrase = next(seg for seg in label.line.segments() if label.words[0] in seg)
        before = {norm(w.text) for w in phrase[: phrase.index(label.words[0])]}  # 'Last Shipped Release No.'
        (theirs if before - _OWN_RELEASE else mine).append(label)
    release = _first(mine, lines, "release_number", _release_number)
    values = sorted(set(_every(mine, lines, "release_number", _release_number)))
    if release is not None:
        found.put("release_number", release[0], LABELLED if len(values) < 2 else COMPETING)
        if len(values) > 1:
            found.notes.append(f"two release numbers are printed ({values[0]!r} and {values[1]!r})")
    elif other := _every(theirs, lines, "release_number", _release_number):
        found.confidence["release_number"] = COMPETING
        found.notes.append(f"another release's number is printed ({other[0]!r}), not this order's")


def _text(words: list[Word]) -> str | None:
    text = " ".join(w.text for w in words).strip()
    text = re.split(r"(?<=[a-z0-9])\.\s", text)[0].rstrip(".")  # 'Net 30 days. Do not ship …' → 'Net 30 days'
    return text or None


def _currency(words: list[Word]) -> str | None:
    return currency_in(" ".join(w.text for w in words)) if words else None


def _first(
    labels: list[Label], lines: list[Line], name: str, read: Callable[[list[Word]], Any], below: bool = True
) -> tuple[Any, int] | None:
    """The first label of ``name`` (template labels first, then in reading order) whose value reads."""
    for label in sorted((lb for lb in labels if lb.field == name), key=lambda lb: lb.priority):
        beside = value_beside(label, labels)
        value = None if _another_box(label, beside, lines, labels) else read(beside)
        if value is None and below:
            value = read(value_below(label, lines, labels))
        if value is None and not value_beside(label, labels):
            value = read(value_level(label, lines, labels))
        if value is not None:
            return value, label.priority
    return None


def _another_box(label: Label, value: list[Word], lines: list[Line], labels: list[Label]) -> bool:
    """Whether a value read far right of its label ('Livraison prévue le :' … '30/09/2033' flush right) is
    another box's: a caption stands right over it ('Échéance', review 22) on a line that is no row of the label's
    panel (no label starts there where this one starts)."""
    if not value or value[0].x0 - label.words[-1].x1 <= 12 * label.line.height:
        return False
    line = label.line
    above = [ln for ln in lines if ln.page == line.page and ln.bottom <= line.top + 1]
    if not above or line.top - above[-1].bottom > line.height:
        return False
    row = above[-1]
    if any(lb.line is row and abs(lb.words[0].x0 - label.words[0].x0) <= 2 for lb in labels):
        return False
    x0, x1 = value[0].x0, value[-1].x1
    return any(w.x1 > x0 and w.x0 < x1 for w in row.words)


def _every(labels: list[Label], lines: list[Line], name: str, read: Callable[[list[Word]], Any]) -> list[Any]:
    """What every specific (not weak) label of ``name`` reads, beside it or under it."""
    out = []
    for label in (lb for lb in labels if lb.field == name and lb.priority < 2):
        value = read(value_beside(label, labels))
        if value is None and not value_beside(label, labels):
            value = read(value_below(label, lines, labels))
        if value is not None:
            out.append(value)
    return out


AMBIGUOUS_DATE = 0.6  # a slashed date both ways valid, and nothing on the document says which
COMPETING = 0.6  # two labels of the PO number give different values


def _po_rank(label: Label) -> tuple[int, int]:
    """Template labels first, then labels that name a purchase order ('PO Number', 'Bestellnummer'), then
    other order labels ('Order No'), then weak ones ('#', 'N°')."""
    text = " ".join(w.text for w in label.words).casefold()
    specific = re.match(r"(po\b|p\.o\.|purchase\s+order|bestell|(bon\s+de\s+|n°\s+de\s+|no\s+de\s+)?commande)", text)
    return label.priority, 0 if specific else 1


def _po_numbers(labels: list[Label], lines: list[Line]) -> list[tuple[str, Label]]:
    """Every labelled PO number read, best label first."""
    out = []
    blank: Label | None = None  # a specific label printed with nothing after it on its line nor right under it
    for label in sorted((lb for lb in labels if lb.field == "po_number"), key=_po_rank):
        if label.priority == 2 and _heads_a_party(label, labels):
            continue  # 'SUPPLIER' over 'No. 4127 RIDGELINE FASTENER …' (EnKontrol): the supplier's number
        beside = value_beside(label, labels)
        value = _po_number(beside) or _po_number(value_below(label, lines, labels))
        if value is not None and label.priority == 2 and blank is not None and not _printed_under(blank, value, lines):
            continue  # 'Commande n° :' left empty, a weak 'N° 2035-014' elsewhere (P2504): no number is given;
            #           ('PO #' over the number a line further down, Eagle's, keeps it)
        if value is not None:
            out.append((value, label))
        elif (
            label.priority == 1
            and not beside
            and label.words[-1] is label.line.words[-1]
            and _NUMBERS.search(label.text)
        ):
            blank = blank or label  # (a number's label, not a title a template pinned: 'BESTELLUNG' alone on its line)
    return out


_NUMBERS = re.compile(r"(?:n°|nº|no\.?|nr\.?|#|number|nummer|numéro|num\.?)\s*:?$", re.I)


def _printed_under(label: Label, value: str, lines: list[Line]) -> bool:
    """Whether ``value`` is printed within three lines under ``label``, across it or a little right of it."""
    line = label.line
    x0, x1 = label.words[0].x0, label.words[-1].x1
    below = [ln for ln in lines if ln.page == line.page and ln.top > line.bottom - 1][:3]
    return any(w.text == value and w.x1 > x0 - 20 and w.x0 < x1 + 80 for ln in below for w in ln.words)


_PARTY_CAPTIONS = {
    "supplier", "vendor", "seller", "lieferant", "fournisseur", "proveedor", "fornitore", "leverancier", "sold to",
}  # fmt: skip


def _heads_a_party(label: Label, labels: list[Label]) -> bool:
    """Whether a weak number label ('No.', '#') starts the first line of a party's block: right under a
    'Supplier' / 'Vendor' / 'Ship To' caption, flush with it."""
    height = label.line.height
    for lb in labels:
        if lb.line.page != label.line.page or not 0 < label.line.top - lb.line.bottom <= 1.5 * height:
            continue
        party = lb.field in ("ship_to", "bill_to", "buyer") or lb.text in _PARTY_CAPTIONS
        if party and abs(lb.words[0].x0 - label.words[0].x0) <= 2 * height:
            return True
    return False


def _unread_date(labels: list[Label], lines: list[Line], name: str) -> str | None:
    """What a label of a date prints when none of its labels gave a date: 'Expected date 02/May/2031' in a form no
    rule reads (of the weak labels, only the order date's 'Date:': 'Delivery:' may be followed by anything). A date
    printed and not read must not pass for one not printed (a wrong order released)."""
    for label in labels:
        weak = label.text in WEAK
        if label.field != name or (weak and name != "po_date"):
            continue
        for words in (value_beside(label, labels), value_below(label, lines, labels)):
            text = unspaced(" ".join(w.text for w in words[:6])).strip(" :")
            if _WEEK_WORD.search(text):  # 'KW 51 / KW 52', 'KW 51 / 10.12.2032' (a day of week 50), review 21
                return text
            seen = DATE_IN_TEXT.search(text)
            if seen and parse_date(seen[0], "mdy") is None and parse_date(seen[0], "dmy") is None:
                return text  # 'Date 14-04-26': a date's shape, read neither way (day, month or year first?)
            if seen and any(_contradicting_weekday(w.text, seen[0]) for w in words[:6]):
                return (
                    text  # 'Sun, 04/05/2036', a Saturday (review 33), '04/20/2036 (Sat)': the day or the date is wrong
                )
            if seen or not re.search(r"\d", text):
                continue  # a date we read (words before it are the stray dates' business), or no date at all
            if re.search(r"\d{4}|\d[/.\-]\d", text) or re.search(MONTH_NAMES, text, re.I):
                return text
    return None


def read_header(
    labels: list[Label], lines: list[Line], order: DateOrder, date_order_known: bool = True
) -> HeaderFields:
    """The header fields; ``date_order_known`` False when neither a template nor the document says whether
    slashed dates are month or day first (then a date that reads both ways is not sure)."""
    found = HeaderFields()
    numbers = _po_numbers(labels, lines)
    titled = _first(labels, lines, "title", _po_number, below=False)
    far = None if titled is not None else _marked_on_title_line(labels)
    titled = titled or far
    if numbers:
        po_value, po_label = numbers[0]
        rivals = {v for v, lb in numbers[1:] if lb.priority < 2 and v != po_value}
        if po_label.priority == 2 and titled is not None and titled[0] != po_value:
            rivals.add(titled[0])  # 'PURCHASE ORDER 45-1234' over a vendor box's 'Number 100234'
        under = _under_title(labels, lines)
        if under is not None and under != po_value and po_label.priority > 0:
            rivals.add(under)  # 'BON DE COMMANDE' over 'LQ-2027-0311' against a reference's 'N/Réf. : DA-2027-041'
        if po_label.priority == 2:  # a weak label ('Doc. No.') beside 'Customer PO: 45-8901' (review 37)
            rivals |= {v for v in _po_named_elsewhere(lines, po_label) if v != po_value}
        confidence = COMPETING if rivals and po_label.priority > 0 else LABELLED
        bare = po_label.priority > 0 and _bare_word(po_label)  # a template's label was proven on this layout
        boxed = _in_title_box(po_label, labels, lines)
        if confidence == LABELLED and bare and _printed(po_value, lines) < 2 and titled is None and not boxed:
            confidence = TITLED  # 'Number' / 'Order' alone name no PO: sure only when the number is seen again
        found.put("po_number", po_value, confidence)
        if rivals and po_label.priority > 0:
            found.notes.append(f"two PO numbers are printed ({po_value!r} and {sorted(rivals)[0]!r})")
    else:
        under = _under_title(labels, lines)
        if titled is None and under is not None:  # the number under 'Purchase Order' (SYSPRO's caption, Katana's title)
            sure = _printed(under, lines) > 1 or _marked_under_title(labels, lines, under)
            found.put("po_number", under, LABELLED if sure else TITLED)
        elif titled is not None:
            # printed again elsewhere ('PO 45-1187 (continued)', a footer): the title number is confirmed
            marked = _first(labels, lines, "title", _marked_po_number, below=False) is not None
            # in a panel of labels ('Purchase order ..... 45-2101' over 'Date ..... 11/2/2026') it is a label
            panel = any(
                in_panel(lb, labels) and _po_number(value_beside(lb, labels)) for lb in labels if lb.field == "title"
            )
            sure = _printed(titled[0], lines) > 1 or marked or panel or far is not None
            found.put("po_number", titled[0], LABELLED if sure else TITLED)
    # 'Delivery time 2036-04-14 (w 16)' (Garp) names the day; 'Delivery time: 3 weeks from 04/10/2036' a lead time
    # (review 30): read only a date it starts with, and a figure it starts with instead holds the order unread
    spans = {id(lb): _value_text(lb, labels, lines) for lb in labels if lb.text in _LEAD_TIMES}
    durations = [lb for lb in labels if id(lb) in spans and not DATE_IN_TEXT.match(spans[id(lb)])]
    dated_labels = [lb for lb in labels if lb not in durations]
    for name in ("po_date", "requested_date"):
        ambiguous: list[bool] = []
        value = _first(dated_labels, lines, name, _date(order, ambiguous))
        if value is not None:
            unsure = not date_order_known and ambiguous and ambiguous[-1]
            others = {d for d in _every(dated_labels, lines, name, _date(order)) if d != value[0]}
            found.put(name, value[0], AMBIGUOUS_DATE if unsure else COMPETING if others else LABELLED)
            if unsure:
                found.notes.append(f"{name} {value[0].isoformat()} could be read day-first or month-first")
            if others:  # 'Ship Date: 10/13' over 'Delivery Date: 10/15': which one is meant is for a person
                found.notes.append(f"two {name} labels give different dates ({value[0]} and {min(others)})")
    dated = _dated_po(labels, lines, order)
    if dated is not None:
        text = " ".join(w.text for w in dated[1][1:])
        found.put("po_date", dated[0], AMBIGUOUS_DATE if not date_order_known and ambiguous_slashed(text) else LABELLED)
    # 'Date of issue' beside 'DAY | MONTH | YEAR' over '02 | 12 | 2033' (World Office)
    boxed_dates, unnamed = _boxed_dates(labels, lines)
    if unnamed is not None:
        found.unread.setdefault("requested_date", unnamed)
    for boxed_field, (in_boxes, printed) in boxed_dates.items():
        if boxed_field not in found.values:
            found.put(boxed_field, in_boxes, LABELLED)
        elif found.values[boxed_field] != in_boxes:
            found.notes.append(f"two {boxed_field} values are printed ({found.values[boxed_field]} and {printed})")
            found.confidence[boxed_field] = COMPETING
    stacked = None if "po_date" in found.values else _dated_under_title(labels, lines, order)
    if stacked is not None:  # 'PURCHASE ORDER' over 'No. CP110452' over '2033-07-06' (Rivilė)
        found.put("po_date", stacked, LABELLED)
    letter = letter_date(lines)
    if letter is not None and "po_date" not in found.values:  # 'Lyon, le 8 octobre 2027' atop an order letter
        line, printed, joined = letter
        # 'le' / 'den' says it is the letter's date; a comma less so, unless it stands right under the title
        certainty = LABELLED if joined or _right_under_title(line, lines) else TITLED
        both_ways = not date_order_known and ambiguous_slashed(printed)
        found.put("po_date", parse_date(printed, order), AMBIGUOUS_DATE if both_ways else certainty)
        found.letter = line
    for name in ("po_date", "requested_date"):
        unread = None if name in found.values else _unread_date(dated_labels, lines, name)
        if unread:
            found.unread[name] = unread
    lead = next((spans[id(lb)] for lb in durations if re.search(r"\d", spans[id(lb)])), None)
    if lead and "requested_date" not in found.values:
        found.unread.setdefault("requested_date", lead)  # '3 weeks', '14 days after receipt': when is for a person
    _read_release(found, labels, lines)
    terms = _first(labels, lines, "terms", _text)
    if terms is not None:
        found.put("terms", terms[0], LABELLED)
    currency = _first(labels, lines, "currency", _currency)
    if currency is not None:
        found.put("currency", currency[0], LABELLED)
    # cross-dock: 'Ship To:' the distribution centre beside 'Deliver To Store:' the store it is for (review 28): the
    # goods go to the centre, marked for the store; with no other ship-to, the store is where they go
    stores = [lb for lb in labels if lb.field == "ship_to" and lb.text in _STORE_LABELS]
    centres = [lb for lb in labels if lb.field == "ship_to" and lb not in stores]
    cross_dock = bool(stores and centres)
    for name, role in (("ship_to", "ST"), ("bill_to", "BT")):
        party = _party(labels, lines, name, role, centres if name == "ship_to" and cross_dock else None)
        if party is not None:
            found.put(name, party[0], party[1])
    marks = [lb for lb in labels if lb.field == "mark_for"] + (stores if cross_dock else [])
    mark_for = _party(labels, lines, "mark_for", "Z7", marks)
    if mark_for is not None:  # carried to the ERP as printed; no field of the touchless decision
        found.values["mark_for"] = mark_for[0]
    found.put("buyer", *_buyer(labels, lines))
    return found


_STORE_LABELS = {"deliver to store", "delivery to store", "mark for store"}
_LEAD_TIMES = {"delivery time", "lead time"}


def _value_text(label: Label, labels: list[Label], lines: list[Line]) -> str:
    """What a label prints beside it, else under it, as one text."""
    words = value_beside(label, labels) or value_below(label, lines, labels)
    return unspaced(" ".join(w.text for w in words[:8])).strip(" :")


def _party(
    labels: list[Label], lines: list[Line], name: str, role: str, chosen: list[Label] | None = None
) -> tuple[Party, float] | None:
    """The party under or beside the first of ``name``'s labels (or of ``chosen``) that has an address."""
    site = None  # a site's number printed beside a label with no address under it, kept for the block that has one
    candidates = chosen if chosen is not None else [lb for lb in labels if lb.field == name]
    for label in sorted(candidates, key=lambda lb: lb.priority):
        block = address_block(label, lines, labels)
        if block is not None and not block.lines:
            site = site or block.site
            continue
        if block is None or parse_date(block.lines[0]) is not None:
            continue  # 'Livraison : 23.03.2026' is a date, not a place
        party, sure = party_from_block(block.lines, role)
        if party.name is None and party.postal_code and (named := _named_site(label, lines)) is not None:
            # the name a person checks against the street: the warehouse may be the buyer's stock site over a job
            # site in the same town (review 25), and the master data knows no street
            party.name = named
        code = block.site or site
        if code:  # checked against the customer's location codes by the core (orderhub.capture)
            party.references.append(Qualified(qualifier=SITE, value=code, description="printed beside the label"))
        if sure and _another_place(label, labels, lines, party):
            sure = COMPETING  # 'Receiving warehouse: …' over 'Delivery address: … 77022' (review 24): which is meant?
        return party, sure
    return None


def _another_place(chosen: Label, labels: list[Label], lines: list[Line], party: Party) -> bool:
    """Whether another label of the same field, on another line, names a place with another postal code."""
    for label in labels:
        if label.field != chosen.field or label.line is chosen.line:
            continue
        block = address_block(label, lines, labels)
        if block is None or not block.lines or parse_date(block.lines[0]) is not None:
            continue
        other, _ = party_from_block(block.lines, party.role or "ST")
        if other.postal_code and party.postal_code and other.postal_code != party.postal_code:
            return True
    return False


def party_from_block(block: list[str], role: str) -> tuple[Party, float]:
    """Name, street lines, then 'City, ST 12345' or '12345 City'. Sure only when both name and postal line
    are there. An address on one line, its parts set off by commas ('Hansa Filiale Hamburg, Spaldingstraße 64,
    20095 Hamburg'), is read as those lines."""
    nameless = False
    if len(block) == 1 and "," in block[0]:
        parts = [p.strip() for p in block[0].split(",") if p.strip()]
        # '75 Airport Road, Concord, NH 03301' (Smartup's 'Delivery address:'): a street first, and no name
        nameless = bool(_NUMBERED_STREET.match(parts[0]))
        for size in (1, 2):  # '20095 Hamburg', or 'Dayton, OH 45402' over two parts
            tail = ", ".join(parts[-size:])
            if len(parts) > size + (0 if nameless else 1) and postal_parts(tail):
                block = [*([""] if nameless else []), *parts[:-size], tail]
                break
        else:
            nameless = False
    if len(block) > 1 and not postal_parts(block[-1]):  # 'Hafenrandstraße 14, 28195 Bremen' under the name
        own, _, town = block[-1].rpartition(",")
        if own.strip() and _STREET.fullmatch(own.strip()) and postal_parts(town.strip()):
            block = [*block[:-1], own.strip(), town.strip()]
    postal_index = next((i for i in range(len(block) - 1, -1, -1) if postal_parts(block[i])), None)
    party = Party(role=role, name=block[0].strip(" ,") or None)
    if postal_index is None or postal_index == 0:
        party.address_lines = block[1:]
        return party, 0.6
    city, state, postal = postal_parts(block[postal_index]) or ("", None, "")
    party.address_lines = block[1:postal_index]
    name, _, own_street = block[0].rpartition(",")
    if name.strip() and _STREET.fullmatch(own_street.strip()):  # 'Hansa Lager Bremen, Am Holzhafen 12' (LogiKal)
        party.name = name.strip()
        party.address_lines.insert(0, own_street.strip())
    if "," in city:  # '1500 Wayne Avenue, Dayton, OH 45402' under the name (iCUBE): the street, then the city
        *street, city = [p.strip() for p in city.split(",")]
        party.address_lines += [p for p in street if p]
    party.city, party.state, party.postal_code = city, state, postal
    return party, 0.6 if nameless else LABELLED


_NUMBERED_STREET = re.compile(r"\d{1,6}[a-z]?\s+[^\W\d_]{2,}", re.I)


def _named_site(label: Label, lines: list[Line]) -> str | None:
    """'Warehouse: Granite State Yard Concord' right over 'Delivery address: 75 Airport Road, Concord, NH 03301'
    (Smartup): the line above a ship-to caption that prints its place's street alone, its caption set flush
    with the ship-to's and naming a kind of place, gives the place's likely name (not a sure one)."""
    line = label.line
    above = next((ln for ln in reversed(lines) if ln.page == line.page and ln.bottom <= line.top + 1), None)
    if above is None or line.top - above.bottom > line.height or label.start != 0:
        return None
    first = above.words[0]
    if abs(first.x0 - label.words[0].x0) > 2 or first.text.casefold() not in _SITE_CAPTIONS:
        return None
    name = " ".join(w.text for w in above.words[1:]).strip(" ,")
    return name if name and not re.search(r"\d{3}", name) else None


_SITE_CAPTIONS = {"warehouse:", "store:", "site:", "branch:", "depot:", "yard:", "lager:", "entrepôt:", "magasin:"}


# a street and its number: 'Am Holzhafen 12', 'Spaldingstraße 160a', '1200 Wayne Ave'; a word that names a street
# before the number ('Store 6094', 'Building 2' name a site: review 24)
_STREET = re.compile(
    r"[^\W\d_][^\d,]*(?:straße|strasse|str\.|weg|platz|allee|ring|damm|gasse|ufer|hafen|markt|chaussee|steig|"
    r"pfad|graben|kai|street|avenue|road|drive|lane|boulevard|parkway|highway)\s\d{1,5}[a-z]?|"
    r"\d{1,6}\s+[^\W\d_][^,]*",
    re.I,
)


def _buyer(labels: list[Label], lines: list[Line]) -> tuple[Party | None, float]:
    """The customer's name as printed: a 'Buyer' / 'Sold to' caption over a block, else the letterhead."""
    for label in (lb for lb in labels if lb.field == "buyer"):
        if value_beside(label, labels):
            continue  # 'Buyer: Rosa Nguyen' is a person, not the customer
        block = address_block(label, lines, labels)
        if block is not None and len(block.lines) >= 2:  # a name over an address: a company
            return Party(role="BY", name=block.lines[0]), 0.9
    labelled = {(id(lb.line), i) for lb in labels for i in range(lb.start, lb.end)}
    first_page = [ln for ln in lines if ln.page == (lines[0].page if lines else 1)]
    for line in first_page[:8]:
        start = 0
        for segment in line.segments():
            taken = any((id(line), i) in labelled for i in range(start, start + len(segment)))
            start += len(segment)
            text = " ".join(w.text for w in segment)
            if taken or not re.search(r"[A-Za-z]{2}", text) or re.fullmatch(r"(\w ){3,}\w", text):
                continue
            return Party(role="BY", name=text), PLACED
    return None, 0.0


# A delivery date's caption we have never seen, made of words that say what it is: 'Estimated receive date',
# 'Date de livraison prévue', 'Gewünschter Anliefertermin', 'Fecha de entrega'. A word starting with one of
# _DELIVERY names the date wanted; one starting with one of _NOT_DELIVERY names another date (cancelled,
# printed, revised, quoted, paid, ordered, a window's first day, a date as it was before a change), and the
# caption is then not read. Only a date that no label explains is read this way (extract.py), so a known
# caption is never overruled.
_DELIVERY = (
    "deliver", "livr", "liefer", "anliefer", "lever", "entreg", "consegn", "receiv", "receipt", "recv", "arriv",
    "need", "requir", "req", "request", "want", "wunsch", "gewünscht", "desired", "souhait", "expected",
    "erwart", "due", "ship", "dispatch", "versand", "expédi", "termin",
)  # fmt: skip
_NOT_DELIVERY = (
    "cancel", "annul", "storn", "print", "druck", "édit", "revis", "änder", "modif", "chang", "valid",
    "gültig", "valable", "expir", "quot", "devis", "angebot", "offre", "offer", "invoic", "factur", "rechnung",
    "pay", "paie", "zahl", "échéan", "fällig", "approv", "genehm", "approuv", "creat", "erstell", "order",
    "bestell", "commande", "auftrag", "beleg", "issu", "émis", "earliest", "frühest", "orig", "initial",
    "ursprüng", "ancien", "previous", "confirm", "bestätig", "vendor", "supplier", "lieferant", "fournisseur",
    "note", "instruction", "address", "adresse", "anschrift", "method", "terms", "condition", "bedingung",
    "hold", "closed", "call", "abruf", "price", "preis", "prix", "fixed",  # 'Delivery on call: until …' (review 24)
    "schein", "window",
    # the supplier's answer ('Acknowledge receipt by'), the requisition behind the order, an advance ship notice
    "acknowledg", "requisit", "notic",
    # a window's first day ('Ship start', 'Deliver no earlier than'), one delivery of several
    "earlier", "sooner", "start", "begin", "début", "first", "premi", "partial", "partiel", "teilliefer",
    # English words holding 'termin': a blanket order's end, a port's terminal, a price determined
    "terminat", "terminal", "determin",
    # a sample's or a proof's deadline, not the order's (review 26)
    "sample", "muster", "échantillon", "proof", "artwork", "prototyp",
)  # fmt: skip
_NOT_DELIVERY_WORDS = {
    "rev", "doc", "not", "before", "from", "ab", "alt", "old", "last", "to", "an", "à", "via", "mode", "page",
    "ack", "after", "nach", "après", "nicht", "pas", "dès", "erste",
    # a day past: the goods shipped or came, a receiving stamp ('Date received', 'Geliefert am', 'Livré le')
    "shipped", "received", "delivered", "dispatched", "arrived", "livré", "livrée", "délivré", "expédié",
    "expédiée", "reçu", "reçue", "geliefert", "versandt", "versendet", "eingegangen", "entregado", "entregada",
    "recibido", "enviado", "consegnato", "spedito", "geleverd", "verzonden", "ontvangen",
}  # fmt: skip


_COMPOUNDED = ("liefer", "termin", "lever", "livr", "eingang", "wunsch")  # 'Wunschliefertermin', 'afleverdatum'
# Stems that say a date is wanted but not what is: alone, or with words of a date or a place ('Due', 'Needed in
# store', 'Required by'), the goods; with any other word, that thing ('Artwork due', 'Deposit due', 'Response
# requested by', 'Documentation required').
_WANTED = ("need", "requir", "req", "due", "expected", "erwart", "termin")
_DATE_WORDS = {
    "date", "datum", "fecha", "data", "by", "on", "le", "am", "bis", "zum", "de", "du", "in", "at", "the", "store",
    "site", "dock",
}  # fmt: skip


def _delivery_caption(words: list[str]) -> bool:
    stems = [w.strip(".:#()'’-") for w in words]
    if not all(stems) or any(
        w in _NOT_DELIVERY_WORDS or any(w.startswith(x) or (len(x) > 3 and x in w) for x in _NOT_DELIVERY)
        for w in stems
    ):
        return False  # 'Lieferscheindatum', 'Bestelldatum': a compound naming another date
    named = [w for w in stems if w.startswith(_DELIVERY) or any(x in w for x in _COMPOUNDED)]
    if named and all(w.startswith(_WANTED) and not any(x in w for x in _COMPOUNDED if x != "termin") for w in named):
        return all(w in named or w in _DATE_WORDS for w in stems)  # 'Needed in store', not 'Artwork due'
    return bool(named)


def qualified_delivery(labels: list[Label]) -> list[Label]:
    """A delivery label with words of its own phrase before it that make it another date's: 'Reply required
    by:', 'Start ship date:', 'Samples required by:'. It becomes a label of no field we read, so its date holds
    the order as one we cannot place; 'Customer requested delivery date:' stays the delivery date's."""
    out = []
    for label in labels:
        if label.field == "requested_date" and label.priority > 0:
            start = max(i for i in segment_starts(label.line) if i <= label.start)
            before = label.line.words[start : label.start]
            taken = any(lb.line is label.line and start <= lb.start < label.start for lb in labels)
            words = [norm(w.text) for w in [*before, *label.words]]
            if before and not taken and all(w.text[:1].isalpha() for w in before) and not _delivery_caption(words):
                label = Label("other", label.line, label.start, label.end, label.priority)
        out.append(label)
    return out


def delivery_captions(labels: list[Label], lines: list[Line], stray: list[str]) -> list[Label]:
    """Captions we do not know, read as the requested date's because their words say so, for the dates in
    ``stray`` (the dates no label explains): 'Estimated receive date  Jul 17, 2028', or the caption over it.
    A phrase holding a label of another field ('Order date', 'Ship to') is not one."""
    out: list[Label] = []
    for line in lines:
        start = 0
        segments = line.segments()
        for n, segment in enumerate(segments):
            first, start = start, start + len(segment)
            if any(
                lb.line is line and first <= lb.start < start and lb.priority < 2 and lb.field != "requested_date"
                for lb in labels
            ):
                continue
            caption: list[Word] = []
            for word in segment:
                if any(c.isdigit() for c in word.text) or len(caption) == 5:
                    break
                caption.append(word)
                if word.text.endswith(":"):
                    break
            if not caption or not _delivery_caption([norm(w.text) for w in caption]):
                continue
            label = Label("requested_date", line, first, first + len(caption), 1)
            beside = segment[len(caption) :] or (segments[n + 1] if n + 1 < len(segments) else [])
            below = [] if segment[len(caption) :] else value_below(label, lines, [*labels, label])
            for value in (beside, below):
                # 'Delivery term: not later than 15.05.2034' (ArmSoft), 'until 15.06.2034' (Galaktika)
                text = " ".join(w.text for w in _after_deadline(value))
                if text and DATE_IN_TEXT.fullmatch(text) and any(text in loose for loose in stray):
                    out.append(label)
                    break
    return out


def stray_dates(labels: list[Label], lines: list[Line]) -> list[str]:
    """Dates printed outside the table that no label we know explains ('Delivery wanted: 3/24/2026' with a
    label we have never seen): the order may have a date we did not read."""
    explained: set[int] = set()
    for label in labels:
        revised = label.priority > 0 and " ".join(norm(w.text) for w in label.words) == "revised"
        dated = label.field in ("po_date", "requested_date", "terms") or (  # terms: '30 jours - échéance le …'
            label.field == "other"
            and (label.priority == 0 or " ".join(norm(w.text) for w in label.words) in OTHER_DATES)
            and not (revised and _revises_delivery(label, labels))
        )
        # the value read is the one beside the label, else the one under it (never both: 'Date Issued: Nov 5'
        # over 'Fulfillment Date: Nov 16' does not explain the second date); but a date right under a caption
        # explains it even when the caption beside it is one we do not know ('Good Thru   Ship Via')
        values: list[Word] = []
        if dated:
            beside, below = value_beside(label, labels), value_below(label, lines, labels)
            x0, x1, h = label.words[0].x0, label.words[-1].x1, label.line.height
            under = [w for w in below if w.x1 > x0 - h and w.x0 < x1 + h]  # not a date under the next caption
            if beside and beside[0].x0 - x1 <= 1.6 * h:
                under = []  # 'Date Expected': the label is part of a caption we do not know, and so is its date
            values = next((v for v in (beside, under) if _has_date(v)), []) or beside or below
            values = _through_first_date(values or value_level(label, lines, labels))
            if revised and not DATE_IN_TEXT.match(" ".join(w.text for w in values)):
                values = []  # 'REVISED: delivery moved to 03/20/2026': a note of what changed, not the revision's date
        if label.field in ("po_number", "title"):
            beside = value_beside(label, labels)
            cut = next((i for i, w in enumerate(beside) if i and w.text.casefold() in _DATED), None)
            values = beside[cut:] if cut is not None and parse_date(" ".join(w.text for w in beside[cut:])) else []
        if label.field in ("po_date", "requested_date"):
            values = []  # its date explains itself only if it was read (extract.py): 'au plus tard le 19 septembre'
        for word in [*label.words, *values]:
            explained.add(id(word))
    stray = []
    edges = _page_edges(lines)
    for line in lines:
        for segment in line.segments():
            if id(line) in edges and _STAMP.fullmatch(" ".join(w.text for w in segment)):
                continue  # '12/3/26, 8:47 AM' atop or under a page printed from a browser: when it was printed
            if id(line) in edges and _only_a_date(segment) and _date_and_page(line):
                continue  # 'Monday, November 26, 2029 … Page 1 of 1' (an Access report's footer): the print date
            loose = " ".join(w.text for w in segment if id(w) not in explained)
            if loose and any_date(loose):
                stray.append(loose)
            else:  # a date after words we do not know on its phrase ('Fulfillment Date: Nov 16, 2026')
                stray += [m[0] for m in DATE_IN_TEXT.finditer(loose) if any_date(m[0])]
    return stray + _wrapped_dates(lines, explained)


def _wrapped_dates(lines: list[Line], explained: set[int]) -> list[str]:
    """Dates a sentence breaks over two lines ('… no later than Friday, November 13,' / '2037: …', a memo written
    in a word processor): neither line holds the whole date, both together do."""
    found = []
    for line, after in zip(lines, lines[1:], strict=False):
        if after.page != line.page or not line.words or not after.words:
            continue
        tail = [w for w in line.words[-3:] if id(w) not in explained]
        head = [w for w in after.words[:3] if id(w) not in explained]
        if not tail or not head:
            continue
        parts = (" ".join(w.text for w in tail), " ".join(w.text for w in head))
        alone = {m[0] for part in parts for m in DATE_IN_TEXT.finditer(part)}
        joined = [m[0] for m in DATE_IN_TEXT.finditer(" ".join(parts)) if any_date(m[0]) and m[0] not in alone]
        if joined:
            found.append(" ".join(parts))
    return found


def _date_and_page(line: Line) -> bool:
    """Whether a line is a date and the page count and nothing else ('Monday, November 26, 2029 … Page 1 of 1'),
    not a caption's date beside the count ('Do not deliver before  05/01/2029  Page 1 of 1')."""
    segments = line.segments()
    pages = [s for s in segments if PAGE_FOOT.fullmatch(" ".join(w.text for w in s))]
    return len(segments) == 2 and len(pages) == 1


def _only_a_date(segment: list[Word]) -> bool:
    """Whether a phrase is one date and nothing else, a weekday before it allowed ('Monday, November 26, 2029')."""
    text = " ".join(w.text for w in segment)
    text = _WEEKDAYS.sub("", text, count=1).lstrip(" ,") if _WEEKDAYS.match(text) else text
    found = DATE_IN_TEXT.fullmatch(text.strip())
    return found is not None and any_date(text.strip())


_LETTER_DATE = re.compile(
    r"(?P<place>[A-ZÄÖÜÀ-Ý][\w'-]+(?:[ -][\w'-]+){0,2}),\s+(?:(?P<joined>le|den|am)\s+)?(?P<date>.+)"
)
_WEEKDAYS = re.compile(
    r"(mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|"
    r"mittwoch|donnerstag|freitag|samstag|sonntag|"
    # Spanish, Portuguese, Italian, Dutch (review 35: 'Sábado, 04/20/2036' was taken for a place)
    r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|segunda-feira|terça-feira|terca-feira|"
    r"quarta-feira|quinta-feira|sexta-feira|lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|"
    r"venerdì|venerdi|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"segunda|terça|terca|quarta|quinta|sexta",  # Portuguese, without '-feira' (review 36)
    re.I,
)


def _named_day(word: str) -> bool:
    """Whether a word names a day of the week: 'Saturday', 'Sábado,', 'Sat,', or in brackets '(Sat)' ('Mar' alone
    is March)."""
    if word.startswith("(") and word.endswith(")") and word[1:-1].isalpha():
        return _weekday(word[1:-1]) is not None
    return bool(_WEEKDAYS.fullmatch(word.rstrip(",.")) or _WEEKDAY_SHORT.fullmatch(word))


def _contradicting_weekday(word: str, printed: str) -> bool:
    """Whether ``word`` names a day of the week that the date ``printed`` does not fall on, read some way it reads
    (a date the label's reader left unread: the way the document reads it is the one that disagrees)."""
    if not _named_day(word):
        return False
    weekday = _weekday(word)
    days = [d for d in (parse_date(printed, "mdy"), parse_date(printed, "dmy")) if d is not None]
    return weekday is not None and any(d.weekday() != weekday for d in days)


def _weekday(text: str) -> int | None:
    """The day of the week a printed name or abbreviation stands for ('Sat,', '(Sat)'; Monday 0), None when unknown."""
    word = text.strip("()[]").rstrip(",.").casefold()
    return next((index for index, names in enumerate(_DAY_NAMES) if word in names), None)


# each day's names and abbreviations: English, German, French
# fmt: off
_DAY_NAMES = (
    ("mo", "mon", "monday", "montag", "lun", "lundi", "lunes", "segunda-feira", "segunda", "seg", "lunedì", "lunedi",
     "maandag"),
    ("di", "tue", "tues", "tuesday", "dienstag", "mar", "mardi", "martes", "terça-feira", "terca-feira", "terça",
     "terca", "ter", "martedì", "martedi", "dinsdag"),
    ("mi", "wed", "wednesday", "mittwoch", "mer", "mercredi", "miércoles", "miercoles", "mié", "mie", "quarta-feira",
     "quarta", "qua", "mercoledì", "mercoledi", "woensdag"),
    ("do", "thu", "thur", "thurs", "thursday", "donnerstag", "jeu", "jeudi", "jueves", "jue", "quinta-feira", "quinta",
     "qui", "giovedì", "giovedi", "donderdag"),
    ("fr", "fri", "friday", "freitag", "ven", "vendredi", "viernes", "vie", "sexta-feira", "sexta", "sex", "venerdì",
     "venerdi", "vrijdag"),
    ("sa", "sat", "saturday", "samstag", "sam", "samedi", "sábado", "sabado", "sáb", "sab", "sabato", "zaterdag"),
    ("so", "sun", "sunday", "sonntag", "dim", "dimanche", "domingo", "dom", "domenica", "zondag"),
)
# fmt: on


# a day of the week abbreviated, with its point or comma ('Mo., 10.11.2036', FoodNotify; 'Tue, 03/03/2026'); not
# 'Mar' (March), nor a bare 'Do'
_WEEKDAY_SHORT = re.compile(
    r"(?:mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mer|jeu|ven|sam|dim|"
    r"mié|mie|jue|vie|sáb|sab|dom|seg|ter|qua|qui|sex)[.,]{1,2}",  # (Spanish, Portuguese: review 36)
    re.I,
)


def letter_date(lines: list[Line]) -> tuple[str, str, bool] | None:
    """The date of an order written as a letter: a line of its own near the top of the first page that is a
    place, a comma and a date ('Lyon, le 8 octobre 2027', 'Bremen, den 07.10.2027') — the line, the date as
    printed, and whether 'le' / 'den' joins them. A weekday is no place ('Deliver Friday, 10/15/2027')."""
    first = lines[0].page if lines else 1
    top = sorted((ln for ln in lines if ln.page == first), key=lambda ln: ln.top)[:12]
    for line in top:
        segments = [" ".join(w.text for w in s) for s in line.segments()]
        # its own segment of a line whose other segments hold no date: 'Lyon, le 8 mars 2032' left of the
        # supplier's address block (ProConcept)
        text = segments[0] if len(segments) > 1 and not any(any_date(s) for s in segments[1:]) else line.text
        found = _LETTER_DATE.fullmatch(text)
        if found is None or _WEEKDAYS.search(found["place"]):
            continue
        if DATE_IN_TEXT.fullmatch(found["date"]) and any_date(found["date"]):
            return text, found["date"], found["joined"] is not None
    return None


def _revises_delivery(label: Label, labels: list[Label]) -> bool:
    """Whether a bare 'Revised' revises the delivery date: the label before it is a delivery date's, on its line
    ('Delivery Date: 03/16/2026   Revised: 03/20/2026', a row of captions) or, in a panel, right above it ('Need
    By' over 'Revised'). Then its date is the one now wanted; under the order's 'Date' it is when the order was
    last changed (Spire)."""
    line = label.line
    before = [lb for lb in labels if lb.line is line and lb.end <= label.start]
    if before:
        return max(before, key=lambda lb: lb.start).field == "requested_date"
    x0, x1 = label.words[0].x0, label.words[-1].x1
    above = [
        lb
        for lb in labels
        if lb.line.page == line.page
        and 0 < line.top - lb.line.top <= 3 * line.height
        and (abs(lb.words[0].x0 - x0) <= 4 or abs(lb.words[-1].x1 - x1) <= 4)
    ]
    return bool(above) and max(above, key=lambda lb: lb.line.top).field == "requested_date"


def _through_first_date(words: list[Word]) -> list[Word]:
    """A dated label's value up to its first date: 'Quote Q-1 of 03/10/2026, ship 03/27/2026' explains the
    quote's date, not the one after it."""
    for end in range(1, len(words) + 1):
        if DATE_IN_TEXT.search(" ".join(w.text for w in words[:end])):
            return words[:end]
    return words


def _has_date(words: list[Word]) -> bool:
    return DATE_IN_TEXT.search(" ".join(w.text for w in words)) is not None


def any_date(text: str) -> bool:
    """Whether ``text`` holds a date read either way ('15-03-2027' is one, day first)."""
    return parse_date(text) is not None or parse_date(text, "dmy") is not None


_DATED = {"du", "vom", "dated", "of", "from", "le", "am"}
_STAMP = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?", re.I)


def _page_edges(lines: list[Line]) -> set[int]:
    """The first and the last line of each page (a browser's header and footer)."""
    edges: set[int] = set()
    for page in {line.page for line in lines}:
        on_page = [line for line in lines if line.page == page]
        edges |= {id(min(on_page, key=lambda ln: ln.top)), id(max(on_page, key=lambda ln: ln.top))}
    return edges


def _dated_po(labels: list[Label], lines: list[Line], order: DateOrder) -> tuple[date, list[Word]] | None:
    """'Commande n° CMD-12 du 1er avril 2026', 'Bestellung Nr. 4711 vom 03.03.2026', 'PO 45-1 dated 3/4/26':
    the date the order is dated, printed right after its number."""
    for label in (lb for lb in labels if lb.field in ("po_number", "title")):
        words = value_beside(label, labels)
        for i, word in enumerate(words[:-1]):
            if word.text.casefold() in _DATED and i > 0:
                found = parse_date(" ".join(w.text for w in words[i + 1 : i + 5]), order)
                if found is not None:
                    return found, words[i : i + 5]
        under = _dated_under(label, lines, order)
        if under is not None:
            return under
    return None


def _dated_under(label: Label, lines: list[Line], order: DateOrder) -> tuple[date, list[Word]] | None:
    """'Unsere Bestellung  4500016002' over 'vom  07.08.2029' (oxaion): the PO number's own date, its 'vom' set
    where the number's caption starts, on the line right under it."""
    line, x0 = label.line, label.words[0].x0
    below = next_line(line, lines)
    if below is None or below.top - line.bottom > line.height:
        return None
    words = [w for w in below.words if w.x0 >= x0 - 2]
    if len(words) < 2 or abs(words[0].x0 - x0) > 2 or words[0].text.casefold().rstrip(":") not in _DATED:
        return None
    found = parse_date(" ".join(w.text for w in words[1:5]), order)
    return (found, words[:5]) if found is not None else None
