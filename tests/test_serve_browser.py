"""The web UI end to end in headless Chromium (Playwright): list, filter, event highlights, charts, analyse text.

The server runs with a token on a free loopback port; the browser passes ``?token=`` once and then relies on
the cookie. One screenshot per page goes to ``test-output/screenshots/``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (Debian package `chromium`; `make test` installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the `playwright` Python package")
uvicorn = pytest.importorskip("uvicorn")

from newsevents.batch import run_corpus  # noqa: E402
from newsevents.config import Settings  # noqa: E402
from newsevents.serve import ServeConfig, create_app  # noqa: E402
from newsevents.serve.assets import map_assets_available  # noqa: E402

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "serve"
SHOTS = ROOT / "test-output" / "screenshots"
TOKEN = "browser-test-token"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
SHORT_ARTICLE = ("Police arrested 12 protesters in Lagos on Monday after clashes near the parliament, "
                 "Nigerian officials said. The opposition accused the government of repression.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("browser") / "events.duckdb"
    run_corpus([FIXTURES / "articles.jsonl"], db, Settings(), progress=False)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(ServeConfig(db=db, token=TOKEN)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url):
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.errors = errors
        yield pg
        context.close()
        browser.close()


def _shot(pg, name: str) -> None:
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_list_filter_and_event_highlights(page, base_url):
    unauth = page.goto(f"{base_url}/")
    assert unauth.status == 401
    page.goto(f"{base_url}/?token={TOKEN}")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 10
    _shot(page, "events")
    page.fill("input[name=type]", "ASSAULT")
    page.select_option("select[name=quad_class]", "4")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**type=ASSAULT**")
    filtered = page.locator("#events-table tbody tr")
    assert 0 < filtered.count() < 10
    assert all("ASSAULT" in t for t in filtered.locator("td:nth-child(2)").all_inner_texts())
    _shot(page, "events-filtered")
    page.fill("input[name=place]", "Kyiv")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**place=Kyiv**")
    page.locator("a.event-link", has_text="fired missiles").first.click()
    page.wait_for_url("**/events/**")
    sentence = page.locator(".mention.representative .sentence")
    assert "fired missiles" in sentence.inner_text()
    assert page.locator(".sentence mark.hl-trigger").first.inner_text() == "fired missiles"
    for kind in ("source", "place", "date", "number"):
        assert page.locator(f".sentence mark.hl-{kind}").count() >= 1, kind
    assert page.locator(".sentence mark.hl-place").first.get_attribute("title").startswith(("target", "place"))
    _shot(page, "event")
    assert not page.errors


def test_timeline_map_network_docs(page, base_url):
    page.goto(f"{base_url}/timeline")
    assert page.locator("#timeline-chart rect.bar").count() >= 5
    assert page.locator("#timeline-chart text.axis-label").count() == 2
    assert page.locator("#quad-legend .swatch").count() == 4
    _shot(page, "timeline")
    page.goto(f"{base_url}/map")
    assert page.locator("#points circle.point").count() >= 5
    if map_assets_available():
        page.wait_for_function("document.getElementById('map').dataset.drawn > 0", timeout=10_000)
        assert page.locator("#countries path.country").count() > 100
    else:
        assert page.locator("#basemap-missing").is_visible()
    _shot(page, "map")
    page.goto(f"{base_url}/network")
    assert page.locator("#network circle.node").count() >= 6
    assert page.locator("#network path.edge").count() >= 5
    _shot(page, "network")
    page.goto(f"{base_url}/docs")
    assert page.locator("section.op").count() >= 8
    _shot(page, "docs")
    assert not page.errors


def test_analyse_pasted_article(page, base_url):
    page.goto(f"{base_url}/analyse")
    page.fill("#analyse-text", SHORT_ARTICLE)
    page.fill("#analyse-date", "2024-06-04")
    page.click("#analyse-submit")
    page.wait_for_selector(".analysed-event", timeout=30_000)
    cards = page.locator(".analysed-event")
    assert cards.count() >= 2
    text = " ".join(cards.all_inner_texts())
    assert "COERCE" in text or "ARREST" in text.upper()
    assert page.locator(".analysed-event mark.hl-trigger").count() >= 2
    assert page.locator(".analysed-event mark.hl-source").count() >= 1
    assert "found" in page.locator("#analyse-status").inner_text()
    _shot(page, "analyse")
    assert not page.errors


def test_analyse_seed_article(page, base_url, shared_dir):
    seed = shared_dir / "seed" / "article.txt"
    if not seed.is_file():
        pytest.skip(f"{seed} not found")
    page.goto(f"{base_url}/analyse")
    page.fill("#analyse-text", seed.read_text(encoding="utf-8"))
    page.fill("#analyse-date", "2024-04-30")
    page.click("#analyse-submit")
    page.wait_for_selector(".analysed-event", timeout=30_000)
    assert page.locator(".analysed-event").count() >= 3
    assert page.locator(".analysed-event mark.hl-trigger").count() >= 3
    _shot(page, "analyse-seed")
    assert not page.errors
