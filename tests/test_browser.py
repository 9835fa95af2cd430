"""End to end in real Chromium: the built site, served on 127.0.0.1, scored by Pyodide in a worker.

The browser's decision and score must equal what ``pilot2prod score --format json``
prints for the same answers, answers must survive a reload, and no request may
leave the local server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
READY = '[data-p2p-assessment][data-scorer-state="ready"]'


def cli_score(tmp_path: Path, answers: dict[str, object]) -> dict:
    path = tmp_path / "answers.json"
    # ensure_ascii=False: the CLI reads JSON with a YAML parser, which rejects surrogate-pair escapes.
    path.write_text(json.dumps({"pilot": "", "answers": answers}, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "scoring", "score", str(path), "--format", "json",
                           "--checklists", str(ROOT / "checklists")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def reveal(page, item: str) -> None:
    """On the guided assessment, open the step of the item's dimension when another one is shown, as a
    reader would (the step list); elsewhere, nothing."""
    section = page.locator(f'.p2p-assessment__dimension:has([data-item="{item}"])')
    if section.count() and section.is_hidden():
        page.click(f'[data-p2p-step="{section.get_attribute("data-p2p-checklist")}"]')
        section.wait_for(state="visible")


def click(page, item: str, value: str) -> None:
    reveal(page, item)
    page.locator(f'[data-item="{item}"] input[value="{value}"]').check()


def shown(page) -> tuple[str | None, str | None]:
    return (page.get_attribute('[data-result="decision"]', "data-value"),
            page.get_attribute('[data-result="score"]', "data-value"))


def wait_for(page, decision: str, score: float | None) -> None:
    # The score is compared as a number: JSON's 62.0 is JavaScript's 62.
    page.wait_for_function(
        """([d, s]) => {
            const dec = document.querySelector('[data-result="decision"]');
            const sc = document.querySelector('[data-result="score"]');
            if (!dec || !sc || dec.getAttribute('data-value') !== d) return false;
            const shown = sc.getAttribute('data-value');
            return s === null ? shown === "" : shown !== "" && Number(shown) === s;
        }""",
        arg=[decision, score], timeout=30_000,
    )


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
