"""End to end in real Chromium: the built site, served on 127.0.0.1, scored by Pyodide in a worker.

The browser's decision and score must equal what ``pilot2prod score --format json``
prints for the same answers, answers must survive a reload, and no request may
leave the local server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import READY, cli_score, click, wait_for

pytestmark = pytest.mark.browser


def shown(page) -> tuple[str | None, str | None]:
    return (page.get_attribute('[data-result="decision"]', "data-value"),
            page.get_attribute('[data-result="score"]', "data-value"))


def test_assessment_matches_cli_and_survives_reload(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    # Nothing answered: the engine's verdict for an empty file.
    empty = cli_score(tmp_path, {})
    wait_for(page, empty["decision"], empty["score"])

    # Answer every item yes, then a few otherwise: each step must match the CLI.
    items = page.eval_on_selector_all("[data-item]", "els => els.map(e => e.getAttribute('data-item'))")
    assert len(items) >= 80
    answers: dict[str, object] = {}
    for item in items:
        click(page, item, "yes")
        answers[item] = "yes"
    result = cli_score(tmp_path, answers)
    assert result["decision"] == "go"
    wait_for(page, result["decision"], result["score"])

    for item, value in [("OWN-002", "partial"), ("DATA-001", "no"), ("EVAL-001", "unsure")]:
        click(page, item, value)
        answers[item] = value
    result = cli_score(tmp_path, answers)
    wait_for(page, result["decision"], result["score"])
    decision, score = shown(page)
    assert (decision, float(score)) == (result["decision"], result["score"])

    critical = next(i for i in items if i == "OWN-001")
    click(page, critical, "no")
    answers[critical] = "no"
    result = cli_score(tmp_path, answers)
    assert result["decision"] == "no-go"
    wait_for(page, "no-go", result["score"])
    plan = page.eval_on_selector_all("[data-plan-item]", "els => els.map(e => e.getAttribute('data-plan-item'))")
    assert plan == [step["item"] for step in result["plan"]]

    page.reload()
    page.wait_for_selector(READY, timeout=60_000)
    wait_for(page, result["decision"], result["score"])
    assert page.is_checked('[data-item="OWN-001"] input[value="no"]')
    assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')

    assert any(url.endswith("pyodide.asm.wasm") for url in page.requests.urls), "the worker's fetches were not seen"
    origin = site_url.split("/", 3)[:3]
    assert page.requests.foreign("/".join(origin) + "/") == []


def test_dimension_page_feeds_the_assessment_with_instant_navigation(page, site_url: str) -> None:
    page.goto(site_url + "dimensions/ownership/")
    # The scorer starts when the reader reaches the checklist; answering works before it is ready.
    click(page, "OWN-003", "partial")
    page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state="ready"]', timeout=60_000)
    page.wait_for_function(
        "() => /\\(.+\\) — 1 of/.test(document.querySelector('[data-p2p-dimension=\"OWN\"]').textContent || '')")
    # Follow a link: mkdocs-material swaps the page in place (no reload), and the
    # live checklist must mount again on the new content.
    page.evaluate("window.__p2pSamePage = true")
    page.click('a[href$="assessment/"]')
    page.wait_for_url("**/assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    assert page.evaluate("window.__p2pSamePage === true"), "the link reloaded the page: instant navigation is off"
    assert page.is_checked('[data-item="OWN-003"] input[value="partial"]')
    # Answering on the swapped-in page still scores.
    click(page, "OWN-001", "no")
    page.wait_for_function("() => document.querySelector('[data-result=\"decision\"]')"
                           ".getAttribute('data-value') === 'no-go'")
