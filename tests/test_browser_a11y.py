"""Accessibility as readers meet it: axe-core (npm, pinned in package.json, loaded from the local
node_modules) with the WCAG 2.2 AA rules finds no violation on the home page, a dimension page, the quick
check and the assessment, at desktop and phone widths, in both palettes.

Axe is injected into each page as it loads (an init script, so the site's CSP does not apply to the
test's own tool) and runs on the page as it is laid out: nothing is forced into layout first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_helpers import READY, click

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2, levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


def axe_violations(page) -> list[dict]:
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""", TAGS)
    return result


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param


def open_context(browser, scheme: str, width: str = "desktop"):
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run 'npm ci'")
    w, h = WIDTHS[width]
    context = browser.new_context(color_scheme=scheme, viewport={"width": w, "height": h},
                                  has_touch=width == "phone", is_mobile=width == "phone")
    context.add_init_script(AXE.read_text(encoding="utf-8"))
    return context


PAGES = {"home": "", "dimension": "dimensions/ownership/", "quick-check": "quick-check/", "assessment": "assessment/"}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_as_they_load_have_no_violations(browser, site_url: str, scheme: str, name: str, width: str) -> None:
    context = open_context(browser, scheme, width)
    page = context.new_page()
    try:
        page.goto(site_url + PAGES[name])
        if name in ("quick-check", "assessment"):
            page.wait_for_selector('[data-scorer-state="ready"]', timeout=60_000)
            page.wait_for_selector('[data-p2p-bar="score"]:not(:empty)')
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
    finally:
        context.close()


def test_dimension_page_with_answers_has_no_violations(browser, site_url: str, scheme: str) -> None:
    context = open_context(browser, scheme)
    page = context.new_page()
    try:
        page.goto(site_url + "dimensions/cost/")
        click(page, "COST-001", "na")  # the reason field and its hint are shown
        page.wait_for_selector('[data-p2p-checklist="COST"][data-scorer-state="ready"]', timeout=60_000)
        page.wait_for_selector('[data-p2p-calc="cost"] .p2p-calc__verdict')
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
    finally:
        context.close()


def test_assessment_page_with_results_has_no_violations(browser, site_url: str, scheme: str) -> None:
    context = open_context(browser, scheme)
    page = context.new_page()
    try:
        page.goto(site_url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        click(page, "OWN-001", "no")
        click(page, "OWN-002", "partial")
        page.wait_for_selector('[data-result="blockers"] a')
        page.evaluate("() => document.querySelectorAll('.p2p-results details').forEach(d => d.open = true)")
        page.wait_for_selector('[data-p2p-calc="latency"] .p2p-calc__verdict')
        page.check("[data-p2p-all]")  # the single long view too
        scheme_shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert scheme_shown == ("default" if scheme == "light" else "slate")
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
    finally:
        context.close()
