"""The page renderers (macros/render.py), on their own: HTML contract, links, generated pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import render
from scoring.load import load_checklists

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
    for section, phase in zip(sections, REAL.config.phases):
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
