"""Each directive of the site's Content-Security-Policy is needed, and nothing needs more (docs/privacy.md).

Issue 14, finding 14: the policy allowed ``style-src 'unsafe-inline'`` that nothing needed once
tables are aligned by attribute; and ``'wasm-unsafe-eval'`` is what lets the scorer compile
Pyodide under a header policy. The site is served with its own policy as an HTTP header.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import WATCH, site_policy
from conftest import serve

pytestmark = pytest.mark.browser

#: The smallest WebAssembly module: its magic number and version.
COMPILE_WASM = """WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
                  .then(() => 'compiled', e => 'refused: ' + e.name)"""


def test_the_policy_has_no_unsafe_inline_and_only_needed_directives(site_dir: Path) -> None:
    directives = dict(part.strip().split(" ", 1) for part in site_policy(site_dir).split(";"))
    assert "'unsafe-inline'" not in site_policy(site_dir)
    # What equals default-src 'self' is not repeated; what is written narrows or widens it.
    assert set(directives) == {"default-src", "script-src", "img-src", "object-src", "base-uri", "form-action"}
    assert directives["img-src"] == "'self' data:"


def test_pages_search_and_palette_need_no_inline_style(browser, csp_site) -> None:
    url, _ = csp_site
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    try:
        for path in ("", "dimensions/", "scoring/", "dimensions/cost/", "cli/", "privacy/"):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__csp") == [], path
        page.goto(url + "dimensions/")
        # A right-aligned column stays right-aligned: by attribute, not by a blocked inline style.
        cell = page.locator(".md-typeset td[align=right]").first
        assert cell.evaluate("td => getComputedStyle(td).textAlign") in ("right", "-webkit-right")
        page.click("input.md-search__input")
        # The search worker builds its index first (slow on a busy machine); then the query runs.
        page.wait_for_function("() => !/Initializing/.test(document.querySelector('.md-search-result__meta')"
                               ".textContent)", timeout=90_000)
        page.locator("input.md-search__input").press_sequentially("owner")  # the theme listens for keys
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        page.keyboard.press("Escape")
        page.click("form[data-md-component=palette] label >> visible=true")
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def test_webassembly_needs_wasm_unsafe_eval(browser, site_dir: Path) -> None:
    """Without 'wasm-unsafe-eval' in a header policy, the browser refuses to compile Pyodide."""
    policy = site_policy(site_dir).replace(" 'wasm-unsafe-eval'", "")
    server, url = serve(site_dir, headers={"Content-Security-Policy": policy})
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url + "privacy/")
        assert page.evaluate(COMPILE_WASM) == "refused: CompileError"
    finally:
        context.close()
        server.shutdown()
