"""The site works under its Content-Security-Policy (docs/privacy.md), sent as an HTTP header (which
also governs the worker, so WebAssembly needs 'wasm-unsafe-eval') on top of each page's <meta> policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import READY, WATCH, click, site_policy

pytestmark = pytest.mark.browser

def test_the_policy_allows_only_this_site(site_dir: Path) -> None:
    policy = site_policy(site_dir)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    scripts = directives["script-src"].split()
    assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(s.startswith("'sha256-") for s in scripts[2:]) and scripts[2:]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "http" not in policy  # no other origin anywhere


def test_the_scorer_works_under_the_policy(browser, csp_site, tmp_path: Path) -> None:
    url, policy = csp_site
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    try:
        response = page.goto(url + "assessment/")
        assert response.headers["content-security-policy"] == policy
        page.wait_for_selector(READY, timeout=60_000)
        click(page, "OWN-001", "no")
        page.wait_for_selector('[data-result="blockers"] a')
        page.click('[data-p2p-action="share"]')
        page.wait_for_function("() => document.querySelector('[data-p2p-share]').value.includes('#answers=')")
        page.click(".p2p-results__calculators summary")
        page.wait_for_selector('[data-p2p-calc="cost"] .p2p-calc__verdict')
        with page.expect_download():
            page.click('[data-p2p-action="export-yaml"]')
        page.goto(url + "dimensions/scale/")
        click(page, "SCALE-001", "yes")
        page.wait_for_selector('[data-p2p-checklist="SCALE"][data-scorer-state="ready"]', timeout=60_000)
        assert page.evaluate("window.__csp") == []
        # The policy is really enforced: an injected inline script is blocked and reported.
        page.evaluate("""() => { const s = document.createElement('script');
                                 s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
        page.wait_for_function("() => window.__csp.length > 0")
        assert page.evaluate("window.__ran") is None
        assert page.evaluate("window.__csp")[0].startswith("script-src")
    finally:
        context.close()
