"""The storage rules of docs/privacy.md, in Chromium: nothing saved is removed or overwritten before its
backup is written and read back; a full storage is reported and the page keeps working from memory;
saved text the page cannot read is moved aside to a recovery key and offered for download; entries that
are bad one by one are left out and named; ids named like JavaScript properties survive.

Storage is filled to near its quota with filler keys written from the page, as another site feature or
a long-lived profile would fill it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_helpers import READY, STORE, cli_score, click, download, import_file, open_assessment, stored, wait_for
from conftest import ROOT
from scoring import api
from scoring.files import load_checklists
from scoring.parse import parse_document

pytestmark = pytest.mark.browser

BACKUP = "pilot2prod.assessment.previous"
RECOVERY = "pilot2prod.assessment.unreadable"

# Fills localStorage until at most about `free` characters are left. A filler of that size is written
# first and removed at the end, so the space left is the same whatever the browser's quota is.
FILL = """(free) => {
    if (free) localStorage.setItem('filler-free', 'x'.repeat(free));
    let size = 1 << 20, n = 0;
    while (size >= 8) {
        try { localStorage.setItem('filler-' + n, 'x'.repeat(size)); n++; } catch (err) { size >>= 1; }
    }
    localStorage.removeItem('filler-free');
    return n;
}"""
EMPTY_FILLER = "() => Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k))"

UNSAVED = ("Your latest changes could not be saved: this browser's storage for this site is full. They are kept "
           "on this page until you close or reload it; download your answers to keep a copy.")


def item_ids() -> list[str]:
    return [item.id for dim in load_checklists(ROOT / "checklists").model.dimensions for item in dim.items]


def seeded(browser, saved: dict[str, str]):
    """A fresh browser whose storage holds ``saved`` (key -> raw text) when the site first opens."""
    context = browser.new_context()
    lines = [f"localStorage.setItem({json.dumps(key)}, {json.dumps(text)});" for key, text in saved.items()]
    # Once per context: a reload must see what the page itself wrote, not the seed again.
    context.add_init_script("if (!localStorage.getItem('seeded')) { localStorage.setItem('seeded', '1'); "
                            + " ".join(lines) + " }")
    return context


def alert(page, kind: str) -> str:
    selector = f'[data-p2p-alert="{kind}"]'
    page.wait_for_selector(selector, timeout=15_000)
    return page.inner_text(selector + " .p2p-alert__text")


def raw(page, key: str) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", key)


# ---- 1. a destructive step needs its backup first -------------------------------------------------

def big_state() -> tuple[dict, dict]:
    """99 answers with 3 KB notes (about 300 KB saved), and a small, older backup."""
    ids = item_ids()[:99]
    current = {"version": "", "pilot": "Claims triage", "assessed": "",
               "answers": {i: {"answer": "partial", "note": f"{i} " + "n" * 3000} for i in ids}}
    stale = {"version": "", "pilot": "an old pilot", "assessed": "", "answers": {"OWN-001": "no"}}
    return current, stale


def test_clear_all_is_refused_when_its_backup_cannot_be_written(browser, site_url: str) -> None:
    current, stale = big_state()
    context = seeded(browser, {STORE: json.dumps(current), BACKUP: json.dumps(stale)})
    try:
        page = context.new_page()
        open_assessment(page, site_url)
        assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
        page.evaluate(FILL, 150_000)  # less room than the 300 KB backup needs
        before = (raw(page, STORE), raw(page, BACKUP))
        page.on("dialog", lambda dialog: dialog.accept())
        page.click('[data-p2p-action="clear"]')
        page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.startsWith('Nothing was cleared')")
        assert page.inner_text("[data-p2p-notice]") == (
            "Nothing was cleared: there is no room in this browser's storage to keep a copy of your answers for "
            "Undo. Download your answers, or free some space, and try again.")
        assert page.locator(".p2p-notice__undo").count() == 0
        assert (raw(page, STORE), raw(page, BACKUP)) == before
        assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')

        # With room again, Clear all works and Undo brings back these answers, not the older backup.
        page.evaluate(EMPTY_FILLER)
        page.click('[data-p2p-action="clear"]')
        page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{STORE}')).answers).length === 0")
        assert json.loads(raw(page, BACKUP))["answers"] == current["answers"]
        page.click(".p2p-notice__undo")
        page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{STORE}')).answers).length === 99")
        assert stored(page)["answers"] == current["answers"]
        assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
    finally:
        context.close()


def test_import_is_refused_when_its_backup_cannot_be_written(browser, site_url: str, tmp_path: Path) -> None:
    current, stale = big_state()
    context = seeded(browser, {STORE: json.dumps(current), BACKUP: json.dumps(stale)})
    try:
        page = context.new_page()
        open_assessment(page, site_url)
        page.evaluate(FILL, 150_000)
        before = (raw(page, STORE), raw(page, BACKUP))
        small = tmp_path / "small.yaml"
        small.write_text("answers:\n  OWN-001: yes\n", encoding="utf-8")
        import_file(page, small)
        page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.startsWith('small.yaml')")
        assert page.inner_text("[data-p2p-notice]") == (
            "small.yaml was not loaded: there is no room in this browser's storage to keep a copy of your current "
            "answers for Undo. Download your answers, or free some space, and try again.")
        assert (raw(page, STORE), raw(page, BACKUP)) == before
        assert not page.is_checked('[data-item="OWN-001"] input[value="yes"]')
    finally:
        context.close()


def test_undo_is_refused_when_the_answers_it_replaces_cannot_be_kept(browser, site_url: str, tmp_path: Path) -> None:
    current, stale = big_state()
    context = seeded(browser, {STORE: json.dumps(stale)})
    try:
        page = context.new_page()
        open_assessment(page, site_url)
        big = tmp_path / "big.json"
        big.write_text(json.dumps({"pilot": current["pilot"], "answers": current["answers"]}), encoding="utf-8")
        import_file(page, big)
        page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.startsWith('Loaded 99')")
        page.evaluate(FILL, 150_000)  # Undo must first copy the 300 KB it replaces into the backup
        before = (raw(page, STORE), raw(page, BACKUP))
        assert json.loads(before[1])["answers"] == stale["answers"]
        page.click(".p2p-notice__undo")
        page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.startsWith('Nothing was restored')")
        assert page.inner_text("[data-p2p-notice]") == (
            "Nothing was restored: there is no room in this browser's storage to keep a copy of the current answers. "
            "Download your answers, or free some space, and try again.")
        assert (raw(page, STORE), raw(page, BACKUP)) == before
        assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
    finally:
        context.close()


# ---- 2. a full storage is reported; the page works from memory ------------------------------------

def test_a_full_storage_is_reported_and_nothing_on_the_page_is_lost(browser, site_url: str, tmp_path: Path) -> None:
    context = seeded(browser, {STORE: json.dumps({"version": "", "pilot": "", "answers": {"OWN-001": "yes"}})})
    try:
        page = context.new_page()
        open_assessment(page, site_url)
        page.evaluate(FILL, 0)
        click(page, "OWN-003", "no")
        assert alert(page, "unsaved") == UNSAVED
        assert page.get_attribute('[data-p2p-alert="unsaved"]', "role") == "alert"
        # The click stands; the score is the CLI's for the answers on the page.
        assert page.is_checked('[data-item="OWN-003"] input[value="no"]')
        result = cli_score(tmp_path, {"OWN-001": "yes", "OWN-003": "no"})
        wait_for(page, result["decision"], result["score"])
        page.fill('[data-p2p-field="pilot"]', "Claims triage")
        page.click('[data-item="OWN-002"] .p2p-item__extra summary')
        page.fill('[data-item="OWN-002"] .p2p-item__note-input', "budget owner to be named")
        assert json.loads(raw(page, STORE))["answers"] == {"OWN-001": "yes"}  # nothing could be written

        # Another page of the site (instant navigation, same session): the answers and the notice follow.
        page.click('#assess-OWN .p2p-assessment__guide')
        page.wait_for_url("**/dimensions/ownership/")
        page.wait_for_selector('[data-p2p-checklist="OWN"]')
        assert page.is_checked('[data-item="OWN-003"] input[value="no"]')
        assert alert(page, "unsaved") == UNSAVED

        # The notice's download is an answers file with everything on the page.
        with page.expect_download() as info:
            page.click('[data-p2p-alert="unsaved"] button')
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        data = parse_document(saved.read_text(encoding="utf-8"), saved.name).data  # the CLI's reader
        assert data["pilot"] == "Claims triage"
        assert data["answers"] == {"OWN-001": "yes", "OWN-002": {"answer": "unsure", "note": "budget owner to be named"},
                                   "OWN-003": "no"}

        # Once there is room, the next change saves everything and the notice goes.
        page.evaluate(EMPTY_FILLER)
        click(page, "OWN-004", "yes")
        page.wait_for_selector('[data-p2p-alert="unsaved"]', state="detached")
        state = stored(page)
        assert state["pilot"] == "Claims triage"
        assert state["answers"] == {"OWN-001": "yes", "OWN-002": {"answer": "unsure", "note": "budget owner to be named"},
                                    "OWN-003": "no", "OWN-004": "yes"}
    finally:
        context.close()


# ---- 3. saved text the page cannot read -----------------------------------------------------------

UNREADABLE = {
    "cut short": '{"version": "", "pilot": "Claims", "answers": {"OWN-001": "yes", "OWN-002": "par',
    "answers a list": '{"pilot": "Claims", "answers": ["OWN-001", "yes"]}',
    "answers null": '{"pilot": "Claims", "answers": null}',
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_saved_answers_are_moved_aside_and_offered(browser, site_url: str, tmp_path: Path, case: str) -> None:
    text = UNREADABLE[case]
    context = seeded(browser, {STORE: text})
    try:
        page = context.new_page()
        page.goto(site_url + "dimensions/ownership/")
        reason = "it is not valid JSON" if case == "cut short" else "it holds no mapping of answers"
        assert alert(page, "recovery") == (
            f"The answers saved in this browser could not be read ({reason}). They are kept as they were under "
            f"{RECOVERY}, and the page starts with no answers.")
        assert raw(page, RECOVERY) == text
        click(page, "OWN-001", "no")  # answering goes on, and never writes over the saved text
        page.wait_for_function(f"() => localStorage.getItem('{STORE}') !== null")
        assert stored(page)["answers"] == {"OWN-001": "no"}
        assert raw(page, RECOVERY) == text
        with page.expect_download() as info:
            page.click('[data-p2p-alert="recovery"] [data-p2p-alert-action="download"]')
        assert Path(info.value.path()).read_text(encoding="utf-8") == text
        assert info.value.suggested_filename == "pilot2prod-unreadable-answers.txt"

        # Each load says it again while the text is kept; deleting it is the reader's choice, asked first.
        page.reload()
        assert "under " + RECOVERY in alert(page, "recovery")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click('[data-p2p-alert="recovery"] [data-p2p-alert-action="delete"]')
        page.wait_for_selector('[data-p2p-alert="recovery"]', state="detached")
        assert raw(page, RECOVERY) is None
        assert stored(page)["answers"] == {"OWN-001": "no"}
    finally:
        context.close()


def test_unreadable_text_in_a_full_storage_is_left_as_it_was_until_it_can_be_moved(browser, site_url: str) -> None:
    context = browser.new_context()
    # Before the page runs: the unreadable text, then filler up to the quota.
    context.add_init_script("if (!localStorage.getItem('seeded')) { localStorage.setItem('seeded', '1'); "
                            f"localStorage.setItem('{STORE}', '{{cut'); ({FILL})(0); }}")
    try:
        page = context.new_page()
        page.goto(site_url + "dimensions/ownership/")
        assert alert(page, "recovery") == (
            "The answers saved in this browser could not be read (it is not valid JSON). There is no room to copy "
            "them aside, so they are left as they were and the changes on this page are not saved.")
        assert alert(page, "unsaved") == UNSAVED
        click(page, "OWN-001", "yes")
        assert page.is_checked('[data-item="OWN-001"] input[value="yes"]')
        assert (raw(page, STORE), raw(page, RECOVERY)) == ("{cut", None)
        with page.expect_download() as info:
            page.click('[data-p2p-alert="recovery"] [data-p2p-alert-action="download"]')
        assert Path(info.value.path()).read_text(encoding="utf-8") == "{cut"

        page.evaluate(EMPTY_FILLER)
        click(page, "OWN-002", "no")
        page.wait_for_selector('[data-p2p-alert="unsaved"]', state="detached")
        assert raw(page, RECOVERY) == "{cut"
        assert stored(page)["answers"] == {"OWN-001": "yes", "OWN-002": "no"}
        assert alert(page, "recovery") == f"Saved answers this page could not read are kept in this browser under {RECOVERY}."
    finally:
        context.close()


def test_a_second_unreadable_text_never_overwrites_the_first(browser, site_url: str) -> None:
    context = seeded(browser, {STORE: "{cut", RECOVERY: "an earlier one"})
    try:
        page = context.new_page()
        page.goto(site_url + "dimensions/ownership/")
        assert f"under {RECOVERY}.2," in alert(page, "recovery")
        assert (raw(page, RECOVERY), raw(page, RECOVERY + ".2")) == ("an earlier one", "{cut")
    finally:
        context.close()


def test_bad_saved_entries_are_left_out_and_named_and_the_rest_loads(browser, site_url: str, tmp_path: Path) -> None:
    version = load_checklists(ROOT / "checklists").model.config.version
    saved = {"version": version, "pilot": ["not", "text"], "assessed": "",
             "answers": {"OWN-001": "yes", "OWN-002": {"answer": "partial", "note": {"x": 1}}, "OWN-003": "maybe",
                         "OWN-004": {"answer": "na"}},
             "kept": {"ZZZ-001": {"answer": "maybe"}, "ZZZ-002": "no"}}
    text = json.dumps(saved)
    context = seeded(browser, {STORE: text})
    try:
        page = context.new_page()
        page.goto(site_url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        message = alert(page, "recovery")
        for name in ("pilot", "answers.OWN-002.note", "answers.OWN-003", "answers.ZZZ-001.answer"):
            assert name + ":" in message, name
        assert "OWN-001" not in message and "ZZZ-002" not in message and "OWN-004" not in message
        assert message.endswith(f" The saved text as it was is kept under {RECOVERY}.")
        # The sentence naming them is the engine's (scoring.api.restore), run here in CPython.
        assert message.startswith(expected_restore_notice(saved))
        assert raw(page, RECOVERY) == text
        state = stored(page)
        assert state["pilot"] == ""
        assert state["answers"] == {"OWN-001": "yes", "OWN-002": "partial", "OWN-004": {"answer": "na"}}
        assert state["kept"] == {"ZZZ-002": "no"}
        result = cli_score(tmp_path, {"OWN-001": "yes", "OWN-002": "partial", "ZZZ-002": "no"})
        wait_for(page, result["decision"], result["score"])
        assert page.is_checked('[data-item="OWN-004"] input[value="na"]')  # waiting for its reason, as before
    finally:
        context.close()


def expected_restore_notice(saved: dict) -> str:
    from test_browser_api import _model_json

    assert json.loads(api.load(_model_json()))["ok"]
    doc = {**saved, "answers": {k: v for k, v in saved["answers"].items() if k != "OWN-004"}}
    out = json.loads(api.restore(json.dumps(doc)))
    assert out["ok"], out
    return out["notice"]


# ---- 4. ids named like JavaScript properties -----------------------------------------------------

ODD_IDS = {"__proto__": "yes", "constructor": "no", "toString": {"answer": "partial", "note": "n"},
           "hasOwnProperty": "unsure"}


def test_ids_named_like_javascript_properties_round_trip(browser, page, site_url: str, tmp_path: Path) -> None:
    # Saved state is read as text here: Playwright's own transfer of objects would lose "__proto__".
    open_assessment(page, site_url)
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"pilot": "p", "answers": {"OWN-001": "yes", **ODD_IDS}}), encoding="utf-8")
    import_file(page, odd)
    page.wait_for_function("() => document.querySelector('[data-p2p-notice]').textContent.includes('Loaded')")
    assert json.loads(raw(page, STORE))["kept"] == ODD_IDS
    page.wait_for_function("() => document.querySelector('[data-result=\"notes\"]').textContent.includes('hasOwnProperty')")
    notes = page.inner_text('[data-result="notes"]')
    assert all(i in notes for i in ODD_IDS)
    for kind in ("export-yaml", "export-json"):
        exported = download(page, kind, tmp_path)
        data = parse_document(exported.read_text(encoding="utf-8"), exported.name).data
        assert data["answers"] == {"OWN-001": "yes", **ODD_IDS}, kind

    # Saved that way by an earlier page, they load and export the same.
    context = seeded(browser, {STORE: json.dumps({"version": "", "pilot": "", "answers": {"OWN-002": "no", **ODD_IDS}})})
    try:
        fresh = context.new_page()
        open_assessment(fresh, site_url)
        assert fresh.is_checked('[data-item="OWN-002"] input[value="no"]')
        exported = download(fresh, "export-json", tmp_path)
        assert json.loads(exported.read_text(encoding="utf-8"))["answers"] == {"OWN-002": "no", **ODD_IDS}
        click(fresh, "OWN-003", "yes")
        fresh.wait_for_function(f"() => JSON.parse(localStorage.getItem('{STORE}')).answers['OWN-003'] === 'yes'")
        state = json.loads(raw(fresh, STORE))
        assert {**state["answers"], **state.get("kept", {})} == {"OWN-002": "no", "OWN-003": "yes", **ODD_IDS}
    finally:
        context.close()
