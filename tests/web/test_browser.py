"""The main flows in a real browser: Debian's chromium driven by Playwright, against the app served by
uvicorn on a free local port. Screenshots (1366×768 and a 390-pixel phone) go to test-artifacts/."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, ROOT, SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = ROOT / "test-artifacts" / "screenshots"
# the machines are offline: no background networking, no component updates, no sync
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI but is not installed")
        pytest.skip("chromium is not installed on this machine")
    return path


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from chitieu.web.app import create_app

    path = tmp_path_factory.mktemp("browser") / "db.sqlite3"
    shutil.copy(template_db, path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(f"sqlite:///{path}", "browser-test-secret-key-0123456789")
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    app.state.db.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def _page(browser: object, server: str, user: str, width: int = 1366, height: int = 768) -> object:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN", base_url=server)
    page.goto("/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    return page


def _shot(page: object, name: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_dashboard_indicator_and_source_sentence(browser: object, server: str) -> None:
    from playwright.sync_api import Page, expect

    page = _page(browser, server, "quantri")
    assert isinstance(page, Page)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.select_option("select[name=unit]", label="Huyện Mường Tè")
    page.wait_for_url("**/?unit=*")
    expect(page.locator("h1")).to_contain_text("Mường Tè")
    expect(page.locator("section.group h2").first).to_have_text("Kinh tế")
    _shot(page, "01-tong-quan-1366")
    page.click("a[href^='/chi-tieu/san_luong_luong_thuc']")
    expect(page.locator("#chart .main-svg").first).to_be_visible()  # drawn by the bundled Plotly
    _shot(page, "02-chi-tieu-1366")
    source = page.locator("a.source").first
    href = source.get_attribute("href")
    assert href and "#L" in href
    source.click()
    line = href.split("#")[1]
    expect(page.locator(f"#{line}")).to_be_visible()
    expect(page.locator(f"#{line} a.fig, tr#{line}").first).to_be_visible()
    _shot(page, "03-van-ban-nguon-1366")
    page.close()


def test_upload_docx_and_see_its_figures(browser: object, server: str, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    from tests.docx_builder import text_to_docx

    sample = sorted(SAMPLES.glob("002_*.txt"))[0]
    stored = sample.read_text(encoding="utf-8")
    page = _page(browser, server, "bientap")
    assert isinstance(page, Page)
    # the report already stored, as .docx: recognised, nothing stored, and the message stays
    again = tmp_path / "bao-cao-da-co.docx"
    again.write_bytes(text_to_docx(stored))
    page.goto("/van-ban")
    page.set_input_files("#file", str(again))
    page.click("#upload button[type=submit]")
    expect(page.locator("#upload-status")).to_contain_text(sample.name, timeout=60_000)
    page.wait_for_timeout(1500)
    expect(page.locator("#upload-status")).to_contain_text("đã có trong cơ sở dữ liệu")
    # the report of the year before, as .docx: a new report, opened once stored
    upload = tmp_path / "bao-cao-nam-truoc.docx"
    upload.write_bytes(text_to_docx(re.sub(r"\b20(2[2-5])\b", lambda m: str(int(m.group()) - 1), stored)))
    page.set_input_files("#file", str(upload))
    page.click("#upload button[type=submit]")
    page.wait_for_url("**/van-ban/*", timeout=60_000)
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("a.fig").count() > 50
    _shot(page, "04-tai-len-docx-1366")
    page.close()


def test_correct_a_value_and_see_it_win(browser: object, server: str) -> None:
    from playwright.sync_api import Page, expect

    page = _page(browser, server, "bientap")
    assert isinstance(page, Page)
    page.goto("/ra-soat?indicator=san_luong_luong_thuc")
    row = page.locator("table.review tbody tr:has(form.correct)").first  # a row of the editor's own unit
    row.locator("select[name=field]").select_option("value")
    row.locator("input[name=new_value]").fill("17.650,5")
    row.locator("input[name=reason]").fill("Số liệu thống kê chính thức")
    row.locator("button[type=submit]").click()
    expect(page.locator(".flash")).to_be_visible()
    expect(page.locator("td.shown").first).to_contain_text("17.650,5")
    expect(page.locator("section table")).to_contain_text("Số liệu thống kê chính thức")
    _shot(page, "05-ra-soat-1366")
    page.close()


def test_viewer_is_refused_a_change(browser: object, server: str) -> None:
    from playwright.sync_api import Page, expect

    page = _page(browser, server, "xem")
    assert isinstance(page, Page)
    page.goto("/ra-soat?indicator=san_luong_luong_thuc")
    expect(page.locator("form.correct")).to_have_count(0)
    expect(page.locator(".flash")).to_contain_text("chỉ được xem")
    # the service refuses even a hand-made request carrying the viewer's session and form token
    obs_id = page.locator("table.review tbody tr").first.get_attribute("id")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    assert obs_id and token
    response = page.request.post(f"/ra-soat/{obs_id[1:]}", form={"field": "value", "new_value": "1", "reason": "x",
                                                                 "csrf_token": token})
    assert response.status == 403
    assert "không có quyền" in response.text()
    page.close()


def test_phone_views(browser: object, server: str) -> None:
    from playwright.sync_api import Page

    page = _page(browser, server, "quantri", width=390, height=844)
    assert isinstance(page, Page)
    _shot(page, "06-tong-quan-dien-thoai")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone ({width}px)"
    page.goto("/van-ban/3")
    _shot(page, "07-van-ban-dien-thoai")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.close()
