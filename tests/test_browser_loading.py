"""Pyodide loads only where it is needed: never on guidance pages, on a dimension page only once the
reader reaches or touches its checklist, and at once on the assessment page. No request leaves 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from browser_helpers import READY, click, scrolled_to_the_end, settled

pytestmark = pytest.mark.browser

SCORER = ("/assets/pyodide/", "/javascripts/worker.mjs", "/assets/pilot2prod/")


def scorer_requests(page) -> list[str]:
    return [u for u in page.requests.urls if any(part in u for part in SCORER)]


def origin(url: str) -> str:
    return "/".join(url.split("/", 3)[:3]) + "/"


@pytest.mark.parametrize("path", ["", "why-pilots-stall/", "dimensions/", "roadmap/", "scoring/", "glossary/"])
def test_guidance_pages_fetch_no_scorer(page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    scrolled_to_the_end(page)  # read to the end: whatever scrolling sets off has run
    assert page.locator("[data-p2p-checklist], [data-p2p-calc]").count() == 0
    assert scorer_requests(page) == []
    assert page.requests.foreign(origin(site_url)) == []


def test_dimension_page_starts_the_scorer_on_first_interaction(page, site_url: str) -> None:
    page.goto(site_url + "dimensions/ownership/", wait_until="networkidle")
    # Mounted, and the checklist's first visibility notice delivered: a scorer started by either would show.
    page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state]')
    settled(page)
    assert page.get_attribute('[data-p2p-checklist="OWN"]', "data-scorer-state") == "idle"
    assert scorer_requests(page) == []
    click(page, "OWN-001", "partial")  # answering works at once; the score follows
    assert re.search(r"\b1 of \d+ answered", page.inner_text('[data-p2p-dimension="OWN"]'))
    page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state="ready"]', timeout=60_000)
    assert any(u.endswith("pyodide.asm.wasm") for u in scorer_requests(page))
    # To a guidance page and back: the answer is still there.
    page.click('.md-nav a[href$="why-pilots-stall/"]')
    page.wait_for_url("**/why-pilots-stall/")
    page.go_back()
    page.wait_for_selector('[data-item="OWN-001"]')
    assert page.is_checked('[data-item="OWN-001"] input[value="partial"]')
    assert page.requests.foreign(origin(site_url)) == []


def test_assessment_page_starts_the_scorer_at_once(page, site_url: str) -> None:
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.requests.foreign(origin(site_url)) == []
