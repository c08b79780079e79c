"""What blind rounds 37–38 taught the generic extractor, each on a small generated layout (not the round's own
PDFs): labels set flush right against their values, 'Magasin de livraison', a count under the rows, 'Supplier
Ref:' under a line, 'Date de besoin', a caption two lines high over its value, a 'Supplier prod. no.' column, and
a page's '*** Continued on page 2 ***' ending its rows."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from parsers.pdf import PdfParser
from schemas.order import Source, SourceKind
from tests.parsers.test_pdf_generated import render, table


def hiboutik(pdf: canvas.Canvas) -> None:
    pdf.drawString(380, 760, "Commande fournisseur")
    for y, label, value in [(740, "Numéro", "CMD-2026-9902"), (728, "Date de la commande", "09/03/2029")]:
        pdf.drawRightString(440, y, label)
        pdf.drawString(445, y, value)
    pdf.drawString(40, 690, "FOURNISSEUR")
    pdf.drawString(300, 690, "MAGASIN DE LIVRAISON")
    for n, text in enumerate(["Lumière Grenoble", "8 avenue Alsace-Lorraine", "38000 Grenoble"]):
        pdf.drawString(300, 676 - 12 * n, text)
    pdf.drawString(40, 676, "Ridgeline Fastener & Tool Supply")
    table(
        pdf,
        600,
        [(40, "Réf."), (110, "Produit"), (330, "Qté"), (400, "Prix d'achat HT"), (490, "Total HT")],
        [[(40, "EL-6001"), (110, "Assortiment de connecteurs"), (-345, "12"), (-460, "13,50 €"), (-540, "162,00 €")],
         [(40, "HT-9003"), (110, "Cutter rétractable"), (-345, "40"), (-460, "5,75 €"), (-540, "230,00 €")]],
    )  # fmt: skip
    pdf.drawString(40, 540, "Nombre d'articles : 52")
    pdf.drawString(400, 528, "Total HT")
    pdf.drawRightString(540, 528, "392,00 €")


def test_labels_flush_right_a_shop_to_deliver_and_a_count_under_the_rows() -> None:
    order = render(hiboutik)
    assert (order.po_number, str(order.po_date)) == ("CMD-2026-9902", "2029-03-09")
    assert order.ship_to is not None and (order.ship_to.name, order.ship_to.postal_code) == (
        "Lumière Grenoble",
        "38000",
    )
    assert [line.vendor_part_number for line in order.lines] == ["EL-6001", "HT-9003"]  # no line 'Nombre d'articles'
    assert order.stated_total == Decimal("392.00") and order.confidence["stated_total"] >= 0.9


def construction(pdf: canvas.Canvas) -> None:
    pdf.drawString(360, 760, "PO Number")
    pdf.drawString(440, 760, "GR-29901")
    pdf.drawString(360, 748, "PO Date")
    pdf.drawString(440, 748, "04/06/2029")
    pdf.setFont("Helvetica", 6.5)
    for x, caption in [(43, "Job No."), (93, "Job Description"), (243, "Required"), (313, "Ordered By")]:
        pdf.drawString(x, 700, caption)
    pdf.drawString(243, 692, "On Site")
    pdf.setFont("Helvetica", 9)
    for x, value in [(43, "2911"), (93, "Amherst Street"), (243, "04/17/2029"), (313, "Marc LeBlanc")]:
        pdf.drawString(x, 680, value)
    table(
        pdf,
        620,
        [(40, "Description / Supplier Ref."), (250, "Qty"), (320, "Unit Price"), (420, "Net Amount")],
        [[(40, "PEX PIPE 16 MM COIL 50 M"), (-270, "6.00"), (-360, "62.00"), (-470, "372.00")],
         [(40, "Supplier Ref: PL-5004")]],
    )  # fmt: skip


def test_a_caption_two_lines_high_and_a_supplier_ref_under_the_line() -> None:
    order = render(construction)
    assert [str(d.value) for d in order.dates] == ["2029-04-17"]
    assert [(line.vendor_part_number, line.quantity) for line in order.lines] == [("PL-5004", Decimal("6.00"))]


def silog(pdf: canvas.Canvas) -> None:
    pdf.drawString(40, 760, "COMMANDE FOURNISSEUR")
    pdf.drawString(300, 760, "N° CMD-2026-9903")
    pdf.drawString(300, 748, "Date : 02/04/2029")
    for x, caption in [(40, "Acheteur"), (160, "Date de besoin"), (280, "Transport")]:
        pdf.drawString(x, 700, caption)
    for x, value in [(40, "François Morel"), (160, "13/04/2029"), (280, "Messagerie")]:
        pdf.drawString(x, 688, value)
    table(
        pdf,
        620,
        [(40, "Réf. article"), (120, "Désignation"), (300, "Date besoin"), (380, "Qté"), (430, "P.U. HT"),
         (500, "Total HT")],
        [[(40, "EL-6002"), (120, "Rallonge 10 m"), (300, "13/04/2029"), (-400, "15"), (-470, "19,90"),
          (-545, "298,50")]],
    )  # fmt: skip


def test_date_de_besoin_in_the_header_and_as_a_column() -> None:
    order = render(silog)
    assert [str(d.value) for d in order.dates] == ["2029-04-13"]
    assert order.lines[0].requested_date is not None and str(order.lines[0].requested_date) == "2029-04-13"


def xledger(pdf: canvas.Canvas) -> None:
    pdf.drawString(40, 760, "Purchase order 45-9904")
    table(
        pdf,
        620,
        [(40, "Product no."), (100, "Supplier prod. no."), (200, "Description"), (380, "Qty"), (430, "Price"),
         (500, "Amount")],
        [[(40, "7740"), (100, "TP-7001"), (200, "Duct tape"), (-400, "3,00"), (-470, "112,00"), (-545, "336,00")],
         [(100, "GL-8002"), (200, "Leather gloves XL"), (-400, "36,00"), (-470, "8,60"), (-545, "309,60")]],
    )  # fmt: skip


def test_a_supplier_product_number_column_beside_the_customers() -> None:
    order = render(xledger)
    assert [(line.buyer_part_number, line.vendor_part_number) for line in order.lines] == [
        ("7740", "TP-7001"),
        (None, "GL-8002"),
    ]


def test_a_continued_marker_ends_the_pages_rows_and_its_foot_is_no_line() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for page in (1, 2):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(40, 760, "PO Number GR-29902")
        pdf.drawString(300, 760, f"Page {page} of 2")
        pdf.drawString(40, 748, "Order Date 03/09/2029")
        row = [(40, "HT-9004"), (120, "Spirit level"), (-400, "8.00"), (-470, "22.40"), (-545, "179.20")]
        if page == 2:
            row = [(40, "SF-8102"), (120, "Foam ear plugs"), (-400, "6.00"), (-470, "23.50"), (-545, "141.00")]
        table(pdf, 700, [(40, "Item"), (120, "Description"), (380, "Qty"), (430, "Price"), (500, "Amount")], [row])
        if page == 1:
            pdf.drawString(200, 668, "*** Continued on page 2 ***")
            pdf.drawString(40, 650, "Deliveries without an order number may be refused.")
            pdf.drawString(40, 640, "COINS PO01 03/09/2029")  # the page's foot, printed on the order's date
        else:
            pdf.drawString(400, 600, "Order Total")
            pdf.drawRightString(545, 600, "320.20")
        pdf.showPage()
    pdf.save()
    result = PdfParser().parse(buffer.getvalue(), Source(kind=SourceKind.PDF, sender="a@b.example"))
    order = result.sets[0].order
    assert order is not None
    assert [(line.vendor_part_number, line.description) for line in order.lines] == [
        ("HT-9004", "Spirit level"),
        ("SF-8102", "Foam ear plugs"),
    ]
    assert order.confidence.get("requested_date", 1.0) >= 0.9  # the foot's date is not a line's date
    assert order.stated_total == Decimal("320.20")


def glued(pdf: canvas.Canvas) -> None:
    pdf.drawString(40, 760, "Bestellung Nr. 4500019903")
    table(
        pdf,
        620,
        [(71, "Pos."), (102, "Art.-Nr."), (164, "Bezeichnung"), (343, "Menge"), (374, "ME"), (401, "Einzelpreis"),
         (471, "Gesamtpreis")],
        [[(71, "40"), (102, "CX-2002"), (164, "Kabelbinder 300 mm UV-beständig (Pack"), (332, "à"), (340, "100)40"),
          (374, "Pak"), (445, "8,20"), (511, "328,00")],
         [(71, "50"), (102, "PL-5001"), (164, "PTFE-Band 12 mm"), (-362, "200"), (374, "Rol"), (445, "1,25"),
          (511, "250,00")]],
    )  # fmt: skip


def test_a_description_printed_into_its_quantity_is_cut_where_the_quantity_column_starts() -> None:
    order = render(glued)
    assert [(line.vendor_part_number, line.quantity) for line in order.lines] == [
        ("CX-2002", Decimal("40")),
        ("PL-5001", Decimal("200")),
    ]
    assert order.lines[0].description is not None and order.lines[0].description.endswith("100)")
