"""End to end in Chromium: keeping and moving answers (export, import, share, compare, clear),
the na reason, safety of imported text, keyboard use, versioning, calculators, failure and print.

Every expected figure comes from the CLI (``pilot2prod score``) or from ``scoring.calc`` run
in CPython on the same input, never from the page itself.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from browser_helpers import (
    INJECTED,
    READY,
    STORE,
    cli_json,
    cli_score,
    click,
    download,
    import_file,
    open_assessment,
    settled,
    stored,
    wait_for,
)
from conftest import ROOT, run_cli, serve
from scoring.calc import check_cost, check_latency
from scoring.parse import parse_document

pytestmark = pytest.mark.browser

CHECKLISTS = ROOT / "checklists"
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def test_export_then_import_round_trips_and_the_cli_accepts_the_export(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    note = 'quotes " and \\ backslash, a tab\t, yes: no, # not a comment, é, 😀, \u0085 NEL, \u2028 LS'
    page.fill('[data-p2p-field="pilot"]', "Claims: triage \"v2\"")
    page.fill('[data-p2p-field="assessed"]', "2026-11-26")
    click(page, "OWN-001", "yes")
    click(page, "OWN-002", "partial")
    page.click('[data-item="OWN-002"] .p2p-item__extra summary')
    page.fill('[data-item="OWN-002"] .p2p-item__note-input', note)
    click(page, "DATA-004", "na")
    page.fill('[data-item="DATA-004"] .p2p-item__reason-input', "no personal data in scope")
    click(page, "SEC-001", "no")
    click(page, "EVAL-001", "unsure")
    expected = {"OWN-001": "yes", "OWN-002": {"answer": "partial", "note": note},
                "DATA-004": {"answer": "na", "reason": "no personal data in scope"}, "SEC-001": "no",
                "EVAL-001": "unsure"}
    before = stored(page)
    assert before["answers"] == expected

    exported = download(page, "export-yaml", tmp_path)
    assert exported.suffix == ".yaml"
    # The CLI reads it unchanged, and scores what the page shows.
    result = cli_json(exported)
    reference = cli_score(tmp_path, expected)
    for key in ("decision", "reasons", "score", "mean", "dimensions", "blockers", "unknown", "plan", "quick_check"):
        assert result[key] == reference[key], key
    assert (result["pilot"], result["assessed"]) == ('Claims: triage "v2"', "2026-11-26")
    wait_for(page, result["decision"], result["score"])
    assert yaml.safe_load(exported.read_text(encoding="utf-8"))["answers"]["OWN-002"]["note"] == note

    as_json = download(page, "export-json", tmp_path)
    assert json.loads(as_json.read_text(encoding="utf-8"))["answers"] == expected
    assert cli_json(as_json)["plan"] == result["plan"]

    page.on("dialog", lambda dialog: dialog.accept())
    page.click('[data-p2p-action="clear"]')
    page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{STORE}')).answers).length === 0")
    assert not page.is_checked('[data-item="OWN-001"] input[value="yes"]')

    import_file(page, exported)
    page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{STORE}')).answers).length === 5")
    after = stored(page)
    assert {k: after[k] for k in ("pilot", "assessed", "answers")} == {k: before[k] for k in ("pilot", "assessed", "answers")}
    assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
    assert page.input_value('[data-item="OWN-002"] .p2p-item__note-input') == note
    assert page.input_value('[data-p2p-field="pilot"]') == 'Claims: triage "v2"'
    assert "Loaded 5 answers" in page.inner_text("[data-p2p-notice]")
    wait_for(page, result["decision"], result["score"])


def test_a_bad_import_shows_the_clis_errors_and_keeps_the_answers(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    click(page, "OWN-001", "partial")
    click(page, "OWN-004", "yes")
    before = stored(page)
    bad = tmp_path / "bad.yaml"
    bad.write_text("pilot: x\nanswers:\n  OWN-001: yes\n  OWN-002: maybe\n  OWN-003: {answer: na}\n", encoding="utf-8")
    import_file(page, bad)
    page.wait_for_selector(".p2p-errors__line")
    shown = page.eval_on_selector_all(".p2p-errors__line", "els => els.map(e => e.textContent)")
    proc = run_cli("score", bad.name, "--checklists", str(CHECKLISTS), cwd=tmp_path)
    assert proc.returncode == 2
    assert shown == proc.stderr.splitlines()
    assert shown[0].startswith("bad.yaml:4:12: error: answers.OWN-002: expected one of")
    assert "current answers are unchanged" in page.inner_text("[data-p2p-errors]")
    assert stored(page) == before
    assert page.is_checked('[data-item="OWN-001"] input[value="partial"]')

    broken = tmp_path / "broken.yaml"
    broken.write_text("answers:\n  OWN-001: yes\n   OWN-002: [no\n", encoding="utf-8")
    import_file(page, broken)
    page.wait_for_function("() => (document.querySelector('.p2p-errors__line')?.textContent || '').startsWith('broken.yaml:')")
    line = page.inner_text(".p2p-errors__line")
    expected = run_cli("score", broken.name, "--checklists", str(CHECKLISTS), cwd=tmp_path).stderr.splitlines()[0]
    # Same place, same kind of error; the wording can differ a little (libyaml in the CLI, PyYAML's
    # pure-Python parser in the browser).
    assert line.split(": error: ")[0] == expected.split(": error: ")[0] == "broken.yaml:3:11"
    assert line.startswith("broken.yaml:3:11: error: invalid YAML: mapping values are not allowed")
    assert stored(page) == before


def test_share_link_restores_the_answers_in_a_fresh_browser(browser, page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    answers = {"OWN-001": "yes", "OWN-002": {"answer": "partial", "note": "budget pending"}, "DATA-001": "no",
               "COST-001": {"answer": "na", "reason": "fixed-price contract"}}
    for item, value in answers.items():
        click(page, item, value if isinstance(value, str) else value["answer"])
    page.click('[data-item="OWN-002"] .p2p-item__extra summary')
    page.fill('[data-item="OWN-002"] .p2p-item__note-input', "budget pending")
    page.fill('[data-item="COST-001"] .p2p-item__reason-input', "fixed-price contract")
    page.click('[data-p2p-action="share"]')
    page.wait_for_function("() => document.querySelector('[data-p2p-share]').value.includes('#answers=')")
    link = page.input_value("[data-p2p-share]")
    assert link.startswith(site_url + "assessment/#answers=")
    assert "budget" not in link  # compressed, not plain JSON

    context = browser.new_context()
    try:
        fresh = context.new_page()
        requests: list[str] = []
        fresh.on("request", lambda r: requests.append(r.url))
        fresh.goto(link)
        fresh.wait_for_selector(READY, timeout=60_000)
        fresh.wait_for_function(f"() => (JSON.parse(localStorage.getItem('{STORE}') || 'null') || {{answers: {{}}}}).answers['OWN-001'] === 'yes'")
        assert fresh.evaluate(f"JSON.parse(localStorage.getItem('{STORE}')).answers") == answers
        result = cli_score(tmp_path, answers)
        wait_for(fresh, result["decision"], result["score"])
        assert "#" not in fresh.url  # a reload does not import again
        assert all("answers=" not in url for url in requests)  # the fragment never reached the server
    finally:
        context.close()


def test_imported_and_shared_text_is_inert(browser, page, site_url: str, tmp_path: Path) -> None:
    page.add_init_script(INJECTED)  # every element the page gains that could run the text is recorded
    open_assessment(page, site_url)
    evil = tmp_path / "evil.yaml"
    evil.write_text(yaml.safe_dump({
        "pilot": XSS, "assessed": "2026-11-26", "answers": {
            "OWN-001": {"answer": "partial", "note": XSS, "evidence": "javascript:window.__xss=3"},
            "DATA-004": {"answer": "na", "reason": XSS},
            XSS: "yes",
        }}), encoding="utf-8")
    import_file(page, evil)
    page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.includes('Loaded')")
    page.wait_for_function("() => document.querySelector('[data-result=\"notes\"]').textContent.includes('<img')")
    assert page.input_value('[data-p2p-field="pilot"]') == XSS
    assert page.input_value('[data-item="OWN-001"] .p2p-item__note-input') == XSS
    assert page.input_value('[data-item="DATA-004"] .p2p-item__reason-input') == XSS
    # A bad value that carries markup is echoed in the error, as text.
    bad = tmp_path / "evil-bad.yaml"
    bad.write_text(yaml.safe_dump({"assessed": XSS, "answers": {"OWN-001": XSS}}), encoding="utf-8")
    import_file(page, bad)
    page.wait_for_selector(".p2p-errors__line")
    assert "<img" in page.inner_text(".p2p-errors__line")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    settled(page)  # the opened details have been laid out and drawn
    assert page.evaluate("window.__injected") == []  # no element that could run the text was ever added
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"], .md-content script').count() == 0

    # The same through a share link, opened in a fresh browser.
    page.click('[data-p2p-action="share"]')
    page.wait_for_function("() => document.querySelector('[data-p2p-share]').value.includes('#answers=')")
    link = page.input_value("[data-p2p-share]")
    context = browser.new_context()
    context.add_init_script(INJECTED)
    try:
        fresh = context.new_page()
        fresh.goto(link)
        fresh.wait_for_selector(READY, timeout=60_000)
        fresh.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.includes('share link')")
        assert fresh.input_value('[data-p2p-field="pilot"]') == XSS
        settled(fresh)
        assert fresh.evaluate("window.__injected") == []
        assert fresh.evaluate("window.__xss") is None
        assert fresh.locator('img[src="x"]').count() == 0
    finally:
        context.close()


def test_na_needs_a_reason_and_counts_as_not_sure_until_it_has_one(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    click(page, "OWN-001", "yes")
    click(page, "OWN-003", "na")
    reason = page.locator('[data-item="OWN-003"] .p2p-item__reason-input')
    assert reason.is_visible()
    assert reason.get_attribute("aria-invalid") == "true"
    assert page.locator('[data-item="OWN-003"] .p2p-item__reason-input:required').count() == 1
    pending = cli_score(tmp_path, {"OWN-001": "yes"})  # OWN-003 left out: unsure
    wait_for(page, pending["decision"], pending["score"])
    page.wait_for_function("() => document.querySelector('[data-result=\"notes\"]').textContent.includes('OWN-003')")
    assert "need" in page.inner_text('[data-p2p-dimension="OWN"]')
    reason.fill("the run owner is the vendor")
    full = cli_score(tmp_path, {"OWN-001": "yes", "OWN-003": {"answer": "na", "reason": "the run owner is the vendor"}})
    assert full["dimensions"][0]["score"] != pending["dimensions"][0]["score"]
    page.wait_for_function("""(s) => document.querySelector('[data-p2p-dimension="OWN"]').textContent.startsWith(
        document.querySelector('[data-p2p-dimension="OWN"]').textContent.split(':')[0] + ': ' + s)""",
                           arg=str(full["dimensions"][0]["score"]).removesuffix(".0"))
    assert reason.get_attribute("aria-invalid") is None


def test_keyboard_only_completion_of_an_item(page, site_url: str) -> None:
    page.goto(site_url + "dimensions/ownership/")
    # Tab from the top of the page until focus reaches OWN-001's answers.
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("(document.activeElement.closest('[data-item]') || {}).dataset?.item === 'OWN-001'"):
            break
    else:
        pytest.fail("OWN-001 cannot be reached with the Tab key")
    assert page.evaluate("document.activeElement.type") == "radio"
    outline = page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # yes -> partial -> no -> unsure -> na
    assert page.is_checked('[data-item="OWN-001"] input[value="na"]')
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('p2p-item__reason-input')")
    page.keyboard.type("handled by the vendor")
    page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state="ready"]', timeout=60_000)
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}')).answers['OWN-001']") == \
        {"answer": "na", "reason": "handled by the vendor"}
    page.wait_for_function("() => /\\(.+\\) — 1 of/.test(document.querySelector('[data-p2p-dimension=\"OWN\"]').textContent)")


def test_clear_all_asks_first_and_can_be_undone(page, site_url: str) -> None:
    open_assessment(page, site_url)
    click(page, "OWN-001", "yes")
    click(page, "OWN-002", "no")
    before = stored(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click('[data-p2p-action="clear"]')
    assert stored(page) == before
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-p2p-action="clear"]')
    page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{STORE}')).answers).length === 0")
    assert not page.is_checked('[data-item="OWN-001"] input[value="yes"]')
    page.click(".p2p-notice__undo")
    page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{STORE}')).answers).length === 2")
    assert stored(page)["answers"] == before["answers"]
    assert page.is_checked('[data-item="OWN-001"] input[value="yes"]')


def test_compare_with_a_previous_export(page, site_url: str, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text("answers:\n  OWN-001: no\n  OWN-002: partial\n", encoding="utf-8")
    open_assessment(page, site_url)
    click(page, "OWN-001", "yes")
    click(page, "OWN-002", "partial")
    import_file(page, old, "compare")
    page.wait_for_selector("[data-p2p-compare] h3")
    text = page.inner_text("[data-p2p-compare]")
    assert "What moved since old.yaml" in text
    assert "Blockers resolved: OWN-001" in text
    # The engine's words (issue 11): answers as their values, as `pilot2prod compare` prints them.
    assert "OWN-001: no → yes (better)" in text
    assert "OWN-002" not in text.split("Answers changed")[1]


def test_markdown_report_and_print_layout(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    click(page, "OWN-001", "no")
    answers = {"OWN-001": "no"}
    result = cli_score(tmp_path, answers)
    wait_for(page, result["decision"], result["score"])
    report = download(page, "export-markdown", tmp_path).read_text(encoding="utf-8")
    assert "**Decision: NO-GO**" in report
    assert f"]({site_url}dimensions/ownership/#OWN-001)" in report
    page.emulate_media(media="print")
    assert not page.is_visible("[data-p2p-tools]")
    assert not page.is_visible(".md-header")
    assert page.is_visible('[data-result="decision"]')
    assert page.is_visible('[data-item="OWN-001"] .p2p-answer--no')
    assert not page.is_visible('[data-item="OWN-001"] .p2p-answer--yes')


def test_blockers_and_unknowns_link_to_their_guidance(page, site_url: str) -> None:
    open_assessment(page, site_url)
    click(page, "OWN-001", "no")
    # Unanswered critical items are blockers already, so wait for the re-score of the click itself:
    # OWN-001 leaves the unknown list once its "no" is scored.
    page.wait_for_function("""() => {
        const ids = [...document.querySelectorAll('[data-result="unknown"] a')].map(e => e.textContent);
        return ids.includes("OWN-002") && !ids.includes("OWN-001");
    }""")
    href = page.get_attribute('[data-result="blockers"] a', "href")
    assert href == site_url + "dimensions/ownership/#OWN-001"
    unknown = page.eval_on_selector_all('[data-result="unknown"] a', "els => els.map(e => e.textContent)")
    assert "OWN-002" in unknown and "OWN-001" not in unknown
    page.click('input[name="p2p-plan-view"][value="owner"]')
    page.wait_for_selector('[data-result="plan"] h4')
    page.click('[data-result="blockers"] a[href$="#OWN-001"]')
    page.wait_for_url("**/dimensions/ownership/#OWN-001")
    page.wait_for_selector('#OWN-001[data-item="OWN-001"]')


def test_saved_answers_from_an_older_checklist_version_are_mapped_not_lost(
        browser, site_dir: Path, tmp_path: Path) -> None:
    # A copy of the site whose registry retires OWN-090 (replaced by OWN-003) and OWN-091 (no replacement).
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    model_path = next((copy / "assets" / "pilot2prod").glob("model-*.json"))
    model = json.loads(model_path.read_text(encoding="utf-8"))
    registry = model.get("registry") or {}
    issued = list(registry.get("issued") or [i["id"] for d in model["dimensions"].values() for i in d["items"]])
    registry["issued"] = issued + ["OWN-090", "OWN-091"]
    registry["retired"] = {**(registry.get("retired") or {}),
                           "OWN-090": {"replaced_by": "OWN-003", "since": "1.0.0", "reason": "merged"},
                           "OWN-091": {"replaced_by": None, "since": "1.0.0", "reason": "dropped"}}
    model["registry"] = registry
    model_path.write_text(json.dumps(model), encoding="utf-8")
    server, url = serve(copy)
    context = browser.new_context()
    try:
        saved = {"version": "0.9.0", "pilot": "", "answers": {"OWN-090": "partial", "OWN-091": "yes", "ZZZ-001": "no",
                                                               "OWN-001": "yes"}}
        context.add_init_script(f"if (!localStorage.getItem('{STORE}')) localStorage.setItem('{STORE}', "
                                f"{json.dumps(json.dumps(saved))})")
        # The build's snapshot holds the model as built; this copy's edited model is read by the normal boot.
        context.route("**/snapshot-*.bin.gz", lambda route: route.fulfill(status=404, body="not found"))
        page = context.new_page()
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.includes('0.9.0')")
        notice = page.inner_text("[data-p2p-notice]")
        # The engine's words (issue 11): a carried-over id as every report writes it.
        assert "OWN-090 -> OWN-003" in notice and "OWN-091" in notice and "ZZZ-001" in notice
        assert page.is_checked('[data-item="OWN-003"] input[value="partial"]')
        state = stored(page)
        assert state["answers"] == {"OWN-001": "yes", "OWN-003": "partial"}
        assert state["kept"] == {"OWN-091": "yes", "ZZZ-001": "no"}
        assert state["version"] != "0.9.0"
        exported = download(page, "export-yaml", tmp_path)
        text = parse_document(exported.read_text(encoding="utf-8"), exported.name).data  # the CLI's reader
        assert text["answers"] == {"OWN-001": "yes", "OWN-003": "partial", "OWN-091": "yes", "ZZZ-001": "no"}
    finally:
        context.close()
        server.shutdown()


def test_calculators_compute_what_scoring_calc_computes(page, site_url: str) -> None:
    page.goto(site_url + "dimensions/cost/")
    form = '[data-p2p-calc="cost"]'
    inputs = {"cost_per_call": 0.04, "calls_per_workflow": 3, "workflows_per_day": 2000,
              "monthly_growth_percent": 15, "ceiling": 9000, "days_per_month": 30, "months": 12}
    for name, value in inputs.items():
        page.fill(f'{form} input[name="{name}"]', str(value))
    expected, problems = check_cost(inputs)
    assert not problems
    money = f"{expected['monthly_cost_10x']:,.2f}"
    page.wait_for_function("([f, m]) => document.querySelector(f + ' [data-calc-result]').textContent.includes(m)",
                           arg=[form, money], timeout=60_000)
    text = page.inner_text(f"{form} [data-calc-result]")
    assert f"crossed in month {expected['crosses_ceiling_in_month']}" in text
    assert f"{expected['monthly_cost']:,.2f}" in text
    page.fill(f'{form} input[name="cost_per_call"]', "-1")
    page.wait_for_selector(f'{form} input[name="cost_per_call"][aria-invalid="true"]')
    assert "cost_per_call: expected a number from 0 to 1,000,000, got -1" in page.inner_text(f"{form} [data-calc-result]")

    # The latency form on the assessment page, with an added component.
    open_assessment(page, site_url)
    page.click(".p2p-results__calculators details:nth-of-type(2) summary")
    latency = '[data-p2p-calc="latency"]'
    page.click(f"{latency} [data-calc-add]")
    row = page.locator(f"{latency} [data-calc-row]").nth(4)
    # One name per input (issue 15): the row's fields are named as the calculator's, components[4].name…
    row.locator('input[name="components[4].name"]').fill("Guardrails")
    row.locator('input[name="components[4].budget_ms"]').fill("500")
    components = [{"name": "Network and gateway", "budget_ms": 150, "p95_ms": 140},
                  {"name": "Retrieval", "budget_ms": 400, "p95_ms": 650},
                  {"name": "Model call", "budget_ms": 1800, "p95_ms": 1700},
                  {"name": "Post-processing", "budget_ms": 350, "p95_ms": 300},
                  {"name": "Guardrails", "budget_ms": 500}]
    expected, _ = check_latency({"target_ms": 3000, "components": components})
    assert expected["budget_within_target"] is False
    page.wait_for_function("(f) => document.querySelector(f + ' [data-calc-result]').textContent.includes('Guardrails')",
                           arg=latency)
    text = page.inner_text(f"{latency} [data-calc-result]")
    assert f"{expected['budget_total_ms']} ms allocated, over the 3000 ms target by {-expected['unallocated_ms']} ms" in text
    assert "Retrieval" in text and f"over by {expected['components'][1]['over_by_ms']} ms" in text


def test_if_the_scorer_fails_the_answers_are_safe(page, site_url: str, tmp_path: Path) -> None:
    # The scorer cannot start: no snapshot, and the engine it would boot with fails to load.
    page.context.route("**/snapshot-*.bin.gz", lambda route: route.fulfill(status=404, body="not found"))
    page.context.route("**/scoring-*.zip", lambda route: route.fulfill(status=500, body="broken"))
    page.goto(site_url + "assessment/")
    click(page, "OWN-001", "yes")  # answering works before (and without) the scorer
    page.wait_for_selector('[data-p2p-assessment][data-scorer-state="error"]', timeout=60_000)
    status = page.locator("[data-p2p-status]").first
    assert "could not start" in status.inner_text() and "answers are safe" in status.inner_text()
    assert status.get_attribute("role") == "alert"
    click(page, "OWN-002", "partial")
    assert stored(page)["answers"] == {"OWN-001": "yes", "OWN-002": "partial"}
    exported = download(page, "export-yaml", tmp_path)
    assert cli_json(exported)["dimensions"][0]["answered"] == 2
