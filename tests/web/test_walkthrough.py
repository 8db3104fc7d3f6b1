"""A first-time user's way from two Word reports to a checked Biểu, in a real browser, by visible links
only (no typed address after the login page): log in, upload, open the Biểu from the dashboard, check
every row (one corrected, the rest accepted), download it as Excel and Word. Screenshots at 1366×768 and
on a 390-pixel phone go to build/screenshots/ for a person to look at."""

from __future__ import annotations

import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, ROOT, SAMPLES
from tests.web.test_browser import CHROMIUM_FLAGS, _chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = ROOT / "build" / "screenshots"
EDITOR = "canbo"


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a new database holding only the editor's account (Mường Tè)."""
    import uvicorn

    from chitieu.services.accounts import add_user
    from chitieu.services.database import connect
    from chitieu.services.ingest import seed
    from chitieu.web.app import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('walkthrough') / 'db.sqlite3'}"
    db = connect(url)
    seed(db)
    add_user(db, EDITOR, PASSWORD, "editor", "huyện Mường Tè")  # several units share the name
    db.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(url, "walkthrough-secret-key-0123456789")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    app.state.db.close()


def _shot(page: object, name: str, full: bool = False) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def _no_sideways_scroll(page: object) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the page scrolls sideways on a phone ({width}px)"


def test_from_two_reports_to_a_checked_bieu(empty_server: str, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook
    from playwright.sync_api import expect, sync_playwright

    from tests.docx_builder import text_to_docx

    reports = []
    for prefix in ("002_", "004_"):  # Mường Tè: the 2023 annual report and the mid-2024 report
        sample = sorted(SAMPLES.glob(f"{prefix}*.txt"))[0]
        path = tmp_path / f"bao-cao-{prefix.strip('_')}.docx"
        path.write_bytes(text_to_docx(sample.read_text(encoding="utf-8")))
        reports.append(str(path))
    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN",
                                      base_url=empty_server, accept_downloads=True)
        page = context.new_page()
        page.goto("/")  # the only typed address: the login page comes up
        page.fill("input[name=username]", EDITOR)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{empty_server}/")
        expect(page.locator("main")).to_contain_text("Chưa có dữ liệu")
        page.get_by_role("link", name="Văn bản", exact=True).click()
        page.set_input_files("#file", reports)
        page.click("#upload button[type=submit]")
        expect(page.locator("#upload-status")).to_contain_text("Đã nhập 2 văn bản mới", timeout=90_000)
        page.wait_for_load_state("load")
        expect(page.locator("table.grid tbody tr")).to_have_count(2, timeout=20_000)
        _shot(page, "10-van-ban-da-tai-1366")

        page.get_by_role("link", name="Tổng quan").click()
        expect(page.locator("h1")).to_contain_text("Mường Tè")
        expect(page.locator(".legend")).to_be_visible()
        _shot(page, "11-tong-quan-1366")
        page.get_by_role("link", name="Kiểm tra biểu từng dòng").click()
        expect(page.locator("h1")).to_contain_text("Kiểm tra biểu")
        progress = page.locator("#progress-text")
        total = int(re.search(r"/(\d+)", progress.inner_text()).group(1))  # type: ignore[union-attr]
        assert total > 30
        expect(progress).to_have_text(f"Đã kiểm 0/{total} dòng")
        _shot(page, "12-bieu-chua-kiem-1366")

        # the first row's source: its table cell, highlighted, then back to the Biểu
        first = page.locator("tr.unchecked").first
        first.locator("a.source").click()
        target = page.locator(":target")
        expect(target).to_be_visible()
        assert target.evaluate("e => e.tagName") in ("TD", "A")
        assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        _shot(page, "13-nguon-o-bang-1366")
        page.go_back()

        # one row corrected with a reason, every other row accepted
        row = page.locator("tr.unchecked").first
        row.locator("details.correct summary").click()
        row.locator("input[name=value]").fill("28")
        row.locator("input[name=reason]").fill("Số liệu Chi cục Thống kê")
        row.get_by_role("button", name="Lưu số đã sửa").click()
        expect(page.locator(".flash-ok")).to_contain_text("Đã sửa dòng")
        for done in range(2, total + 1):
            page.locator("tr.unchecked").first.get_by_role("button", name="Đồng ý").click()
            expect(progress).to_have_text(f"Đã kiểm {done}/{total} dòng")
        expect(page.locator("tr.unchecked")).to_have_count(0)
        page.evaluate("window.scrollTo(0, 0)")
        _shot(page, "14-bieu-da-kiem-1366")

        files = {}
        for name in ("Excel", "Word"):
            with page.expect_download() as download:
                page.locator(".check-progress").get_by_role("link", name=name, exact=True).click()
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            files[name] = saved
        assert files["Excel"].name == "bieu-muong-te-2023.xlsx" and files["Word"].name == "bieu-muong-te-2023.docx"
        ws = load_workbook(io.BytesIO(files["Excel"].read_bytes())).active
        assert ws is not None
        texts = [str(c.value) for r in ws.iter_rows() for c in r if c.value is not None]
        assert sum(EDITOR in t for t in texts) >= total  # every row's note, and the line under the table
        assert f"Đã kiểm {total}/{total} dòng; người kiểm: {EDITOR}." in texts
        word = Document(io.BytesIO(files["Word"].read_bytes()))
        assert any(p.text == f"Đã kiểm {total}/{total} dòng; người kiểm: {EDITOR}." for p in word.paragraphs)
        assert any("Số liệu Chi cục Thống kê" in c.text for c in word.tables[1].columns[-1].cells)

        # the same pages on a phone: each indicator a card, nothing off-screen
        phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", base_url=empty_server,
                                    storage_state=context.storage_state()).new_page()
        phone.goto("/")
        _no_sideways_scroll(phone)
        _shot(phone, "15-tong-quan-390")
        phone.get_by_role("link", name="Kiểm tra biểu từng dòng").click()
        expect(phone.locator("h1")).to_contain_text("Kiểm tra biểu")
        _no_sideways_scroll(phone)
        phone.locator("tr.checked").nth(3).scroll_into_view_if_needed()
        _shot(phone, "16-bieu-390")
        browser.close()
    assert time.monotonic() - started < 300, "the walkthrough takes more than five minutes"
