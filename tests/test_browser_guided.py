"""The quick check, the guided assessment and the summary bar, in real Chromium (issue 12).

The quick check's verdicts come from the engine's rule (all no: still a pilot; all yes: the other
verdict) and its answers are the assessment's; the assessment shows one dimension at a time, with
steps, "next unanswered", answer keys and a toggle to the long view; the bar stays in view at the last
question and speaks only when the decision changes; no page scrolls sideways on a 390 px phone.
"""

from __future__ import annotations

import json

import pytest

from browser_helpers import READY, ROOT, click

pytestmark = pytest.mark.browser

QUICK = '[data-p2p-quick][data-scorer-state="ready"]'
VERDICT = '[data-result="quick-check"]'
SHOWN = ".p2p-assessment__dimension:not([hidden])"


def headline(critical: bool | None = None) -> list[str]:
    """The headline items' ids (only the critical ones, or only the others, when asked)."""
    from scoring.files import load_checklists

    model = load_checklists(ROOT / "checklists").model
    return [item.id for dim in model.dimensions for item in dim.items
            if item.headline and critical in (None, item.critical)]


def headline_ids() -> list[str]:
    return headline()


def active_item(page) -> str | None:
    return page.evaluate("() => document.activeElement.closest('[data-item]')?.getAttribute('data-item') ?? null")


def answer_all(page, ids: list[str], value: str) -> None:
    for item in ids:
        click(page, item, value)


def test_quick_check_verdicts_follow_the_engine_and_the_answers_carry_over(page, site_url: str) -> None:
    ids = headline_ids()
    page.goto(site_url + "quick-check/")
    page.wait_for_selector(QUICK, timeout=60_000)
    # Only the headline items, in the checklists' order.
    assert page.eval_on_selector_all("[data-item]", "els => els.map(e => e.getAttribute('data-item'))") == ids
    answer_all(page, ids, "no")
    every = f"Quick check: still a pilot ({len(ids)} of {len(ids)} headline items unmet"
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent.includes(t)", arg=[VERDICT, every])
    verdict = page.inner_text(VERDICT)
    assert "ready for the full assessment" not in verdict
    # Each unmet item is named and linked to its guidance.
    links = page.eval_on_selector_all(f"{VERDICT} a", "els => els.map(a => a.getAttribute('href'))")
    assert {link.split("#")[1] for link in links} == set(ids)
    assert all("/dimensions/" in link for link in links)
    assert "still a pilot" in page.inner_text('[data-p2p-bar="quick"]')
    answer_all(page, ids, "yes")
    # The verdict turns at 3 unmet (the rule is stated beside it): wait for every answer to be scored.
    done = f"Quick check: ready for the full assessment (0 of {len(ids)} headline items unmet"
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent.includes(t)", arg=[VERDICT, done])
    assert page.eval_on_selector_all(f"{VERDICT} a", "els => els.length") == 0  # no unmet item left to name
    assert "still a pilot" not in page.inner_text('[data-p2p-bar="quick"]')
    # The same answers on the full assessment.
    page.click('.p2p-quick__next a')
    page.wait_for_selector(READY, timeout=60_000)
    for item in ids:
        assert page.is_checked(f'[data-item="{item}"] input[value="yes"]'), item


def test_quick_check_by_keyboard_alone(page, site_url: str) -> None:
    ids = headline_ids()
    page.goto(site_url + "quick-check/")
    page.wait_for_selector(QUICK, timeout=60_000)
    for _ in range(80):  # Tab from the top of the page to the first question
        page.keyboard.press("Tab")
        if active_item(page):
            break
    assert active_item(page) == ids[0]
    for item in ids:
        assert active_item(page) == item
        page.keyboard.press("y")  # answers yes; the focus moves to the next question
    done = f"Quick check: ready for the full assessment (0 of {len(ids)} headline items unmet"
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent.includes(t)", arg=[VERDICT, done])
    assert all(page.is_checked(f'[data-item="{item}"] input[value="yes"]') for item in ids)


def test_guided_steps_next_unanswered_keys_and_toggle(page, site_url: str) -> None:
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    # One dimension shown, the first step current; the others are not laid out.
    assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-OWN"]
    assert page.get_attribute('[data-p2p-step="OWN"]', "aria-current") == "step"
    click(page, "OWN-001", "yes")
    page.click('[data-p2p-go="todo"]')
    assert active_item(page) == "OWN-002"
    page.keyboard.press("p")  # partly
    assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
    assert active_item(page) == "OWN-003"
    page.keyboard.press("3")  # the third answer: no
    assert page.is_checked('[data-item="OWN-003"] input[value="no"]')
    page.keyboard.press("a")  # not applicable: the focus goes to its reason
    assert page.evaluate("() => document.activeElement.getAttribute('data-p2p-extra')") == "reason"
    assert page.inner_text('[data-p2p-step-count="OWN"]').startswith("4 of 11")
    # Answer the rest of the dimension by keys: after its last question the focus is on "Next dimension".
    page.focus('[data-item="OWN-005"] input[value="yes"]')
    own = page.eval_on_selector_all('#assess-OWN [data-item]', "els => els.map(e => e.getAttribute('data-item'))")
    for _ in own[4:]:
        page.keyboard.press("y")
    assert page.evaluate("() => document.activeElement.getAttribute('data-p2p-go')") == "next"
    assert page.get_attribute('[data-p2p-step="OWN"]', "data-p2p-done") == ""
    page.keyboard.press("Enter")
    assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-DATA"]
    assert page.get_attribute('[data-p2p-step="DATA"]', "aria-current") == "step"
    # Previous goes back; next unanswered wraps round to the first question still open.
    page.click('[data-p2p-go="previous"]')
    assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-OWN"]
    page.click('[data-p2p-go="todo"]')
    assert active_item(page) == "DATA-001"
    assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-DATA"]
    # The long view: every dimension; back to the steps.
    page.check("[data-p2p-all]")
    assert page.locator(SHOWN).count() == 11
    assert page.locator('[data-p2p-step][aria-current]').count() == 0
    page.uncheck("[data-p2p-all]")
    assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-DATA"]
    # A printout has every dimension, whatever is shown on screen.
    page.emulate_media(media="print")
    assert page.evaluate("""() => Array.from(document.querySelectorAll('.p2p-assessment__dimension'))
        .every((s) => getComputedStyle(s).display !== 'none')""")


def bar_in_view(page) -> bool:
    """The bar is inside the window, and the focused question is not under it."""
    return page.evaluate("""() => {
        const bar = document.querySelector('[data-p2p-summary]').getBoundingClientRect();
        const item = document.activeElement.closest('[data-item]').querySelector('.p2p-item__answers')
            .getBoundingClientRect();
        return bar.top >= 0 && bar.bottom <= innerHeight + 0.5 && item.bottom <= bar.top + 0.5 && item.top >= 0;
    }""")


@pytest.mark.parametrize("width", [1280, 390])
def test_summary_bar_in_view_at_the_last_question(browser, site_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(site_url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        page.click('[data-p2p-step="BIZ"]')
        last = page.eval_on_selector_all('#assess-BIZ [data-item]', "els => els.at(-1).getAttribute('data-item')")
        page.focus(f'[data-item="{last}"] input[value="yes"]')
        page.keyboard.press("n")
        page.wait_for_selector('[data-p2p-bar="score"]:not(:empty)')
        page.focus(f'[data-item="{last}"] input[value="no"]')
        assert bar_in_view(page)
        text = page.inner_text("[data-p2p-summary]")
        assert "Decision: NO-GO" in text and "quick check: still a pilot" in text and "1 of " in text
        href = page.get_attribute("[data-p2p-summary] a", "href")
        assert href.endswith("#p2p-results")
        # The same on a dimension page, at its last question.
        page.goto(site_url + "dimensions/cost/")
        last = page.eval_on_selector_all('[data-p2p-checklist="COST"] [data-item]',
                                         "els => els.at(-1).getAttribute('data-item')")
        page.focus(f'[data-item="{last}"] input[value="yes"]')
        page.wait_for_selector('[data-p2p-bar="score"]:not(:empty)', timeout=60_000)
        page.focus(f'[data-item="{last}"] input[value="no"]')
        assert bar_in_view(page)
    finally:
        page.close()


def test_summary_bar_speaks_only_when_the_decision_changes(page, site_url: str) -> None:
    page.goto(site_url + "quick-check/")
    page.wait_for_selector(QUICK, timeout=60_000)
    ids = page.evaluate("""async () => {
        const r = await fetch('../assessment/');
        const doc = new DOMParser().parseFromString(await r.text(), 'text/html');
        return Array.from(doc.querySelectorAll('[data-item]')).map((e) => e.getAttribute('data-item'));
    }""")
    version = page.evaluate("() => JSON.parse(document.getElementById('p2p-settings').textContent).version")
    state = {"version": version, "pilot": "", "assessed": "", "answers": {i: "yes" for i in ids}}
    page.evaluate("(s) => localStorage.setItem('pilot2prod.assessment', s)", json.dumps(state))
    page.reload()
    page.wait_for_selector(QUICK, timeout=60_000)
    page.wait_for_selector('[data-p2p-summary][data-decision="go"]')
    live = "[data-p2p-announce]"
    assert page.get_attribute(live, "aria-live") == "polite"
    assert page.inner_text(live) == ""  # the first decision is read, not announced
    before = page.inner_text('[data-p2p-bar="score"]')
    click(page, headline(critical=False)[0], "partial")  # a non-critical item partly: the decision stays
    page.wait_for_function("(t) => document.querySelector('[data-p2p-bar=\"score\"]').textContent !== t", arg=before)
    assert page.get_attribute("[data-p2p-summary]", "data-decision") == "go"
    assert page.inner_text(live) == ""
    click(page, headline(critical=True)[0], "no")  # a critical headline item unmet: no-go
    page.wait_for_selector('[data-p2p-summary][data-decision="no-go"]')
    assert page.inner_text(live) == "The decision is now NO-GO."


@pytest.mark.parametrize("path", ["", "dimensions/ownership/", "quick-check/", "assessment/"])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page.goto(site_url + path)
        if path in ("quick-check/", "assessment/"):
            page.wait_for_selector('[data-scorer-state="ready"]', timeout=60_000)
            page.wait_for_selector('[data-p2p-bar="score"]:not(:empty)')
        if path == "assessment/":
            page.tap('[data-p2p-step="SEC"]')  # the step list works with touch
            assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-SEC"]
            page.tap('[data-item="SEC-001"] .p2p-answer--no')
            assert page.is_checked('[data-item="SEC-001"] input[value="no"]')
            page.wait_for_selector('[data-result="plan"] :is(li, tr)')
            page.check("[data-p2p-all]")
        wide = page.evaluate("""() => {
            const root = document.documentElement;
            const over = Array.from(document.querySelectorAll('body *')).filter((e) => {
                const r = e.getBoundingClientRect();
                return r.width && r.right > root.clientWidth + 1 && !e.closest('.md-typeset__scrollwrap, .md-sidebar');
            }).slice(0, 5).map((e) => e.tagName + '.' + e.className);
            return {scroll: root.scrollWidth, width: root.clientWidth, over};
        }""")
        assert wide["scroll"] <= wide["width"], wide
    finally:
        page.close()


def test_one_dimension_by_keyboard_alone(page, site_url: str) -> None:
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    for _ in range(120):  # Tab from the top of the page, past the step list, to the first question
        page.keyboard.press("Tab")
        if active_item(page):
            break
    own = page.eval_on_selector_all("#assess-OWN [data-item]", "els => els.map(e => e.getAttribute('data-item'))")
    assert active_item(page) == own[0]
    for item in own:
        assert active_item(page) == item
        page.keyboard.press("1")  # the first answer, yes
    assert all(page.is_checked(f'[data-item="{item}"] input[value="yes"]') for item in own)
    assert page.get_attribute('[data-p2p-step="OWN"]', "data-p2p-done") == ""
    # The dimension is done: the focus is on "Next dimension", and Enter opens it.
    assert page.evaluate("() => document.activeElement.getAttribute('data-p2p-go')") == "next"
    page.keyboard.press("Enter")
    assert page.eval_on_selector_all(SHOWN, "els => els.map(e => e.id)") == ["assess-DATA"]
