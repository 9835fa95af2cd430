"""The browser helpers' watches can fail: what they must catch, they catch (tests/browser_helpers.py)."""

from __future__ import annotations

import pytest

from browser_helpers import INJECTED, WATCH, settled

pytestmark = pytest.mark.browser

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def test_the_injection_record_catches_markup_that_could_run_and_nothing_else(page, site_url: str) -> None:
    page.add_init_script(INJECTED)
    page.goto(site_url + "privacy/")
    settled(page)
    assert page.evaluate("window.__injected") == []  # the site's own page adds nothing that runs the marker
    page.evaluate("t => { const p = document.createElement('p'); p.textContent = t;"
                  " document.querySelector('.md-content').append(p); }", XSS)  # as text: inert
    page.evaluate("() => document.querySelector('.md-content a').setAttribute('title', 'window.__xss')")
    assert page.evaluate("window.__injected") == []
    page.evaluate("t => { document.querySelector('.md-content').insertAdjacentHTML('beforeend', t); }", XSS)
    page.evaluate("() => document.querySelector('.md-content a').setAttribute('href', 'javascript:window.__xss=3')")
    # Recorded as the elements arrived: the image's error handler has not had to run for this to be known.
    assert page.evaluate("window.__injected") == [
        '<img src="x" onerror="window.__xss=1">', "<script>window.__xss=2</script>"] + [
        page.evaluate("() => document.querySelector('.md-content a').outerHTML.slice(0, 120)")]


def test_the_policy_watch_records_a_violation(browser, csp_site) -> None:
    url, _ = csp_site
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    try:
        page.goto(url + "privacy/")
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1';"
                      " document.head.append(s); }")
        page.wait_for_function("() => window.__csp.length > 0")
        # Once per policy that refused it: the page's <meta> and the header.
        assert set(page.evaluate("window.__csp")) == {"script-src-elem inline"}
    finally:
        context.close()
