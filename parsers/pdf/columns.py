"""The line-item table's header row: which printed column means what, and where it sits.

A header row is a text line whose phrases are column names ('Qty', 'Unit Price', 'Ihre Art.-Nr.', 'Désignation')
— at least a quantity and an item or description column, and most of its words recognised. Each column keeps
the x-extent of its caption; rows are read against those positions (see :mod:`parsers.pdf.table`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from parsers.pdf.labels import PhraseTable, norm
from parsers.pdf.layout import Line, Word

# item_ours: the column holds *our* (the seller's) item number; item_theirs: the customer's own number
HEADERS: dict[str, tuple[str, ...]] = {
    "line_no": ("line", "ln", "#", "pos", "pos.", "no.", "no", "ligne", "lfd. nr.", "position", "nr.", "line no.",
        "lig.", "lig", "line no", "line #", "line number", "ln #", "ln.", "item line", "po item", "row",
        "seq.", "seq", "seq no", "seq. no.",  # Kingdee
        "line-sch", "line-sched", "ln-sch",  # PeopleSoft's line and schedule ('1-  1')
        "s.n.", "s.no.", "s. no.", "sr. no.", "sr.no.", "sl. no.", "sl.no.", "s no",  # India: the serial number
        "n°", "nº", "n° ligne",  # 1C's French print: 'N° | Article | Code'
        "oz", "oz.", "ordnungszahl"),  # German craft-trade software (Taifun): the position '01.0010'
    "item": (
        "item", "item no", "item no.", "item #", "item number", "part no.", "part no", "part number", "part #",
        "sku", "catalog no.", "catalog #", "artikel-nr.", "artikelnummer", "art.-nr.", "artikel", "référence",
        "catalog number", "catalogue number", "catalog no",  # Kuali KFS: the supplier's catalogue number
        "réf.", "ref.", "code", "product code", "article", "item code", "code article", "réf. article", "artikelcode",
        "article code",  # Wings (Serbia): 'Article code  Article name'
        "style #", "style no.", "style no", "style number",  # a retailer's style (The Edge), or a vendor's alone
        "teile-nr.", "teile-nr", "teilenummer", "teilenr.",  # Loco-Soft (car dealers): the part's number
        "art.",  # 'Art. | Supplier art.' (review 24)
        "part",  # Cyrious Control: 'Qty | Part | Description'
        "goods code", "code of goods",  # 1C-style forms: 'Goods' over 'code' beside 'Name of goods'
        "référence article", "product no.", "product #", "material", "material no.",
        "product number", "stock no.", "stock #", "stock code", "stock ref", "stock ref.", "stock reference",
        "item id", "inventory id", "inventory item",
        "sku no", "sku no.", "sku #", "sku number",
        "material code", "material no",  # Kingdee
        "item code/sku", "part id", "produkt", "produktnummer", "produkt-nr.", "produktnr.", "artikelnr.",
        "artikelnr", "art.nr.", "art.-nr", "artikel-nr",
        "product/service", "activity",  # QuickBooks: the product's name (our code or the customer's)
        "art. no",  # Pyramid: the customer's article number
        "product id", "search key", "art.no.", "art. no.", "art.no",  # Openbravo's and Unit4's code of the product
        "n° d'article", "n° d’article", "no d'article", "numéro d'article",  # Sage 50 (Canada)
        "reference",  # Alegra: 'Item | Reference', the product's name and its code
        "ident", "ident-nr.", "ident nr.", "identnummer",  # HELIUM V (Austria): the article's ident
        "input",  # Sienge (Brazilian construction ERP): 'Item | Input | Description', the input's (material's) code
        "part number / description",  # Invera Stratix: the part number on the row, its description under it
        "symbol",  # InsERT nexo: the buyer's own symbol of the product ('Lieferanten-Symbol: AB-1001' under it)
    ),
    "item_ours": (
        "supplier product id", "vendor product id", "your item", "your item #", "your item no.", "your item no",
        "your part", "your part no.", "ihre art.-nr.",
        "your ref", "your ref.", "your reference",  # Tharstern: the supplier's own code in the lines
        "supplier art. no", "supplier art. no.", "supplier art.no",  # Pyramid: ours beside the customer's 'Art. no'
        "supplier art.", "supplier art",  # Florisoft: 'Article | Supplier art.' ('Art.' beside it: the customer's)
        "ihre artikelnummer",
        "réf. fourn.", "réf. fournisseur", "référence fournisseur", "ref. fourn.", "réf fourn.",  # Materials Control
        "supplier cat. no.", "supplier cat. no", "supplier cat no", "supplier cat #", "vendor cat. no.",  # Comax
        "vendor cat no",
        "ihre produktnr.", "ihre produktnummer", "ihre artikelnr.", "ihre art.nr.",
        "vendor item #", "vendor item", "vendor part", "vendor part no.", "supplier item", "votre réf.",
        "vendor's item #", "vendor's item", "vendor's part #", "vendor's part",  # SPS Commerce
        "votre référence",
        "supplier stock code", "vendor stock code", "supplier item code", "vendor item code",
        "vendor item no.", "vendor item number", "vendor part #", "vendor part number", "supplier item no.",
        "supplier part", "supplier part no.", "supplier part #", "supplier part number", "vendor sku",
        "supplier sku", "vendor code", "supplier code", "mfr part", "mfr. part #", "manufacturer part no.",
        "mfg id", "mfr id", "mfg part",
        "external item number", "external item no.", "external item", "vendor id", "vendor code #", "vendor part#",
        "lief.-art.-nr.", "lieferanten-art.-nr.", "supplier ref.", "supplier ref", "supplier reference",
        "art.-nr. lieferant", "lieferanten- art.-nr.", "artikelnr. lieferant", "artikel-nr. lieferant",
        "lieferanten- artikelnr.",  # SEEBURGER WebEDI: 'Art.-Nr. Lieferant', 'Lieferanten- Art.-Nr.'
        "lief.-artikelnr.", "lief.- artikelnr.", "lief.- art.-nr.",
        "lieferantenartikelnummer", "kreditoren- artikelnr.", "kreditoren-artikelnr.",
        "kreditorenartikelnr.", "kreditoren- artikelnummer", "kreditorenartikelnummer",
        "supplier part#", "vendor item#",
        "alu",  # Retail Pro's alternate look-up: the vendor's code
        "vend part #", "vend part", "vend. part #", "vend item", "vend item #", "vend. item #", "vendor #",
        "vendor product no.", "vendor product number", "vendor product #", "suppl.art.no.", "suppl. art. no.",
        "supp. art. no.", "supp. art.no.", "supp art no", "supplier art. no.", "supplier art no.", "supp. item no.",
        "supplier prod. no.", "supplier prod no", "supplier prod. no", "supplier product no.", "supplier product no",
        "supplier product number", "vendor prod. no.", "supplier product #",
        "supplier material no.", "supplier material no", "supplier material code", "vendor material no.",  # Kingdee
        "suppl. code", "suppl code", "supp. code", "supp code",  # TOTVS Protheus: the supplier's code
        "vendor product", "supplier product",  # Tecsys: 'PRODUCT' over 'VENDOR PRODUCT', theirs over ours
        # The Edge (jewellers' retail): 'Style # | Vendor Style #', the store's style and the vendor's
        "vendor style #", "vendor style no.", "vendor style no", "vendor style number", "vendor style",
        "ihre nr.",  # Nixdorf COMET: 'Unsere Nr. | Ihre Nr.'
        "your art no", "your art no.", "your art. no.", "your art. no", "your art.no.", "your article no.",  # Garp
        "your article no", "your art.", "your art",
    ),
    "item_theirs": (
        "our part", "our part no.", "our item #", "our item", "unsere art.-nr.", "unsere artikelnummer",
        "art.-nr. käufer", "art.-nr. kunde", "kunden- art.-nr.", "kunden-art.-nr.", "kunden-artikelnr.",
        "kunden- artikelnr.", "kundenartikelnummer", "artikelnr. käufer", "artikel-nr. käufer",  # SEEBURGER
        "our art.", "our art", "our art. no.",  # beside 'Supplier art.' (review 24)
        "our art no", "our art no.", "our art. no", "our art.no.", "our article no.", "our article no",  # Garp
        "notre réf.", "notre référence", "buyer part", "customer item", "customer part",
        "buyer part no.", "buyer part #", "customer part no.", "customer part #", "customer item no.",
        "our item no.", "our part #", "our sku", "our code", "custom sku", "internal item #", "internal item",
        "internal item no.", "internal part #", "internal part no.",
        "buyer's item #", "buyer's item", "buyer's part #", "buyer's part",  # SPS Commerce: 'Buyer's' over 'Item #'
        "unsere nr.",  # Nixdorf COMET: 'Unsere Nr. | Ihre Nr.'
    ),
    "description": (
        "description", "item description", "item / description", "bezeichnung", "artikelbezeichnung",
        "item description / item code",  # Ostendo: 'Item Description /' over 'Item Code', the code under the name
        "désignation", "designation", "title", "concept", "concepto", "artikelomschrijving", "omschrijving",
        "product description", "details", "item details", "particulars",
        "name of article", "name of item", "name of goods", "article name",  # Wings (Serbia)
        # Siriusware, SunSystems: the item's number under its name
        "description / item #", "description / item no.", "description / item code",
        "article / libellé",  # VIF: the name, its supplier code under it
        "part description", "part name",  # (never the bare 'Part' column's: one caption)
        "libellé", "désignation article", "product name", "item name",
        "product (service) name",  # Didox: 'Product (service)' over 'name', three caption lines high
        "marchandise", "marchandises",  # CALCMENU: 'Marchandise | Réf. | Unité | Qté commandée'
        "description of goods", "material description", "short text", "kurztext", "material text",
        "item & description", "text",
        "product", "products", "line description", "produit", "produits", "désignation produit", "name",
        "item and description", "item/description", "product & description", "items & description",
        "item / service", "goods", "beschreibung", "produktbeschreibung", "part id / description",
        "vendor part id / description", "desc", "desc.", "desc 1", "desc. 1", "desc1", "item no. description",
        "item no. / description",
        "item number description", "item # description", "part no. description", "part number description",
        "part no. / description", "part no./description", "part number / description",
        "stock code / description",  # Ellipse: 'Stock Code 7740' or 'Non-stock item' over the name
        "description / material", "description/material", "description / item", "description / part",
        "nom du produit / service", "nom du produit", "produit / service", "désignation du produit",
        "désignation de l'article", "désignation de l’article", "name of goods", "name of goods / index",
        "désignation des produits", "désignation des articles", "désignation des biens",  # WinMentor's French print
        "nazwa towaru", "nazwa",
        "item name / specification", "item name/specification", "item name / spec.", "name / specification",
        "material name",
        "kurztext / langtext", "kurz- / langtext",  # Taifun
        "benennung", "artikelbenennung",  # Monitor's German print ('Artikel / Benennung')
    ),
    "qty": (
        "qty", "qty.", "quantity", "qty ordered", "quantity ordered", "order qty", "menge", "qté", "quantité",
        "aantal", "anzahl", "ordered", "qty ord", "qté cdée", "quantité commandée", "order quantity",
        "ordered qty", "qty. ordered", "quantity required", "qty req", "qty required", "ordered quantity",
        "unités", "unidades", "cantidad",  # Holded: 'Concepto | Precio | Unidades | Subtotal'
        # Sage 50 (Canada): 'Quantité | Commande | En souffrance', the quantity received (blank on an order), the
        # quantity ordered and the quantity still owed, captions close together: one column, the ordered figure
        "quantité commande",
        "ord qty", "ord. qty", "qty ord.",  # JDA MMS
        "q'ty", "q’ty", "q'ty.",  # Japanese prints (mcframe)
    ),
    "uom": ("uom", "u/m", "um", "unit", "me", "unité", "einheit", "unit of measure", "eenheid", "u.m.", "units",
        "order unit", "purch. unit", "uom code", "unit code", "u/m code", "ua", "u.a.", "uv", "u.v.", "einh.", "einh",
        "uoi", "unit of issue", "u/i", "uop", "unit of purchase",  # Ellipse: the unit of issue, of purchase
    ),
    "unit_price": (
        "po price",
        "unit price", "price", "unit cost", "cost", "preis/me", "einzelpreis", "preis", "prix unitaire", "prix",
        "cost each", "price each",  # 'Cost' over 'Each' (TireMaster)
        "prix unitaire net ht", "prix unitaire net", "p.u. net ht",
        "cost / unit", "cost/unit", "cost per unit",  # FlexiBake: 'Cost /' over 'Unit'
        "rate ex tax", "rate ex. tax", "rate ex gst", "price ex tax", "price ex. tax", "price ex gst",  # Databuild
        "unit price ex tax", "unit price ex gst", "unit price excl. tax", "unit price excl tax",
        "p.u.", "rate", "prijs/st", "prijs", "price each", "prix u. ht", "p.u. ht", "prix unitaire ht", "pu ht",
        "prix ht", "net price", "price net", "price per unit", "price/unit", "unit price usd", "unit price eur",
        "nettopreis", "net unit price", "unit net price", "each", "ep",
        "e-preis", "stückpreis", "prix net", "prix net ht", "ek netto", "ek-preis", "einkaufspreis", "einzel-ek",
        "preis/eur", "preis/€", "preis je me", "pu net ht", "pu net", "p.u. net ht", "p.u. net",
        "ek-preis ohne mwst.", "preis ohne mwst.", "einzelpreis ohne mwst.", "vk-preis ohne mwst.", "preis/einh.",
        "preis/einheit", "preis je einh.", "preis je einheit", "cost/um", "price/um", "cost/u/m", "price/u/m",
        "precio", "à-price", "à price", "a-price", "à-pris", "a-pris",  # Swedish 'à-pris': the price of each
        "à-preis", "a-preis", "à preis",  # Monitor's German print
        "preis / me", "preis /me", "preis/ me", "preis / einh.", "preis / einheit", "price / unit", "price / uom",
        "price / um", "prix / unité",  # POHODA: the price per unit, its caption spaced around the slash
        "price/ unit", "price /unit",  # Vyapar
        "prix unit.", "prix unit. ht", "prix unit ht",
        "unit value",  # TOTVS Protheus ('Valor Unitário')
        "u/price", "u/ price", "u. price", "u.price",  # AutoCount
        "pa ht", "p.a. ht",  # Kezia: the buying price ('prix d'achat') before tax
        "pa net ht", "pa net", "p.a. net ht", "p.a. net",  # Fastmag: 'PA net HT', after its discount
        "pu htva", "p.u. htva", "prix htva", "prix unitaire htva", "pu h.t.v.a.",  # Belgium: before VAT
    ),
    "amount": (
        "amount", "total", "extended", "ext. price", "ext price", "extension", "line total", "betrag",
        "gesamtpreis", "montant", "bedrag", "net amount", "total price", "extended price", "montant ht",
        "montant net ht", "montant net",
        "total ht", "line amount", "extended amount", "ext. amount", "ext amount", "amount usd", "amount eur",
        "net amt",  # Sage 50
        "net value", "value net", "nettowert", "value", "line value", "ext. cost", "ext cost", "extended cost",
        "total cost",
        "ext. value", "extended value", "ext.", "ext", "gesamt",
        "gp", "g-preis", "positionswert", "subtotal", "net", "betrag/eur", "betrag/€", "wert", "wert eur", "wert/eur",
        "total excl. tax", "supply amt", "supply amt.", "supply amount", "supply value",  # Ecount: before VAT
        "total excl tax", "amount excl. tax",
        "sub-total", "line subtotal", "builder cost", "line net amount", "net line amount", "line net",
        "betrag ohne mwst.", "zeilenbetrag ohne mwst.", "betrag netto",
        "wert netto", "delivery cost",  # InsERT nexo's 'Wert' over 'netto'; Didox's 'Delivery' over 'cost'
        "sous-total", "sous total", "sous-total ht", "valeur ht", "summe", "sum", "summe netto", "summe eur",
        "extended amt", "ext amt", "ext. amt", "merch amt", "merch. amt", "merch amount", "merchandise amount",
        "merchandise amt",
        "total value",  # TOTVS Protheus ('Valor Total')
        "total htva", "montant htva", "total h.t.v.a.",  # Belgium (BOB 50)
        "net total", "total net", "net line total",  # Greentree
        "nett", "nett value", "nett amount", "nett total",  # Merlin (UK): the British spelling
    ),
    # a line's own delivery date, in a column of its own
    "line_date": (
        "date req.", "date req", "req. date", "req date", "required date", "date required", "delivery date",
        "deliv. date", "del. date", "need by", "need-by", "need date", "due date", "ship date", "requested date",
        "scheduled date", "expected date", "promised date", "receipt date", "lieferdatum", "liefertermin",
        "promise date", "promise dt",  # MIE Trak Pro
        "date de livraison", "date livraison", "required by", "deliver by", "deliver date", "expected receipt",
        "need by date",
        "date prévue", "requested", "livraison prévue", "date de livraison prévue", "échéance", "expected arrival",
        "expected",  # Reckon: 'Expected' over each line's date
        "del date", "deliv date", "planned del date", "planned delivery date", "planned date", "scheduled",
        "livraison", "délai", "lieferung", "delivery", "date livr.", "date livr", "date de livr.", "reqd by date",
        "reqd by",
        "due",  # Khaos Control: 'Due' over each line's '18 Sep 2036'
        "reqd date", "reqd. date", "desired recv", "desired recv date", "desired receive date",
        "want date", "arrival date", "expected arrival date", "termin", "lieferdatum/termin", "due on", "request date",
        "date besoin", "date de besoin", "date du besoin", "date requise", "requise",  # Dynacom: "Date" over "requise"
        "req'd date", "req’d date", "date req'd", "req'd by",  # MISys
        "reqd", "reqd date", "req'd", "date reqd",  # Infor LX's laser form
    ),
    "other": (
        "disc.%", "disc.", "disc", "discount", "disc %", "disc. %", "discount %",
        "discount amount", "total discount amount", "total discount",  # BuySpeed: 'Total Discount Amount'
        "color code", "colour code", "color", "colour", "clr", "size", "sz",  # a variant's, not the item's (review 28)
        "part type", "item type",  # ShipServ: 'Part Type' (VEN, the kind of number) before 'Part No.'
        "rem.", "rem. %", "rem.%", "rem %",  # Popsy: 'Rem.' over '%', the discount
        # what was received so far, not what is ordered ('Ord' / 'Rcvd' over 'Qty  Qty', TireMaster)
        "rcvd qty", "qty rcvd", "received qty", "qty received", "rec'd qty", "qty rec'd", "rcvd", "received",
        "taxes", "tax", "tax(%)", "korting", "btw", "vat", "rabatt",
        "remise", "tva", "cost code", "phase/cost code", "job", "job no.", "job #", "job number", "job no", "phase",
        "cost center", "gl account", "budget code", "remaining", "billed to date", "pe", "price unit",
        "preiseinheit",
        "account", "whse", "warehouse", "location", "upc", "gtin", "ean", "ordered by", "ct", "ecm", "price um",
        "cost um", "cost u/m",  # Stratix: 'Cost | Cost UM', the unit the cost is per ('EA', 'CWT')
        "price u/m", "rabatt %", "rabatt-%", "rabatt in %", "rab.%", "rab. %", "rab.", "rab %",
        # the shop's price, not ours
        "code ean", "ean code", "ean-code", "code-barres", "gencod", "code barre", "code barres", "code-barre",
        "per", "retail", "retail price", "msrp", "list price", "sell price", "suggested retail",
        # a line's tax and its price with tax: not the line's amount
        "montant tva", "valeur ttc", "montant ttc", "total ttc", "prix ttc", "tva %", "taux tva", "vat amount",
        "tax amount", "mwst.-betrag", "mwst-betrag", "ust.-betrag", "brutto", "bruttobetrag",
        # Brazil's tax on industrial products, a cost centre and the requisition a line came from (TOTVS Protheus)
        "ipi%", "ipi %", "ipi", "c.cost", "c. cost", "request",
        "en souffrance", "back order", "backorder", "back ordered", "taxe",  # Sage 50 (Canada)
        "unit retail", "ext retail", "ext. retail", "extended retail",  # JDA MMS: the shop's price, for ticketing
        "tax rate(%)", "tax rate (%)", "tax rate %", "tax rate",
        # a line's VAT rate and its amount with VAT ('MwSt.' over '%', 'Wert' over 'brutto': InsERT nexo, Didox)
        "vat rate", "vat rate %", "mwst.", "mwst", "mwst. %", "mwst %", "mwst.%", "bruttowert", "wert brutto",
        "cost incl. vat",
        "tax code", "vat code", "tax cd", "vat cd",  # Exchequer: the line's VAT code ('Z', 'S')
        # a line's weight, each and in all: not its unit nor its amount (Avontus Quantify)
        "unit wt.", "unit wt", "total wt.", "total wt", "weight", "unit weight", "total weight", "wt.", "wt",
        "ext. wt.", "ext wt", "gewicht", "poids", "poids total", "gesamtgewicht",
        "dept", "dept.", "class", "dept/class", "department",  # a retailer's merchandise department and class
    ),
}  # fmt: skip
ITEM_ROLES = ("item", "item_ours", "item_theirs")
TEXT_ROLES = ("description", *ITEM_ROLES, "line_no")


@dataclass(slots=True)
class Column:
    role: str
    caption: str
    x0: float
    x1: float


@dataclass(slots=True)
class Header:
    line: Line
    columns: list[Column]

    @property
    def span(self) -> tuple[float, float]:
        """Where the table's rows may print: a little beyond the first and last captions (numbers are often
        right-aligned past a short caption); a side panel further out is not part of any row."""
        margin = 4 * self.line.height
        left = self.columns[0].x0 - 30
        first = self.columns[0]
        if len(self.columns) > 1 and first.role in TEXT_ROLES and first.role != "line_no":
            # a text column's caption centred over it ('Désignation' over codes and names from the margin on)
            left = min(left, max(first.x0 + first.x1 - self.columns[1].x0, 0.0))
        return left, self.columns[-1].x1 + max(margin, 40.0)

    def roles(self) -> list[str]:
        return [c.role for c in self.columns]

    def has(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)

    def caption(self, role: str) -> str | None:
        """The normalised caption of the first column of ``role``, or None."""
        return next((norm(c.caption) for c in self.columns if c.role == role), None)

    @property
    def free(self) -> int:
        """The index of the free-text column (description, else the only item column, else -1): the one
        that takes whatever the fixed columns left over."""
        roles = self.roles()
        if "description" in roles:
            return roles.index("description")
        items = [i for i, r in enumerate(roles) if r in ITEM_ROLES]
        return items[0] if len(items) == 1 else -1


class HeaderMatcher:
    """Recognises header rows; ``pinned`` (a template's caption → role) is tried before the generic names."""

    def __init__(self, pinned: dict[str, str] | None = None) -> None:
        table = [(tuple(norm(w) for w in caption.split()), role, 0) for caption, role in (pinned or {}).items()]
        for role, captions in HEADERS.items():
            table += [(tuple(norm(w) for w in caption.split()), role, 1) for caption in captions]
            # 'Part#' and 'Stock#' (Sage 100 Contractor, Jim2): a caption's '#' set close to its word
            table += [(_glued(caption), role, 1) for caption in captions if caption.endswith(" #")]
        self.table = PhraseTable(table)
        self.phrases = {phrase for phrase, _, _ in table}

    def _two_captions(self, span: list[Word], height: float) -> bool:
        """'Qty. Unit    Code' (Microsip): a caption phrase ('unit code') whose words stand apart, several word
        spaces wide, where each side is a caption of its own, is two columns."""
        cuts = [k for k in range(1, len(span)) if span[k].x0 - span[k - 1].x1 > 0.8 * height]
        if not cuts:
            return False
        parts = [span[a:b] for a, b in zip([0, *cuts], [*cuts, len(span)], strict=True)]
        return all(tuple(norm(w.text) for w in part) in self.phrases for part in parts)

    def match(self, line: Line, bare: bool = False) -> Header | None:
        """The header row on ``line``; ``bare``, a row of the figures' captions alone ('Quantity  UOM  Unit Cost
        Total Cost'), with neither an item's nor a description's column (:func:`table.item_blocks`)."""
        words = _drop_currency(_split_glued(_join_broken(line.words)))
        if len(words) < 3 or len(words) > 24:
            return None
        texts = [norm(w.text) for w in words]
        columns: list[tuple[int, Column]] = []
        taken = [False] * len(words)
        for i, size, role, _ in self.table.candidates(texts):
            if any(taken[i : i + size]):
                continue
            span = words[i : i + size]
            if any(b.x0 - a.x1 > 1.2 * line.height for a, b in zip(span, span[1:], strict=False)):
                continue  # 'Item' and 'Description' far apart are two columns, not one caption
            if size > 1 and self._two_captions(span, line.height):
                continue
            taken[i : i + size] = [True] * size
            caption = " ".join(w.text for w in span)
            columns.append((i, Column(role, caption, span[0].x0, span[-1].x1)))
        columns = _stacked_pair(words, taken, columns, line.height)
        columns = _bilingual_pairs(words, taken, columns, line.height)
        _unknown_before_slash(words, taken, columns, line.height)
        known = sum(taken)
        words, taken, columns = _trim_far_unknowns(words, taken, columns, line.height)
        columns = _quantity_unit(columns, line.height)
        columns = _line_cost(columns, line.height)
        units = [c for _, c in columns if c.role == "uom"]
        if len(units) == 2 and not any(c.role == "qty" for _, c in columns):
            for column in units:  # 'UM | Units' (Viewpoint Vista): beside a unit column, 'Units' counts them
                if norm(column.caption) == "units":
                    column.role = "qty"
        roles = {c.role for _, c in columns}
        if "qty" not in roles or len(columns) < 3:
            return None
        if bare != (not roles & {"description", *ITEM_ROLES}) or (bare and not roles & {"unit_price", "amount"}):
            return None
        if known < 0.6 * len(words):
            return None
        _place_unknowns(words, taken, columns, line.height)
        columns.sort(key=lambda t: t[0])
        _part_beside_reference([c for _, c in columns])
        _weak_item_captions_beside_item([c for _, c in columns])
        _style_with_variants([c for _, c in columns])
        _item_as_position([c for _, c in columns])
        _part_and_description([c for _, c in columns])
        _net_before_total([c for _, c in columns])
        return Header(line, [c for _, c in columns])


def _slashed(
    words: list[Word], taken: list[bool], columns: list[tuple[int, Column]], height: float
) -> Iterator[tuple[int, Column, Column, int]]:
    """Each two neighbouring captions joined by a lone slash set close to both ('Désignation / Référence',
    'Price / Prix'): (the first's index, the first, the second, the slash's index)."""
    ordered = sorted(columns, key=lambda t: t[0])
    for (i, first), (j, second) in zip(ordered, ordered[1:], strict=False):
        slash = i + len(first.caption.split())
        if slash + 1 != j or words[slash].text != "/" or taken[slash]:
            continue
        if words[slash].x0 - first.x1 > 1.2 * height or second.x0 - words[slash].x1 > 1.2 * height:
            continue
        yield i, first, second, slash


def _joined(
    columns: list[tuple[int, Column]], i: int, first: Column, second: Column, role: str
) -> list[tuple[int, Column]]:
    merged = Column(role, f"{first.caption} / {second.caption}", first.x0, second.x1)
    return [t for t in columns if t[1] is not first and t[1] is not second] + [(i, merged)]


def _stacked_pair(
    words: list[Word], taken: list[bool], columns: list[tuple[int, Column]], height: float
) -> list[tuple[int, Column]]:
    """'Désignation / Référence', 'Description / Part No.': a description caption and an item caption after it,
    joined by a slash, name one column, the name over the code in it (the code on a line of its own, 'Réf. :
    PL-5003'), not two columns side by side."""
    for i, first, second, slash in _slashed(words, taken, columns, height):
        if first.role != "description" or second.role not in ITEM_ROLES:
            continue  # 'Item # / Description' side by side are two columns: the code left of the name
        taken[slash] = True
        return _joined(columns, i, first, second, "description")
    return columns


def _bilingual_pairs(
    words: list[Word], taken: list[bool], columns: list[tuple[int, Column]], height: float
) -> list[tuple[int, Column]]:
    """'Price / Prix', 'Amount / Montant', 'Item / Article': one column captioned in two languages, its halves
    joined by a slash and naming the same thing (an item caption after 'Item', read alone as the position), not
    two columns side by side."""
    while True:
        for i, first, second, slash in _slashed(words, taken, columns, height):
            same = first.role == second.role and first.role != "other"
            if same or (first.role == "line_no" and second.role in ITEM_ROLES):
                taken[slash] = True
                columns = _joined(columns, i, first, second, second.role)
                break
        else:
            return columns


def _unknown_before_slash(
    words: list[Word], taken: list[bool], columns: list[tuple[int, Column]], height: float
) -> None:
    """'Option / Item' (BuildPro): a word we do not know joined by a slash to a caption we know names the same
    column, which starts at that word (the code printed under 'Option'), not a column of its own."""
    for i, column in columns:
        if i < 2 or taken[i - 1] or taken[i - 2] or words[i - 1].text != "/":
            continue
        first, slash = words[i - 2], words[i - 1]
        if slash.x0 - first.x1 <= 1.2 * height and column.x0 - slash.x1 <= 1.2 * height:
            taken[i - 2] = taken[i - 1] = True
            column.caption, column.x0 = f"{first.text} / {column.caption}", first.x0


def _quantity_unit(columns: list[tuple[int, Column]], height: float) -> list[tuple[int, Column]]:
    """'Qty Ordered | Qty UM' (Infor SX.e): after a quantity column, 'Qty' right before 'UM' names the unit of
    the quantity, not a second quantity."""
    ordered = sorted(columns, key=lambda t: t[0])
    for (i, first), (j, second) in zip(ordered, ordered[1:], strict=False):
        earlier = any(c.role == "qty" for k, c in ordered if k < i)
        if first.role == "qty" and second.role == "uom" and j == i + 1 and earlier:
            if second.x0 - first.x1 <= 1.2 * height:
                second.caption, second.x0 = f"{first.caption} {second.caption}", first.x0
                return [t for t in columns if t[1] is not first]
    return columns


def _line_cost(columns: list[tuple[int, Column]], height: float) -> list[tuple[int, Column]]:
    """'Unit Cost  Line Cost' (Maximo): after a price column, 'Line' set tight before 'Cost' or 'Price' is the
    line's amount, not a position number and a second price ('Line  Cost Code' names a cost code: not this)."""
    ordered = sorted(columns, key=lambda t: t[0])
    for (i, first), (j, second) in zip(ordered, ordered[1:], strict=False):
        priced = any(c.role == "unit_price" for k, c in ordered if k < i)
        if first.role == "line_no" and second.role == "unit_price" and j == i + 1 and priced:
            if second.x0 - first.x1 <= 1.2 * height and norm(second.caption) in ("cost", "price"):
                merged = Column("amount", f"{first.caption} {second.caption}", first.x0, second.x1)
                return [t for t in columns if t[1] is not first and t[1] is not second] + [(i, merged)]
    return columns


def _net_before_total(columns: list[Column]) -> None:
    """'Qty | Part Number | Description | Bin | Net | Total' (Pinnacle DMS, dealer parts): with no price column,
    a 'Net' left of another amount column is the net unit price (the quantity-times-price check vouches for it)."""
    amounts = [c for c in columns if c.role == "amount"]
    if len(amounts) == 2 and not any(c.role == "unit_price" for c in columns):
        if norm(amounts[0].caption) in ("net", "nett", "net each") and amounts[0].x1 < amounts[1].x0:
            amounts[0].role = "unit_price"


def _part_beside_reference(columns: list[Column]) -> None:
    """'Part | Quantity | Reference | Unit Price | Total Price | Note' (InvenTree): with no description column,
    'Part' shows the part's picture and name ('SKU: AB-1002' under it) and 'Reference' is the line's own
    reference (a requisition, or '-'): the part column is read as the description, its code from the text."""
    if any(c.role == "description" for c in columns):
        return
    parts = [c for c in columns if c.role in ITEM_ROLES and norm(c.caption) == "part"]
    references = [c for c in columns if c.role in ITEM_ROLES and norm(c.caption) in ("reference", "ref.", "ref")]
    if len(parts) == 1 and len(references) == 1 and parts[0].x1 < references[0].x0:
        parts[0].role, references[0].role = "description", "other"


def _weak_item_captions_beside_item(columns: list[Column]) -> None:
    """'Goods code', 'Part' and 'Your Ref' name the item only where no other column does ('Name of goods | Goods
    code', 1C-style forms; 'Qty | Part | Description', Cyrious Control; Tharstern's 'Your Ref'); beside 'Article'
    or 'Item' they are a customs tariff number (review 26), a part delivery's count or the customer's part, a
    quote's number (review 27)."""
    goods = [c for c in columns if c.role in ITEM_ROLES and norm(c.caption) in _ONLY_ITEM_CAPTIONS]
    if goods and any(c.role in ITEM_ROLES and c not in goods for c in columns):
        for column in goods:
            column.role = "other"


def _part_and_description(columns: list[Column]) -> None:
    """'Part Number / Description' names the item where no other column does (Stratix, the line's number under
    'Item' beside it); beside 'Supplier Item' it is the customer's number over the name, read as the description
    (Epicor Prelude, X5)."""
    both = [c for c in columns if c.role == "item" and norm(c.caption) == "part number / description"]
    if both and any(c.role in ITEM_ROLES and c not in both for c in columns):
        for column in both:
            column.role = "description"


def _style_with_variants(columns: list[Column]) -> None:
    """'Style # | Vendor Style #' names the item (The Edge: the store's style and the vendor's), and so does a
    vendor's style that is the only code on the row; beside a colour, a size or a variant column a style is no
    item (one style comes in several colours and sizes, review 15), nor beside another item column ('SKU | Vendor
    Style': the customer's variant SKUs of one style, review 28)."""
    styles = [c for c in columns if c.role in ITEM_ROLES and re.search(r"\bstyle\b", c.caption, re.I)]
    if not styles:
        return
    varied = any(_VARIANT_CAPTION.search(c.caption) for c in columns)
    others = any(c.role in ITEM_ROLES and c not in styles for c in columns)
    paired = {c.role for c in styles} == {"item", "item_ours"}
    if varied or (others and not paired):
        for column in styles:
            column.role = "other"


_VARIANT_CAPTION = re.compile(
    r"\b(colou?rs?|colou?rway|clr|size|sz|variant|variante|farbe|größe|grösse|couleur|taille|dim\.?|width|length)\b",
    re.I,
)


_ONLY_ITEM_CAPTIONS = {"goods code", "code of goods", "part", "your ref", "your ref.", "your reference"}


CODE_AND_DESCRIPTION = re.compile(
    r"\b(?:part|item|article|product|material|stock)\b[\w#.\s]*?\s*(?:/|&|\+)\s*(?:description|desc\.?)", re.I
)


def _item_as_position(columns: list[Column]) -> None:
    """'Item | Material | Quantity …' (SAP): beside another item-number column, a column captioned just
    'Item' (or 'Pos.') numbers the lines (00010, 00020), it does not name the product; and of two numbering
    columns without an item column ('Line No. | No.'), the second names the product; beside a line number and
    another item column, a bare 'Item' or 'Artikel' is the description ('Line | Item | Part Number'), and so is
    a bare 'Item' right of the code's column ('Code | Item | UM')."""
    described = [c for c in columns if c.role == "description"]
    if len(described) >= 2:  # 'Product | Description' (Eclipse): the product column names it by its code
        for column in described:
            if norm(column.caption) in ("product", "products", "produkt", "article", "artikel", "produit", "produits"):
                column.role = "item"
    numbered = [c for c in columns if c.role == "line_no"]
    if len(numbered) >= 2 and not any(c.role in ITEM_ROLES for c in columns):
        numbered[-1].role = "item"  # Business Central: 'Line No. | No. | Description': 'No.' is the item's
        return
    generic = [c for c in columns if c.role == "item"]
    named = [c for c in columns if c.role == "description" and CODE_AND_DESCRIPTION.search(c.caption)]
    if len(generic) == 1 and named and norm(generic[0].caption) in ("item", "pos", "pos.", "line"):
        if not any(c.role in ("line_no", "item_ours", "item_theirs") for c in columns):
            generic[0].role = "line_no"  # 'Item | Part No. / Description' (Epicor Tropos): the position, then the
            return  #                      part over its name
    if len(generic) < 2:
        return
    if any(c.role == "line_no" for c in columns):
        if not any(c.role == "description" for c in columns):
            for column in generic:  # 'Line | Item | Part Number' (procurement portals): Item describes it;
                if norm(column.caption) in ("item", "artikel", "article"):  # 'Pos | Artikel-Nr. | Artikel' too
                    column.role = "description"
                    return
        return
    referenced = any(norm(c.caption) in ("reference", "ref.") for c in generic)
    coded = [c for c in generic if norm(c.caption) != "item"]
    has_description = any(c.role == "description" for c in columns)
    for column in generic:
        if (
            norm(column.caption) == "stock item"
            and not has_description
            and any("code" in norm(c.caption) for c in coded)
        ):
            column.role = "description"  # 'Stock Item | Code' (Vinsight): the item's name, then its code
            return
    for column in generic:
        if norm(column.caption) == "item" and not any(c.role == "description" for c in columns):
            # 'Code | Item | UM' (Minimax): the item's name after its code ('Réf. | Article' may be two codes,
            # the customer's and ours, review 27: both stay item columns, and such a row holds)
            if any(c.x1 < column.x0 for c in coded if c is not column):
                column.role = "description"
                return
        if norm(column.caption) == "item" and referenced and not any(c.role == "description" for c in columns):
            column.role = "description"  # 'Item | Reference' (Alegra's 'Ítem | Referencia'): its name, its code
            return
        if norm(column.caption) in ("item", "pos", "pos.", "position"):
            column.role = "line_no"
            return


def _place_unknowns(words: list[Word], taken: list[bool], columns: list[tuple[int, Column]], height: float) -> None:
    """An unknown word a word-space away from a caption is part of it ('Quantity Required', 'Total Qty');
    further away it is a column of its own that we do not read (several unknown words in a row: one column)."""
    at: list[Column | None] = [None] * len(words)
    for start, column in columns:
        j = start
        while j < len(words) and words[j].x1 <= column.x1 + 0.01:
            at[j] = column
            j += 1
    joined = 0.45 * height  # a word space in a proportional font; monospaced columns sit one space apart
    for i, word in enumerate(words):
        if taken[i] or not re.search(r"[A-Za-z]", word.text):
            continue
        before = at[i - 1] if i > 0 and word.x0 - words[i - 1].x1 < joined else None
        after = at[i + 1] if i + 1 < len(words) and taken[i + 1] and words[i + 1].x0 - word.x1 < joined else None
        if before is not None and (before.role != "other" or not taken[i - 1]):
            before.x1, before.caption = word.x1, f"{before.caption} {word.text}"
            at[i] = before
        elif after is not None:
            after.x0, after.caption = word.x0, f"{word.text} {after.caption}"
            at[i] = after
        elif (
            i > 0 and (open_ := at[i - 1]) is not None and not taken[i - 1] and word.x0 - words[i - 1].x1 < 1.2 * height
        ):
            open_.x1, open_.caption = word.x1, f"{open_.caption} {word.text}"
            at[i] = open_
        else:
            new = Column("other", word.text, word.x0, word.x1)
            columns.append((i, new))
            at[i] = new


def _trim_far_unknowns(
    words: list[Word], taken: list[bool], columns: list[tuple[int, Column]], height: float
) -> tuple[list[Word], list[bool], list[tuple[int, Column]]]:
    """Drop unknown words at either end of the line that sit far from the captions (a side panel's text on
    the same line as the table header)."""
    if not any(taken):
        return words, taken, columns
    first, last = taken.index(True), len(taken) - 1 - taken[::-1].index(True)
    lo, hi = 0, len(words)
    for i in range(first - 1, -1, -1):
        if words[i + 1].x0 - words[i].x1 > 3 * height:
            lo = i + 1
            break
    for i in range(last + 1, len(words)):
        if words[i].x0 - words[i - 1].x1 > 3 * height:
            hi = i
            break
    kept = [(i - lo, c) for i, c in columns]
    return words[lo:hi], taken[lo:hi], kept


def _drop_currency(words: list[Word]) -> list[Word]:
    """'Price (€)', 'Amount USD': a currency beside a caption belongs to it, it is not a column."""
    out: list[Word] = []
    for word in words:
        glued = _GLUED_CURRENCY.fullmatch(word.text)  # 'Amount(US$)' (BUSY): the caption, its currency glued
        if glued:
            word = Word(glued[1], word.x0, word.x1, word.top, word.bottom, word.page)
        if out and re.fullmatch(r"\(?(?:[$€£₹]|USD|EUR|GBP|INR)\)?", word.text):
            last = out[-1]  # ('Price, USD', Rivilė: the caption's comma goes with its currency)
            text = last.text[:-1] if last.text.endswith(",") and len(last.text) > 2 else last.text
            out[-1] = Word(text, last.x0, word.x1, last.top, last.bottom, last.page)
        else:
            out.append(word)
    return out


_GLUED_CURRENCY = re.compile(r"([A-Za-zÀ-ÿ.]{2,})\((?:[$€£₹]|US\$|USD|EUR|GBP|INR|Rs\.?)\)")


def _split_glued(words: list[Word]) -> list[Word]:
    """'QtyUnit' printed without a gap is two captions: split at the case change, x shared by length; so is a
    caption with a '%' glued to it ('PRICE%': the price, then the discount's '%')."""
    out: list[Word] = []
    for word in words:
        parts = re.findall(r"[A-Z][a-z]+", word.text)
        if not (len(parts) == 2 and "".join(parts) == word.text) and len(word.text) > 2 and word.text.endswith("%"):
            parts = [word.text[:-1], "%"]  # 'PRICE%' over '18.40', its '% DISC.' set tight (FactuSOL)
            if norm(parts[0]) not in _ALL or norm(word.text) in _ALL:
                parts = []
        if len(parts) == 2 and "".join(parts) == word.text and norm(word.text) not in _ALL:
            width = (word.x1 - word.x0) / len(word.text)
            cut = word.x0 + width * len(parts[0])
            out.append(Word(parts[0], word.x0, cut, word.top, word.bottom, word.page))
            out.append(Word(parts[1], cut, word.x1, word.top, word.bottom, word.page))
        else:
            out.append(word)
    return out


def _glued(caption: str) -> tuple[str, ...]:
    words = [norm(w) for w in caption.split()]
    return (*words[:-2], words[-2] + "#")


_ALL = {caption for captions in HEADERS.values() for caption in captions}
_CAPTION_WORDS = {norm(word) for caption in _ALL for word in caption.split()}


def _join_broken(words: list[Word]) -> list[Word]:
    """'Einzel-' over 'preis EUR' (a caption broken at its hyphen onto two lines, read stacked): one word,
    'Einzelpreis', when the two halves make a caption word we know."""
    out: list[Word] = []
    for word in words:
        last = out[-1] if out else None
        if (
            last is not None
            and re.fullmatch(r"[^\W\d_]{2,}-", last.text)
            and word.text[:1].islower()
            and norm(last.text[:-1] + word.text) in _CAPTION_WORDS
        ):
            joined = last.text[:-1] + word.text
            out[-1] = Word(joined, min(last.x0, word.x0), max(last.x1, word.x1), last.top, last.bottom, last.page)
        else:
            out.append(word)
    return out
