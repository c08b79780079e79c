"""Charges printed between the goods' total and the order's ('Subtotal  Freight  Tax  Total') go on the captured
order as SAC charges, so the ERP gets the freight the customer agreed to. A charge is sure only when the goods,
the charges and the tax make the printed total; otherwise the order is held for a person."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfgen import canvas

from parsers.capture import CONFIDENT
from schemas.order import Order
from tests.parsers.test_pdf_generated import render, table


def order_with(totals: list[tuple[str, str]], *, french: bool = False) -> Order:
    """One line of 24 × 9.25 = 222.00 (or '222,00'), then the totals block as given, caption left of its figure."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Commande fournisseur" if french else "Purchase Order")
        pdf.drawString(360, 760, "N° commande :" if french else "PO Number:")
        pdf.drawString(450, 760, "CMD-2026-9950" if french else "45-9950")
        pdf.drawString(360, 746, "Date :" if french else "PO Date:")
        pdf.drawString(450, 746, "03/11/2026" if french else "03/11/2026")
        captions = ["Réf.", "Désignation", "Qté", "P.U. HT", "Montant HT"] if french else [
            "Item", "Description", "Qty", "Unit Price", "Amount"]  # fmt: skip
        table(
            pdf,
            640,
            list(zip([40, 110, 330, 400, 480], captions, strict=True)),
            [[(40, "AB-1001"), (110, "Anchor bolt"), (-350, "24"), (-440, "9,25" if french else "9.25"),
              (-540, "222,00" if french else "222.00")]],
        )  # fmt: skip
        for n, (caption, figure) in enumerate(totals):
            pdf.drawString(400, 580 - 14 * n, caption)
            pdf.drawRightString(540, 580 - 14 * n, figure)
        pdf.drawString(40, 500, "Acknowledge this order within 48 hours. Our PO number must be on all packing lists.")

    return render(draw)


def charges(order: Order) -> list[tuple[str | None, Decimal | None, str | None]]:
    return [(c.code, c.amount, c.description) for c in order.allowances_charges]


def test_freight_between_the_subtotal_and_the_total_is_a_sure_charge() -> None:
    order = order_with([("Subtotal", "222.00"), ("Freight", "25.00"), ("Sales Tax", "0.00"), ("Total", "247.00")])
    assert order.stated_total == Decimal("222.00")
    assert charges(order) == [("D240", Decimal("25.00"), "Freight")]
    assert order.allowances_charges[0].indicator == "C"
    assert order.confidence["charges"] >= CONFIDENT


def test_french_port_and_tva_make_the_ttc_total() -> None:
    order = order_with(
        [("Total HT", "222,00"), ("Frais de port", "12,00"), ("TVA 20 %", "46,80"), ("Total TTC", "280,80")],
        french=True,
    )
    assert order.stated_total == Decimal("222.00")
    assert charges(order) == [("D240", Decimal("12.00"), "Frais de port")]
    assert order.confidence["charges"] >= CONFIDENT


def test_shipping_and_handling_has_its_own_code() -> None:
    order = order_with([("Subtotal", "222.00"), ("Shipping & Handling:", "$18.50"), ("Order Total", "$240.50")])
    assert charges(order) == [("G830", Decimal("18.50"), "Shipping & Handling")]
    assert order.confidence["charges"] >= CONFIDENT


def test_a_charge_the_total_does_not_account_for_is_not_sure() -> None:
    order = order_with([("Subtotal", "222.00"), ("Freight", "25.00"), ("Total", "257.00")])
    assert charges(order) == [("D240", Decimal("25.00"), "Freight")]
    assert order.confidence["charges"] < CONFIDENT
    assert any("do not make the order's total 257.00" in w for w in order.warnings)


def test_a_charge_with_no_total_after_it_is_not_sure() -> None:
    order = order_with([("Merchandise", "222.00"), ("Freight", "25.00")])
    assert order.stated_total == Decimal("222.00") and charges(order) == [("D240", Decimal("25.00"), "Freight")]
    assert order.confidence["charges"] < CONFIDENT
    assert any("no order total checks them" in w for w in order.warnings)


def test_no_charge_when_freight_is_zero_or_only_a_sentence_mentions_packing() -> None:
    order = order_with([("Subtotal", "222.00"), ("Freight", "0.00"), ("Tax", "0.00"), ("Total", "222.00")])
    assert order.allowances_charges == [] and "charges" not in order.confidence
    assert order.stated_total == Decimal("222.00")


def test_a_negative_freight_figure_is_an_allowance() -> None:
    order = order_with([("Subtotal", "222.00"), ("Freight", "-12.00"), ("Total", "210.00")])
    assert [(c.indicator, c.code, c.amount) for c in order.allowances_charges] == [("A", "D240", Decimal("12.00"))]
    assert order.confidence["charges"] >= CONFIDENT


def test_a_charge_after_a_note_on_its_line_is_read() -> None:
    """'Tax exempt - resale. Deliver Mon-Fri 6:00 AM - 2:00 PM;   Shipping   45.00': the note's words are no
    caption (its 'Tax' is no tax line), the charge's caption after it is."""
    order = order_with([("Subtotal", "222.00"), ("Shipping", "45.00"), ("Tax", "0.00"), ("PO Total", "267.00")])
    plain = charges(order)

    def noted(pdf: canvas.Canvas) -> None:
        pdf.drawString(40, 760, "Purchase Order")
        pdf.drawString(360, 760, "PO Number:")
        pdf.drawString(450, 760, "45-9951")
        table(
            pdf,
            640,
            [(40, "Item"), (110, "Description"), (330, "Qty"), (400, "Unit Price"), (480, "Amount")],
            [[(40, "AB-1001"), (110, "Anchor bolt"), (-350, "24"), (-440, "9.25"), (-540, "222.00")]],
        )
        pdf.drawString(400, 580, "Lines Total")
        pdf.drawRightString(540, 580, "222.00")
        pdf.drawString(40, 566, "Tax exempt - resale. Ohio vendor's license on file. Deliver Mon-Fri;")
        pdf.drawString(400, 566, "Shipping")
        pdf.drawRightString(540, 566, "45.00")
        pdf.drawString(400, 552, "Tax")
        pdf.drawRightString(540, 552, "0.00")
        pdf.drawString(400, 538, "PO Total")
        pdf.drawRightString(540, 538, "$267.00")

    order = render(noted)
    assert charges(order) == plain == [("D240", Decimal("45.00"), "Shipping")]
    assert order.confidence["charges"] >= CONFIDENT


def test_two_charge_captions_on_one_line_are_one_charge() -> None:
    """'Shipping   Handling   12.00' (one figure for both captions): one charge of 12.00, not two of 12.00 each
    (which the total would then not confirm)."""
    order = order_with([("Subtotal", "222.00"), ("Shipping          Handling", "12.00"), ("Total", "234.00")])
    assert [c.amount for c in order.allowances_charges] == [Decimal("12.00")]
    assert order.confidence["charges"] >= CONFIDENT


def test_a_sales_tax_counts_towards_the_total_that_checks_the_charge() -> None:
    """'Sales Tax 18.90' (and GST, HST, 'Est. Tax') is tax like 'Tax': the goods, the freight and it make the total.
    Before, only captions starting with a tax word were counted, and a US order with freight and sales tax was held
    needlessly."""
    for caption in ("Sales Tax", "Sales Tax (7%):", "Est. Sales Tax", "GST", "State Tax"):
        order = order_with([("Subtotal", "222.00"), ("Freight", "25.00"), (caption, "18.90"), ("Total", "265.90")])
        assert charges(order) == [("D240", Decimal("25.00"), "Freight")], caption
        assert order.confidence["charges"] >= CONFIDENT, caption


def test_a_sales_tax_that_does_not_make_the_total_still_holds() -> None:
    order = order_with([("Subtotal", "222.00"), ("Freight", "25.00"), ("Sales Tax", "18.90"), ("Total", "275.90")])
    assert order.confidence["charges"] < CONFIDENT
    assert any("tax 18.90" in w for w in order.warnings)
