"""The page renderers (macros/render.py), on their own: HTML contract, links, generated pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import render
from scoring.files import load_checklists
from scoring.words import say

DATA = Path(__file__).parent / "data"
REAL = load_checklists(Path(__file__).resolve().parent.parent / "checklists").model
RELEASES = load_checklists(DATA / "releases").model


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("dimensions/ownership.md", "assessment.md", "../dimensions/ownership/"),
    ("dimensions/ownership.md", "dimensions/cost.md", "../ownership/"),
    ("dimensions/ownership.md", "index.md", "dimensions/ownership/"),
    ("dimensions/ownership.md", "dimensions/ownership.md", "./"),
    ("index.md", "guides/hosting.md", "../../"),
])
def test_html_href_goes_between_page_urls(target: str, page: str, expected: str) -> None:
    assert render.html_href(target, page) == expected


def test_checklist_follows_the_browser_contract() -> None:
    html = render.checklist(REAL, "OWN", "dimensions/ownership.md")
    dim = REAL.dimension("OWN")
    assert html.count("<fieldset") == len(dim.items)
    for item in dim.items:
        assert f'data-item="{item.id}" id="{item.id}"' in html
        values = re.findall(rf'name="p2p-{item.id}" value="(\w+)"', html)
        assert values == ["yes", "partial", "no", "unsure", "na"]
    assert "\n\n" not in html  # one raw HTML block: a blank line would end it


def test_checklist_escapes_text_and_rejects_unknown_dimensions() -> None:
    with pytest.raises(ValueError, match=r"checklist\('NOPE'\): no such dimension; expected one of OWN, DATA"):
        render.checklist(REAL, "NOPE", "index.md")
    html = render.checklist(REAL, "SEC", "dimensions/security.md")
    assert "<script" not in html


def test_assessment_links_every_item_to_its_guidance_without_duplicate_anchors() -> None:
    html = render.assessment(REAL, "assessment.md")
    for item_id, item in REAL.items.items():
        page = REAL.dimension(item.dimension).page
        assert f'href="../dimensions/{page}/#{item_id}"' in html
    assert not re.search(r'id="[A-Z]+-\d{3}"', html)  # anchors live on the dimension pages only


def test_roadmap_puts_every_item_in_its_phase() -> None:
    text = render.roadmap(REAL, "roadmap.md")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    assert [s.split(" {#")[0] for s in sections] == [f"{n}. {p.title}" for n, p in
                                                      enumerate(REAL.config.phases, 1)]
    for section, phase in zip(sections, REAL.config.phases, strict=True):
        linked = re.findall(r"\[([A-Z]+-\d{3})\]\(dimensions/", section)
        assert linked == [i.id for d in REAL.dimensions for i in d.items if i.phase == phase.id]


def test_scoring_rules_come_from_the_config() -> None:
    text = render.scoring_rules(REAL)
    config = REAL.config
    assert f"under **{config.no_go:g}**" in text and f"under **{config.go:g}**" in text
    for level in config.levels:
        assert f"| {level.name} | {level.min:g} |" in text
    assert f"more than\n**{config.quick_check_max_unmet}**" in text


def test_changelog_lists_releases_newest_first_with_retired_ids() -> None:
    text = render.changelog(RELEASES, "changelog.md")
    assert re.findall(r"^## (.+)$", text, re.M) == ["1.1.0 (2026-05-01)", "1.0.0 (2026-01-15)"]
    newest, oldest = text.split("## 1.0.0")
    assert "Added 1 item:" in newest and "[OWN-005](dimensions/ownership.md#OWN-005)" in newest
    assert "- OWN-004: replaced by [OWN-002](dimensions/ownership.md#OWN-002) — merged into the budget item" in newest
    assert "- DATA-003: not replaced — dropped as out of scope" in newest
    assert "OWN-004 (retired in 1.1.0)" in oldest and "DATA-003 (retired in 1.1.0)" in oldest
    assert "No ids were retired." in oldest and "OWN-005" not in oldest


def test_ids_in_guidance_link_to_their_items() -> None:
    html = render.checklist(REAL, "OWN", "dimensions/ownership.md")
    own_005 = html.split('data-item="OWN-005"', 1)[1].split("</fieldset>", 1)[0]
    assert '<a href="../cost/#COST-005">COST-005</a>' in own_005
    assessment = render.assessment(REAL, "assessment.md")
    assert '<a href="../dimensions/cost/#COST-005">COST-005</a>' in assessment
    text = "<p>See EVAL-004, not <code>EVAL-004</code>, <a href=\"x\">EVAL-004</a>, ZZZ-001 or OWN-001.</p>"
    assert render.link_ids(REAL, text, "dimensions/ownership.md", skip="OWN-001") == (
        '<p>See <a href="../evaluation/#EVAL-004">EVAL-004</a>, not <code>EVAL-004</code>, <a href="x">EVAL-004</a>, '
        "ZZZ-001 or OWN-001.</p>")


def test_scoring_rules_state_the_plan_order_from_the_phases() -> None:
    text = render.scoring_rules(REAL)
    assert "1. **Blockers**: critical items answered `no` or `unsure`." in text
    assert "2. **Critical items only partly done**" in text
    assert "3. **Everything else, phase by phase**: " + " → ".join(p.title for p in REAL.config.phases) in text
    headline = sum(1 for i in REAL.items.values() if i.headline)
    assert f"forms the quick check: {headline} items" in text


def test_example_assessment_renders_what_holds_the_decision_and_the_changes() -> None:
    from scoring.answers import parse_answers
    from scoring.engine import score
    from scoring.report import to_markdown

    answers = parse_answers(RELEASES, {"pilot": "P", "assessed": "2026-02-01", "version": "1.0.0", "answers": {
        "OWN-001": {"answer": "partial", "note": "a | b", "evidence": "https://e.example/x"}, "OWN-004": "yes",
        "DATA-003": "no"}})
    result = score(RELEASES, answers)
    text = render.example_assessment(RELEASES, answers, result, "case-study.md", extra_steps=1)
    # The engine's own report, the one `pilot2prod score --format markdown` prints: not a second one built here.
    cli = to_markdown(result, RELEASES)
    assert text.startswith(cli.split("\n")[2] + "\n")  # **Decision: NO-GO** — score ..., below the title
    assert text.startswith("**Decision: NO-GO** — score 0 (Not started), weighted mean 33.3.\n")
    assert ("| [OWN-001](dimensions/ownership.md#OWN-001) Run owner | partial | a \\| b; "
            "[evidence](https://e.example/x) |") in text
    assert "\n### Checklist changes\n\nAnswers made against checklists 1.0.0; scored against 1.1.0.\n" in text
    assert ("- Carried over from retired ids: OWN-004 -> [OWN-002](dimensions/ownership.md#OWN-002) (merged into the "
            "budget item)") in text
    steps = re.findall(r"^\| (\d+) \| \[([A-Z]+-\d{3})\]", text, re.M)
    holding = [s for s in result["plan"] if s["critical"]]
    assert len(steps) == len(holding) + 1 and [i for _, i in steps][:len(holding)] == [s["item"] for s in holding]
    assert f"\nThe first {len(steps)} of the plan's {len(result['plan'])} steps:\n" in text
    assert render.example_compare("a\n```\nb\n", "pilot2prod compare x y") == (
        "````console\n$ pilot2prod compare x y\na\n```\nb\n````\n")


def test_latency_rows_name_each_input_as_the_engines_field() -> None:
    """Issue 15: each row's inputs had the same names (``name``, ``budget_ms``), so a form could not tell
    the rows apart; now every input is named as the calculator's field, and a new row comes from a template."""
    html = render.latency_calculator()
    template = re.search(r"<template data-calc-template>(.*?)</template>", html, re.S)
    assert template, "no row template for 'Add a component'"
    rows = html.replace(template.group(0), "")
    names = re.findall(r'<input [^>]*name="([^"]+)"', rows)
    assert len(names) == len(set(names)) == 13
    assert names[:4] == ["target_ms", "components[0].name", "components[0].budget_ms", "components[0].p95_ms"]
    assert names[-1] == "components[3].p95_ms"
    assert 'data-calc-rows="components"' in rows
    assert re.findall(r'name="([^"]+)"', template.group(1)) == [
        "components[{index}].name", "components[{index}].budget_ms", "components[{index}].p95_ms"]
    assert 'aria-label="Component {number} budget (ms)"' in template.group(1)
    assert 'aria-label="Component 4 measured p95 (ms)"' in rows


def test_an_items_fields_say_which_answer_they_belong_to() -> None:
    """The page's script knows no answer value: the markup says which answer shows the reason field
    and which answer a note alone is filed under."""
    html = render.checklist(REAL, "OWN", "dimensions/ownership.md")
    item = re.search(r'<fieldset class="p2p-item" data-item="OWN-001".*?</fieldset>', html, re.S).group(0)
    assert '<div class="p2p-item__reason" data-p2p-when="na" hidden>' in item
    assert 'class="p2p-item__reason-input" data-p2p-extra="reason"' in item
    assert 'class="p2p-item__note-input" data-p2p-extra="note" data-p2p-fallback="unsure"' in item


def test_quick_check_asks_the_headline_items_and_shows_the_engines_verdict() -> None:
    html = render.quick_check(REAL, "quick-check.md")
    headline = [item.id for dim in REAL.dimensions for item in dim.items if item.headline]
    assert len(headline) == len(REAL.dimensions)
    assert re.findall(r'data-item="([A-Z]+-\d+)"', html) == headline
    assert html.count('data-result="quick-check"') == 1 and html.count("data-p2p-summary") == 1
    assert 'href="../assessment/"' in html and 'href="../assessment/#p2p-results"' in html
    assert "\n\n" not in html


def test_guided_assessment_shows_one_dimension_and_every_step() -> None:
    html = render.assessment(REAL, "assessment.md")
    steps = re.findall(r'data-p2p-step="([A-Z]+)"', html)
    assert steps == [dim.id for dim in REAL.dimensions]
    sections = re.findall(r'<section class="p2p-assessment__dimension" data-p2p-checklist="([A-Z]+)"[^>]*?( hidden)?>',
                          html)
    assert sections == [(dim.id, "" if n == 0 else " hidden") for n, dim in enumerate(REAL.dimensions)]
    # Without a script every dimension is shown, by a style sheet only such a browser loads.
    assert '<noscript><link rel="stylesheet" href="../stylesheets/noscript.css"></noscript>' in html
    noscript = Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "noscript.css"
    assert ".p2p-assessment__dimension[hidden] { display: block; }" in noscript.read_text(encoding="utf-8")
    assert html.count("data-p2p-summary") == 1 and 'href="./#p2p-results"' in html
    assert re.findall(r'data-p2p-go="(\w+)"', html) == ["previous", "next", "todo"]


def test_answer_keys_are_on_every_radio_and_in_the_help() -> None:
    html = render.checklist(REAL, "OWN", "dimensions/ownership.md")
    keys = re.findall(r'value="(\w+)" data-p2p-keys="(\w) (\d)" aria-keyshortcuts="(\w) (\d)"', html)
    assert keys[:5] == [(v, k, str(n), k.upper(), str(n)) for n, (v, k) in enumerate(render.ANSWER_KEYS.items(), 1)]
    assert len(keys) == 5 * len(REAL.dimension("OWN").items)
    help_text = say("keys.help")
    for value, key in render.ANSWER_KEYS.items():
        assert f"{key.upper()} for {render.ANSWER_LABELS[value].lower()}" in help_text, value
    assert f"1 to {len(render.ANSWER_KEYS)}" in help_text
