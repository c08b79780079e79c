"""The review pages in a real headless Chromium (Debian's chromium and chromedriver; nothing is downloaded): sign
in, open the queue, open a held order, fix it, release it, and check the database. A screenshot of each order
page is kept under the test's tmp_path and, when ``ORDERHUB_ARTIFACTS`` is set, copied there."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reviewtools import CEDAR, PDF_UNKNOWN_ITEM, PO_1002, ingest, order, with_eval_master_data
from sqlmodel import Session, col, select

from orderhub.store.models import AuditEvent, CrossReferenceRecord, OrderEvent, OutboundDocument
from orderhub.tokens import Role

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # never skipped: `make test` installs them (tests/peers/ensure-system-packages.sh); a missing browser fails
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "install Debian's chromium and chromium-driver"
    profile = tempfile.mkdtemp(prefix="orderhub-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(condition, timeout: float = 45.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("the page did not get there in time")
        time.sleep(0.05)


def _keep_screenshot(driver, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    shot = tmp_path / name
    driver.save_screenshot(str(shot))
    artifacts = os.environ.get("ORDERHUB_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(artifacts) / name)
        print(f"screenshot: {Path(artifacts) / name}")
    print(f"screenshot: {shot}")
    return shot


def _sign_in(driver, api, name: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    token = api.token(Role.REVIEWER, name)
    driver.get(f"{api.base_url}/review")
    _wait(lambda: "/login" in driver.current_url)
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.ID, "sign-in").click()
    _wait(lambda: driver.current_url.endswith("/review") and driver.find_elements(By.ID, "queue"))


def _open(driver, po_number: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    link = driver.find_element(By.LINK_TEXT, po_number)
    link.click()
    _wait(lambda: driver.find_elements(By.ID, "status"))


def _text(driver, element_id: str) -> str:  # type: ignore[no-untyped-def]
    """An element's text, or "" while the page is being replaced."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        found = driver.find_elements(By.ID, element_id)
        return str(found[0].text) if found else ""
    except StaleElementReferenceException:
        return ""


def _message(driver) -> str:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        found = driver.find_elements(By.ID, "message") or driver.find_elements(By.ID, "error")
        return str(found[0].text) if found else ""
    except StaleElementReferenceException:  # the page was replaced between finding and reading: not there yet
        return ""


def test_a_reviewer_maps_an_unknown_item_on_a_pdf_order_and_releases_it(sqlite_api, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By

    api, driver = sqlite_api, browser
    with_eval_master_data(api)
    x12 = ingest(api, PO_1002)
    held = ingest(api, PDF_UNKNOWN_ITEM, CEDAR)  # Cedar & Pine's PO CP104566, line 3 CP-440199 is nobody's
    _sign_in(driver, api, "pat")
    rows = driver.find_elements(By.CSS_SELECTOR, "#queue tr.order-row")
    assert [r.find_element(By.CSS_SELECTOR, "a.open-order").text for r in rows] == ["PO-1002", "CP104566"]
    assert x12.order_id != held.order_id
    _open(driver, "CP104566")
    page = driver.find_element(By.CSS_SELECTOR, "img.pdf-page")
    _wait(lambda: driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", page))
    assert "UNKNOWN_ITEM" in driver.find_element(By.ID, "lines").text
    mapping = driver.find_element(By.ID, "map-item-2")
    mapping.find_element(By.NAME, "sku").send_keys("GL-8001")
    mapping.find_element(By.TAG_NAME, "button").click()
    _wait(lambda: "mapped to GL-8001" in _message(driver))
    assert "PRICE_MISMATCH" in driver.find_element(By.ID, "lines").text  # re-validated: 12.90 vs 11.90
    driver.find_element(By.LINK_TEXT, "show on page").click()  # the reason's region on the page, in yellow
    page = driver.find_element(By.CSS_SELECTOR, "img.pdf-page")
    _wait(lambda: driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", page))
    _keep_screenshot(driver, tmp_path, "review-pdf-order-mapped.png")
    release = driver.find_element(By.ID, "release-form")
    release.find_element(By.NAME, "comment").send_keys("price agreed with the buyer by phone")
    driver.find_element(By.ID, "release").click()
    _wait(lambda: _text(driver, "status") == "released")
    _keep_screenshot(driver, tmp_path, "review-pdf-order-released.png")

    row = order(api, held.order_id)
    assert row.status == "released"
    assert [line["sku"] for line in json.loads(row.payload)["lines"]] == ["EL-6003", "EL-6004", "GL-8001"]
    with Session(api.hub.engine) as session:
        audits = list(session.exec(select(AuditEvent).order_by(col(AuditEvent.id))))
        xref = session.exec(select(CrossReferenceRecord).where(CrossReferenceRecord.source == "review")).one()
        feed = list(session.exec(select(OrderEvent).where(OrderEvent.order_id == held.order_id)))
        outbound = list(session.exec(select(OutboundDocument).where(OutboundDocument.order_id == held.order_id)))
    mine = [(a.entity, a.to_status, a.note) for a in audits if a.actor == "reviewer:pat"]
    assert ("xref", "mapped", "CP-440199 → GL-8001") in mine
    assert ("order", "released", "released by review: price agreed with the buyer by phone") in mine
    assert any(e == "order" and s == "held" and "mapped to GL-8001" in (n or "") for e, s, n in mine)
    assert (xref.customer_id, xref.buyer_part_number, xref.sku) == ("C-CEDAR", "CP-440199", "GL-8001")
    assert [(e.kind, e.actor) for e in feed][-2:] == [("changed", "reviewer:pat"), ("released", "reviewer:pat")]
    assert outbound == []  # a captured order has no trading partner, so no 855 is owed


def test_a_reviewer_fixes_an_x12_order_and_the_partners_855_is_queued(sqlite_api, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By

    api, driver = sqlite_api, browser
    held = ingest(api, PO_1002)  # price 8.00 against 9.25, and ZZ9999 is not ours
    _sign_in(driver, api, "lee")
    _open(driver, "PO-1002")
    assert "PO1*2*5*EA*4.10**VN*ZZ9999" in driver.find_element(By.ID, "segments").text
    mapping = driver.find_element(By.ID, "map-item-1")
    mapping.find_element(By.NAME, "sku").send_keys("XY5266")
    mapping.find_element(By.TAG_NAME, "button").click()
    _wait(lambda: "mapped to XY5266" in _message(driver))
    for index, price in ((0, "9.25"), (1, "10.99")):
        field = driver.find_element(By.CSS_SELECTOR, f"#line-{index} input[name=unit_price]")
        field.clear()
        field.send_keys(price)
        driver.find_element(By.CSS_SELECTOR, f"#line-form-{index} button").click()
        _wait(lambda: "price" in _message(driver) and "→ " + price in _message(driver))  # noqa: B023
    assert "0 reason(s) left" in _message(driver)
    driver.find_element(By.ID, "release").click()
    _wait(lambda: _text(driver, "status") == "released")
    assert "855 queued" in driver.find_element(By.ID, "trail").text
    _keep_screenshot(driver, tmp_path, "review-x12-order-released.png")
    assert order(api, held.order_id).status == "released"
    with Session(api.hub.engine) as session:
        sent = list(
            session.exec(
                select(OutboundDocument).where(
                    OutboundDocument.order_id == held.order_id, OutboundDocument.doc_type == "855"
                )
            )
        )
    assert len(sent) == 1 and b"BAK*00*AD" in sent[0].payload  # demo-retail's policy: 855 on release
