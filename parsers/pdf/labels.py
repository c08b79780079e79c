"""Header values found by their printed labels: 'PO Number 45-1178', 'Order date: 03/11/2026', a label above
its value (small grey captions), and address blocks under or beside 'Ship To' / 'Lieferanschrift'.

A label is matched on whole words, longest label first, so 'Order Date' is never read as 'Date'; labels that
are not ours ('Due Date', 'Vendor', 'Phone') are matched too, so they stop a value and are never mistaken for
one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from parsers.pdf.layout import Line, Word

LABELS: dict[str, tuple[str, ...]] = {
    "po_number": (
        "unsere bestellnummer", "unsere bestellung", "unsere bestell-nr.", "unsere bestellnr.", "unser bestellzeichen",
        "po number", "po no.", "po no", "po #", "po#", "p.o. number", "p.o. no.", "p.o. #", "purchase order #",
        "purchase order number", "purchase order no.", "order number", "order no.", "order no", "order #",
        "no.", "bestellnummer", "bestell-nr.", "bestellnr.", "n° de commande", "no de commande",
        "numéro de commande", "commande n°", "bon de commande n°", "order n°", "purchase order n°",
        "#", "po", "p.o.", "n°", "nº", "order ref", "order reference", "bestellung nr.",
        "bestell-nummer", "n° commande", "purchase order no", "po num", "po nbr",
        "commande no", "commande no.", "commande nº",  # Logilys (Quebec)
        "p.o. no", "p.o. nbr", "purchase order nbr", "po no:", "purchase order id", "po id", "order id no.", "number",
        "nummer",  # Lemonsoft's German print, flush under 'BESTELLUNG'
        "serial no.", "serial no", "serial number",  # 'Sorszám' (Kulcs-Ügyvitel): sure in the title's box
        "folio",  # Mexican systems (Microsip, CONTPAQi): the document's number; never a page's ('Folio 1/1')
        # Argentina's legend on every document that is not an invoice, before the document's own number (Tango)
        "not valid as invoice no.", "not valid as invoice no", "not valid as invoice n°",
        "not valid as invoice p.o. no.", "not valid as invoice p.o. no", "not valid as invoice po no.",
        "no válido como factura n°", "documento no válido como factura n°",
        "order nbr.", "order nbr", "order id", "réf.", "n° pièce", "numéro de pièce", "po reference", "po ref",
        "p.o. reference", "our order no.", "our order no", "our order number", "our order #", "our order ref",
        "document no.", "beleg-nr.", "belegnummer", "document number", "document no", "numéro",
        "doc. no.", "doc. no", "doc no.", "doc no",  # Onyx Pro (Oracle Reports): 'Doc. No. : GR-33776'
        "lpo no.", "lpo no", "lpo number", "lpo #", "l.p.o. no.", "lpo ref",  # a local purchase order (Gulf)
        "purchase n°", "purchase no.", "purchase no", "purchase #", "purchase number", "purchase nbr",
        "voucher no.", "voucher no", "voucher number",  # Tally: a purchase order is a voucher
        "order", "référence", "n/réf.", "n/ réf.", "n/réf", "notre réf.", "notre référence", "n/référence",
        "p/o no.", "p/o no", "p/o #", "p/o number", "p/o nbr",  # Ecount
        "bill no.", "bill no",  # Kingdee: every document's number (weak: an invoice's too)
        "numéro du bon de commande", "n° du bon de commande", "no du bon de commande",  # Sage 50 (Canada)
        "commande",  # Koust: 'Commande : CMD-2026-8557' (only so: see _lone_caption)
    ),
    "po_date": (
        "po date", "p/o date", "p/o dt",
        "order date", "date", "datum", "bestelldatum", "date de commande", "invoice date",
        "datum der bestellung",  # HELIOS Orange's German print
        "date de la commande", "en date du", "créée le", "créé le", "commande créée le", "date de création",
        "date of order", "orderdatum", "factuurdatum", "issue date", "date issued", "date commande",
        "date d'émission", "order placed", "po issue date", "p.o. date", "p.o date", "purchase order date",
        "document date", "date of issue", "issued", "created", "date created", "creation date",
        "doc. date", "doc date", "lpo date",  # Onyx Pro
        "posting date", "created date", "created on", "po created", "du", "order submitted on", "submitted on",
        "ordered", "ordered on", "date ordered", "issued on date", "issued on", "contract date", "issued date",
        "belegdatum", "beleg-datum", "auftragsdatum", "bestellt am", "erstellt am", "dokumentdatum",
        "émise le", "émis le", "établie le", "établi le", "date d'établissement", "dated",
        "ord date", "ord. date",  # JDA MMS
        "date raised", "raised on", "raised date",  # AroFlo
        "datum der ausstellung", "ausstellungsdatum", "ausgestellt am",  # POHODA's German print
    ),
    "requested_date": (
        "delivery date", "stock due", "stock due date", "required by", "requested delivery",
        "requested delivery date", "deliver by", "expected date",  # Adagio: 'Expected' over 'Date'
        "delivery by", "ship by", "need by", "needed by", "req date", "req. date", "requested date",
        "required date", "liefertermin", "lieferdatum", "date de livraison", "livraison le", "leverdatum",
        "livraison prévue le", "livraison prévue", "date de livraison prévue",  # OpenConcerto
        "due date", "date due", "due in", "planned del. date", "planned delivery date", "planned delivery",
        "ship date", "requested ship date", "delivery required", "date required",
        "date requise", "fecha de entrega", "fecha de entrega / delivery date",  # Dynacom, Aspel SAE
        "date livraison",  # PRIMAVERA's French print
        "unloading date", "date of unloading",  # PHC CS (Portugal): 'Data de descarga'
        "supply date",  # Comax (Israel)
        "exp. delivery", "exp. delivery date", "exp. del. date",  # Gofrugal (India)
        "gewünschte lieferwoche", "lieferwoche", "liefer-kw",  # Lemonsoft's German print: 'KW 5/2032'
        "delivery time",  # Garp (Sweden): 'Leveranstid', the day (and its week) the goods are wanted
        "expected delivery", "deliver on", "wanted by", "wunschtermin", "gewünschter liefertermin",
        "livraison souhaitée", "date de livraison souhaitée", "délai de livraison", "à livrer le", "livrer le",
        "délai souhaité",  # MultiPress
        "delivery", "livraison prévue", "livraison prévue le", "date de livraison prévue",
        "livraison demandée le", "livraison demandée", "date de livraison demandée", "estimated receive date",
        "est. receive date",
        "estimated delivery date", "estimated arrival date", "requested delivery by", "need date", "in-store date",
        "date de besoin", "date besoin", "livraison souhaitée le", "date de livraison souhaitée le",
        "livraison au plus tard le", "à livrer au plus tard le", "livrer au plus tard le", "deliver no later than",
        "delivery no later than", "liefern bis spätestens", "lieferung bis spätestens", "spätester liefertermin",
        "required",
        "target date", "target delivery date",  # InvenTree: the date the order should arrive
        "date needed", "desired recv date", "desired receive date", "desired recv", "reqd by", "reqd by date",
        "reqd. by", "reqd date", "reqd. date", "date req'd", "req'd date", "date reqd", "req'd by",
        "request ship date", "request date", "request delivery date", "desired delivery date", "desired date",
        "expected on",
        "expected receipt date", "expected receipt", "receive by", "need-by date", "need-by", "promised date",
        "expected date", "expected arrival", "arrival", "required on site", "on site by", "requested", "promised on",
        "req. delivery",
        "wanted delivery date", "wanted delivery", "wanted date", "delivery wanted",
        "expected delivery date", "delivery due", "arrival date", "req. delivery date", "requested arrival",
        "required delivery date", "delivery date requested", "requested ship", "deliver no later than",
        "fulfillment date", "fulfilment date", "requested receipt date", "receipt date", "expected",
        "shipping date", "date expected", "date wanted", "date needed by",
        "erw. wareneingangsdatum", "wareneingangsdatum", "erwartetes wareneingangsdatum", "gewünschtes lieferdatum",
        "erw. lieferdatum", "erwartetes lieferdatum", "geplantes lieferdatum", "wunschliefertermin",
        "wunschlieferdatum", "wunschtermin lieferung", "anlieferung bis", "anlieferung am", "lieferung bis",
        "liefern bis", "anliefertermin", "date promised", "promised", "promise date",
        "date d'expédition", "date d’expédition", "date expédition",  # Sage 50 (Canada): when it is to ship
        "eta", "e.t.a.",  # Maritech Eye: the estimated time of arrival over the day the goods are to arrive
    ),
    "ship_to": (
        "ship to", "ship-to", "deliver to", "delivery to", "delivery address", "shipping address", "lieferanschrift",
        "lieferadresse", "adresse de livraison", "livrer à", "afleveradres", "ship to address", "shipping to",
        "livré à", "livrée à",  # Agena3000: 'Livré à (DP)'
        "deliver to address", "lieu de livraison", "adresse livraison", "warenempfänger", "anlieferadresse",
        "delivery location", "consignee", "livraison", "receiving warehouse",
        "ship to location", "ship-to address", "ship-to location", "delivery point", "deliver to location",
        "receiving location", "receiving address", "deliver to site", "delivery site",
        "unloading place", "place of unloading",  # PHC CS: 'Local de descarga'
        "ship all items to", "shipping address name", "livraison à", "livrer à :",
        "consignee (ship to)", "consignee (ship-to)", "bitte liefern sie an", "liefern sie an", "lieferung an",
        "versand an", "liefern an", "à livrer à", "destination", "destination store", "anlieferung an", "anlieferung",
        "magasin de livraison", "magasin livré", "site de livraison", "receive at", "received at", "receiving at",
        "delivery place", "place of delivery",  # Ecount
        "ship to store", "ship-to store", "deliver to store",  # PioneerRx (pharmacy): the store receives
        "expédier à", "expédiez à", "expédié à",  # Sage 50 (Canada)
        "delivery at", "deliver at",  # Marg ERP
        "destination of goods", "goods destination", "destination of the goods",  # Mago4: 'Destinazione merce'
        "ship to information", "ship-to information",  # Periscope BuySpeed: its box's caption
    ),
    # the store a cross-docked order is for, shipped to a distribution centre (X12's N1*Z7)
    "mark_for": ("mark for", "mark-for", "mark for store", "mark for location", "mark for address"),
    # a release against a blanket order: with the PO number, it names the order (X12's BEG04)
    "release_number": (
        "release no.", "release no", "release number", "release #", "release nbr", "release n°", "rel. no.",
        "rel no.", "rel. #", "rel #", "blanket release no.", "blanket release #", "abruf-nr.", "abrufnummer",
        "abruf-nummer", "abrufnr.", "abrufauftrag nr.",
    ),
    "bill_to": (
        "bill to", "bill-to", "invoice to", "billing address", "rechnungsanschrift", "rechnungsadresse",
        "adresse de facturation", "factuuradres",
        "facturé à", "facturée à", "rechnungsempfänger",
        "bill to information", "bill-to information",  # Periscope BuySpeed
    ),
    "buyer": ("buyer", "sold to", "customer", "besteller", "käufer", "acheteur"),
    "terms": (
        "terms", "payment terms", "zahlungsbedingungen", "zahlungsbedingung", "zahlungsziel", "conditions de paiement",
        "mode/terms of payment", "mode de paiement", "mode de règlement", "modalités de paiement",
        "règlement", "conditions de règlement",  # OpenConcerto, Copilote
    ),
    "currency": ("currency", "währung", "devise"),
    "other": (
        "suivi par", "affaire suivie par",  # the buyer's person (OpenConcerto)
        "delivery terms", "terms of delivery", "conditions de livraison",  # Incoterms: no date
        "vendor", "supplier", "to", "phone", "telefon", "téléphone", "contact", "ansprechpartner", "fob",
        "vervaldatum", "reference", "payment due", "klantnummer", "page", "fax", "e-mail", "email", "tel",
        "balance due", "vat/tin", "lieferant", "fournisseur", "besteldatum", "vendor id", "supplier id", "ordered by",
        "versandart", "lieferbedingung", "lieferbedingungen", "kreditor-nr.", "lieferantennummer", "bearbeiter",
        "n° fournisseur", "n° de fournisseur", "numéro fournisseur", "no fournisseur",  # our account (CashCtrl)
        # another document's number: never the PO (a template may pin one for an invoice layout test)
        "invoice no", "invoice no.", "invoice number", "invoice #", "invoice nr", "rechnungsnummer",
        "rechnungs-nr.", "facture n°", "numéro de facture", "factuurnummer", "quote no", "quote number",
        "delivery note", "lieferschein", "customer no", "customer number", "account no", "kundennummer",
        # a quotation's number and date: the supplier's document, not ours
        "ihr angebot", "angebot", "angebotsdatum", "angebots-nr.", "quotation", "quote date", "quotation date",
        "ihr zeichen", "your quote", "votre devis", "devis", "quote", "quote no.", "quote #", "quote ref",
        "réf. devis", "votre offre", "votre offre n°", "réf. fournisseur", "code fournisseur", "adressé à",
        "réf. offre", "référence offre", "réf. de l'offre", "n° offre", "n° devis", "offre n°", "devis n°", "offre",
        "réf. cotation",  # Bouwsoft: 'Réf. offre' over the supplier's quote, not the order's number
        # a public contract's (and its lot's) number, which many orders share (Cpage GEF: 'N° de marché / lot')
        "n° de marché", "n° marché", "marché n°", "numéro de marché", "n° de lot", "contract no", "contract no.",
        "contract number", "contract #", "n° de contrat", "vertragsnummer", "vertrags-nr.",
        "quot. ref.", "quot. ref", "quotation ref.", "quotation ref", "party code",  # Marg ERP
        "raised by",
        # a field-service job's number (FieldEdge 'Work Order #'), the supplier's sales order: not the PO
        "work order", "work order #", "work order no.", "work order no", "work order number", "wo #", "w/o #",
        "sales order", "sales order #", "sales order no.", "sales order no", "sales order number",
        "your reference", "your ref.", "your ref", "émetteur", "v/réf.", "v/ réf.", "v/réf", "votre réf.",
        "votre référence", "v/référence",
        "certificate",  # a digital signature's certificate and its validity (Didox)
        # when the page was printed, not when the order was placed
        "printed", "printed on", "print date", "date printed", "run date", "report date", "édité le", "gedruckt am",
        # when the invoice is to be paid
        "échéance le", "date d'échéance", "échéance de paiement", "fällig am", "zahlbar bis", "due on",
        "échéance prévisionnelle",
        # who raised and who approved it, and when (an approval history)
        "approved by", "created by", "approved on", "genehmigt von", "approuvé par",
        # when the order lapses or is cancelled if not shipped: the end of a window, not the date wanted
        "good thru", "good through", "valid until", "valid thru", "expiration date", "expiry date", "expires",
        "valid till", "valid upto", "valid up to", "po expiry", "po expiry date", "po valid till",  # Ginesys (India)
        # when the supplier is to acknowledge the order (STORIS's 'ACK BY'): not the date the goods are wanted
        "ack by", "ack. by", "acknowledge by", "ack due", "ack. due", "acknowledgement due", "acknowledgment due",
        "cancel date", "cancel after", "cancel by", "cancel if not shipped by", "gültig bis", "valable jusqu'au",
        "annulation si non livré au", "annulation si non livré le", "date d'annulation",  # Ginkoia
        # when the order was last changed
        "supplier (bill from)", "buyer (bill to)", "dispatched through", "terms of delivery", "other references",
        "reference no. & date.", "reference no. & date", "dispatch doc no.", "destination",
        "revision", "revision no.", "rev. no.", "rev no", "rev. date", "rev date", "revision date", "revised date",
        "revised",
        "date revised", "revised on", "change date",
        "änderungsdatum", "date de révision",
    ),
    "title": (
        "purchase order", "invoice", "bestellung", "bon de commande", "order form", "purchase order form",
        "commande fournisseur", "supplier order",  # PHC CS's English print ('Encomenda a Fornecedor')
        "order to supplier",  # Minimax's English print ('Naročilo dobavitelju')
    ),
}  # fmt: skip
# Labels that also mean other things ('#' of a line, 'N°' of a customer, 'Date' of a letter): used only when
# no specific label of the same field gave a value.
WEAK = {
    "issued date",  # BanhJi, at its phrase's start; 'Quote Issued Date:' is the quote's (review 26)
    "bill no.",
    "bill no",
    "#",
    "po",
    "p.o.",
    "n°",
    "nº",
    "no.",
    "number",
    "nummer",
    "serial no.",
    "serial no",
    "serial number",
    "folio",
    "order",
    "requested",
    "date",
    "datum",
    "delivery",
    "livraison",
    "destination",  # a ship-to box's caption (Finale), or 'FOB: Destination'
    "due date",
    "date due",
    "expected",
    "document no.",
    "doc. no.",
    "doc. no",
    "doc no.",
    "doc no",
    "document number",
    "document no",
    "numéro",
    "réf.",
    "order id",
    "beleg-nr.",
    "belegnummer",
    "du",
    "référence",
    "n/réf.",
    "n/ réf.",
    "n/réf",
    "n/référence",
    "commande",
}
# Labelled dates that are not the order's (payment due, an earlier web order): explained, not stray.
OTHER_DATES = {
    "certificate",  # a digital signature's certificate and its validity (Didox: 'Certificate: 7A1F … valid …')
    "vervaldatum", "payment due", "besteldatum", "ihr angebot", "angebot", "angebotsdatum", "quotation",
    "quote date", "quotation date", "your quote", "votre devis", "devis", "printed", "printed on", "print date",
    "date printed", "run date", "report date", "édité le", "gedruckt am", "quote", "quote no.", "quote #",
    "quote ref", "réf. devis", "votre offre", "votre offre n°", "réf. offre", "offre", "approved by", "created by",
    "approved on",
    "échéance le", "date d'échéance", "échéance de paiement", "fällig am", "zahlbar bis", "due on",
    "genehmigt von", "approuvé par", "échéance prévisionnelle", "good thru", "good through", "valid until",
    "valid thru", "expiration date", "expiry date", "expires", "cancel date", "cancel after", "cancel by",
    "valid till", "valid upto", "valid up to", "po expiry", "po expiry date", "po valid till",
    "ack by", "ack. by", "acknowledge by", "ack due", "ack. due", "acknowledgement due", "acknowledgment due",
    "cancel if not shipped by", "gültig bis", "valable jusqu'au", "annulation si non livré au",
    "annulation si non livré le", "date d'annulation", "v/réf.", "v/ réf.", "v/réf", "votre réf.",
    "votre référence", "v/référence", "rev. date", "rev date", "revision date", "revised date", "revised",
    "date revised",
    "revised on", "change date", "änderungsdatum", "date de révision", "reference no. & date.", "reference no. & date",
}  # fmt: skip


def norm(text: str) -> str:
    return text.casefold().rstrip(":").strip()


def _bare_title(words: list[str], line: Line, lines: list[Line]) -> bool:
    """'Commande CMD-2026-6668' alone on its line (CashCtrl): the bare word is the order's title with its number
    beside it. Never 'commande' as a label anywhere else: it ends captions ('Date de commande'); nor a line that
    goes on a sentence ('Annule et remplace la' over 'Commande BC-2026-101', review 21), nor beside an order
    title of its own (dropped in ``find``)."""
    if len(words) != 2 or words[0] != "commande" or len(line.segments()) > 1 or not _DIGIT.search(words[1]):
        return False
    above = [ln for ln in lines if ln.page == line.page and ln.bottom <= line.top + 1]
    return not above or line.top - above[-1].bottom > 0.6 * line.height


_DIGIT = re.compile(r"\d")
# '(magasin)', '(warehouse):', '(Jobsite / Yard)' after a ship-to's caption: words that name a kind of place only
# ('Ship To (Will Call)', '(Customer Pickup)' say the goods are collected: not the caption's, review 23)
_PLACES = (
    "magasin|warehouse|jobsite|job site|yard|site|store|branch|depot|dépôt|entrepôt|lager|filiale|plant|shop|"
    "chantier|baustelle|werk|agence|dock|location|outlet|standort|usine|atelier|delivery point|point of delivery|"
    "unloading point|receiving point|facility|warehouse facility|distribution center|dc"
)
_KIND_OF_PLACE = re.compile(rf"\((?:{_PLACES})(?: (?:/ )?(?:{_PLACES})){{0,2}}\):?", re.I)


# an EDI qualifier or segment tag set close after a label by a web-EDI rendering of an 850 or an ORDERS
# ('Ship To (ST)', 'Lieferanschrift (NAD+DP)', 'Livré à (DP)', 'Bestell-Nr. (BGM)', 'Bestelldatum (DTM 137)')
_EDI_TAG = re.compile(
    r"\((?:(?:NAD|N1)\s?[+*]\s?)?(?:ST|BT|BY|SU|DP|IV|VN|SF|SN|OB|UD)\):?"
    r"|\((?:BGM|BEG|DTM|CUX|CUR|RFF|REF|TOD|FOB|PAT|ITD|CTA|PER|FTX|MSG|MOA|AMT|CNT|CTT)"
    r"(?:\s?[+*]\s?[A-Z0-9]{1,3})?(?:\s?\d{1,3})?\):?"
)


def _edi_tag(label: Label) -> int:
    """Where a label ends, an EDI tag set close after it included (upper case, as the standards spell them)."""
    words = label.line.words
    for end in range(label.end + 1, min(label.end + 3, len(words)) + 1):
        if words[end - 1].x0 - words[end - 2].x1 >= label.line.height:
            break
        if _EDI_TAG.fullmatch(" ".join(w.text for w in words[label.end : end])):
            return end
    return label.end


# the date a DTM's qualifier names: EDIFACT 137 and X12 004 the document's; EDIFACT 2, 10, 17, 63, 64, 69 and X12
# 002, 010, 037, 038, 063, 064, 106 a delivery or shipment wanted
_DTM = re.compile(r"\(DTM\s?[+*]?\s?(\d{1,3})\):?$")
_DTM_ORDER = {"137", "004", "4"}
_DTM_DELIVERY = {"2", "002", "10", "010", "17", "63", "063", "64", "064", "69", "37", "037", "38", "038", "106"}


def _tagged_date(label: Label) -> str:
    """A date label's field as its DTM tag says: 'Datum (DTM 2)' is the delivery date wanted (review 39), 'Datum (DTM
    137)' the order's; another qualifier beside a date label makes it a date we do not read (so it holds)."""
    tag = _DTM.search(" ".join(w.text for w in label.words))
    if tag is None or label.field not in ("po_date", "requested_date", "other"):
        return label.field
    if tag[1] in _DTM_ORDER:
        return "po_date"
    if tag[1] in _DTM_DELIVERY:
        return "requested_date"
    return "unread_date"


def _kind_of_place(label: Label) -> int:
    """Where a ship-to's caption ends when the kind of place follows it in brackets."""
    words = label.line.words
    for end in range(label.end + 1, min(label.end + 5, len(words)) + 1):
        if words[end - 1].x0 - words[end - 2].x1 >= label.line.height:
            break
        if _KIND_OF_PLACE.fullmatch(" ".join(w.text for w in words[label.end : end])):
            return end
    return label.end


@dataclass(slots=True)
class Label:
    field: str
    line: Line
    start: int  # index of its first word in line.words
    end: int  # one past its last word
    priority: int  # 0: pinned by a template, 1: generic, 2: a weak generic label ('#', 'Date', 'N°')
    far: bool = False  # a learned label: its value may sit anywhere right of it on its line

    @property
    def words(self) -> list[Word]:
        return self.line.words[self.start : self.end]

    @property
    def text(self) -> str:
        """Its words as one normalised phrase ('Delivery time', 'No.:' → 'delivery time', 'no.')."""
        return norm(" ".join(w.text for w in self.words))


class PhraseTable:
    """Phrases (tuples of normalised words) with what they mean, looked up by their first word."""

    def __init__(self, entries: list[tuple[tuple[str, ...], str, int]]) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
        for entry in entries:
            self.index.setdefault(entry[0][0], []).append(entry)

    def __len__(self) -> int:
        return sum(len(v) for v in self.index.values())

    def candidates(self, texts: list[str]) -> list[tuple[int, int, str, int]]:
        """Every (start, size, meaning, priority) found in ``texts``: longest first, then by priority, then
        left to right — the order in which they claim their words."""
        found = []
        for i, text in enumerate(texts):
            for tokens, meaning, priority in self.index.get(text, ()):
                if tuple(texts[i : i + len(tokens)]) == tokens:
                    found.append((i, len(tokens), meaning, priority))
        found.sort(key=lambda c: (-c[1], c[3], c[0]))
        return found


class LabelFinder:
    """Every label on some lines. ``extra`` labels (a template's) are tried before the generic ones."""

    def __init__(self, extra: Mapping[str, list[str]] | None = None, far: set[str] | None = None) -> None:
        # of ``extra``, those learned from a reviewed order of this layout (parsers/pdf/learn.py)
        self.far = {tuple(norm(w) for w in label.split()) for label in far or ()}
        table: list[tuple[tuple[str, ...], str, int]] = []
        for field, labels in (extra or {}).items():
            table += [(tuple(norm(w) for w in label.split()), field, 0) for label in labels]
        for field, generic in LABELS.items():
            table += [(tuple(norm(w) for w in label.split()), field, 2 if label in WEAK else 1) for label in generic]
        # 'Purchase Order#', 'Reference#': a '#' glued to the word before it is the same label
        table += [((*t[:-2], t[-2] + "#"), f, p) for t, f, p in table if len(t) >= 2 and t[-1] == "#"]
        self.table = PhraseTable(table)

    def find(self, lines: list[Line]) -> list[Label]:
        found: list[Label] = []
        for line in lines:
            words = [norm(w.text) for w in line.words]
            starts = segment_starts(line)
            bars = _after_bars(line)
            taken = [False] * len(words)
            skipped = []
            for i, size, field, priority in self.table.candidates(words):
                if any(taken[i : i + size]) or any(i + k in starts for k in range(1, size)):
                    continue  # taken, or one phrase of it starts mid-way: 'Date   Wanted by' are two captions
                colon = line.words[i + size - 1].text.endswith(":") or (
                    i + size < len(words) and line.words[i + size].text == ":"
                )
                if i in bars and field != "other" and not (boxed(line) and (i == 1 or not _DIGIT.search(line.text))):
                    # (a character-drawn box's first cell, '| Numéro : CMD-2026-9500 |', and a row of its captions
                    # with no figure, '| BUYER | SHIP VIA | … | DELIVER BY |', are labels; '| Net 30 days | Due
                    # date: 04/13/2026 |' stays the payment's)
                    continue
                if size == 1 and words[i] == "commande" and not colon:
                    continue  # a title ('Commande CMD-2026-6668') or a caption's word, not the 'Commande :' label
                if i not in starts and i not in bars and (not colon or priority == 2):
                    skipped.append((i, size, field, priority))
                    continue  # mid-line, only a specific label with its colon counts ('Customer #: 1')
                taken[i : i + size] = [True] * size
                found.append(
                    Label(field, line, i, i + size, priority, priority == 0 and tuple(words[i : i + size]) in self.far)
                )
            for i, size, field, priority in skipped:  # a row of captions: 'Purchase Order   Order Date   Page'
                gap = line.words[i].x0 - line.words[i - 1].x1
                if taken[i - 1] and not any(taken[i : i + size]) and gap > line.height and priority < 2:
                    taken[i : i + size] = [True] * size
                    found.append(Label(field, line, i, i + size, priority, False))
                    continue
                first = _bilingual(line, i, size, starts)
                if first is not None and not any(taken[first : i + size]):
                    # 'Numero / Number', 'Destinazione merce / Ship to': a caption in two languages is the label
                    # of its second half, and its value sits under (or beside) the whole caption
                    taken[first : i + size] = [True] * (i + size - first)
                    found.append(Label(field, line, first, i + size, priority, False))
            for label in found:  # 'Order date / Date de commande': the caption's second language is its own
                if label.line is line:
                    label.end = _translated(label, starts, skipped)
            if not any(taken) and _bare_title(words, line, lines):
                found.append(Label("title", line, 0, 1, 1, False))
        for label in found:  # 'Date (YYYY-MM-DD)': the format the date is printed in belongs to its caption
            while label.end < len(label.line.words) and _DATE_FORMAT.fullmatch(label.line.words[label.end].text):
                label.end += 1
            # 'Livrer à (magasin)' (Ginkoia), 'Deliver to (warehouse):' (Tango): the kind of place, the caption's
            # 'Ship To (Jobsite / Yard)' (Avontus Quantify): words, set close, up to its closing bracket
            label.end = _edi_tag(label)  # 'Ship To (ST)', 'Bestell-Nr. (BGM)': the segment the value came from
            label.field = _tagged_date(label)
            if label.field in ("ship_to", "bill_to"):
                label.end = _kind_of_place(label)
        if any(lb.field == "title" and lb.words[0].text.casefold() != "commande" for lb in found):
            found = [lb for lb in found if not (lb.field == "title" and len(lb.words) == 1 and lb.start == 0
                     and lb.words[0].text.casefold() == "commande")]  # fmt: skip
        found = self._stacked(lines, found)
        found = self._caption_rows(lines, found)
        found = [lb for lb in found if not self._qualified(lb, lines) and not _status_value(lb, lines, found)]
        found.sort(key=lambda lb: (lb.line.page, lb.line.top, lb.start))
        return [lb for lb in found if not _lone_caption(lb, found) and not _inside_phrase(lb)]

    def _stacked(self, lines: list[Line], found: list[Label]) -> list[Label]:
        """A caption printed on two lines left of its value, its colon on the second ('SHIP' over 'TO:' beside an
        address, Infor FACTS): the label of the whole, on the first line, where its value starts. Each half is a
        word alone; the first has a value beside it and no label of its own."""
        for line, below in zip(lines, lines[1:], strict=False):
            if below.page != line.page or below.top - line.bottom > 0.6 * line.height:
                continue
            starts, under = segment_starts(line), segment_starts(below)
            for i in sorted(starts):
                upper = line.words[i]
                if (
                    i + 1 not in starts
                    or upper.text.endswith(":")
                    or any(lb.line is line and lb.start <= i < lb.end for lb in found)
                ):
                    continue
                j = next((j for j in under if abs(below.words[j].x0 - upper.x0) < line.height / 2), None)
                if j is None or not below.words[j].text.endswith(":"):
                    continue
                if j + 1 < len(below.words) and j + 1 not in under:
                    continue
                whole = self.table.candidates([norm(upper.text), norm(below.words[j].text)])
                whole = [c for c in whole if c[0] == 0 and c[1] == 2 and c[3] < 2]
                if not whole:
                    continue
                found = [lb for lb in found if not (lb.line is below and lb.start == j)]
                found.append(Label(whole[0][2], line, i, i + 1, whole[0][3], False))
        return found

    def _caption_rows(self, lines: list[Line], found: list[Label]) -> list[Label]:
        """A row of captions printed two lines high, each word over the next ('Expected' over 'Date', 'Ship' over
        'Via', 'Payment' over 'Terms'; Adagio): where the two words make a label of ours, that label is on the lower
        line, over its value. Only rows of three or more captions with no figure in them."""
        for line, below in zip(lines, lines[1:], strict=False):
            if below.page != line.page or not -0.2 * line.height < below.top - line.bottom < 0.6 * line.height:
                continue
            if any(re.search(r"\d", w.text) for w in [*line.words, *below.words]):
                continue
            uppers, lowers = line.segments(), below.segments()
            if len(uppers) < 3 or len(lowers) < 3:
                continue
            for upper in uppers:
                lower = next((s for s in lowers if abs(_middle(s) - _middle(upper)) < line.height), None)
                if lower is None:
                    continue
                words = [norm(w.text) for w in [*upper, *lower]]
                whole = [c for c in self.table.candidates(words) if c[0] == 0 and c[1] == len(words) and c[3] < 2]
                if not whole or whole[0][2] in ("other", "title"):
                    continue
                i, j = line.words.index(upper[0]), below.words.index(lower[0])
                found = [
                    lb
                    for lb in found
                    if not (lb.line is line and lb.start < i + len(upper) and lb.end > i)
                    and not (lb.line is below and lb.start < j + len(lower) and lb.end > j)
                ]
                found.append(Label(whole[0][2], below, j, j + len(lower), whole[0][3], False))
        return found

    def _qualified(self, label: Label, lines: list[Line]) -> bool:
        """A weak label ('Date', 'No.') under a word of its caption's first line ('Ship' over 'Date', 'Vendor' over
        'No.'): the two lines are one caption, and unless the whole is a label of the same field ('Order' over
        'Date', 'PO' over 'Number') it names something else."""
        if label.priority != 2 or label.end < len(label.line.words):
            return False  # (words beside it: a panel's label under another, 'Purchase order no.' over 'Date  28.09')
        line = label.line
        above = next((ln for ln in reversed(lines) if ln.page == line.page and ln.bottom <= line.top + 1), None)
        if above is None or line.top - above.bottom > 0.6 * line.height or abs(above.height - line.height) > 0.5:
            return False
        if any(re.search(r"\d", w.text) or w.text.endswith(":") for w in above.words):
            return False  # a panel's line with its value ('Purchase order  45-2101', 'Description: …' over 'Date:')
        x0, x1 = label.words[0].x0, label.words[-1].x1
        over = [w for w in above.words if w.x1 > x0 - 2 and w.x0 < x1 + 2 * line.height]
        if not over:
            return False
        texts = [norm(w.text) for w in [*over, *label.words]]
        whole = [c for c in self.table.candidates(texts) if c[0] == 0 and c[1] == len(texts)]
        return not any(meaning == label.field for _, _, meaning, _ in whole)


def _status_value(label: Label, lines: list[Line], found: list[Label]) -> bool:
    """'ORDER DATE  STATUS  EXPECTED ON' over 'Dec 5, 2034  Ordered  Dec 15, 2034' (DiveShop360): a document's
    state printed under its caption in a row of captions, not a label of the date beside it. ('Status  Open'
    over 'Created  Sep 3, 2029' in a panel is a label over a label, each with its value.)"""
    if label.field == "title" or label.words[-1].text.endswith(":") or len(label.words) > 1:
        return False
    line = label.line
    above = next((ln for ln in reversed(lines) if ln.page == line.page and ln.bottom <= line.top + 1), None)
    if above is None or line.top - above.bottom > 1.5 * line.height:
        return False
    captions = {id(lb.words[0]) for lb in found if lb.line is above}
    x0, x1 = label.words[0].x0, label.words[-1].x1
    for i, word in enumerate(above.words):
        if norm(word.text).rstrip(":") in _STATUS_CAPTIONS and word.x1 > x0 - 2 and word.x0 < x1 + 2:
            after = above.words[i + 1] if i + 1 < len(above.words) else None
            return bool(captions) and (after is None or id(after) in captions)
    return False


_STATUS_CAPTIONS = {"status", "state", "statut", "état", "stage"}


_DATE_FORMAT = re.compile(r"\(?(?:[ymdjatj]{1,4}[-/.]){2}[ymdjat]{1,4}\)?:?", re.I)


def _bilingual(line: Line, i: int, size: int, starts: set[int]) -> int | None:
    """Where the caption starts when the phrase at ``i`` is the second half of a caption printed in two languages
    ('Data / Date', 'Consegna richiesta / Requested delivery'): it follows a lone '/' and ends its phrase; the
    half before the slash is one to three words of its phrase."""
    if i < 2 or line.words[i - 1].text != "/" or not (i + size in starts or i + size == len(line.words)):
        return None
    first = max((s for s in starts if s < i), default=0)
    if not 1 <= i - 1 - first <= 3 or any(w.text == "/" for w in line.words[first : i - 1]):
        return None
    if _ANOTHER_NUMBER.search(" ".join(w.text for w in line.words[first : i - 1])):
        return None  # 'Job / PO Number' over 'J-4410 / 45-2201': two captions, not one in two languages
    return first


# what the half before a slash names when it is a caption of its own, not the same caption in another language
_ANOTHER_NUMBER = re.compile(
    r"\b(job|project|projet|contract|contrat|requisition|req|quote|quotation|devis|invoice|facture|customer|client|"
    r"vendor|supplier|fournisseur|account|release|reference|ref|cost|ship|bill|store|dept|department|buyer|terms|"
    r"work|sales|blanket|revision|rev|version|page|line|item|our|your|votre|notre|unser|ihr)\b",
    re.I,
)


def _translated(label: Label, starts: set[int], skipped: list[tuple[int, int, str, int]]) -> int:
    """The end of a caption that goes on after its label in another language ('Order date / Date de commande',
    'Ship to / Expédier à'): up to its phrase's end when a lone '/' follows the label, at most four words follow
    it and none of them is a label of another field ('PO No. / Date' is two captions)."""
    words, end = label.line.words, label.end
    if end >= len(words) or words[end].text != "/" or label.start not in starts:
        return end
    stop = min((s for s in starts if s > end), default=len(words))
    # (a word within the translation read as a label of its own: 'commande' in 'Date de commande' is no other field)
    same = [(i, i + size) for i, size, field, _ in skipped if field == label.field]
    others = [
        i
        for i, size, field, _ in skipped
        if field != label.field and not any(a <= i and i + size <= b for a, b in same)
    ]
    if stop - end - 1 > 4 or any(end < i < stop for i in others):
        return end
    return stop


# words that are a label only in a row of captions ('Order  Revision  Page' over '45-1701  0  1 of 1') or in a
# panel; alone on a line they are something else ('Order Desk' over a street address)
_ROW_ONLY = {"order", "requested", "numéro", "commande"}
# a document's number after 'Commande :': letters, then at least four digits in dashed groups ('CMD-2026-8557')
_COMMANDE_NUMBER = re.compile(r"(?:[A-Za-z]{1,6}-?)?\d{4,}(?:-\d+)*")
_MARKED = {"order", "commande"}
_REFERENCES = {"reference", "ref", "ref.", "reference no.", "reference no", "reference #", "ref #", "ref no."}
_HASHED = re.compile(r"#[A-Za-z0-9\-/.]*\d[\w\-/.]*")


# labels that name no document of their own: at the end of a longer phrase they are that phrase's ('Quote Doc.
# Date', 'Requisition Doc. No.', review 37)
_PHRASE_START_ONLY = {
    "doc. no.", "doc. no", "doc no.", "doc no", "doc. date", "doc date",
    "target date", "target delivery date",  # 'Invoice Target Date', 'Quote Target Date' (review 38): other dates
}  # fmt: skip


def _inside_phrase(label: Label) -> bool:
    """Whether a label that must start its phrase stands after other words of it."""
    text = " ".join(norm(w.text) for w in label.words)
    return text in _PHRASE_START_ONLY and label.start not in segment_starts(label.line)


def _lone_caption(label: Label, found: list[Label]) -> bool:
    """A row-only label that is not a caption of its own in a row of captions nor a label of a panel ('Order
    ...... GR-27601' over 'Order Date ...... 02-Aug-2027'): part of a phrase, or alone."""
    text = " ".join(norm(w.text) for w in label.words)
    if text not in _ROW_ONLY or label.field == "title":
        return False
    words, end = label.line.words, label.end
    colon = label.words[-1].text.endswith(":") or (end < len(words) and words[end].text == ":")
    if text == "numéro" and colon and all(w.text == "|" for w in words[: label.start]):
        return False  # 'Numéro : CMD-2026-6601' centred under 'BON DE COMMANDE' (Microinvest): a label of its own
    rest = [w.text for w in words[end:] if w.text != ":"]
    if text == "commande" and label.field == "po_number":
        # 'Commande : CMD-2026-8557' beside the letterhead under 'Bon de commande' (Koust): a number, its colon
        # and nothing after it; never a caption ('Date de commande', 'Commande du 12/03') nor a title, nor a date,
        # a month or a week ('Commande : 09-déc.-2035', '12/2035', 'S50', review 29)
        at_start = label.start in segment_starts(label.line)
        number = len(rest) == 1 and bool(_COMMANDE_NUMBER.fullmatch(rest[0]))
        return not (colon and at_start and number and _alone(label, found))
    if text == "order" and colon and label.start == 0 and len(rest) == 1 and re.search(r"\d", rest[0]):
        return False  # 'Order: 45-8657' on a line of its own under the title (DiveShop360): its number
    if text == "order" and label.start == 0 and len(rest) == 1 and _HASHED.fullmatch(rest[0]) and _alone(label, found):
        return False  # 'Order #CP111301' on a line of its own under the title (BlueCart): a number marked as one
    return not (in_caption_row(label, found) or in_panel(label, found))


def _alone(label: Label, found: list[Label]) -> bool:
    """Whether no other label names a PO number: a drop-ship order prints the shop's order ('Order #1042',
    'Commande : WEB-1042') beside its own number under 'N°', 'Number', 'Réf.' (review 29). 'Order Total' under the
    table is no rival; a 'Reference:' may be the PO's own number."""
    return not any(
        lb is not label and (lb.field == "po_number" or lb.text in _REFERENCES) and lb.text not in _MARKED
        for lb in found
    )


def in_caption_row(label: Label, found: list[Label]) -> bool:
    """Whether a label is one caption of a row of captions ('Purchase Order  Release No.  Order Date' over
    their values): a phrase of its own on a line with other labels."""
    whole = any(segment == label.words for segment in label.line.segments())
    return whole and any(lb is not label and lb.line is label.line for lb in found)


def _middle(words: list[Word]) -> float:
    return (words[0].x0 + words[-1].x1) / 2


def segment_starts(line: Line) -> set[int]:
    starts, index = set(), 0
    for segment in line.segments():
        starts.add(index)
        index += len(segment)
    return starts


# a dot leader between a label and its value ('PO NUMBER . . . . : CP111800', 'Bestell-Nr. .......: 4500021900',
# 'P.O. NUMBER . : 45-9750'): character-mode prints set it where others set a colon
_LEADER = re.compile(r"[.…]+:?|:")
# a rule or a box's wall drawn with characters ('------', '+------+------+', '|')
_RULE_WORD = re.compile(r"[-=+_|*]{2,}|[|+]")


def rule_line(line: Line) -> bool:
    """Whether a line is only a rule drawn with characters ('+-------+-------+', '=======')."""
    return bool(line.words) and all(_RULE_WORD.fullmatch(w.text) for w in line.words)


def boxed(line: Line) -> bool:
    """A row of a box drawn with characters: its walls ('|') both ends of the line (RealWorld, Saari)."""
    words = line.words
    return len(words) >= 3 and words[0].text == "|" and words[-1].text == "|"


def _after_bars(line: Line) -> set[int]:
    """Where a phrase starts after a bar or a dot set between phrases ('Florisoft | printed 05-04-2034 | user
    KIMB'): a label there only explains a date ('other'); an order's field is not read from it ('Net 30 days |
    Due date: 04/13/2026' is the payment's, review 24)."""
    return {i + 1 for i, w in enumerate(line.words[:-1]) if w.text in _SEPARATORS}


_SEPARATORS = {"|", "·", "•"}


def _whole_address(words: list[Word]) -> bool:
    """Whether words read so far end in an address's postal line ('…, Dayton, OH 45402')."""
    parts = [p.strip() for p in re.split(r"[,|·•]", " ".join(w.text for w in words)) if p.strip()]
    return bool(parts) and (is_postal_line(parts[-1]) or (len(parts) > 1 and is_postal_line(", ".join(parts[-2:]))))


def value_beside(label: Label, labels: list[Label]) -> list[Word]:
    """The words right of a label on its line, up to the next label or a wide gap; none beside a title set
    sideways (up the page's edge, it shares a text line with whatever is level with its letters: a postcode)."""
    if label.field == "title" and label.words[-1].turned:
        return []
    line = label.line
    stops = {lb.start for lb in labels if lb.line is line and lb.start >= label.end}
    out: list[Word] = []
    previous = label.words[-1]
    for i in range(label.end, len(line.words)):
        word = line.words[i]
        if i in stops:
            break
        if (word.text == "#" or _LEADER.fullmatch(word.text)) and not out:
            previous = word
            continue
        gap = word.x0 - previous.x1
        # (a bar between phrases ends the value: 'printed 05-04-2034 | user KIMB'; an address's parts are set
        # apart by them: 'Lieferanschrift: Hansa Lager Bremen · Hafenstraße 51 · 28195 Bremen', MONKEY OFFICE)
        separator = word.text in _SEPARATORS and (
            label.field not in ("ship_to", "bill_to") or _whole_address(out)
        )  # ('… Dayton, OH 45402 | Mark for: … Columbus, OH 43215': the first address is the ship-to, review 26)
        if out and (gap > 1.6 * line.height or separator):
            break
        if (
            not out
            and gap > 12 * line.height
            and not label.far
            and not (_ends_line(line, i) and in_panel(label, labels))
        ):
            break  # far away: not this label's (a learned label was proven on its layout: any gap)
        out.append(word)
        previous = word
    if all(w.text in ("/", "|", "-", "–", "&", "+") for w in out):
        return []  # 'SHIP TO / DELIVERY LOCATION': a separator between two labels is no value
    return out


def _ends_line(line: Line, i: int) -> bool:
    """Whether the words from ``i`` on are the line's last phrase ('Jun 3, 2027' flush right in a panel)."""
    rest = line.words[i:]
    return all(b.x0 - a.x1 <= 1.6 * line.height for a, b in zip(rest, rest[1:], strict=False))


def value_level(label: Label, lines: list[Line], labels: list[Label]) -> list[Word]:
    """The phrase right of a label that was set on a line of its own: a value in a larger type beside a small
    label ('NEED BY' and '11/12/2026' share a row of the page but not a text line)."""
    line = label.line
    middle = (line.top + line.bottom) / 2
    end = label.words[-1].x1
    for other in lines:
        if other is line or other.page != line.page or abs((other.top + other.bottom) / 2 - middle) > 0.6 * line.height:
            continue
        after = [w for w in other.words if w.x0 > end]
        if not after or after[0].x0 - end > 12 * line.height:
            continue
        labelled = {id(w) for lb in labels if lb.line is other for w in lb.words}
        for segment in other.segments():
            if segment[0] is after[0]:
                return [] if any(id(w) in labelled for w in segment) else segment
    return []


def in_panel(label: Label, labels: list[Label]) -> bool:
    """A label of a panel ('Purchase order ........ 45-2101' / 'Date ........ 11/2/2026' / 'Page ........ 1'):
    another label starts where it starts, on a line nearby, and that line ends where this one ends — labels
    flush left, values flush right, however far apart."""
    line, x0, value_x = label.line, label.words[0].x0, _value_x(label)
    for other in labels:
        near = other.line is not line and other.line.page == line.page
        if not near or abs(other.line.top - line.top) > 3 * line.height or not _leads(other):
            continue
        if abs(other.words[0].x0 - x0) <= 2 and abs(other.line.words[-1].x1 - line.words[-1].x1) <= 2:
            return True
        if value_x is not None and value_x == _value_x(other):
            return True  # labels set flush right against a column of values ('Numéro  CMD-…' over 'Date de … 09/03')
    return False


def _value_x(label: Label) -> float | None:
    """Where the value beside a label starts, rounded to the point, when the label ends a few points before it, or
    with its colon further off ('Numéro :' and 'Date :' over values set at one tab stop)."""
    words, end = label.line.words, label.end
    colon = label.words[-1].text.endswith(":") or (end < len(words) and words[end].text == ":")
    end += end < len(words) and words[end].text == ":"  # the colon set apart is the label's, not the value
    reach = (10 if colon else 3) * label.line.height
    if end >= len(words) or not 0 < words[end].x0 - words[end - 1].x1 <= reach:
        return None
    return round(words[end].x0)


def _leads(label: Label) -> bool:
    """Whether a label begins its line, or its own part of it (the letterhead's address far left of a panel)."""
    if label.start == 0:
        return True
    before = label.line.words[label.start - 1]
    return label.words[0].x0 - before.x1 > 3 * label.line.height


def value_below(label: Label, lines: list[Line], labels: list[Label]) -> list[Word]:
    """The words under a label (a caption above its value), on the next line, within the label's column."""
    line = label.line
    first = label.words[0]
    right = _right_limit(label, labels)
    # a value starting just right of a short caption's end ('Date' over '12/5/2028', set right) is under it too
    below = next_line(line, lines, first.x0 - 4, label.words[-1].x1 + max(4.0, 1.6 * line.height))
    bottom = line  # the caption's last line
    while below is not None and rule_line(below):  # '+------+------+' between a grid's captions and its values
        below = next_line(below, lines, first.x0 - 4, label.words[-1].x1 + max(4.0, 1.6 * line.height))
    if below is not None and _caption_goes_on(line, below) and not any(lb.line is below for lb in labels):
        bottom = below  # 'Required' over 'On Site' over '04/17/2029': a caption two lines high, its value under both
        below = next_line(bottom, lines, first.x0 - 4, label.words[-1].x1 + max(4.0, 1.6 * line.height))
    reach = max(2.5 * line.height, 1.5 * below.height, 14.0) if below is not None else 0.0
    captions = sum(lb.line is line for lb in labels)
    if below is not None and captions >= 2 and in_caption_row(label, labels):
        # a row of small captions atop a box, its values low in it (Proginov; MoneyWorks' 'Order No.  Date' in
        # ruled cells): only a row of values under the captions, not a lone date further down under one of them
        filled = sum(
            any(w.x1 > lb.words[0].x0 - 4 and w.x0 < lb.words[-1].x1 + 4 for w in below.words)
            for lb in labels
            if lb.line is line
        )
        if filled >= 3 or filled == captions:
            reach = max(reach, 3 * line.height)
    if below is None or below.top - bottom.bottom > reach:
        return []
    labelled = {lb.start for lb in labels if lb.line is below}
    neighbours = sorted((lb for lb in labels if lb.line is line), key=lambda lb: lb.words[0].x0)
    phrase: dict[int, Word] = {}  # each word's phrase, as one word: '7 juin 2028' centred under 'Date'
    cut: set[int] = set()  # words of a phrase cut at its captions: its piece alone says whose they are
    for segment in below.segments():
        runs = _values_of_captions(segment, neighbours)
        for run in runs:
            span = Word("", run[0].x0, run[-1].x1, below.top, below.bottom, below.page)
            phrase.update((id(w), span) for w in run)
            if len(runs) > 1:
                cut.update(id(w) for w in run)

    def mine(word: Word) -> bool:
        """Under the label by itself and the label's (not a neighbour's), or in a phrase centred under it."""
        span = phrase[id(word)]
        if id(word) in cut:
            return _centred_under(span, label, neighbours)
        centred = _centred_under(span, label, neighbours)
        under = word.x0 >= first.x0 - 4 and word.x0 < right - 1 and word.x1 > first.x0
        if (under or centred or _centred_under(word, label, neighbours)) and _owner(word, neighbours) is label:
            return True
        return centred and _owner(span, neighbours) is label

    picked = [(i, w) for i, w in enumerate(below.words) if mine(w) and not (boxed(below) and w.text == "|")]
    if not picked or picked[0][0] in labelled:
        return []
    return [w for _, w in picked]


_NAMES_A_DATE = re.compile(
    r"\b(date|datum|needed|need|due|wanted|want|required|requested|request|revised|revision|rev|printed|print|ship|"
    r"reqd|req'd|req|dock|eta|etd|arrival|arrive|"
    r"shipped|deliver|delivery|expected|promised|cancel\w*|order\w*|issued|created|approved|confirmed|received|"
    r"changed|effective|expires?|valid|livraison|besoin|liefer\w*|termin|bis|by|le|am|du)\b",
    re.I,
)


def _caption_goes_on(line: Line, below: Line) -> bool:
    """Whether the line right under a row of captions is their second line ('Required' over 'On Site'): set
    tight under it in the same type, with no figure, and every word under one of the row's captions."""
    if below.top - line.bottom > 0.6 * line.height or abs(below.height - line.height) > 0.5:
        return False
    if any(re.search(r"\d", w.text) for w in below.words) or _NAMES_A_DATE.search(below.text):
        return False  # ('Date' over 'Needed', 'Due', 'Revised', 'Printed': the second line says which date it is)
    captions = line.segments()
    # a caption's second line may run wider than its caption, starting under it and stopping short of the next
    # ('SITE' over 'SUPERVISOR', Databuild): where only a few captions go on, or as one word of its own; not a row
    # of values, one under each caption, running past the last ('… | BUYER' over '… | TESS OKAFOR', review 20)
    segments = below.segments()
    few = len(segments) < len(captions)

    def under(w: Word, k: int) -> bool:
        s = captions[k]
        if s[0].x0 - 4 > w.x0:
            return False
        alone = any(segment == [w] for segment in segments)
        wide = (few or alone) and k + 1 < len(captions) and w.x0 <= s[-1].x1 and w.x1 <= captions[k + 1][0].x0 - 2
        return w.x1 <= s[-1].x1 + 2 * line.height or wide

    return all(any(under(w, k) for k in range(len(captions))) for w in below.words)


def _values_of_captions(segment: list[Word], neighbours: list[Label]) -> list[list[Word]]:
    """A phrase under a row of captions cut into pieces each centred on its own caption, left to right, when it
    can be: values set too close to be phrases of their own ('CMD-2026-2509 6 décembre 2028' under 'Numéro
    Date'). Otherwise the phrase whole. Shorter first pieces are tried first."""
    if len(neighbours) < 2 or len(segment) < 2 or len(segment) > 16:
        return [segment]

    def cut(words: list[Word], after: float) -> list[list[Word]] | None:
        if not words:
            return []
        for k in range(1, len(words) + 1):
            piece = words[:k]
            span = Word("", piece[0].x0, piece[-1].x1, piece[0].top, piece[0].bottom, piece[0].page)
            owner = next((lb for lb in neighbours if lb.words[0].x0 - 4 <= span.middle <= lb.words[-1].x1 + 4), None)
            if owner is None or owner.words[0].x0 <= after or not _centred_under(span, owner, neighbours):
                continue
            middle, width = (owner.words[0].x0 + owner.words[-1].x1) / 2, owner.words[-1].x1 - owner.words[0].x0
            if abs(span.middle - middle) > 4 + 0.1 * width:
                continue  # centred on its caption, as a centred value is: not one that swallowed its neighbour
            rest = cut(words[k:], owner.words[0].x0)
            if rest is not None:
                return [piece, *rest]
        return None

    pieces = cut(segment, -1e9)
    return pieces if pieces is not None and len(pieces) > 1 else [segment]


def _centred_under(word: Word, label: Label, neighbours: list[Label]) -> bool:
    """A value centred under its caption ('P.O. NO.' over 'DM/26/0419') starts left of the caption: its middle
    lies under the caption, and it does not reach back under the caption before."""
    first, last = label.words[0], label.words[-1]
    if not first.x0 - 4 <= word.middle <= last.x1 + 4:
        return False
    before = [lb.words[-1].x1 for lb in neighbours if lb.words[-1].x1 <= first.x0]
    return word.x0 > max(before, default=-1e9) + 2


def _owner(word: Word, neighbours: list[Label]) -> Label | None:
    """Of the captions on one line, the one a word under them belongs to: the caption over the word's middle,
    else the nearest caption on its left (values are printed under or right of their caption's start)."""
    if len(neighbours) < 2:
        return neighbours[0] if neighbours else None
    for lb in neighbours:
        if lb.words[0].x0 - 4 <= word.middle <= lb.words[-1].x1 + 4:
            return lb
    left = [lb for lb in neighbours if lb.words[0].x0 - 4 <= word.x0]
    return left[-1] if left else neighbours[0]


def next_line(line: Line, lines: list[Line], x0: float = -1e9, x1: float = 1e9) -> Line | None:
    """The next line down the page with a word reaching between ``x0`` and ``x1`` (under a caption; a line
    printed beside it, in another column of the page, is passed over)."""
    for candidate in lines:
        if candidate.page == line.page and candidate.top > line.bottom - 1:
            if any(w.x1 > x0 and w.x0 < x1 for w in candidate.words):
                return candidate
    return None


def _right_limit(label: Label, labels: list[Label], passed: float = 0.0) -> float:
    """Where the next caption on the label's line starts (the next column), else the page edge; text beside
    the label up to ``passed`` is not a caption."""
    line = label.line
    after = [lb.words[0].x0 for lb in labels if lb.line is line and lb.start >= label.end and lb.field != label.field]
    segments = [seg[0].x0 for seg in line.segments() if seg[0].x0 > max(label.words[-1].x1 + 1, passed)]
    return min([*after, *segments, 10_000.0])


@dataclass(slots=True)
class Block:
    lines: list[str]
    beside: bool  # the first line was printed on the label's line
    site: str | None = None  # a site's number printed beside the label ('Ship-To: 1000'), the address under it


# a site's code printed beside the ship-to label, not its name (JD Edwards' 'Branch/Plant 38')
_SITE_CODE = re.compile(
    r"^(branch/plant|branch|plant|store|location|loc\.?|site|dept\.?|dock|whse|warehouse)\s*[#:]?\s*"
    r"(?:\d|[A-Z0-9]{2,6}$)",  # 'Store 102', 'Whse: HOU' (Infor's warehouse code)
    re.I,
)


def _centred_over(label: Label, lines: list[Line], labels: list[Label]) -> float:
    """Where the block under a caption starts: under the caption, or — a caption centred over its box ('VENDOR
    SHIP TO' over two boxes) — where the next line's phrase starts left of it, past the middle of the gap to the
    caption before it on its line."""
    x0 = label.words[0].x0
    before = [lb.words[-1].x1 for lb in labels if lb.line is label.line and lb.end <= label.start]
    boundary = (max(before) + x0) / 2 if before else 0.0
    line = label.line
    after = sorted(
        (ln for ln in lines if ln.page == line.page and line.bottom - 1 < ln.top < line.bottom + 3 * line.height),
        key=lambda ln: ln.top,
    )  # the first line under the caption with words on its side ('out of step' with the other box's)
    for ln in after:  # a line of the panel left of the box, out of step with it, before the box's first line
        if any(x0 - 8 <= w.x1 and w.x0 <= label.words[-1].x1 + 40 for w in ln.words):
            if any(abs(w.x0 - x0) <= 8 and (i == 0 or w.x0 - ln.words[i - 1].x1 > 3 * ln.height)
                   for i, w in enumerate(ln.words)) and ln is not after[0]:  # fmt: skip
                return x0  # (WinBIZ: 'Date : 02.03.2031' set between 'Adresse de livraison' and its block)
            break
    below = next((ln for ln in after if any(boundary <= w.x0 <= label.words[-1].x1 + 40 for w in ln.words)), None)
    if below is None or any(
        abs(w.x0 - x0) <= 8 and (i == 0 or w.x0 - below.words[i - 1].x1 > 0.6 * below.height)
        for i, w in enumerate(below.words)
    ):  # a phrase starts under the caption ('&' of 'Cedar & Pine Salem' centred under it starts none)
        return x0
    owned = {id(lb.words[0]) for lb in labels if lb.line is below}
    left: list[float] = []
    for i, word in enumerate(below.words):
        starts = i == 0 or word.x0 - below.words[i - 1].x1 > 3 * below.height
        if not starts or id(word) in owned:
            continue
        if boundary <= word.x0 < x0 - 8:
            left.append(word.x0)
        elif x0 + 8 < word.x0 <= label.words[-1].x1 + 40 and not left:
            return word.x0  # indented under its caption ('SHIP TO:' at its left)
    # of the phrases starting left of the caption, the nearest is its block; one further left is another's (the
    # ordering store's letterhead at the margin, beside 'Ship To' centred over Salem's block)
    return max(left, default=x0)


_ADDRESS_WORDS = {"address:", "adresse:", "anschrift:", "addr:", "addr.:"}


def address_block(label: Label, lines: list[Line], labels: list[Label], limit: int = 6) -> Block | None:
    """The address printed after or under a label: one text line per printed line, stopping at a gap, a
    misaligned line, another label or after the postal-code line."""
    beside = value_beside(label, labels)
    passed = 0.0  # where a code beside the label ends: the address under it may run on under the code
    site = " ".join(w.text for w in beside)
    # 'SHIP TO  DM-TPA' (Infor LX), 'SHIP TO STORE  #101' (a store's number after its caption)
    bare = re.fullmatch(r"#?(?=.*[-\d])[A-Z0-9]{1,6}(?:-[A-Z0-9]{1,6})*", site)
    code = site.split()[-1] if beside and (_SITE_CODE.match(site) or bare) else None
    code_x0 = beside[0].x0 if beside and code is not None else None
    if beside and (beside[0].text in ("/", "|", "&", "+") or code is not None):
        passed, beside = (
            beside[-1].x1,
            [],
        )  # 'SHIP TO / DELIVERY LOCATION', 'Ship To  Branch/Plant 38', 'Ship-To: 1000': the address is under it
    line = label.line
    if (
        len(beside) >= 2
        and code is None
        and re.fullmatch(r"#?\d{1,6}", beside[0].text)
        and beside[1].text[:1].isalpha()
    ):
        # 'SHIP TO STORE . . : 101  Cedar & Pine Portland' over '1535 SW Morrison Street' set under the name (Island
        # Pacific): the number before the name is the site's code, checked by the core against the name
        under = next_line(line, lines, beside[0].x0 - 4, beside[-1].x1)
        if (
            under is not None
            and any(abs(w.x0 - beside[1].x0) <= 2 for w in under.words)
            and not any(abs(w.x0 - beside[0].x0) <= 2 for w in under.words)
        ):
            code, beside = beside[0].text.lstrip("#"), beside[1:]
    out: list[str] = []
    if beside:
        x_start = beside[0].x0
        right = max(w.x1 for w in beside) + 10_000.0
        stops = [
            lb.words[0].x0 for lb in labels if lb.line is line and lb.start >= label.end and lb.field != label.field
        ]
        right = min([*stops, right])
        out.append(" ".join(w.text for w in beside))
    else:
        x_start = _centred_over(label, lines, labels)
        right = _right_limit(label, labels, passed)
        if code_x0 is not None and _under_the_code(label, lines, code_x0):
            x_start = code_x0  # 'Ship To:  Store 101' over 'Cedar & Pine Portland' (Retalix): the block under the code
    parts = _one_line_address(out[0]) if beside else None
    if parts and not parts[0][:1].isdigit():
        return Block(parts, True)  # 'Lieferung an: Hansa Filiale Hamburg, Spaldingstraße 160, 20095 Hamburg'
    if beside and is_postal_line(out[0]):
        return Block(out, True)
    if parts:
        return Block(parts, True)
    previous = line
    page_lines = [ln for ln in lines if ln.page == line.page and ln.top > line.bottom - 1]
    for candidate in page_lines:
        if len(out) >= limit or candidate.top - previous.bottom > 1.8 * previous.height:
            break
        if not any(w.x1 > x_start - 4 and w.x0 < right - 1 for w in candidate.words):
            continue  # a line of another column ('NEED BY' set in a smaller type between two address lines)
        picked: list[Word] = []
        for word in candidate.words:
            if word.x0 < x_start - 8 or word.x0 >= right - 1:
                continue  # (8: a centred block's lines start a few points apart, '1200 SW Jefferson Street' left)
            if not picked and abs(word.x0 - x_start) > max(8.0, 1.6 * candidate.height):
                break  # the block starts under the label, or indented a little inside its box
            if picked and word.x0 - picked[-1].x1 > 1.6 * candidate.height:
                break
            picked.append(word)
        if not picked and candidate.top < previous.bottom:
            continue  # another column's line set between ours (two address blocks side by side, out of step)
        if not picked and _aside(candidate, page_lines, labels, x_start):
            continue  # 'Requested delivery date:  2033-01-18' of a panel to the right, a little above the block's
            #           first line (enova365), a stamp box's 'Approved  Checked' (Yayoi): the block goes on under it
        if not picked:
            break
        if not out and len(picked) > 1 and picked[0].text.casefold() in _ADDRESS_WORDS:
            # 'Ship To Information' over 'Address:Cedar & Pine Portland', its street under the name (Periscope
            # BuySpeed): the address starts after its label
            picked, x_start = picked[1:], picked[1].x0
        starts = {lb.start for lb in labels if lb.line is candidate}
        first = candidate.words.index(picked[0])
        if first in starts:
            break
        captioned = [
            lb for lb in labels if lb.line is candidate and lb.field != "other" and lb.words[-1].x1 <= picked[0].x0
        ]
        street = picked[0].text[:1].isdigit() or is_postal_line(" ".join(w.text for w in picked))
        if beside and any(lb.field != label.field or not street for lb in captioned):
            # 'Delivery address: Boltline North Yard' under 'Receiving warehouse: …' (review 24): another label's
            # block; 'Shipping Address  160 Northeastern Boulevard' under 'Shipping Address Name …' (ERPNext): ours
            break
        text = " ".join(w.text for w in picked)
        if not out and (named := _SITE_NAMED.match(text)):
            text = text[named.end() :]  # 'Outlet: Cedar & Pine Bend' (Retail Express): the site's name
        if not out and code is None and _SITE_CODE.match(text) and len(text.split()) <= 3:
            code = text.split()[-1]  # 'Location # 0042' atop the block (SPS Commerce): the site's code, not its name
            previous = candidate
            continue
        site, dot, whom = text.partition(" · ")
        if not out and code is None and dot and _SITE_CODE.match(site) and len(site.split()) <= 3:
            if _ATTENTION.match(whom.strip()):  # 'Warehouse 0043 · Attn: Store 0043 Receiving' (Ellipse): the
                code = site.split()[-1]  # site's code and whom to tell, over the name
                previous = candidate
                continue
        if not out and _PARTY_GLN.fullmatch(text):
            previous = candidate  # 'GLN 4012345000023' atop an EANCOM party (SEEBURGER, Agena3000): its number
            continue
        if not out and _SITE_DESIGNATION.match(text):
            previous = candidate  # 'Building site: 001 - Main warehouse, stock replenishment' over the address
            continue  # (Sienge): the job site's number and purpose, not the place's name
        if _PANEL_LABEL.match(text) and not _ATTENTION.match(text):
            break  # the next label of a panel we do not know ('Ship-to location: 101' over 'Status: Released')
        out.append(text)
        previous = candidate
        if is_postal_line(text) and not _street_over_us_postal(text, candidate, page_lines, x_start):
            break
    kept = [text for text in out if not _ATTENTION.match(text)]  # 'Attn: Sarah Kim': whom, not where
    if len(kept) == 1 and (parts := _one_line_address(kept[0])):
        kept = parts  # the whole address on the one line under its label
    if not kept:  # a site's number with no address under it ('Ship-to location: 101' in a panel of labels)
        return Block([], False, code) if code is not None else None
    return Block(kept, bool(beside) and kept[0] == out[0], code)


def _aside(line: Line, page_lines: list[Line], labels: list[Label], x_start: float) -> bool:
    """Whether a line is set wholly right of an address block (from ``x_start``), beside it, not after it: it
    starts with a label (a panel of labels), or the block's next line follows tight under it."""
    if line.words[0].x0 <= x_start + 10 * line.height:
        return False
    if any(lb.line is line and lb.start == 0 for lb in labels):
        return True
    after = page_lines[page_lines.index(line) + 1 :][:1]
    return bool(after) and after[0].top - line.bottom < line.height and abs(after[0].words[0].x0 - x_start) <= 8


def _street_over_us_postal(text: str, line: Line, page_lines: list[Line], x_start: float) -> bool:
    """'61535 S Highway 97' over 'Bend, OR 97702': a five-figure street number reads like a German postal line;
    the US postal line under it says it is the street."""
    if _US_POSTAL.match(text.strip()) or line not in page_lines:
        return False
    below = page_lines[page_lines.index(line) + 1 : page_lines.index(line) + 2]
    for segment in below[0].segments() if below else []:
        if abs(segment[0].x0 - x_start) <= 8:
            return bool(_US_POSTAL.match(" ".join(w.text for w in segment)))
    return False


def _under_the_code(label: Label, lines: list[Line], code_x0: float) -> bool:
    """The first line under a label with a site code beside it starts a phrase under the code, none under the
    label: the address is set under the code."""
    below = next((ln for ln in lines if ln.page == label.line.page and ln.top > label.line.bottom - 1), None)
    if below is None:
        return False
    starts = [segment[0].x0 for segment in below.segments()]
    return any(abs(x - code_x0) <= 8 for x in starts) and not any(abs(x - label.words[0].x0) <= 8 for x in starts)


def _one_line_address(text: str) -> list[str] | None:
    """An address printed on one line, its parts between commas, ending in its postal line: 'Hansa Filiale
    Hamburg, Spaldingstraße 160, 20095 Hamburg', 'Acme Dayton, 1200 Wayne Ave, Dayton, OH 45402'."""
    parts = [p.strip() for p in text.split(",")]
    for tail in (1, 2):
        if len(parts) < tail + 1 or not all(parts) or not is_postal_line(", ".join(parts[-tail:])):
            continue
        # the name set apart from its street by a spaced dash: 'Delta Marine Tampa - 801 Channelside Drive, Tampa,
        # FL 33602' (Starsoft)
        # (a street: a number and words; 'Granite State Yard - 2' names the second yard, review 23)
        head = (
            re.split(r"\s[-–—]\s(?=\d{1,6}\s+[^\W\d_])", parts[0], maxsplit=1) if len(parts) == tail + 1 else parts[:1]
        )
        if len(head) + len(parts) - tail >= 3:
            return [*head, *parts[1:-tail], ", ".join(parts[-tail:])]
    # its parts between spaced dashes: 'Acme Hardware Dayton - 118 E Third Street - Dayton, OH 45402' (TOTVS), or
    # dots and bars: 'Hansa Lager Bremen · Hafenstraße 51 · 28195 Bremen' (MONKEY OFFICE)
    parts = [p.strip() for p in re.split(r"\s[-–—·|•]\s", text)]
    if len(parts) >= 3 and all(parts) and is_postal_line(parts[-1]):
        return parts
    return None


_PANEL_LABEL = re.compile(r"^[^\W\d_]{3,}:(\s|$)")
# the first line of an address naming the kind of site before its name ('Outlet: Cedar & Pine Bend')
_SITE_NAMED = re.compile(r"^(?:outlet|store|branch|site|filiale|magasin|standort)\s*:\s*(?=\S)", re.I)
_PARTY_GLN = re.compile(r"(?:GLN|ILN)\s*:?\s*\d{13}", re.I)
_SITE_DESIGNATION = re.compile(r"^(?:building|job|construction|work)\s+site\s*:", re.I)
_ATTENTION = re.compile(r"^(attn\b\.?|attention\b|z\.\s?hd\.?|zu händen\b|à l'attention de\b|c/o\b)", re.I)


_US_POSTAL = re.compile(  # ('Portland, OR 97201 US' (Periscope BuySpeed): the country after it)
    r"^(?P<city>.+?),?\s+(?P<state>[A-Z]{2})\s+(?P<postal>\d{5}(?:-\d{4})?)(?:,?\s+(?:US|USA|U\.S\.A\.))?$"
)
_EU_POSTAL = re.compile(r"^(?:[A-Z]{1,2}-)?(?P<postal>\d{5})\s+(?P<city>[^\d,][^,]+)$")


def postal_parts(text: str) -> tuple[str, str | None, str] | None:
    """(city, state, postal code) of 'Dayton, OH 45402' or '28195 Bremen', else None."""
    m = _US_POSTAL.match(text.strip())
    if m:
        return m["city"].strip().rstrip(","), m["state"], m["postal"]
    m = _EU_POSTAL.match(text.strip())
    if m:
        return m["city"].strip(), None, m["postal"]
    return None


def is_postal_line(text: str) -> bool:
    return postal_parts(text) is not None
