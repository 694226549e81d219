"""A real browser on the web view: headless Chromium (Debian's, installed by .ci/run) driven by Playwright opens the
list, a proposal, clicks a figure and sees its page with the figure's box. Screenshots are kept in
build/test-artifacts/ (BCX_ARTIFACTS overrides)."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

import pipeline
from tests.conftest import PDF, ROOT, disagreeing_copies
from web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("BCX_ARTIFACTS", ROOT / "build" / "test-artifacts"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    (root / "in").mkdir()
    shutil.copy(PDF, root / "in" / PDF.name)
    db = f"sqlite:///{root / 'bcx.sqlite'}"
    assert pipeline.ingest([root / "in"], db=db).failed == 0
    httpd = make_server("127.0.0.1", 0, create_app(db))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", db
    httpd.shutdown()


def test_list_proposal_figure_and_its_highlighted_page(server):
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run installs Debian's chromium")
    base, db = server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    [hit] = pipeline.trace(f"{PDF.name}#1", table=1, row="Samlet", year="2019", db=db, context=False)[:1]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(base + "/")
        expect(page.get_by_test_id("proposals")).to_contain_text("Virksomhedssamarbejde")
        page.screenshot(path=ARTIFACTS / "1-list.png", full_page=True)

        page.get_by_role("link", name="Virksomhedssamarbejde om mobile digitale løsninger til borgerne").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Virksomhedssamarbejde")
        expect(page.get_by_test_id("chart").locator("svg")).to_be_visible()
        page.screenshot(path=ARTIFACTS / "2-proposal.png", full_page=True)

        page.locator(f'a[href="/figure/{hit["value_id"]}"]').click()
        expect(page.get_by_test_id("written")).to_have_text(hit["text_as_written"])
        image = page.get_by_test_id("page")
        expect(image).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert image.evaluate("img => img.naturalWidth") > 500  # the page, rendered at 100 dpi (A4: ~827 px)
        page.screenshot(path=ARTIFACTS / "3-figure-on-page.png", full_page=True)
        browser.close()
    assert all((ARTIFACTS / name).stat().st_size > 0
               for name in ("1-list.png", "2-proposal.png", "3-figure-on-page.png"))


# ---------------------------------------------------------------- a day of audit work



@pytest.fixture(scope="module")
def audit_server(tmp_path_factory):
    """The PDF, its text dump with one figure changed (600 -> 650: the copies disagree) and a bundle."""
    root = tmp_path_factory.mktemp("audit")
    inbox = disagreeing_copies(root / "in")
    db = f"sqlite:///{root / 'bcx.sqlite'}"
    assert pipeline.ingest([inbox], db=db).failed == 0
    httpd = make_server("127.0.0.1", 0, create_app(db), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", db, inbox
    httpd.shutdown()


def test_findings_search_copies_and_a_changed_source(audit_server):
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run installs Debian's chromium")
    base, db, inbox = audit_server
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docs = pipeline.export_documents(db)
    with_row = sorted(d["title"] for d in docs if any("effektiviseringsgevinst" in r["label"].casefold()
                                                      for t in d["tables"] for r in t["rows"]))
    assert with_row
    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})

        # the findings page: counts by rule, the disagreement of the copies among them, in Danish
        page.goto(base + "/findings")
        expect(page.get_by_test_id("facets")).to_contain_text("Kopierne af forslaget har forskellige tal (2)")
        expect(page.get_by_test_id("findings")).to_contain_text("650 her, 600 i kopien 000_4bb0c5848772b7a4.pdf#1")
        shots.append("4-findings.png")
        page.screenshot(path=ARTIFACTS / shots[-1], full_page=True)

        # a search by a row label, typed in the list's search box
        page.goto(base + "/")
        page.get_by_role("searchbox", name="søg").fill("Effektiviseringsgevinst")
        page.get_by_role("button", name="Søg").click()
        for title in with_row:
            expect(page.get_by_test_id("proposals")).to_contain_text(title)
        shots.append("5-search-row-label.png")
        page.screenshot(path=ARTIFACTS / shots[-1], full_page=True)

        # the PDF's proposal page names its copy, says that they disagree, and where
        page.goto(base + "/?q=Servicelovsydelser&sort=source")
        page.get_by_role("link", name="Virksomhedssamarbejde om mobile digitale løsninger til borgerne").first.click()
        copies = page.get_by_test_id("copies")
        expect(copies).to_contain_text("000_dump.txt#1")
        expect(copies).to_contain_text("Kopierne har ikke de samme tal (1 sted)")
        expect(page.get_by_test_id("findings")).to_contain_text("600 her, 650 i kopien 000_dump.txt#1")
        expect(page.get_by_test_id("reason").first).to_be_visible()
        shots.append("6-copies-disagree.png")
        page.screenshot(path=ARTIFACTS / shots[-1], full_page=True)

        # the dump changes after it was read: its figure says so, and shows no other lines as its source
        copies.get_by_role("link", name="000_dump.txt#1").click()
        figure = page.locator('a[data-testid="figure"]').first
        href = figure.get_attribute("href")
        (inbox / "000_dump.txt").write_text("en anden tekst\n" * 40, "utf-8")
        page.goto(base + href)
        expect(page.get_by_test_id("source-state")).to_contain_text("er ændret")
        expect(page.get_by_test_id("source-lines")).to_have_count(0)
        shots.append("7-changed-source.png")
        page.screenshot(path=ARTIFACTS / shots[-1], full_page=True)
        browser.close()
    assert all((ARTIFACTS / name).stat().st_size > 0 for name in shots)
