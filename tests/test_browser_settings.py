"""The page's settings (issue 15): the settings tag has an id that begins with a letter (``p2p-settings``),
and a scorer whose settings lack one it needs refuses to start and names it, instead of asking the server
for ``undefinedpyodide.mjs``. The words are the catalogue's (scoring/words.py)."""

from __future__ import annotations

import json
import re

import pytest
from test_browser import click
from test_browser_flows import stored

pytestmark = pytest.mark.browser

ERROR = '[data-p2p-assessment][data-scorer-state="error"]'
#: The settings tag, under its name of before issue 15 too, so that this test fails for the right reason there.
TAG = r'(<script id="(?:p2p-settings|__p2p)" type="application/json">)(.*?)(</script>)'


def without(route, name: str) -> None:
    response = route.fetch()
    html = response.text()
    match = re.search(TAG, html, re.S)
    settings = json.loads(match.group(2))
    del settings[name]
    route.fulfill(response=response, body=html[: match.start(2)] + json.dumps(settings) + html[match.end(2):])


def test_the_settings_tag_id_begins_with_a_letter(site_dir) -> None:
    html = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<script id="([^"]+)" type="application/json">', html)
    assert "p2p-settings" in ids and all(re.match(r"[A-Za-z]", i) for i in ids if i != "__config")


@pytest.mark.parametrize("name", ["pyodide", "model"])
def test_a_scorer_without_a_setting_it_needs_says_which(page, site_url: str, name: str) -> None:
    from scoring.words import say

    page.route("**/assessment/", lambda route: without(route, name))
    page.goto(site_url + "assessment/")
    click(page, "OWN-001", "yes")
    page.wait_for_selector(ERROR, timeout=30_000)
    status = page.locator("[data-p2p-status]").first
    assert status.inner_text() == say("status.error", reason=say("boot.no_settings", name=name))
    assert not any("undefined" in url for url in page.requests.urls), page.requests.urls
    assert stored(page)["answers"] == {"OWN-001": "yes"}
