"""A tenth review's reproductions in the core (orderhub/capture.py ``match_ship_to``, 7c975f4): when the printed
ship-to name fits none of the customer's locations, the first address line under it is now tried as the name for
any name, not only the customer's own. A block that names someone else first — a forwarder taking the goods in, a
job site, or another of the customer's own locations — with a location's exact name on the line under it and that
location's postal code is released as that location, with no hold. Before 7c975f4 each was held UNKNOWN_SHIP_TO.
Each test asserts the safe outcome (the ship-to is held); each fails on 7c975f4."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlmodel import Session

from orderhub.capture import decide_captured
from orderhub.masterdata import import_directory
from orderhub.store.db import make_engine, migrate
from parsers.pdf import PdfParser
from schemas.order import Order, Source, SourceKind

MASTER = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "masterdata"


@pytest.fixture
def session(sqlite_url: str) -> Iterator[Session]:
    engine = make_engine(sqlite_url)
    migrate(engine)
    with Session(engine) as s:
        import_directory(s, MASTER)
        s.commit()
        yield s
    engine.dispose()


def hansa(block: list[str]) -> Order:
    """Hansa's order 4500019902, one line (100 × AB-1001 at its list price 8,60), the delivery block ``block``."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 9)
    rows = [
        (772, [(40, "Hansa Werkzeughandel GmbH"), (380, "BESTELLUNG")]),
        (760, [(380, "Bestellnummer: 4500019902")]),
        (748, [(380, "Datum: 02.03.2029")]),
        (690, [(300, "Lieferanschrift")]),
        *[(676 - 12 * n, [(300, text)]) for n, text in enumerate(block)],
        (600, [(40, "Artikel-Nr."), (110, "Bezeichnung"), (300, "Menge"), (350, "ME"), (400, "Einzelpreis"),
               (500, "Betrag")]),
        (584, [(40, "AB-1001"), (110, "Ankerbolzen M12"), (-325, "100"), (350, "St"), (-450, "8,60"),
               (-560, "860,00")]),
        (520, [(400, "Gesamtsumme"), (-560, "860,00")]),
    ]  # fmt: skip
    for y, row in rows:
        for x, text in row:
            (pdf.drawRightString if x < 0 else pdf.drawString)(abs(x), y, text)
    pdf.showPage()
    pdf.save()
    source = Source(kind=SourceKind.PDF, sender="einkauf@hansa-werkzeug.example", document_id="e" * 64)
    order = PdfParser().parse(buffer.getvalue(), source).sets[0].order
    assert order is not None
    return order


def test_the_plain_block_releases(session: Session) -> None:
    """The control: the same order to 'Hansa Lager Bremen, Überseetor 20, 28195 Bremen' is released as H-HB."""
    order = decide_captured(session, hansa(["Hansa Lager Bremen", "Überseetor 20", "28195 Bremen"]))
    assert order.hold_reasons == [] and order.ship_to is not None and order.ship_to.identifier("92") == "H-HB"


@pytest.mark.parametrize(
    "block",
    [
        # a forwarder's depot in the same postal code takes the goods in for the warehouse
        ["Spedition Meyer GmbH", "Hansa Lager Bremen", "Hafenstraße 50", "28195 Bremen"],
        # a job site: the goods go to the site, the warehouse is named as whose order it is
        ["Baustelle Neubau Kita Findorff", "Hansa Lager Bremen", "Findorffstraße 12", "28195 Bremen"],
        # the first line is another of the customer's locations, exactly: which one is meant is for a person
        ["Hansa Filiale Hamburg", "Hansa Lager Bremen", "Überseetor 20", "28195 Bremen"],
    ],
    ids=["forwarder", "job-site", "another-location"],
)
def test_someone_else_named_over_a_locations_name_is_not_that_location(session: Session, block: list[str]) -> None:
    order = decide_captured(session, hansa(block))
    located = order.ship_to.identifier("92") if order.ship_to is not None else None
    assert order.hold_reasons or located is None, f"{block[0]!r} over {block[1]!r}: released as location {located}"
