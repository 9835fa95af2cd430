"""Accessibility: axe-core (npm, pinned, loaded from the local node_modules) finds no serious or
critical violation on a dimension page and on the assessment page with its results, in both palettes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_helpers import READY, click

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run 'npm ci'")
    # Injected through the DevTools protocol, so the site's CSP does not apply to the test's own tool.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # Sections with content-visibility: auto are laid out only near the viewport; axe measures
    # colours where an element is laid out, so off-screen ones would be measured against the
    # footer. Lay everything out as a reader scrolling through would see it, then check.
    page.evaluate("""() => document.querySelectorAll('.p2p-assessment__dimension')
        .forEach((section) => { section.style.contentVisibility = 'visible'; })""")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    context = browser.new_context(color_scheme=request.param)
    page = context.new_page()
    yield page
    context.close()


def test_dimension_page_has_no_serious_violations(scheme_page, site_url: str) -> None:
    page = scheme_page
    page.goto(site_url + "dimensions/cost/")
    click(page, "COST-001", "na")  # the reason field and its hint are shown
    page.wait_for_selector('[data-p2p-checklist="COST"][data-scorer-state="ready"]', timeout=60_000)
    page.wait_for_selector('[data-p2p-calc="cost"] .p2p-calc__verdict')
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_assessment_page_with_results_has_no_serious_violations(scheme_page, site_url: str) -> None:
    page = scheme_page
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    click(page, "OWN-001", "no")
    click(page, "OWN-002", "partial")
    page.wait_for_selector('[data-result="blockers"] a')
    page.evaluate("() => document.querySelectorAll('.p2p-results details').forEach(d => d.open = true)")
    page.wait_for_selector('[data-p2p-calc="latency"] .p2p-calc__verdict')
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme in ("default", "slate")
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
