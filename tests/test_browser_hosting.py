"""Hosting in real Chromium: the site under a sub-path, every page offline, the CDN option, a customised copy.

* The GitHub Pages workflow's build (tests/hosting_helpers.py) is served under ``/pilot2prod/``,
  as a project site is; a crawl then visits every page and asserts that nothing is fetched
  outside that folder of the local server (no fonts, no CDN, no analytics, no 404s), with the
  scorer ready on every page that has a checklist and a search run.
* The default build (no site_url) still scores when served under a sub-path.
* ``extra.pilot2prod.pyodide_url`` loads Pyodide from another origin (a second
  local server stands in for the CDN) and stops shipping the vendored copy.
* The customised copy's checklists score in the browser as in the CLI.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser_helpers import READY, STORE, cli_json, click, wait_for
from conftest import ROOT, serve
from hosting_helpers import copy_project, html_pages, must_build, write_answers

pytestmark = pytest.mark.browser

CHECKLIST = "[data-p2p-checklist], [data-p2p-assessment]"


def seed(page, url: str, answers: dict[str, object]) -> None:
    """Answers already saved in this browser (as a returning reader has them), for pages under ``url``."""
    page.goto(url)  # any page of the site: storage belongs to the origin
    page.evaluate("([key, data]) => localStorage.setItem(key, JSON.stringify(data))",
                  [STORE, {"pilot": "", "answers": answers}])


def items_on(page) -> list[str]:
    return page.eval_on_selector_all("[data-item]", "els => els.map(e => e.getAttribute('data-item'))")


class Traffic:
    """Every request a browser context made, and every response that was not a success."""

    def __init__(self, context) -> None:  # noqa: ANN001 - Playwright's BrowserContext
        self.urls: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("response", lambda response: response.status >= 400
                   and self.errors.append(f"{response.status} {response.url}"))

    def outside(self, base: str) -> list[str]:
        return sorted({u for u in self.urls if not u.startswith(base) and not u.startswith(("data:", "blob:"))})


# ---- the GitHub Pages build, served under a sub-path ------------------------------------------

def follow(tab, url: str) -> None:
    """Go to ``url`` the way a reader does, by clicking a link (mkdocs-material swaps the page in place)."""
    tab.evaluate("""u => {
        const a = document.createElement('a');
        a.href = u;
        a.textContent = u;
        document.querySelector('.md-content').append(a);
        a.click();
    }""", url)
    tab.wait_for_function("u => location.href === u && document.querySelector('.md-content a[href]')", arg=url)


def wait_ready(tab, path: str) -> None:
    """Ready or error, whichever comes first; then insist on ready."""
    tab.wait_for_selector(f':is({CHECKLIST})[data-scorer-state="ready"], :is({CHECKLIST})[data-scorer-state="error"]',
                          state="attached", timeout=60_000)
    assert tab.get_attribute(CHECKLIST, "data-scorer-state") == "ready", \
        f"{path}: " + (tab.text_content("[data-p2p-status]") or "")


def test_every_page_loads_only_from_its_own_folder(browser, pages_site) -> None:
    site, url = pages_site
    pages = html_pages(site)
    live = [p for p in pages if "data-p2p-checklist" in (site / p / "index.html" if p.endswith("/") or not p
                                                          else site / p).read_text(encoding="utf-8")]
    assert len(pages) >= 20 and "assessment/" in live and "no/such/page/" in pages
    assert len(live) >= 12, live
    context = browser.new_context()
    traffic = Traffic(context)
    tab = context.new_page()
    try:
        # 1. Every page from cold, as a bookmark or a search engine opens it.
        for path in pages:
            response = tab.goto(url + path)
            assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
            # Styled by mkdocs-material, even 404.html served three folders down.
            assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
            if path == live[0] or path == "assessment/":
                # The scorer starts when the reader reaches a checklist (at once on the assessment).
                tab.locator(CHECKLIST).first.scroll_into_view_if_needed()
                wait_ready(tab, path)

        # 2. Every page with a checklist as a reader moves through the site: the scorer stays up.
        tab.goto(url + "assessment/")
        wait_ready(tab, "assessment/")
        tab.evaluate("window.__p2pSamePage = true")
        for path in live:
            if path != "assessment/":
                follow(tab, url + path)
                assert tab.evaluate("window.__p2pSamePage") is True, f"{path}: a full page load, not instant navigation"
                wait_ready(tab, path)

        # 3. Search runs in mkdocs-material's own worker over search/search_index.json.
        # Typing before its index is built is lost, as for a reader: wait for the prompt first.
        tab.goto(url)
        tab.click("input.md-search__input")
        tab.wait_for_function(
            "() => document.querySelector('.md-search-result__meta').textContent === 'Type to start searching'")
        tab.keyboard.type("owner")
        tab.wait_for_selector(".md-search-result__item", timeout=30_000)
    finally:
        context.close()

    assert any(u.endswith("pyodide.asm.wasm") for u in traffic.urls), "the scorer's requests were not seen"
    assert any("search_index.json" in u for u in traffic.urls), "the search index was not loaded"
    assert traffic.outside(url) == []
    assert traffic.errors == []


def test_default_build_scores_under_a_sub_path(page, site_dir: Path, tmp_path: Path) -> None:
    """No site_url set (what a plain `mkdocs build` gives): the live checklists still work two folders down."""
    server, url = serve(site_dir, "/teams/pilot2prod/")
    try:
        ids = re.findall(r'data-item="([A-Z]+-\d+)"', (site_dir / "assessment" / "index.html").read_text("utf-8"))
        answers: dict[str, object] = {item: "yes" for item in ids}
        seed(page, url, answers)
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        wait_for(page, "go", 100)
        for item, value in {"OWN-002": "partial", "DATA-001": "no"}.items():
            click(page, item, value)
            answers[item] = value
        result = cli_json(write_answers(tmp_path / "a.json", answers))
        wait_for(page, result["decision"], result["score"])

        # Across pages (instant navigation or a full load), the answers follow.
        page.locator('a[href*="dimensions/ownership/"]:visible').first.click()
        page.wait_for_url(url + "dimensions/ownership/**")
        page.locator('[data-p2p-checklist="OWN"]').scroll_into_view_if_needed()
        page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state="ready"]', timeout=60_000)
        assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
    finally:
        server.shutdown()
    assert page.requests.foreign(url) == []


def test_python_http_server_as_the_hosting_guide_says(page, site_dir: Path) -> None:
    """`python3 -m http.server --directory site` (docs/guides/hosting.md): right MIME types, the scorer starts."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "--directory", str(site_dir),
                             "--bind", "127.0.0.1", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 12345 (http://127.0.0.1:12345/) ..."
        port = re.search(r"port (\d+)", line)
        assert port, line
        url = f"http://127.0.0.1:{port.group(1)}/"
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
    finally:
        proc.terminate()
        proc.wait()
    assert page.requests.foreign(url) == []


# ---- the CDN option ---------------------------------------------------------------------------

def test_pyodide_url_loads_the_runtime_from_a_cdn(page, tmp_path: Path) -> None:
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    cdn_root = tmp_path / "cdn"
    (cdn_root / "npm").mkdir(parents=True)
    (cdn_root / "npm" / f"pyodide@{version}").symlink_to(ROOT / "node_modules" / "pyodide")
    # What jsDelivr sends: a module worker on another origin may import and fetch the files.
    cdn, cdn_url = serve(cdn_root, headers={"Access-Control-Allow-Origin": "*"})

    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nextra:\n  pilot2prod: {}\n" in config
    config = config.replace("\nextra:\n  pilot2prod: {}\n",
                            f"\nextra:\n  pilot2prod:\n    pyodide_url: {cdn_url}npm/pyodide@{{version}}/\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = must_build(project, tmp_path / "site")
    assert not (site / "assets" / "pyodide").exists(), "the vendored copy is shipped although a CDN is set"

    server, url = serve(site)
    try:
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
    finally:
        server.shutdown()
        cdn.shutdown()
    assert f"{cdn_url}npm/pyodide@{version}/pyodide.asm.wasm" in page.requests.urls
    assert [u for u in page.requests.urls if "pyodide" in u and u.startswith(url)] == []


# ---- a customised copy -------------------------------------------------------------------------

def test_custom_browser_scores_with_the_changes(page, custom: dict, tmp_path: Path) -> None:
    server, url = serve(custom["site"], "/acme/")
    try:
        ids = re.findall(r'data-item="([A-Z]+-\d+)"',
                         (custom["site"] / "assessment" / "index.html").read_text("utf-8"))
        answers: dict[str, object] = {item: "yes" for item in ids}
        seed(page, url, answers)
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        assert items_on(page) == ids and "VEND-003" in ids and custom["removed"] not in ids
        click(page, "OWN-002", "no")
        answers["OWN-002"] = "no"
        result = cli_json(write_answers(tmp_path / "a.json", answers), custom["checklists"])
        assert result["decision"] == "go"
        wait_for(page, "go", result["score"])

        click(page, "VEND-002", "no")
        answers["VEND-002"] = "no"
        result = cli_json(write_answers(tmp_path / "b.json", answers), custom["checklists"])
        wait_for(page, "no-go", result["score"])
        plan = page.eval_on_selector_all("[data-plan-item]", "els => els.map(e => e.getAttribute('data-plan-item'))")
        assert plan == [step["item"] for step in result["plan"]] and plan[0] == "VEND-002"
        assert "Vendor & model-provider risk" in page.text_content('[data-result="dimensions"]')

        page.goto(url + "dimensions/vendor/")
        page.wait_for_selector('[data-p2p-checklist="VEND"][data-scorer-state="ready"]', timeout=60_000)
        page.wait_for_function(
            "() => (document.querySelector('[data-p2p-dimension=\"VEND\"]').textContent || '').includes('3 of 3')")
    finally:
        server.shutdown()
    assert page.requests.foreign(url) == []
