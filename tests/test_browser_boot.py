"""When the scorer cannot start, the page says why instead of loading forever: a header
Content-Security-Policy without 'wasm-unsafe-eval' (the worker may not compile WebAssembly), and a
runtime that never arrives (the boot timeout, ``extra.pilot2prod.boot_timeout``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser_helpers import click, site_policy, stored
from conftest import serve

pytestmark = pytest.mark.browser

ERROR = '[data-p2p-assessment][data-scorer-state="error"]'
SETTINGS = r'(<script id="p2p-settings" type="application/json">)(.*?)(</script>)'
SAFE = " Your answers are safe in this browser, and Export still works."


@pytest.fixture(scope="module")
def no_wasm_site(site_dir: Path):
    """The site under its own policy sent as a header, minus 'wasm-unsafe-eval'."""
    policy = site_policy(site_dir).replace(" 'wasm-unsafe-eval'", "")
    assert "wasm-unsafe-eval" not in policy
    server, url = serve(site_dir, headers={"Content-Security-Policy": policy})
    yield url
    server.shutdown()


def status(page) -> str:
    return page.locator("[data-p2p-status]").first.inner_text()


def test_a_policy_without_wasm_unsafe_eval_is_reported_not_loaded_forever(page, no_wasm_site: str) -> None:
    page.goto(no_wasm_site + "assessment/")
    click(page, "OWN-001", "yes")
    page.wait_for_selector(ERROR, timeout=30_000)
    assert status(page) == (
        "The scorer could not start: this site's Content-Security-Policy does not let it run WebAssembly "
        "(script-src needs 'wasm-unsafe-eval')." + SAFE)
    assert page.locator("[data-p2p-status]").first.get_attribute("role") == "alert"
    assert stored(page)["answers"] == {"OWN-001": "yes"}
    # The same on a dimension page, where the scorer starts on the first answer.
    page.goto(no_wasm_site + "dimensions/ownership/")
    click(page, "OWN-002", "no")
    page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state="error"]', timeout=30_000)
    assert "'wasm-unsafe-eval'" in status(page)


def with_settings(route, **changes) -> None:
    """Serve the page with its settings tag (``#p2p-settings``) changed, as mkdocs.yml would write it."""
    response = route.fetch()
    html = response.text()
    match = re.search(SETTINGS, html, re.S)
    settings = {**json.loads(match.group(2)), **changes}
    html = html[: match.start(2)] + json.dumps(settings) + html[match.end(2):]
    route.fulfill(response=response, body=html)


def test_a_scorer_that_never_arrives_times_out_with_a_clear_message(page, site_dir: Path, site_url: str) -> None:
    html = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
    assert json.loads(re.search(SETTINGS, html, re.S).group(2))["boot_timeout"] == 60  # the default
    page.context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    page.route("**/assessment/", lambda route: with_settings(route, boot_timeout=2))
    page.goto(site_url + "assessment/")
    page.wait_for_selector(ERROR, timeout=30_000)
    assert status(page) == ("The scorer could not start: it did not finish loading within 2 seconds; check the "
                            "connection and reload the page to try again." + SAFE)
    click(page, "OWN-001", "partial")
    assert stored(page)["answers"] == {"OWN-001": "partial"}
